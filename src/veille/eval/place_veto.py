"""``pairs/place veto`` rows of ``veille eval stories``: how often the place veto splits real same-story
pairs, and how often it keeps real different-story pairs apart.

The veto (``stories.location.places_disagree``: two pages that both lead with specific places and share
none are never one story) was built on invented streams; this audits it on the SemEval-2022 pages in the
languages veille analyses. Each page goes through the default analysis pipeline (entities on), its
``Location`` and name keys are built as ``stories.online`` builds them, and each gold pair is asked whether
the veto would fire.

Pairs: every SemEval pair whose two pages are in a language veille analyses ("same-language": en-en and
fr-fr, the corpus has no fr-en pair), and cross-lingual pairs made with the machine-translated copies of
``mt_copies.jsonl``: an original pair (a, b) where a is in one of those languages and b's article has a copy
in the other gives the pair (a, copy of b) with the same grade ("MT cross-lingual": real reports, one side
in a fluent machine translation; the German side of a de-en pair translated into French, mostly).

Rows (dataset ``pairs/place veto``, and ``pairs/place veto MT cross-lingual`` for the pairs made with
the copies; lower is better for the first two, no floor): the share of same-story
pairs (overall ≤ 2, and ≤ 1.5) the veto splits, the share of different-story pairs (overall ≥ 3) it keeps
apart (the veto's use), and the share of pairs where both pages lead with places (where it can fire at
all); each for same-language and cross-lingual pairs. ``wrongly_vetoed`` lists the same-story pairs it
splits with the places each page leads with (``veille eval stories --only veto -v``).

The analysed pages are kept in a cache file (``cache_root()/eval/place_veto-<version>.json``: each page's
title, text, place entities and their mentions' offsets), so a change to ``location`` is measured again in
seconds; ``ANALYSIS_VERSION`` changes when what is kept changes. The cache does not know the analysis
stages' code: after a change to the entity stage, remove the file to measure the veto on what it finds now.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..disk_cache import cache_root, write_atomic
from ..stories import evidence
from ..stories.location import PLACE_TYPES, Location, page_location, places_disagree
from .common import Row
from .stories_data import Pair, StorySets, doc_key, load

DATASET = "pairs/place veto"
#: Bump when the cached analysis changes shape or meaning.
ANALYSIS_VERSION = 1
#: Gold grades: same story at most ``SAME``, (strictly the same at most ``STRICT``), another from ``OTHER``.
SAME, STRICT, OTHER = 2.0, 1.5, 3.0


@dataclass(frozen=True)
class Place:
    """A place entity of an analysed page, as ``page_location`` reads it."""

    id: str
    name: str
    type: str
    names: list[str]


@dataclass(frozen=True)
class PlaceMention:
    entity_id: str
    start: int
    end: int


@dataclass(frozen=True)
class AnalysedPage:
    """What the place veto reads of an analysed page."""

    title: str | None
    text: str
    places: list[Place]
    mentions: list[PlaceMention]

    def location(self) -> Location:
        return page_location(self.title, self.places, self.mentions, self.text)

    def names(self) -> frozenset[str]:
        """The page's name keys, as ``Profile.names`` (title and body, first 5,000 characters)."""
        titled = f"{self.title}\n{self.text}" if self.title else self.text
        return evidence.names(titled[:5000])

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text,
                "places": [[p.id, p.name, p.type, p.names] for p in self.places],
                "mentions": [[m.entity_id, m.start, m.end] for m in self.mentions]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> AnalysedPage:
        places = [Place(*p) for p in d["places"]]
        spelled = {p.id: [p.name, *p.names] for p in places}
        return cls(d["title"], d["text"], places,
                   [PlaceMention(m[0], m[1], m[2] if len(m) > 2 else _end(d["text"], m[1], spelled[m[0]]))
                    for m in d["mentions"]])


def _end(text: str, start: int, names: list[str]) -> int:
    """Where a mention cached by the first version (its start only) ends: the longest of its place's names
    written there, whatever the case."""
    here = text[start:].casefold()
    return start + max((len(n) for n in names if n and here.startswith(n.casefold())), default=0)


@dataclass(frozen=True)
class VetoPair:
    """A gold pair of two analysed pages."""

    pair: Pair
    a: str  # doc keys
    b: str
    cross: bool


def veto_pairs(sets: StorySets, corpus: Path, langs: Iterable[str]) -> list[VetoPair]:
    """The pairs of pages in ``langs``, and the cross-lingual pairs made with the MT copies (module doc):
    a copy stands in for its original article wherever that article sits in a pair."""
    langs = set(langs)
    lang = {k: d.lang for k, d in sets.docs.items()}
    copies: dict[str, list[str]] = {}
    mt_copies = corpus / "stories" / "semeval2022_hfl_aug" / "mt_copies.jsonl"
    for line in mt_copies.read_text("utf-8").splitlines():
        c = json.loads(line) if line.strip() else None
        key = doc_key(None, c["copy_text"]) if c and c["copy_lang"] in langs else None
        if c and key in lang:
            copies.setdefault(str(c["orig_id"]), []).append(key)
    out: list[VetoPair] = []
    for p in sets.pairs:
        if lang[p.a] in langs and lang[p.b] in langs:
            out.append(VetoPair(p, p.a, p.b, lang[p.a] != lang[p.b]))
        if p.machine_translated:
            continue
        for keep, article in ((p.a, p.articles[1]), (p.b, p.articles[0])):
            if lang[keep] in langs:
                out += [VetoPair(p, keep, copy, True) for copy in copies.get(article, [])
                        if lang[copy] != lang[keep]]
    return out


