"""Actors on the dependency parse: the noun phrase around a token, resolved on the event's date.

A `SentenceActors` holds one parsed sentence's dictionary matches and answers "which actors
does this token stand for?" — splitting coordinations ("Hungarian and Romanian officials"),
and resolving pronouns from the document's memory of recent actors.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property

from .. import datafiles, dates
from ..errors import DictionaryError
from ..places.locate import PLACE_NOUNS, place_of
from ..record import Actor
from .kb import ADJECTIVE, AGENT, CAPITAL, CITY, COUNTRY, KB, METONYM, ORG, PERSON, REGIONS, data_dir, norm, plural
from .resolve import APPOS, FORMER, HEAD, MOD, Match, compose, find_matches, lower_west

_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "npadvmod", "nummod"})
# Pronouns by what they can stand for: one person, one group or thing, several of either.
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_SINGULAR = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_GROUP_PRONOUNS = _SINGULAR | _PLURAL
_THIRD_PERSON = _PERSON_PRONOUNS | _GROUP_PRONOUNS
# The first person, inside a quotation: its speaker ("We will not retreat," the minister said).
# Not "mine", more often a landmine.
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ours", "ourselves"})
# Pronouns that stand for the subject of their own clause ("Turkey defended itself").
_REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves"})
# Pronouns that open a relative clause: they stand for the noun the clause describes.
_RELATIVE = frozenset({"who", "whom", "which", "that"})
# Every word that stands for an actor named earlier (the prefilter parses what comes before them);
# not "us", which is how the lowercased words of a text also write "US".
REFERRING = _THIRD_PERSON | (_FIRST_PERSON - {"us"})
# Parts of speech that head no actor's phrase (a determiner, a conjunction, punctuation).
_FUNCTION_WORDS = frozenset({"DET", "CCONJ", "SCONJ", "PUNCT", "PART", "SYM", "INTJ"})
# Pronouns that can be a clause's subject.
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
_PERSON_SECTORS = frozenset({"GOV", "ELI", "MIL", "OPP", "JUD", "LEG"})
# The sector of a person named with no title or description: a private person.
PRIVATE = "CVL"
# Verbs that say what someone is ("Campbell became the first British woman to ...").
_BEING = frozenset({"be", "become", "remain"})
# Nouns that count or gather what follows "of": the actor is what is counted ("thousands of
# protesters", "a convoy of pro-regime forces", "a unit of the Syrian army").
_QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "score", "handful", "couple", "number",
                         "convoy", "column", "contingent", "unit", "batch", "group", "crowd", "band", "team",
                         "squad", "detachment", "battalion", "brigade", "platoon", "company", "wave"})
# Words for a part of a whole the phrase after "of" names: the actor is the whole ("some of the
# rebels surrendered", "both of them", "one of the suspects").
# Not "none" or "neither" (_NONE_OF): "neither of the ministers met the envoy" tells no meeting.
_PARTITIVES = frozenset({"some", "all", "both", "each", "many", "most", "several", "few", "one", "either", "half",
                         "majority", "rest", "remainder"})
_NONE_OF = frozenset({"none", "neither"})
# Nouns for people by their tie to a group or a person, which the phrase after "of" names
# ("members of the cell", "relatives of the victims"); the agent words are others.
_RELATIONS = frozenset({"member", "relative", "parent", "family", "friend", "ally", "supporter", "opponent",
                        "critic", "follower", "loyalist", "sympathiser", "sympathizer", "representative",
                        "head", "chief", "director", "chairman", "chair", "chairwoman", "secretary", "founder",
                        "staff", "employee", "citizen", "national", "survivor", "child", "wife", "husband",
                        "widow", "son", "daughter", "mother", "father", "brother", "sister", "arm", "wing",
                        "branch", "faction", "remnant", "cell", "network", "proxy", "partner", "enemy", "rival",
                        "foe", "fighter", "lawyer", "adviser", "advisor", "aide", "deputy", "envoy", "group", "side",
                        "organisation", "organization", "movement", "association", "community"})
# The rule of an actor that is a thing told by whom or where it is ("positions of the Palestinian
# forces", "a village in Cambodia", "the war in Syria"): what is done to it is done to them, but
# it does nothing.
THING = "thing"
# Nouns besides the agent words and ties that "western" makes the West's ("western nations",
# "western hostages", "western capitals" as their governments).
_WEST_PEOPLE = frozenset({"nation", "country", "state", "power", "capital", "hostage", "backer", "democracy",
                          "diplomat", "journalist", "national", "volunteer", "target", "interest"})
# Posts abroad: "its embassy in Tehran" is not Iran's, whatever the place.
_POSTED = frozenset({"embassy", "consulate", "mission", "delegation", "envoy", "ambassador", "attache"})
# How many sentences back a pronoun may find its antecedent: a person further than a group, as a
# story keeps saying "he" of the one it is about; the prefilter parses as far back as the longest.
PERSON_REACH = 3
GROUP_PRONOUN_REACH = 2
PRONOUN_REACH = max(PERSON_REACH, GROUP_PRONOUN_REACH)
# Verbs that introduce a quotation besides the verbs of saying the event patterns know.
_QUOTING = frozenset({"tweet", "post", "write", "reply", "ask", "respond", "continue"})
# How far back "the group" reaches for the armed group it refers to (the words: references.tsv).
GROUP_REACH = 4
# How far back "the extremists", "jihadist fighters" reach for the jihadist group (IMG) named last.
JIHAD_REACH = 10
# Participles that name a group's backer, not its own country ("Turkish-backed rebels").
_BACKING = frozenset({"back", "sponsor", "support", "fund", "finance", "arm", "train", "supply", "equip"})
# Participles and adjectives that say whom a group belongs to or where it is based.
_BELONGING = frozenset({"loyal", "affiliate", "affiliated", "base", "based", "belong", "headquarter",
                        "headquartered", "station", "stationed", "allied"})


# The last word of an organisation's name that tells its sector, for a name the dictionaries do
# not know (the entity recognizer's ORG): "the Hopi Tribal Council", "the Department of Homeland
# Security", "the Kurdistan Workers' Party". CAMEO's terms, as PETRARCH's agents give them
# (COUNCIL_OF_STATE, ELECTION_COMMISSION, PEOPLE'S_COMMITTEE ~GOV; ASSEMBLY ~LEG; CENTER_FOR_HUMAN_
# RIGHTS ~HRI, a non-governmental body NGO, which goes first as "NGO~" does in agents.tsv). The
# words agents.tsv holds (ministry, court, police, army, company ...) are read from there.
_ORG_SECTORS = {
    **dict.fromkeys(("council", "commission", "committee", "agency", "authority", "bureau",
                     "directorate", "office", "secretariat", "inspectorate"), "GOV"),
    **dict.fromkeys(("assembly", "congress", "legislature", "caucus"), "LEG"),
    "party": "PTY",
    **dict.fromkeys(("front", "brigades", "battalions", "mujahideen"), "REB"),
    **dict.fromkeys(("observatory", "watch", "foundation", "institute", "centre", "center", "trust",
                     "society", "initiative", "network", "campaign"), "NGO~"),
    **dict.fromkeys(("corp", "corporation", "inc", "ltd", "plc", "llc", "holdings", "airlines", "airways",
                     "industries", "motors"), "BUS"),
    **dict.fromkeys(("college", "academy", "school"), "EDU"),
    **dict.fromkeys(("hospital", "clinic"), "HLH"),
}



def pronoun_reach(words) -> int:
    """How many sentences back the pronouns among these words may refer: a person further than
    a group ("he" three sentences, "it" and "they" two); "I" and "we" to the quotation's speaker,
    as far as a person."""
    return PERSON_REACH if not words.isdisjoint(_PERSON_PRONOUNS | _FIRST_PERSON) else GROUP_PRONOUN_REACH


@dataclass(frozen=True)
class Mention:
    """An actor where the text names it, with what a pronoun that refers back to it must agree with."""

    actor: Actor | None       # None: a person's name no dictionary knows
    tick: int                 # the sentence
    person: bool
    plural: bool              # "the rebels", "Russia and Turkey": "they", not "it"
    state: bool               # a country or its capital by name ("Turkey", "Ankara"): "it", not "they"
    named: bool               # a name ("the SDF", "Isis"): an organisation may be "they"
    subject: bool


@dataclass
class Memory:
    """What the document has said so far, for later references to it: the actors of the last
    sentences, for pronouns; who spoke the quotation the text is in, for "I" and "we"; the names
    of people the dictionaries do not know, introduced with a title ("Georgian President Eduard
    Shevardnadze" -> "Shevardnadze") or found a person's by the entity recognizer ("Shamima Begum"
    -> "Begum"); and recent actors by sector, for definite descriptions ("the president")."""

    mentions: list[Mention] = field(default_factory=list)
    speaker: Mention | None = None  # who spoke the last quotation named with its speaker
    quoted: frozenset[int] = frozenset()    # the sentences that begin inside a quotation
    armed: Actor | None = None      # the last armed group named (Isis, the YPG), for "the group"
    armed_at: int = 0
    jihadist: Actor | None = None   # the last transnational jihadist group named (IMG: Isis, al-Qaida)
    jihadist_at: int = 0
    coalition: Actor | None = None  # the coalition of states named last (IGO), for "the coalition"
    tick: int = 0                   # the index of the sentence being read (set by the pipeline)
    names: dict[str, Actor] = field(default_factory=dict)
    orgs: dict[str, Actor] = field(default_factory=dict)   # organisations no dictionary knows, by name and acronym
    guessed: set[str] = field(default_factory=set)   # names of people placed in the document's country
    recent: list[Actor] = field(default_factory=list)
    subjects: list[Actor] = field(default_factory=list)
    # The countries the document names, as (sentence index, ISO3): by the dictionaries, parsed
    # sentences or not (what it is about depends little on which sentences the prefilter skips),
    # and by the places only the gazetteer knows, in the sentences parsed.
    named: list[tuple[int, str]] = field(default_factory=list)
    # The countries of the places the document names (cities, towns, "in Syria"): where it is.
    places: list[tuple[int, str]] = field(default_factory=list)

    def remember(self, mention: Mention) -> None:
        """An actor named in the sentence read, kept while a pronoun may reach back to it."""
        self.mentions = [m for m in self.mentions if self.tick - m.tick <= PRONOUN_REACH] + [mention]

    def antecedent(self, word: str, unlike: frozenset = frozenset()) -> Actor | None:
        """The actor a third-person pronoun refers back to: the latest named that agrees with it,
        in the last few sentences (a pronoun rarely reaches further back, and a wrong actor is
        worse than none); of one sentence, its subjects first. `unlike`: actors it cannot be
        (the speaker of the quotation it is in, the subject of the verb it is the object of)."""
        reach = pronoun_reach({word})
        earlier = [m for m in self.mentions if 0 < self.tick - m.tick <= reach]
        for mention in sorted(earlier, key=lambda m: (-m.tick, not m.subject)):   # stable: in text order
            if (mention.actor is None or _identity(mention.actor) not in unlike) and self.agrees(word, mention):
                return mention.actor
        return None

    def agrees(self, word: str, mention: Mention) -> bool:
        """Whether a third-person pronoun can stand for what was named: "he" and "she" for one
        person (the dictionaries do not say which), "it" for one state, organisation or thing,
        "they" for several, or an organisation by name ("the SDF ... they"), not a country."""
        if word in _PERSON_PRONOUNS:
            return mention.person and not mention.plural
        if word in _SINGULAR:
            return not mention.person and not mention.plural
        return mention.plural or (mention.named and not mention.person and not mention.state)

    def armed_group(self, jihad: bool = False) -> Actor | None:
        """The armed group "the group" or "the militants" refers back to: the last one named, if
        named lately. With a word of transnational jihad ("the extremists", "jihadist fighters"),
        the last jihadist group (IMG) named, if any, though a national one (the SDF fighting it)
        was named since, and further back: such a story names its jihadists so."""
        if jihad and self.jihadist is not None and self.tick - self.jihadist_at <= JIHAD_REACH:
            return self.jihadist
        return self.armed if self.armed is not None and self.tick - self.armed_at <= GROUP_REACH else None

    def remember_unparsed(self, matches: list[Match], day: date | None, kb: KB) -> None:
        """A sentence read only for the memory, without its parse (the rules' fast path): the
        actors its dictionary phrases name, in text order, the first as its subject (a news
        sentence names its subject first). Without a parse the names no dictionary knows, the
        pronouns and the speaker of a quotation are not remembered."""
        subject = True
        for match in matches:
            if not _names_actor(match) or (actor := compose([(HEAD, match)], day, kb, text=match.text)) is None:
                continue
            kinds = {e.kind for e in match.entries}
            self.seen(actor, subject)
            self.remember(Mention(actor, self.tick, person=PERSON in kinds, plural=False,
                                  state=bool(kinds & {COUNTRY, CAPITAL}), named=True, subject=subject))
            subject = False

    def seen(self, actor: Actor, subject: bool) -> None:
        if actor.how == "dictionary" and (actor.code.startswith("IMG") or actor.sector == "REB"):
            self.armed, self.armed_at = actor, self.tick
            if actor.code.startswith("IMG"):
                self.jihadist, self.jihadist_at = actor, self.tick
        if actor.country:
            self.recent = [a for a in self.recent if a.code != actor.code][-19:] + [actor]
            if subject:
                self.subjects = [a for a in self.subjects if a.code != actor.code][-19:] + [actor]

    def focus(self) -> str | None:
        """The country the document has named most before this sentence (of equals, the first
        named, as a story's lead names where it is): where the police, the ministers or the
        villagers it does not place belong. In the first sentence that names a country, the
        sentence's own ("Government forces clashed with Tunisian rioters")."""
        return _most(self.named, lambda i, _: i < self.tick) or _most(self.named, lambda i, _: i == self.tick)

    def where(self) -> str | None:
        """The country the document has placed most up to this sentence, where its events happen."""
        return _most(self.places, lambda i, _: i <= self.tick)

    def among(self, countries: tuple[str, ...]) -> str | None:
        """Of these countries, the one the document has placed most up to this sentence, else the
        one it has named most (of equals, the first met); None if it names none of them."""
        def up_to_here(index: int, country: str) -> bool:
            return index <= self.tick and country in countries
        return _most(self.places, up_to_here) or _most(self.named, up_to_here)

    def home(self) -> str | None:
        """The country a person the text does not place is taken to be of: the one the document
        has named most up to this sentence, else in the whole document."""
        return _most(self.named, lambda i, _: i <= self.tick) or _most(self.named)

    def by_sector(self, sector: str) -> Actor | None:
        """The latest subject of that sector (what the story is about), else the latest mention."""
        for actors in (self.subjects, self.recent):
            found = next((a for a in reversed(actors) if a.sector == sector), None)
            if found:
                return found
        return None


def _most(told: list[tuple[int, str]], keep=lambda index, country: True) -> str | None:
    """The country most often in `told` ((sentence index, country) pairs) of the pairs `keep`
    accepts; of equals, the first met (Counter keeps that order)."""
    counts = Counter(country for index, country in told if keep(index, country))
    return counts.most_common(1)[0][0] if counts else None


@dataclass
class Found:
    actor: Actor
    start: int               # token span of the phrase
    end: int
    is_person: bool
    rule: str = "phrase"
    note: str = ""           # how it was placed, where the phrase does not say (the event's evidence;
                             # not carried over to a pronoun or reference that stands for it)


@dataclass
class SentenceActors:
    doc: object                      # a spaCy Doc of one sentence
    kb: KB
    day: date | None
    memory: Memory
    tokens: list | None = None               # the Doc's tokens, if listed already
    matches: list[Match] | None = None       # the dictionary phrases in them, if found already
    by_token: dict[int, Match] = field(init=False)
    speech: frozenset[str] = frozenset()     # verbs of saying (set by the event matcher)

    def __post_init__(self):
        if self.tokens is None:
            self.tokens = list(self.doc)  # spaCy makes new Token objects on every pass over a Doc: one pass
        if self.matches is None:
            self.matches = find_matches([t.text for t in self.tokens], self.kb)
        self.by_token = {i: m for m in self.matches for i in range(m.start, m.end)}
        if any(lower_west(m) for m in self.matches):
            # which "west" names the West is read with every match known ("western governments")
            self.matches = [m for m in self.matches if not lower_west(m) or self._names_west(self.tokens[m.start])]
            self.by_token = {i: m for m in self.matches for i in range(m.start, m.end)}
        self._matched = sorted(self.by_token)
        self._cache: dict[int, list[Found]] = {}
        self._located: dict[tuple, object] = {}   # (token, hints) -> its place in the gazetteer

    def _armed_before(self, head) -> Actor | None:
        """The armed group the sentence names before a reference to one, by name ("an air strike
        against an Islamic State target ... its campaign against the militant group"): nearer than
        any named in the sentences before."""
        for match in reversed(self.matches):
            if match.end > head.i or not any(e.kind == ORG for e in match.entries):
                continue
            token = self.tokens[match.end - 1]
            for found in self._at_one(token.head if token.dep_ == "compound" else token):
                actor = found.actor
                if actor.how == "dictionary" and (actor.code or "").startswith("IMG"):
                    return actor
        return None

    def _names_coalition(self, head) -> bool:
        """'the coalition', 'coalition airstrikes': a reference back to the coalition of states the
        document named ("the US-led coalition"), qualified by no word the dictionaries know ("the
        ruling coalition", "coalition forces" are agent words; "Iraq's coalition" is Iraq's, "the
        coalition of Syrian rebel groups" theirs)."""
        if head.lemma_.lower() not in _COALITIONS or head.pos_ != "NOUN" or head.i in self.by_token:
            return False
        if any(c.i in self.by_token or c.dep_ == "poss" for c in head.children):
            return False
        if any(c.dep_ == "prep" and any(self._is_place(t) for t in c.subtree) for c in head.children):
            return False   # "the coalition of Syrian rebel groups" is told apart
        return head.dep_ == "compound" or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                               for c in head.children)

    def _names_west(self, token) -> bool:
        """Whether "west", "western" or "westerners" written in lower case names the West: the
        people ("westerners"), a people's word it qualifies ("western governments", "their western
        partners", "western hostages"), or "the west" as a noun of its own ("urged the west to
        act"); not a direction or part of a place ("west of Mosul", "western Syria", "north-west")."""
        word = token.lower_
        if word.startswith("westerner"):
            return True
        if word == "western":
            head = token.head
            return (token.dep_ in ("amod", "compound") and head.pos_ == "NOUN"
                    and (self._is_agentish(head) or head.lemma_.lower() in _RELATIONS | _WEST_PEOPLE))
        before = self.tokens[token.i - 1].text if token.i else ""
        return (token.pos_ in ("NOUN", "PROPN") and before.lower() == "the"
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children))

    # ------------------------------------------------------------------ phrases
    def _modifier_tokens(self, head) -> list:
        tokens = []
        for child in head.children:
            if child.lemma_.lower() in _BACKING and child.dep_ == "amod":
                continue  # "Turkish-backed rebels" are not Turkey's: their country is told elsewhere
            if child.lower_ in _WHEN_WORDS and child.dep_ in ("compound", "npadvmod", "nmod") and not child.n_lefts + child.n_rights:
                continue  # "In September Turkey persuaded Russia": a date the parser took for a name
            if child.dep_ in _MOD_DEPS:
                tokens.extend(_phrase_tokens(child))
            elif child.dep_ == "prep" and self._describes(head, child):
                tokens.extend(_phrase_tokens(child))
            elif child.dep_ in ("acl", "amod") and child.lemma_.lower() in _BELONGING:
                # "militants loyal to X", "workers affiliated with X", "a group based in Trinidad"
                tokens.extend(t for t in child.subtree if t.i != child.i)
        return tokens

    def _describes(self, head, prep) -> bool:
        """Prepositional phrases that say who a noun is: "the president of Armenia", "rebels in
        the Ivory Coast", "supporters of the opposition", "members of the Syrian parliament"
        (counted groups, "thousands of Nigerians", are resolved to what they count: _counted)."""
        word = prep.lower_
        if not any(c.dep_ == "pobj" for c in prep.children):
            return False   # "the presence of whose forces prevents ...": a clause, not who it is
        if word == "of":
            # an agent word is told by whom it is of ("the president of Armenia"), not by what
            # it is accused of ("accused the army of abuses in Darfur")
            return head.i not in self.by_token or self._is_agentish(head) and self._names_someone(prep)
        if word in ("in", "from"):
            # "rebels in the Ivory Coast", "opposition groups in Zimbabwe": only when the phrase
            # names no country of its own ("Russian troops in Ukraine" stay Russian).
            own = [t for t in head.subtree if t.i < prep.i or t.i == head.i]
            return (head.lemma_.lower() not in _POSTED and self._names_place(prep)
                    and not any(self._is_place(t) for t in own))
        return False

    def _names_someone(self, prep) -> bool:
        """Whether a preposition's object is named or known by the dictionaries, itself or by its
        own modifiers ("of Armenia", "of the Syrian parliament", "of Prime Minister Ali Zeidan")."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return False
        words = [objects[0], *(c for c in objects[0].children if c.dep_ in _MOD_DEPS)]
        return any(t.i in self.by_token or t.pos_ == "PROPN" for t in words)

    def _names_people(self, head) -> bool:
        """Whether a noun can stand for people: an agent word, a tie to a group, a word in -ist
        or -ian ("jihadists", "civilians"); or for a place's country ("a village in Cambodia",
        attacked)."""
        lemma = head.lemma_.lower()
        return (self._is_agentish(head) or lemma in _RELATIONS or lemma.endswith(("ist", "ian"))
                or lemma in references()[COUNTRY_REF])

    def _thing(self, head, parts) -> bool:
        """Whether the phrase is a thing an "of", "in" or "from" phrase tells by whom or where
        it is ("positions of the Palestinian forces", "the war in Syria"); "the Turkish
        offensive" is Turkey's act."""
        if self._names_people(head):
            return False
        told = {t.i for c in head.children if c.dep_ == "prep" for t in c.subtree}
        return all(m.start in told for _, m in parts)

    def _possessor(self, head, parts, actor: Actor):
        """The words of the actor that owns a thing ("Yugoslavia's suppression of the unrest in
        Kosovo", "Ukraine's fight", "Brazil's air traffic control system"): the actor is the
        possessor, and its text is the possessor's, not the whole phrase's. None where the head
        names people ("Syria's rebels") or the actor is not the possessor's."""
        if head.pos_ != "NOUN" or any(p == HEAD for p, _ in parts) or self._names_people(head):
            return None
        owners = [c for c in head.children if c.dep_ == "poss"]
        if len(owners) != 1:
            return None
        inside = {t.i for t in owners[0].subtree if t.dep_ != "case"}
        own = [(p, m) for p, m in parts if m.start in inside and m.end - 1 in inside]
        span = self.doc[min(inside):max(inside) + 1] if inside else None
        if not own or (mine := compose(own, self.day, self.kb, text=span.text)) is None:
            return None
        return span if (mine.code, mine.country) == (actor.code, actor.country) else None

    def _holds_phrase(self, head) -> bool:
        """Whether a dictionary phrase lies between the first and last token of the head's
        subtree (where its modifiers and appositions are)."""
        first = bisect.bisect_left(self._matched, head.left_edge.i)
        return first < len(self._matched) and self._matched[first] <= head.right_edge.i

    def _is_place(self, token) -> bool:
        match = self.by_token.get(token.i)
        return match is not None and any(e.kind not in ("agent",) for e in match.entries)

    def _names_place(self, prep) -> bool:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        return bool(objects) and any(
            e.kind in ("country", "capital", "city") for t in objects[0].subtree
            if (m := self.by_token.get(t.i)) for e in m.entries)

    def _is_agentish(self, token) -> bool:
        match = self.by_token.get(token.i)
        return match is not None and any(e.kind == "agent" for e in match.entries)

    def _parts(self, head) -> tuple[list[tuple[str, Match]], list]:
        parts: list[tuple[str, Match]] = []
        seen: set[int] = set()

        def add(place: str, tokens) -> None:
            for token in tokens:
                match = self.by_token.get(token.i)
                if match and place == MOD and self._names_a_part(match):
                    continue
                if match and match.start not in seen:
                    seen.add(match.start)
                    parts.append((place, match))

        add(HEAD, [head])
        mods = self._modifier_tokens(head)
        add(MOD, mods)
        span_tokens = [head, *mods]
        for child in head.children:
            if child.dep_ == "appos":
                appos = [child, *self._modifier_tokens(child)]
                add(APPOS, appos)
                span_tokens.extend(appos)
        return parts, span_tokens

    def _names_a_part(self, match: Match) -> bool:
        """A region's word in a name, not an actor: "Western Cambodia", "West Africans", "West
        African neighbours", "West Virginia" (where "Western nations" are the West's)."""
        named = self.doc[match.end - 1].head
        return (named.text[:1].isupper() and named.i > match.end - 1
                and all(e.kind == ORG and e.value.roles[0].code in REGIONS for e in match.entries))

    def _split_coordinated(self, parts):
        """'Hungarian and Romanian officials' -> one parts list per coordinated place."""
        places = [(p, m) for p, m in parts if p == MOD and any(e.kind in (ADJECTIVE, COUNTRY) for e in m.entries)]
        conjoined = [pm for pm in places if self.doc[pm[1].start].dep_ == "conj"]
        if not conjoined or any(p == HEAD and _names_actor(m) for p, m in parts):
            return [parts]
        others = [pm for pm in parts if pm not in places]
        return [[*others, pm] for pm in places]

    # ------------------------------------------------------------------ public
    def at(self, head) -> list[Found]:
        """The actors a noun (or pronoun) token stands for; coordinated heads included."""
        found = []
        for token in [head, *head.conjuncts]:
            found.extend(self._at_one(token))
        return found

    def _at_one(self, head) -> list[Found]:
        if head.i not in self._cache:
            self._cache[head.i] = []  # while it is resolved: references that lead back to it find nothing
            self._cache[head.i] = self._resolve(head)
        return self._cache[head.i]

    def _resolve(self, head) -> list[Found]:
        if head.pos_ in ("VERB", "AUX"):
            # A verb names no actor, though a place may modify it ("protested outside the
            # parliament in Athens", "killed in an ambush near Kandahar").
            return []
        if head.lower_ in _PARTITIVES and (whole := _of_object(head)) is not None:
            return self._at_one(whole)   # "some of the rebels", "both of them": the rebels, they
        if head.lower_ in _NONE_OF and _of_object(head) is not None:
            return []   # "none of the rebels surrendered": no one did
        if (head.pos_ == "PRON" or head.lower_ in REFERRING) and not _capitals(head.text):
            return self._pronoun(head)
        if head.pos_ in _FUNCTION_WORDS and head.i not in self.by_token:
            return []   # "the", "and", a comma: no actor outside a dictionary phrase
        if (match := self.by_token.get(head.i)) is not None and self._names_a_part(match):
            return []
        if _led_coalition(head):
            span = self.doc[head.left_edge.i:head.i + 1]
            actor = Actor(span.text, None, None, None, "IGO", span.start_char, span.end_char, found=AGENT)
            self.memory.coalition = actor
            return [Found(actor, span.start, span.end, False, rule="phrase")]
        if self.memory.coalition is not None and self._names_coalition(head):
            moved = replace(self.memory.coalition, text=head.text, start=head.idx, end=head.idx + len(head.text))
            return [Found(moved, head.i, head.i + 1, False, rule="definite-reference")]
        if (group := self._group_referred(head)) is not None:
            return [group]
        counted = _counted(head)
        if (counted is None and head.dep_ in ("nsubj", "nsubjpass") and not self._names_people(head)
                and not any(c.dep_ in _MOD_DEPS and c.i in self.by_token for c in head.children)):
            counted = _of_object(head)   # "the deployment of Nato troops arrived": the troops did
        if counted is not None:
            return self._at_one(counted)
        # what _parts would find nothing in: most nouns
        parts, span_tokens = self._parts(head) if self._holds_phrase(head) else ([], [])
        if not parts:
            return self._named_before(head) or self._new_person(head) or self._new_org(head) or self._place(head)
        if (head.ent_type_ in ("GPE", "LOC") and not any(p == HEAD for p, _ in parts)
                and any(self.doc[m.start].dep_ in ("compound", "flat") and self.doc[m.start].head.i == head.i
                        for _, m in parts) and (place := self._place(head))):
            return place   # a place whose name holds a known word ("West Virginia", "West Java")
        former = any(norm(t.text) in FORMER for t in span_tokens)
        start = min(t.i for t in span_tokens)
        end = max(t.i for t in span_tokens) + 1
        span = self.doc[start:end]
        out = []
        for group in self._split_coordinated(parts):
            actor = compose(group, self.day, self.kb, text=span.text, former=former,
                            named=head.pos_ == "PROPN" and head.i not in self.by_token)
            if actor is None:
                continue
            actor = replace(actor, start=span.start_char, end=span.end_char)
            if not any(p == HEAD for p, _ in group):
                actor = self._named_org(actor, head)
            rule = "phrase"
            if actor.country is None and actor.code is None and _definite(head):
                actor, rule = self._definite(actor, head), "definite-reference"
            if actor.country is None and actor.code is None and actor.sector:
                owner = self._possessor_country(head)
                if owner is not None and owner.country:
                    actor = replace(actor, name=owner.name, country=owner.country,
                                    code=owner.country + actor.sector, found=AGENT)
                    rule = "possessive-pronoun"
                elif (owner := self._named_owner(head)) is not None and owner.country:
                    actor = replace(actor, country=owner.country, code=owner.country + actor.sector, found=AGENT)
            note = ""
            if actor.country is None and actor.code is None and actor.sector:
                actor, note = self._in_homeland(actor, head, group)
            if self._thing(head, group):
                rule = THING
            if (owner := self._possessor(head, group, actor)) is not None:
                actor = replace(actor, text=owner.text, start=owner.start_char, end=owner.end_char)
            person = _is_person(group, actor, head)
            if self._unknown_person(head) and not any(p == HEAD for p, _ in group):
                titled = any(e.kind == AGENT for _, m in group for e in m.entries)
                actor, person = self._placed_person(actor, titled), True
            found = Found(actor, start, end, person, rule, note)
            self._learn_name(head, found)
            if person and self._unknown_person(head) and not any(e.kind == ADJECTIVE for _, m in group for e in m.entries):
                self.memory.guessed.add(norm(head.text))   # placed by where the person is, not by nationality
            out.append(found)
        return out

    def _in_homeland(self, actor: Actor, head, group) -> tuple[Actor, str]:
        """An actor a people's word makes ("Kurdish forces", "the Kurds") that nothing else placed,
        placed in the one of its countries (homelands.tsv) where its phrase or a clause above it
        happens ("attacked Kurdish militias in Afrin"), else the one the document places its story
        in, else names, most; and the note that says so. A place of its clause outside them
        ("Kurds protested in London") leaves it to the event's place."""
        lands = homelands()
        for _, match in group:
            countries = lands.get(norm(match.text))
            if not countries:
                continue
            place, where = self._nearest_place(head, countries)
            if where is not None:
                country, why = (where.country, f"'{place}'") if where.country in countries else (None, "")
            else:
                country, why = self.memory.among(countries), "the places and countries the document names"
            if country:
                placed = replace(actor, country=country, code=country + actor.sector, found=AGENT)
                return placed, f"'{actor.text}' placed in {country} by {why}, of the countries of '{match.text}' (homelands)"
            return actor, ""
        return actor, ""

    def _nearest_place(self, head, hints: tuple[str, ...]) -> tuple[str, object]:
        """The place named where the phrase is, or where the clauses above it are ("militias in
        Afrin", "attacked militias in Afrin"): a name or place noun after "in", "near" ... on the
        way up from the phrase's head, the nearest first, up to its own clause's verb (not the
        verb it is told by, "told reporters in Ankara that ...", nor one it is joined to, "massed
        in Hatay and attacked ..."); its words ("in the town of Kobani") and location, or ("", None).
        `hints`: the countries to look in first."""
        token = head
        for _ in range(8):
            if (found := self._first_located(_where_objects(token), hints)) is not None:
                return found
            if token.head.i == token.i or token.pos_ in ("VERB", "AUX") and token.dep_ in _OWN_CLAUSE:
                break
            token = token.head
        # else the phrase's own participle or relative clause ("Kurdish militias fighting against
        # Turkey in the Syrian enclave of Afrin have called ..."), after where its clause happens
        # ("Kurdish fighters trained in Iraq attacked Turkish troops in Afrin": Afrin)
        clauses = [c for c in head.children if c.dep_ in ("acl", "relcl")]
        return self._first_located([w for c in clauses for w in _where_objects(c)], hints) or ("", None)

    def _first_located(self, wheres: list, hints: tuple[str, ...]) -> tuple[str, object] | None:
        """(words, location) of the first (preposition, place) that the gazetteer locates."""
        for prep, place in wheres:
            found = self._located_in(place, hints)
            if found is not None:
                return f"{prep.text} {self.doc[place.left_edge.i:place.right_edge.i + 1].text}", found
        return None

    def _group_referred(self, head) -> Found | None:
        """'the group', 'militants', 'jihadist fighters': the armed group they refer to, named
        before them in the sentence or lately (references.tsv), over the phrase from its
        qualifiers on, without the article."""
        if not _names_group(head, lambda token: token.i in self.by_token):
            return None
        armed = self._armed_before(head) or self.memory.armed_group(_tells_cause(head, JIHAD))
        if armed is None:
            return None
        start = min([c.i for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i] + [head.i])
        span = self.doc[start:head.i + 1]
        moved = replace(armed, text=span.text, start=span.start_char, end=span.end_char)
        return Found(moved, start, head.i + 1, False, rule="definite-reference")

    def _named_before(self, head) -> list[Found]:
        """A name the dictionaries do not know, introduced earlier with its title; also when the
        tagger takes it for a common noun, as a surname that is also a word ("Roger Waters ...
        Waters said") is taken at the start of a sentence: a capitalised word the document named
        a person by."""
        if head.pos_ != "PROPN" and not (head.pos_ == "NOUN" and head.text.istitle()):
            return []
        key = norm(head.text)
        actor = self.memory.names.get(key)
        if actor is None:
            return []
        if key in self.memory.guessed and self._unknown_person(head):
            # The country was the document's; the text now says it ("Campbell, from Lewes, ...")
            stated = self._stated_country(head)
            if stated and stated != actor.country:
                actor = replace(actor, country=stated, code=stated + actor.sector)
                self.memory.names[key] = actor
                self.memory.guessed.discard(key)
        moved = replace(actor, text=head.text, start=head.idx, end=head.idx + len(head.text))
        return [Found(moved, head.i, head.i + 1, True, rule="name-in-document")]

    def _unknown_person(self, head) -> bool:
        """A proper noun that the entity recognizer (run on sentences with names the dictionaries
        do not know) tells is a person's."""
        return head.pos_ == "PROPN" and head.ent_type_ == "PERSON" and head.i not in self.by_token

    def _new_person(self, head) -> list[Found]:
        """A person no dictionary knows, named with no title or description that codes him
        ("Shamima Begum", "Begum, who left the UK in 2015"): a private person (CVL) of the country
        the document is about, remembered by name for the rest of it."""
        if not self._unknown_person(head) or head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN":
            return []   # not a person's, or only part of the name ("Shamima" in "Shamima Begum")
        name = self._full_name(head)
        if len(name) == 1 and self._local_place(head):
            return []   # "Douma surrendered": a town of the country the story is about, not a person
        start, end = min(t.i for t in name), max(t.i for t in name) + 1
        span = self.doc[start:end]
        stated = self._stated_country(head)
        country = stated or self.memory.home()
        actor = Actor(span.text, span.text, country, PRIVATE, country + PRIVATE if country else None,
                      span.start_char, span.end_char, found=AGENT)
        found = Found(actor, start, end, True, rule="phrase")
        self._learn_name(head, found)
        if not stated:
            self.memory.guessed.add(norm(head.text))
        return [found]

    def _org_entity(self, head):
        """The organisation's name the entity recognizer marks and the token heads (its last word
        in the parse: "Council" in "the Hopi Tribal Council"), as a span; None for another token."""
        if head.pos_ != "PROPN" or head.ent_type_ != "ORG" or head.i in self.by_token:
            return None
        entity = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        return entity if entity is not None and entity.root.i == head.i else None

    def _new_org(self, head) -> list[Found]:
        """An organisation no dictionary knows ("the Hopi Tribal Council", "USAID", "the
        Department of Homeland Security"), or one named before by name or acronym: its sector
        from the words of its name (_ORG_SECTORS, the agent words), of the country the text
        states, else where the story happens or the country it names most. A name that tells
        no sector ("the VDC", "ITV") is an actor of its text alone, unless the text states its
        country: given the story's country, such names (media, weapons, operations) were picked
        as wrong sources as often as right ones. Remembered by name for the rest of the document,
        with the acronym the text gives it in brackets ("the Kurdistan Workers' Party (PKK)").
        A name that qualifies a thing ("a BAK missile") or is a thing's ("an RPG") is none."""
        if head.pos_ != "PROPN" or head.i in self.by_token:
            return []
        if head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN":
            return []   # part of a longer name
        entity = self._org_entity(head)
        key = norm(_without_article(entity).text if entity is not None else head.text)
        known = self.memory.orgs.get(key)
        if known is not None:
            start, end = (entity.start, entity.end) if entity is not None else (head.i, head.i + 1)
            span = self.doc[start:end]
            moved = replace(known, text=span.text, start=span.start_char, end=span.end_char)
            return [Found(moved, start, end, False, rule="name-in-document")]
        if (entity is None or head.dep_ in ("compound", "amod", "nmod")
                or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)):
            return []   # a name that qualifies a thing ("a BAK missile"), or a thing's ("an RPG")
        name = _without_article(entity)
        sector = self._org_sector(name)
        country = self._stated_country(head) or (self.memory.where() or self.memory.home() if sector else None)
        actor = Actor(entity.text, name.text, country, *_org_coded(country, sector),
                      entity.start_char, entity.end_char, found=AGENT)
        self.memory.orgs[key] = actor
        if (short := self._bracketed(entity)) is not None:
            self.memory.orgs.setdefault(norm(short), actor)
        return [Found(actor, entity.start, entity.end, False, rule="phrase")]

    def _named_org(self, actor: Actor, head) -> Actor:
        """An organisation no dictionary knows whose name holds a country's ("the Syrian Negotiation
        Commission", "the Kurdistan Region Security Council"): the sector its own words tell,
        where the words around it gave none."""
        entity = self._org_entity(head)
        if entity is None or actor.sector or not actor.country or actor.code != actor.country:
            return actor
        sector = self._org_sector(_without_article(entity))
        if sector is None:
            return actor
        own_sector, code = _org_coded(actor.country, sector)
        return replace(actor, sector=own_sector, code=code, found=AGENT)

    def _org_sector(self, name) -> str | None:
        """The sector the words of an organisation's name tell: its head's, else its last word's
        that tells one (_ORG_SECTORS, or an agent word of the dictionaries)."""
        for token in [name.root, *reversed(name)]:
            word = token.lower_.rstrip(".")
            if word in _ORG_SECTORS:
                return _ORG_SECTORS[word]
            match = self.by_token.get(token.i)
            agent = next((e for e in match.entries if e.kind == AGENT), None) if match else None
            if agent is not None:
                return agent.value + "~" if agent.prefix else agent.value[:3]
        return None

    def _bracketed(self, entity) -> str | None:
        """The acronym the text gives a name in brackets after it: "(PKK)"."""
        after = self.tokens[entity.end:entity.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and _capitals(after[1].text):
            return after[1].text
        return None

    def _placed_person(self, actor: Actor, titled: bool) -> Actor:
        """A person no dictionary knows, described by the words around the name: of the country
        they give ("British jihadist Jack Letts", "Neil Prakash, from Melbourne"), as a private
        person if they give no sector ("Roger Waters, co-founder of the British rock band": a
        Briton, not Britain; "Anna Kowalski in Lima" is not Peru's government); of the sector they
        give ("Cantlie, a journalist"), in the country the document is about if they give none."""
        if actor.country and not titled and actor.code in (actor.country, actor.country + (actor.sector or "")):
            return replace(actor, sector=PRIVATE, code=actor.country + PRIVATE, found=AGENT)
        if actor.sector and not actor.country and not actor.code and (country := self.memory.home()):
            return replace(actor, country=country, code=country + actor.sector, found=AGENT)
        return actor

    def _place(self, head) -> list[Found]:
        """A place no dictionary knows, as the actor its country is: a name the entity recognizer
        tells is a place's ("Turkey attacked Afrin", "Douma surrendered"), found in the gazetteer;
        a definite place noun ("troops left the country", "rebels entered the town", "the town of
        Qaryatain"): the place it names, else the country the document is about; "the state" its
        government."""
        words = references()
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" and head.i not in self.by_token and head.ent_type_ in ("GPE", "LOC", "PERSON"):
            if head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN":
                return []   # part of a longer name, checked before the gazetteer is asked
            if head.ent_type_ == "PERSON" and not self._local_place(head):
                return []
            location, sector = self._located_in_story(head), None
            country = location.country if location else None
        elif (head.pos_ == "NOUN" and head.tag_ == "NN" and head.i not in self.by_token and _definite(head)
              and lemma in words[COUNTRY_REF] | words[LAST_COUNTRY] | words[GOVERNMENT]):
            location = place_of(head) if any(c.dep_ in ("prep", "appos") for c in head.children) else None
            if location is None and any(c.dep_ not in ("det", "punct") for c in head.children):
                return []   # "the neighbouring country", "the town where he was born": another
            if location is not None:
                country = location.country
            else:
                # "the town": where the story happens; "the country": the one named last
                country = (self._last_country(head) if lemma in words[LAST_COUNTRY]
                           else self.memory.where() or self.memory.focus())
            sector = "GOV" if lemma in words[GOVERNMENT] else None
        else:
            return []
        if not country:
            return []
        if head.pos_ == "PROPN":
            self.memory.named.append((self.memory.tick, country))   # what the document is about
            self.memory.places.append((self.memory.tick, country))
        tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == head.i]
        start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
        span = self.doc[start:end]
        actor = Actor(span.text, self.kb.countries.get(country, country), country, sector, country + (sector or ""),
                      span.start_char, span.end_char, found="dictionary" if head.pos_ == "PROPN" else AGENT)
        return [Found(actor, start, end, False, rule="phrase" if head.pos_ == "PROPN" else "definite-reference")]

    def _local_place(self, name) -> bool:
        """Whether a one-word name the recognizer takes for a person's is a place in a country the
        document names ("Douma"), as the recognizer errs on foreign towns."""
        if any(c.dep_ in ("compound", "flat") for c in name.children):
            return False
        location = self._located_in_story(name)
        return location is not None and location.country in {c for _, c in self.memory.named}

    def _located_in_story(self, token):
        """The token's place in the gazetteer, the countries the document is about as hints; asked
        once however many readings of the token need it ("Douma": a person's name or a town)."""
        return self._located_in(token, tuple(c for c in (self.memory.home(), self.memory.focus()) if c))

    def _located_in(self, token, hints: tuple[str, ...]):
        """The token's place in the gazetteer, these countries as hints: asked once."""
        key = (token.i, hints)
        if key not in self._located:
            self._located[key] = place_of(token, list(hints))
        return self._located[key]

    def _last_country(self, head) -> str | None:
        """The country named last before "the country": in its sentence by name, not by the actor
        that does something to it ("US trucks departed the country"), else in the sentences before."""
        verb = head.head
        while verb.pos_ not in ("VERB", "AUX") and verb.i != verb.head.i:
            verb = verb.head
        own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        here = [e.value for m in self.matches if m.end <= head.i and m.start not in own
                for e in m.entries if e.kind in (COUNTRY, CAPITAL, CITY)][-1:]
        if here:
            return here[0]
        before = [c for i, c in self.memory.named if i < self.memory.tick]
        return before[-1] if before else None

    def _stated_country(self, name) -> str | None:
        """The country the sentence gives a person by more than the words around the name: where
        the person is from ("Joe Robinson, 24, from Accrington, Lancashire"), or a nationality said
        of the person ("Anna Campbell became the first British woman to ...", "Kimberley Taylor,
        who is believed to be the only British woman fighting ...")."""
        for holder in [name, *(c for c in name.children if c.dep_ == "appos")]:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    for place in (o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"):
                        if (location := place_of(place)) is not None and location.country:
                            return location.country
        said = [c for c in name.children if c.dep_ == "relcl"]
        if name.dep_ in ("nsubj", "nsubjpass") and name.head.lemma_ in _BEING:
            said.append(name.head)
        for clause in said:
            for token in clause.subtree:
                if token.dep_ in ("attr", "oprd") and token.head.lemma_ in _BEING:
                    for word in token.subtree:
                        match = self.by_token.get(word.i)
                        if word.dep_ in ("amod", "compound") and match is not None:
                            country = next((e.value for e in match.entries if e.kind in (ADJECTIVE, COUNTRY)), None)
                            if country:
                                return country
        return None

    def _full_name(self, name) -> list:
        """The tokens of a name: its proper-noun words ("Neil Prakash", "Clive Stafford Smith")."""
        words = [name]
        for child in name.children:
            if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i not in self.by_token:
                words += self._full_name(child)
        return sorted(words, key=lambda t: t.i)

    def _learn_name(self, head, found: Found) -> None:
        """A person the dictionaries do not know, named with a title ("Georgian President Eduard
        Shevardnadze", "US envoy Brett McGurk", "Bekir Bozdag, the deputy prime minister"):
        later "McGurk" is the same actor. Known by the sector alone, the person is of the country
        the document is about when introduced (and keeps it)."""
        if not found.is_person or not (found.actor.country or found.actor.sector or found.actor.code):
            return
        self._learn_surname(head, found)
        country = found.actor.country or (self.memory.focus() if found.actor.sector else None)
        code = found.actor.code or (country + found.actor.sector if country else None)
        how = found.actor.found if found.actor.code else AGENT
        for name in [head, *(c for c in head.children if c.dep_ == "appos")]:
            if name.pos_ == "PROPN" and name.i not in self.by_token:
                full = " ".join(t.text for t in self._full_name(name))
                actor = Actor(found.actor.text, full, country, found.actor.sector, code, found=how)
                self.memory.names.setdefault(norm(name.text), actor)

    def _learn_surname(self, head, found: Found) -> None:
        """A person the dictionaries know by the full name ("Binali Yıldırım"), later named by the
        surname alone ("Yıldırım said"), as news names people after the first time: the same
        actor, as coded where the full name was (with its title, if one was given)."""
        if not found.actor.code:
            return
        for name in [head, *(c for c in head.children if c.dep_ == "appos")]:
            match = self.by_token.get(name.i)
            if (name.pos_ == "PROPN" and match is not None and match.end - match.start >= 2
                    and name.i == match.end - 1 and any(e.kind == PERSON for e in match.entries)):
                self.memory.names[norm(name.text)] = found.actor

    def _definite(self, actor: Actor, head) -> Actor:
        """'the president' after 'Turkish President Erdogan': the country comes from the document.
        'The regime' is the government of the country the story is about, whoever spoke last: where
        it happens, if it places anything ("Washington's policy ... in Syria ... the regime"), else
        the country it names most."""
        if head.lemma_.lower() in references()[GOVERNMENT] and (country := self.memory.where() or self.memory.focus()):
            return replace(actor, country=country, code=country + actor.sector, found=AGENT)
        earlier = self.memory.by_sector(actor.sector) if actor.sector else None
        if earlier is None:
            return actor
        return replace(earlier, text=actor.text, start=actor.start, end=actor.end)

    def _pronoun(self, token) -> list[Found]:
        """What a pronoun stands for: a relative pronoun the noun its clause describes; "I" and
        "we" inside a quotation its speaker; "he", "she", "it" and "they" the subject of a clause
        above theirs, else a noun before them in the sentence, else an actor of the last sentences,
        that agrees with them. Other pronouns ("you", "some", "this") stand for no one."""
        word = token.lower_
        if word in _RELATIVE:
            return self._at_one(token.head.head) if token.head.dep_ == "relcl" else []
        if word in _FIRST_PERSON:
            if token.pos_ != "PRON":
                return []   # "World War I"
            speaker = self._speaker_of(token)
            actor, person = (speaker.actor, speaker.person and word in _SINGULAR_FIRST) if speaker else (None, False)
        elif word in _THIRD_PERSON:
            if word == "it" and _pleonastic(token):
                return []
            actor, person = self._antecedent(token, word), word in _PERSON_PRONOUNS
        else:
            return []
        if actor is None:
            return []
        moved = replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text))
        return [Found(moved, token.i, token.i + 1, person, rule="pronoun")]

    def _antecedent(self, pronoun, word: str) -> Actor | None:
        """A third-person pronoun's actor: the first that agrees with it of the subjects of the
        clauses above its own, the actors named before it in its sentence, and those of the last
        sentences. An object is not its own verb's subject ("the SDF pushed them": not the SDF),
        and a pronoun in a quotation is not its speaker (who would say "I"). A person no
        dictionary knows stands in the way: a wrong actor is worse than none."""
        bound = pronoun.dep_ not in ("nsubj", "nsubjpass", "poss") and word not in _REFLEXIVE
        unlike = set()
        if bound and (verb := _clause_of(pronoun)) is not None:
            unlike |= {_identity(f.actor) for s in self._subjects(verb) for f in self._at_one(s)}
        if self._quoted(pronoun) and (speaker := self._quotation_speaker()) is not None and speaker.actor:
            unlike.add(_identity(speaker.actor))
        here = [*self._clause_subjects(pronoun, bound), *self._nouns_before(pronoun)]
        for mention in here:
            if (mention.actor is None or _identity(mention.actor) not in unlike) and self.memory.agrees(word, mention):
                return mention.actor
        return self.memory.antecedent(word, frozenset(unlike))

    def _clause_subjects(self, pronoun, bound: bool):
        """The subjects of the clauses the pronoun's clause hangs from, the nearest first, as
        mentions: "France said it would accept", "Iran is reluctant to commit the numbers it
        deployed", "Bosnian Serbs said their forces had withdrawn", "Saudi Arabia cut ties after
        protesters stormed its embassy". An object's own clause is passed over; and, for a
        pronoun in a quotation, a subject outside it."""
        quoted = self._quoted(pronoun)
        token, own = pronoun, True
        while token.head.i != token.i:
            token = token.head
            if token.pos_ not in ("VERB", "AUX"):
                continue
            if own:
                own = False
                if bound:
                    continue
            for subject in self._subjects(token):
                if subject.left_edge.i <= pronoun.i <= subject.right_edge.i or quoted and not self._quoted(subject):
                    continue
                yield from self._mentions_at(subject)

    def _nouns_before(self, pronoun):
        """The actors named before the pronoun in its sentence, on the same side of a quotation
        mark: subjects first ("While Tehran has sought to ..., it has worked"), then owners
        ("Turkey's campaign into Syria, when it launched"), then the others ("Letts called
        Canadian diplomats and begged for their help"); of each, the nearest first."""
        quoted = self._quoted(pronoun)
        before = [(rank, -t.i, t) for rank, t in self._heads if t.i < pronoun.i and self._quoted(t) == quoted]
        for _, _, token in sorted(before, key=lambda r: r[:2]):
            yield from self._mentions_at(token)

    @cached_property
    def _heads(self) -> list:
        """The nouns that head a phrase, each with its salience (subjects first, then owners)."""
        return [(_SALIENCE.get(t.dep_, len(_SALIENCE)), t) for t in self.tokens
                if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "flat")]

    def _mentions_at(self, token) -> list[Mention]:
        """The actors at a noun as mentions; a person's name no dictionary knows as a mention of
        no actor."""
        found = [m for f in self._at_one(token) if (m := self._mention(token, f)) is not None]
        if not found and self._unknown_name(token):
            plural = token.tag_ == "NNPS" or any(c.dep_ == "conj" for c in token.children)
            return [Mention(None, self.memory.tick, True, plural, False, True, token.dep_ in ("nsubj", "nsubjpass"))]
        return found

    def _unknown_name(self, token) -> bool:
        """A proper noun no dictionary, gazetteer or earlier name tells (a person's, as far as
        the entity recognizer, if it ran, says): someone a pronoun may stand for."""
        return (token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat") and token.i not in self.by_token
                and token.ent_type_ in ("PERSON", "") and not self._at_one(token))

    def _subjects(self, verb, depth: int = 0) -> list:
        """The subjects of a verb: its own; for a relative pronoun, the noun the clause describes;
        for a verb that has none, the subject of the verb it is joined to ("said on Tuesday ...
        and in October said it was planning"), or of an infinitive the object of the verb it
        completes ("urged Russia to withdraw its troops")."""
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return [verb.head if c.lower_ in _RELATIVE and verb.dep_ == "relcl" else c for c in own]
        if depth > 4 or verb.head.i == verb.i:
            return []
        if verb.dep_ == "xcomp" and (objects := [c for c in verb.head.children if c.dep_ == "dobj"]):
            return objects[:1]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return self._subjects(verb.head, depth + 1)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head]
        return []

    def _mention(self, token, found: Found) -> Mention | None:
        """The actor found at a token as a pronoun may refer back to it; None for what cannot be
        referred back to: a thing, a news outlet (cited, rarely referred back to), an actor of no
        country, code or sector."""
        actor = found.actor
        if found.rule == THING or actor.sector == "MED" or not (actor.country or actor.code or actor.sector):
            return None
        if token.dep_ == "conj":
            return None   # "Putin and Erdogan": the first stands for the pair ("they")
        person = found.is_person
        if found.rule == "pronoun":
            plural, state, named = token.lower_ in _PLURAL, False, False
        else:
            match = self.by_token.get(token.i)
            kinds = {e.kind for e in match.entries} if match is not None else set()
            plural = token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)
            # a country, a city, a town: "it"; "the Kremlin", "the Foreign Office" may be "they"
            state = bool(kinds & {COUNTRY, CAPITAL, CITY}) or not actor.sector and actor.code == actor.country
            person = (person and not kinds & {COUNTRY, CAPITAL, CITY, METONYM}
                      and not (token.pos_ == "NOUN" and token.lemma_.lower() in _BODIES))
            named = token.pos_ == "PROPN" or ORG in kinds
        return Mention(actor, self.memory.tick, person, plural, state, named, token.dep_ in ("nsubj", "nsubjpass"))

    # ------------------------------------------------------------------ quotations
    def _quoted(self, token) -> bool:
        """Whether a token lies inside a quotation (which may have begun in a sentence before)."""
        return self._inside[token.i]

    @cached_property
    def _inside(self) -> list[bool]:
        """By token: whether it lies inside a quotation."""
        inside, out = self.memory.tick in self.memory.quoted, []
        for t in self.tokens:
            inside = _after_quote_marks(t.text, inside)
            out.append(inside)
        return out

    def _speaker_of(self, pronoun) -> Mention | None:
        """Who "I" or "we" is inside a quotation: its speaker (not outside one: the writer)."""
        return self._quotation_speaker() if self._quoted(pronoun) else None

    def _quotation_speaker(self) -> Mention | None:
        """Who speaks the quotation the sentence holds: named in it, outside the quotation, as the
        subject of a verb of saying ('"We will not retreat," the minister said', 'He said: "We
        see ..."', 'according to the ministry'); else the speaker of a quotation the sentence
        goes on with (every sentence since the one that named the speaker began inside it)."""
        here = self._attribution
        if here is not None:
            return here
        speaker, tick = self.memory.speaker, self.memory.tick
        if speaker is not None and all(i in self.memory.quoted for i in range(speaker.tick + 1, tick + 1)):
            return speaker
        return None

    @cached_property
    def _attribution(self) -> Mention | None:
        """The speaker the sentence names outside its quotation marks."""
        return self._find_attribution()

    def _says(self) -> list:
        """The words outside quotation marks that say who speaks: verbs of saying, "according"."""
        saying = self.speech | _QUOTING
        return [t for t in self.tokens if not self._quoted(t) and (
            t.lower_ == "according" or t.pos_ == "VERB" and t.lemma_.lower() in saying)]

    def _find_attribution(self) -> Mention | None:
        """The subject of the first word that says who speaks ("the minister said", "according
        to the ministry"), not "I" or "we"; None if none."""
        for token in self._says():
            if token.lower_ == "according":
                subjects = [o for p in token.children if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
            else:
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
            for subject in subjects:
                if subject.lower_ in _FIRST_PERSON or self._quoted(subject):
                    continue
                for mention in self._mentions_at(subject):
                    return mention
        return None

    def _possessor_country(self, head) -> Actor | None:
        """'their forces': the country of the possessive pronoun's referent."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON" and child.lower_ in _THIRD_PERSON | _FIRST_PERSON:
                found = self._pronoun(child)
                return found[0].actor if found else None
        return None

    def _named_owner(self, head) -> Actor | None:
        """'Mwangi's lawyer': the person named as whose they are (a person the dictionaries know is
        already in the phrase: one they do not know is not). Not "supporters of X", who need not
        be of X's country."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                people = [f for f in self._at_one(child) if f.is_person]
                if people:
                    return people[0].actor
        return None

    def remember_all(self) -> None:
        """After the sentence: the actors it named (and the third-person pronouns it used) become
        the memory for the next ones, its subjects what pronouns most likely refer back to; and
        who spoke, if it holds a quotation, for "I" and "we" in the rest of it."""
        for token in self.tokens:
            if token.pos_ == "PROPN" and token.ent_type_ in ("GPE", "LOC", "PERSON", "ORG"):
                # whoever asked for what: the people no dictionary knows are remembered by name, the
                # places count for what the document is about
                self._at_one(token)
            noun = token.pos_ in ("NOUN", "PROPN")
            if noun and token.dep_ not in ("compound", "amod", "poss"):
                for found in self._at_one(token):
                    self.memory.seen(found.actor, subject=token.dep_ in ("nsubj", "nsubjpass"))
            if (noun and token.dep_ not in ("compound", "amod")
                    or token.pos_ == "PRON" and token.lower_ in _THIRD_PERSON):
                for mention in self._mentions_at(token):
                    self.memory.remember(mention)
        if any(t.text in _QUOTE_MARKS for t in self.tokens) and self._says():
            self.memory.speaker = self._attribution   # None if no speaker is known: none is carried on


