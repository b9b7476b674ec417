"""Text to lines: line ends, control characters, whitespace and the blank-line rhythm.

Each non-blank input line becomes a :class:`Line` that remembers its number, whether it
was indented (e-paper text indents paragraphs with ``　　``), and how many blank lines
came before it. :func:`baseline_gap` tells the page's usual number of blank lines
between lines: 1 for PDF extraction (every paragraph is followed by a blank line), 0 for
e-paper text (one paragraph per line); more blank lines than usual are a *strong break*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Diagnostic
from ..regex_cache import regex
from .junctions import junction_score
from .text import CLAUSE_MARKS, ends_sentence, join_glue, line_list, visible_length

# C0 and C1 controls except tab and newline, noncharacters, stray BOMs
_CONTROL_RE = regex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_SURROGATE_RE = regex("[\ud800-\udfff]")
#: Invisible characters of no meaning in a page's text (zero-width space, word joiner):
#: extraction leaves them before bylines and inside dashes (``\u200b——评…``, ``—\u200b—``),
#: where they hide the forms the reader looks for. Evaluation ignores them as it ignores
#: spaces. (The joiners U+200C and U+200D shape scripts and emoji: kept.)
_INVISIBLE_RE = regex("[\u200b\u2060]")
_INDENT_RE = regex(r"^(?:\u3000|\t| {2,}|\u00a0{2,})")
_INDENT_STARTS = "\u3000\t \u00a0"  # what an indent starts with (an empty line has none)


@dataclass(frozen=True)
class LineLayout:
    """Where and how a logical line was printed (PDF and ALTO input; ``None`` for text).

    A logical line is one paragraph (its printed lines joined across line and column
    breaks) or one title (a multi-line headline joined). These are the layout facts the
    reader's rules and models may weigh; deciding is left to them.

    :param page: 0-based page index in the input file
    :param x0, y0, x1, y1: the box of the line's first block, in points, top-left origin
    :param size: dominant font size in points
    :param size_ratio: ``size`` over the page's body text size (1.0 for body text)
    :param bold, italic, font: the dominant face
    :param first_column, columns, page_columns: the 0-based column the block starts in,
        how many columns it spans, and the page's column count
    :param align: ``left``, ``center``, ``right`` or ``justify``
    :param indent: first-line indent in ems
    :param gap_before: white space above the line, in body line heights (0 inside a block)
    :param block: the id of the block the line starts in (blocks are numbered in reading order)
    :param region: ``body``, or ``header``/``footer`` for the page's top and bottom bands
    :param confidence: ALTO only: the mean OCR word confidence (0-1)
    :param centred: a block of one printed line set centred in its page column (an em
        or more clear of both of its edges)
    """

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    size_ratio: float
    bold: bool = False
    italic: bool = False
    font: str = ""
    first_column: int = 0
    columns: int = 1
    page_columns: int = 1
    align: str = "left"
    indent: float = 0.0
    gap_before: float = 0.0
    block: int = 0
    region: str = "body"
    confidence: float | None = None
    centred: bool = False


@dataclass
class Line:
    """One non-blank input line (text input), or one logical line of a laid-out page
    (``layout`` set: a paragraph or a title, see :class:`LineLayout`)."""

    no: int
    text: str
    indent: bool = False
    blank_before: int = 0
    kind: str = "text"
    data: Any = None
    strong: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    layout: LineLayout | None = None


def _has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point: the one thing UTF-8 cannot encode
    (an encoder's pass costs a third of a search for them)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


#: The characters below U+0100 that :data:`_CONTROL_RE` removes.
_LATIN_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def _has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :data:`_CONTROL_RE` removes: its characters below
    U+0100 taken as bytes (the rest left out) and stripped of the controls in C, where the
    pattern's search tested every character in turn (30 µs on the seed page, now 7), and
    the byte-order mark and the two noncharacters."""
    latin = text.encode("latin-1", "ignore")
    return (
        len(latin.translate(None, _LATIN_CONTROLS)) != len(latin)
        or "\ufeff" in text
        or "\ufffe" in text
        or "\uffff" in text
    )


