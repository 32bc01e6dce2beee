"""The cache of built indexes: the same result as a fresh build, never stale, never in the way."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dragoman.actors import kb as kbmod

NAMED = "name\taliases\tcode\trole\tstart\tend\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "dragoman"


def extra(tmp_path: Path, row: str) -> Path:
    folder = tmp_path / "extra"
    (folder / "people").mkdir(parents=True, exist_ok=True)
    (folder / "people" / "p.tsv").write_text(NAMED + row, encoding="utf-8")
    return folder


def person_code(kb: kbmod.KB, key: tuple[str, ...]) -> str:
    return kb.lookup(key)[0].value.roles[0].code


def test_a_cached_index_equals_a_fresh_build(cache):
    first = kbmod.build()
    assert list(cache.glob("kb-*.json"))
    second = kbmod.build()
    assert second is not first and second == first


def test_an_edited_file_is_never_served_stale(cache, tmp_path):
    folder = extra(tmp_path, "Jane Qwerty\t\tRUSGOV\tminister\t2000-01-01\t\n")
    assert person_code(kbmod.build([folder]), ("jane", "qwerty")) == "RUSGOV"
    extra(tmp_path, "Jane Qwerty\t\tRUSMIL\tminister\t2000-01-01\t\n")
    assert person_code(kbmod.build([folder]), ("jane", "qwerty")) == "RUSMIL"


def test_a_broken_cache_file_is_rebuilt(cache, tmp_path):
    folder = extra(tmp_path, "Jane Qwerty\t\tRUSGOV\tminister\t2000-01-01\t\n")
    kbmod.build([folder])
    for path in cache.glob("kb-*.json"):
        path.write_bytes(b"not JSON")
    assert person_code(kbmod.build([folder]), ("jane", "qwerty")) == "RUSGOV"


def test_an_unusable_cache_directory_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    folder = extra(tmp_path, "Jane Qwerty\t\tRUSGOV\tminister\t2000-01-01\t\n")
    assert person_code(kbmod.build([folder]), ("jane", "qwerty")) == "RUSGOV"


def test_old_cache_files_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(kbmod, "_KEEP", 2)
    for number in range(4):
        kbmod.build([extra(tmp_path, f"Jane Qwerty\t\tRUSGOV\tminister\t{2000 + number}-01-01\t\n")])
    assert len(list(cache.glob("kb-*.json"))) == 2


PROBE = """
import json, sys, time
started = time.perf_counter()
from dragoman.actors import kb
kb.builtin()
print(json.dumps({"seconds": time.perf_counter() - started, "spacy": "spacy" in sys.modules}))
"""


def test_a_fresh_process_loads_the_builtins_from_the_cache_without_spacy(cache):
    """The time itself is measured by bench/bench_dictionaries.py, not here (timed tests flake)."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    run = [sys.executable, "-c", PROBE]
    subprocess.run(run, env=environment, check=True, capture_output=True)   # fills the cache
    result = json.loads(subprocess.run(run, env=environment, check=True, capture_output=True, text=True).stdout)
    assert not result["spacy"], "a cached load should not need spaCy"


def test_a_cold_build_of_the_builtins_does_not_import_spacy(cache):
    """No cache (the first run after install or after a data file is edited): the built-in
    phrases are tokenized by spaCy's rules without spaCy (actors/tokenizer.py)."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache.parent)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=environment, check=True, capture_output=True, text=True)
    assert not json.loads(done.stdout)["spacy"], "a cold build of the built-ins should not need spaCy"


class _Planted:
    """What an attacker would plant: unpickling it runs a command."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_file_planted_in_the_cache_runs_no_code(cache, tmp_path):
    """The cache was read with pickle.load from a predictable name: a planted file ran code."""
    import pickle

    folder = extra(tmp_path, "Jane Qwerty\t\tRUSGOV\tminister\t2000-01-01\t\n")
    kbmod.build([folder])
    [path] = [p for p in cache.iterdir() if p.name.startswith("kb-")]
    marker = tmp_path / "ran"
    path.write_bytes(pickle.dumps(_Planted(marker)))
    assert person_code(kbmod.build([folder]), ("jane", "qwerty")) == "RUSGOV"
    assert not marker.exists()


def test_the_cache_is_plain_data(cache):
    kbmod.build()
    [path] = list(cache.glob("kb-*"))
    json.loads(path.read_text(encoding="utf-8"))   # JSON: nothing in it can run
