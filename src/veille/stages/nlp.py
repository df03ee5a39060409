"""The nlp stage: spaCy per language, each model loaded once per process on first use, ``nlp.pipe`` in
batches. The Doc travels beside the record (``Work.doc``) and is never stored."""

from __future__ import annotations

import logging
from functools import cache

from ..lang import resources, supported
from ..pipeline import Stage, Work

log = logging.getLogger("veille")


@cache
def load_model(name: str):
    """The spaCy pipeline ``name``, loaded once per process."""
    import spacy

    log.info("loading spaCy model %s", name)
    return spacy.load(name)


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
            batch = max(1, min(len(group), works[0].config.batch_size))
            for w, doc in zip(group, nlp.pipe((w.article.text for w in group), batch_size=batch), strict=True):
                w.doc = doc
        return works

    def models(self) -> list[str]:
        return [f"{m}-{_model_version(m)}" for m in sorted(self._used)] if hasattr(self, "_used") else []


def _model_version(name: str) -> str:
    try:
        return load_model(name).meta.get("version", "?")
    except OSError:
        return "?"
