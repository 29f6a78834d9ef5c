"""Resumability: ingestion killed with SIGKILL after a committed batch, or inside a batch's transaction, then run
again, leaves exactly what an uninterrupted ingestion leaves (SQLite file and PostgreSQL)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import backend_url, snapshot

from rasd.pipeline import Pipeline
from rasd.store import Store, ingest

CHILD = Path(__file__).with_name("crash_ingest.py")
BATCH = 5
DISTINCT = 40  # the corpus's first 40 lines are 40 distinct texts


@pytest.fixture(scope="module")
def reference(corpus40: Path, pipeline: Pipeline) -> dict[str, Any]:
    """What an uninterrupted ingestion of the 40 articles leaves (in-memory SQLite)."""
    with Store.open("sqlite://") as st:
        report = ingest([corpus40], st, pipeline, batch=BATCH)
        assert report.extracted == DISTINCT and report.events > 50
        return snapshot(st)


@pytest.fixture(params=["file", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from backend_url(request.param, tmp_path)


@pytest.mark.parametrize(("mode", "batches_kept"), [("committed", 2), ("uncommitted", 1)])
def test_killed_ingestion_completes_on_rerun(url: str, mode: str, batches_kept: int, corpus40: Path,
                                             pipeline: Pipeline, reference: dict[str, Any]) -> None:
    child = subprocess.run([sys.executable, str(CHILD), url, str(corpus40), str(BATCH), mode, "2"],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    with Store.open(url) as st:
        counts = st.counts()
        assert counts["articles"] == DISTINCT  # added before extraction began
        assert counts["extracted"] == batches_kept * BATCH  # the killed batch left nothing
        assert counts["events"] == sum(n for run, _, status, n in snapshot(st)["ledger"])
        assert [r.status for r in st.runs()] == ["running"]
        report = ingest([corpus40], st, pipeline, batch=BATCH)
        assert (report.added, report.duplicates) == (0, 40)
        assert report.extracted == DISTINCT - batches_kept * BATCH and report.run_id == 1
        assert snapshot(st) == reference
        assert [r.status for r in st.runs()] == ["finished"]
