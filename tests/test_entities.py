"""Entity recognition, linking and coreference on texts written by the team, with a small knowledge base
built here (the shipped KB is exercised by tests/test_entities_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.kb import KBEntity, KnowledgeBase, Role
from veille.lang import resources
from veille.stages.entities import build_records, find_mentions
from veille.stages.nlp import load_model

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).parent / "fixtures" / "en_belarus_nuclear.txt"


def _e(id, name, type, names, **kw):
    return KBEntity(id=id, name=name, type=type, names=names, **kw)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """A handful of entities, enough to exercise every kind of link."""
    ru, by, us = "Q159", "Q184", "Q30"
    return KnowledgeBase([
        _e(ru, "Russia", "GPE", {"fr": ("Russie",), "en": ("Russia",)},
           adjectives={"fr": ("russe", "russes"), "en": ("Russian",)}, wikidata=ru),
        _e(by, "Belarus", "GPE", {"fr": ("Biélorussie", "Bélarus"), "en": ("Belarus",)},
           adjectives={"fr": ("biélorusse",), "en": ("Belarusian",)}, wikidata=by),
        _e(us, "United States", "GPE", {"fr": ("États-Unis",), "en": ("United States",), "*": ("US", "USA")},
           adjectives={"fr": ("américain", "américaine"), "en": ("American", "US")}, wikidata=us),
        _e("Q649", "Moscow", "GPE", {"fr": ("Moscou",), "en": ("Moscow",)}, stands_for=ru, country=ru),
        _e("Q2280", "Minsk", "GPE", {"*": ("Minsk",)}, stands_for=by, country=by),
        _e("Q83063", "Moscow Kremlin", "LOC", {"*": ("Kremlin",)}, stands_for=ru, country=ru),
        _e("Q7184", "NATO", "ORG",
           {"*": ("NATO", "OTAN"), "fr": ("Organisation du Traité de l'Atlantique Nord",)}),
        _e("Q7747", "Vladimir Putin", "PER", {"fr": ("Vladimir Poutine",), "en": ("Vladimir Putin",)},
           roles=(Role("head_of_state", ru, "2000-05-07", "2008-05-07"),
                  Role("head_of_state", ru, "2012-05-07"))),
        _e("Q23530", "Dmitry Medvedev", "PER", {"*": ("Dmitry Medvedev",)},
           roles=(Role("head_of_state", ru, "2008-05-07", "2012-05-07"),)),
        _e("Q6816", "Alexander Lukashenko", "PER", {"en": ("Alexander Lukashenko",)},
           roles=(Role("head_of_state", by, "1994-07-20"),)),
        _e("Q6279", "Joe Biden", "PER", {"*": ("Joe Biden",)}, roles=(Role("head_of_state", us, "2021-01-20",
                                                                          "2025-01-20"),)),
        _e("Q22686", "Donald Trump", "PER", {"*": ("Donald Trump",)},
           roles=(Role("head_of_state", us, "2017-01-20", "2021-01-20"),
                  Role("head_of_state", us, "2025-01-20"))),
        _e("Q57602", "Jens Stoltenberg", "PER", {"*": ("Jens Stoltenberg",)},
           roles=(Role("secretary_general", "Q7184", "2014-10-01", "2024-10-01"),)),
        _e("veille:iskander", "9K720 Iskander", "WEAPON", {"*": ("Iskander", "9K720 Iskander")}),
    ])


def _run(text: str, lang: str, kb, published: str | None = None):
    res = resources(lang)
    doc = load_model(res.spacy_model)(text)
    return build_records(find_mentions(doc, res.part("entities"), kb, lang, published), kb)


def _by_name(ents):
    return {e.name: e for e in ents}


def test_entities_elided_article_is_stripped_and_kept_as_written(kb):
    ents, mentions = _run("Le gouvernement a critiqué l’OTAN hier. L’OTAN a répondu.", "fr", kb)
    nato = _by_name(ents)["NATO"]
    assert nato.id == "Q7184" and "OTAN" in nato.names and "l’OTAN" in nato.names
    assert {m.text for m in mentions if m.entity_id == "Q7184"} == {"OTAN"}


def test_entities_surname_corefers_with_full_name_on_the_page(kb):
    text = "La syndicaliste Sophie Ravenel a reçu les délégués. Mme Ravenel a ensuite parlé à la presse."
    ents, mentions = _run(text, "fr", kb)
    ravenel = [e for e in ents if e.type == "PER"]
    assert len(ravenel) == 1 and ravenel[0].name == "Sophie Ravenel"
    assert any(m.how == "coref" and m.text == "Ravenel" for m in mentions)


def test_entities_description_links_to_holder_at_publication_date(kb):
    text = "Le président américain a appelé ses alliés. Washington reste prudent."
    ents, mentions = _run(text, "fr", kb, published="2023-03-26")
    desc = next(m for m in mentions if m.how == "description")
    assert desc.text == "Le président américain" and desc.entity_id == "Q6279"
    ents, mentions = _run(text, "fr", kb, published="2018-06-01")
    assert next(m for m in mentions if m.how == "description").entity_id == "Q22686"


def test_entities_description_without_date_prefers_person_on_the_page(kb):
    text = ("Dmitry Medvedev a signé le décret. Le président russe a ensuite reçu des ministres.")
    ents, mentions = _run(text, "fr", kb)
    assert next(m for m in mentions if m.how == "description").entity_id == "Q23530"


def test_entities_english_description_before_role(kb):
    ents, mentions = _run("The Russian president spoke on Saturday. The Belarusian leader agreed.", "en", kb)
    found = {m.text: m.entity_id for m in mentions if m.how == "description"}
    assert found == {"The Russian president": "Q7747", "The Belarusian leader": "Q6816"}


def test_entities_capital_as_actor_is_the_state_and_as_place_the_city(kb):
    text = "Moscou a déclaré que les négociations étaient terminées. Les diplomates se sont réunis à Moscou."
    ents, mentions = _run(text, "fr", kb)
    first, second = [m for m in mentions if m.text == "Moscou"]
    assert (first.entity_id, first.how) == ("Q159", "metonymy")
    assert (second.entity_id, second.how) == ("Q649", "kb")


def test_entities_seat_of_power_is_the_state_unless_a_place(kb):
    ents, mentions = _run("Le Kremlin a démenti. Le ministre a été reçu au Kremlin.", "fr", kb)
    kinds = [(m.entity_id, m.how) for m in mentions if m.text == "Kremlin"]
    assert kinds == [("Q159", "metonymy"), ("Q83063", "kb")]


def test_entities_transliteration_links_to_the_kb_person(kb):
    ents, mentions = _run("Le dirigeant Alexandre Loukachenko a parlé. Loukachenko a souri.", "fr", kb)
    luka = _by_name(ents)["Alexander Lukashenko"]
    assert luka.id == "Q6816" and {"Alexandre Loukachenko", "Loukachenko"} <= set(luka.names)


def test_entities_unknown_person_gets_same_id_across_spellings(kb):
    fr, _ = _run("Le ministre Volodymyr Zelenski a parlé à la radio.", "fr", kb)
    en, _ = _run("Minister Volodymyr Zelenskyy spoke on the radio.", "en", kb)
    [a] = [e for e in fr if e.type == "PER"]
    [b] = [e for e in en if e.type == "PER"]
    assert a.id == b.id and a.id.startswith("L")


def test_entities_acronym_in_brackets_is_the_name(kb):
    ents, mentions = _run("The Northern Fisheries Council (NFC) met on Monday. The NFC then voted.", "en", kb)
    orgs = [e for e in ents if e.type == "ORG"]
    assert len(orgs) == 1 and set(orgs[0].names) >= {"Northern Fisheries Council", "NFC"}
    assert len({m.entity_id for m in mentions}) == 1 and len(mentions) == 3


def test_entities_common_words_are_not_names(kb):
    ents, mentions = _run("Let us see who runs the US economy now.", "en", kb)
    assert [m.text for m in mentions] == ["US"]


def test_entities_span_across_line_break_is_split(kb):
    ents, mentions = _run("Réunion au sommet\nVladimir Poutine a parlé hier.", "fr", kb)
    assert all("\n" not in m.text for m in mentions)
    assert any(e.id == "Q7747" for e in ents)


def test_entities_every_mention_lies_in_the_text(kb):
    text = FIXTURE.read_text()
    ents, mentions = _run(text, "en", kb)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    ids = {e.id for e in ents}
    assert all(m.entity_id in ids for m in mentions)


def test_entities_english_page_and_french_seed_share_ids(kb, corpus):
    import veille

    fr = veille.analyze(corpus / "seed" / "article.txt")
    text = FIXTURE.read_text()
    en_ents, en_mentions = _run(text, "en", kb)
    fr_ents, fr_mentions = _run(fr.text, "fr", kb)
    en_ids = {e.name: e.id for e in en_ents}
    fr_ids = {e.name: e.id for e in fr_ents}
    for name in ("Vladimir Putin", "Alexander Lukashenko", "NATO", "Russia", "9K720 Iskander"):
        assert en_ids[name] == fr_ids[name], name
    kremlin = [m for m in en_mentions + fr_mentions if m.text == "Kremlin"]
    assert kremlin and all(m.entity_id == "Q159" for m in kremlin)


def test_entities_user_kb_file_from_configuration(tmp_path):
    """A user's own KB file (Config.kb_files) is matched like the shipped data."""
    import json

    import veille

    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"id": "acme:wolfram-kestrel", "name": "Wolfram Kestrel", "type": "PER",
                                "names": {"*": ["Wolfram Kestrel", "W. Kestrel"]}}) + "\n", encoding="utf-8")
    config = veille.load_config(kb_files=(str(path),))
    art = veille.analyze_text("Wolfram Kestrel a présenté son rapport mardi à Lyon. Kestrel a été applaudi.",
                              lang="fr", config=config)
    person = art.entity("acme:wolfram-kestrel")
    assert person is not None and person.type == "PER"
    assert {m.how for m in art.mentions if m.entity_id == person.id} == {"kb", "coref"}


