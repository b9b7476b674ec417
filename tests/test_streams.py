"""Standard streams and endless inputs: closed, full, broken or bottomless, each is a
documented exit code and one line — never a traceback, never a silent success."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import subprocess_env

import convert_core
from convert_core import InputError

PAGE = "卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区环卫局局长陈宏杰说。\n"
COMMAND = [sys.executable, "-m", "convert_core"]


def one_line(stderr: bytes, words: bytes) -> None:
    assert words in stderr and b"Traceback" not in stderr, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


def _args(args: list[str], page: Path) -> list[str]:
    return [str(page) if arg == "PAGE" else arg for arg in args]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, "utf-8")
    return path


def test_a_closed_standard_output_is_an_output_error(page):
    result = subprocess.run([*COMMAND, str(page), "-o", "-"], stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 4
    one_line(result.stderr, b"standard output: it is closed")


def test_a_closed_standard_input_is_an_input_error():
    result = subprocess.run([*COMMAND, "-", "-o", "-"], capture_output=True, preexec_fn=lambda: os.close(0))
    assert result.returncode == 3 and result.stdout == b""
    one_line(result.stderr, b"standard input is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["PAGE", "-o", "-"], ["inspect", "PAGE"], ["--list-formats"], ["--help"]])
def test_a_full_standard_output_is_an_output_error(page, args):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*COMMAND, *_args(args, page)], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 4
    one_line(result.stderr, b"No space left on device")


@pytest.mark.parametrize("args", [["PAGE", "-o", "-"], ["inspect", "PAGE"]])
def test_a_broken_pipe_is_not_success(page, args):
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        result = subprocess.run([*COMMAND, *_args(args, page)], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert result.returncode == 4
    one_line(result.stderr, b"broken pipe")


def test_max_bytes_holds_for_devices_fifos_and_standard_input(tmp_path):
    zero = subprocess.run([*COMMAND, "/dev/zero", "--max-bytes", "1000", "-o", "-"], capture_output=True, timeout=60)
    assert zero.returncode == 3
    one_line(zero.stderr, b"over the limit of 1,000 (--max-bytes)")

    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as handle, __import__("contextlib").suppress(BrokenPipeError):
            for _ in range(1000):
                handle.write(b"x" * 65536)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    piped = subprocess.run([*COMMAND, str(fifo), "--max-bytes", "5000", "-o", "-"], capture_output=True, timeout=60)
    assert piped.returncode == 3
    one_line(piped.stderr, b"over the limit of 5,000")
    writer.join(timeout=30)

    command = [*COMMAND, "-", "--max-bytes", "100", "-o", "-"]
    stdin = subprocess.run(command, input=PAGE.encode() * 10, capture_output=True, timeout=60)
    assert stdin.returncode == 3
    one_line(stdin.stderr, b"standard input: more than 100 bytes")


def test_the_library_reads_a_fifo_only_up_to_the_limit(tmp_path):
    from convert_core.api import read_limited

    class Endless:
        reads = 0

        def read(self, size: int) -> bytes:
            self.reads += 1
            return b"x" * size

    endless = Endless()
    with pytest.raises(InputError, match="over the limit of 10"):
        read_limited(endless, 10, "endless")
    assert endless.reads == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_and_named(encoding):
    document = convert_core.parse(PAGE.encode(encoding), transform=False)
    assert document.items[0].headline == "卫东区积极开展爱国卫生月活动"
    assert document.metadata.source.encoding == encoding
    assert any("no byte-order mark" in d.message for d in document.diagnostics)
    english = convert_core.parse("A headline\n\nThe body of the story.\n".encode(encoding), transform=False)
    assert english.metadata.source.encoding == encoding


def test_broken_utf16_without_a_byte_order_mark_is_named_not_binary():
    data = (PAGE * 5).encode("utf-16-le")[:-1]  # an odd byte count: cut in a character
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        convert_core.parse(data, transform=False)
    with pytest.raises(InputError, match="binary"):
        convert_core.parse(bytes(5000), transform=False)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_byte_order_mark_is_read_and_named(encoding):
    # was: "input looks like a binary file, not text"
    document = convert_core.parse(PAGE.encode(encoding), transform=False)
    assert document.items[0].headline == "卫东区积极开展爱国卫生月活动"
    assert document.metadata.source.encoding == encoding
    assert any("no byte-order mark" in d.message for d in document.diagnostics)
    with pytest.raises(InputError, match="UTF-32 without a byte-order mark"):
        convert_core.parse((PAGE * 5).encode(encoding)[:-1], transform=False)  # cut in a character
    with pytest.raises(InputError, match="binary"):  # small numbers of four bytes: no text
        convert_core.parse(b"".join((n % 17).to_bytes(4, "little") for n in range(3000)), transform=False)


PRINTING_PLUGIN = """
import os, subprocess, sys
from convert_core import hookimpl

