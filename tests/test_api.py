"""The public API is small and explicit: this test pins it."""
import dragoman


def test_all_is_pinned():
    assert sorted(dragoman.__all__) == sorted([
        "Actor", "CodingError", "ConfigError", "DictionaryError", "Document", "DragomanError", "Event", "Evidence",
        "InputError", "Location", "ModelError", "Reject", "__version__", "code_documents", "code_file",
        "code_paths", "code_text", "resolve",
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
    for cls in (dragoman.InputError, dragoman.DictionaryError, dragoman.ModelError, dragoman.ConfigError):
        assert issubclass(cls, dragoman.DragomanError)
