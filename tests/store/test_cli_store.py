"""The store commands: ingest, export, dyads (thin wrappers, checked end to end)."""
import json

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from dragoman.cli import main

from .corpus import article, write_jsonl


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_ingest_export_and_dyads(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(i) for i in range(4)])
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "events.duckdb"
    first = _run("ingest", corpus, tmp_path / "empty.txt", "--db", db)
    assert first.exit_code == 1   # one input rejected, the others stored
    assert "rejected" in first.stderr and "stored 4 documents" in first.stderr
    again = _run("ingest", corpus, "--db", db)
    assert again.exit_code == 0 and "stored 0 documents" in again.stderr and "4 already there" in again.stderr

    assert _run("export", "--db", db, "--format", "gdelt", "-o", tmp_path / "e.CSV").exit_code == 0
    table = pd.read_csv(tmp_path / "e.CSV", sep="\t", header=None)
    assert table.shape[1] == 61 and len(table) > 0
    mentions = _run("export", "--db", db, "--format", "jsonl", "--table", "mentions", "-o", tmp_path / "m.jsonl")
    assert mentions.exit_code == 0
    records = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert {r["cameo"] for r in records} >= {"040", "073"}

    dyads = _run("dyads", "--db", db, "--period", "month", "--png", tmp_path / "d.png")
    assert dyads.exit_code == 0
    lines = dyads.stdout.splitlines()
    assert lines[0].startswith("period") and any("2021-05" in line and "FRA" in line for line in lines[2:])
    assert (tmp_path / "d.png").stat().st_size > 1000


def test_reading_a_missing_database_fails_with_a_hint(tmp_path):
    result = _run("export", "--db", tmp_path / "none.duckdb", "--format", "csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 3 and "dragoman ingest" in result.stderr


def test_scheduler_without_dask_is_bad_usage(tmp_path):
    result = _run("ingest", tmp_path, "--db", tmp_path / "x.duckdb", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--engine dask" in result.stderr


# ---------------------------------------------------------------- hardening (issue 16)

def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("db")
    corpus = write_jsonl(folder / "corpus.jsonl", [article(i) for i in range(4)])
    assert _run("ingest", corpus, "--db", folder / "events.duckdb", "--quiet").exit_code == 0
    return folder / "events.duckdb"


def _damaged(db, tmp_path, table="mentions"):
    """A copy of the database with one data block of the table damaged: it opens, and fails when
    the table is read (a checksum error), as a disk's bad block would."""
    copy, data = tmp_path / "damaged.duckdb", db.read_bytes()
    header, block = 3 * 4096, 256 * 1024   # DuckDB's file layout
    for start in range(header + block, len(data), block):
        damaged = bytearray(data)
        damaged[start + 100:start + 164] = b"\xff" * 64
        copy.write_bytes(bytes(damaged))
        con = duckdb.connect(str(copy), read_only=True)
        try:
            con.execute(f"SELECT * FROM {table}").fetchall()
        except duckdb.Error:
            return copy
        finally:
            con.close()
    pytest.fail(f"no block of the {table} found to damage")


def test_export_into_a_missing_folder_is_one_line(db, tmp_path):
    result = _run("export", "--db", db, "--format", "gdelt", "-o", tmp_path / "nope" / "x.csv")
    assert result.exit_code == 3 and "[E700] cannot write" in _one_line(result.stderr)


@pytest.mark.parametrize("fmt", ["jsonl", "gdelt", "csv", "parquet"])
def test_an_export_that_fails_leaves_the_old_file_as_it_was(db, tmp_path, fmt):
    """The output used to be opened, so emptied, before the query failed."""
    out = tmp_path / "p.txt"
    out.write_text("keep\n", encoding="utf-8")
    damaged = _damaged(db, tmp_path, "events" if fmt == "gdelt" else "mentions")
    result = _run("export", "--db", damaged, "--format", fmt, "--table", "mentions", "-o", out)
    assert result.exit_code == 3 and "[E600]" in _one_line(result.stderr)
    assert out.read_text(encoding="utf-8") == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.duckdb", "p.txt"]   # no temporary file left


def test_an_export_replaces_the_old_file_whole(db, tmp_path):
    out = tmp_path / "m.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert _run("export", "--db", db, "--format", "jsonl", "--table", "mentions", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "old" not in lines and all(json.loads(line)["cameo"] for line in lines)
    assert [p.name for p in tmp_path.iterdir()] == ["m.jsonl"]


@pytest.mark.parametrize("target", ["s3://bucket/x.csv", "https://example.org/x.csv", "md:foo"])
def test_an_export_to_a_url_is_refused(db, target):
    result = _run("export", "--db", db, "--format", "csv", "-o", target)
    assert result.exit_code == 3 and "not a local file" in _one_line(result.stderr)


def test_a_store_error_without_a_lock_does_not_blame_another_writer(db, tmp_path):
    result = _run("export", "--db", _damaged(db, tmp_path), "--format", "csv", "--table", "mentions",
                  "-o", tmp_path / "x.csv")
    line = _one_line(result.stderr)
    assert "damaged" in line and "another dragoman" not in line and "one writer" not in line


def test_duckdb_never_installs_nor_loads_an_extension(db):
    from dragoman.store import open_store

    store = open_store(db, read_only=True)
    try:
        settings = store.con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                                     "current_setting('autoload_known_extensions')").fetchone()
        with pytest.raises(duckdb.Error):
            store.con.execute("SET autoload_known_extensions = true")
    finally:
        store.close()
    assert settings == (False, False)


def test_ingest_of_a_missing_path_is_bad_usage_and_creates_nothing(tmp_path):
    result = _run("ingest", tmp_path / "nope.jsonl", "--db", tmp_path / "x.duckdb")
    assert result.exit_code == 2 and not (tmp_path / "x.duckdb").exists()


def test_ingest_into_memory_is_refused(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [article(1)])
    result = _run("ingest", corpus, "--db", ":memory:")
    assert result.exit_code == 3 and "not a local file" in _one_line(result.stderr)
    assert "stored" not in result.stderr


def test_code_into_a_database_rejects_a_changed_text_under_a_stored_id(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", [dict(article(1), id="a")])
    second = write_jsonl(tmp_path / "second.jsonl", [dict(article(2), id="a")])
    db = tmp_path / "x.duckdb"
    assert _run("code", first, "--db", db).exit_code == 0
    assert _run("code", first, "--db", db).exit_code == 0   # the same text again: recoded, no conflict
    result = _run("code", second, "--db", db)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"rejected {second}:1: id 'a' is already stored with another text (from {first}:1)" in result.stderr


def test_an_export_onto_its_own_database_is_refused(db):
    result = _run("export", "--db", db, "--format", "jsonl", "-o", db)
    assert result.exit_code == 3 and "is the database itself" in _one_line(result.stderr)
    assert _run("export", "--db", db, "--format", "csv", "-o", "/dev/null").exit_code == 0   # still whole


def test_a_plot_onto_its_own_database_is_refused(db):
    result = _run("dyads", "--db", db, "--png", db)
    assert result.exit_code == 3 and "is the database itself" in _one_line(result.stderr)
    assert _run("export", "--db", db, "--format", "csv", "-o", "/dev/null").exit_code == 0   # still whole
