"""The Markdown writer of the example plugin: imported only when the format is used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convert_core import Article, Document, Figure, Paragraph, Photo, Quote, Subhead, UsageError
from convert_core.exportkit import article_title, byline_line, credit_line, photo_title


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line or inline."""
    text = text.replace("\\", "\\\\")
    for mark in "*_`[]<>#|":
        text = text.replace(mark, "\\" + mark)
    return " ".join(text.split())


def _article(article: Article, level: int, language: str) -> list[str]:
    hashes = "#" * level
    out: list[str] = []
    if article.column:
        out.append(f"*{_escape(article.column)}*")
        out.append("")
    if article.kicker:
        out.append(f"**{_escape(article.kicker)}**")
        out.append("")
    out.append(f"{hashes} {_escape(article_title(article, language))}")
    out.append("")
    if article.subheadline:
        out.append(f"**{_escape(article.subheadline)}**")
        out.append("")
    credit = byline_line(article, language)
    if credit:
        out.append(f"*{_escape(credit)}*")
        out.append("")
    for block in article.body:
        if isinstance(block, Paragraph):
            if block.note:  # an editor's note, where it was printed
                out.append(f"*{_escape(block.text)}*")
            elif block.lead and block.text.startswith(block.lead):
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


def _photo(photo: Photo, language: str) -> list[str]:
    lines = [f"> {_escape(text)}" for text in photo.caption] or [f"> {photo_title(photo, language)}"]
    credit = credit_line(photo, language)
    if credit:
        lines.append(f"> — {_escape(credit)}")
    return [*lines, ""]


def write(document: Document, options: Mapping[str, Any]) -> bytes:
    """The page as Markdown."""
    given = options.get("md_heading_level")
    level = 2 if given is None else int(given)  # 0 is refused below, never taken as the default
    if not 1 <= level <= 5:
        raise UsageError("--md-heading-level must be between 1 and 5")
    out = [f"{'#' * (level - 1)} {_escape(document.title)}".strip() if level > 1 else "", ""]
    for item in document.items:
        language = document.metadata.language
        out.extend(_article(item, level, language) if isinstance(item, Article) else _photo(item, language))
    return ("\n".join(out).strip() + "\n").encode("utf-8", "replace")
