"""Ingest: documents in, coded into the store in batches, never twice.

Idempotent by content: a document whose id or text is already stored (or met earlier in the
same run) is skipped. Each batch is written in one transaction after it is coded, so a run
killed at any moment loses at most the batches not yet committed; started again, it skips
what was stored and codes the rest, ending with exactly what one clean run gives.
"""
from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tqdm import tqdm

from ..read.files import EXTENSIONS, SNIFF_BYTES, read_inputs, sniff, walk
from ..record import Document, Reject, content_id
from .db import Rows, Store, open_store

BATCH = 64


@dataclass
class Report:
    documents: int = 0   # coded and stored by this run
    skipped: int = 0     # already stored, or repeated in the input
    rejected: int = 0
    mentions: int = 0    # event reports stored by this run

    def line(self, db: str) -> str:
        return (f"dragoman: stored {self.documents} documents ({self.mentions} event reports) in {db}; "
                f"{self.skipped} already there, {self.rejected} rejected")


def ingest(paths: list[str], db: str | Path, engine, *, input_format: str = "auto",
           default_date: date | None = None, batch: int = BATCH, progress: bool = False) -> Report:
    """Code the documents under `paths` into the store at `db` with `engine` (see engines.py)."""
    store = open_store(db)
    report = Report()
    bar = tqdm(total=count_documents(paths, input_format) if progress else None, unit="doc", file=sys.stderr,
               disable=not progress, dynamic_ncols=True, smoothing=0.05)
    run = _Run(store, report, bar)
    try:
        pending: list[tuple[list[Document], object]] = []
        for chunk in _chunks(read_inputs(paths, input_format=input_format, default_date=default_date), batch):
            docs = run.new_documents(chunk)
            if docs:
                pending.append((docs, engine.submit(docs)))
            # One batch is coded while the previous one is written.
            while len(pending) > 1:
                run.write(*pending.pop(0))
        while pending:
            run.write(*pending.pop(0))
    finally:
        bar.close()
        store.close()
    return report


class _Run:
    """The bookkeeping of one ingest run: what is in flight, what was skipped, the bar."""

    def __init__(self, store: Store, report: Report, bar: tqdm):
        self.store, self.report, self.bar = store, report, bar
        self.in_flight: set[str] = set()   # ids and content ids of documents coded, not yet written

    def new_documents(self, chunk: list[Document | Reject]) -> list[Document]:
        docs = [item for item in chunk if isinstance(item, Document)]
        for reject in (item for item in chunk if isinstance(item, Reject)):
            self.store.reject(reject)
            self.bar.write(reject.line(), file=sys.stderr)
            self.report.rejected += 1
        keys = [(doc.id, content_id(doc.text)) for doc in docs]
        known = self.in_flight | (self.store.known([k[0] for k in keys], [k[1] for k in keys]) if keys else set())
        new = []
        for doc, (doc_id, text_id) in zip(docs, keys):
            if doc_id in known or text_id in known:
                self.report.skipped += 1
                continue
            known.update((doc_id, text_id))
            self.in_flight.update((doc_id, text_id))
            new.append(doc)
        self.bar.update(len(chunk) - len(new))
        return new

    def write(self, docs: list[Document], pending) -> None:
        rows: Rows = pending()
        self.store.add(rows)
        for doc in docs:
            self.in_flight.difference_update((doc.id, content_id(doc.text)))
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


def count_documents(paths: Iterable[str], input_format: str = "auto") -> int | None:
    """How many documents the inputs hold, for the progress bar's ETA (None: unknown, stdin).
    Counts lines and rows only; the readers do the real work."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            total += sum(_count_file(file, input_format) for file in walk(path))
        else:
            total += _count_file(path, input_format) if os.path.isfile(path) else 1  # 1: its reject
    return total


def _count_file(path: str, input_format: str) -> int:
    with open(path, "rb") as stream:
        kind = input_format
        if kind == "auto":
            kind = EXTENSIONS.get(Path(path).suffix.lower()) or sniff(stream.peek(SNIFF_BYTES))
        if kind == "jsonl":
            return sum(1 for line in stream if line.strip())
        if kind == "csv":
            rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline=""))
            return max(sum(1 for row in rows if row) - 1, 0)
        return 1
