"""Two-line title stacks weighed by their words: a kicker over the headline, or the headline
over a subheadline?

In plain text the two readings of a stack of two title lines look the same: nothing says
which line the paper set in the largest type. The role model (:mod:`.roles`) weighs the
lines' shapes and places; what is left is in the words. A kicker sets the scene or
strikes a slogan (``持续夯实基层基础 有效整合各方资源``), a headline says what happened
(``卫东区持续完善提升社区治理体系和能力``), a subheadline adds a detail or a figure
(``覆盖41个被巡察单位``). A small maximum-entropy model over the two lines' characters and
character pairs, their first and last characters and their lengths, fitted on the title
stacks of the development corpus's training pages (``stacks.crfsuite``, trained by
``benchmarks/corpus/train_model.py``), gives the odds of "kicker over headline"; they are
added, at :data:`STACK_WEIGHT` (in full on a page with no blank line, :func:`stack_weight`),
to the role model's own odds for the stack (the ratio of
the probabilities of the page's two readings, the rest read as the model reads it;
:func:`weigh_stacks`), and the stack takes the reading with the better sum. Only the shipped role model of pages whose lines
are whole paragraphs uses it (:func:`.roles.weighs_stacks`; a model fitted with
``convert train`` to a paper's own archive has learned that paper's stacks).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..modelfile import attribute_names
from ..regex_cache import regex
from . import pair_model
from .alignment import TITLE_LABELS
from .pair_model import EPSILON, PairModel, train_pairs
from .text import cre, nfkc

if TYPE_CHECKING:
    from .lines import Line

#: The shipped stack model.
STACK_MODEL = Path(__file__).absolute().with_name("models") / "stacks.crfsuite"
#: Its two labels: kicker over headline, headline over subheadline.
KICKER_HEADLINE, HEADLINE_SUBHEADLINE = "KH", "HS"
#: CRFsuite settings: a strong L1 keeps a few thousand character features of the tens of
#: thousands seen (the file stays under 50 kB) and read the test stacks best.
STACK_PARAMS: dict[str, Any] = {"c1": 1.0, "c2": 0.1, "max_iterations": 200}
#: How much the stack model's log-odds count against the role model's. Summed at full
#: weight they read People's Daily's test stacks best, but overruled the role model where
#: layout had made it sure (pages without indents, whose blank title slots tell the roles);
#: at half weight no input style of the test pages reads a stack worse (see
#: docs/reader-accuracy.md).
STACK_WEIGHT = 0.5
#: The weight on a page with no blank line at all: no gap or blank title slot tells the
#: role model a stack's roles, and the words count as much as it.
STACK_WEIGHT_NO_GAPS = 1.0
#: Role-model odds the words' can never outweigh at weight 1 (their odds are kept within
#: ±log(1/ε)).
_SURE_AT_ONE = math.log((1 - EPSILON) / EPSILON)


def stack_weight(units: list[Line]) -> float:
    """How much the stack model's odds count on the page of ``units``: :data:`STACK_WEIGHT`,
    or :data:`STACK_WEIGHT_NO_GAPS` where no line has a blank line over it (the seed with
    its blank lines left out read two of its five stacks the wrong way round)."""
    return STACK_WEIGHT if any(unit.blank_before for unit in units[1:]) else STACK_WEIGHT_NO_GAPS


#: The two title-line readings of a stack, as the role model's labels.
_READINGS = {("kicker", "headline"): KICKER_HEADLINE, ("headline", "subheadline"): HEADLINE_SUBHEADLINE}
#: The upper line's labels of the two readings.
_UPPER_LABELS = frozenset(upper for upper, _ in _READINGS)


#: The end of a line that signs a piece rather than titles it: an institution
#: (``…思想研究中心``, ``…校（院）务委员会``, ``…党的建设教研部``) or an office and a name
#: (``…党组书记、主任窦贤康``, ``…副校长（副院长）谢春涛``).
_SIGNATURE_END_RE = cre(
    r"(?:委员会|教研部|研究中心|研究院|研究所|研究会|中心组|学院|大学|党组|编辑部|课题组|办公室|党委)$"
    r"|(?:书记|主任|主席|部长|院长|校长|局长|厅长|委员|教授|研究员|会长|理事长|社长|总编辑|董事长|省长|市长|县长)"
    r"(?:[（(][^（()）]{1,8}[）)])?\s?(?:[^\W\d_A-Za-z]\s?){2,3}$"
)


def signs(text: str) -> bool:
    """Whether a line under a title is an institution's or an office-holder's signature
    (:data:`_SIGNATURE_END_RE`), which the role model may read as a subheadline: the stack
    model never makes it a headline. (Names alone under a title are the roles' own
    correction, :func:`.story_lines.bare_names`.)"""
    return _SIGNATURE_END_RE.search(text.strip()) is not None


def _plain(text: str) -> str:
    return " ".join(nfkc(text).split())


def _length_bucket(length: int) -> str:
    return str(min(length, 30) // 3)


_DIGIT_RE = cre(r"\d")
#: A subtitle's or a kicker's dash (``\u2015``: the horizontal bar, as GB2312's table decodes it).
_DASH_CHARS = ("—", "\u2015")


def stack_features(upper: str, lower: str) -> list[str]:
    """The features of a stack of two title lines (``upper`` over ``lower``)."""
    upper, lower = _plain(upper), _plain(lower)
    features: list[str] = []
    for side, text in (("a", upper), ("b", lower)):
        shown = text.replace(" ", "_")
        unigram, bigram = side + "u=", side + "b="
        features += [unigram + char for char in dict.fromkeys(shown)]
        features += [bigram + pair for pair in dict.fromkeys(map(str.__add__, shown, shown[1:]))]
        features += _line_features(side, text, shown)
    features.append(_length_difference(upper, lower))
    return features


def _line_features(side: str, text: str, shown: str) -> tuple[str, ...]:
    """A title line's features other than its characters and pairs (``side``: ``a`` the
    upper line, ``b`` the lower; ``shown``: its text with spaces shown)."""
    return (
        side + "s=" + shown[:1],
        side + "s2=" + shown[:2],
        side + "e=" + shown[-1:],
        side + "e2=" + shown[-2:],
        side + "len=" + _length_bucket(len(text)),
        side + ("sp=True" if " " in text else "sp=False"),
        side + ("dig=True" if _DIGIT_RE.search(text) else "dig=False"),
        side + ("dash=True" if text.endswith(_DASH_CHARS) or text.startswith(_DASH_CHARS) else "dash=False"),
        side + ("q=True" if "“" in text else "q=False"),
        side + ("comma=True" if "," in text else "comma=False"),
    )


def _length_difference(upper: str, lower: str) -> str:
    return f"d={max(-10, min(10, len(upper) - len(lower))) // 2}"


class _Vocabulary:
    """The features of :func:`stack_features` a stack model knows (the attributes of its
    file): its characters and character pairs by side, as the features they make, and
    for each side a pattern of the characters and one of the pairs (``None`` when it
    knows none), which find a line's known ones in the order they stand."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.unigrams = {side: _suffixed(names, side + "u=", 1) for side in "ab"}
        self.bigrams = {side: _suffixed(names, side + "b=", 2) for side in "ab"}
        self.unigram_re = {
            side: regex("[" + "".join(map(re.escape, sorted(chars))) + "]") if chars else None
            for side, chars in self.unigrams.items()
        }
        # (a lookahead finds pairs that overlap: ``ab`` and ``bc`` in ``abc``)
        self.bigram_re = {
            side: regex("(?=(" + "|".join(map(re.escape, sorted(pairs))) + "))") if pairs else None
            for side, pairs in self.bigrams.items()
        }


