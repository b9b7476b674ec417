"""Print's own patterns, and conventions the model weighs too lightly, read into its roles.

The role model learned from pages made of e-paper records, which keep each story's titles
on their lines and a column's name in brackets after its title. Print sets some things
otherwise, and text extracted from a printed page shows them: a column's name on a line of
its own over a title and the author; a headline over two lines; a title wrapped in the
middle of a word; a wider gap where a picture stood, its caption after it. And title
conventions the model weighs too lightly: a title reporting a speech (``…时强调``) or
naming the bodies that act is a kicker, one saying who took part a subheadline. Pictures
and authors' lines as print sets them: a cartoon's title over its credit, a photo story's
author over its title, a photo report's author under a caption. And what the seed's shape
loses of the e-paper's indents, which told the model where a story's parts are: a briefs
column's later briefs, a story's subheads set alike, a kicker right under a picture. Each
function here finds one such pattern in the units and their labels and changes the labels
in place; :func:`correct_print_patterns` runs them all (:func:`.roles.page_roles` calls it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .features import TITLE_TAG_RE, column_header, is_author_line
from .headlines import (
    COLUMN_WORDS,
    ORNAMENTS,
    has_clause_marks,
    headline_like,
    is_briefs_header,
    is_collective_column,
    is_column_tag,
    strip_ornaments,
)
from .junctions import TITLE_WRAP, cuts_a_word
from .people import slash_signed
from .text import cre, ends_paragraph, ends_sentence, ends_with_end_mark, fold, is_box_label, is_cjk, visible_length

if TYPE_CHECKING:
    from .lines import Line


def correct_print_patterns(units: list[Line], labels: list[str]) -> None:
    """Every correction of this module, in order (labels changed in place). A correction
    that needs a kind of line the page lacks is not run: it would change nothing (most
    text pages have no line read as a dateline's opening, and some no author's line)."""
    kinds = {unit.kind for unit in units}
    # titles
    _columns_over_stories(units, labels)
    if "caption" in labels:
        _captions_above_a_pictures_gap(units, labels)
    _kickers_over_headlines(units, labels)
    _attendance_subheadlines(units, labels)
    if "kicker" in labels:
        _speech_headlines(units, labels)
    spaced = None  # (whether the page sets its text apart with blank lines: asked once, when needed)
    if "headline" in labels:
        spaced = _spaced(units, labels)
        if spaced:
            _title_lines_run_onto_a_headline(units, labels)
    _wrapped_titles(units, labels, spaced)
    # pictures and authors' lines
    if "credit" in labels:
        _titles_over_a_credit(labels)
    if "byline" in kinds:  # (both change only an author's line)
        _bylines_over_titles(units, labels)
        if "caption" in labels:
            _photo_reports_under_captions(units, labels)
    if "caption" in labels:
        _titles_over_a_caption(units, labels)
    # what the extracted shape loses of the e-paper's indents: stories and their parts
    if "headline" in labels:
        _kickers_under_a_picture(units, labels)
        _parallel_subheads(units, labels)
        if "opening" in kinds:  # (a briefs column is told by its first brief's dateline)
            _briefs_of_a_column(units, labels)
    if "byline" in labels:
        _titles_under_a_leading_byline(units, labels)


#: A title that ends where a speech is reported (``谌贻琴在宁夏调研时强调``): what was said
#: follows it, so it never ends a headline (``新要求`` does: 要求 counts only after a verb).
_SPEECH_END_RE = cre(r"(?:强调|指出|表示|时要求|上要求|通知要求|指示要求)[:：]?$")


#: A title that only names who acts, bodies side by side (``中央宣传部、财政部、农业农村部``):
#: the line under it says what they did.
_ORGAN = r"[\u4e00-\u9fff（）]{2,14}?(?:部|委|局|署|院|会|办|厅|社|中心|集团|政府|联|协)"
_BODIES_RE = cre(rf"^{_ORGAN}(?:[、和与]{_ORGAN})+(?:等(?:部门|单位))?$")


def _kickers_over_headlines(units: list[Line], labels: list[str]) -> None:
    """A title line that reports a speech (:data:`_SPEECH_END_RE`), or only names the
    bodies that act (:data:`_BODIES_RE`), taken for the headline over another title line is
    the kicker, and the line under it the headline: in the gold of the corpus and the
    fixtures, all 108 lines of the first kind and all 9 of the second are kickers.
    (Changed in place.)"""
    for index in range(len(labels) - 1):
        if labels[index] != "headline" or labels[index + 1] not in ("subheadline", "headline", "para"):
            continue
        unit, under = units[index], units[index + 1]
        if unit.kind != "text" or under.kind != "text":
            continue
        if labels[index + 1] == "para" and (
            ends_sentence(under.text.rstrip()) or not headline_like(under.text, max_length=40)
        ):
            continue  # (what was said can be the text under it; only a title-like line is the headline)
        text = unit.text.strip()
        if _SPEECH_END_RE.search(text) or (len(text) <= 40 and _BODIES_RE.match(text)):
            labels[index], labels[index + 1] = "kicker", "headline"


#: A title that says who took part (``何立峰出席会议并讲话``, ``李强作出批示``, ``王沪宁主持
#: 丁薛祥作报告``, ``李书磊出席并发表主旨演讲``; not ``…政府工作报告``).
_ATTENDANCE_END_RE = cre(
    r"(?:出席|主持|陪同|陪同考察|作出批示|(?<!工)作报告|会见|宣读决定|并讲话)$|出席.*(?:讲话|致辞|演讲)$"
)


def _attendance_subheadlines(units: list[Line], labels: list[str]) -> None:
    """A title line saying who took part (:data:`_ATTENDANCE_END_RE`) that the model took
    for the headline under another title line is the subheadline, and the line over it the
    headline: in the gold of the corpus and the fixtures, all 51 such lines under another
    title are subheadlines (24 more are headlines alone). (Changed in place.)"""
    for index in range(1, len(labels)):
        if labels[index] != "headline" or labels[index - 1] not in ("kicker", "headline"):
            continue
        if index + 1 < len(labels) and labels[index + 1] in ("headline", "subheadline"):
            continue
        unit, above = units[index], units[index - 1]
        if unit.kind == "text" and above.kind == "text" and _ATTENDANCE_END_RE.search(unit.text.rstrip()):
            if labels[index - 1] == "kicker" and _SPEECH_END_RE.search(above.text.rstrip()):
                continue  # 习近平…时强调 / …并讲话: the headline under a speech's kicker
            labels[index - 1], labels[index] = "headline", "subheadline"


def _speech_headlines(units: list[Line], labels: list[str]) -> None:
    """Under a kicker reporting a speech, a headline printed over two lines is one headline,
    though the model may take its second line for a subheadline (``深入学习贯彻…精神`` /
    ``提高…治理能力和水平``): in the corpus's gold 95 of 108 headlines under such a kicker
    are two or more phrases side by side, and every subheadline under one names who else
    took part (``李强作出批示``), which stays a subheadline. (Changed in place.)"""
    for index in range(len(labels) - 2):
        if labels[index] != "kicker" or labels[index + 1] != "headline" or labels[index + 2] != "subheadline":
            continue
        if index + 3 < len(labels) and labels[index + 3] in TITLE_LABELS:
            continue
        kicker, second = units[index], units[index + 2]
        if kicker.kind != "text" or second.kind != "text" or second.text.lstrip().startswith(("—", "－", "\u2015")):
            continue
        if _SPEECH_END_RE.search(kicker.text.rstrip()) and not _ATTENDANCE_END_RE.search(second.text.rstrip()):
            labels[index + 2] = "headline"


def _wrapped_titles(units: list[Line], labels: list[str], spaced: bool | None = None) -> None:
    """A title the page's width wrapped in the middle of a word (``全国已有20多个省份发放消费券总``
    / ``额超过190亿元``) is one title: two title lines whose characters either side of the
    break read as one word in news text (:data:`.junctions.TITLE_WRAP`), the first at least
    as long as the second, get the same role, the headline's when either is the headline;
    so do two where the second holds only the end of a word (:func:`_wrap_remnant`).
    ``spaced`` is :func:`_spaced`'s answer when the caller has it (else asked here, once,
    of the first two title lines set together). (Changed in place.)"""
    titles = [label in TITLE_LABELS for label in labels]
    for index in [index for index in range(1, len(labels)) if titles[index] and titles[index - 1]]:
        first, second = labels[index - 1], labels[index]
        if first == second or "column" in (first, second):
            continue
        above, unit = units[index - 1], units[index]
        if above.kind != "text" or unit.kind != "text":
            continue
        left, right = above.text.rstrip(), unit.text.lstrip()
        if left and right and _quote_left_open(left, right):
            role = "headline" if "headline" in (first, second) else first
            labels[index - 1] = labels[index] = role
            continue
        if not left or not right or not is_cjk(left[-1]) or not is_cjk(right[0]):
            continue  # (a word cut in two has ideographs either side)
        together = unit.blank_before == 0 and above.blank_before > 0
        if together and spaced is None:
            spaced = _spaced(units, labels)
        if _wrap_remnant(right) or (
            visible_length(left) >= visible_length(right)
            and ((together and spaced) or cuts_a_word(left, right, TITLE_WRAP))
        ):
            role = "headline" if "headline" in (first, second) else first
            labels[index - 1] = labels[index] = role


#: Quotation marks and brackets a title opens and closes (opening, closing).
_PAIRED_MARKS = (("“", "”"), ("《", "》"), ("「", "」"))


def _quote_left_open(left: str, right: str) -> bool:
    """Whether a title line leaves a quotation or a book title open that the line under it
    closes (``特早熟油菜“中油早`` / ``1号”示范成效显著``): one title its column wrapped, as a
    title stack's kicker or headline never leaves a quotation open for the next to close."""
    for opening, closing in _PAIRED_MARKS:
        if left.count(opening) > left.count(closing) and right.count(closing) > right.count(opening):
            close_at, open_at = right.find(closing), right.find(opening)
            if open_at < 0 or close_at < open_at:
                return True
    return False


