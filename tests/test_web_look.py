"""The web UI's look and language, in process: charts on a real time axis (and the indexed store reads
behind them, on SQLite and a real PostgreSQL), the French/English catalogue and how a page picks its
language, labels in the article's language, the cleaning notes, event sentences as anchors. The same
things in a real browser are in tests/test_web_look_browser.py."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the [serve] extra")
pytest.importorskip("pygal", reason="the charts need the [serve] extra (pygal)")


from test_store_conformance import postgres_url, store  # noqa: E402, F401  (fixtures: both backends)
from veille.record import Mention, Removed, Signal  # noqa: E402
from veille.store import open_store  # noqa: E402
from veille.store.base import EntityTimeline  # noqa: E402
from veille.store.synthetic import EntitySpec, annotate  # noqa: E402
from veille.web import TEMPLATES_DIR  # noqa: E402
from veille.web.charts import activity_chart, bar_chart, count_ticks, on_axis, time_axis  # noqa: E402
from veille.web.i18n import DATA_MESSAGES, Translator, catalogue, choose_language  # noqa: E402
from veille.web.labels import local_labels  # noqa: E402
from veille.web.render import highlight  # noqa: E402
from webapp import record_plans, scans, web_client  # noqa: E402  (tests/ is on the path)

# An invented harbour strike, told in French in January and April (nothing in February or March) and in
# English once without a date.
VELLIN_FR = EntitySpec("L-vellin", "Mara Vellin", "PER", ["Mara Vellin", "Vellin"])
PORT_FR = EntitySpec("L-port", "Port Celeste", "GPE", ["Port-Céleste"])
DOCKERS = EntitySpec("L-dock", "Dockers' Union", "ORG", ["syndicat des dockers"])
VELLIN_EN = EntitySpec("L-vellin", "Mara Vellin", "PER", ["Mara Vellin"])
PORT_EN = EntitySpec("L-port", "Port Celeste", "GPE", ["Port Celeste"])
JAN = ("Mara Vellin a reçu le syndicat des dockers à Port-Céleste. « Le port rouvrira lundi », a dit Vellin. "
       "Le syndicat des dockers a menacé de prolonger la grève.")
APR = "Port-Céleste reste bloqué. « Nous ne céderons pas », a répété Mara Vellin devant la presse."
UNDATED = "Mara Vellin visited Port Celeste. \"The harbour stays open,\" Mara Vellin said."


def records():
    jan = annotate("h-jan", JAN, title="Grève au port", lang="fr", published="2025-01-14",
                   entities=[VELLIN_FR, PORT_FR, DOCKERS], quotes=[("Le port rouvrira lundi", "L-vellin")],
                   events=[("CONSULT", "L-vellin", "L-dock", "reçu"), ("THREATEN", "L-dock", None, "menacé")])
    jan.removed = [Removed(text="Abonnez-vous à la lettre du port", reason="subscription")]
    jan.signals = [Signal(kind="foreign_fragment", text="Breaking: harbour closed", lang="en")]
    apr = annotate("h-apr", APR, title="Le port bloqué", lang="fr", published="2025-04-02",
                   entities=[VELLIN_FR, PORT_FR], quotes=[("Nous ne céderons pas", "L-vellin")])
    und = annotate("h-und", UNDATED, title="Harbour open", lang="en", entities=[VELLIN_EN, PORT_EN],
                   quotes=[("The harbour stays open,", "L-vellin")])
    return [jan, apr, und]


# -- the store reads behind the charts --------------------------------------------------------------
@pytest.fixture
def looked(store):  # noqa: F811  (both backends: test_store_conformance's fixture)
    store.put_many(records())
    return store


def test_entity_timeline_counts_quotes_and_mentions_per_month_undated_apart(looked):
    tl = looked.entity_timeline("L-vellin")
    assert tl.quotes == {"2025-01": 1, "2025-04": 1, "undated": 1}
    assert tl.mentions == {"2025-01": 2, "2025-04": 1, "undated": 2}
    assert looked.entity_timeline("nobody") == EntityTimeline(entity_id="nobody")


def test_co_mention_timeline_gives_shared_articles_per_month(looked):
    series = {s.entity.id: s for s in looked.co_mention_timeline("L-vellin")}
    assert series["L-port"].n_articles == 3
    assert series["L-port"].by_month == {"2025-01": 1, "2025-04": 1, "undated": 1}
    assert series["L-dock"].by_month == {"2025-01": 1}
    assert list(series)[0] == "L-port"  # most shared first


def test_chart_reads_use_indexes_not_scans(tmp_path):
    """SQLite's plan for every chart query searches an index; none scans a table of the store."""
    s = open_store(str(tmp_path / "plan.sqlite"))
    s.put_many(records())
    plans = record_plans(s)
    s.entity_timeline("L-vellin")
    s.co_mention_timeline("L-vellin")
    s.close()
    assert plans and not scans(plans), plans


