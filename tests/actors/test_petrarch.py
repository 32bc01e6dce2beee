"""PETRARCH/TABARI dictionaries layered over the built-ins: the format on small files written
here, and the Phoenix dictionaries of ../shared where they exist."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dragoman.actors import kb as kbmod
from dragoman.actors import petrarch
from dragoman.actors.resolve import resolve_text
from dragoman.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "petrarch2"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def layered(tmp_path: Path, actors: str = "", agents: str = "") -> kbmod.KB:
    paths = {"actors": [write(tmp_path, "a.txt", actors)] if actors else [],
             "agents": [write(tmp_path, "g.txt", agents)] if agents else []}
    return petrarch.layer(kbmod.builtin(), **paths)


def code(kb: kbmod.KB, mention: str, day: str = "2010-06-01") -> str | None:
    return resolve_text(mention, date.fromisoformat(day), kb).code


# ---------------------------------------------------------------- actor records

ACTORS = """\
# a comment line
<!-- a comment
     over two lines -->
RURITANIA_  [RUR]  # a single undated country code is a place
+RURITANIAN_
JANE_DOE_  # a person: blocks in file order, the first that holds wins
+DOE_
+PRESIDENT_DOE
    [RURELI 700101-850728]
    [RURGOV 850728-900728]
    [RURGOV >20060728]
    [RURELI]
JOHN_ROE_	[RURGOV 19950101-20000101] [RURMIL >000101]
RICHARD_MILES_
    [RURGOV <900101]
