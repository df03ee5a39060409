"""A disk cache of compiled regular expressions, for the few huge patterns spaCy compiles at every start.

Loading ``fr_core_news_md`` compiles the French tokenizer's ``token_match``: 1.4 million characters of
alternatives, each with Unicode letter classes under ``(?i)``, which Python's ``re`` takes 3.4 s to
compile (more than half of veille's start-up for one small French page). ``re`` keeps compiled patterns
only in memory, so every process paid it again — and every worker process too.

Inside :func:`patterns_cached`, a pattern longer than :data:`MIN_CHARS` is compiled once into the
engine's own code (what ``re`` hands to ``_sre.compile``), kept under the user's cache folder keyed by
the pattern, its flags and the Python version, and rebuilt from there in milliseconds the next time: the
same pattern object ``re.compile`` would make. Any failure to read or write the cache falls back to the
ordinary compile.
"""

from __future__ import annotations

import _sre
import hashlib
import logging
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

from .disk_cache import cache_root, write_atomic

log = logging.getLogger("veille")

#: Patterns shorter than this compile fast enough that reading a file would not pay.
MIN_CHARS = 20_000

#: For the many mid-sized patterns a process compiles on its first page (the time grammar's, dateparser's
#: time zones): each costs a few milliseconds to compile and a tenth of one to read back.
STARTUP_MIN_CHARS = 500

_VERSION = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def cache_folder() -> Path:
    """``patterns`` under the cache root (``$VEILLE_CACHE_DIR``, else ``~/.cache/veille``)."""
    return cache_root() / "patterns"


@contextmanager
def patterns_cached(folder: Path | None = None, min_chars: int = MIN_CHARS) -> Iterator[None]:
    """Within the block, patterns of ``min_chars`` characters or more compile through the disk cache in
    ``folder``. Blocks may nest: the innermost one decides."""
    folder = folder or cache_folder()
    original = _compiler.compile

    def compile_cached(pattern, flags=0):
        if not isinstance(pattern, str) or len(pattern) < min_chars or flags & _compiler.SRE_FLAG_DEBUG:
            return original(pattern, flags)
        return _cached(folder, pattern, flags)

    _compiler.compile = compile_cached
    try:
        yield
    finally:
        _compiler.compile = original


def _cached(folder: Path, pattern: str, flags: int):
    key = hashlib.sha1(f"{_VERSION}|{flags}|".encode() + pattern.encode("utf-8", "surrogatepass")).hexdigest()
    path = folder / f"{key}.marshal"
    try:
        return _sre.compile(pattern, *marshal.loads(path.read_bytes()))
    except FileNotFoundError:
        pass
    except Exception as err:  # a truncated or foreign file (``_sre`` validates the code): compile afresh
        log.debug("compiled-pattern cache %s unreadable (%r); compiling", path, err)
    parts = _engine_code(pattern, flags)
    _write(path, parts)
    return _sre.compile(pattern, *parts)


def _engine_code(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern: flags, code, groups,
    the group index and its inverse."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    final_flags = int(flags | parsed.state.flags)  # a plain int: marshal does not take RegexFlag
    return final_flags, [int(c) for c in code], parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)


def _write(path: Path, parts: tuple) -> None:
    try:
        data = marshal.dumps(parts)
    except ValueError as err:
        log.debug("cannot keep compiled pattern %s (%s)", path, err)
        return
    write_atomic(path, data)
