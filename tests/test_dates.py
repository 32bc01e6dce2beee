"""Dates from sentence text and the document date (dragoman.dates)."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.dates import QUALIFIER, When, event_date, find_dates, unresolved_expressions
from tests.conftest import SHARED, need_shared

FRI = date(2022, 1, 28)   # a Friday


def only(text: str, ref: date | None, future_tense: bool = False) -> When:
    found = find_dates(text, ref, future_tense=future_tense)
    assert len(found) == 1, found
    return found[0]


def values(text: str, ref: date | None, future_tense: bool = False) -> list[str]:
    return [w.value for w in find_dates(text, ref, future_tense=future_tense)]


# --- explicit dates -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, precision", [
    ("Putin meets Erdoğan in Sochi on September 29, 2021.", "2021-09-29", "day"),
    ("The talks opened on Sept. 29, 2021 in Sochi.", "2021-09-29", "day"),
    ("The talks opened on Sept 29 2021 in Sochi.", "2021-09-29", "day"),
    ("The summit was held on 29 September 2021.", "2021-09-29", "day"),
    ("The accord was signed on the 29th of September, 2021.", "2021-09-29", "day"),
    ("The report is dated 2021-09-29.", "2021-09-29", "day"),
    ("The report is dated 2021/09/29.", "2021-09-29", "day"),
    ("The WHO declared a pandemic on 12 March 2020.", "2020-03-12", "day"),
    ("Lockdowns began in March 2020.", "2020-03", "month"),
    ("Elections were held in May 2019.", "2019-05", "month"),
    ("The ceasefire collapsed in 2006.", "2006", "year"),
    ("Russia's 2014 annexation of Crimea drew sanctions.", "2014", "year"),
    ("Zelensky won the 2019 presidential election.", "2019", "year"),
    ("Fighting flared again in mid-2015.", "2015", "year"),
    # a span of years: its first year
    ("He recalled the 1980-88 war between the two states.", "1980", "year"),
    ("The stockpile was destroyed in 2013-14.", "2013", "year"),
    ("Thousands crossed the border from 2013–2015.", "2013", "year"),
])
def test_explicit_dates(text, value, precision):
    when = only(text, FRI)
    assert (when.value, when.precision) == (value, precision)
    assert when.rule in ("explicit", "year")
    assert when.future is False
    assert text[when.start:when.end] == when.text


def test_explicit_date_text_has_no_preposition():
    when = only("Putin meets Erdoğan in Sochi on September 29, 2021.", FRI)
    assert when.text == "September 29, 2021"
    assert when.rule == "explicit"


def test_weekday_before_explicit_date_is_one_expression():
    when = only("He spoke on Wednesday, Sept. 29, 2021 in Sochi.", FRI)
    assert (when.value, when.text) == ("2021-09-29", "Wednesday, Sept. 29, 2021")


def test_explicit_dates_need_no_document_date():
    assert values("Putin meets Erdoğan in Sochi on September 29, 2021.", None) == ["2021-09-29"]
    assert values("It happened in 2006 and in March 2020.", None) == ["2006", "2020-03"]


def test_explicit_date_after_document_date_is_future():
    when = only("Elections are set for October 30, 2022.", FRI)
    assert when.future is True
    assert only("Emissions must fall by 2030.", FRI).future is True


def test_numbers_that_are_no_span_of_years():
    assert values("The vote was 2014-2011 against.", FRI) == []
    assert values("The report is dated 2021-09-29.", FRI) == ["2021-09-29"]


@pytest.mark.parametrize("text, value", [
    ("From late 2014 until her capture in May the following year, she cooked for him.", "2015-05"),
    ("In August 2016 the family said she had been killed in an airstrike that May.", "2016-05"),
    ("Airstrikes began in September 2014, and troops were sent the following year.", "2015"),
    ("In 2017 the agency resettled half as many as the year before.", "2016"),
])
def test_dates_told_against_an_earlier_date_of_the_sentence(text, value):
    found = find_dates(text, FRI)
    assert found[-1].value == value and found[-1].rule == "anaphoric"


def test_no_earlier_date_no_anaphoric_date():
    assert find_dates("Troops were sent the following year.", FRI) == []
    assert values("In 2015 he said that May would resign.", FRI) == ["2015"]


@pytest.mark.parametrize("text, value, precision", [
    ("The league may re-admit Syria, seven years after expelling it.", "2015", "year"),
    ("These developments come five months after the regime took the south.", "2021-08", "month"),
    ("The bombing came just days after the trucks departed.", "2022-01-25", "day"),
    ("On Monday the statement came, a day before the president headed to Beijing.", "2022-01-25", "day"),
    ("Troops withdrew on Monday, two weeks after rebels kidnapped dozens.", "2022-01", "month"),
    ("Troops withdrew on 1 March 2021, two weeks after rebels kidnapped dozens.", "2021-02", "month"),
    ("In 2014, a year after Isis seized Mosul, the group declared a caliphate.", "2013", "year"),
    ("He left in May, two months after the coup.", "2021-03", "month"),
])
def test_an_interval_dates_what_follows_it_from_the_date_the_sentence_tells_of(text, value, precision):
    """"N weeks after X": X happened N weeks before the date the sentence gives (at its
    precision), else the document's; "before" looks ahead of it."""
    when = find_dates(text, FRI)[-1]
    assert (when.value, when.precision, when.rule, when.future) == (value, precision, "interval", False)


