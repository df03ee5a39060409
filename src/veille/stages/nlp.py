"""The nlp stage: spaCy per language, each model loaded once per process on first use, ``nlp.pipe`` in
batches. The Doc travels beside the record (``Work.doc``) and is never stored."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import cache

import numpy as np

from ..lang import resources, supported
from ..spacy_loading import load_spacy_model
from ..stage import Stage, Work
from .blas_ops import one_blas_thread, use_numpy_blas

log = logging.getLogger("veille")


@cache
def load_model(name: str):
    """The spaCy pipeline ``name``, loaded once per process (``veille.spacy_loading``: the same
    annotations in a fraction of ``spacy.load``'s time), with paragraph breaks as sentence starts."""
    from spacy.language import Language as SpacyLanguage

    if "veille_paragraph_breaks" not in SpacyLanguage.factories:
        SpacyLanguage.component("veille_paragraph_breaks", func=paragraph_breaks)
    log.info("loading spaCy model %s", name)
    nlp = load_spacy_model(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("veille_paragraph_breaks", before="parser")
    use_stand_ins(nlp, name)
    use_numpy_blas(nlp)
    _LOADED[name] = nlp
    return nlp


_LOADED: dict = {}
_STAND_INS: dict = {}  # (model, component) -> what runs in the component's place (factory below)


def use_stand_ins(nlp, name: str) -> None:
    """Put faster stand-ins in the place of two of the model's components, under their names, with the
    same annotations: the attribute ruler compiled into a table (``attribute_table``: a seventh of its
    cost) and the lemmatizer asked once per distinct word (``lemma_memo``). A component the stand-in
    cannot reproduce exactly stays as it is."""
    from spacy.language import Language as SpacyLanguage

    from .attribute_table import compile_ruler
    from .lemma_memo import memoize

    if "veille_stand_in" not in SpacyLanguage.factories:
        SpacyLanguage.factory("veille_stand_in", default_config={"key": ""},
                              func=lambda nlp, name, key: _STAND_INS[tuple(key.rsplit("|", 1))])
    for component, make in (("attribute_ruler", compile_ruler), ("lemmatizer", memoize)):
        if component not in nlp.pipe_names:
            continue
        stand_in = make(nlp.get_pipe(component))
        if stand_in is None:
            log.info("spaCy model %s: its %s is kept as it is", name, component)
            continue
        _STAND_INS[(name, component)] = stand_in
        nlp.replace_pipe(component, "veille_stand_in", config={"key": f"{name}|{component}"})


_ZONE = threading.Lock()
_IN_ZONE = threading.local()


@contextmanager
def memory_zones() -> Iterator[None]:
    """Within the block, what spaCy adds to the models already loaded (the strings and lexemes of new
    words) is freed when it ends (``Language.memory_zone``): a long run meets new names, numbers and
    typos on every page, and without this each worker's vocabulary grows for as long as it runs. No
    ``Doc`` made inside may be used after the block: run whole batches inside it, keep only records.
    A model loaded inside the block is not in it (its own strings stay).

    One zone at a time per process: a zone's end frees every string added while it was open, whichever
    thread added it, and spaCy's zones do not nest, so threads (the API's requests) take turns; a block
    opened inside another in the same thread runs in the outer zone."""
    if getattr(_IN_ZONE, "open", False):
        yield
        return
    with _ZONE, ExitStack() as stack:
        _IN_ZONE.open = True
        try:
            for nlp in list(_LOADED.values()):
                stack.enter_context(nlp.memory_zone())
            yield
        finally:
            _IN_ZONE.open = False


def paragraph_breaks(doc):
    """No sentence runs across a paragraph break. Without this the parser sometimes joins a paragraph to
    the next ("...à l'Otan.\n\nDes soldats ont attaqué...", "soldats" parsed as the object of "ratifié"),
    which gives quotes and events the wrong parties. The parser keeps preset sentence starts.

    Read and written as arrays: only the tokens after a space token are looked at, and the starts are
    set in one ``Doc.from_array`` (spaCy's ``Token.is_sent_start`` setter scans the whole Doc for a
    parse at every call: 7 ms for a page of 120 paragraphs)."""
    from spacy.attrs import IS_SPACE, SENT_START

    if len(doc) < 2:
        return doc
    space = doc.to_array(IS_SPACE).astype(bool)
    starts = [i + 1 for i in np.flatnonzero(space[:-1] & ~space[1:]).tolist()  # a space, then a word
              if "\n" in doc[i].text]
    if starts:
        if doc.has_annotation("DEP"):
            raise ValueError("paragraph_breaks runs before the parser: this Doc is already parsed")
        column = doc.to_array(SENT_START)
        column[starts] = 1
        doc.from_array([SENT_START], column)
    return doc


def doc_text(doc) -> str:
    """The Doc's text, built once per Doc. spaCy rebuilds ``Doc.text`` from every token at each access;
    the stages asked for it some 26 times a page (a fifth of the entity stage's time)."""
    text = doc.user_data.get("veille_text")
    if text is None:
        text = doc.user_data["veille_text"] = doc.text
    return text


#: Texts longer than this are parsed in pieces cut at paragraph breaks. spaCy refuses texts over
#: ``nlp.max_length`` (1,000,000 characters, error E088) because the parser's memory grows with the text;
#: pieces of this size keep a worker's memory flat whatever the page (a whole book pasted as one page).
CHUNK_CHARS = 100_000


def split_for_parse(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters whose concatenation is ``text`` itself,
    so offsets into the joined Doc are offsets into the text. Cuts fall after a paragraph break, else
    after a line break, else after a sentence end, else after any space; a run with none is cut hard."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep, limit // 2)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > 0 else limit
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse_long(nlp, text: str):
    """One Doc for a text too long to parse whole: its pieces parsed apart, then joined (offsets kept)."""
    from spacy.tokens import Doc

    docs = list(nlp.pipe(split_for_parse(text, CHUNK_CHARS), batch_size=1))
    return Doc.from_docs(docs, ensure_whitespace=False)


class Nlp(Stage):
    name = "nlp"
    version = "1"
    requires = ("text", "lang")
    assigns = ("doc",)

    def __call__(self, work: Work) -> Work:
        return self.pipe([work])[0]

    def pipe(self, works: list[Work]) -> list[Work]:
        by_lang: dict[str, list[Work]] = {}
        for w in works:
            res = resources(w.article.lang)
            if res is None:
                w.article.notes.append(
                    f"language stages skipped: veille has no models for language {w.article.lang!r} "
                    f"(supported: {', '.join(supported())}); text, language and metadata are still given")
                continue
            by_lang.setdefault(res.spacy_model, []).append(w)
        for model, group in by_lang.items():
            nlp = load_model(model)
            self._used = getattr(self, "_used", set()) | {model}
            with one_blas_thread():
                self._parse(nlp, group, works[0].config.batch_size)
        return works

    @staticmethod
    def _parse(nlp, group: list[Work], batch_size: int) -> None:
        short = [w for w in group if len(w.article.text) <= CHUNK_CHARS]
        batch = max(1, min(len(short), batch_size))
        docs = nlp.pipe((w.article.text for w in short), batch_size=batch)
        for w, doc in zip(short, docs, strict=True):
            w.doc = doc
        for w in group:
            if w.doc is None:
                w.doc = parse_long(nlp, w.article.text)
            # spaCy's tokens keep every character, so the Doc's text is the text it was given: seeded
            # here, ``doc_text`` never has to join the tokens again (10 ms on a long page)
            w.doc.user_data["veille_text"] = w.article.text

    def models(self) -> list[str]:
        return [f"{m}-{_model_version(m)}" for m in sorted(self._used)] if hasattr(self, "_used") else []


@cache
def _model_version(name: str) -> str:
    """The model's version, read once: ``Language.meta`` builds a new dict at each access (2 ms a page)."""
    try:
        return load_model(name).meta.get("version", "?")
    except OSError:
        return "?"
