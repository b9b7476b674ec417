"""Batch conversion: many pages, in parallel, resumable, with a report.

One page is one :class:`PageTask`; :func:`convert_page` runs it anywhere (this process, a
worker process, a Dask worker) and returns a :class:`PageResult` — it never raises, so one
bad page never stops a batch. :func:`run_batch` feeds tasks to any
:class:`concurrent.futures.Executor` with a bounded number in flight (memory stays flat in
the number of pages) and yields results as they finish; a worker process that dies (killed,
crashed) fails only the page it ran, when the executor can be restarted.

Where outputs go and why they never clash: :mod:`.layout`. When a page is up to date and
skipped: :mod:`.resume` (content hashes, never modification times). A page leaves exactly
its new files: the earlier outputs of each format that this run did not write again (the
extra items of a page that shrank, a per-item folder after ``--ninjs-array``) are removed.

Signals: in worker processes Ctrl-C is left to the parent (which lets them finish their
page); SIGTERM and SIGHUP stop a worker at once, its temporary file removed, and a worker
ends when its parent dies (Linux). Outputs are written atomically, so an interrupted run
leaves no partial file; the next run removes the temporary files of a killed one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import os
import re
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import callnotes, descriptors, environment, stopping
from .errors import (
    EXIT_INPUT,
    EXIT_PARTIAL,
    ConvertError,
    InputError,
    OutputError,
    PluginError,
    UsageError,
    ValidationFailed,
    describe,
    exhausted,
    reason,
)
from .output import fold_name, inside, owned_by, real_directory, remove_stale, safe_name, stray_outputs, temporary_name
from .planning import REPORT_FILE, STATE_FILE, InputPage, find_inputs
from .plugins import PluginConfig, end_despite_stray_threads, real_exit, registry_for, stop_stray_children
from .reader import MAX_INPUT_BYTES
from .stopping import Terminated

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from .resume import State

__all__ = [
    "REPORT_FILE",
    "STATE_FILE",
    "InputPage",
    "PageResult",
    "PageTask",
    "ReportWriter",
    "State",
    "Terminated",
    "convert_page",
    "find_inputs",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    """:class:`~.resume.State`, imported when asked for: a run of one page keeps no state."""
    if name == "State":
        from .resume import State

        return State
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class PageTask:
    """Everything needed to convert one page, picklable for worker processes."""

    source: str
    out_dir: str
    stem: str
    formats: tuple[str, ...]
    reader: dict[str, Any] = field(default_factory=dict)
    format_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    strict: bool = False
    validate: bool = False
    force: bool = False
    timeout: float | None = None
    plugins: PluginConfig = field(default_factory=PluginConfig)
    previous: dict[str, Any] | None = None  # what the state file recorded for this page
    key: str = ""  # the page's name in the state file and report
    debug: bool = False  # keep tracebacks in the result
    fsync: bool = False  # flush outputs to disk (``--fsync``), also on workers of other machines
    root: str = ""  # the output root: every folder between it and out_dir must be a real one
    code: str = ""  # the code that makes the outputs (:func:`.resume.code_fingerprint`)
    depends: tuple[tuple[str, str | None], ...] = ()  # files options name, with their SHA-256
    #: the resume state's secret key (hex) for the environment's keyed hash (:mod:`.resume`)
    secret: str = field(default="", repr=False)
    #: the state file is the user's and no one else may write it: its record may say which
    #: of the page's earlier outputs to remove (as ``--delete`` trusts it)
    trusted: bool = False
    #: the bytes of a page given as ``-``, read once by the run (a worker process's standard
    #: input is ``/dev/null``), or why they could not be read
    stdin: bytes | None = field(default=None, repr=False)
    stdin_error: str = ""
    #: found in a folder or by a pattern, as a regular file: read only if it still is one
    listed: bool = False

    def fingerprint(self) -> str:
        """A hash of everything but the input's bytes that changes the outputs: formats,
        options, output name, the input's file name, the code, the files options name,
        ``SOURCE_DATE_EPOCH`` (and ``--strict``/``--validate``, which decide whether a page
        may be written at all)."""
        data = json.dumps(
            [
                self.formats,
                self.reader,
                self.format_options,
                self.stem,
                None if self.source == "-" else os.path.basename(self.source),
                self.strict,
                self.validate,
                self.code,
                self.depends,
                os.environ.get("SOURCE_DATE_EPOCH"),
            ],
            sort_keys=True,
            ensure_ascii=True,
            default=str,
        )
        return hashlib.sha256(data.encode("ascii")).hexdigest()[:32]


@dataclass
class PageResult:
    """What happened to one page."""

    source: str
    key: str
    status: str  # converted | skipped | failed
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    diagnostics: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: what the page's line of warnings says (``--pages`` past the end of its file)
    warnings: list[str] = field(default_factory=list)
    sha256: str | None = None
    fingerprint: str = ""
    digests: dict[str, str] = field(default_factory=dict)  # output (relative to out_dir) -> SHA-256
    #: the environment variables the conversion read, and a hash of their values (:mod:`.environment`)
    environment: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_codes(self) -> list[int]:
        return [int(error["code"]) for error in self.errors]


_RESULT_FIELDS = tuple(item.name for item in fields(PageResult) if item.name not in ("digests", "environment"))

# ---------------------------------------------------------------------------- signals


_worker = False  # this process is a batch worker (see init_worker)
_busy = False  # ... converting a page now


def _worker_signal(signum: int, frame: Any) -> None:
    stopping.note_taken()
    if _busy:
        raise Terminated(signum)  # unwind: the page's temporary file is removed on the way
    real_exit(128 + signum)


#: How often a worker looks whether its parent is still there (see :func:`_die_with_parent`).
PARENT_CHECK_SECONDS = 0.5


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel sends this worker SIGTERM when its parent dies (even by SIGKILL),
    so no orphan keeps converting pages nobody will record. A watcher thread backs it up
    (and stands in where there is no ``prctl``): a worker whose parent is gone ends within
    :data:`PARENT_CHECK_SECONDS`, whatever it was doing when the signal came (the next
    run sweeps any temporary file it leaves)."""
    from .stopping import start_deaf

    start_deaf(threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True))
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError, TypeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        real_exit(128 + signal.SIGTERM)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    real_exit(128 + signal.SIGTERM)  # os._exit may be a plugin call's stand-in just now


