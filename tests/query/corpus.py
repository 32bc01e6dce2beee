"""Small corpora for the query tests: events made by hand (exact counts), and short texts coded
by the rules into a store (the commands end to end)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from dragoman.record import Actor, Document, Event, Evidence, Location, Provenance

RUS = Actor("Russia", name="Russia", country="RUS", code="RUS")
RUSMIL = Actor("Russian forces", name="Russia", country="RUS", sector="MIL", code="RUSMIL")
UKR = Actor("Ukraine", name="Ukraine", country="UKR", code="UKR")
NATO = Actor("NATO", name="NATO", code="IGOWSTNAT")
KYIV = Location("Kyiv", "UKR", None, 50.45, 30.52, 703448)
KHARKIV = Location("Kharkiv", "UKR", None, 49.98, 36.25, 706483)

# (n, date, source, target, cameo, plover, goldstein, quad, confidence, future, place)
EVENTS = [
    (0, "2022-03-01", RUS, UKR, "190", "ASSAULT", -10.0, 4, 0.9, False, KYIV),
    (1, "2022-03-02", RUSMIL, UKR, "173", "COERCE", -5.0, 4, 0.4, False, KHARKIV),
    (2, "2022-04-09", RUS, UKR, "190", "ASSAULT", -10.0, 4, 0.7, False, KYIV),
    (3, "2022-03-16", NATO, UKR, "070", "AID", 7.0, 2, 0.8, False, None),
    (4, "2022", RUS, UKR, "120", "REJECT", -4.0, 3, 0.5, False, None),
    (5, "2022-03-05", RUS, None, "036", "AGREE", 4.0, 1, 0.6, True, None),
    (6, None, UKR, RUS, "111", "ACCUSE", -2.0, 3, 0.5, False, None),
    (7, "2022-03", UKR, RUS, "111", "ACCUSE", -2.0, 3, 0.5, False, None),
]


def event(n, day, source, target, cameo, plover, goldstein, quad, confidence, future, place) -> Event:
    return Event(event_id=f"e{n}", doc_id="d", sentence_id=n, sentence=f"sentence {n}", date=day, source=source,
                 target=target, cameo=cameo, plover=plover, plover_mode=None, plover_context=(), goldstein=goldstein,
                 quad_class=quad, evidence=Evidence("t", (0, 1), "p"), confidence=confidence, location=place,
                 date_precision={10: "day", 7: "month", 4: "year"}.get(len(day or "")), future=future,
                 provenance=Provenance("Example Wire", "https://example.org/d", "Title", "2022-04-10", "d.jsonl:1"))


def made_store(store) -> None:
    """The events above, reported by one document of 2022-04-10."""
    store.write(Document(id="d", text="t", date=date(2022, 4, 10), url="https://example.org/d", site="Example Wire"),
                [event(*row) for row in EVENTS])


# Three wire-style versions of one detention (Reuters-, AP- and BBC-style), the last filed the
# next day without a place; then texts of other kinds of event.
WIRE = [
    {"id": "reuters-detention", "source": "Reuters", "url": "https://www.reuters.example/world/turkey-detention",
     "date": "2021-05-04", "title": "Turkish police detain opposition journalist",
     "text": "Turkish police detain opposition journalist\n\nISTANBUL (Reuters) - Turkish police detained the "
             "opposition journalist Ahmet Yilmaz in Istanbul on Tuesday, his lawyer said."},
    {"id": "ap-detention", "source": "AP", "url": "https://apnews.example/article/turkey-journalist",
     "date": "2021-05-04", "title": "Turkey detains journalist",
     "text": "Turkey detains journalist\n\nISTANBUL (AP) — Turkish police detained journalist Ahmet Yilmaz on "
             "Tuesday, according to his lawyer."},
    {"id": "bbc-detention", "source": "BBC", "url": "https://www.bbc.example/news/world-europe-1",
     "date": "2021-05-05", "title": "Turkey: journalist Ahmet Yilmaz held",
     "text": "Turkey: journalist Ahmet Yilmaz held\n\nTurkish police detained the journalist Ahmet Yilmaz, his "
             "lawyer said on Wednesday."},
]
MORE = [
    {"id": "damascus-protest", "source": "Example News", "date": "2019-03-05",
     "text": "Protests in Syria\n\nProtesters demonstrated against the Syrian government in Damascus on Sunday. "
             "Russia annexed Crimea in 2014."},
    {"id": "idlib-shelling", "source": "Example News", "date": "2019-02-12",
     "text": "Shelling in Idlib\n\nRussian forces shelled the Syrian city of Idlib on Sunday. "
             "Putin will visit Ankara next month."},
    {"id": "beirut-aid", "date": "2019-01-10", "text": "Aid for Lebanon\n\nFrance sent humanitarian aid to Lebanon on "
                                                       "Thursday."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
