"""What a language module provides. Stages read these fields; they never hard-code words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    spacy_model: str
    #: lines that introduce an unrelated insert ("Lire aussi", "Read more")
    insert_cues: tuple[str, ...] = ()
    #: furniture phrases (comment forms, cookie banners, subscription and share prompts), lower case
    furniture_phrases: tuple[str, ...] = ()
    #: section headings that start lists of other headlines ("Recent News", "Les plus lus")
    headline_list_heads: tuple[str, ...] = ()
    #: month names (lower case, without accents too) -> month number
    months: dict[str, int] = field(default_factory=dict)
    #: frequent function words, to tell prose from menus and to score foreign fragments
    function_words: frozenset[str] = frozenset()
    extras: dict = field(default_factory=dict)

    def insert_cue_re(self) -> re.Pattern:
        alts = "|".join(re.escape(c) for c in sorted(self.insert_cues, key=len, reverse=True))
        return re.compile(rf"^\W*(?:{alts})\b\s*(?:[:\-–—>»|]|\s)", re.IGNORECASE)