def init_worker(parent: int | None = None, notes: str | None = None, ignored: tuple[int, ...] = ()) -> None:
    """Set up a worker process: Ctrl-C is left to the parent, which stops the batch
    cleanly; SIGTERM and SIGHUP end the worker, its temporary files removed — SIGHUP
    stays ignored when the run was started so (``ignored``, the parent's
    :data:`stopping.IGNORED`: ``nohup``). Its plugin calls are noted in the parent's folder
    ``notes`` (:mod:`.callnotes`)."""
    global _worker
    _worker = True
    callnotes.start_worker(notes)
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                number = getattr(signal, name)
                # (the run's SIGHUP ignored, nohup: a hang-up must not end its workers either;
                # SIGTERM is how the parent stops them)
                keep = number != signal.SIGTERM and number in ignored
                signal.signal(number, signal.SIG_IGN if keep else _worker_signal)
    if parent is not None:
        _die_with_parent(parent)
    register = getattr(threading, "_register_atexit", None)  # runs before threads are joined
    if register is not None:
        register(_end_worker)
    descriptors.forget_inherited()
    _own_pipes(sys._getframe(1))


def _own_pipes(caller: Any) -> None:
    """Register the worker's pipes to its parent (:mod:`.descriptors`): the queue its pages
    come from and the one its results go to, found in the executor's worker function that
    calls the initializer (CPython's ``_process_worker``; elsewhere, none)."""
    for name, end in (("call_queue", "_reader"), ("result_queue", "_writer")):
        with contextlib.suppress(Exception):
            fd = getattr(caller.f_locals[name], end).fileno()
            descriptors.own(fd, "a pipe to the parent process", fatal=True)


def _end_worker() -> None:
    """At a worker's end (its results already sent): a thread a plugin left running would
    keep it from exiting, and the parent, which waits for its workers, with it."""
    stop_stray_children(" in a worker process")
    end_despite_stray_threads(0, " in a worker process")


# ---------------------------------------------------------------------------- one page


class Hurried(KeyboardInterrupt):
    """Ctrl-C again while the pages in flight were ending after a first: the run stops now
    (its workers terminated, as on SIGTERM), exit 130 as for Ctrl-C."""


class PageTimeout(ConvertError):
    """A page took longer than the batch's ``--timeout``: a limit the page is over, as
    ``--max-bytes`` is, so an input error (exit 3) — it was exit 1, which says "several kinds
    of failure". A timeout in a plugin's call is that plugin's error (exit 7): the call turns
    it into a :class:`.PluginError` naming the plugin."""

    exit_code = EXIT_INPUT


def timeout_possible() -> bool:
    """Whether :func:`convert_page` can stop a page here: only in a process's main thread
    (``--timeout`` uses SIGALRM), so not in a thread pool or on a Dask worker."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (SIGALRM). On every path —
    done, failed, timed out, a timeout that comes as the block ends — the SIGALRM handler
    and the real-time timer are left as they were (an outer timer goes on with what is left
    of it)."""
    if not seconds:
        yield
        return
    if not timeout_possible():
        raise UsageError("--timeout cannot stop a page outside a process's main thread (threads, Dask workers)")
    done = False
    outer, interval = signal.getitimer(signal.ITIMER_REAL)
    ours = not (outer and outer < seconds)  # an outer timer due first keeps the timer, and its handler

    def expire(signum: int, frame: Any) -> None:
        _set_handler(previous)  # the timer fires once: its handler goes at once, whatever comes next
        if not ours:
            if callable(previous):
                previous(signum, frame)
        elif not done:
            raise PageTimeout(f"timed out after {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    if ours:
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        done = True
        if ours:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(previous)
        if ours and outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3), interval)


def _set_handler(handler: Any) -> None:
    with contextlib.suppress(ValueError, OSError, TypeError):
        signal.signal(signal.SIGALRM, signal.SIG_DFL if handler is None else handler)


