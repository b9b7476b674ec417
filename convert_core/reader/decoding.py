"""Bytes to text: BOMs, UTF-8, GB18030/GBK and Big5 detection, binary files refused.

Chinese pages arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or in the legacy
GB18030/GBK and Big5 encodings. Without a BOM we try UTF-8, then score GB18030 and Big5
by how many of their characters are common Chinese characters, and refuse input that
is binary (a PDF or image given by mistake) or decodes as nothing plausible.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Diagnostic
from ..regex_cache import regex

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, EPUB...)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BM", None),  # bitmap: only when binary too
    (b"\xd0\xcf\x11\xe0", "an OLE document (DOC, XLS)"),
    (b"RIFF", "a RIFF file (WebP, WAV)"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The most frequent characters of Chinese news text, simplified and traditional.
_COMMON_SIMPLIFIED = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里"
    "用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日"
    "军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相"
    "见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名"
    "真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市"
    "直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路"
    "记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联"
    "持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百"
    "需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎"
    "查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古"
    "众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧"
    "黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐"
    "帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药"
    "适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈"
    "策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副"
    "乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾"
    "弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散"
    "温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探"
    "湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授"
)
_COMMON_TRADITIONAL = set(
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡"
    "用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日"
    "軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相"
    "見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名"
    "真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市"
    "直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路"
    "記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根幹造言聯"
    "持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫臺單影具羅字愛擊流備兵連調深商算質團集百"
)
_SIMPLIFIED_ONLY = _COMMON_SIMPLIFIED - _COMMON_TRADITIONAL
_TRADITIONAL_ONLY = _COMMON_TRADITIONAL - _COMMON_SIMPLIFIED
_SIMPLIFIED_ONLY_RE = regex("[" + "".join(sorted(_SIMPLIFIED_ONLY)) + "]")
_TRADITIONAL_ONLY_RE = regex("[" + "".join(sorted(_TRADITIONAL_ONLY)) + "]")


_IDEOGRAPHS_RE = regex("[\u4e00-\u9fff\u3400-\u4dbf]+")
_COMMON_RE = regex("[" + "".join(sorted(_COMMON_SIMPLIFIED | _COMMON_TRADITIONAL)) + "]+")  # all ideographs
_PRIVATE_USE_RE = regex("[\ue000-\uf8ff]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs ``pattern`` matches hold (counted in C:
    runs, as one match costs more than a character)."""
    return len(text) - len(pattern.sub("", text))


#: The first byte in UTF-16-BE of the characters :data:`_IDEOGRAPHS_RE` holds (U+3400 to
#: U+9FFF but U+4DC0 to U+4DFF: those of byte 4D are told apart by the pattern) and of
#: those :data:`_PRIVATE_USE_RE` holds (U+E000 to U+F8FF, all of bytes E0 to F8).
_IDEOGRAPH_HIGH = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0)])
_PRIVATE_HIGH = bytes(range(0xE0, 0xF9))


def _ideographs_and_private(text: str) -> tuple[int, int]:
    """``_count(_IDEOGRAPHS_RE, text)`` and ``_count(_PRIVATE_USE_RE, text)``, counted by
    the first byte of each character in UTF-16 (``bytes.translate``, a fraction of a
    pattern's pass over the text; a character past U+FFFF is two units, D8 to DF, neither)."""
    high = text.encode("utf-16-be", "surrogatepass")[0::2]
    size = len(high)
    private = size - len(high.translate(None, _PRIVATE_HIGH))
    if 0x4D in high:  # U+4D00 to U+4DFF: the pattern tells ideographs from hexagrams
        return _count(_IDEOGRAPHS_RE, text), private
    return size - len(high.translate(None, _IDEOGRAPH_HIGH)), private


def _score(text: str) -> float:
    """Share of ideographs in ``text`` that are common Chinese characters."""
    ideographs, private = _ideographs_and_private(text)
    if not ideographs:
        return 0.0
    common = _count(_COMMON_RE, text)
    return (common - 5 * private) / ideographs


def chinese_script(text: str) -> str | None:
    """``"Hans"`` or ``"Hant"`` by which script's distinctive characters dominate."""
    sample = text[:4_000]
    traditional = len(_TRADITIONAL_ONLY_RE.findall(sample))
    if traditional == 0:  # the common case: one distinctive simplified character decides
        return "Hans" if _SIMPLIFIED_ONLY_RE.search(sample) else None
    simplified = len(_SIMPLIFIED_ONLY_RE.findall(sample))
    return "Hant" if traditional > simplified else "Hans"


_CONTROL_BYTES = bytes([*range(0, 9), *(byte for byte in range(14, 32) if byte != 27)])


#: Every magic number of :data:`_MAGIC`, for one test of a page's start (most pages hold none).
_MAGIC_STARTS = tuple(magic for magic, _ in _MAGIC)


def _binary_kind(data: bytes) -> str | None:
    head = data[:16]
    if head.startswith(_MAGIC_STARTS):  # (one call in C for the fourteen: most pages start with none)
        for magic, kind in _MAGIC:
            if head.startswith(magic) and kind:
                return kind
    sample = data[:4096]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > 0.1:
        return "a binary file"
    return None


