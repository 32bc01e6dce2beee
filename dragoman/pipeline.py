"""The one place the flow is written: Document -> Segments -> Sentences -> Events.

    read -> clean -> split -> prefilter -> parse -> actors -> events -> dates -> Event records
"""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import NamedTuple

from . import dates, headline, nlp, places, settings
from .actors import kb as kbmod
from .actors import persons
from .actors.mentions import (PRIVATE, REFERRING, SUBJECT_PRONOUNS, THING, Found, Memory, SentenceActors, pronoun_reach,
                              quotations)
from .actors.resolve import CITY, COUNTRY, PLACE_KINDS, find_matches
from .clean import clean
from .clean import dateline as find_dateline
from .errors import CodingError, ConfigError, ModelError, warn
from .events import ontology
from .events import means
from .events import patterns as patmod
from .events.match import OBLIGATION, Candidate, Matcher, same_actor, told_without_doer
from .record import CAPTION, EARLIER, NEWS_DAYS, TITLE, Actor, Document, Event, Evidence, Provenance, Sentence



# Sentences gathered (from as many documents as it takes) before the parser runs: each run of
# the pipeline has a fixed cost, a third of the parsing time when runs are of 64 sentences.
CHUNK = 512


@dataclass(frozen=True)
class Coder:
    """The loaded dictionaries: build once, code many documents."""

    kb: kbmod.KB
    dictionary: patmod.Dictionary
    # What decides the events of a parsed sentence from the rules' candidates (dragoman.learn's
    # models); None codes with the rules alone.
    decider: object = None

    @classmethod
    def default(cls, rules_only: bool | None = None, model: str | None = None) -> "Coder":
        """The built-in dictionaries, and the learned models unless `rules_only` (default: the
        RULES_ONLY setting) or none are installed: those `model` names ("events" or "large",
        default: the MODEL setting). Every setting is checked first: a bad value is a
        ConfigError now, not an error on every sentence."""
        settings.check()
        dictionary = patmod.builtin()
        if rules_only is None:
            rules_only = settings.get("RULES_ONLY")
        return cls(kbmod.builtin(), dictionary, None if rules_only else _learned(dictionary, model))

    def prepare(self) -> None:
        """Build now what is otherwise built on first use (the trigger words)."""
        self._triggers  # noqa: B018

    def code(self, doc: Document) -> list[Event]:
        return next(self.code_many([doc]))[1]

    def code_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """(document, events) in input order. The parser gets the sentences of several
        documents at a time: short articles alone would leave its batches half empty."""
        planned: list[_Planned] = []
        size = 0
        for doc in docs:
            sentences = self._split(doc)
            plan = self._plan(doc, sentences)
            named, places = self._countries_named(sentences)
            quoted = quotations([sentence.text for sentence, _ in sentences])
            planned.append(_Planned(doc, plan, named, places, _headed(sentences), quoted))
            size += len(plan)
            if size >= CHUNK:
                yield from self._code_planned(planned)
                planned, size = [], 0
        yield from self._code_planned(planned)

    def _plan(self, doc: Document, sentences: list | None = None) -> list[tuple[Sentence, bool, nlp.Split]]:
        """The sentences to parse, in order, each with whether to code it and its tokens. Coded:
        the sentences worth parsing. Parsed only to remember their actors: before a coded
        sentence holding a pronoun, the skipped sentences that name an actor as far back as a
        pronoun reaches, which it may stand for ("Kuleba told reporters ... . He said he had
        proposed ..."); the rules' fast path reads those from their words, unparsed (`_parses`)."""
        sentences = self._split(doc) if sentences is None else sentences
        _warn_unread(doc, [sentence for sentence, _ in sentences])
        plan: list[tuple[Sentence, bool, nlp.Split]] = []
        previous = -1
        for sentence, split in sentences:
            words = nlp.words(sentence.text)
            if not self._worth_parsing(sentence.text, split, words):
                continue
            if not words.isdisjoint(REFERRING):
                skipped = sentences[max(previous + 1, sentence.index - pronoun_reach(words)):sentence.index]
                plan += [(s, False, other) for s, other in skipped if self._may_name_actor(s.text, other.words or None)]
            plan.append((sentence, True, split))
            previous = sentence.index
        return plan

    def _code_planned(self, planned: list[_Planned]) -> Iterator[tuple[Document, list[Event]]]:
        # The learned models read the token vectors; the rules read only the parse.
        docs = nlp.parse([split for p in planned for _, coded, split in p.plan if self._parses(coded)],
                         tensors=self.decider is not None)
        if self.decider is not None:
            # The people no dictionary knows: the entity recognizer costs a third of the rules'
            # time, which --rules-only (the fastest path, ten times plain spaCy) does without.
            nlp.people([doc for doc in docs if self._may_name_person(doc)])
        parsed = iter(docs)
        try:
            for p in planned:
                read = [(s, coded, next(parsed) if self._parses(coded) else split) for s, coded, split in p.plan]
                yield p.doc, self._code_parsed(p, read)
        finally:
            self._phrases.clear()

    def _parses(self, coded: bool) -> bool:
        """Whether a planned sentence is parsed: every sentence to code; those read only for the
        memory of actors too, except on the rules' fast path, which remembers their dictionary
        actors from the words (a fifth of its parses for a thousandth of its F1 on gold/)."""
        return coded or self.decider is not None

    def _code_parsed(self, planned: _Planned, plan: list) -> list[Event]:
        doc, headed = planned.doc, planned.headed
        memory = Memory(named=planned.named, places=planned.places, quoted=planned.quoted)
        events: list[Event] = []
        for sentence, coded, parsed in plan:
            memory.tick = sentence.index  # skipped sentences count too: pronouns reach back only so far
            try:
                if isinstance(parsed, nlp.Split):
                    words = parsed.words or nlp.tokenize(sentence.text)
                    memory.remember_unparsed(self._phrases_in(words), doc.date, self.kb)
                    continue
                mended = headline.read(parsed, self._takes_object) if headed and sentence.kind == TITLE else {}
                tokens = list(parsed)  # spaCy makes new Token objects on every pass over a Doc: one pass
                actors = SentenceActors(parsed, self.kb, doc.date, memory, tokens=tokens,
                                        matches=self._phrases_in([t.text for t in tokens]),
                                        speech=self.dictionary.frames.speech)
                if coded:
                    events += self._code_sentence(doc, sentence, parsed, actors, mended)
                actors.remember_all()
            except Exception as exc:  # a bug met on this sentence: the others go on
                _failed(doc, sentence, exc)
        # A person is one actor across the document: the headline's "Istanbul mayor" is the
        # body's "Istanbul Mayor Ekrem Imamoglu", with one code.
        return _dedup(persons.one_code_each(events, self.kb))

    def _code_sentence(self, doc: Document, sentence: Sentence, parsed, actors: SentenceActors,
                       mended: dict[int, str]) -> list[Event]:
        events = []
        candidates = Matcher(self.dictionary, actors).candidates(parsed)
        if self.decider is not None:
            candidates = self.decider.decide(doc, sentence, parsed, actors, candidates)
        candidates = means.merged(candidates, actors)
        dating = SentenceDates(parsed, sentence, doc.date, [c.trigger for c in candidates])
        focus, where = actors.memory.focus(), actors.memory.where()
        for candidate in candidates:
            # A thing does nothing: "the war in Syria" is no source, though it may be a target.
            candidate.sources = [s for s in candidate.sources if s.rule != THING]
            if candidate.trigger.i in mended:
                candidate.notes.append(mended[candidate.trigger.i])
            # Background, or what is told without being asserted, may be dated from "since 2014".
            past = candidate.own_date_only and not candidate.future_tense
            when = dating.for_trigger(candidate.trigger, candidate.future_tense, past)
            if when is None and dating.cut_off(candidate.trigger, candidate.future_tense):
                candidate.own_date_only = True   # not the article's date either
            for source, target in _pairs(candidate) or _unattributed(candidate):
                event = self._event(doc, sentence, candidate, source, target, when, focus, where)
                if event and event.confidence >= settings.get("MIN_CONFIDENCE"):
                    events.append((event, candidate.trigger))
        return _told_once(events)

    def _countries_named(self, sentences: list[tuple[Sentence, nlp.Split]]) -> tuple[list, list]:
        """(sentence index, country) for each country the dictionaries find named in a
        document's sentences, as a country, its people or capital, or one of its cities; and of
        those, the ones named as places (a city, "in Syria"): where the story happens."""
        out, places = [], []
        for sentence, split in sentences:
            words = split.words or nlp.tokenize(sentence.text)
            for match in self._phrases_in(words):
                country = next((e.value for e in match.entries if e.kind in PLACE_KINDS), None)
                if country:
                    out.append((sentence.index, country))
                    kinds = {e.kind for e in match.entries}
                    if CITY in kinds or (COUNTRY in kinds and match.start and words[match.start - 1].lower() in _LOCATIVE):
                        places.append((sentence.index, country))
        return out, places

    def sentences(self, doc: Document) -> list[Sentence]:
        return [sentence for sentence, _ in self._split(doc)]

    def _split(self, doc: Document) -> list[tuple[Sentence, nlp.Split]]:
        """The document's sentences, each with its tokens (for the tests before parsing, and
        the parser)."""
        out: list[tuple[Sentence, nlp.Split]] = []
        for segment in clean(doc):
            for split in nlp.split_tokenized(segment.text):
                out.append((Sentence(doc.id, len(out), split.text, segment.kind), split))
        return out

    def _worth_parsing(self, text: str, split: nlp.Split | None = None, words: set[str] | None = None) -> bool:
        """Cheap test before parsing: a word that can trigger an event, and an actor (or a
        pronoun that may stand for one). Most sentences of an article lack one or the other.
        The trigger word comes first: the split's tokens are read only if there is one.
        `words`: the text's words (nlp.words), if the caller has them."""
        every = self.decider is not None and self.decider.reads_every_sentence
        if not every and not self._triggers.found(nlp.words(text) if words is None else words):
            return False
        # An agent word is an actor too ("Government ministers condemned ..."): the sentence's
        # place, the dateline or the document tells its country.
        if len(text) > settings.get("MAX_SENTENCE_CHARS"):
            return False
        tokens = (split.words if split else None) or nlp.tokenize(text)
        # The models also read what the dictionaries cannot: a pronoun that refers back ("We
        # trained them", "his resignation") or a name no dictionary knows ("Cantlie's sister Jessica").
        return self._may_name_actor(text, tokens, agents=True) or every and _may_refer(tokens)

    def _may_name_actor(self, text: str, tokens: list[str] | None = None, agents: bool = False) -> bool:
        """An actor or a pronoun that may stand for one: the sentences whose subjects the
        document's memory of actors is made of. With `agents`, a bare agent word ("police",
        "protesters") counts too."""
        if len(text) > settings.get("MAX_SENTENCE_CHARS"):
            return False
        tokens = nlp.tokenize(text) if tokens is None else tokens
        if any(t.lower() in SUBJECT_PRONOUNS for t in tokens):
            return True
        return any(agents or e.kind != kbmod.AGENT for m in self._phrases_in(tokens) for e in m.entries)

    def _may_name_person(self, doc) -> bool:
        """Whether a parsed sentence may name a person no dictionary knows, for the entity
        recognizer to tell (a third of the sentences parsed): a proper noun outside every
        dictionary phrase that heads a noun phrase where an actor stands, not a date's ("on
        Monday") nor a place's ("in Afrin")."""
        known = {i for m in self._phrases_in([t.text for t in doc]) for i in range(m.start, m.end)}
        return any(t.pos_ == "PROPN" and t.i not in known and t.dep_ in _NAME_DEPS and t.lower_ not in _DATE_WORDS
                   and not (t.dep_ == "pobj" and t.head.lower_ in _WHERE) for t in doc)

    def _phrases_in(self, tokens: list[str]) -> list:
        """The dictionary phrases in a sentence's tokens, found once: the prefilter's search is
        kept until the sentence is coded (cleared after each run of the parser)."""
        key = tuple(tokens)
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = find_matches(tokens, self.kb)
        return found

    @cached_property
    def _phrases(self) -> dict[tuple[str, ...], list]:
        return {}

    @cached_property
    def _triggers(self) -> "TriggerWords":
        return TriggerWords.build(self.dictionary)

    def _takes_object(self, lemma: str) -> bool:
        """Whether a verb's patterns read its object as the target ("detain", not "arrive")."""
        return lemma in self._object_verbs

    @cached_property
    def _object_verbs(self) -> frozenset[str]:
        return frozenset(lemma for lemma, patterns in self.dictionary.verbs.items()
                         if any("obj" in p.targets or not p.targets for p in patterns))

    def _event(self, doc: Document, sentence: Sentence, c: Candidate, source_found, target_found,
               when: dates.When | None, focus: str | None = None, where: str | None = None) -> Event | None:
        info = ontology.lookup(c.code)
        plover = c.plover or info.plover
        if not plover:
            return None
        source = source_found.actor
        target = target_found.actor if target_found else None
        date_value, precision, date_rule = _date_of(when, doc.date, sentence, c.own_date_only)
        # The dateline places what happened in the days the report covers ("on Monday"), not "in 2016".
        location, place_rule = _location(doc, c.trigger, [a.country for a in (source, target) if a and a.country],
                                         dateline=_reported(date_value, precision, doc.date))
        notes = list(c.notes) + [f.note for f in (source_found, target_found) if f is not None and f.note]
        said_at = len(notes)   # where what is said of an unnamed perpetrator goes, once placed
        if place_rule and place_rule != "dateline":
            # Unnamed actors ("protesters", "police", "prisoners") are of the country where the
            # event happens, when the sentence names none for them; except whoever travels
            # there ("the foreign minister arrived in Mali" is a visitor).
            source = source if c.code == _VISIT else _placed(source, location.country, "the event's location", notes)
            target = _placed(target, location.country, "the event's location", notes)
        else:
            source, target = _locals_of_dateline(doc, source, target, notes)
        # Else, of the country the document is about ("Government ministers condemned the attack");
        # not the unnamed perpetrators of violence, who are placed where it happened or not at all.
        if c.code != _VISIT and source_found.rule != "unattributed":
            source = _placed(source, where, "where the story is", notes, _WHERE_SECTORS)
            source = _placed(source, focus, "the document's context", notes)
        target = _placed(target, where, "where the story is", notes, _WHERE_SECTORS)
        target = _placed(target, focus, "the document's context", notes)
        if not (source.country or source.code):
            if source_found.rule == "unattributed":
                # Violence told without its perpetrator or its place ("two people were killed"):
                # an event without a source, as gold codes it (on the folds: type F1 +0.025, +source
                # F1 +0.006, full F1 +0.005 on folds 0-2; +0.032, +0.010, +0.007 on 3-4); so are
                # coercion and accusation told without their doer.
                source = None
                notes.append("no perpetrator named and no place: no source" if source_found.actor.sector
                             else "no doer named: no source")
            elif not source.sector:
                return None
            # else an actor known by its sector alone, of no country the text tells ("coalition
            # forces" in a story naming none): kept with its text (type F1 +0.004 on the folds).
        elif source_found.rule == "unattributed":
            notes.insert(said_at, "no perpetrator named: unidentified armed forces of the event's place")
        if source_found.rule == EARLIER:
            notes.insert(said_at, f"source named before this sentence: {source.text}")
        if c.code in _VISITS and source is not None and source.sector == PRIVATE:
            return None   # a private person's journey ("Begum travelled to Syria") is no visit between actors
        trigger = c.trigger
        if place_rule:
            notes.append(f"place {place_rule}")
        evidence = Evidence(
            trigger=trigger.text, trigger_span=(trigger.idx, trigger.idx + len(trigger.text)),
            pattern=c.pattern,
            source_span=(source.start, source.end) if source and source.start is not None else None,
            target_span=(target.start, target.end) if target and target.start is not None else None,
            source_rule=c.source_rule, target_rule=c.target_rule,
            date_text=when.text if when else None, date_rule=date_rule, notes=tuple(notes), decided=c.decided)
        future = c.future or bool(when and when.future)
        key = "|".join([doc.id, str(sentence.index), c.code, *map(_identity, (source, target)), str(trigger.idx)])
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc.id, sentence_id=sentence.index,
            sentence=sentence.text, date=date_value, source=source, target=target, cameo=info.code,
            plover=plover, plover_mode=c.plover_mode if c.plover else info.plover_mode, plover_context=info.plover_context,
            goldstein=info.goldstein, quad_class=info.quad_class, evidence=evidence,
            confidence=c.probability if c.probability is not None else _confidence(c, source_found, target_found),
            date_precision=precision,
            future=future, negated=c.negated, segment=sentence.kind,
            location=location, provenance=Provenance.of(doc),
            factuality=c.factuality or ("planned" if future else "asserted"))