@pytest.mark.parametrize("text", [
    "She was kidnapped the day after her third birthday.",   # a day after the birthday, undated here
    "Years after the war, the town is still in ruins.",      # too vague
    "He arrived after the talks and left before the vote.",
    "Day after day the shelling went on.",
    "Rebels left every day before the vote.",
    "In the final days before the vote, rebels attacked.",
    "Rebels attacked in the 10 days before the vote.",
    "There were 2014 days after the war.",
    "She testified for three days before the committee.",
    # "before" counted from the document's date would date a past event tomorrow
    "Rebels withdrew from the town, a day before the army attacked it.",
])
def test_no_interval_without_a_length_from_a_date_told(text):
    assert [w for w in find_dates(text, FRI) if w.rule == "interval"] == []


def test_an_interval_needs_the_document_date_and_dates_no_sentence():
    assert find_dates("The league may re-admit Syria, seven years after expelling it.", None) == []
    assert find_dates("It fell a year before.", date(9999, 12, 31)) == []   # past the calendar's end
    assert event_date("Two weeks after the coup, rebels attacked.", FRI) is None


def test_since_dates_are_kept_on_request():
    from dragoman.dates import event_dates
    text = "The coalition has fought the militants since 2014."
    assert event_dates(text, FRI) == []
    assert [w.value for w in event_dates(text, FRI, since=True)] == ["2014"]
    assert event_dates("The rebels held the town until 2016.", FRI, since=True) == []


@pytest.mark.parametrize("text, value", [
    ("France played a role in the 1994 genocide.", "1994"),
    ("Major nations signed the 1925 Geneva Protocol.", "1925"),
    ("Iran marked the 1979 seizure of the embassy.", "1979"),
])
def test_a_year_between_an_article_and_its_word_qualifies_it(text, value):
    when = only(text, FRI)
    assert (when.value, when.precision, when.rule) == (value, "year", QUALIFIER)


def test_a_year_that_qualifies_a_noun_is_no_anchor_for_an_interval():
    text = "Survivors of the 1994 genocide marched, two days after rebels attacked a camp."
    assert [w.value for w in find_dates(text, FRI) if w.rule == "interval"] == ["2022-01-26"]


def test_impossible_date_gives_nothing():
    assert find_dates("The deal was signed on February 30, 2021.", FRI) == []


