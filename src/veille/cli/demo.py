"""``veille demo``: the main job on the embedded default — analyse the bundled example pages."""

from __future__ import annotations

from importlib import resources as ir

import click

from ..api_functions import analyze_paths
from .report import text_report


def example_paths() -> list[str]:
    folder = ir.files("veille") / "examples"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith((".html", ".txt")))


@click.command("demo")
@click.pass_context
def demo_cmd(ctx) -> None:
    """Analyse the example pages bundled with veille (French and English, HTML and plain text) and print
    their reports."""
    failed = 0
    for out in analyze_paths(example_paths()):
        if out.error:
            failed += 1
            click.echo(f"veille: {out.error}", err=True)
        else:
            click.echo(text_report(out.article))
    ctx.exit(1 if failed else 0)
