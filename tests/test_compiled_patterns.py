"""The disk cache of compiled patterns: what it rebuilds matches like ``re.compile``'s own pattern, and a
damaged cache file only costs a fresh compile."""

from __future__ import annotations

import re

from veille.compiled_patterns import MIN_CHARS, patterns_cached

# An invented long pattern in the shape of spaCy's token_match: many anchored alternatives with letter
# classes under (?i), plus a named group so the group tables are checked too.
_WORDS = [f"mot{i}" for i in range(MIN_CHARS // 20)]
_PATTERN = "(?iu)(?P<head>" + "|".join(f"^{w}[-‐][a-zàâçéèêëîïôûùüÿ]+$" for w in _WORDS) + ")"
_PROBES = ["mot7-ci", "MOT12-là", "mot3", "mot99-", "x-mot1-ab", "mot1200-été"]


def _matches(pattern) -> list:
    return [(m.group(0), m.group("head")) if (m := pattern.match(p)) else None for p in _PROBES]


def test_a_cached_pattern_matches_as_re_compile_does(tmp_path):
    plain = re.compile(_PATTERN)
    re.purge()
    with patterns_cached(tmp_path):
        first = re.compile(_PATTERN)
    assert len(list(tmp_path.iterdir())) == 1
    re.purge()
    with patterns_cached(tmp_path):
        again = re.compile(_PATTERN)  # read back from the file
    assert _matches(plain) == _matches(first) == _matches(again)
    assert again.groupindex == plain.groupindex and again.flags == plain.flags
    assert _matches(plain)[:2] == [("mot7-ci", "mot7-ci"), ("MOT12-là", "MOT12-là")]


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    re.purge()  # re's own in-memory cache would answer before the disk cache is asked
    with patterns_cached(tmp_path):
        re.compile(_PATTERN)
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(b"\x00not code")
    re.purge()
    with patterns_cached(tmp_path):
        rebuilt = re.compile(_PATTERN)
    assert _matches(rebuilt) == _matches(re.compile(_PATTERN))
    assert cached.read_bytes() != b"\x00not code"


def test_short_patterns_and_the_world_outside_the_block_are_left_alone(tmp_path):
    re.purge()
    with patterns_cached(tmp_path):
        re.compile("(?i)a[bc]+d")
    re.purge()
    re.compile(_PATTERN)  # outside the block: the ordinary compile
    assert not list(tmp_path.iterdir())


_REGEX_CHILD = r"""
import json, sys
from pathlib import Path
import regex
if sys.argv[2] == "cached":
    from veille.compiled_patterns import cache_regex_patterns
    cache_regex_patterns(Path(sys.argv[1]), min_chars=10)
months = "|".join(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"])
patterns = [
    (rf"(?P<day>\d{{1,2}})\s+(?P<month>{months})\s+(?P<year>\d{{4}})", regex.I),
    (r"(?:\b(?:lundi|mardi|mercredi)\b\s*)?(?<!\d)(\d{1,2})[h:](\d\d)", 0),
    (r"(?V1)[[:alpha:]--[aeiou]]{3,}\b", 0),
    (r"(?:chalutier){e<=1}s?\s+\p{Lu}\w+", 0),
]
text = "Le Mardi 14h30, 3 Mars 2024 puis 12 août 1999 : chalutiers Bretons, chalutirs Normands."
out = []
for pattern, flags in patterns:
    compiled = regex.compile(pattern, flags)
    again = regex.compile(pattern, flags, cache_pattern=False)
    out.append([[m.span(), m.groups(), m.groupdict()] for m in compiled.finditer(text)])
    out.append([compiled.flags, compiled.groups, dict(compiled.groupindex), compiled is not again,
                regex.sub(pattern, "#", text, flags=flags)])
print(json.dumps(out))
"""


def test_regex_patterns_kept_on_disk_match_as_compiled_ones(tmp_path):
    import json
    import subprocess
    import sys

    def child(mode: str) -> list:
        done = subprocess.run([sys.executable, "-c", _REGEX_CHILD, str(tmp_path), mode],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    plain = child("plain")
    assert not list(tmp_path.iterdir())
    assert child("cached") == plain  # compiled and written
    assert len(list(tmp_path.glob("regex-*.marshal"))) == 4
    assert child("cached") == plain  # read back
    for kept in tmp_path.glob("regex-*.marshal"):
        kept.write_bytes(b"\x00damaged")
    assert child("cached") == plain  # compiled again
    assert any(m for m in plain[0])  # the patterns did match
