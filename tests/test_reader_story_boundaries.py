"""Story boundaries in the seed's shape (stop 34): a story swallowed by the one above it, and a
false story start. Made-up pages in the forms the corpus's pages print."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from convert_core import parse
from convert_core.model import Source
from convert_core.reader import ReaderOptions, prepare
from convert_core.reader.document_items import (
    decree_headings_open_the_text,
    documents_under_their_adoption_note,
    letters_signed_at_their_end,
    notices_head_stories,
    titles_over_an_invitation,
)
from convert_core.reader.pictures_between_stories import pictures_run_into_a_story
from convert_core.reader.signatures import titles_signed_with_a_pen_name
from convert_core.reader.story_starts import a_title_line_over_a_headline


def _page(opener: str, title: str) -> str:
    return (
        "人民日报 2026年4月28日 星期二\n\n14\n\n生态\n\n全国自然保护区生态质量总体优良\n\n"
        f"{opener}生态环境部27日发布国家级自然保护区生态质量评估结果，"
        "全国国家级自然保护区生态质量总体优良，优良率达到百分之九十以上。\n\n"
        "评估显示，京津冀地区的国家级自然保护区实现全优良，多处保护区水源涵养能力持续提升。\n\n"
        "上游地区多处保护区地表水达到一类标准，雪豹等指示物种的种群数量稳中有升。\n\n"
        f"{title}\n\n本报记者 郭晓龙\n\n"
        "近日，伴随气温稳步回升，中俄界江黑龙江黑河段正式进入春季流冰期，壮阔的景观如约上演。\n\n"
        "冰封一冬的界江告别冬日沉寂，宽阔江面上的冰层消融裂解，形成大小不一的冰排。\n"
    )


@pytest.mark.parametrize(
    ("opener", "title"),
    [
        ("本报北京4月27日电 （记者寇江泽）", "黑龙江上“跑冰排”"),
        ("本报北京4月27日电 （记者寇江泽）", "德国推出一揽子改革措施提振经济"),
        ("本报记者 寇江泽\n\n", "台风预报难在哪？"),
        ("本报记者 寇江泽\n\n", "超时一分钟,多收一小时?停车收费岂能“向上取整”!"),
    ],
)
def test_a_title_over_a_byline_under_a_storys_end_heads_a_story(opener, title):
    """A dispatch dated and signed in its first line holds no package: a title over
    ``本报记者 X`` under its last paragraph heads the next story (it was read as the
    dispatch's subhead and a paragraph, as a package's part would be). A package titles its
    parts as statements: a title that asks or exclaims heads a story of its own even under
    a story signed under its title (where a statement's title stays a package's part)."""
    first, second = parse(_page(opener, title)).articles
    assert (first.headline, len(first.body)) == ("全国自然保护区生态质量总体优良", 3)
    assert second.headline == title.replace(",", "，").replace("?", "？").replace("!", "！")
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "郭晓龙")]
    assert len(second.body) == 2


def test_a_title_over_a_byline_under_a_signed_story_is_left_to_the_model():
    """Under a story signed under its title (``本报记者 X``, a package's form) the same
    title and byline stay where the model puts them: a package's part."""
    (article,) = parse(_page("本报记者 寇江泽\n\n", "黑龙江上“跑冰排”")).articles
    assert article.headline == "全国自然保护区生态质量总体优良"


def _dispatch(middle: str) -> str:
    return (
        "人民日报 2026年4月30日 星期四\n\n4\n\n要闻\n\n国务院任免国家工作人员\n\n"
        "新华社北京4月29日电  国务院任免国家工作人员。\n\n"
        "任命张明为住房和城乡建设部副部长;任命李华为国家药品监督管理局副局长;任命王刚为国家\n\n"
        "林业和草原局副局长;任命黄果为国家药品监督管理局局长。\n\n"
        "免去刘强的民政部副部长职务;免去赵亮的审计署副审计长职务;免去孙平的国家林业和草原局副局长职务。\n\n"
        f"{middle}"
    )


def test_a_dispatchs_one_title_over_a_dated_paragraph_heads_a_story():
    """A picture story's title and its one paragraph under a dated dispatch (``双层观光巴士…``
    / ``4月29日,…``, its first line cut by a column break): the dispatch's only title line,
    over a line that opens as a story's first paragraph does, heads a story (it was read as
    the dispatch's subhead)."""
    page = _dispatch(
        "双层观光巴士亮相新区\n\n4月29日,新区首辆城市双\n\n"
        "层观光巴士正式开通。观光巴士串联起城市风貌与文旅亮点,进一步完善了城市旅游服务。\n"
    )
    first, second = parse(page).articles
    assert len(first.body) == 3
    assert second.headline == "双层观光巴士亮相新区"
    assert len(second.body) == 1
    assert second.body[0].text.startswith("4月29日，新区首辆城市双层观光巴士正式开通。")


def test_a_dispatchs_subheads_stay_its_own():
    """A dispatch with several subheads keeps them: only a dispatch's one title line is a
    story's."""
    page = _dispatch(
        "完善治理体系\n\n近日,各地加快完善基层治理体系,推动治理重心下移。\n\n"
        "提升服务能力\n\n目前,各地已建成一批便民服务中心,群众办事更加方便。\n\n"
        "强化队伍建设\n\n此外,各地加强基层干部培训,提升干部履职能力。\n"
    )
    (article,) = parse(page).articles
    assert article.headline == "国务院任免国家工作人员"


def test_a_title_that_asks_over_a_bracketed_byline_stays_in_its_story():
    """``（本报记者X参与采写）`` closes the story above: the line over it, however it ends, is
    that story's."""
    page = _page("本报记者 寇江泽\n\n", "雪豹回来了！").replace(
        "雪豹回来了！\n\n本报记者 郭晓龙", "一步一步坚定走，我们信心十足！\n\n（本报记者郭晓龙参与采写）"
    )
    assert parse(page).articles[0].headline == "全国自然保护区生态质量总体优良"
    assert "一步一步坚定走，我们信心十足！" not in [a.headline for a in parse(page).articles]


def _relabel(rule: Callable[..., None], text: str, labels: list[str], *args: object) -> list[str]:
    """The labels ``rule`` leaves on ``text``'s lines, given ``labels`` (as the model gave them)."""
    units = prepare(text, Source(name="page"), [], ReaderOptions())[1].units
    labels = list(labels)
    rule(units, labels, *args)
    return labels


def _commentary(line: str) -> str:
    """A story's last paragraph, ``line`` under it, and a paragraph under that."""
    return (
        f"外交部发言人11日在例行记者会上介绍此访具体安排和中方期待。\n\n{line}\n\n"
        "回望过去半个多世纪,国际关系中一个最重要的事件就是两国关系的恢复和发展,这一进程惠及世界。\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_commentary("以大历史观把握两国关系发展方向（钟声）"), ["para", "headline", "para"]),
        (_commentary("“创新红利”，推动机遇再升级（和音）"), ["para", "headline", "para"]),
        (_commentary("大运河国家文化公园（安徽段）"), ["para"] * 3),  # (a part's name, three characters)
        (_commentary("据介绍，（详见）"), ["para"] * 3),  # (no title before the bracket)
        # a paragraph a column break cut after a company's place, which the lines around name too
        (
            "常州常态化举办企业交流活动,搭建上下游企业交流平台,推动企业对接合作。\n\n"
            "“从项目选址到投产后的产业链对接,当地提供细致的服务。”\n\n"
            "西班牙企业拉米（常州）\n\n"
            "新材料科技有限公司总经理介绍,企业从办理营业执照到正式投产仅用时1年。\n",
            ["para"] * 4,
        ),
    ],
)
def test_a_title_signed_with_a_pen_name_heads_a_story(text, expected):
    """A commentary's title with its pen name in brackets (``…（钟声）``) over its first
    paragraph, under a story's last paragraph, heads a story: the model, on People's Daily's
    pages, left such titles in the story above as subheads (labels as it gave them). A place
    in brackets the story names (``西班牙企业拉米（常州）`` / ``新材料科技有限公司总经理…``) is no
    pen name."""
    assert _relabel(titles_signed_with_a_pen_name, text, ["para"] * len(expected)) == expected


