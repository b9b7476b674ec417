"""How printed lines become paragraphs and titles (convert_core/layout/flow.py), on small
pages drawn line by line here (reportlab, the built-in CID fonts), each holding one
shape the corpus showed going wrong."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

sys.path.insert(0, str(Path(__file__).parent))
from pdfpages import picture_png
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import convert_core
from convert_core.reader.datelines import parse_byline_line
from convert_core.testing.typefaces import register

WIDTH, HEIGHT = 595.0, 842.0
LEFT, COLUMN, GUTTER = 36.0, 165.0, 12.0
BODY = 10.0
PITCH = 14.0
SONG, SONG_BOLD = "bc-song", "bc-song-bold"
FILLER = "各地区各部门各单位坚持实字当头干字为要持续推进学习自觉对标对表及时校准思想认识偏差增强思想自觉和行动自觉"


class Page:
    """Lines drawn at given places, top-down coordinates."""

    def __init__(self) -> None:
        register()
        self.ops: list[tuple[str, float, float, float, str]] = []
        self.pictures: list[tuple[float, float, float, float]] = []

    def picture(self, x: float, y: float, width: float, height: float) -> None:
        self.pictures.append((x, y, width, height))

    def text(self, text: str, x: float, y: float, size: float = BODY, font: str = SONG) -> None:
        self.ops.append((text, x, y, size, font))

    def centred(self, text: str, x0: float, x1: float, y: float, size: float, font: str) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.text(text, (x0 + x1 - stringWidth(text, font, size)) / 2, y, size, font)

    def column(self, column: int, y: float, paragraphs: list[str]) -> float:
        """Paragraphs set in a column, first lines indented two ems; the y below them."""
        x = LEFT + column * (COLUMN + GUTTER)
        per_line = int(COLUMN // BODY)
        for paragraph in paragraphs:
            first, rest = paragraph[: per_line - 2], paragraph[per_line - 2 :]
            self.text(first, x + 2 * BODY, y)
            y += PITCH
            while rest:
                self.text(rest[:per_line], x, y)
                rest = rest[per_line:]
                y += PITCH
        return y

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT), invariant=1)
        for text, x, y, size, font in self.ops:
            page.setFont(font, size)  # the bold face is the CID font named ,Bold with ForceBold
            page.drawString(x, HEIGHT - y, text)
        for x, y, width, height in self.pictures:
            png = picture_png((90, 140, 60), 40, 30)
            page.drawImage(ImageReader(io.BytesIO(png)), x, HEIGHT - y - height, width, height)
        page.showPage()
        page.save()
        return buffer.getvalue()


def article_of(pdf: bytes, headline: str):
    document = convert_core.parse(pdf, name="page.pdf", transform=False)
    found = [article for article in document.articles if article.headline == headline]
    assert found, [article.headline for article in document.articles]
    return found[0]


def body_texts(article) -> list[str]:
    return [block.text for block in article.body if hasattr(block, "text")]


def headline(page: Page, text: str) -> float:
    page.centred(text, LEFT, WIDTH - LEFT, 60, 24, SONG_BOLD)
    return 60 + 24


def test_a_reporters_label_alone_is_a_byline_naming_nobody():
    """``本报记者`` alone under a headline (the names close the story) signs it: it is
    the story's attribution, not its first paragraph."""
    assert parse_byline_line("本报记者") == []
    assert parse_byline_line("本报记者 王 平")[0].name == "王平"
    assert parse_byline_line("各地") is None
    page = Page()
    y = headline(page, "学习教育扎实开展")
    page.centred("本报记者", LEFT, WIDTH - LEFT, y + 10, BODY, SONG)
    page.column(0, y + 40, ["当前，" + FILLER + "。"])
    page.column(1, y + 40, ["山东" + FILLER + "。"])
    page.column(2, y + 40, ["重庆" + FILLER + "。", "（本报记者赵成、吴丹）"])
    article = article_of(page.pdf(), "学习教育扎实开展")
    assert "本报记者" in article.attribution
    assert body_texts(article)[0].startswith("当前，")
    assert len(body_texts(article)) == 4


def test_a_byline_line_never_runs_into_the_paragraph_below_it():
    """A byline on a line of its own, as wide as the short paragraph under it, signs the
    story: the paragraph does not go on from it."""
    page = Page()
    y = headline(page, "吉林加速发展现代化大农业")
    page.centred("本报记者 汪志球 郑智文", LEFT, WIDTH - LEFT, y + 10, BODY, SONG)
    below = page.column(0, y + 34, ["盐碱地如何变成丰产田？", "答案是靠科技。"])
    page.column(0, below, ["正值夏日，" + FILLER + "。"])
    page.column(1, y + 34, ["二〇二五年，" + FILLER + "。"])
    page.column(2, y + 34, ["高标准农田内，" + FILLER + "。"])
    article = article_of(page.pdf(), "吉林加速发展现代化大农业")
    assert [person.name for person in article.bylines] == ["汪志球", "郑智文"]
    texts = body_texts(article)
    assert texts[:2] == ["盐碱地如何变成丰产田？", "答案是靠科技。"]
    assert len(texts) == 5


def test_a_short_indented_paragraph_after_a_bold_line_is_its_own():
    """A bold line filling its column (a subhead in body size) over a paragraph of one
    short indented line: the indent is measured from the column, so the paragraph opens
    there rather than going on from the bold line as a run-in lead."""
    page = Page()
    y = headline(page, "以青春之我创青春中国")
    y = page.column(0, y + 30, ["湖北武汉，" + FILLER + "。"])
    page.text("胸怀理想：向新图强，勇攀科技高峰", LEFT, y + 4, BODY, SONG_BOLD)
    y = page.column(0, y + 4 + PITCH + 2, ["五十分二十六秒完赛！"])
    page.column(0, y, ["北京亦庄，" + FILLER + "。"])
    article = article_of(page.pdf(), "以青春之我创青春中国")
    texts = body_texts(article)
    assert "胸怀理想：向新图强，勇攀科技高峰" in texts
    assert "五十分二十六秒完赛！" in texts
    assert len(texts) == 4


def test_a_subhead_set_in_two_parts_is_two_titles():
    """A bold centred subhead of two parts, white space between them (``一座古城`` over
    ``沉浸场景激发消费活力``), gives two lines, not one joined title."""
    page = Page()
    y = headline(page, "中国游中国购热情持续高涨")
    y = page.column(0, y + 30, ["“五一”假期，" + FILLER + "。"])
    x0, x1 = LEFT, LEFT + COLUMN
    page.centred("一座古城", x0, x1, y + 8, 10.5, SONG_BOLD)
    page.centred("沉浸场景激发消费活力", x0, x1, y + 8 + 21, 10.5, SONG_BOLD)
    page.column(0, y + 8 + 21 + 20, ["夜色渐浓，" + FILLER + "。"])
    article = article_of(page.pdf(), "中国游中国购热情持续高涨")
    texts = body_texts(article)
    assert texts[1:3] == ["一座古城", "沉浸场景激发消费活力"]
    assert len(texts) == 4


def credited_story(pictured: bool) -> bytes:
    page = Page()
    y = headline(page, "立夏农事忙") + 30
    if pictured:
        page.picture(LEFT, y - 10, COLUMN, 100)
        y += 100
    y = page.column(
        0, y, ["五月五日是立夏节气，各地农民抢抓农时。", "图为当日，人们在田间用移动式水稻秧苗输送机起秧苗。"]
    )
    page.text("谢万柏摄（新华社发）", LEFT + 2 * BODY, y)
    return page.pdf()


def test_credited_lines_with_no_picture_above_stay_the_story_text():
    """A story printed without its photo: its lines read like a caption (``图为…``, then
    ``X摄（新华社发）``) but no picture is on the page, so they are its paragraphs, not a
    photo's caption; the same lines under a picture are the photo's."""
    pictured = convert_core.parse(credited_story(True), name="page.pdf", transform=False)
    assert [person.name for photo in pictured.photos for person in photo.credits] == ["谢万柏"]
    document = convert_core.parse(credited_story(False), name="page.pdf", transform=False)
    assert not document.photos
    article = article_of(credited_story(False), "立夏农事忙")
    assert body_texts(article) == [
        "五月五日是立夏节气，各地农民抢抓农时。",
        "图为当日，人们在田间用移动式水稻秧苗输送机起秧苗。",
        "谢万柏摄（新华社发）",
    ]


def test_a_kicker_in_the_top_strip_is_the_top_storys_not_the_running_header():
    """The first story's kicker, set in the page's top strip right over its headline, is
    its kicker; the running header beside and above it stays furniture."""
    page = Page()
    page.text("人民日报", LEFT, 22, 8)
    page.text("第七版", WIDTH - LEFT - 24, 22, 8)
    page.text("黑龙江佳木斯市勤得利农场——", LEFT, 52, 11)
    page.text("水表买了八年至今仍未安装", LEFT, 80, 24, SONG_BOLD)
    page.column(0, 110, ["我是" + FILLER + "。"])
    page.column(1, 110, ["多年来，" + FILLER + "。"])
    page.column(2, 110, ["黑龙江佳木斯市读者"])
    document = convert_core.parse(page.pdf(), name="page.pdf", transform=False)
    article = article_of(page.pdf(), "水表买了八年至今仍未安装")
    assert article.kicker == "黑龙江佳木斯市勤得利农场——"
    furniture = " ".join(piece.text for piece in document.furniture)
    assert "人民日报" in furniture and "勤得利" not in furniture


def assert_bodies(pdf: bytes, expected: dict[str, tuple[str, int]]) -> None:
    """Each titled story's body starts as given and has as many blocks (``{title: (start, count)}``)."""
    for title, (start, count) in expected.items():
        texts = body_texts(article_of(pdf, title))
        assert texts[0].startswith(start) and len(texts) == count, (title, texts)


def test_a_running_header_over_a_gutter_does_not_hide_it():
    """Two stories side by side under a running header whose middle item (the section's
    name) stands over the gutter between them: the header is read on its own, so the
    gutter still parts the stories and each title keeps its own columns."""
    page = Page()
    page.text("2026年4月27日", LEFT, 30, 8)
    page.centred("副刊", LEFT + 2 * COLUMN + GUTTER - 10, LEFT + 2 * COLUMN + 2 * GUTTER + 10, 34, 16, SONG_BOLD)
    page.text("第二十版", WIDTH - LEFT - 32, 30, 8)
    page.text("春天的园子", LEFT, 84, 24, SONG_BOLD)
    page.column(0, 110, ["这个春天的中午，" + FILLER + "。"])
    page.column(1, 110, ["我们踩在田埂上，" + FILLER + "。"])
    page.text("书房记", LEFT + 2 * (COLUMN + GUTTER), 80, 18, SONG_BOLD)
    page.column(2, 100, ["我的书房，" + FILLER + "。", "书房有了，日子变了样。"])
    assert_bodies(page.pdf(), {"春天的园子": ("这个春天的中午", 2), "书房记": ("我的书房", 2)})


