"""The IPTC ninjs exporter (``--to ninjs``).

A page becomes a ``composite`` object holding its items, and each article (``type: text``)
and stand-alone photo (``type: picture``) an object of its own: a file each by default,
one JSON array of the items with ``--ninjs-array``. Pictures placed inside an article are
its ``associations``. ``--ninjs-version`` picks ninjs 3.1 (default), 2.2 or 1.6; output is
valid against IPTC's JSON Schema of that version, shipped in ``schemas/``.

This module only registers the format: the writer (pypinyin) is imported when the format
is used, and the validator (jsonschema) when ``convert --validate`` asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Exporter, ExporterOption, hookimpl
from convert_core.exporters import GUID_AUTHORITY_OPTION, RIGHTS_OPTIONS

from .versions import DEFAULT_VERSION, VERSIONS

FORMAT = "ninjs"
EXTENSION = ".ninjs.json"

OPTIONS = (
    ExporterOption(
        "ninjs-array",
        "write the page's items as one JSON array instead of a file each (and no page object)",
        "bool",
        False,
    ),
    ExporterOption(
        "ninjs-version",
        "ninjs version: 3.1 (default), 2.2, or 1.6 (the flat headline/body_html/byline names Superdesk reads)",
        "choice",
        DEFAULT_VERSION,
        VERSIONS,
    ),
    GUID_AUTHORITY_OPTION,
    *RIGHTS_OPTIONS,
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name=FORMAT,
            extension=EXTENSION,
            media_type="application/json",
            description="IPTC ninjs 3.1 (or 2.2, 1.6): the page and each article and photo as ninjs JSON objects",
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
