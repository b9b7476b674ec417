"""The JSON exporter: the document model in its versioned JSON form.

Output is the canonical text of :func:`convert_core.jsonform.dumps` (UTF-8, two-space
indent, fixed key order), which reads back into the same model: JSON -> model -> JSON
is identical, so a parse corrected by hand can be exported again to any format.
``convert --validate`` checks it against the JSON Schema shipped in the package.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Document, Exporter, hookimpl

_json_string = json.encoder.encode_basestring  # the C version where there is one


def write(document: Document, options: Mapping[str, Any]) -> bytes:
    """The document as canonical JSON bytes: :func:`convert_core.jsonform.dumps`, written
    with :func:`pretty_json` (the same text, faster)."""
    from convert_core.jsonform import to_dict

    # a lone surrogate (only a plugin or API user can put one in the model) becomes the
    # JSON escape \udXXX, which reads back to the same string
    return (pretty_json(to_dict(document)) + "\n").encode("utf-8", "backslashreplace")


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


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name="json",
            extension=".json",
            media_type="application/json",
            description="the parsed page in bulletin-convert's versioned JSON form (round-trips)",
            writer=write,
        )
    ]


@functools.cache
def _validator() -> Any:
    import jsonschema

    from convert_core.jsonform import schema

    return jsonschema.Draft202012Validator(schema())


def problems(data: bytes) -> list[str]:
    """Schema problems of a JSON document (empty when valid)."""
    try:
        instance = json.loads(data)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    validator = _validator()
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    ]


@hookimpl
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    if exporter.name != "json":
        return None
    from convert_core.exportkit import file_problems_of

    return file_problems_of(paths, lambda path: problems(path.read_bytes()))
