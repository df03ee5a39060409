"""spaCy imported the way ``veille.spacy_import`` does it: without its command line, the command line still
there for whoever asks for it, and the registries' entry points the same as Python's."""

from __future__ import annotations

import json
import subprocess
import sys

_CHILD = r"""
import json, sys
import veille  # installs the finder before anything imports spaCy
import spacy
from importlib.metadata import entry_points
out = {"cli_imported": "spacy.cli" in sys.modules, "loader": type(spacy.__loader__).__name__}
import catalogue
everything = entry_points()
groups = sorted({ep.group for eps in everything.values() for ep in eps})
indexed = catalogue.AVAILABLE_ENTRY_POINTS
out["same_entry_points"] = all(
    sorted((ep.name, ep.value) for ep in indexed.select(group=g))
    == sorted((ep.name, ep.value) for ep in everything.select(group=g)) for g in [*groups, "no-such-group"])
out["groups"] = len(groups)
out["info_version"] = spacy.info()["spacy_version"]
import spacy.cli
out["real_cli"] = callable(getattr(spacy.cli, "download", None))
print(json.dumps(out))
"""


def test_spacy_is_imported_without_its_command_line_which_stays_available():
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["cli_imported"] is False and out["loader"] == "_LoaderWithoutCli"
    assert out["same_entry_points"] and out["groups"] > 0
    assert out["info_version"] == __import__("spacy").__version__
    assert out["real_cli"]
