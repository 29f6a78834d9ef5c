"""Build src/rasd/data/common_words.txt: frequent words of Arabic news that are not place names.

An unknown name after a head noun («بلدة بريهة») is a rare word; «منطقة رئيسية», «مدينة فإن» are not names but
frequent words.  This script counts normalised tokens over a corpus of news (JSON Lines with ``title`` and
``content``, by default the SaudiNewsNet conflict sample in ../shared) and keeps those seen at least
``--min-count`` times that are not gazetteer names.  Only the word list is written, never text.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from rasd.geo.gazetteer import Gazetteer
from rasd.text.normalize import normalize
from rasd.text.tokens import clitic_forms, tokenize

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--min-count", type=int, default=15)
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "src" / "rasd" / "data" / "common_words.txt")
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("content") or "")
            for tok in tokenize(normalize(text).text):
                if not tok.text[0].isdigit():
                    counts[tok.text] += 1
    keys = set(Gazetteer.default().keys())
    words = sorted(w for w, c in counts.items() if c >= args.min_count and len(w) > 1
                   and not any(f in keys for f, _ in clitic_forms(w)))
    header = (f"# Frequent words of Arabic news that are not gazetteer names ({len(words)} words, seen at least "
              f"{args.min_count} times in {args.corpus.name}).\n# Built by scripts/build_common_words.py; one "
              "normalised word a line. An unknown place name is never one of these.\n")
    args.output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {args.output}")


if __name__ == "__main__":
    main()
