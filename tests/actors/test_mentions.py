"""Actors on the parse: coordination, pronouns, names introduced in the document, definite
descriptions."""
from datetime import date

import pytest

from dragoman import code_text
from dragoman.actors import kb as kbmod
from dragoman.actors.resolve import find_matches, resolve_text


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


def test_possessive_pronoun_inside_what_is_said_is_the_speaker():
    events = code_text("Bosnian Serbs said on Tuesday their forces had completed their withdrawal from Gorazde.",
                       date="1994-04-26")
    assert [(e.plover, e.source.code) for e in events] == [("RETREAT", "BIHMIL")]


def test_event_noun_in_a_circumstance_phrase_takes_the_clause_subject():
    events = code_text("Palestinian youths threw stones during demonstrations against the Israeli military.",
                       date="2001-01-01")
    demo = [e for e in events if e.evidence.trigger == "demonstrations"]
    assert demo and demo[0].source.country == "PSE" and demo[0].target.country == "ISR"
    assert demo[0].evidence.source_rule.endswith("-of-clause")


def test_possessive_in_a_subordinate_clause_is_the_main_subject_and_embassies_are_their_owners():
    events = code_text("Saudi Arabia cut ties with Iran after Iranian protesters stormed its embassy in Tehran.",
                       date="2016-01-03")
    storming = [e for e in events if e.evidence.trigger == "stormed"]
    assert storming and storming[0].target.country == "SAU" and storming[0].location.country == "IRN"


def test_the_dateline_does_not_give_unnamed_actors_a_country():
    text = "Price cap\n\nBERLIN, September 2, 2022 — The ministers urged Russia to withdraw its troops."
    assert all(e.source.country != "DEU" for e in code_text(text))


def test_a_counted_group_is_what_is_counted():
    events = code_text("Thousands of protesters gathered outside parliament in Tbilisi.", date="2023-03-08")
    assert events and events[0].source.code == "GEOOPP" and events[0].source.text == "protesters"
    assert [e.source.code for e in code_text("Dozens of students marched in Tehran.", date="2022-10-01")] == ["IRNEDU"]


def test_a_reference_that_leads_back_to_itself_ends():
    """'one of those ... told': "one" stands for what it counts ("those"), a pronoun under the
    verb of saying whose speaker is "one" again."""
    text = "Last week, one of those featured in the film, Madiha Alghothani, told the Guardian that she was happy."
    assert isinstance(code_text(text, date="2017-02-01"), list)  # returns: no endless recursion


def test_unnamed_local_actors_take_the_country_the_document_is_about():
    text = ("Syrian government forces shelled eastern Ghouta on Tuesday. Government ministers in Damascus "
            "denied the reports. Rebel commanders accused the ministers of lying.")
    events = code_text(text, date="2018-03-01")
    accusation = [e for e in events if e.evidence.trigger == "accused"]
    assert accusation and accusation[0].source.code == "SYRREB"
    assert any("by the document's context" in note for note in accusation[0].evidence.notes)


def test_nobody_is_placed_by_a_document_that_names_no_country():
    """The actors keep their text and sector, with no country made up and no code."""
    events = code_text("Rebel commanders accused the ministers of lying.", date="2018-03-01")
    assert [(e.plover, e.source.sector, e.source.country, e.source.code, e.target.sector, e.target.country)
            for e in events] == [("ACCUSE", "REB", None, None, "GOV", None)]


def test_an_actor_known_by_its_sector_alone_is_a_target():
    events = code_text("Rebel fighters attacked villagers near Idlib.", date="2018-03-01")
    assert [(e.source.code, e.target.code) for e in events] == [("SYRREB", "SYRCVL")]


def test_a_name_introduced_by_its_apposed_title_is_remembered():
    text = ("Turkey froze its talks with the European Union. Bekir Bozdag, the deputy prime minister, "
            "criticised Germany. Bozdag later accused the Netherlands of hypocrisy.")
    found = [(e.sentence_id, e.source.code, e.target.code) for e in code_text(text, date="2017-03-12")]
    assert (1, "TURGOV", "DEU") in found and (2, "TURGOV", "NLD") in found


def test_the_one_called_on_to_act_is_the_target():
    events = code_text("Iran called on Washington to lift its sanctions.", date="2018-03-01")
    assert [(e.source.code, e.target.code, e.evidence.target_rule) for e in events] == [
        ("IRN", "USAGOV", "object-of-demand")]


