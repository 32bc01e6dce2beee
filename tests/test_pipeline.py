"""Whole-sentence behaviour of the pipeline: places, unnamed local actors, unattributed
violence, actor phrases that say whom a group belongs to."""
import pytest

from dragoman import code_text
from dragoman.errors import CodingError


def _one(text, date="2005-01-01"):
    events = code_text(text, date=date)
    assert len(events) == 1, events
    return events[0]


def test_event_location_from_the_sentence():
    e = _one("German Chancellor Olaf Scholz met Chinese President Xi Jinping in Beijing on Friday.", "2022-11-07")
    assert (e.location.name, e.location.country) == ("Beijing", "CHN")
    assert abs(e.location.lat - 39.9) < 0.2 and e.location.geonameid
    assert any(note.startswith("place prep:in") for note in e.evidence.notes)


def test_dateline_place_when_the_sentence_names_none():
    text = "Talks end\n\nANKARA, March 10, 2022 — Turkey welcomed the decision of Ukraine."
    events = code_text(text)
    assert events and events[0].location.country == "TUR" and events[0].date == "2022-03-10"


def test_unnamed_local_actors_take_the_country_of_the_place():
    e = _one("Protesters gathered outside parliament in Tbilisi on Thursday.", "2023-03-10")
    assert (e.plover, e.source.country, e.source.sector) == ("PROTEST", "GEO", e.source.sector)
    assert any("placed in GEO" in note for note in e.evidence.notes)


def test_violence_without_a_named_perpetrator_is_unidentified_forces_of_the_place():
    e = _one("Three US servicemen were killed by an improvised explosive device outside of the Iraqi city of Basra.")
    assert (e.plover, e.source.code, e.target.country) == ("ASSAULT", "IRQUAF", "USA")
    assert e.source.name == "unidentified armed forces"


def test_violence_without_perpetrator_or_place_has_no_source():
    """Gold codes "two soldiers were killed" without a source: no country is made up for the
    unnamed perpetrators; with a place, they are its unidentified armed forces."""
    events = code_text("Two soldiers were killed on Monday.", date="2005-01-01")
    assert [(e.source, e.plover, e.target.text) for e in events] == [(None, "ASSAULT", "Two soldiers")]
    assert "no perpetrator named and no place: no source" in events[0].evidence.notes
    placed = code_text("Two soldiers were killed in Basra on Monday.", date="2005-01-01")
    assert [(e.source.code, e.plover) for e in placed] == [("IRQUAF", "ASSAULT")]


def test_groups_take_the_identity_of_whom_they_belong_to():
    e = _one("Some 500,000 workers affiliated with the Serbian Workers Union stopped work on Monday.", "2000-01-01")
    assert (e.plover, e.source.country) == ("PROTEST", "SRB")
    e = _one("A newspaper based in Beirut has violated a ban by the Lebanese government.", "1990-01-01")
    assert e.source.country == "LBN"


def test_without_a_document_date_relative_dates_stay_unresolved_and_say_so():
    e = _one("Russian forces shelled Kharkiv on Sunday.", date=None)
    assert e.date is None
    assert e.evidence.date_rule == "unresolved without a document date: on Sunday"
    explicit = _one("Russian forces shelled Kharkiv on 27 February 2022.", date=None)
    assert explicit.date == "2022-02-27"


def test_a_visitor_is_not_placed_where_the_visit_is():
    """Unnamed local actors take the country of the event's place, but not whoever travels
    there: a delegation arriving in Bucharest is not Romanian."""
    from dragoman import code_text

    assert not [e for e in code_text("The delegation arrived in Bucharest on Tuesday.", date="1990-01-09")
                if e.source.country == "ROU"]
    protest = code_text("Protesters gathered in Tbilisi.", date="2023-03-08")
    assert protest and protest[0].source.country == "GEO"


def test_a_sentence_whose_coding_fails_is_skipped_with_one_line_and_the_rest_goes_on(monkeypatch, capsys):
    from dragoman.events.match import Matcher

    candidates = Matcher.candidates

    def failing(self, doc):
        if "Armenia" in doc.text:
            raise ValueError("a bug")
        return candidates(self, doc)

    monkeypatch.setattr(Matcher, "candidates", failing)
    monkeypatch.setenv("DRAGOMAN_ON_ERROR", "skip")
    events = code_text("Russia attacked Ukraine. Turkey criticised Armenia. Germany praised France.", date="2022-03-01")
    assert {e.sentence_id for e in events} == {0, 2}
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "sentence 1 skipped: ValueError: a bug" in err[0] and "[E500]" in err[0]
    monkeypatch.setenv("DRAGOMAN_ON_ERROR", "raise")
    with pytest.raises(CodingError):
        code_text("Turkey criticised Armenia.", date="2022-03-01")


