"""The helpers exporters share (convert_core.exportkit)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib

import pytest

from convert_core import Article, Contributor, Document, Figure, Metadata, Paragraph, Photo, Source, exportkit


def test_credit_line_prints_names_by_role_in_the_page_script():
    photo = Photo(credits=[Contributor("photographer", "高鸿勋"), Contributor("graphics", "刘畅")])
    assert exportkit.credit_line(photo) == "高鸿勋 摄 制图 刘畅"
    assert exportkit.credit_line(photo, "zh-TW").startswith("高鸿勋 攝")


def test_credit_line_falls_back_to_the_printed_attribution_and_skips_invisible_names():
    figure = Figure(caption=["图"], credits=[Contributor("photographer", "\u200b\x07")], attribution=["（资料图片）"])
    assert exportkit.credit_line(figure) == "（资料图片）"


def test_figcaption_parts_list_label_caption_and_credit_with_text_only():
    figure = Figure(
        caption=["河边 的\n柳树", "  ", "远处是山"], credits=[Contributor("photographer", "李明")], label="图1"
    )
    assert exportkit.figcaption_parts(figure) == [
        ("span", "图1", "label"),
        ("p", "河边 的\n柳树", None),
        ("p", "远处是山", None),
        ("p", "李明 摄", "credit"),
    ]
    assert exportkit.figcaption_parts(Figure(caption=["  "], label=" ")) == []


def test_people_line_groups_by_role_and_drops_names_that_would_not_show():
    people = [
        Contributor("reporter", "王孟鹤"),
        Contributor("correspondent", "和佳佳"),
        Contributor("reporter", " \x00"),
    ]
    assert exportkit.people_line(people) == "记者 王孟鹤 通讯员 和佳佳"
    assert exportkit.people_line(people, "zh-HK") == "記者 王孟鹤 通訊員 和佳佳"


@pytest.mark.parametrize(
    ("value", "tag"), [("zh-CN", "zh-CN"), ("zh_CN", "zh-CN"), (" en ", "en"), ("!!", "und"), (None, "und")]
)
def test_language_tag_takes_a_tag_or_a_document(value, tag):
    assert exportkit.language_tag(value) == tag


def test_file_problems_of_names_each_file_and_reports_unreadable_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("ok", "utf-8")
    found = exportkit.file_problems_of([good, tmp_path / "gone.txt"], lambda path: [path.read_text("utf-8")])
    assert found == [f"{good}: ok", f"{tmp_path / 'gone.txt'}: cannot read: No such file or directory"]


# ---------------------------------------------------------------------------- deterministic_zip

ZIP_ENTRIES = [
    ("mimetype", b"application/epub+zip", False),
    ("EPUB/chapter.xhtml", "<p>卫东区持续完善提升社区治理体系和能力</p>".encode() * 40, True),
    ("中文/名字.txt", "你好，世界".encode(), True),
    ("empty.txt", b"", True),
    ("stored-empty", b"", False),
    ("big.bin", bytes(range(256)) * 600, True),  # larger than the 32 KiB window
]


def _zip_read(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every CRC checked
        return [(info, archive.read(info)) for info in archive.infolist()]


def test_deterministic_zip_round_trips_through_zipfile():
    when = dt.datetime(2020, 4, 28, 13, 45, 33, tzinfo=dt.UTC)
    found = _zip_read(exportkit.deterministic_zip(ZIP_ENTRIES, when))
    assert [(info.filename, data) for info, data in found] == [(name, data) for name, data, _ in ZIP_ENTRIES]
    for (info, data), (_, _, compress) in zip(found, ZIP_ENTRIES, strict=True):
        assert info.compress_type == (zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
        assert info.date_time == (2020, 4, 28, 13, 45, 32)
        assert info.external_attr == 0o644 << 16 and info.create_system == 3
        assert zlib.crc32(data) == info.CRC
        assert bool(info.flag_bits & 0x800) == (not info.filename.isascii())


def test_deterministic_zip_matches_zipfile_field_for_field(monkeypatch):
    """Byte for byte what zipfile writes, given zipfile's deflate stream (32 KiB window)."""

    def deflate(data: bytes, level: int) -> tuple[int, bytes]:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        return zlib.crc32(data), compressor.compress(data) + compressor.flush()

    monkeypatch.setattr(exportkit, "_deflate", deflate)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compress in ZIP_ENTRIES:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 2, 3, 4, 6))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=exportkit.ZIP_LEVEL if compress else None)
    when = dt.datetime(2021, 1, 2, 3, 4, 7, tzinfo=dt.UTC)
    assert exportkit.deterministic_zip(ZIP_ENTRIES, when) == buffer.getvalue()


