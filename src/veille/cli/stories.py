"""``veille stories`` (the story list) and ``veille story ID`` (one story: its articles across languages
on a time line, who said what, its copy/translation tree)."""

from __future__ import annotations

import json
import sys

import click

from ..store.base import EventView, QuoteView
from ..store.outlets import source_label
from ..store.story_views import StoryArticle, StoryDetail, StorySummary
from .analyze import valid_date
from .formats import emit, format_option
from .ingest import db_option, open_cli_store
from .words import plural

#: Version of the JSON / NDJSON shapes printed here (StorySummary, StoryDetail); bumped on any change.
FORMAT_VERSION = 1


@click.command("stories")
@db_option
@click.option("--since", callback=valid_date, metavar="YYYY-MM-DD", help="Stories active since this date.")
@click.option("--entity", metavar="NAME", help="Stories with an article about this entity (any spelling).")
@click.option("--lang", metavar="CODE", help="Stories with an article in this language.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@format_option()
@click.option("--recluster", is_flag=True, help="Rebuild every story from scratch first (pages in order "
              "of publication), e.g. after `veille ingest --no-stories`.")
@click.option("--repair", "repair", is_flag=True, help="First run the merge/split pass over the stories of "
              "the pages placed last (ingest runs it after each batch; docs/stories.md).")
@click.pass_context
def stories_cmd(ctx, db, since, entity, lang, limit, offset, fmt, recluster, repair) -> None:
    """List the stories in the store, latest and largest first.

    \b
    Examples:
      veille stories --since 2024-03-01 --lang fr
      veille stories --entity Poutine --format ndjson
      veille stories --recluster
      veille stories --repair
    """
    with open_cli_store(db, must_exist=True) as store:
        if recluster:
            from ..stories.online import recluster as rebuild

            n = rebuild(store)
            click.echo(f"veille: {plural(n, 'article')} placed in stories again", err=True)
        if repair:
            from ..stories.repair import repair as run_repair

            done = run_repair(store)
            click.echo(f"veille: repair looked at {plural(done.stories_seen, 'story')}, moved "
                       f"{plural(done.pages_moved, 'page')}, opened {done.stories_opened} and dropped "
                       f"{done.stories_dropped}", err=True)
        page = store.list_stories(since=since, entity=entity, lang=lang, limit=limit, offset=offset)
    emit(page.items, fmt, "stories", story_line)
    if page.total:
        click.echo(f"veille: {len(page.items)} of {plural(page.total, 'story')}", err=True)
    elif since or entity or lang:
        click.echo("veille: no story matches --since/--entity/--lang", err=True)
    else:
        click.echo("veille: no stories in the store yet: `veille ingest PAGES` places pages in stories "
                   "(after `ingest --no-stories`: `veille stories --recluster`)", err=True)


def story_line(s: StorySummary) -> str:
    """One story on one line: id, dates, size, languages, outlets (and pages of unknown source), title."""
    first, last = (s.first_published or "")[:10], (s.last_published or "")[:10]
    when = (first or "undated") + (f"…{last}" if last and last != first else "")
    outlets = plural(len(s.sites), "outlet")
    if s.unknown_outlets:
        outlets += f" + {_unknown(s.unknown_outlets)}"
    names = ", ".join(s.sites[:4]) + (f" and {len(s.sites) - 4} more" if len(s.sites) > 4 else "")
    size = f"{plural(s.n_articles, 'article')} [{', '.join(s.langs)}]"
    return (f"{s.id}  {when}  {size}, {outlets}  "
            f"{s.title or '(no title)'}" + (f"  — {names}" if names else ""))


def _unknown(n: int) -> str:
    return f"{n} page{'s' if n != 1 else ''} of unknown source"


@click.command("story")
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help=f"json: a StoryDetail object (format {FORMAT_VERSION}).")
@click.pass_context
def story_cmd(ctx, story_id, db, fmt) -> None:
    """Show one story: its articles by date and language, copies and translations, quotes by speaker.

    \b
    Examples:
      veille story s0123456789abcde
      veille story s0123456789abcde --format json > story.json
    """
    with open_cli_store(db, must_exist=True) as store:
        detail = store.story(story_id)
    if detail is None:
        click.echo(f"veille: no story {story_id!r} in the store (list them with `veille stories`)", err=True)
        ctx.exit(1)
    if fmt == "json":
        data = {"format": FORMAT_VERSION, **detail.model_dump(mode="json")}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    sys.stdout.write(_text(detail) + "\n")


def _text(d: StoryDetail) -> str:
    out = [story_line(d.story)]
    if d.first_report:
        out.append(f"  first report: {_where(d.first_report)}, {_when(d.first_report.published)}; "
                   f"broke it: {', '.join(d.broke_it) or 'unknown source'}")
    out += ["", "Articles"]
    for a in d.articles:
        how = f"  ← copy of {a.copy_of}" if a.copy_of else (f"  ← translates {a.translation_of}"
                                                             if a.translation_of else "")
        out.append(f"  {_when(a.published):16} [{a.lang or '--'}] {_where(a)}: "
                   f"{a.title or '(no title)'} ({a.id}){how}")
    if d.quotes_by_speaker:
        out += ["", "Who said what"]
        members = {a.id: a for a in d.articles}
        for g in d.quotes_by_speaker:
            if g.speaker:
                who = g.speaker.name + (f" ({g.speaker.type})" if g.speaker.type else "")
            else:
                who = f"{g.speaker_text} (not identified)" if g.speaker_text else "unknown speaker"
            out.append(f"  {who}")
            out += [f"    {_quoted(q.text[:140], q.lang)}  — {_where(members.get(q.article_id) or q)}, "
                    f"{_when(q.published)[:10]} ({q.article_id})" for q in g.quotes[:5]]
            if len(g.quotes) > 5:
                out.append(f"    … and {len(g.quotes) - 5} more")
    if d.events:
        out += ["", f"Events: {len(d.events)}"]
        out += [f"  {e.type} {(e.date or '')[:10]}".rstrip() + f": {_event_parties(e)}"
                for e in d.events[:10]]
    if d.entities:
        out += ["", "Entities: " + ", ".join(e.name for e in d.entities[:15])
                + (f" and {len(d.entities) - 15} more" if len(d.entities) > 15 else "")]
    return "\n".join(out)


def _quoted(text: str, lang: str | None) -> str:
    """Words between the quotation marks of their language: « … » in French, “…” otherwise."""
    return f"« {text} »" if lang == "fr" else f"“{text}”"


def _when(published: str | None) -> str:
    return (published or "undated")[:16].replace("T", " ")


def _where(a: StoryArticle | QuoteView) -> str:
    """Where a member comes from: its outlet, else its file name, else what is known of it."""
    label = source_label(a.site_name, a.url, a.source)
    if label:
        return label
    return "standard input" if (a.source or "").strip() in ("-", "<stdin>") else "unknown source"


def _event_parties(e: EventView) -> str:
    actor = e.actor.name if e.actor else "no actor named"
    recipient = f" → {e.recipient.name}" if e.recipient else ""
    return actor + recipient
