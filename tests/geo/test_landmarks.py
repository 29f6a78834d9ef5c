"""Landmarks: airports, bases, crossings and dams, known to the gazetteer or placed at the town they are named after.

The embedded gazetteer has populated places and admin areas only; a GeoNames-built index (``rasd gazetteer
build``) also has airports (S), dams and rivers (H), hills (T).  These tests use a small gazetteer of that kind.
"""

from __future__ import annotations

import pytest

from rasd.geo.gazetteer import Gazetteer
from rasd.model import Article
from rasd.pipeline import Pipeline

ROWS = [
    # facts from GeoNames (ids, coordinates); the airport row stands for what a built index carries
    {"geonameid": "170063", "name_en": "Aleppo", "name_ar": "حلب", "lat": "36.20278", "lon": "37.15861",
     "country": "SY", "feature": "P", "population": "1602264", "admin1": "Aleppo", "admin1_ar": "حلب"},
    {"geonameid": "170062", "name_en": "Aleppo", "name_ar": "حلب", "lat": "36.20278", "lon": "37.15861",
     "country": "SY", "feature": "A", "admin1": "Aleppo", "admin1_ar": "حلب"},
    {"geonameid": "9000001", "name_en": "Kuweires Military Airbase", "name_ar": "مطار كويرس",
     "arabic_names": "مطار كويرس العسكري", "lat": "36.18", "lon": "37.58", "country": "SY", "feature": "S",
     "admin1": "Aleppo", "admin1_ar": "حلب"},
    {"geonameid": "9000002", "name_en": "Kuweires", "name_ar": "كويرس", "lat": "36.19", "lon": "37.57",
     "country": "SY", "feature": "T", "admin1": "Aleppo", "admin1_ar": "حلب"},
    {"geonameid": "9000003", "name_en": "Kuweires Sharqi", "name_ar": "كويرس", "lat": "36.17", "lon": "37.60",
     "country": "SY", "feature": "P", "population": "0", "admin1": "Aleppo", "admin1_ar": "حلب"},
]
COUNTRIES = [{"iso2": "SY", "iso3": "SYR", "iso_numeric": "760", "name_en": "Syria", "name_ar": "سوريا|سورية",
              "region": "Middle East"}]


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(gaz=Gazetteer.from_rows(ROWS, COUNTRIES))


def _events(pipe: Pipeline, text: str) -> list[tuple[str | None, str | None, int, str | None]]:
    doc = pipe(Article("t", text))
    return [(e.location.name_ar, e.location.name_en, e.location.geo_precision, e.location.relation)
            for e in doc.events]


@pytest.mark.parametrize("name", ["مطار كويرس العسكري", "مطار كويرس"])
def test_a_landmark_the_gazetteer_knows_is_the_landmark_itself(pipe: Pipeline, name: str) -> None:
    evs = _events(pipe, f"قصف تنظيم داعش {name} في ريف حلب الشرقي بقذائف الهاون.")
    assert evs == [(name, "Kuweires Military Airbase", 1, None)]


def test_a_bare_name_prefers_the_village_to_the_hill(pipe: Pipeline) -> None:
    doc = pipe(Article("t", "قصفت قوات النظام قرية كويرس في ريف حلب."))
    (ev,) = doc.events
    assert ev.location.place is not None and ev.location.place.feature == "P", ev.location


def test_an_unknown_landmark_is_placed_at_its_town(pipe: Pipeline) -> None:
    evs = _events(pipe, "قصفت قوات النظام معبر حلب الحدودي بالمدفعية.")
    assert evs and evs[0][3] == "landmark" and evs[0][2] == 2, evs
