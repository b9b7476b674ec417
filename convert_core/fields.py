"""The fields of a document, described once, for both of its checks.

Each record of the model (:mod:`convert_core.model`) is described here by its fields: the
type each holds, read from the dataclass's own annotations (``headline: str``,
``kicker: str | None``, ``bylines: list[Contributor]``, ``body: list[Block]``…), and the
values the reader gives it (:data:`RULES`: an ISO date, a BCP 47 tag, a known role, a
furniture kind, an id of letters and digits, a line number from 1…). The two checks of a
document go by this one description, so they cannot drift apart: reading our JSON form
(:func:`convert_core.jsonform.from_dict`) and the walk that checks a document built in
Python (:func:`convert_core.shape.check_document`). Each speaks its own form's words
(``expected an object``, ``got null``; ``expected a Metadata``, ``got None``) and names
the field the same way (``items[3].bylines[0].role: unknown role 'boss' …``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

from . import model
from .model import ROLES, Article, Diagnostic, Document, Metadata, Paragraph, Photo, Source
from .regex_cache import regex

ID_RE = regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
SHA256_RE = regex(r"[0-9a-f]{64}")
CODE_RE = regex(r"[a-z][a-z0-9-]*")
MAX_INT = 2**63 - 1
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

#: A value rule: ``rule(value, sibling)`` gives what is wrong with a field's value (of the
#: right type, not ``None``), or ``None``; ``sibling(name)`` is another field of the record.
Rule = Callable[[Any, Callable[[str], Any]], "str | None"]


def _role(value: str, sibling: Callable[[str], Any]) -> str | None:
    return None if value in ROLES else f"unknown role {value[:40]!r} (known: {', '.join(ROLES)})"


def _name(value: str, sibling: Callable[[str], Any]) -> str | None:
    return None if value else "expected a name, got an empty string"


def _href(value: str, sibling: Callable[[str], Any]) -> str | None:
    if value.startswith("/") or ".." in value.replace("\\", "/").split("/") or ":" in value:
        return f"must be a relative path inside the output folder, not {value[:80]!r}"
    return None


def _lead(value: str, sibling: Callable[[str], Any]) -> str | None:
    text = sibling("text")
    return None if isinstance(text, str) and text.startswith(value) else "expected the start of the paragraph's text"


def _id(value: str, sibling: Callable[[str], Any]) -> str | None:
    if value and not ID_RE.fullmatch(value):
        return f"expected letters, digits, '.', '_' or '-' (at most 64), got {value[:80]!r}"
    return None


def _code(value: str, sibling: Callable[[str], Any]) -> str | None:
    return None if CODE_RE.fullmatch(value) else f"expected lower-case letters, digits and dashes, got {value[:40]!r}"


def _sha256(value: str, sibling: Callable[[str], Any]) -> str | None:
    return None if SHA256_RE.fullmatch(value) else "expected 64 lower-case hexadecimal digits"


def _edition_date(value: str, sibling: Callable[[str], Any]) -> str | None:
    from .errors import ConvertError
    from .values import iso_date

    try:
        if len(value) == 10 and iso_date(value) == value:
            return None
    except (ConvertError, ValueError):
        pass
    return f"expected a date as YYYY-MM-DD, got {value[:40]!r}"


def _language(value: str, sibling: Callable[[str], Any]) -> str | None:
    from .errors import ConvertError
    from .values import language_tag

    try:
        language_tag(value)
    except ConvertError:
        return f"expected a BCP 47 tag such as zh-CN, got {value[:40]!r}"
    return None


def one_of(choices: tuple[str, ...]) -> Rule:
    def rule(value: str, sibling: Callable[[str], Any]) -> str | None:
        return None if value in choices else f"expected one of {', '.join(choices)}, got {value[:40]!r}"

    return rule


def _literal(choices: tuple[str, ...]) -> Rule:
    def rule(value: str, sibling: Callable[[str], Any]) -> str | None:
        return None if value in choices else f"expected {' or '.join(map(repr, choices))}, got {value[:40]!r}"

    return rule


#: What the reader gives a field beyond its type (``Diagnostic.severity``, a ``Literal``,
#: is held to its values by its annotation).
RULES: dict[tuple[type, str], Rule] = {
    (model.Contributor, "role"): _role,
    (model.Contributor, "name"): _name,
    (model.ImageRef, "href"): _href,
    (Paragraph, "lead"): _lead,
    (Article, "id"): _id,
    (Photo, "id"): _id,
    (model.Furniture, "kind"): one_of(FURNITURE_KINDS),
    (Diagnostic, "code"): _code,
    (Source, "sha256"): _sha256,
    (Metadata, "edition_date"): _edition_date,
    (Metadata, "date_source"): one_of(DATE_SOURCES),
    (Metadata, "language"): _language,
}
#: Integers whose values start at 1 (line numbers), not 0.
FROM_ONE = {(model.Furniture, "line"), (Diagnostic, "line")}
#: Fields that are no part of the JSON form (a picture's bytes are a file of their own).
NOT_IN_JSON = {(model.ImageRef, "data")}


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a record: ``kind`` is ``text``, ``texts`` (a list of strings), ``int``,
    ``bool``, ``span`` (first and last line), ``bytes``, ``record`` (one of ``records``),
    ``records`` (a list of ``records[0]``) or ``variants`` (a list of any of ``records``,
    told apart by their ``type``)."""

    name: str
    kind: str
    optional: bool  # None is one of its values
    records: tuple[type, ...] = ()
    rule: Rule | None = None
    minimum: int = 0
    has_default: bool = False  # the dataclass gives it a value when none is given
    in_json: bool = True


