"""Focused tests of single reader rules (the fixture pages test them in context)."""

from __future__ import annotations

import re

import pytest

from convert_core import parse
from convert_core.model import Article, Figure, Paragraph, Photo, Subhead
from convert_core.reader.datelines import joins_cut_dateline, parse_byline_line, parse_closing
from convert_core.reader.epaper_fields import has_title_field, split_fields
from convert_core.reader.furniture import is_page_header, without_staff
from convert_core.reader.headlines import strip_ornaments
from convert_core.reader.lines import Line
from convert_core.reader.people import parse_credit, parse_people
from convert_core.reader.spacing import collapse_ocr_spacing
from convert_core.reader.stack_words import genre_subtitles
from convert_core.reader.text import join_glue

HEADER = "江城日报　2025年3月4日　星期二　第5版　城市\n\n"


def _articles(text: str) -> list[Article]:
    """The articles the hand-written rules read (the role models weigh them with more)."""
    return [item for item in parse(text, model="none").items if isinstance(item, Article)]


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("【标题】京津冀产业链加速成链", [("标题", "京津冀产业链加速成链")]),
        ("【副题】", [("副题", "")]),
        (
            "来源：本报  作者：本报记者 柯 敏  发布时间：2025-03-04 08:31",
            [("来源", "本报"), ("作者", "本报记者 柯 敏"), ("发布时间", "2025-03-04 08:31")],
        ),
        ("作者认为：这是一个问题", None),
        ("据标题：不是字段", None),
    ],
)
def test_field_lines_split_into_labelled_values(line, fields):
    assert split_fields(line) == fields


def test_title_fields_switch_the_page_to_field_reading():
    assert has_title_field("【标题】某某") and has_title_field("标题：某某")
    assert not has_title_field("新标题：某某")


def test_cms_fields_fill_the_stack_and_site_metadata_goes_to_furniture():
    text = (
        "标题：新区人才公寓交付使用\n引题：安居乐业\n来源：本报  作者：本报记者 夏 冰  发布时间：2025-03-04 08:30\n\n"
        "3月3日，新区首批人才公寓交付使用。\n\n上一篇：大桥维修完工\n"
    )
    document = parse(text)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.headline, article.kicker) == ("新区人才公寓交付使用", "安居乐业")
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "夏冰")]
    assert article.sources == []  # 来源：本报 names the paper itself
    kinds = {f.kind for f in document.furniture}
    assert {"date", "navigation"} <= kinds


def test_ocr_letter_spacing_is_collapsed_and_reported():
    lines = [
        Line(no=1, text="全 县 早 稻 长 势 喜 人"),
        Line(no=2, text="本 报 记 者  陈 晓 东"),
        Line(no=3, text="青 溪 报"),
        Line(no=4, text="记者 赵 刚 李 明"),
    ]
    diagnostics = collapse_ocr_spacing(lines)
    assert [line.text for line in lines] == ["全县早稻长势喜人", "本报记者 陈晓东", "青溪报", "记者 赵 刚 李 明"]
    assert diagnostics and diagnostics[0].code == "ocr-spacing-collapsed"


def test_ocr_spacing_with_free_standing_marks_is_collapsed():
    """OCR puts a space around brackets and commas too: ``本 报 讯 （ 记 者 王 平 ）``."""
    lines = [
        Line(no=1, text="本 报 讯 （ 记 者 王 平 ） 今 天 上 午 ， 市 里 召 开 会 议 。"),
        Line(no=2, text="（ 下转第2版 ）"),
    ]
    collapse_ocr_spacing(lines)
    assert lines[0].text == "本报讯（记者王平）今天上午，市里召开会议。"
    assert lines[1].text == "（ 下转第2版 ）"  # not a run of single characters: left alone
    parsed = _articles("城 区 新 闻\n\n本 报 讯 （ 记 者 王 平 ） 今 天 上 午 ， 市 里 召 开 会 议 。\n")
    assert parsed and parsed[0].dateline == "本报讯" and [p.name for p in parsed[0].bylines] == ["王平"]


def test_padded_names_alone_are_not_ocr_spacing():
    lines = [Line(no=1, text="记者 赵 刚 李 明"), Line(no=2, text="王 平")]
    assert collapse_ocr_spacing(lines) == []
    assert lines[0].text == "记者 赵 刚 李 明"


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("本报记者 何 晴 整理", [("reporter", "何晴")]),
        ("文/王 雪", [("writer", "王雪")]),
        ("文/本报记者 李 嘉 图/本报记者 陈 晖", [("reporter", "李嘉"), ("photographer", "陈晖")]),
        ("记者张家豪通讯员王芳", [("reporter", "张家豪"), ("correspondent", "王芳")]),
        # 文/图 after the names: they wrote it and took the pictures (was read as 钱图, 七文)
        ("■本报记者 钱七 文/图", [("reporter", "钱七"), ("photographer", "钱七")]),
        ("本报记者 王 平 文 / 图", [("reporter", "王平"), ("photographer", "王平")]),
        (
            "记者 赵刚 李明 图/文",
            [("reporter", "赵刚"), ("reporter", "李明"), ("photographer", "赵刚"), ("photographer", "李明")],
        ),
        ("钱七 文/图", [("writer", "钱七"), ("photographer", "钱七")]),
        ("■快报记者 张三 文/摄", [("reporter", "张三"), ("photographer", "张三")]),
        (
            "本报记者 张三 王五 摄影报道",
            [("reporter", "张三"), ("reporter", "王五"), ("photographer", "张三"), ("photographer", "王五")],
        ),
        # 参与采写 glued to the name (the name was 闫昌参与)
        ("本报通讯员闫昌参与采写", [("correspondent", "闫昌")]),
        # 摄影报道 run on after the name (was no byline: the line read as a headline)
        ("新华社记者孙凡越摄影报道", [("reporter", "孙凡越"), ("photographer", "孙凡越")]),
        ("本报记者 雷 声摄影报道", [("reporter", "雷声"), ("photographer", "雷声")]),
        ("记者 张三/文 李四/图", [("reporter", "张三"), ("photographer", "李四")]),  # 者 张三 is no padded name
        ("华东电讯记者 赵六", [("reporter", "赵六")]),  # a wire paper's own reporter, like 晨报记者
        # the roles after the names with a space (a city paper's form; was no byline at all)
        ("记者 张三 文 李四 摄", [("reporter", "张三"), ("photographer", "李四")]),
        ("记者 王 文", [("reporter", "王文")]),  # one ideograph before 文: a padded name
        # 文/图 alone before the reporter's label: the reporter took the pictures (was reporter only)
        ("文/图 本报记者 张三", [("reporter", "张三"), ("photographer", "张三")]),
        ("■文/图 快报记者 张三", [("reporter", "张三"), ("photographer", "张三")]),
        ("图 本报记者 李四", [("photographer", "李四")]),
        ("文 本报记者 张三", [("reporter", "张三")]),
        # a city paper's own chief or trainee reporter (was no byline: the line read as a paragraph)
        ("快报首席记者 张三", [("reporter", "张三")]),
        ("晚报见习记者 李四", [("trainee", "李四")]),
    ],
)
def test_byline_forms(text, people):
    parsed = parse_people(text)
    assert parsed is not None
    assert [(p.role, p.name) for p in parsed] == people


def test_a_sentence_ending_in_a_photo_report_names_nobody():
    assert parse_people("记者对此进行了摄影报道") is None
    assert parse_people("摄影报道") is None


def test_a_spaced_writer_and_photographer_line_is_a_byline_not_a_picture_credit():
    (article,) = _articles("钱塘江边的夜跑人\n\n记者 张三 文 李四 摄\n\n晚上8点，江边步道上夜跑的人络绎不绝。\n")
    assert article.headline == "钱塘江边的夜跑人"
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "张三"), ("photographer", "李四")]


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("本报记者 王孟鹤 发自北京", [("reporter", "王孟鹤")]),
        ("本报记者 王孟鹤 李华 发自武汉 报道", [("reporter", "王孟鹤"), ("reporter", "李华")]),
        ("特约撰稿 王孟鹤", [("writer", "王孟鹤")]),
    ],
)
def test_where_a_story_was_filed_from_is_no_name_and_a_contributing_writer_is_one(line, people):
    found = parse_byline_line(line)
    assert found is not None and [(person.role, person.name) for person in found] == people


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("图片 王明", [("photographer", "王明")]),  # (图 alone was tried first: 片 王明 named nobody)
        ("本版图片 王明", [("photographer", "王明")]),
        ("图片来源：视觉中国", [("contributor", "视觉中国")]),
    ],
)
def test_a_picture_credit_after_its_word(line, people):
    found = parse_credit(line)
    assert found is not None and [(person.role, person.name) for person in found] == people


def test_a_papers_local_team_is_a_label_in_a_byline():
    people = parse_byline_line("记者 王大明 通讯员 钱江 萧山报道组 李四")
    assert people is not None and [(person.role, person.name) for person in people] == [
        ("reporter", "王大明"),
        ("correspondent", "钱江"),
        ("correspondent", "李四"),
    ]


@pytest.mark.parametrize("header", ["■快报简讯", "快报简讯", "■新闻速递", "简讯", "环球扫描", "【新闻速读】"])
def test_a_briefs_columns_header_names_nobody(header):
    assert parse_byline_line(header) is None  # ■快报简讯 was a writer called 快报简讯
    assert parse_people(header, default_role="writer") is None
    assert [person.name for person in parse_byline_line("■ 王 强")] == ["王强"]  # a bullet before names
    from convert_core.reader.headlines import is_briefs_header

    assert is_briefs_header(header)


@pytest.mark.parametrize("label", ["■小贴士", "【相关新闻】", "链接", "■你问我答"])
def test_a_box_label_names_nobody_and_nothing_goes_on_across_it(label):
    assert parse_byline_line(label) is None  # ■小贴士 was a writer called 小贴士
    # a short page with no long line: the role model leans to join an unended line to the next
    text = (
        "钱塘江边的夜跑人\n\n本报记者 张三\n\n晚上8点,钱塘江边的步道上,夜跑的人络绎不绝。\n\n"
        f"{label}\n\n夜跑前要充分热身,跑后做好拉伸。\n"
    )
    for model in (None, "none"):  # the shipped role model and the rules alone
        (article,) = [item for item in parse(text, model=model).items if isinstance(item, Article)]
        texts = [block.text for block in article.body]
        assert texts[-1] == "夜跑前要充分热身，跑后做好拉伸。", model
        assert [p.name for p in article.bylines] == ["张三"]


def test_the_story_under_a_box_label_keeps_its_title_apart():
    text = (
        "钱塘江边的夜跑人\n\n本报记者 张三\n\n晚上8点,钱塘江边的步道上,夜跑的人络绎不绝。\n\n"
        "相关新闻\n\n夜跑注意安全\n\n专家提醒,夜跑时要穿着醒目的服装,避免在车流量大的路段跑步。\n"
    )
    for model in (None, "none"):  # the role model joined the title to the paragraph under it
        # (the rules make the box a story of its own, the model a part of the story above)
        articles = [item for item in parse(text, model=model).items if isinstance(item, Article)]
        texts = [text for article in articles for text in [article.headline, *(b.text for b in article.body)]]
        assert texts[-2:] == ["夜跑注意安全", "专家提醒，夜跑时要穿着醒目的服装，避免在车流量大的路段跑步。"], model


def test_two_captions_each_ending_in_its_credit_are_two_photos():
    text = (
        "城市公园迎来赏花高峰\n\n快报记者 张三\n\n本周末,杭州各大公园迎来赏花高峰,吸引了大批市民游客前来。\n\n\n\n"
        "▲游客在太子湾公园赏花。(快报记者 王五 摄)\n\n\n\n图为西湖边盛开的樱花。 通讯员 供图\n"
    )
    for model in (None, "none"):  # the role model ran both into one photo
        photos = [item for item in parse(text, model=model).items if isinstance(item, Photo)]
        assert [(p.caption[0], [(c.role, c.name) for c in p.credits]) for p in photos] == [
            ("游客在太子湾公园赏花。", [("photographer", "王五")]),
            ("图为西湖边盛开的樱花。", [("contributor", "通讯员")]),  # 通讯员 供图, with a space
        ], model


def test_paid_notices_are_advertisement_until_the_next_story():
    text = (
        HEADER
        + "公　告\n\n刘某强：本院受理原告诉你借贷纠纷一案，现依法公告送达。\n\n江北区人民法院\n\n2024年11月21日\n\n"
        "全市法院集中发放案款\n\n本报讯（记者 唐 宁）11月19日，市中级人民法院举行案款集中发放活动。\n"
    )
    document = parse(text)
    (article,) = _articles(text)
    assert article.headline == "全市法院集中发放案款"
    notice = [f.text for f in document.furniture if f.kind == "advertisement"]
    assert notice[0] == "公 告" and "2024年11月21日" in notice
    assert "date" not in {f.kind for f in document.furniture}


def test_alias_remark_is_the_last_paragraph_of_the_story_above():
    """A remark printed as the story's last line stays its last paragraph, as e-paper
    records keep it (not repeated in the notes); the next title starts a new story."""
    text = (
        HEADER + "高空抛物砸坏车辆\n\n通讯员 周 敏 记者 唐 宁\n\n法院判决张某赔偿刘先生修车费用。\n\n"
        "（文中当事人均为化名）\n\n全市法院发放案款\n\n本报讯（记者 唐 宁）法院举行案款发放活动。\n"
    )
    first, second = _articles(text)
    assert [block.text for block in first.paragraphs][-1] == "（文中当事人均为化名）"
    assert first.notes == []
    assert second.kicker is None and second.headline == "全市法院发放案款"


@pytest.mark.parametrize("model", [None, "none"])
@pytest.mark.parametrize(
    ("note", "printed"),
    [
        ("编者按：本版今起推出系列报道，敬请关注。", ["编者按：本版今起推出系列报道，敬请关注。"]),
        ("本版今起推出系列报道，敬请关注。\n\n——编 者", ["本版今起推出系列报道，敬请关注。", "——编 者"]),
    ],
)
def test_an_editors_note_stays_in_the_body_where_printed_and_the_byline_under_it_is_the_storys(model, note, printed):
    """An editor's note (``编者按：…``, or a paragraph signed ``——编 者``) is kept in the
    body where it is printed, label and signature included, as note paragraphs (the e-paper
    records keep it so); the byline under it is still the story's byline."""
    text = (
        HEADER + "一座小院里的“共享厨房”\n\n"
        f"{note}\n\n■本报记者 刘 洋\n\n上午10点多，石桥村的一座农家小院里已经热闹起来。\n\n"
        "这座小院是村里的“共享厨房”，为老人提供午餐。\n"
    )
    document = parse(text, model=model)
    (article,) = document.articles
    assert article.headline == "一座小院里的“共享厨房”" and article.kicker is None
    notes = [(block.text, block.note) for block in article.paragraphs[: len(printed)]]
    assert notes == [(line, True) for line in printed]
    assert "".join(block.text for block in article.paragraphs[len(printed) :]).startswith("上午10点多")
    assert not any(block.note for block in article.paragraphs[len(printed) :])
    assert [person.name for person in article.bylines] == ["刘洋"] and article.notes == []
    assert any(note.code == "editor-note" for note in document.diagnostics)


def test_closing_credit_line_stays_a_paragraph_and_is_read():
    """（本报东京3月8日电） or （记者 X） on the story's last line: the last paragraph as
    printed, and its dateline (a source: the article's dateline is the one that opens it)
    or people read into the article's fields."""
    text = HEADER + "日本企业加薪\n\n日本政府表示将扩大税收优惠。\n\n（本报东京3月8日电）\n"
    (article,) = _articles(text)
    assert article.paragraphs[-1].text == "（本报东京3月8日电）"
    assert article.dateline is None and article.sources == ["本报东京3月8日电"] and article.attribution == []
    text = HEADER + "日本企业加薪\n\n本报东京3月7日电  日本政府表示将扩大税收优惠。\n\n（本报东京3月8日电）\n"
    (article,) = _articles(text)
    assert article.dateline == "本报东京3月7日电" and article.sources == ["本报东京3月8日电"]
    text = HEADER + "日本企业加薪\n\n日本政府表示将扩大税收优惠。\n\n（记者 王 平）\n"
    (article,) = _articles(text)
    assert article.paragraphs[-1].text == "（记者 王 平）"
    assert [person.name for person in article.bylines] == ["王平"]


@pytest.mark.parametrize("note", ["（作者为某省委党校教授）", "〔作者系某省委党校（行政学院）常务副校长〕"])
def test_an_author_note_closes_its_story_in_round_or_tortoise_shell_brackets(note):
    """``〔作者系…〕`` closes a commentary as ``（作者为…）`` does: the story's last
    paragraph, never the title of the story after it."""
    text = (
        HEADER + "把好用权方向盘\n\n张 明\n\n树立正确政绩观，要把好用权的方向盘。\n\n"
        f"{note}\n\n创新实战培训模式\n\n李 华\n\n培训要紧扣干部履职需要。\n"
    )
    first, second = _articles(text)
    assert first.paragraphs[-1].text == note
    assert second.headline == "创新实战培训模式" and second.kicker is None


_PACKAGE = (
    HEADER + "新春走基层\n\n本报记者  王  平\n\n春节前夕，记者走进江城的车站、社区和田间，记录坚守岗位的身影。\n\n"
    "车站里的守护者\n\n本报记者  李  华\n\n凌晨5点，江城火车站的候车大厅已经人来人往。客运员张红一早就站在检票口。\n\n"
    "“春运是我们最忙的时候。”张红说。\n\n田间的新春\n\n本报记者  赵  敏\n\n大年初二，江城县石桥村的大棚里一片翠绿。\n"
)


