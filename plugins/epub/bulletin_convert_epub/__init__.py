"""EPUB 3 exporter of bulletin-convert: a readable e-book of a newspaper page or edition.

This module only registers the format; the writer (ebooklib, lxml) is imported when an
EPUB is actually written, and EPUBCheck (Java) only runs for ``convert --validate``.
Licensed AGPL-3.0-or-later, because ebooklib is (see ``LICENSE``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convert_core import Exporter, ExporterOption, hookimpl
from convert_core.exporters import RIGHTS_OPTIONS

FORMAT = "epub"

OPTIONS = (
    ExporterOption("epub-title", "title of the e-book (default: publication, date and page, or the lead headline)"),
    ExporterOption("epub-identifier", "dc:identifier of the e-book (default: a urn:uuid derived from the content)"),
    ExporterOption("epub-css", "stylesheet to use instead of the built-in one", type="path"),
    *RIGHTS_OPTIONS,  # dc:rights
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name=FORMAT,
            extension=".epub",
            media_type="application/epub+zip",
            description="EPUB 3 e-book: title page, a chapter per article, captioned photos, nav and NCX (--bundle: an edition)",
            writer="bulletin_convert_epub.writer:write",
            combine="bulletin_convert_epub.writer:combine",
            options=OPTIONS,
        )
    ]


@hookimpl
def validate_output(exporter: Exporter, paths: Sequence[Path], options: Mapping[str, Any]) -> list[str] | None:
    """EPUBCheck's errors and warnings for the books just written (``None`` for other
    formats, or when EPUBCheck or Java is not installed)."""
    if exporter.name != FORMAT:
        return None
    from .validate import EpubCheckUnavailable, problems

    try:
        return problems(paths)
    except EpubCheckUnavailable:
        return None
