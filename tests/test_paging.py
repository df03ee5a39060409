"""The one pagination helper (veille.paging) that the store's pages, the API and every web list share:
properties over any page number, size and total."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from veille.paging import MAX_PAGE, offset_for, page_count, page_number, pager_links
from veille.store import Page


@given(st.text(max_size=30), st.integers(1, 500))
def test_any_page_parameter_gives_a_valid_offset(raw, per_page):
    offset = offset_for(raw, per_page)
    assert offset % per_page == 0 and 0 <= offset <= (MAX_PAGE - 1) * per_page


@given(st.integers(1, MAX_PAGE), st.integers(1, 500))
def test_page_numbers_and_offsets_round_trip(page, per_page):
    assert page_number(offset_for(str(page), per_page), per_page) == page


@given(st.integers(0, 5000), st.integers(1, 200), st.data())
def test_pager_links_walk_every_row_once(total, limit, data):
    pages = page_count(total, limit)
    here = data.draw(st.integers(1, pages))
    links = pager_links("/quotes", {"speaker": "Putin", "page": str(here)}, total=total, limit=limit,
                        offset=(here - 1) * limit)
    assert links.page == here and links.pages == pages
    assert (links.prev is None) == (here == 1) and (links.next is None) == (here == pages)
    for url in (links.prev, links.next):
        if url:
            query = parse_qs(urlsplit(url).query)
            assert query["speaker"] == ["Putin"] and int(query.get("page", ["1"])[0]) in (here - 1, here + 1)
    numbers = [n for n, _ in links.numbered]
    assert numbers == sorted(set(numbers)) and {1, here, pages} <= set(numbers)
    shown = links.last_row - links.first_row + 1 if total else 0
    assert shown == min(limit, total - (here - 1) * limit)


@given(st.integers(0, 5000), st.integers(1, 200), st.integers(0, 6000))
def test_api_pages_say_where_the_next_and_previous_pages_start(total, limit, offset):
    page = Page[int](items=[], total=total, limit=limit, offset=offset)
    dumped = page.model_dump()
    assert dumped["page"] == offset // limit + 1 and dumped["pages"] == page_count(total, limit)
    assert dumped["next_offset"] == (offset + limit if offset + limit < total else None)
    assert dumped["prev_offset"] == (max(0, offset - limit) if offset else None)
