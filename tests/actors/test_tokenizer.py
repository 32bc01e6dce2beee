"""Phrases split without spaCy (actors/tokenizer.py) split exactly as spaCy splits them: every
built-in phrase, thousands of made-up ones, and every rule and table checked against spaCy's own,
so the built-in index is the one spaCy's tokenizer gives, without importing spaCy."""
from __future__ import annotations

import random
import re

import pytest

from dragoman import nlp
from dragoman.actors import kb as kbmod
from dragoman.actors import tokenizer


@pytest.fixture(scope="module")
def spacy_tokenizer():
    return nlp._splitter().tokenizer


@pytest.fixture(scope="module")
def rules_only(spacy_tokenizer):
    """spaCy's tokenizer without its special cases: what its prefix, suffix and infix rules do."""
    from spacy.tokenizer import Tokenizer

    tok = spacy_tokenizer
    plain = Tokenizer(tok.vocab, rules={}, prefix_search=tok.prefix_search, suffix_search=tok.suffix_search,
                      infix_finditer=tok.infix_finditer, token_match=tok.token_match, url_match=tok.url_match)
    return lambda text: [t.text for t in plain(text)]


@pytest.fixture(scope="module")
def special_cases(spacy_tokenizer) -> dict[str, list[str]]:
    """spaCy's special cases made of the characters the tokenizer handles, with their tokens."""
    from spacy.attrs import ORTH

    return {key: [piece[ORTH] for piece in pieces] for key, pieces in spacy_tokenizer.rules.items()
            if tokenizer._CHUNK.fullmatch(key)}


def builtin_phrases(monkeypatch) -> list[str]:
    seen: list[str] = []
    key = kbmod.phrase_key
    monkeypatch.setattr(kbmod, "phrase_key", lambda phrase: seen.append(phrase) or key(phrase))
    kbmod._load_folders([kbmod.data_dir()])
    return sorted(set(seen))


def test_every_builtin_phrase_splits_without_spacy_as_spacy_splits_it(monkeypatch):
    phrases = builtin_phrases(monkeypatch)
    assert len(phrases) > 10000
    left_to_spacy = [phrase for phrase in phrases if tokenizer.split(phrase) is None]
    assert not left_to_spacy, "a built-in phrase needs spaCy: a cold build would import it"
    differ = [(phrase, tokenizer.split(phrase), nlp.tokenize(phrase)) for phrase in phrases
              if tokenizer.split(phrase) != nlp.tokenize(phrase)]
    assert not differ


def test_the_index_built_without_spacy_equals_the_one_built_with_it(monkeypatch):
    fast = kbmod._load_folders([kbmod.data_dir()])
    monkeypatch.setattr(tokenizer, "split", lambda phrase: None)   # every phrase through spaCy
    slow = kbmod._load_folders([kbmod.data_dir()])
    assert fast.phrases == slow.phrases
    assert fast == slow


@pytest.mark.parametrize("phrase,tokens", [
    ("George Bush Sr.", ["George", "Bush", "Sr", "."]),
    ("John G. Roberts Jr.", ["John", "G.", "Roberts", "Jr."]),
    ("Cocos (Keeling) Islands", ["Cocos", "(", "Keeling", ")", "Islands"]),
    ("Kurdistan Workers' Party", ["Kurdistan", "Workers", "'", "Party"]),
    ("People's Republic of China", ["People", "'s", "Republic", "of", "China"]),
    ("al-Qa'ida", ["al", "-", "Qa'ida"]),
    ("G-20", ["G-20"]),
    ("HIV/AIDS", ["HIV", "/", "AIDS"]),
    ("UN.", ["UN", "."]),
])
def test_examples(phrase, tokens):
    assert tokenizer.split(phrase) == tokens == nlp.tokenize(phrase)


@pytest.mark.parametrize("phrase", ["dont", "Cannot", "y'all", "10am", "8)", "and/or", "doin'", "'s",
                                    "x.com", "Ankara\tIstanbul", "two  spaces", "Москва", "x-Mr."])
def test_what_it_cannot_be_sure_of_is_left_to_spacy(phrase):
    assert tokenizer.split(phrase) is None
    assert kbmod.phrase_tokens(phrase) == nlp.tokenize(phrase)


