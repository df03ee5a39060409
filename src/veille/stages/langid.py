"""Language identification with py3langid restricted to a configurable set of languages.

Restricting the candidate set is what makes the identifier reliable on short news text: with the
default set it measures 0.975 on the short news items of ../shared/corpus/langid and 1.000 on whole
articles (`veille eval langid`).
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache, lru_cache
from threading import Lock

from py3langid.langid import LanguageIdentifier

from ..config import DEFAULT_LANGUAGES
from ..langid_loading import load_identifier
from .byte_walk import WalkArrays, WalkingIdentifier, walk_arrays

_active: tuple[str, ...] = DEFAULT_LANGUAGES


@cache
def _full_model() -> LanguageIdentifier:
    """The identifier over all its languages, once per process: its arrays mapped from the machine's
    cache (``veille.langid_loading``), shared by every worker."""
    return load_identifier()


@cache
def _walk_arrays() -> WalkArrays:
    """The full model's automaton as numpy arrays, shared by every candidate set's identifier."""
    return walk_arrays(_full_model())


@lru_cache(maxsize=64)
def _identifier(languages: tuple[str, ...]) -> WalkingIdentifier:
    """An identifier restricted to ``languages`` that shares the full model's tables. Each page asks for
    its own set of fragment candidates (its language + the analysed ones); reading the model file for
    every new set cost 0.3 s and ~80 MiB each, and grew a worker from 0.9 to 1.8 GiB over 500 pages."""
    full = _full_model()
    nb_ptc, nb_pc, nb_classes = full._full_model
    ident = WalkingIdentifier(nb_ptc, nb_pc, nb_classes, full.tk_nextmove, full.tk_output,
                              norm_probs=True, tk_row=full.tk_row, arrays=_walk_arrays())
    ident.set_languages(list(languages))
    return ident


def set_languages(languages: tuple[str, ...]) -> None:
    """Choose the candidate languages for this process (from the configuration)."""
    global _active
    _active = tuple(languages)


def identify(text: str, languages: tuple[str, ...] | None = None) -> tuple[str | None, float]:
    """(language code, probability) of ``text``; (None, 0.0) when there is nothing to judge."""
    if not text or not any(c.isalpha() for c in text):
        return None, 0.0
    key = (text, tuple(languages or _active))
    found = _ANSWERS.get(key)
    if found is None:
        code, prob = _identifier(key[1]).classify(text)
        found = _ANSWERS.put(key, (code, float(prob)))
    return found


_Key = tuple[str, tuple[str, ...]]  # a text and the candidate languages it was judged among
_Answer = tuple[str | None, float]


class _RecentAnswers:
    """The identifier's recent answers, bounded by the characters they hold (the texts are the keys).

    A page's text is asked about more than once: the extractor judges it, then the language stage judges
    the same body and its paragraphs again, and the cleaner its lines; a quarter of the characters
    classified over the 50 news pages were a repeat. The identifier walks every byte in Python, so an
    answer kept is a walk saved; the oldest answers go first when the budget is spent. The pipeline
    forgets them at each batch (``forget_answers``): what is kept serves the pages in flight, and a
    benchmark that runs the same pages twice measures the second pass as cold as the first."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self._answers: OrderedDict[_Key, _Answer] = OrderedDict()
        self._chars = 0
        self._lock = Lock()  # the API server may identify from several threads

    def get(self, key: _Key) -> _Answer | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._chars = 0

    def put(self, key: _Key, answer: _Answer) -> _Answer:
        if len(key[0]) > self.max_chars:
            return answer
        with self._lock:
            if key not in self._answers:
                self._answers[key] = answer
                self._chars += len(key[0])
            while self._chars > self.max_chars:
                old, _ = self._answers.popitem(last=False)
                self._chars -= len(old[0])
        return answer


#: about a batch of pages' worth of text (32 pages, each judged whole and paragraph by paragraph)
_ANSWERS = _RecentAnswers(max_chars=2_000_000)


def forget_answers() -> None:
    """Drop the answers kept so far (the pipeline calls it when a batch of pages starts)."""
    _ANSWERS.clear()
    for ident in list(_prepared):
        ident.forget()
    _prepared.clear()


#: the identifiers holding texts walked ahead (``prepare``), to forget with the answers
_prepared: set[WalkingIdentifier] = set()


def prepare(texts: list[str], languages: tuple[str, ...] | None = None) -> None:
    """Walk the bytes of ``texts`` in one numpy pass now, for the ``identify`` calls that will follow
    (``veille.stages.byte_walk``): a stage that knows what it will ask about, such as the language stage
    with every page's body and paragraphs, asks once for the whole batch."""
    langs = tuple(languages or _active)
    todo = [t for t in texts if t and _ANSWERS.get((t, langs)) is None and any(c.isalpha() for c in t)]
    if todo:
        ident = _identifier(langs)
        ident.prepare(todo)
        _prepared.add(ident)


def fragment_languages(page_lang: str | None) -> tuple[str, ...]:
    """Candidates for a short fragment inside a page: the page's language and the languages veille
    analyses. A few words cannot be told apart among 29 languages (a score spread thin), but "is this
    English inside a French page?" can be answered reliably."""
    from ..lang import supported

    return tuple(dict.fromkeys([*([page_lang] if page_lang else []), *supported()]))
