"""The quotes stage on the seed page and on short texts written for these tests."""

from __future__ import annotations

import pytest

FR_TEXT = (
    "Paris : La ministre Claire Dumont a rencontré mardi les syndicats.\n\n"
    "« Nous ne reculerons pas sur l’essentiel », a déclaré Claire Dumont devant la presse. "
    "Elle a ajouté que le calendrier serait tenu.\n\n"
    "« Le dialogue reste ouvert, a-t-elle précisé. Mais il faudra des efforts. »\n\n"
    "Un responsable syndical a estimé que la réunion était “décevante” et sans résultat.\n\n"
    "Les syndicats dénoncent “l’austérité” depuis des mois.\n"
)
EN_TEXT = (
    "WASHINGTON (Agency) - Senator John Carter met the governors on Monday.\n\n"
    "“We are not going to give up on this bill,” Carter said. “It matters too much.”\n\n"
    "The White House said the president would sign the measure if it passed.\n\n"
    "“The numbers do not add up,” said a spokesperson for the budget office.\n"
)


@pytest.fixture(scope="module")
def fr_article(analyze):
    return analyze(FR_TEXT, lang="fr")


@pytest.fixture(scope="module")
def en_article(analyze):
    return analyze(EN_TEXT, lang="en")


def by_text(article, start: str):
    return next(q for q in article.quotes if q.text.startswith(start))


def speaker_name(article, q) -> str | None:
    ent = article.entity(q.speaker)
    return ent.name if ent else None


def test_quotes_spans_lie_in_the_text(fr_article, en_article):
    for art in (fr_article, en_article):
        assert art.quotes
        assert art.check_spans() == []


def test_quotes_inverted_cue_names_the_speaker(fr_article):
    q = by_text(fr_article, "Nous ne reculerons pas")
    assert q.kind == "direct"
    assert q.cue.text == "a déclaré"
    assert q.speaker_mention.text == "Claire Dumont"
    assert "Dumont" in (speaker_name(fr_article, q) or "")


def test_quotes_incise_inside_marks_splits_and_resolves_pronoun(fr_article):
    first = by_text(fr_article, "Le dialogue reste ouvert")
    second = by_text(fr_article, "Mais il faudra des efforts")
    assert first.text == "Le dialogue reste ouvert"
    assert first.speaker_mention.text == "elle" and second.speaker_mention.text == "elle"
    assert "Dumont" in (speaker_name(fr_article, first) or "")


def test_quotes_indirect_speech_with_pronoun_subject(fr_article):
    q = by_text(fr_article, "le calendrier serait tenu")
    assert q.kind == "indirect"
    assert "Dumont" in (speaker_name(fr_article, q) or "")


def test_quotes_unnamed_speaker_keeps_mention(fr_article, en_article):
    q = next(q for q in fr_article.quotes if "réunion était" in q.text)
    assert q.kind == "mixed" and q.speaker is None
    assert q.speaker_mention.text.startswith("Un responsable")
    spokes = by_text(en_article, "The numbers do not add up")
    assert spokes.speaker_mention.text.startswith("a spokesperson")


def test_quotes_scare_quotes_are_not_quotes(fr_article):
    assert not any(q.text.strip("“”") in ("l’austérité", "décevante") for q in fr_article.quotes)


def test_quotes_english_split_quote_shares_speaker(en_article):
    first = by_text(en_article, "We are not going to give up")
    second = by_text(en_article, "It matters too much")
    assert first.speaker_mention.text == "Carter"
    assert second.speaker_mention == first.speaker_mention
    assert "Carter" in (speaker_name(en_article, first) or "")


def test_quotes_seed_direct_quotes_attributed_to_putin(seed_record):
    direct = [q for q in seed_record.quotes if q.kind == "direct"]
    assert len(direct) == 5
    assert all(speaker_name(seed_record, q) == "Vladimir Putin" for q in direct)
    ajoute = [q for q in direct if q.cue and q.cue.text == "a-t-il ajouté"]
    assert len(ajoute) == 2 and all(q.speaker_mention.text == "il" for q in ajoute)
    assert not any(q.text in ("l’Occident", "clubs exclusifs") for q in seed_record.quotes)


def test_quotes_seed_indirect_speech_by_description(seed_record):
    q = next(q for q in seed_record.quotes if q.text.startswith("Moscou avait déjà transféré"))
    assert q.kind == "indirect"
    assert q.speaker_mention.text == "Le dirigeant russe"
    assert speaker_name(seed_record, q) == "Vladimir Putin"