def test_actors_without_a_code_are_told_apart_by_their_words():
    """Two sources of no country the text tells are two events, not one kept and one lost."""
    events = code_text("Rebels and soldiers killed two people on Monday.", date="2019-03-01")
    assert sorted(e.source.text for e in events if e.source) == ["Rebels", "soldiers"]


def _told(n, plover, cameo, *, target=None, factuality="asserted", future=False):
    from dragoman.record import Actor, Event, Evidence

    return Event(event_id=f"e{n}", doc_id="d", sentence_id=0, sentence="s", date=None,
                 source=Actor("Turkish police", country="TUR", sector="COP", code="TURCOP"), target=target,
                 cameo=cameo, plover=plover, plover_mode=None, plover_context=(), goldstein=-5.0, quad_class=4,
                 evidence=Evidence("w", (0, 1), cameo), confidence=0.5, factuality=factuality, future=future)


def test_a_sentence_tells_one_event_once_whatever_its_words_cameo_code():
    """"Airstrikes killed them": the airstrikes (195) and the killing (190) are one ASSAULT of one
    dyad, and the first word stays, or the one of a more specific code; coordinated acts ("arrested and deported") are two events, and
    so are another dyad and another reading of the same words."""
    from dragoman import nlp
    from dragoman.pipeline import _told_once
    from dragoman.record import Actor

    words = {t.text: t for t in nlp.parse(["Turkish police arrested and deported 20 Syrians after airstrikes killed "
                                           "them and vowed more strikes."])[0]}
    syrians = Actor("20 Syrians", country="SYR", sector="CVL", code="SYRCVL")
    told = [(_told(1, "COERCE", "173", target=syrians), words["arrested"]),
            (_told(2, "COERCE", "174", target=syrians), words["deported"]),
            (_told(3, "ASSAULT", "190", target=syrians), words["killed"]),
            (_told(4, "ASSAULT", "195", target=syrians), words["airstrikes"]),
            (_told(5, "ASSAULT", "190"), words["killed"]),
            (_told(6, "ASSAULT", "195", target=syrians, future=True), words["strikes"])]
    assert [e.event_id for e in _told_once(told)] == ["e1", "e2", "e4", "e5", "e6"]
    # the more specific code stays, wherever its word stands; a root's 0 code is the least
    told[2] = (_told(3, "ASSAULT", "1823", target=syrians), words["killed"])
    assert [e.event_id for e in _told_once(told)] == ["e1", "e2", "e3", "e5", "e6"]
    told[2] = (_told(3, "ASSAULT", "180", target=syrians), words["killed"])
    told[3] = (_told(4, "ASSAULT", "183", target=syrians), words["airstrikes"])
    assert [e.event_id for e in _told_once(told)] == ["e1", "e2", "e4", "e5", "e6"]


def test_words_each_dated_by_their_own_words_to_other_dates_are_two_events():
    """The models read "sanctions" (2018) and the second "imposed" (Monday) as COERCE of one dyad:
    each dated by its own words, they are the background and the news, not one event."""
    from datetime import date

    from dragoman.pipeline import Coder
    from dragoman.read.text import from_text

    text = "The United States, which imposed sanctions on Iran in 2018, imposed new sanctions on Iran on Monday."
    events = Coder.default(rules_only=False).code(from_text(text, "<test>", date(2020, 1, 10)))
    assert sorted(e.date for e in events if e.plover == "COERCE") == ["2018", "2020-01-06"]


@pytest.mark.parametrize("rules_only", [True, False])
def test_a_killing_and_the_airstrike_it_was_done_by_are_one_event(rules_only):
    """"killed in a Turkish airstrike": one event, the killing, with the airstrike's doer (events/means.py)."""
    from datetime import date

    from dragoman.pipeline import Coder
    from dragoman.read.text import from_text

    text = "Two Kurdish fighters were killed in a Turkish airstrike near Afrin on Sunday."
    events = Coder.default(rules_only=rules_only).code(from_text(text, "<test>", date(2018, 2, 12)))
    assaults = [e for e in events if e.plover == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].source.country == "TUR" and "fighters" in assaults[0].target.text
