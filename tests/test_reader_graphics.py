"""A chart's text (its title, labels, figures and source) kept out of the stories."""

from __future__ import annotations

import json

import jsonschema

from convert_core import jsonform, parse
from convert_core.lossless import lost_characters
from convert_core.reader.graphics import GRAPHIC_CLOSING_RE

STORY = "全市一季度经济运行稳中有进\n\n本报讯（记者 王平）记者从市统计局获悉，一季度全市地区生产总值同比增长5.2%，经济运行稳中有进。\n\n"
CHART = (
    "一季度全市主要经济指标\n\n单位：亿元\n\n地区生产总值\n\n1250.3\n\n同比增长\n\n5.2%\n\n"
    "数据来源：市统计局\n\n制图：李四\n\n"
)
CHART_LINES = [
    "一季度全市主要经济指标",
    "单位：亿元",
    "地区生产总值",
    "1250.3",
    "同比增长",
    "5.2%",
    "数据来源：市统计局",
    "制图：李四",
]
NEXT = "城区老旧小区改造全面启动\n\n本报讯（记者 张三）昨天，城区老旧小区改造工程全面启动，今年将改造小区120个。\n"


def _graphic(document):
    return [f.text for f in document.furniture if f.kind == "graphic"]


def test_a_charts_text_between_stories_is_furniture_of_its_own_kind():
    """The chart's lines were the first story's subheads and paragraphs."""
    text = STORY + "\n\n" + CHART + "\n\n" + NEXT
    document = parse(text)
    first, second = document.articles
    assert [b.text for b in first.body] == [
        "记者从市统计局获悉，一季度全市地区生产总值同比增长5.2%，经济运行稳中有进。"
    ]
    assert second.headline == "城区老旧小区改造全面启动"
    assert _graphic(document) == CHART_LINES
    assert any(d.code == "graphic-text" for d in document.diagnostics)
    assert not lost_characters(text, document)
    written = json.loads(jsonform.dumps(document))
    jsonschema.Draft202012Validator(jsonform.schema()).validate(written)
    assert jsonform.loads(jsonform.dumps(document)).furniture == document.furniture


def test_a_chart_inside_a_story_leaves_its_paragraphs_whole():
    text = STORY + CHART + "其中，第三产业增加值增长6.0%，拉动作用明显。\n\n" + NEXT
    document = parse(text)
    assert [b.text for b in document.articles[0].body][-1] == "其中，第三产业增加值增长6.0%，拉动作用明显。"
    assert _graphic(document) == CHART_LINES


def test_short_lines_over_a_source_are_no_chart_without_a_figure_or_unit():
    """Subheads and a source line with no figure alone or unit among them stay the story's."""
    text = STORY + "完善治理体系\n\n提升服务水平\n\n强化队伍建设\n\n数据来源：市统计局\n\n" + NEXT
    assert _graphic(parse(text)) == []
    # figures and labels with no closing line under them are no chart either
    assert _graphic(parse(STORY + "地区生产总值\n\n1250.3\n\n同比增长\n\n5.2%\n\n" + NEXT)) == []


def test_a_stories_closing_line_is_never_a_charts_label():
    text = STORY + "（记者 王平）\n\n单位：亿元\n\n地区生产总值\n\n1250.3\n\n制图：李四\n\n" + NEXT
    document = parse(text)
    assert "（记者 王平）" not in _graphic(document)
    assert _graphic(document) == ["单位：亿元", "地区生产总值", "1250.3", "制图：李四"]


def test_the_closing_lines_of_a_chart():
    for line in ("数据来源：市统计局", "资料来源：国家统计局", "制图：李四", "制图/李四", "本报记者 王五 制图"):
        assert GRAPHIC_CLOSING_RE.match(line), line
    for line in ("数据来源于市统计局的调查显示，全市经济稳中有进。", "来源：人民日报"):
        assert not GRAPHIC_CLOSING_RE.match(line), line
