"""Score rasd's geocoder on the hand-labelled place mentions (see rasd.geo.scoring).

Usage: ``.venv/bin/python scripts/eval_geocoding.py [GOLD.jsonl…] [--shared ../shared] [--json]``
(default: every file in tests/gold/geo/).  Uses the configured gazetteer: set ``RASD_GAZETTEER_INDEX`` to score
a GeoNames-built index instead of the embedded one.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rasd.geo.scoring import load_gold_mentions, report, score_geocoding

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true", help="print the overall scores as JSON only")
    args = ap.parse_args()
    files = args.gold or sorted((ROOT / "tests" / "gold" / "geo").glob("*.jsonl"))
    t0 = time.perf_counter()
    score = score_geocoding(load_gold_mentions(files), args.shared)
    if args.json:
        print(json.dumps(score.summary()))
        return
    print(report(score))
    print(f"{len(files)} files, {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