def backer(token) -> bool:
    """The backer named in "US-backed rebels", "a UN-sponsored process": it neither does nor
    undergoes what the phrase it modifies does (gold never codes the backing itself)."""
    participle = token.head
    return (token.i < participle.i and token.dep_ in ("npadvmod", "compound", "amod", "nmod")
            and participle.dep_ == "amod" and participle.lemma_.lower() in _BACKING)


_WHEN_WORDS = (frozenset(dates.MONTH_NAMES) | frozenset(dates.WEEKDAYS)) - {"may"}   # "Theresa May"
# Clauses under a modifier that tell of other actors. A relative clause or participle often says
# who its noun is ("fighters who joined Isis", "territory occupied by Islamic State"): kept.
_CLAUSES = frozenset({"pcomp", "advcl", "ccomp", "csubj", "parataxis"})


def _phrase_tokens(modifier) -> list:
    """A modifier's words that belong to the phrase: its subtree without the clauses under it
    that tell of others ("the US, the presence of whose forces prevents Turkey from invading ...
    where the YPG are engaged": neither Turkey nor the YPG says who the US is)."""
    cut = {t.i for c in modifier.subtree if c.i != modifier.i and c.dep_ in _CLAUSES for t in c.subtree}
    return [t for t in modifier.subtree if t.i not in cut and t.dep_ not in ("relcl", "acl")]


