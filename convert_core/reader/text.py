"""Character classes and small text predicates shared by the reader's modules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from ..regex_cache import regex

#: Ideographs, including the extension blocks and compatibility ideographs.
CJK_RANGES = (
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\U00020000", "\U0003134f"),
)
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: A letter that is not Latin: the ideographs (and kana, hangul...) in patterns. Written
#: as a negated class of categories, it compiles in microseconds, where a class of the
#: ideograph ranges costs milliseconds per pattern (Python builds a 64K bitmap for it).
HAN = r"[^\W\d_A-Za-z]"

#: Marks that can end a sentence (and so a paragraph).
SENTENCE_END = "。！？!?…"
#: Marks that may close a sentence after its final mark: quotes and brackets.
CLOSERS = "”’\"'）)】」』》〉］]"
#: Marks that can end a paragraph besides sentence ends (a list item, an introduction).
PARAGRAPH_END = SENTENCE_END + "：:；;"
#: Clause punctuation: a line holding one of these in the middle is text, not a headline.
CLAUSE_MARKS = "，,；;。"
#: Bullets that open byline lines and briefs (■本报记者, ▲...).
BULLETS = "■□◆◇●○▲△▼▽★☆◎※•·▪▫►▶◉➤"
#: All whitespace that can pad Chinese text, the full-width space included.
SPACE_RE = regex(r"[\s\u3000\u00a0\u2002-\u200a\u202f\u205f]+")

#: One ideograph (or other non-Latin letter), compiled once for the reader's modules.
HAN_RE = regex(HAN)
_LATIN_END_RE = regex(r"[A-Za-z0-9]$")
_LATIN_START_RE = regex(r"^[A-Za-z0-9]")
#: A number's digits ending a piece, after Chinese text (``总投资75.3``) …
_HAN_NUMBER_END_RE = regex(HAN + r"[0-9.,]{0,24}[0-9]$")
#: … and going on in the next piece into Chinese text (``3亿元``): one number cut by a column.
_NUMBER_INTO_HAN_RE = regex(r"^[0-9][0-9.,%]{0,24}(?:" + HAN + r"|[^\x00-\x7f]|$)")


#: Invisible characters a text may hold or lose on the way (zero-width spaces and joiners,
#: word joiner, byte-order mark): not compared, like whitespace.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


#: The full-width marks and space of Chinese text (``，`` ``（`` ``　``) with their
#: compatibility decompositions, the ASCII marks NFKC makes of them (:func:`nfkc`).
_FULL_WIDTH_FORMS = tuple((char, unicodedata.normalize("NFKD", char)) for char in "，：；！？（）　")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, sooner for Chinese text: its full-width
    marks (:data:`_FULL_WIDTH_FORMS`) are replaced by their decompositions, and when what
    that gives is in NFKC it is the answer (a character replaced by its decomposition
    leaves the text's NFKD, and so its NFKC, unchanged). Otherwise the full normalization:
    it costs a few microseconds a line where such a mark is."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    plain = text
    for char, decomposed in _FULL_WIDTH_FORMS:
        if char in plain:
            plain = plain.replace(char, decomposed)
    if plain is not text and unicodedata.is_normalized("NFKC", plain):
        return plain
    return unicodedata.normalize("NFKC", text)


def comparable(text: str | None) -> str:
    """A text as evaluation compares it: NFKC, every whitespace and zero-width character
    removed (``None`` gives ``""``)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).split())


def strip_bullets(text: str) -> str:
    """``text`` without surrounding spaces and bullets (``■本报记者 X`` -> ``本报记者 X``)."""
    return text.strip().strip(BULLETS).strip()


def join_glue(left: str, right: str) -> str:
    """What joins two pieces of a line cut by a column break: a space between two Latin
    words or numbers, nothing in Chinese text (nor inside a number of Chinese text, whose
    digits the break parted)."""
    # only the last two characters can hold a match of ``…$`` (the end, or a final
    # newline's left): searching the whole of a growing paragraph would be quadratic
    if not (_LATIN_END_RE.search(left[-2:]) and _LATIN_START_RE.match(right)):
        return ""
    if left[-1] in _DIGITS and right[0] in _DIGITS and _HAN_NUMBER_END_RE.search(left[-27:]):
        # a number in Chinese text cut by a column (``总投资75.3`` / ``3亿元``) is one number
        return "" if _NUMBER_INTO_HAN_RE.match(right) else " "
    return " "


