"""Build a corpus of real ALTO pages with article-level gold from impresso's sample data.

    python benchmarks/corpus/alto_corpus.py --mirrors /work/.mirror --out corpus/alto/

Reads ``impresso/impresso-text-acquisition`` (a git mirror under ``--mirrors``, see
README.md) at its pinned commit and writes, for every ALTO page that its issue's METS maps
to articles:

    OUT/pages/PART/SOURCE/PAGEID.xml     the ALTO file, copied byte for byte
    OUT/gold/PART/SOURCE/PAGEID.json     the page's articles in the METS's logical order
    OUT/MANIFEST.json                    pages, parts, counts, what was skipped, the commit

``PART`` is ``dev`` (tune on it) or ``check`` (never tuned on: the titles of
:data:`CHECK_TITLES`). The output folder is replaced as a whole (refused when it is not
empty and holds no MANIFEST.json). Deterministic. Exit codes: 0 built · 2 usage error ·
3 the mirror is missing or lacks the pinned commit · 4 the output cannot be written.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metsalto
from gitmirror import MirrorError, _git, check_commit, git_dir

REPO = "impresso/impresso-text-acquisition"
PIN = "d5c2c1a0fe40ed60e9750b5c326443ab0cc8f950"
ROOT = "text_preparation/data/sample_data"
#: Source folder under ROOT → (code, whether its METS profile marks titles).
SOURCES: dict[str, tuple[str, bool]] = {"BNF-EN": ("bnfen", True), "BL": ("bl", False), "Luxembourg": ("lux", True)}
#: Titles (the folder under the source, or the BL's NLP number) kept for the check part.
CHECK_TITLES = frozenset({"Le-Matin", "OE-Rennes", "public_domain_006"})
#: Titles left out: their METS does not give articles one can score (the reason).
UNREADABLE = {"0002244": "page areas are fragments of lines (OCR 76 %), not blocks"}


def _tree(gitdir: Path, pin: str) -> list[str]:
    out = _git(gitdir, "ls-tree", "-r", "--name-only", pin, "--", ROOT)
    return sorted(out.decode("utf-8").splitlines())


def _show(gitdir: Path, pin: str, path: str) -> bytes:
    return _git(gitdir, "show", f"{pin}:{path}")


def _mets_files(paths: list[str], source: str) -> list[str]:
    prefix = f"{ROOT}/{source}/"
    return [p for p in paths if p.startswith(prefix) and p.lower().endswith("mets.xml")]


def _title(path: str, source: str) -> str:
    """The title folder of an issue: the first folder under the source (the BL: the NLP)."""
    parts = path.split("/")[len(ROOT.split("/")) + 1 :]
    return parts[1] if source == "BL" else parts[0]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").lower()


def build(mirrors: Path, out: Path, pin: str = PIN) -> dict[str, Any]:
    """Build the corpus into ``out`` (replaced); return the manifest."""
    gitdir = git_dir(mirrors, REPO)
    check_commit(gitdir, pin)
    paths = _tree(gitdir, pin)
    present = set(paths)
    manifest: dict[str, Any] = {
        "description": "Real ALTO pages with article gold from METS; built by benchmarks/corpus/alto_corpus.py.",
        "repository": REPO,
        "commit": pin,
        "check_titles": sorted(CHECK_TITLES),
        "sources": {},
        "pages": [],
    }
    if out.exists():
        if any(out.iterdir()) and not (out / "MANIFEST.json").is_file():
            raise OSError(f"{out}: not empty and holds no MANIFEST.json; refusing to replace it")
        shutil.rmtree(out)
    for source, (code, titles) in SOURCES.items():
        stats: dict[str, int] = {"issues": 0, "pages": 0, "articles": 0, "pages without articles": 0}
        for mets_path in _mets_files(paths, source):
            stats["issues"] += 1
            if _title(mets_path, source) in UNREADABLE:
                stats["issues left out (unreadable structure)"] = (
                    stats.get("issues left out (unreadable structure)", 0) + 1
                )
                continue
            issue = metsalto.read_mets(_show(gitdir, pin, mets_path))
            for reason, count in issue.skipped.items():
                stats[f"skipped: {reason}"] = stats.get(f"skipped: {reason}", 0) + count
            title = _title(mets_path, source)
            part = "check" if title in CHECK_TITLES else "dev"
            for file_id in issue.pages:
                alto_path = posixpath.normpath(posixpath.join(posixpath.dirname(mets_path), issue.files[file_id]))
                if alto_path not in present:
                    stats["pages missing in the repository"] = stats.get("pages missing in the repository", 0) + 1
                    continue
                data = _show(gitdir, pin, alto_path)
                items, missing = metsalto.page_gold(issue, file_id, metsalto.read_alto(data), titles=titles)
                for reason, count in missing.items():
                    stats[reason] = stats.get(reason, 0) + count
                if not items:
                    stats["pages without articles"] += 1
                    continue
                stem = posixpath.basename(alto_path).rsplit(".", 1)[0]
                page_id = f"{code}_{_slug(title)}_{_slug(stem)}"
                page_gold = {"source": f"{REPO}@{pin}:{alto_path}", "items": items}
                (out / "pages" / part / code).mkdir(parents=True, exist_ok=True)
                (out / "gold" / part / code).mkdir(parents=True, exist_ok=True)
                (out / "pages" / part / code / f"{page_id}.xml").write_bytes(data)
                text = json.dumps(page_gold, ensure_ascii=False, indent=1) + "\n"
                (out / "gold" / part / code / f"{page_id}.json").write_text(text, encoding="utf-8", newline="\n")
                stats["pages"] += 1
                stats["articles"] += len(items)
                manifest["pages"].append(
                    {"id": page_id, "source": code, "title": title, "part": part, "path": alto_path,
                     "mets": mets_path, "articles": len(items)}
                )  # fmt: skip
        manifest["sources"][code] = {"folder": f"{ROOT}/{source}", "titles_in_gold": titles, **stats}
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (out / "MANIFEST.json").write_text(text, encoding="utf-8", newline="\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirrors", type=Path, required=True, help="folder of git mirrors (OWNER+NAME/repo)")
    parser.add_argument("--out", type=Path, default=Path("corpus/alto"), help="output folder (default corpus/alto)")
    args = parser.parse_args(argv)
    try:
        manifest = build(args.mirrors, args.out)
    except MirrorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    for code, stats in manifest["sources"].items():
        print(f"{code:6} " + " · ".join(f"{k} {v}" for k, v in stats.items() if k not in ("folder",)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