def _spaced(units: list[Line], labels: list[str]) -> bool:
    """Whether the page sets its text apart with blank lines, paragraph by paragraph (PDF
    text in the seed's shape, where a stack's lines are blocks of their own and a title its
    column wrapped is one block of two lines set together): nine in ten of its text lines,
    and three at least."""
    text = [units[index].blank_before > 0 for index in range(1, len(labels)) if labels[index] in ("para", "cont")]
    return len(text) >= 3 and sum(text) >= 0.9 * len(text)


def _title_lines_run_onto_a_headline(units: list[Line], labels: list[str]) -> None:
    """On a page that sets every line apart with a blank line (PDF text, the seed's shape), a
    line the model read as text right over a headline with no blank line between (``今年上半年1535名``
    / ``纪检监察干部被处分``) is a title line: the top of the headline's stack or the first
    line of a headline its column wrapped (:func:`_wrapped_titles` then tells which). Only
    a short line with no clause mark and no sentence end, over a line that ends a paragraph
    or no text. Run only on such a page (:func:`_spaced`: e-paper text sets a stack's lines
    together, and the model has seen it). (Made a kicker in place.)"""
    for index in [index for index in range(len(labels) - 1) if labels[index + 1] == "headline"]:
        unit = units[index]
        if (
            labels[index] in ("para", "subhead")
            and unit.kind == "text"
            and units[index + 1].blank_before == 0
            and unit.blank_before > 0
            and headline_like(unit.text, max_length=24)
            and not has_clause_marks(unit.text)
            and (
                index == 0
                or labels[index - 1] not in ("para", "cont")
                or ends_paragraph(units[index - 1].text.rstrip())
            )
        ):
            labels[index] = "kicker"


