"""The time grammar: finds time expressions with the per-language patterns of ``veille.lang.<code>.time``.

Each pattern is a regular expression with placeholders filled from the language's word lists; every match
anywhere in the text is a candidate, and at each place the longest candidate wins (so "le début des années
1990" beats "1990", and "il y a deux ans" beats "deux ans"). Normalising the matches is
``veille.stages.time.normalize``'s job; this module only says where the expressions are and what kind.

>>> from veille.lang import resources
>>> [(m.kind, m.text) for m in find_candidates("Il est parti mardi 29 août.", resources("fr").part("time"))]
[('date', 'mardi 29 août')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from ...compiled_patterns import STARTUP_MIN_CHARS, patterns_cached
from .openings import Gate


@dataclass(frozen=True)
class Candidate:
    """A time expression found in the text, before normalisation."""

    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str]
    #: for a range ("du 4 au 5 décembre 2017", "2019-2021"): where its first part ends and its second begins
    split: tuple[int, int, int] | None = None


def _alternation(words) -> str:
    """A regex alternation of words, longest first, with flexible inner white space and apostrophes. Written
    as a trie ("quatre(?:-vingt(?:s|-dix)?)?"), so that each place of the text costs one path, not one try per
    word: the grammar runs every pattern over the whole text."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word.replace("’", "'"):
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict) -> str:
    """The trie below ``node``; where a word may end, what follows is optional (greedy: the longest wins)."""
    branches = [_char_regex(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _char_regex(ch: str) -> str:
    return {" ": r"\s+", "'": "['’]"}.get(ch, re.escape(ch))


@cache
def compiled(module: ModuleType) -> list[tuple[str, re.Pattern]]:
    """The language's patterns with their placeholders filled, compiled once per language."""
    fills = {"{MONTH}": _alternation(module.MONTHS), "{WEEKDAY}": _alternation(module.WEEKDAYS),
             "{NUM}": "(?:" + _alternation(module.NUMBERS) + r"|\d+(?:[.,]\d+)?)",
             "{UNIT}": _alternation(module.UNITS), "{PART}": _alternation(module.PARTS_OF_DAY),
             "{SEASON}": _alternation(module.SEASONS), "{QMOD}": _alternation(module.QUANTITY_MODS),
             "{FIXED}": _alternation(module.FIXED_DURATIONS), "{HOLIDAY}": _alternation(module.HOLIDAYS)}
    out = []
    with patterns_cached(min_chars=STARTUP_MIN_CHARS):  # compiled once per machine: start-up
        for kind, source in module.PATTERNS:
            for key, value in fills.items():
                source = source.replace(key, value)
            out.append((kind, re.compile(rf"(?<![\w-])(?:{source})", re.IGNORECASE)))
    return out


@cache
def gate(module: ModuleType) -> Gate:
    """The exact prefilter of the language's patterns, built once per language."""
    return Gate([pattern for _, pattern in compiled(module)])


def find_candidates(text: str, module: ModuleType) -> list[Candidate]:
    """Non-overlapping time expressions in ``text``, in text order (the longest wins where they overlap)."""
    found: list[Candidate] = []
    patterns = compiled(module)
    for (kind, pattern), may_match in zip(patterns, gate(module).runnable(text), strict=True):
        if not may_match:
            continue  # none of the ways its matches open is in the text (see openings.py)
        for m in pattern.finditer(text):
            if m.end() > m.start() and _plausible(kind, m, text, module):
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                end = m.end() - _sentence_dot(m, module)
                split = _range_split(kind, m)
                found.append(Candidate(kind, m.start(), end, text[m.start():end], groups, split))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    taken = bytearray(len(text))  # characters already covered by a longer expression
    for cand in found:
        if taken.find(1, cand.start, cand.end) < 0:
            kept.append(cand)
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    out = [part for cand in kept for part in _range_parts(cand, text)]
    return sorted(out, key=lambda c: c.start)


def _range_split(kind: str, m: re.Match) -> tuple[int, int, int] | None:
    if kind == "day_range":
        month_first = m.start("month") < m.start("day1")  # "May 3-5" against "du 4 au 5 décembre"
        return (m.start("month") if month_first else m.start("day1")), m.end("day1"), m.start("day")
    if kind == "year_range":
        return m.start("year1"), m.end("year1"), m.start("year")
    return None


def _range_parts(cand: Candidate, text: str) -> list[Candidate]:
    """A range becomes its two ends, each a timex of its own: "du 4 au 5 décembre 2017" gives "4" (a date
    in December 2017, read from the second end) and "5 décembre 2017"; "2019-2021" gives two years."""
    if cand.split is None:
        return [cand]
    if cand.kind == "year_range" and int(cand.groups["year"]) == int(cand.groups["year1"]) + 1:
        # "the 1995-1996 season", "l'exercice 2022-2023": two consecutive years name one period across them
        return [Candidate("year_pair", cand.start, cand.end, cand.text, cand.groups)]
    first_start, first_end, second_start = cand.split
    kind = "date" if cand.kind == "day_range" else "year"
    first_groups = ({**cand.groups, "day": cand.groups["day1"]} if kind == "date"
                    else {"year": cand.groups["year1"]})
    second_groups = cand.groups if kind == "date" else {"year": cand.groups["year"]}
    return [Candidate(kind, first_start, first_end, text[first_start:first_end], first_groups),
            Candidate(kind, second_start, cand.end, text[second_start:cand.end], second_groups)]


def _plausible(kind: str, m: re.Match, text: str, module: ModuleType) -> bool:
    """Filters for the cases a pattern alone gets wrong, each named by the case it exists for."""
    if re.search(module.SET_BEFORE, text[max(0, m.start() - 16):m.start()], re.IGNORECASE):
        return False  # "chaque lundi", "every two weeks": a set
    if kind == "month" and not (m.group("year") or m.group("mod") or m.group("rel")):
        return _bare_month_ok(m.group("month"), module)
    if kind == "year" and not m.group("mod"):
        return not _is_count(m, text, module)
    if kind == "vague_unit" and module.VAGUE_UNIT_NOT_AFTER:
        before = text[max(0, m.start() - 12):m.start()]
        return not (re.search(module.VAGUE_UNIT_NOT_AFTER, before, re.IGNORECASE)
                    or _unit_number_before(module).search(before))  # "after two more years of this"
    if kind == "year_pair":
        # "2022-23", not "2022-25" nor "2021-05"
        return (int(m.group("year1")) + 1) % 100 == int(m.group("yy"))
    if kind == "holiday":
        return _holiday_ok(m, text, module)
    if kind == "old_year":
        return _old_year_ok(m, text, module)
    if kind == "year_range":
        return int(m.group("year1")) < int(m.group("year")) <= int(m.group("year1")) + 120 and not _is_count(
            m, text, module)
    if kind == "clock" and m.groupdict().get("utc"):
        return True  # "6 heures GMT": a time zone makes it a time of day
    if kind == "named_clock" and module.CLOCK_CONTEXT is not None:
        return _after_clock_preposition(m, text, module)  # "vers minuit", not "le Midi"
    if kind == "shift":
        return module.UNITS.get(m.group("unit").lower()) not in ("H", "MIN", "S")
    if kind == "season" and m.group("season").lower() in module.AMBIGUOUS_SEASONS:
        return _season_ok(m, text, module)
    if kind == "duration" and _frequency_or_idiom(m, text, module):
        return False
    if kind == "duration" and (_event_relative(m, text, module)
                               or re.sub(r"\s+", " ", m.group(0).lower()) in module.ORDINAL_LOOKALIKES):
        return False
    if kind == "duration" and module.UNITS.get(m.group("unit").lower()) == "Y":
        return not _is_age(m, text, module)
    if kind in ("duration", "clock") and _clock_words(m, module):
        return (kind == "clock") == _after_clock_preposition(m, text, module)
    if kind == "duration" and module.NUMBERS.get(m.group("num").lower()) == "X":
        return _vague_amount_ok(m, module)
    return True


def _frequency_or_idiom(m: re.Match, text: str, module: ModuleType) -> bool:
    """"quatre jours par semaine", "24 hours a day" (a frequency) and "au fil des ans" (a vague adverb): the
    dev-gold convention leaves both out."""
    before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 16]
    if re.match(module.FREQUENCY_AFTER, after, re.IGNORECASE):
        return True
    if _unit_word_before(module).search(before):
        return True  # "a day" in "24 hours a day": the rate's denominator
    return bool(module.VAGUE_ADVERB_BEFORE and re.search(module.VAGUE_ADVERB_BEFORE, before, re.IGNORECASE))


@cache
def _unit_number_before(module: ModuleType) -> re.Pattern:
    return re.compile(rf"\b{_alternation(module.NUMBERS)}\s+(?:\w+\s+)?$", re.IGNORECASE)


@cache
def _unit_word_before(module: ModuleType) -> re.Pattern:
    return re.compile(rf"\b{_alternation(module.UNITS)}\s+$", re.IGNORECASE)


def _event_relative(m: re.Match, text: str, module: ModuleType) -> bool:
    """"a day after the report was published", "deux jours avant le vote": a date relative to an event, left
    out as the dev-gold convention says. A vague or bounded amount ("quelques jours après", "for nearly an
    hour before the attack") stays a duration, and so does a delay shorter than a day ("arrêté 22 minutes
    après l'appel"): it names no day, only how long."""
    if m.groupdict().get("qmod") or module.NUMBERS.get(m.group("num").lower()) == "X":
        return False
    if module.UNITS.get(m.group("unit").lower()) in ("H", "MIN", "S"):
        return False
    return bool(re.match(module.EVENT_RELATIVE, text[m.end():m.end() + 8], re.IGNORECASE))


def _clock_words(m: re.Match, module: ModuleType) -> bool:
    """"7 heures": a time of day or a duration, depending on what comes before."""
    groups = m.groupdict()
    if module.CLOCK_CONTEXT is None or not (groups.get("hour") or groups.get("num")):
        return False
    if "hour" in groups and groups["hour"] is not None:
        return not re.search(r"\d\s?h", m.group(0))
    hours = module.UNITS.get(m.group("unit").lower()) == "H"
    return hours and m.group("num").isdigit() and not m.groupdict().get("qmod")


def _after_clock_preposition(m: re.Match, text: str, module: ModuleType) -> bool:
    before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 30]
    return bool(re.search(module.CLOCK_CONTEXT, before, re.IGNORECASE)
                or re.search(module.CLOCK_AFTER, after, re.IGNORECASE))


