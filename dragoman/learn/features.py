"""Features of a candidate trigger, of its factuality and time, and of an actor's role in it:
sparse named features (inspectable: a model's weights say which words and paths count) and the
parser's own contextual token vectors (doc.tensor, already computed by the pipeline)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import numpy

from .. import dates

from ..events.match import _lemma, negates
from . import earlier
from .view import ActorCandidate, SentenceView, type_of

_CHILD_DEPS = frozenset({"neg", "aux", "auxpass", "prep", "dobj", "nsubj", "nsubjpass", "mark", "advmod", "prt",
                         "agent", "xcomp", "ccomp", "poss", "amod", "compound", "dative", "attr", "acomp"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall", "wo", "'ll", "ca"})
# Words anywhere in the sentence that bear on whether an event happened, or when.
_CUES = frozenset("""if unless whether would could might may should must allegedly reportedly alleged claim claimed
claims accuse accused accusing deny denied denies denial urge urged urging call called calls demand demanded ask
asked threaten threatened threat plan plans planned expect expected want wants wanted fear fears feared hope hoped
not never no without refuse refused reject rejected warn warned vow vowed pledge pledged promise promised
ready prepared intend intends seek seeks sought try tried attempt possible possibly likely risk
ago previously earlier former last since until before after when during recently already still""".split())
# Words that, governing an event's word, say it did not simply happen as told, by the kind of
# frame they make (annotation.md, section 4): asked for, claimed against someone, denied,
# intended or expected, feared or risked, cancelled or prevented. The factuality model learns
# what each kind does; a class generalises to its rarer members where the words alone are sparse.
_FRAMES = {
    "request": "urge call demand ask appeal press plead request order instruct insist push encourage persuade "
               "invite need require",
    # An accusation ("accused Moscow of breaching", "blamed the army for") leaves its content open
    # far more often than a claim or a report does ("reported that the army shelled", asserted
    # where the writer relies on it): two kinds, so that the one does not blur the other.
    "accuse": "accuse allege charge blame suspect accusation allegation",
    "allege": "claim report suggest",
    "deny": "deny dismiss refute rebuff",
    # ... and the nouns that name an aim, not a deed ("the idea of restoring ties", "a bid to oust").
    "intent": "plan intend want seek aim hope wish expect prepare threaten vow pledge promise propose offer "
              "ready willing determined intent poised set due likely able consider decide "
              "idea goal objective bid effort proposal ambition intention",
    # An attempt happened, whether or not it succeeded: asserted (annotation.md), unlike an intent.
    "attempt": "try attempt",
    "fear": "fear worry concern risk warn danger threat prospect possibility possible potential",
    # What is prevented did not happen; what is stopped or ended ("to stop the fighting") did.
    "prevent": "prevent avoid avert block",
    "negative": "no never not without fail refuse unable nobody nothing none",
}
_FRAME_OF = {word: kind for kind, words in _FRAMES.items() for word in words.split()}
# Verbs of saying: with a clause after them they report what was said, and the saying is no event
# of its own (annotation.md, section 1: "said, told, noted, announced, warned (without a threat)");
# with an object or a preposition some are ("announced sanctions", "warned of consequences").
_SAYING = frozenset("""say tell note add announce declare state insist argue stress explain describe write
comment acknowledge admit predict believe think know confirm reveal indicate maintain assert proclaim
remark repeat reiterate""".split())
# The dependencies by which a word takes its arguments (read with the word by _arguments).
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "xcomp", "ccomp", "prep", "agent", "prt",
                            "attr", "acomp", "poss"})
# Words that, modifying an event's word, qualify it: "an alleged plot", "a planned reset",
# "a possible attack", "reportedly killed", "no approach".
_QUALIFIERS = frozenset("""alleged allegedly reportedly reported apparent apparently supposed supposedly purported
purportedly suspected planned proposed possible possibly potential likely future expected intended threatened
feared rumoured rumored no never not nearly almost""".split())
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTHS = frozenset(dates.MONTH_NAMES)
_WEEKDAYS = frozenset(dates.WEEKDAYS) | {"yesterday", "today", "tonight"}


def _word(token) -> str:
    return token.lower_ if len(token.lower_) < 30 else token.lower_[:30]


def dense(view: SentenceView, index: int) -> numpy.ndarray:
    """The token's vector: the parser's own (96 wide) and, where the view carries MiniLM's states
    of the sentence (models trained with them, `--model large`), the token's state beside it."""
    tensor = getattr(view.parsed, "tensor", None)
    if tensor is None or len(tensor) <= index or not tensor.shape[-1]:
        vector = numpy.zeros(96, dtype=numpy.float32)
    else:
        vector = numpy.asarray(tensor[index], dtype=numpy.float32)
    if view.context is None:
        return vector
    state = view.context[index] if index < len(view.context) else numpy.zeros(view.context.shape[1], numpy.float32)
    return numpy.concatenate([vector, state])


