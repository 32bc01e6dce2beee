"""Mention + date -> Actor.

A mention is a list of dictionary matches, each tagged with where it sits in the noun phrase:
the head ("Putin" in "Russian President Vladimir Putin"), an apposition ("his counterpart,
Recep Tayyip Erdoğan") or a modifier ("Russian", "President"). The head's own meaning wins;
modifiers fill in what it lacks (the country of "Turkish police", the sector of "Iraqi Prime
Minister").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..nlp import tokenize
from ..record import Actor
from . import kb as kbmod
from .kb import ADJECTIVE, AGENT, CAPITAL, CITY, COUNTRY, KB, METONYM, ORG, PERSON, Entry, norm

HEAD, APPOS, MOD = "head", "appos", "mod"
NAMED_KINDS = (PERSON, ORG)
PLACE_KINDS = (COUNTRY, CAPITAL, METONYM, CITY, ADJECTIVE)
# Where to look for the actor's identity, in order of trust.
_SEARCH = ((HEAD, NAMED_KINDS), (APPOS, NAMED_KINDS), (HEAD, PLACE_KINDS), (APPOS, PLACE_KINDS),
           (MOD, NAMED_KINDS), (MOD, PLACE_KINDS))
# State sectors, and the non-state armed ones that make a state's noun theirs ("rebel forces").
_STATE = frozenset({"GOV", "MIL", "COP", "SPY"})
_NON_STATE_ARMED = frozenset({"REB", "UAF"})
# Modifier words that make any official a former one (CAMEO: ELI).
FORMER = frozenset({"former", "ex", "ousted", "deposed", "late"})
# Words for the West that British house style writes in lower case ("the west", "western
# governments", "westerners"): matched in lower case too, and kept by the actor finder only where
# they name the West, not a direction ("west of Mosul", "western Syria": mentions.py).
LOWER_WEST = frozenset({"west", "western", "westerner", "westerners"})


@dataclass(frozen=True)
class Match:
    start: int               # token index, inclusive
    end: int                 # token index, exclusive
    entries: tuple[Entry, ...]
    text: str


def find_matches(tokens: list[str], kb: KB, *, need_caps: bool = True) -> list[Match]:
    """Dictionary phrases in a token sequence, longest first, left to right, no overlaps."""
    keys = [norm(t) for t in tokens]
    reach = kb.reach
    matches: list[Match] = []
    end = 0  # where the last match ends: the next starts there or after
    # Most words start no phrase (no reach): they are passed over with one lookup each.
    for i in [i for i, key in enumerate(keys) if key in reach]:
        if i < end:
            continue
        for size in range(min(reach[keys[i]], len(tokens) - i), 0, -1):
            entries = [e for e in kb.lookup(tuple(keys[i:i + size]))
                       if _case_ok(e, tokens[i:i + size], need_caps)]
            if entries:
                matches.append(Match(i, i + size, tuple(entries), " ".join(tokens[i:i + size])))
                end = i + size
                break
    return matches


def _case_ok(entry: Entry, words: list[str], need_caps: bool) -> bool:
    if entry.caps:
        return all(w.replace(".", "").isupper() for w in words if w.isalpha() or "." in w)
    if entry.kind == AGENT or entry.lower_case or not need_caps:
        return True
    return words[0][:1].isupper() or (entry.kind == ORG and len(words) == 1 and words[0] in LOWER_WEST)


def lower_west(match: Match) -> bool:
    """A word for the West written in lower case, which may be a direction."""
    return match.end - match.start == 1 and match.text in LOWER_WEST


def _pick(parts: list[tuple[str, Match]], where: str, kinds: tuple[str, ...]) -> tuple[Entry, Match] | None:
    for kind in kinds:
        for place, match in parts:
            if place != where:
                continue
            for entry in match.entries:
                if entry.kind == kind:
                    return entry, match
    return None


def _agent(parts: list[tuple[str, Match]]) -> Entry | None:
    """The agent word of the phrase: the head's own, else the last modifier's; except that a
    non-state armed modifier makes a state's noun its own ("rebel forces", "Kurdish officials"),
    and a rebel one tells the side of men of no known side ("Kurdish militias")."""
    agents = [(place, e) for place, m in parts for e in m.entries if e.kind == AGENT and e.value]
    head = next((e for place, e in agents if place == HEAD), None)
    armed = next((e for place, e in reversed(agents) if place != HEAD and e.value[:3] in _NON_STATE_ARMED), None)
    if head is not None and armed is not None and (head.value[:3] in _STATE or head.value[:3] == "UAF" != armed.value[:3]):
        return armed
    return head or (agents[-1][1] if agents else None)


def _with_agent(country: str, agent: Entry) -> tuple[str | None, str | None, str]:
    """(country, sector, code) of a country's agent: "Turkish police" -> TUR, COP, TURCOP; a
    compound agent code keeps its whole code (GOVMIL); a PETRARCH prefix agent ("IGO~",
    peacekeepers) goes first and makes the actor international."""
    value = agent.value
    if agent.prefix:
        return (None if value[:3] in kbmod.INTERNATIONAL else country), None, value + country
    return country, value[:3], country + value


def compose(parts: list[tuple[str, Match]], day: date | None, kb: KB, *, text: str,
            former: bool = False, named: bool = False) -> Actor | None:
    """The actor that the matches of one noun phrase describe, on the day. `named`: the phrase's
    head is a name the dictionaries do not know ("Bekir Bozdag, the deputy prime minister")."""
    base = next((hit for where, kinds in _SEARCH if (hit := _pick(parts, where, kinds))), None)
    agent = _agent(parts)
    if base is None:
        # An agent alone is an actor only as the head of its phrase ("the police") or the title
        # of a name, not as a modifier of something else ("military exercises").
        if agent is None or not (named or any(p == HEAD and e.kind == AGENT for p, m in parts for e in m.entries)):
            return None
        if agent.prefix:
            return Actor(text=text, code=agent.value, found=AGENT)
        return Actor(text=text, sector="ELI" if former else agent.value[:3], found=AGENT)
    entry, match = base
    found = "dictionary"
    if entry.kind in NAMED_KINDS:
        entry = _namesake_on(entry, match, day)
        if entry is None:
            return None
        code, rule = entry.value.code_on(day)
        name = entry.value.name
        if code is None:
            return None
        country = code[:3] if kb.is_country(code[:3]) else None
        own_sector = (code[3:6] or None) if country else None  # IGOUNO: UNO is an organisation, not a sector
        # The text's own title wins over a role the dictionary does not (yet) cover on that date:
        # "President Eduard Shevardnadze" on the day he resigned is still the president.
        untitled = own_sector is None or (rule == "former-or-future-role" and not former)
        if country and agent and untitled:
            (country, own_sector, code), found = _with_agent(country, agent), AGENT
    else:
        seat = entry.kind in (CAPITAL, METONYM)
        owner = _owner(parts, match, text) if entry.kind == METONYM else None
        if owner is not None:
            entry = owner[0]   # "Iran's Foreign Office": Iran's ministry, of the kind Britain's is named so
        country, name = entry.value, kb.countries.get(entry.value, entry.value)
        if agent:
            (country, own_sector, code), found = _with_agent(country, agent), AGENT
        else:
            own_sector = "GOV" if seat else None
            code = country + (own_sector or "")
    if former and country:
        own_sector, code, found = "ELI", country + "ELI", AGENT
    return Actor(text=text, name=name, country=country, sector=own_sector, code=code, found=found)


def _owner(parts: list[tuple[str, Match]], seat: Match, text: str) -> tuple[Entry, Match] | None:
    """The country a seat of government's phrase gives it, before it ("Iran's", "the Canadian");
    not one after it, of another word ("a White House Russian affairs adviser"), nor one inside a
    word of another sense ("an Iranian-born State Department official", "the anti-Iranian White
    House")."""
    before = [(place, m) for place, m in parts
              if m.end <= seat.start and f"-{m.text}" not in text and f"{m.text}-" not in text]
    return _pick(before, MOD, (COUNTRY, ADJECTIVE))


def _namesake_on(entry: Entry, match: Match, day: date | None) -> Entry | None:
    """A name several actors go by ("Bush", "Clinton", "Aliyev"): the one in office on the day.
    With none in office, one they all give the same code (both Bushes are former US officials
    in 2015); else nobody, rather than a guess."""
    namesakes = [e for e in match.entries if e.kind == entry.kind]
    if len(namesakes) == 1:
        return entry
    codes = {e: e.value.code_on(day) for e in namesakes}   # entry -> (code, rule)
    serving = [e for e in namesakes if codes[e][1].startswith("role:")]
    if len({codes[e][0] for e in serving}) == 1:
        return serving[0]
    if not serving and len({code for code, _ in codes.values()}) == 1:
        return entry
    return None


def resolve_text(mention: str, day: date | None, kb: KB | None = None) -> Actor:
    """Resolve a mention given as plain text (the `dragoman resolve` command).

    The last word is taken as the head of the phrase, as in English noun phrases.
    """
    kb = kb or kbmod.builtin()
    tokens = tokenize(mention.strip())
    matches = find_matches(tokens, kb, need_caps=False)
    last = len(tokens) - 1
    while last > 0 and not tokens[last].strip(".,;:'’s"):
        last -= 1
    parts = [(HEAD if m.start <= last < m.end else MOD, m) for m in matches]
    former = any(norm(t) in FORMER for t in tokens)
    actor = compose(parts, day, kb, text=mention, former=former)
    return actor or Actor(text=mention)
