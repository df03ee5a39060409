"""Shared fixtures. Tests that need ../shared/corpus skip with a clear reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus, or a skip when it is not beside the project."""
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (not present on this machine)")
    return CORPUS


@pytest.fixture(scope="session")
def seed_record(corpus):
    """The seed page analysed once for the whole session (without a publication date)."""
    import veille

    return veille.analyze(corpus / "seed" / "article.txt")


@pytest.fixture(scope="session")
def seed_record_dated(corpus):
    import veille

    return veille.analyze(corpus / "seed" / "article.txt", published="2023-03-26")


@pytest.fixture(scope="session")
def analyze():
    """veille.analyze_text with the default pipeline (models loaded once per session)."""
    import veille

    return veille.analyze_text
