"""The versioned JSON form of the document model.

``to_dict`` / ``from_dict`` convert between a :class:`~convert_core.model.Document` and
plain JSON data; ``dumps`` / ``loads`` add the canonical text form (UTF-8, two-space
indent, keys in a fixed order, a final newline). The JSON Schema is shipped as
``convert_core/schemas/document.schema.json`` (see :func:`schema`).

``from_dict`` checks what it reads and names the offending field in its error
(``items[3].bylines[0].role: expected a string``), so a hand-edited file gets a useful
message rather than a traceback. Documents from a newer major schema version are refused.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import InputError
from .fields import (  # noqa: F401  (DATE_SOURCES, FURNITURE_KINDS: kept importable from here)
    CODE_RE,
    DATE_SOURCES,
    FIELDS,
    FURNITURE_KINDS,
    ID_RE,
    MAX_INT,
    SHA256_RE,
    TYPE_OF,
    VARIANT_NAMES,
    Bad,
    Field,
)
from .ids import assign_ids
from .model import (
    Article,
    Block,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    ImageRef,
    Item,
    Metadata,
    Paragraph,
    Photo,
)
from .regex_cache import regex
from .values import control_character, language_tag, strict_json

#: Version of the JSON form written by this release. Readers accept any ``1.x``.
SCHEMA_VERSION = "1.3"  # 1.1: pictures (image) and the page of a multi-page input (source.page);
# 1.2: an editor's note printed in the body is a paragraph with note: true (was in notes);
# 1.3: furniture of kind graphic (a chart's text)
SCHEMA_MAJOR = 1


def schema() -> dict[str, Any]:
    """Return the JSON Schema of the document form (as shipped in the package)."""
    from importlib import resources

    text = resources.files("convert_core").joinpath("schemas/document.schema.json").read_text("utf-8")
    return json.loads(text)


# ---------------------------------------------------------------------------- writing


def _contributors(people: list[Contributor]) -> list[dict[str, Any]]:
    return [{"role": person.role, "name": person.name} for person in people]


def _lines(span: tuple[int, int] | None) -> list[int] | None:
    return [span[0], span[1]] if span else None


def _image(image: ImageRef | None) -> dict[str, Any]:
    """The ``image`` key of a photo or figure (none when the input had no picture file)."""
    if image is None:
        return {}
    return {
        "image": {
            "href": image.href,
            "media_type": image.media_type,
            "width": image.width,
            "height": image.height,
            "sha256": image.sha256,
        }
    }


def _block_to_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        data: dict[str, Any] = {"type": "paragraph", "text": block.text}
        if block.lead is not None:
            data["lead"] = block.lead
        if block.note:
            data["note"] = True
        return data
    if isinstance(block, Figure):
        return {
            "type": "figure",
            "label": block.label,
            "caption": list(block.caption),
            "credits": _contributors(block.credits),
            "attribution": list(block.attribution),
            **_image(block.image),
        }
    return {"type": block.type, "text": block.text}


def _item_to_dict(item: Item) -> dict[str, Any]:
    if isinstance(item, Article):
        return {
            "type": "article",
            "id": item.id,
            "column": item.column,
            "kicker": item.kicker,
            "headline": item.headline,
            "subheadline": item.subheadline,
            "dateline": item.dateline,
            "bylines": _contributors(item.bylines),
            "body": [_block_to_dict(block) for block in item.body],
            "sources": list(item.sources),
            "notes": list(item.notes),
            "attribution": list(item.attribution),
            "lines": _lines(item.lines),
        }
    return {
        "type": "photo",
        "id": item.id,
        "title": item.title,
        "label": item.label,
        "caption": list(item.caption),
        "credits": _contributors(item.credits),
        "attribution": list(item.attribution),
        "lines": _lines(item.lines),
        **_image(item.image),
        **({"article": item.article} if item.article else {}),
    }


def to_dict(document: Document) -> dict[str, Any]:
    """Return the JSON data of ``document`` (keys in the canonical order)."""
    meta = document.metadata
    src = meta.source
    return {
        "schema_version": SCHEMA_VERSION,
        "metadata": {
            "publication": meta.publication,
            "edition_date": meta.edition_date,
            "date_source": meta.date_source,
            "page": meta.page,
            "section": meta.section,
            "language": meta.language,
            "staff": _contributors(meta.staff),
            "source": {
                "name": src.name,
                "sha256": src.sha256,
                "encoding": src.encoding,
                "bytes": src.bytes,
                "lines": src.lines,
                **({"page": src.page} if src.page is not None else {}),
            },
        },
        "items": [_item_to_dict(item) for item in document.items],
        "furniture": [{"kind": f.kind, "text": f.text, "line": f.line} for f in document.furniture],
        "diagnostics": [
            {"code": d.code, "severity": d.severity, "line": d.line, "message": d.message} for d in document.diagnostics
        ],
    }


def dumps(document: Document) -> str:
    """Return the canonical JSON text of ``document`` (ends with a newline)."""
    return pretty_json(to_dict(document)) + "\n"


_json_string = json.encoder.encode_basestring  # the C version where there is one


def pretty_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, character for character, in
    about half the time: the standard library's indenting encoder is pure Python and
    yields every token from nested generators; here the same pieces are appended to one
    list. Anything but ``dict``, ``list``, ``str``, ``int``, ``bool`` and ``None`` is left
    to :func:`json.dumps`."""
    try:
        parts: list[str] = []
        _encode(value, "\n", parts)
        return "".join(parts)
    except (TypeError, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)


