"""Datelines, leading bylines and trailing attributions of an article.

* ``本报讯 (记者王孟鹤 通讯员和佳佳)正文…`` -> dateline ``本报讯``, two bylines, the rest;
* ``新华社北京4月26日电（记者 X）``, ``据新华社巴黎3月2日电``, ``本报北京3月7日电``;
* at the end: ``（本报东京3月9日电）``, ``（记者 X）``, ``（参与记者：X）``, ``据新华社``,
  ``综合新华社、人民网报道``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Contributor
from ..regex_cache import regex
from .furniture import PAGE_NO
from .people import BYLINE_VERBS, common_name, has_label, parse_latin_byline, parse_people, roles_of, split_label
from .text import (
    BULLETS,
    HAN,
    HAN_RE,
    MAX_PAGE_MEMO,
    any_word,
    both_scripts,
    cre,
    ends_of,
    fold,
    is_box_label,
    is_cjk,
    page_memo,
    starts_of,
    strip_bullets,
)

_AGENCIES = (
    "本报|新华社|中新社|中国新闻社|人民网|新华网|中新网|央视网|光明网|央广网|国际在线|中国日报网|澎湃新闻|"
    "经济日报|人民日报|法治日报|科技日报|工人日报|光明日报|中国青年报|中国青年网|环球时报|海外网|"
    "本台|本刊|本网"
)
_AGENCY_SUFFIXES = "日报|晚报|晨报|都市报|商报|时报|报|网|社|电视台|广播电视台|融媒体中心|融媒"
_GENERIC_AGENCY = (
    f"{HAN}{{2,8}}?(?:{_AGENCY_SUFFIXES})"
    f"|{HAN}报(?=讯(?!号|息))"  # 快报讯, 晚报讯: a paper's short name before 讯
)
_DATE = r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日"

DATELINE_RE = cre(
    rf"^[【\[]?(?P<dateline>(?:据)?(?:{_AGENCIES}|{_GENERIC_AGENCY})"
    rf"(?:\s*(?P<place>(?:{HAN}|·)(?:{HAN}|·|[/／、](?={HAN})){{0,15}}?))?\s*(?P<date>{_DATE})?\s*(?:电|讯|消息|报道))[】\]]?"
)
# (places one after another: 新华社莫斯科/东京8月13日电, 本报北京、上海8月1日电)
# A dateline's agency (本报, 新华社, 东州日报, 县融媒体中心) ends within its first characters
# (a bracket, 据, then the longest agency: eight characters and a suffix): a line without
# an agency's last character there is no dateline, found by one short search instead of
# the whole pattern (most lines of a page).
_AGENCY_REACH = 2 + max(
    max(map(len, _AGENCIES.split("|"))), 8 + max(map(len, _AGENCY_SUFFIXES.split("|"))), len("快报")
)
_AGENCY_END_RE = cre("[" + "".join(sorted({word[-1] for word in f"{_AGENCIES}|{_AGENCY_SUFFIXES}".split("|")})) + "]")
#: A closing's people after its dateline when the agency names none: （…电  新华社记者）.
_AGENCY_REPORTERS_RE = cre(rf"^(?:{_AGENCIES}|{_GENERIC_AGENCY})?(?:记者|特约记者|通讯员)$")
#: A group's drafter at an article's end: （执笔人：X）, （执笔：X，…研究员）.
_DRAFTER_RE = cre(r"^(?:执笔人?|撰稿人?|本文执笔)[:：]\s*(?P<names>[^，,；;]{2,30})(?:[，,].{0,40})?$")
_DRAFTER_STARTS = starts_of(_DRAFTER_RE, "执執撰本")
#: An article signed by a body, not a person, in brackets at its end: a party committee, a
#: study group, a research team, a company or office (（中共某省委理论学习中心组）).
_GROUP_AUTHOR_RE = cre(
    r"^[^，,。；;：:！？!?\s]{2,40}(?:党委|党组|党支部|党总支|党工委|工委|组织部|宣传部|统战部|中心组|"
    r"课题组|调研组|研究组|写作组|编写组|评论员|编辑部|研究院|研究所|研究中心|研究会|办公室|办公厅|"
    r"委员会|纪检监察组|纪委监委|党校|行政学院|分公司|有限公司|集团|管理局)$"
)
_PAREN_RE = regex(r"^[（(](.+)[）)]$")
_PAREN_STARTS = starts_of(_PAREN_RE, "(（")
_ANY_BRACKET_RE = regex(r"^[（(【\[〔［](.+)[）)】\]〕］]$")
_ANY_BRACKET_STARTS = starts_of(_ANY_BRACKET_RE, "([【〔（［")
_BRACKETED_PEOPLE_RE = cre(r"^\s*(?:[（(](?P<inner>[^（()）]{1,60})[）)]|【(?P<lenticular>[^【】]{1,60})】)")


@dataclass
class Opening:
    """What the reader took off the start of an article's first paragraph."""

    dateline: str | None = None
    bylines: list[Contributor] = field(default_factory=list)
    attribution: str = ""
    rest: str = ""


