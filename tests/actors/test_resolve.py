"""Mention + date -> actor, with the built-in dictionaries."""
from datetime import date

import pytest

from dragoman.actors.resolve import resolve_text


@pytest.mark.parametrize("mention,day,code", [
    ("President Vladimir Putin", "2015-05-01", "RUSGOV"),
    ("Putin", "2010-06-01", "RUSGOV"),            # prime minister then
    ("Russian Foreign Minister Sergei Lavrov", "2020-01-01", "RUSGOV"),
    ("Moscow", "2022-01-28", "RUSGOV"),           # a capital stands for the government
    ("the Kremlin", "2022-01-28", "RUSGOV"),
    ("Turkish police", "2021-05-01", "TURCOP"),
    ("Ukrainian soldiers", "2022-03-01", "UKRMIL"),
    ("Montenegro's prime minister", "2005-01-01", "MNEGOV"),
    ("Georgian President Eduard Shevardnadze", "2003-11-23", "GEOGOV"),
    ("Egyptian protesters", "2011-01-28", "EGY"),
])
def test_country_and_sector(mention, day, code):
    actor = resolve_text(mention, date.fromisoformat(day))
    assert actor.code.startswith(code), actor


def test_zelensky_is_government_only_from_2019():
    assert resolve_text("Zelensky", date(2022, 3, 1)).code == "UKRGOV"
    assert resolve_text("Zelenskyy", date(2022, 3, 1)).code == "UKRGOV"
    assert resolve_text("Zelensky", date(2015, 1, 1)).sector != "GOV"


def test_diacritics_do_not_matter():
    assert resolve_text("Erdoğan", date(2022, 1, 1)).code == resolve_text("Erdogan", date(2022, 1, 1)).code == "TURGOV"


@pytest.mark.parametrize("mention,prefix", [("NATO", "IGO"), ("the African Union", "IGO"),
                                            ("Human Rights Watch", "NGO"), ("Islamic State", "IMG")])
def test_international_actors_have_no_country(mention, prefix):
    actor = resolve_text(mention, date(2020, 3, 1))
    assert actor.country is None and actor.code.startswith(prefix)


def test_unknown_mention_gives_empty_actor():
    actor = resolve_text("the quick brown fox", date(2020, 1, 1))
    assert actor.to_dict() == {"text": "the quick brown fox", "name": None, "country": None, "sector": None,
                               "code": None, "found": "text"}


@pytest.mark.parametrize("mention, code, how", [
    ("Russia", "RUS", "dictionary"),                  # a country entry
    ("Vladimir Putin", "RUSGOV", "dictionary"),       # a person with a dated role
    ("Turkish police", "TURCOP", "agent"),            # built: a country and an agent word
    ("former Georgian leaders", "GEOELI", "agent"),   # built: a former official of a country
    ("the police", None, "text"),                     # an agent word alone, placed by nothing
])
def test_actor_says_how_it_was_found(mention, code, how):
    actor = resolve_text(mention, date(2020, 3, 1))
    assert (actor.code, actor.how, actor.to_dict()["found"]) == (code, how, how)


def test_former_official_is_elite():
    assert resolve_text("former Georgian president", date(2010, 1, 1)).code == "GEOELI"


def test_a_family_name_is_told_apart_by_date():
    assert resolve_text("Bush", date(1990, 6, 1)).name == "George H. W. Bush"
    assert resolve_text("Bush", date(2005, 6, 1)).name == "George W. Bush"
    assert resolve_text("Bush", date(2015, 6, 1)).code == "USAELI"
    assert resolve_text("Aliyev", date(2010, 6, 1)).code == "AZEGOV"
