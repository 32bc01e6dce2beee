"""The commands on a store of short texts coded by the rules: export, series, dyads and map with
their filters, empty results and bad filter values (one line, exit status 2); wire copies
deduplicated; provenance from the input to every output."""
import csv
import io
import json

import pandas as pd
import pytest

import dragoman
from dragoman.output import CSV_COLUMNS
from dragoman.store.export import GDELT_EVENT_HEADER

from .conftest import run
from .corpus import MORE, write_jsonl


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    return lines[0]


def test_three_wire_versions_of_one_detention_are_one_event_with_three_reports(coded_db, tmp_path):
    assert run("export", "--db", coded_db, "--format", "csv", "--cameo", "17", "--actor", "TURCOP",
               "-o", tmp_path / "e.csv").exit_code == 0
    [event] = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == ("3", "3", "3")
    assert (event["date"], event["cameo"], event["target_code"], event["location_name"]) == \
        ("2021-05-04", "173", "TURMED", "Istanbul")
    # The representative report is the earliest document's first: AP's and Reuters' are of the
    # same day; their ids decide.
    assert event["doc_id"] == "ap-detention" and event["doc_source"] == "AP"
    assert run("export", "--db", coded_db, "--format", "csv", "--table", "mentions", "--cameo", "17",
               "--actor", "TURCOP", "-o", tmp_path / "m.csv").exit_code == 0
    reports = list(csv.DictReader(open(tmp_path / "m.csv", encoding="utf-8")))
    assert {r["dedup_id"] for r in reports} == {event["event_id"]}
    assert sorted(r["doc_source"] for r in reports) == ["AP", "BBC", "Reuters"]
    assert {r["doc_url"] for r in reports} == {"https://apnews.example/article/turkey-journalist",
                                               "https://www.bbc.example/news/world-europe-1",
                                               "https://www.reuters.example/world/turkey-detention"}


def test_export_csv_has_the_layout_of_code_csv_and_keeps_codes_as_strings(coded_db, tmp_path):
    coded = run("code", write_jsonl(tmp_path / "one.jsonl", MORE[2:]), "--format", "csv")
    assert run("export", "--db", coded_db, "--format", "csv", "-o", tmp_path / "e.csv").exit_code == 0
    header = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == CSV_COLUMNS and coded.stdout.splitlines()[0] == header
    frame = dragoman.read_csv(tmp_path / "e.csv")
    aid = frame[frame["plover"] == "AID"].iloc[0]
    assert aid["cameo"] == "073" and aid["cameo_root"] == "07" and str(aid["day"].date()) == "2019-01-10"
    assert run("export", "--db", coded_db, "--format", "parquet", "-o", tmp_path / "e.parquet").exit_code == 0
    parquet = pd.read_parquet(tmp_path / "e.parquet")
    assert list(parquet.columns) == list(CSV_COLUMNS) and "073" in set(parquet["cameo"])
    assert len(parquet) == len(frame)


