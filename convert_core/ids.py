"""Stable identifiers and fingerprints derived from content (never from the clock or from chance).

An item's id is a short hash of its type and text, so the same page always gives the
same ids, and an id survives changes elsewhere on the page. Two items with the same
content get ``-2``, ``-3``... suffixes in reading order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from .model import Article, Document, Item, Paragraph


def digest(parts: Iterable[str | None], length: int = 12) -> str:
    """Return a hex digest of ``parts`` (``None`` and ``""`` are distinct)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()[:length]


def content_key(item: Item) -> list[str | None]:
    """The text an item's id is derived from."""
    if isinstance(item, Article):
        first = next((block.text for block in item.body if isinstance(block, Paragraph)), None)
        return ["article", item.kicker, item.headline, item.subheadline, first]
    return ["photo", item.title, item.label, *item.caption]


def assign_ids(document: Document) -> None:
    """Give every item without an id one derived from its content; keep existing ids."""
    seen = {item.id for item in document.items if item.id}
    # the last suffix tried for each base: every smaller one is taken, so the search goes
    # on from there (starting at 2 each time is quadratic in identical items)
    tried: dict[str, int] = {}
    for item in document.items:
        if item.id:
            continue
        prefix = "a" if isinstance(item, Article) else "p"
        base = f"{prefix}-{digest(content_key(item), 10)}"
        counter = tried.get(base, 1)
        candidate = base if counter == 1 else f"{base}-{counter}"
        while candidate in seen:
            counter += 1
            candidate = f"{base}-{counter}"
        tried[base] = counter
        seen.add(candidate)
        item.id = candidate


def _sha256_json(value: object) -> str:
    import json

    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _item_content(item: Item) -> dict[str, object]:
    from .jsonform import _item_to_dict

    data = _item_to_dict(item)
    data.pop("id", None)  # derived from the content, or a hand-edited name: not content
    data.pop("lines", None)  # where the item sat in the input file: not content
    return data


def item_fingerprint(item: Item) -> str:
    """SHA-256 (hex) of everything an item says, but its ``id`` and input line numbers:
    the same for the same content, different as soon as one character differs."""
    return _sha256_json(_item_content(item))


def document_fingerprint(document: Document) -> str:
    """SHA-256 (hex) of a page's content: its metadata but the source file (name, encoding,
    checksum), its items (as :func:`item_fingerprint` sees them) and its furniture texts;
    the reader's diagnostics and input line numbers are left out. Renaming or re-encoding
    the input keeps it; any change to the text changes it."""
    from .jsonform import to_dict

    data = to_dict(document)
    data["metadata"].pop("source", None)
    data.pop("diagnostics", None)
    data["items"] = [_item_content(item) for item in document.items]
    data["furniture"] = [[entry.kind, entry.text] for entry in document.furniture]
    return _sha256_json(data)