def test_a_gathered_group_is_what_is_gathered():
    events = code_text("Turkish jets fired on a convoy of Syrian soldiers.", date="2018-03-01")
    assert [(e.source.country, e.target.code) for e in events] == [("TUR", "SYRMIL")]



def test_the_backer_of_a_group_is_not_its_country():
    events = code_text("Turkish-backed rebels attacked Kurdish fighters in Afrin.", date="2018-03-01")
    assert [(e.source.code, e.source.text) for e in events] == [("SYRREB", "rebels")]


def test_a_person_named_in_full_is_later_named_by_the_surname():
    text = ("Turkish Prime Minister Binali Yıldırım arrived in London on Monday. "
            "Yıldırım later criticised the European Union.")
    events = [e for e in code_text(text, date="2017-02-01") if e.sentence_id == 1]
    assert [(e.source.text, e.source.code, e.source.name, e.evidence.source_rule) for e in events] == [
        ("Yıldırım", "TURGOV", "Binali Yıldırım", "subject")]


def test_the_group_and_the_militants_are_the_armed_group_named_before():
    text = ("Islamic State fighters attacked a Syrian army post near Deir ez-Zor on Monday. "
            "The militants also kidnapped two soldiers.")
    events = [e for e in code_text(text, date="2019-02-20") if e.sentence_id == 1]
    assert [(e.source.code, e.source.text, e.target.code) for e in events] == [("IMGMOSISI", "militants", "SYRMIL")]


def test_a_group_that_is_told_apart_is_not_the_one_named_before():
    text = ("Islamic State fighters attacked a Syrian army post on Monday. "
            "A group of Syrian soldiers later attacked Kurdish fighters.")
    events = [e for e in code_text(text, date="2019-02-20") if e.sentence_id == 1]
    assert all(e.source.code != "IMGMOSISI" for e in events)


def test_non_state_armed_words_make_the_force_theirs():
    # "rebel forces" are rebels, not an army; "Kurdish militias" rebels of the story's country
    text = "Syrian rebel forces shelled Turkish troops near Afrin. Kurdish militias attacked Turkish soldiers in Syria."
    events = code_text(text, date="2018-03-01")
    assert [(e.sentence_id, e.source.code, e.source.how) for e in events] == [(0, "SYRREB", "agent"),
                                                                             (1, "SYRREB", "agent")]


def test_the_regime_is_the_government_of_the_country_the_story_is_about():
    text = ("Syrian President Bashar al-Assad met Russian officials in Damascus. Turkish President Erdogan "
            "criticised Moscow. The regime later arrested dozens of activists.")
    events = [e for e in code_text(text, date="2019-02-20") if e.sentence_id == 2]
    assert [(e.source.text, e.source.code) for e in events] == [("regime", "SYRGOV")]


def test_a_coalition_led_by_a_state_is_international_not_its_leader():
    text = ("The US-led coalition launched airstrikes on Raqqa on Monday. "
            "A coalition led by Saudi Arabia struck Houthi positions in Yemen on Tuesday.")
    events = code_text(text, date="2019-02-20")
    assert [(e.sentence_id, e.source.code) for e in events] == [(0, "IGO"), (1, "IGO")]


def test_a_verb_a_place_modifies_is_not_an_actor():
    """"protested outside the parliament in Athens": the actors are the protesters and the
    parliament, never the verb's phrase coded as Greece."""
    from dragoman.actors.mentions import Memory, SentenceActors
    from dragoman.nlp import pipeline
    from dragoman.pipeline import Coder

    doc = pipeline()("Refugees protested outside the parliament in Athens.")
    actors = SentenceActors(doc, Coder.default(rules_only=True).kb, None, Memory())
    assert all(actors.at(t) == [] for t in doc if t.pos_ == "VERB")
    # (its country is the event's place, given by the coder)
    assert [f.actor.sector for f in actors.at(next(t for t in doc if t.lower_ == "parliament"))] == ["LEG"]


def test_a_thing_told_by_its_place_or_owner_does_nothing_but_may_be_a_target():
    war = code_text("The war in Syria killed thousands of civilians.", date="2018-10-10")
    assert war and all("war" not in e.source.text and e.source.sector == "UAF" for e in war)
    shelling = code_text("Israeli tanks shelled positions of the Palestinian security forces near Rafah.",
                         date="2001-05-05")
    assert [(e.source.code, e.target.code) for e in shelling] == [("ISR", "PSECOP")]


