"""benchmarks/reader_ab.py: two trees (or two interpreters) read side by side."""

from __future__ import annotations

import importlib.util
import os
import site
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "reader_ab.py"
_spec = importlib.util.spec_from_file_location("reader_ab", SCRIPT)
assert _spec is not None and _spec.loader is not None
reader_ab = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reader_ab)


def test_another_interpreter_finds_this_ones_packages_after_the_tree(tmp_path):
    tree = str(tmp_path)
    assert reader_ab.child_env(tree, sys.executable)["PYTHONPATH"] == tree
    paths = reader_ab.child_env(tree, "/usr/bin/python3.11")["PYTHONPATH"].split(os.pathsep)
    assert paths[0] == tree
    assert paths[1:] == [path for path in site.getsitepackages() if os.path.isdir(path)] != []


def test_the_interpreters_are_named_for_each_tree(monkeypatch, capsys):
    calls = []

    def run(tree, reads, python=sys.executable):
        calls.append((tree, python))
        return {f"{path.rsplit('/', 1)[-1]} {model or 'model'}": [0.001] for path, model, _ in reader_ab.PAGES}

    monkeypatch.setattr(reader_ab, "run", run)
    here = str(SCRIPT.parent.parent)
    assert reader_ab.main([here, here, "--rounds", "2", "--python-new", "/opt/other/python"]) == 0
    # (the order of the two swapped every other round)
    assert calls == [
        (here, sys.executable),
        (here, "/opt/other/python"),
        (here, "/opt/other/python"),
        (here, sys.executable),
    ]
    assert "MB/s" in capsys.readouterr().out
