"""The DuckDB store: documents, events, mentions and rejected inputs, with a schema version.

Like GDELT's Events and Mentions tables, one event reported by several documents is one row
in `events`, with one row per report in `mentions` (the sentence, trigger and pattern that
gave it). `events` is derived: every write recomputes the events its mentions touch, in the
same transaction, so the two tables always agree.

One writer per database file. A write is one transaction holding whole documents, so a run
that is killed leaves whole documents only, and writing a document again replaces it.

The database is a local file (never `:memory:`, which would keep nothing, nor a URL), and DuckDB
is not allowed to install or load extensions: it never goes to the network. Every DuckDB error
(a lock held, a damaged file, a full disk) becomes a one-line StoreError naming the file.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from .. import fs, settings
from ..errors import CONFLICT, ConfigError, StoreError
from ..output import FLAT, LOCATION_COLUMNS
from ..record import OUTPUT, Document, Event, Reject, content_id
from . import dedup

SCHEMA_VERSION = 3
# Columns of the flat layout the store does not keep but reads from others: a stored event is
# asserted, or planned when it is future (the store refuses the others, see open_store).
DERIVED = {"factuality": "CASE WHEN {0}future THEN 'planned' ELSE 'asserted' END"}


def derived(alias: str = "") -> dict[str, str]:
    """The SQL of each derived column, on the table of `alias` ("m." for the mentions)."""
    return {name: sql.format(alias) for name, sql in DERIVED.items()}

_DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("content_id", pa.string()), ("origin", pa.string()), ("date", pa.date32()),
    ("title", pa.string()), ("url", pa.string()), ("site", pa.string()), ("format", pa.string()),
    ("chars", pa.int64()), ("n_events", pa.int32()), ("coded_at", pa.timestamp("us")),
])
# A document's text, as read, goes to its own table (the review page shows it): not in `documents`,
# which stays as earlier versions wrote it.
_DOCUMENT_ROWS = _DOCUMENTS.append(pa.field("text", pa.string()))

_ACTOR = ("code", "name", "country", "sector", "text", "start", "end", "found")

# One row per report. `event_id` is the stored event it is a report of (assigned by `dedup`);
# `group_id` the reports that may be of one event (same CAMEO root and actors), `place` the
# report's own place when it names one more precise than a country.
_MENTIONS = pa.schema([
    ("mention_id", pa.string()), ("event_id", pa.string()), ("group_id", pa.string()), ("place", pa.string()),
    ("doc_id", pa.string()), ("sentence_id", pa.int32()), ("sentence", pa.string()), ("segment", pa.string()),
    ("date", pa.string()), ("date_precision", pa.string()), ("future", pa.bool_()), ("background", pa.bool_()),
    ("negated", pa.bool_()),
    *[(f"{role}_{part}", pa.int32() if part in ("start", "end") else pa.string())
      for role in ("source", "target") for part in _ACTOR],
    ("cameo", pa.string()), ("plover", pa.string()), ("plover_mode", pa.string()), ("plover_context", pa.string()),
    ("goldstein", pa.float64()), ("quad_class", pa.int32()),
    ("location_name", pa.string()), ("location_country", pa.string()), ("location_admin1", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()),
    ("trigger", pa.string()), ("trigger_start", pa.int32()), ("trigger_end", pa.int32()),
    ("pattern", pa.string()), ("source_rule", pa.string()), ("target_rule", pa.string()), ("decided", pa.string()),
    ("confidence", pa.float64()), ("record", pa.string()),
])

_SQL_TYPES = {pa.string(): "VARCHAR", pa.date32(): "DATE", pa.int64(): "BIGINT", pa.int32(): "INTEGER",
              pa.timestamp("us"): "TIMESTAMP", pa.bool_(): "BOOLEAN", pa.float64(): "DOUBLE"}
_FLAT_SQL = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}


def _columns(schema: pa.Schema, key: str) -> str:
    return ", ".join(f"{f.name} {_SQL_TYPES[f.type]}{' PRIMARY KEY' if f.name == key else ''}" for f in schema)


def _flat_columns() -> str:
    """The events table: the flat row layout (output.FLAT), then what the store adds."""
    return ", ".join(f"{name} {_FLAT_SQL[kind]}{' PRIMARY KEY' if name == 'event_id' else ''}"
                     for name, kind in FLAT if name not in DERIVED)


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents ({_columns(_DOCUMENTS, "doc_id")});
CREATE TABLE IF NOT EXISTS mentions ({_columns(_MENTIONS, "mention_id")});
CREATE TABLE IF NOT EXISTS events ({_flat_columns()},
    group_id VARCHAR, global_id BIGINT, news BOOLEAN, is_root BOOLEAN, added TIMESTAMP);
CREATE TABLE IF NOT EXISTS rejects (
    origin VARCHAR PRIMARY KEY, reason VARCHAR, code VARCHAR, doc_id VARCHAR, seen_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS texts (doc_id VARCHAR PRIMARY KEY, text VARCHAR);
CREATE TABLE IF NOT EXISTS reviews (
    mention_id VARCHAR PRIMARY KEY, event_id VARCHAR, doc_id VARCHAR, verdict VARCHAR,
    annotation VARCHAR, reviewed_at TIMESTAMP);
"""