def test_code_csv_prints_the_same_columns_and_the_provenance(tmp_path):
    source = tmp_path / "feed.csv"
    source.write_text(',date,text,source\n12,2019-01-10,"France sent humanitarian aid to Lebanon on Thursday.",'
                      'Example News\n', encoding="utf-8")
    result = run("code", source, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert (rows[0]["doc_id"], rows[0]["doc_source"], rows[0]["cameo"]) == ("12", "Example News", "073")
    assert rows[0]["doc_origin"].endswith("feed.csv:2") and rows[0]["day"] == "2019-01-10"
    line = json.loads(run("code", source).stdout.splitlines()[0])
    assert line["provenance"] == {"source": "Example News", "url": None, "title": None, "published": "2019-01-10",
                                  "origin": f"{source}:2"}


def test_gdelt_export_with_a_header_and_filters(coded_db, tmp_path):
    out = tmp_path / "g.tsv"
    assert run("export", "--db", coded_db, "--format", "gdelt", "--header", "--country", "SYR", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_EVENT_HEADER and len(GDELT_EVENT_HEADER) == 61
    table = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert len(table) >= 2 and set(table["EventCode"]) >= {"141", "194"}
    assert all("SYR" in (a, b) for a, b in zip(table["Actor1CountryCode"], table["Actor2CountryCode"]))
    mentions = tmp_path / "m.tsv"
    assert run("export", "--db", coded_db, "--format", "mentions", "--header", "--country", "SYR",
               "-o", mentions).exit_code == 0
    assert mentions.read_text(encoding="utf-8").startswith("GLOBALEVENTID\tEventTimeDate")


def test_an_export_with_no_event_kept_writes_the_header_alone(coded_db, tmp_path):
    result = run("export", "--db", coded_db, "--format", "csv", "--country", "JPN", "-o", tmp_path / "e.csv")
    assert result.exit_code == 0 and "wrote 0 records" in result.stderr
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines() == [",".join(CSV_COLUMNS)]


def test_series_as_table_csv_json_and_png(coded_db, tmp_path):
    table = run("series", "--db", coded_db, "--by", "plover", "--period", "month", "--since", "2019-01",
                "--until", "2019-03")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split("|")[0].strip() == "period" and [line[:7] for line in lines[2:5]] == \
        ["2019-01", "2019-02", "2019-03"]
    assert "4 events (since 2019-01-01, until 2019-03-31)" in table.stderr
    as_csv = run("series", "--db", coded_db, "--by", "country", "--period", "week", "--country", "SYR",
                 "-o", tmp_path / "s.csv")
    rows = list(csv.DictReader(open(tmp_path / "s.csv", encoding="utf-8")))
    assert as_csv.exit_code == 0 and {r["key"] for r in rows} == {"SYR"}
    assert [r["events"] for r in rows if r["precision"] == "week"][:1] == ["1"]
    assert any(r["events"] == "0" for r in rows)   # the weeks between the shelling and the protest
    as_json = json.loads(run("series", "--db", coded_db, "--by", "country", "--format", "json").stdout)
    assert as_json["by"] == "country" and as_json["undated"] == 0 and as_json["total"] >= 6
    assert [(c["date"], c["key"]) for c in as_json["coarser"]] == [("2014", "RUS")]   # Crimea, dated to its year
    dyad = json.loads(run("series", "--db", coded_db, "--by", "dyad", "--format", "json").stdout)
    assert dyad["unkeyed"] >= 1 and dyad["coarser"] == []   # Crimea has no target
    png = run("series", "--db", coded_db, "--by", "quad", "--period", "month", "--news-only", "-o", tmp_path / "q.png")
    assert png.exit_code == 0 and (tmp_path / "q.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_series_and_dyads_of_nothing(coded_db, tmp_path):
    empty = run("series", "--db", coded_db, "--country", "JPN")
    assert empty.exit_code == 0 and "0 events" in empty.stderr and "no dated events" in empty.stderr
    assert run("series", "--db", coded_db, "--country", "JPN", "-o", tmp_path / "e.png").exit_code == 0
    assert (tmp_path / "e.png").stat().st_size > 1000
    dyads = run("dyads", "--db", coded_db, "--country", "JPN", "--format", "csv")
    assert dyads.exit_code == 0 and dyads.stdout.splitlines() == ["period,source,target,events,goldstein"]


def test_dyads_with_filters_in_each_format(coded_db, tmp_path):
    table = run("dyads", "--db", coded_db, "--period", "month", "--png", tmp_path / "d.png")
    assert table.exit_code == 0 and any("TUR" in line for line in table.stdout.splitlines()[2:])
    assert "without a source or a target" in table.stderr and (tmp_path / "d.png").stat().st_size > 1000
    rows = list(csv.DictReader(io.StringIO(run("dyads", "--db", coded_db, "--format", "csv", "--quad", "4",
                                               "--period", "week").stdout)))
    assert {(r["source"], r["target"]) for r in rows} >= {("TUR", "TUR"), ("RUS", "SYR")}
    found = json.loads(run("dyads", "--db", coded_db, "--format", "json", "--source-country", "FRA").stdout)
    assert [(r["source"], r["target"], r["events"]) for r in found["rows"]] == [("FRA", "LBN", 1)]
    assert found["filters"] == {"source_country": ["FRA"]}


def test_map_as_png_and_as_a_self_contained_page(coded_db, tmp_path):
    png = run("map", "--db", coded_db, "-o", tmp_path / "m.png")
    assert png.exit_code == 0 and (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "events at" in png.stderr
    page = run("map", "--db", coded_db, "--country", "SYR", "-o", tmp_path / "m.html")
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert page.exit_code == 0 and "<svg" in html and "Idlib" in html and "Istanbul" not in html
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in html
    assert html.count("<path") > 20   # country outlines
    empty = run("map", "--db", coded_db, "--country", "JPN", "-o", tmp_path / "none.png")
    assert empty.exit_code == 0 and "0 events at 0 places" in empty.stderr


@pytest.mark.parametrize("command", [["export", "--format", "csv", "-o", "x.csv"], ["series"], ["dyads"],
                                     ["map", "-o", "x.png"]])
@pytest.mark.parametrize("option, value", [("--since", "2019-13-01"), ("--country", "Syria"), ("--quad", "5"),
                                           ("--min-confidence", "2"), ("--plover", "RIOT"), ("--cameo", "99")])
def test_a_bad_filter_value_is_bad_usage_in_one_line(coded_db, tmp_path, command, option, value):
    args = [a if a not in ("x.csv", "x.png") else tmp_path / a for a in command]
    result = run(*args[:1], "--db", coded_db, *args[1:], option, value)
    assert result.exit_code == 2
    assert _one_line(result.stderr).startswith("dragoman: [E400] bad ")
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.png").exists()


def test_a_map_of_another_kind_is_bad_usage(coded_db, tmp_path):
    result = run("map", "--db", coded_db, "-o", tmp_path / "map.jpg")
    assert result.exit_code == 2 and ".png or an .html" in _one_line(result.stderr)
