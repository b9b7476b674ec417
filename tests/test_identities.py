"""Identifiers across many pages: every NewsML-G2 guid, ninjs uri and EPUB identifier is
unique per content and the same for the same content, also when publication and page are
not known (the case where pages used to share a package guid)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from convert_core import Article, Document, Photo, parse, testing
from convert_core.jsonform import to_dict

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "seeds" / testing.SEED_NAME, *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))]
NAR = "{http://iptc.org/std/nar/2006-10-01/}"


def _content(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _item_content(item: dict) -> dict:
    return {key: value for key, value in item.items() if key not in ("id", "lines")}


def content_keys(document: Document) -> tuple[str, list[str]]:
    """What the page and each item say, written out independently of the exporters: the
    page's JSON without its source file, diagnostics and line numbers; an item's JSON
    without its id and line numbers, with the edition it was printed in."""
    data = to_dict(document)
    data["metadata"].pop("source")
    data.pop("diagnostics")
    data["items"] = [_item_content(item) for item in data["items"]]
    data["furniture"] = [[entry["kind"], entry["text"]] for entry in data["furniture"]]
    meta = data["metadata"]
    edition = [meta["publication"], meta["edition_date"], meta["page"]]
    return _content(data), [_content({"edition": edition, "item": item}) for item in data["items"]]


def identifiers(document: Document) -> list[tuple[str, str]]:
    """``(identifier, content key)`` of everything the page's NewsML-G2, ninjs (each
    version) and EPUB outputs identify."""
    page_key, item_keys = content_keys(document)
    found: list[tuple[str, str]] = []
    message = etree.fromstring(testing.render(testing.registry_with("bulletin_convert_newsml"), "newsml", document, {}))
    (package,) = message.iter(f"{NAR}packageItem")
    found.append((package.get("guid"), page_key))
    guids = [item.get("guid") for item in message.iter(f"{NAR}newsItem")]
    found.extend(zip(guids, item_keys, strict=True))
    ninjs = testing.registry_with("bulletin_convert_ninjs")
    for version in ("3.1", "1.6"):
        files = testing.render(ninjs, "ninjs", document, {"ninjs_version": version})
        objects = [json.loads(data) for data in files.values()]
        found.append((objects[0]["uri"], page_key))
        for item, obj, key in zip(document.items, objects[1:], item_keys, strict=True):
            found.append((obj["uri"], key))
            members = obj.get("associations", [])
            members = list(members.values() if isinstance(members, dict) else members)
            # an article's figures, then the photos linked to it: those are the photo items themselves
            pictures = [
                photo_key
                for photo, photo_key in zip(document.items, item_keys, strict=True)
                if isinstance(item, Article) and isinstance(photo, Photo) and photo.article == item.id
            ]
            figures = members[: len(members) - len(pictures)]
            found.extend((figure["uri"], f"{key} figure {number}") for number, figure in enumerate(figures, 1))
            found.extend((member["uri"], photo_key) for member, photo_key in zip(members[len(figures) :], pictures))
    book = testing.render(testing.registry_with("bulletin_convert_epub"), "epub", document, {})
    (uid,) = re.findall(rb"<dc:identifier[^>]*>([^<]+)<", _opf(book))
    found.append((uid.decode(), page_key))
    return found


def _opf(book: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return archive.read("EPUB/content.opf")


def variants(page: Path, tmp_path: Path) -> list[Document]:
    """The page as read, then with another publication and page, another date, and its last
    line left out (different content under the same edition)."""
    text = page.read_bytes()
    lines = text.rstrip().splitlines()
    shorter = tmp_path / f"short-{page.name}"
    shorter.write_bytes(b"\n".join(lines[:-1]) + b"\n")
    documents = [
        parse(page, transform=False),
        parse(page, transform=False, publication="平顶山日报", page="3"),
        parse(page, transform=False, date="2021-01-01"),
    ]
    if len(lines) > 2:
        documents.append(parse(shorter, transform=False))
    return documents


@pytest.mark.slow
def test_no_two_different_contents_share_an_identifier(tmp_path):
    owners: dict[str, set[str]] = {}
    count = 0
    for page in PAGES:
        for document in variants(page, tmp_path):
            for identifier, key in identifiers(document):
                owners.setdefault(identifier, set()).add(key)
                count += 1
    clashes = {identifier: len(keys) for identifier, keys in owners.items() if len(keys) > 1}
    assert not clashes, f"identifiers shared by different contents: {clashes}"
    assert count > 2000 and len(owners) > 1000  # many pages, many identifiers


def test_pages_of_an_unknown_paper_never_share_a_package_guid(tmp_path):
    """The seed and the fixture pages, read with no publication and no page: every package
    guid, ninjs page uri and EPUB identifier differs."""
    packages = set()
    for page in PAGES:
        document = parse(page, transform=False, date="2020-04-28")
        document.metadata.publication = document.metadata.page = None
        ids = identifiers(document)
        page_ids = {identifier for identifier, key in ids if key == content_keys(document)[0]}
        assert len(page_ids) == 2  # the NewsML package guid (the ninjs page uri in every version) and the EPUB uid
        assert not page_ids & packages
        packages |= page_ids
    assert len(packages) == 2 * len(PAGES)


def test_the_same_page_always_gives_the_same_identifiers(tmp_path):
    for page in PAGES[:12]:
        renamed = tmp_path / f"renamed-{page.stem}.txt"
        shutil.copyfile(page, renamed)
        first = identifiers(parse(page, transform=False))
        assert identifiers(parse(page, transform=False)) == first
        assert identifiers(parse(renamed, transform=False)) == first  # the file name is not content
        assert identifiers(parse(page.read_bytes(), transform=False)) == first
