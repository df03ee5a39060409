"""Property tests for what the store does with text it does not control: search strings from anyone,
names in any script, snippets cut from any body."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.store import QueryError, open_store
from veille.store.sqlite import fts5_query
from veille.store.synthetic import generate_articles
from veille.store.text import fold, fold_same_length, name_key, parse_query, snippet

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("prop") / "p.sqlite"))
    s.put_many(list(generate_articles(20)))
    yield s
    s.close()


@given(TEXT)
def test_a_search_string_parses_to_plain_words_or_a_query_error(raw):
    try:
        query = parse_query(raw)
    except QueryError:
        return
    assert all(re.fullmatch(r"[^\W_]+", w) for w in query.words)
    assert '"' not in fts5_query(query).replace('" "', "").strip('"')


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_any_search_string_gives_results_or_a_query_error(store, raw):
    for search in (store.search, lambda t: store.quotes(text=t), store.resolve_entities):
        try:
            search(raw)
        except QueryError:
            pass


@given(TEXT)
def test_folding_for_snippets_keeps_offsets(raw):
    assert len(fold_same_length(raw)) == len(raw)
    assert name_key(raw) == " ".join(name_key(raw).split())
    assert fold(fold(raw)) == fold(raw)


@given(st.text(min_size=1, max_size=400), st.sampled_from(["paris", "élysée", "2023", "nuclear"]))
def test_snippet_highlights_lie_inside_the_snippet(body, word):
    text, marks = snippet(body + " " + word.upper() + " " + body, parse_query(word), width=80)
    assert marks and all(0 <= a < b <= len(text) for a, b in marks)
    assert all(fold(text[a:b]) == fold(word) for a, b in marks)


def test_snippet_marks_words_in_any_case_and_accents_without_folding_the_body():
    from veille.store.text import parse_query, snippet

    text = "Au Palais de l'ÉLYSÉE, le président a reçu l'été dernier les maires. " * 50 + "Fin à Genève."
    shown, marks = snippet(text, parse_query("elysee geneve"))
    assert marks and {shown[a:b] for a, b in marks} == {"ÉLYSÉE"}
    tail, marks = snippet("Rien ici. " * 200 + "Rendez-vous à GENÈVE, disent-ils.", parse_query("genève"))
    assert [tail[a:b] for a, b in marks] == ["GENÈVE"] and tail.startswith("…")


_SPELLINGS = {"e": "eEéÉèêëĒẽ", "a": "aAàÂäåą", "o": "oOôÖøœ", "n": "nNñŃ", "c": "cCçČ", "u": "uUùÜűư"}


def _reference_terms(text: str, phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The slow and obvious way: fold the whole text letter by letter, then match whole folded words."""
    alternatives = sorted({r"[\W_]+".join(map(re.escape, p)) for p in phrases}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(fold_same_length(text))]


@settings(max_examples=150)
@given(st.lists(st.sampled_from(["cane", "canon", "nue", "once", "con", "café", "x", "-", " ", ", "]),
                min_size=1, max_size=12),
       st.lists(st.integers(0, 8), min_size=24, max_size=24))
def test_phrases_are_found_exactly_where_the_folded_text_holds_them(pieces, picks):
    """The finder's wide pattern (any non-ASCII letter may stand for an ASCII one) proposes candidates and
    the folded check keeps the true ones: together they find what matching the folded text finds, at the
    same offsets, in every case and accent spelling, with false candidates ("cøne") never hiding a real
    match that overlaps them."""
    spelled = "".join(_SPELLINGS.get(ch, ch)[picks[i % 24] % len(_SPELLINGS.get(ch, ch))]
                      for i, ch in enumerate("".join(pieces)))
    query = parse_query('"cane canon" cane con nue')
    from veille.store.text import find_terms, phrase_found

    assert find_terms(spelled, query) == _reference_terms(spelled, list(query.terms))
    assert phrase_found(spelled, ("cane", "canon")) == bool(_reference_terms(spelled, [("cane", "canon")]))


def test_a_false_candidate_does_not_hide_a_shorter_phrase_starting_with_it():
    from veille.store.text import find_terms

    text = "Paris Mœtch, puis Paris Mätch et PARIS."
    marks = find_terms(text, parse_query('"paris match" paris'))
    assert [text[a:b] for a, b in marks] == ["Paris", "Paris Mätch", "PARIS"]
