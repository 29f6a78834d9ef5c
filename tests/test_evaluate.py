"""Tests for rasd.evaluate: the gold-format scorer, cross-checked against the reference ``score_gold.py``."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.errors import GoldFormatError
from rasd.evaluate import (
    ArticleScore,
    GoldArticle,
    evaluate_files,
    format_report,
    load_gold,
    resolve_article_path,
    score_article,
    score_corpus,
)
from rasd.text.normalize import normalize_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_GOLD = SHARED / "gold" / "seed-000.json"
REFERENCE = SHARED / "tools" / "score_gold.py"
DEV_GOLDS = sorted((ROOT / "tests" / "gold" / "dev").glob("*.json"))

needs_shared = pytest.mark.skipif(
    not REFERENCE.is_file(), reason="shared/ (gold and reference scorer) missing"
)

Record = dict[str, Any]


# --- building predictions from gold events ----------------------------------------------------------------


def first(field: Any) -> str:
    """The first accepted value of a gold field (a list, or 'A|B')."""
    return str(field[0] if isinstance(field, list) else str(field).split("|")[0])


def span(text: str) -> dict[str, Any]:
    return {"field": "event", "start": 0, "end": len(text), "text": text}


def record_for(event: dict[str, Any], **changes: Any) -> Record:
    """A record agreeing with ``event`` on every scored field (first alternatives), then ``changes``."""
    loc = event["location"]
    point = loc if "lat" in loc else loc["near"]
    record: Record = {
        "doc_id": "test",
        "event_type": first(event["event_type"]),
        "sub_event_type": first(event["sub_event_type"]),
        "actor1": first(event.get("actor1", "")),
        "actor2": first(event.get("actor2", "")),
        "latitude": point["lat"],
        "longitude": point["lon"],
        "location": loc.get("name_en"),
        "location_ar": loc.get("name_ar"),
        "fatalities": event.get("fatalities", [0])[0],
        "event_date": (event.get("date") or {}).get("resolved"),
        "evidence": [span(event["evidence"])],
    }
    record.update(changes)
    return record


def perfect(gold: GoldArticle) -> list[Record]:
    return [record_for(e) for e in gold.events if not e.get("optional")]


def event(gold: GoldArticle, event_id: str) -> dict[str, Any]:
    return next(e for e in gold.events if e["id"] == event_id)


@pytest.fixture
def seed() -> GoldArticle:
    if not SEED_GOLD.is_file():
        pytest.skip("shared/gold/seed-000.json missing")
    return load_gold(SEED_GOLD)


# --- behaviour on the seed article ----------------------------------------------------------------------


def test_perfect_predictions_score_one(seed: GoldArticle) -> None:
    score = score_article(seed, perfect(seed), published_given=True)
    assert (score.f1, score.precision, score.recall) == (1.0, 1.0, 1.0)
    assert score.tp == score.gold == score.predicted == 14
    assert all(t.correct == t.total for t in score.fields.values())
    assert score.fields["event_date"].total == 5  # E6, E8, E12, E13, E14 have a resolved date
    assert (score.missed, score.unmatched, score.violations, score.duplicates) == ((), (), (), ())


def test_dropping_an_event_lowers_recall_only(seed: GoldArticle) -> None:
    preds = [p for p in perfect(seed) if p["evidence"][0]["text"] != event(seed, "E3")["evidence"]]
    score = score_article(seed, preds, published_given=True)
    assert score.missed == ("E3",)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(13 / 14)


def test_prediction_on_a_non_event_is_a_violation(seed: GoldArticle) -> None:
    plan = seed.data["non_events"][0]["evidence"]  # "ستتقدم باتجاه بلدة هجين": a future intention
    extra = record_for(event(seed, "E1"), latitude=34.69, longitude=40.83, evidence=[span(plan)])
    score = score_article(seed, [*perfect(seed), extra], published_given=True)
    assert score.violations == (plan,)
    assert score.predicted == 15 and score.precision == pytest.approx(14 / 15)


def test_restatement_is_a_duplicate(seed: GoldArticle) -> None:
    headline = seed.data["same_event_mentions"][0]["also_in"][0]  # E1 said again in the headline
    extra = record_for(event(seed, "E1"), evidence=[span(headline)])
    score = score_article(seed, [*perfect(seed), extra], published_given=True)
    assert [(d.prediction, d.event_id) for d in score.duplicates] == [(14, "E1")]
    assert score.unmatched == (14,) and score.precision == pytest.approx(14 / 15)  # P/R as the rules say
    alone = score_article(seed, [*perfect(seed)[1:], extra], published_given=True)  # E1 said only there
    assert alone.duplicates == () and alone.tp == 14


def test_optional_events_and_optional_non_events_neither_add_nor_cost(seed: GoldArticle) -> None:
    optional = [record_for(e) for e in seed.events if e.get("optional")]
    mines = record_for(event(seed, "E3"), evidence=[span(seed.data["optional_non_events"][0]["evidence"])])
    mines.update(
        event_type="Strategic developments", latitude=0.0, longitude=0.0, location_ar=None, location=None
    )
    score = score_article(seed, [*perfect(seed), *optional, mines], published_given=True)
    assert (score.tp, score.predicted, score.gold, score.f1) == (14, 14, 14, 1.0)
    assert {m.gold_id for m in score.matches if m.optional} == {"E4", "E5b"}


def test_field_agreement_and_actor_names(seed: GoldArticle) -> None:
    preds = perfect(seed)
    by_id = dict(zip([e["id"] for e in seed.events if not e.get("optional")], preds, strict=True))
    by_id["E1"]["actor1"] = "sdf: SYRIAN democratic forces (Syria)"  # case and a trailing parenthesis: agrees
    by_id["E3"]["actor1"] = "Military Forces of Russia"  # wrong
    by_id["E6"]["event_date"] = "2017-11-10"  # wrong date
    by_id["E6"]["fatalities"] = 16  # E6 accepts 0, 16 or 32
    by_id["E12"]["actor2"] = "Islamic State"  # E12 accepts nothing, civilians or IS
    score = score_article(seed, preds, published_given=True)
    fields = {k: (t.correct, t.total) for k, t in score.fields.items()}
    assert fields["actor1"] == (13, 14) and fields["event_date"] == (4, 5)
    assert fields["actor2"] == fields["fatalities"] == (14, 14)
    assert score.f1 == 1.0  # fields do not change matching here


def test_type_alternatives_and_location_by_name(seed: GoldArticle) -> None:
    e2 = event(seed, "E2")  # Battles|Strategic developments, at بريهة (near Muh Hasan)
    pred = record_for(e2, event_type="Strategic developments", latitude=None, longitude=None, location=None)
    assert score_article(seed, [pred], published_given=False).tp == 1
    for name in ("بريهه", "البريهة", "Buraiha", "BURAIHA"):
        assert score_article(seed, [{**pred, "location_ar": name}], published_given=False).tp == 1, name
    e1 = {**record_for(event(seed, "E1")), "latitude": None, "longitude": None, "location": None}
    for name in ("بصيرة", "البصيره", "البُصَيْرَة"):  # without the article, ta marbuta, harakat
        assert score_article(seed, [{**e1, "location_ar": name}], published_given=False).tp == 1, name
    far = {**pred, "location_ar": "هجين", "latitude": 34.69508, "longitude": 40.83138}
    assert score_article(seed, [far], published_given=False).tp == 0


def test_dates_scored_only_when_published_given(seed: GoldArticle) -> None:
    preds = [{**p, "event_date": None} for p in perfect(seed)]
    assert "event_date" not in score_article(seed, preds, published_given=False).fields
    assert score_article(seed, preds, published_given=True).fields["event_date"].correct == 0
    as_dates = [
        {**p, "event_date": dt.date.fromisoformat(p["event_date"])} if p["event_date"] else p
        for p in perfect(seed)
    ]
    assert score_article(seed, as_dates, published_given=True).fields["event_date"].correct == 5


def test_records_without_event_type_are_not_events(seed: GoldArticle) -> None:
    score = score_article(seed, [{"doc_id": "x", "note": "no events"}, *perfect(seed)], published_given=True)
    assert len(score.predictions) == 14 and score.f1 == 1.0


def test_deliberate_differences_from_the_reference(seed: GoldArticle) -> None:
    """Degenerate input where rasd differs on purpose (see the module docstring)."""
    blank = record_for(event(seed, "E3"), evidence=[span("  "), span("«»")])
    score = score_article(seed, [blank], published_given=True)
    match = score.matches[0]
    assert (match.gold_id, match.points) == ("E3", 4)  # no evidence bonus; the reference gives +2 ("" in all)
    e3 = record_for(event(seed, "E3"), latitude=None, longitude=None, location=None, location_ar="للبوكمال")
    assert score_article(seed, [e3], published_given=True).tp == 0  # the reference's lstrip("ال") matches


def test_corpus_micro_average_and_report(seed: GoldArticle) -> None:
    full = score_article(seed, perfect(seed), published_given=True)
    half = score_article(seed, perfect(seed)[:7], published_given=True)
    corpus = score_corpus([full, half])
    assert (corpus.tp, corpus.predicted, corpus.gold) == (21, 21, 28)
    assert corpus.recall == pytest.approx(0.75) and corpus.precision == 1.0
    assert (corpus.fields["actor1"].correct, corpus.fields["actor1"].total) == (21, 21)
    report = format_report(corpus)
    assert "field actor1: 21/21 (1.00)" in report
    assert "events F1=0.86 P=1.00 R=0.75 (matched=21 pred=21 gold=28)" in report
    assert "missed: E9, E10, E11, E11b, E12, E13, E14" in report


# --- gold files and articles ----------------------------------------------------------------------------


def write_gold(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


MINIMAL_EVENT = {
    "id": "E1",
    "event_type": "Battles",
    "sub_event_type": ["Armed clash"],
    "actor1": "A",
    "actor2": "",
    "location": {"name_ar": "حلب", "lat": 36.2, "lon": 37.15},
    "fatalities": [0],
    "evidence": "اشتباكات في حلب",
}


def minimal_gold(**changes: Any) -> dict[str, Any]:
    return {"article": "corpus/a.txt", "published": None, "events": [dict(MINIMAL_EVENT)], **changes}


@pytest.mark.parametrize(
    "data",
    [
        "{not json",
        "[]",
        {"events": []},
        minimal_gold(article="corpus/x.jsonl#line-0"),
        minimal_gold(published_assumed_for_date_checks="12/11/2017"),
        minimal_gold(events={}),
        minimal_gold(events=[{**MINIMAL_EVENT, "id": None}]),
        minimal_gold(events=[MINIMAL_EVENT, MINIMAL_EVENT]),
        minimal_gold(events=[{**MINIMAL_EVENT, "fatalities": 3}]),
        minimal_gold(events=[{**MINIMAL_EVENT, "evidence": " "}]),
        minimal_gold(events=[{**MINIMAL_EVENT, "actor1": ["A"]}]),
        minimal_gold(events=[{**MINIMAL_EVENT, "location": {"lat": 36.2}}]),
        minimal_gold(events=[{**MINIMAL_EVENT, "location": {"near": {"lat": 1, "lon": 2}}}]),
        minimal_gold(events=[{**MINIMAL_EVENT, "date": {"resolved": "yesterday"}}]),
        minimal_gold(non_events=["a string, not an object"]),
        minimal_gold(same_event_mentions=[{"event": "E9", "also_in": []}]),
    ],
)
def test_malformed_gold_is_e401(tmp_path: Path, data: Any) -> None:
    with pytest.raises(GoldFormatError) as err:
        load_gold(write_gold(tmp_path, data))
    assert err.value.code == "E401"


def test_missing_gold_is_e401(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match=r"\[E401\]"):
        load_gold(tmp_path / "nope.json")


def test_resolve_article_path(tmp_path: Path) -> None:
    plain = load_gold(write_gold(tmp_path, minimal_gold()))
    assert resolve_article_path(plain, tmp_path) == (tmp_path / "corpus/a.txt", None)
    line = load_gold(write_gold(tmp_path, minimal_gold(article="corpus/b/articles.jsonl#line-161")))
    assert resolve_article_path(line, tmp_path) == (tmp_path / "corpus/b/articles.jsonl", 161)


def test_evaluate_files_calls_the_extractor(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus/a.txt").write_text("اشتباكات في حلب", encoding="utf-8")
    gold_path = write_gold(tmp_path, minimal_gold(published_assumed_for_date_checks="2015-07-21"))
    calls: list[tuple[Path, int | None, dt.date | None]] = []

    def extract(path: Path, line: int | None, published: dt.date | None) -> list[Record]:
        calls.append((path, line, published))
        return [record_for(MINIMAL_EVENT)]

    for given_date, expected in ((True, dt.date(2015, 7, 21)), (False, None)):
        corpus = evaluate_files([gold_path], extract, given_date, tmp_path)
        assert corpus.f1 == 1.0 and calls[-1] == (tmp_path / "corpus/a.txt", None, expected)
    with pytest.raises(GoldFormatError, match=r"\[E402\]"):
        evaluate_files([gold_path], extract, True, tmp_path / "elsewhere")


@needs_shared
def test_every_gold_article_resolves() -> None:
    lines: dict[Path, int] = {}
    for path in [SEED_GOLD, *DEV_GOLDS]:
        article, line = resolve_article_path(load_gold(path), SHARED)
        assert article.is_file(), path
        if line is not None and article not in lines:
            with article.open(encoding="utf-8") as fh:
                lines[article] = sum(1 for _ in fh)
        assert line is None or line <= lines[article], path


# --- cross-check against the reference scorer -----------------------------------------------------------

EVENTS_LINE = re.compile(r"events F1=(\S+) P=(\S+) R=(\S+) \(pred=(-?\d+) gold=(\d+)\)")
FIELD_LINE = re.compile(r"^field (\S+): (\d+)/(\d+)$", re.MULTILINE)
MISSED_LINE = re.compile(r"missed gold: (.*); unmatched predictions: (\d+); non-event violations: (\d+)")


def reference(gold_path: Path, preds: list[Record], published_given: bool, tmp_path: Path) -> dict[str, Any]:
    """Run score_gold.py on ``preds`` and parse what it prints."""
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    cmd = [sys.executable, str(REFERENCE), str(gold_path), str(pred_path)]
    out = subprocess.run(
        cmd + ["--published-given"] * published_given, capture_output=True, text=True, check=True
    )
    events, missed = EVENTS_LINE.search(out.stdout), MISSED_LINE.search(out.stdout)
    assert events and missed, out.stdout
    return {
        "events": events.groups(),
        "fields": {
            ("event_date" if k == "date" else k): (int(a), int(b))
            for k, a, b in FIELD_LINE.findall(out.stdout)
        },
        "missed": [] if missed[1] == "-" else missed[1].split(", "),
        "unmatched": int(missed[2]),
        "violations": int(missed[3]),
    }


def ours(score: ArticleScore) -> dict[str, Any]:
    """Our score in the reference's terms."""
    return {
        "events": (
            f"{score.f1:.2f}",
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            str(score.predicted),
            str(score.gold),
        ),
        "fields": {k: (t.correct, t.total) for k, t in score.fields.items()},
        "missed": list(score.missed),
        "unmatched": len(score.unmatched),
        "violations": len(score.violations),
    }


