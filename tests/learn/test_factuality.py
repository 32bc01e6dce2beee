"""What the factuality model reads around an event's word: the kind of frame the words it depends
on make (asked for, claimed, denied, intended, feared, prevented, attempted) and the words that
qualify it ("reportedly", "an alleged plot", "no help"); the time model reads none of it."""
from dragoman.learn import features

from .test_targets import read as read_word, view


def read(text: str, word: str) -> list[str]:
    return read_word(features.factuality_features, text, word)


def test_a_requested_event_is_read_under_its_request():
    f = read("The ministers urged the rebels to withdraw their fighters from the port.", "withdraw")
    assert "frame=request" in f and "frame1=request" in f


def test_a_denied_event_is_read_under_its_denial():
    assert "frame=deny" in read("The army denied that its soldiers had shelled the school.", "shelled")


def test_an_attempt_is_not_an_intent():
    """An attempt happened, whether or not it succeeded (annotation.md, section 4)."""
    f = read("Gunmen tried to storm the embassy in the capital.", "storm")
    assert "frame=attempt" in f and "frame=intent" not in f


def test_an_intent_and_a_fear_are_read_as_such():
    assert "frame=intent" in read("The president plans to visit the border town next month.", "visit")
    assert "frame=fear" in read("Villagers fled in fear of an offensive by the army.", "offensive")


def test_qualifiers_of_the_word_and_of_its_object():
    assert "qual=reportedly" in read("Soldiers reportedly killed four farmers near the village.", "killed")
    assert "qual=alleged" in read("Police arrested two men over an alleged plot against the mayor.", "plot")
    assert "obj_qual=no" in read("The refugees received no help from the government.", "received")


def test_an_asserted_event_has_no_frame():
    f = read("Rebels attacked an army convoy near the city on Monday.", "attacked")
    assert not [x for x in f if x.startswith(("frame", "qual", "obj_qual", "up_qual"))]


def test_the_time_model_reads_no_frames():
    v = view("The ministers urged the rebels to withdraw their fighters from the port.")
    token = next(t for t in v.tokens if t.text == "withdraw")
    assert not [x for x in features.context_features(v, token) if x.startswith("frame")]


def test_the_event_type_is_read_alone_and_with_each_frame():
    """What a frame does depends on the event: the model reads the type, and the type with it."""
    v = view("The rebels threatened to attack the airport.")
    token = next(t for t in v.tokens if t.text == "attack")
    f = features.factuality_features(v, token, "ASSAULT")
    assert "type=ASSAULT" in f and "type|frame=intent" in f
    assert not [x for x in features.factuality_features(v, token) if x.startswith("type")]


def test_the_clause_of_the_event_is_read_with_the_words_place_in_it():
    """One reading for "could" wherever the event stands in the clause: the verb itself, its
    object, its subject; and with what governs the clause ("said it will")."""
    assert "scope=could|subj" in read("A full-scale assault could lead to a flood of refugees.", "assault")
    assert "scope=could|obj" in read("The general could order more airstrikes on the port.", "airstrikes")
    assert "scope=if|self" in read("The town will be safe if the rebels withdraw their guns.", "withdraw")
    plain = read("The rebels attacked the airport on Monday.", "attacked")
    assert "scope=plain|self" in plain and not [x for x in plain if x.startswith("scope=could")]


def test_a_joined_verb_shares_the_first_ones_modal():
    f = read("Officials said the army will invade and occupy the valley.", "occupy")
    assert "scope=will|self" in f and "scope_above=say|will" in f


def test_an_accusation_is_not_a_report():
    """"accused X of shelling" leaves the shelling open; "reported that X shelled" often does not."""
    assert "frame=accuse" in read("The minister accused the rebels of shelling the market.", "shelling")
    f = read("Local journalists reported that the army shelled the market.", "shelled")
    assert "frame=allege" in f and "frame=accuse" not in f


def test_a_noun_that_names_an_aim_is_an_intent():
    assert "frame=intent" in read("Officials floated the idea of restoring ties with the neighbours.", "restoring")
