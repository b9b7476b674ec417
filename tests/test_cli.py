"""The `convert` command: formats, outputs, metadata options, errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import subprocess_env


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert_core", *args],
        capture_output=True,
        input=stdin,
        env={**subprocess_env(), **(env or {})},
    )


def test_help_teaches_with_examples_and_exit_codes():
    result = run("--help")
    out = result.stdout.decode()
    assert result.returncode == 0
    for expected in ("--to", "--list-formats", "examples:", "exit codes:", "convert inspect", "python -m convert_core"):
        assert expected in out


def test_version():
    result = run("--version")
    assert result.returncode == 0 and b"bulletin-convert" in result.stdout


def test_list_formats_shows_plugin_extension_description():
    out = run("--list-formats").stdout.decode()
    assert out.splitlines()[0].split() == ["FORMAT", "EXT", "PLUGIN", "DESCRIPTION"]
    assert any(line.split()[:3] == ["json", ".json", "json"] for line in out.splitlines())


def test_writes_into_output_directory(seed_path, tmp_path):
    result = run(str(seed_path), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "out" / "000_80fb9983b63b8a66.json"
    assert json.loads(written.read_text("utf-8"))["items"]
    assert f"wrote {written}".encode() in result.stderr
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")], "no temporary files left"


def test_all_formats(seed_path, tmp_path):
    result = run(str(seed_path), "--to", "all", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert "000_80fb9983b63b8a66.json" in names and "000_80fb9983b63b8a66.md" in names


def test_stdin_and_metadata_options(seed_path):
    result = run(
        "-",
        "--to",
        "json",
        "-o",
        "-",
        "--publication",
        "平顶山日报",
        "--date",
        "2020-04-28",
        "--page",
        "3",
        stdin=seed_path.read_bytes(),
    )
    assert result.returncode == 0, result.stderr
    meta = json.loads(result.stdout)["metadata"]
    assert (meta["publication"], meta["edition_date"], meta["date_source"], meta["page"]) == (
        "平顶山日报",
        "2020-04-28",
        "option",
        "3",
    )


def test_json_input_re_exports(seed_path, tmp_path):
    first = run(str(seed_path), "--to", "json", "-o", str(tmp_path))
    assert first.returncode == 0
    page_json = tmp_path / "000_80fb9983b63b8a66.json"
    again = run(str(page_json), "--to", "json", "-o", "-")
    assert again.returncode == 0, again.stderr
    assert again.stdout == page_json.read_bytes()


def test_gb18030_crlf_input(seed_path, tmp_path):
    page = tmp_path / "gbk.txt"
    page.write_bytes(seed_path.read_text("utf-8").replace("\n", "\r\n").encode("gb18030"))
    result = run(str(page), "--to", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["items"]) == 10 and data["metadata"]["source"]["encoding"] == "gb18030"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--to", "nosuch"], 2, b"unknown format 'nosuch'"),
        (["--to", "json", "--date", "2020-13-40"], 2, b"date must be YYYY-MM-DD"),
        (["--to", "json,markdown", "-o", "-"], 2, b"-o - writes one format"),
        (["--bogus-option"], 2, b"unrecognized arguments"),
    ],
)
def test_usage_errors(seed_path, tmp_path, args, code, message):
    result = run(str(seed_path), *args)
    assert result.returncode == code
    assert message in result.stderr
    assert b"Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", b"empty"),
        (b"  \n\t\n\xe3\x80\x80\n", b"empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PNG"),
        (b'{"schema_version": "9.0", "items": []}', b"newer"),
        (b'{"schema_version": "1.0", "items": [}', b"invalid JSON"),
    ],
)
def test_bad_input_is_one_line_exit_3(tmp_path, content, message):
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    result = run(str(page), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 3, result.stderr
    assert message in result.stderr
    assert b"Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_json_file_that_is_not_json_is_exit_3(tmp_path):
    page = tmp_path / "page.json"
    page.write_text("{not json", "utf-8")
    result = run(str(page), "--to", "json", "-o", "-")
    assert result.returncode == 3 and b"invalid JSON" in result.stderr


def test_missing_file_and_debug(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.returncode == 3 and b"no such file" in result.stderr
    debug = run(str(tmp_path / "nope.txt"), "--debug")
    assert b"Traceback" in debug.stderr


def test_output_that_is_a_file_is_an_output_error(seed_path, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    result = run(str(seed_path), "--to", "json", "-o", str(blocker))
    assert result.returncode == 4 and b"not a directory" in result.stderr


def test_several_inputs_one_bad_still_converts_the_others(seed_path, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run(str(bad), str(seed_path), "--to", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 3
    assert (tmp_path / "out" / "000_80fb9983b63b8a66.json").exists()


def test_strict_refuses_a_page_with_doubts(seed_path, tmp_path):
    # the seed has one doubt: a character probably lost at a column break
    result = run(str(seed_path), "--to", "json", "-o", str(tmp_path), "--strict")
    assert result.returncode == 6 and b"possible-lost-character" in result.stderr
    clean = tmp_path / "clean.txt"
    clean.write_text("标题一行\n\n本报讯（记者 李明）正文第一段。\n", "utf-8")
    assert run(str(clean), "--to", "json", "-o", str(tmp_path), "--strict").returncode == 0


def test_inspect_shows_the_tree_and_diagnostics(seed_path):
    result = run("inspect", str(seed_path))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "10 items: 7 articles, 3 photos" in out
    assert "headline    卫东区全面开展巡察整改“清零”行动" in out
    assert "credits     photographer 高鸿勋" in out
    assert "possible-lost-character" in out


def test_inspect_sets_a_furniture_kind_apart_from_its_text():
    """The longest kind's name (``advertisement``) ran into its text."""
    from convert_core.model import Document, Furniture
    from convert_core.treeview import render_tree

    document = Document(
        furniture=[Furniture("advertisement", "爆料电话：0571-85100000", 23), Furniture("date", "2026", 2)]
    )
    lines = [line for line in render_tree(document).splitlines() if line.startswith("  line ")]
    assert lines == ["  line 23: advertisement 爆料电话：0571-85100000", "  line 2: date          2026"]