def _wrap_remnant(text: str) -> bool:
    """Whether a title line is one ideograph, or one or two before its column's tag
    (``化（“十五五”开好局起好步）``): the end of the line above's last word, no title of its own."""
    tag = TITLE_TAG_RE.search(text) if text[-1:] in "）)" else None
    core = text[: tag.start()] if tag else text
    # (two ideographs alone may be a short headline of their own: 春耕; one never is)
    return 0 < len(core) <= (2 if tag else 1) and all(map(is_cjk, core))


def _captions_above_a_pictures_gap(units: list[Line], labels: list[str]) -> None:
    """Text the model took for a caption right above the wider gap where a picture stood,
    whose own caption and credit come after the gap (``…做好个人防护。`` / (blank lines) /
    ``4月27日，工作人员在断桥附近引导游客。 记者 张明 摄``), is the story's text: a
    picture's caption follows the gap PDF extraction leaves for it, and this run has no
    gap above it and no credit in it. (Made paragraphs in place.)"""
    index = 0
    n = len(labels)
    while index < n:
        if labels[index] != "caption" or units[index].kind != "text":
            index += 1
            continue
        end = index
        while end + 1 < n and labels[end + 1] == "caption" and units[end + 1].kind == "text":
            end += 1
        after = end + 1
        if (
            after < n
            and labels[after] in ("caption", "credit")
            and units[after].blank_before >= 2
            and all(units[position].blank_before < units[after].blank_before for position in range(index, after))
        ):
            labels[index:after] = ["para"] * (after - index)
        index = after


