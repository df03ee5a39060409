"""The readable terminal report of one Article (``veille analyze --format text``).

Content comes first — what the page says, who is named, who said what, when, what happened, then its
text — and the page's furniture last, as a count by reason (the record's ``removed`` lists every piece;
``--format json`` shows them).
"""

from __future__ import annotations

import textwrap
from collections import Counter

from ..record import Article
from .words import plural

_WIDTH = 100


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _section(title: str, lines: list[str], empty: str = "none found") -> list[str]:
    return ["", f"{title}", *(lines or [f"  ({empty})"])]


def _speaker(q, names: dict[str, str]) -> str:
    if q.speaker:
        return names.get(q.speaker, q.speaker)
    return q.speaker_mention.text if q.speaker_mention else "?"


def text_report(art: Article) -> str:
    out = [("═" * _WIDTH), textwrap.shorten(art.title or "(no title)", _WIDTH)]
    meta = [
        ("source", art.source),
        ("url", art.url),
        ("site", art.site_name),
        ("published", f"{art.published} ({art.published_source})" if art.published else "not stated"),
        ("dateline", art.dateline),
        ("authors", ", ".join(art.authors) or None),
        ("language", art.lang),
        ("size", f"{plural(len(art.text.split()), 'word')}, {plural(len(art.paragraphs), 'paragraph')}"),
    ]
    out += [f"  {k:10} {v}" for k, v in meta if v]
    out += [f"  note       {n}" for n in art.notes]
    names = {e.id: e.name for e in art.entities}
    ent_lines = []
    for e in art.entities:
        n = sum(1 for m in art.mentions if m.entity_id == e.id)
        ent_lines.append(f"  - {e.name} [{e.type}] {e.id}  ×{n}: {', '.join(e.names[:6])}")
    out += _section(f"Entities ({len(art.entities)})", ent_lines)
    out += _section(
        f"Quotes ({len(art.quotes)})",
        [
            f"  - [{q.kind}] {_speaker(q, names)}: «{_short(q.text, 70)}»"
            for q in art.quotes
        ],
    )
    out += _section(
        f"Attributions ({len(art.attributions)})",
        [
            f"  - {names.get(a.source or '', a.source_text)}: {_short(a.cue.text, 60)}"
            for a in art.attributions
        ],
    )
    out += _section(
        f"Time ({len(art.timexes)})",
        [f"  - {t.text!r} = {t.value}" + (f" (anchor {t.anchor})" if t.anchor else "") for t in art.timexes],
    )
    out += _section(
        f"Events ({len(art.events)})",
        [
            f"  - {e.type}{'/' + e.mode if e.mode else ''}: {names.get(e.actor or '', e.actor or '?')} → "
            f"{names.get(e.recipient or '', e.recipient or '-')}"
            + (f" @ {names.get(e.location, e.location)}" if e.location else "")
            + (f" [{', '.join(e.aux)}]" if e.aux else "")
            + f"  «{_short(e.trigger.text, 30)}»"
            for e in art.events
        ],
    )
    out += ["", "Text", textwrap.indent(textwrap.fill(_short(art.text, 600), _WIDTH - 2), "  ")]
    out += _section(
        f"Signals ({len(art.signals)})",
        [
            f"  - {s.kind}: {_short(s.text or '', 70)}" + (f" ({s.lang})" if s.lang else "")
            for s in art.signals
        ],
        "none",
    )
    out += ["", furniture_line(art)]
    return "\n".join(out)


def furniture_line(art: Article) -> str:
    """``Removed furniture: 3 pieces (2 related_links, 1 banner)`` — how much was dropped, and why."""
    if not art.removed:
        return "Removed furniture: none"
    reasons = Counter(r.reason.split(" (", 1)[0] for r in art.removed)  # "site furniture (s'abonner)"
    why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
    return textwrap.fill(f"Removed furniture: {plural(len(art.removed), 'piece')} ({why})", _WIDTH,
                         subsequent_indent="  ")
