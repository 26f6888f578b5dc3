"""Scoring of predictions against gold, exactly as gold-format.md describes.

Each ``score_*`` function compares one gold file with one predicted report (an output-contract
dict) and returns counts; :class:`Tally` adds counts over reports (micro-averages).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .gold import CanonIndex, canon, dice, flatten_headings

META_FIELDS = ("year_covered", "level", "issuer", "title", "province", "city", "county_or_district")


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def __iadd__(self, other: PRF) -> PRF:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        return self

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(bool(ok))
        self.total += 1

    def __iadd__(self, other: Ratio) -> Ratio:
        self.hit += other.hit
        self.total += other.total
        return self

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None


@dataclass
class Tally:
    """All measures, summed over reports."""

    meta: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in META_FIELDS})
    headings_1_3: PRF = field(default_factory=PRF)
    headings_all: PRF = field(default_factory=PRF)
    canonical: Ratio = field(default_factory=Ratio)
    topic: Ratio = field(default_factory=Ratio)
    indicators: PRF = field(default_factory=PRF)
    ind_name: Ratio = field(default_factory=Ratio)
    ind_qualifier: Ratio = field(default_factory=Ratio)
    ind_period: Ratio = field(default_factory=Ratio)
    ind_change: Ratio = field(default_factory=Ratio)
    ind_code: Ratio = field(default_factory=Ratio)  # gold indicators with a code: same code
    ind_code_precision: Ratio = field(default_factory=Ratio)  # coded predictions: right code
    ind_code_coverage: Ratio = field(default_factory=Ratio)  # predicted indicators with a measure's code
    ind_topic_coverage: Ratio = field(default_factory=Ratio)  # … with a measure's or a topic code (back-off)
    plans: PRF = field(default_factory=PRF)
    status_pairs: list[tuple[str, str]] = field(default_factory=list)
    #: (calibrated confidence of the verdict, whether the verdict was right), per gold plan
    confidence_pairs: list[tuple[float, bool]] = field(default_factory=list)
    evidence: Ratio = field(default_factory=Ratio)
    reuse: Ratio = field(default_factory=Ratio)
    is_report: Ratio = field(default_factory=Ratio)

    def add(self, other: Tally) -> None:
        for f in META_FIELDS:
            self.meta[f] += other.meta[f]
        for name in ("headings_1_3", "headings_all", "indicators", "plans"):
            getattr(self, name).__iadd__(getattr(other, name))
        for name in (
            "canonical",
            "topic",
            "ind_name",
            "ind_qualifier",
            "ind_period",
            "ind_change",
            "ind_code",
            "ind_code_precision",
            "ind_code_coverage",
            "ind_topic_coverage",
            "evidence",
            "reuse",
            "is_report",
        ):
            getattr(self, name).__iadd__(getattr(other, name))
        self.status_pairs.extend(other.status_pairs)
        self.confidence_pairs.extend(other.confidence_pairs)

    def status_accuracy(self) -> float | None:
        if not self.status_pairs:
            return None
        return sum(g == p for g, p in self.status_pairs) / len(self.status_pairs)

    def status_macro_f1(self) -> float | None:
        """Macro-F1 over the gold status labels present."""
        if not self.status_pairs:
            return None
        labels = sorted({g for g, _ in self.status_pairs})
        f1s = []
        for lab in labels:
            tp = sum(g == lab and p == lab for g, p in self.status_pairs)
            n_pred = sum(p == lab for _, p in self.status_pairs)
            n_gold = sum(g == lab for g, _ in self.status_pairs)
            f1s.append(PRF(tp, n_pred, n_gold).f1)
        return sum(f1s) / len(f1s)

    def not_reported_precision(self) -> float | None:
        """Of the plans the audit called not_reported, the share gold also calls so."""
        said = [g for g, p in self.status_pairs if p == "not_reported"]
        return sum(g == "not_reported" for g in said) / len(said) if said else None

    def reliability(self, bins: int = 5) -> list[dict[str, float]]:
        """Reliability table: per confidence bin, the number of verdicts, their mean confidence
        and the share that were right."""
        rows = []
        for b in range(bins):
            lo, hi = b / bins, (b + 1) / bins
            sel = [(c, ok) for c, ok in self.confidence_pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
            if sel:
                rows.append(
                    {
                        "from": lo,
                        "to": hi,
                        "n": len(sel),
                        "confidence": sum(c for c, _ in sel) / len(sel),
                        "accuracy": sum(ok for _, ok in sel) / len(sel),
                    }
                )
        return rows

    def ece(self, bins: int = 5) -> float | None:
        """Expected calibration error: the verdict-weighted gap between mean confidence and
        accuracy over the reliability table's bins."""
        n = len(self.confidence_pairs)
        if not n:
            return None
        return sum(r["n"] / n * abs(r["confidence"] - r["accuracy"]) for r in self.reliability(bins))

    def figures(self) -> dict[str, float | None]:
        """Flat dict of every figure (what `fzanalyzer eval` prints)."""
        out: dict[str, float | None] = {f"meta.{k}": v.value for k, v in self.meta.items()}
        for name in ("headings_1_3", "headings_all", "indicators", "plans"):
            prf = getattr(self, name)
            if prf.n_gold or prf.n_pred:
                out[f"{name}.P"], out[f"{name}.R"], out[f"{name}.F1"] = prf.precision, prf.recall, prf.f1
        out["canonical.acc"] = self.canonical.value
        out["topic.acc"] = self.topic.value
        out["indicators.name_agree"] = self.ind_name.value
        out["indicators.qualifier_agree"] = self.ind_qualifier.value
        out["indicators.period_agree"] = self.ind_period.value
        out["indicators.change_agree"] = self.ind_change.value
        out["indicators.code_acc"] = self.ind_code.value
        out["indicators.code_precision"] = self.ind_code_precision.value
        out["indicators.code_coverage"] = self.ind_code_coverage.value
        out["indicators.code_coverage_with_topics"] = self.ind_topic_coverage.value
        out["followthrough.status_acc"] = self.status_accuracy()
        out["followthrough.status_macroF1"] = self.status_macro_f1()
        out["followthrough.evidence_hit"] = self.evidence.value
        out["followthrough.not_reported_precision"] = self.not_reported_precision()
        out["followthrough.ECE"] = self.ece()
        out["reuse.recall"] = self.reuse.value
        out["is_report.acc"] = self.is_report.value
        return {k: v for k, v in out.items() if v is not None}


