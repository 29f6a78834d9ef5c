"""Score event records against hand-coded gold events (the ``shared/gold`` format).

rasd's own implementation of the rules in ``shared/gold/README.md``, giving the numbers of the reference
scorer ``shared/tools/score_gold.py`` on real data.  Records without an ``event_type`` are left out.

Types, actors, place names and evidence go through :func:`rasd.text.normalize.normalize_key`.  It folds all
that the reference's ``norm`` folds (أ إ آ → ا, ة → ه, ى → ي, tatweel, harakat, white space, case) and more
(ؤ → و, ئ → ي, other alef and Persian forms, Arabic-Indic digits, presentation forms, zero-width marks; quotes
and brackets become spaces).  As ``normalize_key(norm(s)) == normalize_key(s)`` and a per-character fold plus
white-space collapsing keeps a substring a substring, every equality or containment the reference finds is
found here too.  An extra one needs two *different* raw strings equal up to those characters (``«داعش» هاجم``
and ``داعش هاجم``; ``مؤتة`` and ``موتة``): the same words quoted differently, or two spellings of one place.

Deliberate differences, on degenerate input only (pinned by the tests):

* an evidence text that normalises to nothing (``" "``, ``"«»"``) overlaps nothing; in the reference a blank
  text is inside every string: it gets the evidence bonus with every event and hits every non-event;
* the leading article is one ``ال`` prefix, as the README says; the reference's ``str.lstrip("ال")`` strips
  any run of ا and ل, so it also equates أريحا with ريحا and لبنان with بنان;
* non-numeric coordinates are ignored (the reference crashes), and an ``event_date`` that is a
  :class:`datetime.date` compares by its ISO form (the reference reads JSON, where dates are strings).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from rasd.errors import GoldFormatError
from rasd.text.normalize import normalize_key

Record = Mapping[str, Any]
#: ``extract_fn(article_path, jsonl_line_or_None, published_or_None) -> event records``
ExtractFn = Callable[[Path, int | None, dt.date | None], Sequence[Record]]

#: Scored fields in report order; ``event_date`` only for events with a resolved date, when dates are given.
FIELDS = ("sub_event_type", "actor1", "actor2", "fatalities", "event_date")
MATCH_KM = 10.0
EVIDENCE_BONUS = 2

_LINE_REF = re.compile(r"(?P<path>[^#]+)#line-(?P<line>[1-9][0-9]*)")
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_NAME_SEP = re.compile(r"[/|]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NEAR_KEYS = ("lat", "lon", "within_km")
_TYPE_KEYS = ("event_type", "sub_event_type")
_ACTOR_KEYS = ("actor1", "actor2")


@dataclass(frozen=True)
class GoldArticle:
    """One gold file: the JSON object as written and the path it was read from."""

    path: Path
    data: dict[str, Any]

    @property
    def article(self) -> str:
        """The ``article`` field: a path relative to ``shared/``, perhaps ending in ``#line-N``."""
        return str(self.data["article"])

    @property
    def events(self) -> list[dict[str, Any]]:
        """The gold events, optional ones included."""
        return list(self.data["events"])

    @property
    def published_for_checks(self) -> dt.date | None:
        """The publication date to give the system when dates are scored."""
        value = self.data.get("published_assumed_for_date_checks") or self.data.get("published")
        return dt.date.fromisoformat(value) if value else None


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers(values: object) -> bool:
    return isinstance(values, list) and all(map(_is_number, values))


