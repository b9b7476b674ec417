"""Two-line title stacks: which line is the headline (docs/reader-accuracy.md, "Title-stack
roles (stop 34)"). The lines are made up, in the forms real pages print."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from convert_core import parse
from convert_core.reader.lines import Line
from convert_core.reader.roles import signatures_under_titles
from convert_core.reader.stack_words import (
    adverbial_kickers,
    analysis_headlines,
    announcing_kickers,
    clause_breaks,
    clause_stacks,
    continuing_subtitles,
    tagged_headlines,
    tour_leg_kickers,
)

_ABOVE = "全市召开会议\n\n本报讯（记者 王平）昨天，全市召开会议，部署下一步工作。\n\n"
_BELOW = "\n\n本报记者 吴 勇\n\n8月15日，活动在湖州举行，来自各地的代表齐聚一堂。\n"


def _stack(upper: str, lower: str) -> tuple[str | None, str | None, str | None]:
    story = parse(_ABOVE + upper + "\n\n" + lower + _BELOW).articles[-1]
    return story.kicker, story.headline, story.subheadline


def _relabelled(
    rule: Callable[[list[Line], list[str]], object],
    labels: list[str],
    upper: str,
    lower: str,
    under: str = "本报记者 王平",
) -> str:
    """The roles of ``upper`` over ``lower`` (over ``under``), labelled ``labels``, after
    ``rule`` ran on them: ``"kicker/headline"``."""
    labels = list(labels)
    rule([Line(no=1, text=upper), Line(no=2, text=lower), Line(no=3, text=under)], labels)
    return "/".join(labels[:2])


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        # the piece's kind said by the subtitle, its dash lost (each was a kicker over a headline)
        ("让乡村的夜晚亮起来", "写在全省农村路灯改造完工之际"),
        ("守护一方碧水的人", "追记青田县河长李明远"),
        ("春天里的约定", "对话青年作曲家王小林"),
        ("共绘高质量发展新图景", "全市民营经济发展大会发言摘编"),
        ("山间小路上的红马甲", "一名乡村志愿者的故事"),
        ("为改革发展注入强大动力", "论深入学习贯彻全会精神"),
        ("推动政策红利直达经营主体", "省发展改革委负责人就《促进民营经济发展若干措施》答记者问"),
        ("在湖畔遇见江南", "一名摄影记者的湖州手记"),
        ("一座小城的烟火气", "评电影《小城之春》"),
        ("乡音里的乡愁", "电视剧《故乡》观后"),
        ("把论文写在大地上", "走近农业专家王新民"),
    ],
)
def test_a_subtitle_saying_what_the_piece_is_is_the_subheadline(upper, lower):
    assert _stack(upper, lower) == (None, upper, lower)


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        # an office over its answers: the office is the kicker
        ("省发展改革委负责人", "就《促进民营经济发展若干措施》答记者问"),
        # a column's tag naming the genre closes the headline, not a subtitle
        ("宁波舟山港推动绿色化、数智化转型", "装上“智慧大脑”，港口作业更高效（一线见闻）"),
    ],
)
def test_a_kicker_over_a_headline_that_only_mentions_a_genre_stays_one(upper, lower):
    assert _stack(upper, lower) == (upper, lower, None)


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # a tag closes the upper line: it is the headline (was a kicker over the subtitle)
        ("从铁的纪律看底气（评论员观察）", "紧握历史接力棒③", "headline/subheadline"),
        # a tag closes the lower line: the headline is that line, under its kicker
        ("两千多年的古老灌区建起量测管控体系", "春灌水精准称出来（新质生产力）", "kicker/headline"),
        # a bracket of one character is no tag (a serial's part)
        ("守护绿水青山（上）", "生态保护的新实践", "kicker/headline"),
    ],
)
def test_a_title_closed_by_its_columns_tag_is_the_headline(upper, lower, stack):
    """The column's tag goes with the headline: the title it closes is the headline, the
    line under it (its dash lost) the subheadline."""
    assert _relabelled(tagged_headlines, ["kicker", "headline", "byline"], upper, lower) == stack


@pytest.mark.parametrize("bar", ["\u2015\u2015", "\u2015"])
def test_a_dash_printed_as_the_horizontal_bar_is_a_dash(bar):
    """Text decoded by GB2312's standard table gives the dash as the horizontal bar
    (U+2015): a subtitle opening with it is the subheadline, a kicker ending with it the
    kicker, as with ``——``."""
    assert _stack("全面推进乡村振兴", bar + "来自一线的调查报告") == (
        None,
        "全面推进乡村振兴",
        bar + "来自一线的调查报告",
    )
    assert _stack("各地扎实推进乡村振兴" + bar, "让农民腰包鼓起来") == (
        "各地扎实推进乡村振兴" + bar,
        "让农民腰包鼓起来",
        None,
    )


@pytest.mark.parametrize(
    ("headline", "split"),
    [
        # run on at a dash of two horizontal bars: split there, the text kept as printed
        (
            "国家有关部门负责同志解读\u2015\u2015更高水平做好节能降碳工作（政策解读）",
            ("国家有关部门负责同志解读\u2015\u2015", "更高水平做好节能降碳工作（政策解读）", None),
        ),
        (
            "在新征程上团结奋斗（社论）\u2015\u2015写在国际劳动节",
            (None, "在新征程上团结奋斗（社论）", "\u2015\u2015写在国际劳动节"),
        ),
        ("乡村振兴\u2015\u2015", None),
    ],
)
def test_a_title_run_on_at_a_dash_of_horizontal_bars_is_split_there(headline, split):
    from convert_core.reader.run_on_titles import split_run_on_title

    assert split_run_on_title(headline) == split


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # a body issued a document or began an action, named by its kind only: the line under
        # it says what, and is the headline (was read as headline over subheadline)
        ("国家发展改革委印发行动方案", "法治护航民营经济", "kicker/headline"),
        ("市卫生健康委发布提示", "注意防寒保暖，合理安排出行", "kicker/headline"),
        ("三部门联合开展专项行动", "整治违规收费乱象", "kicker/headline"),
        # a text that came out, named by its kind: the line under it is its title
        ("《学习》杂志发表市委书记署名文章", "以实干担当推动高质量发展", "kicker/headline"),
        ("军区司令员签署命令", "给两名个人记一等功", "kicker/headline"),
        # a speech is news of its own
        ("省长出席开幕式并发表主旨讲话", "呼吁深化区域合作", "headline/subheadline"),
        # the document named in full, or the action by its name, is news of its own
        ("市政府发布城市更新三年行动方案", "到2028年完成老旧小区改造三百个", "headline/subheadline"),
        ("公安部部署开展“净网—2026”专项行动", "依法打击网络违法犯罪", "headline/subheadline"),
        # a subtitle with its dash is one as printed
        ("省教育厅发布提示", "——暑期谨防学生溺水事故", "headline/subheadline"),
    ],
)
def test_a_title_only_announcing_a_document_is_the_kicker(upper, lower, stack):
    assert _relabelled(announcing_kickers, ["headline", "subheadline", "byline"], upper, lower) == stack


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # a leg of a competition's tour over its result: the result is the headline
        ("跳水世界杯西安站", "中国队包揽全部八枚金牌", "kicker/headline"),
        ("全国青年排球锦标赛东莞站", "本市女排小将夺得冠军", "kicker/headline"),
        # a station that is no tour's leg
        ("城市轨道交通新建站", "市民出行更加便利", "headline/subheadline"),
    ],
)
def test_a_tours_leg_over_its_result_is_the_kicker(upper, lower, stack):
    roles = _relabelled(
        tour_leg_kickers, ["headline", "subheadline", "para"], upper, lower, under="本报讯 昨天，比赛落幕。"
    )
    assert roles == stack


@pytest.mark.parametrize(
    ("labels", "upper", "lower", "stack"),
    [
        # a note of three clauses under the headline is its subheadline (was a kicker over it)
        (["kicker", "headline"], "雨天出门别忘带伞", "出门前看天气，路上慢些走，到家报平安", "headline/subheadline"),
        (["kicker", "headline"], "夏季防暑有讲究", "多喝水，少暴晒；午后尽量待在室内", "headline/subheadline"),
        # a lead-in of three clauses over the headline is its kicker
        (["headline", "subheadline"], "三年修路，两年架桥，一年通车", "山村通上了公交", "kicker/headline"),
        # commas inside a quotation or a column's tag part no clauses of the title's own
        (["kicker", "headline"], "社区热线办实事", "“这条热线，真办事，办真事”", "kicker/headline"),
        (
            ["kicker", "headline"],
            "新增技术经理人一千名",
            "技术经理人走进企业（从“0”到“1”，把“1”拉长）",
            "kicker/headline",
        ),
        # a lead-in run on into the headline at its dash is a kicker whatever the lower line says
        (["kicker", "headline"], "社区推出便民服务——", "理发，修鞋，配钥匙", "kicker/headline"),
        # both lines of three clauses: left to the models
        (["kicker", "headline"], "晴天，雨天，雪天", "骑车，步行，乘车", "kicker/headline"),
    ],
)
def test_a_title_line_of_three_clauses_is_not_the_headline(labels, upper, lower, stack):
    assert _relabelled(clause_stacks, [*labels, "byline"], upper, lower) == stack


def test_clause_breaks_skip_quotes_and_brackets():
    assert clause_breaks("出门前看天气，路上慢些走；到家报平安") == 2
    assert clause_breaks("他说“好，很好，非常好”（一，二）") == 0


def test_a_three_clause_note_under_a_headline_reads_as_its_subheadline():
    assert _stack("雨天出门别忘带伞", "出门前看天气，路上慢些走，到家报平安") == (
        None,
        "雨天出门别忘带伞",
        "出门前看天气，路上慢些走，到家报平安",
    )


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # a time, an occasion or a problem alone says no news: the line under it is the headline
        ("国庆假期到来之际", "全市景区迎来客流高峰", "kicker/headline"),
        ("今年以来", "城区新增停车位两千个", "kicker/headline"),
        ("时隔十二年", "本市再次举办全运会", "kicker/headline"),
        ("针对老旧小区停车难问题", "街道推出错时共享车位", "kicker/headline"),
        ("从“各自为战”迈向“握指成拳”", "三地联合执法机制启动", "kicker/headline"),
        ("从手工编织到机器织造", "老手艺走出新路子", "kicker/headline"),
        # a statement of its own stays the headline
        ("今年以来，全市经济稳中向好", "一季度增速居全省首位", "headline/subheadline"),
        ("针对汛情启动四级应急响应", "多部门派出工作组", "headline/subheadline"),
        # a subtitle printed with its dash stays one
        ("全市景区迎来客流高峰", "——写在国庆假期到来之际", "headline/subheadline"),
    ],
)
def test_an_adverbial_alone_over_a_title_is_the_kicker(upper, lower, stack):
    assert _relabelled(adverbial_kickers, ["headline", "subheadline", "byline"], upper, lower) == stack


@pytest.mark.parametrize(
    ("lower", "roles"),
    [
        # an office and, spaced apart, a name; an institution alone: the piece's signature
        ("市委常委、宣传部部长  李明华", "headline/byline"),
        ("省委党史研究室课题组", "headline/byline"),
        ("某某集团有限公司党组", "headline/byline"),
        # a title naming an office-holder in its sentence is no signature
        ("市长会见来访的友城代表团团长", "headline/subheadline"),
        ("——访省科学院院长 王明", "headline/subheadline"),
    ],
)
def test_a_signature_under_a_title_is_its_byline(lower, roles):
    labels = ["headline", "subheadline", "para"]
    units = [
        Line(no=1, text="以实干书写发展新篇章"),
        Line(no=2, text=lower),
        Line(no=3, text="今年以来，各项工作稳步推进。"),
    ]
    signatures_under_titles(units, labels)
    assert "/".join(labels[:2]) == roles


def test_a_title_wrapped_before_an_institutions_name_over_a_dated_opening_stays_a_title():
    labels = ["headline", "subheadline", "para"]
    units = [
        Line(no=1, text="中国科学院在京设立全球"),
        Line(no=2, text="文明比较研究院"),
        Line(no=3, text="本报北京7月22日电 （记者李华）中国科学院22日设立研究院。", kind="opening"),
    ]
    signatures_under_titles(units, labels)
    assert labels == ["headline", "subheadline", "para"]


def test_an_institutions_signature_under_a_title_is_no_headline():
    story = parse(
        _ABOVE
        + "以实干书写发展新篇章\n\n某某集团有限公司党组\n\n今年以来，集团上下认真落实各项部署，推动发展取得新成效。\n"
    ).articles[-1]
    assert (story.kicker, story.headline) == (None, "以实干书写发展新篇章")
    assert story.attribution == ["某某集团有限公司党组"]


def test_a_charts_source_note_is_no_title():
    page = parse(
        "全市经济运行平稳\n\n本报讯（记者 王平）上半年，全市地区生产总值同比增长百分之五。\n\n资料来源：市统计局\n\n"
        "7月全市新增就业岗位三千个\n\n本报讯（记者 李华）7月，全市新增就业岗位三千个，同比增长一成。\n"
    )
    assert [(story.kicker, story.headline) for story in page.articles] == [
        (None, "全市经济运行平稳"),
        (None, "7月全市新增就业岗位三千个"),
    ]
    assert "资料来源：市统计局" in [
        getattr(block, "text", None) for block in page.articles[0].body
    ]  # the chart's story's


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # a line going on from the one over it (its subject left out) adds a detail: a subtitle
        ("全市夏粮收获过半", "已收小麦八十万亩", "headline/subheadline"),
        ("上半年全市外贸进出口额三百亿元", "同比增长百分之六", "headline/subheadline"),
        ("本市推进老旧小区改造", "累计惠及居民两万户", "headline/subheadline"),
        ("第五届农民丰收节活动公布", "将于九月下旬在西湖区举办", "headline/subheadline"),
        # a line referring back to what the line over it names adds a detail too
        ("西班牙电动汽车销量持续增长", "中国品牌汽车受当地消费者青睐", "headline/subheadline"),
        ("《城市绿化管理办法》下月施行", "市园林局负责人就其要点答记者问", "headline/subheadline"),
        # but not a quoted speaker's words, nor 当 + 地铁 ("when the metro …")
        ("中企助力当地修建公路", "“为当地经济发展增添活力”", "kicker/headline"),
        ("记者探访城市地铁站里的博物馆", "当地铁与文物相遇", "kicker/headline"),
        # under an adverbial alone, a run-on dash or a speaker's colon it is the headline
        ("截至6月底", "累计发电装机容量同比增长一成", "kicker/headline"),
        ("区里推出新举措——", "已有三百户受益", "kicker/headline"),
        ("市长：", "预计年底全部完工", "kicker/headline"),
    ],
)
def test_a_line_going_on_from_the_one_over_it_is_the_subheadline(upper, lower, stack):
    assert _relabelled(continuing_subtitles, ["kicker", "headline", "byline"], upper, lower) == stack


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # an analysis's own title (a subject read through something) is the headline
        ("上半年全市用电量同比增长百分之六", "三个视角看用电新变化", "kicker/headline"),
        ("古镇老街焕发新活力", "从一家老茶馆看文旅融合", "kicker/headline"),
        # printed with its dash it is a subtitle; a line that only opens with 从 is none
        ("古镇老街焕发新活力", "——从一家老茶馆看文旅融合", "headline/subheadline"),
        ("全市整治违规停车", "从严查处占用消防通道行为", "headline/subheadline"),
    ],
)
def test_an_analysis_title_under_a_title_is_the_headline(upper, lower, stack):
    assert _relabelled(analysis_headlines, ["headline", "subheadline", "byline"], upper, lower) == stack
