from datetime import date

from dragoman.record import Actor, Document, Event, Evidence, Reject
from dragoman.store import SCHEMA_VERSION, open_store


def _event(doc_id, n):
    return Event(event_id=f"{doc_id}-{n}", doc_id=doc_id, sentence_id=n, sentence="s", date="2022-01-01",
                 source=Actor("Russia", country="RUS", code="RUS"), target=None, cameo="190", plover="ASSAULT",
                 plover_mode=None, plover_context=(), goldstein=-10.0, quad_class=4,
                 evidence=Evidence("attack", (0, 6), "190/attack > obj"), confidence=0.5)


def test_write_is_idempotent_per_document(tmp_path):
    store = open_store(tmp_path / "x.duckdb")
    doc = Document(id="d1", text="t", date=date(2022, 1, 1))
    store.write(doc, [_event("d1", 0), _event("d1", 1)])
    store.write(doc, [_event("d1", 0)])
    assert store.count("documents") == 1 and store.count("events") == 1
    store.reject(Reject("bad.txt", "empty", "E101"))
    assert store.count("rejects") == 1
    version = store.con.execute("select value from meta where key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)
    store.close()
