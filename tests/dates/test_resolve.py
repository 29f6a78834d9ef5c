"""Tests for rasd.dates: finding Arabic date expressions and resolving them against the publication date."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dates import DateMention, default_date, find_dates, resolve
from rasd.model import EventDate
from rasd.text.normalize import normalize

SUN = dt.date(2017, 11, 12)  # a Sunday, the seed article's publication date
SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def only(raw: str) -> DateMention:
    """The single date mention in ``raw``, with its offsets checked."""
    found = find_dates(raw)
    assert len(found) == 1, [m.text for m in found]
    m = found[0]
    assert raw[m.start:m.end] == m.text
    return m


# (raw, published, exact mention text, expected date or None, expected precision or None)
CASES: list[tuple[str, dt.date | None, str, str | None, int | None]] = [
    # relative day words, with and without clitics and parts of day
    ("وقال المرصد، أمس، إن", SUN, "أمس", "2017-11-11", 1),
    ("وأمس قصفت الطائرات البلدة", SUN, "أمس", "2017-11-11", 1),
    ("قتل ثلاثة مدنيين بالأمس", SUN, "الأمس", "2017-11-11", 1),
    ("سقطت قذائف يوم أمس على الحي", SUN, "يوم أمس", "2017-11-11", 1),
    ("اليوم قصفت الطائرات", SUN, "اليوم", "2017-11-12", 1),
    ("اندلعت اشتباكات أول أمس", SUN, "أول أمس", "2017-11-10", 1),
    ("اندلعت اشتباكات أول من أمس", SUN, "أول من أمس", "2017-11-10", 1),
    ("دوى انفجار البارحة", SUN, "البارحة", "2017-11-11", 1),
    ("قصف الطيران الليلة الماضية", SUN, "الليلة الماضية", "2017-11-11", 1),
    ("قتل شخصان مساء أمس", SUN, "مساء أمس", "2017-11-11", 1),
    ("قصفت الطائرات فجر أمس", SUN, "فجر أمس", "2017-11-11", 1),
    ("وصباح أمس انفجرت عبوة", SUN, "صباح أمس", "2017-11-11", 1),
    ("هجوم ليل أمس على الحاجز", SUN, "ليل أمس", "2017-11-11", 1),
    ("غارات فجر اليوم", SUN, "فجر اليوم", "2017-11-12", 1),
    ("اشتباكات صباح اليوم", SUN, "صباح اليوم", "2017-11-12", 1),
    ("انفجار ظهر اليوم", SUN, "ظهر اليوم", "2017-11-12", 1),
    ("قصف مساء اليوم", SUN, "مساء اليوم", "2017-11-12", 1),
    ("غارات الليلة على المدينة", SUN, "الليلة", "2017-11-12", 1),
    ("قال أمس الأربعاء", dt.date(2017, 11, 9), "أمس الأربعاء", "2017-11-08", 1),
    ("أمسِ قُتل جندي", SUN, "أمسِ", "2017-11-11", 1),  # trailing kasra kept in the mention
    # «قبل/منذ ...»
    ("سيطرت قبل يومين على القرية", SUN, "قبل يومين", "2017-11-10", 1),
    ("منذ يومين تقصف المدينة", SUN, "منذ يومين", "2017-11-10", 1),
    ("قتل قبل ثلاثة أيام", SUN, "قبل ثلاثة أيام", "2017-11-09", 1),
    ("قتل قبل 5 أيام", SUN, "قبل 5 أيام", "2017-11-07", 1),
    ("قتل قبل ٥ أيام", SUN, "قبل ٥ أيام", "2017-11-07", 1),
    ("انسحب التنظيم قبل أيام", SUN, "قبل أيام", "2017-11-09", 2),
    ("قبل أسبوعين", SUN, "قبل أسبوعين", "2017-10-29", 2),
    # weeks and months relative to publication (weeks start on Sunday; 2017-11-12 is one)
    ("الأسبوع الماضي", SUN, "الأسبوع الماضي", "2017-11-08", 2),
    ("خلال الأسبوع الجاري", SUN, "الأسبوع الجاري", "2017-11-12", 2),
    ("هذا الأسبوع", dt.date(2017, 11, 16), "هذا الأسبوع", "2017-11-15", 2),
    ("في نهاية الأسبوع الماضي", SUN, "نهاية الأسبوع الماضي", "2017-11-10", 2),
    ("الشهر الماضي", SUN, "الشهر الماضي", "2017-10-15", 3),
    ("في مطلع الشهر الجاري", SUN, "مطلع الشهر الجاري", "2017-11-01", 3),
    ("أواخر الشهر الماضي", SUN, "أواخر الشهر الماضي", "2017-10-31", 3),
    ("في 15 الشهر الماضي", SUN, "15 الشهر الماضي", "2017-10-15", 1),
    # weekdays: bare = most recent on or before publication (the same day included), الماضي = strictly before
    ("السبت", SUN, "السبت", "2017-11-11", 1),
    ("الأحد", SUN, "الأحد", "2017-11-12", 1),
    ("الأحد الماضي", SUN, "الأحد الماضي", "2017-11-05", 1),
    ("الاثنين", SUN, "الاثنين", "2017-11-06", 1),
    ("الإثنين", SUN, "الإثنين", "2017-11-06", 1),
    ("الثلاثاء", SUN, "الثلاثاء", "2017-11-07", 1),
    ("الأربعاء", SUN, "الأربعاء", "2017-11-08", 1),
    ("الخميس", SUN, "الخميس", "2017-11-09", 1),
    ("والجمعة", SUN, "الجمعة", "2017-11-10", 1),
    ("الأربعاء الماضي", SUN, "الأربعاء الماضي", "2017-11-08", 1),
    ("الأربعاء", dt.date(2017, 11, 8), "الأربعاء", "2017-11-08", 1),
    ("الأربعاء الماضي", dt.date(2017, 11, 8), "الأربعاء الماضي", "2017-11-01", 1),
    ("قتل يوم الأربعاء الماضي", SUN, "يوم الأربعاء الماضي", "2017-11-08", 1),
    ("الجمعة الفائتة", SUN, "الجمعة الفائتة", "2017-11-10", 1),
    ("الخميس المنصرم", SUN, "الخميس المنصرم", "2017-11-09", 1),
    ("صباح يوم الخميس", SUN, "صباح يوم الخميس", "2017-11-09", 1),
    # explicit dates, all three month systems, combined names, Arabic-Indic digits
    ("الأربعاء 8 تشرين الثاني", SUN, "الأربعاء 8 تشرين الثاني", "2017-11-08", 1),
    ("قتل في 15 آب/أغسطس 2015", None, "15 آب/أغسطس 2015", "2015-08-15", 1),
    ("في 3 يوليو", SUN, "3 يوليو", "2017-07-03", 1),
    ("يوم الخميس 12 نوفمبر", dt.date(2015, 11, 13), "يوم الخميس 12 نوفمبر", "2015-11-12", 1),
    ("الخميس، 12 تشرين الثاني/نوفمبر 2015", None, "الخميس، 12 تشرين الثاني/نوفمبر 2015", "2015-11-12", 1),
    ("بتاريخ 12/11/2017", None, "12/11/2017", "2017-11-12", 1),
    ("بتاريخ ١٢/١١/٢٠١٧", None, "١٢/١١/٢٠١٧", "2017-11-12", 1),
    ("2015-08-03", None, "2015-08-03", "2015-08-03", 1),
    ("في ١٥ آب ٢٠١٥", None, "١٥ آب ٢٠١٥", "2015-08-15", 1),
    ("في 5 جانفي 2016", None, "5 جانفي 2016", "2016-01-05", 1),
    ("في 12 جويلية", SUN, "12 جويلية", "2017-07-12", 1),
    ("3 أوت 2017", None, "3 أوت 2017", "2017-08-03", 1),
    ("في 9 أفريل", SUN, "9 أفريل", "2017-04-09", 1),
    ("في 20 ابريل 2016", None, "20 ابريل 2016", "2016-04-20", 1),
    ("1 يونيه 2016", None, "1 يونيه 2016", "2016-06-01", 1),
    ("الخامس من حزيران 2017", None, "الخامس من حزيران 2017", "2017-06-05", 1),
    ("في الحادي والعشرين من آذار", SUN, "الحادي والعشرين من آذار", "2017-03-21", 1),
    ("28 ديسمبر", dt.date(2018, 1, 5), "28 ديسمبر", "2017-12-28", 1),  # more than ~2 months ahead: last year
    ("3 كانون الأول", SUN, "3 كانون الأول", "2017-12-03", 1),  # within the tolerance: this year
    # months
    ("في آب 2015", None, "آب 2015", "2015-08-15", 3),
    ("في تموز (يوليو) 2016", None, "تموز (يوليو) 2016", "2016-07-15", 3),
    ("فيفري 2014", None, "فيفري 2014", "2014-02-15", 3),
    ("استولوا عليها في سبتمبر (أيلول).", dt.date(2015, 10, 1), "سبتمبر (أيلول)", "2015-09-15", 3),
    ("منتصف آب 2015", None, "منتصف آب 2015", "2015-08-15", 3),
    ("أواخر أيلول 2016", None, "أواخر أيلول 2016", "2016-09-30", 3),
    ("مطلع تشرين الأول 2016", None, "مطلع تشرين الأول 2016", "2016-10-01", 3),
    ("في آب الماضي", SUN, "آب الماضي", "2017-08-15", 3),
    ("تشرين الثاني الماضي", SUN, "تشرين الثاني الماضي", "2016-11-15", 3),
    ("آب من العام الماضي", SUN, "آب من العام الماضي", "2016-08-15", 3),
    ("خلال شهر مايو", SUN, "شهر مايو", "2017-05-15", 3),
    # future: found, flagged, never a date
    ("ستعقد الجلسة غداً", SUN, "غداً", None, None),
    ("الأسبوع المقبل", SUN, "الأسبوع المقبل", None, None),
    ("الأربعاء المقبل", SUN, "الأربعاء المقبل", None, None),
    # no publication date: relative words keep their words and get no date
    ("أمس", None, "أمس", None, None),
    ("الأربعاء الماضي", None, "الأربعاء الماضي", None, None),
    ("في 3 يوليو", None, "3 يوليو", None, None),
    ("الشهر الماضي", None, "الشهر الماضي", None, None),
]


@pytest.mark.parametrize(("raw", "published", "text", "date", "precision"), CASES)
def test_find_and_resolve(raw: str, published: dt.date | None, text: str, date: str | None,
                          precision: int | None) -> None:
    m = only(raw)
    assert m.text == text
    ev = resolve(m, published)
    assert ev.date == (d(date) if date else None)
    assert ev.time_precision == precision
    assert ev.expression == text
    assert ev.span is not None and (ev.span.start, ev.span.end) == (m.start, m.end)


@pytest.mark.parametrize("raw", ["الأربعاء المقبل", "غدا", "بعد غد", "الشهر المقبل", "الأسبوع القادم",
                                 "في 15 الشهر المقبل", "3 كانون الأول المقبل", "الخميس المقبل 16 نوفمبر"])
def test_future_flag(raw: str) -> None:
    assert only(raw).future


@pytest.mark.parametrize("raw", [
    "في حرب حزيران قتل الآلاف",  # a bare month name is a name here
    "مارس الجيش ضغوطا على المدنيين",  # and a verb here
    "قتل 32 مدنيا خلال 36 ساعة",
    "أكثر من 30 غارة",
    "الأسبوع",
    "قبل 3 يومين",
    "قوى 14 آذار",
    "ثورة 25 يناير 2011",
    "الملاحة في باب المندب",  # not ب + آب
    "قيادات الحوثيين في إب",  # the city Ibb, not آب
    "انقطعت الاتصالات لليوم الثاني على التوالي",
    "في اليوم الأول من الهدنة",
])
def test_not_dates(raw: str) -> None:
    assert find_dates(raw) == []


def test_several_mentions_in_order_without_overlap() -> None:
    raw = "قصفت الطائرات فجر أمس البلدة، بعد معارك يوم الأربعاء الماضي و15 آب/أغسطس 2015."
    found = find_dates(raw)
    assert [m.text for m in found] == ["فجر أمس", "يوم الأربعاء الماضي", "15 آب/أغسطس 2015"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert found[0].part_of_day == "dawn"


def test_mention_does_not_cross_a_sentence_end() -> None:
    found = find_dates("قتل 15.\nآب 2015 كان شهرا داميا")
    assert [m.text for m in found] == ["آب 2015"]


def test_passing_the_normalised_text_gives_the_same_result() -> None:
    raw = "وقال المرصد، أمس، إن الطائرات قصفت البلدة الأربعاء الماضي"
    assert find_dates(raw, normalize(raw)) == find_dates(raw)


def test_default_date() -> None:
    assert default_date(SUN) == EventDate(SUN, 2, None)
    assert default_date(None) == EventDate(None, None, None)


def test_seed_article() -> None:
    if not SEED.is_file():
        pytest.skip("seed article not available")
    raw = SEED.read_text(encoding="utf-8")
    found = find_dates(raw)
    for m in found:
        assert raw[m.start:m.end] == m.text
    resolved = {m.text: resolve(m, SUN).date for m in found}
    assert resolved["أمس"] == d("2017-11-11")
    assert resolved["الأربعاء الماضي"] == d("2017-11-08")
    assert resolved["فجر أمس"] == d("2017-11-11")


_DATE_WORDS = ["أمس", "بالأمس", "فجر أمس", "الأربعاء الماضي", "يوم الخميس 12 نوفمبر", "15 آب/أغسطس 2015",
               "١٢/١١/٢٠١٧", "2015-08-03", "قبل ثلاثة أيام", "منذ يومين", "أواخر الشهر الماضي", "غداً",
               "الحادي والعشرين من آذار", "تموز (يوليو) 2016", "نهاية الأسبوع الماضي", "في آب"]
_NOISE = st.text(alphabet=st.sampled_from(list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآؤئء 0123456789٠١٢٣٤٥٦٧٨٩/-.,،؛()«»\n\u064b\u064e\u0650\u0640\u200c")),
    max_size=25)


@settings(max_examples=200, deadline=None)
@given(_NOISE, st.sampled_from(_DATE_WORDS), _NOISE, st.one_of(st.none(), st.dates()))
def test_random_context_keeps_offsets(before: str, word: str, after: str, published: dt.date | None) -> None:
    raw = f"{before} {word} {after}"
    found = find_dates(raw)
    end = 0
    for m in found:
        assert m.start >= end and m.start < m.end <= len(raw)
        assert raw[m.start:m.end] == m.text
        end = m.end
        ev = resolve(m, published)
        assert ev.expression == m.text
        if published is None and ev.date is not None:  # only a full written date resolves without one
            assert m.year is not None
    # the date word itself is always (part of) some mention
    w_start = len(before) + 1
    assert any(m.start < w_start + len(word) and w_start < m.end for m in found)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("قتل خمسة جنود اليوم الجمعة", dt.date(2015, 8, 1), dt.date(2015, 7, 31)),  # dated a day late
        ("قتل خمسة جنود اليوم الجمعة", dt.date(2015, 7, 31), dt.date(2015, 7, 31)),
        ("قتل خمسة جنود أمس السبت", dt.date(2015, 7, 26), dt.date(2015, 7, 25)),
    ],
)
def test_named_weekday_wins_over_the_relative_word(text: str, published: dt.date, expected: dt.date) -> None:
    [m] = find_dates(text)
    assert resolve(m, published).date == expected
