"""Word automatic numbering (``w:numPr``) rendered as text, as Word displays it.

Outline markers such as ``一、`` ``（一）`` ``1.`` are often list numbering in a DOCX, not
characters of the paragraph: without them the outline of the report is lost. This module reads
``word/numbering.xml`` (abstract definitions, instances, level overrides) and the paragraph
styles' own ``w:numPr``, keeps one counter per list instance and level (a level restarts when a
higher level advances), and formats ``w:lvlText`` (``%1、``, ``（%1）``) with ``w:numFmt``
(decimal, Chinese counting, circled, letters, Roman). Bullets give no marker.

>>> chinese_number(21), chinese_number(10), chinese_number(105)
('二十一', '十', '一百零五')
"""

from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's ``chineseCounting``)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else chinese_number(rest))
        if 10 <= rest < 20:
            tail = "一" + tail
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word ``numFmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Counters for one document; :meth:`marker` is called for each paragraph in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document) -> Numbering:
        num = cls()
        try:
            numbering_el = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return num
        abstract: dict[str, dict[int, _Level]] = {}
        for an in numbering_el.iterchildren(_W + "abstractNum"):
            abstract[an.get(_W + "abstractNumId")] = {
                int(lvl.get(_W + "ilvl", "0")): _parse_level(lvl) for lvl in an.iterchildren(_W + "lvl")
            }
        for n in numbering_el.iterchildren(_W + "num"):
            ref = n.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val") if ref is not None else "", {}))
            for override in n.iterchildren(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                lvl = override.find(_W + "lvl")
                base = _parse_level(lvl) if lvl is not None else levels.get(ilvl, _Level())
                start = override.find(_W + "startOverride")
                if start is not None:
                    base = _Level(int(start.get(_W + "val", "1")), base.fmt, base.text)
                levels[ilvl] = base
            num.levels[n.get(_W + "numId")] = levels
        try:
            styles_el = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return num
        based: dict[str, str] = {}
        for st in styles_el.iterchildren(_W + "style"):
            sid = st.get(_W + "styleId")
            numpr = st.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                num_id = numpr.find(_W + "numId")
                ilvl = numpr.find(_W + "ilvl")
                if num_id is not None:
                    num.style_num[sid] = (
                        num_id.get(_W + "val"),
                        int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0,
                    )
            parent = st.find(_W + "basedOn")
            if parent is not None:
                based[sid] = parent.get(_W + "val")
        for sid, parent in based.items():  # numbering inherited from a base style (one level)
            if sid not in num.style_num and parent in num.style_num:
                num.style_num[sid] = num.style_num[parent]
        return num

    def marker(self, p) -> str:
        """The number Word shows before paragraph ``p`` (a ``w:p``), or ``""``."""
        ppr = p.find(_W + "pPr")
        if ppr is None:
            return ""
        num_id, ilvl = None, 0
        style = ppr.find(_W + "pStyle")
        if style is not None and style.get(_W + "val") in self.style_num:
            num_id, ilvl = self.style_num[style.get(_W + "val")]
        numpr = ppr.find(_W + "numPr")
        if numpr is not None:
            el = numpr.find(_W + "numId")
            if el is not None:
                num_id = el.get(_W + "val")
            el = numpr.find(_W + "ilvl")
            if el is not None and (el.get(_W + "val") or "0").isdigit():
                ilvl = int(el.get(_W + "val") or "0")
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(ilvl, -1, -1):
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            text = text.replace(f"%{k + 1}", format_number(value, lv.fmt))
        return text


def _parse_level(lvl) -> _Level:
    start = lvl.find(_W + "start")
    fmt = lvl.find(_W + "numFmt")
    text = lvl.find(_W + "lvlText")
    return _Level(
        int(start.get(_W + "val", "1")) if start is not None else 1,
        fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
        text.get(_W + "val", "") if text is not None else "",
    )
