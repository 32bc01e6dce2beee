"""Every verb lemma of the pattern dictionary must come back from its regular inflections
through the parser (with the corrections of lemmas.tsv): otherwise its patterns never fire."""
import re

from dragoman.events import patterns
from dragoman.events.match import _lemma
from dragoman.nlp import pipeline


def _inflections(lemma: str) -> list[str]:
    if re.search(r"[^aeiou]y$", lemma):
        return [lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"]
    if lemma.endswith("ee"):
        return [lemma + "d", lemma + "s", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma + "d", lemma + "s", lemma[:-1] + "ing"]
    if lemma.endswith("o"):
        return [lemma + "ed", lemma + "es", lemma + "ing"]
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        return [lemma + "ed", lemma + "es", lemma + "ing"]
    return [lemma + "ed", lemma + "s", lemma + "ing"]


# Verbs whose past is not "-ed": their regular-looking forms are not English.
_IRREGULAR = frozenset({"fly", "lay", "pay", "say", "slay", "buy", "sell", "tell", "hold", "lead", "meet", "send", "lend",
                        "spend", "build", "feel", "keep", "leave", "seek", "teach", "bring", "think", "fight", "catch"})


def _doubles(lemma: str) -> bool:
    """Verbs that double their last consonant ("ban" -> "banned"): the simple rule below misspells them."""
    return bool(re.search(r"(^|[^aeiou])[aeiou][bdgklmnprtv]$", lemma)) and not re.search(r"(en|on|er|it|et|al|el)$", lemma)


def test_verb_lemmas_come_back_from_their_inflections():
    # Words whose regular inflections are not English (irregular verbs, doubled consonants) are
    # left out: the parser gets their real forms right.
    lemmas = [lemma for lemma in patterns.builtin().verbs if lemma.isalpha() and not _doubles(lemma)
              and lemma not in _IRREGULAR]
    cases = [(lemma, form, f"The officials {form} the group.") for lemma in lemmas for form in _inflections(lemma)]
    wrong = []
    for (lemma, form, _), doc in zip(cases, pipeline().pipe([c[2] for c in cases], batch_size=256)):
        token = doc[2]
        if token.pos_ == "VERB" and _lemma(token) != lemma:
            wrong.append(f"{form}: parser says {token.lemma_}, patterns want {lemma}")
    assert not wrong, "add these to events/data/lemmas.tsv:\n" + "\n".join(wrong)


def test_lemma_fixes_apply():
    doc = pipeline()("Iranian students staged a protest and the court fined them.")
    assert _lemma(doc[2]) == "stage" and _lemma(doc[8]) == "fine"
