"""Where coding runs: in this process, in N local processes, or on a Dask cluster.

Every engine runs the same pipeline (`Coder.code_many`) on a list of documents and hands back
the store's rows for them (`Rows`); only the main process writes the database. Each process,
local or a Dask worker, loads the dictionaries and the spaCy pipeline once and keeps them.

An engine's `submit(docs)` starts coding and returns a function that waits for the rows, so
the caller can read and check the next documents while these are being coded.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pyarrow.parquet as pq

from . import fs, nlp, places
from .errors import ConfigError, show_warnings
from .pipeline import Coder
from .record import Document
from .store.db import Rows

LOCAL, DASK = "local", "dask"
ENGINES = (LOCAL, DASK)
# Documents per piece handed to a process: small enough to keep both cores busy to the end of
# a batch, large enough for the parser's batches to fill across documents.
PIECE = 16
# Documents per Dask partition (one task, one pair of Parquet files).
PARTITION = 32

Pending = Callable[[], Rows]


@cache
def coder() -> Coder:
    """This process's coder, built once: dictionaries, trigger words, the gazetteer and the spaCy
    pipeline."""
    nlp.pipeline()
    places.geocoder.index()
    built = Coder.default()
    built.prepare()
    # Hundreds of thousands of dictionary objects live as long as the process: kept out of the
    # garbage collector's full passes, which would otherwise walk them all again and again.
    gc.freeze()
    return built


def load() -> None:
    """Load this process's coder now (a call on every Dask worker), and what turns its events
    into rows (pyarrow imports pandas on its first conversion); its warnings read as the main
    process's do."""
    show_warnings()
    coder()
    Rows.of([])


def load_alone() -> None:
    """Load the coder of one of N worker processes on N cores: one BLAS thread each, as threads
    of several processes fighting over the same cores make every process slower."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    load()


def code_rows(docs: list[Document]) -> Rows:
    return Rows.of(coder().code_many(docs))


def _pieces(docs: list, size: int) -> list[list]:
    return [docs[i:i + size] for i in range(0, len(docs), size)]


class LocalEngine:
    """This process (workers=1) or a pool of worker processes, each with its own coder."""

    def __init__(self, workers: int = 1):
        if workers < 1:
            raise ConfigError(f"--workers must be 1 or more, not {workers}")
        # spawn, not fork: the parent holds DuckDB's and tqdm's threads, which fork does not copy safely.
        self.pool = multiprocessing.get_context("spawn").Pool(workers, initializer=load_alone) if workers > 1 else None

    def submit(self, docs: list[Document]) -> Pending:
        if self.pool is None:
            return lambda: code_rows(docs)
        running = self.pool.map_async(code_rows, _pieces(docs, PIECE), chunksize=1)
        return lambda: Rows.concat(running.get())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()  # every submitted batch has been collected, or the run failed
            self.pool.join()


def code_partition(docs: list[Document], staging: str) -> tuple[str, str]:
    """A Dask task: code a partition and write its rows as two Parquet files in `staging`
    (each written whole, or not at all: a file that exists is complete)."""
    rows = code_rows(docs)
    stem = Path(staging) / ("part-" + hashlib.sha1("\n".join(d.id for d in docs).encode()).hexdigest()[:16])
    paths = []
    for name, table in (("documents", rows.documents), ("mentions", rows.mentions)):
        path = f"{stem}.{name}.parquet"
        with fs.replacing(path) as temporary:
            pq.write_table(table, temporary)
        paths.append(path)
    return paths[0], paths[1]


def read_partition(paths: tuple[str, str]) -> Rows:
    return Rows(pq.read_table(paths[0]), pq.read_table(paths[1]))


class DaskEngine:
    """Partitions of documents mapped to Dask workers; each worker writes its partitions as
    Parquet files in `staging`, which the main process loads into the store and deletes.

    `scheduler` is the address of a running scheduler (`tcp://host:8786`); without one a local
    cluster of `workers` processes is started. On a real cluster `staging` must be a folder
    every worker and this process see (a shared file system).
    """

    def __init__(self, staging: str | Path, *, scheduler: str | None = None, workers: int = 2, client=None,
                 partition: int = PARTITION):
        from distributed import Client, LocalCluster

        self.staging = claim(Path(staging))   # first: a folder refused starts no cluster
        self.cluster = None
        if client is None and scheduler is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        self.client = client or Client(scheduler or self.cluster)
        self.own_client = client is None
        self.partition = partition
        self.client.run(load)  # every worker loads the pipeline now, not on its first task

    def submit(self, docs: list[Document]) -> Pending:
        futures = self.client.map(code_partition, _pieces(docs, self.partition), staging=str(self.staging),
                                  pure=False)

        def rows() -> Rows:
            paths = self.client.gather(futures)
            result = Rows.concat(read_partition(p) for p in paths)
            for pair in paths:
                for path in pair:
                    os.remove(path)
            return result

        return rows

    def close(self) -> None:
        if self.own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        release(self.staging)


# The mark of a staging folder dragoman made: only such a folder is written in and cleared.
STAGING_MARK = ".dragoman-staging"


def claim(staging: Path) -> Path:
    """The staging folder, made for this run; or the one a killed run left (it has the mark),
    cleared of its partitions, which are not loaded: the store says what is done. A folder that
    exists without the mark is someone else's, and is refused rather than emptied."""
    if staging.exists() or staging.is_symlink():
        if not (staging / STAGING_MARK).is_file():
            raise ConfigError(f"{staging} exists and is not a staging folder dragoman made",
                              hint="move it away, or give --db another path (partitions go to DB.parts)")
        _clear(staging)
    else:
        staging.mkdir(parents=True)
        (staging / STAGING_MARK).write_text("partitions of a dragoman ingest; removed when it ends\n",
                                            encoding="utf-8")
    return staging


def release(staging: Path) -> None:
    """Remove the partitions and the mark; the folder too, unless something else was put in it."""
    _clear(staging)
    (staging / STAGING_MARK).unlink(missing_ok=True)
    try:
        staging.rmdir()
    except OSError:
        pass   # not empty: what is left is not dragoman's


def _clear(staging: Path) -> None:
    for pattern in ("part-*.parquet", ".part-*.parquet"):   # partitions, and those a killed worker left half-written
        for path in staging.glob(pattern):
            path.unlink(missing_ok=True)


def make_engine(name: str, *, workers: int = 1, scheduler: str | None = None, staging: str | Path | None = None):
    if name == LOCAL:
        if scheduler:
            raise ConfigError("--scheduler goes with --engine dask")
        return LocalEngine(workers)
    if name == DASK:
        return DaskEngine(staging or "dragoman-parts", scheduler=scheduler, workers=max(workers, 1))
    raise ConfigError(f"unknown engine {name!r}", hint=f"use one of: {', '.join(ENGINES)}")
