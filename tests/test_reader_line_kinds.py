"""Line kinds audited against the gold (stop 33): lines whose text the segmenter read
as a kind the text does not have (imprint, byline, credit, closing...), from real pages."""

from __future__ import annotations

import pytest

from convert_core import parse
from convert_core.model import Article
from convert_core.reader.datelines import parse_byline_line, parse_closing, split_opening
from convert_core.reader.furniture import is_imprint, is_imprint_line, is_page_header, parse_staff

PAGE_HEAD = "人民日报　2026年8月18日　星期二　第1版　要闻\n\n"


def _paragraphs(article: Article) -> list[str]:
    return [getattr(block, "text", "") for block in article.body]


@pytest.mark.parametrize(
    "line",
    [
        "《江泽民外交文选》出版发行",
        "12本原创性哲学社会科学重点教材出版发行",
        "印刷厂里品咖啡美食",
        "本届图博会为期5天，由国家新闻出版署主办。",
        "（作者为人民美术出版社社长）",
        "张惠卿  人民出版社原总编辑",
    ],
)
def test_a_titles_or_a_sentences_imprint_words_label_no_field(line):
    """``出版``, ``发行``, ``主办``, ``社长``, ``印刷`` are words of the imprint box, and of the
    stories: a line that uses them in a title or a sentence is no imprint line."""
    assert not is_imprint(line)


@pytest.mark.parametrize(
    "line",
    [
        "本报地址:青川市建设路45号 邮政编码:467000 新闻热线:0375-4987321",
        "订价：每月30元 零售：每份1.50元",
        "邮编 450000",
        "社长 张三　总编辑 李四",
        "广告经营许可证:4104004000012 青川日报社印务中心印刷",
        "投稿邮箱:shuofangfk@163.com",
    ],
)
def test_an_imprint_boxs_fields_are_imprint(line):
    assert is_imprint(line)


def test_an_imprint_box_on_one_line_runs_long_only_with_three_fields():
    """``is_imprint_line``: a page's line is an imprint line up to 80 characters; longer,
    only as the whole box printed on one line — three fields at least, at most 240
    characters, on a page whose short lines hold an imprint's word."""
    two = "本报地址:青川市建设路" + "四" * 60 + "号 邮政编码:467000"
    three = two + " 新闻热线:0375-4987321"
    assert len(two) > 80 and is_imprint(two) and not is_imprint_line(two)
    assert is_imprint_line(three) and not is_imprint_line(three, words=False)
    assert not is_imprint_line(three + " 零售价:1元" + "五" * 200)
    assert is_imprint_line("邮编 450000")


@pytest.mark.parametrize("model", [None, "none"])
def test_a_headline_and_a_paragraph_with_imprint_words_stay_in_their_story(model):
    """A front page's story about a book (People's Daily, 2026-08-18): its headline
    ``《江泽民外交文选》出版发行`` was page furniture (the imprint), and so was a paragraph
    naming its organizer; the story lost both."""
    page = (
        PAGE_HEAD + "《江泽民外交文选》出版发行\n\n"
        "新华社北京8月17日电　《江泽民外交文选》已由中央文献出版社出版，即日起在全国发行。\n\n"
        "文选收入江泽民同志在外交工作方面的重要文稿，集中反映了他的外交思想。\n\n"
        "本届图博会为期5天，由国家新闻出版署主办。\n\n"
    )
    document = parse(page, model=model)
    articles = [item for item in document.items if isinstance(item, Article)]
    assert [article.headline for article in articles] == ["《江泽民外交文选》出版发行"]
    assert _paragraphs(articles[0])[-1] == "本届图博会为期5天，由国家新闻出版署主办。"
    assert "imprint" not in {piece.kind for piece in document.furniture}


@pytest.mark.parametrize(
    "line",
    [
        "据伊朗法尔斯通讯社13日报道，伊朗民兵武装“动员穷人组织”负责人当天表示，霍尔木兹海峡处于伊朗管理之下。",
        "另据韩联社18日报道，驻韩国美军司令当天与韩国国防部长官举行会谈。",
        "本报今起推出系列报道，关注各地加强劳动者权益保障的政策举措，倾听劳动者的感受与期待。",
    ],
)
def test_a_report_cited_before_a_comma_is_no_dateline(line):
    """A dateline runs into its story after a space or a bracket; ``据…13日报道，`` is the
    opening clause of a sentence citing a report (a later paragraph of its story)."""
    assert split_opening(line) is None