def _letter(line: str) -> str:
    """A letter's last paragraph, ``line`` under it, and the next letter's title and byline."""
    return (
        "建议在小区出入口增设夜间照明，方便老人和孩子出行，也能减少安全隐患。\n\n"
        f"{line}\n\n社区食堂如何办得更长久\n\n本报记者 王 平\n"
    )


_READ_AS_A_KICKER = "para kicker headline byline"
_THE_LETTERS_LAST = "para para headline byline"


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (_letter("江苏南通市 周 明"), _READ_AS_A_KICKER, _THE_LETTERS_LAST),
        (_letter("广东省佛山市 林晓雯"), _READ_AS_A_KICKER, _THE_LETTERS_LAST),
        (_letter("成都市武侯区读者"), _READ_AS_A_KICKER, _THE_LETTERS_LAST),
        (_letter("人民网“领导留言板”网友"), _READ_AS_A_KICKER, _THE_LETTERS_LAST),
        # a title: no place of four ideographs before the space
        (_letter("老小区 新模样"), _READ_AS_A_KICKER, _READ_AS_A_KICKER),
        (_letter("海军官兵勇救落水群众"), _READ_AS_A_KICKER, _READ_AS_A_KICKER),  # (a title naming people)
        # only under a paragraph's end: the same form under a title is left as read
        (
            "社区食堂如何办得更长久\n\n江苏南通市 周 明\n\n老人吃饭不再难\n\n本报记者 王 平\n",
            "kicker kicker headline byline",
            "kicker kicker headline byline",
        ),
    ],
)
def test_a_letters_signature_ends_the_letter(text, given, expected):
    """A reader's letter signed under its last paragraph with the writer's place and name
    (or place and ``读者``) ends there, the line its last paragraph: the model read it as the
    kicker of the next letter's title printed right under it (labels as it gave them)."""
    assert _relabel(letters_signed_at_their_end, text, given.split()) == expected.split()


