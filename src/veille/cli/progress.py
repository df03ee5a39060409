"""Progress on stderr for long runs: a counter line redrawn in place on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, enabled: bool = True, label: str = "pages"):
        self.enabled, self.label = enabled, label
        self.n = self.failed = 0
        self.t0 = time.monotonic()
        self.tty = sys.stderr.isatty()
        self._last = self.t0

    def step(self, outcome=None) -> None:
        self.n += 1
        if outcome is not None and getattr(outcome, "error", None):
            self.failed += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > (0.2 if self.tty else 5.0)):
            self._last = now
            self._write()

    def _write(self, end: str = "") -> None:
        rate = self.n / max(time.monotonic() - self.t0, 1e-6)
        msg = f"veille: {self.n} {self.label} ({self.failed} failed), {rate:.1f}/s"
        if self.tty:
            sys.stderr.write("\r" + msg + end)
        else:
            sys.stderr.write(msg + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.n:
            self._write("\n" if self.tty else "")