def test_inspect_marks_an_editors_note():
    page = Path(__file__).parent / "fixtures" / "pages" / "10_series_grassroots_pdf.txt"
    out = run("inspect", str(page)).stdout.decode()
    assert "¶2        ——编 者 [editor's note]" in out
    assert "¶3        上午10点多" in out and "[editor's note]" not in out.split("¶3", 1)[1].split("\n")[0]


def test_validate_json(seed_path, tmp_path):
    result = run(str(seed_path), "--to", "json", "-o", str(tmp_path), "--validate")
    assert result.returncode == 0, result.stderr
    assert b"valid json" in result.stderr


def test_a_failing_plugin_does_not_stop_other_formats(seed_path, tmp_path):
    plugin_dir = tmp_path / "plug"
    plugin_dir.mkdir()
    (plugin_dir / "exploding_plugin.py").write_text(
        "from convert_core import Exporter, hookimpl\n"
        "def write(document, options):\n    raise RuntimeError('kaboom')\n"
        "@hookimpl\ndef register_exporters():\n"
        "    return [Exporter('boom', '.boom', 'text/plain', 'explodes', write)]\n"
    )
    env = subprocess_env(plugin_dir)
    result = run(
        str(seed_path), "--to", "boom,json", "-o", str(tmp_path / "out"), "--plugin", "exploding_plugin", env=env
    )
    assert result.returncode == 7
    assert b"exploding_plugin" in result.stderr and b"kaboom" in result.stderr
    assert (tmp_path / "out" / "000_80fb9983b63b8a66.json").exists()


