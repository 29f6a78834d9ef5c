"""Print what the extractor sees in each sentence of an article (tags, places, triggers): a tuning aid."""

from __future__ import annotations

import sys

from rasd.dates.resolve import find_dates
from rasd.extractor.annotate import annotate_sentence
from rasd.extractor.core import _norm_index
from rasd.extractor.frames import triggers_of
from rasd.extractor.places import find_places
from rasd.model import Article, Document
from rasd.pipeline import _segment, default_pipeline


def main() -> None:
    path = sys.argv[1]
    only = set(int(x) for x in sys.argv[2:])
    pipe = default_pipeline()
    with open(path, encoding="utf-8") as fh:
        doc = _segment(Document(Article(path, fh.read())))
    norm = doc.normalized
    for s in doc.sentences:
        if only and s.index not in only:
            continue
        v = annotate_sentence(s, norm, doc.article.text, pipe.lex, pipe.gaz, _norm_index(norm, s.start),
                              _norm_index(norm, s.end), [(d.start, d.end) for d in find_dates(doc.article.text, norm)])
        print(f"--- [{s.index}] {s.zone}: {doc.article.text[s.start:s.end][:200]}")
        for t in sorted(v.tags, key=lambda t: t.first):
            if t.kind in ("gaz", "actor", "trigger", "source", "modality", "aircraft", "demonym", "anaphor",
                          "head", "relation", "num_unit", "num_vague", "wounded", "civilian_victims", "speaker_forces"):
                print(f"    {t.kind:14} {t.first}-{t.last} {v.raw_text(t.first, t.last)!r} -> {t.value} {t.prefix!r}")
        for p in find_places(v, pipe.lex, pipe.gaz):
            print(f"    PLACE {p.name!r} gaz={p.gaz_key} head={p.head} role={p.role} rel={p.relation} "
                  f"anchor={p.anchor} grp={p.group} prep={p.prep} ana={p.anaphoric} inner={p.inner_known}")
        print("    TRIGGERS", [(t.value, v.raw_text(t.first, t.last)) for t in triggers_of(v, pipe.lex)])


if __name__ == "__main__":
    main()