def _is_date(value: object) -> bool:
    """None or a valid YYYY-MM-DD string (dates are compared as text)."""
    if value is None:
        return True
    try:
        return bool(isinstance(value, str) and _ISO_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _has_text(item: object) -> bool:
    return isinstance(item, dict) and bool(normalize_key(str(item.get("evidence") or "")))


def _validate(data: Any, path: Path) -> None:
    """Raise E401 at the first way ``data`` breaks the gold format, so that scoring can trust its shape."""

    def need(ok: object, detail: str) -> None:
        if not ok:
            raise GoldFormatError("E401", path=str(path), detail=detail)

    need(isinstance(data, dict), "not a JSON object")
    article = data.get("article")
    ok_article = isinstance(article, str) and (
        _LINE_REF.fullmatch(article) or (article and "#" not in article)
    )
    need(ok_article, f"'article' {article!r}: a path under shared/, perhaps with '#line-N' (N from 1)")
    for key in ("published", "published_assumed_for_date_checks"):
        need(_is_date(data.get(key)), f"'{key}' must be YYYY-MM-DD or null")
    need(isinstance(data.get("events"), list), "'events' must be a list")
    ids: set[str] = set()
    for k, event in enumerate(data["events"], 1):
        need(isinstance(event, dict) and isinstance(event.get("id"), str), f"event #{k}: no 'id'")
        need(event["id"] not in ids, f"event {event['id']}: repeated id")
        ids.add(event["id"])
        where, loc, date = f"event {event['id']}", event.get("location"), event.get("date") or {}
        need(all(isinstance(event.get(f), str | list) for f in _TYPE_KEYS), f"{where}: types: text or list")
        need(all(isinstance(event.get(f, ""), str) for f in _ACTOR_KEYS), f"{where}: actors must be strings")
        need(_numbers(event.get("fatalities", [])), f"{where}: 'fatalities' must be a list of numbers")
        need(_has_text(event), f"{where}: no 'evidence' text")
        need(isinstance(date, dict) and _is_date(date.get("resolved")), f"{where}: bad 'date.resolved'")
        need(isinstance(loc, dict), f"{where}: no 'location' object")
        need(all(isinstance(loc.get(f) or "", str) for f in ("name_ar", "name_en")), f"{where}: bad names")
        point = {f: loc[f] for f in ("lat", "lon") if f in loc}
        need(not point or (len(point) == 2 and _numbers(list(point.values()))), f"{where}: bad lat/lon")
        near = loc.get("near")
        near_ok = near is None or (isinstance(near, dict) and _numbers([near.get(f) for f in _NEAR_KEYS]))
        need(near_ok, f"{where}: 'location.near' needs numeric 'lat', 'lon' and 'within_km'")
    for key in ("non_events", "optional_non_events"):
        items = data.get(key, [])
        need(isinstance(items, list) and all(map(_has_text, items)), f"'{key}': objects with evidence texts")
    mentions = data.get("same_event_mentions", [])
    need(isinstance(mentions, list), "'same_event_mentions' must be a list")
    for m in mentions:
        ok_mention = isinstance(m, dict) and m.get("event") in ids and isinstance(m.get("also_in"), list)
        need(ok_mention, "'same_event_mentions' entries need a known 'event' id and an 'also_in' list")


def load_gold(path: str | Path) -> GoldArticle:
    """Read and check one gold file; raise :class:`GoldFormatError` (E401) if unreadable or malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError("E401", path=str(path), detail=str(exc)) from exc
    _validate(data, path)
    return GoldArticle(path=path, data=data)


def resolve_article_path(gold: GoldArticle, shared_dir: Path) -> tuple[Path, int | None]:
    """The article file of ``gold`` under ``shared_dir`` and its JSON Lines line (from 1), or None.

    Existence is not checked here; :func:`evaluate_files` does that.
    """
    ref = _LINE_REF.fullmatch(gold.article)
    if ref:
        return Path(shared_dir) / ref["path"], int(ref["line"])
    return Path(shared_dir) / gold.article, None


def _key(value: object) -> str:
    return normalize_key(str(value)) if value else ""


def _options(field: object) -> set[str]:
    """Accepted values of a gold type field: a list, or a string with ``|`` between alternatives."""
    return {_key(x) for x in (field if isinstance(field, list) else str(field).split("|"))}


def _actor_key(value: object) -> str:
    """An actor name without case or a trailing parenthesis: "Civilians (Syria)" → "civilians"."""
    return normalize_key(_TRAILING_PAREN.sub("", str(value).strip())) if value else ""


def _strip_article(name: str) -> str:
    return name[2:] if name.startswith("ال") and len(name) > 2 else name


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance in kilometres between two (lat, lon) points in degrees."""
    rad = math.pi / 180  # differences are taken in degrees first, so results agree with the reference's bits
    dlat, dlon = (b[0] - a[0]) * rad / 2, (b[1] - a[1]) * rad / 2
    h = math.sin(dlat) ** 2 + math.cos(a[0] * rad) * math.cos(b[0] * rad) * math.sin(dlon) ** 2
    return 12742.0 * math.asin(math.sqrt(h))  # Earth's mean diameter


def _raw_evidence(record: Record) -> list[str]:
    evidence = record.get("evidence") or []
    items = list(evidence) if isinstance(evidence, list | tuple) else [evidence]
    texts = [item.get("text") if isinstance(item, Mapping) else item for item in items]
    return [str(text) for text in texts if text]


def _evidence_texts(record: Record) -> list[str]:
    """A record's normalised, non-empty evidence texts (``evidence``: list of spans, a span or a string)."""
    return [k for k in map(normalize_key, _raw_evidence(record)) if k]


def _overlaps(texts: Iterable[str], target: str) -> bool:
    return any(target in text or text in target for text in texts)


def _compatible(pred: Record, event: Mapping[str, Any]) -> bool:
    """Rule 1: the prediction's event type is accepted and its place matches."""
    return _key(pred.get("event_type")) in _options(event["event_type"]) and _location_ok(
        pred, event["location"]
    )


def _location_ok(pred: Record, loc: Mapping[str, Any]) -> bool:
    """Within 10 km of the gold point, within ``near.within_km`` of ``near``, or the same name."""
    lat, lon, near = pred.get("latitude"), pred.get("longitude"), loc.get("near")
    if _is_number(lat) and _is_number(lon):
        if "lat" in loc and _km((lat, lon), (loc["lat"], loc["lon"])) <= MATCH_KM:
            return True
        if near and _km((lat, lon), (near["lat"], near["lon"])) <= near["within_km"]:
            return True
    names = {_key(pred.get(k)) for k in ("location_ar", "location")} - {""}
    gold_names = {_key(n) for n in [*_NAME_SEP.split(loc.get("name_ar") or ""), loc.get("name_en")]} - {""}
    return any(n == g or _strip_article(n) == _strip_article(g) for n in names for g in gold_names)


def _agreement(pred: Record, event: Mapping[str, Any], published_given: bool) -> dict[str, bool]:
    """Which scored fields of ``pred`` agree with ``event``."""
    agree = {"sub_event_type": _key(pred.get("sub_event_type")) in _options(event["sub_event_type"])}
    for role in _ACTOR_KEYS:
        agree[role] = _actor_key(pred.get(role)) in {_actor_key(a) for a in event.get(role, "").split("|")}
    agree["fatalities"] = pred.get("fatalities") in event.get("fatalities", [0])
    resolved = (event.get("date") or {}).get("resolved")
    if published_given and resolved:
        date = pred.get("event_date")
        agree["event_date"] = (date.isoformat() if isinstance(date, dt.date) else date) == resolved
    return agree


@dataclass(frozen=True)
class FieldTally:
    """How many matched pairs agree on one field, out of how many were scored."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """``correct / total``; 0.0 when nothing was scored."""
        return self.correct / self.total if self.total else 0.0

    def __add__(self, other: FieldTally) -> FieldTally:
        return FieldTally(self.correct + other.correct, self.total + other.total)


class _Rates:
    """Precision, recall and F1 from ``tp``, ``predicted`` and ``gold`` counts (0.0 for 0/0)."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Matched non-optional gold events over counted predictions."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched non-optional gold events over non-optional gold events."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Match:
    """A prediction (index into ``ArticleScore.predictions``) paired with a gold event."""

    prediction: int
    gold_id: str
    optional: bool
    points: int
    agreement: Mapping[str, bool]


@dataclass(frozen=True)
class Duplicate:
    """An unmatched prediction on a restatement (``same_event_mentions``) of an event another one matched."""

    prediction: int
    event_id: str


@dataclass(frozen=True)
class ArticleScore(_Rates):
    """The score of one article's predictions against its gold file."""

    gold_path: Path
    article: str
    predictions: tuple[Record, ...]  # the event records scored (those with an ``event_type``)
    matches: tuple[Match, ...]
    tp: int  # predictions matched to non-optional gold events
    predicted: int  # predictions counted for precision
    gold: int  # non-optional gold events
    missed: tuple[str, ...]  # ids of non-optional gold events left unmatched
    unmatched: tuple[int, ...]  # indices of unmatched predictions
    violations: tuple[str, ...]  # the ``non_events`` strings hit by an unmatched prediction
    duplicates: tuple[Duplicate, ...]  # unmatched predictions that restate a matched event

    @property
    def fields(self) -> dict[str, FieldTally]:
        """Per-field agreement over matched non-optional pairs, for the fields that were scored."""
        tallies: dict[str, FieldTally] = {}
        for match in (m for m in self.matches if not m.optional):
            for name, ok in match.agreement.items():
                tallies[name] = tallies.get(name, FieldTally()) + FieldTally(int(ok), 1)
        return {name: tallies[name] for name in FIELDS if name in tallies}


def score_article(gold: GoldArticle, predictions: Sequence[Record], published_given: bool) -> ArticleScore:
    """Match ``predictions`` (event records with ACLED column names) to ``gold``'s events and score them.

    ``published_given``: the system was given ``published_assumed_for_date_checks``, so dates are scored.
    """
    preds = tuple(p for p in predictions if "event_type" in p)
    events = gold.events
    pred_texts = [_evidence_texts(p) for p in preds]
    gold_texts = [_key(e["evidence"]) for e in events]
    candidates: list[tuple[int, int, int, dict[str, bool]]] = []
    for i, pred in enumerate(preds):
        for j, event in enumerate(events):
            if _compatible(pred, event):
                agree = _agreement(pred, event, published_given)
                bonus = EVIDENCE_BONUS if _overlaps(pred_texts[i], gold_texts[j]) else 0
                candidates.append((sum(agree.values()) + bonus, i, j, agree))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))  # best first; ties by prediction, then gold order

    matches: list[Match] = []
    pred_to_gold: dict[int, int] = {}
    for points, i, j, agree in candidates:
        if i not in pred_to_gold and j not in pred_to_gold.values():
            pred_to_gold[i] = j
            matches.append(Match(i, events[j]["id"], bool(events[j].get("optional")), points, agree))

    unmatched = tuple(i for i in range(len(preds)) if i not in pred_to_gold)
    optional_texts = [_key(x["evidence"]) for x in gold.data.get("optional_non_events", [])]
    on_optional = sum(any(_overlaps(pred_texts[i], t) for t in optional_texts) for i in unmatched)
    non_events = [ne["evidence"] for ne in gold.data.get("non_events", [])]
    required = [j for j, e in enumerate(events) if not e.get("optional")]
    return ArticleScore(
        gold_path=gold.path,
        article=gold.article,
        predictions=preds,
        matches=tuple(matches),
        tp=sum(not m.optional for m in matches),
        predicted=len(preds) - sum(m.optional for m in matches) - on_optional,
        gold=len(required),
        missed=tuple(events[j]["id"] for j in required if j not in pred_to_gold.values()),
        unmatched=unmatched,
        violations=tuple(t for t in non_events if any(_overlaps(pred_texts[i], _key(t)) for i in unmatched)),
        duplicates=_duplicates(gold, pred_texts, pred_to_gold, unmatched),
    )


