"""Where an event happened: a place named in its sentence (the article's dateline is read by
dragoman/dateline.py).

event_location() reads the dependency parse it is given (it never imports spaCy) and looks, in
order, at the phrases of
1. the trigger and what it governs: its locative prepositional phrases ("met ... in Sochi"), its
   object when the verb acts on a place ("shelled the city of Kharkiv", "visited Turkey"), "to"
   after a verb of motion ("will travel to Ankara"), and the same inside its open complements
   and the event nouns it governs ("agreed to restore relations during talks in Beijing");
2. the trigger's subject ("Protesters in Minsk demanded ..."), the nearest verb above the
   trigger, then the sentence root: their locative phrases only.
Within a phrase the place is the proper name ("in the Galwan Valley", "in the Horn of Africa"),
the name in apposition ("in the capital Kabul", "East Timor's capital Dili"), the name after
"of" ("near the town of Samarra"), a nested locative ("at a jail in Dili"), a capital or country
named by an adjective or possessor ("the Syrian capital", "Ukraine's capital", "Syria's north"),
or a town named before a common noun ("at a Kabul hospital"). A country, person or organisation
before a noun is not a place ("in Turkey's interest", "at the UN"); a phrase that does not
geocode is skipped. The first phrase that geocodes wins.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence

from ..actors import kb as actors
from ..dates import MONTHS, WEEKDAYS
from ..record import Location
from .geocoder import capital, country, country_of_adjective, geocode, geocode_in, key, region_areas

# Prepositions that locate an event by themselves. "on" only does with a place noun ("on the
# outskirts of Kyiv"), not otherwise ("sanctions on Belarus").
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "within",
                      "around", "off", "along", "beside"})
# Prepositions whose object may hold the event's place further down ("during talks in Beijing").
THROUGH = LOCATIVE | {"during", "for", "on"}
# After these verbs and nouns "to"/"into" gives the place ("travel to Ankara", "a visit to Kyiv").
MOTION = frozenset({"travel", "trip", "visit", "journey", "go", "fly", "come", "return", "head",
                    "arrive", "move", "send", "deploy", "dispatch", "march", "sail", "drive",
                    "redeploy", "relocate", "tour"})
# Verbs and event nouns whose object is where the event happens ("invaded Ukraine", "the
# annexation of Crimea", "shelled the city of Kharkiv").
ON_A_PLACE = frozenset({
    "visit", "tour", "invade", "invasion", "occupy", "occupation", "enter", "shell", "shelling",
    "bomb", "bombing", "bombard", "bombardment", "strike", "attack", "raid", "storm", "capture",
    "seize", "seizure", "besiege", "siege", "encircle", "encirclement", "surround", "liberate",
    "liberation", "recapture", "retake", "annex", "annexation", "evacuate", "evacuation",
    "blockade", "overrun", "reach", "leave", "flee", "hit", "target", "pound"})
# Nouns that stand for a place named next to them ("the city of Kharkiv", "the capital Kabul",
# "Ukraine's east", "the Kharkiv region").
PLACE_NOUNS = frozenset({
    "city", "town", "village", "capital", "province", "region", "district", "area", "state",
    "county", "governorate", "oblast", "territory", "port", "resort", "border", "coast", "island",
    "outskirts", "suburb", "suburbs", "streets", "street", "centre", "center", "heart", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "part", "parts",
    "enclave", "valley", "strip", "peninsula", "neighbourhood", "neighborhood", "municipality",
    "settlement", "stronghold", "hometown", "countryside", "frontline", "front", "hub", "seaport",
    "islands", "desert", "mountains", "camp"})
# Words after a name that say what kind of division it is: "Kharkiv region" is about Kharkiv
# ("Petit Valley" is not about a place called Petit).
DIVISIONS = frozenset({"region", "province", "oblast", "governorate", "district", "state", "county",
                       "city", "town", "municipality", "prefecture", "department"})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "northeastern", "northwestern", "southeastern",
                        "southwestern", "northeast", "northwest", "southeast", "southwest"})
# Words spelled like places that are dates here.
NOT_PLACES = frozenset(MONTHS) | frozenset(WEEKDAYS)

# ---------------------------------------------------------------- the sentence

def event_location(sentence_doc, trigger, hints: Sequence[str] = ()) -> tuple[Location | None, str | None]:
    """(place, evidence) for the event whose trigger token is given, e.g.
    (Location("Sochi", "RUS", ...), "prep:in Sochi"); (None, None) when the sentence names none.
    hints: ISO3 codes of the event's actors and of the document's places, strongest first."""
    for rule, start, noun in _phrases(trigger, sentence_doc[:].root):
        found = _place(noun, hints)
        if found:
            location, last = found
            return location, f"{rule}:{start.doc[start.i:max(last, noun.i) + 1].text}"
    return None, None


def _phrases(trigger, root) -> Iterator[tuple[str, object, object]]:
    """(rule, first token, head noun) of each phrase that may name the place, best first: the
    trigger's own, those of its subject ("Protesters in Tbilisi marched"), those of the verb
    above it, those of the root."""
    yield from _governed(trigger)
    for subject in (c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")):
        yield from _locatives(subject)
    seen = {trigger.i}
    for anchor in (_verb_above(trigger), root):
        if anchor is not None and anchor.i not in seen:
            seen.add(anchor.i)
            yield from _locatives(anchor)


def _governed(trigger) -> Iterator[tuple[str, object, object]]:
    """Breadth first through the trigger's own phrase: nearer phrases come first."""
    queue = deque([trigger])
    while queue:
        token = queue.popleft()
        for child in token.children:
            if child.dep_ == "prep":
                for obj in _objects(child):
                    if _locates(token, child, obj):
                        yield "prep", child, obj
                    if child.lower_ in THROUGH or (child.lower_ == "of" and token.i == trigger.i):
                        queue.append(obj)
            elif child.dep_ == "dobj":
                if token.lemma_.lower() in ON_A_PLACE or _is_place_noun(child):
                    yield "dobj", child.left_edge, child
                queue.append(child)
            elif child.dep_ == "xcomp":
                queue.append(child)
            elif child.dep_ == "agent":
                # a passive's "by" phrase: where the act it was done by was ("killed by a coalition
                # strike in Raqqa"), or where its doers were ("criticised by officials in Washington")
                queue.extend(_objects(child))


