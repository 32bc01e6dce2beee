"""What the server reads from the store, as plain functions: a page of events, one event with
its reports and evidence, a document's text, dyads. Every value from a request is bound as a
parameter, never written into the SQL."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..errors import BAD_REQUEST, UNKNOWN_ID, RequestError
from ..store import Store
from ..store import dyads as dyadmod
from . import review

MAX_PAGE = 500
ORDERS = {"date": "e.date DESC NULLS LAST, e.event_id", "confidence": "e.confidence ASC, e.event_id"}


@dataclass(frozen=True)
class EventFilters:
    """The filters of `export`, as the page and the API give them."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    actor: str | None = None
    plover: str | None = None
    cameo: str | None = None
    quad: int | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[str, list]:
        """The SQL condition and its parameters."""
        parts, params = ["TRUE"], []

        def add(sql: str, *values) -> None:
            parts.append(sql)
            params.extend(values)

        if self.since:
            add("e.date >= ?", self.since)
        if self.until:
            # A date of coarser precision (2022-01) is within a range that reaches into it.
            add("left(e.date, length(?)) <= ?", self.until, self.until)
        if self.country:
            add("(e.source_country = ? OR e.target_country = ?)", self.country.upper(), self.country.upper())
        if self.source_country:
            add("e.source_country = ?", self.source_country.upper())
        if self.target_country:
            add("e.target_country = ?", self.target_country.upper())
        if self.actor:
            add("(e.source_code = ? OR e.target_code = ?)", self.actor.upper(), self.actor.upper())
        if self.plover:
            add("e.plover = ?", self.plover.upper())
        if self.cameo:
            add("starts_with(e.cameo, ?)", self.cameo)
        if self.quad is not None:
            add("e.quad_class = ?", self.quad)
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        return " AND ".join(parts), params


def events(store: Store, filters: EventFilters, *, order: str = "date", unreviewed: bool = False,
           limit: int = 50, offset: int = 0) -> dict:
    """A page of events: {total, limit, offset, events}. Each event says how many of its reports
    were reviewed (`reviewed`). `unreviewed` keeps the events none of whose reports has a verdict;
    `order=confidence` puts the ones the coder is least sure of first."""
    if order not in ORDERS:
        raise RequestError(f"order {order!r} is not one of {', '.join(ORDERS)}", code=BAD_REQUEST)
    where, params = filters.where()
    if unreviewed:
        where += " AND coalesce(r.reviewed, 0) = 0"
    base = f"""FROM events e LEFT JOIN (SELECT event_id, count(*) AS reviewed FROM reviews GROUP BY event_id) r
               USING (event_id) WHERE {where}"""
    total = next(store.records(f"SELECT count(*) AS n {base}", params=params))["n"]
    rows = list(store.records(f"SELECT e.*, coalesce(r.reviewed, 0) AS reviewed {base} ORDER BY {ORDERS[order]} "
                              "LIMIT ? OFFSET ?", params=[*params, limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


def event(store: Store, event_id: str) -> dict:
    """One event with every report of it: the record `dragoman code` printed (evidence included),
    where its spans are in its document's text, and its verdict if it has one."""
    rows = list(store.records("SELECT * FROM events WHERE event_id = ?", params=[event_id]))
    if not rows:
        raise RequestError(f"no event {event_id!r}", code=UNKNOWN_ID, status=404)
    query = """SELECT m.mention_id, m.event_id, m.doc_id, m.record, d.date AS doc_date, d.title, d.url, t.text,
                      r.verdict, r.annotation
               FROM mentions m JOIN documents d USING (doc_id) LEFT JOIN texts t USING (doc_id)
               LEFT JOIN reviews r USING (mention_id)
               WHERE m.event_id = ? ORDER BY d.date NULLS LAST, m.doc_id, m.sentence_id, m.mention_id"""
    mentions = []
    for row in store.records(query, params=[event_id]):
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


def dyads(store: Store, period: str) -> dict:
    rows, left_out = dyadmod.dyads(store, period)
    return {"period": period, "left_out": left_out, "dyads": [vars(d) for d in rows]}


def as_csv(rows: list[dict]) -> str:
    """Rows as CSV with a header (the columns of the first row; none for no rows)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