def clean_text(text: str, *, surrogates: bool = True) -> tuple[str, list[Diagnostic]]:
    """Unify line ends and drop control characters, recording what was dropped.
    ``surrogates``: whether the text can hold a lone surrogate (not where it was decoded
    from UTF-8, which refuses them: the pass looking for them is left out)."""
    diagnostics: list[Diagnostic] = []
    # form feeds (page breaks of pdftotext) and vertical tabs end lines
    if "\r" in text:  # (a search for the two characters of CR LF costs ten times one for CR)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if surrogates and _has_surrogates(text):
        count = len(_SURROGATE_RE.findall(text))
        line = text[: _SURROGATE_RE.search(text).start()].count("\n") + 1  # type: ignore[union-attr]
        text = _SURROGATE_RE.sub("\ufffd", text)
        diagnostics.append(_surrogates_note(count, line))
    if _has_controls(text):
        text, lines_hit = _removed(text, _CONTROL_RE)
        diagnostics.append(_controls_note(lines_hit))
    if "\u200b" in text or "\u2060" in text:
        text, lines_hit = _removed(text, _INVISIBLE_RE)
        diagnostics.append(_invisible_note(lines_hit))
    return text, diagnostics


def _surrogates_note(count: int, line: int) -> Diagnostic:
    return Diagnostic(
        "lone-surrogates-replaced", f"{count} lone surrogate code point(s) replaced by U+FFFD", line, "warning"
    )


def _controls_note(lines_hit: dict[int, int]) -> Diagnostic:
    return Diagnostic(
        "control-characters-removed",
        f"removed {sum(lines_hit.values())} control character(s) on line(s) {line_list(list(lines_hit), 20)}",
        next(iter(lines_hit)),
        "warning",
    )


def _invisible_note(lines_hit: dict[int, int]) -> Diagnostic:
    return Diagnostic(
        "invisible-characters-removed",
        f"removed {sum(lines_hit.values())} zero-width space(s) on line(s) {line_list(list(lines_hit), 20)}",
        next(iter(lines_hit)),
        "info",
    )