def test_kickers_side_by_side_stay_with_their_titles():
    """Stories side by side under a story that spans the page, each with a kicker right
    over its title, the kickers level on one row: no cut runs between the row of kickers
    and the titles, so each kicker is its own story's."""
    page = Page()
    y = headline(page, "投诉人信息是怎样被泄露的")
    for column in range(3):
        page.column(column, y + 20, [FILLER[column * 7 :] + "。"])
    kickers = ["青海循化县——", "河南平顶山市——", "一些婚恋机构以高成功率为诱饵"]
    titles = ["排查整治守住供水底线", "小区违建拆除难", "小心婚介背后的套路"]
    for column, (kicker, title) in enumerate(zip(kickers, titles)):
        x = LEFT + column * (COLUMN + GUTTER)
        page.text(kicker, x, 300, 11)
        page.text(title, x, 322, 16, SONG_BOLD)
        page.column(column, 346, [title + "，" + FILLER + "。"])
    for kicker, title in zip(kickers, titles):
        article = article_of(page.pdf(), title)
        assert article.kicker == kicker
        assert len(body_texts(article)) == 1


def test_a_title_a_hair_too_wide_does_not_join_the_story_beside_it():
    """Two stories side by side, the left one's title set a few points into the title of
    the right one, level with it: the gutter under them still parts the stories."""
    page = Page()
    page.text("更应高度警惕日本再军事化的野心", LEFT, 84, 24, SONG_BOLD)  # 15 characters: past its two columns
    page.column(0, 110, ["澳大利亚首都，" + FILLER + "。"])
    page.column(1, 110, ["每年四月，" + FILLER + "。"])
    page.text("生育率连续回升", LEFT + 2 * (COLUMN + GUTTER), 80, 18, SONG_BOLD)
    page.column(2, 110, ["近日发布的统计，" + FILLER + "。", "韩国成立了委员会。"])
    assert_bodies(
        page.pdf(), {"更应高度警惕日本再军事化的野心": ("澳大利亚首都", 2), "生育率连续回升": ("近日发布的统计", 2)}
    )


def test_a_storys_column_past_its_title_is_read_before_the_next_story():
    """A story whose title spans one of its two columns, another story under it set the
    same way, and beside both a story running down the whole page: the second column,
    with no title over it, is read with the story it continues, not after the next."""
    page = Page()
    page.text("台胞为啥爱来厦门", LEFT, 84, 20, SONG_BOLD)
    page.column(0, 110, ["五通码头，" + FILLER + "。"] * 8)
    second = LEFT + COLUMN + GUTTER
    page.text("当年的军舰真棒", second, 84, 20, SONG_BOLD)
    page.column(1, 110, ["今天，" + FILLER + "。"])
    page.column(2, 110, ["二〇一五年，" + FILLER + "。"])
    page.text("广州优化营商环境", second, 300, 20, SONG_BOLD)
    page.column(1, 330, ["近日，" + FILLER + "。"])
    page.column(2, 330, ["此外，" + FILLER + "。"])
    assert [t[:3] for t in body_texts(article_of(page.pdf(), "当年的军舰真棒"))] == ["今天，", "二〇一"]
    assert [t[:3] for t in body_texts(article_of(page.pdf(), "广州优化营商环境"))] == ["近日，", "此外，"]


def test_a_caption_in_type_a_half_point_smaller_is_not_the_text_under_it():
    """A chart's source line, in type half a point smaller than the body, set right on
    the story's first paragraph with no space between them: two blocks, so the story
    keeps its paragraphs and the line stays the picture's."""
    page = Page()
    y = headline(page, "油瓶子里的新变化")
    page.picture(LEFT, y + 20, COLUMN, 90)
    page.text("数据来源：国家现代农业产业技术体系", LEFT, y + 124, 9.5)  # as wide as the column
    page.text("（二〇二五年）", LEFT, y + 124 + PITCH, 9.5)
    page.column(0, y + 124 + 2 * PITCH, ["起锅、倒油，" + FILLER + "。", "这些年，" + FILLER + "。"])
    page.column(1, y + 20, ["在甘肃陇南，" + FILLER + "。"])
    document = convert_core.parse(page.pdf(), name="page.pdf", transform=False)
    assert [article.headline for article in document.articles] == ["油瓶子里的新变化"]
    texts = body_texts(document.articles[0])
    assert [text[:3] for text in texts] == ["起锅、", "这些年", "在甘肃"]


def test_a_picture_storys_text_under_its_caption_is_its_own():
    """``图片报道`` over a photo whose caption is followed by a story's text (indented, in
    body type): the heading is that picture story's title, and its text is not the
    story read before it."""
    page = Page()
    y = headline(page, "两个关键词看创新")
    page.column(0, y + 30, ["近段时间，" + FILLER + "。", "再说开放度。" + FILLER + "。"])
    x = LEFT + COLUMN + GUTTER
    page.text("图片报道", x, y + 40, 18, SONG_BOLD)
    page.picture(x, y + 50, COLUMN, 80)
    page.text("近期，刘家河水库已全面完工，正式下", x, y + 144, 8.5)
    page.text("闸蓄水。王泸州摄", x, y + 144 + 11, 8.5)
    page.column(1, y + 180, ["规划纲要提出加快建设现代化水网，" + FILLER + "。"])
    document = convert_core.parse(page.pdf(), name="page.pdf", transform=False)
    assert [article.headline for article in document.articles] == ["两个关键词看创新", "图片报道"]
    assert len(body_texts(document.articles[0])) == 2
    assert [text[:4] for text in body_texts(document.articles[1])] == ["规划纲要"]


def test_a_line_spread_letter_by_letter_is_one_line():
    """A short line spread to its column's width, its characters evenly spaced two ems
    apart (``本 版 邮 箱 ：``): one line, read with the address it leads into."""
    page = Page()
    page.text("欢迎赐稿", LEFT, 84, 20, SONG_BOLD)
    y = page.column(0, 110, ["各位读者，本版栏目长期征稿，请勿一稿多投。"])
    step = (COLUMN - BODY) / 4
    for number, char in enumerate("本版邮箱："):
        page.text(char, LEFT + number * step, y)
    page.text("rmrbpl@peopledaily.cn（来稿）", LEFT, y + PITCH)
    texts = body_texts(article_of(page.pdf(), "欢迎赐稿"))
    assert texts == ["各位读者，本版栏目长期征稿，请勿一稿多投。", "本版邮箱：rmrbpl@peopledaily.cn（来稿）"]


