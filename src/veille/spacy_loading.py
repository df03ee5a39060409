"""Loading a spaCy pipeline in a fraction of ``spacy.load``'s time, with the same annotations.

``spacy.load("fr_core_news_md")`` took ~2.7 s of CPU in every process (and every worker), more than half
of veille's start-up for one page. Two parts of it did work whose result veille never reads:

- **the string store** (``vocab/strings.json``, 713,000 strings, 1.3 s): the table that turns a hash
  back into its text. The vectors are keyed by hash, and every string an annotation carries (a token's
  text, lemma, norm, tag, morphology, dependency or entity label) is added to the store by the component
  that sets it, so the shipped strings are only needed to print hashes nobody set here. Loaded with
  ``exclude=["strings"]``, a public option of ``Language.from_disk``.
- **the lemmatizer's lookup tables** (``lemmatizer/lookups/lookups.bin``, 217,000 French forms, 1.3 s):
  spaCy decodes the file and fills each table entry by entry through a Python ``__setitem__``. Here the
  large table is kept once per machine as sorted arrays under the cache folder and mapped by each
  process (``veille.spacy_lookups``): a few milliseconds, and one copy in memory for all workers.

The lemmatizer is therefore excluded from ``spacy.load`` and added back at its place with the model's own
configuration and those tables. ``tests/test_spacy_loading.py`` checks that the tokens' texts, lemmas,
tags, morphology, parses and entities are those of a plain ``spacy.load``.
"""

from __future__ import annotations

from pathlib import Path

from . import spacy_vectors
from .compiled_patterns import STARTUP_MIN_CHARS, patterns_cached
from .spacy_import import import_spacy

#: The component factories whose lookup tables are loaded through the cache.
_LOOKUP_FACTORIES = ("lemmatizer",)


def load_spacy_model(name: str):
    """The spaCy pipeline ``name`` (an installed package or a path), loaded the fast way."""
    spacy = import_spacy()

    path = _model_path(name)
    config = spacy.util.load_config(path / "config.cfg")
    slow = [c for c in config["nlp"]["pipeline"]
            if config["components"][c].get("factory") in _LOOKUP_FACTORIES
            and (path / c / "lookups" / "lookups.bin").exists()]
    mapped_vectors = spacy_vectors.mappable(path / "vocab")
    # the French tokenizer's 1.4 MB pattern (3.4 s to compile) and the prefix, suffix and infix patterns
    # (a few thousand characters each, ~0.05 s together): compiled once per machine
    with patterns_cached(min_chars=STARTUP_MIN_CHARS):
        nlp = spacy.load(name, exclude=["strings", *slow, *(["vectors"] if mapped_vectors else [])])
    if mapped_vectors:
        spacy_vectors.load_vectors(nlp.vocab.vectors, path / "vocab")
    for comp in slow:
        _add_with_cached_lookups(nlp, config, comp, path / comp / "lookups" / "lookups.bin")
    return nlp


def _model_path(name: str) -> Path:
    """The data folder of an installed model package, or ``name`` itself when it is a folder."""
    spacy = import_spacy()

    if Path(name).is_dir():
        return Path(name)
    if not spacy.util.is_package(name):
        raise OSError(f"[E050] Can't find model '{name}'. It doesn't seem to be a Python package or a "
                      "valid path to a data directory.")
    package = spacy.util.get_package_path(name)
    meta = spacy.util.load_meta(package / "meta.json")
    return package / f"{meta['lang']}_{meta['name']}-{meta['version']}"


def _add_with_cached_lookups(nlp, config, comp: str, lookups_file: Path) -> None:
    """Add ``comp`` back where the model's pipeline has it, with the model's settings and its tables."""
    order = config["nlp"]["pipeline"]
    after = [c for c in order[order.index(comp) + 1:] if c in nlp.component_names]
    settings = {k: v for k, v in config["components"][comp].items() if k != "factory"}
    pipe = nlp.add_pipe(config["components"][comp]["factory"], name=comp, config=settings,
                        **({"before": after[0]} if after else {}))
    from .spacy_lookups import lookups_from

    pipe.lookups = lookups_from(lookups_file)
    pipe._validate_tables()
    if comp in config["nlp"].get("disabled", []):
        nlp.disable_pipe(comp)
