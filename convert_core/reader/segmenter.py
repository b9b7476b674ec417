"""Lines to items: the reader's structural pass.

1. :meth:`Segmenter.classify` gives each line a kind: furniture (kept aside), a photo
   credit, a dateline opening, a byline line, a date line, or text.
2. :meth:`Segmenter.find_photos` groups caption lines with their credit.
3. :meth:`Segmenter.find_starts` finds where articles start: a headline stack above an
   *anchor* (a dateline, a byline line or a date line), or, without an anchor, a stack
   that follows a complete paragraph after a strong break.
4. :meth:`Segmenter.build` walks the lines and makes articles and photos; the body of
   each article is shaped by :mod:`convert_core.reader.body`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Contributor, Diagnostic, Document, Figure, Furniture, Photo
from . import body as body_rules
from .datelines import parse_byline_line, split_opening
from .furniture import (
    is_date_line,
    is_imprint,
    is_jump,
    is_navigation,
    is_page_header,
    parse_staff,
)
from .headlines import assign_roles, has_clause_marks, headline_like, is_numbered_subhead
from .lines import Line
from .people import parse_credit, split_tail_credit
from .text import BULLETS, ends_paragraph, starts_as_continuation, visible_length

_PHOTO_HEADING_RE = re.compile(
    r"^[【\[]?(?:图片新闻|图片报道|新闻图片|图说新闻|图说|图片故事|摄影报道|摄影作品|一线镜头|镜头|光影|图片|组图)[】\]]?$"
)
_FIGURE_LABEL_RE = re.compile(r"^(?:图\s*[①-⑳]|图\s*\d{1,2}\s*[：:.、，,]|[①-⑳]\s*)")
_TITLE_SUFFIX_RE = re.compile(
    r"^(?P<title>.+?)\s*[_｜|]\s*(?P<suffix>[^_｜|\s]{2,24}?(?:日报|晚报|晨报|早报|都市报|时报|商报|报|网|电子版|数字报))$"
)
_EDITOR_NOTE_RE = re.compile(r"^(?:【?编者按】?|编者的话|编前语|编后语|编后)[:：]?")

ANCHOR_KINDS = ("opening", "byline", "date")


@dataclass
class PhotoRegion:
    """Caption lines and the credit that closes them (indexes into the units)."""

    first: int
    last: int
    credits: list[Contributor]
    credit_text: str
    caption_tail: str | None  # the caption text before a credit on the same line


class Segmenter:
    """Turns the lines of one page into items, furniture and diagnostics."""

    def __init__(self, lines: list[Line], base_gap: int, document: Document) -> None:
        self.document = document
        self.diagnostics = document.diagnostics
        self.furniture = document.furniture
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

    # ------------------------------------------------------------------ 1. classify

    def note(self, code: str, message: str, line: int | None, severity: str = "info") -> None:
        self.diagnostics.append(Diagnostic(code, message, line, severity))  # type: ignore[arg-type]

    def _keep_furniture(self, kind: str, line: Line) -> None:
        self.furniture.append(Furniture(kind=kind, text=line.text, line=line.no))

    def classify(self) -> None:
        """Set aside furniture and give every other line a kind."""
        pending_strong = False
        for line in self.all_lines:
            text = line.text
            furniture = self._furniture_kind(line)
            if furniture:
                self._keep_furniture(furniture, line)
                pending_strong = pending_strong or line.strong
                continue
            if pending_strong:
                line.strong = True
                pending_strong = False
            suffix = _TITLE_SUFFIX_RE.match(text)
            if suffix and headline_like(suffix.group("title")):
                line.meta["title_suffix"] = suffix.group("suffix")
                self.furniture.append(Furniture("navigation", suffix.group("suffix"), line.no))
                self.note(
                    "title-suffix-removed", f"removed the site suffix {suffix.group('suffix')!r} from a title", line.no
                )
                line.text = text = suffix.group("title")
            if is_date_line(text):
                line.kind = "date"
            elif _PHOTO_HEADING_RE.match(text):
                line.kind = "photo-heading"
            elif (credits := parse_credit(text)) is not None and self._credit_line_ok(text):
                line.kind, line.data = "credit", credits
            elif (opening := split_opening(text)) is not None:
                line.kind, line.data = "opening", opening
            elif (people := parse_byline_line(text)) is not None:
                line.kind, line.data = "byline", people
            elif (tail := split_tail_credit(text)) is not None and tail[0]:
                line.kind, line.data = "caption-credit", tail
            elif _EDITOR_NOTE_RE.match(text):
                line.kind = "editor-note"
            else:
                line.kind = "text"
            self.units.append(line)
        self.page_text = "\n".join(unit.text for unit in self.units)

    @staticmethod
    def _credit_line_ok(text: str) -> bool:
        # a credit alone on a line; "制图" or "摄影" with no name is not one
        return len(text) <= 40

    def _furniture_kind(self, line: Line) -> str | None:
        text = line.text
        if is_navigation(text):
            return "navigation"
        if is_jump(text):
            return "jump"
        if len(text) <= 80 and is_imprint(text):
            return "imprint"
        if len(text) <= 80 and (staff := parse_staff(text)) is not None:
            self.document.metadata.staff.extend(staff)
            return "staff"
        if is_page_header(text) and not is_date_line(text):
            return "page-header"
        return None

    # ------------------------------------------------------------------ 2. photos

    def find_photos(self) -> None:
        """Group caption lines with the credit line that closes them."""
        units = self.units
        for index, unit in enumerate(units):
            if unit.kind not in ("credit", "caption-credit") or index in self.in_photo:
                continue
            if unit.kind == "caption-credit":
                head, credit_text, credits = unit.data
                first = self._caption_start(index, include_self=True)
                region = PhotoRegion(first, index, credits, credit_text, head)
            else:
                first = self._caption_start(index, include_self=False)
                region = PhotoRegion(first, index, unit.data, unit.text, None)
            # a photo heading (图片新闻) right above belongs to the picture
            if region.first > 0 and units[region.first - 1].kind == "photo-heading":
                region.first -= 1
            self.photos[region.first] = region
            self.in_photo.update(range(region.first, region.last + 1))

    def _caption_start(self, index: int, *, include_self: bool) -> int:
        """First line of the caption that ends at ``index``.

        Caption paragraphs follow a strong break (extra blank lines before a picture) or a
        numbered label (``图①``); without either, the caption is the credit's own line, or
        the one line before a credit that stands alone."""
        units = self.units
        lowest = max(0, index - 4)
        if include_self and units[index].strong:
            return index
        candidate = index if include_self else index - 1
        k = candidate
        while k >= lowest and k not in self.in_photo and units[k].kind in ("text", "photo-heading"):
            if units[k].strong or _FIGURE_LABEL_RE.match(units[k].text):
                return k
            if not ends_paragraph(units[k].text) and units[k].kind == "text":
                break
            k -= 1
        if include_self:
            return index
        if index > 0 and units[index - 1].kind == "text" and index - 1 not in self.in_photo:
            return index - 1
        return index

    # ------------------------------------------------------------------ 3. starts

    def _stack_line_ok(self, index: int) -> bool:
        unit = self.units[index]
        return (
            index not in self.in_photo
            and unit.kind == "text"
            and headline_like(unit.text)
            and not is_numbered_subhead(unit.text)
        )

    def find_starts(self) -> None:
        """Find the headline stacks that open articles."""
        units = self.units
        n = len(units)
        anchored: set[int] = set()
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
                self.starts[chain_start - len(stack)] = len(stack)
                anchored.add(chain_start - len(stack))
        # stacks without an anchor: after a complete paragraph and a strong break
        has_anchors = bool(anchored)
        index = 0
        while index < n:
            if index in self.starts or index in self.in_photo or not self._stack_line_ok(index):
                index += 1
                continue
            run = [index]
            while (
                len(run) < 4 and run[-1] + 1 < n and run[-1] + 1 not in self.starts and self._stack_line_ok(run[-1] + 1)
            ):
                run.append(run[-1] + 1)
            following = run[-1] + 1
            if self._unanchored_start(run, following, has_anchors):
                self.starts[run[0]] = len(run)
            index = following

    def _stack_above(self, anchor: int) -> list[int]:
        stack: list[int] = []
        k = anchor - 1
        while k >= 0 and len(stack) < 4 and self._stack_line_ok(k) and k not in self.starts:
            stack.insert(0, k)
            if self.units[k].strong and len(stack) >= 1 and self.base_gap == 0:
                break
            k -= 1
        # a kicker cannot follow an unfinished sentence: the line before the stack is
        # the previous article's last, or the stack took a paragraph's first piece
        return stack

    def _unanchored_start(self, run: list[int], following: int, has_anchors: bool) -> bool:
        units = self.units
        n = len(units)
        first = units[run[0]]
        if following >= n:
            return False
        after = units[following]
        if after.kind not in ("text", "editor-note") or following in self.in_photo or following in self.starts:
            return False
        if starts_as_continuation(after.text) or headline_like(after.text, max_length=20):
            return False
        before_ok = run[0] == 0 or ends_paragraph(units[run[0] - 1].text) or (run[0] - 1) in self.in_photo
        if not before_ok:
            return False
        score = 0.0
        if first.strong or run[0] == 0:
            score += 2
        if len(run) >= 2:
            score += 2
        if any(has_clause_marks(units[k].text) for k in run):
            score -= 2
        if not has_anchors:
            score += 0.5
        if visible_length(first.text) <= 4 and len(run) == 1:
            score -= 1
        return score >= 2

    # ------------------------------------------------------------------ 4. build

    def build(self) -> None:
        """Make the articles and photos, in reading order."""
        units = self.units
        n = len(units)
        items = self.document.items
        current: Article | None = None
        current_units: list[Line] = []
        pending_figures: dict[int, Figure] = {}

        def close() -> None:
            nonlocal current, current_units, pending_figures
            if current is not None:
                body_rules.shape_article(current, current_units, pending_figures, self)
                items.append(current)
            current, current_units, pending_figures = None, [], {}

        index = 0
        while index < n:
            if index in self.photos:
                region = self.photos[index]
                photo_lines = units[region.first : region.last + 1]
                standalone = (
                    current is None
                    or region.last + 1 >= n
                    or (region.last + 1) in self.starts
                    or (region.last + 1) in self.photos
                    or not current_units
                )
                if standalone:
                    close()
                    items.append(self._photo(region, photo_lines))
                else:
                    pending_figures[len(current_units)] = self._figure(region, photo_lines)
                index = region.last + 1
                continue
            if index in self.starts:
                close()
                size = self.starts[index]
                stack_lines = units[index : index + size]
                current = self._article(stack_lines)
                index += size
                continue
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

    def _article(self, stack_lines: list[Line]) -> Article:
        stack = assign_roles([line.text for line in stack_lines])
        article = Article(
            headline=stack.headline,
            kicker=stack.kicker,
            subheadline=stack.subheadline,
            column=stack.column,
            lines=(stack_lines[0].no, stack_lines[-1].no),
        )
        if stack.guessed:
            self.note(
                "headline-roles-guessed",
                f"two title lines with no clear kicker or subheadline; took {stack.kicker or stack.headline!r} "
                f"as {'kicker' if stack.kicker else 'headline'}",
                stack_lines[0].no,
                "info",
            )
        return article

    def _caption_paragraphs(self, region: PhotoRegion, lines: list[Line]) -> tuple[str | None, str | None, list[str]]:
        title = None
        label = None
        caption: list[str] = []
        for line in lines:
            if line.kind == "photo-heading":
                title = line.text
                continue
            if line is lines[-1]:
                if region.caption_tail is not None:
                    caption.append(region.caption_tail)
                continue
            caption.append(line.text)
        if caption:
            match = _FIGURE_LABEL_RE.match(caption[0])
            if match and len(caption) == 1:
                label = match.group().strip(" ：:.、，,")
        return title, label, caption

    def _photo(self, region: PhotoRegion, lines: list[Line]) -> Photo:
        title, label, caption = self._caption_paragraphs(region, lines)
        if not caption:
            self.note("photo-without-caption", "a picture credit with no caption before it", lines[-1].no, "warning")
        return Photo(
            caption=caption,
            credits=list(region.credits),
            title=title,
            label=label,
            attribution=[region.credit_text.strip(BULLETS + " ")] if region.credit_text else [],
            lines=(lines[0].no, lines[-1].no),
        )

    def _figure(self, region: PhotoRegion, lines: list[Line]) -> Figure:
        _title, label, caption = self._caption_paragraphs(region, lines)
        return Figure(caption=caption, credits=list(region.credits), label=label, attribution=[region.credit_text])