def _notice(line: str) -> str:
    """A story's last paragraph, ``line`` under it, and a call for contributions."""
    return (
        f"社区食堂开办以来，每天为三百多位老人提供午餐，价格实惠，口味也不错。\n\n{line}\n\n"
        "各位读者，本版面向社会征集稿件，来稿请注明栏目名称，并附作者真实姓名和联系方式。\n"
    )


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (_notice("2026年度滨江市社会科学课题招标公告"), "para para cont", "para headline para"),
        (_notice("关于市级优秀教师拟表彰对象的公示"), "para para cont", "para headline para"),
        (_notice("两国关于深化全面合作伙伴关系的联合声明"), "para para cont", "para headline para"),
        (_notice("欢迎赐稿"), "para para cont", "para headline para"),
        (_notice("征 集"), "para para cont", "para headline para"),
        (_notice("遗失声明"), "para para cont", "para para cont"),  # (a classified advertisement's title: too short)
        (_notice("服务群众的新方式"), "para para cont", "para para cont"),  # (a subhead)
        # under a line that breaks off mid-sentence the same words are no notice's title
        (
            "社区食堂开办以来，每天为三百多位老人提供午餐，并\n\n欢迎赐稿\n\n各位读者，本版面向社会征集稿件。\n",
            "para para para",
            "para para para",
        ),
        # a notice's kind after fewer than four characters (减资公告, a classified advertisement's title)
        (
            "社区食堂每天为三百多位老人提供午餐。\n\n减资公告\n\n本公司经股东会决议，注册资本由一千万元减至五百万元。\n",
            "para para para",
            "para para para",
        ),
    ],
)
def test_a_notice_heads_an_item_of_its_own(text, given, expected):
    """A title naming a notice or a document by its kind, or a call for contributions, under a
    paragraph's end and over text heads an item of its own: the model left such lines, with no
    dateline or byline under them, in the story above (labels as it gave them)."""
    assert _relabel(notices_head_stories, text, given.split()) == expected.split()


