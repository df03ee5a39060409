"""Property tests: time normalisation never raises on arbitrary text, and every timex lies in the text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.lang import resources
from veille.stages.published.lines import _line_date
from veille.stages.published.url import date_from_url
from veille.stages.time import find_timexes

MODULES = [resources("fr").part("time"), resources("en").part("time")]

#: words the grammar reacts to, mixed into random text so that the rules actually fire
_TIME_WORDS = ["le", "1er", "31", "29", "février", "mai", "dernier", "lundi", "hier", "il y a", "plus d'un",
               "an", "années", "1990", "début des", "fin", "mi-", "14h", "last", "next", "May", "Oct.", "30",
               "2024", "the day after", "weekend", "early", "2030s", "ago", "decades", "de", "ans", "h", "-",
               ":", "/", "été", "the fall", "premier semestre", "quarter", "a", "few", "et demie", "0", "99"]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(_TIME_WORDS), st.text(max_size=4)), max_size=30).map(" ".join),
)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, anchor=anchors, lang=st.sampled_from([0, 1]))
def test_time_normalisation_never_raises_and_spans_hold(text, anchor, lang):
    for t in find_timexes(text, MODULES[lang], anchor):
        assert text[t.start:t.end] == t.text
        assert t.value


@settings(max_examples=200, deadline=None)
@given(line=texts)
def test_publication_date_lines_never_raise(line):
    _line_date(line, "fr")


@settings(max_examples=200, deadline=None)
@given(url=st.text(max_size=120))
def test_publication_date_from_url_never_raises(url):
    date_from_url(url)
