"""Page geometry: glyphs to printed lines, lines to blocks, the column grid and the
reading order. Engine-neutral: the PDF front end (:mod:`.pdf`) gives glyphs, the ALTO
front end (:mod:`.alto`) gives printed lines and blocks directly.

Coordinates are points with the origin at the page's top-left corner (``y`` grows
downwards); sizes are font sizes in points.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..reader.layout_roles import KICKER_RATIO, SMALLER_TYPE, TITLE_RATIO
from ..reader.text import ends_sentence


@dataclass(frozen=True)
class Font:
    """A typeface as the page names it, with its weight and slant. Front ends share one
    instance per face (:func:`interned`), so counting faces by dictionary rarely needs
    to compare two."""

    name: str = ""
    bold: bool = False
    italic: bool = False

    def __hash__(self) -> int:
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.name, self.bold, self.italic))
            object.__setattr__(self, "_hash", cached)
        return cached


_FONTS: dict[Font, Font] = {}


def interned(font: Font) -> Font:
    """The one shared instance of ``font``'s face."""
    if len(_FONTS) > 4096:  # a stream of ever new names (a hostile file) does not grow it forever
        _FONTS.clear()
    return _FONTS.setdefault(font, font)


@dataclass(slots=True)
class Glyph:
    """One printed character (or an explicit space) with its box and baseline."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float
    font: Font


@dataclass
class TextLine:
    """One printed line: its text, box, dominant type size and font."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: Font
    confidence: float | None = None  # ALTO: mean word confidence (0-1)
    words: int = 0  # ALTO: words on the line
    low_words: list[str] = field(default_factory=list)  # ALTO: words under the confidence floor
    bold_chars: int | None = None  # printed characters in a bold face (None: as the font says)
    cut: bool = False  # ALTO: its last word is cut (HYP): the next line's first word ends it
    cut_mark: str = ""  # ALTO: the hyphen HYP put after that word, not one of the page's words

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def bold_share(self) -> float:
        """The share of the line's characters set in bold (a run-in bold lead: between 0 and 1)."""
        if self.bold_chars is None:
            return 1.0 if self.font.bold else 0.0
        printed = sum(1 for char in self.text if not char.isspace())
        return self.bold_chars / printed if printed else 0.0

    @property
    def mixed(self) -> bool:
        """Set partly in bold and partly not (``本报讯`` in bold, then the story in roman)."""
        return 0.05 < self.bold_share < 0.95


@dataclass
class PageImage:
    """A picture placed on the page: where it is and how to get its bytes."""

    x0: float
    y0: float
    x1: float
    y1: float
    load: Any = None  # a callable returning (bytes, media type, width px, height px) or None


@dataclass
class Block:
    """A typographic block: consecutive printed lines of one type size in one column,
    or a picture."""

    id: int
    lines: list[TextLine] = field(default_factory=list)
    image: PageImage | None = None
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    first_column: int = 0
    columns: int = 1
    region: str = "body"  # body | header | footer

    def fit(self) -> None:
        """Set the box from the lines."""
        if self.lines:
            self.x0 = min(line.x0 for line in self.lines)
            self.y0 = min(line.y0 for line in self.lines)
            self.x1 = max(line.x1 for line in self.lines)
            self.y1 = max(line.y1 for line in self.lines)

    @property
    def size(self) -> float:
        """The block's type size (the size of most of its characters)."""
        return self._type()[0]

    @property
    def font(self) -> Font:
        """The block's face (the face of most of its characters)."""
        return self._type()[1]

    def _type(self) -> tuple[float, Font]:
        # computed once for the lines the block has (blocks only ever gain lines)
        key = (id(self.lines), len(self.lines))
        cached = self.__dict__.get("_type_cache")
        if cached is not None and cached[0] == key:
            return cached[1]
        if not self.lines:
            value: tuple[float, Font] = (0.0, Font())
        else:
            counts: Counter[Font] = Counter()
            for line in self.lines:
                counts[line.font] += len(line.text)
            value = (dominant([(line.size, len(line.text)) for line in self.lines]), counts.most_common(1)[0][0])
        self.__dict__["_type_cache"] = (key, value)
        return value

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class PageLayout:
    """One page's blocks in reading order, its body type size and column grid."""

    index: int
    width: float
    height: float
    blocks: list[Block]
    body_size: float
    line_height: float  # the distance between two body lines
    columns: list[tuple[float, float]]


def dominant(values: list[tuple[float, int]]) -> float:
    """The value with the largest weight (sizes rounded to a quarter point)."""
    counts: dict[float, int] = {}
    for value, weight in values:
        key = round(value * 4) / 4
        counts[key] = counts.get(key, 0) + weight
    if len(counts) == 1:
        return next(iter(counts))
    if not counts:
        return 0.0
    return max(counts.items(), key=lambda item: (item[1], -item[0]))[0]


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef"


# ---------------------------------------------------------------------- glyphs to lines


def group_lines(glyphs: list[Glyph], body_size: float) -> list[TextLine]:
    """Printed lines from glyphs given in content order: a glyph continues the run
    before it on the same baseline when the gap is small (larger after an explicit
    space, as justified Latin text needs); runs on one baseline that touch are merged."""
    runs: list[list[Glyph]] = []
    run: list[Glyph] = []
    last: Glyph | None = None
    printed = ""  # the last character printed before
    for glyph in glyphs:
        if last is not None:
            size = (last.size if last.size < glyph.size else glyph.size) or 1.0
            if abs(glyph.baseline - last.baseline) <= 0.35 * size:
                gap = glyph.x0 - last.x1
                if last.text == " " and not (_is_cjk(printed) or _is_cjk(glyph.text)):
                    allowed = 3.0 * size  # a word space stretched in justified Latin text
                else:
                    allowed = 0.6 * size
                    if 0.9 * body_size + 0.2 * size < allowed:
                        allowed = 0.9 * body_size + 0.2 * size
                if -0.5 * size <= gap <= allowed:
                    run.append(glyph)
                    last = glyph
                    if glyph.text != " ":
                        printed = glyph.text
                    continue
        run = [glyph]
        runs.append(run)
        last = glyph
        if glyph.text != " ":
            printed = glyph.text
    pieces = _letter_spaced([piece for run in runs if (piece := _trim(run))])
    return _merge_runs(pieces, body_size, _run_starts(pieces, body_size))


