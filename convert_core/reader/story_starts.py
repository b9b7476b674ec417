"""Where stories start and end around their titles and bylines, once the role model has read
a page: corrections of its labels that the model, which learned People's Daily's pages,
cannot make on other papers' pages (a title under a story's closing line, a kicker set
apart over a headline, a briefs column of one brief, a story continued from another page),
each a named rule about how newspapers print. The rules of other borders live by topic:
pictures between stories (:mod:`.pictures_between_stories`), signed pieces
(:mod:`.signatures`), title stacks over a byline (:mod:`.byline_stacks`), and what they all
ask of a line (:mod:`.story_lines`). :func:`.roles.page_roles` asks them in order; each
changes the labels in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alignment import PHOTO_LABELS, TITLE_LABELS
from .datelines import parse_closing, signs_the_story, split_opening
from .headlines import is_briefs_header, is_column_tag, strip_ornaments
from .signatures import SIGN_OFF_RE
from .story_lines import closes_a_paragraph, stack_roles, title_like
from .text import cre, ends_paragraph, ends_with_end_mark

if TYPE_CHECKING:
    from .lines import Line
    from .stack_words import StackModel


def titles_opening_stories(units: list[Line], labels: list[str]) -> None:
    """Make a headline of a title the model read into the body of a story when what is
    printed around it tells a story ended or starts there: the title stands right under a
    line that closes the story above — a dateline in brackets (``（新华社北京5月20日电）``,
    :func:`_closing_dateline`, or one with its reporters, or a group's or a drafter's
    signature in brackets, :func:`.datelines.signs_the_story`) or a piece's signature
    (``徐 之文``, :data:`.signatures.SIGN_OFF_RE`) —
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
    are read so. Over a two-line stack over the story's opening it is the top of a three-line
    stack, the kicker over the headline and the subheadline (``…向吉林、黑龙江派出工作组`` /
    ``会同…调拨1.1万件中央救灾物资`` / ``水利部和中国气象局联合发布…预警``)."""
    for index in range(1, len(labels) - 2):
        if not (
            labels[index] == "para"
            and labels[index + 1] in ("headline", "kicker")
            and labels[index - 1] in ("para", "cont")
            and units[index].blank_before
            and units[index + 1].blank_before
            and title_like(units[index])
            and not any(mark in units[index].text for mark in "。！？!?：:@")
            and closes_a_paragraph(units[index - 1].text.rstrip())
        ):
            continue
        if labels[index + 1] == "headline" and _opens_a_story(units[index + 2]):
            if stack_model is not None and stack_model.kicker_odds(units[index].text, units[index + 1].text) < 0:
                labels[index], labels[index + 1] = "headline", "subheadline"
            else:
                labels[index] = "kicker"
        elif (
            index + 3 < len(labels)
            and (labels[index + 1], labels[index + 2]) in (("kicker", "headline"), ("headline", "subheadline"))
            and not units[index].text.startswith(_NOTE_BRACKETS)  # (〔作者系…（行: an author's note cut)
            and units[index + 2].blank_before
            and _opens_a_story(units[index + 3])
        ):
            labels[index : index + 3] = ["kicker", "headline", "subheadline"]  # the top of a three-line stack


#: Brackets an author's note or a story's closing line opens with, never a title's first line.
_NOTE_BRACKETS = ("〔", "（", "(", "【", "[")


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


def stories_after_a_jump(units: list[Line], labels: list[str], stack_model: StackModel | None) -> None:
    """A story that jumps to another page (``…重点工程。（下转A05）``) goes on there, not under
    its jump: one to three title lines the model left in it after the jump (``相关新闻`` /
    ``湖滨步行街周末将延长营业`` / ``快报讯（记者 陈晨）…``) head the next story, whatever opens
    it (a dateline, a byline, its text). Stack roles by :func:`.story_lines.stack_roles`; the line under
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
        labels[top:end] = stack_roles(units, top, end - top, stack_model)
        labels[end] = "byline" if units[end].kind == "byline" else "para"


def _closing_dateline(unit: Line) -> bool:
    """A dateline alone in brackets, closing its story: ``（新华社北京5月20日电）``,
    ``（据新华社电）``, ``（本报柏林7月26日电）`` (no reporter, no note)."""
    text = unit.text.strip()
    if not (text[:1] in "（(" and text[-1:] in "）)" and "电" in text):
        return False
    closing = parse_closing(text)
    return closing is not None and closing.dateline is not None and not closing.bylines and closing.note is None


#: China's provinces, regions and municipalities by their short names, as a regional
#: feature's title opens with one (``重庆奉节 …``, ``陕西汉中 …``, ``云南 …``).
_PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
)
#: A place's name set apart at a title's head: a province's short name and a city or county
#: run on (``重庆奉节``, ``“中国林都”黑龙江伊春``), or a city's district or county
#: (``南京市溧水区``, ``泰州市靖江市``).
_PLACE_HEAD_RE = cre(
    rf"^(?:“[^”]{{1,8}}”)?(?:(?:{'|'.join(_PROVINCES)})[\u4e00-\u9fff]{{0,6}}"
    r"|[\u4e00-\u9fff]{2,4}[市州盟][\u4e00-\u9fff]{1,4}[区县市旗])$"
)


def regional_feature_titles(units: list[Line], labels: list[str]) -> None:
    """A title line that opens with a place's name set apart by a space (``重庆奉节
    小眼镜撑起大产业，…``, ``南京市溧水区 完善为企服务体系 构筑良好营商环境``:
    :func:`_place_led_title`), under a paragraph's end and over a paragraph, heads a story: a
    regional feature, as special pages title them, with no byline or dateline. The model read
    such a title as a subhead of the story above; a feature's own subheads do not name the
    place again (``聚链成势 打造世界级装备制造产业集群``). On the corpus's training pages
    (People's Daily, extracted) 18 of the 19 lines so printed are headlines of the gold, 6 of
    them left in a story by the model (5 under a paragraph's end over text: the rule turns
    those, and nothing else); the 19th is a paper's reporters' line (``内蒙古日报记者 马 芳 …``),
    and a place over a person's name (``新疆和田市 热则耶·吐逊托合提``) is an author's line: both
    refused. (Changed in place.)"""
    for index in range(1, len(units) - 1):
        if (
            labels[index] in ("para", "subhead")
            and labels[index - 1] in ("para", "cont")
            and labels[index + 1] in ("para", "cont")
            and units[index + 1].kind == "text"
            and " " in units[index].text  # (its first test, without a call for each line)
            and _place_led_title(units[index])
            and ends_paragraph(units[index - 1].text.rstrip())
            and not title_like(units[index + 1])
        ):
            labels[index], labels[index + 1] = "headline", "para"


def _place_led_title(unit: Line) -> bool:
    """A title line (:func:`.story_lines.title_like`) whose first word, set apart by a space,
    names a place (:data:`_PLACE_HEAD_RE`), not a paper's reporters (``内蒙古日报记者``), and
    whose rest is no person's name (``热则耶·吐逊托合提``)."""
    if unit.kind != "text" or not title_like(unit):
        return False
    head, _, rest = unit.text.strip().partition(" ")
    rest = rest.strip()
    if len(rest) < 4 or _PLACE_HEAD_RE.match(head) is None or head.endswith(("记者", "通讯员")):
        return False
    return " " in rest or "·" not in rest
