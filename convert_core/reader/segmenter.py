"""Lines to items: the reader's structural pass.

1. :meth:`Segmenter.classify` gives each line a kind: furniture (kept aside), a photo
   credit, a dateline opening, a byline line, a date line, or text.
2. :meth:`Segmenter.find_photos` groups caption lines with their credit
   (:mod:`convert_core.reader.photo_regions`, which also makes a region's photos).
3. :meth:`Segmenter.find_starts` finds where articles start: a headline stack above an
   *anchor* (a dateline, a byline line or a date line), or, without an anchor, a stack
   that follows a complete paragraph after a strong break.
4. :meth:`Segmenter.build` walks the lines and makes articles and photos; the body of
   each article is shaped by :mod:`convert_core.reader.body`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Article, Contributor, Diagnostic, Document, Figure, Furniture, Paragraph, Photo
from ..regex_cache import regex
from . import body as body_rules
from . import graphics
from .alignment import PHOTO_LABELS, TITLE_LABELS
from .datelines import Closing, parse_byline_line, parse_closing, split_opening
from .edition import bare_page
from .epaper_fields import STORY_FIELDS, TITLE_FIELD_FIRST, field_text, has_title_field, split_fields
from .features import rule_roles
from .furniture import (
    EPAPER_FOOTER,
    JUMP_STARTS,
    LEADING_JUMP_RE,
    LEADING_JUMP_STARTS,
    PAGE_CREDIT_RE,
    TRAILING_JUMP_RE,
    WEEKDAY_RE,
    is_ad_copy,
    is_advertisement,
    is_date_line,
    is_imprint_line,
    is_jump,
    is_navigation,
    is_page_header,
    is_staff_job_label,
    is_teaser_header,
    is_weather,
    masthead_kind,
    opens_an_ad_block,
    page_number,
    parse_staff,
    points_to_page,
    short_lines_hold,
    staff_block_people,
)
from .headlines import (
    assign_roles,
    has_clause_marks,
    headline_like,
    is_briefs_header,
    is_collective_column,
    is_numbered_subhead,
    is_parallel,
    is_title_wrap,
    strip_ornaments,
)
from .junctions import TITLE_WRAP_ADJACENT, cuts_a_word
from .layout_roles import (
    at_text_indent,
    author_line,
    author_line_goes_on,
    band_furniture,
    below_title_type,
    in_text_block,
    in_title_type,
    labelled_author_lines,
    text_goes_on_in_block,
    title_evidence,
    title_roles,
    unnamed_author_line,
)
from .lines import Line
from .people import author_line_people, parse_credit, parse_people, slash_signed, split_tail_credit
from .photo_regions import PhotoRegion, PhotoRegions
from .roles import model_for, read_roles
from .run_on_titles import split_run_on_title
from .text import (
    BULLETS,
    HAN,
    cre,
    ends_of,
    ends_paragraph,
    ends_sentence,
    is_cjk,
    join_glue,
    starts_as_continuation,
    starts_of,
    visible_length,
)

if TYPE_CHECKING:
    from .stack_words import StackModel

_PHOTO_HEADING_RE = cre(
    r"^[【\[]?(?:图片新闻|图片报道|新闻图片|图说新闻|图说|图片故事|摄影报道|摄影作品|一线镜头|镜头|光影|图片|组图)[】\]]?$"
)
_PHOTO_HEADING_STARTS = starts_of(_PHOTO_HEADING_RE, "[【一光图圖摄攝新組组鏡镜")
_TITLE_SUFFIX_RE = cre(
    r"^(?P<title>.+?)\s*[_｜|]\s*(?P<suffix>[^_｜|\s]{2,24}?(?:日报|晚报|晨报|早报|都市报|时报|商报|报|网|电子版|数字报))$"
)
# 作者：本报记者 X 《 华夏日报 》（ 2026年04月04日 第 04 版）: the e-paper author line
#: Lines longer than this are paragraphs: no furniture, headline, byline or credit line is.
_LONG = 100
#: The longest line read as a title after a closing dateline (:meth:`Segmenter._closing_datelines`).
_TITLE_REACH = 40
#: An ad's copy around its hotline: lines of at most this many characters, at most this many lines.
_AD_LINE_MAX = 30
_AD_BLOCK_MAX = 8
#: An ad's contact line (``地址：建设路…``, ``电话：…``, ``网址：…``): never a title over a story.
_AD_CONTACT_RE = cre(r"^(?:地址|电话|联系电话|联系人|网址|邮箱|传真|微信|QQ|营业时间)\s*[:：]")
#: A public-service ad's maker under it: ``中国网络电视台制``, ``中央文明办宣``.
_AD_MAKER_RE = cre(rf"^(?:{HAN}|\s){{2,24}}(?:制作|制|宣|出品)$")
_SPACED_TITLE_RE = cre(rf"^{HAN}(?: {HAN}){{1,3}}$")
#: A page header's parts on lines of their own above the first story, as PDF extraction
#: gives them: the page number alone (``3``), then the section's name (``卫东新闻``).
_HEADER_NUMBER_RE = cre(r"^[A-Z]?\d{1,3}$")
_HEADER_SECTION_RE = cre(rf"^{HAN}{{2,8}}$")
#: How a page's section name ends (``杭州新闻``, ``国际要闻``, ``文体综合``; not a column's word such as
#: ``城事``, which may head a story as its kicker): such a name alone
#: right under the page header is the header's, not a story's title.
_SECTION_WORDS = (
    "新闻",
    "要闻",
    "综合",
    "时政",
    "国际",
    "国内",
    "体育",
    "财经",
    "副刊",
    "专版",
    "评论",
    "理论",
    "观点",
    "视觉",
)
_HEADER_NUMBER_SECTION_RE = cre(rf"^[A-Z]?\d{{1,3}}\s+{HAN}{{2,8}}$")
#: ... or the section first, then the page number (``要闻 2``, ``国内新闻·3``): a section of
#: four characters at most, or one ending in a section's word (:data:`_SECTION_WORDS`).
_HEADER_SECTION_NUMBER_RE = cre(rf"^(?P<section>{HAN}{{2,8}})\s*[·・|｜]?\s*\d{{1,2}}$")
_CONTACT_RE = regex(r"\d{5,}|[:：]\s*\d|[-－]\d{4}")
# the heading of a paid notice: 公告, 讣告, 遗失声明, 减资公告, 分类广告 (spaces removed)
_NOTICE_HEADING_RE = cre(
    r"^[【\[]?(?:分类|遗失|减资|增资|注销|清算|拍卖|招标|中标|招聘|寻人|寻物|认领|迁坟|作废|开庭|送达|"
    r"债权申报|股权转让|更正|致歉|严正)?(?:公告|讣告|声明|启事|广告|通告|公示)[】\]]?$"
)
#: What a line :data:`_NOTICE_HEADING_RE` matches (its spaces left out) can end with: the
#: headings' last characters (the same in both scripts), a closing bracket, and a space
#: (left out before the match: the line is then matched). Most short lines end otherwise.
_NOTICE_HEADING_ENDS = ends_of(_NOTICE_HEADING_RE, "告明事示】] \n")
#: The line that names a page's editors, which opens its staff block (``本版责编：…``,
#: ``责任编辑 X``, ``二版编辑：X``).
_EDITORS_LINE_RE = cre(r"^\s*(?:本版|[一二三四五六七八九十\dA-Z]{1,3}版)?(?:责任编辑|责编|编辑)")
#: How many lines of a staff block :meth:`Segmenter._in_the_staff_block` looks up through.
_STAFF_BLOCK_LINES = 4
_AUTHOR_LINE_RE = cre(r"^作者\s*[:：]")
_AUTHOR_LINE_STARTS = starts_of(_AUTHOR_LINE_RE, "作")
_PAGE_CREDIT_STARTS = starts_of(PAGE_CREDIT_RE, "本（(")
_AUTHOR_FOOTER_RE = cre(rf"\s*{EPAPER_FOOTER}\s*$")  # searched only where a 《 is
_BRACKETED_LINE_RE = regex(r"^[【〖\[].+[】〗\]]$")
_SALUTATION_RE = cre(r"(?:同志|编辑|您好|你好|先生|女士|们|朋友)\s*[：:]$")  # 编辑同志： opens a letter
_SALUTATION_ENDS = ("：", ":", "：\n", ":\n")  # where _SALUTATION_RE's $ can be


def _salutation(text: str) -> bool:
    """``编辑同志：`` (a search only where the text ends with a colon: it tries every character)."""
    return text.endswith(_SALUTATION_ENDS) and _SALUTATION_RE.search(text) is not None


# a piece of its own under a label (编后, 记者手记). A box label with no title of its own
# (相关链接, 小知识) is not one: that box belongs to the story above, its label a subhead.
_SIDEBAR_RE = cre(r"^[【\[]?(?:编后|编后语|编后记|延伸阅读|记者手记|记者观察)[】\]]?$")
_SIDEBAR_STARTS = starts_of(_SIDEBAR_RE, "[【延編编記记")

ANCHOR_KINDS = ("opening", "byline", "date", "continued")


def headline_echo(headline: str, paragraph: str) -> float:
    """Share of the headline's character pairs that the paragraph repeats."""
    core = "".join(char for char in headline if char.isalnum() or is_cjk(char))  # the cheaper test first
    pairs = {core[i : i + 2] for i in range(len(core) - 1)}
    if not pairs:
        return 0.0
    return sum(1 for pair in pairs if pair in paragraph) / len(pairs)


