"""Online story clustering at store time: each new page is folded under the page it copies, or joins the
best live story, or opens a new one — in any language.

For each page, in order of publication (then id, so the order of a batch does not matter):

1. **copies** — a stored page with the same normalised body hash, or sharing a MinHash band and passing
   the exact shingle check (``copies.check``), makes this page a copy: ``copy_of`` its earliest original,
   in that original's story, linked ``copy_of`` with the Jaccard as score;
2. **story** — candidate stories come from the blocking keys (``blocking``: entity ids, head-vector
   bands) active within ``WINDOW_DAYS`` of the page's date, at most ``MAX_CANDIDATES`` of them; each is
   scored by the best model score (``similarity``) between the page and its latest ``MEMBERS_COMPARED``
   members; a story with a member whose event is in another place (``location.places_disagree``: both
   lead with places and share none) is not a candidate; the best at or above the model's threshold wins,
   else the page opens a story;
3. **translations** — a member of the chosen story in another language whose ``translation_score`` is at
   or above ``TRANSLATION_THRESHOLD`` is linked ``translation_of`` (sentence by sentence when both pages
   have stored sentence evidence, else by chunks: ``translation_link``) (the direction from
   ``which_is_original``; when nothing tells, the later page is taken for the translation).

Ingest order changes the result only where a page lies between two stories: the documented tolerance is
that a re-clustering (``veille stories --recluster``, pages in publication order) gives the same partition
up to those borderline pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..record import Article
from . import blocking, copies, credits, translation
from .encoder import DIM, Encoder, shared_encoder
from .location import Location, page_location, places_agree, places_disagree
from .profile import PageText, Profile, Sentences, build_profiles
from .similarity import StoryModel, features, shipped_model

WINDOW_DAYS = 3
MAX_CANDIDATES = 20
MEMBERS_COMPARED = 8


@dataclass(frozen=True)
class Placement:
    """Where a page went: its story, whether it opened it, what it copies, its score against the story."""

    article_id: str
    story_id: str
    opened: bool
    copy_of: str | None = None
    score: float | None = None
    translation_of: str | None = None


def page_text(article: Article) -> PageText:
    """The part of a record story work reads: entity ids from the record's own linking, or, for a record
    without entities (analysed without the entity stage), from the knowledge base."""
    ids = frozenset(e.id for e in article.entities) if article.entities else None
    return PageText(text=article.text, title=article.title, lang=article.lang, entity_ids=ids)


def place_pages(
    store: Any,
    articles: Sequence[Article],
    *,
    encoder: Encoder | None = None,
    model: StoryModel | None = None,
) -> list[Placement]:
    """Place ``articles`` (already stored) in stories, in one transaction; their placements in page order.

    The encoder runs before the transaction opens, so writers are not held while vectors are computed."""
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    profiles = build_profiles([page_text(a) for a in ordered], encoder or shared_encoder())
    model = model or shipped_model()
    placed: list[Placement] = []
    with store._transaction() as cur:
        order = _next_order(store, cur)
        for n, (art, prof) in enumerate(zip(ordered, profiles, strict=True)):
            placed.append(_place(store, cur, art, prof, model, order + n))
    return placed


def _next_order(store: Any, cur: Any) -> int:
    cur.execute(store._q("SELECT coalesce(max(joined_at), 0) FROM story_members"))
    return int(cur.fetchone()[0]) + 1


def _place(store: Any, cur: Any, art: Article, prof: Profile, model: StoryModel, order: int) -> Placement:
    store._forget_page(cur, art.id)
    prof.meta["location"] = page_location(art.title, art.entities, art.mentions, art.text)
    body_hash = copies.body_hash(art.text)
    bands = blocking.copy_bands(art.text)
    original, copy_score = _find_original(store, cur, art, body_hash, bands)
    folded = [] if original else store._copies_of(cur, art.id)
    keys = blocking.entity_keys(Counter(m.entity_id for m in art.mentions)) or blocking.entity_keys(
        prof.entities
    )
    keys += blocking.vector_keys(prof.head)
    story_id, score, opened = None, None, False
    if original:
        story_id = store._story_of(cur, original)
        store._add_link(cur, art.id, original, "copy_of", copy_score)
    elif folded:  # this page is the original of stored copies: it joins their story
        story_id = store._story_of(cur, folded[0])
    if story_id is None:
        story_id, score = _best_story(store, cur, art, prof, keys, model)
    if story_id is None:
        story_id, opened = "s" + hashlib.sha1(art.id.encode()).hexdigest()[:15], True
        store._open_story(cur, story_id, art.id, art.title)
    store._save_profile(cur, art.id, body_hash, _blobs(prof), {**_evidence(prof), "keys": keys}, bands,
                        sentence_record(prof.sentences) if prof.sentences is not None else None)
    store._add_member(cur, story_id, art, score, keys, _day(art), original, order)
    if folded:
        store._refresh_story(cur, story_id)
    translated = None if original else _link_translation(store, cur, art, prof, story_id)
    return Placement(art.id, story_id, opened, original, score, translated)


def _find_original(
    store: Any, cur: Any, art: Article, body_hash: str, bands: list[str]
) -> tuple[str | None, float]:
    """The original of the copies this page belongs to, and the page's overlap with them.

    The stored pages this one copies are followed to their originals; of those and this page, the earliest
    seen wins, wire credits and canonical URLs breaking ties (``credits.choose_original``). When this page
    wins, the stored originals and their copies are folded under it (``_reroot_copies``) and it is placed as
    an original (None)."""
    grams = copies.shingles(art.text)
    scores: dict[str, float] = {}
    for other_id, _published, text in store._copy_candidates(cur, body_hash, bands):
        if other_id == art.id:
            continue
        if copies.body_hash(text) == body_hash:
            match_score: float | None = 1.0
        else:
            match = copies.check(other_id, grams, copies.shingles(text))
            match_score = match.jaccard if match else None
        if match_score is not None:
            root = store._copy_root(cur, other_id)
            if root != art.id:  # else a copy of this very page (placed again): it stays their original
                scores[root] = max(scores.get(root, 0.0), match_score)
    if not scores:
        return None, 0.0
    seen = store._seen_order(cur, [art.id, *scores])
    candidates = [credits.Candidate(art, seen.get(art.id, 0))]
    for root in sorted(scores):
        stored = store.get_article(root)
        if stored is not None:
            candidates.append(credits.Candidate(stored, seen.get(root, 0)))
    best = credits.choose_original(candidates).article.id
    if best != art.id:
        return best, scores[best]
    for root in sorted(scores):
        store._reroot_copies(cur, root, art.id, scores[root])
    return None, max(scores.values())


def _best_story(
    store: Any, cur: Any, art: Article, prof: Profile, keys: list[str], model: StoryModel
) -> tuple[str | None, float | None]:
    day = _day(art)
    start, end = _shift(day, -WINDOW_DAYS), _shift(day, WINDOW_DAYS)
    best: tuple[float, str] | None = None
    for story_id in store._story_candidates(cur, keys, start, end, MAX_CANDIDATES):
        members = [stored_profile(m) for m in store._member_profiles(cur, story_id, MEMBERS_COMPARED)]
        if not members or any(elsewhere(prof, m) for m in members):
            continue
        score = max(float(model.score(features(prof, m))) for m in members)
        if score >= model.threshold and (best is None or score > best[0]):
            best = (score, story_id)
    return (best[1], round(best[0], 4)) if best else (None, None)


def elsewhere(a: Profile, b: Profile) -> bool:
    """Whether two profiles put their events in different places (``location.places_disagree``; a profile
    without a location, stored before it was kept, never does)."""
    return places_disagree(location_of(a), a.names, location_of(b), b.names)


def same_place(a: Profile, b: Profile) -> bool:
    """Whether two profiles lead with the same place (``location.places_agree``)."""
    return places_agree(location_of(a), a.names, location_of(b), b.names)


def location_of(prof: Profile) -> Location:
    """The profile's lead places (``Location()`` when unknown)."""
    found = prof.meta.get("location")
    return found if isinstance(found, Location) else Location()


