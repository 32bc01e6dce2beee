import pytest

from dragoman.engines import DaskEngine, LocalEngine, code_partition, code_rows, make_engine, read_partition
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
