"""What the rules of story borders (:mod:`.story_starts`, :mod:`.pictures_between_stories`,
:mod:`.signatures`, :mod:`.byline_stacks`) ask of a line or of the lines around it: whether
a line reads as a title, names alone, a paragraph's opening or a writer's name and
affiliation, whether a paragraph closes on it; the roles a stack of title lines takes, and
whether a package's parts go on under a piece."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .alignment import TITLE_LABELS
from .features import is_author_line
from .print_patterns import NEWS_WHEN
from .text import both_scripts, cre, ends_paragraph, is_cjk, strip_closers

if TYPE_CHECKING:
    from .lines import Line
    from .stack_words import StackModel


#: The longest line :func:`title_like` takes for a title.
TITLE_LIKE_MAX = 40


def closes_a_paragraph(text: str) -> bool:
    """A paragraph's end, or a full stop and a bracketed note after it (``…高教园区。（快报记者
    陈晨 通讯员 李华）``: a city paper's story signed at its end, :func:`ends_in_full_stop`)."""
    return ends_paragraph(text) or ends_in_full_stop(text)


def stack_roles(units: list[Line], top: int, run: int, stack_model: StackModel | None) -> list[str]:
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


def more_parts(
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
        unit.kind == "text" and 0 < len(text) <= TITLE_LIKE_MAX and text[-1] not in "，,、" and not ends_paragraph(text)
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


#: The offices an official signs with, before the name (``…中央组织部部长  石泰峰``).
_SIGNING_OFFICES = (
    "书记|主任|主席|部长|院长|校长|局长|厅长|委员|教授|研究员|会长|理事长|社长|总编辑|董事长|省长|市长|县长"
)
#: A piece's signature under its title (a lower title line with no dash, quote, book title or
#: comma): an office and then, spaced apart, a name (``中央政治局委员、中央书记处书记、中央组织部部长
#: 石泰峰``), or an institution alone (``中国航天科技集团有限公司党组``,
#: ``…思想研究中心``, ``创新驱动国家高质量发展课题组``).
_SIGNATURE_LINE_RE = cre(
    rf"^[^—\u2015“”《》，,。]{{4,}}(?:{_SIGNING_OFFICES})(?:[（(][^（()）]{{1,8}}[）)])?\s+(?:[\u4e00-\u9fff]\s?){{1,2}}[\u4e00-\u9fff]$"
    r"|^[^—\u2015“”《》，,。\s]{4,}(?:党组|研究中心|课题组|中心组|编辑部|研究院|委员会|党委)$"
)


def signature_line(unit: Line) -> bool:
    """A piece's signature (:data:`_SIGNATURE_LINE_RE`): under a title it is the author's line,
    no title. On the corpus's gold 61 lines of this form sign a piece (People's Daily's signed
    commentaries, Study Times' theory pages) and none is a title under another title (one
    institution alone is a kicker, over its headline; one headline stands alone); the model
    at times read the signature as the headline and the title over it as a kicker."""
    return unit.kind == "text" and len(unit.text) <= 60 and _SIGNATURE_LINE_RE.match(unit.text.strip()) is not None


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
