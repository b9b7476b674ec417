"""An example bulletin-convert plugin: a Markdown exporter and a document transform."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from convert_core import Article, Document, Exporter, ExporterOption, Figure, Paragraph, Photo, Quote, Subhead, hookimpl
from convert_core.exportkit import byline_line, credit_line


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line or inline."""
    text = text.replace("\\", "\\\\")
    for mark in "*_`[]<>#|":
        text = text.replace(mark, "\\" + mark)
    return " ".join(text.split())


def _article(article: Article, level: int) -> list[str]:
    hashes = "#" * level
    out: list[str] = []
    if article.column:
        out.append(f"*{_escape(article.column)}*")
        out.append("")
    if article.kicker:
        out.append(f"**{_escape(article.kicker)}**")
        out.append("")
    out.append(f"{hashes} {_escape(article.headline) or '（无标题）'}")
    out.append("")
    if article.subheadline:
        out.append(f"**{_escape(article.subheadline)}**")
        out.append("")
    credit = byline_line(article)
    if credit:
        out.append(f"*{_escape(credit)}*")
        out.append("")
    for block in article.body:
        if isinstance(block, Paragraph):
            if block.lead:
                out.append(f"**{_escape(block.lead)}**{_escape(block.text[len(block.lead) :])}")
            else:
                out.append(_escape(block.text))
        elif isinstance(block, Subhead):
            out.append(f"{hashes}# {_escape(block.text)}")
        elif isinstance(block, Quote):
            out.append(f"> {_escape(block.text)}")
        elif isinstance(block, Figure):
            caption = " ".join(_escape(text) for text in block.caption)
            out.append(f"> 图：{caption}")
        else:
            out.append(_escape(getattr(block, "text", "")))
        out.append("")
    return out


def _photo(photo: Photo) -> list[str]:
    lines = [f"> {_escape(text)}" for text in photo.caption] or ["> 图片"]
    credit = credit_line(photo)
    if credit:
        lines.append(f"> — {_escape(credit)}")
    return [*lines, ""]


def write(document: Document, options: Mapping[str, Any]) -> bytes:
    """The page as Markdown."""
    level = int(options.get("md_heading_level") or 2)
    if not 1 <= level <= 5:
        from convert_core import UsageError

        raise UsageError("--md-heading-level must be between 1 and 5")
    out = [f"{'#' * (level - 1)} {_escape(document.title)}".strip() if level > 1 else "", ""]
    for item in document.items:
        out.extend(_article(item, level) if isinstance(item, Article) else _photo(item))
    return ("\n".join(out).strip() + "\n").encode("utf-8", "replace")


@hookimpl
def register_exporters() -> list[Exporter]:
    return [
        Exporter(
            name="markdown",
            extension=".md",
            media_type="text/markdown",
            description="the page as Markdown (example third-party plugin)",
            writer=write,
            options=(ExporterOption("md-heading-level", "heading level of article titles (1-5, default 2)", "int", 2),),
            binary=False,
        )
    ]


@hookimpl
def transform_document(document: Document, options: Mapping[str, Any]) -> Document | None:
    """With BULLETIN_MARKDOWN_DROP_EMPTY=1, drop articles that have no body."""
    if os.environ.get("BULLETIN_MARKDOWN_DROP_EMPTY") != "1":
        return None
    document.items = [item for item in document.items if not isinstance(item, Article) or item.body]
    return None
