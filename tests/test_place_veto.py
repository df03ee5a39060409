"""The place veto made safe for real pages (issue 11's audit, veille/stories/location.py) and its audit rows
(veille/eval/place_veto.py). Pages invented for these tests: a wire report of a dam failure filed from a
capital, told by two agencies from two desks; a title that opens on the town's name."""

from __future__ import annotations

import hashlib

from veille.eval.place_veto import (
    AnalysedPage,
    Place,
    PlaceMention,
    Verdict,
    VetoPair,
    veto_rows,
    wrongly_vetoed,
)
from veille.eval.stories_data import Pair
from veille.kb.fold import fold
from veille.record import Entity, Mention
from veille.stories import evidence
from veille.stories.location import dateline_end, page_location, places_disagree


def _place(name: str) -> Entity:
    return Entity(id="L" + hashlib.sha1(fold(name).encode()).hexdigest()[:12], name=name, type="GPE")


def _located(title: str, text: str, names: list[str], dateline: bool = True):
    """The page's location as placement builds it, its places found wherever they occur, and its name keys."""
    entities = [_place(n) for n in names]
    mentions = []
    for e in entities:  # found whatever its case, as a dateline writes it in capitals
        start = text.lower().find(e.name.lower())
        while start >= 0:
            mentions.append(Mention(start=start, end=start + len(e.name), text=e.name, entity_id=e.id))
            start = text.lower().find(e.name.lower(), start + 1)
    location = page_location(title, entities, mentions, text if dateline else None)
    return location, evidence.names(f"{title}\n{text}")


def test_a_dateline_is_where_the_report_was_filed_not_a_lead_place():
    assert dateline_end("VALMORIN (Agence Nord) — Un barrage a cédé") == len("VALMORIN (Agence Nord) — ")
    opening = "Trelkow, 12 mai (Wirepress) - "
    assert dateline_end(opening + "A dam gave way") == len(opening)
    assert dateline_end("OSTREN — A dam gave way") == len("OSTREN — ")
    assert dateline_end("Ostren a vu céder son barrage - la nuit") == 0  # a sentence, not a dateline
    assert dateline_end("UN report - says") == 0
    # two agencies report the same dam failure at Brevaux from two desks; neither names the other desk and
    # the second spells the dam's town only far below its lead
    first, first_names = _located(
        "Dam gives way overnight", "VALMORIN (Agence Nord) — A dam gave way overnight above Brevaux, "
        "flooding the lower streets. " + "Rescue teams worked until dawn. " * 12, ["Valmorin", "Brevaux"])
    second, second_names = _located(
        "Flood after dam failure", "TRELKOW (Wirepress) - Hundreds of people left their homes after a "
        "dam failed in the night. " + "Water reached the first floors. " * 12 + "The town of Brevaux "
        "counted the damage.", ["Trelkow", "Brevaux"])
    assert [sorted(k) for k in first.lead] == [sorted(evidence.names("x Brevaux"))]
    assert second.lead == ()  # only the desk at the lead: no lead place, so it never disagrees
    assert not places_disagree(first, first_names, second, second_names)
    # read without its body (no dateline rule), the desk is a lead place of the first page
    desk, _ = _located("Dam gives way overnight", "VALMORIN (Agence Nord) — A dam gave way overnight above "
                       "Brevaux.", ["Valmorin", "Brevaux"], dateline=False)
    assert sorted(evidence.names("x Valmorin")) in [sorted(k) for k in desk.lead]


def test_a_place_both_entity_stages_found_is_shared_even_where_the_text_keys_miss_it():
    # both titles open on the town (a sentence start: not among the text's name keys) and the bodies
    # only name it at sentence starts too
    a, a_names = _located("Brevaux: the dam gives way", "The dam gave way overnight. Brevaux woke up under "
                          "water.", ["Brevaux"])
    b, b_names = _located("Brevaux sous les eaux", "Le barrage a cédé. Brevaux est sous l'eau.", ["Brevaux"])
    assert a.lead and b.lead
    assert not (set().union(*a.places) & b_names)  # the text keys alone would have missed it
    assert not places_disagree(a, a_names, b, b_names)
    c, c_names = _located("Ostren sous la grêle", "Un orage a éclaté. Ostren est sous la grêle.", ["Ostren"])
    assert places_disagree(a, a_names, c, c_names)  # another town still disagrees


def _verdict(overall: float, vetoed: bool, cross: bool = False, both: bool = True) -> Verdict:
    pair = Pair(f"p{overall}{vetoed}{cross}", "semeval2022", "en-en", cross, "a", "b", overall, False)
    return Verdict(VetoPair(pair, "a", "b", cross), vetoed, both)


def test_audit_rows_count_same_story_and_different_story_pairs_vetoed():
    found = [_verdict(1.0, True), _verdict(1.5, False), _verdict(2.0, False), _verdict(2.5, True),
             _verdict(3.0, True), _verdict(4.0, False, both=False), _verdict(1.0, False, cross=True)]
    rows = {(r.dataset, r.metric): (r.value, r.n) for r in veto_rows(found)}
    assert rows["pairs/place veto", "same-story vetoed"] == (1 / 3, 3)
    assert rows["pairs/place veto", "same-story (<=1.5) vetoed"] == (0.5, 2)
    assert rows["pairs/place veto", "different-story vetoed"] == (0.5, 2)
    assert rows["pairs/place veto", "both lead with places"] == (5 / 6, 6)
    assert rows["pairs/place veto MT cross-lingual", "same-story vetoed"] == (0.0, 1)
    page = AnalysedPage("The dam gives way", "Brevaux lost its dam overnight.",
                        [Place("L1", "Brevaux", "GPE", [])], [PlaceMention("L1", 0, 7)])
    assert AnalysedPage.from_json(page.to_json()) == page
    first_version = {**page.to_json(), "mentions": [["L1", 0]]}  # cached before mentions kept their end
    assert AnalysedPage.from_json(first_version) == page
    lines = wrongly_vetoed(found, {"a": page, "b": page})
    assert len(lines) == 3 and lines[0].startswith("p1.0True") and "brevaux" in lines[1].lower()


