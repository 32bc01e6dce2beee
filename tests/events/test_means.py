"""One event told by a verb and by the noun of the act it was done by (events/means.py)."""
from types import SimpleNamespace

import pytest

from dragoman import nlp
from dragoman.actors.mentions import Found
from dragoman.events.match import Candidate
from dragoman.events.means import merged
from dragoman.record import Actor


def _parsed(text: str):
    return {t.text: t for t in nlp.parse([text])[0]}


def _found(token, code: str, start: int | None = None) -> Found:
    start = token.i if start is None else start
    return Found(Actor(token.text, code=code, country=code[:3]), start, token.i + 1, False)


def _candidate(token, code: str, sources=(), targets=(), **kw) -> Candidate:
    return Candidate(code, "test", token, list(sources), list(targets), "subject", "object", **kw)


class _Actors:
    """SentenceActors as merged() reads it: the dictionary's matches by token, and the actors at a word."""

    def __init__(self, actors: dict):
        self.actors = actors
        self.by_token = {token.i: SimpleNamespace(entries=[SimpleNamespace(kind=kind)])
                         for token, (kind, _) in actors.items()}

    def at(self, token):
        return [found for word, (_, found) in self.actors.items() if word.i == token.i]


NONE = _Actors({})


def test_the_verb_takes_the_doer_the_noun_of_its_means_names():
    w = _parsed("Four children were killed in a Russian airstrike.")
    children = _found(w["children"], "SYRCVL", start=w["Four"].i)
    killed = _candidate(w["killed"], "190", targets=[children])
    airstrike = _candidate(w["airstrike"], "195", sources=[_found(w["Russian"], "RUS")], targets=[children])
    out = merged([killed, airstrike], NONE)
    assert out == [killed]
    assert [s.actor.code for s in killed.sources] == ["RUS"] and killed.targets == [children]
    assert killed.code == "195"   # the more specific code of the two
    assert "airstrike" in killed.notes[-1]


def test_a_doer_found_outside_the_nouns_own_phrase_is_not_taken():
    """"a drone strike in Raqqa": the town the strike was in did not strike; the strike is still
    the killing told again, so one event stays, without a doer."""
    w = _parsed("Emwazi was killed by a drone strike in Raqqa.")
    killed = _candidate(w["killed"], "190", targets=[_found(w["Emwazi"], "GBRCVL")])
    strike = _candidate(w["strike"], "195", sources=[_found(w["Raqqa"], "SYR")])
    assert merged([killed, strike], NONE) == [killed]
    assert killed.sources == []


def test_a_subject_noun_with_its_own_agent():
    w = _parsed("A suicide bombing claimed by the Islamic State killed four Americans.")
    state = Found(Actor("the Islamic State", code="IMGMOSISI"), w["the"].i, w["State"].i + 1, False)
    killed = _candidate(w["killed"], "190", sources=[_found(w["Americans"], "USA")],
                        targets=[_found(w["Americans"], "USA")])
    bombing = _candidate(w["bombing"], "183", sources=[state])
    assert merged([killed, bombing], NONE) == [killed]
    assert [s.actor.code for s in killed.sources] == ["IMGMOSISI"]


def test_the_nouns_modifiers_name_the_doer_where_the_models_chose_none_but_not_a_town():
    w = _parsed("Two soldiers were killed in US airstrikes.")
    us = _found(w["US"], "USA")
    killed = _candidate(w["killed"], "190")
    airstrikes = _candidate(w["airstrikes"], "195")
    assert merged([killed, airstrikes], _Actors({w["US"]: ("country", us)})) == [killed]
    assert killed.sources == [us]
    w = _parsed("Rebels were killed in the Afrin offensive.")
    afrin = _found(w["Afrin"], "SYR")
    killed = _candidate(w["killed"], "190")
    offensive = _candidate(w["offensive"], "190")
    assert merged([killed, offensive], _Actors({w["Afrin"]: ("city", afrin)})) == [killed]
    assert killed.sources == []


@pytest.mark.parametrize("change", [{"factuality": "hypothetical"}, {"future": True}, {"negated": True}, {"code": "173"}])
def test_another_reading_or_type_is_another_event(change):
    w = _parsed("Four children were killed in a Russian airstrike.")
    killed = _candidate(w["killed"], "190")
    airstrike = _candidate(w["airstrike"], **{"code": "195", **change})
    assert merged([killed, airstrike], NONE) == [killed, airstrike]


