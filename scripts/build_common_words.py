"""Build src/rasd/data/common_words.txt and ambiguous_places.txt from word counts over a news corpus.

common_words.txt: frequent words of Arabic news that are not place names.

An unknown name after a head noun («بلدة بريهة») is a rare word; «منطقة رئيسية», «مدينة فإن» are not names but
frequent words.  This script counts normalised tokens over a corpus of news (JSON Lines with ``title`` and
``content``, by default the SaudiNewsNet conflict sample in ../shared) and keeps those seen at least
``--min-count`` times that are not gazetteer names.  Only the word list is written, never text.

ambiguous_places.txt: gazetteer names that are mostly ordinary words in news («الخبر» is Khobar and "the
news", «جديدة» is a village and "new"): names seen often but rarely after a preposition or a head noun.  Such a
name is read as a place only after a head noun («مدينة الخبر»).
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
# place cues: prepositions of place and direction words (not «على»: «على الصعيد» is an idiom)
_CUES = {"في", "من", "الي", "قرب", "نحو", "باتجاه", "داخل", "حول", "عند", "شمال", "جنوب", "شرق", "غرب", "شمالي",
         "جنوبي", "شرقي", "غربي", "وسط", "اطراف", "محيط", "بمدينه", "بلده", "مدينه", "ببلده"}
_HEADS = {"مدينه", "المدينه", "بلده", "البلده", "قريه", "القريه", "محافظه", "منطقه", "ناحيه", "قضاء", "مخيم", "حي",
          "مديريه", "ولايه", "مطار", "معبر", "جبل", "سد", "ريف"}
DEFAULT = ROOT.parent / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--min-count", type=int, default=15)
    ap.add_argument("--ambiguous-min", type=int, default=5, help="occurrences before a name can be judged")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "src" / "rasd" / "data" / "common_words.txt")
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    keys = set(Gazetteer.default().keys())
    seen: collections.Counter[str] = collections.Counter()
    cued: collections.Counter[str] = collections.Counter()
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("content") or "")
            toks = [t.text for t in tokenize(normalize(text).text)]
            for k, tok in enumerate(toks):
                if tok[0].isdigit():
                    continue
                counts[tok] += 1
                for form, dropped in clitic_forms(tok):
                    if form in keys:
                        seen[form] += 1
                        prev = toks[k - 1] if k else ""
                        if (dropped and tok[dropped - 1] in "بل") or prev.lstrip("و") in _CUES or \
                                prev.lstrip("وبل") in _HEADS:
                            cued[form] += 1
                        break
    words = sorted(w for w, c in counts.items() if c >= args.min_count and len(w) > 1
                   and w not in keys)
    header = (f"# Frequent words of Arabic news that are not gazetteer names ({len(words)} words, seen at least "
              f"{args.min_count} times in {args.corpus.name}).\n# Built by scripts/build_common_words.py; one "
              "normalised word a line. An unknown place name is never one of these.\n")
    args.output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {args.output}")
    ambiguous = sorted(k for k, n in seen.items() if n >= args.ambiguous_min and cued[k] / n < 0.35)
    out2 = args.output.with_name("ambiguous_places.txt")
    out2.write_text(
        f"# Gazetteer names that are mostly ordinary words in news ({len(ambiguous)}): seen at least "
        f"{args.ambiguous_min} times in {args.corpus.name}, under 35% of them after a preposition of place, a "
        "direction or a head noun.\n"
        "# Built by scripts/build_common_words.py. Read as places only after a head noun («مدينة …»).\n"
        + "\n".join(ambiguous) + "\n", encoding="utf-8")
    print(f"{len(ambiguous)} ambiguous names → {out2}")


if __name__ == "__main__":
    main()
