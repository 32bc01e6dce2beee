"""Events out: JSON lines, CSV, and a readable table. Every format is built from Event.to_dict()."""
from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from typing import TextIO

from .record import Event

FORMATS = ("jsonl", "csv", "table")

CSV_COLUMNS = ("event_id", "doc_id", "sentence_id", "date", "date_precision", "future",
               "source_text", "source_code", "source_country", "source_sector",
               "cameo", "plover", "plover_mode", "plover_context", "goldstein", "quad_class",
               "target_text", "target_code", "target_country", "target_sector",
               "location_name", "location_country", "location_lat", "location_lon",
               "confidence", "trigger", "pattern", "sentence")


def flat(event: Event) -> dict:
    """One flat row per event, for CSV and tables."""
    d = event.to_dict()
    row = {k: d.get(k) for k in CSV_COLUMNS if k in d}
    for side in ("source", "target"):
        actor = d[side] or {}
        for key in ("text", "code", "country", "sector"):
            row[f"{side}_{key}"] = actor.get(key)
    location = d["location"] or {}
    for key in ("name", "country", "lat", "lon"):
        row[f"location_{key}"] = location.get(key)
    row["plover_context"] = ";".join(d["plover_context"])
    row["trigger"] = d["evidence"]["trigger"]
    row["pattern"] = d["evidence"]["pattern"]
    return row


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


class CsvWriter:
    def __init__(self, out: TextIO):
        self.writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

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
        when = (e.date or "?") + (" (planned)" if e.future else "")
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
    out.write(f"({len(rows)} events)\n")
