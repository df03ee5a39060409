"""The publication date: metadata, the page's own date lines, the address; never guessed.

Pages here are written for these tests; the real pages are scored by ``veille eval time``."""

from __future__ import annotations

from datetime import date

import pytest

from veille.config import load_config
from veille.pipeline import Pipeline
from veille.sources import source_from_text
from veille.stages.extract import Extract
from veille.stages.language import Language
from veille.stages.published import Published
from veille.stages.published.lines import _line_date
from veille.stages.published.url import date_from_url

BODY_FR = ("Le conseil municipal a voté mardi soir un nouveau plan de circulation pour le centre-ville, "
           "après plusieurs mois de concertation avec les habitants et les commerçants du quartier.\n\n"
           "Le maire a expliqué que les travaux commenceraient au printemps et dureraient environ deux ans, "
           "le temps de refaire les trottoirs et les pistes cyclables de la rue principale.\n")
BODY_EN = ("The city council voted on Tuesday evening for a new traffic plan for the town centre, after "
           "several months of consultation with residents and shopkeepers in the district.\n\n"
           "The mayor said that the works would begin in the spring and last about two years, while the "
           "pavements and cycle lanes of the main street are rebuilt.\n")


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline([Extract(), Language(), Published()], load_config())

    def run_page(text: str, url: str | None = None, published: str | None = None):
        return pipe.analyze(source_from_text("page.txt", text, url=url), published=published)
    return run_page


def test_published_from_a_french_byline(run):
    page = ("Le Quotidien du Nord\n\nPlan de circulation : le conseil vote\n\n"
            "Par Jeanne Martin\nPublié le 12 mars 2024 à 10h05, mis à jour le 13 mars 2024 à 08h00\n\n"
            + BODY_FR)
    art = run(page)
    assert (art.published, art.published_source) == ("2024-03-12", "page text")


def test_published_from_an_english_byline_with_parts(run):
    page = ("Town News\n\nCouncil votes new traffic plan\n\n"
            "Town News · Posted: Apr 3, 2023 8:34 AM EDT | Last Updated: April 4\n\n" + BODY_EN)
    assert run(page).published == "2023-04-03"


def test_published_bare_date_line_and_numeric_french_order(run):
    page = "Town News\n\nCouncil votes new traffic plan\n\nMarch 7, 2024 7:55 AM UTC\n\n" + BODY_EN
    assert run(page).published == "2024-03-07"
    page = ("Le Quotidien\n\nPlan de circulation\n\nSociété 04/07/2023 07:32 Actualisé le 05/07/2023\n\n"
            + BODY_FR)
    assert run(page).published == "2023-07-04"


def test_published_nearest_date_line_wins_over_related_headlines(run):
    related = "".join(f"* Autre titre numéro {i}\n  Publié le {i} mai 2021 à 9h00\n" for i in range(1, 6))
    page = "Plan de circulation\n\nPublié le 2 juin 2022 à 18h00\n\n" + BODY_FR + "\nÀ lire aussi\n" + related
    assert run(page).published == "2022-06-02"


def test_published_is_never_guessed(run):
    page = "Plan de circulation\n\nPublié il y a 2 heures\n\n" + BODY_FR
    art = run(page)
    assert art.published is None and art.published_source is None
    page = "Plan de circulation\n\nMis à jour le 13 mars 2024\n\n" + BODY_FR
    assert run(page).published is None  # an update date is not the publication date
    caption = "Plan de circulation\n\nUn cycliste traverse la place, le 3 février 2024.\n\n" + BODY_FR
    assert run(caption).published is None  # a photo caption dates the photo


def test_published_from_the_address_last(run):
    art = run("Plan de circulation\n\n" + BODY_FR, url="https://journal.example/ville/2021/11/30/plan-circulation")
    assert (art.published, art.published_source) == ("2021-11-30", "url")


def test_published_given_by_the_user_wins(run):
    page = "Plan de circulation\n\nPublié le 12 mars 2024\n\n" + BODY_FR
    art = run(page, published="2024-03-26")
    assert (art.published, art.published_source) == ("2024-03-26", "given by the user")