def test_a_packages_parts_bylines_are_paragraphs_and_credit_the_part_not_the_story():
    """One title over signed parts (read so by the role model): the story's byline is the
    one under its title; a part's ``本报记者 李 华`` stays a paragraph as printed, and its
    people are the part's, not the story's (as the paper's records credit them)."""
    (article,) = [item for item in parse(_PACKAGE).items if isinstance(item, Article)]
    assert article.headline == "新春走基层"
    assert [(person.role, person.name) for person in article.bylines] == [("reporter", "王平")]
    texts = [block.text for block in article.body]
    assert "本报记者 李 华" in texts and "本报记者 赵 敏" in texts and "车站里的守护者" in texts
    # a closing line's people are still the story's
    (article,) = _articles(
        HEADER + "日本企业加薪\n\n本报记者  王  平\n\n日本政府表示将扩大税收优惠。\n\n（记者 李 华）\n"
    )
    assert [person.name for person in article.bylines] == ["王平", "李华"]


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("（王平、李华参与采写）", "王平、李华参与采写"),
        ("（实习生王平亦有贡献）", "实习生王平亦有贡献"),
        ("（相关报道见第二版）", "相关报道见第二版"),
        ("（本系列评论到此结束）", "本系列评论到此结束"),
        ("（完）", "完"),
    ],
)
def test_a_note_on_the_storys_making_closes_it_without_bylines(line, note):
    """``（王平参与采写）``, ``（…亦有贡献）``, ``（…整理）``, a cross-reference or the end of a
    series, in brackets on a story's last line: a closing note, the story's last paragraph;
    the people it names helped and are not the story's bylines."""
    closing = parse_closing(line)
    assert closing is not None and closing.note == note and closing.bylines == []
    text = (
        HEADER + "城区新建口袋公园\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座。\n\n"
        f"{line}\n\n全市法院发放案款\n\n本报讯（记者 唐 宁）法院举行案款发放活动。\n"
    )
    first, second = _articles(text)
    assert first.paragraphs[-1].text == line
    assert [person.name for person in first.bylines] == ["张明"]
    assert second.headline == "全市法院发放案款" and second.kicker is None


def test_a_story_taken_from_another_paper_names_it_as_its_source_and_who_wrote_it_up_is_a_byline():
    closing = parse_closing("（摘编自《江城日报》）")
    assert closing is not None and closing.sources == ["摘编自《江城日报》"] and closing.note is None
    for line in ("（本报记者赵敏整理）", "本报记者 赵 敏 整理"):
        people = parse_byline_line(line)
        assert people is not None and [(person.role, person.name) for person in people] == [("reporter", "赵敏")]


def test_a_page_spaced_out_alike_is_read_as_if_single_spaced(seed_path):
    """An extraction that writes three blank lines where the seed has one (and seven where
    it has three, before a picture) gives the seed's items: the model knows gaps as the
    seed's kind of page spaces them."""
    text = seed_path.read_text(encoding="utf-8")
    spaced = parse(text.replace("\n", "\n\n"))

    def shape(document):
        return [
            (item.type, getattr(item, "headline", None), [block.text for block in getattr(item, "body", [])])
            for item in document.items
        ]

    assert shape(spaced) == shape(parse(text)) and len(spaced.items) == 10
    assert any(diagnostic.code == "spacing-normalized" for diagnostic in spaced.diagnostics)


def test_a_wire_papers_masthead_names_the_publication():
    document = parse(
        "新华每日电讯\n\n2020年4月27日 星期一\n\n第3版 要闻\n\n多地出台措施促进消费回暖\n\n本报讯 近期多地出台措施。\n"
    )
    assert document.metadata.publication == "新华每日电讯" and document.metadata.page == "3"
    assert document.furniture[0].text == "新华每日电讯"


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("A02 2020年4月28日 星期二 都市快报 要闻", "要闻"),
        ("2020年4月28日 星期二 都市快报", None),
        ("都市快报 2020年4月28日 星期二 农历庚子年四月初六", None),  # the lunar date
    ],
)
def test_the_papers_name_in_a_header_is_not_its_section(header, section):
    document = parse(header + "\n\n卫东区积极开展爱国卫生月活动\n\n本报讯 （记者王孟鹤）近日，该区开展活动。\n")
    assert (document.metadata.publication, document.metadata.section) == ("都市快报", section)


def test_a_page_number_and_section_on_their_own_line_under_the_masthead_are_the_headers():
    page = "人民日报\n\n2019年11月12日 星期二\n\n4 要闻\n\n\n\n让城市治理更有温度\n\n本报讯 城市治理是国家治理的重要内容。\n"
    document = parse(page)
    assert (document.metadata.page, document.metadata.section) == ("4", "要闻")
    assert document.items[0].headline == "让城市治理更有温度" and document.items[0].column is None


def test_a_short_section_name_under_the_dated_header_is_the_headers_not_the_first_title():
    page = "都市快报\n\n2020年4月28日 星期二 A08\n\n城事\n\n\n\n杭州一小区电梯加装完工\n\n快报讯（记者 王小明）昨天上午，加装电梯投入使用。\n"
    document = parse(page)
    assert document.metadata.section == "城事" and document.items[0].headline == "杭州一小区电梯加装完工"
    # no wider gap under it (a kicker over its headline), or a longer line: the first story's
    kicker = parse(page.replace("城事\n\n\n\n", "城事\n\n"))
    assert (kicker.items[0].kicker, kicker.items[0].headline) == ("城事", "杭州一小区电梯加装完工")
    title = parse(page.replace("城事", "朱镕基同志生平"))
    assert "朱镕基同志生平" in title.items[0].headline


def test_a_pointer_to_another_page_is_no_page_header():
    assert not is_page_header("（相关报道见第二版）") and not is_page_header("详见第3版")
    assert is_page_header("第03版：要闻") and is_page_header("2020年4月28日 星期二 第3版")


@pytest.mark.parametrize("header", ["杭州新闻 A06", "要闻｜A02", "快报 A06 2020-04-28", "2020.04.28 A06"])
def test_a_city_papers_running_header_of_section_page_code_or_date_is_furniture(header):
    """A city paper's header line of a section and the page's letter and number, or a date
    and that number (the first was read as the page's headline, the others as a kicker)."""
    assert is_page_header(header)
    doc = parse(
        f"{header}\n\n西湖边这家老字号重新开张\n\n记者 张三\n\n昨天上午10点，位于湖滨路的百年老店重新开门营业。\n"
    )
    (article,) = doc.articles
    assert (article.kicker, article.headline) == (None, "西湖边这家老字号重新开张")
    assert [f.text for f in doc.furniture] == [header] and doc.metadata.page == re.search(r"[A-Z]\d\d", header)[0]


@pytest.mark.parametrize("title", ["购买奥迪 A6", "国产大飞机C919首飞", "U17男足 A组出线"])
def test_a_title_with_a_model_number_is_no_page_header(title):
    assert not is_page_header(title)


def test_a_caption_a_column_break_cut_is_one_paragraph_and_a_charts_title_stays_apart():
    photo = (
        HEADER + "社区义诊进社区\n\n本报讯（记者 王平）社区医生走进社区开展义诊。\n\n\n\n"
        "8月5日，在河南省商丘市夏邑县会亭镇中心卫生\n\n院，社区医生为环卫工人测量血压。\n\n王高超 摄\n"
    )
    for model in ("none", None):
        document = parse(photo, model=model)
        (picture,) = [item for item in document.items if isinstance(item, Photo)]
        assert picture.caption == ["8月5日，在河南省商丘市夏邑县会亭镇中心卫生院，社区医生为环卫工人测量血压。"]
        assert any(note.code == "column-break-join" and "caption" in note.message for note in document.diagnostics)
    chart = (
        HEADER + "就业形势总体稳定\n\n本报讯（记者 王平）今年以来全市就业形势总体稳定。\n\n\n\n"
        "2021年1—8月全市城镇新增就业情况\n\n数据来源：明城市人力资源和社会保障局\n\n制图 王 琳\n"
    )
    (picture,) = [item for item in parse(chart, model="none").items if isinstance(item, Photo)]
    assert picture.caption == ["2021年1—8月全市城镇新增就业情况", "数据来源：明城市人力资源和社会保障局"]


def test_box_label_is_a_subhead_and_titled_label_a_new_piece():
    text = (
        HEADER + "固态电池低温性能提升\n\n本报讯（记者 钱 程）科研团队研制出新型固态电池。\n\n相关链接\n\n"
        "固态电池是使用固体电解质的锂电池。\n\n记者手记\n\n让“救命钱”用得更顺畅\n\n维修资金被称为房屋的“养老钱”。\n"
    )
    story, piece = _articles(text)
    assert Subhead("相关链接") in story.body
    assert (piece.column, piece.headline, piece.bylines) == ("记者手记", "让“救命钱”用得更顺畅", [])


def test_verse_lines_are_paragraphs():
    text = (
        HEADER + "诗歌\n秋日的田野\n文/王 雪\n\n稻穗低下了头\n像一群谦逊的老人\n在风里\n轻轻地说着丰收\n\n"
        "田埂上的脚印\n被阳光晒得发烫\n父亲弯下腰\n把整个秋天扛在肩上\n"
    )
    (poem,) = _articles(text)
    assert (poem.column, poem.headline) == ("诗歌", "秋日的田野")
    assert all(isinstance(block, Paragraph) for block in poem.body)
    assert len(poem.body) == 8


def test_a_stack_of_four_titles_without_blank_lines_is_not_verse():
    text = (
        HEADER + "第一段文字，说明情况。\n\n第二段文字，继续说明。\n\n第三段文字，结束。\n\n"
        "聚焦两会\n春风化雨润民心\n代表委员热议民生\n一线见闻\n本报记者 王 平\n\n"
        "3月5日，记者来到会场，代表们正在热烈讨论。\n\n会上，大家纷纷发言。\n"
    )
    titled = [article for article in _articles(text) if article.headline]
    assert titled and titled[-1].bylines and titled[-1].bylines[0].name == "王平"
    stack = " ".join(filter(None, (titled[-1].kicker, titled[-1].headline, titled[-1].subheadline)))
    assert "代表委员热议民生" in stack and "春风化雨润民心" in stack
    assert not any(d.code == "verse" for d in parse(text).diagnostics)


def test_bare_bylines_after_a_dateline_name_every_person():
    from convert_core.reader.datelines import split_opening

    opening = split_opening("本报讯 记者 王平、李明 近日，全市召开会议。")
    assert opening is not None
    assert [(p.role, p.name) for p in opening.bylines] == [("reporter", "王平"), ("reporter", "李明")]
    assert opening.rest == "近日，全市召开会议。"


@pytest.mark.parametrize(
    ("text", "dateline", "people", "rest"),
    [
        # the names with the verb glued on after the label (was no byline: all of it text)
        ("本报北京4月26日讯 记者张三报道：近日，全市召开会议。", "本报北京4月26日讯", ["张三"], "近日，全市召开会议。"),
        ("本报讯 记者张三、李四报道 近日，全市召开会议。", "本报讯", ["张三", "李四"], "近日，全市召开会议。"),
        # the bylines in lenticular brackets
        ("本报讯 【记者 张三】近日，全市召开会议。", "本报讯", ["张三"], "近日，全市召开会议。"),
        # no dateline: the bylines and their verb open the paragraph
        ("本报记者 王一 报道：近日，全市召开会议。", None, ["王一"], "近日，全市召开会议。"),
        ("记者张三报道：近日，全市召开会议。", None, ["张三"], "近日，全市召开会议。"),
    ],
)
def test_bylines_with_their_verb_or_in_lenticular_brackets_open_a_paragraph(text, dateline, people, rest):
    from convert_core.reader.datelines import split_opening

    opening = split_opening(text)
    assert opening is not None
    assert (opening.dateline, [p.name for p in opening.bylines], opening.rest) == (dateline, people, rest)
    assert opening.attribution + opening.rest == text.replace(" 近日", "近日")  # nothing dropped
    (article,) = [item for item in parse(f"全市召开会议\n\n{text}\n").items if isinstance(item, Article)]
    assert [p.name for p in article.bylines] == people and article.dateline == dateline


@pytest.mark.parametrize(
    "text",
    [
        "记者 张三 说，全市召开会议。",
        "记者从市教育局获悉，全市召开会议。",
        "本报记者 王一 报道 近日，全市召开会议。",
        "本报讯 记者报道：近日，全市召开会议。",
    ],
)
def test_a_sentence_about_a_reporter_opens_no_bylines(text):
    from convert_core.reader.datelines import split_opening

    opening = split_opening(text)
    assert opening is None or not opening.bylines


def test_a_paper_name_alone_is_a_masthead_in_either_script():
    from convert_core.reader.furniture import masthead_kind

    assert masthead_kind("青岚报") == masthead_kind("青嵐報") == "page-header"


def test_a_dateline_opening_a_part_inside_the_story_is_a_paragraph_a_column_break_may_cut():
    """A round-up's second report opens with its own dateline inside the story: a paragraph
    as printed (it was an unclassified block), joined across the column break that cut it."""
    text = (
        HEADER
        + "多地防汛救灾工作有序推进\n\n本报北京8月1日电  （记者 王平）水利部8月1日联合发布红色山洪灾害气象预警。\n\n"
        "其他地区也可能因局地短历时强降水引发山洪灾害。\n\n本报北京8月1日电  （记者 李华）记者从水利部获悉：据\n\n"
        "预报，8月1日东北东部将有大到暴雨，2日东北东南部有大雨。\n"
    )
    (article,) = _articles(text)
    assert all(isinstance(block, Paragraph) for block in article.body)
    assert (
        article.body[-1].text
        == "本报北京8月1日电 （记者 李华）记者从水利部获悉：据预报，8月1日东北东部将有大到暴雨，2日东北东南部有大雨。"
    )
    assert article.dateline == "本报北京8月1日电" and [person.name for person in article.bylines] == ["王平"]


def test_a_pictures_credit_inside_a_story_is_a_paragraph_as_printed_without_a_warning():
    """``记者 王敏 摄`` printed among a story's paragraphs (its picture's credit, the caption
    under it): a paragraph as the records keep it, not an unclassified block with a
    warning, and the caption under it is not run on to it."""
    text = (
        HEADER + "家门口的书房越来越多了\n\n本报讯（记者 张三）全市今年计划新增城市书房50个。\n\n"
        "目前已建成城市书房120余家。\n\n记者 王敏 摄\n\n读者在城市书房里看书。\n"
    )
    document = parse(text)  # (the rules alone read the line over the credit as its caption)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert [block.text for block in article.body if isinstance(block, Paragraph)][-2:] == [
        "记者 王敏 摄",
        "读者在城市书房里看书。",
    ]
    assert not any(note.code == "unclassified-line" for note in document.diagnostics)


def test_a_box_label_the_model_reads_inside_a_story_is_a_subhead_without_a_warning():
    """``记者手记`` over a reporter's notes at a story's end, read by the model as part of
    the story (as People's Daily's records keep it): a subhead as printed, not an
    unclassified block with a warning."""
    text = (
        HEADER + "考古新发现让更多年轻人走进博物馆\n\n本报记者  张  三\n\n"
        "今年以来，全市博物馆接待观众同比增长三成，其中青年观众占比超过一半。\n\n"
        "“2026年是中国现代考古学诞生105年，今天考古正在走进大众。”馆长李华说。\n\n记者手记\n\n"
        "让越来越多年轻人爱上传统文化\n\n走进展厅，记者看到不少年轻人拿着手机认真拍摄展品说明。\n"
    )
    document = parse(text)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert "记者手记" in [block.text for block in article.body if isinstance(block, Subhead)]
    assert not any(note.code == "unclassified-line" for note in document.diagnostics)


def test_a_subhead_inside_a_story_keeps_its_ornaments_as_printed():
    text = (
        HEADER + "流感进入高发期\n\n本报讯（记者 王平）近日，我市流感病例明显增多。\n\n■重点人群尽早接种\n\n"
        "专家建议老人和儿童尽早接种流感疫苗。\n\n【法官说法】\n\n法官表示，经营者应当如实告知。\n"
    )
    (article,) = _articles(text)
    assert [block.text for block in article.body if isinstance(block, Subhead)] == ["■重点人群尽早接种", "【法官说法】"]


def test_every_bullet_is_an_ornament_of_a_tag_but_not_the_middle_dot():
    from convert_core.reader.headlines import strip_ornaments

    assert strip_ornaments("▼简讯") == "简讯"
    assert strip_ornaments("走进新时代·") == "走进新时代·"


def test_epaper_body_on_the_label_line_and_shoulder_titles():
    text = "【标题】人才公寓交付\n【肩题】安居乐业\n【作者】新区融媒体中心\n【正文】3月3日，新区首批人才公寓交付使用。\n首批入住的有120户。\n"
    document = parse(text)
    (article,) = _articles(text)
    assert (article.kicker, article.headline) == ("安居乐业", "人才公寓交付")
    assert [block.text for block in article.body] == ["3月3日，新区首批人才公寓交付使用。", "首批入住的有120户。"]
    assert article.attribution == ["新区融媒体中心"]
    assert "author-field-unread" in {d.code for d in document.diagnostics}


def test_a_field_label_padded_before_its_colon_is_still_a_field():
    assert split_fields("发布时间    ：2025-03-04 08:30") == [("发布时间", "2025-03-04 08:30")]


