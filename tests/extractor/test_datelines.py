"""Datelines («دمشق - رويترز:») and the country of generic groups."""

from __future__ import annotations

import rasd

TEXT = """عنوان الخبر

دمشق - رويترز: قصفت قوات النظام بلدة كفرنبل في ريف إدلب أمس، ما أدى إلى مقتل خمسة مدنيين.

بيروت – «الحياة»: قتل ثلاثة مدنيين في انفجار سيارة مفخخة في مدينة طرابلس شمال لبنان."""


def test_dateline_place_is_not_the_event_place() -> None:
    doc = rasd.extract(TEXT, "2019-05-20")
    places = {e.location.name_ar for e in doc.events}
    assert "دمشق" not in places and "بيروت" not in places
    assert {"كفرنبل", "طرابلس"} <= places


def test_generic_groups_take_the_country_of_the_place() -> None:
    doc = rasd.extract(TEXT, "2019-05-20")
    [blast] = [e for e in doc.events if e.location.name_ar == "طرابلس"]
    assert blast.location.place is not None and blast.location.place.country == "LB"
    assert blast.actor2 == "Civilians (Lebanon)" and blast.fatalities == 3
    [shelling] = [e for e in doc.events if e.location.name_ar == "كفرنبل"]
    assert shelling.actor2 == "Civilians (Syria)" and shelling.date.date is not None