class _Planned(NamedTuple):
    """A document ready for the parser: the sentences to parse (`Coder._plan`), the countries it
    names by sentence, whether its title is a headline, and the sentences that begin inside a
    quotation."""

    doc: Document
    plan: list
    named: list[tuple[int, str]]
    places: list[tuple[int, str]]
    headed: bool
    quoted: frozenset[int] = frozenset()


def _headed(sentences: list[tuple[Sentence, nlp.Split]]) -> bool:
    """A title above a story is a headline, whose grammar is mended before anything reads it
    ("Istanbul mayor detained"); a text that is one line is a sentence, whatever it looks like."""
    return bool(sentences) and sentences[0][0].kind == TITLE and any(s.kind != TITLE for s, _ in sentences)


def _learned(dictionary: patmod.Dictionary, name: str | None = None):
    """The Decider of the learned models the MODEL setting names (None: the default's are not
    installed, and the rules code alone)."""
    from .learn import decide
    name = name or settings.get("MODEL")
    if name not in decide.FOLDERS:
        raise ConfigError(f"no learned models named {name!r}", hint=f"use {' or '.join(decide.FOLDERS)}")
    models = decide.builtin(decide.FOLDERS[name])
    if models is None and name != "events":
        raise ModelError(f"the learned models of --model {name} are not installed",
                         hint=f"build them with `make train` (dragoman/learn/models/{decide.FOLDERS[name]}/)")
    return decide.Decider(models, dictionary) if models is not None else None