def _titles_over_a_credit(labels: list[str]) -> None:
    """Titles the model read right over a picture's credit with nothing between them
    (``漫画：“躺平”不可取`` / ``新华社发 徐骏 作``) title that picture: a story's titles
    are followed by its text, and no title of the corpus's gold (13,600) stands right over
    a credit. (Made the picture's title in place.)"""
    for index in [index for index, label in enumerate(labels) if label == "credit" and index]:
        start = index
        while start > 0 and labels[start - 1] in TITLE_LABELS:
            start -= 1
        labels[start:index] = ["photo-title"] * (index - start)


def _titles_over_a_caption(units: list[Line], labels: list[str]) -> None:
    """A short title the model read as the first line of a picture's caption, or kept
    apart as text of no story, right over a caption that closes with its credit (``春到山乡``
    / ``4月26日，游客在山间步道上赏花。 记者 王一 摄``) or that a credit line closes
    (``小小志愿者`` / ``4月23日，孩子们…`` / ``记者 孙四 文/图``) titles that picture: a
    caption does not open with a title's words. (Made the picture's title in place.)"""
    n = len(labels)
    for index in [index for index in range(n - 1) if labels[index] in ("caption", "other")]:
        if labels[index + 1] != "caption":
            continue
        if index and labels[index - 1] in ("caption", "photo-title") and units[index - 1].kind != "caption-credit":
            continue  # a caption's second line (the picture above is not closed)
        unit = units[index]
        if unit.kind != "text" or not headline_like(unit.text, max_length=20):
            continue
        end = index + 1
        while end + 1 < n and labels[end + 1] == "caption":
            end += 1
        closed = units[end].kind == "caption-credit" or (end + 1 < n and labels[end + 1] == "credit")
        caption = units[index + 1]  # (a picture's caption tells what it shows in sentences; a chart's source does not)
        told = caption.kind == "caption-credit" or ends_sentence(caption.text.rstrip())
        if closed and told and not ends_sentence(unit.text.rstrip()):
            labels[index] = "photo-title"


