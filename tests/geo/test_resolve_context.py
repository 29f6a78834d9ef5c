"""Candidates judged by the article's context: its country, the head noun before a name, admin levels."""

from __future__ import annotations

import pytest

import rasd


def _places(text: str) -> list[tuple[str | None, str | None, str | None, int]]:
    doc = rasd.extract(text, "2015-08-01")
    return [(e.location.name_ar, e.location.place.country if e.location.place else None,
             e.location.place.admin1 if e.location.place else None, e.location.geo_precision) for e in doc.events]


@pytest.mark.parametrize(("text", "country", "admin1"), [
    # an area of the article's country is never a big city abroad of the same name (Busan, Mansoura)
    ("قصفت ميليشيات الحوثي منطقة بوسان في محافظة لحج اليمنية.", "YE", "Lahij"),
    ("قصفت ميليشيات الحوثي مديرية المنصورة في عدن.", "YE", "Aden"),
    # named as a province, a province abroad is still taken
    ("اندلعت اشتباكات بين الجيش السوداني وقوات الدعم السريع في ولاية الجزيرة.", "SD", None),
])
def test_places_stay_in_the_articles_country(text: str, country: str, admin1: str | None) -> None:
    places = _places(text)
    assert places, text
    for _, c, a1, _ in places:
        assert c == country, places
        if admin1:
            assert a1 == admin1, places


@pytest.mark.parametrize(("text", "precision"), [
    ("قصفت قوات النظام محافظة إدلب بالبراميل المتفجرة.", 3),  # a province: its capital, precision 3
    ("سيطر تنظيم داعش على قضاء سنجار غرب الموصل.", 2),  # a district: a small part of a region, precision 2
    ("قصفت قوات النظام مدينة إدلب بالبراميل المتفجرة.", 1),  # the city itself
])
def test_admin_levels_give_acled_precision(text: str, precision: int) -> None:
    places = _places(text)
    assert places and all(p == precision for *_, p in places), places


def test_a_region_word_after_a_plural_head_is_no_place() -> None:
    # «كبرى مدن الجنوب»: the cities of the south, not Eritrea's Southern Region (Debub); and the list after it
    # stops at «وبدعم من» (with the support of)
    doc = rasd.extract("سيطرت المقاومة الشعبية على مدينة عدن، كبرى مدن الجنوب، وبدعم من طيران التحالف تمكنت من "
                       "طرد الحوثيين.")
    places = [m for m in doc.mentions if m.kind == "place"]
    assert [m.text for m in places] == ["عدن"]
    assert all(m.get("country") == "YE" for m in places)


@pytest.mark.parametrize(("text", "town"), [
    # neighbourhoods named like places abroad (Meisir in Israel, Djamaa in Algeria) are parts of the town named
    ("قتل عشرة مدنيين في قصف لطائرات النظام على مبان سكنية في أحياء الميسر والصاخور والكلاسة بحلب.", "Aleppo"),
    # an initial takes the next word, however frequent: «أم ولد» is a village of Daraa, not Ilam in Iran
    ("ألقى الطيران المروحي البراميل المتفجرة على قرية أم ولد بريف درعا الشرقي.", None),
])
def test_parts_and_villages_are_not_placed_abroad(text: str, town: str | None) -> None:
    doc = rasd.extract(text, "2015-08-01")
    assert doc.events
    for ev in doc.events:
        assert ev.location.place is not None and ev.location.place.country == "SY", ev.location
        if town:
            assert ev.location.place.name_en == town


def test_a_common_word_that_is_a_place_name_without_its_article_is_no_place() -> None:
    # «جزيرة سترة» (the island of Sitra, Bahrain): not the Gezira state of Sudan
    doc = rasd.extract("أدان المجلس التفجير الإرهابي في جزيرة سترة البحرينية.", "2015-08-01")
    assert all(m.get("country") != "SD" for m in doc.mentions if m.kind == "place")
