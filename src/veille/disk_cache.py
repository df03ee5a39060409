"""Where veille keeps data it can always compute again, and how a file gets there safely.

Start-up reads a few things that are slow to build from their shipped form but quick to read back once
built: the French tokenizer's compiled pattern (``veille.compiled_patterns``), the French lemmatizer's
lookup table (``veille.spacy_loading``), the language identifier's tables (``veille.stages.langid``),
the words a translation leaves behind (``veille.stories.translationese``).
Each is built once per machine under :func:`cache_root` and read from there by every later process and
worker. A cache file is only ever an accelerator: any failure to read or write it falls back to the
ordinary slow path, so a read-only home or a corrupt file costs time, never a wrong answer.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("veille")

T = TypeVar("T")


def cache_root() -> Path:
    """``$VEILLE_CACHE_DIR``, else ``$XDG_CACHE_HOME/veille``, else ``~/.cache/veille``."""
    if os.environ.get("VEILLE_CACHE_DIR"):
        return Path(os.environ["VEILLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "veille"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed), so that two processes
    never read half a file. False when it could not be written (logged at debug level)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except OSError as err:  # a read-only home: the next start builds it again, nothing worse
        log.debug("cannot keep %s in the cache (%s)", path, err)
        return False


def write_folder_atomic(folder: Path, files: dict[str, bytes]) -> bool:
    """Write ``files`` (name → bytes) into ``folder``, which appears whole or not at all (a folder renamed
    into place; when another process got there first, its folder is kept: it holds the same)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, suffix=".tmp"))
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            os.rename(tmp, folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return True
    except OSError as err:
        if folder.is_dir():
            return True
        log.debug("cannot keep %s in the cache (%s)", folder, err)
        return False


def npy_bytes(array) -> bytes:
    """``array`` in NumPy's ``.npy`` format, which ``numpy.load(..., mmap_mode="r")`` maps back."""
    import numpy as np

    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def file_key(path: Path) -> str:
    """A short key that changes when the file at ``path`` changes (its size and modification time): a
    cache entry built from a package's data file is rebuilt after the package is upgraded."""
    st = path.stat()
    return f"{st.st_size:x}-{st.st_mtime_ns:x}"


def pickled(path: Path, build: Callable[[], T], kind: type[T]) -> T:
    """The object kept at ``path`` (a pickle under :func:`cache_root`, written by this function), or
    ``build()`` kept there when the file is absent, unreadable or not a ``kind``. The key in the file's
    name must change with whatever the object is built from (data and code): an entry is never checked
    against its source, only found or not."""
    import pickle

    try:
        kept = pickle.loads(path.read_bytes())
        if isinstance(kept, kind):
            return kept
    except FileNotFoundError:
        pass
    except Exception as err:  # a truncated or foreign file: build it again
        log.debug("cache file %s unreadable (%r); building it again", path, err)
    made = build()
    write_atomic(path, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    return made
