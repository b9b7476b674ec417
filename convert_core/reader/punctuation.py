"""Half-width punctuation inside Chinese text, turned full width.

PDF extraction often gives ``,;:?!()`` between Chinese characters. A mark becomes full
width when the text around it is Chinese; numbers (``242.02``, ``1,000``, ``18:30``),
brand names (``7.1``), URLs and Latin text are left alone.
"""

from __future__ import annotations

from ..regex_cache import regex
from .text import HAN, HAN_RE

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# a Chinese character or a full-width mark or quote on the side that counts
_CHINESE_SIDE = f"(?:{HAN}|[\u3000-\u303f\uff01-\uff60“”‘’《》「」『』【】…—])"
_SIDE_RE = regex(_CHINESE_SIDE)
_LATIN_INNER_RE = regex(r"[\s\dA-Za-z.,%+-]*")


def _is_chinese(char: str) -> bool:
    return bool(char) and _SIDE_RE.match(char) is not None


_BRACKETS_RE = regex(r"[()]")
_MARKS_RE = regex(r"[,;:?!]")


# a mark with Chinese text on either side (one regex pass; 1,000 and 18:30 have digits
# on both sides and so never match). The mark comes first so that the search skips
# ahead to the next mark instead of trying every position.
_MARK_NEXT_TO_CHINESE_RE = regex(f"([,;:?!])(?:(?={_CHINESE_SIDE})|(?<={_CHINESE_SIDE}[,;:?!]))")


def normalize_punctuation(text: str) -> tuple[str, int]:
    """Return ``text`` with half-width ``,;:?!()`` between Chinese text made full width,
    and the number of marks changed."""
    changed = 0
    if "(" in text and ")" in text:
        text, changed = _brackets(text)
    text, marks = _marks(text)
    return text, changed + marks


def normalize_lines(texts: list[str]) -> tuple[list[str], int]:
    """:func:`normalize_punctuation` of every line of a page, the marks found in one pass
    over the page (a line end is no Chinese text, as the end of a line is not): the
    lines' new texts and the number of marks changed."""
    texts = list(texts)
    changed = 0
    for index, text in enumerate(texts):
        if "(" in text and ")" in text:
            texts[index], count = _brackets(text)
            changed += count
    page = "\n".join(texts)
    if page.count("\n") != len(texts) - 1:  # a line holding a line end: one at a time
        results = [_marks(text) for text in texts]
        return [text for text, _ in results], changed + sum(count for _, count in results)
    page, marks = _marks(page)
    return (page.split("\n") if marks else texts), changed + marks


def _marks(text: str) -> tuple[str, int]:
    """``text`` with its marks ``,;:?!`` next to Chinese text made full width, and how many."""
    if not _MARKS_RE.search(text):
        return text, 0
    # split keeps each mark to change at an odd index: no Python call per mark
    parts = _MARK_NEXT_TO_CHINESE_RE.split(text)
    if len(parts) == 1:
        return text, 0
    parts[1::2] = [_FULL[mark] for mark in parts[1::2]]
    return "".join(parts), len(parts) // 2


def _brackets(text: str) -> tuple[str, int]:
    """Pair brackets: ``(站)`` and ``(记者王孟鹤)`` become full width when their content or
    their outside is Chinese; ``(2020)`` or ``(a)`` next to Latin text stay."""
    made: list[int] = []  # where a pair of brackets is made full width
    length = len(text)
    stack: list[int] = []
    for match in _BRACKETS_RE.finditer(text):
        index = match.start()
        if text[index] == "(":
            stack.append(index)
            continue
        if not stack:
            continue
        opening, closing = stack.pop(), index
        inner = text[opening + 1 : closing]
        before = text[opening - 1] if opening > 0 else ""
        after = text[closing + 1] if closing + 1 < length else ""
        if HAN_RE.search(inner) or _is_chinese(before) or _is_chinese(after):
            if _LATIN_INNER_RE.fullmatch(inner) and not (_is_chinese(before) and _is_chinese(after)):
                continue
            made += (opening, closing)
    if not made:
        return text, 0
    # the text between the brackets in slices (a list of the line's characters joined
    # again costs ten times more)
    pieces: list[str] = []
    start = 0
    for index in sorted(made):
        pieces += (text[start:index], "（" if text[index] == "(" else "）")
        start = index + 1
    pieces.append(text[start:])
    return "".join(pieces), len(made)
