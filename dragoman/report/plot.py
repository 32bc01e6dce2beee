"""A time series as a PNG: events and Goldstein sums per period for the keys with the most
events, on a real time axis (periods spaced as the calendar spaces them, empty ones at zero),
titled with what was counted, the filters and the range."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from .. import fs
from ..query.series import Series, next_period

TOP = 8


NAMES = {"plover": "PLOVER type", "quad": "quad class"}


def title(series: Series) -> str:
    return f"Events by {NAMES.get(series.by, series.by)}, per {series.period}: {series.filters.describe()}"


def subtitle(series: Series) -> str:
    span = f"{series.start} to {series.end}" if series.periods else "no dated events"
    coarser = sum(c.events for c in series.coarser)
    parts = [f"{span}, {series.total} events"]
    if coarser:
        parts.append(f"{coarser} dated less precisely than a {series.period}")
    if series.undated:
        parts.append(f"{series.undated} undated")
    if series.unkeyed:
        parts.append(f"{series.unkeyed} without a {'source or target' if series.by == 'dyad' else series.by}")
    if coarser or series.undated or series.unkeyed:
        parts[-1] += " (not plotted)"
    return "; ".join(parts)


def plot_series(series: Series, path: str | Path, top: int = TOP) -> None:
    """Counts (above) and Goldstein sums (below) of the `top` keys with the most events."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    figure, (counts, sums) = plt.subplots(2, 1, figsize=(11, 7), sharex=True, height_ratios=(3, 2))
    cells = {(c.period, c.key): c for c in series.counts}
    xs = [_at(p) for p in series.periods]
    marker = "o" if len(xs) <= 60 else None
    totals = {}
    for c in series.counts:
        totals[c.key] = totals.get(c.key, 0) + c.events
    for key in series.keys[:top]:
        label = f"{series.label(key)} ({totals.get(key, 0)})"
        counts.plot(xs, [cells[(p, key)].events for p in series.periods], marker=marker, markersize=3,
                    linewidth=1.4, label=label)
        sums.plot(xs, [cells[(p, key)].goldstein for p in series.periods], marker=marker, markersize=3,
                  linewidth=1.4, label=label)
    counts.set_ylabel(f"events per {series.period}")
    counts.set_ylim(bottom=0)
    counts.yaxis.get_major_locator().set_params(integer=True)
    sums.set_ylabel("Goldstein sum")
    sums.axhline(0, color="grey", linewidth=0.6)
    if xs:
        # each period's point stands at its first day: the axis runs from the first to the last
        first, last = series.periods[0], series.periods[-1]
        pad = timedelta(days=max(1, (next_period(last, series.period) - first).days // 40))
        sums.set_xlim(_at(first) - pad, _at(last) + pad)
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        sums.xaxis.set_major_locator(locator)
        sums.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        counts.legend(loc="upper left", fontsize="small", ncols=2, title=f"{NAMES.get(series.by, series.by)} (events)",
                      title_fontsize="small")
    else:
        counts.text(0.5, 0.5, "no events to plot", transform=counts.transAxes, ha="center", va="center")
    for axis in (counts, sums):
        axis.grid(True, linewidth=0.3, alpha=0.6)
    figure.suptitle(title(series), fontsize=12, fontweight="bold")
    counts.set_title(subtitle(series), fontsize=9, color="#444444")
    figure.tight_layout()
    with fs.replacing(path) as temporary:
        figure.savefig(temporary, dpi=100, format="png")
    plt.close(figure)


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())
