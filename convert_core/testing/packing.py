"""Packing modules on the page's column grid: items in reading order cut into horizontal bands,
each a row of cells side by side (a cell may stack two or three short items), the cut that
wastes least space chosen by dynamic programming, with a seeded taste so that pages differ."""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass

from .modules import Typesetter
from .pagespec import StorySpec


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
