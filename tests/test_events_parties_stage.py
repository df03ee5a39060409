"""The events stage on short pages written for these tests: who can receive an act, a region is no
pronoun's antecedent, the same event told twice is one, and the judged set's keys."""

from __future__ import annotations

from veille.eval.events import event_keys
from veille.record import Article, Event, Span


def _name(art, entity_id):
    ent = art.entity(entity_id)
    return ent.name if ent else entity_id


def _coded(art):
    return [(e.type, _name(art, e.actor), _name(art, e.recipient)) for e in art.events]


def test_events_a_planet_receives_no_aid(analyze):
    art = analyze("NASA plans to send two astronauts to Mars in 2031.", name="written-mars", lang="en")
    assert not any(e.type in ("AID", "AGREE") for e in art.events), _coded(art)


def test_events_a_state_receives_what_is_sent(analyze):
    art = analyze("Japan sent food and blankets to Ukraine on Tuesday.", name="written-aid", lang="en")
    assert ("AID", "Japan", "Ukraine") in _coded(art)


def test_events_what_is_ceded_is_not_the_recipient(analyze):
    art = analyze("En 1954, l'Union soviétique a cédé la Crimée à l'Ukraine.", name="written-cede")
    ev = next(e for e in art.events if e.type == "CONCEDE")
    assert _name(art, ev.recipient) == "Ukraine", _coded(art)


def test_events_the_same_event_told_twice_is_one(analyze):
    art = analyze("Le Portugal a attaqué l'Espagne jeudi.\n\n"
                  "Selon le ministère, le Portugal a attaqué l'Espagne jeudi matin, après des semaines "
                  "de tension.", name="written-twice")
    assert _coded(art).count(("ASSAULT", "Portugal", "Spain")) == 1, _coded(art)


def test_events_two_dated_events_stay_two(analyze):
    art = analyze("Le Portugal a attaqué l'Espagne le 3 mars 2021, selon le ministère de la défense.\n\n"
                  "Après des semaines de calme, le Portugal a attaqué l'Espagne le 9 avril 2021, a indiqué "
                  "le même ministère.", name="written-two")
    assert _coded(art).count(("ASSAULT", "Portugal", "Spain")) == 2, _coded(art)


def test_events_a_region_is_no_pronoun_antecedent(analyze):
    art = analyze("Les journalistes ont longuement parlé de la Crimée. Il a ensuite attaqué le port.",
                  name="written-region")
    assert not any(_name(art, e.actor) == "Crimea" for e in art.events), _coded(art)


def test_events_judged_keys_survive_a_shifted_text():
    def keys(prefix: str):
        sentence = "Les rebelles ont attaqué la ville de nuit."
        text = prefix + sentence
        start = len(prefix) + sentence.index("attaqué")
        art = Article(id="x", text=text, lang="fr")
        ev = Event(type="ASSAULT", sentence=Span(start=len(prefix), end=len(text), text=sentence),
                   trigger=Span(start=start, end=start + 7, text="attaqué"))
        return event_keys(art, ev)

    assert keys("") == keys("Un autre paragraphe,\n  plus long. ")


def test_events_protest_turnout_is_no_mobilize(analyze):
    art = analyze("Les syndicats ont salué une forte mobilisation contre la réforme des retraites à Lyon, "
                  "où des milliers de personnes ont défilé samedi.", name="written-turnout")
    assert "MOBILIZE" not in [e.type for e in art.events], _coded(art)


def test_events_mobilizing_reservists_is_mobilize(analyze):
    art = analyze("La Pologne a annoncé mardi la mobilisation de dix mille réservistes près de sa frontière "
                  "orientale.", name="written-reservists")
    assert "MOBILIZE" in [e.type for e in art.events], _coded(art)


def test_events_a_first_name_is_no_nationality(analyze):
    art = analyze("George Harmon, the former governor, signed the treaty with Georgia in Tbilisi on Monday, "
                  "officials said.", name="written-george", lang="en")
    assert not any(_name(art, e.actor) == "Georgia" for e in art.events), _coded(art)


def test_events_judged_set_holds_no_text_and_valid_types():
    """The judged news events (eval/data/events-judged.jsonl): keys and judgements only, PLOVER types or
    "none", every repeat pointing at an entry of its page."""
    from veille.eval.events import load_judged
    from veille.stages.events.lexicon import PLOVER_TYPES

    entries = load_judged()
    assert len(entries) >= 40
    allowed = {"page", "context", "sentence", "start", "coded", "type", "actor", "same_as", "why"}
    keys = {(e["page"], e["context"]) for e in entries}
    for e in entries:
        assert set(e) <= allowed, e
        assert e["type"] in (*PLOVER_TYPES, "none") and e["coded"] in PLOVER_TYPES
        assert len(e["context"]) == 12 and "+" in e["sentence"]
        assert "same_as" not in e or (e["page"], e["same_as"]) in keys


def test_events_a_city_adjective_makes_no_party(analyze):
    art = analyze("La première frappe lyonnaise de la seconde période passe au-dessus du but, et le public "
                  "du stade s'impatiente.", name="written-match")
    assert not art.events, _coded(art)


def test_events_it_is_never_a_person(analyze):
    art = analyze("Senator Mark Dalton said he would sell the new tonic at any price, even if it kills the "
                  "voters of Ohio.", name="written-it", lang="en")
    assert not any(_name(art, e.actor) == "Mark Dalton" for e in art.events), _coded(art)


def test_events_our_inside_a_quote_is_the_speakers_side(analyze):
    art = analyze('"We reiterate our calls on Serbia to free the two journalists," Croatian Foreign Minister '
                  "Ana Kovac said on Monday in Zagreb.", name="written-our", lang="en")
    ev = next(e for e in art.events if e.type == "REQUEST")
    assert _name(art, ev.actor) in ("Croatia", "Ana Kovac"), _coded(art)


def test_events_a_bloc_named_as_a_place_can_still_be_accused(analyze):
    art = analyze("Le président a accusé l'Occident de provoquer la crise, selon un communiqué publié jeudi "
                  "à Moscou.", name="written-bloc")
    ev = next(e for e in art.events if e.type == "ACCUSE")
    assert ev.recipient is not None and ev.location != ev.recipient, _coded(art)


def test_events_the_dateline_place_is_not_the_actor():
    # the parse a small model gives "OSLO - The council on Monday rejected a plan": two subjects
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from veille.lang import resources
    from veille.stages.events.syntax import subject

    words = ["OSLO", "-", "The", "council", "on", "Monday", "rejected", "a", "plan", "."]
    heads = [6, 0, 3, 6, 6, 4, 6, 8, 6, 6]
    deps = ["nsubj", "punct", "det", "nsubj", "prep", "pobj", "ROOT", "det", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    lex = resources("en").part("events")
    assert subject(doc[6], lex).text == "council"
    # a subject in capitals that is not a dateline stays the subject
    doc = Doc(Vocab(), words=["NATO", "rejected", "a", "plan", "."], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "punct"])
    assert subject(doc[1], lex).text == "NATO"