# -- the chart itself -------------------------------------------------------------------------------
def test_time_axis_shows_every_month_and_switches_to_years_on_long_spans():
    assert time_axis({"2024-11": 1}, {"2025-02": 2, "undated": 4}).periods == [
        "2024-11", "2024-12", "2025-01", "2025-02"]
    long = time_axis({"2019-06": 1, "2024-01": 2})
    assert long.step == "year" and long.periods == ["2019", "2020", "2021", "2022", "2023", "2024"]
    assert on_axis(long, {"2019-06": 1, "2019-09": 2, "2024-01": 2, "undated": 9}) == [3, 0, 0, 0, 0, 2]
    assert time_axis({"undated": 3}).periods == []


def test_count_axis_has_whole_numbers_only():
    assert count_ticks(1) == [0, 1] and count_ticks(2) == [0, 1, 2]
    assert count_ticks(23) == [0, 5, 10, 15, 20, 25] and count_ticks(0) == [0, 1]
    assert all(len(count_ticks(n)) <= 6 and count_ticks(n)[-1] >= n for n in range(1, 3000, 7))


def test_bar_chart_svg_has_an_axis_label_per_period_and_no_script():
    chart = bar_chart({"quotes": {"2025-01": 1, "2025-04": 2, "undated": 5}}, title="Quotes")
    svg = str(chart.svg)
    labels = re.findall(r'<g class="guides">[^<]*<path[^>]*/><text[^>]*>([^<]+)</text>',
                        svg.split('class="axis x')[1].split('class="series')[0])
    assert labels == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert chart.series == {"quotes": [1, 0, 0, 2]} and chart.undated == {"quotes": 5}
    assert "<script" not in svg and "var(--chart-1)" in svg and 'aria-label="Quotes"' in svg
    assert "<title>2025-03 · quotes: 0</title>" in svg  # an empty month is a point with its tooltip
    y_axis = svg.split('class="axis y')[1].split('class="axis x')[0]
    assert re.findall(r"<text[^>]*>([^<]+)</text>", y_axis) == ["0", "1", "2"]


def test_chart_labels_follow_the_ui_language():
    chart = activity_chart(EntityTimeline(entity_id="x", quotes={"2025-01": 1}), Translator("fr"))
    assert list(chart.series) == ["citations", "mentions"] and ">mois</text>" in str(chart.svg)


# -- the catalogue and the choice of language --------------------------------------------------------
def _template_messages() -> set[str]:
    found: set[str] = set()
    # the templates, and the modules that say things in Python (t("...") there too; i18n.py only explains)
    modules = [p for p in TEMPLATES_DIR.parent.glob("*.py") if p.name != "i18n.py"]
    for path in [*TEMPLATES_DIR.glob("*.html"), *modules]:
        text = path.read_text(encoding="utf-8")
        # a message in either kind of quotes, which may hold the other kind ("l'entité", 'say "yes"')
        found |= {a or b for a, b in re.findall(r"""\bt\(\s*(?:"([^"]+)"|'([^']+)')""", text)}
        for one, many in re.findall(r't\.n\(\s*"([^"]+)",\s*"([^"]+)"', text):
            found |= {one, many}
    return found


def test_french_catalogue_translates_every_message_the_pages_use():
    used = _template_messages() | set(DATA_MESSAGES)
    assert len(used) > 60
    assert sorted(used - set(catalogue("fr"))) == []
    for english, french in catalogue("fr").items():  # the same {fields} on both sides
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", french)), english


def test_language_choice_order():
    assert choose_language({}, {}, "") == "en"
    assert choose_language({}, {}, "de-DE, fr;q=0.8, en;q=0.5") == "fr"
    assert choose_language({}, {}, "en-GB, fr;q=0.9") == "en"
    assert choose_language({}, {"veille_ui": "fr"}, "en") == "fr"
    assert choose_language({"lang": "en"}, {"veille_ui": "fr"}, "fr") == "en"
    assert choose_language({"lang": "en"}, {}, "fr", lang_is_filter=True) == "fr"  # a search filter
    assert choose_language({"ui": "fr", "lang": "en"}, {}, "en", lang_is_filter=False) == "fr"
    assert choose_language({"ui": "xx"}, {}, "fr;q=bad, en") == "en"