def _suffixed(names: frozenset[str], prefix: str, size: int) -> dict[str, str]:
    """The names made of ``prefix`` and ``size`` characters, by those characters."""
    return {name[len(prefix) :]: name for name in names if name.startswith(prefix) and len(name) == len(prefix) + size}


def known_stack_features(upper: str, lower: str, known: _Vocabulary) -> list[str]:
    """:func:`stack_features` without those the model does not know (``known``), in the
    same order: CRFsuite skips a feature its model does not name, so the model's odds are
    the same, and the tens of character features a stack makes that no model holds are
    neither made nor handed to it."""
    upper, lower = _plain(upper), _plain(lower)
    features: list[str] = []
    for side, text in (("a", upper), ("b", lower)):
        shown = text.replace(" ", "_")
        # the known characters and pairs where they first stand, found by a pattern of
        # them (in C), not by a lookup of every character and a string of every pair
        if (chars := known.unigram_re[side]) is not None:
            features += map(known.unigrams[side].__getitem__, dict.fromkeys(chars.findall(shown)))
        if (pairs := known.bigram_re[side]) is not None:
            features += map(known.bigrams[side].__getitem__, dict.fromkeys(pairs.findall(shown)))
        features += filter(known.names.__contains__, _line_features(side, text, shown))
    last = _length_difference(upper, lower)
    if last in known.names:
        features.append(last)
    return features


