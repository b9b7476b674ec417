"""Gold files: what a page truly holds, as ``convert evaluate`` scores the reader against it.

Two formats are read, told apart automatically:

* ``expected`` — the seed's format (``seeds/*.expected.json``): ``{"source": ...,
  "items": [{"type": "article", "kicker", "headline", "subheadline", "dateline",
  "bylines": [{"role", "name"}], "paragraphs": [...]}, {"type": "photo", "caption": [...],
  "credit": {"role", "name"}}]}``.
* ``document`` — our JSON form (:mod:`convert_core.jsonform`), possibly partial: a file
  with a ``schema_version``, or whose articles carry a ``body``. Paragraphs are the body's
  blocks of type ``paragraph``; photo credits are a ``credits`` list.

Both are read leniently: only ``items``, each item's ``type`` and each article's
``headline`` are required. A field that is absent is *unknown* and not scored; a field
given as ``null`` is known to be empty. An article may also carry a ``column``.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import InputError, exhausted, reason
from .values import strict_json

GoldFormat = Literal["expected", "document"]
#: A person credited: (role, name) as the gold gives them.
Person = tuple[str, str]

#: The article fields given as one text (or null) that are scored when the gold states them.
TEXT_FIELDS: tuple[str, ...] = ("column", "kicker", "subheadline", "dateline")


@dataclass(frozen=True)
class GoldArticle:
    """An article of the gold. ``texts`` holds the fields of :data:`TEXT_FIELDS` the gold
    states (``None``: known to be empty); ``bylines`` and ``paragraphs`` are ``None`` when
    the gold does not state them."""

    headline: str
    texts: dict[str, str | None]
    bylines: tuple[Person, ...] | None = None
    paragraphs: tuple[str, ...] | None = None


@dataclass(frozen=True)
class GoldPhoto:
    """A stand-alone photo of the gold: caption paragraphs and credits (``None``: not stated)."""

    caption: tuple[str, ...]
    credits: tuple[Person, ...] | None = None


@dataclass(frozen=True)
class Gold:
    """A page's gold: its articles and photos in page order.

    ``format`` says which format the file was in; with ``expected`` (the seed's format),
    a predicted article's paragraphs are all its body blocks that have a text, as the
    seed's checker counts them; with ``document``, only its paragraph blocks.
    """

    articles: tuple[GoldArticle, ...]
    photos: tuple[GoldPhoto, ...]
    format: GoldFormat
    source: str | None = None
    path: str | None = None


class _Bad(Exception):
    """A field of the gold that cannot be read: ``where`` and what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def _text(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry[key]
    if value is not None and not isinstance(value, str):
        raise _Bad(f"{where}.{key}", f"expected a string or null, got {type(value).__name__}")
    return value


def _list(entry: dict[str, Any], key: str, where: str) -> list[Any]:
    value = entry[key]
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{where}.{key}", f"expected a list or null, got {type(value).__name__}")
    return value


def _strings(values: list[Any], where: str) -> tuple[str, ...]:
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise _Bad(f"{where}[{index}]", f"expected a string, got {type(value).__name__}")
    return tuple(values)


def _person(value: Any, where: str) -> Person:
    if not isinstance(value, dict):
        raise _Bad(where, "expected an object with role and name")
    role, name = value.get("role"), value.get("name")
    if not isinstance(role, str) or not isinstance(name, str):
        raise _Bad(where, "expected an object with a string role and a string name")
    return (role, name)


def _people(entry: dict[str, Any], key: str, where: str) -> tuple[Person, ...]:
    return tuple(_person(value, f"{where}.{key}[{index}]") for index, value in enumerate(_list(entry, key, where)))


def _paragraphs_of_body(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    texts = []
    for index, block in enumerate(_list(entry, "body", where)):
        here = f"{where}.body[{index}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise _Bad(here, "expected a block object with a type")
        if block["type"] == "paragraph":
            if not isinstance(block.get("text"), str):
                raise _Bad(f"{here}.text", "expected a string")
            texts.append(block["text"])
    return tuple(texts)


def _article(entry: dict[str, Any], where: str) -> GoldArticle:
    if not isinstance(entry.get("headline"), str):
        raise _Bad(f"{where}.headline", "missing" if entry.get("headline") is None else "expected a string")
    texts = {key: _text(entry, key, where) for key in TEXT_FIELDS if key in entry}
    bylines = _people(entry, "bylines", where) if "bylines" in entry else None
    paragraphs: tuple[str, ...] | None = None
    if "paragraphs" in entry:
        paragraphs = _strings(_list(entry, "paragraphs", where), f"{where}.paragraphs")
    elif "body" in entry:
        paragraphs = _paragraphs_of_body(entry, where)
    return GoldArticle(entry["headline"], texts, bylines, paragraphs)


def _photo(entry: dict[str, Any], where: str) -> GoldPhoto:
    caption: tuple[str, ...] = ()
    if "caption" in entry:
        value = entry["caption"]
        caption = (value,) if isinstance(value, str) else _strings(_list(entry, "caption", where), f"{where}.caption")
    credits: tuple[Person, ...] | None = None
    if "credits" in entry:
        credits = _people(entry, "credits", where)
    elif "credit" in entry:
        credit = entry["credit"]
        credits = () if credit is None else (_person(credit, f"{where}.credit"),)
    return GoldPhoto(caption, credits)


def _format(data: dict[str, Any]) -> GoldFormat:
    if "schema_version" in data:
        return "document"
    items = data.get("items")
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and ("body" in item or "credits" in item):
            return "document"
    return "expected"


def gold_from_dict(data: Any, *, path: str | None = None) -> Gold:
    """Read gold data (either format). Raises :class:`InputError` naming the file and
    the first field that cannot be read."""
    prefix = f"{path}: " if path else ""
    try:
        if not isinstance(data, dict):
            raise _Bad("gold", f"expected a JSON object, got {type(data).__name__}")
        if not isinstance(data.get("items"), list):
            raise _Bad("items", "missing" if data.get("items") is None else "expected a list")
        articles: list[GoldArticle] = []
        photos: list[GoldPhoto] = []
        for index, entry in enumerate(data["items"]):
            where = f"items[{index}]"
            kind = entry.get("type") if isinstance(entry, dict) else None
            if kind == "article":
                articles.append(_article(entry, where))
            elif kind == "photo":
                photos.append(_photo(entry, where))
            else:
                raise _Bad(f"{where}.type", f"expected 'article' or 'photo', got {kind!r}")
        source = data.get("source")
        metadata = data.get("metadata")
        if source is None and isinstance(metadata, dict) and isinstance(metadata.get("source"), dict):
            source = metadata["source"].get("name")  # our JSON form keeps it there
    except _Bad as bad:
        raise InputError(f"{prefix}not a gold file: {bad}") from None
    return Gold(
        articles=tuple(articles),
        photos=tuple(photos),
        format=_format(data),
        source=source if isinstance(source, str) else None,
        path=path,
    )


def load_gold(path: str | Path) -> Gold:
    """Read a gold file (either format, detected). Raises :class:`InputError` naming the
    file when it cannot be read, is not JSON, or a field is malformed."""
    return gold_from_dict(gold_json(path), path=str(path))


#: A gold file larger than this is not read (the largest gold of the corpus is ~100 KB).
MAX_GOLD_BYTES = 64 << 20


def _read_gold(path: str | Path) -> bytes:
    """A gold file's bytes: a regular file (a FIFO is never waited on) of at most
    :data:`MAX_GOLD_BYTES`, never more read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path} is not a regular file (a FIFO, device or socket)")
        data = handle.read(MAX_GOLD_BYTES + 1)
    if len(data) > MAX_GOLD_BYTES:
        raise InputError(f"{path}: larger than {MAX_GOLD_BYTES:,} bytes, not read as a gold file")
    return data


def gold_json(path: str | Path) -> Any:
    """A gold file's JSON, not yet checked (:func:`gold_from_dict` checks it); an
    :class:`InputError` naming the file when it cannot be read or is not JSON (numbers
    beyond JSON too: ``NaN``, an integer of thousands of digits)."""
    from .jsonform import encoding_name, json_encoding

    name = str(path)
    encoding = "utf-8"
    try:
        raw = _read_gold(path)
        encoding = json_encoding(raw)  # (UTF-16 and UTF-32 as our JSON form's input is read)
        data = strict_json(raw.decode(encoding))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory, not a gold file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise exhausted(exc) or InputError(f"{name}: cannot read: {reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: gold file is not valid {encoding_name(encoding)} (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError(f"{name}: invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits; NaN or Infinity
        raise InputError(f"{name}: invalid JSON: {str(exc).split(';')[0]}") from None
    return data
