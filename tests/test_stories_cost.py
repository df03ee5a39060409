"""What keeps placement cost flat, on both backends: a frequent blocking key reads at most KEY_POSTINGS
stories (the newest first), the candidate query goes through the (key, day) index, and migration 8 lets
the repair drop a story's keys through an index. The figures themselves come from
benchmarks/bench_stories.py."""

from __future__ import annotations

import datetime as dt

from test_store_conformance import postgres_url, store  # noqa: F401  (fixtures: both backends)
from veille.store.story_tables import KEY_POSTINGS


def _day(n: int) -> str:
    return (dt.date(2031, 1, 1) + dt.timedelta(days=n % 7)).isoformat()


def test_a_frequent_key_reads_only_its_newest_postings(store):  # noqa: F811
    rows = [("e:Qcommon", f"s{n:05d}", _day(n)) for n in range(3 * KEY_POSTINGS)]
    rows += [("e:Qrare", "s-rare", "2031-01-07"), ("e:Qcommon", "s-rare", "2031-01-07")]
    with store._transaction() as cur:
        cur.executemany(store._q("INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?)"), rows)
        found = store._story_candidates(cur, ["e:Qcommon", "e:Qrare"], "2031-01-01", "2031-01-07", 10_000)
    assert found[0] == "s-rare"  # shares both keys
    assert len(found) <= KEY_POSTINGS + 1
    assert "s00000" not in found  # on the crowded key only, and among its oldest postings
    newest = {s for k, s, d in rows if k == "e:Qcommon" and d == "2031-01-07"}
    assert newest <= set(found)  # the newest stories of the crowded key are read first


def test_candidates_and_key_drops_go_through_indexes(tmp_path):
    from veille.store import open_store

    with open_store(str(tmp_path / "plan.sqlite")) as db:
        key_plan = " ".join(str(r) for r in db._rows(
            "EXPLAIN QUERY PLAN SELECT story_id FROM story_keys WHERE key = ? AND day >= ? AND day <= ? "
            "ORDER BY day DESC LIMIT 300", ("k", "2031-01-01", "2031-01-07")))
        drop_plan = " ".join(str(r) for r in db._rows(
            "EXPLAIN QUERY PLAN DELETE FROM story_keys WHERE story_id = ?", ("s",)))
    assert "story_keys_key_day" in key_plan and "TEMP B-TREE" not in key_plan
    assert "story_keys_story" in drop_plan


def test_hundreds_of_keys_are_looked_up_in_parts(store):  # noqa: F811
    keys = [f"v:{i}:x" for i in range(250)]  # more terms than one SQLite UNION takes
    with store._transaction() as cur:
        cur.executemany(store._q("INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?)"),
                        [(k, "s-many" if i % 2 else "s-few", "2031-01-02") for i, k in enumerate(keys)]
                        + [(keys[0], "s-many", "2031-01-02")])
        assert store._story_candidates(cur, keys, "2031-01-01", "2031-01-03", 5) == ["s-many", "s-few"]
