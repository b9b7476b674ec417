"""The seed page read in the shapes other extraction tools give it. Prints a table; asserts
nothing (tests/test_seed_shapes.py holds the reader to the shapes it reads exactly).

    python benchmarks/seed_shapes.py              # the shipped role model
    python benchmarks/seed_shapes.py --model none # the rules alone

Each shape (convert_core/testing/shapes.py) rewrites the seed's text without touching a
word: masthead or staff lines added, CRLF, full-width marks, spaces, gaps tripled, blank
lines left out, paragraphs indented, hard-wrapped lines. For each: the items read exactly
(of 10) and the first differences from seeds/*.expected.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convert_core import parse  # noqa: E402
from convert_core.testing.shapes import SHAPES, differences  # noqa: E402

SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a role model file, or 'none' for the rules alone (default: the shipped one)")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    expected = json.loads(SEED.with_name(SEED.stem + ".expected.json").read_text(encoding="utf-8"))
    exact = 0
    print(f"{'shape':32s} {'result':10s} first differences")
    for name, shape in SHAPES.items():
        document = parse(shape(text), model=args.model)
        found = differences(document, expected)
        exact += not found
        wrong = {line.split(":")[0] for line in found if line.startswith("item ")}
        if not found:
            result = "exact"
        elif len(document.items) != len(expected["items"]):
            result = f"{len(document.items)} items"  # (the items after a missed one shift)
        else:
            result = f"{len(document.items) - len(wrong)}/{len(document.items)} right"
        print(f"{name:32s} {result:10s} {' | '.join(found[:2])[:110]}")
    print(f"\n{exact} of {len(SHAPES)} shapes read exactly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
