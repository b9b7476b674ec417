"""Validation against IPTC's ninjs JSON Schemas shipped in ``schemas/`` (1.6, 2.2, 3.1).

Each object is checked against the schema of the version it declares (``standard.version``,
``$standard.version`` in 1.x; 3.1 when it declares none). The GeoJSON schema the 2.2 and 3.1
schemas reference is registered from the local copy, so nothing is fetched. ``date-time``
and ``uri`` formats are checked here (RFC 3339, RFC 3986 absolute URI), whatever optional
format libraries are installed. Each validator is built once per process.
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
SCHEMA_FILES = {version: SCHEMA_DIR / f"ninjs-schema_{version}.json" for version in ("3.1", "2.2", "1.6")}
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
def validator(version: str = "3.1") -> Any:
    """A validator of the ninjs ``version`` schema (Draft 2020-12 for 2.2 and 3.1, draft-07
    for 1.6), built on first use, then kept."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    ninjs = json.loads(SCHEMA_FILES[version].read_text("utf-8"))
    geojson = json.loads(GEOJSON_FILE.read_text("utf-8"))
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson, DRAFT202012))
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date-time")(_is_date_time)
    formats.checks("uri")(_is_uri)
    kind = jsonschema.Draft7Validator if version == "1.6" else jsonschema.Draft202012Validator
    return kind(ninjs, registry=registry, format_checker=formats)


def declared_version(instance: Any) -> str:
    """The ninjs version an object declares (``standard`` or 1.x ``$standard``); ``3.1``
    when it declares none or one this plugin has no schema for."""
    if isinstance(instance, dict):
        for key in ("standard", "$standard"):
            declared = instance.get(key)
            if isinstance(declared, dict) and declared.get("version") in SCHEMA_FILES:
                return str(declared["version"])
    return "3.1"


def problems(instance: Any) -> list[str]:
    """Why ``instance`` is not a valid ninjs object of the version it declares (empty when
    it is), one line each, with the JSON path of the offending value."""
    errors = validator(declared_version(instance)).iter_errors(instance)
    errors = sorted(errors, key=lambda error: [str(part) for part in error.absolute_path])
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