def nothing(view: SentenceView) -> numpy.ndarray:
    """A dense vector of zeros as wide as the sentence's: for an option that is no word."""
    return numpy.zeros_like(dense(view, 0))


def _ancestors(token, depth: int):
    """(dependency on the way up, ancestor) for up to `depth` steps."""
    out, current = [], token
    for _ in range(depth):
        if current.head.i == current.i:
            break
        out.append((current.dep_, current.head))
        current = current.head
    return out


def _morph(token, name: str) -> str:
    values = token.morph.get(name)
    return values[0] if values else "-"


# ---------------------------------------------------------------- triggers

def trigger_features(view: SentenceView, token) -> list[str]:
    lemma = _lemma(token)
    f = [f"l={lemma}", f"w={_word(token)}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}",
         f"l|d={lemma}|{token.dep_}", f"l|p={lemma}|{token.pos_}", f"suf={lemma[-3:]}",
         f"h={_lemma(token.head)}", f"hd={token.dep_}>{token.head.pos_}", f"h|d={_lemma(token.head)}|{token.dep_}"]
    for child in token.children:
        if child.dep_ in _CHILD_DEPS:
            f += [f"c={child.dep_}:{_lemma(child)}", f"cd={child.dep_}", f"l|c={lemma}|{child.dep_}:{_lemma(child)}"]
    for n, (dep, up) in enumerate(_ancestors(token, 2), 1):
        f.append(f"a{n}={dep}>{_lemma(up)}")
    f += [f"prior={root}" for root in sorted(view.roots(lemma))] or ["prior=none"]
    for child in token.children:
        if child.dep_ in ("dobj", "pobj", "prep"):
            f += [f"prior_{child.dep_}={root}" for root in sorted(view.roots(_lemma(child)))]
    f += _actor_slots(view, token, lemma)
    f += _arguments(token, lemma)
    rule = view.rules_at.get(token.i)
    if rule is not None:
        f += [f"rule={type_of(rule) or 'dropped'}", f"rule_root={rule.code[:2]}",
              f"l|rule={lemma}|{rule.code[:2]}", f"rule_src={rule.source_rule}", f"rule_tgt={rule.target_rule}"]
    else:
        f.append("rule=none")
    return f


def _arguments(token, lemma: str) -> list[str]:
    """What the word takes, and with which word: the same verb names an event with one argument
    and none with another ("warned of grave consequences" may threaten, "warned that famine was
    near" only says; "ordered an inquiry" against "ordered troops to leave"). The kinds of word
    of _FRAMES and _SAYING are read with their arguments too, so that a rare member ("aimed to",
    "stressed that") learns from its class. A noun is read with its determiner and whether
    anything qualifies it: "the campaign" may only name a war, "the campaign against Isis"
    reports one more often."""
    deps = sorted({f"prep:{c.lower_}" if c.dep_ == "prep" else c.dep_ for c in token.children
                   if c.dep_ in _ARGUMENT_DEPS})
    out = [f"l|arg={lemma}|{dep}" for dep in deps] + [f"l|args={lemma}|{'+'.join(deps) or '-'}"]
    kind = _FRAME_OF.get(lemma) or ("say" if lemma in _SAYING else None)
    if kind:
        out += [f"kind|arg={kind}|{dep}" for dep in deps] + [f"kind|args={kind}|{'+'.join(deps) or '-'}"]
    if token.pos_ == "NOUN":
        det = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        owned = any(c.dep_ == "poss" for c in token.children)
        told = any(c.dep_ in ("prep", "compound", "amod", "acl", "relcl") for c in token.children)
        out += [f"det={'poss' if owned else det or '-'}", f"noun_told={told}", f"noun|dep={told}|{token.dep_}"]
    return out