def _location(doc: Document, trigger, hints: list[str], *, dateline: bool = True):
    """Where the event happened: a place in its sentence, else the document's dateline."""
    location, rule = places.event_location(trigger.doc, trigger, hints)
    if location is None and dateline:
        location = _filed_at(doc.text, tuple(hints))
        rule = "dateline" if location else None
    return location, rule


def _reported(value: str | None, precision: str | None, day: date | None) -> bool:
    """Whether an event happened in the days its report covers: on the report's day or in the
    week before it (NEWS_DAYS), as datelined news tells it."""
    if day is None:
        return True
    if value is None or precision != "day":
        return False
    return 0 <= (day - date.fromisoformat(value)).days <= NEWS_DAYS


@lru_cache(maxsize=256)
def _filed_at(text: str, hints: tuple[str, ...]):
    """The place of the document's dateline, if it has one (looked up once per document and hints:
    each of its events asks, for its place and for its local actors)."""
    line = _dateline_of(text)
    return line.location(hints) if line else None


@lru_cache(maxsize=64)
def _dateline_of(text: str):
    """The document's dateline, read once per document (its places are looked up by hints)."""
    return find_dateline(text)


# The sectors of unnamed actors that a datelined report means to be local ("MINSK — Police
# arrested 20 protesters"): police, courts, protesters and the opposition, civilians, students,
# workers, doctors, farmers, clergy, criminals. Not officials, soldiers, rebels, lawmakers or the
# press, who are as often visitors or foreigners ("BERLIN — The ministers urged Russia ...").
_LOCAL_SECTORS = frozenset({"COP", "JUD", "OPP", "CVL", "EDU", "LAB", "HLH", "AGR", "REL", "CRM"})
# Words before a country's name that make it a place ("in Syria").
_LOCATIVE = frozenset({"in", "into", "inside", "across", "throughout", "near"})
# Local actors, rebels and refugees no word places belong where the story happens, not to the
# country its actors are most often from ("Kurdish forces" in a story on Washington's Syria policy).
_WHERE_SECTORS = _LOCAL_SECTORS | {"REB", "REF"}


