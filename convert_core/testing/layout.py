"""Page layout for the typesetter: the style of a page (:class:`LayoutStyle`), each item set as a
rectangular module, and the modules packed on the page's column grid.

A page is a grid of columns under a header. Items are modules spanning whole columns: an
article's headline stack (column tag, kicker, headline, subheadline, byline) spans all its
columns and its body flows down one column and on at the top of the next; a photo is a picture
with its caption below. Modules are packed in reading order into horizontal bands, each band a
row of cells side by side (a cell may stack two or three short items, such as briefs and a
photo). A search over the ways to cut the item list into bands picks the layout that wastes
least space, with a seeded random preference so that pages differ; the body size and leading
are then the largest that let the page hold its items. What a layout produces is a
:class:`PagePlan`: lines of type, pictures and rules at their places, in PDF points with the
origin at the page's bottom left.
"""

from __future__ import annotations

import datetime as _dt
import functools
import random
import zlib
from dataclasses import dataclass, field, replace
from typing import Literal

from .linebreak import Align, SetLine, Span, balanced_lines, set_paragraph, shape
from .pagespec import PageSpec, PhotoSpec, StorySpec, printed_text
from .typefaces import Face, chain

Role = str  # page-header, staff, column, kicker, headline, subheadline, byline, dateline, body, subhead,
# quote, preface, trailer, photo-title, caption, credit


@dataclass(frozen=True)
class LayoutStyle:
    """Every layout choice of a page. :meth:`choose` draws them from a seed; set fields with
    :func:`dataclasses.replace` to pin one (``replace(style, columns=4)``)."""

    format: Literal["broadsheet", "tabloid"] = "broadsheet"
    page_width: float = 1105.0
    page_height: float = 1531.0
    margin: float = 46.0
    margin_top: float = 40.0
    margin_bottom: float = 44.0
    columns: int = 6
    gutter: float = 12.0
    body_size: float = 10.0
    min_body_size: float = 7.5
    max_body_size: float = 11.0
    leading: float = 1.5
    min_leading: float = 1.25
    indent_em: float = 2.0
    headline_scale: float = 1.0
    headline_align: Align = "center"
    stack_align: Align = "center"
    subheadline_dash: bool = True
    dateline_bold: bool = True
    caption_delta: float = 1.0
    credit_join: str = ""
    image_format: Literal["jpeg", "png"] = "jpeg"
    photo_aspect: float = 1.5
    rules: bool = True
    box_share: float = 0.2
    staff_at: Literal["top", "bottom"] = "top"
    header_variant: int = 0
    hyphenate: bool = False
    sans_headlines: bool = False
    noise: float = 0.3

    @classmethod
    def choose(cls, spec: PageSpec, seed: int = 0) -> LayoutStyle:
        """A style drawn from ``seed`` (format, grid, sizes, alignment, rules, pictures...)."""
        rng = random.Random(f"style:{seed}")
        latin = spec.latin
        # a tabloid page holds about 3,500 Chinese characters (or 15,000 letters) of body text;
        # a page with little text is a tabloid's (a broadsheet's would be mostly advertisement)
        length = _text_length(spec)
        if length > (15000 if latin else 3500):
            broadsheet = True
        elif length < (7000 if latin else 1800):
            broadsheet = False
        else:
            broadsheet = rng.random() < 0.5
        if broadsheet:
            width, height = rng.uniform(1060, 1130), rng.uniform(1480, 1560)
            columns = rng.choice([4, 5, 5, 6, 6, 6])
        else:
            width, height = rng.uniform(740, 800), rng.uniform(1060, 1130)
            columns = rng.choice([3, 4, 4])
        body = rng.choice([9.0, 9.5, 10.0, 10.5]) if not latin else rng.choice([8.5, 9.0, 9.5])
        return cls(
            format="broadsheet" if broadsheet else "tabloid",
            page_width=round(width, 1),
            page_height=round(height, 1),
            margin=round(rng.uniform(36, 56), 1),
            margin_top=round(rng.uniform(32, 48), 1),
            margin_bottom=round(rng.uniform(36, 52), 1),
            columns=columns,
            gutter=round(rng.uniform(9, 15), 1),
            body_size=body,
            min_body_size=7.0 if not latin else 6.5,
            max_body_size=11.0 if not latin else 10.0,
            leading=round(rng.uniform(1.35, 1.52), 2) if not latin else round(rng.uniform(1.15, 1.3), 2),
            min_leading=1.25 if not latin else 1.08,
            indent_em=2.0 if not latin else rng.choice([1.0, 1.5]),
            headline_scale=round(rng.uniform(0.85, 1.15), 2),
            headline_align=rng.choice(["center", "center", "left"]) if not latin else "left",
            stack_align=rng.choice(["center", "left"]) if not latin else "left",
            subheadline_dash=rng.random() < 0.5 and not latin,
            dateline_bold=rng.random() < 0.6,
            caption_delta=rng.choice([0.5, 1.0, 1.5]),
            credit_join=rng.choice(["", " ", "　"]) if not latin else " ",
            image_format=rng.choice(["jpeg", "jpeg", "png"]),
            photo_aspect=round(rng.uniform(1.25, 1.7), 2),
            rules=rng.random() < 0.7,
            box_share=rng.choice([0.0, 0.15, 0.3]),
            staff_at=rng.choice(["top", "bottom"]),
            header_variant=rng.randrange(3),
            hyphenate=latin,
            sans_headlines=rng.random() < 0.5,
            noise=round(rng.uniform(0.15, 0.5), 2),
        )