def _actor_slots(view: SentenceView, token, lemma: str) -> list[str]:
    """Which of the token's syntactic slots hold an actor: "subject holds an actor", "object of
    'on' holds an actor" ..."""
    heads = view.actor_heads
    out = []
    for child in token.children:
        if child.i in heads:
            out += [f"act={child.dep_}", f"l|act={lemma}|{child.dep_}"]
        if child.dep_ in ("prep", "agent"):
            for grand in child.children:
                if grand.i in heads:
                    out += [f"act=prep:{child.lower_}", f"l|act={lemma}|prep:{child.lower_}"]
    if token.i in heads:
        out.append("is_actor")
    return out or ["act=none"]


# ---------------------------------------------------------------- factuality and time

def context_features(view: SentenceView, token) -> list[str]:
    """What says whether the event at `token` happened, and when: negation, modals, conditions,
    the verbs it depends on (urged to, denied that, accused of), tense, dates in the sentence."""
    lemma = _lemma(token)
    f = [f"l={lemma}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}", f"tense={_morph(token, 'Tense')}",
         f"form={_morph(token, 'VerbForm')}"]
    f += _marks(token, "")
    for n, (dep, up) in enumerate(_ancestors(token, 4), 1):
        f += [f"up={dep}>{_lemma(up)}", f"up{n}={dep}>{_lemma(up)}", f"upd={dep}"]
        f += _marks(up, "up_")
    f.append(f"position={'first' if view.position == 0 else 'lead' if view.position < 4 else 'later'}")
    f += [f"cue={w}" for w in sorted(view.words & _CUES)]
    if view.tokens and view.tokens[-1].text == "?":
        f.append("question")
    f += _when(view)
    rule = view.rules_at.get(token.i)
    if rule is not None:
        f += [f"rule_future={rule.future}", f"rule_negated={rule.negated}", f"rule_governed={rule.governed}"]
        f += [f"rule_note={note.split(' ')[0]}" for note in rule.notes[:3]]
    return f


def factuality_features(view: SentenceView, token, kind: str | None = None) -> list[str]:
    """The context of the event at `token` (context_features), the frames around it (_frames) and
    the event's type, alone and with each frame: what the factuality model reads. What a frame does
    depends on the event ("threatened to attack": the attack is hypothetical; "threatened to
    expel", a COERCE, as often). And the clause that tells it (_scope): its modal, condition or
    negation with the word's place in it. The time model reads no frames (time_features): they
    cost it 0.006 of news date accuracy on folds 0-2."""
    frames = _frames(token)
    typed = [f"type={kind}"] + [f"type|{f}" for f in frames if f.startswith("frame=")] if kind else []
    return context_features(view, token) + frames + typed + _scope(token)


def time_features(view: SentenceView, token) -> list[str]:
    """What the time model reads: the context of the event at `token` (context_features), the tense
    and aspect of the clause that tells it and of the clause above (said | had struck), the dates
    that clause holds, how far into the article its sentence stands, and the dates of the
    sentences just before (a past episode is told over several sentences). On gold/ (held-out
    folds, asserted and planned mentions) they raise the time model's accuracy from 0.742 to
    0.758 on folds 0-2 and from 0.711 to 0.750 on folds 3-4."""
    verb = _clause_verb(token)
    f = context_features(view, token) + [f"aspect={_aspect(verb)}", f"own_aspect={_aspect(token)}"]
    above = _clause_verb(verb.head) if verb.head.i != verb.i else None
    if above is not None:
        f.append(f"aspect_above={_aspect(above)}|{_aspect(verb)}")
    f += [f"own_date={_distance(when, view.day)}" for when in _own_dates(view, verb)]
    f.append(f"depth={_bucket(view.position, (1, 4, 8, 16))}")
    f += sorted({f"earlier_date={_distance(when, view.day)}" for when in view.earlier})
    return f


