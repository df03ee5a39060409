"""Query parameters that are a choice: the OpenAPI document lists the allowed values, and a value outside
them is a 400 whose message lists them (an unknown event type used to answer an empty 200).

Choices fixed by the code (PLOVER event types, entity types) are ``Literal`` types; the languages are the
server's configured set (``languages``), checked per request and written into the document by
:func:`document_choices`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from fastapi import Query, Request
from pydantic import BeforeValidator

from ..record import EntityType
from ..stages.events.lexicon import PLOVER_TYPES
from .errors import ApiError


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


# Literal[...] over a tuple names each of its values (PEP 586); mypy cannot see through the variable.
PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]

EventTypeParam = Annotated[PloverType | None, BeforeValidator(_upper), Query(
    description="A PLOVER event type (case ignored).")]
EntityTypeParam = Annotated[EntityType | None, BeforeValidator(_upper), Query(
    description="An entity type (case ignored).")]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)


async def checked_lang(request: Request, lang: Annotated[str | None, Query(
        max_length=3, description="A language code among the server's languages (case ignored).")] = None,
                 ) -> str | None:
    """The ``lang`` parameter, one of the configured languages (a 400 listing them otherwise)."""
    if lang is None:
        return None
    known = request.app.state.config.languages
    if lang.lower() not in known:
        raise ApiError(400, f"lang: {lang!r} is not one of the server's languages ({', '.join(known)})",
                       "invalid_request")
    return lang.lower()


def document_choices(schema: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """Write the configured ``languages`` into every ``lang`` query parameter of the document."""
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            for param in op.get("parameters", []):
                if param.get("name") == "lang" and param.get("in") == "query":
                    choices = {"type": "string", "enum": list(languages)}
                    param["schema"] = {"anyOf": [choices, {"type": "null"}], "title": "Lang"}
    return schema
