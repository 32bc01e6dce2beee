"""The doer a sentence leaves unnamed: the actors of the sentences before it, offered to the source
choice beside the sentence's own phrases (earlier.py)."""
from dataclasses import replace

from dragoman.learn import data, earlier, examples, features
from dragoman.learn.view import able
from dragoman.pipeline import Coder
from dragoman.read.text import from_text
from dragoman.record import EARLIER

STORY = ("Islamic State claimed a suicide bombing in Manbij on Wednesday. "
         "The city had been calm for weeks. "
         "As many as 16 people were killed in the attack.")


def views(text: str) -> list:
    """The document's sentences as the models see them, in order."""
    recorder = examples.Recorder()
    replace(Coder.default(rules_only=True), decider=recorder).code(from_text(text, "<test>", None))
    return next(iter(recorder.views.values()))


def test_a_sentence_looks_back_to_the_headline_the_lead_and_the_last_sentences():
    towns = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon", "Dublin"]
    many = " ".join(f"The French minister met the German ambassador in {town} on Monday." for town in towns)
    seen = views(many)
    assert [v.position for v in seen[8].before] == [0, 1, 5, 6, 7]
    assert seen[0].before == () and [v.position for v in seen[2].before] == [0, 1]


def test_another_document_or_a_sentence_read_again_starts_over():
    from types import SimpleNamespace

    from dragoman.learn.view import Recent

    recent = Recent()

    def read(doc_id: str, index: int):
        parsed = SimpleNamespace(text=f"Sentence {index}.")
        return recent.view(SimpleNamespace(id=doc_id, date=None), SimpleNamespace(index=index), parsed, None, [], {})

    first = [read("a", i) for i in range(4)]
    assert [v.position for v in first[3].before] == [0, 1, 2]
    assert read("b", 4).before == ()                 # another document
    assert [v.position for v in read("b", 5).before] == [4]
    assert read("b", 5).before == ()                 # the same sentence again: read anew


def test_the_actors_named_before_are_offered_once_without_a_span_here():
    last = views(STORY)[-1]
    offered = earlier.offered(last)
    isis = next(a for a in offered if a.key == "IMG")
    assert isis.back == 2 and isis.lead and isis.subject and isis.mentions == 1
    found = isis.found
    assert found.rule == EARLIER and (found.start, found.end) == (-1, -1)
    assert (found.actor.start, found.actor.end) == (None, None) and found.actor.code == "IMGMOSISI"
    # the sentence's own actors are its phrases' to be, not an earlier actor's
    assert not {a.key for a in offered} & {a.key for a in last.actor_candidates}


def test_what_was_told_of_an_earlier_actor_is_read():
    seen = views(STORY)
    seen[0].told = frozenset({("ASSAULT", "IMG")})   # as the models' events (or gold) tell it
    isis = next(a for a in earlier.offered(seen[-1]) if a.key == "IMG")
    read = earlier.features(isis, 0, "ASSAULT")
    assert {"E:bias", "E:told", "E:told_same", "E:ASSAULT|told_same", "E:back=2", "E:lead"} <= set(read)
    assert "E:told_same" not in earlier.features(isis, 0, "AID")


def test_the_source_choice_offers_them_after_the_phrases_and_before_no_source():
    last = views(STORY)[-1]
    killed = next(t for t in last.tokens if t.text == "killed")
    actors, before = able(last, killed), earlier.offered(last)
    options = features.source_options(last, killed, actors, "ASSAULT", before)
    assert len(options) == len(actors) + len(before) + 1
    assert options[len(actors)][0][0] == "E:bias" and options[-1][0][0] == "NOSRC"
    assert f"NOSRC|n={min(len(actors), 5)}" in options[-1][0]   # the sentence's own phrases, counted alone
    assert not options[len(actors)][1].any()   # no vector: it is no word of the sentence


def test_an_earlier_actor_is_right_where_it_is_the_gold_source_by_its_code():
    """The training sets: "16 people were killed", gold's source Islamic State in the first
    sentence; the earlier actor of that code is the right option."""
    from dragoman.gold.corpus import GoldActor, GoldDoc, GoldEvent

    seen = views(STORY)
    killed = STORY.index("killed")
    gold = GoldEvent("e1", (STORY.index("As many"), len(STORY)), (killed, killed + 6), "ASSAULT", "190",
                     "asserted", "news", source=(GoldActor((0, 14), "IMGMOSISI"),))
    doc = GoldDoc("<test>", None, "", 0, (gold,), STORY)
    spans, cursor = [], 0
    for token in seen[-1].tokens:
        at = STORY.index(token.text, cursor)
        spans.append((at, at + len(token.text)))
        cursor = at + len(token.text)
    sentence = examples.Sentence(doc, seen[-1], spans, [gold])
    choices = data.sources([sentence])
    assert choices.count == 1
    before = earlier.offered(seen[-1])
    right = [n for n, r in enumerate(choices.right) if r]
    picked = [choices.sparse[n] for n in right]
    assert len(right) == 1 and picked[0][0] == "E:bias"
    isis = next(n for n, a in enumerate(before) if a.key == "IMG")
    assert f"E:rank={min(isis, 2)}" in picked[0]
    # a gold source inside the sentence (named there, the finder missing it) is no earlier actor's
    inside = GoldActor((STORY.index("the attack"), len(STORY) - 1), "IMGMOSISI")
    assert data._earlier_role(replace(gold, source=(inside,)), before[isis], sentence.extent()) == data.NONE
    assert data._earlier_role(gold, before[isis], sentence.extent()) == "source"