def _link_translation(store: Any, cur: Any, art: Article, prof: Profile, story_id: str) -> str | None:
    best: tuple[float, tuple] | None = None
    others = [m for m in store._member_profiles(cur, story_id, MEMBERS_COMPARED * 2)
              if m[0] != art.id and m[1] and m[1] != art.lang]
    sentences = store._sentence_evidence(cur, [m[0] for m in others]) if prof.sentences is not None else {}
    for m in others:
        stored = stored_profile(m)
        if m[0] in sentences:
            stored.sentences = read_sentences(*sentences[m[0]])
        score = translation.translation_score(prof, stored)
        if score >= translation.TRANSLATION_THRESHOLD and (best is None or score > best[0]):
            best = (score, m)
    if best is None:
        return None
    other = best[1]
    other_art = store.get_article(other[0])
    page = PageText(art.text, art.title, art.lang)
    first = (
        translation.which_is_original(
            page, PageText(other_art.text, other_art.title, other_art.lang), art.published, other[2]
        )
        if other_art
        else None
    )
    if first == 0:  # this page is the original: the stored one translates it
        store._add_link(cur, other[0], art.id, "translation_of", best[0])
        return None
    store._add_link(cur, art.id, other[0], "translation_of", best[0])
    return other[0]


def stored_profile(row: tuple) -> Profile:
    """A profile back from its stored row (id, lang, published, head, full, chunks, evidence), without its
    sentence evidence (read apart, for the translation link only: ``read_sentences``)."""
    ev = json.loads(row[6])
    chunks = np.frombuffer(bytes(row[5]), dtype=np.float16).astype(np.float32).reshape(-1, 512)
    return Profile(
        head=_vec(row[3]),
        full=_vec(row[4]),
        chunks=chunks,
        numbers=frozenset(ev["numbers"]),
        names=frozenset(ev["names"]),
        entities=frozenset(ev["entities"]),
        lang=row[1],
        meta={"location": Location.from_json(ev.get("location"))},
    )


