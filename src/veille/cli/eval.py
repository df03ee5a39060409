"""``veille eval``: score each stage against the gold data in ../shared/corpus and print one table."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Score veille against gold data (needs ../shared/corpus or --corpus)."""


@eval_group.command("pages")
@click.option("--corpus", type=click.Path(file_okay=False), help="The shared corpus folder (default ../shared/corpus).")
@click.option("-v", "--verbose", is_flag=True, help="List what each page misses.")
@click.pass_context
def eval_pages(ctx, corpus, verbose) -> None:
    """Extraction on the hand-annotated news pages: body boundaries, boilerplate removed, title, date."""
    from ..eval import pages
    from ..eval.common import corpus_dir, print_table

    rows, scores = pages.evaluate(corpus_dir(corpus))
    ok = print_table(rows)
    if verbose:
        for s in scores:
            click.echo(f"  {s.id:10} {'; '.join(s.misses()) or 'all right'}")
    ctx.exit(0 if ok else 1)
