#!/usr/bin/env python3
"""Open an EPUB in headless Chromium the way a reading system does, and report what it shows.

    python plugins/epub/tools/read_book.py out/page.epub            # a JSON report on stdout

The book is unpacked into a temporary directory; ``META-INF/container.xml`` names the
package document, whose spine gives the reading order and whose nav document the table of
contents. A small reader page then loads every spine document, in order, into Chromium's
XHTML engine (as ``application/xhtml+xml``, so any XML error shows) with the book's style
sheet, and records for each: the content type Chromium parsed it as, whether it hit a
parser error, its ``lang``, its rendered text (``innerText``: what a reader sees, in
order) and the font family a paragraph is set in; then it follows every nav link to its
document and anchor. Needs Chromium (``apt-get install chromium fonts-noto-cjk``);
``$CHROMIUM`` names another binary.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag

from lxml import etree
from render_chapter import find_browser

OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

READER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>reader</title></head><body><pre id="report">reading</pre><script>
const spine = %(spine)s, links = %(links)s, report = {documents: [], links: []};
function load(href) {
  return new Promise(done => {
    const frame = document.createElement("iframe");
    frame.style.width = "412px"; frame.style.height = "915px";
    frame.onload = () => done(frame);
    frame.src = href;
    document.body.appendChild(frame);
  });
}
async function read() {
  for (const href of spine) {
    const frame = await load(href), page = frame.contentDocument, view = frame.contentWindow;
    const paragraph = page.querySelector("article > p:not([class])") || page.querySelector("p, h1");
    report.documents.push({
      href, contentType: page.contentType, parserError: page.querySelector("parsererror") !== null,
      lang: page.documentElement.getAttribute("lang"), title: page.title,
      text: page.body ? page.body.innerText : "",
      font: paragraph ? view.getComputedStyle(paragraph).fontFamily : null,
      stylesheets: page.styleSheets.length,
    });
    frame.remove();
  }
  for (const [href, anchor] of links) {
    const frame = await load(href), page = frame.contentDocument;
    report.links.push({href, anchor, found: anchor ? page.getElementById(anchor) !== null : page.body !== null});
    frame.remove();
  }
  document.getElementById("report").textContent = JSON.stringify(report);
}
read();
</script></body></html>
"""


def _resolve(base: PurePosixPath, href: str) -> str:
    parts: list[str] = []
    for part in (base / unquote(href)).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def book_plan(root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The spine documents in reading order and the nav links (document, anchor), as paths
    relative to the unpacked book ``root``, from the book's own container and package."""
    container = etree.parse(str(root / "META-INF" / "container.xml"))
    opf_path = container.find(f".//{CONTAINER}rootfile").get("full-path")
    package = etree.parse(str(root / opf_path))
    base = PurePosixPath(opf_path).parent
    manifest = {item.get("id"): item for item in package.iter(f"{OPF}item")}
    spine = [_resolve(base, manifest[ref.get("idref")].get("href")) for ref in package.iter(f"{OPF}itemref")]
    nav_item = next(item for item in manifest.values() if "nav" in (item.get("properties") or "").split())
    nav_path = _resolve(base, nav_item.get("href"))
    nav = etree.parse(str(root / nav_path))
    links = []
    for toc in nav.iter(f"{XHTML}nav"):
        if toc.get(EPUB_TYPE) != "toc":
            continue
        for anchor in toc.iter(f"{XHTML}a"):
            target, fragment = urldefrag(anchor.get("href"))
            links.append((_resolve(PurePosixPath(nav_path).parent, target), fragment))
    return spine, links


def read(book: Path, browser: str | None = None, timeout: float = 120) -> dict:
    """Chromium's reading of ``book``: ``{"spine": [...], "documents": [...], "links": [...]}``."""
    browser = browser or find_browser()
    with tempfile.TemporaryDirectory(prefix="epub-read-") as scratch:
        root = Path(scratch) / "book"
        with zipfile.ZipFile(book) as archive:
            archive.extractall(root)
        spine, links = book_plan(root)
        page = Path(scratch) / "reader.html"
        page.write_text(
            READER % {"spine": json.dumps([f"book/{href}" for href in spine]),
                      "links": json.dumps([[f"book/{href}", anchor] for href, anchor in links])},
            "utf-8",
        )  # fmt: skip
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--allow-file-access-from-files",
            f"--user-data-dir={Path(scratch) / 'profile'}", "--virtual-time-budget=60000", "--dump-dom", page.as_uri(),
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    dom = etree.fromstring(result.stdout.encode("utf-8"), etree.HTMLParser()) if result.stdout.strip() else None
    text = dom.findtext(".//pre") if dom is not None else None
    if not text or not text.startswith("{"):
        raise RuntimeError(f"Chromium gave no report ({result.returncode}): {result.stderr.strip()[-500:]}")
    return {"spine": spine, **json.loads(text)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", type=Path, help="an .epub file")
    args = parser.parse_args(argv)
    print(json.dumps(read(args.book), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
