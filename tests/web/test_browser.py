"""The analyst's page in headless Chromium against a real ``rasd serve``: the seed article's events on the map,
an event's evidence highlighted in the article, signing in, editing a field, the edit surviving a reload, the
two languages, the timeline, the control map, and an article full of markup shown as text with nothing run."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import Server

pytestmark = pytest.mark.browser


def open_page(page: Any, server: Server, fragment: str = "") -> None:
    """Load the page and wait until its first data is shown."""
    page.goto(server.url + "/" + (f"#{fragment}" if fragment else ""))
    page.wait_for_selector('body[data-ready="1"]', state="attached")


def seed_events(server: Server) -> list[dict[str, Any]]:
    """The seed article's events, as the API lists them."""
    items = server.get("/api/events?limit=1000")["items"]
    return [e for e in items if e["doc_id"].endswith("000_cec7ceff3a92a6cc.txt")]


def shown_on_map(page: Any) -> int:
    """Events drawn on the map: single markers plus the counts of the clusters."""
    singles = page.locator("#map .ev-marker").count()
    clusters = sum(int(t) for t in page.locator("#map .marker-cluster span").all_inner_texts())
    return int(singles + clusters)


def test_page_shows_the_seed_events_on_the_map(page: Any, server: Server) -> None:
    open_page(page, server)
    placed = [e for e in server.get("/api/points")["items"]]
    seed = seed_events(server)
    assert len(seed) >= 10
    assert page.get_attribute("#map", "data-points") == str(len(placed))
    assert shown_on_map(page) == len(placed)
    # the basemap is drawn from the packaged files (no tiles, no network): countries and provinces as SVG paths
    assert page.locator("#map path.leaflet-interactive").count() > 100
    assert page.locator(".event-list .event-item").count() == server.get("/api/events")["total"]
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert not page.errors, page.errors


def test_no_request_leaves_the_machine(page: Any, server: Server) -> None:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:")) else None)
    open_page(page, server)
    page.locator(".event-item").first.click()
    page.wait_for_selector('#panel[data-view="event"]', state="attached")
    assert outside == []


def test_opening_an_event_highlights_its_evidence(page: Any, server: Server) -> None:
    event = next(e for e in seed_events(server) if e["location_ar"] == "البصيرة")
    open_page(page, server)
    page.locator(f'.event-item[data-key="{event["event_key"]}"]').click()
    page.wait_for_selector(f'#panel[data-view="event"][data-key="{event["event_key"]}"]', state="attached")
    marks = page.locator("#panel .article-text mark")
    texts = marks.all_inner_texts()
    evidence = {(ev["field"], ev["text"]) for ev in event["evidence"]}
    assert {text for _, text in evidence} <= set("".join(texts).split()) | set(texts) or texts
    for field, text in evidence:
        found = page.locator(f'#panel .article-text mark.ev-f-{field}').all_inner_texts()
        assert any(text in t or t in text for t in found), (field, text, found)
    assert page.locator("#panel .article-text").get_attribute("dir") == "rtl"
    # the whole article is there, as text, and the highlighted words sit at their offsets
    article = server.get(f"/api/articles/{event['article_id']}")
    assert page.locator("#panel .article-text").inner_text().replace("\n", "") == article["text"].replace("\n", "")
    # the event is marked on the map too
    page.wait_for_selector("#map .ev-marker.selected", state="attached")
    assert page.locator("#panel tr[data-field='location_ar'] td.value").inner_text().startswith("البصيرة")
    assert not page.errors, page.errors


def test_clicking_a_marker_opens_its_event(page: Any, server: Server) -> None:
    open_page(page, server)
    # zoom in far enough for markers to leave their clusters, then click one
    while page.locator("#map .ev-marker").count() == 0:
        page.locator("#map .marker-cluster").first.click()
        page.wait_for_timeout(200)
    marker = page.locator("#map .ev-marker").first
    key = marker.get_attribute("data-key")
    marker.click()
    page.wait_for_selector(f'#panel[data-view="event"][data-key="{key}"]', state="attached")
    assert page.locator("#panel .article-text mark").count() > 0


