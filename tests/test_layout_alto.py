"""ALTO XML input: an OCR'd English page (generated here, in the shape Chronicling America
serves: ALTO v3, pixel units, TextStyle sizes, WC confidences) read through the same
layout pass and reader as PDF pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("lxml")

import convert_core

NS = "http://www.loc.gov/standards/alto/ns-v3#"


def alto_page(low_word: str = "Senato") -> bytes:
    def string(text: str, x: int, y: int, style: str, wc: float = 0.95) -> str:
        return f'<String CONTENT="{text}" HPOS="{x}" VPOS="{y}" WIDTH="{40 * len(text)}" HEIGHT="40" STYLEREFS="{style}" WC="{wc}"/>'

    def line(words: list[str], x: int, y: int, style: str, low: str | None = None) -> str:
        parts, cursor = [], x
        for word in words:
            parts.append(string(word, cursor, y, style, 0.3 if word == low else 0.95))
            cursor += 40 * len(word) + 20
        return f'<TextLine HPOS="{x}" VPOS="{y}" WIDTH="{cursor - x}" HEIGHT="40">{"".join(parts)}</TextLine>'

    body = ("the bill for the improvement of the harbor was passed by a vote of forty to twenty " * 2).split()
    lines = [body[i : i + 8] for i in range(0, len(body), 8)]
    blocks = [
        f'<TextBlock ID="b1" HPOS="100" VPOS="100" WIDTH="900" HEIGHT="90">{line(["HARBOR", "BILL", "PASSES"], 100, 100, "head")}</TextBlock>',
        '<TextBlock ID="b2" HPOS="100" VPOS="260" WIDTH="900" HEIGHT="600">'
        + "".join(
            line(words, 100 + (60 if n == 0 else 0), 260 + 50 * n, "body", low_word)
            for n, words in enumerate([["WASHINGTON,", "April", "20.-The", low_word], *lines])
        )
        + "</TextBlock>",
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="head" FONTSIZE="24" FONTSTYLE="bold"/><TextStyle ID="body" FONTSIZE="9"/></Styles>
<Layout><Page ID="p1" WIDTH="2500" HEIGHT="3500"><PrintSpace>{"".join(blocks)}</PrintSpace></Page></Layout></alto>""".encode()


def test_alto_page_is_read_with_type_sizes_and_confidence():
    doc = convert_core.parse(alto_page(), name="page.alto.xml")
    assert doc.metadata.language == "en"
    article = doc.articles[0]
    assert article.headline == "HARBOR BILL PASSES"
    assert article.dateline == "WASHINGTON, April 20" and article.attribution == ["WASHINGTON, April 20.-"]
    text = " ".join(p.text for p in article.paragraphs)
    assert text.startswith("The Senato the bill") and "forty to twenty" in text
    low = [d for d in doc.diagnostics if d.code == "low-confidence-words"]
    assert low and "'Senato'" in low[0].message  # kept as read, and reported
    assert doc.metadata.source.name == "page.alto.xml"


