"""An article's body: dateline and bylines off the top, column-break cuts joined,
subheads, pictures, closing attributions and run-in leads.

Column breaks: PDF extraction cuts a paragraph where a column ends, and the page's
blank-line rhythm then puts a blank line inside the paragraph (``精心谋划起`` / ``步,确保``).
A line that does not end a paragraph (no sentence-final mark, colon or semicolon) is
joined with the next text line; a short line without clause punctuation stays a
subhead unless the next line plainly continues it. In e-paper text (one paragraph per
line) lines join only when the next line plainly continues a cut sentence. Every join
is a diagnostic; a join that probably lost a character on the way (``互`` + ``网+``
where the page elsewhere has ``互联网+``) is a warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Article, Block, Figure, Paragraph, Subhead, Unclassified
from ..regex_cache import regex
from .datelines import match_dateline, parse_closing, split_trailing_closing
from .furniture import LEADING_JUMP_RE, LEADING_JUMP_STARTS
from .headlines import has_clause_marks, headline_like, is_column_tag, is_numbered_subhead
from .layout_roles import in_text_block
from .lines import Line
from .text import (
    BULLETS,
    END_MARK_RE,
    WHITESPACE,
    cre,
    ends_paragraph,
    join_glue,
    pair_places,
    starts_as_continuation,
    starts_of,
    strip_closers,
    visible_length,
)

if TYPE_CHECKING:
    from .segmenter import Segmenter

_LEAD_RE = cre(r"^(?P<lead>[^。！？!?：:，,、；;]{3,18}?[。！？!?])(?=\S)")
_ORDINAL_LEAD_RE = cre(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|第[一二三四五六七八九十])")
_QUANTITY_START_RE = cre(
    r"^\d+(?:\.\d+)?\s*(?:万|亿|千|百|余|多|个|家|人|元|吨|亩|平方米|公里|米|项|件|次|户|所|座|条|辆|名|倍|%|％)"
)
#: A bare byline line of reporters (``本报记者 左妍``, ``记者 X 通讯员 Y``): closing a story it
#: is the story's byline (an evening paper's way); a bracketed one (``（记者 X）``), a
#: picture's credit (``X 摄影报道``) or a writer's signature closing it stays its last
#: paragraph, as e-paper records keep them.
_CLOSING_REPORTERS_RE = cre(r"(?:本报)?(?:首席|特约|见习)?(?:记者|通讯员|实习生)")
# an editor's note: its label (编者按：) and its signature (——编 者)
NOTE_LABEL_RE = cre(r"^(?:【?编者按】?|编者的话|编前语|编后语|编后)\s*[:：]?\s*")
NOTE_LABEL_STARTS = starts_of(NOTE_LABEL_RE, "【編编")
_NOTE_SIGNATURE = r"[（(]?\s*[—－\u2015-]{1,2}\s*编\s*者\s*[）)]?"
NOTE_SIGNATURE_RE = cre(rf"^{_NOTE_SIGNATURE}$")
NOTE_SIGNATURE_STARTS = starts_of(NOTE_SIGNATURE_RE, WHITESPACE + "(-—（－\u2015")
_NOTE_END_RE = cre(rf"{_NOTE_SIGNATURE}\s*$")


class _Paragraph:
    """A paragraph being assembled from one or more lines.

    Its pieces are joined once, when the paragraph is read whole (``text``): adding each
    line to a growing string would copy the paragraph at every join, quadratic in a page
    whose lines all join. Deciding a join needs only its start and end (``view``)."""

    _SHORT = 2048  # up to this length the view is the text itself

    def __init__(self, line: Line) -> None:
        self.parts = [line.text]
        self.head = self.tail = line.text[: self._SHORT]
        self.length = len(line.text)
        self.first = line.no
        self.last = line.no
        self.kind = line.kind
        self.indent = line.indent
        self.role = line.meta.get("role")

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)
        if len(self.head) < self._SHORT:
            self.head = (self.head + piece)[: self._SHORT]
        self.tail = (self.tail + piece)[-self._SHORT :]

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]

    @text.setter
    def text(self, value: str) -> None:
        self.parts = [value]
        self.head, self.tail, self.length = value[: self._SHORT], value[-self._SHORT :], len(value)

    @property
    def view(self) -> str:
        """The text, or for a long paragraph its start and end: all that the join rules
        read (the end past trailing quotes and brackets, the start, a length far over any
        headline's). A tail that is nearly all closing marks falls back to the text."""
        if self.length <= self._SHORT:
            return self.text
        tail = self.tail[-512:]
        if len(strip_closers(tail)) < 8:
            return self.text
        return self.head[:512] + tail


def _should_join(current: _Paragraph, line: Line, paper_mode: bool) -> bool:
    if line.kind != "text" or current.kind == "table":
        return False
    role = line.meta.get("role")
    if role is not None:  # the role model's reading
        return role == "cont" and current.kind in ("text", "editor-note")
    view = current.view
    if ends_paragraph(view):
        return False
    if line.layout is not None:
        return False  # layout: the layout pass joined the column breaks; its paragraphs are whole
    if current.kind == "editor-note":
        return True
    if starts_as_continuation(line.text) or _QUANTITY_START_RE.match(line.text):
        return True  # 步，确保… / 3.2亿元，建成…: the rest of a cut sentence
    if not paper_mode:
        # e-paper text: one paragraph per line, unless paragraphs are indented and this
        # line is not (a hard-wrapped paragraph)
        return current.indent and not line.indent
    if is_numbered_subhead(view) and headline_like(view, max_length=24):
        return False
    # a short line without clause punctuation is a subhead, anything else a cut paragraph
    return not (headline_like(view, max_length=20) and not has_clause_marks(view))


def _lost_character(left: str, right: str, page_text: str, start: int = 0, end: int | None = None) -> str | None:
    """If ``left + right`` occurs nowhere else on the page (``page_text[start:end]``) but
    ``left + X + right`` does, return the text with the missing character (``“互联网+``)."""
    tail, head = left[-2:], right[:2]
    if len(tail) < 2 or len(head) < 2:
        return None
    if end is None:
        end = len(page_text)
    # one walk over the places ``tail`` stands: ``tail + head`` at one of them (anywhere)
    # says nothing was lost; else the first ``tail + X + head`` (X not a line end) is the
    # answer. Found without compiling a pattern for every pair (a batch of pages would
    # miss re's cache and compile each one); where ``tail`` is everywhere, trying each
    # place would make a repetitive page quadratic, so after 64 tries C searches the rest
    # (the places ``tail`` stands found by its two characters in turn: :func:`.text.pair_places`)
    found: int | None = None
    for tries, at in enumerate(pair_places(page_text, tail, start, end), 1):
        middle = at + 2
        if page_text.startswith(head, middle, end):
            return None
        if found is None and page_text.startswith(head, middle + 1, end) and page_text[middle] != "\n":
            found = at
        if tries == 64:
            if page_text.find(tail + head, at + 1, end) != -1:
                return None
            if found is None:
                match = re.compile(re.escape(tail) + "[^\n]" + re.escape(head)).search(page_text, at + 1, end)
                return match.group() if match else None
            break
    return None if found is None else page_text[found : found + 5]


def mark_verse(units: list[Line]) -> list[tuple[int, int]]:
    """Mark as ``verse`` every run of four or more short lines in a row with no sentence
    inside (a poem's lines: each is a paragraph, none a title or a subhead). Returns
    the first and last line numbers of each run."""
    runs: list[tuple[int, int]] = []
    # each line asked once (a line ending one run was asked again as the next one's start;
    # the lines a run marks are never asked again, so their new kind changes no answer)
    # (a line over 32 characters is none, asked without the call: most lines)
    verse = [len(unit.text) <= _VERSE_MAX and _verse_line(unit) for unit in units]
    n = len(units)
    index = 0
    while index < n:
        if not verse[index]:
            index += 1  # (most lines: no run starts here)
            continue
        end = index + 1
        while end < n and verse[end] and units[end].blank_before == 0:
            end += 1
        # a headline stack set without blank lines is followed by its byline or dateline
        titles = end < n and units[end].kind in ("opening", "byline")
        if end - index >= 4 and not titles:
            for unit in units[index:end]:
                unit.kind = "verse"
            runs.append((units[index].no, units[end - 1].no))
        index = end
    return runs


_VERSE_BREAK_RE = regex("[。；;：:]")  # what no line of a poem holds
#: The longest line (characters) :func:`_verse_line` takes for a poem's line.
_VERSE_MAX = 32


def _verse_line(unit: Line) -> bool:
    text = unit.text
    return (
        unit.kind == "text"
        and len(text) <= _VERSE_MAX
        and visible_length(text) <= 16
        and not _VERSE_BREAK_RE.search(text)
        and text[:1] not in BULLETS
    )


def shape_article(article: Article, units: list[Line], figures: dict[int, list[Figure]], seg: Segmenter) -> None:
    """Fill ``article`` from its body lines (``figures`` are pictures placed before the
    unit of their key)."""
    paper_mode = seg.base_gap >= 1
    if not paper_mode:  # one line per paragraph: a poem's lines are found here
        for first, last in mark_verse(units):
            seg.note("verse", f"read lines {first}-{last} as verse", first)
    index = 0
    # editor's notes stay in the body where printed (as e-paper records keep them): one over
    # the story's byline and dateline goes first
    leading: list[Block] = []
    # -- the top: byline lines, date lines, the dateline opening
    while index < len(units):
        unit = units[index]
        if unit.kind == "byline":
            article.bylines.extend(unit.data)
            article.attribution.append(unit.text)
        elif unit.kind == "date":
            seg.keep_date(unit)
        elif unit.kind == "continued":
            jump = LEADING_JUMP_RE.match(unit.text)
            if jump:
                seg.furniture.add("jump", jump.group().strip(), unit.no)
                unit.text = unit.text[jump.end() :].strip()
            unit.kind = "text"
            if unit.text:
                break
        elif unit.kind == "editor-note":
            leading.append(_editor_note(unit.text, unit.no, unit.no, seg))
        elif unit.kind == "opening":
            opening = unit.data
            if article.dateline is None:
                article.dateline = opening.dateline
            article.bylines.extend(opening.bylines)
            article.attribution.append(opening.attribution)
            if opening.rest.startswith(("题：", "题:")):
                # a wire story's own title after its dateline (``新华社合肥5月5日电 题：…``):
                # a paragraph as printed, and the byline line under it still the story's
                leading.append(Paragraph(opening.rest))
                index += 1
                continue
            if opening.rest:
                unit.text = opening.rest
                unit.kind = "text"
                break
        else:
            break
        index += 1
    if article.lines is None and units:
        article.lines = (units[0].no, units[-1].no)
    elif units and article.lines is not None:
        article.lines = (article.lines[0], units[-1].no)

    blocks: list[Block] = leading
    held: list[Figure] = [fig for key, group in figures.items() if key <= index for fig in group]
    current: _Paragraph | None = None

    def begun() -> bool:
        """Whether the story's body has begun (an editor's note over it does not begin it)."""
        if current is not None and not _is_editor_note(current):
            return True
        return any(isinstance(block, Paragraph) and not block.note for block in blocks)

    def flush() -> None:
        nonlocal current
        if current is not None:
            if _is_editor_note(current):
                blocks.append(_editor_note(current.text, current.first, current.last, seg))
            else:
                blocks.append(_finish(current, article, seg))
            current = None
        blocks.extend(held)
        held.clear()

    for position in range(index, len(units)):
        unit = units[position]
        if position in figures and position > index:
            held.extend(figures[position])
        if unit.kind == "byline":
            # a byline once the body has begun (a package's signed parts, （记者 X）
            # closing the story) is a paragraph as printed; a part's people are the
            # part's, not the story's (the paper's records credit the story with the
            # byline under its title), a closing line's are the story's. Before the first
            # paragraph it is the story's byline, and so is a bare line of reporters that
            # closes the story (an evening paper's ``本报记者 左妍``).
            started = begun()
            flush()
            closing = position == len(units) - 1
            if not started or closing:
                article.bylines.extend(unit.data or ())
            if started and not (closing and _CLOSING_REPORTERS_RE.match(unit.text.lstrip())):
                blocks.append(Paragraph(unit.text))
            else:
                article.attribution.append(unit.text)
            continue
        if (
            unit.kind == "date"
            and position > index
            and _dated_signature(units[max(index, position - 2) : position], unit)
        ):
            unit.kind = "text"  # a date printed under a decree's or a notice's signature: its text
        if unit.kind == "date":
            seg.keep_date(unit, edition=False)  # a date inside the story is not the edition's
            continue
        if unit.kind == "continued":
            unit.kind = "text"  # its jump words go to the furniture when the paragraph is finished
        if unit.kind == "opening":
            # a dateline opening a part of the story (a package's parts, a round-up of
            # reports): a paragraph as printed, which a column break may cut like any other
            unit.kind = "text"
        if unit.kind == "note-signature":
            if current is not None:
                current.kind = "editor-note"  # the paragraph signed ——编 者
                flush()
            blocks.append(_editor_note(unit.text, unit.no, unit.no, seg))  # the signature, as printed
            continue
        if current is not None and _should_join(current, unit, paper_mode):
            glue = join_glue(current.tail, unit.text)
            lost = _lost_character(current.tail, unit.text, seg.page_text, *seg.nearby(unit))
            seg.note(
                "column-break-join",
                f"joined line {current.last} and line {unit.no}: …{current.tail[-6:]} | {unit.text[:6]}…",
                unit.no,
            )
            if lost:
                seg.note(
                    "possible-lost-character",
                    f"the join at line {unit.no} gives {current.tail[-2:] + unit.text[:2]!r}, but the page elsewhere "
                    f"has {lost!r}: a character may have been lost in extraction",
                    unit.no,
                    "warning",
                )
            current.add(glue + unit.text)
            current.last = unit.no
            continue
        if current is not None:
            flush()
        current = _Paragraph(unit)
    flush()
    placed = {id(block) for block in blocks}
    for key, group in figures.items():
        if key >= len(units):
            # (each picture once, by identity: two pictures printed alike are two pictures)
            blocks.extend(fig for fig in group if id(fig) not in placed)

    _take_closings(article, blocks, seg)
    _set_leads(blocks)
    article.body = blocks
    unique: list = []  # type: ignore[type-arg]
    for person in article.bylines:  # 作者：记者 周琳 and the dateline's （记者周琳） name one person
        if person not in unique:
            unique.append(person)
    article.bylines = unique
    if all([unit.layout is None for unit in units]):
        _kicker_or_column(article)  # (laid out: the type set the stack's roles, a column tag among them)


def _kicker_or_column(article: Article) -> None:
    """A short tag over a commentary (no dateline, no reporter, no photographer) is its column
    (``街谈巷议``); over a news story it is a kicker (``寒潮来袭``, ``地铁3号线`` over ``文/X 图/Y``). Text input only: on a
    laid-out page the tag's type made it a kicker, and a known column tag is a column
    there already (:func:`.layout_roles.title_roles`)."""
    kicker = article.kicker
    if not kicker or article.column or visible_length(kicker) > 6 or " " in kicker:
        return
    if article.dateline or any(match_dateline(source) for source in article.sources):
        return  # (a news story's, opening or closing it)
    if any(person.role in ("reporter", "correspondent", "trainee") for person in article.bylines):
        return
    if any(person.role == "photographer" for person in article.bylines):
        return  # 文/陈晨 图/王丽: a story with its own pictures is news, no column's piece
    if not article.bylines and not is_column_tag(kicker):
        return  # 秋色正浓 over an unsigned story: a lead-in, not a column
    if any(mark in kicker for mark in "，,。：:—“”\u2015"):
        return
    article.column, article.kicker = kicker, None


def _is_editor_note(paragraph: _Paragraph) -> bool:
    """A paragraph an editor wrote: ``编者按：…``, or signed ``——编 者`` (on its own line
    after it, or at its end)."""
    if paragraph.kind == "editor-note":
        return True
    text = paragraph.text.rstrip()
    # (the end-anchored pattern is searched only when the last character can end it)
    return text[-1:] in "者）)" and _NOTE_END_RE.search(text) is not None


def _editor_note(text: str, first: int, last: int, seg: Segmenter) -> Paragraph:
    """An editor's note (``编者按：…``, ``…——编 者``, the signature line alone): a note
    paragraph of the body as printed, its label and signature kept in it, and a diagnostic."""
    paragraph = Paragraph(text, note=True)
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    seg.note("editor-note", f"kept {where} as an editor's note, in the body as printed", first)
    return paragraph


#: The longest line a signature over its date is (``中华人民共和国主席 习近平``,
#: ``党和国家功勋荣誉表彰工作委员会办公室``).
_SIGNATURE_MAX = 30


def _dated_signature(above: list[Line], unit: Line) -> bool:
    """Whether the date line ``unit`` dates the signature over it (``above``: the story's
    lines over it, two or one): printed on in the story's text (with layout,
    :func:`.layout_roles.in_text_block`), or, in text, under a short line that ends no
    sentence under one that ends a paragraph (``…自公布之日起施行。`` / ``总理 李 强`` / ``2026年5月8日``, ``特此公告。`` /
    ``佳木斯大学`` / ``2026年7月20日``), as a decree, a notice or a letter closes. The e-paper
    records keep such a date as the story's paragraph (32 of the 33 date lines inside the
    corpus's stories; the other is a page's date, ``2026.8.20``). A date under a title (an
    e-paper's) dates no signature."""
    signature = above[-1]
    if unit.layout is not None:
        return in_text_block(unit, signature)
    text = signature.text.strip()
    return (
        len(above) == 2
        and signature.kind in ("text", "byline")
        and 0 < len(text) <= _SIGNATURE_MAX
        and not ends_paragraph(text)
        and ends_paragraph(above[0].text.rstrip())
    )


def _finish(paragraph: _Paragraph, article: Article, seg: Segmenter) -> Block:
    text = paragraph.text
    # the end-anchored pattern is searched only when the last character can end it (a
    # search for ``...$`` tries every position of the paragraph); a trailing jump was taken
    # off its line before the line was read (``Segmenter._take_off_jump``)
    end_mark = END_MARK_RE.search(text) if text.rstrip()[-1:] in "）)" else None
    if end_mark and end_mark.start() > 0:
        article.attribution.append(end_mark.group().strip())  # （完）: the wire's end mark
        text = text[: end_mark.start()].rstrip()
    leading = LEADING_JUMP_RE.match(text) if text[:1] in LEADING_JUMP_STARTS else None
    if leading:
        seg.furniture.add("jump", leading.group().strip(), paragraph.first)
        seg.note(
            "jump-line-removed",
            f"moved the jump line {leading.group().strip()!r} to the page furniture",
            paragraph.first,
        )
        text = text[leading.end() :].lstrip()
    if paragraph.kind == "closing" or (paragraph.kind == "opening" and parse_closing(text) is not None):
        return Paragraph(text)  # taken off as an attribution when it ends the article (新华社北京4月27日电 too)
    if paragraph.kind == "verse":
        return Paragraph(text)  # a line of a poem
    if paragraph.kind == "sidebar":
        seg.note("subhead", f"took line {paragraph.first} as a subhead", paragraph.first)
        return Subhead(text)  # 记者手记, 延伸阅读 read inside the story: a box's label, as printed
    if paragraph.kind == "credit":
        return Paragraph(text)  # 记者 王敏 摄 inside a story: a picture's credit, a paragraph as the records keep it
    if paragraph.kind == "table":
        return Unclassified(text)  # a table printed as text (the diagnostic is made when it is found)
    if paragraph.kind not in ("text", "editor-note"):
        seg.note(
            "unclassified-line",
            f"kept line {paragraph.first} as unclassified text inside {article.headline or 'an article'!r}",
            paragraph.first,
            "warning",
        )
        return Unclassified(text)
    # the role model says where a block starts; whether a short block is a subhead is the
    # rules' call too (gold made from e-paper records does not tell subheads apart)
    if paragraph.role == "subhead" or (
        paragraph.role != "cont"
        and not ends_paragraph(text)
        and headline_like(text, max_length=24)
        and (is_numbered_subhead(text) or not has_clause_marks(text))
    ):
        seg.note("subhead", f"took line {paragraph.first} as a subhead", paragraph.first)
        return Subhead(text)
    return Paragraph(text)


def _take_closings(article: Article, blocks: list[Block], seg: Segmenter) -> None:
    # whole closing lines at the end: （记者 X）, 据新华社, （本报东京3月9日电）, （作者为…）.
    # Printed as the story's last paragraph, they stay in the body as one (as e-paper
    # records keep them); what they say is read into the bylines, dateline and sources.
    closed = False
    last = len(blocks)
    while last and isinstance(blocks[last - 1], Paragraph | Subhead):
        closing = parse_closing(blocks[last - 1].text)
        if closing is None:
            break
        closed = True
        _apply_closing(article, closing, keep_note=False)
        if isinstance(blocks[last - 1], Subhead):
            blocks[last - 1] = Paragraph(blocks[last - 1].text)
        last -= 1
    # a closing bracket at the end of the last paragraph: …说。（记者 张三）; not where
    # another paragraph closes so too (a briefs column's items, each with its reporter's)
    if not closed:
        for position in range(len(blocks) - 1, -1, -1):
            block = blocks[position]
            if isinstance(block, Paragraph):
                split = split_trailing_closing(block.text)
                if split and not any(
                    isinstance(other, Paragraph) and split_trailing_closing(other.text) for other in blocks[:position]
                ):
                    block.text = split[0]
                    article.attribution.append(split[1])
                    _apply_closing(article, split[2])
                break


def _apply_closing(article: Article, closing, *, keep_note: bool = True) -> None:  # type: ignore[no-untyped-def]
    # a dateline printed at the story's end (（本报东京3月8日电）) is one of its sources: the
    # article's dateline is the one that opens it, as the paper's own records keep it
    if closing.dateline:
        article.sources.append(closing.dateline)
    for person in closing.bylines:
        if person not in article.bylines:
            article.bylines.append(person)
    article.sources.extend(closing.sources)
    if closing.note and keep_note:  # (a note still in the body is not repeated in the notes)
        article.notes.append(closing.note)


def _set_leads(blocks: list[Block]) -> None:
    """Mark run-in lead sentences (bold in print): a run of consecutive paragraphs that
    each open with a short sentence without commas, alike in shape (three or more, or
    two of similar length that share a first character or are very short), as in
    ``高规格开启…行动。`` / ``高起点扣紧巡察整改链条。`` / ``高定位巩固巡察整改成果。``;
    or an ordinal lead (``一是…。``)."""
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    leads: list[str | None] = []
    for block in paragraphs:
        match = _LEAD_RE.match(block.text)
        lead = match.group("lead") if match else None
        leads.append(lead if lead and visible_length(lead) <= 18 else None)
    index = 0
    while index < len(paragraphs):
        if leads[index] is None:
            index += 1
            continue
        end = index
        while end + 1 < len(paragraphs) and leads[end + 1] is not None:
            end += 1
        run = [lead for lead in leads[index : end + 1] if lead]
        lengths = [visible_length(lead) for lead in run]
        alike = len(run) >= 2 and min(lengths) >= 0.6 * max(lengths)
        if alike and (len(run) >= 3 or len({lead[0] for lead in run}) == 1 or max(lengths) <= 10):
            for block, lead in zip(paragraphs[index : end + 1], run):
                block.lead = lead
        index = end + 1
    for block, lead in zip(paragraphs, leads):
        if lead and block.lead is None and _ORDINAL_LEAD_RE.match(lead):
            block.lead = lead
