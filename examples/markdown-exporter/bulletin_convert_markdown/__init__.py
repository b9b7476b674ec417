"""An example bulletin-convert plugin: a Markdown exporter and a document transform."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from convert_core import Article, Document, Exporter, ExporterOption, hookimpl


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name="markdown",
            extension=".md",
            media_type="text/markdown",
            description="the page as Markdown (example third-party plugin)",
            writer="bulletin_convert_markdown.writer:write",  # imported only when used
            options=(ExporterOption("md-heading-level", "heading level of article titles (1-5, default 2)", "int", 2),),
        )
    ]


@hookimpl
def transform_document(document: Document, options: Mapping[str, Any]) -> Document | None:
    """With BULLETIN_MARKDOWN_DROP_EMPTY=1, drop articles that have no body."""
    if os.environ.get("BULLETIN_MARKDOWN_DROP_EMPTY") != "1":
        return None
    document.items = [item for item in document.items if not isinstance(item, Article) or item.body]
    return None