def _text_length(spec: PageSpec) -> int:
    total = 0
    for item in spec.items:
        if isinstance(item, StorySpec):
            total += item.length + len(item.headline) * 4
        else:
            total += sum(map(len, item.caption)) + 400
    return total


# --------------------------------------------------------------------------- placed things


@dataclass
class PlacedLine:
    """A line of type at its place: ``x`` of the line's left edge, ``baseline``; ``item`` the index
    of its item in the spec (``None`` for page furniture); ``column`` the page column it sits in
    (``None`` for lines spanning several)."""

    line: SetLine
    x: float
    baseline: float
    item: int | None
    column: int | None


@dataclass
class PlacedImage:
    """A picture: its box and the seed its pixels are drawn from."""

    x: float
    y: float
    width: float
    height: float
    key: str
    item: int | None
    role: str = "photo"


@dataclass
class PlacedRule:
    """A line (``kind="line"``) or a rectangle's outline (``kind="box"``)."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    kind: Literal["line", "box"] = "line"


@dataclass
class ModulePlace:
    """Where an item went: its module's box, the page columns it spans, whether it is boxed."""

    item: int
    kind: str
    bbox: tuple[float, float, float, float]
    columns: tuple[int, ...]
    boxed: bool = False


@dataclass
class PagePlan:
    """The laid-out page: everything to draw, with the style and the sizes finally used."""

    style: LayoutStyle
    width: float
    height: float
    columns: list[tuple[float, float]]
    body_size: float
    leading: float
    lines: list[PlacedLine] = field(default_factory=list)
    images: list[PlacedImage] = field(default_factory=list)
    rules: list[PlacedRule] = field(default_factory=list)
    modules: list[ModulePlace] = field(default_factory=list)
    missing: str = ""
    grown: bool = False


# --------------------------------------------------------------------------- modules


@dataclass
class Element:
    """A piece of a body flow: one line, or a block kept whole (a figure, a subhead with the line
    after it is chained by ``keep_with_next``). ``lines`` hold (line, offset of its baseline from the
    element's top); ``image`` a picture (offset from the top, width, height)."""

    height: float
    lines: list[tuple[SetLine, float]] = field(default_factory=list)
    image: tuple[float, float, float] | None = None
    keep_with_next: bool = False


def _baseline_offset(size: float, leading: float, face: Face) -> float:
    """From the top of a line's slot to its baseline: the em box centred in the slot."""
    return (leading - size) / 2 + size * (1 + face.descent)


