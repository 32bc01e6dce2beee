"""Time series of stored events: counts and Goldstein sums per key (a country, a dyad, a quad class,
a PLOVER type) and period, on a real calendar.

Every period from the first to the last (or from `since` to `until` when the filters give them)
is there, with zeros where nothing happened. An event whose date is coarser than the period (a
month in a weekly series, a year in a monthly one) is counted at its own precision, in `coarser`;
undated events and events without a key (a dyad needs a source and a target) are counted too: nothing the
filters keep is left out without being counted.

By country, an event counts for its source's and its target's country (once when they are the
same); with country filters, only for the countries asked. A side is its country, or for
international and non-state actors without one the first three letters of its code (IGO, NGO ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import ConfigError
from ..store.db import Store
from .filters import Filters

# Each period, with the length of the shortest date (YYYY-MM-DD, YYYY-MM, YYYY) it can place.
PERIODS = {"day": 10, "week": 10, "month": 7, "year": 4}
SERIES_BY = ("country", "dyad", "quad", "plover")
QUADS = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict"}
ARROW = "→"

_SIDE = "coalesce({0}_country, left({0}_code, 3))"
_KEYS = {
    "dyad": f"CASE WHEN target_code IS NOT NULL OR target_country IS NOT NULL "
            f"THEN {_SIDE.format('source')} || ' {ARROW} ' || {_SIDE.format('target')} END",
    "quad": "CAST(quad_class AS VARCHAR)",
    "plover": "plover",
}


@dataclass(frozen=True)
class Count:
    """Events of one key in one period (`period`: its first day)."""

    period: date
    key: str
    events: int
    goldstein: float


@dataclass(frozen=True)
class Coarser:
    """Events of one key dated less precisely than the series' period: `date` as written (a month
    YYYY-MM or a year YYYY)."""

    date: str
    precision: str
    key: str
    events: int
    goldstein: float


@dataclass(frozen=True)
class Series:
    by: str
    period: str
    filters: Filters
    periods: tuple[date, ...]        # the calendar: the first day of every period, in order
    keys: tuple[str, ...]            # most events first
    counts: tuple[Count, ...]        # every key in every period, zeros included
    coarser: tuple[Coarser, ...] = ()
    undated: int = 0                 # events without a date
    unkeyed: int = 0                 # events without a key: no source or target for a dyad, no type ...
    total: int = field(default=0)    # events the filters keep

    @property
    def start(self) -> date | None:
        return self.periods[0] if self.periods else None

    @property
    def end(self) -> date | None:
        """The last day of the last period."""
        return next_period(self.periods[-1], self.period) - timedelta(days=1) if self.periods else None

    def label(self, key: str) -> str:
        """A key as a reader knows it: a quad class with its name."""
        return f"{key} {QUADS[key]}" if self.by == "quad" and key in QUADS else key

    def to_dict(self) -> dict:
        return {"by": self.by, "period": self.period, "filters": self.filters.to_dict(),
                "start": _iso(self.start), "end": _iso(self.end), "total": self.total,
                "counts": [{"period": c.period.isoformat(), "key": c.key, "events": c.events,
                            "goldstein": c.goldstein} for c in self.counts],
                "coarser": [vars(c) for c in self.coarser], "undated": self.undated, "unkeyed": self.unkeyed}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def check(by: str, period: str) -> None:
    if by not in SERIES_BY:
        raise ConfigError(f"unknown series key {by!r}", hint=f"use one of: {', '.join(SERIES_BY)}")
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}", hint=f"use one of: {', '.join(PERIODS)}")


def series(store: Store, by: str = "country", period: str = "month", filters: Filters = Filters()) -> Series:
    """Counts and Goldstein sums of the events the filters keep, per `by` and `period`."""
    check(by, period)
    where, params = filters.where()
    keyed, keyed_params = _keyed(by, filters)
    kept = f"WITH kept AS (SELECT * FROM events WHERE {where}), keyed AS ({keyed}) "
    params = [*params, *keyed_params]
    # `period` is one of PERIODS (checked above): no value of a user's is written into the SQL.
    sql = kept + f"""
        SELECT key, date, CASE WHEN length(date) >= {PERIODS[period]}
                               THEN CAST(date_trunc('{period}', day) AS DATE) END AS period,
               count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein
        FROM keyed GROUP BY ALL"""
    with store.guarded():
        rows = store.con.execute(sql, params).fetchall()
        total, undated, unkeyed = store.con.execute(kept + """
            SELECT count(*), count(*) FILTER (WHERE date IS NULL),
                   count(*) FILTER (WHERE date IS NOT NULL AND event_id NOT IN (SELECT event_id FROM keyed))
            FROM kept""", params).fetchone()
    placed: dict[tuple[date, str], list] = {}
    coarser: dict[tuple[str, str], list] = {}
    for key, when, start, events, goldstein in rows:
        if when is None:
            continue
        slot = placed if start is not None else coarser
        cell = slot.setdefault((start, key) if start is not None else (when, key), [0, 0.0])
        cell[0] += events
        cell[1] += goldstein
    return _fill(by, period, filters, placed, coarser, undated, unkeyed, total)


def _keyed(by: str, filters: Filters) -> tuple[str, list]:
    """The SQL of the kept events with their keys (an event twice by country, once a side), and
    its parameters."""
    if by != "country":
        return f"SELECT event_id, day, date, goldstein, {_KEYS[by]} AS key FROM kept WHERE key IS NOT NULL", []
    source, target = _SIDE.format("source"), _SIDE.format("target")
    sides = (f"SELECT event_id, day, date, goldstein, {source} AS key FROM kept WHERE key IS NOT NULL "
             f"UNION ALL SELECT event_id, day, date, goldstein, {target} AS key FROM kept "
             f"WHERE key IS NOT NULL AND key IS DISTINCT FROM {source}")
    if not filters.country:
        return sides, []
    return f"SELECT * FROM ({sides}) WHERE key IN ({', '.join('?' for _ in filters.country)})", list(filters.country)


def _fill(by, period, filters, placed, coarser, undated, unkeyed, total) -> Series:
    totals: dict[str, int] = {}
    for (_, key), (events, _) in [*placed.items(), *coarser.items()]:
        totals[key] = totals.get(key, 0) + events
    keys = tuple(sorted(totals, key=lambda k: (-totals[k], k)))
    days = [start for start, _ in placed]
    first = _truncate(filters.since, period) if filters.since else min(days, default=None)
    last = _truncate(filters.until, period) if filters.until else max(days, default=None)
    periods: list[date] = []
    while first is not None and last is not None and first <= last:
        periods.append(first)
        first = next_period(first, period)
    counts = [Count(p, key, *placed.get((p, key), (0, 0.0))) for key in keys for p in periods]
    later = [Coarser(when, "month" if len(when) == 7 else "year" if len(when) == 4 else "day", key, *cell)
             for (when, key), cell in sorted(coarser.items())]
    return Series(by, period, filters, tuple(periods), keys, tuple(counts), tuple(later), undated, unkeyed, total)


def _truncate(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(day: date, period: str) -> date:
    """The first day of the period after the one starting on `day`."""
    if period == "day":
        return day + timedelta(days=1)
    if period == "week":
        return day + timedelta(days=7)
    if period == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


@dataclass(frozen=True)
class Dyad:
    period: date
    source: str
    target: str
    events: int
    goldstein: float


@dataclass(frozen=True)
class Dyads:
    """The dyads with events in each period, most events first; and what could not be placed."""

    period: str
    filters: Filters
    rows: tuple[Dyad, ...]
    no_target: int
    coarser: int
    undated: int


def dyads(store: Store, period: str = "month", filters: Filters = Filters()) -> Dyads:
    """Events and Goldstein sums per (source, target, period), for periods with events."""
    return dyads_of(series(store, "dyad", period, filters))


def dyads_of(found: Series) -> Dyads:
    """The dyads of a series by dyad (its periods with events), without asking the store again."""
    period, filters = found.period, found.filters
    rows = [Dyad(c.period, *c.key.split(f" {ARROW} "), c.events, c.goldstein) for c in found.counts if c.events]
    rows.sort(key=lambda d: (d.period, -d.events, d.source, d.target))
    return Dyads(period, filters, tuple(rows), found.unkeyed, sum(c.events for c in found.coarser), found.undated)