def _locatives(anchor) -> Iterator[tuple[str, object, object]]:
    """The locative phrases of a word outside the trigger's phrase, and those nested in them."""
    queue = deque([anchor])
    while queue:
        token = queue.popleft()
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in LOCATIVE:
                continue
            for obj in _objects(child):
                yield "prep", child, obj
                queue.append(obj)


def _objects(prep) -> list:
    """The prepositions's objects; through a second preposition ("outside of Basra", "out of
    Kabul", "in front of parliament") when it has none of its own."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects:
        objects = [o for c in prep.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return objects


def _locates(head, prep, obj) -> bool:
    word = prep.lower_
    if word in LOCATIVE:
        return True
    if word == "on":
        return _is_place_noun(obj)
    if word in ("to", "into"):
        return head.lemma_.lower() in MOTION
    return word == "of" and head.lemma_.lower() in ON_A_PLACE


def _verb_above(token):
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


# ---------------------------------------------------------------- one phrase

def place_of(noun, hints: Sequence[str] = ()) -> Location | None:
    """The place a noun phrase names, if it names one ("Lewes, East Sussex", "the town of Didim")."""
    found = _place(noun, hints)
    return found[0] if found else None


def _place(noun, hints: Sequence[str]) -> tuple[Location, int] | None:
    """The place a noun phrase names, and the index of the last token read for it."""
    area = _area(noun)
    for tokens in _names(noun):
        for text in _variants(tokens):
            location = _geocode(text, hints, area)
            if location:
                return location, tokens[-1].i
    if _is_place_noun(noun):
        return _by_country(noun, hints)
    # A name's first words are part of it: "Stanford University" is not in Stanford.
    return None if _is_name(noun) else _modifier(noun, hints)


def _geocode(text: str, hints: Sequence[str] = (), region: str | None = None) -> Location | None:
    """geocode(), for names that are neither dates ("in March": March is also an English town)
    nor actors ("at the UN": Un is also an Indian town; "Hamas" an old name of Hamm); inside the
    state or country the text names with it, if any."""
    if key(text) in NOT_PLACES or _an_actor(text):
        return None
    return geocode_in(text, region, hints=hints) if region else geocode(text, hints=hints)


def _an_actor(text: str) -> bool:
    """A person, organisation or kind of actor in the actor dictionary, and nothing else."""
    entries = actors.builtin().lookup(actors.phrase_key(text))
    return bool(entries) and all(e.kind in (actors.PERSON, actors.ORG, actors.AGENT) for e in entries)


def _area(noun) -> str | None:
    """A country or region in apposition, which the name lies in: "Paris, Texas", "Antalya,
    Turkey", "Woodside, Calif."."""
    for child in noun.children:
        if child.dep_ == "appos" and _is_name(child):
            text = _text(_name_span(child))
            if region_areas(text):
                return text
    return None