def test_deterministic_zip_deflates_small_parts_with_a_small_window():
    data = ZIP_ENTRIES[1][1]
    crc, payload = exportkit._deflate(data, exportkit.ZIP_LEVEL)
    assert zlib.decompress(payload, -15) == data and crc == zlib.crc32(data)
    assert len(payload) < len(data) / 5


def test_deterministic_zip_is_the_same_with_or_without_its_cache():
    first = exportkit.deterministic_zip(ZIP_ENTRIES)
    exportkit._deflate_cached.cache_clear()
    fresh = exportkit.deterministic_zip([(name, bytearray(data), compress) for name, data, compress in ZIP_ENTRIES])
    assert fresh == first == exportkit.deterministic_zip(ZIP_ENTRIES)
    cacheable = sum(1 for _, data, compress in ZIP_ENTRIES if compress and len(data) <= exportkit._CACHED_SIZE)
    assert cacheable and exportkit._deflate_cached.cache_info().hits >= cacheable
    # parts too large for the cache are compressed every time, to the same bytes
    big = [("huge.xml", b"<x>" + bytes(range(256)) * 5000 + b"</x>", True)]
    assert exportkit.deterministic_zip(big) == exportkit.deterministic_zip(big)
    assert _zip_read(exportkit.deterministic_zip(big))[0][1] == big[0][1]


@pytest.mark.parametrize(
    ("when", "stamp"),
    [
        (None, (1980, 1, 1, 0, 0, 0)),
        (dt.datetime(1970, 1, 1, tzinfo=dt.UTC), (1980, 1, 1, 0, 0, 0)),
        (dt.datetime(2300, 5, 5, tzinfo=dt.UTC), (2107, 12, 31, 23, 59, 58)),
    ],
)
def test_deterministic_zip_keeps_times_a_zip_can_hold(when, stamp):
    [(info, _)] = _zip_read(exportkit.deterministic_zip([("a", b"x", True)], when))
    assert info.date_time == stamp


def test_deterministic_zip_of_nothing_is_an_empty_archive():
    assert _zip_read(exportkit.deterministic_zip([])) == []


def test_deterministic_zip_refuses_what_would_need_zip64(monkeypatch):
    monkeypatch.setattr(exportkit, "_ZIP_LIMIT", 1000)
    with pytest.raises(ValueError, match="ZIP64"):
        exportkit.deterministic_zip([("big", bytes(2000), False)])
    with pytest.raises(ValueError, match="ZIP64"):
        exportkit.deterministic_zip([(f"f{n}", bytes(300), False) for n in range(4)])


@pytest.mark.parametrize(
    ("language", "untitled", "picture"),
    [
        (None, "（无标题）", "图片"),
        ("zh-CN", "（无标题）", "图片"),
        ("zh-Hant", "（無標題）", "圖片"),
        ("zh-TW", "（無標題）", "圖片"),
        ("en", "(untitled)", "Photo"),
    ],
)
def test_fallback_titles_speak_the_page_language(language, untitled, picture) -> None:
    from convert_core.exportkit import article_title, photo_title
    from convert_core.model import Article, Photo

    assert article_title(Article(headline=" "), language) == untitled
    assert photo_title(Photo(), language) == picture
    assert photo_title(Photo(caption=["夜色中的桥"]), language) == "夜色中的桥"


def test_deterministic_zip_takes_text_as_utf8():
    """A plugin may hand a part over as text, as zipfile.writestr allowed: stored as UTF-8."""
    archive = exportkit.deterministic_zip([("a.txt", "天安门 <x>", True), ("b.bin", b"\x00\x01", False)])
    assert [(info.filename, data) for info, data in _zip_read(archive)] == [
        ("a.txt", "天安门 <x>".encode()),
        ("b.bin", b"\x00\x01"),
    ]


# ---------------------------------------------------------------------------- titles, times, inferred dates, rights


def _page(**meta) -> Document:
    return Document(
        metadata=Metadata(**meta), items=[Article(headline="卫东区积极开展爱国卫生月活动", body=[Paragraph("正文。")])]
    )


def test_titles_fall_back_to_the_lead_headline_unless_paper_and_page_are_known():
    assert _page(publication="平顶山日报", edition_date="2020-04-28", page="3").title == "平顶山日报 2020-04-28 第3版"
    assert _page(edition_date="2020-04-28", page="3").title == "卫东区积极开展爱国卫生月活动（2020-04-28 第3版）"
    assert (
        _page(publication="平顶山日报", edition_date="2020-04-28").title
        == "卫东区积极开展爱国卫生月活动（平顶山日报 2020-04-28）"
    )
    inferred = _page(edition_date="2020-04-28", date_source="inferred")
    assert inferred.title == "卫东区积极开展爱国卫生月活动"  # a guessed date is no part of a title
    english = _page(edition_date="2020-04-28", language="en")
    assert english.title == "卫东区积极开展爱国卫生月活动 (2020-04-28)"
    assert Document(metadata=Metadata(source=Source(name="p.txt"))).title == "p.txt"


