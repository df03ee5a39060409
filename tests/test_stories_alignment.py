"""Sentence-level evidence of a translation (``stories.alignment``), kept with the stored profile (migration
10, both backends), on vectors made for these tests and on an invented museum theft told three ways: an
English report, a French translation that splits and joins sentences, and a French report of the same facts
in another order."""

from __future__ import annotations

import numpy as np
import pytest

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.record import Article
from veille.stories import alignment
from veille.stories.online import place_pages, read_sentences, sentence_record
from veille.stories.profile import PageText, Sentences, fact_sequence

_EN = (
    "Thieves broke into the Ostrava Municipal Museum on Sunday night and took four silver chalices from the "
    "18th century, the police said on Monday. The alarm went off at 2.15 am but the guard on duty found "
    "the side door forced and the display case empty. The chalices, insured for 860,000 euros, had been "
    "lent by the parish of Hlucin for an exhibition that opened in May. Investigators believe the thieves "
    "knew the building well, because they cut the cable of the only camera in the gallery. The museum "
    "director, Petra Vanek, said the exhibition would stay closed until Thursday. A reward of 20,000 euros "
    "has been offered for information leading to the recovery of the objects."
)
# a faithful French translation: the second sentence split in two, the fourth and fifth joined into one
_FR_TRANSLATION = (
    "Des voleurs se sont introduits dimanche soir dans le musée municipal d'Ostrava et ont emporté quatre "
    "calices en argent du XVIIIe siècle, a indiqué la police lundi. L'alarme s'est déclenchée à 2 h 15. "
    "Le gardien de service a cependant trouvé la porte latérale forcée et la vitrine vide. Les calices, "
    "assurés pour 860 000 euros, avaient été prêtés par la paroisse de Hlucin pour une exposition ouverte "
    "en mai, et les enquêteurs pensent que les voleurs connaissaient bien le bâtiment, car ils ont coupé le "
    "câble de la seule caméra de la galerie. La directrice du musée, Petra Vanek, a déclaré que "
    "l'exposition resterait fermée jusqu'à jeudi. Une récompense de 20 000 euros est offerte pour toute "
    "information permettant de retrouver les objets."
)
# the same facts told by another French reporter, starting from the reward and the camera
_FR_RETOLD = (
    "Une récompense de 20 000 euros est promise à qui aidera à retrouver les quatre calices volés à Ostrava. "
    "Selon les enquêteurs, les cambrioleurs connaissaient les lieux : ils ont sectionné le câble de "
    "l'unique caméra de la galerie. Petra Vanek, qui dirige le musée municipal, ferme l'exposition "
    "jusqu'à jeudi. Les pièces d'argent du XVIIIe siècle, assurées 860 000 euros, avaient été confiées "
    "en mai par la paroisse de Hlucin. Tout s'est joué dimanche soir : l'alarme a retenti à 2 h 15, et le "
    "gardien n'a trouvé qu'une porte forcée et une vitrine vide, a raconté la police lundi."
)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def test_alignment_follows_the_order_and_allows_a_split_sentence():
    rng = np.random.default_rng(5)
    a = _unit(rng.normal(size=(6, 64)))
    same = alignment.monotonic_alignment(a, a)
    assert same.score == pytest.approx(1.0) and same.share == pytest.approx(1.0)
    retold = alignment.monotonic_alignment(a, a[[3, 4, 5, 0, 1, 2]])
    assert retold.share == pytest.approx(0.5)  # only one half can keep both orders
    part = alignment.monotonic_alignment(a[:3], a)  # a translation of the first half
    assert part.cover == pytest.approx(1.0) and part.share == pytest.approx(2 / 3)
    split = np.vstack([a[:2], _unit(a[2] + 0.05 * rng.normal(size=64)), _unit(a[2] + 0.05 * rng.normal(
        size=64)), a[3:]])  # sentence 2 said in two
    joined = np.vstack([a[0], _unit(a[1] + a[2]), a[3:]])  # sentences 1 and 2 said in one
    assert alignment.monotonic_alignment(a, split).share > 0.99
    assert alignment.monotonic_alignment(joined, a).share == pytest.approx(1.0)
    assert alignment.monotonic_alignment(a, np.zeros((0, 64))) == alignment.Alignment(0.0, 0.0, 0.0)


def test_fact_order_counts_pairs_in_different_sentences_only():
    a = (("#214", "dorvic"), ("#31",), ("quelvenn",))
    assert alignment.fact_order(a, (("#214",), ("dorvic", "#31"), ("quelvenn",))) == 1.0
    assert alignment.fact_order(a, (("quelvenn",), ("#31",), ("#214", "dorvic"))) == 0.0
    assert alignment.fact_order(a, (("#999",),)) == alignment.UNKNOWN_ORDER


