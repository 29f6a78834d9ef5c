"""The read routes: events with filters, box, text search and pages; one event; articles and their spans;
control; exports; health; bad parameters give 4xx, never 500."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from api_helpers import Api


def _events(api: Api, **params: Any) -> dict[str, Any]:
    r = api.client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_health(shared_api: Api) -> None:
    r = shared_api.client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["counts"]["events"] == 15


def test_events_page_and_total(shared_api: Api) -> None:
    body = _events(shared_api)
    assert body["total"] == 15 and body["limit"] == 100 and body["offset"] == 0 and len(body["items"]) == 15
    keys = [e["event_key"] for e in body["items"]]
    paged = [e["event_key"] for off in range(0, 15, 4) for e in _events(shared_api, limit=4, offset=off)["items"]]
    assert paged == keys
    assert _events(shared_api, limit=4, offset=12)["total"] == 15
    assert _events(shared_api, offset=100)["items"] == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "Syria"}, 15),
    ({"country": "Iraq"}, 0),
    ({"admin1": "Deir ez-Zor"}, 15),
    ({"event_type": "Battles"}, 4),
    ({"actor": "Military Forces of Russia"}, 8),
    ({"date_from": "2017-11-12"}, 10),
    ({"date_to": "2017-11-11"}, 5),
    ({"date_from": "2017-11-11", "date_to": "2017-11-11"}, 4),
    ({"status": "machine"}, 15),
    ({"status": "accepted"}, 0),
    ({"q": "البوكمال"}, 6),
    ({"q": "albu kamal"}, 8),
    ({"q": "russia"}, 8),
    ({"q": "100%_"}, 0),
    ({"bbox": "40.8,34.4,41.0,34.5"}, 8),
    ({"bbox": "40.0,35.0,41.0,36.0"}, 2),
    ({"bbox": "0,0,1,1"}, 0),
])
def test_event_filters(shared_api: Api, params: dict[str, str], expected: int) -> None:
    body = _events(shared_api, **params)
    assert body["total"] == expected == len(body["items"])


def test_bbox_and_q_keep_their_events_inside(shared_api: Api) -> None:
    for e in _events(shared_api, bbox="40.8,34.4,41.0,34.5")["items"]:
        assert 40.8 <= e["longitude"] <= 41.0 and 34.4 <= e["latitude"] <= 34.5


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 1001}, {"limit": "x"}, {"offset": -1}, {"date_from": "12/11/2017"},
    {"date_from": "2017-11-13", "date_to": "2017-11-01"}, {"status": "maybe"}, {"bbox": "1,2,3"},
    {"bbox": "a,b,c,d"}, {"bbox": "41,34,40,35"}, {"bbox": "0,-91,1,1"}, {"bbox": "nan,0,1,1"},
])
def test_bad_event_parameters_are_4xx(shared_api: Api, params: dict[str, Any]) -> None:
    r = shared_api.client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_event_detail(shared_api: Api) -> None:
    first = _events(shared_api, limit=1)["items"][0]
    r = shared_api.client.get(f"/api/events/{first['event_key']}")
    assert r.status_code == 200
    event = r.json()
    assert event["event_key"] == first["event_key"] and event["evidence"] and "candidates" in event
    assert event["review"] == []
    assert event["sources"][0]["article_id"] == first["article_id"]
    assert event["sources"][0]["external_id"].endswith("000_cec7ceff3a92a6cc.txt")
    assert shared_api.client.get("/api/events/nope").status_code == 404


def test_article_spans_match_the_text(shared_api: Api) -> None:
    r = shared_api.client.get("/api/articles/1")
    assert r.status_code == 200
    article = r.json()
    text = article["text"]
    assert len(article["events"]) == 15 and article["spans"]
    for span in article["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
        assert span["field"] and span["event_key"]
    assert shared_api.client.get("/api/articles/999").status_code == 404
    assert shared_api.client.get("/api/articles/0").status_code == 422
    assert shared_api.client.get("/api/articles/abc").status_code == 422


def test_control(shared_api: Api) -> None:
    r = shared_api.client.get("/api/control", params={"at": "2017-11-12"})
    assert r.status_code == 200
    body = r.json()
    assert body["at"] == "2017-11-12" and body["total"] == len(body["holdings"]) > 0
    assert all("contested" in h and "holder" in h for h in body["holdings"])
    assert body["contested"] == sum(h["contested"] for h in body["holdings"])
    assert shared_api.client.get("/api/control", params={"at": "2000-01-01"}).json()["holdings"] == []
    assert shared_api.client.get("/api/control").status_code == 422
    assert shared_api.client.get("/api/control", params={"at": "yesterday"}).status_code == 422


def test_export_formats(shared_api: Api) -> None:
    r = shared_api.client.get("/api/export", params={"format": "acled-csv", "event_type": "Battles"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "rasd-events.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and {row["event_type"] for row in rows} == {"Battles"}
    r = shared_api.client.get("/api/export", params={"format": "geojson", "bbox": "40.8,34.4,41.0,34.5"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    assert len(json.loads(r.text)["features"]) == 8
    r = shared_api.client.get("/api/export", params={"format": "jsonl"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert len(r.text.splitlines()) == 15
    r = shared_api.client.get("/api/export", params={"format": "parquet"})
    assert r.status_code in (200, 501)
    if r.status_code == 200:
        assert r.content[:4] == b"PAR1"
    else:
        assert "pyarrow" in r.json()["detail"]
    assert shared_api.client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_openapi_documents_every_route(shared_api: Api) -> None:
    paths = shared_api.client.get("/openapi.json").json()["paths"]
    assert {"/api/health", "/api/events", "/api/events/{event_key}", "/api/articles/{article_id}",
            "/api/control", "/api/export", "/api/audit", "/api/events/{event_key}/review"} <= set(paths)
    assert "post" in paths["/api/events/{event_key}/review"]
