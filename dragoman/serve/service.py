"""What the server does, as plain functions over one open store: the HTTP layer (app.py) only
reads requests and writes responses.

One writer: the server holds the database's only read-write connection. Writes (documents,
verdicts) take turns on it under one lock; reads run side by side, each on a cursor of its own
(DuckDB reads what was committed, whatever a write is doing). The coder is one per process and
codes one request at a time. A request that waits longer than the server's time limit for either
is refused as busy (E805) rather than left hanging.
"""
from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from .. import engines
from ..errors import BUSY, UNAUTHORIZED, RequestError
from ..record import Document, Event, Reject
from ..store import Store, open_store
from ..store.db import Rows
from ..store.ingest import Report, ingest_documents
from . import inputs, review

# Limits of a request: its body, and the time it may take (the server's defaults).
MAX_BODY = 5_000_000
TIMEOUT = 60.0


@dataclass
class Service:
    store: Store                        # the only read-write connection to the database
    token: str                          # writes (and reads, when `protect_reads`) need it
    protect_reads: bool = False
    timeout: float = TIMEOUT
    max_body: int = MAX_BODY
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    code_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, db: str, token: str | None = None, **options) -> "Service":
        """A service over the database at `db` (created if missing); without a token, one is made."""
        return cls(open_store(db), token or new_token(), **options)

    def close(self) -> None:
        self.store.close()

    # ------------------------------------------------------------ access

    def allows(self, token: str | None, write: bool) -> bool:
        if not write and not self.protect_reads:
            return True
        return token is not None and secrets.compare_digest(token.encode(), self.token.encode())

    def check(self, token: str | None, write: bool) -> None:
        if not self.allows(token, write):
            raise RequestError("this request needs the server's token" if token is None else "wrong token",
                               code=UNAUTHORIZED, status=401,
                               hint="send it as 'Authorization: Bearer TOKEN' (dragoman serve --token, or DRAGOMAN_TOKEN)")

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The store on a cursor of this request's own."""
        with self.store.guarded():
            cursor = self.store.con.cursor()
        try:
            yield Store(self.store.path, cursor)
        finally:
            cursor.close()

    @contextmanager
    def turn(self, lock: threading.Lock, what: str) -> Iterator[None]:
        if not lock.acquire(timeout=self.timeout):
            raise RequestError(f"the {what} stayed busy for {self.timeout:g} s", code=BUSY, status=503,
                               hint="try again in a moment")
        try:
            yield
        finally:
            lock.release()

    # ------------------------------------------------------------ work

    def code(self, body: bytes, content_type: str | None, day: date | None) -> tuple[list[Event], list[Reject]]:
        """The events of the documents of a request body, as `dragoman code` gives them; nothing stored."""
        items = inputs.documents(body, content_type, day)
        docs = [item for item in items if isinstance(item, Document)]
        with self.turn(self.code_lock, "coder"):
            coded = list(engines.coder().code_many(docs))
        return [e for _, events in coded for e in events], [item for item in items if isinstance(item, Reject)]

    def add_documents(self, body: bytes, content_type: str | None, day: date | None) -> tuple[list[str], Report]:
        """Ingest the documents of a request body, as `dragoman ingest` does: what is stored already is
        skipped. Returns the ids of the documents read and what was done."""
        items = inputs.documents(body, content_type, day)
        return [d.id for d in items if isinstance(d, Document)], self.ingest(items)

    def ingest(self, items: list[Document | Reject]) -> Report:
        with self.turn(self.write_lock, "database"):
            return ingest_documents(self.store, items, _Coding(self))

    def record_verdict(self, mention_id: str, verdict: dict) -> dict:
        with self.turn(self.write_lock, "database"):
            return review.record_verdict(self.store, mention_id, verdict)


class _Coding:
    """An engine for `ingest_documents`: this process's coder, one request at a time."""

    def __init__(self, service: Service):
        self.service = service

    def submit(self, docs: list[Document]):
        return lambda: self._rows(docs)

    def _rows(self, docs: list[Document]) -> Rows:
        with self.service.turn(self.service.code_lock, "coder"):
            return engines.code_rows(docs)


def new_token() -> str:
    return secrets.token_urlsafe(24)
