"""Batch conversion: many pages, in parallel, resumable, with a report.

One page is one :class:`PageTask`; :func:`convert_page` runs it anywhere (this process, a
worker process, a Dask worker) and returns a :class:`PageResult` — it never raises, so one
bad page never stops a batch. :func:`run_batch` feeds tasks to any
:class:`concurrent.futures.Executor` with a bounded number in flight (memory stays flat in
the number of pages) and yields results as they finish.

Resuming: a page is skipped unless ``force`` when every output it wrote last time still
exists and is newer than the input, or when the input's SHA-256 and the options are
unchanged since then (the state file ``.convert-state.json`` in the output directory).
Outputs are written atomically, so an interrupted run leaves no partial file and the next
run picks up where it stopped.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_PARTIAL, ConvertError, InputError, ValidationFailed
from .output import atomic_write, page_stem, single_output
from .plugins import PluginConfig, registry_for
from .reader import MAX_INPUT_BYTES

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

STATE_FILE = ".convert-state.json"
REPORT_FILE = "convert-report.json"


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

    def fingerprint(self) -> str:
        """A hash of the options that change the outputs."""
        data = json.dumps(
            [self.formats, self.reader, self.format_options, self.stem], sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


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
    sha256: str | None = None
    fingerprint: str = ""

    @property
    def exit_codes(self) -> list[int]:
        return [int(error["code"]) for error in self.errors]


_RESULT_FIELDS = tuple(item.name for item in fields(PageResult))

# ---------------------------------------------------------------------------- workers


def init_worker() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops the batch cleanly."""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class PageTimeout(ConvertError):
    """A page took longer than the batch's ``--timeout``."""


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise PageTimeout(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _error(stage: str, code: int, message: str, exc: BaseException, debug: bool) -> dict[str, Any]:
    error: dict[str, Any] = {"stage": stage, "code": code, "message": message}
    if debug:
        import traceback

        error["traceback"] = "".join(traceback.format_exception(exc))
    return error


def _expected_outputs(task: PageTask) -> list[Path]:
    """Outputs of an earlier run: as recorded, else the single files the formats write."""
    previous = task.previous or {}
    if previous.get("outputs"):
        return [Path(path) for path in previous["outputs"]]
    registry = registry_for(task.plugins)
    return [single_output(task.out_dir, task.stem, registry.exporter(name).extension) for name in task.formats]


def _up_to_date(task: PageTask, fingerprint: str, data_sha: str | None) -> bool:
    """Whether the page's outputs are current: all present and newer than the input
    (``data_sha`` is None), or made from an input with this SHA-256 and these options."""
    previous = task.previous or {}
    outputs = _expected_outputs(task)
    if not outputs or (previous and previous.get("fingerprint") != fingerprint):
        return False
    if not all(path.exists() for path in outputs):
        return False
    if data_sha is not None:
        return previous.get("sha256") == data_sha
    try:
        source_time = os.stat(task.source).st_mtime
        return all(path.stat().st_mtime >= source_time for path in outputs)
    except OSError:
        return False


def convert_page(task: PageTask) -> PageResult:
    """Convert one page; every failure becomes part of the result, never an exception."""
    started = time.perf_counter()
    result = PageResult(
        source=task.source, key=task.key or task.source, status="failed", fingerprint=task.fingerprint()
    )
    try:
        with _deadline(task.timeout):
            _convert_page(task, result)
    except ConvertError as exc:
        result.errors.append(_error("page", exc.exit_code, str(exc), exc, task.debug))
    except Exception as exc:  # a bug in a reader or plugin: recorded, the batch goes on
        result.errors.append(
            _error("page", EXIT_PARTIAL, f"internal error: {type(exc).__name__}: {exc}", exc, task.debug)
        )
    if result.status != "skipped":
        result.status = "failed" if result.errors else "converted"
    result.seconds = time.perf_counter() - started
    return result


def _convert_page(task: PageTask, result: PageResult) -> None:
    from .api import parse, read_source, read_stdin, render, strict_check, write_output

    registry = registry_for(task.plugins)
    if not task.force and task.source != "-" and _up_to_date(task, result.fingerprint, None):
        result.status, result.outputs = "skipped", [str(path) for path in _expected_outputs(task)]
        result.sha256 = (task.previous or {}).get("sha256")
        return
    clock = time.perf_counter()
    if task.source == "-":
        data = read_stdin(task.reader.get("max_bytes", MAX_INPUT_BYTES))
    else:
        data = read_source(task.source, task.reader.get("max_bytes", MAX_INPUT_BYTES))
    result.sha256 = hashlib.sha256(data).hexdigest()
    if not task.force and task.previous and _up_to_date(task, result.fingerprint, result.sha256):
        result.status, result.outputs = "skipped", [str(path) for path in _expected_outputs(task)]
        return
    name = None if task.source == "-" else Path(task.source).name
    document = parse(data, name=name, registry=registry, **task.reader)
    result.timings["read"] = time.perf_counter() - clock
    result.diagnostics = {
        "info": sum(1 for d in document.diagnostics if d.severity == "info"),
        "warning": sum(1 for d in document.diagnostics if d.severity == "warning"),
    }
    if task.strict:
        strict_check(document)
    for format_name in task.formats:
        clock = time.perf_counter()
        try:
            exporter = registry.exporter(format_name)
            options = task.format_options.get(format_name, {})
            output = render(document, exporter, options, registry=registry)
            paths = write_output(exporter, output, task.out_dir, task.stem, fsync=True if task.fsync else None)
            result.outputs.extend(str(path) for path in paths)
            if task.validate:
                problems = registry.validate(exporter, paths, options)
                if problems is None:
                    result.notes.append(f"no validator installed for format {format_name!r}; not checked")
                elif problems:
                    raise ValidationFailed(f"{format_name}: " + "; ".join(problems[:5]))
                else:
                    result.notes.append(f"valid {format_name}")
        except ConvertError as exc:
            result.errors.append(_error(format_name, exc.exit_code, str(exc), exc, task.debug))
        finally:
            result.timings[format_name] = time.perf_counter() - clock


# ---------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class InputPage:
    """A page found among the inputs, and where its outputs go (relative to the output root)."""

    path: str
    relative_dir: str
    stem: str


def find_inputs(inputs: Iterable[str]) -> list[InputPage]:
    """Expand files, ``-``, directories (pages found recursively; outputs mirror the tree)
    and glob patterns into pages; two pages that would write the same outputs get
    ``-2``, ``-3``... suffixes."""
    pages: list[InputPage] = []
    for item in inputs:
        if item == "-":
            pages.append(InputPage("-", "", "page"))
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".text"))
            if not found:
                raise InputError(f"{item}: directory holds no *.txt pages")
            for page in found:
                relative = page.parent.relative_to(path)
                pages.append(InputPage(str(page), "" if str(relative) == "." else str(relative), page_stem(page.name)))
        elif not path.exists() and glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            files = [Path(match) for match in matches if Path(match).is_file()]
            if not files:
                raise InputError(f"{item}: no file matches")
            base = Path(item.split("*")[0].split("?")[0].split("[")[0] or ".")
            base = base if base.is_dir() else base.parent
            for page in files:
                try:
                    relative = str(page.parent.relative_to(base))
                except ValueError:
                    relative = ""
                pages.append(InputPage(str(page), "" if relative == "." else relative, page_stem(page.name)))
        else:
            pages.append(InputPage(item, "", page_stem(path.name)))
    seen: dict[tuple[str, str], int] = {}
    unique: list[InputPage] = []
    for page in pages:
        key = (page.relative_dir, page.stem.lower())
        count = seen.get(key, 0) + 1
        seen[key] = count
        unique.append(page if count == 1 else InputPage(page.path, page.relative_dir, f"{page.stem}-{count}"))
    return unique


