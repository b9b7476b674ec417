"""What the type says: the reader's decisions that weigh a line's layout.

Lines of laid-out pages (PDF, ALTO) carry a :class:`~.lines.LineLayout`; text lines do
not, and every function here answers ``None`` ("no evidence") for them, so the text
rules decide alone. Kept in one place so that the layout facts stay on the lines and
the decisions that use them stay here (a learned model can take this module's place).

* :func:`title_evidence`: type clearly larger than the page's body marks a title line;
  body-size roman type marks a line that is no title.
* :func:`in_title_type`: a run of title lines none of which is in title type (bold lines
  of body size) opens no story: they are subheads.
* :func:`below_title_type`: a bold line of body size under a headline is a subhead or a
  labelled line of the story's text, not its subheadline.
* :func:`title_roles`: in a headline stack, the largest type is the headline; smaller
  lines above it are the kicker (or a column tag), smaller lines below the subheadline.
* :func:`author_line`: a short line in body type right under a headline stack that names
  people is its byline (names alone, which text cannot tell from a word).
* :func:`author_line_goes_on`: a line under an author's line starting and ending right of
  it (a label at a paragraph's indent) opens the text; set flush with it, it may sign too.
* :func:`at_text_indent`: a short line alone two ems in, the text under it opening at that
  indent, is a label heading the text (``回 信``), no author's line.
* :func:`unnamed_author_line`: such a line naming nobody the reader can tell (or, longer,
  an institution's name with no clause mark), a block of its own above the story's text,
  signs the story all the same.
* :func:`labelled_author_lines`: a line or two labelled ``主讲人：`` of their own under a
  headline stack present the story's speaker: its attribution.
* :func:`after_picture`: on a laid-out page only a line right after a picture can be
  an uncredited caption.
* :func:`unpictured`: credited lines with no picture above them, in body type, are no
  caption (a story printed without its photo).
* :func:`caption_type`: a line in type smaller than the body right after a picture is
  its caption.
* :func:`caption_block_more`: a line in caption type in the block of a caption or its
  credit, right after it, is more of that caption (a credit, a note on the picture).
* :func:`story_text`: an indented roman line after a caption opens a story's text (under
  a ``图片报道`` heading, a picture story's).
* :func:`in_text_block`: a line printed on in the block of the story's text above it (a
  closing note, ``（作者为…出版社…）``) is the story's, not an imprint box.
* :func:`text_goes_on_in_block`: an indented paragraph in body type with more of its
  block's text after it is the story's, not an imprint box.
* :func:`band_furniture`: lines in the page's top or bottom band are its running header
  or footer.
"""

from __future__ import annotations

import re

from .headlines import is_column_tag, is_parallel
from .lines import Line, LineLayout
from .text import cjk_count, ends_sentence, visible_length

# Type sizes against the body's (or another line's), for these decisions and for the
# layout pass that builds the lines (convert_core.layout): named once.

#: Type this much larger than the body is a title's.
TITLE_RATIO = 1.2
#: Type this much larger than the body is a little larger: a kicker's (or a subheadline's),
#: or, bold, a title's.
KICKER_RATIO = 1.08
#: Type under this share of another size is set smaller (a caption's against the body's,
#: a kicker's against the headline's); at or over it, in the same size or larger.
SMALLER_TYPE = 0.97


def title_evidence(line: Line) -> bool | None:
    """``True``: the line is set as a title (large type, or a Latin item title: see
    :func:`_latin_title`); ``False``: set as body text, or a speck (:func:`_speck`): it
    cannot be a title line; ``None``: no layout, or nothing either way."""
    layout = line.layout
    if layout is None:
        return None
    if _speck(line.text):
        return False
    if layout.size_ratio >= TITLE_RATIO or (layout.bold and layout.size_ratio >= KICKER_RATIO):
        return True
    if _latin_title(line):
        return True
    if layout.size_ratio <= 1.05 and not layout.bold:
        return False
    return None


