"""What the time model reads to tell news from background (annotation.md, section 5): the tense
and aspect of the clause that tells the event, the dates of that clause against the article's
date, how far into the article the sentence stands, and the dates of the sentences just before."""
from dataclasses import replace
from datetime import date
from types import SimpleNamespace as NS

from dragoman.learn import examples, features
from dragoman.learn.view import Recent
from dragoman.pipeline import Coder
from dragoman.read.text import from_text

DAY = date(2021, 6, 10)


def views(text: str, day: date | None = DAY) -> list:
    """The sentences of one article as the models see them, in order."""
    recorder = examples.Recorder()
    replace(Coder.default(rules_only=True), decider=recorder).code(from_text(text, "<test>", day))
    return next(iter(recorder.views.values()))


def read(text: str, word: str, sentence: int = 0) -> list[str]:
    v = views(text)[sentence]
    return features.time_features(v, next(t for t in v.tokens if t.text == word))


def test_the_aspect_of_the_clause_that_tells_the_event():
    assert "aspect=pluperfect" in read("The rebels had shelled the port before the talks.", "shelled")
    assert "aspect=perfect" in read("The rebels have shelled the port.", "shelled")
    assert "aspect=progressive_present" in read("The rebels are shelling the port.", "shelling")
    assert "aspect=modal" in read("The rebels will shell the port.", "shell")


def test_a_noun_reads_the_aspect_of_its_verb_and_the_verb_above():
    """"The shelling had alarmed ...": the shelling is told in a pluperfect clause; a reported
    event reads its own aspect with the one of the verb of saying."""
    assert "aspect=pluperfect" in read("The shelling of the port had alarmed the villagers.", "shelling")
    assert "aspect_above=past|pluperfect" in read("The mayor said that the rebels had shelled the port.", "shelled")


def test_a_date_of_its_own_clause_against_the_article_date():
    f = read("The army seized the town in 2014, officials said on Monday.", "seized")
    assert "own_date=years_before" in f and "own_date=week" not in f


def test_the_dates_of_the_sentences_before():
    text = ("Rebel leaders met foreign diplomats in Geneva on Tuesday. "
            "In 2014, rebels seized the northern town of Kafr Nabl from the army. "
            "Their fighters executed dozens of soldiers there.")
    f = read(text, "executed", 2)
    assert "earlier_date=years_before" in f and "depth=<4" in f
    assert not [x for x in read(text, "met") if x.startswith("earlier_date")]


def test_another_document_or_a_new_reading_starts_over():
    """The dates before a sentence are its own document's: another id, or the same text read
    again from its first sentence, sees none of them."""
    recent = Recent()
    article = NS(id="a", date=DAY)
    recent.view(article, NS(index=0), NS(text="In 2014, rebels seized the town."), None, [], {})
    assert recent.view(article, NS(index=1), NS(text="Soldiers fled."), None, [], {}).earlier
    assert not recent.view(article, NS(index=0), NS(text="Soldiers fled."), None, [], {}).earlier
    recent.view(article, NS(index=1), NS(text="In 2014, rebels seized the town."), None, [], {})
    assert not recent.view(NS(id="b", date=DAY), NS(index=2), NS(text="Soldiers fled."), None, [], {}).earlier
