"""What every evaluation shares: finding the corpus, floors, and printing one table."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import click

_FLOORS = Path(__file__).parent / "floors"


def corpus_dir(given: str | None = None) -> Path:
    """The shared corpus: --corpus, $VEILLE_CORPUS, or ../shared/corpus beside the project or the cwd."""
    if given and not Path(given).is_dir():
        raise click.UsageError(f"--corpus {given}: no such folder (expected the shared corpus folder)")
    candidates = [given, os.environ.get("VEILLE_CORPUS"),
                  Path(__file__).resolve().parents[3].parent / "shared" / "corpus",
                  Path.cwd().parent / "shared" / "corpus"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    raise click.UsageError("the shared corpus was not found: pass --corpus DIR or set VEILLE_CORPUS "
                           "(expected ../shared/corpus beside the project)")


@dataclass
class Row:
    """One line of an evaluation table: a metric on a data set, and its floor when one is kept."""

    dataset: str
    metric: str
    value: float
    n: int | None = None
    floor: float | None = None

    @property
    def ok(self) -> bool:
        return self.floor is None or self.value + 1e-9 >= self.floor


def floors(name: str) -> dict[str, float]:
    """Floors for an evaluation, keyed "dataset/metric"."""
    path = _FLOORS / f"{name}.json"
    return json.loads(path.read_text())["floors"] if path.exists() else {}


def with_floors(name: str, rows: list[Row]) -> list[Row]:
    f = floors(name)
    for r in rows:
        r.floor = f.get(f"{r.dataset}/{r.metric}", r.floor)
    return rows


def print_table(rows: list[Row]) -> bool:
    """Print rows as one table; True when every floor holds."""
    click.echo(f"{'data set':34} {'metric':30} {'value':>7} {'n':>6} {'floor':>7}")
    for r in rows:
        mark = "" if r.ok else "  BELOW FLOOR"
        floor = f"{r.floor:.3f}" if r.floor is not None else ""
        n = str(r.n) if r.n is not None else ""
        click.echo(f"{r.dataset:34} {r.metric:30} {r.value:7.3f} {n:>6} {floor:>7}{mark}")
    return all(r.ok for r in rows)