def test_length_agreement_reads_each_length_in_its_language():
    assert alignment.length_agreement(1200, "fr", 1000, "en") == pytest.approx(1.0)
    assert alignment.length_agreement(600, "fr", 1000, "en") == pytest.approx(0.5)
    assert alignment.length_agreement(0, "fr", 1000, "en") == 0.0


def test_stored_sentences_read_back_within_quantisation():
    rng = np.random.default_rng(8)
    vectors = _unit(rng.normal(size=(7, 512))).astype(np.float32)
    kept = Sentences(vectors, 1234, fact_sequence(_EN))
    blob, evidence = sentence_record(kept)
    assert len(blob) == 7 * 516
    back = read_sentences(blob, evidence)
    assert back.chars == 1234 and back.facts == kept.facts
    assert np.abs(back.vectors @ back.vectors.T - vectors @ vectors.T).max() < 0.01
    none = read_sentences(*sentence_record(Sentences(np.zeros((0, 512), np.float32), 12, ())))
    assert none.vectors.shape == (0, 512) and none.facts == ()


def test_a_page_without_sentences_is_judged_by_chunks():
    from veille.stories.encoder import Encoder
    from veille.stories.profile import build_profiles
    from veille.stories.translation_link import kind_for

    short, full = build_profiles([PageText("Vol à Ostrava.", "Musée", "fr"), PageText(_EN, None, "en")],
                                 Encoder())
    assert short.sentences is not None and len(short.sentences.vectors) == 0
    assert kind_for(short, full) == "chunks" and kind_for(full, full) == "sentences"


def _museum_scores() -> dict[str, float]:
    from veille.stories import translation
    from veille.stories.encoder import Encoder
    from veille.stories.profile import build_profiles

    pages = {"en": PageText(_EN, "Silver chalices stolen from Ostrava museum", "en"),
             "translation": PageText(_FR_TRANSLATION, "Des calices en argent volés au musée d'Ostrava", "fr"),
             "retold": PageText(_FR_RETOLD, "Ostrava : 20 000 euros pour retrouver les calices", "fr")}
    prof = dict(zip(pages, build_profiles(list(pages.values()), Encoder()), strict=True))
    return {k: translation.translation_score(prof[k], prof["en"]) for k in ("translation", "retold")}


def test_a_translation_that_splits_sentences_links_and_the_facts_retold_do_not():
    from veille.stories import translation

    scores = _museum_scores()
    assert scores["translation"] >= translation.TRANSLATION_THRESHOLD
    assert scores["retold"] < translation.TRANSLATION_THRESHOLD


def _page(key: str, text: str, lang: str, title: str) -> Article:
    return Article(id=key, url=f"https://{lang}.example.org/{key}", title=title, text=text, lang=lang,
                   published="2031-05-12", site_name=f"{lang} daily")


def test_sentence_evidence_is_stored_and_old_profiles_fall_back_to_chunks(store):  # noqa: F811
    en = _page("museum-en", _EN, "en", "Silver chalices stolen from Ostrava museum")
    fr = _page("museum-fr", _FR_TRANSLATION, "fr", "Des calices en argent volés au musée d'Ostrava")
    store.put_many([en, fr])
    place_pages(store, [en])
    with store._transaction() as cur:
        kept = store._sentence_evidence(cur, ["museum-en", "nowhere"])
    assert list(kept) == ["museum-en"]
    stored = read_sentences(*kept["museum-en"])
    assert stored.chars == len(_EN) and len(stored.vectors) == 6 and any("#860000" in f for f in stored.facts)
    placed = place_pages(store, [fr])
    assert placed[0].translation_of == "museum-en"  # sentence by sentence
    with store._transaction() as cur:  # as if stored before migration 10
        cur.execute(store._q("UPDATE page_profiles SET sentences = NULL, sentence_evidence = NULL"))
        assert store._sentence_evidence(cur, ["museum-en"]) == {}
    again = place_pages(store, [fr])
    assert again[0].story_id == placed[0].story_id
    assert again[0].translation_of == "museum-en"  # by the chunk features


def test_the_fitted_gate_turns_away_pairs_that_align_too_little_in_order():
    """The sentence model's gate is the seq_cover all but COVER_MISSES of the fitted translations reach."""
    from veille.stories import translation_link

    k = len(translation_link.FEATURES)
    cover = translation_link.FEATURES.index("seq_cover")
    rng = np.random.default_rng(4)
    x = np.vstack([rng.uniform(0.7, 1.0, (200, k)), rng.uniform(0.0, 0.5, (200, k))])
    y = np.r_[np.ones(200), np.zeros(200)]
    model = translation_link.fit_link(x, y, y == 0, "synthetic")
    assert model.cover_floor == pytest.approx(np.quantile(x[:200, cover], translation_link.COVER_MISSES))
    close_but_reordered = x[0].copy()
    close_but_reordered[cover] = model.cover_floor - 0.01
    assert model.links(x[0]) and not model.links(close_but_reordered)
    chunks = translation_link.fit_link(x[:, :len(translation_link.CHUNK_FEATURES)], y, y == 0, "chunks")
    assert chunks.cover_floor == 0.0


