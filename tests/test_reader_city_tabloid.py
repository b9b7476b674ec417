"""A city tabloid's forms in the seed's shape (docs/reader-accuracy.md, "A city tabloid's
forms (stop 33)"): made-up pages printed as a city paper prints, each read wrongly by the
reader before the rule its test names."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article
from convert_core.reader.byline_stacks import a_city_papers_byline
from convert_core.reader.lines import Line

_FIRST_STORY = (
    "都市快报 2020年4月28日 星期二 A05 杭州新闻\n\n西湖边新开一条步道\n\n市民散步多了新去处\n\n"
    "快报记者 王小明 通讯员 李华\n\n昨天上午,西湖景区新建的一段滨水步道正式开放,不少市民一早就来散步。\n\n"
    "步道全长约两公里,沿途设置了休息座椅和直饮水点。景区工作人员介绍,步道建设历时半年。\n\n"
    "“以前这里走不通,现在方便多了。”家住附近的张阿姨说。\n\n"
)
_SECOND_STORY = (
    "记者从杭州地铁集团获悉,地铁3号线一期工程已完成全部验收工作,计划下月开始试运行。\n\n"
    "据介绍,3号线一期全长约58公里,共设车站39座。\n"
)


def _two_stories(page: str) -> tuple[Article, Article]:
    first, second = parse(page).articles
    assert len(first.body) == 3
    assert second.body[0].text.startswith("记者从杭州地铁集团获悉")
    return first, second


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("快报记者 陈晨", [("reporter", "陈晨")]),
        ("文/陈晨 图/王丽", [("writer", "陈晨"), ("photographer", "王丽")]),
    ],
)
def test_a_title_stack_over_a_city_papers_own_byline_after_a_story_heads_a_story(byline, people):
    """A city paper's next story, a title of two lines over its own reporters' line
    (``地铁3号线`` / ``下月试运行`` / ``快报记者 陈晨``) right under the last paragraph of the
    story above, was read as that story's subheads and a paragraph: the model learned People's
    Daily's package parts (a title over ``本报记者 X``, kept inside one article)."""
    _, second = _two_stories(f"{_FIRST_STORY}地铁3号线\n\n下月试运行\n\n{byline}\n\n{_SECOND_STORY}")
    assert (second.kicker, second.headline) == ("地铁3号线", "下月试运行")
    assert sorted((p.role, p.name) for p in second.bylines) == sorted(people)


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("快报记者 陈晨", [("reporter", "陈晨")]),
        ("快报首席记者 陈晨", [("reporter", "陈晨")]),
        ("晚报见习记者 陈晨", [("trainee", "陈晨")]),
        ("文/陈晨 图/王丽", [("writer", "陈晨"), ("photographer", "王丽")]),
    ],
)
def test_a_title_stack_under_a_caption_with_its_credit_heads_a_story(byline, people):
    """A picture printed between two stories, its caption and credit on one line
    (``园区内一角。 快报记者 王小明 摄``), closes the story above as a credit line does: the
    title stack under it over the next story's byline was read as the first story's subheads
    (and the picture as its figure)."""
    page = f"{_FIRST_STORY}园区内一角。 快报记者 王小明 摄\n\n小区门口新开了\n\n一家社区食堂\n\n{byline}\n\n{_SECOND_STORY}"
    _, second = _two_stories(page)
    assert (second.kicker, second.headline) == ("小区门口新开了", "一家社区食堂")
    assert sorted((p.role, p.name) for p in second.bylines) == sorted(people)


def _byline(text: str) -> Line:
    from convert_core.reader.datelines import parse_byline_line

    return Line(no=1, text=text, kind="byline", data=parse_byline_line(text))


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("快报记者 陈晨", True),
        ("■晚报首席记者 赵刚", True),
        ("通讯员 李华 记者 陈晨", True),
        ("文/图 陈晨", True),
        ("本报记者 陈晨", False),  # People's Daily's package parts: kept inside one article
        ("本报记者  张丹华  本报通讯员  王三合", False),
        ("本报通讯员 甘力心 记者 屠瑜", False),
        ("文/本报记者 陈晨", False),
        ("文/图 本报记者 陈晨", False),
        ("解放日报记者 李宝花", False),
        ("记者 陈晨", False),  # (a bare 记者: _BARE_REPORTERS_RE's)
    ],
)
def test_a_city_papers_own_byline_never_people_dailys(text, city):
    assert a_city_papers_byline(_byline(text)) is city


