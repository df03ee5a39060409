"""The progress bar drawn on a terminal (rich), apart from ``progress.py`` so that a command whose
progress goes to a pipe or a file — every worker, every script — does not import rich (a fifth of a second
of start-up)."""

from __future__ import annotations

import sys
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text


def start_bar(stream: IO[str], unit: str, description: str, total: int | None) -> tuple[RichProgress, Any]:
    """A started bar on ``stream`` and its task: spinner, description, bar, done / total, percentage,
    ``unit``/s, time spent, time left."""
    columns = (SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), TaskProgressColumn(), _Rate(unit), TimeElapsedColumn(), _TimeLeft())
    # rows printed to the same terminal go above the bar; rows bound for a pipe or a file stay there
    console = Console(file=stream, force_terminal=True, soft_wrap=True)  # rows are not rewrapped
    bar = RichProgress(*columns, console=console, transient=False, redirect_stdout=sys.stdout.isatty())
    task = bar.add_task(description, total=total)
    bar.start()
    return bar, task


def _rate(task: Task) -> float | None:
    """Items per second over the whole run: pages arrive a batch at a time (``batch_size``), so rich's
    windowed speed would swing between zero and the speed of a burst."""
    elapsed = task.finished_time or task.elapsed
    return task.completed / elapsed if task.completed and elapsed else None


class _Rate(ProgressColumn):
    """Items per second (rich's own speed column counts bytes)."""

    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = _rate(task)
        shown = f"{speed:.1f}" if speed else "–"
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


class _TimeLeft(ProgressColumn):
    """ETA from the average rate so far (``-:--:--`` while unknown)."""

    def render(self, task: Task) -> Text:
        speed = _rate(task)
        if task.total is None or not speed:
            return Text("ETA -:--:--", style="progress.remaining")
        left = max(task.total - task.completed, 0) / speed
        return Text(f"ETA {int(left) // 3600}:{int(left) % 3600 // 60:02d}:{int(left) % 60:02d}",
                    style="progress.remaining")