def _locals_of_dateline(doc: Document, source, target, notes: list[str]):
    """The event's unnamed local actors placed in the dateline's country, when its sentence names
    no place and no actor of the event is of another country ("police arrested Iranian
    protesters" may be anyone's police)."""
    hints = tuple(a.country for a in (source, target) if a and a.country)
    filed = _filed_at(doc.text, hints)
    if filed is None or not filed.country or set(hints) - {filed.country}:
        return source, target
    return (_placed(source, filed.country, "the dateline", notes, _LOCAL_SECTORS),
            _placed(target, filed.country, "the dateline", notes, _LOCAL_SECTORS))


def _may_refer(tokens: list[str]) -> bool:
    """A pronoun that may stand for an actor named before, or a capitalised word after the
    first (a name): for the coder whose models read every sentence."""
    if len(tokens) > 1 and any(t[:1].isupper() and t.isalpha() for t in tokens[1:]):
        return True
    return any(t.lower() in REFERRING for t in tokens)


def _warn_unread(doc: Document, sentences: list[Sentence]) -> None:
    """A warning for what of a document gives no events whatever it says: sentences too long to
    parse, and a text that is not English."""
    origin, limit = doc.origin or doc.id, settings.get("MAX_SENTENCE_CHARS")
    long = [str(s.index) for s in sentences if len(s.text) > limit]
    if long:
        listed = ", ".join(long[:10]) + (" ..." if len(long) > 10 else "")
        warn(origin, f"{len(long)} sentence(s) longer than {limit} characters not coded (MAX_SENTENCE_CHARS): {listed}")
    if not nlp.looks_english(doc.text):
        warn(origin, "does not look like English text: dragoman codes English only, so few events or none come of it")


