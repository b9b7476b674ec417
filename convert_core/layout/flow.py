"""Blocks in reading order to the reader's logical lines.

A title block (type clearly larger than the body) becomes one line, its printed lines
joined. Body blocks are cut into paragraphs at first-line indents, short last lines and
wider gaps (a block set line by line, verse, keeps each line); a paragraph cut by a column break (its last printed line full, the next
block's first line not indented) goes on in the next block. Printed lines are joined
as the text reader joins cut lines (no space in Chinese text, a space between Latin
words), and a Latin word hyphenated at a line end is made whole (in ALTO, where the
hyphens the words print are kept: :func:`join_words`).

Each logical line gets a :class:`~convert_core.reader.lines.LineLayout`, and the
text reader's own signals from it: ``indent`` for an indented paragraph, and
``blank_before`` 1 between paragraphs of one flow, 2 at a new block (a break the
text reader would see as extra blank lines), 3 after a picture.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field

from ..model import ImageRef
from ..reader.datelines import parse_byline_line
from ..reader.layout_roles import KICKER_RATIO
from ..reader.lines import Line, LineLayout
from ..reader.text import cjk_count, ends_sentence, join_glue
from .geometry import Block, PageLayout, TextLine, heading_like, measure_right

#: Printed lines ending this close to the block's right edge (in ems) are full.
_FULL = 1.2
#: A first line indented this much (in ems) opens a paragraph.
_INDENT = 0.6
#: Lines of a block this many of the page's line pitches apart (for their size) are set
#: apart: a bold subhead in two parts on training pages stands 1.6 pitches over its second
#: part (``盘活空间，嵌入生活场景`` over ``废弃采石场上演连台好戏``); a paragraph's lines are 1.0 apart.
_SPACED = 1.4
#: A paragraph's first-line indent of two characters, in ems, give or take half an em (a
#: story's columns set off the page's grid start 0.7 em in on training pages).
_TWO_EMS = (1.5, 2.5)
#: Marks that end a clause or a sentence: verse lines end in them.
_CLAUSE_ENDS = "，。；！？、,;!?"


@dataclass
class _Paragraph:
    block: Block
    lines: list[TextLine] = field(default_factory=list)
    indent: float = 0.0
    gap: float = 0.0
    images: list[ImageRef] = field(default_factory=list)
    after_image: bool = False
    own: int = 0  # how many of the lines are the block's (the rest went on in later blocks)
    tail: Block | None = None  # the block of the last line (the paragraph went on into it)


def join_printed(left: str, right: str) -> tuple[str, bool]:
    """``left`` and ``right`` (two printed lines) as one text; ``True`` when a Latin
    word hyphenated at the line end was made whole (``inter-`` + ``national``)."""
    if (
        len(left) >= 2
        and left[-1] in "-\u00ad"
        and left[-2].isalpha()
        and left[-2].isascii()
        and right[:1].islower()
        and right[:1].isascii()
    ):
        return left[:-1] + right, True
    if left[-1:].isdigit() and right[:1].isdigit():
        return left + right, False  # a number is never broken at a space
    if left[-1:].isascii() and right[:1].isascii() and cjk_count(left[-12:]) >= 2:
        return left + right, False  # Chinese text breaks anywhere, Latin words inside it too
    return left + join_glue(left, right) + right, False


def join_words(text: str, before: TextLine, right: str) -> tuple[str, bool]:
    """``text`` (ending with the ALTO line ``before``) and the next printed line as one
    text, never dropping a character the page's words print: a word ``HYP`` marks as cut
    is made whole without the hyphen HYP added (``ecclésias-`` + ``tiques``); a word that
    prints its own hyphen at the line end keeps it, joined to its end without a space
    (``Lohnver-`` + ``hältnisse``); a line opening with a combining accent (OCR noise) is
    kept apart, not put on the last letter. ``True`` when a hyphen was taken off."""
    mark = before.cut_mark
    if mark and text.endswith(mark) and right[:1].isalnum():
        return text[: -len(mark)] + right, True
    if before.cut or (text[-1:] in "-\u00ad" and text[-2:-1].isalpha() and right[:1].islower()):
        return text + right, False
    if unicodedata.combining(right[:1] or " "):
        return text + " " + right, False  # an OCR word opening with an accent: not the last letter's
    return join_printed(text, right)


def page_lines(page: PageLayout, first_no: int = 1, images: dict[int, ImageRef] | None = None) -> list[Line]:
    """The logical lines of a page, in reading order, numbered from ``first_no``.

    ``images`` maps a picture block's id to its file; the picture goes with the
    first line after it (``meta["images"]``), where the reader finds its caption."""
    body = page.body_size
    pitch = page.line_height
    indented_page = _uses_indents(page.blocks, body)
    starts = _column_starts(page)  # both sorted, for _between
    edges = _text_edges(page)
    heights = _ByHeight(page.blocks)
    paragraphs: list[_Paragraph] = []
    pending_images: list[ImageRef] = []
    after_image = False
    previous_block: Block | None = None
    for block in page.blocks:
        if block.image is not None:
            if images and block.id in images:
                pending_images.append(images[block.id])
            after_image, previous_block = True, None
            continue
        title = _title_block(block, body)
        gap = 0.0
        if previous_block is not None and block.y0 > previous_block.y1:
            gap = (block.y0 - previous_block.y1) / pitch
        opened = len(paragraphs)
        if title:
            for number, group in enumerate(_title_groups(block, body)):
                paragraphs.append(_Paragraph(block=block, lines=group, gap=gap if number == 0 else 0.0, own=len(group)))
        else:
            left = _left_edge(block, starts, body, edges)
            left = _flush_neighbour(block, heights, body) or _indented_run(block, page.columns, body, edges) or left
            verse = _verse(block, body, _column_right(block, page.columns))
            for index, line in enumerate(block.lines):
                opens, indent = _starts_paragraph(block, index, body, indented_page, left, pitch)
                opens = opens or verse
                if (
                    index == 0
                    and not after_image
                    and paragraphs
                    and not (verse and _right_under(paragraphs[-1].tail or paragraphs[-1].block, block, body))
                    and _continues(paragraphs[-1], block, indent, body, indented_page, starts)
                ):
                    opens = False
                if opens or not paragraphs:
                    paragraphs.append(_Paragraph(block=block, indent=indent, gap=gap if index == 0 else 0.0))
                paragraphs[-1].lines.append(line)
                paragraphs[-1].own += paragraphs[-1].block is block
                paragraphs[-1].tail = block
        if after_image and len(paragraphs) > opened:
            paragraphs[opened].images, paragraphs[opened].after_image = pending_images, True
            pending_images, after_image = [], False
        previous_block = block
    lines: list[Line] = []
    dehyphenated = 0
    for paragraph in paragraphs:
        if not paragraph.lines:
            continue
        text = paragraph.lines[0].text
        for before, printed in zip(paragraph.lines, paragraph.lines[1:]):
            # an ALTO line counts its words (the page's words: none dropped); a PDF's none
            text, joined = join_words(text, before, printed.text) if before.words else join_printed(text, printed.text)
            dehyphenated += joined
        line = Line(no=first_no + len(lines), text=text, indent=paragraph.indent >= _INDENT)
        line.layout = _layout(page, paragraph)
        line.blank_before = _blank_before(paragraph, lines)
        if paragraph.images:
            line.meta["images"] = paragraph.images
        confidences = [p.confidence for p in paragraph.lines if p.confidence is not None]
        low = [word for p in paragraph.lines for word in p.low_words]
        if low:
            line.meta["low_confidence"] = low
        if confidences:
            line.meta["confidence"] = sum(confidences) / len(confidences)
        lines.append(line)
    if dehyphenated and lines:
        lines[0].meta["dehyphenated"] = dehyphenated
    return lines


def _title_block(block: Block, body: float) -> bool:
    """A block printed as one title, its lines one text: in title type (up to six lines),
    in type a little larger than the body (up to three: a kicker or subheadline wrapped),
    or in bold and centred (up to four: a subhead wrapped)."""
    lines = block.lines
    if heading_like(block.size, block.font, body):
        return len(lines) <= 6
    if block.size >= KICKER_RATIO * body:
        return len(lines) <= 3
    return block.font.bold and 2 <= len(lines) <= 4 and _centred(block)


def _title_groups(block: Block, body: float) -> list[list[TextLine]]:
    """The lines of a title block, cut where white space of more than half an em
    parts them: a subhead set in two parts (``如何增强硬实力？`` over a quote, ``一座古城``
    over ``沉浸场景激发消费活力``) is two titles."""
    groups = [[block.lines[0]]]
    for above, line in zip(block.lines, block.lines[1:]):
        if line.y0 - above.y1 > 0.6 * (line.size or body):
            groups.append([])
        groups[-1].append(line)
    return groups


def _centred(block: Block) -> bool:
    """Lines set centred in the block, one of them at least an em short of its edges."""
    middle = (block.x0 + block.x1) / 2
    em = block.lines[0].size or 1.0
    return all(abs((line.x0 + line.x1) / 2 - middle) <= em for line in block.lines) and any(
        line.x0 - block.x0 >= em for line in block.lines
    )


def _uses_indents(blocks: list[Block], body: float) -> bool:
    """Whether the page marks paragraphs with first-line indents."""
    indented = total = 0
    for block in blocks:
        if not block.lines or heading_like(block.size, block.font, body):
            continue
        for line in block.lines:
            total += 1
            indented += line.x0 - block.x0 >= _INDENT * body
    return total > 0 and indented >= 0.04 * total


def _left_edge(block: Block, starts: list[float], body: float, edges: list[float]) -> float:
    """Where the lines of ``block`` start when not indented: its own left edge, or for a
    block of one or two lines set in from a column's start by up to three ems (a short
    paragraph alone in its block, its first line indented) that column's start; but not
    when it starts where the lines of indented paragraphs start (``edges``: a story's
    columns set off the page's grid, a short last line at the top of one), nor when its
    second line starts an indent left of its first (its own edge: a paragraph's start)."""
    if len(block.lines) > 2:
        return block.x0
    em = block.lines[0].size or body
    if any(abs(block.x0 - x) <= 0.3 * em for x in _between(edges, block.x0 - 0.3 * em, block.x0 + 0.3 * em)):
        return block.x0  # where a column of paragraphs starts (a story's own, off the page's grid)
    if len(block.lines) == 2 and block.lines[0].x0 - block.lines[1].x0 >= _INDENT * em:
        return block.x0  # a paragraph's indented first line over its next, which starts at the text's edge
    inside = [
        x
        for x in _between(starts, block.x0 - 3 * em, block.x0 - _INDENT * em)
        if _INDENT * em <= block.x0 - x <= 3 * em
    ]
    return max(inside) if inside else block.x0


def _right_under(earlier: Block, block: Block, body: float) -> bool:
    """Whether ``block`` starts right under ``earlier``, flush with it: the same column's
    text going on (a verse line longer than those above it starts a block), not a column break."""
    em = block.lines[0].size or body
    return abs(block.x0 - earlier.x0) <= 0.3 * em and -0.2 * em <= block.y0 - earlier.y1 <= 0.6 * em


class _ByHeight:
    """A page's blocks by their tops and by their bottoms, to find those that may touch a
    block above or below it without looking at every block of the page (a page of
    thousands of blocks took minutes: every block asked every other)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.tops = sorted((block.y0, index) for index, block in enumerate(blocks))
        self.bottoms = sorted((block.y1, index) for index, block in enumerate(blocks))
        self.lefts = sorted((block.x0, index) for index, block in enumerate(blocks))

    @staticmethod
    def _bounds(pairs: list[tuple[float, int]], low: float, high: float) -> tuple[int, int]:
        slack = 1e-9 * max(1.0, abs(low), abs(high))  # the checks that follow are the exact ones
        return bisect.bisect_left(pairs, (low - slack, -1)), bisect.bisect_right(pairs, (high + slack, len(pairs)))

    @staticmethod
    def _within(pairs: list[tuple[float, int]], low: float, high: float) -> list[int]:
        start, end = _ByHeight._bounds(pairs, low, high)
        return [index for _, index in pairs[start:end]]

    def near(self, block: Block, em: float) -> list[Block]:
        """In page order, the blocks whose bottom is within ``[-0.6, 0.2]`` ems of
        ``block``'s top or whose top is within ``[-0.2, 0.6]`` ems of its bottom."""
        found = set(self._within(self.bottoms, block.y0 - 0.6 * em, block.y0 + 0.2 * em))
        found.update(self._within(self.tops, block.y1 - 0.2 * em, block.y1 + 0.6 * em))
        return [self.blocks[index] for index in sorted(found)]

    def near_and_left(self, block: Block, em: float, nearest: float, farthest: float) -> list[Block]:
        """Some, in page order, of the blocks :meth:`near` ``block`` — all of those that
        start between ``nearest`` and ``farthest`` ems left of it: those near it, or those
        starting there, whichever are fewer (blocks all at one height are all near each
        other; blocks piled at one place all start there)."""
        start, end = self._bounds(self.lefts, block.x0 - farthest * em, block.x0 - nearest * em)
        above = self._bounds(self.bottoms, block.y0 - 0.6 * em, block.y0 + 0.2 * em)
        below = self._bounds(self.tops, block.y1 - 0.2 * em, block.y1 + 0.6 * em)
        if end - start >= above[1] - above[0] + below[1] - below[0]:
            return self.near(block, em)
        return [self.blocks[index] for index in sorted(index for _, index in self.lefts[start:end])]


def _flush_neighbour(block: Block, heights: _ByHeight, body: float) -> float | None:
    """The left edge of the text around ``block`` when every line of it is set in from
    there by an indent: a run of one-line paragraphs (dialogue, ``“怎么样？”``) the page
    cut into a block of its own between two blocks of the same column whose lines start
    an indent further left, touching it above or below and ending where it ends."""
    em = block.lines[0].size or body
    for other in heights.near_and_left(block, em, _INDENT, 3):
        if other is block or other.image is not None or not other.lines or other.region != block.region:
            continue
        if abs(other.size / block.size - 1) > 0.1 or heading_like(other.size, other.font, body):
            continue
        touching = -0.2 * em <= block.y0 - other.y1 <= 0.6 * em or -0.2 * em <= other.y0 - block.y1 <= 0.6 * em
        if not touching or abs(other.x1 - block.x1) > 1.5 * em:
            continue
        if (
            _INDENT * em <= block.x0 - other.x0 <= 3 * em
            and sum(abs(line.x0 - other.x0) < 0.3 * em for line in other.lines) >= 2
        ):
            return other.x0
    return None


def _indented_run(block: Block, columns: list[tuple[float, float]], body: float, edges: list[float]) -> float | None:
    """The start of the page column ``block`` is set in when every line of it starts an
    indent in from there and all but the last reach the column's right edge: paragraphs of
    a line or so each, their first lines filling their lines (``有多薄？…`` over
    ``有多厚？…``), the page cut into a block of their own. Each line opens a paragraph.
    The indent is a paragraph's two ems (:data:`_TWO_EMS`): columns set a little off the
    grid start a fraction of an em in.
    Not where the lines of indented paragraphs start (``edges``: a story's columns set off
    the page's grid)."""
    if len(block.lines) < 2:
        return None
    em = block.lines[0].size or body
    if any(abs(line.x0 - block.x0) > 0.3 * em for line in block.lines):
        return None
    if any(abs(block.x0 - x) <= 0.3 * em for x in _between(edges, block.x0 - 0.3 * em, block.x0 + 0.3 * em)):
        return None
    for left, right in columns:
        if _TWO_EMS[0] * em <= block.x0 - left <= _TWO_EMS[1] * em and all(
            line.x1 >= right - 0.5 * em and measure_right(line) <= right + 0.5 * em for line in block.lines[:-1]
        ):
            return left
    return None


def _starts_paragraph(
    block: Block, index: int, body: float, indented_page: bool, left: float | None = None, pitch: float = 0.0
) -> tuple[bool, float]:
    """Whether printed line ``index`` of ``block`` opens a paragraph, and its indent in ems
    (from ``left``, by default the block's left edge). A line set well below the one above
    it, more than :data:`_SPACED` times the page's ``pitch`` (for its size) apart, opens one
    too: a subhead in two parts set a line's white space apart."""
    line = block.lines[index]
    em = line.size or body
    indent = max(0.0, (line.x0 - (block.x0 if left is None else left)) / em)
    if index == 0:
        return True, indent
    above = block.lines[index - 1]
    if indent >= _INDENT:
        return True, indent
    short = above.x1 < block.x1 - _FULL * em
    gap = line.y0 - above.y1
    if gap > 0.9 * em or (pitch and line.y0 - above.y0 > _SPACED * pitch * em / body):
        return True, indent
    if short and (not indented_page or ends_sentence(above.text)):
        return True, indent
    return False, indent


def _verse(block: Block, body: float, column_right: float | None = None) -> bool:
    """A block set line by line (verse, a list of short items): three lines or more, none
    indented, most of them ending well short of the block's right edge — or, ragged (most
    not reaching the block's right edge), well short of the right edge of the column it
    is set in (``column_right``: verse lines indented as one, none as long as the column) —,
    or every one but the last a dozen characters at most ending a clause. Each printed
    line is a line of its own."""
    lines = block.lines
    if len(lines) < 3:
        return False
    em = block.size or body
    if any(line.x0 - block.x0 >= _INDENT * em for line in lines):
        return False
    short = sum(1 for line in lines[:-1] if line.x1 < block.x1 - _FULL * em)
    if short >= 0.6 * (len(lines) - 1):
        return True
    if column_right is not None and block.x1 < column_right - _FULL * em:
        level = sum(1 for line in lines[:-1] if line.x1 >= block.x1 - 0.5 * em)
        if level < 0.6 * (len(lines) - 1):
            return True
    # short lines of one length each ending a clause (a poem of five-character lines)
    return all(line.text[-1:] in _CLAUSE_ENDS and len(line.text) <= 12 for line in lines[:-1])


def _column_right(block: Block, columns: list[tuple[float, float]]) -> float | None:
    """The right edge of the last page column ``block`` is set in (``None`` off the grid)."""
    last = block.first_column + block.columns - 1
    return columns[last][1] if columns and 0 <= last < len(columns) else None


def _column_starts(page: PageLayout) -> list[float]:
    """Where the page's columns of text start: the grid's columns and the left edges of
    blocks of three lines or more (the columns of boxes too)."""
    return sorted([left for left, _ in page.columns] + [b.x0 for b in page.blocks if len(b.lines) >= 3])


def _text_edges(page: PageLayout) -> list[float]:
    """The left edges of blocks of paragraphs: three lines or more, the first indented
    from the edge the others start at."""
    edges = []
    for block in page.blocks:
        if len(block.lines) < 3:
            continue
        em = block.lines[0].size or page.body_size
        if block.lines[0].x0 - block.x0 >= _INDENT * em and abs(block.lines[1].x0 - block.x0) < 0.3 * em:
            edges.append(block.x0)
    return sorted(edges)


def _between(values: list[float], low: float, high: float) -> list[float]:
    """The values of a sorted list within ``[low, high]``, give or take a hair (the callers
    make their exact checks on them): a page's column starts and text edges are looked up,
    never scanned for each block (thousands of blocks made that quadratic)."""
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    return values[bisect.bisect_left(values, low - slack) : bisect.bisect_right(values, high + slack)]


def _continues(
    previous: _Paragraph, block: Block, indent: float, body: float, indented_page: bool, starts: list[float]
) -> bool:
    """Whether ``block`` goes on with the paragraph before it (a column break)."""
    earlier = previous.tail or previous.block
    if earlier.image is not None or not previous.lines or earlier is block:
        return False
    if earlier.region != "body" or block.region != "body":
        return False
    if heading_like(earlier.size, earlier.font, body) or heading_like(block.size, block.font, body):
        return False
    if abs(block.size / earlier.size - 1) > 0.1:
        return False
    first, last = block.lines[0], previous.lines[-1]
    em = first.size or body
    lead = _bold_lead(previous, block, indent, indented_page)
    # a block's face is its most characters' face: a bold dateline over one roman line makes
    # a block bold, but its text goes on in the face of its last line
    same_face = block.font.bold == earlier.font.bold or (
        len(earlier.lines) >= 2 and not last.mixed and last.font.bold == first.font.bold == block.font.bold
    )
    if not same_face and not lead:
        return False
    if not lead:
        if len(earlier.lines) < 2 and earlier.width < 0.85 * _measure(block):
            return False  # a line of its own narrower than the text after it (a byline, a label) goes on nowhere
        if len(previous.lines) == 1 and parse_byline_line(last.text) is not None:
            return False  # a byline on its line of its own (本报记者 X Y) signs the text after it
        # a column's text goes on in a column of the same width, or in a short last line at
        # the top of a column, where the column starts
        same_width = 0.85 <= _measure(block) / max(_measure(earlier), 1e-6) <= 1.18
        last_line = (
            len(block.lines) == 1
            and indent < _INDENT
            and (
                any(abs(first.x0 - x) <= 0.5 * em for x in _between(starts, first.x0 - 0.5 * em, first.x0 + 0.5 * em))
                or _next_column_top(earlier, block, em)
            )
        )
        if not same_width and min(len(block.lines), len(earlier.lines)) < 2 and not last_line:
            return False
        if last.x1 < earlier.x1 - _FULL * (last.size or body):
            return False  # the paragraph ended short of the column's edge
    if block.y0 < earlier.y1 and block.x0 <= earlier.x0:
        return False  # not a later column or a lower block
    if block.y0 - earlier.y1 > 0.9 * em and min(block.x1, earlier.x1) > max(block.x0, earlier.x0):
        return False  # white space between a block and the one right under it parts them (two subheads)
    if indented_page:
        return indent < _INDENT
    return not ends_sentence(last.text)


def _measure(block: Block) -> float:
    """The width of the measure ``block`` is set to: its lines' reach, a closing mark hung
    past the right edge not counted (a block of one line: its width)."""
    if len(block.lines) < 2:
        return block.width
    return max(measure_right(line) for line in block.lines) - block.x0


def _next_column_top(earlier: Block, block: Block, em: float) -> bool:
    """Whether ``block`` stands at the top of the column right of ``earlier``, level with
    its top and a gutter right of it (columns of a short text set off the page's grid, two
    lines or more)."""
    return len(earlier.lines) >= 2 and abs(block.y0 - earlier.y0) <= 0.5 * em and 0 < block.x0 - earlier.x1 <= 3 * em


def _bold_lead(previous: _Paragraph, block: Block, indent: float, indented_page: bool) -> bool:
    """A bold lead (a dateline in bold: ``本报北京6月1日电 （记者X）``) alone on a line,
    its paragraph going on in roman type in the next block: on a page that indents its
    paragraphs, the roman text is not indented, the bold line fills most of its line (a
    subhead is short) and ends no sentence."""
    lead = previous.lines[0]
    return (
        indented_page
        and len(previous.lines) == 1
        and lead.font.bold
        and not block.font.bold
        and indent < _INDENT
        and not ends_sentence(lead.text)
        and lead.width >= 0.75 * block.width  # a lead fills its line; a subhead is short
        and 0 <= block.y0 - previous.block.y1 <= 1.5 * (block.lines[0].size or 1.0)
    )


def _align(block: Block, lines: list[TextLine]) -> str:
    if len(lines) < 2:
        left = lines[0].x0 - block.x0
        right = block.x1 - lines[0].x1
        if block.width and abs(left - right) < 0.5 * lines[0].size and left > lines[0].size:
            return "center"
        return "left"
    em = lines[0].size
    lefts = [abs(line.x0 - block.x0) < _INDENT * em for line in lines[1:]]
    rights = [abs(block.x1 - line.x1) < 0.5 * em for line in lines[:-1]]
    if all(lefts) and all(rights):
        return "justify"
    if all(rights):
        return "right"
    centres = [abs((line.x0 + line.x1) / 2 - (block.x0 + block.x1) / 2) < em for line in lines]
    if all(centres):
        return "center"
    return "left"


def _layout(page: PageLayout, paragraph: _Paragraph) -> LineLayout:
    block = paragraph.block
    lines = paragraph.lines
    weights = [(line.size, len(line.text)) for line in lines]
    total = sum(weight for _, weight in weights) or 1
    size = max(weights, key=lambda item: item[1])[0] if len(weights) == 1 else block.size
    bold = sum(weight for line, (_, weight) in zip(lines, weights) if line.font.bold) * 2 > total
    italic = sum(weight for line, (_, weight) in zip(lines, weights) if line.font.italic) * 2 > total
    confidences = [line.confidence for line in lines if line.confidence is not None]
    return LineLayout(
        page=page.index,
        x0=round(min(line.x0 for line in lines), 2),
        y0=round(min(line.y0 for line in lines), 2),
        x1=round(max(line.x1 for line in lines), 2),
        y1=round(max(line.y1 for line in lines[: paragraph.own]), 2),
        size=round(size, 2),
        size_ratio=round(size / page.body_size, 3) if page.body_size else 1.0,
        bold=bold,
        italic=italic,
        font=lines[0].font.name,
        first_column=block.first_column,
        columns=block.columns,
        page_columns=max(1, len(page.columns)),
        align=_align(block, lines),
        indent=round(paragraph.indent, 2),
        gap_before=round(paragraph.gap, 2),
        block=block.id,
        region=block.region,
        confidence=round(sum(confidences) / len(confidences), 3) if confidences else None,
        centred=_centred_in_column(block, page.columns),
    )


def _centred_in_column(block: Block, columns: list[tuple[float, float]]) -> bool:
    """A block of one printed line set centred in the page columns it spans: an em or more
    clear of both edges, its margins alike (within two ems, or 15 % of their sum: the
    grid's edges are the common body lines', not the block's own column)."""
    if len(block.lines) != 1 or not columns or not 0 <= block.first_column < len(columns):
        return False
    em = block.lines[0].size or 1.0
    last = min(block.first_column + block.columns, len(columns)) - 1
    left, right = block.x0 - columns[block.first_column][0], columns[last][1] - block.x1
    return min(left, right) >= em and abs(left - right) <= max(2 * em, 0.15 * (left + right))


def _blank_before(paragraph: _Paragraph, earlier: list[Line]) -> int:
    if not earlier:
        return 0
    if paragraph.after_image:
        return 3
    previous = earlier[-1].layout
    if previous is not None and previous.block == paragraph.block.id:
        return 1
    if paragraph.gap >= 0.8 or (paragraph.lines[0] is paragraph.block.lines[0] and _new_flow(paragraph, previous)):
        return 2
    return 1


def _new_flow(paragraph: _Paragraph, previous: LineLayout | None) -> bool:
    """A block of another kind of type than the line before: a new flow of text."""
    if previous is None:
        return True
    layout_size = paragraph.block.size
    return abs(layout_size - previous.size) > 0.1 * layout_size or paragraph.block.font.bold != previous.bold