def _parallel_subheads(units: list[Line], labels: list[str]) -> None:
    """A one-line title the model read as a new story's headline, between a story's
    paragraphs and with text right under it, as long as a subhead already read in that
    story, give or take a character (``精细措施保障改造实效`` after ``软硬件提升破解出行难题``),
    is that story's next subhead: a story's subheads are set alike. Of such lines on the
    corpus's training pages 4,613 are a story's subheads, 9 a headline (4 of those a
    commentary's, its column in brackets after it: left to the model). A title over a
    paragraph opening as news does (:data:`_NEWS_LEAD_RE`) is left to the model too: a
    city page's briefs are titled alike, one short report under each. Where the page
    shows more (e-paper text sets a title flush over indented text), the model has seen
    it: such a title is left to it. (Made text in place, for the segmenter's subheads.)"""
    last = len(labels) - 1
    if not any(
        labels[index + 1] == "para" and units[index + 1].kind == "text"
        for index in range(1, last)
        if labels[index] == "headline"
    ):
        return  # (no one-line title over text: most pages, whose stories open with a dateline)
    lengths: set[int] = set()
    # (titles, and text short enough to be a subhead: the only lines that count)
    for index in [
        index
        for index in range(1, len(labels) - 1)
        if labels[index] in TITLE_LABELS or (labels[index] == "para" and len(units[index].text) <= 88)
    ]:
        label = labels[index]
        shaped = _between_paragraphs(units, labels, index)
        if label in TITLE_LABELS and not shaped:
            lengths = set()  # a new story
            continue
        if not shaped or label not in ("headline", "para"):
            continue
        length = visible_length(units[index].text)
        if label == "para":
            lengths.update((length - 1, length, length + 1))
        elif (
            length in lengths
            and units[index].text.rstrip()[-1:] not in "）)"  # (a commentary's title, its column after it)
            and units[index].indent == units[index + 1].indent  # (no title set flush over indented text)
            and not _NEWS_LEAD_RE.match(units[index + 1].text)  # (a brief's title, over its news)
        ):
            labels[index] = "para"
        else:
            lengths = {length - 1, length, length + 1}  # a new story: its title sets the subheads' length


#: When a news paragraph says it happened, as its first words (``日前``, ``4月26日``): a
#: pattern's alternatives, shared by the tests of how a report or a paragraph opens.
NEWS_WHEN = r"日前|近日|近期|昨天|昨日|今天|今日|前天|本周|上周|\d{1,2}月\d{1,2}日"
#: A news report's first words: when it happened, or where the reporter learnt it
#: (``日前，``, ``4月26日，``, ``记者昨天从市住建局获悉``). Under a title of the corpus's
#: gold set between paragraphs, 16 % of headlines open so and 1 % of a story's subheads.
_NEWS_LEAD_RE = cre(rf"^(?:{NEWS_WHEN}|记者(?:昨天|近日|日前|今天)?从)")


def _between_paragraphs(units: list[Line], labels: list[str], index: int) -> bool:
    """Whether ``units[index]`` is a short title-like text line with a paragraph before it
    and text after it (a one-line title, or a story's subhead)."""
    unit = units[index]
    return (
        unit.kind == "text"
        and len(unit.text) <= 88  # (no visible length of 20 is longer: the cheap test first)
        and labels[index - 1] in ("para", "cont")
        and labels[index + 1] == "para"
        and units[index + 1].kind == "text"
        and visible_length(unit.text) <= 20
        and not ends_sentence(unit.text.rstrip())
        and headline_like(unit.text)
    )


