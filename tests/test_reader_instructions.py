"""benchmarks/reader_instructions.py: the reader's instructions a read, two trees, by callgrind."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "reader_instructions.py"
_spec = importlib.util.spec_from_file_location("reader_instructions", SCRIPT)
assert _spec is not None and _spec.loader is not None
reader_instructions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reader_instructions)

REPORT = """==4242== Callgrind, a call-graph generating cache profiler
==4242== Events    : Ir
==4242== Collected : 7028735077
==4242==
==4242== I   refs:      7,028,735,077
"""


def test_the_count_is_read_from_valgrinds_report():
    assert reader_instructions.collected(REPORT) == 7028735077
    with pytest.raises(ValueError):
        reader_instructions.collected("==1== Events    : Ir\n")


def test_a_read_is_the_difference_of_two_processes_over_the_reads(monkeypatch, capsys):
    """Each tree: a process of the warm reads and the counted ones, less one of the warm
    reads alone, over the counted reads; the change printed against the base."""
    asked = []
    start, warm = 400_000_000, 2 * 34_000_000

    def count(tree, page, reads, model):
        asked.append((Path(tree).name, page, reads, model))
        per_read = 33_560_000 if Path(tree).name == "base" else 33_030_000
        return start + warm + (reads - reader_instructions.WARM_READS) * per_read

    monkeypatch.setattr(reader_instructions, "count", count)
    monkeypatch.setattr(reader_instructions, "warm", lambda tree, page, model: asked.append(("warm", Path(tree).name)))
    monkeypatch.setattr(reader_instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    assert reader_instructions.main(["/x/base", "/x/new", "--reads", "50", "--page", "densest"]) == 0
    page = reader_instructions.PAGES["densest"]
    assert asked == [
        ("warm", "base"),
        ("base", page, 52, None),
        ("base", page, 2, None),
        ("warm", "new"),
        ("new", page, 52, None),
        ("new", page, 2, None),
    ]
    out = capsys.readouterr().out
    assert "base 33.560 M instructions a read" in out and "new  33.030 M instructions a read" in out
    assert "change -0.530 M (-1.58 %)" in out


def test_without_valgrind_it_says_so(monkeypatch, capsys):
    monkeypatch.setattr(reader_instructions.shutil, "which", lambda name: None)
    assert reader_instructions.main(["a", "b"]) == 2
    assert "valgrind is not installed" in capsys.readouterr().err


def test_the_warm_read_runs_outside_valgrind_and_the_counted_ones_under_it(monkeypatch):
    """The uncounted read that writes a tree's missing bytecode is a plain process; the
    counted ones run under callgrind with the hash seed fixed."""
    commands = []

    class Done:
        stderr = REPORT

    def run(command, **kwargs):
        commands.append((command, kwargs["env"]))
        return Done()

    monkeypatch.setattr(reader_instructions.subprocess, "run", run)
    assert reader_instructions.per_read("/x/tree", "seeds/a.txt", 10, None) == 0.0
    assert [command[0] for command, _ in commands] == [reader_instructions.sys.executable, "valgrind", "valgrind"]
    assert [command[-2] for command, _ in commands] == ["2", "12", "2"]
    assert all(env["PYTHONHASHSEED"] == "0" and env["PYTHONPATH"] == "/x/tree" for _, env in commands)
    # (each tree's compiled patterns in a folder of its own, the same for its three processes)
    folders = {env["BULLETIN_CONVERT_CACHE_DIR"] for _, env in commands}
    assert len(folders) == 1 and folders != {reader_instructions._cache_dir("/x/other")}