_DIGITS = frozenset("0123456789")


def line_list(numbers: list[int], shown: int = 30) -> str:
    """Line numbers for a diagnostic: ``3, 7, 9`` (the first ``shown``, then ``...``)."""
    return ", ".join(map(str, numbers[:shown])) + ("..." if len(numbers) > shown else "")


#: :func:`pair_places` steps through a text by the pair's characters at most this many times.
_PLACE_TRIES = 16


def pair_places(text: str, pair: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where the two characters ``pair`` stand in ``text[start:end]``, in order: the places
    ``text.find(pair, …)`` gives one after another, overlapping ones too. Found by its two
    characters in turn (``str.find`` of one character skips through the text in C, where a
    search for two steps one or two characters at a time: a sixth of the time on a page of
    Chinese): from a place of the first, the next place of the second; where that is not
    the next character, the next first character that could stand before it. After
    :data:`_PLACE_TRIES` steps (both characters everywhere), the search for the pair."""
    if end is None:
        end = len(text)
    first, second = pair
    at = text.find(first, start, end)
    tries = 0
    while at != -1:
        after = text.find(second, at + 1, end)
        if after == -1:
            return
        if after == at + 1:
            yield at
        # no pair starts before ``after - 1`` but the one at ``at``
        onwards = at + 1 if after == at + 1 else after - 1
        tries += 1
        if tries == _PLACE_TRIES:
            at = text.find(pair, onwards, end)
            while at != -1:
                yield at
                at = text.find(pair, at + 1, end)
            return
        at = text.find(first, onwards, end)


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph (:data:`CJK_RANGES`, compared in line)."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0003134f"
    )


# runs of ideographs: the page minus its runs leaves the rest, which gives the count
# without making a string per ideograph (compiling the class takes ~3 ms, once: see
# regex_cache)
_CJK_RUN_RE = regex(f"[{CJK_CLASS}]+")


#: The first byte in UTF-16-BE of the ideographs of :data:`CJK_RANGES` in the BMP but
#: U+4D00 to U+4DBF (byte 4D: U+4DC0 on are no ideographs) ...
_CJK_HIGH = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0), 0xF9, 0xFA])
#: ... and the first bytes that leave a character's class to the pattern: 4D, and a high
#: surrogate (a character past U+FFFF, ideographs among them).
_CJK_UNSURE_HIGH = bytes([0x4D, *range(0xD8, 0xDC)])
#: The ideographs of :data:`CJK_RANGES` past U+FFFF (its one range there).
_CJK_ASTRAL_RE = regex("[" + "".join(f"{low}-{high}" for low, high in CJK_RANGES if low > "\uffff") + "]")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text`` (counted by the first byte of each character
    in UTF-16, ``bytes.translate`` in C, unless one of :data:`_CJK_UNSURE_HIGH` is there:
    then by the runs of the class; where only characters past U+FFFF are unsure, a rare
    name's character as 𫖯, the rest by their first byte and those by the class's range
    past U+FFFF: a pattern of one range, a third of the runs' cost)."""
    high = text.encode("utf-16-be", "surrogatepass")[0::2]
    size = len(high)
    if len(high.translate(None, _CJK_UNSURE_HIGH)) != size:
        if 0x4D in high:
            return len(text) - len(_CJK_RUN_RE.sub("", text))
        # (a surrogate's first byte, D8 to DF, is none of _CJK_HIGH: only the BMP's counted)
        return size - len(high.translate(None, _CJK_HIGH)) + len(_CJK_ASTRAL_RE.findall(text))
    return size - len(high.translate(None, _CJK_HIGH))


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph (``cjk_count(text) > 0``, found by one search
    that stops at the first)."""
    return _CJK_RUN_RE.search(text) is not None


#: The most answers a memo keeps (:class:`Memo`): past it, it starts again.
MAX_PAGE_MEMO = 100_000


class Memo(dict):  # type: ignore[type-arg]
    """What ``work`` gives for a key, worked out once and kept (``memo[key]``), up to
    :data:`MAX_PAGE_MEMO` keys. Made by :func:`page_memo` for one page's texts; made
    directly for keys of a bounded set (a line's first character, a feature's name)."""

    def __init__(self, work: Callable[[Any], Any]) -> None:
        super().__init__()
        self.work = work

    def __missing__(self, key: Any) -> Any:
        if len(self) >= MAX_PAGE_MEMO:
            self.clear()  # (never reached by a real page)
        value = self[key] = self.work(key)
        return value


#: The answers kept for the page being read (:func:`page_memo`).
_PAGE_MEMOS: list[Memo] = []


def new_page() -> None:
    """Forget every :func:`page_memo`'s answers on the page read before."""
    for memo in _PAGE_MEMOS:
        memo.clear()


def page_memo(work: Callable[[str], Any]) -> Memo:
    """A :class:`Memo` of a pure function of a text, for the page being read: emptied
    when a page is read (:func:`new_page`), so it holds one page, never what another
    page asked."""
    memo = Memo(work)
    _PAGE_MEMOS.append(memo)
    return memo


def _measure(text: str) -> float:
    measured = text
    if " " in text or "\u3000" in text or "\t" in text:
        measured = "".join(text.split())  # SPACE_RE.sub("", text), in C
    return len(measured) - len(measured.encode("ascii", "ignore")) * 0.5


#: :func:`visible_length`'s answers on the page being read: the rules ask for the same
#: lines' lengths again and again (the line's width, whether it is a title, a stack line,
#: a verse line...).
_LENGTHS = page_memo(_measure)
_KNOWN_LENGTH = _LENGTHS.get


def visible_length(text: str) -> float:
    """Length as a reader sees it: ideographs count 1, Latin letters and digits 0.5."""
    # (the memo asked by ``get`` and a miss worked out here, as Memo.__missing__ does: the
    # miss's call of __missing__ cost a fifth of a microsecond more, a third of a miss)
    length = _KNOWN_LENGTH(text)
    if length is None:
        if len(_LENGTHS) >= MAX_PAGE_MEMO:
            _LENGTHS.clear()
        length = _LENGTHS[text] = _measure(text)
    return length  # type: ignore[no-any-return]


def squeeze(text: str) -> str:
    """Strip ``text`` and collapse every run of whitespace inside it to one space (the
    full-width space included: ``str.split`` splits at every character SPACE_RE holds)."""
    return " ".join(text.split())


_CLOSERS_AND_SPACE = CLOSERS + " "


def strip_closers(text: str) -> str:
    """``text`` without its trailing quotes and closing brackets."""
    return text.rstrip(_CLOSERS_AND_SPACE)


def ends_sentence(text: str, core: str | None = None) -> bool:
    """Whether ``text`` ends with a sentence-final mark (quotes and brackets after it
    allowed); in Latin script a full stop after a word in lower case that is no common
    abbreviation (``…the harbor.``, not ``Mr.``, ``J.``, ``3.``). ``core``: the text's
    :func:`strip_closers`, when the caller has it."""
    if core is None:
        core = strip_closers(text)
    if not core:
        return False
    if core[-1] in SENTENCE_END:
        return True
    # "……" and "......" are ellipses
    if core.endswith("...") or core.endswith("……"):
        return True
    return core[-1] == "." and _LATIN_STOP_RE.search(core) is not None


# a full stop after a word in lower case: the end of a Latin sentence, unless an abbreviation
_LATIN_STOP_RE = regex(
    r"(?<![A-Za-z])(?!(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Gov|Sen|Rep|Rev|Prof|Capt|Lt|Sgt|Hon|Mt|Ft|Co|Bros|vs|No|Nr|Ste|Mme|Mlle|Hr|Fr|bzw|usw|ca)\.$)"
    r"[A-Za-z]*[a-z]\.$"
)


def ends_paragraph(text: str, core: str | None = None) -> bool:
    """Whether a paragraph can end after ``text`` (sentence end, colon or semicolon);
    ``core``: as for :func:`ends_sentence`."""
    if core is None:
        core = text.rstrip(_CLOSERS_AND_SPACE)  # (strip_closers, without its call)
    if not core:
        return False
    if core[-1] in PARAGRAPH_END or ends_sentence(text, core):
        return True
    # a closing bracket after which nothing follows: （完） （据新华社）
    return text.rstrip().endswith(("）", ")")) and text.lstrip().startswith(("（", "("))


#: How a picture's caption opens in a story's text (``图为游客在花海中拍照留念。``): the
#: segmenter's dated captions and the role model's corrections both ask for these words.
PICTURE_WORDS = ("图为", "上图", "下图", "左图", "右图", "图中")
#: The date a picture's caption opens with (``4月24日``): the segmenter's dated captions and
#: the role model's picture run into a story both ask for it (each in its own pattern).
CAPTION_DATE = r"\d{1,2}月\d{1,2}日"
#: A wire's end mark closing a story's last paragraph: ``…渡过难关。（完）``.
END_MARK_RE = regex(r"\s*[（(]\s*(?:完|全文完|未完待[续續])\s*[）)]\s*$")


def ends_with_end_mark(text: str) -> bool:
    """Whether ``text`` closes its story with a wire's end mark (:data:`END_MARK_RE`)."""
    text = text.rstrip()
    return text[-1:] in "）)" and END_MARK_RE.search(text) is not None


def starts_as_continuation(text: str) -> bool:
    """Whether ``text`` looks like the rest of a cut sentence: it opens with a mark that
    never starts a sentence, or with a single character and then a comma (``步,确保``)."""
    if not text:
        return False
    if text[0] in "，,、；;：:。.！!？?）)》」』】”’":
        return True
    # (the pattern asked only where its second character can be: a line's second character)
    return text[1:2] in _CLAUSE_AFTER_ONE and _ONE_CHAR_CLAUSE_RE.match(text) is not None


def leaves_open(text: str) -> bool:
    """Whether ``text`` breaks off inside a quotation, a title or a bracket: it ends in an
    opening mark or an enumeration's comma (``…李泽标介绍：“``, ``制度升级、``), or it
    opens more quotes, titles or brackets than it closes (``“平台搭建了``). Where such a
    line is cut, what follows is the rest of its sentence."""
    last = text.rstrip()[-1:]
    if last and last in _OPEN_ENDS:
        return True
    # (a loop, where any() of a generator cost twice as much on a line with no such mark)
    unclosed = False
    for opener, closer in _PAIRED_MARKS:
        if opener in text and text.count(opener) > text.count(closer):
            unclosed = True
            break
    return unclosed


#: Marks a line can end in only where a column break cut it.
_OPEN_ENDS = "、“‘《（(「『〈【"
_PAIRED_MARKS = (("“", "”"), ("《", "》"), ("（", "）"), ("「", "」"), ("『", "』"))


# (问：/答： open the turns of a Q&A)
_ONE_CHAR_CLAUSE_RE = regex(r"^(?![问答][：:])[^，,、；;：:。\s“‘\"「『《（(][，,、；;：:。]")
_CLAUSE_AFTER_ONE = "，,、；;：:。"  # the pattern's second character


# ------------------------------------------------------------------ traditional script
# The reader's patterns are written in simplified characters; these pairs let them match
# traditional-script pages (Hong Kong, Taiwan, Macao) too: ``tc()`` widens a regular
# expression, ``fold()`` maps text to simplified for plain lookups. Both keep lengths,
# so positions found in folded text are positions in the original.
_PAIRS = (
    "万萬与與专專东東两兩为為习習于於云雲产產亲親从從价價众眾优優会會传傳体體们們儿兒关關兴興军軍农農"
    "冲衝划劃刘劉则則刚剛创創别別制製剧劇办辦务務动動劳勞势勢勋勳区區医醫华華协協单單卖賣卫衛厂廠历歷"
    "县縣参參双雙发發变變号號后後员員听聽启啟吴吳园園围圍图圖国國场場块塊坚堅坛壇报報声聲处處备備复復"
    "头頭奋奮奖獎妇婦学學宁寧宝寶实實审審对對导導将將尔爾层層岁歲岛島师師带帶帮幫广廣庄莊库庫应應开開"
    "张張弹彈归歸录錄径徑总總态態恶惡惊驚战戰户戶执執扩擴扫掃扬揚护護担擔拥擁择擇挂掛据據换換摄攝数數"
    "断斷无無旧舊时時显顯晓曉术術杂雜权權来來杨楊构構标標树樹样樣检檢楼樓横橫欢歡毕畢气氣汇匯汉漢没沒"
    "泽澤洁潔测測济濟涛濤润潤涨漲渐漸湾灣满滿灭滅灯燈灵靈灾災点點热熱焕煥爱愛状狀独獨献獻环環现現电電"
    "画畫畅暢疗療盖蓋盘盤监監码碼础礎确確礼禮离離种種积積称稱稳穩竞競笔筆筑築简簡签簽类類粮糧紧緊红紅"
    "约約级級纪紀纯純纲綱纳納纵縱纸紙线線练練组組细細终終绍紹经經绘繪给給络絡绝絕统統继繼绩績续續综綜"
    "绿綠编編缓緩缩縮网網罗羅职職联聯胜勝脑腦艺藝节節范範荣榮药藥获獲营營蓝藍虑慮虽雖补補袭襲见見观觀"
    "规規视視览覽觉覺计計订訂认認讨討让讓训訓议議讯訊记記讲講许許论論设設访訪证證评評识識诉訴词詞译譯"
    "试試诗詩话話询詢该該详詳语語误誤说說请請读讀课課谁誰调調谈談谋謀谢謝贝貝负負贡貢财財责責贤賢败敗"
    "货貨质質购購贵貴费費贺賀资資赛賽赵趙赶趕趋趨跃躍践踐车車转轉轮輪软軟轻輕载載较較辅輔辑輯输輸边邊"
    "达達迁遷过過运運还還进進远遠连連迟遲选選递遞遗遺邮郵邻鄰郑鄭释釋里裡钟鐘钢鋼钱錢铁鐵银銀锐銳锦錦"
    "镇鎮镜鏡长長门門闭閉问問间間闻聞阅閱队隊阳陽阶階际際陆陸陈陳险險随隨隐隱难難雾霧须須顶頂项項顺順"
    "顾顧领領频頻题題额額风風飞飛饭飯馆館马馬驻駐验驗鱼魚鸟鳥鸿鴻鹤鶴黄黃齐齊龙龍页頁览覽摊攤绑綁"
    "汤湯热熱鲁魯滨濱桥橋铺鋪馈饋觅覓缆纜浏瀏馈饋苏蘇读讀"
)
_S2T: dict[str, str] = {}
_T2S: dict[int, str] = {}
for _index in range(0, len(_PAIRS) - 1, 2):
    _simple, _traditional = _PAIRS[_index], _PAIRS[_index + 1]
    _S2T.setdefault(_simple, _traditional)
    _T2S[ord(_traditional)] = _simple


_TRADITIONAL_RE = regex("[" + "".join(sorted(chr(code) for code in _T2S)) + "]")


def fold(text: str) -> str:
    """``text`` with traditional characters mapped to simplified (same length)."""
    if _TRADITIONAL_RE.search(text) is None:
        return text
    return text.translate(_T2S)


def tc(pattern: str) -> str:
    """Widen a regular expression written in simplified characters to match the
    traditional forms too: ``本报讯`` -> ``本[报報][讯訊]`` (inside ``[...]`` the
    traditional character is added to the class)."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            out.append(char)
            escaped = True
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        traditional = _S2T.get(char)
        if traditional is None:
            out.append(char)
        elif in_class:
            out.append(char + traditional)
        else:
            out.append(f"[{char}{traditional}]")
    return "".join(out)


#: The characters ``\\s`` matches (and ``str.isspace`` holds): a gate (:func:`starts_of`) of a
#: pattern that may start with white space holds them all.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Anchored patterns with the characters every match of each starts with (:func:`starts_of`).
STARTS: list[tuple[re.Pattern[str], str]] = []


def starts_of(pattern: re.Pattern[str], chars: str) -> str:
    """``chars``, the characters every match of the anchored ``pattern`` starts with, kept
    with the pattern for the test that checks them. ``text[:1] in chars and
    pattern.match(text)`` asks the pattern only of a text that can match (an empty one
    too): the reader asks dozens of patterns of every line, and a character lookup costs
    a fraction of a pattern's call."""
    STARTS.append((pattern, chars))
    return chars


#: End-anchored patterns with the characters every match of each ends with (:func:`ends_of`).
ENDS: list[tuple[re.Pattern[str], str]] = []


def ends_of(pattern: re.Pattern[str], chars: str) -> str:
    """``chars``, the characters every match of the end-anchored (``$``) ``pattern`` ends
    with, and a line end (``$`` matches before a last one), kept with the pattern for the
    test that checks them: ``text[-1:] in chars and pattern.match(text)`` asks the pattern
    only of a text that can match, as :func:`starts_of` by a text's first character (most
    lines end in none of a closing word's last characters)."""
    ENDS.append((pattern, chars))
    return chars


def both_scripts(chars: str) -> str:
    """``chars`` with the traditional form of each (as :func:`tc` widens them)."""
    return "".join(char + _S2T.get(char, "") for char in chars)


def cre(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of :func:`tc` of ``pattern``: matches either script."""
    return regex(tc(pattern), flags)


def any_word(words: tuple[str, ...] | list[str]) -> str:
    """Regular-expression source for "any of ``words``" in either script, shaped for fast
    searching: one alternative per form of each word's first character (``邮编`` ->
    ``邮[编編]|郵[编編]``), so that every alternative starts with a plain character. The
    engine then skips to the next character a word can start with and tries only the
    words that start with it, where :func:`tc` of a plain alternation (``[邮郵][编編]``)
    tries every word at every position. The alternatives keep the order of ``words``
    (the first that fits wins)."""
    alternatives = [
        re.escape(first) + tc(re.escape(word[1:])) for word in words for first in word[0] + _S2T.get(word[0], "")
    ]
    return f"(?:{'|'.join(alternatives)})"


#: Box labels over a sidebar or a story's lead-in (``核心阅读``, ``■小贴士``, ``【相关新闻】``):
#: not headlines of their own, nor anybody's name.
BOX_LABEL_RE = cre(
    rf"^[{BULLETS}]?\s*[【\[]?(?:核心阅读|内容提要|阅读提示|延伸阅读|亲历者说|链接|相关链接|背景链接|新闻链接|"
    r"相关新闻|新闻背景|背景|名词解释|小贴士|小知识|温馨提示|特别提醒|记者手记|记者观察|"
    r"编后|编后语|编者按|短评|点评|数说|数读|图说|一句话新闻|观点|声音|现场|追问|知多少|记者追踪|你问我答)[】\]]?$"
)
_BOX_LABEL_STARTS = starts_of(
    BOX_LABEL_RE,
    WHITESPACE + "[·•※■□▪▫▲△▶►▼▽◆◇◉○◎●★☆➤【一亲内名图圖声小延数數新核温点特现現相知短編编聲背親觀观記记追链閱阅點你",
)


def is_box_label(text: str, length: float | None = None) -> bool:
    """Whether ``text`` is a box label (:data:`BOX_LABEL_RE`, at most 12 characters long;
    ``length``: its :func:`visible_length`, when the caller has it)."""
    if length is not None and length > 12:
        return False
    label = text.strip()
    if label[:1] not in _BOX_LABEL_STARTS:
        return False  # (before the length is measured: most lines start as no label can)
    if length is None and visible_length(text) > 12:
        return False
    return BOX_LABEL_RE.match(label) is not None


#: A picture's number opening its caption in a gallery: ``图①``, ``图2：``, ``③``.
FIGURE_LABEL_RE = cre(r"^(?:图\s*[①-⑳]|图\s*\d{1,2}\s*[：:.、，,]|[①-⑳]\s*)")