def _letter_spaced(pieces: list[list[Glyph]]) -> list[list[Glyph]]:
    """Single characters in a row on one baseline, in one size, evenly spaced at most four
    ems apart (a short line spread to its column's width: ``本 版 邮 箱 ：``), made one
    run; three at least, so two words side by side in a table stay apart."""
    order = sorted(range(len(pieces)), key=lambda k: (round(pieces[k][0].baseline), pieces[k][0].x0))
    joined: dict[int, list[Glyph]] = {}
    taken: set[int] = set()
    index = 0
    while index < len(order):
        row = [order[index]]
        while index + len(row) < len(order):
            last, nxt = pieces[row[-1]], pieces[order[index + len(row)]]
            if len(last) != 1 or len(nxt) != 1:
                break
            a, b = last[0], nxt[0]
            gap = b.x0 - a.x1
            if b.size != a.size or abs(b.baseline - a.baseline) > 0.1 * a.size or not 0 < gap <= 4 * a.size:
                break
            if len(row) >= 2 and abs(gap - (a.x0 - pieces[row[-2]][0].x1)) > 0.15 * a.size:
                break
            row.append(order[index + len(row)])
        if len(row) >= 3 and len(pieces[row[0]]) == 1:
            joined[row[0]] = [pieces[k][0] for k in row]
            taken.update(row[1:])
            index += len(row)
        else:
            index += 1
    if not joined:
        return pieces
    return [joined.get(k, piece) for k, piece in enumerate(pieces) if k not in taken]


def _run_starts(runs: list[list[Glyph]], body_size: float) -> set[int]:
    """Where many runs of a page start (in steps of 0.6 body ems): the columns' left edges."""
    step = 0.6 * body_size
    counts = Counter(round(run[0].x0 / step) for run in runs if len(run) >= 4)
    return {key for key, count in counts.items() if count >= 3}


def _trim(run: list[Glyph]) -> list[Glyph]:
    start, end = 0, len(run)
    while start < end and not run[start].text.strip():
        start += 1
    while end > start and not run[end - 1].text.strip():
        end -= 1
    return run[start:end]


def _merge_runs(runs: list[list[Glyph]], body_size: float, column_starts: set[int]) -> list[TextLine]:
    """Runs on one baseline that touch made one line, unless the later one starts where a
    column of the page starts (two columns' lines side by side, a full stop hung into the
    gutter between them).

    A run joins the first row still open (in the order they were started) whose last glyph
    ends just before it on its baseline; rows whose last glyph is more than two of the
    run's ems above or below it are closed. The open rows are kept by where their last
    glyph ends (a sorted list) and by its baseline (a heap each way), so a run asks only
    the rows ending just before it, and closing rows costs nothing per run: thousands of
    words apart on one baseline asked every row for every word (quadratic)."""
    runs.sort(key=lambda run: (run[0].baseline, run[0].x0))
    step = 0.6 * body_size
    merged: list[list[Glyph]] = []
    rows: dict[int, list[Glyph]] = {}  # the open rows, by the order they were started in
    ends: list[tuple[float, int]] = []  # (where the last glyph ends, row), sorted
    lowest: list[tuple[float, int, int]] = []  # (the last glyph's baseline, row, version): a min-heap
    highest: list[tuple[float, int, int]] = []  # the same, negated: a max-heap
    version: dict[int, int] = {}

    def note(number: int, row: list[Glyph]) -> None:
        last = row[-1]
        version[number] = version.get(number, -1) + 1
        bisect.insort(ends, (last.x1, number))
        heapq.heappush(lowest, (last.baseline, number, version[number]))
        heapq.heappush(highest, (-last.baseline, number, version[number]))

    def close(heap: list[tuple[float, int, int]], head: Glyph) -> None:
        while heap:
            _, number, seen = heap[0]
            if number not in rows or version[number] != seen:
                heapq.heappop(heap)  # closed already, or its last glyph changed since
                continue
            last = rows[number][-1]
            if abs(last.baseline - head.baseline) <= 2 * head.size:
                return  # kept: so are all nearer ones
            heapq.heappop(heap)
            del ends[bisect.bisect_left(ends, (last.x1, number))]
            del rows[number]

    for run in runs:
        head = run[0]
        target = None
        at_column = round(head.x0 / step) in column_starts
        if not at_column:
            low, high = head.x0 - 0.8 * body_size, head.x0
            slack = 1e-9 * max(1.0, abs(low), abs(high))  # the exact checks follow
            start = bisect.bisect_left(ends, (low - slack, -1))
            stop = bisect.bisect_right(ends, (high + slack, len(merged)))
            for number in sorted(number for _, number in ends[start:stop]):
                row = rows[number]
                last = row[-1]
                size = min(last.size, head.size) or 1.0
                # Chinese type touches: a wider gap is a gutter (a full stop hung past a column's
                # edge comes within half an em of the next column)
                reach = 0.25 if _is_cjk(last.text[-1:]) or _is_cjk(head.text[:1]) else 0.5
                if abs(head.baseline - last.baseline) <= 0.3 * size and 0 <= head.x0 - last.x1 <= min(
                    reach * size, 0.8 * body_size
                ):
                    target = number
                    break
        if target is not None:
            row = rows[target]
            del ends[bisect.bisect_left(ends, (row[-1].x1, target))]
            row.extend(run)
            note(target, row)
        else:
            rows[len(merged)] = run
            note(len(merged), run)
            merged.append(run)
        close(lowest, head)
        close(highest, head)
    return [_line(run) for run in merged]


def _line(run: list[Glyph]) -> TextLine:
    """A printed line from a run of glyphs (trimmed: it starts and ends with a character)."""
    previous = run[0]
    parts = [previous.text]
    x0, y0, x1, y1 = previous.x0, previous.y0, previous.x1, previous.y1
    size, font = previous.size, previous.font
    uniform = True  # every glyph of one size and font
    for glyph in run[1:]:
        text = glyph.text
        if text != " " and previous.text != " ":
            smaller = glyph.size if glyph.size < previous.size else previous.size
            if glyph.x0 - previous.x1 > 0.18 * smaller and not (_is_cjk(text[:1]) or _is_cjk(previous.text[-1:])):
                parts.append(" ")  # a word space printed as a gap between Latin letters, not as a character
        parts.append(text)
        if glyph.x0 < x0:
            x0 = glyph.x0
        if glyph.y0 < y0:
            y0 = glyph.y0
        if glyph.x1 > x1:
            x1 = glyph.x1
        if glyph.y1 > y1:
            y1 = glyph.y1
        if uniform and (glyph.size != size or glyph.font is not font):
            uniform = False
        previous = glyph
    bold_chars = None
    if uniform:
        size = round(size * 4) / 4
    else:
        printed = [glyph for glyph in run if glyph.text.strip()]
        size = dominant([(glyph.size, 1) for glyph in printed])
        fonts: dict[Font, int] = {}
        for glyph in printed:
            fonts[glyph.font] = fonts.get(glyph.font, 0) + 1
        font = max(fonts.items(), key=lambda item: item[1])[0]
        bold_chars = sum(count for face, count in fonts.items() if face.bold)
    return TextLine(
        text=_squeeze_spaces("".join(parts)), x0=x0, y0=y0, x1=x1, y1=y1, size=size, font=font, bold_chars=bold_chars
    )


