"""Bylines and picture credits: ``记者王孟鹤 通讯员和佳佳``, ``本报记者 王 平``,
``文/图 X``, ``高鸿勋 摄``, ``新华社发``... into :class:`~convert_core.model.Contributor` lists.

:func:`parse_people` reads a run of labels and names and returns ``None`` when the
text is not such a run, so callers can use it as a test as well as a parser.
"""

from __future__ import annotations

import re

from ..model import Contributor
from ..regex_cache import regex
from .headlines import BRIEFS_WORDS, COLUMN_WORDS
from .text import HAN, MAX_PAGE_MEMO, any_word, both_scripts, cre, ends_of, fold, page_memo, strip_bullets

#: A paper's or an agency's commentator (``新华社评论员``): a writer's label, and a byline on
#: its own under a title (:data:`STANDALONE_LABELS`).
COMMENTATOR_LABELS = (
    "本报评论员",
    "新华社评论员",
    "人民日报评论员",
    "本报特约评论员",
    "新华社特约评论员",
    "特约评论员",
)

# Labels, longest first, with the roles they give the names after them. A label may
# give two roles (文/图: the writer took the pictures).
_LABELS: list[tuple[str, tuple[str, ...]]] = [
    (label, roles)
    for roles, labels in (
        (("writer", "photographer"), ["文/图", "文／图", "文图", "图文"]),
        (
            ("photographer",),
            ["摄影记者", "本报摄影记者", "新华社摄影记者", "本版摄影", "摄影", "摄", "图片", "图"],
        ),
        (
            ("reporter",),
            [
                "本报特派记者",
                "本报特约记者",
                "本报首席记者",
                "本报全媒体记者",
                "本报融媒体记者",
                "本报记者",
                "新华社记者",
                "中新社记者",
                "新华社特约记者",
                "人民日报记者",
                "全媒体记者",
                "融媒体记者",
                "特派记者",
                "特约记者",
                "首席记者",
                "驻站记者",
                "参与记者",
                "采写",
                "记者",
            ],
        ),
        (("correspondent",), ["本报特约通讯员", "本报通讯员", "特约通讯员", "通讯员"]),
        (("trainee",), ["本报见习记者", "本报实习记者", "见习记者", "实习记者", "实习生", "见习生", "培训生"]),
        (("editor",), ["责任编辑", "本版编辑", "责编", "编辑", "编审", "审校", "审读", "校对"]),
        (("graphics",), ["版式设计", "美术编辑", "美编", "制图", "绘图", "设计", "漫画", "组版"]),
        (("translator",), ["编译", "翻译"]),
        (("writer",), ["读者", "网友", "市民", "居民", "村民"]),
        (
            ("writer",),
            [
                *COMMENTATOR_LABELS,
                "评论员",
                "作者",
                "撰文",
                "特约撰稿",
                "撰稿",
                "执笔",
                "文",
            ],
        ),
    )
    for label in labels
]
_LABELS.sort(key=lambda pair: -len(pair[0]))
_LABEL_ROLES = dict(_LABELS)
_LABELS_RE = regex("|".join(re.escape(label) for label, _roles in _LABELS))  # longest first
# any label anywhere, in either script: a text without one names nobody unless a default
# role is given (affiliated labels, 晨报记者, end in 记者 or 通讯员 and are found too). Only
# whether one is there counts, so the pattern holds the labels no other label is part of
# (记者, not 本报记者; 文, not 文/图): every label holds one of them, and a search tries
# 29 words where a character could start one, not 72
_LABEL_WORDS = {label for label, _roles in _LABELS}
_ANY_LABEL_RE = regex(
    any_word(
        sorted(label for label in _LABEL_WORDS if not any(other != label and other in label for other in _LABEL_WORDS))
    )
)


def has_label(text: str) -> bool:
    """Whether ``text`` holds a label anywhere (either script): without one, and without
    a default role, :func:`parse_people` finds nobody and :func:`split_label` no label."""
    return _ANY_LABEL_RE.search(text) is not None


#: Labels that sign a letter: names before them are the writer's place.
SIGNATURE_LABELS = frozenset({"读者", "网友", "市民", "居民", "村民"})

#: Labels that are an institutional byline on their own (no name follows).
STANDALONE_LABELS = (
    *COMMENTATOR_LABELS,
    "本报编辑部",
    "本报调查组",
    "本报联合调查组",
)

#: A paper's or agency's own reporters (``晨报记者``, ``本报驻日本记者``), also of one of its
#: columns named in quotes (``新华社“新华视点”记者``; in a dateline's brackets ``“新华视点”记者``).
_AFFILIATED_LABEL_RE = regex(
    rf"^(?:(?:{HAN}{{1,6}}?(?:日报|晚报|晨报|早报|时报|都市报|报|电讯|社|台|网)|(?:本报|新华社|中新社|{HAN}{{1,6}}?)?驻{HAN}{{1,8}}?)"
    rf"(?:[“\"]{HAN}{{2,8}}[”\"])?|[“\"]{HAN}{{2,8}}[”\"])"
    r"(?P<role>摄影记者|特派记者|特约记者|首席记者|全媒体记者|融媒体记者|见习记者|实习记者|记者|通讯员)"
)
_TEAM_LABEL_RE = regex(rf"^{HAN}{{1,6}}?(?:报道组|记者站|通讯站)")
_LATIN_NAME_RE = regex(r"^[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){1,3}$")  # Javier Moreno
_NAME_RE = regex(rf"^{HAN}{{2,4}}$|^{HAN}{{1,8}}[·•](?:{HAN}|[·•]){{1,12}}$")
_NAME_SHORT_RE = regex(rf"^{HAN}{{1,4}}$")
_COLON_RE = cre(r"^[:：/／]")

