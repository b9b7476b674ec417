"""PDF input: the layout pass (glyphs, lines, blocks, columns, reading order) and the
reader fed with layout lines, on pages these tests typeset themselves (tests/pdfpages.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pdfium = pytest.importorskip("pypdfium2")

import convert_core  # noqa: E402
from convert_core.layout import pdf_page_layout  # noqa: E402
from convert_core.layout.flow import join_printed, page_lines  # noqa: E402
from convert_core.layout.pdf import PdfFile  # noqa: E402
from convert_core.model import Article, Paragraph, Photo  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from pdfpages import Placed, Story, Typesetter, multipage, seed_page  # noqa: E402


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@pytest.fixture(scope="module")
def seed_pdf(seed_expected) -> bytes:
    return seed_page(seed_expected)


@pytest.fixture(scope="module")
def seed_pdf_doc(seed_pdf):
    return convert_core.parse(seed_pdf, name="seed.pdf")


def test_seed_typeset_as_pdf_gives_the_expected_items(seed_pdf_doc, seed_expected):
    doc = seed_pdf_doc
    assert [item.type for item in doc.items] == [item["type"] for item in seed_expected["items"]]
    for item, gold in zip(doc.items, seed_expected["items"]):
        if gold["type"] == "photo":
            assert [norm(c) for c in item.caption] == [norm(c) for c in gold["caption"]]
            assert [(p.role, p.name) for p in item.credits] == [(gold["credit"]["role"], gold["credit"]["name"])]
            continue
        for key in ("kicker", "headline", "subheadline", "dateline"):
            assert norm(getattr(item, key)) == norm(gold[key]), key
        assert [(p.role, p.name) for p in item.bylines] == [(p["role"], p["name"]) for p in gold["bylines"]]
        # paragraphs cut by column breaks come back whole, nothing else in the body
        assert [norm(b.text) for b in item.body if isinstance(b, Paragraph)] == [norm(p) for p in gold["paragraphs"]]
        assert len(item.body) == len(gold["paragraphs"])


def test_seed_pdf_header_band_is_furniture_and_edition(seed_pdf_doc):
    meta = seed_pdf_doc.metadata
    assert (meta.edition_date, meta.page, meta.section) == ("2020-04-28", "3", "卫东新闻")
    assert {f.text for f in seed_pdf_doc.furniture} >= {"卫东新闻 3"}
    assert meta.source.page == 1 and meta.source.name == "seed.pdf"


def test_no_character_is_lost(seed_pdf, seed_pdf_doc):
    with PdfFile(seed_pdf) as pdf:
        printed = Counter(norm("".join(glyph.text for glyph in pdf.page(0).glyphs)))
    doc = seed_pdf_doc
    texts = [f.text for f in doc.furniture]
    for item in doc.items:
        if isinstance(item, Photo):
            texts += item.caption + item.attribution
        else:
            texts += [item.kicker or "", item.headline, item.subheadline or "", *item.attribution]
            texts += [getattr(block, "text", "") for block in item.body]
    read = Counter(norm("".join(texts)))
    missing = printed - read
    # full-width punctuation made from half-width marks is the one allowed change
    assert sum(missing.values()) == 0, missing


def test_layout_lines_carry_type_and_columns(seed_pdf):
    with PdfFile(seed_pdf) as pdf:
        layout = pdf_page_layout(pdf.page(0))
    assert len(layout.columns) == 4 and layout.body_size == 9
    lines = page_lines(layout)
    headline = next(line for line in lines if line.text.startswith("卫东区持续完善"))
    assert headline.layout.size_ratio > 2 and headline.layout.columns == 2 and headline.layout.page_columns == 4
    body = next(line for line in lines if line.text.startswith("为做好社会治理工作"))
    assert body.layout.size_ratio == 1 and body.indent and body.blank_before == 1
    assert body.layout.first_column == 0 and not body.layout.bold
    # side by side stories: each headline is followed by its own story, not its neighbour's
    texts = [line.text for line in lines]
    first, second = texts.index(headline.text), next(i for i, t in enumerate(texts) if t.startswith("卫东区努力开创"))
    assert first < second and any(t.startswith("本报讯") for t in texts[first:second])
    assert [line.no for line in lines] == list(range(1, len(lines) + 1))


def test_text_lines_have_no_layout(seed_path):
    from convert_core.reader.lines import split_lines

    assert all(line.layout is None for line in split_lines(seed_path.read_text("utf-8")))


def test_pdf_reader_beats_pdftotext_text_path_on_the_seed(seed_pdf, seed_expected, tmp_path):
    """The same page through pdftotext -layout and the text reader loses structure the
    layout pass keeps (side-by-side columns interleave in pdftotext's lines)."""
    import shutil

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    via_text = convert_core.parse(text, name="seed.txt")
    gold = [norm(item.get("headline")) for item in seed_expected["items"] if item["type"] == "article"]
    layout_hits = sum(norm(a.headline) in gold for a in convert_core.parse(seed_pdf).articles)
    text_hits = sum(norm(a.headline) in gold for a in via_text.articles)
    assert layout_hits == len(gold) > text_hits


def latin_page() -> bytes:
    setter = Typesetter(columns=3, latin=True)
    setter.header("THE EVENING STAR, APRIL 21, 1910", "PAGE 3")
    body = (
        "The Senate to-day took up the bill for the improvement of the harbor, and after a long "
        "debate the measure was passed by a vote of forty to twenty. " * 3
    ).strip()
    setter.row(
        [
            Placed(
                Story(
                    kicker="CAPITAL NEWS",
                    headline="Senate Passes the Harbor Bill",
                    paragraphs=["WASHINGTON, April 20.—" + body, "By JOHN SMITH", body + " The end."],
                    latin=True,
                ),
                0,
                3,
            )
        ]
    )
    return setter.pdf()


def test_latin_page_headline_kicker_and_header_band():
    doc = convert_core.parse(latin_page(), name="star.pdf")
    article = doc.articles[0]
    assert article.headline == "Senate Passes the Harbor Bill"
    assert article.kicker == "CAPITAL NEWS"
    assert doc.metadata.language == "en"
    assert "to-day" in "".join(p.text for p in article.paragraphs)  # a real hyphen is kept


def test_join_printed_rules():
    assert join_printed("the inter-", "national trade") == ("the international trade", True)
    assert join_printed("a self-", "Made man") == ("a self-Made man", False)
    assert join_printed("总结20", "19年") == ("总结2019年", False)
    assert join_printed("社区治理", "工作") == ("社区治理工作", False)
    assert join_printed("the harbor", "and") == ("the harbor and", False)


def test_multi_page_pdf_gives_one_document_per_page(seed_pdf):
    data = multipage([latin_page(), seed_pdf, latin_page()])
    docs = list(convert_core.parse_pages(data, name="edition.pdf"))
    assert [doc.metadata.source.page for doc in docs] == [1, 2, 3]
    assert len(docs[1].items) == 10
    chosen = list(convert_core.parse_pages(data, name="edition.pdf", pages="2-3"))
    assert [doc.metadata.source.page for doc in chosen] == [2, 3]
    assert convert_core.parse(data, pages="2").metadata.source.page == 2
    with pytest.raises(convert_core.InputError, match="has 3 page"):
        list(convert_core.parse_pages(data, pages="7"))
    with pytest.raises(convert_core.InputError, match="--max-pages"):
        list(convert_core.parse_pages(data, max_pages=2))
    with pytest.raises(convert_core.UsageError, match="pages must look like"):
        list(convert_core.parse_pages(data, pages="x-2"))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=cwd, timeout=120)


