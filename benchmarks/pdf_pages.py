"""Pages per second on a 6-column broadsheet PDF page: our layout pass and reader, against
``pdftotext -layout`` followed by our text reader, and against pdfplumber's text extraction
alone. The page is typeset by the tests' typesetter from the reference page's stories.

    python benchmarks/pdf_pages.py [repeats]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pdfpages import seed_page  # noqa: E402

import convert_core  # noqa: E402


def rate(run, repeats: int) -> float:
    run()  # warm up
    started = time.perf_counter()
    for _ in range(repeats):
        run()
    return repeats / (time.perf_counter() - started)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    gold = json.loads((ROOT / "seeds" / "000_80fb9983b63b8a66.expected.json").read_text("utf-8"))
    data = seed_page(gold, columns=6)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "broadsheet.pdf"
        path.write_bytes(data)
        ours = rate(lambda: convert_core.parse(data, transform=False), repeats)

        def via_pdftotext() -> None:
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
            convert_core.parse(text, transform=False)

        theirs = rate(via_pdftotext, repeats)
        import pdfplumber

        def plumber() -> None:
            with pdfplumber.open(path) as pdf:
                pdf.pages[0].extract_text()

        plumb = rate(plumber, max(1, repeats // 5))
    print(f"layout pass + reader:          {ours:7.1f} pages/s")
    print(f"pdftotext -layout + reader:    {theirs:7.1f} pages/s")
    print(f"pdfplumber extract_text alone: {plumb:7.1f} pages/s")


if __name__ == "__main__":
    main()