#: Where a dateline with no white space in it ends at the latest: its agency, places of
#: sixteen characters, a date (``12月31日``) and its last word (``电``, ``消息``).
_DATELINE_REACH = _AGENCY_REACH + 16 + 6 + 2
#: The words a dateline ends with, in either script (each alternative starting with a plain
#: character, :func:`.text.any_word`: the search skips to where one can start, where
#: ``[电電]|[讯訊]|…`` tried every alternative at every character, 1.4 µs a line).
_DATELINE_END_RE = regex(any_word(("电", "讯", "消息", "报道")))


def _may_end_dateline(text: str) -> bool:
    """Whether a dateline can end in ``text`` (a line whose start holds an agency's last
    character): its last word within :data:`_DATELINE_REACH` characters, or white space
    there, past which no bound holds. Most lines with 社 or 网 early on end here, where
    the pattern tried every length of agency name first."""
    if _DATELINE_END_RE.search(text, 0, _DATELINE_REACH) is not None:
        return True
    head = text[:_DATELINE_REACH]
    return "".join(head.split()) != head


def match_dateline(text: str) -> re.Match[str] | None:
    """Match a dateline at the start of ``text`` (``本报讯``, ``新华社北京4月26日电``...)."""
    # (the memo asked by ``get``, a miss worked out here as Memo.__missing__ does, without
    # its call: :func:`.text.visible_length`)
    match = _KNOWN_DATELINE(text, _UNKNOWN)
    if match is _UNKNOWN:
        if len(_DATELINES) >= MAX_PAGE_MEMO:
            _DATELINES.clear()
        match = _DATELINES[text] = _match_dateline(text)
    return match  # type: ignore[no-any-return]


def _match_dateline(text: str) -> re.Match[str] | None:
    if _AGENCY_END_RE.search(text, 0, _AGENCY_REACH) is None or not _may_end_dateline(text):
        return None
    match = DATELINE_RE.match(text)
    if not match:
        return None
    dateline = match.group("dateline")
    # "本报记者" or "本报通讯员" are bylines, "本报讯" is a dateline: the match must end
    # with the dateline's final word, and a place must not swallow a sentence
    if len(dateline) > 24 or text[match.end() : match.end() + 1] in ("员", "員"):
        return None  # 本报通讯员 X: a byline, not 本报通 + 讯
    place = match.group("place") or ""
    if place and any(word in place for word in ("记者", "通讯员", "获悉", "了解", "发布")):
        return None
    if match.group("date") is None:
        after = text[match.end() : match.end() + 1]
        if dateline[-1:] == "电" and after in _ELECTRIC_WORDS:
            return None  # 中国网络电视台制, 南方电网数字电网…: 电 opens a word (电视, 电网), no dateline
        if after and after not in _SET_OFF and not _KNOWN_AGENCY_RE.match(dateline):
            return None  # 据韩联社报道，…, 在国网安徽电科院…: a sentence, no dateline
    return match


#: Second characters of words 电 opens (电视, 电网, 电力, 电话…): a 电 with one of these
#: after it and no date before it ends no dateline.
_ELECTRIC_WORDS = frozenset("视网力话影脑梯池商子器动气竞站价量费源线路缆车台信邮厂机磁流压能灯扇表瓶热焊解")
#: A dateline with no date by an agency not of :data:`_AGENCIES` (``东州日报讯``, ``快报讯``)
#: is set off from what follows it by a space, a bracket or a colon; one that runs on into
#: its sentence (``据韩联社报道，``, ``在国网安徽电科院``) is the sentence's start.
_KNOWN_AGENCY_RE = cre(rf"^[【\[]?(?:据)?(?:{_AGENCIES})")
#: A dateline opening a story runs into it after a space or a bracket, never a comma: a
#: paragraph whose dateline-shaped start is followed by one (``据伊朗法尔斯通讯社13日报道，
#: 伊朗…``, ``另据韩联社18日报道，…``, ``本报今起推出系列报道，关注…``) is a sentence citing a
#: report, its opening clause no dateline, whatever agency and date it names (no opening
#: of the corpus, the fixtures or the seeds has one). A closing's dateline may have one:
#: ``（本报约翰内斯堡5月12日电，实习生董嘉怡参与采写）`` (:func:`split_opening` asks, not
#: :func:`match_dateline`).
_CLAUSE_COMMAS = frozenset("，,")
_SET_OFF = frozenset(" \u3000\t（(【[：:")