def test_a_genre_tag_over_an_unsigned_piece_is_its_column():
    (piece,) = _articles(HEADER + "散文\n\n老屋的灯\n\n小时候，老屋的灯总是亮到很晚。\n")
    assert (piece.column, piece.kicker, piece.headline) == ("散文", None, "老屋的灯")


def test_a_masthead_date_in_chinese_numerals_is_the_edition_date():
    document = parse("江城日报　二〇二五年三月四日　星期二\n\n城东公园开园\n\n本报讯（记者 王 平）3月3日，公园开园。\n")
    assert (document.metadata.edition_date, document.metadata.date_source) == ("2025-03-04", "header")


def test_the_weekday_before_the_page_number_is_not_the_section():
    document = parse("江城日报　2025年3月4日　星期二　第5版\n\n城东公园开园\n\n本报讯（记者 王 平）公园开园。\n")
    assert document.metadata.page == "5" and document.metadata.section is None


def test_a_one_sentence_line_after_extra_blank_lines_in_a_pictured_story_is_its_caption():
    text = (
        HEADER + "老街换新颜\n\n本报讯（记者 李 嘉 摄影 陈 晖）老街改造完工，街道两旁开了不少新店。\n\n\n\n"
        "改造后的老街吸引了众多市民。\n\n"
        "改造工程历时半年，沿街建筑的外立面全部翻新，地下管网同步更新。\n\n街道两侧还新增了绿地和座椅。\n\n"
        "不少市民专程前来游览。\n\n商户们说，客流比改造前多了一倍。\n"
    )
    (article,) = _articles(text)
    assert [type(block).__name__ for block in article.body] == ["Paragraph", "Figure"] + ["Paragraph"] * 4


def test_a_table_inside_a_story_keeps_its_source_line_and_the_story_goes_on():
    text = (
        HEADER + "股市行情\n\n本报讯（记者 王 平）昨日两市震荡。\n\n主要指数表现\n上证指数 3382.61 +0.93%\n"
        "深证成指 10824.33 +1.12%\n创业板指 2213.40 +1.35%\n（数据来源：交易所）\n\n分析人士认为，市场仍将震荡。\n"
    )
    document = parse(text)
    (article,) = _articles(text)
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "王平")]
    kinds = [type(block).__name__ for block in article.body]
    assert kinds == ["Paragraph", "Unclassified", "Paragraph"]
    assert article.body[1].text.endswith("（数据来源：交易所）")
    assert [d.code for d in document.diagnostics if d.code in ("table", "unclassified-line")] == ["table"]


def test_rows_of_words_without_figures_are_not_a_table():
    text = HEADER + "城区公园一览\n\n本报讯（记者 王 平）全市公园如下。\n东湖 西山 南岭\n北塘 中园 老街\n"
    assert "table" not in {d.code for d in parse(text).diagnostics}


def test_a_headline_that_starts_with_a_signature_label_is_not_a_letter_signature():
    text = (
        HEADER
        + "城东道路完工\n\n本报讯（记者 王 平）道路改造完工。\n\n市民公园开园\n\n本报讯（记者 王 平）公园开园。\n"
    )
    first, second = _articles(text)
    assert [p.name for p in first.bylines] == ["王平"] and second.headline == "市民公园开园"


def test_a_weather_heading_is_furniture_not_a_kicker():
    text = HEADER + "今日天气\n多云 12℃～20℃\n\n城东公园开园\n\n本报讯（记者 王 平）公园开园。\n"
    document = parse(text)
    (article,) = _articles(text)
    assert article.kicker is None
    assert [f.text for f in document.furniture if f.kind == "weather"] == ["今日天气", "多云 12℃～20℃"]


@pytest.mark.parametrize("line", ["◆桃花开了", "桃花开了："])
def test_marked_or_colon_lines_are_not_verse(line):
    text = HEADER + "诗歌\n秋日\n文/王 雪\n\n" + "\n".join([line] * 4) + "\n"
    assert "verse" not in {d.code for d in parse(text).diagnostics}


def test_a_spaced_title_is_a_supplement_title_only_under_the_page_line():
    (article,) = _articles("返回目录\n\n春 天\n\n本报讯（记者 李 嘉）春天来了。\n")
    assert article.headline == "春 天"


def test_a_bad_punctuation_option_is_a_usage_error_before_any_reading():
    from convert_core import UsageError

    with pytest.raises(UsageError, match="punctuation"):
        parse("", punctuation="half")  # an empty page would be an input error: the option is checked first


def test_any_word_matches_like_a_plain_alternation_in_both_scripts() -> None:
    """The fast word-list pattern finds what ``cre("(?:a|b|...)")`` finds: same span,
    same word (the first listed wins), simplified or traditional."""
    import random
    import re

    from convert_core.reader.text import any_word, cre

    words = ("本报地址", "地址", "邮政编码", "邮编", "E-mail", "热线", "服务热线", "a.b", "主办")
    fast = re.compile(any_word(words))
    plain = cre("(?:" + "|".join(map(re.escape, words)) + ")")
    samples = ["本報地址：北京", "郵政編碼100000", "服务热线 12345", "E-mail: x", "axb a.b", "由市委主辦", "无关的一行"]
    pieces = [
        "地",
        "址",
        "邮",
        "郵",
        "编",
        "編",
        "码",
        "碼",
        "热",
        "線",
        "线",
        "服务",
        "本报",
        "a",
        ".",
        "b",
        " ",
        "主",
        "办",
    ]
    rng = random.Random(7)
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in samples:
        one, two = fast.search(text), plain.search(text)
        assert (one and (one.span(), one.group())) == (two and (two.span(), two.group())), text


def test_squeeze_and_cjk_count_agree_with_their_definitions() -> None:
    """``squeeze`` (str.split) collapses exactly the whitespace SPACE_RE names, and
    ``cjk_count`` counts exactly the characters of CJK_RANGES."""
    import random
    import sys

    from convert_core.reader.text import SPACE_RE, cjk_count, is_cjk, squeeze

    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace() or SPACE_RE.match(chr(code))]
    for char in [*spaces, "a", "中", "\u200b", "\ufeff"]:
        for text in (char, f"a{char}b", f"{char}{char}x{char}", f"x{char} {char}y"):
            assert squeeze(text) == SPACE_RE.sub(" ", text).strip(), repr(text)
    rng = random.Random(5)
    edges = [0x3400, 0x4DBF, 0x4DC0, 0x4E00, 0x9FFF, 0xA000, 0xF900, 0xFAFF, 0xFB00, 0x20000, 0x3134F, 0x31350]
    for _ in range(2000):
        text = "".join(
            chr(rng.choice([rng.choice(edges) + rng.randint(-1, 1), rng.randint(0, 0x32000)]))
            for _ in range(rng.randint(0, 40))
        )
        text = "".join(char for char in text if not "\ud800" <= char <= "\udfff")
        assert cjk_count(text) == sum(1 for char in text if is_cjk(char)), repr(text)


SHORT_WRAPPED = """江城日报　2025年3月4日　星期二　第5版　城市

老城区改造项目全面启动
首批涉及三个街道

今年我市将对老城区实施全面改造计划总
投资达十二亿元，涉及居民三千余户。市住
建局有关负责人表示，改造将分批推进，首
批涉及解放、中山、人民三个街道，预计年
底前完成。
据介绍，改造内容包括管网更新、道路修
缮、加装电梯等，同时将增设停车位和社区
养老服务设施。
"""


def test_a_short_hard_wrapped_story_is_rejoined():
    """Eight to eleven printed lines are enough when they plainly show a column (most of
    one width, cut mid-sentence, holding commas); the first line, with no comma, is no
    longer taken for a subheadline."""
    doc = parse(SHORT_WRAPPED)
    (article,) = _articles(SHORT_WRAPPED)
    assert article.headline == "老城区改造项目全面启动" and article.subheadline == "首批涉及三个街道"
    assert [block.text for block in article.body] == [
        "今年我市将对老城区实施全面改造计划总投资达十二亿元，涉及居民三千余户。市住建局有关负责人表示，"
        "改造将分批推进，首批涉及解放、中山、人民三个街道，预计年底前完成。",
        "据介绍，改造内容包括管网更新、道路修缮、加装电梯等，同时将增设停车位和社区养老服务设施。",
    ]
    assert "hard-wrap-reflowed" in [d.code for d in doc.diagnostics]


def test_a_short_list_of_titles_is_not_taken_for_wrapped_text():
    titles = "\n".join(
        [
            "要闻速览",
            "全市经济运行稳中向好态势",
            "春耕生产有序推进保障有力",
            "老城区改造项目全面启动了",
            "新建学校九月将投入使用了",
            "城市绿道串起百里好风光",
            "文化惠民演出走进各社区",
            "冬季供暖保障平稳又有序",
            "全市新增就业岗位两万个",
        ]
    )
    assert "hard-wrap-reflowed" not in [d.code for d in parse(titles + "\n").diagnostics]


def test_pdf_title_lines_without_a_blank_between_are_one_wrapped_title():
    """In PDF text the blocks of a stack are separated by blank lines: two title lines with
    none between are one title wrapped (even mid-word), while a short figure line in a
    block of its own stays a subheadline."""
    text = (
        "江城日报　2025年3月4日　星期二　第5版　城市\n\n"
        "全市今年新建改造社区菜\n市场和便民服务网点46个\n\n"
        "本报讯（记者 王平）今年，我市新建改造社区菜市场和便民服务网点46个，居民买菜更方便了。\n\n"
        "凝心聚力抓项目\n\n柳林街道集中开工项目12个\n\n总投资23.6亿元\n\n"
        "本报讯（记者 王平）9月16日，柳林街道重点项目集中开工，总投资23.6亿元。\n"
    )
    first, second = _articles(text)
    assert (first.kicker, first.headline, first.subheadline) == (
        None,
        "全市今年新建改造社区菜市场和便民服务网点46个",
        None,
    )
    assert (second.kicker, second.headline, second.subheadline) == (
        "凝心聚力抓项目",
        "柳林街道集中开工项目12个",
        "总投资23.6亿元",
    )


def test_a_page_number_printed_bare_in_a_dated_footer_is_read():
    text = "本报讯（记者 王平）今天上午，全市召开会议。\n\n2025年6月20日　星期五　综合新闻　3　桐江报\n"
    assert parse(text).metadata.page == "3"
    assert (
        parse("本报讯（记者 王平）今天上午，全市召开会议。\n\n2025年6月20日　星期五　3　12　桐江报\n").metadata.page
        is None
    )


def test_a_photo_between_a_story_and_a_briefs_column_stands_alone():
    text = (
        "江城日报　2025年3月4日　星期二　第5版　城市\n\n"
        "长者医疗券使用率创新高\n\n"
        "本报讯（记者 王平）今年首十个月，全市长者医疗券的申领宗数超过四百万宗，创历年新高。\n\n"
        "卫生部门指出，医疗券今年起也可在指定医院使用，长者反应理想。\n\n\n\n"
        "昨日，市民在江边欣赏灯饰。本报记者 李明 摄\n\n"
        "城市简讯\n\n"
        "■新街市明年启用　市场大楼工程已进入收尾阶段，预计明年第二季启用。（记者 吴咏）\n\n"
        "■海滩拾获大批胶瓶　环保团体上周末清理海滩，两小时内拾获逾三千个胶瓶。（记者 王平）\n"
    )
    items = parse(text).items
    assert [type(item).__name__ for item in items] == ["Article", "Photo", "Article", "Article"]
    assert [type(block).__name__ for block in items[0].body] == ["Paragraph", "Paragraph"]


def test_fast_reader_helpers_agree_with_their_plain_definitions():
    """The speed-ups keep the results: half-width marks by one split (was a callback per
    mark), a lost character found by str.find (was a pattern per pair), and the script
    decided by the first distinctive character when the other script has none."""
    import random
    import re

    from convert_core.reader import punctuation
    from convert_core.reader.body import _lost_character
    from convert_core.reader.decoding import _SIMPLIFIED_ONLY_RE, _TRADITIONAL_ONLY_RE, chinese_script

    side = punctuation._CHINESE_SIDE
    plain_marks = re.compile(f"(?<={side})[,;:?!]|[,;:?!](?={side})")
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice("中文,;:?!ab1 。“") for _ in range(rng.randint(0, 20)))
        expected = plain_marks.subn(lambda m: punctuation._FULL[m.group()], text)
        assert punctuation.normalize_punctuation(text) == expected, text
    for _ in range(5000):
        page, left, right = ("".join(rng.choice("ab\nc") for _ in range(rng.randint(0, n))) for n in (30, 4, 4))
        tail, head = left[-2:], right[:2]
        match = re.search(re.escape(tail) + "(.)" + re.escape(head), page)
        expected = None if len(tail) < 2 or len(head) < 2 or tail + head in page or not match else match.group()
        assert _lost_character(left, right, page) == expected, (left, right, page)
    for text in ["这是简体中文的报纸", "這是繁體中文的報紙", "简体与繁體混排：这這", "English only", "中文"]:
        simplified, traditional = len(_SIMPLIFIED_ONLY_RE.findall(text)), len(_TRADITIONAL_ONLY_RE.findall(text))
        expected = None if simplified == traditional == 0 else "Hant" if traditional > simplified else "Hans"
        assert chinese_script(text) == expected, text


def test_a_correspondent_line_is_not_a_dateline():
    """本报通讯员 X is a byline: 本报 + 通 + 讯 is not the dateline 本报讯 (a real page had it)."""
    from convert_core.reader.datelines import parse_byline_line, split_opening

    assert split_opening("本报通讯员  龚俊慧") is None
    assert [p.name for p in parse_byline_line("本报通讯员  龚俊慧")] == ["龚俊慧"]
    assert split_opening("本报讯（记者 王平）今天").dateline == "本报讯"


# ------------------------------------------------------------------ English and other Latin-script pages


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("WASHINGTON, April 20.—The Senate to-day took up the bill.", "WASHINGTON, April 20", "The Senate"),
        ("LONDON, May 3 (AP) — A fire destroyed the mill.", "LONDON, May 3 (AP)", "A fire"),
        ("SPRINGFIELD, Ill., April 20 — The Governor said.", "SPRINGFIELD, Ill., April 20", "The Governor"),
        ("NEW YORK, Jan. 5 (UPI) - Stocks fell.", "NEW YORK, Jan. 5 (UPI)", "Stocks fell"),
        ("PARIS (Reuters) - The talks ended.", "PARIS (Reuters)", "The talks"),
        ("BERLIN, 3. Mai – Die Regierung hat beschlossen.", "BERLIN, 3. Mai", "Die Regierung"),
        ("ULM – Die Straße ist seit Montag offen.", "ULM", "Die Straße"),
        ("NOTE — This page was reprinted.", None, None),
        ("UPDATE - the bridge stays closed.", None, None),
        ("The SENATE — said the clerk.", None, None),
    ],
)
def test_latin_datelines(text, dateline, rest):
    from convert_core.reader.datelines import split_opening

    opening = split_opening(text)
    if dateline is None:
        assert opening is None
        return
    assert opening is not None and opening.dateline == dateline and opening.rest.startswith(rest)
    assert text.startswith(opening.attribution)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("By JOHN SMITH", [("reporter", "John Smith")]),
        ("By John Smith, Staff Correspondent", [("correspondent", "John Smith")]),
        ("By JOHN SMITH and MARY O'BRIEN", [("reporter", "John Smith"), ("reporter", "Mary O'Brien")]),
        (
            "By Ann Lee, Tom Wells and J. R. Ball",
            [("reporter", "Ann Lee"), ("reporter", "Tom Wells"), ("reporter", "J. R. Ball")],
        ),
        ("By John Smith, Jr., Associated Press Writer", [("reporter", "John Smith, Jr.")]),
        ("By Ludwig van Dyke", [("reporter", "Ludwig van Dyke")]),
        ("Par Jean Dupont", [("reporter", "Jean Dupont")]),
        ("Von Jürgen Weiß", [("reporter", "Jürgen Weiß")]),
        ("By the way, this was", None),
        ("By The Associated Press", None),
        ("Von Montag an", None),
        ("By Car", None),
    ],
)
def test_latin_byline_lines(text, people):
    from convert_core.reader.datelines import parse_byline_line

    found = parse_byline_line(text)
    assert (None if found is None else [(p.role, p.name) for p in found]) == people


def test_english_sentences_end_with_a_full_stop_but_not_after_an_abbreviation():
    from convert_core.reader.text import ends_sentence

    assert ends_sentence("the measure was passed.") and ends_sentence('he said."')
    assert not any(ends_sentence(text) for text in ("a letter from Mr.", "signed J.", "the U.S.", "增长3.", "St."))


ENGLISH_PAGE = """SENATE PASSES THE HARBOR BILL

MEASURE CARRIED BY FORTY TO TWENTY

Long Debate Ends in Victory for the Administration Forces

By JOHN SMITH

WASHINGTON, April 20.—The Senate to-day took up the bill for the improvement of the harbor, and after a long debate the measure was passed by a vote of forty to twenty.

The bill now goes to the House, where its friends expect an early vote.

FIRE DESTROYS OLD MILL

LONDON, May 3 (AP) — A fire destroyed the old mill on the river last night. No one was hurt.

The owners said the mill would be rebuilt.

CITY NEWS

Council Agrees to Widen Road

By Jane Carter, Staff Correspondent

MILLBROOK, April 20 — The county council voted on Tuesday to widen the road.

Work begins in the spring.
"""


