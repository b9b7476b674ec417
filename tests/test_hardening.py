"""Bad input, faults and hostile text: each row of docs/hardening.md is a test here.

Every case ends in a correct result or a clear one-line error with a documented exit
code — never a traceback, never a lost or half-written file.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import convert_core
from convert_core import InputError, OutputError, UsageError, testing
from convert_core.output import atomic_write, inside, safe_name

PAGE = "卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区环卫局局长陈宏杰说。\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, input=stdin)


def one_line_error(result: subprocess.CompletedProcess[bytes], code: int, words: bytes) -> None:
    assert result.returncode == code, result.stderr
    assert words in result.stderr, result.stderr
    assert b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty", b"", b"empty"),
        ("whitespace", " \t\r\n\u3000\n".encode(), b"empty"),
        ("png", b"\x89PNG\r\n\x1a\n" + bytes(200), b"PNG image"),
        ("jpeg", b"\xff\xd8\xff\xe0" + bytes(200), b"JPEG image"),
        ("zip", b"PK\x03\x04" + bytes(200), b"ZIP archive"),
        ("pdf", b"%PDF-1.7\n" + bytes(200), b"not a readable PDF"),
        ("undecodable", bytes(range(128, 256)) * 40, b"--encoding"),
    ],
)
def test_unreadable_input_is_exit_3(tmp_path, name, content, words):
    page = tmp_path / f"{name}.txt"
    page.write_bytes(content)
    one_line_error(run(str(page), "--to", "json", "-o", str(tmp_path / "out")), 3, words)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_give_the_same_page(encoding):
    document = convert_core.parse(PAGE.encode(encoding), transform=False)
    assert document.items[0].headline == "卫东区积极开展爱国卫生月活动"
    assert document.items[0].bylines[0].name == "王孟鹤"


def test_big5_pages_are_detected_as_traditional():
    text = "東區海濱長廊延伸段下月開放\n\n本報訊（記者 陳嘉欣）東區海濱長廊延伸段工程進入最後階段，預計下月中旬開放。\n"
    document = convert_core.parse(text.encode("big5"), transform=False)
    assert document.metadata.source.encoding == "big5"
    assert document.metadata.language == "zh-Hant"
    assert (document.items[0].dateline, document.items[0].bylines[0].name) == ("本報訊", "陳嘉欣")


def test_control_characters_are_stripped_and_recorded():
    text = "标题\x00有\x07控制\x1b字符\x85\n\n本报讯（记者 李明）正文\x00内容。\n"
    document = convert_core.parse(text, transform=False)
    assert document.items[0].headline == "标题有控制字符"
    codes = {diagnostic.code for diagnostic in document.diagnostics}
    assert "control-characters-removed" in codes
    for name in ("newsml", "json", "docx"):
        convert_core.export_bytes(document, name)  # no control character reaches a writer
    from bulletin_convert_newsml.validation import problems

    assert problems(convert_core.export_bytes(document, "newsml")) == []


def test_lone_surrogates_become_replacement_characters():
    document = convert_core.parse("标题\ud800\n\n本报讯 正文\udfff。", transform=False)
    assert "\ufffd" in document.items[0].headline
    assert any(d.code == "lone-surrogates-replaced" for d in document.diagnostics)
    json.loads(convert_core.export_bytes(document, "json"))


def test_a_single_10_mb_line_is_one_paragraph():
    line = "这是一段很长的文字，没有换行。" * 230_000
    assert len(line.encode()) > 10_000_000
    document = convert_core.parse(line, transform=False)
    assert len(document.items) == 1 and len(document.items[0].body) == 1


def test_a_page_of_5000_articles():
    """Scale, read by the rules (the role models read a page of 5,000 one-line stories
    alike as a briefs column, as the real pages they learned from print them)."""
    page = "".join(f"新闻标题{index}号\n\n本报讯（记者 李明）第{index}条新闻的正文内容。\n\n" for index in range(5000))
    document = convert_core.parse(page, transform=False, model="none")
    assert len(document.articles) == 5000
    assert document.articles[4321].headline == "新闻标题4321号"


@pytest.mark.slow
def test_a_50_mb_page_is_read(tmp_path):
    seed = (Path(__file__).parent.parent / "seeds" / testing.SEED_NAME).read_bytes()
    page = tmp_path / "big.txt"
    with page.open("wb") as handle:
        for _ in range(50_000_000 // len(seed) + 1):
            handle.write(seed + b"\n\n\n")
    assert page.stat().st_size > 50_000_000
    document = convert_core.parse(page, transform=False)
    assert len(document.items) > 28_000


def test_limits_give_clear_errors(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE * 3, "utf-8")
    one_line_error(run(str(page), "--max-bytes", "100", "-o", str(tmp_path)), 3, b"over the limit of 100")
    one_line_error(run(str(page), "--max-items", "2", "-o", str(tmp_path)), 3, b"over the limit of 2 (--max-items)")
    with pytest.raises(InputError, match="--max-bytes"):
        convert_core.parse(PAGE.encode() * 100, max_bytes=1000)


@pytest.mark.parametrize(
    "data, words",
    [
        ({"schema_version": "7.0", "items": []}, b"7.0 is newer than this release reads"),
        ({"items": []}, b"schema_version: missing"),
        ({"schema_version": "1.0", "items": [{"type": "article", "headline": 3}]}, b"items[0].headline"),
        ([1, 2, 3], b"expected a JSON object"),
        ({"schema_version": "\u00b2.0", "items": []}, b"not a version number"),
        ({"schema_version": "1.0.0", "items": []}, b"not a version number"),
        ({"schema_version": "9" * 5000 + ".0", "items": []}, b"is newer than this release reads"),
        ({"schema_version": "0.9", "items": []}, b"is older than 1.x"),
        ({"schema_version": "1.0", "items": [], "metadata": {"edition_date": "<x>&"}}, b"metadata.edition_date"),
        ({"schema_version": "1.0", "items": [], "metadata": {"edition_date": "20200428"}}, b"metadata.edition_date"),
        ({"schema_version": "1.0", "items": [], "metadata": {"language": "!!"}}, b"metadata.language"),
        ({"schema_version": "1.0", "items": [], "metadata": {"date_source": "x"}}, b"metadata.date_source"),
        ({"schema_version": "1.0", "items": [], "metadata": {"source": {"sha256": "x"}}}, b"metadata.source.sha256"),
        ({"schema_version": "1.0", "items": [], "metadata": {"source": {"bytes": -1}}}, b"metadata.source.bytes"),
        ({"schema_version": "1.0", "items": [{"type": "article", "headline": "\ud800"}]}, b"items[0].headline"),
        ({"schema_version": "1.0", "items": [{"type": "article", "headline": "\u001b]0;x\u0007"}]}, b"U+001B"),
        ({"schema_version": "1.0", "items": [{"type": "article", "headline": "x", "id": "<&>"}]}, b"items[0].id"),
        ({"schema_version": "1.0", "items": [{"type": "article", "headline": "x", "lines": [5, 1]}]}, b"lines"),
        ({"schema_version": "1.0", "items": [], "furniture": [{"kind": "x", "text": "t"}]}, b"furniture[0].kind"),
        ({"schema_version": "1.0", "items": [], "diagnostics": [{"code": "A B", "severity": "info"}]}, b"code"),
    ],
)
def test_json_input_that_is_not_ours_names_the_field(tmp_path, data, words):
    page = tmp_path / "page.json"
    page.write_text(json.dumps(data), "utf-8")
    one_line_error(run(str(page), "--to", "json", "-o", "-"), 3, words)


@pytest.mark.parametrize(
    "text, words",
    [
        ('{"schema_version": "1.0", "items": [], "metadata": {"source": {"bytes": 1' + "0" * 5000 + "}}}", b"digits"),
        ('{"schema_version": "1.0", "items": [], "metadata": {"source": {"bytes": NaN}}}', b"NaN"),
        ('{"schema_version": "1.0", "items": [], "metadata": {"source": {"lines": -Infinity}}}', b"Infinity"),
        # a number no float holds is read as infinity: as Infinity, refused (it was accepted, exit 0)
        ('{"schema_version": "1.0", "items": [], "metadata": {}, "extra": 1e400}', b"1e400 is beyond"),
        ('{"schema_version": "1.0", "items": [], "metadata": {"source": {"lines": -1e999}}}', b"-1e999 is beyond"),
    ],
)
def test_json_numbers_beyond_json_are_input_errors(tmp_path, text, words):
    page = tmp_path / "page.json"
    page.write_text(text, "utf-8")
    one_line_error(run(str(page), "--to", "json", "-o", "-"), 3, words)


def test_max_items_holds_for_json_input(tmp_path):
    data = {"schema_version": "1.0", "items": [{"type": "photo", "caption": [str(i)]} for i in range(5)]}
    page = tmp_path / "page.json"
    page.write_text(json.dumps(data), "utf-8")
    one_line_error(run(str(page), "--max-items", "4", "-o", "-"), 3, b"over the limit of 4 (--max-items)")
    assert run(str(page), "--max-items", "5", "-o", "-").returncode == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_our_json_form_in_any_encoding_json_has_is_read_as_json_on_every_path(tmp_path, encoding):
    """A document in our JSON form saved as UTF-16 or UTF-32 (a Windows editor's "Unicode"),
    with or without a byte-order mark: named ``*.json`` it was ``JSON input is not valid
    UTF-8 (byte 0)``, exit 3; given as standard input or under another name it was read as
    a page of text (an article with an empty headline, exit 0). JSON's own encodings are
    told as :func:`json.loads` tells them, on every path."""
    written = convert_core.export_bytes(convert_core.parse(PAGE, transform=False), "json")
    data = written.decode("utf-8").encode(encoding)
    for name in ("page.json", "page.txt"):
        (tmp_path / name).write_bytes(data)
        result = run(str(tmp_path / name), "--to", "json", "-o", "-")
        assert result.returncode == 0 and result.stdout == written, (name, result.stderr)
    result = run("-", "--to", "json", "-o", "-", stdin=data)
    assert result.returncode == 0 and result.stdout == written, result.stderr
    assert convert_core.parse(data).articles[0].headline == "卫东区积极开展爱国卫生月活动"


@pytest.mark.parametrize("input_format", ["json", "pdf", "alto"])
@pytest.mark.parametrize("content", [b"", b" \n", b"\xef\xbb\xbf\n"])
def test_an_empty_input_is_said_empty_whatever_its_format(tmp_path, input_format, content):
    """An empty (or blank) input read as JSON, PDF or ALTO was ``invalid JSON: Expecting
    value at line 1 column 1``, ``not a readable PDF (data format error)``, ``not
    well-formed ALTO XML: Document is empty``: as a page of text says it, ``input is
    empty``, on standard input and from a file (``empty.json``)."""
    for result in (
        run("-", "--input-format", input_format, "-o", "-", stdin=content),
        run(str(_written(tmp_path / f"empty.{input_format}", content)), "--input-format", input_format, "-o", "-"),
    ):
        one_line_error(result, 3, b"input is empty")
    if input_format == "json":
        one_line_error(run(str(tmp_path / "empty.json"), "-o", "-"), 3, b"input is empty (no document in it)")


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_json_input_that_is_not_in_its_encoding_names_the_encoding(tmp_path):
    """``--encoding gbk`` with JSON input that is not GBK said ``not valid UTF-8``; and one
    item over ``--max-items 0`` was ``1 items``."""
    page = tmp_path / "page.json"
    page.write_bytes(convert_core.export_bytes(convert_core.parse(PAGE, transform=False), "json"))
    one_line_error(run(str(page), "--encoding", "gbk", "-o", "-"), 3, b"JSON input is not valid GBK (--encoding)")
    one_line_error(run(str(page), "--max-items", "0", "-o", "-"), 3, b"the document has 1 item, over the limit of 0")
    page.write_bytes(page.read_bytes()[:-2] + b"\xff}\n")
    one_line_error(run(str(page), "-o", "-"), 3, b"JSON input is not valid UTF-8 (byte")


def test_a_photo_linked_to_no_story_of_the_page_stays_in_place_in_every_format(tmp_path):
    """A hand-edited JSON page whose photos name an article the page does not hold, or a
    photo: read, written and valid in every format, those photos unlinked."""
    data = json.loads(convert_core.jsonform.dumps(testing.seed_document()))
    photos = [item for item in data["items"] if item["type"] == "photo"]
    photos[0]["article"] = "a-not-on-this-page"
    photos[1]["article"] = photos[2]["id"]
    page = tmp_path / "page.json"
    page.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = run(str(page), "--to", "all", "--validate", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    message = (tmp_path / "out" / "page.newsml.xml").read_bytes()
    assert b"bcgroup:story" not in message and b"<link " not in message
    assert b'"rel": "picture"' not in b"".join(path.read_bytes() for path in (tmp_path / "out").rglob("*.ninjs.json"))


def test_hostile_text_in_every_format(tmp_path):
    """<script>, &, ]]>, ../../etc/passwd, bidi marks, emoji: valid outputs. Control
    characters and lone surrogates, which a plugin's transform may leave, are coped with
    by every writer; in a document given to the library they are refused, naming the field."""
    document = testing.hostile_document(controls=False)
    result = convert_core.export(document, "json", tmp_path)
    assert result == [tmp_path / "x.json"]  # the source name ../x.txt stays inside
    for name in ("newsml", "ninjs", "epub", "docx", "markdown"):
        convert_core.render(document, name)
    from bulletin_convert_newsml.validation import problems

    assert problems(convert_core.export_bytes(document, "newsml")) == []
    with_controls = testing.hostile_document()
    registry = convert_core.get_registry()
    for name in ("json", "newsml", "ninjs", "epub", "docx", "markdown"):
        testing.render(registry, name, with_controls)  # as the command runs a writer
    assert problems(testing.render(registry, "newsml", with_controls)) == []
    with pytest.raises(UsageError, match=r"malformed document: items\[\d+\]\.\S+: holds a control character"):
        convert_core.export_bytes(with_controls, "newsml")


# ------------------------------------------------------------------ faults


def test_a_crash_during_a_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "page.json"
    target.write_bytes(b"old complete output")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new output")
    assert target.read_bytes() == b"old complete output"
    assert [path.name for path in tmp_path.iterdir()] == ["page.json"]


def test_a_full_disk_is_an_output_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "page.json"
    target.write_bytes(b"old complete output")

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write(target, b"new output")
    monkeypatch.undo()
    assert target.read_bytes() == b"old complete output"
    assert [path.name for path in tmp_path.iterdir()] == ["page.json"]


def test_output_directory_under_a_file_is_exit_4(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, "utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    one_line_error(run(str(page), "-o", str(blocker / "sub")), 4, b"cannot create directory")


def test_output_name_taken_by_a_directory_is_exit_4(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, "utf-8")
    (tmp_path / "out" / "page.json").mkdir(parents=True)
    one_line_error(run(str(page), "-o", str(tmp_path / "out")), 4, b"is a directory")


def test_a_read_only_output_is_not_replaced(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "page.json"
    target.write_bytes(b"protected")
    target.chmod(0o444)
    one_line_error(run(str(page), "-o", str(out)), 4, b"read-only")
    assert target.read_bytes() == b"protected"


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "a/../../b", "..", "CON", "\u202egnp.exe", "名" * 200, "x\x00y", ""],
)
def test_hostile_file_names_stay_inside_and_short(tmp_path, name):
    safe = safe_name(name)
    assert "/" not in safe and "\\" not in safe and safe not in (".", "..") and not safe.startswith(".")
    assert len(safe.encode()) <= 200
    path = inside(tmp_path, name) if name.strip("/.") else inside(tmp_path, "fallback")
    assert tmp_path in path.resolve().parents or path.resolve().parent == tmp_path.resolve()


def test_files_named_from_headlines_never_collide(tmp_path):
    document = testing.hostile_document(controls=False)
    written = convert_core.export(document, "docx", tmp_path, {"docx_split": "article"})
    assert len(written) == len(set(written)) == len(document.items)
    assert all(tmp_path in path.resolve().parents for path in written)


def test_hostile_headlines_cannot_escape_through_a_plugin(tmp_path):
    registry = testing.registry_with(
        type(
            "Plugin",
            (),
            {
                "register_exporters": convert_core.hookimpl(
                    lambda self: [
                        convert_core.Exporter(
                            "evil",
                            ".x",
                            "text/plain",
                            "writes outside",
                            lambda doc, options: {"../../escape.txt": b"a", "sub/../../../b.txt": b"b", "ok.txt": b"c"},
                        )
                    ]
                )
            },
        )()
    )
    written = convert_core.export(testing.sample_document(), "evil", tmp_path / "out", registry=registry)
    assert all((tmp_path / "out") in path.resolve().parents for path in written)
    assert not (tmp_path / "escape.txt").exists()


# ------------------------------------------------------------------ security


def test_only_installed_distributions_and_allowed_plugins_load(monkeypatch):
    from convert_core.plugins import PluginRegistry

    monkeypatch.setenv("BULLETIN_CONVERT_PLUGINS", "json,newsml")
    assert set(PluginRegistry().exporters()) == {"json", "newsml"}
    monkeypatch.delenv("BULLETIN_CONVERT_PLUGINS")
    monkeypatch.setenv("BULLETIN_CONVERT_DISABLE_PLUGINS", "docx")
    assert "docx" not in PluginRegistry().exporters()


def test_an_allow_list_that_leaves_no_format_is_named_in_the_error(monkeypatch):
    """``BULLETIN_CONVERT_PLUGINS=nosuch`` (a misspelt name) loads no plugin: the error for
    the format asked for names the variable and what it allows, not only "available: none"."""
    from convert_core.plugins import PluginRegistry

    monkeypatch.setenv("BULLETIN_CONVERT_PLUGINS", "jsno")
    with pytest.raises(UsageError) as caught:
        PluginRegistry().exporter("json")
    assert "BULLETIN_CONVERT_PLUGINS" in str(caught.value) and "jsno" in str(caught.value)
    with pytest.raises(UsageError) as caught:
        PluginRegistry(allowed=["jsno"]).exporter("json")
    assert "BULLETIN_CONVERT_PLUGINS" not in str(caught.value) and "jsno" in str(caught.value)


def test_the_newsml_validator_never_resolves_entities_or_fetches(tmp_path):
    from bulletin_convert_newsml.validation import problems

    evil = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"""
    found = problems(evil)
    assert found and not any("root:" in problem for problem in found)


def test_fsync_is_used_when_asked(tmp_path, monkeypatch):
    from convert_core import output

    calls = []
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(fd))
    monkeypatch.setattr(output, "FSYNC", False)
    atomic_write(tmp_path / "a", b"x")
    assert calls == []
    monkeypatch.setattr(output, "FSYNC", True)
    atomic_write(tmp_path / "b", b"x")
    assert len(calls) == 1 and (tmp_path / "b").read_bytes() == b"x"
