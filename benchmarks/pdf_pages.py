"""Pages per second on 6-column broadsheet PDF pages: our layout pass and reader, against
``pdftotext -layout`` followed by our text reader, and against pdfplumber's text extraction
alone; with the engines' own share: PDFium loading the page and its text (the floor of our
PDF path) and pdfminer.six reading the characters with their boxes and fonts (the engine
we did not choose). Two pages, typeset by the tests' typesetter: the reference page's
stories (Chinese, set in a CID font the PDF does not embed, as the typesetter's pages
are) and a page of made-up English stories (Times).

    python benchmarks/pdf_pages.py [repeats]

Each figure is pages per second from the median time of ``repeats`` runs, with the best
run's in brackets (the development machine's speed swings from one minute to the next).
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pdfpages import Placed, Story, Typesetter, seed_page  # noqa: E402

import convert_core  # noqa: E402


def rate(run, repeats: int) -> tuple[float, float]:
    """Pages per second of ``run``: from the median and from the best of ``repeats`` runs."""
    run()  # warm up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return 1 / statistics.median(times), 1 / min(times)


def english_page(columns: int = 6) -> bytes:
    """A broadsheet (1000 pt wide) of made-up English stories, two a row, each over half the columns."""
    sentence = (
        "The council met on Tuesday evening and after a long debate agreed to widen the harbor road, "
        "to repair the old bridge before the winter and to open the new library on Saturdays. "
    )
    setter = Typesetter(columns=columns, width=1000, latin=True)
    setter.header("THE MORNING HERALD, MAY 3, 1921", "PAGE 1")
    half = columns // 2
    for row in range(4):
        stories = [
            Story(
                kicker="CITY NEWS",
                headline=f"Council Agrees to Widen Harbor Road {row * 2 + side + 1}",
                paragraphs=["LONDON, May 3 (AP) — " + sentence * 3, *(sentence * 4 for _ in range(5))],
                latin=True,
            )
            for side in range(2)
        ]
        setter.row([Placed(story, side * half, half) for side, story in enumerate(stories)])
    return setter.pdf()


def pdfium_alone(data: bytes) -> None:
    """What PDFium itself does for our layout pass: load the page and its text page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    page = document[0]
    page.get_textpage().close()
    page.close()
    document.close()


def pdfminer_chars(data: bytes) -> None:
    """pdfminer.six reading every character with its box, size and font (no layout analysis)."""
    from pdfminer.high_level import extract_pages

    for _ in extract_pages(io.BytesIO(data), laparams=None):
        pass


def figures(name: str, data: bytes, repeats: int) -> list[tuple[str, tuple[float, float]]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "broadsheet.pdf"
        path.write_bytes(data)

        def via_pdftotext() -> None:
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
            convert_core.parse(text, transform=False)

        def plumber() -> None:
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                pdf.pages[0].extract_text()

        return [
            ("layout pass + reader", rate(lambda: convert_core.parse(data, transform=False), repeats)),
            ("  of it PDFium alone (page + text)", rate(lambda: pdfium_alone(data), repeats)),
            ("pdfminer.six characters alone", rate(lambda: pdfminer_chars(data), max(3, repeats // 5))),
            ("pdftotext -layout + reader", rate(via_pdftotext, repeats)),
            ("pdfplumber extract_text alone", rate(plumber, max(3, repeats // 5))),
        ]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    gold = json.loads((ROOT / "seeds" / "000_80fb9983b63b8a66.expected.json").read_text("utf-8"))
    pages = [("Chinese (the reference page's stories)", seed_page(gold, columns=6)), ("English", english_page())]
    for name, data in pages:
        print(f"{name}, 6 columns, {len(data):,} bytes: pages/s, median (best)")
        for label, (median, best) in figures(name, data, repeats):
            print(f"  {label:36s} {median:7.1f} ({best:.1f})")


if __name__ == "__main__":
    main()
