"""The role model: features, gold-to-role alignment, training, tagging, and the CLI around them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import convert_core
from convert_core.model import Document, Source
from convert_core.reader import ReaderOptions, explain_lines, prepare
from convert_core.reader.alignment import LABELS, align
from convert_core.reader.features import is_author_line, own_features, page_features
from convert_core.reader.lines import Line, LineLayout
from convert_core.reader.roles import DEFAULT_MODEL, RoleModel, consistent, load_model, page_roles
from convert_core.reader.text import leaves_open
from convert_core.training import prepare_page, read_gold, train

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SEED = ROOT / "seeds" / "000_80fb9983b63b8a66.txt"

PAGE = (
    "江城日报　2025年3月4日　星期二　第5版　城市\n\n"
    "春耕备耕正当时\n\n"
    "全县早稻育秧进度过半\n\n"
    "本报讯（记者 王平）连日来，全县各地抢抓农时，\n\n"
    "组织农户开展早稻育秧。\n\n"
    "县农业农村局组织技术人员深入田间地头指导。\n\n\n\n"
    "3月3日，农户在育秧大棚里查看秧苗长势。\n\n"
    "李明 摄\n"
)
GOLD = {
    "items": [
        {
            "type": "article",
            "kicker": "春耕备耕正当时",
            "headline": "全县早稻育秧进度过半",
            "paragraphs": [
                "连日来，全县各地抢抓农时，组织农户开展早稻育秧。",
                "县农业农村局组织技术人员深入田间地头指导。",
            ],
        },
        {
            "type": "photo",
            "caption": ["3月3日，农户在育秧大棚里查看秧苗长势。"],
            "credit": {"role": "photographer", "name": "李明"},
        },
    ]
}


def _units(text: str) -> list[Line]:
    _, segmenter = prepare(text, Source(), [], ReaderOptions())
    return segmenter.units


def _role_of(page: str, line: str) -> str:
    """The role :func:`page_roles` gives ``line`` of ``page`` where the model read a headline
    over paragraphs."""
    units = _units(page)
    labels = page_roles(units, ["headline"] + ["para"] * (len(units) - 1))
    return labels[[unit.text for unit in units].index(line)]


def _rows(page: str) -> tuple[list[list[str]], list[str]]:
    """Each line's features on ``page`` (read with the rules' kinds), and each line's text."""
    units = _units(page)
    return page_features(units, 1, [unit.kind for unit in units]), [unit.text for unit in units]


def test_alignment_gives_each_line_the_role_of_the_gold_text_it_holds():
    labels, quality = align(_units(PAGE), GOLD)
    # kicker, headline, the dateline line opening the first paragraph, the rest of that
    # paragraph after a column break, the second paragraph, the caption, its credit
    assert labels == ["kicker", "headline", "para", "cont", "para", "caption", "credit"]
    assert quality > 0.8


def test_alignment_marks_text_the_gold_does_not_hold_and_author_lines():
    page = "春耕备耕正当时\n\n查志强\n\n全县各地抢抓农时。\n\n本期内容由县融媒体中心提供。\n"
    gold = {"items": [{"type": "article", "headline": "春耕备耕正当时", "paragraphs": ["全县各地抢抓农时。"]}]}
    labels, _ = align(_units(page), gold)
    assert labels == ["headline", "byline", "para", "other"]


def test_alignment_places_a_short_line_at_a_gold_text_start_or_where_it_goes_on():
    # the reporter's line is also inside the next story's closing note: a byline, not the
    # middle of that note
    page = "春耕备耕正当时\n\n本报记者 王平\n\n全县各地抢抓农时。\n\n秧苗长势良好\n\n田间一片繁忙。\n"
    gold = {
        "items": [
            {
                "type": "article",
                "headline": "春耕备耕正当时",
                "bylines": [{"role": "reporter", "name": "王平"}],
                "paragraphs": ["全县各地抢抓农时。"],
            },
            {"type": "article", "headline": "秧苗长势良好", "paragraphs": ["田间一片繁忙。（本报记者王平采写）"]},
        ]
    }
    labels, _ = align(_units(page), gold)
    assert labels == ["headline", "byline", "para", "headline", "para"]
    # a short piece a column break cut off still goes on in the text it belongs to
    cut = "春耕备耕正当时\n\n全县各地抢抓农时，组织\n\n农户育秧。\n"
    gold = {
        "items": [{"type": "article", "headline": "春耕备耕正当时", "paragraphs": ["全县各地抢抓农时，组织农户育秧。"]}]
    }
    assert align(_units(cut), gold)[0] == ["headline", "para", "cont"]


def test_every_label_is_known():
    labels, _ = align(_units(PAGE), GOLD)
    assert set(labels) <= set(LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("查志强", True), ("卜 谷", True), ("本报记者 崔 佳 祝大伟", True), ("中国作家协会主席 张宏森", True)],
)
def test_author_lines(text, expected):
    assert is_author_line(text) is expected


def test_author_lines_refuse_sentences_and_titles():
    assert not is_author_line("县农业农村局组织技术人员深入田间地头指导。")
    assert not is_author_line("以文为魂：从历史底蕴向城市精神转化")


def test_features_describe_a_line_and_its_neighbours():
    units = _units(PAGE)
    rows = page_features(units, 1, ["kicker", "headline", "opening", "text", "text", "caption", "credit"])
    assert len(rows) == len(units)
    headline = rows[1]
    assert "titlelike" in headline and "rule=headline" in headline
    assert "+1:kind=opening" in headline and "-1:rule=kicker" in headline
    assert "first" in rows[0] and "last" in rows[-1]
    # features are shapes and patterns, never the page's words: nothing but ASCII names
    assert all(feature.isascii() for row in rows for feature in row)


def test_column_breaks_become_features():
    """A page's share of lines cut at a column's end, and at each break whether the two
    characters either side make a pair the page prints elsewhere (a word cut in two)."""
    cut = (
        "社区治理见实效\n\n"
        "该区弘扬“枫桥经验”，加强社区治安联防队伍和人民调解队伍建设，以综治中心为平\n\n"
        "台，加强社区治安联防队伍建设，推行社区民警驻社区兼职制度。\n\n"
        "依托网上平台受理群众诉求\n\n"
        "今年前3个月共受理热线反映问题597件，办结率100%。\n"
    )
    rows, texts = _rows(cut)
    word = rows[texts.index("台，加强社区治安联防队伍建设，推行社区民警驻社区兼职制度。")]
    assert "join=word" in word  # 平|台: 平台 is printed elsewhere on the page
    assert (
        "+1:join=word"
        in rows[texts.index("该区弘扬“枫桥经验”，加强社区治安联防队伍和人民调解队伍建设，以综治中心为平")]
    )
    new = rows[texts.index("今年前3个月共受理热线反映问题597件，办结率100%。")]
    assert "join=new" in new  # 理|今: no such pair on the page, a subhead before a paragraph
    assert not any(f.startswith("join=") for f in rows[0])  # nothing above the first line
    assert all(row.count("cuts=many") == 1 for row in rows)  # 1 of the 2 long lines is cut
    whole = _units(
        "标题\n\n第一段写完了，这里有三十多个字的一整段话，说的是全县早稻育秧的进度，在这里结束。\n\n第二段也写完了，同样有三十多个字的一整段话，说的是农技人员下田指导，在这里结束。\n"
    )
    assert all("cuts=none" in row for row in page_features(whole, 1, [unit.kind for unit in whole]))


def test_a_break_inside_a_quote_is_its_own_join_class():
    """A line cut inside a quotation, a title or after an enumeration's comma
    (``join=open``), after a comma (``join=clause``) and after a dash (``join=dash``, a
    kicker's ``——`` as often as a cut) are told apart from a break between two letters."""
    page = (
        "社区治理见实效\n\n"
        "座谈会上，农行南宁云表支行负责人李泽标介绍：“\n\n"
        "从7月14日开始，我们配合清淤，为受灾商户办理贷款延期。”\n\n"
        "他说，制度升级、经费增长、\n\n"
        "队伍扩大、场馆优化，一系列务实举措相继落地，群众看在眼里。\n\n"
        "有关负责人表示，今年将继续推进这项工作，\n\n"
        "让更多群众受益，把好事办好、实事办实。\n\n"
        "立足资源优势、产业优势、区位优势——\n\n"
        "广西做实做强做优实体经济\n\n"
        "患者说：“平台搭建了\n\n"
        "药物警戒协同对接机制，有问题随时问。”\n"
    )
    rows, texts = _rows(page)

    def joins(start: str) -> list[str]:
        row = rows[next(i for i, t in enumerate(texts) if t.startswith(start))]
        return [f for f in row if f.startswith("join=")]

    assert joins("从7月14日") == ["join=open", "join=mark"]  # ends in an opening quote
    assert joins("队伍扩大") == ["join=open", "join=mark"]  # ends in an enumeration's comma
    assert joins("让更多群众") == ["join=clause", "join=mark"]
    assert joins("广西做实") == ["join=dash", "join=mark"]
    assert joins("药物警戒") == ["join=open", "join=new"]  # a quote left open between two letters


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("座谈会上，负责人李泽标介绍：“", True),
        ("“平台搭建了", True),  # a quote opened and not closed
        ("来自《国务院关于产业链供应链安全的", True),
        ("制度升级、经费增长、", True),
        ("“平台搭建了药物警戒协同对接机制”，药师", False),
        ("全面从严治党也面临许多", False),
        ("", False),
    ],
)
def test_leaves_open(line, expected):
    assert leaves_open(line) is expected