def _linked(kb_id: str, name: str) -> Entity:
    return Entity(id=kb_id, name=name, type="GPE", wikidata=kb_id)


def test_a_seat_of_power_is_its_government_and_meets_the_country_it_stands_for():
    """A capital at the lead of a policy report is its government ("Berlin rejects the toll plan"): a page
    on the same plan from a town in another country that names Germany shares it; one naming only other
    countries does not. Berlin stands for Germany in the knowledge base shipped with veille."""
    berlin, germany, italy = _linked("Q64", "Berlin"), _linked("Q183", "Germany"), _linked("Q38", "Italy")
    town = _place("Ostren")
    title = "Berlin rejects the toll plan"
    seat = page_location(title, [berlin], [Mention(start=0, end=6, text="Berlin", entity_id="Q64")],
                         "Berlin said no to the toll plan on Monday.")
    assert seat.lead and seat.seats == frozenset({"Q183"})
    other_text = "Ostren hauliers welcomed the news that Germany will not levy the toll."
    mentions = [Mention(start=0, end=6, text="Ostren", entity_id=town.id),
                Mention(start=39, end=46, text="Germany", entity_id="Q183")]
    naming_germany = page_location("Hauliers relieved", [town, germany], mentions, other_text)
    assert naming_germany.lead and naming_germany.broad == frozenset({"Q183"})
    names = evidence.names(f"{title}\nBerlin said no to the toll plan on Monday.")
    other_names = evidence.names("Hauliers relieved\nThe hauliers of Ostren are relieved.")
    assert not places_disagree(seat, names, naming_germany, other_names)
    naming_italy = page_location("Hauliers relieved", [town, italy], mentions[:1], other_text)
    assert places_disagree(seat, names, naming_italy, other_names)


def test_a_place_opening_the_body_before_a_dash_is_a_dateline_too():
    text = "Valmorin - The dam above Brevaux gave way overnight."
    assert dateline_end(text, [(0, 8)]) == len("Valmorin - ")
    assert dateline_end("Valmorin, 12 May — The dam gave way.", [(0, 8)]) == len("Valmorin, 12 May — ")
    assert dateline_end("Valmorin woke up under water - again.", [(0, 8)]) == 0  # a sentence
    assert dateline_end("The dam gave way. Valmorin - again.", [(18, 26)]) == 0  # not at the start
    location, _ = _located("Dam gives way", text, ["Valmorin", "Brevaux"])
    assert [sorted(k) for k in location.lead] == [sorted(evidence.names("x Brevaux"))]


def _row(pair_id: str, langs: tuple[str, str], ids: tuple[str, str], texts: tuple[str, str],
         overall: float, mt: tuple[bool, bool] = (False, False)) -> dict:
    return {"pair_id": pair_id, "lang1": langs[0], "lang2": langs[1], "lang_pair": "-".join(langs),
            "id1": ids[0], "id2": ids[1], "mt1": mt[0], "mt2": mt[1], "overall": overall,
            "scores": {"Entities": 1.0, "Narrative": 1.0}, "text1": texts[0], "text2": texts[1]}


def test_audit_pairs_keep_the_languages_veille_reads_and_cross_them_with_the_mt_copies(tmp_path):
    """An invented corpus in the SemEval files' shape: an en-en pair, a de-de pair (left out), and a de-en
    pair whose German side has a French machine translation, which makes an en-fr pair."""
    import json

    from veille.eval.place_veto import veto_pairs
    from veille.eval.stories_data import load

    dam_en, dam_de, dam_fr = ("The dam above Brevaux gave way.", "Der Damm bei Brevaux brach.",
                              "Le barrage de Brevaux a cédé.")
    files = {
        "semeval2022/pairs.jsonl": [
            {**_row("1_2", ("en", "en"), ("1", "2"), ("Hail in Ostren.", dam_en), 4.0),
             "title1": "Hail", "title2": "Dam"}],
        "semeval2022_hfl_aug/pairs.jsonl": [
            _row("3_4", ("de", "de"), ("3", "4"), (dam_de, "Hagel in Ostren."), 4.0),
            _row("5_3", ("en", "de"), ("5", "3"), ("Brevaux counts the damage.", dam_de), 1.5),
        ],
        "semeval2022_hfl_aug/mt_copies.jsonl": [{"copy_id": "3fr", "copy_lang": "fr", "copy_text": dam_fr,
                                                "orig_id": "3", "orig_lang": "de", "orig_text": dam_de}],
    }
    for name, rows in files.items():
        (tmp_path / "stories" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "stories" / name).write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    sets = load(tmp_path)
    pairs = veto_pairs(sets, tmp_path, ["en", "fr"])
    found = sorted((vp.pair.pair_id.split("@")[0], sets.docs[vp.a].lang, sets.docs[vp.b].lang, vp.cross)
                   for vp in pairs)
    assert found == [("1_2", "en", "en", False), ("5_3", "en", "fr", True)]
    cross = next(vp for vp in pairs if vp.cross)
    assert sets.docs[cross.b].text == dam_fr and cross.pair.overall == 1.5
