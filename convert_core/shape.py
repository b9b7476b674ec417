"""The shape check of a :class:`~convert_core.model.Document` built in Python.

A document read from our JSON form is checked field by field as it is read
(:func:`convert_core.jsonform.from_dict`); one built in Python (by a program using the
library, or by a plugin's ``transform_document``) is checked here, by walking its
dataclasses, with the same rules: the types and shapes of every field and the values the
reader itself gives (an ISO date, a BCP 47 tag, a known role, furniture kind and
date source, a line span, an id of letters and digits…), and, with ``text``, no control
character (but tab and line feed), lone surrogate or U+FFFE/U+FFFF in any text.

Nothing is serialised: the walk gathers the document's strings in a list and looks for a
control character in all of them at once, walking again only to name the field of one
it found. The error names the field as the JSON form's errors do
(``items[3].bylines[0].role: unknown role 'boss' …``).
"""

from __future__ import annotations

from typing import Any

from .jsonform import _CODE_RE, _ID_RE, _MAX_INT, _SHA256_RE, DATE_SOURCES, FURNITURE_KINDS
from .model import (
    ROLES,
    Article,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    Furniture,
    ImageRef,
    Metadata,
    Paragraph,
    Photo,
    Quote,
    Source,
    Subhead,
    Unclassified,
)
from .values import _TEXT_CONTROL_RE, control_character

_SEQUENCES = (list, tuple)


class MalformedDocument(ValueError):
    """A document whose field ``where`` (``items[0].headline``) is not what the model
    holds; ``problem`` says how."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


class _Bad(Exception):
    """Raised deep in the walk; each level it passes adds its part of the field's path."""

    def __init__(self, key: str, problem: str) -> None:
        self.parts = [key] if key else []
        self.problem = problem

    def under(self, key: str) -> _Bad:
        self.parts.append(key)
        return self

    def where(self) -> str:
        out = ""
        for part in reversed(self.parts):
            out = f"{out}{part}" if part.startswith("[") or not out else f"{out}.{part}"
        return out


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _text(value: Any, key: str, strings: list[str], *, nullable: bool = False) -> None:
    if isinstance(value, str):
        try:
            strings.append(value)
        except _Bad as bad:  # (the walk that names the field of a control character)
            raise _Bad(key, bad.problem) from None
    elif value is not None or not nullable:
        raise _Bad(key, f"expected a string, got {_kind(value)}")


def _texts(value: Any, key: str, strings: list[str]) -> None:
    if not isinstance(value, _SEQUENCES):
        raise _Bad(key, f"expected a list of strings, got {_kind(value)}")
    for index, entry in enumerate(value):
        _text(entry, f"{key}[{index}]", strings)


def _number(value: Any, key: str, minimum: int = 0) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(key, f"expected an integer, got {_kind(value)}")
    if not minimum <= value <= _MAX_INT:
        raise _Bad(key, f"expected an integer from {minimum} to {_MAX_INT}")


def _choice(value: Any, key: str, choices: tuple[str, ...], strings: list[str]) -> None:
    _text(value, key, strings, nullable=True)
    if value is not None and value not in choices:
        raise _Bad(key, f"expected one of {', '.join(choices)}, got {value[:40]!r}")


def _span(value: Any, key: str) -> None:
    if value is None:
        return
    if (
        not isinstance(value, _SEQUENCES)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 1 <= value[0] <= value[1] <= _MAX_INT
    ):
        raise _Bad(key, "expected (first line, last line), line numbers from 1")


def _each(value: Any, key: str, what: str, check: Any, strings: list[str]) -> None:
    if not isinstance(value, _SEQUENCES):
        raise _Bad(key, f"expected a list of {what}, got {_kind(value)}")
    for index, entry in enumerate(value):
        try:
            check(entry, strings)
        except _Bad as bad:
            raise bad.under(f"{key}[{index}]") from None


def _contributor(person: Any, strings: list[str]) -> None:
    if not isinstance(person, Contributor):
        raise _Bad("", f"expected a Contributor, got {_kind(person)}")
    _text(person.role, "role", strings)
    _text(person.name, "name", strings)
    if not person.name:
        raise _Bad("name", "expected a name, got an empty string")
    if person.role not in ROLES:
        raise _Bad("role", f"unknown role {person.role[:40]!r} (known: {', '.join(ROLES)})")


