"""The built-in people's roles follow the coding principles that checking them against Phoenix
brought out (bench/phoenix_people.py, issue 13, item 5). Each test names its principle."""
from __future__ import annotations

import re
from datetime import date

import pytest

from dragoman import datafiles
from dragoman.actors import kb as kbmod

HEADER = kbmod.NAMED_HEADER


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, int, dict[str, str]]]:
    folder = kbmod.data_dir() / "people"
    return [(path.name, number, row) for path in sorted(folder.glob("*.tsv"))
            for number, row in datafiles.rows(path, HEADER)]


@pytest.fixture(scope="module")
def people() -> dict[str, kbmod.Named]:
    found = {}
    for entries in kbmod.builtin().phrases.values():
        for entry in entries:
            if entry.kind == kbmod.PERSON and not entry.value.petrarch:
                found[entry.value.name] = entry.value
    return found


def _where(rows, test) -> list[str]:
    return [f"{name}:{number}: {row['name']} {row['code']} ({row['role']})" for name, number, row in rows
            if test(row)]


def test_no_role_is_hidden_by_another_on_every_day_of_it(people):
    """Of the roles that hold on a day, resolution takes the one begun last; a role recorded and
    never given is a mistake (a long background role written after a short office inside it)."""
    hidden = []
    for person in people.values():
        for role in person.roles:
            if role.start is None:
                continue
            days = sorted({role.start} | {d for other in person.roles for d in (other.start, other.end)
                                          if d and role.covers(d)})
            if not any(person.code_on(day) == (role.code, f"role:{role.role}") for day in days):
                hidden.append(f"{person.name}: {role.code} {role.role} {role.start}-{role.end}")
    assert not hidden, hidden


def test_overlapping_roles_resolve_to_the_office_begun_last(people):
    burjanadze = people["Nino Burjanadze"]
    assert burjanadze.code_on(date(2003, 12, 1))[0] == "GEOGOV"     # acting president
    assert burjanadze.code_on(date(2005, 1, 1))[0] == "GEOLEG"      # chair of parliament
    assert people["Gulbuddin Hekmatyar"].code_on(date(1994, 1, 1))[0] == "AFGGOV"
    assert people["Gulbuddin Hekmatyar"].code_on(date(1995, 1, 1))[0] == "AFGREB"


def test_without_a_date_the_role_held_last_resolves(people):
    """Not the role begun last: Buthelezi led his party before, during and after his ministry."""
    buthelezi = people["Mangosuthu Buthelezi"]
    assert buthelezi.code_on(date(2000, 1, 1))[0] == "ZAFGOV" and buthelezi.code_on(None)[0] == "ZAFOPP"


def test_heads_of_organisations_take_the_organisations_code(rows):
    codes = {row["code"] for _, row in datafiles.rows(kbmod.data_dir() / "organisations.tsv", HEADER)}
    assert not _where(rows, lambda r: r["code"][:3] in ("IGO", "NGO", "IMG") and len(r["code"]) > 3
                      and r["code"] not in codes)


def test_heads_of_intelligence_services_are_spy(rows):
    intelligence = re.compile(r"intelligence (chief|director)|director of (national|central) intelligence|"
                              r"CIA director|intelligence \((SVR|SIN)\)|National Intelligence Organization", re.I)
    assert not _where(rows, lambda r: intelligence.search(r["role"]) and r["code"][3:6] != "SPY")


def test_ministers_of_justice_and_attorneys_general_are_government(rows):
    assert not _where(rows, lambda r: re.fullmatch(r"(attorney general|justice minister)", r["role"])
                      and r["code"][3:6] != "GOV")


def test_heads_of_state_and_junta_chairmen_are_government(rows):
    heads = re.compile(r"head of state|junta (leader|chairman)|junta \(.*\) chairman", re.I)
    assert not _where(rows, lambda r: heads.search(r["role"]) and not re.search(r"acting head of state", r["role"])
                      and r["code"][3:6] != "GOV")