def _order(heading: str, number: str) -> str:
    """A regulation's title over an order's ``heading`` and ``number``, and the order's text."""
    return (
        f"城市绿地保护条例\n\n{heading}\n\n{number}\n\n"
        "《城市绿地保护条例》已经国务院常务会议通过，现予公布，自2027年1月1日起施行。\n"
    )


_TITLE_OVER_A_HEADING = "kicker headline para para"


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (_order("中华人民共和国国务院令", "第901号"), _TITLE_OVER_A_HEADING, "headline para para para"),
        (_order("中华人民共和国主席令", "第八十一号"), _TITLE_OVER_A_HEADING, "headline para para para"),
        (_order("李强签署国务院令", "第901号"), _TITLE_OVER_A_HEADING, _TITLE_OVER_A_HEADING),  # (reports the signing)
        (_order("中华人民共和国国务院令", "公布施行"), _TITLE_OVER_A_HEADING, _TITLE_OVER_A_HEADING),  # (no number)
        # at a page's top, with no title over it, the heading is the order's own headline
        (
            "中华人民共和国主席令\n\n第八十一号\n\n《城市绿地保护法》已由全国人民代表大会常务委员会通过，现予公布。\n",
            "headline para para",
            "headline para para",
        ),
    ],
)
def test_a_decrees_heading_opens_the_documents_text(text, given, expected):
    """An order's heading over its number, under the title of the regulation it promulgates,
    opens the regulation's text: the title is the headline, the heading and number paragraphs
    (the model read the title as the heading's kicker; labels as it gave them)."""
    assert _relabel(decree_headings_open_the_text, text, given.split()) == expected.split()


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        ("《城市绿地保护条例》根据本决定作相应修改，重新公布。", ["para", "headline", "subheadline", "para"]),
        ("现将《城市绿地保护条例》全文如下。", ["para"] * 4),  # (the story above prints it as its own text)
    ],
)
def test_a_document_under_its_adoption_note_heads_an_item(above, expected):
    """A regulation's title over the note of when it was issued and amended, under the story
    above's last paragraph, heads the regulation printed in full (title the headline, note the
    subheadline); under ``…全文如下。`` it is the story's own text (labels as the model gave them)."""
    text = (
        f"{above}\n\n城市绿地保护条例\n\n"
        "（2001年3月2日国务院令第301号发布 根据2026年7月31日《国务院关于修改〈城市绿地保护条例〉的决定》修订）\n\n"
        "第一条 为了保护城市绿地，改善生态环境，制定本条例。\n"
    )
    assert _relabel(documents_under_their_adoption_note, text, ["para"] * 4) == expected


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        ("会谈后，两国领导人共同见证了多项合作文件的签署。", ["para", "headline", "para"]),
        ("双方表示，只要坚持相互尊重、和平共处、合作共", ["para"] * 3),  # (a paragraph a column break cut)
    ],
)
def test_a_title_over_a_visits_announcement_heads_a_story(above, expected):
    """A title over ``应…邀请，…将于…进行国事访问。`` under a paragraph's end heads that story; under
    a line that breaks off it is a cut paragraph's first words (labels as the model gave them)."""
    text = f"{above}\n\n冰岛总统今起对我国进行国事访问\n\n应国家主席邀请，冰岛总统将于9月3日至7日对中国进行国事访问。\n"
    assert _relabel(titles_over_an_invitation, text, ["para"] * 3) == expected


