"""`rasd gazetteer build`: GeoNames dump readers, the SQLite index, loading it (directly and through the
settings), overrides with a status, downloads from a local HTTP server, and the command line.

The fixture files are small, in the real GeoNames formats, with real ids and coordinates of Syrian and Iraqi
places (ids from 9,900,000 on are made up for features the tests need: an airport, a river, ruins)."""

from __future__ import annotations

import functools
import http.server
import json
import sqlite3
import threading
import tracemalloc
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd import config
from rasd.cli import main
from rasd.errors import DataFileError, DownloadError
from rasd.geo.build import BuildOptions, BuildReport, build_index
from rasd.geo.download import download, dump_paths
from rasd.geo.gazetteer import COLUMNS, KEYS_VERSION, Gazetteer, is_admin1, place_keys, read_index
from rasd.geo.geonames import ReadStats, iter_admin_codes, iter_alternate_names, iter_geonames
from rasd.model import Place

ALBU_KAMAL, DEIR_EZ_ZOR, MAYADIN, DAMASCUS, BASRAH = 174448, 170794, 173481, 170654, 99532
DEIR_ADM1, ABU_KAMAL_ADM2, DEIR_ADM2, DAMASCUS_ADM1, BASRA_ADM1, MAYSAN_ADM1 = (
    170792, 174447, 170793, 170652, 89341, 93540)
AIRPORT, EUPHRATES, RUINS, ABANDONED, SUBDISTRICT, ROAD = range(9_900_001, 9_900_007)


def geo(gid: int, name: str, ascii_: str, alts: str, lat: float, lon: float, fcode: str, cc: str, a1: str,
        a2: str = "", pop: int = 0) -> str:
    """One geoname-table line (19 columns)."""
    fclass = {"PPL": "P", "PPLA": "P", "PPLA2": "P", "PPLC": "P", "PPLH": "P", "PPLQ": "P", "ADM1": "A",
              "ADM2": "A", "ADM3": "A", "AIRP": "S", "STM": "H", "RD": "R"}[fcode]
    return "\t".join([str(gid), name, ascii_, alts, f"{lat}", f"{lon}", fclass, fcode, cc, "", a1, a2, "", "",
                      str(pop), "", "200", "Asia/Damascus", "2023-03-01"])


SY_LINES = [
    geo(DEIR_ADM1, "Deir ez-Zor", "Deir ez-Zor", "Dayr az Zawr,Deir ez-Zor Governorate,محافظة دير الزور",
        35.0, 40.5, "ADM1", "SY", "07"),
    geo(DAMASCUS_ADM1, "Dimashq", "Dimashq", "Damascus Governorate,محافظة دمشق", 33.5, 36.3, "ADM1", "SY", "13"),
    geo(ABU_KAMAL_ADM2, "Abu Kamal District", "Abu Kamal District", "منطقة البوكمال", 34.6, 41.0, "ADM2", "SY",
        "07", str(ABU_KAMAL_ADM2)),
    geo(DEIR_ADM2, "Deir ez-Zor District", "Deir ez-Zor District", "", 35.4, 40.0, "ADM2", "SY", "07",
        str(DEIR_ADM2)),
    geo(ALBU_KAMAL, "Ālbū Kamāl", "Albu Kamal", "Abou Kemal,Abu Kamal,Al-Bukamal,Bukmal,البو كمال,أبو كمال",
        34.45226, 40.91854, "PPLA2", "SY", "07", str(ABU_KAMAL_ADM2), 57572),
    geo(DEIR_EZ_ZOR, "Deir ez-Zor", "Deir ez-Zor", "Dayr az Zawr,Deir Azzor,DEZ,دير الزور,دیر الزور",
        35.33588, 40.14084, "PPLA", "SY", "07", str(DEIR_ADM2), 271800),
    geo(MAYADIN, "Al Mayādīn", "Al Mayadin", "Mayadin,Meyadin,الميادين", 35.01982, 40.45154, "PPL", "SY", "07",
        "173480", 44028),
    geo(DAMASCUS, "Damascus", "Damascus", "Damas,Damasco,Dimashq,دمشق", 33.5102, 36.29128, "PPLC", "SY", "13",
        "", 1569394),
    geo(AIRPORT, "Deir ez-Zor Airport", "Deir ez-Zor Airport", "OLDE,مطار دير الزور", 35.2854, 40.1760, "AIRP",
        "SY", "07"),
    geo(EUPHRATES, "Nahr al Furāt", "Nahr al Furat", "Euphrates,نهر الفرات", 34.4, 40.95, "STM", "SY", "00"),
    geo(RUINS, "Old Qaryat", "Old Qaryat", "قرية قديمة", 34.9, 40.6, "PPLH", "SY", "07"),
    geo(ABANDONED, "Khirbat Mahjurah", "Khirbat Mahjurah", "خربة مهجورة", 34.8, 40.7, "PPLQ", "SY", "07"),
    geo(SUBDISTRICT, "Nahiyat Hajin", "Nahiyat Hajin", "ناحية هجين", 34.69, 40.83, "ADM3", "SY", "07"),
    geo(ROAD, "Deir ez-Zor Road", "Deir ez-Zor Road", "طريق دير الزور", 35.1, 40.3, "RD", "SY", "07"),
]
IQ_LINES = [
    geo(BASRA_ADM1, "Basra", "Basra", "Al Basrah Governorate,محافظة البصرة", 30.5, 47.5, "ADM1", "IQ", "02"),
    geo(MAYSAN_ADM1, "Maysan", "Maysan", "Maysan Governorate,محافظة ميسان", 31.9, 47.0, "ADM1", "IQ", "14"),
    geo(BASRAH, "Basrah", "Basrah", "Al Basrah,Basra,Bassorah,البصرة,بصرة", 30.50852, 47.7804, "PPLA", "IQ", "02",
        "", 1326564),
]
MALFORMED = ["174449\tToo few\tcolumns", geo(9_900_099, "Bad latitude", "Bad", "", 0, 0, "PPL", "SY", "07")
             .replace("\t0\t0\t", "\tnorth\t0\t", 1)]
