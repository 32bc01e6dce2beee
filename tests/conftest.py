"""Shared fixtures: the path to ../shared (absent on a fresh clone elsewhere) and a CLI runner."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# A bug met while coding a sentence fails the test that met it, rather than skipping the sentence
# with a one-line error as a run does.
os.environ.setdefault("DRAGOMAN_ON_ERROR", "raise")
# The tests of the patterns, frames and actors pin what the rules do: they code with the rules
# alone. The tests of the learned models (tests/learn/) ask for them by name.
os.environ.setdefault("DRAGOMAN_RULES_ONLY", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c22179350bfb85e7.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside the project on the development machines")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)
