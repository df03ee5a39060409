"""The story evaluation sets of ../shared/corpus/stories, read in place (never copied).

``semeval2022/pairs.jsonl`` (en-en, fr-fr, titles apart) and ``semeval2022_hfl_aug/pairs.jsonl`` (16
language pairs, title and body in one text, machine-translated sides flagged) give graded pairs;
``semeval2022_hfl_aug/mt_copies.jsonl`` gives (original, machine-translated copy) pairs. Each distinct text
is one ``Doc``, so an article that appears in several pairs is encoded once.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..stories.profile import PageText

FILES = ("semeval2022/pairs.jsonl", "semeval2022_hfl_aug/pairs.jsonl", "semeval2022_hfl_aug/mt_copies.jsonl")


@dataclass(frozen=True)
class Pair:
    pair_id: str
    dataset: str
    lang_pair: str
    cross: bool
    a: str  # doc keys
    b: str
    overall: float
    hard_negative: bool
    machine_translated: bool = False  # either side is an HFL machine translation
    articles: tuple[str, str] = ("", "")  # the corpus's article ids, a machine translation's suffix dropped

    @property
    def positive(self) -> bool:
        return self.overall <= 1.5

    @property
    def negative(self) -> bool:
        return self.overall >= 2.5


def grouped_folds(pairs: list[Pair], k: int = 5) -> list[int]:
    """A fold number in [0, k) for each pair, such that no article sits in two folds.

    Pairs that share a text, or an article (an original and its machine translation count as one), are
    linked; each linked group goes whole into one fold (largest groups first, each into the smallest fold
    so far), so a model never meets at test time an article it was fitted on."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        for node in (p.b, *(f"id:{i}" for i in p.articles if i)):
            parent[root(node)] = root(p.a)
    groups = [root(p.a) for p in pairs]
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        fold_of[g] = min(range(k), key=lambda f: (load[f], f))
        load[fold_of[g]] += n
    return [fold_of[g] for g in groups]


def _article(raw_id: object) -> str:
    """The corpus article id without a machine translation's language suffix (``1573093212fr`` →
    ``1573093212``)."""
    return re.sub(r"\D+$", "", str(raw_id or ""))


@dataclass(frozen=True)
class Copy:
    original: str
    copy: str
    orig_lang: str
    copy_lang: str


@dataclass
class StorySets:
    docs: dict[str, PageText]
    pairs: list[Pair]
    copies: list[Copy]
    machine_translated: set[str] = field(default_factory=set)  # keys of the docs that are HFL translations


def doc_key(title: str | None, text: str) -> str:
    return hashlib.sha1(f"{title or ''}\x00{text}".encode()).hexdigest()[:16]


def _doc(docs: dict[str, PageText], text: str, lang: str, title: str | None = None) -> str:
    key = doc_key(title, text)
    docs.setdefault(key, PageText(text=text, title=title, lang=lang))
    return key


def _is_hard_negative(scores: dict) -> bool:
    """Same actors, another story: the corpus README's rule (Entities ≤ 2 and Narrative ≥ 3)."""
    return scores.get("Entities", 4) <= 2 and scores.get("Narrative", 1) >= 3


def load(corpus: Path, sample: int | None = None, seed: int = 7) -> StorySets:
    """Every pair and copy (or an evenly drawn random ``sample`` of each file), their texts as docs."""
    docs: dict[str, PageText] = {}
    pairs: list[Pair] = []
    copies: list[Copy] = []
    translated: set[str] = set()
    for name in FILES:
        rows = [
            json.loads(line) for line in (corpus / "stories" / name).read_text("utf-8").splitlines() if line
        ]
        if sample and sample < len(rows):
            rows = random.Random(seed).sample(rows, sample)
        dataset = name.split("/")[0] if "pairs" in name else "mt_copies"
        for r in rows:
            if dataset == "mt_copies":
                copies.append(
                    Copy(
                        _doc(docs, r["orig_text"], r["orig_lang"]),
                        _doc(docs, r["copy_text"], r["copy_lang"]),
                        r["orig_lang"],
                        r["copy_lang"],
                    )
                )
                translated.add(copies[-1].copy)
                continue
            a = _doc(docs, r["text1"], r["lang1"], r.get("title1"))
            b = _doc(docs, r["text2"], r["lang2"], r.get("title2"))
            translated |= {key for key, flag in ((a, r.get("mt1")), (b, r.get("mt2"))) if flag}
            pairs.append(
                Pair(
                    r["pair_id"] + "@" + dataset,
                    dataset,
                    r["lang_pair"],
                    r["lang1"] != r["lang2"],
                    a,
                    b,
                    float(r["overall"]),
                    _is_hard_negative(r["scores"]),
                    bool(r.get("mt1") or r.get("mt2")),
                    (_article(r.get("id1")), _article(r.get("id2"))),
                )
            )
    return StorySets(docs, pairs, copies, translated)
