"""A copy's quotes and events are its original's: lists of quotes and events (store, API, web) show them
once, from the original, as article lists fold copies under their original; on both backends. The page is
an invented dispatch republished word for word by a second site the next day."""

from __future__ import annotations

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.store.synthetic import EntitySpec, annotate
from veille.stories.online import place_pages

_TEXT = ("Le port de Saint-Varlec a rouvert mardi après trois jours de grève des dockers. "
         "« Les navires repartent dès ce soir », a déclaré Odile Marrec, directrice du port. "
         "Le syndicat a accusé la direction de retarder les négociations salariales.")
_MARREC = EntitySpec("Q900001", "Odile Marrec", "PER")
_SYNDICAT = EntitySpec("Q900002", "syndicat", "ORG", ["syndicat"])


def _pages():
    common = {"entities": [_MARREC, _SYNDICAT], "quotes": [("Les navires repartent dès ce soir", "Q900001"),
                                                         ("Le syndicat a accusé la direction", None)],
              "events": [("ACCUSE", "Q900002", None, "accusé")], "lang": "fr"}
    first = annotate("port-original", _TEXT, url="https://courrier-varlec.example/port",
                     published="2031-05-06", site_name="Le Courrier de Varlec",
                     title="Le port de Saint-Varlec rouvre", **common)
    again = annotate("port-copy", _TEXT, url="https://agregateur.example/a/port", published="2031-05-07",
                     site_name="Agrégateur", title="Le port rouvre", **common)
    return [first, again]


def test_quotes_and_events_of_a_copy_are_listed_once(store):  # noqa: F811
    pages = _pages()
    store.put_many(pages)
    place_pages(store, pages)
    assert store.get_article("port-copy").story_id == store.get_article("port-original").story_id
    listed = store.list_articles()
    assert [a.id for a in listed.items] == ["port-original"]  # the copy folds under its original
    for page in (store.quotes(speaker="Odile Marrec"), store.quotes(text="navires"),
                 store.quotes(about="syndicat")):
        assert [q.article_id for q in page.items] == ["port-original"] and page.total == 1
    assert store.quotes().total == 2
    for page in (store.events(), store.events(actor="syndicat"), store.events(type="ACCUSE")):
        assert [e.article_id for e in page.items] == ["port-original"] and page.total == 1
    assert store.event_months() == {"2031-05": 1}