# -- metadata ---------------------------------------------------------------------------------
def score_meta(gold: dict[str, Any], pred: dict[str, Any], t: Tally) -> None:
    """Region fields filled from the gazetteer (``region_inferred``) are not what the text says,
    which is what gold records, so they are compared as null. A field absent from gold (e.g. an
    issuer the page does not name) is not scored."""
    m = pred.get("meta") or {}
    region = dict(m.get("region") or {})
    for f in m.get("region_inferred") or []:
        region[f] = None
    got = {
        "year_covered": m.get("year_covered"),
        "level": m.get("level"),
        "issuer": m.get("issuer"),
        "title": m.get("title"),
        **{k: region.get(k) for k in ("province", "city", "county_or_district")},
    }
    want = {
        **{k: gold[k] for k in ("year_covered", "level", "issuer", "title") if k in gold},
        **(gold.get("region") or {}),
    }
    for f in META_FIELDS:
        if f not in want:
            continue
        g, p = want[f], got[f]
        if g is None or p is None:
            t.meta[f].add(g is None and p is None)
        elif f == "issuer":
            t.meta[f].add(same_issuer(str(g), str(p), m.get("region") or {}))
        elif f in ("province", "city", "county_or_district"):
            t.meta[f].add(same_division(str(g), str(p)))
        elif f == "title":
            t.meta[f].add(same_title(str(g), str(p)))
        else:
            t.meta[f].add(canon(str(g)) == canon(str(p)))


