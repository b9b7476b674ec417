"""A document built in Python is checked before any exporter runs (convert_core.shape).

A malformed document given to ``convert_core.render``/``export``/``export_bytes``/
``render_many``/``write_images`` is the caller's fault: a :class:`UsageError` naming the
field, never the error of whichever exporter met it first (``format 'newsml' (plugin
newsml) failed: AttributeError``, exit 7). The same walk checks what a plugin's
``transform_document`` leaves, without serialising the document.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

import convert_core
from convert_core import InputError, UsageError, jsonform, testing
from convert_core.model import (
    Article,
    Contributor,
    Diagnostic,
    Document,
    Figure,
    Furniture,
    ImageRef,
    Metadata,
    Paragraph,
    Photo,
)
from convert_core.shape import MalformedDocument, check_document


def _set(path: str, value):  # type: ignore[no-untyped-def]
    def mutate(document: Document) -> None:
        *parents, last = path.split(".")
        target = document
        for part in parents:
            name, _, index = part.partition("[")
            target = getattr(target, name)
            if index:
                target = target[int(index.rstrip("]"))]
        name, _, index = last.partition("[")
        if index:
            getattr(target, name)[int(index.rstrip("]"))] = value
        else:
            setattr(target, name, value)

    return mutate


MALFORMED = {
    "a number for a headline": (_set("items[0].headline", 5), "items[0].headline: expected a string, got int"),
    "an article among a photo's caption": (
        _set("items[1].caption[0]", Article(headline="x")),
        "items[1].caption[0]: expected a string, got Article",
    ),
    "a number among the items": (_set("items[1]", 5), "items[1]: expected an Article or a Photo, got int"),
    "no items": (_set("items", None), "items: expected a list of articles and photos, got None"),
    "no metadata": (_set("metadata", None), "metadata: expected a Metadata, got None"),
    "a body that is text": (_set("items[0].body", "正文"), "items[0].body: expected a list of blocks, got str"),
    "a paragraph of bytes": (
        _set("items[0].body[0]", Paragraph(text=b"x")),  # type: ignore[arg-type]
        "items[0].body[0].text: expected a string, got bytes",
    ),
    "a control character": (
        _set("items[0].headline", "标题\x1b]0;owned\x07"),
        "items[0].headline: holds a control character or lone surrogate (U+001B)",
    ),
    "a lone surrogate deep in a figure": (
        _set("items[0].body[0]", Figure(caption=["图\ud800"])),
        "items[0].body[0].caption[0]: holds a control character or lone surrogate (U+D800)",
    ),
    "a noncharacter in the metadata": (
        _set("metadata.publication", "报\uffff"),
        "metadata.publication: holds a control character or lone surrogate (U+FFFF)",
    ),
    "a language that is no tag": (
        _set("metadata.language", "zh CN"),
        "metadata.language: expected a BCP 47 tag such as zh-CN",
    ),
    "an edition date as typed": (
        _set("metadata.edition_date", "20200428"),
        "metadata.edition_date: expected a date as YYYY-MM-DD",
    ),
    "an unknown role": (
        _set("items[0].bylines[0]", Contributor("boss", "李明")),
        "items[0].bylines[0].role: unknown role 'boss'",
    ),
    "a line span backwards": (_set("items[0].lines", (5, 1)), "items[0].lines: expected (first line, last line)"),
    "a picture outside the folder": (
        _set("items[1].image", ImageRef(href="../../etc/x.jpg", media_type="image/jpeg")),
        "items[1].image.href: must be a relative path inside the output folder",
    ),
    "furniture of an unknown kind": (
        _set("furniture", [Furniture(kind="sofa", text="x")]),
        "furniture[0].kind: expected one of page-header",
    ),
    "a diagnostic of a bad code": (
        _set("diagnostics", [Diagnostic(code="Bad Code", message="x")]),
        "diagnostics[0].code: expected lower-case letters",
    ),
}


def _document() -> Document:
    document = Document(
        metadata=Metadata(publication="卫东报", edition_date="2020-04-28", language="zh-CN"),
        items=[
            Article(headline="标题", bylines=[Contributor("reporter", "李明")], body=[Paragraph("正文。")]),
            Photo(caption=["图为现场。"]),
        ],
    )
    from convert_core.ids import assign_ids

    assign_ids(document)
    return document


def _spy() -> tuple[convert_core.Exporter, list[Document]]:
    ran: list[Document] = []

    def write(document: Document, options: dict) -> bytes:  # type: ignore[type-arg]
        ran.append(document)
        return b"x"

    def combine(documents: list[Document], options: dict) -> bytes:  # type: ignore[type-arg]
        ran.extend(documents)
        return b"x"

    return convert_core.Exporter("spy", ".spy", "text/plain", "records", write, combine=combine), ran


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_document_given_to_the_library_is_a_usage_error_naming_the_field(tmp_path, case):
    mutate, message = MALFORMED[case]
    document = _document()
    mutate(document)
    spy, ran = _spy()
    calls = {
        "render": lambda: convert_core.render(document, spy),
        "export_bytes": lambda: convert_core.export_bytes(document, spy),
        "export": lambda: convert_core.export(document, spy, tmp_path / "out"),
        "write_images": lambda: convert_core.write_images(document, tmp_path / "out"),
        "render_many": lambda: convert_core.render_many([_document(), document], spy),
    }
    for name, call in calls.items():
        with pytest.raises(UsageError) as caught:
            call()
        where = "documents[1]." if name == "render_many" else ""
        assert str(caught.value).startswith(f"malformed document: {where}{message}"), (name, str(caught.value))
        assert caught.value.exit_code == 2
    assert ran == [] and not (tmp_path / "out").exists()  # checked before any exporter ran
    for name in ("json", "newsml", "epub", "docx", "ninjs", "markdown"):  # the built-in formats alike
        with pytest.raises(UsageError, match="malformed document"):
            convert_core.render(document, name)


def test_what_is_not_a_document_is_named():
    with pytest.raises(UsageError, match="malformed document: expected a Document, got dict"):
        convert_core.export_bytes({"items": []}, "json")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="documents must be a list of Document, not Document"):
        convert_core.render_many(_document(), "epub")  # type: ignore[arg-type]


def test_well_formed_documents_pass_the_check(seed_path):
    for document in (testing.sample_document(), convert_core.parse(seed_path), _document(), Document()):
        check_document(document)
        convert_core.render(document, "json")


@settings(max_examples=80, deadline=None)
@given(testing.documents())
def test_the_walk_refuses_exactly_what_the_json_form_refuses(document):
    """The shape check walks the dataclasses where the transforms' check went through
    the JSON form (``from_dict(to_dict(document))``): the same documents pass, and a
    refused one is refused at the same field."""
    try:
        jsonform.from_dict(jsonform.to_dict(copy.deepcopy(document)))
        expected = None
    except InputError as exc:
        expected = str(exc).removeprefix("not a bulletin-convert document: ").split(":")[0]
    try:
        check_document(document)
        found = None
    except MalformedDocument as exc:
        found = exc.where
    assert found == expected
    check_document(document, text=False)  # the arbitrary text is all that can be wrong


def test_a_document_whose_fields_raise_is_named_as_malformed():
    """A subclass of Document whose field is a property that raises: ``RuntimeError`` from
    the check itself (an internal error), where a field of the wrong type is a usage error."""

    class Odd(Document):
        @property
        def furniture(self):  # type: ignore[override]
            raise RuntimeError("no furniture here")

        @furniture.setter
        def furniture(self, value):  # type: ignore[no-untyped-def]
            pass

    with pytest.raises(UsageError, match="malformed document: not a document's shape: RuntimeError: no furniture"):
        convert_core.render(Odd(), "json")


def test_every_field_of_the_model_is_described_once_for_both_checks():
    """The JSON form's reading and the walk of a document built in Python went by two
    descriptions of the fields (jsonform's ``_Reader`` calls and shape's hand-written walk),
    free to drift. Both now go by :data:`convert_core.fields.FIELDS`, read from the model's
    own dataclasses: every field of every record is in it, with the type its annotation
    says; a field of a type described nowhere stops the import."""
    import dataclasses

    from convert_core import fields, model

    # every record the model defines (not a list of them kept here, free to drift), and the
    # records the package exposes are among them
    records = {
        value
        for value in vars(model).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__
    }
    assert set(fields.FIELDS) == records
    exposed = {getattr(convert_core, name) for name in convert_core.__all__}
    assert {value for value in exposed if getattr(value, "__module__", None) == model.__name__} <= records
    assert {Document, Article, Photo, ImageRef} <= records
    for cls, described in fields.FIELDS.items():
        assert [field.name for field in described] == [f.name for f in dataclasses.fields(cls) if f.name != "type"]
    by_name = {(cls, field.name): field for cls, described in fields.FIELDS.items() for field in described}
    assert (by_name[Article, "headline"].kind, by_name[Article, "headline"].optional) == ("text", False)
    assert (by_name[Article, "kicker"].kind, by_name[Article, "kicker"].optional) == ("text", True)
    assert by_name[Article, "body"].records == (Paragraph, model.Subhead, model.Quote, Figure, model.Unclassified)
    assert by_name[Photo, "image"].records == (ImageRef,) and not by_name[ImageRef, "data"].in_json

    @dataclasses.dataclass
    class Odd:
        when: complex = 0j

    with pytest.raises(TypeError, match=r"Odd\.when: no description"):
        fields._describe(Odd)


#: A value each rule of the description refuses, and where in the document it goes.
_RULE_CASES = {
    (Contributor, "role"): ("items[0].bylines[0].role", "boss", "unknown role 'boss'"),
    (Contributor, "name"): ("items[0].bylines[0].name", "", "expected a name, got an empty string"),
    (ImageRef, "href"): ("items[1].image.href", "../x.jpg", "must be a relative path inside the output folder"),
    (Paragraph, "lead"): ("items[0].body[0].lead", "不是", "expected the start of the paragraph's text"),
    (Article, "id"): ("items[0].id", "a b", "expected letters, digits, '.', '_' or '-' (at most 64), got 'a b'"),
    (Photo, "id"): ("items[1].id", "é", "expected letters, digits"),
    (Furniture, "kind"): ("furniture[0].kind", "sofa", "expected one of page-header, staff"),
    (Diagnostic, "code"): ("diagnostics[0].code", "Bad Code", "expected lower-case letters, digits and dashes"),
    (Diagnostic, "severity"): ("diagnostics[0].severity", "fatal", "expected 'info' or 'warning', got 'fatal'"),
    (convert_core.Source, "sha256"): ("metadata.source.sha256", "ab", "expected 64 lower-case hexadecimal digits"),
    (Metadata, "edition_date"): ("metadata.edition_date", "20200428", "expected a date as YYYY-MM-DD"),
    (Metadata, "date_source"): ("metadata.date_source", "guess", "expected one of header, text, inferred, option"),
    (Metadata, "language"): ("metadata.language", "zh CN", "expected a BCP 47 tag such as zh-CN, got 'zh CN'"),
}


def test_every_value_rule_is_held_by_both_checks_alike():
    """Each rule of the one description (:data:`convert_core.fields.RULES`, and a
    ``Literal``'s values) refuses the same value in both checks, at the same field, with the
    same words: a rule added for one is a rule of the other."""
    from convert_core import fields

    rules = {key for key, rule in fields.RULES.items()} | {(Diagnostic, "severity")}
    assert set(_RULE_CASES) == rules  # (a new rule needs its case here)
    for (cls, name), (where, value, problem) in _RULE_CASES.items():
        document = _document()
        document.items[1].image = ImageRef(href="images/a.jpg", media_type="image/jpeg")
        document.furniture = [Furniture(kind="staff", text="责任编辑 王平")]
        document.diagnostics = [Diagnostic("column-break-join", "joined", 3)]
        document.items[0].body[0].lead = "正文"
        _set(where, value)(document)
        with pytest.raises(MalformedDocument) as walked:
            check_document(document)
        with pytest.raises(InputError) as read:
            jsonform.from_dict(jsonform.to_dict(document))
        assert (walked.value.where, walked.value.problem[: len(problem)]) == (where, problem), (cls, name)
        assert str(read.value) == f"not a bulletin-convert document: {where}: {walked.value.problem}", (cls, name)