def _squeeze_spaces(text: str) -> str:
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


# ---------------------------------------------------------------------- lines to blocks


def body_size_of(lines: list[TextLine]) -> float:
    """The page's body type size: the size most characters are set in."""
    return dominant([(line.size, len(line.text)) for line in lines]) or 10.0


def heading_like(size: float, font: Font, body_size: float) -> bool:
    """Type that marks a title: clearly larger than the body, or bold and somewhat larger."""
    ratio = size / body_size if body_size else 1.0
    return ratio >= TITLE_RATIO or (font.bold and ratio >= KICKER_RATIO)


#: Sizes within this ratio of each other are one size (PDF sizes are exact; a typographic
#: block is set in one size, and a caption half a point smaller than the body, set right
#: on it, is a block of its own).
SAME_SIZE = 1.03


def _same_weight(line: TextLine, last: TextLine) -> bool:
    """Whether two lines can stand in one block by their weight: the same, or one of them
    partly bold (a run-in bold dateline), or a bold line running full width into a roman one
    (a bold lead that fills its line, flush with it or a paragraph's indent in: a bold
    dateline opening a paragraph, ``本报北京6月1日电 （记者X）``)."""
    if line.font.bold == last.font.bold or line.mixed or last.mixed:
        return True
    indent = last.x0 - line.x0
    return (
        last.font.bold
        and last.x1 >= line.x1 - 0.8 * line.size
        and (
            abs(indent) <= 0.8 * line.size
            or _DATELINE_INDENT[0] * line.size <= indent <= _DATELINE_INDENT[1] * line.size
        )
    )


#: The first-line indent (in ems) of a paragraph a bold lead opens: two characters, give
#: or take half of one (a dateline in bold over its story's roman text on training pages).
_DATELINE_INDENT = (1.5, 2.5)


def _aligned(line: TextLine, block: Block, last: TextLine, titled: bool = False, leading: float = 0.0) -> bool:
    """Whether ``line`` stands in the column of ``block`` as the next line of its text:
    within the block's left and right edges, give or take an indent, and under its last
    line; starting left of it only under an indented first line (``last`` reaching at
    least as far right); never wider to the right; wider on both sides only under a title
    in bold set centred. The lines of a title (``titled``) only need to share an edge or
    their centre. ``leading`` is the usual white space between two lines of the page's text."""
    tolerance = 0.8 * line.size
    # a line spanning the block's measure may hang a closing mark past its right edge
    right = measure_right(line) if line.x0 <= block.x0 + tolerance else line.x1
    left_out = line.x0 < block.x0 - tolerance
    right_out = right > block.x1 + tolerance
    centred = abs((line.x0 + line.x1) - (last.x0 + last.x1)) <= 2 * tolerance
    if titled and (centred or abs(line.x0 - last.x0) <= tolerance or abs(line.x1 - last.x1) <= tolerance):
        return True  # the lines of one title, set flush left, flush right or centred
    if left_out and right_out:
        return centred and line.font.bold and last.font.bold
    if left_out:
        # under an indented first line, at the page's leading: a short line set further off
        # (a byline centred over the column) is no first line of the text below
        indent = last.x0 - line.x0
        return (
            len(block.lines) == 1
            and tolerance <= indent <= 4.5 * line.size
            and last.x1 >= right - tolerance
            and line.y0 - last.y1 <= leading + 0.2 * line.size
        )
    if right_out:
        return False  # wider than the block to its right: a short line above (an author, a label) is no part of it
    if (
        len(block.lines) == 1
        and last.x0 < line.x0 - tolerance
        and last.x1 > line.x1 + tolerance
        and line.y0 - last.y1 > leading + 0.2 * line.size
    ):
        return False  # a line of its own over the column, wider on both sides and set off (a byline)
    if len(block.lines) == 1 and line.x0 - last.x0 > 2.5 * line.size and line.y0 - last.y1 > leading + 0.2 * line.size:
        return False  # under a line of its own set off above it, starting well right of it: a column's top line
    # inside the block's edges: under its last line, or starting where the column starts (an
    # indent), not beside it in the next column of a block that spans two
    overlap = min(line.x1, last.x1) - max(line.x0, last.x0)
    return overlap >= 0.5 * min(line.width, last.width) or (
        -tolerance <= line.x0 - block.x0 <= 4.5 * line.size and abs(line.x0 - last.x0) <= 4.5 * line.size
    )


#: Marks a line may hang past the right edge of its column (hanging punctuation: the
#: measure's last character in the line, the mark set outside it). Over a thousand lines
#: of the training pages end in a full stop reaching 0.3 to 1.2 ems past their column.
HANGING_MARKS = "。，、．,.”’」』）)》"


def measure_right(line: TextLine) -> float:
    """Where ``line`` ends inside its column's measure: a closing mark at its end may hang
    past the edge by up to an em, so a line ending in one counts an em shorter."""
    return line.x1 - line.size if line.text[-1:] in HANGING_MARKS else line.x1


def usual_leading(lines: list[TextLine], body_size: float) -> float:
    """The usual white space between a line of body type and the next line of its column
    (set flush with it): the page's leading less the type's height."""
    body = sorted(
        (line for line in lines if abs(line.size / body_size - 1) < 0.12),
        key=lambda line: (round(line.x0), line.y0),
    )
    gaps = [
        later.y0 - earlier.y1
        for earlier, later in itertools.pairwise(body)
        if abs(later.x0 - earlier.x0) < 0.5 and -0.3 * body_size < later.y0 - earlier.y1 < body_size
    ]
    return statistics.median(gaps) if gaps else 0.3 * body_size


