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

from .errors import ConvertError, InputError
from .ids import assign_ids
from .model import (
    ROLES,
    Article,
    Block,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    Furniture,
    ImageRef,
    Item,
    Metadata,
    Paragraph,
    Photo,
    Quote,
    Source,
    Subhead,
    Unclassified,
)
from .regex_cache import regex
from .values import control_character, iso_date, language_tag, strict_json

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


_ID_RE = regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_SHA256_RE = regex(r"[0-9a-f]{64}")
_CODE_RE = regex(r"[a-z][a-z0-9-]*")
_VERSION_RE = regex(r"([0-9]+)\.([0-9]+)")
_MAX_INT = 2**63 - 1
DATE_SOURCES = ("header", "text", "inferred", "option")
FURNITURE_KINDS = (
    "page-header",
    "staff",
    "jump",
    "imprint",
    "navigation",
    "date",
    "weather",
    "advertisement",
    "graphic",
    "unclassified",
)


class _Reader:
    """Typed access to JSON data that names the field path in every error, and holds its
    fields to what the reader itself produces."""

    def __init__(self, data: Any, path: str) -> None:
        self.data = data
        self.path = path

    def fail(self, key: str, message: str) -> InputError:
        where = f"{self.path}.{key}" if self.path else key
        return InputError(f"not a bulletin-convert document: {where}: {message}")

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing")
            return None
        return self.data[key]

    def str(self, key: str, *, required: bool = False, nullable: bool = True) -> str | None:
        value = self._get(key, required)
        if value is None:
            if not nullable:
                raise self.fail(key, "expected a string, got null")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {type(value).__name__}")
        _check_text(self, key, value)
        return value

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = False) -> str | None:
        value = self.str(key, required=required, nullable=not required)
        if value is not None and value not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def int(self, key: str, *, minimum: int = 0) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected an integer, got {type(value).__name__}")
        if not minimum <= value <= _MAX_INT:
            raise self.fail(key, f"expected an integer from {minimum} to {_MAX_INT}")
        return value

    def list(self, key: str, *, required: bool = False) -> list[Any]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return value

    def strings(self, key: str, *, required: bool = False) -> list[str]:
        values = self.list(key, required=required)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{key}[{index}]", f"expected a string, got {type(value).__name__}")
            _check_text(self, f"{key}[{index}]", value)
        return list(values)

    def obj(self, key: str, *, required: bool = False) -> _Reader:
        value = self._get(key, required)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise self.fail(key, f"expected an object, got {type(value).__name__}")
        return _Reader(value, f"{self.path}.{key}" if self.path else key)

    def objects(self, key: str, *, required: bool = False) -> list[_Reader]:
        out = []
        for index, value in enumerate(self.list(key, required=required)):
            where = f"{self.path}.{key}[{index}]" if self.path else f"{key}[{index}]"
            if not isinstance(value, dict):
                raise InputError(f"not a bulletin-convert document: {where}: expected an object")
            out.append(_Reader(value, where))
        return out

    def span(self, key: str) -> tuple[int, int] | None:
        value = self._get(key, False)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 1 <= value[0] <= value[1] <= _MAX_INT
        ):
            raise self.fail(key, "expected [first line, last line], line numbers from 1")
        return (value[0], value[1])


def _check_text(reader: _Reader, key: str, value: str) -> None:
    """What the reader never puts in a field: controls but tab and line feed, lone
    surrogates, U+FFFE and U+FFFF (:func:`~convert_core.values.control_character`)."""
    bad = control_character(value, multiline=True)
    if bad:
        raise reader.fail(key, f"holds a control character or lone surrogate ({bad})")


def _id(entry: _Reader) -> str:
    value = entry.str("id") or ""
    if value and not _ID_RE.fullmatch(value):
        raise entry.fail("id", f"expected letters, digits, '.', '_' or '-' (at most 64), got {value!r}")
    return value


