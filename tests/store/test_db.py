import subprocess
import sys
from datetime import date

import pytest

from dragoman.errors import ConfigError
from dragoman.record import Actor, Document, Event, Evidence, Location, Reject
from dragoman.store import SCHEMA_VERSION, Rows, open_store

from .corpus import old_schema_db


def _event(doc_id, n, *, day="2022-01-01", target=None, cameo="190", location=None):
    return Event(event_id=f"{doc_id}-{n}", doc_id=doc_id, sentence_id=n, sentence="s", date=day,
                 source=Actor("Russia", country="RUS", code="RUS"), target=target, cameo=cameo, plover="ASSAULT",
                 plover_mode=None, plover_context=(), goldstein=-10.0, quad_class=4,
                 evidence=Evidence("attack", (0, 6), "190/attack > obj"), confidence=0.5, location=location)


UKR = Actor("Ukraine", name="Ukraine", country="UKR", code="UKR", start=10, end=17)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "x.duckdb")
    yield store
    store.close()


def _events(store):
    return store.con.execute("SELECT event_id, num_mentions, num_articles, first_doc_id FROM events "
                             "ORDER BY event_id").fetchall()


def test_write_is_idempotent_per_document(store):
    doc = Document(id="d1", text="t", date=date(2022, 1, 1))
    store.write(doc, [_event("d1", 0), _event("d1", 1, cameo="193")])
    store.write(doc, [_event("d1", 0)])
    assert store.count("documents") == 1 and store.count("events") == 1 and store.count("mentions") == 1
    store.reject(Reject("bad.txt", "empty", "E101"))
    store.reject(Reject("bad.txt", "empty", "E101"))
    assert store.count("rejects") == 1
    version = store.con.execute("select value from meta where key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)


def test_one_event_reported_by_two_documents_is_one_event_with_two_mentions(store):
    late = Document(id="late", text="a", date=date(2022, 1, 3), url="https://www.example.org/a")
    early = Document(id="early", text="b", date=date(2022, 1, 2), url="https://news.example.com/b")
    store.write(late, [_event("late", 4, target=UKR)])
    store.write(early, [_event("early", 1, target=UKR), _event("early", 2, target=UKR, cameo="111")])
    rows = store.con.execute("SELECT cameo, num_mentions, num_articles, num_sources, doc_id, doc_url, "
                             "target_name, is_root FROM events ORDER BY cameo").fetchall()
    # The representative report is the earliest document's, whatever the order of writing.
    # The report in sentence 1 (the lead) makes 111 a root event.
    assert rows == [("111", 1, 1, 1, "early", "https://news.example.com/b", "Ukraine", False),
                    ("190", 2, 2, 2, "early", "https://news.example.com/b", "Ukraine", True)]
    ids = store.con.execute("SELECT DISTINCT event_id FROM mentions WHERE cameo = '190'").fetchall()
    assert ids == store.con.execute("SELECT event_id FROM events WHERE cameo = '190'").fetchall()
    # Coding a document again replaces its reports, and the events follow.
    store.write(late, [])
    assert store.con.execute("SELECT num_mentions FROM events WHERE cameo = '190'").fetchone() == (1,)


def _event_of(store, mention_id):
    return store.con.execute("SELECT event_id FROM mentions WHERE mention_id = ?", [mention_id]).fetchone()[0]


def test_reports_within_a_day_with_the_same_root_and_actors_are_one_event_place_optional(store):
    kyiv, lviv = Location("Kyiv", country="UKR", geonameid=703448), Location("Lviv", country="UKR", geonameid=702550)
    country = Location("Ukraine", country="UKR", geonameid=690791)
    doc = Document(id="d", text="t")
    store.write(doc, [_event("d", 0, target=UKR, location=kyiv), _event("d", 1, target=UKR, day="2022-01-02"),
                      _event("d", 2, target=UKR, cameo="193", location=country),
                      _event("d", 3, target=UKR, location=lviv), _event("d", 4, target=UKR, day="2022-01-03"),
                      _event("d", 5), _event("d", 6, target=UKR, cameo="111")])
    same = {_event_of(store, f"d-{n}") for n in (0, 1, 2)}
    assert len(same) == 1   # a day apart, root 19, RUS -> UKR; no place, or the country's, joins Kyiv
    assert _event_of(store, "d-3") not in same   # Lviv is another place
    assert _event_of(store, "d-4") not in same   # two days after the first: the window is a day
    assert len({_event_of(store, f"d-{n}") for n in range(7)}) == 5


def test_the_events_do_not_depend_on_the_order_of_writing(tmp_path):
    reports = {"a": [_event("a", 0, target=UKR, day="2022-01-02")], "b": [_event("b", 0, target=UKR, day="2022-01-03")],
               "c": [_event("c", 0, target=UKR, day="2022-01-01")]}
    found = []
    for order in (["a", "b", "c"], ["c", "b", "a"]):
        store = open_store(tmp_path / f"{''.join(order)}.duckdb")
        for name in order:
            store.write(Document(id=name, text=name, date=date(2022, 1, 3)), reports[name])
        found.append(sorted(store.con.execute("SELECT mention_id, event_id FROM mentions").fetchall()))
        store.close()
    assert found[0] == found[1]
    ids = dict(found[0])
    assert ids["c-0"] == ids["a-0"] != ids["b-0"]   # windows from the earliest day: 1-2, then 3


def test_undated_reports_of_two_documents_stay_apart(store):
    for name in ("a", "b"):
        store.write(Document(id=name, text=name), [_event(name, 0, day=None, target=UKR)])
    assert store.count("events") == 2


def test_global_id_is_the_event_id_as_an_integer(store):
    store.write(Document(id="d", text="t"), [_event("d", 0)])
    event_id, global_id = store.con.execute("SELECT event_id, global_id FROM events").fetchone()
    assert global_id == int(event_id[:15], 16)


def test_rows_of_an_empty_batch_write_nothing(store):
    store.add(Rows.of([]))
    assert store.count("documents") == 0


def test_a_database_of_another_schema_version_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="schema version 1"):
        open_store(old_schema_db(tmp_path / "old.duckdb"))