def _failed(doc: Document, sentence: Sentence, exc: Exception) -> None:
    error = CodingError(f"{doc.origin or doc.id}: sentence {sentence.index} skipped: {type(exc).__name__}: "
                        f"{str(exc)[:200]}")
    if settings.get("ON_ERROR") == "raise":
        raise error from exc
    print(f"dragoman: {error}", file=sys.stderr)


_VISIT = "042"   # CAMEO: make a visit
_VISITS = frozenset({_VISIT, "043"})   # make or host a visit: between political actors, not private people
# Where the head of a noun phrase that names an actor stands; prepositions of place; dates' names.
_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss", "attr", "oprd", "ROOT",
                        "dative"})
_WHERE = frozenset({"in", "at", "near", "into", "across", "around", "outside", "inside", "towards", "toward",
                    "through", "along", "throughout", "within", "onto", "beyond"})
_DATE_WORDS = frozenset(dates.MONTH_NAMES) | frozenset(dates.WEEKDAYS)


def _placed(actor, country: str | None, why: str, notes: list[str], sectors: frozenset[str] | None = None):
    """An actor known by its sector alone ("police"), given a country; `sectors`: only actors of
    these kinds."""
    if actor is None or actor.country or actor.code or not actor.sector or not country:
        return actor
    if sectors is not None and actor.sector not in sectors:
        return actor
    notes.append(f"'{actor.text}' placed in {country} by {why}")
    return replace(actor, country=country, code=country + actor.sector)