def _counted(head):
    """'thousands of protesters', 'dozens of students': the actor is what is counted."""
    if head.lemma_.lower() not in _QUANTITIES and head.tag_ != "CD":
        return None
    return _of_object(head)


def _of_object(head):
    objects = [c for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for c in prep.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def _without_article(span):
    """A name's span without its leading article ("the Hopi Tribal Council" -> "Hopi Tribal Council")."""
    return span[1:] if len(span) > 1 and span[0].lower_ in ("the", "a", "an") else span


def _org_coded(country: str | None, sector: str | None) -> tuple[str | None, str | None]:
    """(sector, CAMEO code) of an organisation of that country and sector: a non-governmental
    body's prefix goes first and is no sector (NGO, NGOSYR), as the prefix agents; no code
    without a country (but NGO)."""
    if sector and sector.endswith("~"):
        return None, sector[:-1] + (country or "")
    return sector, country + (sector or "") if country else None


def _names_actor(match: Match) -> bool:
    return any(e.kind in ("person", "org", "country", "capital", "metonym", "city") for e in match.entries)


def _is_person(parts, actor: Actor, head) -> bool:
    if any(e.kind == PERSON for _, m in parts for e in m.entries):
        return True
    if head.pos_ == "PROPN" and not any(p == HEAD for p, _ in parts):
        return actor.sector in _PERSON_SECTORS  # "Georgian President Eduard Shevardnadze", name unknown
    head_agents = [e for p, m in parts if p == HEAD for e in m.entries if e.kind == "agent"]
    return bool(head_agents) and actor.sector in _PERSON_SECTORS and head.tag_ != "NNS"


# Nouns for a coalition of states (the words that qualify one as international: _INTERNATIONAL).
_COALITIONS = frozenset({"coalition", "alliance"})
_INTERNATIONAL = frozenset({"international", "multinational", "global"})


def _led_coalition(head) -> bool:
    """'the US-led coalition', 'a coalition led by Saudi Arabia', 'the international coalition':
    a coalition of states is international (IGO), not its leader's."""
    if head.lemma_.lower() not in _COALITIONS or head.pos_ != "NOUN":
        return False
    return any(child.lemma_.lower() == "lead" and child.dep_ in ("amod", "acl", "compound")
               or child.lower_ in _INTERNATIONAL and child.dep_ == "amod" for child in head.children)


def _names_group(head, named) -> bool:
    """'the group', 'the jihadist group', 'the militants': a definite reference to an armed group,
    qualified by nothing that names another ("the Kurdish group", "a group of doctors"); a word of
    an armed cause in the plural with no article ("militants seized the town"); a member noun with
    such a word ("jihadist fighters", "the Islamist fighters"): annotators code them as the group
    they are the men of. A phrase with a cause of transnational jihad may say more of them
    ("diehard extremists", "the extremists in eastern Syria"), unless a word of the dictionaries
    (`named`) tells whose they are ("British jihadists"); other words may not ("Shia militants in
    Iraq" are not the Houthis named before)."""
    words = references()
    lemma = _common_lemma(head)
    if lemma is None or lemma not in words[ARMED_GROUP] | words[MEMBER]:
        return False
    cause, jihad = _tells_cause(head), _tells_cause(head, JIHAD)
    determiners = []
    for child in head.children:
        if child.dep_ == "det":
            determiners.append(child.lower_)
        elif child.dep_ in ("amod", "compound"):
            qualifier = child.lemma_.lower()
            if qualifier not in words[ARMED_GROUP] | words[QUALIFIER] and (not jihad or named(child)):
                return False
        elif child.dep_ == "prep" and jihad and child.lower_ in _LOCATIVE_PREPOSITIONS:
            continue   # where jihadists are does not make them another's
        elif child.dep_ in ("prep", "acl", "relcl", "appos", "poss", "nummod"):
            return False
    if lemma in words[MEMBER]:
        return cause and (not determiners or determiners[0] in _REFERRING_DETERMINERS)
    if determiners:
        return determiners[0] in _REFERRING_DETERMINERS
    return head.tag_ in ("NNS", "NNPS") and lemma in words[CAUSE]


# Prepositions that say where a group's men are, not whose they are ("extremists in Syria").
_LOCATIVE_PREPOSITIONS = frozenset({"in", "across", "inside", "near", "around", "from"})
# Where something is or happens (not "from": where it comes from).
_WHERE_PREPOSITIONS = frozenset({"in", "across", "inside", "near", "around", "at", "throughout"})
# A verb's links to the clause above it that make it a clause of its own, told of or joined to that one.
_OWN_CLAUSE = frozenset({"ccomp", "conj", "parataxis", "advcl", "xcomp", "relcl"})


def _where_objects(token, deeper: bool = True) -> list:
    """(preposition, object) of the token's phrases that say where: a name or a place noun after
    "in", "near" ... ("in Afrin", "near the border"); and, a level down, where the act it was done
    in was ("killed in a Turkish airstrike near Afrin")."""
    out = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _WHERE_PREPOSITIONS:
            continue
        for thing in prep.children:
            if thing.dep_ != "pobj":
                continue
            if thing.pos_ == "PROPN" or thing.lemma_.lower() in PLACE_NOUNS:
                out.append((prep, thing))
            elif deeper:
                out += _where_objects(thing, deeper=False)
    return out


# Determiners that make a noun phrase a reference to what was named before ("the group", "these
# fighters"); not "a", "some", "many", which introduce others.
_REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def _tells_cause(head, kind: str | None = None) -> bool:
    """Whether a reference to an armed group tells an armed cause ("the militants", "jihadist
    fighters"), not only a group ("the group", "the militia"); with `kind` JIHAD, a cause of
    transnational jihad ("the extremists")."""
    cause = references()[kind or CAUSE]
    return _common_lemma(head) in cause or any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in cause for c in head.children)