def test_alignment_doctests():
    import doctest

    from veille.stories import alignment as module
    from veille.stories import passages, profile

    for mod in (module, passages, profile):
        assert doctest.testmod(mod).failed == 0


# The ferry report of tests/test_stories_translation.py retold in French in the SAME order as the English
# one, sentence for sentence, in the writer's own words: it aligns in order (the cover gate lets it pass)
# but its sentences are about the same facts, not renderings of each other.
_FERRY_FR_RETOLD_IN_ORDER = (
    "Échouage mardi matin pour le Marisol, près de Quelvenn : c'est la garde côtière qui a donné l'alerte. "
    "Deux canots et un chalutier de passage ont ramené à terre tout le monde, 214 passagers et 31 marins, "
    "sans un blessé. Sorti de Dorvic vers 6 h 40, le bateau a touché le fond sur un banc de sable, à "
    "3 kilomètres du rivage, dans une purée de pois.\n"
    "Atlanmer Lines évoque un radar tombé en panne juste avant le choc. Le parquet maritime enquête. "
    "Sous l'eau, les plongeurs ont repéré dans l'après-midi une déchirure de deux mètres dans la coque. "
    "Mercredi, à la pleine mer, des remorqueurs essaieront de le dégager si le temps le permet.\n"
    "Plus de liaison avec l'île avant vendredi ; un bateau plus modeste sera loué pour les insulaires, "
    "les vivres et les médicaments."
)


def test_a_retelling_in_the_same_order_aligns_but_not_closely_enough_to_link():
    from test_stories_translation import _FERRY_EN, _FERRY_FR_TRANSLATION, _FERRY_TITLES
    from veille.stories import translation_link
    from veille.stories.encoder import Encoder
    from veille.stories.profile import build_profiles

    en, literal, retold = build_profiles([
        PageText(_FERRY_EN, _FERRY_TITLES["en"], "en"),
        PageText(_FERRY_FR_TRANSLATION, _FERRY_TITLES["translation"], "fr"),
        PageText(_FERRY_FR_RETOLD_IN_ORDER, "Le Marisol échoue près de Quelvenn, aucun blessé", "fr"),
    ], Encoder())
    model = translation_link.shipped_link_model()
    x_retold = translation_link.link_features(en, retold)
    assert x_retold[translation_link.FEATURES.index("seq_cover")] >= model.cover_floor  # the old gate passes
    floor = model.floor_for(translation_link.language_pair("en", "fr"))
    assert translation_link.covered_similarity(x_retold) < floor
    assert translation_link.covered_similarity(translation_link.link_features(en, literal)) >= floor
    assert translation_link.link_score(en, retold) < translation_link.LINK_THRESHOLD
    assert translation_link.link_score(en, literal) >= translation_link.LINK_THRESHOLD


def test_the_covered_similarity_gate_is_fitted_per_language_pair_with_enough_copies():
    from veille.stories import translation_link

    k = len(translation_link.FEATURES)
    rng = np.random.default_rng(5)
    x = rng.uniform(0.7, 1.0, (120, k))
    x[:, translation_link.FEATURES.index("seq_share")] = 1.0
    x[:, translation_link.FEATURES.index("seq_cover")] = 1.0
    x[:60, translation_link.FEATURES.index("seq_align")] = rng.uniform(0.8, 0.9, 60)  # a close pair
    x[60:, translation_link.FEATURES.index("seq_align")] = rng.uniform(0.5, 0.9, 60)  # a looser one
    langs = ["en-fr"] * 60 + ["en-zh"] * 45 + ["de-fr"] * 15  # too few de-fr copies for their own floor
    cover, pooled, per_pair = translation_link.gate_floors(x, np.ones(120), langs)
    assert cover == 1.0 and set(per_pair) == {"en-fr", "en-zh"}
    assert per_pair["en-fr"] > 0.8 > pooled
    model = translation_link.LinkModel(np.zeros(k), 5.0, 0.5, "synthetic", cover, pooled, per_pair)
    row = x[0].copy()
    row[translation_link.FEATURES.index("seq_align")] = (pooled + per_pair["en-fr"]) / 2
    assert not model.links(row, "en-fr") and model.links(row, "de-fr") and model.links(row, None)
    assert list(model.links(np.vstack([row, row]), ["en-fr", "de-fr"])) == [False, True]