def test_sign_in_edit_a_field_and_see_it_after_a_reload(page: Any, server: Server) -> None:
    event = next(e for e in seed_events(server) if e["location_ar"] == "البصيرة")
    key = event["event_key"]
    open_page(page, server, f"event={key}")
    page.wait_for_selector(f'#panel[data-key="{key}"]', state="attached")
    assert page.locator("#panel button.edit").count() == 0  # not signed in: nothing to edit

    page.click("#sign-in")
    page.fill("#token-input", "not-a-token")
    page.click("#sign-in-submit")
    page.wait_for_selector("#sign-in-dialog .error:has-text('رمز غير معروف')")
    assert page.errors == ["console: Failed to load resource: the server responded with a status of 401 "
                           "(Unauthorized)"]
    page.errors.clear()
    page.fill("#token-input", server.token)
    page.click("#sign-in-submit")
    page.wait_for_selector("#user-name")
    assert page.inner_text("#user-name") == server.reviewer

    page.wait_for_selector("#panel button.edit[data-field='fatalities']")
    page.click("#panel button.edit[data-field='fatalities']")
    page.fill("#panel form.editor input[name='fatalities']", "4")
    page.fill("#panel form.editor input[name='note']", "المرصد: أربعة قتلى")
    page.click("#panel form.editor button.save")
    page.wait_for_selector("#panel p.ok")
    row = page.locator("#panel tr[data-field='fatalities']")
    assert row.locator("td.value").inner_text().startswith("4")
    assert "edited" in (row.get_attribute("class") or "")

    page.reload()
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    page.wait_for_selector(f'#panel[data-key="{key}"]', state="attached")
    row = page.locator("#panel tr[data-field='fatalities']")
    assert row.locator("td.value").inner_text().startswith("4")
    assert "edited" in (row.get_attribute("class") or "")
    history = page.locator("#panel section.history").inner_text()
    assert server.reviewer in history and "المرصد: أربعة قتلى" in history
    assert page.inner_text("#user-name") == server.reviewer  # still signed in

    # the review log tab lists the change; the API has it with who, before and after
    page.click("button.tab[data-mode='audit']")
    page.wait_for_selector('#panel[data-view="audit"]', state="attached")
    assert server.reviewer in page.locator("#panel table.audit").inner_text()
    edits = server.get(f"/api/audit?event_key={key}")["items"]
    assert [(e["field"], e["before"], e["after"], e["who"]) for e in edits][-1] == \
        ("fatalities", event["fatalities"], 4, server.reviewer)
    assert not page.errors, page.errors


def test_accept_marks_the_event(page: Any, server: Server) -> None:
    event = next(e for e in seed_events(server) if e["sub_event_type"].startswith("Shelling"))
    page.goto(server.url + "/api/health")  # any page of the origin: the token is kept per origin
    page.evaluate("token => window.localStorage.setItem('rasd-token', token)", server.token)
    open_page(page, server, f"event={event['event_key']}")
    page.wait_for_selector("#panel button.accept")
    page.click("#panel button.accept")
    page.wait_for_selector("#panel .event-title .badge[data-status='accepted']")
    assert server.get(f"/api/events/{event['event_key']}")["status"] == "accepted"


def test_reviewer_changes_who_took_a_town_and_the_control_map_follows(page: Any, server: Server) -> None:
    event = next(e for e in seed_events(server) if e["location_ar"] == "البصيرة" and e["control_change"])
    page.goto(server.url + "/api/health")
    page.evaluate("token => window.localStorage.setItem('rasd-token', token)", server.token)
    open_page(page, server, f"event={event['event_key']}")
    page.click("#panel button.edit[data-field='control_change']")
    page.fill("#panel .control-editor input[name='from']", "Military Forces of Syria")
    page.fill("#panel .control-editor input[name='to']", "Islamic State")
    page.click("#panel form.editor button.save")
    page.wait_for_selector("#panel p.ok")
    value = page.locator("#panel tr[data-field='control_change'] td.value").inner_text()
    assert value.startswith("Military Forces of Syria → Islamic State")
    page.click("button.tab[data-mode='control']")
    page.fill("#control-at", "2017-11-13")
    page.dispatch_event("#control-at", "change")
    page.wait_for_selector("#panel[data-view='control'] h2:has-text('2017-11-13')")
    busayrah = page.locator("#panel li", has_text="البصيرة").inner_text()
    assert "Military Forces of Syria" in busayrah
    holding = server.get("/api/control?at=2017-11-13&place=%D8%A7%D9%84%D8%A8%D8%B5%D9%8A%D8%B1%D8%A9")["holdings"]
    assert [h["holder"] for h in holding] == ["Islamic State"]
    assert not page.errors, page.errors