def test_an_english_page_reads_decks_bylines_and_datelines():
    document = parse(ENGLISH_PAGE)
    assert document.metadata.language == "en"
    first, second, third = document.articles
    assert (first.headline, first.subheadline) == (
        "SENATE PASSES THE HARBOR BILL",
        "MEASURE CARRIED BY FORTY TO TWENTY Long Debate Ends in Victory for the Administration Forces",
    )
    assert first.dateline == "WASHINGTON, April 20" and [(p.role, p.name) for p in first.bylines] == [
        ("reporter", "John Smith")
    ]
    assert first.attribution == ["By JOHN SMITH", "WASHINGTON, April 20.—"]  # as printed
    assert [p.text for p in first.paragraphs] == [
        "The Senate to-day took up the bill for the improvement of the harbor, and after a long debate the measure "
        "was passed by a vote of forty to twenty.",
        "The bill now goes to the House, where its friends expect an early vote.",
    ]
    assert (second.headline, second.dateline, len(second.paragraphs)) == (
        "FIRE DESTROYS OLD MILL",
        "LONDON, May 3 (AP)",
        2,
    )
    assert (third.kicker, third.headline, third.dateline) == (
        "CITY NEWS",
        "Council Agrees to Widen Road",
        "MILLBROOK, April 20",
    )
    assert [(p.role, p.name) for p in third.bylines] == [("correspondent", "Jane Carter")]
    assert [p.text for p in third.paragraphs] == [
        "The county council voted on Tuesday to widen the road.",
        "Work begins in the spring.",
    ]


def test_english_bylines_and_datelines_are_line_kinds_the_role_model_sees():
    from convert_core.model import Source
    from convert_core.reader import ReaderOptions, prepare

    _, segmenter = prepare(ENGLISH_PAGE, Source(), [], ReaderOptions(model="none"))
    kinds = {unit.text: unit.kind for unit in segmenter.units}
    assert kinds["By JOHN SMITH"] == "byline" and kinds["By Jane Carter, Staff Correspondent"] == "byline"
    assert (
        kinds["LONDON, May 3 (AP) — A fire destroyed the old mill on the river last night. No one was hurt."]
        == "opening"
    )


@pytest.mark.parametrize("model", [None, "none"])
def test_a_header_extracted_in_parts_and_a_footer_stay_furniture(model):
    """PDF extraction gives a page header's parts on lines of their own (paper, date, page
    number, section) and the desk's e-mail under the staff line: the seed with them reads
    its same items, with the page and section read from the header."""
    from pathlib import Path

    seed = (Path(__file__).resolve().parent.parent / "seeds" / "000_80fb9983b63b8a66.txt").read_text("utf-8")
    head = "平顶山日报\n\n2020年4月28日 星期二\n\n3\n\n卫东新闻\n\n责任编辑 王小明 美术编辑 李四\n\n"
    foot = "\n\n责编:王小明 版式:李四\n\nE-mail:pdsrb@163.com\n"
    plain, framed = parse(seed, model=model), parse(head + seed.strip("\n") + foot, model=model)

    def items(document):
        return [(type(i).__name__, i.headline if isinstance(i, Article) else i.caption) for i in document.items]

    assert items(framed) == items(plain) and len(plain.items) == 10
    assert (framed.metadata.page, framed.metadata.section) == ("3", "卫东新闻")
    kinds = {f.text: f.kind for f in framed.furniture}
    assert kinds["3"] == kinds["卫东新闻"] == "page-header" and kinds["E-mail:pdsrb@163.com"] == "imprint"


@pytest.mark.parametrize("model", [None, "none"])
@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("14版：星期天夜光杯/上海闲话", "星期天夜光杯"),
        ("07版：综合·党建", "综合·党建"),
        ("07版：教育", "教育"),
        ("04/05版：新民印象/目击", "新民印象"),
    ],
)
def test_a_page_number_over_a_section_of_several_names_is_the_page_header(model, header, section):
    """``14版：星期天夜光杯/上海闲话``: a page number and a section named in parts (was a kicker);
    ``04/05版：…``, a spread's pages (was the headline)."""
    text = f"新民晚报  2022年04月03日\n\n{header}\n\n叫声小名别样亲\n\n文/付秀宏\n\n小名，又称乳名，是刚出生时起的名字。许多名人都有小名。\n"
    document = parse(text, model=model)
    assert [(article.kicker, article.headline) for article in document.articles] == [(None, "叫声小名别样亲")]
    assert header in {line.text for line in document.furniture if line.kind == "page-header"}
    page = "4-5" if "/" in header[:5] else header[:2].lstrip("0")
    assert (document.metadata.page, document.metadata.section) == (page, section)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("新华社记者 张三 摄", [("photographer", "张三")]),
        ("新华社发", [("contributor", "新华社")]),
        ("新华社发（张三 摄）", [("photographer", "张三")]),
        # the agency, then the photographer after a space, bracketed or not (was no credit)
        ("新华社发 李四摄", [("photographer", "李四")]),
        ("(新华社发 李四摄)", [("photographer", "李四")]),
        ("中新社发 王五 摄", [("photographer", "王五")]),
        ("新华社发 这是一句话", None),
        # who drew a cartoon the agency sent (was no credit)
        ("新华社发 徐骏 作", [("graphics", "徐骏")]),
        ("新华社发（王鹏 朱慧卿 作）", [("graphics", "王鹏"), ("graphics", "朱慧卿")]),
        ("新华社发 这是一句话 作", None),
    ],
)
def test_picture_credit_forms(text, people):
    from convert_core.reader.people import parse_credit

    parsed = parse_credit(text)
    assert (parsed if parsed is None else [(p.role, p.name) for p in parsed]) == people


@pytest.mark.parametrize(
    ("text", "dateline", "people"),
    [
        ("快报讯 (记者 张三 通讯员 李四)今年以来，全市加快推进。", "快报讯", ["张三", "李四"]),
        ("晚报讯（记者 孙八）今年以来，全市加快推进。", "晚报讯", ["孙八"]),
        ("都市快报讯（记者 王五）今年以来，全市加快推进。", "都市快报讯", ["王五"]),
        ("简报讯号显示，全市加快推进。", None, []),  # a word, no paper
        # places one after another (was no dateline, so a briefs column lost its anchor)
        ("新华社莫斯科/东京8月13日电  俄罗斯前总统表示。", "新华社莫斯科/东京8月13日电", []),
        ("本报北京、上海8月1日电（记者 王五）两地同步推进。", "本报北京、上海8月1日电", ["王五"]),
    ],
)
def test_a_papers_short_name_before_xun_is_a_dateline(text, dateline, people):
    """``快报讯``, ``晚报讯``: a city paper's one-character short name before 讯 (was
    read as text, so the story had no anchor and ran into the one above)."""
    from convert_core.reader.datelines import split_opening

    opening = split_opening(text)
    assert (opening.dateline if opening else None) == dateline
    assert [p.name for p in (opening.bylines if opening else [])] == people


@pytest.mark.parametrize("label", ["本报记者", "新华社记者", "本报特派记者", "晨报记者", "本报通讯员"])
def test_a_reporters_label_alone_is_a_byline_naming_nobody(label):
    """Any reporters' label the byline rules know, alone on its line (the names printed
    at the story's end), is a byline with no names; other labels alone are not."""
    from convert_core.reader.datelines import parse_byline_line

    assert parse_byline_line(label) == []
    assert parse_byline_line("作者") is None


@pytest.mark.parametrize(
    ("line", "after", "joined"),
    [
        ("本报北京8月5日", "电 针对有报道称美国正起草法规，中方坚决反对。", True),
        ("新华社南", "昌6月1日电 中国共产党的亲密朋友……", True),
        ("本报北京7", "月27日电 （记者陈熙芮）外交部发言人……", True),
        ("据新华社德", "黑兰5月30日电 据伊朗迈赫尔通讯社报道……", True),
        ("李强作出批示", "新华社北京7月17日电 7月17日，……", False),  # a title over a whole dateline
        ("国资委", "国家电网有限公司国家电力调度控制中心……", False),  # no date: a sentence
        ("巴基斯坦联合通讯", "社报道称，最新公布的经济数据展现……", False),
        ("本报北京8月5日电", "针对有报道称……", False),  # whole already
        ("本报北京8月5日电  (记者", "欧阳洁)中国物流与采购联合会发布的7月指数……", True),  # the byline cut
        ("本报北京8月5日电 （记者欧阳洁）", "中国物流与采购联合会发布……", False),
        ("本报北京8月5日电 （", "中国物流与采购联合会）发布……", False),  # no byline in the bracket
        ("本报北京8月5日电 【记者", "欧阳洁】中国物流与采购联合会发布的7月指数……", True),  # lenticular
    ],
)
def test_a_dateline_cut_by_a_column_break(line, after, joined):
    assert joins_cut_dateline(line, after) is joined


def test_a_story_whose_dateline_a_column_break_cut_still_starts_there():
    """``本报北京8月5日`` / ``电 针对…``: the dateline is joined back before the page is
    read, so the title above it heads a story with that dateline, and nothing is lost."""
    page = (
        "中国发起首例对外贸易国家安全调查\n\n"
        "本报北京8月5日电 商务部5日发布公告，对相关进口打印复印办公设备发起调查。\n\n"
        "发言人表示，下一步，调查机关将依法开展调查，充分保障各利害关系方的权利。\n\n"
        "外交部：坚决反对美方滥用国家力量无理打压中国企业\n\n"
        "本报北京8月5日\n\n"
        "电 针对有报道称美国正起草法规，外交部发言人林剑5日在例行记者会上回答提问时表示，中方坚决反对。\n\n"
        "林剑说，中方将继续坚定维护中国企业的正当权益。\n"
    )
    document = parse(page)
    articles = [item for item in document.items if isinstance(item, Article)]
    assert [a.headline for a in articles] == [
        "中国发起首例对外贸易国家安全调查",
        "外交部：坚决反对美方滥用国家力量无理打压中国企业",
    ]
    assert articles[1].dateline == "本报北京8月5日电"
    assert articles[1].paragraphs[0].text.startswith("针对有报道称")
    cut_byline = page.replace("本报北京8月5日\n\n电 针对", "本报北京8月5日电  （记者\n\n林剑）针对")
    article = [item for item in parse(cut_byline).items if isinstance(item, Article)][1]
    assert (article.dateline, [person.name for person in article.bylines]) == ("本报北京8月5日电", ["林剑"])
    assert article.paragraphs[0].text.startswith("针对有报道称")
    joined = [d for d in document.diagnostics if d.code == "dateline-joined"]
    assert len(joined) == 1 and joined[0].line == 9


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("【聚焦两会】", "聚焦两会"),
        ("■简讯", "简讯"),
        ("■【点评】", "点评"),
        ("【关键词】自带杯", "【关键词】自带杯"),  # (was 关键词】自带杯: half a bracket pair)
        ("◆【关键词】借粮证", "【关键词】借粮证"),
    ],
)
def test_a_tags_ornaments_go_but_never_half_a_bracket_pair(text, kept):
    assert strip_ornaments(text) == kept


def test_a_front_pages_teaser_box_is_an_item_to_its_last_pointer():
    """导读 over teasers (a section tag, a title, the page it is on: 第九版, a spread's
    第六、七版): the whole box, up to its last pointer, is an article of its own, its lines
    paragraphs, as e-paper records keep it; none of it the story above's subheads."""
    page = (
        HEADER + "城区新建口袋公园十二座\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座，方便市民休闲。\n\n"
        "导读\n\n理论·访谈录\n\n推动完善人工智能全球治理\n\n第九版\n\n经济聚焦\n\n中国正成为全球汽车市场创新引擎\n\n"
        "第六、七版\n"
    )
    for model in (None, "none"):
        document = parse(page, model=model)
        story, box = document.articles
        assert [block.text for block in story.body] == ["城区今年新建口袋公园十二座，方便市民休闲。"]
        assert box.headline == "导读" and not box.kicker and not box.bylines
        assert [block.text for block in box.body] == [
            "理论·访谈录",
            "推动完善人工智能全球治理",
            "第九版",
            "经济聚焦",
            "中国正成为全球汽车市场创新引擎",
            "第六、七版",
        ]
        assert not [item for item in document.furniture if item.kind == "navigation"]
        assert any(note.code == "teaser-box" for note in document.diagnostics)
    # a story after the box is a story: the box ends at its last pointer
    after = page + "\n全市法院发放案款\n\n本报讯（记者 唐 宁）法院举行案款发放活动。\n"
    assert [a.headline for a in parse(after).articles] == ["城区新建口袋公园十二座", "导读", "全市法院发放案款"]
    # a header with nothing to point to is a line of navigation, as before
    alone = parse(HEADER + "导读\n\n城区新建口袋公园十二座\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座。\n")
    assert [item.text for item in alone.furniture if item.kind == "navigation"] == ["导读"]
    # over a page's lead text, with no box and no title of its own, the header titles the text
    lead = parse(
        HEADER + "导读\n\n4月1日起，本市对部分区域实行分区分类、网格化管理，各区将做好物资保供工作。\n\n"
        "如何防范疫情不松懈，并做好物资保供，本报记者采访了多位居民和志愿者……\n"
    )
    ((article,), furniture) = lead.articles, [item.text for item in lead.furniture if item.kind == "navigation"]
    assert (article.headline, len(article.body), furniture) == ("导读", 2, [])


def test_a_staff_line_naming_each_pages_editors_names_only_people():
    """``一版责编：… 二版责编：…``: the page before each label is no editor's name (二版,
    三版 were read as editors)."""
    from convert_core.reader.furniture import parse_staff

    staff = parse_staff("一版责编：杨  旭  张帅祯  二版责编：林  琳  三版责编：韩晓明  A3版美编：王五")
    assert [(person.role, person.name) for person in staff] == [
        ("editor", "杨旭"),
        ("editor", "张帅祯"),
        ("editor", "林琳"),
        ("editor", "韩晓明"),
        ("graphics", "王五"),
    ]


@pytest.mark.parametrize("model", [None, "none"])
def test_a_bare_byline_closing_a_story_is_its_byline_and_a_bracketed_one_its_last_paragraph(model):
    """An evening paper's ``本报记者 左妍`` under the story's last paragraph is the story's
    byline (kept as printed in its attribution, no paragraph); ``（记者 张帆）`` closing a
    story stays its last paragraph, as e-paper records keep it; both credit their people."""
    bare = (
        "光明接力\n\n本报讯 昨晚，医院紧急启动应急预案。\n\n医院即刻做好防疫准备。\n\n本报记者  左妍  通讯员  刘一剑\n"
    )
    article = parse(bare, model=model).articles[0]
    assert [block.text for block in article.body] == ["昨晚，医院紧急启动应急预案。", "医院即刻做好防疫准备。"]
    assert [(person.role, person.name) for person in article.bylines] == [
        ("reporter", "左妍"),
        ("correspondent", "刘一剑"),
    ]
    assert article.attribution[-1] == "本报记者 左妍 通讯员 刘一剑"
    bracketed = "光明接力\n\n本报讯 昨晚，医院紧急启动应急预案。\n\n医院即刻做好防疫准备。\n\n（记者 张帆）\n"
    article = parse(bracketed, model=model).articles[0]
    assert [block.text for block in article.body][-1] == "（记者 张帆）"
    assert [person.name for person in article.bylines] == ["张帆"]


_EVENING_PAGE = (
    "\n\n城市晚报 2020年4月28日 星期二 A06 本地新闻\n\n"
    "湖边这家老字号重新开张\n\n排队的人从店门口排到了马路对面\n\n记者 钱一 通讯员 孙二\n\n"
    "昨天上午10点，位于湖滨路的这家百年老店重新开门营业。店门刚开，排队的市民就已经从店门口一直排到了马路\n\n"
    "对面。\n\n“等了两个多月，终于又能吃上这一口了。”家住附近的李阿姨说，她早上8点就来排队了。\n"
)


def test_a_title_between_a_headline_and_a_byline_stays_in_the_stack():
    # the first story under a page header, on a page of column breaks: the model read the
    # second title as the story's first subhead and the byline under it as a paragraph
    (article,) = [item for item in parse(_EVENING_PAGE).items if isinstance(item, Article)]
    assert article.subheadline == "排队的人从店门口排到了马路对面"
    assert article.headline == "湖边这家老字号重新开张"
    assert [(p.role, p.name) for p in article.bylines] == [("reporter", "钱一"), ("correspondent", "孙二")]
    assert [type(block) for block in article.body] == [Paragraph, Paragraph]


_WIRE_PAGE = (
    "\n\n电讯报 2020年4月27日 星期一 2 要闻\n\n各地多措并举稳就业保民生\n\n"
    "新华社北京4月26日电(记者 张三 李四)记者26日从有关部门获悉，重点项目建设有序推进。\n\n"
    "有关负责人表示，下一步将继续推动各项政策措施落地见效。\n\n"
    "4月26日，工人在一处建设工地施工。新华社记者 王五 摄\n\n\n\n"
    "小微企业贷款延期还本付息政策再延长\n\n"
    "新华社北京4月26日电 记者26日从中国人民银行了解到，这一政策延长至明年3月底。\n\n"
    "有关负责人说，这一政策将惠及大量小微企业，帮助其渡过难关。(完)\n\n"
    "■新闻分析\n\n以更大力度稳住外贸基本盘\n\n■新华社记者 赵六\n\n"
    "当前全球疫情仍在蔓延，我国外贸发展面临前所未有的挑战。\n\n专家认为，要帮助外贸企业稳订单、拓市场。\n"
)