def test_times_are_the_editions_midnight_in_its_zone_and_never_an_inferred_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert exportkit.iso_timestamp(_page(edition_date="2020-04-28")) == "2020-04-28T00:00:00+08:00"
    assert exportkit.utc_timestamp(_page(edition_date="2020-04-28")) == dt.datetime(2020, 4, 27, 16, tzinfo=dt.UTC)
    assert exportkit.iso_timestamp(_page(edition_date="2020-04-28", language="ja")) == "2020-04-28T00:00:00+09:00"
    assert exportkit.iso_timestamp(_page(edition_date="2020-04-28", language="en")) == "2020-04-28T00:00:00Z"
    inferred = _page(edition_date="2020-04-28", date_source="inferred")
    assert exportkit.timestamp(inferred) == exportkit.FALLBACK_TIMESTAMP
    assert exportkit.utc_timestamp(_page(edition_date="0001-01-01")) == exportkit.FALLBACK_TIMESTAMP  # year 0 in UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert exportkit.iso_timestamp(inferred) == "2023-11-14T22:13:20Z"


def test_edition_line_and_note_mark_an_inferred_date():
    inferred = _page(edition_date="2020-04-28", date_source="inferred", page="3")
    assert exportkit.edition_line(inferred) == "2020-04-28（年份推断） 第3版"
    assert exportkit.inferred_date_note(inferred) == "版面日期 2020-04-28 为推断：月、日取自正文，年份为推测。"
    hant = _page(edition_date="2020-04-28", date_source="inferred", language="zh-HK")
    assert exportkit.edition_line(hant) == "2020-04-28（年份推斷）"
    assert exportkit.edition_line(_page(edition_date="2020-04-28", date_source="header")) == "2020-04-28"
    assert exportkit.inferred_date_note(_page(edition_date="2020-04-28")) == ""


def test_rights_default_to_the_publication():
    assert not exportkit.rights_of(_page())
    named = exportkit.rights_of(_page(publication="平顶山日报", edition_date="2020-04-28"))
    assert (named.holder, named.notice, named.usage_terms) == ("平顶山日报", "© 2020 平顶山日报", "")
    guessed = exportkit.rights_of(_page(publication="平顶山日报", edition_date="2020-04-28", date_source="inferred"))
    assert guessed.notice == "© 平顶山日报"
    given = exportkit.rights_of(
        _page(publication="平顶山日报"), {"copyright_holder": " 鹰城传媒\n", "usage_terms": "内部"}
    )
    assert (given.holder, given.notice, given.usage_terms) == ("鹰城传媒", "© 鹰城传媒", "内部")


def _items(*items: Article | Photo) -> Document:
    return Document(items=list(items))


def test_stories_move_each_linked_photo_after_its_article_and_keep_the_rest_in_order():
    first = Article(headline="甲", id="a-1")
    second = Article(headline="乙", id="a-2")
    above = Photo(caption=["乙的图，印在乙上方"], id="p-1", article="a-2")
    loose = Photo(caption=["无关的图"], id="p-2")
    beside = Photo(caption=["甲的图"], id="p-3", article="a-1")
    page = _items(first, above, second, loose, beside)
    found = exportkit.stories(page)
    assert found == [
        exportkit.Story(0, (4,)),
        exportkit.Story(2, (1,)),
        exportkit.Story(3),
    ]
    # every item once
    placed = [index for story in found for index in (story.index, *story.photos)]
    assert sorted(placed) == list(range(len(page.items)))


def test_stories_keep_a_photo_in_place_when_its_link_names_no_article_of_the_page():
    photo = Photo(caption=["图"], id="p-1", article="a-elsewhere")
    other = Photo(caption=["图二"], id="p-2", article="p-1")  # a photo is no story
    page = _items(Article(headline="甲", id="a-1"), photo, other)
    assert exportkit.stories(page) == [exportkit.Story(0), exportkit.Story(1), exportkit.Story(2)]


def test_stories_of_one_article_keep_the_photos_reading_order_and_the_first_of_two_same_ids():
    page = _items(
        Photo(caption=["一"], id="p-1", article="a-1"),
        Article(headline="甲", id="a-1"),
        Photo(caption=["二"], id="p-2", article="a-1"),
        Article(headline="甲（重复的 id）", id="a-1"),
    )
    assert exportkit.stories(page) == [exportkit.Story(1, (0, 2)), exportkit.Story(3)]