@pytest.mark.parametrize("hotline", ["快报热线 85100000 微信 dskb0571", "新闻热线：0571-85100000"])
def test_the_papers_news_hotline_under_the_header_takes_no_title_with_it(hotline):
    """A paper's own hotline for news tips printed under the page header stands alone: the
    short lines under it (the first story's kicker) were taken for an ad's copy around its
    hotline, and the story lost its title."""
    from convert_core.reader.furniture import is_news_hotline

    page = (
        f"都市快报 2020年4月28日 星期二 A05 杭州新闻\n\n{hotline}\n\n西湖边新开一条步道\n\n"
        "市民散步多了新去处——沿途设置了休息座椅和直饮水点\n\n"
        "昨天上午,西湖景区新建的一段滨水步道正式开放,不少市民一早就来散步。\n\n"
        "步道全长约两公里,沿途设置了休息座椅和直饮水点。景区工作人员介绍,步道建设历时半年。\n"
    )
    document = parse(page)
    assert is_news_hotline(hotline) and not is_news_hotline("售楼热线:0375-8888888")
    assert "西湖边新开一条步道" in [article.kicker or article.headline for article in document.articles]
    assert [item.text for item in document.furniture if item.kind == "advertisement"] == [hotline]


@pytest.mark.parametrize(
    ("stack", "kicker", "headline"),
    [
        ("深夜酒驾上路\n\n男子当场被查获", "深夜酒驾上路", "男子当场被查获"),
        ("男子酒后驾车\n\n被交警当场查获", "男子酒后驾车", "被交警当场查获"),
    ],
)
def test_a_short_title_over_a_title_over_an_opening_is_one_storys_stack(stack, kicker, headline):
    """A story's two-line title over ``快报讯（记者 X 通讯员 Y）…`` after another story was read
    as a briefs column's name over its one brief: the name the headline, the second line a
    subhead, the opening a paragraph (the story had no dateline and no bylines)."""
    page = (
        "都市快报 2020年4月30日 星期四 A10 社会\n\n快递小哥捡到钱包\n\n一路追了三条街\n\n快报记者 王涛 实习生 张悦\n\n"
        "前天下午,快递员小陈在送件途中捡到一个钱包,里面有现金和多张银行卡。\n\n"
        "小陈顺着失主离开的方向一路追赶,终于在三条街外找到了失主。\n\n“真没想到还能找回来。”失主连声道谢。\n\n"
        f"{stack}\n\n快报讯(记者 潘婷 通讯员 方敏)昨天凌晨,交警在例行检查中查获一名酒后驾车的男子。\n\n"
        "经检测,该男子血液中酒精含量超过醉驾标准,目前已被依法处理。\n"
    )
    second = parse(page).articles[-1]
    assert (second.kicker, second.headline, second.dateline) == (kicker, headline, "快报讯")
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "潘婷"), ("correspondent", "方敏")]
    assert len(second.body) == 2


def test_a_briefs_column_of_one_brief_keeps_its_name():
    """A briefs column's own name (``城市简讯``) over its one brief stays the column's."""
    page = (
        "都市快报 2020年4月30日 星期四 A10 社会\n\n城市简讯\n\n男子酒后驾车被查获\n\n"
        "快报讯(记者 潘婷)昨天凌晨,交警在例行检查中查获一名酒后驾车的男子。\n"
    )
    assert all(article.kicker != "城市简讯" for article in parse(page).articles)


_SIGNED_STORY = (
    "都市快报 2020年4月28日 星期二 A06 杭州新闻\n\n杭州新增3条公交线路\n\n"
    "昨天,杭州公交集团发布消息,下周一起新开通3条公交线路,方便城东新城居民出行。\n\n"
    "新线路分别连接城东新城与火车东站、九堡地铁站和下沙高教园区。(快报记者 陈晨 通讯员 李华)\n\n"
)
_NEXT_TEXT = (
    "晚上8点,记者来到城西一个老小区,小区道路两侧已经停满了车辆。\n\n"
    "“下班晚一点就找不到车位。”住户刘先生说。\n\n社区工作人员表示,正在协调周边单位,错峰开放停车场。\n"
)