@hookimpl
def transform_document(document, options):
    print("chatter from print")
    sys.stdout.write("chatter from sys.stdout\\n")
    os.write(1, b"chatter from fd 1\\n")
    subprocess.run([sys.executable, "-c", "print('chatter from a child')"])
"""


@pytest.mark.parametrize("args", [["PAGE", "-o", "-"], ["inspect", "PAGE"]])
def test_a_plugin_printing_to_standard_output_cannot_corrupt_it(tmp_path, page, args):
    (tmp_path / "printing_plugin.py").write_text(PRINTING_PLUGIN, "utf-8")
    command = [*COMMAND, *_args(args, page), "--plugin", "printing_plugin"]
    result = subprocess.run(command, capture_output=True, env=subprocess_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert b"chatter" not in result.stdout
    assert result.stderr.count(b"chatter") == 4
    if args[1:] == ["-o", "-"]:
        assert json.loads(result.stdout)["items"][0]["headline"] == "卫东区积极开展爱国卫生月活动"


@pytest.mark.parametrize("args", [["PAGE", "-o", "-"], ["inspect", "PAGE"]])
def test_with_standard_error_closed_a_plugins_prints_still_never_reach_standard_output(tmp_path, page, args):
    """Standard error closed at the start (``2>&-``): what a plugin printed went into the
    data on standard output (the run pointed descriptor 1 at its private copy of it)."""
    (tmp_path / "printing_plugin.py").write_text(PRINTING_PLUGIN, "utf-8")
    command = [*COMMAND, *_args(args, page), "--plugin", "printing_plugin"]
    result = subprocess.run(
        command, stdout=subprocess.PIPE, env=subprocess_env(tmp_path), preexec_fn=lambda: os.close(2)
    )
    assert result.returncode == 0 and b"chatter" not in result.stdout, result.stdout
    if args[1:] == ["-o", "-"]:
        assert json.loads(result.stdout)["items"][0]["headline"] == "卫东区积极开展爱国卫生月活动"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_with_standard_error_closed_converts_every_page(tmp_path, page, jobs):
    """``convert pages -o out 2>&-`` (a job whose messages no one keeps): every batch run
    was an internal error before any page, exit 1 — Python's ``sys.stderr`` is ``None``."""
    (tmp_path / "other.txt").write_text(PAGE, "utf-8")
    command = [*COMMAND, str(page), str(tmp_path / "other.txt"), "-o", str(tmp_path / "out"), "-j", jobs]
    result = subprocess.run(command, stdout=subprocess.PIPE, env=subprocess_env(), preexec_fn=lambda: os.close(2))
    assert result.returncode == 0 and result.stdout == b""
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [".convert-state.json", "convert-report.json", "other.json", "page.json"]
    failed = subprocess.run([*command, "--to", "nosuch"], env=subprocess_env(), preexec_fn=lambda: os.close(2))
    assert failed.returncode == 2


