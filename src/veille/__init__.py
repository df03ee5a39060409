"""veille: raw news pages in French and English to structured, attributed, linked knowledge.

>>> import veille
>>> art = veille.analyze_text("PARIS (AFP) - Le gouvernement a annoncé mardi un plan.", name="demo")
>>> art.dateline
'PARIS'
"""

from __future__ import annotations

from . import spacy_import  # noqa: F401  (first: spaCy is then imported without its command line)
from .api_functions import analyze, analyze_bytes, analyze_paths, analyze_text
from .config import Config, load_config
from .errors import ConfigError, InputError, PipelineError, VeilleError
from .pipeline import Outcome, Pipeline, Stage, Work, build_pipeline
from .record import SCHEMA_VERSION, Article

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Config",
    "ConfigError",
    "InputError",
    "Outcome",
    "Pipeline",
    "PipelineError",
    "Stage",
    "VeilleError",
    "Work",
    "__version__",
    "analyze",
    "analyze_bytes",
    "analyze_paths",
    "analyze_text",
    "build_pipeline",
    "load_config",
]
