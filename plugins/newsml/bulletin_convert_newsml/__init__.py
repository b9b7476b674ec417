"""The IPTC NewsML-G2 exporter (``--to newsml``).

A page becomes one ``newsMessage``: a ``packageItem`` for the page (``ninat:composite``,
its items in reading order) and a ``newsItem`` per article (``ninat:text``) and per
stand-alone photo (``ninat:picture``), valid against the NewsML-G2 2.35 All-Power XML
Schema shipped in ``schemas/``. ``--newsml-per-item`` writes each item to a file of its own.

This module only registers the format: the writer (lxml, pypinyin) is imported when the
format is used, and the validator when ``convert --validate`` asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Exporter, ExporterOption, hookimpl
from convert_core.exporters import GUID_AUTHORITY_OPTION, RIGHTS_OPTIONS

FORMAT = "newsml"
EXTENSION = ".newsml.xml"
MEDIA_TYPE = "application/vnd.iptc.g2.newsmessage+xml"

OPTIONS = (
    ExporterOption(
        "newsml-per-item",
        "write the page's packageItem and each newsItem to a file of its own instead of one newsMessage",
        "bool",
        False,
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
            media_type=MEDIA_TYPE,
            description="IPTC NewsML-G2 2.35: a newsMessage with a packageItem for the page and a newsItem per item",
            writer="bulletin_convert_newsml.writer:write",
            options=OPTIONS,
        )
    ]


@hookimpl
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    if exporter.name != FORMAT:
        return None
    from convert_core.exportkit import file_problems_of

    from .validation import problems

    return file_problems_of(paths, lambda path: problems(path.read_bytes()))
