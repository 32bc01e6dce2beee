import json
from datetime import date

import pandas as pd
import pytest

from dragoman.errors import ConfigError
from dragoman.record import Actor, Document, Event, Evidence, Location
from dragoman.store import open_store
from dragoman.store.export import GDELT_COLUMNS, MENTION_COLUMNS, export

FRANCE = Actor("French officials", name="France", country="FRA", sector="GOV", code="FRAGOV", start=0, end=16)
LEBANON = Actor("Lebanon", name="Lebanon", country="LBN", code="LBN", start=30, end=37)


def _event(doc_id, n, **changes):
    fields = dict(event_id=f"{doc_id}-{n}", doc_id=doc_id, sentence_id=n,
                  sentence='French officials\tsent "aid" to Lebanon.', date="2021-05-04", source=FRANCE,
                  target=LEBANON, cameo="0731", plover="AID", plover_mode=None, plover_context=(), goldstein=7.4,
                  quad_class=2, evidence=Evidence("sent", (17, 21), "073/send aid > to", source_rule="subject"),
                  confidence=0.8)
    fields.update(changes)
    return Event(**fields)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "x.duckdb")
    beirut = Location("Beirut", country="LBN", lat=33.89, lon=35.5, geonameid=276781)
    store.write(Document(id="a", text="x" * 120, date=date(2021, 5, 4), url="https://www.example.org/a"),
                [_event("a", 0, location=beirut), _event("a", 3, cameo="111", goldstein=-2.0, quad_class=3)])
    store.write(Document(id="b", text="y" * 80, date=date(2021, 5, 5), origin="feed.jsonl:2"),
                [_event("b", 5, location=beirut),
                 _event("b", 6, date="2021-06", target=None, cameo="190", location=Location("Lebanon", country="LBN")),
                 _event("b", 7, date=None, source=Actor("he", name="France", country="FRA", code="FRA"),
                        evidence=Evidence("sent", (3, 7), "p", source_rule="pronoun"))])
    yield store
    store.close()


def _gdelt(store, tmp_path) -> pd.DataFrame:
    out = tmp_path / "events.CSV"
    assert export(store, "gdelt", out) == 4
    return pd.read_csv(out, sep="\t", header=None, dtype=str, keep_default_na=False)


def test_gdelt_export_has_61_columns_and_loads_with_pandas(store, tmp_path):
    table = _gdelt(store, tmp_path)
    assert table.shape == (4, GDELT_COLUMNS)
    with open(tmp_path / "events.CSV", encoding="utf-8") as lines:
        assert all(len(line.rstrip("\n").split("\t")) == GDELT_COLUMNS for line in lines)


def test_gdelt_fields_of_an_event_reported_twice(store, tmp_path):
    table = _gdelt(store, tmp_path)
    aid = table[(table[26] == "0731") & (table[53] == "LE")]
    assert len(aid) == 1
    row = aid.iloc[0].tolist()
    event_id, added = store.con.execute("SELECT event_id, added FROM events WHERE cameo = '0731' "
                                        "AND location_name = 'Beirut'").fetchone()
    assert row[0] == str(int(event_id[:15], 16))
    assert row[1:5] == ["20210504", "202105", "2021", f"{2021 + (5 * 30 + 4) / 365:.4f}"]
    assert row[5:8] == ["FRAGOV", "FRANCE", "FRA"] and row[12] == "GOV"
    assert row[15:18] == ["LBN", "LEBANON", "LBN"]
    assert row[25:31] == ["1", "0731", "073", "07", "2", "7.4"]   # root event: a report in sentence 0
    assert row[31:35] == ["2", "2", "2", "0"]                     # mentions, sources, articles, tone
    assert row[35] == "0" and row[43] == "0"                      # actor places are not coded
    assert row[51:59] == ["4", "Beirut, Lebanon", "LE", "", "", "33.89", "35.5", "276781"]
    assert row[59] == added.strftime("%Y%m%d%H%M%S")
    assert row[60] == "https://www.example.org/a"


def test_gdelt_month_dates_country_places_and_undated_events(store, tmp_path):
    table = _gdelt(store, tmp_path).set_index(26)
    assert table.loc["190", 1] == "20210601" and table.loc["190", 51] == "1"
    assert table.loc["190", 52] == "Lebanon" and table.loc["190", 53] == "LE" and table.loc["190", 54] == "LE"
    assert table.loc["190", 29] == "4" and table.loc["111", 29] == "3"
    undated = _gdelt(store, tmp_path)
    undated = undated[(undated[1] == "") & (undated[26] == "0731")]
    assert len(undated) == 1 and undated.iloc[0][60] == "feed.jsonl:2"