def _clause_verb(token):
    """The verb whose clause tells of the event at `token`: itself, or the first verb above it
    ("the December announcement alarmed Ankara": alarmed)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _aspect(verb) -> str:
    """Tense and aspect of a verb from its auxiliaries: "had struck" pluperfect, "has struck"
    perfect, "will strike" or "could strike" modal, "is fighting" progressive, "struck" past,
    "strikes" present, else its tag. Pluperfect and perfect lean to background, progressive and
    present to news (annotation.md, section 5)."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if "had" in aux:
        return "pluperfect"
    if any(a in ("has", "have", "'ve", "'s") for a in aux) and verb.tag_ == "VBN":
        return "perfect" + ("_modal" if any(a in _MODALS for a in aux) else "")
    if any(a in _MODALS for a in aux):
        return "modal"
    if verb.tag_ == "VBG" and any(a in ("is", "are", "am", "was", "were") for a in aux):
        return "progressive_" + ("past" if any(a in ("was", "were") for a in aux) else "present")
    if verb.tag_ == "VBD" or any(a in ("was", "were", "did") for a in aux):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a in ("is", "are", "am", "do", "does") for a in aux):
        return "present"
    return verb.tag_ or "-"


def _own_dates(view: SentenceView, verb) -> list:
    """The sentence's dates that stand in the clause of `verb`: their way up the parse reaches it
    before any other verb."""
    out = []
    for when in view.dates:
        span = view.parsed.char_span(when.start, when.end, alignment_mode="expand")
        if span is None:
            continue
        current = span.root
        while current.i != verb.i and current.head.i != current.i and current.head.pos_ not in ("VERB", "AUX"):
            current = current.head
        if current.i == verb.i or current.head.i == verb.i:
            out.append(when)
    return out


def _bucket(value: int, bounds: tuple[int, ...]) -> str:
    """The first bound `value` stays under, as "<8"; past the last, ">=16"."""
    return next((f"<{b}" for b in bounds if value < b), f">={bounds[-1]}")


def _frames(token) -> list[str]:
    """The kinds of frame around the event's word (_FRAMES): of the words it depends on, up to three
    steps, and of their negations and qualifiers; the qualifiers of the word itself and of its
    object ("received no help")."""
    out = []
    for child in token.children:
        if child.lower_ in _QUALIFIERS and child.dep_ in ("amod", "advmod", "det", "neg"):
            out += [f"qual={child.lower_}", f"qual_frame={_FRAME_OF.get(_lemma(child), '-')}"]
        elif child.dep_ in ("dobj", "nsubjpass", "attr"):
            out += [f"obj_qual={g.lower_}" for g in child.children if g.dep_ == "det" and g.lower_ == "no"]
    for n, (dep, up) in enumerate(_ancestors(token, 3), 1):
        kind = _FRAME_OF.get(_lemma(up)) or _FRAME_OF.get(up.lower_)
        if kind:
            out += [f"frame={kind}", f"frame{min(n, 2)}={kind}", f"frame|dep={kind}|{dep}"]
        out += [f"up_qual={c.lower_}" for c in up.children if c.lower_ in _QUALIFIERS and c.dep_ in ("advmod", "neg")]
    return out


# What a modal says of the event its verb tells: "could, might, may, can" a possibility, "would" a
# consequence or a condition's outcome, "should, must" an obligation, "will, shall" a plan or a
# forecast ("wo" and "ca" are the parser's "won't" and "can't").
_MODAL_KIND = {"could": "could", "might": "could", "may": "could", "can": "could", "ca": "could",
               "would": "would", "should": "should", "must": "should", "ought": "should",
               "will": "will", "'ll": "will", "shall": "will", "wo": "will"}
# The word's place in the clause of its verb: what the clause says of it depends on it ("could
# order more airstrikes", "a full-scale assault could lead to": the airstrikes, the assault are
# possibilities; "refugees could face the assault of": the assault is told as it is).
_PLACE = {"nsubj": "subj", "nsubjpass": "subj", "csubj": "subj", "dobj": "obj", "attr": "obj", "oprd": "obj",
          "dative": "obj", "xcomp": "comp", "ccomp": "comp", "advcl": "advcl", "prep": "prep", "agent": "prep"}


def _scope(token) -> list[str]:
    """How the clause that tells the event at `token` is told, with the word's place in it: the
    modal, negation, condition or infinitive of the clause's verb (the word itself, or the verb it
    is an argument of), alone and with the kind of word that governs that clause ("said it would",
    "hoped to"). One feature for one reading, where the word-by-word features spread it over many:
    "could attack", "could order airstrikes" and "an assault could lead to" are all possibilities."""
    verb = _clause_verb(token)
    arm = token
    while arm.i != verb.i and arm.head.i != verb.i:
        arm = arm.head
    place = "self" if verb.i == token.i else _PLACE.get(arm.dep_, "other")
    marks = _clause_marks(verb) or ["plain"]
    out = [f"scope={m}|{place}" for m in marks]
    first = verb.head if verb.dep_ == "conj" else verb   # "will invade and destroy": invade's clause
    if first.head.i != first.i:
        upper = _clause_verb(first.head)
        lemma = _lemma(upper)
        kind = _FRAME_OF.get(lemma) or ("say" if lemma in _SAYING else "-")
        out += [f"scope_above={kind}|{m}" for m in marks]
        out += [f"above={m}" for m in _clause_marks(upper)]
    return out


