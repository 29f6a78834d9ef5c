"""rasd.geo.online against a fake Nominatim on 127.0.0.1: parameters, throttle, cache, failures, rows."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import itertools
import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from rasd import config
from rasd.errors import RasdError
from rasd.geo import online
from rasd.geo.gazetteer import COLUMNS, Gazetteer
from rasd.geo.online import (
    SUGGESTION_COLUMNS,
    Suggestion,
    SuggestOptions,
    UnresolvedName,
    feature_class,
    suggest_places,
)
from rasd.geo.suggestions import append_suggestions
from rasd.lexicon import loader
from rasd.text.normalize import normalize_key

DELAY = 0.2
UA = "rasd-tests/1.0 (test@example.org)"


def _result(
    osm_id: int, name_ar: str, name_en: str, lat: str, lon: str, category: str, kind: str,
    importance: float = 0.3, osm_type: str = "node", **address: str,
) -> dict[str, Any]:
    """One result as Nominatim's jsonv2 format gives it, with addressdetails and namedetails."""
    return {
        "place_id": 100000 + osm_id, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": osm_type, "osm_id": osm_id, "lat": lat, "lon": lon,
        "category": category, "type": kind, "place_rank": 19, "importance": importance,
        "addresstype": kind, "name": name_ar,
        "display_name": ", ".join([name_ar, *address.values(), "سوريا"]),
        "address": {kind: name_ar, **address, "country": "سوريا", "country_code": "sy"},
        "namedetails": {"name": name_ar, "name:ar": name_ar, "name:en": name_en},
        "boundingbox": [lat, lat, lon, lon],
    }


HAJIN = _result(
    2710184521, "هجين", "Hajin", "34.6957106", "40.8296473", "place", "town", 0.41,
    county="منطقة البوكمال", state="محافظة دير الزور",
)
KASHMA_SHOP = _result(11, "سوبرماركت الكشمة", "Kashma Market", "35.1", "40.1", "shop", "supermarket", 0.5)
KASHMA_ROAD = _result(12, "شارع الكشمة", "Kashma Street", "35.2", "40.2", "highway", "residential", 0.45,
                      osm_type="way")
KASHMA = _result(13, "الكشمة", "Al-Kashmah", "35.0331", "40.5619", "place", "village", 0.25,
                 state="محافظة دير الزور")
T4 = _result(300, "مطار التيفور", "Tiyas Air Base", "34.5224", "37.6296", "aeroway", "aerodrome", 0.35,
             osm_type="way", state="محافظة حمص")
PHARMACY = _result(21, "صيدلية الشفاء", "Al-Shifa Pharmacy", "33.5", "36.3", "amenity", "pharmacy")
MUSTANA = _result(77, "خربة المصطنعة", "Khirbat al-Mustana", "35.9876543", "39.1234567", "place", "hamlet",
                  0.12, state="محافظة الرقة")
ONLY_ROAD = _result(31, "طريق الكسرة", "Kasra Road", "35.3", "39.9", "highway", "primary", 0.2, osm_type="way")


@dataclass
class FakeNominatim:
    """Answers /search by the ``q`` parameter: a list is sent as JSON, an int is an HTTP status, bytes are sent
    as they are, a float is a delay (seconds) before an empty answer.  Every request is recorded."""

    url: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def queries(self) -> list[str]:
        return [r["params"].get("q", "") for r in self.requests]


@pytest.fixture(scope="module")
def server() -> Iterator[FakeNominatim]:
    fake = FakeNominatim()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            fake.requests.append({
                "path": url.path, "params": params, "user_agent": self.headers.get("User-Agent"),
                "at": time.monotonic(),
            })
            answer = fake.answers.get(params.get("q", ""), []) if url.path == "/search" else 404
            if isinstance(answer, float):
                time.sleep(answer)
                answer = []
            if isinstance(answer, int):
                self.send_response(answer)
                self.end_headers()
                return
            body = answer if isinstance(answer, bytes) else json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (the timeout test)
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def fake(server: FakeNominatim) -> FakeNominatim:
    server.requests.clear()
    server.answers.clear()
    server.answers.update({
        "هجين": [HAJIN],
        "الكشمة": [KASHMA_SHOP, KASHMA_ROAD, KASHMA],
        "مطار التيفور": [T4],
        "صيدلية الشفاء": [PHARMACY],
        "خربة المصطنعة": [MUSTANA],
        "طريق الكسرة": [ONLY_ROAD],
        "مكان مجهول": [],
    })
    return server


def _opts(fake: FakeNominatim, tmp_path: Path, **changes: Any) -> SuggestOptions:
    base = SuggestOptions(base_url=fake.url, user_agent=UA, min_delay_seconds=DELAY, timeout_seconds=2.0,
                          cache=tmp_path / "cache" / "nominatim.sqlite")
    return dataclasses.replace(base, **changes)