EN_LAYOUTS = (
    "Council vote on the harbour plan\n\n"
    "The mayor spoke to reporters after the council meeting on Tuesday evening in the town hall.\n\n"
    "Mayor Ellen Brooks said:\n\n"
    "“We will rebuild the harbour wall before the winter storms arrive.”\n\n"
    "“Nobody asked the fishermen what they needed from this plan.” ― Tom Walsh\n\n"
    "“The budget is simply not there for a project of this size,” said Councillor Ray Dunn.\n"
)


@pytest.fixture(scope="module")
def en_layouts(analyze):
    return analyze(EN_LAYOUTS, lang="en")


def test_quotes_colon_on_the_line_before_gives_the_speaker(en_layouts):
    q = by_text(en_layouts, "We will rebuild the harbour wall")
    assert q.speaker_mention.text == "Mayor Ellen Brooks"


def test_quotes_dash_signature_gives_the_speaker(en_layouts):
    q = by_text(en_layouts, "Nobody asked the fishermen")
    assert q.speaker_mention.text == "Tom Walsh"


def test_quotes_english_inverted_cue(en_layouts):
    q = by_text(en_layouts, "The budget is simply not there")
    assert q.cue.text == "said"
    assert q.speaker_mention.text == "Councillor Ray Dunn"


def test_quotes_multi_paragraph_quote_takes_the_speaker_named_at_its_close(analyze):
    text = ("La ministre répond aux syndicats\n\n"
            "La ministre Claire Dumont a longuement répondu mardi aux questions des syndicats "
            "réunis à Paris.\n\n"
            "« Nous avons entendu vos demandes et nous allons les étudier une par une.\n\n"
            "« Mais le calendrier ne changera pas, quoi qu’il arrive », a-t-elle ajouté.\n")
    art = analyze(text, lang="fr")
    first = by_text(art, "Nous avons entendu")
    second = by_text(art, "Mais le calendrier")
    assert first.text.endswith("une par une.")  # one item per paragraph
    assert first.speaker_mention == second.speaker_mention and first.speaker_mention.text == "elle"
    assert "Dumont" in (speaker_name(art, first) or "")


def test_quotes_a_reported_clause_starts_after_the_dateline(analyze):
    art = analyze("Ferry strike ends\n\nVALLETTA (Agency) - Ferry crews returned to work on Monday after a "
                  "four-day strike over pay, the union said.\n", lang="en")
    q = next(q for q in art.quotes if q.kind == "indirect")
    assert q.text.startswith("Ferry crews returned to work")


FR_CLOSING_INCISE = (
    "Incendie dans un entrepôt de Lorient\n\n"
    "Un incendie a détruit un entrepôt de la zone portuaire de Lorient dans la nuit de mardi à mercredi.\n\n"
    "L'enquête se poursuit pour déterminer l'origine du sinistre, a indiqué jeudi le procureur Hervé "
    "Lamarque.\n\n"
    "Le maire, qui a visité le site, a salué le travail des secours.\n"
)


def test_quotes_a_closing_incise_reports_the_sentence_before_it(analyze):
    art = analyze(FR_CLOSING_INCISE, lang="fr")
    q = next(q for q in art.quotes if q.kind == "indirect")
    assert q.text == "L'enquête se poursuit pour déterminer l'origine du sinistre"
    assert q.cue is not None and q.cue.text == "a indiqué"
    # the day between the cue and its inverted subject is not the speaker's
    assert q.speaker_mention is not None and q.speaker_mention.text.startswith("le procureur")
    assert "Lamarque" in (art.entity(q.speaker).name if q.speaker else "")
    # a relative clause set off by commas is not an incise that reports anything
    assert not any(q.text.startswith("Le maire") for q in art.quotes)


def test_quotes_an_inverted_speaker_after_the_one_it_was_said_to(analyze):
    art = analyze("Grève dans les ports\n\nLes dockers de Marseille ont cessé le travail lundi.\n\n"
                  "« Nous ne reprendrons pas avant un accord écrit », a déclaré à l'AFP Nadine Ferrand, "
                  "déléguée syndicale du port.\n", lang="fr")
    q = next(q for q in art.quotes if q.text.startswith("Nous ne reprendrons"))
    assert q.speaker_mention is not None and q.speaker_mention.text.startswith("Nadine Ferrand")
    assert "Ferrand" in (art.entity(q.speaker).name if q.speaker else "")