def _briefs_of_a_column(units: list[Line], labels: list[str]) -> None:
    """In a briefs column the model read as one (its header, short or a briefs column's
    own name, the headline, its first brief's title text over its dateline, as
    ``features._briefs_columns`` tells the model), each later title right over a
    dateline is a brief's title too, text of the column, until a kicker, subheadline or
    byline starts a story of its own. The model tells these briefs by their distance from
    the last (a few lines), which column cuts stretch; the e-paper records keep a column
    as one article: under the corpus's columns 219 such titles are its text, 13 the
    headline of a story after it (where the page sets a title apart from its text, as
    e-paper text sets it flush over indented text, the model has seen that, and the title
    ends the column). A briefs column's own name (``环球扫描``,
    :func:`.headlines.is_briefs_header`) the model read as the kicker of the first brief's
    title is the column's headline, that title its text. (Changed in place.)"""
    n = len(units)
    # a header over text the model read as text (a brief's title), or a kicker over a headline
    for header in [
        index
        for index, label in enumerate(labels[: n - 2])
        if (label in ("headline", "column") and labels[index + 1] == "para" and units[index + 1].kind == "text")
        or (label == "kicker" and labels[index + 1] == "headline")
    ]:
        if units[header].kind != "text" or len(units[header].text) > 16:
            continue
        named = is_briefs_header(units[header].text)
        if not named and not column_header(units[header]):
            continue
        if named and labels[header : header + 2] == ["kicker", "headline"] and units[header + 2].kind == "opening":
            labels[header : header + 2] = ["headline", "para"]  # 环球扫描 over its first brief: no kicker
        if labels[header] not in ("headline", "column"):
            continue
        # the first brief's title: one line, or up to three under the column's own name
        # (世卫组织—— / 全球卫生进展失衡…), then its dateline
        reach = 3 if named else 1
        first = header + 1
        while first < n and first - header <= reach and units[first].kind != "opening" and labels[first] == "para":
            first += 1
        if first == header + 1 or first == n or units[first].kind != "opening":
            continue  # no column, or the model did not read it as one
        for index in range(first + 1, n):
            label, unit = labels[index], units[index]
            if label in ("kicker", "subheadline", "column", "byline") or unit.kind == "byline" or label in _PICTURE:
                break
            if label == "headline":
                if index + 1 >= n or units[index + 1].kind != "opening" or visible_length(unit.text) > 40:
                    break
                if unit.indent != units[index + 1].indent:
                    break  # set apart from the text under it (e-paper text: a title flush, text indented)
                labels[index] = "para"


_PICTURE = frozenset({"photo-title", "caption", "credit"})


def _kickers_under_a_picture(units: list[Line], labels: list[str]) -> None:
    """A short title-like line the model read as text, right under a picture's caption or
    credit and right over a headline, is that headline's kicker (``西湖区一小区`` over
    ``电动自行车棚“上新”``): no story's text goes on after a picture to stop there. Of such
    lines of the corpus's gold 40 of 46 are kickers, the rest credits in forms the reader
    does not parse (``…供图``, ``…摄（人民视觉）``), left alone. Over a kicker and a
    headline with no subheadline it heads the stack, the three lines kicker, headline and
    subheadline. (Changed in place.)"""
    n = len(labels)
    for index in [index for index in range(1, n - 1) if labels[index - 1] in _PICTURE and labels[index] == "para"]:
        # over a kicker and headline with no subheadline: the three lines are one stack
        three = labels[index + 1 : index + 3] == ["kicker", "headline"] and (
            index + 3 >= n or labels[index + 3] not in TITLE_LABELS
        )
        if labels[index + 1] not in ("headline", "column") and not three:
            continue
        unit = units[index]
        text = unit.text.rstrip()
        if unit.kind != "text" or visible_length(text) > 20 or ends_sentence(text) or not headline_like(text):
            continue
        if _CREDIT_END_RE.search(text):
            continue
        labels[index] = "kicker"
        if three:
            labels[index + 1 : index + 3] = ["headline", "subheadline"]


#: How a picture's credit ends (``…摄``, ``…摄（人民视觉）``, ``…供图``).
_CREDIT_END_RE = cre(r"(?:摄|摄影|供图|图)(?:[（(][^（()）]{1,12}[）)])?$")


def _photo_reports_under_captions(units: list[Line], labels: list[str]) -> None:
    """``白元琪 科伊·切阿莫特摄影报道`` right under a picture's caption credits that
    picture (the corpus's gold keeps it as the photo's credit line); over or under a photo
    story's title it is the story's byline. (Made the picture's credit in place.)"""
    for index in [index for index in range(1, len(labels)) if labels[index - 1] == "caption"]:
        unit = units[index]
        if (
            unit.kind == "byline"
            and labels[index] in ("byline", "para", "cont")
            and unit.text.rstrip().endswith("摄影报道")
        ):
            labels[index] = "credit"