def test_talks_held_during_a_visit_are_two_meetings():
    """"during" joins violence to its means ("died during the shelling"), not talks to a visit."""
    w = _parsed("Petraeus held talks with Suleiman during a visit to Beirut.")
    held, visit = _candidate(w["held"], "040"), _candidate(w["visit"], "042")
    assert merged([held, visit], NONE) == [held, visit]


def test_a_passive_subject_underwent_the_act_it_was_not_done_by():
    """"An attack by Kurdish fighters was repulsed by Turkish troops": two acts, not one."""
    w = _parsed("An attack by Kurdish fighters was repulsed by Turkish troops.")
    repulsed, attack = _candidate(w["repulsed"], "190"), _candidate(w["attack"], "190")
    assert merged([repulsed, attack], NONE) == [repulsed, attack]


def test_the_verbs_own_doer_stays_where_the_noun_is_only_its_means():
    """"Israel killed a Hamas commander in a Gaza airstrike": Israel's killing, whatever the noun names."""
    w = _parsed("Israel killed a Hamas commander in a Gaza airstrike.")
    israel, gaza = _found(w["Israel"], "ISR"), _found(w["Gaza"], "PSE")
    killed = _candidate(w["killed"], "190", sources=[israel])
    airstrike = _candidate(w["airstrike"], "195", sources=[gaza])
    assert merged([killed, airstrike], _Actors({w["Gaza"]: ("country", gaza)})) == [killed]
    assert killed.sources == [israel] and killed.code == "195"


def test_a_town_or_a_by_phrase_further_down_names_no_doer():
    w = _parsed("Two soldiers were killed in a Kabul bombing.")
    kabul = _found(w["Kabul"], "AFG")
    killed = _candidate(w["killed"], "190")
    bombing = _candidate(w["bombing"], "183", sources=[kabul])
    assert merged([killed, bombing], _Actors({w["Kabul"]: ("capital", kabul)})) == [killed]
    assert killed.sources == []
    w = _parsed("Ten people were killed in an attack on a base run by US forces.")
    forces = Found(Actor("US forces", code="USAMIL", country="USA"), w["US"].i, w["forces"].i + 1, False)
    killed = _candidate(w["killed"], "190")
    attack = _candidate(w["attack"], "190", sources=[forces])
    assert merged([killed, attack], _Actors({w["US"]: ("country", forces)})) == [killed]
    assert killed.sources == []


def test_a_doer_the_nouns_words_name_says_so_in_its_provenance():
    w = _parsed("Two soldiers were killed in US airstrikes.")
    us = _found(w["US"], "USA")
    killed, airstrikes = _candidate(w["killed"], "190"), _candidate(w["airstrikes"], "195")
    merged([killed, airstrikes], _Actors({w["US"]: ("country", us)}))
    assert killed.source_rule == "means"


def test_a_capital_in_the_possessive_is_its_government_and_a_victims_country_is_the_place():
    """"Moscow's airstrikes" are Russia's; "a Gaza airstrike" that killed Palestinians is where, not who."""
    w = _parsed("Dozens of civilians were killed in Moscow's airstrikes on Idlib.")
    moscow = _found(w["Moscow"], "RUSGOV")
    killed, airstrikes = _candidate(w["killed"], "190"), _candidate(w["airstrikes"], "195")
    merged([killed, airstrikes], _Actors({w["Moscow"]: ("capital", moscow)}))
    assert killed.sources == [moscow]
    w = _parsed("Two Palestinians were killed in a Gaza airstrike.")
    victims, gaza = _found(w["Palestinians"], "PSECVL", start=w["Two"].i), _found(w["Gaza"], "PSE")
    killed, airstrike = _candidate(w["killed"], "190", targets=[victims]), _candidate(w["airstrike"], "195")
    merged([killed, airstrike], _Actors({w["Gaza"]: ("country", gaza)}))
    assert killed.sources == []


def test_the_more_specific_word_gives_its_pattern_and_plover_reading_too():
    w = _parsed("Four children were killed in a Russian airstrike.")
    killed = _candidate(w["killed"], "190")
    airstrike = _candidate(w["airstrike"], "195", sources=[_found(w["Russian"], "RUS")], plover_mode="aerial")
    airstrike.pattern = "195/airstrike"
    merged([killed, airstrike], NONE)
    assert (killed.code, killed.pattern, killed.plover_mode) == ("195", "195/airstrike", "aerial")
