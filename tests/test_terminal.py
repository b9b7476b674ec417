"""Nothing hostile reaches a terminal: control characters in file names, fields and
plugin text are shown escaped in error messages, ``convert inspect`` and ``--list-formats``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env

from convert_core import testing
from convert_core.terminal import printable
from convert_core.treeview import render_tree

PAGE = "卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区环卫局局长陈宏杰说。\n"
#: What a terminal obeys: ESC sequences (clear screen, OSC window title), BEL, 8-bit CSI,
#: a line end forging a new message, bidirectional overrides
DRIVING = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u2028")


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert_core", *args],
        capture_output=True,
        cwd=cwd,
        env={**subprocess_env(), **(env or {})},
    )


def clean(output: bytes) -> bool:
    text = output.decode("utf-8", "surrogateescape")
    return not any(char in text for char in DRIVING)


HOSTILE_NAME = "页\x1b]0;owned\x07\x1b[2J\x9b\u202egnp.txt"


def test_printable_escapes_what_drives_a_terminal_and_keeps_the_rest():
    assert printable("标题 <b>&") == "标题 <b>&"
    assert printable("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert printable("c\x9bd\u202ee\nf") == "c\\x9bd\\u202ee\\x0af"
    assert printable("n\udcffx") == "n\\xffx"  # a file name byte that is not UTF-8


def test_error_messages_escape_hostile_file_names(tmp_path):
    (tmp_path / HOSTILE_NAME).write_bytes(b"")
    result = run(HOSTILE_NAME, "-o", "out", cwd=tmp_path)
    assert result.returncode == 3 and b"input is empty" in result.stderr
    assert clean(result.stderr) and b"\\x1b]0;owned\\x07" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_inspect_escapes_file_names_and_fields(tmp_path):
    (tmp_path / HOSTILE_NAME).write_text(PAGE, "utf-8")
    result = run("inspect", HOSTILE_NAME, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert clean(result.stdout) and b"\\x1b[2J" in result.stdout


def test_the_tree_of_a_hostile_document_has_no_control_character():
    tree = render_tree(testing.hostile_document(), width=0)
    assert not any(char in tree for char in DRIVING)
    assert all(line.isprintable() or "\\" in line or line.strip() for line in tree.splitlines())


def test_a_hostile_json_document_is_refused_with_an_escaped_message(tmp_path):
    page = tmp_path / "page.json"
    data = {"schema_version": "1.0", "items": [{"type": "article", "headline": "\x1b]0;owned\x07\x1b[2J"}]}
    page.write_text(json.dumps(data), "utf-8")
    for args in (["inspect", str(page)], [str(page), "-o", "-"]):
        result = run(*args)
        assert result.returncode == 3 and clean(result.stdout + result.stderr)


PLUGIN = """
from convert_core import Exporter, hookimpl

@hookimpl
def register_exporters():
    return [Exporter('loud', '.loud', 'text/plain', 'says \\x1b]0;owned\\x07 hi', lambda d, o: b'x')]

@hookimpl
def transform_document(document, options):
    for item in document.items:
        item.headline = '\\u202e' + (item.headline or '')  # a bidi override: a document holds it
"""


def test_plugin_text_is_escaped_in_list_formats_and_inspect(tmp_path):
    (tmp_path / "loud_plugin.py").write_text(PLUGIN, "utf-8")
    (tmp_path / "page.txt").write_text(PAGE, "utf-8")
    env = subprocess_env(tmp_path)
    listed = run("--list-formats", "--plugin", "loud_plugin", env=env)
    assert listed.returncode == 0 and b"says \\x1b]0;owned\\x07 hi" in listed.stdout and clean(listed.stdout)
    tree = run("inspect", str(tmp_path / "page.txt"), "--plugin", "loud_plugin", env=env)
    assert tree.returncode == 0 and b"\\u202e" in tree.stdout and clean(tree.stdout)


CHOICE_PLUGIN = """
from convert_core import Exporter, ExporterOption, hookimpl

@hookimpl
def register_exporters():
    return [
        Exporter('pick', '.pick', 'text/plain', 'picks', lambda d, o: b'x',
                 options=(ExporterOption('mode', 'h', 'choice', 'a', ('a', 'b\x1b]0;owned\x07')),)),
        Exporter('typed', '.typed', 'text/pl\x1b[2Jain', 'typed', lambda d, o: b'x'),
    ]
"""


def test_a_plugins_choices_and_media_type_never_reach_the_terminal_raw(tmp_path):
    """``--help`` shows an exporter option's choices as argparse does, ``{a,b}``: ESC and
    BEL in a choice reached the terminal raw. A choice (typed on the command line) must be
    printable text without spaces and a media type printable ASCII, or the format is
    refused with an escaped warning, as a bad option name is."""
    (tmp_path / "choice_plugin.py").write_text(CHOICE_PLUGIN, "utf-8")
    env = subprocess_env(tmp_path)
    helped = run("--help", "--plugin", "choice_plugin", env=env)
    assert helped.returncode == 0 and clean(helped.stdout) and clean(helped.stderr)
    listed = run("--list-formats", "--plugin", "choice_plugin", env=env)
    assert listed.returncode == 0 and clean(listed.stdout) and clean(listed.stderr)
    assert b"choice 'b\\x1b]0;owned\\x07' must be printable" in listed.stderr, listed.stderr
    assert b"media type 'text/pl\\x1b[2Jain' is not type/subtype" in listed.stderr, listed.stderr


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_recorded_as_valid_text(tmp_path):
    name = os.fsdecode(b"p\xff\xfe.txt")
    (tmp_path / name).write_text(PAGE, "utf-8")
    result = run(name, "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["source"]["name"] == "p\ufffd\ufffd.txt"


WARNING_PLUGIN = """
import warnings
from convert_core import Exporter, hookimpl