def test_a_closings_dateline_before_a_comma_is_one():
    """A closing's dateline may run on after a comma into its people."""
    closing = parse_closing("（本报约翰内斯堡5月12日电，实习生董嘉怡参与采写）")
    assert closing is not None and closing.dateline == "本报约翰内斯堡5月12日电"


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("据新华社东京8月2日电 国际能源署近日发布报告说，", "据新华社东京8月2日电"),
        ("本报讯（记者 孙雪）春日的阳光洒在市第二实验小学", "本报讯"),
    ],
)
def test_a_dateline_set_off_by_a_space_or_a_bracket_is_one(line, dateline):
    opening = split_opening(line)
    assert opening is not None and opening.dateline == dateline


@pytest.mark.parametrize("model", [None, "none"])
def test_a_books_edition_in_a_headline_is_no_page_number(model):
    """``《新华字典》（第13版）出版座谈会举行`` (People's Daily, 2026-07-27): ``第13版`` is the
    dictionary's thirteenth edition, not the page's number; the headline was page furniture."""
    title = "《新华字典》（第13版）出版座谈会举行"
    page = (
        PAGE_HEAD + title + "\n\n本报北京7月26日电　（记者张贺）《新华字典》（第13版）出版座谈会26日在京举行。\n\n"
        "与会专家认为，新版字典收字更全、释义更准，适应了语言生活的新变化。\n\n"
    )
    document = parse(page, model=model)
    assert [item.headline for item in document.items if isinstance(item, Article)] == [title]
    assert not is_page_header(title) and is_page_header("第13版")


@pytest.mark.parametrize("line", ["在设计审图阶段", "的编辑工作", "对设计方案"])
def test_a_staff_label_inside_a_cut_sentences_word_is_no_staff_line(line):
    """A column break cuts a sentence anywhere (People's Daily, as extracted from its PDF):
    ``在设计审图阶段`` was the staff line of a designer ``审图阶段``, lost from its paragraph."""
    assert parse_staff(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [("美术设计：王五", ["王五"]), ("执行主编 李四", ["李四"]), ("二版责编：张三", ["张三"]), ("责编张三", ["张三"])],
)
def test_a_staff_label_with_a_word_before_it_and_set_off_is_one(line, names):
    assert [person.name for person in parse_staff(line) or []] == names


def test_a_pointer_to_a_range_of_pages_is_no_page_header():
    """``作者和全国先进基层党组织名单（见第五至第七版）``: the end of a sentence (a list is
    printed on pages five to seven), read as the page's header for its ``第七版``."""
    assert not is_page_header("作者和全国先进基层党组织名单（见第五至第七版）")
    assert not is_page_header("详见第三、四版")
    assert is_page_header("第七版") and is_page_header("第03版：要闻")


@pytest.mark.parametrize("model", [None, "none"])
def test_a_cut_sentences_lines_stay_in_their_paragraph(model):
    """Both lines, of a paragraph cut into lines as a PDF extractor cuts it, stay the
    story's text (whatever role the short lines take), not the page's furniture."""
    page = (
        PAGE_HEAD + "新厂房建设提速\n\n本报北京7月1日电　（记者王平）项目建设全面提速。\n\n"
        "为加快进度，项目组\n在设计审图阶段\n就引入了施工单位，大大缩短了工期。表彰\n"
        "作者和全国先进基层党组织名单（见第五至第七版）\n同日公布。\n\n"
    )
    document = parse(page, model=model)
    articles = [item for item in document.items if isinstance(item, Article)]
    texts = {getattr(block, "text", "") for item in articles for block in item.body}
    texts |= {item.headline for item in articles} | {item.subheadline for item in articles}
    cut = {"在设计审图阶段", "作者和全国先进基层党组织名单（见第五至第七版）"}
    assert cut <= {"".join(t.split()) for t in texts if t}
    assert not {piece.text for piece in document.furniture} & cut


WIRE_HEAD = "新华每日电讯　2020年4月27日　星期一　3\n\n"


