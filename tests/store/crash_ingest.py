"""Run by test_store_resume.py in a subprocess: ingest a file, and kill -9 this process at a chosen point.

    python crash_ingest.py URL FILE BATCH committed K     # after the K-th batch is committed
    python crash_ingest.py URL FILE BATCH uncommitted K   # in the K-th batch's transaction, all rows written
    python crash_ingest.py URL FILE BATCH added K         # after the K-th batch of articles is added (committed)
    python crash_ingest.py URL FILE BATCH linking K       # in the transaction adding the K-th batch that links
                                                          # near-copies, after the links are written
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from rasd.pipeline import Pipeline
from rasd.store import Store, ingest


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(url: str, path: str, batch: int, mode: str, k: int) -> int:
    store = Store.open(url)

    def progress(done: int, total: int) -> None:
        if mode == "committed" and done >= k * batch:
            _die()

    if mode == "uncommitted":
        record = Store._record_extractions
        calls = []

        def record_then_die(self: Store, s: Any, run_id: int, ledger: dict[int, dict[str, Any]]) -> None:
            record(self, s, run_id, ledger)  # the batch's last write; the transaction is still open
            calls.append(run_id)
            if len(calls) == k:
                _die()

        Store._record_extractions = record_then_die  # type: ignore[method-assign]
    if mode == "added":
        add = Store._add_batch
        adds = []

        def add_then_die(self: Store, articles: Any, index: Any) -> tuple[int, int]:
            out = add(self, articles, index)
            adds.append(out)
            if len(adds) == k:
                _die()
            return out

        Store._add_batch = add_then_die  # type: ignore[method-assign]
    if mode == "linking":
        link = Store._link
        links = []

        def link_then_die(self: Store, s: Any, found: list[tuple[int, int, float]]) -> None:
            link(self, s, found)
            if found:
                links.append(found)
                if len(links) == k:
                    _die()

        Store._link = link_then_die  # type: ignore[method-assign]
    ingest([path], store, Pipeline(), batch=batch, progress=progress)
    return 0  # not reached: the test fails if the process was not killed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])))
