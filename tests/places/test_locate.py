"""The place of an event from its parsed sentence (datelines: tests/test_dateline.py)."""
from __future__ import annotations

import json

import pytest

from dragoman import nlp
from dragoman.places import event_location
from dragoman.places.geocoder import key
from tests.conftest import SHARED, need_shared


@pytest.fixture(scope="module")
def parse():
    nlp.pipeline()
    return lambda text: nlp.parse([text])[0]


def locate(parse, text: str, trigger: str, hints=()):
    doc = parse(text)
    token = next(t for t in doc if t.text == trigger)
    return event_location(doc, token, hints)


@pytest.mark.parametrize("text, trigger, name, iso3, evidence", [
    ("Putin met Erdoğan in Sochi on Wednesday.", "met", "Sochi", "RUS", "prep:in Sochi"),
    ("Indian and Chinese troops clashed in the Galwan Valley.", "clashed", "Galwan Valley", "IND",
     "prep:in the Galwan Valley"),
    ("Protesters gathered outside parliament in Tbilisi.", "gathered", "Tbilisi", "GEO", "prep:in Tbilisi"),
    ("Insurgents attacked a checkpoint near the town of Samarra.", "attacked", "Sāmarrā’", "IRQ",
     "prep:near the town of Samarra"),
    ("Police opened fire at a jail in Dili.", "opened", "Dili", "TLS", "prep:in Dili"),
    ("Gunmen killed two soldiers in the capital Kabul.", "killed", "Kabul", "AFG",
     "prep:in the capital Kabul"),
    ("Rebels attacked a base in East Timor's capital Dili.", "attacked", "Dili", "TLS",
     "prep:in East Timor's capital Dili"),
    ("Artillery shelled the city of Kharkiv overnight.", "shelled", "Kharkiv", "UKR",
     "dobj:the city of Kharkiv"),
    ("Thousands marched in the Syrian capital.", "marched", "Damascus", "SYR", "prep:in the Syrian capital"),
    ("The ministers met in Ukraine's capital.", "met", "Kyiv", "UKR", "prep:in Ukraine's capital"),
    ("The minister will travel to Ankara next month.", "travel", "Ankara", "TUR", "prep:to Ankara"),
    ("Troops were deployed to the Kharkiv region.", "deployed", "Kharkiv Oblast", "UKR",
     "prep:to the Kharkiv region"),
    ("Fighting raged on the outskirts of Kyiv.", "raged", "Kyiv", "UKR", "prep:on the outskirts of Kyiv"),
    ("Clashes erupted in eastern Ukraine.", "erupted", "Ukraine", "UKR", "prep:in eastern Ukraine"),
    ("Iran and Saudi Arabia agreed to restore relations during talks in Beijing.", "agreed", "Beijing",
     "CHN", "prep:in Beijing"),
    ("Russia condemned the annexation of Crimea.", "annexation", "Crimea", "UKR", "prep:of Crimea"),
    ("Israel signed the accords at a White House ceremony.", "signed", "White House", "USA",
     "prep:at a White House ceremony"),
    ("A car bomb exploded outside a Kabul hospital.", "exploded", "Kabul", "AFG",
     "prep:outside a Kabul hospital"),
    ("Police arrested two men in Paris, Texas.", "arrested", "Paris", "USA", "prep:in Paris"),
    ("Protesters in Minsk demanded new elections.", "demanded", "Minsk", "BLR", "prep:in Minsk"),
    ("The spokesman told reporters in Moscow that Russia would retaliate.", "retaliate", "Moscow", "RUS",
     "prep:in Moscow"),
    ("The minister spoke at UN headquarters in New York.", "spoke", "United Nations headquarters", "USA",
     "prep:at UN headquarters"),
    ("Famine spread across the Horn of Africa.", "spread", "Horn of Africa", None, "prep:across the Horn of Africa"),
    # where the act a passive was done by happened
    ("Two soldiers were killed by a coalition strike in Raqqa.", "killed", "Ar Raqqah", "SYR", "prep:in Raqqa"),
])
def test_places_in_the_sentence(parse, text, trigger, name, iso3, evidence):
    location, found = locate(parse, text, trigger)
    assert (location.name, location.country, found) == (name, iso3, evidence)
    assert location.lat is not None and location.lon is not None


@pytest.mark.parametrize("text, trigger", [
    ("The European Union imposed new sanctions on Belarus.", "imposed"),
    ("France withdrew its ambassador from Niger.", "withdrew"),
    ("Turkey backs Ukraine's bid to join the alliance.", "backs"),
    ("The leaders met in March.", "met"),                    # March is also a town in England
    ("He said in a statement that talks had failed.", "failed"),
    ("The deal is in Turkey's interest, he said.", "is"),      # a country's possession: an actor
    ("The minister spoke at the UN on Monday.", "spoke"),      # an organisation, not Un in India
    ("Police arrested him in a raid.", "arrested"),
])
def test_no_place(parse, text, trigger):
    assert locate(parse, text, trigger) == (None, None)


def test_hints_decide_an_ambiguous_place(parse):
    text = "Gunmen attacked a mosque in Tripoli."
    assert locate(parse, text, "attacked")[0].country == "LBY"
    assert locate(parse, text, "attacked", hints=["LBN"])[0].country == "LBN"


def test_the_trigger_phrase_comes_before_the_root(parse):
    text = "Speaking in Ankara, the minister said troops had shelled the town of Kobani."
    location, evidence = locate(parse, text, "shelled")
    assert (location.country, evidence) == ("SYR", "dobj:the town of Kobani")


def test_a_sentence_span_works_like_a_doc(parse):
    doc = parse("Putin met Erdoğan in Sochi. Talks followed in Ankara.")
    second = list(doc.sents)[1]
    followed = next(t for t in second if t.text == "followed")
    assert event_location(second, followed)[0].name == "Ankara"


# --- development data (../shared) ----------------------------------------------------------

def _first_event_verb(doc):
    return next(t for t in doc if t.pos_ == "VERB" and t.lemma_ != "say")


def test_dev_gold_places(parse):
    gold = need_shared(SHARED / "data" / "dates_places_dev.gold.jsonl")
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = parse(record["text"])
        location, evidence = event_location(doc, _first_event_verb(doc))
        if record["location"] is None:
            assert location is None, (record["id"], location)
            continue
        name, iso3 = record["location"]
        assert location is not None, record["id"]
        assert location.country == iso3 and location.lat is not None, (record["id"], location)
        assert key(name) in key(location.name), (record["id"], location)


def test_seed_article_meeting_in_sochi(parse, seed_path):
    caption = next(line for line in seed_path.read_text(encoding="utf-8").splitlines() if " in Sochi " in line)
    doc = parse(caption.split(". ")[0] + ".")
    location, evidence = event_location(doc, next(t for t in doc if t.lemma_ == "meet"))
    assert (location.name, location.country, evidence) == ("Sochi", "RUS", "prep:in Sochi")
