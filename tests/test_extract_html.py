"""HTML extraction on pages the team wrote: title, body and the furniture trafilatura lets through."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.stages.extract.html import (
    _DEEPER_THAN_MAX,
    _NON_WORD,
    MAX_DEPTH,
    _fold,
    _parse,
    _removed_lines,
    extract_html,
)

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


def test_glued_paragraphs_are_split_where_the_page_blocks_begin():
    from veille.stages.extract.glued import split_glued

    blocks = ["Le maire a signé l’arrêté jeudi.", "Les travaux commenceront lundi prochain dans le centre.",
              "Accueil"]
    glued = "Le maire a signé l’arrêté jeudi.Les travaux commenceront lundi prochain dans le centre."
    assert split_glued(glued, blocks) == blocks[:2]
    # a block that merely occurs inside a sentence is not a paragraph start
    assert split_glued("Selon lui, les travaux commenceront lundi prochain dans le centre, pas avant.",
                       ["les travaux commenceront lundi"]) == [
        "Selon lui, les travaux commenceront lundi prochain dans le centre, pas avant."]


def test_a_page_of_glued_paragraphs_splits_as_each_paragraph_alone():
    from veille.stages.extract.glued import split_all_glued, split_glued

    blocks = ["Le conseil a voté le budget mardi soir.", "La piscine rouvrira ses bassins en juin prochain.",
              "Menu", "Le conseil a voté le budget mardi soir.",
              "Les écoles auront de nouveaux préaux cet été."]
    paragraphs = ["Le conseil a voté le budget mardi soir.La piscine rouvrira ses bassins en juin prochain.",
                  "Court.",
                  "La piscine rouvrira ses bassins en juin prochain. Les écoles auront de nouveaux "
                  "préaux cet été. Le conseil a voté le budget mardi soir."]
    one_by_one = [piece for para in paragraphs for piece in split_glued(para, blocks)]
    assert split_all_glued(paragraphs, blocks) == one_by_one
    assert len(one_by_one) == 6  # 2 + 1 + 3 pieces


def test_html_paragraph_filter_drops_agency_tags_date_stamps_and_a_closing_list_of_links():
    from veille.stages.extract.text_cleaner import filter_paragraphs

    prose = ("The minister said the plan would be published next week, after talks with the unions "
             "that have lasted since the spring.")
    kept, removed = filter_paragraphs(
        [prose, "(The Courier with AFP, REUTERS)", "Updated : 2025-05-03",
         "- Ferry operator adds two sailings a day for the summer season",
         "- Council tax to rise by five percent as the county's costs climb"], "en")
    assert kept == [prose]
    reasons = {r.text: r.reason for r in removed}
    assert reasons["(The Courier with AFP, REUTERS)"] == "credits"
    assert reasons["Updated : 2025-05-03"] == "date or time stamp"
    assert reasons["- Council tax to rise by five percent as the county's costs climb"] == (
        "list of links or headlines")
    # a dated list closing the body is the article's own chronology
    dated = [prose, "- 3 May 2025: the council votes the plan and its budget for the works",
             "- 12 June 2025: the first buses run on the new lines across the valley"]
    assert filter_paragraphs(dated, "en")[0] == dated


def test_a_bulleted_list_inside_the_body_is_kept():
    from veille.stages.extract.text_cleaner import filter_paragraphs

    paras = ["The plan has three parts:", "- new buses on rural lines", "- cheaper season tickets",
             "The council will vote on it in June, after a public consultation that opens next week."]
    kept, _ = filter_paragraphs(paras, "en")
    assert kept == paras


def test_html_site_name_set_as_an_h1_is_not_the_headline():
    head = (
        "<title>Les cars de la vallée relieront toutes les gares d’ici 2027 | Le Courrier du Val</title>"
        '<meta property="og:title" content="Les cars de la vallée relieront toutes les gares d’ici 2027">'
    )
    body = "<h1>Le Courrier du Val</h1><h2>Les cars de la vallée relieront toutes les gares d’ici 2027</h2>"
    ex = extract_html("cars.html", _page(head, body + f"<p>{_PROSE}</p>" * 3))
    assert ex.title == "Les cars de la vallée relieront toutes les gares d’ici 2027"


@pytest.mark.parametrize("depth", [300, 1500])
def test_text_nested_deeper_than_the_parser_limit_is_kept(depth):
    """libxml2 stops building a tree at depth 256 by default; such a page used to report 'no article'."""
    para = ("<p>Le conseil municipal de Rennes a voté mardi le budget de la ville pour l'année prochaine, "
            "a annoncé la maire devant les élus.</p>")
    html = ("<html><head><title>Le budget de Rennes</title></head><body>" + "<div>" * depth + para * 4
            + "</div>" * depth + "</body></html>")
    out = extract_html("deep.html", html)
    assert out.text.count("Le conseil municipal") == 4 and len(out.text.split("\n\n")) == 4


@pytest.mark.parametrize("depth", [MAX_DEPTH - 3, MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, 260])
@pytest.mark.parametrize("leaf", ["<b>mot</b>", "<!-- note -->", "<?traitement x?>", "mot seul"])
def test_depth_check_down_one_path_says_what_counting_every_node_s_ancestors_says(depth, leaf):
    """The cheap check (one path down the tree) against the plain one it replaced, on either side of the
    limit, for each kind of node an lxml element iterates over (and text, which it does not)."""
    counted = "boolean((//*|//comment()|//processing-instruction())[count(ancestor::*) > $limit])"
    body = "<div>" * depth + leaf + "</div>" * depth
    tree = _parse(f"<html><body><p>avant</p>{body}<p>après</p></body></html>")
    assert tree.xpath(_DEEPER_THAN_MAX) == tree.xpath(counted, limit=MAX_DEPTH)
    # the leaf sits under html, body and ``depth`` divs: deeper than the limit from MAX_DEPTH - 1 divs on
    assert tree.xpath(_DEEPER_THAN_MAX) is (depth + 2 > MAX_DEPTH + (leaf == "mot seul"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_a_line_folds_to_its_key_with_spaces(line):
    """What ``_removed_lines`` leans on to fold only the lines whose key matches a dropped text: the
    folded line without its spaces is the line's key (letters and digits, lower case)."""
    assert _fold(line).replace(" ", "") == _NON_WORD.sub("", line).lower()


def test_removed_lines_skip_the_body_repeats_and_the_texts_already_dropped():
    body = "Le pont rouvrira en mai.\n\nLes travaux ont coûté deux millions."
    blocks = ["Accueil", "Le pont rouvrira en mai.", "Photo : Jean Dupont / AFP", "accueil !",
              "Lire aussi : la crue de 2021", "Les travaux ont coûté deux millions."]
    already = {_fold("Photo : Jean Dupont / AFP")}
    got = [r.text for r in _removed_lines(blocks, body, already)]
    assert got == ["Accueil", "Lire aussi : la crue de 2021"]