def group_blocks(lines: list[TextLine], body_size: float) -> list[Block]:
    """Blocks of printed lines: a line joins the block whose last line is just above it,
    in the same column (:func:`_aligned`), in the same size and weight.

    A line asks only the blocks whose last line lies across from it (within the reach of
    an indent, :func:`_aligned`), found by where the last line lies (in slices of the page's
    width), and blocks whose last line is far above are set aside as the lines come down
    (a heap): thousands of words apart on one baseline asked every block for every word."""
    blocks: list[Block] = []
    leading = usual_leading(lines, body_size)
    width = max(8.0 * body_size, 1.0)  # the page's width in slices of this
    slices: dict[int, set[int]] = {}  # the blocks whose last line reaches into each slice
    anywhere: set[int] = set()  # ... whose last line is wider than 64 slices, or inside out: asked by every line
    where: dict[int, tuple[int, int] | None] = {}
    version: list[int] = []
    heap: list[tuple[float, int, int]] = []  # (where a block is done, block, version)

    def slice_range(x0: float, x1: float) -> tuple[int, int] | None:
        if not (math.isfinite(x0) and math.isfinite(x1)) or x1 < x0 or (x1 - x0) / width > 64:
            return None
        return math.floor(x0 / width), math.floor(x1 / width)

    def unplace(number: int) -> None:
        span = where.pop(number, None)
        if span is None:
            anywhere.discard(number)
            return
        for k in range(span[0], span[1] + 1):
            slices[k].discard(number)

    def place(number: int) -> None:
        unplace(number)
        last = blocks[number].lines[-1]
        span = where[number] = slice_range(last.x0, last.x1)
        if span is None:
            anywhere.add(number)
        else:
            for k in range(span[0], span[1] + 1):
                slices.setdefault(k, set()).add(number)
        version[number] += 1
        heapq.heappush(heap, (last.y1 + 1.25 * last.size, number, version[number]))

    def active(number: int, line: TextLine) -> bool:
        # a block whose last line ends more than 1.25 of its size above this line is done:
        # no line of a size it takes (at most SAME_SIZE times its own) is near enough below it
        last = blocks[number].lines[-1]
        return line.y0 - last.y1 <= 1.25 * last.size

    for line in sorted(lines, key=lambda line: (line.y0, line.x0)):
        while heap and (heap[0][2] != version[heap[0][1]] or not active(heap[0][1], line)):
            _, number, seen = heapq.heappop(heap)
            if seen == version[number]:
                unplace(number)  # done: lines come top down
        reach = 5.5 * line.size  # an indent's reach and the tolerance of _aligned, and more
        span = slice_range(line.x0 - reach, line.x1 + reach) if line.x0 <= line.x1 else None
        if span is None:
            found = set(where)
        else:
            found = set(anywhere)
            for k in range(span[0], span[1] + 1):
                found.update(slices.get(k, ()))
        best: Block | None = None
        best_gap = 0.0
        for number in sorted(found):
            if not active(number, line):
                continue
            block = blocks[number]
            last = block.lines[-1]
            size = last.size if last.size > line.size else line.size
            gap = line.y0 - last.y1
            if gap < -0.3 * size or gap > 1.0 * size:
                continue
            if not (1 / SAME_SIZE <= line.size / last.size <= SAME_SIZE) or not _same_weight(line, last):
                continue
            if not _aligned(line, block, last, titled=heading_like(line.size, line.font, body_size), leading=leading):
                continue
            if best is None or gap < best_gap:
                best, best_gap = block, gap
        if best is None:
            best = Block(id=len(blocks), x0=line.x0, y0=line.y0, x1=line.x1, y1=line.y1)
            blocks.append(best)
            version.append(-1)
        best.lines.append(line)
        best.x0, best.x1 = min(best.x0, line.x0), max(best.x1, line.x1)
        best.y0, best.y1 = min(best.y0, line.y0), max(best.y1, line.y1)
        place(best.id)
    for block in blocks:
        block.id = 0
    return blocks


# ---------------------------------------------------------------------- columns