def cross_check(gold: GoldArticle, preds: list[Record], published_given: bool, tmp_path: Path) -> None:
    expected = reference(gold.path, preds, published_given, tmp_path)
    assert ours(score_article(gold, preds, published_given)) == expected


def seed_sets(gold: GoldArticle) -> dict[str, list[Record]]:
    """Hand-made prediction sets for the seed article."""
    good = perfect(gold)
    e1, e3, e6 = (event(gold, k) for k in ("E1", "E3", "E6"))
    noise = [
        record_for(e1, evidence=[span(gold.data["same_event_mentions"][0]["also_in"][1])]),  # duplicate of E1
        record_for(e3, evidence=[span(gold.data["non_events"][3]["evidence"])]),  # reinforcements
        record_for(e3, evidence=[span(gold.data["optional_non_events"][0]["evidence"])]),  # mine clearance
        record_for(e6, evidence=[span(gold.data["same_event_mentions"][3]["also_in"][0])]),  # E6 restated
        *(record_for(e) for e in gold.events if e.get("optional")),
        record_for(e1, latitude=33.5, longitude=36.3, location="Damascus", location_ar="دمشق"),
        {"doc_id": "test", "kind": "document"},
    ]
    wrong = [
        {**p, "actor1": "Islamic State", "event_date": "2017-11-01", "fatalities": 99}
        if k % 3 == 0
        else {**p, "sub_event_type": "Armed clash", "actor2": p["actor2"].upper() + " (Syria)"}
        if k % 3 == 1
        else p
        for k, p in enumerate(good)
    ]
    by_name = [{**p, "latitude": None, "longitude": None} for p in good]
    by_name = [
        {**p, "location_ar": None} if k % 2 else {**p, "location": None} for k, p in enumerate(by_name)
    ]
    return {
        "perfect": good,
        "partial": good[::2],
        "noisy": good[1:] + noise,
        "noise-only": noise,
        "wrong-fields": wrong,
        "by-name": by_name,
        "reversed": good[::-1] + noise[:2],
        "empty": [],
    }


