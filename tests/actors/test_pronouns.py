"""Pronouns and the actors they stand for (issue 13): a pronoun in a reported or subordinate
clause, agreement in number and in person or group, objects, quotations and their speakers,
"it" that stands for nothing, names no dictionary knows. The actor finder alone, on invented
sentences, read as the pipeline reads a document (the memory carried from sentence to sentence)."""
from datetime import date

import pytest

from dragoman import code_text, nlp
from dragoman.actors import kb as kbmod
from dragoman.actors.mentions import Memory, SentenceActors, quotations
from dragoman.actors.resolve import PLACE_KINDS, find_matches
from dragoman.events import patterns


@pytest.fixture(scope="module")
def pronouns():
    kb, speech = kbmod.builtin(), patterns.builtin().frames.speech

    def read(text: str, day: date = date(2019, 3, 1)) -> list[list[tuple[str, str | None]]]:
        """For each sentence, each pronoun with the code of the actor it stands for (None: none)."""
        docs = nlp.parse(nlp.split_tokenized(text))
        named = [(i, country) for i, doc in enumerate(docs) for m in find_matches([t.text for t in doc], kb)
                 if (country := next((e.value for e in m.entries if e.kind in PLACE_KINDS), None))]
        memory, out = Memory(named=named, quoted=quotations([doc.text for doc in docs])), []
        for i, doc in enumerate(docs):
            memory.tick = i
            actors = SentenceActors(doc, kb, day, memory, speech=speech)
            out.append([(t.text, at[0].actor.code if (at := actors.at(t)) else None) for t in doc if t.pos_ == "PRON"])
            actors.remember_all()
        return out
    return read


def test_a_pronoun_in_a_reported_clause_is_the_subject_of_the_clause_above(pronouns):
    assert pronouns("Norway signalled on Monday it would impose sanctions on Iran.") == [[("it", "NOR")]]


def test_a_body_of_people_is_it_and_a_person_he(pronouns):
    assert pronouns("The Turkish government said it would attack the YPG.") == [[("it", "TURGOV")]]
    text = "Georgian President Eduard Shevardnadze resigned as the opposition threatened to storm his residence."
    assert pronouns(text) == [[("his", "GEOGOV")]]


def test_they_stands_for_several_not_for_a_country_named_since(pronouns):
    text = ("Syrian rebels shelled the town on Monday. Turkey condemned the shelling. "
            "They said the attack was a mistake.")
    assert pronouns(text)[2] == [("They", "SYRREB")]


def test_a_pair_is_they_and_stands_for_the_first_of_it(pronouns):
    assert pronouns("Putin and Erdogan met in Sochi. They agreed to meet again.")[1] == [("They", "RUSGOV")]


def test_an_object_is_not_the_subject_of_its_own_verb(pronouns):
    assert pronouns("Russian forces encircled Ukrainian soldiers near the city and shelled them.") == [
        [("them", "UKRMIL")]]


def test_i_and_we_in_a_quotation_are_its_speaker(pronouns):
    assert pronouns("“We will not withdraw our troops,” the Turkish defence minister said.") == [
        [("We", "TURGOV"), ("our", "TURGOV")]]


def test_the_speaker_of_a_quotation_goes_on_into_the_next_sentence(pronouns):
    text = "The Turkish defence minister said: “Our army is ready. We will strike the militants.”"
    assert pronouns(text) == [[("Our", "TURGOV")], [("We", "TURGOV")]]


def test_he_in_a_quotation_is_not_its_speaker(pronouns):
    text = ("Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan on Monday. "
            "“He assured me that the talks would continue,” Putin said.")
    assert pronouns(text)[1] == [("He", "TURGOV"), ("me", "RUSGOV")]


def test_i_outside_a_quotation_is_the_writer_and_no_actor(pronouns):
    assert pronouns("Russian troops entered the town. I saw them leave.")[1] == [("I", None), ("them", "RUSMIL")]


def test_it_before_a_clause_stands_for_nothing(pronouns):
    text = "Turkey attacked Afrin. It is not clear whether the strikes hit civilians. It is ready to attack again."
    assert pronouns(text)[1:] == [[("It", None)], [("It", "TUR")]]


def test_a_name_no_dictionary_knows_stands_in_the_way(pronouns):
    """'He' is Zorbakov, whoever he is: not the last person the dictionaries know."""
    text = "Russian President Vladimir Putin met officials on Monday. Later, Zorbakov said he would resign."
    assert pronouns(text)[1] == [("he", None)]


def test_a_person_pronoun_reaches_further_back_than_a_group_one(pronouns):
    text = ("Russian President Vladimir Putin arrived in Ankara on Monday. The talks lasted for hours. "
            "Dinner followed. He later praised Turkey.")
    assert pronouns(text)[3] == [("He", "RUSGOV")]


def test_sentences_that_begin_inside_a_quotation():
    texts = ["The minister said: “We will act.", "The army is ready.”", "Talks went on.",
             "“Nothing is agreed,” he said. “", "We wait.”"]
    assert quotations(texts) == frozenset({1, 4})


def test_a_pronoun_in_a_reported_clause_codes_the_event():
    events = code_text("Greek officials said on Monday they had expelled two Russian diplomats.", date="2018-07-11")
    assert [(e.plover, e.source.code, e.evidence.source_rule) for e in events] == [("SANCTION", "GRCGOV", "pronoun")]


def test_a_person_is_referred_to_from_further_back_than_a_group():
    from dragoman.actors.mentions import GROUP_PRONOUN_REACH, PERSON_REACH, pronoun_reach

    assert PERSON_REACH > GROUP_PRONOUN_REACH
    assert pronoun_reach({"she", "said"}) == pronoun_reach({"we"}) == PERSON_REACH
    assert pronoun_reach({"they", "said"}) == pronoun_reach({"it"}) == GROUP_PRONOUN_REACH