# The first day of a YYYY-MM-DD, YYYY-MM or YYYY date, as a DATE (as output.first_day).
DAY_SQL = ("CAST(CASE length({0}) WHEN 4 THEN {0} || '-01-01' WHEN 7 THEN {0} || '-01' ELSE {0} END AS DATE)")

# The events of the touched groups, rebuilt from all their mentions. The representative report
# (names, sentence, place, provenance) is the earliest document's first sentence, so the result
# does not depend on the order documents were ingested in. A report in the title or the lead
# sentence (sentence 0 or 1) makes the event a root event, as GDELT's lead paragraph does.
# Documents of unknown site count as one source. An event is planned (future) or background only
# when all its reports say so, and news when one of its reports is.
_REBUILD_EVENTS = f"""
INSERT INTO events BY NAME
WITH m AS (
    SELECT m.*, d.date AS doc_date, d.url, d.origin, d.site, d.title, d.coded_at
    FROM mentions m JOIN documents d USING (doc_id)
    WHERE m.group_id IN (SELECT group_id FROM touched)),
first AS (
    SELECT * FROM m
    QUALIFY row_number() OVER (PARTITION BY event_id
                               ORDER BY doc_date NULLS LAST, doc_id, sentence_id, mention_id) = 1),
counts AS (
    SELECT event_id, count(*) AS num_mentions, count(DISTINCT doc_id) AS num_articles,
           count(DISTINCT coalesce(site, '')) AS num_sources, max(confidence) AS confidence,
           bool_and(future) AS future, bool_and(background) AS background,
           bool_or(NOT future AND NOT background) AS news,
           bool_or(sentence_id <= 1) AS is_root, min(coded_at) AS added
    FROM m GROUP BY event_id)
SELECT f.event_id, f.event_id AS dedup_id, f.doc_id, f.sentence_id, f.segment,
       {DAY_SQL.format("f.date")} AS day, f.date, f.date_precision, c.future, c.background,
       f.source_text, f.source_name, f.source_code, f.source_country, f.source_sector, f.source_found,
       f.cameo, left(f.cameo, 2) AS cameo_root, f.plover, f.plover_mode, f.plover_context, f.goldstein, f.quad_class,
       f.target_text, f.target_name, f.target_code, f.target_country, f.target_sector, f.target_found,
       f.location_name, f.location_country, f.location_admin1, f.lat, f.lon, f.geonameid,
       c.confidence, f.decided, f.trigger, f.pattern, f.sentence,
       c.num_mentions, c.num_articles, c.num_sources,
       f.site AS doc_source, f.url AS doc_url, f.title AS doc_title, f.doc_date, f.origin AS doc_origin,
       f.group_id, CAST(('0x' || left(f.event_id, 15)) AS BIGINT) AS global_id, c.news, c.is_root, c.added
FROM first f JOIN counts c USING (event_id)
"""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def document_row(doc: Document, n_events: int) -> dict:
    return {"doc_id": doc.id, "content_id": content_id(doc.text), "origin": doc.origin, "date": doc.date,
            "title": doc.title, "url": doc.url, "site": doc.publisher(), "format": doc.format,
            "chars": len(doc.text), "n_events": n_events, "coded_at": _now(), "text": doc.text}


def mention_row(e: Event) -> dict:
    if e.factuality not in OUTPUT:
        # Whatever set the coder up (a cached coder, a remote worker's settings), the store keeps
        # what happened or is planned.
        raise ConfigError(f"{e.doc_id}: a {e.factuality} event cannot be stored: a database keeps the events "
                          "asserted or planned", hint="code with --factuality all without --db")
    row = {"mention_id": e.event_id, "event_id": None, "group_id": dedup.group_of(e), "place": dedup.place_of(e),
           "doc_id": e.doc_id, "sentence_id": e.sentence_id, "sentence": e.sentence, "segment": e.segment,
           "date": e.date, "date_precision": e.date_precision, "future": e.future, "background": e.background,
           "negated": e.negated, "cameo": e.cameo, "plover": e.plover, "plover_mode": e.plover_mode,
           "plover_context": ";".join(e.plover_context), "goldstein": e.goldstein, "quad_class": e.quad_class,
           "trigger": e.evidence.trigger, "trigger_start": e.evidence.trigger_span[0],
           "trigger_end": e.evidence.trigger_span[1], "pattern": e.evidence.pattern,
           "source_rule": e.evidence.source_rule, "target_rule": e.evidence.target_rule,
           "decided": e.evidence.decided, "confidence": e.confidence,
           "record": json.dumps(e.to_dict(), ensure_ascii=False)}
    for role, actor in (("source", e.source), ("target", e.target)):
        for part in _ACTOR:
            row[f"{role}_{part}"] = getattr(actor, "how" if part == "found" else part) if actor else None
    for column, part in LOCATION_COLUMNS:
        row[column] = getattr(e.location, part) if e.location else None
    return row