def _encode(value: Any, newline: str, parts: list[str]) -> None:
    """Append the JSON of ``value`` to ``parts``; ``newline`` is a line break and the
    indent of the current level."""
    kind = type(value)
    if kind is str:
        parts.append(_json_string(value))
    elif kind is dict or kind is list:
        if not value:
            parts.append("{}" if kind is dict else "[]")
            return
        inner = newline + "  "
        separator = "," + inner
        parts.append(("{" if kind is dict else "[") + inner)
        first = True
        for key in value:
            if first:
                first = False
            else:
                parts.append(separator)
            if kind is dict:
                if type(key) is not str:
                    raise TypeError("key")
                parts.append(_json_string(key) + ": ")
                _encode(value[key], inner, parts)
            else:
                _encode(key, inner, parts)
        parts.append(newline + ("}" if kind is dict else "]"))
    elif value is None:
        parts.append("null")
    elif value is True or value is False:
        parts.append("true" if value else "false")
    elif kind is int:
        parts.append(int.__repr__(value))
    else:
        raise TypeError(kind.__name__)


# ---------------------------------------------------------------------------- reading


_VERSION_RE = regex(r"([0-9]+)\.([0-9]+)")
#: (kept under their old names: the field rules live in :mod:`.fields`)
_ID_RE, _SHA256_RE, _CODE_RE, _MAX_INT = ID_RE, SHA256_RE, CODE_RE, MAX_INT

# What the JSON form says otherwise than the model (:mod:`.fields` describes the fields):
#: fields it may leave out, or give as null, though the model's field has no default
_JSON_DEFAULTS: dict[tuple[type, str], Any] = {(Diagnostic, "message"): ""}
#: fields it must give though the model has a default
_JSON_REQUIRED = {(Document, "items")}
#: lists of strings it may give as one string (a photo's one caption paragraph)
_ONE_STRING = {(Photo, "caption")}
#: what reading makes of a value once checked (a language tag in its canonical case)
_NORMAL = {(Metadata, "language"): language_tag}
#: the record classes of a list of several kinds, by their type names (in the model's order)
_TYPES = {
    field.records: {TYPE_OF[cls]: cls for cls in field.records}
    for described in FIELDS.values()
    for field in described
    if field.kind == "variants"
}


def _read(cls: type, data: dict[str, Any]) -> Any:
    """A ``cls`` built from the JSON object ``data``, field by field as :mod:`.fields`
    describes them; :class:`~convert_core.fields.Bad` names the first that is not."""
    values: dict[str, Any] = {}
    for field in FIELDS[cls]:
        if not field.in_json:
            continue
        value = data.get(field.name)
        try:
            if value is None:
                key = (cls, field.name)
                if key in _JSON_DEFAULTS:
                    values[field.name] = _JSON_DEFAULTS[key]
                elif not field.optional and (not field.has_default or key in _JSON_REQUIRED):
                    raise Bad("", "missing" if field.name not in data else f"expected {_expected(field)}, got null")
                continue  # (the model's default)
            values[field.name] = _value(cls, field, value, values)
        except Bad as bad:
            raise bad.under(field.name) from None
    return cls(**values)


def _expected(field: Field) -> str:
    return {"text": "a string", "int": "an integer", "bool": "true or false", "record": "an object"}.get(
        field.kind, "a list"
    )


def _value(cls: type, field: Field, value: Any, values: dict[str, Any]) -> Any:
    kind = field.kind
    if kind == "text":
        if isinstance(value, str):
            _check_text(value)
            if field.rule is not None and (problem := field.rule(value, values.get)):
                raise Bad("", problem)
            normal = _NORMAL.get((cls, field.name))
            return value if normal is None else normal(value)
    elif kind == "texts":
        if isinstance(value, list):
            for index, entry in enumerate(value):
                try:
                    if not isinstance(entry, str):
                        raise Bad("", f"expected a string, got {type(entry).__name__}")
                    _check_text(entry)
                except Bad as bad:
                    raise bad.under(f"[{index}]") from None
            return list(value)
        if isinstance(value, str) and (cls, field.name) in _ONE_STRING:
            _check_text(value)
            return [value]
    elif kind == "records" or kind == "variants":
        if isinstance(value, list):
            read = []
            for index, entry in enumerate(value):
                try:
                    if not isinstance(entry, dict):
                        raise Bad("", "expected an object")
                    read.append(_read(field.records[0], entry) if kind == "records" else _variant(field, entry))
                except Bad as bad:
                    raise bad.under(f"[{index}]") from None
            return read
    elif kind == "record":
        if isinstance(value, dict):
            return _read(field.records[0], value)
    elif kind == "int":
        if not isinstance(value, bool) and isinstance(value, int):
            if not field.minimum <= value <= MAX_INT:
                raise Bad("", f"expected an integer from {field.minimum} to {MAX_INT}")
            return value
    elif kind == "bool":
        if isinstance(value, bool):
            return value
    elif kind == "span":
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 1 <= value[0] <= value[1] <= MAX_INT
        ):
            return (value[0], value[1])
        raise Bad("", "expected [first line, last line], line numbers from 1")
    raise Bad("", f"expected {_expected(field)}, got {type(value).__name__}")