def _name(name: str, country: str | None = "SY", count: int = 3, example: str = "") -> UnresolvedName:
    return UnresolvedName(name=name, key=normalize_key(name), country=country, count=count, example=example)


def test_request_parameters_and_row(fake: FakeNominatim, tmp_path: Path, gazetteer: Gazetteer) -> None:
    [s] = suggest_places([_name("بلدة هجين", example="اشتباكات في بلدة هجين شرق دير الزور")],
                         _opts(fake, tmp_path))
    [req] = fake.requests
    assert req["path"] == "/search"
    assert req["user_agent"] == UA
    p = req["params"]
    assert p["q"] == "هجين"  # the generic head is not sent
    assert p["countrycodes"] == "sy"
    assert p["accept-language"] == "ar,en"
    assert p["addressdetails"] == "1" and p["namedetails"] == "1"
    assert (s.osm_type, s.osm_id, s.category, s.place_type) == ("node", 2710184521, "place", "town")
    assert s.source == "nominatim:node/2710184521" and s.importance == pytest.approx(0.41)
    assert s.display_name.startswith("هجين")
    row = s.row
    assert tuple(row) == SUGGESTION_COLUMNS
    assert row["name_ar"] == "بلدة هجين" and row["name_en"] == "Hajin"
    assert (row["lat"], row["lon"]) == ("34.6957106", "40.8296473")  # as Nominatim gave them
    assert (row["country"], row["feature"]) == ("SY", "P")
    assert (row["admin1"], row["admin1_ar"]) == ("", "محافظة دير الزور")
    assert row["admin2_ar"] == "منطقة البوكمال"
    assert row["arabic_names"] == "هجين"
    assert (row["status"], row["source"]) == ("suggested", "nominatim:node/2710184521")
    assert row["geonameid"] == "" and row["keys"] == ""

    # With the gazetteer, admin names take its spellings in both languages (served from the cache).
    [s2] = suggest_places([_name("بلدة هجين")], _opts(fake, tmp_path), gazetteer=gazetteer)
    assert len(fake.requests) == 1
    assert (s2.row["admin1"], s2.row["admin1_ar"]) == ("Deir ez-Zor", "دير الزور")
    assert (s2.row["admin2"], s2.row["admin2_ar"]) == ("Abu Kamal", "البو كمال")


def test_no_country_no_restriction(fake: FakeNominatim, tmp_path: Path) -> None:
    suggest_places([_name("هجين", country=None)], _opts(fake, tmp_path))
    assert "countrycodes" not in fake.requests[0]["params"]


def test_requests_are_spaced(fake: FakeNominatim, tmp_path: Path) -> None:
    names = [_name(n) for n in ("هجين", "الكشمة", "مطار التيفور")]
    out = suggest_places(names, _opts(fake, tmp_path, cache=None))
    assert len(out) == 3
    times = [r["at"] for r in fake.requests]
    assert len(times) == 3
    # The client spaces its sends by DELAY; arrival times may jitter by a few milliseconds.
    assert all(b - a >= DELAY - 0.02 for a, b in itertools.pairwise(times))


def test_public_server_is_never_asked_faster_than_once_a_second() -> None:
    assert SuggestOptions(min_delay_seconds=0.1).effective_delay() == 1.0
    assert SuggestOptions(base_url="http://127.0.0.1:8080", min_delay_seconds=0.1).effective_delay() == 0.1


def test_cache_stops_repeated_requests(fake: FakeNominatim, tmp_path: Path) -> None:
    opts = _opts(fake, tmp_path)
    names = [_name("هجين"), _name("مكان مجهول"), _name("هجين")]  # a repeat in one run is asked once
    stats: dict[str, int] = {}
    first = suggest_places(names, opts, stats=stats)
    assert fake.queries() == ["هجين", "مكان مجهول"]
    assert stats["requested"] == 2 and stats["not_found"] == 1 and stats["suggested"] == 1
    assert opts.cache is not None and opts.cache.is_file()  # created with its parent directory
    again = suggest_places(names, opts, stats=stats)
    assert len(fake.requests) == 2  # nothing asked again, the empty answer included
    assert stats["cached"] == 2 and stats["requested"] == 0
    assert [s.row for s in again] == [s.row for s in first]
    # Another country is another question.
    suggest_places([_name("هجين", country="IQ")], opts)
    assert len(fake.requests) == 3 and fake.requests[-1]["params"]["countrycodes"] == "iq"