def write(document, options):
    warnings.warn("odd headline: " + document.articles[0].headline)  # a plugin quoting the page
    return b"x"

@hookimpl
def register_exporters():
    return [Exporter("warner", ".warn", "text/plain", "warns", write)]
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_warning_that_quotes_a_hostile_page_is_one_escaped_line(tmp_path, jobs):
    # was: Python's own display, the message raw (the title set, the screen cleared) and
    # the line of source under it
    (tmp_path / "warner_plugin.py").write_text(WARNING_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text("报\x1b]0;owned\x07\u202e标题\n\n本报讯 正文内容。\n", "utf-8")
    args = [str(pages), "--to", "warner", "-o", str(tmp_path / "out"), "-j", jobs, "--plugin", "warner_plugin"]
    result = run(*args, env=subprocess_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert b"convert: warning: odd headline: " in result.stderr and clean(result.stderr), result.stderr
    assert b"warnings.warn(" not in result.stderr  # no line of source under it


def logging_plugin(name: str, format_name: str, logs: str) -> str:
    """The source of plugin ``name``, whose format ``format_name`` logs a page's headline as
    ``logs`` (lines of its writer) says, then an exception with ESC in its message."""
    return (
        """
import logging
import os
import sys
from convert_core import Exporter, hookimpl

log = logging.getLogger("NAME")

def write(document, options):
    headline = document.articles[0].headline
LOGS
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("failed \\x1b[2J")
    return b"x"

@hookimpl
def register_exporters():
    return [Exporter("FORMAT", ".log", "text/plain", "logs", write)]
""".replace("NAME", name)
        .replace("FORMAT", format_name)
        .replace("LOGS", logs)
    )


LOGGING_PLUGIN = logging_plugin(
    "logger_plugin",
    "logger",
    """
    log.warning("odd headline: %s", headline)  # no handler: Python's last resort
    logging.error("\\x1b]0;owned\\x07 root logger")  # sets up the default display first""",
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_what_python_shows_of_a_plugins_log_records_is_escaped(tmp_path, jobs):
    # was: the last-resort handler and the default basicConfig wrote the message raw
    (tmp_path / "logger_plugin.py").write_text(LOGGING_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text("\u202e标题\n\n本报讯 正文内容。\n", "utf-8")
    args = [str(pages), "--to", "logger", "-o", str(tmp_path / "out"), "-j", jobs, "--plugin", "logger_plugin"]
    result = run(*args, env=subprocess_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert b"convert: log: odd headline: \\u202e" in result.stderr, result.stderr
    assert b"\\x1b]0;owned\\x07 root logger (root, ERROR)" in result.stderr
    assert b"ZeroDivisionError" in result.stderr  # the traceback kept, its lines escaped
    assert clean(result.stderr), result.stderr


OWN_HANDLERS_PLUGIN = logging_plugin(
    "own_handlers_plugin",
    "ownlog",
    """
    if not log.handlers:
        logging.basicConfig(level=logging.INFO)  # its own display: a StreamHandler on standard error
        mine = logging.StreamHandler(sys.stderr)
        mine.setFormatter(logging.Formatter("[%(levelname)s] %(name)s says %(message)s"))
        log.addHandler(mine)
        kept = logging.FileHandler(os.environ["OWN_LOG_FILE"], encoding="utf-8")
        kept.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(kept)
    log.info("odd headline: %s", headline)
    log.warning("two lines\\nconvert: error: forged")""",
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugins_own_log_handlers_on_the_terminal_are_escaped_and_its_files_kept(tmp_path, jobs):
    """Handlers a plugin sets up itself (``basicConfig(level=…)``, a ``StreamHandler`` of its
    own format on standard error) wrote a page's text raw to the terminal (a bidirectional
    override, ESC, a line end forging a line of ours): they keep their formats, and what
    they write to standard error or output is escaped as every message of the run is, a
    line of text per line of their display; a handler that writes a file (a
    ``FileHandler``) gets the text as logged."""
    (tmp_path / "own_handlers_plugin.py").write_text(OWN_HANDLERS_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("\u202e标题\n\n本报讯 正文内容。\n", "utf-8")
    log_file = tmp_path / "plugin.log"
    args = [str(pages), "--to", "ownlog", "-o", str(tmp_path / "out"), "-j", jobs, "--plugin", "own_handlers_plugin"]
    result = run(*args, env=subprocess_env(tmp_path, OWN_LOG_FILE=str(log_file)))
    assert result.returncode == 0, result.stderr
    assert clean(result.stderr), result.stderr
    lines = result.stderr.decode("utf-8").splitlines()
    assert "INFO:own_handlers_plugin:odd headline: \\u202e标题" in lines  # basicConfig's own format
    assert "[INFO] own_handlers_plugin says odd headline: \\u202e标题" in lines  # the plugin's format
    assert "[WARNING] own_handlers_plugin says two lines\\x0aconvert: error: forged" in lines
    assert not any(line.startswith("convert: error") for line in lines)
    assert "ZeroDivisionError: division by zero" in lines  # a traceback keeps its lines
    assert "[ERROR] own_handlers_plugin says failed \\x1b[2J" in lines
    assert log_file.read_text("utf-8").splitlines()[:2] == ["odd headline: \u202e标题", "two lines"]