def _error(stage: str, code: int, message: str, exc: BaseException, debug: bool) -> dict[str, Any]:
    error: dict[str, Any] = {"stage": stage, "code": code, "message": message}
    if debug:
        import traceback

        error["traceback"] = "".join(traceback.format_exception(exc))
    return error


def convert_page(task: PageTask) -> PageResult:
    """Convert one page; every failure becomes part of the result, never an exception
    (but Ctrl-C and :class:`Terminated`, which stop the batch)."""
    global _busy
    started = time.perf_counter()
    result = PageResult(
        source=task.source, key=task.key or task.source, status="failed", fingerprint=task.fingerprint()
    )
    _busy = True
    try:
        callnotes.page(task.key or task.source)  # (inside: a SIGTERM may come as it is written)
        with _deadline(task.timeout), environment.watching():
            _convert_page(task, result)
        names = environment.read_so_far()
        result.environment = {"names": names, "hmac": environment.digest(names, _secret(task))}
    except Terminated:
        if _worker:
            # the temporary files are gone; so is this worker (real_exit: a SIGTERM that came
            # while a plugin call was restoring os._exit could leave its stand-in in place)
            real_exit(128 + signal.SIGTERM)
        raise
    except ConvertError as exc:
        result.errors.append(_error("page", exc.exit_code, str(exc), exc, task.debug))
    except Exception as exc:  # a bug in a reader or plugin: recorded, the batch goes on
        if (exhaustion := exhausted(exc)) is not None:  # out of files or memory: not a bug
            result.errors.append(_error("page", exhaustion.exit_code, str(exhaustion), exc, task.debug))
        else:
            result.errors.append(
                _error("page", EXIT_PARTIAL, f"internal error: {type(exc).__name__}: {describe(exc)}", exc, task.debug)
            )
    finally:
        _busy = False
        callnotes.page(None)
    if result.status != "skipped":
        result.status = "failed" if result.errors else "converted"
    result.seconds = time.perf_counter() - started
    return result


def _page_directory(task: PageTask) -> Path:
    """The page's output folder, absolute (a plugin that changes the working directory
    cannot move it), every folder below the output root a real one."""
    directory = Path(os.path.abspath(task.out_dir))
    root = Path(os.path.abspath(task.root)) if task.root else None
    return real_directory(directory, root=root)


def _read(task: PageTask) -> bytes:
    from .api import read_source, read_stdin

    limit = task.reader.get("max_bytes", MAX_INPUT_BYTES)
    if task.source == "-" and task.stdin_error:
        raise InputError(task.stdin_error)
    if task.source == "-" and task.stdin is not None:
        return task.stdin
    if task.source == "-":
        return read_stdin(limit)
    if task.listed:
        _still_a_regular_file(task.source)
    return read_source(task.source, limit)