def test_reading_a_missing_database_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError, match="dragoman ingest"):
        open_store(tmp_path / "none.duckdb", read_only=True)


def test_a_database_another_process_writes_is_refused_with_a_hint(store):
    code = ("import sys; from dragoman.store import open_store; from dragoman.errors import StoreError\n"
            "try:\n    open_store(sys.argv[1], read_only=True)\nexcept StoreError as exc:\n    print(exc)")
    out = subprocess.run([sys.executable, "-c", code, store.path], capture_output=True, text=True, check=True).stdout
    assert "one writer per database file" in out


def test_reports_of_unnamed_or_uncoded_perpetrators_are_not_one_event(tmp_path):
    """"Rebels killed two people", "Soldiers killed two people" (no country told) and "Two people
    were killed" (no source) the same day are three events, not one; a non-asserted event is
    refused whatever coded it."""
    from dataclasses import replace as _replace

    from dragoman.pipeline import Coder
    from dragoman.read.text import from_text

    coder = Coder.default(rules_only=True)
    store = open_store(tmp_path / "e.duckdb")
    texts = ["Rebels killed two people on Monday.", "Soldiers killed two people on Monday.",
             "Two people were killed on Monday."]
    coded = []
    for n, text in enumerate(texts):
        doc = _replace(from_text(text, "<test>", date(2019, 3, 5)), id=f"d{n}")
        events = coder.code(doc)
        coded += events
        store.write(doc, events)
    assert [e.source.text if e.source else None for e in coded] == ["Rebels", "Soldiers", None]
    assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    with pytest.raises(ConfigError, match="hypothetical event cannot be stored"):
        store.write(doc, [_replace(coded[0], factuality="hypothetical")])
    store.close()