def _is_place_noun(token) -> bool:
    return token.lower_ in PLACE_NOUNS or token.lemma_.lower() in PLACE_NOUNS


def _modifier(noun, hints: Sequence[str]) -> tuple[Location, int] | None:
    """A town, region or site named before a noun that is not a place: "in Mariupol's drama
    theatre", "at a Kabul hospital", "at a White House ceremony". A country there is an actor
    or a qualifier ("in Turkey's interest", "at a Russia summit"), not the place."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and _is_name(child):
            place = _geocode(_text(_name_span(child)), hints)
            if place and place != country(place.country):
                return place, child.i
    return None


def _is_name(token) -> bool:
    return (token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS")) and token.text[:1].isupper()


def _names(noun) -> Iterator[list]:
    """Token runs that may name the place, best first."""
    if _is_name(noun):
        yield from _with_of(noun)
    if _is_name(noun) or _name_span(noun)[0].i != noun.i:      # "UN headquarters", "Kharkiv region"
        yield _name_span(noun)
    for child in noun.children:
        if child.dep_ == "appos" and _is_name(child):
            yield _name_span(child)
    if _is_place_noun(noun):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                yield from (_name_span(o) for o in _objects(prep) if _is_name(o))


def _with_of(noun) -> Iterator[list]:
    """A name that goes on with "of": "the Horn of Africa", "the Strait of Hormuz"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in _objects(prep):
                if _is_name(obj):
                    yield list(noun.doc[_name_span(noun)[0].i:obj.i + 1])


def _name_span(token) -> list:
    """The token with the name words written just before it: "North Waziristan", "the Galwan
    Valley", "Kharkiv region", "Nagorno-Karabakh"."""
    doc, start = token.doc, token.i
    while start > 0:
        before = doc[start - 1]
        if before.head.i in range(start, token.i + 1) and (
                before.dep_ in ("compound", "flat") and (_is_name(before) or before.is_title)
                or before.text in ("-", "–") and start - 2 >= 0 and _is_name(doc[start - 2])):
            start -= 1
        else:
            break
    return list(doc[start:token.i + 1])


def _variants(tokens: list) -> Iterator[str]:
    """The run as written, then without a trailing division ("Kharkiv region" -> "Kharkiv"),
    then without a leading direction ("Eastern Ukraine" -> "Ukraine")."""
    yield _text(tokens)
    if len(tokens) > 1 and tokens[-1].lower_ in DIVISIONS:
        yield from _variants(tokens[:-1])
    if len(tokens) > 1 and tokens[0].lower_ in DIRECTIONS:
        yield from _variants(tokens[1:])


def _by_country(noun, hints: Sequence[str]) -> tuple[Location, int] | None:
    """A place noun named by its country or a possessor: "the Syrian capital" (Damascus),
    "Ukraine's capital" (Kyiv), "Syria's north" (Syria), "Kharkiv's outskirts" (Kharkiv)."""
    is_capital = noun.lemma_.lower() == "capital"
    for child in noun.children:
        if child.dep_ == "amod" and (iso3 := country_of_adjective(child.text)):
            place = capital(iso3) if is_capital else country(iso3)
        elif child.dep_ == "poss" and _is_name(child):
            place = _geocode(_text(_name_span(child)), hints)
            if is_capital:
                place = capital(place.country) if place and place == country(place.country) else None
        else:
            continue
        if place:
            return place, max(child.i, noun.i)
    return None


def _text(tokens: list) -> str:
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
