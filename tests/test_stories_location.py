"""The place at the lead (veille/stories/location.py): which places a page leads with, when two pages put
their events in different places (a veto in placement and in the repair pass) and when they lead with the
same place (a next-day follow-up may join a little under the pair threshold). Pages written for these tests
(tests/fixtures/stories/places.jsonl): a rockfall above Cauterets and, the next morning, a landslide above
Barèges, the next valley, each told in French and English — the same kind of event, the same words, a
day apart."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.kb.fold import fold
from veille.record import Article, Entity, Mention
from veille.store.ingest import store_pages
from veille.stories import evidence
from veille.stories.location import Location, page_location, place_keys, places_agree, places_disagree
from veille.stories.profile import Profile
from veille.stories.repair import LINK_MARGIN, cluster_pages
from veille.stories.similarity import StoryModel, terms

_PAGES = [json.loads(line) for line in (Path(__file__).parent / "fixtures" / "stories" / "places.jsonl")
          .read_text("utf-8").splitlines() if line]


def _place(name: str) -> Entity:
    return Entity(id="L" + hashlib.sha1(fold(name).encode()).hexdigest()[:12], name=name, type="GPE")


def _article(page: dict, with_places: bool = True) -> Article:
    """The page as the entity stage would leave it: its places as entities, each occurrence a mention."""
    entities = [_place(n) for n in page["places"]] if with_places else []
    mentions = [Mention(start=i, end=i + len(e.name), text=e.name, entity_id=e.id)
                for e in entities for i in _occurrences(page["text"], e.name)]
    return Article(id=page["key"], url=page["url"], title=page["title"], text=page["text"], lang=page["lang"],
                   published=page["published"], site_name=page["site_name"], entities=entities,
                   mentions=mentions)


def _occurrences(text: str, name: str) -> list[int]:
    found, start = [], text.find(name)
    while start >= 0:
        found.append(start)
        start = text.find(name, start + 1)
    return found


def _stories(db) -> dict[str, str]:
    return dict(db._rows("SELECT article_id, story_id FROM story_members"))


def test_lead_places_are_the_specific_places_of_the_title_and_first_lines():
    text = "Un éboulement a coupé la route de Cauterets mardi. " + "x " * 300 + "Comme à Lourdes en 2030."
    france = Entity(id="Q142", name="France", type="GPE")  # a country the knowledge base knows: broad
    places = [_place("Cauterets"), _place("Lourdes"), _place("Gavarnie"), france]
    mentions = [Mention(start=i, end=i + len(e.name), text=e.name, entity_id=e.id)
                for e in places for i in _occurrences(text, e.name)]
    found = page_location("Gavarnie et Cauterets sous la pluie, la France en alerte", places, mentions)
    lead = [sorted(k) for k in found.lead]
    assert lead == [sorted(evidence.names("x Gavarnie")), sorted(evidence.names("x Cauterets"))] or \
        lead == [sorted(evidence.names("x Cauterets")), sorted(evidence.names("x Gavarnie"))]
    assert len(found.places) == 3  # Lourdes is named, not at the lead; France is not a specific place
    assert Location.from_json(json.loads(json.dumps(found.to_json()))) == found
    assert Location.from_json(None) == Location() and Location.from_json([["x"]]) == Location()


def test_two_valleys_disagree_and_a_page_naming_the_other_valley_does_not():
    cauterets, bareges = (page_location(p["title"], _article(p).entities, _article(p).mentions)
                          for p in (_PAGES[0], _PAGES[2]))
    own = evidence.names(_PAGES[0]["title"] + "\n" + _PAGES[0]["text"])
    other = evidence.names(_PAGES[2]["title"] + "\n" + _PAGES[2]["text"])
    assert places_disagree(cauterets, own, bareges, other)
    assert not places_agree(cauterets, own, bareges, other)
    # a report of the second slide that recalls the first one names its place: no veto
    recalling = other | evidence.names("x Cauterets")
    assert not places_disagree(cauterets, own, bareges, recalling)
    assert places_agree(cauterets, own, cauterets, own)
    assert not places_disagree(Location(), own, bareges, other)  # no lead place: never disagrees


def test_the_two_valleys_pass_the_pair_threshold_without_their_places(store):  # noqa: F811
    """Without it the test below would prove nothing: the same kind of event, told alike, a day apart,
    joins one story when the pages carry no places."""
    for page in _PAGES:  # one page a batch, in publication order: placement then the repair pass
        store_pages(store, [_article(page, with_places=False)])
    stories = _stories(store)
    assert stories["slide-cauterets-en"] == stories["slide-bareges-en"]


def test_same_kind_of_event_in_the_next_valley_stays_apart(store):  # noqa: F811
    for page in _PAGES:
        store_pages(store, [_article(page)])
    stories = _stories(store)
    assert stories["slide-cauterets-fr"] == stories["slide-cauterets-en"]
    assert stories["slide-bareges-fr"] == stories["slide-bareges-en"]
    assert stories["slide-cauterets-fr"] != stories["slide-bareges-fr"]


def _page(vector: list[float], place: str | None) -> Profile:
    vec = np.array(vector, dtype=np.float32)
    vec /= np.linalg.norm(vec)
    names = evidence.names(f"x {place}") if place else frozenset()
    location = Location((frozenset(names),), (frozenset(names),)) if place else Location()
    return Profile(vec, vec, vec[None, :], frozenset(), names, frozenset(), meta={"location": location})


@pytest.mark.parametrize("follow_up_place, joins", [("Cauterets", True), (None, False), ("Barèges", False)])
def test_a_follow_up_under_the_threshold_joins_only_when_it_leads_with_the_same_place(follow_up_place, joins):
    model = StoryModel((1.0,) + (0.0,) * (len(terms()) - 1), 0.0, 0.8)  # the head cosine alone
    angle = np.arccos(0.8 - LINK_MARGIN / 2)  # a cosine between the threshold and LINK_MARGIN under it
    first = _page([1.0, 0.0], "Cauterets")
    second = _page([1.0, 0.0], "Cauterets")
    follow_up = _page([float(np.cos(angle)), float(np.sin(angle))], follow_up_place)
    clusters = cluster_pages([first, second, follow_up], ["2032-04-07", "2032-04-07", "2032-04-08"], model)
    assert (clusters == [[0, 1, 2]]) is joins
    assert [0, 1] in clusters or clusters == [[0, 1, 2]]


def test_pages_that_disagree_on_the_place_never_join_however_close():
    model = StoryModel((1.0,) + (0.0,) * (len(terms()) - 1), 0.0, 0.8)
    pages = [_page([1.0, 0.0], "Cauterets"), _page([1.0, 0.01], "Barèges"), _page([1.0, 0.02], None)]
    clusters = cluster_pages(pages, ["2032-04-07"] * 3, model)
    assert [0, 1] not in clusters and not any({0, 1} <= set(c) for c in clusters)


def test_a_place_spelled_in_two_languages_is_one_place():
    """A city with a French exonym: two French pages both say "Londres", an English page "London". The
    knowledge base links all three to one place, so none of the pairs disagrees — neither the French pair
    (whose words never spell the canonical name) nor the cross-lingual one. An invented warehouse fire."""
    london = Entity(id="Q84", name="London", type="GPE", names=["Londres"])
    london_en = Entity(id="Q84", name="London", type="GPE", names=["London"])
    pages = {
        "fr1": ("Incendie d'un entrepôt à Londres", "Un entrepôt a brûlé mardi à Londres, près de la Tamise.",
                london),
        "fr2": ("Londres : le feu maîtrisé", "À Londres, les pompiers ont éteint le feu mercredi.", london),
        "en": ("London warehouse fire", "A warehouse burned in London on Tuesday.", london_en),
    }
    located = {}
    for key, (title, text, place) in pages.items():
        spot = text.index(place.names[0])
        mention = Mention(start=spot, end=spot + len(place.names[0]), text=place.names[0], entity_id=place.id)
        located[key] = (page_location(title, [place], [mention]), evidence.names(f"{title}\n{text}"))
    assert located["fr1"][0].lead and located["en"][0].lead
    for a, b in (("fr1", "fr2"), ("fr1", "en"), ("en", "fr2")):
        assert not places_disagree(*located[a], *located[b]), (a, b)
        assert places_agree(*located[a], *located[b]), (a, b)
    # kept as the knowledge base's name alone, with no id, the French pair's words (they spell "Londres"
    # only) would not meet it; the two pages still share it since both entity stages found the place
    # (the audit's rule: a place key in both pages' places)
    canonical = Location((place_keys("London"),), (place_keys("London"),))
    assert not places_disagree(canonical, located["fr1"][1], canonical, located["fr2"][1])
    assert places_disagree(canonical, located["fr1"][1], Location((place_keys("Leeds"),),
                           (place_keys("Leeds"),)), located["fr2"][1])
    # and a place the other page neither names nor links still disagrees
    moscow = Location((place_keys("Moscou"),), (place_keys("Moscou"),), frozenset({"Q649"}))
    assert places_disagree(moscow, evidence.names("Moscou"), located["fr1"][0], located["fr1"][1])
