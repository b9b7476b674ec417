"""Never lose a page, never keep a stale output: names that clash, resuming by content,
pages that shrink, the report and state file, planted links, signals and dead workers."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import HANG_SOURCE, process_gone, said_until, subprocess_env

from convert_core.output import sweep_debris
from convert_core.planning import find_inputs, plan

COMMAND = [sys.executable, "-m", "convert_core"]


def page(headline: str, body: str = "正文") -> str:
    return f"{headline}\n\n本报讯（记者 李明）{body}第一段。\n\n{body}第二段。\n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**subprocess_env(), **(env or {})},
        timeout=timeout,
    )


def headlines(out: Path) -> dict[str, tuple[str, str]]:
    """Each JSON output's (source file name, first headline)."""
    found = {}
    for path in sorted(out.rglob("*.json")):
        if path.name == "convert-report.json" or path.name.startswith(".") or path.name.endswith(".ninjs.json"):
            continue
        data = json.loads(path.read_text("utf-8"))
        name = data.get("metadata", {}).get("source", {}).get("name")
        found[str(path.relative_to(out))] = (name, data["items"][0]["headline"])
    return found


# ---------------------------------------------------------------------------- names


def test_pages_whose_outputs_would_clash_each_get_their_own(tmp_path):
    pages = tmp_path / "pages"
    (pages / "a").mkdir(parents=True)
    for name, headline in [("a.txt", "甲"), ("a.text", "乙"), ("a-2.txt", "丙"), ("A.txt", "丁"), ("a/x.txt", "戊")]:
        (pages / name).write_text(page(f"标题{headline}"), "utf-8")
    (pages / "convert-report.txt").write_text(page("标题己"), "utf-8")
    result = run("pages", "--to", "json,ninjs", "-o", "out", "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = headlines(tmp_path / "out")
    singles = {name: value for name, value in found.items() if "/" not in name or name.startswith("a/x")}
    assert sorted(value[0] for value in singles.values()) == sorted(
        ["a.txt", "a.text", "a-2.txt", "A.txt", "x.txt", "convert-report.txt"]
    )
    assert singles["a-2.json"] == ("a-2.txt", "标题丙")  # a natural name is never taken by a suffixed one
    assert json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))["summary"]["converted"] == 6
    assert "would clash with" in result.stderr


def _alto_issue(*headlines: str) -> str:
    """An ALTO file of one page per headline (each page writes ``STEM-pN`` outputs)."""
    body = "全县早稻长势良好，农民群众喜获丰收，各级干部深入田间地头指导生产。"

    def line(text: str, y: int, size: int) -> str:
        box = f'HPOS="100" VPOS="{y}" WIDTH="{size * len(text)}" HEIGHT="{size}"'
        return f'<TextLine {box}><String CONTENT="{text}" {box}/></TextLine>'

    pages = "".join(
        f'<Page ID="p{n}" WIDTH="2000" HEIGHT="3000"><PrintSpace>'
        f"<TextBlock>{line(headline, 100, 60)}</TextBlock><TextBlock>{line(body, 300, 30)}{line(body, 340, 30)}</TextBlock>"
        "</PrintSpace></Page>"
        for n, headline in enumerate(headlines, 1)
    )
    return f'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout>{pages}</Layout></alto>'


def test_pages_in_folders_that_differ_by_trailing_dots_or_spaces_get_their_own_outputs(tmp_path):
    # was: sub/x.txt, sub./x.txt and 'sub /x.txt' all kept x.json, in three folders here and
    # one on Windows or an SMB share (which drop trailing dots and spaces): pages lost there
    pages = tmp_path / "pages"
    for folder, headline in (("sub", "甲"), ("sub.", "乙"), ("sub ", "丙")):
        (pages / folder).mkdir(parents=True)
        (pages / folder / "x.txt").write_text(page(f"标题{headline}"), "utf-8")
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = headlines(tmp_path / "out")
    names = sorted(Path(name).name for name in found)
    assert names == ["x-2.json", "x-3.json", "x.json"], found
    assert sorted(value[1] for value in found.values()) == sorted(["标题甲", "标题乙", "标题丙"])


def test_a_page_named_like_a_numbered_page_of_another_input_gets_its_own_outputs(tmp_path):
    """Page N of a PDF or ALTO file ``x`` writes ``x-pN``: a page ``x-p1.txt`` beside it
    wrote ``x-p1.json`` too, one overwrote the other, exit 0 (a page lost). It now moves
    over (``x-p1-2``), as any page whose natural name another page's outputs take."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "x.xml").write_text(_alto_issue("卫东区开展爱国卫生月活动", "新华区召开安全生产会议"), "utf-8")
    (pages / "x-p1.txt").write_text(page("标题甲"), "utf-8")
    result = run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = headlines(tmp_path / "out")
    assert found["x-p1-2.json"] == ("x-p1.txt", "标题甲")
    assert found["x-p1.json"][0] == found["x-p2.json"][0] == "x.xml"
    assert "as 'x-p1' would clash with the outputs of a page of pages/x.xml" in result.stderr
    assert json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))["summary"]["converted"] == 2


def test_a_page_named_like_a_numbered_page_in_other_case_gets_its_own_outputs(tmp_path):
    # was: X-P2.txt kept X-P2.json beside x.xml's x-p2.json: one file on a case-insensitive
    # file system (macOS, Windows, a USB disk), one page lost — the numbered names were
    # compared as typed, every other name as such a file system compares it
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "x.xml").write_text(_alto_issue("卫东区开展爱国卫生月活动", "新华区召开安全生产会议"), "utf-8")
    (pages / "X-P2.txt").write_text(page("标题甲"), "utf-8")
    result = run("pages", "--to", "json", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = headlines(tmp_path / "out")
    assert found["X-P2-2.json"] == ("X-P2.txt", "标题甲") and "X-P2.json" not in found
    assert "as 'X-P2' would clash with the outputs of a page of pages/x.xml" in result.stderr


def test_a_file_of_pages_that_loses_pages_leaves_no_stale_outputs(tmp_path):
    """An ALTO file (or PDF) of three pages cut to two left ``x-p3.json`` and its items,
    stale, beside the new outputs; cut to one (``x.json``), every ``x-pN`` output stayed.
    The outputs of the formats written now that the input's last conversion wrote and
    this one did not are removed; another format's, or a file edited since, stay."""
    pages = tmp_path / "pages"
    pages.mkdir()
    issue = pages / "x.xml"
    issue.write_text(_alto_issue("卫东区开展爱国卫生月活动", "新华区召开安全生产会议", "湛河区举行植树活动"), "utf-8")
    (pages / "y.txt").write_text(page("标题乙"), "utf-8")
    out = tmp_path / "out"
    assert run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    assert {"x-p3.json", "x-p3"} <= {path.name for path in out.iterdir()}
    issue.write_text(_alto_issue("卫东区开展爱国卫生月活动", "新华区召开安全生产会议"), "utf-8")
    assert run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    names = {path.name for path in out.iterdir()}
    assert {"x-p1.json", "x-p2.json", "x-p1", "x-p2"} <= names and not {"x-p3.json", "x-p3"} & names, names
    (out / "x-p2.json").write_text("edited by hand", "utf-8")
    issue.write_text(_alto_issue("卫东区开展爱国卫生月活动"), "utf-8")
    assert run("pages", "--to", "json", "-o", "out", cwd=tmp_path).returncode == 0
    names = {path.name for path in out.iterdir()}
    assert "x.json" in names and "x-p1.json" not in names, names
    assert "x-p2.json" in names and {"x-p1", "x-p2"} <= names  # edited; ninjs not written this time
    assert json.loads((out / "y.json").read_text("utf-8"))["items"][0]["headline"] == "标题乙"


def test_names_are_planned_the_same_way_every_time(tmp_path):
    for name in ("b.txt", "a.txt", "a.text", "A.txt", "a-2.txt"):
        (tmp_path / name).write_text(page("标题"), "utf-8")
    pages = find_inputs([str(tmp_path)])
    planned = plan(pages, tmp_path / "out", [".json", ".ninjs.json"])
    assert plan(list(reversed(pages)), tmp_path / "out", [".json", ".ninjs.json"]) == list(reversed(planned))
    stems = {Path(p.path).name: p.stem for p in planned}
    assert stems["b.txt"] == "b" and stems["a-2.txt"] == "a-2"
    assert len({stem.lower() for stem in stems.values()}) == 5


def test_long_names_that_clash_get_suffixes_that_survive_the_length_limit(tmp_path):
    (tmp_path / "pages").mkdir()
    for name in ("长" * 70 + ".txt", "长" * 70 + ".text", "长" * 69 + "短.txt"):
        (tmp_path / "pages" / name).write_text(page("标题"), "utf-8")
    result = run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    outputs = [
        p for p in (tmp_path / "out").iterdir() if p.suffix == ".json" and not p.name.startswith((".", "convert"))
    ]
    assert len(outputs) == 3 and len([p for p in (tmp_path / "out").iterdir() if p.is_dir()]) == 3


def test_one_file_named_twice_is_one_page_and_standard_input_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(page("标题"), "utf-8")
    result = run("a.txt", "./a.txt", str(tmp_path / "a.txt"), "-o", "out", cwd=tmp_path)
    assert result.returncode == 0 and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json"]
    twice = run("-", "-", "-o", "out", cwd=tmp_path)
    assert twice.returncode == 2 and "more than once" in twice.stderr


