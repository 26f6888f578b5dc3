"""Plain-text reader: bytes → str, nothing else.

Order of decisions (the first that fits wins):

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. strict UTF-8 (also pure ASCII), then the charset a web page declares, if any;
3. UTF-16 without BOM, when NUL bytes sit on every other byte (ASCII digits and punctuation
   in UTF-16 have a zero high byte) and the result is plausible text;
4. GB18030 when it decodes strictly and ≥ 90 % of the ideographs are GB2312 level-1 (the 3755
   most frequent simplified characters: true of simplified Chinese, not of Big5 or traditional
   text read as GB);
5. charset-normalizer's best guess, where any GB2312/GBK/GB18030 answer is decoded as
   ``gb18030``: Python's ``gb2312`` codec maps the dash ``—`` (A1AA) to ``―`` (U+2015) and
   ``gbk`` lacks characters that GB18030 has, while GB18030 is a superset of both;
6. ``gb18030`` itself if it decodes strictly to plausible text.

Steps 3–6 are guesses and add warning W001. Text that decodes to mostly control or
private-use characters is refused as binary (E004); an empty file is E003.

>>> decode_bytes("——依法行政".encode("gbk"))
('——依法行政', 'gb18030', True)
>>> decode_bytes("\\ufeff报告".encode("utf-8"))
('报告', 'utf-8-sig', False)
"""

from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

from .. import limits
from ..errors import IngestError, warning
from . import RawDocument

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: charset-normalizer names that mean "some GB encoding": all are decoded as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "ms936", "hz", "euc_cn", "euccn", "gb2312_80"}

_NOT_BLANK = re.compile(rb"[^ \t\r\n\x00\x0b\x0c\xef\xbb\xbf\xff\xfe]")

#: Minimum share of ordinary characters in decoded text (else: binary, E004).
MIN_PLAUSIBLE = 0.9


class DecodeError(ValueError):
    """The bytes are not text in any encoding tried; ``str(exc)`` says why."""