#: The longest start of a dateline a column break can leave on a line of its own
#: (``新华社北京4月26日``: the agency, a place and a date, short of 电).
CUT_DATELINE_MAX = 22


#: :func:`match_dateline`'s answers on the page being read: a line is asked as a cut
#: dateline's half, as an opening and as a closing line.
_DATELINES = page_memo(_match_dateline)
_KNOWN_DATELINE = _DATELINES.get
#: What a memo's ``get`` gives for a text it holds no answer for (``None`` is an answer).
_UNKNOWN = object()


def joins_cut_dateline(line: str, after: str) -> bool:
    """Whether ``line`` is the start of a dateline that a column break cut from the rest
    of its paragraph, ``after`` (``本报北京8月5日`` / ``电 针对有报道称…``): neither is a
    dateline alone, the two joined open with one that runs across the break and holds a
    date (or ends in 讯: ``本报`` / ``讯 近日…``); or a whole dateline whose byline's
    bracket the break cut (``本报北京8月5日电 （记者`` / ``欧阳洁）中国物流…``), or set on the
    next line (``本报讯`` / ``（记者 王孟鹤）为切实…``)."""
    line, after = line.strip(), after.lstrip()
    if not line or len(line) > CUT_DATELINE_MAX:
        return False
    if _AGENCY_END_RE.search(line + after[:_AGENCY_REACH], 0, _AGENCY_REACH) is None:
        return False  # no dateline in the two joined (the one search each match below starts with)
    whole = match_dateline(line)
    if whole is not None:
        rest = line[whole.end() :].strip()
        if not rest:  # 本报讯 / （记者 王孟鹤 通讯员 和佳佳）为切实…: the bylines' bracket opens the next line
            return after[:1] in "（(【" and _bylines_past_the_line(line, after)
        return _cuts_the_byline_bracket(rest, line, after)
    if match_dateline(after) is not None:
        return False  # 李强作出批示 / 新华社北京7月17日电…: a title over a whole dateline
    match = match_dateline(line + after)
    if match is None or match.end() <= len(line):
        return False
    return match.group("date") is not None or match.group("dateline").endswith("讯")


#: The longest line :func:`joins_cut_closing` takes for a closing note's first part (a
#: column's last line).
CUT_CLOSING_MAX = 40
_OPENERS = "（(〔"
_CLOSERS = "）)〕"


def joins_cut_closing(line: str, after: str) -> bool:
    """Whether ``line`` opens a closing note in brackets that a column break cut and
    ``after`` is its rest (``(作者为`` / ``中国中医科学院…主任李鸿涛，本报记者田先进采访整理)``,
    ``（本报记者何昭宇、黄`` / ``娴、王伟健…）``): ``line`` opens a bracket it does not close,
    ``after`` closes it at its end, and the two joined read as one closing line
    (:func:`parse_closing`). Left apart, the rest was read as a title of its own or the
    note's start as the next story's first paragraph."""
    line, after = line.strip(), after.strip()
    if not line or len(line) > CUT_CLOSING_MAX or line[0] not in _OPENERS or after[-1:] not in _CLOSERS:
        return False
    if any(mark in line for mark in _CLOSERS) or sum(line.count(mark) for mark in _OPENERS) != 1:
        return False
    if after[0] in _OPENERS or sum(after.count(m) for m in _CLOSERS) - sum(after.count(m) for m in _OPENERS) != 1:
        return False  # (the rest closes the bracket the line opened, and no other)
    return parse_closing(line + after) is not None


def _cuts_the_byline_bracket(rest: str, line: str, after: str) -> bool:
    """``rest`` (what follows a dateline on its line) opens a byline's bracket the line
    does not close, and the line joined to ``after`` reads as a dateline with bylines
    whose bracket closes past the break."""
    if not rest or rest[0] not in "（(【" or ")" in rest or "）" in rest or "】" in rest:
        return False
    return _bylines_past_the_line(line, after)