def test_jobs_are_bounded_by_the_cpus_with_a_warning_naming_the_number_used(tmp_path):
    for number in range(6):
        (tmp_path / f"p{number}.txt").write_text(page(f"标题{number}"), "utf-8")
    one_cpu = min(os.sched_getaffinity(0))
    result = subprocess.run(
        [*COMMAND, ".", "-o", "out", "-j", "500"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        timeout=120,
        preexec_fn=lambda: os.sched_setaffinity(0, {one_cpu}),
    )
    assert result.returncode == 0, result.stderr
    assert "-j 500 is more than 4 workers per CPU (1 CPU): using 4" in result.stderr
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert report["summary"]["jobs"] == 4 and report["summary"]["converted"] == 6


def test_an_output_never_replaces_an_input_in_the_same_folder(tmp_path):
    (tmp_path / "a.txt").write_text(page("标题甲"), "utf-8")
    original = json.dumps({"schema_version": "1.0", "items": [{"type": "article", "headline": "手改的标题"}]})
    (tmp_path / "a.json").write_text(original, "utf-8")
    result = run("a.txt", "a.json", "--to", "json", "-o", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.json").read_text("utf-8") == original
    written = {name: value for name, value in headlines(tmp_path).items() if name != "a.json"}
    assert sorted(written.values(), key=str) == [("a.txt", "标题甲"), (None, "手改的标题")]
    alone = run("a.json", "--to", "json", "-o", ".", cwd=tmp_path)  # re-export a corrected parse in place
    assert alone.returncode == 0 and "would clash with an input of the run" in alone.stderr
    assert (tmp_path / "a.json").read_text("utf-8") == original


STYLE = "body { margin: 0 }\n"


@pytest.mark.parametrize(
    ("args", "kept", "words"),
    [
        # a page's output in the folder of the file an option names
        (["pages", "-o", "out", "--to", "epub", "--epub-css", "out/a.epub"], "out/a.epub", "outputs named 'a-2'"),
        (["pages/a.txt", "-o", "out", "--to", "epub", "--epub-css", "out/a.epub"], "out/a.epub", "named 'a-2'"),
        # the report
        (["pages", "-o", "out", "--to", "epub", "--epub-css", "s.css", "--report", "s.css"], "s.css", "an input"),
        # a bundle
        (
            ["pages", "--bundle", "-o", "out", "--to", "epub", "--epub-css", "out/a-bundle.epub"],
            "out/a-bundle.epub",
            "'a-bundle-2'",
        ),
    ],
)
def test_no_output_or_report_replaces_a_file_an_option_names(tmp_path, args, kept, words):
    """A file an option names (a style sheet, a reference DOCX, a model) is an input of the
    run as a page is: an output, the report or a bundle of its name was written over it
    (``--reference-docx out/a.docx`` with a page ``a.txt`` lost the template, exit 0)."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题甲"), "utf-8")
    (tmp_path / "pages" / "b.txt").write_text(page("标题乙"), "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / kept).write_text(STYLE, "utf-8")
    result = run(*args, cwd=tmp_path)
    assert (tmp_path / kept).read_text("utf-8") == STYLE
    assert words in result.stderr, result.stderr
    state = run("pages", "-o", "out", "--to", "epub", "--epub-css", "out/.convert-state.json", cwd=tmp_path)
    assert state.returncode == 2 and "resume state, not a file for an option to read" in state.stderr


# ---------------------------------------------------------------------------- resuming


def test_resume_follows_the_files_options_name_through_links_and_the_models_beside_a_model(tmp_path):
    # was: a file an option names was hashed without following links (a link's digest is
    # none, so a link retargeted to another model or style sheet left every page skipped,
    # stale), and the stack and join models beside a --model were not in the key at all
    import shutil

    import convert_core.reader as reader

    models = Path(reader.__file__).parent / "models"
    shutil.copy(models / "roles.crfsuite", tmp_path / "own.crfsuite")
    shutil.copy(models / "roles-pdf.crfsuite", tmp_path / "other.crfsuite")
    (tmp_path / "a.css").write_text("p { margin: 0 }\n", "utf-8")
    (tmp_path / "b.css").write_text("p { margin: 1em }\n", "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(page("标题甲"), "utf-8")
    (tmp_path / "model.crfsuite").symlink_to("own.crfsuite")
    (tmp_path / "style.css").symlink_to("a.css")
    args = ("pages", "-o", "out", "--to", "json,epub", "--model", "model.crfsuite", "--epub-css", "style.css")
    assert "1 converted" in run(*args, cwd=tmp_path).stderr
    assert "1 skipped" in run(*args, cwd=tmp_path).stderr
    for link, target in (("model.crfsuite", "other.crfsuite"), ("style.css", "b.css")):
        (tmp_path / link).unlink()
        (tmp_path / link).symlink_to(target)
        assert "1 converted" in run(*args, cwd=tmp_path).stderr, link
        assert "1 skipped" in run(*args, cwd=tmp_path).stderr
    # a word model beside the model a link reaches: added, changed, removed
    for suffix, shipped in ((".joins", "joins.crfsuite"), (".stacks", "stacks.crfsuite")):
        beside = tmp_path / f"other.crfsuite{suffix}"
        shutil.copy(models / shipped, beside)
        assert "1 converted" in run(*args, cwd=tmp_path).stderr, suffix
        assert "1 skipped" in run(*args, cwd=tmp_path).stderr
        beside.unlink()
        assert "1 converted" in run(*args, cwd=tmp_path).stderr, suffix


def test_resume_is_keyed_on_content_options_and_plugins_not_times(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(page("标题甲"), "utf-8")
    (pages / "b.txt").write_text(page("标题乙"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    assert "0 converted, 2 skipped" in run("pages", "-o", "out", cwd=tmp_path).stderr

    # new content with an older time, as cp -p, tar or rsync -a leave it
    (pages / "a.txt").write_text(page("标题丙"), "utf-8")
    os.utime(pages / "a.txt", (1_000_000, 1_000_000))
    assert "1 converted, 1 skipped" in run("pages", "-o", "out", cwd=tmp_path).stderr
    assert headlines(tmp_path / "out")["a.json"][1] == "标题丙"

    # changed options although the state has no entry for the page (a killed run)
    state = tmp_path / "out" / ".convert-state.json"
    data = json.loads(state.read_text("utf-8"))
    del data["pages"]["a"]
    state.write_text(json.dumps(data), "utf-8")
    assert "2 converted" in run("pages", "-o", "out", "--publication", "某报", cwd=tmp_path).stderr

    # the plugin set: a plugin added, and its code changed
    (tmp_path / "tagger.py").write_text(
        "from convert_core import hookimpl\n@hookimpl\ndef transform_document(document, options):\n"
        "    document.metadata.section = 'A'\n",
        "utf-8",
    )
    env = subprocess_env(tmp_path)
    args = ("pages", "-o", "out", "--publication", "某报", "--plugin", "tagger")
    assert "2 converted" in run(*args, cwd=tmp_path, env=env).stderr
    assert "2 skipped" in run(*args, cwd=tmp_path, env=env).stderr
    (tmp_path / "tagger.py").write_text((tmp_path / "tagger.py").read_text("utf-8").replace("'A'", "'B'"), "utf-8")
    assert "2 converted" in run(*args, cwd=tmp_path, env=env).stderr
    assert "2 converted" in run(*args, "--disable-plugin", "tagger", cwd=tmp_path, env=env).stderr

    # an output changed or removed behind the run's back
    (tmp_path / "out" / "b.json").write_text("{}", "utf-8")
    (tmp_path / "out" / "a.json").unlink()
    again = run(*args, "--disable-plugin", "tagger", cwd=tmp_path, env=env)
    assert "2 converted, 0 skipped" in again.stderr
    assert headlines(tmp_path / "out")["b.json"][1] == "标题乙"


def test_a_page_that_shrinks_leaves_exactly_its_new_files(tmp_path, seed_path):
    source = tmp_path / "page.txt"
    source.write_bytes(seed_path.read_bytes())
    assert run("page.txt", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    folder = tmp_path / "out" / "page"
    assert len(list(folder.iterdir())) == 11  # the page's package object and its 10 items
    source.write_text(page("只剩一条"), "utf-8")
    assert run("page.txt", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 2 and names[1] == "package.ninjs.json"
    # one file instead of a folder, and back: the other shape's files go
    assert run("page.txt", "--to", "ninjs", "--ninjs-array", "-o", "out", cwd=tmp_path).returncode == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["page.ninjs.json"]
    assert run("page.txt", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["page"]


def test_a_batch_skips_a_page_only_when_its_folder_holds_exactly_its_files(tmp_path, seed_path):
    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_bytes(seed_path.read_bytes())
    assert run("pages", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    stray = tmp_path / "out" / "a" / "99-a-stray.ninjs.json"
    stray.write_text("{}", "utf-8")
    again = run("pages", "--to", "ninjs", "-o", "out", cwd=tmp_path)
    assert "1 converted, 1 skipped" in again.stderr and not stray.exists()


def test_a_skip_and_a_conversion_agree_on_whose_files_a_folder_holds(tmp_path, seed_path):
    """A page's folder of ninjs items (``*.ninjs.json``) holds no stray file of a JSON run
    (``*.json``): the check for a skip asks what a conversion would remove, so it skips."""
    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_bytes(seed_path.read_bytes())
    assert run("pages", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    items = sorted((tmp_path / "out" / "a").iterdir())
    assert "2 converted" in run("pages", "--to", "json", "-o", "out", cwd=tmp_path).stderr
    again = run("pages", "--to", "json", "-o", "out", cwd=tmp_path)
    assert "0 converted, 2 skipped" in again.stderr, again.stderr
    assert sorted((tmp_path / "out" / "a").iterdir()) == items  # another format's files are left alone


# ---------------------------------------------------------------------------- report and state


@pytest.mark.parametrize(
    "report, words",
    [
        ("adir", "is a directory"),
        ("adir/", "give a file name"),
        ("afile/report.json", "is a file"),
        ("pages/a.txt", "is an input"),
        ("out/.convert-state.json", "resume state"),
        ("/dev/null", "not a regular file"),
    ],
)
def test_a_report_path_that_cannot_be_written_is_a_usage_error_before_any_page(tmp_path, report, words):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "pages" / "b.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x", "utf-8")
    result = run("pages", "-o", "out", "--report", report, cwd=tmp_path)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() and (tmp_path / "pages" / "a.txt").read_text("utf-8") == page("标题")


@pytest.mark.parametrize("kind", ["fifo", "device link", "wrong types", "not json", "old version"])
def test_a_bad_state_file_is_never_read_and_is_rebuilt(tmp_path, kind):
    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_text(page("标题"), "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    state = out / ".convert-state.json"
    if kind == "fifo":
        os.mkfifo(state)
    elif kind == "device link":
        state.symlink_to("/dev/zero")
    elif kind == "wrong types":
        state.write_text(json.dumps({"version": 2, "pages": {"a": {"sha256": 5, "outputs": "x"}, "b": []}}), "utf-8")
    elif kind == "not json":
        state.write_bytes(b"\xff{{{")
    else:
        state.write_text(json.dumps({"version": 1, "pages": {"a": {"sha256": "x", "fingerprint": "y"}}}), "utf-8")
    result = run("pages", "-o", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "2 converted" in result.stderr and "Traceback" not in result.stderr
    assert state.is_file() and not state.is_symlink()
    assert "2 skipped" in run("pages", "-o", "out", cwd=tmp_path).stderr


def test_a_full_disk_for_the_report_or_the_state_is_exit_4_and_the_pages_are_written(tmp_path, monkeypatch):
    from convert_core import batch, descriptors, resume
    from convert_core.cli import main
    from convert_core.errors import OutputError

    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_text(page("标题"), "utf-8")

    opened = batch.ReportWriter.__init__

    def full_report(self, path):  # type: ignore[no-untyped-def]
        opened(self, path)
        full = os.open("/dev/full", os.O_WRONLY)  # writes fail: No space left on device
        os.dup2(full, self.fd)
        os.close(full)
        self.ident = descriptors.own(self.fd, "the report (on a full disk)")

    monkeypatch.setattr(batch.ReportWriter, "__init__", full_report)
    code = main([str(tmp_path / "pages"), "-o", str(tmp_path / "out"), "-q", "--jobs", "1"])
    assert code == 4
    assert sorted(path.name for path in (tmp_path / "out").glob("[ab].json")) == ["a.json", "b.json"]
    assert not list((tmp_path / "out").glob(".*.part")) and not (tmp_path / "out" / "convert-report.json").exists()
    monkeypatch.undo()

    def full(path, data, **kwargs):  # type: ignore[no-untyped-def]
        raise OutputError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(resume, "atomic_write", full)
    assert main([str(tmp_path / "pages"), "-o", str(tmp_path / "out2"), "-q", "--jobs", "1"]) == 4


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_in_a_folder_does_not_stop_the_batch(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / os.fsdecode(b"p\xff.txt")).write_text(page("标题甲"), "utf-8")
    (pages / "q.txt").write_text(page("标题乙"), "utf-8")
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "convert-report.json").read_bytes())
    assert report["summary"]["converted"] == 2
    assert "2 skipped" in run("pages", "-o", "out", cwd=tmp_path).stderr


# ---------------------------------------------------------------------------- planted links


def test_a_link_where_a_page_folder_goes_does_not_send_outputs_elsewhere(tmp_path, seed_path):
    (tmp_path / "page.txt").write_bytes(seed_path.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "page").symlink_to(elsewhere)
    result = run("page.txt", "--to", "ninjs", "-o", "out", cwd=tmp_path)
    assert result.returncode == 4 and "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_link_where_a_mirrored_folder_goes_does_not_send_outputs_elsewhere(tmp_path):
    (tmp_path / "pages" / "2020").mkdir(parents=True)
    (tmp_path / "pages" / "2020" / "a.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "pages" / "b.txt").write_text(page("标题"), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "2020").symlink_to(elsewhere)
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 4 and "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == [] and (tmp_path / "out" / "b.json").exists()


def test_a_link_where_the_pictures_folder_goes_does_not_send_them_elsewhere(tmp_path):
    # was: out/images -> elsewhere: every picture of a PDF page written outside the output
    # folder; a file of a picture's size planted at its name was taken for it
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(Path(__file__).parent))
    from pdfpages import seed_page

    gold = json.loads((Path(__file__).parent.parent / "seeds" / "000_80fb9983b63b8a66.expected.json").read_text())
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "x.pdf").write_bytes(seed_page(gold))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "images").symlink_to(elsewhere)
    result = run("pages/x.pdf", "-o", "out", cwd=tmp_path)
    assert result.returncode == 4 and "images is a symbolic link" in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == []
    # a file planted at a picture's name, of its size: replaced by the picture
    (tmp_path / "out" / "images").unlink()
    assert run("pages/x.pdf", "-o", "fresh", cwd=tmp_path).returncode == 0
    pictures = sorted((tmp_path / "fresh" / "images").iterdir())
    assert pictures
    (tmp_path / "out" / "images").mkdir()
    planted = tmp_path / "out" / "images" / pictures[0].name
    planted.write_bytes(b"x" * pictures[0].stat().st_size)
    assert run("pages/x.pdf", "-o", "out", cwd=tmp_path).returncode == 0
    assert planted.read_bytes() == pictures[0].read_bytes()


def test_pictures_no_page_uses_any_more_are_removed_and_shared_ones_kept(tmp_path):
    """A PDF page replaced by a page of text (or whose pictures changed): its pictures
    stayed in ``images/`` for ever, even with ``--delete``; a page whose pictures another
    page had written recorded none of them. Every page records each picture it uses; at
    the end of a run, the pictures no page lists any more are removed (still holding
    their bytes), those another page uses kept, and ``images/`` once empty."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(Path(__file__).parent))
    from pdfpages import seed_page

    gold = json.loads((Path(__file__).parent.parent / "seeds" / "000_80fb9983b63b8a66.expected.json").read_text())
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("x", "z"):
        (pages / f"{name}.pdf").write_bytes(seed_page(gold))
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    images = tmp_path / "out" / "images"
    pictures = sorted(path.name for path in images.iterdir())
    assert pictures
    state = json.loads((tmp_path / "out" / ".convert-state.json").read_text("utf-8"))
    assert all(f"images/{name}" in state["pages"][key]["outputs"] for key in "xz" for name in pictures)
    (pages / "x.pdf").unlink()
    (pages / "x.txt").write_text(page("标题"), "utf-8")
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0 and "1 converted, 1 skipped" in result.stderr, result.stderr
    assert sorted(path.name for path in images.iterdir()) == pictures  # z uses them still
    (pages / "z.pdf").unlink()
    (pages / "z.txt").write_text(page("标题二"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    assert not images.exists()
    again = run("pages", "-o", "out", cwd=tmp_path)
    assert again.returncode == 0 and "0 converted, 2 skipped" in again.stderr, again.stderr


def _pdf_page_with_pictures() -> bytes:
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(Path(__file__).parent))
    from pdfpages import seed_page

    return seed_page(
        json.loads((Path(__file__).parent.parent / "seeds" / "000_80fb9983b63b8a66.expected.json").read_text())
    )


def test_pictures_a_stopped_run_left_unused_are_removed_by_the_next_run(tmp_path):
    """A run stopped after a page dropped its pictures (SIGTERM, or killed after the state
    was saved) left them for ever: the pictures to remove were known to that run alone,
    and the next run found the page up to date. They are kept in the state until gone."""
    (tmp_path / "slow_plugin.py").write_text(SLOW_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.pdf").write_bytes(_pdf_page_with_pictures())
    (pages / "p1.txt").write_text(page("标题"), "utf-8")
    arguments = [*COMMAND, "pages", "--to", "json,slow", "--plugin", "slow_plugin", "-o", "out", "--jobs", "1"]
    assert run(*arguments[3:], cwd=tmp_path, env=subprocess_env(tmp_path)).returncode == 0
    images = tmp_path / "out" / "images"
    assert list(images.iterdir())
    (pages / "a.pdf").unlink()
    (pages / "a.txt").write_text(page("标题甲"), "utf-8")
    (pages / "p1.txt").write_text(page("标题乙"), "utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, SLOW_SECONDS="600", HANG_MARKS=str(marks))
    process = subprocess.Popen(arguments, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120  # (a bound only a failure reaches)
    while not (marks / "started-p1.txt").exists():  # a.txt done (its pictures dropped), p1 hanging
        assert time.monotonic() < deadline and process.poll() is None, process.communicate()[1]
        time.sleep(0.05)
    process.terminate()
    assert process.wait(120) == 143
    assert list(images.iterdir())  # a stopped run removes nothing
    again = run(*arguments[3:], cwd=tmp_path, env=subprocess_env(tmp_path))
    assert again.returncode == 0 and "1 converted, 1 skipped" in again.stderr, again.stderr
    assert not images.exists()


def test_the_pictures_of_a_page_that_failed_are_kept_then_removed_once_it_uses_them_no_more(tmp_path):
    """A page that fails keeps its last outputs, and so the pictures they show; it was
    forgotten by the state, so once converted again without them they stayed for ever
    (and another page dropping a picture it shared could remove one its outputs show)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.pdf").write_bytes(_pdf_page_with_pictures())
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    images = tmp_path / "out" / "images"
    pictures = sorted(images.iterdir())
    assert pictures
    (pages / "a.pdf").write_bytes(b"")  # fails: its last outputs, pictures too, are kept
    failed = run("pages", "-o", "out", cwd=tmp_path)
    assert failed.returncode == 3 and "0 converted, 0 skipped, 1 failed" in failed.stderr, failed.stderr
    assert sorted(images.iterdir()) == pictures
    (pages / "a.pdf").unlink()
    (pages / "a.txt").write_text(page("标题"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    assert not images.exists()


# ---------------------------------------------------------------------------- signals, dead workers, debris

SLOW_PLUGIN = (
    HANG_SOURCE
    + """
import os, signal
from convert_core import Exporter, hookimpl

def write(document, options):
    name = document.metadata.source.name or ''
    if name == os.environ.get('KILLER'):
        os.kill(os.getpid(), signal.SIGKILL)
    # (not the sample the writers are warmed on; SLOW_FROM: the first page that is slow)
    if name.startswith('p') and name >= os.environ.get('SLOW_FROM', ''):
        hang(name, float(os.environ.get('SLOW_SECONDS', '0')))
    return b'slow'

@hookimpl
def register_exporters():
    return [Exporter('slow', '.slow', 'text/plain', 'sleeps', write)]
"""
)


def _children(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def as_a_terminals_job() -> None:
    """``preexec_fn``: the stopping signals at their defaults in the command, as in a
    terminal's job — a test suite run in the background (``nohup``, a script's ``&``)
    passes SIGHUP and SIGINT on ignored, which the command rightly keeps ignored."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


@pytest.fixture
def slow_pages(tmp_path: Path) -> Path:
    (tmp_path / "slow_plugin.py").write_text(SLOW_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for index in range(12):
        (pages / f"p{index:02}.txt").write_text(page(f"标题{index}"), "utf-8")
    return pages


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_to_the_parent_ends_its_workers_and_leaves_no_debris(tmp_path, slow_pages, signum):
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, SLOW_SECONDS="600", HANG_MARKS=str(marks))
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=as_a_terminals_job
    )
    try:
        deadline = time.monotonic() + 120  # (a bound only a failure reaches)
        while len(in_flight := list(marks.glob("started-*"))) < 2:
            assert time.monotonic() < deadline and process.poll() is None, "the pages never started"
            time.sleep(0.05)
        workers = [int(mark.read_text()) for mark in in_flight]
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)  # (the pages hang for 600 s)
    finally:
        process.kill()
        (marks / "release").touch()
    assert process.returncode == 128 + signum, stderr
    assert f"stopped by signal {signum}" in stderr and "Traceback" not in stderr
    assert all(process_gone(pid) for pid in workers)
    assert not list(marks.glob("finished-*"))
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".part")]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("jobs", "how"),
    [(1, "SIGTERM"), (2, "SIGTERM"), (2, "Ctrl-C twice"), (2, "Ctrl-C, the pages in flight ending")],
)
def test_a_stopped_run_reports_and_counts_every_page_once(tmp_path, slow_pages, jobs, how):
    """However a run is stopped, the report holds every page once and the summary counts
    each once: converted, skipped, failed, ``unfinished`` (stopped while the run had it)
    or ``not_started`` — the pages not done were in neither (a report of 4 pages and a
    summary of ``4 converted, 0 skipped, 0 failed`` for a run of 12), so nothing said
    what was left undone. Four pages are quick, the others hang until released."""
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, SLOW_SECONDS="600", SLOW_FROM="p04", HANG_MARKS=str(marks))
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", str(jobs)]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, preexec_fn=as_a_terminals_job, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120  # (a bound only a failure reaches)
        while len(list(marks.glob("started-*"))) < jobs:
            assert time.monotonic() < deadline and process.poll() is None, "the pages never started"
            time.sleep(0.05)
        said = ""
        if how == "SIGTERM":
            process.send_signal(signal.SIGTERM)
        else:
            os.killpg(process.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole group
            said = said_until(process, "page(s) in flight are let finish")
            if how == "Ctrl-C twice":
                os.killpg(process.pid, signal.SIGINT)
            else:
                (marks / "release").touch()
        said += process.communicate(timeout=120)[1].decode()
    finally:
        process.kill()
        (marks / "release").touch()
    assert process.returncode == (143 if how == "SIGTERM" else 130), said
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    keys = [entry["key"] for entry in report["pages"]]
    assert sorted(keys) == [f"p{index:02}" for index in range(12)], keys
    ends = {}
    for entry in report["pages"]:
        ends[entry["status"]] = ends.get(entry["status"], 0) + 1
    summary = report["summary"]
    assert {end: summary[end] for end in ends} == ends and summary["pages"] == 12
    assert sum(summary[end] for end in ("converted", "skipped", "failed", "unfinished", "not_started")) == 12
    assert ends["converted"] >= 4 and summary["interrupted"]
    stopped = "".join(
        f", {summary[end]} {end.replace('_', ' ')}" for end in ("unfinished", "not_started") if summary[end]
    )
    assert f"{summary['converted']} converted, 0 skipped, 0 failed{stopped} in" in said, said
    if how != "Ctrl-C, the pages in flight ending":
        # the pages begun (inline, or one a worker) and no other: those queued for the
        # workers that none had taken were reported as unfinished too (up to jobs + 1 more)
        begun = sorted(mark.name.removeprefix("started-").removesuffix(".txt") for mark in marks.glob("started-*"))
        unfinished = sorted(entry["key"] for entry in report["pages"] if entry["status"] == "unfinished")
        assert unfinished == begun and len(begun) == jobs, (unfinished, begun)
        assert ends["not_started"] == 12 - 4 - jobs


def test_a_run_started_with_sighup_ignored_keeps_it_ignored(tmp_path):
    """``nohup convert PAGE …``: a hang-up (the terminal closed) stopped the run all the
    same (`stopped by signal 1`, exit 129), since it set its own SIGHUP handler over the
    ignored one. A stopping signal the run was started with ignored stays ignored, as
    Python keeps an ignored SIGINT; SIGTERM still stops it."""
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)

    def nohup() -> None:
        as_a_terminals_job()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    command = [*COMMAND, str(fifo), "--to", "json", "-o", str(tmp_path / "out")]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, preexec_fn=nohup)
    try:
        deadline = time.monotonic() + 60
        while "SigCgt" not in (status := Path(f"/proc/{process.pid}/status").read_text()) or not (
            int(status.split("SigCgt:")[1].split()[0], 16) & (1 << (signal.SIGTERM - 1))
        ):  # the run has set its handlers: it is waiting on the FIFO
            assert time.monotonic() < deadline and process.poll() is None, process.stderr
            time.sleep(0.05)
        process.send_signal(signal.SIGHUP)
        while process.poll() is None and time.monotonic() < deadline:  # the page, once the run opens it
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # (no reader yet)
                time.sleep(0.05)
                continue
            os.write(writer, page("标题").encode())
            os.close(writer)
            break
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert (tmp_path / "out" / "page.json").is_file()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_batch_started_with_sighup_ignored_loses_no_page_to_a_hang_up(tmp_path, slow_pages):
    """The same for a ``-j N`` run's workers: a hang-up sent to the whole process group
    (the terminal closed under ``nohup convert … -j 2``) ended the workers, and the run."""
    env = subprocess_env(tmp_path, SLOW_SECONDS="0.5")
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2"]

    def nohup() -> None:
        as_a_terminals_job()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=nohup, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        while not list((tmp_path / "out").rglob("*.slow")) and time.monotonic() < deadline:
            time.sleep(0.05)  # the workers are on their pages
        os.killpg(process.pid, signal.SIGHUP)  # as a closed terminal: the whole group
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert "12 converted" in stderr, stderr


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("second", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_then_another_signal_stops_now_recording_the_pages_done(tmp_path, slow_pages, second):
    """Ctrl-C lets the pages in flight end; Ctrl-C again (or SIGTERM) while they end stops
    now: the workers are terminated, the pages already done are recorded, the others leave
    no file. The second Ctrl-C waited for every page in flight all the same and recorded
    none (a report of 0 converted, no state, outputs written behind it), and SIGTERM then
    printed the process pool's traceback (``InvalidStateError: CANCELLED``). Four pages
    are quick, the others hang (for 10 minutes, or until released): the run ended the two
    in flight if their workers are gone and neither finished."""
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, SLOW_SECONDS="600", SLOW_FROM="p04", HANG_MARKS=str(marks))
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2"]
    # (started with SIGINT's default, as a terminal's foreground job: see test_batch.py's Ctrl-C test)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        deadline = time.monotonic() + 120  # (a bound only a failure reaches)
        while len(in_flight := list(marks.glob("started-*"))) < 2:
            assert time.monotonic() < deadline and process.poll() is None, "the pages never started"
            time.sleep(0.05)
        workers = [int(mark.read_text()) for mark in in_flight]
        os.killpg(process.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole group
        # the second once the run has taken the first (it slept 0.5 s, and sent it again
        # should a busy machine have taken both as one)
        said = said_until(process, "page(s) in flight are let finish")
        if second == signal.SIGINT:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(second)  # as kill does
        try:
            stderr = said + process.communicate(timeout=60)[1]  # (the pages hang for 600 s)
        except subprocess.TimeoutExpired:
            pytest.fail("the run waited for the pages in flight")
    finally:
        process.kill()
        (marks / "release").touch()
    assert process.returncode == 128 + second, stderr
    assert "Traceback" not in stderr and "InvalidStateError" not in stderr, stderr
    assert all(process_gone(pid) for pid in workers)  # the workers were ended…
    assert not list(marks.glob("finished-*"))  # …on their pages
    out = tmp_path / "out"
    assert not [path for path in out.rglob("*") if path.name.endswith(".part")]
    state = out / ".convert-state.json"
    recorded = json.loads(state.read_text("utf-8"))["pages"] if state.exists() else {}
    written = sorted(path.stem for path in out.glob("*.slow"))
    assert written == ["p00", "p01", "p02", "p03"]
    assert sorted(Path(name).stem for name in recorded) == written  # every page written is recorded
    again = run(
        "pages",
        "--to",
        "slow,json",
        "-o",
        "out",
        "--plugin",
        "slow_plugin",
        "--jobs",
        "2",
        cwd=tmp_path,
        env=env,  # (the hang released)
    )
    assert again.returncode == 0 and "8 converted, 4 skipped" in again.stderr


#: Ctrl-C as the run records the first page a worker has converted: started with the
#: command (``sitecustomize``), it sends the run SIGINT at the start of ``State.record``,
#: which Python takes at once, before the page is recorded.
CTRL_C_WHILE_RECORDING = """
import os, signal
from convert_core import resume

_record = resume.State.record

def record(self, result):
    if result.status == "converted" and os.environ.pop("CTRL_C_ONCE", None) is not None:
        os.kill(os.getpid(), signal.SIGINT)
    return _record(self, result)

resume.State.record = record
"""


def test_ctrl_c_while_the_run_records_a_page_still_records_it(tmp_path, slow_pages):
    """A Ctrl-C that came while the run handled a page's result, before the state recorded
    it, lost the page's record though its worker had written its outputs: the next run
    converted it again (one page fewer skipped than written)."""
    (tmp_path / "sitecustomize.py").write_text(CTRL_C_WHILE_RECORDING, "utf-8")
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2"]
    first = subprocess.run(
        command,
        cwd=tmp_path,
        env=subprocess_env(tmp_path, CTRL_C_ONCE="1"),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=as_a_terminals_job,
    )
    assert first.returncode == 130 and "interrupted" in first.stderr, first.stderr
    written = sorted(path.stem for path in (tmp_path / "out").glob("*.slow"))
    assert 0 < len(written) < 12
    # and counted and reported once, as converted (the signal waits for the page's accounting)
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert sorted(entry["key"] for entry in report["pages"]) == [f"p{index:02}" for index in range(12)]
    assert sorted(entry["key"] for entry in report["pages"] if entry["status"] == "converted") == written
    assert f"{len(written)} converted, 0 skipped" in first.stderr
    again = run(*command[3:], cwd=tmp_path, env=subprocess_env(tmp_path))
    assert again.returncode == 0, again.stderr
    assert f"{12 - len(written)} converted, {len(written)} skipped" in again.stderr, (written, again.stderr)


@pytest.mark.slow
def test_a_worker_killed_mid_page_fails_only_that_page(tmp_path, slow_pages):
    env = subprocess_env(tmp_path, KILLER="p05.txt")
    result = run(
        "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2", cwd=tmp_path, env=env
    )
    assert result.returncode == 1, result.stderr
    assert "p05.txt: its worker process died" in result.stderr and "11 converted" in result.stderr
    assert len(list((tmp_path / "out").glob("*.slow"))) == 11


def test_a_rerun_removes_the_temporary_files_of_a_killed_run_but_not_a_live_ones(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    debris = [tmp_path / f".a.json.{dead_pid}.0.part", tmp_path / f".convert-report.json.{dead_pid}.part"]
    live = tmp_path / f".b.json.{os.getpid()}.3.part"
    for path in [*debris, live]:
        path.write_text("half", "utf-8")
    keep = tmp_path / "notes.part"
    keep.write_text("not ours", "utf-8")
    assert sweep_debris([tmp_path]) == 2
    assert not any(path.exists() for path in debris) and live.exists() and keep.exists()


def test_a_killed_runs_files_beside_a_report_or_a_trained_model_elsewhere_are_swept(tmp_path, seed_path):
    """A run killed while it wrote ``--report`` outside the output folder, or ``train -o``
    its model, left ``.NAME.PID.part`` files there that no later run removed (and
    ``train``'s were named by ``mkstemp`` — no PID, so never known for debris); only the
    files of those names go, never another program's."""
    from convert_core.training import fit_and_write

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    reports, models = tmp_path / "reports", tmp_path / "models"
    (tmp_path / "pages").mkdir()
    reports.mkdir()
    models.mkdir()
    (tmp_path / "pages" / "a.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "pages" / "a.expected.json").write_bytes(
        (seed_path.parent / f"{seed_path.stem}.expected.json").read_bytes()
    )
    debris = [reports / f".r.json.{dead.stdout.strip()}.part"]
    debris += [models / f".m.crfsuite{suffix}.{dead.stdout.strip()}.0.part" for suffix in ("", ".card.json", ".joins")]
    other = [reports / f".other.json.{dead.stdout.strip()}.part", models / f".x.crfsuite.{dead.stdout.strip()}.0.part"]
    for path in [*debris, *other]:
        path.write_text("half", "utf-8")
    assert run("pages", "--to", "json", "-o", "out", "--report", str(reports / "r.json"), cwd=tmp_path).returncode == 0
    trained = run("train", "pages", "--gold", "pages", "-o", str(models / "m.crfsuite"), cwd=tmp_path)
    assert trained.returncode == 0, trained.stderr
    assert not any(path.exists() for path in debris) and all(path.exists() for path in other)

    class Trainer:
        def train(self, path: str) -> None:
            self.path = path
            Path(path).write_bytes(b"model")

    trainer = Trainer()
    fit_and_write(trainer, models / "n.crfsuite", "the model")
    assert Path(trainer.path).name.startswith(f".n.crfsuite.{os.getpid()}.")  # a name sweep_debris knows


def test_a_pages_folder_is_swept_of_a_killed_runs_files_as_the_page_lists_it(tmp_path, seed_path):
    """The temporary files a killed run left among a page's per-item files go when the
    next run looks at the page, whether it converts or skips it; a live run's stay."""
    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_bytes(seed_path.read_bytes())
    assert run("pages", "--to", "ninjs", "-o", "out", cwd=tmp_path).returncode == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    debris = [tmp_path / "out" / name / f".01-x.ninjs.json.{int(dead.stdout)}.0.part" for name in ("a", "b")]
    live = tmp_path / "out" / "b" / f".02-x.ninjs.json.{os.getpid()}.0.part"
    for path in [*debris, live]:
        path.write_text("half", "utf-8")
    (tmp_path / "pages" / "a.txt").write_text(page("改过的标题"), "utf-8")
    again = run("pages", "--to", "ninjs", "-o", "out", cwd=tmp_path)
    assert "1 converted, 1 skipped" in again.stderr, again.stderr
    assert not any(path.exists() for path in debris) and live.exists()


@pytest.mark.parametrize("executor", ["thread", "dask"])
def test_timeout_is_refused_where_it_cannot_stop_a_page(tmp_path, executor):
    (tmp_path / "pages").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "pages" / name).write_text(page("标题"), "utf-8")
    result = run("pages", "-o", "out", "--timeout", "5", "--executor", executor, "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 2 and "--timeout cannot stop a page" in result.stderr
    assert not (tmp_path / "out").exists()


def test_timeout_in_a_thread_of_the_library_fails_the_page_instead_of_being_ignored(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from convert_core.batch import PageTask, run_batch

    (tmp_path / "a.txt").write_text(page("标题"), "utf-8")
    task = PageTask(
        source=str(tmp_path / "a.txt"), out_dir=str(tmp_path / "out"), stem="a", formats=("json",), timeout=5
    )
    with ThreadPoolExecutor(1) as executor:
        (result,) = run_batch([task], executor)
    assert result.status == "failed" and "--timeout cannot stop a page" in result.errors[0]["message"]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_after_kill_9_of_the_whole_run_the_same_command_completes_it(tmp_path, slow_pages):
    import convert_core

    env = subprocess_env(tmp_path, SLOW_SECONDS="0.3")
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "--jobs", "2"]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list((tmp_path / "out").glob("*.slow"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    process.kill()  # SIGKILL: no handler runs in the parent
    process.wait()
    # they die with it (the kernel sends each SIGTERM; a busy one unwinds its page first,
    # which a loaded machine can make take over a second)
    assert all(process_gone(pid) for pid in workers)
    for index in (2, 7):  # and the pages change before the next run, keeping their old times
        path = slow_pages / f"p{index:02}.txt"
        path.write_text(page(f"改过的标题{index}"), "utf-8")
        os.utime(path, (1_000_000, 1_000_000))
    again = run(*command[3:], cwd=tmp_path, env=subprocess_env(tmp_path))
    assert again.returncode == 0, again.stderr
    for source in sorted(slow_pages.iterdir()):
        fresh = convert_core.export_bytes(convert_core.parse(source), "json")
        assert (tmp_path / "out" / f"{source.stem}.json").read_bytes() == fresh
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".part")]


DEAF_PLUGIN = """
import signal, time
from convert_core import Exporter, hookimpl

def write(document, options):
    if (document.metadata.source.name or '').startswith('stuck'):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as code stuck in C would be
        time.sleep(600)
    return b'ok'

@hookimpl
def register_exporters():
    return [Exporter('deaf', '.deaf', 'text/plain', 'ignores alarms', write)]
"""


@pytest.mark.slow
def test_a_page_that_its_timeout_cannot_stop_is_ended_by_killing_its_worker(tmp_path):
    (tmp_path / "deaf_plugin.py").write_text(DEAF_PLUGIN, "utf-8")
    (tmp_path / "pages").mkdir()
    for name in ("stuck.txt", "fine.txt"):
        (tmp_path / "pages" / name).write_text(page("标题"), "utf-8")
    result = run(
        "pages", "--to", "deaf", "-o", "out", "--plugin", "deaf_plugin", "--jobs", "2", "--timeout", "0.25",
        cwd=tmp_path, env=subprocess_env(tmp_path), timeout=300,  # (the stuck page sleeps 600 s)
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "stuck.txt: timed out: still running after 2.5 s, its worker was killed" in result.stderr
    assert [path.name for path in (tmp_path / "out").glob("*.deaf")] == ["fine.deaf"]


def test_a_report_inside_a_pages_folder_of_items_makes_the_page_move_over(tmp_path):
    """``--report out/a/report.ninjs.json`` lay in page ``a``'s folder of ninjs items: it
    was taken for a stray item, so the page was never up to date (converted every run) and
    the last report removed with the page's stale items, mid-run."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题甲"), "utf-8")
    args = ["pages", "--to", "ninjs", "-o", "out", "--report", "out/a/report.ninjs.json"]
    first = run(*args, cwd=tmp_path)
    assert first.returncode == 0 and "would clash with the run's report or state file" in first.stderr, first.stderr
    again = run(*args, cwd=tmp_path)
    assert again.returncode == 0 and "0 converted, 1 skipped" in again.stderr, again.stderr
    assert json.loads((tmp_path / "out" / "a" / "report.ninjs.json").read_text("utf-8"))["summary"]["skipped"] == 1
    assert list((tmp_path / "out" / "a").iterdir()) == [tmp_path / "out" / "a" / "report.ninjs.json"]


def test_the_report_and_state_never_take_the_place_of_a_folder_or_an_input(tmp_path):
    (tmp_path / "pages" / "sub").mkdir(parents=True)
    (tmp_path / "pages" / "sub" / "a.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "pages" / "b.txt").write_text(page("标题"), "utf-8")
    folder = run("pages", "-o", "out", "--report", "out/sub", cwd=tmp_path)
    assert folder.returncode == 2 and "take the place of the output folder" in folder.stderr
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    state = run("pages", "out/.convert-state.json", "-o", "out", cwd=tmp_path)
    assert state.returncode == 2 and "resume state, not a page" in state.stderr


def test_the_state_file_and_the_report_are_checked_against_the_inputs_alike(tmp_path):
    """Both compare names as a case-insensitive file system would (``plan`` does too)."""
    from convert_core.errors import UsageError
    from convert_core.planning import check_report_path, check_state_path

    (tmp_path / "out").mkdir()
    state, report = tmp_path / "out" / ".convert-state.json", tmp_path / "out" / "report.json"
    inputs = [str(tmp_path / "out" / ".CONVERT-STATE.json"), str(tmp_path / "out" / "Report.JSON")]
    with pytest.raises(UsageError, match=r"\.convert-state\.json is the run's resume state, not a page"):
        check_state_path(state, inputs=inputs)
    with pytest.raises(UsageError, match="is an input of this run"):
        check_report_path(str(report), inputs=inputs)
    check_state_path(state, inputs=["-", str(report)])  # not an input: no error


def test_a_worker_whose_parent_is_gone_ends_even_without_the_kernels_signal():
    """The watcher thread behind PR_SET_PDEATHSIG: it ends a worker whose parent is not
    the one it was started by, with the exit code of SIGTERM."""
    code = "import sys; from convert_core.batch import _watch_parent; _watch_parent(1); sys.exit(0)"
    done = subprocess.run([sys.executable, "-c", code], timeout=120)
    assert done.returncode == 128 + signal.SIGTERM


def test_a_worker_ends_on_its_signal_even_while_a_plugin_calls_stand_in_replaces_os_exit():
    """A SIGTERM that lands while a plugin call swaps ``os._exit`` (its stand-in raises
    instead of exiting) must still end the worker: the batch exits with the real one."""
    code = (
        "import os, signal, sys\n"
        "import convert_core.batch as batch, convert_core.plugins as plugins\n"
        "batch._worker = True\n"
        "plugins._guard_pid = os.getpid()\n"
        "os._exit = plugins._exit_from_plugin\n"
        "batch._worker_signal(signal.SIGTERM, None)\n"
        "sys.exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr


# ---------------------------------------------------------------------------- pages that are gone


def _state(out: Path) -> dict:
    return json.loads((out / ".convert-state.json").read_text("utf-8"))


def test_outputs_of_a_page_whose_input_is_gone_are_named_and_removed_only_with_delete(tmp_path):
    """A page removed (or renamed) between runs: like rsync, its outputs are kept unless
    ``--delete`` is given, but never claimed — the state lists it only as orphaned, the
    report counts it, and a warning names it. ``--delete`` removes exactly what the run
    wrote for it (its per-item folder too), keeps an output edited since, and touches
    nothing outside the output folder (a planted state cannot aim it elsewhere)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b", "c"):
        (pages / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    out = tmp_path / "out"
    first = run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (pages / "b.txt").unlink()
    (pages / "c.txt").rename(pages / "c2.txt")
    (out / "c.json").write_text("edited by hand", "utf-8")

    # a run over some of the pages forgets none of the others
    some = run("pages/a.txt", "pages/c2.txt", "--to", "json,ninjs", "-o", "out", cwd=tmp_path)
    assert some.returncode == 0 and "give --delete" in some.stderr
    again = run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "2 page(s) an earlier run converted into out are gone" in again.stderr and "give --delete" in again.stderr
    assert (out / "b.json").exists() and (out / "b").is_dir()  # kept without --delete
    state = _state(out)
    assert sorted(state["pages"]) == ["a", "c2"] and sorted(state["orphaned"]) == ["b", "c"]
    assert json.loads((out / "convert-report.json").read_text("utf-8"))["summary"]["orphaned"] == 2

    victim = tmp_path / "victim.json"
    victim.write_text("not an output", "utf-8")
    import hashlib

    planted = _state(out)
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    planted["orphaned"]["z"] = {
        "sha256": "0" * 64,
        "fingerprint": "x",
        "outputs": {"../victim.json": digest},
        "source": "/gone",
    }
    (out / ".convert-state.json").write_text(json.dumps(planted), "utf-8")

    deleting = run("pages", "--to", "json,ninjs", "-o", "out", "--delete", cwd=tmp_path)
    assert deleting.returncode == 0, deleting.stderr
    assert "--delete: kept" in deleting.stderr and "c.json" in deleting.stderr
    left = sorted(str(path.relative_to(out)) for path in out.rglob("*") if not path.name.startswith("."))
    assert not [name for name in left if name.startswith("b")]
    assert "c.json" in left and not (out / "c").exists()  # the edited file stays, its items go
    assert victim.read_text("utf-8") == "not an output"
    state = _state(out)
    assert sorted(state["pages"]) == ["a", "c2"] and state["orphaned"] == {}
    assert json.loads((out / "convert-report.json").read_text("utf-8"))["summary"]["deleted"] == 3


def _orphaned_run(tmp_path: Path) -> tuple[Path, Path]:
    """Pages a and b converted into ``out`` (JSON and ninjs, which writes a folder of items
    per page); returns the pages' folder and ``out``."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    first = run("pages", "--to", "json,ninjs", "-o", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    return pages, tmp_path / "out"


def _plant(out: Path, key: str, outputs: dict[str, str]) -> None:
    planted = _state(out)
    planted["orphaned"][key] = {"sha256": "0" * 64, "fingerprint": "x", "outputs": outputs, "source": "/gone/x.txt"}
    (out / ".convert-state.json").write_text(json.dumps(planted), "utf-8")


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _outside_by_dots(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (tmp_path / "empty").mkdir()  # an empty folder outside: rmdir'd as "the page's folder"
    _plant(out, "z", {"../empty/x.json": "0" * 64})
    return [tmp_path / "empty"], ""


def _outside_by_absolute_key(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (tmp_path / "empty").mkdir()
    _plant(out, str(tmp_path / "z"), {"empty/x.json": "0" * 64})
    return [tmp_path / "empty"], ""


def _another_folder_inside(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (out / "keep").mkdir()  # an empty folder of the user's: no page's own folder
    _plant(out, "z", {"a/../keep/x.json": "0" * 64})
    return [out / "keep"], ""


def _a_failed_pages_output(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").write_bytes(b"")  # b fails this time: its outputs of the last run stay
    _plant(out, "z", {"b.json": _sha(out / "b.json")})
    return [out / "b.json"], ""


def _names_no_file_system_takes(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    _plant(out, "z", {"a\u0000b.json": "0" * 64, "\ud800.json": "0" * 64})
    _plant(out, "y\u0000y", {"x.json": "0" * 64})
    return [], ""


def _a_read_only_output(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").unlink()
    (out / "b.json").chmod(0o444)
    return [out / "b.json"], "b.json: it is read-only"


def _a_fifo_in_its_place(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").unlink()
    (out / "b.json").unlink()
    os.mkfifo(out / "b.json")
    return [out / "b.json"], "b.json: it is not a regular file"


def _a_link_in_its_place(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").unlink()
    (out / "b.json").rename(tmp_path / "victim.json")
    (out / "b.json").symlink_to(tmp_path / "victim.json")
    return [tmp_path / "victim.json", out / "b.json"], "b.json: it is a link"


def _a_link_for_its_folder(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").unlink()
    (out / "b").rename(tmp_path / "elsewhere")
    (out / "b").symlink_to(tmp_path / "elsewhere")
    return [*(tmp_path / "elsewhere").iterdir(), out / "b"], "it is reached through a link"


def _a_state_anyone_may_write(tmp_path: Path, pages: Path, out: Path) -> tuple[list[Path], str]:
    (pages / "b.txt").unlink()
    (out / ".convert-state.json").chmod(0o666)
    return [out / "b.json", out / "b"], "cannot be trusted to say what to remove (anyone may write it)"


DELETE_ATTACKS = {
    "a record reaching out of the folder with ..": _outside_by_dots,
    "a record under an absolute key": _outside_by_absolute_key,
    "a record naming another folder inside": _another_folder_inside,
    "a record naming the output of a page that failed this time": _a_failed_pages_output,
    "records naming what no file system takes (NUL, a lone surrogate)": _names_no_file_system_takes,
    "an orphan's output made read-only": _a_read_only_output,
    "a FIFO planted for an orphan's output": _a_fifo_in_its_place,
    "a link planted for an orphan's output": _a_link_in_its_place,
    "a link planted for an orphan's folder": _a_link_for_its_folder,
    "a state file anyone may write": _a_state_anyone_may_write,
}


@pytest.mark.parametrize("attack", list(DELETE_ATTACKS))
def test_delete_removes_only_the_files_its_own_trusted_record_says_it_wrote(tmp_path, attack):
    """``--delete`` probed as an attacker would: what a planted or damaged record names
    outside the output folder, in another folder, as a page of this run's output, or by a
    name no file system takes; a link, FIFO or read-only file planted where an orphan's
    output or folder was; a state file anyone may write. Each is kept (and named when it
    is the orphan's own file), the run ends in its own exit code, never an internal error:
    empty folders outside were removed (the record's folder not normalized), a page that
    failed lost its last outputs, a NUL in a record was ``internal error: ValueError``."""
    pages, out = _orphaned_run(tmp_path)
    survivors, said = DELETE_ATTACKS[attack](tmp_path, pages, out)
    result = run("pages", "--to", "json,ninjs", "-o", "out", "--delete", cwd=tmp_path)
    assert result.returncode in (0, 3), result.stderr  # 3: the page made to fail
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for path in survivors:
        assert os.path.lexists(path), f"{path} was removed"
    assert said in result.stderr
    assert (out / "a.json").exists() and (pages / "a.txt").exists()


def test_delete_keeps_an_orphan_whose_file_cannot_be_removed_and_tries_again(tmp_path, monkeypatch):
    """A file ``--delete`` cannot remove (a folder the user may not write): named with
    the reason, and the page stays an orphan, so the next ``--delete`` tries again — it
    was counted as deleted and forgotten, the file left for ever without a word."""
    from convert_core.resume import State

    pages, out = _orphaned_run(tmp_path)
    (pages / "b.txt").unlink()
    state = State(out)
    assert "b" in state.find_orphans({"a": str((pages / "a.txt").resolve())})
    real_unlink = os.unlink

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path) == "b.json":
            raise PermissionError(13, "Permission denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    deleted, kept = state.delete_orphans([str(pages / "a.txt")], ["a"])
    assert deleted == 0 and "b" in state.orphaned
    assert kept == [(str((out / "b.json").resolve()), "it could not be removed (Permission denied)")]
    assert (out / "b.json").exists() and not (out / "b").exists()  # its items went
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert state.delete_orphans([str(pages / "a.txt")], ["a"]) == (1, []) and not (out / "b.json").exists()


# ---------------------------------------------------------------------------- the environment

ENV_PLUGIN = """
import os
import select
from convert_core import Exporter, hookimpl

AT_IMPORT = os.environ.get('STYLE_AT_IMPORT', 'plain')

def write(document, options):
    os.environ.copy()  # as for a child process: every name read, the shell's bookkeeping too
    return f"{AT_IMPORT} {os.getenv('STYLE_PER_PAGE', 'plain')}".encode()

@hookimpl
def register_exporters():
    return [Exporter('styled', '.styled', 'text/plain', 'reads the environment', write)]
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_variable_the_conversion_read_is_in_the_resume_key(tmp_path, jobs):
    """A plugin that reads the environment (at import, or per page): a page is converted
    again when a variable its conversion read has another value, or is set or unset, and
    skipped when only others changed — the names read are noted as the page is converted,
    never listed by hand. The state holds a hash, never a value (it may be a secret)."""
    (tmp_path / "env_plugin.py").write_text(ENV_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    base = subprocess_env(tmp_path)

    def convert(**env: str) -> str:
        result = run(
            "pages",
            "--to",
            "json,styled",
            "-o",
            "out",
            "-j",
            jobs,
            "--plugin",
            "env_plugin",
            cwd=tmp_path,
            env={**base, **env},
        )
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "2 converted" in convert()
    assert "2 skipped" in convert(COLUMNS="33", UNRELATED="x", OLDPWD="/elsewhere")
    assert "2 converted" in convert(STYLE_PER_PAGE="bold-secret")
    assert (tmp_path / "out" / "a.styled").read_text() == "plain bold-secret"
    assert "bold-secret" not in (tmp_path / "out" / ".convert-state.json").read_text("utf-8")
    assert "2 skipped" in convert(STYLE_PER_PAGE="bold-secret")
    assert "2 converted" in convert(STYLE_PER_PAGE="bold-secret", STYLE_AT_IMPORT="fancy")
    assert (tmp_path / "out" / "b.styled").read_text() == "fancy bold-secret"
    assert "2 converted" in convert(STYLE_PER_PAGE="", STYLE_AT_IMPORT="fancy")  # set but empty is a change too
    assert "2 converted" in convert(STYLE_AT_IMPORT="fancy")


def test_the_state_file_names_no_variable_and_gives_nothing_to_guess_a_value_against(tmp_path, monkeypatch):
    """The state file kept each page's variable names and a plain SHA-256 of their values:
    it told which variables a plugin reads, and a low-entropy secret (a 4-digit PIN) could
    be found by hashing the 10,000 candidates. Now it holds only a keyed hash (HMAC) and the
    number of a list of names; the key and the lists are in a private file of the user's
    (mode 0600, never in the output folder). A changed value still reconverts; a lost key
    file costs one reconversion of every page."""
    import hashlib
    import re
    import stat

    from convert_core import environment

    (tmp_path / "env_plugin.py").write_text(ENV_PLUGIN, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    cache = tmp_path / "cache"
    base = subprocess_env(tmp_path, BULLETIN_CONVERT_CACHE_DIR=str(cache))

    def convert(**env: str) -> str:
        command = ("pages", "--to", "json,styled", "-o", "out", "--plugin", "env_plugin")
        result = run(*command, cwd=tmp_path, env={**base, **env})
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "2 converted" in convert(STYLE_PER_PAGE="4821")
    text = (tmp_path / "out" / ".convert-state.json").read_text("utf-8")
    assert "STYLE_PER_PAGE" not in text and "STYLE_AT_IMPORT" not in text and "PATH" not in text
    [key_file] = (cache / "state-keys").iterdir()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert not any(path.name.endswith(".key") for path in (tmp_path / "out").iterdir())
    recorded = json.loads(text)["pages"]["a"]["environment"]
    assert set(recorded) == {"names", "hmac"} and isinstance(recorded["names"], int)
    kept = json.loads(key_file.read_text("utf-8"))
    names = kept["names"][recorded["names"]]
    assert "STYLE_PER_PAGE" in names

    def guesses(key: bytes) -> set[str]:
        found = set()
        for number in range(10_000):
            os.environ["STYLE_PER_PAGE"] = f"{number:04d}"
            found.add(environment.digest(names, key))
            unkeyed = hashlib.sha256()  # the old form: a plain hash of the same bytes
            for name in names:
                value = os.environ.get(name)
                unkeyed.update(name.encode() + b"\0" + (b"\1" if value is None else b"=" + value.encode() + b"\0"))
            found.add(unkeyed.hexdigest())
        return found

    for name, value in base.items():  # the environment the run had
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("STYLE_PER_PAGE", "")
    assert not guesses(b"") & set(re.findall(r"[0-9a-f]{64}", text))  # the state alone: nothing to try
    assert recorded["hmac"] in guesses(bytes.fromhex(kept["key"]))  # with the key file (the owner's): found
    monkeypatch.undo()
    assert "2 skipped" in convert(STYLE_PER_PAGE="4821")
    assert "2 converted" in convert(STYLE_PER_PAGE="4822")
    key_file.unlink()
    assert "2 converted" in convert(STYLE_PER_PAGE="4822")  # no key: every page once again
    assert "2 skipped" in convert(STYLE_PER_PAGE="4822")


def test_an_older_state_file_with_variable_names_is_scrubbed(tmp_path):
    """A state file of the former form (names in clear, a plain hash of the values): its
    pages are converted again and the names are gone from the file."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题"), "utf-8")
    env = {"BULLETIN_CONVERT_CACHE_DIR": str(tmp_path / "cache")}
    assert "1 converted" in run("pages", "-o", "out", cwd=tmp_path, env=env).stderr
    state = _state(tmp_path / "out")
    state["pages"]["a"]["environment"] = {"names": ["MY_SECRET_NAME"], "sha256": "0" * 64}
    (tmp_path / "out" / ".convert-state.json").write_text(json.dumps(state), "utf-8")
    assert "1 converted" in run("pages", "-o", "out", cwd=tmp_path, env=env).stderr
    assert "MY_SECRET_NAME" not in (tmp_path / "out" / ".convert-state.json").read_text("utf-8")
    assert "1 skipped" in run("pages", "-o", "out", cwd=tmp_path, env=env).stderr


def test_a_plugins_data_files_are_in_the_resume_key(tmp_path):
    """A plugin package whose output comes from a data file beside its code (a style sheet,
    a template: the EPUB plugin's ``style.css``, the reader's ``junctions.bin``): editing
    it converts the pages again — only ``*.py`` and models were hashed, so pages were
    skipped with the old file's outputs."""
    package = tmp_path / "templated_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from importlib import resources\n"
        "from convert_core import Exporter, hookimpl\n"
        "def write(document, options):\n"
        "    return resources.files(__package__).joinpath('template.txt').read_bytes()\n"
        "@hookimpl\n"
        "def register_exporters():\n"
        "    return [Exporter('templated', '.templated', 'text/plain', 'from a data file', write)]\n",
        "utf-8",
    )
    (package / "template.txt").write_text("old look", "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    arguments = ["pages", "--to", "templated", "-o", "out", "--plugin", "templated_plugin"]
    env = subprocess_env(tmp_path)
    assert "2 converted" in run(*arguments, cwd=tmp_path, env=env).stderr
    assert "2 skipped" in run(*arguments, cwd=tmp_path, env=env).stderr
    (package / "template.txt").write_text("new look", "utf-8")
    result = run(*arguments, cwd=tmp_path, env=env)
    assert "2 converted" in result.stderr, result.stderr
    assert (tmp_path / "out" / "a.templated").read_text("utf-8") == "new look"


def test_delete_never_removes_an_input_of_the_run(tmp_path):
    """A file an orphan's record lists that is a page of this run (an old output read back
    as a page, or a record planted to aim ``--delete`` at it): kept, whatever the record
    says; the orphan's other outputs go."""
    import hashlib

    out = tmp_path / "out"
    for name in ("x", "z"):
        (tmp_path / f"{name}.txt").write_text(page(f"{name}标题"), "utf-8")
    assert run("x.txt", "z.txt", "--to", "json", "-o", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "x.txt").unlink()
    (out / "y.txt").write_text(page("y标题"), "utf-8")
    state = _state(out)
    digest = hashlib.sha256((out / "y.txt").read_bytes()).hexdigest()
    state["pages"]["x"]["outputs"]["y.txt"] = digest  # x's record lists the page y.txt as its output
    (out / ".convert-state.json").write_text(json.dumps(state), "utf-8")
    result = run("out/y.txt", "z.txt", "--to", "json", "-o", "out", "--delete", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "y.txt").exists() and not (out / "x.json").exists() and (out / "y.json").exists()


def test_an_upgraded_library_reconverts_the_pages(tmp_path, seed_path, monkeypatch, capsys):
    """The resume key holds the versions of the libraries this package and its plugins
    require (an upgraded pypinyin or lxml can change the outputs): a batch run again after
    one is upgraded converts its pages again; run again as it was, it skips them."""
    from importlib import metadata

    from convert_core import resume
    from convert_core.cli import main

    installed = resume.library_versions(["bulletin-convert"])
    if not installed:
        pytest.skip("bulletin-convert is not installed (a source tree on the path)")
    assert any(entry.startswith("lxml==") for entry in installed)
    assert all(entry.split("==")[0] == entry.split("==")[0].lower() for entry in installed)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    arguments = [str(pages), "-o", str(out), "--to", "json", "-j", "1"]
    resume._code_fingerprints.clear()
    assert main(arguments) == 0
    assert main(arguments) == 0
    assert "0 converted, 1 skipped" in capsys.readouterr().err
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name.lower() == "lxml" else real(name))
    resume._code_fingerprints.clear()
    assert "lxml==99.0" in resume.library_versions(["bulletin-convert"])
    assert main(arguments) == 0
    assert "1 converted, 0 skipped" in capsys.readouterr().err
    monkeypatch.setattr(metadata, "version", real)
    resume._code_fingerprints.clear()


def test_a_relative_xdg_cache_home_never_puts_the_state_keys_in_the_working_folder(tmp_path):
    # was: XDG_CACHE_HOME=rel made ./rel/bulletin-convert/state-keys in the working folder
    # (the private keys of the resume state, often beside the outputs); a relative HOME
    # said "cannot keep its key in None"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题甲"), "utf-8")
    env = {"XDG_CACHE_HOME": "rel", "HOME": str(tmp_path / "home"), "BULLETIN_CONVERT_CACHE_DIR": ""}
    result = run("pages", "-o", "out", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "rel").exists()
    assert list((tmp_path / "home" / ".cache" / "bulletin-convert" / "state-keys").iterdir())
    env = {"XDG_CACHE_HOME": "", "HOME": "relative", "BULLETIN_CONVERT_CACHE_DIR": ""}
    result = run("pages", "-o", "out2", cwd=tmp_path, env=env)
    assert result.returncode == 0 and "cannot keep its key: no home directory" in result.stderr, result.stderr
    assert not (tmp_path / "relative").exists()


TEXT_PLUGIN = """
from convert_core import Exporter, hookimpl

def write(document, options):
    return "\\\\n".join(article.headline or "" for article in document.articles).encode("utf-8")

@hookimpl
def register_exporters():
    return [Exporter("plain", ".txt", "text/plain", "headlines as text", write)]
"""


@pytest.mark.parametrize("output", ["pages/out", "pages"])
def test_an_output_folder_inside_an_input_folder_never_takes_its_outputs_for_pages(tmp_path, output):
    # was: with a format whose files have a page's name (.txt), each run converted the last
    # run's outputs as pages: pages/out/out/out/…, twice the pages every run, names moving
    (tmp_path / "plain_plugin.py").write_text(TEXT_PLUGIN, "utf-8")
    env = subprocess_env(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题甲"), "utf-8")
    args = ("pages", "-o", output, "--to", "json,plain", "--plugin", "plain_plugin")
    first = run(*args, cwd=tmp_path, env=env)
    assert "1 converted" in first.stderr, first.stderr
    before = sorted(str(path.relative_to(tmp_path)) for path in (tmp_path / "pages").rglob("*"))
    for _ in range(2):
        again = run(*args, cwd=tmp_path, env=env)
        assert again.returncode == 0 and "0 converted, 1 skipped" in again.stderr, again.stderr
        assert "are outputs an earlier run wrote" in again.stderr
    assert sorted(str(path.relative_to(tmp_path)) for path in (tmp_path / "pages").rglob("*")) == before


def test_a_report_written_into_an_input_folder_is_not_a_page_of_the_next_run(tmp_path):
    # was: --report pages/r.txt written by the first run was found as a page by the second,
    # which then refused the same command: '--report pages/r.txt is an input of this run'
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题甲"), "utf-8")
    args = ("pages", "-o", "out", "--report", "pages/r.txt")
    assert "1 converted" in run(*args, cwd=tmp_path).stderr
    again = run(*args, cwd=tmp_path)
    assert again.returncode == 0 and "0 converted, 1 skipped" in again.stderr, again.stderr
    assert "pages/r.txt is this run's report (--report): not read as a page" in again.stderr
    assert json.loads((tmp_path / "pages" / "r.txt").read_text("utf-8"))["summary"]["skipped"] == 1
    # named on the command line, it is an input: refused as before
    named = run("pages/r.txt", "pages/a.txt", "-o", "out", "--report", "pages/r.txt", cwd=tmp_path)
    assert named.returncode == 2 and "is an input of this run" in named.stderr


BUNDLING_TXT_PLUGIN = """
from convert_core import Exporter, hookimpl

def write(document, options):
    return b'one page'

def combine(documents, options):
    return b'the bundle'

@hookimpl
def register_exporters():
    return [Exporter('plaintext', '.txt', 'text/plain', 'text', write, combine=combine)]
"""


def test_a_bundle_never_replaces_an_input_of_the_run(tmp_path):
    """``--bundle`` names its outputs after the first page (``a-bundle``): a format whose
    extension is a page's (a plugin's ``.txt``) bundling ``a.txt`` and ``a-bundle.txt`` into
    their own folder replaced the page ``a-bundle.txt``, exit 0. The bundle moves over
    instead (``a-bundle-2``), with a warning, as a batch moves a page's outputs."""
    (tmp_path / "txtplug.py").write_text(BUNDLING_TXT_PLUGIN, "utf-8")
    (tmp_path / "a.txt").write_text(page("第一条新闻"), "utf-8")
    second = page("第二条新闻")
    (tmp_path / "a-bundle.txt").write_text(second, "utf-8")
    env = subprocess_env(tmp_path)
    args = ["a.txt", "a-bundle.txt", "--bundle", "--plugin", "txtplug", "--to", "plaintext,epub", "-o", "."]
    result = run(*args, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a-bundle.txt").read_text("utf-8") == second
    assert (tmp_path / "a-bundle-2.txt").read_bytes() == b"the bundle"
    assert (tmp_path / "a-bundle-2.epub").is_file() and not (tmp_path / "a-bundle.epub").exists()
    assert "would replace an input of the run" in result.stderr


def test_a_bundle_of_a_long_name_moves_over_as_a_batch_page_does(tmp_path):
    """The bundle chose its name apart from the batch's planning (``cli._bundle_stem``):
    ``FIRST-bundle-N`` cut to the longest name kept, so that when the cut left the number
    out every ``N`` was the same name, the input's — the run never ended. It is named by
    the planning's own helper (``planning.bundle_stem``), whose ``-N`` is always kept."""
    (tmp_path / "txtplug.py").write_text(BUNDLING_TXT_PLUGIN, "utf-8")
    long = "x" * 190
    (tmp_path / f"{long}.txt").write_text(page("第一条新闻"), "utf-8")
    second = page("第二条新闻")
    (tmp_path / f"{long}-bundl.txt").write_text(second, "utf-8")  # FIRST-bundle.txt, cut to 200 bytes
    env = subprocess_env(tmp_path)
    args = [f"{long}.txt", f"{long}-bundl.txt", "--bundle", "--plugin", "txtplug", "--to", "plaintext", "-o", "."]
    result = run(*args, cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{long}-bundl.txt").read_text("utf-8") == second
    assert (tmp_path / f"{long}-bun-2.txt").read_bytes() == b"the bundle"
    assert "would replace an input of the run" in result.stderr


@pytest.mark.slow
def test_ctrl_c_twice_with_threads_blames_no_plugin_for_the_runs_own_threads(tmp_path, slow_pages):
    """With ``--executor thread`` a page in flight cannot be stopped: Ctrl-C twice ends the
    run with its pages' threads left to end with it — they were named as threads a plugin
    left running (``a plugin left 2 thread(s) running (ThreadPoolExecutor-0_0; …)``)."""
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, SLOW_SECONDS="600", HANG_MARKS=str(marks))
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "slow_plugin", "-j", "2"]
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # (as a terminal's foreground job)
    try:
        process = subprocess.Popen(
            [*command, "--executor", "thread"],
            cwd=tmp_path,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        deadline = time.monotonic() + 120  # (a bound only a failure reaches)
        while len(list(marks.glob("started-*"))) < 2:  # both threads on their pages (it slept 0.5 s)
            assert time.monotonic() < deadline and process.poll() is None, "the pages never started"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        said = said_until(process, "page(s) in flight are let finish")  # (it slept 0.3 s)
        os.killpg(process.pid, signal.SIGINT)
        stderr = said + process.communicate(timeout=60)[1]  # (the pages hang for 600 s)
    finally:
        process.kill()
        (marks / "release").touch()
    assert process.returncode == 130, stderr
    assert "a plugin left" not in stderr and "Traceback" not in stderr, stderr


def test_a_bundle_is_named_after_the_first_page_it_holds(tmp_path):
    """A page given first that cannot be read is not in the bundle, so the bundle is not
    named after it: ``empty.txt seed.txt --bundle`` wrote ``empty-bundle.epub`` holding only
    the second page (exit 3 for the empty one, as before)."""
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "news.txt").write_text(page("第一条新闻"), "utf-8")
    result = run("empty.txt", "news.txt", "--bundle", "--to", "epub", "-o", "out", cwd=tmp_path)
    assert result.returncode == 3 and "empty.txt" in result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["news-bundle.epub"]


def test_a_signal_held_over_a_few_steps_comes_when_they_are_all_done():
    """``stopping.held``: Ctrl-C that comes in the middle of the steps that account for a
    page (counted, recorded, reported) is raised once they are all done, never between."""
    from convert_core.stopping import held

    steps = []
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt), held():
            steps.append("counted")
            os.kill(os.getpid(), signal.SIGINT)  # (unheld, it is raised at once, here)
            steps.append("recorded")
            steps.append("reported")
        assert steps == ["counted", "recorded", "reported"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_page_named_dash_and_standard_input_are_two_pages_in_the_state_and_report(tmp_path):
    """``cat p.txt | convert - ./-.txt -o out``: the file ``-.txt`` had standard input's key
    (``-``), so the two were one page in the resume state — each run converted one of them
    again (``1 converted, 1 skipped`` for ever) — and in the report. Its key is ``./-``."""
    (tmp_path / "-.txt").write_text(page("文件里的标题"), "utf-8")
    command = [*COMMAND, "-", "./-.txt", "-o", "out"]
    for expected in ("2 converted, 0 skipped", "0 converted, 2 skipped"):
        result = subprocess.run(
            command,
            input=page("管道里的标题").encode(),
            capture_output=True,
            cwd=tmp_path,
            env=subprocess_env(tmp_path),
        )
        assert result.returncode == 0 and expected.encode() in result.stderr, result.stderr
        report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
        assert sorted(entry["key"] for entry in report["pages"]) == ["-", "./-"]
    assert "文件里的标题" in (tmp_path / "out" / "-.json").read_text("utf-8")
    assert "管道里的标题" in (tmp_path / "out" / "page.json").read_text("utf-8")


def test_sigterm_still_gives_the_pages_already_done_and_names_those_not_begun():
    """SIGTERM as the run handles one page's result while others are done too: those are
    still given (their workers wrote their outputs), then the signal — they were dropped,
    never recorded, and (with the report counting every page) taken for pages not begun;
    the pages the pool had not started are named as such."""
    from concurrent.futures import Executor, Future

    from convert_core.batch import PageResult, PageTask, run_batch
    from convert_core.stopping import Terminated

    class Done(Executor):
        """Every page done at once; the last two never started."""

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            (task,) = args
            future: Future[PageResult] = Future()
            if task.key not in ("c", "d"):
                future.set_running_or_notify_cancel()
                future.set_result(PageResult(source=task.source, key=task.key, status="converted"))
            return future

    tasks = [PageTask(source=f"{key}.txt", out_dir="out", stem=key, formats=("json",), key=key) for key in "abcd"]
    never: list[PageTask] = []
    batch = run_batch(tasks, Done(), in_flight=4, never_started=never)
    first = next(batch)
    given = [first.key]
    with pytest.raises(Terminated):
        given.append(batch.throw(Terminated(signal.SIGTERM)).key)
        given.extend(result.key for result in batch)
    assert sorted(given) == ["a", "b"] and sorted(task.key for task in never) == ["c", "d"]


WARM_HANG_PLUGIN = (
    HANG_SOURCE
    + """
from convert_core import Exporter, hookimpl

def write(document, options):
    if document.metadata.source.name == 'sample.txt':  # the sample the writers are warmed on, before any page
        hang('warm-up', 600)
    return b'slow'

@hookimpl
def register_exporters():
    return [Exporter('slow', '.slow', 'text/plain', 'sleeps', write)]
"""
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_run_stopped_before_its_first_page_reports_every_page_not_begun(tmp_path, slow_pages, signum):
    """Stopped while the writers are warmed on a sample, before any page (a slow plugin,
    an impatient Ctrl-C): the run said only ``interrupted``, with no summary and no report
    (the last run's report left in its place). Every page is reported and counted as not
    begun, as a run stopped later says of the pages it left."""
    (tmp_path / "warm_plugin.py").write_text(WARM_HANG_PLUGIN, "utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    env = subprocess_env(tmp_path, HANG_MARKS=str(marks))
    command = [*COMMAND, "pages", "--to", "slow,json", "-o", "out", "--plugin", "warm_plugin", "-j", "2"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, preexec_fn=as_a_terminals_job, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120  # (a bound only a failure reaches)
        while not (marks / "started-warm-up").exists():
            assert time.monotonic() < deadline and process.poll() is None, "the writers were never warmed"
            time.sleep(0.05)
        process.send_signal(signum)
        said = process.communicate(timeout=120)[1].decode()
    finally:
        process.kill()
        (marks / "release").touch()
    assert process.returncode == 128 + signum if signum != signal.SIGINT else process.returncode == 130, said
    assert "0 converted, 0 skipped, 0 failed, 12 not started in" in said and "Traceback" not in said, said
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert sorted((entry["key"], entry["status"]) for entry in report["pages"]) == [
        (f"p{index:02}", "not_started") for index in range(12)
    ]
    assert report["summary"]["not_started"] == 12 and report["summary"]["interrupted"]


def test_the_pages_a_worker_began_are_read_back_whatever_their_names(tmp_path, monkeypatch):
    """A worker's log of the pages it began (:mod:`.callnotes`) gives back every key, a
    name that is not UTF-8 or holds a line end too; the call notes of a replaced pool go,
    the log stays; a log is never taken for a call note."""
    from convert_core import callnotes

    folder = str(tmp_path)
    monkeypatch.setattr(callnotes, "_folder", folder)
    keys = ["a", "dir/b", "bad\udcffname", "two\nlines"]
    for key in keys:
        callnotes.page(key)
    callnotes.enter("format 'x' (plugin x)")
    callnotes.page(None)
    callnotes.clear(folder)
    assert callnotes.begun(folder) == set(keys)
    assert callnotes.died_in(folder, "a") is None
    assert callnotes.begun(None) is None and callnotes.begun(str(tmp_path / "gone")) is None


#: A signal as the run makes its pool or opens its report (``STOP_IN``: ``pool`` or
#: ``report``), sent by the run to itself from inside that step: Python takes it at once.
SIGNAL_WHILE_SETTING_UP = """
import os, signal
from convert_core import batch

def stop_in(step):
    if os.environ.get("STOP_IN") == step and os.environ.pop("STOP_WITH", None) is not None:
        os.kill(os.getpid(), signal.SIGTERM)

_make = batch.Pool._make

def make(self):
    stop_in("pool")
    return _make(self)

batch.Pool._make = make

_open = batch.ReportWriter.__init__

def open_report(self, path):
    _open(self, path)
    stop_in("report")

batch.ReportWriter.__init__ = open_report
"""


@pytest.mark.parametrize("step", ["pool", "report"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_as_the_pool_is_made_or_the_report_opened_still_reports_every_page(tmp_path, step, jobs):
    """SIGTERM as the run makes its pool of workers or opens its report: the run ended
    saying only ``stopped by signal 15``, with no report (a temporary one left behind), its
    handlers not yet in place. The report is written, every page in it not begun, as a run
    stopped before its first page says; no temporary file is left."""
    (tmp_path / "sitecustomize.py").write_text(SIGNAL_WHILE_SETTING_UP, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for index in range(3):
        (pages / f"p{index}.txt").write_text(page(f"标题{index}"), "utf-8")
    env = subprocess_env(tmp_path, STOP_IN=step, STOP_WITH="SIGTERM")
    result = run("pages", "-o", "out", "-j", jobs, cwd=tmp_path, env=env)
    assert result.returncode == 143, result.stderr
    assert "0 converted, 0 skipped, 0 failed, 3 not started in" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert sorted((entry["key"], entry["status"]) for entry in report["pages"]) == [
        (f"p{index}", "not_started") for index in range(3)
    ]
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".part")]
    assert not list((tmp_path / "out").glob("p*.json"))


#: SIGTERM as the run removes the outputs of pages that are gone (``--delete``), after
#: every page is done: the run sends it to itself from inside the step.
SIGNAL_WHILE_DELETING = """
import os, signal
from convert_core import resume

_delete = resume.State.delete_orphans

def delete_orphans(self, *args, **kwargs):
    if os.environ.pop("STOP_DELETING", None) is not None:
        os.kill(os.getpid(), signal.SIGTERM)
    return _delete(self, *args, **kwargs)

resume.State.delete_orphans = delete_orphans
"""


def test_a_signal_as_the_run_tidies_up_after_its_pages_still_writes_the_report(tmp_path):
    """SIGTERM as the run removed the outputs of pages that are gone (``--delete``), once
    every page was done: it ended saying only ``stopped by signal 15``, no report (its
    temporary file left), no summary. The report and the state are written, the run
    counted as stopped."""
    (tmp_path / "sitecustomize.py").write_text(SIGNAL_WHILE_DELETING, "utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b", "gone"):
        (pages / f"{name}.txt").write_text(page(f"标题{name}"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    (pages / "gone.txt").unlink()
    (pages / "a.txt").write_text(page("新标题"), "utf-8")
    result = run("pages", "-o", "out", "--delete", cwd=tmp_path, env=subprocess_env(tmp_path, STOP_DELETING="1"))
    assert result.returncode == 143, result.stderr
    assert "1 converted, 1 skipped, 0 failed in" in result.stderr and "Traceback" not in result.stderr
    report = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))
    assert report["summary"]["interrupted"] and report["summary"]["converted"] == 1
    assert not [path for path in (tmp_path / "out").rglob("*") if path.name.endswith(".part")]
    again = run("pages", "-o", "out", "--delete", cwd=tmp_path)
    assert again.returncode == 0 and "0 converted, 2 skipped" in again.stderr, again.stderr
    assert not (tmp_path / "out" / "gone.json").exists()


class _QueueingPool:
    """An executor of one worker that, as a process pool does, says a page is "running"
    from the moment it is queued for the worker; the worker notes each page it begins
    (:mod:`convert_core.callnotes`) and takes ``seconds[key]`` over it."""

    def __init__(self, notes: str, seconds: dict[str, float]) -> None:
        import queue
        import threading

        self.notes, self.seconds = notes, seconds
        self.queue: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def submit(self, fn, task):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        future: Future = Future()
        future.set_running_or_notify_cancel()  # queued: "running" already
        self.queue.put((future, task))
        return future

    def _work(self) -> None:
        from convert_core import callnotes
        from convert_core.batch import PageResult

        callnotes.start_worker(self.notes)
        while (item := self.queue.get()) is not None:
            future, task = item
            callnotes.page(task.key)
            time.sleep(self.seconds[task.key])
            callnotes.page(None)
            future.set_result(PageResult(source=task.source, key=task.key, status="converted"))

    def close(self) -> None:
        from convert_core import callnotes

        self.queue.put(None)
        self.thread.join()
        callnotes.start_worker(None)


def test_a_pages_timeout_clock_starts_when_a_worker_begins_it_not_when_it_is_queued(tmp_path):
    """The watch that kills the workers of a page stuck past ``--timeout`` timed a page from
    the moment its future said "running" — from when a process pool queued it for a
    worker: a page queued behind a slow one was timed for its wait too, and every worker
    killed (the pages in flight run again). The clock starts when a worker begins it."""
    from convert_core.batch import PageTask, run_batch

    notes = tmp_path / "notes"
    notes.mkdir()
    pool = _QueueingPool(str(notes), {"slow": 3.0, "queued": 3.0})
    killed: list[float] = []
    tasks = [
        PageTask(source=name, out_dir=str(tmp_path), stem=name, formats=("json",), key=name)
        for name in ("slow", "queued")
    ]
    try:
        results = list(
            run_batch(
                tasks, pool, in_flight=2, restart=lambda: pool, stuck_after=4.0, kill=lambda: killed.append(1),
                notes=str(notes),
            )
        )  # fmt: skip
    finally:
        pool.close()
    assert sorted(result.key for result in results) == ["queued", "slow"]
    assert killed == []  # each page ran 3 s of its 4: "queued" waited 3 s more, never timed


def test_a_signal_while_the_run_plans_leaves_a_report_that_says_so(tmp_path):
    """SIGTERM while the run plans (here: reading standard input, one of its pages),
    before any page began, left the last run's report in place, saying its pages were
    converted: the report now says the run was stopped, every page not started."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(page("标题"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    report = tmp_path / "out" / "convert-report.json"
    assert json.loads(report.read_text("utf-8"))["summary"]["converted"] == 1
    reading, writing = os.pipe()
    os.set_blocking(writing, False)
    with contextlib.suppress(BlockingIOError):
        while True:  # a full pipe: once the run begins reading it, there is room again
            os.write(writing, "标题\n".encode() * 4096)
    try:
        process = subprocess.Popen(
            [*COMMAND, "pages", "-", "-o", "out"], cwd=tmp_path, env=subprocess_env(), stdin=reading,
            stderr=subprocess.PIPE, text=True, preexec_fn=as_a_terminals_job,
        )  # fmt: skip
        os.close(reading)
        _, ready, _ = select.select([], [writing], [], 120)
        assert ready, "the run never read its standard input"
        process.terminate()
        stderr = process.communicate(timeout=120)[1]
    finally:
        os.close(writing)
    assert process.returncode == 143, stderr
    assert "stopped by signal 15 before any page began" in stderr and "Traceback" not in stderr, stderr
    summary = json.loads(report.read_text("utf-8"))["summary"]
    assert summary["interrupted"] and summary["converted"] == 0 and summary["not_started"] == 2, summary
    assert not [path for path in (tmp_path / "out").iterdir() if path.name.endswith(".part")]


def test_ctrl_c_while_the_input_folders_are_walked_replaces_only_a_report(tmp_path, monkeypatch):
    """Stopped before the report's path is checked (the folders walked): a report an
    earlier run left there is replaced by one that says the run was stopped; any other
    file there is left untouched; the exit code says the run was stopped."""
    import convert_core.planning
    from convert_core.cli import main

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(page("标题"), "utf-8")
    assert run("pages", "-o", "out", cwd=tmp_path).returncode == 0
    (tmp_path / "other.json").write_text("{}", "utf-8")

    def walk(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(convert_core.planning, "find_inputs", walk)
    assert main([str(pages), "-o", str(tmp_path / "out")]) == 130
    summary = json.loads((tmp_path / "out" / "convert-report.json").read_text("utf-8"))["summary"]
    assert summary["interrupted"] and summary["pages"] == 0 and summary["converted"] == 0
    assert main([str(pages), "-o", str(tmp_path / "out"), "--report", str(tmp_path / "other.json")]) == 130
    assert (tmp_path / "other.json").read_text("utf-8") == "{}"


@pytest.mark.parametrize("bundle", [False, True])
def test_a_folder_of_the_input_tree_that_cannot_be_listed_fails_the_run_naming_it(tmp_path, monkeypatch, bundle):
    """A folder the user may not list (mode 0300, or an I/O error): its pages were left
    out without a word, the run a success (exit 0). It is named, one error line, the other
    pages converted, exit 3; an input folder that cannot be listed is the error itself.
    (Simulated: the tests may run as root, who lists anything.)"""
    from convert_core.cli import main

    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "a.txt").write_text(page("标题"), "utf-8")
    (pages / "sub" / "b.txt").write_text(page("标题"), "utf-8")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.path.basename(path) in ("sub", "locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out"
    assert main([str(pages), "-o", str(out), *(["--bundle", "--to", "epub"] if bundle else [])]) == 3
    assert list(out.glob("*.epub" if bundle else "*.json")) and not (out / "sub").exists()
    (tmp_path / "locked").mkdir()
    assert main([str(tmp_path / "locked"), "-o", str(out)]) == 3


def test_a_state_file_that_cannot_be_saved_is_one_error_line(tmp_path):
    """The state is saved again after the run removes the pictures no page uses: when it
    cannot be (a folder in its place, a full disk), the error is said once, exit 4."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "out" / ".convert-state.json").mkdir(parents=True)
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 4 and result.stderr.count("cannot save the resume state") == 1, result.stderr


def test_a_folder_deeper_than_a_path_may_be_is_named_not_left_out(tmp_path):
    """A tree deeper than the longest path the system takes (``PATH_MAX``): the folder
    that cannot be looked at was passed over without a word (exit 0); it is named, exit 3."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(page("标题"), "utf-8")
    folder = os.open(pages, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 × 201 bytes: past 4,096
            os.mkdir("d" * 200, dir_fd=folder)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        with open(os.open("x.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=folder), "w", encoding="utf-8") as deep:
            deep.write(page("标题"))
    finally:
        os.close(folder)
    result = run("pages", "-o", "out", cwd=tmp_path)
    assert result.returncode == 3 and "cannot list its pages: File name too long" in result.stderr, result.stderr
    assert "1 converted, 0 skipped, 0 failed" in result.stderr


def test_a_glob_through_links_that_loop_ends_and_each_page_is_converted_once(tmp_path):
    """``convert 'pages/**/*.txt'`` with a link to a folder above (``up -> ..``) and one
    to its own (``self -> .``): Python's ``glob`` follows every link, so ``**`` went on
    for ever, ever longer paths (the run never began). ``**`` walks as a folder input
    does: links to folders only with ``-L``, each real folder once."""
    (tmp_path / "pages" / "sub").mkdir(parents=True)
    (tmp_path / "pages" / "sub" / "a.txt").write_text(page("标题"), "utf-8")
    (tmp_path / "pages" / "sub" / "up").symlink_to("..")
    (tmp_path / "pages" / "self").symlink_to(".")
    for extra in ([], ["-L"]):
        result = run("pages/**/*.txt", "-o", f"out{len(extra)}", *extra, cwd=tmp_path, timeout=60)
        assert result.returncode == 0 and "1 converted" in result.stderr, result.stderr


def test_a_glob_matches_what_pythons_glob_matches_where_no_link_is_in_the_way(tmp_path, monkeypatch):
    import glob

    from convert_core.planning import _glob

    for name in ("a.txt", ".h.txt", "d/b.txt", "d/.e/c.txt", "d/f/g.txt", "d/f/h.md", "x.txt/y.txt", "d/s p/[z].txt"):
        (tmp_path / "t" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "t" / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    patterns = [
        "t/**/*.txt",
        "t/**",
        "t/**/f/*",
        "t/*/**/*.txt",
        "**/*.txt",
        "t/**/.h*",
        "t/d/**/*.md",
        "t/**/**/g.txt",
    ]
    for pattern in [*patterns, f"{tmp_path}/t/**/*.txt", "t/**/[z].txt", "t/**/s p/*"]:
        expected = sorted(
            {path for path in glob.glob(pattern, recursive=True) if os.path.isfile(path)}
        )  # ('**/**': thrice)
        assert sorted(path for path in _glob(pattern, False, None) if os.path.isfile(path)) == expected, pattern


@pytest.mark.parametrize("becomes", ["gone", "fifo"])
def test_a_listed_page_deleted_or_made_a_fifo_after_planning_fails_alone_in_one_line(tmp_path, becomes):
    """A page found in a folder that is removed, or replaced by a FIFO, before its turn
    fails in one line (exit 3), never waits for a FIFO's writer; the others convert."""
    from convert_core.batch import PageTask, convert_page

    source = tmp_path / "b.txt"
    if becomes == "fifo":
        os.mkfifo(source)
    task = PageTask(source=str(source), out_dir=str(tmp_path / "out"), stem="b", formats=("json",), listed=True)
    result = convert_page(task)
    assert result.status == "failed" and [error["code"] for error in result.errors] == [3]
    expected = "no such file" if becomes == "gone" else "is no longer a regular file (changed since the run listed it)"
    assert expected in result.errors[0]["message"] and "\n" not in result.errors[0]["message"]