def test_choosing_a_sub_event_type_sets_the_event_type(page: Any, server: Server) -> None:
    event = next(e for e in seed_events(server) if e["sub_event_type"] == "Armed clash")
    page.goto(server.url + "/api/health")
    page.evaluate("token => window.localStorage.setItem('rasd-token', token)", server.token)
    open_page(page, server, f"event={event['event_key']}&lang=en")
    assert page.locator("#panel button.edit[data-field='event_type']").count() == 0  # follows the sub-type
    page.click("#panel button.edit[data-field='sub_event_type']")
    groups = page.locator("#panel form.editor select[name='sub_event_type'] optgroup")
    assert groups.count() == 6
    assert page.locator("#panel tr[data-field='event_type'] td.value").inner_text().startswith("Battles")
    page.select_option("#panel form.editor select[name='sub_event_type']", "Air/drone strike")
    page.click("#panel form.editor button.save")
    page.wait_for_selector("#panel p.ok")
    assert page.locator("#panel tr[data-field='sub_event_type'] td.value").inner_text().startswith("Air/drone strike")
    assert page.locator("#panel tr[data-field='event_type'] td.value").inner_text().startswith(
        "Explosions/Remote violence")
    stored = server.get(f"/api/events/{event['event_key']}")
    assert (stored["event_type"], stored["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert not page.errors, page.errors


def test_untrusted_article_text_is_shown_as_text_and_nothing_runs(page: Any, server: Server) -> None:
    items = server.get("/api/events?limit=1000")["items"]
    hostile = next(e for e in items if e["doc_id"] == "hostile-1")
    open_page(page, server, f"event={hostile['event_key']}")
    page.wait_for_selector(f'#panel[data-key="{hostile["event_key"]}"] .article-text', state="attached")
    text = page.locator("#panel .article-text").inner_text()
    assert "<script>window.__pwned = 2</script>" in text
    assert '<b id="injected-body" onclick="window.__pwned=3">' in text
    assert page.locator("#panel .article-text mark").count() > 0  # the event's words are still highlighted
    # no element came out of the markup, no handler ran, the javascript: URL is not a link
    assert page.evaluate("document.querySelectorAll('[id^=injected]').length") == 0
    assert page.evaluate("document.querySelectorAll('#panel script, #panel img, #panel svg').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel a[href^='javascript']").count() == 0
    assert "<i id=\"injected-outlet\">outlet</i>" in page.locator("#panel section.sources").inner_text()
    # the list and the map's tooltips show place names as text too
    page.click("#panel button.back")
    page.wait_for_selector('#panel[data-view="list"]', state="attached")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_english_interface(page: Any, server: Server) -> None:
    open_page(page, server)
    page.click("#lang")
    page.wait_for_selector("html[dir='ltr']", state="attached")  # (wait_for_function would need unsafe-eval)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("button.tab[data-mode='events']") == "Events"
    assert "lang=en" in page.evaluate("location.hash")
    page.locator(".event-item").first.click()
    page.wait_for_selector('#panel[data-view="event"]', state="attached")
    assert page.locator("#panel tr[data-field='event_date'] th").inner_text() == "Date"
    page.reload()
    page.wait_for_selector('body[data-ready="1"]', state="attached")
    assert page.evaluate("document.documentElement.lang") == "en"  # kept in the address


def test_timeline_day_filters_map_and_list(page: Any, server: Server) -> None:
    open_page(page, server)
    days = server.get("/api/timeline")["days"]
    day = max({d["date"] for d in days}, key=lambda x: sum(d["events"] for d in days if d["date"] == x))
    expected = server.get(f"/api/points?date_from={day}&date_to={day}")
    assert page.get_attribute("#timeline", "data-days") == str(len({d["date"] for d in days}))
    page.locator(f'#timeline g.day[data-date="{day}"]').click()
    page.wait_for_selector(f"#map[data-points='{len(expected['items'])}']", state="attached")
    assert page.locator(".event-list .event-item").count() == expected["total"]
    assert page.input_value("input[name='date_from']") == day
    assert f"date_from={day}" in page.evaluate("location.hash")


def test_filters_narrow_the_map(page: Any, server: Server) -> None:
    open_page(page, server)
    page.select_option("select[name='event_type']", "Battles")
    page.click("#filters button.primary")
    expected = server.get("/api/points?event_type=Battles")
    page.wait_for_selector(f"#map[data-points='{len(expected['items'])}']", state="attached")
    assert page.locator(".event-list .event-item").count() == expected["total"]


def test_limit_to_the_map_view(page: Any, server: Server) -> None:
    open_page(page, server)
    page.click("#panel .event-item >> nth=0")  # zooms to one town: the view holds part of the events
    page.wait_for_selector('#panel[data-view="event"]', state="attached")
    page.click("#panel button.back")
    page.click("#limit-to-view")
    page.wait_for_selector("#bbox-chip")
    bbox = page.evaluate("new URLSearchParams(location.hash.slice(1)).get('bbox')")
    expected = server.get(f"/api/points?bbox={bbox}")
    page.wait_for_selector(f"#map[data-points='{len(expected['items'])}']", state="attached")
    assert 0 < len(expected["items"]) < len(server.get("/api/points")["items"])
    assert page.locator(".event-list .event-item").count() == expected["total"]
    page.click("#bbox-chip button")
    page.wait_for_selector(f"#map[data-points='{len(server.get('/api/points')['items'])}']", state="attached")


def test_control_map_at_a_date(page: Any, server: Server) -> None:
    expected = server.get("/api/control?at=2017-11-12")
    assert expected["total"] > 0
    open_page(page, server, "mode=control&at=2017-11-12")
    page.wait_for_selector('#panel[data-view="control"]', state="attached")
    placed = [h for h in expected["holdings"] if h["latitude"] is not None]
    assert page.get_attribute("#map", "data-control-points") == str(len(placed))
    text = page.locator("#panel").inner_text()
    for holding in expected["holdings"]:
        assert holding["holder"] in text
    assert not page.errors, page.errors


def test_highlighting_splits_overlaps_and_skips_spans_that_do_not_match(page: Any, server: Server) -> None:
    open_page(page, server)
    result = page.evaluate("""async () => {
        const {highlighted} = await import('/static/js/panel.js');
        const text = 'قصفت قوات النظام <b>البوكمال</b>';
        const spans = [
            {field: 'trigger', start: 0, end: 4, text: 'قصفت'},
            {field: 'actor1', start: 5, end: 16, text: 'قوات النظام'},
            {field: 'actor2', start: 10, end: 16, text: 'النظام'},
            {field: 'location', start: 17, end: 20, text: 'xyz'},
            {field: 'date', start: 30, end: 90, text: null},
        ];
        const [el, count] = highlighted(text, spans);
        return {count, text: el.textContent, html: el.innerHTML,
                marks: [...el.querySelectorAll('mark')].map((m) => [m.textContent, m.dataset.fields])};
    }""")
    assert result["count"] == 3  # the span whose text does not match and the one past the end are left out
    assert result["text"] == "قصفت قوات النظام <b>البوكمال</b>"
    assert result["marks"] == [["قصفت", "trigger"], ["قوات ", "actor1"], ["النظام", "actor1 actor2"]]
    assert "&lt;b&gt;" in result["html"] and "<b>" not in result["html"]
