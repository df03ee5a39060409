"""The plain-text furniture cleaner on pages the team wrote (structures seen on real sites)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.lang import resources
from veille.stages.extract.text_cleaner import (
    _function_ratio,
    _lines,
    clean_text,
    filter_paragraphs,
    is_caption_credit,
    join_drop_cap,
)

_FR_PAGE = """Le conseil municipal vote le budget des écoles | La Gazette du Val

Le conseil municipal vote le budget des écoles | La Gazette du Val

* Accueil
* Politique
* Économie
* Sport
Se connecter

Nous utilisons des cookies pour améliorer votre expérience. Tout accepter Tout refuser

Lyon : Le conseil municipal a adopté lundi soir, après quatre heures de débat, un budget de 12 millions d’euros pour la rénovation des écoles primaires de la ville.

« C’est un investissement pour les vingt prochaines années », a déclaré la maire adjointe chargée de l’éducation, qui a défendu le calendrier des travaux devant les élus.

Lire aussi  Les cantines scolaires passent au bio dans trois arrondissements

L’opposition a dénoncé un plan trop tardif et a demandé un audit indépendant des bâtiments les plus anciens, dont certains datent des années 1950.

Les premiers chantiers doivent commencer pendant les vacances d’été, a précisé la mairie dans un communiqué publié mardi.

Partager sur Facebook Partager sur Twitter Copier le lien

Leave a Reply

Your email address will not be published. Required fields are marked *

