import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dragoman.engines import LocalEngine
from dragoman.store import open_store
from dragoman.store.ingest import count_documents, ingest

from .corpus import article, write_jsonl


@pytest.fixture(scope="module")
def engine():
    engine = LocalEngine(1)
    yield engine
    engine.close()


def _state(db) -> dict:
    """What a run leaves: the ids in every table, and how the events add up."""
    store = open_store(db, read_only=True)
    try:
        state = {table: sorted(r[0] for r in store.con.execute(f"SELECT {column} FROM {table}").fetchall())
                 for table, column in (("documents", "doc_id"), ("events", "event_id"),
                                       ("mentions", "mention_id"), ("rejects", "origin"))}
        state["num_mentions"] = store.con.execute("SELECT sum(num_mentions) FROM events").fetchone()[0]
        return state
    finally:
        store.close()


def test_ingesting_the_same_corpus_twice_adds_nothing(tmp_path, engine):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(6)])
    (tmp_path / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    paths = [str(corpus), str(tmp_path / "broken.jsonl")]
    first = ingest(paths, tmp_path / "db.duckdb", engine, batch=4)
    state = _state(tmp_path / "db.duckdb")
    second = ingest(paths, tmp_path / "db.duckdb", engine, batch=4)
    assert (first.documents, first.skipped, first.rejected) == (6, 0, 1)
    assert first.mentions == len(state["mentions"]) > 0
    assert (second.documents, second.skipped, second.mentions) == (0, 6, 0)
    assert _state(tmp_path / "db.duckdb") == state
    assert len(state["rejects"]) == 1


def test_the_same_text_under_another_name_is_not_stored_twice(tmp_path, engine):
    text = article(1)["text"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    report = ingest([str(tmp_path)], tmp_path / "db.duckdb", engine)
    assert (report.documents, report.skipped) == (1, 1)


def test_a_killed_ingest_started_again_ends_as_a_clean_run(tmp_path, engine):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(60)])
    ingest([str(corpus)], tmp_path / "clean.duckdb", engine, batch=2)
    killed = tmp_path / "killed.duckdb"
    run = subprocess.Popen([sys.executable, "-m", "dragoman", "ingest", str(corpus), "--db", str(killed),
                            "--batch", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _kill_after_some_commits(run, Path(f"{killed}.wal"))
    assert run.returncode == -signal.SIGKILL, run.stderr.read().decode()
    stored = len(_state(killed)["documents"])
    assert 0 < stored < 60, "the kill should land mid-way"
    resumed = ingest([str(corpus)], killed, engine, batch=2)
    assert resumed.skipped == stored and resumed.documents == 60 - stored
    assert _state(killed) == _state(tmp_path / "clean.duckdb")


def _kill_after_some_commits(run: subprocess.Popen, wal: Path, timeout: float = 60) -> None:
    """SIGKILL the run once its write-ahead log has grown past the schema (batches committed)."""
    start, schema_size = time.monotonic(), None
    while time.monotonic() - start < timeout and run.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if size and schema_size is None:
            schema_size = size
        elif schema_size is not None and size > schema_size + 50_000:
            os.kill(run.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    run.wait(timeout=30)


def test_worker_processes_store_what_one_process_stores(tmp_path, engine):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(10)])
    ingest([str(corpus)], tmp_path / "one.duckdb", engine, batch=4)
    pool = LocalEngine(2)
    try:
        report = ingest([str(corpus)], tmp_path / "two.duckdb", pool, batch=4)
    finally:
        pool.close()
    assert report.documents == 10
    assert _state(tmp_path / "two.duckdb") == _state(tmp_path / "one.duckdb")


def test_the_progress_bar_shows_documents_per_second(tmp_path, engine, capsys):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(3)])
    ingest([str(corpus)], tmp_path / "db.duckdb", engine, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "doc/s" in err
    ingest([str(corpus)], tmp_path / "db2.duckdb", engine, progress=False)
    assert capsys.readouterr().err == ""


def test_count_documents_counts_lines_rows_and_files(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(3)])
    (tmp_path / "b.csv").write_text('id,text\n1,"two\nlines"\n2,plain\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("an article", encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 6
    assert count_documents([str(tmp_path / "missing.txt")]) == 1
    assert count_documents(["-"]) is None
