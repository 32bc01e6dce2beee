"""Dictionary phrases split into tokens exactly as spaCy's English tokenizer splits them, without
importing spaCy: the import alone takes most of a second, longer than building the whole index.

spaCy splits a text at spaces, then each chunk between spaces: a special case first (an
abbreviation such as "Jr.", a contraction such as "don't"), else prefixes and suffixes are cut off
its ends ("(", "'s", a final "."), then what is left is split at infixes (a hyphen or a slash
between letters); last, special cases are looked for again among all the tokens of the text.
`split` takes the same steps (the functions below follow spaCy's tokenizer.pyx), with spaCy's
rules restricted to the characters dictionary phrases are made of: Latin letters, digits and
' - . , ( ) & / +. It gives up (returns None, and the caller asks spaCy) on any other character,
on a URL-like dot, and on a chunk that may meet a special case whose split it does not know
(contractions, clock times, emoticons).

tests/actors/test_tokenizer.py checks every rule and table here against the installed spaCy, and
the split of every built-in phrase and of thousands of made-up ones against spaCy's own.
"""
from __future__ import annotations

import re

# Latin letters. spaCy's letter classes (ALPHA, ALPHA_UPPER, ALPHA_LOWER) hold all of them and agree
# with Python on which are upper and lower case; other scripts are left to spaCy.
_LATIN = "".join(chr(c) for low, high in ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
                 for c in range(low, high + 1))
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
ALPHA = UPPER + LOWER
PUNCTUATION = "'-.,()&/+"

_CHUNK = re.compile(rf"[{ALPHA}0-9{re.escape(PUNCTUATION)}]+")
_WORD = re.compile(rf"[{ALPHA}]+")
_PUNCTUATED = re.compile(f"[{re.escape(PUNCTUATION)}]")
# A dot before a small letter or a digit may be a URL or an IP address ("x.com"): spaCy keeps those whole.
_URL_LIKE = re.compile(rf"\.[{LOWER}0-9]")

# spaCy's units with Latin letters: a unit after a number is a suffix ("10km" -> "10" "km").
UNITS = "km m dm cm mm ha nm yd in ft kg g mg t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K"

# spaCy's English prefixes, suffixes and infixes (lang/punctuation.py), on the characters above.
_PREFIX = re.compile(r"\+(?![0-9])|[,()&']|\.\.+")
_SUFFIX = re.compile("(?:" + "|".join([
    r"[,()&']",                                     # punctuation and quotes
    r"\.\.+",                                       # an ellipsis
    r"'s|'S",
    r"(?<=[0-9])\+",
    r"(?<=[0-9])(?:{})".format("|".join(map(re.escape, UNITS.split()))),
    rf"(?<=[0-9{LOWER}\-+,()&'])\.",                # a final dot after a small letter ("Sr.")...
    rf"(?<=[{UPPER}][{UPPER}])\.",                  # ...or after two capitals ("UN."), not "J."
]) + ")$")
_INFIX = re.compile("|".join([
    r"\.\.+",
    r"(?<=[0-9])[+\-](?=[0-9-])",                   # "20-30"
    rf"(?<=[{LOWER}',])\.(?=[{UPPER}',])",          # "end.Start"
    rf"(?<=[{ALPHA}]),(?=[{ALPHA}])",
    rf"(?<=[{ALPHA}0-9])(?:-|--|---)(?=[{ALPHA}])",  # "al-Assad", not "G-20"
    rf"(?<=[{ALPHA}0-9])/(?=[{ALPHA}])",
]))

# Special cases known exactly: spaCy keeps these abbreviations whole, where its rules would cut
# the final dot off ("Jr." stays, "Sr." splits).
ABBREVIATIONS = frozenset("""
    Adm. Ak. Ala. Apr. Ariz. Ark. Aug. Bros. Calif. Co. Colo. Conn. Corp. Dec. Del. Dr. Feb. Fla.
    Ga. Gen. Gov. Ia. Id. Ill. Inc. Ind. Jan. Jr. Jul. Jun. Kan. Kans. Ky. La. Ltd. Mar. Mass. Md.
    Messrs. Mich. Minn. Miss. Mo. Mont. Mr. Mrs. Ms. Mt. Neb. Nebr. Nev. Nov. Oct. Okla. Ore. Pa.
    Prof. Rep. Rev. Sen. Sep. Sept. St. Tenn. Va. Wash. Wis. co. vs.
    a. b. c. d. e. f. g. h. i. j. k. l. m. n. o. p. q. r. s. t. u. v. w. x. y. z. ä. ö. ü.
""".split())