def in_title_type(lines: list[Line]) -> bool | None:
    """Whether a run of title lines has one set in title type (clearly larger than the
    body: a headline is); ``False`` when none is (bold lines of body size are subheads
    inside a story, not a new story's headline); ``None`` without layout."""
    if not lines or any(line.layout is None for line in lines):
        return None
    return any(line.layout.size_ratio >= TITLE_RATIO or _latin_title(line) for line in lines)


def _speck(text: str) -> bool:
    """A line with no letter (a folio, a lone mark), or, in Latin script, fewer than three
    (``m``, ``ff``, ``«s``: OCR specks and splinters of a picture): no title, whatever its size."""
    letters = sum(char.isalpha() for char in text)
    return letters == 0 or (letters < 3 and not cjk_count(text))


def _latin_title(line: Line) -> bool:
    """A short line of Latin script, a block of its own centred in its column: the title
    of a news item in the older European papers, set in the body's size (``Galdor et
    Vissane``). Chinese pages set their subheads so; they are left to the size rule."""
    layout = line.layout
    return (
        layout is not None
        and layout.centred
        and not cjk_count(line.text)
        and sum(char.isalpha() for char in line.text) >= 3
        and visible_length(line.text) <= 60
        and not line.text.rstrip().endswith((",", ";", ":"))
    )


def below_title_type(stack: list[Line], line: Line) -> bool:
    """Whether ``line``, under a stack of title lines with one in title type, is set in
    the body's size (bold, or it would be no title line at all): a subhead or a labelled
    line opening the story's text (``提问：…`` under the headline), not its subheadline,
    which is set larger than the body. ``False`` without layout."""
    layout = line.layout
    return (
        layout is not None
        and layout.size_ratio < KICKER_RATIO
        and any(other.layout is not None and other.layout.size_ratio >= TITLE_RATIO for other in stack)
    )


def title_roles(lines: list[Line]) -> dict[int, str] | None:
    """Roles for the lines of a headline stack from their type sizes: ``{index: role}``
    with roles ``column``, ``kicker``, ``headline``, ``subheadline``; ``None`` when the
    lines have no layout or no one size stands out (the text rules decide then)."""
    if not lines or any(line.layout is None for line in lines):
        return None
    sizes = [line.layout.size for line in lines]  # type: ignore[union-attr]
    largest = max(sizes)
    if len(lines) > 1 and sum(1 for size in sizes if size >= SMALLER_TYPE * largest) > 1:
        return None  # two lines in the headline's size: not told apart by type
    main = sizes.index(largest)
    roles: dict[int, str] = {}
    for index in range(len(lines)):
        if index < main:
            roles[index] = "kicker"
        elif index == main:
            roles[index] = "headline"
        else:
            roles[index] = "subheadline"
    if (
        main >= 1
        and is_column_tag(lines[0].text)
        and (main >= 2 or not (is_parallel(lines[0].text) or _dotted_parallel(lines[0].text)))
    ):
        roles[0] = "column"
    return roles


def _dotted_parallel(text: str) -> bool:
    """Three or more phrases of one length split by middle dots (``活化·新生·焕彩``): words
    set side by side over a headline, its kicker, not a column's name."""
    parts = text.strip().split("·")
    return len(parts) >= 3 and len({len(part) for part in parts}) == 1 and len(parts[0]) >= 2


def author_line(line: Line) -> bool | None:
    """Whether a line under a headline stack is set as an author's line: a short line of
    its own, in body type or smaller, opening no paragraph of text (``张志锋`` under a
    commentary's title, centred or flush right); ``None`` without layout. The caller
    checks that it names people."""
    layout = line.layout
    if layout is None:
        return None
    return layout.size_ratio <= 1.05 and visible_length(line.text) <= 16 and not ends_sentence(line.text)


#: An author's line naming nobody may be this long (visible characters): an institution
#: signing a theory page's piece (``中共中央党史和文献研究院院务会理论学习中心组``, 22;
#: ``中央党校（国家行政学院）校（院）务委员会``, 20, on training pages).
UNNAMED_AUTHOR_LONGEST = 24