# --- years that are not years ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Some 4,000 troops crossed the border.",
    "About 2014 people were evacuated.",
    "The army's 2000 soldiers were redeployed.",
    "The 2000 soldiers were redeployed.",
    "Rebels crossed the 2000 km border.",
    "They formed a 2500-strong force.",
    "The 1900 who fled came back.",
    "Of the 2000 in the camp, half were children.",
    "The 2000 people fled.",
    "The 2000 Syrian refugees returned.",
    "He paid a 2000 euro fine.",
    "The 2000 detained were freed.",
    "Officials said that 2000 people were killed.",
    "Troops fired during a 2000 GMT curfew.",
    "Officials counted the 2000 dead.",
    "Prices rose 2021% in a decade.",
    "In the 1990s, the region was calm.",
])
def test_quantities_and_decades_are_not_dates(text):
    assert find_dates(text, FRI) == []


def test_year_ranges():
    assert values("Fighting lasted from 2014 to 2016.", FRI) == ["2014", "2016"]
    assert values("between 2014 and 2016", FRI) == ["2014", "2016"]


# --- weekdays -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, ref, value", [
    ("He said in televised remarks on Wednesday", FRI, "2022-01-26"),
    ("Russian forces shelled the city of Kharkiv on Sunday", date(2022, 3, 1), "2022-02-27"),
    ("Scholz met Xi in Beijing on Friday.", date(2022, 11, 7), "2022-11-04"),
    ("The cabinet met on Friday.", FRI, "2022-01-28"),          # the same day counts
    ("Protesters gathered Wednesday night.", FRI, "2022-01-26"),
    ("Talks resumed last Thursday.", FRI, "2022-01-27"),
    ("Talks resumed last Friday.", FRI, "2022-01-21"),          # "last" is strictly before
])
def test_weekday_in_the_past(text, ref, value):
    when = only(text, ref)
    assert (when.value, when.precision, when.rule, when.future) == (value, "day", "weekday", False)


def test_weekday_span_keeps_on():
    when = only("He said in televised remarks on Wednesday", FRI)
    assert when.text == "on Wednesday"
    assert (when.start, when.end) == (29, 41)


@pytest.mark.parametrize("text, future_tense, value", [
    ("The ministers will meet on Wednesday.", True, "2022-02-02"),
    ("The ministers will meet on Friday.", True, "2022-02-04"),
    ("The ministers meet next Wednesday.", False, "2022-02-02"),
    ("The ministers meet this coming Monday.", False, "2022-01-31"),
])
def test_weekday_ahead(text, future_tense, value):
    when = only(text, FRI, future_tense)
    assert (when.value, when.future) == (value, True)


def test_weekday_in_names_is_not_a_date():
    assert find_dates("the Sunday Times reported", FRI) == []
    assert find_dates("He told USA Today that talks failed.", FRI) == []


# --- relative days and periods -------------------------------------------------------------

@pytest.mark.parametrize("text, value, rule, future", [
    ("Troops withdrew yesterday.", "2022-01-27", "relative-day", False),
    ("Troops withdrew the day before yesterday.", "2022-01-26", "relative-day", False),
    ("Troops withdraw today.", "2022-01-28", "relative-day", False),
    ("Troops withdrew this morning.", "2022-01-28", "relative-day", False),
    ("Troops withdrew last night.", "2022-01-27", "relative-day", False),
    ("Troops withdraw tomorrow.", "2022-01-29", "relative-day", True),
    ("Troops withdrew two days ago.", "2022-01-26", "relative-day", False),
    ("Troops withdrew 3 days ago.", "2022-01-25", "relative-day", False),
    ("Troops withdrew a week ago.", "2022-01-21", "relative-day", False),
    ("Troops withdrew last week.", "2022-01-21", "relative-period", False),
    ("Troops withdraw next week.", "2022-02-04", "relative-period", True),
    ("Troops withdrew over the weekend.", "2022-01-22", "relative-period", False),
])
def test_relative_days(text, value, rule, future):
    when = only(text, FRI)
    assert (when.value, when.precision, when.rule, when.future) == (value, "day", rule, future)


