"""Headline stacks: which line is the column tag, kicker (引题), headline (主题) and
subheadline (副题).

Chinese papers stack up to three title lines over a story. The reader finds the stack
(short lines without clause punctuation above the story's first line) and this module
gives each line its role from general conventions:

* a series or column tag (``国际时评``, ``今日谈``, ``走进新时代·基层见闻``, ``【聚焦】``) opens a stack;
* a line that starts with a dash (``——基层蹲点见闻④``) is a subheadline;
* a line that ends with a dash or a colon (``张三：``) is a kicker;
* of two plain lines, parallel phrases (``把初心落在行动上 把使命担在肩膀上``) mark a kicker;
  a first line much shorter than the second is a kicker (``寒潮来袭``); otherwise the first
  line is the headline and the second its subheadline;
* three lines are kicker, headline and subheadline.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..regex_cache import regex
from .text import (
    BULLETS,
    CLAUSE_MARKS,
    HAN,
    HAN_RE,
    SENTENCE_END,
    cre,
    ends_sentence,
    fold,
    has_cjk,
    join_glue,
    visible_length,
)

#: The words a column's name ends in (``新华时评``, ``人民论坛``; no person's name ends in one).
COLUMN_WORDS = (
    "时评",
    "短评",
    "快评",
    "评论",
    "论坛",
    "观察",
    "视点",
    "聚焦",
    "速递",
    "快讯",
    "简讯",
    "短讯",
    "今日谈",
    "纵横",
    "随笔",
    "散文",
    "诗歌",
    "诗词",
    "小说",
    "杂文",
    "书评",
    "游记",
    "杂谈",
    "漫谈",
    "笔谈",
    "一线",
    "见闻",
    "纪事",
    "新语",
    "话题",
    "热点",
    "声音",
    "人物",
    "专栏",
    "特稿",
    "特写",
    "关注",
    "深读",
    "调查",
    "访谈",
    "专访",
    "茶座",
    "评弹",
    "札记",
    "走笔",
    "手记",
    "说法",
    "说案",
    "释法",
    "问答",
    "故事",
    "简报",
    "动态",
    "资讯",
    "要闻",
    "图说",
    "热评",
    "微评",
    "锐评",
    "社论",
    "来论",
    "微观",
    "本报评论员",
    "编辑部文章",
    "盘点",
    "巡礼",
    "回眸",
    "专题",
    "特刊",
    "纪实",
    "述评",
    "法眼",
    "来信",
    "追踪",
    "回音",
    "回音壁",
    "之声",
    "心声",
    "留言",
    "分析",
    "解读",
    "综述",
    "侧记",
    "透视",
    "焦点",
    "直击",
)
_NUMBERED_SUBHEAD_RE = cre(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)|"
    r"第[一二三四五六七八九十\d]{1,3}(?:[，,、：:]|是|部分|章|节|篇)|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_PARALLEL_RE = cre("^[^\\s]{2,}[\\s\u3000]+[^\\s]{2,}$")
_BRACKET_TAG_RE = cre(r"^[【\[〖「『<《].{1,12}[】\]〗」』>》]$")


@dataclass
class Stack:
    """The roles given to the lines of a headline stack."""

    headline: str
    kicker: str | None = None
    subheadline: str | None = None
    column: str | None = None
    #: ``True`` when two roles were close and the reader guessed
    guessed: bool = False


#: Tag brackets and bullets (not the middle dot, which joins a series name: 走进新时代·).
_BULLET_ORNAMENTS = BULLETS.replace("·", "")
_TAG_BRACKETS = (("【", "】"), ("〖", "〗"), ("[", "]"))
ORNAMENTS = "".join(left + right for left, right in _TAG_BRACKETS) + _BULLET_ORNAMENTS


def strip_ornaments(text: str) -> str:
    """A tag without its decoration: ``【聚焦两会】`` -> ``聚焦两会``, ``■简讯`` -> ``简讯``.

    Ornaments (tag brackets and bullets) of a column tag or a box label are the only input
    characters the reader drops; they are typography, not text. (A subhead inside a story
    keeps them as printed, as the papers' own records do.) A bracket whose pair stays inside is kept
    (``【关键词】自带杯`` keeps its label's brackets: only a bullet before it would go)."""
    stripped = text.strip(ORNAMENTS + " ") or text
    if (  # (the pairs of _TAG_BRACKETS written out: a generator cost more than the counts)
        stripped.count("【") != stripped.count("】")
        or stripped.count("〖") != stripped.count("〗")
        or stripped.count("[") != stripped.count("]")
    ):
        return text.strip(_BULLET_ORNAMENTS + " ") or text
    return stripped


#: The words a briefs column is headed by (also: no person's name ends in one).
BRIEFS_WORDS = (
    "简讯",
    "快讯",
    "短讯",
    "速递",
    "新闻速递",
    "简报",
    "要闻简报",
    "速览",
    "新闻速览",
    "资讯",
    "动态",
    "一句话新闻",
    "新闻集锦",
    "要闻集锦",
    "综合新闻",
    "本地新闻",
    "社区动态",
    "信息快递",
    "新闻快递",
    "消息树",
    "扫描",  # 环球扫描, 新闻扫描
    "速读",
    "集萃",
    "播报",
)


_LETTERS_WORDS = ("读者来信", "来信", "群众来信", "网友留言", "读者之声", "百姓心声", "民声", "来信选登", "读者信箱")


def is_collective_column(text: str) -> bool:
    """A column that heads several short items in a row: briefs, readers' letters."""
    return len(text) <= 16 and (is_briefs_header(text) or fold(strip_ornaments(text)) in _LETTERS_WORDS)


def is_briefs_header(text: str) -> bool:
    """The header of a briefs column: ``简讯``, ``快讯``, ``【新闻速递】``..."""
    if len(text) > 16:  # (most lines: before the ornaments are looked at)
        return False
    core = strip_ornaments(text)
    if len(core) > 8:  # longer than every briefs word (folding keeps the length)
        return False
    core = fold(core)
    return core in BRIEFS_WORDS or core.endswith(BRIEFS_WORDS)


def is_numbered_subhead(text: str) -> bool:
    """``一、``, ``（二）``, ``3.``, ``第一，``, ``①``: a numbered subheading or list item."""
    return _NUMBERED_SUBHEAD_RE.match(text) is not None


def is_column_tag(text: str) -> bool:
    """A column or series tag: short, bracketed, with a middle dot, or a known column word."""
    length = visible_length(text)
    if length > 14 or not HAN_RE.search(text):
        return False
    if _BRACKET_TAG_RE.match(text):
        return True
    if "·" in text and length <= 14 and " " not in text:
        return True
    return length <= 7 and fold(text).endswith(COLUMN_WORDS)


def is_parallel(text: str) -> bool:
    """Two or more phrases side by side, split by a space (``手机扫一下 定位就明确``)."""
    if text.split(None, 1) == [text]:
        return False  # no whitespace at all (most lines): neither test can hold
    return _PARALLEL_RE.match(text) is not None or text.count(" ") >= 2


_NO_TITLE_END = CLAUSE_MARKS + "、"  # a headline line never ends with one of these


def headline_like(text: str, *, max_length: float = 42, length: float | None = None) -> bool:
    """Whether ``text`` can be a line of a headline stack: short, not ending with clause
    punctuation, no full stop inside (``length``: its :func:`.text.visible_length`, when
    the caller has it)."""
    if length is None:
        # a prefix's length never exceeds the whole's, and whitespace comes squeezed (at
        # most every other character): a long paragraph is refused without measuring all
        prefix = text[: int(4 * max_length) + 8]
        if len(prefix) < len(text) and visible_length(prefix) > max_length:
            return False
        length = visible_length(text)
    if length < 2 or length > max_length:
        return False
    if text[-1] in _NO_TITLE_END:
        return False
    if text.find("。", 0, -1) != -1:  # (a 。 before the last character, no copy of the line)
        return False
    if text.count("，") + text.count(",") + text.count("；") + text.count(";") > 2:
        return False
    if text[-1] in SENTENCE_END and length > 30:
        return False
    if text[-1] == "." and len(text.split()) >= 6 and ends_sentence(text) and not _in_capitals(text):
        return False  # an English sentence: The owners said the mill would be rebuilt.
    return bool(HAN_RE.search(text)) or text[:1].isalpha()


def has_clause_marks(text: str) -> bool:
    """Whether ``text`` holds a comma or semicolon (headlines rarely do, sentences do)."""
    return "，" in text or "," in text or "；" in text or ";" in text


# a headline that opens with its subject: a place or an institution
_SUBJECT_RE = cre(
    rf"^{HAN}{{0,6}}?(?:省|市|区|县|州|镇|乡|村|街道|社区|局|院|委|部|厅|署|中心|公司|集团|学校|大学|医院|政府)"
    rf"(?!{HAN}?[的])"
)


_DIGIT_RE = regex(r"\d")
_FIGURE_RE = regex(r"\d+(?:\.\d+)?\s*[%％]|\d+\.\d+")
_QUANTITY_RE = regex(rf"^[\d.,，%％]+\s*{HAN}{{0,4}}$")


#: Marks after which a title line is complete (no wrap), and dashes that open a subheadline.
#: (``\u2015``: the horizontal bar, the dash as GB2312's standard table decodes it.)
_TITLE_END_MARKS = "，,：:；;。！？!?—\u2015"
_DASHES = ("——", "—", "──", "－－", "\u2015")


def _wrapped(line: str, following: str) -> bool:
    """Whether ``following`` is the end of ``line`` wrapped onto a new line: very short,
    no dash, no space, and ``line`` ends with no mark."""
    return (
        visible_length(following) <= 7
        and not following.startswith(_DASHES)
        and " " not in following
        and " " not in line
        and line[-1:] not in _TITLE_END_MARKS
    )


def is_title_wrap(line: str, following: str) -> bool:
    """Whether ``following``, printed under ``line`` with no blank line between them in
    PDF text, goes on the same title: ``line`` ends with no mark that closes a title and
    ``following`` does not open a subheadline with a dash."""
    return line[-1:] not in _TITLE_END_MARKS and not following.startswith(_DASHES)


def _join_blocks(lines: list[str], gaps: list[bool]) -> list[str]:
    """The blocks of a stack printed with blank lines between them (``gaps[i]``: a blank
    line before ``lines[i]``): lines with no blank between are one title wrapped, even in
    the middle of a word (``…社区菜`` / ``市场和…``)."""
    blocks: list[str] = []
    for index, (line, gap) in enumerate(zip(lines, gaps, strict=True)):
        if index and not gap and is_title_wrap(blocks[-1], line):
            blocks[-1] += join_glue(blocks[-1], line) + line
        else:
            blocks.append(line)
    return blocks


def _kicker_score(first: str, second: str) -> float:
    score = 0.0
    if first.endswith(("——", "—", "：", ":", "──", "\u2015")):
        score += 3
    if is_parallel(first) and not is_parallel(second) and not _FIGURE_RE.search(first):
        score += 2  # a slogan; 创业板指大涨2.16% is news, not a slogan
    if visible_length(first) <= 0.7 * visible_length(second):
        score += 1.5  # a much shorter line above the headline: 清明假期 / 全市A级景区接待游客48.6万人次
    if visible_length(first) + 2 <= visible_length(second):
        score += 0.5
    if _SUBJECT_RE.match(second) and not _SUBJECT_RE.match(first):
        score += 0.5  # the second line names who did it: 高新区规上工业企业复工率达100%
    return score


def _subheadline_score(first: str, second: str) -> float:
    score = 0.0
    if second.startswith(_DASHES):
        score += 3
    if visible_length(second) <= 0.7 * visible_length(first):
        score += 1  # a much shorter line under the headline
    if is_parallel(second) and not is_parallel(first):
        score += 0.5
    if _DIGIT_RE.search(second) and not _DIGIT_RE.search(first):
        score += 0.5  # a figure under the headline: 今年已发放惠农贷款3.2亿元
    if has_clause_marks(second) and not has_clause_marks(first):
        score += 1  # a sentence under the headline: 两市成交额1.52万亿元，连续12个交易日突破万亿元
    if _SUBJECT_RE.match(first) and not _SUBJECT_RE.match(second):
        score += 0.5  # the first line names who did it: 卫东区全面开展巡察整改“清零”行动
    return score


def _in_capitals(text: str) -> bool:
    """A Latin-script line set in capitals (four letters or more, none lower case)."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and all(char.isupper() for char in letters)


def latin_decks(lines: list[str]) -> Stack | None:
    """An English-language headline with decks: the head in capitals on top, then decks
    (``SENATE PASSES THE HARBOR BILL`` / ``MEASURE CARRIED BY FORTY TO TWENTY`` /
    ``Long Debate Ends in Victory``): the first line is the headline, the decks below its
    subheadline. ``None`` for any other stack, and for a short word in capitals over a
    longer line in lower case (``CITY NEWS`` / ``Council Agrees to…``: a kicker)."""
    if len(lines) < 2 or any(map(has_cjk, lines)) or not _in_capitals(lines[0]):
        return None
    if len(lines[0].split()) <= 3 and not _in_capitals(lines[1]):
        return None  # a kicker in capitals: the headline follows in lower case
    return Stack(headline=lines[0], subheadline=" ".join(lines[1:]))


def assign_roles(lines: list[str], main: int | None = None, *, gaps: list[bool] | None = None) -> Stack:
    """Give the lines of a headline stack their roles (see the module docstring).

    ``main`` is the index of a line known to be the headline (an e-paper page title
    that carried the ``_报名`` suffix): lines above it are the kicker (and column tag),
    lines below the subheadline. ``gaps`` (PDF text, whose blocks blank lines separate):
    whether a blank line comes before each line; lines with none between are one wrapped
    title, and separate blocks are never joined as one."""
    blocks = gaps is not None and main is None
    if gaps is not None and main is None:
        lines = _join_blocks(lines, gaps)
    if main is not None and 0 <= main < len(lines) and all(lines):
        above, below = lines[:main], lines[main + 1 :]
        column = None
        if len(above) >= 2 and is_column_tag(above[0]):
            column, above = strip_ornaments(above[0]), above[1:]
        elif len(above) == 1 and is_column_tag(above[0]) and not is_parallel(above[0]):
            column, above = strip_ornaments(above[0]), []
        return Stack(
            headline=lines[main],
            kicker=" ".join(above) or None,
            subheadline=" ".join(below) or None,
            column=column,
        )
    lines = [line for line in lines if line]
    decks = latin_decks(lines)
    if decks is not None:
        return decks
    column = None
    if len(lines) >= 2 and is_column_tag(lines[0]) and not lines[1].startswith(("——", "—", "\u2015")):
        column, lines = strip_ornaments(lines[0]), lines[1:]
    if not lines:
        return Stack(headline=column or "", column=None)
    # a headline wrapped before a bare figure: 端午假期全市接待游客 / 126.5万人次
    while (
        not blocks
        and len(lines) >= 2
        and _QUANTITY_RE.match(lines[-1])
        and not lines[-2].endswith(("——", "：", ":", "\u2015\u2015"))
    ):
        lines = [*lines[:-2], lines[-2] + lines[-1]]
    if len(lines) == 1:
        return Stack(headline=lines[0], column=column)
    # a dash line and every line after it is the subheadline
    for index in range(1, len(lines)):
        if lines[index].startswith(_DASHES):
            head, sub = lines[:index], " ".join(lines[index:])
            if not blocks and len(head) >= 3 and _wrapped(head[-2], head[-1]):
                head = [*head[:-2], head[-2] + head[-1]]
            if len(head) == 1:
                return Stack(headline=head[0], subheadline=sub, column=column)
            return Stack(kicker=" ".join(head[:-1]), headline=head[-1], subheadline=sub, column=column)
    if len(lines) >= 3:
        if not blocks and len(lines) == 3 and _wrapped(lines[1], lines[2]):
            # 稳中向好 稳中提质 / 西凉市一季度主要经济指标 / 实现“开门红”: a headline on two lines
            return Stack(kicker=lines[0], headline=lines[1] + lines[2], column=column)
        return Stack(kicker=lines[0], headline=lines[1], subheadline=" ".join(lines[2:]), column=column)
    first, second = lines
    kicker = _kicker_score(first, second)
    sub = _subheadline_score(first, second)
    guessed = abs(kicker - sub) < 1
    if kicker > sub:
        return Stack(kicker=first, headline=second, column=column, guessed=guessed)
    return Stack(headline=first, subheadline=second, column=column, guessed=guessed)