def test_the_default_coder_gives_the_doer_named_before_with_no_span_and_says_so():
    """With the shipped models (the choice is theirs, so the sentence is one they are sure of; the
    mechanism is tested with set models below): the deaths of "at least 20 civilians were killed in
    the assault" are the Islamic State fighters', named in the sentence before; the source has no
    span in the sentence, and a note says where it comes from."""
    from dragoman.learn.decide import Decider

    coder = Coder.default(rules_only=False)
    told = ("Islamic State fighters attacked a village near Raqqa on Monday. "
            "At least 20 civilians were killed in the assault.")
    events = coder.code(from_text(told, "<test>", None))
    earlier_sourced = [e for e in events if e.evidence.source_rule == EARLIER]
    assert earlier_sourced and all(e.sentence_id == 1 for e in earlier_sourced)
    killed = earlier_sourced[0]
    assert killed.source.code == "IMGMOSISI" and killed.source.text == "Islamic State fighters"
    assert (killed.evidence.source_span is None
            and "source named before this sentence: Islamic State fighters" in killed.evidence.notes)
    assert isinstance(coder.decider, Decider)


def test_the_decider_takes_an_earlier_actor_as_a_source_of_no_span_only_when_sure(shared, tmp_path):
    """A source choice sure of the nearest earlier actor gives the event that actor, without a span
    in its sentence, and the target is chosen as where no phrase is the source; the same actor
    likeliest but under earlier_min gives no source. Models say whether they were trained so: an
    older folder offers none."""
    import json
    import math

    import numpy
    import pytest

    from dragoman.gold import annotate
    from dragoman.learn import decide, train
    from dragoman.learn.choice import ChoiceModel

    from .test_decide import MORE

    pytest.importorskip("sklearn", reason="training needs the test or train extra (scikit-learn)")
    base = Coder.default(rules_only=True)
    models = train.fit(examples.sentences([annotate.to_standoff("guardian-6", MORE, shared, annotate.Problems([]))],
                                          base, shared))
    last = views(STORY)[-1]
    killed = next(t for t in last.tokens if t.text == "killed")
    before, actors = earlier.offered(last), able(last, killed)
    others = len(actors) + len(before)          # every option but the nearest earlier actor, "none" included
    for weight, taken in ((12.0, True), (math.log(others) + 0.4, False)):   # p about 1, then 0.6 less a little
        sure = ChoiceModel({"E:rank=0": 0}, numpy.array([weight], dtype=numpy.float32))
        decider = decide.Decider(replace(models, source=sure), base.dictionary)
        chosen = []
        decider._target = lambda view, token, source, kind, least: chosen.append(source) or []
        sources, _, p = decider._roles(last, killed, kind="ASSAULT")
        if taken:
            assert p >= decider.t.earlier_min and [s.rule for s in sources] == [EARLIER] and chosen == [None]
            assert sources[0].actor.code == before[0].found.actor.code and sources[0].actor.start is None
        else:
            assert sources == [] and chosen == [None]
    # a sentence that names no actor at all is offered them too
    bare = views("Islamic State claimed a suicide bombing in Manbij. Sixteen were killed on Wednesday.")[-1]
    assert not bare.actor_candidates
    sure = ChoiceModel({"E:rank=0": 0}, numpy.array([12.0], dtype=numpy.float32))
    sources, targets, _ = decide.Decider(replace(models, source=sure), base.dictionary)._roles(
        bare, next(t for t in bare.tokens if t.text == "killed"), kind="ASSAULT")
    assert [s.actor.code for s in sources] == ["IMGMOSISI"] and targets == []
    models.save(tmp_path / "m")
    assert decide.Models.load(tmp_path / "m").earlier
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    del config["earlier"]
    (tmp_path / "m" / "config.json").write_text(json.dumps(config))
    older = decide.Models.load(tmp_path / "m")
    assert not older.earlier and decide.Decider(older, base.dictionary)._before(last) == []