def _common_lemma(token) -> str | None:
    """A common noun's lemma, also when the tagger takes a lowercase noun after a rare adjective
    for a name ("jihadist fighters" tagged as a proper noun, with no lemma); None for others."""
    if token.pos_ == "NOUN":
        return token.lemma_.lower()
    if token.pos_ != "PROPN" or not token.text.islower():
        return None
    return token.lower_[:-1] if token.tag_ == "NNPS" and token.lower_.endswith("s") else token.lower_


# What a reference noun refers to (references.tsv).
ARMED_GROUP, QUALIFIER, GOVERNMENT = "armed group", "qualifier", "government"
CAUSE, MEMBER, JIHAD = "cause", "member", "jihad"
COUNTRY_REF, LAST_COUNTRY = "country", "country named last"
_REFERENCE_HEADER = ["word", "refers to"]


@cache
def references() -> dict[str, frozenset[str]]:
    """The reference nouns of data/references.tsv, by what they refer to."""
    path = data_dir() / "references.tsv"
    found: dict[str, set[str]] = {kind: set() for kind in (ARMED_GROUP, QUALIFIER, CAUSE, MEMBER, JIHAD, COUNTRY_REF, LAST_COUNTRY, GOVERNMENT)}
    for number, row in datafiles.rows(path, _REFERENCE_HEADER):
        if row["refers to"] not in found:
            raise DictionaryError(str(path), number, f"'{row['refers to']}' is not one of {', '.join(found)}")
        found[row["refers to"]].add(row["word"].lower())
    return {kind: frozenset(words) for kind, words in found.items()}


