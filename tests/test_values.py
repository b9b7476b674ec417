"""Values checked and normalized once, where they enter: options, library arguments."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import convert_core
from convert_core import UsageError, api, values

PAGE = "卫东区积极开展爱国卫生月活动\n\n本报讯（记者 王孟鹤）4月26日，卫东区环卫局局长陈宏杰说。\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, input=stdin)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--timeout", "-1"], b"positive number of seconds"),
        (["--timeout", "nan"], b"positive number of seconds"),
        (["--timeout", "inf"], b"positive number of seconds"),
        (["--timeout", "0"], b"positive number of seconds"),
        (["--encoding", "rot13"], b"not a text encoding"),
        (["--encoding", "base64"], b"not a text encoding"),
        (["--encoding", "hex"], b"not a text encoding"),
        (["--encoding", "zlib"], b"not a text encoding"),
        (["--encoding", "undefined"], b"not a text encoding"),
        (["--encoding", "no-such-codec"], b"unknown encoding"),
        (["--max-bytes", "-1"], b"at least 0"),
        (["--max-items", "-5"], b"at least 0"),
        (["--jobs", "0"], b"at least 1"),
        (["--jobs", "-1"], b"at least 1"),
        (["--jobs", "9" * 5000], b"whole number"),
        (["--date", "2020-13-40"], b"YYYY-MM-DD"),
        (["--date", "２０２０-04-28"], b"YYYY-MM-DD"),
        (["--language", "en-a"], b"BCP 47"),
        (["--language", "de-419-419"], b"BCP 47"),
        (["--language", "en-US-u-ca-u-nu"], b"repeats"),
        (["--language", "中文"], b"BCP 47"),
        (["--publication", "报\x1b]0;owned\x07"], b"U+001B"),
        (["--section", "a\nb"], b"U+000A"),
        (["--page", "3\x9b"], b"U+009B"),
        (["--guid-authority", "example.com\x01"], b"U+0001"),
        (["--publication", "报\uffff"], b"U+FFFF"),
        # checked where they enter, not when a PDF page is read (text pages never checked them)
        (["--pages", "0"], b"pages must look like"),
        (["--pages", "3-1"], b"pages must look like"),
        (["--pages", ""], b"pages must look like"),
        (["--pages", "１"], b"pages must look like"),
        (["--pages", "9" * 5000], b"pages must look like"),
        (["--max-pages", "-1"], b"at least 0"),
    ],
)
def test_bad_option_values_are_one_usage_error_before_any_page(tmp_path, args, words):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text(PAGE, "utf-8")
    result = run(str(pages), "--to", "json,newsml", "-o", str(tmp_path / "out"), *args)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "typed, stored",
    [("20200428", "2020-04-28"), ("2020-W18-2", "2020-04-28"), (" 2020-04-28 ", "2020-04-28")],
)
def test_a_date_is_stored_as_yyyy_mm_dd_whatever_iso_form_it_was_typed_in(typed, stored):
    result = run("-", "--to", "json", "-o", "-", "--date", typed, stdin=PAGE.encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["edition_date"] == stored
    document = convert_core.parse(PAGE, date=typed, transform=False)
    assert document.metadata.edition_date == stored


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("zh-cn", "zh-CN"),
        ("ZH-HANT-tw", "zh-Hant-TW"),
        ("en", "en"),
        ("es-419", "es-419"),
        ("sl-rozaj-biske", "sl-rozaj-biske"),
        ("de-CH-1901", "de-CH-1901"),
        ("en-US-u-islamcal", "en-US-u-islamcal"),
        ("x-whatever", "x-whatever"),
        ("i-klingon", "i-klingon"),
        ("en-gb-OED", "en-GB-oed"),
        ("zh-min-nan", "zh-min-nan"),
        ("und", "und"),
    ],
)
def test_well_formed_language_tags_are_kept_in_canonical_case(typed, stored):
    assert values.language_tag(typed) == stored


@pytest.mark.parametrize("bad", ["", "e", "en-", "-en", "en--us", "123", "en-US-US", "abcdefghi", "x", "en-x", "en_US"])
def test_malformed_language_tags_are_refused(bad):
    with pytest.raises(UsageError, match="BCP 47"):
        values.language_tag(bad)


def test_max_bytes_zero_means_zero_not_the_default(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, "utf-8")
    result = run(str(page), "-o", str(tmp_path / "out"), "--max-bytes", "0")
    assert result.returncode == 3 and b"over the limit of 0" in result.stderr
    assert run(str(page), "-o", str(tmp_path / "out"), "--max-items", "0").returncode == 3


def test_max_pages_zero_means_zero_not_the_default(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "edition.pdf"))
    for number in (1, 2):
        pdf.drawString(100, 700, f"Harbor bill passed, page {number}")
        pdf.showPage()
    pdf.save()
    result = run(str(tmp_path / "edition.pdf"), "-o", str(tmp_path / "out"), "--max-pages", "0")
    assert result.returncode == 3 and b"over the limit of 0 (--max-pages)" in result.stderr, result.stderr
    with pytest.raises(UsageError, match="max_pages"):
        convert_core.parse(PAGE, max_pages=-1)
    with pytest.raises(UsageError, match="pages must look like"):
        convert_core.parse(PAGE, pages="１")


def test_library_arguments_are_checked_like_options():
    with pytest.raises(UsageError, match="U\\+0007"):
        convert_core.parse(PAGE, publication="报\x07", transform=False)
    with pytest.raises(UsageError, match="BCP 47"):
        convert_core.parse(PAGE, language="en-a", transform=False)
    with pytest.raises(UsageError, match="not a text encoding"):
        convert_core.parse(PAGE.encode(), encoding="rot13", transform=False)
    document = convert_core.parse(PAGE, publication="  平顶山日报 ", page=" 3 ", transform=False)
    assert (document.metadata.publication, document.metadata.page) == ("平顶山日报", "3")


@pytest.mark.parametrize(
    "call",
    [
        # limits: -1 was "over the limit of -1" (an input error), None and 1.5 a TypeError or taken
        lambda: convert_core.parse(PAGE, max_bytes=-1),
        lambda: convert_core.parse(PAGE, max_bytes=None),
        lambda: convert_core.parse(PAGE, max_bytes=True),
        lambda: convert_core.parse(PAGE, max_items=1.5),
        lambda: convert_core.parse(PAGE, max_items=None),
        lambda: convert_core.parse(PAGE, name=5),
        lambda: convert_core.parse(PAGE, model=5),
        # an exporter's options, held to what the command line lets through for their type:
        # a number for a title failed as the plugin's error (exit 7), a word for a flag was taken
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "epub", {"epub_title": 5}),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "epub", {"epub_title": "书\x1b]0;x\x07"}),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "docx", {"docx_toc": "maybe"}),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "epub", {"epub_css": ""}),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "json", 5),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), None),
        lambda: convert_core.export(convert_core.parse(PAGE), "json", 5),
        # a registry that is none: AttributeError: 'int' object has no attribute 'transform'
        lambda: convert_core.parse(PAGE, registry=5),
        lambda: convert_core.parse(PAGE, transform="no"),
        lambda: convert_core.render(convert_core.parse(PAGE), "json", registry="json"),
        lambda: convert_core.export_bytes(convert_core.parse(PAGE), "json", registry=5),
        lambda: convert_core.render_many([convert_core.parse(PAGE)], "epub", registry=object()),
        lambda: convert_core.export(convert_core.parse(PAGE), "json", ".", registry=5),
        lambda: convert_core.available_formats(5),
    ],
)
def test_library_arguments_of_any_type_are_usage_errors(call):
    """Every library argument is checked where it enters, as its option is: a wrong type or
    value is a :class:`UsageError` naming it, never a ``TypeError``/``AttributeError`` from
    deep inside, nor a plugin's error."""
    with pytest.raises(UsageError):
        call()


