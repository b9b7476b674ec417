"""The IPTC ninjs exporter (``--to ninjs``).

Each article (``type: text``) and stand-alone photo (``type: picture``) of a page becomes
a ninjs 3.1 object: a file per item by default, one JSON array with ``--ninjs-array``.
Pictures placed inside an article are its ``associations``. Output is valid against the
ninjs 3.1 JSON Schema shipped in ``schemas/``.

This module only registers the format: the writer (pypinyin) is imported when the format
is used, and the validator (jsonschema) when ``convert --validate`` asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Exporter, ExporterOption, hookimpl
from convert_core.exporters import GUID_AUTHORITY_OPTION

FORMAT = "ninjs"
EXTENSION = ".ninjs.json"

OPTIONS = (
    ExporterOption(
        "ninjs-array",
        "write the page's items as one JSON array instead of a file per item",
        "bool",
        False,
    ),
    GUID_AUTHORITY_OPTION,
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name=FORMAT,
            extension=EXTENSION,
            media_type="application/json",
            description="IPTC ninjs 3.1: each article and photo as a ninjs JSON object (a file per item)",
            writer="bulletin_convert_ninjs.writer:write",
            options=OPTIONS,
        )
    ]


@hookimpl
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    if exporter.name != FORMAT:
        return None
    from convert_core.exportkit import file_problems_of

    from .validation import data_problems

    return file_problems_of(paths, lambda path: data_problems(path.read_bytes()))
