"""Helpers shared by the reading tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.read import read_inputs
from dragoman.record import Document, Reject


def read_all(*paths, **options) -> tuple[list[Document], list[Reject]]:
    items = list(read_inputs([str(p) for p in paths], **options))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, Reject)])


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> path; str content is written as UTF-8."""
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path
    return _write