def test_published_html_metadata_first():
    pipe = Pipeline([Extract(), Language(), Published()], load_config())
    html = ("<html><head><title>Traffic plan</title>"
            '<meta property="article:published_time" content="2023-06-01T10:00:00Z"></head><body><article>'
            "<h1>Council votes new traffic plan</h1><p>Published 9 June 2023</p>"
            + "".join(f"<p>{p}</p>" for p in BODY_EN.split("\n\n")) + "</article></body></html>")
    art = pipe.analyze(source_from_text("page.html", html))
    assert (art.published, art.published_source) == ("2023-06-01", "html-metadata")


@pytest.mark.parametrize("url, expected", [
    ("https://www.example.fr/politique/article/2023/08/30/titre_6187099_823448.html", date(2023, 8, 30)),
    ("https://www.example.com/world/2024/feb/24/death-toll-rises", date(2024, 2, 24)),
    ("https://www.example.fr/international/londres-policiers-20240430", date(2024, 4, 30)),
    ("https://www.example.fr/culture/sepultures-14-04-2023-2516328_3.php", date(2023, 4, 14)),
    ("https://www.example.com/business/plane-bird-strike-2023-04-25/", date(2023, 4, 25)),
    ("https://www.example.com/en/20150512-blogger-death", date(2015, 5, 12)),
    ("https://www.example.com/news/2023/budget", None),
    ("https://www.example.com/a/2023/13/45/impossible", None),
    ("https://www.example.fr/eco/dette-111-6-du-pib-en-2022_AD-202303280113.html", None),
])
def test_published_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_published_line_reader_cues():
    assert _line_date("Published March 23, 2023Updated March 25, 2023", "en") == ("cue", date(2023, 3, 23))
    assert _line_date("2 minute read April 25, 2023 2:26 PM GMT+2 Last Updated 9 min ago", "en") == \
        ("byline", date(2023, 4, 25))
    assert _line_date("By Jane Doe - 2019-04-10", "en") == ("byline", date(2019, 4, 10))
    assert _line_date("* 24 July 2015", "en") == ("plain", date(2015, 7, 24))
    assert _line_date("Latest update : 2015-05-12", "en") is None
    assert _line_date("Wed, Nov 20, 2019", "en") is None  # today's date in a site's banner
    assert _line_date("Source: Russian Defense Ministry office, October 25, 2019", "en") is None


def test_published_page_line_and_address_overrule_a_lone_html_date():
    """The France 24 case: htmldate took a sidebar's <time> (the crawl day); the byline and URL agree."""
    pipe = Pipeline([Extract(), Language(), Published()], load_config())
    html = ("<html><head><title>Traffic plan</title>"
            '<link rel="canonical" href="https://news.example/en/20230601-traffic-plan"></head><body>'
            '<aside><time datetime="2023-06-02T10:25:21+02:00">10:25</time> Other story</aside><article>'
            "<h1>Council votes new traffic plan</h1>"
            + "".join(f"<p>{p}</p>" for p in BODY_EN.split("\n\n"))
            + "<p>Date created : 2023-06-01</p></article></body></html>")
    art = pipe.analyze(source_from_text("page.html", html, url="https://news.example/en/20230601-traffic-plan"))
    assert (art.published, art.published_source) == ("2023-06-01", "page text")
    assert any("HTML metadata said 2023-06-02" in n for n in art.notes)


def test_published_html_date_is_not_guessed_from_the_body():
    """htmldate's extensive search would take a date from the prose; veille does not."""
    pipe = Pipeline([Extract(), Language(), Published()], load_config())
    html = ("<html><head><title>Traffic plan</title></head><body><article><h1>Council votes new plan</h1>"
            "<p>In a statement issued on 12 March 2024, the council said the plan would be reviewed.</p>"
            + "".join(f"<p>{p}</p>" for p in BODY_EN.split("\n\n")) + "</article></body></html>")
    art = pipe.analyze(source_from_text("page.html", html))
    assert art.published is None and art.published_source is None


def test_published_ambiguous_numeric_byline_is_not_guessed():
    from veille.stages.published.lines import parse_full_date

    assert parse_full_date("04/07/2023 07:32", "en") is None
    assert parse_full_date("30/04/2024 - 16:38", "en") == date(2024, 4, 30)
    assert parse_full_date("04/07/2023 07:32", "fr") == date(2023, 7, 4)


