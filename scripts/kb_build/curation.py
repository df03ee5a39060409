"""Reading the team's curation tables (scripts/kb_curation/*.yaml): one entity per flow mapping, with
short keys so that a table stays one line per entity::

    defaults: {type: MEDIA}
    entities:
    - {name: Financial Times, "*": [Financial Times, FT], country: gb}
    - {id: Q7747, name: Vladimir Putin, type: PER, country: ru, "*": [Putin], fr: [Poutine],
       roles: [[hos, ru, 2012-05-07]]}

Keys: ``id`` (a certain Wikidata QID, else left out: ``veille:<slug of name>``), ``name``, ``type``,
language codes and ``"*"`` for names, ``adj_<lang>`` for adjectives, ``country``, ``stands_for``, ``roles``
([role, of, start, end]; role short forms below), ``note`` (kept out of the data). ``country``,
``stands_for`` and a role's ``of`` take an ISO 3166 alpha-2 code ("ru") or an entity id.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from veille.kb import KBEntity, entity_from_dict

ROLE_SHORT = {"hos": "head_of_state", "hog": "head_of_government", "fm": "foreign_minister",
              "dm": "defence_minister", "sg": "secretary_general", "pres": "president"}
_LANG_KEY = re.compile(r"^(\*|[a-z]{2,3})$")


class _Loader(yaml.SafeLoader):
    """YAML without the implicit booleans and dates: "no" is Norway and 2022-02-24 stays a string."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool",
                                                           "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - the loader is a SafeLoader subclass


def slug(text: str) -> str:
    """'People's Daily' -> 'peoples-daily': the stable part of a local id."""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def load_curation(path: Path, codes: dict[str, str]) -> list[KBEntity]:
    """The entities of one curation file, with ISO codes resolved to country ids through ``codes``."""
    data = read_yaml(path) or {}
    defaults = data.get("defaults", {})
    entities = []
    for row in data.get("entities", []):
        try:
            entities.append(entity_from_dict(curated_dict({**defaults, **row}, codes)))
        except (TypeError, ValueError, KeyError) as exc:
            raise SystemExit(f"{path}: {row.get('name')!r}: {exc}") from exc
    return entities


def curated_dict(row: dict[str, Any], codes: dict[str, str]) -> dict[str, Any]:
    """Turn one curation row into the data-file form (docs/kb-format.md)."""
    row = dict(row)
    row.pop("note", None)
    prefix = row.pop("id_prefix", "")
    out: dict[str, Any] = {"id": str(row.pop("id", "") or f"veille:{prefix}{slug(str(row['name']))}"),
                           "name": str(row.pop("name")), "type": row.pop("type"), "names": {},
                           "adjectives": {}}
    for key in ("country", "stands_for"):
        if row.get(key):
            out[key] = resolve(str(row.pop(key)), codes)
        row.pop(key, None)
    out["roles"] = [_role(r, codes) for r in row.pop("roles", []) or []]
    if out["id"].startswith("Q"):
        out["wikidata"] = out["id"]
    for key, value in row.items():
        values = [str(v) for v in (value if isinstance(value, list) else [value])]
        if key.startswith("adj_"):
            out["adjectives"][key[4:]] = values
        elif _LANG_KEY.match(key):
            out["names"][key] = values
        else:
            raise ValueError(f"unknown curation key {key!r}")
    return out


def _role(value: list, codes: dict[str, str]) -> list:
    role, of, *dates = [None if v is None else str(v) for v in value]
    return [ROLE_SHORT.get(role, role), resolve(of, codes), *dates]


def resolve(ref: str, codes: dict[str, str]) -> str:
    """An ISO code ("ru", "suhh") to the country's id; anything else is already an id."""
    if ref.startswith(("Q", "veille:")):
        return ref
    if ref.lower() in codes:
        return codes[ref.lower()]
    raise ValueError(f"unknown country code or id {ref!r}")
