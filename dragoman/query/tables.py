"""Stored events and their reports as rows of the one flat layout (`output.FLAT`), filtered.

Each function takes an open store and a Filters and returns Arrow data (typed columns; codes are
strings): `.to_pylist()` gives plain dicts, `.to_pandas()` a DataFrame.
"""
from __future__ import annotations

import pyarrow as pa

from ..output import FLAT
from ..store.db import DAY_SQL, Store, derived
from .filters import Filters

_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
# The Arrow schema of a flat row; whole numbers as int64, as pandas and Parquet readers expect.
SCHEMA = pa.schema([(name, _ARROW[kind]) for name, kind in FLAT])

TABLES = ("events", "mentions")
# The order of flat rows: events by date (undated last), reports as they stand in their documents.
EVENT_ORDER = "day NULLS LAST, date, event_id"


def mention_order(alias: str = "") -> str:
    return f"{alias}doc_id, {alias}sentence_id, {alias}mention_id"


def kept_mentions(where: str, alias: str = "") -> str:
    """The SQL condition of the reports of the events a filter's WHERE clause keeps."""
    return f"{alias}event_id IN (SELECT event_id FROM events WHERE {where})"

_DERIVED = derived()
_EVENT_COLUMNS = ", ".join(f"{_DERIVED[name]} AS {name}" if name in _DERIVED else name for name, _ in FLAT)
# Every column of a stored event, and those the flat layout derives from them (factuality).
STORED_COLUMNS = ", ".join(["*", *(f"{sql} AS {name}" for name, sql in _DERIVED.items())])

# A stored report in the flat layout: its own id, the event it is a report of, and its document.
_MENTION_COLUMNS = {
    "event_id": "m.mention_id", "dedup_id": "m.event_id", "day": DAY_SQL.format("m.date"),
    "cameo_root": "left(m.cameo, 2)", "num_mentions": "1", "num_articles": "1", "num_sources": "1",
    "doc_source": "d.site", "doc_url": "d.url", "doc_title": "d.title", "doc_date": "d.date", "doc_origin": "d.origin",
    **derived("m."),
}
_MENTION_SELECT = ", ".join(f"{_MENTION_COLUMNS.get(name, 'm.' + name)} AS {name}" for name, _ in FLAT)


def select(filters: Filters, table: str = "events") -> tuple[str, list]:
    """The SQL query of the flat rows of `table` (the events, or every report of them) that the
    filters keep, in order (by date, undated last), and its parameters."""
    if table not in TABLES:
        raise ValueError(table)
    where, params = filters.where()
    if table == "events":
        return f"SELECT {_EVENT_COLUMNS} FROM events WHERE {where} ORDER BY {EVENT_ORDER}", params
    return (f"SELECT {_MENTION_SELECT} FROM mentions m JOIN documents d USING (doc_id) "
            f"WHERE {kept_mentions(where, 'm.')} ORDER BY {mention_order('m.')}"), params


def event_batches(store: Store, filters: Filters = Filters(), table: str = "events",
                  size: int = 10_000) -> pa.RecordBatchReader:
    """The flat rows, `size` at a time (for exports of any size)."""
    sql, params = select(filters, table)
    return pa.RecordBatchReader.from_batches(SCHEMA, _batches(store, sql, params, size))


def _batches(store: Store, sql: str, params: list, size: int):
    with store.guarded():
        cursor = store.con.cursor()   # its own result: the store's other queries may run meanwhile
        try:
            for batch in cursor.sql(sql, params=params).to_arrow_reader(size):
                yield batch.cast(SCHEMA)
        finally:
            cursor.close()


def events(store: Store, filters: Filters = Filters(), *, limit: int | None = None, offset: int = 0) -> pa.Table:
    """The stored events the filters keep, one flat row each (`limit` rows from `offset`)."""
    return _rows(store, filters, "events", limit, offset)


def mentions(store: Store, filters: Filters = Filters(), *, limit: int | None = None, offset: int = 0) -> pa.Table:
    """Every report of the events the filters keep, one flat row each (`event_id` is the report's
    own id, `dedup_id` its event's)."""
    return _rows(store, filters, "mentions", limit, offset)


def _rows(store: Store, filters: Filters, table: str, limit: int | None, offset: int) -> pa.Table:
    sql, params = select(filters, table)
    if limit is not None:
        sql, params = sql + " LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]
    with store.guarded():
        cursor = store.con.cursor()
        try:
            return cursor.sql(sql, params=params).to_arrow_table().cast(SCHEMA)
        finally:
            cursor.close()


def count(store: Store, filters: Filters = Filters()) -> int:
    """How many stored events the filters keep."""
    where, params = filters.where()
    with store.guarded():
        return store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
