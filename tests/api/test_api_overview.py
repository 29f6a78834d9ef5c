"""The reads shaped for the web page (``/api/points``, ``/api/timeline``, ``/api/facets``), ``/api/me``, and the
page itself served by the same app (index, static files, security headers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from api_helpers import Api

from rasd.web import CSP, STATIC_DIR, assets_built


def test_points_list_every_placed_event_with_its_fields(shared_api: Api) -> None:
    data = shared_api.client.get("/api/points").json()
    events = shared_api.client.get("/api/events", params={"limit": 1000}).json()["items"]
    placed = [e for e in events if e["latitude"] is not None]
    assert data["total"] == len(events) and data["unplaced"] == len(events) - len(placed)
    assert not data["truncated"] and len(data["items"]) == len(placed)
    rows = [dict(zip(data["fields"], item, strict=True)) for item in data["items"]]
    by_key = {e["event_key"]: e for e in events}
    for row in rows:
        event = by_key[row["event_key"]]
        for field in ("latitude", "longitude", "event_date", "event_type", "fatalities", "location_ar", "status"):
            assert row[field] == event[field], field
    dates = [r["event_date"] for r in rows]
    assert dates == sorted(dates)


@pytest.mark.parametrize("params", [{"event_type": "Battles"}, {"country": "Syria"}, {"q": "البوكمال"},
                                    {"date_from": "2017-11-12", "date_to": "2017-11-12"},
                                    {"bbox": "40.5,34.0,41.5,35.0"}, {"actor": "Islamic State"}])
def test_points_and_timeline_take_the_events_filters(shared_api: Api, params: dict[str, str]) -> None:
    events = shared_api.client.get("/api/events", params={**params, "limit": 1000}).json()
    points = shared_api.client.get("/api/points", params=params).json()
    timeline = shared_api.client.get("/api/timeline", params=params).json()
    assert events["total"] > 0
    assert points["total"] == events["total"] == timeline["total"]
    assert {p[0] for p in points["items"]} <= {e["event_key"] for e in events["items"]}
    per_day: dict[str, int] = {}
    for e in events["items"]:
        if e["event_date"]:
            per_day[e["event_date"]] = per_day.get(e["event_date"], 0) + 1
    counted: dict[str, int] = {}
    for d in timeline["days"]:
        counted[d["date"]] = counted.get(d["date"], 0) + d["events"]
    assert counted == per_day


def test_points_limit_truncates(shared_api: Api) -> None:
    data = shared_api.client.get("/api/points", params={"limit": 2}).json()
    assert data["truncated"] and len(data["items"]) == 2
    assert shared_api.client.get("/api/points", params={"limit": 0}).status_code == 422


def test_timeline_sums_fatalities_per_day_and_type(shared_api: Api) -> None:
    events = shared_api.client.get("/api/events", params={"limit": 1000}).json()["items"]
    days = shared_api.client.get("/api/timeline").json()["days"]
    for d in days:
        same = [e for e in events if e["event_date"] == d["date"] and e["event_type"] == d["event_type"]]
        assert d["events"] == len(same)
        assert d["fatalities"] == sum(e["fatalities"] or 0 for e in same)


def test_facets(shared_api: Api) -> None:
    data = shared_api.client.get("/api/facets").json()
    assert data["countries"][0]["name"] == "Syria"
    assert any(a["name"] == "Deir ez-Zor" for a in data["admin1"])
    types = {t["name"]: t for t in data["event_types"]}
    assert len(types) == 6 and sum(len(t["sub_event_types"]) for t in types.values()) == 25
    strikes = {s["name"]: s["events"] for s in types["Explosions/Remote violence"]["sub_event_types"]}
    assert strikes["Air/drone strike"] > 0 and strikes["Chemical weapon"] == 0
    assert data["first_date"] <= data["last_date"]
    assert data["editable"]["fatalities"] == "int" and data["editable"]["latitude"] == "float"
    assert data["editable"]["assoc_actor_1"] == "list" and data["editable"]["event_date"] == "date"
    assert data["editable"]["control_change"] == "control" and "evidence" not in data["editable"]


def test_me(api: Api) -> None:
    assert api.client.get("/api/me", headers=api.auth()).json() == {"name": "huda"}
    assert api.client.get("/api/me").status_code == 401
    assert api.client.get("/api/me", headers=api.auth("nope")).status_code == 401
    assert api.client.get("/api/me", headers=api.auth(api.disabled_token)).status_code == 403


def test_the_page_is_served_with_its_security_headers(shared_api: Api) -> None:
    res = shared_api.client.get("/")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    assert res.headers["content-security-policy"] == CSP
    assert res.headers["x-content-type-options"] == "nosniff"
    assert (STATIC_DIR / "index.html").read_text(encoding="utf-8") == res.text
    js = shared_api.client.get("/static/js/main.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert shared_api.client.get("/static/../pyproject.toml").status_code == 404
    # the API's JSON answers carry the headers too
    assert shared_api.client.get("/api/health").headers["x-frame-options"] == "DENY"


def test_page_scripts_never_parse_server_text_as_html() -> None:
    """The page's scripts build elements with textContent: no innerHTML, outerHTML, insertAdjacentHTML or
    document.write anywhere (the browser test shows the result; this keeps a later change from adding one)."""
    for path in (STATIC_DIR / "js").glob("*.js"):
        # comments may name the sinks (to say why they are not used): leave them out
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, (path.name, sink)


def test_assets_built_reports_missing_files(tmp_path: Path) -> None:
    assert not assets_built(tmp_path)
    assert assets_built()  # make web has run (make test depends on it)


def test_every_editable_field_has_a_label_in_both_languages() -> None:
    from rasd.api.review import API_EDITABLE

    i18n = (STATIC_DIR / "js" / "i18n.js").read_text(encoding="utf-8")
    fields = i18n[i18n.index("const FIELDS = {"):]
    missing = [f for f in API_EDITABLE if not re.search(rf"\n  {f}: {{ar: \"[^\"]+\", en: \"[^\"]+\"}}", fields)]
    assert not missing
