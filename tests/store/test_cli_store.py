"""The store commands: ingest, export, dyads (thin wrappers, checked end to end)."""
import json

import pandas as pd
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