@dataclass(frozen=True)
class TriggerWords:
    """The written words that can make an event, each with what else its patterns need.

    `index` maps a word (a lowercased letter run) to one entry per pattern it may trigger: the
    word sets of which the sentence must hold one word each (the pattern's required object,
    prepositional object, particle; the rest of a form written with an apostrophe, "let's").
    Built once from the pattern dictionary; a superset of what the matcher can match, so that a
    skipped sentence is one the matcher would have found nothing in.
    """

    index: dict[str, frozenset[tuple[frozenset[str], ...]]]

    @classmethod
    def build(cls, dictionary: patmod.Dictionary) -> "TriggerWords":
        frames = dictionary.frames
        patterns = [p for index in (dictionary.verbs, dictionary.nouns) for group in index.values() for p in group]
        heads = {o.split("_")[-1] for p in patterns for o in p.objects | p.prep_objects}
        speech = frames.speech | frames.demand_words
        forms = nlp.word_forms({p.lemma for p in patterns} | heads | frames.warning_words | speech)
        index: dict[str, set] = {}

        def add(lemmas, needs: list[frozenset[str]]) -> None:
            for form in {form for lemma in lemmas for form in forms.get(lemma, (lemma,))}:
                runs = nlp.letter_runs(form)
                if runs:
                    index.setdefault(runs[0], set()).add((*needs, *(frozenset({r}) for r in runs[1:])))

        def any_form(lemmas) -> frozenset[str]:
            # One word of each form is enough here: a superset of the sentences holding the form.
            return frozenset(runs[0] for lemma in lemmas for form in forms[lemma] if (runs := nlp.letter_runs(form)))

        for p in patterns:
            needs = []
            if p.particle:
                needs.append(frozenset(nlp.letter_runs(p.particle)))
            if p.objects:
                needs.append(any_form(o.split("_")[-1] for o in p.objects))
            if p.prep_objects:
                needs.append(any_form(o.split("_")[-1] for o in p.prep_objects))
            if p.prep and p.prep != "to":  # "offered to mediate" needs no preposition "to"
                needs.append(frozenset({p.prep}))
            add([p.lemma], needs)
        # Frames that make events of their own: a warning ("unwise for X to ...") and an
        # obligation under a verb of saying or demanding ("said that X must ...").
        add(frames.warning_words, [frozenset({"for"})])
        add(OBLIGATION, [any_form(speech)])
        return cls({word: frozenset(needs) for word, needs in index.items()})

    def found(self, words: set[str]) -> bool:
        return any(all(not words.isdisjoint(need) for need in needs)
                   for word in words & self.keys for needs in self.index[word])

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.index)