def test_wire_stories_start_under_a_picture_and_after_an_end_mark():
    # a title under a picture, over a wire dateline, and a column's name, title and byline
    # after a story closed by （完）, each start a story (they were the first story's subheads)
    articles = [item for item in parse(_WIRE_PAGE).items if isinstance(item, Article)]
    assert [a.headline for a in articles] == [
        "各地多措并举稳就业保民生",
        "小微企业贷款延期还本付息政策再延长",
        "以更大力度稳住外贸基本盘",
    ]
    assert articles[1].dateline == "新华社北京4月26日电"
    assert articles[2].column == "新闻分析"
    assert [(p.role, p.name) for p in articles[2].bylines] == [("reporter", "赵六")]
    assert not any(isinstance(block, Subhead) for article in articles for block in article.body)


@pytest.mark.parametrize("text", ["■新闻分析", "■热点解读", "■新华综述"])
def test_a_columns_name_after_a_bullet_names_nobody(text):
    assert parse_byline_line(text) is None
    assert parse_byline_line("■王强") is not None  # a bullet before a name: the column's writer


def test_a_section_name_under_the_page_header_is_the_headers_and_no_editor_is_the_section():
    text = (
        "\n\n2020年4月28日 星期二 责任编辑 周八 版面设计 吴九 A07\n\n杭州新闻\n\n外卖小哥深夜救起落水男子\n\n"
        "首席记者 钱一 见习记者 孙二\n\n前天晚上11点多，家住拱墅区的王先生在运河边散步时，突然听到有人喊“救命”。\n\n"
        "几分钟后，小伙子拖着落水男子游回岸边。\n"
    )
    document = parse(text)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.kicker, article.headline) == (None, "外卖小哥深夜救起落水男子")
    assert document.metadata.section == "杭州新闻"
    assert document.metadata.page == "A07"


@pytest.mark.parametrize(
    ("header", "bare"),
    [
        ("2020年4月28日 星期二 责任编辑 周八 版面设计 吴九 A07", "2020年4月28日 星期二 A07"),
        ("都市快报 A07 责任编辑：周 八 美编：吴九", "都市快报 A07"),
        ("2020年4月28日 星期二 卫东新闻 3", "2020年4月28日 星期二 卫东新闻 3"),
    ],
)
def test_staff_names_leave_a_page_header(header, bare):
    assert without_staff(header) == bare


def test_a_pictures_caption_after_a_photo_storys_last_sentence_is_not_joined_to_it():
    text = (
        "\n\n首段标题在这里\n\n本报讯（记者 林一）近年来，云和县大力发展特色产业，增速连续多年位居全\n\n省前列。\n\n"
        "文/图 本报记者 陈三\n\n“云上花海”迎来赏花高峰\n\n"
        "本报讯 连日来，位于云和梯田景区的“云上花海”迎来赏花高峰，每天吸引游客上万人次。\n\n"
        "图为游客在花海中拍照留念。\n\n简讯\n\n■全市春季植树活动启动 昨天，全市春季义务植树活动在城北公园启动。\n\n"
        "■新一批公交线路开通 本月起，市区新开通3条公交线路。\n"
    )
    articles = {item.headline: item for item in parse(text).items if isinstance(item, Article)}
    story = articles["“云上花海”迎来赏花高峰"]
    assert [block.text for block in story.body][-1] == "图为游客在花海中拍照留念。"


_CITY_PAGE = (
    "\n\n杭州今年将新增3万个停车位\n\n老小区停车难有望缓解\n\n记者 王一 通讯员 李二\n\n昨天,记者从市城管局获悉,今年杭州计划新增公共停车泊位3万个,其中老旧小区周边将新增1万个。\n"
    "\n市城管局相关负责人介绍,今年的停车设施建设主要有以下几个方面:\n\n1.利用边角地块建设立体停车库;\n\n2.推动机关事业单位停车场错时对外开放;\n\n3.鼓励社会资本参与停车设施建设"
    "。\n\n问:新增的停车位什么时候能用上?\n\n答:大部分项目将在年底前完工,市民可以通过“杭州停车”APP查询空余泊位。\n\n“我们小区晚上经常找不到车位,希望早点建好。”家住\n\n拱墅区"
    "某小区的张女士说。\n\n\n\n电动自行车新国标下月起实施\n\n本报讯(记者 赵三)下月起,电动自行车新国标正式实施,不符合新国标的车辆将不能上牌。\n\n交警部门提醒,市民购车时要认准3C认"
    "证标志。\n"
)


def test_a_paragraph_cut_in_the_words_of_a_sentence_after_a_full_stop_is_joined():
    # one column break on the page (no other evidence of breaks): the line ends in the
    # middle of a sentence it began after a full stop, so it goes on
    first = next(item for item in parse(_CITY_PAGE).items if isinstance(item, Article))
    texts = [block.text for block in first.body]
    assert "“我们小区晚上经常找不到车位，希望早点建好。”家住拱墅区某小区的张女士说。" in texts
    signed = parse(
        "\n\n标题\n\n专家提醒，市民出行应尽量选择公共交通。本报记者 杨欢\n\n第二部分\n\n另一段文字从这里开始。\n"
    )
    assert "第二部分" not in signed.items[0].body[0].text  # a signature after the sentence ends it


def test_a_headline_wrapped_before_its_last_character_and_tag_is_one_headline():
    text = (
        "\n\n黑龙江加快高新技术成果产业\n\n化(“十五五”开好局起好步)\n\n本报记者 崔佳 祝大伟\n\n"
        "测试间内，推力器喷发着蓝色火焰，动力强劲。\n\n研究院成立两年多，已培育企业60家。\n"
    )
    (article,) = [item for item in parse(text).items if isinstance(item, Article)]
    assert (article.kicker, article.headline) == (None, "黑龙江加快高新技术成果产业化（“十五五”开好局起好步）")


def test_a_short_title_over_a_closed_caption_titles_the_picture():
    text = (
        "\n\n春到山乡\n\n4月26日，游客在山间步道上赏花。当日，我市各景区迎来赏花高峰。 记者 王一 摄\n\n\n\n"
        "4月24日，市民在公园里放风筝。 通讯员 赵三 摄\n\n\n\n小小志愿者\n\n"
        "4月23日，孩子们在社区当起了小小志愿者，向居民宣传垃圾分类知识。\n\n记者 孙四 文/图\n\n\n\n"
        "我市举办春季招聘会\n\n本报讯（记者 周五）4月25日，我市春季招聘会在会展中心举行。\n"
    )
    document = parse(text)
    photos = [item for item in document.items if isinstance(item, Photo)]
    assert [photo.title for photo in photos] == ["春到山乡", None, "小小志愿者"]
    assert photos[2].caption == ["4月23日，孩子们在社区当起了小小志愿者，向居民宣传垃圾分类知识。"]
    assert not [f for f in document.furniture if f.kind == "unclassified"]


def test_a_storys_byline_is_no_caption_nor_the_text_under_it_and_one_set_apart_heads_the_next_story():
    text = (
        "\n\n国际观察\n\n新华社北京4月26日电 题：全球抗疫合作刻不容缓\n\n新华社记者 王一 李二\n\n"
        "当前，新冠肺炎疫情仍在全球蔓延，国际社会携手抗疫的重要性日益凸显。\n\n"
        "专家认为，各国应加强政策协调，共同维护全球产业链供应链稳定。\n\n\n\n"
        "本报记者 赵三 报道\n\n春耕时节农机忙\n\n眼下正是春耕关键时节，各地农民抢抓农时，田间地头一派繁忙景象。\n"
    )
    document = parse(text)
    assert not [item for item in document.items if isinstance(item, Photo)]
    first, second = [item for item in document.items if isinstance(item, Article)]
    assert "当前，新冠肺炎疫情仍在全球蔓延，国际社会携手抗疫的重要性日益凸显。" in [b.text for b in first.paragraphs]
    assert (second.headline, [p.name for p in second.bylines]) == ("春耕时节农机忙", ["赵三"])


def test_a_last_paragraph_with_its_pointer_to_another_page_stays_the_storys():
    text = (
        "\n\n(上接第一版)各地要压实责任,确保各项措施落到实处。会议强调,要坚持以人民为中心的发展思想,"
        "切实解决群众急难愁盼问题。\n\n会议还研究了其他事项。\n\n\n\n"
        "我市举办春季招聘会\n\n本报讯(记者 周五)4月25日,我市春季招聘会在会展中心举行,200余家企业提供岗位5000余个。\n\n"
        "据了解,招聘会还设立了线上专区。(下转第三版)\n"
    )
    document = parse(text)
    article = [item for item in document.items if isinstance(item, Article)][-1]
    assert [block.text for block in article.body][-1] == "据了解，招聘会还设立了线上专区。"
    assert [f.kind for f in document.furniture] == ["jump", "jump"]


@pytest.mark.parametrize(
    ("headline", "odds", "split"),
    [
        (
            "国家发展改革委有关负责同志和相关专家解读——更高水平更高质量做好节能降碳工作（政策解读）",
            None,
            ("国家发展改革委有关负责同志和相关专家解读——", "更高水平更高质量做好节能降碳工作（政策解读）", None),
        ),
        (
            "在新征程上团结奋斗不懈奋斗（社论）——写在“五一”国际劳动节",
            None,
            (None, "在新征程上团结奋斗不懈奋斗（社论）", "——写在“五一”国际劳动节"),
        ),
        (
            "把工匠精神写进时代文脉——评“大国工匠人物传”系列丛书",
            lambda a, b: -2.0,
            (None, "把工匠精神写进时代文脉", "——评“大国工匠人物传”系列丛书"),
        ),
        (
            "立足资源优势、产业优势、区位优势——广西做实做强做优实体经济",
            lambda a, b: 1.5,
            ("立足资源优势、产业优势、区位优势——", "广西做实做强做优实体经济", None),
        ),
        ("“守望——廊桥保护三年行动成果展”开幕", None, None),
        ("乡村振兴——", None, None),
        ("全面推进乡村振兴", None, None),
    ],
)
def test_a_kicker_or_subheadline_run_on_to_the_headline_at_a_dash(headline, odds, split):
    from convert_core.reader.run_on_titles import split_run_on_title

    assert split_run_on_title(headline, odds) == split


def test_a_title_stack_extracted_as_one_line_is_split_at_its_dash():
    text = (
        "\n\n国家发展改革委有关负责同志和相关专家解读——更高水平更高质量做好节能降碳工作（政策解读）\n\n"
        "本报记者 刘志强\n\n近日，有关部门印发意见，部署节能降碳工作。\n\n专家认为，这将推动绿色转型。\n"
    )
    document = parse(text)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.kicker, article.headline) == (
        "国家发展改革委有关负责同志和相关专家解读——",
        "更高水平更高质量做好节能降碳工作（政策解读）",
    )
    assert "run-on-title" in [note.code for note in document.diagnostics]  # the repair is recorded


def test_a_dateline_set_apart_by_a_wider_gap_opens_a_story_without_a_title():
    text = (
        "\n\n全市部署安全生产工作\n\n本报讯 近日，全市召开安全生产工作会议。\n\n会议要求，各地要深入开展隐患排查。\n\n\n\n"
        "新华社北京4月27日电（记者张三、李四）国务院新闻办公室27日举行新闻发布会。\n\n据介绍，主要经济指标降幅明显收窄。\n"
    )
    first, second = [item for item in parse(text).items if isinstance(item, Article)]
    assert (first.headline, len(first.paragraphs)) == ("全市部署安全生产工作", 2)
    assert (second.headline, second.dateline) == ("", "新华社北京4月27日电")
    assert [p.name for p in second.bylines] == ["张三", "李四"]
    # one blank line (the page's usual) keeps a round-up's second report in its story
    (one,) = [item for item in parse(text.replace("\n\n\n\n", "\n\n")).items if isinstance(item, Article)]
    assert one.headline == "全市部署安全生产工作"


def test_a_writers_name_and_school_under_an_essays_title_is_its_author_line():
    text = (
        "\n\n一起向未来\n\n许瓒  北京市第一七一中学  初三(20)班\n\n"
        "因命运的不公,有些人生来就生活在痛苦与寒冷之中,但我们和\n\n他们一样,都应该拥有美好的未来。\n\n"
        "过年前的冬日里,我随学校钢琴社团到福利院进行公益演出。\n"
    )
    (article,) = [item for item in parse(text).items if isinstance(item, Article)]
    assert (article.kicker, article.headline) == (None, "一起向未来")
    assert "许瓒" not in "".join(block.text for block in article.body)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("许瓒  北京市第一七一中学  初三（20）班", True),
        ("张三 浙江大学教授", True),
        ("对患者　“希望村民看病更方便”", False),
    ],
)
def test_a_name_and_an_affiliation(line, author):
    from convert_core.reader.lines import Line
    from convert_core.reader.story_lines import name_and_affiliation

    assert name_and_affiliation(Line(no=1, text=line, kind="text")) is author


def test_a_packages_first_part_under_its_headline_keeps_its_title_and_byline_as_paragraphs():
    # the story goes on with other parts' titles over bylines: a package, whose parts the
    # records keep as paragraphs (not the stack's subheadline and the story's byline)
    part = "本报记者 李纵\n\n{}今年以来，粤港澳大湾区科创合作不断深化，多个项目落地见效，成果显著。\n\n"
    text = (
        "\n\n大湾区的科创“化学反应”（潮涌大湾区）\n\n“横琴吸引我来尝试”\n\n"
        + part.format("")
        + "“梦工场比拼的是企业成长”\n\n"
        + part.format("前海")
        + "“港科大双校‘牵手’攻难题”\n\n"
        + part.format("南沙")
    )
    articles = [item for item in parse(text).items if isinstance(item, Article)]
    first = articles[0]
    assert (first.headline, first.subheadline) == ("大湾区的科创“化学反应”（潮涌大湾区）", None)
    assert [block.text for block in first.body][:2] == ["“横琴吸引我来尝试”", "本报记者 李纵"]


def test_a_briefs_column_of_untitled_items_is_one_story_of_its_items():
    """``城市简讯`` over ``■昨天，…（记者 张三）`` items with no titles of their own: the
    column's name titles one story whose paragraphs are the items, each with its reporter
    (the name was a subhead of a story with no headline, an item a subhead, and the last
    item's reporters the whole column's bylines)."""
    items = [
        "■昨天，杭州市第七届“最美家庭”评选结果揭晓，100户家庭获评。（记者 张三）",
        "■记者从市交通局获悉，地铁7号线将于下月开通试运营。（记者 李四）",
        "■4月27日，拱墅区举行垃圾分类主题活动，300余名居民参加。（通讯员 王五 记者 赵六）",
    ]
    page = (
        "城市简讯\n\n"
        + "\n\n".join(items)
        + "\n\n新冠疫苗研发取得新进展\n\n本报讯（记者 钱七）昨天，记者从浙江大学获悉，该校研究团队取得新进展。\n"
    )
    briefs, story = parse(page).articles
    assert briefs.headline == "城市简讯" and briefs.bylines == []
    assert [block.text for block in briefs.body] == items and all(isinstance(b, Paragraph) for b in briefs.body)
    assert story.headline == "新冠疫苗研发取得新进展" and [p.name for p in story.bylines] == ["钱七"]


def test_a_story_closing_with_its_reporter_in_brackets_still_gives_its_bylines():
    (article,) = parse(
        "全市召开会议\n\n昨天，全市召开会议，部署下一步工作。\n\n会议要求，各地抓好落实。（记者 张三）\n"
    ).articles
    assert [p.name for p in article.bylines] == ["张三"] and article.attribution == ["（记者 张三）"]


@pytest.mark.parametrize("byline", ["本报记者 王四", "文/图 记者 王四"])
def test_a_title_under_a_pictures_credit_and_over_a_byline_heads_a_story(byline):
    """``记者 李四 摄`` / ``地铁5号线全线贯通`` / ``本报记者 王四``: the title was read as the
    story above's text (the picture inside it) and the byline as a paragraph."""
    page = (
        "西湖边这家老字号重新开张\n\n本报讯（记者 钱一）昨天上午10点，位于湖滨路的这家百年老店重新开门营业。\n\n"
        "“等了两个多月，终于又能吃上这一口了。”家住附近的李阿姨说。\n\n"
        "昨天，市民在湖滨路一家老字号门口排队购买青团。\n\n记者 李四 摄\n\n"
        f"地铁5号线全线贯通\n\n{byline}\n\n昨天，杭州地铁5号线最后一段区间隧道顺利贯通，标志着这条线路全线贯通。\n"
    )
    first, second = parse(page).articles
    assert first.headline == "西湖边这家老字号重新开张" and len(first.body) == 2
    assert second.headline == "地铁5号线全线贯通" and [p.name for p in second.bylines][:1] == ["王四"]
    assert [b.text for b in second.body] == ["昨天，杭州地铁5号线最后一段区间隧道顺利贯通，标志着这条线路全线贯通。"]


