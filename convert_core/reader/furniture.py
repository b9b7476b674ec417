"""Page furniture: lines that belong to the page, not to any article.

Page headers (``2020年4月28日 星期二 第3版``), staff lines (``责任编辑 张三 校对 李四``),
jump lines (``转第2版`` / ``上接第1版``), imprint boxes (``本报地址``, ``邮发代号``),
e-paper navigation (``上一篇``, ``返回主页``) and bare date lines (``2026-04-04``).
"""

from __future__ import annotations

import re

from ..model import Contributor
from ..regex_cache import regex
from .people import parse_people, roles_of, split_label
from .text import HAN, WHITESPACE, any_word, cre, fold, starts_of

_CN_NUM = "一二三四五六七八九十〇零百"
#: A page's number as a pointer or a header prints it before 版: ``3``, ``A3``, ``三``.
PAGE_NO = rf"(?:[A-Za-z]?\s*\d{{1,3}}|[{_CN_NUM}]{{1,3}})"

FULL_DATE_RE = cre(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
ISO_DATE_RE = cre(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
# (written out in both scripts, not by cre: each alternative then starts with a plain
# character, and a search skips to the next 星, 周, 礼 or 禮)
WEEKDAY_RE = regex(r"(?:星期|周|礼拜|禮拜)[一二三四五六日天]")
# 二〇二五年三月四日: a date in Chinese numerals, as some mastheads print it
CHINESE_DATE_RE = cre(
    r"(?P<y>[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


def chinese_date(text: str) -> tuple[int, int, int] | None:
    """``二〇二五年三月四日`` -> ``(2025, 3, 4)``."""
    match = CHINESE_DATE_RE.search(text)
    if not match:
        return None
    year = "".join(_CN_DIGITS.get(char, "") for char in match.group("y"))
    month, day = chinese_number(match.group("m")), chinese_number(match.group("d"))
    if len(year) != 4 or not month or not day:
        return None
    return int(year), int(month), int(day)


PAGE_RE = cre(
    rf"第\s*(?P<page>[A-Za-z]?\s*\d{{1,3}}|[{_CN_NUM}]{{1,3}})\s*版|(?<![\w])(?P<page2>[A-Z]\d{{1,2}})\s*版?(?![\d])"
    rf"|(?<![\w])(?P<page3>\d{{1,3}})\s*版(?=\s*[:：）)]|\s*$|\s+{HAN})"
)
PUBLICATION_RE = cre(
    rf"(?P<pub>{HAN}{{2,10}}?(?:日报|晚报|晨报|早报|都市报|时报|商报|法治报|法制报|青年报|农民报|工人报|经济报|周报|导报|快报|新闻报|电讯))"
)

_NAVIGATION = (
    "上一篇",
    "下一篇",
    "上一期",
    "下一期",
    "上一版",
    "下一版",
    "返回主页",
    "返回首页",
    "返回目录",
    "返回顶部",
    "返回列表",
    "版面导航",
    "标题导航",
    "本版标题",
    "本版导航",
    "往期回顾",
    "放大",
    "缩小",
    "默认",
    "打印",
    "关闭",
    "关闭窗口",
    "打印本页",
    "分享到",
    "字号",
    "手机版",
    "电脑版",
    "收藏",
    "查看原图",
    "PDF版",
    "PDF下载",
    "版面概览",
    "电子版",
    "数字报",
    "报纸首页",
    "返回",
    "更多",
    "新闻搜索",
    "网站首页",
)
_NAVIGATION_RE = cre(
    r"^(?:[\[【<《(（]?\s*(?:"
    + "|".join(map(re.escape, sorted(_NAVIGATION, key=len, reverse=True)))
    + r")\s*[\]】>》)）]?[\s|｜/:：]*)+$"
)
_NAV_PREFIX_RE = cre(r"^(?:上一篇|下一篇|上一版|下一版)\s*[:：]")
_NAVIGATION_STARTS = starts_of(
    _NAVIGATION_RE, WHITESPACE + "(<P[《【上下关分報字往手打报收放数數新更本查标標版电網縮缩网返關電默（"
)
_NAV_PREFIX_STARTS = starts_of(_NAV_PREFIX_RE, "上下")
_JUMP_RE = cre(
    rf"^[（(【\[]?\s*(?:下转|上接|转|接|转下|接上|续)\s*(?:第?\s*(?:[A-Za-z]?\d{{1,3}}|[{_CN_NUM}]{{1,3}})\s*版|[A-Z]\d{{1,2}})"
    rf"[^（()）]{{0,12}}[）)】\]]?$"
)
#: The characters a jump line can start with (its pattern's first characters).
JUMP_STARTS = starts_of(_JUMP_RE, WHITESPACE + "([【上下接續续轉转（")
TRAILING_JUMP_RE = cre(
    rf"[（(【\[]\s*(?:下转|转|转下|接下|转至|转到)\s*(?:第?\s*(?:[A-Za-z]?\d{{1,3}}|[{_CN_NUM}]{{1,3}})\s*版|[A-Z]\d{{1,2}})[^（()）]{{0,12}}[）)】\]]\s*$"
)
LEADING_JUMP_RE = cre(
    rf"^[（(【\[]\s*(?:上接|接|接上|承)\s*(?:第?\s*(?:[A-Za-z]?\d{{1,3}}|[{_CN_NUM}]{{1,3}})\s*版|[A-Z]\d{{1,2}})[^（()）]{{0,12}}[）)】\]]\s*"
)
LEADING_JUMP_STARTS = starts_of(LEADING_JUMP_RE, "(【（[")
_IMPRINT_WORDS = (
    "本报地址",
    "社址",
    "地址",
    "邮政编码",
    "邮编",
    "订价",
    "定价",
    "零售价",
    "每份",
    "月价",
    "年价",
    "邮发代号",
    "国内统一连续出版物号",
    "国内统一刊号",
    "广告经营许可证",
    "广告许可证",
    "印刷",
    "承印",
    "发行",
    "总编室",
    "新闻热线",
    "报料热线",
    "投稿邮箱",
    "电话",
    "传真",
    "E-mail",
    "网址",
    "主管",
    "主办",
    "出版",
    "社长",
    "总编辑",
)
_IMPRINT_RE = regex(any_word(_IMPRINT_WORDS) + r"\s*[:：]?")
# each alternative behind its first character, so that a search skips to where one can start
# (as :func:`.text.any_word` does); a web site's footer: 版权所有 鄂ICP备05001234号
_CN_CODE_RE = cre(
    r"[C邮I版](?:(?<=C)N\s*\d{2}\s*[-－]\s*\d{4}|(?<=邮)发代号\s*[:：]?\s*\d{1,2}\s*[-－]\s*\d{1,3}"
    r"|(?<=I)CP[备證证]\s*\d{6,}|(?<=版)权所有)"
)
_STAFF_LABELS = (
    "责任编辑",
    "本版编辑",
    "责编",
    "编辑",
    "校对",
    "审读",
    "版式设计",
    "版面设计",
    "版面编辑",
    "图片编辑",
    "版式",
    "美编",
    "美术编辑",
    "组版",
    "排版",
    "视觉设计",
    "设计",
    "制图",
    "终审",
    "签发",
    "值班编委",
    "值班主任",
    "主编",
)
_STAFF_RE = regex(r"(?P<label>" + any_word(sorted(_STAFF_LABELS, key=len, reverse=True)) + r")\s*[:：/／]?\s*")
#: The page a staff label is for, before it (``二版责编：``, ``A3版编辑``).
_STAFF_PAGE_RE = cre(r"(?:[一二三四五六七八九十]{1,3}|[A-Z]?\d{1,2})版$")
_STAFF_ROLES = {
    "制图": "graphics",
    "版面设计": "graphics",
    "版式设计": "graphics",
    "版式": "graphics",
    "美编": "graphics",
    "美术编辑": "graphics",
    "视觉设计": "graphics",
    "设计": "graphics",
    "组版": "graphics",
    "排版": "graphics",
}


_MASTHEAD_IMPRINT_RE = cre(
    r"^(?:.{2,16}机关报|今日\s*\d{1,3}\s*版|共\s*\d{1,3}\s*版|总第\s*\d+\s*期|第\s*\d{2,6}\s*期|"
    r"农历.{2,12}|.{2,16}(?:主管|主办|出版)(?:\s+.{2,16}(?:主管|主办|出版))*|"
    # 庚子年四月初六 (the lunar date, 农历 left out), 人民网网址：http://www.people.com.cn, 代号1-1
    r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*闰?[正一二三四五六七八九十冬腊]{1,2}月\s*[初十廿卅二三一四五六七八九]{1,3}日?"
    r"(?:\s+.{2,12})?|.{0,8}网址\s*[:：]\s*\S{4,60}|(?:邮发)?代号\s*[:：]?\s*\d{1,2}\s*[-－]\s*\d{1,4})$"
)
_LATIN_MASTHEAD_RE = cre(r"^[A-Z][A-Z .'&-]{3,40}$")


_HEADER_HINT_RE = cre(r"[\d版报期]")
_DIGIT_START_RE = regex(r"^\s*\d")
_SPACES_RE = regex(r"\s+")
_BARE_PAGE_RE = cre(r"^(?:[A-Z]\d{1,2}|第\s*\d{1,3}\s*版)$")
_BARE_PAGE_STARTS = starts_of(_BARE_PAGE_RE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ第")
#: A paper's name alone (青岚报): a masthead of its own, or the end of a header line.
BARE_PAPER = rf"(?P<pub>{HAN}{{2,8}}(?:报|电讯))"  # 桐江报, 新华每日电讯
_BARE_PAPER_RE = cre(rf"^{BARE_PAPER}$")


#: Words that name a newspaper in an English, French or German title.
_PAPER_WORD_RE = regex(
    r"\b(?:DAILY|TIMES|HERALD|STAR|NEWS|GAZETTE|POST|JOURNAL|TRIBUNE|CHRONICLE|EXAMINER|COURIER|ADVERTISER|"
    r"REGISTER|REPUBLICAN|DEMOCRAT|SUN|EVENING|MORNING|WEEKLY|SENTINEL|MONITOR|RECORD|BULLETIN|PRESS|TELEGRAPH|"
    r"ZEITUNG|BLATT|ANZEIGER|COURRIER|PRESSE|MATIN|SOIR)\b"
)


def masthead_kind(text: str, *, chinese_page: bool = True) -> str | None:
    """The kind of a masthead line at the top of a page (``None`` if it is not one):
    the paper's Latin name (``QINGCHUAN DAILY``) is part of the page header; its
    organ line, page count or issue number (``中共青川市委机关报``, ``今日8版``) are imprint.
    On a page in a Latin script a line in capitals at the top is a headline unless it
    names a paper (``THE EVENING STAR``)."""
    if _BARE_PAPER_RE.match(text):
        return "page-header"
    if _LATIN_MASTHEAD_RE.match(text) and (chinese_page or _PAPER_WORD_RE.search(text)):
        return "page-header"
    if _MASTHEAD_IMPRINT_RE.match(text):
        return "imprint"
    return None


_FONT_SIZE_RE = cre(r"[【\[]?\s*字[号体]\s*[:：]?\s*(?:大\s*中\s*小|[大中小](?:\s+[大中小]){1,2})\s*[】\]]?")


# e-paper: 《启明日报》（ 2025年11月12日 07版）, the paper and edition under each story
#: 《启明日报》（ 2025年11月12日 07版）: the paper and edition under an e-paper story.
EPAPER_FOOTER = r"《\s*[^《》]{2,20}\s*》\s*[（(][^（()）]{4,40}[）)]"
_EPAPER_FOOTER_RE = cre(rf"^{EPAPER_FOOTER}$")
_EPAPER_FOOTER_STARTS = starts_of(_EPAPER_FOOTER_RE, "《")
#: 07版：教育, 14版：星期天夜光杯/上海闲话, 07版：综合·党建: a page number and its section
_BARE_PAGE_SECTION_RE = regex(
    rf"^\d{{1,3}}(?:\s*[/／-]\s*\d{{1,3}})?\s*版\s*[:：|｜·]?\s*{HAN}{{2,8}}(?:\s*[/／·・]\s*{HAN}{{2,8}}){{0,2}}$"
)
_PAGE_SECTION_RE = regex(rf"^[A-Z]\d{{1,2}}\s*[|｜·:：]?\s*{HAN}(?:{HAN}|·){{1,9}}$")
_PAGE_SECTION_STARTS = starts_of(_PAGE_SECTION_RE, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: The section first, then the page's letter and number set apart (``杭州新闻 A06``,
#: ``要闻｜A02``): a city paper's running header.
_SECTION_PAGE_RE = regex(rf"^{HAN}{{2,8}}(?:·{HAN}{{2,8}})?(?:\s*[|｜·]\s*|\s+)[A-Z]\d{{2}}$")
#: A page's letter and number as a word of its own (``A06``, not ``C919`` or ``奥迪A6L``).
_PAGE_CODE_RE = regex(r"(?<![A-Za-z0-9])[A-Z]\d{2}(?![A-Za-z0-9])")
#: What a paper's name ends with (:data:`PUBLICATION_RE`: every one of its names ends in 报).
_PAPER_END = ("报", "報")
_IMPRINT_START_RE = cre(
    r"^(?:投稿邮箱|投稿信箱|本报地址|社址|邮政编码|邮编|订价|定价|零售价|邮发代号|广告经营许可证|承印|印刷)"
)
_DATE_TAIL_RE = cre(r"^(?:来源|作者)[:：].*$")
_PAGE_WORD_RE = cre(rf"第\s*{PAGE_NO}\s*版")
# a story's pointer to another page (相关报道见第二版, 详见第3版, 下转第五版): not the page's header
# (and to a range or a list of pages: 名单（见第五至第七版）, 详见第三、四版)
_PAGE_POINTER_RE = cre(rf"(?:见|转|接)\s*(?:本报)?第\s*{PAGE_NO}(?:\s*(?:至|到|、|和|—|－|-)\s*第?\s*{PAGE_NO})*\s*版")
#: A book's edition after its title (``《新华字典》（第13版）出版座谈会举行``, a headline):
#: a ``第N版`` in brackets after ``》`` with no date is the book's, not the page's number.
_BOOK_EDITION_RE = cre(rf"》\s*[（(]\s*第\s*{PAGE_NO}\s*版\s*[）)]")


_TEASER_RE = cre(r"[（(]\s*(?:第\s*)?(?:[A-Za-z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[）)]$")
_TEASER_ENDS = "）)\n"  # what a teaser's text can end with (the bracket, or a line end after it: ``$``)
_TEASER_HEADER_RE = cre(r"^[【\[]?(?:今日导读|本期导读|要闻导读|导读|今日要目)[】\]]?$")
_TEASER_HEADER_STARTS = starts_of(_TEASER_HEADER_RE, "[【今导導本要")


def is_navigation(text: str) -> bool:
    """E-paper navigation noise (``上一篇``, ``返回主页``, ``【字号 大 中 小】 【打印】``) and
    front-page teasers pointing to other pages (``今日导读``, ``■ 全市经济运行稳中向好 （2版）``)."""
    if len(text) > 80:
        return False
    if (text[:1] in _TEASER_HEADER_STARTS and _TEASER_HEADER_RE.match(text)) or (
        len(text) <= 40 and text[-1:] in _TEASER_ENDS and _TEASER_RE.search(text)
    ):
        return True
    if "字" in text and ("字号" in fold(text) or "字体" in text) and _FONT_SIZE_RE.search(text):
        rest = _FONT_SIZE_RE.sub("", text).strip(" |｜/")
        if not rest or (rest[:1] in _NAVIGATION_STARTS and _NAVIGATION_RE.match(rest)):
            return True
    first = text[:1]
    return bool(
        (first in _NAVIGATION_STARTS and _NAVIGATION_RE.match(text))
        or (first in _NAV_PREFIX_STARTS and _NAV_PREFIX_RE.match(text))
    )


def is_teaser_header(text: str) -> bool:
    """The header of a front page's teaser box: ``导读``, ``今日导读``, ``【要闻导读】``."""
    return _TEASER_HEADER_RE.match(text) is not None


#: A teaser's pointer alone on its line: ``第九版``, ``第9版``, ``详见第3版``, and to a spread,
#: ``第六、七版``, ``第6—7版``.
_POINTER_ALONE_RE = cre(rf"^(?:详见|见|转)?第?\s*{PAGE_NO}(?:\s*[、—－\-至]\s*{PAGE_NO})?\s*版$")


def points_to_page(text: str) -> bool:
    """Whether a line points to another page, as a teaser does: alone (``第九版``) or at its
    end (``全市经济运行稳中向好 （2版）``)."""
    text = text.strip()
    return _POINTER_ALONE_RE.match(text) is not None or (len(text) <= 40 and _TEASER_RE.search(text) is not None)


def is_jump(text: str) -> bool:
    """A jump line: ``（下转第2版）``, ``上接第一版``, ``转A3``."""
    return text[:1] in JUMP_STARTS and _JUMP_RE.match(text) is not None


def parse_staff(text: str) -> list[Contributor] | None:
    """A staff line made only of ``label：name`` pairs (``责任编辑 张三 校对 李四``).

    A label may have a word of one or two characters before it (``美术设计：X``, ``执行主编
    X``, ``二版责编：X``), and is then set off from the names by a colon, a slash or a space:
    run into what follows, it is a word of a sentence a column
    break cut (``在设计审图阶段``, read as the designer ``审图阶段``), not a label."""
    text = text.strip().strip("[]【】〔〕 ")
    first = _STAFF_RE.search(text, 0, 16)
    if first is None or (first.start() > 2 and not _STAFF_PAGE_RE.search(text, 0, first.start())):
        return None
    if first.start() and first.group() == first.group("label") and not _STAFF_PAGE_RE.search(text, 0, first.start()):
        return None  # 在设计审图阶段: a label inside a word, set off by nothing
    matches = list(_STAFF_RE.finditer(text))
    people: list[Contributor] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        names = text[match.end() : end].strip(" |｜/、，,;；")
        names = _STAFF_PAGE_RE.sub("", names).rstrip(" |｜/、，,;；")  # (二版 before the next label)
        if not names:
            continue
        role = _STAFF_ROLES.get(fold(match.group("label")), "editor")
        parsed = parse_people(names, default_role=role)
        if parsed is None:
            return None
        people.extend(parsed)
    return people or None


#: A line of a page's staff block under its editors' line: a short label of its own (``本期统筹``,
#: ``融媒合作``, ``本版摄影``, ``版式设计（人民网）``, none of them a label :func:`parse_staff` knows),
#: then names (:func:`staff_block_people`).
_STAFF_BLOCK_LINE_RE = cre(
    r"^\s*(?P<label>[\u4e00-\u9fff]{2,6}(?P<body>[（(][\u4e00-\u9fff]{1,8}[）)])?)(?P<colon>\s*[:：]\s*|\s+)(?P<names>\S.*)$"
)
#: The roles of the labels :mod:`.people` knows that a staff line may carry (``责编``, ``版式设计``,
#: ``本版摄影``); any other known label (``记者``, ``通讯员``, ``撰稿``) makes the line a byline.
_STAFF_LINE_ROLES = frozenset(("editor", "graphics", "photographer"))
#: The last word of a staff label, for a label set off by a space alone (``本期统筹  张一夫``).
_STAFF_JOB_RE = cre(r"(?:统筹|策划|设计|摄影|制图|合作|美编|校对|监制|排版|视觉|审校)$")
_LABEL_ALONE_RE = cre(r"[\u4e00-\u9fff]{2,6}")
#: Ideographs and the spaces between them, nothing else (``张丹峰  汪哲平``, ``陈 娟  杨笑雨``).
_NAMES_ALONE_RE = cre(r"[\u4e00-\u9fff]+(?:\s+[\u4e00-\u9fff]+)+")


def is_staff_job_label(text: str) -> bool:
    """Whether ``text`` is a staff job's label alone (``版式设计``, ``本期统筹``): its people follow
    on the line under it."""
    stripped = text.strip()
    return _STAFF_JOB_RE.search(stripped) is not None and _LABEL_ALONE_RE.fullmatch(stripped) is not None


def _a_bylines_label(label: str) -> bool:
    """Whether ``label`` is one :mod:`.people` knows for a byline's people (``记者``, ``本报记者``,
    ``通讯员``), not a staff line's (``责编``, ``版式设计``)."""
    known, rest = split_label(label)
    return known is not None and not rest and not _STAFF_LINE_ROLES.issuperset(roles_of(known))


def staff_block_people(text: str, *, under_a_label: bool = False) -> list[Contributor] | None:
    """The people of a labelled line of names (``本期统筹：陈 娟 吴 燕``, ``融媒合作 刘莉莉 娄霄霄``):
    a label of two to six ideographs (a body in brackets after it allowed), a colon or a space,
    then names only. Asked only of the lines of a page's staff block, under the line that names
    its editors (``本版责编：…``), where a label the staff table does not know still labels staff
    (:meth:`.segmenter.Segmenter._in_the_staff_block`). A label a byline has (``记者``,
    ``通讯员``) is not staff's; with a space and no colon, the names must be of two or three
    characters and either two or more or under a label of a staff job (``本期统筹  张一夫``): a
    two-part title (``稳中有进 向新而行``, which a PDF page may set right under its header's
    editors' line) names nobody. A staff job's label alone (``版式设计``) names its people on
    the line under it, a line of two names or more of two or three characters (``张丹峰  汪哲平``):
    both are staff's (the label with nobody, ``[]``; the names only ``under_a_label``: a byline
    of two names under a PDF page's header, ``陈力 颜景琦``, is not). ``None`` for any other line."""
    stripped = text.strip()
    if is_staff_job_label(stripped):
        return []
    if under_a_label and _NAMES_ALONE_RE.fullmatch(stripped):
        names = parse_people(stripped, default_role="editor")
        if len(names or ()) >= 2 and all(p.role == "editor" and 2 <= len(p.name) <= 3 for p in names or ()):
            return names
    match = _STAFF_BLOCK_LINE_RE.match(text)
    if match is None or _a_bylines_label(match.group("label").removesuffix(match.group("body") or "")):
        return None
    people = parse_people(match.group("names"), default_role="editor")
    if not people or any(not 2 <= len(person.name) <= 4 for person in people):
        return None
    if not match.group("colon").strip() and not match.group("body"):
        if any(len(person.name) > 3 for person in people):
            return None
        if len(people) < 2 and not _STAFF_JOB_RE.search(match.group("label")):
            return None
    return people


_NAME_AFTER_STAFF_RE = regex(r"\s*[\u4e00-\u9fff·]{2,4}(?:\s[\u4e00-\u9fff](?=\s|$))?")


def without_staff(text: str) -> str:
    """``text`` without the staff labels and the names after them (a page header that
    names its editors: ``2020年4月28日 星期二 责任编辑 周八 版面设计 吴九 A07`` ->
    ``2020年4月28日 星期二 A07``), so that no editor's name is read as the page's section."""
    matches = list(_STAFF_RE.finditer(text))
    if not matches:
        return text
    kept, start = [], 0
    for index, match in enumerate(matches):
        kept.append(text[start : match.start()])
        if index + 1 < len(matches):
            start = matches[index + 1].start()
        else:
            names = _NAME_AFTER_STAFF_RE.match(text, match.end())
            start = names.end() if names else match.end()
    kept.append(text[start:])
    return " ".join(" ".join(kept).split())


#: The desk's e-mail address alone on a line (``E-mail:pdsrb@163.com``), at a page's foot.
_EMAIL_LINE_RE = cre(r"^\s*(?:E-?mail|EMAIL|电子邮箱|邮箱)\s*[:：]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
_EMAIL_LINE_STARTS = starts_of(_EMAIL_LINE_RE, WHITESPACE + "E电邮郵電")


def is_imprint(text: str, words: bool = True) -> bool:
    """A line of the imprint box (address, price, postal code, licence numbers, the
    desk's e-mail address). ``words``: whether the page's lines hold an imprint's word or
    code at all (:func:`short_lines_hold`); where none does, only the e-mail line is asked."""
    if not words:
        return text[:1] in _EMAIL_LINE_STARTS and _EMAIL_LINE_RE.match(text) is not None
    if _CN_CODE_RE.search(text) or (text[:1] in _EMAIL_LINE_STARTS and _EMAIL_LINE_RE.match(text)):
        return True
    if not _IMPRINT_RE.search(text):
        return False  # most lines: one search, no list
    return _labels_imprint_fields(text)


#: A sentence's or a list's punctuation, or a bracket opening the line (``（作者为…）``):
#: an imprint box's lines are fields, ``社址：… 邮政编码：…``, never sentences.
_PROSE_MARK_RE = cre(r"[。，,；;！？!?、“”]|^[（(]")
#: What follows an imprint's word that labels a field: a colon, a space or a figure (the
#: colon and the spaces are the end of :data:`_IMPRINT_RE`'s match, no word ends in either).
_FIELD_AFTER_RE = cre(r"[:：\s\d]")


def _field_labels(text: str) -> list[re.Match[str]]:
    """The imprint words of a line that label a field (each followed by a colon, a space or
    a figure); none in a sentence (:data:`_PROSE_MARK_RE`)."""
    if _PROSE_MARK_RE.search(text):
        return []
    return [
        match
        for match in _IMPRINT_RE.finditer(text)
        if _FIELD_AFTER_RE.match(match.group()[-1]) or _FIELD_AFTER_RE.match(text, match.end())
    ]


#: The longest line read as an imprint box printed on one line (three fields at least).
IMPRINT_LINE_MAX = 240


def is_imprint_line(text: str, words: bool = True) -> bool:
    """A line of the imprint box as a page's line is read: :func:`is_imprint` of a line of
    at most :data:`SHORT_LINE` characters, or of the whole box printed on one line — at
    most :data:`IMPRINT_LINE_MAX`, labelling three fields at least, on a page whose short
    lines hold an imprint's word (``words``, :func:`short_lines_hold`)."""
    if len(text) > SHORT_LINE and not (words and len(text) <= IMPRINT_LINE_MAX and imprint_fields(text) >= 3):
        return False
    return is_imprint(text, words)


def imprint_fields(text: str) -> int:
    """How many fields of an imprint box a line labels (``社址：… 邮政编码：… 零售价：…``);
    0 for a sentence. A box printed on one line may run long: three fields settle it."""
    return len(_field_labels(text))


def _labels_imprint_fields(text: str) -> bool:
    """Whether a line's imprint words label the fields of an imprint box (the line holds
    no code or e-mail address, which settle it): the line opens with one of the box's
    labels, or holds two, each followed by a colon, a space or a figure (``邮编 450000``,
    ``社长 张三　总编辑 李四``, ``订价：每月30元 零售：每份1.50元``), and it is no sentence.
    The same words run through a story's text and titles: ``《江泽民外交文选》出版发行``
    (a headline: ``出版`` and ``发行`` label nothing), ``印刷厂里品咖啡美食``, ``本届图博会为期5天，由
    国家新闻出版署主办。``, ``（作者为人民美术出版社社长）``, ``张惠卿  人民出版社原总编辑`` (a
    paragraph of a list); read as the imprint they were lost from their stories."""
    fields = _field_labels(text)
    if len(fields) >= 2:
        return True
    start = _IMPRINT_START_RE.match(text)
    return start is not None and any(match.start() == 0 for match in fields)


def is_date_line(text: str) -> bool:
    """A line that is only a date (and perhaps a weekday or time): ``2026-04-04``."""
    # (a line opening with a digit, most not at all: told by str methods, the pattern asked
    # only past leading white space; ``\d`` and ``\s`` are what isdecimal and isspace tell)
    first = text[:1]
    if not (first.isdecimal() or (first.isspace() and _DIGIT_START_RE.match(text))):
        return False
    stripped = _SPACES_RE.sub("", text)
    for pattern in (FULL_DATE_RE, ISO_DATE_RE):
        match = pattern.match(stripped)
        if match:
            tail = stripped[match.end() :]
            tail = WEEKDAY_RE.sub("", tail)
            tail = re.sub(r"^\d{1,2}:\d{2}(?::\d{2})?", "", tail)
            tail = _DATE_TAIL_RE.sub("", tail)
            return tail == ""
    return False


_PAGE_FOOTER_RE = regex(r"^[—－\-–]{1,2}\s*\d{1,3}\s*[—－\-–]{1,2}$")
_PAGE_FOOTER_STARTS = starts_of(_PAGE_FOOTER_RE, "-–—－")


_LATIN_WEEKDAY_RE = regex(r"\b(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b", re.IGNORECASE)
_YEAR_RE = regex(r"\b1[6-9]\d\d\b|\b20\d\d\b")
_LATIN_FOLIO_RE = regex(r"\b(?:PAGES?|VOL\.?|NO\.|PRICE|CENTS?|PENCE|EDITION)\b", re.IGNORECASE)
_PRICE_RE = regex(r"^PRICE\b.{0,30}\b(?:CENTS?|PENCE|PENNY)\b|^(?:ONE|TWO|THREE|FIVE) CENTS\b")


def is_latin_folio(text: str) -> bool:
    """The folio line of an English-language page: its date with the weekday and year, its
    price or volume and number (``NEW-YORK, FRIDAY, MAY 1, 1903.—FOURTEEN PAGES.``,
    ``PRICE THREE CENTS.``, ``THE EVENING STAR, WASHINGTON, D. C., THURSDAY, APRIL 21, 1910.``)."""
    if len(text) > 100 or not text[:1].isascii():
        return False
    if _PRICE_RE.search(text) and len(text) <= 40:
        return True
    # (every weekday ends in "day", and no other character folds to a "y": a line without
    # one, as a Chinese line opening with a digit, is not searched for them)
    return bool(("y" in text or "Y" in text) and _LATIN_WEEKDAY_RE.search(text) and _YEAR_RE.search(text)) and (
        text.upper() == text or _LATIN_FOLIO_RE.search(text) is not None
    )


#: A paper's name, then its name in Latin letters or the page's section, with the page's
#: code at either end (``都市快报 杭州新闻 A06``, ``都市快报 DUSHI KUAIBAO A06``,
#: ``A06 都市快报·杭州新闻``).
_NAME_PAGE_CODE_RE = regex(
    rf"^(?:(?P<code>[A-Z]\d{{2}})\s+)?(?P<name>{HAN}{{2,10}}?[报報])"
    r"(?:\s+[A-Z][A-Z]+(?:\s+[A-Z][A-Z]+){0,3})?"
    rf"(?:\s*[·|｜]\s*{HAN}{{2,8}}|\s+{HAN}{{2,8}})?"
    r"(?:\s+(?P<tail>[A-Z]\d{2}))?$"
)


def is_name_and_page_code(text: str) -> bool:
    """A city paper's running header of its name and the page's code, with its name in Latin
    letters or the page's section between (:data:`_NAME_PAGE_CODE_RE`): the name must be a
    paper's (:data:`PUBLICATION_RE`) and the code stand once, at either end."""
    match = _NAME_PAGE_CODE_RE.match(text)
    if match is None or bool(match.group("code")) == bool(match.group("tail")):
        return False
    return PUBLICATION_RE.fullmatch(match.group("name")) is not None


def is_page_header(text: str) -> bool:
    """A page header: a date with a weekday, or a page number, with little else
    (``2020年4月28日 星期二 第3版``, ``第03版：要闻``, ``A04 要闻``, ``杭州新闻 A06``,
    ``2020-04-28 A06``), or an English-language page's folio line (:func:`is_latin_folio`)."""
    if text[:1].isascii() and is_latin_folio(text):
        return True
    if len(text) > 60:
        return False
    if text[:1] in _PAGE_FOOTER_STARTS and _PAGE_FOOTER_RE.match(text):
        return True  # — 2 —: the page number at the foot
    chinese_year = "年" in text  # (what a date in Chinese numerals needs: the search tries every character)
    if not _HEADER_HINT_RE.search(text) and not (chinese_year and CHINESE_DATE_RE.search(text)):
        return False  # no digit, 版, 报 or 期: no header
    # each pattern asked only where the word it holds stands: 年 (a full date), one of -/.
    # (an ISO date), 版 (a page's number)
    has_date = bool(
        (chinese_year and FULL_DATE_RE.search(text))
        or (("-" in text or "/" in text or "." in text) and ISO_DATE_RE.search(text))
        or (chinese_year and CHINESE_DATE_RE.search(text))
    )
    page = "版" in text
    if (
        page
        and _PAGE_WORD_RE.search(text)
        and (has_date or (len(text) <= 24 and not _PAGE_POINTER_RE.search(text) and not _BOOK_EDITION_RE.search(text)))
    ):
        return True
    if has_date and WEEKDAY_RE.search(text):
        return True
    if has_date and len(text) <= 40 and _PAGE_CODE_RE.search(text):
        return True  # 快报 A06 2020-04-28: a date and the page's letter and number
    first = text[:1]
    if text[-1:].isdigit() and _SECTION_PAGE_RE.match(text):
        return True
    if (first in _PAGE_SECTION_STARTS and _PAGE_SECTION_RE.match(text)) or (page and _BARE_PAGE_SECTION_RE.match(text)):
        return True
    if first in _BARE_PAGE_STARTS and _BARE_PAGE_RE.match(text):
        return True  # a bare page number: A02, 第3版
    if first in _EPAPER_FOOTER_STARTS and _EPAPER_FOOTER_RE.match(text):
        return True
    # a paper's name alone, or after a date (each pattern asked only where a name's 报 is)
    name = text.strip()
    if name.endswith(_PAPER_END) and PUBLICATION_RE.fullmatch(name):
        return True
    if ("报" in text or "報" in text) and is_name_and_page_code(name):
        return True
    return has_date and len(text) <= 40 and ("报" in text or "報" in text) and PUBLICATION_RE.search(text) is not None


#: A spread's pages: ``04/05版``, ``第02/03版``, ``6-7版``.
_SPREAD_RE = cre(r"(?<![\w/／-])(?:第\s*)?(?P<first>\d{1,3})\s*[/／-]\s*(?P<last>\d{1,3})\s*版")


def page_number(text: str) -> str | None:
    """The page number printed in a header (``第3版`` -> ``3``, ``第03版`` -> ``3``, ``A04`` -> ``A04``;
    a spread, ``04/05版`` -> ``4-5``)."""
    spread = _SPREAD_RE.search(text) if "版" in text else None
    if spread:
        return f"{int(spread.group('first'))}-{int(spread.group('last'))}"
    match = PAGE_RE.search(text)
    if not match:
        return None
    if match.group("page"):
        page = re.sub(r"\s+", "", match.group("page"))
        if page.isdigit():
            return str(int(page))
        if page[0].isalpha() and page[1:].isdigit():
            return page.upper()
        return chinese_number(page) or page
    if match.group("page3"):
        return str(int(match.group("page3")))
    return match.group("page2")


def chinese_number(text: str) -> str | None:
    """``三`` -> ``3``, ``十二`` -> ``12`` (up to 999); ``None`` if not a number."""
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text or any(char not in digits and char not in "十百" for char in text):
        return None
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return str(total + current)


_WEATHER_RE = cre(
    r"^(?:今日|明日|今天|明天|今夜|明晨|后天)?天气(?:预报)?\s*(?:[:：]|$)|^.{0,12}[晴阴雨雪云].{0,20}-?\d{1,2}\s*[℃°]\s*[～~至\-—]\s*-?\d{1,2}\s*[℃°]"
)
_AD_WORDS_RE = cre(r"^(?:广告|公益广告|公告|启事|声明|扫码看视频|扫码观看|扫描二维码|扫一扫|长按识别二维码)[】\]]?$")
_AD_WORDS_STARTS = starts_of(_AD_WORDS_RE, "公启啟声广廣扫掃聲長长")
_AD_COPY_RE = regex(
    any_word(("咨询热线", "订购热线", "服务热线", "联系电话", "热线", "电话")) + r"\s*[:：]?\s*\d{3,4}[-－ ]?\d{4}"
)
#: A promotion of the paper's other channels: ``更多精彩内容请关注都市快报微信公众号``,
#: ``下载XX新闻客户端``, ``扫码关注视频号``.
_PROMO_RE = cre(
    r"(?:关注|下载|扫码|扫描|搜索|订阅)[^。！？，,]{0,24}?(?:公众号|客户端|APP|App|视频号|抖音号|微博号|小程序)"
)
PAGE_CREDIT_RE = cre(
    r"^[（(]?本版(?:图片|照片)(?:除(?:署名|注明)外)?[，,]?(?:均为|均由|均系|由|为)\s*(?P<credit>[^（）()]+?)[）)]?$"
)


def is_weather(text: str) -> bool:
    """A weather box line: ``今日天气：多云 12℃～20℃``."""
    # every match holds 天 (天气) or a degree sign: most lines are refused without the pattern
    return (
        len(text) <= 60
        and ("天" in text or "℃" in text or "°" in text)
        and _WEATHER_RE.match(text) is not None  # (every alternative starts with ^)
    )


#: A sentence telling the reader to call (``消费者遇到问题可拨打投诉热线：…``): a story's, no ad.
_DIAL_RE = cre(r"拨打|致电|拨通|电询|来电|请打|可打|[，,。；;]")
#: How far into its line an ad's hotline starts at most (after a brand or company name).
_AD_COPY_REACH = 16


def opens_an_ad_block(text: str) -> bool:
    """A line of an advertisement that the ad's other lines stand around: its hotline
    (:func:`is_ad_copy`, not the paper's own news hotline, :func:`is_news_hotline`), or a
    public-service ad's label (``讲文明 树新风`` / ``公益广告`` / ``中国网络电视台制``)."""
    return (is_ad_copy(text) and not is_news_hotline(text)) or text.strip("【[ ]】") == "公益广告"


def is_ad_copy(text: str) -> bool:
    """Ad copy with a hotline (``售楼热线：0375-8888888``, ``云之龙咨询集团联系电话：0771…``,
    the paper's own ``爆料电话：0571-85100000``),
    the line an ad's block is found by; not a story's sentence telling the reader to call
    (``消费者遇到问题可拨打投诉热线：0375-12315``)."""
    if len(text) > 80:
        return False
    match = _AD_COPY_RE.search(text)
    return match is not None and match.start() <= _AD_COPY_REACH and _DIAL_RE.search(text, 0, match.start()) is None


#: A paper's own line for its readers' news tips (``快报热线 85100000``, ``新闻热线：0571-…``,
#: ``报料电话 85100000``): the paper's name or ``新闻`` / ``报料`` before the hotline.
_NEWS_HOTLINE_RE = cre(
    r"^[【\[■●◆\s]*(?:快报|晚报|早报|晨报|商报|都市报|本报|新闻|报料|爆料|读者)(?:热线|电话|报料热线|新闻热线)"
)


def is_news_hotline(text: str) -> bool:
    """The paper's own hotline for news tips (:data:`_NEWS_HOTLINE_RE`), a line of its own:
    printed under the page header or in a corner, it stands alone, with no ad's copy around
    it (a slogan, an address) as a hotline of an ad has."""
    return len(text) <= 40 and _NEWS_HOTLINE_RE.match(text) is not None and is_ad_copy(text)


def is_advertisement(text: str, hotline: bool = True) -> bool:
    """An advertisement or promotion: ``广告``, ``扫码看视频``, ad copy with a hotline
    (``hotline``: whether the page's lines hold one at all, :func:`short_lines_hold`)."""
    words = text.strip("【[ ")
    if words[:1] in _AD_WORDS_STARTS and _AD_WORDS_RE.match(words):
        return True
    if len(text) > 80:
        return False
    if hotline and is_ad_copy(text):
        return True
    return (
        len(text) <= 40
        and ("号" in text or "號" in text or "端" in text or "APP" in text or "App" in text or "程序" in text)
        and "，" not in text
        and "," not in text
        and _PROMO_RE.search(text) is not None
    )


#: The longest line :func:`short_lines_hold` reads: :func:`is_ad_copy` refuses a longer one,
#: and :func:`is_imprint_line` asks :func:`is_imprint` of none longer but a box on one line.
SHORT_LINE = 80
#: The patterns :func:`short_lines_hold` searches the page's short lines for at once. Each
#: finds in the lines joined whatever it finds in one of them: none looks past its match (no
#: anchor, word boundary or negative lookaround; a positive lookaround looks at what one line
#: holds in the joined text too). A test checks their parsed forms.
HELD_PATTERNS = (_CN_CODE_RE, _IMPRINT_RE, _AD_COPY_RE)


def short_lines_hold(texts: list[str]) -> tuple[bool, bool]:
    """Whether a page's lines of at most :data:`SHORT_LINE` characters hold an imprint's
    word or code (``is_imprint(text, words=False)`` is :func:`is_imprint` of a line where
    none does) and a hotline (the same for :func:`is_advertisement`): searched once in the
    lines joined, where each line was searched for them (most pages have neither)."""
    joined = "\n".join([text for text in texts if len(text) <= SHORT_LINE])
    words = _CN_CODE_RE.search(joined) is not None or _IMPRINT_RE.search(joined) is not None
    return words, _AD_COPY_RE.search(joined) is not None
