"""Metadata and is_report on the real dev pages as the web also gives them, by halves of the dev
split (a hash of the page id), to check that a rule made on one half holds on the other.

Variants of each dev page: ``orig`` as rebuilt; ``trad`` in traditional script (opencc s2t);
``flat`` with every line break removed (a page copied as one line); ``chrome`` with a generic site
header and footer around it; ``notitle`` without the gold title span (pages whose title line was
lost) — scored on level, year and, where the rest of the page still names it, the issuer.

    python3 scripts/real_stress.py --pages /tmp/realpages [--variants flat,notitle] [--errors A]

Run from the repository root (the package is imported from there). Writes the variants under
a temporary folder; never touches the pages folder.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fzanalyzer.evaluate.real import dev_pages, dev_set_parser, half, real_figures, real_gold
from fzanalyzer.evaluate.score import Tally, score_meta
from fzanalyzer.pipeline import analyze_file

VARIANTS = ("orig", "trad", "flat", "chrome", "notitle")
_CHROME_TOP = "首页 > 政务公开 > 法治政府建设\n字号：[ 大 中 小 ]  打印本页  关闭窗口\n"
_CHROME_END = "\n【打印本页】【关闭窗口】\n主办单位：本网站  网站标识码：1234567890\n"


def variants(text: str, gold: dict, wanted: set[str]):
    import opencc

    if "orig" in wanted:
        yield "orig", text
    if "trad" in wanted:
        yield "trad", opencc.OpenCC("s2t").convert(text)
    if "flat" in wanted:
        yield "flat", re.sub(r"\s*\n\s*", "", text)
    if "chrome" in wanted:
        yield "chrome", _CHROME_TOP + text + _CHROME_END
    span = gold.get("title_span")
    if "notitle" in wanted and span and span[0] < 400:
        yield "notitle", text[: span[0]] + text[span[1] :]


def _notitle_gold(gold: dict, text: str) -> dict:
    keep = {k: gold.get(k) for k in ("level", "year_covered")}
    issuer, region = gold.get("issuer"), gold.get("region") or {}
    if issuer:
        forms = {issuer} | {issuer[len(p) :] for p in region.values() if p and issuer.startswith(p)}
        if any(len(f) >= 4 and f in text for f in forms):
            keep["issuer"] = issuer
    return keep


def main() -> None:
    ap = dev_set_parser(__doc__.split("\n\n")[0], Path("tests/data/real"))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--errors", default="", help="list the misses of these halves (A, B or AB)")
    args = ap.parse_args()
    wanted = set(args.variants.split(","))
    tallies: dict[tuple[str, str], Tally] = {}
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for entry, _path, text in dev_pages(args.real, [args.pages]):
            h = half(entry["id"])
            for name, varied in variants(text, entry["gold"], wanted):
                f = Path(tmp) / name / f"{entry['id']}.txt"
                f.parent.mkdir(exist_ok=True)
                f.write_text(varied, encoding="utf-8")
                gold = real_gold(entry, text)
                meta = analyze_file(f, id=entry["id"]).to_dict()["meta"]
                t = tallies.setdefault((name, h), Tally())
                ok = bool(meta.get("is_report")) == bool(gold.get("is_report"))
                t.is_report.add(ok)
                if not ok:
                    misses.append(
                        (name, h, entry["id"], "is_report", gold.get("is_report"), meta.get("doc_type"))
                    )
                if not gold.get("is_report"):
                    continue
                if name == "notitle":
                    gold = _notitle_gold(gold, varied)
                one = Tally()
                score_meta(gold, {"meta": meta}, one)
                t.add(one)
                for field, v in one.meta.items():
                    if v.value is not None and v.value < 1:
                        want = gold.get(field, (gold.get("region") or {}).get(field))
                        got = meta.get(field, (meta.get("region") or {}).get(field))
                        misses.append((name, h, entry["id"], field, want, got))
    for (name, h), t in sorted(tallies.items()):
        figs = real_figures(t)
        cells = [f"{k.removeprefix('meta.')} {v:.3f}" for k, v in figs.items() if k.startswith("meta.")]
        print(name, h, f"is_report {figs['is_report.acc']:.3f}", *cells)
    for m in misses:
        if m[1] in args.errors:
            print(*m)


if __name__ == "__main__":
    main()
