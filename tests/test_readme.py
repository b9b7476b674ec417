"""The README tells the truth: its library example runs, CI runs its test command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_the_library_example_runs(tmp_path):
    example = next(block for block in code_blocks("python") if "convert_core.parse(" in block)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "卫东区持续完善提升社区治理体系和能力" in result.stdout
    assert (tmp_path / "out" / "000_80fb9983b63b8a66.json").exists()


def test_the_batch_api_example_runs(tmp_path):
    example = next(block for block in code_blocks("python") if "run_batch" in block)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "converted" in result.stdout and (tmp_path / "out" / "seed.docx").exists()


def test_two_setup_commands_and_ci_runs_the_test_command():
    setup = next(block for block in code_blocks("sh") if "requirements-test.txt" in block)
    commands = [line for line in setup.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    main_job, test_command = commands
    assert "convert seeds/000_80fb9983b63b8a66.txt --to all" in main_job
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_command_option_is_in_the_readme():
    from convert_core.cli import build_parser

    parser = build_parser({})
    flags = {flag for action in parser._actions for flag in action.option_strings if flag.startswith("--")}
    missing = sorted(flag for flag in flags - {"--help", "--version"} if flag not in README)
    assert not missing, f"options missing from the README: {missing}"


def test_documented_exit_codes_match_the_errors_module():
    from convert_core import errors

    for name in dir(errors):
        if name.startswith("EXIT_"):
            assert f"`{getattr(errors, name)}`" in README, name
    assert os.path.exists(ROOT / "docs" / "hardening.md")


def test_every_evaluate_option_is_in_the_readme():
    from convert_core.evaluate_cli import evaluate_parser

    flags = {flag for action in evaluate_parser()._actions for flag in action.option_strings if flag.startswith("--")}
    missing = sorted(flag for flag in flags - {"--help"} if flag not in README)
    assert not missing, f"convert evaluate options missing from the README: {missing}"


def test_the_evaluate_example_runs(tmp_path):
    example = next(block for block in code_blocks("python") if "evaluate.load_gold(" in block)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1.0 1.0 0"
    assert "'macro_f1': 1.0" in result.stdout