@pytest.mark.parametrize(
    ("above", "line", "kicker"),
    [
        ("截至月底，全区已有三百家商户恢复营业。", "扫码一下 路牌会说话", True),
        ("截至月底，全区已有三百家商户恢复营业。", "路牌上的二维码。", False),  # (a sentence, not a title)
        ("截至月底，全区已有三百家商户恢复营业。", "本期统筹：李四", False),  # (an editor's note)
        ("截至月底，全区已有三百家商户恢复", "扫码一下 路牌会说话", False),  # (a paragraph a column break cut)
    ],
)
def test_a_short_line_apart_over_a_headline_and_opening_is_its_kicker(above, line, kicker):
    """A short title-like line between blank lines, under a paragraph's end and over a
    headline over ``本报讯 …``, is the story's kicker (labels as the model gave them: the
    line read as the last paragraph above)."""
    text = f"{above}\n\n{line}\n\n百块新路牌今起亮相城区\n\n本报讯 （记者张三）近日，城区道路换上了新路牌。\n"
    labels = _relabel(a_title_line_over_a_headline, text, ["para", "para", "headline", "para"], None)
    assert labels == ["para", "kicker" if kicker else "para", "headline", "para"]


@pytest.mark.parametrize("stack", [["headline", "subheadline"], ["kicker", "headline"]])
def test_a_short_line_apart_over_a_two_line_stack_and_opening_tops_a_three_line_stack(stack):
    """The same line over a two-line stack over ``本报讯 …`` is the top of a three-line stack:
    its kicker, the two lines under it the headline and the subheadline (the line was read
    as the last paragraph above, the stack as a story's two lines)."""
    text = (
        "截至月底，全区已有三百家商户恢复营业。\n\n区应急管理局向两个街道派出工作组\n\n"
        "会同消防部门调拨一千件救灾物资\n\n气象部门发布暴雨橙色预警\n\n本报讯 （记者张三）昨天，全区迎来强降雨。\n"
    )
    labels = _relabel(a_title_line_over_a_headline, text, ["para", "para", *stack, "para"], None)
    assert labels == ["para", "kicker", "headline", "subheadline", "para"]


def test_an_authors_note_cut_over_two_title_lines_tops_no_stack():
    """A line opening with a bracket is no title's first line (an author's note a column cut,
    ``〔作者系…（行`` / ``政学院）教育长〕``): none of the gold's kickers and headlines opens so."""
    text = (
        "截至月底，全区已有三百家商户恢复营业。\n\n〔作者系市委党校（行\n\n"
        "政学院）教育长〕\n\n气象部门发布暴雨橙色预警\n\n本报讯 （记者张三）昨天，全区迎来强降雨。\n"
    )
    labels = _relabel(a_title_line_over_a_headline, text, ["para", "para", "headline", "subheadline", "para"], None)
    assert labels == ["para", "para", "headline", "subheadline", "para"]


@pytest.mark.parametrize(
    ("caption", "picture"),
    [
        ("5月3日，果农在村里的果园中修剪果树。", True),
        ("果农说，今年的果子比去年结得多。", False),  # (no dated caption: the story's text)
    ],
)
def test_a_picture_run_into_a_story_over_a_title_is_a_picture(caption, picture):
    """A credit line right over a new story's title, under sentences opening as a dated
    caption does, is a picture's (labels as the model gave them: the story's paragraphs)."""
    text = (
        "村里的果园今年又迎来了丰收。\n"
        f"{caption}\n近年来，该村把荒地改成了果园。\n李五 摄\n百块新路牌今起亮相城区\n"
        "本报讯 （记者张三）近日，城区道路换上了新路牌。\n"
    )
    labels = _relabel(pictures_run_into_a_story, text, ["para", "para", "para", "para", "headline", "para"])
    changed = ["para", "caption", "caption", "credit"] if picture else ["para"] * 4
    assert labels == [*changed, "headline", "para"]