def _vague_amount_ok(m: re.Match, module: ModuleType) -> bool:
    """"quelques jours", "several weeks", "des décennies", "des mois" are vague durations; "des jours de
    pêche", "des heures supplémentaires" are not: the bare plural article only with months and longer."""
    unit = module.UNITS.get(m.group("unit").lower())
    if m.group("unit")[-1:] not in "sx":
        return False
    return unit in ("M", "Y", "DE", "CE") or m.group("num").lower() != "des"


def _sentence_dot(m: re.Match, module: ModuleType) -> int:
    """1 when the match ends with a full stop that closes the sentence, not an abbreviation ("le 21 juin."
    against "Oct. 13" / "janv.")."""
    if not m.group(0).endswith("."):
        return 0
    word = re.sub(r"\W", "", m.group(0).split()[-1]).lower()
    month = module.MONTHS.get(word)
    if month is None:
        return 0  # "7:05 p.m."
    longer = any(v == month and len(k) > len(word) for k, v in module.MONTHS.items())
    return 0 if longer else 1


def _holiday_ok(m: re.Match, text: str, module: ModuleType) -> bool:
    """A feast's name is a date after a preposition or a determiner ("à Noël", "before Christmas") or when
    it says more than the name ("Christmas Eve", "le 11-Septembre"); "le Père Noël", "Christmas trees" are
    not."""
    name = re.sub(r"\s+", " ", m.group("holiday").lower())
    if " " in name or "-" in name or "/" in name:
        return not re.search(r"\b(?:père|papa)\s+$", text[max(0, m.start() - 8):m.start()], re.IGNORECASE)
    before = text[max(0, m.start() - 16):m.start()]
    if not m.group("holiday")[:1].isupper() and name != "halloween":
        return False
    return bool(re.search(module.HOLIDAY_BEFORE, before, re.IGNORECASE))