def _contributors_from(reader: _Reader, key: str) -> list[Contributor]:
    people = []
    for entry in reader.objects(key):
        role = entry.str("role", required=True, nullable=False)
        name = entry.str("name", required=True, nullable=False)
        if not name:
            raise entry.fail("name", "expected a name, got an empty string")
        if role not in ROLES:
            raise entry.fail("role", f"unknown role {role!r} (known: {', '.join(ROLES)})")
        people.append(Contributor(role=role, name=name))  # type: ignore[arg-type]
    return people


def _block_from(entry: _Reader) -> Block:
    kind = entry.str("type", required=True, nullable=False)
    if kind == "paragraph":
        text = entry.str("text", required=True, nullable=False) or ""
        lead = entry.str("lead")
        if lead is not None and not text.startswith(lead):
            raise entry.fail("lead", "expected the start of the paragraph's text")
        note = entry.data.get("note", False)
        if not isinstance(note, bool):
            raise entry.fail("note", f"expected true or false, got {type(note).__name__}")
        return Paragraph(text=text, lead=lead, note=note)
    if kind == "subhead":
        return Subhead(text=entry.str("text", required=True, nullable=False) or "")
    if kind == "quote":
        return Quote(text=entry.str("text", required=True, nullable=False) or "")
    if kind == "unclassified":
        return Unclassified(text=entry.str("text", required=True, nullable=False) or "")
    if kind == "figure":
        return Figure(
            caption=entry.strings("caption"),
            credits=_contributors_from(entry, "credits"),
            label=entry.str("label"),
            attribution=entry.strings("attribution"),
            image=_image_from(entry),
        )
    raise entry.fail("type", f"unknown block type {kind!r} (known: paragraph, subhead, quote, figure, unclassified)")


def _image_from(entry: _Reader) -> ImageRef | None:
    if entry.data.get("image") is None:
        return None
    image = entry.obj("image")
    href = image.str("href", required=True, nullable=False) or ""
    if href.startswith("/") or ".." in href.replace("\\", "/").split("/") or ":" in href:
        raise image.fail("href", f"must be a relative path inside the output folder, not {href!r}")
    return ImageRef(
        href=href,
        media_type=image.str("media_type", required=True, nullable=False) or "",
        width=image.int("width"),
        height=image.int("height"),
        sha256=image.str("sha256"),
    )


def _item_from(entry: _Reader) -> Item:
    kind = entry.str("type", required=True, nullable=False)
    if kind == "article":
        return Article(
            id=_id(entry),
            column=entry.str("column"),
            kicker=entry.str("kicker"),
            headline=entry.str("headline", required=True, nullable=False) or "",
            subheadline=entry.str("subheadline"),
            dateline=entry.str("dateline"),
            bylines=_contributors_from(entry, "bylines"),
            body=[_block_from(block) for block in entry.objects("body")],
            sources=entry.strings("sources"),
            notes=entry.strings("notes"),
            attribution=entry.strings("attribution"),
            lines=entry.span("lines"),
        )
    if kind == "photo":
        caption_value = entry.data.get("caption")
        if isinstance(caption_value, str):  # one caption paragraph as a plain string
            _check_text(entry, "caption", caption_value)
            caption = [caption_value]
        else:
            caption = entry.strings("caption")
        return Photo(
            id=_id(entry),
            title=entry.str("title"),
            label=entry.str("label"),
            caption=caption,
            credits=_contributors_from(entry, "credits"),
            attribution=entry.strings("attribution"),
            lines=entry.span("lines"),
            image=_image_from(entry),
            article=entry.str("article"),
        )
    raise entry.fail("type", f"unknown item type {kind!r} (known: article, photo)")


