"""Regenerate the shipped knowledge base, src/veille/kb/data/*.jsonl.gz (format: docs/kb-format.md).

Sources, in order of precedence (later ones add names, curation has the last word):
- registry packages (``pip install -e . --group kb``): rigour (territories and their Wikidata QIDs),
  pycountry (ISO 3166), Babel (CLDR territory and city names in English and French), countrynames (aliases);
- the seeds in ../shared/corpus/kb: country-codes (public domain: QIDs, UN French names, capitals) and
  mledoze-countries (ODbL: demonyms, French names), Phoenix actor dictionaries (MIT: spelling variants
  of known people); facts are taken, no text is copied;
- the team's curation, scripts/kb_curation/*.yaml: organisations, office holders, media, armed forces and
  weapons, regions and seats of power, and country additions.

Run: ``.venv/bin/python scripts/build_kb.py [--corpus ../shared/corpus]``. The output is deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from kb_build.countries import build_countries  # noqa: E402
from kb_build.curation import load_curation  # noqa: E402
from kb_build.phoenix import add_person_variants, read_phoenix  # noqa: E402

from veille.kb import KBEntity, entity_from_dict, entity_to_dict, fold  # noqa: E402

DATA = ROOT / "src" / "veille" / "kb" / "data"
CURATION = ROOT / "scripts" / "kb_curation"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"),
                        help="folder holding kb/country-codes and kb/mledoze-countries")
    args = parser.parse_args()
    seeds = Path(args.corpus) / "kb"
    countries, codes = build_countries(seeds, CURATION / "countries.yaml")
    files = {"countries": countries}
    for path in sorted(CURATION.glob("*.yaml")):
        if path.stem != "countries":
            files[path.stem] = load_curation(path, codes)
    adjectives = {fold(a) for e in countries for names in e.adjectives.values() for a in names}
    phoenix = [entry for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
               for entry in read_phoenix(seeds / "phoenix-actors" / name)]
    files["people"] = add_person_variants(files["people"], phoenix, adjectives)
    _check(files)
    DATA.mkdir(parents=True, exist_ok=True)
    for old in DATA.glob("*.jsonl.gz"):
        old.unlink()
    for stem, entities in files.items():
        _write(DATA / f"{stem}.jsonl.gz", entities)
        print(f"{stem:12} {len(entities):5} entities", file=sys.stderr)
    return 0


def _check(files: dict[str, list[KBEntity]]) -> None:
    """Refuse duplicate ids across files and references (country, stands_for, roles) to unknown ids."""
    ids: dict[str, str] = {}
    for stem, entities in files.items():
        for entity in entities:
            if entity.id in ids:
                raise SystemExit(f"duplicate id {entity.id} ({entity.name}) in {stem} and {ids[entity.id]}")
            ids[entity.id] = stem
    for entities in files.values():
        for entity in entities:
            refs = [entity.country, entity.stands_for] + [role.of for role in entity.roles]
            missing = [ref for ref in refs if ref and ref not in ids]
            if missing:
                raise SystemExit(f"{entity.id} ({entity.name}) refers to unknown ids {missing}")
            if not fold(entity.name):
                raise SystemExit(f"{entity.id} has an empty name")


def _write(path: Path, entities: list[KBEntity]) -> None:
    lines = [json.dumps(entity_to_dict(e), ensure_ascii=False, separators=(",", ":")) for e in entities]
    for line in lines:  # the shipped form must read back as written
        entity_from_dict(json.loads(line))
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(payload)


if __name__ == "__main__":
    raise SystemExit(main())
