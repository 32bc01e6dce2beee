"""DuckDB schema and writes. One writer per database file; every document is written in one
transaction (its events replace any earlier coding of the same document), so a run that is
killed leaves whole documents only, and coding the same input again adds nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ..record import Document, Event, Reject

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, origin VARCHAR, date DATE, title VARCHAR, url VARCHAR,
    format VARCHAR, n_events INTEGER, coded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, sentence_id INTEGER, date VARCHAR,
    date_precision VARCHAR, future BOOLEAN,
    source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_text VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_text VARCHAR,
    cameo VARCHAR, plover VARCHAR, plover_mode VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    confidence DOUBLE, sentence VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS rejects (
    origin VARCHAR, reason VARCHAR, code VARCHAR, seen_at TIMESTAMP);
"""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _event_row(e: Event) -> tuple:
    s, t, loc = e.source, e.target, e.location
    return (e.event_id, e.doc_id, e.sentence_id, e.date, e.date_precision, e.future,
            s.code if s else None, s.country if s else None, s.sector if s else None, s.text if s else None,
            t.code if t else None, t.country if t else None, t.sector if t else None, t.text if t else None,
            e.cameo, e.plover, e.plover_mode, e.goldstein, e.quad_class,
            loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, e.confidence, e.sentence, json.dumps(e.to_dict(), ensure_ascii=False))


@dataclass
class Store:
    path: str
    con: duckdb.DuckDBPyConnection

    def has(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is not None

    def write(self, doc: Document, events: Iterable[Event]) -> None:
        events = list(events)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events WHERE doc_id = ?", [doc.id])
            self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc.id])
            self.con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [doc.id, doc.origin, doc.date, doc.title, doc.url, doc.format, len(events), _now()])
            if events:
                self.con.executemany(f"INSERT OR REPLACE INTO events VALUES ({', '.join('?' * 26)})",
                                     [_event_row(e) for e in events])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def reject(self, reject: Reject) -> None:
        self.con.execute("INSERT INTO rejects VALUES (?, ?, ?, ?)", [reject.origin, reject.reason, reject.code, _now()])

    def count(self, table: str) -> int:
        if table not in ("documents", "events", "rejects"):
            raise ValueError(table)
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.con.close()


def open_store(path: str | Path) -> Store:
    path = str(path)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(path)
    con.execute(_SCHEMA)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    return Store(path, con)