class StackModel(PairModel):
    """The stack model (:class:`.pair_model.PairModel`)."""

    labels = (KICKER_HEADLINE, HEADLINE_SUBHEADLINE)

    def __init__(self, path: Path) -> None:
        super().__init__(path, "stack model")
        self._known: _Vocabulary | None = None

    def kicker_odds(self, upper: str, lower: str) -> float:
        """The log-odds that ``upper`` is a kicker over the headline ``lower`` (rather than
        the headline over the subheadline ``lower``), kept within ±log(1/ε)."""
        if "\x00" in upper or "\x00" in lower:  # (CRFsuite would read a name only up to a NUL)
            return self.odds([stack_features(upper, lower)], KICKER_HEADLINE)[0]
        if self._known is None:
            self._known = _Vocabulary(attribute_names(self._data))
        return self.odds([known_stack_features(upper, lower, self._known)], KICKER_HEADLINE)[0]


#: The least stacks of each reading a paper's own stack model is trained on
#: (``convert train``): with fewer, its role model reads without one.
MIN_STACKS = 10


def shipped_model() -> StackModel | None:
    """The shipped stack model, read once; ``None`` when it is not there."""
    return pair_model.shipped(StackModel, STACK_MODEL)


#: The suffix of a paper's own stack model beside its role model (``MODEL.stacks``).
SUFFIX = ".stacks"


def beside(role_model: Path) -> Path:
    """Where ``convert train`` writes the stack model of a role model it trains:
    ``MODEL.stacks`` beside ``MODEL``."""
    return pair_model.beside(role_model, SUFFIX)


def model_beside(role_model: Path) -> StackModel | None:
    """The stack model trained with a paper's own role model (:func:`beside`), or ``None``
    when there is none (read again when the file changes); a damaged one is a
    :class:`.errors.UsageError` naming it."""
    return pair_model.model_beside(StackModel, role_model, SUFFIX)


def stack_candidates(labels: list[str]) -> list[int]:
    """The first lines of the two-line title stacks the labels read as kicker over headline
    or headline over subheadline (runs of exactly two title labels)."""
    found = []
    last = len(labels) - 1
    for index, label in enumerate(labels):
        if (
            label in _UPPER_LABELS  # (most lines are body: no pair of labels made for them)
            and index < last
            and (label, labels[index + 1]) in _READINGS
            and (index == 0 or labels[index - 1] not in TITLE_LABELS)
            and (index + 2 > last or labels[index + 2] not in TITLE_LABELS)
        ):
            found.append(index)
    return found


