"""The events stage on whole pages: entity ids for the parties, time links, aux modes, the seed page, the
CLI and the PLOVER GSR gate."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli.main import cli


def _name(art, entity_id):
    ent = art.entity(entity_id)
    return ent.name if ent else entity_id


def _coded(art):
    return [(e.type, _name(art, e.actor), _name(art, e.recipient)) for e in art.events]


@pytest.fixture(scope="module")
def french_page(analyze):
    return analyze("La Pologne a accusé l'Allemagne de violer l'accord sur les frontières.\n\n"
                   "Le 3 mars 2021, l'Espagne a attaqué le Portugal.\n\n"
                   "Le président polonais a déclaré que Moscou prévoyait de déployer des missiles en "
                   "Biélorussie.", name="written-fr")


def test_events_parties_are_entity_ids(french_page):
    assert ("ACCUSE", "Poland", "Germany") in _coded(french_page)
    assert ("ASSAULT", "Spain", "Portugal") in _coded(french_page)
    assert not any(e.type == "REJECT" for e in french_page.events)  # the alleged violation is not coded


def test_events_time_is_the_timex_of_the_sentence(french_page):
    ev = next(e for e in french_page.events if e.type == "ASSAULT")
    assert ev.time is not None and french_page.timexes[ev.time].value == "2021-03-03"
    assert "historical" in ev.aux


def test_events_metonymy_actor_and_location(french_page):
    ev = next(e for e in french_page.events if e.type == "MOBILIZE")
    assert _name(french_page, ev.actor) == "Russia" and _name(french_page, ev.location) == "Belarus"
    assert ev.aux == ["future"]


def test_events_spans_match_the_text(french_page):
    assert french_page.check_spans() == []
    assert all(0 < e.confidence <= 1 for e in french_page.events)


def test_events_english_page(analyze):
    art = analyze("Peru accused Chile on Tuesday of violating the border agreement signed in 1929.\n\n"
                  "Canada will send troops to Latvia next month, the defence minister said on Monday.\n\n"
                  "The talks between the two governments are expected to continue in Lima next week.",
                  name="written-en")
    accuse = [e for e in art.events if e.type == "ACCUSE"]
    assert accuse and (_name(art, accuse[0].actor), _name(art, accuse[0].recipient)) == ("Peru", "Chile")
    assert "historical" not in accuse[0].aux  # 1929 dates the agreement, not the accusation
    mob = [e for e in art.events if e.type == "MOBILIZE"]
    assert mob and _name(art, mob[0].actor) == "Canada" and "future" in mob[0].aux
    assert _name(art, mob[0].location) == "Latvia"


def test_events_seed_page_targets(seed_record, corpus):
    """Every event corpus/seed/expected.json lists: type, actor and recipient or location, by name."""
    want = json.loads((corpus / "seed" / "expected.json").read_text())["events"]
    got = [(e.type, _name(seed_record, e.actor), _name(seed_record, e.recipient),
            _name(seed_record, e.location)) for e in seed_record.events]
    for w in want:
        other = w.get("recipient") or w.get("location")
        assert any(t in w["type"].split("|") and a == w["actor"] and other in (r, loc)
                   for t, a, r, loc in got), w["what"]


def test_events_seed_negated_transfer_of_control(seed_record):
    hits = [e for e in seed_record.events if "transférerait" in e.trigger.text]
    assert len(hits) == 1
    ev = hits[0]
    assert ev.type in ("AID", "COOPERATE") and "negation" in ev.aux
    assert (_name(seed_record, ev.actor), _name(seed_record, ev.recipient)) == ("Russia", "Belarus")


def test_events_seed_reported_deployment_is_russias_and_planned(seed_record):
    ev = next(e for e in seed_record.events if e.type == "MOBILIZE" and e.trigger.text == "déployer")
    assert _name(seed_record, ev.actor) == "Russia" and ev.aux == ["future"]


def test_events_cli_filters_by_actor_and_type(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("La Pologne a accusé l'Allemagne de violer l'accord sur les frontières.\n\n"
                    "L'Espagne a attaqué le Portugal la semaine dernière, selon les autorités locales.\n\n"
                    "Les deux gouvernements doivent se retrouver à Bruxelles pour en discuter.\n",
                    encoding="utf-8")
    res = CliRunner().invoke(cli, ["events", str(page), "--format", "ndjson", "--actor", "pologne"])
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert res.exit_code == 0 and rows and {r["actor_name"] for r in rows} == {"Poland"}
    res = CliRunner().invoke(cli, ["events", str(page), "--type", "assault"])
    assert res.exit_code == 0 and "ASSAULT Spain → Portugal" in res.output and "ACCUSE" not in res.output


def test_events_cli_refuses_an_unknown_type(tmp_path):
    res = CliRunner().invoke(cli, ["events", str(tmp_path), "--type", "WAR"])
    assert res.exit_code == 2 and "WAR" in res.output and "assault" in res.output


def test_events_gate_plover_gsr_floor(corpus):
    """The whole GSR set (322 sentences, a few seconds): the floor kept in the repo holds."""
    from veille.eval import events

    floors = json.loads((events.Path(events.__file__).parent / "floors" / "events.json").read_text())
    sha = floors["corpus_sha1"]["events/plover_gsr_cameo/PLOVER_GSR_CAMEO.json"]
    if events.corpus_sha1(corpus) != sha:
        pytest.skip("the PLOVER GSR file changed since the floor was measured")
    rows, _, _ = events.evaluate(corpus, news=False)
    macro = next(r for r in rows if r.metric == "type accuracy (macro)")
    assert macro.floor is not None and macro.ok, (macro.value, macro.floor)


def test_events_allegation_inside_a_direct_quote_takes_the_quote_speaker(analyze):
    art = analyze("La Pologne a rappelé son ambassadeur à Berlin pour consultations.\n\n"
                  "« Cette crise, provoquée et alimentée par l'Allemagne, dure depuis des mois », a déclaré "
                  "jeudi le Premier ministre polonais Donald Tusk devant les députés.", name="written-quote")
    hits = [e for e in art.events if e.type == "ACCUSE" and e.trigger.text in ("provoquée", "alimentée")]
    assert len(hits) == 1, _coded(art)
    assert (_name(art, hits[0].actor), _name(art, hits[0].recipient)) == ("Poland", "Germany")


def test_events_bodies_stand_for_their_state(analyze):
    art = analyze("Le parlement de Turquie a ratifié jeudi l'adhésion de la Finlande à l'Otan.\n\n"
                  "Des soldats israéliens ont attaqué un village au Liban, selon l'armée libanaise. "
                  "Israël n'a pas commenté.\n\n"
                  "Le président brésilien a suggéré à l'Ukraine de céder la Crimée à la Russie.",
                  name="written-bodies")
    coded = _coded(art)
    assert ("SUPPORT", "Turkey", "Finland") in coded
    assert any(t == "ASSAULT" and a == "Israel" for t, a, _ in coded), coded
    cede = [e for e in art.events if e.trigger.text == "céder"]
    assert cede and _name(art, cede[0].actor) == "Ukraine" and cede[0].type == "CONCEDE"
    assert "hypothetical" in cede[0].aux  # only suggested


def test_events_unknown_people_make_no_political_event(analyze):
    art = analyze("Keller gave the Coyotes the lead early in the second period after a great pass.\n\n"
                  "Draisaitl sent a backhand pass to Nugent-Hopkins, who beat the goalkeeper.\n\n"
                  "The Coyotes close out a three-game road trip on Sunday.", name="written-hockey")
    assert art.events == []


def test_events_reciprocal_parties_are_both_kept(analyze):
    art = analyze("La France et l'Allemagne ont négocié mardi à Berlin un nouvel accord sur l'énergie.\n\n"
                  "Les deux pays doivent encore consulter leurs partenaires européens.",
                  name="written-reciprocal")
    ev = next(e for e in art.events if e.type == "CONSULT")
    assert {_name(art, ev.actor), _name(art, ev.recipient)} == {"France", "Germany"}


def test_events_english_reported_plans_and_refusals(analyze):
    art = analyze("Russian President Vladimir Putin said on Saturday that Russia plans to deploy tactical "
                  "nuclear weapons in Belarus.\n\n"
                  "Putin said Russia would not transfer control of the weapons to Belarus.\n\n"
                  "Belarus helped Russia launch its invasion of Ukraine in February 2022.",
                  name="written-en-seed")
    coded = {(e.type, _name(art, e.actor), _name(art, e.recipient), _name(art, e.location)): e
             for e in art.events}
    mobilize = coded[("MOBILIZE", "Russia", None, "Belarus")]
    assert mobilize.aux == ["future"]
    transfer = coded[("AID", "Russia", "Belarus", None)]
    assert {"negation", "hypothetical"} <= set(transfer.aux)
    assert "historical" in coded[("AID", "Belarus", "Russia", None)].aux
    assert ("ASSAULT", "Russia", "Ukraine", None) in coded


def test_events_first_person_in_a_quote_is_the_speakers_side(analyze):
    art = analyze("Varsovie, jeudi. Le gouvernement a présenté son plan aux députés dans la matinée.\n\n"
                  "La Pologne renforce sa frontière orientale depuis des mois, face à la Biélorussie.\n\n"
                  "« Nous allons déployer des troupes supplémentaires en Lituanie », a déclaré Donald Tusk, "
                  "le Premier ministre polonais, devant les députés.\n\n"
                  "Le débat au Parlement doit se poursuivre la semaine prochaine, selon la présidence.",
                  name="written-we")
    ev = next(e for e in art.events if e.type == "MOBILIZE")
    assert (_name(art, ev.actor), _name(art, ev.location)) == ("Poland", "Lithuania")
    assert "future" in ev.aux


def test_events_announced_withdrawal_is_a_concession_and_named_wars_are_events(analyze):
    art = analyze("Kherson, mercredi. La Russie a annoncé mercredi qu'elle allait retirer ses troupes de la "
                  "ville de Kherson, en Ukraine.\n\n"
                  "L'invasion russe de l'Ukraine a commencé le 24 février 2022, selon les autorités "
                  "ukrainiennes.\n\nLe débat doit se poursuivre la semaine prochaine au Parlement.",
                  name="written-withdrawal")
    coded = _coded(art)
    assert ("CONCEDE", "Russia", None) in coded, coded
    invasion = [e for e in art.events if e.trigger.text == "invasion"]
    assert invasion
    assert (_name(art, invasion[0].actor), _name(art, invasion[0].recipient)) == ("Russia", "Ukraine")
