"""Shared fixtures: the seed page, the plugin registry, a CLI runner."""

from __future__ import annotations

import importlib.util
import json
import os
import select
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from convert_core.plugins import set_registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_80fb9983b63b8a66.txt"
SEED_EXPECTED = SEEDS / "000_80fb9983b63b8a66.expected.json"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# CI draws the same examples on every run (a red build is reproducible, never a random
# draw); runs by hand explore new ones, and every failure they find is pinned with
# @example or in tests/corpus/.
settings.register_profile("ci", derandomize=True)
if IN_CI:
    settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """The suite's own cache folder (compiled patterns, the resume state's key files), so
    that no test writes into the user's ``~/.cache/bulletin-convert``; commands the tests
    start inherit it."""
    before = os.environ.get("BULLETIN_CONVERT_CACHE_DIR")
    os.environ["BULLETIN_CONVERT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("BULLETIN_CONVERT_CACHE_DIR", None)
    else:
        os.environ["BULLETIN_CONVERT_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _fresh_registry():
    """Each test starts with a registry built from the environment."""
    set_registry(None)
    yield
    set_registry(None)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(SEED_EXPECTED.read_text("utf-8"))


def _package_folders() -> list[str]:
    """The folders this process imports the core and this tree's plugins from (the tree
    under test with ``PYTHONPATH=WT:WT/plugins/docx…``; where a package is not on that
    path, the copy installed in the environment), as a command it starts must."""
    plugins = sorted(package.name for package in ROOT.glob("plugins/*/bulletin_convert_*") if package.is_dir())
    folders: list[str] = []
    for name in ["convert_core", *plugins]:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin is not None:
            folder = str(Path(spec.origin).resolve().parent.parent)
            if folder not in folders:
                folders.append(folder)
    return folders


def subprocess_env(*first: str | os.PathLike[str], **extra: str) -> dict[str, str]:
    """The environment for a command a test starts (``python -m convert_core …``): this
    one's, with ``PYTHONPATH`` holding ``first`` (a test's plugin folder), then the folders
    this process imports the code under test from, then the caller's own ``PYTHONPATH`` —
    so that the command runs the tree under test, not the copy installed in the
    environment (``PYTHONPATH=tmp_path`` alone did: the editable install of another tree);
    ``extra`` are more variables."""
    path = [str(folder) for folder in first] + _package_folders()
    path += [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry and entry not in path]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path), **extra}


#: Python source of ``hang(name, seconds)``, for the plugins the tests write: it notes
#: ``started-NAME`` (holding its process id) in the folder ``$HANG_MARKS``, waits until the
#: file ``release`` appears there or ``seconds`` pass, then notes ``finished-NAME``. A test
#: of a run that must end a page in flight asserts that it did (no ``finished-`` note, the
#: process gone), not that the run was quick: on a busy machine a run is slow.
HANG_SOURCE = """
def hang(name, seconds):
    import os, time
    marks = os.environ.get("HANG_MARKS")
    if marks:
        with open(os.path.join(marks, "started-" + name), "w") as note:
            note.write(str(os.getpid()))
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (marks and os.path.exists(os.path.join(marks, "release"))):
        time.sleep(min(0.05, max(0.0, end - time.monotonic())))
    if marks:
        open(os.path.join(marks, "finished-" + name), "w").close()
"""


def said_until(process: Any, text: str, within: float = 120) -> str:
    """What the command wrote to standard error up to the line holding ``text``: a test
    waits for what the run says it has done, not for a time (``within``: a bound only a
    failure reaches). The rest is read by ``process.communicate``."""
    seen = b""
    deadline = time.monotonic() + within
    assert process.stderr is not None
    while text.encode() not in seen.rsplit(b"\n", 1)[0]:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"the run never said {text!r}: {seen.decode(errors='replace')}"
        chunk = os.read(process.stderr.fileno(), 65536)
        assert chunk, f"the run ended without saying {text!r}: {seen.decode(errors='replace')}"
        seen += chunk
    return seen.decode()


def process_gone(pid: int, within: float = 60.0) -> bool:
    """Whether process ``pid`` has ended (or is a zombie), waiting at most ``within``
    seconds for it: a bound only a failure reaches."""
    deadline = time.monotonic() + within
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        if state in ("Z", "X"):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


@pytest.fixture()
def state_features():
    """A reader of a CRFsuite model file's state features: their names (``name=value``), as
    its tagger lists them (what the tests read to show a shipped model holds no page text)."""

    def read(path: Path) -> list[str]:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return [name for name, _label in tagger.info().state_features]

    return read
