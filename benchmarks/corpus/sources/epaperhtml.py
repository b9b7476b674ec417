"""Reading an e-paper article page's HTML: its paragraphs (``<p>``), bold subheads and pictures."""

from __future__ import annotations

import re

import htmltree
from htmltree import Element
from page import Block, Picture, strip_indent

LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def iso_date(text: str) -> str | None:
    """``2026-08-20`` from the first ``2026年08月20日`` in ``text``."""
    match = DATE.search(text)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _bold(element: Element) -> bool:
    return element.tag in ("strong", "b")


def picture(image: Element) -> Picture:
    """A picture with the caption a site keeps in the image's ``data-original-title`` (HTML)."""
    markup = image.attrs.get("data-original-title", "")
    if not markup:
        return Picture()
    tree = htmltree.parse(markup)
    paragraphs = tree.find_all("p") or [tree]
    return Picture([text for p in paragraphs if (text := strip_indent(p.text()))])


def blocks(container: Element | None) -> list[Block]:
    """The paragraphs of a body: every innermost ``<p>`` in document order (crawled pages nest
    ``<p>`` in ``<p>``); a paragraph whose whole text is bold is a subhead."""
    if container is None:
        return []
    found = []
    for p in container.find_all("p"):
        if any(inner is not p for inner in p.find_all("p")):
            continue
        raw = LINE_BREAKS.sub(" ", p.text())
        unbolded = p.text(skip=_bold)
        subhead = bool(strip_indent(raw)) and not strip_indent(unbolded)
        found.append(Block(raw, subhead, [picture(image) for image in p.find_all("img")]))
    return found