SEED_SET_NAMES = ["perfect", "partial", "noisy", "noise-only", "wrong-fields", "by-name", "reversed", "empty"]


@needs_shared
@pytest.mark.parametrize("published_given", [True, False])
@pytest.mark.parametrize("name", SEED_SET_NAMES)
def test_cross_check_seed(seed: GoldArticle, name: str, published_given: bool, tmp_path: Path) -> None:
    cross_check(seed, seed_sets(seed)[name], published_given, tmp_path)


TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments"]
SUB_TYPES = ["Armed clash", "Air/drone strike", "Shelling/artillery/missile attack", "Attack"]
ACTORS = [
    "Islamic State",
    "Civilians (Syria)",
    "Military Forces of Syria (2000-)",
    "Unidentified Armed Group",
]
EDGE_MARKS = "«»()\"'“”[]"


def fragment(rng: random.Random, text: str) -> str:
    """At least four words of ``text``, loose quote marks trimmed: a clause-like evidence text."""
    words = text.split()
    if len(words) <= 4:
        return text
    i = rng.randrange(len(words) - 3)
    return " ".join(words[i : rng.randrange(i + 4, len(words) + 1)]).strip(EDGE_MARKS).strip()


def noisy_record(rng: random.Random, gold: GoldArticle, ev: dict[str, Any]) -> Record:
    """A record for ``ev`` with each field perturbed now and then."""
    rec = record_for(ev)
    if rng.random() < 0.25:
        rec["event_type"] = rng.choice([*str(ev["event_type"]).split("|"), *TYPES])
    if rng.random() < 0.25:
        rec["sub_event_type"] = rng.choice([*ev["sub_event_type"], *SUB_TYPES])
    for role in ("actor1", "actor2"):
        r, alternatives = rng.random(), str(ev.get(role, "")).split("|")
        rec[role] = (
            rng.choice(alternatives)
            if r < 0.2
            else rec[role].upper()
            if r < 0.3
            else f"{rec[role]} (2000-)"
            if r < 0.4
            else rng.choice(ACTORS)
            if r < 0.55
            else rec[role]
        )
    r = rng.random()
    rec["fatalities"] = (
        rng.choice(ev.get("fatalities", [0])) + 1
        if r < 0.15
        else None
        if r < 0.2
        else rng.choice(ev.get("fatalities", [0]))
        if r < 0.4
        else rec["fatalities"]
    )
    if rec["event_date"] and rng.random() < 0.3:
        shifted = dt.date.fromisoformat(rec["event_date"]) + dt.timedelta(days=rng.choice([-1, 1]))
        rec["event_date"] = rng.choice([None, shifted.isoformat()])
    r = rng.random()
    if r < 0.3:  # a few km off: sometimes inside the radius, sometimes out
        rec["latitude"] += rng.uniform(-0.12, 0.12)
        rec["longitude"] += rng.uniform(-0.12, 0.12)
    elif r < 0.45:
        rec["latitude"] = rec["longitude"] = None
    name = rec["location_ar"] or ""
    r = rng.random()
    if r < 0.15:
        rec["location_ar"] = name[2:] if name.startswith("ال") else "ال" + name
    elif r < 0.3:
        rec["location_ar"] = rng.choice([None, "مكان آخر"])
    if rng.random() < 0.3:
        rec["location"] = rng.choice([None, (rec["location"] or "").upper(), "Elsewhere"])
    r = rng.random()
    mentions = [t for m in gold.data.get("same_event_mentions", []) for t in m["also_in"]]
    others = [e["evidence"] for e in gold.events]
    text = (
        fragment(rng, ev["evidence"])
        if r < 0.25
        else rng.choice(mentions or others)
        if r < 0.4
        else rng.choice(others)
        if r < 0.5
        else "نص لا علاقة له بأي حدث"
        if r < 0.55
        else ev["evidence"]
    )
    rec["evidence"] = [span(text)] if r < 0.6 or r > 0.65 else []
    return rec


