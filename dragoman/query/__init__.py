"""Questions to a store, answered by plain functions: filtered events, time series, dyads, places."""
from .filters import Filters
from .tables import count, event_batches, events, mentions
from .series import PERIODS, SERIES_BY, Count, Coarser, Dyad, Dyads, Series, dyads, series
from .places import PlaceCount, Places, places

__all__ = ["PERIODS", "SERIES_BY", "Coarser", "Count", "Dyad", "Dyads", "Filters", "PlaceCount", "Places", "Series",
           "count", "dyads", "event_batches", "events", "mentions", "places", "series"]
