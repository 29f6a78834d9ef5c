"""Scoring the geocoder on hand-labelled place mentions (``tests/gold/geo/*.jsonl``).

Each gold line names a span of an article's text and the gazetteer entry the place is (``gold: in``, with its
GeoNames id) or says the gazetteer lacks it (``gold: absent``).  rasd extracts the article and its place
mentions are aligned with the gold spans by character overlap.  Reported:

- *found*: the share of gold mentions rasd reads as a place at all (any place mention over the span);
- *coverage*: of the mentions whose place is in the gazetteer, the share rasd resolves to an entry of its own;
- *disambiguation*: of those it resolves, the share resolved to the labelled entry (same GeoNames id), and the
  share within 10 km of it (a province row and its capital city share coordinates);
- *accuracy*: right entries over all in-gazetteer mentions (coverage × disambiguation);
- *abstention*: of the mentions the gazetteer lacks, the share rasd does not resolve to some (wrong) entry.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import GoldFormatError
from rasd.geo.gazetteer import Gazetteer
from rasd.geo.resolve import km
from rasd.ingest import read_record
from rasd.model import Document, Mention, Place

_FIELDS = ("article", "start", "end", "text", "gold")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One labelled place mention."""

    article: str  # path under shared/, with ``#line-N`` for a JSON Lines record
    start: int
    end: int
    text: str
    gold: str  # "in" or "absent"
    geonameid: int | None
    country: str
    kind: str
    source: str  # file and line, for messages


@dataclass(frozen=True, slots=True)
class Outcome:
    """What rasd made of one gold mention."""

    mention: GoldMention
    found: bool
    resolved_id: int | None  # the entry rasd chose for the name itself
    status: str  # resolved | anchored | unresolved | missed
    km_off: float | None  # distance from the labelled entry, when both are known

    @property
    def correct(self) -> bool:
        return self.mention.gold == "in" and self.resolved_id == self.mention.geonameid


@dataclass
class GeoScore:
    """Counts over a set of gold mentions; ratios as properties."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, pred: Any) -> int:
        return sum(1 for o in self.outcomes if pred(o))

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def in_gazetteer(self) -> int:
        return self._count(lambda o: o.mention.gold == "in")

    @property
    def found(self) -> float:
        return _ratio(self._count(lambda o: o.found), self.total)

    @property
    def coverage(self) -> float:
        return _ratio(self._count(lambda o: o.mention.gold == "in" and o.resolved_id is not None), self.in_gazetteer)

    @property
    def disambiguation(self) -> float:
        resolved = self._count(lambda o: o.mention.gold == "in" and o.resolved_id is not None)
        return _ratio(self._count(lambda o: o.correct), resolved)

    @property
    def within_10km(self) -> float:
        resolved = self._count(lambda o: o.mention.gold == "in" and o.resolved_id is not None)
        return _ratio(self._count(lambda o: o.mention.gold == "in" and o.km_off is not None and o.km_off <= 10),
                      resolved)

    @property
    def accuracy(self) -> float:
        return _ratio(self._count(lambda o: o.correct), self.in_gazetteer)

    @property
    def abstention(self) -> float:
        absent = self._count(lambda o: o.mention.gold == "absent")
        return _ratio(self._count(lambda o: o.mention.gold == "absent" and o.resolved_id is None), absent)

    def by(self, key: str) -> dict[str, GeoScore]:
        """Scores split by a gold attribute (``country`` or ``kind``)."""
        out: dict[str, GeoScore] = {}
        for o in self.outcomes:
            out.setdefault(str(getattr(o.mention, key)), GeoScore()).outcomes.append(o)
        return dict(sorted(out.items()))

    def summary(self) -> dict[str, float | int]:
        return {"mentions": self.total, "in_gazetteer": self.in_gazetteer, "found": round(self.found, 3),
                "coverage": round(self.coverage, 3), "disambiguation": round(self.disambiguation, 3),
                "within_10km": round(self.within_10km, 3), "accuracy": round(self.accuracy, 3),
                "abstention": round(self.abstention, 3)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def load_gold_mentions(paths: Iterable[Path]) -> list[GoldMention]:
    """Read gold mention files (JSON Lines), checking each line's fields."""
    out: list[GoldMention] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError("E401", path=where, detail=str(exc)) from exc
            missing = [f for f in _FIELDS if f not in row]
            if missing or row["gold"] not in ("in", "absent") or (row["gold"] == "in") != bool(row.get("geonameid")):
                raise GoldFormatError("E401", path=where, detail=f"needs {_FIELDS}, gold in/absent, and a geonameid"
                                      " exactly when gold is 'in'")
            out.append(GoldMention(row["article"], int(row["start"]), int(row["end"]), row["text"], row["gold"],
                                   row.get("geonameid"), row.get("country", ""), row.get("kind", ""), where))
    return out


