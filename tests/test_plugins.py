"""The plugin system: hook specs documented, registration, failures, loading switches."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import convert_core
from convert_core import Exporter, ExporterOption, PluginError, UsageError, hookimpl, hookspecs, testing
from convert_core.plugins import BUILTIN_PLUGINS, PluginRegistry

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"


def hook_names() -> list[str]:
    return [
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "bulletin_convert_spec")
    ]


def test_there_are_hooks():
    assert set(hook_names()) >= {"register_exporters", "transform_document", "validate_output"}


@pytest.mark.parametrize("name", hook_names())
def test_every_hook_is_documented(name):
    """A hook spec needs a docstring and a section with an example in the plugin guide."""
    function = getattr(hookspecs, name)
    assert (function.__doc__ or "").strip(), f"hook {name} has no docstring"
    guide = GUIDE.read_text("utf-8")
    section = re.search(rf"^### `{name}`\n(.*?)(?=^### |^## |\Z)", guide, re.S | re.M)
    assert section, f"docs/plugins.md has no '### `{name}`' section"
    assert "```python" in section.group(1) and f"def {name}(" in section.group(1), f"no example for {name}"


def _plugin(name: str, *exporters: Exporter, raises: Exception | None = None) -> types.SimpleNamespace:
    @hookimpl
    def register_exporters():
        if raises:
            raise raises
        return list(exporters)

    return types.SimpleNamespace(__name__=name, register_exporters=register_exporters)


def _exporter(name: str, writer=lambda doc, options: b"x") -> Exporter:
    return Exporter(name=name, extension=f".{name}", media_type="text/plain", description="test", writer=writer)


def test_two_plugins_with_one_format_name_name_both():
    registry = testing.registry_with(_plugin("alpha", _exporter("dup")), _plugin("beta", _exporter("dup")))
    with pytest.raises(PluginError) as error:
        registry.exporters()
    assert "'alpha'" in str(error.value) and "'beta'" in str(error.value) and "'dup'" in str(error.value)


def test_a_raising_plugin_is_reported_and_others_still_work():
    registry = testing.registry_with(_plugin("broken", raises=RuntimeError("boom")), _plugin("fine", _exporter("ok")))
    assert list(registry.exporters()) == ["ok"]
    assert [(f.plugin, "boom" in f.message) for f in registry.failures] == [("broken", True)]


def test_a_plugin_that_fails_to_import_is_reported():
    registry = testing.registry_with("no_such_module_for_bulletin_convert")
    assert registry.failures and "no_such_module_for_bulletin_convert" in str(registry.failures[0])


def test_a_writer_that_raises_is_a_plugin_error_naming_the_plugin():
    def bad(document, options):
        raise ValueError("writer exploded")

    registry = testing.registry_with(_plugin("explosive", _exporter("bang", bad)))
    with pytest.raises(PluginError, match=r"explosive.*writer exploded"):
        testing.render(registry, "bang", testing.sample_document())


def test_a_lazy_writer_that_cannot_be_imported_names_the_plugin():
    registry = testing.registry_with(_plugin("lazy", _exporter("lazy", "no_such_module_xyz:write")))
    with pytest.raises(PluginError, match=r"lazy.*no_such_module_xyz"):
        testing.render(registry, "lazy", testing.sample_document())


def test_writer_returning_the_wrong_type_is_a_plugin_error():
    registry = testing.registry_with(_plugin("odd", _exporter("odd", lambda doc, options: 42)))
    with pytest.raises(PluginError, match="returned int"):
        testing.render(registry, "odd", testing.sample_document())


def test_unknown_format_lists_the_known_ones():
    registry = testing.registry_with(_plugin("one", _exporter("aaa")))
    with pytest.raises(UsageError, match=r"unknown format 'zzz' \(available: aaa\)"):
        registry.exporter("zzz")


def test_options_are_checked_and_defaulted():
    seen = {}

    def writer(document, options):
        seen.update(options)
        return b""

    exporter = Exporter(
        name="opt",
        extension=".o",
        media_type="text/plain",
        description="d",
        writer=writer,
        options=(ExporterOption("level", "h", "int", 2), ExporterOption("mode", "h", "choice", "a", ("a", "b"))),
    )
    registry = testing.registry_with(_plugin("opts", exporter))
    testing.render(registry, "opt", testing.sample_document(), {"mode": "b"})
    assert seen == {"level": 2, "mode": "b"}
    with pytest.raises(UsageError, match="no option 'colour'"):
        testing.render(registry, "opt", testing.sample_document(), {"colour": 1})
    with pytest.raises(UsageError, match="must be one of a, b"):
        testing.render(registry, "opt", testing.sample_document(), {"mode": "c"})


def test_transforms_run_in_order_and_may_replace_the_document():
    calls = []

    @hookimpl
    def transform_document(document, options):
        calls.append("first")
        replacement = testing.sample_document()
        replacement.items = replacement.items[:1]
        return replacement

    class Second:
        @hookimpl
        def transform_document(self, document, options):
            calls.append("second")
            document.metadata.publication = "改过的报"

    first = types.SimpleNamespace(__name__="first", transform_document=transform_document)
    registry = testing.registry_with(first, Second())
    document = registry.transform(testing.sample_document(), {})
    assert calls == ["first", "second"]  # registration order, each on the previous result
    assert len(document.items) == 1 and document.metadata.publication == "改过的报"


def test_transform_returning_junk_is_a_plugin_error():
    @hookimpl
    def transform_document(document, options):
        return "not a document"

    registry = testing.registry_with(types.SimpleNamespace(__name__="junk", transform_document=transform_document))
    with pytest.raises(PluginError, match="junk"):
        registry.transform(testing.sample_document(), {})


def test_builtin_plugins_are_entry_points_of_their_own_distributions():
    from importlib.metadata import entry_points

    points = {entry.name: entry.value for entry in entry_points(group="bulletin_convert")}
    for name, module in BUILTIN_PLUGINS:
        if name in points:
            assert points[name] == module
    assert points.get("json") == "bulletin_convert_json"


def test_autoload_off_keeps_builtins_but_not_third_party(monkeypatch):
    monkeypatch.setenv("BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD", "1")
    registry = PluginRegistry()
    assert "json" in registry.exporters()
    assert "markdown" not in registry.exporters()
    monkeypatch.delenv("BULLETIN_CONVERT_DISABLE_PLUGIN_AUTOLOAD")
    assert "markdown" in PluginRegistry().exporters()


def test_allow_and_deny_lists(monkeypatch):
    monkeypatch.setenv("BULLETIN_CONVERT_PLUGINS", "json")
    assert list(PluginRegistry().exporters()) == ["json"]
    monkeypatch.delenv("BULLETIN_CONVERT_PLUGINS")
    monkeypatch.setenv("BULLETIN_CONVERT_DISABLE_PLUGINS", "markdown")
    assert "markdown" not in PluginRegistry().exporters()


def test_builtin_exporters_are_well_formed():
    for exporter in convert_core.available_formats():
        assert testing.check_exporter(exporter) == [], exporter.name


def test_cold_start_imports_no_heavy_library(seed_path, tmp_path):
    """`convert PAGE --to json` imports neither lxml, python-docx nor ebooklib."""
    code = (
        f"import sys, runpy; sys.argv=['convert', {str(seed_path)!r}, '--to', 'json', '-o', {str(tmp_path)!r}];\n"
        "from convert_core.cli import main; rc = main(sys.argv[1:]);\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('lxml', 'docx', 'ebooklib', 'jsonschema', 'pypinyin'));\n"
        "print(','.join(heavy)); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_fast_entry_point_scan_agrees_with_importlib_metadata():
    from importlib.metadata import entry_points as slow

    from convert_core.entrypoints import entry_points

    expected = sorted((entry.name, entry.value) for entry in slow(group="bulletin_convert"))
    assert sorted(entry_points("bulletin_convert")) == expected
    assert ("json", "bulletin_convert_json") in expected


def test_entry_point_files_are_parsed_by_section(tmp_path):
    from convert_core.entrypoints import _parse

    text = "[console_scripts]\njson = not_this:one\n\n[bulletin_convert]\n# a comment\njson = bulletin_convert_json\nx=y:z\n"
    assert list(_parse(text, "bulletin_convert")) == [("json", "bulletin_convert_json"), ("x", "y:z")]


def test_a_malformed_format_is_refused_with_its_problems():
    bad = Exporter(name="MyFmt", extension="x", media_type="text/plain", description="test", writer=lambda d, o: b"")
    registry = testing.registry_with(_plugin("sloppy", bad, _exporter("fine")))
    assert list(registry.exporters()) == ["fine"]
    (failure,) = registry.failures
    assert failure.plugin == "sloppy" and "'MyFmt'" in failure.message and "extension" in failure.message


def _validating_plugin(name: str, validate) -> types.SimpleNamespace:  # type: ignore[no-untyped-def]
    @hookimpl
    def register_exporters():
        return [
            Exporter(
                name=name,
                extension=f".{name}",
                media_type="text/plain",
                description="test",
                writer=lambda doc, options: b"x",
                options=(ExporterOption("level", "h", "int", 3),),
            )
        ]

    @hookimpl
    def validate_output(exporter, paths, options):
        return validate(exporter, paths, options) if exporter.name == name else None

    return types.SimpleNamespace(__name__=name, register_exporters=register_exporters, validate_output=validate_output)


def test_validators_get_the_defaults_and_a_raising_one_is_a_plugin_error(tmp_path):
    seen = []
    registry = testing.registry_with(_validating_plugin("calm", lambda e, p, o: seen.append(dict(o)) or []))
    assert registry.validate(registry.exporter("calm"), [tmp_path / "x"], {}) == []
    assert seen == [{"level": 3}]

    def explode(exporter, paths, options):
        raise RuntimeError("validator exploded")

    registry = testing.registry_with(_validating_plugin("wild", explode))
    with pytest.raises(PluginError, match=r"'wild'.*validator exploded"):
        registry.validate(registry.exporter("wild"), [tmp_path / "x"], {})


@pytest.mark.parametrize("model", ["none", None])
def test_one_page_to_json_loads_neither_batch_machinery_nor_exporter_helpers(seed_path, model):
    """Nor what the start-up need not pay for: shutil (argparse's formatter asks for it),
    traceback (only --debug prints one), tempfile (only a pattern-cache save writes one).
    The role model's engine (python-crfsuite) imports shutil and tempfile itself: with the
    shipped model those come with it (about 8 ms), with ``--model none`` nothing does."""
    extra = ", '--model', 'none'" if model else ""
    code = (
        f"import sys; from convert_core.cli import main; rc = main([{str(seed_path)!r}, '--to', 'json', '-o', '-'{extra}]);\n"
        "sys.stdout.flush(); print('\\n' + ','.join(sorted(m for m in sys.modules if m in "
        "('convert_core.batch', 'convert_core.exportkit', 'concurrent.futures', 'rich', 'shutil', 'traceback', "
        "'tempfile')))); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = result.stdout.splitlines()[-1]
    assert loaded == ("" if model else "shutil,tempfile")


def test_one_page_to_a_directory_loads_no_resume_state_nor_pool(seed_path, tmp_path):
    """`convert PAGE --to json -o DIR` writes its page through the batch path, but keeps no
    resume state (convert_core.resume), starts no pool and shows no progress bar."""
    code = (
        f"import sys; from convert_core.cli import main; rc = main([{str(seed_path)!r}, '--to', 'json', '-o', "
        f"{str(tmp_path)!r}, '-q']);\n"
        "print(','.join(sorted(m for m in sys.modules if m in ('convert_core.batch', 'convert_core.resume', "
        "'concurrent.futures', 'multiprocessing', 'rich', 'convert_core.exportkit')))); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "convert_core.batch"
    assert (tmp_path / f"{seed_path.stem}.json").exists()


@pytest.mark.parametrize("format", ["json", "newsml", "ninjs"])
def test_an_unreadable_output_is_one_validation_problem(tmp_path, format):
    registry = convert_core.plugins.get_registry()
    found = registry.validate(registry.exporter(format), [tmp_path / "missing"], {})
    assert found == [f"{tmp_path / 'missing'}: cannot read: No such file or directory"]


def test_registry_with_ignores_the_shells_plugin_variables(monkeypatch) -> None:
    """A plugin author's test registry is the same whatever the shell allows or denies."""
    from convert_core.testing import registry_with

    monkeypatch.setenv("BULLETIN_CONVERT_PLUGINS", "nothing-of-ours")
    monkeypatch.setenv("BULLETIN_CONVERT_DISABLE_PLUGINS", "json")
    registry = registry_with("bulletin_convert_markdown", builtins=True)
    assert {"json", "docx", "markdown"} <= set(registry.exporters())
    from convert_core.plugins import PluginRegistry

    assert "json" not in PluginRegistry(autoload=False).exporters()  # the command still obeys them
