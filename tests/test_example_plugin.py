"""The third-party example plugin in examples/ installs, lists and converts the seed."""

from __future__ import annotations

import subprocess
import sys

import bulletin_convert_markdown
import pytest
from hypothesis import given, settings

from convert_core import UsageError, testing


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert_core", *args], capture_output=True, text=True)


def test_it_appears_in_list_formats():
    result = run("--list-formats")
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("markdown"))
    assert ".md" in line and "markdown" in line.split()[2]


def test_it_converts_the_seed(seed_path):
    result = run(str(seed_path), "--to", "markdown", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "## 卫东区持续完善提升社区治理体系和能力" in result.stdout
    assert result.stdout.count("\n## ") == 7  # seven articles
    assert "高鸿勋 摄" in result.stdout


def test_its_option_reaches_the_writer(seed_path):
    result = run(str(seed_path), "--to", "markdown", "-o", "-", "--md-heading-level", "3")
    assert "\n### 卫东区努力开创党务工作新局面" in result.stdout
    registry = testing.registry_with(bulletin_convert_markdown)
    with pytest.raises(UsageError):
        testing.render(registry, "markdown", testing.sample_document(), {"md_heading_level": 9})
    with pytest.raises(UsageError):  # 0 is out of range too, never taken as "the default, 2"
        testing.render(registry, "markdown", testing.sample_document(), {"md_heading_level": 0})


def test_its_transform_runs_before_export(monkeypatch):
    monkeypatch.setenv("BULLETIN_MARKDOWN_DROP_EMPTY", "1")
    registry = testing.registry_with(bulletin_convert_markdown)
    document = testing.sample_document()
    document.items[2].body = []
    assert len(registry.transform(document, {}).items) == 2


def test_an_editors_note_is_set_in_italics_where_printed():
    registry = testing.registry_with(bulletin_convert_markdown)
    out = testing.render(registry, "markdown", testing.sample_document()).decode("utf-8")
    blocks = out.split("\n\n")
    note = blocks.index("*编后：整改不是终点，而是新的起点。*")
    assert blocks[note - 1] == "（未能归类的文字）"  # in its place in the body


def test_descriptor_and_hostile_text():
    registry = testing.registry_with(bulletin_convert_markdown)
    exporter = registry.exporter("markdown")
    assert testing.check_exporter(exporter) == []
    out = testing.render(registry, "markdown", testing.hostile_document())
    assert b"<script>" not in out


@settings(max_examples=30, deadline=None)
@given(testing.documents())
def test_any_document_gives_utf8_markdown(document):
    out = testing.render(testing.registry_with(bulletin_convert_markdown), "markdown", document)
    out.decode("utf-8")
