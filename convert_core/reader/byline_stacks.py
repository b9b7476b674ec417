"""Title stacks over a byline, once the role model has read a page: three title lines over
a byline, a stack over a city paper's bare reporters' line, a title over a byline where no
package goes on, none of a package in a dispatch, a dispatch's lone title, a title that
asks or exclaims over a byline. Each is a named rule about how newspapers print a story's
stack; :func:`.roles.page_roles` asks them with the other story borders
(:mod:`.story_starts`). Each changes the labels in place."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .headlines import is_column_tag
from .story_lines import bare_names, closes_a_paragraph, more_parts, opens_a_paragraph, stack_roles, title_like
from .text import BULLETS, cre, ends_paragraph

if TYPE_CHECKING:
    from .lines import Line
    from .stack_words import StackModel


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
            and not more_parts(units, labels, index + 2)
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
            and not more_parts(units, labels, index + 3)
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
    A column's tag over the stack is its column; the stack's roles by :func:`.story_lines.stack_roles`.
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
            (labels[top - 1] in ("para", "cont") and closes_a_paragraph(above.text.rstrip()))
            or labels[top - 1] == "credit"
            or (labels[top - 1] == "caption" and above.kind == "caption-credit")  # (园区内一角。 快报记者 陈晨 摄)
        ):
            continue
        column = ["column"] if tag else []
        first = top + len(column)
        labels[top:index] = column + stack_roles(units, first, index - first, stack_model)
        labels[index] = "byline"


#: The longest title asking a question (``怎么破？``) :func:`_question_title` takes.
_QUESTION_TITLE_MAX = 16


def _question_title(unit: Line) -> bool:
    """A short title line that asks or exclaims (``老小区停车难`` / ``怎么破？``, ``真的来了！``):
    it ends as a sentence does, so :func:`.story_lines.title_like` refuses it, but it holds no clause."""
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
    roles as :func:`.story_lines.stack_roles` gives them. (Changed in place.)"""
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
    story's first paragraph does (``4月29日,河北雄安新…``, ``近日，``: :func:`.story_lines.opens_a_paragraph`).
    A dispatch is one reporter's short story; when it has subheads it has several, and a
    single title between a paragraph's end and a dated first sentence is the next story's (a
    picture story printed with a title and one paragraph, ``双层观光巴士亮相雄安新区``, or a
    story whose dateline the paper left out). On the corpus's training pages (People's Daily,
    extracted) a probe found 10 such single title lines in a dated story, all headlines of the
    gold; over a paragraph that opens otherwise, 11 of 38 were a paragraph's first words a
    column break cut (``作为国家`` / ``深海科技的…``), and in dispatches with three title lines
    or more 44 of 52 were subheads: both left. As written the rule heads 13 stories on those
    pages, all the gold's (one over its writers' names, :func:`.story_lines.bare_names`, made its
    byline). The stack's roles as :func:`.story_lines.stack_roles` gives them. (Changed in place.)"""
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
                labels[top:line] = stack_roles(units, top, line - top, stack_model)
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
    :func:`.story_lines.stack_roles` gives them. (Changed in place.)"""
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
    labels[top:index] = stack_roles(units, top, index - top, stack_model)
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
