"""The reader timed side by side in two source trees: processes of each in turn, the same minutes.

    python benchmarks/reader_ab.py BASE_TREE NEW_TREE [--rounds 16] [--reads 300]
        [--python-base EXE] [--python-new EXE]

Each round starts one process per tree (their order swapped every other round); a process
reads the seed page ``--reads`` times and the densest fixture page twice as often, with the
shipped role model and with ``--model none`` (half as many), and reports each read's CPU
time (``time.process_time``). Printed per page and tree: the fastest read, the tenth
percentile and the median, in ms (and MB/s at the fastest for the seed). On a shared
machine the medians move with the load; the two trees' figures are comparable because
they are taken in turn. Make BASE_TREE with ``git worktree add --detach DIR COMMIT``.

``--python-base`` / ``--python-new`` read a tree with another interpreter of the same Python
version (the two trees may then be one: ``reader_ab.py . . --python-new /usr/bin/python3.11``
compares interpreters); it finds the packages this interpreter has (its ``site-packages``).
"""

from __future__ import annotations

import argparse
import json
import os
import site
import statistics
import subprocess
import sys

#: (page, model, reads as a multiple of ``--reads``)
PAGES = (
    ("seeds/000_80fb9983b63b8a66.txt", None, 1.0),
    ("tests/fixtures/pages/31_letters_gb18030.txt", None, 2.0),
    ("seeds/000_80fb9983b63b8a66.txt", "none", 0.5),
    ("tests/fixtures/pages/31_letters_gb18030.txt", "none", 1.0),
)

#: Each page's path by its file name.
PAGE_PATHS = {path.rsplit("/", 1)[-1]: path for path, _, _ in PAGES}

CHILD = r"""
import json, sys, time
import convert_core
from convert_core.reader import ReaderOptions, read_bytes
tree, reads, pages = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
assert convert_core.__file__.startswith(tree), convert_core.__file__
out = {}
for path, model, share in pages:
    data = open(f"{tree}/{path}", "rb").read()
    options = ReaderOptions(model=model)
    for _ in range(10):
        read_bytes(data, options=options)
    times = []
    for _ in range(int(reads * share)):
        start = time.process_time()
        read_bytes(data, options=options)
        times.append(time.process_time() - start)
    out[f"{path.rsplit('/', 1)[-1]} {model or 'model'}"] = times
print(json.dumps(out))
"""


def child_env(tree: str, python: str) -> dict[str, str]:
    """The environment of a process of ``python`` reading ``tree``: the tree first on its
    path and, for an interpreter other than this one, this one's packages after it."""
    paths = [tree]
    if os.path.abspath(python) != os.path.abspath(sys.executable):
        paths += [path for path in site.getsitepackages() if os.path.isdir(path)]
    return {"PYTHONPATH": os.pathsep.join(paths), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def run(tree: str, reads: int, python: str = sys.executable) -> dict[str, list[float]]:
    """One process of ``python`` reading every page of :data:`PAGES` in ``tree``."""
    env = child_env(tree, python)
    done = subprocess.run(
        [python, "-c", CHILD, tree, str(reads), json.dumps(PAGES)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument("--reads", type=int, default=300)
    parser.add_argument(
        "--python-base", default=sys.executable, help="the interpreter reading BASE (default: this one)"
    )
    parser.add_argument("--python-new", default=sys.executable, help="the interpreter reading NEW (default: this one)")
    args = parser.parse_args(argv)
    trees = {"base": os.path.abspath(args.base), "new": os.path.abspath(args.new)}
    pythons = {"base": args.python_base, "new": args.python_new}
    times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    for number in range(args.rounds):
        order = list(trees.items()) if number % 2 == 0 else list(trees.items())[::-1]
        for name, tree in order:
            for key, values in run(tree, args.reads, pythons[name]).items():
                times[name].setdefault(key, []).extend(values)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    for key in times["base"]:
        for name in trees:
            values = sorted(times[name][key])
            fastest, tenth, median = values[0], values[len(values) // 10], statistics.median(values)
            size = os.path.getsize(os.path.join(trees[name], PAGE_PATHS[key.split()[0]]))
            speed = f" ({size / 1e6 / fastest:.2f} MB/s at the fastest)"
            print(
                f"{key:34} {name:4} n={len(values):5} min {fastest * 1e3:.3f} p10 {tenth * 1e3:.3f}"
                f" median {median * 1e3:.3f} ms{speed}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
