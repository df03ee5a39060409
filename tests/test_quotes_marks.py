"""Direct quotes from quote marks alone: mark styles, unbalanced pairs, nesting, paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.stages.quotes.direct import find_marked, looks_like_title, word_count


def texts(text: str) -> list[str]:
    return [m.text for m in find_marked(text) if m.depth == 0]


def test_quotes_marks_every_style():
    text = "« Un » et “Deux trois” puis \"Four five\" and ‘six seven’ ends."
    assert texts(text) == ["Un", "Deux trois", "Four five", "six seven"]


def test_quotes_marks_mixed_pair_and_non_breaking_spaces():
    text = "“Nous verrons\u00a0», a-t-il dit. «\u202fOui\u00a0»."
    assert texts(text) == ["Nous verrons", "Oui"]


def test_quotes_marks_nested_quote_is_inner():
    found = find_marked("« Il parle de ‘clubs exclusifs’ ici », dit-elle.")
    assert [(m.text, m.depth) for m in found] == [("Il parle de ‘clubs exclusifs’ ici", 0),
                                                  ("clubs exclusifs", 1)]


def test_quotes_marks_apostrophes_are_not_quotes():
    assert texts("Il n’y a rien d’inhabituel, l’OTAN l’a dit.") == []


def test_quotes_marks_multi_paragraph_quote_runs_to_paragraph_end():
    text = "« Premier paragraphe sans fin.\n« Second paragraphe qui se ferme », a-t-il dit."
    found = find_marked(text)
    assert [m.text for m in found] == ["Premier paragraphe sans fin.", "Second paragraphe qui se ferme"]
    assert not found[0].closed and found[0].continues


def test_quotes_marks_spans_index_the_text():
    text = "Il a dit : « Le texte exact » hier."
    (m,) = find_marked(text)
    assert text[m.start:m.end] == m.text == "Le texte exact"


def test_quotes_word_count_ignores_elided_articles():
    assert word_count("l’Occident") == 1
    assert word_count("very serious") == 2


def test_quotes_titles_are_recognised():
    assert looks_like_title("The Apprentice")
    assert not looks_like_title("we were floored")


_MARKY = st.text(alphabet=st.sampled_from(list("ab \n«»“”„\"‘’'.,:-") + ["\u00a0"]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_MARKY)
def test_quotes_marks_never_raise_and_spans_match(text):
    for m in find_marked(text):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text
