"""The search page, the quotes page and the pager in French and English: labels from the catalogue,
``<html lang>`` in the UI's language, each article's title, snippet and quote in the article's own
language, and the entity page's way to all of a speaker's quotes. Invented records only."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")


from veille.store.synthetic import EntitySpec, annotate  # noqa: E402
from veille.web.i18n import Translator  # noqa: E402
from webapp import web_client  # noqa: E402  (tests/ is on the path)

# An invented bridge opening in an invented town, told in French (22 times, one a day) and once in English.
AKVIST_FR = EntitySpec("L-akvist", "Soren Akvist", "PER", ["Soren Akvist", "Akvist"])
AKVIST_EN = EntitySpec("L-akvist", "Soren Akvist", "PER", ["Soren Akvist"])
TOWN = EntitySpec("L-valm", "Valmerande", "GPE", ["Valmerande"])
FR = ("Soren Akvist a inauguré le pont de Valmerande. « Ce pont reliera enfin les deux rives », a déclaré "
      "Akvist devant la foule.")
EN = ("Soren Akvist opened the Valmerande bridge on Thursday. \"This bridge will join both banks at last,\" "
      "Soren Akvist told the crowd.")
N_FR = 22


def records():
    french = [annotate(f"fr-pont-{i:02d}", FR, title=f"Le pont de Valmerande, jour {i}", lang="fr",
                       site_name="La Gazette des Rives", published=f"2025-03-{i:02d}",
                       entities=[AKVIST_FR, TOWN],
                       quotes=[("Ce pont reliera enfin les deux rives", "L-akvist")])
              for i in range(1, N_FR + 1)]
    english = annotate("en-bridge", EN, title="Valmerande bridge opens", lang="en", site_name="River Post",
                       published="2025-05-02", entities=[AKVIST_EN, TOWN],
                       quotes=[("This bridge will join both banks at last,", "L-akvist")])
    return [*french, english]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with web_client(tmp_path_factory.mktemp("i18n"), records(), "i18n.sqlite") as c:
        yield c


def _text(html: str) -> str:
    """The words of a page's main part (or of a piece of a page), tags and entities undone, no-break
    spaces read as spaces."""
    main = html[html.find("<main"):html.find("</main>")] if "</main>" in html else html
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_search_page_in_french(client):
    html = client.get("/", params={"q": "Akvist", "ui": "fr"}).text
    text = _text(html)
    assert '<html lang="fr">' in html and "pour «\u00a0Akvist\u00a0»</h1>" in html  # French spacing
    assert f"{N_FR + 1} articles pour « Akvist »" in text
    assert "Recherche de Soren Akvist (entité) ou les mots « akvist »" in text
    assert "Trier par pertinence · par date" in text
    assert "Trouvé par : Soren Akvist (entité) sous la forme « Akvist »" in text
    assert "2 entités · 1 citation · 0 événement" in text  # French counts 0 as singular
    facets = _text(html[html.index('<aside class="facets"'):html.index("</aside>")])
    assert facets.startswith("Langue français 22 anglais 1 Média") and "Type d'entité" in facets
    assert "personne 23" in facets and "pays, ville 23" in facets  # type codes shown by their name
    assert "Publication 2025-03 22 2025-04 0 2025-05 1" in facets
    for english in ("Matched", "Sort:", "best match", " for “", "Published", "Outlet", "entities ·", "Next"):
        assert english not in text, english


def test_search_page_in_english_keeps_its_words(client):
    text = _text(client.get("/", params={"q": "Akvist", "ui": "en"}).text)
    assert f"{N_FR + 1} articles for “Akvist”" in text and "Sort: best match · newest" in text
    assert "Soren Akvist (entity) as “Akvist”" in text and "2 entities · 1 quote · 0 events" in text
    assert "Language French 22 English 1 Outlet" in text


def test_titles_snippets_and_quotes_carry_their_articles_language(client):
    html = client.get("/", params={"q": "Akvist", "ui": "fr", "sort": "date"}).text
    first = html[html.index('<li class="result">'):]
    first = first[:first.index("</li>")]
    assert '<a class="title" href="/articles/en-bridge" lang="en">' in first
    assert '<p class="snippet" lang="en">' in first
    assert '<span class="as-written" lang="fr">«\u00a0Akvist\u00a0»,</span>' in html
    quotes = client.get("/quotes", params={"speaker": "Akvist", "ui": "fr"}).text
    assert '<html lang="fr">' in quotes
    assert re.search(r'<blockquote class="quote-direct" lang="en"><q class="said">This bridge', quotes)
    assert re.search(r'<blockquote class="quote-direct" lang="fr"><q class="said">Ce pont', quotes)
    assert '<a class="article-link" href="/articles/en-bridge#body" lang="en">' in quotes


def test_quotes_page_and_its_pager_in_french(client):
    html = client.get("/quotes", params={"speaker": "Akvist", "ui": "fr"}).text
    text = _text(html)
    assert "<title>Citations\u00a0: Akvist · veille</title>" in html
    assert "Locuteur : Soren Akvist (entité)" in text and f"Qui a dit quoi ({N_FR + 1} citations)" in text
    assert "· directe ·" in text and f"1–{N_FR + 1} sur {N_FR + 1}" in text
    assert "Exporter cette page : CSV · JSON" in text
    assert 'placeholder="toute graphie, toute langue"' in html
    assert 'aria-label="Chercher des citations"' in html
    none = _text(client.get("/quotes", params={"speaker": "Personne Dutout", "ui": "fr"}).text)
    assert "Aucune entité ne s'appelle « Personne Dutout » dans cette base." in none
    assert "Aucune citation trouvée." in none and "Qui a dit quoi (0 citation)" in none


def test_pager_in_french_on_the_second_page(client):
    html = client.get("/", params={"q": "Valmerande", "page": "2", "ui": "fr"}).text
    pager = html[html.index('class="pager"'):]
    pager = pager[:pager.index("</nav>")]
    assert '<nav class="pager" aria-label="Pages">' in html
    assert "21–23 sur 23" in _text(pager)
    assert 'rel="prev" href="/?q=Valmerande&amp;ui=fr">← Page précédente</a>' in pager
    assert '<span class="next disabled" aria-disabled="true">Page suivante →</span>' in pager
    assert 'aria-label="Page 1"' in pager


def test_errors_on_these_pages_are_said_in_the_ui_language(client):
    resp = client.get("/quotes", params={"from": "mardi", "ui": "fr"})
    assert resp.status_code == 400
    assert "from : 'mardi' n'est pas une date de la forme AAAA-MM-JJ" in _text(resp.text)
    en = client.get("/", params={"q": "Akvist", "to": "tuesday", "ui": "en"})
    assert en.status_code == 400 and "to &#39;tuesday&#39; is not a date in the form YYYY-MM-DD" in en.text


def test_entity_page_leads_to_all_quotes_on_the_quotes_page_and_as_csv(client):
    html = client.get("/entities/L-akvist", params={"ui": "fr"}).text
    assert '<a class="to-quotes" href="/quotes?speaker=L-akvist">toutes sur la page des citations</a>' in html
    assert 'href="/api/quotes?speaker=L-akvist&amp;format=csv"' in html
    about = client.get("/quotes", params={"about": "L-valm", "ui": "fr"}).text
    assert "À propos de : Valmerande (entité)" in _text(about)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/quotes", params={"speaker": "L-akvist",
                                                                             "format": "csv"}).text)))
    assert len(rows) == N_FR + 1


def test_translator_quotes_in_each_languages_marks():
    assert Translator("fr")("“{text}”", text="Akvist") == "«\u00a0Akvist\u00a0»"
    assert Translator("en")("“{text}”", text="Akvist") == "“Akvist”"


@pytest.mark.parametrize("hostile", ['"', "'; DROP TABLE quotes; --", "x" * 5000, "\x00", "%_%",
                                     "<script>alert(1)</script>"])
def test_quotes_about_filter_takes_hostile_values(client, hostile):
    resp = client.get("/quotes", params={"about": hostile, "ui": "fr"}, headers={"accept": "text/html"})
    assert resp.status_code in (200, 400) and "<script>alert(1)</script>" not in resp.text
