"""The coder on the constructions news uses, one sentence each: real assertions on code,
source, target and evidence."""
import pytest

from dragoman import code_text


def events(text, date="2022-03-10"):
    return code_text(text, date=date)


def pairs(text, date="2022-03-10"):
    return {(e.plover, e.source.country or e.source.code[:3], (e.target.country or e.target.code[:3]) if e.target else None)
            for e in events(text, date)}


def test_subject_verb_object():
    assert ("ASSAULT", "RUS", "UKR") in pairs("Russian forces shelled Kharkiv on Sunday.")


def test_passive_voice_takes_the_by_phrase_as_source():
    assert ("ASSAULT", "ISR", "LBN") in pairs("Lebanese villages were shelled by Israeli tanks on Monday.")


def test_prepositional_target():
    found = events("The European Union imposed new sanctions on Belarus.")
    assert found[0].target.country == "BLR" and found[0].evidence.target_rule == "on"


def test_possessor_of_the_object_is_the_target():
    assert ("AGREE", "RUS", "TUR") in pairs("Putin accepted Erdogan's invitation to visit Turkey.", "2022-01-28")


def test_coordinated_subjects_pair_with_each_other():
    found = pairs("Jordan and Britain have agreed to hold joint military exercises.")
    assert ("AGREE", "JOR", "GBR") in found or ("AGREE", "GBR", "JOR") in found


def test_coordinated_adjectives_are_two_actors():
    found = pairs("Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.")
    assert {s for _, s, _ in found} >= {"HUN"} and any("ROU" in (s, t) for _, s, t in found)


def test_coordinated_targets_give_one_event_each():
    found = pairs("Gambian President Dawda Jawara visited Mauritania and Senegal.", "1990-01-01")
    assert {("CONSULT", "GMB", "MRT"), ("CONSULT", "GMB", "SEN")} <= found


def test_planned_cooperation_is_agree_and_future():
    # PLOVER: a future CONSULT/SUPPORT/COOPERATE/AID is AGREE
    found = events("Gambian President Dawda Jawara will visit Mauritania.", "1990-01-01")
    assert [(e.plover, e.cameo, e.future, e.target.country) for e in found] == [("AGREE", "036", True, "MRT")]


def test_reported_speech_codes_the_embedded_event():
    found = events("Kremlin spokesman Dmitry Peskov said Putin accepted the invitation from Erdogan.", "2022-01-28")
    assert found[0].source.name == "Vladimir Putin" and found[0].target.country == "TUR"


def test_intent_frame_and_future_flag():
    found = events("Syria says it is willing to withdraw its troops from neighboring Lebanon.", "2000-01-01")
    assert found[0].plover == "AGREE" and found[0].future and found[0].source.country == "SYR"
    assert any("intent frame" in note for note in found[0].evidence.notes)


def test_threat_frame():
    found = events("Iran threatened to shell Iraqi towns in retaliation.", "1985-01-01")
    assert (found[0].plover, found[0].cameo, found[0].target.country) == ("THREATEN", "138", "IRQ")


def test_refusal_frame_and_negation():
    assert ("REJECT", "ISR", "JOR") in pairs("Israeli President Moshe Katsav has refused to meet Jordan's King Abdullah II.",
                                            "2001-01-01")
    assert ("REJECT", "SYR", None) in pairs("Syria says it will not accept any more refugees.", "2003-01-01") or \
        any(p == "REJECT" for p, _, _ in pairs("Syria says it will not accept any more refugees.", "2003-01-01"))


def test_negated_conflict_is_no_event():
    assert not [e for e in events("Russia did not attack Ukraine.") if e.plover == "ASSAULT"]


def test_pronoun_subject_under_a_verb_of_saying_is_the_speaker():
    found = events("The U.S. said it would not meet the hostage-takers' demands.", "2004-01-01")
    assert found and found[0].source.country == "USA" and found[0].plover == "REJECT"


def test_demand_that_clause_targets_its_subject():
    found = events("Opposition groups in Zimbabwe are demanding that President Mugabe abandon his land policy.", "2002-01-01")
    assert ("REQUEST", "ZWE", "ZWE") in {(e.plover, e.source.country, e.target.country if e.target else None) for e in found}


def test_obligation_under_a_verb_of_saying_is_a_demand():
    found = events("Russia said on Tuesday that Sudan must return a helicopter.", "2012-01-01")
    assert ("REQUEST", "RUS", "SDN") in {(e.plover, e.source.country, e.target.country) for e in found if e.target}