def _variant(field: Field, entry: dict[str, Any]) -> Any:
    """One entry of a list of several kinds of records (a block, an item), by its ``type``."""
    one = VARIANT_NAMES[frozenset(field.records)][0]
    kind = entry.get("type")
    if not isinstance(kind, str):
        raise Bad("type", "missing" if "type" not in entry else f"expected a string, got {_json_kind(kind)}")
    cls = _TYPES[field.records].get(kind)
    if cls is None:
        _check_text(kind, "type")
        known = ", ".join(_TYPES[field.records])
        raise Bad("type", f"unknown {one} type {kind[:40]!r} (known: {known})")
    return _read(cls, entry)


def _json_kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _check_text(value: str, key: str = "") -> None:
    """What the reader never puts in a field: controls but tab and line feed, lone
    surrogates, U+FFFE and U+FFFF (:func:`~convert_core.values.control_character`)."""
    bad = control_character(value, multiline=True)
    if bad:
        raise Bad(key, f"holds a control character or lone surrogate ({bad})")


def _check_version(data: dict[str, Any]) -> None:
    version = data.get("schema_version")
    if version is None:
        raise Bad("schema_version", "missing (is this a bulletin-convert JSON document?)")
    if not isinstance(version, str):
        raise Bad("schema_version", f"expected a string, got {type(version).__name__}")
    _check_text(version, "schema_version")
    parsed = _VERSION_RE.fullmatch(version)
    if not parsed:
        raise Bad("schema_version", f"not a version number MAJOR.MINOR: {version[:40]!r}")
    major = parsed.group(1).lstrip("0") or "0"
    if len(major) > 6 or int(major) > SCHEMA_MAJOR:
        version = version if len(version) <= 40 else f"{version[:20]}…"
        raise Bad(
            "schema_version", f"{version} is newer than this release reads ({SCHEMA_MAJOR}.x); upgrade bulletin-convert"
        )
    if int(major) < SCHEMA_MAJOR:
        raise Bad("schema_version", f"{version} is older than {SCHEMA_MAJOR}.x and not supported")


def from_dict(data: Any) -> Document:
    """Build a :class:`Document` from JSON data, checking every field as
    :mod:`convert_core.fields` describes it (the description the shape check of a document
    built in Python goes by too).

    Raises :class:`~convert_core.errors.InputError` naming the first bad field.
    Items without an ``id`` get one derived from their content.
    """
    if not isinstance(data, dict):
        raise InputError(f"not a bulletin-convert document: expected a JSON object, got {type(data).__name__}")
    try:
        _check_version(data)
        document = _read(Document, data)
    except Bad as bad:
        raise InputError(f"not a bulletin-convert document: {bad.where()}: {bad.problem}") from None
    assign_ids(document)
    return document


def loads(text: str | bytes) -> Document:
    """Parse the JSON text of a document (see :func:`from_dict`)."""
    try:
        data = strict_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits; NaN or Infinity
        raise InputError(f"invalid JSON: {str(exc).split(';')[0]}") from None
    return from_dict(data)


def json_encoding(data: bytes) -> str:
    """The encoding of JSON bytes: UTF-8 (with or without a byte-order mark), or UTF-16 or
    UTF-32 (told by their byte-order mark, or by the zero bytes around the first
    character, as RFC 4627 and :func:`json.loads` tell them)."""
    return json.detect_encoding(data)


def encoding_name(encoding: str) -> str:
    """``UTF-8``, ``UTF-16LE``, ``GBK``… (a codec's name as an error says it)."""
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return {"utf-8-sig": "UTF-8"}.get(name, name.upper().replace("UTF-16-", "UTF-16").replace("UTF-32-", "UTF-32"))


def looks_like_document(data: bytes | str) -> bool:
    """Tell cheaply whether ``data`` is probably a document in our JSON form: an object
    that names its schema version near the start (in any encoding JSON may have: a
    document saved as UTF-16 was read as a page of text)."""
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.decode(json_encoding(head), errors="ignore")
    head = head.removeprefix("\ufeff").lstrip()
    return head.startswith("{") and '"schema_version"' in head