class Typesetter:
    """Sets the items of one page in one style at one body size and leading."""

    def __init__(self, spec: PageSpec, style: LayoutStyle, size: float, leading: float, seed: int) -> None:
        self.spec = spec
        self.style = style
        self.size = size
        self.lead = size * leading
        self.seed = seed
        self.latin = spec.latin
        language = spec.language
        self.serif = tuple(chain(language))
        self.bold = tuple(chain(language, weight="bold"))
        heads = "sans" if style.sans_headlines and self.latin else "serif"
        self.head = tuple(chain(language, heads, "bold"))
        self.italic = tuple(chain(language, weight="italic")) if self.latin else self.serif
        self.sans = tuple(chain(language, "sans"))
        self.sans_bold = tuple(chain(language, "sans", "bold"))
        self.column_width = (style.page_width - 2 * style.margin - (style.columns - 1) * style.gutter) / style.columns
        self.box_pad = round(size * 0.8, 2)
        rng = random.Random(f"boxes:{seed}")
        self.boxed = {
            index
            for index, item in enumerate(spec.items)
            if isinstance(item, StorySpec) and 150 < item.length < 900 and rng.random() < style.box_share
        }
        self.aspects = {i: style.photo_aspect * rng.uniform(0.85, 1.2) for i in range(len(spec.items))}
        # the share of the page's width the make-up editor has in mind for each item
        self.widths = {i: rng.choice([0.25, 0.34, 0.5, 0.67, 0.75, 1.0]) for i in range(len(spec.items))}
        self.lead_item = next((i for i, it in enumerate(spec.items) if isinstance(it, StorySpec)), -1)
        self.missing: list[str] = []
        self.stack = functools.cache(self._stack)
        self.body = functools.cache(self._body)
        self.photo = functools.cache(self._photo)
        self.article_height = functools.cache(self._article_height)
        self.depth = functools.cache(self._depth)

    # ---- widths

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.style.gutter

    def inner(self, item: int, span: int) -> tuple[float, float]:
        """A module's inner width and its body column width."""
        pad = self.box_pad if item in self.boxed else 0.0
        width = self.span_width(span) - 2 * pad
        return width, (width - (span - 1) * self.style.gutter) / span

    # ---- text

    def paragraph(
        self,
        spans: tuple[Span, ...],
        size: float,
        measure: float,
        *,
        indent: float = 0.0,
        align: Align = "justify",
        running: bool = False,
    ) -> list[SetLine]:
        """Set text; ``running`` text (body, captions) is hyphenated when the style says so,
        titles never are."""
        shaped = shape(spans)
        if shaped.missing:
            self.missing.append(shaped.missing)
        hyphenate = running and self.style.hyphenate
        return list(
            set_paragraph(spans, size, measure, indent_em=indent, align=align, latin=self.latin, hyphenate=hyphenate)
        )

    def headline_size(self, item: int, story: StorySpec) -> float:
        scale = self.style.headline_scale
        sizes = (30.0, 22.0, 17.0) if self.latin else (36.0, 26.0, 19.0)
        if item == self.lead_item:
            return sizes[0] * scale
        return (sizes[1] if story.length > 700 else sizes[2]) * scale

    def fitted(
        self, text: str, faces: tuple[Face, ...], role: str, size: float, floor: float, width: float, max_lines: int
    ) -> tuple[list[SetLine], float] | None:
        """Lines of a title set as large as ``size`` allows within ``max_lines`` (not below ``floor``)."""
        spans = (Span(text, faces, role),)
        while size >= floor - 1e-6:
            found = balanced_lines(spans, size, width, max_lines=max_lines)
            if found is not None:
                measure, _ = found
                align = self.style.headline_align
                lines = self.paragraph(spans, size, measure, align="left")
                shift = {"center": (width - measure) / 2, "left": 0.0, "right": width - measure}.get(align, 0.0)
                return [_shifted(line, shift, width) for line in lines], size
            size -= 1.0
        return None

    # ---- article

    def _stack(self, item: int, span: int) -> tuple[list[tuple[SetLine, float]], float] | None:
        """The headline stack of an article over ``span`` columns: lines with their baseline
        offsets from the module's top, and the stack's height; ``None`` when the
        headline cannot be set that narrow."""
        story = self.spec.items[item]
        assert isinstance(story, StorySpec)
        width, _ = self.inner(item, span)
        size = self.size
        out: list[tuple[SetLine, float]] = []
        y = 0.0
        if story.column:
            tag = self.paragraph(
                (Span(printed_text(story.column), self.bold, "column"),), size + 1, width, align="left"
            )
            for line in tag[:2]:
                out.append((line, y + _baseline_offset(size + 1, (size + 1) * 1.6, self.bold[0])))
                y += (size + 1) * 1.6
            y += size * 0.4
        head_size = self.headline_size(item, story)
        floor = max(size + 3, 12.0)
        max_lines = 3 if span == 1 else 2
        headline = printed_text(story.headline)
        fitted = self.fitted(headline, self.head, "headline", head_size, floor, width, max_lines)
        if fitted is None and span == self.style.columns:  # a very long headline: smaller, more lines
            fitted = self.fitted(headline, self.head, "headline", floor, size + 1, width, 8)
        if fitted is None:
            return None
        head_lines, head_size = fitted
        stack_align: Align = self.style.stack_align if self.style.headline_align == "center" else "left"
        if story.kicker:
            kicker_size = max(size + 1, round(head_size * 0.5))
            faces = self.sans_bold if self.latin else self.serif
            text = printed_text(story.kicker).upper() if self.latin else printed_text(story.kicker)
            for line in self.paragraph((Span(text, faces, "kicker"),), kicker_size, width, align=stack_align):
                out.append((line, y + _baseline_offset(kicker_size, kicker_size * 1.3, faces[0])))
                y += kicker_size * 1.3
            y += kicker_size * 0.2
        for line in head_lines:
            out.append((line, y + _baseline_offset(head_size, head_size * 1.2, self.head[0])))
            y += head_size * 1.2
        if story.subheadline:
            sub_size = max(size + 1, round(head_size * 0.58))
            text = printed_text(story.subheadline)
            if self.style.subheadline_dash and not text.startswith(("——", "—", "-")):
                text = "——" + text
            faces = self.italic if self.latin else self.serif
            for line in self.paragraph((Span(text, faces, "subheadline"),), sub_size, width, align=stack_align):
                out.append((line, y + _baseline_offset(sub_size, sub_size * 1.3, faces[0])))
                y += sub_size * 1.3
        y += self.lead * 0.5
        if story.byline:
            faces = self.sans_bold if self.latin else self.serif
            text = printed_text(story.byline)
            for line in self.paragraph((Span(text, faces, "byline"),), size, width, align=stack_align):
                out.append((line, y + _baseline_offset(size, self.lead, faces[0])))
                y += self.lead
            y += self.lead * 0.3
        return out, y

    def _body(self, item: int, span: int) -> list[Element]:
        """An article's body as a flow of elements set to its body column width."""
        story = self.spec.items[item]
        assert isinstance(story, StorySpec)
        _, measure = self.inner(item, span)
        size, lead = self.size, self.lead
        flow: list[Element] = []
        indent = self.style.indent_em
        part = 0

        def lines_of(set_lines: list[SetLine]) -> None:
            for line in set_lines:
                flow.append(Element(lead, [(line, _baseline_offset(size, lead, self.serif[0]))]))

        for text in story.preface:
            lines_of(
                self.paragraph(
                    (Span(printed_text(text), self.bold, "preface", part),), size, measure, indent=indent, running=True
                )
            )
            part += 1
        first = True
        for block in story.blocks:
            if block.kind == "figure":
                flow.append(self.figure(block.caption, block.credit, measure, item, part))
                part += 1
                continue
            if block.kind == "subhead":
                sub = self.paragraph(
                    (Span(printed_text(block.text), self.bold, "subhead", part),), size + 0.5, measure, align="center"
                )
                height = len(sub) * lead + lead * 0.6
                lines = [
                    (ln, lead * 0.3 + k * lead + _baseline_offset(size, lead, self.bold[0])) for k, ln in enumerate(sub)
                ]
                flow.append(Element(height, lines, keep_with_next=True))
                part += 1
                continue
            if block.kind == "lines":
                for row in block.text.strip().split("\n"):
                    if row.strip():
                        lines_of(
                            self.paragraph(
                                (Span(printed_text(row), self.serif, "body", part),), size, measure, align="left"
                            )
                        )
                part += 1
                continue
            spans: list[Span] = []
            if first and story.lead_in:
                lead_in = printed_text(story.lead_in)
                joiner = "" if lead_in.endswith(("）", ")")) else " "
                faces = self.bold if self.style.dateline_bold else self.serif
                spans.append(Span(lead_in + joiner, faces, "dateline", part))
            text = printed_text(block.text)
            role = "quote" if block.kind == "quote" else "body"
            if block.lead and text.startswith(printed_text(block.lead)):
                lead_text = printed_text(block.lead)
                spans.append(Span(lead_text, self.bold, role, part))
                text = text[len(lead_text) :]
            if text:
                spans.append(Span(text, self.italic if role == "quote" and self.latin else self.serif, role, part))
            if spans:
                lines_of(self.paragraph(tuple(spans), size, measure, indent=indent, running=True))
            first = False
            part += 1
        for text in story.trailer:
            align: Align = "right" if len(text) < 24 else "justify"
            lines_of(
                self.paragraph((Span(printed_text(text), self.serif, "trailer", part),), size, measure, align=align)
            )
            part += 1
        return flow

    def figure(self, caption: list[str], credit: str | None, width: float, item: int, part: int) -> Element:
        """A picture inside a story, one column wide, its caption under it."""
        aspect = self.aspects.get(item, 1.4)
        image_height = width / aspect
        cap_size = max(6.0, self.size - self.style.caption_delta)
        cap_lead = cap_size * 1.4
        y = image_height + cap_size * 0.4
        lines: list[tuple[SetLine, float]] = []
        for set_line in self.caption_lines(caption, credit, cap_size, width, part, own_line=False):
            lines.append((set_line, y + _baseline_offset(cap_size, cap_lead, self.serif[0])))
            y += cap_lead
        return Element(y + self.lead * 0.5, lines, image=(0.0, width, image_height))

    def caption_lines(
        self, caption: list[str], credit: str | None, size: float, width: float, part: int, own_line: bool
    ) -> list[SetLine]:
        faces = self.sans if self.latin else self.serif
        out: list[SetLine] = []
        paragraphs = [printed_text(c) for c in caption if printed_text(c)] or [""]
        for number, text in enumerate(paragraphs):
            last = number == len(paragraphs) - 1
            run_in = bool(credit and last and not own_line)
            joiner = self.style.credit_join if run_in and text else ""
            spans = [Span(text + joiner, faces, "caption", part + number)] if text else []
            if run_in:
                spans.append(Span(printed_text(credit or ""), faces, "credit", part + number))
            if spans:
                indent = self.style.indent_em if len(paragraphs) > 1 and not self.latin else 0.0
                out.extend(self.paragraph(tuple(spans), size, width, indent=indent, running=True))
        if credit and own_line:
            out.extend(self.paragraph((Span(printed_text(credit), faces, "credit", part),), size, width, align="right"))
        return out

    # ---- photo

    def _photo(self, item: int, span: int) -> tuple[list[tuple[SetLine, float]], float, float]:
        """A stand-alone photo over ``span`` columns: its title and caption lines (offsets from the
        top of the title, then from the bottom of the picture), the title's height and the
        caption's height."""
        photo = self.spec.items[item]
        assert isinstance(photo, PhotoSpec)
        width = self.span_width(span)
        cap_size = max(6.0, self.size - self.style.caption_delta)
        cap_lead = cap_size * 1.45
        lines: list[tuple[SetLine, float]] = []
        top = 0.0
        if photo.title:
            title_size = self.size + 2
            for line in self.paragraph(
                (Span(printed_text(photo.title), self.bold, "photo-title"),), title_size, width, align="left"
            ):
                lines.append((line, top + _baseline_offset(title_size, title_size * 1.4, self.bold[0])))
                top += title_size * 1.4
            top += self.size * 0.3
        y = cap_size * 0.5
        for line in self.caption_lines(photo.caption, photo.credit, cap_size, width, 0, photo.credit_on_own_line):
            lines.append((line, -(y + _baseline_offset(cap_size, cap_lead, self.serif[0]))))
            y += cap_lead
        return lines, top, y + self.lead * 0.3

    def photo_heights(self, item: int, span: int) -> tuple[float, float, float]:
        """Smallest, natural and largest height of a photo module (the picture's shape may vary)."""
        _, top, bottom = self.photo(item, span)
        width = self.span_width(span)
        aspect = self.aspects[item]
        return top + bottom + width / 1.9, top + bottom + width / aspect, top + bottom + width / 0.7

    # ---- heights

    def _article_height(self, item: int, span: int) -> float | None:
        """The height of an article module over ``span`` columns, its body balanced."""
        stack = self.stack(item, span)
        if stack is None:
            return None
        _, stack_height = stack
        flow = self.body(item, span)
        body = balance_height(flow, span)
        if body is None:
            return None
        pad = 2 * self.box_pad if item in self.boxed else 0.0
        return stack_height + body + pad + self.lead * 0.4

    def _depth(self, item: int, span: int) -> float:
        """How many lines deep an article's balanced body columns are over ``span`` columns."""
        return (balance_height(self.body(item, span), span) or 0.0) / self.lead

    def heights(self, item: int, span: int) -> tuple[float, float, float] | None:
        """Smallest, natural and largest height of an item's module over ``span`` columns."""
        spec = self.spec.items[item]
        if isinstance(spec, PhotoSpec):
            return self.photo_heights(item, span)
        height = self.article_height(item, span)
        if height is None:
            return None
        return height, height, height