def test_cli_pdf_pages_and_pictures_are_deterministic(seed_pdf, tmp_path):
    (tmp_path / "edition.pdf").write_bytes(multipage([latin_page(), seed_pdf]))
    for out in ("a", "b"):
        result = _cli("edition.pdf", "--to", "json", "-o", out, "--pages", "2", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["edition-p2.json", "images"]
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
    data = json.loads((tmp_path / "a" / "edition-p2.json").read_text("utf-8"))
    hrefs = [item["image"]["href"] for item in data["items"] if item["type"] == "photo"]
    assert len(hrefs) == 3 and all((tmp_path / "a" / href).is_file() for href in hrefs)
    assert all(item["image"]["media_type"] == "image/png" for item in data["items"] if item["type"] == "photo")


def test_a_directory_of_pdfs_converts_each(seed_pdf, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.pdf").write_bytes(seed_pdf)
    (pages / "two.pdf").write_bytes(latin_page())
    result = _cli("pages", "--to", "json", "-o", "out", "--no-report", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "one.json").is_file() and (tmp_path / "out" / "two.json").is_file()


def scanned_page() -> bytes:
    import io

    from pdfpages import picture_png
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(300, 400), invariant=1)
    page.drawImage(ImageReader(io.BytesIO(picture_png((10, 20, 30)))), 10, 10, 280, 380)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned_page, b"no text layer"),
        (lambda: b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", b"not a readable PDF"),
        (lambda: latin_page()[:600], b"not a readable PDF"),
    ],
    ids=["scan", "malformed", "truncated"],
)
def test_unreadable_pdfs_are_input_errors(make, message, tmp_path):
    (tmp_path / "bad.pdf").write_bytes(make())
    result = _cli("bad.pdf", "--to", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 3
    assert message in result.stderr and b"Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_encrypted_pdf_is_an_input_error(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    page.drawString(100, 700, "Hello")
    page.save()
    result = _cli("locked.pdf", "--to", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 3 and b"encrypted" in result.stderr


def test_text_input_does_not_import_the_layout_engines(seed_path):
    code = (
        "import sys, convert_core.cli as c\n"
        f"c.main([{str(seed_path)!r}, '--to', 'json', '-o', '-'])\n"
        "sys.stdout.flush()\n"
        "print('\\n' + ','.join(sorted({'pypdfium2', 'lxml', 'convert_core.layout'} & set(sys.modules))), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().strip() == ""


def test_articles_keep_their_order_and_types(seed_pdf_doc):
    assert sum(isinstance(item, Article) for item in seed_pdf_doc.items) == 7


def test_the_pictures_of_a_pdf_page_reach_every_format(seed_pdf_doc):
    """Each photo's picture file: inline in DOCX, an <img> in EPUB, remoteContent in
    NewsML-G2, a rendition in ninjs, a reference in JSON; the same bytes everywhere."""
    import io
    import zipfile

    import docx

    photos = seed_pdf_doc.photos
    assert len(photos) == 3 and all(photo.image is not None and photo.image.data for photo in photos)
    files = {photo.image.href: photo.image.data for photo in photos}
    data = convert_core.export_bytes(seed_pdf_doc, "docx")
    reopened = docx.Document(io.BytesIO(data))
    assert len(reopened.inline_shapes) == len(photos)
    blobs = {rel.target_part.blob for rel in reopened.part.rels.values() if "image" in rel.reltype}
    assert blobs == set(files.values())
    with zipfile.ZipFile(io.BytesIO(convert_core.export_bytes(seed_pdf_doc, "epub"))) as book:
        names = book.namelist()
        for href, content in files.items():
            stored = [name for name in names if name.endswith(href)]
            assert stored and book.read(stored[0]) == content
        pages = "".join(book.read(name).decode() for name in names if name.endswith(".xhtml"))
        assert all(f'src="{href}"' in pages or f'src="../{href}"' in pages for href in files)
    newsml = convert_core.export_bytes(seed_pdf_doc, "newsml").decode()
    assert all(f'href="{href}"' in newsml for href in files) and newsml.count("<remoteContent") == len(photos)
    ninjs = json.dumps(json.loads(convert_core.export_bytes(seed_pdf_doc, "ninjs", {"ninjs-array": True})))
    assert all(href in ninjs for href in files)
    page = json.loads(convert_core.export_bytes(seed_pdf_doc, "json"))
    assert [item["image"]["href"] for item in page["items"] if item["type"] == "photo"] == [
        photo.image.href for photo in photos
    ]


def test_a_batch_records_each_picture_by_the_hash_of_its_file(tmp_path, seed_pdf, seed_pdf_doc):
    """The digests a batch records for its picture files (taken from the pictures, not
    read back) are those of the files written, so the next run skips the page."""
    import dataclasses

    from convert_core.batch import PageTask, convert_page
    from convert_core.resume import file_digest

    (tmp_path / "page.pdf").write_bytes(seed_pdf)
    task = PageTask(source=str(tmp_path / "page.pdf"), out_dir=str(tmp_path / "out"), stem="page", formats=("json",))
    result = convert_page(task)
    assert result.status == "converted", result.errors
    pictures = {relative: digest for relative, digest in result.digests.items() if relative.startswith("images/")}
    assert sorted(pictures) == sorted({photo.image.href for photo in seed_pdf_doc.photos if photo.image})
    assert all(file_digest(tmp_path / "out" / relative) == digest for relative, digest in pictures.items())
    recorded = {
        "sha256": result.sha256,
        "fingerprint": result.fingerprint,
        "outputs": result.digests,
        "environment": result.environment,
    }
    assert convert_page(dataclasses.replace(task, previous=recorded)).status == "skipped"


def test_evaluate_reads_a_pdf_page_once(monkeypatch, seed_pdf):
    """The glyphs a page prints are taken as the page is read, not from a second read;
    of the page asked for."""
    from convert_core import evaluate
    from convert_core.layout.read import printed_text

    data = multipage([latin_page(), seed_pdf])
    opened = []
    read = PdfFile.page
    monkeypatch.setattr(PdfFile, "page", lambda self, index: opened.append(index) or read(self, index))
    document, text = evaluate.read_page(data, pages="2")
    assert opened == [1] and document.metadata.source.page == 2
    monkeypatch.undo()
    assert text == printed_text(data, "pdf", 2) and "卫东区" in text


def test_reading_order_survives_thin_and_touching_blocks():
    """A block thinner than the cut tolerance (a rule of small type, a dot leader) beside a
    taller one: every cut leaves blocks on both sides, and every block is read once."""
    from convert_core.layout.geometry import Block, Font, TextLine, reading_order

    def block(x0: float, y0: float, x1: float, y1: float) -> Block:
        line = TextLine(text="x", x0=x0, y0=y0, x1=x1, y1=y1, size=10.0, font=Font())
        return Block(id=0, lines=[line], x0=x0, y0=y0, x1=x1, y1=y1)

    tall, thin, below = block(0, 0, 100, 10), block(120, 9, 140, 9.5), block(0, 30, 100, 40)
    for blocks in ([tall, thin], [thin, tall], [tall, thin, below], [below, thin, tall]):
        ordered = reading_order(blocks, 10.0)
        assert sorted(map(id, ordered)) == sorted(map(id, blocks))
    assert reading_order([tall, thin, below], 10.0) == [tall, below, thin]  # the left column, then the right


def test_pages_past_the_end_of_a_pdf_are_named(tmp_path):
    """``--pages 2-9`` of a PDF of 3 pages read pages 2-3 without a word, and ``--pages
    2,9`` was an error for page 9 when ``2-9`` was not. Pages past the end are named in a
    warning of the first page read (a ``pages-past-end`` diagnostic, and a line naming the
    file on the command line); none of the chosen pages in the file stays an input error."""
    data = multipage([latin_page(), latin_page(), latin_page()])
    docs = list(convert_core.parse_pages(data, name="edition.pdf", pages="2-9"))
    assert [doc.metadata.source.page for doc in docs] == [2, 3]
    (past,) = [d for d in docs[0].diagnostics if d.code == "pages-past-end"]
    assert past.severity == "warning"
    assert past.message == "pages 4-9 asked for (--pages 2-9) past the end: the PDF has 3 pages; read pages 2-3"
    assert not [d for d in docs[1].diagnostics if d.code == "pages-past-end"]
    docs = list(convert_core.parse_pages(data, pages="2,9,5-"))
    assert [doc.metadata.source.page for doc in docs] == [2]
    (past,) = [d.message for d in docs[0].diagnostics if d.code == "pages-past-end"]
    assert past.startswith("pages 5, 9 asked for (--pages 2,9,5-) past the end")
    with pytest.raises(convert_core.InputError, match=r"page 7 asked for \(--pages 7-8\), but the PDF has 3 pages"):
        list(convert_core.parse_pages(data, pages="7-8"))
    (tmp_path / "edition.pdf").write_bytes(data)
    result = _cli("edition.pdf", "--to", "json", "-o", "out", "--pages", "3-4", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        b"convert: warning: edition.pdf: page 4 asked for (--pages 3-4) past the end: the PDF has 3 pages; read page 3"
        in result.stderr
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".json") == ["edition-p3.json"]
