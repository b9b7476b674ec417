"""Gold structure to line roles: the training labels of the role model.

A gold file tells what a page holds (articles with their headline stack and paragraphs,
photos with their captions) but not which input line is which. :func:`align` finds
that out: it walks the page's lines and the gold texts in order and gives each line the
role of the gold text it holds — the start of a paragraph (``para``) or its rest after
a column break (``cont``), a title line, a caption, a byline line; text the gold does
not hold is ``other``. Texts are compared after NFKC with whitespace removed, as
``convert evaluate`` compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .features import is_author_line
from .headlines import ORNAMENTS
from .lines import Line
from .text import comparable

#: The roles a line can have (the model's labels).
LABELS = (
    "column",
    "kicker",
    "headline",
    "subheadline",
    "byline",
    "para",
    "cont",
    "subhead",
    "photo-title",
    "caption",
    "credit",
    "other",
)
TITLE_LABELS = frozenset({"column", "kicker", "headline", "subheadline"})
PHOTO_LABELS = frozenset({"photo-title", "caption", "credit"})

_SEPARATOR = "\x00"


normalize = comparable  # texts as evaluation compares them


def _loose(text: str) -> str:
    return normalize(text).strip(ORNAMENTS)


@dataclass
class _Segment:
    role: str  # the role of the segment's first line
    start: int  # offset in the gold stream
    end: int


def gold_segments(gold: dict[str, Any]) -> list[tuple[str, str]]:
    """The texts of a gold page in reading order, each with its role. Accepts the
    evaluation format (``paragraphs``, photo ``caption`` and ``credit``) and our JSON
    form (``body`` blocks)."""
    segments: list[tuple[str, str]] = []
    for item in gold.get("items", []):
        if item.get("type") == "photo":
            if item.get("title"):
                segments.append(("photo-title", item["title"]))
            caption = item.get("caption") or []
            for paragraph in [caption] if isinstance(caption, str) else caption:
                segments.append(("caption", paragraph))
            continue
        for role in ("column", "kicker", "headline", "subheadline"):
            if item.get(role):
                segments.append((role, item[role]))
        if "paragraphs" in item:
            segments.extend(("para", text) for text in item.get("paragraphs") or [])
            continue
        for block in item.get("body") or []:
            kind = block.get("type")
            if kind in ("paragraph", "quote"):
                segments.append(("para", block.get("text", "")))
            elif kind == "subhead":
                segments.append(("subhead", block.get("text", "")))
            elif kind == "figure":
                segments.extend(("caption", text) for text in block.get("caption") or [])
            elif kind == "unclassified":
                segments.append(("para", block.get("text", "")))  # a block of the body all the same
    return [(role, text) for role, text in segments if normalize(text)]


class _Stream:
    """The gold texts joined into one normalized string, with each segment's place."""

    def __init__(self, segments: list[tuple[str, str]]) -> None:
        parts: list[str] = []
        self.segments: list[_Segment] = []
        offset = 0
        for role, text in segments:
            norm = _loose(text) if role in ("column", "photo-title") else normalize(text)
            self.segments.append(_Segment(role, offset, offset + len(norm)))
            parts.append(norm)
            offset += len(norm) + 1
        self.text = _SEPARATOR.join(parts)
        self.starts = [segment.start for segment in self.segments]

    def segment_at(self, offset: int) -> _Segment | None:
        import bisect

        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        segment = self.segments[index]
        return segment if offset < segment.end else None


def _role_at(stream: _Stream, offset: int) -> str | None:
    segment = stream.segment_at(offset)
    if segment is None:
        return None
    if offset == segment.start:
        return segment.role
    return {"para": "cont", "subhead": "subhead", "other": "other"}.get(segment.role, segment.role)


#: Texts shorter than this are too common to be placed anywhere in the gold: they are
#: looked for at the start of a gold text or in the one the alignment is in (本报记者王某
#: is a byline, not the middle of another story's closing note that names the reporter).
_SHORT = 12


