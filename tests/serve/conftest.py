"""A store of the examples' articles (coded once per session, with the rules), copied for each
test that writes; a test client of the server over it."""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from dragoman.engines import LocalEngine
from dragoman.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "examples.duckdb"
    ingest([str(ROOT / "examples")], path, LocalEngine(1))
    return path


@pytest.fixture
def db(examples_db, tmp_path) -> Path:
    copy = tmp_path / "events.duckdb"
    shutil.copy(examples_db, copy)
    return copy


@pytest.fixture
def service(db):
    from dragoman.serve.service import Service

    service = Service.open(str(db), TOKEN, timeout=30)
    yield service
    service.close()


@pytest.fixture
def client(service):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # starlette's note that its client will want httpx2
        from fastapi.testclient import TestClient
    from dragoman.serve.app import make_app

    with TestClient(make_app(service)) as client:
        yield client


WRITE = {"Authorization": f"Bearer {TOKEN}"}
