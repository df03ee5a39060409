"""Events as people read them: entity ids turned into names, and the filters of ``veille events``."""

from __future__ import annotations

from ...record import Article, Event
from .parties import fold


def names(article: Article, entity_id: str | None) -> list[str]:
    """The entity's id, canonical name and surface forms (empty for None)."""
    if not entity_id:
        return []
    ent = article.entity(entity_id)
    return [entity_id] + ([ent.name, *ent.names] if ent else [])


def label(article: Article, entity_id: str | None) -> str | None:
    ent = article.entity(entity_id)
    return ent.name if ent else entity_id


def describe(article: Article, ev: Event) -> dict:
    """One event with names beside the ids and its time expression spelled out."""
    timex = article.timexes[ev.time] if ev.time is not None and ev.time < len(article.timexes) else None
    return {"source": article.source, "type": ev.type, "mode": ev.mode,
            "actor": ev.actor, "actor_name": label(article, ev.actor),
            "recipient": ev.recipient, "recipient_name": label(article, ev.recipient),
            "location": ev.location, "location_name": label(article, ev.location),
            "time": timex.value if timex else None, "time_text": timex.text if timex else None,
            "aux": ev.aux, "trigger": ev.trigger.text, "sentence": ev.sentence.text,
            "confidence": ev.confidence}


def matches(article: Article, ev: Event, actor: str | None = None, types: tuple[str, ...] = ()) -> bool:
    """Whether an event passes ``--actor`` (id, name or any spelling seen, case and accents ignored) and
    ``--type`` (any of the PLOVER types given)."""
    if types and ev.type not in {t.upper() for t in types}:
        return False
    if actor:
        want = fold(actor.strip())
        return any(want == fold(n) for n in names(article, ev.actor))
    return True


def line(d: dict) -> str:
    """One readable line: ``MOBILIZE Russia → – @ Belarus [future] «déployer» (0.9)``."""
    who = f"{d['actor_name'] or '–'} → {d['recipient_name'] or '–'}"
    where = f" @ {d['location_name']}" if d["location_name"] else ""
    when = f" {d['time_text']}={d['time']}" if d["time"] else ""
    aux = f" [{', '.join(d['aux'])}]" if d["aux"] else ""
    mode = f"/{d['mode']}" if d["mode"] else ""
    return f"{d['type']}{mode} {who}{where}{when}{aux} «{d['trigger']}» ({d['confidence']})"