_HOMELAND_HEADER = ["word", "countries"]
_ISO3 = re.compile(r"[A-Z]{3}")


@cache
def homelands() -> dict[str, tuple[str, ...]]:
    """The peoples of data/homelands.tsv (by their word and its plural, as norm() writes them) and
    the countries they live in."""
    path = data_dir() / "homelands.tsv"
    found: dict[str, tuple[str, ...]] = {}
    for number, row in datafiles.rows(path, _HOMELAND_HEADER):
        countries = tuple(row["countries"].split("|"))
        if not all(_ISO3.fullmatch(c) for c in countries):
            raise DictionaryError(str(path), number, f"'{row['countries']}' is not ISO3 codes separated by |")
        forms = {norm(row["word"]), norm(plural(row["word"]))}   # "the Kurds" as "Kurd"
        if forms & found.keys():
            raise DictionaryError(str(path), number, f"'{row['word']}' is listed again")
        found.update(dict.fromkeys(forms, countries))
    return found


def _definite(head) -> bool:
    """'the president', 'this minister': singular only; 'the ministers' are often of several countries."""
    return head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                              for c in head.children)


# Nouns for a body of people that the agent words give a person's sector ("the government", "the
# opposition"): "it" or "they", not "he".
_BODIES = frozenset({"government", "administration", "regime", "junta", "cabinet", "ministry", "department",
                     "army", "military", "navy", "force", "police", "opposition", "court", "judiciary", "parliament",
                     "congress", "senate", "assembly", "legislature", "council", "committee", "commission",
                     "leadership", "monarchy", "presidency", "party", "coalition", "alliance", "authority",
                     "agency", "office", "service", "embassy", "command", "unit"})
