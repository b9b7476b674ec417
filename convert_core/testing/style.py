"""The style of a typeset page: every layout choice (format, grid, sizes, alignment, rules,
pictures), drawn from a seed by :meth:`LayoutStyle.choose`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from .linebreak import Align
from .pagespec import PageSpec, StorySpec


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
    halfwidth_punctuation: bool = False

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
            halfwidth_punctuation=not latin and rng.random() < 0.3,
        )


def _text_length(spec: PageSpec) -> int:
    total = 0
    for item in spec.items:
        if isinstance(item, StorySpec):
            total += item.length + len(item.headline) * 4
        else:
            total += sum(map(len, item.caption)) + 400
    return total
