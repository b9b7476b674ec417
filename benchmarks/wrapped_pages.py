"""Real pages in the hard-wrapped shapes: the development corpus's pages of one style (the
seed's, ``extracted``) rewritten as :mod:`convert_core.testing.shapes` rewrites the seed —
every line cut at a column's width, with or without blank lines, some blank lines left out —
and read. Prints headline F1, structure, paragraph count and characters lost per shape and
paper; asserts nothing.

    python benchmarks/wrapped_pages.py                          # People's Daily train and test, Study Times
    python benchmarks/wrapped_pages.py --split train --papers rmrb --only "wrapped at 22"
    python benchmarks/wrapped_pages.py --pages 100              # the first 100 pages of each part

The seed alone (``benchmarks/seed_shapes.py``) is one page: a rule fitted to it can be a rule
fitted to its ten stories. Here the same rewrites run on hundreds of pages, so a fix of a
shape is measured where it could fail. A ``wrapped at 13-20`` shape cuts each page at its own
width, chosen from the page's name (the same on every run). Tune on People's Daily's training
pages; its test pages and the held-out Study Times are for reporting. Needs the corpus (see
benchmarks/corpus/README.md); no corpus text is written anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "corpus"))

import train_model  # noqa: E402

from convert_core.evaluate import score  # noqa: E402
from convert_core.gold import load_gold  # noqa: E402
from convert_core.reader import ReaderOptions, read_text  # noqa: E402
from convert_core.testing.shapes import SHAPES, hard_wrapped, without_blank_lines  # noqa: E402


def _width_of(name: str) -> int:
    """A column width from 13 to 20, fixed by the page's name."""
    return 13 + hashlib.sha256(name.encode("utf-8")).digest()[0] % 8


#: Each shape: a name and what it does to a page's text (given the page's name).
REWRITES: dict[str, Callable[[str, str], str]] = {
    "as extracted": lambda text, name: text,
    "without blank lines": lambda text, name: without_blank_lines(text),
    "wrapped at 22": lambda text, name: hard_wrapped(text, 22),
    "wrapped at 13-20": lambda text, name: hard_wrapped(text, _width_of(name)),
    "wrapped at 22 without blank lines": lambda text, name: without_blank_lines(hard_wrapped(text, 22)),
    "wrapped at 13-20 without blank lines": lambda text, name: without_blank_lines(hard_wrapped(text, _width_of(name))),
    "some blank lines left out (1)": lambda text, name: SHAPES["some blank lines left out (1)"](text),
}


def _parts(corpus: Path, papers: list[str], split: str) -> list[tuple[str, str, list[str]]]:
    """(paper, part, page ids) to read: People's Daily's ``train`` and ``test``, a held-out
    paper's ``test`` (all its pages)."""
    parts = train_model.split(corpus, json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8")))
    chosen = []
    for paper in papers:
        for part in ("train", "test"):
            if split in (part, "all") and parts[paper][part]:
                chosen.append((paper, part, parts[paper][part]))
    return chosen


def measure(
    corpus: Path, style: str, paper: str, pages: list[str], rewrite: Callable[[str, str], str], model: str | None
) -> dict:
    """Scores of the reader on ``pages`` rewritten by ``rewrite``."""
    scores = []
    for page in pages:
        path = corpus / style / paper / f"{page}.txt"
        if not path.is_file():
            continue
        text = rewrite(path.read_text(encoding="utf-8"), path.name)
        document = read_text(text, name=path.name, options=ReaderOptions(model=model))
        scores.append(score(document, load_gold(train_model.gold_of(corpus, paper, page, style)), source_text=text))
    return train_model.summary(scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="the corpus folder (default: corpus/)")
    parser.add_argument("--style", default="extracted", help="the input style rewritten (default: extracted)")
    parser.add_argument("--papers", default="rmrb,xxsb", help="papers, comma-separated (default: rmrb,xxsb)")
    parser.add_argument("--split", default="all", choices=("train", "test", "all"), help="which pages (default: all)")
    parser.add_argument("--pages", type=int, default=0, help="the first N pages of each part (default 0: all)")
    parser.add_argument("--only", help="the shapes to read, by name, comma-separated (default: all)")
    parser.add_argument("--model", help="a role model file, or 'none' (default: the shipped one)")
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.json").is_file():
        print(f"no corpus at {args.corpus} (see benchmarks/corpus/README.md)", file=sys.stderr)
        return 2
    chosen = args.only.split(",") if args.only else list(REWRITES)
    unknown = [name for name in chosen if name not in REWRITES]
    if unknown:
        print(f"unknown shape(s): {', '.join(unknown)} (known: {', '.join(REWRITES)})", file=sys.stderr)
        return 2
    print(f"{'shape':38s} {'paper':5s} {'part':5s} {'pages':>5s} {'F1':>7s} {'struct':>7s} {'paras':>7s} {'lost':>5s}")
    for name in chosen:
        for paper, part, pages in _parts(args.corpus, args.papers.split(","), args.split):
            found = measure(args.corpus, args.style, paper, pages[: args.pages or None], REWRITES[name], args.model)
            print(
                f"{name:38s} {paper:5s} {part:5s} {found['pages']:5d} {found['f1']:7.4f} {found['structure']:7.4f} "
                f"{found['paragraph_count']:7.4f} {found['lost']:5d}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