def test_entities_bad_user_kb_file_is_refused_with_its_name(tmp_path):
    import veille
    from veille.errors import VeilleError

    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x", "name": "X"}\n', encoding="utf-8")
    text = ("Wolfram Kestrel a présenté son rapport mardi à Lyon devant les élus de la région. "
            "Il a été applaudi.")
    with pytest.raises(VeilleError, match="broken.jsonl:1"):
        veille.analyze_text(text, lang="fr", config=veille.load_config(kb_files=(str(path),)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Poutine", "l’OTAN", "M.", "le président russe", "Moscou", "a déclaré", "\n",
                                 "Kremlin", "Zelenski", "«", "»", "Biélorussie", ",", "de", "la", "ÉTATS"]),
                min_size=1, max_size=25))
def test_entities_mentions_always_lie_in_the_text(kb, parts):
    text = " ".join(parts)
    ents, mentions = _run(text, "fr", kb)
    ids = {e.id for e in ents}
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.text.strip() == m.text and m.entity_id in ids


def test_entities_former_holder_is_never_the_one_in_office(kb):
    text = "Dmitry Medvedev, l'ancien président russe, a menacé Kiev. Vladimir Poutine n'a rien dit."
    ents, mentions = _run(text, "fr", kb, published="2023-03-26")
    assert next(m for m in mentions if m.how == "description").entity_id == "Q23530"
    ents, mentions = _run("L’ancien président russe a parlé hier soir.", "fr", kb, "2023-03-26")
    assert not [m for m in mentions if m.how == "description"]