def test_failures_do_not_stop_the_run_and_are_not_cached(
    fake: FakeNominatim, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake.answers.update({"معطل": 500, "مشوش": b"<html>not json", "بطيء": 0.6})
    opts = _opts(fake, tmp_path, timeout_seconds=0.3)
    names = [_name(n) for n in ("معطل", "هجين", "مشوش", "بطيء", "الكشمة")]
    stats: dict[str, int] = {}
    with caplog.at_level("WARNING", logger="rasd.geo.online"):
        out = suggest_places(names, opts, stats=stats)
    assert [s.row["name_ar"] for s in out] == ["هجين", "الكشمة"]
    assert stats["failed"] == 3
    for n in ("معطل", "مشوش", "بطيء"):
        assert n in caplog.text
    # The next run asks again for the failed names only; a 200 now is used and cached.
    fake.requests.clear()
    fake.answers.update({"معطل": [HAJIN], "مشوش": [], "بطيء": []})
    out = suggest_places(names, opts, stats=stats)
    assert sorted(fake.queries()) == sorted(["معطل", "مشوش", "بطيء"])
    assert stats["failed"] == 0 and len(out) == 3


def test_non_place_results_are_skipped(fake: FakeNominatim, tmp_path: Path) -> None:
    names = [_name(n) for n in ("الكشمة", "صيدلية الشفاء", "مطار التيفور", "طريق الكسرة")]
    out = {s.name.name: s for s in suggest_places(names, _opts(fake, tmp_path))}
    # The shop and the street rank above the village in Nominatim's answer; the village is the place.
    assert out["الكشمة"].osm_id == 13 and out["الكشمة"].row["feature"] == "P"
    assert out["الكشمة"].row["name_en"] == "Al-Kashmah"
    assert "صيدلية الشفاء" not in out  # nothing but a pharmacy: no suggestion
    assert out["مطار التيفور"].row["feature"] == "S" and out["مطار التيفور"].source == "nominatim:way/300"
    assert out["طريق الكسرة"].row["feature"] == "L"  # a road, only because nothing else came back


@pytest.mark.parametrize(
    ("category", "kind", "feature"),
    [
        ("place", "city", "P"), ("place", "neighbourhood", "P"), ("place", "quarter", "P"),
        ("boundary", "administrative", "A"), ("place", "state", "A"),
        ("aeroway", "aerodrome", "S"), ("military", "base", "S"), ("landuse", "military", "S"),
        ("building", "yes", "S"), ("waterway", "dam", "S"),
        ("waterway", "river", "H"), ("natural", "water", "H"),
        ("natural", "peak", "T"), ("natural", "valley", "T"), ("natural", "hill", "T"),
        ("place", "locality", "L"), ("highway", "primary", "L"),
    ],
)
def test_feature_classes(category: str, kind: str, feature: str) -> None:
    assert feature_class(category, kind) == feature


def test_max_lookups_per_run(fake: FakeNominatim, tmp_path: Path) -> None:
    stats: dict[str, int] = {}
    opts = _opts(fake, tmp_path, max_lookups=1, min_delay_seconds=0.0)
    out = suggest_places([_name("هجين"), _name("الكشمة")], opts, stats=stats)
    assert len(out) == 1 and len(fake.requests) == 1 and stats["deferred"] == 1
    # The next run finds the first in the cache and asks for the second.
    out = suggest_places([_name("هجين"), _name("الكشمة")], opts, stats=stats)
    assert len(out) == 2 and fake.queries() == ["هجين", "الكشمة"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _suggestions(fake: FakeNominatim, tmp_path: Path, *names: str) -> list[Suggestion]:
    return suggest_places([_name(n, example="قصف على " + n) for n in names], _opts(fake, tmp_path,
                                                                                   min_delay_seconds=0.0))


def test_append_creates_the_file(fake: FakeNominatim, tmp_path: Path) -> None:
    path = tmp_path / "data" / "gazetteer-overrides.tsv"
    sugg = _suggestions(fake, tmp_path, "هجين", "مطار التيفور")
    assert append_suggestions(path, sugg) == 2
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#")
    header = next(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    assert tuple(header.split("\t")) == SUGGESTION_COLUMNS
    assert "قصف على هجين" in text  # the review comment carries the example
    rows = _rows(path)
    assert [r["name_ar"] for r in rows] == ["هجين", "مطار التيفور"]
    assert all(r["status"] == "suggested" for r in rows)
    assert [r["source"] for r in rows] == ["nominatim:node/2710184521", "nominatim:way/300"]
    assert (rows[1]["lat"], rows[1]["lon"], rows[1]["country"], rows[1]["feature"]) == ("34.5224", "37.6296",
                                                                                          "SY", "S")
    # Names already in the file are not written twice.
    assert append_suggestions(path, sugg) == 0
    assert append_suggestions(path, _suggestions(fake, tmp_path, "الكشمة", "هجين")) == 1
    assert [r["name_ar"] for r in _rows(path)] == ["هجين", "مطار التيفور", "الكشمة"]


def test_append_to_a_file_with_the_old_header(fake: FakeNominatim, tmp_path: Path) -> None:
    path = tmp_path / "gazetteer-overrides.tsv"
    old = dict.fromkeys(COLUMNS, "")
    old.update(name_en="Hajin", name_ar="هجين", lat="34.69", lon="40.83", country="SY", feature="P")
    path.write_text("# my places\n" + "\t".join(COLUMNS) + "\n" + "\t".join(old.values()), encoding="utf-8")
    assert append_suggestions(path, _suggestions(fake, tmp_path, "هجين", "الكشمة")) == 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my places\n")
    rows = _rows(path)
    assert list(rows[0]) == list(SUGGESTION_COLUMNS)
    assert rows[0]["name_en"] == "Hajin" and not rows[0]["status"]  # the user's row is untouched
    assert rows[1]["name_ar"] == "الكشمة" and rows[1]["status"] == "suggested"


def test_suggested_rows_are_not_loaded_until_accepted(fake: FakeNominatim, tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = data / "gazetteer-overrides.tsv"
    assert append_suggestions(path, _suggestions(fake, tmp_path, "خربة المصطنعة")) == 1

    def found() -> bool:
        Gazetteer.clear_cache()
        return any(p.lat == pytest.approx(35.9876543) for p in Gazetteer.default().lookup_name("خربة المصطنعة"))

    saved = loader._USER_DIR
    loader.set_data_dir(data)
    try:
        assert not found()
        text = path.read_text(encoding="utf-8").replace("\tsuggested\tnominatim:", "\t\tnominatim:")
        path.write_text(text, encoding="utf-8")
        assert found()
        path.write_text(text.replace("\t\tnominatim:", "\tok\tnominatim:"), encoding="utf-8")
        assert found()
    finally:
        loader.set_data_dir(saved)
        Gazetteer.clear_cache()


def test_options_from_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RASD_GEOCODER_NOMINATIM_URL", "http://127.0.0.1:9999")
    monkeypatch.setenv("RASD_GEOCODER_MIN_DELAY_SECONDS", "2.5")
    monkeypatch.setenv("RASD_GEOCODER_CACHE", str(tmp_path / "c.sqlite"))
    config.settings.cache_clear()
    try:
        opts = SuggestOptions.from_settings(max_lookups=5)
    finally:
        monkeypatch.undo()
        config.settings.cache_clear()
    assert opts.base_url == "http://127.0.0.1:9999"
    assert opts.min_delay_seconds == 2.5 and opts.timeout_seconds == 10.0
    assert opts.user_agent == "rasd-gazetteer-suggestions"
    assert opts.cache == tmp_path / "c.sqlite" and opts.max_lookups == 5


def test_without_geopy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "geopy.geocoders", None)
    with pytest.raises(RasdError) as err:
        suggest_places([_name("هجين")], SuggestOptions(base_url="http://127.0.0.1:9", cache=None))
    assert err.value.code == "E306" and "rasd[online]" in str(err.value)
    assert online.best_result([]) is None


def test_the_cli_lists_unresolved_names_and_writes_suggestions(fake: FakeNominatim, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from rasd import config
    from rasd.cli import main

    monkeypatch.setenv("RASD_GEOCODER_CACHE", str(tmp_path / "cache.sqlite"))  # never the user's own cache
    monkeypatch.setenv("RASD_GEOCODER_MIN_DELAY_SECONDS", str(DELAY))
    config.reset()

    corpus = tmp_path / "a.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "قصفت قوات النظام بلدة الكشمة قرب بلدة صبيخان بريف دير الزور."},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    overrides = tmp_path / "overrides.tsv"
    try:
        res = CliRunner().invoke(main, [
            "gazetteer", "unresolved", str(corpus), "--suggest", "--overrides", str(overrides),
            "--nominatim-url", fake.url, "--max-lookups", "5"])
    finally:
        config.reset()
    assert res.exit_code == 0, res.output
    assert "الكشمة\t" in res.stdout and "SY" in res.stdout
    assert fake.queries() == ["الكشمة"]
    assert fake.requests[0]["params"]["countrycodes"] == "sy"
    rows = [ln.split("\t") for ln in overrides.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header, *body = rows
    assert len(body) == 1
    row = dict(zip(header, body[0], strict=False))
    assert row["status"] == "suggested" and row["name_ar"] == "الكشمة" and row["lat"] == "35.0331"
    assert "1 suggestions written" in res.stderr
    assert (tmp_path / "cache.sqlite").is_file()


def test_suggest_needs_an_overrides_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from rasd.cli import main

    corpus = tmp_path / "a.txt"
    corpus.write_text("قصفت قوات النظام بلدة الكشمة.", encoding="utf-8")
    res = CliRunner().invoke(main, ["gazetteer", "unresolved", str(corpus), "--suggest"])
    assert res.exit_code == 2 and "overrides" in res.output