def test_a_subject_that_is_a_deployment_of_troops_is_the_troops():
    events = code_text("The first deployment of NATO peacekeeping troops arrived in Bosnia on Monday.",
                       date="1995-12-05")
    assert [(e.source.text, e.source.code) for e in events] == [("NATO peacekeeping troops", "IGOWSTNAT")]


def test_rebels_no_word_places_belong_where_the_story_happens():
    text = ("Turkey accused Washington of arming Kurdish fighters. Kurdish forces attacked a Turkish convoy "
            "in Syria. The Pentagon said Kurdish forces later withdrew from the town. Washington also praised "
            "Kurdish forces.")
    events = {e.evidence.trigger: e for e in code_text(text, date="2018-10-10")}
    assert events["withdrew"].source.code == "SYRREB" and events["withdrew"].target.country == "SYR"
    assert events["praised"].target.code == "SYRREB"
    assert any("placed in SYR by the places and countries the document names" in note
               for note in events["praised"].evidence.notes)
    events = code_text("Rebels attacked a convoy in Syria. The Pentagon praised the rebels.", date="2018-10-10")
    praised = [e for e in events if e.evidence.trigger == "praised"]
    assert praised and praised[0].target.code == "SYRREB"
    assert any("where the story is" in note for note in praised[0].evidence.notes)