#: Words that look like two-to-four character names but are not names.
NOT_NAMES = frozenset(
    [
        "同志",
        "先生",
        "女士",
        "老师",
        "朋友",
        "大家",
        "您好",
        "你好",
        "读者",
        "网友",
        "来信",
        "来稿",
        "追踪",
        "手记",
        "观察",
        "调查",
        "热线",
        "在线",
        "视点",
        "专访",
        "访谈",
        "之声",
        "本报",
        "记者",
        "通讯员",
        "新华社",
        "据悉",
        "近日",
        "今年",
        "日前",
        "目前",
        "昨天",
        "昨日",
        "今天",
        "今日",
        "下午",
        "上午",
        "晚上",
        "此外",
        "同时",
        "其中",
        "据了解",
        "据介绍",
        "会议",
        "活动",
        "图片",
        "资料",
        "资料图片",
        "供图",
        "受访者",
        "视觉中国",
        "东方IC",
        "人民视觉",
        "新华社发",
        "网络",
        "截图",
        "本版",
        "编者",
        "编者按",
        "来源",
        "综合",
        "整理",
        "报道",
        "摄影",
        "制图",
        "作者",
        "图文",
        "本网",
        "全文",
        "完",
        "未完待续",
        "责任编辑",
    ]
)


def split_label(token: str) -> tuple[str | None, str]:
    """Split a known label off the start of ``token``: ``记者王孟鹤`` -> (``记者``, ``王孟鹤``)."""
    # (the page memo asked by ``get``, a miss worked out here as Memo.__missing__ does:
    # its call cost a fifth of a microsecond more; an answer is a pair, never None)
    split = _KNOWN_SPLIT(token)
    if split is None:
        if len(_SPLITS) >= MAX_PAGE_MEMO:
            _SPLITS.clear()
        split = _SPLITS[token] = _split_label(token)
    return split  # type: ignore[no-any-return]


def _split_label(token: str) -> tuple[str | None, str]:
    folded = fold(token)
    # (the words' pattern asked only of a token opening with a label's first character)
    found = _LABELS_RE.match(folded) if folded[:1] in _LABEL_FIRSTS else None
    if found:
        label = found.group()
        rest = token[len(label) :]
        if label in SIGNATURE_LABELS and rest and not _COLON_RE.match(rest):
            return None, token  # 市民公园, 读者来信: a word, not 市民 + a name
        if len(label) > 1 or not rest or _COLON_RE.match(rest):
            return label, _COLON_RE.sub("", rest)
        # (文化传承, 文清丽, 文汇报记者: 文 glued to a word or a name, or a paper's name, is no label)
    # a paper's own reporters: 晨报记者, 都市报记者, 电视台记者 (each role ends in 者 or 员)
    match = _AFFILIATED_LABEL_RE.match(folded) if "者" in folded or "员" in folded else None
    if match:
        return match.group("role"), _COLON_RE.sub("", token[match.end() :])
    # a paper's local team: 萧山报道组, 富阳记者站 (its people report for the paper)
    match = _TEAM_LABEL_RE.match(folded) if "组" in folded or "站" in folded else None
    if match:
        return "通讯员", _COLON_RE.sub("", token[match.end() :])
    return None, token


#: :func:`split_label`'s answers on the page being read: a byline's tokens are split as a
#: credit's, a closing line's and an author line's, and a name's again within each.
_SPLITS = page_memo(_split_label)
_KNOWN_SPLIT = _SPLITS.get


def roles_of(label: str) -> tuple[str, ...]:
    """The roles a label gives (``记者`` -> ``("reporter",)``)."""
    return _LABEL_ROLES[fold(label)]


#: What no person's name ends in: a column's or a briefs column's word; and the last two
#: characters of each (a name's last two are looked up before the words are tried).
_NOT_NAME_ENDS = tuple(word for word in (*BRIEFS_WORDS, *COLUMN_WORDS) if len(word) >= 2)
_NOT_NAME_TAILS: dict[str, tuple[str, ...]] = {}
for _word in _NOT_NAME_ENDS:  # (a token ending with the tail is asked only of the words that end so)
    _NOT_NAME_TAILS[_word[-2:]] = (*_NOT_NAME_TAILS.get(_word[-2:], ()), _word)


def is_name(token: str, *, lenient: bool = False) -> bool:
    """Whether ``token`` can be a person's name (two to four ideographs, or a
    transliterated name with a middle dot). ``lenient`` also admits one ideograph."""
    folded = fold(token)
    if folded in NOT_NAMES or ((ends := _NOT_NAME_TAILS.get(folded[-2:])) is not None and folded.endswith(ends)):
        return False  # 同志, 来稿; 快报简讯, 新华时评 (a column's name)
    if _NAME_RE.match(token) or _LATIN_NAME_RE.match(token):
        return True
    return lenient and _NAME_SHORT_RE.match(token) is not None


#: The commonest Chinese surnames (about nine people in ten bear one): a name standing
#: alone where a subhead could stand (``◆韩浩月`` and ``◆基本案情`` look alike) must open
#: with one, or with a two-character surname (``欧阳``).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳欧管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
#: Two-character surnames, whose bearers' names run to four characters (``欧阳日辉``).
_COMPOUND_SURNAME_LIST = (
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 尉迟 长孙 宇文 司徒 夏侯 端木 "
    "公孙 呼延 澹台 公冶 宗政 濮阳 淳于 申屠 轩辕 钟离 闻人 赫连 南宫 独孤"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND_SURNAME_LIST.split())