def test_entities_role_of_an_organisation(kb):
    ents, mentions = _run("Le secrétaire général de l’OTAN a salué la décision.", "fr", kb, "2023-03-26")
    assert [(m.text, m.entity_id) for m in mentions if m.how == "description"] == [
        ("Le secrétaire général de l’OTAN", "Q57602")]
    ents, mentions = _run("NATO's secretary general welcomed the decision.", "en", kb, "2023-03-26")
    assert [(m.text, m.entity_id) for m in mentions if m.how == "description"] == [
        ("NATO's secretary general", "Q57602")]


def test_entities_coordinated_capitals_share_the_actor_role(kb):
    ents, mentions = _run("Moscou et Minsk ont signé un accord sur les armes.", "fr", kb)
    assert [(m.text, m.entity_id, m.how) for m in mentions] == [
        ("Moscou", "Q159", "metonymy"), ("Minsk", "Q184", "metonymy")]


def test_entities_lone_surname_links_to_kb_person_only_in_context(kb):
    ents, mentions = _run("Loukachenko a répondu mardi. La Biélorussie reste prudente.", "fr", kb)
    assert (mentions[0].text, mentions[0].entity_id, mentions[0].how) == ("Loukachenko", "Q6816", "namekey")
    ents, mentions = _run("Loukachenko a répondu mardi aux journalistes.", "fr", kb)
    assert mentions[0].entity_id.startswith("L") and mentions[0].how == "ner"


