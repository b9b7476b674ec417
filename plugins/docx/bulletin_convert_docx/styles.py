"""The named styles of the document: what each looks like, as data.

A copy editor restyles the whole page by editing one of these in Word. Sizes follow
Chinese type sizes (二号 22 pt headline, 四号 14 pt kicker, 小四 12 pt body, 五号 10.5 pt
caption, 小五 9 pt credit); body text is justified with a two-character first-line indent
(``w:firstLineChars="200"``) and at least 22 pt line pitch; nothing is italic (CJK faces
have no italics). Built-in Word styles (Normal, heading 1/2, Body Text, Quote, TOC) keep
their names so the navigation pane, outline view and table of contents work.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Text width of an A4 page with Word's Chinese default margins (3.17 cm), in twips.
A4_TEXT_WIDTH = 11906 - 2 * 1800


@dataclass(frozen=True)
class StyleSpec:
    """One style: identity, inheritance and the few properties it sets.

    Sizes are in points, indents in hundredths of a character (``200`` = two
    characters), line pitch in twips (``rule`` ``atLeast``, ``exact`` or ``auto``
    where 240 means single spacing).
    """

    name: str
    style_id: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    next: str | None = None
    alias: str | None = None
    role: str = "song"
    size: float = 12
    bold: bool = False
    color: str | None = None
    align: str | None = None
    before: float | None = None
    after: float | None = None
    line: int | None = None
    rule: str = "atLeast"
    first_line_chars: int | None = None
    side_chars: int | None = None
    keep_next: bool = False
    outline: int | None = None
    border: str | None = None  # "bottom", "bar" (a thick rule on the left) or "box"
    shading: str | None = None
    priority: int = 20
    tab: bool = False  # a right tab with dot leader at the text width (TOC entries)


NORMAL = "Normal"
BODY = "Body Text"
HEADLINE = "heading 1"
SUBHEAD = "heading 2"
KICKER = "Kicker"
SUBHEADLINE = "Subheadline"
COLUMN = "Column Tag"
BYLINE = "Byline"
QUOTE = "Quote"
PHOTO_TITLE = "Photo Title"
PICTURE = "Picture"
CAPTION = "Photo Caption"
CREDIT = "Photo Credit"
SOURCE = "Source Line"
NOTE = "Editor's Note"
UNCLASSIFIED = "Unclassified Text"
EDITION = "Edition Line"
TOC_HEADING = "TOC Heading"
TOC1 = "toc 1"
LEAD = "Run-in Lead"
HEADER = "header"
FOOTER = "footer"

#: One style in two lines: its identity and place in the flow (name, styleId, base, next
#: style, Chinese alias, keep with next, outline level, priority), then its look.
# fmt: off
SPECS: tuple[StyleSpec, ...] = (
    StyleSpec(NORMAL, "Normal", based_on=None, priority=0,
              align="both", after=0, line=312, rule="auto"),
    StyleSpec(BODY, "BodyText", priority=1,
              align="both", after=0, line=440, first_line_chars=200),
    StyleSpec(COLUMN, "ColumnTag", next=KICKER, alias="栏目", keep_next=True, priority=2,
              role="hei", size=10.5, bold=True, align="left", before=0, after=3, border="bar"),
    StyleSpec(KICKER, "Kicker", next=HEADLINE, alias="引题", keep_next=True, priority=3,
              role="kai", size=14, align="center", before=0, after=3),
    StyleSpec(HEADLINE, "Heading1", next=BYLINE, keep_next=True, outline=0, priority=9,
              role="hei", size=22, bold=True, align="center", before=6, after=6, line=240, rule="auto"),
    StyleSpec(SUBHEADLINE, "Subheadline", next=BYLINE, alias="副题", keep_next=True, priority=10,
              role="fang", size=14, align="center", before=0, after=6),
    StyleSpec(BYLINE, "Byline", next=BODY, alias="电头与署名", keep_next=True, priority=11,
              role="kai", align="left", before=3, after=3),
    StyleSpec(SUBHEAD, "Heading2", next=BODY, keep_next=True, outline=1, priority=12,
              role="hei", bold=True, align="left", before=6, after=3, line=440),
    StyleSpec(QUOTE, "Quote", next=BODY, priority=13,
              role="kai", align="both", before=6, after=6, line=440, side_chars=200),
    StyleSpec(PHOTO_TITLE, "PhotoTitle", next=CAPTION, alias="图片标题", keep_next=True, priority=14,
              role="hei", bold=True, align="left", before=12, after=6),
    StyleSpec(PICTURE, "Picture", next=CAPTION, alias="图片", keep_next=True, priority=15,
              align="center", before=6, after=3, line=240, rule="auto"),
    StyleSpec(CAPTION, "PhotoCaption", next=CREDIT, alias="图片说明", priority=16,
              role="kai", size=10.5, align="both", after=0, line=360, first_line_chars=200),
    StyleSpec(CREDIT, "PhotoCredit", next=BODY, alias="摄影署名", priority=17,
              role="kai", size=9, align="right", after=6),
    StyleSpec(SOURCE, "SourceLine", next=BODY, alias="稿源", priority=18,
              role="kai", size=10.5, align="right", before=3, after=3),
    StyleSpec(NOTE, "EditorsNote", next=BODY, alias="编者按", priority=19,
              role="kai", size=10.5, align="both", before=6, after=6, line=360, side_chars=200),
    StyleSpec(UNCLASSIFIED, "UnclassifiedText", based_on=BODY, next=BODY, alias="未归类文字", priority=20,
              color="595959", shading="F2F2F2"),
    StyleSpec(EDITION, "EditionLine", next=BODY, alias="版面信息", priority=21,
              role="hei", size=9, color="595959", align="left", after=12, border="bottom"),
    StyleSpec(TOC_HEADING, "TOCHeading", based_on=HEADLINE, next=NORMAL, outline=9, priority=39,
              role="hei", size=16, bold=True, align="center", before=12, after=12),
    StyleSpec(TOC1, "TOC1", next=NORMAL, priority=39,
              align="left", after=3, line=360, tab=True),
    StyleSpec(LEAD, "RunInLead", kind="character", based_on=None, alias="段首导语", priority=22,
              role="hei", bold=True),
    StyleSpec(HEADER, "Header", priority=99,
              role="hei", size=9, color="595959", align="center", after=0, line=240, rule="auto", border="bottom"),
    StyleSpec(FOOTER, "Footer", priority=99,
              size=9, align="center", after=0, line=240, rule="auto"),
)
# fmt: on


#: Styles of the python-docx template kept as they are (the defaults Word expects).
KEEP_BUILTIN = ("Default Paragraph Font", "Normal Table", "No List")