def common_name(name: str) -> bool:
    """Whether ``name`` (two to four ideographs) opens with a common surname
    (:data:`COMMON_SURNAMES`, :data:`COMPOUND_SURNAMES`)."""
    return name[:2] in COMPOUND_SURNAMES or (name[:1] in COMMON_SURNAMES and len(name) <= 3)


_AFTER_LABELS = {"文": "文/", "图": "图/", "摄": "摄影/"}


def _role_after_name(match: re.Match[str], text: str) -> str:
    name, role = match.group(1), match.group(2)
    if name in _AFTER_LABELS:
        return match.group()  # 文/图 is a label, not a name
    if role == "文" and any(split_label(token)[0] for token in text[: match.start()].split()):
        return name  # 本报记者 邓 洁/文: the reporter wrote it
    return f"{_AFTER_LABELS[role]} {name}"


_ROLE_AFTER_NAME_RE = regex(r"(?<!\S)((?:\S\s)?\S+?)\s*[/／]\s*(文|图|摄)(?=\s|$)")
#: ``记者 张三 文 李四 摄``: the role after a name of two to four ideographs, with a space
#: (after one ideograph it is a name padded to three characters: 王 文 is 王文).
_ROLE_AFTER_NAME_SPACED_RE = cre(rf"(?<!\S)({HAN}{{2,4}})\s+(文|图|摄)(?=\s|$)")


_GLUED_LABEL_RE = cre(rf"((?:记者|通讯员|实习生)\s*{HAN}{{2,3}}?)(?=(?:本报)?(?:通讯员|记者|实习生){HAN})")


def _single_name_char(token: str) -> bool:
    """Whether ``token`` is one character of a padded name, alone or after its label."""
    if len(token) == 1:
        return split_label(token)[0] is None
    label, rest = split_label(token)
    return label is not None and len(rest) == 1 and rest not in "/／:："


def _spaced_group(match: re.Match[str]) -> str:
    """``\\1 `` as a function: a template string would make every ``sub`` call, matching
    or not, go through Python's template compiler and its cache."""
    return match.group(1) + " "


def _slashed_role(match: re.Match[str]) -> str:
    """``\\1/\\2`` as a function (no template compiler per call, as :func:`_spaced_group`)."""
    return f"{match.group(1)}/{match.group(2)}"


def _tokens(text: str) -> tuple[str, ...]:
    """The tokens of a run of labels and names (kept for the page: :data:`_TOKENS`)."""
    tokens = _KNOWN_TOKENS(text)  # (as split_label asks its memo: an answer is a tuple)
    if tokens is None:
        if len(_TOKENS) >= MAX_PAGE_MEMO:
            _TOKENS.clear()
        tokens = _TOKENS[text] = _split_tokens(text)
    return tokens  # type: ignore[no-any-return]


def _split_tokens(text: str) -> tuple[str, ...]:
    text = strip_bullets(text)
    if "文" in text or "图" in text or "圖" in text or "摄" in text or "攝" in text:  # (the roles it moves)
        text = _ROLE_AFTER_NAME_SPACED_RE.sub(_slashed_role, text)
    # "本报记者 邓 洁/文 黄 涛/图": the role after the name becomes a label before it
    if "/" in text or "／" in text:
        text = _ROLE_AFTER_NAME_RE.sub(lambda m: _role_after_name(m, text), text)
    # "记者张家豪通讯员王芳" (OCR lost the spaces): a second label glued to a name (each of
    # those labels ends in 者, 员 or 生)
    if "者" in text or "员" in text or "員" in text or "生" in text:
        text = _GLUED_LABEL_RE.sub(_spaced_group, text)
    # "记者：王平" / "文/图 X": keep a label's colon or slash with the label
    if ":" in text or "：" in text:
        text = _COLON_SPACE_RE.sub(_spaced_group, text)
    parts = [part for part in _TOKEN_SPLIT_RE.split(text) if part]
    # "王 平": two single ideographs in a row are one name padded to three characters
    merged: list[str] = []
    for part in parts:
        if merged and 2 < len(part) <= 5 and _single_name_char(merged[-1]) and part.endswith(_CLOSING_VERBS):
            verb = next(verb for verb in _LONGEST_VERBS_FIRST if part.endswith(verb))
            if len(part) - len(verb) == 1:  # 王 亮整理: the name's second character, then the verb
                merged[-1] += part[0]
                merged.append(verb)
                continue
        if merged and len(part) == 1 and _single_name_char(merged[-1]):
            merged[-1] += part  # 王 平, 文/王 雪
        elif merged and part[:1].isupper() and part.isascii() and _LATIN_WORDS_RE.match(merged[-1]):
            merged[-1] += " " + part  # a Latin name: Javier Moreno
        else:
            merged.append(part)
    # "本报记者 何 晴 整理", "记者 X Y 报道": the closing verb is part of the label; so is
    # where the story was filed from ("本报记者 王平 发自北京")
    while len(merged) > 1 and (
        fold(merged[-1]) in _CLOSING_VERBS or (merged[-1].startswith("发自") and len(merged[-1]) <= 10)
    ):
        merged.pop()
    return tuple(merged)


#: :func:`_tokens`' answers on the page being read: a line is parsed for people as a
#: byline, a closing line and an author line, with other default roles.
_TOKENS = page_memo(_split_tokens)
_KNOWN_TOKENS = _TOKENS.get


#: Verbs that close a byline (``记者 梁 晓 报道``): part of the label, never a name.
BYLINE_VERBS = ("报道", "报导", "采写", "综合报道")
_CLOSING_VERBS = (*BYLINE_VERBS, "整理", "采访整理", "编译", "参与采写")


