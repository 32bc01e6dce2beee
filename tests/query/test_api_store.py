"""dragoman.open(path): a store's events, reports, series and places as DataFrames."""
import pandas as pd
import pytest

import dragoman
from dragoman.output import CSV_COLUMNS


def test_events_are_a_flat_dataframe_with_codes_as_strings(made_db):
    with dragoman.open(made_db) as store:
        frame = store.events()
        assert list(frame.columns) == list(CSV_COLUMNS) and len(frame) == 8
        aid = frame[frame["plover"] == "AID"].iloc[0]
        assert aid["cameo"] == "070" and aid["cameo_root"] == "07" and aid["day"] == pd.Timestamp("2022-03-16")
        assert pd.api.types.is_datetime64_any_dtype(frame["day"])
        assert list(store.events(country="UKR", quad=4, since="2022-03-02")["sentence_id"]) == [1, 2]
        assert store.events(country="JPN").empty and list(store.events(country="JPN").columns) == list(CSV_COLUMNS)
        assert sorted(store.mentions(plover="ASSAULT")["event_id"]) == ["e0", "e2"]


def test_series_and_places_as_dataframes(made_db):
    with dragoman.open(made_db) as store:
        series = store.series(by="dyad", period="month")
        assert list(series.columns) == ["period", "precision", "key", "events", "goldstein"]
        assert series["events"].sum() + series.attrs["undated"] + series.attrs["unkeyed"] == series.attrs["total"] == 8
        assert set(series["precision"]) == {"month", "year"}
        assert store.series(by="quad", period="year", news_only=True)["events"].sum() == 2
        places = store.places()
        assert list(places["name"]) == ["Kyiv", "Kharkiv"] and list(places["events"]) == [2, 1]


def test_to_polars(made_db):
    polars = pytest.importorskip("polars")
    with dragoman.open(made_db) as store:
        frame = store.to_polars(plover="ASSAULT")
    assert isinstance(frame, polars.DataFrame) and frame.height == 2 and frame["cameo"].to_list() == ["190", "190"]


def test_bad_filters_and_a_missing_store_are_config_errors(made_db, tmp_path):
    with dragoman.open(made_db) as store:
        with pytest.raises(dragoman.ConfigError, match="unknown filter colour"):
            store.events(colour="red")
        with pytest.raises(dragoman.ConfigError, match="bad quad"):
            store.series(quad=9)
    with pytest.raises(dragoman.ConfigError, match="dragoman ingest"):
        dragoman.open(tmp_path / "none.duckdb")


def test_code_text_takes_dictionaries_as_code_paths_does(tmp_path):
    actors = tmp_path / "my.actors.txt"
    actors.write_text("JANE_DOE_ [RURGOV]\n", encoding="utf-8")
    text = "Jane Doe met the president of Kenya in Nairobi."
    plain = dragoman.code_text(text, date="2022-01-10")
    layered = dragoman.code_text(text, date="2022-01-10", actors=[actors])
    assert layered and layered[0].source.code == "RURGOV"
    assert all((e.source.code if e.source else None) != "RURGOV" for e in plain)
    assert layered[0].provenance.published == "2022-01-10"