_SENTENCE_MARK_RE = regex("[。，；;！？]")  # sentence punctuation: no table row or title holds it
_NUMERIC_CELL_RE = regex(r"(?:^|\s)[+\-−]?\d+(?:[.:：]\d+)?%?(?=\s|$|[（(])")
_TABLE_SOURCE_RE = cre(r"^[（(]?\s*(?:数据)?来源[:：].{1,30}[）)]?$|^[（(]?\s*制表[:：]?.{1,12}[）)]?$")


#: The longest line :func:`_is_table_row` takes for a table's row.
_TABLE_ROW_MAX = 70


def _is_table_row(text: str) -> bool:
    """A row of a table printed as text: three or more short cells split by spaces, no
    sentence punctuation (``上证指数 3382.61 +0.93%``, ``排名 球队 胜 负``)."""
    if len(text) > _TABLE_ROW_MAX or _SENTENCE_MARK_RE.search(text):
        return False
    cells = text.split(" ")
    return len(cells) >= 3 and all(0 < len(cell) <= 24 for cell in cells)


def _table_title(units: list[Line], index: int, rows: list[bool], *, before_run: bool = False) -> bool:
    """A short title line of a table (``昨日赛果``, ``主要指数3月3日表现``): no sentence
    punctuation, and a table row right after it."""
    if index < 0 or index >= len(units) or units[index].kind != "text":
        return False
    text = units[index].text
    if len(text) > 24 or _SENTENCE_MARK_RE.search(text) or text.count(" ") > 1:
        return False
    return before_run or (index + 1 < len(rows) and rows[index + 1])


def _brief_title(text: str) -> tuple[str, str] | None:
    """A bulleted brief's title and the rest of its line (``■地铁7号线下月开通 记者从…``:
    its bold lead, then its text; ``■地铁7号线下月开通``: a title alone), or ``None`` for
    a brief with no title (``■昨天，杭州市…``)."""
    text = text.lstrip(BULLETS + " ")
    match = re.match(r"^(?P<lead>[^。！？，,；;\s]{2,30}?)\s+(?P<rest>\S.*)$", text)
    if match and headline_like(match.group("lead"), max_length=30):
        return match.group("lead"), match.group("rest")
    if headline_like(text, max_length=30) and not has_clause_marks(text):
        return text, ""
    return None


def _only_kinds(kinds: Counter[str], allowed: tuple[str, ...]) -> bool:
    """Whether every piece of furniture counted in ``kinds`` is of a kind in ``allowed``."""
    return all(kind in allowed for kind, count in kinds.items() if count)


class KeptFurniture:
    """The page's furniture, in the order it was set aside, with how many pieces of each
    kind it holds and the page headers' texts: the list (the document's own) is changed
    only here — a piece added, or one taken back (a 导读 that titles the text under it) —
    so the counts are kept as it changes, never counted again: a page of thousands of
    furniture lines before its first story asked every piece for every line (quadratic)."""

    def __init__(self, pieces: list[Furniture]) -> None:
        self._pieces = pieces
        self.kinds: Counter[str] = Counter(piece.kind for piece in pieces)
        self._headers = ""  # the page headers' texts, one a line (no furniture text holds a line end)
        self._new_headers = [piece.text for piece in pieces if piece.kind == "page-header"]

    def add(self, kind: str, text: str, line: int | None) -> Furniture:
        """Set ``text`` aside as furniture of ``kind``; returns the piece."""
        piece = Furniture(kind, text, line)
        self._pieces.append(piece)
        self.kinds[kind] += 1
        if kind == "page-header":
            self._new_headers.append(text)
        return piece

    def take_back(self, piece: Furniture) -> None:
        """Take ``piece`` out of the furniture (it is text of the page after all)."""
        self._pieces.remove(piece)
        self.kinds[piece.kind] -= 1
        if piece.kind == "page-header":
            self._headers, self._new_headers = "", [p.text for p in self._pieces if p.kind == "page-header"]

    @property
    def headers(self) -> str:
        """The page headers' texts, one a line (the same string while none is added)."""
        if self._new_headers:
            self._headers = "\n".join([self._headers, *self._new_headers] if self._headers else self._new_headers)
            self._new_headers = []
        return self._headers

    @property
    def last(self) -> Furniture | None:
        """The piece set aside last, if any."""
        return self._pieces[-1] if self._pieces else None

    def recent(self, count: int) -> list[Furniture]:
        """The ``count`` pieces set aside last, the last first."""
        return self._pieces[: -count - 1 : -1]

    @property
    def header_last(self) -> bool:
        """Whether the piece set aside last is a page header's line (asked of every line read)."""
        return bool(self._pieces) and self._pieces[-1].kind == "page-header"

    def __len__(self) -> int:
        return len(self._pieces)

    def __iter__(self) -> Iterator[Furniture]:
        return iter(self._pieces)


