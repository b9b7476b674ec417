"""The reader's instructions in two source trees, counted by valgrind: a figure the load does not move.

    python benchmarks/reader_instructions.py BASE_TREE NEW_TREE [--reads 100]
        [--page seed|densest|PATH] [--model none]

On a shared machine a read's time swings by more than most changes to the reader make
(``reader_ab.py`` takes the two trees in turn, and still a busy minute can hide 2 %). The
number of instructions a read executes does not: for each tree two processes run under
``valgrind --tool=callgrind`` (``PYTHONHASHSEED=0``, so that sets and dicts are laid out
alike), one reading the page ``--reads`` times after two reads that load what a first read
loads (the word models, modules imported on first use), one making only those two reads; the
difference over ``--reads`` is what a read takes. Before them a read outside valgrind writes
any bytecode the tree lacks (else the first process would compile what the second only reads). Printed: each tree's instructions a read and
the change. A count is not a time (a cache miss costs more than an addition), but for a
change that skips work it says which way and how far. Needs valgrind; each process takes tens
of seconds (the interpreter's start alone is some 400 M instructions under it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

#: The pages ``--page`` names, by their name in the tree.
PAGES = {
    "seed": "seeds/000_80fb9983b63b8a66.txt",
    "densest": "tests/fixtures/pages/31_letters_gb18030.txt",
}
#: Reads made before counting, in both processes: the first read loads models and modules.
WARM_READS = 2

CHILD = r"""
import sys
import convert_core
from convert_core.reader import ReaderOptions, read_bytes
tree, path, reads, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
assert convert_core.__file__.startswith(tree), convert_core.__file__
data = open(path, "rb").read()
options = ReaderOptions(model=model)
for _ in range(reads):
    read_bytes(data, options=options)
"""

_COLLECTED_RE = re.compile(r"==\d+== Collected : (\d+)")


def collected(report: str) -> int:
    """The instructions callgrind counted, from what it printed on standard error."""
    found = _COLLECTED_RE.findall(report)
    if len(found) != 1:
        raise ValueError("no instruction count in valgrind's report")
    return int(found[0])


def _child(tree: str, page: str, reads: int, model: str | None, *, valgrind: bool) -> str:
    """Run one process reading ``page`` of ``tree`` ``reads`` times; its standard error. Each
    tree keeps its compiled patterns in a folder of its own (:func:`_cache_dir`): two trees
    sharing one cache file would each rewrite it with their own patterns."""
    command = [sys.executable, "-c", CHILD, tree, page, str(reads), model or ""]
    if valgrind:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
    done = subprocess.run(
        command,
        cwd=tree,
        env={
            "PYTHONPATH": tree,
            "PYTHONHASHSEED": "0",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "BULLETIN_CONVERT_CACHE_DIR": _cache_dir(tree),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr


def _cache_dir(tree: str) -> str:
    """The compiled-pattern cache folder of ``tree``'s processes (one a tree, in the system's
    temporary folder, named by the tree's path)."""
    name = hashlib.sha256(os.path.abspath(tree).encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"reader-instructions-{name}")


def count(tree: str, page: str, reads: int, model: str | None) -> int:
    """The instructions of one process reading ``page`` of ``tree`` ``reads`` times (under
    callgrind; its start and exit included)."""
    return collected(_child(tree, page, reads, model, valgrind=True))


def warm(tree: str, page: str, model: str | None) -> None:
    """A read of ``page`` in ``tree`` outside valgrind, counted nowhere: it writes whatever
    bytecode (``.pyc``) and compiled patterns (:func:`_cache_dir`) the tree lacks, which the
    first counted process would otherwise make and the second only read."""
    _child(tree, page, WARM_READS, model, valgrind=False)


def per_read(tree: str, page: str, reads: int, model: str | None) -> float:
    """The instructions a read of ``page`` takes in ``tree``: the difference of a process
    making ``WARM_READS + reads`` reads and one making ``WARM_READS``, over ``reads`` (after
    :func:`warm`)."""
    warm(tree, page, model)
    return (count(tree, page, WARM_READS + reads, model) - count(tree, page, WARM_READS, model)) / reads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--reads", type=int, default=100)
    parser.add_argument("--page", default="seed", help="seed, densest, or a page's path in the trees")
    parser.add_argument("--model", default=None, help="as the reader's --model (none: the rules alone)")
    args = parser.parse_args(argv)
    if args.reads < 1:
        parser.error("--reads must be at least 1")
    if shutil.which("valgrind") is None:
        print("reader_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    page = PAGES.get(args.page, args.page)
    counts = {}
    for name, tree in (("base", os.path.abspath(args.base)), ("new", os.path.abspath(args.new))):
        counts[name] = per_read(tree, page, args.reads, args.model)
        print(f"{page} {args.model or 'model'} {name:4} {counts[name] / 1e6:.3f} M instructions a read")
    change = counts["new"] - counts["base"]
    print(f"change {change / 1e6:+.3f} M ({100 * change / counts['base']:+.2f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
