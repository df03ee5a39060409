"""Article records and pages made up from templates, for load tests and benchmarks (100,000 quotes, a
kill mid-ingest), plus ``annotate`` to build a hand-written test record without counting offsets.

Nothing here is news: names and sentences are drawn from small invented lists, so that stores of any
size can be filled reproducibly (``random.Random(seed)``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

from ..record import Article, Entity, EntityType, Event, Mention, Quote, Span

_PEOPLE = [("Q1001", "Mara Vellin", ["Mara Vellin", "Vellin"]), ("Q1002", "Tomas Ardent", ["Tomas Ardent"]),
           ("Q1003", "Ilse Korhonen", ["Ilse Korhonen", "Korhonen"]), ("Q1004", "Yaroslav Dubenko",
           ["Yaroslav Dubenko", "Iaroslav Doubenko"]), ("Q1005", "Nadia Benali", ["Nadia Benali"]),
           ("Q1006", "Oren Castel", ["Oren Castel"]), ("Q1007", "Sofia Lindqvist", ["Sofia Lindqvist"]),
           ("Q1008", "Kwame Mensah", ["Kwame Mensah"])]
_PLACES = [("Q2001", "Norvalia", ["Norvalia", "la Norvalie"]), ("Q2002", "Estmark", ["Estmark"]),
           ("Q2003", "Port Celeste", ["Port Celeste", "Port-Céleste"]), ("Q2004", "Vardana", ["Vardana"])]
_WORDS = ("budget réforme port accord sanctions élections énergie réseau frontière tarifs grève récolte "
          "inflation sécurité transport hôpital climat pêche armée tribunal").split()
_EVENT_TYPES = ("AGREE", "CONSULT", "REQUEST", "ACCUSE", "THREATEN", "PROTEST", "AID", "SANCTION")
_SYLLABLES = ("ba co di fu ga he ki lo mu na pe ri so tu va xe zo bri cla dro fle gri plo stra tri vel "
              "mon").split()


def vocabulary(size: int = 5000, seed: int = 1) -> tuple[list[str], list[float]]:
    """Made-up words and cumulative Zipf weights (word k drawn with weight 1/k), so that searches over
    generated stores meet rare and common words as in real text."""
    rnd = random.Random(seed)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        w = "".join(rnd.choices(_SYLLABLES, k=rnd.choice((2, 3, 3, 4))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    cum, total = [], 0.0
    for k in range(1, size + 1):
        total += 1 / k
        cum.append(total)
    return words, cum


_VOCAB = vocabulary()


@dataclass
class EntitySpec:
    id: str
    name: str
    type: str
    names: list[str] = field(default_factory=list)


def annotate(article_id: str, text: str, *, entities: Sequence[EntitySpec],
             quotes: Sequence[tuple[str, str | None]] = (),
             events: Sequence[tuple[str, str | None, str | None, str]] = (), **meta) -> Article:
    """A record over ``text``: every occurrence of an entity's names becomes a mention; each quote
    (text, speaker id) and event (type, actor, recipient, trigger word) is located in the text."""
    art = Article(id=article_id, text=text, **meta)
    art.entities = [Entity(id=e.id, name=e.name, type=cast(EntityType, e.type), names=e.names or [e.name])
                    for e in entities]
    for e in entities:
        for n in sorted(set(e.names or [e.name]), key=len, reverse=True):
            start = text.find(n)
            while start >= 0:
                if not any(m.start < start + len(n) and start < m.end for m in art.mentions):
                    art.mentions.append(Mention(start=start, end=start + len(n), text=n, entity_id=e.id))
                start = text.find(n, start + 1)
    art.mentions.sort(key=lambda m: m.start)
    for qtext, speaker in quotes:
        s = _find(text, qtext)
        art.quotes.append(Quote(start=s, end=s + len(qtext), text=qtext, kind="direct", speaker=speaker))
    for etype, actor, recipient, trigger in events:
        s = _find(text, trigger)
        a, b = text.rfind(".", 0, s) + 1, text.find(".", s)
        b = len(text) if b < 0 else b + 1
        a += len(text[a:b]) - len(text[a:b].lstrip())
        art.events.append(Event(type=etype, actor=actor, recipient=recipient,
                                sentence=Span(start=a, end=b, text=text[a:b]),
                                trigger=Span(start=s, end=s + len(trigger), text=trigger)))
    return art


def _find(text: str, part: str) -> int:
    at = text.find(part)
    if at < 0:
        raise ValueError(f"{part!r} is not in the text")
    return at


def generate_articles(n: int, *, quotes_per_article: int = 5, seed: int = 0,
                      start: dt.date = dt.date(2023, 1, 1)) -> Iterator[Article]:
    """``n`` records, each with people quoting each other about places, and a few events."""
    rnd = random.Random(seed)
    for i in range(n):
        yield _one_article(rnd, i, quotes_per_article, start + dt.timedelta(days=i % 700))


def _one_article(rnd: random.Random, i: int, n_quotes: int, day: dt.date) -> Article:
    people = rnd.sample(_PEOPLE, 3)
    place = rnd.choice(_PLACES)
    lang = rnd.choice(("fr", "en"))
    parts, quotes, events = [], [], []
    for k in range(n_quotes):
        who = people[k % 3]
        words = " ".join(rnd.choices(_VOCAB[0], cum_weights=_VOCAB[1], k=8))
        said = f"Le dossier {words} concerne {place[2][0]} et nous agirons vite ({i}-{k})"
        parts.append(f"{who[2][0]} a déclaré : « {said} ».")
        quotes.append((said, who[0]))
    etype = rnd.choice(_EVENT_TYPES)
    parts.append(f"{people[0][2][0]} et {people[1][2][0]} ont négocié à {place[2][0]} "
                 f"sur le {rnd.choice(_WORDS)}.")
    events.append((etype, people[0][0], people[1][0], "négocié"))
    text = "\n\n".join(parts)
    specs = [EntitySpec(p[0], p[1], "PER", p[2]) for p in people] + [EntitySpec(place[0], place[1], "GPE",
                                                                               place[2])]
    return annotate(f"syn{i:07d}", text, entities=specs, quotes=quotes, events=events, lang=lang,
                    title=f"{place[1]} : {rnd.choice(_WORDS)} et {rnd.choice(_WORDS)} ({i})",
                    published=day.isoformat(), url=f"https://news.example.org/{day.isoformat()}/{i}")


def generate_pages(n: int, *, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` plain-text news pages (file name, text) for ingest runs through the full pipeline."""
    rnd = random.Random(seed)
    for i in range(n):
        a, b = rnd.sample(_PEOPLE, 2)
        place = rnd.choice(_PLACES)[1]
        topic = " et ".join(rnd.sample(_WORDS, 2))
        text = (f"{place} : accord sur {topic} ({i})\n\n"
                f"{place.upper()} - {a[1]} a rencontré {b[1]} mardi à {place} pour discuter de {topic}.\n\n"
                f"« Nous avons trouvé un terrain d'entente sur {topic} », a déclaré {a[1]} à la presse. "
                f"{b[1]} a estimé que les discussions devaient se poursuivre la semaine prochaine.\n\n"
                f"Selon les deux délégations, un nouveau cycle est prévu le {1 + i % 28} mars.\n")
        yield f"page-{i:05d}.txt", text