def _old_year_ok(m: re.Match, text: str, module: ModuleType) -> bool:
    """"en 1214.", "vers 580,", "around 1450 by monks": a year before 1600 only after a preposition of time
    and with punctuation or a function word after it; "en 580 pages", "in 800 words", "1200 euros" are
    counts."""
    before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 12]
    if not re.search(module.OLD_YEAR_BEFORE, before, re.IGNORECASE):
        return False
    return bool(re.match(module.OLD_YEAR_AFTER, after, re.IGNORECASE))


def _is_count(m: re.Match, text: str, module: ModuleType) -> bool:
    """"plus de 2000 manifestants", "about 1500 troops": a number of things, not a year."""
    before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 20]
    quantity = "|".join(re.escape(q) for q in module.QUANTITY_MODS)
    return bool(re.search(rf"(?:{quantity})\s*$", before, re.IGNORECASE)
                or re.match(module.COUNT_AFTER, after, re.IGNORECASE))


def _season_ok(m: re.Match, text: str, module: ModuleType) -> bool:
    """"l'été dernier", "cet été", "in the fall", "fall 2022", but not "a été tué" or "the fall of Kabul"."""
    groups = m.groupdict()
    if groups.get("rel") or groups.get("year") or groups.get("this"):
        return True
    before = text[max(0, m.start() - 12):m.start("season")]
    return bool(re.search(module.SEASON_DETERMINERS, before, re.IGNORECASE))


def _bare_month_ok(word: str, module: ModuleType) -> bool:
    """A month name on its own: French writes months in lower case ("Mars" is the planet), English in title
    case; "May" the verb and abbreviations stand only inside fuller dates."""
    if word.lower() in module.BARE_MONTH_STOP:
        return False
    return word.islower() if module.BARE_MONTH_CASE == "lower" else word[:1].isupper()


def _is_age(m: re.Match, text: str, module: ModuleType) -> bool:
    """"un homme de 30 ans", "Sophie Binet, 41 ans", "à 47 ans, il...", "a 30-year-old", "almost 50 years
    old", "aged 45 years": ages, not times. "condamné à 10 ans de prison" stays a duration."""
    before = text[max(0, m.start() - 20):m.start()]
    after = text[m.end():m.end() + 6].lower()
    if after.startswith(("-old", " old")):
        return True
    if m.groupdict().get("qmod"):
        return False
    if re.search(r",\s*$", before) and not m.group("num")[:1].isdigit():
        return False  # "En 2022, un an après son accident": an age in apposition is written in figures
    if re.search(module.AGE_CONTEXT_BEFORE, before, re.IGNORECASE):
        return True
    return bool(module.AGE_AT and re.search(module.AGE_AT, before, re.IGNORECASE)
                and not re.match(r"\s+(?:de|d['’]|of)\b", after))