# ---------------------------------------------------------------- its rules and tables are spaCy's

def test_its_letters_are_spacys_letters_of_the_same_case():
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, ALPHA_UPPER

    alpha, upper, lower = (re.compile(f"[{chars}]") for chars in (ALPHA, ALPHA_UPPER, ALPHA_LOWER))
    for letter in tokenizer.ALPHA:
        assert alpha.match(letter), letter
        assert bool(upper.match(letter)) == letter.isupper(), letter
        assert bool(lower.match(letter)) == letter.islower(), letter


def test_its_units_are_spacys_units_on_its_characters():
    from spacy.lang.char_classes import UNITS

    theirs = {unit for unit in UNITS.split("|") if tokenizer._CHUNK.fullmatch(unit)}
    assert set(tokenizer.UNITS.split()) == theirs


def made_up(seed: int, count: int, parts: list[str]) -> list[str]:
    """Random strings of the tokenizer's characters, dense in the places where rules meet."""
    chance = random.Random(seed)
    letters = "aeixyzsrnAEIXYZSRNéÉßİıñ"

    def part() -> str:
        pick = chance.random()
        if pick < 0.35:
            return "".join(chance.choice(letters) for _ in range(chance.choice([1, 1, 2, 3, 5])))
        if pick < 0.6:
            return chance.choice(tokenizer.PUNCTUATION)
        if pick < 0.7:
            return chance.choice(["1", "7", "10", "12", "2020"])
        return chance.choice(parts)

    return [" ".join("".join(part() for _ in range(chance.choice([1, 2, 3, 4, 6])))
                     for _ in range(chance.choice([1, 1, 2, 3]))) for _ in range(count)]


@pytest.fixture(scope="module")
def parts(special_cases) -> list[str]:
    return sorted(special_cases) + tokenizer.UNITS.split() + ["am", "pm", "th", "s", "'s", "Sr", "UN"]


def test_its_prefixes_suffixes_and_infixes_are_spacys(spacy_tokenizer, parts):
    tok = spacy_tokenizer
    for text in made_up(1, 20000, parts):
        text = text.replace(" ", "")
        prefix = tokenizer._PREFIX.match(text)
        theirs = tok.prefix_search(text)
        assert (prefix.end() if prefix else 0) == (theirs.end() - theirs.start() if theirs else 0), text
        suffix = tokenizer._SUFFIX.search(text)
        theirs = tok.suffix_search(text)
        assert (suffix.span() if suffix else None) == (theirs.span() if theirs else None), text
        assert [m.span() for m in tokenizer._INFIX.finditer(text)] == [m.span() for m in tok.infix_finditer(text)], text
        if not tokenizer._URL_LIKE.search(text):
            assert not tok.url_match(text), text
    assert tok.token_match is None


def test_every_special_case_it_may_meet_is_known_or_left_to_spacy(special_cases, rules_only):
    """A special case whose tokens differ from what the rules give must be known exactly (the
    abbreviations) or make the tokenizer give up; those the rules split all hold punctuation."""
    for key, tokens in special_cases.items():
        assert len(key) <= tokenizer.LONGEST
        if tokens == rules_only(key):
            continue
        try:
            assert tokenizer.special(key) == tokens, key
        except tokenizer.Unsure:
            pass
        if len(rules_only(key)) > 1:
            assert tokenizer._PUNCTUATED.search(key), key


def test_its_abbreviations_are_spacys(special_cases, rules_only):
    assert all(special_cases.get(word) == [word] != rules_only(word) for word in tokenizer.ABBREVIATIONS)


def test_made_up_phrases_split_as_spacy_splits_them(parts):
    phrases = made_up(2, 30000, parts)
    split = [(phrase, tokenizer.split(phrase)) for phrase in phrases]
    done = [(phrase, tokens) for phrase, tokens in split if tokens is not None]
    assert len(done) > len(phrases) / 3, "the test should not pass by leaving everything to spaCy"
    assert [(phrase, tokens) for phrase, tokens in done if tokens != nlp.tokenize(phrase)] == []