def test_warning_frame():
    found = events("Erdogan said on Wednesday that it would be unwise for Russia to attack Ukraine.", "2022-01-28")
    assert [(e.plover, e.source.country, e.target.country, e.date) for e in found] == [("THREATEN", "TUR", "RUS", "2022-01-26")]


def test_conditional_events_are_not_coded():
    assert not [e for e in events("If Russia attacks Ukraine, Turkey would respond.") if e.plover == "ASSAULT"]


def test_nominal_trigger_with_possessor_source():
    found = events("Turkey's supply of combat drones to Kyiv angered Moscow.", "2022-01-28")
    assert ("AID", "TUR", "UKR") in {(e.plover, e.source.country, e.target.country if e.target else None) for e in found}


def test_plover_override_for_resignation():
    found = events("Georgian President Eduard Shevardnadze resigned on Sunday.", "2003-11-24")
    assert (found[0].plover, found[0].plover_mode, found[0].cameo) == ("RETREAT", "resign", "0831")


@pytest.mark.parametrize("text", ["The weather was fine in Paris.", "Shares rose 3% on Tuesday.", ""])
def test_no_event_without_actors_and_triggers(text):
    assert events(text) == []


def test_evidence_names_pattern_rule_and_spans():
    e = events("China imposed sanctions on Lithuania.", "2021-12-01")[0]
    assert e.evidence.pattern.startswith("163/") and e.evidence.trigger == "imposed"
    s, t = e.evidence.source_span, e.evidence.target_span
    assert e.sentence[s[0]:s[1]] == "China" and e.sentence[t[0]:t[1]] == "Lithuania"
    assert e.evidence.source_rule == "subject" and e.evidence.target_rule == "on"
    assert 0 < e.confidence <= 1


def test_participle_modifier_takes_its_noun_as_source():
    found = pairs("A British soldier fighting against Islamic State has died in Syria.", "2018-03-30")
    assert ("ASSAULT", "GBR", "IMG") in found


def test_what_is_offered_or_requested_is_not_an_event():
    found = events("Palestinian leader Yasser Arafat rejected a US offer to host a summit.", "2000-06-01")
    assert [e.plover for e in found] == ["REJECT"]


def test_pronouns_do_not_reach_far_back():
    text = ("Russian President Vladimir Putin met Turkish officials on Monday. The talks were long. "
            "The weather was cold. Trade figures were published. Prices rose. He criticized NATO.")
    assert not [e for e in events(text, "2021-09-29") if e.evidence.trigger == "criticized"]


def test_light_verbs_of_protest():
    found = events("Thousands of Chilean students took part in a protest against the education reform.", "2011-08-01")
    assert [(e.plover, e.cameo, e.source.country) for e in found] == [("PROTEST", "141", "CHL")]
    found = events("Bangladeshi workers participated in a strike in Dhaka on Saturday.", "2021-01-30")
    assert [(e.plover, e.cameo, e.source.country) for e in found] == [("PROTEST", "143", "BGD")]


def test_a_subject_constraint_may_name_a_compound_noun():
    """"arrive subj:peacekeeping_troops": peacekeepers arriving is peacekeeping, a minister
    arriving is a visit."""
    assert ("AID", "IGO", "BIH") in pairs("NATO peacekeeping troops have arrived in Bosnia.", "1995-12-10")
    assert ("AID", "IGO", "MLI") in pairs("UN peacekeepers arrived in Mali on Monday.", "2013-07-01")
    assert not any(p[0] == "AID" for p in pairs("The Turkish foreign minister arrived in Mali on Monday.", "2013-07-01"))


def test_participles_coordinated_with_a_passive_share_its_subject_as_what_they_befell():
    found = events("The activist was beaten and detained by police in Minsk on Friday.")
    assert {(e.plover, e.source.country) for e in found} == {("ASSAULT", "BLR"), ("COERCE", "BLR")}
    assert all(e.target and e.target.text == "activist" for e in found)
    assert all(e.evidence.source_rule == "passive-by" for e in found)