#: a line that names only the issuing organ(s), printed above a title (海东市人民政府, 中共海南省委
#: 海南省人民政府, 中共青岛市交通运输局党组)
_ORGAN_LINE = re.compile(
    r"^[\u4e00-\u9fff（）() ]{2,40}(?:人民政府|政府|委员会|管委会|党委|党组|省委|市委|县委|区委|委|局|厅|办公厅|办公室|部)$"
)


def same_title(gold: str, pred: str) -> bool:
    r"""Do two titles agree? Equal after NFKC and spacing, or equal once the lines above the title
    line that name only the issuing organ are set aside: a header printed as 海东市人民政府 /
    关于2019年度…的报告 is the title with its issuer line (as the real pages' annotators copy it) or
    the title line alone (as the seed's gold and the toolkit give it, the issuer being its own
    field).

    >>> same_title("海东市人民政府\n关于2019年度法治政府建设工作情况的报告", "关于2019年度法治政府建设工作情况的报告")
    True
    >>> same_title("2022年度法治政府建设情况工作报告", "2022法治政府建设情况工作报告")
    False
    """
    if canon(gold) == canon(pred):
        return True

    def core(title: str) -> str:
        lines = [ln.strip() for ln in title.split("\n") if ln.strip()]
        while len(lines) > 1 and _ORGAN_LINE.match(lines[0]):
            lines.pop(0)
        return canon("".join(lines))

    return core(gold) == core(pred)


def same_division(gold: str, pred: str) -> bool:
    """Do two names of a region field name the same division? Equal after NFKC, or one division
    of the gazetteer under its official and its short name (肃南县 = 肃南裕固族自治县, 广东 = 广东省): annotators
    write either, and the toolkit gives the official one.

    >>> same_division("镇宁自治县", "镇宁布依族苗族自治县"), same_division("白云区", "云岩区")
    (True, False)
    >>> same_division("广东", "广东省"), same_division("重庆", "重庆市"), same_division("广东", "广西壮族自治区")
    (True, True, False)
    """
    if canon(gold) == canon(pred):
        return True
    return bool(_division_codes(canon(gold)) & _division_codes(canon(pred)))


def _division_codes(name: str) -> set[str]:
    """Codes of the divisions a name may stand for: by its official or short name in the
    gazetteer, or the short name running text gives a province or city (广东 → 广东省)."""
    from ..meta.gazetteer import gazetteer

    codes = {d.code for d in gazetteer().by_name(name)}
    short = _short_forms().get(name)
    return codes | ({short.code} if short is not None else set())


_CENTRAL = "中华人民共和国"


@cache
def _short_forms() -> dict[str, Any]:
    """Province and city of the gazetteer by the short name running text gives them (珠海 →
    珠海市), where only one division has it."""
    from ..meta.gazetteer import gazetteer
    from ..meta.region import short_form

    g = gazetteer()
    found: dict[str, list[Any]] = {}
    for d in g.rows:
        if g.is_municipal_city(d):
            continue  # 重庆市 as a city of 重庆市: the municipality is its province row
        short = short_form(d.name) if d.current and d.level in ("province", "city") else None
        if short:
            found.setdefault(short, []).append(d)
    return {k: v[0] for k, v in found.items() if len({d.code for d in v}) == 1}


def _split_short_form(tokens: list[Any]) -> list[Any]:
    """A division the gazetteer does not know, glued to the short name of the city or province
    that holds it (珠海高新区 → 珠海市 + 高新区), as two divisions."""
    from ..meta.region import Token

    if not tokens or tokens[0].candidates:
        return tokens
    name = tokens[0].name
    for k in range(len(name) - 2, 1, -1):
        d = _short_forms().get(name[:k])
        if d is not None:
            return [Token(d.name, d.level, [d]), Token(name[k:], tokens[0].kind, []), *tokens[1:]]
    return tokens


