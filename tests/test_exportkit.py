"""The helpers exporters share (convert_core.exportkit)."""

from __future__ import annotations

import pytest

from convert_core import Contributor, Figure, Photo, exportkit


def test_credit_line_prints_names_by_role_in_the_page_script():
    photo = Photo(credits=[Contributor("photographer", "高鸿勋"), Contributor("graphics", "刘畅")])
    assert exportkit.credit_line(photo) == "高鸿勋 摄 制图 刘畅"
    assert exportkit.credit_line(photo, "zh-TW").startswith("高鸿勋 攝")


def test_credit_line_falls_back_to_the_printed_attribution_and_skips_invisible_names():
    figure = Figure(caption=["图"], credits=[Contributor("photographer", "\u200b\x07")], attribution=["（资料图片）"])
    assert exportkit.credit_line(figure) == "（资料图片）"


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
