"""Quotes that fill a paragraph with no cue, generic bodies as speakers, and participles after a quote,
on texts written for these tests."""

from __future__ import annotations

import pytest

EN_CONTINUATION = (
    "Governor defends the new water plan\n\n"
    "DENVER (Agency) - Governor Anna Brooks spoke to reporters at the state capitol on Thursday.\n\n"
    "The governor admitted that some farmers would lose part of their water rights. However, she "
    "defended her decision to share the river with the cities.\n\n"
    "“Nobody wanted this drought. But when everyone gives a little, nobody has to give everything.”\n\n"
    "The plan goes to a vote in the state senate next month.\n"
)
FR_SIGNED = (
    "Tennis : le retour d’une championne\n\n"
    "PARIS - Après deux ans d’absence, Julie Moreau a repris la compétition cette semaine "
    "à Roland-Garros.\n\n"
    "\"Je ne joue plus autant qu’avant. Mais je suis tellement heureuse d’être de retour sur le court.\"\n\n"
    "Julie Moreau\n\n"
    "L’armée française a indiqué que « des exercices auront lieu près du stade toute la semaine ».\n\n"
    "Le tournoi se termine dimanche.\n"
)


@pytest.fixture(scope="module")
def en_continuation(analyze):
    return analyze(EN_CONTINUATION, lang="en")


@pytest.fixture(scope="module")
def fr_signed(analyze):
    return analyze(FR_SIGNED, lang="fr")


def _quote(article, start: str):
    return next(q for q in article.quotes if q.text.startswith(start))


def _speaker(article, start: str) -> str | None:
    ent = article.entity(_quote(article, start).speaker)
    return ent.name if ent else None


def test_quotes_paragraph_quote_takes_the_previous_paragraphs_subject(en_continuation):
    assert "Brooks" in (_speaker(en_continuation, "Nobody wanted this drought") or "")


def test_quotes_paragraph_quote_takes_the_name_signed_below(fr_signed):
    assert "Moreau" in (_speaker(fr_signed, "Je ne joue plus") or "")


def test_quotes_generic_body_named_by_an_adjective_stays_unnamed(fr_signed):
    q = _quote(fr_signed, "des exercices auront lieu")
    assert q.speaker_mention is not None and q.speaker is None


def test_quotes_participle_after_a_quote_is_not_an_incise(analyze):
    text = ("Enquête ouverte à Nantes\n\n"
            "NANTES - Le procureur Marc Lenoir a confirmé l’ouverture d’une enquête, ajoutant que des "
            "perquisitions « sont en cours dans les locaux du club », confirmant une information de la "
            "Gazette de Nantes.\n\nLe club n’a pas réagi.\n")
    art = analyze(text, lang="fr")
    q = _quote(art, "sont en cours dans les locaux")
    assert q.speaker_mention is None or "Gazette" not in q.speaker_mention.text


EN_REPORTED = (
    "New clinic and a closed beach\n\n"
    "BRIGHTON (Agency) - Two decisions were announced in the town on Monday.\n\n"
    "Health director Sam Patel said on Monday that the new clinic would be “the largest of its kind in the "
    "whole country” once it opens.\n\n"
    "After saying that the water was “far too cold for anyone to swim safely today,” Mayor Michael Brown "
    "closed the beach.\n\n"
    "The beach will reopen next week.\n"
)


def test_quotes_fragment_in_a_reported_clause_and_after_a_participle(analyze):
    art = analyze(EN_REPORTED, lang="en")
    assert "Patel" in (_speaker(art, "the largest of its kind") or "")
    assert "Brown" in (_speaker(art, "far too cold") or "")


EN_INTROS = (
    "Tax plans under fire\n\n"
    "CHICAGO (Agency) - Economists were divided over the new tax plans on Tuesday.\n\n"
    "Said Professor Mark Ellison: “Nobody has explained how the cuts would be paid for.”\n\n"
    "Senator Joan Miller told her supporters at a rally on Monday, “We will fight this plan in every "
    "county.”\n\n"
    "The vote is expected next month.\n"
)


def test_quotes_sentence_initial_cue_and_long_introduction(analyze):
    art = analyze(EN_INTROS, lang="en")
    assert "Ellison" in (_speaker(art, "Nobody has explained") or "")
    q = _quote(art, "We will fight this plan")
    assert q.cue is not None and q.cue.text == "told"
    assert "Miller" in (_speaker(art, "We will fight this plan") or "")
