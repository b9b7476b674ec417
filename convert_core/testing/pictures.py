"""Deterministic stand-in photographs for typeset pages: a sky and ground gradient, a few shapes
and grain (JPEG), all drawn from a seed (no clock, no system randomness), encoded as JPEG or PNG."""

from __future__ import annotations

import io
import random
from typing import Literal

ImageFormat = Literal["jpeg", "png"]


def picture(seed: str | int, width: int, height: int, image_format: ImageFormat = "jpeg") -> bytes:
    """A ``width`` x ``height`` pixel picture made from ``seed``, as JPEG or PNG bytes (the
    same bytes for the same arguments)."""
    from PIL import Image, ImageDraw

    rng = random.Random(f"picture:{seed}")
    width, height = max(8, width), max(8, height)
    sky = tuple(rng.randint(90, 230) for _ in range(3))
    ground = tuple(rng.randint(30, 150) for _ in range(3))
    horizon = rng.uniform(0.35, 0.7)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        if t < horizon:  # sky, lighter towards the horizon
            share, start = t / horizon, sky
            end = tuple(min(255, c + 40) for c in sky)
        else:  # ground, darker towards the bottom
            share, start = (t - horizon) / (1 - horizon), ground
            end = tuple(max(0, c - 50) for c in ground)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * share) for a, b in zip(start, end)))
    for _ in range(rng.randint(3, 8)):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        w, h = rng.randint(width // 12, width // 3), rng.randint(height // 10, height // 2)
        fill = tuple(rng.randint(0, 255) for _ in range(3))
        box = [x0 - w // 2, y0 - h // 2, x0 + w // 2, y0 + h // 2]
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=fill)
    out = io.BytesIO()
    if image_format == "jpeg":  # film grain (left out of PNGs, which it would make ten times larger)
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.12)
    if image_format == "png":
        image.save(out, format="PNG", optimize=False)
    else:
        image.save(out, format="JPEG", quality=75, optimize=False, progressive=False)
    return out.getvalue()