@dataclass(frozen=True)
class Rows:
    """Coded documents as table rows: what a batch, a worker or a Parquet partition hands the store."""

    documents: pa.Table
    mentions: pa.Table

    @classmethod
    def of(cls, coded: Iterable[tuple[Document, list[Event]]]) -> "Rows":
        docs, mentions = [], []
        for doc, events in coded:
            docs.append(document_row(doc, len(events)))
            mentions.extend(mention_row(e) for e in events)
        return cls(pa.Table.from_pylist(docs, schema=_DOCUMENT_ROWS), pa.Table.from_pylist(mentions, schema=_MENTIONS))

    @classmethod
    def concat(cls, parts: Iterable["Rows"]) -> "Rows":
        parts = list(parts)
        return cls(pa.concat_tables([p.documents for p in parts]) if parts
                   else _DOCUMENT_ROWS.empty_table(),
                   pa.concat_tables([p.mentions for p in parts]) if parts else _MENTIONS.empty_table())

    def __len__(self) -> int:
        return self.documents.num_rows


@dataclass
class Store:
    path: str
    con: duckdb.DuckDBPyConnection

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """DuckDB's errors inside the block as a StoreError naming this database."""
        try:
            yield
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from None

    def known(self, doc_ids: list[str], content_ids: list[str]) -> dict[str, tuple[str, str]]:
        """The stored documents with one of these ids or texts: {doc_id: (content_id, origin)}."""
        with self.guarded():
            rows = self.con.execute(
                "SELECT doc_id, content_id, origin FROM documents WHERE doc_id IN (SELECT unnest(?)) "
                "OR content_id IN (SELECT unnest(?))", [doc_ids, content_ids]).fetchall()
        return {doc_id: (text_id, origin) for doc_id, text_id, origin in rows}

    def conflict(self, doc: Document) -> Reject | None:
        """The Reject of a document whose id is stored with another text, else None."""
        with self.guarded():
            rows = self.con.execute("SELECT content_id, origin FROM documents WHERE doc_id = ?", [doc.id]).fetchall()
        return conflict(doc, *rows[0]) if rows and rows[0][0] != content_id(doc.text) else None

    def refuse_as_output(self, out: str | Path) -> None:
        """No output (an export, a plot) is written over the database it comes from."""
        if os.path.realpath(out) == os.path.realpath(self.path):
            raise ConfigError(f"the output {out} is the database itself", hint="write it to another file")

    def write(self, doc: Document, events: Iterable[Event]) -> None:
        """Store one coded document, replacing any earlier coding of it."""
        self.add(Rows.of([(doc, list(events))]))

    def add(self, rows: Rows) -> None:
        """Store coded documents in one transaction: each replaces any earlier coding of itself,
        and the events their mentions belong to are rebuilt."""
        if not len(rows):
            return
        con = self.con
        with self.guarded():
            con.register("new_documents", rows.documents)
            con.register("new_mentions", rows.mentions)
            try:
                self._add(con)
            finally:
                con.unregister("new_documents")
                con.unregister("new_mentions")

    @staticmethod
    def _add(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("BEGIN TRANSACTION")
        try:
            # The groups of reports (dedup.group_of) the write touches: their events are assigned
            # and rebuilt again from all their reports.
            con.execute("CREATE OR REPLACE TEMP TABLE touched AS "
                        "SELECT group_id FROM mentions WHERE doc_id IN (SELECT doc_id FROM new_documents) "
                        "UNION SELECT group_id FROM new_mentions")
            con.execute("DELETE FROM mentions WHERE doc_id IN (SELECT doc_id FROM new_documents)")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM new_documents)")
            con.execute("DELETE FROM texts WHERE doc_id IN (SELECT doc_id FROM new_documents)")
            con.execute("INSERT INTO documents BY NAME SELECT * EXCLUDE (text) FROM new_documents")
            con.execute("INSERT INTO texts BY NAME SELECT doc_id, text FROM new_documents")
            con.execute("INSERT INTO mentions BY NAME SELECT * FROM new_mentions")
            _assign_events(con)
            con.execute("DELETE FROM events WHERE group_id IN (SELECT group_id FROM touched)")
            con.execute(_REBUILD_EVENTS)
            con.execute("COMMIT")
        except Exception:
            # A failed COMMIT (a full disk) has ended the transaction already: the error to
            # report is the first one, not that there is nothing left to roll back.
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise

    def reject(self, reject: Reject) -> None:
        """Record a rejected input; the same input rejected again replaces its earlier line."""
        with self.guarded():
            self.con.execute("INSERT OR REPLACE INTO rejects VALUES (?, ?, ?, ?, ?)",
                             [reject.origin, reject.reason, reject.code, reject.doc_id, _now()])

    def records(self, query: str, params: list | None = None, size: int = 2000) -> Iterator[dict]:
        """The rows of a query (its parameters bound) as {column: value}, fetched `size` at a time."""
        with self.guarded():
            cursor = self.con.cursor().execute(query, params or [])
            names = [d[0] for d in cursor.description]
            while batch := cursor.fetchmany(size):
                for values in batch:
                    yield dict(zip(names, values))

    def has_table(self, name: str) -> bool:
        """Whether the database holds this table (a file written by an earlier version may lack one)."""
        with self.guarded():
            return self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                                    [name]).fetchone()[0] > 0

    def count(self, table: str) -> int:
        if table not in ("documents", "events", "mentions", "rejects", "texts", "reviews"):
            raise ValueError(table)
        with self.guarded():
            return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        with self.guarded():
            self.con.close()


