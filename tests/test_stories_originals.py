"""The original among copies (veille.stories.credits, used by online placement): the earliest seen, and on
the same day the wire agency's own page, then a page keeping the wire credit, then a canonical address; a
page that turns out to be the original of stored copies takes their place. Texts invented for the tests."""

from __future__ import annotations

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.record import Article, Attribution, Entity, Span
from veille.stories.credits import (
    Candidate,
    agency_of_site,
    article_credits,
    choose_original,
    credited_agencies,
    is_canonical,
)
from veille.stories.online import place_pages

WIRE = (
    "VALDORE (AFP) - The regional council of Valdore voted on Tuesday to close the old harbour bridge to "
    "lorries from the first of June, after inspectors found cracks in two of its seven steel arches. "
    "Repairs are expected to take eighteen months and to cost about 41 million euros, the council said. "
    "Buses and cars will still cross the bridge, but at no more than thirty kilometres an hour. Freight "
    "firms said the detour through the northern ring road would add forty minutes to each delivery and "
    "asked for a temporary ferry service, which the council promised to study before the summer."
)


def _article(key: str, text: str, *, url: str, site: str, published: str = "2031-05-06",
             attributions: list[Attribution] | None = None, entities: list[Entity] | None = None) -> Article:
    return Article(id=key, url=url, site_name=site, title="Valdore bridge closed to lorries", text=text,
                   lang="en", published=published, attributions=attributions or [], entities=entities or [])


def _stripped() -> str:
    return WIRE.replace("VALDORE (AFP) - ", "")


def test_credit_lines_at_either_end_of_a_text():
    assert credited_agencies("KESTREL BAY (Reuters) - The port reopened.") == ["reuters"]
    assert credited_agencies("The port reopened on Monday.\n\nAvec AFP") == ["afp"]
    assert credited_agencies("The port reopened, officials said. © AFP 2031") == ["afp"]
    assert credited_agencies("AFP journalists visited the port on Monday.") == []
    assert credited_agencies("He met with AP reporters at the port.") == []


def test_credits_from_the_records_attributions():
    text = "Selon l'AFP, le port a rouvert lundi après deux semaines de grève des dockers."
    cue = Span(start=0, end=5, text="Selon")
    afp = "veille:agence-france-presse"
    art = _article("a", text, url="https://x.example/a", site="X",
                   attributions=[Attribution(source=afp, source_text="l'AFP", cue=cue)],
                   entities=[Entity(id=afp, name="Agence France-Presse", type="MEDIA")])
    assert article_credits(art) == {"afp"}


def test_agency_sites_and_canonical_addresses():
    assert agency_of_site("https://www.afp.com/en/news/123", None) == "afp"
    assert agency_of_site("https://daily.example/x", "Reuters") == "reuters"
    assert agency_of_site("https://daily.example/x", "Daily Example") is None
    assert is_canonical("https://daily.example/2031/bridge")
    assert not is_canonical("https://daily.example/amp/2031/bridge")
    assert not is_canonical("https://daily.example/2031/bridge?utm_source=feed")
    assert not is_canonical(None)


def test_choose_original_ranks_day_then_wire_then_credit_then_canonical_then_seen():
    wire = _article("wire", WIRE, url="https://www.afp.com/en/valdore-bridge", site="AFP")
    kept = _article("kept", WIRE, url="https://daily.example/valdore-bridge", site="Daily Example")
    stripped = _article("stripped", _stripped(), url="https://other.example/bridge", site="Other")
    amp = _article("amp", _stripped(), url="https://amp.third.example/bridge", site="Third")
    earlier = _article("earlier", _stripped(), url="https://amp.early.example/b", site="Early",
                       published="2031-05-05")
    c = Candidate
    assert choose_original([c(kept, 1), c(wire, 2)]).article.id == "wire"
    assert choose_original([c(stripped, 1), c(kept, 2)]).article.id == "kept"
    assert choose_original([c(amp, 1), c(stripped, 2)]).article.id == "stripped"
    assert choose_original([c(wire, 1), c(earlier, 2)]).article.id == "earlier"
    twin = stripped.model_copy(update={"id": "twin"})
    assert choose_original([c(twin, 2), c(stripped, 1)]).article.id == "stripped"  # seen first


def test_the_agency_page_stored_after_its_copy_becomes_the_original(store):  # noqa: F811
    copy = _article("reposted", WIRE, url="https://daily.example/valdore-bridge", site="Daily Example")
    store.put_many([copy])
    place_pages(store, [copy])
    wire = _article("wire", WIRE.replace("lorries", "trucks", 1), url="https://www.afp.com/en/valdore",
                    site="AFP")
    store.put_many([wire])
    [placed] = place_pages(store, [wire])
    assert placed.copy_of is None
    assert store._rows("SELECT copy_of FROM articles WHERE id = 'reposted'") == [("wire",)]
    assert [(x.article_id, x.kind, x.other_id) for x in store.article_links("wire")] == \
           [("reposted", "copy_of", "wire")]
    listed = [a.id for a in store.list_articles(limit=10).items]
    assert listed == ["wire"]
    story = store.story(placed.story_id)
    assert (story.story.n_articles, story.story.n_copies, story.story.first_article) == (2, 1, "wire")
    [again] = place_pages(store, [store.get_article("wire")])  # placed again: still its copies' original
    assert (again.copy_of, again.story_id) == (None, placed.story_id)
    assert dict(store._rows("SELECT id, copy_of FROM articles")) == {"wire": None, "reposted": "wire"}
    assert store.story(placed.story_id).story.n_articles == 2


def test_a_canonical_page_wins_over_an_amp_mirror_seen_first(store):  # noqa: F811
    amp = _article("amp", _stripped(), url="https://amp.daily.example/valdore", site="Daily Example")
    canonical = _article("canonical", _stripped(), url="https://daily.example/valdore", site="Daily Example")
    later = _article("later", _stripped(), url="https://late.example/valdore", site="Late",
                     published="2031-05-07")
    for art in (amp, canonical, later):
        store.put_many([art])
        place_pages(store, [art])
    rows = dict(store._rows("SELECT id, copy_of FROM articles"))
    assert rows == {"amp": "canonical", "canonical": None, "later": "canonical"}


def test_credits_doctests():
    import doctest

    from veille.stories import credits

    assert doctest.testmod(credits).failed == 0
