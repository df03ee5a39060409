"""The signals stage: clues about the page itself gathered from what earlier stages saw.

- ``unrelated_insert``: a "Lire aussi" / "Read more" insert or linked headline removed from the body;
- ``foreign_fragment`` for furniture in another language than the body (English comment forms on a
  French page, a sign of a scraped or machine-translated copy).
"""

from __future__ import annotations

from ..pipeline import Stage, Work
from ..record import Signal
from .langid import identify

_MAX_FOREIGN = 5


class Signals(Stage):
    name = "signals"
    version = "1"
    requires = ("text", "lang", "removed")
    assigns = ("signals",)

    def __call__(self, work: Work) -> Work:
        art = work.article
        for r in art.removed:
            if r.reason.startswith("unrelated insert"):
                art.signals.append(Signal(kind="unrelated_insert", text=r.text, detail=r.reason))
        foreign = 0
        for r in art.removed:
            if foreign >= _MAX_FOREIGN or r.reason.startswith(("before the article", "outside the main")):
                continue
            if len(r.text.split()) < 2:
                continue
            code, score = identify(r.text, work.config.languages)
            if art.lang and code and code != art.lang and score >= 0.85:
                foreign += 1
                art.signals.append(Signal(kind="foreign_fragment", text=r.text, lang=code,
                                          detail=f"{code} furniture on a {art.lang} page ({r.reason})"))
        return work