def _clause_marks(verb) -> list[str]:
    """What the verb of a clause says of its event: its modal's kind, negation, a condition ("if",
    "unless", "whether"), an infinitive ("to"), a bare gerund. A verb joined to another ("will invade
    and destroy") shares the first one's auxiliaries."""
    own = list(verb.children)
    if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass", "neg") for c in own):
        own += [c for c in verb.head.children if c.dep_ in ("aux", "auxpass", "neg")]
    out = []
    for child in own:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _MODAL_KIND:
            out.append(_MODAL_KIND[child.lower_])
        elif child.dep_ in ("aux", "auxpass") and child.lower_ == "to":
            out.append("to")
        elif negates(child):
            out.append("neg")
        elif child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            out.append("if")
    if verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in own):
        out.append("ing")
    return sorted(set(out))


def _when(view: SentenceView) -> list[str]:
    """The sentence's time words, set against the document's date: a year before it, a month
    other than its own; and the dates the date rules read, by how far from the document's date."""
    out = []
    day = view.day
    for when in view.dates:
        out.append(f"date={when.rule}|{_distance(when, day)}")
    for t in view.tokens:
        if _YEAR.match(t.text):
            out.append("year" if day is None else "year_before" if int(t.text) < day.year else "year_same")
        elif t.lower_ in _MONTHS and t.pos_ == "PROPN":
            same = day is not None and t.lower_ == dates.MONTH_NAMES[day.month - 1]
            out.append("month_same" if same else "month_other")
        elif t.lower_ in _WEEKDAYS:
            out.append("weekday")
    return out


def _distance(when, day) -> str:
    if day is None or when.future:
        return "future" if when.future else "unknown"
    value = date.fromisoformat((when.value + "-01-01")[:10])
    if when.precision == "year":
        return "this_year" if value.year == day.year else "years_before"
    if when.precision == "month":
        same = (value.year, value.month) == (day.year, day.month)
        return "this_month" if same else "months_before"
    days = (day - value).days
    return "week" if days <= 7 else "weeks_before" if days <= 60 else "months_before"


def _marks(token, prefix: str) -> list[str]:
    out = []
    for child in token.children:
        if negates(child):
            out.append(f"{prefix}neg")
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
            out.append(f"{prefix}modal={child.lower_}")
        elif child.dep_ in ("aux", "auxpass"):
            out.append(f"{prefix}aux={_lemma(child)}")
        elif child.dep_ == "mark":
            out.append(f"{prefix}mark={child.lower_}")
    return out


# ---------------------------------------------------------------- roles

def path(view: SentenceView, a, b) -> tuple[list[str], list[str]]:
    """The dependency path from token a up to the lowest common ancestor and down to token b:
    the labels on the way up and on the way down (a preposition's own word included). Found
    once per pair of tokens of a sentence (the choices ask for the same pairs again)."""
    key = (a.i, b.i)
    if key not in view.paths:
        view.paths[key] = _path(view, a.i, b.i)
    return view.paths[key]


def _path(view: SentenceView, a: int, b: int) -> tuple[list[str], list[str]]:
    up_a, up_b = _up(view.heads, a), _up(view.heads, b)
    ids_b = {t: n for n, t in enumerate(up_b)}
    labels = view.path_labels
    for n, t in enumerate(up_a):
        if t in ids_b:
            return [labels[x] for x in up_a[:n]], [labels[x] for x in reversed(up_b[:ids_b[t]])]
    return [labels[x] for x in up_a], ["?"]


def _up(heads: list[int], i: int, depth: int = 40) -> list[int]:
    """A token and its ancestors, up to `depth` steps."""
    out = [i]
    for _ in range(depth):
        if heads[i] == i:
            break
        i = heads[i]
        out.append(i)
    return out