def _plausible_text(text: str) -> float:
    """Share of ``text`` (a sample) that is printable or a line end or tab."""
    if not text:
        return 0.0
    return sum(1 for char in text if char.isprintable() or char in "\n\r\t") / len(text)


def _utf32_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(encoding, text)`` when ``data`` is UTF-32 without a byte-order mark; an
    :class:`InputError` naming UTF-32 when it looks like it but does not decode (it was
    "input looks like a binary file").

    Every character of UTF-32 is four bytes of which the highest is zero and the next at
    most 0x10 (no code point is above U+10FFFF): on the last two bytes of each four in
    little-endian order, the first two in big-endian."""
    sample = data[: min(len(data), 8192) // 4 * 4]  # whole characters
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    name = next(
        (
            name
            for name, zero, low in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1))
            if sample[zero::4].count(0) == len(sample) // 4 and max(sample[low::4]) <= 0x10
        ),
        None,
    )
    if name is None:
        return None
    try:
        text = data.decode(name) if len(data) % 4 == 0 else ""
    except UnicodeDecodeError:
        text = ""
    if text and _plausible_text(text[:4096]) >= 0.95:
        return name, text
    if _plausible_text(sample.decode(name, "replace")) >= 0.8:
        raise InputError(
            f"input looks like UTF-32 without a byte-order mark but does not decode as {name.upper()}; "
            f"give its encoding with --encoding"
        )
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(encoding, text)`` when ``data`` is UTF-16 without a byte-order mark; an
    :class:`InputError` naming UTF-16 when it looks like it but does not decode.

    Text in UTF-16 has a zero byte in every ASCII character (line ends at least), all on
    one side of each pair; UTF-8 and the legacy Chinese encodings have none at all."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 2 or 3 * min(even, odd) > max(even, odd):
        return None  # zeros on both sides: binary, or UTF-32
    name = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data[: len(data) // 2 * 2].decode(name)
    except UnicodeDecodeError:
        text = ""
    if len(data) % 2 == 0 and text and _plausible_text(text[:4096]) >= 0.95:
        return name, text
    if _plausible_text(sample[: len(sample) // 2 * 2].decode(name, "replace")) >= 0.8:
        raise InputError(
            f"input looks like UTF-16 without a byte-order mark but does not decode as {name.upper()}; "
            f"give its encoding with --encoding"
        )
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, list[Diagnostic]]:
    """Decode ``data``; return the text, the encoding used and diagnostics.

    ``encoding`` forces an encoding. Raises :class:`~convert_core.errors.InputError`
    for binary data or bytes that are no plausible text.
    """
    diagnostics: list[Diagnostic] = []
    if encoding:
        from ..values import text_encoding

        encoding = text_encoding(encoding)  # a usage error for rot13, base64, zlib...
        try:
            text = data.decode(encoding)
        except UnicodeError as exc:  # (a few codecs raise a plain UnicodeError)
            if not isinstance(exc, UnicodeDecodeError):
                raise InputError(f"input is not valid {encoding}: {exc}") from None
            raise InputError(
                f"input is not valid {encoding}: byte {exc.start} ({data[exc.start : exc.start + 1]!r})"
            ) from None
        return text.removeprefix("\ufeff"), encoding, diagnostics
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name, diagnostics
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"input starts with a {name} byte-order mark but is not valid {name}: byte {exc.start}"
                ) from None
    wide = _utf32_without_bom(data) or _utf16_without_bom(data)
    if wide is not None:
        name, text = wide
        diagnostics.append(
            Diagnostic("encoding-detected", f"input has no byte-order mark; decoded as {name.upper()}", None, "info")
        )
        return text, name, diagnostics
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"input looks like {kind}, not text; give the page as plain text")
    try:
        return data.decode("utf-8"), "utf-8", diagnostics
    except UnicodeDecodeError as exc:
        first_error = exc.start
    candidates: list[tuple[float, str, str]] = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text), name, text))
    candidates.sort(key=lambda candidate: -candidate[0])
    if candidates and candidates[0][0] >= 0.35:
        score, name, text = candidates[0]
        diagnostics.append(
            Diagnostic(
                "encoding-detected", f"input is not UTF-8; decoded as {name} (confidence {score:.2f})", None, "info"
            )
        )
        return text, name, diagnostics
    # mostly UTF-8 with a few broken bytes: keep the text, mark the damage
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if damaged <= max(3, len(data) // 1000):
        line = data[:first_error].count(b"\n") + 1
        diagnostics.append(
            Diagnostic(
                "invalid-bytes-replaced",
                f"{damaged} invalid UTF-8 byte sequence(s) replaced by U+FFFD (first at byte {first_error})",
                line,
                "warning",
            )
        )
        return text, "utf-8", diagnostics
    raise InputError(
        f"input is not valid UTF-8 (byte {first_error}) and not plausible GB18030 or Big5 either; "
        "give its encoding with --encoding"
    )
