"""Items set as modules: an article's headline stack over its columns and its body as a flow
poured down one column and on at the top of the next; a photo's picture with its caption
(:class:`Typesetter`, one page's items in one style at one body size and leading)."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field, replace

from .linebreak import Align, SetLine, Span, balanced_lines, set_paragraph, shape
from .pagespec import PageSpec, PhotoSpec, StorySpec, printed_text
from .style import LayoutStyle
from .typefaces import Face, chain, face_for


@dataclass
class Element:
    """A piece of a body flow: one line, or a block kept whole (a figure, a subhead with the line
    after it is chained by ``keep_with_next``). ``lines`` hold (line, offset of its baseline from the
    element's top); ``image`` a picture (offset from the top, width, height)."""

    height: float
    lines: list[tuple[SetLine, float]] = field(default_factory=list)
    image: tuple[float, float, float] | None = None
    keep_with_next: bool = False


@dataclass
class PrintedItem:
    """What the typesetter printed for one item, as the glyphs carry it (a character no font has
    as ``〓``): ``texts`` by role (an article's ``column``, ``kicker``, ``headline``,
    ``subheadline``, ``byline`` and the ``lead_in`` run into its first paragraph; a photo's
    ``title`` and ``credit``), an article's body ``blocks`` in order (``None`` for a picture, a
    table's rows joined by newlines; a picture's caption not included) and a photo's
    ``caption`` paragraphs. Pages whose fonts give ``，；：`` to a reader as ASCII are recorded
    with the full-width marks (NFKC, as the evaluation compares, makes them one)."""

    texts: dict[str, str] = field(default_factory=dict)
    blocks: list[str | None] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)


def _baseline_offset(size: float, leading: float, face: Face) -> float:
    """From the top of a line's slot to its baseline: the em box centred in the slot."""
    return (leading - size) / 2 + size * (1 + face.descent)


def _shown(text: str, faces: tuple[Face, ...]) -> str:
    """``text`` as the glyphs set in ``faces`` carry it (a character none has as ``〓``)."""
    return "".join(face_for(char, faces)[1] for char in text)


_HALF_WIDTH = str.maketrans("，；：？！（）", ",;:?!()")


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
        #: what was printed, per item (filled as items are set)
        self.record: dict[int, PrintedItem] = {}
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
        spans = self.printed(spans)
        shaped = shape(spans)
        if shaped.missing:
            self.missing.append(shaped.missing)
        hyphenate = running and self.style.hyphenate
        return list(
            set_paragraph(spans, size, measure, indent_em=indent, align=align, latin=self.latin, hyphenate=hyphenate)
        )

    def note(self, item: int, role: str, text: str, faces: tuple[Face, ...]) -> None:
        """Record ``text``, set in ``faces``, as what ``item`` printed for ``role``."""
        self.record.setdefault(item, PrintedItem()).texts[role] = _shown(text, faces)

    def printed(self, spans: tuple[Span, ...]) -> tuple[Span, ...]:
        """The spans as this page's fonts give them to a reader: on pages whose fonts map
        ``，；：？！（）`` to ASCII (as the seed's did), those marks half width."""
        if not self.style.halfwidth_punctuation:
            return spans
        return tuple(replace(span, text=span.text.translate(_HALF_WIDTH)) for span in spans)

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
        spans = self.printed((Span(text, faces, role),))
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
            self.note(item, "column", printed_text(story.column), self.bold)
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
        self.note(item, "headline", headline, self.head)
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
            self.note(item, "kicker", text, faces)
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
            self.note(item, "subheadline", text, faces)
            for line in self.paragraph((Span(text, faces, "subheadline"),), sub_size, width, align=stack_align):
                out.append((line, y + _baseline_offset(sub_size, sub_size * 1.3, faces[0])))
                y += sub_size * 1.3
        y += self.lead * 0.5
        if story.byline:
            faces = self.sans_bold if self.latin else self.serif
            text = printed_text(story.byline)
            self.note(item, "byline", text, faces)
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
        printed: list[str | None] = []
        for block in story.blocks:
            if block.kind == "figure":
                flow.append(self.figure(block.caption, block.credit, measure, item, part))
                printed.append(None)
                part += 1
                continue
            if block.kind == "subhead":
                printed.append(_shown(printed_text(block.text), self.bold))
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
                rows = [printed_text(row) for row in block.text.strip().split("\n") if row.strip()]
                printed.append("\n".join(_shown(row, self.serif) for row in rows))
                for row in rows:
                    lines_of(self.paragraph((Span(row, self.serif, "body", part),), size, measure, align="left"))
                part += 1
                continue
            spans: list[Span] = []
            if first and story.lead_in:
                lead_in = printed_text(story.lead_in)
                joiner = "" if lead_in.endswith(("）", ")")) else " "
                faces = self.bold if self.style.dateline_bold else self.serif
                self.note(item, "lead_in", lead_in, faces)
                spans.append(Span(lead_in + joiner, faces, "dateline", part))
            text = printed_text(block.text)
            printed.append(_shown(text, self.serif))
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
        self.record.setdefault(item, PrintedItem()).blocks = printed
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
        faces = self.sans if self.latin else self.serif
        record = self.record.setdefault(item, PrintedItem())
        record.caption = [_shown(printed_text(c), faces) for c in photo.caption if printed_text(c)]
        if photo.credit:
            self.note(item, "credit", printed_text(photo.credit), faces)
        if photo.title:
            self.note(item, "title", printed_text(photo.title), self.bold)
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