@pytest.mark.parametrize("text, ref, value, precision, future", [
    ("The European Union imposed new sanctions on Belarus last month.", date(2021, 7, 15),
     "2021-06", "month", False),
    ("Sanctions were imposed last month.", FRI, "2021-12", "month", False),
    ("Sanctions were imposed earlier this month.", FRI, "2022-01", "month", False),
    ("Sanctions will be imposed next month.", FRI, "2022-02", "month", True),
    ("Sanctions were imposed three months ago.", FRI, "2021-10", "month", False),
    ("Sanctions were imposed last year.", FRI, "2021", "year", False),
    ("Sanctions were imposed this year.", FRI, "2022", "year", False),
    ("Sanctions will be imposed next year.", FRI, "2023", "year", True),
])
def test_relative_periods(text, ref, value, precision, future):
    when = only(text, ref)
    assert (when.value, when.precision, when.rule, when.future) == (value, precision, "relative-period", future)


# --- months and day-months without a year --------------------------------------------------

def test_future_month():
    text = "Erdoğan is expected to travel to Kyiv for talks in early February"
    when = only(text, FRI, future_tense=True)
    assert (when.value, when.precision, when.rule, when.future) == ("2022-02", "month", "month", True)


@pytest.mark.parametrize("text, future_tense, value", [
    ("Talks collapsed in February.", False, "2021-02"),          # later month, past: last year
    ("Talks collapsed in mid-January.", False, "2022-01"),
    ("Talks collapsed in late December.", False, "2021-12"),
    ("Talks collapsed last January.", False, "2021-01"),         # "last" is strictly before
    ("Talks resume next January.", False, "2023-01"),
    ("Talks will resume in December.", True, "2022-12"),
    ("Talks resume this March.", False, "2022-03"),
])
def test_month_without_year(text, future_tense, value):
    assert only(text, FRI, future_tense).value == value


# --- seasons --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, ref, future_tense, value", [
    ("The battle for the city ended in the autumn.", date(2022, 1, 14), False, "2021"),   # the latest begun
    ("The envoy was captured in the summer.", date(2021, 10, 12), False, "2021"),
    ("Talks broke down last summer.", date(2021, 7, 20), False, "2020"),                 # not yet over
    ("Talks broke down last summer.", date(2021, 11, 2), False, "2021"),
    ("The parties meet again this spring.", date(2022, 1, 14), False, "2022"),
    ("Troops will withdraw in the spring.", date(2021, 10, 12), True, "2022"),
    ("Rebels took the town in the winter of 2015.", date(2022, 1, 14), False, "2015"),
])
def test_a_season_is_dated_to_its_year(text, ref, future_tense, value):
    when = only(text, ref, future_tense)
    assert (when.value, when.precision, when.rule) == (value, "year", "season")


@pytest.mark.parametrize("text", ["The Arab spring toppled the regime.", "It ended in the fall of the capital.",
                                  "Fighters fall back every winter."])
def test_season_words_that_are_not_dates(text):
    assert find_dates(text, FRI) == []


@pytest.mark.parametrize("future_tense, value", [(False, "2021-02-03"), (True, "2022-02-03")])
def test_day_month_without_year(future_tense, value):
    when = only("The delegations meet on 3 February", FRI, future_tense)
    assert (when.value, when.rule, when.text, when.future) == (value, "day-month", "on 3 February", future_tense)
    assert only("The delegations met Feb 3", FRI).value == "2021-02-03"
    assert only("The delegations met on January 3rd", FRI).value == "2022-01-03"


def test_leap_day_without_year_finds_a_leap_year():
    assert only("They met on 29 February", FRI).value == "2020-02-29"


@pytest.mark.parametrize("text", [
    "Theresa May said the deal was dead.",
    "May said the deal was dead.",
    "Ministers may meet again.",
    "Pressure on May grew.",
    "Jan Kubis said the talks failed.",
    "Thousands joined the Women's March.",
    "June Carter sang.",
    "a protest march through the city",
])
def test_month_words_that_are_not_dates(text):
    assert find_dates(text, FRI) == []


# --- without a document date ----------------------------------------------------------------

def test_no_ref_keeps_only_explicit_dates():
    text = "He said on Wednesday that the talks of September 29, 2021 had failed."
    assert values(text, None) == ["2021-09-29"]
    assert unresolved_expressions(text) == ["on Wednesday"]
    assert unresolved_expressions("He said in televised remarks on Wednesday") == ["on Wednesday"]
    assert find_dates("He said in televised remarks on Wednesday", None) == []


