"""The ALTO corpus recipe (benchmarks/corpus/alto_corpus.py) on a made-up mirror: METS in
both profiles (docWorks, the British Library's), ALTO pages of made-up words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RECIPE = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"
sys.path.insert(0, str(RECIPE))

import alto_corpus  # noqa: E402
import metsalto  # noqa: E402

ROOT = alto_corpus.ROOT


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return result.stdout.strip()


def alto(blocks: dict[str, list[list[str]]], hyp_after: str = "") -> str:
    """ALTO with blocks of lines of words; ``hyp_after``: a word a HYP follows."""
    out, word = [], 0
    for block, lines in blocks.items():
        text_lines = []
        for words in lines:
            strings = []
            for content in words:
                word += 1
                strings.append(f'<String ID="w{word:04d}" CONTENT="{content}"/>')
                if content == hyp_after:
                    strings.append('<HYP CONTENT="-"/>')
            text_lines.append(f"<TextLine>{''.join(strings)}</TextLine>")
        out.append(f'<TextBlock ID="{block}">{"".join(text_lines)}</TextBlock>')
    return f'<alto><Layout><Page ID="P1"><PrintSpace>{"".join(out)}</PrintSpace></Page></Layout></alto>'


def area(file: str, begin: str, end: str | None = None) -> str:
    tail = f' END="{end}"' if end else ""
    return f'<mets:fptr><mets:area FILEID="{file}" BETYPE="IDREF" BEGIN="{begin}"{tail}/></mets:fptr>'


def div(kind: str, inner: str, label: str = "") -> str:
    return f'<mets:div TYPE="{kind}" LABEL="{label}">{inner}</mets:div>'


METS = 'xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink"'


def docworks_mets() -> str:
    files = "".join(
        f'<mets:file ID="ALTO0000{n}"><mets:FLocat xlink:href="file://./ALTO/19000101_1-000{n}.xml"/></mets:file>'
        for n in (1, 2)
    )
    physical = "".join(div("PAGE", area(f"ALTO0000{n}", f"P{n}")) for n in (1, 2))
    first = div(
        "ARTICLE",
        div("HEADING", div("OVERLINE", area("ALTO00001", "TB1")) + div("TITLE", area("ALTO00001", "TB2")))
        + div(
            "BODY",
            div("PARAGRAPH", div("TEXT", area("ALTO00001", "TB3")))
            + div("PARAGRAPH", div("TEXT", area("ALTO00002", "TB1"))),
        ),
        "Vorda nupel",
    )
    titled = div(
        "ARTICLE",
        div("HEADING", div("TITLE", area("ALTO00002", "TB2")) + div("TITLE", area("ALTO00002", "TB3")))
        + div("BODY", div("PARAGRAPH", div("TEXT", area("ALTO00002", "TB4")))),
        "Galdor tesk",
    )
    ad = div("ADVERTISEMENT", area("ALTO00001", "TB4"))
    logical = div("ISSUE", div("CONTENT", first + ad + titled))
    return (
        f'<mets:mets {METS}><mets:fileSec><mets:fileGrp>{files}</mets:fileGrp></mets:fileSec>'
        f'<mets:structMap TYPE="PHYSICAL">{physical}</mets:structMap>'
        f'<mets:structMap TYPE="LOGICAL">{logical}</mets:structMap></mets:mets>'
    )  # fmt: skip


def bl_mets() -> str:
    files = '<mets:file ID="img0001-alto"><mets:FLocat xlink:href="0000001_19000101_0001.xml"/></mets:file>'
    areas = "".join(
        f'<mets:div ID="pa{n}" TYPE="pagearea">{area("img0001-alto", begin, end)}</mets:div>'
        for n, (begin, end) in enumerate([("w0001", "w0002"), ("w0003", "w0008")], start=1)
    )
    links = (
        '<mets:smLinkGrp><mets:smLocatorLink xlink:href="#art1"/><mets:smLocatorLink xlink:href="#pa1"/>'
        '<mets:smLocatorLink xlink:href="#pa2"/></mets:smLinkGrp>'
    )
    return (
        f'<mets:mets {METS}><mets:fileSec><mets:fileGrp>{files}</mets:fileGrp></mets:fileSec>'
        '<mets:structMap TYPE="LOGICAL"><mets:div TYPE="ISSUE"><mets:div ID="art1" TYPE="ARTICLE"/></mets:div></mets:structMap>'
        f'<mets:structMap TYPE="PHYSICAL"><mets:div TYPE="page"><mets:fptr FILEID="img0001-alto"/>{areas}</mets:div></mets:structMap>'
        f'<mets:structLink>{links}</mets:structLink></mets:mets>'
    )  # fmt: skip


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def mirror(tmp_path: Path) -> tuple[Path, str]:
    repo = tmp_path / "mirrors" / "impresso+impresso-text-acquisition"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    issue = repo / ROOT / "BNF-EN" / "Le-Matin" / "19000101_1"
    write(issue / "19000101_1-METS.xml", docworks_mets())
    page1 = {
        "TB1": [["KORVA", "LINDE"]],
        "TB2": [["Vorda", "nupel"]],
        "TB3": [["sel", "quimar", "galé"], ["tesk", "ume"]],
    }
    write(issue / "ALTO" / "19000101_1-0001.xml", alto({**page1, "TB4": [["Orvel", "spanel"]]}, hyp_after="galé"))
    page2 = {
        "TB1": [["ob", "dunek"]],
        "TB2": [["HALBE", "ORNE"]],
        "TB3": [["Galdor", "tesk"]],
        "TB4": [["pem", "ostrani"]],
    }
    write(issue / "ALTO" / "19000101_1-0002.xml", alto(page2))
    bl = repo / ROOT / "BL" / "BLIP_1" / "0000001" / "1900" / "0101"
    write(bl / "0000001_19000101_mets.xml", bl_mets())
    write(
        bl / "0000001_19000101_0001.xml", alto({"b1": [["VIRDO", "HALL."]], "b2": [["a", "b", "c"], ["d", "e", "f"]]})
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sample")
    return repo, git(repo, "rev-parse", "HEAD")


def test_build_writes_pages_and_gold_from_both_profiles(mirror: tuple[Path, str], tmp_path: Path) -> None:
    repo, head = mirror
    out = tmp_path / "corpus" / "alto"
    manifest = alto_corpus.build(repo.parent, out, pin=head)
    ids = [(page["id"], page["part"]) for page in manifest["pages"]]
    assert ids == [
        ("bnfen_le-matin_19000101-1-0001", "check"),
        ("bnfen_le-matin_19000101-1-0002", "check"),
        ("bl_0000001_0000001-19000101-0001", "dev"),
    ]
    gold_dir = out / "gold" / "check" / "bnfen"
    first = json.loads((gold_dir / "bnfen_le-matin_19000101-1-0001.json").read_text(encoding="utf-8"))
    assert first["items"] == [
        {
            "type": "article",
            "id": "",
            "kicker": "KORVA LINDE",
            "headline": "Vorda nupel",
            "subheadline": None,
            "paragraphs": ["sel quimar galétesk ume"],  # the word HYP cuts is whole; the ad is left out
        }
    ]
    second = json.loads((gold_dir / "bnfen_le-matin_19000101-1-0002.json").read_text(encoding="utf-8"))
    assert [item["headline"] for item in second["items"]] == ["", "Galdor tesk"]  # continued: no title here
    assert second["items"][1]["kicker"] == "HALBE ORNE"  # the label names the second title block
    bl = json.loads((out / "gold" / "dev" / "bl" / "bl_0000001_0000001-19000101-0001.json").read_text(encoding="utf-8"))
    assert bl["items"] == [{"type": "article", "id": "art1", "headline": "VIRDO HALL.", "paragraphs": ["a b c d e f"]}]
    assert (
        (out / "pages" / "check" / "bnfen" / "bnfen_le-matin_19000101-1-0001.xml")
        .read_text(encoding="utf-8")
        .startswith("<alto>")
    )
    assert manifest["sources"]["bnfen"]["skipped: advertisement"] == 1
    before = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    alto_corpus.build(repo.parent, out, pin=head)
    assert before == {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_build_refuses_a_missing_mirror_and_a_foreign_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert alto_corpus.main(["--mirrors", str(tmp_path / "none"), "--out", str(tmp_path / "c")]) == 3
    assert "no git mirror" in capsys.readouterr().err


def test_title_blocks_are_cut_only_where_the_label_names_one() -> None:
    assert metsalto.split_title(["HALBE ORNE", "Galdor tesk", "pem ume"], "Galdor tesk") == (
        ["HALBE ORNE"],
        "Galdor tesk",
        ["pem ume"],
    )
    assert metsalto.split_title(["LA VORDA", "Nupel ob."], "LA VORDA Nupel ob.") == ([], "LA VORDA Nupel ob.", [])
    assert metsalto.split_title(["Vorda"], "Galdor") == ([], "Vorda", [])
