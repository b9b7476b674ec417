"""Fuzzing: pages built from real conventions with random text go through the reader and
every exporter, and each output through its format's validator.

CI runs a bounded number of examples; ``HYPOTHESIS_PROFILE=long python -m pytest
tests/test_fuzz.py`` runs many more by hand. Inputs that ever broke something live in
``tests/corpus/`` and stay regression tests.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import convert_core
from convert_core import testing

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
FUZZ = settings(max_examples=2000 if LONG else 25, deadline=None, suppress_health_check=SUPPRESS)
FUZZ_BOOKS = settings(max_examples=40 if LONG else 2, deadline=None, suppress_health_check=SUPPRESS)

CORPUS = Path(__file__).parent / "corpus"
CORPUS_PAGES = sorted(CORPUS.glob("*.txt"))


def check_all_formats(document: convert_core.Document) -> dict[str, bytes]:
    """Render every built-in format and check each output; returns the EPUB and DOCX."""
    from bulletin_convert_docx.validate import problems_of_bytes as docx_problems
    from bulletin_convert_json import problems as json_problems
    from bulletin_convert_newsml.validation import problems as newsml_problems
    from bulletin_convert_ninjs.validation import data_problems as ninjs_problems

    assert json_problems(convert_core.export_bytes(document, "json")) == []
    assert newsml_problems(convert_core.export_bytes(document, "newsml")) == []
    for name, data in convert_core.render(document, "ninjs").items():
        assert ninjs_problems(data) == [], name
    epub = convert_core.export_bytes(document, "epub")
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        assert book.namelist()[0] == "mimetype" and book.testzip() is None
        for member in book.namelist():
            if member.endswith((".xhtml", ".opf", ".ncx")):
                etree.fromstring(book.read(member))
    docx = convert_core.export_bytes(document, "docx")
    assert docx_problems(docx) == []
    return {"epub": epub, "docx": docx}


@FUZZ
@given(testing.pages())
def test_conventional_pages_go_through_every_exporter(page):
    document = convert_core.parse(page, transform=False)
    json.loads(convert_core.export_bytes(document, "json"))
    check_all_formats(document)


@FUZZ_BOOKS
@given(st.lists(testing.pages(max_items=3), min_size=6, max_size=6))
def test_epubcheck_accepts_fuzzed_pages(tmp_path_factory, pages):
    """EPUBCheck runs once for a batch of fuzzed books (it needs a JVM per run)."""
    assert _epubcheck_problems(tmp_path_factory.mktemp("fuzz"), pages) == []


@pytest.mark.parametrize("page", CORPUS_PAGES, ids=[path.name for path in CORPUS_PAGES])
def test_corpus_of_worst_inputs(page):
    """Every input that ever broke something: read, exported, validated."""
    check_all_formats(convert_core.parse(page, transform=False))


def test_epubcheck_accepts_the_corpus(tmp_path):
    """EPUBCheck on the corpus's books, all in one JVM run."""
    assert _epubcheck_problems(tmp_path, CORPUS_PAGES) == []


def _epubcheck_problems(directory, pages) -> list[str]:
    """EPUBCheck's problems with the books of ``pages`` (texts or paths), written to ``directory``."""
    from bulletin_convert_epub.validate import problems

    paths = []
    for index, page in enumerate(pages):
        path = directory / f"{index:02d}.epub"
        path.write_bytes(convert_core.export_bytes(convert_core.parse(page, transform=False), "epub"))
        paths.append(path)
    return problems(paths)


def test_there_is_a_corpus():
    assert len(CORPUS_PAGES) >= 8
