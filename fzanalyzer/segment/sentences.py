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
    # Open brackets, bottom first: (opener, position, end marks seen while it was the innermost
    # open bracket). Dropping a bracket left open too long (a typo) used to rescan the text from
    # just after it; the end marks it held are the only places where that rescan ends a sentence
    # (the brackets above it stay open), so they are replayed instead: linear, same spans.
    stack: list[tuple[str, int, list[int]]] = []
    base = 0  # stack[:base] are brackets already dropped as typos
    s = start
    i = start
    while i < end:
        ch = text[i]
        if ch == "\n" or ch == "\r":
            stack.clear()
            base = 0
            _emit(text, s, i, spans)
            s = i + 1
        elif ch in _OPEN:
            stack.append((ch, i, []))
        elif ch in _CLOSE and len(stack) > base:
            # pop to the matching opener (tolerates a missing closer inside)
            for k in range(len(stack) - 1, base - 1, -1):
                if stack[k][0] == _CLOSE[ch]:
                    del stack[k:]
                    break
        elif ch in _END:
            skipped = -1  # where the last replayed sentence end's closing run stops
            while len(stack) > base and i - stack[base][1] > _MAX_NEST_SPAN:
                # the opener was never closed: read it as plain text
                for mark in stack[base][2]:
                    if mark < skipped:
                        continue  # inside the closing run of a sentence just ended
                    skipped = _after_end(text, mark + 1, end)
                    _emit(text, s, skipped, spans)
                    s = skipped
                base += 1
            if skipped > i:
                i = skipped
                continue
            if len(stack) > base:
                stack[-1][2].append(i)
            else:
                j = _after_end(text, i + 1, end)
                _emit(text, s, j, spans)
                s = j
                i = j
                continue
        i += 1
    _emit(text, s, end, spans)
    return spans


def _after_end(text: str, j: int, end: int) -> int:
    """Past the end marks and closing quotes/brackets that follow an end mark."""
    while j < end and (text[j] in _END or text[j] in _TRAIL):
        j += 1
    return j


def _emit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