def test_alto_is_told_by_content_and_from_the_command_line(tmp_path):
    (tmp_path / "page.xml").write_bytes(alto_page())
    result = subprocess.run(
        [sys.executable, "-m", "convert_core", "page.xml", "--to", "json", "-o", "-"], capture_output=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert b'"HARBOR BILL PASSES"' in result.stdout


def english_stack_page() -> bytes:
    """An OCR'd 19th-century column: a head in capitals, a deck in capitals, a deck in lower
    case, a byline, a dateline run into the first paragraph; sizes only from word heights."""
    y = [100]

    def line(text: str, height: int, x: int = 100) -> str:
        words, parts, cursor = text.split(), [], x
        for word in words:
            width = int(height * 0.55 * len(word))
            parts.append(
                f'<String CONTENT="{word}" HPOS="{cursor}" VPOS="{y[0]}" WIDTH="{width}" HEIGHT="{height}" WC="0.9"/>'
            )
            cursor += width + height // 3
        element = (
            f'<TextLine HPOS="{x}" VPOS="{y[0]}" WIDTH="{cursor - x}" HEIGHT="{height}">{"".join(parts)}</TextLine>'
        )
        y[0] += int(height * 1.3)
        return element

    def block(*lines: str) -> str:
        y[0] += 20
        return f"<TextBlock>{''.join(lines)}</TextBlock>"

    sentence = "the measure was taken up at noon and after a long debate it was passed by a vote of forty to twenty"
    words = (sentence + " " + sentence).split()
    body = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]
    blocks = [
        block(line("SENATE PASSES THE", 60), line("HARBOR BILL", 60)),
        block(line("MEASURE CARRIED BY FORTY", 40)),
        block(line("Long Debate Ends in Victory for the Administration", 32)),
        block(line("By JOHN SMITH", 26)),
        block(
            line("WASHINGTON, April 20.—The Senate to-day took up the bill and", 26, x=140),
            *(line(text, 26) for text in body[:-1]),
            line(body[-1] + ".", 26),
            line("The House will vote on it next week, its friends say.", 26, x=140),
        ),
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Layout><Page ID="p1" WIDTH="2500" HEIGHT="3500"><PrintSpace>{"".join(blocks)}</PrintSpace></Page></Layout></alto>""".encode()


def test_alto_english_decks_byline_and_dateline():
    doc = convert_core.parse(english_stack_page(), name="star.xml", model="none")
    article = doc.articles[0]
    assert article.headline == "SENATE PASSES THE HARBOR BILL"  # the largest type: two printed lines, one title
    assert article.subheadline == "MEASURE CARRIED BY FORTY Long Debate Ends in Victory for the Administration"
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "John Smith")]
    assert article.dateline == "WASHINGTON, April 20"
    assert [p.text[:24] for p in article.paragraphs] == ["The Senate to-day took u", "The House will vote on i"]
    # the shipped role model reads the page the same way
    again = convert_core.parse(english_stack_page(), name="star.xml").articles[0]
    assert (again.headline, again.subheadline, again.dateline, again.bylines) == (
        article.headline,
        article.subheadline,
        article.dateline,
        article.bylines,
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY e "x">]><alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page/></Layout></alto>',
            "DTD",
        ),
        (b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page', "not well-formed"),
        (
            b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="9" HEIGHT="9"/></Layout></alto>',
            "no text",
        ),
    ],
    ids=["dtd", "truncated", "empty"],
)
def test_bad_alto_is_an_input_error(data, words):
    with pytest.raises(convert_core.InputError, match=words):
        convert_core.parse(data, input_format="alto")


# ------------------------------------------------------------------ real pages (public domain)

TRIBUNE = Path(__file__).parent / "fixtures" / "alto" / "new-york-tribune-1903-05-01-p1-excerpt.alto.xml"


def test_chronicling_america_page_headlines_folio_and_low_confidence_words():
    """The New-York Tribune of May 1, 1903 as Chronicling America serves its OCR (ALTO 1.x,
    NDNP profile, inch1200): the stories' heads and decks, the folio lines as furniture,
    the doubtful words reported, no character of the page lost."""
    from convert_core.lossless import lost_characters

    data = TRIBUNE.read_bytes()
    document = convert_core.parse(data, name=TRIBUNE.name)
    assert document.metadata.language == "en"
    assert [(a.headline, a.subheadline) for a in document.articles] == [
        (
            "RUSSIA IN TO STAY.",
            "THE FEELING IX LONDON. Only Force Can Turn Her Out of Manch iiria — Personal Notes.",
        ),
        ("RIOTOUS STUDENTS.", "Serious Outbreak at the University of Havana."),
    ]
    russia, students = document.articles
    assert len(russia.paragraphs) >= 5 and russia.paragraphs[-1].text.startswith("There is no improvement")
    assert "Havana. April 30.—" in "".join(b.text for b in students.body if hasattr(b, "text"))
    assert {f.text for f in document.furniture if f.kind == "page-header"} == {
        "NEW- YORK. FRIDAY, 31 AY 1, 1903.- FOURTEEN PAGES.-^t.S^S.,,™.",
        "PRICE THREE CENTS.",
    }
    low = next(d for d in document.diagnostics if d.code == "low-confidence-words")
    assert low.severity == "warning" and "3 OCR word(s)" in low.message and "'gan'" in low.message
    from convert_core.layout.read import printed_text

    printed = printed_text(data, "alto")
    assert len(printed) > 3000 and not lost_characters(printed, document)


def test_chronicling_america_page_scores_through_evaluate(tmp_path):
    """``convert evaluate`` reads ALTO pages too, and counts their lost characters."""
    from convert_core import evaluate

    gold = tmp_path / "tribune.json"
    gold.write_text(
        '{"items": [{"type": "article", "headline": "RUSSIA IN TO STAY."},'
        ' {"type": "article", "headline": "RIOTOUS STUDENTS."}]}',
        "utf-8",
    )
    document, text = evaluate.read_page(TRIBUNE)
    scores = evaluate.score(document, evaluate.load_gold(gold), source_text=text)
    assert scores.articles.f1 == 1.0 and scores.characters_lost == 0


def test_evaluate_parses_an_alto_page_once(monkeypatch):
    """The characters it prints are taken as the page is read, not from a second parse."""
    from convert_core import evaluate
    from convert_core.layout import alto
    from convert_core.layout.read import printed_text

    parsed = []
    parse = alto._root
    monkeypatch.setattr(alto, "_root", lambda data: parsed.append(1) or parse(data))
    document, text = evaluate.read_page(TRIBUNE)
    assert len(parsed) == 1 and document.articles
    assert text == printed_text(TRIBUNE.read_bytes(), "alto")


def test_an_alto_line_partly_in_bold_is_mixed():
    """A run-in bold dateline (``WASHINGTON,`` bold, the story roman) makes its line
    partly bold, as on a PDF page, so the line stays in its paragraph's block."""
    from convert_core.layout.alto import parse_alto

    words = [("WASHINGTON,", "bold"), ("April", "body"), ("20.-The", "body"), ("bill", "body"), ("passed", "body")]
    strings = "".join(
        f'<String CONTENT="{word}" HPOS="{100 + 200 * n}" VPOS="100" WIDTH="180" HEIGHT="40" STYLEREFS="{style}"/>'
        for n, (word, style) in enumerate(words)
    )
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Styles><TextStyle ID="bold" FONTSIZE="9" FONTSTYLE="bold"/><TextStyle ID="body" FONTSIZE="9"/></Styles>
<Layout><Page ID="p1" WIDTH="2500" HEIGHT="3500"><PrintSpace><TextBlock ID="b1" HPOS="100" VPOS="100" WIDTH="1000"
HEIGHT="40"><TextLine HPOS="100" VPOS="100" WIDTH="1000" HEIGHT="40">{strings}</TextLine></TextBlock></PrintSpace>
</Page></Layout></alto>""".encode()
    _, _, blocks = parse_alto(data)
    (line,) = [line for block in blocks for line in block.lines]
    assert line.mixed and 0.3 < line.bold_share < 0.4


def alto_issue(words: list[str]) -> bytes:
    """An ALTO file of several pages (a whole issue), a ``Page`` element each."""
    one = alto_page().decode()
    body = one[one.index("<Page ") : one.index("</Layout>")]
    pages = "".join(body.replace('ID="p1"', f'ID="p{n}"').replace("HARBOR", word) for n, word in enumerate(words, 1))
    return (one[: one.index("<Page ")] + pages + one[one.index("</Layout>") :]).encode()


def test_every_page_of_an_alto_file_of_several_is_read(tmp_path):
    """Only the first ``Page`` of an ALTO file was read: the others were lost without a
    word, exit 0, and ``--pages``/``--max-pages`` were ignored. Each page is now a document
    of its own, as a PDF's (``NAME-pN``), chosen and limited as a PDF's."""
    (tmp_path / "issue.xml").write_bytes(alto_issue(["FIRST", "SECOND", "THIRD"]))

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=tmp_path)

    documents = list(convert_core.parse_pages(tmp_path / "issue.xml"))
    assert [d.articles[0].headline.split()[0] for d in documents] == ["FIRST", "SECOND", "THIRD"]
    assert [d.metadata.source.page for d in documents] == [1, 2, 3]
    assert convert_core.parse(alto_page()).metadata.source.page is None  # one page: as before
    result = run("issue.xml", "--to", "json", "-o", "out")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "issue-p1.json",
        "issue-p2.json",
        "issue-p3.json",
    ]
    chosen = run("issue.xml", "--to", "json", "-o", "-", "--pages", "2")
    assert chosen.returncode == 0 and b'"SECOND BILL PASSES"' in chosen.stdout, chosen.stderr
    over = run("issue.xml", "--to", "json", "-o", "out2", "--max-pages", "2")
    assert over.returncode == 3 and b"over the limit of 2 (--max-pages)" in over.stderr, over.stderr
    # one format of one page on standard output: which page must be said
    several = run("issue.xml", "--to", "json", "-o", "-")
    assert several.returncode == 2 and b"holds several pages" in several.stderr and not several.stdout
    shown = run("inspect", "issue.xml")
    assert shown.returncode == 0 and all(word in shown.stdout for word in (b"FIRST", b"SECOND", b"THIRD"))
    bundled = run("issue.xml", "--bundle", "--to", "epub", "-o", "book")
    assert bundled.returncode == 0, bundled.stderr
    import zipfile

    with zipfile.ZipFile(tmp_path / "book" / "issue-bundle.epub") as book:
        text = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xhtml"))
    assert all(word in text for word in (b"FIRST", b"SECOND", b"THIRD"))
    # a gold file is of one page: which one must be said (the first was scored, no word said)
    (tmp_path / "issue.expected.json").write_bytes(chosen.stdout)
    scored = run("evaluate", "issue.xml", "--gold", "issue.expected.json")
    assert scored.returncode == 2 and b"issue.xml holds several pages" in scored.stderr, scored.stderr
    assert run("evaluate", "issue.xml", "--gold", "issue.expected.json", "--pages", "2").returncode == 0
    # --pages choosing several: the first of them was scored, no word said
    two = run("evaluate", "issue.xml", "--gold", "issue.expected.json", "--pages", "2,3")
    assert two.returncode == 2 and b"--pages 2,3 chooses several of its pages" in two.stderr, two.stderr


def test_pages_past_the_end_of_an_alto_file_are_named(tmp_path):
    """As a PDF's: ``--pages 3-5`` of an issue of 3 pages reads page 3 and names 4-5 in a
    warning (they were left out without a word); ``--pages 4`` is an input error."""
    (tmp_path / "issue.xml").write_bytes(alto_issue(["FIRST", "SECOND", "THIRD"]))
    docs = list(convert_core.parse_pages(tmp_path / "issue.xml", pages="3-5"))
    assert [d.metadata.source.page for d in docs] == [3]
    said = "pages 4-5 asked for (--pages 3-5) past the end: the ALTO file has 3 pages; read page 3"
    assert [d.message for d in docs[0].diagnostics if d.code == "pages-past-end"] == [said]
    with pytest.raises(convert_core.InputError, match="but the ALTO file has 3 pages"):
        list(convert_core.parse_pages(tmp_path / "issue.xml", pages="4"))
    command = [sys.executable, "-m", "convert_core", "issue.xml", "--pages", "3-5", "--to", "json", "-o", "-"]
    result = subprocess.run(command, capture_output=True, cwd=tmp_path)
    assert result.returncode == 0 and f"issue.xml: {said}".encode() in result.stderr, result.stderr


def test_control_characters_in_alto_words_are_removed_as_from_text(tmp_path):
    """XML allows DEL and the C1 controls (``&#x85;``, ``&#x9b;``: CSI) in an ALTO word:
    they reached the document, whose JSON our own reader then refused (and which the
    library refused to export, a plugin's transform blamed for it). They are removed as the
    text reader removes them, with its ``control-characters-removed`` warning."""
    data = alto_page().replace(b"HARBOR", b"HAR&#x85;B&#x9b;OR&#x7f;")
    document = convert_core.parse(data)
    assert document.items[0].headline == "HAR BOR BILL PASSES"
    (removed,) = [d for d in document.diagnostics if d.code == "control-characters-removed"]
    assert removed.line == 1 and removed.severity == "warning"
    again = convert_core.jsonform.loads(convert_core.export_bytes(document, "json"))
    assert again.items[0].headline == "HAR BOR BILL PASSES"
    (tmp_path / "page.xml").write_bytes(data)
    command = [sys.executable, "-m", "convert_core", "page.xml", "--to", "json", "-o", "-"]
    result = subprocess.run(command, capture_output=True, cwd=tmp_path)
    assert result.returncode == 0 and b"HAR BOR BILL PASSES" in result.stdout, result.stderr


def test_zero_width_spaces_and_the_byte_order_mark_in_alto_words_are_removed_as_from_text():
    """An ALTO word holding a zero-width space, a word joiner or a byte-order mark (XML
    allows them; C0 controls it does not): the layout path kept them in the document —
    ``HAR\\u200bBOR`` is no headline a search finds — while the text reader removes them
    (``invisible-characters-removed``; the BOM, as a control, ``control-characters-removed``).
    One helper serves both paths now: same characters, same diagnostics."""
    data = alto_page().replace(b"HARBOR", b"HAR&#x200b;BOR").replace(b"BILL", b"BI&#x2060;LL&#xfeff;")
    data = data.replace(b'"improvement"', b'"improve&#x200b;ment&#x9b;"')
    document = convert_core.parse(data)
    assert document.items[0].headline == "HARBOR BILL PASSES"
    assert "improvement" in document.items[0].body[0].text and "\u200b" not in convert_core.export_bytes(
        document, "json"
    ).decode("utf-8")
    notes = {d.code: d for d in document.diagnostics}
    invisible, controls = notes["invisible-characters-removed"], notes["control-characters-removed"]
    # (the body's word twice: the page's text is the sentence twice, one logical line)
    assert (invisible.message, invisible.line, invisible.severity) == (
        "removed 4 zero-width space(s) on line(s) 1, 2",
        1,
        "info",
    )
    assert (controls.message, controls.line, controls.severity) == (
        "removed 3 control character(s) on line(s) 1, 2",
        1,
        "warning",
    )


def test_encoding_given_for_an_alto_or_pdf_page_is_named_as_not_applied(tmp_path):
    """``--encoding`` given with a PDF or ALTO page was ignored without a word (a page's
    text there is not bytes of an encoding: XML declares its own, a PDF's fonts map its
    glyphs). As ``--pages`` past the end: a warning naming the page, on every entry point
    — the library's diagnostic, ``convert`` of one page (``-o DIR``, ``-o -``), a batch
    (inline and ``-j 2``), ``--bundle``, ``inspect`` and ``evaluate``; a page of text
    (where it applies) says nothing."""
    from test_layout_pdf import latin_page

    (tmp_path / "page.xml").write_bytes(alto_page())
    (tmp_path / "page.pdf").write_bytes(latin_page())
    (tmp_path / "other.txt").write_text("某报\n\n标题\n\n正文第一段。\n", encoding="gbk")
    said = {
        "xml": "--encoding gbk does not apply to an ALTO file (XML names its own); ignored",
        "pdf": "--encoding gbk does not apply to a PDF (its text comes from its fonts); ignored",
    }
    for kind in ("xml", "pdf"):
        (unused,) = [
            d
            for d in convert_core.parse(tmp_path / f"page.{kind}", encoding="gbk").diagnostics
            if d.code == "encoding-not-used"
        ]
        assert unused.severity == "warning" and unused.message == said[kind]
        assert not [
            d for d in convert_core.parse(tmp_path / f"page.{kind}").diagnostics if d.code == "encoding-not-used"
        ]
    assert not [
        d
        for d in convert_core.parse(tmp_path / "other.txt", encoding="gbk").diagnostics
        if d.code == "encoding-not-used"
    ]

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=tmp_path)

    (tmp_path / "page.expected.json").write_bytes(run("page.xml", "--to", "json", "-o", "-").stdout)
    for kind in ("xml", "pdf"):
        warning = f"page.{kind}: {said[kind]}".encode()
        for args in (
            (f"page.{kind}", "--to", "json", "-o", f"out-{kind}"),
            (f"page.{kind}", "--to", "json", "-o", "-"),
            (f"page.{kind}", "other.txt", "--to", "json", "-o", f"batch-{kind}"),
            (f"page.{kind}", "other.txt", "--to", "json", "-o", f"jobs-{kind}", "-j", "2"),
            (f"page.{kind}", "other.txt", "--to", "epub", "--bundle", "-o", f"book-{kind}"),
            ("inspect", f"page.{kind}"),
        ):
            result = run(*args, "--encoding", "gbk")
            assert result.returncode == 0, (args, result.stderr)
            assert warning in result.stderr, (args, result.stderr)
            assert b"other.txt:" not in result.stderr, (args, result.stderr)  # a page of text: it applies
    scored = run("evaluate", "page.xml", "--gold", "page.expected.json", "--encoding", "gbk")
    assert scored.returncode == 0 and f"page.xml: {said['xml']}".encode() in scored.stderr, scored.stderr
