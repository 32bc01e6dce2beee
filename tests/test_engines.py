import pytest

from dragoman.engines import (STAGING_MARK, DaskEngine, LocalEngine, claim, code_partition, code_rows, make_engine,
                              read_partition, release)
from dragoman.errors import ConfigError
from dragoman.read import read_inputs
from dragoman.store import open_store
from dragoman.store.ingest import ingest

from .store.corpus import article, write_jsonl


def _ids(db, table, column):
    store = open_store(db, read_only=True)
    try:
        return sorted(r[0] for r in store.con.execute(f"SELECT {column} FROM {table}").fetchall())
    finally:
        store.close()


def test_a_dask_cluster_stores_the_same_events_as_the_local_engine(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(7)])
    local = LocalEngine(1)
    ingest([str(corpus)], tmp_path / "local.duckdb", local, batch=3)
    local.close()
    with distributed.LocalCluster(processes=False, n_workers=2, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        engine = DaskEngine(tmp_path / "parts", client=client, partition=2)
        report = ingest([str(corpus)], tmp_path / "dask.duckdb", engine, batch=3)
        engine.close()
    assert report.documents == 7 and report.mentions > 0
    for table, column in (("events", "event_id"), ("mentions", "mention_id"), ("documents", "doc_id")):
        assert _ids(tmp_path / "dask.duckdb", table, column) == _ids(tmp_path / "local.duckdb", table, column)
    assert not (tmp_path / "parts").exists()   # partitions are loaded, then removed


def test_a_partition_round_trips_through_parquet(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(3)])
    docs = list(read_inputs([str(corpus)]))
    paths = code_partition(docs, str(tmp_path))
    assert sorted(p.name for p in tmp_path.glob("part-*")) == sorted(p.split("/")[-1] for p in paths)
    rows = read_partition(paths)
    expected = code_rows(docs)
    assert rows.documents.column("doc_id") == expected.documents.column("doc_id")
    assert rows.mentions.select(["mention_id", "event_id", "record"]) == \
        expected.mentions.select(["mention_id", "event_id", "record"])


def test_engine_options_are_checked():
    with pytest.raises(ConfigError):
        make_engine("spark")
    with pytest.raises(ConfigError):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError):
        LocalEngine(0)


def test_a_folder_that_is_not_dragoman_s_staging_is_refused_untouched(tmp_path):
    """`--engine dask` used to delete an existing DB.parts/ recursively, user files included."""
    pytest.importorskip("distributed")
    parts = tmp_path / "events.duckdb.parts"
    (parts / "mine").mkdir(parents=True)
    (parts / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    (parts / "part-0123.documents.parquet").write_text("keep too", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a staging folder dragoman made"):
        DaskEngine(parts)
    assert (parts / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert (parts / "part-0123.documents.parquet").exists()


def test_a_staging_folder_deletes_only_what_dragoman_put_in_it(tmp_path):
    parts = claim(tmp_path / "events.duckdb.parts")
    (parts / "part-1.documents.parquet").write_bytes(b"left by a killed run")
    (parts / ".part-1.mentions.ab12cd34.tmp.parquet").write_bytes(b"half written")
    again = claim(parts)                               # a killed run's folder: its partitions cleared
    assert sorted(p.name for p in again.iterdir()) == [STAGING_MARK]
    (parts / "part-2.mentions.parquet").write_bytes(b"of this run")
    (parts / "notes.txt").write_text("a user's file", encoding="utf-8")
    release(parts)
    assert sorted(p.name for p in parts.iterdir()) == ["notes.txt"]   # the folder stays for it
    (parts / "notes.txt").unlink()
    release(parts)
    assert not parts.exists()
