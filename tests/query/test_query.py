"""The query functions on a store of events made by hand: exact counts, zeros, what is left apart."""
from datetime import date

import pytest

from dragoman.output import CSV_COLUMNS
from dragoman.query import Filters, count, dyads, events, mentions, places, series
from dragoman.query.tables import SCHEMA


def _ids(store, **filters) -> set[int]:
    """The events kept, by the sentence of their report (corpus.EVENTS' numbers)."""
    return set(events(store, Filters(**filters)).column("sentence_id").to_pylist())


@pytest.mark.parametrize("filters, kept", [
    ({}, {0, 1, 2, 3, 4, 5, 6, 7}),
    ({"since": "2022-03-02"}, {1, 2, 3, 5}),                 # the month 2022-03 and the year 2022 began before
    ({"until": "2022-03"}, {0, 1, 3, 5, 7}),
    ({"since": "2022", "until": "2022"}, {0, 1, 2, 3, 4, 5, 7}),   # undated: left out by any date
    ({"country": "UKR"}, {0, 1, 2, 3, 4, 6, 7}),
    ({"source_country": "RUS"}, {0, 1, 2, 4, 5}),
    ({"target_country": ["RUS"]}, {6, 7}),
    ({"actor": "RUSMIL"}, {1}),
    ({"actor": "RUS"}, {0, 1, 2, 4, 5, 6, 7}),                # a prefix: RUS and RUSMIL, either side
    ({"actor": "IGO"}, {3}),
    ({"plover": "ASSAULT"}, {0, 2}),
    ({"cameo": "19"}, {0, 2}),
    ({"cameo": ["17", "07"]}, {1, 3}),
    ({"quad": 3}, {4, 6, 7}),
    ({"quad": [1, 2]}, {3, 5}),
    ({"min_confidence": 0.7}, {0, 2, 3}),
    ({"news_only": True}, {2, 4}),                            # not planned, not a week older than the article
    ({"country": "UKR", "quad": 4, "since": "2022-03-02"}, {1, 2}),
    ({"country": "JPN"}, set()),
])
def test_each_filter_keeps_its_events(made, filters, kept):
    assert _ids(made, **filters) == kept
    assert count(made, Filters(**filters)) == len(kept)


def test_events_are_flat_rows_with_codes_as_strings_and_provenance(made):
    table = events(made)
    assert table.schema == SCHEMA and tuple(table.column_names) == CSV_COLUMNS
    row = next(r for r in table.to_pylist() if r["sentence_id"] == 3)
    assert row["cameo"] == "070" and row["cameo_root"] == "07" and row["day"] == date(2022, 3, 16)
    assert row["source_code"] == "IGOWSTNAT" and row["source_country"] is None and row["target_name"] == "Ukraine"
    assert (row["doc_source"], row["doc_url"], row["doc_date"]) == ("Example Wire", "https://example.org/d",
                                                                    date(2022, 4, 10))
    assert row["event_id"] == row["dedup_id"] and row["num_mentions"] == 1
    month = next(r for r in table.to_pylist() if r["sentence_id"] == 7)
    assert (month["date"], month["day"], month["date_precision"]) == ("2022-03", date(2022, 3, 1), "month")
    assert events(made, Filters(country="JPN")).schema == SCHEMA
    # a stored event happened or is planned (the store refuses the others)
    for rows in (table.to_pylist(), mentions(made).to_pylist()):
        assert all(r["factuality"] == ("planned" if r["future"] else "asserted") for r in rows)
    assert events(made, limit=3, offset=1).num_rows == 3


def test_mentions_are_the_reports_with_their_events(made):
    table = mentions(made).to_pylist()
    assert sorted(r["event_id"] for r in table) == [f"e{n}" for n in range(8)]
    ids = {r["sentence_id"]: r["event_id"] for r in events(made).to_pylist()}
    assert all(r["dedup_id"] == ids[r["sentence_id"]] for r in table)
    assert [r["event_id"] for r in mentions(made, Filters(plover="ASSAULT")).to_pylist()] == ["e0", "e2"]


