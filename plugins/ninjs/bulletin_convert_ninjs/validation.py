"""Validation against the ninjs 3.1 JSON Schema shipped in ``schemas/``.

The GeoJSON schema the ninjs schema references is registered from the local copy, so
nothing is fetched. ``date-time`` and ``uri`` formats are checked here (RFC 3339, RFC
3986 absolute URI), whatever optional format libraries are installed. The validator is
built once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILE = SCHEMA_DIR / "ninjs-schema_3.1.json"
GEOJSON_FILE = SCHEMA_DIR / "GeoJSON-schema.json"

_DATE_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})")
_URI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*")


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME_RE.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(_URI_RE.fullmatch(value))


@functools.cache
def validator() -> Any:
    """A Draft 2020-12 validator of the ninjs 3.1 schema (built on first use, then kept)."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    ninjs = json.loads(SCHEMA_FILE.read_text("utf-8"))
    geojson = json.loads(GEOJSON_FILE.read_text("utf-8"))
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson, DRAFT202012))
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date-time")(_is_date_time)
    formats.checks("uri")(_is_uri)
    return jsonschema.Draft202012Validator(ninjs, registry=registry, format_checker=formats)


def problems(instance: Any) -> list[str]:
    """Why ``instance`` is not a valid ninjs 3.1 object (empty when it is), one line each,
    with the JSON path of the offending value."""
    errors = sorted(validator().iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path])
    return [f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}" for error in errors]


def data_problems(data: bytes) -> list[str]:
    """Problems of a ninjs file: one object, or an array of objects (``--ninjs-array``)."""
    try:
        instance = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [f"not UTF-8 JSON: {exc}"]
    if isinstance(instance, list):
        if not instance:
            return []
        return [f"[{index}] {problem}" for index, obj in enumerate(instance) for problem in problems(obj)]
    return problems(instance)