def _bylines_past_the_line(line: str, after: str) -> bool:
    """Whether ``line`` joined to ``after`` opens with a dateline and bylines that run past
    the line's end."""
    opening = split_opening(line + after)
    return opening is not None and bool(opening.bylines) and len(opening.attribution) > len(line)


#: A byline's verb and the colon after it (``报道：``), in either script: each alternative
#: starts with a plain character (:func:`.text.any_word`), so that a search skips to where a
#: verb can start (``[报報]道|…`` tried every alternative at every character: 1.1 µs a line).
_VERB_COLON = rf"{any_word(BYLINE_VERBS)}\s*[:：]"
_VERB_COLON_RE = regex("^" + _VERB_COLON)
#: Names with the verb glued on after a label: ``记者张三报道：``, ``记者王平、李明报道``.
_NAMES_VERB_RE = cre(rf"^(?P<names>{HAN}{{2,4}}?(?:、{HAN}{{2,4}}?)*)(?:{'|'.join(BYLINE_VERBS)})(?:[:：]|(?!{HAN}))")


def _consume_bare_bylines(text: str) -> tuple[list[Contributor], int]:
    """Bylines written without brackets after a dateline: ``记者 李明 通讯员 赵刚 正文``.

    Returns the people and how many characters of ``text`` they took (0: none)."""
    people: list[Contributor] = []
    roles: tuple[str, ...] | None = None
    consumed = 0
    pending: str | None = None  # a single ideograph waiting for its pair ("王 平")
    for match in re.finditer(r"\S+", text):
        token = match.group()
        if people and pending is None and fold(token) in BYLINE_VERBS:
            consumed = match.end()  # 记者 梁 晓 报道: the verb closes the byline
            break
        verb = _VERB_COLON_RE.match(token)
        if people and pending is None and verb:
            consumed = match.start() + verb.end()  # 记者 王 芳 报道：5月19日…: the colon is the label's
            break
        label, rest = split_label(token)
        if label is not None:
            roles = roles_of(label)
            if not rest:
                consumed = match.end()
                continue
            token = rest
        if roles is None:
            break
        if pending is None and (glued := _NAMES_VERB_RE.match(token)) is not None:
            named = parse_people(glued.group("names"), default_role=roles[0])
            if named is not None:  # 本报讯 记者张三报道：…: the names, then the verb closes the byline
                people.extend(Contributor(role, person.name) for person in named for role in roles)
                consumed = match.end() - len(token) + glued.end()
            break
        if pending is not None:
            if len(token) == 1:
                people.extend(Contributor(role, pending + token) for role in roles)
                pending = None
                consumed = match.end()
                continue
            break
        if len(token) == 1 and HAN_RE.match(token):
            pending = token
            continue
        parsed = parse_people(token, default_role=roles[0])
        if parsed is None:
            break
        # 王平、李明: every name the token holds, with every role of the label
        people.extend(Contributor(role, person.name) for person in parsed for role in roles)
        consumed = match.end()
    return people, consumed


# ------------------------------------------------------------- Latin-script datelines

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "Januar|Jänner|Februar|März|Juni|Juli|Oktober|Dezember|Mai"
)
_CAPS_WORD = r"[^\W\d_a-zß-ÿ][^\W\d_a-zß-ÿ'’.-]*"  # a word in capitals: WASHINGTON, ST., O'FALLON
_DAY_MONTH = rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
_TITLE_WORD = r"[^\W\d_a-z][^\W\d_]*\.?"  # a word with a capital: Havana, St., Louis
# WASHINGTON, April 20.— · LONDON, May 3 (AP) — · SPRINGFIELD, Ill., April 20 — · PARIS, 3 mai – · ULM –
# and, with a date, the place in lower case as older papers set it: Havana, April 30.— (OCR: Havana. April 30.—)
LATIN_DATELINE_RE = regex(
    rf"^(?P<dateline>(?:(?P<place>{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,3}})"
    r"(?:,\s+[A-Z][a-z]{1,4}\.(?:\s?[A-Z][a-z]?\.)?)?"  # a state or county: Ill., N. Y., Mass.
    rf"(?:,\s+(?P<date>{_DAY_MONTH}))?"
    rf"|(?P<town>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}})[,.]\s+(?P<town_date>{_DAY_MONTH}))"
    r"(?:\s*\((?P<agency>[A-Z][A-Za-z.&' ]{0,30})\))?)"
    r"\s*[.,:]?\s*(?P<dash>—+|–|--|-)\s*"
)


