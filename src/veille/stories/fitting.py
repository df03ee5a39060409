"""Small helpers the shipped story models share: read a model's JSON and check that it was fitted on the
features the code computes now, and fit a weighted logistic regression.

Each model (``direction``, ``translation_link``) ships its weights as a JSON file next to the code with the
list of feature names it was fitted on. A file from before a feature was added or renamed would silently
weigh the wrong numbers, so loading checks the list and says how to refit.

>>> x = np.array([[1.0], [2.0], [-1.0], [-2.0]])
>>> w = fit_logistic(x, np.array([1.0, 1.0, 0.0, 1.0]), l2=1.0)
>>> w.shape, bool(w[0] > 0)
((1,), True)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError


class ModelFileError(ConfigError, ValueError):
    """A shipped model file that cannot be used: unreadable, or fitted on other features. A
    :class:`ConfigError`, so the CLI says it in one line (exit 2) instead of a traceback."""


def load_model_json(path: Path, features: Sequence[str], refit: str) -> dict[str, Any]:
    """The JSON object of the model file at ``path``, after checking its ``features`` list equals
    ``features``; ``refit`` is the command to name in the error when it does not."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"{path}: cannot read the model ({exc}); refit with `{refit}`") from exc
    if not isinstance(data, dict) or "weights" not in data:
        raise ModelFileError(f"{path}: not a model file (no weights); refit with `{refit}`")
    if tuple(data.get("features", ())) != tuple(features):
        raise ModelFileError(f"{path}: features {data.get('features')} do not match the code's "
                             f"{list(features)}; refit with `{refit}`")
    if len(data["weights"]) != len(features):
        raise ModelFileError(f"{path}: {len(data['weights'])} weights for {len(features)} features; "
                             f"refit with `{refit}`")
    return data


def fit_logistic(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None, l2: float = 1.0,
                 intercept: bool = False, iterations: int = 50) -> np.ndarray:
    """Weights of ``P(y = 1) = σ(x · w [+ b])`` by Newton's method with an L2 penalty ``l2`` (the
    intercept, last in the result when asked for, is penalised too: few rows, small weights), each row
    counted ``sample_weight`` times (once when None)."""
    x = np.asarray(x, dtype=np.float64)
    if intercept:
        x = np.column_stack([x, np.ones(len(x))])
    y = np.asarray(y, dtype=np.float64)
    sw = np.ones(len(x)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (sw * (p - y)) + l2 * w
        hessian = (x.T * (sw * p * (1 - p))) @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w