def _bylines_over_titles(units: list[Line], labels: list[str]) -> None:
    """An author's line signed with slashes (``文/记者 张明 图/记者 李华``,
    :func:`.people.slash_signed`) that the model took for text, under a story's text and
    right over a title, is the byline of the story under it: a story's closing byline sits
    in brackets (``（本报记者 X采访整理）``, 218 such lines over a title in the corpus's
    gold, all the story's text) or ends in ``报道``, and none of the gold's author lines
    between a story's text and a title is signed so. (Changed in place.)"""
    for index, unit in enumerate(units[:-1]):
        if unit.kind != "byline" or labels[index] not in ("para", "cont") or not slash_signed(unit.text):
            continue
        if labels[index + 1] in TITLE_LABELS and (index == 0 or labels[index - 1] not in TITLE_LABELS):
            labels[index] = "byline"


def _titles_under_a_leading_byline(units: list[Line], labels: list[str]) -> None:
    """A byline signed with slashes (:func:`.people.slash_signed`) with no title over it
    (the page's first line, or right under a story's text or a picture) over a short line
    the model read as text, with text under that: print set the author over the title (a photo story's ``文/记者 张明 图/记者 李华`` over
    ``湘湖花海迎来最佳观赏期``), and that line is the story's headline. (Changed in place.)"""
    for index in [index for index, label in enumerate(labels[:-2]) if label == "byline"]:
        if index and labels[index - 1] in TITLE_LABELS:
            continue
        if not slash_signed(units[index].text):
            continue
        title = units[index + 1]
        if labels[index + 1] not in ("para", "cont") or labels[index + 2] not in ("para", "cont"):
            continue
        if title.kind != "text" or ends_sentence(title.text) or not headline_like(title.text, max_length=24):
            continue
        if visible_length(title.text) < visible_length(units[index + 2].text):
            labels[index + 1] = "headline"


def _columns_over_stories(units: list[Line], labels: list[str]) -> None:
    """Each :func:`_column_over_a_story` the model read otherwise: the column, the title
    under it the headline, an author's line under that the byline. (Changed in place.)"""
    for index in [index for index in range(len(units) - 2) if len(units[index].text) <= 20]:
        if (
            labels[index] in ("para", "cont", "subhead", "other")
            or (labels[index] == "headline" and labels[index + 1] == "subheadline")
        ) and _column_over_a_story(units, index):
            labels[index] = "column"
            if labels[index + 1] not in TITLE_LABELS:
                labels[index + 1] = "headline"
            if units[index + 2].kind == "text":
                labels[index + 2] = "byline"


def _column_over_a_story(units: list[Line], index: int) -> bool:
    """A column's name (``■新华时评``, ``【人民论坛】``, or bare, a column's own word:
    ``人民时评``) over a title and the story's author or dateline (``让“烟火气”回归城市`` /
    ``郭 敬``): the column heads a new story. The model, which saw ornamented lines mostly as
    a story's subheads and a column's name mostly in brackets after its title (the e-paper
    records' way: ``…（人民时评）``), took the three lines for the story above's subheads
    or for furniture. (On the corpus's test pages: People's Daily structure +0.001, one
    headline fewer, where an e-paper record's title is the column's name, ``纵横``.)"""
    unit, title, after = units[index], units[index + 1], units[index + 2]
    text = unit.text.strip()
    if unit.kind != "text" or len(text) > 20:  # (most lines: before any work on the line)
        return False
    if text[:1] not in ORNAMENTS and text[-1:] not in ORNAMENTS:
        if len(text) > 7 or not fold(text).endswith(COLUMN_WORDS):
            return False  # bare: only a column's own word (人民时评, 纵横), not any short line
    elif not is_column_tag(strip_ornaments(text)):
        return False
    if is_box_label(unit.text):
        return False
    if is_collective_column(unit.text):
        return False  # a briefs column: its own reading (segmenter.split_briefs)
    if (
        index
        and units[index - 1].kind in ("text", "opening")
        and not ends_paragraph(units[index - 1].text)
        and not ends_with_end_mark(units[index - 1].text)
    ):
        return False  # inside a paragraph a column break cut
    if title.kind != "text" or ends_sentence(title.text.rstrip()) or not headline_like(title.text, max_length=30):
        return False
    if after.kind in ("opening", "byline"):
        return True
    return after.kind == "text" and visible_length(after.text) <= 20 and is_author_line(after.text)