class SentenceDates:
    """Date expressions of one sentence and the event triggers they date, read from the parse.

    A date belongs to the first trigger above it: in "It never recognized Russia's 2014 annexation
    ... and has signed contracts", 2014 dates the annexation, not the signing. A date no trigger
    holds ("He said on Wednesday that ...") dates the triggers of its clause and of the clauses
    under it, but not those of a relative clause or an aside, which tell of their own time ("Kurds
    it had backed to oust Isis" under "reached breaking point last week"); a relative clause of
    time ("2016, when Turkey shot down a jet") shares it. A trigger that owns no date takes the one
    of the nearest trigger that governs it ("visited Kurdistan in 2015, meeting troops helping to
    train fighters": the training too), unless it looks ahead. A date after "since" dates only
    background ("have fought Isis since 2014", but not "have been fighting since Monday", news of
    the week): gold dates a past episode from its start, and news of now by its report."""

    def __init__(self, parsed, sentence: Sentence, ref: date | None, triggers: list):
        self.parsed, self.text, self.ref = parsed, sentence.text, ref
        self.triggers = {t.i for t in triggers}
        self._found: dict[bool, list[_Placed]] = {}  # by tense: each date and where it stands

    def for_trigger(self, trigger, future: bool, background: bool = False) -> dates.When | None:
        """The date of the event at `trigger`: its own, else its governing trigger's, else one its
        clause is under; `future`: the event is told as ahead, `background`: as a past episode."""
        found = [p for p in self._placed(future) if background or not p.since]
        own = [p for p in found if p.owner == trigger.i]
        if own:
            near = min(p.depth for p in own)
            return dates.best([p.when for p in own if p.depth == near])
        if not future:
            for above in _triggers_above(trigger, self.triggers):
                inherited = [p.when for p in found if p.owner == above]
                if inherited:
                    return dates.best(inherited)
        return dates.best([p.when for p in found if p.owner is None and _within(trigger, p.clause)])

    def cut_off(self, trigger, future: bool) -> bool:
        """Whether the trigger, undated, lies in a relative clause or aside under a clause the
        sentence dates to the past: it tells of another time than that date, and it is not the
        article's news either ("tensions rose last week after the Pentagon announced that Kurds it
        had backed ...": the backing)."""
        if future:
            return False
        above = {t.i for t in trigger.ancestors}
        for p in self._placed(future):
            dated = self.parsed[p.owner] if p.owner is not None else p.clause
            if not p.since and not p.when.future and dated.i in above and not _within(trigger, dated):
                return True
        return False

    def _placed(self, future: bool) -> list[_Placed]:
        found = self._found.get(future)
        if found is None:  # the sentence's dates are found once, not once per trigger
            whens = dates.event_dates(self.text, self.ref, future_tense=future, since=True)
            placed = [p for p in map(self._place, (w for w in whens if w.rule != dates.QUALIFIER)) if p is not None]
            found = self._found[future] = placed + [p for w in whens if w.rule == dates.QUALIFIER
                                                    for p in self._qualified(w)]
        return found

    def _place(self, when: dates.When) -> _Placed | None:
        """The date's owner (the first trigger above it), or the clause it dates: the first clause
        above it of its own time, or the sentence's root."""
        span = self.parsed.char_span(when.start, when.end, alignment_mode="expand")
        if span is None:
            return None
        if when.rule == "interval":
            return self._told_after(when, span[-1])
        since = bool(dates.SINCE.search(self.text[:when.start]))
        current, depth = span.root, 0
        while current.head.i != current.i:
            current = current.head
            if current.i in range(span.start, span.end):
                continue
            if current.i in self.triggers:
                return _Placed(when, since, current.i, None, depth)
            depth += current.pos_ in ("VERB", "AUX")
            if _own_time(current):
                return _Placed(when, since, None, current, depth)
        return _Placed(when, since, None, current, depth)

    def _qualified(self, when: dates.When) -> list[_Placed]:
        """A year between an article and its noun dates the noun, if it tells an event ("the 2009
        crackdown"), the event the noun's phrase says it happened in ("killed in the 2009
        crackdown", "played a role in the 1994 genocide") and the one it is the subject of ("the
        2016 airstrike killed 20 civilians"); not one it is only the object of ("condemned the 1994
        genocide" is news), nor a year before a plural the date rules took for a word ("the 2000
        Free Syrian Army fighters")."""
        span = self.parsed.char_span(when.start, when.end, alignment_mode="expand")
        if span is None or span.root.head.tag_ in ("NNS", "NNPS"):
            return []
        noun = span.root.head
        if noun.dep_ == "nsubj":
            above = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ in _WHEN_PREPOSITIONS:
            above = noun.head.head
        else:
            above = None
        owners = [t for t in (noun, above) if t is not None and t.i in self.triggers]
        return [_Placed(when, False, owner.i, None, 0) for owner in owners]

    def _told_after(self, when: dates.When, word) -> _Placed | None:
        """An interval ("two weeks after") dates the first trigger of what follows its "after"
        ("... rebels kidnapped dozens"), and nothing where none does."""
        clause = word.head if word.dep_ == "mark" else word   # "after rebels kidnapped": a mark of its verb
        owner = next((t.i for t in clause.subtree if t.i in self.triggers and t.i > word.i), None)
        return _Placed(when, False, owner, None, 0) if owner is not None else None


# The prepositions by which a phrase a year qualifies ("the 1994 genocide", dates.QUALIFIER) says what
# a trigger above it happened in (SentenceDates._qualified).
_WHEN_PREPOSITIONS = frozenset({"in", "during"})


class _Placed(NamedTuple):
    when: dates.When
    since: bool         # after "since": the start of what went on from then
    owner: int | None   # the trigger it dates (its token's index), or None
    clause: object      # if no trigger owns it: the head of the clause it dates
    depth: int = 0      # the clauses between the date and its owner


def _own_time(token) -> bool:
    """Whether a token heads a clause that tells of its own time: a relative clause (but not one
    of time, "when ...") or an aside."""
    if token.dep_ == "parataxis":
        return True
    return token.dep_ == "relcl" and not any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children)


def _within(trigger, clause) -> bool:
    """Whether the trigger is `clause` or lies under it, no clause of its own time between."""
    current = trigger
    while current.i != clause.i:
        if _own_time(current) or current.head.i == current.i:
            return False
        current = current.head
    return True


def _triggers_above(trigger, triggers: set[int]) -> list[int]:
    """The triggers that govern this one (their tokens' indexes), nearest first, as far as a
    clause of its own time."""
    out, current = [], trigger
    while current.head.i != current.i and not _own_time(current):
        current = current.head
        if current.i in triggers:
            out.append(current.i)
    return out


