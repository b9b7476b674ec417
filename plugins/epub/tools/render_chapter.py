#!/usr/bin/env python3
"""Render one chapter of a page's e-book to a PNG with headless Chromium, to look at the typography.

    python plugins/epub/tools/render_chapter.py                       # the seed, its 5th item
    python plugins/epub/tools/render_chapter.py page.txt --chapter 2 --width 412 --out /tmp/look

The book is written with the EPUB exporter, unpacked into a temporary directory, and the
chapter's XHTML (with the book's stylesheet) is screenshotted at a phone-sized viewport.
``--chapter 0`` is the title page, ``nav`` the contents. The PNG goes to ``--out``
(default: a new temporary directory), never into the repository. Needs Chromium
(``apt-get install chromium fonts-noto-cjk``); ``$CHROMIUM`` names another binary.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str:
    """The Chromium binary: ``$CHROMIUM`` or the first one on ``PATH``."""
    for name in (os.environ.get("CHROMIUM", ""), *BROWSERS):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise SystemExit("Chromium not found: apt-get install chromium fonts-noto-cjk, or set $CHROMIUM")


def chapter_file(names: list[str], chapter: str) -> str:
    """The archive name of chapter ``chapter`` (``0`` title page, ``nav``, ``N`` the document
    that starts with the Nth item)."""
    if chapter == "nav":
        return "EPUB/nav.xhtml"
    if chapter == "0":
        return "EPUB/p01-title.xhtml"
    wanted = f"EPUB/p01-{int(chapter):03d}.xhtml"
    if wanted not in names:
        have = sorted(int(n[9:12]) for n in names if n.startswith("EPUB/p01-") and n[9:12].isdigit())
        raise SystemExit(f"no chapter {chapter}; chapters (a gallery shares its first photo's number): {have}")
    return wanted


def screenshot(browser: str, page: Path, png: Path, width: int, height: int, profile: Path) -> None:
    """Screenshot ``page`` into ``png`` with headless Chromium."""
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        f"--screenshot={png}",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0 or not png.is_file():
        raise SystemExit(f"Chromium failed ({result.returncode}): {result.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path, default=SEED, help="page text or JSON (default: the seed)")
    parser.add_argument("--chapter", default="5", help="item number (1-based), 0 for the title page, nav")
    parser.add_argument("--width", type=int, default=412, help="viewport width in CSS pixels (default 412)")
    parser.add_argument("--height", type=int, default=915, help="viewport height in CSS pixels (default 915)")
    parser.add_argument("--out", type=Path, help="output directory (default: a new temporary directory)")
    args = parser.parse_args(argv)

    from bulletin_convert_epub.writer import write

    import convert_core

    book = write(convert_core.parse(args.page), {})
    out = args.out or Path(tempfile.mkdtemp(prefix="epub-render-"))
    out.mkdir(parents=True, exist_ok=True)
    browser = find_browser()
    with tempfile.TemporaryDirectory(prefix="epub-book-") as scratch:
        unpacked = Path(scratch) / "book"
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            name = chapter_file(archive.namelist(), args.chapter)
            archive.extractall(unpacked)
        png = out / f"{args.page.stem}-{Path(name).stem}-{args.width}px.png"
        screenshot(browser, unpacked / name, png, args.width, args.height, Path(scratch) / "profile")
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