def _same_organ(a: str, b: str) -> bool:
    """The same organ, or one under its short name: the short name's characters in the long
    one's order, with the same first and last (文广旅局 = 文化广电新闻出版旅游局, 卫健委 =
    卫生健康委员会, its ending spelled out first); never another head (司法局 ≠ 司法所) or another field (公安局 ≠ 司法局)."""
    from ..meta import organ_in_full

    a, b = organ_in_full(a), organ_in_full(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 3 or short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


def _issuer_form(name: str) -> tuple[list[Any], str]:
    """(division tokens, what follows them) of an issuer's name, each division under its
    gazetteer name where the name is one division's (镇宁自治县 → 镇宁布依族苗族自治县)."""
    from ..meta.region import parse_issuer

    s = canon(name)
    s = s[len(_CENTRAL) :] if s.startswith(_CENTRAL) and len(s) > len(_CENTRAL) + 1 else s
    tokens, organ = parse_issuer(s)
    if tokens and not s.startswith(tokens[0].name):
        return [], s  # divisions inside a longer name (国家税务总局天津市…): compared as written
    return _split_short_form(tokens), organ


def _division_name(token: Any) -> str:
    return token.candidates[0].name if len(token.candidates) == 1 else token.name


def same_issuer(gold: str, pred: str, region: dict[str, Any]) -> bool:
    """Do two names of an issuer name the same body? Equal after NFKC, without the state's
    name before a central organ (中华人民共和国司法部 = 司法部), with every division under its
    gazetteer name (镇宁自治县人民政府 = 镇宁布依族苗族自治县人民政府); and one may name divisions
    above the other's (上海市静安区人民政府 = 静安区人民政府, 彭水县棣棠乡人民政府 = 棣棠乡人民政府)
    when the predicted ``region`` does not name another division there and the gazetteer does
    not place the lower division elsewhere. A different organ or a different division is
    never the same body.

    >>> same_issuer("上海市静安区人民政府", "静安区人民政府", {})
    True
    >>> same_issuer("广州市白云区人民政府", "白云区人民政府", {"city": "贵阳市"})
    False
    >>> same_issuer("北京市静安区人民政府", "静安区人民政府", {})
    False
    >>> same_issuer("澄川市司法局", "澄川市公安局", {})
    False
    >>> same_issuer("塘栖镇", "塘栖镇人民政府", {}), same_issuer("塘栖镇", "塘栖镇司法所", {})
    (True, False)
    """
    from ..meta import government_of, speaks_for_division

    # 中共姚安县委、姚安县人民政府: a report of the Party committee and the government is the government's
    (gt, go), (pt, po) = _issuer_form(government_of(gold)), _issuer_form(government_of(pred))
    if gt and pt and all(not o or speaks_for_division(o) for o in (go, po)):
        go = po  # 塘栖镇 = 塘栖镇人民政府, 凤凰山街道 = 凤凰山街道办事处: a division speaks through its government
    if not _same_organ(go, po):
        return False
    g_names, p_names = [_division_name(t) for t in gt], [_division_name(t) for t in pt]
    if g_names == p_names:
        return True
    longer, shorter = (gt, pt) if len(gt) > len(pt) else (pt, gt)
    if not shorter or [_division_name(t) for t in longer[-len(shorter) :]] != [
        _division_name(t) for t in shorter
    ]:
        return False
    fields = {"province": "province", "city": "city", "county": "county_or_district"}
    from ..meta.gazetteer import gazetteer

    top = shorter[0]
    for t in longer[: -len(shorter)]:
        stated = region.get(fields.get(t.kind, ""))
        if stated and canon(stated) not in (canon(t.name), canon(_division_name(t))):
            return False
        if top.candidates and t.candidates:
            above = {a.code for d in top.candidates for a in gazetteer().ancestors(d)}
            if not above & {d.code for d in t.candidates}:
                return False
    return True


# -- headings ---------------------------------------------------------------------------------
def _key(level: int, marker: str, title: str) -> tuple[int, str, str]:
    return level, canon(marker), canon(title)[:12]


def score_headings(gold: dict[str, Any], pred: dict[str, Any], t: Tally) -> None:
    gh = flatten_headings(gold.get("sections") or [])
    ps = [s for s in pred.get("sections") or [] if s.get("marker") and (s.get("level") or 0) >= 1]
    for max_level, prf in ((3, t.headings_1_3), (99, t.headings_all)):
        g_keys = Counter(_key(h.level, h.marker, h.title) for h in gh if h.level <= max_level)
        p_keys = Counter(_key(s["level"], s["marker"], s["title"]) for s in ps if s["level"] <= max_level)
        prf += PRF(sum((g_keys & p_keys).values()), sum(p_keys.values()), sum(g_keys.values()))
    # Labels of the headings that were found (first unused match in document order).
    by_key: dict[tuple[int, str, str], list[dict[str, Any]]] = {}
    for s in ps:
        by_key.setdefault(_key(s["level"], s["marker"], s["title"]), []).append(s)
    for h in gh:
        cands = by_key.get(_key(h.level, h.marker, h.title))
        if not cands:
            continue
        s = cands.pop(0)
        if h.level == 1 and h.canonical:
            t.canonical.add(s.get("canonical") == h.canonical)
        if h.level == 2 and h.topic:
            t.topic.add(s.get("topic") == h.topic)


# -- indicators -------------------------------------------------------------------------------
def _same_value(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(fa - fb) <= 1e-6 * max(abs(fa), abs(fb), 1e-12)


#: Units that name the same count two ways: 6个方面 is six of 个 (the measure word, the gold
#: format's unit, as most annotators of the real set write it) or six 个方面 (the toolkit's and the
#: project's sets' compound unit for a grouping).
_SAME_UNITS = ({"个", "个方面"},)


def same_unit(a: Any, b: Any) -> bool:
    """Whether two units are the same (after :func:`canon`), or two ways of writing one count."""
    ca, cb = canon(a), canon(b)
    return ca == cb or any({ca, cb} == pair for pair in _SAME_UNITS)


def indicator_matches(g: dict[str, Any], p: dict[str, Any]) -> bool:
    """Equal value and unit (:func:`same_unit`), and gold text within the predicted sentence (or
    texts overlap)."""
    if not _same_value(g.get("value"), p.get("value")) or not same_unit(g.get("unit"), p.get("unit")):
        return False
    gt, pt = canon(g.get("text")), canon(p.get("text"))
    return bool(gt) and (gt in canon(p.get("sentence")) or gt in pt or (bool(pt) and pt in gt))


def score_indicators(gold: dict[str, Any], pred: dict[str, Any], t: Tally) -> list[tuple[dict, dict | None]]:
    """Greedy one-to-one matching in document order; returns (gold, matched pred or None)."""
    from ..extract.codebook import joins_issuers

    golds = gold.get("indicators") or []
    preds = list(pred.get("indicators") or [])
    used = [False] * len(preds)
    pairs: list[tuple[dict, dict | None]] = []
    for g in golds:
        hit = None
        # Prefer a prediction whose text contains the gold text (the same occurrence).
        for strict in (True, False):
            for j, p in enumerate(preds):
                if used[j] or not indicator_matches(g, p):
                    continue
                if strict and canon(g.get("text")) not in canon(p.get("text")):
                    continue
                hit = j
                break
            if hit is not None:
                break
        if hit is not None:
            used[hit] = True
            p = preds[hit]
            t.ind_name.add(dice(g.get("name"), p.get("name")) >= 0.5)
            t.ind_qualifier.add(canon(g.get("qualifier")) == canon(p.get("qualifier")))
            t.ind_period.add(canon(g.get("period")) == canon(p.get("period")))
            t.ind_change.add((g.get("change") or None) == (p.get("change") or None))
            if "code" in g:  # codes are annotated in NAME.codes.json (see find_gold)
                if g["code"]:
                    t.ind_code.add(p.get("code") == g["code"])
                if joins_issuers(p.get("code")):
                    t.ind_code_precision.add(p.get("code") == g["code"])
            pairs.append((g, p))
        else:
            pairs.append((g, None))
    t.indicators += PRF(sum(used), len(preds), len(golds))
    for p in preds:
        # a topic code of the back-off layer is no measure's code: counted apart
        t.ind_code_coverage.add(joins_issuers(p.get("code")))
        t.ind_topic_coverage.add(p.get("code") is not None)
    return pairs


# -- plans ------------------------------------------------------------------------------------
def match_texts(gold_texts: list[str], pred_texts: list[str], threshold: float = 0.8) -> dict[int, int]:
    """One-to-one matching by bigram Dice ≥ threshold, best pairs first: gold index → pred index."""
    scored = sorted(
        ((dice(g, p), i, j) for i, g in enumerate(gold_texts) for j, p in enumerate(pred_texts)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for d, i, j in scored:
        if d < threshold:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score_plans(gold: dict[str, Any], pred: dict[str, Any], t: Tally) -> None:
    g = [p["text"] for p in gold.get("plans") or []]
    p = [x["text"] for x in pred.get("plans") or []]
    t.plans += PRF(len(match_texts(g, p)), len(p), len(g))


# -- follow-through ---------------------------------------------------------------------------
def score_followthrough(
    gold: dict[str, Any],
    prev_gold: dict[str, Any],
    audit_items: list[dict[str, Any]],
    next_text: str,
    t: Tally,
) -> list[dict[str, Any]]:
    """``gold``: NEXT's gold file (holding followthrough); ``prev_gold``: PREV's (holding plans).

    Each gold plan is paired with an audit item by :func:`match_texts` on the plan texts; an
    item's evidence hits when its span overlaps a gold evidence string found in ``next_text``.
    Returns one row per gold plan scored: ``plan_id``, ``gold``, ``pred`` (``missing`` when no
    item was paired) and ``evidence_hit`` (``None`` unless the gold status is fulfilled or
    progressed)."""
    plan_text = {p["id"]: p["text"] for p in prev_gold.get("plans") or []}
    items = audit_items
    ft = [f for f in gold.get("followthrough") or [] if f["plan_id"] in plan_text]
    m = match_texts([plan_text[f["plan_id"]] for f in ft], [it["plan_text"] for it in items])
    idx = CanonIndex(next_text)
    rows = []
    for i, f in enumerate(ft):
        it = items[m[i]] if i in m else None
        pred = it["status"] if it else "missing"
        t.status_pairs.append((f["status"], pred))
        if it is not None and it.get("confidence") is not None:
            t.confidence_pairs.append((float(it["confidence"]), f["status"] == it["status"]))
        hit = None
        if f["status"] in ("fulfilled", "progressed"):
            spans = [s for s in (idx.find(e) for e in f.get("evidence") or []) if s]
            ev = (it or {}).get("evidence") or []
            hit = any(_overlaps((e["start"], e["end"]), s) for e in ev for s in spans)
            t.evidence.add(hit)
        rows.append({"plan_id": f["plan_id"], "gold": f["status"], "pred": pred, "evidence_hit": hit})
    return rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- reuse ------------------------------------------------------------------------------------
def score_reuse(gold: dict[str, Any], this_text: str, pairs: Iterable[dict[str, Any]], t: Tally) -> None:
    """Recall: a gold passage is found when a predicted pair between the two reports covers at
    least half of it on this report's side."""
    this_id = gold["id"]
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in pairs:
        if p["a"] == this_id:
            spans.setdefault(p["b"], []).append((p["a_start"], p["a_end"]))
        if p["b"] == this_id:
            spans.setdefault(p["a"], []).append((p["b_start"], p["b_end"]))
    idx = CanonIndex(this_text)
    for g in gold.get("reused_passages") or []:
        loc = idx.find(g["this_text"])
        if loc is None:
            t.reuse.add(False)
            continue
        covered = _covered(loc, spans.get(g["from_report"], []))
        t.reuse.add(covered >= 0.5 * (loc[1] - loc[0]))


def _covered(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    marks = bytearray(span[1] - span[0])
    for s, e in others:
        for k in range(max(s, span[0]), min(e, span[1])):
            marks[k - span[0]] = 1
    return sum(marks)