#: ``文/图`` (``文/摄``) or ``摄影报道`` after the names (``■本报记者 钱七 文/图``,
#: ``新华社记者孙凡越摄影报道``): they wrote it and took its pictures.
_TRAILING_TEXT_AND_PICTURES_RE = regex(r"(?:\s(?:文\s*[/／]\s*[图摄]|[图摄]\s*[/／]\s*文)|\s?摄影报道)\s*$")


#: Characters that make :func:`_split_tokens` split, join or move a line's words (a list's
#: marks, a colon, a slash, the labels' and roles' characters it moves), or that a name
#: holds (a dot): a line without any is split at its spaces alone.
_TOKEN_MARKS = frozenset("、,，;；/／:：·•者员員生文图圖摄攝")
#: ... as a pattern: one search of a line for them runs in C, where ``isdisjoint`` made a
#: string of every character of the line (0.5 -> 0.12 us a title line).
_TOKEN_MARK_RE = regex("[" + re.escape("".join(sorted(_TOKEN_MARKS))) + "]")
#: The first character of every label (:data:`_LABELS`).
_LABEL_FIRSTS = frozenset(label[0] for label in _LABEL_WORDS)


def names_nobody(text: str) -> bool:
    """Whether :func:`parse_people` of ``text`` with a default role (not lenient) finds
    nobody, told without parsing it: the line holds none of :data:`_TOKEN_MARKS`, so its
    first word is its first token as printed, and that word is no name (five characters or
    more, not all ASCII, no closing verb that could leave a name), opens with no label
    and holds no affiliated or team label's word (``卫东区努力开创党务工作新局面``,
    ``把初心落在行动上 把使命担在肩膀上``): the parse stops at it. ``False`` where it may
    find someone."""
    if _TOKEN_MARK_RE.search(text) is not None:
        return False
    words = strip_bullets(text).split()
    if not words or (len(words) > 1 and len(words[1]) == 1):
        return False  # (a one-character word joins the one before it: 王 平)
    first = words[0]
    if len(first) <= 4 or first.isascii() or first.endswith(_CLOSING_VERBS):
        return False
    folded = fold(first)
    return not (folded[:1] in _LABEL_FIRSTS or "者" in folded or "员" in folded or "组" in folded or "站" in folded)


def parse_people(
    text: str,
    *,
    default_role: str | None = None,
    lenient: bool = False,
) -> list[Contributor] | None:
    """Parse a run of labels and names into contributors, or return ``None``.

    ``default_role`` is the role of names before any label (``None``: such names make
    the text not a byline). ``lenient`` admits one-character names, as inside a
    dateline's parentheses (``记者甲、乙``).
    """
    # (every match holds 图 or 摄: a line with neither, most, is not searched)
    trailing = _TRAILING_TEXT_AND_PICTURES_RE.search(text) if "图" in text or "摄" in text else None
    if trailing and text[: trailing.start()].strip():
        names = text[: trailing.start()]
        people = parse_people(names, default_role=default_role, lenient=lenient)
        if people is None:  # 钱七 文/图: names with no label of their own
            return parse_people("文/图 " + names.strip(), lenient=lenient)
        pictures = [Contributor(role="photographer", name=person.name) for person in people]
        return people + [person for person in pictures if person not in people]
    return _parse_people(text, default_role=default_role, lenient=lenient)


def _parse_people(text: str, *, default_role: str | None, lenient: bool) -> list[Contributor] | None:
    if not default_role and not _ANY_LABEL_RE.search(text):
        return None  # every name would need a label (most lines of a page end here)
    people: list[Contributor] = []
    roles: tuple[str, ...] | None = (default_role,) if default_role else None
    pending_label = False
    unlabelled = True  # every name so far came without a label
    for token in _tokens(text):
        label, rest = split_label(token)
        if label in SIGNATURE_LABELS and unlabelled:
            people.clear()  # （江苏淮安 读者 韩建国）: what came before the label is a place
        if label is not None:
            unlabelled = False
        # a label alone before this one (文/图 本报记者 X, 图 记者 Y) is chained to it
        chain: tuple[str, ...] | None = roles if pending_label and label is not None else None
        while label is not None:
            roles = roles_of(label)
            if chain == ("photographer",):
                roles = chain  # 图/本报记者 Y: the picture's label decides the role
            elif chain == ("writer", "photographer") and "photographer" not in roles:
                roles = (*roles, "photographer")  # 文/图 本报记者 X: X wrote it and took the pictures
            chain = roles
            pending_label = True
            if not rest:
                break
            token = rest
            label, rest = split_label(token)
            if label is None:
                rest = token
        else:
            rest = token
        if not rest:
            continue
        if label is None and rest[-1:] in ":：":
            return None  # 数据来源： is a field label, not a name
        rest = rest.strip(":：/／")
        if not rest:
            continue
        if len(rest) > 3 and rest.endswith(_CLOSING_VERBS):
            rest = _without_closing_verb(rest)  # 本报记者赵敏整理: the verb glued to the name
        if roles is None or not is_name(rest, lenient=lenient):
            return None
        for role in roles:
            people.append(Contributor(role=role, name=rest))
        pending_label = False
    if not people:
        label_only = strip_bullets(text)
        if pending_label and fold(label_only) in STANDALONE_LABELS:
            return [Contributor(role="writer", name=label_only)]
        return None
    return people


_LONGEST_VERBS_FIRST = sorted(_CLOSING_VERBS, key=len, reverse=True)