def author_line_goes_on(line: Line, above: Line) -> bool | None:
    """Whether a line right under an author's line (:func:`author_line`) can be more of
    the story's byline: set flush with it, left, right or centred (a second reporter's
    line under the first). A line starting right of it and ending further right (a
    label set at a paragraph's indent, ``开栏的话`` under ``王伟光`` flush left) opens
    the story's text; ``None`` without layout."""
    layout, before = line.layout, above.layout
    if layout is None or before is None:
        return None
    em = layout.size or 1.0
    left = abs(layout.x0 - before.x0) <= 0.5 * em
    right = abs(layout.x1 - before.x1) <= 0.5 * em
    centred = abs((layout.x0 + layout.x1) - (before.x0 + before.x1)) <= em
    return left or right or centred or not (layout.x0 > before.x0 and layout.x1 > before.x1)


def at_text_indent(line: Line, following: Line | None) -> bool:
    """Whether a short line of its own stands a paragraph's two ems in from its column, as
    the first line of the text right under it does: a label heading that text (``回 信``
    over a letter), not an author's line; never without layout."""
    layout = line.layout
    after = following.layout if following is not None else None
    if layout is None or after is None or after.block == layout.block:
        return False
    em = layout.size or 1.0
    return (
        _TWO_EMS[0] <= layout.indent <= _TWO_EMS[1]
        and _TWO_EMS[0] <= after.indent <= _TWO_EMS[1]
        and abs(after.x0 - layout.x0) <= 0.3 * em
    )


#: A paragraph's first-line indent of two characters, in ems, give or take half an em.
_TWO_EMS = (1.5, 2.5)


def unnamed_author_line(line: Line, following: Line | None) -> bool | None:
    """Whether a line under a headline stack in which no names are found still signs the
    story: an author's line (:func:`author_line`) or, longer, up to
    :data:`UNNAMED_AUTHOR_LONGEST` with no clause mark in it; roman, not indented, a
    block of its own with the story's text after it (an institution,
    ``中共中央党史和文献研究院``, or an author with the place they write from,
    ``北京市朝阳区杨柳风``); ``None`` without layout."""
    layout = line.layout
    if layout is None:
        return None
    if not author_line(line) and not _long_unnamed(line):
        return False
    after = following.layout if following is not None else None
    return after is not None and layout.indent == 0 and not layout.bold and after.block != layout.block


def _long_unnamed(line: Line) -> bool:
    """A line in body type or smaller too long for :func:`author_line`, no longer than
    :data:`UNNAMED_AUTHOR_LONGEST`, with no mark of a clause or a sentence in it (a name,
    not a sentence of text)."""
    layout = line.layout
    return (
        layout is not None
        and layout.size_ratio <= 1.05
        and visible_length(line.text) <= UNNAMED_AUTHOR_LONGEST
        and not any(mark in line.text for mark in _CLAUSE_MARKS)
    )


#: Marks of a clause or a sentence: a line holding one is text, no institution's name.
_CLAUSE_MARKS = "，,；;。：:！!？?"


#: Labels opening a line that presents a story's speaker, under its title (the text is
#: theirs as told to a reporter, who signs at its foot).
SPEAKER_LABEL = re.compile(r"(?:本期)?主讲人[：:]")


def labelled_author_lines(line: Line, following: list[Line]) -> int | None:
    """How many lines, from ``line`` under a headline stack, are a labelled author's line
    (``主讲人：…村医 叶永红``, a line or two of its own in roman body type, too long for
    :func:`author_line`): the story's attribution, not its first paragraph; ``None``
    without layout, 0 when not one."""
    layout = line.layout
    if layout is None:
        return None
    if layout.bold or layout.size_ratio > 1.05 or not SPEAKER_LABEL.match(line.text) or ends_sentence(line.text):
        return 0
    size = 1
    for other in following[:1]:
        if other.layout is not None and other.layout.block == layout.block and visible_length(other.text) <= 16:
            size += 1
    rest = following[size - 1 :]
    after = rest[0].layout if rest else None
    return size if after is not None and after.block != layout.block else 0


def after_picture(line: Line) -> bool | None:
    """Whether a picture comes right before the line (where its caption is printed);
    ``None`` without layout. A break on a laid-out page is white space between blocks,
    not the mark of a picture the text reader takes extra blank lines for."""
    if line.layout is None:
        return None
    return bool(line.meta.get("images")) or line.blank_before >= 3