def _duplicates(
    gold: GoldArticle, pred_texts: list[list[str]], pred_to_gold: dict[int, int], unmatched: tuple[int, ...]
) -> tuple[Duplicate, ...]:
    """Unmatched predictions whose evidence overlaps a restatement of an event that is matched.

    A diagnostic only (they already cost precision as unmatched predictions); each is reported once.
    """
    matched = {gold.events[j]["id"] for j in pred_to_gold.values()}
    found: dict[int, Duplicate] = {}
    for mention in gold.data.get("same_event_mentions", []):
        if mention["event"] in matched:
            restated = [k for k in map(_key, mention["also_in"]) if k]
            for i in unmatched:
                if i not in found and any(_overlaps(pred_texts[i], t) for t in restated):
                    found[i] = Duplicate(i, mention["event"])
    return tuple(found[i] for i in sorted(found))


@dataclass(frozen=True)
class CorpusScore(_Rates):
    """Scores over several articles: counts summed, so precision, recall and F1 are micro-averaged."""

    articles: tuple[ArticleScore, ...]
    tp: int
    predicted: int
    gold: int
    fields: dict[str, FieldTally]
    violations: int
    duplicates: int


def score_corpus(scores: Iterable[ArticleScore]) -> CorpusScore:
    """Sum article scores into corpus totals."""
    articles = tuple(scores)
    fields: dict[str, FieldTally] = {}
    for score in articles:
        for name, tally in score.fields.items():
            fields[name] = fields.get(name, FieldTally()) + tally
    return CorpusScore(
        articles=articles,
        tp=sum(s.tp for s in articles),
        predicted=sum(s.predicted for s in articles),
        gold=sum(s.gold for s in articles),
        fields={name: fields[name] for name in FIELDS if name in fields},
        violations=sum(len(s.violations) for s in articles),
        duplicates=sum(len(s.duplicates) for s in articles),
    )


