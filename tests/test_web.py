"""The web UI's pages in process: highlighted quotes and entities, collapsed furniture, escaping, local
assets only. (The real-browser test is tests/test_web_browser.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")

from fastapi.testclient import TestClient  # noqa: E402

from veille.api import create_app  # noqa: E402
from veille.config import Config  # noqa: E402
from veille.record import Removed, Signal  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402
from veille.web import STATIC_DIR, TEMPLATES_DIR  # noqa: E402
from veille.web.render import highlight  # noqa: E402
from webapp import web_client  # noqa: E402  (tests/ is on the path)

MERKEL = EntitySpec("Q567", "Angela Merkel", "PER", ["Angela Merkel", "Merkel"])
BERLIN = EntitySpec("Q64", "Berlin", "GPE", ["Berlin"])
TEXT = ("BERLIN - Angela Merkel a défendu samedi son bilan à Berlin. « Je ne regrette rien de ce que nous "
        "avons fait pour Berlin », a dit Merkel devant des étudiants. Un message <script>alert(1)</script> "
        "circulait sur les réseaux.")


def record():
    art = annotate("de1", TEXT, title="Merkel défend son bilan <b>", lang="fr", published="2022-06-04",
                   entities=[MERKEL, BERLIN],
                   quotes=[("Je ne regrette rien de ce que nous avons fait pour Berlin", "Q567")],
                   events=[("CONSULT", "Q567", None, "défendu")])
    art.removed = [Removed(text="Lire aussi : Scholz à Paris", reason="read_more"),
                   Removed(text="Abonnez-vous", reason="subscription")]
    art.signals = [Signal(kind="foreign_fragment", text="Breaking news", lang="en")]
    return art


@pytest.fixture
def client(tmp_path):
    with web_client(tmp_path, [record()]) as c:
        yield c


def test_article_page_highlights_quotes_and_links_entities(client):
    html = client.get("/articles/de1").text
    quote = re.search(r'<q id="q0" class="quote quote-direct" data-speaker="Q567"[^>]*>(.*?)</q>', html)
    assert quote and re.sub(r"<[^>]+>", "", quote.group(1)) == record().quotes[0].text
    assert '<a class="ent ent-GPE" href="/entities/Q64"' in quote.group(1)  # a mention nested in the quote
    assert html.count('href="/entities/Q567"') >= 3


def test_article_page_shows_collapsed_furniture_signals_and_events(client):
    html = client.get("/articles/de1").text
    assert re.search(r'Removed from the page <small>\(2\)</small>', html)  # the cleaning notes box
    assert "Lire aussi : Scholz à Paris" in html and "read_more" in html
    assert "foreign fragment" in html and "CONSULT" in html


def test_text_from_pages_is_escaped(client):
    html = client.get("/articles/de1").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Merkel défend son bilan &lt;b&gt;" in html


def test_only_web_addresses_become_links(tmp_path):
    store = open_store(str(tmp_path / "x.sqlite"))
    store.put(record().model_copy(update={"id": "js", "url": "javascript:alert(document.cookie)"}))
    with TestClient(create_app(store, config=Config(data_dir=str(tmp_path)))) as c:
        html = c.get("/articles/js").text
    assert "javascript:" not in html
    store.close()


def test_entity_page_shows_who_said_what_and_names(client):
    html = client.get("/entities/Q567").text
    assert "Je ne regrette rien" in html and "Angela Merkel" in html and "2022-06" in html
    assert client.get("/entities/Q64").text.count("Je ne regrette rien") == 1  # quotes about Berlin


def test_search_and_events_pages(client):
    html = client.get("/", params={"q": "regrette"}).text
    assert "1 article for" in html and "<mark>regrette</mark>" in html
    assert client.get("/", params={"q": '"'}).status_code == 400
    assert "CONSULT" in client.get("/events", params={"actor": "merkel"}).text
    bad = client.get("/events", params={"from": "yesterday"}, headers={"accept": "text/html"})
    assert bad.status_code == 400 and "not a date" in bad.text


@pytest.mark.parametrize("path", ["/", "/entities", "/events"])
@pytest.mark.parametrize("page", ["²", "٣", "-1", "x", "99999999999999999999"])
def test_odd_page_numbers_show_a_page_not_a_500(client, path, page):
    assert client.get(path, params={"page": page}, headers={"accept": "text/html"}).status_code == 200


def test_missing_pages_are_html_404s(client):
    resp = client.get("/articles/nope", headers={"accept": "text/html"})
    assert resp.status_code == 404 and "no article with id" in resp.text and "<html" in resp.text


def test_crossing_spans_are_dropped_not_mangled():
    from veille.record import Mention

    art = record()
    q = art.quotes[0]
    art.mentions.append(Mention(start=q.end - 6, end=q.end + 3, text=art.text[q.end - 6:q.end + 3],
                                entity_id="Q64"))  # runs out of the quote: cannot nest
    html = str(highlight(art))
    assert html.count("<q ") == 1 and html.count('data-entity="Q64"') == 2
    assert re.sub(r"<[^>]+>", "", html) == TEXT.replace("<", "&lt;").replace(">", "&gt;")


def test_every_asset_is_local():
    for path in [*Path(STATIC_DIR).iterdir(), *Path(TEMPLATES_DIR).iterdir()]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path.name
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), path.name