def _shifted(line: SetLine, shift: float, measure: float) -> SetLine:
    if not shift:
        return replace(line, measure=measure)
    runs = [replace(run, x=run.x + shift) for run in line.runs]
    return SetLine(runs, line.size, measure)


def fill_columns(flow: list[Element], columns: int, capacity: float) -> list[list[Element]] | None:
    """Pour a flow down ``columns`` columns of ``capacity`` points; ``None`` if it does not fit.
    An element chained to the next by ``keep_with_next`` moves with it."""
    out: list[list[Element]] = [[]]
    used = 0.0
    i = 0
    while i < len(flow):
        j = i
        height = flow[i].height
        while flow[j].keep_with_next and j + 1 < len(flow):
            j += 1
            height += flow[j].height
        group = flow[i : j + 1]
        if used + height > capacity + 1e-6 and out[-1]:
            if len(out) == columns:
                return None
            out.append([])
            used = 0.0
        if height > capacity + 1e-6 and not out[-1]:
            if len(group) == 1:
                return None
            group = group[:1]  # a chain taller than a column is broken up
            height = group[0].height
            j = i
        out[-1].extend(group)
        used += height
        i += len(group)
    return out


def _chains(flow: list[Element]) -> list[list[float]]:
    """The heights of a flow's elements, chained ones (``keep_with_next``) grouped."""
    chains: list[list[float]] = []
    open_chain = False
    for element in flow:
        if open_chain:
            chains[-1].append(element.height)
        else:
            chains.append([element.height])
        open_chain = element.keep_with_next
    return chains


