"""Field labels of e-paper and web CMS exports.

Some pages come out of a publishing system with every part of a story labelled:
``【标题】…``, ``【引题】…``, ``【作者】…``, ``【正文】`` (an e-paper export) or ``标题：…``,
``来源：本报　　作者：…　　发布时间：…`` (a web page). The label names the field its text
fills and is never text itself; a label with nothing after it means the field is empty.
"""

from __future__ import annotations

from ..regex_cache import regex
from .text import cre, tc

#: the fields that make a story's headline stack and attribution
STORY_FIELDS = ("标题", "引题", "肩题", "副题", "作者", "来源", "正文")
#: fields that are site metadata or navigation, never part of a story
META_FIELDS = ("发布时间", "字数", "上一篇", "下一篇", "版次", "日期")

_NAMES = "|".join(STORY_FIELDS + META_FIELDS)
_BRACKET_FIELD_RE = cre(rf"【\s*(?P<name>{_NAMES})\s*】")
_COLON_FIELD_RE = cre(rf"(?:^|(?<=\s))(?P<name>{_NAMES})\s*[:：]")
_TITLE_FIELD_RE = cre(r"^(?:【\s*标题\s*】|标题\s*[:：])")
#: The characters a title field can start with (【, 标 and its traditional form): a line
#: that starts with none of them is not asked of the pattern.
TITLE_FIELD_FIRST = frozenset(tc("【标")) - {"[", "]"}


def has_title_field(text: str) -> bool:
    """Whether a line is a title field (``【标题】…``, ``标题：…``): a page with such lines
    is read field by field."""
    return text[:1] in TITLE_FIELD_FIRST and _TITLE_FIELD_RE.match(text) is not None


def split_fields(text: str) -> list[tuple[str, str]] | None:
    """The ``(field, value)`` pairs of a field line, in order, or ``None`` when the line
    does not start with a field label. Several fields may share one line
    (``来源：本报　　作者：本报记者 柯 敏　　发布时间：2025-03-04 08:31``)."""
    stripped = text.strip()
    head = stripped[:16]
    if not (head.startswith("【") or ":" in head or "：" in head):
        return None  # every field line starts with a label: 【标题】, 发布时间　：
    pattern = _BRACKET_FIELD_RE if stripped.startswith("【") else _COLON_FIELD_RE
    matches = list(pattern.finditer(stripped))
    if not matches or matches[0].start() != 0:
        return None
    fields: list[tuple[str, str]] = []
    for match, following in zip(matches, [*matches[1:], None]):
        end = following.start() if following is not None else len(stripped)
        fields.append((match.group("name"), stripped[match.end() : end].strip()))
    return fields


_SPACE_RE = regex(r"\s+")


def field_text(name: str, value: str) -> str:
    """A field as printed, for furniture (``发布时间：2025-03-04 08:30``)."""
    return f"{name}：{_SPACE_RE.sub(' ', value)}" if value else name
