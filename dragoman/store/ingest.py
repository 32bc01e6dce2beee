"""Ingest: documents in, coded into the store in batches, never twice.

Idempotent by content: a document whose id or text is already stored (or met earlier in the
same run) is skipped; a document whose id is stored with another text is rejected, never
skipped in silence nor stored over the first. Each batch is written in one transaction after it is coded, so a run
killed at any moment loses at most the batches not yet committed; started again, it skips
what was stored and codes the rest, ending with exactly what one clean run gives.
"""
from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from .. import fs
from ..errors import ConfigError
from ..read.files import kind_of, leaves, read_inputs, walk
from ..record import Document, Reject, content_id
from .db import Rows, Store, conflict, open_store

BATCH = 64


@dataclass
class Report:
    documents: int = 0   # coded and stored by this run
    skipped: int = 0     # already stored, or repeated in the input
    mentions: int = 0    # event reports stored by this run
    rejects: list[Reject] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def line(self, db: str) -> str:
        return (f"dragoman: stored {self.documents} documents ({self.mentions} event reports) in {db}; "
                f"{self.skipped} already there, {self.rejected} rejected")


def ingest(paths: list[str], db: str | Path, engine, *, input_format: str = "auto",
           default_date: date | None = None, batch: int = BATCH, progress: bool = False,
           follow_links: bool = False) -> Report:
    """Code the documents under `paths` into the store at `db` with `engine` (see engines.py), or
    with the engine a function makes once the database is open: a run the database refuses (a
    lock held by another writer) then starts no worker and touches no staging folder; an engine
    made here is closed here. Every path must exist: a mistyped one stops the run before the
    database is created."""
    missing = [path for path in paths if path != "-" and not os.path.lexists(path)]
    if missing:
        raise ConfigError(f"no such file or directory: {missing[0]}", hint="nothing was read or written")
    with ExitStack() as cleanup:
        store = open_store(db)
        cleanup.callback(store.close)
        if callable(engine):
            engine = engine()
            cleanup.callback(engine.close)
        total = count_documents(paths, input_format, follow_links) if progress else None
        bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=not progress, dynamic_ncols=True, smoothing=0.05)
        cleanup.callback(bar.close)
        documents = read_inputs(paths, input_format=input_format, default_date=default_date, follow_links=follow_links)
        return ingest_documents(store, documents, engine, batch=batch, bar=bar)


def ingest_documents(store: Store, documents: Iterable[Document | Reject], engine, *, batch: int = BATCH,
                     bar: tqdm | None = None) -> Report:
    """Code documents (and record rejects) into an open store, as `ingest` does for files: what is
    stored already is skipped, an id stored with another text is rejected. The server's POST
    /documents and `dragoman watch` come this way too."""
    bar = bar if bar is not None else tqdm(disable=True)
    run = _Run(store, Report(), bar)
    pending: list[tuple[list[Document], object]] = []
    for chunk in _chunks(documents, batch):
        docs = run.new_documents(chunk)
        if docs:
            pending.append((docs, engine.submit(docs)))
        # One batch is coded while the previous one is written.
        while len(pending) > 1:
            run.write(*pending.pop(0))
    while pending:
        run.write(*pending.pop(0))
    return run.report


class _Run:
    """The bookkeeping of one ingest run: what is in flight, what was skipped, the bar."""

    def __init__(self, store: Store, report: Report, bar: tqdm):
        self.store, self.report, self.bar = store, report, bar
        # Documents coded, not yet written: doc id -> (content id, origin).
        self.in_flight: dict[str, tuple[str, str]] = {}

    def new_documents(self, chunk: list[Document | Reject]) -> list[Document]:
        """The documents of a chunk to code: not rejected, not stored yet, not met earlier."""
        docs = [item for item in chunk if isinstance(item, Document)]
        for reject in (item for item in chunk if isinstance(item, Reject)):
            self.reject(reject)
        keys = [(doc.id, content_id(doc.text)) for doc in docs]
        ids = {**(self.store.known([k[0] for k in keys], [k[1] for k in keys]) if keys else {}), **self.in_flight}
        texts = {text_id for text_id, _ in ids.values()}
        new = []
        for doc, (doc_id, text_id) in zip(docs, keys):
            taken = ids.get(doc_id)
            if taken and taken[0] != text_id:
                self.reject(conflict(doc, *taken))
            elif taken or text_id in texts:
                self.report.skipped += 1
            else:
                ids[doc_id] = self.in_flight[doc_id] = (text_id, doc.origin)
                texts.add(text_id)
                new.append(doc)
        self.bar.update(len(chunk) - len(new))
        return new

    def reject(self, reject: Reject) -> None:
        self.store.reject(reject)
        self.bar.write(reject.line(), file=sys.stderr)
        self.report.rejects.append(reject)

    def write(self, docs: list[Document], pending) -> None:
        rows: Rows = pending()
        self.store.add(rows)
        for doc in docs:
            self.in_flight.pop(doc.id, None)
        self.report.documents += len(rows)
        self.report.mentions += rows.mentions.num_rows
        self.bar.update(len(docs))
        self.bar.set_postfix(events=self.report.mentions, refresh=False)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_documents(paths: Iterable[str], input_format: str = "auto", follow_links: bool = False) -> int | None:
    """How many documents the inputs hold, for the progress bar's ETA (None: unknown, stdin).
    Counts lines and rows only; the readers do the real work."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            total += sum(1 if not follow_links and leaves(path, file) else _count_file(file, input_format)
                         for file in walk(path))
        else:
            total += _count_file(path, input_format)
    return total


def _count_file(path: str, input_format: str) -> int:
    try:
        stream = fs.open_regular(path)
    except OSError:
        return 1   # its reject
    with stream:
        kind = kind_of(path, stream, input_format)
        if kind == "jsonl":
            return sum(1 for line in stream if line.strip())
        if kind == "csv":
            rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline=""))
            return max(sum(1 for row in rows if row) - 1, 0)
        return 1
