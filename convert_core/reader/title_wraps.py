"""A title its column wrapped over two or three lines, on a page whose extraction sets its
blocks apart by blank lines (``全国人大常委会举办2026`` / ``年第3期全国人大代表学习班``, no
blank line between them): one block, so one line, as the extraction gives a paragraph.

On such a page every line is a block of its own: a kicker, a headline and a subheadline
are blocks apart, and lines with no blank line between them are one block that the
extraction left in its printed lines. The seed's shape never does this (each of its
blocks is one line); another extractor's does, and the reader, which never saw a title
line without a blank line over it on such a page, took the halves for a subhead and a
paragraph, or for a kicker over a headline.
"""

from __future__ import annotations

from itertools import pairwise

from .datelines import parse_byline_line, split_opening
from .furniture import is_advertisement, is_page_header, parse_staff
from .junctions import TITLE_WRAP_ADJACENT, cuts_a_word
from .lines import Line
from .people import parse_credit
from .text import ends_paragraph, join_glue, visible_length

#: The longest line of a wrapped title, and the longest title the lines make.
WRAPPED_LINE_MAX = 26
WRAPPED_TITLE_MAX = 50
#: The most lines a wrapped title runs to.
WRAPPED_LINES_MAX = 3


def _title_part(line: Line) -> bool:
    """A line that can be part of a wrapped title: short, and no byline, dateline, credit,
    page header, staff line or advertisement."""
    text = line.text.strip()
    return (
        0 < visible_length(text) <= WRAPPED_LINE_MAX
        and line.layout is None
        and parse_byline_line(text) is None
        and split_opening(text) is None
        and parse_credit(text) is None
        and parse_staff(text) is None
        and not is_page_header(text)
        and not is_advertisement(text)
    )


def join_wrapped_titles(lines: list[Line], base_gap: int) -> tuple[list[Line], list[int]]:
    """Join each block of two or three short lines with no blank line between them (and
    blank lines around the block) into one line, on a page whose lines are set apart by
    blank lines (``base_gap`` of one or more): the lines but the last end no paragraph and
    all are title parts (:func:`_title_part`). Returns the lines and the numbers of the
    lines that took others."""
    if base_gap < 1 or len(lines) < 2:
        return lines, []
    tight = [index for index in range(1, len(lines)) if not lines[index].blank_before]
    if not tight:
        return lines, []  # (most such pages: every line a block of its own)
    joined: list[Line] = lines[: tight[0] - 1]
    merged: list[int] = []
    index = tight[0] - 1
    while index < len(lines):
        end = index + 1
        while end < len(lines) and lines[end].blank_before == 0 and end - index <= WRAPPED_LINES_MAX:
            end += 1
        size = end - index
        if 2 <= size <= WRAPPED_LINES_MAX and _wrapped_title(lines[index:end]):
            head = lines[index]
            text = head.text.strip()
            for line in lines[index + 1 : end]:
                text += join_glue(text, line.text.strip()) + line.text.strip()
            head.text = text
            merged.append(head.no)
            joined.append(head)
        else:
            joined.extend(lines[index:end])
        index = end
    return joined, merged


def _wrapped_title(block: list[Line]) -> bool:
    lengths = [visible_length(line.text.strip()) for line in block]
    if sum(lengths) > WRAPPED_TITLE_MAX:
        return False
    if any(lengths[k] < lengths[k + 1] for k in range(len(lengths) - 1)):
        return False  # a column fills every line but the last: a longer line under is a title of its own
    if any(ends_paragraph(line.text.strip()) for line in block[:-1]):
        return False
    if not all(
        cuts_a_word(above.text.strip(), below.text.strip(), TITLE_WRAP_ADJACENT) for above, below in pairwise(block)
    ):
        return False  # 卫东区全面开展巡察整改“清零”行动 / 覆盖41个被巡察单位: two titles, a blank line left out
    return all(_title_part(line) for line in block)
