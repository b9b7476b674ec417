"""The JSON form: schema-valid, round-trips, and clear errors for bad or newer documents."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

import convert_core
from convert_core import InputError, jsonform, testing, values


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(jsonform.schema())


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(jsonform.schema())


def test_seed_json_validates_and_round_trips(seed_path, validator):
    text = jsonform.dumps(convert_core.parse(seed_path))
    validator.validate(json.loads(text))
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_rich_documents_round_trip(validator):
    text = jsonform.dumps(testing.sample_document())
    validator.validate(json.loads(text))
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_text_the_reader_never_gives_is_refused_naming_the_field():
    """Control characters and lone surrogates can be put in a model by a library user,
    but a document read back is held to what the reader produces: the field is named."""
    with pytest.raises(InputError, match=r"items\[\d+\]\.\S+: holds a control character or lone surrogate"):
        jsonform.loads(jsonform.dumps(testing.hostile_document()))


def test_a_caption_given_as_one_string_is_checked_as_strictly_as_a_list():
    """A photo's caption may be one string instead of a list of paragraphs: it is held to the
    same rule (found by the property test below: ``"caption": "\\x1f"`` was accepted)."""
    data = jsonform.to_dict(testing.sample_document())
    photo = next(index for index, item in enumerate(data["items"]) if item["type"] == "photo")
    data["items"][photo]["caption"] = "\x1f"
    with pytest.raises(InputError, match=rf"items\[{photo}\]\.caption: holds a control character"):
        jsonform.from_dict(data)
    data["items"][photo]["caption"] = "春暖花开，许多市民走上街头。"
    assert jsonform.from_dict(data).items[photo].caption == ["春暖花开，许多市民走上街头。"]


def _strings(value):  # type: ignore[no-untyped-def]
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for part in value.values() if isinstance(value, dict) else value:
            yield from _strings(part)


def _clean(document) -> bool:  # type: ignore[no-untyped-def]
    return not any(values.control_character(text, multiline=True) for text in _strings(jsonform.to_dict(document)))


@settings(max_examples=60, deadline=None)
@given(testing.documents())
def test_any_document_round_trips_and_validates(document):
    text = jsonform.dumps(document)
    jsonschema.Draft202012Validator(jsonform.schema()).validate(json.loads(text))
    if not _clean(document):
        with pytest.raises(InputError, match="control character or lone surrogate"):
            jsonform.loads(text)
        return
    assert jsonform.dumps(jsonform.loads(text)) == text


def test_an_editors_note_paragraph_round_trips_and_a_wrong_flag_is_refused(validator):
    data = jsonform.to_dict(testing.sample_document())
    blocks = data["items"][0]["body"]
    assert blocks[-1] == {"type": "paragraph", "text": "编后：整改不是终点，而是新的起点。", "note": True}
    assert "note" not in blocks[0]  # (written only when true)
    validator.validate(data)
    assert jsonform.from_dict(data).articles[0].body[-1].note is True
    blocks[-1]["note"] = "yes"
    with pytest.raises(InputError, match=r"items\[0\]\.body\[6\]\.note: expected true or false"):
        jsonform.from_dict(data)
    assert list(validator.iter_errors(data))


def test_the_schema_rejects_a_wrong_document(validator):
    data = json.loads(jsonform.dumps(testing.sample_document()))
    data["items"][0]["bylines"][0]["role"] = "astronaut"
    assert list(validator.iter_errors(data))


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.pop("schema_version"), "schema_version: missing"),
        (lambda d: d.update(schema_version="2.0"), "schema_version: 2.0 is newer than this release reads"),
        (lambda d: d["items"][0].update(headline=5), "items[0].headline: expected a string, got int"),
        (lambda d: d["items"][0]["bylines"][0].update(role="pilot"), "items[0].bylines[0].role: unknown role 'pilot'"),
        (
            lambda d: d["items"][0]["body"][0].update(type="table"),
            "items[0].body[0].type: unknown block type 'table' (known: paragraph, subhead, quote, figure, unclassified)",
        ),
        (
            lambda d: d["items"][1].update(type="video"),
            "items[1].type: unknown item type 'video' (known: article, photo)",
        ),
        (lambda d: d["metadata"].update(source=[]), "metadata.source: expected an object, got list"),
        (lambda d: d.update(items={}), "items: expected a list, got dict"),
    ],
)
def test_bad_documents_name_the_field(mutate, message):
    data = json.loads(jsonform.dumps(testing.sample_document()))
    mutate(data)
    with pytest.raises(InputError) as error:
        jsonform.from_dict(data)
    assert message in str(error.value)


def test_a_linked_photo_names_its_story_validates_and_round_trips(seed_path, validator):
    for document in (testing.sample_document(), convert_core.parse(seed_path)):
        data = json.loads(jsonform.dumps(document))
        validator.validate(data)
        linked = [item for item in data["items"] if item["type"] == "photo" and "article" in item]
        assert len(linked) == 1
        (story,) = [item for item in data["items"] if item.get("id") == linked[0]["article"]]
        assert story["type"] == "article"
        back = jsonform.from_dict(data)
        assert [getattr(item, "article", None) for item in back.items] == [
            getattr(item, "article", None) for item in document.items
        ]
        assert jsonform.dumps(back) == jsonform.dumps(document)
    # unlinked photos write no "article" at all
    seed = json.loads(jsonform.dumps(convert_core.parse(seed_path)))
    assert sum("article" in item for item in seed["items"] if item["type"] == "photo") == 1


def test_the_schema_and_the_reader_refuse_a_link_that_is_not_an_id(validator):
    data = json.loads(jsonform.dumps(testing.sample_document()))
    data["items"][1]["article"] = 5
    assert [error.json_path for error in validator.iter_errors(data)] == ["$.items[1]"]  # no item form fits
    with pytest.raises(InputError, match=r"items\[1\]\.article: expected a string, got int"):
        jsonform.from_dict(data)


def test_invalid_json_text_is_an_input_error():
    with pytest.raises(InputError, match="invalid JSON"):
        jsonform.loads('{"schema_version": "1.0", ')


def test_parse_reads_json_input_and_keeps_it(tmp_path, seed_path):
    text = jsonform.dumps(convert_core.parse(seed_path))
    edited = json.loads(text)
    edited["items"][0]["headline"] = "改过的标题"
    path = tmp_path / "page.json"
    path.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    document = convert_core.parse(path)
    assert document.items[0].headline == "改过的标题"
    assert json.loads(jsonform.dumps(document)) == edited


def test_items_without_ids_get_content_ids():
    data = json.loads(jsonform.dumps(testing.sample_document()))
    for item in data["items"]:
        del item["id"]
    first = jsonform.from_dict(data)
    second = jsonform.from_dict(json.loads(json.dumps(data)))
    assert [i.id for i in first.items] == [i.id for i in second.items]
    assert all(i.id for i in first.items) and len({i.id for i in first.items}) == len(first.items)


# ---------------------------------------------------------------------------- the JSON exporter's encoder


@settings(max_examples=60, deadline=None)
@given(testing.documents())
def test_the_json_exporter_writes_exactly_jsonform_dumps(document):
    from bulletin_convert_json import write

    assert write(document, {}) == jsonform.dumps(document).encode("utf-8", "backslashreplace")


@pytest.mark.parametrize("make", [testing.sample_document, testing.hostile_document])
def test_the_json_exporter_writes_exactly_jsonform_dumps_for_rich_documents(make):
    from bulletin_convert_json import write

    document = make()
    assert write(document, {}) == jsonform.dumps(document).encode("utf-8", "backslashreplace")


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        [[], {}],
        {"a": {"b": [1, -2, 10**30, True, False, None]}},
        '"\\\n\t\x00\x1f\u2028 \ud800 卫东',
        {"caf\u00e9": "x"},
        # left to json.dumps: floats, tuples, non-string keys, int and str subclasses
        [1.5, float("nan")],
        (1, [2]),
        {1: "one"},
        [True.__class__(1)],
    ],
)
def test_pretty_json_is_json_dumps_with_indent_2(value):
    from convert_core.jsonform import pretty_json

    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------- strict reading


def _json_values():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.text(max_size=12)
        | st.sampled_from(["2020-04-28", "20200428", "zh-CN", "zh-hant", "<x>&", "a" * 64, "0" * 64, "info"])
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=12,
    )


def _mutated_documents():  # type: ignore[no-untyped-def]
    """The sample document's JSON with one field (at any depth) replaced by any JSON value."""
    from hypothesis import strategies as st

    base = jsonform.to_dict(testing.sample_document())

    def paths(value, prefix=()):  # type: ignore[no-untyped-def]
        yield prefix
        if isinstance(value, dict):
            for key, part in value.items():
                yield from paths(part, (*prefix, key))
        elif isinstance(value, list):
            for index, part in enumerate(value):
                yield from paths(part, (*prefix, index))

    every = [path for path in paths(base) if path]

    def replace(path, value):  # type: ignore[no-untyped-def]
        data = json.loads(json.dumps(base))
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return data

    return st.builds(replace, st.sampled_from(every), _json_values())


@settings(max_examples=150, deadline=None)
@given(_mutated_documents())
def test_whatever_json_is_accepted_is_as_clean_as_the_readers_output(data):
    """A document read from JSON either fails with a one-line error naming a field, or
    is written back valid under our schema, with no character the reader never gives."""
    try:
        document = jsonform.from_dict(data)
    except InputError as error:
        assert str(error).startswith("not a bulletin-convert document: ") and "\n" not in str(error)
        return
    written = json.loads(jsonform.dumps(document))
    jsonschema.Draft202012Validator(jsonform.schema()).validate(written)
    assert _clean(document)