# ---------------------------------------------------------------------------- state


class State:
    """The output directory's record of converted pages (for resuming)."""

    def __init__(self, out_dir: str | Path) -> None:
        self.path = Path(out_dir) / STATE_FILE
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict) and isinstance(data.get("pages"), dict):
                self.entries = data["pages"]
        except (OSError, ValueError):
            pass
        self.dirty = 0
        self.saved_at = time.monotonic()
        self.save_seconds = 0.0

    def get(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def record(self, result: PageResult) -> None:
        if result.status == "converted" or (result.status == "skipped" and result.key not in self.entries):
            self.entries[result.key] = {
                "sha256": result.sha256,
                "fingerprint": result.fingerprint,
                "outputs": result.outputs,
            }
            self.dirty += 1
        elif result.status == "failed" and self.entries.pop(result.key, None) is not None:
            self.dirty += 1

    def due(self) -> bool:
        """Whether to save now, during a run: after 200 changed pages and at least 5 s, and
        never more often than keeps saving under 5% of the run (a save rewrites every
        entry, so saving every 200 pages would make an archive-sized run quadratic)."""
        return self.dirty >= 200 and time.monotonic() - self.saved_at >= max(5.0, 20 * self.save_seconds)

    def save(self) -> None:
        if not self.dirty:
            return
        started = time.monotonic()
        data = json.dumps({"version": 1, "pages": self.entries}, ensure_ascii=False, indent=0, sort_keys=True)
        atomic_write(self.path, data.encode("utf-8"))
        self.dirty = 0
        self.saved_at = time.monotonic()
        self.save_seconds = self.saved_at - started


class ReportWriter:
    """Streams the JSON report (one entry per page) to a temporary file, renamed when done."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # named for this process: two runs writing the same report never share a file
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        self.handle = self.temporary.open("w", encoding="utf-8")
        self.handle.write('{\n"pages": [\n')
        self.first = True

    def add(self, result: PageResult) -> None:
        entry = {name: getattr(result, name) for name in _RESULT_FIELDS}  # shallow: asdict deep-copies
        entry["seconds"] = round(result.seconds, 6)
        entry["timings"] = {key: round(value, 6) for key, value in result.timings.items()}
        self.handle.write(("" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self.first = False

    def close(self, summary: dict[str, Any]) -> None:
        self.handle.write('\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=1) + "\n}\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
            self.temporary.unlink()


# ---------------------------------------------------------------------------- running


def run_batch(
    tasks: Iterable[PageTask],
    executor: Executor | None = None,
    *,
    in_flight: int = 8,
) -> Iterator[PageResult]:
    """Run ``tasks`` on ``executor`` (``None``: here, one after another) and yield each
    result as it finishes. At most ``in_flight`` tasks are queued at once."""
    if executor is None:
        for task in tasks:
            yield convert_page(task)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    pending: set[Future[PageResult]] = set()
    iterator = iter(tasks)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                try:
                    task = next(iterator)
                except StopIteration:
                    exhausted = True
                    break
                pending.add(executor.submit(convert_page, task))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        for future in pending:
            future.cancel()


def make_executor(kind: str, jobs: int, scheduler: str | None = None) -> tuple[Executor | None, Callable[[], None]]:
    """An executor for ``kind`` (``process``, ``thread``, ``dask``) and a function that
    shuts it down. ``process`` with one job runs in this process (``None``)."""
    if kind == "dask":
        try:
            from distributed import Client
        except ImportError:
            from .errors import UsageError

            raise UsageError(
                "--executor dask needs the 'distributed' package (pip install 'dask[distributed]')"
            ) from None
        client = (
            Client(scheduler) if scheduler else Client(processes=True, n_workers=max(1, jobs), threads_per_worker=1)
        )
        return client.get_executor(), client.close
    if jobs <= 1:
        return None, lambda: None
    if kind == "thread":
        from concurrent.futures import ThreadPoolExecutor

        pool: Executor = ThreadPoolExecutor(max_workers=jobs)
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker)

    def shutdown() -> None:
        pool.shutdown(wait=True, cancel_futures=True)

    return pool, shutdown
