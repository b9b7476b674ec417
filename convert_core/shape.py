"""The shape check of a :class:`~convert_core.model.Document` built in Python.

A document read from our JSON form is checked as it is read
(:func:`convert_core.jsonform.from_dict`); one built in Python (by a program using the
library, or by a plugin's ``transform_document``) is checked here, by walking its
dataclasses. Both go by one description of the fields (:mod:`convert_core.fields`): the
types and shapes of every field and the values the reader itself gives (an ISO date, a
BCP 47 tag, a known role, furniture kind and date source, a line span, an id of letters
and digits…), and, with ``text``, no control character (but tab and line feed), lone
surrogate or U+FFFE/U+FFFF in any text.

Nothing is serialised: the walk gathers the document's strings in a list and looks for a
control character in all of them at once, walking again only to name the field of one
it found. The error names the field as the JSON form's errors do
(``items[3].bylines[0].role: unknown role 'boss' …``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .fields import FIELDS, MAX_INT, TYPE_OF, VARIANT_NAMES, Bad, Field, article
from .model import Document
from .values import _TEXT_CONTROL_RE, control_character

_SEQUENCES = (list, tuple)


class MalformedDocument(ValueError):
    """A document whose field ``where`` (``items[0].headline``) is not what the model
    holds; ``problem`` says how."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


#: What a list of each kind of field holds, as its error says it.
_LIST_OF = {"texts": "strings"}


def _record(value: Any, cls: type, strings: list[str]) -> None:
    """Check the fields of ``value``, a ``cls``."""
    for name, check in _CHECKS[cls]:
        try:
            check(getattr(value, name), value, strings)
        except Bad as bad:
            raise bad.under(name) from None


def _checker(field: Field) -> Callable[[Any, Any, list[str]], None]:
    """The check of one field's value, made once for the field's kind (``check(value,
    record, strings)``): what the walk runs for every field of every record."""
    kind, optional, rule = field.kind, field.optional, field.rule
    wrong = f"expected {_expected(field)}, got "

    def fail(value: Any) -> None:
        raise Bad("", wrong + _kind(value))

    if kind == "text":

        def text(value: Any, record: Any, strings: list[str]) -> None:
            if isinstance(value, str):
                strings.append(value)
                if rule is not None and (problem := rule(value, lambda name: getattr(record, name))):
                    raise Bad("", problem)
            elif value is not None or not optional:
                fail(value)

        return text
    if kind == "texts":

        def texts(value: Any, record: Any, strings: list[str]) -> None:
            if not isinstance(value, _SEQUENCES):
                fail(value)
            for index, entry in enumerate(value):
                if not isinstance(entry, str):
                    raise Bad(f"[{index}]", f"expected a string, got {_kind(entry)}")
                try:
                    strings.append(entry)
                except Bad as bad:  # (the second walk, naming the text of a control character)
                    raise bad.under(f"[{index}]") from None

        return texts
    if kind == "records" or kind == "variants":
        members = field.records
        kinds = {cls: TYPE_OF[cls] for cls in members} if kind == "variants" else dict.fromkeys(members)

        def entries(value: Any, record: Any, strings: list[str]) -> None:
            if not isinstance(value, _SEQUENCES):
                fail(value)
            for index, entry in enumerate(value):
                cls = type(entry)
                try:
                    if cls not in kinds:
                        cls = _member(entry, members)
                    if kinds[cls] is not None and entry.type != kinds[cls]:
                        raise Bad("type", f"expected {kinds[cls]!r} for {article(cls.__name__)}, got {entry.type!r}")
                    _record(entry, cls, strings)
                except Bad as bad:
                    raise bad.under(f"[{index}]") from None

        return entries
    if kind == "record":
        (cls,) = field.records

        def one(value: Any, record: Any, strings: list[str]) -> None:
            if isinstance(value, cls):
                _record(value, cls, strings)
            elif value is not None or not optional:
                fail(value)

        return one
    if kind == "int":
        minimum = field.minimum

        def number(value: Any, record: Any, strings: list[str]) -> None:
            if value is None and optional:
                return
            if isinstance(value, bool) or not isinstance(value, int):
                fail(value)
            if not minimum <= value <= MAX_INT:
                raise Bad("", f"expected an integer from {minimum} to {MAX_INT}")

        return number
    if kind == "span":

        def span(value: Any, record: Any, strings: list[str]) -> None:
            if value is None and optional:
                return
            if not (
                isinstance(value, _SEQUENCES)
                and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
                and 1 <= value[0] <= value[1] <= MAX_INT
            ):
                raise Bad("", "expected (first line, last line), line numbers from 1")

        return span
    kinds = {"bool": bool, "bytes": bytes | bytearray}[kind]

    def plain(value: Any, record: Any, strings: list[str]) -> None:
        if not isinstance(value, kinds) and (value is not None or not optional):
            fail(value)

    return plain


def _expected(field: Field) -> str:
    kind = field.kind
    if kind == "text":
        return "a string"
    if kind == "texts":
        return "a list of strings"
    if kind == "records":
        return f"a list of {field.records[0].__name__}"
    if kind == "variants":
        return f"a list of {VARIANT_NAMES[frozenset(field.records)][1]}"
    if kind == "record":
        return article(field.records[0].__name__)
    if kind == "int":
        return "an integer"
    if kind == "bool":
        return "True or False"
    return "bytes"


def _member(entry: Any, members: tuple[type, ...]) -> type:
    """The record class of a list's ``entry`` that is no instance of one exactly (a
    subclass), or :class:`Bad` saying what the list holds."""
    for member in members:
        if isinstance(entry, member):
            return member
    names = [article(member.__name__) for member in members]
    choices = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    raise Bad("", f"expected {choices}, got {_kind(entry)}")


#: Each record's fields and the check of each, made once from the description.
_CHECKS = {cls: [(field.name, _checker(field)) for field in fields] for cls, fields in FIELDS.items()}


def _walk(document: Any, strings: list[str]) -> None:
    if not isinstance(document, Document):
        raise Bad("", f"expected a Document, got {_kind(document)}")
    _record(document, Document, strings)


class _Checking(list):  # type: ignore[type-arg]
    """The strings of a walk, each checked as it is added: the second walk, which names
    the field of the control character the first one found."""

    def append(self, value: str) -> None:
        bad = control_character(value, multiline=True)
        if bad:
            raise Bad("", f"holds a control character or lone surrogate ({bad})")


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
    except Bad as bad:
        raise MalformedDocument(bad.where(), bad.problem) from None
    except MemoryError:
        raise
    except Exception as exc:  # a subclass that lost a field, a property that raises
        raise MalformedDocument("", f"not a document's shape: {type(exc).__name__}: {describe(exc)}") from None
