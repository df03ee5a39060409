"""The web UI in French and English: a message catalogue per language and the rule that picks one.

Messages are written in English in the templates (``{{ t("Entities") }}``); ``MESSAGES`` in
``locales/<lang>.py`` maps each English message to its translation, English being its own catalogue.
``{name}`` fields are filled after translation, and a count picks the singular or the plural entry
(``t.n("{n} article", "{n} articles", n)``).
A message missing from a catalogue shows in English rather than failing the page; a test keeps the French
catalogue complete for every message the templates use.

The language is chosen per request, first match wins: ``?ui=fr`` (the header's switch, remembered in a
cookie), ``?lang=fr`` on pages where ``lang`` is not already a filter on the articles' language, the
``veille_ui`` cookie, then the browser's ``Accept-Language``; English otherwise.

>>> Translator("fr")("Entities")
'Entités'
>>> Translator("fr").n("{n} article", "{n} articles", 3)
'3 articles'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import import_module

LANGUAGES = ("en", "fr")
DEFAULT = "en"
COOKIE = "veille_ui"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """English message → translation, from ``locales/<lang>.py`` (empty for English)."""
    if lang == DEFAULT:
        return {}
    return import_module(f"{__package__}.locales.{lang}").MESSAGES


class Translator:
    """``t("msg", **fields)`` in one UI language; ``t.n(singular, plural, count)`` for counted phrases."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._messages = catalogue(self.lang)

    def __call__(self, message: str, **fields: object) -> str:
        text = self._messages.get(message, message)
        return text.format(**fields) if fields else text

    def n(self, singular: str, plural: str, count: int, **fields: object) -> str:
        # French counts 0 and 1 as singular ("0 article"), English only 1 ("0 articles").
        one = count in (0, 1) if self.lang == "fr" else count == 1
        return self(singular if one else plural, n=count, **fields)


def choose_language(params: Mapping[str, str], cookies: Mapping[str, str], accept_language: str, *,
                    lang_is_filter: bool = False) -> str:
    """The UI language for a request (see the module's docstring for the order)."""
    candidates = [params.get("ui", "")]
    if not lang_is_filter:
        candidates.append(params.get("lang", ""))
    candidates.append(cookies.get(COOKIE, ""))
    for value in candidates:
        code = value.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return _from_accept_language(accept_language)


def _from_accept_language(header: str) -> str:
    """The best-weighted supported language of an ``Accept-Language`` header ("fr-CH, fr;q=0.9, en;q=0.8")."""
    best, best_q = DEFAULT, -1.0
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower()[:2]
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        # equal weights keep the header's order: an earlier tag wins
        if code in LANGUAGES and q - position * 1e-6 > best_q:
            best, best_q = code, q - position * 1e-6
    return best


def ui_language(request, *, lang_is_filter: bool = False) -> str:
    """The UI language of a Starlette request."""
    return choose_language(request.query_params, request.cookies,
                           request.headers.get("accept-language", ""), lang_is_filter=lang_is_filter)


def remember_choice(request, response) -> None:
    """Keep the header switch's choice (``?ui=``) in a cookie for the pages that follow, and tell caches
    that the page depends on the language headers."""
    response.headers["Vary"] = "Accept-Language, Cookie"
    chosen = request.query_params.get("ui", "").strip().lower()[:2]
    if chosen in LANGUAGES and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", httponly=True)


#: Entity type code → its name, an English message (the search page's type filter and facet show the name).
ENTITY_TYPE_NAMES = {"PER": "person", "ORG": "organisation", "GPE": "country, city", "LOC": "place",
                     "NORP": "nationality, group", "MEDIA": "media", "WEAPON": "weapon", "EVENT": "event",
                     "MISC": "other"}

#: Article language code → its name, an English message (the search page's language facet).
LANGUAGE_NAMES = {"fr": "French", "en": "English"}

# Messages the templates translate from data rather than as literals (t(x)): axis steps, entity type names,
# quote kinds, event modes, signal kinds, common removal reasons. The French catalogue must hold them all.
DATA_MESSAGES = (
    "month", "year", "person", "organisation", "country, city", "place", "nationality, group", "media",
    "weapon", "event", "other", "direct", "indirect", "mixed", "future", "historical", "hypothetical",
    "negation", "foreign fragment", "duplicate title", "unrelated insert", "editorial ellipsis", "truncated",
    "machine translation", "French", "English",
)