#: Anything :func:`clean_lines` changes in a line of a laid-out page.
_UNCLEAN_RE = regex("[\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff\u2028\u2029\u200b\u2060\ud800-\udfff]")
#: What ends a line of a page of text, or indents it: a space inside a line of a laid-out page.
_BREAK_RE = regex("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_SPACES_RE = regex(" {2,}")


def clean_lines(lines: list[Line]) -> tuple[list[Line], list[Diagnostic]]:
    """:func:`clean_text` for the lines of a laid-out page (PDF, ALTO: an ALTO file's words
    may hold C1 controls, DEL and zero-width spaces, XML allows them; a PDF's glyphs
    whatever its fonts map codes to): the same characters removed (or, a lone surrogate,
    replaced) with the same diagnostics, line by line; what would end or indent a line of
    text becomes a space, runs of spaces it leaves one. A line left empty goes; the
    pictures it carried (``meta["images"]``: a picture goes with the line after it) go with
    the next line that stays. (Texts changed in place.)"""
    surrogates, first_surrogate = 0, 0
    controls: dict[int, int] = {}
    invisible: dict[int, int] = {}
    kept = []
    pictures: list[Any] = []  # (of lines left empty, for the next line that stays)
    for line in lines:
        text = line.text
        if _UNCLEAN_RE.search(text):
            text = _BREAK_RE.sub(" ", text)
            if found := len(_SURROGATE_RE.findall(text)):
                surrogates, first_surrogate = surrogates + found, first_surrogate or line.no
                text = _SURROGATE_RE.sub("\ufffd", text)
            for pattern, hits in ((_CONTROL_RE, controls), (_INVISIBLE_RE, invisible)):
                text, found = pattern.subn("", text)
                if found:
                    hits[line.no] = hits.get(line.no, 0) + found
            line.text = _SPACES_RE.sub(" ", text).strip(" ")
        if not line.text:
            pictures += line.meta.get("images") or []
            continue
        if pictures:
            line.meta["images"] = [*pictures, *(line.meta.get("images") or [])]
            pictures = []
        kept.append(line)
    notes = [_surrogates_note(surrogates, first_surrogate)] if surrogates else []
    notes += [_controls_note(controls)] if controls else []
    notes += [_invisible_note(invisible)] if invisible else []
    return kept, notes


def _removed(text: str, pattern: re.Pattern[str]) -> tuple[str, dict[int, int]]:
    """``text`` without what ``pattern`` matches, and how many were removed on each line."""
    lines_hit: dict[int, int] = {}
    line, counted = 1, 0  # line numbers counted on from the previous match: linear
    for match in pattern.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines_hit[line] = lines_hit.get(line, 0) + 1
    return pattern.sub("", text), lines_hit


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their numbers, indentation and blank lines before."""
    lines: list[Line] = []
    blank = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:  # (an empty line, most blank lines: no split and join of nothing)
            blank += 1
            continue
        stripped = " ".join(raw.split())  # squeeze(raw), inline: a call per line costs
        if not stripped:
            blank += 1
            continue
        indent = raw[:1] in _INDENT_STARTS and _INDENT_RE.match(raw) is not None
        # (no, text, indent, blank_before) by position: keywords cost a dataclass's
        # __init__ nearly twice as much, a third of this loop
        lines.append(Line(number, stripped, indent, blank))
        blank = 0
    return lines


def baseline_gap(lines: list[Line]) -> int:
    """The usual number of blank lines between two lines of the page (the median)."""
    gaps = sorted([line.blank_before for line in lines[1:]])
    if not gaps:
        return 0
    return gaps[len(gaps) // 2]


def single_spaced(lines: list[Line], base: int) -> int:
    """The page's gap between lines (``base``: its :func:`baseline_gap`) once a page whose
    extraction spaced every line out alike (three blank lines where the seed has one, seven
    where it has three) is made single spaced: each gap counted in the usual gap's steps, so a wider gap (where a
    picture stood) stays wider, as the features and rules know gaps. The lines' gaps are
    changed in place; blank lines are no text, so nothing is lost."""
    if base < 2:
        return base
    for line in lines:
        blank = line.blank_before
        if blank:
            line.blank_before = 1 if blank <= base else 1 + -(-(blank - base) // base)
    return 1


# ------------------------------------------------------------------ hard-wrapped text


def column_width(lines: list[Line]) -> int | None:
    """The printed column width of hard-wrapped text (``pdftotext`` without ``-layout``:
    every printed line its own line), or ``None`` when the text is not hard-wrapped.

    Hard-wrapped text has many lines of one width (give or take a character, as
    line-breaking rules move punctuation), most of them cut mid-sentence. ``lines`` as
    :func:`split_lines` gives them (words between single spaces)."""

    if _many_surely_wide(lines):
        return None  # (as the test of wide lines below finds, without measuring every line)
    widths = [round(visible_length(line.text)) for line in lines]
    long_enough = [width for width in widths if width >= 6]
    if len(long_enough) < 8:
        return None
    # a short page (one story) must show the column more plainly than a full one
    short = len(long_enough) < 12
    counts: dict[int, int] = {}
    for width in long_enough:
        counts[width] = counts.get(width, 0) + 1
    mode = max(counts, key=lambda width: (counts[width] + counts.get(width - 1, 0) + counts.get(width + 1, 0), width))
    if mode > 32 or (short and mode < 12):
        return None  # wider: paragraphs on one line each; narrower on a short page: a list
    near = [line for line, width in zip(lines, widths) if abs(width - mode) <= 1]
    if len(near) < (0.5 if short else 0.4) * len(long_enough) or (short and len(near) < 5):
        return None
    if sum(1 for width in widths if width > mode + 2) > 0.1 * len(widths):
        return None  # many lines wider than the column: paragraphs on one line each
    cut = sum(1 for line in near if not ends_sentence(line.text))
    if short and sum(1 for line in near if any(mark in line.text for mark in CLAUSE_MARKS)) < 0.5 * len(near):
        return None  # lines of one width without commas or full stops: a list of titles
    return mode if cut >= (0.75 if short else 0.6) * len(near) else None


#: A line of at least this many characters, words between single spaces, is at least 35
#: wide (:func:`.text.visible_length`): half its characters at least are no spaces, each at
#: least half wide. That is wider than a column :func:`column_width` finds (32 at most) by
#: more than the two it allows.
_SURELY_WIDE = 139


def _many_surely_wide(lines: list[Line]) -> bool:
    """Whether more than a tenth of ``lines`` are :data:`_SURELY_WIDE` (paragraphs on one line
    each: :func:`column_width` finds no column), told by their lengths alone."""
    allowed = 0.1 * len(lines)
    wide = 0
    for line in lines:
        if len(line.text) >= _SURELY_WIDE:
            wide += 1
            if wide > allowed:
                return True
    return False


def _printed_width(text: str) -> float:
    """Width of a printed line in ideograph widths: Latin, digits and spaces count half."""

    return visible_length(text) + 0.5 * sum(1 for char in text if char == " ")


def _standalone(text: str) -> bool:
    """A line that is a whole thing of its own: a byline."""
    from .datelines import parse_byline_line

    return parse_byline_line(text) is not None


def cut_length(lengths: list[int]) -> int | None:
    """The length in characters at which a tool cut every line of the page (``fold``, an
    OCR export or a converter writing lines of N characters, whatever their printed width:
    digits, Latin and spaces count as much as an ideograph), or ``None``. Such a page has
    most of its lines of six characters or more of that one length, and none longer (a
    printed column's lines with digits are longer in characters). ``lengths``: the page's
    non-blank lines' lengths as written, spaces included."""
    long_enough = [length for length in lengths if length >= 6]
    if len(long_enough) < 8:
        return None
    counts: dict[int, int] = {}
    for length in long_enough:
        counts[length] = counts.get(length, 0) + 1
    cut = max(counts)
    return cut if counts[cut] >= 0.4 * len(long_enough) else None


def _cut_column(lines: list[Line], lengths: list[int]) -> int | None:
    """The :func:`cut_length` of a page whose lines of that length are mostly cut
    mid-sentence (a tool cut its paragraphs, not a list of titles of one length: on a
    short page, as :func:`column_width` asks, half of them hold a comma or a full stop)."""
    cut = cut_length(lengths)
    if cut is None:
        return None
    full = [line for line, length in zip(lines, lengths) if length == cut]
    if sum(1 for line in full if not ends_sentence(line.text)) < 0.6 * len(full):
        return None
    short = sum(1 for length in lengths if length >= 6) < 12
    if short and sum(1 for line in full if any(mark in line.text for mark in CLAUSE_MARKS)) < 0.5 * len(full):
        return None
    return cut


def written_lines(text: str) -> list[str]:
    """``text``'s non-blank lines as written (the lines :func:`split_lines` keeps, one for
    one, before it squeezes their spaces)."""
    return [raw for raw in text.split("\n") if raw and not raw.isspace()]


def _blanks_end_paragraphs(lines: list[Line], lengths: list[int], cut: int) -> bool:
    """Whether a page cut at ``cut`` characters parts its paragraphs by blank lines: most
    lines under a line shorter than the cut (a paragraph's last) stand after a blank line."""
    after_short = [line for line, length in zip(lines[1:], lengths) if length < cut]
    return sum(1 for line in after_short if line.blank_before) >= 0.5 * len(after_short) > 0


def _cut_glue(left: str, right: str) -> str:
    """What joins two lines of a page cut at a number of characters: a space where the cut
    fell in a run of spaces (``本报记者 潘俊强 任姗姗 `` / `` 刘  阳``), else nothing (the cut
    falls inside words and numbers alike: ``2012`` cut as ``201`` / ``2年``)."""
    return " " if left[-1:].isspace() or right[:1].isspace() else ""


def reflow(lines: list[Line], text: str | None = None) -> tuple[list[Line], int, int | None, int | None]:
    """Join the printed lines of hard-wrapped text back into paragraphs.

    Returns the new lines, how many line ends were removed, the column width (``None``:
    not hard-wrapped, lines unchanged) and the page's :func:`cut_length` (``None``: not
    cut at a number of characters). Within a block of lines (between blank
    lines): where paragraphs are indented (``　　``), an indented line starts a paragraph,
    lines above a block's first indent (headline, byline) stand alone, and a line joins
    the paragraph above unless that paragraph visibly ended (a short line closing a
    sentence); without indents, a line joins the one above when that one is full (as
    wide as the column; on a page cut at a number of characters, :func:`cut_length`,
    that many characters long). ``text``: the page's text ``lines`` were split from."""

    # (a page of long lines, paragraphs on one line each, is cut nowhere: not split again)
    raws = written_lines(text) if text is not None and not _many_surely_wide(lines) else []
    lengths = [len(raw) for raw in raws]
    cut = _cut_column(lines, lengths) if len(lengths) == len(lines) else None
    width = column_width(lines) or cut
    if width is None:
        return lines, 0, None, None
    indented_page = sum(1 for line in lines if line.indent) >= 0.04 * len(lines)
    unspaced = cut is not None and not _blanks_end_paragraphs(lines, lengths, cut)
    result: list[Line] = []
    joins = 0
    block_has_indent = False
    current: Line | None = None
    pieces: list[str] = []  # the current paragraph's text, joined once it is complete
    last_piece = ""
    last_index = 0
    for index, line in enumerate(lines):
        if index == 0 or line.blank_before:
            block_has_indent = _block_has_indent(lines, index)
            _close(current, pieces)
            current = None
        joins_here = False
        # (on a page cut at a number of characters, spaces opening a line under a full one
        # are where the cut fell in a run of spaces, no indent)
        cut_in_spaces = cut is not None and lengths[last_index] >= cut and raws[index][:1] in " \u00a0"
        if current is not None and (not line.indent or cut_in_spaces):
            if cut is not None:
                # a full line closing a sentence may end its paragraph right at the cut:
                # on a page without blank lines only the words tell
                full = nearly = lengths[last_index] >= cut and not (
                    unspaced and ends_sentence(last_piece) and _new_paragraph_likelier(last_piece, line.text)
                )
            else:
                printed = _printed_width(last_piece)
                full, nearly = printed >= width - 1, printed >= width - 2
            ended = ends_sentence(last_piece)
            if indented_page and block_has_indent:
                joins_here = bool(current.meta.get("paragraph")) and (full or not ended)
            else:
                joins_here = full or (nearly and not ended)
            if joins_here and len(pieces) == 1 and _standalone(last_piece):
                # a full-width byline line (本报记者 林 晓 通讯员 陈志强), but on a page cut at
                # a number of characters one cut in its names, their rest a line of its own
                # (本报记者 潘俊强 任姗姗 / 刘 阳)
                joins_here = (
                    cut is not None
                    and lengths[index] < cut
                    and _standalone(last_piece + _cut_glue(raws[last_index], raws[index]) + line.text)
                )
        if joins_here and current is not None:
            pieces.append(
                _cut_glue(raws[last_index], raws[index]) if cut is not None else join_glue(last_piece, line.text)
            )
            pieces.append(line.text)
            last_piece, last_index = line.text, index
            joins += 1
            continue
        _close(current, pieces)
        current = Line(line.no, line.text, line.indent, line.blank_before)  # (by position: as in split_lines)
        current.meta["paragraph"] = line.indent or not (indented_page and block_has_indent)
        last_piece, last_index = line.text, index
        pieces = [line.text]
        result.append(current)
    _close(current, pieces)
    return result, joins, width, cut


def _new_paragraph_likelier(left: str, right: str) -> bool:
    """Whether the junction table (:mod:`.junctions`) finds a new paragraph likelier than
    one going on across a break between a line ending in ``left`` and one opening with
    ``right``: its log-ratio is below zero."""
    score = junction_score(left, right)
    return score is not None and score < 0


def _block_has_indent(lines: list[Line], start: int) -> bool:
    """Whether the block of lines from ``start`` to the next blank line holds an indented
    line (walked by index: a slice per block would copy the rest of the page each time)."""
    for index in range(start, len(lines)):
        line = lines[index]
        if index > start and line.blank_before:
            return False
        if line.indent:
            return True
    return False


def _close(current: Line | None, pieces: list[str]) -> None:
    """Give a reflowed paragraph its text, joined once (``+=`` on an attribute copies the
    growing paragraph at every join: quadratic on a long hard-wrapped page)."""
    if current is not None and len(pieces) > 1:
        current.text = "".join(pieces)
