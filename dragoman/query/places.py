"""Where stored events happened: one row per place with coordinates, with its events and their
Goldstein sum; the events without a place are counted."""
from __future__ import annotations

from dataclasses import dataclass

from ..store.db import Store
from .filters import Filters


@dataclass(frozen=True)
class PlaceCount:
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    goldstein: float


@dataclass(frozen=True)
class Places:
    filters: Filters
    rows: tuple[PlaceCount, ...]    # most events first
    unplaced: int                   # events the filters keep that have no place with coordinates

    @property
    def placed(self) -> int:
        return sum(p.events for p in self.rows)


def places(store: Store, filters: Filters = Filters()) -> Places:
    """The places of the events the filters keep."""
    where, params = filters.where()
    with store.guarded():
        rows = store.con.execute(f"""
            SELECT location_name, location_country, lat, lon, count(*) AS n, coalesce(sum(goldstein), 0)
            FROM events WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY ALL ORDER BY n DESC, location_name, location_country""", params).fetchall()
        unplaced = store.con.execute(f"SELECT count(*) FROM events WHERE {where} AND (lat IS NULL OR lon IS NULL)",
                                     params).fetchone()[0]
    return Places(filters, tuple(PlaceCount(*row) for row in rows), unplaced)
