"""Dyads: events and Goldstein sums per (source, target, period), as a table or a plot.

A side is the actor's country, or for international and non-state actors without one the
first three letters of its code (IGO, NGO, IMG ...), as `Actor.key` does. Events without a
target, or dated less precisely than the period asks, are left out (and counted).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import fs
from ..errors import ConfigError
from .db import Store

PERIODS = {"day": 10, "month": 7, "year": 4}   # characters of the YYYY-MM-DD date that make the period


@dataclass(frozen=True)
class Dyad:
    period: str
    source: str
    target: str
    events: int
    goldstein: float


def dyads(store: Store, period: str = "month") -> tuple[list[Dyad], int]:
    """The dyad rows, by period then most events first; and how many events were left out."""
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}", hint=f"use one of: {', '.join(PERIODS)}")
    width = PERIODS[period]
    query = f"""
        WITH sides AS (
            SELECT left(date, {width}) AS period, coalesce(source_country, left(source_code, 3)) AS source,
                   coalesce(target_country, left(target_code, 3)) AS target, goldstein, date
            FROM events)
        SELECT period, source, target, count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein
        FROM sides WHERE length(date) >= {width} AND source IS NOT NULL AND target IS NOT NULL
        GROUP BY ALL ORDER BY period, events DESC, source, target"""
    rows = [Dyad(**row) for row in store.records(query)]
    left_out = store.count("events") - sum(d.events for d in rows)
    return rows, left_out


def write_table(rows: Iterable[Dyad], out: TextIO) -> None:
    out.write(f"{'period':<10} | {'source':<6} | {'target':<6} | {'events':>6} | {'goldstein':>9}\n")
    out.write(f"{'-' * 10}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 6}-+-{'-' * 9}\n")
    for d in rows:
        out.write(f"{d.period:<10} | {d.source:<6} | {d.target:<6} | {d.events:>6} | {d.goldstein:>9.1f}\n")


def plot(rows: list[Dyad], path: str | Path, top: int = 8) -> None:
    """Counts and Goldstein sums over time for the `top` dyads with the most events."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    totals: dict[tuple[str, str], int] = {}
    for d in rows:
        totals[(d.source, d.target)] = totals.get((d.source, d.target), 0) + d.events
    chosen = sorted(totals, key=lambda pair: (-totals[pair], pair))[:top]
    periods = sorted({d.period for d in rows})
    at = {p: i for i, p in enumerate(periods)}
    figure, (counts, sums) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    for pair in chosen:
        mine = [d for d in rows if (d.source, d.target) == pair]
        xs = [at[d.period] for d in mine]
        label = f"{pair[0]} → {pair[1]}"
        counts.plot(xs, [d.events for d in mine], marker="o", label=label)
        sums.plot(xs, [d.goldstein for d in mine], marker="o", label=label)
    counts.set_ylabel("events")
    sums.set_ylabel("Goldstein sum")
    sums.axhline(0, color="grey", linewidth=0.5)
    step = max(1, len(periods) // 12)
    sums.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
    counts.legend(loc="upper left", fontsize="small", ncols=2)
    counts.set_title(f"Top {len(chosen)} dyads")
    figure.tight_layout()
    with fs.replacing(path) as temporary:
        figure.savefig(temporary, dpi=100)   # in the format of the name's suffix, which it keeps
    plt.close(figure)
