"""Shared fixtures: expensive objects (compiled lexicons, the gazetteer) are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.compiled import Lexicons, lexicons

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the project
SEED_ARTICLE = SHARED / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"


@pytest.fixture(scope="session")
def lex() -> Lexicons:
    """The packaged lexicons, compiled once (``lexicons()`` is itself cached per process)."""
    return lexicons()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The packaged gazetteer plus overrides, loaded once."""
    return Gazetteer.default()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's raw text; tests that need it are skipped when the shared corpus is absent."""
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"seed article not found: {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text(encoding="utf-8")
