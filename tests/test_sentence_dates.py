"""Which event of a sentence a date phrase dates (pipeline.SentenceDates), read from the parse:
a date belongs to the trigger above it, a relative clause keeps its own time, a trigger governed by
a dated one shares its date, and "since 2014" dates only what is told as past."""
from datetime import date

import pytest

from dragoman import code_text, dates, nlp
from dragoman.pipeline import SentenceDates
from dragoman.record import Sentence

REF = date(2018, 3, 16)   # a Friday


def _dating(text: str, *words: str):
    """The sentence parsed, its SentenceDates with the given words as event triggers, and the
    triggers' tokens."""
    parsed = nlp.parse([text])[0]
    tokens = [next(t for t in parsed if t.text == word) for word in words]
    return SentenceDates(parsed, Sentence("t", 0, text, "body"), REF, tokens), tokens


def _value(when):
    return when.value if when else None


def test_a_date_in_a_relative_clause_does_not_date_the_main_event():
    dating, (attacked,) = _dating("The rebels, who seized the town in 2014, attacked the convoy.", "attacked")
    assert dating.for_trigger(attacked, False) is None


def test_a_date_of_the_main_clause_does_not_date_a_relative_clause():
    text = "Tensions rose last week after the ministry said that fighters whom it had armed would form a border force."
    dating, (rose, armed) = _dating(text, "rose", "armed")
    assert _value(dating.for_trigger(rose, False)) == "2018-03-09"
    assert dating.for_trigger(armed, False) is None
    # ... and the arming is not the article's news either: it is left undated.
    assert dating.cut_off(armed, False) and not dating.cut_off(rose, False)


def test_a_relative_clause_of_time_shares_the_date():
    dating, (shot,) = _dating("Relations were at their worst in 2016, when Turkey shot down a Russian jet.", "shot")
    assert _value(dating.for_trigger(shot, False)) == "2016"


def test_a_governed_event_takes_the_date_of_the_event_above_it():
    text = "In 2015 the army attacked the town and arrested its mayor."
    dating, (attacked, arrested) = _dating(text, "attacked", "arrested")
    assert _value(dating.for_trigger(attacked, False)) == "2015"
    assert _value(dating.for_trigger(arrested, False)) == "2015"


def test_a_planned_event_does_not_take_the_date_of_the_announcement():
    dating, (announced, withdraw) = _dating("On Monday the president announced that troops would withdraw.",
                                           "announced", "withdraw")
    assert _value(dating.for_trigger(announced, False)) == "2018-03-12"
    assert dating.for_trigger(withdraw, True) is None


def test_a_date_of_another_event_stays_with_it():
    dating, (recognised, annexation) = _dating("Kyiv never recognised Russia's 2014 annexation of Crimea.",
                                              "recognised", "annexation")
    assert dating.for_trigger(recognised, False) is None
    assert _value(dating.for_trigger(annexation, False)) == "2014"


@pytest.mark.parametrize("background, value", [(True, "2014"), (False, None)])
def test_since_dates_only_the_background(background, value):
    dating, (fought,) = _dating("The coalition has fought the militants since 2014.", "fought")
    assert _value(dating.for_trigger(fought, False, background)) == value


def test_an_event_in_a_relative_clause_is_not_given_the_articles_date():
    # Rules only (no time model): the main event is news, dated by "last week"; the relative
    # clause's event is older and undated, not dated to the article's day.
    text = "Turkey condemned last week the fighters whom the United States had armed."
    events = code_text(text, date="2018-03-16")
    armed = [e for e in events if e.evidence.trigger == "armed"]
    assert armed and all(e.date is None for e in armed)


def test_an_interval_dates_the_event_after_it_and_not_the_main_one():
    text = "Hundreds of troops withdrew on Monday, two weeks after rebels kidnapped dozens of peacekeepers."
    dating, (withdrew, kidnapped) = _dating(text, "withdrew", "kidnapped")
    assert _value(dating.for_trigger(withdrew, False)) == "2018-03-12"
    assert _value(dating.for_trigger(kidnapped, False, True)) == "2018-02"


def test_an_interval_with_no_event_after_it_dates_nothing():
    text = "One month after the storm, the decision still resonates."
    dating, (resonates,) = _dating(text, "resonates")
    assert [w.rule for w in dates.event_dates(text, REF)] == ["interval"]
    assert dating.for_trigger(resonates, False) is None and dating._placed(False) == []


def test_an_interval_after_a_preposition_dates_its_object():
    text = "Douma surrendered a few days after the chemical attack."
    dating, (surrendered, attack) = _dating(text, "surrendered", "attack")
    assert _value(dating.for_trigger(attack, False, True)) == "2018-03-13"
    assert dating.for_trigger(surrendered, False) is None


def test_a_year_between_an_article_and_its_noun_dates_that_phrase_and_what_happened_in_it():
    """"the 2009 crackdown": the crackdown, and the killing "in" it; not an event the phrase is
    only the object of, nor one above another verb."""
    dating, (killed, crackdown) = _dating("The army killed hundreds of protesters in the 2009 crackdown.",
                                          "killed", "crackdown")
    assert [_value(dating.for_trigger(t, False, True)) for t in (killed, crackdown)] == ["2009", "2009"]
    dating, (killed,) = _dating("The 2016 airstrike killed 20 civilians in Raqqa.", "killed")
    assert _value(dating.for_trigger(killed, False, True)) == "2016"   # the subject's year
    dating, (condemned,) = _dating("Russia condemned the 1994 genocide.", "condemned")
    assert dating.for_trigger(condemned, False, True) is None
    text = "Paris rejected allegations that it had played a role in the 1994 genocide."
    dating, (allegations,) = _dating(text, "allegations")
    assert dating.for_trigger(allegations, False, True) is None
