"""bulletin-convert: newspaper pages as plain text to a normalized news document model,
exported through pluggy plugins as JSON, NewsML-G2, ninjs, EPUB 3 and DOCX.

The library in five names::

    import convert_core
    doc = convert_core.parse(Path("page.txt"))          # or bytes, or str text
    convert_core.export(doc, "docx", "out/")             # files, written atomically
    data = convert_core.export_bytes(doc, "json")        # bytes of one file
    convert_core.available_formats()                     # installed exporters

Plugins implement the hooks in :mod:`convert_core.hookspecs` with :data:`hookimpl`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import (
    apply_overrides,
    available_formats,
    export,
    export_bytes,
    parse,
    parse_pages,
    render,
    render_many,
    write_images,
)
from .errors import ConvertError, InputError, OutputError, PluginError, UsageError, ValidationFailed
from .exporters import Exporter, ExporterOption
from .hookspecs import hookimpl
from .model import (
    Article,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    Furniture,
    Metadata,
    Paragraph,
    Photo,
    Quote,
    Source,
    Subhead,
    Unclassified,
)
from .plugins import PluginRegistry, get_registry

__all__ = [
    "Article",
    "Contributor",
    "ConvertError",
    "Diagnostic",
    "Document",
    "Exporter",
    "ExporterOption",
    "Figure",
    "Furniture",
    "InputError",
    "Metadata",
    "OutputError",
    "Paragraph",
    "Photo",
    "PluginError",
    "PluginRegistry",
    "Quote",
    "Source",
    "Subhead",
    "Unclassified",
    "UsageError",
    "ValidationFailed",
    "__version__",
    "apply_overrides",
    "available_formats",
    "export",
    "export_bytes",
    "get_registry",
    "hookimpl",
    "parse",
    "parse_pages",
    "render",
    "render_many",
    "write_images",
]