def test_a_line_cut_inside_a_quote_goes_on_whatever_the_model_says():
    """After a text line that breaks off inside a quotation, the next text line is the
    rest of its paragraph even where the model reads a new paragraph; a line that ends its
    sentence inside the quote (a quoted paragraph of several) is left to the model."""
    text = (
        "社区治理见实效\n\n"
        "记者近日在采访中了解到，“平台搭建了\n\n"
        "药物警戒协同对接机制，药师、客服和医生一起答复患者的疑问。”患者说。\n\n"
        "“第一段话到这里说完了。\n\n"
        "“第二段话另起一段，这是常见的引文分段写法。”\n"
    )
    document, segmenter = prepare(text, Source(), [], ReaderOptions())
    texts = [unit.text for unit in segmenter.units]
    labels = page_roles(segmenter.units, ["headline"] + ["para"] * (len(texts) - 1))
    assert labels[texts.index("药物警戒协同对接机制，药师、客服和医生一起答复患者的疑问。”患者说。")] == "cont"
    assert labels[texts.index("“第二段话另起一段，这是常见的引文分段写法。”")] == "para"
    segmenter.apply_roles(labels)
    segmenter.build()
    assert [p.text[:8] for p in document.items[0].paragraphs] == [
        "记者近日在采访中",
        "“第一段话到这里",
        "“第二段话另起一",
    ]


@pytest.mark.parametrize(
    ("left", "right", "cut"),
    [
        ("被讲座忽悠后购买大量保健品…", "…每当未成年人消费纠纷发生", True),
        ("善做“加速器”—", "—大力建设概念验证平台", True),
        ("话音未落……", "……他又说道", False),  # whole marks either side: not one cut in half
        ("事情就是这样—", "他说", False),
    ],
)
def test_a_break_in_the_middle_of_an_ellipsis_or_a_dash_is_a_cut(left, right, cut):
    """``……`` and ``——`` are one mark of two characters: a break between them cut a paragraph."""
    assert (_role_of(f"标题\n\n{left}\n\n{right}\n", right) == "cont") is cut


@pytest.mark.parametrize(
    ("right", "opens"),
    [
        ("近日，城南街道新建了一座社区食堂，老人们在家门口吃上了热饭。", True),
        ("5月20日，第三届社区运动会在体育公园开幕，近千名居民参加。", True),
        ("对此，街道负责人表示，将继续完善配套设施。", True),
        ("同时，也对从业者提出了更高的要求和期待。", False),  # …的 / 同时，: the rest of a sentence
        ("近日印发的方案对此作出部署，明确了时间表。", False),  # no comma after the time
    ],
)
def test_a_line_opening_as_a_paragraph_does_is_no_continuation_whatever_the_model_says(right, opens):
    """A line that opens with when it happened or how it links to the text before, then a
    comma, starts a paragraph, though the model read it as the rest of the line above (a
    subhead or a lead with no sentence end over it)."""
    units = _units(f"标题\n\n社区食堂开到家门口，服务保障更加贴心的\n\n{right}\n")
    labels = page_roles(units, ["headline", "para", "cont"])
    assert labels[2] == ("para" if opens else "cont")


@pytest.mark.parametrize(
    ("left", "cut"),
    [
        ("近日，一名学生在学校图书馆里翻阅地方志和老报纸时，偶然了解到", True),
        ("去年10月，社区食堂在城南街道一处闲置多年的老厂房里改建完成并", True),
        ("社区食堂开到家门口", False),  # a subhead: it does not open as a paragraph does
        ("近日，一名学生在学校图书馆里翻阅地方志和老报纸时，了解到了这些。", False),  # a sentence's end
    ],
)
def test_a_paragraphs_opening_cut_in_the_middle_of_its_words_goes_on_whatever_the_model_says(left, cut):
    """On a page whose column breaks cut paragraphs, a line that opens as a paragraph does
    (``近日，``) and breaks off between two ideographs was cut: the line after it is the
    rest of its paragraph. On e-paper text, whose lines are whole paragraphs, it is not."""
    cut_above = "街道今年新建了三处社区食堂，为辖区内的老年居民提供价格实惠的一日三餐，并"
    rest = "运营的情况后，回家写了一篇文章，讲述社区食堂给老人们带来的变化和便利。"
    units = _units(f"标题\n\n{cut_above}\n\n开通了送餐上门服务。\n\n{left}\n\n{rest}\n")
    labels = page_roles(units, ["headline", "para", "cont", "para", "para"])
    assert labels[4] == ("cont" if cut else "para")
    whole = "街道今年新建了三处社区食堂，为辖区内的老年居民提供价格实惠的一日三餐和送餐服务。"
    units = _units("标题\n" + f"{whole}\n" * 15 + f"{left}\n{rest}\n")
    assert page_roles(units, ["headline"] + ["para"] * 17)[17] == "para"


def test_a_page_printing_three_signed_parts_tells_the_model_so():
    """``X——`` / a title / a byline: once on a page a story's stack, three times a
    package's parts; each of the three lines carries how often the page prints the shape."""
    part = "{}党支部——\n\n{}\n\n本报记者 王 平\n\n支部建在连上，官兵们说起这段历史都很自豪。\n\n"
    titles = ("让红色基因在血脉里生生不息", "缺氧不能缺信仰", "党组织是定盘星")
    once, texts = _rows("人民军队永远跟党走\n\n" + part.format("某部", titles[0]))
    assert "parts=1" in once[texts.index("某部党支部——")]
    assert "-1:parts=1" in once[texts.index(titles[0])]
    assert "-2:parts=1" in once[texts.index("本报记者 王 平")]
    page = "人民军队永远跟党走\n\n" + "".join(part.format(unit, title) for unit, title in zip("甲乙丙", titles))
    thrice, texts = _rows(page)
    assert all("parts=3" in thrice[texts.index(f"{unit}党支部——")] for unit in "甲乙丙")
    assert not any(feature.startswith("parts=") for feature in thrice[0])


def test_the_briefs_of_a_column_without_bullets_are_told_to_the_model():
    """A short header over a title and its dateline opens a briefs column; each title over
    a dateline close after it goes on with it; a story elsewhere on the page does not."""
    page = (
        "环球扫描\n\n"
        "日本新版防卫白皮书为扩军铺路\n\n"
        "新华社东京8月4日电 日本政府4日发布新版防卫白皮书。\n\n"
        "韩国抗议日本防卫白皮书\n\n"
        "新华社首尔8月4日电 韩国外交部4日发表声明提出抗议。\n\n"
        "美国多州起诉新关税措施\n\n"
        "据新华社纽约8月3日电 美国多个州联合提起诉讼。\n\n"
        "第二段新闻的正文写在这里，说的是另外一件事情。\n\n"
        "第三段新闻的正文写在这里，说的还是另外一件事。\n\n"
        "第四段新闻的正文写在这里，这是最后一件事情了。\n\n"
        "第五段新闻的正文写在这里，这一段也说完了。\n\n"
        "第六段新闻的正文写在这里，这一段同样说完了。\n\n"
        "中泰警方联合侦破跨国盗刷案\n\n"
        "本报北京8月13日电 （记者张三）公安部13日通报一起案件。\n"
    )
    rows, texts = _rows(page)
    assert "+1:briefs=first" in rows[texts.index("环球扫描")]
    assert "briefs=first" in rows[texts.index("日本新版防卫白皮书为扩军铺路")]
    assert "briefs=in" in rows[texts.index("韩国抗议日本防卫白皮书")]
    assert "briefs=in" in rows[texts.index("美国多州起诉新关税措施")]
    assert "-1:briefs=in" in rows[texts.index("据新华社纽约8月3日电 美国多个州联合提起诉讼。")]
    # seven lines on: a story of its own
    assert not any(feature.startswith("briefs=") for feature in rows[texts.index("中泰警方联合侦破跨国盗刷案")])
    # the column's first brief titled over two lines (was no column: its header two lines up)
    two = page.replace("日本新版防卫白皮书为扩军铺路\n\n", "日本新版防卫白皮书：\n\n为扩军备武铺路\n\n", 1)
    rows, texts = _rows(two)
    assert "+1:briefs=first" in rows[texts.index("环球扫描")]
    assert all("briefs=first" in rows[texts.index(title)] for title in ("日本新版防卫白皮书：", "为扩军备武铺路"))
    assert "briefs=in" in rows[texts.index("韩国抗议日本防卫白皮书")]
    # a short kicker over a headline and its subheadline is no column's header
    stack = two.replace("环球扫描", "前4月", 1)
    rows, texts = _rows(stack)
    assert not any(feature.endswith("briefs=first") for feature in rows[texts.index("前4月")])