def random_set(gold: GoldArticle, seed_value: int) -> list[Record]:
    """Most events, perturbed, plus records on non-events, optional non-events and restatements."""
    rng = random.Random(f"{gold.path.name}/{seed_value}")
    preds = [noisy_record(rng, gold, e) for e in gold.events if rng.random() < 0.8]
    extras = [x["evidence"] for key in ("non_events", "optional_non_events") for x in gold.data.get(key, [])]
    extras += [t for m in gold.data.get("same_event_mentions", []) for t in m["also_in"]]
    for text in extras:
        if rng.random() < 0.4:
            preds.append({**noisy_record(rng, gold, rng.choice(gold.events)), "evidence": [span(text)]})
    if rng.random() < 0.3:
        preds.append({"doc_id": "test", "kind": "document"})
    rng.shuffle(preds)
    return preds


ALL_GOLDS = [SEED_GOLD, *DEV_GOLDS]


@needs_shared
@pytest.mark.parametrize(("seed_value", "published_given"), [(0, True), (1, True), (2, False)])
@pytest.mark.parametrize("gold_path", ALL_GOLDS, ids=[p.stem for p in ALL_GOLDS])
def test_cross_check_random(gold_path: Path, seed_value: int, published_given: bool, tmp_path: Path) -> None:
    gold = load_gold(gold_path)
    cross_check(gold, random_set(gold, seed_value), published_given, tmp_path)


