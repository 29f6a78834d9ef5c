"""The web page's offline assets, as built by web/build.mjs into src/rasd/web/static/{vendor,basemap}.

They are build outputs (gitignored): without them the page has no map, so their absence fails here, unless
RASD_ALLOW_MISSING_WEB=1 says that this checkout deliberately has no front-end build.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

STATIC = Path(__file__).resolve().parents[2] / "src" / "rasd" / "web" / "static"
VENDOR = STATIC / "vendor"
BASEMAP = STATIC / "basemap"

# The project's fully covered countries: the only ones whose provinces are on the basemap (web/build.mjs).
PROVINCE_COUNTRIES = {
    "SY", "IQ", "YE", "LY", "SD", "SS", "LB", "PS", "IL", "JO", "EG", "SA", "KW", "BH",
    "QA", "AE", "OM", "TN", "DZ", "MA", "MR", "TR", "IR", "TD", "ER", "DJ", "SO",
}  # fmt: skip
SYRIAN_GOVERNORATES = {
    "SY-DI", "SY-DR", "SY-DY", "SY-HA", "SY-HI", "SY-HL", "SY-HM",
    "SY-ID", "SY-LA", "SY-QU", "SY-RA", "SY-RD", "SY-SU", "SY-TA",
}  # fmt: skip
ARABIC = re.compile(r"[\u0600-\u06FF]")

REQUIRED = [
    BASEMAP / "countries.geojson",
    BASEMAP / "provinces.geojson",
    BASEMAP / "NOTICE.txt",
    VENDOR / "NOTICE.txt",
    VENDOR / "leaflet" / "leaflet.js",
    VENDOR / "leaflet" / "leaflet.css",
    VENDOR / "markercluster" / "leaflet.markercluster.js",
    VENDOR / "markercluster" / "MarkerCluster.css",
    VENDOR / "markercluster" / "MarkerCluster.Default.css",
]


def require_built() -> None:
    """Fail (a test failure, not a fixture error) when the build output is missing, or skip where allowed."""
    missing = [str(p.relative_to(STATIC)) for p in REQUIRED if not p.is_file()]
    if not missing:
        return
    if os.environ.get("RASD_ALLOW_MISSING_WEB") == "1":
        pytest.skip(f"web assets not built ({', '.join(missing)}) and RASD_ALLOW_MISSING_WEB=1")
    pytest.fail(f"web assets missing under {STATIC}: {', '.join(missing)}: run make web", pytrace=False)


@cache
def collection(name: str) -> list[dict[str, Any]]:
    require_built()
    data = json.loads((BASEMAP / name).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features: list[dict[str, Any]] = data["features"]
    return features


def geometry_problems(feature: dict[str, Any]) -> list[str]:
    """What is wrong with a feature's geometry: [] when it is a valid Polygon or MultiPolygon in lon/lat."""
    geometry = feature.get("geometry") or {}
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return [f"geometry type {kind!r}"]
    problems = []
    if not polygons:
        problems.append("no polygon")
    for polygon in polygons:
        if not polygon:
            problems.append("polygon without rings")
        for ring in polygon:
            if len(ring) < 4:
                problems.append(f"ring of {len(ring)} points")
            elif ring[0] != ring[-1]:
                problems.append("ring not closed")
            # rings crossing the antimeridian continue past ±180 (drawn whole on a flat map), never by a jump
            for lon, lat in ring:
                if not (-200 <= lon <= 200 and -90 <= lat <= 90):
                    problems.append(f"point out of range: {lon}, {lat}")
                    break
            if any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(ring)):
                problems.append("ring jumps across the antimeridian")
    return problems


@pytest.mark.parametrize("name", ["countries.geojson", "provinces.geojson"])
def test_geometries_are_valid_polygons(name: str) -> None:
    features = collection(name)
    assert features
    bad = {}
    for i, feature in enumerate(features):
        problems = geometry_problems(feature)
        if problems:
            props = feature.get("properties", {})
            bad[props.get("iso_3166_2") or props.get("name") or i] = problems[:3]
    assert not bad


def test_countries_have_names_and_codes() -> None:
    features = collection("countries.geojson")
    assert len(features) > 200
    by_code = {f["properties"]["iso_a2"]: f["properties"] for f in features if f["properties"]["iso_a2"]}
    assert by_code["SY"]["name"] == "Syria"
    assert by_code["SY"]["name_ar"] in {"سوريا", "سورية"}
    # Every fully covered country is on the basemap with an Arabic name.
    for code in PROVINCE_COUNTRIES:
        assert code in by_code, code
        assert ARABIC.search(by_code[code]["name_ar"] or ""), code


def test_provinces_only_from_covered_countries() -> None:
    features = collection("provinces.geojson")
    countries = {f["properties"]["country"] for f in features}
    assert countries == PROVINCE_COUNTRIES
    for f in features:
        props = f["properties"]
        assert set(props) >= {"iso_3166_2", "name_en", "name_ar", "country"}
        assert props["name_en"], props


def test_syrian_governorates_have_arabic_names() -> None:
    syria = {
        f["properties"]["iso_3166_2"]: f["properties"]
        for f in collection("provinces.geojson")
        if f["properties"]["country"] == "SY"
    }
    assert set(syria) >= SYRIAN_GOVERNORATES
    for code in SYRIAN_GOVERNORATES:
        assert ARABIC.search(syria[code]["name_ar"] or ""), code
    assert syria["SY-DY"]["name_ar"] in {"دير الزور", "محافظة دير الزور"}
    assert syria["SY-HL"]["name_ar"] in {"حلب", "محافظة حلب"}


def test_basemap_sizes_stay_small() -> None:
    # The page loads both files up front: a tolerance or filter gone wrong shows up here first.
    require_built()
    assert (BASEMAP / "countries.geojson").stat().st_size < 2_000_000
    assert (BASEMAP / "provinces.geojson").stat().st_size < 2_500_000


def test_leaflet_css_images_resolve() -> None:
    require_built()
    css_path = VENDOR / "leaflet" / "leaflet.css"
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css_path.read_text(encoding="utf-8"))
    local = [u for u in urls if not u.startswith(("#", "data:"))]  # url(#default#VML) is an old-IE behaviour
    assert local, "leaflet.css should reference its images"
    for url in local:
        assert not re.match(r"^[a-z]+:|^//", url), f"leaflet.css fetches {url} from elsewhere"
        assert (css_path.parent / url).is_file(), url


def test_no_remote_references_in_vendor_css() -> None:
    require_built()
    for css in VENDOR.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_vendor_scripts_are_the_expected_libraries() -> None:
    require_built()
    assert "Leaflet 1.9.4" in (VENDOR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert "MarkerClusterGroup" in (VENDOR / "markercluster" / "leaflet.markercluster.js").read_text(encoding="utf-8")


def test_notices_carry_the_licences() -> None:
    require_built()
    vendor = (VENDOR / "NOTICE.txt").read_text(encoding="utf-8")
    assert "BSD 2-Clause" in vendor and "Agafonkin" in vendor and "David Leaver" in vendor
    basemap = (BASEMAP / "NOTICE.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in basemap and "Michael Bostock" in basemap and "Polanco" in basemap
