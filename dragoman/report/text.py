"""Series and dyads as text: a table to read, CSV (one row per key and period: tidy, for pandas
or a spreadsheet) and JSON (everything, the counts left apart included)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from ..output import first_day
from ..query.series import PERIODS, Dyads, Series

FORMATS = ("table", "csv", "json")
SERIES_CSV = ("period", "precision", "key", "events", "goldstein")


def write_series(series: Series, fmt: str, out: TextIO, top: int = 8) -> None:
    """The series in a format; a table shows the `top` keys (CSV and JSON have them all)."""
    if fmt == "json":
        out.write(json.dumps(series.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(SERIES_CSV)
        for period, precision, key, events, goldstein in series_rows(series):
            writer.writerow([period, precision, key, events, _sum(goldstein)])
    else:
        _series_table(series, out, top)


def series_rows(series: Series) -> Iterator[tuple[str, str, str, int, float]]:
    """(period's first day, precision, key, events, Goldstein sum): each period of the series, then
    the events dated less precisely, at their own precision."""
    for c in series.counts:
        yield c.period.isoformat(), series.period, c.key, c.events, c.goldstein
    for c in series.coarser:
        yield first_day(c.date), c.precision, c.key, c.events, c.goldstein


def _sum(value: float) -> str:
    return f"{value:.1f}"


def _series_table(series: Series, out: TextIO, top: int) -> None:
    """Periods down, keys across; each cell `events goldstein-sum`."""
    keys = series.keys[:top]
    cells = {(c.period, c.key): c for c in series.counts}
    width = max([len(series.label(k)) for k in keys] + [14])
    label = max(PERIODS[series.period], len("period"))
    out.write(" | ".join([f"{'period':<{label}}", *(f"{series.label(k):>{width}}" for k in keys)]).rstrip() + "\n")
    out.write("-+-".join(["-" * label, *("-" * width for _ in keys)]) + "\n")
    for period in series.periods:
        row = [f"{period.isoformat()[:PERIODS[series.period]]:<{label}}"]
        for key in keys:
            c = cells[(period, key)]
            row.append(f"{c.events:>5} {c.goldstein:>{width - 6}.1f}")
        out.write(" | ".join(row) + "\n")
    if len(series.keys) > top:
        out.write(f"({len(series.keys) - top} more keys in --format csv or json)\n")
    for c in series.coarser:
        if c.key in keys:
            out.write(f"{c.date:<{label}} | {series.label(c.key)}: dated to the {c.precision} only: {c.events} "
                      f"events, Goldstein {c.goldstein:.1f}\n")


def summary(series: Series) -> str:
    """One line: what the series counts, and what it could not place."""
    span = f"{series.start} to {series.end}" if series.periods else "no dated events"
    apart = [f"{sum(c.events for c in series.coarser)} dated less precisely than a {series.period} (listed apart)",
             f"{series.undated} undated"]
    if series.by in ("dyad", "plover", "country"):
        apart.append(f"{series.unkeyed} without a {_key_name(series.by)}")
    return (f"dragoman: {series.total} events ({series.filters.describe()}), {span}, by {series.by} and "
            f"{series.period}; " + ", ".join(apart))


def _key_name(by: str) -> str:
    return {"dyad": "source or target", "plover": "PLOVER type", "country": "country"}[by]


def write_dyads(dyads: Dyads, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(json.dumps({"period": dyads.period, "filters": dyads.filters.to_dict(),
                              "rows": [{**vars(d), "period": d.period.isoformat()} for d in dyads.rows],
                              "no_target": dyads.no_target, "coarser": dyads.coarser, "undated": dyads.undated},
                             ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("period", "source", "target", "events", "goldstein"))
        for d in dyads.rows:
            writer.writerow([d.period.isoformat(), d.source, d.target, d.events, _sum(d.goldstein)])
        return
    label = PERIODS[dyads.period]
    out.write(f"{'period':<10} | {'source':<6} | {'target':<6} | {'events':>6} | {'goldstein':>9}\n")
    out.write(f"{'-' * 10}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 9}\n")
    for d in dyads.rows:
        out.write(f"{d.period.isoformat()[:label]:<10} | {d.source:<6} | {d.target:<6} | {d.events:>6} | "
                  f"{d.goldstein:>9.1f}\n")
