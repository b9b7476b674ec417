"""Which characters of a page the reader lost: the one definition the property tests and
``convert evaluate`` share.

A character counts as kept when it appears anywhere in the document's texts (content,
attribution, metadata, furniture; diagnostics are not text of the page). Both sides are
compared as multisets after NFKC (so the reader's full-width punctuation equals the
half-width input), leaving out whitespace, control characters, zero-width spaces (which the
reader removes with a diagnostic, as it removes controls) and typographic ornaments (tag
brackets and bullets such as ``【】■▲``, which the reader drops by design).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from .model import Article, Document, Figure, Photo
from .reader.headlines import ORNAMENTS as _ORNAMENT_TEXT

#: Control characters, non-characters and zero-width spaces, which the reader removes from
#: any input (each removal noted in a diagnostic).
CONTROL: frozenset[str] = frozenset(
    {chr(c) for c in [*range(0, 32), *range(0x7F, 0xA0)]} | {"\ufeff", "\ufffe", "\uffff", "\u200b", "\u2060"}
)
#: Typographic ornaments (tag brackets, bullets): the only characters the reader drops.
ORNAMENTS: frozenset[str] = frozenset(_ORNAMENT_TEXT)


def model_text(document: Document) -> str:
    """Every text the document holds (content, attribution, metadata, furniture), concatenated."""
    parts: list[str] = []
    meta = document.metadata
    parts += [meta.publication or "", meta.section or "", meta.page or ""]
    parts += [person.name for person in meta.staff]
    for item in document.items:
        parts += item.attribution
        if isinstance(item, Article):
            parts += [item.column or "", item.kicker or "", item.headline, item.subheadline or "", item.dateline or ""]
            parts += [person.name for person in item.bylines] + item.sources + item.notes
            for block in item.body:
                if isinstance(block, Figure):
                    parts += [block.label or "", *block.caption, *block.attribution]
                else:
                    parts.append(block.text)
        elif isinstance(item, Photo):
            parts += [item.title or "", item.label or "", *item.caption]
    parts += [piece.text for piece in document.furniture]
    return "".join(parts)


def folded(text: str) -> Counter[str]:
    """The multiset of ``text``'s characters as compared for losses: NFKC, without
    whitespace, control characters and ornaments."""
    text = "".join(char for char in text if char not in CONTROL and char not in ORNAMENTS)
    return Counter(char for char in unicodedata.normalize("NFKC", text) if not char.isspace())


def lost_characters(source: str, document: Document) -> Counter[str]:
    """The characters of ``source`` (the page's text) that ``document`` does not hold,
    with how many of each were lost; empty when nothing was lost."""
    return folded(source) - folded(model_text(document))
