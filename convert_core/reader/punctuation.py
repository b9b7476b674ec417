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
    if not _MARKS_RE.search(text):
        return text, changed
    # split keeps each mark to change at an odd index: no Python call per mark
    parts = _MARK_NEXT_TO_CHINESE_RE.split(text)
    if len(parts) == 1:
        return text, changed
    parts[1::2] = [_FULL[mark] for mark in parts[1::2]]
    return "".join(parts), changed + len(parts) // 2


def _brackets(text: str) -> tuple[str, int]:
    """Pair brackets: ``(站)`` and ``(记者王孟鹤)`` become full width when their content or
    their outside is Chinese; ``(2020)`` or ``(a)`` next to Latin text stay."""
    chars = list(text)
    changed = 0
    length = len(chars)
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
            chars[opening], chars[closing] = "（", "）"
            changed += 2
    return "".join(chars), changed