def test_a_subtitle_naming_the_pieces_genre_is_the_subheadline():
    """``…主场活动侧记`` under a title names the piece's genre: the title over it is the
    headline (read as a kicker over it); run on at a dash in a PDF block, it is not asked."""
    page = (
        "全市召开会议\n\n本报讯（记者 王平）昨天，全市召开会议，部署下一步工作。\n\n"
        "从一片绿到满目新\n\n二〇二六年全国生态日主场活动侧记\n\n本报记者 吴 勇\n\n"
        "8月15日，二〇二六年全国生态日主场活动在浙江湖州举行，来自各地的代表齐聚一堂。\n"
    )
    story = parse(page).articles[-1]
    assert (story.kicker, story.headline, story.subheadline) == (
        None,
        "从一片绿到满目新",
        "二〇二六年全国生态日主场活动侧记",
    )
    units = [
        Line(no=1, text="党校（行政学院）通讯"),
        Line(no=2, text="一场跨越三千公里的“智力接力”——陕西省委党校智力援藏工作纪实"),
    ]
    labels = ["kicker", "headline", "para"]
    genre_subtitles([*units, Line(no=3, text="清晨，海拔4500米的青藏高原上。")], labels)
    assert labels == ["kicker", "headline", "para"]


@pytest.mark.parametrize(
    ("upper", "lower", "stack"),
    [
        # an interview's subtitle, its dash lost in extraction (was a kicker over it)
        ("加快建设健康中国", "访国家卫生健康委党组书记、主任雷海潮", "headline/subheadline"),
        ("“中国共产党树立了政党发展的典范”", "访肯尼亚联合民主同盟总书记奥马尔", "headline/subheadline"),
    ],
)
def test_an_interviews_subtitle_is_the_subheadline(upper, lower, stack):
    units = [Line(no=1, text=upper), Line(no=2, text=lower), Line(no=3, text="本报记者 王平")]
    labels = ["kicker", "headline", "byline"]
    genre_subtitles(units, labels)
    assert "/".join(labels[:2]) == stack
    # a visit's sentence under a title opens nothing of the kind
    assert not genre_subtitles_applies("访问期间，王毅还会见了当地青年代表")


def genre_subtitles_applies(lower: str) -> bool:
    labels = ["kicker", "headline", "para"]
    genre_subtitles([Line(no=1, text="甲乙丙丁"), Line(no=2, text=lower), Line(no=3, text="正文。")], labels)
    return labels[0] == "headline"


@pytest.mark.parametrize("gap", ["\n\n\n\n", "\n\n"])
def test_an_ads_copy_around_its_hotline_is_advertisement(gap):
    """``湖畔名苑 火爆认购中`` / ``城市核心 品质人居`` / ``售楼热线：…`` / ``地址：…`` between two
    stories: the slogan was left unclassified, the next line a kicker, and the address the
    next story's headline (its real headline a subheadline)."""
    ad = ["湖畔名苑 火爆认购中", "城市核心 品质人居", "售楼热线：0375-8888888", "地址：建设路与中兴路交叉口东100米"]
    page = (
        "全市一季度经济运行稳中有进\n\n本报讯（记者 王平）记者从市统计局获悉，一季度全市经济运行稳中有进。"
        + gap
        + "\n\n".join(ad)
        + gap
        + "城区老旧小区改造全面启动\n\n本报讯（记者 张三）昨天，城区老旧小区改造工程全面启动。\n"
    )
    document = parse(page)
    first, second = document.articles
    assert [b.text for b in first.body] == ["记者从市统计局获悉，一季度全市经济运行稳中有进。"]
    assert (second.kicker, second.headline, second.subheadline) == (None, "城区老旧小区改造全面启动", None)
    assert [f.text for f in document.furniture if f.kind == "advertisement"] == ad


def test_a_hotline_in_a_story_takes_no_paragraph_with_it():
    page = (
        "全市开展消费维权行动\n\n本报讯（记者 王平）昨天，市市场监管局启动消费维权专项行动，"
        "重点整治虚假宣传、价格欺诈、以次充好等群众反映强烈的问题，切实维护消费者合法权益。\n\n"
        "消费者遇到问题可拨打投诉热线：0375-12315。\n\n"
        "据介绍，专项行动将持续到今年年底，市市场监管局将会同有关部门开展联合检查，对发现的问题依法严肃查处。\n"
    )
    document = parse(page)
    (article,) = document.articles
    assert [b.text for b in article.body][1:] == [
        "消费者遇到问题可拨打投诉热线：0375-12315。",  # (it was advertisement)
        "据介绍，专项行动将持续到今年年底，市市场监管局将会同有关部门开展联合检查，对发现的问题依法严肃查处。",
    ]
    assert not document.furniture


def test_a_paragraph_a_picture_cut_in_two_goes_on_past_it():
    """``…努力营造干净整洁的`` / caption / ``高鸿勋 摄`` / ``城市环境。”…``: one paragraph,
    the picture after it (the two halves were two paragraphs, the picture between them)."""
    page = (
        "卫东区积极开展爱国卫生月活动\n\n本报讯（记者王孟鹤）“针对前期新冠肺炎疫情防控工作，我们在全区范围内"
        "开展了爱国卫生月活动，努力营造干净整洁的\n\n4月26日下午，王云超在市区建设路北侧冲刷人行道。\n\n高鸿勋 摄\n\n"
        "城市环境。”4月24日，卫东区城市管理局有关负责人说。\n\n"
        "该区对公厕、中转站、果皮箱等环卫设施每日进行消毒，做到不留死角。\n"
    )
    (article,) = parse(page).articles
    kinds = [type(block).__name__ for block in article.body]
    assert kinds == ["Paragraph", "Figure", "Paragraph"]
    assert article.body[0].text.endswith("努力营造干净整洁的城市环境。”4月24日，卫东区城市管理局有关负责人说。")
    assert article.body[1].caption == ["4月26日下午，王云超在市区建设路北侧冲刷人行道。"]
    # a picture between a paragraph's end and the next paragraph parts nothing
    whole = page.replace("努力营造干净整洁的\n\n", "努力营造干净整洁的城市环境。”\n\n").replace(
        "城市环境。”4月24日", "4月24日"
    )
    assert [type(block).__name__ for block in parse(whole).articles[0].body] == [
        "Paragraph",
        "Figure",
        "Paragraph",
        "Paragraph",
    ]


def test_a_picture_between_a_storys_title_and_its_opening_is_in_the_story():
    """``卫东区积极开展爱国卫生月活动`` / caption / ``高鸿勋 摄`` / ``本报讯 （记者王孟鹤）…``: the
    title was the picture's own and the story, with no headline, ran into the one above."""
    page = (
        "城区老旧小区改造全面启动\n\n本报讯（记者 张三）昨天，城区老旧小区改造工程全面启动，今年将改造小区120个。\n\n\n\n"
        "卫东区积极开展爱国卫生月活动\n\n4月26日下午，王云超在市区建设路北侧冲刷人行道。\n\n高鸿勋 摄\n\n"
        "本报讯（记者王孟鹤）“针对前期新冠肺炎疫情防控工作，我们在全区范围内开展了爱国卫生月活动。”\n\n"
        "该区对公厕、中转站、果皮箱等环卫设施每日进行消毒，做到不留死角。\n"
    )
    document = parse(page)
    first, second = document.articles
    assert len(first.body) == 1 and not document.photos
    assert second.headline == "卫东区积极开展爱国卫生月活动" and second.dateline == "本报讯"
    figures = [block for block in second.body if isinstance(block, Figure)]
    assert [f.caption for f in figures] == [["4月26日下午，王云超在市区建设路北侧冲刷人行道。"]]


_ESSAY_SENTENCES = (
    "县域经济是国民经济的重要基础，也是推动城乡融合发展的关键环节。",
    "近年来，各地立足资源禀赋，培育特色产业，县域发展呈现出新的活力。",
    "实践表明，只有找准自身定位，才能在区域竞争中形成比较优势。",
    "一些地方盲目追求大而全，结果产业同质化严重，资源配置效率不高。",
    "要坚持从实际出发，把有限的要素投入到最有潜力的领域中去。",
    "数字技术的广泛应用，为传统产业改造提升提供了新的路径。",
    "在这一过程中，政府要当好服务员，企业要唱好主角戏。",
    "人才是第一资源，县域发展尤其需要一批懂技术、会经营的带头人。",
)


def _theory_page(paragraphs_per_piece: int) -> str:
    """A theory page: a title and an editor's note over two essays, each signed under its
    title (the held-out paper's form; the text is made up here)."""
    lines = [
        "因地制宜发展各具特色的县域经济",
        "",
        "编者按：县域经济高质量发展是一道必答题。本版邀请专家学者展开研讨。",
        "",
    ]
    for title, name, offset in (
        ("差异化定位激活县域经济发展动力", "王建国", 0),
        ("以数字化转型推动县域产业升级", "李明华", 3),
    ):
        lines += [title, "", name, ""]
        for number in range(paragraphs_per_piece):
            text = "".join(_ESSAY_SENTENCES[(offset + number + step) % len(_ESSAY_SENTENCES)] for step in range(4))
            lines += [text, ""]
    return "\n".join(lines)


@pytest.mark.parametrize(("signed", "name"), [("王建国", "王建国"), ("欧阳日辉", "欧阳日辉"), ("王  一", "王一")])
def test_long_essays_signed_under_their_titles_are_stories_of_their_own(signed, name):
    """A title over its author's bare name and 1,200 characters or more of text is an essay
    of its own; the model read both essays into the story of the editor's note."""
    articles = parse(_theory_page(12).replace("\n王建国\n", f"\n{signed}\n")).articles
    assert [(a.headline, [p.name for p in a.bylines], len(a.body)) for a in articles] == [
        ("因地制宜发展各具特色的县域经济", [], 1),
        ("差异化定位激活县域经济发展动力", [name], 12),
        ("以数字化转型推动县域产业升级", ["李明华"], 12),
    ]


def test_short_signed_parts_stay_one_packages_parts():
    """A commentary column's short signed parts stay its parts (People's Daily's records
    keep them so): titles and names as subheads, one article."""
    (article,) = parse(_theory_page(3)).articles
    subheads = [block.text for block in article.body if isinstance(block, Subhead)]
    assert subheads == ["差异化定位激活县域经济发展动力", "王建国", "以数字化转型推动县域产业升级", "李明华"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("结束语", "前  言"),
        ("发展规划纲要全文", "前  言"),
        ("发展规划纲要全文", "第一条"),
        ("（三）团结起来，行动起来", "王建国"),
        ("青年攻关团队——", "王建国"),
        ("刷身份证做核酸登记", "报记者 杨欢"),
    ],
)
def test_headings_of_a_long_document_are_no_signed_essays(title, name):
    """A report's contents (``结束语`` / ``前  言``), a numbered section or a dashed lead-in
    over a name-like line, or a line over a byline whose label a column cut (``报记者 杨欢``),
    is no essay's title, however long the text under it."""
    page = _theory_page(12).replace("差异化定位激活县域经济发展动力\n\n王建国", f"{title}\n\n{name}")
    assert title not in [a.headline for a in parse(page).articles]


def test_a_wire_storys_own_title_after_its_dateline_keeps_the_byline_under_it():
    """``新华社合肥5月5日电 题：…`` / ``新华社记者 张三 李四``: the wire's title is the first
    paragraph as printed and the byline line under it the story's (it was read as a
    subhead over a paragraph of names)."""
    page = (
        "新华每日电讯 2026年5月6日 第3版\n\n"
        "在春天的田野上播种希望\n\n新华社合肥5月5日电 题：在春天的田野上播种希望——安徽春耕见闻\n\n"
        "新华社记者 张三 李四\n\n五月的江淮大地，麦浪翻滚，一派繁忙景象。在安徽省合肥市长丰县的田间地头，"
        "农民们正忙着管护小麦。\n\n"
        "“今年的麦子长势好，丰收有盼头。”种粮大户王五说。\n"
    )
    for model in (None, "none"):
        (article,) = parse(page, model=model).articles
        assert article.dateline == "新华社合肥5月5日电"
        assert [(p.role, p.name) for p in article.bylines] == [("reporter", "张三"), ("reporter", "李四")]
        assert [type(b).__name__ for b in article.body] == ["Paragraph"] * 3
        assert article.body[0].text == "题：在春天的田野上播种希望——安徽春耕见闻"


def test_a_papers_own_reporters_line_under_a_title_is_a_byline_never_a_headline():
    """``全国乡村振兴论坛在京闭幕`` / ``新华每日电讯记者 周七`` / ``本报北京5月5日电 …`` after a
    story closed by ``（参与采写：孙六）``: the model read the title as a kicker over the
    byline as the headline; a line naming reporters is never a title."""
    page = (
        "新华每日电讯 2026年5月6日 星期三 第5版\n\n这些“隐形收费”何时休？\n\n——部分小区物业收费乱象调查\n\n"
        "新华社记者 李四、赵五\n\n近期，记者在多地调查发现，一些小区物业以各种名目收取费用，业主对此意见较大。\n\n"
        "业内人士表示，物业收费应当公开透明，相关部门应加强监管。（参与采写：孙六）\n\n"
        "全国乡村振兴论坛在京闭幕\n\n新华每日电讯记者 周七\n\n"
        "本报北京5月5日电 为期三天的全国乡村振兴论坛5日在北京闭幕。论坛期间，与会代表围绕乡村产业发展、人才培育等议题进行交流。\n"
    )
    last = parse(page).articles[-1]
    assert (last.kicker, last.headline, last.dateline) == (None, "全国乡村振兴论坛在京闭幕", "本报北京5月5日电")
    assert [(p.role, p.name) for p in last.bylines] == [("reporter", "周七")]


def test_a_storys_last_sentence_over_a_pictures_gap_is_no_caption():
    """A short last paragraph right under the story's text and over the wider gap of a
    picture (``据介绍，…参加。`` / gap / caption / ``新华社记者 周密 摄``) stays the story's; the
    model took it for the caption's first line."""
    page = (
        "新华每日电讯 2026年5月6日 星期三 第5版\n\n全国乡村振兴论坛在京闭幕\n\n新华每日电讯记者 周七\n\n"
        "本报北京5月5日电 为期三天的全国乡村振兴论坛5日在北京闭幕。论坛期间，与会代表围绕乡村产业发展、人才培育等议题进行交流。\n\n"
        "据介绍，本次论坛共吸引全国各地千余名代表参加。\n\n\n\n"
        "5月5日，游客在江西婺源篁岭景区游览。\n\n新华社记者 周密 摄\n"
    )
    document = parse(page)
    (article,) = document.articles
    assert article.body[-1].text == "据介绍，本次论坛共吸引全国各地千余名代表参加。"
    assert [photo.caption for photo in document.photos] == [["5月5日，游客在江西婺源篁岭景区游览。"]]


def test_a_title_under_a_pictures_credit_over_a_headline_tops_its_stack():
    """``地铁3号线北段今起试运营`` / ``沿线市民出行更方便`` / ``记者 赵三`` after a picture's
    credit and a wider gap: the model kept the first line apart as unclassified text."""
    page = (
        "都市快报 2026年4月28日 星期二 A06 杭州新闻\n\n西湖边这家老字号重新开张\n\n记者 钱一 通讯员 孙二\n\n"
        "昨天上午，位于湖滨路的一家百年老字号糕点店重新开张。不到九点，店门口就排起了长队。\n\n"
        "据了解，这家老店去年因装修暂停营业，此次重新开张后，店里还推出了几款新品。\n\n"
        "店员正在打包糕点。 记者 钱一 摄\n\n\n\n地铁3号线北段今起试运营\n\n沿线市民出行更方便\n\n记者 赵三\n\n"
        "今天起，地铁3号线北段开始试运营。记者昨天提前体验了一把，从起点站到终点站全程约40分钟。\n\n"
        "试运营期间，每天6时至23时运营，高峰时段行车间隔约6分钟。\n"
    )
    document = parse(page)
    last = document.articles[-1]
    assert "地铁3号线北段今起试运营" in (last.kicker, last.headline)
    assert last.headline in ("地铁3号线北段今起试运营", "沿线市民出行更方便")
    assert not [item for item in document.furniture if item.kind == "unclassified"]


@pytest.mark.parametrize(
    ("line", "ad"),
    [
        ("爆料电话：0571-85100000", True),
        ("报料电话 85100000", True),
        ("记者拨通电话0571-85100000后，对方表示会尽快处理。", False),
        ("更多精彩内容请关注都市快报微信公众号", True),  # (a promotion of the paper's channels)
        ("下载江城新闻客户端", True),
        ("市民可以通过关注“杭州停车”公众号，查询空余泊位和收费标准。", False),
    ],
)
def test_the_papers_own_hotline_or_channels_are_furniture_never_the_next_storys_title(line, ad):
    """``爆料电话：0571-85100000`` between two stories was read as the next story's headline;
    a promotion of the paper's channels (``下载江城新闻客户端``) is furniture too."""
    from convert_core.reader.furniture import is_advertisement

    assert is_advertisement(line) is ad
    if ad:
        page = (
            "杭州今年将新增公共停车泊位3万个\n\n记者 王五\n\n昨天，记者从杭州市城管局获悉，今年杭州将新增公共停车泊位3万个。\n\n"
            f"{line}\n\n社区里的“共享工具箱”火了\n\n通讯员 陈八 记者 刘九\n\n"
            "本报讯 在拱墅区某社区，一个摆放着锤子、扳手、电钻等工具的“共享工具箱”成了居民们的好帮手。\n"
        )
        assert [a.headline for a in parse(page).articles] == [
            "杭州今年将新增公共停车泊位3万个",
            "社区里的“共享工具箱”火了",
        ]


