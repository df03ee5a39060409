"""One conformance suite for every store backend: SQLite (embedded) and a real PostgreSQL server started
on a temporary data directory and a free port (skipped, with the reason, only where PostgreSQL's server
programs are not installed — .ci/run installs them from Debian packages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.store import QueryError, open_store
from veille.store.synthetic import EntitySpec, annotate

PUTIN = EntitySpec("Q7747", "Vladimir Putin", "PER", ["Vladimir Poutine", "Poutine"])
LUKA = EntitySpec("Q49304", "Alexander Lukashenko", "PER", ["Alexandre Loukachenko", "Loukachenko"])
BELARUS = EntitySpec("Q184", "Belarus", "GPE", ["Biélorussie"])
PUTIN_EN = EntitySpec("Q7747", "Vladimir Putin", "PER", ["Vladimir Putin", "Putin"])
KYIV = EntitySpec("Q1899", "Kyiv", "GPE", ["Kyiv"])

FR_TEXT = ("Vladimir Poutine a annoncé samedi le déploiement d'armes nucléaires tactiques en Biélorussie. "
           "« Nous ne faisons rien d'extraordinaire », a déclaré Poutine à la télévision. "
           "Alexandre Loukachenko a salué la décision. « La Biélorussie sera protégée », a dit Loukachenko.")
EN_TEXT = ("Vladimir Putin said on Saturday that Russia would station tactical nuclear weapons in Belarus. "
           "Kyiv condemned the move. \"We are doing nothing unusual,\" Putin told state television.")


def fr_article(text: str = FR_TEXT):
    return annotate("fr1", text, title="Poutine et la Biélorussie", lang="fr", published="2023-03-25",
                    url="https://example.org/fr1", entities=[PUTIN, LUKA, BELARUS],
                    quotes=[("Nous ne faisons rien d'extraordinaire", "Q7747"),
                            ("La Biélorussie sera protégée", "Q49304")],
                    events=[("MOBILIZE", "Q7747", "Q184", "déploiement")])


def en_article():
    return annotate("en1", EN_TEXT, title="Putin to station nuclear weapons in Belarus", lang="en",
                    published="2023-03-26", entities=[PUTIN_EN, BELARUS, KYIV],
                    quotes=[("We are doing nothing unusual,", "Q7747")],
                    events=[("ACCUSE", "Q1899", "Q7747", "condemned")])


@pytest.fixture(scope="module")
def postgres_url():
    pytest.importorskip("psycopg", reason="the PostgreSQL backend needs the [postgres] extra (psycopg)")
    from veille.store.pgserver import PostgresUnavailable, TemporaryPostgres

    try:
        return TemporaryPostgres.shared().url
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL server not available here ({exc})")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "veille.sqlite"))
    else:
        import psycopg

        url = request.getfixturevalue("postgres_url")
        with psycopg.connect(url, autocommit=True) as conn:  # a fresh, empty schema for every test
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        s = open_store(url)
    yield s
    s.close()


@pytest.fixture
def filled(store):
    assert store.put_many([fr_article(), en_article()]) == ["ingested", "ingested"]
    return store


def test_same_record_twice_is_one_article(store):
    assert store.put(fr_article()) == "ingested"
    assert store.put(fr_article()) == "unchanged"
    assert store.count_articles() == 1


def test_the_raw_bytes_hash_is_kept_beside_the_article_and_follows_its_latest_version(store):
    art = fr_article()
    assert store.stored_raw_sha1(art.id) is None  # not stored yet
    assert store.put_many([art], raw_sha1={art.id: "a" * 40}) == ["ingested"]
    assert store.stored_raw_sha1(art.id) == "a" * 40
    assert store.put_many([art], raw_sha1={art.id: "b" * 40}) == ["unchanged"]  # same record, new bytes
    assert store.stored_raw_sha1(art.id) == "b" * 40
    store.put(fr_article(FR_TEXT.replace("à la télévision", "au journal du soir")))  # no hash given
    assert store.stored_raw_sha1(art.id) is None  # a replaced page's hash would describe other bytes
    assert store.schema_version() >= 9


def test_changed_page_replaces_its_earlier_version_and_rows(store):
    store.put(fr_article())
    changed = fr_article(FR_TEXT.replace("à la télévision", "au journal du soir"))
    assert store.put(changed) == "replaced"
    assert store.count_articles() == 1
    assert store.search("journal soir").total == 1
    assert store.search("télévision").total == 0
    assert store.quotes(speaker="Poutine").total == 1  # the old version's quotes are gone


def test_record_round_trips_exactly(filled):
    assert filled.get_article("fr1") == fr_article()
    assert filled.get_article("nope") is None


def test_search_ignores_case_and_accents_and_keeps_phrases(filled):
    assert [a.id for a in filled.search("DEPLOIEMENT").items] == ["fr1"]
    assert {a.id for a in filled.search("nucléaires OR nuclear").items} == set()  # all words must match
    assert [a.id for a in filled.search('"tactical nuclear"').items] == ["en1"]
    assert filled.search('"nuclear tactical"').total == 0
    hit = filled.search("extraordinaire").items[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "extraordinaire"


def test_search_filters_and_pagination(filled):
    assert [a.id for a in filled.search("Putin", lang="en").items] == ["en1"]
    assert filled.search("Putin OR Poutine", date_from="2023-03-26").total == 0
    assert [a.id for a in filled.list_articles(date_to="2023-03-25").items] == ["fr1"]
    assert [a.id for a in filled.list_articles(entity="Kyiv").items] == ["en1"]
    page = filled.list_articles(limit=1, offset=1)
    assert page.total == 2 and [a.id for a in page.items] == ["fr1"]  # newest first


def test_a_name_in_the_query_matches_the_entity_in_every_language(filled):
    """"Putin" finds the French page that only says "Poutine", and the reverse; each result says why."""
    for query in ("Putin", "poutine", "Vladimir Poutine"):
        page = filled.search(query)
        assert {a.id for a in page.items} == {"fr1", "en1"}, query
        assert [(e.id, e.name) for e in page.understood[0].entities] == [("Q7747", "Vladimir Putin")]
    fr = next(a for a in filled.search("Putin").items if a.id == "fr1")
    assert fr.why[0].entity.name == "Vladimir Putin" and not fr.why[0].words
    assert "Poutine" in fr.why[0].as_written
    start, end = fr.highlights[0]
    assert fr.snippet[start:end] in {"Poutine", "Vladimir Poutine"}
    en = next(a for a in filled.search("Putin").items if a.id == "en1")
    assert en.why[0].words and en.why[0].entity.id == "Q7747"


def test_entity_terms_and_word_terms_must_all_match(filled):
    assert [a.id for a in filled.search("Poutine tactical").items] == ["en1"]  # the words only in English
    assert [a.id for a in filled.search("Loukachenko").items] == ["fr1"]
    page = filled.search("Putin Kyiv")
    assert [a.id for a in page.items] == ["en1"]
    assert [[e.id for e in t.entities] for t in page.understood] == [["Q7747"], ["Q1899"]]
    plain = filled.search("extraordinaire")
    assert plain.understood[0].entities == [] and plain.items[0].why[0].words


def test_why_lists_the_names_before_the_descriptions(store):
    from veille.record import Mention

    text = "Le président russe a parlé lundi. Vladimir Poutine a ensuite signé le décret."
    art = annotate("desc", text, entities=[PUTIN], lang="fr")
    art.mentions.insert(0, Mention(start=0, end=18, text="Le président russe", entity_id="Q7747",
                                   how="description"))
    store.put(art)
    why = store.search("Putin").items[0].why[0]
    assert why.as_written == ["Vladimir Poutine", "Le président russe"] and not why.words


def test_search_facets_count_the_matching_articles(filled):
    page = filled.search("Putin", facets=True)
    f = page.facets
    assert {(v.value, v.count) for v in f.lang} == {("fr", 1), ("en", 1)}
    assert {(v.value, v.label, v.count) for v in f.entity} >= {
        ("Q7747", "Vladimir Putin", 2), ("Q184", "Belarus", 2), ("Q1899", "Kyiv", 1)}
    assert {(v.value, v.count) for v in f.entity_type} == {("PER", 2), ("GPE", 2)}
    assert [(v.value, v.count) for v in f.month] == [("2023-03", 2)]
    for query in ("Putin", "Belarus Kyiv", "déploiement", "Loukachenko"):  # months count every match once
        found = filled.search(query, facets=True)
        assert sum(v.count for v in found.facets.month) == found.total
        assert sum(v.count for v in found.facets.lang) == found.total
    assert filled.search("Putin").facets is None  # only when asked
    assert [a.id for a in filled.search("Putin", entity_type="per", lang="fr").items] == ["fr1"]


def test_search_sorts_by_relevance_or_date(filled):
    # the English page has Putin's name as words and two mentions; the French one two mentions only
    assert [a.id for a in filled.search("Putin").items] == ["en1", "fr1"]
    assert [a.id for a in filled.search("Biélorussie").items][0] == "fr1"  # words and entity beat entity
    assert [a.id for a in filled.search("Belarus", sort="date").items] == ["en1", "fr1"]
    page = filled.search("Belarus", sort="date", limit=1, offset=1)
    assert [a.id for a in page.items] == ["fr1"] and (page.page, page.pages, page.prev_offset) == (2, 2, 0)


def test_sites_filter_searches_and_a_month_axis_keeps_empty_months(store):
    from veille.store.search import month_axis

    store.put_many([fr_article().model_copy(update={"site_name": "Le Veilleur"}), en_article()])
    assert [a.id for a in store.search("Putin", site="Le Veilleur").items] == ["fr1"]
    sites = store.search("Putin", facets=True).facets.site
    assert [(v.value, v.count) for v in sites] == [("Le Veilleur", 1)]
    axis = month_axis({"2023-11": 2, "2024-02": 1, None: 3})
    assert [(v.value, v.count) for v in axis] == [("2023-11", 2), ("2023-12", 0), ("2024-01", 0),
                                                   ("2024-02", 1), ("undated", 3)]


HOSTILE = ['"', "'; DROP TABLE articles; --", 'NEAR(a b)', "a OR", "AND", "*", "col:foo", "(((", "^x",
           "x" * 10_000, "\x00", "Poutine\"'`;", "%_%", "poutine:*", "!poutine & | <->", "\\'", "🙂"]


def test_hostile_search_strings_give_results_or_a_query_error(filled):
    for hostile in HOSTILE:
        for search in (filled.search, lambda t: filled.quotes(text=t), filled.resolve_entities):
            try:
                search(hostile)
            except QueryError:
                pass
    assert filled.count_articles() == 2


def test_entity_names_in_any_spelling_or_language(filled):
    assert filled.resolve_entities("vladimir POUTINE") == ["Q7747"]
    assert filled.resolve_entities("Putin") == ["Q7747"]
    assert filled.resolve_entities("Q184") == ["Q184"]
    assert filled.resolve_entities("Loukachenko") == ["Q49304"]
    assert filled.resolve_entities("Nobody Atall") == []
    detail = filled.entity("Q7747")
    assert {"Vladimir Poutine", "Poutine"} <= set(detail.names["fr"])
    assert "Putin" in detail.names["en"]


def test_quotes_by_speaker_about_and_text(filled):
    by = filled.quotes(speaker="Poutine")
    assert by.total == 2 and {q.article_id for q in by.items} == {"fr1", "en1"}
    assert by.items[0].published == "2023-03-26"  # newest first
    about = filled.quotes(about="Biélorussie")
    assert [q.text for q in about.items] == ["La Biélorussie sera protégée"]
    assert about.items[0].speaker.name == "Alexander Lukashenko"
    assert filled.quotes(text="extraordinaire").total == 1
    assert filled.quotes(speaker="Nobody Atall").total == 0


def test_quotes_by_language_and_outlet_carry_the_outlet(store):
    store.put_many([fr_article().model_copy(update={"site_name": "Le Veilleur"}), en_article()])
    assert [q.article_id for q in store.quotes(speaker="Putin", lang="en").items] == ["en1"]
    fr = store.quotes(speaker="Vladimir Putin", site="Le Veilleur")
    assert [q.text for q in fr.items] == ["Nous ne faisons rien d'extraordinaire"]
    assert fr.items[0].site_name == "Le Veilleur" and fr.items[0].speaker.name == "Vladimir Putin"
    assert store.quotes(site="Nowhere").total == 0
    assert store.quotes(lang="fr", text="protégée").items[0].speaker.id == "Q49304"


def test_entity_pages_neither_overlap_nor_skip_when_names_tie(store):
    same = [EntitySpec(f"L-paris{i}", "Paris", "GPE", [f"Paris{i}"]) for i in range(7)]
    store.put(annotate("paris", " ".join(e.names[0] for e in same), entities=same, lang="fr"))
    pages = [[e.id for e in store.list_entities(limit=3, offset=o).items] for o in (0, 3, 6)]
    assert sorted(sum(pages, [])) == sorted(e.id for e in same)


def test_events_by_actor_type_and_dates(filled):
    assert filled.events(actor="Putin").total == 2  # as actor (fr1) and as recipient (en1)
    ev = filled.events(actor="Putin", type="mobilize").items
    assert len(ev) == 1 and ev[0].recipient.name == "Belarus" and ev[0].trigger_text == "déploiement"
    assert filled.events(date_from="2023-03-26").total == 1
    assert filled.events(type="ASSAULT").total == 0
    assert filled.event_months(actor="Putin") == {"2023-03": 2}
    assert filled.event_months(actor="Nobody Atall") == {}


def test_entity_page_gathers_quotes_events_and_company(filled):
    d = filled.entity("Q184")
    assert d.entity.n_articles == 2 and d.entity.type == "GPE"
    assert d.quotes.total == 0 and d.quotes_about.total == 1 and d.events.total == 1
    assert {c.entity.id for c in d.co_mentioned} == {"Q7747", "Q49304", "Q1899"}
    assert filled.entity("missing") is None
    assert [e.id for e in filled.list_entities(type="per").items] == ["Q7747", "Q49304"]


def test_a_record_with_empty_lists_is_stored(store):
    from veille.record import Article

    assert store.put(Article(id="bare", text="Un texte sans annotations.")) == "ingested"
    assert store.search("annotations").total == 1
    assert store.entity("bare") is None


def test_text_with_a_nul_character_is_stored_and_searchable(store):
    art = annotate("nul", "Avant\x00après la réunion de Paris.", entities=[], lang="fr")
    assert store.put(art) == "ingested"
    assert store.get_article("nul") == art
    assert store.search("réunion").total == 1


def test_a_failing_batch_leaves_nothing(store, monkeypatch):
    store.put(en_article())

    def fail(cur, stored):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_index_articles", fail)
    changed = fr_article()
    with pytest.raises(RuntimeError):
        store.put_many([changed, en_article().model_copy(update={"title": "Changed"})])
    monkeypatch.undo()
    assert store.count_articles() == 1
    assert store.get_article("en1") == en_article()
    assert store.quotes().total == 1 and store.entity("Q184").entity.n_articles == 1


def test_the_same_page_twice_in_one_batch(store):
    changed = fr_article(FR_TEXT.replace("samedi", "dimanche"))
    assert store.put_many([fr_article(), fr_article(), changed]) == ["ingested", "unchanged", "replaced"]
    assert store.count_articles() == 1 and store.search("dimanche").total == 1
    assert store.entity("Q7747").entity.n_articles == 1 and store.entity("Q7747").entity.n_quotes == 1
    assert {c.entity.id: c.n_articles for c in store.entity("Q7747").co_mentioned} == {"Q49304": 1, "Q184": 1}


def _reopen(store):
    return open_store(store.url if store.url.startswith("postgres") else store.url.removeprefix("sqlite://"))


def test_migrations_are_recorded_and_not_reapplied(store):
    store.put(fr_article())
    again = _reopen(store)
    latest = max(m.version for m in type(store).migrations)  # numbers may skip (one per branch)
    assert again.schema_version() == latest and again.count_articles() == 1
    again.close()


def test_an_older_store_is_migrated_with_its_data(store, monkeypatch):
    """A store made by the first schema, filled, then opened by this version: the later migrations
    backfill what they add (co-mention counts, dates of quotes about an entity)."""
    backend = type(store)
    store.close()
    if store.url.startswith("postgres"):
        import psycopg

        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    else:
        Path(store.url.removeprefix("sqlite://")).unlink()
    monkeypatch.setattr(backend, "migrations", backend.migrations[:1])
    old = _reopen(store)
    assert old.schema_version() == 1
    # write as version 1 did: no co-mention counts, no dates in quote_about
    monkeypatch.setattr(old, "_write_fresh", lambda cur, fresh: [_put_v1(old, cur, rows) for rows in fresh])
    old.put_many([fr_article(), en_article()])
    old.close()
    monkeypatch.undo()
    new = _reopen(store)
    assert new.schema_version() == max(m.version for m in backend.migrations)
    assert {c.entity.id: c.n_articles for c in new.entity("Q184").co_mentioned} == {
        "Q7747": 2, "Q49304": 1, "Q1899": 1}
    assert [q.published for q in new.quotes(about="Biélorussie").items] == ["2023-03-25"]
    assert [(e.id, e.n_articles) for e in new.list_entities(limit=2).items] == [("Q184", 2), ("Q7747", 2)]
    assert new.entity("Q7747").entity.n_quotes == 2
    new.close()


def _put_v1(store, cur, rows):
    """What version 1 of the schema held for an article (its tables, without later columns)."""
    from veille.store.rows import ARTICLE_COLUMNS, COLUMNS

    def insert(table, cols, values, tail=""):
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) {tail}"
        cur.executemany(store._q(sql), values)  # noqa: SLF001

    insert("articles", ARTICLE_COLUMNS, [rows.article])
    insert("entities", ("id", "name", "type", "wikidata"), rows.entities, "ON CONFLICT (id) DO NOTHING")
    for table in ("entity_names", "article_entities", "mentions", "quotes"):
        insert(table, COLUMNS[table], rows.children[table])
    about = [r[:3] for r in rows.children["quote_about"]]
    insert("quote_about", ("article_id", "quote_idx", "entity_id"), about)


def test_an_outlet_known_by_its_host_filters_like_a_site_name(store):
    """A page without a site name is shown under its web address's host: filtering articles, search and
    quotes by that host finds it (with or without www., with a port), and a host that only starts or ends
    alike does not."""
    hosted = fr_article().model_copy(update={"site_name": None,
                                             "url": "https://www.veilleur-news.example:8443/2031/a.html"})
    lookalike = en_article().model_copy(update={"site_name": None,
                                                "url": "https://veilleur-news.example.evil.test/b"})
    store.put_many([hosted, lookalike])
    for site in ("veilleur-news.example", "www.veilleur-news.example"):
        assert [a.id for a in store.search("Poutine", site=site).items] == ["fr1"]
        assert {q.article_id for q in store.quotes(site=site).items} == {"fr1"}
    assert store.search("Poutine", site="news.example").total == 0  # a suffix is another host
    assert store.quotes(site="veilleur-news").total == 0
