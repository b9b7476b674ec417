"""What checking a document costs, per page: the shape walk that checks a document given
to the library and what each ``transform_document`` leaves (convert_core/shape.py), and
the JSON round trip it replaced (``from_dict(to_dict(document))``). Prints figures;
asserts nothing (tests/test_document_shape.py holds the walk to the JSON form's rules).

    python benchmarks/document_check.py           # the seed and the fixture pages
    python benchmarks/document_check.py --repeat 50
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from convert_core import jsonform, parse  # noqa: E402
from convert_core.shape import check_document  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="times each page is checked (default 20)")
    args = parser.parse_args()
    pages = [ROOT / "seeds" / "000_80fb9983b63b8a66.txt", *sorted((ROOT / "tests/fixtures/pages").glob("*.txt"))]
    documents = [parse(page, transform=False) for page in pages]
    ways = {
        "JSON round trip (before)": lambda d: jsonform.from_dict(jsonform.to_dict(d)),
        "shape walk, types and values only": lambda d: check_document(d, text=False),
        "shape walk with the text check (used)": check_document,
    }
    print(f"{len(documents)} pages, each checked {args.repeat} times")
    for name, way in ways.items():
        started = time.perf_counter()
        for _ in range(args.repeat):
            for document in documents:
                way(document)
        per_page = (time.perf_counter() - started) / args.repeat / len(documents) * 1000
        print(f"  {name:40} {per_page:7.3f} ms a page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