def role_features(view: SentenceView, token, actor: ActorCandidate) -> list[str]:
    """An actor phrase as it stands to the event at `token` (the dependency path between them, the
    phrase's kind, the patterns' roles): what the source and target choices read of every phrase."""
    lemma = _lemma(token)
    head = view.tokens[actor.head]
    up, down = path(view, token, head)
    route = "^".join(up) + "|" + "v".join(down)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    found = actor.found
    side = "before" if head.i < token.i else "after"
    f = [f"path={route}", f"l|path={lemma}|{route}", f"len={min(len(up) + len(down), 6)}",
         f"side={side}", f"hdep={head.dep_}", f"hdep|pass={head.dep_}|{passive}",
         f"p={token.pos_}", f"pass={passive}", f"arule={found.rule}", f"sector={found.actor.sector or '-'}",
         f"coded={bool(found.actor.code)}", f"down={'v'.join(down[:2])}", f"up={'^'.join(up[:2])}"]
    # What the phrase is: a name or an agent word ("police", "rebels") heads an actor; a thing a
    # country modifies ("a summit in Tehran", "US backing", "Iraq's elections") rarely acts.
    f += [f"ahead={_lemma(head)}", f"apos={head.pos_}", f"afound={found.actor.how}",
          f"apos|found={head.pos_}|{found.actor.how}", f"aperson={found.is_person}",
          f"gap={_gap(token, head, side, view.actor_heads)}"]
    if head.dep_ == "pobj":
        f.append(f"prep={head.head.lower_}")
        f.append(f"l|prep={lemma}|{head.head.lower_}")
    rule = view.rules_at.get(token.i)
    if rule is not None:
        in_source = any(s.start == found.start and s.end == found.end for s in rule.sources)
        in_target = any(t.start == found.start and t.end == found.end for t in rule.targets)
        f += [f"rule_role={'source' if in_source else 'target' if in_target else 'none'}"]
    else:
        f.append("rule_role=norule")
    return f


# ---------------------------------------------------------------- targets, given the source

# The slots of an event's word that may hold its target: the object, the indirect object, a
# preposition's object, a passive subject, a governed clause.
_TARGET_SLOTS = frozenset({"dobj", "dative", "prep", "agent", "nsubjpass", "xcomp", "ccomp"})


def target_features(view: SentenceView, token, actor: ActorCandidate, source: ActorCandidate | None,
                    kind: str | None) -> list[str]:
    """An actor phrase as the target of the event at `token` whose source is `source`: its role
    features, and how it stands to the source. The source's partner ("X and Y
    attacked Z", "X, backed by Y, attacked Z") or a phrase holding it is seldom its target."""
    f = role_features(view, token, actor)
    if kind:
        # Where the target stands depends on the kind of event as much as on its word.
        up, down = path(view, token, view.tokens[actor.head])
        side = "before" if actor.head < token.i else "after"
        f += [f"type={kind}", f"type|path={kind}|{'^'.join(up)}|{'v'.join(down)}",
              f"type|down={kind}|{'v'.join(down[:2])}", f"type|side={kind}|{side}"]
    if source is None:
        return f + ["src=none"]
    head, source_head = view.tokens[actor.head], view.tokens[source.head]
    partner = actor.head == source.head or head.i in {t.i for t in source_head.conjuncts}
    overlap = actor.found.start < source.found.end and source.found.start < actor.found.end
    key = source.found.actor.key
    up, down = path(view, source_head, head)
    f += [f"src_partner={partner}", f"src_overlap={overlap}", f"src_samekey={bool(key) and key == actor.key}",
          f"src_side={'before' if head.i < source_head.i else 'after'}",
          f"srcpath={'^'.join(up[:3])}|{'v'.join(down[:3])}",
          f"srcpath|l={_lemma(token)}|{'^'.join(up[:2])}|{'v'.join(down[:2])}"]
    return f


def no_target_features(view: SentenceView, token, source: ActorCandidate | None, kind: str | None,
                       options: int) -> list[str]:
    """"No target" as an option of the choice: a withdrawal, a mobilisation, a protest most often
    have none, an attack rarely; a word whose object or preposition is filled more often has one."""
    lemma = _lemma(token)
    rule = view.rules_at.get(token.i)
    slots = sorted({c.dep_ if c.dep_ not in ("prep", "agent") else f"{c.dep_}:{c.lower_}" for c in token.children
                    if c.dep_ in _TARGET_SLOTS})
    ruled = "norule" if rule is None else "target" if rule.targets else "notarget"
    return (["NONE", f"NONE|type={kind}", f"NONE|l={lemma}", f"NONE|pos={token.pos_}", f"NONE|dep={token.dep_}",
             f"NONE|slots={'+'.join(slots[:3]) or '-'}", f"NONE|src={source is not None}",
             f"NONE|n={min(options, 5)}", f"NONE|rule={ruled}"]
            + [f"NONE|slot={slot}" for slot in slots])


