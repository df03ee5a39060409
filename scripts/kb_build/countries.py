"""Countries, territories and their capitals, from rigour, pycountry, Babel/CLDR, countrynames and the
corpus seeds (country-codes, mledoze-countries), completed by scripts/kb_curation/countries.yaml."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pycountry
import rigour.territories as territories
from babel import Locale
from countrynames.data import DATA as COUNTRYNAMES
from rapidfuzz import fuzz

from veille.kb import KBEntity, entity_from_dict, fold

from .curation import curated_dict, read_yaml, slug

#: Former states still named in the news, by rigour code (Soviet Union, Yugoslavia, Czechoslovakia, GDR).
HISTORICAL = ("suhh", "yucs", "cshh", "dd")
_ARTICLE = re.compile(r"^(la |le |les |l'|l’|the )", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^)]*\)")
_PAREN_ARTICLE = re.compile(r"\s*\((the|le|la|les|l'|l’)\)\s*$", re.IGNORECASE)


def build_countries(kb_dir: Path, curation: Path) -> tuple[list[KBEntity], dict[str, str]]:
    """(country and capital entities, map of lower-case ISO/rigour codes -> country id)."""
    codes_csv = _country_codes(kb_dir / "country-codes" / "country-codes.csv")
    mledoze = _mledoze(kb_dir / "mledoze-countries" / "countries.json")
    extra = read_yaml(curation) or {}
    cities = _cldr_cities()
    rows, codes = [], {}
    for code in _all_codes():
        row = _country_row(code, codes_csv.get(code.upper(), {}), mledoze.get(code.upper(), {}))
        curated = {**extra.get("countries", {}), **extra.get("historical", {})}
        _apply(row, curated.get(code, {}))
        rows.append((code, row))
        codes[code] = row["id"]
        for alias in _rigour_codes(code):
            codes.setdefault(alias, row["id"])
    _add_countrynames(rows)
    independent = {code.lower() for code, row in codes_csv.items() if row["is_independent"] == "Yes"}
    _keep_shared_adjectives_on_states(rows, independent)
    entities = [entity_from_dict(curated_dict(row, codes)) for _, row in rows]
    capitals = extra.get("capitals", {})
    for code, row in rows:
        capital = _capital(code, row, codes_csv.get(code.upper(), {}), mledoze.get(code.upper(), {}),
                           capitals.get(code, {}), cities)
        if capital:
            entities.append(entity_from_dict(curated_dict(capital, codes)))
    return entities, codes


def _all_codes() -> list[str]:
    """ISO 3166-1 alpha-2 codes (lower case), Kosovo, and the historical states of HISTORICAL."""
    codes = sorted(c.alpha_2.lower() for c in pycountry.countries)
    return codes + ["xk"] + list(HISTORICAL)


def _rigour_codes(code: str) -> list[str]:
    territory = territories.get_territory(code)
    return [c.lower() for c in territory.codes] if territory else []


def _country_row(code: str, csv_row: dict[str, str], md: dict[str, Any]) -> dict[str, Any]:
    territory = territories.get_territory(code)
    qid = _qid(territory, csv_row.get("wikidata_id", "").rsplit("/", 1)[-1] or None)
    en, fr = _english_names(code, territory, csv_row, md), _french_names(code, csv_row, md)
    name = territory.name if territory else en[0]
    adj_en, adj_fr = _demonyms(md)
    return {"id": qid or f"veille:country-{code}", "name": name, "type": "GPE", "en": en, "fr": fr,
            "adj_en": adj_en, "adj_fr": adj_fr}


def _qid(territory: Any, from_csv: str | None) -> str | None:
    """rigour's QID, unless country-codes names another QID that rigour also lists for the territory:
    Denmark is Q35 (the country), not Q756617 (the Danish Realm)."""
    if territory is None:
        return from_csv
    return from_csv if from_csv and from_csv in territory.qids else territory.qid


def _english_names(code: str, territory: Any, csv_row: dict[str, str], md: dict[str, Any]) -> list[str]:
    names = [Locale("en").territories.get(code.upper())]
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country:
        names += [getattr(country, "common_name", None), country.name,
                  getattr(country, "official_name", None)]
    if territory:
        names += [territory.name, territory.full_name]
    names += [csv_row.get("official_name_en"), csv_row.get("UNTERM English Short"),
              md.get("name", {}).get("common"), md.get("name", {}).get("official")]
    return _clean(names)


def _french_names(code: str, csv_row: dict[str, str], md: dict[str, Any]) -> list[str]:
    translation = md.get("translations", {}).get("fra", {})
    names = [Locale("fr").territories.get(code.upper()), csv_row.get("official_name_fr"),
             csv_row.get("UNTERM French Short"), csv_row.get("UNTERM French Formal"),
             translation.get("common"), translation.get("official")]
    return _clean(names)


def _clean(names: list[str | None]) -> list[str]:
    """Drop empties, UN-style articles ("Bélarus (le)", "la République du Bélarus"), parentheses and names
    with commas ("Korea, Republic of"), which no article writes; keep the first spelling of each key."""
    seen: dict[str, str] = {}
    for name in names:
        if not name or not name.strip():
            continue
        name = _ARTICLE.sub("", _PAREN_ARTICLE.sub("", name.strip()))
        name = _PAREN.sub("", name).strip()  # "Îles Cocos (Keeling)" -> "Îles Cocos"
        if "," in name or not name:
            continue
        seen.setdefault(fold(name), name[0].upper() + name[1:])
    return list(seen.values())


def _demonyms(md: dict[str, Any]) -> tuple[list[str], list[str]]:
    """English and French demonyms with their plurals; French ones also as lower-case adjectives."""
    dem = md.get("demonyms", {})
    en = [v for v in dem.get("eng", {}).values() if v]
    en = list(dict.fromkeys(en + [_plural_en(v) for v in en]))
    fr = [v.lower() for v in dem.get("fra", {}).values() if v]
    fr = list(dict.fromkeys(fr + [_plural_fr(v) for v in fr]))
    return en, fr


def _plural_en(word: str) -> str:
    return word if word.endswith(("ese", "ss", "ch", "sh", "s", "i")) else word + "s"


def _plural_fr(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) else word + "s"


def _apply(row: dict[str, Any], extra: dict[str, Any]) -> None:
    """Curated additions for one country: extra names and adjectives are appended, other keys replace."""
    for key, value in extra.items():
        if key in ("capital",):
            continue
        values = value if isinstance(value, list) else [value]
        if key in ("en", "fr", "*", "adj_en", "adj_fr") or re.fullmatch(r"[a-z]{2}", key):
            row[key] = list(dict.fromkeys(row.get(key, []) + [str(v) for v in values]))
        else:
            row[key] = value


def _keep_shared_adjectives_on_states(rows: list[tuple[str, dict[str, Any]]], independent: set[str]) -> None:
    """A dependency borrows its sovereign's demonym ("American" for the Northern Mariana Islands, "French"
    for the French Southern Territories): where an independent state has the same adjective, the
    dependency loses it, so that "le président américain" means the United States only."""
    owners: dict[str, set[str]] = {}
    for code, row in rows:
        for key in ("adj_en", "adj_fr"):
            for adjective in row.get(key, []):
                owners.setdefault(fold(adjective), set()).add(code)
    for code, row in rows:
        if code in independent:
            continue
        for key in ("adj_en", "adj_fr"):
            row[key] = [a for a in row.get(key, []) if not owners[fold(a)] & independent]


def _add_countrynames(rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Spelling variants from countrynames ("Byelorussia", "Bielorussia"): names in a Latin script that
    are close to a name we already have. countrynames also lists cities, regions and demonyms under a
    country ("Moscow", "Chechnya", "Englishman"), which the closeness test keeps out."""
    adjectives = {fold(a) for _, row in rows for k in ("adj_en", "adj_fr") for a in row.get(k, [])}
    owners: dict[str, set[str]] = {}
    for code, _ in rows:
        for name in COUNTRYNAMES.get(code.upper(), []):
            owners.setdefault(fold(name), set()).add(code)
    for code, row in rows:
        known = {fold(n) for k in ("en", "fr", "*") for n in row.get(k, [])}
        extra = [n for n in COUNTRYNAMES.get(code.upper(), []) if _plausible(n) and fold(n) not in known
                 and fold(n) not in adjectives and owners[fold(n)] == {code} and _close(fold(n), known)]
        if extra:
            row["*"] = list(dict.fromkeys(row.get("*", []) + extra))


