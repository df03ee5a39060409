"""The standard stage list. A stage module that is not there yet is simply not in the list."""

from __future__ import annotations

from ..config import Config
from ..stage import Stage


def build_default(config: Config) -> list[Stage]:
    from . import langid
    from .extract import Extract
    from .language import Language
    from .nlp import Nlp
    from .signals import Signals

    langid.set_languages(config.languages)
    stages: list[Stage] = [Extract(), Language(), Nlp()]
    stages += _later_stages(config)
    stages.append(Signals())
    return stages


def _later_stages(config: Config) -> list[Stage]:
    """Language stages after the parse, in DESIGN.md order: entities, quotes, sources, time, events."""
    from .entities import Entities
    from .events import Events
    from .published import Published
    from .quotes import Quotes
    from .sources import Sources
    from .time import Time

    # the publication date first: descriptions ("le président russe") name the office holder on that date
    return [Published(), Entities(), Quotes(), Sources(), Time(), Events()]
