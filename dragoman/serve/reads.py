"""What the server reads from the store, as plain functions: a page of events, one event with
its reports and evidence, a document's text, series and dyads. Which events is `dragoman.query`'s
Filters, as for `export`; every value from a request is bound as a parameter, never written
into the SQL."""
from __future__ import annotations

import csv
import io
import json

from .. import query
from ..errors import BAD_REQUEST, UNKNOWN_ID, RequestError
from ..query import Filters
from ..query.tables import EVENT_ORDER, STORED_COLUMNS
from ..store import Store
from . import review

MAX_PAGE = 500
# The list's orders: by date as `dragoman.query` gives events, or the least sure first (the review queue).
ORDERS = {"date": EVENT_ORDER, "confidence": "confidence, event_id"}


def events(store: Store, filters: Filters, *, order: str = "date", unreviewed: bool = False,
           limit: int = 50, offset: int = 0) -> dict:
    """A page of the events the filters keep: {total, limit, offset, events}. Each event says how
    many of its reports were reviewed (`reviewed`); `unreviewed` keeps the events none of whose
    reports has a verdict."""
    if order not in ORDERS:
        raise RequestError(f"order {order!r} is not one of {', '.join(ORDERS)}", code=BAD_REQUEST)
    where, params = filters.where()
    if unreviewed:
        where = f"({where}) AND NOT EXISTS ({_REVIEWS_OF_E})"
    total = next(store.records(f"SELECT count(*) AS n FROM events e WHERE {where}", params=params))["n"]
    # The page first, then the verdicts on its events' reports: no grouping of the whole store.
    rows = list(store.records(f"SELECT {STORED_COLUMNS} FROM events e WHERE {where} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
                              params=[*params, limit, offset]))
    counts = _reviewed(store, [row["event_id"] for row in rows])
    rows = [{**row, "reviewed": counts.get(row["event_id"], 0)} for row in rows]
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


# The verdicts on the reports of event `e`.
_REVIEWS_OF_E = "SELECT 1 FROM mentions m JOIN reviews r USING (mention_id) WHERE m.event_id = e.event_id"


def _reviewed(store: Store, event_ids: list[str]) -> dict[str, int]:
    """How many reports of each of these events have a verdict (events with none are left out)."""
    if not event_ids:
        return {}
    rows = store.records("SELECT m.event_id, count(*) AS n FROM mentions m JOIN reviews r USING (mention_id) "
                         "WHERE m.event_id IN (SELECT unnest(?)) GROUP BY m.event_id", params=[event_ids])
    return {row["event_id"]: row["n"] for row in rows}


def event(store: Store, event_id: str) -> dict:
    """One event with every report of it: the record `dragoman code` printed (evidence included),
    where its spans are in its document's text, and its verdict if it has one."""
    rows = list(store.records(f"SELECT {STORED_COLUMNS} FROM events WHERE event_id = ?", params=[event_id]))
    if not rows:
        raise RequestError(f"no event {event_id!r}", code=UNKNOWN_ID, status=404)
    mentions = []
    for row in review.reports(store, "m.event_id = ?", [event_id]):
        m = review.of_row(row)
        mentions.append({"mention_id": m.mention_id, "doc_id": m.doc_id, "title": row["title"], "url": row["url"],
                         "doc_date": row["doc_date"], "record": m.record, "spans": review.spans(m),
                         "verdict": row["verdict"],
                         "annotation": json.loads(row["annotation"]) if row["annotation"] else None})
    return {"event": rows[0], "mentions": mentions}


def document(store: Store, doc_id: str) -> dict:
    """A stored document: what is known of it, and its text as the coder read it (null if not stored)."""
    rows = list(store.records("SELECT d.*, t.text FROM documents d LEFT JOIN texts t USING (doc_id) WHERE doc_id = ?",
                              params=[doc_id]))
    if not rows:
        raise RequestError(f"no document {doc_id!r}", code=UNKNOWN_ID, status=404)
    return {**rows[0], "text": review.article(rows[0]["title"], rows[0]["text"])}


def dyads(store: Store, period: str, filters: Filters) -> dict:
    """Events and Goldstein sums per dyad and period (`dragoman.query.dyads`), and the events that
    could not be placed (no target, a coarser date, no date)."""
    found = query.dyads(store, period, filters)
    return {"period": period, "filters": filters.to_dict(), "no_target": found.no_target, "coarser": found.coarser,
            "undated": found.undated, "dyads": [vars(d) for d in found.rows]}


def series(store: Store, by: str, period: str, filters: Filters) -> dict:
    """Counts and Goldstein sums per key and period on a real calendar (`dragoman.query.series`)."""
    return query.series(store, by, period, filters).to_dict()


def as_csv(rows: list[dict]) -> str:
    """Rows as CSV with a header (the columns of the first row; none for no rows)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
