"""The store side of the story repair pass (``veille.stories.repair``): read a neighbourhood of stories,
move pages between stories, and bring the moved stories' counters and blocking keys up to date.

A mixin of ``StoryTables``; every method takes the caller's cursor (the repair runs in one transaction).
Each read goes through an index (``story_members (story_id, …)``, ``story_members (joined_at)``,
``story_keys (key, day)``) and is bounded by a limit, so a repair costs the same in a store of any size.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .outlets import outlet

#: The profile columns of a story member, as ``veille.stories.online.stored_profile`` reads them, then the
#: evidence's day and the member's story.
_MEMBER_ROW = (
    "SELECT m.article_id, m.lang, m.published, p.head, p.full_text, p.chunks, p.evidence, m.story_id "
    "FROM story_members m JOIN page_profiles p ON p.article_id = m.article_id "
    "JOIN articles a ON a.id = m.article_id"
)


class StoryMoves:
    """Neighbourhood reads and member moves for the repair pass (mixed into StoryTables)."""

    def _q(self, sql: str) -> str:
        raise NotImplementedError  # SqlStore's

    def _recent_pages(self, cur: Any, limit: int) -> list[str]:
        """The pages placed last (by ``joined_at``): what ``veille stories --repair`` starts from."""
        cur.execute(
            self._q("SELECT article_id FROM story_members ORDER BY joined_at DESC LIMIT ?"), (limit,)
        )
        return [r[0] for r in cur.fetchall()]

    def _pages_to_repair(self, cur: Any, article_ids: list[str]) -> list[tuple]:
        """Profile rows (see ``_MEMBER_ROW``) of the given pages that are placed and are not copies."""
        if not article_ids:
            return []
        marks = ", ".join("?" * len(article_ids))
        cur.execute(
            self._q(f"{_MEMBER_ROW} WHERE m.article_id IN ({marks}) AND a.copy_of IS NULL"), article_ids
        )
        return cur.fetchall()

    def _latest_originals(self, cur: Any, story_id: str, limit: int) -> list[tuple]:
        """The latest ``limit`` members of a story that are not copies, as profile rows."""
        cur.execute(
            self._q(
                f"{_MEMBER_ROW} WHERE m.story_id = ? AND a.copy_of IS NULL ORDER BY m.joined_at DESC LIMIT ?"
            ),
            (story_id, limit),
        )
        return cur.fetchall()

    def _move_pages(self, cur: Any, article_ids: list[str], story_id: str) -> None:
        """Put pages, and the copies folded under them, in another story."""
        for article_id in article_ids:
            cur.execute(
                self._q(
                    "UPDATE story_members SET story_id = ? WHERE article_id = ? OR article_id IN "
                    "(SELECT id FROM articles WHERE copy_of = ?)"
                ),
                (story_id, article_id, article_id),
            )
            cur.execute(
                self._q("UPDATE articles SET story_id = ? WHERE id = ? OR copy_of = ?"),
                (story_id, article_id, article_id),
            )

    def _add_story_keys(self, cur: Any, story_id: str, keys: list[tuple[str, str]]) -> None:
        """Index a story under the blocking keys (key, day) of pages moved into it."""
        cur.executemany(
            self._q(
                "INSERT INTO story_keys (key, story_id, day) VALUES (?, ?, ?) "
                "ON CONFLICT (key, story_id) DO UPDATE SET day = CASE WHEN excluded.day > "
                "story_keys.day THEN excluded.day ELSE story_keys.day END"
            ),
            [(k, story_id, day) for k, day in keys],
        )

    def _new_story_id(self, cur: Any, first_article: str) -> str:
        """An id for a story the repair opens: from its first page, salted until it is free."""
        salt = 0
        while True:
            seed = first_article if salt == 0 else f"{first_article}#{salt}"
            story_id = "s" + hashlib.sha1(seed.encode()).hexdigest()[:15]
            cur.execute(self._q("SELECT 1 FROM stories WHERE id = ?"), (story_id,))
            if cur.fetchone() is None:
                return story_id
            salt += 1

    def _refresh_story(self, cur: Any, story_id: str) -> bool:
        """Recount a story after moves (members, copies, dates, languages, outlets; its first page and that
        page's title, as when pages are placed in order of publication); a story left empty is dropped with
        its keys, so it is no longer a candidate (True then)."""
        cur.execute(
            self._q(
                "SELECT a.id, a.published, a.lang, a.site_name, a.copy_of, a.title, a.url "
                "FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
                "ORDER BY a.published NULLS LAST, m.joined_at"
            ),
            (story_id,),
        )
        rows = cur.fetchall()
        if not rows:
            cur.execute(self._q("DELETE FROM story_keys WHERE story_id = ?"), (story_id,))
            cur.execute(self._q("DELETE FROM stories WHERE id = ?"), (story_id,))
            return True
        dates = [r[1] for r in rows if r[1]]
        langs = ",".join(dict.fromkeys(r[2] for r in rows if r[2]))
        outlets = (outlet(r[3], r[6]) for r in rows)
        sites = ",".join(dict.fromkeys(o.replace(",", " ") for o in outlets if o))
        first = next((r for r in rows if not r[4]), rows[0])
        values = (first[0], first[5], min(dates) if dates else None, max(dates) if dates else None,
                  len(rows), sum(1 for r in rows if r[4]), langs, sites)
        cur.execute(self._q("SELECT 1 FROM stories WHERE id = ?"), (story_id,))
        if cur.fetchone() is None:
            cur.execute(
                self._q(
                    "INSERT INTO stories (first_article, title, first_published, last_published, "
                    "n_articles, n_copies, langs, sites, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ),
                (*values, story_id),
            )
            return False
        cur.execute(
            self._q(
                "UPDATE stories SET first_article = ?, title = ?, first_published = ?, last_published = ?, "
                "n_articles = ?, n_copies = ?, langs = ?, sites = ? WHERE id = ?"
            ),
            (*values, story_id),
        )
        return False

    # -- the original among copies (veille.stories.credits) --------------------------------------------
    def _seen_order(self, cur: Any, article_ids: list[str]) -> dict[str, int]:
        """The order the store saw the pages in (their row keys)."""
        marks = ", ".join("?" * len(article_ids))
        cur.execute(self._q(f"SELECT id, pk FROM articles WHERE id IN ({marks})"), article_ids)
        return {r[0]: int(r[1]) for r in cur.fetchall()}

    def _copies_of(self, cur: Any, article_id: str) -> list[str]:
        """The pages folded under an original."""
        cur.execute(self._q("SELECT id FROM articles WHERE copy_of = ? ORDER BY id"), (article_id,))
        return [r[0] for r in cur.fetchall()]

    def _reroot_copies(self, cur: Any, old_root: str, new_root: str, score: float) -> None:
        """A page found to be the original of stored copies: the old original and its copies are folded
        under it, their ``copy_of`` links pointed at it."""
        cur.execute(
            self._q("UPDATE articles SET copy_of = ? WHERE copy_of = ? OR id = ?"),
            (new_root, old_root, old_root),
        )
        cur.execute(
            self._q("UPDATE page_links SET other_id = ? WHERE other_id = ? AND kind = 'copy_of'"),
            (new_root, old_root),
        )
        cur.execute(
            self._q(
                "INSERT INTO page_links (article_id, other_id, kind, score) VALUES (?, ?, 'copy_of', ?) "
                "ON CONFLICT (article_id, kind, other_id) DO UPDATE SET score = excluded.score"
            ),
            (old_root, new_root, round(score, 4)),
        )