def test_the_rest_of_a_caption_block_is_the_pictures_not_the_story():
    """Under a picture, a caption in small type and, in the same block, a line the reader
    does not know for a credit (``丁文磊绘``, ``以上图片均为AI生成``), or such a line in a
    block of its own right under the caption: the picture's, and the story starts with
    its own first paragraph."""
    for credit in (["丁文磊绘"], ["以上图片均为AI生成"], ["丁文磊供图", "AI修饰生成素描画"]):
        page = Page()
        y = headline(page, "雨林深处有人居")
        page.picture(LEFT, y + 20, COLUMN, 80)
        for number, line in enumerate(["傣族竹楼的气候适应性示意图。", *credit]):
            page.text(line, LEFT + 18, y + 114 + 12 * number, 9)
        page.column(0, y + 114 + 42, ["在云南，" + FILLER + "。"])
        page.column(1, y + 20, ["竹楼不着一钉，" + FILLER + "。"])
        texts = body_texts(article_of(page.pdf(), "雨林深处有人居"))
        assert [text[:3] for text in texts] == ["在云南", "竹楼不"], credit
    # the credit a block of its own in the same type, set flush right right under it
    page = Page()
    y = headline(page, "雨林深处有人居")
    page.picture(LEFT, y + 20, COLUMN, 80)
    page.text("傣族竹楼的气候适应性示意图。", LEFT + 18, y + 114, 9)
    page.text("本报记者 王 浩文 孙 恺摄（人民视觉）", LEFT + COLUMN - 9 * 17, y + 114 + 12, 9)
    page.column(0, y + 114 + 30, ["在云南，" + FILLER + "。"])
    page.column(1, y + 20, ["竹楼不着一钉，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "雨林深处有人居"))
    assert [text[:3] for text in texts] == ["在云南", "竹楼不"]


def test_an_institution_signing_under_the_title_is_no_paragraph():
    """A short line of its own, flush left under a title, naming an institution (no
    person the reader can tell): the story's attribution, and its text starts with its
    indented first paragraph."""
    page = Page()
    y = headline(page, "深入贯彻实施民族团结进步促进法")
    page.text("中共中央党史和文献研究院", LEFT, y + 16, BODY)
    page.column(0, y + 36, ["二〇二六年三月，" + FILLER + "。"])
    page.column(1, y + 36, ["准确把握法律定位，" + FILLER + "。"])
    article = article_of(page.pdf(), "深入贯彻实施民族团结进步促进法")
    assert [text[:4] for text in body_texts(article)] == ["二〇二六", "准确把握"]
    assert article.attribution == ["中共中央党史和文献研究院"]


def test_an_institution_too_long_for_a_names_line_signs_alone_under_the_title():
    """An institution's line of its own under a title, longer than a line of names (over
    sixteen characters) but no sentence: the story's attribution. It signs alone: the short
    label of its own under it (``开栏的话``, two words a name could be) opens the text."""
    page = Page()
    y = headline(page, "深入学习理论武装头脑")
    institution = "某某大学马克思主义学院理论学习中心组"
    page.text(institution, LEFT, y + 16, BODY)
    page.text("开栏的话", LEFT + 2 * BODY, y + 36, BODY)
    page.column(0, y + 36 + PITCH, ["为推动学习，" + FILLER + "。"])
    page.column(1, y + 36, ["时代是思想之母，" + FILLER + "。"])
    article = article_of(page.pdf(), "深入学习理论武装头脑")
    assert article.attribution == [institution]
    assert [text[:4] for text in body_texts(article)] == ["开栏的话", "为推动学", "时代是思"]


def test_a_short_line_set_at_an_indent_under_the_authors_name_opens_the_text():
    """An author flush left under the title, then a short label set two ems in, at the
    text's indent (``开栏的话``, two words a name could be): the label starts and ends right
    of the name, so it opens the text; it is no second author."""
    page = Page()
    y = headline(page, "理论创新的时代价值")
    page.text("李明远", LEFT, y + 16, BODY)
    page.text("开栏的话", LEFT + 2 * BODY, y + 34, BODY)
    page.column(0, y + 34 + PITCH, ["为推动学习，" + FILLER + "。"])
    page.column(1, y + 34, ["时代是思想之母，" + FILLER + "。"])
    article = article_of(page.pdf(), "理论创新的时代价值")
    assert [person.name for person in article.bylines] == ["李明远"]
    assert [text[:4] for text in body_texts(article)] == ["开栏的话", "为推动学", "时代是思"]


def test_a_reporters_notes_box_in_body_type_stays_in_its_story():
    """``记者手记`` and its own title in bold type of about the body's size at the foot of a story's
    column: a box inside that story, not a story of its own."""
    page = Page()
    y = headline(page, "请到民勤种棵树")
    y = page.column(0, y + 30, ["民勤的春天，" + FILLER + "。"])
    page.centred("记者手记", LEFT, LEFT + COLUMN, y + 6, 10.5, SONG_BOLD)
    page.centred("种一棵树，种下希望", LEFT, LEFT + COLUMN, y + 6 + PITCH + 8, 10.5, SONG_BOLD)
    page.column(0, y + 6 + 2 * PITCH + 12, ["民勤，一个小县，" + FILLER + "。"])
    document = convert_core.parse(page.pdf(), name="page.pdf", transform=False)
    assert [article.headline for article in document.articles] == ["请到民勤种棵树"]
    texts = body_texts(document.articles[0])
    assert texts[1:3] == ["记者手记", "种一棵树，种下希望"] and len(texts) == 4


def test_verse_keeps_its_lines():
    """A poem set line by line, not indented: its lines ragged and short, or five
    characters each ending a clause, are one line each, not run into one paragraph."""
    page = Page()
    y = headline(page, "海边偶遇")
    ragged = ["云影在波光细闪的海面上游移", "夏风摸着海浪的方向涌来", "我们踩下的足印", "被大海的温柔抚平"]
    for number, text in enumerate(ragged):
        page.text(text, LEFT, y + 30 + number * PITCH)
    even = ["水网连百川，", "江河长安澜。", "涓滴滋厚土，", "神州岁岁安。"]
    for number, text in enumerate(even):
        page.text(text, LEFT + COLUMN + GUTTER, y + 30 + number * PITCH)
    assert body_texts(article_of(page.pdf(), "海边偶遇")) == ragged + even


def test_verse_indented_as_one_keeps_its_lines():
    """A poem whose every line is a paragraph, each indented two ems: the lines start
    level, so none is indented from the block's edge; ragged and well short of their
    column's edge, they are verse all the same, even when a few of them end level."""
    page = Page()
    y = headline(page, "马年之花")
    poem = ["春风吹过山岗和河流", "花开满了村前屋后", "燕子衔泥归来", "孩子们在田埂上奔跑", "笑声落进新翻的土"]
    for number, text in enumerate(poem):
        page.text(text, LEFT + 2 * BODY, y + 30 + number * PITCH)
    for column in (1, 2):
        page.column(column, y + 30, [FILLER + "。", FILLER[:30] + "。"])
    assert body_texts(article_of(page.pdf(), "马年之花"))[: len(poem)] == poem


def test_advertisement_as_the_pages_section_name_is_no_notice_heading():
    """``广告`` in the running header names the page's section: the story printed under
    it is read as a story, not set aside as a block of paid notices."""
    page = Page()
    page.text("人民日报 第8版", LEFT, 30, 8)
    page.centred("广告", LEFT, WIDTH - LEFT, 32, 14, SONG_BOLD)
    page.text("2026年5月15日", WIDTH - LEFT - 60, 30, 8)
    y = headline(page, "建设非遗文化城")
    page.column(0, y + 30, ["非遗文化城，" + FILLER + "。"])
    page.column(1, y + 30, ["走进安陶小镇，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "建设非遗文化城"))
    assert [text[:4] for text in texts] == ["非遗文化", "走进安陶"]


def test_two_subheads_of_one_width_with_space_between_stay_two():
    """Two bold lines of the same width, one under the other with white space between
    them (a subhead in two parts, ``经贸合作持续升温`` over ``发展韧性不断增强``): two
    lines, not one paragraph going on into the block under it."""
    page = Page()
    y = headline(page, "深化中非务实合作")
    y = page.column(0, y + 30, ["首届论坛近日举行，" + FILLER + "。"])
    page.text("经贸合作持续升温", LEFT + 4 * BODY, y + 8, 10.5, SONG_BOLD)
    page.text("发展韧性不断增强", LEFT + 4 * BODY, y + 8 + 26, 10.5, SONG_BOLD)
    page.column(0, y + 8 + 48, ["近年来，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "深化中非务实合作"))
    assert texts[1:3] == ["经贸合作持续升温", "发展韧性不断增强"] and len(texts) == 4


def test_a_byline_under_the_title_level_with_another_title_is_that_titles():
    """Two stories side by side whose titles end level, the right story's byline right
    under its title and level with the left story's first lines, its text beginning in
    the column left of the title: the byline goes with the title over it, not with the
    left one, and is read right after it, not inside the story's text."""
    page = Page()
    page.text("读者会在吉隆坡", LEFT, 84, 18, SONG_BOLD)
    page.column(0, 104, ["新华社吉隆坡电，" + FILLER + "。"])
    right = LEFT + COLUMN + GUTTER + 100  # over the right part of column 1 and column 2
    page.text("增进广大职工和劳动群众福祉", right, 84, 18, SONG_BOLD)
    page.centred("本报记者 易舒冉", right, right + 13 * 18, 104, BODY, SONG)
    page.column(1, 120, ["在今年劳动节到来之际，" + FILLER + FILLER + "。"])
    page.column(2, 120, ["党的十八大以来，" + FILLER + "。"])
    article = article_of(page.pdf(), "增进广大职工和劳动群众福祉")
    assert [person.name for person in article.bylines] == ["易舒冉"]
    assert [t[:4] for t in body_texts(article)] == ["在今年劳", "党的十八"]


def test_a_byline_set_off_over_a_columns_last_line_is_no_first_line():
    """A byline centred over a column, farther from the line under it than the page's
    leading, and under it the short last line of a paragraph run over from the column
    before: the byline is a block of its own (not an indented first line of that text),
    so it signs the story and the paragraph stays whole."""
    page = Page()
    page.centred("国家京剧院新创京剧诗乐春秋首次亮相", LEFT, WIDTH - LEFT, 60, 24, SONG_BOLD)
    second = LEFT + COLUMN + GUTTER
    page.centred("本报记者 陈圆圆 曹怡晴", second, second + COLUMN, 96, BODY, SONG)
    text = "五月一日晚，" + (FILLER * 2)[: 16 * 4 - 2 - 6]  # four full lines of column 0
    page.column(0, 114, [text])
    page.text("代光彩。", second, 114)
    page.column(1, 114 + PITCH, ["京剧诗乐是国家京剧院的实践成果，" + FILLER + "。"])
    article = article_of(page.pdf(), "国家京剧院新创京剧诗乐春秋首次亮相")
    assert [person.name for person in article.bylines] == ["陈圆圆", "曹怡晴"]
    assert [t[-4:] for t in body_texts(article)] == ["代光彩。", FILLER[-3:] + "。"]


def test_a_last_line_atop_a_column_set_off_the_pages_grid_goes_on_the_paragraph():
    """A story set in columns of its own, a little right of the page's grid, its paragraph
    running over from its first column into a short last line at the top of the next:
    that line starts where the column's paragraphs start, so it is no indented first
    line of a paragraph but the end of the one before."""
    page = Page()
    page.text("上面的新闻", LEFT, 60, 20, SONG_BOLD)
    for column in range(3):
        page.column(column, 84, [FILLER + "。"] * 3)
    page.text("清洁机器人走俏海外", LEFT, 330, 20, SONG_BOLD)
    shifted = LEFT + COLUMN + GUTTER + 6  # 0.6 em right of the grid's second column
    per_line = int(COLUMN // BODY)
    text = "先看数据，" + (FILLER * 2)[: per_line * 4 - 2 - 5]  # four full lines of column 0
    page.column(0, 354, [text])
    page.text("人为何受欢迎？", shifted, 354)
    y = 354 + PITCH
    page.text("再看技术，" + FILLER[: per_line - 7], shifted + 2 * BODY, y)
    for k in range(1, 4):
        page.text(FILLER[k * per_line : (k + 1) * per_line - 1], shifted, y + k * PITCH)
    texts = body_texts(article_of(page.pdf(), "清洁机器人走俏海外"))
    assert [t[-7:] for t in texts][:1] == ["人为何受欢迎？"] and texts[1].startswith("再看技术") and len(texts) == 2


def test_a_byline_wider_than_the_column_under_it_is_no_line_of_its_text():
    """A long byline centred under the title, wider on both sides than the column under
    it and set off from that column's first line by more than the leading: a line of its
    own, so the column is not read (with the byline) before the column left of it."""
    page = Page()
    y = headline(page, "延伸链条老区长出新产业")
    byline = "本报记者 刘晓宇 人民网记者 林 盈 冯肖慧 陈洁泉"
    page.centred(byline, LEFT, WIDTH - LEFT, y + 12, BODY, SONG)
    per_line = int(COLUMN // BODY)
    text = "规划纲要提出，" + (FILLER * 2)[: per_line * 4 - 2 - 7]  # four full lines of column 0
    page.column(0, y + 29, [text])
    page.text("多面手。", LEFT + COLUMN + GUTTER, y + 29)
    page.column(1, y + 29 + PITCH, ["顺着产业链，" + FILLER + "。"])
    page.column(2, y + 29, ["广西百色，" + FILLER + "。"])
    article = article_of(page.pdf(), "延伸链条老区长出新产业")
    assert [person.name for person in article.bylines][:2] == ["刘晓宇", "林盈"]
    assert [t[:4] for t in body_texts(article)] == ["规划纲要", "顺着产业", "广西百色"]


def test_a_short_line_under_another_under_the_title_keeps_its_place():
    """The lines opening a dialogue under its title (``对话人：`` level with the tops of
    the other columns, then one line for each speaker): the first speaker's line is not
    right under the title (``对话人：`` stands between), so it is not moved up before it."""
    page = Page()
    page.text("弘扬西迁精神与祖国共成长", LEFT, 60, 24, SONG_BOLD)
    page.text("对话人：", LEFT, 80)
    page.text("李 拯 本报评论员", LEFT, 80 + PITCH)
    page.text("张立群 中国工程院院士、交通大学校长", LEFT, 80 + 2 * PITCH)
    page.column(0, 80 + 3 * PITCH, ["李拯：在建校之际，" + FILLER + "。"])
    page.column(1, 80, ["张立群：辩证看，" + FILLER + "。"])
    page.column(2, 80, ["李拯：当前，" + FILLER + "。"])
    article = article_of(page.pdf(), "弘扬西迁精神与祖国共成长")
    texts = [*article.attribution, *body_texts(article)]
    assert [t[:3] for t in texts] == ["对话人", "李 拯", "张立群", "李拯：", "张立群", "李拯："]


def test_a_closing_note_set_on_in_the_storys_column_is_no_imprint():
    """``（作者为文津出版社副总编辑）`` reads like a line of the imprint box (a publisher's
    name), but printed on in the block of the story's last paragraph it closes the story:
    it stays the story's last paragraph (the text reader, with no blocks, reads no imprint
    in a bracketed sentence: ``furniture._labels_imprint_fields``)."""
    page = Page()
    y = headline(page, "不入园林怎知胜景")
    page.centred("王忠波", LEFT, WIDTH - LEFT, y + 12, BODY, SONG)
    page.column(0, y + 34, ["丛书启动之初，" + FILLER + "。"])
    page.column(1, y + 34, ["其二是意境论，" + FILLER + "。", "（作者为文津出版社副总编辑）"])
    texts = body_texts(article_of(page.pdf(), "不入园林怎知胜景"))
    assert texts[-1] == "（作者为文津出版社副总编辑）" and len(texts) == 3


def test_a_date_printed_on_in_the_storys_text_is_a_paragraph():
    """A decree's date under its signature (``总理 李 强`` / ``2026年5月15日``), printed on
    in the block of the decree's text: a paragraph of the story as printed, not a date
    line set aside as furniture (the text reader, with no blocks, is unchanged)."""
    page = Page()
    y = headline(page, "行政法规制定程序条例")
    below = page.column(0, y + 30, ["《条例》已经国务院常务会议修订通过，现予公布，自公布之日起施行。"])
    page.text("总理 李 强", LEFT + 2 * BODY, below)
    page.text("2026年5月15日", LEFT + 2 * BODY, below + PITCH)
    page.column(1, y + 30, ["第一条 为了规范行政法规制定程序，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "行政法规制定程序条例"))
    assert texts[-2:] == ["2026年5月15日", "第一条 为了规范行政法规制定程序，" + FILLER + "。"]


def test_a_columns_last_lines_in_the_bottom_strip_are_no_footer():
    """A column ending with a bold subhead and the first line of its paragraph low on the
    page, in the strip where footers are printed, but above the lowest text of the other
    columns: the story's lines, not the page's footer (the staff line under every column
    is)."""
    page = Page()
    y = headline(page, "立足岗位作贡献")
    per_line = int(COLUMN // BODY)
    top, subhead = y + 30, 802.0  # the subhead in the page's bottom 6 %
    rows = int((subhead - PITCH - top) // PITCH) + 1
    page.column(0, top, ["“五一”假期，" + (FILLER * 20)[: per_line * rows - 2 - 6]])
    page.text("奋力攻坚，坚守建设一线", LEFT + 2 * BODY, subhead, BODY, SONG_BOLD)
    page.text("挖坑、培土、浇灌……天刚蒙蒙亮", LEFT + 2 * BODY, subhead + PITCH)
    for column, start in ((1, "内蒙古通辽市，"), (2, "机器轰鸣，")):  # down to 814
        page.column(column, top, [start + (FILLER * 20)[: per_line * (rows + 2) - 2 - len(start)]])
    page.text("责任编辑：孙浩 美编：周婷", WIDTH - LEFT - 120, HEIGHT - 12, 8)
    texts = body_texts(article_of(page.pdf(), "立足岗位作贡献"))
    assert texts[-2] == "奋力攻坚，坚守建设一线" and texts[-1].startswith("挖坑、培土")


def test_a_title_that_reads_like_an_imprint_line_is_a_title():
    """A title naming a book's edition (``…出版发行``), which the text reader took for a
    line of the imprint box, set in title type over its story: a story's headline (the
    text reader now reads it so too: its words label no field, ``furniture._labels_imprint_fields``)."""
    title = "《习近平谈治国理政》第五卷法俄阿等文版及中文繁体版出版发行"
    page = Page()
    page.text(title, LEFT, 60, 16, SONG_BOLD)
    page.column(0, 84, ["近日，多语种版本" + FILLER + "。"])
    page.column(1, 84, ["中、英文版出版发行以来，" + FILLER + "。"])
    assert body_texts(article_of(page.pdf(), title))[0].startswith("近日，多语种版本")


def test_a_title_shaped_like_a_page_header_is_a_title():
    """``U17男足闯入亚洲杯决赛`` has the shape of a page header (``A04 要闻``: a letter and
    a number, then words); set in title type over its story it is the story's headline."""
    from convert_core.reader.furniture import is_page_header

    assert is_page_header("U17男足闯入亚洲杯决赛")
    page = Page()
    page.text("第17版", LEFT, 30, 8)
    page.text("U17男足闯入亚洲杯决赛", LEFT, 70, 20, SONG_BOLD)
    page.column(0, 94, ["“足球永远都是一项团队运动。”" + FILLER + "。"])
    page.column(1, 94, ["中国队决赛的对手，" + FILLER + "。"])
    assert body_texts(article_of(page.pdf(), "U17男足闯入亚洲杯决赛"))[0].startswith("“足球永远")


def test_an_editors_note_label_in_title_type_titles_the_note():
    """``编者按`` alone, set in title type over a page's note, is that item's title (as
    the e-paper records keep it), not the first paragraph of an untitled story."""
    page = Page()
    page.text("编者按", LEFT, 70, 28, SONG_BOLD)
    page.column(0, 100, ["五月起，一批法律法规施行，" + FILLER + "。"])
    page.text("烟花爆竹产品标准更严格", LEFT + COLUMN + GUTTER, 84, 20, SONG_BOLD)
    page.column(1, 110, ["强制性国家标准，" + FILLER + "。"])
    assert body_texts(article_of(page.pdf(), "编者按"))[0].startswith("五月起")


def test_a_picture_story_heading_over_text_and_no_picture_titles_that_text():
    """``图片报道`` set in title type over a picture story printed without its picture (its
    text, the caption's line, the credit): the heading titles that story, which is not
    read on as the end of the story above it."""
    page = Page()
    y = headline(page, "讲好红色故事增强发展动能")
    page.column(0, y + 30, ["五月，西柏坡中共中央旧址庭院里，" + FILLER + "。"])
    page.column(1, y + 30, ["漫步纪念馆文创大厅，" + FILLER + "。"])
    page.text("图片报道", LEFT, 300, 18, SONG_BOLD)
    page.column(0, 326, ["5月12日，长海大桥主线钢栈桥首段合龙。" + FILLER + "。"])
    page.column(1, 326, ["陆岛公路项目长海大桥全长25.5公里。" + FILLER + "。", "图为12日，钢栈桥合龙作业现场。"])
    page.text("辛 阳 赵海权摄影报道", LEFT + COLUMN + GUTTER + 2 * BODY, 326 + 8 * PITCH)
    texts = body_texts(article_of(page.pdf(), "图片报道"))
    assert texts[0].startswith("5月12日") and texts[-2].startswith("图为12日")
    assert "图片报道" not in body_texts(article_of(page.pdf(), "讲好红色故事增强发展动能"))


def test_a_subheadline_set_off_to_the_right_under_its_title_is_read_with_it():
    """A subheadline in type a little larger than the body, set under its title's end and
    past it, over the story's second column: read right after the title (its
    subheadline), not after the first column's text."""
    page = Page()
    page.text("澳门全民国家安全教育展闭幕", LEFT, 70, 20, SONG_BOLD)
    page.text("逾7万人次参观", LEFT + COLUMN + GUTTER + 100, 88, 11.5)
    page.column(0, 110, ["本报澳门5月17日电 由澳门特区政府合办的教育展闭幕。" + FILLER + "。"])
    page.column(1, 110, ["本次国安展以统筹发展和安全为主题，" + FILLER + "。"])
    article = article_of(page.pdf(), "澳门全民国家安全教育展闭幕")
    assert article.subheadline == "逾7万人次参观"
    assert "逾7万人次参观" not in body_texts(article)


def photos_of(pdf: bytes) -> list:
    document = convert_core.parse(pdf, name="page.pdf", transform=False)
    return [item for item in document.items if type(item).__name__ == "Photo"]


def test_a_credit_flush_right_under_a_captions_short_last_line_is_the_pictures():
    """A caption of two paragraphs in small type, the last one short, and the credit in a
    block of its own right under it, flush right past that short line: the picture's
    credit (not a line of the story above), and the picture an item of its own."""
    page = Page()
    y = headline(page, "实字当头干字为要")
    page.column(0, y + 30, ["各地区各部门，" + FILLER + "。", "推动学习教育走深走实。"])
    x = LEFT + COLUMN + GUTTER
    page.text("图片报道", x, y + 30, 12, SONG_BOLD)
    page.picture(x, y + 40, 2 * COLUMN + GUTTER, 100)
    caption = "4月25日，浙江天台抽水蓄能电站3号机组投运，电站总装机容量170万千瓦，共安装4台机组。"
    per_line = int((2 * COLUMN + GUTTER) // 8.5)
    page.text(caption[: per_line - 2], x + 17, y + 152, 8.5)
    page.text(caption[per_line - 2 :], x, y + 152 + 11, 8.5)
    page.text("图为抽水蓄能电站。", x + 17, y + 152 + 22, 8.5)
    credit = "本报记者 王 浩文 孙 恺摄（人民视觉）"
    page.text(credit, x + 2 * COLUMN + GUTTER - 8.5 * 18, y + 152 + 33, 8.5)
    page.text("今年中国航天任务继续密集实施", LEFT, y + 240, 18, SONG_BOLD)
    page.column(0, y + 270, ["记者从国家航天局获悉，" + FILLER + "。"])
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, "实字当头干字为要"))] == ["各地区各", "推动学习"]
    photos = photos_of(pdf)
    assert len(photos) == 1 and photos[0].title == "图片报道"


def test_a_storys_cut_does_not_part_a_picture_from_its_caption():
    """A picture in the last column beside two stories, its foot a hair below where the
    lower story's title begins and its caption under it: the caption stays with the
    picture (read after it), not in the lower story's text."""
    page = Page()
    y = headline(page, "全国人大常委会会议在京举行")
    page.column(0, y + 30, ["会议在北京人民大会堂举行，" + FILLER + "。"])
    page.column(1, y + 30, ["会议听取了报告，" + FILLER + "。"])
    x = LEFT + 2 * (COLUMN + GUTTER)
    page.text("图片报道", x, y + 30, 12, SONG_BOLD)
    page.picture(x, y + 40, COLUMN, 140)  # its foot at y + 180
    page.text("李希会见白俄罗斯代表团", LEFT, y + 193.5, 16, SONG_BOLD)  # its top a hair over that foot
    page.column(0, y + 220, ["李希在北京会见代表团，" + FILLER + "。"])
    page.text("4月26日，液化天然气运输船顺利交付，", x, y + 193, 8.5)
    page.text("从江苏南通码头离泊启航。", x, y + 193 + 11, 8.5)
    page.text("本报记者 姚雪青摄", x + COLUMN - 8.5 * 9, y + 193 + 22, 8.5)
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, "李希会见白俄罗斯代表团"))] == ["李希在北"]
    photos = photos_of(pdf)
    assert len(photos) == 1 and photos[0].caption[0].startswith("4月26日")


def test_a_byline_goes_with_the_title_over_it_not_a_heading_ending_lower_beside_it():
    """A byline under a story's title, and to its left, in another column, ``图片报道``
    over a picture ending a hair lower than that title: the byline is the story's under
    the title over it, and the heading stays the picture's."""
    page = Page()
    page.text("图片报道", LEFT, 89, 11, SONG_BOLD)  # its foot a hair below the title's
    page.picture(LEFT, 95, COLUMN, 115)
    page.text("5月14日，东北图书交易博览会在长春开幕。", LEFT, 216, 8.5)
    page.text("新华社记者 颜麟蕴摄", LEFT + 80, 227, 8.5)
    x = LEFT + COLUMN + GUTTER
    page.text("AI赋能，一人能开公司", x, 84, 20, SONG_BOLD)
    page.centred("本报记者 王永战", x, x + 2 * COLUMN + GUTTER, 105, BODY, SONG)
    page.column(1, 122, ["工作室里，两台电脑高速运转。" + FILLER + "。"])
    page.column(2, 122, ["此前在一家公司负责产业投资，" + FILLER + "。"])
    pdf = page.pdf()
    article = article_of(pdf, "AI赋能，一人能开公司")
    assert [person.name for person in article.bylines] == ["王永战"]
    assert [item.title for item in photos_of(pdf)] == ["图片报道"]


def test_a_credit_read_as_a_byline_or_a_note_in_a_caption_block_is_the_pictures():
    """In the block of an uncredited caption, in its small type: a credit the rules read
    as a byline (``本报记者 X/文 Y/图``), or a note they read as a closing
    (``（相关报道见第二版）``) with the credit under it: the picture's, so the picture
    stands on its own and the story above keeps its paragraphs."""
    for tail in (["本报记者 徐 靖/文 新华社记者 周 牧/图"], ["（相关报道见第二版）", "本报记者 郑洋洋摄影报道"]):
        page = Page()
        y = headline(page, "加强防范农业植物检疫性有害生物")
        page.column(0, y + 30, ["新修订的两项国家标准发布，" + FILLER + "。", "两项国家标准的修订，" + FILLER + "。"])
        x = LEFT + COLUMN + GUTTER
        page.text("图片报道", x, y + 30, 12, SONG_BOLD)
        page.picture(x, y + 40, COLUMN, 100)
        page.text("记者近日从中国科学技术大学获悉，该校研", x + 17, y + 152, 8.5)
        page.text("制出可编程量子计算原型机。", x, y + 152 + 11, 8.5)
        for number, line in enumerate(tail):
            page.text(line, x + 17, y + 152 + 22 + 11 * number, 8.5)
        page.text("今年中国航天任务继续密集实施", LEFT, y + 260, 18, SONG_BOLD)
        page.column(0, y + 290, ["记者从国家航天局获悉，" + FILLER + "。"])
        pdf = page.pdf()
        texts = body_texts(article_of(pdf, "加强防范农业植物检疫性有害生物"))
        assert [t[:4] for t in texts] == ["新修订的", "两项国家"], tail
        assert [item.title for item in photos_of(pdf)] == ["图片报道"], tail


def test_a_long_caption_in_caption_type_under_a_picture_is_its_caption():
    """An uncredited caption of well over two hundred characters, in type smaller than
    the body right under its picture: the picture's caption, and ``图片报道`` over the
    picture its title, not a story's headline."""
    page = Page()
    y = headline(page, "商务部新闻发言人答记者问")
    page.column(0, y + 30, ["商务部新闻发言人就磋商成果答记者问。" + FILLER + "。", "发言人表示，" + FILLER + "。"])
    x = LEFT + COLUMN + GUTTER
    page.text("图片报道", x, y + 30, 12, SONG_BOLD)
    page.picture(x, y + 40, 2 * COLUMN + GUTTER, 100)
    caption = "5月14日，中国黑河水运口岸国际滚装货物运输实现首航。" + FILLER * 4 + "。"
    per_line = int((2 * COLUMN + GUTTER) // 8.5)
    first, rest = caption[: per_line - 2], caption[per_line - 2 :]
    page.text(first, x + 17, y + 152, 8.5)
    row = 1
    while rest:
        page.text(rest[:per_line], x, y + 152 + 11 * row, 8.5)
        rest, row = rest[per_line:], row + 1
    page.text("塞舌尔外交部长将访华", LEFT, y + 300, 18, SONG_BOLD)
    for column, start in enumerate(("外交部发言人宣布，", "富尔将于近期访华，", "两国建交以来，")):
        page.column(column, y + 330, [start + FILLER * 3 + "。"])
    pdf = page.pdf()
    assert len(caption) > 200
    document = convert_core.parse(pdf, name="page.pdf", transform=False)
    assert [article.headline for article in document.articles] == ["商务部新闻发言人答记者问", "塞舌尔外交部长将访华"]
    assert [item.title for item in photos_of(pdf)] == ["图片报道"]


def test_a_kicker_centred_over_a_headline_set_flush_left_is_read_before_the_columns():
    """A kicker centred over a story's columns, a little above its headline, which is set
    flush left in the first column only: the story's kicker, read before its columns (not
    a line after its first column's text)."""
    page = Page()
    page.text("推进无障碍阅读", LEFT, 100, 20, SONG_BOLD)
    page.centred("六部门联合印发意见", LEFT, LEFT + 3 * COLUMN + 2 * GUTTER, 82, 11, SONG)
    page.column(0, 126, ["记者从中国残联获悉，" + FILLER + "。"])
    page.column(1, 126, ["指导意见提出，" + FILLER + "。"])
    page.column(2, 126, ["年底前，" + FILLER + "。"])
    article = article_of(page.pdf(), "推进无障碍阅读")
    assert article.kicker == "六部门联合印发意见"
    assert [t[:4] for t in body_texts(article)] == ["记者从中", "指导意见", "年底前，"]


def test_a_bold_labelled_line_of_body_size_under_the_headline_is_no_subheadline():
    """A bold line in the body's size right under the headline (``提问：…``, set as the
    story's other labelled lines and subheads): a line of the story's text, not its
    subheadline, which is set larger than the body."""
    page = Page()
    page.text("居民的最终消费是经济增长的原动力", LEFT, 84, 24, SONG_BOLD)
    page.text("提问：郭建华 湖南省娄底市副市长", LEFT + 4, 110, 10.5, SONG_BOLD)
    y = page.column(0, 128, ["习近平同志指出，" + FILLER + "。"])
    page.text("解读：袁辉 中央党校经济学教研部教授", LEFT + 4, y + 4, 10.5, SONG_BOLD)
    page.column(0, y + 22, ["在讨论投资和消费的关系时，" + FILLER + "。"])
    article = article_of(page.pdf(), "居民的最终消费是经济增长的原动力")
    assert article.subheadline is None
    assert body_texts(article)[0] == "提问：郭建华 湖南省娄底市副市长"


def test_a_sentences_end_atop_a_column_beside_a_picture_is_no_byline():
    """A picture under the title atop the first column, and atop the second, right under
    the title, the short last line of the paragraph the first column ends with: the end
    of that paragraph (read after the first column), not a byline read first."""
    page = Page()
    page.text("李强同巴基斯坦总理会谈", LEFT, 84, 24, SONG_BOLD)
    page.picture(LEFT, 100, COLUMN, 120)
    per_line = int(COLUMN // BODY)
    paragraph = "李强表示，" + FILLER[: 2 * per_line - 5 - 2]  # fills the column's last two lines
    page.text("李强同夏巴兹举行会谈。 黄敬文摄", LEFT, 232, 8.5)
    page.column(0, 256, ["会谈前，" + FILLER + "。", paragraph])
    page.text("命运共同体建设结出更多硕果。", LEFT + COLUMN + GUTTER, 110)
    page.column(1, 110 + PITCH, ["夏巴兹表示，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "李强同巴基斯坦总理会谈"))
    assert texts[-2].startswith("李强表示") and texts[-2].endswith("命运共同体建设结出更多硕果。")
    assert texts[-1].startswith("夏巴兹表示")


def test_a_columns_top_line_under_a_byline_set_across_the_gutter_is_not_the_bylines():
    """A byline centred over a story's two columns, across the gutter, and under it, set
    off by more than the leading, the short top line of the second column (a paragraph's
    end run over from the first): two blocks, the byline the story's, the line the end
    of that paragraph."""
    page = Page()
    x0, x1 = LEFT, LEFT + 2 * COLUMN + GUTTER
    page.centred("合力应对雨口夺粮", x0, x1, 84, 20, SONG_BOLD)
    page.centred("本报记者 常 钦 郁静娴", x0, x1, 104, BODY, SONG)
    per_line = int(COLUMN // BODY)
    page.column(
        0, 122, ["全国夏粮主产区陆续进入收获关键期，" + FILLER + "。", "专家表示，" + FILLER[: 2 * per_line - 5 - 2]]
    )
    page.text("降低损失。", LEFT + COLUMN + GUTTER, 122)
    page.column(1, 122 + PITCH, ["水利部减灾中心表示，" + FILLER + "。"])
    article = article_of(page.pdf(), "合力应对雨口夺粮")
    texts = body_texts(article)
    assert not any("本报记者" in text for text in texts)
    assert texts[-2].startswith("专家表示") and texts[-2].endswith("降低损失。")


def test_a_title_with_only_its_byline_above_the_next_storys_title_keeps_its_text():
    """Under two stories side by side, two more: the right one's title and byline set
    higher than the left one's title, its text starting lower: no story's cut under that
    byline (it would part the title from its text), so each story keeps its own text."""
    page = Page()
    x = LEFT + 2 * (COLUMN + GUTTER)
    page.text("青年美展托举成长", LEFT, 84, 20, SONG_BOLD)
    page.column(0, 110, ["每年5月，" + FILLER + "。"])
    page.column(1, 110, ["年轻一代成长于信息时代，" + FILLER + "。"])
    page.text("回望与寄语", x, 84, 20, SONG_BOLD)
    page.column(2, 110, ["作为年近九旬的老画家，" + FILLER[:20] + "。"])
    page.text("何以青春的答案", x, 180, 20, SONG_BOLD)
    page.text("丁 设", x, 198, BODY)
    page.text("青春飞扬的艺术", LEFT, 222, 20, SONG_BOLD)
    page.text("代大权", LEFT, 240, BODY)
    page.column(0, 258, ["迎着春的生机，" + FILLER + "。"])
    page.column(1, 258, ["如何培养更多的青年人才，" + FILLER + "。"])
    page.column(2, 230, ["约两年一届的上海青年美术大展，" + FILLER + "。"])
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, "何以青春的答案"))] == ["约两年一"]
    assert [t[:4] for t in body_texts(article_of(pdf, "青春飞扬的艺术"))] == ["迎着春的", "如何培养"]


def test_a_short_line_set_as_a_kicker_over_a_signed_piece_stays_its_kicker():
    """A short line in a kicker's type over the headline of a piece signed by its writer
    (no dateline, no reporter): its kicker, as set, not a column tag read into it."""
    page = Page()
    page.text("苏州博物馆", LEFT, 70, 14)
    page.text("江南与世界正彼此看见", LEFT, 96, 24, SONG_BOLD)
    page.text("谢晓婷", LEFT, 114, BODY)
    page.column(0, 132, ["400多年前，文徵明在拙政园一角栽植下一株紫藤。" + FILLER + "。"])
    page.column(1, 132, ["今年是苏州博物馆本馆建成开放20周年。" + FILLER + "。"])
    article = article_of(page.pdf(), "江南与世界正彼此看见")
    assert (article.kicker, article.column) == ("苏州博物馆", None)
    assert [person.name for person in article.bylines] == ["谢晓婷"]


def test_a_storys_column_running_on_beside_the_next_storys_title_stays_its_own():
    """A picture story in the right columns, its picture and caption atop one column and
    its text running on down that column under the caption, past where the next story's
    title starts in the columns to the left: no story's cut under the caption (it would
    part the column), so the text under the caption stays the picture story's."""
    page = Page()
    x = LEFT + 2 * (COLUMN + GUTTER)
    page.text("什么是软式棒垒球", x, 84, 20, SONG_BOLD)
    page.picture(x, 94, COLUMN, 90)
    page.text("青少年软式棒垒球联赛总决赛。", x, 196, 8.5)
    page.column(2, 212, ["软式棒垒球是棒垒球的入门运动，" + FILLER * 2 + "。"])
    page.text("全力推进制造业智改数转", LEFT, 84, 11)
    page.text("斯诺克大师赛收官", LEFT, 104, 20, SONG_BOLD)
    page.column(0, 122, ["记者从赛事组委会获悉，" + FILLER + "。"])
    page.column(1, 122, ["决赛面对罗伯逊，" + FILLER + "。"])
    page.text("甘肃打造铁人三项赛事新场景", LEFT, 210, 11)
    page.text("大漠雄关铁人逐梦", LEFT, 232, 20, SONG_BOLD)
    page.column(0, 252, ["长城戈壁赛道，有着无可替代的独特魅力。" + FILLER + "。"])
    page.column(1, 252, ["本次赛事吸引近千名铁人参赛，" + FILLER + "。"])
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, "什么是软式棒垒球"))] == ["软式棒垒"]
    assert [t[:4] for t in body_texts(article_of(pdf, "大漠雄关铁人逐梦"))] == ["长城戈壁", "本次赛事"]


def test_a_headline_running_a_hair_into_the_next_column_does_not_join_the_box_there():
    """A story's kicker and headline over its two columns, the headline running a hair
    (less than a quarter of a character) past them into the column of the box beside it,
    whose own title is set between the kicker and the headline's heights: the box is read
    apart, so the kicker stays over its headline and each keeps its own text."""
    page = Page()
    page.text("从引资金到拉业务，一个平台全程赋能——", LEFT + 40, 80, 11)
    headline = "科创企业有了专属服务员啊真好"
    page.text(headline, LEFT + 2 * (COLUMN + GUTTER) + 3 - 20 * len(headline), 108, 20, SONG_BOLD)
    page.column(0, 130, ["浙江杭州的科创企业，" + FILLER + "。"])
    page.column(1, 130, ["平台提供全周期服务，" + FILLER + "。"])
    x = LEFT + 2 * (COLUMN + GUTTER)
    page.text("建好用好平台", x + 10, 92, 20, SONG_BOLD)
    page.text("袁 哲", x + 60, 110, BODY)
    page.column(2, 130, ["生产性服务业是现代产业体系的重要组成，" + FILLER + "。"])
    pdf = page.pdf()
    article = article_of(pdf, headline)
    assert article.kicker == "从引资金到拉业务，一个平台全程赋能——"
    assert [t[:4] for t in body_texts(article)] == ["浙江杭州", "平台提供"]
    assert [t[:4] for t in body_texts(article_of(pdf, "建好用好平台"))] == ["生产性服"]


def test_a_storys_first_column_left_of_its_title_is_read_first():
    """A story whose title is centred over its second column, its first column set left
    of the title and starting level with the second under it, another story beside it:
    that column is the story's first, not the end of the story above."""
    page = Page()
    y = headline(page, "上海港集装箱吞吐量创新高")
    page.column(0, y + 20, ["记者从上海港获悉，" + FILLER + "。"])
    page.column(1, y + 20, ["今年以来，" + FILLER + "。"])
    page.column(2, y + 20, ["据介绍，" + FILLER + "。"])
    second, third = LEFT + COLUMN + GUTTER, LEFT + 2 * (COLUMN + GUTTER)
    page.centred("合作成为活力引擎", second, second + COLUMN, 260, 20, SONG_BOLD)
    page.column(0, 300, ["乌方愿同中方一道，" + FILLER + "。"])
    page.column(1, 300, ["近年来，" + FILLER + "。"])
    page.text("世卫大会举办边会", third, 260, 20, SONG_BOLD)
    page.column(2, 280, ["世卫大会期间，" + FILLER + "。"])
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, "合作成为活力引擎"))] == ["乌方愿同", "近年来，"]
    assert [t[:4] for t in body_texts(article_of(pdf, "上海港集装箱吞吐量创新高"))] == [
        "记者从上",
        "今年以来",
        "据介绍，",
    ]
    assert [t[:4] for t in body_texts(article_of(pdf, "世卫大会举办边会"))] == ["世卫大会"]


def test_a_title_running_into_the_column_under_the_title_beside_it_keeps_its_text():
    """Two stories side by side, the left one's title set a third of a character into the
    first column of the right one, whose own title, level with it, stands over that column:
    the gutter under the titles still parts the stories, each title over its own text."""
    page = Page()
    third = LEFT + 2 * (COLUMN + GUTTER)
    left = "引领健康智能绿色消费新风尚"
    page.text(left, third + 7 - 20 * len(left), 84, 20, SONG_BOLD)
    page.text("脚踏实地试验", third + 20, 84, 20, SONG_BOLD)
    page.column(0, 110, ["五一假期至六月底，" + FILLER + "。"])
    page.column(1, 110, ["试飞体验区内，" + FILLER + "。"])
    page.column(2, 110, ["在五四青年节到来之际，" + FILLER + "。"])
    pdf = page.pdf()
    assert [t[:4] for t in body_texts(article_of(pdf, left))] == ["五一假期", "试飞体验"]
    assert [t[:4] for t in body_texts(article_of(pdf, "脚踏实地试验"))] == ["在五四青"]


@pytest.mark.parametrize(
    "lines", [["主讲人：浮梁县高沙村村医 叶永红"], ["主讲人：日喀则公路事业发展中心定结养护段应急", "队队长 普布次仁"]]
)
def test_a_speakers_line_under_the_title_is_no_paragraph(lines):
    """``主讲人：`` and the speaker's post and name, a line or two of their own under the
    title, longer than a byline: the story's attribution, not its first paragraph."""
    page = Page()
    y = headline(page, "凭良心行医守诚信做人")
    for number, line in enumerate(lines):
        page.centred(line, LEFT, LEFT + 2 * COLUMN + GUTTER, y + 16 + number * PITCH, BODY, SONG)
    top = y + 30 + len(lines) * PITCH
    page.column(0, top, ["我叫叶永红，是一名乡村医生。" + FILLER + "。"])
    page.column(1, top, ["年少时我体弱多病，" + FILLER + "。"])
    article = article_of(page.pdf(), "凭良心行医守诚信做人")
    assert [text[:4] for text in body_texts(article)] == ["我叫叶永", "年少时我"]
    assert "".join(article.attribution).replace(" ", "") == "".join(lines).replace(" ", "")


def test_three_words_split_by_middle_dots_over_a_headline_are_its_kicker():
    """``活化·新生·焕彩`` in kicker type over a headline: words of one length side by side,
    the headline's kicker, not the name of a column."""
    page = Page()
    page.centred("活化·新生·焕彩", LEFT, WIDTH - LEFT, 60, 16, SONG)
    page.centred("让古村落各美其美", LEFT, WIDTH - LEFT, 96, 30, SONG_BOLD)
    page.column(0, 130, ["晨光初透，山寨的酸茶在陶罐中静静发酵，" + FILLER + "。"])
    page.column(1, 130, ["窑火正旺，" + FILLER + "。"])
    assert article_of(page.pdf(), "让古村落各美其美").kicker == "活化·新生·焕彩"


def test_one_line_paragraphs_set_in_by_an_indent_are_each_a_paragraph():
    """A run of one-line paragraphs (dialogue), each indented, the first with its full stop
    hanging past the column's edge, between paragraphs that start at the column's edge: the
    run is a block of its own, all its lines set in, and every line of it opens a paragraph."""
    page = Page()
    y = headline(page, "去苍南吃那碗面")
    x = LEFT + 2 * BODY
    below = page.column(0, y + 20, ["菜市场人流不断，" + FILLER + "。", "老板一直在摊位前忙碌额前汗。"])
    for line in ["早市高峰过去了老板端来了面条。", "“怎么样？合口味吗？”", "“这面吃得心里热乎乎的。”"]:
        page.text(line, x, below, BODY, SONG)
        below += PITCH
    page.column(0, below, ["老板话语朴实：" + FILLER + "。"])
    page.column(1, y + 20, ["告别时，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "去苍南吃那碗面"))
    assert [t[:4] for t in texts] == ["菜市场人", "老板一直", "早市高峰", "“怎么样", "“这面吃", "老板话语", "告别时，"]


def test_a_verse_line_longer_than_those_above_it_is_a_line_of_its_own():
    """A poem set line by line, a line longer than the ones above it starting a block of
    its own right under them: that line does not go on from the line above it."""
    page = Page()
    y = headline(page, "达维会师的桥")
    verse = [
        "两支队伍走到中间，停住了",
        "他们看对方，坚毅的脸",
        "不仅瘦、黑，眼睛还亮",
        "有人把军毯递过去，没有话",
        "对面那个人接了，手指还嵌着泥",
        "两只手紧紧握在桥中间",
        "桥下河水很响，但听见的是心跳",
        "后来的书上写着：会师",
        "印成铅字，很重",
        "但那年那天的重量",
    ]
    for number, line in enumerate(verse):
        page.text(line, LEFT, y + 20 + number * PITCH)
    assert body_texts(article_of(page.pdf(), "达维会师的桥")) == verse


def test_a_short_last_line_atop_the_next_column_of_a_text_set_off_the_grid_goes_on():
    """A summary set in small type in narrow columns off the page's grid, its last words
    alone at the top of the next column, level with the tops of the others: the paragraph
    goes on there, it is not a paragraph of its own."""
    page = Page()
    y = headline(page, "欧莱雅在中国创造就业岗位")
    size, width, gutter = 8.0, 120.0, 10.0
    per_line = int(width // size)
    text = ("目前欧莱雅在中国销售的产品有六成实现了本土生产" + 3 * FILLER)[: 12 * per_line] + "作贡献。"
    lines = [text[at : at + per_line] for at in range(0, len(text), per_line)]
    for number, line in enumerate(lines):
        column, row = divmod(number, 4)
        page.text(line, LEFT + column * (width + gutter), y + 20 + row * 11, size)
    page.column(0, y + 80, ["据介绍，" + FILLER + "。"])
    page.column(1, y + 80, ["同时，" + FILLER + "。"])
    page.column(2, y + 80, ["此外，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "欧莱雅在中国创造就业岗位"))
    assert texts[0] == text


def test_a_credit_closing_the_text_under_a_gallerys_captions_is_the_storys():
    """Two pictures side by side over their captions in caption type, the story's text in
    body type under them, then ``以上图片均为X摄``: the credit closes the story's text (a
    paragraph of it), the text is not a caption, and the captions stay the photos'."""
    page = Page()
    y = headline(page, "夏日采菱")
    second = LEFT + COLUMN + GUTTER
    page.picture(LEFT, y + 20, COLUMN, 90)
    page.picture(second, y + 20, COLUMN, 90)
    page.text("天井湖村菱角种植基地内，农户采收。", LEFT, y + 124, 9)
    page.text("策湖国家湿地公园内，农户雨中采菱。", second, y + 124, 9)
    below = page.column(1, y + 124 + PITCH, ["近年来，浠水县依托水域资源，" + FILLER + "。"])
    page.text("以上图片均为王江摄（新华社）", second + 2 * BODY, below)
    page.centred("全国专业技术人才总量超八千万", LEFT, WIDTH - LEFT, 520, 20, SONG_BOLD)
    for column in range(3):
        page.column(column, 550, ["人才" + FILLER[: 10 * (column + 1)] + "。", "此外，" + FILLER + "。"])
    article = article_of(page.pdf(), "夏日采菱")
    assert [text[:4] for text in body_texts(article)] == ["近年来，", "以上图片"]
    captions = ["".join(block.caption) for block in article.body if hasattr(block, "caption")]
    assert captions == ["天井湖村菱角种植基地内，农户采收。", "策湖国家湿地公园内，农户雨中采菱。"]


def test_a_two_line_block_indented_on_its_first_line_keeps_its_own_edge():
    """An editor's note of two lines in small type, set a little right of a column's start
    (off the page's grid): the block's second line starts at the text's edge and its
    first is indented from it, so the two lines are one paragraph, not two."""
    page = Page()
    y = headline(page, "编者按")
    size, x = 9.0, LEFT + 14
    first, second = "票房超七亿元！今年五一假期，近二十部影", "片集结亮相，看电影成为假日生活的一部分。"
    page.text(first, x + 2 * size, y + 20, size)
    page.text(second, x, y + 32, size)
    page.column(0, y + 60, ["关于爱，" + FILLER + "。"])
    page.column(1, y + 60, ["关于情义，" + FILLER + "。"])
    page.column(2, y + 60, ["关于生活，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "编者按"))
    assert texts[0] == first + second


def test_a_paragraph_under_a_bold_dateline_goes_on_into_the_next_column():
    """A short story's first column opens with a dateline in bold over two lines, its last
    line in roman: the block counts as bold (most of its characters are), but the text goes
    on in roman in the next columns, so the face of its last line is the one to compare."""
    page = Page()
    y = headline(page, "金融论坛举行") + 20
    per_line = int(COLUMN // BODY)
    page.text("本报成都5月18日电  （记者", LEFT + 2 * BODY, y, font=SONG_BOLD)
    page.text("王平、李明、赵成、吴丹、汪志球）", LEFT, y + PITCH, font=SONG_BOLD)
    page.text(FILLER[:per_line], LEFT, y + 2 * PITCH)
    for column in (1, 2):
        x = LEFT + column * (COLUMN + GUTTER)
        page.text(FILLER[column * per_line : (column + 1) * per_line], x, y)
        page.text(FILLER[per_line : 2 * per_line], x, y + PITCH)
        page.text(FILLER[:per_line] if column == 1 else "注入新智慧。", x, y + 2 * PITCH)
    texts = body_texts(article_of(page.pdf(), "金融论坛举行"))
    assert len(texts) == 1 and texts[0].endswith("注入新智慧。")


def test_a_line_hanging_its_full_stop_past_the_column_stays_in_its_paragraph():
    """A paragraph's second line sets its full stop outside the measure (hanging
    punctuation, a character past the column's right edge) under an indented first line:
    the line is no wider line of its own, the two lines are one paragraph."""
    page = Page()
    y = headline(page, "防汛救灾人民防线") + 30
    per_line = int(COLUMN // BODY)
    first, second = "基层是抵御自然灾害的第一线，", FILLER[:per_line] + "。"
    page.text(first, LEFT + 2 * BODY, y)
    page.text(second, LEFT, y + PITCH)
    page.column(0, y + 2 * PITCH, ["近年来，" + FILLER + "。"])
    page.column(1, y, ["加强队伍建设，" + FILLER + "。"])
    page.column(2, y, ["此外，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "防汛救灾人民防线"))
    assert texts[0] == first + second
    assert len(texts) == 4


def test_a_first_line_at_a_columns_foot_goes_on_in_a_column_hanging_its_full_stops():
    """A paragraph's indented first line alone at the foot of a column goes on at the top
    of the next, whose lines hang their full stops past its edge: the next column is
    measured without the hung marks, so the first line is as wide as a line of its text
    less the indent, no narrower label, and the paragraph goes on."""
    page = Page()
    y = headline(page, "科技创新与产业创新") + 30
    per_line = int(COLUMN // BODY)
    bottom = page.column(0, y, ["近年来，" + FILLER + FILLER[:20] + "。"])
    page.text("坚持开源开放", LEFT + 4 * BODY, bottom + 4, font=SONG_BOLD)  # a subhead over it
    opening = "主席强调：“要抓住难得的历史"
    page.text(opening, LEFT + 2 * BODY, bottom + 4 + PITCH + 4)
    x = LEFT + COLUMN + GUTTER
    rest = [FILLER[at : at + per_line] for at in range(0, 3 * per_line, per_line)]
    rest[1] = rest[1][:-1] + "。"  # a full stop in the measure
    rest.insert(0, FILLER[:per_line] + "。")  # and one hung past it
    for number, line in enumerate(rest):
        page.text(line, x, y + number * PITCH)
    page.text("协同推进。", x, y + len(rest) * PITCH)
    page.column(2, y, ["此外，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "科技创新与产业创新"))
    assert texts[2] == opening + "".join(rest) + "协同推进。"


def test_bylines_set_off_right_of_titles_level_in_a_row_go_with_the_nearest_title():
    """Two stories side by side, their titles level, each byline set right of its title
    over the story's second column: each byline is read with the title nearest it (the
    other title, as low, is another story's), not in the middle of its story's text."""
    size, width, gutter, rows = 8.0, 80.0, 8.0, 6
    per_line = int(width // size)
    page = Page()
    page.text("本版编辑", LEFT, 40, size)
    stories = (("卖货高手过招", "通讯员 王明", "近日，"), ("老村来了新人", "通讯员 李华", "村里来了年轻人，"))
    for first, (title, byline, opening) in zip((0, 3), stories):
        x = LEFT + first * (width + gutter)
        page.text(title, x, 100, 16, SONG_BOLD)
        page.text(byline, x + width + gutter + 2 * size, 126, size)
        text = (opening + 2 * FILLER)[: 3 * rows * per_line - 16] + "。"
        lines = [text[: per_line - 2]] + [text[at : at + per_line] for at in range(per_line - 2, len(text), per_line)]
        for number, line in enumerate(lines):
            column, row = divmod(number, rows)
            indent = 2 * size if number == 0 else 0
            page.text(line, x + column * (width + gutter) + indent, 150 + row * 11, size)
    pdf = page.pdf()
    for title, byline, opening in stories:
        article = article_of(pdf, title)
        assert [person.name for person in article.bylines] == [byline.split()[-1]]
        texts = body_texts(article)
        assert len(texts) == 1 and texts[0].startswith(opening)


def test_a_paragraph_naming_a_publisher_in_a_storys_text_block_is_the_storys():
    """A story's first paragraph says a book came out from a publisher (words an imprint
    box holds): indented, in body type, the story's next paragraph printed on in its block,
    it is a paragraph of the story, not the page's imprint."""
    page = Page()
    y = headline(page, "某某文选出版发行") + 30
    first = "经批准，某某文选已由人民出版社出版，即日起在全国发行。"
    page.column(0, y, [first, "文选收入的是" + FILLER + "。"])
    page.column(1, y, ["文选集中反映了" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "某某文选出版发行"))
    assert len(texts) == 3 and "人民出版社出版" in texts[0]


def test_a_bold_subhead_in_two_parts_set_a_line_apart_is_two_lines():
    """A subhead in bold body type in two parts of one width, the second set well below
    the first (one and a half of the page's line pitches, though with less than an em of
    white space between them): two lines, not one paragraph run together."""
    page = Page()
    y = headline(page, "家门口的文化生活") + 30
    pitch, per_line = 12.5, int(COLUMN // BODY)

    def paragraph(column: int, top: float, text: str) -> float:
        x = LEFT + column * (COLUMN + GUTTER)
        lines = [text[: per_line - 2]] + [text[at : at + per_line] for at in range(per_line - 2, len(text), per_line)]
        for number, line in enumerate(lines):
            page.text(line, x + (2 * BODY if number == 0 else 0), top + number * pitch)
        return top + len(lines) * pitch

    below = paragraph(0, y, "废弃采石场成为" + FILLER + "。")
    parts = ["盘活空间，嵌入生活场景", "采石场上演连台好戏啊"]
    page.text(parts[0], LEFT, below + 4, BODY, SONG_BOLD)
    page.text(parts[1], LEFT, below + 4 + 19, BODY, SONG_BOLD)
    paragraph(0, below + 4 + 19 + pitch + 2, "夜色渐深，" + FILLER + "。")
    paragraph(1, y, "此外，" + FILLER + FILLER + "。")
    texts = body_texts(article_of(page.pdf(), "家门口的文化生活"))
    assert texts[1:3] == parts


def test_one_line_paragraphs_filling_their_lines_at_an_indent_are_each_a_paragraph():
    """Under a subhead, paragraphs of about a line each, every first line two ems in and
    filling the column to its edge: the page makes them a block whose lines all start at
    the indent, so each line's indent is measured from the column's start and opens a
    paragraph; the last goes on at the column's edge below."""
    page = Page()
    y = headline(page, "从求数量到重质量") + 30
    per_line = int(COLUMN // BODY) - 2
    y = page.column(0, y, ["曾经，" + FILLER + "。"])
    page.text("从数量到质量", LEFT + 3 * BODY, y + 4, BODY, SONG_BOLD)
    y += 4 + PITCH + 4
    short = ["两地所产钢材一薄一厚各不同。", "有多薄？硅钢薄到零点几毫米。"]
    for number, text in enumerate(short):
        page.text(text, LEFT + 2 * BODY, y + number * PITCH)
    last = "有多厚？宽厚板生产线在周口贯通，可轧制最厚的钢板。"
    page.text(last[:per_line], LEFT + 2 * BODY, y + 2 * PITCH)
    page.text(last[per_line:], LEFT, y + 3 * PITCH)
    page.column(1, 114, ["此外，" + FILLER + "。"])
    texts = body_texts(article_of(page.pdf(), "从求数量到重质量"))
    assert texts[2:5] == [*short, last]


def test_a_byline_under_a_title_running_over_the_next_storys_column_top_is_the_titles():
    """A title over two columns runs a little over the top of the next story's column,
    which starts level with the byline centred under the title: that column is not one of
    the title's story's columns (it lies mostly beyond the title), so the line is the
    title's byline, not a line of text read in the middle of its story."""
    page = Page()
    title = "从企业找上门到服务送上门的变化"
    page.text(title, LEFT, 84, 24, SONG_BOLD)
    page.text("创新不停步", 2 * (COLUMN + GUTTER) + LEFT, 50, 18, SONG_BOLD)
    page.centred("本报记者 高明", LEFT + COLUMN + GUTTER, LEFT + 2 * COLUMN + GUTTER, 104, BODY, SONG)
    page.column(2, 104, ["推动技术治理，" + FILLER + "。", "不久前，" + FILLER + "。"])
    page.column(0, 124, ["清晨五点，" + FILLER + "。"])
    page.column(1, 124, ["入口处，" + FILLER + "。"])
    article = article_of(page.pdf(), title)
    assert [person.name for person in article.bylines] == ["高明"]
    assert [text[:4] for text in body_texts(article)][:2] == ["清晨五点", "入口处，"]


def test_a_bold_dateline_a_paragraphs_indent_in_is_one_block_with_its_roman_text():
    """A story's first paragraph opens with a dateline in bold filling its first line, set
    a paragraph's two ems in, the text going on in roman under it: one block with its text
    (alone, the dateline is a line of its own that the reading order may take elsewhere,
    between a kicker and its title level with it beside the column)."""
    from convert_core.layout import pdf_page_layout
    from convert_core.layout.pdf import PdfFile

    page = Page()
    y = headline(page, "全国已收获夏粮小麦") + 30
    per_line = int(COLUMN // BODY)
    page.text("本报北京6月1日电（记者王明）", LEFT + 2 * BODY, y, BODY, SONG_BOLD)
    for number in range(4):
        page.text((2 * FILLER)[number * per_line : (number + 1) * per_line], LEFT, y + (number + 1) * PITCH)
    page.column(1, y, ["据介绍，" + FILLER + "。"])
    with PdfFile(page.pdf()) as pdf:
        layout = pdf_page_layout(pdf.page(0))
    block = next(b for b in layout.blocks if b.lines and b.lines[0].text.startswith("本报北京"))
    assert len(block.lines) == 5


def test_a_label_at_the_texts_indent_under_the_title_is_no_authors_line():
    """A short label alone under the title (``回 信``, a word a name could be), set a
    paragraph's two ems in from the column, the text under it opening at that indent too:
    it heads the text, it is no author's line."""
    page = Page()
    y = headline(page, "胸怀理想拼搏奋斗") + 24
    page.text("回 信", LEFT + 2 * BODY, y, BODY)
    page.column(0, y + PITCH, ["青年朋友们：", "来信收悉。" + FILLER + "。"])
    page.column(1, y, ["希望你们" + FILLER + "。"])
    article = article_of(page.pdf(), "胸怀理想拼搏奋斗")
    assert article.bylines == []
    assert [text[:4] for text in body_texts(article)][:2] == ["回 信", "青年朋友"]


def test_zero_width_spaces_and_controls_in_a_pdfs_text_are_removed_as_from_a_page_of_text():
    """Glyphs a PDF's fonts map to a zero-width space, a word joiner or a control character
    (``\\x07``, ESC): the PDF reader removed the controls by its own code, with its own
    diagnostic, and kept the zero-width spaces, which hid the forms the reader looks for.
    Now one helper (:func:`convert_core.reader.lines.clean_lines`) removes the same
    characters as from a page of text, with the same diagnostics and line numbers."""
    headline_text, body = "全县早稻\u200b长势良好", "全县早稻长势\x07良好，农民群众\u2060喜获丰收。"
    page = Page()
    page.text(headline_text, LEFT, 60, 20)
    page.column(0, 120, [body * 3, "第二段正文\x1b内容在此。" * 3])
    document = convert_core.parse(page.pdf(), name="page.pdf", transform=False)
    assert document.articles[0].headline == "全县早稻长势良好"
    assert body_texts(document.articles[0]) == ["全县早稻长势良好，农民群众喜获丰收。" * 3, "第二段正文内容在此。" * 3]
    notes = {d.code: d for d in document.diagnostics}
    assert (notes["invisible-characters-removed"].line, notes["invisible-characters-removed"].severity) == (1, "info")
    assert notes["invisible-characters-removed"].message == "removed 4 zero-width space(s) on line(s) 1, 2"
    assert notes["control-characters-removed"].message == "removed 6 control character(s) on line(s) 2, 3"
    assert notes["control-characters-removed"].severity == "warning"
    # the same words as a page of text: the same characters removed, the same diagnostics
    text = convert_core.parse(f"{headline_text}\n\n{body * 3}\n\n{'第二段正文内容在此。' * 3}\n", transform=False)
    codes = {"control-characters-removed", "invisible-characters-removed"}
    assert (
        [d.code for d in text.diagnostics if d.code in codes]
        == [d for d in notes if d in codes]
        == [
            "control-characters-removed",
            "invisible-characters-removed",
        ]
    )
    again = convert_core.jsonform.loads(convert_core.export_bytes(document, "json"))
    assert again.articles[0].headline == "全县早稻长势良好"


def test_a_line_the_clean_up_leaves_empty_passes_its_picture_to_the_next_line():
    """A laid-out line holding nothing but zero-width spaces or controls goes; the picture it
    carried (a picture goes with the line after it, where the reader finds its caption)
    was lost with it, and the photo with it."""
    from convert_core.model import ImageRef
    from convert_core.reader.lines import Line, clean_lines

    picture, other = ImageRef("images/a.png", "image/png"), ImageRef("images/b.png", "image/png")
    lines = [
        Line(1, "立夏农事忙"),
        Line(2, "\u200b\x07", meta={"images": [picture]}),
        Line(3, "图为当日，人们在田间起秧苗。", meta={"images": [other]}),
    ]
    kept, notes = clean_lines(lines)
    assert [line.text for line in kept] == ["立夏农事忙", "图为当日，人们在田间起秧苗。"]
    assert kept[1].meta["images"] == [picture, other]
    assert [note.code for note in notes] == ["control-characters-removed", "invisible-characters-removed"]