def evaluate_files(
    gold_paths: Iterable[str | Path], extract_fn: ExtractFn, published_given: bool, shared_dir: Path
) -> CorpusScore:
    """Run ``extract_fn`` on each gold file's article and score the event records it returns.

    ``extract_fn(path, line, published)`` gets the article file, its JSON Lines line (from 1) or None, and the
    publication date to assume: ``published_assumed_for_date_checks`` with ``published_given``, else None (the
    system uses whatever the article carries).  Raises :class:`GoldFormatError`: E401 for a malformed gold
    file, E402 for a missing article.
    """
    scores = []
    for gold_path in gold_paths:
        gold = load_gold(gold_path)
        path, line = resolve_article_path(gold, shared_dir)
        if not path.is_file():
            raise GoldFormatError("E402", path=str(path))
        records = extract_fn(path, line, gold.published_for_checks if published_given else None)
        scores.append(score_article(gold, records, published_given))
    return score_corpus(scores)


def _score_lines(score: ArticleScore | CorpusScore) -> list[str]:
    lines = [
        f"events F1={score.f1:.2f} P={score.precision:.2f} R={score.recall:.2f} "
        f"(matched={score.tp} pred={score.predicted} gold={score.gold})"
    ]
    return lines + [f"field {k}: {t.correct}/{t.total} ({t.accuracy:.2f})" for k, t in score.fields.items()]