def test_a_passive_sharing_an_active_verbs_subject_befell_it():
    """"had sneaked ... and were identified and arrested", "is thought to have been killed": the
    subject underwent the passive verb; it is its target, never its source; the doer is the "by"
    phrase of the passive, its own or the one it is coordinated with."""
    for text in ("Isis fighters had sneaked into a convoy and were later identified and arrested by Kurdish police.",
                 "Isis fighters had sneaked into a convoy and were later identified by Kurdish police and arrested.",
                 "The journalist is believed to have been detained by Turkish police on Monday.",
                 "The journalist appears to have been detained by Turkish police on Monday."):
        found = [e for e in events(text, "2019-02-20") if e.plover == "COERCE"]
        assert len(found) == 1 and found[0].evidence.source_rule == "passive-by", text
        assert found[0].source.text.endswith("police") and found[0].target is not None, text
        assert found[0].target.text in ("Isis fighters", "journalist"), text
    found = events("Russian troops attacked the town and were repelled by Ukrainian forces.")
    repelled = next(e for e in found if e.evidence.trigger == "repelled")
    assert repelled.source.country == "UKR" and repelled.target.country == "RUS"


def test_a_verb_with_an_object_or_an_auxiliary_of_its_own_after_a_passive_is_active():
    for text in ("Syrian soldiers had crossed the border, had been spotted and had fired on Turkish troops.",
                 "Syrian soldiers had crossed the border, had been spotted and had attacked Turkish troops."):
        found = [e for e in events(text, "2018-02-01") if e.evidence.trigger in ("fired", "attacked")]
        assert found and found[0].source.country == "SYR" and found[0].target.country == "TUR", text


def test_a_warning_threatens_whom_it_is_addressed_to_or_a_harm_its_source_can_bring():
    """docs/annotation.md: "warned" without a threat is a statement; a warning by an actor able to act
    of a harm it would bring about is a THREATEN."""
    assert ("THREATEN", "TUR", "USA") in pairs("Turkey warned the United States against arming Kurdish fighters.", "2018-02-01")
    assert ("THREATEN", "USA", "IRN") in pairs("Trump warned that Iran would face severe consequences.", "2019-06-01")
    assert ("THREATEN", "ISR", "LBN") in pairs("Israel warned that Hezbollah would be held responsible.", "2019-06-01")
    assert ("THREATEN", "NGA", "NGA") in pairs("Nigeria's army warned that Boko Haram would be crushed.", "2019-06-01")
    assert ("THREATEN", "USA", "CHN") in pairs("The White House warned that China would face sanctions.", "2019-06-01")
    # a risk, a harm the other would do, one denied, or one a bystander speaks of: no threat of the warner's
    for text in ("UN agencies warned that Somalia was facing a risk of famine.",
                 "The UN warned that millions of Syrians would face starvation.",
                 "Trump warned that Iran would retaliate against any American strike.",
                 "Merkel warned that Greece would not face sanctions.",
                 "Israeli analysts warned that Hezbollah would pay a heavy price."):
        assert not any(e.evidence.trigger == "warned" for e in events(text, "2017-02-01")), text
    # its own side's act: a threat, but its own side is not its target
    found = [e for e in events("Turkey warned that Turkish troops would launch an operation.", "2018-02-01")
             if e.evidence.trigger == "warned"]
    assert [(e.plover, e.source.country, e.target) for e in found] == [("THREATEN", "TUR", None)]


def test_two_actors_of_one_code_may_be_source_and_target():
    """One code is not one actor: a president meeting his prime minister is an event between two."""
    found = events("Russian President Vladimir Putin met Russian Prime Minister Dmitry Medvedev.", "2010-05-01")
    assert [(e.source.name, e.target.name if e.target else None) for e in found] == [("Vladimir Putin", "Dmitry Medvedev")]


def test_an_actor_is_not_its_own_target():
    found = events("Putin praised himself.", "2010-05-01")
    assert [(e.plover, e.source.name, e.target) for e in found] == [("SUPPORT", "Vladimir Putin", None)]


def test_money_given_is_economic_aid_and_its_receiver_the_target():
    """"gave Kenya 20 million pounds", "gave 300,000 euros to the WFP": the sum is the object, the
    receiver the dative or the "to" phrase; pounds of maize are no money."""
    assert ("AID", "GBR", "KEN") in pairs("Britain gave Kenya 20 million pounds in aid.", "2020-01-01")
    assert ("AID", "JPN", "VNM") in pairs("Japan gave Vietnam 500 million yen.", "2020-01-01")
    assert [e.cameo for e in events("The Italian government gave 300,000 euros to the WFP.", "2020-01-01")] == ["071"]
    assert ("AID", "USA", "HTI") in pairs("The United States contributed 90 million dollars to Haiti.", "2010-01-20")
    assert not events("Kenyan farmers gave the Ugandan traders 300 pounds of maize.", "2020-01-01")
