"""Writes: every auth rule, accept/reject/edit, bad fields and values, the audit log, and an edit surviving
re-extraction; plus the users file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Api

from rasd.api import users
from rasd.errors import RasdError
from rasd.store import reextract


def _key(api: Api, n: int = 0) -> str:
    key: str = api.client.get("/api/events").json()["items"][n]["event_key"]
    return key


def _review(api: Api, key: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return api.client.post(f"/api/events/{key}/review", json=body, headers=headers)


def test_auth_rules(api: Api) -> None:
    key = _key(api)
    body = {"action": "accept"}
    r = _review(api, key, body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert _review(api, key, body, {"Authorization": "Bearer wrong"}).status_code == 401
    assert _review(api, key, body, {"Authorization": f"Basic {api.token}"}).status_code == 401
    assert _review(api, key, body, api.auth(api.disabled_token)).status_code == 403
    assert api.store.edits() == []
    r = _review(api, key, body, api.auth())
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    users.remove_user("huda", api.users)
    assert _review(api, key, body, api.auth()).status_code == 401


def test_accept_reject_edit_and_audit(api: Api) -> None:
    key = _key(api)
    assert _review(api, key, {"action": "reject", "note": "duplicate"}, api.auth()).json()["status"] == "rejected"
    r = _review(api, key, {"action": "edit", "field": "fatalities", "value": 3, "note": "per SOHR"}, api.auth())
    assert r.status_code == 200
    event = r.json()
    assert event["fatalities"] == 3 and set(event["edited"]) == {"status", "fatalities"}
    assert [(e["field"], e["after"], e["who"]) for e in event["review"]] == [("status", "rejected", "huda"),
                                                                          ("fatalities", 3, "huda")]
    r = _review(api, key, {"action": "edit", "field": "assoc_actor_1", "value": ["Hezbollah"]}, api.auth())
    assert r.json()["assoc_actor_1"] == ["Hezbollah"]
    audit = api.client.get("/api/audit", params={"event_key": key}).json()
    assert audit["total"] == 3 and audit["items"][1]["note"] == "per SOHR" and audit["items"][1]["before"] == 0
    assert api.client.get("/api/audit", params={"event_key": "nope"}).json()["total"] == 0
    assert api.client.get("/api/events", params={"status": "rejected"}).json()["total"] == 1


@pytest.mark.parametrize("body", [
    {"action": "edit"},
    {"action": "edit", "field": "evidence", "value": []},
    {"action": "edit", "field": "doc_id", "value": "x"},
    {"action": "edit", "field": "control_change", "value": {"by": "Islamic State"}},
    {"action": "edit", "field": "control_change", "value": {"to": 3}},
    {"action": "edit", "field": "control_change", "value": {}},
    {"action": "edit", "field": "control_change", "value": "Islamic State"},
    {"action": "edit", "field": "no_such_field", "value": 1},
    {"action": "edit", "field": "fatalities", "value": "many"},
    {"action": "edit", "field": "fatalities", "value": -1},
    {"action": "edit", "field": "fatalities", "value": 10**30},
    {"action": "edit", "field": "fatalities", "value": True},
    {"action": "edit", "field": "time_precision", "value": 7},
    {"action": "edit", "field": "latitude", "value": 91},
    {"action": "edit", "field": "longitude", "value": "nan"},
    {"action": "edit", "field": "event_date", "value": "12 Nov"},
    {"action": "edit", "field": "location", "value": {"a": 1}},
    {"action": "edit", "field": "assoc_actor_1", "value": "Hezbollah"},
    {"action": "edit", "field": "status", "value": "maybe"},
    {"action": "approve"},
    {"note": "no action"},
])
def test_bad_reviews_are_422(api: Api, body: dict[str, Any]) -> None:
    r = _review(api, _key(api), body, api.auth())
    assert r.status_code == 422, r.text
    assert r.json()["detail"]
    assert api.store.edits() == []


def test_unknown_event_is_404(api: Api) -> None:
    assert _review(api, "nope", {"action": "accept"}, api.auth()).status_code == 404
    assert _review(api, "nope", {"action": "accept"}).status_code == 401


def test_edit_survives_reextraction(api: Api) -> None:
    key = _key(api, 2)
    r = _review(api, key, {"action": "edit", "field": "location", "value": "Al-Bukamal", "note": "spelling"},
                api.auth())
    assert r.status_code == 200
    reextract(api.store, api.pipeline)
    event = api.client.get(f"/api/events/{key}").json()
    assert event["location"] == "Al-Bukamal" and event["run_id"] == 2 and event["edited"] == ["location"]
    audit = api.client.get("/api/audit").json()
    assert [(e["event_key"], e["before"], e["after"], e["applied"]) for e in audit["items"]] == [
        (key, "Albu Kamal", "Al-Bukamal", True)]
    assert api.client.get("/api/audit", params={"orphaned": True}).json()["total"] == 0


def test_a_sub_event_type_brings_its_event_type(api: Api) -> None:
    events = api.client.get("/api/events", params={"event_type": "Battles", "limit": 1000}).json()["items"]
    clash = next(e for e in events if e["sub_event_type"] == "Armed clash")
    r = _review(api, clash["event_key"], {"action": "edit", "field": "sub_event_type", "value": "Air/drone strike",
                                          "note": "the article says aircraft"}, api.auth())
    assert r.status_code == 200
    event = r.json()
    assert (event["event_type"], event["sub_event_type"], event["disorder_type"]) == (
        "Explosions/Remote violence", "Air/drone strike", "Political violence")
    audit = api.client.get("/api/audit", params={"event_key": clash["event_key"]}).json()["items"]
    assert [(e["field"], e["before"], e["after"]) for e in audit] == [
        ("sub_event_type", "Armed clash", "Air/drone strike"), ("event_type", "Battles", "Explosions/Remote violence")]
    assert audit[1]["note"] == "follows the sub-event type 'Air/drone strike'"
    # an event type that contradicts the sub-event type is refused, with what to do instead
    bad = _review(api, clash["event_key"], {"action": "edit", "field": "event_type", "value": "Battles"}, api.auth())
    assert bad.status_code == 422 and "change the sub-event type instead" in bad.json()["detail"]
    same = _review(api, clash["event_key"], {"action": "edit", "field": "event_type",
                                             "value": "Explosions/Remote violence"}, api.auth())
    assert same.status_code == 200
    for field, value in (("sub_event_type", "Airstrike"), ("event_type", "War"), ("disorder_type", "Demonstrations")):
        r = _review(api, clash["event_key"], {"action": "edit", "field": field, "value": value}, api.auth())
        assert r.status_code == 422, (field, value)


def test_control_change_edit_moves_the_control_map(api: Api) -> None:
    before = api.client.get("/api/control", params={"at": "2017-11-12", "place": "البصيرة"}).json()
    assert [h["holder"] for h in before["holdings"]] == ["SDF: Syrian Democratic Forces"]
    events = api.client.get("/api/events", params={"q": "البصيرة", "limit": 1000}).json()["items"]
    capture = next(e for e in events if e["location_ar"] == "البصيرة" and e["control_change"])
    body = {"action": "edit", "field": "control_change", "value": {"from": "SDF: Syrian Democratic Forces",
                                                                    "to": "Islamic State"}}
    r = _review(api, capture["event_key"], body, api.auth())
    assert r.status_code == 200 and r.json()["control_change"] == {"from": "SDF: Syrian Democratic Forces",
                                                                  "to": "Islamic State"}
    after = api.client.get("/api/control", params={"at": "2017-11-12", "place": "البصيرة"}).json()
    assert [(h["holder"], h["previous"]) for h in after["holdings"]] == [
        ("Islamic State", "SDF: Syrian Democratic Forces")]


def test_users_file(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    token = users.add_user("a.b@c", path)
    data = json.loads(path.read_text())
    assert token not in path.read_text() and data["users"][0]["token_sha256"] == users.token_hash(token)
    assert path.stat().st_mode & 0o777 == 0o600
    found = users.authenticate(token, path)
    assert found is not None and found.name == "a.b@c" and not found.disabled
    assert users.authenticate("x" + token, path) is None and users.authenticate("", path) is None
    again = users.add_user("a.b@c", path)
    assert users.authenticate(token, path) is None and users.authenticate(again, path) is not None
    users.set_disabled("a.b@c", True, path)
    assert [u.disabled for u in users.list_users(path)] == [True]
    with pytest.raises(RasdError, match="E702"):
        users.add_user("bad name!", path)
    with pytest.raises(RasdError, match="E703"):
        users.set_disabled("ghost", True, path)
    path.write_text("[1, 2]")
    with pytest.raises(RasdError, match="E701"):
        users.list_users(path)