class Segmenter(PhotoRegions):
    """Turns the lines of one page into items, furniture and diagnostics."""

    def __init__(self, lines: list[Line], base_gap: int, document: Document, *, hard_wrapped: bool = False) -> None:
        self.hard_wrapped = hard_wrapped  # printed lines were rejoined: adjacency says nothing of blocks
        self.document = document
        self.diagnostics = document.diagnostics
        self.furniture = KeptFurniture(document.furniture)
        self.base_gap = base_gap
        for line in lines:
            line.strong = line.blank_before > base_gap
        self.all_lines = lines
        self.units: list[Line] = []
        self.photos: dict[int, PhotoRegion] = {}
        self.in_photo: set[int] = set()
        self.starts: dict[int, int] = {}  # first unit of a stack -> number of stack lines
        self.page_text = ""  # all unit text, for evidence from elsewhere on the page
        self.date_lines: list[str] = []  # e-paper date lines under headlines
        self.page_credits: list[Contributor] = []  # 本版图片除署名外均为…摄
        self.roles: list[str] | None = None  # the role model's reading of the units
        self.stack_roles: dict[int, list[str]] = {}  # first unit of a stack -> its lines' roles
        self.leading_bylines: set[int] = set()  # bylines printed over their story's titles
        self.teasers: list[list[Line]] = []  # front pages' teaser boxes: header, then their lines
        self.lone_teaser_headers: dict[int, Furniture] = {}  # a 导读 with no box, by the line under it
        self.stack_model: StackModel | None = None  # the role model's words of title stacks
        self._line_ok: dict[int, bool] | None = None  # _stack_line_ok's answers while find_starts runs
        self._own_for: str | None = None  # the headers _own's answers are of
        self._own: dict[str, bool] = {}  # _own_paper's answers, by source name
        # whether the page's short lines hold an imprint's word and a hotline (classify)
        self._imprint_words = self._hotline = True

    def furniture_kinds(self) -> Counter[str]:
        """How many pieces of furniture of each kind the page has so far."""
        return self.furniture.kinds

    # ------------------------------------------------------------------ 1. classify

    def nearby(self, line: Line, reach: int = 20_000) -> tuple[int, int]:
        """Where the page text around ``line`` starts and ends in :attr:`page_text`
        (evidence for repairs, bounded so that long inputs stay linear)."""
        offset = line.meta.get("offset", 0)
        return max(0, offset - reach), offset + reach

    def note(self, code: str, message: str, line: int | None, severity: str = "info") -> None:
        self.diagnostics.append(Diagnostic(code, message, line, severity))  # type: ignore[arg-type]

    def _keep_furniture(self, kind: str, line: Line) -> None:
        self.furniture.add(kind, line.text, line.no)  # (by position: cheaper than keywords)

    def keep_date(self, line: Line, *, edition: bool = True) -> None:
        """A date line (``2026-04-04`` under a headline) as furniture; ``edition``: also a
        candidate for the edition date."""
        self._keep_furniture("date", line)
        if edition:
            self.date_lines.append(line.text)

    def _story_starts_at(self, index: int) -> bool:
        """Whether a story's headline stack starts at ``all_lines[index]``: up to three
        short title lines and then an opening (``本报讯…``) or a byline line."""
        lines = self.all_lines
        for ahead in range(index, min(index + 4, len(lines))):
            text = lines[ahead].text
            if ahead > index and (split_opening(text) is not None or parse_byline_line(text) is not None):
                return True
            if (
                not headline_like(text)
                or ends_paragraph(text)
                or _CONTACT_RE.search(text)
                or is_date_line(text)
                or _NOTICE_HEADING_RE.match(text.replace(" ", ""))
            ):
                return False
        return False

    def _teaser_box(self, index: int) -> int:
        """Where a front page's teaser box whose header (``导读``) is ``all_lines[index]``
        ends (the index past it): at its last pointer to a page (``第九版``, ``（2版）``),
        every line up to it short and none a sentence, each pointer within four lines of the
        one before (a section tag, a teaser's title and subtitle between them)."""
        lines = self.all_lines
        end, since = index + 1, 0
        for ahead in range(index + 1, min(len(lines), index + 41)):
            text = lines[ahead].text.strip()
            if points_to_page(text):
                end, since = ahead + 1, 0
                continue
            since += 1
            if since > 4 or visible_length(text) > 32 or ends_sentence(text):
                break
        return end

    def _ad_block(self, index: int) -> int:
        """An advertisement's other lines around its hotline at ``all_lines[index]``
        (``湖畔名苑 火爆认购中`` / ``城市核心 品质人居`` / ``售楼热线：0375-8888888`` /
        ``地址：…``) or a public-service ad's label (``讲文明 树新风`` / ``公益广告`` /
        ``中国网络电视台制``): the short lines, none a sentence nor a story's opening or byline, of
        the block it stands in — up to the wider gap over the block (or the paragraph's
        end above it) and down to the next wider gap (or a story's headline stack). The
        lines above, already read, become advertisement; returns where those below end."""
        lines = self.all_lines
        taken: list[Line] = []
        below = index
        while (
            below > 0
            and lines[below].blank_before <= 1  # no wider gap between the line above and this one
            and self.units
            and self.units[-1] is lines[below - 1]
            and self._ad_line(lines[below - 1])
            and len(taken) < _AD_BLOCK_MAX
        ):
            taken.append(self.units.pop())
            below -= 1
        for unit in reversed(taken):
            self._keep_furniture("advertisement", unit)
        end = index + 1
        while (
            end < len(lines)
            and end - index <= _AD_BLOCK_MAX
            and lines[end].blank_before <= 1
            and self._ad_line(lines[end])
            and (
                _AD_CONTACT_RE.match(lines[end].text.strip())
                or _AD_MAKER_RE.match(lines[end].text.strip())
                or not self._stack_starts_at(end)
            )
        ):
            end += 1
        if taken or end > index + 1:
            what = "hotline" if is_ad_copy(lines[index].text) else "label"
            self.note(
                "advertisement-block",
                f"kept lines {lines[below].no}-{lines[end - 1].no} around an ad's {what} as advertisement",
                lines[index].no,
            )
        return end

    def _stack_starts_at(self, index: int) -> bool:
        """Whether a story's headline stack starts at ``all_lines[index]``, not past a wider
        gap under it (``地址：…`` / gap / ``城区…启动`` / ``本报讯…``: the stack starts under the gap)."""
        if not self._story_starts_at(index):
            return False
        lines = self.all_lines
        return not any(lines[k].blank_before > 1 for k in range(index + 1, min(index + 4, len(lines))))

    @staticmethod
    def _ad_line(line: Line) -> bool:
        """A short line of an ad's copy: no sentence, no bracketed closing, no opening or byline."""
        text = line.text.strip()
        return (
            0 < visible_length(text) <= _AD_LINE_MAX
            and not ends_sentence(text)
            and text[0] not in "（("
            and split_opening(text) is None
            and parse_byline_line(text) is None
        )

    def _notice_block(self, index: int) -> int:
        """The end (exclusive) of a block of paid notices that starts at a notice heading
        (``公　告``, ``讣　告``, ``分类广告``): every line up to the next story's headline."""
        end = index + 1
        while end < len(self.all_lines) and not self._story_starts_at(end):
            end += 1
        return end

    def _field_line(self, line: Line, fields: list[tuple[str, str]]) -> None:
        """A line of labelled fields (``【标题】…``, ``来源：本报　　作者：…``): the story's
        fields become a unit of kind ``field``; site metadata becomes furniture."""
        story: list[tuple[str, str]] = []
        for name, value in fields:
            if name in ("发布时间", "日期"):
                self.furniture.add("date", field_text(name, value), line.no)
            elif name == "来源" and self._own_paper(value):
                self.furniture.add("navigation", field_text(name, value), line.no)
            elif name in STORY_FIELDS:
                story.append((name, value))
            else:
                self.furniture.add("navigation", field_text(name, value), line.no)
        # the labels of the story's fields are site chrome, kept as printed (来源 keeps its
        # own in the article's sources)
        labels = [name for name, _ in story if name != "来源"]
        if labels:
            bracketed = line.text.lstrip().startswith("【")
            shown = " ".join(f"【{name}】" if bracketed else f"{name}：" for name in labels)
            self.furniture.add("navigation", shown, line.no)
        body = next((value for name, value in story if name == "正文" and value), None)
        story = [(name, value) for name, value in story if name != "正文"]
        if story or body is not None:
            line.kind, line.data = "field", story
            self.units.append(line)
        if body is not None:  # 【正文】 with the story's first paragraph on the same line
            paragraph = Line(no=line.no, text=body, meta={"offset": line.meta.get("offset", 0)})
            if body[-1:] in "）)】]":
                self._take_off_jump(paragraph)  # (…入住。（下转第二版）: as any other line's)
            self.units.append(paragraph)

    def _own_paper(self, source: str) -> bool:
        """Whether a ``来源：`` field names the page's own paper (``本报``, ``汉江日报``)."""
        name = source.strip()
        if not name or name in ("本报", "本站", "本网"):
            return True
        if "\n" in name:
            return any(name in f.text for f in self.furniture if f.kind == "page-header")
        headers = self.furniture.headers  # (every field asked every header, and thousands of each
        if self._own_for is not headers:  # were quadratic)
            self._own_for, self._own = headers, {}
        if (found := self._own.get(name)) is None:
            found = self._own[name] = name in headers
        return found

    def _take_off_jump(self, line: Line) -> str:
        """A paragraph's pointer to the page it goes on (``…实现就业。（下转第二版）``) taken off
        its line into the furniture, before the line is read: the paragraph ends at its full
        stop, as the models learned paragraphs. Returns the line's text."""
        jump = TRAILING_JUMP_RE.search(line.text)
        if jump and jump.start():
            line.meta["jump"] = jump.group().strip()
            self.furniture.add("jump", line.meta["jump"], line.no)
            self.note("jump-line-removed", f"moved the jump line {line.meta['jump']!r} to the page furniture", line.no)
            line.text = line.text[: jump.start()].rstrip()
        return line.text

    def classify(self) -> None:
        """Set aside furniture and give every other line a kind."""
        pending_strong = False
        notice_end = teaser_end = graphic_stop = ad_end = -1
        closings = graphics.closing_lines(self.all_lines)  # (most pages: none, and no chart is looked for)
        # (searched once in the page's short lines, not in each: most pages have neither)
        self._imprint_words, self._hotline = short_lines_hold([line.text for line in self.all_lines])
        # (asked of the lines only where one starts as a title field can: most pages have none)
        firsts = {line.text[:1] for line in self.all_lines}
        field_mode = not TITLE_FIELD_FIRST.isdisjoint(firsts) and any(
            has_title_field(line.text) for line in self.all_lines
        )
        for index, line in enumerate(self.all_lines):
            text = line.text
            if field_mode and (fields := split_fields(text)) is not None:
                self._field_line(line, fields)
                continue
            if text[-1:] in "）)】]":
                text = self._take_off_jump(line)
            if index < notice_end or (
                len(text) <= 12
                and text[-1:] in _NOTICE_HEADING_ENDS
                and _NOTICE_HEADING_RE.match(text.replace(" ", ""))
                and band_furniture(line) is None  # layout: 广告 in the running header names the page
            ):
                if index >= notice_end:
                    notice_end = self._notice_block(index)
                    self.note("notice-block", f"kept the paid notices from line {line.no} as advertisement", line.no)
                self._keep_furniture("advertisement", line)
                continue
            if index < teaser_end:
                self.teasers[-1].append(line)  # a line of a front page's teaser box
                continue
            if index < graphic_stop:
                self._keep_furniture("graphic", line)  # a label or figure of a chart
                continue
            if index < ad_end:
                self._keep_furniture("advertisement", line)  # the rest of an ad's copy
                continue
            if (
                closings
                and len(text) <= graphics.TITLE_MAX
                and graphics.may_start_graphic(self.all_lines, index)
                and (end := graphics.graphic_end(self.all_lines, index, closings)) > index
            ):
                graphic_stop = end
                self.note(
                    "graphic-text",
                    f"kept lines {line.no}-{self.all_lines[end - 1].no} as a chart's text (its title, labels, figures and source)",
                    line.no,
                )
                self._keep_furniture("graphic", line)
                continue
            if len(text) > _LONG:  # a paragraph: only an opening or a tail credit can be in it
                if (opening := split_opening(text)) is not None:
                    line.kind, line.data = "opening", opening
                elif (tail := split_tail_credit(text)) is not None and tail[0]:
                    line.kind, line.data = "caption-credit", tail
                elif text[:1] in body_rules.NOTE_LABEL_STARTS and body_rules.NOTE_LABEL_RE.match(text):
                    line.kind = "editor-note"
                elif text[:1] in LEADING_JUMP_STARTS and LEADING_JUMP_RE.match(text):
                    line.kind = "continued"
                else:
                    line.kind = "text"
                if pending_strong:
                    line.strong, pending_strong = True, False
                self.units.append(line)
                continue
            furniture = self._furniture_kind(
                line, self.all_lines[index + 1] if index + 1 < len(self.all_lines) else None
            )
            if furniture == "page-header" and self.units and self._masthead_leftovers():
                # "综合" between "A02" and the date line: the masthead's section name
                for unit in self.units:
                    self._keep_furniture("page-header", unit)
                self.units.clear()
            if furniture == "advertisement" and opens_an_ad_block(text):
                ad_end = self._ad_block(index)
            if furniture == "navigation" and is_teaser_header(text):
                teaser_end = self._teaser_box(index)
                if teaser_end > index + 1:  # a box of teasers under it: an item of the page
                    self.teasers.append([line])
                    pending_strong = pending_strong or line.strong
                    self.note(
                        "teaser-box",
                        f"kept the teaser box of lines {line.no}-{self.all_lines[teaser_end - 1].no} "
                        "as an article of its own, its lines paragraphs",
                        line.no,
                    )
                    continue
            if furniture:
                piece = self.furniture.add(furniture, line.text, line.no)
                pending_strong = pending_strong or line.strong
                if furniture == "navigation" and teaser_end == index + 1 and index + 1 < len(self.all_lines):
                    # a 导读 with no box: it may title the text right under it (see build)
                    self.lone_teaser_headers[self.all_lines[index + 1].no] = piece
                continue
            if pending_strong:
                line.strong = True
                pending_strong = False
            suffix = _TITLE_SUFFIX_RE.match(text) if ("_" in text or "|" in text or "｜" in text) else None
            if suffix and headline_like(suffix.group("title")):
                line.meta["title_suffix"] = suffix.group("suffix")
                self.furniture.add("navigation", text[suffix.end("title") :].strip(), line.no)
                self.note(
                    "title-suffix-removed", f"removed the site suffix {suffix.group('suffix')!r} from a title", line.no
                )
                line.text = text = suffix.group("title")
            first = text[:1]
            if is_date_line(text):
                line.kind = "date"
            elif first in LEADING_JUMP_STARTS and LEADING_JUMP_RE.match(text):
                line.kind = "continued"  # 上接第一版: a story continued from another page
            elif first in _PHOTO_HEADING_STARTS and _PHOTO_HEADING_RE.match(text):
                line.kind = "photo-heading"
            elif (credits := parse_credit(text)) is not None and self._credit_line_ok(text):
                line.kind, line.data = "credit", credits
            elif (opening := split_opening(text)) is not None:
                line.kind, line.data = "opening", opening
            elif (people := parse_byline_line(_AUTHOR_FOOTER_RE.sub("", text) if "《" in text else text)) is not None:
                line.kind, line.data = "byline", people
            elif (closing := parse_closing(text)) is not None:
                # （张三） under a headline is a byline; 据新华社, （本报东京3月9日电） close a story
                line.kind, line.data = (
                    ("byline", closing.bylines)
                    if closing.bylines and not (closing.sources or closing.dateline or closing.note)
                    else ("closing", closing)
                )
            elif (tail := split_tail_credit(text)) is not None and tail[0]:
                line.kind, line.data = "caption-credit", tail
            elif first in _SIDEBAR_STARTS and _SIDEBAR_RE.match(text):
                line.kind = "sidebar"  # 编后, 相关链接: a short item of its own under this title
            elif (
                first in body_rules.NOTE_LABEL_STARTS
                and (label := body_rules.NOTE_LABEL_RE.match(text))
                and not (label.end() == len(text) and title_evidence(line))
            ):
                line.kind = "editor-note"  # (layout: 编者按 alone in title type titles the page's note)
            elif first in body_rules.NOTE_SIGNATURE_STARTS and body_rules.NOTE_SIGNATURE_RE.match(text):
                line.kind = "note-signature"  # ——编 者: the paragraph above is an editor's note
            else:
                line.kind = "text"
            self.units.append(line)
        self._closing_datelines()
        offset = 0
        for unit in self.units:
            unit.meta["offset"] = offset
            offset += len(unit.text) + 1
        self.page_text = "\n".join([unit.text for unit in self.units])  # (a list joins faster than a generator)

    def _closing_datelines(self) -> None:
        """A bare dateline under a finished story closes it, as a wire paper prints a story
        signed at its head (``新华社记者 X`` under the title): ``…说。`` / ``新华社北京4月26日电``
        / ``■新华视点`` / the next story's title. Read as an opening, it had opened nothing and
        held the next story under the last as subheads. Only where no text of its own could
        follow it: a title line (no sentence's end), a byline, a picture (its credit, or the
        wider gap it stood in), or the page's end; a dateline over a paragraph still opens it
        (a column break can set it apart)."""
        units = self.units
        for index in [index for index, unit in enumerate(units) if unit.kind == "opening" and index]:
            unit = units[index]
            opening = unit.data
            if opening.rest or opening.bylines or opening.dateline is None:
                continue
            before = units[index - 1]
            if before.kind != "text" or not ends_sentence(before.text):
                continue
            after = units[index + 1] if index + 1 < len(units) else None
            if after is not None and not (
                after.kind in ("byline", "continued", "credit", "caption-credit")
                or after.blank_before > max(self.base_gap, 1)  # (a picture's gap: its caption under it)
                or (after.kind == "text" and len(after.text) <= _TITLE_REACH and "。" not in after.text)
            ):
                continue
            unit.kind, unit.data = "closing", Closing(dateline=opening.dateline)
            self.note(
                "closing-dateline", f"took the dateline on line {unit.no} as the close of the story above", unit.no
            )

    def _right_under_a_header(self) -> bool:
        """Whether the last line read was a page header's (nothing read since but furniture):
        at the page's top, or wherever the extraction printed the header (``人民日报
        2020年4月28日 星期二`` / ``4  要闻`` under the last story)."""
        if not self.furniture.header_last:
            return False
        last = self.furniture.last
        return not self.units or (last is not None and last.line is not None and last.line > self.units[-1].no)

    def _masthead_leftovers(self) -> bool:
        """Whether every line read so far is a short word of the page's masthead block."""
        return (
            len(self.units) <= 2
            and bool(self.furniture)
            and _only_kinds(self.furniture_kinds(), ("page-header", "imprint", "navigation"))
            and all(unit.kind == "text" and visible_length(unit.text) <= 6 and not unit.strong for unit in self.units)
        )

    @staticmethod
    def _lone_credit(text: str, staff: list[Contributor]) -> bool:
        """``制图 刘畅`` under a chart is a picture credit, not the page's staff line."""
        return len(staff) == 1 and staff[0].role == "graphics" and parse_credit(text) is not None

    def _under_the_staff_line(self, line: Line) -> bool:
        """Whether ``line`` stands right under the page's staff line (``本版责编：…`` /
        ``制图：沈亦伶``): a graphics credit there is the page's staff too, not a picture's."""
        last = self.furniture.last
        return last is not None and last.kind == "staff" and last.line is not None and 0 < line.no - last.line <= 2

    def _in_the_staff_block(self, line: Line) -> bool:
        """Whether ``line`` stands in the page's staff block: under the line that names the
        page's editors (``本版责编：…``), each line of the block right under the one before
        (``本版责编：X`` / ``本期统筹：Y`` / ``版式设计：Z`` / ``本版摄影：W``; a desk's e-mail line
        among them)."""
        below = line.no
        for piece in self.furniture.recent(_STAFF_BLOCK_LINES):
            if piece.line is None or not 0 < below - piece.line <= 2:
                return False
            if piece.kind == "staff" and _EDITORS_LINE_RE.match(piece.text):
                return True
            below = piece.line
        return False

    def _under_a_staff_label(self, line: Line) -> bool:
        """Whether ``line`` stands right under a staff job's label alone (``版式设计`` / its names)."""
        return self._under_the_staff_line(line) and is_staff_job_label(self.furniture.last.text)  # type: ignore[union-attr]

    @staticmethod
    def _credit_line_ok(text: str) -> bool:
        # a credit alone on a line; "制图" or "摄影" with no name is not one
        return len(text) <= 40

    def _furniture_kind(self, line: Line, following: Line | None = None) -> str | None:
        text = line.text
        first = text[:1]
        if first in _AUTHOR_LINE_STARTS and _AUTHOR_LINE_RE.match(text):
            return None  # 作者：… 《报》（日期 版）: a byline, whatever dates it carries
        if (
            not self.units
            and (kind := masthead_kind(text, chinese_page=self.document.metadata.language.startswith("zh")))
            and not title_evidence(line)
        ):  # layout: a title is no masthead
            return kind  # the masthead, above the first story
        if (
            not self.units
            and self.furniture
            and _SPACED_TITLE_RE.match(text)
            and _only_kinds(self.furniture_kinds(), ("page-header", "staff"))
        ):
            return "page-header"  # 朔　风: a supplement's own title, letter-spaced under the page line
        if (
            self.furniture.header_last  # (_right_under_a_header's first test: most lines, no call)
            and self._right_under_a_header()
            and (last := self.furniture.last) is not None
        ):
            # (anywhere on the page: an extraction may print the header's lines last or between columns)
            if _HEADER_NUMBER_RE.match(text) and last.kind == "page-header":
                return "page-header"  # 平顶山日报 / 2020年4月28日 星期二 / 3: the page number
            if _HEADER_NUMBER_SECTION_RE.match(text) and last.kind == "page-header" and not page_number(last.text):
                return "page-header"  # 人民日报 / 2019年11月12日 星期二 / 4 要闻: the page number and its section
            if (
                (section := _HEADER_SECTION_NUMBER_RE.match(text))
                and (len(section.group("section")) <= 4 or section.group("section").endswith(_SECTION_WORDS))
                and last.kind == "page-header"
                and not page_number(last.text)
            ):
                return "page-header"  # 新华每日电讯 / 2020年4月27日 星期一 / 要闻 2: the section, then its page
            if _HEADER_SECTION_RE.match(text) and last.kind == "page-header" and _HEADER_NUMBER_RE.match(last.text):
                return "page-header"  # ... / 3 / 卫东新闻: the section after the page number
        if not self.units and self.furniture_kinds()["page-header"] and (last := self.furniture.last) is not None:
            if (
                len(text) <= 4
                and _HEADER_SECTION_RE.match(text)
                and last.kind == "page-header"
                and (page_number(last.text) or bare_page(last.text))
                and following is not None
                and following.blank_before > max(line.blank_before, 1)
            ):
                return "page-header"  # 2020年4月28日 星期二 A08 / 城事 / (a wider gap) the first story: a short name
            if (
                len(text) <= 6
                and text.endswith(_SECTION_WORDS)
                and _HEADER_SECTION_RE.match(text)
                and last.kind == "page-header"
                and (page_number(last.text) or bare_page(last.text))
            ):
                return "page-header"  # 2020年4月28日 星期二 A07 / 杭州新闻: the page's section under its header
        if is_navigation(text):
            return "navigation"
        if first in JUMP_STARTS and is_jump(text):  # (its first test, without the call)
            return "jump"
        if is_weather(text):
            return "weather"
        if is_advertisement(text, self._hotline):
            return "advertisement"
        page_credit = PAGE_CREDIT_RE.match(text) if first in _PAGE_CREDIT_STARTS else None
        if page_credit and (credits := parse_credit(page_credit.group("credit"))):
            self.page_credits = credits  # 本版图片除署名外均为本报记者 郑 凯 摄
            self.document.metadata.staff.extend(credits)
            return "staff"
        if (
            is_imprint_line(text, self._imprint_words)
            and not in_text_block(line, self.units[-1] if self.units else None)
            and not text_goes_on_in_block(line, following)  # layout: a paragraph of a story's text block
            and not title_evidence(line)  # layout: a title is no imprint line
        ):
            return "imprint"
        if (
            len(text) <= 80
            and (staff := parse_staff(text)) is not None
            and (not self._lone_credit(text, staff) or self._under_the_staff_line(line))
        ):
            self.document.metadata.staff.extend(staff)
            return "staff"
        if (
            self._in_the_staff_block(line)
            and (staff := staff_block_people(text, under_a_label=self._under_a_staff_label(line))) is not None
        ):
            self.document.metadata.staff.extend(staff)  # 本版责编：X / 本期统筹：Y: the page's staff too
            return "staff"
        if (
            is_page_header(text)
            and not (is_date_line(text) and not WEEKDAY_RE.search(text))
            and not title_evidence(line)  # layout: a title is no page header (U17男足…, A04 要闻's shape)
        ):
            return "page-header"
        return band_furniture(line)  # layout: the page's running header and footer bands

    # ------------------------------------------------------------------ 1a. tables

    def find_verse(self) -> None:
        """Verse (42): in text with blank lines between paragraphs, the lines of a poem
        stand on consecutive lines. Found before the headline stacks, so that no verse
        line is taken for a title; in text with one line per paragraph the article's
        body finds them (:func:`body.mark_verse`)."""
        if self.base_gap >= 1:
            for first, last in body_rules.mark_verse(self.units):
                self.note("verse", f"read lines {first}-{last} as verse", first)

    def find_tables(self) -> None:
        """Tables printed as text (a results box, a market table): runs of rows of short
        cells, some numeric, with a title line above and a source line below. Each run
        becomes one unit of kind ``table``, kept as unclassified text."""
        units = self.units
        # a line set in title type is no table row (layout: a headline in capitals has short words too)
        # (a line over 70 characters is no row, and one without layout no title: asked without calls)
        rows = [
            unit.kind == "text"
            and len(unit.text) <= _TABLE_ROW_MAX
            and _is_table_row(unit.text)
            and (unit.layout is None or title_evidence(unit) is not True)
            for unit in units
        ]
        if True not in rows:
            return  # no row: no table starts anywhere
        result: list[Line] = []
        index = 0
        while index < len(units):
            if not rows[index]:
                result.append(units[index])
                index += 1
                continue
            end = index
            while end + 1 < len(units) and (rows[end + 1] or _table_title(units, end + 1, rows)):
                end += 1
            run = list(range(index, end + 1))
            numeric = sum(1 for k in run if rows[k] and _NUMERIC_CELL_RE.search(units[k].text))
            if len(run) < 2 or numeric < 1:
                # no table starts anywhere in the run either (each later start reaches the
                # same end with fewer numeric rows): skip it whole, not line by line, which
                # would scan the rest of a long run again from every line
                result.extend(units[index : end + 1])
                index = end + 1
                continue
            first = index
            if result and result[-1].kind == "text" and _table_title(units, index - 1, rows, before_run=True):
                result.pop()  # the title line above the run: units[index - 1]
                run.insert(0, index - 1)
                first = run[0]
            if (
                end + 1 < len(units)
                and units[end + 1].kind in ("text", "closing")
                and _TABLE_SOURCE_RE.match(units[end + 1].text)
            ):
                end += 1
                run.append(end)
            table = Line(
                no=units[first].no, text="\n".join(units[k].text for k in run), blank_before=units[first].blank_before
            )
            table.kind, table.strong = "table", units[first].strong
            table.meta["last_line"] = units[end].no
            self.note(
                "table",
                f"lines {units[first].no}-{units[end].no} look like a table: kept as unclassified text",
                units[first].no,
            )
            result.append(table)
            index = end + 1
        self.units = units[:] = result

    # ------------------------------------------------------------------ 1b. briefs

    def split_briefs(self) -> None:
        """A briefs column (``简讯`` over ``■标题 正文…`` items): each bulleted item becomes a
        headline unit (its bold lead) and a body unit, so each brief is an article."""
        units = self.units
        if not any([unit.text[:1] in BULLETS for unit in units]):
            return  # no line opens with a bullet: no briefs column, no brief to split
        result: list[Line] = []
        column: str | None = None
        index = 0
        while index < len(units):
            unit = units[index]
            ahead = index + 1
            while ahead < len(units) and units[ahead].kind == "date":
                ahead += 1  # e-paper: the date line under the column's title
            following = units[ahead] if ahead < len(units) else None
            if (
                unit.kind == "text"
                and following is not None
                and following.kind in ("text", "opening")
                and following.text[:1] in BULLETS
                and is_briefs_header(unit.text)  # (asked last: the line after is seldom a bullet's)
                and _brief_title(following.text) is not None  # ■昨天，…: untitled briefs are its story's paragraphs
            ):
                column = strip_ornaments(unit.text)
                unit.kind = "briefs-header"
                result.append(unit)
                index += 1
                continue
            if column and unit.kind in ("text", "opening") and unit.text[:1] in BULLETS:
                result.extend(self._split_brief(unit, column))
            elif column and unit.kind == "date":
                self.keep_date(unit)
            else:
                if column and unit.strong:
                    column = None
                result.append(unit)
            index += 1
        self.units = units[:] = result

    def _split_brief(self, unit: Line, column: str) -> list[Line]:
        text = unit.text.lstrip(BULLETS + " ")
        title = _brief_title(unit.text)
        if title is None:
            unit.text = text
            return [unit]
        head, rest = Line(unit.no, title[0], blank_before=unit.blank_before), title[1]
        head.kind = "brief-headline"
        head.meta["column"] = column
        head.strong = unit.strong
        lines = [head]
        if rest:
            body = Line(unit.no, rest)
            opening = split_opening(rest)
            body.kind, body.data = ("opening", opening) if opening else ("text", None)
            lines.append(body)
        return lines

    # ------------------------------------------------------------------ 3. starts

    def _stack_line_ok(self, index: int) -> bool:
        """Whether the unit can be a line of a headline stack (known once per unit while
        :meth:`find_starts` runs: nothing it reads changes meanwhile)."""
        known = self._line_ok.get(index) if self._line_ok is not None else None
        if known is None:
            known = self._stack_line_test(index)
            if self._line_ok is not None:
                self._line_ok[index] = known
        return known

    def _stack_line_test(self, index: int) -> bool:
        unit = self.units[index]
        # layout: type size says title (True) or body (False); without layout, nothing
        evidence = title_evidence(unit) if unit.layout is not None else None
        return (
            index not in self.in_photo
            and unit.kind == "text"
            and evidence is not False
            and (headline_like(unit.text, length=visible_length(unit.text)) or evidence is True)
            and not is_numbered_subhead(unit.text)
            and not _salutation(unit.text)
            and unit.text[:1] not in BULLETS  # ■重点人群尽早接种 is a subhead (briefs are split before)
        )

    def find_starts(self) -> None:
        """Find the headline stacks that open articles."""
        self._line_ok = {}
        try:
            self._find_starts()
        finally:
            self._line_ok = None
        self._author_lines()

    def _find_starts(self) -> None:
        units = self.units
        n = len(units)
        anchored: set[int] = set()
        kinds = {unit.kind for unit in units}  # (the passes for kinds a page lacks skipped)
        for index, unit in enumerate(units) if "sidebar" in kinds or "brief-headline" in kinds else ():
            if unit.kind == "sidebar":
                if in_title_type(units[index : index + 2]) is False:
                    continue  # layout: label and title in body type, a box inside the story it sits in
                # 记者手记 + its own title: a short piece with the label as its column
                titled = (
                    index + 2 < n
                    and self._stack_line_ok(index + 1)
                    and not ends_paragraph(units[index + 1].text)
                    and units[index + 2].kind == "text"
                    and not headline_like(units[index + 2].text, max_length=20)
                )
                self.starts[index] = 2 if titled else 1
                anchored.add(index)
            elif unit.kind == "brief-headline":
                self.starts[index] = 1
                anchored.add(index)
        index = 0
        while index < n:
            if units[index].kind not in ANCHOR_KINDS or index in self.in_photo:
                index += 1
                continue
            chain_start = index
            while index < n and units[index].kind in ANCHOR_KINDS:
                index += 1
            stack = self._stack_above(chain_start)
            if stack:
                self.starts[stack[0]] = len(stack)
                anchored.add(stack[0])
        # labelled fields (【标题】, 标题：…): a run of field lines with a title is a stack
        index = 0 if "field" in kinds else n
        while index < n:
            if units[index].kind != "field":
                index += 1
                continue
            end = index
            while end + 1 < n and units[end + 1].kind == "field":
                end += 1
            if any(name == "标题" for k in range(index, end + 1) for name, _ in units[k].data):
                self.starts[index] = end - index + 1
                anchored.add(index)
            index = end + 1
        # stacks without an anchor: after a complete paragraph and a strong break
        has_anchors = bool(anchored)
        index = 0
        while index < n:
            if index in self.starts or index in self.in_photo or not self._stack_line_ok(index):
                index += 1
                continue
            run = [index]
            while (
                len(run) < 4
                and run[-1] + 1 < n
                and run[-1] + 1 not in self.starts
                and self._stack_line_ok(run[-1] + 1)
                and not below_title_type([units[k] for k in run], units[run[-1] + 1])
            ):
                run.append(run[-1] + 1)
            following = run[-1] + 1
            if self._unanchored_start(run, following, has_anchors):
                self.starts[run[0]] = len(run)
            index = following

    def _author_lines(self) -> None:
        """Layout: the names alone on a short line right under a headline stack are its
        byline (``张志锋``, ``齐志明 苏咏潇``)."""
        for first, size in self.starts.items():
            k = first + size
            if k < len(self.units) and self.units[k].kind == "text":
                # a speaker labelled 主讲人： on a line or two of their own
                labelled = labelled_author_lines(self.units[k], self.units[k + 1 : k + 3])
                for j in range(k, k + (labelled or 0)):
                    self.units[j].kind, self.units[j].data = "byline", []
                k += labelled or 0
            while k < len(self.units) and self.units[k].kind == "text":
                if (
                    self.units[k - 1].kind == "byline"
                    and author_line_goes_on(self.units[k], self.units[k - 1]) is False
                ):
                    break  # set off from the author's line above it: the story's text
                if at_text_indent(self.units[k], self.units[k + 1] if k + 1 < len(self.units) else None):
                    break  # a label at the text's indent heads the text: no author's line
                short = author_line(self.units[k])
                # the whole line names them
                people = parse_people(self.units[k].text, default_role="writer") if short else []
                if not people:
                    following = self.units[k + 1] if k + 1 < len(self.units) else None
                    if unnamed_author_line(self.units[k], following):
                        # an author no names parse (中共中央党史和文献研究院, 北京市朝阳区杨柳风):
                        # the story's attribution, naming nobody the reader can tell
                        self.units[k].kind, self.units[k].data = "byline", []
                        k += 1
                        if not short:
                            break  # an institution's long line signs alone: the text follows it
                        continue
                    break
                self.units[k].kind, self.units[k].data = "byline", people
                k += 1

    def _stack_above(self, anchor: int) -> list[int]:
        stack: list[int] = []
        k = anchor - 1
        anchor_unit = self.units[anchor]
        signature = anchor_unit.kind == "byline" and anchor_unit.text[:1] in "（("
        if signature and k >= 0 and ends_sentence(self.units[k].text):
            return []  # （江苏南京 读者 王秀英） under a letter's last sentence signs it
        # an editor's note may sit between the headline stack and the byline
        if k >= 1 and self.units[k].kind == "note-signature":
            k -= 2
        while k >= 0 and self.units[k].kind == "editor-note":
            k -= 1
        while k >= 0 and len(stack) < 4 and self._stack_line_ok(k) and k not in self.starts:
            stack.insert(0, k)
            if self.units[k].strong and self.base_gap == 0:
                break
            k -= 1
        return stack

    def _unanchored_start(self, run: list[int], following: int, has_anchors: bool) -> bool:
        units = self.units
        n = len(units)
        first = units[run[0]]
        if following >= n:
            return False
        in_type = in_title_type([units[k] for k in run])
        if in_type is not None:
            # layout: a run of title lines with one in title type opens a story, whatever
            # follows it (an author's name, a picture); without one it opens none
            return in_type
        after = units[following]
        if after.kind not in ("text", "editor-note") or following in self.in_photo or following in self.starts:
            return False
        if starts_as_continuation(after.text):
            return False
        if headline_like(after.text, max_length=20) and not _salutation(after.text):
            return False
        previous = units[run[0] - 1] if run[0] > 0 else None
        before_ok = (
            previous is None
            or ends_paragraph(previous.text)
            or previous.kind in ("closing", "byline", "credit", "caption-credit")
            or (run[0] - 1) in self.in_photo
        )
        if not before_ok and not title_evidence(first):  # layout: paragraphs are never cut before a title
            return False
        if len(run) == 1 and _BRACKETED_LINE_RE.match(first.text):
            return False  # 【风光资源变“绿色财富”】 alone is a subhead
        score = 0.0
        if title_evidence(first):
            score += 3  # layout: set in title type
        if first.strong or run[0] == 0:
            score += 2
        if len(run) >= 2:
            score += 2
        if any(has_clause_marks(units[k].text) for k in run):
            score -= 2
        if not has_anchors:
            score += 0.5
        if len(run) == 1:
            length = visible_length(first.text)
            if length <= 4:
                score -= 1
            # a headline is echoed by its story's first paragraph and not by the story
            # before it; a subhead is about what surrounds it
            before_text = "".join(units[k].text for k in range(max(0, run[0] - 3), run[0]))
            contrast = headline_echo(first.text, after.text) - headline_echo(first.text, before_text)
            if contrast >= 0.35:
                score += 2
            if length >= 10:
                score += 0.5
            if length >= 12 and is_parallel(first.text):
                score += 1  # 非遗手作进景区 游客体验“指尖上的传承”: two phrases side by side
        if previous is not None and previous.kind == "closing":
            score += 1  # the story before ended with its source or dateline
        if (
            previous is not None
            and previous.kind == "byline"
            and previous.text[:1] in "（("
            and run[0] >= 2
            and ends_paragraph(units[run[0] - 2].text)
        ):
            score += 2  # the story before was signed at its end: （江苏淮安 读者 韩建国）
        return score >= 2

    # ------------------------------------------------------------------ 3a. roles

    def find_roles(self, model: str | None) -> None:
        """Let the role model (:mod:`.roles`) weigh the rules' reading with every other
        feature of the lines, and take its roles: headline stacks, photo captions and
        column-break joins. Without a model the rules' reading stands."""
        role_model = model_for(self, model)
        if role_model is not None:
            _, labels, self.stack_model = read_roles(self, role_model, rule_roles(self))
            self.apply_roles(labels)

    def apply_roles(self, labels: list[str]) -> None:
        """Take a role for every unit (:data:`.alignment.LABELS`; the model's, as
        :func:`.roles.page_roles` bounds them)."""
        units = self.units
        self.roles = labels
        for unit, label in zip(units, labels) if "credit" in labels else ():
            if label == "credit" and unit.kind == "byline":
                # a photo report's author line under its caption: who took the picture
                names = list(dict.fromkeys(person.name for person in unit.data))
                unit.kind, unit.data = "credit", [Contributor("photographer", name) for name in names]
        # photos: runs of photo roles, a credit (or a caption line ending in one) closing
        # each picture
        self.photos, self.in_photo = {}, set()
        index = 0
        n = len(units)
        while index < n:
            if labels[index] not in PHOTO_LABELS:
                index += 1
                continue
            first = index
            while (
                index + 1 < n
                and labels[index + 1] in PHOTO_LABELS
                and labels[index] != "credit"
                and units[index].kind != "caption-credit"
                and not (labels[index + 1] == "photo-title" and index > first)
            ):
                index += 1
            last = units[index]
            if last.kind == "credit":
                region = PhotoRegion(first, index, last.data, last.text, None)
            elif last.kind == "caption-credit":
                head, credit_text, credits = last.data
                region = PhotoRegion(first, index, credits, credit_text, head)
            else:
                region = PhotoRegion(first, index, [], "", None, has_credit_line=False)
            if units[first].kind != "photo-heading" and labels[first] == "photo-title":
                units[first].kind = "photo-heading"
            self.photos[first] = region
            self.in_photo.update(range(first, index + 1))
            index += 1
        # headline stacks: runs of title roles, a new stack where the order goes back. A
        # briefs column's header heads the briefs after it (see build), not one stack.
        rank = {"column": 0, "kicker": 1, "headline": 2, "subheadline": 3}
        self.starts, self.stack_roles = {}, {}
        index = 0
        while index < n:
            if labels[index] not in TITLE_LABELS or units[index].kind == "briefs-header":
                index += 1
                continue
            first = index
            while (
                index + 1 < n
                and labels[index + 1] in TITLE_LABELS
                and rank[labels[index + 1]] >= rank[labels[index]]
                and not (labels[index + 1] == labels[index] != "headline")
            ):
                index += 1
            roles = labels[first : index + 1]
            if "headline" not in roles:
                roles[-1 if "kicker" in roles else 0] = "headline"
            self.starts[first] = len(roles)
            self.stack_roles[first] = roles
            index += 1
        # a byline signed with slashes, with no title over it, right over a stack, is that
        # story's (文/记者 X 图/记者 Y over a photo story's title): print set the author first;
        # so is one set apart from the story above by a wider gap (本报记者 X 报道 / 标题)
        self.leading_bylines = {
            first - 1
            for first in self.starts
            if first
            and labels[first - 1] == "byline"
            and (first == 1 or labels[first - 2] not in TITLE_LABELS)
            and (slash_signed(units[first - 1].text) or (units[first - 1].strong and not units[first].strong))
        }
        for unit, label in zip(units, labels):
            if label in ("para", "cont", "subhead", "other"):
                unit.meta["role"] = label
            elif label == "byline" and unit.kind == "text":
                # an author's line the rules did not read (卜 谷 under a title): its names
                # when it has any, else kept as printed in the attribution
                unit.kind, unit.data = "byline", author_line_people(unit.text)

    # ------------------------------------------------------------------ 4. build

    def build(self) -> None:
        """Make the articles and photos, in reading order."""
        units = self.units
        n = len(units)
        items = self.document.items
        current: Article | None = None
        current_units: list[Line] = []
        pending_figures: dict[int, list[Figure]] = {}

        def close() -> None:
            nonlocal current, current_units, pending_figures
            if current is not None:
                body_rules.shape_article(current, current_units, pending_figures, self)
                items.append(current)
            current, current_units, pending_figures = None, [], {}

        def opens_column(index: int) -> bool:
            """A briefs header whose briefs follow (else it is a line of the story)."""
            following = next((unit for unit in units[index + 1 :] if unit.kind != "date"), None)
            return units[index].kind == "briefs-header" and following is not None and following.kind == "brief-headline"

        def ends_article(index: int) -> bool:
            """Whether the unit at ``index`` cannot continue the story above: the page's
            end, a new item (a headline stack, a photo) or a briefs column."""
            return index >= n or index in self.starts or index in self.photos or opens_column(index)

        # where each row of pictures ends, found once from the last picture back (each
        # picture of a row of thousands walked to its end: quadratic)
        row_end: dict[int, int] = {}
        for start in sorted(self.photos, reverse=True):
            after = self.photos[start].last + 1 + len(self.photos[start].trailer)
            while after in self.photos and after not in row_end:
                after = self.photos[after].last + 1 + len(self.photos[after].trailer)
            row_end[start] = row_end.get(after, after)

        index = 0
        while index < n:
            if units[index].meta.get("images") and index not in self.in_photo:
                # layout: pictures with no caption under them stand as photos of their own
                close()
                for image in units[index].meta.pop("images"):
                    items.append(Photo(image=image, lines=(units[index].no, units[index].no)))
                self.note("picture-without-caption", "a picture with no caption under it", units[index].no)
            if index in self.photos:
                region = self.photos[index]
                photo_lines = units[region.first : region.last + 1]
                after = row_end[index]  # a row of pictures: what follows the last one decides
                # (on a laid-out page a picture right under a story's title is in its module)
                nothing_yet = not current_units and units[region.first].layout is None
                if (
                    nothing_yet
                    and current is not None
                    and region.first
                    and current.lines[1] == units[region.first - 1].no
                    and after < n
                    and units[after].kind == "opening"
                ):
                    nothing_yet = False  # title / picture / 本报讯…: the picture between a story's title and its text
                standalone = current is None or nothing_yet or ends_article(after)
                if standalone:
                    close()
                    items.extend(self._photos(region, photo_lines))
                else:
                    pending_figures.setdefault(len(current_units), []).extend(self._figures(region, photo_lines))
                index = region.last + 1 + len(region.trailer)
                continue
            if units[index].kind == "table":
                following = index + 1
                inside = (
                    current is not None
                    and current_units
                    and not ends_article(following)
                    and units[following].kind == "text"
                )
                if inside:
                    current_units.append(units[index])  # a table within a story: a block of its body
                else:
                    self.furniture.add("unclassified", units[index].text, units[index].no)
                index += 1
                continue
            if units[index].kind == "briefs-header":
                if opens_column(index):
                    close()  # the header is the column of the briefs that follow
                    index += 1
                    continue
                units[index].kind = "text"
            if index in self.leading_bylines:
                index += 1  # (taken by the stack under it)
                continue
            if index in self.starts:
                close()
                size = self.starts[index]
                stack_lines = units[index : index + size]
                current = self._article(stack_lines, index)
                self._split_run_on_title(current)
                if index - 1 in self.leading_bylines:
                    current_units.append(units[index - 1])
                    current.lines = (units[index - 1].no, current.lines[1])
                index += size
                continue
            if (
                units[index].meta.get("role") == "other"
                and units[index].kind in ("text", "verse")
                and not (index + 1 < n and units[index + 1].kind == "note-signature")  # an editor's note
            ):
                # text the role model reads as no part of a story (a teaser, a stray label)
                self.furniture.add("unclassified", units[index].text, units[index].no)
                self.note(
                    "unclassified-line", f"kept line {units[index].no} apart as unclassified text", units[index].no
                )
                index += 1
                continue
            if current is None and units[index].kind == "date":
                self.keep_date(units[index])
                index += 1
                continue
            if (
                current is not None
                and units[index].kind == "opening"
                and self._opens_untitled_story(index, current_units)
            ):
                close()
                current = Article(headline="")
                self.note(
                    "article-without-headline",
                    f"a dateline set apart by a wider gap opens a story of its own, with no headline (line {units[index].no})",
                    units[index].no,
                    "info",
                )
            if current is None and (header := self.lone_teaser_headers.pop(units[index].no, None)) is not None:
                # 导读 alone over a page's lead text (no box of pointers under it): its title
                self.furniture.take_back(header)
                current = Article(headline=strip_ornaments(header.text.strip()), lines=(header.line, header.line))
                self.note("teaser-box", f"took line {header.line} as the title of the text under it", header.line)
            if current is None:
                current = Article(headline="")
                self.note(
                    "article-without-headline",
                    "text before any headline kept as an article without headline "
                    "(a story continued from another page, or a headline the reader missed)",
                    units[index].no,
                    "warning",
                )
            current_units.append(units[index])
            index += 1
        close()
        self._carry_briefs_columns()
        self._apply_page_credits()
        if self.teasers:
            self._teaser_articles()

    def _teaser_articles(self) -> None:
        """Each front-page teaser box (``导读`` over ``理论`` / ``科学把握中国经济发展大势`` /
        ``第九版`` …) as an article of its own where it stands among the page's items: the
        header its headline, each line of the box a paragraph, as the e-paper records keep
        it (People's Daily's 59 boxes, Xinmin Evening News' one)."""
        items = self.document.items
        merged: list[Article | Photo] = []
        at = 0
        for box in self.teasers:  # (both in page order: one merge, linear whatever their number)
            header, lines = box[0], box[1:]
            while at < len(items) and (items[at].lines is None or items[at].lines[0] < header.no):
                merged.append(items[at])
                at += 1
            merged.append(
                Article(
                    headline=strip_ornaments(header.text.strip()),
                    body=[Paragraph(line.text.strip()) for line in lines],
                    lines=(header.no, lines[-1].no),
                )
            )
        items[:] = merged + items[at:]

    def _opens_untitled_story(self, index: int, current_units: list[Line]) -> bool:
        """Whether the unit at ``index`` opens a story with no title of its own: a dateline
        (``本报讯 …``, ``新华社…电``) set apart from the story above, whose last paragraph
        ended, by more blank lines than the page's usual (in the seed's shape a story's
        paragraphs are never set so far apart; a brief without a title is)."""
        unit = self.units[index]
        return (
            unit.kind == "opening"
            and unit.strong
            and self.base_gap >= 1
            and unit.meta.get("role", "para") == "para"
            and bool(current_units)
            and current_units[-1].kind in ("text", "opening")
            and ends_paragraph(current_units[-1].text)
        )

    def _apply_page_credits(self) -> None:
        """Pictures printed with no credit take the page's (本版图片除署名外均为X摄)."""
        if not self.page_credits:
            return
        for item in self.document.items:
            pictures = [item] if isinstance(item, Photo) else [b for b in item.body if isinstance(b, Figure)]
            for picture in pictures:
                if not picture.credits and not picture.attribution:
                    picture.credits = list(self.page_credits)

    def _carry_briefs_columns(self) -> None:
        """Short stories right after a brief of a briefs column belong to that column."""
        items = self.document.items
        for previous, item in itertools.pairwise(items):
            if (
                isinstance(previous, Article)
                and isinstance(item, Article)
                and previous.column
                and is_collective_column(previous.column)
                and item.column is None
                and item.kicker is None
                and item.subheadline is None
                and sum(1 for block in item.paragraphs if parse_closing(block.text) is None) <= 3
            ):
                item.column = previous.column

    def _article(self, stack_lines: list[Line], first: int) -> Article:
        if stack_lines[0].kind == "field":
            return self._field_article(stack_lines)
        roles = self.stack_roles.get(first)
        if roles is not None:
            return self._labelled_article(stack_lines, roles)
        main = next((k for k, line in enumerate(stack_lines) if line.meta.get("title_suffix")), None)
        roles = title_roles(stack_lines)  # layout: the type sizes give the roles
        if roles is not None:
            return self._article_from_roles(stack_lines, roles)
        # PDF text (not hard-wrapped) separates the blocks of a stack by blank lines
        blocks = self.base_gap >= 1 and not self.hard_wrapped
        stack = assign_roles(
            [line.text for line in stack_lines],
            main=main,
            gaps=[line.blank_before > 0 for line in stack_lines] if blocks else None,
        )
        article = Article(
            headline=stack.headline,
            kicker=stack.kicker,
            subheadline=stack.subheadline,
            column=stack.column,
            lines=(stack_lines[0].no, stack_lines[-1].no),
        )
        if stack_lines[0].meta.get("column"):
            article.column = stack_lines[0].meta["column"]
        if stack.guessed:
            self.note(
                "headline-roles-guessed",
                f"two title lines with no clear kicker or subheadline; took {stack.kicker or stack.headline!r} "
                f"as {'kicker' if stack.kicker else 'headline'}",
                stack_lines[0].no,
                "info",
            )
        return article

    def _split_run_on_title(self, article: Article) -> None:
        """A kicker or subheadline the extraction ran on to the headline's line, at a dash
        (:func:`.run_on_titles.split_run_on_title`), goes to its own field when that field
        is empty."""
        if ("——" not in article.headline and "\u2015\u2015" not in article.headline) or (
            article.kicker and article.subheadline
        ):
            return
        odds = self.stack_model.kicker_odds if self.stack_model is not None else None
        split = split_run_on_title(article.headline, odds)
        if split is None:
            return
        kicker, headline, subheadline = split
        if (kicker and article.kicker) or (subheadline and article.subheadline):
            return
        article.headline = headline
        article.kicker = kicker or article.kicker
        article.subheadline = subheadline or article.subheadline
        self.note(
            "run-on-title",
            f"split {kicker or subheadline!r} from the headline it was run on to",
            article.lines[0] if article.lines else None,
            "info",
        )

    def _labelled_article(self, stack_lines: list[Line], roles: list[str]) -> Article:
        """An article whose stack roles the role model gave."""
        if stack_lines[0].kind == "field":
            return self._field_article(stack_lines)
        parts: dict[str, str] = {}
        # PDF text (not hard-wrapped) separates a stack's blocks by blank lines: a title
        # line with none before it is the line above wrapped when the break also reads as
        # one in the middle of a word (社区菜 / 市场和); else the roles the model gave stand
        # (a page whose extraction left out some blank lines: 卫东区全面开展巡察整改“清零”行动
        # / 覆盖41个被巡察单位 are two titles)
        roles = list(roles)
        if self.base_gap >= 1 and not self.hard_wrapped:
            for k in range(1, len(stack_lines)):
                if (
                    stack_lines[k].blank_before == 0
                    and is_title_wrap(stack_lines[k - 1].text, stack_lines[k].text)
                    and cuts_a_word(stack_lines[k - 1].text, stack_lines[k].text, TITLE_WRAP_ADJACENT)
                ):
                    roles[k] = roles[k - 1]
                    stack_lines[k].meta["wrapped"] = True
            if "headline" not in roles:  # the headline was the wrapped line: its title is one
                main = "kicker" if "kicker" in roles else "subheadline" if "subheadline" in roles else roles[-1]
                roles = ["headline" if role == main else role for role in roles]
        for line, role in zip(stack_lines, roles):
            text = strip_ornaments(line.text) if role == "column" else line.text
            if role in parts and line.meta.get("wrapped"):
                parts[role] += join_glue(parts[role], text) + text
            elif role in parts:
                joined = parts[role]
                # a headline wrapped onto a second line joins as printed; other roles
                # on two lines are two phrases
                parts[role] = joined + (join_glue(joined, text) if role == "headline" else " ") + text
            else:
                parts[role] = text
        article = Article(
            headline=parts.get("headline", ""),
            kicker=parts.get("kicker"),
            subheadline=parts.get("subheadline"),
            column=parts.get("column"),
            lines=(stack_lines[0].no, stack_lines[-1].no),
        )
        if stack_lines[0].meta.get("column"):
            article.column = stack_lines[0].meta["column"]
        return article

    def _article_from_roles(self, stack_lines: list[Line], roles: dict[int, str]) -> Article:
        """An article whose headline stack roles came from type sizes (:func:`title_roles`)."""

        def text(role: str) -> str | None:
            return " ".join(line.text for k, line in enumerate(stack_lines) if roles[k] == role) or None

        column = text("column")
        return Article(
            headline=text("headline") or "",
            kicker=text("kicker"),
            subheadline=text("subheadline"),
            column=strip_ornaments(column) if column else stack_lines[0].meta.get("column"),
            lines=(stack_lines[0].no, stack_lines[-1].no),
        )

    def _field_article(self, stack_lines: list[Line]) -> Article:
        """An article whose headline stack and attribution come from labelled fields."""
        values: dict[str, str] = {}
        for line in stack_lines:
            for name, value in line.data:
                if value:
                    values[name] = f"{values[name]} {value}" if name in values else value
        article = Article(
            headline=values.get("标题", ""),
            kicker=values.get("引题") or values.get("肩题"),
            subheadline=values.get("副题"),
            lines=(stack_lines[0].no, stack_lines[-1].no),
        )
        if author := values.get("作者"):
            people = parse_people(author, default_role="writer")
            article.attribution.append(author)  # as printed, like a byline line
            if people:
                article.bylines.extend(people)
            else:
                self.note("author-field-unread", f"kept the author field {author!r} as printed", stack_lines[0].no)
        if source := values.get("来源"):
            article.sources.append(field_text("来源", source))
        return article