def _still_a_regular_file(path: str) -> None:
    """Refuse a page listed as a regular file that has since become something else (a FIFO
    would keep the run waiting for a writer for ever, a device read without end); one that
    is gone is told by :func:`read_source` (``no such file``)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(f"{path} is no longer a regular file (changed since the run listed it): not read")


def _up_to_date(task: PageTask, result: PageResult, directory: Path, formats: list[str], extensions: list[str]) -> bool:
    """Whether the page's last outputs are what converting it now would give: same input
    bytes, same fingerprint, every output there with the bytes recorded, and no other
    file of the run's formats (``formats``, their extensions) among the page's outputs:
    nothing a conversion would remove."""
    from .resume import file_digest

    previous = task.previous
    if not previous or previous.get("fingerprint") != result.fingerprint or previous.get("sha256") != result.sha256:
        return False
    read = previous.get("environment")  # the variables the last conversion read: the same values?
    if not isinstance(read, dict) or not isinstance(read.get("names"), list):
        return False
    if not hmac.compare_digest(environment.digest(read["names"], _secret(task)), str(read.get("hmac"))):
        return False
    outputs: dict[str, str] = previous.get("outputs") or {}
    if not outputs or any(file_digest(directory / relative) != digest for relative, digest in outputs.items()):
        return False
    recorded = {directory / relative for relative in outputs}
    # a stray file: another shape of a format (one file vs per item), left by someone, or by a run that died
    return not stray_outputs(directory, task.stem, formats, extensions, recorded)


def _secret(task: PageTask) -> bytes:
    try:
        return bytes.fromhex(task.secret)
    except ValueError:
        return b""


def _convert_page(task: PageTask, result: PageResult) -> None:
    from .api import options_not_applied, parse_pages, strict_check

    registry = registry_for(task.plugins)
    directory = _page_directory(task)
    exporters = [registry.exporter(name) for name in task.formats]
    extensions = [exporter.extension for exporter in registry.exporters().values()]
    clock = time.perf_counter()
    data = _read(task)
    result.sha256 = hashlib.sha256(data).hexdigest()
    if not task.force and _up_to_date(task, result, directory, [e.extension for e in exporters], extensions):
        result.status = "skipped"
        result.digests = dict((task.previous or {}).get("outputs") or {})
        result.outputs = [os.path.join(task.out_dir, relative) for relative in result.digests]
        return
    name = None if task.source == "-" else os.path.basename(task.source)
    documents = parse_pages(data, name=name, registry=registry, **{"pages": None, **task.reader})
    result.diagnostics = {"info": 0, "warning": 0}
    first = next(documents)
    second = next(documents, None)
    numbered = second is not None or bool(task.reader.get("pages"))  # pages of a multi-page file
    written_by: dict[str, str] = {}  # every file the page wrote (folded), and by which format
    for document in itertools.chain([first], [second] if second is not None else [], documents):
        result.timings["read"] = result.timings.get("read", 0.0) + time.perf_counter() - clock
        for severity in ("info", "warning"):
            result.diagnostics[severity] += sum(1 for d in document.diagnostics if d.severity == severity)
        result.warnings.extend(options_not_applied(document))  # --pages past its end, --encoding of a PDF
        if task.strict:
            strict_check(document)
        page = document.metadata.source.page
        stem = f"{task.stem}-p{page}" if numbered and page else task.stem
        _export_page(task, result, registry, exporters, extensions, directory, document, stem, written_by)
        clock = time.perf_counter()
    if not result.errors:
        _remove_pages_gone(task, result, directory, [exporter.extension for exporter in exporters], extensions)


def _remove_pages_gone(
    task: PageTask, result: PageResult, directory: Path, formats: list[str], extensions: list[str]
) -> None:
    """Remove what the last conversion of this input wrote, in the formats written now,
    that this one did not write again: the pages a PDF or ALTO file no longer has
    (``doc-p3.json`` and its ``doc-p3/`` items once it shrank to two pages), or the other
    naming (``doc.json`` once it has pages, ``doc-p1.json``… once it has one) — they stayed,
    stale, beside the new outputs. Only the page's own names (``STEM``, ``STEM-pN``), each
    file only while it holds the bytes recorded (edited: kept), reached without following
    a link (:func:`.resume._remove_unchanged`), and only when the state file is trusted
    (:attr:`PageTask.trusted`); pictures, which pages may share, stay."""
    previous = (task.previous or {}).get("outputs")
    if not isinstance(previous, dict) or not task.root or not task.trusted:
        return
    from .resume import _remove_folder, _remove_unchanged

    root = os.path.realpath(task.root)
    base = os.path.realpath(directory)
    own = re.compile(rf"{re.escape(safe_name(task.stem))}(?:-p[0-9]+)?(?:\.[^/]*)?")
    folders: set[str] = set()
    for relative, digest in previous.items():
        if relative in result.digests or not isinstance(relative, str) or not isinstance(digest, str):
            continue
        path = os.path.normpath(os.path.join(base, relative))
        parts = os.path.relpath(path, base).split(os.sep)
        if not path.startswith(root + os.sep) or parts[0] == os.pardir or len(parts) > 2:
            continue
        name = os.path.basename(path)
        if not own.fullmatch(parts[0]) or not any(owned_by(name, extension, extensions) for extension in formats):
            continue
        _remove_unchanged(root, path, digest)
        if len(parts) == 2:
            folders.add(os.path.dirname(path))
    for folder in folders:
        _remove_folder(root, folder)  # once empty


def _export_page(
    task: PageTask,
    result: PageResult,
    registry: Any,
    exporters: list[Any],
    extensions: list[str],
    directory: Path,
    document: Any,
    stem: str,
    written_by: dict[str, str],
) -> None:
    """Write one page's picture files and every format of it under ``stem``."""
    from .api import _render, _write_images, write_output

    for path, image in _write_images(document, directory, fsync=bool(task.fsync), every=True):
        relative = str(path.relative_to(directory))
        result.digests[relative] = image.sha256 or hashlib.sha256(image.data or b"").hexdigest()
        result.outputs.append(os.path.join(task.out_dir, relative))
    for exporter in exporters:
        clock = time.perf_counter()
        try:
            options = task.format_options.get(exporter.name, {})
            output = _render(document, exporter, options, registry)
            _check_clash(exporter.name, output, directory, stem, written_by)
            paths = write_output(exporter, output, directory, stem, fsync=True if task.fsync else None)
            items = [output] if isinstance(output, bytes) else list(output.values())
            for path, content in zip(paths, items):
                written_by[fold_name(str(path))] = exporter.name
                relative = str(path.relative_to(directory))
                result.digests[relative] = hashlib.sha256(content).hexdigest()
                result.outputs.append(os.path.join(task.out_dir, relative))
            remove_stale(directory, stem, exporter.extension, extensions, set(paths))
            if task.validate:
                problems = registry.validate(exporter, paths, options)
                if problems is None:
                    result.notes.append(f"no validator installed for format {exporter.name!r}; not checked")
                elif problems:
                    raise ValidationFailed(f"{exporter.name}: " + "; ".join(problems[:5]))
                else:
                    result.notes.append(f"valid {exporter.name}")
        except ConvertError as exc:
            result.errors.append(_error(exporter.name, exc.exit_code, str(exc), exc, task.debug))
        finally:
            result.timings[exporter.name] = result.timings.get(exporter.name, 0.0) + time.perf_counter() - clock


