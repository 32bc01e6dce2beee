"""Actors on the parse: coordination, pronouns, names introduced in the document, definite
descriptions."""
from dragoman import code_text


def _sources(text, date="2001-05-05"):
    return [(e.sentence_id, e.source.code, e.evidence.source_rule) for e in code_text(text, date=date)]


def test_unknown_name_introduced_with_title_is_remembered():
    text = ("Georgian Foreign Minister Ivane Kartveli met Armenian officials on Monday. "
            "Kartveli later criticized Russia.")
    found = _sources(text)
    assert (0, "GEOGOV", "subject") in found and (1, "GEOGOV", "subject") in found


def test_definite_description_takes_the_country_from_the_document():
    text = "Turkish President Recep Tayyip Erdogan met Putin in Sochi. The president also praised Azerbaijan."
    events = code_text(text, date="2021-09-29")
    praise = [e for e in events if e.sentence_id == 1]
    assert praise and praise[0].source.code == "TURGOV" and praise[0].target.country == "AZE"


def test_pronouns_follow_person_and_group():
    text = "Russian President Vladimir Putin met Turkish officials. He later criticized NATO."
    events = code_text(text, date="2021-09-29")
    criticism = [e for e in events if e.sentence_id == 1][0]
    assert criticism.source.code == "RUSGOV" and criticism.evidence.source_rule == "pronoun"
    assert criticism.target.code.startswith("IGO")


def test_news_outlets_are_not_antecedents():
    text = "The Anadolu news agency reported the talks. It said Turkey welcomed the decision of Ukraine."
    events = code_text(text, date="2022-01-28")
    assert all(e.source.sector != "MED" for e in events if e.sentence_id == 1)