def test_counts_of_one_are_said_in_the_singular(tmp_path):
    """``1 items: 1 articles``, ``1 paragraph, 1 blocks`` (``convert inspect``), ``the page has
    1 items, over the limit of 0 (--max-items)``."""
    page = tmp_path / "page.txt"
    page.write_text("卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区召开会议。\n", "utf-8")
    out = run("inspect", str(page)).stdout.decode()
    assert "  1 item: 1 article, 0 photos" in out and "1 paragraph, 1 block\n" in out
    result = run(str(page), "--max-items", "0", "-o", "-")
    assert result.returncode == 3 and b"the page has 1 item, over the limit of 0 (--max-items)" in result.stderr


def test_a_plugin_that_fails_to_load_is_a_one_line_warning(seed_path, tmp_path):
    result = run(str(seed_path), "--to", "json", "-o", "-", "--plugin", "no_such_plugin_module")
    assert result.returncode == 0
    assert b"warning: plugin 'no_such_plugin_module'" in result.stderr


@pytest.mark.parametrize("value", ["./my_plugin.py", "", "os.", "a b", "x\x1b]0;t\x07"])
@pytest.mark.parametrize("command", [[], ["inspect"], ["evaluate", "--gold", "g.json"]])
def test_a_plugin_value_that_is_no_module_name_is_a_usage_error(seed_path, value, command):
    """``--plugin ./my_plugin.py`` (a path), ``''``, ``os.``: a warning in Python's words
    (``the 'package' argument is required to perform a relative import``, ``Empty module
    name``) and the run went on without the plugin, exit 0; now a usage error naming the
    option, on every command, before any page (a traceback, with the check in the
    pre-parser)."""
    result = run(*command, str(seed_path), "--plugin", value, "-o", "-")
    assert result.returncode == 2, result.stderr
    assert b"argument --plugin: the value must be a module's name" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and b"\x1b" not in result.stderr
    assert result.stdout == b""


@pytest.mark.parametrize("command", [[], ["inspect"], ["evaluate", "--gold", "g.json"]])
def test_a_disable_plugin_value_that_is_no_name_is_a_usage_error(seed_path, command):
    """``--disable-plugin ''`` was taken without a word (and disabled nothing): a usage
    error naming the option, on every command, before any page — as ``--plugin ''``."""
    for value in ("", "  ", "x\x1b]0;t\x07"):
        result = run(*command, str(seed_path), "--disable-plugin", value, *([] if command else ["-o", "-"]))
        assert result.returncode == 2, result.stderr
        assert b"argument --disable-plugin: the value must be a plugin's name" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and b"\x1b" not in result.stderr
        assert result.stdout == b""