@needs_shared
@pytest.mark.parametrize("gold_path", ALL_GOLDS, ids=[p.stem for p in ALL_GOLDS])
def test_cross_check_perfect(gold_path: Path, tmp_path: Path) -> None:
    gold = load_gold(gold_path)
    cross_check(gold, perfect(gold), True, tmp_path)


# --- normalisation: everything the reference equates, we equate ----------------------------------------


@functools.cache
def reference_norm() -> Any:
    if not REFERENCE.is_file():
        pytest.skip("reference scorer missing")
    spec = importlib.util.spec_from_file_location("score_gold", REFERENCE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


ALPHABET = [*"ابتةجحدرسشصطعغفقكلمنهوىيأإآؤئءٱ", "\u064e", "\u0650", "\u0651", "\u0652", "\u0640"]
ALPHABET += [*" \t\n«»()\"'-/|", *"AbcXyz019٠١٢"]


@needs_shared
@given(st.text(alphabet=ALPHABET, max_size=16))
def test_normalize_key_absorbs_the_reference_norm(text: str) -> None:
    norm = reference_norm()
    assert normalize_key(norm(text)) == normalize_key(text)


@needs_shared
@given(
    st.text(alphabet=ALPHABET, max_size=16),
    st.integers(0, 16),
    st.integers(0, 16),
    st.text(ALPHABET, max_size=3),
)
def test_reference_containment_implies_ours(text: str, i: int, j: int, noise: str) -> None:
    norm = reference_norm()
    part = text[min(i, j) : max(i, j)]
    for a, b in ((part, text), (part + noise, text), (noise + part, text)):
        ra, rb = norm(a), norm(b)
        ka, kb = normalize_key(a), normalize_key(b)
        if ra and ka and (ra in rb or rb in ra):  # a text normalising to nothing is ignored on purpose
            assert ka and (ka in kb or kb in ka)
