"""HTML extraction on pages the team wrote: title, body and the furniture trafilatura lets through."""

from __future__ import annotations

from veille.stages.extract.html import extract_html

_PROSE = (
    "Le conseil régional a voté jeudi un plan de quarante millions d’euros pour les lignes de car "
    "qui relient les villages de la vallée aux gares, après deux ans de concertation avec les maires."
)


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_html_headline_of_a_utf8_page_is_not_mojibake_when_the_charset_is_declared_late():
    # the <meta charset> comes after the <title> and some links, as on many CMS templates
    icons = '<link rel="icon" href="/x.png">' * 80
    head = f'<title>Un élu réélu à Sète</title>{icons}<meta charset="UTF-8">'
    body = "<h1>Un élu réélu à Sète</h1>" + f"<p>{_PROSE}</p>" * 3
    ex = extract_html("sete.html", _page(head, body))
    assert ex.title == "Un élu réélu à Sète"
    assert "Ã" not in " ".join(r.text for r in ex.removed)


def test_html_headline_is_the_h1_the_title_element_repeats_when_the_social_title_differs():
    head = (
        "<title>Les cars de la vallée relieront toutes les gares d’ici 2027 | Le Courrier du Val</title>"
        '<meta property="og:title" content="Fini les villages isolés ?">'
    )
    body = "<h1>Les cars de la vallée relieront toutes les gares d’ici 2027</h1>" + f"<p>{_PROSE}</p>" * 3
    ex = extract_html("cars.html", _page(head, body))
    assert ex.title == "Les cars de la vallée relieront toutes les gares d’ici 2027"
