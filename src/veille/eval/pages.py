"""``veille eval pages``: extraction on the hand-annotated news pages (news/dev-gold.jsonl).

For each gold entry (25 pages, each as HTML and as plain text): the body's first and last words kept,
the listed boilerplate snippets removed, the title right, and the publication date right wherever the
gold states it. Matching folds white space and quote marks as the corpus README says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..record import Article
from .common import Row, with_floors

NAME = "pages"


def fold(s: str | None) -> str:
    """Compare texts as the gold was written: white space collapsed, apostrophes and quote marks unified."""
    s = unicodedata.normalize("NFKC", s or "")
    for a, b in (("’", "'"), ("‘", "'"), ("«", '"'), ("»", '"'), ("“", '"'), ("”", '"')):
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).strip().lower()


@dataclass
class PageScore:
    id: str
    first_kept: bool
    last_kept: bool
    snippets_removed: int
    snippets: int
    title_right: bool
    published_right: bool | None  # None when the gold does not state a date

    def misses(self) -> list[str]:
        out = [
            m
            for m, ok in (
                ("first words", self.first_kept),
                ("last words", self.last_kept),
                ("title", self.title_right),
            )
            if not ok
        ]
        if self.snippets_removed < self.snippets:
            out.append(f"boilerplate {self.snippets_removed}/{self.snippets}")
        if self.published_right is False:
            out.append("published")
        return out


def load_gold(corpus: Path) -> list[dict]:
    path = corpus / "news" / "dev-gold.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_page(gold: dict, art: Article) -> PageScore:
    text = fold(art.text)
    snippets = gold.get("boilerplate_snippets") or []
    return PageScore(
        id=gold["id"],
        first_kept=fold(gold["body_first_words"]) in text,
        last_kept=fold(gold["body_last_words"]) in text,
        snippets_removed=sum(1 for s in snippets if fold(s) not in text),
        snippets=len(snippets),
        title_right=fold(art.title) == fold(gold["title"]),
        published_right=None
        if not gold.get("published")
        else (art.published or "")[:10] == gold["published"],
    )


def evaluate(corpus: Path, analyze=None) -> tuple[list[Row], list[PageScore]]:
    """Score every dev-gold entry; ``analyze`` maps a path to an Article (default: the full pipeline)."""
    if analyze is None:
        from ..api_functions import analyze as analyze
    gold = load_gold(corpus)
    scores = [score_page(g, analyze(corpus / "news" / g["raw_file"])) for g in gold]
    n = len(scores)
    dated = [s for s in scores if s.published_right is not None]
    rows = [
        Row("news/dev-gold", "body first words kept", sum(s.first_kept for s in scores) / n, n),
        Row("news/dev-gold", "body last words kept", sum(s.last_kept for s in scores) / n, n),
        Row(
            "news/dev-gold",
            "boilerplate removed",
            sum(s.snippets_removed for s in scores) / max(1, sum(s.snippets for s in scores)),
            sum(s.snippets for s in scores),
        ),
        Row("news/dev-gold", "title right", sum(s.title_right for s in scores) / n, n),
        Row(
            "news/dev-gold",
            "published right (where stated)",
            sum(bool(s.published_right) for s in dated) / max(1, len(dated)),
            len(dated),
        ),
    ]
    return with_floors(NAME, rows), scores
