"""Gold mentions laid on parsed sentences: which token triggers, which actor is source or target."""
import pytest

from dragoman.gold import annotate
from dragoman.learn import data, examples
from dragoman.pipeline import Coder

from ..gold.test_annotate import CONDEMNED, SHELLED


@pytest.fixture
def sentences(shared):
    doc = annotate.to_standoff("guardian-4", [SHELLED, CONDEMNED], shared, annotate.Problems([]))
    return examples.sentences([doc], Coder.default(rules_only=True), shared)


def test_gold_mentions_are_placed_on_tokens(sentences):
    assert [s.view.parsed.text for s in sentences] == ["Russian forces shelled Kharkiv on Thursday.",
                                                      "Ukraine's president condemned the attack."]
    first, second = sentences
    assert [g.type for g in first.golds] == ["ASSAULT"] and [g.type for g in second.golds] == ["ACCUSE"]
    head = first.head_of(first.golds[0].trigger)
    assert first.view.tokens[head].text == "shelled"
    text = first.doc.text
    assert all(text[a:b] == t.text for (a, b), t in zip(first.spans, first.view.tokens))


def test_trigger_labels(sentences):
    found = data.triggers(sentences)
    labelled = dict(zip([f[1] for f in found.sparse], found.labels))
    assert labelled["w=shelled"] == "ASSAULT" and labelled["w=condemned"] == "ACCUSE"
    assert labelled["w=forces"] == data.NONE


def test_role_labels(sentences):
    first = sentences[0]
    extent, gold = first.extent(), first.golds[0]
    shown = [(first.doc.text[slice(*first.span_of(a))], data.role_of(gold, first.span_of(a), a.key, extent))
             for a in first.view.actor_candidates]
    assert ("Russian forces", "source") in shown and ("Kharkiv", "target") in shown


def test_factuality_and_time_labels(sentences):
    assert data.contexts(sentences, "factuality").labels == ["asserted", "asserted"]
    assert data.contexts(sentences, "time").labels == ["news", "news"]