Les plus lus
* Un incendie ravage un entrepôt à Villeurbanne
* Le marché de Noël ouvre ses portes
"""


def test_cleaner_keeps_the_article_and_drops_the_furniture():
    ex = clean_text("gazette.txt", _FR_PAGE, page_lang="fr")
    assert ex.text.startswith("Lyon : Le conseil municipal a adopté")
    assert ex.text.rstrip().endswith("publié mardi.")
    for junk in ("Lire aussi", "cantines scolaires", "Partager", "Leave a Reply", "Required fields", "cookies",
                 "Les plus lus", "incendie", "Accueil", "La Gazette du Val"):
        assert junk not in ex.text, junk
    assert "l’éducation" in ex.text and "années 1950" in ex.text


def test_cleaner_finds_title_and_site_and_the_repeated_title():
    ex = clean_text("gazette.txt", _FR_PAGE, page_lang="fr")
    assert ex.title == "Le conseil municipal vote le budget des écoles"
    assert ex.site_name == "La Gazette du Val"
    assert ex.duplicate_title


def test_cleaner_records_every_dropped_line_with_reason_and_offsets():
    ex = clean_text("gazette.txt", _FR_PAGE, page_lang="fr")
    reasons = {r.text: r.reason for r in ex.removed}
    assert reasons["Lire aussi Les cantines scolaires passent au bio dans trois arrondissements"].startswith(
        "unrelated insert")
    assert any(r.startswith("site furniture") or r.startswith("end of the article") for r in reasons.values())
    for r in ex.removed:
        assert r.start is not None and _FR_PAGE[r.start:r.end].split() == r.text.split()


def test_cleaner_headline_above_byline_is_the_title_without_a_site_line():
    page = ("Menu\n* World\n* Business\nSearch\n\n"
            "Storm closes ports along the northern coast\n"
            "By Jane Doe\nPublished March 3, 2025\n\n"
            "Share this article\n\n"
            "Authorities closed three ports on Monday as a storm brought winds of more than 120 km/h to the "
            "northern coast, the coastguard said in a statement.\n\n"
            "Ferries were cancelled and fishermen were told to stay ashore until Wednesday at the earliest, "
            "according to the regional transport office.\n\n"
            "Reporting by Jane Doe; Editing by John Roe\n\n"
            "Most read\n* Markets fall\n* Election results\n")
    ex = clean_text("storm.txt", page)
    assert ex.title == "Storm closes ports along the northern coast"
    assert ex.text.startswith("Authorities closed") and ex.text.endswith("transport office.")
    assert "Reporting by" not in ex.text


def test_cleaner_stops_at_a_paywall_even_when_prose_follows():
    page = ("Titre de l’article sur la réforme des retraites\n\n"
            + "Le gouvernement a présenté mardi sa réforme des retraites, qui prévoit un relèvement progressif. " * 3
            + "\n\nIl vous reste 60% de cet article à lire. La suite est réservée aux abonnés.\n\n"
            + "Vous pouvez vous connecter avec votre compte sur plusieurs appareils, mais un seul à la fois "
              "peut lire les articles, comme le précisent nos conditions générales de vente. " * 3)
    ex = clean_text("p.txt", page, page_lang="fr")
    assert "réforme des retraites, qui prévoit" in ex.text and "appareils" not in ex.text


def test_drop_capitals_are_rejoined_but_single_letter_words_are_not():
    assert join_drop_cap("L e chantier a commencé.") == "Le chantier a commencé."
    assert join_drop_cap("A la une ce matin") == "A la une ce matin"


def test_html_paragraph_filter_drops_paywall_and_credits_only():
    kept, removed = filter_paragraphs(
        ["The minister said the plan would be published next week, after talks with the unions.",
         "Reporting by Jane Doe; Editing by John Roe",
         "Share this article"], "en")
    assert kept == ["The minister said the plan would be published next week, after talks with the unions."]
    assert {r.reason for r in removed} >= {"credits"}


def test_signals_editorial_ellipsis_is_located_in_the_text(analyze):
    art = analyze("Le ministre a déclaré : « Nous avons convenu [ . . . ] de faire la même chose », selon "
                  "le communiqué publié mardi par le gouvernement à Paris.", name="ellipsis.txt")
    sig = [s for s in art.signals if s.kind == "editorial_ellipsis"]
    assert len(sig) == 1 and art.text[sig[0].start:sig[0].end] == "[ . . . ]"


_PROSE_EN = ("Officials said on Monday that the new bridge over the estuary would open to traffic in the spring, "
             "two years later than planned, after engineers found cracks in two of its supporting piers.\n\n"
             "The regional council has set aside an extra 30 million pounds for the repairs, according to "
             "budget documents published by the transport committee last week.\n\n")


def test_headline_is_the_line_an_article_header_follows_not_a_teaser_of_a_related_list():
    page = ("* Home\n* News\n"
            "Estuary bridge opening delayed to spring after cracks found\n"
            "Sat 3 May 2025 10.15 BST\n"
            "* Share\n\n"
            "Related stories\n"
            "Ferry operator adds sailings for the summer season\n"
            "By Ann Smith\n"
            "Council tax to rise by five percent next year\n"
            "By Tom Brown\n\n" + _PROSE_EN)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"


def test_headline_comes_before_its_standfirst_and_sponsor_line():
    page = ("Menu\n\nEstuary bridge opening delayed to spring after cracks found\n"
            "Engineers found cracks in two piers of the new crossing, adding two years to the works\n"
            "Sponsored by Acme Concrete\n\n" + _PROSE_EN)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"
    assert {r.text: r.reason for r in ex.removed}["Sponsored by Acme Concrete"] == "sponsor line"


def test_sponsor_cue_inside_a_sentence_is_not_a_sponsor_line():
    kept, removed = filter_paragraphs(["The festival, sponsored by the city, drew 4,000 visitors."], "en")
    assert kept and not removed


def test_headline_with_site_below_the_body_start_is_a_teaser_not_the_title():
    page = ("Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN
            + "Read next\nCouncil tax to rise by five percent next year - The Courier\n")
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"


def test_a_long_title_case_menu_line_is_not_the_headline():
    menu = ("World Business Markets Sport Culture Travel Health Science Weather Video Podcasts Newsletters "
            "Opinion Puzzles Crosswords Obituaries Letters Archive")
    page = (f"{menu}\nBy The Courier\n\nEstuary bridge opening delayed to spring after cracks found\n"
            "Updated 3 May 2025\n\n" + _PROSE_EN)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"


_LAST_PARAGRAPH = (
    "Engineers will return to the site in June to check the repairs before the final load tests, which "
    "must show that the piers can carry the weight of two lanes of lorries. The bridge will then open, "
    "the council said in its statement on Monday evening.\n")


def test_a_newsletter_box_inside_the_body_is_dropped_and_the_body_goes_on_after_it():
    page = ("Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN
            + "skip past newsletter promotion\nSign up to Morning Briefing\nFree daily newsletter\n"
            "The stories that matter before your first coffee\nEnter your email address\n"
            "Sign up\nafter newsletter promotion\n\n"
            + _LAST_PARAGRAPH)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.text.endswith("statement on Monday evening.")
    assert "first coffee" not in ex.text and "newsletter" not in ex.text


def test_a_teaser_framed_by_furniture_cues_is_an_insert():
    page = ("Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN
            + "Recommended:\n\nCouncil tax to rise by five percent next year as costs climb\n\nRead more\n\n"
            + _LAST_PARAGRAPH)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert "Council tax" not in ex.text and ex.text.endswith("Monday evening.")
    reasons = {r.text: r.reason for r in ex.removed}
    assert reasons["Council tax to rise by five percent next year as costs climb"].startswith("inside a box")


def test_arrow_led_links_media_titles_and_bulleted_questions_are_inserts():
    page = ("Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN
            + ">>> Why are so many of the region's bridges in need of repair?\n\n"
            "Divers inspect the cracked piers of the estuary bridge – video\n\n"
            "* Could the ferry come back for good while the bridge is shut for repairs?\n\n"
            + _LAST_PARAGRAPH)
    ex = clean_text("bridge.txt", page, page_lang="en")
    reasons = {r.text: r.reason for r in ex.removed}
    assert reasons[">>> Why are so many of the region's bridges in need of repair?"].endswith("(arrow-led link)")
    assert reasons["Divers inspect the cracked piers of the estuary bridge – video"] == "video or gallery insert"
    assert reasons["* Could the ferry come back for good while the bridge is shut for repairs?"].startswith("list")
    assert ex.text.endswith("Monday evening.")


def test_link_hints_for_screen_readers_are_taken_out_of_paragraphs_and_recorded():
    kept, removed = filter_paragraphs(
        ["The ministry published the audit, opens new tab on Tuesday, and the full data (opens in a new "
         "window) will follow next month, officials said."], "en")
    assert kept == ["The ministry published the audit on Tuesday, and the full data will follow next month, "
                    "officials said."]
    assert [r.text for r in removed] == ["opens new tab", "(opens in a new window)"]


def test_picture_credits_in_any_case_and_bare_agency_lines_are_captions():
    kept, removed = filter_paragraphs(
        ["(photo AFP)", "AFP", "Le maire devant la mairie, le 3 mai 2025. (JEAN DUPONT / GETTY IMAGES EUROPE)"],
        "fr")
    assert not kept and {r.reason for r in removed} == {"picture caption or credit"}


def test_a_headline_under_a_most_read_list_is_kept_when_its_header_is_dated():
    page = ("Most read\n* Ferry operator adds sailings for the summer season\n* Council tax to rise next year\n"
            "Updated 3 May 2025\n"
            "Estuary bridge opening delayed to spring after cracks found\n"
            "By Ann Smith\n\n" + _PROSE_EN)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"


def test_a_headline_under_a_list_heading_is_still_found_when_nothing_else_qualifies():
    page = ("Most read\n* Ferry operator adds sailings for the summer season\n"
            "Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert ex.title == "Estuary bridge opening delayed to spring after cracks found"


def test_a_sentence_between_two_advertisement_markers_stays_in_the_body():
    page = ("Estuary bridge opening delayed to spring after cracks found\nBy Ann Smith\n\n" + _PROSE_EN
            + "Story continues below advertisement\n\nThe first crossing was built by monks in 1320.\n\n"
            "Story continues below advertisement\n\n" + _LAST_PARAGRAPH)
    ex = clean_text("bridge.txt", page, page_lang="en")
    assert "built by monks in 1320." in ex.text


def test_fold_drops_accents_and_combining_marks_however_they_are_written():
    import unicodedata

    from veille.stages.extract.text_cleaner import _fold

    composed = "Élection à Besançon : l’Œuvre réélue — ẞ, ǅ"
    decomposed = unicodedata.normalize("NFD", composed)
    want = " ".join("".join(c for c in unicodedata.normalize("NFKD", composed) if not unicodedata.combining(c))
                    .replace("’", " ").replace(":", " ").replace("—", " ").replace(",", " ").split()).lower()
    assert _fold(composed) == _fold(decomposed) == want == "election a besancon l œuvre reelue ß dz"


def test_furniture_phrase_prefilter_finds_a_line_exactly_when_a_phrase_is_in_it():
    from veille.stages.extract.text_cleaner import _all_words, _any_of

    phrases = _all_words("furniture_phrases")
    for line in ["le conseil a voté le budget", *(f"xx {p} yy" for p in phrases)]:
        assert bool(_any_of("furniture_phrases").search(line)) == any(p in line for p in phrases)


def test_cleaner_keeps_a_last_sentence_of_figures_and_names():
    raw = ("Harbour traffic resumes after the storm\n\n"
           "Ships returned to the harbour of the old port on Monday after three days in which the storm had "
           "kept every crew and every passenger on the quays, and the first ferry left at noon.\n\n"
           "The port authority said that the damage to the main pier would be repaired before the spring and "
           "that the cost of the work would be shared by the city and the region.\n\n"
           "Shipping firms expect losses above 20 million euros this winter, the weekly Port Ledger "
           "reported, citing insurance brokers.\n")
    got = clean_text("port.txt", raw, "en")
    last = _lines(raw)[-1]
    assert 0.1 <= _function_ratio(last.text, resources("en").function_words) < 0.18  # few function words
    assert got.text.rstrip().endswith("citing insurance brokers.")


def test_cleaner_a_sentence_opening_with_a_cue_word_is_prose():
    raw = ("Storm grounds flights\n\n"
           "A storm swept across the north of the country on Thursday, closing roads and grounding flights at "
           "the main airports for most of the day.\n\n"
           "More than 200 flights were cancelled at the capital's airport, and thousands of passengers spent "
           "the night in the terminals.\n\n"
           "MORE Heavy snow closes schools in the east\n\n"
           "Read more: Ferry services suspended\n\n"
           "The weather service said the wind would drop over the weekend and the airports would reopen.\n")
    got = clean_text("storm.txt", raw, "en")
    assert "More than 200 flights" in got.text
    reasons = {r.text: r.reason for r in got.removed}
    assert reasons["MORE Heavy snow closes schools in the east"].startswith("unrelated insert")
    assert reasons["Read more: Ferry services suspended"].startswith("unrelated insert")
_CREDIT_LINES = [
    "Le maire inaugure le pont, mardi à Rennes. Jean-Luc Martin / AFP",
    "Vue du chantier depuis la rive gauche (Marie Dubois/REUTERS)",
    "Les élus en séance. M. Petit / getty images",
    "Une route coupée à 3/4 par la crue",
    "Le 12/05, la mairie a voté le budget",
    "© Ville de Rennes 2024",
    "Photo : Ville de Rennes",
    "Crédits : archives municipales",
    "(AP Photo/John Smith) The bridge at dawn",
    "Image caption The new bridge",
    "Illustration : le tracé du tram",
    "Le tracé du tram (photo d'archive)",
    "VIDÉO. Le pont s'ouvre",
    "  — AFP —  ",
    "Reuters",
    "A line about Reuters journalism in general",
    "Le conseil municipal a voté le budget mardi soir",
    "Retrouvez-nous sur / nos réseaux",
]


#: the single pattern ``is_caption_credit`` replaced, as it was: its answers are the reference
_ONE_CREDIT_PATTERN = re.compile(
    r"(?:\b[A-ZÀ-Ý][\w.\- ]{1,40}\s*/\s*(?:AFP|AP|REUTERS|Reuters|EPA|(?i:Getty)(?: (?i:Images))?|SIPA|"
    r"MAXPPP|ABACA|Hans Lucas|PA|Shutterstock|Bloomberg|Anadolu)\b|©|\bCopyright\b|\bPhoto\s*:|"
    r"\bCrédit(?:s)?\s*:|"
    r"\((?:AP|AFP|Reuters) Photo\b|^(?:Media|Image) (?:caption|copyright|source)\b|"
    r"\bImage\s*:|\bIllustration\s*:|\((?i:photo)\b|\bVIDÉO\b|"
    r"^\W*(?:AFP|AP|Reuters|REUTERS|EPA|Getty Images|DR|Belga|ANP|dpa|MAXPPP)\W*$)",
    re.UNICODE,
)


@pytest.mark.parametrize("line", _CREDIT_LINES)
def test_caption_credit_in_three_patterns_finds_what_the_one_pattern_found(line):
    assert is_caption_credit(line) is bool(_ONE_CREDIT_PATTERN.search(line))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Copyright", "©", "Photo", " : ", "(", "photo", "AP", "AFP", "Image",
                                 "caption", "Crédits", "VIDÉO", "Illustration", "/", " / ", "Jean Dupont",
                                 "Getty", " Images", "x", " ", "é", "-", ".", "\n", "Media", "dpa"]),
                max_size=8).map("".join))
def test_caption_credit_agrees_with_the_one_pattern_on_generated_lines(line):
    assert is_caption_credit(line) is bool(_ONE_CREDIT_PATTERN.search(line))


def test_caption_credit_lines_are_found():
    found = [line for line in _CREDIT_LINES if is_caption_credit(line)]
    assert len(found) == 13 and "Une route coupée à 3/4 par la crue" not in found