def _cache_file() -> Path:
    return cache_root() / "eval" / f"place_veto-{ANALYSIS_VERSION}.json"


def analyse_pages(sets: StorySets, keys: list[str],
                  progress: Callable[[int, int], None] | None = None) -> dict[str, AnalysedPage]:
    """Each page of ``keys`` through the default pipeline (entities on), from the cache when it is there;
    the cache is written back every 50 pages, so an interrupted run resumes."""
    from ..api_functions import _pipeline
    from ..errors import InputError
    from ..sources import source_from_text
    from .story_stream import StreamPage, page_html

    path = _cache_file()
    try:
        cached: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        cached = {}
    todo = [k for k in keys if k not in cached]
    pipe = _pipeline(None) if todo else None
    for n, key in enumerate(todo, 1):
        doc = sets.docs[key]
        page = StreamPage(key, "", doc.lang or "", "", "", "", doc.title or "", doc.text)
        try:
            source = source_from_text(key, page_html(page) if doc.title else doc.text,
                                      "html" if doc.title else "text")
        except InputError:  # an empty or unreadable text: a page without places
            source = None
        assert pipe is not None
        art = next(pipe.run([source], lang=doc.lang)).article if source else None
        if art is None:  # kept as a page without places: the veto never fires on it
            cached[key] = AnalysedPage(doc.title, doc.text, [], []).to_json()
        else:
            places = [Place(e.id, e.name, e.type, list(e.names))
                      for e in art.entities if e.type in PLACE_TYPES]
            ids = {p.id for p in places}
            mentions = [PlaceMention(m.entity_id, m.start, m.end) for m in art.mentions if m.entity_id in ids]
            cached[key] = AnalysedPage(art.title, art.text, places, mentions).to_json()
        if n % 50 == 0 or n == len(todo):
            write_atomic(path, json.dumps(cached, ensure_ascii=False).encode())
        if progress:
            progress(n, len(todo))
    return {k: AnalysedPage.from_json(cached[k]) for k in keys}


@dataclass(frozen=True)
class Verdict:
    pair: VetoPair
    vetoed: bool
    both_lead: bool


def verdicts(pairs: list[VetoPair], pages: dict[str, AnalysedPage]) -> list[Verdict]:
    """Whether the veto fires on each pair."""
    loc = {k: p.location() for k, p in pages.items()}
    names = {k: p.names() for k, p in pages.items()}
    return [Verdict(vp, places_disagree(loc[vp.a], names[vp.a], loc[vp.b], names[vp.b]),
                    bool(loc[vp.a].lead and loc[vp.b].lead)) for vp in pairs]


def veto_rows(found: list[Verdict]) -> list[Row]:
    """The rows of the module doc."""
    rows: list[Row] = []
    for dataset, cross in ((DATASET, False), (f"{DATASET} MT cross-lingual", True)):
        part = [v for v in found if v.pair.cross == cross]
        for metric, keep in (("same-story vetoed", lambda o: o <= SAME),
                             ("same-story (<=1.5) vetoed", lambda o: o <= STRICT),
                             ("different-story vetoed", lambda o: o >= OTHER),
                             ("both lead with places", lambda o: True)):
            chosen = [v for v in part if keep(v.pair.pair.overall)]
            hit = sum(v.both_lead if metric.startswith("both") else v.vetoed for v in chosen)
            rows.append(Row(dataset, metric, hit / max(1, len(chosen)), len(chosen)))
    return rows


def wrongly_vetoed(found: list[Verdict], pages: dict[str, AnalysedPage]) -> list[str]:
    """One line per same-story pair the veto splits: its grade and each page's title and lead places."""
    lines = []
    for v in found:
        if not v.vetoed or v.pair.pair.overall > SAME:
            continue
        lines.append(f"{v.pair.pair.pair_id} overall {v.pair.pair.overall:g}"
                     f"{' cross' if v.pair.cross else ''}")
        for key in (v.pair.a, v.pair.b):
            page = pages[key]
            lead = [sorted(keys) for keys in page.location().lead]
            head = (page.title or page.text[:80]).replace("\n", " ")
            lines.append(f"    [{key}] {head[:90]!r} lead {lead}")
    return lines


def evaluate(corpus: Path, *, sample: int | None = None, notes: list[str] | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[Row]:
    """The rows of the module doc on the corpus (a seeded ``sample`` of each file when given); ``notes``
    receives the wrongly vetoed same-story pairs."""
    from ..lang import supported

    sets = load(corpus, sample=sample)
    pairs = veto_pairs(sets, corpus, supported())
    keys = sorted({k for vp in pairs for k in (vp.a, vp.b)})
    pages = analyse_pages(sets, keys, progress)
    found = verdicts(pairs, pages)
    if notes is not None:
        notes += wrongly_vetoed(found, pages)
    return veto_rows(found)
