"""Hand-made event records for the export tests, shaped like rasd.output.records.event_record's output."""

from __future__ import annotations

from typing import Any

from rasd.export import EXPORT_COLUMNS


def record(**fields: Any) -> dict[str, Any]:
    """A complete event record: a Syrian battle near Aleppo, with ``fields`` replacing its values."""
    rec: dict[str, Any] = {
        "doc_id": "syria-0001", "event_date": "2015-07-21", "year": 2015, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-2024)",
        "assoc_actor_1": ["Hezbollah", "NDF: National Defence Forces"],
        "inter1": 1, "actor2": "Jabhat al Nusra", "assoc_actor_2": [], "inter2": 2, "interaction": 12,
        "civilian_targeting": "", "iso": 760, "region": "Middle East", "country": "Syria", "admin1": "Aleppo",
        "admin2": "Jebel Saman", "admin3": None, "location": "Aleppo", "latitude": 36.20124, "longitude": 37.16117,
        "geo_precision": 1, "source": "SOHR; Asharq al-Awsat", "source_scale": "Regional",
        "notes": "On 2015-07-21, Military Forces of Syria: armed clash against Jabhat al Nusra in Aleppo, Aleppo.",
        "fatalities": 12, "tags": "", "timestamp": None, "location_ar": "حلب", "admin1_ar": "حلب",
        "admin2_ar": "جبل سمعان", "geonameid": 170063, "date_expression": "أمس", "claim_source": "المرصد السوري",
        "fatalities_note": None, "location_relation": None,
        "candidates": [{"geonameid": 170062, "name": "Aleppo", "name_ar": "محافظة حلب", "country": "SY",
                        "admin1": "Aleppo", "admin2": None, "feature": "A", "latitude": 36.25, "longitude": 37.5,
                        "population": 0, "score": 4.5}],
        "control_change": None, "zone": "body",
        "evidence": [{"field": "trigger", "start": 10, "end": 20, "text": "اشتباكات عنيفة"},
                     {"field": "location", "start": 30, "end": 33, "text": "حلب"}],
    }
    rec.update(fields)
    return rec


def sample_records() -> list[dict[str, Any]]:
    """Five events that between them use every column type, Arabic text, quotes, commas and new lines."""
    return [
        record(),
        record(doc_id="yemen-0002", event_date="2015-03-26", event_type="Violence against civilians",
               sub_event_type="Attack", actor1=None, assoc_actor_1=[], inter1=None, actor2="Civilians (Yemen)",
               inter2=7, interaction=70, civilian_targeting="Civilian targeting", iso=887, country="Yemen",
               admin1="Aden", admin2=None, location="Crater", latitude=12.7797, longitude=45.0095,
               location_ar="كريتر", admin1_ar="عدن", admin2_ar=None, geonameid=None, fatalities=3,
               claim_source=None, date_expression=None, candidates=[],
               notes='Said "three killed", in Aden,\nthen more.'),
        record(doc_id="iraq-0003", event_date=None, year=None, time_precision=None,
               event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="Coalition",
               assoc_actor_1=[], iso=368, country="Iraq", admin1="Anbar", admin2=None, location="الرمادي",
               latitude=None, longitude=None, geo_precision=3, location_ar="الرمادي", admin1_ar="الأنبار",
               date_expression="الأربعاء الماضي", fatalities=0, fatalities_note="عشرات الجرحى"),
        record(doc_id="syria-0004", event_date="2015-12-31", event_type="Protests",
               sub_event_type="Peaceful protest", actor1="Protesters (Syria)", assoc_actor_1=[], inter1=6,
               actor2=None, assoc_actor_2=["Students (Syria)", "Teachers (Syria)"], inter2=None, interaction=60,
               admin1="Idlib", admin2="Idlib", location="Idlib", latitude=35.93062, longitude=36.63393,
               location_ar="إدلب", admin1_ar="إدلب", fatalities=0, control_change={"to": "جيش الفتح"},
               location_relation="قرب"),
        record(doc_id="syria-0005", event_id_cnty="SYR12345", event_date="2016-01-02", year=2016,
               actor1="Islamic State (Syria)", assoc_actor_1=[], actor2="Military Forces of Syria (2000-2024)",
               admin1="Deir ez Zor", location="Deir ez-Zor", latitude=35.33588, longitude=40.14084,
               location_ar="دير الزور", admin1_ar="دير الزور", evidence=[]),
    ]


def complete(rec: dict[str, Any]) -> dict[str, Any]:
    """The record with every export column (missing ones None), as a full-schema reader returns it."""
    return {col: rec.get(col) for col in EXPORT_COLUMNS}


def as_csv_reads_it(rec: dict[str, Any]) -> dict[str, Any]:
    """What a record becomes through CSV: every export column, empty strings as None."""
    return {col: (None if value == "" else value) for col, value in complete(rec).items()}
