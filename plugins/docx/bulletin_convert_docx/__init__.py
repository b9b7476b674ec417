"""The DOCX exporter: an editable Word document with named styles and Chinese typography.

This module only describes the format; the writer (python-docx, lxml) is imported
when the format is used (``bulletin_convert_docx.writer:write``) and the validator
(openxml-audit) when ``convert --validate`` checks a DOCX. See docs/formats/docx.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Exporter, ExporterOption, hookimpl

FORMAT = "docx"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

OPTIONS = (
    ExporterOption(
        "reference-docx",
        "take styles and page setup from this Word file (its styles win; missing ones are added)",
        "path",
    ),
    ExporterOption("docx-toc", "start the document with a table of contents (a Word TOC field)", "bool", False),
    ExporterOption(
        "docx-split", "one document per page, or one per article/photo", "choice", "page", ("page", "article")
    ),
    ExporterOption(
        "docx-article-break", "separate articles by space or by page breaks", "choice", "space", ("space", "page")
    ),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name=FORMAT,
            extension=".docx",
            media_type=MEDIA_TYPE,
            description="editable Word document: named styles, East Asian fonts, zh-CN language",
            writer="bulletin_convert_docx.writer:write",
            options=OPTIONS,
        )
    ]


@hookimpl
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    if exporter.name != FORMAT:
        return None
    from convert_core.exportkit import file_problems_of

    from .validate import problems

    return file_problems_of(paths, problems)