ALT_LINES = [
    # alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName, isColloquial, isHistoric,
    # from, to
    f"1001\t{ALBU_KAMAL}\tar\tالبو كمال\t1\t\t\t\t\t",
    f"1002\t{ALBU_KAMAL}\tar\tأبو كمال\t\t\t\t\t\t",
    f"1003\t{ALBU_KAMAL}\ten\tAbu Kamal\t1\t\t\t\t\t",
    f"1004\t{ALBU_KAMAL}\tlink\thttps://en.wikipedia.org/wiki/Abu_Kamal\t\t\t\t\t\t",
    f"1005\t{ALBU_KAMAL}\tar\tكمال القديمة\t\t\t\t1\t\t",
    f"1006\t{ALBU_KAMAL}\tfr\tAbou Kémal\t\t\t\t\t\t",
    f"1010\t{DEIR_EZ_ZOR}\tar\tدير الزور\t1\t\t\t\t\t",
    f"1011\t{DEIR_EZ_ZOR}\tiata\tDEZ\t\t\t\t\t\t",
    f"1012\t{DEIR_EZ_ZOR}\ten\tDeir ez-Zor\t\t\t\t\t\t",
    f"1013\t{DEIR_EZ_ZOR}\tarz\tديرالزور\t\t\t\t\t\t",
    f"1020\t{DEIR_ADM1}\tar\tمحافظة دير الزور\t1\t\t\t\t\t",
    f"1021\t{ABU_KAMAL_ADM2}\tar\tمنطقة البوكمال\t\t\t\t\t\t",
    f"1030\t{MAYADIN}\tar\tالميادين\t\t\t\t\t\t",
    f"1040\t{DAMASCUS_ADM1}\tar\tمحافظة دمشق\t\t\t\t\t\t",
    f"1041\t{DAMASCUS}\tar\tدمشق\t1\t\t\t\t\t",
    f"1050\t{AIRPORT}\tar\tمطار دير الزور\t\t\t\t\t\t",
    f"1060\t{ABANDONED}\tar\tخربة مهجورة\t\t\t\t\t\t",
    f"1099\t{ALBU_KAMAL}\tar",  # malformed: 3 columns
]
ADMIN1 = ["SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792", "SY.13\tDimashq\tDimashq\t170652",
          "IQ.02\tBasra\tBasra\t89341", "IQ.14\tMaysan\tMaysan\t93540", "TR.01\tAdana\tAdana\t325361"]
ADMIN2 = ["SY.07.174447\tAbu Kamal District\tAbu Kamal District\t174447",
          "SY.07.170793\tDeir ez-Zor District\tDeir ez-Zor District\t170793",
          "TR.01.2067\tSeyhan\tSeyhan\t300000"]


