"""Sentence spans with offsets.

A sentence ends at 。！？； (full- or half-width after NFKC: ``! ? ;``) or at a line end, but
never inside brackets ``（）()``, book-title marks ``《》``, square brackets ``【】[]`` or quotes
``“”‘’「」``: ``他说“要依法办事。”然后……`` is one sentence. Closing quotes and brackets that
directly follow the end mark stay with the sentence. Offsets index the text given, surrounding
whitespace is stripped, empty spans are dropped.

>>> text = "一是健全机制；二是开展督察（共24家。）。\\n三是推进创建"
>>> [text[s:e] for s, e in split_sentences(text)]
['一是健全机制；', '二是开展督察（共24家。）。', '三是推进创建']
"""

from __future__ import annotations

_END = frozenset("。！？；!?;")
_OPEN = {
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
    "[": "]",
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "〔": "〕",
}
_CLOSE = {v: k for k, v in _OPEN.items()}
_TRAIL = frozenset("”’」』)）】]》")
# A bracket left open for this many characters is treated as a typo, not as a real bracket,
# so that one missing ） cannot swallow the rest of the document into one sentence.
_MAX_NEST_SPAN = 300


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(s, e)`` of ``text[start:end]``, offsets into ``text``.

    >>> split_sentences("甲。乙！", 0)
    [(0, 2), (2, 4)]
    """
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    s = start
    i = start
    while i < end:
        ch = text[i]
        if ch == "\n" or ch == "\r":
            stack.clear()
            _emit(text, s, i, spans)
            s = i + 1
        elif ch in _OPEN:
            stack.append((ch, i))
        elif ch in _CLOSE and stack:
            # pop to the matching opener (tolerates a missing closer inside)
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == _CLOSE[ch]:
                    del stack[k:]
                    break
        elif ch in _END:
            if stack and i - stack[0][1] > _MAX_NEST_SPAN:
                # the opener was never closed: rescan from just after it, as plain text
                i = stack[0][1] + 1
                stack.clear()
                continue
            if not stack:
                j = i + 1
                while j < end and (text[j] in _END or text[j] in _TRAIL):
                    j += 1
                _emit(text, s, j, spans)
                s = j
                i = j
                continue
        i += 1
    _emit(text, s, end, spans)
    return spans


def _emit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
