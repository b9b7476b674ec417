"""Page layout for the typesetter: a page's items set as modules (:mod:`.modules`) in its style
(:mod:`.style`), packed on its column grid (:mod:`.packing`) under a header.

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
from dataclasses import dataclass, field, replace
from typing import Literal

from .linebreak import SetLine, Span
from .modules import PrintedItem, Typesetter, balance_height, fill_columns
from .packing import Band, Cell, bands_height, plan_bands
from .pagespec import PageSpec, PhotoSpec, printed_text
from .style import LayoutStyle

__all__ = ["LayoutStyle", "PagePlan", "PlacedImage", "PlacedLine", "PlacedRule", "lay_out"]

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
    """The laid-out page: everything to draw, with the style and the sizes finally used, and
    what each item printed (``printed``, by the item's index in the spec)."""

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
    printed: dict[int, PrintedItem] = field(default_factory=dict)
    missing: str = ""
    grown: bool = False


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
    plan.printed = dict(setter.record)
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
        lines = setter.paragraph((Span(printed_text(text), chosen, "page-header"),), text_size, width, align=align)  # type: ignore[arg-type]
        if lines:
            plan.lines.append(PlacedLine(lines[0], style.margin, baseline, None, None))
    rule_y = top - size * 3.2
    plan.rules.append(PlacedRule(style.margin, rule_y, style.page_width - style.margin, rule_y, 1.5))
    plan.rules.append(PlacedRule(style.margin, rule_y - 2.5, style.page_width - style.margin, rule_y - 2.5, 0.5))
    if spec.staff:
        staff_size = max(6.5, size - 1.5)
        line = setter.paragraph((Span(printed_text(spec.staff), faces, "staff"),), staff_size, width, align="right")[0]
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