def _json_exporter():
    return next(exporter for exporter in convert_core.available_formats() if exporter.name == "json")


@pytest.mark.parametrize(
    "call, words",
    [
        # write_output given what render() does not return: AttributeError 'int' object has no
        # attribute 'items', TypeError memoryview: a bytes-like object is required…
        (lambda e, d, out: api.write_output(e, 5, out, "a"), "result must be bytes or a mapping"),
        (lambda e, d, out: api.write_output(e, "text", out, "a"), "result must be bytes or a mapping"),
        (lambda e, d, out: api.write_output(e, {1: b"x"}, out, "a"), "it holds int 1"),
        (lambda e, d, out: api.write_output(e, {"a.txt": "x"}, out, "a"), "it holds str 'a.txt': str"),
        (lambda e, d, out: api.write_output("json", b"x", out, "a"), "exporter must be an Exporter"),
        (lambda e, d, out: api.write_output(e, b"x", 5, "a"), "destination must be a folder's path"),
        (lambda e, d, out: api.write_output(e, b"x", out, 5), "stem must be text"),
        (lambda e, d, out: api.write_output(e, b"x", out, ""), "stem must not be empty"),
        (lambda e, d, out: api.write_output(e, b"x", out, "a", fsync="no"), "fsync must be True, False or None"),
        # its siblings among the api module's public functions
        (lambda e, d, out: api.write_images(d, 5), "destination must be a folder's path"),
        (lambda e, d, out: api.write_images(d, out, fsync="x"), "fsync must be"),
        (lambda e, d, out: api.output_stem(5), "document must be a Document"),
        (lambda e, d, out: api.exporter_options("json", {}), "exporter must be an Exporter"),
        (lambda e, d, out: api.strict_check(None), "document must be a Document"),
        (lambda e, d, out: api.apply_overrides(5, publication="报"), "document must be a Document"),
        (lambda e, d, out: api.apply_overrides(d, page=[3]), "page must be text or a whole number"),
        (lambda e, d, out: convert_core.parse(PAGE, page=True), "page must be text or a whole number"),
        (lambda e, d, out: api.input_kind(5), "data must be bytes or str"),
        (lambda e, d, out: api.input_kind(b"x", input_format="rtf"), "input format must be"),
        (lambda e, d, out: api.read_source(5), "path must be a file's path"),
        (lambda e, d, out: api.read_source(out, max_bytes="1"), "max_bytes must be a whole number"),
        (lambda e, d, out: api.source_name(b"page.txt"), "name must be text"),
    ],
)
def test_the_api_modules_public_functions_name_a_wrong_argument(tmp_path, call, words):
    """``convert_core.api``'s public functions (the CLI's building blocks: write_output,
    strict_check, input_kind…) check their arguments as the package's five names do: a
    wrong type is a :class:`UsageError` naming it, before anything is written."""
    with pytest.raises(UsageError, match=re.escape(words)):
        call(_json_exporter(), convert_core.parse(PAGE, transform=False), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_write_output_takes_what_render_returns(tmp_path):
    exporter = _json_exporter()
    data = convert_core.render(convert_core.parse(PAGE, transform=False), exporter)
    assert api.write_output(exporter, bytearray(data), tmp_path, "page") == [tmp_path / "page.json"]
    assert (tmp_path / "page.json").read_bytes() == data
    assert api.write_output(exporter, {"x/a.json": data}, tmp_path, "many") == [tmp_path / "many/x/a.json"]


@pytest.mark.parametrize("value", ["报\uffff", "报\ufffe", "报\x1b", "报\ud800"])
def test_metadata_the_json_form_would_refuse_is_refused_where_it_enters(value):
    """An option value and a field of our JSON form are held to one set of characters, so a
    document written with an accepted value always reads back."""
    with pytest.raises(UsageError, match="control character or lone surrogate"):
        convert_core.parse(PAGE, publication=value, transform=False)


def test_metadata_an_option_accepts_reads_back_from_our_json():
    for value in ["报\u200f刊", "报\ufeff刊", "𠀀报"]:  # a bidi mark, a BOM, an astral ideograph
        document = convert_core.parse(PAGE, publication=value, transform=False)
        written = convert_core.export_bytes(document, "json")
        assert convert_core.parse(written, input_format="json").metadata.publication == value


@pytest.mark.parametrize(
    "command, args",
    [
        # int() and float() take other scripts' digits and underscores: each was read as a number
        ([], ["--timeout", "１"]),
        ([], ["--max-bytes", "１０"]),
        ([], ["--max-items", "٣"]),
        ([], ["--jobs", "２"]),
        ([], ["--max-bytes", "1_0"]),
        ([], ["--timeout", "1_0"]),
        ([], ["--to", "markdown", "--md-heading-level", "３"]),
        (["evaluate"], ["--min-f1", "０.５"]),
        (["evaluate"], ["--width", "٤"]),
        (["train"], ["--c1", "０"]),
        (["train"], ["--iterations", "１"]),
    ],
)
def test_numbers_are_ascii_digits_in_every_subcommand(tmp_path, command, args):
    page = tmp_path / "p.txt"
    page.write_text(PAGE, "utf-8")
    tail = {"evaluate": ["--gold", str(tmp_path)], "train": ["--gold", str(tmp_path), "-o", str(tmp_path / "m")]}
    result = run(*command, str(page), *tail.get(command[0] if command else "", ["-o", str(tmp_path / "out")]), *args)
    assert result.returncode == 2, result.stderr
    assert args[-1].encode() in result.stderr and b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--to", "epub", "--epub-css", ""], b"expected a file name"),  # was: the built-in style sheet, exit 0
        (["--to", "docx", "--reference-docx", ""], b"expected a file name"),
        (["--report", "-"], b"cannot go to standard output"),  # was: a report file named '-'
    ],
)
def test_an_empty_file_option_or_a_dash_where_a_file_goes_is_a_usage_error(tmp_path, args, words):
    page = tmp_path / "p.txt"
    page.write_text(PAGE, "utf-8")
    command = [sys.executable, "-m", "convert_core", str(page), "-o", str(tmp_path / "out"), *args]
    result = subprocess.run(command, capture_output=True, cwd=tmp_path)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "-").exists()