def _read_with(text: str, model_labels: list[str]) -> tuple[list[str], Document]:
    """A page read as if the model had given ``model_labels``: the roles
    :func:`page_roles` makes of them, and the document built from those."""
    document, segmenter = prepare(text, Source(), [], ReaderOptions())
    labels = page_roles(segmenter.units, model_labels)
    segmenter.apply_roles(labels)
    segmenter.build()
    return labels, document


def test_names_alone_under_a_title_are_its_byline_whatever_the_model_says():
    """A line of people's names right under a title is the author's line: never the
    headline with the title over it a kicker; a title of two halves is left to the model."""
    text = (
        "从无人装备技术发展看现代战争形态的演变\n\n"
        "佟京昊\n\n"
        "战争形态是由技术装备运用、参战人员行动、战略思想贯彻共同决定的。\n\n"
        "2026年全球贸易投资促进峰会\n\n"
        "向新而行 链接未来\n\n"
        "峰会5月19日在北京开幕，来自各国的代表参加。\n"
    )
    labels, document = _read_with(text, ["kicker", "headline", "para", "kicker", "headline", "para"])
    assert labels == ["headline", "byline", "para", "kicker", "headline", "para"]
    first = document.items[0]
    assert first.headline == "从无人装备技术发展看现代战争形态的演变" and first.kicker is None
    assert [person.name for person in first.bylines] == ["佟京昊"]


def test_a_line_ending_in_a_full_stop_or_a_number_alone_is_never_a_title_whatever_the_model_says():
    """A story's last sentence over its closing byline (a city paper's way) stays the
    story's last paragraph, though the model took it for a headline over its byline; a
    title ending in ！ or ？ is left to the model."""
    text = (
        "下楼做核酸，不少人忘带钥匙\n\n"
        "昨天一早，消防救援支队接到一条求助警情。\n\n"
        "消防部门提醒，出门除了记得戴口罩，也千万别忘记带钥匙，确保家中安全。\n\n"
        "本报记者  潘高峰\n\n"
        "不必恐慌，春天临近了！\n\n"
        "一季度股市出现大幅调整。\n"
    )
    labels, document = _read_with(text, ["headline", "para", "headline", "byline", "headline", "para"])
    assert labels == ["headline", "para", "para", "byline", "headline", "para"]
    first, second = document.items
    assert first.headline == "下楼做核酸，不少人忘带钥匙"
    assert [block.text for block in first.paragraphs][1:] == [
        "消防部门提醒，出门除了记得戴口罩，也千万别忘记带钥匙，确保家中安全。",
    ]  # (the bare closing byline is the story's byline, kept as printed in its attribution)
    assert [person.name for person in first.bylines] == ["潘高峰"]
    assert first.attribution == ["本报记者 潘高峰"]
    assert second.headline == "不必恐慌，春天临近了！"
    story = "那条永不褪色的围巾\n\n我们第一次见面是在异国。\n\n3\n\n重逢\n\n多年后我们又见面了。\n"
    assert _roles_of(story, ["headline", "para", "headline", "para", "para"])[2] == "para"  # a part's number
    address = "读者来信\n\n栏目投稿邮箱：rmrbzzb@peopledaily.cn\n\n欢迎读者来信。\n"
    assert _roles_of(address, ["kicker", "headline", "para"])[1] == "para"  # an address: no title
    web = "读者来信\n\n详见 www.people.com.cn\n\n欢迎读者来信。\n"
    assert _roles_of(web, ["kicker", "headline", "para"])[1] == "para"
    # a brief's text over its bracketed credit ends in a full stop too
    brief = "杭州新增3个便民服务中心\n\n日前，拱墅区新增3个便民服务中心。（记者 孙强）\n\n萧山开展防溺水宣传活动\n"
    assert _roles_of(brief, ["headline", "headline", "headline"]) == ["headline", "para", "headline"]
    # a story's closing line in brackets is no title either
    closing = "缺氧不能缺信仰\n\n官兵们在高原坚守岗位。\n\n（刘礼鹏、丁斐煜参与采写）\n\n党组织是定盘星\n"
    assert _roles_of(closing, ["headline", "para", "headline", "headline"])[2] == "para"
    # and so does one with its reporter run on after the full stop
    run_on = (
        "地铁3号线首通段试运行\n\n昨天上午，地铁3号线首通段开始空载试运行。首席记者 王芳 报道\n\n萧山开展防溺水宣传\n"
    )
    assert _roles_of(run_on, ["headline", "subheadline", "headline"]) == ["headline", "para", "headline"]


def _roles_of(text: str, model_labels: list[str]) -> list[str]:
    """The roles :func:`page_roles` makes of ``model_labels`` for the lines of ``text``."""
    return page_roles(prepare(text, Source(), [], ReaderOptions())[1].units, model_labels)


def test_a_headline_over_two_lines_under_a_speech_kicker_is_one_headline_whatever_the_model_says():
    text = (
        "习近平在上海考察时强调\n\n深入学习贯彻党的十九届四中全会精神\n\n提高社会主义现代化国际大都市治理能力和水平\n\n"
        "本报上海11月3日电 （记者 张三）习近平近日在上海考察。\n"
    )
    labels, document = _read_with(text, ["kicker", "headline", "subheadline", "para"])
    assert labels == ["kicker", "headline", "headline", "para"]
    (article,) = document.items
    assert article.subheadline is None
    assert (
        article.headline.replace(" ", "")
        == "深入学习贯彻党的十九届四中全会精神提高社会主义现代化国际大都市治理能力和水平"
    )
    # who else took part stays the subheadline; so does a line under a kicker that reports no speech
    attended = text.replace("提高社会主义现代化国际大都市治理能力和水平", "李强陪同考察")
    assert _read_with(attended, ["kicker", "headline", "subheadline", "para"])[0][2] == "subheadline"
    plain = text.replace("考察时强调", "考察")
    assert _read_with(plain, ["kicker", "headline", "subheadline", "para"])[0][2] == "subheadline"
    # a title reporting a speech is never the headline: the line under it is
    two = (
        "谌贻琴在宁夏调研时强调\n\n扎实做好退役军人服务保障工作\n\n本报银川7月23日电 （记者 张三）谌贻琴在宁夏调研。\n"
    )
    labels, document = _read_with(two, ["headline", "subheadline", "para"])
    assert labels == ["kicker", "headline", "para"]
    assert document.items[0].headline == "扎实做好退役军人服务保障工作"
    noun = two.replace("谌贻琴在宁夏调研时强调", "把准无人作战政治工作新要求")  # 要求 a noun: a headline
    assert _read_with(noun, ["headline", "subheadline", "para"])[0] == ["headline", "subheadline", "para"]
    letter = two.replace("谌贻琴在宁夏调研时强调", "习近平给新华社老党员张连生回信强调")
    assert _read_with(letter, ["headline", "para", "para"])[0] == ["kicker", "headline", "para"]  # a title-like line
    said = "习近平给新华社老党员张连生回信强调\n\n要传承红色基因，在新征程上书写优异答卷。\n"
    assert _read_with(said, ["headline", "para"])[0] == ["headline", "para"]  # a sentence under it: left
    bodies = two.replace("谌贻琴在宁夏调研时强调", "中央宣传部、财政部、农业农村部")  # who acts: the kicker
    assert _read_with(bodies, ["headline", "subheadline", "para"])[0] == ["kicker", "headline", "para"]
    # who took part, under another title, is the subheadline
    met = "“三北”工程现场推进会召开\n\n何立峰出席会议并讲话\n\n新华社乌鲁木齐6月9日电 推进会9日召开。\n"
    labels, document = _read_with(met, ["kicker", "headline", "para"])
    assert labels == ["headline", "subheadline", "para"]
    assert document.items[0].headline == "“三北”工程现场推进会召开"
    for who in ("李书磊出席并发表主旨演讲", "王沪宁主持 丁薛祥作报告"):
        assert _read_with(met.replace("何立峰出席会议并讲话", who), ["kicker", "headline", "para"])[0][:2] == [
            "headline",
            "subheadline",
        ]
    report = met.replace("何立峰出席会议并讲话", "代表们热议政府工作报告")  # 工作报告: no one took part
    assert _read_with(report, ["kicker", "headline", "para"])[0][:2] == ["kicker", "headline"]


def test_a_title_wrapped_in_the_middle_of_a_word_is_one_title_whatever_the_model_says():
    text = (
        "全国已有20多个省份发放消费券总\n\n额超过190亿元\n\n"
        "本报北京4月26日电 （记者 张三）记者从商务部了解到，近期多地出台措施促进消费回暖。\n"
    )
    labels, document = _read_with(text, ["headline", "subheadline", "para"])
    assert labels == ["headline", "headline", "para"]
    assert document.items[0].headline == "全国已有20多个省份发放消费券总额超过190亿元"
    # a subheadline after a whole word stays one, though the pair is common in news text
    whole = text.replace("消费券总\n\n额超过190亿元", "自然灾害救灾资金\n\n支持河南做好防汛应急抢险救灾工作")
    assert _read_with(whole, ["headline", "subheadline", "para"])[0] == ["headline", "subheadline", "para"]