#: A subtitle naming the piece's genre (``…生态日主场活动侧记``, ``…经济形势综述``): on the
#: corpus's gold pages every title ending so (50, People's Daily and Study Times) is a
#: subheadline, under its headline. So is (stop 34, People's Daily's and Xinmin Evening
#: News's training pages, every one of them a subheadline of a two-line stack) a reporter's
#: notes or impressions (``…手记``, ``…见闻``: 8), the speeches of a meeting in extracts
#: (``…发言摘编``: 12) and stories told of someone (``…的故事``: 6) — these last at the
#: line's end, not in a column's tag (``…（海洋经济高质量发展一线见闻）`` closes a headline).
_GENRE_SUBTITLE_RE = cre(r"(?:侧记|综述|纪实|述评|速写|札记)[）)]?$|(?:手记|见闻|摘编|的故事)$")
#: An interview's subtitle (``访国家卫生健康委党组书记、主任雷海潮``, with or without its
#: dash): 63 titles of the gold open so, all subheadlines but one headline that carries its
#: column's tag (``访赛珍珠故居（旅人心语）``); a visit's sentence (``访问期间，…``) is none.
_INTERVIEW_SUBTITLE_RE = cre(r"^[—－\u2015]*\s*访(?![问谈])[^，,。！？!?（()）]{3,40}$")
#: Other subtitles that say what the piece is by how they open or close (stop 34; the
#: training pages' two-line stacks, every one a subheadline): a conversation or an interview
#: (``对话…``, ``专访…``: 4), an account of someone's life (``追记…``), a portrait
#: (``走近…``: 5), a piece written for a day (``写在…之际``: 12), a commentary series'
#: subtitle (``论学习贯彻…``: 13; not ``论坛…``), a review of a work (``评…《…》``,
#: ``观电影《…》``, ``读…《…》``, ``谈…《…》的创作``: 22), a piece's genre at its end
#: (``…观后``, ``…有感``, ``…创作谈``, ``…解读``, ``…的调研``, ``…剪影``, ``…纪事``,
#: ``…观察报告``: 27) and an official's answers to the press (``…负责人就…答记者问``: 7;
#: where the line opens with ``就`` the office is the line over it, a kicker: 6 of 6).
_PIECE_SUBTITLE_RE = cre(
    r"^[—－\u2015]*\s*(?:(?:对话|专访|追记|走近|写在|论(?![坛文证述语]))\S"
    r"|[评观读谈][^，,。！？!?]*《"
    r"|(?!就).{4,}答记者问$"
    r"|.+(?:观后|有感|创作谈|解读|的调研|剪影|纪事|观察报告)$)"
)