def _columns_needed(chains: list[list[float]], capacity: float, limit: int) -> bool:
    """Whether the chains fit in ``limit`` columns of ``capacity`` (as :func:`fill_columns` pours)."""
    used_columns, used = 1, 0.0
    empty = True
    for heights in chains:
        height = sum(heights)
        pieces = [height] if height <= capacity + 1e-6 or len(heights) == 1 else heights
        for piece in pieces:
            if used + piece > capacity + 1e-6 and not empty:
                used_columns += 1
                if used_columns > limit:
                    return False
                used, empty = 0.0, True
            if piece > capacity + 1e-6 and empty:
                return False
            used += piece
            empty = False
    return True


def balance_height(flow: list[Element], columns: int) -> float | None:
    """The least column height (to a quarter point) at which a flow fits in ``columns`` columns."""
    if not flow:
        return 0.0
    chains = _chains(flow)
    total = sum(e.height for e in flow)
    low = max(max(e.height for e in flow), total / columns)
    if _columns_needed(chains, low, columns):
        return low
    high = total
    if not _columns_needed(chains, high, columns):
        return None
    while high - low > 0.25:
        mid = (low + high) / 2
        if _columns_needed(chains, mid, columns):
            high = mid
        else:
            low = mid
    return high


# --------------------------------------------------------------------------- packing


@dataclass(frozen=True)
class Cell:
    """Items ``first:first+count`` stacked in a cell ``span`` columns wide."""

    first: int
    count: int
    span: int


@dataclass
class Band:
    cells: list[Cell]
    height: float


def _cell_range(setter: Typesetter, cell: Cell) -> tuple[float, float, float] | None:
    low = natural = high = 0.0
    gap = setter.lead
    for item in range(cell.first, cell.first + cell.count):
        found = setter.heights(item, cell.span)
        if found is None:
            return None
        low, natural, high = low + found[0], natural + found[1], high + found[2]
    extra = gap * (cell.count - 1)
    return low + extra, natural + extra, high + extra