#: Another paper's or a magazine's reporter (``湖北日报记者``, ``《环球人物》记者``): the
#: label's first word names a medium.
_MEDIUM_REPORTER_RE = cre(
    r"^(?:《[^《》]{1,12}》|\S{1,10}?(?:日报|晚报|晨报|时报|周刊|杂志|报|社|台|网))(?:特约|首席|见习)?记者$"
)
#: An affiliation in brackets after the names (``赵 晖（中国传媒大学教授）``, ``（本报记者）``).
_BRACKETED_AFTER_RE = cre(r"^(?P<names>[^（(]+?)\s*[（(](?P<inner>[^（）()]{1,30})[）)]$")
#: What a writer's affiliation after the name ends in (a school, a class, a body, a post).
_AFFILIATION_END_RE = cre(
    r"(?:学校|中学|小学|大学|学院|研究院|研究所|研究中心|[班系校院所局厅委部处办]|公司|集团|医院|协会|学会|教授|研究员|主任|学生|[初高][一二三](?:（\d+）|\(\d+\))?)$"
)
#: Marks of a clause or a sentence: a line holding one is text, no author's line.
_AUTHOR_CLAUSE_MARKS = frozenset("，,；;。！!？?")


def author_line_people(text: str) -> list[Contributor]:
    """The people a line under a title names when the page sets it as the author's line
    but it is not a plain run of labels and names: all of it (``卜 谷``); the names after an
    office or a place (``中国作家协会主席 张宏森``, ``北京市怀柔区 赵 岑``: a spaced name is
    several words); another medium's reporters (``湖北日报记者 文 凯``); the names before a
    bracketed label or affiliation (``王 瑨 赵偲汝（本报记者）``, ``赵 晖（中国传媒大学教授）``) or
    before the school and class they write from (``许瓒  北京市第一七一中学  初三(20)班``).
    ``[]`` when it names nobody plainly (a line with a colon: a staff line, ``本期统筹：陈 娟``)."""
    text = text.strip()
    people = parse_people(text, default_role="writer")
    if people:
        return people
    if not text or _AUTHOR_CLAUSE_MARKS & set(text) or ":" in text or "：" in text:
        return []  # (a label with a colon is a staff line's, 本期统筹：陈 娟, or a speaker's)
    words = _TOKEN_SPLIT_RE.split(text)  # (zero-width spaces split too, and the empty words go)
    words = [word for word in words if word]
    if len(words) > 1 and _MEDIUM_REPORTER_RE.match(words[0]):
        return parse_people(" ".join(words[1:]), default_role="reporter") or []
    bracketed = _BRACKETED_AFTER_RE.match(text)
    if bracketed:
        inner = bracketed.group("inner").strip()
        label, rest = split_label(inner)
        if label is not None and not rest:  # （本报记者）: the label of the names before it
            return parse_people(inner + " " + bracketed.group("names"), default_role=None) or []
        return parse_people(bracketed.group("names"), default_role="writer") or []
    for cut in range(1, len(words)):
        tail = parse_people(" ".join(words[cut:]), default_role="writer")
        if tail:
            return tail  # 中国作家协会主席 张宏森: the office, then the name
    for cut in (1, 2):
        if cut < len(words) and _AFFILIATION_END_RE.search(words[-1]):
            named = parse_people(" ".join(words[:cut]), default_role="writer")
            if named and len(named) == 1:
                return named  # 许瓒 北京市第一七一中学 初三(20)班: the name, then where they write from
    return []


def _without_closing_verb(token: str) -> str:
    """``赵敏整理`` -> ``赵敏`` when what is left is a name (no name ends in 整理 or 报道)."""
    for verb in _LONGEST_VERBS_FIRST:
        if token.endswith(verb) and is_name(token[: -len(verb)]):
            return token[: -len(verb)]
    return token


# ------------------------------------------------------------------ Latin-script bylines

# By JOHN SMITH · By John Smith, Staff Correspondent · By JOHN SMITH and MARY JONES ·
# Par Jean Dupont · Von Jürgen Weiß: the word, then names (capitalised words, initials and
# particles), joined by commas and "and", then an optional title after a comma
_LATIN_BY_RE = regex(r"^(?:By|BY|Par|PAR|Von|VON)\s+(?P<rest>\S.*)$")
_LATIN_AND_RE = regex(r"\s*,\s*(?:and|und|et|&)\s+|\s+(?:and|AND|und|UND|et|ET|&)\s+|\s*,\s*")
_NAME_WORD_RE = regex(
    r"^(?:[^\W\d_][.]|[^\W\d_]{1,2}[.]?(?:-[^\W\d_][.])?|[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*[.]?)$"
)
_NAME_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "y",
        "zu",
        "ten",
        "ter",
        "bin",
        "al",
    ]
)
_NAME_SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "JR.", "SR."])
_ROMAN_RE = regex(r"^[IVX]{2,4}$")
# what a title after the names says the person is (Staff Correspondent, Associated Press Writer)
_LATIN_TITLE_ROLES = (
    ("correspondent", "correspondent"),
    ("correspondant", "correspondent"),
    ("korrespondent", "correspondent"),
    ("photographer", "photographer"),
    ("editor", "editor"),
    ("translated", "translator"),
    ("writer", "reporter"),
    ("reporter", "reporter"),
    ("staff", "reporter"),
)


def _latin_name(text: str) -> str | None:
    """A person's name in Latin script (two to five words: capitalised words, initials,
    particles such as ``van`` or ``de``), set in capitals or not; ``None`` when ``text``
    is not one. A name set all in capitals is given in title case (``JOHN O'BRIEN`` ->
    ``John O'Brien``): the capitals are the page's typography."""
    words = text.split()
    if not 2 <= len(words) <= 5 or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return None
    for word in words:
        if word in _NAME_SUFFIXES:
            continue
        if word.lower() in _NAME_PARTICLES and word.islower():
            continue
        if not word[:1].isupper() or not _NAME_WORD_RE.match(word):
            return None
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 3:
        return None
    if all(char.isupper() for char in letters):
        return " ".join(word if _ROMAN_RE.match(word) else word.title() for word in words)
    return text