def _gap(token, head, side: str, actor_heads: frozenset[int]) -> str:
    """How near the actor is to the event's word: the nearest actor on its side, or not."""
    low, high = sorted((token.i, head.i))
    between = sum(1 for i in actor_heads if low < i < high)
    return f"{'near' if between == 0 else 'far'}|{side}"


# ---------------------------------------------------------------- sources

def source_features(view: SentenceView, token, actor: ActorCandidate, kind: str | None) -> list[str]:
    """An actor phrase as the source of the event at `token`, against the sentence's other phrases
    and "no source": its role features, with the event's type (who does an attack
    stands where the attacker stands, who is accused where the accuser does not), and how the
    phrase was found (a pronoun, the possessive "its", a name met earlier)."""
    f = role_features(view, token, actor)
    found = actor.found
    f += [f"how={found.rule}", f"how|side={found.rule}|{'before' if actor.head < token.i else 'after'}"]
    if kind:
        up, down = path(view, token, view.tokens[actor.head])
        side = "before" if actor.head < token.i else "after"
        f += [f"type={kind}", f"type|path={kind}|{'^'.join(up)}|{'v'.join(down)}",
              f"type|down={kind}|{'v'.join(down[:2])}", f"type|side={kind}|{side}",
              f"type|sector={kind}|{found.actor.sector or '-'}"]
    return f


# The slots of an event's word that may hold its source: the subject, the agent of a passive, a
# possessive ("Russia's invasion"), a compound or adjective ("US strikes", "Turkish shelling").
_SOURCE_SLOTS = frozenset({"nsubj", "agent", "poss", "compound", "amod", "nsubjpass", "csubj"})


def no_source_features(view: SentenceView, token, kind: str | None, options: int) -> list[str]:
    """"No source" as an option of the choice: an event told in the passive without its doer ("three
    soldiers were killed"), a noun without a possessor ("the attack on ...") most often has none; a
    verb with a subject rarely."""
    lemma = _lemma(token)
    rule = view.rules_at.get(token.i)
    slots = sorted({c.dep_ for c in token.children if c.dep_ in _SOURCE_SLOTS})
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    ruled = "norule" if rule is None else "source" if rule.sources else "nosource"
    return (["NOSRC", f"NOSRC|type={kind}", f"NOSRC|l={lemma}", f"NOSRC|pos={token.pos_}", f"NOSRC|dep={token.dep_}",
             f"NOSRC|slots={'+'.join(slots[:3]) or '-'}", f"NOSRC|pass={passive}", f"NOSRC|type|pass={kind}|{passive}",
             f"NOSRC|n={min(options, 5)}", f"NOSRC|rule={ruled}"]
            + [f"NOSRC|slot={slot}" for slot in slots])


# ---------------------------------------------------------------- the choices' options

Options = list[tuple[list[str], numpy.ndarray]]


def source_options(view: SentenceView, token, actors: list[ActorCandidate], kind: str | None,
                   before: Sequence[earlier.EarlierActor] = ()) -> Options:
    """The options of the source choice, as trained and as decided: each actor phrase that may
    have done the event, each actor named before the sentence (earlier.EarlierActor), then "no
    source"."""
    options = [(source_features(view, token, a, kind), dense(view, a.head)) for a in actors]
    options += [(earlier.features(a, n, kind), nothing(view)) for n, a in enumerate(before)]
    return options + [(no_source_features(view, token, kind, len(actors)), nothing(view))]


def target_options(view: SentenceView, token, others: list[ActorCandidate], source: ActorCandidate | None,
                   kind: str | None) -> Options:
    """The options of the target choice given the source: each other actor phrase, then "no target"."""
    options = [(target_features(view, token, a, source, kind), dense(view, a.head)) for a in others]
    return options + [(no_target_features(view, token, source, kind, len(others)), nothing(view))]
