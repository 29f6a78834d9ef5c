"""Whatever text comes in, extraction does not raise and every evidence span is the raw text it names."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import rasd

_WORDS = ["قصفت", "الطائرات", "الحربية", "الروسية", "قوات", "النظام", "داعش", "«قسد»", "مدينة", "البوكمال",
          "بلدة", "قرب", "غرب", "ريف", "دير", "الزور", "مقتل", "32", "مدنياً", "أمس", "الأربعاء", "الماضي",
          "سيطرت", "على", "بعد", "معارك", "مع", "تنظيم", "عشرات", "بين", "قتيل", "وجريح", "ستتقدم", "تعزيزات",
          "لم", "نفى", "المدينة", "وريفها", "الحوثيين", "تعز", "غارات", "قذائف", "الهاون", "اختطف", "اعتقلت",
          "،", ".", "\n", "\n\n", "(", ")", "ـ", "ً", "٣٢", "فجر", "حيث", "في", "من", "و", "ﻻ", "﴿", "﴾", "\u200f"]

_text = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=60).map(" ".join)
_noise = st.text(max_size=200)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_text, _noise), st.sampled_from([None, dt.date(2017, 11, 12)]))
def test_extraction_never_raises_and_evidence_is_exact(text: str, published: dt.date | None) -> None:
    doc = rasd.extract(text, published)
    for ev in doc.events:
        assert ev.event_type and ev.sub_event_type
        assert ev.location.geo_precision in (1, 2, 3)
        if published is None:
            assert ev.date.date is None
        for e in ev.evidence:
            assert doc.text[e.start : e.end] == e.text
