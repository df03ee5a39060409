"""Planted near-duplicates: copies of real pages made by code, the way re-publishers edit them, to measure
the copy detector without hand labels.

Each planted copy takes a source page and applies at least two edits chosen at random (seeded, so the set is
the same on every run): a new title in front, the end trimmed (up to a quarter of the sentences), the text
re-wrapped (paragraphs joined, lines cut at another width), and other furniture around it (sharing
buttons, "read also" lines, a copyright line). A copy is found when the detector, given it, answers with its
source (or a page that is itself an exact or near copy of the source); every other answer is a false copy.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .passages import sentences

#: Invented furniture, in the languages veille reads (nothing here comes from a real page).
_FURNITURE = (
    "Partager sur Facebook",
    "Partager sur X",
    "Lire aussi : les dix chiffres à retenir",
    "© Tous droits réservés",
    "Share this article",
    "Read more: what happens next",
    "Sign up for our newsletter",
    "Publicité",
    "Advertisement",
    "Follow us on social media",
)
_TITLE_WORDS = (
    "nouveau",
    "exclusif",
    "direct",
    "update",
    "latest",
    "analyse",
    "breaking",
    "révélations",
    "what we know",
    "ce qu'il faut savoir",
)


class Detector(Protocol):
    def add(self, key: str, text: str) -> None: ...
    def matches(self, text: str) -> list: ...


@dataclass
class PlantedResult:
    n_planted: int
    n_found: int  # answers given for the planted copies, right or wrong
    n_right: int
    n_recalled: int

    @property
    def precision(self) -> float:
        return self.n_right / self.n_found if self.n_found else 0.0

    @property
    def recall(self) -> float:
        return self.n_recalled / self.n_planted if self.n_planted else 0.0


def plant(text: str, rng: random.Random) -> str:
    """One edited copy of ``text`` (see the module docstring for the edits)."""
    edits: list[Callable[[str, random.Random], str]] = [_new_title, _trim, _rewrap, _furniture]
    for edit in rng.sample(edits, rng.randint(2, 4)):
        text = edit(text, rng)
    return text


def _new_title(text: str, rng: random.Random) -> str:
    """Another headline: it replaces the page's first line when that line is a title (short, on its own),
    else it goes in front."""
    words = text.split()
    title = " ".join([rng.choice(_TITLE_WORDS).capitalize(), *rng.sample(words, min(6, len(words)))])
    first, _, rest = text.partition("\n")
    body = rest.lstrip() if rest and len(first) < 150 else text
    return f"{title}\n\n{body}"


def _trim(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    cut = int(len(parts) * rng.uniform(0.05, 0.25))
    return " ".join(parts[: len(parts) - cut]) if cut else text


def _rewrap(text: str, rng: random.Random) -> str:
    return textwrap.fill(" ".join(text.split()), width=rng.randint(50, 90))


def _furniture(text: str, rng: random.Random) -> str:
    before = rng.sample(_FURNITURE, 2)
    after = rng.sample(_FURNITURE, 3)
    lines = text.split("\n")
    middle = rng.randint(0, len(lines))
    lines.insert(middle, rng.choice(_FURNITURE))
    return "\n".join([*before, *lines, *after])


def score_detector(
    texts: dict[str, str], make: Callable[[], Detector], n: int = 400, seed: int = 11
) -> PlantedResult:
    """Index ``texts``, plant copies of ``n`` of them, and count what the detector answers for each."""
    detector = make()
    for key, text in texts.items():
        detector.add(key, text)
    rng = random.Random(seed)
    sources = rng.sample(sorted(texts), min(n, len(texts)))
    # a source's twins: itself and the pages already copies of it before any planting (a wire report
    # present twice in the data); answering with those is right
    twins = {key: {key} | {m.key for m in detector.matches(texts[key])} for key in sources}
    found = right = recalled = 0
    for key in sources:
        answers = {m.key for m in detector.matches(plant(texts[key], rng))}
        good = answers & twins[key]
        found += len(answers)
        right += len(good)
        recalled += bool(good)
    return PlantedResult(len(sources), found, right, recalled)