@pytest.mark.parametrize("model", [None, "none"])
def test_a_sentence_opening_with_hearsay_cut_by_a_column_is_not_a_source_credit(model):
    """``据介绍，…`` / ``据统计，…`` open a sentence of the story; cut short by a column
    break they look like ``据新华社``, a source credit that closes a story. Read as a
    credit, the paragraph stayed cut apart (``…总投资75.3`` / ``3亿元；…``)."""
    for line in ("据介绍，今年上半年，全市引进重大项目29个，总投资75.3", "据统计", "据悉,峰会期间,还举办特展"):
        assert parse_closing(line) is None, line
    assert parse_closing("据新华社").sources == ["据新华社"]
    assert parse_closing("（摘编自《河南日报》，原题为《一张银票》）").sources == [
        "摘编自《河南日报》，原题为《一张银票》"
    ]
    text = (
        HEADER + "全市开放型经济稳中有进\n\n本报讯（记者 张 明）今年以来，全市扩大开放的步子迈得更稳。\n\n"
        "据介绍，今年上半年，全市引进重大项目29个，总投资75.3\n\n3亿元；引进外资项目36个，总投资21亿元。\n\n"
        "下一步，全市将进一步优化营商环境。\n"
    )
    (article,) = [item for item in parse(text, model=model).items if isinstance(item, Article)]
    assert [block.text for block in article.body][1] == (
        "据介绍，今年上半年，全市引进重大项目29个，总投资75.33亿元；引进外资项目36个，总投资21亿元。"
    )


@pytest.mark.parametrize(
    ("left", "right", "glue"),
    [
        ("总投资75.3", "3亿元；", ""),  # one number of Chinese text, cut by a column
        ("同比增长12", "3%，", ""),
        ("in 2020", "the city", " "),  # English words and numbers keep their space
        ("page 12", "34 people", " "),
        ("总投资75", "3 million", " "),  # the number goes on into Latin text: a space, as before
        ("Hong", "Kong", " "),
        ("精心谋划起", "步，确保", ""),
    ],
)
def test_a_column_cut_is_joined_with_a_space_only_between_latin_words(left, right, glue):
    assert join_glue(left, right) == glue


@pytest.mark.parametrize(
    ("line", "dateline", "names", "note"),
    [
        ("（新华社北京4月30日电  记者齐中熙、樊曦）", "新华社北京4月30日电", ["齐中熙", "樊曦"], None),
        ("（本报北京、华盛顿5月15日电  记者陈尚文、李志伟）", "本报北京、华盛顿5月15日电", ["陈尚文", "李志伟"], None),
        ("（新华社北京5月14日电  新华社记者）", "新华社北京5月14日电", [], None),
        ("（本报记者  王  亮整理）", None, ["王亮"], None),
        ("（执笔人：汤俊峰）", None, ["汤俊峰"], "执笔人：汤俊峰"),
        ("（执笔：陈小冬，某研究中心研究员）", None, ["陈小冬"], "执笔：陈小冬，某研究中心研究员"),
        ("（华电科工股份有限公司党委）", None, [], "华电科工股份有限公司党委"),
        ("（中共某省委理论学习中心组）", None, [], "中共某省委理论学习中心组"),
    ],
)
def test_closing_lines_with_a_dateline_and_reporters_a_drafter_or_a_body_as_author(line, dateline, names, note):
    """A story's last line in brackets: a dateline with its reporters, a spaced name with
    整理 glued to it, a group article's drafter (执笔), or a body that signs the article (a
    party committee, a study group). Each closes the story; before, none was read."""
    closing = parse_closing(line)
    assert closing is not None
    assert closing.dateline == dateline and [person.name for person in closing.bylines] == names
    assert closing.note == note
    for text in ("（资料图片）", "（上）", "（2026年4月30日第十四届全国人民代表大会常务委员会第二十二次会议通过）"):
        assert parse_closing(text) is None


@pytest.mark.parametrize("model", [None, "none"])
def test_an_article_signed_by_a_body_ends_where_its_signature_stands(model):
    body = "公司党委坚持以高质量党建引领高质量发展，把党的领导融入公司治理各环节，推动企业在绿色转型中走在前列。"
    text = (
        HEADER
        + "以高质量党建引领绿色发展\n\n"
        + (body + "\n\n") * 3
        + "（华电科工股份有限公司党委）\n\n构建一体化人才工作格局\n\n"
        + "泥河湾遗址群位于桑干河畔，是华北地区最重要的旧石器时代遗址之一，当地以改革思维推进人才体制机制创新。\n\n"
        + (body + "\n\n") * 2
    )
    first, second = [item for item in parse(text, model=model).items if isinstance(item, Article)]
    assert first.paragraphs[-1].text == "（华电科工股份有限公司党委）" and len(first.paragraphs) == 4
    assert second.headline == "构建一体化人才工作格局" and len(second.paragraphs) == 3


def test_a_graphics_credit_right_under_the_staff_line_is_the_pages_staff():
    """``制图：沈亦伶`` right under ``本版责编：…`` names the page's designer, as People's Daily
    prints it: staff, not a picture of no caption (a chart's credit under a chart stays one)."""
    text = (
        HEADER
        + "城区新建口袋公园\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座。\n\n本版责编：曹怡晴  陈世涵\n制图：沈亦伶\n"
    )
    doc = parse(text)
    assert not [item for item in doc.items if isinstance(item, Photo)]
    assert [(f.kind, f.text) for f in doc.furniture][-1] == ("staff", "制图：沈亦伶")
    assert ("graphics", "沈亦伶") in [(person.role, person.name) for person in doc.metadata.staff]
    chart = (
        HEADER
        + "城区新建口袋公园\n\n本报讯（记者 张 明）城区今年新建口袋公园十二座。\n\n全市口袋公园数量（座）\n制图：沈亦伶\n"
    )
    assert "staff" not in [f.kind for f in parse(chart).furniture]


def test_a_headline_its_column_wrapped_is_one_title_on_a_page_of_blocks():
    """PDF text in the seed's shape sets every block apart with a blank line: a kicker and
    its headline are blocks of their own, and two title lines set together are one title
    its column wrapped, its first line the longer (``全国纪检监察机关上半年处分`` / ``干部一千五百余人``),
    whether the break cuts a word or not. Before, the first line was read as text or as the kicker."""
    story = (
        "本报北京8月4日电  （记者 史一棋）4日，中央纪委国家监委通报今年上半年全国纪检监察机关监督检查、"
        "审查调查情况。\n\n通报显示，纪检监察机关坚持严的基调，持续加强自身建设。\n\n"
    )
    first = "海南上半年造林面积同比增长\n百分之二十六\n\n" + story.replace("史一棋", "王 平")
    text = HEADER + "全国纪检监察机关上半年处分\n干部一千五百余人\n\n" + story + first
    articles = [item for item in parse(text).items if isinstance(item, Article)]
    assert [(a.kicker, a.headline) for a in articles] == [
        (None, "全国纪检监察机关上半年处分干部一千五百余人"),
        (None, "海南上半年造林面积同比增长百分之二十六"),
    ]
    stacked = text.replace("全国纪检监察机关上半年处分\n干部", "全国纪检监察机关上半年处分\n\n干部")
    top = next(a for a in parse(stacked).items if isinstance(a, Article))
    assert top.headline != "全国纪检监察机关上半年处分干部一千五百余人"  # (a stack of two blocks: not joined)


# ------------------------------------------------ author lines and invisible characters (stop 32)


def test_a_diamond_before_a_name_under_a_title_is_the_writer():
    """An evening paper's essay is signed ``◆韩浩月`` under its title: a byline, as ``□ 王 强``
    is; a diamond before anything but names still opens a subhead."""
    page = (
        HEADER
        + "周大新：故事已讲完\n\n◆韩某某\n\n茅盾文学奖获奖作家的长篇小说出版了，这是他的新作。\n\n◆加强基层治理\n\n基层治理是国家治理的基石。\n"
    )
    for model in (None, "none"):
        (article,) = [item for item in parse(page, model=model).items if isinstance(item, Article)]
        assert [(person.role, person.name) for person in article.bylines] == [("writer", "韩某某")]
        assert "◆韩某某" not in [getattr(block, "text", "") for block in article.body]
    assert parse_byline_line("◆韩某某") is not None
    assert parse_byline_line("◆加强基层治理") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("《环球人物》记者 高 塬", [("reporter", "高塬")]),
        ("《中国经济周刊》记者 周 琦 谢 玮", [("reporter", "周琦"), ("reporter", "谢玮")]),
        ("赵 晖（中国传媒大学教授）", [("writer", "赵晖")]),
        ("王 瑨 赵偲汝（本报记者）", [("reporter", "王瑨"), ("reporter", "赵偲汝")]),
        ("北京市怀柔区 赵 岑", [("writer", "赵岑")]),
        ("南开大学人口研究所教授 原 新", [("writer", "原新")]),
        ("许瓒  北京市第一七一中学  初三(20)班", [("writer", "许瓒")]),
        ("\u200b安 旭", [("writer", "安旭")]),
        ("本期统筹：陈 娟 吴 燕", []),  # a staff line names no author
        ("中央统战部", []),
        ("本报评论部", []),
        ("今天，某某开幕。", []),
    ],
)
def test_the_people_of_an_author_line_the_page_sets_under_a_title(line, expected):
    from convert_core.reader.people import author_line_people

    assert [(person.role, person.name) for person in author_line_people(line)] == expected


def test_zero_width_spaces_hide_no_subtitle_or_byline():
    """Extraction leaves zero-width spaces before a subtitle's dash and a byline
    (``\\u200b——评…``, ``\\u200b本报记者 X``): removed, with a diagnostic, they no longer hide
    the forms (the subtitle was a subhead and the byline a subhead of the story)."""
    page = (
        "坚守匠心的力量\n\n\u200b——评“大国工匠人物”的精神\n\n\u200b本报记者  贾某某\n\n"
        "近日，一批大国工匠走进校园，与学生面对面交流，讲述他们的成长故事。\n\n他们的故事感动了很多人。\n"
    )
    document = parse(page)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert article.subheadline == "——评“大国工匠人物”的精神"
    assert [(person.role, person.name) for person in article.bylines] == [("reporter", "贾某某")]
    assert len(article.body) == 2
    (note,) = [d for d in document.diagnostics if d.code == "invisible-characters-removed"]
    assert note.line == 3 and "2 zero-width space(s)" in note.message and note.severity == "info"
    from convert_core.lossless import lost_characters

    assert not lost_characters(page, document)


@pytest.mark.parametrize("header", ["要闻 2", "国内新闻 3", "要闻·2"])
def test_a_section_then_its_page_number_under_the_page_header_is_the_header(header):
    """``新华每日电讯`` / ``2020年4月27日 星期一`` / ``要闻 2``: the section's name, then the page's
    number, as some papers print them (``4 要闻``, the other way round, was read already); it
    was the first story's kicker or column. A title ending in a number stays a title."""
    page = (
        f"新华每日电讯\n\n2020年4月27日 星期一\n\n{header}\n\n复工复产跑出“加速度”\n\n新华社记者 张三\n\n"
        "4月的江南，春意正浓。记者近日在上海走访看到，企业复工复产按下“快进键”。\n\n“订单排到了6月。”他说。\n"
    )
    document = parse(page)
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert (article.kicker, article.column, article.headline) == (None, None, "复工复产跑出“加速度”")
    assert header in [piece.text for piece in document.furniture if piece.kind == "page-header"]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("本版图片除署名外均为本报记者 郑 凯 摄", "郑凯"),
        ("（本版图片除署名外均由记者 叶金梁 摄）", "叶金梁"),
        ("(本版图片除注明外均为记者 王二 摄)", "王二"),
    ],
)
def test_the_pages_picture_credit_is_staff_in_brackets_or_not(line, name):
    """A city paper closes a page with its pictures' credit in brackets (``（本版图片除署名外均由
    记者 X 摄）``): the page's staff, as ``本版图片除署名外均为本报记者 X 摄`` was; it was read
    as a picture's credit, and the paragraph above as its caption."""
    page = (
        HEADER + "西湖边的樱花开了\n\n见习记者 赵一鸣\n\n这几天，西湖边的樱花陆续开放，引来不少市民赏花拍照。\n\n"
        f"相关负责人说，预计花期还能持续一周左右。\n\n{line}\n"
    )
    document = parse(page, model="none")
    assert not [item for item in document.items if isinstance(item, Photo)]
    (article,) = [item for item in document.items if isinstance(item, Article)]
    assert len(article.body) == 2
    assert [(person.role, person.name) for person in document.metadata.staff] == [("photographer", name)]
    from convert_core.reader.text import comparable

    staff = [comparable(piece.text) for piece in document.furniture if piece.kind == "staff"]
    assert comparable(line) in staff  # (its brackets made full width, as Chinese text's are)


CITY_PAGE = (
    "都市快报  2020年4月28日  星期二  A06  杭州新闻\n\n"
    "杭州地铁5号线\n\n昨天全线贯通\n\n从城西到城东只要45分钟\n\n{byline}\n\n"
    "昨天上午9点,杭州地铁5号线最后一个区间隧道贯通。这意味着,这条贯穿城西和城东的地铁线,离开通又近了一步。\n\n"
    "据介绍,5号线全长约52公里,共设车站39座,是杭州目前最长的一条地铁线。\n\n"
    "昨天,5号线施工现场。\n\n记者 陈中秋 摄\n\n"
    "西湖边的樱花开了\n\n见习记者 赵一鸣\n\n"
    "这几天,西湖边的樱花陆续开放,引来不少市民赏花拍照。\n\n"
    "杭州西湖风景名胜区管委会相关负责人说,预计花期还能持续一周左右。\n"
)


@pytest.mark.parametrize("byline", ["记者 王晓明 通讯员 李华", "本报记者 王晓明"])
def test_a_city_pages_full_stack_and_a_picture_between_stories(byline):
    """A city page in the seed's shape: a kicker, headline and subheadline over a byline line,
    and a picture set between two stories, right over the next one's title and byline. The
    shipped model read the stack as a headline over two subheads, the byline as a paragraph,
    and the picture's caption and credit as the story's last paragraphs (People's Daily's
    records keep a picture inside a story so); the rules alone read it right."""
    document = parse(CITY_PAGE.format(byline=byline))
    first, second = document.articles
    assert (first.kicker, first.headline, first.subheadline) == (
        "杭州地铁5号线",
        "昨天全线贯通",
        "从城西到城东只要45分钟",
    )
    assert first.bylines[0].name == "王晓明" and len(first.body) == 2
    (photo,) = document.photos
    assert photo.caption == ["昨天，5号线施工现场。"] and [c.name for c in photo.credits] == ["陈中秋"]
    assert second.headline == "西湖边的樱花开了" and len(second.body) == 2


def test_a_photo_storys_caption_under_its_title_is_not_parted_from_it():
    """``暑运迎来返程高峰`` / caption / ``徐  琦摄（人民视觉）`` over the next story's title and
    byline: a photo story, whose caption stays under its title (People's Daily's records keep
    it as the story's text); only a picture under a story's paragraph stands between stories."""
    page = (
        "全国早稻播种面积稳中有增\n\n本报北京8月21日电  （记者王浩）2026年，全国早稻播种面积7116.4万亩，比上年增加2.2万亩。\n\n"
        "分地区看，南方各省早稻生产总体平稳。\n\n暑运迎来返程高峰\n\n"
        "暑期进入尾声，学生客流、探亲客流、旅游客流等叠加，铁路暑运迎来返程高峰。图为8月21日，旅客在江苏南京的火车站赶着去乘车。\n\n"
        "徐  琦摄（人民视觉）\n\n广州强化科技创新和产业创新深度融合\n\n本报记者  吴齐强  贺林平\n\n"
        "云山珠水间，涌动科创活力。位于广东的广州实验室内，科研人员正在忙碌。\n\n广州近年来持续加大科创投入。\n"
    )
    document = parse(page)
    assert all(article.body for article in document.articles)  # (no title left without its text)
    assert "广州强化科技创新和产业创新深度融合" in [article.headline for article in document.articles]


@pytest.mark.parametrize(
    ("stack", "expected"),
    [
        ("小区加装电梯\n\n这次终于落地了", ("小区加装电梯", "这次终于落地了", None)),
        ("老小区装上了电梯", (None, "老小区装上了电梯", None)),
        ("拱墅区\n\n老小区装上了电梯\n\n首台加装电梯昨天开工", ("拱墅区", "老小区装上了电梯", "首台加装电梯昨天开工")),
    ],
)
def test_a_title_stack_over_a_bare_reporters_line_after_a_story_heads_a_story(stack, expected):
    """A city page's next story, a title stack over ``记者 X 通讯员 Y`` right under the story
    above, was read as that story's subheads and a paragraph (the model learned People's
    Daily's packages, whose parts say ``本报记者``)."""
    page = (
        "都市快报 2020年4月28日 星期二 A05 城事\n\n西湖景区推出夜游线路\n\n记者 周亦凡\n\n"
        "今年五一假期,西湖景区将推出两条夜游线路,游客可乘船夜游西湖。\n\n夜游线路每晚7点至9点开放,票价每人60元。\n\n"
        f"{stack}\n\n记者 金洁 通讯员 李明\n\n"
        "住了20多年的老小区,终于要装电梯了。昨天,拱墅区一个老小区的首台加装电梯开工。\n\n"
        "“等这一天等了好几年。”住在6楼的张大伯说。\n\n据了解,今年拱墅区计划完成老旧小区加装电梯100台。\n"
    )
    first, second = parse(page).articles
    assert len(first.body) == 2
    assert (second.kicker, second.headline, second.subheadline) == expected
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "金洁"), ("correspondent", "李明")]
    assert len(second.body) == 3