def read_text(path: Path) -> RawDocument:
    """Read a text file (any of the encodings above) without changing its characters."""
    data = limits.read_bounded(path, limits.MAX_TEXT_BYTES, "text")
    if _NOT_BLANK.search(data) is None:  # (no copy of a large file, unlike data.strip())
        raise IngestError.from_code("E003", path=path)
    try:
        text, encoding, guessed = decode_bytes(data)
    except DecodeError as exc:
        raise IngestError.from_code("E004", path=path, detail=str(exc)) from exc
    if len(text) > limits.MAX_TEXT_CHARS:
        raise IngestError.from_code(
            "E005", path=path, detail=f"{len(text):,} characters", limit=f"{limits.MAX_TEXT_CHARS:,}"
        )
    if not text or text.isspace():
        raise IngestError.from_code("E003", path=path)
    warnings = [warning("W001", encoding)] if guessed else []
    return RawDocument(text=text, format="txt", hints={"encoding": encoding}, warnings=warnings)


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Decode ``data``; return ``(text, encoding, guessed)``.

    ``declared`` is an encoding named by the container (an HTML meta charset); it is tried
    right after a BOM and strict UTF-8. Raises :class:`DecodeError` for binary data.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{enc} byte-order mark but invalid {enc} at byte {exc.start}") from exc
            return _checked(text, enc), enc, False
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    if declared:
        enc = gb_safe(declared)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if plausibility(text) >= MIN_PLAUSIBLE:
                return text, enc, False
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if 0 < bad <= 3 and plausibility(lenient) >= MIN_PLAUSIBLE:
        # A few invalid bytes in UTF-8 text (a cut or corrupted character): GB codecs would
        # turn the whole file into plausible-looking mojibake, so keep UTF-8 and say so.
        return lenient, f"utf-8 ({bad} invalid bytes replaced)", True
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16[0], utf16[1], True
    if data.count(b"\x00") > max(2, len(data) // 1000):
        raise DecodeError("NUL bytes in a pattern that is not UTF-16")
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # Simplified Chinese text draws ~99 % of its characters from GB2312's 3755 level-1
        # hanzi; Big5 or traditional text read as GB does not. This settles most Chinese files
        # without charset-normalizer (10× faster) and right even when they are very short.
        if gb_common_share(gb_text) >= 0.9 and plausibility(gb_text) >= MIN_PLAUSIBLE:
            return gb_text, "gb18030", True
    candidates: list[str] = []
    best = _charset_normalizer_guess(data)
    if best:
        candidates.append(best)
    candidates.append("gb18030")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if plausibility(text) >= MIN_PLAUSIBLE:
            return text, enc, True
    raise DecodeError(f"tried utf-8, utf-16, {', '.join(dict.fromkeys(candidates))}")


@functools.cache
def _gb_level1_deleter() -> dict[int, None]:
    """A ``str.translate`` table deleting the GB2312 level-1 hanzi (rows 0xB0–0xD7): the 3755
    most frequent simplified characters."""
    chars = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    return dict.fromkeys(map(ord, chars.decode("gb18030", errors="ignore")))


def gb_common_share(text: str) -> float:
    """Share of the text's CJK ideographs that are GB2312 level-1 (0.0 without ideographs).

    >>> gb_common_share("关于法治政府建设情况的报告"), gb_common_share("關於法治政府建設情況的報告") < 0.9
    (1.0, True)
    """
    sample = text[:8000]  # thousands of characters settle the share
    hanzi = len(_CJK.findall(sample))
    if hanzi < 2:
        return 0.0
    return (len(sample) - len(sample.translate(_gb_level1_deleter()))) / hanzi


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def gb_safe(encoding: str) -> str:
    """Map an encoding name to the codec to use: any GB name → ``gb18030``.

    >>> gb_safe("GB2312"), gb_safe("gbk"), gb_safe("UTF-8")
    ('gb18030', 'gb18030', 'utf-8')
    """
    name = encoding.strip().lower().replace("-", "_")
    if name in _GB_FAMILY or name.startswith("gb"):
        return "gb18030"
    try:
        return codecs.lookup(encoding.strip()).name
    except LookupError:
        return encoding.strip().lower()


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file cannot be text in any encoding we read.

    >>> looks_binary(bytes(range(256)) * 4), looks_binary("法治政府".encode("utf-16"))
    (True, False)
    """
    try:
        decode_bytes(head if len(head) < 4096 else _trim_partial(head[:4096]))
    except DecodeError:
        return True
    return False


def plausibility(text: str) -> float:
    """Share of characters that occur in ordinary Chinese or Latin text.

    >>> plausibility("全年办理案件12件。"), plausibility("\\x01\\x02\\ue000a")
    (1.0, 0.25)
    """
    if not text:
        return 1.0
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    odd = len(_ODD.findall(sample))
    return 1.0 - odd / len(sample)


#: Characters of ordinary Chinese or Latin text; everything else counts against plausibility.
_ORDINARY_RANGES = (
    "\t\n\f\r\x20-\x7e",
    "\u4e00-\u9fff",  # CJK unified ideographs
    "\u3000-\u303f",  # CJK punctuation
    "\u3040-\u30ff\u31f0-\u31ff",  # kana: a Japanese translation of a report is a page, not garbage
    "\uff00-\uffef",  # full-width forms
    "\u2000-\u206f",  # general punctuation — “ ” …
    "\u3400-\u4dbf",  # extension A
    "\uf900-\ufaff",  # compatibility ideographs
    "\u00a0-\u024f",  # Latin-1 and Latin Extended (° × · é ā ǎ: pinyin with tones)
    "\u2100-\u27bf",  # letterlike, numbers Ⅰ, arrows, math, ①, boxes, ■ ★
    "\u3200-\u33ff",  # enclosed CJK, ㎡
    "\ufe30-\ufe4f",  # CJK compatibility forms
    "\u0370-\u04ff",  # Greek and Cyrillic (α, β in technical text)
    "\U00020000-\U0002fa1f",  # extensions B–F
)
_ODD = re.compile("[^" + "".join(_ORDINARY_RANGES) + "]")


def _checked(text: str, encoding: str) -> str:
    if plausibility(text) < MIN_PLAUSIBLE:
        raise DecodeError(f"decodes as {encoding} but is mostly control or private-use characters")
    return text


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM, told by its NUL bytes (ASCII characters have a zero high byte;
    so do ideographs such as 一 U+4E00, hence both byte orders are tried, not just counted)."""
    if len(data) < 4 or len(data) % 2:
        return None
    if data[:20000].count(0) < min(len(data), 20000) // 200:
        return None  # too few NULs to tell: CJK-only UTF-16 is left to charset-normalizer
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score >= MIN_PLAUSIBLE and (best is None or score > best[0]):
            best = (score, text, enc)
    return (best[1], best[2]) if best else None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    return gb_safe(match.encoding)


def _trim_partial(head: bytes) -> bytes:
    """Drop a multibyte character cut at the end of a prefix (up to 3 bytes)."""
    for cut in range(4):
        chunk = head[: len(head) - cut] if cut else head
        try:
            chunk.decode("utf-8")
            return chunk
        except UnicodeDecodeError as exc:
            if exc.start < len(chunk) - 4:
                break
    return head
