"""The rest of the world in the embedded gazetteer: every country by its Arabic names, capitals and large cities
abroad, and the Arab-world rows left as they were."""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter

import pytest

import rasd
from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.loader import data_path

ARAB_WORLD = ("SY", "IQ", "YE", "LY", "SD", "SS", "LB", "PS", "IL", "JO", "EG", "SA", "KW", "BH", "QA", "AE", "OM",
              "TN", "DZ", "MA", "MR", "TR", "IR", "TD", "ER", "DJ", "SO")
# Rows of gazetteer.tsv.gz per country before places abroad were added (all cities500 places and admin rows).
ARAB_WORLD_ROWS = {
    "SY": 380, "IQ": 299, "YE": 633, "LY": 142, "SD": 158, "SS": 37, "LB": 81, "PS": 466, "IL": 738, "JO": 188,
    "EG": 390, "SA": 246, "KW": 53, "BH": 15, "QA": 51, "AE": 138, "OM": 78, "TN": 515, "DZ": 688, "MA": 562,
    "MR": 148, "TR": 5007, "IR": 2846, "TD": 113, "ER": 42, "DJ": 40, "SO": 141,
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def embedded_rows() -> list[dict[str, str]]:
    with gzip.open(data_path("gazetteer.tsv.gz"), "rt", encoding="utf-8", newline="") as fh:
        lines = (ln for ln in io.StringIO(fh.read()) if ln.strip() and not ln.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(
    ("name", "iso2", "acled"),
    [
        ("الصين", "CN", "China"),
        ("الولايات المتحدة", "US", "United States"),
        ("الولايات المتحدة الأمريكية", "US", "United States"),
        ("أمريكا", "US", "United States"),
        ("أميركا", "US", "United States"),
        ("فرنسا", "FR", "France"),
        ("روسيا", "RU", "Russia"),
        ("روسيا الاتحادية", "RU", "Russia"),
        ("بريطانيا", "GB", "United Kingdom"),
        ("المملكة المتحدة", "GB", "United Kingdom"),
        ("ألمانيا", "DE", "Germany"),
        ("المانيا", "DE", "Germany"),
        ("أفغانستان", "AF", "Afghanistan"),
        ("باكستان", "PK", "Pakistan"),
        ("نيجيريا", "NG", "Nigeria"),
        ("مالي", "ML", "Mali"),
        ("إسبانيا", "ES", "Spain"),
        ("اسبانيا", "ES", "Spain"),
        ("هولندا", "NL", "Netherlands"),
        ("النمسا", "AT", "Austria"),
        ("طاجيكستان", "TJ", "Tajikistan"),
        ("كوريا الشمالية", "KP", "North Korea"),
        ("جمهورية الكونغو الديمقراطية", "CD", "Democratic Republic of Congo"),
        ("ساحل العاج", "CI", "Ivory Coast"),
        ("Russia", "RU", "Russia"),
        # the Arab world as before
        ("سوريا", "SY", "Syria"),
        ("تشاد", "TD", "Chad"),
    ],
)
def test_countries_resolve_by_their_arabic_names(gaz: Gazetteer, name: str, iso2: str, acled: str) -> None:
    info = gaz.country_by_name(name)
    assert info is not None, name
    assert (info.iso2, info.name_en) == (iso2, acled)


@pytest.mark.parametrize("adjective", ["الأمريكية", "الروسي", "الصيني", "الفرنسية", "البريطانية", "المالية"])
def test_demonyms_and_adjectives_are_not_countries(gaz: Gazetteer, adjective: str) -> None:
    assert gaz.country_by_name(adjective) is None


def test_every_country_has_an_acled_region_and_arabic_name(gaz: Gazetteer) -> None:
    regions = {
        "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
        "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "Caribbean",
        "Central America", "South America", "North America", "Oceania", "Antarctica",
    }
    countries = gaz.countries()
    assert len(countries) >= 250
    assert [c.iso2 for c in countries[:27]] == list(ARAB_WORLD)  # the Arab world first, in its old order
    assert all(c.region in regions and c.name_ar for c in countries)
    assert len({c.name_en for c in countries}) == len(countries)  # an ACLED name maps back to one code
    assert {c.iso2: c.region for c in countries if c.iso2 in ("US", "RU", "AF", "ML", "CN", "KZ")} == {
        "US": "North America", "RU": "Europe", "AF": "South Asia", "ML": "Western Africa", "CN": "East Asia",
        "KZ": "Caucasus and Central Asia"}


@pytest.mark.parametrize(
    ("name", "country", "name_en"),
    [
        ("لندن", "GB", "London"),
        ("واشنطن", "US", "Washington"),
        ("نيويورك", "US", "New York City"),
        ("موسكو", "RU", "Moscow"),
        ("باريس", "FR", "Paris"),
        ("كابول", "AF", "Kabul"),
        ("كابل", "AF", "Kabul"),
        ("هونج كونج", "HK", "Hong Kong"),
        ("بكين", "CN", "Beijing"),
        ("برلين", "DE", "Berlin"),
        ("جنيف", "CH", "Geneva"),
        ("إسلام آباد", "PK", "Islamabad"),
        ("باماكو", "ML", "Bamako"),
        ("أبوجا", "NG", "Abuja"),
    ],
)
def test_world_cities_resolve(gaz: Gazetteer, name: str, country: str, name_en: str) -> None:
    places = gaz.lookup_name(name)
    assert places, name
    assert (places[0].country, places[0].name_en, places[0].feature) == (country, name_en, "P")


@pytest.mark.parametrize(
    "word",
    [
        "الدولة",  # the state: Dhule, India
        "الحصار",  # the siege: Hisar, India
        "الليل",  # the night: Lille
        "ليون",  # ب + «ليون» is «بليون», a billion: Lyon
        "نيس",  # «ونيس», a Libyan given name: Nice
        "وان",  # and that: Vaughan, Canada
        "سيول",  # floods: Seoul
        "الميدان",  # the square: Medan
    ],
)
def test_ordinary_words_are_no_places_abroad(gaz: Gazetteer, word: str) -> None:
    assert not [p for p in gaz.lookup_name(word) if p.country not in ARAB_WORLD]


def test_places_abroad_do_not_take_arab_world_names(gaz: Gazetteer) -> None:
    # Zinjibar (Yemen) keeps «زنجبار»; Alexandria (Egypt) keeps «الإسكندرية»; Armenia (Colombia) is no «أرمينيا»
    assert {p.country for p in gaz.lookup_name("زنجبار")} == {"YE"}
    assert gaz.lookup_name("الإسكندرية")[0].country == "EG"
    assert not gaz.lookup_name("أرمينيا")


def test_the_arab_world_rows_are_unchanged() -> None:
    rows = embedded_rows()
    counts = Counter(r["country"] for r in rows if r["country"] in ARAB_WORLD)
    assert dict(counts) == ARAB_WORLD_ROWS
    abroad = [r for r in rows if r["country"] not in ARAB_WORLD]
    assert len(abroad) > 1500
    # places only (no admin rows), each with an Arabic name
    assert all(r["feature"] == "P" and r["name_ar"] and not r["admin2"] for r in abroad)


def test_a_suicide_attack_in_kabul_is_located_in_afghanistan() -> None:
    doc = rasd.extract("قتل 20 شخصا في هجوم انتحاري في كابول", "2015-07-20")
    assert len(doc.events) == 1
    loc = doc.events[0].location
    assert loc.place is not None
    assert (loc.place.name_en, loc.place.country, loc.geo_precision) == ("Kabul", "AF", 1)
    assert doc.country == "Afghanistan"


def test_financial_markets_are_not_mali() -> None:
    doc = rasd.extract("تراجعت الأسواق المالية في دبي بعد هجوم انتحاري قتل فيه خمسة أشخاص.", "2015-07-20")
    assert not [m for m in doc.mentions if m.kind == "country" and m.label == "ML"]
    assert not [m for m in doc.mentions if m.kind == "place" and dict(m.data).get("country") == "ML"]
    assert doc.country != "Mali"
    assert [e.location.place.country for e in doc.events if e.location.place is not None] == ["AE"]