def _plausible(name: str) -> bool:
    return (re.fullmatch(r"[A-Z][A-Za-zÀ-ÿ' -]{4,}", name) is not None and not name.isupper()
            and "  " not in name and len(name.split()) <= 3)


def _close(key: str, known: set[str]) -> bool:
    return any(fuzz.ratio(key, other) >= 80 for other in known)


def _capital(code: str, row: dict[str, Any], csv_row: dict[str, str], md: dict[str, Any],
             extra: dict[str, Any], cities: dict[str, str]) -> dict[str, Any] | None:
    """The capital as its own GPE entity, standing for the country when named as an actor."""
    english = (extra.get("name") or csv_row.get("Capital") or (md.get("capital") or [""])[0]).strip()
    if not english or code in HISTORICAL:
        return None
    if fold(english) in {fold(n) for key in ("en", "fr", "*") for n in row.get(key, [])}:
        return None  # city-states (Singapore, Monaco): the capital is the country
    french = [cities[english]] if english in cities else []
    capital = {"id": extra.get("id") or f"veille:city-{slug(english)}-{code}", "name": english, "type": "GPE",
               "en": [english], "fr": french + extra.get("fr", []), "*": extra.get("*", []),
               "country": row["id"], "stands_for": row["id"]}
    capital["fr"] = list(dict.fromkeys(capital["fr"])) or [english]
    return capital


def _cldr_cities() -> dict[str, str]:
    """English -> French city names from CLDR time-zone exemplar cities ("Moscow" -> "Moscou")."""
    en, fr = Locale("en").time_zones, Locale("fr").time_zones
    names = {}
    for zone in fr:
        french = fr[zone].get("city")
        english = (en[zone].get("city") if zone in en else None) or zone.rsplit("/", 1)[-1].replace("_", " ")
        if french and english:
            names[english] = french
    return names


def _country_codes(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["ISO3166-1-Alpha-2"]: row for row in csv.DictReader(handle) if row["ISO3166-1-Alpha-2"]}


def _mledoze(path: Path) -> dict[str, dict[str, Any]]:
    return {entry["cca2"]: entry for entry in json.loads(path.read_text(encoding="utf-8"))}
