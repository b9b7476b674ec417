"""The library API: parse a page, export a document, list the formats.

>>> import convert_core
>>> doc = convert_core.parse(Path("page.txt"), publication="平顶山日报")   # doctest: +SKIP
>>> convert_core.export(doc, "docx", "out/")                           # doctest: +SKIP
>>> data = convert_core.export_bytes(doc, "json")                       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import jsonform
from .errors import InputError, OutputError, PluginError, StrictModeError, UsageError
from .exporters import Exporter, Output
from .model import Document
from .output import atomic_write, inside, page_stem, safe_name, single_output
from .plugins import PluginRegistry, get_registry
from .reader import MAX_INPUT_BYTES, MAX_ITEMS, ReaderOptions, check_size, read_bytes, read_text

PathLike = str | os.PathLike[str]


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
    meta = document.metadata
    if publication:
        meta.publication = publication
    if date:
        iso = date.isoformat() if isinstance(date, dt.date) else str(date)
        try:
            dt.date.fromisoformat(iso)
        except ValueError:
            raise UsageError(f"date must be YYYY-MM-DD, not {iso!r}") from None
        meta.edition_date, meta.date_source = iso, "option"
    if page is not None and str(page).strip():
        meta.page = str(page).strip()
    if section:
        meta.section = section
    if language:
        if not re.fullmatch(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", language):
            raise UsageError(f"language must be a BCP 47 tag such as zh-CN, not {language!r}")
        meta.language = language
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
    transform: bool = True,
    registry: PluginRegistry | None = None,
) -> Document:
    """Read a page into a :class:`~convert_core.model.Document`.

    :param source: a :class:`pathlib.Path` (or other ``os.PathLike``) to read, the
        page's ``bytes`` (encoding detected), or its text as ``str``
    :param input_format: ``"text"`` (a page), ``"json"`` (our JSON form, e.g. a
        corrected parse) or ``"auto"`` (JSON for ``*.json`` files and for text that
        starts with ``{`` and names a ``schema_version``)
    :param publication, date, page, section, language: metadata that overrides
        what the reader found (``date`` as ``YYYY-MM-DD``)
    :param punctuation: ``"auto"``, ``"full"`` or ``"keep"`` (half-width marks)
    :param encoding: force the input encoding
    :param max_bytes, max_items: limits; larger inputs are refused with an ``InputError``
    :param transform: run the plugins' ``transform_document`` hooks
    :raises InputError: the input cannot be read (exit code 3 on the command line)
    """
    if input_format not in ("auto", "text", "json"):
        raise UsageError(f"input format must be auto, text or json, not {input_format!r}")
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
    input_format = input_kind(data, name, input_format)
    options = ReaderOptions(punctuation=punctuation, encoding=encoding, max_bytes=max_bytes, max_items=max_items)
    if input_format == "json":
        check_size(len(data.encode("utf-8")) if isinstance(data, str) else len(data), max_bytes)
        if isinstance(data, bytes):
            try:
                data = data.decode(encoding or "utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError(f"JSON input is not valid UTF-8 (byte {exc.start})") from None
        document = jsonform.loads(data)
    elif isinstance(data, bytes):
        document = read_bytes(data, name=name, options=options)
    else:
        document = read_text(data, name=name, options=options)
    overrides = {"publication": publication, "date": date, "page": page, "section": section, "language": language}
    apply_overrides(document, **overrides)
    if transform:
        document = (registry or get_registry()).transform(document, overrides)
    return document


def input_kind(data: bytes | str, name: str | None, input_format: str = "auto") -> str:
    """How :func:`parse` reads an input: ``"json"`` (our JSON form) or ``"text"`` (a page).
    ``"auto"`` means JSON for a ``*.json`` name and for data that starts with ``{`` and
    names a ``schema_version``."""
    if input_format != "auto":
        return input_format
    named_json = bool(name) and name.lower().endswith(".json")  # type: ignore[union-attr]
    return "json" if named_json or jsonform.looks_like_document(data) else "text"


def read_source(path: PathLike, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a page file, with a one-line :class:`InputError` for a missing,
    unreadable or oversized file (its size is checked before it is read)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a page")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def strict_check(document: Document, item: str | None = None) -> None:
    """Refuse a document the reader had doubts about (``--strict``): a
    :class:`StrictModeError` naming the first doubt."""
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
    return list((registry or get_registry()).exporters().values())


def exporter_options(exporter: Exporter, options: Mapping[str, Any] | None) -> dict[str, Any]:
    """The options a writer receives: its defaults updated with ``options``.

    Keys may use dashes or underscores; a key the exporter does not know is an error
    naming the ones it does."""
    merged = exporter.option_defaults()
    known = {option.key: option for option in exporter.options}
    for key, value in (options or {}).items():
        normal = key.replace("-", "_")
        if normal not in known:
            names = ", ".join(option.name for option in exporter.options) or "none"
            raise UsageError(f"format {exporter.name!r} has no option {key!r} (its options: {names})")
        option = known[normal]
        if option.choices and value is not None and value not in option.choices:
            raise UsageError(f"option {option.name} of {exporter.name!r} must be one of {', '.join(option.choices)}")
        merged[normal] = value
    return merged


def _exporter(format: str | Exporter, registry: PluginRegistry | None) -> Exporter:
    if isinstance(format, Exporter):
        return format
    return (registry or get_registry()).exporter(format.strip().lower())


def render(
    document: Document,
    format: str | Exporter,
    options: Mapping[str, Any] | None = None,
    *,
    registry: PluginRegistry | None = None,
) -> Output:
    """Run one exporter: the bytes of one file, or ``{relative name: bytes}``."""
    exporter = _exporter(format, registry)
    return _run_writer(exporter, exporter.load_writer(), document, options)


def render_many(
    documents: Sequence[Document],
    format: str | Exporter,
    options: Mapping[str, Any] | None = None,
    *,
    registry: PluginRegistry | None = None,
) -> Output:
    """Run an exporter's combining writer on several documents (an edition)."""
    exporter = _exporter(format, registry)
    combine = exporter.load_combine()
    if combine is None:
        raise UsageError(f"format {exporter.name!r} cannot bundle several pages into one output")
    return _run_writer(exporter, combine, list(documents), options)


def _run_writer(exporter: Exporter, writer: Any, argument: Any, options: Mapping[str, Any] | None) -> Output:
    """Call a writer with the merged options; its failures name the format and plugin."""
    merged = exporter_options(exporter, options)
    try:
        result = writer(argument, merged)
    except (UsageError, InputError, OutputError, PluginError):
        raise
    except Exception as exc:
        raise PluginError(
            f"format {exporter.name!r} (plugin {exporter.plugin}) failed: {type(exc).__name__}: {exc}"
        ) from exc
    return _check_output(exporter, result)


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
    return page_stem(document.metadata.source.name)


def write_output(
    exporter: Exporter, result: Output, destination: PathLike, stem: str, *, fsync: bool | None = None
) -> list[Path]:
    """Write a writer's result under ``destination``: ``<stem><ext>``, or the files of a
    mapping under ``<stem>/``; ``fsync`` as :func:`~convert_core.output.atomic_write`.
    Returns the paths written."""
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
    written = []
    used: set[str] = set()
    for name, data in result.items():
        path = inside(base, name)
        key = str(path).lower()
        if key in used:
            raise PluginError(f"format {exporter.name!r} produced two files named {name!r}")
        used.add(key)
        atomic_write(path, data, fsync=fsync)
        written.append(path)
    return written


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
    exporter = _exporter(format, registry)
    result = render(document, exporter, options, registry=registry)
    return write_output(exporter, result, destination, stem or output_stem(document))
