"""The knowledge base: every built-in data file loads and validates; malformed lines are
reported as file:line."""
from datetime import date
from pathlib import Path

import pytest

from dragoman.actors import kb as kbmod
from dragoman.errors import DictionaryError


def test_builtin_dictionaries_load_and_are_not_empty():
    kb = kbmod.build()  # its speed is measured by bench/bench_dictionaries.py
    assert len(kb.countries) >= 240
    kinds = {e.kind for entries in kb.phrases.values() for e in entries}
    assert {"country", "adjective", "capital", "agent", "person", "org"} <= kinds


@pytest.mark.parametrize("written,expected", [("Erdoğan", "erdogan"), ("U.S.", "us"), ("İstanbul", "istanbul"),
                                              ("Zelenskyy’s", "zelenskyy's")])
def test_norm_ignores_case_dots_and_diacritics(written, expected):
    assert kbmod.norm(written) == expected


def _write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "data"
    (folder / "people").mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return folder


NAMED = "name\taliases\tcode\trole\tstart\tend\n"


@pytest.mark.parametrize("row,reason", [
    ("Jane Doe\t\trusgov\tpresident\t2000-01-01\t\n", "bad CAMEO code"),
    ("Jane Doe\t\tRUSGOV\tpresident\t2000-13-01\t\n", "bad date"),
    ("Jane Doe\t\tRUSGOV\tpresident\t2001-01-01\t2000-01-01\n", "ends"),
    ("Jane Doe\tDoe||J. Doe\tRUSGOV\tpresident\t\t\n", "empty item"),
    ("Jane Doe\tRUSGOV\tpresident\n", "columns"),
])
def test_bad_person_rows_name_file_and_line(tmp_path, row, reason):
    folder = _write(tmp_path, "people/bad.tsv", "# a comment\n" + NAMED + row)
    with pytest.raises(DictionaryError) as caught:
        kbmod.load_named(kbmod.KB(), folder / "people" / "bad.tsv", kbmod.PERSON)
    assert caught.value.line == 3
    assert reason in caught.value.reason
    assert str(folder / "people" / "bad.tsv") + ":3:" in str(caught.value)


def test_bad_header_is_reported(tmp_path):
    folder = _write(tmp_path, "agents.tsv", "phrase\tsector\n")
    with pytest.raises(DictionaryError, match=":1: header"):
        kbmod.load_agents(kbmod.KB(), folder / "agents.tsv")


def test_bad_sector_is_reported(tmp_path):
    folder = _write(tmp_path, "agents.tsv", "phrase\tsector\tplural\npolice\tcop\t-\n")
    with pytest.raises(DictionaryError, match=":2: bad sector"):
        kbmod.load_agents(kbmod.KB(), folder / "agents.tsv")


def test_roles_are_date_bounded_and_fall_back_to_elite(tmp_path):
    folder = _write(tmp_path, "people/p.tsv", NAMED + "Jane Doe\tDoe\tPERGOV\tpresident\t1985-07-28\t1990-07-28\n")
    kb = kbmod.KB()
    kbmod.load_named(kb, folder / "people" / "p.tsv", kbmod.PERSON)
    person = kb.lookup(("doe",))[0].value
    assert person.code_on(date(1987, 1, 1))[0] == "PERGOV"
    assert person.code_on(date(1995, 1, 1))[0] == "PERELI"
    assert person.code_on(date(1980, 1, 1))[0] == "PERELI"


def test_agent_plurals_are_generated(tmp_path):
    folder = _write(tmp_path, "agents.tsv", "phrase\tsector\tplural\nsoldier\tMIL\t\nparty\tOPP\t\n"
                                            "police\tCOP\t-\nspokesman\tGOV\tspokesmen\n")
    kb = kbmod.KB()
    kbmod.load_agents(kb, folder / "agents.tsv")
    for phrase in ("soldiers", "parties", "police", "spokesmen"):
        assert kb.lookup((phrase,)), phrase
    assert not kb.lookup(("polices",))
