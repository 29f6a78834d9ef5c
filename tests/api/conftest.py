"""API fixtures (see api_helpers): a filled store per test or per module, the pipeline built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_helpers import Api, make_api

from rasd.pipeline import Pipeline, default_pipeline


@pytest.fixture(scope="session")
def api_pipeline() -> Pipeline:
    """The default pipeline, built once."""
    return default_pipeline()


@pytest.fixture
def api(tmp_path: Path, api_pipeline: Pipeline) -> Iterator[Api]:
    """A fresh filled store per test (the seed article takes well under a second)."""
    yield from make_api(tmp_path, api_pipeline)


@pytest.fixture(scope="module")
def shared_api(tmp_path_factory: pytest.TempPathFactory, api_pipeline: Pipeline) -> Iterator[Api]:
    """One filled store for a module's read-only tests."""
    yield from make_api(tmp_path_factory.mktemp("api"), api_pipeline)