def _image(image: Any, strings: list[str]) -> None:
    if image is None:
        return
    if not isinstance(image, ImageRef):
        raise _Bad("image", f"expected an ImageRef, got {_kind(image)}")
    try:
        href = image.href
        _text(href, "href", strings)
        if href.startswith("/") or ".." in href.replace("\\", "/").split("/") or ":" in href:
            raise _Bad("href", f"must be a relative path inside the output folder, not {href[:80]!r}")
        _text(image.media_type, "media_type", strings)
        _number(image.width, "width")
        _number(image.height, "height")
        _text(image.sha256, "sha256", strings, nullable=True)
        if image.data is not None and not isinstance(image.data, bytes | bytearray):
            raise _Bad("data", f"expected bytes, got {_kind(image.data)}")
    except _Bad as bad:
        raise bad.under("image") from None


def _figure(block: Figure, strings: list[str]) -> None:
    _texts(block.caption, "caption", strings)
    _each(block.credits, "credits", "Contributor", _contributor, strings)
    _text(block.label, "label", strings, nullable=True)
    _texts(block.attribution, "attribution", strings)
    _image(block.image, strings)


_BLOCKS = {Paragraph: "paragraph", Subhead: "subhead", Quote: "quote", Unclassified: "unclassified", Figure: "figure"}


def _block(block: Any, strings: list[str]) -> None:
    kind = _BLOCKS.get(type(block)) or next((k for c, k in _BLOCKS.items() if isinstance(block, c)), None)
    if kind is None:
        raise _Bad("", f"expected a Paragraph, Subhead, Quote, Figure or Unclassified, got {_kind(block)}")
    if block.type != kind:
        raise _Bad("type", f"expected {kind!r} for a {type(block).__name__}, got {block.type!r}")
    if kind == "figure":
        _figure(block, strings)
        return
    _text(block.text, "text", strings)
    if kind == "paragraph":
        _text(block.lead, "lead", strings, nullable=True)
        if block.lead is not None and not block.text.startswith(block.lead):
            raise _Bad("lead", "expected the start of the paragraph's text")
        if not isinstance(block.note, bool):
            raise _Bad("note", f"expected True or False, got {_kind(block.note)}")


def _id(value: Any, strings: list[str]) -> None:
    _text(value, "id", strings)
    if value and not _ID_RE.fullmatch(value):
        raise _Bad("id", f"expected letters, digits, '.', '_' or '-' (at most 64), got {value[:80]!r}")


def _item(item: Any, strings: list[str]) -> None:
    if isinstance(item, Article):
        if item.type != "article":
            raise _Bad("type", f"expected 'article' for an Article, got {item.type!r}")
        _id(item.id, strings)
        _text(item.column, "column", strings, nullable=True)
        _text(item.kicker, "kicker", strings, nullable=True)
        _text(item.headline, "headline", strings)
        _text(item.subheadline, "subheadline", strings, nullable=True)
        _text(item.dateline, "dateline", strings, nullable=True)
        _each(item.bylines, "bylines", "Contributor", _contributor, strings)
        _each(item.body, "body", "blocks", _block, strings)
        _texts(item.sources, "sources", strings)
        _texts(item.notes, "notes", strings)
        _texts(item.attribution, "attribution", strings)
        _span(item.lines, "lines")
        return
    if isinstance(item, Photo):
        if item.type != "photo":
            raise _Bad("type", f"expected 'photo' for a Photo, got {item.type!r}")
        _id(item.id, strings)
        _text(item.title, "title", strings, nullable=True)
        _text(item.label, "label", strings, nullable=True)
        _texts(item.caption, "caption", strings)
        _each(item.credits, "credits", "Contributor", _contributor, strings)
        _texts(item.attribution, "attribution", strings)
        _span(item.lines, "lines")
        _image(item.image, strings)
        _text(item.article, "article", strings, nullable=True)
        return
    raise _Bad("", f"expected an Article or a Photo, got {_kind(item)}")


def _furniture(piece: Any, strings: list[str]) -> None:
    if not isinstance(piece, Furniture):
        raise _Bad("", f"expected a Furniture, got {_kind(piece)}")
    _text(piece.kind, "kind", [])
    _choice(piece.kind, "kind", FURNITURE_KINDS, strings)
    _text(piece.text, "text", strings)
    _number(piece.line, "line", 1)