def test_mentions_export_has_the_16_gdelt_columns(store, tmp_path):
    out = tmp_path / "mentions.CSV"
    assert export(store, "mentions", out) == 5
    table = pd.read_csv(out, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert table.shape == (5, MENTION_COLUMNS)
    first = table.iloc[0].tolist()
    assert first[3:7] == ["1", "example.org", "https://www.example.org/a", "1"]   # web, site, url, 1-based sentence
    assert first[7:13] == ["0", "30", "17", "1", "80", "120"]
    pronoun = table[table[6] == "8"].iloc[0].tolist()
    assert pronoun[3] == "2" and pronoun[5] == "feed.jsonl:2" and pronoun[10] == "0"
    no_target = table[table[6] == "7"].iloc[0].tolist()
    assert no_target[8] == "-1"
    events = set(_gdelt(store, tmp_path)[0])
    assert set(table[0]) == events


def test_jsonl_events_carry_their_reports_and_mentions_are_the_coded_records(store, tmp_path):
    assert export(store, "jsonl", tmp_path / "events.jsonl") == 4
    events = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    twice = next(e for e in events if e["num_mentions"] == 2)
    assert [m["event_id"] for m in twice["mentions"]] == ["a-0", "b-5"]
    assert twice["mentions"][0]["source"]["code"] == "FRAGOV"
    assert export(store, "jsonl", tmp_path / "mentions.jsonl", table="mentions") == 5
    records = [json.loads(line) for line in (tmp_path / "mentions.jsonl").read_text().splitlines()]
    assert records[0] == _event("a", 0, location=Location("Beirut", country="LBN", lat=33.89, lon=35.5,
                                                          geonameid=276781)).to_dict()


def test_csv_and_parquet_hold_the_events_or_the_mentions(store, tmp_path):
    assert export(store, "csv", tmp_path / "events.csv") == 4
    assert export(store, "parquet", tmp_path / "mentions.parquet", table="mentions") == 5
    events = pd.read_csv(tmp_path / "events.csv")
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert len(events) == 4 and {"event_id", "num_mentions", "cameo"} <= set(events.columns)
    assert len(mentions) == 5 and set(mentions["dedup_id"]) == set(events["event_id"])


def test_unknown_format_is_a_config_error(store, tmp_path):
    with pytest.raises(ConfigError):
        export(store, "xml", tmp_path / "x")


def test_gdelt_actors_of_no_code_are_their_type_and_no_source_is_empty(tmp_path):
    """"Coalition forces" of no country told is MIL, as GDELT codes actors of unknown country; an
    event without a source ("two people were killed") has empty Actor1 fields."""
    store = open_store(tmp_path / "t.duckdb")
    forces = Actor("Coalition forces", sector="MIL", start=0, end=16)
    store.write(Document(id="c", text="z" * 60, date=date(2021, 5, 4)),
                [_event("c", 0, source=forces), _event("c", 1, source=None, cameo="190", goldstein=-10.0, quad_class=4)])
    out = tmp_path / "events.CSV"
    assert export(store, "gdelt", out) == 2
    store.close()
    table = pd.read_csv(out, sep="\t", header=None, dtype=str, keep_default_na=False).set_index(26)
    assert (table.loc["0731", 5], table.loc["0731", 6], table.loc["0731", 12]) == ("MIL", "COALITION FORCES", "MIL")
    assert (table.loc["190", 5], table.loc["190", 6]) == ("", "")


def test_a_source_named_in_another_sentence_is_not_in_the_raw_text():
    """GDELT's InRawText: 0 where the source is a pronoun or was named before the event's sentence."""
    from dragoman.record import EARLIER
    from dragoman.store.export import gdelt_mention

    row = {"global_id": 1, "added": None, "coded_at": None, "url": None, "site": None, "origin": "f.jsonl:1",
           "sentence_id": 2, "source_start": None, "target_start": 30, "trigger_start": 17, "confidence": 0.5,
           "chars": 80}
    assert [gdelt_mention({**row, "source_rule": rule})[10] for rule in (EARLIER, "pronoun", "subject")] == [0, 0, 1]
    assert gdelt_mention({**row, "source_rule": EARLIER})[7] == -1   # no offset: not in the sentence
