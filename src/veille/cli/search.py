"""``veille search`` over the store, and the store-backed listings of quotes and events (which
``veille quotes`` / ``veille events`` call when given ``--db``)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable

import click

from ..store import ArticleSummary, EventView, QueryError, QuoteView
from .analyze import valid_date
from .formats import emit, format_option
from .ingest import db_option, open_cli_store
from .words import plural


@click.command("search")
@click.argument("text")
@db_option
@click.option("--lang", metavar="CODE", help="Only articles in this language.")
@click.option("--from", "date_from", callback=valid_date, metavar="YYYY-MM-DD", help="Published on or after.")
@click.option("--to", "date_to", callback=valid_date, metavar="YYYY-MM-DD", help="Published on or before.")
@click.option("--entity", metavar="NAME", help="Only articles mentioning this entity (any spelling).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option()
def search_cmd(text, db, lang, date_from, date_to, entity, limit, fmt) -> None:
    """Full-text search of the stored articles (case and accents ignored; "quoted words" are phrases).

    \b
    Examples:
      veille search "armes nucléaires" --lang fr --from 2023-03-01
      veille search Wagner --entity Prigojine --format ndjson
    """
    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="'--from'")
    with open_cli_store(db, must_exist=True) as store:
        try:
            page = store.search(text, lang=lang, date_from=date_from, date_to=date_to, entity=entity,
                                limit=limit)
            undated = undated_left_out(lambda **dates: store.search(text, lang=lang, entity=entity, limit=1,
                                                                    **dates).total,
                                       date_from, date_to, page.total)
        except QueryError as err:
            raise click.BadParameter(str(err), param_hint="TEXT") from err
    left_out = f"; {plural(undated, 'undated article')} left out by --from/--to" if undated else ""
    click.echo(f"veille: {plural(page.total, 'article')} {'matches' if page.total == 1 else 'match'}"
               f"{left_out}", err=True)
    emit(page.items, fmt, "articles", article_line)


def undated_left_out(count: Callable[..., int], date_from: str | None, date_to: str | None,
                     inside: int) -> int:
    """How many articles a date range left out for having no date: all matches, less those inside the
    range, less the dated ones before or after it. ``count(date_from=…, date_to=…)`` counts the matches
    of the same query between two dates (either open)."""
    if not (date_from or date_to):
        return 0
    before = count(date_to=_shift(date_from, -1)) if date_from else 0
    after = count(date_from=_shift(date_to, 1)) if date_to else 0
    return max(count() - inside - before - after, 0)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def article_line(a: ArticleSummary) -> str:
    return (f"{a.published or '----------':10}  {a.lang or '??'}  {a.id}  {a.title or '(no title)'}\n"
            f"    {' '.join((a.snippet or '').split())}")


def quote_line(q: QuoteView) -> str:
    who = q.speaker.name if q.speaker else (q.speaker_text or "?")
    return f"{q.published or '----------':10}  {who}: «{' '.join(q.text.split())}»  [{q.article_id}]"


def event_line(e: EventView) -> str:
    def name(r):
        return r.name if r else "-"

    return (f"{e.date or '----------':10}  {e.type}{'/' + e.mode if e.mode else ''}: {name(e.actor)} → "
            f"{name(e.recipient)}  «{e.trigger_text}»  [{e.article_id}]")


def quotes_from_store(db: str | None, *, speaker: str | None = None, about: str | None = None,
                      text: str | None = None, date_from: str | None = None, date_to: str | None = None,
                      kinds: Iterable[str] = (), limit: int = 100, fmt: str = "text") -> int:
    """``veille quotes --db URL --speaker NAME``: stored quotes by speaker (any spelling or language),
    about an entity, or with words, newest first; ``kinds`` keeps only direct/indirect/mixed ones.
    Returns how many were printed."""
    kinds = set(kinds)
    with open_cli_store(db, must_exist=True) as store:
        try:
            page = store.quotes(speaker=speaker, about=about, text=text, date_from=date_from, date_to=date_to,
                                limit=limit if not kinds else 1000)
        except QueryError as err:
            raise click.BadParameter(str(err), param_hint="--text") from err
    items = [q for q in page.items if not kinds or q.kind in kinds][:limit]
    emit(items, fmt, "quotes", quote_line)
    return len(items)


def events_from_store(db: str | None, *, actor: str | None = None, types: Iterable[str] = (),
                      date_from: str | None = None, date_to: str | None = None, limit: int = 100,
                      fmt: str = "text") -> int:
    """``veille events --db URL --actor NAME --type TYPE``: stored events where the entity is actor or
    recipient, of any of ``types`` (all when empty), newest first. Returns how many were printed."""
    with open_cli_store(db, must_exist=True) as store:
        wanted: list[str | None] = [*types] or [None]
        items = [e for t in wanted
                 for e in store.events(actor=actor, type=t, date_from=date_from, date_to=date_to,
                                       limit=limit).items]
    items.sort(key=lambda e: e.date or "", reverse=True)
    emit(items[:limit], fmt, "events", event_line)
    return len(items[:limit])


def with_db(command: click.Command, from_store: Callable[..., int]) -> click.Command:
    """Give a command over PATHs a store-backed mode: with ``--db URL`` (and no PATH) it lists from the
    store through ``from_store(db, **options)`` instead of analysing pages. Used for ``veille events``
    (and ``veille quotes``), whose PATH mode lives in their own modules."""
    paths = next(p for p in command.params if p.name == "paths")
    paths.required = False
    command.params.append(click.Option(["--db"], metavar="URL", help="List from the store at URL "
                                       "(a file path, sqlite:///… or postgresql://…) instead of analysing "
                                       "PATHs; 'default' for the default store."))
    analyse = command.callback
    assert analyse is not None

    @functools.wraps(analyse)
    def callback(*args, db: str | None = None, **options):
        if db is None:
            if not options.get("paths"):
                raise click.UsageError("give PATH... to analyse, or --db URL to read the store")
            return analyse(*args, **options)
        if options.pop("paths", None):
            raise click.UsageError("give either PATH... or --db URL, not both")
        from_store(None if db == "default" else db, **options)
        return None

    command.callback = callback
    return command


def quotes_store_mode(db: str | None, *, speaker=None, kind=(), fmt="text", **_ignored) -> int:
    """``veille quotes --db``: the options of the PATH mode that mean something over the store."""
    if speaker is not None and not speaker.strip():
        raise click.BadParameter("the speaker name is empty", param_hint="--speaker")
    return quotes_from_store(db, speaker=speaker, kinds=kind, fmt=fmt)


def events_store_mode(db: str | None, *, actor=None, types=(), fmt="text", **_ignored) -> int:
    """``veille events --db``: the options of the PATH mode that mean something over the store."""
    return events_from_store(db, actor=actor, types=types, fmt=fmt)
