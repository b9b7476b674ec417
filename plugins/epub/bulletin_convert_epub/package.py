"""Assemble the book with ebooklib and pack it into a reproducible EPUB archive.

ebooklib writes the package document (metadata, manifest, spine), the EPUB 3 nav
document and the NCX. The content documents are the XHTML that :mod:`.xhtml` already
serialized with lxml: :class:`Content` hands those bytes over unchanged (ebooklib
would otherwise parse them again with an HTML parser, and drop an empty body).
Instead of ebooklib's own zip, which stamps the clock and compresses everything,
:func:`pack` collects the files ebooklib writes and zips them with
:func:`convert_core.exportkit.deterministic_zip`: ``mimetype`` first and stored, then
the files in a fixed order with one fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ebooklib import epub
from ebooklib.utils import parse_string
from lxml import etree

from convert_core.exportkit import deterministic_zip

MIMETYPE = b"application/epub+zip"
XHTML_TYPE = "application/xhtml+xml"
#: ebooklib writer options: no page list (it would re-parse every document), NCX play order.
WRITER_OPTIONS = {"epub3_pages": False, "play_order": {"enabled": True, "start_from": 1}}


class Content(epub.EpubHtml):
    """An XHTML content document serialized beforehand; ebooklib writes its bytes as they are."""

    def __init__(self, uid: str, file_name: str, title: str, language: str, data: bytes) -> None:
        # the media type given, ebooklib need not guess it from the name (mimetypes is slow)
        super().__init__(uid=uid, file_name=file_name, media_type=XHTML_TYPE, title=title, lang=language)
        self.content = data

    def get_content(self, default: bytes | None = None) -> bytes:
        return self.content


class _Writer(epub.EpubWriter):
    """ebooklib's writer with an NCX made in time linear in the contents' entries.

    ebooklib's own ``_get_ncx`` asks, for every entry, whether its parent already holds a
    ``content`` element (``find``, a walk of the parent's children): at the top of the
    ``navMap`` that walks every entry made before, so a page of 16,000 photos took 1.2 s
    in it alone. Here a section's ``content`` is kept as it is made. The document is the
    one ebooklib makes, element for element and byte for byte (ids, play order, labels,
    sources and the ``sep_N`` ids of sections that are no document)."""

    def _get_ncx(self) -> bytes:
        root = parse_string(self.book.get_template("ncx")).getroot()
        head = etree.SubElement(root, "head")
        etree.SubElement(head, "meta", {"content": self.book.uid, "name": "dtb:uid"})
        for name in ("dtb:depth", "dtb:totalPageCount", "dtb:maxPageNumber"):
            etree.SubElement(head, "meta", {"content": "0", "name": name})
        etree.SubElement(etree.SubElement(root, "docTitle"), "text").text = self.book.title
        play = self._play_order

        def point(parent: Any, uid: str, title: str, src: str) -> tuple[Any, Any]:
            made = etree.SubElement(parent, "navPoint", {"id": uid})
            if play["enabled"]:
                made.set("playOrder", str(play["start_from"]))
                play["start_from"] += 1
            etree.SubElement(etree.SubElement(made, "navLabel"), "text").text = title
            return made, etree.SubElement(made, "content", {"src": src})

        def section(parent: Any, content: Any, items: Any, uid: int) -> int:
            """``parent``'s entries; ``content`` its own ``content`` element (``None`` at the
            top); ``uid`` numbers a section that is no document, as ebooklib does."""
            for item in items:
                if isinstance(item, (tuple, list)):
                    head, entries = item[0], item[1]
                    if isinstance(head, epub.EpubHtml):
                        ident, src = head.get_id(), head.file_name
                    else:
                        ident = f"sep_{uid}"
                        src = head.href if isinstance(head, (epub.Section, epub.Link)) else ""
                    made, own = point(parent, ident, head.title, src)
                    uid = section(made, own, entries, uid + 1)
                elif isinstance(item, (epub.Link, epub.EpubHtml)):
                    if isinstance(item, epub.Link):
                        ident, src = item.uid, item.href
                    else:
                        ident, src = item.get_id(), item.file_name
                    if content is not None and content.get("src") == "":
                        content.set("src", src)
                    point(parent, ident, item.title, src)
            return uid

        section(etree.SubElement(root, "navMap"), None, self.book.toc, 0)
        return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)


@dataclass
class Entries:
    """Stands in for ebooklib's ``ZipFile``: keeps each written file, in order."""

    files: list[tuple[str, bytes]] = field(default_factory=list)

    def writestr(self, name: str, data: bytes | str, compress_type: int | None = None, **_: object) -> None:
        self.files.append((str(name), data.encode("utf-8") if isinstance(data, str) else bytes(data)))


def pack(book: epub.EpubBook, when: dt.datetime, landmarks: str = "Guide") -> bytes:
    """The EPUB archive of ``book``, byte for byte the same for the same book and time
    (``when``, aware: ``dcterms:modified`` gets it in UTC, the ZIP entries its wall-clock
    time); ``landmarks`` heads the (hidden) landmarks list of the nav document."""
    utc = when.astimezone(dt.UTC)
    writer = _Writer("", book, {**WRITER_OPTIONS, "mtime": utc, "landmark_title": landmarks})
    entries = Entries()
    writer.out = entries
    writer.process()
    writer._write_container()
    writer._write_opf()
    writer._write_items()
    files = [("mimetype", MIMETYPE, False)]
    files.extend((name, data, True) for name, data in entries.files if name != "mimetype")
    return deterministic_zip(files, when)
