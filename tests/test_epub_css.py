"""``--epub-css``: a style sheet that would make the book invalid is refused up front,
naming the line; what is accepted passes EPUBCheck (run in CI, skipped without Java)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bulletin_convert_epub import validate
from bulletin_convert_epub.stylesheet import StylesheetProblem, check_stylesheet

import convert_core

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

REFUSED = {
    "not UTF-8": (b'p { font-family: "\xff\xfe"; }', "not UTF-8"),
    "another @charset": (b'@charset "ISO-8859-1";\np {}', "@charset"),
    "@charset not first": (b'p {}\n@charset "UTF-8";', "@charset"),
    "an unclosed block": (b"body { color: red;\n", "is not closed"),
    "an unclosed comment": (b"p { color: red } /* left open\n", "comment is not closed"),
    "an unclosed string": (b'p { content: "open }\n', "string is not closed"),
    "a stray brace": (b"}}} {{ body\n", "closes nothing"),
    "text without a block": (b"</style><script>alert(1)</script>\n", "without its { block }"),
    "a control character": (b"\x00\x01 p {}\n", "control character"),
    "direction": (b"body { direction: rtl; }", "'direction' property"),
    "unicode-bidi": (b"p { Unicode-Bidi: bidi-override }", "'unicode-bidi' property"),
    "@import": (b'@import "other.css";\np {}', "@import"),
    "a local url()": (b"body { background: url(x.png); }", "url()"),
    "a remote url()": (b"body { background: URL( 'http://example.com/x.png' ); }", "url()"),
    "a declaration outside any block": (b"color: red;", "';' outside any block"),
}

ACCEPTED = {
    "plain": b"body { color: #222; }\n",
    "empty": b"",
    "BOM and @charset": '\ufeff@charset "UTF-8";\np { font-family: "宋体", serif; }\n'.encode(),
    "media and nesting": b"@media (max-width: 600px) { p { margin: 0 } }\n@page { margin: 1em }\n",
    "strings with braces and comments": b'p::before { content: "{ } /* not a comment */ \\"" } /* a } comment */\n',
    "positions and fonts": b"p { position: absolute } h1 { position: fixed }\n"
    b"@font-face { font-family: X; src: local(Arial); }\n",
    "a selector naming direction": b'[dir="rtl"] p { text-align: right }\n.direction-note { color: red }\n',
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_stylesheet_that_would_break_the_book_is_refused(name):
    data, words = REFUSED[name]
    with pytest.raises(StylesheetProblem, match=words.replace("(", r"\(").replace(")", r"\)").replace("{", r"\{")):
        check_stylesheet(data)


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_a_stylesheet_that_keeps_the_book_valid_is_accepted(name):
    check_stylesheet(ACCEPTED[name])


def test_the_command_refuses_a_bad_stylesheet_before_writing_a_book(tmp_path, seed_path):
    css = tmp_path / "bad.css"
    css.write_bytes(REFUSED["direction"][0])
    command = [sys.executable, "-m", "convert_core", str(seed_path), "--to", "epub", "-o", str(tmp_path / "out")]
    result = subprocess.run([*command, "--epub-css", str(css)], capture_output=True, text=True)
    assert result.returncode == 2 and "--epub-css" in result.stderr and "line 1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not list(tmp_path.rglob("*.epub"))


def test_epubcheck_accepts_every_book_with_an_accepted_stylesheet(tmp_path, seed_path):
    try:
        validate.jar_path(), validate.java_path()
    except validate.EpubCheckUnavailable as exc:
        if IN_CI:
            pytest.fail(f"EPUBCheck must run in CI: {exc}")
        pytest.skip(str(exc))
    document = convert_core.parse(seed_path)
    books = []
    for index, data in enumerate(ACCEPTED.values()):
        css = tmp_path / f"style{index}.css"
        css.write_bytes(data)
        books += convert_core.export(document, "epub", tmp_path / f"book{index}", {"epub_css": str(css)})
    assert validate.problems(books) == []


def test_a_stylesheet_that_cannot_be_read_is_named_as_given(tmp_path, seed_path):
    """``--epub-css`` named by a link (``/dev/stdin``, ``style.css -> pipe``) that is no
    regular file: the error names the option's value, as every other ``--epub-css`` error
    does — it named the link's target (``--epub-css /dev/null is not a regular file``
    for ``--epub-css /dev/stdin``)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "style.css").symlink_to(fifo)
    command = [sys.executable, "-m", "convert_core", str(seed_path), "--to", "epub", "-o", str(tmp_path / "out")]
    result = subprocess.run([*command, "--epub-css", "style.css"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and "--epub-css style.css is not a regular file" in result.stderr, result.stderr
