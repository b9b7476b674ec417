"""The EPUB writers: :func:`write` (one page) and :func:`combine` (an edition, ``--bundle``).

Book layout (all files under ``EPUB/``)::

    p01-title.xhtml         the page's title page (publication, date, page, staff)
    nav.xhtml               EPUB 3 navigation (in the spine, as the contents page)
    p01-001.xhtml …         one document per article (with the photos linked to it, after its
                            text), or per run of stand-alone photos (a gallery shares a page),
                            in reading order; NNN is the item number
    toc.ncx                 NCX for EPUB 2 readers
    style.css               the stylesheet

A bundle starts with ``edition.xhtml`` (the edition's title page) and has one section
per page: ``p01-…``, ``p02-…``, each opened by its title page and nested in the nav.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ebooklib import epub

from convert_core.errors import UsageError, reason
from convert_core.exportkit import rights_of, stories
from convert_core.model import Article, Document, Item, Photo
from convert_core.values import option_file

from . import metadata, xhtml
from .package import Content, pack
from .text import labels, language_tag, shown

NAV_FILE = "nav.xhtml"


@functools.cache
def default_stylesheet() -> bytes:
    """The built-in stylesheet (read once per process)."""
    return resources.files(__package__).joinpath("style.css").read_bytes()


def _stylesheet(options: Mapping[str, Any]) -> bytes:
    path = options.get("epub_css")
    if not path:
        return default_stylesheet()
    try:
        found = Path(os.path.realpath(path))  # resolve() raises RuntimeError on a loop of links
        info = found.stat()
    except OSError as exc:
        raise UsageError(f"--epub-css {path}: cannot read: {reason(exc)}") from None
    return _user_stylesheet(str(path), (str(found), info.st_mtime_ns, info.st_size))


@functools.lru_cache(maxsize=8)
def _user_stylesheet(path: str, version: tuple[str, int, int]) -> bytes:
    """A user's style sheet, once it is known to keep the book valid: read and checked
    once per process, not per book (again if the file changes: ``version`` is its resolved
    path, time and size)."""
    from .stylesheet import StylesheetProblem, check_stylesheet

    data = option_file("--epub-css", path)  # a regular file of bounded size: never a FIFO or /dev/zero
    try:
        return check_stylesheet(data).encode("utf-8")
    except StylesheetProblem as problem:
        raise UsageError(f"--epub-css {path}: {problem}; the book would not be valid EPUB") from None


def _runs(document: Document) -> list[list[tuple[int, Item]]]:
    """The page's items as runs of ``(number, item)``, each run one page of the book: an
    article with the photos linked to it (:func:`~convert_core.exportkit.stories`), or
    consecutive stand-alone photos (a gallery)."""
    runs: list[list[tuple[int, Item]]] = []
    items = document.items
    for story in stories(document):
        item = items[story.index]
        if isinstance(item, Photo) and runs and isinstance(runs[-1][0][1], Photo):  # a gallery goes on
            runs[-1].append((story.index + 1, item))
        else:
            runs.append([(index + 1, items[index]) for index in (story.index, *story.photos)])
    return runs


def _page_items(book: epub.EpubBook, document: Document, number: int) -> tuple[Content, list[Content], list[Any]]:
    """Add one page's title page and item documents to ``book``: returns the title page,
    the documents in reading order and the page's contents entries (one per article and
    stand-alone photo; a photo linked to a story is part of the story's page)."""
    language = language_tag(document.metadata.language)
    prefix = f"p{number:02d}"
    title = shown(document.title, labels(language)["untitled"])
    opener = book.add_item(
        Content(f"{prefix}-title", f"{prefix}-title.xhtml", title, language, xhtml.title_page(document, language))
    )
    pages: list[Content] = []
    entries: list[Any] = []
    for run in _runs(document):
        first, head = run[0]
        uid = f"{prefix}-{first:03d}"
        if isinstance(head, Article):
            pictures = [(photo, f"{prefix}-{n:03d}") for n, photo in run[1:] if isinstance(photo, Photo)]
            body = xhtml.article_page(head, language, pictures)
            page = Content(uid, f"{uid}.xhtml", xhtml.article_label(head, language), language, body)
            entries.append(page)
        else:
            photos = [item for _, item in run if isinstance(item, Photo)]
            anchors = [f"{prefix}-{n:03d}" for n, _ in run]
            heading = xhtml.photo_label(head, language) if len(photos) == 1 else xhtml.photos_heading(photos, language)
            page = Content(uid, f"{uid}.xhtml", heading, language, xhtml.photos_page(photos, anchors, language))
            if len(photos) == 1:
                entries.append(page)
            else:
                entries.extend(
                    epub.Link(f"{page.file_name}#{anchor}", xhtml.photo_label(photo, language), f"nav-{anchor}")
                    for photo, anchor in zip(photos, anchors)
                )
        pages.append(book.add_item(page))
    return opener, pages, entries


