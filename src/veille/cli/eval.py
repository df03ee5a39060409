"""``veille eval``: score each stage against the gold data in ../shared/corpus and print one table."""

from __future__ import annotations

import sys

import click

from ..eval.common import Row, print_table
from ..formats import FORMATS
from .formats import emit
from .progress import Progress, is_terminal

_FORMAT_KEY = "veille.eval.format"


def _keep_format(ctx: click.Context, _param, value: str) -> str:
    ctx.meta[_FORMAT_KEY] = value.lower()
    return value


def corpus_option(command):
    """Every evaluation reads the shared corpus from ``--corpus`` (or ../shared/corpus, or $VEILLE_CORPUS)
    and prints its table in any of the listing formats (``--format``; the eval table of docs/formats.md)."""
    command = click.option("--format", type=click.Choice(FORMATS, case_sensitive=False), default="text",
                           show_default=True, expose_value=False, callback=_keep_format, is_eager=True,
                           help="text: the table; json, ndjson, csv, tsv: one row per metric (details of "
                                "-v go to stderr then).")(command)
    return click.option("--corpus", type=click.Path(file_okay=False),
                        help="The shared corpus folder (default ../shared/corpus).")(command)


def _format() -> str:
    return click.get_current_context().meta.get(_FORMAT_KEY, "text")


def show_table(rows: list[Row]) -> bool:
    """The evaluation's rows in the chosen format; True when every floor holds."""
    fmt = _format()
    if fmt == "text":
        return print_table(rows)
    emit(({"dataset": r.dataset, "metric": r.metric, "value": round(r.value, 4), "n": r.n, "floor": r.floor,
           "ok": r.ok} for r in rows), fmt, "eval", str)
    return all(r.ok for r in rows)


def detail(line: str) -> None:
    """A line of ``-v`` details: under the table in text, on stderr when stdout holds data."""
    click.echo(line, err=_format() != "text")


@click.group("eval")
def eval_group() -> None:
    """Score veille against gold data (needs ../shared/corpus or --corpus)."""


@eval_group.command("pages")
@corpus_option
@click.option("-v", "--verbose", is_flag=True, help="List what each page misses.")
@click.pass_context
def eval_pages(ctx, corpus, verbose) -> None:
    """Extraction on the hand-annotated news pages: body boundaries, boilerplate removed, title, date."""
    from ..eval import pages
    from ..eval.common import corpus_dir

    rows, scores = pages.evaluate(corpus_dir(corpus))
    ok = show_table(rows)
    if verbose:
        for s in scores:
            detail(f"  {s.id:10} {'; '.join(s.misses()) or 'all right'}")
    ctx.exit(0 if ok else 1)


@eval_group.command("extraction")
@corpus_option
@click.option("--subset", type=click.IntRange(min=1), help="Score only the first N ScrapingHub pages.")
@click.option(
    "--processes", type=click.IntRange(min=1), default=2, show_default=True, help="Worker processes."
)
@click.option("-v", "--verbose", is_flag=True, help="List the pages where veille loses to trafilatura alone.")
@click.pass_context
def eval_extraction(ctx, corpus, subset, processes, verbose) -> None:
    """HTML extraction: ScrapingHub shingle F1 and trafilatura's French pages, veille beside trafilatura."""
    from ..eval import extraction
    from ..eval.common import corpus_dir

    rep = extraction.report(corpus_dir(corpus), subset=subset, processes=processes)
    ok = show_table(rep.rows)
    if verbose:
        for line in rep.misses:
            detail(f"  {line}")
    ctx.exit(0 if ok else 1)


@eval_group.command("langid")
@corpus_option
@click.pass_context
def eval_langid(ctx, corpus) -> None:
    """Language identification accuracy for several candidate-language sets (py3langid)."""
    from ..eval import langid
    from ..eval.common import corpus_dir

    ok = show_table(langid.evaluate(corpus_dir(corpus)))
    ctx.exit(0 if ok else 1)