def test_unresolved_lists_relative_expressions_in_order():
    text = "They met yesterday and will meet again in early February and on 3 March in 2022."
    assert unresolved_expressions(text) == ["yesterday", "in early February", "on 3 March"]


# --- several expressions and the event date -------------------------------------------------

def test_find_dates_in_text_order():
    text = "yesterday two days ago next week last Thursday in 2006 12 March 2020"
    assert values(text, FRI) == ["2022-01-27", "2022-01-26", "2022-02-04", "2022-01-27",
                                 "2006", "2020-03-12"]


@pytest.mark.parametrize("text, ref, value", [
    ("On Wednesday Russia, which annexed Crimea in 2014, massed troops.", FRI, "2022-01-26"),
    ("Russia has occupied Crimea since 2014 and shelled Kharkiv on Sunday.", date(2022, 3, 1),
     "2022-02-27"),
    ("Last month the EU said that on 3 February 2021 it had warned Minsk.", FRI, "2021-02-03"),
    ("Russia's 2014 annexation of Crimea was condemned again.", FRI, "2014"),
    ("The rebels, in control since March, attacked in 2021.", FRI, "2021"),
    ("The minister, born on 3 May 1960, resigned yesterday.", FRI, "2022-01-27"),
])
def test_event_date(text, ref, value):
    assert event_date(text, ref).value == value


def test_event_date_none():
    assert event_date("Russia has occupied Crimea since 2014.", FRI) is None
    assert event_date("Theresa May said", FRI) is None
    assert event_date("He said in televised remarks on Wednesday", None) is None


def test_event_date_future():
    when = event_date("Erdoğan is expected to travel to Kyiv in early February", FRI, future_tense=True)
    assert (when.value, when.future) == ("2022-02", True)


# --- invariant ------------------------------------------------------------------------------

POOL = [
    "on Wednesday", "Wednesday night", "last Thursday", "next Monday", "yesterday", "today",
    "tomorrow", "the day before yesterday", "two days ago", "12 days ago", "a week ago",
    "last week", "next week", "over the weekend", "last month", "next month", "this year",
    "three years ago", "in early February", "mid-December", "last January", "in May",
    "on 3 February", "29 February", "Feb 30", "Sept. 29", "September 29, 2021",
    "29 February 2021", "2021-13-40", "0000-01-01", "9999-12-31", "March 2020", "in 2006",
    "since 2014", "Russia's 2014 annexation", "4,000 troops", "2014 people", "Theresa May",
    "the 1990s", "on 31 April", "Putin", "said", "the", ",", "and", "in", "on",
    "seven years after", "a day before", "weeks after", "day after day", "12 months before",
    "on Tuesday last week", "Sunday of next week", "29.09.2021", "31.13.2021", "two hours ago",
    "a fortnight ago", "99 hours ago",
]
VALUE = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(POOL), max_size=8),
       ref=st.one_of(st.none(), st.dates()), future_tense=st.booleans())
def test_find_dates_never_raises_and_gives_valid_values(words, ref, future_tense):
    text = " ".join(words)
    found = find_dates(text, ref, future_tense=future_tense)
    assert [w.start for w in found] == sorted(w.start for w in found)
    for when in found:
        assert re.fullmatch(VALUE[when.precision], when.value)
        date.fromisoformat(when.value + {"day": "", "month": "-01", "year": "-01-01"}[when.precision])
        assert text[when.start:when.end] == when.text
    unresolved_expressions(text)
    event_date(text, ref, future_tense=future_tense)


# --- more forms: weeks, dotted dates, hours and fortnights ----------------------------------

