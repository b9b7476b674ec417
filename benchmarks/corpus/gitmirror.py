"""Reading the files of a fetched repository, every version of them, from its git history.

A mirror is found under the mirrors folder as ``OWNER+NAME/repo`` (what the search tool's
``fetch`` makes: a bare git directory), ``OWNER+NAME`` itself (``git clone --mirror``) or
``OWNER+NAME/.git`` (a plain clone). Only the history up to the commit a source pins is read,
so a mirror fetched later gives the same corpus.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class MirrorError(Exception):
    """A repository is missing, or lacks the commit a source pins (one line, for the user)."""


@dataclass(frozen=True)
class Version:
    """One version of a file: its blob, the first commit (in pinned history) that holds it, and its path there."""

    blob: str
    commit: str
    commit_time: int
    path: str


def git_dir(mirrors: Path, repo: str) -> Path:
    """The git directory of ``repo`` (``owner/name``) under ``mirrors``."""
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base, base / ".git"):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    raise MirrorError(f"{repo}: no git mirror under {base} (fetch github:{repo}, or git clone --mirror it there)")


def _git(gitdir: Path, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(["git", "--git-dir", str(gitdir), *args], input=data, capture_output=True, check=False)
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MirrorError(f"{gitdir}: git {args[0]} failed: {message[-1] if message else result.returncode}")
    return result.stdout


def check_commit(gitdir: Path, commit: str) -> None:
    """Fail clearly when the pinned commit is not in the mirror (fetched too early or another repository)."""
    probe = subprocess.run(
        ["git", "--git-dir", str(gitdir), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True, check=False
    )
    if probe.returncode:
        raise MirrorError(f"{gitdir}: pinned commit {commit} is missing; fetch the repository again")


def versions(gitdir: Path, pin: str, paths: tuple[str, ...]) -> list[Version]:
    """Every distinct blob that the files matching ``paths`` (git pathspecs) had in the
    history up to ``pin``, each with the oldest commit that introduced it, in history order."""
    check_commit(gitdir, pin)
    out = _git(
        gitdir, "log", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--format=@%H %ct", pin, "--", *paths
    )
    seen: dict[str, Version] = {}
    commit, time = "", 0
    for line in out.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            commit, stamp = line[1:].split()
            time = int(stamp)
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            if set(blob) != {"0"} and blob not in seen:
                seen[blob] = Version(blob, commit, time, path)
    return list(seen.values())


def read_blobs(gitdir: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of many blobs, read by one ``git cat-file --batch``."""
    out = _git(gitdir, "cat-file", "--batch", data="".join(f"{b}\n" for b in blobs).encode())
    contents: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        header_end = out.index(b"\n", at)
        name, kind, size = out[at:header_end].decode().split()
        if kind != "blob":
            raise MirrorError(f"{gitdir}: {blob} is a {kind}, not a blob")
        start = header_end + 1
        contents[name] = out[start : start + int(size)]
        at = start + int(size) + 1
    return contents


def read_file(gitdir: Path, commit: str, path: str) -> bytes:
    """One file at one commit."""
    check_commit(gitdir, commit)
    return _git(gitdir, "show", f"{commit}:{path}")
