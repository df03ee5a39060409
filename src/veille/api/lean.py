"""The hot GET routes served without FastAPI's per-request work, with the same parameters, errors and answers.

FastAPI solves a route's parameters anew at each request: for every query parameter it asks again what its
type is (a sequence? a model? which aliases?) before validating it, and for every dependency it does the
same and walks an exit stack. For a search with a dozen parameters that was a quarter of the request's CPU
in a cProfile of the app (3.0 of 12.6 s over 600 searches), paid by every request of every reader.

``install`` puts, in front of each hot route, a plain Starlette route for the same path and method whose
handler was planned once, when the app was built, from the FastAPI route's own description (its
``dependant``): the same fields validated by FastAPI's own validators (``ModelField.validate``, so the values
and the error messages are the ones FastAPI gives), the dependencies called in the same order with the same
rule (a dependency whose parameters are invalid is not called, its errors are reported with the rest),
then the route's own function called with those values. The FastAPI routes stay declared, so the OpenAPI
document is unchanged; FastAPI builds it from its own routes only.

A route whose description uses what the plan does not cover (headers, cookies, a body, a sequence or a
model as a parameter, nested or generator dependencies) is refused when the app is built, so a later change
to a route cannot be served half-checked; while a dependency override (the tests' hook) is set, the lean
routes step aside and FastAPI serves every request.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, get_args

from fastapi import FastAPI
from fastapi._compat import field_annotation_is_sequence, get_missing_field_error
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

#: The routes every screen of the web UI and every API client asks for most.
HOT_PATHS = ("/api/articles", "/api/articles/{article_id:path}", "/api/search",
             "/api/entities", "/api/entities/{entity_id:path}", "/api/quotes", "/api/events")


class NotLeanError(TypeError):
    """A route declares something the lean path does not handle."""


@dataclass(frozen=True)
class _Field:
    """One path or query parameter: the name the function takes, the key the request uses, the validator."""

    name: str
    key: str
    where: str  # "path" or "query"
    field: Any  # FastAPI's ModelField

    def read(self, values: dict[str, Any], errors: list[Any], path: dict[str, Any], query: Any) -> None:
        """Validate this parameter from the request into ``values``, or add its errors (FastAPI's rules:
        an absent value takes the default, a required one is an error)."""
        raw = (path if self.where == "path" else query).get(self.key)
        loc = (self.where, self.key)
        if raw is None:
            info = self.field.field_info
            if info.is_required():
                errors.append(get_missing_field_error(loc))
                return
            default = copy.deepcopy(self.field.default)
            if not info.validate_default:
                values[self.name] = default
                return
            raw = default
        value, problems = self.field.validate(raw, values, loc=loc)
        if problems:
            errors.extend(problems)
        else:
            values[self.name] = value


@dataclass(frozen=True)
class _Call:
    """A function (a dependency or the route's own) and what it takes: parameters, the request, results of
    dependencies (by the name it takes them under)."""

    call: Callable[..., Awaitable[Any]]
    fields: tuple[_Field, ...]
    request_name: str | None
    dependencies: tuple[tuple[str, _Call], ...]

    async def solve(self, request: Request, errors: list[Any]) -> dict[str, Any] | None:
        """The keyword arguments of ``call``, or None when some are invalid (then in ``errors``)."""
        values: dict[str, Any] = {}
        failed = False
        for name, dep in self.dependencies:
            args = await dep.solve(request, errors)
            if args is None:
                failed = True
                continue
            values[name] = await dep.call(**args)
        mine: list[Any] = []
        path, query = request.path_params, request.query_params
        for f in self.fields:
            f.read(values, mine, path, query)
        if mine:
            errors.extend(mine)
            return None
        if failed:
            return None
        if self.request_name:
            values[self.request_name] = request
        return values


def _plan(dependant: Dependant) -> _Call:
    """What ``dependant`` takes, checked to be only what ``_Call`` handles."""
    where = dependant.call.__qualname__ if dependant.call else "?"
    unhandled = [kind for kind, present in (
        ("header parameters", dependant.header_params), ("cookies", dependant.cookie_params),
        ("a body", dependant.body_params), ("a response parameter", dependant.response_param_name),
        ("background tasks", dependant.background_tasks_param_name),
        ("security scopes", dependant.security_scopes_param_name),
        ("a websocket", dependant.websocket_param_name),
        ("a connection parameter", dependant.http_connection_param_name)) if present]
    if not inspect.iscoroutinefunction(dependant.call):
        unhandled.append("a function that is not async")
    fields = []
    for where_, params in (("path", dependant.path_params), ("query", dependant.query_params)):
        for f in params:
            annotation = f.field_info.annotation
            if _is_sequence_or_model(annotation):
                unhandled.append(f"parameter {f.name} (a list or a model)")
            fields.append(_Field(f.name, getattr(f, "validation_alias", None) or f.alias, where_, f))
    deps = []
    for sub in dependant.dependencies:
        if sub.name is None:
            unhandled.append("a dependency without a name")
            continue
        deps.append((sub.name, _plan(sub)))
    if unhandled:
        raise NotLeanError(f"{where}: the lean path does not handle {', '.join(unhandled)}")
    return _Call(dependant.call, tuple(fields), dependant.request_param_name, tuple(deps))  # type: ignore[arg-type]


def _is_sequence_or_model(annotation: Any) -> bool:
    parts = [annotation, *get_args(annotation)]
    return field_annotation_is_sequence(annotation) or any(
        isinstance(p, type) and issubclass(p, BaseModel) for p in parts)


class LeanEndpoint:
    """The ASGI app of one lean route: the plan, then the route function's own answer."""

    def __init__(self, route: APIRoute):
        self.plan = _plan(route.dependant)
        answer = inspect.signature(route.endpoint, eval_str=True).return_annotation
        if not (isinstance(answer, type) and issubclass(answer, Response)):
            raise NotLeanError(f"{route.path}: its function must answer a Response (FastAPI would encode "
                               f"{answer!r} with its response model)")

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        errors: list[Any] = []
        args = await self.plan.solve(request, errors)
        if args is None:
            raise RequestValidationError(errors)
        response: Response = await self.plan.call(**args)
        await response(scope, receive, send)


class LeanRoute(Route):
    """A plain route in front of a FastAPI one, for GET only (HEAD gets FastAPI's 405, as before). It
    steps aside while the app has dependency overrides (the tests' hook), which only FastAPI applies."""

    def __init__(self, app: FastAPI, route: APIRoute):
        super().__init__(route.path, endpoint=LeanEndpoint(route), methods=["GET"], include_in_schema=False)
        self.methods = {"GET"}
        self._fastapi = app

    def matches(self, scope):
        if self._fastapi.dependency_overrides:
            return Match.NONE, {}
        return super().matches(scope)


def install(app: FastAPI, routes: Iterable[Any], paths: tuple[str, ...] = HOT_PATHS) -> list[str]:
    """Serve the GET routes among ``routes`` whose path is in ``paths`` lean, in front of the FastAPI ones
    (in the order given, so that paths match as before); returns the paths served lean."""
    lean = [LeanRoute(app, route) for route in routes
            if isinstance(route, APIRoute) and route.path in paths and route.methods == {"GET"}]
    app.router.routes[0:0] = lean
    return [r.path for r in lean]
