import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dragoman.engines import LocalEngine
from dragoman.errors import CONFLICT, ConfigError
from dragoman.store import open_store
from dragoman.store.ingest import count_documents, ingest

from .corpus import article, old_schema_db, write_jsonl


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


# ---------------------------------------------------------------- hardening (issue 16)

def test_a_changed_text_under_a_known_id_is_rejected_and_named(tmp_path, engine):
    """It used to be skipped as "already there", exit 0, nothing named."""
    first = write_jsonl(tmp_path / "first.jsonl", [dict(article(1), id="a")])
    second = write_jsonl(tmp_path / "second.jsonl", [dict(article(2), id="a"), dict(article(3), id="b")])
    db = tmp_path / "db.duckdb"
    ingest([str(first)], db, engine)
    report = ingest([str(second)], db, engine)
    assert (report.documents, report.skipped, report.rejected) == (1, 0, 1)
    store = open_store(db, read_only=True)
    try:
        [(origin, reason, code)] = store.con.execute("SELECT origin, reason, code FROM rejects").fetchall()
        stored = store.con.execute("SELECT origin FROM documents WHERE doc_id = 'a'").fetchone()[0]
    finally:
        store.close()
    assert origin == f"{second}:1" and code == CONFLICT and "id 'a'" in reason and f"{first}:1" in reason
    assert stored == f"{first}:1"   # the first text is kept


def test_a_changed_text_under_an_id_met_earlier_in_the_run_is_rejected(tmp_path, engine):
    corpus = write_jsonl(tmp_path / "c.jsonl", [dict(article(1), id="a"), dict(article(2), id="a")])
    report = ingest([str(corpus)], tmp_path / "db.duckdb", engine)
    assert (report.documents, report.rejected) == (1, 1)


def test_a_lone_surrogate_does_not_stop_an_ingest_nor_its_reruns(tmp_path, engine):
    """It used to keep the batches before it and crash again at once on every rerun."""
    lines = [json.dumps(dict(article(i), id=str(i))) for i in range(5)]
    lines.insert(2, '{"id": "bad", "text": "\\ud800 x"}')
    corpus = tmp_path / "s.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    first = ingest([str(corpus)], db, engine, batch=2)
    again = ingest([str(corpus)], db, engine, batch=2)
    assert (first.documents, first.rejected) == (5, 1) and (again.skipped, again.rejected) == (5, 1)


def test_a_missing_path_creates_no_database(tmp_path, engine):
    db = tmp_path / "db.duckdb"
    with pytest.raises(ConfigError, match="no such file"):
        ingest([str(tmp_path / "missing.jsonl")], db, engine)
    assert not db.exists()


@pytest.mark.parametrize("db", [":memory:", "md:foo", "s3://bucket/x.duckdb", "https://example.org/x.duckdb"])
def test_a_database_that_is_no_local_file_is_refused(tmp_path, engine, db):
    """`--db :memory:` said "stored" and kept nothing; md: and URLs made DuckDB fetch an extension."""
    corpus = write_jsonl(tmp_path / "c.jsonl", [article(1)])
    with pytest.raises(ConfigError, match="not a local file"):
        ingest([str(corpus)], db, engine)


def test_a_named_pipe_in_an_ingested_folder_is_rejected(tmp_path, engine):
    (tmp_path / "news").mkdir()
    write_jsonl(tmp_path / "news" / "c.jsonl", [article(1)])
    os.mkfifo(tmp_path / "news" / "x.txt")
    report = ingest([str(tmp_path / "news")], tmp_path / "db.duckdb", engine, progress=True)
    assert (report.documents, report.rejected) == (1, 1)


def test_a_full_disk_ends_the_ingest_with_one_line_and_keeps_what_was_committed(tmp_path):
    """A file size limit stands in for a full disk: the commit fails as it would (two tracebacks
    before); what was committed stays, and the same command resumes."""
    resource = pytest.importorskip("resource")
    corpus = write_jsonl(tmp_path / "c.jsonl", [article(i) for i in range(200)])
    db = tmp_path / "db.duckdb"

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    command = [sys.executable, "-m", "dragoman", "ingest", str(corpus), "--db", str(db), "--batch", "16", "--quiet"]
    done = subprocess.run(command, preexec_fn=limited, capture_output=True, text=True,
                          env={**os.environ, "DRAGOMAN_RULES_ONLY": "1"})
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if "[E600]" in line]
    assert str(db) in line and "free some space" in line
    resumed = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "DRAGOMAN_RULES_ONLY": "1"})
    assert resumed.returncode == 0, resumed.stderr
    assert len(_state(db)["documents"]) == 200


def test_no_engine_is_made_for_a_database_that_is_refused(tmp_path):
    """A run the database refuses starts no workers and touches no staging folder."""
    old = old_schema_db(tmp_path / "old.duckdb")
    corpus = write_jsonl(tmp_path / "c.jsonl", [article(1)])
    made = []
    with pytest.raises(ConfigError, match="schema version"):
        ingest([str(corpus)], old, lambda: made.append(1))
    assert made == []


def test_an_engine_made_by_ingest_is_closed_by_it(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", [article(1)])
    engines = []

    def make():
        engines.append(LocalEngine(1))
        engines[-1].close = lambda: engines.append("closed")
        return engines[0]

    report = ingest([str(corpus)], tmp_path / "db.duckdb", make)
    assert report.documents == 1 and engines[-1] == "closed"