def _set_metadata(book: epub.EpubBook, documents: Sequence[Document], title: str, options: Mapping[str, Any]) -> None:
    book.set_identifier(shown(options.get("epub_identifier"), "") or metadata.identifier(documents))
    book.set_title(title)
    languages = [language_tag(document.metadata.language) for document in documents]
    for language in dict.fromkeys(languages):
        book.set_language(language)
    book.language = languages[0]
    for publisher in metadata.publishers(documents):
        book.add_metadata("DC", "publisher", publisher)
    date = metadata.edition_date(documents)
    if date:
        book.add_metadata("DC", "date", date)
    for subject in metadata.subjects(documents):
        book.add_metadata("DC", "subject", subject)
    rights = rights_of(documents[0], options)
    if statement := " ".join(part for part in (rights.notice, rights.usage_terms) if part):
        book.add_metadata("DC", "rights", statement)
    creators, contributors = metadata.people(documents)
    for kind, persons in (("creator", creators), ("contributor", contributors)):
        for number, person in enumerate(persons, start=1):
            uid = f"{kind}{number}"
            book.add_metadata("DC", kind, person.name, {"id": uid})
            for role in person.roles:
                book.add_metadata(
                    None, "meta", role, {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"}
                )


def build(documents: Sequence[Document], options: Mapping[str, Any], *, bundle: bool) -> bytes:
    """The EPUB of ``documents``: one page, or an edition with one section per page."""
    if not documents:
        raise UsageError("no page to put in the e-book")
    language = language_tag(documents[0].metadata.language)
    title = shown(options.get("epub_title"), "") or metadata.book_title(documents, language)
    book = epub.EpubBook()
    _set_metadata(book, documents, title, options)

    spine: list[Any] = []
    toc: list[Any] = []
    if bundle:
        pages = [
            (shown(doc.title, labels(language)["untitled"]), f"p{n:02d}-title.xhtml")
            for n, doc in enumerate(documents, 1)
        ]
        edition = Content("edition", "edition.xhtml", title, language, xhtml.edition_page(title, pages, language))
        spine.append(book.add_item(edition))
    for number, document in enumerate(documents, start=1):
        opener, pages, entries = _page_items(book, document, number)
        spine.append(opener)
        spine.extend(pages)
        if not bundle:
            toc.extend(entries or [opener])
        elif entries:
            toc.append((epub.Section(opener.title, href=opener.file_name), entries))
        else:
            toc.append(opener)
    book.toc = toc

    nav = epub.EpubNav(file_name=NAV_FILE, title=labels(language)["contents"])
    nav.add_link(href=xhtml.STYLESHEET, rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    added: set[str] = set()
    for document in documents:  # the pictures of PDF pages, each once, named by content
        for image in document.images():
            if image.data is not None and image.href not in added:
                added.add(image.href)
                uid = "img-" + image.href.rsplit("/", 1)[-1].replace(".", "-")
                book.add_item(
                    epub.EpubItem(uid=uid, file_name=image.href, media_type=image.media_type, content=image.data)
                )
    book.add_item(
        epub.EpubItem(uid="style", file_name=xhtml.STYLESHEET, media_type="text/css", content=_stylesheet(options))
    )
    spine.insert(1, "nav")  # the contents page follows the first title page
    book.spine = spine
    first = spine[2] if len(spine) > 2 else spine[0]
    book.guide = [
        {"href": NAV_FILE, "title": labels(language)["contents"], "type": "toc"},
        {"href": first.file_name, "title": first.title, "type": "text"},
    ]
    return pack(book, metadata.modified(documents), labels(language)["landmarks"])


def write(document: Document, options: Mapping[str, Any]) -> bytes:
    """One page as an EPUB 3 book."""
    return build([document], options, bundle=False)


def combine(documents: Sequence[Document], options: Mapping[str, Any]) -> bytes:
    """Several pages (an edition) as one EPUB 3 book, one section per page."""
    return build(list(documents), options, bundle=True)
