"""A quotation's speaker printed after it stays in its paragraph when a column break
falls between them (:mod:`convert_core.reader.quote_speakers`)."""

from __future__ import annotations

import pytest

import convert_core
from convert_core.model import Source
from convert_core.reader import ReaderOptions, prepare
from convert_core.reader.quote_speakers import speaker_after_a_quote

QUOTE = "村民李大叔每周都要去镇上赶集。“以前走山路要两个多小时，现在坐公交车半个小时就到了。”"


def _page(*paragraphs: str) -> str:
    """A page in the seed's shape: a story's title, its byline and its blocks, a blank line between."""
    return "\n\n".join(
        [
            "人民日报 2026年8月1日 星期六 第5版",
            "山村通了公交车",
            "本报记者  王  五",
            "清晨六点，第一班公交车从镇上开出，沿着新修的公路驶向大山深处的李家村。",
            *paragraphs,
            "近年来，当地持续推进农村公路建设，全县所有行政村都通了公交车。",
        ]
    )


def _paragraphs(page: str) -> list[str]:
    (article,) = convert_core.parse(page).items
    return [block.text for block in article.body]


def test_a_speaker_cut_off_from_the_quotation_goes_on_its_paragraph():
    """``…就到了。”`` / ``李大叔说。说起…``: a column break right after the closing mark; the
    join model read the speaker's line as a new paragraph."""
    paragraphs = _paragraphs(_page(QUOTE, "李大叔说。说起村里的变化，他打开了话匣子。"))
    assert paragraphs[1] == QUOTE + "李大叔说。说起村里的变化，他打开了话匣子。"
    assert len(paragraphs) == 3


@pytest.mark.parametrize(
    "second",
    [
        "李大叔表示，这几年村里的变化很大。",  # the speaker's own words open: a paragraph may start so
        "镇长说：“我们还要再开两条线路。”",
        "说起村里的变化，李大叔打开了话匣子。",  # no speaker first
    ],
)
def test_a_paragraph_that_opens_with_words_of_its_own_stays_apart(second):
    paragraphs = _paragraphs(_page(QUOTE, second))
    assert paragraphs[1:3] == [QUOTE, second]


def _units(*lines: str):
    return prepare("\n\n".join(lines) + "\n", Source(), [], ReaderOptions())[1].units


@pytest.mark.parametrize(
    ("above", "line", "speaker"),
    [
        ("“这才是我的本行。”", "白小翠说。过去，她也常往社区跑。", True),
        ("“同样适配全球。”", "他说。据悉，工厂已出口新车。", True),
        ("“同样适配全球。”", "公司有关负责人介绍。", True),
        ("“对存量外资影响并不是很大。”", "商务部副部长兼国际贸易谈判副代表凌激说。", True),
        ("“恰似游览太原的邀约。”", "有网友这样留言。", True),
        ("同样适配全球。", "他说。据悉，工厂已出口新车。", False),  # no quotation above
        ("“同样适配全球。”", "他说，工厂已出口新车。", False),  # his own words go on
        ("“同样适配全球。”", "专家表示：要看长远。", False),
    ],
)
def test_what_reads_as_a_quotations_speaker(above, line, speaker):
    first, second = _units(above, line)[-2:]
    assert speaker_after_a_quote(first, second) is speaker