def _find(stream: _Stream, needle: str, cursor: int, window: int) -> int:
    """Where ``needle`` is in the gold: ahead of ``cursor`` first; failing that (a PDF
    extraction that put blocks out of order), anywhere in the page's gold, if it is long
    enough to be told apart."""
    if not needle:
        return -1
    end = cursor + window + len(needle)
    found = stream.text.find(needle, cursor, end)
    if len(needle) >= _SHORT:
        return found if found >= 0 else stream.text.find(needle)
    here = stream.segment_at(cursor)
    while found >= 0:
        segment = stream.segment_at(found)
        if segment is not None and (found == segment.start or segment is here):
            return found
        found = stream.text.find(needle, found + 1, end)
    return -1


def align(units: list[Line], gold: dict[str, Any], *, window: int = 4000) -> tuple[list[str], float]:
    """The role of each unit and the share of the units' characters found in the gold."""
    stream = _Stream(gold_segments(gold))
    labels: list[str] = []
    cursor = 0
    found_chars = 0
    total_chars = 0
    for unit in units:
        text = unit.text
        norm = normalize(text)
        total_chars += len(norm)
        label, position, length = _match(stream, unit, norm, cursor, window)
        if label is None:
            label = _unmatched_label(unit)
        else:
            cursor = position + length
            found_chars += length
        labels.append(label)
    _fix_titles(labels)
    return labels, (found_chars / total_chars if total_chars else 1.0)


def _match(stream: _Stream, unit: Line, norm: str, cursor: int, window: int) -> tuple[str | None, int, int]:
    """The role of ``unit`` at its place in the gold, with where it was found."""
    candidates = [norm]
    if unit.kind in ("column", "photo-heading") or len(norm) <= 14:
        candidates.append(norm.strip(ORNAMENTS))
    for candidate in candidates:
        position = _find(stream, candidate, cursor, window)
        if position >= 0:
            return _role_at(stream, position), position, len(candidate)
    if unit.kind == "opening" and unit.data is not None and unit.data.rest:
        rest = normalize(unit.data.rest)
        position = _find(stream, rest, cursor, window)
        if position >= 0:
            role = _role_at(stream, position)
            return ("para" if role == "cont" else role), position, len(rest)
    if unit.kind == "caption-credit" and unit.data is not None and unit.data[0]:
        head = normalize(unit.data[0])
        position = _find(stream, head, cursor, window)
        if position >= 0:
            return "caption", position, len(head)
    # a line with something the gold keeps apart (a closing credit, a jump line): its
    # longest prefix found in the gold, when that is most of it
    if len(norm) >= 8:
        low, high = int(len(norm) * 0.6), len(norm) - 1
        best = -1
        while low <= high:
            middle = (low + high) // 2
            if _find(stream, norm[:middle], cursor, window) >= 0:
                best, low = middle, middle + 1
            else:
                high = middle - 1
        if best > 0:
            position = _find(stream, norm[:best], cursor, window)
            return _role_at(stream, position), position, best
        # ... or its longest suffix (a label or a dateline the gold keeps apart: 图①, 本报讯)
        low, high, best = 1, int(len(norm) * 0.4), -1
        while low <= high:
            middle = (low + high) // 2
            if _find(stream, norm[middle:], cursor, window) >= 0:
                best, high = middle, middle - 1
            else:
                low = middle + 1
        if best > 0:
            position = _find(stream, norm[best:], cursor, window)
            role = _role_at(stream, position)
            return ("para" if role == "cont" else role), position, len(norm) - best
    return None, cursor, 0


def _unmatched_label(unit: Line) -> str:
    if unit.kind in ("byline", "opening", "closing", "note-signature"):
        return "byline"
    if unit.kind == "text" and is_author_line(unit.text):
        return "byline"  # 查志强, 中国作家协会主席 张宏森: an author the gold names apart, or not at all
    if unit.kind in ("credit", "caption-credit"):
        return "credit"
    return "other"


def _fix_titles(labels: list[str]) -> None:
    """A credit line right after caption lines closes that photo; a ``cont`` with no
    paragraph before it in the same story starts one."""
    previous = "other"
    for index, label in enumerate(labels):
        if label == "cont" and previous not in ("para", "cont", "byline", "caption", "credit", "other", "subhead"):
            labels[index] = "para"
        previous = labels[index]