#: Words in capitals that open a paragraph with a dash but name no place.
_NOT_PLACES = frozenset(
    ["NOTE", "NOTES", "UPDATE", "CORRECTION", "NOTICE", "WARNING", "WANTED", "ADVERTISEMENT", "EDITOR'S NOTE", "P.S"]
)


#: First words of a sentence that are no place: The President, May 3 —
_NOT_TOWNS = frozenset(
    ["The", "A", "An", "In", "On", "At", "By", "For", "From", "Mr", "Mrs", "Ms", "Dr", "Since", "Until"]
)


def match_latin_dateline(text: str) -> re.Match[str] | None:
    """A Latin-script dateline at the start of ``text``: the place in capitals, perhaps
    the date and the agency, then a dash (``WASHINGTON, April 20.—``, ``LONDON, May 3
    (AP) —``, ``ULM –``). Without a date or an agency the place must be three capitals or
    more and the dash a long one, so that a word in capitals and a hyphen open no story."""
    if not text[:1].isupper():
        return None
    match = LATIN_DATELINE_RE.match(text)
    if match is None or not text[match.end() :].strip():
        return None
    if any(map(is_cjk, text[match.end() : match.end() + 12])):
        return None  # ISC—V打造，实现…: Chinese text, no dateline before it
    if match.group("town"):  # Havana, April 30.—: a place and a date, then a sentence
        rest = text[match.end() :].lstrip("\"“‘'")
        first_word = match.group("town").split()[0].rstrip(".")
        return match if rest[:1].isupper() and first_word not in _NOT_TOWNS else None
    place = match.group("place")
    if sum(char.isalpha() for char in place) < 2 or place.rstrip(".") in _NOT_PLACES:
        return None
    bare = not (match.group("date") or match.group("agency"))
    if bare and (sum(char.isalpha() for char in place) < 3 or match.group("dash") == "-"):
        return None
    return match


_BULLETS_AND_SPACE = BULLETS + " "


def _bracketed_people(inner: str) -> list[Contributor] | None:
    return parse_people(inner, default_role="reporter", lenient=True)


#: The people of an opening's brackets (``（记者王孟鹤）``) on the page being read: most of a
#: page's stories open with the same reporter's bracket, read once (copies are handed out).
_BRACKETED_PEOPLE = page_memo(_bracketed_people)


def split_opening(text: str) -> Opening | None:
    """Take the dateline and bylines off the start of a paragraph, or return ``None``."""
    stripped = text.lstrip(_BULLETS_AND_SPACE)
    # (match_dateline, without its call; a line with no agency's last character where
    # one ends, most lines, is no dateline: _match_dateline's first test, asked here
    # without the memo's miss and its two calls, and the answer kept as the memo would)
    if _AGENCY_END_RE.search(stripped, 0, _AGENCY_REACH) is not None:
        match = _KNOWN_DATELINE(stripped, _UNKNOWN)
        if match is _UNKNOWN:
            match = match_dateline(stripped)
    else:
        match = None
        if len(_DATELINES) < MAX_PAGE_MEMO:
            _DATELINES[stripped] = None
    if match and stripped[match.end() : match.end() + 1] in _CLAUSE_COMMAS:
        match = None  # 据伊朗法尔斯通讯社13日报道，…, 本报今起推出系列报道，…: a sentence's clause
    if not match:
        latin = match_latin_dateline(stripped) if stripped[:1].isupper() else None  # (its first test)
        if latin is None:
            # (most lines have no byline verb and colon near their start: the one search
            # first, and before it the colon its match ends with, found by str.find in C)
            if (
                stripped.find("：", 0, _BYLINE_OPENING_REACH) == -1
                and stripped.find(":", 0, _BYLINE_OPENING_REACH) == -1
            ) or _BYLINE_VERB_COLON_RE.search(stripped, 0, _BYLINE_OPENING_REACH) is None:
                return None
            return _byline_opening(text, stripped)
        offset = len(text) - len(stripped)
        return Opening(
            dateline=latin.group("dateline"),
            attribution=text[: offset + latin.end()].strip(),
            rest=stripped[latin.end() :].strip(),
        )
    offset = len(text) - len(stripped)
    end = match.end()
    opening = Opening(dateline=match.group("dateline"))
    remainder = stripped[end:]
    bracket = _BRACKETED_PEOPLE_RE.match(remainder)
    if bracket:
        people = _BRACKETED_PEOPLE[bracket.group("inner") or bracket.group("lenticular")]
        if people is not None:
            opening.bylines = [Contributor(person.role, person.name) for person in people]  # (each its own)
            end += bracket.end()
            remainder = stripped[end:]
    elif remainder[:1].isspace() or remainder[:1] in "：:":
        people, used = _consume_bare_bylines(remainder.lstrip("：:"))
        if people:
            skipped = len(remainder) - len(remainder.lstrip("：:"))
            opening.bylines = people
            end += skipped + used
            remainder = stripped[end:]
    opening.attribution = text[: offset + end].strip()
    opening.rest = remainder.strip()
    return opening