def plan_bands(setter: Typesetter, available: float) -> list[Band] | None:
    """Cut the items into bands and cells with the least wasted space (a seeded preference
    breaks near-ties differently for each page); ``None`` if some item fits nowhere."""
    items = setter.spec.items
    n = len(items)
    columns = setter.style.columns
    noise = setter.style.noise
    seed = setter.seed
    width = setter.span_width(columns)
    small = available / 3

    def jitter(key: str) -> float:
        return zlib.crc32(f"band:{seed}:{key}".encode()) / 0xFFFFFFFF

    @functools.cache
    def cell_info(first: int, count: int, span: int) -> tuple[float, float, float, float, float, float] | None:
        """A cell's smallest, natural and largest height, its width, and what its shape costs
        (a fixed part, and a part per point of band height)."""
        found = _cell_range(setter, Cell(first, count, span))
        if found is None or found[0] > available:
            return None
        if count > 1 and found[1] > small * count:
            return None
        fixed = per_height = 0.0
        for item in range(first, first + count):  # shapes a make-up editor avoids:
            if not isinstance(items[item], StorySpec):
                continue
            depth = setter.depth(item, span)
            if span > 1 and depth < 10:  # a story over many columns a few lines deep
                fixed += (10 - depth) * setter.lead * setter.span_width(span) * 0.5
            if span == 1 and depth > 70:  # a very tall narrow one
                fixed += (depth - 70) * setter.lead * setter.column_width
            if item == setter.lead_item and span * 2 < columns:  # the lead story squeezed
                per_height += 0.15 * width
        for item in range(first, first + count):  # this page's own taste in widths
            per_height += noise * abs(span / columns - setter.widths[item]) * setter.span_width(span) * 0.5
        return (*found, setter.span_width(span), fixed, per_height)

    options = [
        [
            (count, span)
            for count in (1, 2, 3)
            for span in range(1, columns + 1)
            if pos + count <= n and cell_info(pos, count, span)
        ]
        for pos in range(n)
    ]

    def bands_from(first: int) -> list[tuple[float, list[Cell], int, float]]:
        found: list[tuple[float, list[Cell], int, float]] = []

        def close(cells: list[Cell], pos: int) -> None:
            infos = [cell_info(c.first, c.count, c.span) for c in cells]
            height = max(info[0] for info in infos)  # type: ignore[index]
            cost = 0.0
            for info in infos:
                _, natural, high, cell_width, fixed, per_height = info  # type: ignore[misc]
                cost += max(0.0, height - high) * cell_width + abs(min(height, high) - natural) * 0.6 * cell_width
                cost += fixed + per_height * height
            key = ",".join(f"{c.first}.{c.count}.{c.span}" for c in cells)
            cost += noise * jitter(key) * height * width * 0.5
            found.append((cost, cells, pos, height))

        def grow(pos: int, left: int, cells: list[Cell]) -> None:
            if left == 0 or pos == n:
                if cells and left:  # the items ran out: the last cell takes the columns left
                    last = cells[-1]
                    if cell_info(last.first, last.count, last.span + left) is None:
                        return
                    cells = [*cells[:-1], Cell(last.first, last.count, last.span + left)]
                if cells:
                    close(cells, pos)
                return
            if len(cells) >= 4:
                return
            for count, span in options[pos]:
                if span <= left:
                    grow(pos + count, left - span, [*cells, Cell(pos, count, span)])

        grow(first, columns, [])
        return found

    best: list[tuple[float, list[Band]] | None] = [None] * (n + 1)
    best[n] = (0.0, [])
    for first in range(n - 1, -1, -1):
        choice: tuple[float, list[Band]] | None = None
        for cost, cells, after, height in bands_from(first):
            rest = best[after]
            if rest is None:
                continue
            total = cost + rest[0]
            if choice is None or total < choice[0]:
                choice = (total, [Band(cells, height), *rest[1]])
        best[first] = choice
    return best[0][1] if best[0] else None


def bands_height(bands: list[Band], gap: float) -> float:
    return sum(b.height for b in bands) + gap * max(0, len(bands) - 1)


# --------------------------------------------------------------------------- the page


_WEEKDAYS = {
    "zh-Hans": "一二三四五六日",
    "zh-Hant": "一二三四五六日",
}
_LATIN_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}
_LATIN_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}


def header_texts(spec: PageSpec) -> tuple[str, str, str]:
    """The page header's left, centre and right texts: date, section, page (and the paper's name)."""
    date = spec.date or _dt.date(2020, 1, 1)
    if spec.latin:
        lang = spec.language
        day = _LATIN_DAYS[lang][date.weekday()]
        month = _LATIN_MONTHS[lang].split()[date.month - 1]
        if lang == "en":
            when = f"{day}, {month} {date.day}, {date.year}"
        elif lang == "fr":
            when = f"{day} {date.day} {month} {date.year}"
        else:
            when = f"{day}, {date.day}. {month} {date.year}"
        return f"{spec.publication}  {when}", spec.section, spec.page
    weekday = "星期" + _WEEKDAYS[spec.language][date.weekday()]
    when = f"{date.year}年{date.month}月{date.day}日 {weekday}"
    page = f"第{spec.page}版" if spec.page.isdigit() else spec.page
    return when, spec.section, f"{spec.publication} {page}".strip()


def _placed_module_lines(
    plan: PagePlan, lines: list[tuple[SetLine, float]], x: float, top: float, item: int, column: int | None
) -> None:
    for line, offset in lines:
        plan.lines.append(PlacedLine(line, x, top - offset, item, column))


def _settings(style: LayoutStyle) -> list[tuple[float, float]]:
    """Body sizes and leadings to try, the roomiest first: the style's own, then ever denser
    ones (by the area a character takes), down to the smallest size at the tightest leading."""
    sizes = []
    size = style.body_size
    while size >= style.min_body_size - 1e-6:
        sizes.append(round(size, 2))
        size -= 0.5
    steps = 4
    leadings = [style.leading - (style.leading - style.min_leading) * k / (steps - 1) for k in range(steps)]
    pairs = [(size, round(leading, 3)) for size in sizes for leading in leadings]
    return sorted(pairs, key=lambda pair: (-(pair[0] ** 2) * pair[1], -pair[0]))


def _density(setting: tuple[float, float]) -> float:
    size, leading = setting
    return size * size * leading


def _predicted(
    settings: list[tuple[float, float]], first: tuple[Typesetter, list[Band] | None], available: float
) -> int:
    """The setting whose density should make the page fit, judged from the first attempt
    (text height goes with the area a character takes; titles and pictures do not shrink)."""
    setter, bands = first
    if bands is None:
        return len(settings) // 2
    ratio = available / bands_height(bands, setter.lead)
    target = _density(settings[0]) * ratio * 0.97
    return next((i for i, setting in enumerate(settings) if _density(setting) <= target), len(settings) - 1)