@pytest.mark.parametrize("model", [None, "none"])
def test_a_bare_dateline_under_a_finished_story_closes_it(model):
    """A wire paper signs a feature at its head (``新华社记者 X`` under the title) and prints
    its dateline alone under the last paragraph: ``新华社北京4月26日电``. Read as an opening,
    it had opened nothing and held the next story (its column label, title and byline) under
    the last as subheads and paragraphs."""
    page = (
        WIRE_HEAD + "“菜篮子”货足价稳\n\n新华社记者　赵文　钱武\n\n"
        "清晨五点，北京一家批发市场已是一派繁忙景象。\n\n"
        "记者在多个超市看到，蔬菜、肉蛋奶等货源充足，市民选购有序。\n\n"
        "新华社北京4月26日电\n\n"
        "■新华视点\n\n网课“刷分”背后的灰色产业链\n\n新华社记者　孙立　周平\n\n"
        "一些学生花钱请人代刷网课，不到一天就能“学完”一门课程。\n\n"
        "专家表示，应加强平台技术监管，堵住漏洞。\n\n"
        "新华社南京4月26日电\n"
    )
    document = parse(page, model=model)
    articles = [item for item in document.items if isinstance(item, Article)]
    assert [article.headline for article in articles] == ["“菜篮子”货足价稳", "网课“刷分”背后的灰色产业链"]
    first, second = articles
    assert second.sources == ["新华社南京4月26日电"]
    if model is None:  # (the rules alone keep a column label under a story as its subhead)
        assert first.sources == ["新华社北京4月26日电"]
    assert [person.name for person in second.bylines] == ["孙立", "周平"]
    assert not any("网课" in text for text in _paragraphs(first))


@pytest.mark.parametrize("model", [None, "none"])
def test_a_bare_dateline_over_a_paragraph_still_opens_it(model):
    """A column break can set a dateline apart from its story's first sentence: under a
    title it opens the story, as before."""
    page = (
        WIRE_HEAD + "多地有序推进复工复产\n\n新华社北京4月26日电\n\n"
        "记者26日从国家发展改革委获悉，全国重点项目复工率已超过九成。\n\n"
        "据了解，4月以来新开工项目数量明显回升。\n"
    )
    document = parse(page, model=model)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert article.dateline == "新华社北京4月26日电"
    assert article.sources == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("新华社“新华视点”记者  王浩", ["王浩"]),
        ("■新华社“中国网事”记者　王浩、李明", ["王浩", "李明"]),
        ("“新华视点”记者 王浩", ["王浩"]),
    ],
)
def test_an_agencys_reporters_of_a_column_named_in_quotes_sign_a_story(line, names):
    """A wire agency names the column its reporters write for (``新华社“新华视点”记者 X``);
    the quotes had hidden the label, and the line was a paragraph."""
    people = parse_byline_line(line)
    assert people is not None and [(person.role, person.name) for person in people] == [("reporter", n) for n in names]


def test_a_datelines_reporters_of_a_column_named_in_quotes_are_its_bylines():
    opening = split_opening("新华社北京4月26日电（“新华视点”记者王浩、李明）记者调查发现，网课代刷已成产业。")
    assert opening is not None and opening.dateline == "新华社北京4月26日电"
    assert [person.name for person in opening.bylines] == ["王浩", "李明"]
    assert opening.rest == "记者调查发现，网课代刷已成产业。"


@pytest.mark.parametrize("line", ["他说“好记者”是", "“新华视点”", "“记者”王浩"])
def test_quoted_words_near_a_label_are_no_byline(line):
    assert parse_byline_line(line) is None


STORY = "春风吹绿千村万户\n\n本报记者　赵六\n\n春风拂面，万物复苏。走进江西赣州的乡村，处处是忙碌的景象。\n\n村民们说，日子越过越有奔头。\n"


def test_a_page_headers_lines_printed_last_are_the_header():
    """An extraction may print the page header under the last story; its second line
    (``4  要闻``: the page number and section) had been the story's last paragraph."""
    document = parse(STORY + "\n人民日报　2020年4月28日　星期二\n\n4　要闻\n")
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert _paragraphs(article)[-1].endswith("村民们说，日子越过越有奔头。")
    assert (document.metadata.page, document.metadata.section) == ("4", "要闻")
    assert [piece.kind for piece in document.furniture] == ["page-header", "page-header"]


@pytest.mark.parametrize("section", ["要闻", "评论"])
def test_a_section_under_a_header_with_a_bare_page_number_is_the_headers(section):
    """``新华每日电讯 2020年4月27日 星期一 3`` prints its page number bare; the section's name
    under it (``要闻``, ``评论``) had been the first story's column or kicker."""
    document = parse(f"新华每日电讯　2020年4月27日　星期一　3\n\n{section}\n\n" + STORY)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.column, article.kicker, article.headline) == (None, None, "春风吹绿千村万户")
    assert (document.metadata.page, document.metadata.section) == ("3", section)


FRONT_MASTHEAD = (
    "人民日报\n\nRENMIN RIBAO\n\n2020年4月28日　星期二\n\n庚子年四月初六\n\n人民网网址：http://www.people.com.cn\n\n"
    "国内统一连续出版物号　CN 11-0065\n\n代号1-1\n\n第25727期\n\n今日20版\n\n人民日报社出版\n\n"
)


