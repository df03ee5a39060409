"""Progress of long commands on stderr: a real bar (rich, ``progress_bar.py``) on a terminal, nothing but a
summary in a pipe.

On a terminal the bar shows what is being done, done / total, a percentage, the rate, the time spent and
the time left; before the first page it says "loading models…" (the spaCy models take seconds to load) and
keeps ticking, so a slow start does not look like a hang. When stderr is not a terminal (a pipe, a file, a
CI log) or TERM is ``dumb``, no bar and no carriage returns are written: only the final summary line.

>>> import io
>>> p = Progress(total=2, noun="page", stream=io.StringIO())
>>> for _ in range(2):
...     p.step()
>>> p.done()
>>> p.stream.getvalue().startswith("veille: 2 pages (0 failed)")
True
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..sources import PAGE_SUFFIXES
from .words import plural, plural_noun

LOADING = "loading models…"


def is_terminal(stream: IO[str]) -> bool:
    """Whether a bar may be drawn on ``stream``: a terminal that understands cursor movement."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM", "") != "dumb"


class Progress:
    """Counts pages (or steps) as a command works through them.

    ``total`` is how many are expected (None when it cannot be known, e.g. standard input: the bar then
    shows the count without a percentage); ``noun`` names one of them ("page"); ``doing`` says what is done to
    them ("analysing"); ``summary`` prints the one-line summary at the end (commands that print their own
    summary turn it off); ``enabled`` False shows nothing at all.
    """

    def __init__(self, enabled: bool = True, noun: str = "page", *, total: int | None = None,
                 doing: str = "analysing", summary: bool = True, loading: str | None = LOADING,
                 stream: IO[str] | None = None):
        self.enabled, self.noun, self.total, self.doing, self.summary = enabled, noun, total, doing, summary
        self.stream = stream if stream is not None else sys.stderr
        self.n = self.failed = 0
        self.t0 = time.monotonic()
        self._bar: Any = None
        if enabled and is_terminal(self.stream):
            from .progress_bar import start_bar  # rich: imported only to draw (a fifth of a second)

            self._bar, self._task = start_bar(self.stream, plural_noun(noun), loading or doing, total)

    def step(self, outcome: Any = None) -> None:
        """One more page done (``outcome`` with an ``error`` counts as failed)."""
        self.n += 1
        if outcome is not None and getattr(outcome, "error", None):
            self.failed += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=self.doing)

    def expect(self, total: int | None) -> None:
        """How many there will be, once known (after a first pass over the inputs)."""
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def now(self, doing: str) -> None:
        """Say what is being done from here on (``eval quotes``…)."""
        self.doing = doing
        if self._bar is not None:
            self._bar.update(self._task, description=doing)

    def done(self) -> None:
        """Stop the bar (left on screen at its final state) and print the summary line."""
        if self._bar is not None:
            self._bar.update(self._task, description=self.doing, total=self.total or self.n)
            self._bar.stop()
            self._bar = None
        if self.enabled and self.summary and self.n:
            spent = time.monotonic() - self.t0
            rate = self.n / max(spent, 1e-6)
            self.stream.write(f"veille: {plural(self.n, self.noun)} ({self.failed} failed) in {spent:.1f} s, "
                              f"{rate:.1f}/s\n")
            self.stream.flush()


def pages_progress(paths: Iterable[str]) -> Progress:
    """The progress of a command that analyses ``paths``. Create it before the command's output writer:
    when stdout is the terminal too, the bar moves that output above itself. One page gets no bar (its
    answer follows at once)."""
    total = count_inputs(paths)
    return Progress(enabled=total != 1 and tuple(paths) != ("-",), total=total)


def count_inputs(paths: Iterable[str], *, records: bool = False) -> int | None:
    """How many pages ``paths`` hold, as :func:`veille.sources.read_sources` will read them: a file is one
    page, a JSONL file one per non-empty line, a directory its page files; None when that cannot be known
    without reading everything (standard input, a JSON array, a kind of input veille reads elsewhere).
    With ``records`` every file holds one record a line (``veille ingest --records``)."""
    total = 0
    for item in paths:
        if item == "-" or "://" in item:  # standard input, a feed or page address
            return None
        path = Path(item)
        files = ([p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES)]
                 if path.is_dir() else [path])
        for f in files:
            n = _pages_in_file(f, records)
            if n is None:
                return None
            total += n
    return total


#: Inputs that hold an unknown number of pages until they are read (web archives, feeds, addresses).
_MANY = (".warc", ".warc.gz", ".arc.gz", ".xml", ".rss", ".atom", ".jsonl.gz", ".json.gz")


def _pages_in_file(path: Path, records: bool = False) -> int | None:
    name = path.name.lower()
    if name.endswith(_MANY):
        return None
    if not records and not name.endswith((".jsonl", ".json")):
        return 1
    try:
        data = path.read_bytes()
    except OSError:
        return 1  # read_sources reports it as one failed input
    if data.lstrip().startswith(b"["):
        return None
    return sum(1 for line in data.splitlines() if line.strip())


__all__ = ["LOADING", "Progress", "count_inputs", "is_terminal", "pages_progress"]
