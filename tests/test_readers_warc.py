"""WARC/ARC archives at the door: pages of a gzipped WARC (written here with warcio from invented pages)
become Sources with their target URI, through ``read_sources`` and ``veille ingest``."""

from __future__ import annotations

import gzip
import json

from click.testing import CliRunner

from newsroom import html_pages, write_arc, write_warc
from veille.cli.main import cli
from veille.errors import InputError
from veille.sources import Source, read_sources
from veille.store import open_store


def test_warc_response_pages_become_sources_with_their_url_and_fetch_date(tmp_path):
    warc = write_warc(tmp_path / "pages.warc.gz", html_pages(3))
    items = list(read_sources([str(warc)]))
    assert all(isinstance(i, Source) for i in items)
    # three pages plus the gzip-encoded copy; the request, the 404 and the image records are not pages
    assert [i.url for i in items] == [f"https://courrier.example/articles/{n:03d}" for n in range(3)] + [
        "https://courrier.example/articles/000-gz"]
    assert all(i.kind == "html" and "<article>" in i.text for i in items)
    assert items[3].text == items[0].text  # Content-Encoding: gzip undone
    assert "fetched 2026-03-02T10:00:00Z (WARC-Date)" in items[0].notes
    assert items[0].published is None  # the crawl date is not the publication date
    assert items[0].name.startswith(f"{warc}@")


def test_arc_records_are_read_as_warc_responses(tmp_path):
    arc = write_arc(tmp_path / "old.arc.gz", html_pages(2))
    items = list(read_sources([str(arc)]))
    assert [i.url for i in items] == ["https://arc.example/articles/000", "https://arc.example/articles/001"]
    assert all(isinstance(i, Source) and "<article>" in i.text for i in items)


def test_a_directory_walk_reads_archives_beside_pages(tmp_path):
    write_warc(tmp_path / "a.warc.gz", html_pages(2), extra_records=False)
    (tmp_path / "b.html").write_text(html_pages(3)[2][1], encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert len(items) == 3 and all(isinstance(i, Source) for i in items)


def test_a_truncated_archive_keeps_the_pages_before_the_damage(tmp_path):
    warc = write_warc(tmp_path / "pages.warc.gz", html_pages(4), extra_records=False)
    data = warc.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    items = list(read_sources([str(cut)]))
    pages = [i for i in items if isinstance(i, Source)]
    assert 1 <= len(pages) < 4
    assert isinstance(items[-1], InputError) and items[-1].reason == "undecodable"
    assert "damaged" in items[-1].message


def test_a_file_named_warc_that_is_not_one_is_refused_with_a_reason(tmp_path):
    fake = tmp_path / "notes.warc.gz"
    fake.write_bytes(gzip.compress(b"just some notes, not an archive\n"))
    [err] = list(read_sources([str(fake)]))
    assert isinstance(err, InputError) and err.reason == "undecodable"
    assert "not a WARC or ARC archive" in err.message


def test_each_page_of_an_archive_has_its_own_size_limit(tmp_path):
    pages = html_pages(2)
    pages[1] = (pages[1][0], pages[1][1].replace("</article>", "<p>" + "x" * 5000 + "</p></article>"))
    warc = write_warc(tmp_path / "pages.warc.gz", pages, extra_records=False)
    items = list(read_sources([str(warc)], max_bytes=3000))
    assert isinstance(items[0], Source)
    assert isinstance(items[1], InputError) and items[1].reason == "too_large"


def test_veille_ingest_stores_the_pages_of_a_warc_under_their_urls(tmp_path, analyze):
    warc = write_warc(tmp_path / "pages.warc.gz", html_pages(3), extra_records=False)
    db = str(tmp_path / "v.sqlite")
    result = CliRunner().invoke(cli, ["ingest", str(warc), "--db", db, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ingested"] == 3
    with open_store(db) as store:
        urls = {a.url for a in store.list_articles(limit=10).items}
        assert urls == {f"https://courrier.example/articles/{n:03d}" for n in range(3)}
    again = CliRunner().invoke(cli, ["ingest", str(warc), "--db", db, "--json"], catch_exceptions=False)
    assert json.loads(again.stdout)["unchanged"] == 3


def test_veille_analyze_reads_a_warc_like_any_input(tmp_path, analyze):
    warc = write_warc(tmp_path / "pages.warc.gz", html_pages(2), extra_records=False)
    result = CliRunner().invoke(cli, ["analyze", "--format", "ndjson", str(warc)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in records] == [f"https://courrier.example/articles/{n:03d}" for n in range(2)]
    assert all(r["text"] and r["published"] is None for r in records)


def test_ingesting_a_warc_again_analyses_none_of_its_pages(tmp_path, analyze):
    """Pages of an archive are identified by their URL; the hash of their bytes stored beside them lets
    a second run (after a crash, say) skip them as it skips pages identified by their bytes."""
    from veille.store import ingest_paths

    warc = write_warc(tmp_path / "pages.warc.gz", html_pages(3), extra_records=False)
    with open_store(str(tmp_path / "v.sqlite")) as store:
        first = ingest_paths(store, [str(warc)])
        seen: list = []
        again = ingest_paths(store, [str(warc)], on_step=seen.append)
        assert (first.ingested, again.ingested, again.unchanged) == (3, 0, 3)
        assert all(o.unchanged and o.article is None for o in seen)  # skipped before the pipeline
        assert all(len(store.stored_raw_sha1(a.id) or "") == 40 for a in store.list_articles(limit=5).items)


def test_a_page_whose_bytes_changed_under_its_url_is_analysed_again(tmp_path, analyze):
    from veille.store import ingest_paths

    pages = html_pages(2)
    with open_store(str(tmp_path / "v.sqlite")) as store:
        ingest_paths(store, [str(write_warc(tmp_path / "a.warc.gz", pages, extra_records=False))])
        slug, page = pages[1]
        edited = [pages[0], (slug, page.replace("</article>", "<p>Mise à jour : le conseil a voté à "
                                                             "l'unanimité jeudi soir.</p></article>"))]
        seen: list = []
        summary = ingest_paths(store, [str(write_warc(tmp_path / "b.warc.gz", edited, extra_records=False))],
                               on_step=seen.append)
        assert (summary.unchanged, summary.replaced) == (1, 1)
        assert [o.article is not None for o in seen] == [False, True]