def test_a_people_without_a_state_is_placed_in_its_country_the_story_tells_of():
    """homelands.tsv: the Kurds of a story told from London are not British; those of a clause
    that happens in a place of theirs are that place's country; a place of theirs is not where they
    come from, nor does it override a place of another country, an owner or a reference."""
    text = ("British ministers met officials in London on Monday. The British government promised "
            "aid to Syria. The Kurds later attacked Islamic State fighters.")
    events = [e for e in code_text(text, date="2019-02-20") if e.sentence_id == 2]
    assert events and {e.source.code for e in events} == {"SYRREB"}
    doc, actors = _finder("Turkish police detained Kurdish activists in Diyarbakir.")
    [found] = actors.at(next(t for t in doc if t.lower_ == "activists"))
    assert found.actor.code == "TUROPP" and "placed in TUR by 'in Diyarbakir'" in found.note
    # where the document names none of their countries, as any actor of the sector: unplaced here
    doc, actors = _finder("Kurdish activists protested.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "activists"))] == [None]
    doc, actors = _finder("Turkish troops crossed from Turkey and attacked Kurdish militias in Afrin.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "militias"))] == ["SYRREB"]
    doc, actors = _finder("Kurdish militias crossed into Syria from Turkey.")   # whence they came
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "militias"))] == [None]
    # their own participle or relative clause says where they are, whoever they fight
    for text in ("Kurdish militias fighting against Turkey in the Syrian enclave of Afrin called for help.",
                 "Kurdish fighters who are based in Afrin have appealed to Damascus.",
                 "Kurdish fighters trained in Iraq attacked Turkish troops in Afrin."):   # where their act was, first
        doc, actors = _finder(text)
        head = next(t for t in doc if t.lower_ in ("militias", "fighters"))
        assert [f.actor.code for f in actors.at(head)] == ["SYRREB"], text
    doc, actors = _finder("Erdogan told reporters in Ankara that Kurdish militias had attacked a convoy.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "militias"))] == [None]
    doc, actors = _finder("The PKK said their Kurdish fighters in Kobani would retaliate.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "fighters"))] == ["TURREB"]
    events = code_text("Syria's army shelled Idlib. Thousands of Kurds protested in London.", date="2018-03-01")
    assert [e.source.code for e in events if e.plover == "PROTEST"] == ["GBRREB"]
    text = "The PKK leader Murat Karayilan met reporters in Kobani. The Kurdish leader accused Ankara of war crimes."
    events = [e for e in code_text(text, date="2018-03-01") if e.sentence_id == 1]
    assert [e.source.code for e in events] == ["TURREB"]
    # where the act they suffered was: "killed in a Turkish airstrike near Afrin"; not where another clause's was
    doc, actors = _finder("Two Kurdish fighters were killed in a Turkish airstrike near Afrin.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "fighters"))] == ["SYRREB"]
    doc, actors = _finder("Kurdish fighters were killed after Turkish troops attacked a convoy near Afrin.")
    assert [f.actor.code for f in actors.at(next(t for t in doc if t.lower_ == "fighters"))] == [None]



def _finder(sentence):
    """The actor finder on one parsed sentence, with an empty memory of the document."""
    from dragoman.actors.mentions import Memory, SentenceActors
    from dragoman.nlp import pipeline
    from dragoman.pipeline import Coder

    doc = pipeline()(sentence)
    return doc, SentenceActors(doc, Coder.default(rules_only=True).kb, None, Memory())


def test_the_west_written_in_lower_case_is_the_west_and_a_direction_is_not():
    events = code_text("Kurdish officials in Syria urged the west to take back its citizens.", date="2019-02-20")
    assert [(e.plover, e.target.code) for e in events] == [("REQUEST", "WST")]
    doc, actors = _finder("Their western partners sent troops west of Mosul, into western Syria.")
    codes = {t.text: [f.actor.code for f in actors.at(t)] for t in doc}
    assert codes["partners"] == ["WST"]
    assert "WST" not in codes["west"] and "WST" not in codes["Syria"]


def test_the_coalition_refers_back_to_the_coalition_of_states_named_before():
    text = ("The US-led coalition launched airstrikes on Raqqa on Monday. "
            "Rights groups accused the coalition of killing civilians.")
    accused = [e for e in code_text(text, date="2019-02-20") if e.evidence.trigger == "accused"]
    assert [(e.target.text, e.target.code) for e in accused] == [("coalition", "IGO")]
    # a coalition the text tells apart, or a government's, is not the one named before
    text = ("The US-led coalition launched airstrikes on Raqqa on Monday. "
            "Turkey criticised the coalition of Syrian rebel groups. The ruling coalition in Baghdad condemned the strikes.")
    events = code_text(text, date="2019-02-20")
    assert [e.target.code for e in events if e.evidence.trigger == "criticised"] == ["SYRREB"]
    assert [e.source.code for e in events if e.evidence.trigger == "condemned"] == ["IRQGOV"]


def test_an_international_coalition_is_international():
    events = code_text("The international coalition against Isis bombed an oil depot near Deir ez-Zor.",
                       date="2019-02-20")
    assert events and all(e.source.code == "IGO" for e in events)


def test_the_group_is_the_armed_group_its_own_sentence_named_before_it():
    doc, actors = _finder("The United States bombed an Islamic State base on Monday, expanding its campaign "
                          "against the militant group.")
    group = next(t for t in doc if t.text == "group")
    assert [f.actor.code for f in actors.at(group)] == ["IMGMOSISI"]


def test_the_regime_is_of_the_country_where_the_story_happens_not_the_one_named_most():
    text = ("Washington criticised Moscow. The US and Russia argued over Syria. "
            "Fighting in Idlib and Aleppo went on. The regime shelled the town.")
    shelled = [e for e in code_text(text, date="2019-02-20") if e.evidence.trigger == "shelled"]
    assert [(e.source.text, e.source.code) for e in shelled] == [("regime", "SYRGOV")]


def test_countries_in_the_plural_are_governments():
    events = code_text("Other countries condemned the attack on Aleppo.", date="2019-02-20")
    assert [(e.source.text, e.source.sector) for e in events] == [("Other countries", "GOV")]


def test_the_first_sentence_places_unnamed_actors_in_the_countries_it_names():
    events = code_text("Government forces clashed with Tunisian rioters in the capital.", date="2011-01-10")
    assert [(e.source.code, e.target.code) for e in events] == [("TUNMIL", "TUNCVL")]


def test_peacekeepers_serve_an_international_mission():
    events = code_text("Rebels attacked Ghanaian peacekeepers in Bunia.", date="2003-05-01")
    assert [e.target.code for e in events] == ["IGOGHA"]


def test_a_thing_an_actor_owns_is_told_by_the_owner_s_words():
    """"Sweden's decision": the actor is Sweden, and its text says so (not the whole phrase); a
    word for people keeps the phrase ("Turkey's president"), and so does an owner whose country
    is not the actor's."""
    denounced = code_text("France denounced Serbia's crackdown on the protests in Albania.", date="2001-05-05")
    assert [(e.target.code, e.target.text) for e in denounced][:1] == [("SRB", "Serbia")]
    met = code_text("Russia's defence minister met Turkey's president.", date="2001-05-05")
    assert met and met[0].target.text == "Turkey's president"


def test_what_an_actor_is_accused_of_is_no_part_of_the_actor():
    """"accused the army of abuses": the army is the target, not "the army of abuses"; "the
    president of Armenia" is told by whom he is of."""
    events = code_text("Britain accused the Sudanese army of abuses in Darfur.", date="2001-05-05")
    assert [(e.source.code, e.target.code, e.target.text) for e in events][:1] == [("GBR", "SDNMIL", "Sudanese army")]
    met = code_text("The president of Armenia met Putin.", date="2001-05-05")
    assert met and met[0].source.text == "president of Armenia" and met[0].source.code == "ARMGOV"



def test_clauses_under_a_modifier_tell_of_other_actors():
    """"the US, the presence of whose forces prevents Turkey from invading ... where the YPG are
    engaged": the aside on a thing names neither Turkey nor the YPG as who the US is."""
    doc, actors = _finder("Even the US, the presence of whose forces prevents Turkey from invading those territories "
                          "in the east, where the YPG and YPJ are still engaged in combat with Isis, has refused to act.")
    us = actors.at(next(t for t in doc if t.text == "US"))
    assert [f.actor.code for f in us] == ["USA"] and not any(w in us[0].actor.text for w in ("Turkey", "YPG"))


def test_a_month_the_parser_joins_to_a_name_is_no_part_of_it():
    doc, actors = _finder("In September Turkey persuaded Russia to hold off.")
    assert [(f.actor.code, f.actor.text) for f in actors.at(next(t for t in doc if t.text == "Turkey"))] == [("TUR", "Turkey")]


def test_a_seat_of_government_in_lower_case_as_papers_write_it():
    """British papers write "the state department": it is still Washington's, not an agent word
    placed in the country the sentence names; a name written with a capital still needs one."""
    assert _sources("The state department condemned Turkey.", "2019-01-01")[0][1] == "USAGOV"
    assert _names(["the", "state", "department"]) == ["state department"]
    assert _names(["the", "white", "house"]) == _names(["a", "turkey"]) == []
    assert _names(["the", "justice", "department"]) == []   # any country's: "department" alone, an agent word


def _names(words):
    """The phrases of the words the dictionaries know as names (not agent words)."""
    return [m.text for m in find_matches(words, kbmod.builtin()) if any(e.kind != kbmod.AGENT for e in m.entries)]


@pytest.mark.parametrize("phrase,code", [
    ("Iran's Foreign Office", "IRNGOV"), ("the Canadian State Department", "CANGOV"),
    ("the US State Department", "USAGOV"), ("Britain's Foreign Office", "GBRGOV"),
    ("a White House official", "USAGOV"), ("an Iranian-born State Department official", "USAGOV"),
    ("the anti-Iranian White House", "USAGOV"), ("the Russia-obsessed White House", "USAGOV"),
    ("a White House Russian affairs adviser", "USAGOV"), ("the Pentagon's Afghan war chief", "USAGOV"),
])
def test_a_seat_of_government_owned_by_another_country_is_that_country_s(phrase, code):
    """"Iran's Foreign Office" is Iran's ministry, of the kind Britain's is named so; a country
    inside a word of another sense ("Iranian-born") owns nothing."""
    assert resolve_text(phrase, date(2019, 1, 1)).code == code


def test_a_part_of_a_whole_is_the_whole():
    """"some of the rebels", "one of the suspects": the actor is what the phrase after "of" names."""
    for text, word, code in [("Some of the Syrian rebels surrendered.", "Some", "SYRREB"),
                             ("Police detained each of the Turkish soldiers.", "each", "TURMIL"),
                             ("Both of the Iraqi ministers resigned.", "Both", "IRQGOV")]:
        doc, actors = _finder(text)
        assert [f.actor.code for f in actors.at(next(t for t in doc if t.text == word))] == [code], text
    doc, actors = _finder("Some say the war is over.")   # no whole named: no one
    assert actors.at(doc[0]) == []
    doc, actors = _finder("None of the Syrian rebels surrendered.")   # no one did
    assert actors.at(doc[0]) == []