def parse_latin_byline(text: str) -> list[Contributor] | None:
    """A Latin-script byline line: ``By JOHN SMITH``, ``By John Smith, Staff
    Correspondent``, ``By Ann Lee and Tom Wells``, ``Par Jean Dupont``, ``Von Jürgen
    Weiß``; ``None`` when ``text`` is not one. Names are reporters unless a title after
    them says otherwise (``Staff Correspondent``: correspondents)."""
    match = _LATIN_BY_RE.match(text.strip())
    if match is None or len(text) > 120:
        return None
    rest = match.group("rest").strip()
    parts = [part.strip() for part in _LATIN_AND_RE.split(rest) if part.strip()]
    role = "reporter"
    # the last comma part may be a title rather than a name: Staff Correspondent
    if len(parts) >= 2 and _is_title(parts[-1]):
        title = parts.pop().lower()
        role = next((given for word, given in _LATIN_TITLE_ROLES if word in title), "reporter")
    names: list[str] = []
    for part in parts:
        if part in _NAME_SUFFIXES and names:  # By John Smith, Jr.
            names[-1] += f", {part}"
            continue
        name = _latin_name(part)
        if name is None or name.split()[0].lower() in ("the", "our"):
            return None  # By the way…, By The Associated Press: no person's name
        names.append(name)
    return [Contributor(role, name) for name in names] if names else None


def _is_title(text: str) -> bool:
    """A title after a byline's names: ``Staff Correspondent``, ``Associated Press
    Writer``, ``Special Correspondent of The Star`` (words, one of them naming a trade)."""
    lower = text.lower()
    return (
        len(text) <= 60
        and any(word in lower for word, _role in _LATIN_TITLE_ROLES)
        and not any(char.isdigit() for char in text)
    )


# ------------------------------------------------------------------ picture credits

#: Credits that name an agency or a source rather than a person.
_AGENCY_CREDIT_RE = cre(
    r"^(?P<who>新华社|中新社|人民日报|人民视觉|视觉中国|东方IC|IC photo|CFP|受访者|受访单位|通讯员|本报|网络|资料)"
    r"(?:发|供图|提供|图片)$"
)
_SOURCE_ONLY_CREDITS = ("资料图片", "资料图", "网络图片", "图片来自网络", "本报资料图片")
_CREDIT_SUFFIX_RE = cre(r"^(?P<names>.+?)\s*[/／]?\s*(?:摄影|摄|拍摄)(?P<agency>\s*[（(][^（()）]{1,12}[）)])?$")
_CREDIT_PREFIX_RE = cre(r"^(?:本版摄影|本版图片|图片来源|摄影|图片|制图|绘图|漫画|摄|图)\s*[:：/／]?\s*(?P<names>.+)$")
_CREDIT_SLASH_RE = cre(r"^(?P<names>.+?)\s*[/／]\s*(?:图|摄)$")
_GROUP_CREDIT_RE = cre(r"^(?:本组图片|本组照片|本版图片|以上图片|图片|照片)(?:除署名外)?(?:均由|均为|由)\s*")
_COLON_SPACE_RE = regex(r"([:：])\s*")
_TOKEN_SPLIT_RE = regex(r"[\s\u200b\u200c\u200d\u2060\ufeff、,，;；]+")  # (zero-width spaces too: \u200b安 旭)
_LATIN_WORDS_RE = regex(r"^[A-Z][A-Za-z' .-]*$")
#: A writer named in a credit-like line (邓 洁/文, 文/邓洁, 张三 文 李四 摄): a byline, not a credit.
_WRITER_ROLE_RE = cre(rf"[/／]\s*文(?:\s|$)|(?:^|\s)文\s*[/／]|(?<!\S){HAN}{{2,4}}\s+文\s")
_BRACKETED_RE = regex(r"^[（(](.+)[）)]$")
_CREDIT_BOUNDARY_RE = regex(r"[。！？!?）)”\s]$")
_AGENCY_NAME_RE = cre(r"^(?:新华社|中新社|视觉中国|人民视觉|东方IC|IC photo|CFP|图虫创意|全景网|新华网|人民网)$")
_ORGANIZATION_RE = regex(rf"^{HAN}{{2,16}}$")
_SUPPLIED_RE = cre(r"^(?P<names>.+?)\s*(?:供图|提供)$")
#: (the credit patterns whose names come first asked only of a line ending as their matches
#: can: each tries its words' end at every character of the line, a microsecond or two)
_CREDIT_SUFFIX_ENDS = ends_of(_CREDIT_SUFFIX_RE, both_scripts("影摄") + "）)\n")
_CREDIT_SLASH_ENDS = ends_of(_CREDIT_SLASH_RE, both_scripts("图摄") + "\n")
_SUPPLIED_ENDS = ends_of(_SUPPLIED_RE, both_scripts("图供") + "\n")
# what parse_credit needs: every credit it reads has one of these (摄, 图 in 供图/制图/资料图片,
# 发 in 新华社发, 提供, 漫画); the tail rule below asks for more (its own word list)
_CREDIT_NEEDS_RE = regex(any_word(("图", "摄", "发", "提供", "漫画")))


#: A role before or after a name with a slash (``文/记者 张明``, ``图/李华``, ``张明/文``).
_SLASHED_ROLE_RE = cre(r"(?:^|\s)[文图摄]\s*[/／]|[/／]\s*[文图摄](?:\s|$)")


