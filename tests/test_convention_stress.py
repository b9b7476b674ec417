"""The rewrites of benchmarks/convention_stress.py: each changes its one form, and no text."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "convention_stress.py"
_spec = importlib.util.spec_from_file_location("convention_stress", SCRIPT)
assert _spec and _spec.loader
stress = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stress)

PAGE = (
    "人民日报  2026年08月01日\n04版:要闻\n\n"
    "中央宣传部  中央军委政治工作部\n\n联合发布十二名“最美新时代革命军人”\n\n"
    "——聚焦强军兴军伟大实践\n\n"
    "本报北京7月31日电  (记者李龙伊)为深入宣传强军思想，中央宣传部发布先进事迹。\n\n"
    "本报记者  王一\n"
)
GOLD = {"items": [{"type": "article", "headline": "联合发布十二名“最美新时代革命军人”"}]}


def _rewrite(name: str) -> str:
    return stress.REWRITES[name](PAGE, GOLD)


def test_each_rewrite_changes_its_form():
    assert _rewrite("as printed") == PAGE
    assert "■本报记者 王一" in _rewrite("byline ■本报记者")
    assert "\n记者 王一" in _rewrite("byline 记者")
    assert "人民日报首席记者 王一" in _rewrite("byline 人民日报首席记者")
    assert "本报北京7月31日电 记者李龙伊报道：为深入" in _rewrite("opening 记者X报道：")
    assert "本报北京7月31日电 【记者李龙伊】为深入" in _rewrite("opening 【记者 X】")
    assert "\n本报讯  (记者李龙伊)" in _rewrite("dateline 本报讯")
    assert _rewrite("header 新青年 A05").startswith("要闻 A04\n\n中央宣传部")
    assert not _rewrite("no page header").startswith("人民日报")
    assert "\n聚焦强军兴军伟大实践\n" in _rewrite("subheadline without its dash")
    assert "\n联合发布十二名“最\n美新时代革命军人”\n" in _rewrite("headlines wrapped")  # (18 characters: 9 and 9)


def test_the_rewrites_leave_the_stories_text_alone():
    for name, rewrite in stress.REWRITES.items():
        text = rewrite(PAGE, GOLD)
        assert "为深入宣传强军思想，中央宣传部发布先进事迹。" in text, name
        assert "联合发布十二名“最美新时代革命军人”" in text.replace("\n", ""), name
        assert "王一" in text, name


def test_the_script_says_where_the_corpus_is_missing(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--corpus", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and "no corpus at" in done.stderr