# Special cases not known exactly, matched loosely (lowercased, more than spaCy has): a chunk
# that may meet one is left to spaCy. Contractions, with or without the apostrophe ("dont" ->
# "do" "nt", "y'all" -> "y'" "all")...
_PRONOUNS = "you|he|she|it|we|they|that|this|these|those|there|who|what|when|where|why|how"
_CONTRACTION = re.compile(rf"""
    (?: (?:ai|are|ca|could|dare|did|does|do|had|has|have|is|may|might|must|need|ought|sha|should
          |was|were|wo|would)n'?t
      | i'?(?:d|ll|m|ma)
      | (?:{_PRONOUNS})'?(?:d|ll|re|s)
      | (?:i|{_PRONOUNS}|could|might|must|should|would|not)(?='?ve)
    ) (?:'?(?:ve|y))?
    | cannot | gonna | gotta | y'?all | c'?mon
""", re.VERBOSE)
# ...clock times ("10am" -> "10" "am")...
_TIME = re.compile(r"[0-9]+[ap]\.?m\.?")
# ...words after a leading apostrophe ("'s", "'cause"), before a final one ("doin'")...
_AFTER_QUOTE = frozenset(["'", "s", "d", "ll", "re", "em", "nuff", "bout", "cause", "cos", "coz", "cuz"])
_BEFORE_QUOTE = frozenset(["doin", "goin", "havin", "lovin", "nothin", "nuthin", "somethin", "ol"])
# ...and the rest: abbreviations that do not split the usual way, emoticons.
_ODD = frozenset(["e.g.", "i.e.", "a.m.", "p.m.", "v.s.", "ph.d.", "and/or", "w/o", "8)", "8-)", "8-d", "(-8", "o.o"])
# No special case made of the characters above is longer.
LONGEST = 12


class Unsure(Exception):
    """The text may meet a special case whose split only spaCy knows."""


def split(phrase: str) -> list[str] | None:
    """spaCy's tokens of the phrase, or None where only spaCy can tell them."""
    chunks = phrase.split(" ")
    if not all(_CHUNK.fullmatch(chunk) and not _URL_LIKE.search(chunk) for chunk in chunks):
        return None   # another character (another space too), two spaces in a row, a URL
    try:
        tokens = [token for chunk in chunks for token in _chunk(chunk)]
        if _PUNCTUATED.search(phrase):
            _check_runs(tokens)
    except Unsure:
        return None
    return tokens


def _chunk(chunk: str) -> list[str]:
    if _WORD.fullmatch(chunk):   # most chunks: one word of letters, one token unless a contraction
        return special(chunk) or [chunk]
    tokens = special(chunk)
    if tokens:
        return tokens
    prefixes: list[str] = []
    suffixes: list[str] = []
    core = _split_affixes(chunk, prefixes, suffixes)
    return prefixes + _split_infixes(core) + suffixes[::-1]


def special(text: str) -> list[str] | None:
    """The tokens of a special case; None if the text is none. Raises Unsure if it may be one."""
    if text in ABBREVIATIONS:
        return [text]
    if not text:
        return None
    low = text.lower()
    if (_CONTRACTION.fullmatch(low) or _TIME.fullmatch(low) or low in _ODD
            or (low[0] == "'" and low[1:] in _AFTER_QUOTE) or (low[-1] == "'" and low[:-1] in _BEFORE_QUOTE)):
        raise Unsure(text)
    return None


def _split_affixes(text: str, prefixes: list[str], suffixes: list[str]) -> str:
    """Cut prefixes and suffixes off both ends, stopping at a special case (spaCy's _split_affixes)."""
    last = 0
    while text and len(text) != last:
        if special(text):
            break
        last = len(text)
        found = _PREFIX.match(text)
        pre = found.end() if found else 0
        if pre and special(text[pre:]):
            prefixes.append(text[:pre])
            return text[pre:]
        found = _SUFFIX.search(text[pre:])
        suf = found.end() - found.start() if found else 0
        if suf and special(text[:-suf]):
            suffixes.append(text[-suf:])
            return text[:-suf]
        if pre and suf and pre + suf <= len(text):
            prefixes.append(text[:pre])
            suffixes.append(text[-suf:])
            text = text[pre:-suf]
        elif pre:
            prefixes.append(text[:pre])
            text = text[pre:]
        elif suf:
            suffixes.append(text[-suf:])
            text = text[:-suf]
    return text


def _split_infixes(text: str) -> list[str]:
    """The core left between the affixes, split at infixes (spaCy's _attach_tokens)."""
    if not text:
        return []
    tokens = special(text)
    if tokens:
        return tokens
    tokens = []
    start = 0
    for found in _INFIX.finditer(text):
        if found.start() == 0:   # an infix at the very start is no split
            continue
        if found.start() != start:
            tokens.append(text[start:found.start()])
        tokens.append(found.group())
        start = found.end()
    if text[start:]:
        tokens.append(text[start:])
    return tokens


def _check_runs(tokens: list[str]) -> None:
    """spaCy looks for special cases again among the tokens of the whole text, across spaces too
    (its _apply_special_cases: "x-Jr." is cut into "x" "-" "Jr" ".", and "Jr" "." are joined back),
    and a run it finds there may keep another from being joined: give up where a run may be one.
    (`split` skips this for a phrase without punctuation: the runs it could find all hold some.)"""
    for start in range(len(tokens) - 1):
        text = tokens[start]
        for token in tokens[start + 1:]:
            text += token
            if len(text) > LONGEST:
                break
            if special(text):
                raise Unsure(text)