def test_plural_rules():
    assert Translator("fr").n("{n} quote", "{n} quotes", 0) == "0 citation"
    assert Translator("en").n("{n} quote", "{n} quotes", 0) == "0 quotes"


# -- labels and anchors in the article --------------------------------------------------------------
def test_article_labels_are_the_articles_own_names():
    art = records()[0]
    art.mentions.append(Mention(start=0, end=0, text="la ministre", entity_id="L-vellin", how="description"))
    assert local_labels(art) == {"L-vellin": "Mara Vellin", "L-port": "Port-Céleste",
                                 "L-dock": "syndicat des dockers"}


def test_event_sentences_are_anchors_even_when_a_quote_crosses_them():
    art = records()[0]
    html = str(highlight(art))
    assert re.search(r'<span id="ev0" class="event-sentence" data-event="CONSULT"><a [^>]*>Mara Vellin</a> a',
                     html)
    crossing = art.model_copy(deep=True)
    q = crossing.quotes[0]
    q.end += 30  # now runs into the third sentence, which starts inside it: that sentence cannot nest
    q.text = crossing.text[q.start:q.end]
    crossed = str(highlight(crossing))
    assert '<span id="ev1" class="event-sentence event-anchor" data-event="THREATEN"></span>' in crossed
    assert crossed.count("<q ") == 1
    assert re.sub(r"<[^>]+>", "", crossed) == art.text


# -- the pages -------------------------------------------------------------------------------------
@pytest.fixture
def client(tmp_path):
    with web_client(tmp_path, records()) as c:
        yield c


def test_entity_page_draws_its_chart_with_empty_months_and_undated_apart(client):
    html = client.get("/entities/L-vellin").text
    figure = re.search(r'<figure class="chart" data-chart="activity" data-periods="(\d+)"', html)
    assert figure and figure.group(1) == "4"
    assert "2025-02" in html and "2025-03" in html
    assert re.search(r'data-undated="3">Undated, not on the axis: quotes 1, mentions 2', html)
    assert 'data-chart="co-mentions"' in html


def test_ui_switch_translates_the_page_and_is_remembered(client):
    fr = client.get("/entities/L-vellin", params={"ui": "fr"})
    assert '<html lang="fr">' in fr.text and "Citations et mentions au fil du temps" in fr.text
    assert fr.cookies.get("veille_ui") == "fr" and "Accept-Language" in fr.headers["vary"]
    assert '<html lang="fr">' in client.get("/events").text  # the cookie carries the choice
    en = client.get("/events", params={"ui": "en"})
    assert '<html lang="en">' in en.text and "Events over time" in en.text
    client.cookies.clear()
    assert '<html lang="fr">' in client.get("/entities/L-vellin", params={"lang": "fr"}).text
    assert '<html lang="en">' in client.get("/", params={"lang": "fr"}).text  # there ?lang= filters articles
    client.cookies.clear()  # a newcomer: the browser's languages decide
    assert '<html lang="fr">' in client.get("/entities", headers={"accept-language": "fr-FR"}).text


def test_article_page_languages_labels_and_cleaning_notes(client):
    html = client.get("/articles/h-jan", params={"ui": "en"}).text
    assert '<html lang="en">' in html and '<div class="body" id="body" lang="fr">' in html
    assert re.search(r'<a class="ent ent-GPE" href="/entities/L-port" lang="fr" title="Port Celeste \[GPE\]"'
                     r' data-canonical="Port Celeste">Port-Céleste</a>', html)
    removed = html.split('class="cleaning-removed"')[1].split('class="cleaning-signals"')[0]
    flagged = html.split('class="cleaning-signals"')[1]
    assert "Abonnez-vous" in removed and "Breaking" not in removed
    assert 'data-signal="foreign_fragment"' in flagged and "Abonnez-vous" not in flagged
    assert 'href="#ev0"' in html and 'id="ev0"' in html
    assert re.search(r'<ul class="legend"[^>]*>\s*<li><span class="ent ent-PER"', html)


def test_events_page_links_each_event_to_its_sentence(client):
    html = client.get("/events").text
    assert 'href="/articles/h-jan#ev1"' in html and 'data-chart="events"' in html
    api = client.get("/api/events").json()
    assert {e["idx"] for e in api["items"]} == {0, 1}


def test_unknown_language_and_missing_message_fall_back_to_english():
    assert Translator("de").lang == "en" and Translator("de")("Entities") == "Entities"
    assert Translator("fr")("A message nobody translated") == "A message nobody translated"