def _check_clash(format_name: str, output: Any, directory: Path, stem: str, written_by: dict[str, str]) -> None:
    """Two formats of one page must not write one file (two plugins' per-item names), nor
    two names one file where case and the form of characters are not told apart."""
    if isinstance(output, bytes):
        return
    base = directory / safe_name(stem)
    for name in output:
        other = written_by.get(fold_name(str(inside(base, name))))
        if other is not None:
            raise PluginError(f"format {format_name!r} would overwrite {name!r}, written by format {other!r}")


# ---------------------------------------------------------------------------- the report


#: How a report starts (:class:`ReportWriter`): how a run knows its own report among pages.
REPORT_OPENING = b'{\n"pages": [\n'


class ReportWriter:
    """Streams the JSON report (one entry per page) to a temporary file, renamed when done.
    A failure to write it (a full disk, its descriptor closed by a plugin) is kept and
    raised, once, by :meth:`close`. Written straight to its descriptor (no buffer that a
    closed descriptor would spill into another file), which is the run's own
    (:mod:`.descriptors`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.fd = -1
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # named for this process: two runs writing the same report never share a file
            self.temporary = self.path.with_name(temporary_name(self.path.name))
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            self.fd = os.open(self.temporary, flags, 0o666)
        except OSError as exc:
            raise exhausted(exc) or OutputError(f"cannot write the report {self.path}: {reason(exc)}") from None
        self.ident = descriptors.own(self.fd, "the report's temporary file")
        self.first = True
        self.failure: OSError | None = None
        self._write(REPORT_OPENING.decode("ascii"))

    def add(self, result: PageResult) -> None:
        if self.failure is not None:
            return
        entry = {name: getattr(result, name) for name in _RESULT_FIELDS}  # shallow: asdict deep-copies
        entry["seconds"] = round(result.seconds, 6)
        entry["timings"] = {key: round(value, 6) for key, value in result.timings.items()}
        self._write(("" if self.first else ",\n") + _json_line(entry))
        self.first = False

    def _write(self, text: str) -> None:
        if self.failure is not None:
            return
        if not descriptors.holds(self.fd, self.ident) and not self._reopen():
            self.failure = OSError("its file descriptor was taken away (closed by a plugin?)")
            return
        view = memoryview(text.encode("utf-8", "backslashreplace"))
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError as exc:
            self.failure = exc

    def _reopen(self) -> bool:
        """Open the temporary file again after a plugin closed its descriptor (all that was
        written is in it: nothing is buffered); never a file another put in its place."""
        descriptors.release(self.fd, self.ident)  # that number is not ours any more: never closed
        self.fd = -1
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.temporary, flags)
        except OSError:
            return False
        if not descriptors.holds(fd, self.ident):
            os.close(fd)
            return False
        self.fd = fd
        descriptors.own(fd, "the report's temporary file")
        return True

    def close(self, summary: dict[str, Any]) -> None:
        self._write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=1) + "\n}\n")
        try:
            if self.failure is None:
                os.fsync(self.fd)
                fd, self.fd = self.fd, -1
                descriptors.release(fd, self.ident)
                os.close(fd)
                os.replace(self.temporary, self.path)
                return
        except OSError as exc:
            self.failure = exc
        self.abandon()
        raise OutputError(f"cannot write the report {self.path}: {reason(self.failure)}")

    def abandon(self) -> None:
        fd, self.fd = self.fd, -1
        if fd >= 0 and descriptors.release(fd, self.ident):  # never a number another file took
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            self.temporary.unlink()


def _json_line(entry: dict[str, Any]) -> str:
    """One report entry: readable UTF-8, or, when a file name is not UTF-8, escapes that
    read back as the same name."""
    text = json.dumps(entry, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(entry)
    return text


# ---------------------------------------------------------------------------- running


def _died(task: PageTask, notes: str | None) -> str:
    """Why a page failed whose worker died: in a plugin call (which the worker noted), or
    not."""
    call = callnotes.died_in(notes, task.key or task.source)
    if call is None:
        return "its worker process died (killed, crashed, or out of memory)"
    return (
        f"its worker process died in a call of {call}: the plugin closed the worker's pipes to its "
        "parent, or the process was killed, crashed, or ran out of memory"
    )


def _lost_page(task: PageTask, why: str) -> PageResult:
    result = PageResult(source=task.source, key=task.key or task.source, status="failed")
    result.errors.append({"stage": "page", "code": EXIT_PARTIAL, "message": why})
    return result


def run_batch(
    tasks: Iterable[PageTask],
    executor: Executor | None = None,
    *,
    in_flight: int = 8,
    restart: Callable[[], Executor] | None = None,
    stuck_after: float | None = None,
    kill: Callable[[], None] | None = None,
    notes: str | None = None,
    never_started: list[PageTask] | None = None,
    finishing: Callable[[int], None] | None = None,
) -> Iterator[PageResult]:
    """Run ``tasks`` on ``executor`` (``None``: here, one after another) and yield each
    result as it finishes. At most ``in_flight`` tasks are queued at once.

    A task whose worker died (a process killed or crashed, so the executor is broken)
    fails with a message saying so; with ``restart`` (a function giving a new executor)
    the pages that were in flight with it run again one at a time, so only the page that
    kills its worker fails, and the batch goes on.

    ``stuck_after`` seconds (with ``kill``, which kills the executor's workers, and
    ``restart``) bound a page that even its own ``timeout`` cannot stop (a plugin stuck in
    C code, which SIGALRM does not reach): the workers are killed, the pages in flight run
    again alone, and one that is stuck alone fails as timed out.

    ``notes``: the folder where the workers note their plugin calls (:mod:`.callnotes`):
    a page whose worker died in one fails naming it.

    ``never_started``: where the tasks handed to the executor that it never started are
    put when the run is stopped (Ctrl-C cancels them; SIGTERM ends the pool before them),
    so that the caller can tell them from the pages stopped while they ran. (A process
    pool's future is "running" once queued for a worker, before any worker takes it: of
    those, the workers' notes tell which were begun, :attr:`Pool.begun`.)

    ``finishing(N)`` is called when Ctrl-C has come and the ``N`` pages in flight are let
    end (another Ctrl-C stops them)."""
    if executor is None:
        for task in tasks:
            yield convert_page(task)
        return
    from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, wait

    pending: dict[Future[PageResult], PageTask] = {}
    again: list[PageTask] = []  # in flight when a worker died: each runs again alone
    running_since: dict[Future[PageResult], float] = {}
    stuck: set[int] = set()  # ids of the tasks whose workers were killed for running too long
    solo: set[int] = set()  # ids of the tasks running again alone (their failure is theirs)
    watch = stuck_after is not None and kill is not None and restart is not None
    watched = time.monotonic()
    iterator = iter(tasks)
    exhausted = False
    try:
        while True:
            limit = 1 if again or solo else in_flight
            while len(pending) < limit and (again or not exhausted):
                if again:
                    task = again.pop(0)
                    solo.add(id(task))
                else:
                    try:
                        task = next(iterator)
                    except StopIteration:
                        exhausted = True
                        break
                try:
                    pending[executor.submit(convert_page, task)] = task
                except BrokenExecutor:
                    if restart is None:
                        yield _lost_page(task, "the worker pool is broken (a worker process died)")
                        continue
                    executor = restart()
                    pending[executor.submit(convert_page, task)] = task
            if not pending:
                return
            done, _ = wait(pending, timeout=1.0 if watch else None, return_when=FIRST_COMPLETED)
            if watch and (not done or time.monotonic() - watched >= 1.0):  # (pages ending fast: still watched)
                watched = time.monotonic()
                overdue = _overdue(pending, running_since, notes, stuck_after)  # type: ignore[arg-type]
                if overdue:
                    stuck.update(id(pending[f]) for f in overdue if id(pending[f]) in solo)
                    kill()  # type: ignore[misc]  # the futures now fail as broken: handled below
                if not done:
                    continue
            broken = False
            for future in done:
                task = pending.pop(future)
                running_since.pop(future, None)
                alone = id(task) in solo
                solo.discard(id(task))
                try:
                    yield future.result()
                except BrokenExecutor:
                    broken = True
                    if id(task) in stuck:
                        stuck.discard(id(task))
                        yield _lost_page(
                            task, f"timed out: still running after {stuck_after:g} s, its worker was killed"
                        )
                    elif restart is None or alone or in_flight == 1:
                        yield _lost_page(task, _died(task, notes))
                    else:
                        again.append(task)
                except (KeyboardInterrupt, GeneratorExit):
                    raise
                except Exception as exc:  # the executor lost the task (a Dask worker died...)
                    yield _lost_page(task, f"the executor lost the page: {type(exc).__name__}: {describe(exc)}")
            if broken and restart is not None:
                for other in list(pending):  # they died with the pool, through no fault of theirs
                    again.append(pending.pop(other))
                    solo.discard(id(again[-1]))
                running_since.clear()
                executor = restart()
    except KeyboardInterrupt as stop:
        if isinstance(stop, Terminated):
            # the pool is terminated: its futures fail with it (cancelling them now would make
            # the executor's own thread trip over them); the pages done are still given — their
            # outputs are written (they were dropped: never recorded, reported as not begun)
            done_now = [future for future in pending if future.done()]
            _note_never_started(
                {future: task for future, task in pending.items() if not future.done()}, never_started, cancelled=False
            )
            pending.clear()
            yield from _results_of(done_now)
            raise
        # Ctrl-C: the workers (which ignore it) finish their page; their results are
        # still given, so that the pages are recorded and the next run skips them. (A
        # second one from here on stops now: one that came as the run said it lets the
        # pages finish ended the run as the first would, waiting for them.)
        try:
            for future in list(pending):
                if future.cancel():
                    _note_never_started({future: pending.pop(future)}, never_started, cancelled=True)
            if finishing is not None and pending:
                finishing(len(pending))
            for future in list(pending):
                with contextlib.suppress(Exception):
                    yield future.result()
                del pending[future]
        except KeyboardInterrupt as again_stop:
            # Ctrl-C again while the pages end (or SIGTERM): stop now — the pages already
            # done are still given, the others are not waited for (it waited for every page
            # in flight all the same, and gave none: a report of 0 pages converted, no state)
            done_now = [future for future in pending if future.done()]
            _note_never_started(
                {future: task for future, task in pending.items() if not future.done()}, never_started, cancelled=False
            )
            pending.clear()
            yield from _results_of(done_now)
            if isinstance(again_stop, Terminated):
                raise
            raise Hurried() from stop
        raise
    finally:
        for future in pending:
            future.cancel()


def _overdue(
    pending: dict[Future[PageResult], PageTask],
    running_since: dict[Future[PageResult], float],
    notes: str | None,
    stuck_after: float,
) -> list[Future[PageResult]]:
    """The pages in flight that have run longer than ``stuck_after`` seconds, each timed
    from the moment a worker began it, as the workers' notes say (:func:`.callnotes.running`)
    — a process pool's future says "running" from the moment the page is queued for a
    worker, so a page queued behind slow ones was timed for its wait too, and its worker
    killed. Without notes, from when its future was first seen running."""
    now = time.monotonic()
    begun = callnotes.running(notes)
    for future, task in pending.items():
        if begun is None:
            if future.running():
                running_since.setdefault(future, now)
        elif (since := begun.get(task.key or task.source)) is not None:
            running_since.setdefault(future, min(since, now))
    return [future for future, since in running_since.items() if future in pending and now - since > stuck_after]


def _results_of(futures: list[Future[PageResult]]) -> Iterator[PageResult]:
    """The results of ``futures`` (done), but of those a broken pool failed (not done by
    their worker)."""
    for future in futures:
        try:
            result = future.result()
        except Exception:
            continue
        yield result


def _note_never_started(
    pending: dict[Future[PageResult], PageTask], into: list[PageTask] | None, *, cancelled: bool
) -> None:
    """Put in ``into`` the tasks of ``pending`` that never started: all of them when they
    were ``cancelled``, else those no worker has taken yet."""
    if into is not None:
        into.extend(task for future, task in pending.items() if cancelled or not future.running())


def _quiet_about_cancelled_pages(thread: threading.Thread | None) -> None:
    """Keep the process pool's own thread from printing a traceback when its workers are
    terminated after a Ctrl-C cancelled the pages not yet started (Ctrl-C, then SIGTERM or
    Ctrl-C again): Python's pool then sets an error on each of its pages, the cancelled
    ones too, and its thread ends in ``InvalidStateError: CANCELLED`` — a traceback on the
    terminal of a run that stopped as asked (``concurrent.futures.process``, Python < 3.12)."""
    if thread is None:
        return
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args: Any) -> None:
        if args.thread is thread and isinstance(args.exc_value, InvalidStateError):
            return
        previous(args)

    threading.excepthook = hook


#: How long a worker process may take to end once its batch is done (see :meth:`Pool.shutdown`).
WORKER_EXIT_SECONDS = 10.0


def _still_running(pid: int, process: Any) -> bool:
    """Whether worker ``pid`` still runs: not reaped (its status stored, or its ``/proc``
    entry gone) and not a zombie waiting to be reaped — asked without ``waitpid``, which
    another thread may have just done (``Process.is_alive`` then says it is alive)."""
    popen = getattr(process, "_popen", None)
    if popen is not None and popen.returncode is not None:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rpartition(b")")[2].split()[:1]
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: whether the process is there at all
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    return state not in ([b"Z"], [b"X"], [])


def _end_executor(manager: Any, workers: dict[int, Any], deadline: float) -> list[int]:
    """Wait until ``deadline`` for an executor's thread (which reaps its workers as they
    end), kill its workers still running then; returns their ids."""
    if manager is not None:
        manager.join(max(0.0, deadline - time.monotonic()))
    else:  # no thread of the executor's: nothing else reaps them
        for process in workers.values():
            with contextlib.suppress(Exception):
                process.join(max(0.0, deadline - time.monotonic()))
    held = [pid for pid, process in workers.items() if _still_running(pid, process)]
    for pid in held:
        with contextlib.suppress(Exception):
            workers[pid].kill()
    if manager is not None:
        manager.join(5)  # it waits for the workers, all gone now
    return held


class Pool:
    """The executor of a batch, which can be replaced when a worker dies and stopped at
    once on SIGTERM (its workers terminated, then killed)."""

    def __init__(self, kind: str, jobs: int, scheduler: str | None = None, *, start: bool = True) -> None:
        """``start``: make the executor now (else :meth:`start` does: a Dask cluster may
        take long to reach, which a run does not hold its signals for)."""
        self.kind, self.jobs, self.scheduler = kind, jobs, scheduler
        self.client: Any = None
        #: where process workers note their plugin calls (:mod:`.callnotes`)
        self.notes = callnotes.new_folder() if kind == "process" and jobs > 1 else None
        self.executor: Executor | None = None
        #: whether a worker may have died part way through a write, leaving a temporary file
        #: (killed, crashed, replaced with the pool, or on a Dask worker this run cannot see)
        self.workers_lost = kind == "dask"
        #: executors replaced after a worker died: their threads and processes, still ending
        self.retired: list[tuple[Any, dict[int, Any]]] = []
        #: the pages the workers began (their keys), read from their notes as the pool ends
        #: when the run was stopped; ``None``: not known (no notes, threads, Dask)
        self.begun: set[str] | None = None
        if start:
            self.start()

    def start(self) -> None:
        """Make the executor (no worker process starts before its first page)."""
        self.executor = self._make()

    def _make(self) -> Executor | None:
        if self.kind == "dask":
            try:
                from distributed import Client
            except ImportError:
                raise UsageError(
                    "--executor dask needs the 'distributed' package (pip install 'dask[distributed]')"
                ) from None
            if self.client is None:
                try:
                    self.client = (
                        Client(self.scheduler)
                        if self.scheduler
                        else Client(processes=True, n_workers=max(1, self.jobs), threads_per_worker=1)
                    )
                except (OSError, ValueError, TypeError) as exc:  # unreachable, or not an address
                    where = f"--scheduler {self.scheduler}" if self.scheduler else "a local Dask cluster"
                    raise UsageError(f"--executor dask: cannot use {where}: {exc}") from None
            return self.client.get_executor()
        if self.jobs <= 1:
            return None
        if self.kind == "thread":
            from concurrent.futures import ThreadPoolExecutor

            return ThreadPoolExecutor(max_workers=self.jobs)
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.jobs, initializer=init_worker, initargs=(os.getpid(), self.notes, tuple(stopping.IGNORED))
        )

    def restart(self) -> Executor:
        """A new executor in place of a broken one."""
        self.workers_lost = True
        old = self.executor
        if old is not None and self.kind != "dask":
            workers = dict(getattr(old, "_processes", None) or {})
            self.retired.append((getattr(old, "_executor_manager_thread", None), workers))
            with contextlib.suppress(Exception):
                old.shutdown(wait=False, cancel_futures=True)
        callnotes.clear(self.notes)  # the old workers' notes: read already, for the pages that failed
        self.executor = self._make()
        assert self.executor is not None
        return self.executor

    def _forget_notes(self, *, begun: bool) -> None:
        """Remove the workers' notes, reading first, when ``begun``, which pages they began."""
        if begun and self.begun is None:
            self.begun = callnotes.begun(self.notes)
        callnotes.remove(self.notes)

    def shutdown(self, grace: float | None = None, *, begun: bool = False) -> list[int]:
        """Let the workers finish their page, then stop them. A worker process still running
        ``grace`` seconds (:data:`WORKER_EXIT_SECONDS`) after it was asked to end (held by
        something a plugin left: a thread, an exit handler) is killed, so the run never
        hangs at its end; returns the ids of the workers killed. ``begun``: note which pages
        the workers began (:attr:`begun`), for a run that was stopped.

        The executor's own thread sends each worker its last message and reaps it; this
        waits for that thread, and never asks ``Process.is_alive``: a worker the executor's
        thread reaped a moment before, its status not yet stored, looks alive to it (its
        ``waitpid`` fails), and was killed and reported as held (:func:`_still_running`)."""
        if self.kind == "dask":
            if self.client is not None:
                self.client.close()
            return []
        executor = self.executor
        self._forget_notes(begun=begun)  # the pages' results are all in
        if executor is None:
            return []
        workers = dict(getattr(executor, "_processes", None) or {})
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + (WORKER_EXIT_SECONDS if grace is None else grace)
        killed: list[int] = []
        # the executors replaced after a worker died too: their threads, still ending, were
        # taken at the run's end for threads a plugin left running
        for thread, processes in [*self.retired, (manager, workers)]:
            killed += _end_executor(thread, processes, deadline)
        self.retired.clear()
        if killed:
            self.workers_lost = True  # it may have left a temporary file
        return killed

    def kill_workers(self) -> None:
        """Kill every worker process now (the executor then fails as broken)."""
        self.workers_lost = True
        for pid in list(getattr(self.executor, "_processes", None) or {}):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    def terminate(self, grace: float = 5.0) -> None:
        """Stop now: SIGTERM to every worker process (each removes its temporary file),
        SIGKILL to those still there after ``grace`` seconds; then note which pages they
        began (:attr:`begun`), none beginning another since."""
        self.workers_lost = True
        _quiet_about_cancelled_pages(getattr(self.executor, "_executor_manager_thread", None))
        processes = list(getattr(self.executor, "_processes", None) or {})
        workers = dict(getattr(self.executor, "_processes", None) or {})
        for pid in processes:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in workers.values():
            with contextlib.suppress(Exception):
                process.join(max(0.0, deadline - time.monotonic()))
        for process in workers.values():
            with contextlib.suppress(Exception):
                if process.is_alive():
                    process.kill()
                    process.join(2)
        self._forget_notes(begun=True)
        if self.executor is not None and self.kind != "dask":
            if self.kind == "thread":  # a page in a thread cannot be stopped: ended with the run
                from .plugins import abandon_threads

                abandon_threads(getattr(self.executor, "_threads", ()))
            with contextlib.suppress(Exception):
                self.executor.shutdown(wait=False)
        elif self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
