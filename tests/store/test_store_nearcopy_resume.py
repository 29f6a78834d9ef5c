"""Near-copies and resumability: ingestion of a file with near-copies killed with SIGKILL while articles are
being added (after a committed batch, or inside the transaction that links copies) or while they are being
extracted, then run again, leaves exactly the links, events and sources of an uninterrupted ingestion (SQLite
file and PostgreSQL)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nearcopy_helpers import near_copy, stable_snapshot
from store_helpers import backend_url, corpus_lines

from rasd.pipeline import Pipeline
from rasd.store import Store, ingest

CHILD = Path(__file__).with_name("crash_ingest.py")
BATCH = 5


@pytest.fixture(scope="module")
def with_copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """25 lines in batches of 5: 20 originals, 4 near-copies (one in the batch of its original, one of them a
    second copy of the same original) and an exact duplicate."""
    o = corpus_lines(20)
    lines = [*o[0:5],
             *o[5:9], near_copy(o[0], 0),
             *o[9:13], near_copy(o[12], 0),
             near_copy(o[0], 1), near_copy(o[2], 1), o[13], o[14], o[3],
             *o[15:20]]
    path = tmp_path_factory.mktemp("nearcopy") / "with-copies.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(with_copies: Path, pipeline: Pipeline) -> dict[str, Any]:
    """What an uninterrupted ingestion leaves (in-memory SQLite)."""
    with Store.open("sqlite://") as st:
        report = ingest([with_copies], st, pipeline, batch=BATCH)
        assert (report.added, report.near_copies, report.extracted) == (24, 4, 20)
        snap = stable_snapshot(st)
    assert len(snap["links"]) == 4 and any(source[1].endswith("#line-10") for source in snap["sources"])
    return snap


@pytest.fixture(params=["file", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from backend_url(request.param, tmp_path)


@pytest.mark.parametrize(("mode", "k", "articles_kept"), [("added", 2, 10), ("linking", 2, 10),
                                                           ("committed", 2, 24)])
def test_killed_ingestion_with_near_copies_completes_on_rerun(url: str, mode: str, k: int, articles_kept: int,
                                                              with_copies: Path, pipeline: Pipeline,
                                                              reference: dict[str, Any]) -> None:
    child = subprocess.run([sys.executable, str(CHILD), url, str(with_copies), str(BATCH), mode, str(k)],
                           capture_output=True, text=True, timeout=180)
    assert child.returncode == -signal.SIGKILL, child.stderr
    with Store.open(url) as st:
        assert st.counts()["articles"] == articles_kept  # the killed transaction left nothing
        report = ingest([with_copies], st, pipeline, batch=BATCH)
        assert report.added == 24 - articles_kept
        assert stable_snapshot(st) == reference
        assert [r.status for r in st.runs()] == ["finished"]
        # and again: nothing more
        again = ingest([with_copies], st, pipeline, batch=BATCH)
        assert (again.added, again.near_copies, again.extracted) == (0, 0, 0)
        assert stable_snapshot(st) == reference
