"""Where stories start and end around their titles and bylines, once the role model has read
a page: corrections of its labels that the model, which learned People's Daily's pages,
cannot make on other papers' pages (a city paper's stories under their own bylines, a
story continued from another page, a picture between stories, signed essays, a briefs
column of one brief), each a named rule about how newspapers print. :func:`.roles.page_roles`
asks them in order; each changes the labels in place."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .alignment import PHOTO_LABELS, TITLE_LABELS
from .datelines import parse_closing, signs_the_story, split_opening
from .features import is_author_line
from .headlines import is_briefs_header, is_column_tag, is_numbered_subhead, strip_ornaments
from .people import COMPOUND_SURNAMES, common_name
from .print_patterns import NEWS_WHEN
from .text import (
    BULLETS,
    CAPTION_DATE,
    both_scripts,
    cre,
    ends_paragraph,
    ends_sentence,
    ends_with_end_mark,
    is_cjk,
    strip_closers,
)

if TYPE_CHECKING:
    from .lines import Line
    from .stack_words import StackModel

#: The longest line :func:`title_like` takes for a title.
_TITLE_LIKE_MAX = 40


def titles_opening_stories(units: list[Line], labels: list[str]) -> None:
    """Make a headline of a title the model read into the body of a story when what is
    printed around it tells a story ended or starts there: the title stands right under a
    line that closes the story above — a dateline in brackets (``（新华社北京5月20日电）``,
    :func:`_closing_dateline`, or one with its reporters, or a group's or a drafter's
    signature in brackets, :func:`.datelines.signs_the_story`) or a piece's signature
    (``徐 之文``, :data:`SIGN_OFF_RE`) —
    or, in a story that opened with a dateline (``本报北京5月18日电 （记者…）…``,
    ``新华社…电``), between a paragraph's end and another dateline — a news story is not a
    briefs column (whose first line under its name is a brief's title, not a dateline). On
    the corpus's training pages (People's Daily, extracted) the model read 6 and 17 such
    lines as the story's text, all headlines of the gold (and 9 under a signature, all
    headlines); of the 160 title-like lines under such a closing dateline, every one is a
    title of the gold, and so are the 58 under such a signature."""
    dateline_story = False
    last = len(labels) - 1
    for index, label in enumerate(labels):
        if label in TITLE_LABELS:
            continue
        if index and labels[index - 1] in TITLE_LABELS:
            dateline_story = units[index].kind == "opening"  # the story's first line under its stack
            continue
        if (
            label in ("para", "subhead")
            and index
            and labels[index - 1] in ("para", "cont")
            and title_like(units[index])
            and (
                _closing_dateline(units[index - 1])
                or (units[index - 1].kind == "closing" and signs_the_story(units[index - 1].data))
                or SIGN_OFF_RE.match(units[index - 1].text) is not None
                or ends_with_end_mark(units[index - 1].text)
                or (
                    dateline_story
                    and index < last
                    and units[index + 1].kind == "opening"
                    and ends_paragraph(units[index - 1].text)
                )
            )
        ):
            labels[index] = "headline"
        elif (
            label in ("para", "subhead")
            and dateline_story
            and index < last
            and labels[index - 1] in PHOTO_LABELS
            and units[index + 1].kind == "opening"
            and title_like(units[index])
        ):
            labels[index] = "headline"  # under a picture, over a dateline: the next story's title


#: A piece signed at its end with its author's name, spaced, and ``文`` (``徐 之文``,
#: ``常 晋文``: by 徐之, by 常晋), as People's Daily signs the verse and essays of its
#: commentary page: the piece ends there. None of the 59 such lines of the training pages'
#: gold is a title (the model read one as a headline).
SIGN_OFF_RE = cre(r"^\s*[\u4e00-\u9fff]{1,2} [\u4e00-\u9fff]{1,2}文\s*$")


#: Words a table of contents or a report's sections print alone on a line, spaced like a
#: two-character name (``前  言``): never an author's line.
_HEADING_WORDS = frozenset(
    {"前言", "导言", "引言", "序言", "总则", "附则", "后记", "结语", "目录", "摘要", "附录", "绪论", "结论"}
)

#: How much text (characters) a signed part runs to before it reads as a piece of its own.
#: Set on People's Daily's training pages (extracted): at 1,200 the rule turned 13 titles
#: into the gold's headlines and 2 package parts wrongly; at 1,000, 18 and 20 (a commentary
#: column's six signed parts of 1,000–1,200 characters each).
PIECE_MIN_CHARACTERS = 1200


def _signature_line(unit: Line) -> bool:
    """A line that signs a piece under its title: names alone (:func:`bare_names`) or a
    name of a two-character surname (``欧阳日辉``). (Not an office and a name, ``山东省委书记
    林武``: People's Daily's records keep the pieces so signed on its theory pages as one
    package's parts — on its training pages 5 such titles read as the gold's headlines and
    18 as parts.)"""
    if bare_names(unit):
        return "记者" not in unit.text  # (``报记者 杨欢``: a cut byline's label, no name)
    text = unit.text.strip()
    return unit.kind == "text" and len(text) == 4 and text[:2] in COMPOUND_SURNAMES and all(map(is_cjk, text))


def signed_pieces(units: list[Line], labels: list[str]) -> None:
    """Make a story of a long piece the model read as a part of the story above: a title
    over its author's bare name (``差异化定位激活县域经济高质量发展强劲动力`` / ``查志强``)
    inside a story, over at least :data:`PIECE_MIN_CHARACTERS` of text before the next such
    title or the next story. A theory or commentary page prints its essays so, each signed
    under its title, and the records of most papers keep each as an article; People's
    Daily's keep a commentary column's short signed parts (half of them under 510
    characters) as one package's parts, which this leaves as they are. Not a numbered or
    dashed title (``（三）…``, ``…团队——``: a section or a part's lead-in), nor a title of
    fewer than four characters, nor a heading word or a ``第…`` line spaced like a name
    (``前  言``, ``第一条``)."""
    n = len(labels)
    starts = [
        index
        for index in range(1, n - 2)
        if labels[index] in ("para", "subhead")
        and labels[index - 1] in ("para", "cont")
        and labels[index + 1] in ("para", "subhead", "other", "byline")
        and title_like(units[index])
        and _signature_line(units[index + 1])
        and len(units[index].text.strip()) >= 4
        and not is_numbered_subhead(units[index].text.lstrip())
        and not units[index].text.rstrip().endswith(("—", "-", "－", "\u2015"))
        and not units[index + 1].text.lstrip().startswith("第")
        and "".join(units[index + 1].text.split()) not in _HEADING_WORDS
    ]
    for order, index in enumerate(starts):
        end = starts[order + 1] if order + 1 < len(starts) else n
        if _runs_to(units, labels, index + 2, PIECE_MIN_CHARACTERS, stop=end):
            labels[index], labels[index + 1] = "headline", "byline"


def stacks_over_a_signature(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A stack of two or three title lines over its author's bare name (``深入学习贯彻…`` /
    ``坚持以人民为中心的发展思想`` / ``王  浩``) is the piece's kicker and headline (or headline and
    subheadline) over its byline, where the model began a story in the stack, or at the
    page's top, or, under a story's last paragraph, over a piece as long as
    :func:`signed_pieces` asks (which reads one title over the name). The model, which
    learned most signed pieces with one title, took the second line for a paragraph and the
    name for another (a subhead once the story was built), left the stack's first line in
    the story above (under its closing line, ``（作者单位：…）``), or ran the whole piece into
    the story above. Not a numbered or dashed line (a section's heading), and the line over
    the stack ends a paragraph (not a paragraph's first piece, which a column break cut)."""
    n = len(labels)
    short = [index for index in range(1, n - 1) if len(units[index].text) <= _NAMES_LINE_MAX]
    for index in short:  # (the length first: most lines are longer than a line of names)
        if labels[index + 1] not in ("para", "cont") or not _a_writers_name(units[index]):
            continue
        top = index
        while (
            top > 0
            and index - top < 3
            and labels[top - 1] in ("para", "subhead", "headline", "kicker")
            and title_like(units[top - 1])
            and not _signature_line(units[top - 1])
            and not _short_spaced_line(units[top - 1])  # (the piece above's signature: ``徐 之文``)
            and not is_numbered_subhead(units[top - 1].text.lstrip())
            and not units[top - 1].text.rstrip().endswith(("—", "-", "－"))
        ):
            top -= 1
        run = index - top
        if run < 2 or labels[top : index + 1] == [*_stack_roles(units, top, run, stack_model), "byline"]:
            continue
        above = units[top - 1] if top > 0 else None
        if above is not None and (labels[top - 1] in TITLE_LABELS or not ends_paragraph(above.text.rstrip())):
            continue
        if units[top].text.rstrip().endswith(("）", ")")) or len(units[top].text.strip()) <= 4:
            # (麦香里的新品种（经济新方位）: a headline tagged with its column, over a package's part;
            # 纵横: a column's name, which People's Daily's records keep as the piece's headline)
            continue
        if labels[top] in TITLE_LABELS:
            if labels[index] == "byline":
                continue  # (the model's own stack, its roles weighed later: stack_words.weigh_stacks)
        elif any(":" in unit.text or "：" in unit.text for unit in units[top:index]):
            continue  # (本期统筹：X, a package's credit under its last part, is no title)
        elif any(label in ("headline", "kicker") for label in labels[top:index]):
            if above is not None and above.kind != "closing":
                continue  # (a line the model left in the story above, under anything but its closing line, is its)
        elif above is not None and not _runs_to(units, labels, index + 1, PIECE_MIN_CHARACTERS):
            continue
        if _more_parts(units, labels, index + 1, signs=_a_writers_name_or_a_byline):
            continue  # (a theory page's package: its parts' titles and names are its paragraphs in the records)
        labels[top:index] = _stack_roles(units, top, run, stack_model)
        labels[index] = "byline"


#: The longest line :func:`stacks_over_a_signature` asks whether it names a writer: three
#: names of three characters and the spaces between them (:func:`bare_names`), or one
#: name's two characters spaced to four characters' width.
_NAMES_LINE_MAX = 16

#: Headings printed spaced out like a name over a letter or a document (``回  信``, ``贺  信``).
_LETTER_HEADINGS = frozenset({"回信", "贺信", "贺电", "唁电", "复信", "附件"})


def _a_writers_name(unit: Line) -> bool:
    """A signature line (:func:`_signature_line`) whose names open with common surnames, and
    no heading spaced to a name's width (``回  信``, ``前  言``)."""
    if not _signature_line(unit):
        return False
    joined = "".join(unit.text.split())
    if joined in _HEADING_WORDS or joined in _LETTER_HEADINGS:
        return False
    tokens = unit.text.split()
    names = [joined] if all(len(token) == 1 for token in tokens) else tokens
    return all(common_name(name) for name in names)


def _a_writers_name_or_a_byline(unit: Line) -> bool:
    """A part's signature: a writer's name alone (:func:`_a_writers_name`) or a byline line."""
    return unit.kind == "byline" or _a_writers_name(unit)


def _short_spaced_line(unit: Line) -> bool:
    """A line of four characters at most, spaced out (``徐 之文``, ``常 晋文``): a name, or a
    word set to a name's width, never a title's line."""
    text = unit.text.strip()
    return len("".join(text.split())) <= 4 and any(char.isspace() for char in text)


def _runs_to(units: list[Line], labels: list[str], start: int, size: int, stop: int | None = None) -> bool:
    """Whether a piece's text from ``units[start]`` to the next title (or ``stop``) runs to
    ``size`` characters (counted only so far: a page of such pieces is read in linear time)."""
    count = 0
    for following in range(start, len(labels) if stop is None else stop):
        if labels[following] in TITLE_LABELS:
            return False
        if labels[following] in ("para", "cont", "subhead"):
            count += len(units[following].text)
            if count >= size:
                return True
    return False


def no_stray_title_over_a_headline(units: list[Line], labels: list[str]) -> None:
    """A title-like line the model left out of every story (``other``), or read as a picture's
    caption on its own with no credit, right over a headline with no wider gap between
    (``地铁3号线北段今起试运营`` / ``沿线市民出行更方便`` under a picture's credit and a wider gap), is
    the top of that headline's stack: kept apart as unclassified text or as a picture, it
    took a story's headline with it. (The stack's two lines are then weighed as any
    stack's are.)"""
    for index in range(len(labels) - 1):
        if (
            labels[index] in ("other", "caption")
            and labels[index + 1] == "headline"
            and not units[index + 1].strong
            and title_like(units[index])
            and (labels[index] == "other" or not index or labels[index - 1] not in PHOTO_LABELS or units[index].strong)
        ):
            labels[index] = "kicker"


def a_title_line_over_a_headline(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A short title-like line set apart by blank lines, under a paragraph's end and over
    a headline over a story's opening (``…恢复堂食服务。`` / ``扫码一下 路牌会说话`` /
    ``百个新路牌今起亮相`` / ``本报讯 （记者 王一）…``), is the new story's kicker: the
    model, with the blank line over the story's stack left out, read it as the last
    paragraph of the story above. Not a labelled line (``本期统筹：…``, ``栏目投稿邮箱：…``):
    an editor's note closing the story above. With a ``stack_model`` whose words read the two
    lines as headline over subheadline (``为困难群众筑牢生活防线`` / ``…资金1566.8亿元下拨``), they
    are read so."""
    for index in range(1, len(labels) - 2):
        if (
            labels[index] == "para"
            and labels[index + 1] == "headline"
            and labels[index - 1] in ("para", "cont")
            and units[index].blank_before
            and units[index + 1].blank_before
            and title_like(units[index])
            and not any(mark in units[index].text for mark in "。！？!?：:@")
            and _closes_a_paragraph(units[index - 1].text.rstrip())
            and _opens_a_story(units[index + 2])
        ):
            if stack_model is not None and stack_model.kicker_odds(units[index].text, units[index + 1].text) < 0:
                labels[index], labels[index + 1] = "headline", "subheadline"
            else:
                labels[index] = "kicker"


#: A dated picture's caption opening (``4月24日，林果专家在…``). Stricter on purpose than
#: :data:`.photo_regions._CAPTION_START_RE` (a date or a picture word, no comma asked): here
#: nothing but these words and the credit under them sets the caption apart from the story's
#: text it runs into (no gap, no blank line), so the date must open a clause as a caption's does.
_DATED_CAPTION_RE = cre(CAPTION_DATE + "[，,]")
#: How many caption lines a picture run into the story above may have over its credit.
_RUN_IN_CAPTION_LINES = 3


def pictures_run_into_a_story(units: list[Line], labels: list[str]) -> None:
    """A picture printed after a story's end and run into its text (no blank line or wider
    gap around it: ``…质量。`` / ``4月24日，专家在果园指导果农。`` / ``近年来，…`` / ``古一 摄``)
    under a new story's title is a picture: a credit line (``X 摄``) right over a title,
    under sentences the first of which opens as a dated caption does."""
    for index in range(2, len(labels) - 1):
        if units[index].kind != "credit" or labels[index] != "para" or labels[index + 1] not in ("kicker", "headline"):
            continue
        for start in range(index - 1, max(0, index - _RUN_IN_CAPTION_LINES) - 1, -1):
            if labels[start] != "para" or units[start].kind != "text" or not ends_sentence(units[start].text):
                break
            if _DATED_CAPTION_RE.match(units[start].text) and labels[start - 1] in ("para", "cont"):
                labels[start:index] = ["caption"] * (index - start)
                labels[index] = "credit"
                break


def no_caption_before_the_gap(units: list[Line], labels: list[str]) -> None:
    """A text line under a story's paragraph, with no wider gap between, and over the
    wider gap of a picture whose caption follows it (``…议题进行交流。`` / ``据介绍，本次论坛共吸引
    全国各地千余名代表参加。`` / gap / ``5月5日，游客在…游览。`` / ``新华社记者 周密 摄``) is the
    story's last paragraph: a caption stands under its picture's gap, never over it (the
    model, reading a short sentence over a caption, took it for the caption's first line)."""
    for index in range(len(labels) - 2, 0, -1):
        if (
            labels[index] == "caption"
            and units[index].kind == "text"
            and not units[index].strong
            and labels[index + 1] == "caption"
            and units[index + 1].strong
            and labels[index - 1] in ("para", "cont")
        ):
            labels[index] = "para"


def no_caption_under_a_byline(units: list[Line], labels: list[str]) -> None:
    """Text right under a story's byline, with no picture's gap between (``新华社记者 王一 李二``
    / ``当前，…``), is the story's text, not a picture's caption: a caption follows its
    picture. (The model, reading a byline it did not expect, at times took the lines under
    it for a caption.)"""
    for index in range(1, len(labels)):
        if labels[index] != "caption" or labels[index - 1] != "byline" or units[index].strong:
            continue
        end = index
        while end < len(labels) and labels[end] == "caption" and units[end].kind == "text" and not units[end].strong:
            labels[end] = "para"
            end += 1


def no_caption_opens_a_story(units: list[Line], labels: list[str]) -> None:
    """A story's opening (``新华社北京4月26日电 记者…``) is never a picture's caption: the
    model, reading a picture right over the next story, at times took the story's title,
    opening and paragraphs for more caption lines. The opening and the caption lines after
    it are the story's paragraphs, and a title right over it its headline."""
    index, n = 0, len(labels)
    while index < n:
        if labels[index] not in ("caption", "photo-title") or units[index].kind != "opening":
            index += 1
            continue
        labels[index] = "para"
        if index and labels[index - 1] in ("caption", "photo-title") and title_like(units[index - 1]):
            labels[index - 1] = "headline"
        index += 1
        while index < n and labels[index] == "caption" and units[index].kind == "text":
            labels[index] = "para"
            index += 1


def headlines_over_a_picture(units: list[Line], labels: list[str]) -> None:
    """A title over a picture whose credit a story's opening follows (``卫东区积极开展爱国卫生月活动``
    / caption / ``高鸿勋 摄`` / ``本报讯 （记者王孟鹤）…``) is that story's headline, the picture
    set between its title and its text: the model took the title for the picture's own,
    and the story, with no headline, ran into the one above. Not where a wider gap parts
    the picture from the opening, nor over a drawing (``漫画：…`` / ``新华社发 徐骏 作``: a
    cartoon's title is its own)."""
    n = len(labels)
    for index in [index for index, label in enumerate(labels) if label == "photo-title"]:
        end = index + 1
        while end < n and labels[end] in ("caption", "credit"):
            end += 1
        if end == index + 1 or end == n:
            continue
        credited = labels[end - 1] == "credit" or units[end - 1].kind == "caption-credit"
        drawn = units[end - 1].kind == "credit" and any(person.role == "graphics" for person in units[end - 1].data)
        if (
            credited
            and not drawn  # 漫画：… / 新华社发 徐骏 作: a cartoon's title is its own
            and units[end].kind == "opening"
            and units[end].blank_before <= 1  # (a wider gap parts the picture from the story under it)
            and labels[end] == "para"
            and title_like(units[index])
        ):
            labels[index] = "headline"


def titles_under_a_credit(units: list[Line], labels: list[str]) -> None:
    """A title right under a picture's credit and over a byline line (``记者 李四 摄`` /
    ``地铁5号线全线贯通`` / ``本报记者 王四``) heads the story the byline opens: the model took
    the title for the text of the story above the picture, and the byline for a paragraph.
    Not where the story goes on with other titles over bylines (a package's parts, whose
    titles and bylines People's Daily's records keep as paragraphs, :func:`_more_parts`)."""
    for index in [index + 1 for index, label in enumerate(labels[:-3]) if label == "credit"]:
        if (
            labels[index] in ("para", "subhead")
            and units[index + 1].kind == "byline"
            and units[index + 1].data
            and labels[index + 1] in ("para", "subhead", "other")
            and labels[index + 2] == "para"
            and title_like(units[index])
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index], labels[index + 1] = "headline", "byline"


def pictures_before_a_story(units: list[Line], labels: list[str]) -> None:
    """A picture between two stories, its caption and credit right over the next story's title
    and byline (``昨天，5号线施工现场。`` / ``记者 陈中秋 摄`` / ``西湖边的樱花开了`` / ``见习记者
    赵一鸣``), is a picture of its own: its credit line is a credit and the sentence over it its
    caption (the title and byline are then :func:`titles_under_a_credit`'s). The model, which
    learned People's Daily's pictures inside stories (whose records keep a caption and credit
    as the story's last paragraphs), read them as the story above goes on, and the next story
    as its subhead and paragraph; a city page sets its pictures between stories. Only where
    the line over the caption ends a story's paragraph (a photo story's title right over its
    caption keeps them as its text, as the records do), and not where the story goes on with other
    titles over bylines (a package's parts, :func:`_more_parts`). (Changed in place.)"""
    for index in range(1, len(labels) - 2):
        unit = units[index]
        if (
            unit.kind == "credit"
            and labels[index] in ("para", "cont", "subhead", "other")
            and labels[index - 1] in ("para", "cont")
            and units[index - 1].kind == "text"
            and len(units[index - 1].text) <= _CAPTION_MAX
            and ends_sentence(units[index - 1].text.rstrip())
            and index >= 2
            and labels[index - 2] in ("para", "cont")  # (a photo story's title right over it: the story's text)
            and ends_paragraph(units[index - 2].text.rstrip())
            and (labels[index + 1] in ("para", "subhead") or labels[index + 1] in TITLE_LABELS)
            and title_like(units[index + 1])
            and units[index + 2].kind == "byline"
            and units[index + 2].data
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index - 1], labels[index] = "caption", "credit"


#: The longest line :func:`pictures_before_a_story` takes for a caption over its credit.
_CAPTION_MAX = 120


def titles_over_bylines(units: list[Line], labels: list[str]) -> None:
    """Keep in its stack a title line the model read as the story's first subhead when the
    line under it is the story's byline (``西湖边这家老字号重新开张`` / ``排队的人从店门口排到了马路对面``
    / ``记者 钱一 通讯员 孙二``): a byline closes a title stack, a subhead never stands over
    one. (The model, reading the first story under a page header on a page of column breaks,
    took the second title for a subhead and then the byline for a paragraph.) A title set
    apart from the headline by more blank lines than the page's usual, or indented under
    it, or followed in the story by other titles over bylines, is a package's first part's
    (People's Daily's records keep it and its byline as paragraphs). Two such lines under the
    headline over the byline are the rest of a three-line stack: the headline the model
    found is its kicker, and they its headline and subheadline."""
    for index in [index + 1 for index, label in enumerate(labels[:-2]) if label == "headline"]:
        if (
            labels[index] in ("para", "subhead")
            and labels[index - 1] == "headline"
            and not units[index].strong  # (a package's first part, set apart: its own title)
            and units[index].indent <= units[index - 1].indent
            and units[index + 1].kind == "byline"
            and units[index + 1].data
            and labels[index + 1] in ("para", "subhead", "other", "byline")
            and title_like(units[index])
            and not _more_parts(units, labels, index + 2)
        ):
            labels[index], labels[index + 1] = "subheadline", "byline"
        elif (
            index + 2 < len(labels)
            and labels[index] in ("para", "subhead")
            and labels[index + 1] in ("para", "subhead")
            and labels[index - 1] == "headline"
            and not units[index].strong
            and not units[index + 1].strong
            and units[index].indent <= units[index - 1].indent
            and units[index + 1].indent <= units[index - 1].indent
            and units[index + 2].kind == "byline"
            and units[index + 2].data
            and labels[index + 2] in ("para", "subhead", "other", "byline")
            and title_like(units[index])
            and title_like(units[index + 1])
            and not _more_parts(units, labels, index + 3)
        ):
            # three title lines over the byline (杭州地铁5号线 / 昨天全线贯通 / 从城西到城东只要45分钟):
            # a city paper's full stack, kicker, headline and subheadline
            labels[index - 1 : index + 3] = ["kicker", "headline", "subheadline", "byline"]


#: A byline line of a paper's reporters printed without the paper's name (``记者 金洁 通讯员
#: 李明``, ``首席记者 X``, ``■见习记者 Y``): a city paper's story's byline. People's Daily's
#: package parts, which its records keep inside one article, say ``本报记者`` or another
#: paper's (``解放日报记者``), never a bare ``记者``.
_BARE_REPORTERS_RE = cre(rf"^[{re.escape(BULLETS)}\s]*(?:首席|见习|实习)?记者\s*[/／]?\s*\S")


#: A city paper's own reporters' labels (``快报记者 X``, ``晚报见习记者 Y``, ``都市报首席记者 Z``):
#: the paper's short name, never ``本报``. None is printed on the corpus's People's Daily
#: pages (nor Xinmin Evening News', which says ``本报记者``).
CITY_REPORTER_LABELS = ("快报", "晚报", "早报", "晨报", "商报", "都市报")
_CITY_REPORTERS_RE = cre(
    rf"^[{re.escape(BULLETS)}\s]*(?:"
    rf"(?:{'|'.join(CITY_REPORTER_LABELS)})(?:首席|见习|实习|全媒体|特约)?记者"  # 快报记者 陈晨
    r"|(?:特约)?通讯员\s*[^\s记].*?记者"  # 通讯员 李华 快报记者 陈晨 (no 本报 before 通讯员)
    r"|实习生\s*[^\s记].*?记者"  # 实习生 王丽 记者 陈晨
    r"|文\s*[/／](?!\s*(?:图\s*[/／]?\s*)?本报)"  # 文/图 快报记者 陈晨, 文/陈晨 图/李华 (not 文/本报记者 X)
    r")"
)


def a_city_papers_byline(unit: Line) -> bool:
    """A byline line as a city paper prints its own story's (:data:`_CITY_REPORTERS_RE`):
    its reporters under the paper's short name (``快报记者 陈晨``, ``晚报首席记者 X``), a
    correspondent or trainee first and the reporter after (``通讯员 李华 记者 陈晨``), or a
    writer's and photographer's marks (``文/图 快报记者 X``, ``文/X 图/Y``). People's Daily's
    package parts, which its records keep inside one article, say ``本报记者``, ``本报通讯员``
    or another paper's full name (``解放日报记者``), never these."""
    return unit.kind == "byline" and bool(unit.data) and _CITY_REPORTERS_RE.match(unit.text) is not None


def titles_over_a_reporters_line(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title stack of one to three lines over a bare reporters' line (``记者 X 通讯员 Y``),
    under a story's last paragraph or a picture's credit, heads a story of its own (``小区加装
    电梯`` / ``这次终于落地了`` / ``记者 金洁 通讯员 李明`` was read as the story above's subheads
    and paragraph). The model learned People's Daily's packages, whose parts, each a title
    over ``本报记者 X``, its records keep inside one article; their bylines never say a bare
    ``记者`` (:data:`_BARE_REPORTERS_RE`), which a city paper's stories do, nor a city paper's
    own labels (``快报记者 X``, ``通讯员 Y 记者 X``, ``文/图 X``: :func:`a_city_papers_byline`).
    A column's tag over the stack is its column; the stack's roles by :func:`_stack_roles`.
    (Changed in place.)"""
    for index, unit in enumerate(units):
        if not (
            unit.kind == "byline"
            and labels[index] in ("para", "subhead", "other")
            and (
                (any(person.role == "reporter" for person in unit.data or ()) and _BARE_REPORTERS_RE.match(unit.text))
                or a_city_papers_byline(unit)
            )
        ):
            continue
        top = _stack_top(units, labels, index, _title_or_question)
        if top == index or top == 0:
            continue
        tag = index - top >= 2 and _column_tag_line(units[top])  # (【快报调查】 over the stack: its column)
        if not tag and top > 1 and labels[top - 1] in ("para", "subhead") and _column_tag_line(units[top - 1]):
            tag, top = True, top - 1
        above = units[top - 1]
        if not (
            (labels[top - 1] in ("para", "cont") and _closes_a_paragraph(above.text.rstrip()))
            or labels[top - 1] == "credit"
            or (labels[top - 1] == "caption" and above.kind == "caption-credit")  # (园区内一角。 快报记者 陈晨 摄)
        ):
            continue
        column = ["column"] if tag else []
        first = top + len(column)
        labels[top:index] = column + _stack_roles(units, first, index - first, stack_model)
        labels[index] = "byline"


#: The longest title asking a question (``怎么破？``) :func:`_question_title` takes.
_QUESTION_TITLE_MAX = 16


def _question_title(unit: Line) -> bool:
    """A short title line that asks or exclaims (``老小区停车难`` / ``怎么破？``, ``真的来了！``):
    it ends as a sentence does, so :func:`title_like` refuses it, but it holds no clause."""
    text = unit.text.strip()
    return (
        unit.kind == "text"
        and 2 <= len(text) <= _QUESTION_TITLE_MAX
        and text[-1] in "？?！!"
        and not any(mark in text for mark in "，,。；;：:")
    )


def _column_tag_line(unit: Line) -> bool:
    """A column's tag on a line of its own over a story's title (``【快报调查】``, ``杭州观察``)."""
    return unit.kind == "text" and is_column_tag(unit.text.strip())


def _closes_a_paragraph(text: str) -> bool:
    """A paragraph's end, or a full stop and a bracketed note after it (``…高教园区。（快报记者
    陈晨 通讯员 李华）``: a city paper's story signed at its end, :func:`ends_in_full_stop`)."""
    return ends_paragraph(text) or ends_in_full_stop(text)


def _opens_a_story(unit: Line) -> bool:
    """A line that opens a story with its dateline (``快报讯（记者 潘婷）昨天…``,
    ``本报北京4月26日电 （记者丁怡婷）…``)."""
    return unit.kind == "opening" or (unit.kind == "text" and split_opening(unit.text) is not None)


def a_lone_brief_is_a_story(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A short title over a second title line over a story's opening (``深夜酒驾上路`` /
    ``男子当场被查获`` / ``快报讯（记者 潘婷）昨天凌晨，…``), which the model read as a briefs
    column's name over its first brief (the name the headline, the brief's title and opening
    paragraphs: People's Daily's records keep a column of briefs as one article so), is one
    story's two-line title when no other brief follows it in that story (a title over an
    opening) and the short line is no briefs column's name (``环球扫描``,
    :func:`.headlines.is_briefs_header`). On People's Daily's training pages (extracted) the
    model read 55 such columns: of the 51 with a second brief, 50 are the gold's columns; of
    the 4 with one brief, 3 are a story's kicker and headline (``截至3月底`` /
    ``全国累计发电装机同比增长15.5%``) and the fourth is ``环球扫描``'s. A city paper prints its
    stories so, a short line over a longer one over ``快报讯（…）``. The two lines are a kicker
    over a headline or a headline over its subheadline as the stack model's words weigh them
    (a kicker over a headline without it). (Changed in place.)"""
    for index in range(1, len(labels) - 1):
        if not (
            labels[index - 1] == "headline"
            and labels[index] in ("para", "subhead")
            and (index < 2 or labels[index - 2] not in TITLE_LABELS)
            and title_like(units[index])
            and units[index - 1].kind == "text"
            and labels[index + 1] in ("para", "cont")
            and _opens_a_story(units[index + 1])
            and not is_briefs_header(units[index - 1].text)
        ):
            continue
        more = False  # (another brief further on: a title over an opening, before the next title)
        for ahead in range(index + 2, len(labels) - 1):
            if labels[ahead] in TITLE_LABELS:
                break
            if labels[ahead] in ("para", "subhead") and title_like(units[ahead]) and _opens_a_story(units[ahead + 1]):
                more = True
                break
        if more:
            continue
        upper, lower = units[index - 1].text, units[index].text
        if stack_model is None or stack_model.kicker_odds(upper, lower) > 0:
            labels[index - 1], labels[index] = "kicker", "headline"
        else:
            labels[index] = "subheadline"


#: The people of a news story's byline (a column's piece is signed by its writer).
_NEWS_ROLES = frozenset({"reporter", "correspondent", "trainee"})


def no_column_over_a_news_story(units: list[Line], labels: list[str]) -> None:
    """A line the model read as a column's name over a headline (``杭州地铁`` / ``5号线今年底全线通车``
    / ``从城西到城东只要45分钟`` / ``快报讯（记者 潘婷）…``: a short first line) is the story's
    kicker when it is no column's tag (no bracket or ornament, :func:`.headlines.is_column_tag`
    refuses it) and the story under the stack opens with its reporters' byline or a dateline,
    as a news story does (a column's piece is signed by its writer). The model never reads
    such a line so on the corpus's pages (no page of them reads otherwise). (Changed in place.)"""
    for index in range(len(labels) - 1):
        unit = units[index]
        if labels[index] != "column" or labels[index + 1] != "headline" or unit.kind != "text":
            continue
        text = unit.text.strip()
        if strip_ornaments(text) != text or is_column_tag(text):
            continue
        end = index + 1
        while end < len(labels) and labels[end] in TITLE_LABELS:
            end += 1
        if end < len(labels) and (
            (units[end].kind == "byline" and any(person.role in _NEWS_ROLES for person in units[end].data or ()))
            or _opens_a_story(units[end])
        ):
            labels[index] = "kicker"


def titles_where_no_package_goes_on(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title stack of one to three lines over a reporters' byline heads a story of its own
    where no package can go on. A package's parts (``推动农业农村高质量发展`` / ``本报记者 常钦``)
    hang from the package's title on one page, so none goes on under a piece with no title
    (a page's text before its first title: a story continued from another page,
    ``（上接第一版）…``, or one whose title the reader missed), under a story continued from
    another page under its title, or after a story's last paragraph that jumps to another page
    (``…就业。（下转第二版）``). The model, which learned parts under their package's title, read
    such a story's title and byline as paragraphs of the piece above. The stack stands under a
    line that ends a paragraph, or under the jump; its roles as
    :func:`titles_over_a_reporters_line` gives them. (Changed in place.)"""
    package = False  # (whether a package may go on here: the piece above has a title of its own)
    for index, unit in enumerate(units):
        if labels[index] in TITLE_LABELS:
            package = True
            continue
        if unit.kind == "continued":
            package = False  # (a story continued from another page, under its title or not)
            continue
        if unit.kind != "byline" or not _a_reporters_byline_left_in_a_story(unit, labels[index]):
            continue  # (most lines are no byline: asked without the call)
        top = _stack_under_a_paragraph(units, labels, index, _title_before_no_jump)
        if top is None:
            continue
        if (not package and ends_paragraph(units[top - 1].text.rstrip())) or "jump" in units[top - 1].meta:
            _head_a_story(units, labels, top, index, stack_model)
            package = True


def no_package_in_a_dispatch(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title stack of one to three lines over a reporters' byline, under the last paragraph
    of a story that opened with its dateline (``本报北京4月28日电 （记者…）…``, ``新华社…电``),
    heads a story of its own. A package's parts (a title over ``本报记者 X``) hang from the
    package's own title, over an introduction or straight over the first part; a dispatch
    dated and signed in its first line is one reporter's story, and no part of a package goes
    on under it. The model, which learned packages, read such a stack (``黑龙江上“跑冰排”`` /
    ``本报记者 郭晓龙`` under a dated story's last paragraph) as the dispatch's subheads and a
    paragraph: the story below was lost. On the corpus's training pages (People's Daily,
    extracted) the model left 9 such stacks in a dated story: all 9 head a story of the gold
    (six of them two-line stacks, one a three-line one), none is a package's part. The stack's
    roles as :func:`_stack_roles` gives them. (Changed in place.)"""
    dispatch = False  # (whether the story being read opened with its dateline)
    for index, unit in enumerate(units):
        if labels[index] in TITLE_LABELS:
            dispatch = False
            continue
        if index and labels[index - 1] in TITLE_LABELS:
            dispatch = unit.kind == "opening"  # (the story's first line under its stack)
            continue
        if not (dispatch and unit.kind == "byline" and _a_reporters_byline_left_in_a_story(unit, labels[index])):
            continue
        top = _stack_under_a_paragraph(units, labels, index, title_like)
        if top is None:
            continue
        if ends_paragraph(units[top - 1].text.rstrip()):
            _head_a_story(units, labels, top, index, stack_model)
            dispatch = False


def a_lone_title_in_a_dispatch(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """The one title stack (one to three title lines) the model left inside a story that
    opened with its dateline heads a story of its own when the line under it opens as a
    story's first paragraph does (``4月29日,河北雄安新…``, ``近日，``: :func:`opens_a_paragraph`).
    A dispatch is one reporter's short story; when it has subheads it has several, and a
    single title between a paragraph's end and a dated first sentence is the next story's (a
    picture story printed with a title and one paragraph, ``双层观光巴士亮相雄安新区``, or a
    story whose dateline the paper left out). On the corpus's training pages (People's Daily,
    extracted) a probe found 10 such single title lines in a dated story, all headlines of the
    gold; over a paragraph that opens otherwise, 11 of 38 were a paragraph's first words a
    column break cut (``作为国家`` / ``深海科技的…``), and in dispatches with three title lines
    or more 44 of 52 were subheads: both left. As written the rule heads 13 stories on those
    pages, all the gold's (one over its writers' names, :func:`bare_names`, made its
    byline). The stack's roles as :func:`_stack_roles` gives them. (Changed in place.)"""
    n = len(units)
    index = 0
    while index < n:
        if not (index and labels[index - 1] in TITLE_LABELS and labels[index] not in TITLE_LABELS):
            index += 1
            continue
        start = index  # (the story's first line under its stack)
        end = start
        while end < n and labels[end] not in TITLE_LABELS:
            end += 1
        if units[start].kind == "opening":
            stacks = [
                (top, line)
                for line in range(start + 1, end)
                if units[line].kind == "text"
                and labels[line] == "para"
                and (not title_like(units[line]) or opens_a_paragraph(units[line]))  # (4月29日,河北雄安新: cut)
                and (top := _stack_top(units, labels, line, title_like)) < line
                and top > start
                and labels[top - 1] in ("para", "cont")
                and ends_paragraph(units[top - 1].text.rstrip())
            ]
            if len(stacks) == 1 and opens_a_paragraph(units[stacks[0][1]]):
                top, line = stacks[0]
                if line - top >= 2 and bare_names(units[line - 1]):
                    line -= 1  # (列装10年，运—20加力奋飞 / 金正波 邓栋之: its writers' names)
                    labels[line] = "byline"
                labels[top:line] = _stack_roles(units, top, line - top, stack_model)
        index = end


def titles_that_ask_over_a_byline(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A title that asks or exclaims (``高考临近，“开挂饮食”管用吗？``, ``阅读马拉松，开赛！``:
    :func:`_asks_or_exclaims`) over a reporters' byline, under a paragraph's end, heads a story
    of its own, with the title lines over it. The model read such a title and byline as a
    package's part inside the story above; but a package titles its parts as statements (of
    the 155 titles over ``本报记者 X`` the model kept in a story on the corpus's training pages,
    People's Daily, extracted, the package's parts of the gold, none asks or exclaims), while
    a news story's title may ask (on those pages, of the title lines so printed over a byline,
    11 head a story of the gold, 3 of which the model had left in the story above, and one is
    a paragraph, over a byline in brackets). Not over a byline in brackets, which closes the
    story above (``（本报记者X参与采写）``). The stack's roles as
    :func:`_stack_roles` gives them. (Changed in place.)"""
    for index, unit in enumerate(units):
        if not (
            index >= 2
            and unit.kind == "byline"  # (most lines: no call)
            and _a_reporters_byline_left_in_a_story(unit, labels[index])
            and _asks_or_exclaims(units[index - 1])
            and unit.text.lstrip()[:1] not in "（("  # (（本报记者X参与采写）: the story above's close)
        ):
            continue
        top = _stack_under_a_paragraph(units, labels, index, _title_or_asks)
        if top is not None and ends_paragraph(units[top - 1].text.rstrip()):
            _head_a_story(units, labels, top, index, stack_model)


#: The longest line :func:`_asks_or_exclaims` takes for a title.
_ASKING_TITLE_MAX = 32


def _asks_or_exclaims(unit: Line) -> bool:
    """A title line that asks or exclaims (``“帮子女带娃可领补贴”？没依据！``, ``台风预报难在哪？``):
    short, ending in a question or exclamation mark (a quote's close after it allowed), with no
    full stop or semicolon in it (no sentence)."""
    text = unit.text.strip()
    core = text.rstrip("”’」』\"'")
    return (
        unit.kind == "text"
        and 2 <= len(text) <= _ASKING_TITLE_MAX
        and core[-1:] in ("？", "！", "?", "!")
        and not any(mark in text for mark in "。；;")
    )


def _title_or_asks(unit: Line) -> bool:
    return title_like(unit) or _asks_or_exclaims(unit)


def titles_signed_with_a_pen_name(units: list[Line], labels: list[str]) -> None:
    """A title line ending in a bracketed word of two characters (``以大历史观把握中美关系发展方向
    （钟声）``, ``…（和音）``, ``…（社论）``: a commentary's pen name or genre, printed after its
    title), under a paragraph's end and over a paragraph, heads a story: a subhead carries no
    signature. The model read such titles the paragraphs under them, with no byline or
    dateline, as subheads of the story above. On the corpus's training pages (People's Daily,
    extracted) 3 such lines the model left in a story are headlines of the gold, and none of
    the gold's paragraphs so printed stands there. Not where the bracketed word is in the
    lines around (:data:`_PEN_NAME_WINDOW`): ``西班牙企业拉米（常州）`` / ``新材料科技有限公司总经理…``,
    a paragraph a column break cut after a company's place, which the story names (the tight
    pages' one such line). (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if labels[index] not in ("para", "subhead") or not _pen_named_title(units[index]):
            continue
        if labels[index - 1] not in ("para", "cont") or not ends_paragraph(units[index - 1].text.rstrip()):
            continue
        if units[index + 1].kind == "text" and labels[index + 1] in ("para", "cont"):
            word = _PEN_NAME_RE.search(units[index].text.strip()).group()[1:-1]  # type: ignore[union-attr]
            around = units[max(0, index - _PEN_NAME_WINDOW) : index] + units[index + 1 : index + 1 + _PEN_NAME_WINDOW]
            if any(word in unit.text for unit in around):
                continue  # (西班牙企业拉米（常州） / 新材料…: a place the story names, a column break after it)
            labels[index] = "headline"
            labels[index + 1] = "para"


#: How many lines above and below a title :func:`titles_signed_with_a_pen_name` looks at for
#: the bracketed word: a writer's pen name is not in the text around it, a place is.
_PEN_NAME_WINDOW = 3

#: A title's bracketed signature of two characters at its end: ``（钟声）``, ``（社论）``.
_PEN_NAME_RE = cre(r"[（(][\u4e00-\u9fff]{2}[）)]$")


def _pen_named_title(unit: Line) -> bool:
    """A text line that is a title (:func:`title_like` before its bracket) and ends in a
    bracketed word of two characters (:data:`_PEN_NAME_RE`)."""
    text = unit.text.strip()
    if unit.kind != "text" or len(text) > _TITLE_LIKE_MAX:
        return False
    match = _PEN_NAME_RE.search(text)
    if match is None:
        return False
    title = text[: match.start()].rstrip()
    return len(title) >= 4 and title[-1] not in "，,、：:；;" and not ends_paragraph(title) and "。" not in title


def stories_after_a_jump(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A story that jumps to another page (``…重点工程。（下转A05）``) goes on there, not under
    its jump: one to three title lines the model left in it after the jump (``相关新闻`` /
    ``湖滨步行街周末将延长营业`` / ``快报讯（记者 陈晨）…``) head the next story, whatever opens
    it (a dateline, a byline, its text). Stack roles by :func:`_stack_roles`; the line under
    the stack opens the story's text. (Changed in place.)"""
    for index, unit in enumerate(units):
        if "jump" not in unit.meta or labels[index] not in ("para", "cont"):
            continue
        top = index + 1
        end = top
        while end < len(units) and end - top < 3 and labels[end] in ("para", "subhead") and title_like(units[end]):
            end += 1
        if end == top or end == len(units) or labels[end] not in ("para", "cont", "subhead", "byline"):
            continue
        if units[end].kind not in ("opening", "byline", "text") or title_like(units[end]):
            continue
        labels[top:end] = _stack_roles(units, top, end - top, stack_model)
        labels[end] = "byline" if units[end].kind == "byline" else "para"


def _a_reporters_byline_left_in_a_story(unit: Line, label: str) -> bool:
    """A byline line naming a reporter that the model left in a story (a paragraph, a subhead
    or nobody's line): a package's part's, or the next story's."""
    return (
        unit.kind == "byline"
        and label in ("para", "subhead", "other")
        and any(person.role == "reporter" for person in unit.data or ())
    )


def _stack_under_a_paragraph(
    units: list[Line], labels: list[str], index: int, title: Callable[[Line], bool]
) -> int | None:
    """Where a title stack over ``units[index]`` (:func:`_stack_top`) starts, when it stands
    right under a paragraph of the story above; ``None`` where no such stack is."""
    top = _stack_top(units, labels, index, title)
    if top == index or top == 0 or labels[top - 1] not in ("para", "cont"):
        return None
    return top


def _head_a_story(units: list[Line], labels: list[str], top: int, index: int, stack_model: StackModel | None) -> None:
    """Make the stack from ``units[top]`` a story's title stack over its byline ``units[index]``."""
    labels[top:index] = _stack_roles(units, top, index - top, stack_model)
    labels[index] = "byline"


def _stack_top(units: list[Line], labels: list[str], index: int, title: Callable[[Line], bool]) -> int:
    """Where a title stack of one to three lines over ``units[index]`` starts: the lines above
    it the model left in a story (paragraphs, subheads) that ``title`` takes for titles.
    ``index`` itself when there is none."""
    top = index
    while top > 0 and index - top < 3 and labels[top - 1] in ("para", "subhead") and title(units[top - 1]):
        top -= 1
    return top


def _title_or_question(unit: Line) -> bool:
    return title_like(unit) or _question_title(unit)


def _title_before_no_jump(unit: Line) -> bool:
    return title_like(unit) and "jump" not in unit.meta


def _stack_roles(units: list[Line], top: int, run: int, stack_model: StackModel | None) -> list[str]:
    """The roles of a title stack of ``run`` lines from ``units[top]`` over a byline: one line a
    headline, three a full stack, two a kicker over a headline or a headline over its
    subheadline as the stack model's words weigh them (a headline and subheadline without it)."""
    if run == 1:
        return ["headline"]
    if run == 3:
        return ["kicker", "headline", "subheadline"]
    if stack_model is not None and stack_model.kicker_odds(units[top].text, units[top + 1].text) > 0:
        return ["kicker", "headline"]
    return ["headline", "subheadline"]


def _a_byline_line(unit: Line) -> bool:
    return unit.kind == "byline"


def _more_parts(
    units: list[Line], labels: list[str], start: int, signs: Callable[[Line], bool] = _a_byline_line
) -> bool:
    """Whether the story goes on, after ``start`` and before the next title, with another
    part's title over a line that ``signs`` it (by default a byline line: ``“横琴吸引我来尝试”``
    / ``本报记者 李 纵``): a package of parts."""
    for index in range(start + 1, len(labels)):
        if labels[index] in TITLE_LABELS:
            return False
        if signs(units[index]) and labels[index - 1] in ("para", "subhead") and title_like(units[index - 1]):
            return True
    return False


def _closing_dateline(unit: Line) -> bool:
    """A dateline alone in brackets, closing its story: ``（新华社北京5月20日电）``,
    ``（据新华社电）``, ``（本报柏林7月26日电）`` (no reporter, no note)."""
    text = unit.text.strip()
    if not (text[:1] in "（(" and text[-1:] in "）)" and "电" in text):
        return False
    closing = parse_closing(text)
    return closing is not None and closing.dateline is not None and not closing.bylines and closing.note is None


#: A paragraph's opening words: when (``近日，``, ``5月20日，``, ``前不久，``) or how it links to
#: the one before (``对此，``, ``此外，``), then a comma. On the corpus's training pages
#: (every third, People's Daily, extracted) 9 lines the model took for the rest of the
#: paragraph above open so, all new paragraphs (under a subhead or a lead), and no line
#: that goes on from the one above (``…在扩大就业空间的`` / ``同时，…`` does: no ``同时``).
PARAGRAPH_OPENING_RE = cre(
    rf"^(?:{NEWS_WHEN}|近年来|当前|目前|如今|前不久|不久前|今年以来|去年以来|此前|随后|此外|另外|对此|为此"
    r"|与此同时|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|今年\d{1,2}月|去年\d{1,2}月)[，,]"
)
#: The characters its matches start with, but for a digit (``\d``: ``str.isdecimal``).
PARAGRAPH_OPENING_STARTS = both_scripts("日近昨今前本上当目如不去此随另对为与")


def opens_a_paragraph(unit: Line) -> bool:
    """Whether a text line opens as a paragraph does (:data:`PARAGRAPH_OPENING_RE`): the
    model, weighing a break after a line with no sentence end (a subhead, a story's lead),
    at times read it as the rest of that line's paragraph."""
    if unit.kind != "text":
        return False
    first = unit.text[:1]  # (asked of the lines whose first character a match can start with)
    return (first in PARAGRAPH_OPENING_STARTS or first.isdecimal()) and PARAGRAPH_OPENING_RE.match(
        unit.text
    ) is not None


def title_like(unit: Line) -> bool:
    """A text line as a title is: short, and ending where no sentence or clause does."""
    text = unit.text.rstrip()
    return (
        unit.kind == "text"
        and 0 < len(text) <= _TITLE_LIKE_MAX
        and text[-1] not in "，,、"
        and not ends_paragraph(text)
    )


def bare_names(unit: Line) -> bool:
    """A line of one to three people's names and nothing else (``佟京昊``, ``秦 岭``,
    ``黄汉权 刘志成``). Under a title it is the author's line, never a title itself: on the
    corpus's training pages (People's Daily) 1,605 such lines under a title were bylines
    and 2 were titles, while the model, weighing them, at times took the name for the
    headline and the title over it for a kicker."""
    if unit.kind != "text":
        return False
    tokens = unit.text.split()
    if len(tokens) == 2 and all(len(token) == 1 for token in tokens):
        tokens = ["".join(tokens)]  # one name of two characters, spaced out
    if not 1 <= len(tokens) <= 3 or not all(2 <= len(token) <= 3 and all(map(is_cjk, token)) for token in tokens):
        return False
    return is_author_line(unit.text)


#: A writer's name first, then where the writer studies or works, spaced apart
#: (``许瓒  北京市第一七一中学  初三（20）班``, ``张三 浙江大学教授``): the line under an essay's title.
_NAME_AND_AFFILIATION_RE = cre(r"^[\u4e00-\u9fff]{2,3}(?:\s+[^\s。！？，,；;：:]+){1,3}$")
_AFFILIATION_WORDS = (
    "中学",
    "小学",
    "大学",
    "学院",
    "学校",
    "幼儿园",
    "班",
    "年级",
    "教授",
    "研究员",
    "老师",
    "教师",
    "学生",
    "公司",
    "医院",
    "研究院",
    "研究所",
    "协会",
    "作家",
    "工程师",
    "医生",
    "律师",
    "市民",
    "居民",
    "村民",
)


def name_and_affiliation(unit: Line) -> bool:
    """A line of a writer's name and then where the writer studies or works
    (:data:`_NAME_AND_AFFILIATION_RE`): under a title it is the author's line, no title
    (the model took an evening paper's student essay's author line for its headline and
    the essay's title for a kicker)."""
    text = unit.text.strip()
    if unit.kind != "text" or len(text) > 30 or len(text.split(None, 1)) < 2:
        return False  # (the pattern asks for a space after the name: most titles have none)
    if _NAME_AND_AFFILIATION_RE.match(text) is None:
        return False
    if any(mark in text for mark in "“”‘’《》\"'"):
        return False  # 对患者　“希望村民看病更方便”: a part's title, with its quote
    return any(token.endswith(_AFFILIATION_WORDS) for token in text.split()[1:])


#: A bracketed note closing a line: ``（记者 孙强）``, ``(新华社)``.
_CLOSING_BRACKETS_RE = cre(r"[（(][^（()）]{1,30}[）)]\s*$")


def ends_in_full_stop(text: str) -> bool:
    """Whether a line's text ends in a full stop, past its closing marks and a bracketed
    note after it (``…提供社保服务。（记者 孙强）``, a brief's text over its credit) or an
    author's line run on after it (``…开始空载试运行。首席记者 王芳 报道``)."""
    text = text.rstrip()
    if strip_closers(text).endswith("。"):
        return True
    if text[-1:] not in "）)":
        stop = text.rfind("。", max(0, len(text) - 24))
        return stop > 0 and is_author_line(text[stop + 1 :].strip())  # …试运行。首席记者 王芳 报道
    note = _CLOSING_BRACKETS_RE.search(text)
    return note is not None and text[: note.start()].rstrip().endswith("。")