# What a noun phrase is to its clause, by how likely a pronoun after it refers back to it.
_SALIENCE = {"nsubj": 0, "nsubjpass": 0, "poss": 1}
# The speaker of a quotation by the person of the pronoun: "I" is one person, "we" a side.
_SINGULAR_FIRST = frozenset({"i", "me", "my", "myself"})
_OPENING, _CLOSING, _EITHER = frozenset({"“", "«", "``", "‘‘"}), frozenset({"”", "»", "''", "’’"}), '"'
_QUOTE_MARKS = _OPENING | _CLOSING | {_EITHER}
# The marks in a text, the two-character ones first ("``" before "`").
_QUOTE_MARK = re.compile("|".join(re.escape(m) for m in sorted(_QUOTE_MARKS, key=len, reverse=True)))


def _after_quote_marks(text: str, inside: bool | None) -> bool | None:
    """Whether the text after a token is inside a quotation, given whether it was before it (None
    before and after a token that is no quotation mark, when `inside` is None)."""
    if text in _OPENING:
        return True
    if text in _CLOSING:
        return False
    if text == _EITHER:
        return not inside
    return inside


def quotations(texts: list[str]) -> frozenset[int]:
    """The sentences (by index) that begin inside a quotation: after one that opened a quotation
    it did not close ('Tillerson said. "We ...': the splitter may leave the mark at the end of
    the sentence before)."""
    inside, out = False, set()
    for index, text in enumerate(texts):
        if inside:
            out.add(index)
        for mark in _QUOTE_MARK.findall(text):
            inside = _after_quote_marks(mark, inside)
    return frozenset(out)