def test_a_fifo_among_the_pages_of_a_batch_is_read_whole(tmp_path, page):
    """Planning names for pages of several pages (a PDF's ``NAME-pN``) looks at each page
    file's first bytes: a FIFO or a process substitution given as a page must never be
    opened there, its first bytes lost to the page (or the run waiting for a writer)."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(PAGE.encode())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = subprocess.run(
        [*COMMAND, str(fifo), str(page), "--to", "json", "-o", str(tmp_path / "out")], capture_output=True, timeout=60
    )
    writer.join(timeout=30)
    assert result.returncode == 0, result.stderr
    read = json.loads((tmp_path / "out" / "fifo.json").read_text("utf-8"))
    assert read["metadata"]["source"]["bytes"] == len(PAGE.encode())


def test_standard_input_among_the_pages_of_a_parallel_batch_is_converted(tmp_path):
    """``cat p.txt | convert - a.txt b.txt -j 2``: the page on standard input was read by
    a worker process, whose standard input is ``/dev/null`` — ``input is empty``, exit 3,
    the page lost. It is read once, by the run, and handed to its worker."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE, "utf-8")
    command = [
        *COMMAND,
        "-",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "--to",
        "json",
        "-o",
        str(tmp_path / "out"),
    ]
    result = subprocess.run([*command, "-j", "2"], input=PAGE.encode(), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out" / "page.json").read_text("utf-8"))["items"][0]["headline"]


READING_PLUGIN = """
import os, sys
from convert_core import Exporter, hookimpl

def write(document, options):
    sys.stdin.read()  # a plugin (or a tool it starts) that waits on standard input
    os.read(0, 10)
    return b"x"

@hookimpl
def register_exporters():
    return [Exporter("reader", ".read", "text/plain", "reads standard input", write)]
"""


@pytest.mark.parametrize("args", [["-j", "1"], ["-j", "2"], ["-o", "-"]], ids=["inline", "workers", "stdout"])
def test_a_plugin_reading_standard_input_never_waits_on_the_callers(tmp_path, args):
    """Run with standard input a pipe the caller keeps open (a supervisor, ``ssh``, CI): a
    plugin that read it waited for ever (the warm-up of ``-j N`` too). Once the run has
    read its page from it, or when no page comes from it, it is ``/dev/null``."""
    (tmp_path / "reading_plugin.py").write_text(READING_PLUGIN, "utf-8")
    pages = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    for name in pages:
        Path(name).write_text(PAGE, "utf-8")
    if args[0] == "-o":
        command = [*COMMAND, pages[0], "--to", "reader", *args]
    else:
        command = [*COMMAND, *pages, "--to", "reader", "-o", str(tmp_path / "out"), *args]
    read_end, write_end = os.pipe()  # standard input the caller keeps open, and never writes
    try:
        with open(tmp_path / "err", "wb") as err, open(tmp_path / "outs", "wb") as out:
            process = subprocess.Popen(
                [*command, "--plugin", "reading_plugin"],
                stdin=read_end,
                stdout=out,
                stderr=err,
                env=subprocess_env(tmp_path),
            )
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                pytest.fail("the run waited on standard input")
    finally:
        os.close(read_end)
        os.close(write_end)
    assert process.returncode == 0, (tmp_path / "err").read_bytes()


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
@pytest.mark.parametrize("name", ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "a link to /dev/stdin"])
@pytest.mark.parametrize(
    "command", [["-o", "-", "--to", "json"], ["OTHER", "-o", "out", "-j", "2"], ["inspect"], ["evaluate"]]
)
def test_standard_input_by_another_name_is_read_as_standard_input(tmp_path, name, command):
    """A page named ``/dev/stdin`` (``/dev/fd/0``, a link to it) is standard input by
    another name: the run had pointed standard input at ``/dev/null`` before reading it
    (plugin code must never wait on the caller's pipe), so the piped page read as
    ``input is empty`` (exit 3), with ``-o -``, in a batch and in ``inspect``. It is read
    as ``-`` is, and so by ``evaluate`` (which read it before)."""
    if name.startswith("a link"):
        (tmp_path / "piped.txt").symlink_to("/dev/stdin")
        name = "piped.txt"
    (tmp_path / "other.txt").write_text(PAGE.replace("卫东区", "西城区"), "utf-8")
    gold = tmp_path / "gold.json"
    gold.write_bytes(convert_core.export_bytes(convert_core.parse(PAGE), "json"))
    if command == ["inspect"]:
        args = ["inspect", name]
    elif command == ["evaluate"]:
        args = ["evaluate", name, "--gold", str(gold)]
    else:
        args = [name, *["other.txt" if arg == "OTHER" else arg for arg in command]]
    result = subprocess.run(
        [*COMMAND, *args], input=PAGE.encode(), capture_output=True, cwd=tmp_path, env=subprocess_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    if "out" in command:
        assert "卫东区" in (tmp_path / "out" / "page.json").read_text("utf-8")
        assert (tmp_path / "out" / "other.json").is_file()
    elif command != ["evaluate"]:
        assert "卫东区积极开展爱国卫生月活动" in result.stdout.decode()


@pytest.mark.parametrize("args", [["-", "-o", "-"], ["-", "-o", "out"], ["FIFO", "-o", "-"]])
def test_sigterm_while_a_page_is_read_from_a_pipe_stops_the_run(tmp_path, args):
    """A page read from a pipe or FIFO whose writer is slow: SIGTERM (or Ctrl-C) that came
    between two of the buffered reader's reads was acted on only once a megabyte or the
    end came — the run waited on (here: for ever). Each read is one system call now."""
    reading, writing = os.pipe()
    os.set_blocking(writing, False)
    fifo = tmp_path / "page.txt"
    if "FIFO" in args:
        os.mkfifo(fifo)
    process = subprocess.Popen(
        [*COMMAND, *[str(fifo) if arg == "FIFO" else arg for arg in args]],
        stdin=reading if args[0] == "-" else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=subprocess_env(),
        cwd=tmp_path,
    )
    os.close(reading)
    if "FIFO" in args:
        os.close(writing)
        writing = os.open(fifo, os.O_WRONLY)  # (waits for the run to open it)
        os.set_blocking(writing, False)
    try:
        try:
            while True:  # a full pipe: there is room again once the run reads it
                os.write(writing, PAGE.encode() * 256)
        except BlockingIOError:
            pass
        import select

        _, ready, _ = select.select([], [writing], [], 120)
        assert ready, "the run never read the page"
        process.terminate()
        stderr = process.communicate(timeout=60)[1]  # (a bound only a failure reaches)
    finally:
        process.kill()
        os.close(writing)
    assert process.returncode == 143 and b"stopped by signal 15" in stderr, stderr