@eval_group.command("time")
@corpus_option
@click.option("--baseline", is_flag=True, help="Also score dateparser's search_dates on the same pages.")
@click.option(
    "--agreement",
    is_flag=True,
    help="Also check date lines against HTML dates on the ScrapingHub pages (slower).",
)
@click.option("-v", "--verbose", is_flag=True, help="List the gold time values each page misses.")
@click.pass_context
def eval_time(ctx, corpus, baseline, agreement, verbose) -> None:
    """Time expressions (dev-gold values, FR and EN) and publication dates (25 pages, HTML and text)."""
    from ..eval import time
    from ..eval.common import corpus_dir

    rows, scores, notes = time.evaluate(corpus_dir(corpus), baseline=baseline, agreement=agreement)
    ok = show_table(rows)
    if verbose:
        for s in scores:
            detail(f"  {s.id:10} {'; '.join(s.misses) or 'all values right'}")
        for note in notes:
            detail(f"  {note}")
    ctx.exit(0 if ok else 1)


@eval_group.command("entities")
@corpus_option
@click.option("-v", "--verbose", is_flag=True, help="List what each page misses, leaves unmerged or adds.")
@click.pass_context
def eval_entities(ctx, corpus, verbose) -> None:
    """Entities on the dev-gold pages, FR and EN: recall, spellings merged on one entity, precision."""
    from ..eval import entities
    from ..eval.common import corpus_dir

    rows, scores = entities.evaluate(corpus_dir(corpus))
    ok = show_table(rows)
    if verbose:
        for s in scores:
            detail(
                f"  {s.id:10} missed {s.missed or '-'}; unmerged {s.unmerged or '-'}; "
                f"spurious {s.spurious or '-'}"
            )
    ctx.exit(0 if ok else 1)


@eval_group.command("events")
@corpus_option
@click.option("--subset", type=click.IntRange(min=1), help="Score an evenly spread sample of N sentences.")
@click.option("--only", type=click.Choice(["gsr", "news"]), help="Score one data set only.")
@click.option("-v", "--verbose", is_flag=True,
              help="List the GSR sentences whose main event type is wrong, and the news events judged wrong.")
@click.pass_context
def eval_events(ctx, corpus, subset, only, verbose) -> None:
    """PLOVER event types on the PLOVER GSR sentences (CAMEO manual examples), per type and macro-averaged;
    judged precision of the events coded on the news pages."""
    from ..eval import events
    from ..eval.common import corpus_dir

    rows, scored, notes = events.evaluate(corpus_dir(corpus), subset=subset, gsr=only != "news",
                                          news=only != "gsr")
    ok = show_table(rows)
    if verbose:
        for s in scored:
            if s.predicted != s.gold:
                detail(f"  {s.gold:9} got {s.predicted or '-':9} {s.text[:90]}")
        for note in notes:
            detail(f"  {note}")
    ctx.exit(0 if ok else 1)


@eval_group.command("quotes")
@corpus_option
@click.option("--subset", type=click.IntRange(min=1), help="Score only the first N PolNeAR dev articles.")
@click.option("--only", type=click.Choice(["polnear", "news"]), help="Score one data set only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="List the dev-gold quotes missed or given a wrong speaker."
)
@click.pass_context
def eval_quotes(ctx, corpus, subset, only, verbose) -> None:
    """Quotes and speakers: PolNeAR dev (quoted-content and all-attribution F1), dev-gold pages (FR, EN)."""
    from ..eval import quotes
    from ..eval.common import corpus_dir

    rows, misses = quotes.evaluate(
        corpus_dir(corpus), subset=subset, news=only != "polnear", polnear=only != "news"
    )
    ok = show_table(rows)
    if verbose:
        for page, items in misses.items():
            for item in items:
                detail(f"  {page:10} {item}")
    ctx.exit(0 if ok else 1)


@eval_group.command("stories")
@corpus_option
@click.option("--sample", type=click.IntRange(min=1), help="Score a seeded random sample of N rows per file.")
@click.option("--fit", "refit", is_flag=True,
              help="Refit the shipped weights (same-story on the fitting half; translation link, direction "
                   "and the page verdict on the MT copies) and rewrite their data files.")