def _clause_of(token):
    """The verb of the clause a token is in (None outside any)."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _identity(actor: Actor) -> tuple:
    """Who an actor is, whatever code its mention gave it ("Home Secretary Sajid Javid", GOV, is
    the "Javid", ELI, named later)."""
    return (actor.name,) if actor.name else (actor.code, actor.text)


def _capitals(text: str) -> bool:
    """A word in capitals ("US", "IT"), not a pronoun; "I" is one."""
    return len(text) > 1 and text.isupper()


# Verbs whose subject "it" may stand for nothing, the clause after them saying what is meant: "it
# is unlikely that", "it seems absurd that", "it remains to be seen", "it emerged that".
_EMPTY_IT = frozenset({"be", "seem", "appear", "feel", "look", "sound", "remain", "become", "emerge", "matter",
                       "happen", "turn"})


def _pleonastic(token) -> bool:
    """An "it" that stands for nothing: the subject of one of those verbs followed by a clause
    ("It is not enough to condemn", "It seems absurd that we ..."), not "It was too successful"."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass", "expl") or verb.lemma_.lower() not in _EMPTY_IT:
        return False
    if any(c.dep_ in ("ccomp", "csubj") or c.dep_ == "xcomp" and verb.lemma_ == "be"
           for c in verb.children if c.i > token.i):
        return True   # not "it seems to have attacked": the subject of "attack"
    # "so ironic he had to die", "not an exaggeration to say"; not "willing to withdraw"
    said = [c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(c.dep_ in ("ccomp", "csubj") or c.dep_ == "acl" and c.head.dep_ == "attr"
               for s in said for c in s.children)