def test_a_front_pages_masthead_block_is_furniture():
    """A daily's front page prints its masthead as a block of short lines: the lunar date
    (``庚子年四月初六``, with no ``农历``), the web address, the postal code (``代号1-1``). The
    first of them had been a story's headline, and the block's other lines stories and a
    kicker of the first story (``人民日报社出版``)."""
    page = FRONT_MASTHEAD + STORY
    document = parse(page)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.kicker, article.headline) == (None, "春风吹绿千村万户")
    assert [piece.kind for piece in document.furniture] == ["page-header"] * 3 + ["imprint"] * 7


def test_an_imprint_box_printed_on_one_long_line_is_furniture():
    """The imprint box under the last story, its fields on one line longer than a field
    line ever is: it had been the story's last paragraph."""
    box = (
        "本报社址：北京市朝阳区金台西路2号　邮政编码：100733　电话查询：（010）65368114　"
        "印刷质量监督电话：（010）65369463　广告许可证：京朝工商广字第0183号　零售价：1.50元"
    )
    document = parse(FRONT_MASTHEAD + STORY + "\n" + box + "\n")
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert not any("社址" in text for text in _paragraphs(article))
    assert document.furniture[-1].kind == "imprint" and document.furniture[-1].text.startswith("本报社址")


@pytest.mark.parametrize("line", ["甲午年正月初一的故事", "庚子年春节，武汉"])
def test_a_title_naming_a_lunar_year_is_no_masthead(line):
    """(A guard on the lunar date's pattern: a title may name a lunar year.)"""
    document = parse(line + "\n\n" + STORY)
    assert not document.furniture and line in (document.items[0].kicker, document.items[0].headline)


def test_a_bare_dateline_over_a_pictures_gap_closes_the_story_above():
    """Under the closing dateline a picture stood (a wider gap, its caption and credit): the
    dateline had been an empty story's headline."""
    page = (
        "“菜篮子”货足价稳\n\n新华社记者　赵文　钱武\n\n清晨五点，北京一家批发市场已是一派繁忙景象。\n\n"
        "记者在多个超市看到，蔬菜、肉蛋奶等货源充足，市民选购有序。\n\n新华社北京4月26日电\n\n\n\n"
        "4月26日，市民在北京一家超市选购蔬菜。\n\n新华社记者　李贺　摄\n\n"
        "网课“刷分”背后的灰色产业链\n\n新华社记者　孙立　周平\n\n"
        "一些学生花钱请人代刷网课，不到一天就能“学完”一门课程。\n\n专家表示，应加强平台技术监管，堵住漏洞。\n"
    )
    document = parse(page)
    articles = [item for item in document.items if isinstance(item, Article)]
    assert [article.headline for article in articles] == ["“菜篮子”货足价稳", "网课“刷分”背后的灰色产业链"]
    assert articles[0].sources == ["新华社北京4月26日电"]
    assert [photo.caption for photo in document.photos] == [["4月26日，市民在北京一家超市选购蔬菜。"]]


@pytest.mark.parametrize(
    ("dateline", "bracket", "names"),
    [
        ("本报讯", "（记者　王孟鹤　通讯员　和佳佳）", ["王孟鹤", "和佳佳"]),
        ("新华社北京4月26日电", "(记者王小明)", ["王小明"]),
    ],
)
def test_a_dateline_alone_over_its_bylines_bracket_is_one_opening(dateline, bracket, names):
    """A column break can leave the dateline alone on its line and open the next with the
    bylines' bracket: the two are one opening (the bracket had stayed in the first
    paragraph, and the story had no bylines)."""
    page = (
        "卫东区多措并举抓防控\n\n" + dateline + "\n\n" + bracket + "为切实做好疫情防控工作，该区多措并举。\n\n"
        "据了解，该区还将继续加强巡查，确保各项措施落到实处。\n"
    )
    document = parse(page)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert article.dateline == dateline and [person.name for person in article.bylines] == names
    assert _paragraphs(article)[0].startswith("为切实做好疫情防控工作")


def test_a_dateline_alone_over_a_bracket_naming_nobody_is_not_joined_to_it():
    """(A guard: the next line's bracket must hold the bylines.)"""
    page = "卫东区多措并举抓防控\n\n本报讯\n\n（图片来源：新华社）该区多措并举。\n"
    document = parse(page)
    assert not any(diagnostic.code == "dateline-joined" for diagnostic in document.diagnostics)
    assert document.items[0].bylines == []