def test_train_never_writes_its_model_to_a_file_named_dash(tmp_path):
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    page = tmp_path / "p.txt"
    page.write_bytes((seeds / "000_80fb9983b63b8a66.txt").read_bytes())
    (tmp_path / "p.expected.json").write_bytes((seeds / "000_80fb9983b63b8a66.expected.json").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", "train", str(page), "--gold", str(tmp_path), "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and b"cannot go to standard output" in result.stderr, result.stderr
    assert not (tmp_path / "-").exists()  # was: a model '-', '-.card.json' and '-.joins', exit 0


LONG = "x" * 300  # a name longer than any file system takes (255 bytes)


@pytest.mark.parametrize(
    "args",
    [
        [LONG],
        ["p.txt", "-o", LONG],
        ["p.txt", "-o", "out", "--report", LONG],
        ["p.txt", "-o", "-", "--model", f"d/{LONG}"],
        ["p.txt", "-o", "out", "--to", "epub", "--epub-css", f"d/{LONG}"],
        ["p.txt", "-o", "out", "--to", "docx", "--reference-docx", f"d/{LONG}/x"],
        [f"{'d/' * 2100}p.txt"],  # each name short, the whole path too long
        ["inspect", LONG],
        ["evaluate", LONG, "--gold", "p.expected.json"],
        ["evaluate", "p.txt", "--gold", LONG],
        ["evaluate", "p.txt", "--gold", f"d/{LONG}"],
        ["train", LONG, "--gold", "p.expected.json", "-o", "m"],
        ["train", "p.txt", "--gold", LONG, "-o", "m"],
        ["train", "p.txt", "--gold", "p.expected.json", "-o", LONG],
    ],
    ids=lambda args: " ".join(arg if len(arg) < 20 else "LONG" for arg in args),
)
def test_a_path_too_long_for_any_file_system_is_one_usage_error(tmp_path, args):
    # was: internal error: OSError: [Errno 36] File name too long (exit 1), where the
    # path's kind was asked (Path.is_dir raises it), in every subcommand
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    (tmp_path / "p.txt").write_bytes((seeds / "000_80fb9983b63b8a66.txt").read_bytes())
    (tmp_path / "p.expected.json").write_bytes((seeds / "000_80fb9983b63b8a66.expected.json").read_bytes())
    result = subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=tmp_path)
    assert result.returncode == 2, result.stderr[-500:]
    assert b"is too long a" in result.stderr and b"internal error" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 400, result.stderr  # the name cut
    assert not (tmp_path / "out").exists() and not (tmp_path / "m").exists()


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_train_writes_a_model_and_card_of_a_name_that_is_not_utf8(tmp_path):
    # was: internal error: UnicodeEncodeError (exit 1), from python-crfsuite and the card
    import os

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    page = os.fsdecode(b"p\xff.txt")
    (tmp_path / page).write_bytes((seeds / "000_80fb9983b63b8a66.txt").read_bytes())
    (tmp_path / "p.expected.json").write_bytes((seeds / "000_80fb9983b63b8a66.expected.json").read_bytes())
    model = os.fsdecode(b"m\xff\xfe")
    args = ["train", page, "--gold", "p.expected.json", "-o", model]
    result = subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / model).stat().st_size > 0
    card = json.loads((tmp_path / f"{model}.card.json").read_bytes())
    assert card["model"] == model and card["inputs"] == [page]  # escapes that read back as the names


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "9" * 100_000],
        ["--to", "x" * 100_000],
        ["--to", "newsml", "--guid-authority", "a" * 100_000],
        ["inspect", "p.txt", "--width", "x" * 100_000],
        ["evaluate", "p.txt", "--gold", "p.expected.json", "--min-f1", "x" * 100_000],
    ],
    ids=["timeout", "to", "guid-authority", "inspect width", "evaluate min-f1"],
)
def test_an_error_quoting_a_huge_value_is_one_line_of_bounded_length(tmp_path, args):
    # was: the whole value quoted, a line of 100,000 characters
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    (tmp_path / "p.txt").write_bytes((seeds / "000_80fb9983b63b8a66.txt").read_bytes())
    (tmp_path / "p.expected.json").write_bytes((seeds / "000_80fb9983b63b8a66.expected.json").read_bytes())
    command = args if args[0] in ("inspect", "evaluate") else ["p.txt", "-o", "out", *args]
    result = subprocess.run([sys.executable, "-m", "convert_core", *command], capture_output=True, cwd=tmp_path)
    assert result.returncode == 2, result.stderr[-300:]
    assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 2_200, result.stderr[-300:]
    assert b"characters left out" in result.stderr