def test_a_wire_dateline_alone_under_the_text_closes_the_story_whatever_the_model_says():
    text = (
        "记者调查：部分景区预约形同虚设\n\n新华社记者 张三\n\n"
        "记者近日走访发现，部分景区预约形同虚设。\n\n新华社北京4月27日电\n"
    )
    labels, document = _read_with(text, ["headline", "byline", "para", "byline"])
    assert labels[3] == "para"
    (article,) = document.items
    # (a dateline closing the story is one of its sources: the dateline is the opening's)
    assert article.dateline is None and article.sources == ["新华社北京4月27日电"] and not document.furniture
    assert [block.text for block in article.body][-1] == "新华社北京4月27日电"  # as printed, like a closing line


def test_two_title_lines_with_no_blank_between_are_one_title_only_when_the_break_cuts_a_word():
    """On a page with blank lines between its blocks, a title line with none above it was
    read as the line above wrapped, whatever role the model gave it; an extraction that
    left out some blank lines then joined a headline and its subheadline into one."""
    body = "\n\n本报讯（记者 王孟鹤）截至目前，该轮行动已覆盖41个被巡察单位。\n\n该区强化整改。\n"
    labels = ["headline", "subheadline", "para", "para"]
    two = _read_with("卫东区全面开展巡察整改“清零”行动\n覆盖41个被巡察单位" + body, labels)[1].items[0]
    assert (two.headline, two.subheadline) == ("卫东区全面开展巡察整改“清零”行动", "覆盖41个被巡察单位")
    # (the wrapped title is one line before the model reads the page: reader/title_wraps.py)
    one = _read_with("全市今年新建改造社区菜\n市场和便民服务网点46个" + body, ["headline", "para", "para"])[1].items[0]
    assert (one.headline, one.subheadline) == ("全市今年新建改造社区菜市场和便民服务网点46个", None)


def test_a_pictures_caption_comes_after_the_gap_it_stood_in_whatever_the_model_says():
    """Text right above the wider gap where a picture stood, with no gap above it and no
    credit in it, is the story's, not the caption of the picture under the gap."""
    text = (
        "热门景区实行预约限流\n\n记者 张明\n\n“五一”小长假即将到来，各大景区将实行预约。\n\n"
        "据预测，假期首日将迎来出行高峰。\n\n市文旅局提醒，游客出行前要查询开放信息。\n\n\n\n"
        "4月27日，工作人员在断桥附近引导游客。 记者 张明 摄\n"
    )
    labels, document = _read_with(text, ["headline", "byline", "para", "caption", "caption", "caption"])
    assert labels == ["headline", "byline", "para", "para", "para", "caption"]
    article, photo = document.items
    assert len(article.paragraphs) == 3 and photo.caption == ["4月27日，工作人员在断桥附近引导游客。"]
    # a caption that has the gap above it stays one
    above = text.replace("预约。\n\n据预测", "预约。\n\n\n\n据预测")
    assert above != text
    assert _read_with(above, ["headline", "byline", "para", "caption", "caption", "caption"])[0][3:] == ["caption"] * 3


@pytest.mark.parametrize("tag", ["■新华时评", "【新华时评】", "新华时评", "来论", "微观"])
def test_an_ornamented_column_name_over_a_title_and_its_author_heads_a_new_story(tag):
    """The model, which saw ornamented lines mostly as subheads inside a story, made the
    column, the commentary's title and its author subheads of the story above."""
    text = (
        "多地出台措施促进消费回暖\n\n"
        "新华社北京4月26日电（记者 张三）近期多地出台措施促进消费回暖。\n\n"
        f"{tag}\n\n让“烟火气”回归城市\n\n郭 敬\n\n"
        "随着疫情防控形势持续向好，城市的“烟火气”正在逐步恢复。\n"
    )
    labels, document = _read_with(text, ["headline", "para", "other", "para", "para", "para"])
    assert labels == ["headline", "para", "column", "headline", "byline", "para"]
    first, second = document.items
    assert [block.text for block in first.body] == ["近期多地出台措施促进消费回暖。"]
    assert (second.column, second.headline) == (tag.strip("■【】"), "让“烟火气”回归城市")
    assert [person.name for person in second.bylines] == ["郭敬"]
    # a column's name inside a paragraph a column break cut, or with no story under it, is left alone
    cut = text.replace("消费回暖。\n\n" + tag, "消费\n\n" + tag)
    assert _read_with(cut, ["headline", "para", "subhead", "para", "para", "para"])[0][2] == "subhead"
    untitled = text.replace("郭 敬", "随着疫情防控形势持续向好，城市的“烟火气”正在逐步恢复。")
    assert _read_with(untitled, ["headline", "para", "subhead", "para", "para", "para"])[0][2] == "subhead"
    # a short bare line that is no column's word is left to the model
    other = text.replace(tag, "消费回暖")
    assert _read_with(other, ["headline", "para", "subhead", "para", "para", "para"])[0][2] == "subhead"


def test_an_editors_note_is_never_a_title_but_its_label_alone_may_title_a_pages_note():
    """``编者按：…`` and the signature ``——编 者`` are the editor's, never a title; ``编者按``
    alone over a page's note is that note's title (e-paper records keep it so)."""
    text = "编者按\n\n汛期文物安全是文物保护工作的重要议题。\n\n——编 者\n\n编者按：本版今起推出系列报道。\n\n史前先民应对水旱灾害有策略\n\n先民们很早就懂得择高而居。\n"
    units = prepare(text, Source(), [], ReaderOptions())[1].units
    assert [unit.kind for unit in units[:4]] == ["editor-note", "text", "note-signature", "editor-note"]
    labels = page_roles(units, ["headline", "para", "headline", "kicker", "headline", "para"])
    assert labels == ["headline", "para", "para", "para", "headline", "para"]


def test_cohesion_tells_a_subhead_in_a_story_from_a_new_storys_title():
    """A short line with no sentence end gets the share of the character pairs after it
    that the text before it has: high under a subhead (the story's words go on), low under
    a new story's title (other names, other places), and against the page's middle value."""
    page = (
        "卫东区完善社区治理体系\n\n"
        "卫东区把社区治理作为基层工作的重点，社区党组织牵头，社区网格员和社区志愿者一起走访居民，"
        "社区治理的难题在网格里解决，居民的诉求在社区里办结。\n\n"
        "网格管理见实效\n\n"
        "社区网格员每天走访居民，社区党组织每周研究居民诉求，社区治理的难题在网格里解决，"
        "居民对社区治理的满意度不断提高。\n\n"
        "湛河区举办春季农民丰收节\n\n"
        "四月下旬，湛河区农业农村局在曹镇乡举办春季农民丰收节，种粮大户展示小麦新品种，"
        "农技专家在田间讲解病虫害防治，农民群众现场选购农机具。\n\n"
        "农技服务送下乡\n\n"
        "丰收节上，农技专家讲解小麦病虫害防治，种粮大户交流小麦新品种的种植经验，农民群众"
        "选购农机具，农业农村局为农民发放技术资料。\n"
    )
    rows, texts = _rows(page)

    def cohesion(text: str) -> int:
        row = rows[texts.index(text)]
        return int(next(f for f in row if f.startswith("cohesion="))[len("cohesion=") :])

    subheads = [cohesion("网格管理见实效"), cohesion("农技服务送下乡")]
    title = cohesion("湛河区举办春季农民丰收节")
    assert min(subheads) >= 3 and title <= 1, (subheads, title)
    assert "cohrel=below" in rows[texts.index("湛河区举办春季农民丰收节")]
    # the first line (nothing before it) and the paragraphs get none; the neighbours see it
    assert not any(f.startswith("cohesion=") for f in rows[0] + rows[1])
    after_title = rows[texts.index("湛河区举办春季农民丰收节") + 1]
    assert f"-1:cohesion={title}" in after_title


def test_the_page_pairs_are_the_character_pairs_of_any_stretch():
    """The cohesion features count character pairs as numbers made in C; every stretch of
    the running text gives exactly its pairs (astral characters too)."""
    from convert_core.reader.features import _PagePairs

    texts = ["卫东区持续完善\U00020000提升社区治理", "abc", "本报讯 （记者王孟鹤）“按照示范引领", "x"]
    pairs = _PagePairs(texts)
    full = "".join(texts)
    for start in range(len(full) + 1):
        for end in range(start, len(full) + 1):
            want = {full[k : k + 2] for k in range(start, end - 1)}
            got = {number.to_bytes(8, "little").decode("utf-32-le") for number in pairs.pairs(start, end)}
            assert got == want, (start, end)


def test_a_line_over_a_dateline_is_not_measured_for_cohesion():
    """A short line right over a dateline or a byline starts its story plainly: it gets no
    cohesion features (they cost time on every page, and told the model nothing)."""
    page = (
        "卫东区完善社区治理体系\n\n"
        "本报讯 卫东区把社区治理作为基层工作的重点，社区党组织牵头，社区网格员和志愿者一起走访居民，"
        "社区治理的难题在网格里解决。\n\n"
        "湛河区举办春季农民丰收节\n\n"
        "本报讯 四月下旬，湛河区农业农村局在曹镇乡举办春季农民丰收节，种粮大户展示小麦新品种，"
        "农技专家在田间讲解病虫害防治。\n"
    )
    rows, _ = _rows(page)
    assert not any(f.startswith("cohesion=") for row in rows for f in row)
    # the same title over a paragraph of its own is measured
    rows, texts = _rows(page.replace("本报讯 四月下旬", "四月下旬"))
    assert any(f.startswith("cohesion=") for f in rows[texts.index("湛河区举办春季农民丰收节")])