@pytest.mark.parametrize("text, value, future", [
    ("They met on Tuesday last week.", "2022-01-18", False),     # FRI's week starts 2022-01-24
    ("They met on Friday of last week.", "2022-01-21", False),
    ("They met on Wednesday this week.", "2022-01-26", False),
    ("They meet on Monday next week.", "2022-01-31", True),
    ("They met on Thursday the previous week.", "2022-01-20", False),
])
def test_weekday_of_a_week(text, value, future):
    when = only(text, FRI)
    assert (when.value, when.precision, when.rule, when.future) == (value, "day", "weekday", future)


@pytest.mark.parametrize("text, value", [
    ("Fighting erupted on 29.09.2021.", "2021-09-29"),
    ("Fighting erupted on 1.02.2021.", "2021-02-01"),
])
def test_dotted_dates_are_day_month_year(text, value):
    when = only(text, None)
    assert (when.value, when.rule) == (value, "explicit")


@pytest.mark.parametrize("text", ["Version 1.2.2021 was released.", "It cost 12.50.2021 units."])
def test_dotted_numbers_that_are_not_dates(text):
    assert find_dates(text, FRI) == []


@pytest.mark.parametrize("text, value", [
    ("The raid happened two hours ago.", "2022-01-28"),
    ("The raid happened 48 hours ago.", "2022-01-26"),
    ("The raid happened a fortnight ago.", "2022-01-14"),
])
def test_hours_and_fortnights_ago(text, value):
    when = only(text, FRI)
    assert (when.value, when.precision, when.rule) == (value, "day", "relative-day")


def test_every_form_of_the_issue_without_a_document_date():
    """Relative forms stay unresolved without the document date, and are named; explicit ones
    are resolved anyway."""
    text = ("on Wednesday, yesterday, last Thursday, two days ago, next week, next month, "
            "in early February, on 3 February, on September 29, 2021, 12 March 2020, in 2006")
    assert values(text, None) == ["2021-09-29", "2020-03-12", "2006"]
    assert unresolved_expressions(text) == [
        "on Wednesday", "yesterday", "last Thursday", "two days ago", "next week", "next month",
        "in early February", "on 3 February"]


def test_dev_gold_dates():
    gold = need_shared(SHARED / "data" / "dates_places_dev.gold.jsonl")
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        future = bool(re.search(r"\b(?:will|is expected to)\b", record["text"]))
        when = event_date(record["text"], date.fromisoformat(record["date"]), future_tense=future)
        assert when is not None and when.value == record["gold"][0]["date"], (record["id"], when)


def _date_phrases() -> list[str]:
    """Sentences holding every kind of date expression the rules know, and some holding none."""
    from dragoman.dates import MONTH_ABBREVIATIONS, MONTH_NAMES, NUMBERS, RELATIVE_DAYS, WEEKDAYS

    phrases = [f"They met on {m.title()} 3, 2021." for m in MONTH_NAMES]
    phrases += [f"It happened in early {m.title()} and on {a.title()}. 9." for m, a in zip(MONTH_NAMES, MONTH_ABBREVIATIONS)]
    phrases += [f"Talks resumed last {w.title()} night, and again on {w.title()} of next week." for w in WEEKDAYS]
    phrases += [f"Troops left {r} after {n} days ago, {n} months ago." for r, n in zip(RELATIVE_DAYS, NUMBERS)]
    phrases += ["in the autumn of 2014", "last summer", "the Arab spring"]
    phrases += ["Russia's 2014 annexation", "on 2021-09-29", "on 29.09.2021", "later this year", "over the weekend",
                "a fortnight ago", "Officials said nothing.", "The army's 2000 soldiers were there."]
    return phrases


def test_the_quick_tests_for_a_date_never_hide_one(monkeypatch):
    from dragoman import dates

    texts = _date_phrases()
    gated = [dates._matches(t) for t in texts]
    # Ungated: every rule runs on every text.
    monkeypatch.setattr(dates, "_ANY_DATE", re.compile("(?P<anything>)"))
    monkeypatch.setattr(dates, "RULES", tuple(replace(rule, needs=frozenset()) for rule in dates.RULES))
    assert [[(r.name, m.span()) for r, m in found] for found in gated] == \
           [[(r.name, m.span()) for r, m in dates._matches(t)] for t in texts]
    assert any(gated) and not all(gated)