def unpictured(lines: list[Line]) -> bool:
    """Whether credited lines (a caption and ``X 摄``) are set with no picture: laid out,
    none of them right after a picture and none in caption type. A story printed
    without its photo keeps them as its paragraphs; text input never answers ``True``."""
    return bool(lines) and all(
        line.layout is not None and not after_picture(line) and line.layout.size_ratio >= SMALLER_TYPE for line in lines
    )


def story_text(line: Line) -> bool | None:
    """Whether a line right after a picture's caption is set as a story's text: the
    indented first line of a paragraph in roman body type (not a caption's), a sentence
    or more long (a picture story's text beside or under its photo, which makes the
    ``图片报道`` over the photo that story's title, not the photo's); ``None`` without
    layout."""
    layout = line.layout
    if layout is None:
        return None
    return (
        layout.indent > 0
        and SMALLER_TYPE <= layout.size_ratio <= 1.05
        and not layout.bold
        and visible_length(line.text) > 16
    )


def caption_block_more(line: Line, above: Line) -> bool | None:
    """Whether a line right after a caption's line (or its credit's) is more of that
    caption: in type smaller than the body, printed in the same block or in the same type
    right under it (``丁文磊绘``,
    ``以上图片均为AI生成``, ``AI修饰生成素描画`` under ``X供图``); ``None`` without layout."""
    layout, before = line.layout, above.layout
    if layout is None or before is None:
        return None
    if layout.size_ratio >= SMALLER_TYPE:
        return False
    if layout.block == before.block:
        return True
    # or a block of its own in the same type right under it (a credit set flush right),
    # under the caption's text or in its columns (under a short last line: the caption's
    # block is wider than the line)
    in_columns = before.first_column <= layout.first_column < before.first_column + before.columns
    return (
        abs(layout.size - before.size) < 0.01
        and 0 <= layout.y0 - before.y1 <= layout.size
        and (min(layout.x1, before.x1) > max(layout.x0, before.x0) or in_columns)
    )


def caption_type(line: Line) -> bool | None:
    """Whether a line right after a picture is set in caption type (smaller than the body):
    its caption, credited or not; ``None`` without layout."""
    if line.layout is None:
        return None
    return bool(after_picture(line)) and line.layout.size_ratio < SMALLER_TYPE and visible_length(line.text) <= 320


def in_text_block(line: Line, above: Line | None) -> bool:
    """Whether a line is printed in the same block as the line above it, a paragraph of
    text in the page's body: set on in the story's column, not in a box of its own (the
    imprint's, the page's furniture); never without layout."""
    layout = line.layout
    before = above.layout if above is not None else None
    if layout is None or before is None or not _one_body_block(layout, before):
        return False
    return layout.gap_before == 0 and _roman_body_type(before)


def text_goes_on_in_block(line: Line, following: Line | None) -> bool:
    """Whether a line is a paragraph of a block of text that goes on after it: indented
    as a paragraph opens, in roman body type in the page's body, the next line printed on
    in its block (a story's paragraph naming a publisher or a telephone number is the
    story's, not an imprint box); never without layout."""
    layout = line.layout
    after = following.layout if following is not None else None
    if layout is None or after is None or not _one_body_block(layout, after):
        return False
    return layout.indent >= _PARAGRAPH_INDENT and _roman_body_type(layout)


def _one_body_block(layout: LineLayout, other: LineLayout) -> bool:
    """Whether two lines are printed in one block of the page's body."""
    return layout.region == "body" and other.block == layout.block


def _roman_body_type(layout: LineLayout) -> bool:
    """Whether a line is set in the page's body type, roman (not bold, nor a size apart)."""
    return not layout.bold and SMALLER_TYPE <= layout.size_ratio <= 1.05


#: A first-line indent (in ems) this deep opens a paragraph of text (as the layout pass's).
_PARAGRAPH_INDENT = 0.6


def band_furniture(line: Line) -> str | None:
    """``page-header`` for a line in the page's running header or footer band."""
    layout = line.layout
    if layout is not None and layout.region in ("header", "footer"):
        return "page-header"
    return None