def _date_of(when, doc_date: date | None, sentence: Sentence,
             own_date_only: bool = False) -> tuple[str | None, str | None, str]:
    if when is not None:
        return when.value, when.precision, when.rule
    if own_date_only:
        return None, None, "background or planned, and the sentence gives no date"
    if doc_date is not None and sentence.kind != CAPTION:
        return doc_date.isoformat(), "day", "document-date"
    unresolved = dates.unresolved_expressions(sentence.text) if doc_date is None else []
    if unresolved:
        # "on Wednesday" means nothing without the document's date: say so rather than guess
        return None, None, f"unresolved without a document date: {', '.join(unresolved)}"
    return None, None, "unknown"


def _pairs(c: Candidate):
    """One event per actor pair: every source with every target; a compound subject with no
    target ("Jordan and Britain agreed") pairs its members with each other."""
    if c.targets:
        # An actor is not its own target: "blew himself up" keeps the event, without a target.
        return [(s, None if same_actor(s.actor, t.actor) else t) for s in c.sources for t in c.targets]
    if len(c.sources) > 1:
        return [(a, b) for i, a in enumerate(c.sources) for b in c.sources[i + 1:]]
    return [(s, None) for s in c.sources]


# Violence with a victim and no named perpetrator ("three soldiers were killed by a roadside
# bomb near Basra") is coded from unidentified armed forces (CAMEO UAF) of the country where it
# happened; without a known place, it has no source. Coercion and accusation told in the passive
# ("hundreds were detained", "he was charged with spying", match.told_without_doer) have no source
# (the police or the prosecutors of the place are likely, but gold/ codes what the text tells); only
# where the models found them, as they read whether the event happened: the patterns alone keep as
# many unasserted ones ("were allegedly detained"; the rules keeping all they find so, on gold/: type
# precision 0.647 -> 0.631).


def _unattributed(c: Candidate):
    if c.sources or not c.targets or not told_without_doer(c.trigger, c.code, c.kind):
        return []
    violent = ontology.violent(c.code)
    if not violent and c.decided == "pattern":
        return []
    doer = Actor(text="", name="unidentified armed forces", sector="UAF") if violent else Actor(text="")
    return [(Found(doer, -1, -1, False, rule="unattributed"), t) for t in c.targets]


def _confidence(c: Candidate, source, target) -> float:
    """A plain, documented heuristic: a target, a specific pattern and direct actors raise it."""
    score = 0.5
    score += 0.2 if target else 0.0
    score += 0.1 if c.source_rule in ("subject", "passive-by") else 0.0
    score -= 0.1 if source.rule == "pronoun" else 0.0
    score += 0.1 if "/" in c.pattern and ">" in c.pattern else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _identity(actor: Actor | None) -> str:
    return actor.identity() if actor else ""


def _told_once(told: list[tuple[Event, object]]) -> list[Event]:
    """A sentence's events, each told once: another word of the same type for the same source and
    target, with the same reading, tells the same event again ("killed in airstrikes", "met for
    talks", "the launch of the offensive ... hitting"; docs/annotation.md: a second mention of one
    event in one sentence is none); the word of the most specific CAMEO code stays ("refusing to
    lift sanctions": 1241, not 120; "killed in airstrikes": 195, not 190), else the first in the
    sentence. Words coordinated with each other ("arrested and deported", "bombed Idlib and
    shelled Aleppo") are different acts, and so are words each dated by words of their own to
    different dates ("which imposed sanctions in 2018, imposed new sanctions on Monday"): two
    events. On gold/ with the same fold models (all folds), against merging only events of one
    CAMEO code: 39 events fewer, type / +source / full precision 0.668 / 0.477 / 0.311 -> 0.674 /
    0.483 / 0.317, recall the same."""
    kept: list[tuple[Event, object]] = []
    for event, trigger in sorted(told, key=lambda pair: (-ontology.depth(pair[0].cameo), pair[1].i)):
        if not any(_same_event(event, other) and trigger.i not in {t.i for t in word.conjuncts}
                   for other, word in kept):
            kept.append((event, trigger))
    stays = {id(event) for event, _ in kept}
    return [event for event, _ in told if id(event) in stays]


def _same_event(a: Event, b: Event) -> bool:
    dated_apart = bool(a.evidence.date_text and b.evidence.date_text) and a.date != b.date
    return not dated_apart and _reading(a) == _reading(b)


def _reading(e: Event) -> tuple:
    """What an event is, whatever word told it: its type, factuality and tense, and its dyad."""
    return e.plover, e.factuality, e.future, _identity(e.source), _identity(e.target)


def _dedup(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.sentence_id, e.cameo, _identity(e.source), _identity(e.target))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def code_documents(docs: Iterable[Document], coder: Coder | None = None) -> Iterator[tuple[Document, list[Event]]]:
    yield from (coder or Coder.default()).code_many(docs)
