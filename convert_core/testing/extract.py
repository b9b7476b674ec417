"""Text from a PDF the way users' tools give it, to make PDF-extracted pages like the seed.

Tools (:data:`TOOLS`):

``pdftotext``
    poppler's ``pdftotext`` with no options: lines in reading order as poppler finds it,
    every printed line its own line, a blank line between text blocks, a form feed at the end
    of each page.
``pdftotext-layout``
    ``pdftotext -layout``: the page's columns kept side by side with spaces, so the lines of
    two columns share a text line.
``pdfminer``
    pdfminer.six's ``extract_text`` with its default ``LAParams``: lines grouped into boxes,
    boxes in pdfminer's reading order, a blank line after each box.
``pdfminer-blocks``
    pdfminer.six's text boxes with each box's lines joined into one (the common script
    ``"".join(box.get_text().splitlines())``): one line per block, blank lines between, the
    shape of the seed page.

The Chinese fonts of typeset pages are not embedded, so extraction goes through the Adobe
character collections: poppler needs them from the ``poppler-data`` package (without it
``pdftotext`` drops every Chinese character and says ``Missing language pack``); this is
reported as :class:`ExtractionError`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

TOOLS = ("pdftotext", "pdftotext-layout", "pdfminer", "pdfminer-blocks")


class ExtractionError(RuntimeError):
    """A tool is missing or failed (the message says which and what to install)."""


def extract_text(pdf_path: str | Path, tool: str = "pdftotext") -> str:
    """The text ``tool`` (one of :data:`TOOLS`) extracts from the PDF at ``pdf_path``."""
    path = Path(pdf_path)
    if tool in ("pdftotext", "pdftotext-layout"):
        return _pdftotext(path, layout=tool == "pdftotext-layout")
    if tool == "pdfminer":
        from pdfminer.high_level import extract_text as pdfminer_text

        return pdfminer_text(str(path))
    if tool == "pdfminer-blocks":
        return _pdfminer_blocks(path)
    raise ValueError(f"unknown extraction tool {tool!r}: choose one of {', '.join(TOOLS)}")


def _pdftotext(path: Path, *, layout: bool) -> str:
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    try:
        done = subprocess.run(command, capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise ExtractionError("pdftotext is not installed (Debian: apt install poppler-utils poppler-data)") from None
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        first = stderr.strip().splitlines()[0] if stderr.strip() else f"exit status {done.returncode}"
        raise ExtractionError(f"pdftotext failed on {path}: {first}")
    if "Missing language pack" in stderr or "Unknown CMap" in stderr:
        raise ExtractionError(
            "pdftotext cannot map the page's Chinese fonts: install the Adobe character collections "
            "(Debian: apt install poppler-data)"
        )
    return done.stdout.decode("utf-8")


def _pdfminer_blocks(path: Path) -> str:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    pages = []
    for page in extract_pages(str(path)):
        blocks = []
        for element in page:
            if isinstance(element, LTTextContainer):
                text = "".join(line.rstrip("\n") for line in element.get_text().splitlines())
                if text.strip():
                    blocks.append(text)
        pages.append("\n\n".join(blocks))
    return "\n\n".join(pages) + "\n"