def _union(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType)


def _describe(cls: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls)
    described = []
    for item in dataclasses.fields(cls):
        hint, optional = hints[item.name], False
        if _union(hint) and type(None) in get_args(hint):
            optional = True
            rest = tuple(arg for arg in get_args(hint) if arg is not type(None))
            hint = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007
        rule = RULES.get((cls, item.name))
        records: tuple[type, ...] = ()
        origin = get_origin(hint)
        if origin is Literal:
            if item.name == "type":
                continue  # (what the class is: told by the class, and by ``type`` in JSON)
            kind, rule = "text", _literal(get_args(hint))
        elif hint is str:
            kind = "text"
        elif hint is bool:
            kind = "bool"
        elif hint is int:
            kind = "int"
        elif hint is bytes:
            kind = "bytes"
        elif origin is tuple:
            kind = "span"
        elif origin is list and get_args(hint) == (str,):
            kind = "texts"
        elif origin is list and dataclasses.is_dataclass(get_args(hint)[0]):
            kind, records = "records", get_args(hint)
        elif origin is list and _union(get_args(hint)[0]):
            kind, records = "variants", get_args(get_args(hint)[0])
        elif dataclasses.is_dataclass(hint):
            kind, records = "record", (hint,)
        else:  # (a field added to the model with a type described nowhere: said at import)
            raise TypeError(f"{cls.__name__}.{item.name}: no description of {hint!r}")
        has_default = item.default is not dataclasses.MISSING or item.default_factory is not dataclasses.MISSING
        described.append(
            Field(
                item.name,
                kind,
                optional,
                records,
                rule,
                1 if (cls, item.name) in FROM_ONE else 0,
                has_default,
                (cls, item.name) not in NOT_IN_JSON,
            )
        )
    return tuple(described)


def _records() -> list[type]:
    found: list[type] = []
    pending: list[type] = [Document]
    while pending:
        cls = pending.pop()
        if cls in found:
            continue
        found.append(cls)
        pending += [record for field in _describe(cls) for record in field.records]
    return found


#: Every record of a document, with its fields in the order of its dataclass.
FIELDS: dict[type, tuple[Field, ...]] = {cls: _describe(cls) for cls in _records()}
#: The ``type`` of each record that is one of several kinds in a list (a block, an item).
TYPE_OF: dict[type, str] = {
    cls: cls.__dataclass_fields__["type"].default  # type: ignore[attr-defined]
    for cls in FIELDS
    if "type" in cls.__dataclass_fields__  # type: ignore[attr-defined]
}
#: How the members of a list of several kinds are named: one, and a list of them.
VARIANT_NAMES: dict[frozenset[type], tuple[str, str]] = {
    frozenset(get_args(model.Block)): ("block", "blocks"),
    frozenset(get_args(model.Item)): ("item", "articles and photos"),
}


def article(name: str) -> str:
    """``an ImageRef``, ``a Metadata``."""
    return f"an {name}" if name[:1] in "AEIOU" else f"a {name}"


class Bad(Exception):
    """A field that is not what the description says, raised deep in a walk; each level
    it passes adds its part of the field's path (``items``, ``[3]``, ``bylines``…)."""

    def __init__(self, key: str, problem: str) -> None:
        self.parts = [key] if key else []
        self.problem = problem

    def under(self, key: str) -> Bad:
        self.parts.append(key)
        return self

    def where(self) -> str:
        out = ""
        for part in reversed(self.parts):
            out = f"{out}{part}" if part.startswith("[") or not out else f"{out}.{part}"
        return out