@pytest.mark.parametrize("value", ["abc", "1e9", "5_000", "+5", "\u0661\u0662", "253402300800", "9" * 5000])
def test_a_malformed_source_date_epoch_is_one_usage_error_not_ignored(tmp_path, monkeypatch, value):
    """``SOURCE_DATE_EPOCH`` that is no integer of ASCII digits, or past year 9999: the
    outputs took the edition's time without a word (a build not reproducible as asked);
    the reproducible-builds specification asks for an error. One usage error before any
    page, exit 2; from the library, :class:`UsageError`."""
    (tmp_path / "a.txt").write_text(PAGE, "utf-8")
    (tmp_path / "b.txt").write_text(PAGE, "utf-8")
    command = [sys.executable, "-m", "convert_core", str(tmp_path), "--to", "newsml", "-o", str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": value})
    assert result.returncode == 2 and b"SOURCE_DATE_EPOCH" in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and not (tmp_path / "out").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    document = next(api.parse_pages(PAGE.encode("utf-8"), name="a.txt"))
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        api.render(document, "newsml")


@pytest.mark.parametrize(("value", "time"), [(" 42 ", "1970-01-01T00:00:42Z"), ("-1", "1969-12-31T23:59:59Z")])
def test_a_source_date_epoch_of_date_s_sets_the_outputs_time(monkeypatch, value, time):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    document = next(api.parse_pages(PAGE.encode("utf-8"), name="a.txt"))
    assert f"<versionCreated>{time}</versionCreated>".encode() in api.render(document, "newsml")