NOBODY_IN_PARTICULAR_ [---]
"""


@pytest.mark.parametrize("mention,day,expected", [
    ("Jane Doe", "1980-01-01", "RURELI"),
    ("Jane Doe", "1987-01-01", "RURGOV"),
    ("Jane Doe", "1995-01-01", "RURELI"),      # the undated default comes last
    ("Jane Doe", "2006-07-28", "RURGOV"),      # '>' is on or after
    ("Doe", "1987-01-01", "RURGOV"),           # a synonym shares the record's codes
    ("President Doe", "1987-01-01", "RURGOV"),
    ("John Roe", "1999-12-31", "RURGOV"),      # an end date is excluded ...
    ("John Roe", "2000-01-01", "RURMIL"),      # ... and YYMMDD 00 is 2000
    ("Richard Miles", "1989-12-31", "RURGOV"),
    ("Richard Miles", "1990-01-01", None),     # no block holds: no code, no fallback
    ("Nobody in particular", "2000-01-01", None),
])
def test_first_block_holding_the_date_wins(tmp_path, mention, day, expected):
    assert code(layered(tmp_path, ACTORS), mention, day) == expected


def test_yy_years_pivot_at_30(tmp_path):
    kb = layered(tmp_path, "A_PERSON_ [RURGOV >300101]\nB_PERSON_ [RURGOV <310101]\n")
    assert code(kb, "A Person", "2030-01-01") == "RURGOV"     # 30 is 2030
    assert code(kb, "A Person", "2029-12-31") is None
    assert code(kb, "B Person", "1930-12-31") == "RURGOV"     # 31 is 1931
    assert code(kb, "B Person", "1931-01-01") is None


def test_a_country_code_record_is_a_place_that_takes_agents(tmp_path):
    kb = layered(tmp_path, "UTOPIA_  [GBR]\n+UTOPIAN_\n")
    assert code(kb, "Utopian police") == "GBRCOP"
    assert code(kb, "Utopia") == "GBR"


def test_cameo_era_country_codes_become_iso(tmp_path):
    kb = layered(tmp_path, "EAST_TIMOR_LEADER_X_ [TMPGOV]\nROMANIAN_LEADER_Y_ [ROMGOV]\n")
    assert code(kb, "East Timor leader X") == "TLSGOV"
    assert code(kb, "Romanian leader Y") == "ROUGOV"


def test_layered_entries_win_over_the_builtins(tmp_path):
    before = code(kbmod.builtin(), "Putin")
    kb = layered(tmp_path, "VLADIMIR_PUTIN_ [RURGOV]\n+PUTIN_\n")
    assert before == "RUSGOV"
    assert code(kb, "Putin") == "RURGOV"
    assert code(kb, "Vladimir Putin") == "RURGOV"
    assert code(kbmod.builtin(), "Putin") == "RUSGOV"   # the built-in KB is left as it was


def test_a_later_definition_of_a_phrase_wins(tmp_path):
    kb = layered(tmp_path, "SAME_NAME_ [RURGOV]\nOTHER_ [GBR]\n+SAME_NAME_\n")
    assert code(kb, "Same Name") == "GBR"


def test_files_layer_in_order(tmp_path):
    first = write(tmp_path, "first.txt", "SAME_NAME_ [RURGOV]\n")
    second = write(tmp_path, "second.txt", "SAME_NAME_ [RURMIL]\n")
    assert code(petrarch.layer(kbmod.builtin(), [first, second]), "Same Name") == "RURMIL"
    assert code(petrarch.layer(kbmod.builtin(), [second, first]), "Same Name") == "RURGOV"


def test_an_actor_layer_keeps_builtin_agents(tmp_path):
    kb = layered(tmp_path, "POLICE_ [RURCOP]\n")
    assert any(e.kind == kbmod.AGENT for e in kb.lookup(("police",)))


def test_abbreviations_match_as_news_writes_them(tmp_path):
    kb = layered(tmp_path, "ST._KITTS_ISLANDER_ [KNA]\nA.B._SMITH_ [RURGOV]\n")
    assert code(kb, "St. Kitts islander") == "KNA"
    assert code(kb, "A.B. Smith") == "RURGOV"


def test_bad_dates_and_slips(tmp_path):
    # Slips PETRARCH reads: a space after '>', a seven-digit date, text after the last block.
    kb = layered(tmp_path, "A_B_ [RURGOV > 140608]\nC_D_ [RURGOV 9008223-911221]\nE_F_ [RURGOV] a note\n")
    assert code(kb, "A B", "2014-06-08") == "RURGOV"
    assert code(kb, "A B", "2014-06-07") is None
    assert code(kb, "C D", "1990-08-22") == "RURGOV"
    assert code(kb, "E F") == "RURGOV"


def _error_at(load, path, line: int, reason: str) -> DictionaryError:
    with pytest.raises(DictionaryError) as caught:
        load(kbmod.KB(), path)
    assert caught.value.line == line, caught.value
    assert reason in caught.value.reason
    return caught.value


@pytest.mark.parametrize("text,line,reason", [
    ("+SYNONYM_FIRST\n", 1, "before any actor"),
    ("[RUSGOV]\n", 1, "before any actor"),
    ("A_\n+B_ [RUSGOV]\n", 2, "synonym line"),
    ("A_ [rus-gov]\n", 1, "bad code"),
    ("A_ []\n", 1, "empty code block"),
    ("A_ [RUSGOV 20201301-20210101]\n", 1, "no such day"),
    ("A_ [RUSGOV 2020-2021]\n", 1, "bad date"),
    ("A_ [RUSGOV x]\n", 1, "bad date"),
    ("A_\n# fine\n  [RUSGOV <1]\n", 3, "bad date"),
    ("A_ [RUSGOV\n", 1, "unexpected text"),
    ("A_ junk [RUSGOV] [RUSMIL\n", 1, "unexpected text"),
    ("A_ [RUSGOV] x [RUSMIL]\n", 1, "unexpected text"),
    ("  [RUSGOV] \n", 1, "before any actor"),
    ("__ [RUSGOV]\n", 1, "empty phrase"),
])
def test_malformed_actor_lines_name_file_and_line(tmp_path, text, line, reason):
    path = write(tmp_path, "bad.actors.txt", text)
    error = _error_at(petrarch.load_actors, path, line, reason)
    assert f"{path}:{line}:" in str(error)


def test_missing_and_undecodable_files_are_dictionary_errors(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read"):
        petrarch.load_actors(kbmod.KB(), tmp_path / "nowhere.txt")
    path = tmp_path / "latin1.txt"
    path.write_bytes("A_ [RUSGOV]\nJOS\xc9_ [RUSGOV]\n".encode("latin-1"))
    with pytest.raises(DictionaryError, match=":2: not UTF-8"):
        petrarch.load_actors(kbmod.KB(), path)


# ---------------------------------------------------------------- agents

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
ZOOKEEPER [~CVL]
POLICE!PERSON! [~COP]
GENDARMERY {GENDARMERIE GENDARMERIES} [~COP]
PALACE_GUARD {} [~MIL]
SECRETARY_OF_DEFENCE [~GOVMIL]
ARMY_CATERING_COMPANY [~MIL]
TRUCE_MONITOR [IGO~]
"""


