"""The compiled-pattern cache: rebuilt patterns are the very patterns re.compile makes,
and a missing, corrupt, foreign or unwritable cache only costs speed."""

from __future__ import annotations

import importlib
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from convert_core import regex_cache

PATTERNS = [
    (r"本[报報][讯訊]", 0),
    (r"(?P<name>[^\W\d_]{2,4})\s*摄$", 0),
    (r"^(?:第\s*(?P<page>\d{1,3})\s*版|[A-Z]\d{1,2})", 0),
    (r"[一二三四五六七八九十]{1,3}", re.IGNORECASE),
    (r"(?<=[，。])\s+(?=\S)", re.MULTILINE),
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The module with an empty state, its cache in ``tmp_path``."""
    monkeypatch.setenv("BULLETIN_CONVERT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BULLETIN_CONVERT_NO_CACHE", raising=False)
    module = importlib.reload(regex_cache)
    yield module
    importlib.reload(regex_cache)


def _reload(module):
    return importlib.reload(module)


def test_cached_patterns_equal_re_compile(fresh) -> None:
    first = [fresh.regex(pattern, flags) for pattern, flags in PATTERNS]
    assert fresh.stats == {"hits": 0, "misses": len(PATTERNS)}
    fresh.save()
    path = Path(fresh.cache_file())
    assert path.is_file()
    again = _reload(fresh)
    second = [again.regex(pattern, flags) for pattern, flags in PATTERNS]
    assert again.stats == {"hits": len(PATTERNS), "misses": 0}
    for (pattern, flags), one, two in zip(PATTERNS, first, second, strict=True):
        # Pattern equality compares the engine's code too, not only the source
        assert one == two == re.compile(pattern, flags)
        assert two.groupindex == re.compile(pattern, flags).groupindex
    assert second[1].match("王孟鹤 摄").group("name") == "王孟鹤"


def test_every_reader_pattern_is_cached_faithfully(tmp_path: Path) -> None:
    """A cold process fills the cache, a second reads it; the patterns it rebuilds are
    equal to re.compile's for every pattern the reader and core use."""
    env = {**os.environ, "BULLETIN_CONVERT_CACHE_DIR": str(tmp_path)}
    env.pop("BULLETIN_CONVERT_NO_CACHE", None)
    script = (
        "import re, sys\n"
        "import convert_core.api, convert_core.cli\n"
        "from convert_core import regex_cache as c\n"
        "bad = [p for (p, f), e in c._used.items() if c._engine(p, e) != re.compile(p, f)]\n"
        "print(c.stats['hits'], c.stats['misses'], len(bad))\n"
    )
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    hits, misses, bad = map(int, first.stdout.split())
    assert misses > 100 and bad == 0
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    hits2, misses2, bad2 = map(int, second.stdout.split())
    assert (hits2, misses2, bad2) == (hits + misses, 0, 0)


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps(("another-python", {})), marshal.dumps([1, 2, 3]), b"\0" * (17 << 20)],
    ids=["empty", "garbage", "foreign", "wrong-shape", "huge"],
)
def test_a_bad_cache_file_is_ignored(fresh, content: bytes) -> None:
    path = Path(fresh.cache_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    compiled = fresh.regex(PATTERNS[0][0])
    assert compiled == re.compile(PATTERNS[0][0]) and fresh.stats["misses"] == 1


def _rewrite(path: Path, change) -> None:
    """Apply ``change`` to the entries of a cache file and sign it again, as a save would."""
    import hashlib

    engine, _digest, payload = marshal.loads(path.read_bytes())
    entries = marshal.loads(payload)
    change(entries)
    payload = marshal.dumps(entries)
    path.write_bytes(marshal.dumps((engine, hashlib.sha256(payload).hexdigest(), payload)))


def test_a_damaged_entry_is_compiled_afresh(fresh) -> None:
    pattern = PATTERNS[1][0]
    fresh.regex(pattern)
    fresh.save()
    path = Path(fresh.cache_file())

    def damage(entries):
        flags, code, groups, groupindex, indexgroup = entries[(pattern, 0)]
        entries[(pattern, 0)] = (flags, [999999, *code], groups, groupindex, indexgroup)  # invalid engine code

    _rewrite(path, damage)
    again = _reload(fresh)
    assert again.regex(pattern) == re.compile(pattern)
    assert again.stats == {"hits": 0, "misses": 1}


def test_a_file_changed_behind_its_checksum_is_ignored(fresh) -> None:
    """Bit rot, or an edit that did not sign the file again: nothing of it is used."""
    pattern = PATTERNS[2][0]
    fresh.regex(pattern)
    fresh.save()
    path = Path(fresh.cache_file())
    engine, digest, payload = marshal.loads(path.read_bytes())
    damaged = bytearray(payload)
    damaged[len(damaged) // 2] ^= 0x01
    path.write_bytes(marshal.dumps((engine, digest, bytes(damaged))))
    again = _reload(fresh)
    assert again.regex(pattern) == re.compile(pattern) and again.stats == {"hits": 0, "misses": 1}


def test_a_file_others_may_write_is_not_trusted(fresh) -> None:
    """A cache file writable by the group or others, or owned by another user, is not read:
    whoever writes it decides what the patterns match."""
    pattern = PATTERNS[0][0]
    fresh.regex(pattern)
    fresh.save()
    path = Path(fresh.cache_file())
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o666)
    again = _reload(fresh)
    again.regex(pattern)
    assert again.stats == {"hits": 0, "misses": 1}
    path.chmod(0o644)
    if os.geteuid() == 0:  # root can give the file away
        os.chown(path, 4242, -1)
        other = _reload(fresh)
        other.regex(pattern)
        assert other.stats == {"hits": 0, "misses": 1}
        os.chown(path, 0, -1)
    trusted = _reload(fresh)
    trusted.regex(pattern)
    assert trusted.stats == {"hits": 1, "misses": 0}


def test_turned_off_or_unwritable(fresh, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BULLETIN_CONVERT_NO_CACHE", "1")
    assert fresh.cache_file() is None
    assert fresh.regex(PATTERNS[0][0]) == re.compile(PATTERNS[0][0])
    fresh.save()  # nothing to write, no error
    monkeypatch.delenv("BULLETIN_CONVERT_NO_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("BULLETIN_CONVERT_CACHE_DIR", str(blocker / "cache"))  # a file where a directory should be
    again = _reload(fresh)
    assert again.regex(PATTERNS[2][0]) == re.compile(PATTERNS[2][0])
    again.save()  # fails quietly
    assert not (blocker / "cache").exists()
    assert not list(tmp_path.glob("**/*.part"))


def test_bad_patterns_raise_like_re_compile(fresh) -> None:
    with pytest.raises(re.error):
        fresh.regex("[unclosed")


def test_no_home_directory_means_no_cache(fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BULLETIN_CONVERT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # as when HOME is unset and unknown
    assert fresh.cache_file() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert fresh.cache_file().startswith("/somewhere/bulletin-convert/regex-")