def _first_fit(settings: list[tuple[float, float]], fits, guess: int) -> int:  # type: ignore[no-untyped-def]
    """The first index that fits (0 does not, the last does), looked for around ``guess``
    first, then by bisection."""
    guess = min(max(guess, 1), len(settings) - 1)
    low, high = 0, len(settings) - 1
    if fits(guess):
        high = guess
        if not fits(guess - 1):
            return guess
        high = guess - 1
    else:
        low = guess
        if fits(guess + 1):
            return guess + 1
        low = guess + 1
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high


def lay_out(spec: PageSpec, style: LayoutStyle, seed: int) -> PagePlan:
    """Lay the page out: the roomiest body size and leading (within the style's bounds) at
    which the items fit; a page whose items do not fit even at the densest grows taller."""
    staff_size = max(6.5, style.body_size - 1.5)
    header_height = style.body_size * 4.4 + (staff_size * 1.6 if style.staff_at == "top" else 0.0)
    available = style.page_height - style.margin_top - style.margin_bottom - header_height
    if style.staff_at == "bottom":
        available -= style.body_size * 1.8
    settings = _settings(style)
    tried: dict[int, tuple[Typesetter, list[Band] | None]] = {}

    def attempt(index: int) -> tuple[Typesetter, list[Band] | None]:
        if index not in tried:
            size, leading = settings[index]
            setter = Typesetter(spec, style, size, leading, seed)
            tried[index] = (setter, plan_bands(setter, max(available, style.page_height)))
        return tried[index]

    def fits(index: int) -> bool:
        setter, bands = attempt(index)
        return bands is not None and bands_height(bands, setter.lead) <= available

    last = len(settings) - 1
    grown = False
    if fits(0):
        setter, bands = attempt(0)
    elif fits(last):  # the roomiest setting that fits: denser settings fit better
        high = _first_fit(settings, fits, _predicted(settings, attempt(0), available))
        setter, bands = attempt(high)
    else:
        setter, bands = attempt(last)
        if bands is None:
            raise ValueError(
                "the page's items cannot be laid out (a headline or picture too large for any column span)"
            )
        need = bands_height(bands, setter.lead)
        style = replace(style, page_height=round(style.page_height + need - available + 1, 1))
        available = need + 1
        grown = True
    assert bands is not None
    if not grown and bands_height(bands, setter.lead) < available * 0.6:  # a short page: larger type
        size = setter.size
        while size + 0.5 <= style.max_body_size:
            size += 0.5
            bigger = Typesetter(spec, style, size, style.leading, seed)
            more = plan_bands(bigger, available)
            if more is None or bands_height(more, bigger.lead) > available:
                break
            setter, bands = bigger, more
    setter.style = style
    return _place(spec, style, setter, bands, available, header_height, grown)


def _place(
    spec: PageSpec,
    style: LayoutStyle,
    setter: Typesetter,
    bands: list[Band],
    available: float,
    header_height: float,
    grown: bool,
) -> PagePlan:
    columns = [
        (
            style.margin + c * (setter.column_width + style.gutter),
            style.margin + c * (setter.column_width + style.gutter) + setter.column_width,
        )
        for c in range(style.columns)
    ]
    plan = PagePlan(style, style.page_width, style.page_height, columns, setter.size, setter.lead / setter.size)
    plan.grown = grown
    top = style.page_height - style.margin_top
    _place_header(plan, spec, style, setter, top)
    y = top - header_height
    gap = setter.lead
    slack = max(0.0, available - bands_height(bands, gap))
    extra = min(slack / max(1, len(bands)), setter.lead * 1.5) if len(bands) > 1 else 0.0
    for number, band in enumerate(bands):
        if number:
            y -= gap + extra
            if style.rules:
                mid = y + (gap + extra) / 2
                plan.rules.append(PlacedRule(style.margin, mid, style.page_width - style.margin, mid, 0.5))
        column = 0
        for index, cell in enumerate(band.cells):
            x = columns[column][0]
            if index and style.rules:
                rule_x = x - style.gutter / 2
                plan.rules.append(PlacedRule(rule_x, y, rule_x, y - band.height, 0.4))
            _place_cell(plan, setter, cell, x, y, column, band.height)
            column += cell.span
        y -= band.height
    bottom = style.margin_bottom + (style.body_size * 1.8 if style.staff_at == "bottom" else 0.0)
    if y - bottom > setter.lead * 6:  # an empty strip at the foot: an advertisement, a picture with no text
        height = y - gap - bottom
        plan.images.append(
            PlacedImage(
                style.margin,
                bottom,
                style.page_width - 2 * style.margin,
                height,
                f"ad:{setter.seed}",
                None,
                "advertisement",
            )
        )
    plan.missing = "".join(dict.fromkeys("".join(setter.missing)))
    return plan