def test_the_shipped_model_is_chosen_by_the_pages_kind(monkeypatch):
    """Whole paragraphs, with or without column cuts (the seed's shape), go to the e-paper
    model; hard-wrapped text (a printed line a line) to the PDF model."""
    from convert_core.reader.roles import PDF_MODEL

    monkeypatch.delenv("BULLETIN_CONVERT_MODEL", raising=False)
    for kind in ("epaper", "spaced", "cut"):
        assert load_model(None, kind).path.name == DEFAULT_MODEL.name
    assert load_model(None, "wrapped").path.name == PDF_MODEL.name
    _, seed = prepare(SEED.read_text("utf-8"), Source(), [], ReaderOptions())
    from convert_core.reader.roles import _model_kind, kind_of

    assert kind_of(seed) == "cut"
    # the model is chosen without telling a cut page from a spaced one (neither is a PDF kind)
    pages = Path(__file__).parent / "fixtures" / "pages"
    spaced = "标题\n\n正文一句。\n\n正文二句。\n\n正文三句。\n"
    for text in (SEED.read_text("utf-8"), (pages / "29_pdf_hardwrap_indent.txt").read_text("utf-8"), spaced):
        _, seg = prepare(text, Source(), [], ReaderOptions())
        assert load_model(None, _model_kind(seg)).path == load_model(None, kind_of(seg)).path


def test_layout_becomes_features():
    layout = LineLayout(
        page=0, x0=0, y0=0, x1=300, y1=30, size=24, size_ratio=2.2, bold=True, columns=3, page_columns=6,
        align="center", gap_before=2.5, block=1,
    )  # fmt: skip
    line = Line(no=1, text="全县早稻育秧进度过半", layout=layout)
    features = own_features(line, 1, "headline")
    assert {"size=big", "bold", "align=center", "span=3", "space=2"} <= set(features)


def test_consistent_roles_give_every_stack_a_headline():
    assert consistent(["kicker", "para"]) == ["headline", "para"]
    assert consistent(["column", "subheadline", "cont"]) == ["column", "headline", "para"]
    assert consistent(["headline", "cont", "cont"]) == ["headline", "para", "cont"]


def _fixture_pages():
    pages = []
    for path in sorted(PAGES.glob("*.txt"))[:20]:
        gold = read_gold(path.with_name(path.name[: -len(".txt")] + ".expected.json"))
        pages.append(prepare_page(path.read_bytes(), gold, name=path.name))
    return pages


def test_training_is_deterministic_and_the_model_reads(tmp_path):
    pages = _fixture_pages()
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    summary = train(pages, first)
    train(pages, second)
    assert first.read_bytes() == second.read_bytes()
    assert summary["pages"] >= 15 and summary["lines"] > 200
    document = convert_core.parse(SEED, model=first)
    assert document.articles  # a model of 20 pages reads the seed into articles
    roles = RoleModel(first).tag(pages[0].features)
    assert len(roles.labels) == len(pages[0].labels) and set(roles.labels) <= set(LABELS)


def test_a_model_that_is_not_one_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.crfsuite"
    bogus.write_bytes(b"not a model at all")
    with pytest.raises(convert_core.UsageError, match="not a role model"):
        convert_core.parse("春耕\n\n全县早稻育秧。\n", model=bogus)
    with pytest.raises(convert_core.UsageError, match="cannot read the model"):
        convert_core.parse("春耕\n\n全县早稻育秧。\n", model=tmp_path / "missing.crfsuite")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, cwd=cwd)