def slash_signed(text: str) -> bool:
    """Whether an author's line names its people's roles with slashes (``文/记者 张明
    图/记者 李华``), not in brackets: the way a feature or a photo story is signed at its
    top, over its title or under it (a story's closing byline is in brackets, or ends in
    ``报道``)."""
    return text[:1] not in "（(" and ("/" in text or "／" in text) and _SLASHED_ROLE_RE.search(text) is not None


_AGENCY_BEFORE_RE = cre(r"(?P<agency>新华社|中新社)发$")
#: ``徐骏 作`` after an agency's 发: who drew the cartoon (one to three names, a space before 作)
_DRAWN_BY_RE = cre(rf"^(?P<names>{HAN}{{2,4}}(?:\s+{HAN}{{2,4}}){{0,2}})\s+作$")
_NESTED_CREDIT_RE = cre(r"^(?P<agency>新华社|中新社)发\s*(?:[（(](?P<inner>[^（()）]+)[）)]|\s(?P<after>\S.*))$")


def parse_credit(text: str) -> list[Contributor] | None:
    """Parse a picture credit (``高鸿勋 摄``, ``本报记者 X 摄``, ``本版摄影 X``, ``制图 X``,
    ``新华社发``, ``受访者供图``, ``X摄（人民视觉）``) or return ``None``."""
    text = strip_bullets(text)
    if not text or len(text) > 60 or not _CREDIT_NEEDS_RE.search(text):
        return None
    if "文" in text and _WRITER_ROLE_RE.search(text):
        return None  # 邓 洁/文 黄 涛/图, 张三 文 李四 摄: a byline naming the writer too
    bracketed = _BRACKETED_RE.match(text)
    if bracketed:
        text = bracketed.group(1).strip()
    text = _GROUP_CREDIT_RE.sub("", text)  # 本组图片均由本报记者 X 摄
    if fold(text) in _SOURCE_ONLY_CREDITS:
        return []
    drawing = _DRAWING_LABEL_RE.match(text) if "：" in text or ":" in text else None
    if drawing and drawing.end() < len(text) and (inner := parse_credit(text[drawing.end() :])):
        # 漫画：新华社发 朱慧卿 作: the label says what was made, the credit who made it
        return [person if person.role == "contributor" else Contributor("graphics", person.name) for person in inner]
    # 新华社发（张三 摄）, 新华社发 张三摄
    nested = _NESTED_CREDIT_RE.match(text)
    if nested:
        inner_text = nested.group("inner") or nested.group("after")
        drawn = _DRAWN_BY_RE.match(inner_text)
        if drawn:  # 新华社发 徐骏 作: a cartoon or drawing the agency sent
            return [Contributor("graphics", name) for name in drawn.group("names").split()]
        inner = parse_credit(inner_text)
        if inner:  # the person is the credit; the agency stays in the attribution as printed
            return inner
        if inner is not None:
            return [Contributor("contributor", nested.group("agency"))]
    agency = _AGENCY_CREDIT_RE.match(text)
    if agency:
        return [Contributor("contributor", agency.group("who"))]
    last = text[-1:]
    for pattern, role, ends in (
        (_CREDIT_SUFFIX_RE, "photographer", _CREDIT_SUFFIX_ENDS),
        (_CREDIT_SLASH_RE, "photographer", _CREDIT_SLASH_ENDS),
        (_CREDIT_PREFIX_RE, None, None),
        (_SUPPLIED_RE, "contributor", _SUPPLIED_ENDS),
    ):
        if ends is not None and last not in ends:
            continue
        match = pattern.match(text)
        if not match:
            continue
        names = match.group("names").strip()
        if role is None:
            prefix = text[: match.start("names")].strip(" :：/／")
            role = "graphics" if fold(prefix) in ("制图", "绘图", "漫画") else "photographer"
            if _AGENCY_NAME_RE.match(names):
                return [Contributor("contributor", names)]  # 图/视觉中国: an agency
        if names.endswith("拍") or names.endswith("所"):
            return None  # 他拍摄 / 所摄: a sentence, not a credit
        if pattern is _SUPPLIED_RE and _ORGANIZATION_RE.match(names):
            return [Contributor("contributor", names)]  # 东州市体育局供图
        people = parse_people(names, default_role=role)
        if people is None:
            continue
        # labels before a photo credit say who the person is, the credit says what they did
        credited = [Contributor(role, person.name) for person in people]
        unique: list[Contributor] = []
        for person in credited:
            if person not in unique:
                unique.append(person)
        return unique  # an agency after the credit (X摄（人民视觉）) stays in the attribution
    return None


#: A drawing's label before its credit (``漫画：新华社发 朱慧卿 作``, ``插图：X``).
#: The labels of a drawing that stands for itself (a chart's ``制图：`` and ``绘图：`` go with it).
DRAWING_LABELS = ("漫画", "插图", "插画")
_DRAWING_LABEL_RE = cre(rf"^(?:{'|'.join(DRAWING_LABELS)}|绘图|制图)\s*[:：]\s*")


_TAIL_CREDIT_RE = cre(
    r"(?P<credit>(?:(?:本报|新华社|中新社)?(?:记者|通讯员|摄影记者)?\s*[^\s。！？!?，,；;：:“”]{1,4}(?:\s+[^\s。！？!?，,；;：:“”]{1,4}){0,5}\s*[/／]?\s*(?:摄影|摄)(?:\s*[（(][^（()）]{1,12}[）)])?|新华社发(?:\s*[（(][^（()）]+[）)])?|(?:本版摄影|摄影|制图)\s*[:：]?\s*\S{2,4}(?:\s+\S{2,4}){0,3}|图\s*[/／]\s*\S{2,10}(?:\s+\S{1,4}){0,3}|\S{2,8}\s?供图|资料图片))\s*$"
)