def test_series_by_dyad_and_month_counts_zeros_and_what_is_apart(made):
    s = series(made, "dyad", "month")
    assert s.periods == (date(2022, 3, 1), date(2022, 4, 1)) and s.end == date(2022, 4, 30)
    assert s.keys == ("RUS → UKR", "IGO → UKR", "UKR → RUS")
    assert [(c.period.month, c.key, c.events, c.goldstein) for c in s.counts] == [
        (3, "RUS → UKR", 2, -15.0), (4, "RUS → UKR", 1, -10.0), (3, "IGO → UKR", 1, 7.0), (4, "IGO → UKR", 0, 0.0),
        (3, "UKR → RUS", 1, -2.0), (4, "UKR → RUS", 0, 0.0)]
    assert [(c.date, c.precision, c.key, c.events) for c in s.coarser] == [("2022", "year", "RUS → UKR", 1)]
    assert (s.undated, s.unkeyed, s.total) == (1, 1, 8)   # undated; no target
    assert sum(c.events for c in s.counts) + sum(c.events for c in s.coarser) + s.undated + s.unkeyed == s.total


def test_series_by_week_is_a_calendar_with_empty_weeks(made):
    s = series(made, "dyad", "week")
    assert s.periods == tuple(date(2022, m, d) for m, d in ((2, 28), (3, 7), (3, 14), (3, 21), (3, 28), (4, 4)))
    rus = [c.events for c in s.counts if c.key == "RUS → UKR"]
    assert rus == [2, 0, 0, 0, 0, 1]
    assert {(c.date, c.precision) for c in s.coarser} == {("2022", "year"), ("2022-03", "month")}


def test_series_by_country_counts_either_side_once(made):
    s = series(made, "country", "month")
    assert s.keys == ("RUS", "UKR", "IGO")
    by = {(c.key, c.period.month): c.events for c in s.counts}
    assert by == {("RUS", 3): 4, ("RUS", 4): 1, ("UKR", 3): 4, ("UKR", 4): 1, ("IGO", 3): 1, ("IGO", 4): 0}
    asked = series(made, "country", "month", Filters(country="UKR"))
    assert asked.keys == ("UKR",) and asked.total == 7


def test_series_by_quad_and_by_plover_per_day(made):
    s = series(made, "quad", "year")
    assert s.periods == (date(2022, 1, 1),) and s.keys == ("4", "3", "1", "2") and s.label("4") == "4 material conflict"
    assert [c.events for c in s.counts] == [3, 2, 1, 1]
    days = series(made, "plover", "day", Filters(since="2022-03-01", until="2022-03-03"))
    assert days.periods == (date(2022, 3, 1), date(2022, 3, 2), date(2022, 3, 3))
    assert [(c.key, c.events) for c in days.counts] == [("ASSAULT", 1), ("ASSAULT", 0), ("ASSAULT", 0),
                                                        ("COERCE", 0), ("COERCE", 1), ("COERCE", 0)]


def test_an_empty_result_is_an_empty_series(made):
    s = series(made, "country", "month", Filters(country="JPN"))
    assert (s.periods, s.keys, s.counts, s.total, s.start) == ((), (), (), 0, None)
    given = series(made, "plover", "month", Filters(country="JPN", since="2022-01", until="2022-03"))
    assert len(given.periods) == 3 and given.counts == ()


def test_dyads_list_periods_with_events_and_count_the_rest(made):
    found = dyads(made, "month")
    assert [(d.period.month, d.source, d.target, d.events, d.goldstein) for d in found.rows] == [
        (3, "RUS", "UKR", 2, -15.0), (3, "IGO", "UKR", 1, 7.0), (3, "UKR", "RUS", 1, -2.0), (4, "RUS", "UKR", 1, -10.0)]
    assert (found.no_target, found.coarser, found.undated) == (1, 1, 1)
    assert dyads(made, "year").coarser == 0


def test_places_count_events_where_they_happened(made):
    found = places(made)
    assert [(p.name, p.events, p.goldstein) for p in found.rows] == [("Kyiv", 2, -20.0), ("Kharkiv", 1, -5.0)]
    assert found.unplaced == 5 and found.placed == 3
    assert places(made, Filters(since="2022-04")).rows[0].events == 1


def test_unknown_series_and_period_are_config_errors(made):
    from dragoman.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown series key"):
        series(made, "actor", "month")
    with pytest.raises(ConfigError, match="unknown period"):
        series(made, "country", "quarter")
