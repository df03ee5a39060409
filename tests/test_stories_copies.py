"""Copies and machine-translation traces on texts written for these tests."""

from __future__ import annotations

import random

from veille.stories import copies, planting
from veille.stories.evidence import names, numbers, overlap
from veille.stories.profile import PageText
from veille.stories.translation import leftover_share, mt_traces, which_is_original

_BODY = ("Le conseil régional a adopté jeudi un plan de 240 millions d'euros pour rénover les lycées. "
         "Les travaux commenceront en septembre dans quatorze établissements du département. "
         "La présidente de région a promis que les chantiers ne gêneraient pas les cours. "
         "Les syndicats d'enseignants saluent l'effort mais demandent des postes supplémentaires. "
         "Un second plan, consacré aux internats, sera présenté au printemps prochain. ") * 2
_OTHER = ("Le club de handball de la ville a remporté dimanche la coupe régionale face à son voisin. "
          "Les joueuses ont mené de bout en bout et se sont imposées de six buts devant un public nombreux. "
          "L'entraîneur a salué la solidarité de son groupe après une saison marquée par les blessures. "
          "La finale nationale aura lieu en mai dans une salle encore à désigner par la fédération. ") * 2


def test_exact_copy_found_whatever_the_layout():
    index = copies.CopyIndex()
    index.add("orig", _BODY)
    found = index.matches(_BODY.upper().replace(". ", ".\n\n"))
    assert [(m.key, m.kind) for m in found] == [("orig", "exact")]


def test_edited_copy_is_near_and_another_story_is_not():
    index = copies.CopyIndex()
    index.add("orig", _BODY)
    index.add("other", _OTHER)
    edited = planting.plant(_BODY, random.Random(3))
    assert edited != _BODY
    assert [m.key for m in index.matches(edited)] == ["orig"]
    assert index.matches(_OTHER.replace("handball", "volley-ball"))[0].key == "other"


def test_a_short_brief_is_never_called_a_copy_by_shingles():
    index = copies.CopyIndex()
    index.add("orig", _BODY)
    assert index.matches("Le conseil régional a adopté jeudi un plan.") == []


def test_planted_copies_are_found_among_distractors():
    texts = {"a": _BODY, "b": _OTHER, "c": _OTHER.replace("handball", "rugby") + " Fin de la saison."}
    result = planting.score_detector(texts, copies.CopyIndex, n=3, seed=5)
    assert result.recall == 1.0
    assert result.n_right <= result.n_found


def test_numbers_and_names_cross_languages():
    fr = "Le séisme de magnitude 5,8 a privé 3 000 foyers d'électricité, selon Vladimir Poutine."
    en = "The magnitude 5.8 quake cut power to 3,000 homes, according to Vladimir Putin."
    assert overlap(numbers(fr), numbers(en)) == 1.0
    assert {"vladimir", "putin"} <= names(fr) & names(en)


def test_machine_translation_traces_bracketed_fragment_and_calque():
    text = ("Le ministre a évoqué des armes [tactical nuclear weapons] déployées à la frontière, "
            "selon au communiqué publié mardi.")
    kinds = [t.detail for t in mt_traces(text, "fr")]
    assert "untranslated fragment (en)" in kinds
    assert 'calque "selon au"' in kinds


def test_no_traces_in_plain_french():
    text = ("Le ministre a évoqué des armes nucléaires tactiques déployées à la frontière, "
            "selon le communiqué publié mardi (voir notre article précédent).")
    assert mt_traces(text, "fr") == []


def test_direction_from_leftover_script():
    original = PageText("Gift Givers announced on Monday a plan for 2032 to help flood victims.",
                        lang="en")
    copy = PageText("Gift Givers 周一宣布了一项 2032 年计划，帮助该地区的洪水灾民。", lang="zh")
    assert leftover_share(copy.text, "zh", "en") > leftover_share(original.text, "en", "zh")
    assert which_is_original(original, copy) == 0
    assert which_is_original(copy, original) == 1


def test_signals_stage_marks_machine_translation_on_the_page():
    from veille.record import Article
    from veille.stages.signals import add_machine_translation_signals

    text = ("Le ministre a évoqué des armes [tactical nuclear weapons] déployées à la frontière, selon au "
            "communiqué publié mardi. Les diplomates ont demandé des explications.")
    art = Article(id="mt1", text=text, lang="fr")
    add_machine_translation_signals(art)
    found = [s for s in art.signals if s.kind == "machine_translation" and s.start is not None]
    assert [s.text for s in found] == ["[tactical nuclear weapons]", "selon au"]
    assert all(text[s.start:s.end] == s.text for s in found)
