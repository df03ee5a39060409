"""``veille quotes PATH... [--speaker NAME]``: who said what, page by page.

The speaker filter takes a name in any spelling or language: it matches the quote's speaker entity by
its canonical name or any surface form, folded (case, accents, apostrophes, hyphens), and through the
knowledge base ("Putin", "Poutine" and "Путин" all name Q7747).
"""

from __future__ import annotations

import re
import sys
import unicodedata

import click

from ..api_functions import analyze_paths
from ..config import load_config
from ..formats import TABLES, RowWriter
from ..record import Article, Quote
from .analyze import checked_lang
from .formats import format_option
from .progress import pages_progress


def fold_name(name: str) -> str:
    """A name as a comparison key: no accents, case, apostrophes, hyphens or extra spaces."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s'’\-‐.]+", " ", s).strip()


def speaker_ids(name: str) -> set[str]:
    """Knowledge-base ids a name refers to (empty when the KB is unavailable or does not know it)."""
    try:
        from ..kb import load_kb
    except ImportError:
        return set()
    return {e.id for e in load_kb().lookup(name)}


def matches_speaker(article: Article, quote: Quote, name: str, kb_ids: set[str]) -> bool:
    """True when the quote's speaker is the person or body ``name`` designates."""
    if quote.speaker is None:
        return False
    if quote.speaker in kb_ids:
        return True
    ent = article.entity(quote.speaker)
    want = fold_name(name)
    names = [ent.name, *ent.names] if ent else []
    return any(fold_name(n) == want for n in names)


def quote_rows(article: Article, speaker: str | None = None, kb_ids: set[str] | None = None) -> list[dict]:
    """The article's quotes as plain rows, optionally only those of one speaker."""
    rows = []
    for q in article.quotes:
        if speaker is not None and not matches_speaker(article, q, speaker, kb_ids or set()):
            continue
        ent = article.entity(q.speaker)
        rows.append({"source": article.source, "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
                     "speaker": q.speaker, "speaker_name": ent.name if ent else None,
                     "speaker_mention": q.speaker_mention.text if q.speaker_mention else None,
                     "cue": q.cue.text if q.cue else None, "via": q.source, "confidence": q.confidence})
    return rows


@click.command("quotes")
@click.argument("paths", nargs=-1, required=True)
@click.option("--speaker", metavar="NAME", help="Only quotes of this speaker (any spelling or language).")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), multiple=True,
              help="Only quotes of these kinds (repeatable).")
@click.option("--lang", metavar="CODE", help="Language of the pages (skips detection), e.g. fr or en.")
@format_option()
@click.pass_context
def quotes_cmd(ctx, paths, speaker, kind, lang, fmt) -> None:
    """List the quotes of news pages with their speakers. PATH is a file, a directory or - for stdin.

    \b
    Examples:
      veille quotes page.html
      veille quotes pages/ --speaker "Vladimir Putin" --format ndjson
      veille quotes article.txt --speaker Poutine --kind direct
    """
    if speaker is not None and not speaker.strip():
        raise click.BadParameter("the speaker name is empty", param_hint="--speaker")
    kb_ids = speaker_ids(speaker) if speaker else set()
    failed = 0
    config = load_config()
    progress = pages_progress(paths)
    writer = RowWriter(sys.stdout, fmt, TABLES["page_quotes"], quote_text)
    for out in analyze_paths(paths, lang=checked_lang(lang, config), config=config):
        progress.step(out)
        if out.error:
            failed += 1
            click.echo(f"veille: {out.error.source}: {out.error.message} [{out.error.reason}]", err=True)
            continue
        assert out.article is not None  # an Outcome without an error has its Article
        for row in quote_rows(out.article, speaker, kb_ids):
            if kind and row["kind"] not in kind:
                continue
            writer.write(row)
    progress.done()
    writer.close()
    ctx.exit(1 if failed else 0)


def quote_text(row: dict) -> str:
    """One quote as a readable line: ``direct   Jeanne Martin: …``."""
    who = row["speaker_name"] or (f"({row['speaker_mention']})" if row["speaker_mention"] else "(unknown)")
    return f"{row['kind']:8} {who}: {row['text']}"
