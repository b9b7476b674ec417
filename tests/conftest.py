"""Shared fixtures: the seed page, the plugin registry, a CLI runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