def _place_header(plan: PagePlan, spec: PageSpec, style: LayoutStyle, setter: Typesetter, top: float) -> None:
    size = style.body_size
    left, centre, right = header_texts(spec)
    width = style.page_width - 2 * style.margin
    baseline = top - size * 2.2
    faces = setter.sans if spec.latin else setter.serif
    variants = [(left, centre, right), (right, centre, left), (centre, left, right)]
    texts = variants[style.header_variant % 3]
    for text, align, text_size, bold in (
        (texts[0], "left", size, False),
        (texts[1], "center", size * 1.8, True),
        (texts[2], "right", size, False),
    ):
        if not text:
            continue
        chosen = setter.head if bold else faces
        lines = setter.paragraph((Span(text, chosen, "page-header"),), text_size, width, align=align)  # type: ignore[arg-type]
        if lines:
            plan.lines.append(PlacedLine(lines[0], style.margin, baseline, None, None))
    rule_y = top - size * 3.2
    plan.rules.append(PlacedRule(style.margin, rule_y, style.page_width - style.margin, rule_y, 1.5))
    plan.rules.append(PlacedRule(style.margin, rule_y - 2.5, style.page_width - style.margin, rule_y - 2.5, 0.5))
    if spec.staff:
        staff_size = max(6.5, size - 1.5)
        line = setter.paragraph((Span(spec.staff, faces, "staff"),), staff_size, width, align="right")[0]
        if style.staff_at == "top":
            plan.lines.append(PlacedLine(line, style.margin, rule_y - 2.5 - staff_size * 1.3, None, None))
        else:
            plan.lines.append(PlacedLine(line, style.margin, style.margin_bottom + staff_size * 0.4, None, None))


def _place_cell(
    plan: PagePlan, setter: Typesetter, cell: Cell, x: float, top: float, column: int, height: float
) -> None:
    """Stack a cell's items from its top; its photos take up (or give back) the difference
    between the band's height and the items' natural heights, within their shapes' bounds."""
    members = range(cell.first, cell.first + cell.count)
    ranges = [setter.heights(item, cell.span) for item in members]
    natural = sum(r[1] for r in ranges if r) + setter.lead * (cell.count - 1)
    photos = [i for i in members if isinstance(setter.spec.items[i], PhotoSpec)]
    share = (height - natural) / len(photos) if photos else 0.0
    y = top
    for offset, item in enumerate(members):
        low, mid, high = ranges[offset]  # type: ignore[misc]
        if item in photos:
            own = min(high, max(low, mid + share))
            _place_photo(plan, setter, item, cell.span, x, y, column, own)
            y -= own + setter.lead
        else:
            room = height - (top - y) if offset == cell.count - 1 else mid
            _place_article(plan, setter, item, cell.span, x, y, column, room)
            y -= mid + setter.lead


def _place_photo(
    plan: PagePlan, setter: Typesetter, item: int, span: int, x: float, top: float, column: int, height: float
) -> None:
    lines, title_height, caption_height = setter.photo(item, span)
    width = setter.span_width(span)
    image_top = top - title_height
    image_height = max(10.0, height - title_height - caption_height)
    plan.images.append(
        PlacedImage(x, image_top - image_height, width, image_height, f"photo:{setter.seed}:{item}", item)
    )
    for line, offset in lines:
        base = top - offset if offset >= 0 else image_top - image_height + offset
        plan.lines.append(PlacedLine(line, x, base, item, column if span == 1 else None))
    plan.modules.append(
        ModulePlace(item, "photo", (x, top - height, x + width, top), tuple(range(column, column + span)))
    )


def _place_article(
    plan: PagePlan, setter: Typesetter, item: int, span: int, x: float, top: float, column: int, room: float
) -> None:
    stack = setter.stack(item, span)
    assert stack is not None
    stack_lines, stack_height = stack
    boxed = item in setter.boxed
    pad = setter.box_pad if boxed else 0.0
    inner_x, inner_top = x + pad, top - pad
    _placed_module_lines(plan, stack_lines, inner_x, inner_top, item, column if span == 1 else None)
    for line, offset in stack_lines:  # a column tag is printed in a ruled box
        if line.runs and line.runs[0].role == "column":
            left, right = line.extent
            bottom = inner_top - offset + line.runs[0].face.descent * line.size
            plan.rules.append(
                PlacedRule(inner_x + left - 3, bottom - 2, inner_x + right + 3, bottom + line.size + 2, 0.6, "box")
            )
    flow = setter.body(item, span)
    _, measure = setter.inner(item, span)
    balanced = balance_height(flow, span) or 0.0
    capacity = room - stack_height - 2 * pad - setter.lead * 0.4
    poured = fill_columns(flow, span, capacity) if capacity >= balanced else None
    if poured is None or len(poured) < span:
        poured = fill_columns(flow, span, balanced) or [flow]
    body_top = inner_top - stack_height
    deepest = 0.0
    for number, elements in enumerate(poured):
        col_x = inner_x + number * (measure + setter.style.gutter)
        y = body_top
        for element in elements:
            if element.image:
                dx, w, h = element.image
                plan.images.append(
                    PlacedImage(col_x + dx, y - h, w, h, f"figure:{setter.seed}:{item}:{len(plan.images)}", item)
                )
            for line, offset in element.lines:
                plan.lines.append(PlacedLine(line, col_x, y - offset, item, column + number))
            y -= element.height
        deepest = max(deepest, body_top - y)
    bottom = body_top - deepest - pad - setter.lead * 0.2
    width = setter.span_width(span)
    if boxed:
        plan.rules.append(PlacedRule(x, bottom, x + width, top, 0.8, "box"))
    plan.modules.append(
        ModulePlace(item, "article", (x, bottom, x + width, top), tuple(range(column, column + span)), boxed)
    )
