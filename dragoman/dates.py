"""Event dates from the sentence text and the document date (regex + datetime, no model).

find_dates() resolves every date expression in a sentence against the document date `ref`, by
news conventions: a bare weekday is the latest such day on or before `ref` (the same day counts),
"last Thursday" is strictly before, and "next ..." or a future-tense sentence (the caller saw
"will", "is expected to" ...) points forward. Explicit dates never need `ref`; the relative ones
are returned only with `ref`, and unresolved_expressions() names them.

Choices worth knowing:
- Precision is day, month or year only: "last week"/"next week" give the day 7 days before/after
  the document date, and "the weekend" its Saturday (rule "relative-period").
- Relative expressions keep their leading "on"/"in" in `text` ("on Wednesday"); explicit dates
  do not ("September 29, 2021").
- Month names must be capitalised; abbreviations ("Jan", "Sept.") count only with a day or year
  ("Jan Kubis" is no date). "May" alone needs in/early/mid/late/last/next/this before it: "on"
  is not enough, as "pressure on May" is about Theresa May.
- A bare 1900-2099 number is a year only in a date context (see _year_context): after in, since
  ..., before a noun a year often dates ("election"), after a possessive; or between an article
  and a word that is not a plural, a unit or a count's ("the 1994 genocide", not "the 2000
  soldiers"), a year that dates only its own phrase (rule "year-qualifier", _year_qualifier).
- Day/month numbers other than ISO (03/02/2021) are ambiguous between US and European order and
  are not read; with dots (29.09.2021) they are always day, month, year. Decades ("the 1990s")
  give no value.
- A season after in/during/last/this/next ("in the autumn", "last summer") is dated to its year,
  as gold dates spans of months; "the Arab spring" and "the fall of Raqqa" are no seasons.
- "on Tuesday last week" is the Tuesday of the previous Monday-to-Sunday week; "two hours ago"
  is the document date, "48 hours ago" two days before it, "a fortnight ago" 14 days before.
- An interval dates what follows it (rule "interval"): "seven years after expelling it" is 2015
  in a 2022 article. It is counted from the date the sentence gives before it, at that date's
  precision ("In 2014, a year after Isis seized Mosul": 2013), else from the document's; "a day
  before" only from a date the sentence gives. Days are dated to the day, weeks and months to the
  month, years to the year; "days"/"weeks"/"months" without a number count three. "The day after
  X", "day after day", "every day before", "for three days before" and "years after" are not
  dated, and an interval never dates the sentence's main event (event_date).
- `future` is True when the date lies after the document date, when the words look forward
  ("next week", "tomorrow"), or when the sentence is future tense and the period has not ended
  by the document date. Without `ref` it follows `future_tense`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)} | MONTH_ABBREVIATIONS
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# The month each season begins, in the northern hemisphere the corpus writes from ("fall" only
# after in/last/this/next: "the fall of Raqqa" is no season).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Day offsets from the document date. "last night" is the evening before the document date.
RELATIVE_DAYS = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
                 "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                 "tomorrow": 1, "the day after tomorrow": 2}
# Units of "... ago" in hours: "two hours ago" is the document date, "48 hours ago" two days before.
HOURS_IN = {"hour": 1, "day": 24, "week": 7 * 24, "fortnight": 14 * 24}
# Words after which a bare 4-digit number reads as a year ("in 2006", "since 2014", "mid-2014").
YEAR_BEFORE = ("in", "since", "by", "until", "till", "of", "from", "before", "after", "during",
               "through", "between", "around", "early", "mid", "late",
               "spring", "summer", "autumn", "fall", "winter")
# Nouns a year commonly qualifies: "the 2014 annexation", "the 2020 presidential election".
YEAR_NOUNS = frozenset((
    "annexation", "election", "elections", "vote", "referendum", "war", "invasion", "offensive",
    "revolution", "uprising", "coup", "protests", "crisis", "conflict", "attack", "attacks",
    "bombing", "bombings", "massacre", "earthquake", "summit", "talks", "agreement", "accord",
    "deal", "treaty", "ceasefire", "census", "budget", "campaign", "olympics", "games", "cup"))
# Units, times and states a number before a word may count or tell ("the 2000 km border", "a 2000
# euro fine", "a 2000 GMT curfew", "the 2000 dead"), not dates.
UNITS = frozenset(("km", "kilometre", "kilometer", "mile", "metre", "meter", "foot", "feet", "tonne", "ton",
                   "kg", "kilogram", "hectare", "acre", "strong", "man", "member", "megawatt", "barrel",
                   "euro", "dollar", "pound", "yen", "rupee", "lira", "rouble", "ruble", "yuan", "franc", "riyal",
                   "gmt", "utc", "local", "hour", "lb", "mw", "troop", "dead", "missing"))
# The rule of a year between an article and the word it qualifies ("the 1994 genocide"): it dates
# only what its phrase names (pipeline.SentenceDates).
QUALIFIER = "year-qualifier"
# Plurals without an s that a number counts ("the 2000 people").
_PEOPLE = frozenset(("people", "men", "women", "children", "police", "personnel", "staff", "militia", "youth",
                     "military", "army", "infantry", "cavalry", "crew", "family", "families"))
# Words after "the 1900" that make it a count of people ("the 1900 who fled", "the 2000 in the camp").
_NOT_QUALIFIED = frozenset(("who", "whom", "that", "which", "of", "in", "on", "at", "to", "from", "with", "and", "or",
                            "were", "was", "are", "is", "have", "had", "remaining", "more", "others", "left"))
# An article or a possessive pronoun just before a year that qualifies its word ("the 1994 genocide").
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this)\s+$", re.I)
# Words before an expression that make it date something other than the event ("since 2014").
NOT_EVENT = re.compile(r"\b(?:since|until|till|born)\s+(?:(?:on|in)\s+)?$", re.I)
# "since": the start of what the sentence tells as going on from then ("have fought since 2014").
SINCE = re.compile(r"\bsince\s+(?:(?:on|in)\s+)?$", re.I)


@dataclass(frozen=True)
class When:
    value: str            # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: str        # "day" | "month" | "year"
    text: str             # the expression as written
    start: int            # character span in the sentence
    end: int
    rule: str             # explicit, day-month, weekday, relative-day, month, year, relative-period, season
    future: bool = False  # the expression points after the document date


Resolved = tuple[date, str, bool]   # value, precision, whether the words themselves look forward


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, date | None, bool], Resolved | None]
    needs_ref: bool = True
    accept: Callable[[re.Match, str], bool] = lambda m, text: True
    needs: frozenset[str] = frozenset({"digit"})  # kinds of date words (_ANY_DATE) the rule cannot match without


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_MONTH_AND_DIGIT = frozenset({"month", "digit"})
_MON = (rf"(?P<mon>(?:{_alternatives(MONTH_NAMES)})\b"
        rf"|(?:{_alternatives(MONTH_ABBREVIATIONS)})\b\.?)")
_FULL_MON = rf"(?P<mon>{_alternatives(MONTH_NAMES)})\b"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>\d{4})\b"
_WD = _alternatives(WEEKDAYS)
_WD_PREFIX = rf"(?:(?:{_WD}),?\s+)?"          # "Wednesday, Sept. 29" is one expression
_ON = r"(?:on\s+)?"


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# --- resolvers: (match, ref, future_tense) -> (value, precision, forward) --------------------

def _month_of(m: re.Match) -> int:
    mon = m["mon"]
    return int(mon) if mon.isdigit() else MONTHS[mon.rstrip(".").lower()]


def _words(m: re.Match, group: str) -> str:
    return " ".join((m[group] or "").lower().split())


def _add_months(day: date, k: int) -> date:
    index = day.year * 12 + day.month - 1 + k
    return date(index // 12, index % 12 + 1, 1)


def _explicit_day(m, ref, future_tense) -> Resolved:
    return date(int(m["year"]), _month_of(m), int(m["day"])), "day", False


def _explicit_month(m, ref, future_tense) -> Resolved:
    return date(int(m["year"]), _month_of(m), 1), "month", False


def _year(m, ref, future_tense) -> Resolved:
    return date(int(m["year"]), 1, 1), "year", False


def _day_month(m, ref, future_tense) -> Resolved | None:
    """A day and month without a year: the latest one on or before ref (the first on or after
    ref in a future-tense sentence). Four years each way so that 29 February finds a leap year."""
    options = []
    for year in range(ref.year - 4, ref.year + 5):
        try:
            options.append(date(year, _month_of(m), int(m["day"])))
        except ValueError:   # 29 February in a common year, a day 32, a year outside 1..9999
            pass
    if future_tense:
        ahead = [d for d in options if d >= ref]
        return (min(ahead), "day", False) if ahead else None
    past = [d for d in options if d <= ref]
    return (max(past), "day", False) if past else None


def _month(m, ref, future_tense) -> Resolved:
    """A month without a year: the nearest one to ref, looking back unless told to look ahead."""
    month, pre = _month_of(m), _words(m, "pre")
    if pre == "this":
        year = ref.year
    elif pre == "next" or (future_tense and pre != "last"):
        same_year = month > ref.month or (month == ref.month and pre != "next")
        year = ref.year if same_year else ref.year + 1
    else:
        same_year = month < ref.month or (month == ref.month and pre != "last")
        year = ref.year if same_year else ref.year - 1
    return date(year, month, 1), "month", pre == "next"


def _nearest_weekday(ref: date, weekday: int, mode: str) -> date:
    """mode: "after" (strictly), "before" (strictly) or "on-or-before"."""
    if mode == "after":
        return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - weekday) % 7
    if mode == "before" and back == 0:
        back = 7
    return ref - timedelta(days=back)


def _weekday(m, ref, future_tense) -> Resolved:
    pre = _words(m, "pre")
    forward = pre in ("next", "coming", "this coming")
    mode = "before" if pre == "last" else "after" if forward or future_tense else "on-or-before"
    return _nearest_weekday(ref, WEEKDAYS.index(m["wd"].lower()), mode), "day", forward


def _weekend(m, ref, future_tense) -> Resolved:
    pre = _words(m, "pre")
    looking_back = pre in ("last", "the past")
    if pre == "next" or (future_tense and not looking_back):
        mode = "after"
    else:
        mode = "before" if looking_back else "on-or-before"
    return _nearest_weekday(ref, 5, mode), "day", pre == "next"


def _relative_day(m, ref, future_tense) -> Resolved:
    offset = RELATIVE_DAYS[" ".join(m.group().lower().split())]
    return ref + timedelta(days=offset), "day", offset > 0


def _ago(m, ref, future_tense) -> Resolved:
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"].lower()]
    unit = m["unit"].lower()
    if unit in HOURS_IN:
        return ref - timedelta(days=n * HOURS_IN[unit] // 24), "day", False
    if unit == "month":
        return _add_months(ref, -n), "month", False
    return date(ref.year - n, 1, 1), "year", False


def _season(m, ref, future_tense) -> Resolved:
    """A season ("in the autumn", "last summer", "this spring") is dated to its year, as gold dates
    spans of months (annotation.md, 7a): the one of "of 2014" if given, else the latest such season
    begun by ref ("in the autumn" in January 2018 is 2017), the last one ended before ref ("last
    summer"), the current year's ("this"), or the next one to begin ("next", or a future tense)."""
    if m["year"]:
        return date(int(m["year"]), 1, 1), "year", False
    start, pre = SEASONS[m["season"].lower()], _words(m, "pre")
    if pre == "this":
        year = ref.year
    elif pre == "next" or (future_tense and pre != "last"):
        year = ref.year if ref.month < start else ref.year + 1
    elif pre == "last":
        year = ref.year if ref.month > start + 2 else ref.year - 1
    else:
        year = ref.year if ref.month >= start else ref.year - 1
    return date(year, 1, 1), "year", pre == "next"


def _weekday_of_week(m, ref, future_tense) -> Resolved:
    """"on Tuesday last week": that weekday in the Monday-to-Sunday week before (or of, or
    after) the one holding ref."""
    which = _words(m, "which")
    step = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(which, 0)
    monday = ref - timedelta(days=ref.weekday())
    day = monday + timedelta(days=7 * step + WEEKDAYS.index(m["wd"].lower()))
    return day, "day", step > 0


def _period(m, ref, future_tense) -> Resolved:
    which, unit = _words(m, "which"), m["unit"].lower()
    step = {"last": -1, "next": 1}.get(which, 0)
    forward = step > 0 or which == "later this"
    if unit == "week":
        return ref + timedelta(days=7 * step), "day", forward
    if unit == "month":
        return _add_months(ref, step), "month", forward
    return date(ref.year + step, 1, 1), "year", forward


# --- accept checks: is this match a date at all? ---------------------------------------------

def _capitalised_month(m: re.Match, text: str) -> bool:
    return m["mon"][0].isupper()


def _bare_month(m: re.Match, text: str) -> bool:
    if not _capitalised_month(m, text):
        return False
    if m["pre"] or m["part"]:
        return True
    if m["mon"].lower() == "may":                       # "Theresa May", the modal verb
        return False
    if re.search(r"['’]s\s+$", text[:m.start()]):       # "the Women's March"
        return False
    return not re.match(r"\s+[A-Z]", text[m.end():])    # a first name: "June Carter"


def _not_a_title(m: re.Match, text: str) -> bool:
    """'the Sunday Times', 'USA Today': a day word in a name."""
    before = text[:m.start()]
    if m.group()[0].isupper() and re.search(r"\b[A-Z][\w.]*\s+$", before):
        return False
    return not re.search(r"\bthe\s+$", before, re.I)


_YEAR_PRE = re.compile(rf"\b(?:{_alternatives(YEAR_BEFORE)})[\s-]+$"
                       r"|\b(?:19|20)\d\d\s*(?:and|to|-|–)\s*$", re.I)


def _year_context(m: re.Match, text: str) -> bool:
    """A bare number is a year after in/since/by ..., after another year ("2014 to 2016"),
    before a noun like "annexation", or after a possessive when the next word is not a plural
    ("Russia's 2014 annexation" but not "the army's 2000 soldiers")."""
    if _YEAR_PRE.search(text[:m.start()]):
        return True
    following = _following(m, text)
    if any(w in YEAR_NOUNS for w in following):
        return True
    possessive = re.search(r"['’]s\s+$", text[:m.start()])
    return bool(possessive and following and not following[0].endswith("s"))


def _year_qualifier(m: re.Match, text: str) -> bool:
    """A bare number between an article and the word it qualifies, when that word is not a plural,
    a unit, a participle or a word of a clause, nor a name's adjective before a plural ("the 1994
    genocide", "the 2011 Syrian uprising"; not "the 2000 soldiers", "the 2000 Syrian refugees", "a
    2000 euro fine", "the 2000 detained", "the 1900 who fled"): a year that dates only what its
    phrase names (rule QUALIFIER, see pipeline.SentenceDates)."""
    if _year_context(m, text) or not _ARTICLE_BEFORE.search(text[:m.start()]):
        return False
    words = _next_words(m, text)
    if not words or not words[0].isalpha() or _counts(words[0].lower()) or words[0].lower().endswith("ed"):
        return False
    return not (words[0][0].isupper() and len(words) > 1 and _counts(words[1].lower()))


def _counts(word: str) -> bool:
    """A word after a number that makes it a count: a plural, a unit, a word of a clause."""
    return word.endswith("s") or word in UNITS or word in _NOT_QUALIFIED or word in _PEOPLE


def _following(m: re.Match, text: str) -> list[str]:
    return [w.lower() for w in _next_words(m, text)]


def _next_words(m: re.Match, text: str) -> list[str]:
    """The two words after the match, without their punctuation."""
    return [w.strip(".,;:!?\"'()") for w in text[m.end():].split()[:2]]


def _a_season(m: re.Match, text: str) -> bool:
    """"in the autumn", but not "in the fall of Raqqa" nor "in the summer of discontent"."""
    return bool(m["year"]) or not re.match(r"\s+of\b", text[m.end():], re.I)


def _year_span(m: re.Match, text: str) -> bool:
    """"2013-14" is a span of years when it ends after it begins and is no full date ("2019-05-03");
    "2009-10" may be a month too, which lies in the same first year."""
    start, until = m["year"], m["until"]
    end = int(until) if len(until) == 4 else int(start[:2] + until)
    return int(start) < end and not re.match(r"[-–]\d", text[m.end():])


# A 1900-2099 number standing alone: a year where its context says so (_year_context, _year_qualifier).
_BARE_YEAR = _compile(r"(?<![\d,.$£€/])(?<!\d-)(?P<year>(?:19|20)\d\d)\b(?![,.]\d|%|-\d)")

RULES: tuple[_Rule, ...] = (
    _Rule("explicit", _compile(r"\b(?P<year>\d{4})([-/])(?P<mon>\d{1,2})\2(?P<day>\d{1,2})\b"),
          _explicit_day, needs_ref=False),
    # 29.09.2021: with dots the order is always day, month, year (two-digit month: not "v1.2.2021").
    _Rule("explicit", _compile(r"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]\d)\.(?P<year>\d{4})\b"),
          _explicit_day, needs_ref=False),
    _Rule("explicit", _compile(rf"\b{_WD_PREFIX}{_MON}\s*{_DAY},?\s+{_YEAR}"),
          _explicit_day, False, _capitalised_month, _MONTH_AND_DIGIT),
    _Rule("explicit", _compile(rf"\b{_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}"),
          _explicit_day, False, _capitalised_month, _MONTH_AND_DIGIT),
    _Rule("explicit", _compile(rf"\b{_MON},?\s+{_YEAR}"),
          _explicit_month, False, _capitalised_month, _MONTH_AND_DIGIT),
    _Rule("year", _BARE_YEAR, _year, False, _year_context),
    _Rule(QUALIFIER, _BARE_YEAR, _year, False, _year_qualifier),
    # A span of years ("the 1980-88 war", "in 2013-14", "2013–2015"): its first year.
    _Rule("year", _compile(r"(?<![\d,.$£€/])(?P<year>(?:19|20)\d\d)\s?[-–]\s?(?P<until>(?:19|20)?\d\d)\b(?![,.]\d|%|-\d)"),
          _year, False, _year_span),
    _Rule("day-month", _compile(rf"\b{_ON}{_WD_PREFIX}{_MON}\s*{_DAY}"),
          _day_month, True, _capitalised_month, _MONTH_AND_DIGIT),
    _Rule("day-month", _compile(rf"\b{_ON}{_WD_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}"),
          _day_month, True, _capitalised_month, _MONTH_AND_DIGIT),
    _Rule("month", _compile(rf"\b(?:(?P<pre>in|last|next|this)\s+)?"
                            rf"(?:(?P<part>early|mid|late)[\s-]+)?{_FULL_MON}"),
          _month, True, _bare_month, frozenset({"month"})),
    _Rule("weekday", _compile(rf"\b(?:(?P<pre>on|last|next|this\s+coming|coming|this|early|late)\s+)?"
                              rf"(?P<wd>{_WD})\b(?:\s+(?:night|morning|afternoon|evening)\b)?"),
          _weekday, True, _not_a_title, frozenset({"weekday"})),
    _Rule("relative-day", _compile(r"\b(?:" + _alternatives(RELATIVE_DAYS).replace(" ", r"\s+")
                                   + r")\b"), _relative_day, True, _not_a_title, frozenset({"relative"})),
    _Rule("relative-day", _compile(rf"\b(?P<n>\d{{1,3}}|{_alternatives(NUMBERS)})\s+"
                                   r"(?P<unit>hour|day|week|fortnight)s?\s+ago\b"), _ago, needs=frozenset({"ago"})),
    _Rule("weekday", _compile(rf"\b{_ON}(?P<wd>{_WD})\s+(?:of\s+)?(?P<which>last|next|this"
                              r"|the\s+previous|the\s+following)\s+week\b"), _weekday_of_week,
          needs=frozenset({"weekday", "unit"})),
    _Rule("relative-period", _compile(rf"\b(?P<n>\d{{1,3}}|{_alternatives(NUMBERS)})\s+"
                                      r"(?P<unit>month|year)s?\s+ago\b"), _ago, needs=frozenset({"ago"})),
    _Rule("relative-period", _compile(r"\b(?P<which>last|next|this|earlier\s+this|later\s+this)\s+"
                                      r"(?P<unit>week|month|year)\b"), _period, needs=frozenset({"unit"})),
    # "in the autumn", "last summer", "during the winter of 2015": a season needs a word before it
    # ("the Arab spring" is none).
    _Rule("season", _compile(r"\b(?P<pre>in|during|over|through|last|next|this)\s+(?:the\s+)?"
                             r"(?:(?:early|mid|late)[\s-]+)?(?P<season>spring|summer|autumn|fall|winter)\b"
                             r"(?:\s+of\s+(?P<year>(?:19|20)\d\d)\b)?"), _season, accept=_a_season, needs=frozenset({"season"})),
    _Rule("relative-period", _compile(r"\b(?P<pre>last|next|this|over\s+the|at\s+the|on\s+the"
                                      r"|the\s+past)\s+weekend\b"), _weekend, needs=frozenset({"unit"})),
)


# --- public API ------------------------------------------------------------------------------

# Every rule above needs some of these kinds of words: a digit, a month or weekday name, a
# relative day, "ago", a unit of time ("week", "month", "year", "weekend", "fortnight"), a season. Most
# sentences hold none, and one pass for them spares the seventeen searches of the rules, or runs
# only the rules whose words are there (tests/test_dates.py checks that this hides no date).
_ANY_DATE = _compile(r"(?P<digit>\d)|\b(?:(?P<month>" + _alternatives([*MONTH_NAMES, *MONTH_ABBREVIATIONS])
                     + ")|(?P<weekday>" + _alternatives(WEEKDAYS)
                     + ")|(?P<relative>" + _alternatives(RELATIVE_DAYS).replace(" ", r"\s+")
                     + r")|(?P<ago>ago)|(?P<unit>week|month|year|fortnight)|(?P<season>spring|summer|autumn|fall|winter))")


def _matches(text: str) -> list[tuple[_Rule, re.Match]]:
    """Every accepted match, overlaps settled longest first, in text order."""
    kinds = {m.lastgroup for m in _ANY_DATE.finditer(text)}
    if not kinds:
        return []
    found = [(rule, m) for rule in RULES if rule.needs <= kinds
             for m in rule.pattern.finditer(text) if rule.accept(m, text)]
    found.sort(key=lambda rm: (rm[1].start() - rm[1].end(), rm[1].start()))
    chosen: list[tuple[_Rule, re.Match]] = []
    for rule, m in found:
        if all(m.end() <= o.start() or m.start() >= o.end() for _, o in chosen):
            chosen.append((rule, m))
    return sorted(chosen, key=lambda rm: rm[1].start())


def _format(value: date, precision: str) -> str:
    return value.isoformat()[:{"day": 10, "month": 7, "year": 4}[precision]]


def _is_future(value: date, precision: str, ref: date | None, future_tense: bool) -> bool:
    if ref is None:
        return future_tense
    size = {"day": 3, "month": 2, "year": 1}[precision]
    mine, theirs = (value.year, value.month, value.day)[:size], (ref.year, ref.month, ref.day)[:size]
    return mine > theirs or (future_tense and mine == theirs)


def _resolve(rule: _Rule, m: re.Match, ref: date | None, future_tense: bool) -> When | None:
    try:
        got = rule.resolve(m, ref, future_tense)
    except (ValueError, OverflowError):   # "February 30", or past the ends of the calendar
        return None
    if got is None:
        return None
    value, precision, forward = got
    future = forward or _is_future(value, precision, ref, future_tense)
    return When(_format(value, precision), precision, m.group(), m.start(), m.end(), rule.name, future)


def find_dates(text: str, ref: date | None, *, future_tense: bool = False) -> list[When]:
    """Every date expression in the sentence, resolved against the document date, in text order."""
    found = (_resolve(rule, m, ref, future_tense) for rule, m in _matches(text)
             if ref is not None or not rule.needs_ref)
    return _intervals(text, _anaphoric(text, [when for when in found if when is not None]), ref)


# "seven years after expelling it", "two weeks after rebels kidnapped ...": what follows "after"
# happened that long before the time the sentence tells of (a "before" interval looks ahead of it,
# and is read only against a date the sentence gives: "a day before" counted from the document's
# date would date a past event tomorrow). Not "the day after X" (X's date is not known here), "day
# after day", "every day before the vote", "for three days before the committee", nor "years after"
# (too vague to date).
_INTERVAL = _compile(rf"\b(?:(?:just|only|some|about|nearly|almost|barely)\s+)?"
                     rf"(?:(?P<n>\d{{1,3}}|{_alternatives(NUMBERS)}|a\s+few|a\s+couple\s+of|several)\s+)?"
                     r"(?P<unit>day|week|month|year)(?P<plural>s)?\s+(?P<side>after|before)\b")
_NOT_INTERVAL = frozenset("""the this that these those every each final first last past next same
                             for within over during in of""".split())
_VAGUE = {"day": 3, "week": 3, "month": 3}   # "days after", "a few weeks after": about three


def _intervals(text: str, found: list[When], ref: date | None) -> list[When]:
    """`found` with the intervals of the sentence ("two weeks after"), counted from the date the
    sentence gives before them (at its precision), else from the document's."""
    if ref is None or ("after" not in text and "before" not in text):
        return found
    for m in _INTERVAL.finditer(text):
        when = _interval(m, text, found, ref)
        if when is not None:
            found = sorted([*found, when], key=lambda w: w.start)
    return found


def _interval(m: re.Match, text: str, found: list[When], ref: date) -> When | None:
    before = text[:m.start()].split()
    if any(w.start < m.end() and m.start() < w.end for w in found) or (
            before and (before[-1].lower() in _NOT_INTERVAL or before[-1][-1:].isdigit()
                        or before[-1].lower() in NUMBERS)):
        return None
    unit, count = m["unit"].lower(), _words(m, "n")
    if re.match(rf"\s*{unit}", text[m.end():], re.I) or not (count or m["plural"]) or unit == "year" and not count:
        return None   # "day after day"; "day after" (which day?); "years after"
    n = int(count) if count.isdigit() else NUMBERS.get(count) or _VAGUE[unit]
    # not from a year that only qualifies a noun ("survivors of the 1994 genocide marched, two days
    # after rebels attacked"): it does not date the sentence's time
    anchor = next((w for w in reversed(found) if w.end <= m.start() and w.rule not in ("interval", QUALIFIER)), None)
    anchor = anchor or next((w for w in found if w.rule not in ("interval", QUALIFIER)), None)
    if anchor is None and m["side"].lower() == "before":
        return None
    day, coarse = (_day_of(anchor), anchor.precision) if anchor else (ref, "day")
    try:
        value, precision = _moved(day, unit, n if m["side"].lower() == "before" else -n)
    except (ValueError, OverflowError):   # past the ends of the calendar
        return None
    precision = max(precision, coarse, key=("day", "month", "year").index)
    return When(_format(value, precision), precision, m.group(), m.start(), m.end(), "interval",
                _is_future(value, precision, ref, False))


def _day_of(when: When) -> date:
    parts = [int(p) for p in when.value.split("-")] + [1, 1]
    return date(*parts[:3])


def _moved(day: date, unit: str, step: int) -> tuple[date, str]:
    if unit == "day":
        return day + timedelta(days=step), "day"
    if unit == "week":
        return day + timedelta(days=7 * step), "month"
    if unit == "month":
        return _add_months(day, step), "month"
    return date(day.year + step, 1, 1), "year"


# Dates told against a date named before them in the sentence, not against the document's: "in
# May the following year", "that May", "the previous year" ("From late 2014 until her capture in
# May the following year": May 2015).
_AFTER_DATE = _compile(rf"\b(?:in\s+)?(?:{_FULL_MON}\s+)?the\s+(?P<which>following|next|previous)\s+year\b"
                       rf"|\bthe\s+year\s+(?P<side>before|after)\b"
                       rf"|\b(?:in\s+)?that\s+(?P<that>{_alternatives(MONTH_NAMES)})\b")


def _anaphoric(text: str, found: list[When]) -> list[When]:
    """The dates of `found`, with those told against an earlier one of the sentence resolved
    (they replace what the rules read in their words, "in May"); left out where none comes before."""
    if "year" not in text and "that" not in text:
        return found
    for m in _AFTER_DATE.finditer(text):
        month = m["mon"] or m["that"]
        if month and (not month[0].isupper() or month.lower() == "may" and re.match(r"\s+[a-z]", text[m.end():])):
            continue   # "that may be so", "said that May would resign"
        anchor = next((w for w in reversed(found) if w.end <= m.start() and w.rule != QUALIFIER), None)
        if anchor is None:
            continue   # none, or a year that only qualifies a noun ("the 1994 genocide")
        step = {"following": 1, "next": 1, "after": 1, "previous": -1, "before": -1}.get(m["which"] or m["side"], 0)
        year = int(anchor.value[:4]) + step
        value = f"{year}-{MONTHS[month.lower()]:02d}" if month else str(year)
        when = When(value, "month" if month else "year", m.group(), m.start(), m.end(), "anaphoric")
        found = sorted([w for w in found if w.end <= m.start() or w.start >= m.end()] + [when], key=lambda w: w.start)
    return found


def unresolved_expressions(text: str) -> list[str]:
    """The expressions that need the document date to mean anything ("on Wednesday")."""
    return [m.group() for rule, m in _matches(text) if rule.needs_ref]


_RANK = {"explicit": 0, "day-month": 0, "weekday": 1, "relative-day": 1}


def _rank(when: When) -> tuple[int, int]:
    if when.rule == "interval":   # it dates what follows it, not the sentence: the last choice
        return 5, when.start
    kind = _RANK.get(when.rule, 2) if when.precision == "day" else 3 if when.precision == "month" else 4
    return kind, when.start


def event_dates(text: str, ref: date | None, *, future_tense: bool = False, since: bool = False) -> list[When]:
    """The expressions that can date an event: those after since/until/till/born ("since 2014",
    "born on 3 May") date something else and are left out; with `since`, those after "since" are
    kept."""
    return [w for w in find_dates(text, ref, future_tense=future_tense)
            if not NOT_EVENT.search(text[:w.start]) or since and SINCE.search(text[:w.start])]


def best(found: list[When]) -> When | None:
    """The first explicit day, else a weekday or relative day, else another day ("last week"),
    else a month, else a year."""
    return min(found, key=_rank, default=None)


def event_date(text: str, ref: date | None, *, future_tense: bool = False) -> When | None:
    """The expression that dates the sentence's main event (an interval dates another one)."""
    return best([w for w in event_dates(text, ref, future_tense=future_tense) if w.rule != "interval"])
