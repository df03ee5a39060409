"""What a language provides. Each language is a package ``veille/lang/<code>/``: its ``__init__`` defines
``LANGUAGE`` (model, furniture words, months...), and one module per area holds that area's word lists
(``entities.py``, ``quotes.py``, ``time.py``, ``events.py``). Stages read these; they never hard-code
words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    spacy_model: str
    #: lines that introduce an unrelated insert ("Lire aussi", "Read more")
    insert_cues: tuple[str, ...] = ()
    #: furniture phrases (comment forms, cookie banners, subscription and share prompts), lower case
    furniture_phrases: tuple[str, ...] = ()
    #: phrases that end the readable article: paywalls and comment sections (the body never runs past them)
    wall_phrases: tuple[str, ...] = ()
    #: words of cookie, privacy and account notices; long lines dense in them are furniture, not prose
    notice_words: frozenset[str] = frozenset()
    #: section headings that start lists of other headlines ("Recent News", "Les plus lus")
    headline_list_heads: tuple[str, ...] = ()
    #: phrases of sponsor lines in a page header ("Sponsored by", "En partenariat avec"), lower case
    sponsor_cues: tuple[str, ...] = ()
    #: whether headlines may be written in Title Case (English) rather than sentence case
    title_case_headlines: bool = False
    #: month names (lower case, without accents too) -> month number
    months: dict[str, int] = field(default_factory=dict)
    #: frequent function words, to tell prose from menus and to score foreign fragments
    function_words: frozenset[str] = frozenset()
    extras: dict = field(default_factory=dict)

    def part(self, area: str):
        """The language's resources for one area (``entities``, ``quotes``, ``time``, ``events``): the module
        ``veille/lang/<code>/<area>.py``, or None when the language has none for that area."""
        import importlib

        try:
            return importlib.import_module(f"veille.lang.{self.code}.{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"veille.lang.{self.code}.{area}":
                raise
            return None

    def insert_cue_re(self) -> re.Pattern:
        """The "Lire aussi:" / "Read more:" cue opening an insert line, built once per cue list (the text
        cleaner asks for it on every line of a page)."""
        return _insert_cue_re(self.insert_cues)


@lru_cache(maxsize=64)
def _insert_cue_re(cues: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{alts})\b\s*(?:[:\-–—>»|]|\s)", re.IGNORECASE)