@pytest.mark.parametrize(
    ("stack", "titles"),
    [
        ("老小区停车难\n\n怎么破解", (None, "老小区停车难", "怎么破解")),  # under a story signed at its end
        ("老小区停车难\n\n怎么破?", (None, "老小区停车难", "怎么破？")),  # a title that asks
        (
            "【快报调查】\n\n老小区停车难\n\n怎么破解",
            ("快报调查", "老小区停车难", "怎么破解"),
        ),  # a column's tag over it
    ],
)
def test_a_city_storys_title_stack_under_a_signed_story_heads_a_story(stack, titles):
    """A title stack over ``■快报记者 X`` under a story that ends with its reporters in
    brackets (``…高教园区。（快报记者 陈晨 通讯员 李华）``) heads a story: it was read as that
    story's subheads, as was one whose last line asks (``怎么破？``) or that a column's tag
    tops (``【快报调查】``)."""
    articles = parse(f"{_SIGNED_STORY}{stack}\n\n■快报记者 王涛\n\n{_NEXT_TEXT}").articles
    assert len(articles) == 2
    assert [(p.role, p.name) for p in articles[0].bylines] == [("reporter", "陈晨"), ("correspondent", "李华")]
    second = articles[1]
    column, first, last = titles
    assert second.column == column
    assert first in (second.kicker, second.headline) and last in (second.headline, second.subheadline)
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "王涛")]
    assert len(second.body) == 3


@pytest.mark.parametrize(
    "header",
    [
        "都市快报 杭州新闻 A06",
        "都市快报 DUSHI KUAIBAO A06",
        "A06 都市快报 杭州新闻",
        "钱江晚报 QIANJIANG EVENING NEWS A06",
    ],
)
def test_a_papers_name_with_its_section_or_latin_name_and_the_page_code_is_the_header(header):
    """A city paper's running header of its name, its section or its name in Latin letters,
    and the page's code was read as the first story's headline (its title a subheadline)."""
    from convert_core.reader.furniture import is_page_header

    page = (
        f"{header}\n\n西湖边新开一条步道\n\n快报记者 王小明\n\n"
        "昨天上午,西湖景区新建的一段滨水步道正式开放,不少市民一早就来散步。\n"
    )
    document = parse(page)
    assert [article.headline for article in document.articles] == ["西湖边新开一条步道"]
    assert [item.kind for item in document.furniture] == ["page-header"]
    assert document.metadata.page == "A06"
    for title in ("购买奥迪 A6", "都市快报 杭州新闻", "天天快报 A06 A07", "新款奥迪 Q5L 上市"):
        assert not is_page_header(title), title


@pytest.mark.parametrize("opening", ["快报讯(记者 潘婷 通讯员 方敏)", "本报讯(记者 潘婷)"])
def test_a_short_first_line_of_a_news_storys_three_line_stack_is_its_kicker(opening):
    """``杭州地铁`` over a headline and its subheadline over ``快报讯（记者 X）…`` was read as a
    column's name: it is no column's tag, and the story opens as news does."""
    page = (
        "都市快报 2020年4月30日 星期四 A10 社会\n\n快递小哥捡到钱包\n\n一路追了三条街\n\n快报记者 王涛 实习生 张悦\n\n"
        "前天下午,快递员小陈在送件途中捡到一个钱包,里面有现金和多张银行卡。\n\n"
        "小陈顺着失主离开的方向一路追赶,终于在三条街外找到了失主。\n\n“真没想到还能找回来。”失主连声道谢。\n\n"
        f"杭州地铁\n\n5号线今年底全线通车\n\n从城西到城东只要45分钟\n\n{opening}"
        "记者昨天从杭州地铁集团获悉,地铁5号线剩余区段的建设进入冲刺阶段。\n\n"
        "5号线全长约52公里,是杭州地铁线网中一条重要的骨干线路。\n"
    )
    second = parse(page).articles[-1]
    assert (second.column, second.kicker, second.headline, second.subheadline) == (
        None,
        "杭州地铁",
        "5号线今年底全线通车",
        "从城西到城东只要45分钟",
    )