@click.option("--only", type=click.Choice(["semeval", "stream", "mt", "veto"]),
              help="semeval: the corpus sets only; stream: the two invented FR/EN streams only (no corpus); "
                   "mt: the direction of the MT copies and the machine_translation page verdict only (no "
                   "encoder, seconds; with --fit only the direction model is refitted); veto: the place "
                   "veto on the fr/en SemEval pages (analysed once, then cached).")
@click.option("-v", "--verbose", is_flag=True, help="With --only stream: the events merged or split, and "
              "the links that are not gold, in each run; with --only veto: the same-story pairs vetoed.")
@click.pass_context
def eval_stories(ctx, corpus, sample, refit, only, verbose) -> None:
    """Stories on SemEval-2022 pairs: same-story P/R/F1, cross-lingual recall, hard negatives, Pearson;
    MT copies (original top-1, translation linked, direction, the machine_translation page verdict); planted
    near-duplicates; the online clustering of an invented FR/EN stream (docs/stories.md). Encoder vectors
    are cached on disk."""
    from ..eval import stories, story_stream
    from ..eval.common import corpus_dir, with_floors

    if only == "stream":
        pages = Progress(noun="page", summary=False)

        def analysed(done: int, total: int) -> None:
            pages.expect(total)
            pages.step()

        notes: list[str] = []
        rows = with_floors(stories.NAME, story_stream.evaluate_all(progress=analysed, notes=notes))
        pages.done()
        ok = show_table(rows)
        for line in notes if verbose else []:
            detail(f"  {line}")
        ctx.exit(0 if ok else 1)
    if only == "veto":
        from ..eval import place_veto

        analysed_pages = Progress(noun="page", doing="analysing", summary=False)

        def analysed_page(done: int, total: int) -> None:
            analysed_pages.expect(total)
            analysed_pages.step()

        veto_notes: list[str] = []
        rows = place_veto.evaluate(corpus_dir(corpus), sample=sample, notes=veto_notes,
                                   progress=analysed_page)
        analysed_pages.done()
        ok = show_table(rows)
        for line in veto_notes if verbose else []:
            detail(line)
        ctx.exit(0 if ok else 1)
    if only == "mt":
        rows = stories.evaluate_mt(corpus_dir(corpus), sample=sample, refit=refit)
        ctx.exit(0 if show_table(rows) else 1)
    progress = Progress(noun="text", doing="encoding", summary=False)

    def tick(done: int, total: int) -> None:
        if progress.total != total:
            progress.expect(total)
        while progress.n < done:
            progress.step()

    rows = stories.evaluate(corpus_dir(corpus), sample=sample, refit=refit, progress=tick,
                            stream=only != "semeval")
    progress.done()
    ctx.exit(0 if show_table(rows) else 1)


@eval_group.command("all")
@corpus_option
@click.pass_context
def eval_all(ctx, corpus) -> None:
    """Every evaluation in one table: extraction, pages, language ID, entities, quotes, time, events, stories
    (takes a few minutes once the story vectors are cached; exit 1 when any floor is broken)."""
    from ..eval import entities, events, extraction, langid, pages, quotes, stories, time
    from ..eval.common import corpus_dir

    where = corpus_dir(corpus)
    steps = [
        ("pages", lambda: pages.evaluate(where)[0]),
        ("extraction", lambda: extraction.report(where, processes=1).rows),  # no fork after models load
        ("langid", lambda: langid.evaluate(where)),
        ("entities", lambda: entities.evaluate(where)[0]),
        ("quotes", lambda: quotes.evaluate(where)[0]),
        ("time", lambda: time.evaluate(where)[0]),
        ("events", lambda: events.evaluate(where)[0]),
        ("stories", lambda: stories.evaluate(where)),  # encoder vectors cached on disk after the first run
    ]
    rows = []
    progress = Progress(noun="evaluation", total=len(steps), summary=False)
    for name, step in steps:
        progress.now(f"eval {name}")
        if not is_terminal(sys.stderr):  # a log: one line per evaluation
            click.echo(f"veille: eval {name}…", err=True)
        rows += step()
        progress.step()
    progress.done()
    ctx.exit(0 if show_table(rows) else 1)
