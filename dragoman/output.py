"""Events out: JSON lines, CSV, and a readable table. Every format is built from Event.to_dict()."""
from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from typing import TextIO

from .record import OUTPUT, Event

FORMATS = ("jsonl", "csv", "table")

# The one flat row layout of every CSV and Parquet file dragoman writes (`code --format csv`,
# `export --format csv|parquet` of events or mentions), with each column's type. Codes are strings
# ("072"); `day` is the ISO date of the first day of `date` (a day, month or year, as
# `date_precision` says), so that a column of dates can be read as dates. `event_id` is the id of
# the row's own record: a coded event's id (as the JSON output gives it), a stored event's id, a
# stored mention's id (the id its coded event had); `dedup_id` is the stored event a mention is a
# report of (None out of a store). The `doc_*` columns are the provenance of the event's report
# (for a stored event, the earliest document's).
FLAT = (
    ("event_id", "str"), ("dedup_id", "str"), ("doc_id", "str"), ("sentence_id", "int"), ("segment", "str"),
    ("day", "date"), ("date", "str"), ("date_precision", "str"), ("future", "bool"), ("background", "bool"),
    ("factuality", "str"),
    ("source_text", "str"), ("source_name", "str"), ("source_code", "str"), ("source_country", "str"),
    ("source_sector", "str"), ("source_found", "str"),
    ("cameo", "str"), ("cameo_root", "str"), ("plover", "str"), ("plover_mode", "str"), ("plover_context", "str"),
    ("goldstein", "float"), ("quad_class", "int"),
    ("target_text", "str"), ("target_name", "str"), ("target_code", "str"), ("target_country", "str"),
    ("target_sector", "str"), ("target_found", "str"),
    ("location_name", "str"), ("location_country", "str"), ("location_admin1", "str"), ("lat", "float"),
    ("lon", "float"), ("geonameid", "int"),
    ("confidence", "float"), ("decided", "str"), ("trigger", "str"), ("pattern", "str"), ("sentence", "str"),
    ("num_mentions", "int"), ("num_articles", "int"), ("num_sources", "int"),
    ("doc_source", "str"), ("doc_url", "str"), ("doc_title", "str"), ("doc_date", "date"), ("doc_origin", "str"),
)
CSV_COLUMNS = tuple(name for name, _ in FLAT)
ACTOR_PARTS = ("text", "name", "code", "country", "sector")
LOCATION_COLUMNS = (("location_name", "name"), ("location_country", "country"), ("location_admin1", "admin1"),
                    ("lat", "lat"), ("lon", "lon"), ("geonameid", "geonameid"))


def first_day(value: str | None) -> str | None:
    """The ISO date of the first day of a YYYY-MM-DD, YYYY-MM or YYYY date."""
    if not value:
        return None
    return value + {4: "-01-01", 7: "-01"}.get(len(value), "")


def flat(event: Event) -> dict:
    """One coded event as a row of the flat layout (FLAT)."""
    evidence, where = event.evidence, event.provenance
    row = {"event_id": event.event_id, "dedup_id": None, "doc_id": event.doc_id, "sentence_id": event.sentence_id,
           "segment": event.segment, "day": first_day(event.date), "date": event.date,
           "date_precision": event.date_precision, "future": event.future, "background": event.background,
           "factuality": event.factuality,
           "cameo": event.cameo, "cameo_root": event.cameo[:2], "plover": event.plover,
           "plover_mode": event.plover_mode, "plover_context": ";".join(event.plover_context),
           "goldstein": event.goldstein, "quad_class": event.quad_class, "confidence": event.confidence,
           "decided": evidence.decided, "trigger": evidence.trigger, "pattern": evidence.pattern,
           "sentence": event.sentence, "num_mentions": 1, "num_articles": 1, "num_sources": 1,
           "doc_source": where.source if where else None, "doc_url": where.url if where else None,
           "doc_title": where.title if where else None, "doc_date": where.published if where else None,
           "doc_origin": where.origin if where else None}
    for side, actor in (("source", event.source), ("target", event.target)):
        for part in ACTOR_PARTS:
            row[f"{side}_{part}"] = getattr(actor, part) if actor else None
        row[f"{side}_found"] = actor.how if actor else None
    for column, part in LOCATION_COLUMNS:
        row[column] = getattr(event.location, part) if event.location else None
    return {name: row[name] for name in CSV_COLUMNS}


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def csv_writer(out: TextIO) -> csv.DictWriter:
    """A writer of flat rows (dicts of FLAT's columns) as CSV, its header written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    return writer


class CsvWriter:
    def __init__(self, out: TextIO):
        self.writer = csv_writer(out)

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.writer.writerow(flat(event))


def _actor_cell(actor) -> str:
    if not actor:
        return "-"
    return f"{actor.code or actor.country or '?'} ({actor.text})"


def table_rows(events: Iterable[Event]) -> list[list[str]]:
    rows = []
    for e in events:
        told = e.factuality if e.factuality not in OUTPUT else "planned" if e.future else ""
        when = (e.date or "?") + (f" ({told})" if told else "")
        place = f"{e.location.name} ({e.location.country})" if e.location and e.location.country else "-"
        rows.append([when, _actor_cell(e.source), f"{e.cameo} {e.plover}", _actor_cell(e.target), place,
                     e.evidence.trigger, f"{e.doc_id[:8]}:{e.sentence_id}"])
    return rows


def write_table(events: Iterable[Event], out: TextIO) -> None:
    header = ["date", "source", "event", "target", "place", "trigger", "doc:sentence"]
    rows = table_rows(events)
    width = shutil.get_terminal_size((120, 20)).columns
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    cap = max(12, (width - 3 * (len(header) - 1)) // len(header) * 2)
    widths = [min(w, cap) for w in widths]

    def line(cells):
        return " | ".join(c[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()

    out.write(line(header) + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} event{'' if len(rows) == 1 else 's'})\n")
