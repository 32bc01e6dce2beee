from __future__ import annotations

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.store import open_store

from .corpus import MORE, WIRE, made_store, write_jsonl


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def coded_db(tmp_path_factory):
    """Six short texts coded by the rules into a store (three wire versions of one detention)."""
    folder = tmp_path_factory.mktemp("coded")
    corpus = write_jsonl(folder / "corpus.jsonl", WIRE + MORE)
    result = run("ingest", corpus, "--db", folder / "events.duckdb", "--quiet")
    assert result.exit_code == 0, result.stderr
    return folder / "events.duckdb"


@pytest.fixture(scope="session")
def made_db(tmp_path_factory):
    """The events of corpus.EVENTS in a store, for exact counts."""
    path = tmp_path_factory.mktemp("made") / "events.duckdb"
    store = open_store(path)
    made_store(store)
    store.close()
    return path


@pytest.fixture
def made(made_db):
    store = open_store(made_db, read_only=True)
    yield store
    store.close()
