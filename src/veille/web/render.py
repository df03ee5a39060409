"""An article's clean text as HTML with its quotes, entity mentions and time expressions marked up.

Spans come from the record as offsets into ``text``. They nest (a mention inside a quote); a span that
crosses another's boundary cannot be expressed in HTML and is left out (the outer one wins). An event's
sentence is the exception: it must keep its anchor (``#ev3``, linked from the events tables), so one that
cannot nest leaves an empty anchor at its start. Every piece of text is escaped; only our own tags are
emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..record import Article

# Wider kinds open first when two spans start at the same place.
_RANK = {"event": 0, "quote": 1, "mention": 2, "timex": 3}


@dataclass
class _Node:
    start: int
    end: int
    open: str = ""
    close: str = ""
    children: list[_Node] = field(default_factory=list)


def _spans(art: Article) -> list[tuple[int, int, int, str, str]]:
    names = {e.id: e for e in art.entities}
    out = []
    for i, ev in enumerate(art.events):
        out.append((ev.sentence.start, ev.sentence.end, _RANK["event"],
                    f'<span id="ev{i}" class="event-sentence" data-event="{escape(ev.type)}">', "</span>"))
    for i, q in enumerate(art.quotes):
        who = names.get(q.speaker or "")
        label = who.name if who else (q.speaker_mention.text if q.speaker_mention else "unknown speaker")
        attrs = (f' id="q{i}" class="quote quote-{q.kind}" data-speaker="{escape(q.speaker or "")}" '
                 f'title="{escape(label)} ({q.kind} quote)"')
        out.append((q.start, q.end, _RANK["quote"], f"<q{attrs}>", "</q>"))
    for m in art.mentions:
        ent = names.get(m.entity_id)
        etype = ent.type if ent else "MISC"
        title = f"{ent.name} [{etype}]" if ent else m.entity_id
        out.append((m.start, m.end, _RANK["mention"],
                    f'<a class="ent ent-{etype}" href="/entities/{escape(m.entity_id)}" '
                    f'data-entity="{escape(m.entity_id)}" title="{escape(title)}">', "</a>"))
    for t in art.timexes:
        out.append((t.start, t.end, _RANK["timex"], f'<time class="timex" datetime="{escape(t.value)}" '
                    f'title="{escape(t.value)}">', "</time>"))
    return sorted(out, key=lambda s: (s[0], -s[1], s[2]))


def highlight(art: Article) -> Markup:
    """The body as HTML: ``<q class="quote">``, ``<a class="ent">`` and ``<time>`` around their spans."""
    root = _Node(0, len(art.text))
    stack = [root]
    for start, end, rank, open_tag, close_tag in _spans(art):
        if not (0 <= start < end <= len(art.text)):
            continue
        while len(stack) > 1 and start >= stack[-1].end:
            stack.pop()
        if end > stack[-1].end:  # crosses the enclosing span's end: cannot nest
            if rank == _RANK["event"]:  # keep the sentence's anchor, empty, where it starts
                stack[-1].children.append(_Node(start, start, open_tag.replace('class="event-sentence"',
                                                'class="event-sentence event-anchor"'), close_tag))
            continue
        node = _Node(start, end, open_tag, close_tag)
        stack[-1].children.append(node)
        stack.append(node)
    return Markup(_emit(art.text, root))


def _emit(text: str, node: _Node) -> str:
    out, pos = [node.open], node.start
    for child in node.children:
        out.append(str(escape(text[pos:child.start])))
        out.append(_emit(text, child))
        pos = child.end
    out.append(str(escape(text[pos:node.end])))
    out.append(node.close)
    return "".join(out)


def marked(snippet: str | None, ranges: list[tuple[int, int]]) -> Markup:
    """A search snippet with its matched words in ``<mark>``."""
    if not snippet:
        return Markup("")
    out, pos = [], 0
    for a, b in sorted(ranges):
        if a < pos:
            continue
        out += [str(escape(snippet[pos:a])), "<mark>", str(escape(snippet[a:b])), "</mark>"]
        pos = b
    out.append(str(escape(snippet[pos:])))
    return Markup("".join(out))
