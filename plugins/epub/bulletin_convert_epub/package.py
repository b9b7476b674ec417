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

from ebooklib import epub

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
    writer = epub.EpubWriter("", book, {**WRITER_OPTIONS, "mtime": utc, "landmark_title": landmarks})
    entries = Entries()
    writer.out = entries
    writer.process()
    writer._write_container()
    writer._write_opf()
    writer._write_items()
    files = [("mimetype", MIMETYPE, False)]
    files.extend((name, data, True) for name, data in entries.files if name != "mimetype")
    return deterministic_zip(files, when)