def genre_subtitles(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack whose lower line names the piece's genre
    (:data:`_GENRE_SUBTITLE_RE`), whom it interviews (:data:`_INTERVIEW_SUBTITLE_RE`) or
    what kind of piece it is (:data:`_PIECE_SUBTITLE_RE`)
    as headline over subheadline (``从一片绿到满目新`` /
    ``二〇二六年全国生态日主场活动侧记`` was read as kicker over headline); not where the
    headline runs on into it at a dash (PDF blocks: ``一场…接力——…工作纪实``, under its
    column's name). Changes ``labels`` in place."""
    for index in stack_candidates(labels):
        lower = units[index + 1].text.strip()
        if (
            labels[index] == "kicker"
            and (
                _GENRE_SUBTITLE_RE.search(lower)
                or _INTERVIEW_SUBTITLE_RE.match(lower)
                or _PIECE_SUBTITLE_RE.match(lower)
            )
            # 标题——…纪实: the headline run on, the upper line a kicker
            and not any(dash in lower.lstrip("—－\u2015 ") for dash in ("——", "\u2015\u2015"))
        ):
            labels[index], labels[index + 1] = "headline", "subheadline"


#: A title that only says a body issued a document or began an action, naming it by its
#: kind alone (``民政部等11部门印发意见``, ``市场监管总局开展专项行动``, ``国家卫生健康委发布提示``):
#: the verb, at most four characters, and the kind at the line's end.
_ANNOUNCEMENT_RE = cre(
    r"(?:发布|印发|出台|开展|公布|推出|启动|召开)[^，,“”《》\s]{0,4}"
    r"(?:方案|规划|意见|通知|提示|案例|行动|白皮书|报告|公报|办法|措施|索引|指南|清单|评议会)$"
)


#: A title that only says a text came out, naming it by its kind (``《求是》杂志发表习近平总书记重要文章``,
#: ``习近平在朝鲜媒体发表署名文章``, ``中央军委主席习近平签署通令``): the line under it is the text's own
#: title, or what the order does. (A speech, ``…发表重要讲话``, is news of its own: a headline or a
#: subheadline in the gold, and left out.)
_TEXT_ANNOUNCEMENT_RE = cre(r"(?:发表|签署)[^，,“”《》\s]{0,10}(?:文章|通令|命令)$")


def announcing_kickers(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack whose upper line only announces a document or an action
    by its kind (:data:`_ANNOUNCEMENT_RE`) as kicker over headline: the line under it says
    what the document says or the action does, and is the headline (``国家发展改革委印发行动方案``
    / ``法治护航民营经济`` was read as headline over subheadline). On the training pages' gold
    all 40 two-line stacks so are kicker over headline (9 of them on People's Daily's
    extracted training pages were read the other way round); a document named in full
    (``北京发布人工智能赋能科学研究实施方案``) or an action by its name (``…开展“平安原野—2026”专项
    行动``) is news of its own, and a lower line opening with a dash is a subheadline as
    printed. So is a title only saying a text came out (:data:`_TEXT_ANNOUNCEMENT_RE`:
    ``《求是》杂志发表习近平总书记重要文章`` / ``加快建设健康中国``; in all the corpus's gold 10
    titles so, every one a kicker). Changes ``labels`` in place."""
    _kickers_where(units, labels, _ANNOUNCEMENT_RE)
    _kickers_where(units, labels, _TEXT_ANNOUNCEMENT_RE)


#: A title naming only a leg of a competition's tour (``攀岩世界杯马德里站``,
#: ``世界超级摩托车锦标赛捷克站``).
_TOUR_LEG_RE = cre(r"(?:杯|赛)[^，,。！？!?\s]{0,8}站$")


def tour_leg_kickers(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack whose upper line only names a leg of a competition's
    tour (:data:`_TOUR_LEG_RE`) as kicker over headline: the line under it gives the
    result and is the headline (``攀岩世界杯马德里站`` / ``中国队获得1金2铜`` was read as
    headline over subheadline). On the training pages' gold all 7 two-line stacks so are
    kicker over headline. Changes ``labels`` in place."""
    _kickers_where(units, labels, _TOUR_LEG_RE)


#: A title line that only says when or in what case (an adverbial, no statement of its own): a
#: time or an occasion (``日本无条件投降81周年之际``, ``今年以来``, ``时隔22年``, ``截至6月底``),
#: or a problem the story answers (``针对无堂食外卖监管难等问题``), or a change from one state to
#: another (``从“分散守护”迈向“协同共治”``, ``从量身定制到散件组装``).
_ADVERBIAL_RE = cre(
    r"^(?:[^，,。；;！？!?“”—\u2015]*(?:之际|前夕|以来|期间|之时)|(?:时隔|截至|截止)[^，,。；;！？!?“”\s]{1,12}"
    r"|从[^，,。；;！？!?看—\u2015]{1,16}(?:到|迈向|走向)[^，,。；;！？!?看—\u2015]{1,16}"
    r"|(?:针对|面对|随着|围绕|对于|为了)[^，,。；;！？!?—\u2015]*(?:问题|难题|痛点|难点|堵点|短板|需求|挑战|风险|现象))$"
)


def adverbial_kickers(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack whose upper line is only an adverbial (:data:`_ADVERBIAL_RE`:
    when, or in what case) as kicker over headline: a headline states something, and the line
    under it does (``日本无条件投降81周年之际`` / ``一批日本侵华资料入藏南京`` was read as headline
    over subheadline). Of the corpus's gold titles so, 4 are kickers and none a headline (the
    12 subtitles ``——写在…之际`` open with their dash, under the headline), and with ``截至…``
    19 kickers more. A change from one state to another (``从“分散守护”迈向“协同共治”`` /
    ``环祁连山生态警务协作机制启动``) is a kicker over a title in all 22 two-line stacks of People's
    Daily's training and test pages that are not a subtitle with its dash, a genre's subtitle or a
    tagged headline (the rules after this one; as a lower line such a change may be the
    headline, ``校园体育`` / ``从跑圈跳操到百花齐放``). Changes ``labels`` in place."""
    _kickers_where(units, labels, _ADVERBIAL_RE)


#: A title line that goes on from the line over it, whose subject it leaves out: it opens with
#: "already", "year on year", "in all so far", "expected", "is to be held on"
#: (``已在16个州建成76座风电场``, ``同比增长1.8%``, ``累计完成沙化土地治理1.52亿亩``,
#: ``预计全年…``, ``将于6月22日至26日举办``).
_CONTINUING_RE = cre(r"^(?:已|同比|环比|累计|预计|将于)")
#: A title line that refers back to a place or a thing the line over it names: the people or
#: the market "there" (``当地消费者``), "its" (``就其实施``, ``及其…``), "that country" (``该国``).
_REFERS_BACK_RE = cre(
    r"当地(?:消费者|民众|居民|村民|群众|百姓|政府|企业|市场|经济|社会|学生|农民|牧民|产业)|[就对为及]其|该[国市省县区]"
)


def _refers_back(text: str) -> bool:
    """Whether a title line refers back to the line over it (:data:`_REFERS_BACK_RE`), outside
    its quotations (a quoted speaker's ``当地`` is the speaker's) and not as a subtitle printed
    with its dash."""
    return (
        not text.startswith(_DASH_CHARS) and _REFERS_BACK_RE.search(_QUOTED_OR_BRACKETED_RE.sub("", text)) is not None
    )


def continuing_subtitles(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack read as kicker over headline whose lower line goes on from
    the upper one (:data:`_CONTINUING_RE`: the subject left out is the upper line's) as
    headline over subheadline: the line over it says the news, and it adds a detail
    (``墨西哥加快推进能源转型`` / ``已在16个州建成76座风电场`` was read as kicker over headline), and so
    is one that refers back to what the upper line names (:func:`_refers_back`:
    ``德国新能源汽车市场加速扩大`` / ``多款中国品牌电动汽车受当地消费者青睐``). On the training pages'
    gold, 21 of the 22 two-line stacks whose lower line opens so are headline over subheadline,
    and all 3 whose lower line refers back; the other's upper line is an adverbial alone
    (``截至6月底`` / ``累计发电装机容量同比增10.8%``, :data:`_ADVERBIAL_RE`), and that kicker is left
    alone, as is an upper line that runs on into the lower at a dash or a colon. Changes
    ``labels`` in place."""
    for index in stack_candidates(labels):
        upper, lower = units[index].text.strip(), units[index + 1].text.strip()
        if (
            labels[index] == "kicker"
            and (_CONTINUING_RE.match(lower) or _refers_back(lower))
            and not _ADVERBIAL_RE.match(upper)
            and not upper.endswith((*_DASH_CHARS, "：", ":"))
        ):
            labels[index], labels[index + 1] = "headline", "subheadline"


#: A title reading a subject through one thing or a few (``从一粒海盐看一条产业链``,
#: ``三个视角看电力供需新变化``, ``三个关键词看首季能源形势``): an analysis's own title.
_ANALYSIS_TITLE_RE = cre(
    r"^(?:从[^，,。！？!?]{2,14}|[一二三四五六七八九十两\d]+(?:个|组|张|幅|大)?"
    r"(?:视角|关键词|维度|方面|数据|数字|镜头|细节|看点|变化))看"
)


def analysis_headlines(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack read as headline over subheadline whose lower line reads a
    subject through something (:data:`_ANALYSIS_TITLE_RE`) as kicker over headline: that line
    is the piece's title, the one over it sets the scene or gives the figure
    (``上半年全社会用电量同比增长5.3%`` / ``三个视角看电力供需新变化`` was read the other way round).
    On the gold of People's Daily's and Xinmin Evening News's pages all 14 two-line stacks so
    are kicker over headline (9 on training pages); a subtitle printed with its dash is left
    alone. Changes ``labels`` in place."""
    for index in stack_candidates(labels):
        lower = units[index + 1].text.strip()
        if labels[index] == "headline" and labels[index + 1] == "subheadline" and _ANALYSIS_TITLE_RE.match(lower):
            labels[index], labels[index + 1] = "kicker", "headline"


def _kickers_where(units: list[Line], labels: list[str], upper: re.Pattern[str]) -> None:
    """Read each two-line stack read as headline over subheadline whose upper line ``upper``
    finds as kicker over headline, unless the lower line opens with a dash (a subtitle as
    printed)."""
    for index in stack_candidates(labels):
        if (
            labels[index] == "headline"
            and labels[index + 1] == "subheadline"
            and upper.search(units[index].text.strip())
            and not units[index + 1].text.lstrip().startswith(("—", "－", "-", "\u2015"))
        ):
            labels[index], labels[index + 1] = "kicker", "headline"


#: What a clause count skips: quotations and brackets (``“这条热线，真办事，办真事”``,
#: a column's tag ``（…从“0”到“1”，把“1”拉长）``), whose commas are the quoted words' own.
_QUOTED_OR_BRACKETED_RE = cre(r"“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》|[（(][^（()）]*[）)]|【[^】]*】")
#: The marks that part a title's clauses.
_CLAUSE_BREAK_RE = cre(r"[，,；;]")
#: The clause breaks that make a title line a lead-in of three clauses or more.
MIN_LEAD_IN_BREAKS = 2


def clause_breaks(text: str) -> int:
    """How many commas and semicolons part ``text``'s clauses, outside its quotations and
    brackets (:data:`_QUOTED_OR_BRACKETED_RE`)."""
    return len(_CLAUSE_BREAK_RE.findall(_QUOTED_OR_BRACKETED_RE.sub("", nfkc(text))))


def clause_stacks(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack one of whose lines runs to three clauses or more
    (:data:`MIN_LEAD_IN_BREAKS` commas or semicolons outside quotes and brackets) and the
    other to fewer so that the longer-winded line is not the headline: a headline says one
    thing, a kicker or a subheadline leads in or lists the details (``冬病夏治，“三伏贴”这样贴``
    / ``每伏连贴3天，每天1次，每次贴敷6—8小时`` was read as kicker over headline). On the
    corpus's gold, 53 of the 53 two-line stacks so are read this way (40 such lines are the
    kicker, 13 the subheadline; People's Daily, Xinmin Evening News). Not where the upper line runs on into the lower at a dash (a kicker,
    whatever the lower line says). Changes ``labels`` in place."""
    for index in stack_candidates(labels):
        upper, lower = units[index].text.strip(), units[index + 1].text.strip()
        above, below = clause_breaks(upper), clause_breaks(lower)
        if labels[index] == "headline" and above >= MIN_LEAD_IN_BREAKS and below < MIN_LEAD_IN_BREAKS:
            labels[index], labels[index + 1] = "kicker", "headline"
        elif (
            labels[index] == "kicker"
            and below >= MIN_LEAD_IN_BREAKS
            and above < MIN_LEAD_IN_BREAKS
            and not upper.endswith(_DASH_CHARS)
        ):
            labels[index], labels[index + 1] = "headline", "subheadline"


#: A title closed by its column's tag (``从铁的纪律看底气（评论员观察）``): text, then a
#: bracket of 2 to 16 characters.
_TAGGED_TITLE_RE = cre(r"[^（(\s][（(][^（()）]{2,16}[）)]$")


def tagged_headlines(units: list[Line], labels: list[str]) -> None:
    """Read a two-line title stack whose upper line is closed by its column's tag
    (:data:`_TAGGED_TITLE_RE`) as the headline over its subheadline: the tag goes with the
    headline (on the training pages' gold, all 131 two-line stacks so are headline over
    subheadline; with the subtitle's dash lost, 3 of People's Daily's were read as a kicker
    over a headline). A tag on the lower line is the reading the models give already (1,043
    kickers to 18 subheadlines, most of these a date in brackets). Changes ``labels`` in
    place."""
    for index in stack_candidates(labels):
        if labels[index] == "kicker" and _TAGGED_TITLE_RE.search(units[index].text.strip()):
            labels[index], labels[index + 1] = "headline", "subheadline"


def _under_a_credited_caption(units: list[Line], labels: list[str], index: int) -> bool:
    """Whether the stack at ``index`` stands right under a picture's caption closed by its
    credit on the same line (``…进行冲刷。高鸿勋 摄``): the role model's odds of the stack's
    roles lean on that line (the seed's ``卫东区全面开展巡察整改“清零”行动`` / ``覆盖41个被巡察单位``
    read kicker over headline with the picture's wider gap closed), so the words count in full."""
    return index > 0 and labels[index - 1] == "caption" and units[index - 1].kind == "caption-credit"


def weigh_stacks(
    units: list[Line], labels: list[str], stack_odds: dict[int, tuple[str, str, float]], model: StackModel
) -> None:
    """Give each two-line title stack the reading (kicker over headline, or headline over
    subheadline) with the better sum of the role model's log-odds for it (``stack_odds``,
    by the stack's first unit: the model's labels of its two lines and its odds, see
    :attr:`.roles.Roles.stack_odds`) and the stack model's, counted at
    :data:`STACK_WEIGHT`. A stack whose labels are no longer the role model's (a rule
    changed them) is left as it is, and a line that signs the piece (:func:`signs`) is
    never made its headline. Changes ``labels`` in place."""
    weight = None
    for index in stack_candidates(labels):
        found = stack_odds.get(index)
        if found is None or found[:2] != (labels[index], labels[index + 1]):
            continue
        reading = _READINGS[found[:2]]
        if weight is None:
            weight = stack_weight(units)
        words = STACK_WEIGHT_NO_GAPS if _under_a_credited_caption(units, labels, index) else weight
        if abs(found[2]) >= words * _SURE_AT_ONE:
            continue  # the words could not turn it
        kicker = found[2] + words * model.kicker_odds(units[index].text, units[index + 1].text) > 0
        if kicker and reading == HEADLINE_SUBHEADLINE and not signs(units[index + 1].text):
            labels[index], labels[index + 1] = "kicker", "headline"
        elif not kicker and reading == KICKER_HEADLINE:
            labels[index], labels[index + 1] = "headline", "subheadline"


def gold_stacks(gold: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The two-line title stacks of a gold page: ``(upper, lower, label)`` for each article
    with a kicker and a headline but no subheadline, or a headline and a subheadline but
    no kicker."""
    found = []
    for item in gold.get("items", []):
        if not isinstance(item, dict) or item.get("type", "article") != "article":
            continue
        kicker, headline, subheadline = item.get("kicker"), item.get("headline"), item.get("subheadline")
        if not all(isinstance(text, str) or text is None for text in (kicker, headline, subheadline)):
            continue
        if kicker and headline and not subheadline:
            found.append((kicker, headline, KICKER_HEADLINE))
        elif headline and subheadline and not kicker:
            found.append((headline, subheadline, HEADLINE_SUBHEADLINE))
    return found


def train_stacks(stacks: Iterable[tuple[str, str, str]], output: Path) -> dict[str, int]:
    """Fit the stack model on ``(upper, lower, label)`` stacks and write it to ``output``
    (atomically); returns how many stacks of each reading it learned from."""
    examples = ((stack_features(upper, lower), label) for upper, lower, label in stacks)
    counts = train_pairs(examples, STACK_PARAMS, output, "stack model")
    return {KICKER_HEADLINE: counts.get(KICKER_HEADLINE, 0), HEADLINE_SUBHEADLINE: counts.get(HEADLINE_SUBHEADLINE, 0)}