#: How a byline that opens a paragraph with no dateline ends: its verb and a colon
#: (``本报记者 王一 报道：``, ``记者张三报道：``).
_BYLINE_VERB_END_RE = regex(_VERB_COLON + "$")
_BYLINE_VERB_COLON_RE = regex(_VERB_COLON)
#: How far into its paragraph such an opening's colon can stand.
_BYLINE_OPENING_REACH = 40


def _byline_opening(text: str, stripped: str) -> Opening | None:
    """A paragraph opening with its bylines and their verb, no dateline before them
    (``本报记者 王一 报道：近日…``, as some papers print the first paragraph): the people
    are the story's bylines, the rest its text. Only with the verb and its colon, so that
    a sentence about a reporter (``记者 张三 说…``, ``记者从…获悉``) opens nothing."""
    label, _rest = split_label(stripped.split(None, 1)[0])
    if label is None:
        return None
    people, used = _consume_bare_bylines(stripped)
    if not people or _BYLINE_VERB_END_RE.search(stripped[:used].rstrip()) is None:
        return None
    offset = len(text) - len(stripped)
    return Opening(bylines=people, attribution=text[: offset + used].strip(), rest=stripped[used:].strip())


# ----------------------------------------------------------------------- byline lines

_BYLINE_MARKS = "□■◎☆★"
#: Bullets that open subheads and captions but also an evening paper's essay's author line
#: under its title (``◆韩浩月``; ``◆基本案情`` is a subhead): a byline only when all of it
#: after the bullet is names that open with common surnames (:func:`.people.common_name`).
_NAME_MARKS = "◆◇"


def parse_byline_line(text: str) -> list[Contributor] | None:
    """A line that is only a byline: ``本报记者 王 平``, ``■本报记者 X``, ``文/图 X``,
    ``记者 陈晨 通讯员 周洁``, ``（记者 X）``. ``None`` if it is not one."""
    stripped = text.strip()
    if stripped[:1] in "BPV" and (latin := parse_latin_byline(stripped)) is not None:
        return latin  # By JOHN SMITH, Par Jean Dupont, Von Jürgen Weiß
    if is_box_label(stripped):
        return None  # ■小贴士 heads a box; it names nobody (■快报简讯 names nobody either: people.is_name)
    body = strip_bullets(stripped)
    bracketed = _PAREN_RE.match(body) if body[:1] in _PAREN_STARTS else None
    if bracketed:
        body = bracketed.group(1)
    if not body or len(body) > 50:
        return None
    if stripped[:1] in _NAME_MARKS and not has_label(body):
        named = parse_people(body, default_role="writer")
        return named if named and all(common_name(person.name) for person in named) else None
    # "□ 王 强": a bullet before bare names marks the writer of a column
    # (◆, ●, ▲ mark subheads and captions, not bylines: but see _NAME_MARKS)
    default = "writer" if stripped[:1] in _BYLINE_MARKS else None
    if default is None and not has_label(body):
        return None  # no label and no bullet: it names nobody (most lines of a page end here)
    people = parse_people(body, default_role=default)
    if people is None:
        # a reporters' label alone under a headline (本报记者, 新华社记者): a byline naming
        # nobody, the names printed at the story's end (（本报记者赵成、吴丹）)
        label, rest = split_label(body)
        if label and not rest and set(roles_of(label)) <= {"reporter", "correspondent"}:
            return []
    return people


# ------------------------------------------------------------------- closing lines

