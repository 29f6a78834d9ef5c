"""Arabic names matched to gazetteer entries known only by a Latin transliteration."""

from __future__ import annotations

import pytest

import rasd
from rasd.geo.translit import SkeletonIndex, arabic_skeleton, latin_skeleton
from rasd.model import Place


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("المنصورة", "Al Mansura"),
        ("ترهونة", "Tarhunah"),
        ("ترهونة", "Tarhuna"),
        ("الشيخ عثمان", "Ash Shaykh ‘Uthman"),
        ("مشرعة وحدنان", "Mashra'ah wa Hadnan"),
        ("جبل حبشي", "Jabal Habashi"),
        ("الصخيرات", "Skhirat"),
        ("غريان", "Gharyan"),
        ("القطن", "Al Qatn"),
    ],
)
def test_spellings_of_one_name_share_a_skeleton(arabic: str, latin: str) -> None:
    assert arabic_skeleton(arabic) == latin_skeleton(latin)


@pytest.mark.parametrize(("arabic", "latin"), [("ترهونة", "Tripoli"), ("المنصورة", "Al Mukalla"), ("عدن", "Aden")])
def test_different_names_differ_or_are_too_short(arabic: str, latin: str) -> None:
    # «عدن» / Aden has only two consonants: too little to match on
    sk = arabic_skeleton(arabic)
    assert sk != latin_skeleton(latin) or len(sk) < 3


def _place(name_en: str, country: str, name_ar: str = "", feature: str = "P") -> Place:
    return Place(key=name_en.lower(), name_en=name_en, name_ar=name_ar, lat=0.0, lon=0.0, country=country, iso=None,
                 feature=feature)


def test_the_index_holds_only_entries_without_an_arabic_name_and_keeps_countries_apart() -> None:
    idx = SkeletonIndex([_place("Tarhuna", "LY"), _place("Tarhuna", "TN"), _place("Mansura", "YE", "المنصورة")])
    assert [p.country for p in idx.lookup("ترهونة", "LY")] == ["LY"]
    assert idx.lookup("المنصورة", "YE") == []  # it has an Arabic name: matched by that, never by its skeleton
    assert idx.lookup("تر", "LY") == []


def test_a_town_known_only_in_latin_is_found_when_the_text_calls_it_a_town() -> None:
    doc = rasd.extract("شن طيران الوفاق غارات على مواقع قوات حفتر في مدينة ترهونة.", "2020-06-05")
    (ev,) = doc.events
    assert ev.location.name_ar == "ترهونة"
    assert ev.location.name_en == "Tarhuna" and ev.location.geo_precision == 1
    assert ev.location.relation == "transliteration"  # the reviewer sees how it was matched
    assert ev.location.place is not None and ev.location.place.country == "LY"


def test_without_a_head_noun_a_transliteration_is_not_trusted() -> None:
    doc = rasd.extract("شن طيران الوفاق غارات على مواقع قوات حفتر في ترهونة.", "2020-06-05")
    assert all(ev.location.relation != "transliteration" for ev in doc.events)