def write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_zip(path: Path, member: str, lines: list[str], readme: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if readme:
            zf.writestr("readme.txt", "GeoNames readme\n")
        zf.writestr(member, "\n".join(lines) + "\n")
    return path


class Dump:
    """A GeoNames dump directory in the server's layout: SY as zips, IQ as plain .txt."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sy = write_zip(root / "SY.zip", "SY.txt", ["# a comment line", *SY_LINES, *MALFORMED])
        self.iq = write(root / "IQ.txt", IQ_LINES)
        self.alt = write_zip(root / "alternatenames" / "SY.zip", "SY.txt", ALT_LINES, readme=False)
        self.admin1 = write(root / "admin1CodesASCII.txt", ADMIN1)
        self.admin2 = write(root / "admin2Codes.txt", ADMIN2)

    def options(self, out: Path, **kw: object) -> BuildOptions:
        args: dict[str, object] = {"geonames": [self.sy, self.iq], "output": out, "alternate_names": [self.alt],
                                   "admin1": self.admin1, "admin2": self.admin2}
        args.update(kw)
        return BuildOptions(**args)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Dump:
    return Dump(tmp_path_factory.mktemp("geonames"))


@pytest.fixture(scope="module")
def built(dump: Dump) -> tuple[Path, BuildReport]:
    out = dump.root / "out" / "gazetteer.sqlite"
    return out, build_index(dump.options(out))


@pytest.fixture(scope="module")
def gaz(built: tuple[Path, BuildReport]) -> Gazetteer:
    return Gazetteer.from_index(built[0])


@pytest.fixture()
def clean_settings() -> Iterator[None]:
    config.reset()
    Gazetteer.clear_cache()
    yield
    config.reset()
    Gazetteer.clear_cache()


def ids(places: list[Place]) -> list[int | None]:
    return [p.geonameid for p in places]


# -- readers -------------------------------------------------------------------------------------------------


def test_readers_take_txt_and_zip_alike(dump: Dump, tmp_path: Path) -> None:
    txt = write(tmp_path / "SY.txt", ["# a comment line", *SY_LINES, *MALFORMED])
    from_zip, from_txt = ReadStats(), ReadStats()
    rows = list(iter_geonames(dump.sy, from_zip))
    assert rows == list(iter_geonames(txt, from_txt))
    assert from_zip == from_txt == ReadStats(lines=len(SY_LINES) + 2, kept=len(SY_LINES), malformed=2)
    albu = next(r for r in rows if r.geonameid == ALBU_KAMAL)
    assert (albu.latitude, albu.longitude, albu.feature_code, albu.admin1_code, albu.population) == (
        34.45226, 40.91854, "PPLA2", "07", 57572)
    assert "البو كمال" in albu.alternate_name_list()
    assert [r.geonameid for r in iter_geonames(dump.iq, countries={"sy"})] == []


def test_alternate_names_and_admin_codes(dump: Dump, tmp_path: Path) -> None:
    stats = ReadStats()
    names = list(iter_alternate_names(dump.alt, stats, languages={"ar"}, geonameids={ALBU_KAMAL}))
    assert [(n.name, n.is_preferred, n.is_historic) for n in names] == [
        ("البو كمال", True, False), ("أبو كمال", False, False), ("كمال القديمة", False, True)]
    assert stats.malformed == 1
    old_format = write(tmp_path / "alternateNames.txt", [f"1\t{ALBU_KAMAL}\tar\tالبو كمال\t1\t\t\t"])
    assert [(n.name, n.from_, n.to) for n in iter_alternate_names(old_format)] == [("البو كمال", "", "")]
    bad = write(tmp_path / "admin1.txt", [*ADMIN1, "SY07\tNo dot\tNo dot\t1", "SY.08\tRif Dimashq\tRif Dimashq\tx"])
    stats = ReadStats()
    codes = list(iter_admin_codes(bad, stats, countries={"SY"}))
    assert [(c.code, c.geonameid, c.level, c.country) for c in codes] == [
        ("SY.07", DEIR_ADM1, 1, "SY"), ("SY.13", DAMASCUS_ADM1, 1, "SY")]
    assert stats.malformed == 2


def test_unreadable_dump_files(tmp_path: Path) -> None:
    bad_zip = tmp_path / "SY.zip"
    bad_zip.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataFileError, match=r"\[E307\].*SY.zip"):
        list(iter_geonames(bad_zip))
    with pytest.raises(DataFileError, match="E307"):
        build_index(BuildOptions(geonames=[tmp_path / "missing.zip"], output=tmp_path / "out.sqlite"))
    assert not (tmp_path / "out.sqlite").exists()


# -- the index -----------------------------------------------------------------------------------------------


def test_report_and_meta(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    assert report.rows_read == len(SY_LINES) + len(IQ_LINES) + 2
    assert report.malformed == 3  # two geoname lines, one alternate-name line
    assert report.skipped_historical == 2
    # SY: 6 places (Albu Kamal, Deir ez-Zor, Mayadin, Damascus, airport, river) and 4 admin areas; IQ: 1 + 2.
    assert report.per_country == {"SY": 10, "IQ": 3}
    assert report.admin_rows == 6 and report.rows_kept == 13
    assert report.names_added > 0 and "wrote" in report.summary()
    index = read_index(out)
    assert index.keys_ok and index.countries == {"SY", "IQ"}
    assert index.meta["keys_version"] == str(KEYS_VERSION) and index.meta["rows"] == "13"
    assert {s["name"] for s in json.loads(index.meta["sources"])} == {
        "SY.zip", "IQ.txt", "admin1CodesASCII.txt", "admin2Codes.txt"}
    with sqlite3.connect(out) as db:
        cols = [(r[1], r[2]) for r in db.execute("PRAGMA table_info(places)")]
    assert cols == [(c, "TEXT") for c in COLUMNS]
    for row in index.rows:  # keys precomputed exactly as the embedded builder does
        assert row["keys"] == "|".join(place_keys(row))
    assert not list(out.parent.glob(".*")), "temporary files left next to the output"


@pytest.mark.parametrize("name", ["البو كمال", "البوكمال", "أبو كمال", "ابوكمال", "آل بو كمال", "Albu Kamal",
                                  "Abu Kamal", "Abou Kemal", "Al-Bukamal"])
def test_lookup_albu_kamal(gaz: Gazetteer, name: str) -> None:
    assert ids(gaz.lookup_name(name))[0] == ALBU_KAMAL


def test_names_and_admin_columns(gaz: Gazetteer) -> None:
    albu = next(p for p in gaz.lookup_name("البو كمال") if p.geonameid == ALBU_KAMAL)
    assert (albu.name_en, albu.name_ar, albu.feature, albu.population) == ("Albu Kamal", "البو كمال", "P", 57572)
    assert (albu.admin1, albu.admin1_ar, albu.admin2, albu.admin2_ar) == (
        "Deir ez-Zor", "دير الزور", "Abu Kamal", "البوكمال")
    # With and without the article; dialect names kept as alternates; preferred Arabic name first.
    assert ids(gaz.lookup_name("الميادين"))[0] == ids(gaz.lookup_name("ميادين"))[0] == MAYADIN
    deir = next(p for p in gaz.lookup_name("ديرالزور") if p.feature == "P")
    assert (deir.geonameid, deir.name_ar) == (DEIR_EZ_ZOR, "دير الزور")
    mayadin = gaz.lookup_name("Al Mayadin")[0]
    assert mayadin.admin1 == "Deir ez-Zor" and mayadin.admin2 is None  # its district is not in admin2Codes
    assert gaz.lookup_name("كمال القديمة") == []  # historic name
    assert gaz.lookup_name("DEZ") == []  # IATA code


def test_province_and_district_rows(gaz: Gazetteer) -> None:
    prov = gaz.admin1_place("SY", "دير الزور")
    assert prov is not None and is_admin1(prov)
    assert (prov.geonameid, prov.name_en, prov.name_ar, prov.population) == (DEIR_ADM1, "Deir ez-Zor", "دير الزور", 0)
    assert (prov.lat, prov.lon) == (35.33588, 40.14084)  # its capital's (PPLA), not the ADM1's own point
    capital = gaz.admin1_capital(prov)
    assert capital is not None and capital.geonameid == DEIR_EZ_ZOR
    assert gaz.admin1_place("SY", "Deir ez-Zor") is prov
    dimashq = gaz.admin1_place("SY", "دمشق")
    assert dimashq is not None and (dimashq.lat, dimashq.lon) == (33.5102, 36.29128)  # a PPLC capital
    maysan = gaz.admin1_place("IQ", "ميسان")
    assert maysan is not None and (maysan.lat, maysan.lon) == (31.9, 47.0)  # no capital in the data: own point
    [district] = gaz.district_by_name("Abu Kamal")
    assert (district.geonameid, district.admin2, district.admin2_ar, district.admin1) == (
        ABU_KAMAL_ADM2, "Abu Kamal", "البوكمال", "Deir ez-Zor")
    assert (district.lat, district.lon) == (34.45226, 40.91854)  # its PPLA2 seat
    [deir_district] = gaz.district_by_name("Deir ez-Zor")
    assert (deir_district.lat, deir_district.lon) == (35.33588, 40.14084)  # the PPLA in it
    basra = gaz.province_by_name("البصرة")
    assert [(p.geonameid, p.name_ar, p.lat, p.lon) for p in basra] == [(BASRA_ADM1, "البصرة", 30.50852, 47.7804)]


def test_feature_classes_and_skipped_codes(gaz: Gazetteer) -> None:
    assert [(p.geonameid, p.feature) for p in gaz.lookup_name("مطار دير الزور")] == [(AIRPORT, "S")]
    assert [(p.geonameid, p.feature) for p in gaz.lookup_name("Euphrates")] == [(EUPHRATES, "H")]
    present = {p.geonameid for p in gaz}
    assert not present & {RUINS, ABANDONED, SUBDISTRICT, ROAD}  # PPLH, PPLQ, ADM3, class R


def test_country_and_feature_filters(dump: Dump, tmp_path: Path) -> None:
    out = tmp_path / "iq.sqlite"
    report = build_index(dump.options(out, countries=frozenset({"iq"})))
    assert report.per_country == {"IQ": 3}
    index = read_index(out)
    assert index.countries == {"IQ"} and {r["country"] for r in index.rows} == {"IQ"}
    basra = next(r for r in index.rows if r["geonameid"] == str(BASRAH))
    assert (basra["admin1"], basra["admin1_code"]) == ("Basra", "IQ.02")
    out = tmp_path / "p.sqlite"
    build_index(dump.options(out, feature_classes=frozenset({"P"})))
    rows = read_index(out).rows
    assert {r["feature"] for r in rows} == {"P"}
    albu = next(r for r in rows if r["geonameid"] == str(ALBU_KAMAL))
    assert (albu["admin1"], albu["admin1_ar"], albu["admin2"]) == ("Deir ez-Zor", "دير الزور", "Abu Kamal")
    with pytest.raises(DataFileError, match="no rows left"):
        build_index(dump.options(tmp_path / "none.sqlite", countries=frozenset({"YE"})))


def test_without_alternate_names_or_admin_files(dump: Dump, tmp_path: Path) -> None:
    """The geoname table's own alternatenames column supplies the names, the ADM rows the admin names."""
    out = tmp_path / "bare.sqlite"
    build_index(BuildOptions(geonames=[dump.sy], output=out))
    g = Gazetteer.from_index(out)
    albu = g.lookup_name("ابو كمال")[0]
    assert (albu.geonameid, albu.name_ar, albu.admin1, albu.admin1_ar) == (
        ALBU_KAMAL, "البو كمال", "Deir ez-Zor", "دير الزور")
    assert albu.admin2 == "Abu Kamal" and albu.admin2_ar == "البوكمال"
    deir = next(p for p in g.lookup_name("دير الزور") if p.feature == "P")
    assert deir.name_ar == "دير الزور"  # pure Arabic before the Persian spelling «دیر الزور»
    assert g.lookup_name("DEZ") == []


def test_stale_keys_are_recomputed(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    copy = tmp_path / "stale.sqlite"
    copy.write_bytes(built[0].read_bytes())
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'keys_version'")
        db.execute("UPDATE places SET keys = 'stale'")
    g = Gazetteer.from_index(copy)
    assert ids(g.lookup_name("البوكمال"))[0] == ALBU_KAMAL and g.lookup("stale") == []


def test_missing_or_corrupt_index(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"\[E304\] gazetteer index .*nothing.sqlite: no such file"):
        Gazetteer.from_index(tmp_path / "nothing.sqlite")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DataFileError, match="E304"):
        Gazetteer.from_index(garbage)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(DataFileError, match=r"E304.*no such table: meta"):
        Gazetteer.from_index(other)


# -- the default gazetteer: settings and overrides -----------------------------------------------------------


def test_default_gazetteer_uses_the_configured_index(built: tuple[Path, BuildReport], clean_settings: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    embedded = Gazetteer.default()
    homs = [p for p in embedded.lookup_name("حمص") if p.country == "SY"]
    assert homs and not any(p.geonameid == AIRPORT for p in embedded)
    config.configure(gazetteer={"index": str(built[0])})
    Gazetteer.clear_cache()
    g = Gazetteer.default()
    assert ids(g.lookup_name("مطار دير الزور")) == [AIRPORT]  # from the index
    assert not [p for p in g.lookup_name("حمص") if p.country == "SY"]  # SY is covered by the index only
    assert [p for p in g.lookup_name("صنعاء") if p.country == "YE"]  # the embedded rows of other countries
    assert len([p for p in g if p.country == "SY"]) == 10
    config.reset()
    monkeypatch.setenv("RASD_GAZETTEER_INDEX", str(built[0]))
    Gazetteer.clear_cache()
    assert ids(Gazetteer.default().lookup_name("مطار دير الزور")) == [AIRPORT]
    monkeypatch.setenv("RASD_GAZETTEER_INDEX", str(built[0].parent / "gone.sqlite"))
    config.reset()
    Gazetteer.clear_cache()
    with pytest.raises(DataFileError, match="E304"):
        Gazetteer.default()


def test_index_of_some_feature_classes_keeps_the_embedded_others(dump: Dump, clean_settings: None,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "towns.sqlite"
    build_index(dump.options(out, feature_classes=frozenset({"P"})))
    config.configure(gazetteer={"index": str(out)})
    g = Gazetteer.default()
    assert not [p for p in g.lookup_name("حمص") if p.country == "SY" and p.feature == "P"]
    homs = g.admin1_place("SY", "حمص")  # the embedded province row: the index has no A rows
    assert homs is not None and homs.country == "SY"


def test_extra_overrides_and_suggested_rows(built: tuple[Path, BuildReport], clean_settings: None,
                                            tmp_path: Path) -> None:
    cols = [*COLUMNS, "status", "source"]
    rows = [
        {"name_en": "Suggested Village", "name_ar": "قرية مقترحة", "lat": "35.1", "lon": "40.2", "country": "SY",
         "feature": "P", "status": "suggested", "source": "nominatim:node/1"},
        {"name_en": "Checked Village", "name_ar": "قرية مؤكدة", "lat": "35.2", "lon": "40.3", "country": "SY",
         "feature": "P", "status": "ok", "source": "nominatim:node/2"},
        {"geonameid": str(ALBU_KAMAL), "name_en": "Abu Kamal (corrected)", "name_ar": "البوكمال",
         "lat": "34.45226", "lon": "40.91854", "country": "SY", "feature": "P", "admin1": "Deir ez-Zor"},
    ]
    extra = write(tmp_path / "my-overrides.tsv", ["# my places", "\t".join(cols),
                                                   *("\t".join(r.get(c, "") for c in cols) for r in rows)])
    config.configure(gazetteer={"index": str(built[0]), "overrides": str(extra)})
    Gazetteer.clear_cache()
    g = Gazetteer.default()
    assert g.lookup_name("قرية مقترحة") == []
    assert [p.name_en for p in g.lookup_name("قرية مؤكدة")] == ["Checked Village"]
    albu = [p for p in g.lookup_name("البوكمال") if p.geonameid == ALBU_KAMAL]
    assert [p.name_en for p in albu] == ["Abu Kamal (corrected)"]  # replaced in the index, not duplicated
    config.configure(gazetteer={"overrides": str(tmp_path / "not-yet-written.tsv")})
    Gazetteer.clear_cache()
    assert Gazetteer.default().lookup_name("قرية مؤكدة") == []  # a missing extra file counts as empty


# -- memory --------------------------------------------------------------------------------------------------


def test_memory_stays_bounded(tmp_path: Path) -> None:
    """200,000 geoname lines of which the country filter keeps 200: Python's peak stays far below the file."""
    big = tmp_path / "allCountries.txt"
    alt = tmp_path / "alternateNamesV2.txt"
    with big.open("w", encoding="utf-8") as fh, alt.open("w", encoding="utf-8") as fa:
        for i in range(200_000):
            cc = "SY" if i % 1000 == 0 else "TR"
            fh.write(geo(i + 1, f"Qaryat {i}", f"Qaryat {i}", f"Village {i},قرية {i}", 35 + i / 1e6, 38.0, "PPL",
                         cc, "07", "", i) + "\n")
            fa.write(f"{i}\t{i + 1}\tar\tقرية رقم {i}\t\t\t\t\t\t\n")
    size = big.stat().st_size + alt.stat().st_size
    tracemalloc.start()
    try:
        report = build_index(BuildOptions(geonames=[big], alternate_names=[alt], output=tmp_path / "out.sqlite",
                                          countries=frozenset({"SY"})))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.rows_read == 200_000 and report.rows_kept == 200 and report.names_added == 200
    assert size > 30_000_000 and peak < 3_000_000, f"peak {peak:,} bytes for {size:,} bytes of input"


# -- downloads -----------------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def server(dump: Dump) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(dump.root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_download(server: str, dump: Dump, tmp_path: Path) -> None:
    dest = tmp_path / "dl"
    paths = download(["sy"], dest, base_url=server, opener=NO_PROXY)
    assert paths == dump_paths(["SY"], dest).all() == [
        dest / "SY.zip", dest / "alternatenames" / "SY.zip", dest / "admin1CodesASCII.txt", dest / "admin2Codes.txt"]
    assert paths[0].read_bytes() == dump.sy.read_bytes() and paths[1].read_bytes() == dump.alt.read_bytes()
    # Complete files are not fetched again; a truncated one is.
    inodes = [p.stat().st_ino for p in paths]
    paths[3].write_text("SY.07.1\ttruncated", encoding="utf-8")
    inode3 = paths[3].stat().st_ino
    download(["SY"], dest, base_url=server.rstrip("/"), opener=NO_PROXY)
    assert [p.stat().st_ino for p in paths[:3]] == inodes[:3]
    assert paths[3].stat().st_ino != inode3 and paths[3].read_bytes() == dump.admin2.read_bytes()
    assert not list(dest.rglob("*.part"))
    with pytest.raises(DownloadError, match=r"\[E305\] download http://127\.0\.0\.1:\d+/IQ\.zip failed: HTTP 404"):
        download(["IQ"], dest, base_url=server, opener=NO_PROXY)
    assert not (dest / "IQ.zip").exists() and not list(dest.rglob("*.part"))
    with pytest.raises(DownloadError, match="E305"):
        download(["SY"], tmp_path / "x", base_url="http://127.0.0.1:9/", opener=NO_PROXY, timeout=2)


# -- the command line ----------------------------------------------------------------------------------------


def test_cli_build(dump: Dump, tmp_path: Path) -> None:
    out = tmp_path / "cli.sqlite"
    res = CliRunner().invoke(main, [
        "gazetteer", "build", str(dump.sy), str(dump.iq), "--alternate-names", str(dump.alt),
        "--admin1", str(dump.admin1), "--admin2", str(dump.admin2), "--countries", "SY", "-o", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    assert f"RASD_GAZETTEER_INDEX={out}" in res.stdout and "SY 10" in res.stdout
    assert read_index(out).countries == {"SY"}
    res = CliRunner().invoke(main, ["gazetteer", "build", str(tmp_path / "nope.zip"), "-o", str(out)])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [f"rasd: [E307] GeoNames file {tmp_path / 'nope.zip'}: no such file — "
                                               "give a GeoNames dump file (.txt or .zip) from "
                                               "https://download.geonames.org/export/dump/"]
    res = CliRunner().invoke(main, ["gazetteer", "build", "--countries", "Syria", "-o", str(out)])
    assert res.exit_code == 2 and "ISO 3166" in res.output
    res = CliRunner().invoke(main, ["gazetteer", "build", "-o", str(out)])
    assert res.exit_code == 2 and "--download SY IQ" in res.output


def test_cli_download_and_build(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "*")
    out, dest = tmp_path / "dl.sqlite", tmp_path / "dest"
    res = CliRunner().invoke(main, ["gazetteer", "build", "--download", "SY", "--dest", str(dest), "--base-url",
                                    server, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert (dest / "alternatenames" / "SY.zip").is_file() and "fetching" in res.stderr
    g = Gazetteer.from_index(out)
    assert ids(g.lookup_name("البو كمال"))[0] == ALBU_KAMAL
    res = CliRunner().invoke(main, ["gazetteer", "build", "--download", "IQ", "--dest", str(dest), "--base-url",
                                    server, "-o", str(out)])
    assert res.exit_code == 2 and "[E305]" in res.stderr and "IQ.zip" in res.stderr
