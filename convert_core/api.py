"""The library API: parse a page, export a document, list the formats.

>>> import convert_core
>>> doc = convert_core.parse(Path("page.txt"), publication="平顶山日报")   # doctest: +SKIP
>>> convert_core.export(doc, "docx", "out/")                           # doctest: +SKIP
>>> data = convert_core.export_bytes(doc, "json")                       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import jsonform
from .errors import InputError, OutputError, PluginError, StrictModeError, UsageError, exhausted, reason
from .exporters import Exporter, Output
from .model import Diagnostic, Document, ImageRef
from .output import atomic_write, inside, item_paths, page_stem, real_directory, safe_name, single_output
from .plugins import PluginRegistry, get_registry, plugin_call
from .reader import MAX_INPUT_BYTES, MAX_ITEMS, ReaderOptions, check_size, read_bytes, read_text
from .terminal import printable
from .values import file_name, iso_date, language_tag, metadata_text, page_list

PathLike = str | os.PathLike[str]


def _given(value: Any, kinds: type | tuple[type, ...], what: str, expected: str) -> None:
    """A :class:`UsageError` when an argument of a public function is not of ``kinds``
    (``result must be bytes or a mapping of file names to bytes, not int``): a wrong type
    was an ``AttributeError`` or ``TypeError`` from deep inside, an internal error."""
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise UsageError(f"{what} must be {expected}, not bool")
    if not isinstance(value, kinds):
        raise UsageError(f"{what} must be {expected}, not {type(value).__name__}")


def _document(document: Any) -> None:
    _given(document, Document, "document", "a Document")


def _fsync(fsync: Any) -> None:
    if fsync is not None:
        _given(fsync, bool, "fsync", "True, False or None")


def _folder(destination: Any) -> None:
    _given(destination, (str, os.PathLike), "destination", "a folder's path")


def apply_overrides(
    document: Document,
    *,
    publication: str | None = None,
    date: str | dt.date | None = None,
    page: str | int | None = None,
    section: str | None = None,
    language: str | None = None,
) -> Document:
    """Set edition metadata given by the user (it wins over what the reader found)."""
    _document(document)
    if page is not None:  # (a list was stored as its repr, page "[1]")
        _given(page, (str, int), "page", "text or a whole number")
    meta = document.metadata
    if publication is not None and (publication := metadata_text(publication, "publication")):
        meta.publication = publication
    if date:
        meta.edition_date, meta.date_source = iso_date(date), "option"
    if page is not None and (page := metadata_text(str(page), "page")):
        meta.page = page
    if section is not None and (section := metadata_text(section, "section")):
        meta.section = section
    if language:
        meta.language = language_tag(language)
    return document


def parse(
    source: PathLike | bytes | str,
    *,
    name: str | None = None,
    input_format: str = "auto",
    publication: str | None = None,
    date: str | dt.date | None = None,
    page: str | int | None = None,
    section: str | None = None,
    language: str | None = None,
    punctuation: str = "auto",
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_items: int = MAX_ITEMS,
    model: str | os.PathLike[str] | None = None,
    pages: str | None = None,
    max_pages: int | None = None,
    transform: bool = True,
    registry: PluginRegistry | None = None,
) -> Document:
    """Read a page into a :class:`~convert_core.model.Document`.

    :param source: a :class:`pathlib.Path` (or other ``os.PathLike``) to read, the
        page's ``bytes`` (encoding detected), or its text as ``str``
    :param input_format: ``"text"`` (a page), ``"json"`` (our JSON form, e.g. a
        corrected parse), ``"pdf"``, ``"alto"`` (ALTO XML) or ``"auto"``: told by content
        (``%PDF-``, an ALTO root element, JSON that names a ``schema_version``) and by
        the ``*.json`` extension, else text
    :param publication, date, page, section, language: metadata that overrides
        what the reader found (``date`` as ``YYYY-MM-DD``)
    :param punctuation: ``"auto"``, ``"full"`` or ``"keep"`` (half-width marks)
    :param encoding: force the input encoding
    :param max_bytes, max_items: limits; larger inputs are refused with an ``InputError``
    :param model: the reader's role model file (a ``convert train`` result; default: the
        model shipped with the reader; ``"none"``: the hand-written rules alone)
    :param pages: for a PDF or an ALTO file, the page to read (``"3"``; default the first);
        :func:`parse_pages` reads several
    :param transform: run the plugins' ``transform_document`` hooks
    :raises InputError: the input cannot be read (exit code 3 on the command line)
    """
    documents = parse_pages(
        source,
        name=name,
        input_format=input_format,
        publication=publication,
        date=date,
        page=page,
        section=section,
        language=language,
        punctuation=punctuation,
        encoding=encoding,
        max_bytes=max_bytes,
        max_items=max_items,
        model=model,
        pages=pages or "1",
        max_pages=max_pages,
        transform=transform,
        registry=registry,
    )
    return next(iter(documents))


_INPUT_FORMATS = ("auto", "text", "json", "pdf", "alto")


def parse_pages(
    source: PathLike | bytes | str,
    *,
    name: str | None = None,
    input_format: str = "auto",
    publication: str | None = None,
    date: str | dt.date | None = None,
    page: str | int | None = None,
    section: str | None = None,
    language: str | None = None,
    punctuation: str = "auto",
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_items: int = MAX_ITEMS,
    model: str | os.PathLike[str] | None = None,
    pages: str | None = None,
    max_pages: int | None = None,
    transform: bool = True,
    registry: PluginRegistry | None = None,
) -> Iterator[Document]:
    """Read every page of an input, one :class:`Document` at a time: each chosen page of
    a PDF (``pages`` such as ``"3-5"``, default all, at most ``max_pages``), or the one
    page of any other input. Arguments as :func:`parse`."""
    for what, limit in (("max_bytes", max_bytes), ("max_items", max_items)):
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            # (as --max-bytes: -1 was "over the limit of -1", an input error; None a TypeError)
            raise UsageError(f"{what} must be a whole number of at least 0, not {limit!r}")
    if name is not None and not isinstance(name, str):
        raise UsageError(f"name must be text, not {type(name).__name__}")
    if model is not None and not isinstance(model, str | os.PathLike):
        raise UsageError(f"model must be a file name, not {type(model).__name__}")
    if not isinstance(transform, bool):
        raise UsageError(f"transform must be True or False, not {type(transform).__name__}")
    _registry_of(registry)  # a wrong one named before the page is read
    if input_format not in _INPUT_FORMATS:
        raise UsageError(f"input format must be {', '.join(_INPUT_FORMATS[:-1])} or alto, not {input_format!r}")
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 0):
        raise UsageError(f"max_pages must be a whole number of at least 0, not {max_pages!r}")
    if pages is not None and str(pages).strip():
        pages = page_list(pages)
    data: bytes | str
    if isinstance(source, os.PathLike):
        path = Path(source)
        name = name or path.name
        data = read_source(path, max_bytes)
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str):
        data = source
    else:
        raise UsageError(f"parse() takes a path, bytes or str, not {type(source).__name__}")
    name = source_name(name)
    input_format = input_kind(data, name, input_format)
    options = ReaderOptions(
        punctuation=punctuation,
        encoding=encoding,
        max_bytes=max_bytes,
        max_items=max_items,
        model=None if model is None else os.fspath(model),
    )
    overrides = {"publication": publication, "date": date, "page": page, "section": section, "language": language}
    for document in _read_documents(data, name, input_format, options, pages, max_pages):
        apply_overrides(document, **overrides)
        if transform:
            document = _registry_of(registry).transform(document, overrides)
        yield document


def _read_documents(
    data: bytes | str,
    name: str | None,
    input_format: str,
    options: ReaderOptions,
    pages: str | None,
    max_pages: int | None,
) -> Iterator[Document]:
    if input_format in ("pdf", "alto"):
        from .layout.read import MAX_PAGES, read_alto_pages, read_pdf

        raw = data.encode("utf-8") if isinstance(data, str) else data
        check_size(len(raw), options.max_bytes)
        # an empty one, as a page of text says it (it was "not a readable PDF (data format error)")
        if not raw.removeprefix(b"\xef\xbb\xbf").strip():
            raise InputError("input is empty (no page in it)")
        limit = MAX_PAGES if max_pages is None else max_pages  # 0 means 0, not the default
        read = read_pdf if input_format == "pdf" else read_alto_pages  # an ALTO file may hold an issue
        for document in read(raw, name=name, options=options, pages=pages, max_pages=limit):
            if (unused := _encoding_not_used(options.encoding, input_format)) is not None:
                document.diagnostics.append(unused)
            yield document
        return
    past_end = _one_page(pages, max_pages, "a document in JSON" if input_format == "json" else "a page of text")
    for document in _read_one(data, name, input_format, options):
        if past_end is not None:
            document.diagnostics.append(past_end)
        yield document


#: the diagnostics of an option given that did not apply to the page, which the command
#: line says as a warning naming the page (a batch in the page's line)
OPTION_NOT_APPLIED = ("pages-past-end", "encoding-not-used")


def options_not_applied(document: Document) -> list[str]:
    """What the options given asked of ``document``'s input that did not apply to it:
    ``--pages`` past its end, ``--encoding`` for a PDF or ALTO page."""
    return [d.message for d in document.diagnostics if d.code in OPTION_NOT_APPLIED]


def _encoding_not_used(encoding: str | None, input_format: str) -> Diagnostic | None:
    """A warning when ``encoding`` (``--encoding``) is given for a PDF or ALTO page, whose
    text is not bytes of an encoding (a PDF's fonts map its glyphs, an ALTO file's XML
    declares its own): it was ignored without a word, as ``--pages`` past the end was."""
    if encoding is None:
        return None
    kind = "a PDF (its text comes from its fonts)" if input_format == "pdf" else "an ALTO file (XML names its own)"
    return Diagnostic(
        "encoding-not-used",
        f"--encoding {encoding} does not apply to {kind}; ignored",
        severity="warning",
    )


def _one_page(pages: str | None, max_pages: int | None, what: str) -> Diagnostic | None:
    """``pages`` (``--pages``) and ``max_pages`` for an input of one page, checked as a
    PDF's are: none of the pages chosen the first is an :class:`InputError` (``page 2
    asked for (--pages 2), but a page of text has 1 page``), some past it a warning of the
    first page; ``max_pages=0`` refuses it — both were ignored there without a word."""
    if pages is None or not str(pages).strip():
        if max_pages == 0:  # (a page of text imports no layout engine)
            raise InputError(f"{what} has 1 page, over the limit of 0 (--max-pages); choose some with --pages")
        return None
    from .layout.read import pages_past_end
    from .layout.read import parse_pages as chosen_pages

    chosen_pages(pages, 1, 1 if max_pages is None else max_pages, what)
    return pages_past_end(pages, 1, what)


def _read_one(data: bytes | str, name: str | None, input_format: str, options: ReaderOptions) -> Iterator[Document]:
    if input_format == "json":
        check_size(len(data.encode("utf-8")) if isinstance(data, str) else len(data), options.max_bytes)
        if isinstance(data, bytes):
            encoding = options.encoding or jsonform.json_encoding(data)
            try:
                data = data.decode(encoding)
            except UnicodeDecodeError as exc:
                given = " (--encoding)" if options.encoding else ""
                raise InputError(
                    f"JSON input is not valid {jsonform.encoding_name(encoding)}{given} (byte {exc.start})"
                ) from None
        if not data.lstrip("\ufeff").strip():  # (it was "invalid JSON: Expecting value at line 1 column 1")
            raise InputError("input is empty (no document in it)")
        document = jsonform.loads(data)
        if len(document.items) > options.max_items:
            count = len(document.items)
            raise InputError(
                f"the document has {count:,} item{'' if count == 1 else 's'}, "
                f"over the limit of {options.max_items:,} (--max-items)"
            )
        yield document
    elif isinstance(data, bytes):
        yield read_bytes(data, name=name, options=options)
    else:
        yield read_text(data, name=name, options=options)


def input_kind(data: bytes | str, name: str | None = None, input_format: str = "auto") -> str:
    """How :func:`parse` reads an input: ``"pdf"``, ``"alto"`` (ALTO XML), ``"json"`` (our
    JSON form) or ``"text"`` (a page). ``"auto"`` tells by content first (``%PDF-``, an
    ALTO root element, JSON that names a ``schema_version``), then by a ``*.json`` name."""
    _given(data, (bytes, str), "data", "bytes or str")
    if name is not None:
        _given(name, str, "name", "text")
    if input_format not in _INPUT_FORMATS:
        raise UsageError(f"input format must be {', '.join(_INPUT_FORMATS[:-1])} or alto, not {input_format!r}")
    if input_format != "auto":
        return input_format
    head = data[:2048]
    if isinstance(head, bytes):
        if b"%PDF-" in data[:1024]:
            return "pdf"
        if b"<alto" in head and b"/alto" in head.lower():
            return "alto"
    elif "<alto" in head and "/alto" in head.lower():
        return "alto"
    named_json = bool(name) and name.lower().endswith(".json")  # type: ignore[union-attr]
    return "json" if named_json or jsonform.looks_like_document(data) else "text"


def source_name(name: str | None) -> str | None:
    """A file name as the document records it: bytes that are not UTF-8 (a name read from
    disk as surrogate escapes) become U+FFFD, control characters visible escapes, so the
    name is valid text in every output and reads back from our JSON."""
    if name is None:
        return None
    _given(name, str, "name", "text")
    if any("\ud800" <= char <= "\udfff" for char in name):
        name = name.encode("utf-8", "surrogateescape" if _only_escapes(name) else "replace").decode("utf-8", "replace")
    return printable(name)


def _only_escapes(name: str) -> bool:
    return all(not "\ud800" <= char <= "\udfff" or "\udc80" <= char <= "\udcff" for char in name)


def read_source(path: PathLike, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a page file, with a one-line :class:`InputError` for a missing,
    unreadable or oversized file. A regular file's size is checked before it is read;
    anything else (a FIFO, ``/dev/zero``, a process substitution) is read up to the limit
    and refused past it, never read without end."""
    _given(path, (str, os.PathLike), "path", "a file's path")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise UsageError(f"max_bytes must be a whole number of at least 0, not {max_bytes!r}")
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a page")
        if path.is_socket():  # open() says only "No such device or address"
            raise InputError(f"{path} is a socket, not a page file")
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise InputError(f"{path}: {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
            return read_limited(handle, max_bytes, str(path))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{path}: a symbolic link to a missing file ({os.readlink(path)})") from None
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise exhausted(exc) or InputError(f"{path}: cannot read: {reason(exc)}") from None


def read_limited(handle: Any, max_bytes: int, what: str) -> bytes:
    """Read ``handle`` (a binary file) to its end, refusing it once it holds more than
    ``max_bytes``: at most ``max_bytes + 1`` bytes are ever read. One system call at a
    time (``read1``): a buffered ``read(n)`` goes on reading until it has ``n`` bytes, so
    a signal that came between two of its reads of a pipe or FIFO (SIGTERM, Ctrl-C) was
    not acted on until a megabyte or the end came — the run waited on, for ever."""
    read = getattr(handle, "read1", handle.read)
    wait = _waiter(handle)
    chunks: list[bytes] = []
    total = 0
    while True:
        wait()
        chunk = read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{what}: more than {max_bytes:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")


#: How often a run waiting for a pipe's next bytes wakes to act on a signal (seconds).
PIPE_WAKE = 0.25


def _waiter(handle: Any) -> Callable[[], None]:
    """What waits, before each read of ``handle``, until it has bytes: for a pipe, FIFO or
    device, a ``select`` that wakes every :data:`PIPE_WAKE` seconds, so that a stopping
    signal the kernel gave another thread of the run (Python then runs its handler in the
    main thread only at its next bytecode) is acted on while the writer is silent — a read
    asleep in the kernel slept on, and SIGTERM left the run waiting (a flaky hang, one run
    in ten). A regular file, or a handle ``select`` cannot watch, is read at once."""
    import select

    try:
        descriptor = handle.fileno()
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return _at_once
        select.select([descriptor], [], [], 0)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return _at_once

    def wait() -> None:
        while not select.select([descriptor], [], [], PIPE_WAKE)[0]:
            pass

    return wait


def _at_once() -> None:
    """No wait (:func:`_waiter`)."""


def read_stdin(max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The page on standard input (``-``), up to ``max_bytes``; an :class:`InputError`
    when standard input is closed."""
    import sys

    if sys.stdin is None:
        raise InputError("standard input is closed; give the page as a file or pipe it in")
    try:
        return read_limited(sys.stdin.buffer, max_bytes, "standard input")
    except (OSError, ValueError) as exc:
        raise exhausted(exc) or InputError(
            f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}"
        ) from None


def strict_check(document: Document, item: str | None = None) -> None:
    """Refuse a document the reader had doubts about (``--strict``): a
    :class:`StrictModeError` naming the first doubt."""
    _document(document)
    if item is not None:
        _given(item, str, "item", "text")
    doubts = document.warnings()
    if doubts:
        first = doubts[0]
        where = f" (line {first.line})" if first.line else ""
        prefix = f"{item}: " if item and item != "-" else ""
        raise StrictModeError(
            f"{prefix}the reader had {len(doubts)} doubt(s); first: {first.code}{where}: {first.message}"
        )


def available_formats(registry: PluginRegistry | None = None) -> list[Exporter]:
    """The output formats of the installed plugins, sorted by name."""
    return list(_registry_of(registry).exporters().values())


def exporter_options(exporter: Exporter, options: Mapping[str, Any] | None) -> dict[str, Any]:
    """The options a writer receives: its defaults updated with ``options``.

    Keys may use dashes or underscores; a key the exporter does not know is an error
    naming the ones it does."""
    _given(exporter, Exporter, "exporter", "an Exporter")
    merged = exporter.option_defaults()
    known = {option.key: option for option in exporter.options}
    if options is not None and not isinstance(options, Mapping):
        raise UsageError(f"the options of format {exporter.name!r} are a mapping, not {type(options).__name__}")
    for key, value in (options or {}).items():
        normal = key.replace("-", "_")
        if normal not in known:
            names = ", ".join(option.name for option in exporter.options) or "none"
            raise UsageError(f"format {exporter.name!r} has no option {key!r} (its options: {names})")
        option = known[normal]
        if option.choices and value is not None and value not in option.choices:
            raise UsageError(f"option {option.name} of {exporter.name!r} must be one of {', '.join(option.choices)}")
        merged[normal] = value if value is None else _option_value(exporter, option, value)
    return merged


def _option_value(exporter: Exporter, option: Any, value: Any) -> Any:
    """A value the library was given for an exporter's option, held to what the command
    line lets through for its type: a bool, an int, text without control characters, a
    file name — a number given for a title reached the writer and failed as the plugin's
    error (exit 7), and a control character went into the output."""
    what = f"option {option.name} of {exporter.name!r}"
    kind = option.type
    if kind == "bool":
        if not isinstance(value, bool):
            raise UsageError(f"{what} must be True or False, not {type(value).__name__}")
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise UsageError(f"{what} must be a whole number, not {type(value).__name__}")
    elif kind == "path":
        if not isinstance(value, str | os.PathLike):
            raise UsageError(f"{what} must be a file name, not {type(value).__name__}")
        file_name(os.fspath(value))  # type: ignore[arg-type]
    elif kind == "str":
        return metadata_text(value, what)
    return value


def _registry_of(registry: Any) -> PluginRegistry:
    """``registry``, or the process-wide one for ``None``; anything else is a
    :class:`UsageError` (it was ``AttributeError: 'int' object has no attribute
    'transform'``, an internal error)."""
    if registry is None:
        return get_registry()
    if not isinstance(registry, PluginRegistry):
        raise UsageError(f"registry must be a PluginRegistry, not {type(registry).__name__}")
    return registry


def _exporter(format: str | Exporter, registry: PluginRegistry | None) -> Exporter:
    if isinstance(format, Exporter):
        return format
    if not isinstance(format, str):
        raise UsageError(f"a format is a name such as 'json', not {type(format).__name__}")
    return _registry_of(registry).exporter(format.strip().lower())


def render(
    document: Document,
    format: str | Exporter,
    options: Mapping[str, Any] | None = None,
    *,
    registry: PluginRegistry | None = None,
) -> Output:
    """Run one exporter: the bytes of one file, or ``{relative name: bytes}``.

    ``document`` is checked first (:func:`convert_core.shape.check_document`): a malformed one is a
    :class:`UsageError` naming the field, before any exporter runs."""
    _check_given(document)
    _registry_of(registry)
    return _render(document, format, options, registry)


def _render(
    document: Document, format: str | Exporter, options: Mapping[str, Any] | None, registry: PluginRegistry | None
) -> Output:
    """:func:`render` of a document known to be well formed (the reader's, one read from
    JSON, one a transform left and :meth:`PluginRegistry.transform` checked)."""
    exporter = _exporter(format, registry)
    with plugin_call(f"format {exporter.name!r} (plugin {exporter.plugin})", _PASSTHROUGH, verb="failed:"):
        writer = exporter.load_writer()
    return _run_writer(exporter, writer, document, options)


def render_many(
    documents: Sequence[Document],
    format: str | Exporter,
    options: Mapping[str, Any] | None = None,
    *,
    registry: PluginRegistry | None = None,
) -> Output:
    """Run an exporter's combining writer on several documents (an edition); each is
    checked first, as :func:`render` checks its one."""
    if not isinstance(documents, Sequence) or isinstance(documents, str | bytes):
        raise UsageError(f"documents must be a list of Document, not {type(documents).__name__}")
    for index, document in enumerate(documents):
        _check_given(document, f"documents[{index}]")
    _registry_of(registry)
    return _render_many(documents, format, options, registry)


def _render_many(
    documents: Sequence[Document],
    format: str | Exporter,
    options: Mapping[str, Any] | None,
    registry: PluginRegistry | None,
) -> Output:
    """:func:`render_many` of documents known to be well formed."""
    exporter = _exporter(format, registry)
    with plugin_call(f"format {exporter.name!r} (plugin {exporter.plugin})", _PASSTHROUGH, verb="failed:"):
        combine = exporter.load_combine()
    if combine is None:
        raise UsageError(f"format {exporter.name!r} cannot bundle several pages into one output")
    return _run_writer(exporter, combine, list(documents), options)


def _check_given(document: Any, what: str = "") -> None:
    """A :class:`UsageError` naming the first malformed field of a document built in
    Python (``malformed document: items[0].headline: expected a string, got int``): the
    types and shapes of its fields, the values the reader gives, and no control character
    or lone surrogate in its text (:func:`convert_core.shape.check_document`). A document
    handed to the library is the caller's: its faults were blamed on whichever exporter
    met them first (``format 'newsml' (plugin newsml) failed: AttributeError``, exit 7)."""
    from .shape import MalformedDocument
    from .shape import check_document as check_shape

    try:
        check_shape(document)
    except MalformedDocument as exc:
        where = ".".join(part for part in (what, exc.where) if part)
        raise UsageError(f"malformed document: {where + ': ' if where else ''}{exc.problem}") from None


def _run_writer(exporter: Exporter, writer: Any, argument: Any, options: Mapping[str, Any] | None) -> Output:
    """Call a writer with the merged options; its failures name the format and plugin.
    It is given a copy of the document (the documents): a writer that changed what it was
    given (``document.items.clear()``) changed the page for every format after it — an
    empty page written as JSON, exit 0 — and for the caller (pictures' bytes are shared,
    not copied: bytes cannot be changed)."""
    import copy

    merged = exporter_options(exporter, options)
    argument = copy.deepcopy(argument)
    with plugin_call(f"format {exporter.name!r} (plugin {exporter.plugin})", _PASSTHROUGH, verb="failed:"):
        result = writer(argument, merged)
    return _check_output(exporter, result)


#: Errors a writer may raise as they are (a bad option, an input it cannot take).
_PASSTHROUGH = (UsageError, InputError, OutputError)


def _check_output(exporter: Exporter, result: Any) -> Output:
    if isinstance(result, bytes | bytearray):
        return bytes(result)
    if isinstance(result, str):
        return result.encode("utf-8")
    if isinstance(result, dict) and all(
        isinstance(k, str) and isinstance(v, bytes | bytearray) for k, v in result.items()
    ):
        return {name: bytes(data) for name, data in result.items()}
    raise PluginError(
        f"format {exporter.name!r} (plugin {exporter.plugin}) returned {type(result).__name__}, "
        "not bytes or a mapping of file names to bytes"
    )


def export_bytes(
    document: Document,
    format: str | Exporter,
    options: Mapping[str, Any] | None = None,
    *,
    registry: PluginRegistry | None = None,
) -> bytes:
    """Export ``document`` and return the bytes of the single output file."""
    result = render(document, format, options, registry=registry)
    if isinstance(result, dict):
        raise UsageError(
            f"format {format if isinstance(format, str) else format.name!r} writes {len(result)} files with these "
            "options; use export() with a directory"
        )
    return result


def output_stem(document: Document) -> str:
    """The base name of a document's output files: the input's name without extension."""
    _document(document)
    return page_stem(document.metadata.source.name)


def write_output(
    exporter: Exporter, result: Output, destination: PathLike, stem: str, *, fsync: bool | None = None
) -> list[Path]:
    """Write a writer's result under ``destination``: ``<stem><ext>``, or the files of a
    mapping under ``<stem>/``; ``fsync`` as :func:`~convert_core.output.atomic_write`.
    Returns the paths written. Arguments of the wrong type are a :class:`UsageError`
    naming them, before anything is written."""
    _given(exporter, Exporter, "exporter", "an Exporter")
    _written(result)
    _folder(destination)
    _given(stem, str, "stem", "text")
    if not stem:
        raise UsageError("stem must not be empty")
    _fsync(fsync)
    if isinstance(result, bytearray):
        result = bytes(result)
    directory = Path(destination)
    try:
        if not stat.S_ISDIR(os.stat(directory).st_mode):  # one system call, not two
            raise OutputError(f"output {directory} exists and is not a directory")
    except OSError:
        pass  # missing: made when the first file is written
    if isinstance(result, bytes):
        path = single_output(directory, stem, exporter.extension)
        atomic_write(path, result, fsync=fsync)
        return [path]
    base = directory / safe_name(stem)
    real_directory(base)  # a planted link there must not send the files elsewhere
    paths = item_paths(base, result, f"format {exporter.name!r}")  # every name checked before a file is written
    for path, data in zip(paths, result.values()):
        atomic_write(path, data, fsync=fsync)
    return paths


def _written(result: Any) -> None:
    """A writer's result as :func:`write_output` takes it: bytes, or a mapping of relative
    file names to bytes (what :func:`render` returns)."""
    expected = "bytes or a mapping of file names to bytes (what render() returns)"
    _given(result, (bytes, bytearray, Mapping), "result", expected)
    if isinstance(result, Mapping):
        for name, data in result.items():
            if not isinstance(name, str) or not isinstance(data, bytes | bytearray):
                kinds = f"{type(name).__name__} {name!r}: {type(data).__name__}"
                raise UsageError(f"result must be {expected}; it holds {kinds[:120]}")


def write_images(document: Document, destination: PathLike, *, fsync: bool | None = None) -> list[Path]:
    """Write the picture files of ``document`` (PDF input) under ``destination``, at the
    ``href`` each :class:`~convert_core.model.ImageRef` names (``images/<sha256>.jpg``).
    A file already there with the same name has the same content (the name is its
    hash) and is left alone. Returns the paths written."""
    _check_given(document)
    _folder(destination)
    _fsync(fsync)
    return [path for path, _ in _write_images(document, destination, fsync=fsync)]


def _write_images(
    document: Document, destination: PathLike, *, fsync: bool | None, every: bool = False
) -> list[tuple[Path, ImageRef]]:
    """:func:`write_images`, each path written with its picture; ``every``: each picture
    the document uses, those already there too (once each) — a batch records them all as
    the page's outputs (a page whose pictures another page had written recorded none: its
    record said nothing of them, and the run could not tell which pictures were in use)."""
    written = []
    seen: set[Path] = set()
    for image in document.images():
        if image.data is None:
            continue
        path = inside(Path(destination), image.href)
        # the pictures' folder is the output folder's own: a link planted in its place
        # (images -> elsewhere) sent every picture outside it
        real_directory(path.parent, root=Path(destination))
        if path in seen:
            continue
        seen.add(path)
        if not _holds(path, image.data):  # named by its hash: the same picture, written before
            atomic_write(path, image.data, fsync=fsync)
        elif not every:
            continue
        written.append((path, image))
    return written


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``: a file of
    the same size was taken for the picture, whatever it held or wherever a link sent."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def export(
    document: Document,
    format: str | Exporter,
    destination: PathLike,
    options: Mapping[str, Any] | None = None,
    *,
    stem: str | None = None,
    registry: PluginRegistry | None = None,
) -> list[Path]:
    """Export ``document`` in ``format`` into the directory ``destination``.

    Files are written atomically; the names derive from the input's file name
    (``stem``). Returns the paths written."""
    if not isinstance(destination, str | os.PathLike):
        raise UsageError(f"destination must be a folder's path, not {type(destination).__name__}")
    if stem is not None and not isinstance(stem, str):
        raise UsageError(f"stem must be text, not {type(stem).__name__}")
    _check_given(document)  # before any exporter runs, and before any picture is written
    _registry_of(registry)
    exporter = _exporter(format, registry)
    result = _render(document, exporter, options, registry)
    images = [path for path, _ in _write_images(document, destination, fsync=None)]
    return images + write_output(exporter, result, destination, stem or output_stem(document))
