"""``veille eval langid``: language identification accuracy for several candidate-language sets.

py3langid answers among the languages it is allowed; restricting the set removes confusions between
close languages on short text, but a page in a language outside the set can only be mislabelled. This
evaluation measures both effects on ``../shared/corpus/langid`` (news first sentences and ~1000-character
chunks from real pages, and Leipzig web sentences, word pairs and 8-sentence texts), so the default set in
``veille.config.DEFAULT_LANGUAGES`` is chosen by measurement.

>>> accuracy([("fr", "fr"), ("en", "fr")])
0.5
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..config import DEFAULT_LANGUAGES
from ..stages.langid import identify
from .common import Row, with_floors

NAME = "langid"
_FILES = {"news_sets.json": ("news_short", "news_long"),
          "leipzig_sets.json": ("leipzig_sentences", "leipzig_wordpairs", "leipzig_long8")}


#: The earlier default, kept for comparison: European languages plus Russian, Ukrainian, Arabic, Chinese.
_NARROW = ("fr", "en", "de", "es", "it", "pt", "nl", "ru", "uk", "ar", "zh", "pl", "tr")


@cache
def all_languages() -> tuple[str, ...]:
    """Every language py3langid's model knows (97)."""
    return tuple(sorted(LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes))


def language_sets(labels: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """The candidate sets compared, by the name printed in the table.

    ``default+test`` adds every language present in the test sets to the default: it shows what the
    default loses on pages in other languages (Korean, Japanese, Indonesian… in the news sets).
    """
    western = ("fr", "en", "de", "es", "it", "pt", "nl")
    extra = tuple(sorted(set(labels) - set(DEFAULT_LANGUAGES)))
    return {
        "fr+en": ("fr", "en"),
        f"western({len(western)})": western,
        f"narrow({len(_NARROW)})": _NARROW,
        "default": DEFAULT_LANGUAGES,
        f"default+test({len(DEFAULT_LANGUAGES) + len(extra)})": DEFAULT_LANGUAGES + extra,
        f"all({len(all_languages())})": all_languages(),
    }


def load_sets(corpus: Path) -> dict[str, list[dict]]:
    """The labelled test sets: name -> [{"text", "lang"}, ...]."""
    folder = corpus / "langid"
    out: dict[str, list[dict]] = {}
    for file, names in _FILES.items():
        data = json.loads((folder / file).read_text(encoding="utf-8"))
        out.update({name: data[name] for name in names})
    return out


def corpus_sha1(corpus: Path) -> str:
    """Checksum of the test sets, kept beside the floors."""
    h = hashlib.sha1()
    for file in sorted(_FILES):
        h.update((corpus / "langid" / file).read_bytes())
    return h.hexdigest()


def accuracy(pairs: Iterable[tuple[str | None, str]]) -> float:
    """Share of (predicted, gold) pairs that agree."""
    pairs = list(pairs)
    return sum(1 for p, g in pairs if p == g) / len(pairs) if pairs else 0.0


def score(items: list[dict], languages: tuple[str, ...]) -> float:
    """Accuracy of py3langid restricted to ``languages`` on ``items``."""
    return accuracy((identify(it["text"], languages)[0], it["lang"]) for it in items)


#: The languages veille analyses in depth: a larger candidate set must not cost them accuracy.
ANALYSED = ("fr", "en")


def rows_for(name: str, items: list[dict], label: str, languages: tuple[str, ...]) -> list[Row]:
    """Accuracy on the whole test set, and on its French and English items alone."""
    pairs = [(identify(it["text"], languages)[0], it["lang"]) for it in items]
    mine = [(p, g) for p, g in pairs if g in ANALYSED]
    return [Row(name, f"accuracy {label}", accuracy(pairs), len(pairs)),
            Row(name, f"fr/en items {label}", accuracy(mine), len(mine))]


def evaluate(corpus: Path, only: tuple[str, ...] | None = None) -> list[Row]:
    """Rows per test set and candidate set; ``only`` keeps some test sets (for the quick gate)."""
    sets = load_sets(corpus)
    labels = {it["lang"] for items in sets.values() for it in items}
    if only:
        sets = {k: v for k, v in sets.items() if k in only}
    rows = [row for name, items in sets.items() for label, langs in language_sets(labels).items()
            for row in rows_for(name, items, label, langs)]
    return with_floors(NAME, rows)