def _describe(record: Record, width: int = 60) -> str:
    place = record.get("location_ar") or record.get("location") or "?"
    text = " … ".join(_raw_evidence(record))
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"{record.get('event_type')} / {record.get('sub_event_type')} @ {place}: «{text}»"


def format_report(corpus: CorpusScore) -> str:
    """A plain-text report, per article then overall: P/R/F1, field accuracy, misses and diagnostics."""
    out: list[str] = []
    for s in corpus.articles:
        out += [f"{s.gold_path.name} ({s.article})", *(f"  {line}" for line in _score_lines(s))]
        out.append(f"  missed: {', '.join(s.missed) or '-'}")
        out.append(f"  unmatched predictions: {len(s.unmatched)}")
        out += [f"    - #{i} {_describe(s.predictions[i])}" for i in s.unmatched]
        out.append(f"  non-event violations: {len(s.violations)}")
        out += [f"    - «{text}»" for text in s.violations]
        out.append(f"  duplicates: {len(s.duplicates)}")
        out += [f"    - #{d.prediction} restates {d.event_id}" for d in s.duplicates]
    n = len(corpus.articles)
    out += [f"overall ({n} article{'' if n == 1 else 's'})", *(f"  {line}" for line in _score_lines(corpus))]
    out.append(f"  non-event violations: {corpus.violations}; duplicates: {corpus.duplicates}")
    return "\n".join(out)