#: A source credit names papers and agencies (``据新华社``, ``综合新华社、人民网报道``);
#: ``据`` with a verb of hearsay opens a sentence of the story (``据介绍，…``, ``据统计，…``),
#: which a column break can leave as short as a credit. Out of brackets a credit holds no
#: clause comma either (:data:`_CLAUSE_MARKS`); in them it may (``（摘编自《X报》，原题为…）``).
_SOURCE_RE = cre(
    r"^(?:据(?!介绍|了解|悉|统计|测算|估算|估计|调查|初步|不完全|此|称|说|报道|透露|分析|研究|预测|观察|记者|专家|业内)"
    r"|综合|(?:稿件|本文|信息)?来源[:：]|本文数据来源[:：]|转自|摘自|摘编自|选自|转载自)\s*"
    r"(?P<sources>[^。！？!?]{2,60}?)\s*(?:报道|消息|电|整理|综合)?$"
)
_CLAUSE_MARKS = frozenset("，,；;")
#: What a source credit opened by ``综合`` names: agencies, papers, media, their reporters.
_SOURCE_WORDS_RE = cre(r"社|网|报|台|电|媒|刊|新闻|消息|记者|客户端|公众号")
#: A hearsay verb ending ``据…``: a sentence's start a column break cut (``据医疗队介绍``).
_HEARSAY_END_RE = cre(r"(?:介绍|了解|统计|透露|表示|显示|反映|指出|分析|预计|测算|称|说)$")


def _names_a_source(inner: str) -> bool:
    """Whether a line read as a source credit names one: ``综合`` then a word (``综合防控技术要点``,
    ``综合性…``) names none, nor ``据`` with a hearsay verb at its end (``据医疗队介绍``: the start
    of a sentence, ``据医疗队介绍，…``, cut by a column break)."""
    if inner.startswith(("综合", "綜合")):
        return _SOURCE_WORDS_RE.search(inner, 2) is not None
    if inner.startswith(("据", "據")):
        return _HEARSAY_END_RE.search(inner) is None
    return True


_SOURCE_STARTS = starts_of(_SOURCE_RE, "來信据摘據本来稿綜综轉转选選")
_DATA_SOURCE_RE = cre(r"^数据来源\s*[:：]")
_AGENCY_ONLY_RE = cre(rf"^(?:{_AGENCIES}|{_GENERIC_AGENCY})$")


@dataclass(frozen=True)
class Closing:
    """What a closing line of an article holds (one answer per text on a page, kept and
    shared: :func:`parse_closing`; read it, never change it)."""

    dateline: str | None = None
    bylines: list[Contributor] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    note: str | None = None


def parse_closing(text: str) -> Closing | None:
    """Read a line that closes an article: ``（本报东京3月9日电）``, ``（记者 X）``,
    ``（参与记者：X）``, ``据新华社``, ``综合新华社、人民网``, ``（作者为…）``, ``〔作者系…〕``."""
    closing = _KNOWN_CLOSING(text, _UNKNOWN)  # (as match_dateline asks its memo)
    if closing is _UNKNOWN:
        if len(_CLOSINGS) >= MAX_PAGE_MEMO:
            _CLOSINGS.clear()
        closing = _CLOSINGS[text] = _parse_closing(text)
    return closing  # type: ignore[no-any-return]


def _parse_closing(text: str) -> Closing | None:
    body = text.strip()
    bracketed = _ANY_BRACKET_RE.match(body) if body[:1] in _ANY_BRACKET_STARTS else None
    inner = bracketed.group(1).strip() if bracketed else body
    if not inner or len(inner) > 80:
        return None
    dateline = match_dateline(inner)
    if dateline and dateline.end() == len(inner):
        return Closing(dateline=dateline.group("dateline"))
    if dateline and bracketed:  # （新华社北京4月30日电  记者齐中熙、樊曦）, （…电  新华社记者）
        rest = inner[dateline.end() :].strip()
        people = parse_people(rest, default_role="reporter")
        if people or _AGENCY_REPORTERS_RE.match(rest):
            return Closing(dateline=dateline.group("dateline"), bylines=people or [])
    if (
        inner[:1] in _SOURCE_STARTS
        and _SOURCE_RE.match(inner)
        and (bracketed or not _CLAUSE_MARKS & set(inner))
        and _names_a_source(inner)
    ):
        return Closing(sources=[inner])  # as printed: 据新华社, 综合新华社、人民网报道
    if bracketed and body[0] in "（(〔［":  # 〔作者系…〕: some papers close in tortoise-shell brackets
        last = inner[-1]
        if (last in _AGENCY_ONLY_ENDS and _AGENCY_ONLY_RE.match(inner)) or _DATA_SOURCE_RE.match(inner):
            # （数据来源：交易所）; a bare 数据来源：line is part of a chart's caption
            return Closing(sources=[inner])
        if (
            inner.startswith(("作者", "本文作者"))
            or _ALIAS_NOTE_RE.match(inner)
            or (last in _CREDIT_NOTE_ENDS and _CREDIT_NOTE_RE.match(inner))
        ):
            return Closing(note=inner)
        if inner[:1] in _DRAFTER_STARTS and (drafter := _DRAFTER_RE.match(inner)):
            # （执笔人：汤俊峰）, （执笔：陈小冬，…研究员）: who drafted a group's article
            return Closing(bylines=parse_people(drafter.group("names"), default_role="writer") or [], note=inner)
        if last in _GROUP_AUTHOR_ENDS and _GROUP_AUTHOR_RE.match(inner):
            return Closing(note=inner)  # （华电科工股份有限公司党委）: a body's article, signed by the body
        people = parse_people(inner, default_role="writer")
        if people:
            return Closing(bylines=people)
    return None


