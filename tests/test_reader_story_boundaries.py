"""Story boundaries in the seed's shape (stop 34): a story swallowed by the one above it, and a
false story start. Made-up pages in the forms the corpus's pages print."""

from __future__ import annotations

import pytest

from convert_core import parse


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


@pytest.mark.parametrize("title", ["黑龙江上“跑冰排”", "德国推出一揽子改革措施提振经济"])
def test_a_title_over_a_byline_after_a_dated_story_heads_a_story(title):
    """A dispatch dated and signed in its first line holds no package: a title over
    ``本报记者 X`` under its last paragraph heads the next story (it was read as the
    dispatch's subhead and a paragraph, as a package's part would be)."""
    first, second = parse(_page("本报北京4月27日电 （记者寇江泽）", title)).articles
    assert (first.headline, len(first.body)) == ("全国自然保护区生态质量总体优良", 3)
    assert second.headline == title
    assert [(p.role, p.name) for p in second.bylines] == [("reporter", "郭晓龙")]
    assert len(second.body) == 2


def test_a_title_over_a_byline_under_a_signed_story_is_left_to_the_model():
    """Under a story signed under its title (``本报记者 X``, a package's form) the same
    title and byline stay where the model puts them: a package's part."""
    (article,) = parse(_page("本报记者 寇江泽\n\n", "黑龙江上“跑冰排”")).articles
    assert article.headline == "全国自然保护区生态质量总体优良"
