"""An incise inside the marks whose subject is a name or a description ("« A, affirme X. B »"), on a text
written for these tests."""

from __future__ import annotations

FR_INCISE = (
    "Inondations : la vallée compte ses dégâts\n\n"
    "NÎMES - La rivière est sortie de son lit dans la nuit de samedi à dimanche.\n\n"
    "« Nous n’avons jamais vu une crue pareille dans la vallée, affirme le capitaine des pompiers Marc "
    "Vidal. Il faudra des semaines pour tout nettoyer. »\n\n"
    "Les habitants ont passé la nuit chez des voisins.\n"
)


def test_quotes_named_incise_inside_marks_splits_the_quote(analyze):
    art = analyze(FR_INCISE, lang="fr")
    texts = [q.text for q in art.quotes if q.kind == "direct"]
    assert "Nous n’avons jamais vu une crue pareille dans la vallée" in texts
    assert "Il faudra des semaines pour tout nettoyer." in texts
    for q in art.quotes:
        if q.kind == "direct":
            assert q.cue is not None and q.cue.text == "affirme"
            ent = art.entity(q.speaker)
            assert ent is not None and "Vidal" in ent.name