def _documents(shared: Path, refs: Iterable[str]) -> Iterator[tuple[str, Document]]:
    from rasd.ingest import read_paths
    from rasd.pipeline import default_pipeline

    pipe = default_pipeline()
    for ref in refs:
        rel, _, line = ref.partition("#line-")
        path = shared / rel
        if not path.is_file():
            raise GoldFormatError("E402", path=str(path))
        res = read_record(path, int(line)) if line else next(iter(read_paths([path])))
        if res.article is None:
            raise GoldFormatError("E401", path=ref, detail=str(res.error))
        yield ref, pipe(res.article)


def _aligned(m: GoldMention, places: list[Mention]) -> Mention | None:
    best: Mention | None = None
    best_overlap = 0
    for p in places:
        overlap = min(m.end, p.end) - max(m.start, p.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def score_geocoding(gold: list[GoldMention], shared: Path, gaz: Gazetteer | None = None) -> GeoScore:
    """Run rasd over the articles of ``gold`` and score its place mentions against the labels."""
    gaz = gaz or Gazetteer.default()
    by_id: dict[int, Place] = {p.geonameid: p for p in gaz if p.geonameid is not None}
    score = GeoScore()
    refs = list(dict.fromkeys(m.article for m in gold))
    docs = dict(_documents(shared, refs))
    for m in gold:
        doc = docs[m.article]
        if doc.article.text[m.start:m.end] != m.text:
            raise GoldFormatError("E401", path=m.source, detail=f"text {m.text!r} is not at {m.start}:{m.end}")
        places = [p for p in doc.mentions if p.kind in ("place", "country")]
        hit = _aligned(m, places)
        if hit is None:
            score.outcomes.append(Outcome(m, False, None, "missed", None))
            continue
        status = hit.get("status", "country") if hit.kind == "place" else "country"
        rid = hit.get("geonameid") if status == "resolved" else None
        off = None
        if rid is not None and m.geonameid in by_id and rid in by_id:
            off = km(by_id[rid], by_id[m.geonameid])
        score.outcomes.append(Outcome(m, True, rid, status, off))
    return score


def report(score: GeoScore) -> str:
    """A plain-text table: overall, per country and per kind, then the wrong and missed mentions."""
    lines = ["scope        mentions  in-gaz  found  coverage  disambig  ≤10km  accuracy  abstain"]

    def row(name: str, s: GeoScore) -> str:
        return (f"{name:<12} {s.total:>8}  {s.in_gazetteer:>6}  {s.found:5.2f}  {s.coverage:8.2f}  "
                f"{s.disambiguation:8.2f}  {s.within_10km:5.2f}  {s.accuracy:8.2f}  {s.abstention:7.2f}")

    lines.append(row("all", score))
    for key in ("country", "kind"):
        for name, sub in score.by(key).items():
            lines.append(row(f"{key[:4]}:{name}", sub))
    statuses = Counter(o.status for o in score.outcomes)
    lines.append("rasd's reading: " + ", ".join(f"{k} {v}" for k, v in statuses.most_common()))
    wrong = [o for o in score.outcomes if o.mention.gold == "in" and o.resolved_id is not None and not o.correct]
    false = [o for o in score.outcomes if o.mention.gold == "absent" and o.resolved_id is not None]
    for title, items in (("wrong entry", wrong), ("resolved a name the gazetteer lacks", false)):
        for o in items:
            off = f" ({o.km_off:.0f} km off)" if o.km_off is not None else ""
            lines.append(f"  {title}: {o.mention.text} {o.mention.source}: gold {o.mention.geonameid}, "
                         f"rasd {o.resolved_id}{off}")
    return "\n".join(lines)
