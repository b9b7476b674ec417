"""The batch runner, driven by hypothesis: random trees of pages with colliding names,
edits between runs (some keeping an old modification time), option changes and kills;
after every complete run each page's outputs must be exactly what a fresh conversion of
that page alone gives now — the check that catches a skipped page that was stale, two
pages writing one file, a page folder holding last run's extra items, or a lost page.

A kill is reproduced by what it leaves on disk: outputs written atomically, so each file
is the old one or the new one; the state file as last saved; temporary files of a
process that is gone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convert_core
from convert_core.cli import main
from convert_core.output import owned_by, safe_name
from convert_core.planning import REPORT_FILE, STATE_FILE, find_inputs, plan
from convert_core.plugins import get_registry

NAMES = ["a.txt", "a.text", "A.txt", "a-2.txt", "b.txt", "convert-report.txt", "a/x.txt", "sub/a.txt", "sub/A.text"]


def _page(stories: int, variant: int) -> str:
    parts = []
    for index in range(stories):
        parts.append(
            f"第{variant}版新闻标题{index}号\n\n本报讯（记者 李明）第{index}条新闻，第{variant}种说法的正文。\n\n"
        )
    return "".join(parts)


TEXTS = [_page(stories, variant) for stories in (1, 2, 3) for variant in (1, 2)]

edits = st.lists(
    st.tuples(
        st.sampled_from(NAMES),
        st.one_of(st.none(), st.sampled_from(range(len(TEXTS)))),  # None: remove the page
        st.booleans(),  # give it an old modification time, as cp -p would
    ),
    max_size=4,
)
options = st.fixed_dictionaries(
    {
        "formats": st.sampled_from(["json", "ninjs", "json,ninjs"]),
        "array": st.booleans(),
        "publication": st.sampled_from([None, "某报"]),
    }
)
runs = st.lists(st.tuples(edits, options, st.booleans()), min_size=2, max_size=4)  # bool: killed


def _apply(tree: Path, changes) -> None:  # type: ignore[no-untyped-def]
    for name, text, old_time in changes:
        path = tree / name
        if text is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXTS[text], "utf-8")
        if old_time:
            os.utime(path, (1_000_000, 1_000_000))
    if not any(tree.rglob("*.t*")):
        (tree / "b.txt").write_text(TEXTS[0], "utf-8")


def _arguments(tree: Path, out: Path, chosen: dict) -> list[str]:  # type: ignore[type-arg]
    args = [str(tree), "-o", str(out), "--to", chosen["formats"], "-q", "--jobs", "1"]
    if chosen["array"]:
        args.append("--ninjs-array")
    if chosen["publication"]:
        args += ["--publication", chosen["publication"]]
    return args


def _snapshot(out: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} if out.exists() else {}


def _kill_after(out: Path, before: dict[Path, bytes], data) -> None:  # type: ignore[no-untyped-def]
    """Leave what a kill part way through the run would have left."""
    state = out / STATE_FILE
    if state in before:
        state.write_bytes(before[state])
    elif state.exists():
        state.unlink()
    written = sorted(path for path in _snapshot(out) if path != state and path.name != REPORT_FILE)
    for path in data.draw(st.lists(st.sampled_from(written), unique=True), label="not yet written") if written else []:
        if path in before:
            path.write_bytes(before[path])
        else:
            path.unlink()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / f".a.json.{int(dead.stdout)}.0.part").write_text("half", "utf-8")


def _check(tree: Path, out: Path, chosen: dict) -> None:  # type: ignore[type-arg]
    """Every page's outputs are exactly a fresh conversion of it alone, now."""
    registry = get_registry()
    exporters = registry.resolve_formats(chosen["formats"])
    all_extensions = [exporter.extension for exporter in registry.exporters().values()]
    pages = plan(
        find_inputs([str(tree)]),
        out,
        [exporter.extension for exporter in exporters],
        reserved=[out / REPORT_FILE, out / STATE_FILE],
    )
    report = json.loads((out / REPORT_FILE).read_text("utf-8"))
    assert report["summary"]["failed"] == 0 and report["summary"]["pages"] == len(pages)
    claimed: set[Path] = set()
    for page in pages:
        document = convert_core.parse(Path(page.path), publication=chosen["publication"])
        directory = out / page.relative_dir
        for exporter in exporters:
            options = {"ninjs_array": True} if exporter.name == "ninjs" and chosen["array"] else {}
            fresh = convert_core.render(document, exporter, options)
            if isinstance(fresh, bytes):
                expected = {directory / safe_name(page.stem + exporter.extension): fresh}
            else:
                expected = {directory / safe_name(page.stem) / name: data for name, data in fresh.items()}
            for path, data in expected.items():
                assert path.read_bytes() == data, f"{path} is not a fresh conversion of {page.path}"
            assert not claimed & set(expected), "two pages wrote one file"
            claimed |= set(expected)
            folder = directory / safe_name(page.stem)
            if folder.is_dir():
                mine = {
                    folder / p.name for p in folder.iterdir() if owned_by(p.name, exporter.extension, all_extensions)
                }
                assert mine <= set(expected), f"{folder} holds files of an earlier run: {sorted(mine - set(expected))}"
    assert not [path for path in out.rglob("*") if path.name.endswith(".part")], "debris left"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=edits, steps=runs, data=st.data())
def test_every_output_is_a_fresh_conversion_of_its_current_page(tmp_path_factory, first, steps, data):
    base = tmp_path_factory.mktemp("batch")
    tree, out = base / "pages", base / "out"
    tree.mkdir()
    _apply(tree, [("b.txt", 1, False), *first])
    originals: dict[Path, bytes] = {}
    try:
        for changes, chosen, killed in steps:
            _apply(tree, changes)
            originals = {path: path.read_bytes() for path in tree.rglob("*") if path.is_file()}
            before = _snapshot(out)
            assert main(_arguments(tree, out, chosen)) == 0
            assert {path: path.read_bytes() for path in tree.rglob("*") if path.is_file()} == originals
            if killed:
                _kill_after(out, before, data)
                assert main(_arguments(tree, out, chosen)) == 0  # the same command, again
            _check(tree, out, chosen)
    finally:
        shutil.rmtree(base, ignore_errors=True)