def _diagnostic(entry: Any, strings: list[str]) -> None:
    if not isinstance(entry, Diagnostic):
        raise _Bad("", f"expected a Diagnostic, got {_kind(entry)}")
    _text(entry.code, "code", strings)
    if not _CODE_RE.fullmatch(entry.code):
        raise _Bad("code", f"expected lower-case letters, digits and dashes, got {entry.code[:40]!r}")
    _text(entry.message, "message", strings, nullable=True)
    _number(entry.line, "line", 1)
    if entry.severity is not None and entry.severity not in ("info", "warning"):
        raise _Bad("severity", f"expected 'info' or 'warning', got {entry.severity!r}")


def _metadata(meta: Any, strings: list[str]) -> None:
    from .errors import ConvertError
    from .values import iso_date, language_tag

    if not isinstance(meta, Metadata):
        raise _Bad("metadata", f"expected a Metadata, got {_kind(meta)}")
    try:
        _text(meta.publication, "publication", strings, nullable=True)
        date = meta.edition_date
        _text(date, "edition_date", strings, nullable=True)
        if date is not None:
            try:
                if len(date) != 10 or iso_date(date) != date:
                    raise ValueError
            except (ConvertError, ValueError):
                raise _Bad("edition_date", f"expected a date as YYYY-MM-DD, got {date[:40]!r}") from None
        _choice(meta.date_source, "date_source", DATE_SOURCES, strings)
        _text(meta.page, "page", strings, nullable=True)
        _text(meta.section, "section", strings, nullable=True)
        _text(meta.language, "language", strings)
        try:
            language_tag(meta.language)
        except ConvertError:
            raise _Bad("language", f"expected a BCP 47 tag such as zh-CN, got {meta.language[:40]!r}") from None
        _each(meta.staff, "staff", "Contributor", _contributor, strings)
        _source(meta.source, strings)
    except _Bad as bad:
        raise bad.under("metadata") from None


def _source(source: Any, strings: list[str]) -> None:
    if not isinstance(source, Source):
        raise _Bad("source", f"expected a Source, got {_kind(source)}")
    try:
        _text(source.name, "name", strings, nullable=True)
        _text(source.sha256, "sha256", strings, nullable=True)
        if source.sha256 is not None and not _SHA256_RE.fullmatch(source.sha256):
            raise _Bad("sha256", "expected 64 lower-case hexadecimal digits")
        _text(source.encoding, "encoding", strings, nullable=True)
        _number(source.bytes, "bytes")
        _number(source.lines, "lines")
        _number(source.page, "page")
    except _Bad as bad:
        raise bad.under("source") from None


def _walk(document: Any, strings: list[str]) -> None:
    if not isinstance(document, Document):
        raise _Bad("", f"expected a Document, got {_kind(document)}")
    _metadata(document.metadata, strings)
    _each(document.items, "items", "articles and photos", _item, strings)
    _each(document.furniture, "furniture", "Furniture", _furniture, strings)
    _each(document.diagnostics, "diagnostics", "Diagnostic", _diagnostic, strings)


class _Checking(list):  # type: ignore[type-arg]
    """The strings of a walk, each checked as it is added: the second walk, which names
    the field of the control character the first one found."""

    def append(self, value: str) -> None:
        bad = control_character(value, multiline=True)
        if bad:
            raise _Bad("", f"holds a control character or lone surrogate ({bad})")


def check_document(document: Any, *, text: bool = True) -> None:
    """Raise :class:`MalformedDocument` naming the first field of ``document`` that is not
    what the model holds (a number for a headline, an :class:`Article` among a photo's
    caption, no metadata, an ``edition_date`` of ``<x>&``…); with ``text``, also the first
    text holding a control character (but tab and line feed), a lone surrogate or U+FFFE,
    U+FFFF — what no reader puts in a document and XML outputs cannot hold."""
    strings: list[str] = []
    _walk_or_say(document, strings)
    if text and _TEXT_CONTROL_RE.search("\n".join(strings)):
        _walk_or_say(document, _Checking())


def _walk_or_say(document: Any, strings: list[str]) -> None:
    from .errors import describe

    try:
        _walk(document, strings)
    except _Bad as bad:
        raise MalformedDocument(bad.where(), bad.problem) from None
    except MemoryError:
        raise
    except Exception as exc:  # a subclass that lost a field, a property that raises
        raise MalformedDocument("", f"not a document's shape: {type(exc).__name__}: {describe(exc)}") from None