def signs_the_story(closing: Closing) -> bool:
    """Whether a closing line signs the story off as a byline would: a dateline with its
    reporters (``（新华社北京4月30日电  记者齐中熙）``), a group that wrote it (``（某公司党委）``)
    or its drafter (``（执笔人：汤俊峰）``). A note on the author (``（作者为…）``) is not: a
    page of several short pieces prints one under each."""
    if closing.dateline is not None:
        return bool(closing.bylines)
    note = closing.note
    return note is not None and (_GROUP_AUTHOR_RE.match(note) is not None or _DRAFTER_RE.match(note) is not None)


#: :func:`parse_closing`'s answers on the page being read: a line is read as a closing
#: line when it is classified, again when its article's end is shaped, and for a briefs
#: column's count of paragraphs.
_CLOSINGS = page_memo(_parse_closing)
_KNOWN_CLOSING = _CLOSINGS.get

# （文中当事人均为化名）: the paper's remark on the names in the story
_ALIAS_NOTE_RE = cre(r"^(?:文中|本文|以上|上述).{0,12}(?:化名|假名|隐去)")
# what a story's last line in brackets says of its making, not a byline of its own:
# （王平、李华参与采写）, （实习生王平亦有贡献）, （相关报道见第二版）, （本系列评论到此结束）,
# （完）. Kept as the note it is: the people it names helped, they are not the story's bylines
# (（本报记者赵敏整理）, who wrote it up, is one).
_CREDIT_NOTE_RE = cre(
    r"^[^（()）]{1,40}?(?:参与(?:采写|采访|报道|调研|撰写)|(?:亦|也)?对本文(?:亦|也)?有(?:所)?贡献|亦有贡献)$"
    rf"|^相关(?:报道|新闻|评论|链接)见(?:本报)?第?{PAGE_NO}版$"
    r"|^本(?:系列|组)?(?:评论|报道|专栏|栏目|系列)?(?:到此|至此)?(?:结束|完)$|^(?:全文)?完$"
)
#: (the patterns of a bracketed closing line asked only of one ending as their matches can:
#: a name in brackets, most of them, ends in none)
_CREDIT_NOTE_ENDS = ends_of(_CREDIT_NOTE_RE, both_scripts("写访道研献版束完") + "\n")
_AGENCY_ONLY_ENDS = ends_of(
    _AGENCY_ONLY_RE,
    both_scripts("".join(sorted({word[-1] for word in f"{_AGENCIES}|{_AGENCY_SUFFIXES}".split("|")}))) + "\n",
)
_GROUP_AUTHOR_ENDS = ends_of(_GROUP_AUTHOR_RE, both_scripts("委组部支员院所心会室厅校司团局") + "\n")

_TRAILING_BRACKET_RE = cre(r"[（(](?P<inner>[^（()）]{2,60})[）)]\s*$")


def split_trailing_closing(text: str) -> tuple[str, str, Closing] | None:
    """Split a closing bracket off the end of a paragraph: ``…说。（记者 张三）``."""
    if text[-1:] not in "）)" and text.rstrip()[-1:] not in "）)":
        return None  # (the pattern's match ends in a closing bracket and white space: most paragraphs end in 。)
    match = _TRAILING_BRACKET_RE.search(text)
    if not match or match.start() == 0:
        return None
    head = text[: match.start()].rstrip()
    if not head or head[-1] not in "。！？!?”…":
        return None
    closing = parse_closing(match.group())
    if closing is None or closing.note is not None:
        return None
    return head, match.group().strip(), closing