def sentence_record(sentences: Sentences) -> tuple[bytes, str]:
    """A page's sentence evidence as stored (migration 10): the vectors int8-quantised row by row (each
    row's float32 scale first, then its 512 bytes: 516 bytes a sentence, a quarter of float32, and cosines
    within about 0.01 of the exact ones), and JSON with the body length and the ordered facts."""
    vectors = np.asarray(sentences.vectors, dtype=np.float32).reshape(-1, DIM)
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-12) / 127.0
    quantised = np.round(vectors / scale[:, None]).astype(np.int8)
    blob = b"".join(s.tobytes() + q.tobytes()
                     for s, q in zip(scale.astype(np.float32), quantised, strict=True))
    evidence = {"chars": sentences.chars, "facts": [list(f) for f in sentences.facts]}
    return blob, json.dumps(evidence, ensure_ascii=False)


def read_sentences(blob: bytes, evidence_json: str) -> Sentences:
    """The inverse of ``sentence_record`` (vectors back to unit length)."""
    rows = np.frombuffer(bytes(blob), dtype=np.uint8).reshape(-1, 4 + DIM)
    scale = rows[:, :4].copy().view(np.float32).reshape(-1)
    vectors = rows[:, 4:].copy().view(np.int8).astype(np.float32) * scale[:, None]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    evidence = json.loads(evidence_json)
    return Sentences(vectors / np.where(norms > 0, norms, 1.0), int(evidence["chars"]),
                     tuple(tuple(f) for f in evidence["facts"]))


def _vec(blob: Any) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)


def _blobs(prof: Profile) -> tuple[bytes, bytes, bytes]:
    return (
        prof.head.astype(np.float16).tobytes(),
        prof.full.astype(np.float16).tobytes(),
        prof.chunks.astype(np.float16).tobytes(),
    )


def _evidence(prof: Profile) -> dict:
    return {
        "numbers": sorted(prof.numbers)[:200],
        "names": sorted(prof.names)[:200],
        "entities": sorted(prof.entities)[:200],
        "location": location_of(prof).to_json(),
    }


def _day(art: Article) -> str:
    return (art.published or dt.date.today().isoformat())[:10]


def _shift(day: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return day


def recluster(store: Any, *, batch: int = 64, encoder: Encoder | None = None) -> int:
    """Rebuild every story from scratch, pages in publication order, each batch repaired as at ingest
    (``repair``); the number of pages placed."""
    from .repair import repair

    with store._transaction() as cur:
        store._clear_stories(cur)
    ids = [r[0] for r in store._rows("SELECT id FROM articles ORDER BY published NULLS LAST, id")]
    for i in range(0, len(ids), batch):
        arts = [a for a in (store.get_article(x) for x in ids[i : i + batch]) if a is not None]
        placed = place_pages(store, arts, encoder=encoder)
        repair(store, [p.article_id for p in placed])
    return len(ids)
