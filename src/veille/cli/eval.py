"""``veille eval``: score each stage against the gold data in ../shared/corpus and print one table."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Score veille against gold data (needs ../shared/corpus or --corpus)."""