def test_convert_train_writes_a_model_and_its_card(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in sorted(PAGES.glob("0*.txt")):
        (pages / path.name).write_bytes(path.read_bytes())
    model = tmp_path / "ours.crfsuite"
    result = _run("train", str(pages), "--gold", str(PAGES), "-o", str(model))
    assert result.returncode == 0, result.stderr
    assert model.is_file() and b"trained" in result.stdout
    card = json.loads(model.with_name("ours.crfsuite.card.json").read_text("utf-8"))
    assert card["trained_pages"] >= 5 and card["roles"]["headline"] > 0
    scored = _run("evaluate", str(pages), "--gold", str(PAGES), "--model", str(model), "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["total"]["articles"]["f1"] > 0.5


def test_convert_train_refuses_a_directory_as_output(tmp_path):
    result = _run("train", str(PAGES), "--gold", str(PAGES), "-o", str(tmp_path))
    assert result.returncode == 2 and b"is a directory" in result.stderr


def test_a_corrupt_model_on_the_command_line_is_one_clean_line(tmp_path):
    bogus = tmp_path / "bogus.crfsuite"
    bogus.write_bytes(b"lCRF" + b"\0" * 40)
    result = _run(str(SEED), "--to", "json", "-o", "-", "--model", str(bogus))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and b"Traceback" not in result.stderr


def test_model_none_reads_with_the_rules_alone():
    rules = convert_core.parse(SEED, model="none")
    assert len(rules.items) == 10


def test_inspect_lines_shows_roles_and_confidence():
    result = _run("inspect", str(SEED), "--lines", "--no-diagnostics")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "lines (role" in out and "卫东区持续完善提升社区治理体系和能力" in out
    rows = explain_lines(SEED.read_bytes())
    assert {row.role for row in rows} >= {"headline", "para", "caption"}
    if load_model(None) is not None:  # with the shipped model: confidences and reasons
        assert all(row.confidence is not None and 0 <= row.confidence <= 1 for row in rows)
        assert any(row.reasons for row in rows)


def test_the_shipped_model_holds_no_page_text(state_features):
    """The shipped model is weights over feature names: no words of the pages it was
    trained on (third-party text never enters git)."""
    if not DEFAULT_MODEL.is_file():
        pytest.skip("no model shipped in this checkout")
    names = set(state_features(DEFAULT_MODEL))
    assert names and all(name.isascii() for name in names)
    card = DEFAULT_MODEL.with_name("roles.card.md").read_text("utf-8")
    assert "held out" in card and "F1" in card


def test_a_photo_is_linked_to_the_story_its_caption_belongs_to(seed_path):
    """The seed's first photo (a sanitation worker washing a pavement) belongs to the
    sanitation story beside it; its last (a rose hedge, people taking pictures) to none."""
    document = convert_core.parse(seed_path)
    first, _, last = document.photos
    story = next(article for article in document.articles if article.id == first.article)
    assert story.headline == "卫东区积极开展爱国卫生月活动"
    assert last.article is None
    again = convert_core.jsonform.loads(convert_core.jsonform.dumps(document))
    assert [photo.article for photo in again.photos] == [photo.article for photo in document.photos]


@pytest.mark.parametrize(
    "text",
    ["", "卫", "卫东", "卫东区", "卫东区的植树活动", "卫东区，今年的 春天 来得早。", "𠀋𠀋𠀋中国_2026年 abc", "ab"],
)
def test_caption_pairs_are_the_neighbouring_characters_without_marks_or_stop_words(text):
    """The pairs a caption is compared by: every two neighbouring characters once marks,
    spaces and stop characters (的, 年, ...) are left out, whatever the text's length."""
    import re

    from convert_core.reader.association import _pairs

    core = re.sub(r"[\W_]+", "", text)
    core = "".join(char for char in core if char not in "的了在和是与为对等及以中上下日月年")
    expected = {core[i : i + 2] for i in range(len(core) - 1)}
    decoded = {pair.to_bytes(8, sys.byteorder).decode("utf-32-le") for pair in _pairs(text)}
    assert decoded == expected and len(_pairs(text)) == len(expected)
    some = set(list(_pairs(text))[:2]) | {12345}
    assert _pairs(text, some) == _pairs(text) & some  # only the pairs asked for


def test_a_caption_that_echoes_words_every_story_shares_is_not_linked():
    from convert_core.model import Article, Document, Paragraph, Photo
    from convert_core.reader.association import link_photos

    stories = [
        Article(headline=f"卫东区{topic}", id=f"a-{n}", body=[Paragraph(f"卫东区今年{topic}。")])
        for n, topic in enumerate(("开展植树活动", "举办运动会"))
    ]
    photo = Photo(caption=["卫东区今年的春天来得早。"], id="p-1")
    document = Document(items=[stories[0], photo, stories[1]])
    assert link_photos(document) == 0 and photo.article is None
    photo.caption = ["植树活动现场，志愿者在卫东区栽下树苗。"]
    assert link_photos(document) == 1 and photo.article == "a-0"


_HEADED_PHOTOS = (
    "“在推进共同富裕中先行示范”\n\n——扎实推进示范区建设\n\n本报记者  武少民\n\n"
    "东海之滨的智能工厂里，产业工人与机器人并肩作业。\n\n"
    "（本报记者何昭宇、刘军国、杨颜\n\n菲、祝佳祺、董泽扬）\n\n\n\n"
    "图片报道\n\n8月10日，会议迎来倒计时100天。图为布置有主题装饰的公园。\n\n本报记者 王浩摄\n"
)


@pytest.mark.parametrize("page", ["seed", "page", "headed-photos"])
def test_whatever_roles_the_model_gives_no_text_is_lost(page):
    """The items are built from any labelling of the lines without dropping a character
    (a model's mistakes may misplace text, never lose it): every line, over many random
    labellings, including two photo headings in one caption region."""
    import random

    from convert_core.lossless import lost_characters
    from convert_core.reader import assign_ids

    text = {"seed": SEED.read_text("utf-8"), "page": PAGE, "headed-photos": _HEADED_PHOTOS}[page]
    rng = random.Random(7)
    labellings = [["photo-title", "caption"] * 40, ["photo-title"] * 80, ["cont"] * 80]
    labellings += [[rng.choice(LABELS) for _ in range(80)] for _ in range(150)]
    for labels in labellings:
        document, segmenter = prepare(text, Source(), [], ReaderOptions())
        segmenter.apply_roles(consistent(labels[: len(segmenter.units)]))
        segmenter.build()
        assign_ids(document)
        assert not lost_characters(text, document), labels[: len(segmenter.units)]


def test_a_briefs_text_stays_with_its_lead_whatever_the_model_says():
    """A briefs column's item is split into its lead (the brief's headline) and the rest
    of its line: that rest is the brief's text even where the model reads ``other`` (a
    closing ``（王芳）`` looks like a title tag)."""
    from convert_core.model import Article

    text = (
        "简讯\n\n"
        "■卫东区举办招聘会 4月25日，卫东区人社局举办线上招聘会，120家企业提供岗位3000余个。（王芳）\n\n"
        "■市图书馆恢复开放 近日，市图书馆有序恢复开放，读者需预约入馆，每日限流500人次。（赵刚）\n"
    )
    for wrong in ("other", "headline", "caption"):
        document, segmenter = prepare(text, Source(), [], ReaderOptions())
        kinds = [unit.kind for unit in segmenter.units]
        assert kinds.count("brief-headline") == 2
        segmenter.apply_roles(
            page_roles(segmenter.units, ["headline" if k == "brief-headline" else wrong for k in kinds])
        )
        segmenter.build()
        briefs = [item for item in document.items if isinstance(item, Article)]
        assert [b.headline for b in briefs] == ["卫东区举办招聘会", "市图书馆恢复开放"]
        assert all(len(b.paragraphs) == 1 for b in briefs), wrong


def test_a_storys_continued_text_is_never_a_title():
    """A page may open with the rest of a story from another page (``（上接第一版）…``):
    whatever the model says, that line is text, the jump marker furniture."""
    text = (
        "（上接第一版）各地各部门要切实提高政治站位，确保各项工作落到实处。\n\n会议要求，要压实工作责任。\n\n"
        + SEED.read_text("utf-8").lstrip("\n")
    )
    for wrong in ("headline", "kicker", "subheadline"):
        document, segmenter = prepare(text, Source(), [], ReaderOptions())
        labels = ["para"] * len(segmenter.units)
        labels[0] = wrong
        segmenter.apply_roles(page_roles(segmenter.units, labels))
        segmenter.build()
        first = document.items[0]
        assert first.headline == "" and first.paragraphs[0].text.startswith("各地各部门"), wrong
        assert [(f.kind, f.text) for f in document.furniture] == [("jump", "（上接第一版）")]
    shipped = convert_core.parse(text)
    assert shipped.items[0].headline == ""
    # the seed's first story starts at its two-line stack (which of its lines is the kicker
    # and which the headline is a two-line stack's open call; the seed alone reads it right)
    stack = [shipped.items[1].kicker, shipped.items[1].headline, shipped.items[1].subheadline]
    assert [line for line in stack if line] == [
        "持续夯实基层基础 有效整合各方资源",
        "卫东区持续完善提升社区治理体系和能力",
    ]


def test_inspect_shows_the_roles_the_reader_takes():
    """``inspect --lines`` decides like the reader whether the model reads a page: an
    English page is read by the rules (no confidence shown), a Chinese one by the model."""
    english = "CITY COUNCIL VOTES ON BUDGET\n\nBy JOHN SMITH\n\nThe council voted on Tuesday to pass the budget.\n"
    assert all(role.confidence is None for role in explain_lines(english))
    assert all(role.confidence is not None for role in explain_lines(PAGE))
    named = explain_lines(english, options=ReaderOptions(model=str(DEFAULT_MODEL)))
    assert all(role.confidence is not None for role in named)  # a model named reads any page


def test_a_page_without_a_blank_line_is_told_apart_from_one_whose_blank_lines_mean_something():
    """A crawl's blank lines mark title slots; a page extracted one paragraph a line has
    none, and the model must not read it as a crawl with no titles at all."""

    def style(text: str) -> set[str]:
        _, segmenter = prepare(text, Source(), [], ReaderOptions())
        rows = page_features(segmenter.units, segmenter.base_gap, ["text"] * len(segmenter.units))
        return {feature for row in rows for feature in row if feature.startswith("style=")}

    tight = "春耕备耕正当时\n全县早稻育秧进度过半\n本报讯（记者 王平）连日来，全县各地抢抓农时。\n县农业局组织技术人员指导。\n"
    crawl = (
        "春耕备耕正当时\n\n本报讯（记者 王平）连日来，全县各地抢抓农时。\n县农业局组织技术人员指导。\n"
        "各乡镇抓紧整修沟渠。\n农资供应充足。\n"
    )
    assert style(tight) == {"style=gap0-unspaced"}
    assert style(crawl) == {"style=gap0"}
    # one or two lines say nothing of the page's spacing
    assert style("春耕备耕正当时\n全县早稻育秧进度过半\n") == {"style=gap0"}


def test_a_page_of_one_or_two_lines_is_read_by_the_rules_unless_a_model_is_named():
    from convert_core.reader.roles import model_for

    def segmenter(text: str):
        _, seg = prepare(text, Source(), [], ReaderOptions())
        return seg

    short = segmenter("全县早稻长势良好，农民群众喜获丰收，各级" * 50)
    assert model_for(short, None) is None
    assert model_for(short, str(DEFAULT_MODEL)) is not None
    assert model_for(segmenter(PAGE), None) is not None


def test_a_title_right_over_a_pictures_credit_titles_the_picture_whatever_the_model_says():
    """A cartoon's title over its credit (``新华社发 徐骏 作``, now read as who drew it):
    the model took the title for a kicker and the credit for the headline; a credit alone
    on its line is never a title, and a title right over it is the picture's."""
    text = "漫画：“躺平”不可取\n\n新华社发 徐骏 作\n\n\n本报讯（记者 李明）昨天，市区举行了春季植树活动。\n"
    labels, document = _read_with(text, ["kicker", "headline", "para"])
    assert labels[:2] == ["photo-title", "credit"]
    photo, article = document.items
    assert photo.title == "漫画：“躺平”不可取" and [(c.role, c.name) for c in photo.credits] == [("graphics", "徐骏")]
    assert article.dateline == "本报讯"
    # a title with text under it before the credit is left alone
    text = "春日花海\n\n游客在花海中拍照。\n\n高鸿勋 摄\n"
    assert _read_with(text, ["headline", "caption", "credit"])[0] == ["headline", "caption", "credit"]


def test_a_byline_printed_over_its_storys_title_is_that_storys_whatever_the_model_says():
    """A photo story's author line over its title (``文/记者 张明 图/记者 李华``): the
    model read it as text of the story above and the title under it as text; the title is
    the next story's headline and the line its byline."""
    first = "老旧小区加装电梯提速\n\n本报讯（记者 王芳）今年全市计划完成老旧小区加装电梯200台。\n\n\n"
    second = (
        "文/记者 张明 图/记者 李华\n\n湘湖花海迎来最佳观赏期\n\n"
        "4月25日，在湘湖景区，不少游客在花海中拍照留念。\n\n预计“五一”期间将迎来客流高峰。\n"
    )
    labels, document = _read_with(first + second, ["headline", "para", "para", "headline", "para", "para"])
    assert labels == ["headline", "para", "byline", "headline", "para", "para"]
    above, photo_story = document.items
    assert [person.name for person in above.bylines] == ["王芳"] and len(above.paragraphs) == 1
    assert photo_story.headline == "湘湖花海迎来最佳观赏期"
    assert [(person.role, person.name) for person in photo_story.bylines] == [
        ("reporter", "张明"),
        ("photographer", "李华"),
    ]
    assert photo_story.lines[0] == 6 and len(photo_story.paragraphs) == 2
    # at the page's top, with the title read as text too
    labels, document = _read_with(second, ["byline", "para", "para", "para"])
    assert labels == ["byline", "headline", "para", "para"]
    (story,) = document.items
    assert story.headline == "湘湖花海迎来最佳观赏期" and len(story.bylines) == 2
    # a story's closing byline in brackets stays its text
    closing = "（本报记者 颜欢）\n\n加拿大肥胖患病率持续上升\n\n据统计，加拿大成年人肥胖率持续上升。\n"
    assert _read_with(closing, ["para", "headline", "para"])[0] == ["para", "headline", "para"]


def test_a_long_sentence_is_never_set_apart_from_the_stories_whatever_the_model_says():
    """A line of 40 characters or more ending a sentence is a story's text (none of the
    gold's is outside a story), though the model read one under a title as unclassified."""
    text = (
        "湘湖花海迎来最佳观赏期\n\n"
        "4月25日，在湘湖景区，不少游客在花海中拍照留念。眼下正是赏花的好时节，景区内郁金香竞相开放。\n\n"
        "本版责编：王五\n"
    )
    labels, document = _read_with(text, ["headline", "other"])
    assert labels[1] == "para"
    assert len(document.items[0].paragraphs) == 1


def test_the_later_briefs_of_a_column_read_as_one_are_its_text_whatever_the_model_says():
    """Once the model reads a briefs column as one (its header the headline, the first
    brief's title text), each later title right over a dateline is a brief of it, however
    far column cuts set it from the last; a story with its own kicker ends the column."""
    text = (
        "环球扫描\n\n"
        "日本新版防卫白皮书为扩军铺路\n\n"
        "新华社东京8月4日电 日本政府4日发布新版防卫白皮书。\n\n"
        "白皮书渲染周边安全威胁，\n\n为扩军备武寻找借口。\n\n"
        "日本各界对此表示担忧。\n\n有关专家指出，\n\n这将加剧地区紧张。\n\n"
        "韩国抗议日本防卫白皮书\n\n"
        "新华社首尔8月4日电 韩国外交部4日发表声明提出抗议。\n\n"
        "推广电动汽车 强化粉尘监测\n\n"
        "印度新德里加强空气污染治理\n\n"
        "本报记者 赵益普\n\n"
        "印度新德里全市近日启动实施空气污染治理计划。\n"
    )
    model = ["headline", "para", "para", "para", "cont", "para", "para", "cont", "headline", "para"]
    model += ["kicker", "headline", "byline", "para"]
    labels, document = _read_with(text, model)
    assert labels[8] == "para" and labels[10:13] == ["kicker", "headline", "byline"]
    column, story = document.items
    assert column.headline == "环球扫描" and story.headline == "印度新德里加强空气污染治理"
    assert "韩国抗议日本防卫白皮书" in [block.text for block in column.body]
    # the column's name read as the first brief's kicker: the column's headline all the same
    as_kicker = ["kicker", "headline", *model[2:]]
    read = _read_with(text, as_kicker)[0]
    assert (read[0], read[1], read[8]) == ("headline", "para", "para")
    # a column the model did not read as one (its first title a headline) is left alone
    model[1] = "headline"
    assert _read_with(text, model)[0][8] == "headline"
    # nor is a kicker that names no briefs column (一季度 over a title and its dateline)
    quarter = text.replace("环球扫描", "一季度", 1)
    assert _read_with(quarter, as_kicker)[0][:2] == ["kicker", "headline"]


def test_a_title_set_like_the_storys_subheads_is_its_next_subhead_whatever_the_model_says():
    """Between a story's paragraphs, a one-line title as long as a subhead read before
    in that story (give or take a character) is its next subhead, not a new story's
    headline; a title of another length, or one with its column in brackets, is left to
    the model."""
    text = (
        "公共交通更适老，老年人出行更从容\n\n"
        "本报记者 方敏\n\n"
        "清晨，李奶奶在社区门口坐上了公交车。\n\n"
        "软硬件提升破解出行难题\n\n"
        "公交车上新增了爱心座椅和扶手。\n\n"
        "精细措施保障改造实效\n\n"
        "公共交通适老化改造看似是细节调整。\n"
    )
    model = ["headline", "byline", "para", "para", "para", "headline", "para"]
    labels, document = _read_with(text, model)
    assert labels[5] == "para"
    (article,) = document.items
    assert [block.text for block in article.body if block.type == "subhead"] == [
        "软硬件提升破解出行难题",
        "精细措施保障改造实效",
    ]
    other = text.replace("精细措施保障改造实效", "地铁站加装电梯")
    assert _read_with(other, model)[0][5] == "headline"
    commentary = text.replace("精细措施保障改造实效", "感悟一个都不能少（论坛）")
    assert _read_with(commentary, model)[0][5] == "headline"
    # a city page's briefs are titled alike, each over a report opening as news does
    briefs = text.replace("公共交通适老化改造看似是细节调整。", "日前，市区新增3个便民服务中心。")
    assert _read_with(briefs, model)[0][5] == "headline"


def test_a_photo_reports_author_line_under_a_caption_credits_the_picture_whatever_the_model_says():
    """``X Y摄影报道`` (now a byline) right under a picture's caption is that picture's
    credit; under a photo story's title it stays the story's byline."""
    text = (
        "图片报道\n\n"
        "由中国路桥工程有限责任公司承建的公路项目日前通车。\n\n"
        "白元琪  科伊·切阿莫特摄影报道\n\n"
        "国际研讨会在上海举行\n\n"
        "本报上海7月10日电 （记者张三）国际研讨会10日举行。\n"
    )
    labels, document = _read_with(text, ["photo-title", "caption", "byline", "headline", "para"])
    assert labels[2] == "credit"
    photo, article = document.items
    assert photo.title == "图片报道"
    assert [(person.role, person.name) for person in photo.credits] == [
        ("photographer", "白元琪"),
        ("photographer", "科伊·切阿莫特"),
    ]
    assert article.headline == "国际研讨会在上海举行" and [p.name for p in article.bylines] == ["张三"]
    story = "每天最早把太阳迎进祖国\n\n本报记者  雷  声摄影报道\n\n晨曦微露，东极哨所官兵列队肃立。\n"
    labels, document = _read_with(story, ["headline", "byline", "para"])
    assert labels[1] == "byline"
    assert [(p.role, p.name) for p in document.items[0].bylines] == [("reporter", "雷声"), ("photographer", "雷声")]


def test_a_briefs_column_whose_first_brief_has_a_kicker_is_one_column_whatever_the_model_says():
    """``环球扫描`` over a brief titled over two lines (``世卫组织——`` over its title):
    the column's own name is enough to tell the column, and its later briefs are its text."""
    text = (
        "环球扫描\n\n世卫组织——\n\n全球卫生进展失衡 急需采取行动\n\n"
        "新华社日内瓦5月14日电 世界卫生组织13日发布报告。\n\n报告指出，过去10年全球卫生取得进展。\n\n"
        "英国一季度经济环比增长0.6%\n\n新华社伦敦5月14日电 英国国家统计局14日公布数据。\n"
    )
    labels, document = _read_with(text, ["headline", "para", "para", "para", "para", "headline", "para"])
    assert labels[5] == "para"
    (column,) = document.items
    assert column.headline == "环球扫描"


def test_a_short_title_under_a_picture_heads_the_stack_under_it_whatever_the_model_says():
    """Right under a picture's caption and over a headline, a short title-like line the
    model read as text is that headline's kicker (it had become a subhead of the story
    above); over a kicker and headline it heads the three-line stack."""
    story = "杭州新增3万个停车泊位\n\n记者 张明\n\n今年杭州将新增公共停车泊位3万个。\n\n\n"
    picture = "4月27日，工作人员正在调试设备。 记者 王刚 摄\n\n"
    below = "西湖区一小区\n\n电动自行车棚“上新”\n\n记者 陈晨\n\n近日，小区新建的电动自行车棚投入使用。\n"
    labels, document = _read_with(
        story + picture + below, ["headline", "byline", "para", "caption", "para", "headline", "byline", "para"]
    )
    assert labels[4:6] == ["kicker", "headline"]
    first, photo, second = document.items
    assert photo.caption == ["4月27日，工作人员正在调试设备。"]
    assert len(first.body) == 1 and (second.kicker, second.headline) == ("西湖区一小区", "电动自行车棚“上新”")
    three = below.replace("记者 陈晨", "充电桩进小区 飞线充电少了\n\n记者 陈晨")
    labels = _read_with(
        story + picture + three,
        ["headline", "byline", "para", "caption", "para", "kicker", "headline", "byline", "para"],
    )[0]
    assert labels[4:7] == ["kicker", "headline", "subheadline"]
    # a credit in a form the reader does not parse stays as the model read it
    credit = below.replace("西湖区一小区", "海南商业航天发射场供图")
    assert (
        _read_with(
            story + picture + credit, ["headline", "byline", "para", "caption", "para", "headline", "byline", "para"]
        )[0][4]
        == "para"
    )


@pytest.mark.parametrize(
    ("first_line", "above", "heads"),
    [
        ("本报北京5月18日电 （记者张三）全市今年新建社区食堂30家。", "老人们在家门口吃上了热饭。", True),
        ("新华社北京5月18日电 全市今年新建社区食堂30家。", "老人们在家门口吃上了热饭。", True),
        ("全市今年新建社区食堂30家，老人们在家门口吃上了热饭。", "老人们在家门口吃上了热饭。", False),  # no dateline
        ("本报北京5月18日电 （记者张三）全市今年新建社区食堂30家。", "老人们在家门口吃上了", False),  # cut
    ],
)
def test_a_title_over_a_dateline_inside_a_dateline_story_heads_a_story_whatever_the_model_says(
    first_line, above, heads
):
    """A news story opened by a dateline is no briefs column: a title between a paragraph's
    end and another dateline, though the model read it as the story's text, heads the next
    story. A story opening with a brief's title (a column) keeps it, and so does one whose
    line above breaks off mid-sentence."""
    title = "一百二十场活动为高校毕业生提供就业支持"
    page = (
        f"社区食堂开到家门口\n\n{first_line}\n\n街道负责人表示，将继续完善配套设施。\n\n{above}\n\n"
        f"{title}\n\n本报北京5月18日电 （记者李四）记者从人力资源社会保障部获悉。\n"
    )
    assert (_role_of(page, title) == "headline") is heads


@pytest.mark.parametrize("credit", ["本期统筹：王 者", "本期统筹：陈 震", "学术支持：中国科协"])
def test_a_packages_closing_credit_is_its_last_paragraph_not_the_next_storys_kicker(credit):
    """``本期统筹：X`` closes the package above it, right over the next story's title: it is
    never a title, though the model read it as that story's kicker."""
    page = (
        "青春力量托举国产无人机\n\n本报记者 张 三\n\n年轻的工程师们在试验场上调试新机型。\n\n"
        f"{credit}\n\n以赛为镜 映照未来（快评）\n\n本报记者 李 四\n\n机器人比赛是产业发展的缩影。\n"
    )
    units = _units(page)
    texts = [unit.text for unit in units]
    model = ["headline", "byline", "para", "kicker", "headline", "byline", "para"]
    labels = page_roles(units, model)
    assert labels[texts.index(credit)] == "para"
    assert labels[texts.index("以赛为镜 映照未来（快评）")] == "headline"


@pytest.mark.parametrize(
    ("closing", "heads"),
    [
        ("（新华社北京5月20日电）", True),
        ("（据新华社电）", True),
        ("（本报柏林7月26日电）", True),
        ("（王平参与采写）", False),  # a note on the story's making: no dateline
    ],
)
def test_a_title_under_a_closing_dateline_heads_a_story_whatever_the_model_says(closing, heads):
    """A dateline alone in brackets closes its story: a title-like line right under it,
    though the model read it as the story's text, heads the next story."""
    title = "外交部发言人就有关问题答记者问"
    page = (
        f"两国元首会晤成果文件清单\n\n双方签署了多项合作文件。\n\n{closing}\n\n{title}\n\n"
        "外交部发言人12日就有关问题答记者问。\n"
    )
    assert (_role_of(page, title) == "headline") is heads


@pytest.mark.parametrize(
    ("signature", "heads"),
    [
        ("徐 之文", True),
        ("常 晋文", True),
        ("谭博文", False),  # a name ending in 文, not a signature
    ],
)
def test_a_title_under_a_pieces_signature_heads_a_story_whatever_the_model_says(signature, heads):
    """A piece signed at its end (``徐 之文``: by 徐之) ends there: a title-like line right
    under the signature heads the next story, and the signature itself is never a title."""
    title = "从入境游看开放中国"
    page = f"春风满神州\n\n春风绿江岸，\n\n兴业万象春。\n\n{signature}\n\n{title}\n\n靳 山\n\n近日一场推广活动在漓江之畔举行。\n"
    assert (_role_of(page, title) == "headline") is heads
    units = _units(page)
    texts = [unit.text for unit in units]
    model = ["headline", "para", "para", "headline"] + ["para"] * (len(texts) - 4)
    assert (page_roles(units, model)[texts.index(signature)] == "para") is heads


@pytest.mark.parametrize(
    ("caption", "text"),
    [
        ("书店内景。 受访者供图", "书店内景。"),
        ("书店内景。 记者 王五 摄", "书店内景。"),
        ("市民在书店内阅读。 通讯员供图", "市民在书店内阅读。"),
        ("图为书店内景。 新华社记者 王五 摄", "图为书店内景。"),
    ],
)
def test_a_caption_ending_in_its_credit_right_over_a_title_is_a_photo_whatever_the_model_says(caption, text):
    """A city daily prints a picture between two stories, its caption ending in the
    credit; the model, which saw few such pictures, took the caption for the next story's
    kicker."""
    page = "\n\n".join(
        [
            "都市快报 2020年4月28日 星期二 A05 杭州新闻",
            "西湖边新开了一家书店",
            "记者 王五 通讯员 赵六",
            "昨天上午，西湖边的一家书店正式开门营业，吸引了不少市民前来打卡。",
            "店长告诉记者，书店共有藏书两万余册。",
            caption,
            "临平新城地铁站下月开通",
            "本报讯 （记者 孙七）记者从杭州地铁集团获悉，地铁9号线临平新城站将于下月开通。",
            "据介绍，该站共设4个出入口。",
        ]
    )
    for model in (None, "none"):
        document = convert_core.parse(page, model=model)
        kinds = [type(item).__name__ for item in document.items]
        assert kinds == ["Article", "Photo", "Article"], (model, kinds)
        photo, story = document.items[1], document.items[2]
        assert photo.caption == [text] and photo.credits
        assert story.kicker is None and story.headline == "临平新城地铁站下月开通"


def test_a_long_signed_essay_heads_a_story_only_where_lines_are_whole():
    """A title over its author's bare name and a long text heads an essay of its own
    (:func:`.signatures.signed_pieces`), but not on a hard-wrapped page, whose short lines (a
    wrapped title's half, ``报记者 杨欢``) look like titles and signatures."""
    sentence = "县域经济是国民经济的重要基础，也是推动城乡融合发展的关键环节。"
    text = "理论版编者按\n\n本版围绕县域经济展开研讨。\n\n差异化定位激活县域经济发展动力\n\n王建国\n\n"
    text += "\n\n".join([sentence * 4] * 12) + "\n"
    _, segmenter = prepare(text, Source(), [], ReaderOptions())
    texts = [unit.text for unit in segmenter.units]
    labels = ["headline", "para", "subhead", "para"] + ["para"] * (len(texts) - 4)
    title = texts.index("差异化定位激活县域经济发展动力")
    assert page_roles(segmenter.units, list(labels))[title : title + 2] == ["headline", "byline"]
    assert page_roles(segmenter.units, list(labels), hard_wrapped=True)[title : title + 2] == ["subhead", "para"]


def test_subheads_printed_alike_are_parted_from_the_paragraph_the_model_joined_them_to():
    """Two subheads of one form (a label and a colon) that the model joined to the
    paragraph under each (as a column cut) are subheads: the paragraph starts under them.
    Labels a Q&A prints again (a speaker's) and a quotation a colon opens are no form."""
    text = (
        "超强厄尔尼诺事件或将形成\n\n现状：赤道中东太平洋海温持续偏高\n\n近期海温偏高明显。预计还将维持。\n\n"
        "影响：我国今夏气候异常很大程度受其影响\n\n最广泛的影响是高温热浪。多地气温创下极值。\n\n"
        "应对：基于实时监测和动态预测做好准备\n\n如何应对？可以分领域展开讨论。\n"
    )
    model = ["headline", "para", "cont", "para", "cont", "para", "cont"]
    assert _roles_of(text, model) == ["headline", "para", "para", "para", "para", "para", "para"]
    speakers = (
        "对话绿色转型\n\n周某：禁售燃油车只是绿色转型的一子落\n\n更多内容见全文。\n\n"
        "李某：低碳岛建设有路线图\n\n一步一步推进。\n\n周某：绿色转型也给民生加分。\n"
    )
    model = ["headline", "para", "cont", "para", "cont", "para"]
    assert _roles_of(speakers, model) == model
    quoted = (
        "话语坚定\n\n一段话。\n\n总书记说：“党中央也下了决心\n\n为百姓努力。”\n\n他算账：“一亩田两份钱\n\n种地省心。”\n"
    )
    model = ["headline", "para", "para", "cont", "para", "cont"]
    assert _roles_of(quoted, model) == model


@pytest.mark.parametrize(
    "closing",
    ["（华电科工股份有限公司党委）", "（执笔人：汤俊峰）", "（新华社北京4月30日电  记者齐中熙、樊曦）"],
)
def test_a_title_under_a_closing_that_signs_the_story_heads_a_story(closing):
    """A group's signature, a drafter's, or a dateline with its reporters in brackets signs
    the story above off: the title under it heads the next story, whatever the model read.
    A note on the author (``（作者为…）``) does not: a page of short pieces prints one under
    each, over the next piece's title."""
    text = f"第一篇的标题\n\n第一篇的正文写到这里。\n\n{closing}\n\n以数智技术助力提升治理水平\n\n第二篇的正文。\n"
    assert _roles_of(text, ["headline", "para", "para", "para", "para"])[3] == "headline"
    note = text.replace(closing, "（作者为某大学教授）")
    assert _roles_of(note, ["headline", "para", "para", "para", "para"])[3] == "para"
