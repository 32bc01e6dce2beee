"""The public API is small and explicit: this test pins it."""
from pathlib import Path

import pytest

import dragoman
from dragoman.errors import BINARY, NOT_FOUND, OVERSIZED, UNDECODABLE


def test_all_is_pinned():
    assert sorted(dragoman.__all__) == sorted([
        "Actor", "CodingError", "ConfigError", "DictionaryError", "Document", "DragomanError", "Event", "EventStore",
        "Evidence", "InputError", "Location", "ModelError", "OutputError", "Provenance", "Reject", "StoreError",
        "__version__", "code_documents", "code_file", "code_paths", "code_text", "open", "read_csv", "resolve",
    ])
    for name in dragoman.__all__:
        assert hasattr(dragoman, name), name


def test_code_text_returns_typed_events():
    events = dragoman.code_text("Russia and Ukraine held talks in Istanbul on Tuesday.", date="2022-03-31")
    assert events, "a plain diplomatic sentence gives an event"
    event = events[0]
    assert isinstance(event, dragoman.Event)
    assert event.plover == "CONSULT"
    assert {event.source.country, event.target.country} == {"RUS", "UKR"}
    assert event.date == "2022-03-29"


def test_resolve_returns_an_actor():
    actor = dragoman.resolve("Turkish police", date="2021-05-01")
    assert (actor.country, actor.sector, actor.code) == ("TUR", "COP", "TURCOP")


def test_errors_share_one_base():
    for cls in (dragoman.InputError, dragoman.DictionaryError, dragoman.ModelError, dragoman.ConfigError,
                dragoman.StoreError, dragoman.OutputError):
        assert issubclass(cls, dragoman.DragomanError)


# ---------------------------------------------------------------- arguments checked at the edge (issue 16)

@pytest.mark.parametrize("text", [None, 42, b"Russia attacked Ukraine.", ["Russia attacked Ukraine."]],
                         ids=["none", "int", "bytes", "list"])
def test_code_text_of_no_text_is_a_config_error(text):
    with pytest.raises(dragoman.ConfigError, match="the text must be a str"):
        dragoman.code_text(text)


@pytest.mark.parametrize("text, code", [("Russia attacked \ud800 Ukraine.", UNDECODABLE),
                                        ("Talks.\x00\x01\x02", BINARY)], ids=["surrogate", "binary"])
def test_code_text_rejects_what_a_file_reader_rejects(text, code):
    with pytest.raises(dragoman.InputError) as caught:
        dragoman.code_text(text)
    assert caught.value.code == code and caught.value.origin == "<text>"


def test_code_text_applies_the_document_size_limit(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_MAX_DOC_BYTES", "100")
    with pytest.raises(dragoman.InputError) as caught:
        dragoman.code_text("Russia attacked Ukraine. " * 10)
    assert caught.value.code == OVERSIZED


@pytest.mark.parametrize("options", [{"date": 20220101}, {"doc_id": 3}, {"title": b"x"}])
def test_code_text_options_of_the_wrong_type_are_config_errors(options):
    with pytest.raises(dragoman.ConfigError):
        dragoman.code_text("Russia attacked Ukraine.", **options)


@pytest.mark.parametrize("mention", [None, 42, b"Putin"])
def test_resolve_of_no_text_is_a_config_error(mention):
    with pytest.raises(dragoman.ConfigError, match="the mention must be a str"):
        dragoman.resolve(mention)


def test_a_path_given_as_a_string_is_one_path(tmp_path, monkeypatch):
    """Not its characters: "in/a.txt" used to be read as "i", "n", "/" ... and "/" walked the disk."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Russia attacked Ukraine.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("in/a.txt", Path("in/a.txt")):
        items = list(dragoman.code_paths(given))
        assert len(items) == 1 and not isinstance(items[0], dragoman.Reject)
        assert items[0][1][0].plover == "ASSAULT"
    assert dragoman.code_file("in/a.txt")[0].plover == "ASSAULT"


@pytest.mark.parametrize("paths", [42, [None], [b"a.txt"]])
def test_code_paths_of_what_is_no_path_is_a_config_error(paths):
    with pytest.raises(dragoman.ConfigError):
        list(dragoman.code_paths(paths))


def test_code_file_of_a_missing_or_binary_file_raises_the_reason(tmp_path):
    with pytest.raises(dragoman.InputError) as missing:
        dragoman.code_file(tmp_path / "missing.txt")
    assert missing.value.code == NOT_FOUND
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(dragoman.InputError) as binary:
        dragoman.code_file(tmp_path / "blob.txt")
    assert binary.value.code == BINARY and binary.value.origin == str(tmp_path / "blob.txt")


def test_code_documents_checks_its_documents():
    with pytest.raises(dragoman.ConfigError):
        list(dragoman.code_documents(["Russia attacked Ukraine."]))
    bad = dragoman.Document(id="x", text="Russia \ud800 attacked.")
    with pytest.raises(dragoman.InputError) as caught:
        list(dragoman.code_documents([bad]))
    assert caught.value.code == UNDECODABLE


def test_a_bad_setting_is_a_config_error_not_an_error_on_every_sentence(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_MIN_CONFIDENCE", "high")
    with pytest.raises(dragoman.ConfigError, match="DRAGOMAN_MIN_CONFIDENCE"):
        dragoman.code_text("Russia attacked Ukraine.")
