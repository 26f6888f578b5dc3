"""The same gold outlines, read from the layouts reports arrive in: PDF hard wraps with page
numbers and running headers, web pages flattened into one line (with or without spaces),
traditional script, blank lines and indents. Scored like the evaluation (level, marker, first 12
characters of the title)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pytest

from fzanalyzer.model import Meta
from fzanalyzer.segment import segment

from conftest import DATA, DEV_IDS, load_gold

IDS = [*DEV_IDS, "jingan-2019"]


def _norm(s: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", s))


@cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _pdf(text: str, width: int = 30) -> str:
    out, page, n = [], 1, 0
    for para in text.split("\n"):
        para = para.strip()
        for i in range(0, len(para), width):
            out.append(para[i : i + width])
            n += 1
            if n % 28 == 0:
                page += 1
                out += [f"— {page} —", "某某市人民政府文件"]
    return "\n".join(out)


LAYOUTS = {
    "pdf": (_pdf, 0.98),
    "one_line_with_spaces": (lambda t: "  ".join(x.strip() for x in t.split("\n") if x.strip()), 0.98),
    "one_line_glued": (lambda t: "".join(x.strip() for x in t.split("\n") if x.strip()), 0.95),
    "traditional": (lambda t: _s2t().convert(t), 1.0),
    "blank_lines_and_indents": (lambda t: "\n\n".join("\u3000\u3000" + x for x in t.split("\n")), 1.0),
}


def _flat(secs):
    for s in secs:
        yield s
        yield from _flat(s.get("children", []))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layouts(layout):
    transform, floor = LAYOUTS[layout]
    conv = _s2t().convert if layout == "traditional" else (lambda x: x)
    tp = fp = fn = 0
    canon_ok = canon_n = 0
    for rid in IDS:
        gold = load_gold(rid)
        folder = DATA / ("seed" if rid == "jingan-2019" else "dev")
        raw = unicodedata.normalize("NFKC", (folder / f"{rid}.txt").read_text(encoding="utf-8"))
        text = transform(raw)
        secs = segment(text, Meta(year_covered=gold["year_covered"]))
        for s in secs:
            assert text[s.title_start : s.title_end] == s.title
        pred = {(s.level, _norm(s.marker), _norm(s.title)[:12]): s for s in secs if s.level >= 1 and s.marker}
        want = {
            (g["level"], _norm(g["marker"]), conv(_norm(g["title"]))[:12]): g for g in _flat(gold["sections"])
        }
        tp += len(pred.keys() & want.keys())
        fp += len(pred.keys() - want.keys())
        fn += len(want.keys() - pred.keys())
        for k, g in want.items():
            if g["level"] == 1 and k in pred:
                canon_n += 1
                canon_ok += pred[k].canonical == g["canonical"]
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= floor, f"{layout}: F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn})"
    assert canon_ok == canon_n
