"""Half-width punctuation inside Chinese text, turned full width.

PDF extraction often gives ``,;:?!()`` between Chinese characters. A mark becomes full
width when the text around it is Chinese; numbers (``242.02``, ``1,000``, ``18:30``),
brand names (``7.1``), URLs and Latin text are left alone.
"""

from __future__ import annotations

import re

from ..regex_cache import regex
from .text import HAN, HAN_RE

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# a Chinese character or a full-width mark or quote on the side that counts
_CHINESE_SIDE = f"(?:{HAN}|[\u3000-\u303f\uff01-\uff60“”‘’《》「」『』【】…—])"
_SIDE_RE = regex(_CHINESE_SIDE)
_LATIN_INNER_RE = regex(r"[\s\dA-Za-z.,%+-]*")


def _is_chinese(char: str) -> bool:
    return bool(char) and _SIDE_RE.match(char) is not None


# a mark with no Chinese text on either side (``1,000``, ``18:30``, ``a, b``): the one kind
# of mark left half width, every other made full width. A pattern for each mark, as the
# mark is its first character: the search skips to the next one as ``str.find`` does,
# where a pattern starting with a class of marks tried every character of the page.
_KEPT_MARK_RES = tuple(
    (mark, regex(f"{re.escape(mark)}(?<!{_CHINESE_SIDE}{re.escape(mark)})(?!{_CHINESE_SIDE})")) for mark in _FULL
)


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
    """``text`` with its marks ``,;:?!`` next to Chinese text made full width, and how many.

    The marks to keep (in numbers, in Latin text) are few: the text is cut at them, and
    in the pieces between every mark is made full width by ``str.replace``."""
    present = [(mark, pattern) for mark, pattern in _KEPT_MARK_RES if mark in text]
    if not present:
        return text, 0
    total = sum(text.count(mark) for mark, _ in present)
    kept = sorted(match.start() for _, pattern in present for match in pattern.finditer(text))
    if len(kept) == total:
        return text, 0
    pieces: list[str] = []
    start = 0
    for index in kept:
        pieces += (_full_width(text[start:index]), text[index])
        start = index + 1
    pieces.append(_full_width(text[start:]))
    return "".join(pieces), total - len(kept)


def _full_width(text: str) -> str:
    """``text`` with every mark ``,;:?!`` made full width."""
    for mark, full in _FULL.items():
        if mark in text:
            text = text.replace(mark, full)
    return text


def _brackets(text: str) -> tuple[str, int]:
    """Pair brackets: ``(站)`` and ``(记者王孟鹤)`` become full width when their content or
    their outside is Chinese; ``(2020)`` or ``(a)`` next to Latin text stay."""
    made: list[int] = []  # where a pair of brackets is made full width
    length = len(text)
    stack: list[int] = []
    # the brackets in the order they stand, each found by str.find (in C, memchr), where a
    # pattern of the two tried every character of the line
    opening_at, closing_at = text.find("("), text.find(")")
    while closing_at != -1:
        if opening_at != -1 and opening_at < closing_at:
            stack.append(opening_at)
            opening_at = text.find("(", opening_at + 1)
            continue
        index, closing_at = closing_at, text.find(")", closing_at + 1)
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