def column_grid(blocks: list[Block], body_size: float) -> list[tuple[float, float]]:
    """The page's columns: the left edges shared by many body lines, each as wide as the
    usual body line."""
    body_lines = [
        line
        for block in blocks
        for line in block.lines
        if abs(line.size / body_size - 1) < 0.12 and not heading_like(line.size, line.font, body_size)
    ]
    if not body_lines:
        return [(min(b.x0 for b in blocks), max(b.x1 for b in blocks))] if blocks else []
    widths = sorted(line.width for line in body_lines)
    width = widths[int(len(widths) * 0.75)]  # full lines are the commonest; short ends are below
    tolerance = 0.6 * body_size
    starts: Counter[float] = Counter()
    for line in body_lines:
        starts[round(line.x0 / tolerance) * tolerance] += 1
    minimum = max(2, len(body_lines) // 40)
    chosen: list[float] = []
    for start, count in sorted(starts.items(), key=lambda item: (-item[1], item[0])):
        if count < minimum:
            break
        if all(abs(start - other) >= 0.8 * width for other in chosen):
            chosen.append(start)
    chosen.sort()
    return [(start, start + width) for start in chosen]


def place_in_columns(block: Block, columns: list[tuple[float, float]]) -> None:
    """Set the first column a block starts in and how many columns it spans."""
    if not columns:
        return
    spanned = []
    for number, (left, right) in enumerate(columns):
        overlap = min(right, block.x1) - max(left, block.x0)
        if overlap >= 0.4 * min(right - left, max(block.width, 1e-6)):
            spanned.append(number)
    if not spanned:
        centre = (block.x0 + block.x1) / 2
        spanned = [min(range(len(columns)), key=lambda k: abs((columns[k][0] + columns[k][1]) / 2 - centre))]
    block.first_column, block.columns = spanned[0], spanned[-1] - spanned[0] + 1


# ---------------------------------------------------------------------- reading order


class _ByEdge:
    """Blocks sorted by one coordinate (an edge), to find those with it in a range without
    asking every block of the page: a page of thousands of blocks, each asking every
    other, took seconds to minutes. A range is widened by a hair (the sums and differences
    the callers' checks compute round), so the callers still make their exact checks on
    what is found. A block whose box is turned inside out (a far edge before its near one:
    a negative ``HEIGHT`` in an ALTO file) is found by every search, so that no caller
    need assume boxes are the right way round."""

    def __init__(self, blocks: list[Block], edge: Any) -> None:
        pairs = sorted((edge(b), k) for k, b in enumerate(blocks))
        self.blocks = blocks
        self.keys = [value for value, _ in pairs]
        self.places = [k for _, k in pairs]
        self.inverted = [k for k, b in enumerate(blocks) if b.x1 < b.x0 or b.y1 < b.y0]

    def within(self, low: float, high: float) -> list[Block]:
        """The blocks whose edge is within ``[low, high]`` (give or take the hair), in the
        order of the blocks given."""
        slack = 1e-9 * max(1.0, abs(low), abs(high))
        start = bisect.bisect_left(self.keys, low - slack)
        end = bisect.bisect_right(self.keys, high + slack)
        if self.inverted:
            return [self.blocks[k] for k in sorted({*self.places[start:end], *self.inverted})]
        if end - start == 1:
            return [self.blocks[self.places[start]]]
        return [self.blocks[k] for k in sorted(self.places[start:end])]

    def place(self, block: Block) -> int:
        """Where ``block`` stands among the blocks given."""
        if "_position" not in self.__dict__:
            self._position = {id(b): k for k, b in enumerate(self.blocks)}
        return self._position[id(block)]

    def in_order(self, blocks: Any) -> list[Block]:
        """``blocks`` (some of those given) in the order of the blocks given."""
        if "_position" not in self.__dict__:
            self._position = {id(b): k for k, b in enumerate(self.blocks)}
        return sorted(blocks, key=lambda b: self._position[id(b)])


def reading_order(blocks: list[Block], body_size: float) -> list[Block]:
    """Blocks in reading order by recursive cuts along white space.

    At each level: a horizontal cut with a title right below it and no title or kicker
    right above it (a new story, or the page header above the first one; never between a
    row of kickers and their titles) comes first; then a cut under a title stack (the
    stack is read before its columns); else the region splits at vertical gutters, left
    to right (columns, side-by-side stories; a strip with no title goes with the strip
    left of it when the two part at a story's cut: a story's columns past its title's
    span are read before the story under it); else at the lowest horizontal gap above
    which the region splits into columns, or the topmost (a title spanning the columns of
    its story comes before them). Last, a short line set
    right under a title (a byline) is read right after it.

    A title running by less than a character into a block level with it (titles side by
    side, the left one set a hair too wide) ends, for the vertical cuts, where the other
    begins: the gutter between the two stories still parts them."""
    result: list[Block] = []
    titles = [b for b in blocks if _titled(b, body_size)]
    lefts, rights = _ByEdge(blocks, lambda b: b.x0), _ByEdge(blocks, lambda b: b.x1)
    title_feet = _ByEdge(titles, lambda b: b.y1)
    across = {id(b): _across(b, lefts, rights, title_feet, body_size) for b in blocks}
    _order(blocks, body_size, result, across)
    return _stack_lines_after_titles(result, body_size)


def _stack_lines_after_titles(order: list[Block], body_size: float) -> list[Block]:
    """Move a one-line block of body type or smaller (not ending a sentence), or a little
    larger (a subheadline), that sits right under a title (not left of it), narrow and alone at its height (a
    byline, centred over the columns of its story; a subheadline set flush right), to
    right after that title; columns beside it would otherwise come first."""
    titles = [b for b in order if _titled(b, body_size)]
    moved: dict[int, list[Block]] = {}
    taken: set[int] = set()
    if not titles:
        return order
    # the titles by their tops and feet, the page's blocks by their tops: what lies near a
    # line is found without asking every block of the page
    title_tops, title_feet = _ByEdge(titles, lambda b: b.y0), _ByEdge(titles, lambda b: b.y1)
    tops = _ByEdge(order, lambda b: b.y0)
    position = {id(b): k for k, b in enumerate(order)}
    for block in order:
        if block.image is not None or len(block.lines) != 1 or heading_like(block.size, block.font, body_size):
            continue
        if block.size <= 1.05 * body_size and ends_sentence(block.lines[0].text):
            continue  # a sentence's end atop a column (the last line of a paragraph run over), no byline
        if block.size > 1.05 * body_size and any(
            0 <= t.y0 - block.y1 <= 1.5 * body_size and min(t.x1, block.x1) > max(t.x0, block.x0)
            for t in title_tops.within(block.y1, block.y1 + 1.5 * body_size)
        ):
            continue  # a little larger than the body and right over a title: that title's kicker
        above = [
            t
            for t in title_feet.within(block.y0 - 2.5 * body_size, block.y0)
            if 0 <= block.y0 - t.y1 <= 2.5 * body_size and t.x0 - body_size <= block.x0
        ]
        if not above or block.width > 0.6 * max(t.x1 - t.x0 for t in above):
            continue
        title = _title_of_line(block, above, body_size)
        if any(
            other is not block
            and other.lines
            and abs(other.y0 - block.y0) <= 0.5 * body_size
            and min(other.x1, max(title.x1, block.x1)) - max(other.x0, title.x0) >= 0.5 * other.width
            for other in tops.within(block.y0 - 0.5 * body_size, block.y0 + 0.5 * body_size)
        ):
            # a first line of the story's columns, level with the others: text, not a byline (a
            # column of the story beside, level with it, running a little under the title, is not)
            continue
        if any(
            other is not block
            and other.lines
            and other.y0 >= title.y1 - 0.5 * body_size
            and other.y1 <= block.y0 + 0.5 * body_size
            and min(other.x1, block.x1) > max(other.x0, block.x0)
            for other in tops.within(title.y1 - 0.5 * body_size, block.y0 + 0.5 * body_size)
        ):
            continue  # a line between it and the title: not right under it (对话人： over the names)
        if position[id(block)] == position[id(title)] + 1 + len(moved.get(id(title), [])):
            continue  # already read right after it
        moved.setdefault(id(title), []).append(block)
        taken.add(id(block))
    if not moved:
        return order
    result: list[Block] = []
    for block in order:
        if id(block) in taken:
            continue
        result.append(block)
        result.extend(moved.get(id(block), []))
    return result


def _title_of_line(block: Block, above: list[Block], body_size: float) -> Block:
    """The title a short line right under titles goes with: the lowest title over it,
    else the lowest title above it (a title ending a hair lower in another column,
    图片报道 over a picture, is not its story's); of titles ending level (rows of stories
    side by side, each byline set off right of its title), the nearest one."""
    over = [t for t in above if min(t.x1, block.x1) > max(t.x0, block.x0)]
    candidates = over or above
    lowest = max(t.y1 for t in candidates)
    level = [t for t in candidates if lowest - t.y1 <= 0.5 * body_size]
    return min(level, key=lambda t: (max(0.0, block.x0 - t.x1, t.x0 - block.x1), -t.y1))


def _gaps(spans: list[tuple[float, float]]) -> list[float]:
    """Cut positions between intervals that do not overlap (each the middle of a gap)."""
    spans = sorted(spans)
    cuts = []
    reach = spans[0][1]
    for low, high in spans[1:]:
        if low > reach:
            cuts.append((reach + low) / 2)
        reach = max(reach, high)
    return cuts


def _span(low: float, high: float, tolerance: float) -> tuple[float, float]:
    """A block's extent along one axis less ``tolerance`` at both ends (boxes touching by a
    hair do not block a cut), never less than its middle: every block lies wholly on one
    side of a cut, by its middle."""
    middle = (low + high) / 2
    return min(low + tolerance, middle), max(high - tolerance, middle)


def _across(
    block: Block, lefts: _ByEdge, rights: _ByEdge, title_feet: _ByEdge, body_size: float
) -> tuple[float, float]:
    """A block's horizontal extent for the vertical cuts: a title that runs by less than a
    character of its type into a block beside it, level with it, ends where that begins.
    Only blocks starting or ending within a character of the title's edges can
    (``lefts``, ``rights``: the page's blocks by their left and right edges; ``title_feet``:
    its blocks in title type by their feet)."""
    x0, x1 = block.x0, block.x1
    if not _titled(block, body_size):
        return x0, x1
    found = {id(b): b for b in lefts.within(block.x1 - block.size, block.x1)}
    found.update((id(b), b) for b in rights.within(block.x0, block.x0 + block.size))
    for other in lefts.in_order(found.values()):
        if other is block:
            continue
        if other.y1 <= block.y0 or other.y0 >= block.y1:
            # a column of text beside the title's story, under it or over it: the title
            # running a hair into it (less than a quarter of a character) ends where it begins
            if (
                not _titled(other, body_size, kicker=True)
                and block.x0 < other.x0 < x1
                and other.x1 > block.x1
                and (
                    0 < block.x1 - other.x0 < 0.25 * block.size
                    or (
                        0 < block.x1 - other.x0 < block.size
                        and _under_title_beside(
                            block, other, title_feet.within(block.y0, other.y0 + 0.5 * body_size), body_size
                        )
                    )
                )
            ):
                x1 = other.x0
            continue
        if block.x0 < other.x0 < x1 and 0 < block.x1 - other.x0 < block.size and other.x1 > block.x1:
            x1 = other.x0
        if x0 < other.x1 < block.x1 and 0 < other.x1 - block.x0 < block.size and other.x0 < block.x0:
            x0 = other.x1
    return x0, x1


def _under_title_beside(title: Block, column: Block, blocks: list[Block], body_size: float) -> bool:
    """Whether ``column`` (under or over ``title``, which runs into it) lies under another
    title level with ``title`` and right of it: the column is that title's story's
    (``blocks``: the page's blocks, or those of them that may be that title: in title
    type, their feet below the top of ``title`` and no more than half a line below the
    top of ``column``)."""
    return any(
        other is not title
        and _titled(other, body_size)
        and other.x0 > title.x1
        and other.y0 < title.y1
        and other.y1 > title.y0
        and min(other.x1, column.x1) > max(other.x0, column.x0)
        and column.y0 >= other.y1 - 0.5 * body_size
        for other in blocks
    )


def _order(blocks: list[Block], body_size: float, out: list[Block], across: dict[int, tuple[float, float]]) -> None:
    if len(blocks) <= 1:
        out.extend(blocks)
        return
    tolerance = 0.15 * body_size
    horizontal = _gaps([_span(b.y0, b.y1, tolerance) for b in blocks])
    cut = _story_cut(blocks, horizontal, body_size)
    if cut is not None:
        _order([b for b in blocks if (b.y0 + b.y1) / 2 < cut], body_size, out, across)
        _order([b for b in blocks if (b.y0 + b.y1) / 2 >= cut], body_size, out, across)
        return
    if horizontal:
        # a story's title stack over its columns (headline, subheadline, byline: one stack,
        # not titles side by side) is read before the columns, even where a gutter runs
        # down beside the stack
        cut = horizontal[0]
        above = [b for b in blocks if (b.y0 + b.y1) / 2 < cut]
        below = [b for b in blocks if (b.y0 + b.y1) / 2 >= cut]
        if _one_stack(above, body_size, across) or _kicker_over_title(above, below, body_size):
            _order(above, body_size, out, across)
            _order(below, body_size, out, across)
            return
    vertical = _gaps([_span(*across[id(b)], tolerance) for b in blocks])
    if vertical:
        # each block to the strip between the gutters its middle falls in, in page order
        strips: list[list[Block]] = [[] for _ in range(len(vertical) + 1)]
        for b in blocks:
            strips[bisect.bisect_right(vertical, sum(across[id(b)]) / 2)].append(b)
        for strip in _join_untitled_strips(strips, body_size):
            _order(strip, body_size, out, across)
        return
    if horizontal:
        # the lowest cut above which the page splits into columns (a picture or a title
        # spanning the whole width below stories side by side), else the topmost
        cut = _lowest_cut_over_columns(blocks, horizontal, tolerance, across)
        _order([b for b in blocks if (b.y0 + b.y1) / 2 < cut], body_size, out, across)
        _order([b for b in blocks if (b.y0 + b.y1) / 2 >= cut], body_size, out, across)
        return
    out.extend(sorted(blocks, key=lambda b: (b.y0, b.x0)))


def _story_cut(blocks: list[Block], horizontal: list[float], body_size: float) -> float | None:
    """The first horizontal cut with a title (or kicker) right below it and none right
    above it: a new story starts there (or the page header ends).

    The blocks are sorted once by their middles, so the blocks above a cut are a prefix
    of them and those below the rest; the top of the blocks below, the foot of those
    above and the nearest titles on either side are running minima and maxima. Only a
    cut with a title right below it and none right above it is looked at further (a page
    of thousands of blocks strewn over it has as many cuts: asking every block at every
    cut was quadratic)."""
    if not horizontal or not any(_titled(b, body_size, kicker=True) for b in blocks):
        return None
    ordered = sorted(blocks, key=lambda b: (b.y0 + b.y1) / 2)
    middles = [(b.y0 + b.y1) / 2 for b in ordered]
    count = len(ordered)
    inf = float("inf")
    # over the blocks from k on: the least top, and the least top of a title (or kicker)
    tops, title_tops = [inf] * (count + 1), [inf] * (count + 1)
    for k in range(count - 1, -1, -1):
        b = ordered[k]
        tops[k] = min(tops[k + 1], b.y0)
        title_tops[k] = min(title_tops[k + 1], b.y0) if _titled(b, body_size, kicker=True) else title_tops[k + 1]
    # over the blocks before k: the greatest foot, and the greatest foot of a title (or kicker)
    feet, title_feet = [-inf] * (count + 1), [-inf] * (count + 1)
    for k, b in enumerate(ordered):
        feet[k + 1] = max(feet[k], b.y1)
        title_feet[k + 1] = max(title_feet[k], b.y1) if _titled(b, body_size, kicker=True) else title_feet[k]
    held: list[int] | None = None
    for cut in horizontal:
        k = bisect.bisect_left(middles, cut)  # the blocks whose middle is above the cut
        titled_below = title_tops[k] - tops[k] <= 1.5 * body_size
        titled_above = feet[k] - title_feet[k] <= 1.5 * body_size
        if not titled_below or titled_above:
            continue
        if held is None:
            held = _cuts_held(ordered, middles, body_size)
        if not held[k]:
            return cut
    return None


def _lowest_cut_over_columns(
    blocks: list[Block], horizontal: list[float], tolerance: float, across: dict[int, tuple[float, float]]
) -> float:
    """The lowest of the ``horizontal`` cuts above which the blocks part at a gutter (their
    spans across, :func:`_span`, do not all join up), else the topmost cut. The blocks
    above each cut are taken top down, their spans merged into the runs they join up to
    as they come (sorted, disjoint, touching ones joined), instead of gathering the blocks
    above every cut again."""
    ordered = sorted(blocks, key=lambda b: (b.y0 + b.y1) / 2)
    lows: list[float] = []  # the runs' starts and ends, in order: disjoint, none touching
    highs: list[float] = []
    chosen = horizontal[0]
    k = 0
    for cut in horizontal:
        while k < len(ordered) and (ordered[k].y0 + ordered[k].y1) / 2 < cut:
            low, high = _span(*across[id(ordered[k])], tolerance)
            first = bisect.bisect_left(highs, low)  # the first run reaching the span
            last = bisect.bisect_right(lows, high)  # past the last run starting within it
            if first < last:
                low, high = min(low, lows[first]), max(high, highs[last - 1])
            lows[first:last] = [low]
            highs[first:last] = [high]
            k += 1
        if len(lows) > 1:
            chosen = cut
    return chosen


def _cuts_held(ordered: list[Block], middles: list[float], body_size: float) -> list[int]:
    """For each ``k``, whether a cut between ``ordered[:k]`` and ``ordered[k:]`` (the
    blocks in the order of their middles) parts no story though a title is right under it
    (not 0: it does not), because

    - a picture above it has its caption right below it: a block in type smaller than
      the body starting within a line of the picture's foot, under it. The picture's
      module (a photo in the last column beside two stories) runs on past the cut;
    - a title above it has none of its story's text above it: under the title, in its
      span, only short lines of their own (a byline) or nothing. The story's text runs on
      below the cut (its module starts higher than the story beside it);
    - it parts a column's text: a block of text below it, no title's, starting within a
      line of the foot of a block of text (or a caption) above it in the same column. The
      story above runs on down that column, beside the title under the cut.

    Each pair of blocks that holds cuts holds those between their places, counted once for
    all the cuts (asking every block at every cut was quadratic)."""
    count = len(ordered)
    change = [0] * (count + 2)

    def hold(first: int, last: int) -> None:  # the cuts k with first < k <= last
        if first < last:
            change[first + 1] += 1
            change[last + 1] -= 1

    tops = _ByEdge(ordered, lambda b: b.y0)
    inverted = [k for k, b in enumerate(ordered) if b.y1 < b.y0]
    for place, block in enumerate(ordered):
        if block.image is not None:  # a picture and its caption
            for other in tops.within(block.y1, block.y1 + body_size):
                if (
                    other.lines
                    and other.size < SMALLER_TYPE * body_size
                    and 0 <= other.y0 - block.y1 <= body_size
                    and min(other.x1, block.x1) > max(other.x0, block.x0)
                ):
                    hold(place, tops.place(other))
        if block.lines and not _titled(block, body_size, kicker=True):  # a column's text and its next block
            for other in tops.within(block.y1, block.y1 + 1.2 * body_size):
                if (
                    other.lines
                    and not _titled(other, body_size, kicker=True)
                    and 0 <= other.y0 - block.y1 <= 1.2 * body_size
                    and min(other.x1, block.x1) - max(other.x0, block.x0) > 0.5 * min(other.width, block.width)
                ):
                    hold(place, tops.place(other))
        if _titled(block, body_size):  # a title is open until the first block of its story's text
            floor = block.y1 - 0.5 * body_size

            def closes(other: Block, title: Block = block, floor: float = floor) -> bool:
                return (
                    other is not title
                    and other.y0 >= floor
                    and min(other.x1, title.x1) > max(other.x0, title.x0)
                    and not (
                        other.image is None
                        and len(other.lines) == 1
                        and not _titled(other, body_size)
                        and other.width <= 0.6 * title.width
                    )
                )

            # a block reaching below ``floor`` has its middle below it too (unless its box
            # is inside out): only those from there on, in order, can close the title
            start = bisect.bisect_left(middles, floor - 1e-9 * max(1.0, abs(floor)))
            close = next((k for k in range(start, count) if closes(ordered[k])), count)
            close = min([close, *(k for k in inverted if closes(ordered[k]))])
            hold(place, close)
    held = [0] * (count + 1)
    running = 0
    for k in range(count + 1):
        running += change[k]
        held[k] = running
    return held


def _join_untitled_strips(strips: list[list[Block]], body_size: float) -> list[list[Block]]:
    """Strips of the page between gutters, a strip with no title joined to the strip left
    of it when together they part at a story's cut: the columns of stories whose titles
    span fewer columns than their text (a story's last column beside its neighbour's)."""
    joined: list[list[Block]] = []
    for strip in strips:
        if joined and _first_column_of(joined[-1], strip, joined[-2] if len(joined) > 1 else [], body_size):
            joined[-1] = joined[-1] + strip
            continue
        if (
            joined
            and not any(_titled(b, body_size, kicker=True) for b in strip)
            and any(_titled(b, body_size, kicker=True) for b in joined[-1])  # else no story's cut
        ):
            both = joined[-1] + strip
            if _story_cut(both, _gaps([_span(b.y0, b.y1, 0.15 * body_size) for b in both]), body_size) is not None:
                joined[-1] = both
                continue
        joined.append(strip)
    return joined


def _first_column_of(left: list[Block], strip: list[Block], before: list[Block], body_size: float) -> bool:
    """Whether ``left``, a strip of text with no title, is the first column of the story
    in ``strip`` beside it, whose title is set over its other columns: the title wholly
    above the strip's top, and the strip's first line level with the top of a column of
    text right under that title (the story's columns start together under it), but with
    no column of the strip ``before`` it (whose last column it may be)."""
    if len(left) > 3 or any(b.image is not None or not b.lines or _titled(b, body_size, kicker=True) for b in left):
        return False
    top = min(b.y0 for b in left)
    if any(b.lines and not _titled(b, body_size, kicker=True) and abs(b.y0 - top) <= 0.5 * body_size for b in before):
        return False
    titles = [b for b in strip if _titled(b, body_size)]
    if not titles:
        return False
    first = min(titles, key=lambda t: t.y0)
    if any(
        b.y0 < first.y0 - 0.5 * body_size and (len(b.lines) > 2 or not _titled(b, body_size, kicker=True))
        for b in strip
    ):
        return False  # more than a kicker over the title (a column of another story)
    over = [t for t in titles if t.y1 <= top]
    if not over:
        return False
    title = max(over, key=lambda t: t.y1)
    if top - title.y1 > 4 * body_size:
        return False
    return any(
        b.lines
        and not _titled(b, body_size, kicker=True)
        and abs(b.y0 - top) <= 0.5 * body_size
        and len(b.lines) > 2
        and min(b.x1, title.x1) > max(b.x0, title.x0)
        for b in strip
    )


def _one_stack(blocks: list[Block], body_size: float, across: dict[int, tuple[float, float]]) -> bool:
    """Whether ``blocks`` are the lines of one title stack: each a title or a line or two
    (a byline), with no gutter between them."""
    if not blocks or any(b.image is not None or not b.lines for b in blocks):
        return False
    if not any(_titled(b, body_size) for b in blocks):
        return False
    if any(len(b.lines) > 2 and not _titled(b, body_size) for b in blocks):
        return False
    return not _gaps([across[id(b)] for b in blocks])


def _kicker_over_title(above: list[Block], below: list[Block], body_size: float) -> bool:
    """Whether ``above`` is one kicker (a line or two in a kicker's type, no title's) over
    the one title right under it: read before the story's columns even where it is set
    centred over them and the headline flush left, off to one side of it."""
    if len(above) != 1 or len(above[0].lines) > 2 or not _titled(above[0], body_size, kicker=True):
        return False
    if _titled(above[0], body_size):
        return False
    top = min(b.y0 for b in below)
    titles = [b for b in below if b.y0 - top <= 1.5 * body_size and _titled(b, body_size)]
    return len(titles) == 1 and titles[0].size > above[0].size


def _titled(block: Block, body_size: float, *, kicker: bool = False) -> bool:
    """A block in title type (``kicker``: or in the somewhat larger type of a kicker over a
    headline)."""
    if block.image is not None or not block.lines:
        return False
    # asked of every block at every level of the cuts: kept as _type keeps the block's type
    lines = (id(block.lines), len(block.lines))
    cached = block.__dict__.get("_titled_cache")
    if cached is None or cached[0] != lines:
        cached = block.__dict__["_titled_cache"] = (lines, {})
    value = cached[1].get((body_size, kicker))
    if value is None:
        value = heading_like(block.size, block.font, body_size) or (kicker and block.size >= KICKER_RATIO * body_size)
        cached[1][body_size, kicker] = value
    return value


def mark_bands(blocks: list[Block], height: float, body_size: float) -> None:
    """Blocks of small or body type in the top or bottom strip of the page are its
    running header or footer (a footer line under the lowest text of the columns: a
    column's last lines, a subhead, reaching into the strip are the story's); so is a row
    of single lines side by side across the top strip in any type (date, section name,
    paper and page number)."""
    tops = sorted(b.y0 for b in blocks if b.lines and b.size >= SMALLER_TYPE * body_size)
    # the lowest text of the page's columns: a footer line is printed under it
    text_bottom = max((b.y1 for b in blocks if b.image is None and len(b.lines) >= 2), default=0.0)
    for block in _header_row(blocks, height):
        block.region = "header"
    titles = _ByEdge(
        [b for b in blocks if b.image is None and b.lines and heading_like(b.size, b.font, body_size)], lambda b: b.y0
    )
    pictures = [b for b in blocks if b.image is not None]  # (a caption asks them, not every block)
    for block in blocks:
        if block.image is not None or not block.lines or block.size > 1.15 * body_size:
            continue
        small_on_top = (
            len(block.lines) == 1 and block.size < SMALLER_TYPE * body_size and (not tops or block.y1 < tops[0])
        )
        if (block.y1 <= 0.075 * height or small_on_top) and not _over_title(block, titles, body_size):
            block.region = "header"
        elif (
            block.y0 >= 0.94 * height
            and len(block.lines) == 1
            and block.y0 >= text_bottom - 0.5 * body_size
            and not _under_picture(block, pictures, body_size)
        ):
            block.region = "footer"


def _header_row(blocks: list[Block], height: float) -> list[Block]:
    """The top row of the page when it is a running header: two or more one-line blocks
    side by side (not overlapping across) in the top 8 % of the page, above every other
    block they overlap."""
    candidates = sorted(
        (b for b in blocks if b.image is None and len(b.lines) == 1 and b.y1 <= 0.08 * height), key=lambda b: b.y0
    )
    if len(candidates) < 2:
        return []
    first = candidates[0]
    row = [b for b in candidates if b.y0 < first.y1 and b.y1 > first.y0]  # beside the topmost line
    spans = sorted((b.x0, b.x1) for b in row)
    if len(row) < 2 or any(low < high for (_, high), (low, _) in itertools.pairwise(spans)):
        return []
    bottom = max(b.y1 for b in row)
    # (a block equal to one of the row, field by field, counts as in it, as ``in`` has it;
    # only blocks of the same box are compared so)
    boxes: dict[tuple[float, float, float, float], list[Block]] = {}
    for b in row:
        boxes.setdefault((b.x0, b.y0, b.x1, b.y1), []).append(b)
    if any(b.y0 < bottom and b not in boxes.get((b.x0, b.y0, b.x1, b.y1), ()) for b in blocks):
        return []  # something else reaches up beside it: no header row
    return row


def _over_title(block: Block, titles: _ByEdge, body_size: float) -> bool:
    """A kicker: right over a title in heading type it overlaps horizontally (the top
    story's kicker in the page's top strip is no running header; a staff line in small
    type over it is). ``titles``: the page's blocks in heading type, by their tops."""
    return block.size >= SMALLER_TYPE * body_size and any(
        other.image is None
        and other.lines
        and heading_like(other.size, other.font, body_size)
        and 0 <= other.y0 - block.y1 <= 1.5 * body_size
        and min(other.x1, block.x1) - max(other.x0, block.x0) > 0
        for other in titles.within(block.y1, block.y1 + 1.5 * body_size)
    )


def _under_picture(block: Block, blocks: list[Block], body_size: float) -> bool:
    """A caption: right under a picture it overlaps horizontally."""
    return any(
        other.image is not None
        and 0 <= block.y0 - other.y1 <= 3 * body_size
        and min(other.x1, block.x1) - max(other.x0, block.x0) > 0
        for other in blocks
    )


def line_pitch(blocks: list[Block], body_size: float) -> float:
    """The usual distance between two body lines of a block."""
    pitches = [
        later.y0 - earlier.y0
        for block in blocks
        if block.lines and abs(block.size / body_size - 1) < 0.12
        for earlier, later in zip(block.lines, block.lines[1:])
        if later.y0 > earlier.y0
    ]
    if not pitches:
        return 1.2 * body_size
    pitches.sort()
    return pitches[len(pitches) // 2]