def test_a_module_of_no_hooks_or_a_name_no_plugin_has_is_a_one_line_warning(seed_path, tmp_path):
    """``--plugin os`` (a module that implements no hook) and ``--disable-plugin nosuch``
    (a typo: the plugin meant stays loaded) were taken without a word: each is now a
    one-line warning, as a plugin that fails to load is, on ``convert`` (one page, a
    batch, ``--list-formats``), ``inspect`` and ``evaluate`` (which said nothing of a
    plugin that failed to load either), and in the library's ``registry.failures``; the
    page is converted. A name an installed plugin has is disabled without a word, also
    one of an entry point that ``--no-plugin-autoload`` leaves unloaded."""
    from convert_core.plugins import PluginRegistry

    registry = PluginRegistry(plugins=["os"], disabled=["nosuch", "docx"], environment=False)
    said = {failure.plugin: failure.message for failure in registry.failures}
    assert said["os"].startswith("not a plugin: it implements none of the hooks (register_exporters")
    assert said["nosuch"].startswith("not disabled: no plugin has that name (plugins: docx, epub, json")
    assert set(said) == {"os", "nosuch"} and "docx" not in registry.exporters()
    assert not registry.pm.has_plugin("os")
    gold = tmp_path / "p.expected.json"
    gold.write_bytes(seed_path.with_name(seed_path.name.replace(".txt", ".expected.json")).read_bytes())
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(seed_path.read_bytes())
    for command in (
        [str(seed_path), "--to", "json", "-o", "-"],
        [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--to", "json", "-o", str(tmp_path / "out"), "--force"],
        ["--list-formats"],
        ["inspect", str(seed_path)],
        ["evaluate", str(seed_path), "--gold", str(gold)],
    ):
        for option, warning in (
            (["--plugin", "os"], b"warning: plugin 'os': not a plugin: it implements none of the hooks"),
            (["--disable-plugin", "nosuch"], b"warning: plugin 'nosuch': not disabled: no plugin has that name"),
            (["--plugin", "no_such_plugin_module"], b"warning: plugin 'no_such_plugin_module': failed to load"),
        ):
            result = run(*command, *option)
            assert result.returncode == 0, (command, result.stderr)
            assert result.stderr.count(warning) == 1, (command, result.stderr)
    quiet = run("--list-formats", "--no-plugin-autoload", "--disable-plugin", "markdown", "--disable-plugin", "docx")
    assert quiet.returncode == 0 and quiet.stderr == b"", quiet.stderr
    given = run("--list-formats", "--plugin", "bulletin_convert_json", "--disable-plugin", "bulletin_convert_json")
    assert given.returncode == 0 and given.stderr == b"", given.stderr  # a plugin given and disabled: a name it has


def test_no_plugin_autoload_hides_third_party_formats():
    out = run("--list-formats", "--no-plugin-autoload").stdout.decode()
    assert "json" in out and "markdown" not in out


def test_python_dash_m_and_console_script_agree(seed_path):
    via_module = run(str(seed_path), "--to", "json", "-o", "-").stdout
    script = Path(sys.executable).with_name("convert")
    via_script = subprocess.run([str(script), str(seed_path), "--to", "json", "-o", "-"], capture_output=True).stdout
    assert via_module == via_script


def test_options_that_clash_between_exporters_get_format_prefixes():
    from convert_core import Exporter, ExporterOption
    from convert_core.cli import build_parser, option_flags

    def writer(document, options):
        return b""

    exporters = {
        "aaa": Exporter("aaa", ".a", "text/plain", "a", writer, options=(ExporterOption("level", "h", "int"),)),
        "bbb": Exporter(
            "bbb", ".b", "text/plain", "b", writer, options=(ExporterOption("level", "h", "choice", None, ("x", "y")),)
        ),
        "ccc": Exporter("ccc", ".c", "text/plain", "c", writer, options=(ExporterOption("title", "h"),)),
        "ddd": Exporter("ddd", ".d", "text/plain", "d", writer, options=(ExporterOption("title", "h"),)),
    }
    flags = option_flags(exporters)
    assert flags[("aaa", "level")] == "--aaa-level" and flags[("bbb", "level")] == "--bbb-level"
    assert flags[("ccc", "title")] == flags[("ddd", "title")] == "--title"
    args = build_parser(exporters).parse_args(["x.txt", "--aaa-level", "3", "--bbb-level", "y", "--title", "T"])
    assert (args.fmt_aaa_level, args.fmt_bbb_level, args.fmt_title) == (3, "y", "T")


def test_a_corrected_json_parse_exports_to_docx(seed_path, tmp_path):
    """Fix a parse by hand in its JSON form, then export it: `convert page.json --to docx`."""
    first = run(str(seed_path), "--to", "json", "-o", str(tmp_path))
    assert first.returncode == 0
    page_json = tmp_path / "000_80fb9983b63b8a66.json"
    data = json.loads(page_json.read_text("utf-8"))
    data["items"][0]["headline"] = "改过的标题"
    page_json.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run(str(page_json), "--to", "docx", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    import docx

    document = docx.Document(str(tmp_path / "out" / "000_80fb9983b63b8a66.docx"))
    assert "改过的标题" in [paragraph.text for paragraph in document.paragraphs]


def test_list_formats_warns_once_per_broken_plugin():
    result = run("--list-formats", "--plugin", "no_such_plugin_module")
    assert result.returncode == 0
    assert result.stderr.count(b"warning: plugin") == 1


def test_max_bytes_holds_for_json_input_in_a_directory_run(seed_path, tmp_path):
    page = tmp_path / "page.json"
    page.write_bytes(run(str(seed_path), "--to", "json", "-o", "-").stdout)
    for output in ("-", str(tmp_path / "out")):
        result = run(str(page), "--to", "json", "-o", output, "--max-bytes", "100")
        assert result.returncode == 3, output
        assert b"--max-bytes" in result.stderr


def test_a_bad_language_is_one_usage_error_before_any_page(seed_path, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_bytes(seed_path.read_bytes())
    result = run(str(pages), "--to", "json", "-o", str(tmp_path / "out"), "--language", "!!")
    assert result.returncode == 2
    assert result.stderr.count(b"language") == 1
    assert not (tmp_path / "out").exists()


def test_no_partial_report_when_the_executor_cannot_start(seed_path, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_bytes(seed_path.read_bytes())
    (pages / "b.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    code = (
        "import sys; import convert_core.batch as b; from convert_core.errors import InputError\n"
        "def fail(*a, **k): raise InputError('no executor here')\n"
        "b.Pool = fail; from convert_core.cli import main;\n"
        f"sys.exit(main([{str(pages)!r}, '--to', 'json', '-o', {str(out)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == 3 and b"no executor here" in result.stderr
    assert not out.exists() or not list(out.rglob("*"))


def test_writers_are_warmed_once_before_workers_fork() -> None:
    """Before forking workers, each writer runs once on the sample document with the run's
    options (so forked workers share its imports and caches); a writer that fails there
    does not stop the batch (its pages report the failure)."""
    import multiprocessing

    from convert_core import Exporter
    from convert_core.cli import _warm_writers

    calls = []

    def good(document, options):
        calls.append((document.items[0].headline, dict(options)))
        return b"ok"

    def bad(document, options):
        raise RuntimeError("broken plugin")

    exporters = [
        Exporter(name="good", extension=".g", media_type="text/plain", description="good", writer=good),
        Exporter(name="bad", extension=".b", media_type="text/plain", description="bad", writer=bad),
    ]
    _warm_writers(exporters, {"good": {}})
    if multiprocessing.get_start_method() != "fork":
        assert calls == []  # spawned workers import everything anew: nothing to share
    else:
        assert len(calls) == 1 and calls[0][0]  # the sample's headline


def test_fsync_from_the_environment_travels_in_the_tasks(tmp_path, monkeypatch, seed_path) -> None:
    """BULLETIN_CONVERT_FSYNC=1 (read into output.FSYNC) is --fsync: it goes into every
    page's task, so workers on other machines flush too."""
    from convert_core import batch, output
    from convert_core.cli import main

    seen = []

    def record(tasks, executor=None, **kwargs):
        for task in tasks:
            seen.append(task.fsync)
            yield batch.convert_page(task)

    monkeypatch.setattr(output, "FSYNC", True)
    monkeypatch.setattr(batch, "run_batch", record)
    assert main([str(seed_path), "--to", "json", "-o", str(tmp_path), "-q"]) == 0
    assert seen == [True]


# ---------------------------------------------------------------------------- issue 14: a friendlier command


def test_usage_line_names_inspect_and_list_formats():
    usage = run("--help").stdout.decode().split("\n\n")[0]
    assert usage.splitlines() == [
        "usage: convert [options] INPUT [INPUT ...]",
        "       convert inspect [options] PAGE [PAGE ...]",
        "       convert evaluate [options] PAGE [PAGE ...] --gold DIR",
        "       convert train [options] PAGE [PAGE ...] --gold DIR -o MODEL",
        "       convert --list-formats",
    ]
    assert b"usage: convert [options]" in run("--bogus").stderr or run("--bogus").returncode == 2


def test_every_unknown_format_is_reported_with_what_was_meant(seed_path):
    result = run(str(seed_path), "--to", "docxx,json,epb,zzz", "-o", "-")
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert message.startswith("convert: error: unknown formats 'docxx', 'epb', 'zzz' (did you mean 'docx', 'epub'?)")
    assert len(message.splitlines()) == 1
    assert b"did you mean 'ninjs'?" in run(str(seed_path), "--to", "ninj", "-o", "-").stderr


def test_an_option_of_a_format_not_asked_for_is_warned_about(seed_path, tmp_path):
    result = run(
        str(seed_path),
        "--to",
        "json",
        "--docx-toc",
        "--no-ninjs-array",
        "--guid-authority",
        "a.cn",
        "-o",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.decode().splitlines() if "warning" in line]
    assert warnings == [
        "convert: warning: --docx-toc is an option of docx, which is not among the formats asked for; it has no effect",
        "convert: warning: --guid-authority is an option of newsml, ninjs, which is not among the formats asked for; "
        "it has no effect",
        "convert: warning: --ninjs-array is an option of ninjs, which is not among the formats asked for; it has no effect",
    ]
    asked = run(str(seed_path), "--to", "json,ninjs", "--guid-authority", "a.cn", "-o", str(tmp_path), "--force")
    assert b"warning" not in asked.stderr


def _on_a_terminal(*args: str) -> tuple[int, bytes, bytes]:
    """Run the command with a pseudo-terminal as standard output (read as it is written)."""
    import pty
    import threading

    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        try:
            while chunk := os.read(master, 65536):
                chunks.append(chunk)
        except OSError:  # the terminal's other end is closed: all is read
            pass

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        process = subprocess.Popen([sys.executable, "-m", "convert_core", *args], stdout=slave, stderr=subprocess.PIPE)
        _, err = process.communicate(timeout=120)
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    return process.returncode, b"".join(chunks), err


def test_a_binary_format_is_not_written_to_a_terminal(seed_path):
    code, out, err = _on_a_terminal(str(seed_path), "--to", "docx", "-o", "-")
    assert code == 2 and out == b""
    assert err.decode().strip() == (
        "convert: error: docx is a binary format (application/vnd.openxmlformats-officedocument.wordprocessingml"
        ".document); not writing it to a terminal: redirect standard output (> page.docx) or give a directory with -o"
    )
    code, out, _ = _on_a_terminal(str(seed_path), "--to", "epub", "-o", "-")
    assert code == 2 and out == b""
    code, out, _ = _on_a_terminal(str(seed_path), "--to", "newsml", "-o", "-")  # text is fine
    assert code == 0 and b"<newsMessage" in out
    piped = run(str(seed_path), "--to", "docx", "-o", "-")  # not a terminal: the bytes
    assert piped.returncode == 0 and piped.stdout[:2] == b"PK"


def test_standard_input_pages_are_named_page_or_by_name(seed_path, tmp_path):
    plain = run("-", "--to", "json", "-o", str(tmp_path / "a"), stdin=seed_path.read_bytes())
    assert plain.returncode == 0, plain.stderr
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["page.json"]
    named = run(
        "-", "--to", "json,newsml", "--name", "卫东-0428", "-o", str(tmp_path / "b"), stdin=seed_path.read_bytes()
    )
    assert named.returncode == 0, named.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["卫东-0428.json", "卫东-0428.newsml.xml"]
    for bad in ("a/b", "..", ""):
        result = run("-", "--to", "json", "--name", bad, "-o", str(tmp_path / "c"), stdin=b"x")
        assert result.returncode == 2 and b"--name" in result.stderr
    not_stdin = run(str(seed_path), "--name", "x", "-o", str(tmp_path / "d"))
    assert not_stdin.returncode == 2 and b"standard input" in not_stdin.stderr