def _assign_events(con: duckdb.DuckDBPyConnection) -> None:
    """Every report of the touched groups gets the id of the event it is a report of."""
    reports = [dedup.Report(*row) for row in con.execute(
        "SELECT m.mention_id, m.group_id, m.date, m.place, d.date, m.doc_id, m.sentence_id "
        "FROM mentions m JOIN documents d USING (doc_id) WHERE m.group_id IN (SELECT group_id FROM touched)"
    ).fetchall()]
    found = dedup.assign(reports)
    assigned = pa.table({"mention_id": list(found), "event_id": list(found.values())},
                        schema=pa.schema([("mention_id", pa.string()), ("event_id", pa.string())]))
    con.register("assigned", assigned)
    try:
        con.execute("UPDATE mentions SET event_id = a.event_id FROM assigned a WHERE mentions.mention_id = a.mention_id")
    finally:
        con.unregister("assigned")


def conflict(doc: Document, text_id: str, origin: str) -> Reject:
    """A document whose id is already taken by another text: rejected, never stored over it."""
    return Reject(doc.origin, f"id '{doc.id}' is already stored with another text (from {origin}); "
                              "give this document its own id", CONFLICT, doc.id)


# DuckDB keeps extensions off the network: none is installed or loaded on demand (a path such
# as s3://... or md:... would otherwise fetch one), and no query can change that.
_OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
            "allow_community_extensions": False, "lock_configuration": True}


def store_error(path: str, exc: Exception) -> StoreError:
    """A DuckDB error as one line, with the hint that fits it."""
    reason = " ".join(str(exc).split())
    lowered = reason.lower()
    if "lock" in lowered and "conflicting" in lowered:
        hint = "another dragoman is using it: one writer per database file"
    elif "corrupt" in lowered or "checksum" in lowered:
        hint = "the file is damaged: restore it from a copy, or ingest into a new file"
    elif "no space" in lowered or "too large" in lowered:
        hint = "free some space; what was committed is kept, and the same command started again resumes"
    else:
        hint = None
    return StoreError(path, reason, hint=hint)


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (or create) a store. A file of another schema version is refused, not altered."""
    path = fs.local_path(path, "database")
    if not read_only and settings.get("FACTUALITY") != "output":
        # A store's events are what happened or is planned: every count, series and map reads them so.
        raise ConfigError("a database keeps the events asserted or planned, not those coded with --factuality all",
                          hint="code with --factuality all without --db, or unset DRAGOMAN_FACTUALITY")
    if read_only and not Path(path).exists():
        raise ConfigError(f"no database at {path}", hint="create it with `dragoman ingest PATH... --db FILE`")
    try:
        if not read_only:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(path, read_only=read_only, config=_OFFLINE)
    except (duckdb.Error, OSError) as exc:
        raise store_error(path, exc) from None
    store = Store(path, con)
    try:
        with store.guarded():
            _check_version(store)
            if not read_only:
                con.execute(_SCHEMA)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    except BaseException:
        with suppress(duckdb.Error):
            con.close()
        raise
    return store


def _check_version(store: Store) -> None:
    if not store.has_table("meta"):
        return
    row = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row and row[0] != str(SCHEMA_VERSION):
        raise ConfigError(f"{store.path} has schema version {row[0]}; this dragoman reads and writes version "
                          f"{SCHEMA_VERSION}", hint="ingest into a new database file")
