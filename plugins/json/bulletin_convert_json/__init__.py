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


def write(document: Document, options: Mapping[str, Any]) -> bytes:
    """The document as canonical JSON bytes: :func:`convert_core.jsonform.dumps`."""
    from convert_core.jsonform import dumps

    # a lone surrogate (only a plugin or API user can put one in the model) becomes the
    # JSON escape \udXXX, which reads back to the same string
    return dumps(document).encode("utf-8", "backslashreplace")


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
