"""Filters: values checked once (a bad one is a ConfigError naming it), SQL with bound parameters."""
from datetime import date

import pytest

from dragoman.errors import ConfigError
from dragoman.query import Filters


def test_dates_codes_and_numbers_are_read_and_normalised():
    f = Filters(since="2018", until="2019-02", country="syr", source_country=["tur", "RUS"], actor="rusgov",
                plover="protest", cameo=["14", "0731"], quad=["4", 3], min_confidence="0.5", news_only=True)
    assert (f.since, f.until) == (date(2018, 1, 1), date(2019, 2, 28))
    assert f.country == ("SYR",) and f.source_country == ("TUR", "RUS") and f.actor == ("RUSGOV",)
    assert f.plover == ("PROTEST",) and f.cameo == ("14", "0731") and f.quad == (4, 3) and f.min_confidence == 0.5
    assert Filters(since=date(2020, 5, 6), until="2020-05-06").until == date(2020, 5, 6)
    assert Filters(until="2020").until == date(2020, 12, 31)


@pytest.mark.parametrize("field, value, says", [
    ("since", "2018-13", "bad since '2018-13'"), ("until", "yesterday", "bad until"),
    ("since", "2018-00", "bad since"), ("until", "2018-06-00", "bad until"),
    ("since", 2018, "since must be a date"), ("country", "SYRIA", "bad country 'SYRIA'"),
    ("target_country", "UK", "bad target_country 'UK'"), ("actor", "RUS%", "bad actor 'RUS%'"),
    ("actor", "RU", "bad actor"), ("plover", "RIOT", "bad plover 'RIOT'"), ("cameo", "21", "bad cameo '21'"),
    ("cameo", "7", "bad cameo"), ("cameo", "14a", "bad cameo"), ("quad", 5, "bad quad '5'"), ("quad", "x", "bad quad"),
    ("quad", True, "bad quad"), ("min_confidence", "high", "bad min_confidence"), ("min_confidence", 1.5, "bad min"),
    ("news_only", "yes", "news_only must be True or False"),
])
def test_a_bad_value_is_a_config_error_naming_it(field, value, says):
    with pytest.raises(ConfigError, match=says) as caught:
        Filters(**{field: value})
    assert "\n" not in str(caught.value) and str(caught.value).startswith("[E400]")


def test_since_after_until_is_refused():
    with pytest.raises(ConfigError, match="is after until"):
        Filters(since="2020-02", until="2020-01")


def test_values_are_bound_never_written_into_the_sql():
    f = Filters(since="2018-01-01", country="SYR", target_country="TUR", actor=["RUSGOV", "IGO"], plover="PROTEST",
                cameo="145", quad=4, min_confidence=0.25, news_only=True)
    sql, params = f.where()
    for value in ("SYR", "TUR", "RUSGOV", "IGO", "PROTEST", "145", "0.25", "2018"):
        assert value not in sql
    assert sql.count("?") == len(params)
    assert params == [date(2018, 1, 1), "SYR", "SYR", "TUR", "PROTEST", 4, "RUSGOV", "RUSGOV", "IGO", "IGO", "145", 0.25]
    assert Filters().where() == ("TRUE", [])


def test_describe_and_to_dict_name_what_is_set():
    f = Filters(plover="PROTEST", country="SYR", since="2018", news_only=True)
    assert f.describe() == "PROTEST, SYR, news only, since 2018-01-01"
    assert Filters().describe() == "all events"
    assert f.to_dict() == {"since": "2018-01-01", "country": ["SYR"], "plover": ["PROTEST"], "news_only": True}