@pytest.mark.parametrize("mention,expected", [
    ("Russian zookeeper", "RUSCVL"),
    ("Russian zookeepers", "RUSCVL"),             # regular plural generated
    ("Russian army catering companies", "RUSMIL"),  # consonant + y -> ies
    ("Russian policewomen", "RUSCOP"),            # substitution set
    ("Russian gendarmerie", "RUSCOP"),            # irregular plurals from {...}
    ("Russian secretary of defence", "RUSGOVMIL"),  # ~CODE is appended as written
])
def test_agents_append_their_code(tmp_path, mention, expected):
    assert code(layered(tmp_path, agents=AGENTS), mention) == expected


def test_braces_suppress_or_replace_plurals(tmp_path):
    kb = layered(tmp_path, agents=AGENTS)
    assert not [e for e in kb.lookup(("palace", "guards")) if e.phrase.startswith("PALACE")]
    assert not [e for e in kb.lookup(("gendarmerys",))]


def test_prefix_agents_are_marked(tmp_path):
    entries = [e for e in layered(tmp_path, agents=AGENTS).lookup(("truce", "monitor")) if e.kind == kbmod.AGENT]
    assert [(e.value, e.prefix) for e in entries] == [("IGO", True)]


def test_agent_layer_wins_and_keeps_actor_entries(tmp_path):
    kb = layered(tmp_path, agents="POLICE {} [~MIL]\nKREMLIN [~MED]\n")
    assert code(kb, "Turkish police") == "TURMIL"
    assert code(kbmod.builtin(), "Turkish police") == "TURCOP"
    assert {e.kind for e in kb.lookup(("kremlin",))} == {kbmod.METONYM, kbmod.AGENT}


def test_an_agent_line_without_a_code_names_no_sector(tmp_path):
    kb = layered(tmp_path, agents="ZOOKEEPER\n")
    assert [e.value for e in kb.lookup(("zookeeper",)) if e.kind == kbmod.AGENT] == [None]


@pytest.mark.parametrize("text,line,reason", [
    ("!P! = MAN, , WOMAN\n", 1, "empty item"),
    ("A!NOPE! [~GOV]\n", 1, "unknown substitution set"),
    ("A [GOV]\n", 1, "bad agent code"),
    ("A [~G O V]\n", 1, "bad agent code"),
    ("A [~GOV] [~MIL]\n", 1, "one [~CODE]"),
    ("A {B [~GOV]\n", 1, "plurals"),
    ("A } [~GOV]\n", 1, "'}' without '{'"),
    ("# ok\nB [~GOV]\nA {B} C [~GOV]\n", 3, "plurals"),
])
def test_malformed_agent_lines_name_file_and_line(tmp_path, text, line, reason):
    _error_at(petrarch.load_agents, write(tmp_path, "bad.agents.txt", text), line, reason)


def test_build_layers_and_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    actors = write(tmp_path, "a.txt", "JANE_DOE_ [RURGOV]\n")
    agents = write(tmp_path, "g.txt", "ZOOKEEPER [~CVL]\n")
    kb = petrarch.build([actors], [agents])
    assert code(kb, "Jane Doe") == "RURGOV" and code(kb, "Russian zookeeper") == "RUSCVL"
    actors.write_text("JANE_DOE_ [RURMIL]\n", encoding="utf-8")
    assert code(petrarch.build([actors], [agents]), "Jane Doe") == "RURMIL"


# ---------------------------------------------------------------- the Phoenix dictionaries

@pytest.fixture(scope="module")
def phoenix() -> kbmod.KB:
    if not SHARED.is_dir():
        pytest.skip(f"the Phoenix dictionaries are in ../shared, absent here ({SHARED})")
    return petrarch.build(sorted(SHARED.glob("Phoenix.*.actors.txt")), [SHARED / "Phoenix.agents.txt"])


def test_phoenix_dated_roles(phoenix):
    aksu = resolve_text("Abdulkadir Aksu", date(2005, 1, 1), phoenix)
    assert aksu.code == "TURGOV" and aksu.name == "ABDULKADIR AKSU"
    garcia = resolve_text("Alan Garcia", date(1987, 6, 1), phoenix)
    assert garcia.code == "PERGOV" and garcia.name == "ALAN GARCIA"   # Phoenix's record, not ours
    assert resolve_text("Alan Garcia", date(1995, 6, 1), phoenix).sector != "GOV"


def test_phoenix_keeps_the_builtins_it_does_not_redefine(phoenix):
    assert code(phoenix, "Zelenskyy", "2022-03-01") == "UKRGOV"
    assert code(phoenix, "Turkish police") == "TURCOP"
    assert code(phoenix, "NATO") == "IGOWSTNAT"