def test_date_lines_past_the_bare_reach_count_only_with_a_cue():
    from veille.stages.published.lines import date_line_near

    byline = (100, "Par Jeanne Martin, le 3 mars 2021 à 10h12")
    far_plain = (3000, "14 juin 2020")
    far_cue = (3500, "Mis en ligne · Publié le 5 avril 2021")
    # the byline near the body wins over a plain date far from it ...
    assert date_line_near([byline, far_plain], 0, "fr") == date(2021, 3, 3)
    assert date_line_near([far_plain], 0, "fr") is None
    # ... and a cue line anywhere within reach wins over both, even as a second part of its line
    assert date_line_near([byline, far_plain, far_cue], 0, "fr") == date(2021, 4, 5)


def test_visible_lines_of_html_leave_scripts_styles_and_comments_out():
    from veille.stages.published.lines import html_lines

    page = ("<html><head><style>p { color: red }</style><SCRIPT>var a = '<b>4 mai 2019</b>';</Script >"
            "</head><body><!-- édité le 2 mai 2019 --- brouillon --><p>Publié le 3 mai 2019</p>"
            "<script>if (a < b) { x = '</scriptx>'; }</script><p>Fin</p><noscript>unclosed")
    lines = [line for line in html_lines(page).split("\n") if line]
    assert lines == ["Publié le 3 mai 2019", "Fin", "unclosed"]


def test_block_tags_are_the_ones_the_pattern_with_a_slash_per_name_found():
    """``_BLOCK`` reads the "/" once before the names; the pattern it replaced tried "/?" with each name."""
    import re

    from veille.stages.published.lines import _BLOCK

    spelled_out = re.compile(r"<(?:br|/?p|/?div|/?li|/?h\d|/?time|/?tr|/?section|/?article|/?header|/?footer"
                             r"|/?span)\b[^>]*>", re.I)
    page = ("<BR/><br class='x'></br><p>Publié le<P id=a>3 mai</p ><pre>x</pre><para><DIV><divx></Div>"
            "<li><link rel=x><H2>Titre</h2><h7><hr><time datetime='2019'>mai</time><timer><tr><track>"
            "<TR><section><sectionx><article></article ><header><head><footer/><span><spanner></ſpan>"
            "<p\nclass='b'>< p><//p><a href='/p'>lien</a>")
    assert _BLOCK.findall(page) == spelled_out.findall(page)
    assert len(_BLOCK.findall(page)) == 23  # "</ſpan>" too: re folds "ſ" to "s" under IGNORECASE


@pytest.mark.parametrize("kind", ["html", "text"])
def test_dated_lines_are_the_visible_lines_that_hold_a_year(kind):
    """The published stage reads ``dated_lines``: the lines of ``visible_lines`` holding a year, at the same
    offsets, found by one search of the page's text; the date it finds is the same."""
    from types import SimpleNamespace

    from veille.stages.published.lines import _YEAR, date_line_near, dated_lines, visible_lines

    if kind == "html":
        text = ("<html><body><div>Accueil 2024</div><p>  Publié le 3 mai 2019 \u00a0 </p><p>Le 12 mai 2019"
                "<br>et en 2020 · puis 2021</p><span>x2019</span><p>Mis à jour le 4 mai 2019\r</p>"
                f"<p>{BODY_FR}</p><p>Fin, 1999.</p></body></html>")
    else:
        text = ("Le Quotidien du Nord 2024\n\n  Publié le 3 mai 2019  \n\u2028Le 12 mai 2019 et en 2020\n"
                "x2019\nMis à jour le 4 mai 2019\r\n" + BODY_FR + "\nFin, 1999.\n2023")
    work = SimpleNamespace(source=SimpleNamespace(text=text, kind=kind),
                           article=SimpleNamespace(text=BODY_FR))
    every, body_at = visible_lines(work)  # type: ignore[arg-type]
    dated, dated_body_at = dated_lines(work)  # type: ignore[arg-type]
    assert dated == [(pos, line) for pos, line in every if _YEAR.search(line)] and len(dated) >= 5
    assert dated_body_at == body_at
    assert date_line_near(dated, body_at, "fr") == date_line_near(every, body_at, "fr") == date(2019, 5, 3)