def test_a_packages_parts_over_their_papers_reporters_stay_in_the_package():
    """People's Daily's package parts (a title over ``本报记者 X``) stay the package's
    paragraphs, as its records keep them: only a bare ``记者`` line opens a story so."""
    from convert_core.reader.byline_stacks import _BARE_REPORTERS_RE

    assert _BARE_REPORTERS_RE.match("记者 金洁 通讯员 李明") and _BARE_REPORTERS_RE.match("■首席记者 王五")
    assert not _BARE_REPORTERS_RE.match("本报记者  张  璁") and not _BARE_REPORTERS_RE.match("解放日报记者 李宝花")


@pytest.mark.parametrize("byline", ["新华社评论员", "人民日报评论员", "本报特约评论员"])
def test_an_agencys_or_papers_commentator_under_a_title_is_the_byline(byline):
    """``新华社评论员`` under a commentary's title signs it, as ``本报评论员`` did: it was read as
    the subheadline."""
    page = (
        f"新华每日电讯 2020年4月28日 星期二 评论 7\n\n以更大力度稳住外贸基本盘\n\n{byline}\n\n"
        "当前,外贸发展面临的困难和挑战依然较多。稳住外贸基本盘,事关经济社会发展大局。\n\n"
        "我们要坚定信心,迎难而上,推动外贸高质量发展。\n"
    )
    for model in (None, "none"):
        (article,) = parse(page, model=model).articles
        assert article.subheadline is None
        assert [(person.role, person.name) for person in article.bylines] == [("writer", byline)]


def test_a_cartoons_credit_is_a_picture_of_its_own():
    """``漫画：新华社发 朱慧卿 作`` under a commentary: a cartoon's credit (its drawer), a picture
    with no caption; it was the headline of an empty story, then the story's last paragraph."""
    assert [(c.role, c.name) for c in parse_credit("漫画：新华社发 朱慧卿 作")] == [("graphics", "朱慧卿")]
    page = (
        "新华每日电讯 2020年4月28日 星期二 评论 7\n\n“微笑服务”不能只是口号\n\n□张海\n\n"
        "近日,一段视频引发网友热议。视频中,一名服务人员对顾客态度冷漠。\n\n"
        "服务行业的“微笑服务”,不能只挂在墙上、停在嘴上。\n\n(作者为本报评论员)\n\n漫画:新华社发 朱慧卿 作\n"
    )
    for model in (None, "none"):
        document = parse(page, model=model)
        (article,) = document.articles
        assert len(article.body) == 3
        (photo,) = document.photos
        assert photo.caption == [] and [(c.role, c.name) for c in photo.credits] == [("graphics", "朱慧卿")]


def test_the_furniture_is_changed_only_through_its_counts():
    """The segmenter counted the furniture's kinds incrementally, checking that the list
    had only grown by the identity of its last piece, and counted again otherwise. The
    list is now changed only by ``KeptFurniture.add`` and ``take_back``, which keep the
    counts and the page headers' text as it changes: they always equal a fresh count."""
    from collections import Counter

    from convert_core.model import Furniture
    from convert_core.reader.segmenter import KeptFurniture

    pieces = [Furniture("page-header", "平顶山日报", 1)]
    kept = KeptFurniture(pieces)
    added = [
        kept.add(kind, text, no)
        for no, (kind, text) in enumerate(
            [
                ("page-header", "2020年4月28日"),
                ("navigation", "导读"),
                ("jump", "（下转第二版）"),
                ("page-header", "3"),
            ],
            2,
        )
    ]
    assert kept.headers == "平顶山日报\n2020年4月28日\n3" and kept.last is added[-1]
    for piece in (added[1], added[0], pieces[0]):  # a 导读 that titles the text under it; headers too
        kept.take_back(piece)
        assert +kept.kinds == Counter(p.kind for p in pieces)
        assert kept.headers == "\n".join(p.text for p in pieces if p.kind == "page-header")
    assert pieces == [
        Furniture("jump", "（下转第二版）", 4),
        Furniture("page-header", "3", 5),
    ]  # the document's own list
    kept.add("page-header", "A04", 6)
    assert kept.headers == "3\nA04" and kept.kinds["page-header"] == 2 and len(kept) == 3


@pytest.mark.parametrize(
    ("above", "ending"),
    [
        ("（上接第一版）", ""),  # a story continued from another page
        ("", ""),  # (a page's first story with no title: read right before too)
        ("坚定信心 攻坚克难\n\n奋力夺取脱贫攻坚全面胜利\n\n本报记者 顾仲阳\n\n", "(下转第二版)"),  # a story that jumps
        ("奋力夺取脱贫攻坚全面胜利\n\n（上接第一版）", ""),  # continued under its title
    ],
    ids=["continued", "untitled", "jumps", "continued-titled"],
)
def test_a_title_over_a_byline_where_no_package_goes_on_heads_a_story(above, ending):
    """A package's parts hang from its title on one page: under a piece with no title (a story
    continued from another page, or one whose title was missed), or under a story that jumps
    to another page, a title over ``本报记者 X`` heads the next story. It was read as two
    paragraphs of the piece above."""
    page = (
        "人民日报 2020年4月27日 星期一\n\n4\n\n要闻\n\n"
        f"{above}各地区各部门要把思想和行动统一到党中央决策部署上来,坚定信心、同舟共济,确保完成全年目标任务。\n\n"
        "会议强调,要抓好春耕生产,加强农资供应保障,确保粮食生产稳定。要统筹推进疫情防控和经济社会发展,"
        f"扎实做好“六稳”工作,全面落实“六保”任务,努力把疫情造成的损失降到最低限度,确保实现决胜全面建成小康社会目标任务。{ending}\n\n"
        "推动农业农村高质量发展\n\n本报记者 常钦\n\n"
        "谷雨时节,全国春播粮食已完成近四成。农业农村部有关负责人表示,今年春播进展总体顺利。\n\n"
        "从各地看,农资供应充足,价格总体稳定。\n\n稳就业保民生\n\n"
        "本报北京4月26日电 (记者李心萍)人力资源和社会保障部26日召开新闻发布会,介绍一季度就业形势。\n\n"
        "据介绍,一季度城镇新增就业229万人。\n"
    )
    first, second, third = parse(page).articles
    assert len(first.body) == 2
    assert second.headline == "推动农业农村高质量发展"
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "常钦")]
    assert len(second.body) == 2
    assert third.headline == "稳就业保民生"


def test_a_jump_at_a_paragraphs_end_is_furniture_before_the_page_is_read():
    """``…实现就业。（下转第二版）``: the pointer goes to the page furniture before the lines are
    read, so the paragraph ends at its full stop, as the models learned paragraphs; the title
    under it (a commentary with no byline) was read as a line of no story."""
    page = (
        "人民日报 2020年4月27日 星期一\n\n坚定信心 攻坚克难\n\n奋力夺取脱贫攻坚全面胜利\n\n本报记者 顾仲阳\n\n"
        "今年是决战决胜脱贫攻坚之年。各地区各部门坚决克服疫情影响,加快推进脱贫攻坚各项工作。\n\n"
        "在甘肃省定西市,扶贫车间陆续复工,贫困群众在家门口实现就业。(下转第二版)\n\n"
        "让文明新风吹进千家万户(人民时评)\n\n"
        "移风易俗,是乡村振兴的重要内容。近年来,各地积极推进移风易俗,文明乡风日渐浓厚。\n\n"
        "推进移风易俗,既要靠制度约束,也要靠教育引导。\n\n(作者为中国农业大学教授)\n"
    )
    document = parse(page)
    first, second = document.articles
    assert first.body[-1].text == "在甘肃省定西市，扶贫车间陆续复工，贫困群众在家门口实现就业。"
    assert second.headline == "让文明新风吹进千家万户（人民时评）"
    assert [(f.kind, f.text) for f in document.furniture if f.kind == "jump"] == [("jump", "（下转第二版）")]
    assert [d.line for d in document.diagnostics if d.code == "jump-line-removed"] == [11]


def test_a_jump_at_the_end_of_a_field_pages_body_line_is_furniture_before_the_page_is_read():
    """The same on an e-paper page read field by field (``【正文】…浓厚。（下转第二版）``): the
    paragraph on the ``【正文】`` line had its jump left on while the page was read, so it did not
    end at its full stop and the lines under it were joined to it as a column break
    (``…浓厚。（下转第二版）让文明新风…``)."""
    page = (
        "【标题】让文明新风吹进千家万户\n"
        "【正文】移风易俗，是乡村振兴的重要内容。近年来，各地积极推进移风易俗，文明乡风日渐浓厚。（下转第二版）\n\n"
        "让文明新风吹进千家万户（人民时评）\n\n推进移风易俗，既要靠制度约束，也要靠教育引导。\n"
    )
    document = parse(page)
    (article,) = document.articles
    assert article.body[0].text == "移风易俗，是乡村振兴的重要内容。近年来，各地积极推进移风易俗，文明乡风日渐浓厚。"
    assert not any("下转" in block.text for block in article.body)
    assert [(f.kind, f.text, f.line) for f in document.furniture if f.kind == "jump"] == [("jump", "（下转第二版）", 2)]
    assert [d.line for d in document.diagnostics if d.code == "jump-line-removed"] == [2]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("中国网络电视台制", None),  # a public-service ad's maker
        ("南方电网数字电网研究院有限公司研发的系统已在多地应用。", None),
        ("据新华社纽约电 美国股市26日收跌。", "据新华社纽约电"),
        ("新华社北京4月26日电网络安全宣传周将于9月举行。", "新华社北京4月26日电"),  # (a date: a dateline)
        ("新华网北京电 记者26日获悉。", "新华网北京电"),
        ("据韩联社报道,日本佐渡金山2024年7月列入世界遗产名录。", None),  # (runs on into its sentence)
        ("在国网安徽电科院电力量子感知实验室,研究人员正在忙碌。", None),
        ("上海推出网络餐饮电子证照核验应用", None),
        ("东州日报讯 近日,我市召开会议。", "东州日报讯"),
        ("快报讯(记者 王小明)昨天,西湖景区新建的步道开放。", "快报讯"),
        ("ISC—V打造,实现了从核心处理器到开发工具的全开源。", None),  # (a Latin word and a dash)
    ],
)
def test_the_start_of_a_sentence_is_no_dateline(text, dateline):
    """``中国网络电视台制`` read as the dateline ``中国网络电`` (an agency ``中国网``, a place ``络``
    and ``电``): with no date before it, a ``电`` that opens a word (电视, 电网) ends none, and
    an agency not of the known list is set off from its story by a space, bracket or colon; a
    capitals' word and a dash before Chinese text are no Latin dateline."""
    from convert_core.reader.datelines import split_opening

    opening = split_opening(text)
    assert (opening.dateline if opening else None) == dateline


def test_a_public_service_ads_label_keeps_its_slogan_and_maker_as_advertisement():
    """``讲文明 树新风`` / ``公益广告`` / ``中国网络电视台制`` between stories: an ad, not a story
    (its maker's line was read as the dateline ``中国网络电``) nor a story's subheads."""
    page = (
        "人民日报 2020年4月27日 星期一\n\n稳就业保民生\n\n"
        "本报北京4月26日电 (记者李心萍)人力资源和社会保障部26日召开新闻发布会,介绍一季度就业形势。\n\n"
        "据介绍,一季度城镇新增就业229万人。\n\n讲文明 树新风\n\n公益广告\n\n中国网络电视台制\n\n"
        "春耕生产有序推进\n\n本报北京4月26日电 (记者常钦)记者从农业农村部获悉,目前全国春播粮食已完成近四成。\n"
    )
    document = parse(page)
    assert [(a.headline, len(a.body)) for a in document.articles] == [("稳就业保民生", 2), ("春耕生产有序推进", 1)]
    ads = [f.text for f in document.furniture if f.kind == "advertisement"]
    assert ads == ["讲文明 树新风", "公益广告", "中国网络电视台制"]


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("文化传承 蔚然成风", None),  # a subhead of two phrases: 文 glued to its word is no label
        ("图说天下 精彩纷呈", None),
        ("文/王小明", [("writer", "王小明")]),
        ("文：王小明", [("writer", "王小明")]),
        ("文/图 王小明", [("writer", "王小明"), ("photographer", "王小明")]),
        ("文汇报记者  王宛艺", [("reporter", "王宛艺")]),  # (another paper's reporter, its name opening with 文)
    ],
)
def test_a_one_character_label_is_set_off_from_the_name(line, people):
    """``文化传承 蔚然成风`` (a subhead) was read as a byline of the writers ``化传承`` and
    ``蔚然成风``: the labels of one character (``文``, ``图``, ``摄``) sign only when a space, a
    colon or a slash sets them off (文 is a surname too: ``文清丽`` is a name)."""
    found = parse_byline_line(line)
    assert ([(p.role, p.name) for p in found] if found else None) == people


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("据医疗队介绍", None),  # a sentence's start cut by a column break (据医疗队介绍，由于…)
        ("综合防控技术要点", None),  # a subhead
        ("综合性科技典籍数据库上线", None),
        ("据新华社", "据新华社"),
        ("（综合本报记者报道）", "综合本报记者报道"),
        ("综合外电", "综合外电"),
        ("据“江夏发布”微信公众号", "据“江夏发布”微信公众号"),
    ],
)
def test_a_source_credit_names_a_source(line, source):
    """``据医疗队介绍`` and ``综合防控技术要点`` were read as source credits closing a story (the
    line then never joined the paragraph it opens, nor stood as a subhead): ``综合`` credits
    name agencies, papers or media, and ``据`` with a hearsay verb at its end opens a sentence."""
    closing = parse_closing(line)
    assert (closing.sources[0] if closing and closing.sources else None) == source


def test_a_date_under_a_signature_is_the_storys_text():
    """``佳木斯大学`` / ``2026年7月20日`` closing a notice, ``总理 李 强`` / ``2026年5月8日`` a
    decree: the e-paper records keep the date as the story's last paragraph; it went to the
    page furniture."""
    page = (
        "佳木斯大学八十周年校庆公告\n\n2027年7月20日,佳木斯大学将迎来八十华诞。我们诚挚邀请海内外校友和社会各界人士拨冗莅临。\n\n"
        "特此公告,敬祈周知。\n\n佳木斯大学\n\n2026年7月20日\n"
    )
    article = parse(page).articles[0]
    assert [block.text for block in article.body][-2:] == ["佳木斯大学", "2026年7月20日"]


def test_title_lines_after_a_story_that_jumps_head_the_next_story():
    """``…重点工程。（下转A05）`` / ``相关新闻`` / ``湖滨步行街周末将延长营业`` / ``快报讯（记者 陈晨）…``:
    the story goes on on page A05, so the title lines under its jump head the next story;
    they were read as its subheads and the next story as its paragraphs."""
    page = (
        "都市快报 2020年4月28日 星期二 A04 要闻\n\n西湖边新开一条步道\n\n快报记者 王小明 通讯员 李华\n\n"
        "昨天上午,西湖景区新建的一段滨水步道正式开放,不少市民一早就来散步。步道全长约两公里,沿途设置了休息座椅和"
        "直饮水点,景区工作人员介绍,步道建设历时半年,是今年西湖景区的一项重点工程。(下转A05)\n\n"
        "相关新闻\n\n湖滨步行街周末将延长营业\n\n"
        "快报讯(记者 陈晨)记者昨天从上城区获悉,湖滨步行街周末营业时间将延长至晚上11点。\n\n"
        "据介绍,延长营业时间后,街区将增加安保和保洁力量。\n"
    )
    first, second = parse(page).articles
    assert len(first.body) == 1
    assert second.headline == "湖滨步行街周末将延长营业"
    assert (second.dateline, [p.name for p in second.bylines], len(second.body)) == ("快报讯", ["陈晨"], 2)


def test_an_inferred_edition_date_takes_its_year_from_a_date_on_a_line_of_its_own():
    """A page with no date printed in its header, whose text announces a date of next
    year (``2027年7月20日，佳木斯大学将喜迎八十华诞``) and is signed ``2026年7月20日`` on a
    line of its own: the year came from the latest full date in the text, and the page was
    dated 2027-07-21. A full date printed on a line of its own is the page's time; one in a
    sentence may be announced or recalled (4 corpus pages of 2,291 without their header
    moved, all to the right year; none moved to a wrong one)."""
    from convert_core.reader import edition

    def inferred(text: str) -> tuple[str | None, list[str]]:
        document = parse("标题\n\n正文。\n")
        document.metadata.edition_date = document.metadata.date_source = None
        document.diagnostics.clear()
        edition.detect(document, [], text)
        return document.metadata.edition_date, [d.message for d in document.diagnostics]

    signed = (
        "7月19日，学校举行大会。\n2027年7月20日，佳木斯大学将喜迎八十华诞。\n佳木斯大学\n2026年7月20日\n本版责编：张三"
    )
    date, said = inferred(signed)
    assert date == "2026-07-20"
    assert said == [
        "no date printed on the page: inferred 2026-07-20, the day after the latest event date the text mentions "
        "(7月19日), with the year from the latest full date printed on a line of its own"
    ]
    # no event date: the full date on a line of its own, not the one the text announces
    assert inferred(signed.replace("7月19日，", ""))[0] == "2026-07-20"
    assert "printed on a line of its own (2026-07-20)" in inferred(signed.replace("7月19日，", ""))[1][0]
    # no date on a line of its own: the latest full date in the text, as before
    assert inferred(signed.replace("\n2026年7月20日", ""))[0] == "2027-07-21"
    # a date line of its own in the past of the text's dates (a recalled one) cuts them off
    assert inferred("5月3日，会议召开。\n2025年1月2日\n2026年5月1日，新规施行。")[0] == "2025-05-04"