def _check_version(root: _Reader) -> None:
    version = root.str("schema_version")
    if version is None:
        raise root.fail("schema_version", "missing (is this a bulletin-convert JSON document?)")
    parsed = _VERSION_RE.fullmatch(version)
    if not parsed:
        raise root.fail("schema_version", f"not a version number MAJOR.MINOR: {version[:40]!r}")
    major = parsed.group(1).lstrip("0") or "0"
    if len(major) > 6 or int(major) > SCHEMA_MAJOR:
        version = version if len(version) <= 40 else f"{version[:20]}…"
        raise root.fail(
            "schema_version",
            f"{version} is newer than this release reads ({SCHEMA_MAJOR}.x); upgrade bulletin-convert",
        )
    if int(major) < SCHEMA_MAJOR:
        raise root.fail("schema_version", f"{version} is older than {SCHEMA_MAJOR}.x and not supported")


def from_dict(data: Any) -> Document:
    """Build a :class:`Document` from JSON data, checking every field.

    Raises :class:`~convert_core.errors.InputError` naming the first bad field.
    Items without an ``id`` get one derived from their content.
    """
    if not isinstance(data, dict):
        raise InputError(f"not a bulletin-convert document: expected a JSON object, got {type(data).__name__}")
    root = _Reader(data, "")
    _check_version(root)
    meta = root.obj("metadata")
    src = meta.obj("source")
    edition_date = meta.str("edition_date")
    if edition_date is not None:
        try:
            if len(edition_date) != 10 or iso_date(edition_date) != edition_date:
                raise InputError("")
        except ConvertError:
            raise meta.fail("edition_date", f"expected a date as YYYY-MM-DD, got {edition_date[:40]!r}") from None
    language = meta.str("language")
    try:
        language = language_tag(language) if language is not None else "zh-CN"
    except ConvertError:
        raise meta.fail("language", f"expected a BCP 47 tag such as zh-CN, got {language[:40]!r}") from None
    sha256 = src.str("sha256")
    if sha256 is not None and not _SHA256_RE.fullmatch(sha256):
        raise src.fail("sha256", "expected 64 lower-case hexadecimal digits")
    metadata = Metadata(
        publication=meta.str("publication"),
        edition_date=edition_date,
        date_source=meta.choice("date_source", DATE_SOURCES),
        page=meta.str("page"),
        section=meta.str("section"),
        language=language,
        staff=_contributors_from(meta, "staff"),
        source=Source(
            name=src.str("name"),
            sha256=sha256,
            encoding=src.str("encoding"),
            bytes=src.int("bytes"),
            lines=src.int("lines"),
            page=src.int("page"),
        ),
    )
    items = [_item_from(entry) for entry in root.objects("items", required=True)]
    furniture = [
        Furniture(
            kind=f.choice("kind", FURNITURE_KINDS, required=True) or "",
            text=f.str("text", required=True, nullable=False) or "",
            line=f.int("line", minimum=1),
        )
        for f in root.objects("furniture")
    ]
    diagnostics = []
    for d in root.objects("diagnostics"):
        severity = d.str("severity") or "info"
        if severity not in ("info", "warning"):
            raise d.fail("severity", f"expected 'info' or 'warning', got {severity!r}")
        code = d.str("code", required=True, nullable=False) or ""
        if not _CODE_RE.fullmatch(code):
            raise d.fail("code", f"expected lower-case letters, digits and dashes, got {code[:40]!r}")
        diagnostics.append(
            Diagnostic(
                code=code,
                message=d.str("message") or "",
                line=d.int("line", minimum=1),
                severity=severity,  # type: ignore[arg-type]
            )
        )
    document = Document(metadata=metadata, items=items, furniture=furniture, diagnostics=diagnostics)
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


def looks_like_document(data: bytes | str) -> bool:
    """Tell cheaply whether ``data`` is probably a document in our JSON form: an object
    that names its schema version near the start."""
    head = data[:4096]
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="ignore")
    head = head.removeprefix("\ufeff").lstrip()
    return head.startswith("{") and '"schema_version"' in head
