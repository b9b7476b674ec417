"""Half-width punctuation inside Chinese text, turned full width.

PDF extraction often gives ``,;:?!()`` between Chinese characters. A mark becomes full
width when the text around it is Chinese; numbers (``242.02``, ``1,000``, ``18:30``),
brand names (``7.1``), URLs and Latin text are left alone.
"""

from __future__ import annotations

import re

from .text import CJK_CLASS

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# a Chinese character or a full-width mark or quote on the side that counts
_CHINESE_SIDE = f"[{CJK_CLASS}\u3000-\u303f\uff01-\uff60“”‘’《》「」『』【】…—]"
_SIDE_RE = re.compile(_CHINESE_SIDE)


def _is_chinese(char: str) -> bool:
    return bool(char) and _SIDE_RE.match(char) is not None


def normalize_punctuation(text: str) -> tuple[str, int]:
    """Return ``text`` with half-width ``,;:?!()`` between Chinese text made full width,
    and the number of marks changed."""
    if not any(mark in text for mark in _FULL):
        return text, 0
    chars = list(text)
    changed = 0
    length = len(chars)
    # pair brackets first: "(站)" and "(记者王孟鹤)" become full width when their
    # content or their outside is Chinese
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for index, char in enumerate(chars):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            pairs[stack.pop()] = index
    for opening, closing in pairs.items():
        inner = text[opening + 1 : closing]
        before = text[opening - 1] if opening > 0 else ""
        after = text[closing + 1] if closing + 1 < length else ""
        if re.search(f"[{CJK_CLASS}]", inner) or _is_chinese(before) or _is_chinese(after):
            if re.fullmatch(r"[\s\dA-Za-z.,%+-]*", inner) and not (_is_chinese(before) and _is_chinese(after)):
                continue  # "(2020)", "(a)" next to Latin text
            chars[opening], chars[closing] = "（", "）"
            changed += 2
    for index, char in enumerate(chars):
        if char not in ",;:?!":
            continue
        before = chars[index - 1] if index > 0 else ""
        after = chars[index + 1] if index + 1 < length else ""
        if char in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,000 and 18:30
        if char == ":" and after == "/":
            continue  # http://
        before_cn = _is_chinese(before) or before in ("（", "）")
        after_cn = _is_chinese(after) or after in ("（", "）")
        if char in "?!" and not after:
            after_cn = before_cn
        if before_cn or after_cn:
            chars[index] = _FULL[char]
            changed += 1
    return "".join(chars), changed