_SPACE_RUN_RE = regex(r"\s\s")
_NAME_BREAKS = "。！？!?，,；;：:“”"  # what the names before 摄 never hold
#: The widths of :data:`_TAIL_CREDIT_RE`'s alternatives where no two whitespace characters
#: stand together (each ``\\s*`` then takes one at most): before its 摄 (agency, label,
#: six names, a slash); then from the 摄影 label, the 图/ label, and …供图 (10; one more
#: leaves room for a space before 供图). A test measures them on the pattern.
TAIL_CREDIT_WIDTHS = {"before 摄": 40, "摄影": 26, "图/": 29, "供图": 11}


def _tail_credit_start(text: str) -> int:
    """Where a search for :data:`_TAIL_CREDIT_RE` in ``text`` can start and find what a
    search from the start finds: a credit ends where the line's trailing space starts, and
    each of its forms starts at most so far before that (:data:`TAIL_CREDIT_WIDTHS`), its
    names after the line's last sentence mark. (A search tries the pattern at every
    character: a long caption cost tens of microseconds.) 0 where no bound holds: two
    whitespace characters together, or 新华社发, whose bracket after it has no bound."""
    if "社发" in text or "社發" in text or _SPACE_RUN_RE.search(text):
        return 0
    body = text.rstrip()
    end = len(body)  # the credit's end: every form ends with a character that is no space
    starts = []
    # 摄影 or 摄 (then a bracketed agency or none) ends the names: find that 摄
    head = body
    if head[-1:] in "）)":
        opening = max(head.rfind("（"), head.rfind("("))
        inner = head[opening + 1 : -1]
        if opening < 0 or not 1 <= len(inner) <= 12 or "）" in inner or ")" in inner:
            head = ""
        else:
            head = head[:opening]
            if head[-1:].isspace():
                head = head[:-1]
    shot = len(head) - 1 if head[-1:] in "摄攝" else len(head) - 2 if head[-2:] in ("摄影", "攝影") else -1
    if shot >= 0:
        # the last sentence mark before the names, looked for back from 摄 only as far as
        # the widest names reach (one further back changes no start): a walk of a few
        # characters, where an rfind for each mark read the whole line thirteen times
        reach = max(0, shot - TAIL_CREDIT_WIDTHS["before 摄"])
        mark = -1
        for index in range(shot - 1, reach - 1, -1):
            if head[index] in _NAME_BREAKS:
                mark = index
                break
        starts.append(max(shot - TAIL_CREDIT_WIDTHS["before 摄"], mark + 1))
    window = body[-TAIL_CREDIT_WIDTHS["图/"] :]
    if "影" in window[-TAIL_CREDIT_WIDTHS["摄影"] :] or "图" in window or "圖" in window:
        starts.append(end - TAIL_CREDIT_WIDTHS["图/"])  # a label, then names (摄影 X, 制图 X, 图/X)
    if body.endswith(("供图", "供圖")):
        starts.append(end - TAIL_CREDIT_WIDTHS["供图"])
    if body.endswith(("资料图片", "資料图片", "资料圖片", "資料圖片")):
        starts.append(end - 4)
    return max(0, min(starts, default=end) - 1)


_CREDIT_WORDS = ("摄", "供图", "新华社发", "中新社发", "制图", "资料图", "图片", "绘图", "漫画", "图/", "图／")
# a caption's last 40 characters must hold one of these (in either script) before its tail is read
_TAIL_CREDIT_HINT_RE = regex(any_word(_CREDIT_WORDS))
_BRACKETED_TAIL_RE = regex(r"[（(](?P<inner>[^（()）]{2,40})[）)]\s*$")


def split_tail_credit(text: str) -> tuple[str, str, list[Contributor]] | None:
    """Split a credit off the end of a caption line.

    ``4月26日下午,王云超在...冲刷。高鸿勋 摄`` -> (caption, ``高鸿勋 摄``, [photographer 高鸿勋]).
    Returns ``None`` if the line does not end with a credit.
    """
    if not _TAIL_CREDIT_HINT_RE.search(text, max(0, len(text) - 40)):
        return None
    bracketed = _BRACKETED_TAIL_RE.search(text)
    if bracketed and bracketed.start() > 0:
        credits = parse_credit(bracketed.group("inner"))
        if credits is not None:
            head = text[: bracketed.start()].rstrip()
            agency = _AGENCY_BEFORE_RE.search(head)
            if agency and (agency.start() == 0 or _CREDIT_BOUNDARY_RE.search(head[: agency.start()])):
                # …AR眼镜。新华社发(戈 登 摄): the agency that sent the picture, then its
                # photographer (the credit; the agency stays in the printed attribution)
                credits = credits or [Contributor("contributor", agency.group("agency"))]
                return head[: agency.start()].rstrip(), text[agency.start() :].strip(), credits
            return head, bracketed.group().strip(), credits
    match = _TAIL_CREDIT_RE.search(text, _tail_credit_start(text))
    if not match:
        return None
    candidates: list[int] = []
    start = match.start("credit")
    head = text[:start]
    # the credit follows a sentence end, a bracket or a space, or is the whole line
    if not head.strip() or _CREDIT_BOUNDARY_RE.search(head):
        candidates.append(start)
    last = max(text.rfind(mark) for mark in "。！？!?")
    if 0 <= last < len(text) - 1:
        candidates.append(last + 1)
    for position in candidates:
        credit_text = text[position:]
        credits = parse_credit(credit_text.strip())
        if credits is not None:
            return text[:position].rstrip(), credit_text.strip(), credits
    return None
