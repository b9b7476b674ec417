"""Fonts and languages: which typefaces a style's East Asian and Latin text use.

Styles name a font *role* (``song`` body serif, ``hei`` sans for headlines, ``kai`` and
``fang`` for kickers, bylines and captions); the page's language picks the typefaces for
simplified or traditional Chinese. Names are the Windows ones every Chinese Word install
has (SimSun 宋体, SimHei 黑体 ...); the font table gives each its Chinese name as an
alternative, its character set and its generic family, so Word, WPS and LibreOffice
(with Noto Serif/Sans CJK) substitute the right kind of face where it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Face:
    """A typeface of the font table."""

    name: str
    alt_name: str | None
    charset: str  # w:charset, hex: 86 GB2312, 88 Big5, 00 ANSI
    family: str  # w:family: roman (serif), swiss (sans), modern, auto
    panose: str


TIMES = Face("Times New Roman", None, "00", "roman", "02020603050405020304")
ARIAL = Face("Arial", None, "00", "swiss", "020B0604020202020204")

SIMPLIFIED = {
    "song": Face("SimSun", "宋体", "86", "roman", "02010600030101010101"),
    "hei": Face("SimHei", "黑体", "86", "modern", "02010609060101010101"),
    "kai": Face("KaiTi", "楷体", "86", "modern", "02010609060101010101"),
    "fang": Face("FangSong", "仿宋", "86", "modern", "02010609060101010101"),
}
TRADITIONAL = {
    "song": Face("PMingLiU", "新細明體", "88", "roman", "02020500000000000000"),
    "hei": Face("Microsoft JhengHei", "微軟正黑體", "88", "swiss", "020B0604030504040204"),
    "kai": Face("DFKai-SB", "標楷體", "88", "script", "03000509000000000000"),
    "fang": Face("DFKai-SB", "標楷體", "88", "script", "03000509000000000000"),
}

#: The Latin face paired with each role.
LATIN = {"song": TIMES, "hei": ARIAL, "kai": TIMES, "fang": TIMES}

_TRADITIONAL_REGIONS = {"tw": "zh-TW", "hk": "zh-HK", "mo": "zh-MO"}


@dataclass(frozen=True)
class Script:
    """The language settings of a document: ``w:lang`` values and the CJK faces."""

    latin: str  # w:lang/@w:val
    east_asia: str  # w:lang/@w:eastAsia
    traditional: bool
    chinese: bool = True  # a Chinese page: ambiguous punctuation (“”…—) set in the CJK face

    @property
    def faces(self) -> dict[str, Face]:
        return TRADITIONAL if self.traditional else SIMPLIFIED

    def east_asian(self, role: str) -> Face:
        return self.faces[role]

    def all_faces(self) -> list[Face]:
        """Every face a document in this script may name, for the font table."""
        seen: dict[str, Face] = {}
        for face in (TIMES, ARIAL, *self.faces.values()):
            seen.setdefault(face.name, face)
        return list(seen.values())


def script_for(language: str | None) -> Script:
    """The :class:`Script` of a BCP 47 page language (``zh-CN``, ``zh-Hant``, ``en`` ...).

    Chinese pages get ``w:lang w:val="en-US" w:eastAsia="zh-CN"`` (Latin runs checked as
    English, as Chinese Word writes it); other pages keep their language for Latin text
    and ``zh-CN`` for any Chinese in them.
    """
    tag = (language or "zh-CN").strip()
    parts = [part.lower() for part in tag.replace("_", "-").split("-") if part]
    if not parts:
        parts = ["zh", "cn"]
    if parts[0] != "zh":
        latin = "-".join([parts[0], *(p.upper() if len(p) == 2 else p.title() for p in parts[1:])])
        return Script(latin=latin, east_asia="zh-CN", traditional=False, chinese=False)
    region = next((part for part in parts[1:] if len(part) == 2), None)
    hant = "hant" in parts[1:]
    if region in _TRADITIONAL_REGIONS:
        return Script("en-US", _TRADITIONAL_REGIONS[region], True)
    if hant:
        return Script("en-US", "zh-TW", True)
    if region == "sg":
        return Script("en-US", "zh-SG", False)
    return Script("en-US", "zh-CN", False)