def test_entities_english_spans_split_at_common_words_and_commas(kb):
    text = ("Garrett hit Rudolph with a helmet on Thursday. "
            "The offer covers CBS All Access, Disney and more. "
            "Myles Garrett later apologized to Mason Rudolph in Alma al-Chaab.")
    ents, mentions = _run(text, "en", kb)
    texts = [m.text for m in mentions]
    assert "CBS All Access" in texts and "Disney" in texts and "Alma al-Chaab" in texts
    assert not any(" hit " in t or "," in t for t in texts)
    rudolph = {m.entity_id for m in mentions if "Rudolph" in m.text}
    assert len(rudolph) == 1 and next(e for e in ents if e.id in rudolph).type == "PER"


def test_entities_military_titles_and_compound_surnames(kb):
    text = "Joel Eriksson Ek scored twice. Eriksson Ek now has 20 goals, Cmdr. Sean Robertson said."
    ents, mentions = _run(text, "en", kb)
    people = [e for e in ents if e.type == "PER"]
    assert sorted(e.name for e in people) == ["Joel Eriksson Ek", "Sean Robertson"]


def test_entities_name_inside_a_lower_case_kb_phrase_is_kept():
    """A KB phrase in lower case ("guerre en Ukraine") is one thing, the country named in it another."""
    kb = KnowledgeBase([
        _e("Q212", "Ukraine", "GPE", {"fr": ("Ukraine",)}),
        _e("veille:war", "Russian invasion of Ukraine", "EVENT", {"fr": ("guerre en Ukraine",)}),
    ])
    text = "Les experts ont parlé de la guerre en Ukraine hier soir."
    ents, mentions = _run(text, "fr", kb)
    assert [(m.text, m.entity_id) for m in mentions] == [
        ("guerre en Ukraine", "veille:war"), ("Ukraine", "Q212")]


def test_entities_typo_of_a_known_name_joins_the_known_person(kb):
    text = "Alexander Lukashenko spoke on Monday. Later Alexander Lukashenka repeated the claim."
    ents, mentions = _run(text, "en", kb)
    assert {m.entity_id for m in mentions} == {"Q6816"}
    assert next(m for m in mentions if m.text.endswith("Lukashenka")).how == "coref"


def test_entities_function_word_and_model_numbers_do_not_hide_names(kb):
    res = resources("en")
    text = ("In Russia President Vladimir Putin spoke. Artemis II will fly. "
            "Boeing said the Boeing 737 was safe.")
    doc = load_model(res.spacy_model)(text)
    cands = find_mentions(doc, res.part("entities"), kb, "en", None, res.function_words)
    texts = [c.text for c in cands]
    assert "Russia" in texts and "Boeing" in texts and "Artemis" not in " ".join(texts)
