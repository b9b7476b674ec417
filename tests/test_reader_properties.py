"""Property tests of the reader: any text gives a model, and nothing is silently lost."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import convert_core
from convert_core import InputError, jsonform
from convert_core.lossless import CONTROL, lost_characters
from convert_core.model import Document


def assert_lossless(source: str, document: Document) -> None:
    missing = lost_characters(source, document)
    assert not missing, f"lost characters: {dict(missing)}"


LINES = st.sampled_from(
    [
        "本报讯 (记者王孟鹤 通讯员和佳佳)“区委巡察组反馈我们的问题后,我们认真谋划。”4月21日,负责人说。",
        "新华社北京3月8日电(记者 张三)国务院新闻办公室8日举行发布会。",
        "卫东区全面开展巡察整改“清零”行动",
        "覆盖41个被巡察单位",
        "——基层蹲点见闻④",
        "手机扫一下 定位就明确",
        "本报记者 王 平",
        "■本报记者 李明",
        "文/图 张三",
        "4月26日下午,王云超在市区建设路北侧冲刷人行道。高鸿勋 摄",
        "古国凡 摄",
        "新华社发",
        "图①:市民在公园赏花。",
        "图1：市民在公园赏花。",
        "2020年4月28日 星期二 第3版",
        "责任编辑 李四 校对 王五",
        "(下转第二版)",
        "上一篇 下一篇 返回主页",
        "2026-04-04",
        "本报地址:平顶山市 邮政编码:467000 订价:每月30元",
        "该区弘扬“枫桥经验”,以综治中心为平",
        "台,加强社区治安联防队伍建设。",
        "一、强化组织领导",
        "（本报东京3月9日电）",
        "据新华社",
        "国际时评",
        "【聚焦两会】",
        "简讯",
        "■江北区开展秋季消防演练 9月5日,消防救援大队开展演练。(记者 张帆)",
        "■县城新增2处公共充电站",
        "图① 10月14日,农民驾驶收割机收获玉米。",
        "本版摄影 李 想",
        "——编 者",
        "编者按:本版今起推出系列报道,敬请关注。",
        "(上接第一版)就能上好学。",
        "第03版：要闻",
        "一季度全市新增经营主体2.1万户_鹰城日报",
        "【字号 大 中 小】　　【打印】　　【关闭】",
        "□ 王 强",
        "图为群众在综合窗口办理业务。(本报记者 王 强 摄)",
        "制图 刘 畅",
        "新華社香港10月7日電（記者 周文浩）香港科學園7日舉行進駐儀式。",
        "　　该区加强对核心区域的精细化管理,提升机械作业效率。",
        "",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=30))
@example(  # a gallery heading inside an article was once dropped
    [
        "本报讯 (记者王孟鹤 通讯员和佳佳)“区委巡察组反馈我们的问题后,我们认真谋划。”4月21日,负责人说。",
        "覆盖41个被巡察单位",
        "图① 10月14日,农民驾驶收割机收获玉米。",
        "图① 10月14日,农民驾驶收割机收获玉米。",
        "古国凡 摄",
        "本报讯 (记者王孟鹤 通讯员和佳佳)“区委巡察组反馈我们的问题后,我们认真谋划。”4月21日,负责人说。",
    ]
)
@example(  # two pictures printed alike at a story's end: the second was dropped as a copy
    [
        "本报讯 (记者王孟鹤 通讯员和佳佳)“区委巡察组反馈我们的问题后,我们认真谋划。”4月21日,负责人说。",
        "4月26日下午,王云超在市区建设路北侧冲刷人行道。高鸿勋 摄",
        "4月26日下午,王云超在市区建设路北侧冲刷人行道。高鸿勋 摄",
        "本报记者 王 平",
        "卫东区全面开展巡察整改“清零”行动",
    ]
)
@example(["制图 刘 畅", "■本报记者 李明", "本报记者 王 平"])  # a credit two lines from the page's end: an index past it
def test_pages_made_of_real_conventions_lose_nothing(lines):
    source = "\n".join(lines)
    try:
        document = convert_core.parse(source, transform=False)
    except InputError:
        assert not source.strip()
        return
    assert_lossless(source, document)
    assert jsonform.dumps(jsonform.loads(jsonform.dumps(document))) == jsonform.dumps(document)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_model_and_loses_nothing(source):
    try:
        document = convert_core.parse(source, transform=False)
    except InputError:
        assert not "".join(c for c in source if c not in CONTROL).strip()
        return
    assert_lossless(source, document)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_model_or_a_clear_input_error(data):
    try:
        document = convert_core.parse(data, transform=False)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert document.metadata.source.sha256


def test_seed_loses_nothing(seed_path):
    assert_lossless(seed_path.read_text("utf-8"), convert_core.parse(seed_path))


def test_a_numbered_pictures_label_loses_no_mark():
    """``图1：…``: the label is ``图1`` and the colon printed after it stays at the caption's
    start, as after ``图①：`` (it was dropped: a character lost)."""
    for text in ("图1：市民在公园赏花。\n\n李想 摄\n", "图①：市民在公园赏花。\n\n李想 摄\n"):
        document = convert_core.parse(text)
        assert_lossless(text, document)
        assert [(photo.label, photo.caption) for photo in document.photos] == [(text[:2], ["：市民在公园赏花。"])]
