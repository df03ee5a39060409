"""The signals stage: clues about the page itself gathered from what earlier stages saw.

- ``unrelated_insert``: a "Lire aussi" / "Read more" insert or linked headline removed from the body;
- ``editorial_ellipsis``: "[...]" where words were cut from a quotation;
- ``foreign_fragment`` for furniture in another language than the body (English comment forms on a
  French page, a sign of a scraped or machine-translated copy);
- ``machine_translation`` for what machine translation leaves in the body itself: an untranslated fragment
  in brackets or phrase, a calque, a head in another language, source-language quote marks or numbers;
  and one signal without a span when the page reads as a translation as a whole
  (``veille.stories.machine_translation.read_page``).
"""

from __future__ import annotations

import re

from ..record import Article, Signal
from ..stage import Stage, Work
from .langid import fragment_languages, identify

_MAX_FOREIGN = 5
# "[...]", "[ . . . ]", "(…)": the editor cut something out of a quotation
_ELLIPSIS = re.compile(r"[\[(]\s*(?:\.\s*){3}[\])]|[\[(]\s*…\s*[\])]")


class Signals(Stage):
    name = "signals"
    version = "3"
    requires = ("text", "lang", "removed")
    assigns = ("signals",)

    def __call__(self, work: Work) -> Work:
        art = work.article
        for r in art.removed:
            if r.reason.startswith("unrelated insert"):
                art.signals.append(Signal(kind="unrelated_insert", text=r.text, detail=r.reason))
        for m in _ELLIPSIS.finditer(art.text):
            art.signals.append(
                Signal(
                    kind="editorial_ellipsis",
                    text=m.group(0),
                    start=m.start(),
                    end=m.end(),
                    detail="words were cut from the text here",
                )
            )
        foreign = 0
        candidates = fragment_languages(art.lang)  # once a page, not once a span
        for r in art.removed:
            if foreign >= _MAX_FOREIGN or r.reason.startswith(("before the article", "outside the main")):
                continue
            if len(r.text.split()) < 2:
                continue
            code, score = identify(r.text, candidates)
            if art.lang and code and code != art.lang and score >= 0.85:
                foreign += 1
                art.signals.append(
                    Signal(
                        kind="foreign_fragment",
                        text=r.text,
                        lang=code,
                        detail=f"{code} furniture on a {art.lang} page ({r.reason})",
                    )
                )
        add_machine_translation_signals(art)
        return work


def add_machine_translation_signals(art: Article) -> None:
    """Mark what machine translation left in the body (see ``read_page``), a few traces at most, and the
    verdict when the page reads as a translation from another language veille analyses."""
    from ..lang import supported
    from ..stories.machine_translation import read_page

    verdict = read_page(art.text, art.lang, supported())
    if verdict.likely:
        # no span: the page as a whole; the text says so where lists show a signal's text (CLI, web)
        art.signals.append(Signal(kind="machine_translation", lang=verdict.source,
                                  text=f"the page reads as a machine translation from {verdict.source}",
                                  detail=f"reads as a machine translation from {verdict.source} "
                                         f"(evidence {verdict.score:.2f}, "
                                         f"{len(verdict.traces)} traces)"))
    for trace in verdict.traces[:_MAX_FOREIGN]:
        art.signals.append(Signal(kind="machine_translation", text=trace.text, start=trace.start,
                                  end=trace.end, lang=trace.lang, detail=trace.detail))
