"""The language identifier's model, read in milliseconds and shared between processes.

py3langid ships its model as one LZMA-compressed ``.npz`` (4.5 MB): every process decompressed 68 MB of
it (0.7 s of CPU, the largest part of veille's first page after the spaCy model) and copied its 39 MB
state table into a Python array. Here the arrays are decompressed once per machine into plain ``.npy``
files under the cache folder (``langid/``, keyed by the model file's size and date) and each process maps
them read-only: the state table and the feature weights are then pages of one file that every worker
shares, not a copy per worker. The identifier built from them is py3langid's own
``LanguageIdentifier``, given the same arrays: it classifies exactly as ``from_model_file`` would.
"""

from __future__ import annotations

import io
import logging
import lzma
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from .disk_cache import cache_root, file_key, npy_bytes, write_folder_atomic

log = logging.getLogger("veille")

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier(model_file: Path | None = None) -> LanguageIdentifier:
    """py3langid's identifier over all its languages (probabilities normalised), from the cached arrays;
    from the shipped file itself when the cache cannot be written."""
    model_file = model_file or MODEL_DIR / MODEL_FILE
    folder = cache_root() / "langid" / f"{model_file.name}-{file_key(model_file)}"
    arrays = _mapped(folder)
    if arrays is None:
        arrays = _decompress(model_file)
        write_folder_atomic(folder, {f"{name}.npy": npy_bytes(arr) for name, arr in arrays.items()})
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
        _int_view(arrays["nextmove"]), arrays["out_feat"].tolist(), norm_probs=True,
        tk_row=arrays["nextmove_row"].tolist())


def _int_view(array: np.ndarray) -> memoryview:
    """The mapped state table indexed like py3langid's own ``array`` of ints, without a copy."""
    code = str(array.dtype.char)
    return memoryview(array).cast("B").cast(code)  # type: ignore[arg-type, call-overload, return-value]


def _mapped(folder: Path) -> dict[str, np.ndarray] | None:
    try:
        return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:  # a truncated or foreign file: read the shipped model
        log.debug("language model cache %s unreadable (%r); decompressing the shipped model", folder, err)
        return None


def _decompress(model_file: Path) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(lzma.decompress(model_file.read_bytes())), allow_pickle=False) as data:
        return {name: data[name] for name in _ARRAYS}
