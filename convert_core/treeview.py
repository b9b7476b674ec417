"""``convert inspect``: a parsed page as a readable tree, with the reader's diagnostics."""

from __future__ import annotations

from .model import Article, Document, Figure, Paragraph, Photo, Quote, Subhead, Unclassified
from .terminal import printable


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut in the middle (``head…tail``) to about ``width``
    characters; ``width`` 0 never cuts."""
    text = " ".join(text.split())
    if width <= 0 or len(text) <= width:
        return text
    half = max(4, (width - 1) // 2)
    return f"{text[:half]}…{text[-half:]}"


def _people(people: list) -> str:  # type: ignore[type-arg]
    return ", ".join(f"{person.role} {person.name}" for person in people)


def _span(item: Article | Photo) -> str:
    if not item.lines:
        return ""
    first, last = item.lines
    return f"line {first}" if first == last else f"lines {first}-{last}"


def render_tree(document: Document, *, width: int = 60, diagnostics: bool = True) -> str:
    """The document as an indented tree; ``width`` cuts long texts (0: never)."""
    meta = document.metadata
    source = meta.source
    head = [source.name or "<stdin>"]
    if source.encoding or source.lines is not None:
        head.append(
            f"({', '.join(part for part in (source.encoding, f'{source.lines} lines' if source.lines is not None else None) if part)})"
        )
    out = [" ".join(head)]
    date = meta.edition_date or "date unknown"
    if meta.date_source and meta.edition_date:
        date += f" ({meta.date_source})"
    edition = [meta.publication or "publication unknown", date]
    if meta.page:
        edition.append(f"page {meta.page}")
    if meta.section:
        edition.append(meta.section)
    edition.append(meta.language)
    out.append("  " + " · ".join(edition))
    if meta.staff:
        out.append(f"  staff: {_people(meta.staff)}")
    articles, photos = len(document.articles), len(document.photos)
    out.append(f"  {_count(len(document.items), 'item')}: {_count(articles, 'article')}, {_count(photos, 'photo')}")
    for number, item in enumerate(document.items, start=1):
        last = number == len(document.items)
        branch, pad = ("└─", "   ") if last else ("├─", "│  ")
        out.append(f"{branch} [{number}] {item.type} {item.id}  {_span(item)}".rstrip())
        for label, value in _fields(item, width):
            out.append(f"{pad}  {label:<12}{value}")
    if document.furniture:
        out.append("furniture:")
        for piece in document.furniture:
            out.append(f"  line {piece.line}: {piece.kind:<13} {shorten(piece.text, width)}")
    if diagnostics and document.diagnostics:
        warnings = len(document.warnings())
        out.append(f"diagnostics: {len(document.diagnostics)} ({warnings} warning{'s' if warnings != 1 else ''})")
        for diag in document.diagnostics:
            where = f"line {diag.line}" if diag.line else "page"
            out.append(f"  {where:<10}{diag.severity:<8}{diag.code}: {diag.message}")
    return "\n".join(printable(line) for line in out) + "\n"  # a field cannot drive the terminal


def _fields(item: Article | Photo, width: int) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    if isinstance(item, Article):
        for label in ("column", "kicker", "headline", "subheadline", "dateline"):
            value = getattr(item, label)
            if value:
                fields.append((label, value))
        if not item.headline:
            fields.append(("headline", "(none)"))
        if item.bylines:
            fields.append(("bylines", _people(item.bylines)))
        if item.sources:
            fields.append(("sources", "、".join(item.sources)))
        paragraphs = len(item.paragraphs)
        fields.append(("body", f"{_count(paragraphs, 'paragraph')}, {_count(len(item.body), 'block')}"))
        number = 0
        for block in item.body:
            if isinstance(block, Paragraph):
                number += 1
                lead = f" [lead: {block.lead}]" if block.lead else ""
                note = " [editor's note]" if block.note else ""
                fields.append((f"  ¶{number}", shorten(block.text, width) + lead + note))
            elif isinstance(block, Subhead):
                fields.append(("  subhead", shorten(block.text, width)))
            elif isinstance(block, Quote):
                fields.append(("  quote", shorten(block.text, width)))
            elif isinstance(block, Figure):
                fields.append(("  figure", shorten(" ".join(block.caption), width) + f" ({_people(block.credits)})"))
            elif isinstance(block, Unclassified):
                fields.append(("  ?", shorten(block.text, width)))
        for note in item.notes:
            fields.append(("note", shorten(note, width)))
    else:
        if item.title:
            fields.append(("title", item.title))
        if item.label:
            fields.append(("label", item.label))
        for index, caption in enumerate(item.caption, start=1):
            fields.append((f"caption {index}", shorten(caption, width)))
        if item.credits:
            fields.append(("credits", _people(item.credits)))
    return fields


def render_line_roles(roles: list, *, width: int = 60) -> str:  # type: ignore[type-arg]
    """``inspect --lines``: one row per line: number, role (and the rules' reading when
    the model differs), confidence, text and the features that weighed most."""
    from .reader.roles import rule_label

    out = ["lines (role · model confidence · text · strongest features):"]
    for entry in roles:
        role = entry.role if entry.role == rule_label(entry.rule) else f"{entry.role} (rules: {rule_label(entry.rule)})"
        confidence = "   -" if entry.confidence is None else f"{entry.confidence:4.2f}"
        reasons = ", ".join(f"{name} {weight:+.1f}" for name, weight in entry.reasons[:4])
        out.append(f"  {entry.line:>5} {role:<28} {confidence}  {shorten(entry.text, width)}")
        if reasons:
            out.append(f"        {'':<28}       {reasons}")
    return "\n".join(out) + "\n"


def _count(number: int, noun: str) -> str:
    """``1 item``, ``2 items``, ``0 photos``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
