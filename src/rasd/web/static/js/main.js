// The page: state (kept in the address's #fragment, so a reload or a shared link shows the same view),
// the header, the filters shared by the map, the list and the timeline, the three views (events, control
// map, review log) and signing in.
import {api, setToken, token} from "./api.js";
import {fill, h} from "./dom.js";
import {EVENT_TYPE_NAMES, fieldName, ltr, placeName, setLang, t, typeName} from "./i18n.js";
import {EventMap, holderColor} from "./map.js";
import {Panel} from "./panel.js";
import {Timeline} from "./timeline.js";

const FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "actor", "q", "status", "bbox"];
const $ = (id) => document.getElementById(id);

const state = {lang: "ar", mode: "events", event: null, at: null, filters: {}};
let facets = {countries: [], admin1: [], event_types: [], editable: {}, first_date: null, last_date: null};
let user = null;
let map = null;
let lastPoints = null;

function readHash() {
  const p = new URLSearchParams(window.location.hash.slice(1));
  state.lang = p.get("lang") === "en" ? "en" : "ar";
  state.mode = ["events", "control", "audit"].includes(p.get("mode")) ? p.get("mode") : "events";
  state.event = p.get("event") || null;
  state.at = p.get("at") || null;
  state.filters = Object.fromEntries(FILTERS.map((f) => [f, p.get(f) || ""]));
}

function writeHash() {
  const p = new URLSearchParams();
  if (state.lang !== "ar") p.set("lang", state.lang);
  if (state.mode !== "events") p.set("mode", state.mode);
  if (state.event) p.set("event", state.event);
  if (state.at) p.set("at", state.at);
  for (const f of FILTERS) if (state.filters[f]) p.set(f, state.filters[f]);
  const hash = p.toString();
  window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname);
}

const panel = new Panel($("panel"), {
  onSelect: (key) => selectEvent(key),
  onChanged: () => refresh({fit: false}),
  isReviewer: () => Boolean(user),
  editable: () => facets.editable || {},
  taxonomy: () => facets.event_types || [],
});
const timeline = new Timeline($("timeline"), {
  onDay: (day) => {
    if (state.mode === "control") {  // on the control map a day is the day to show control on
      if (day) { state.at = day; renderHeader(); writeHash(); showControl(); }
      return;
    }
    state.filters.date_from = day || "";
    state.filters.date_to = day || "";
    renderFilters();
    refresh();
  },
});

function option(value, label, selected) {
  return h("option", {value, selected: value === selected}, label);
}

function renderFilters() {
  const f = state.filters;
  const field = (name, label, control) => h("label", {class: "filter"}, h("span", {}, label), control);
  const countries = facets.countries.map((c) => option(c.name, `${c.name} (${c.events})`, f.country));
  const admin1 = facets.admin1.filter((a) => !f.country || a.country === f.country)
    .map((a) => option(a.name, `${a.name} (${a.events})`, f.admin1));
  const form = h("form", {id: "filters-form", onsubmit: (e) => { e.preventDefault(); applyFilters(); }},
    field("date_from", t("date_from"), h("input", {type: "date", name: "date_from", value: f.date_from})),
    field("date_to", t("date_to"), h("input", {type: "date", name: "date_to", value: f.date_to})),
    field("country", t("country"), h("select", {name: "country"}, option("", t("any"), f.country), countries)),
    field("admin1", t("admin1"), h("select", {name: "admin1"}, option("", t("any"), f.admin1), admin1)),
    field("event_type", t("event_type"), h("select", {name: "event_type"}, option("", t("any"), f.event_type),
      EVENT_TYPE_NAMES.map((n) => option(n, typeName(n), f.event_type)))),
    field("actor", t("actor"), h("input", {type: "text", name: "actor", value: f.actor, size: 14})),
    field("q", t("search"), h("input", {type: "search", name: "q", value: f.q, size: 14})),
    field("status", t("status"), h("select", {name: "status"}, option("", t("any"), f.status),
      ["machine", "accepted", "rejected"].map((s) => option(s, t("status_" + s), f.status)))),
    // the area is not typed in: it is the map's view when the button was pressed, kept until cleared
    h("input", {type: "hidden", name: "bbox", value: f.bbox}),
    map ? h("button", {type: "button", id: "limit-to-view", onclick: limitToView}, t("limit_to_view")) : null,
    f.bbox ? h("span", {class: "chip", id: "bbox-chip"}, `${t("area")} `, h("bdi", {dir: "ltr"}, f.bbox), " ",
      h("button", {type: "button", class: "link", title: t("clear"), onclick: () => {
        state.filters.bbox = ""; renderFilters(); refresh({fit: true});
      }}, "✕")) : null,
    h("button", {type: "submit", class: "primary"}, t("apply")),
    h("button", {type: "button", onclick: () => { state.filters = {}; renderFilters(); refresh(); }}, t("clear")),
    h("a", {class: "export", href: api.exportUrl(activeFilters(), "acled-csv"), download: ""}, `${t("export")} CSV`),
    h("a", {class: "export", href: api.exportUrl(activeFilters(), "geojson"), download: ""}, "GeoJSON"));
  fill($("filters"), form);
}

/** Narrow the filters to the map's current view (a bounding box, as the API takes it). */
function limitToView() {
  const b = map.map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(3);
  state.filters.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90)].join(",");
  renderFilters();
  refresh({fit: false});
}

function applyFilters() {
  const data = new FormData($("filters-form"));
  for (const f of FILTERS) state.filters[f] = String(data.get(f) || "").trim();
  refresh();
}

function activeFilters() {
  return Object.fromEntries(FILTERS.filter((f) => state.filters[f]).map((f) => [f, state.filters[f]]));
}

function renderHeader() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = `${t("title")} · ${t("subtitle")}`;
  const tab = (mode, label) => h("button", {type: "button", class: "tab" + (state.mode === mode ? " active" : ""),
    dataset: {mode}, onclick: () => setMode(mode)}, label);
  const account = user
    ? h("span", {class: "account"}, `${t("signed_in_as")} `, h("strong", {id: "user-name"}, user.name), " ",
      h("button", {type: "button", id: "sign-out", onclick: signOut}, t("sign_out")))
    : h("button", {type: "button", id: "sign-in", onclick: openSignIn}, t("sign_in"));
  fill($("header"),
    h("div", {class: "brand"}, h("strong", {}, t("title")), h("span", {class: "muted"}, t("subtitle"))),
    h("nav", {class: "tabs"}, tab("events", t("tab_events")), tab("control", t("tab_control")),
      tab("audit", t("tab_audit"))),
    state.mode === "control" ? h("label", {class: "control-date"}, `${t("control_date")} `,
      h("input", {type: "date", id: "control-at", value: state.at || facets.last_date || "",
        onchange: (e) => { state.at = e.target.value; showControl(); }})) : null,
    h("div", {class: "right"}, account,
      h("button", {type: "button", id: "lang", onclick: toggleLang}, t("language"))));
}

function toggleLang() {
  state.lang = state.lang === "ar" ? "en" : "ar";
  setLang(state.lang);
  renderAll();
  refresh({fit: false});
}

function renderAll() {
  renderHeader();
  renderFilters();
  writeHash();
}

function setMode(mode) {
  state.mode = mode;
  renderHeader();
  writeHash();
  if (map) map.setMode(mode === "control" ? "control" : "events");
  if (mode === "control") showControl();
  else if (mode === "audit") showAudit();
  else if (state.event) selectEvent(state.event);
  else if (lastPoints) panel.showList(lastPoints);
}

/** Fetch the selected events and the timeline, and show them. */
async function refresh({fit = true} = {}) {
  writeHash();
  const filters = activeFilters();
  document.body.dataset.loading = "1";
  try {
    const [points, days] = await Promise.all([api.points(filters), api.timeline(filters)]);
    lastPoints = points;
    if (map) map.showEvents(points.fields, points.items, {fit: fit && !state.event});
    timeline.show(days, state.filters.date_from && state.filters.date_from === state.filters.date_to
      ? state.filters.date_from : null);
    if (state.mode === "events" && !state.event) panel.showList(points);
    setBanner(null);
  } catch (err) {
    setBanner(`${t("error")}: ${err.message}`);
  } finally {
    delete document.body.dataset.loading;
  }
}

async function selectEvent(key) {
  state.event = key;
  if (state.mode !== "events") { state.mode = "events"; renderHeader(); if (map) map.setMode("events"); }
  writeHash();
  if (!key) {
    if (lastPoints) panel.showList(lastPoints);
    if (map) map.highlight(null);
    return;
  }
  const event = await panel.showEvent(key);
  if (event && map) map.highlight(key);
}

async function showControl() {
  const at = state.at || facets.last_date;
  if (!at) { fill($("panel"), h("p", {class: "empty"}, t("no_control"))); return; }
  fill($("panel"), h("p", {class: "muted"}, t("loading")));
  try {
    const data = await api.control(at);
    if (map) map.showControl(data.holdings);
    const byHolder = new Map();
    for (const x of data.holdings) byHolder.set(x.holder, [...(byHolder.get(x.holder) || []), x]);
    fill($("panel"), h("h2", {}, `${t("tab_control")} · ${ltr(data.at)}`),
      data.total ? null : h("p", {class: "empty"}, t("no_control")),
      // holders with the most places first
      [...byHolder].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([holder, places]) => {
        const dot = h("span", {class: "swatch"});
        dot.style.background = holderColor(holder);
        return h("section", {class: "holder"}, h("h3", {}, dot, holder, ` (${places.length} ${t("places")})`),
          h("ul", {}, places.map((x) => h("li", {class: x.contested ? "contested" : null, dataset: {place: x.place}},
            x.latitude !== null && map ? h("button", {type: "button", class: "link place", onclick: () =>
              map.map.setView([x.latitude, x.longitude], Math.max(map.map.getZoom(), 9))},
            placeName(x.location, x.location_ar)) : h("strong", {}, placeName(x.location, x.location_ar)),
            ` · ${t("since")} ${ltr(x.since)}`,
            x.previous ? ` · ${t("previous")}: ${x.previous}` : "",
            // the reasons name every report involved: folded, so the list stays readable
            x.contested ? h("details", {class: "warn"}, h("summary", {}, t("contested")),
              h("ul", {}, (x.reasons || []).map((r) => h("li", {}, r)))) : null))));
      }));
    $("panel").dataset.view = "control";
  } catch (err) {
    fill($("panel"), h("p", {class: "error"}, `${t("error")}: ${err.message}`));
  }
}

async function showAudit() {
  fill($("panel"), h("p", {class: "muted"}, t("loading")));
  try {
    const head = await api.audit({limit: 1});
    const data = await api.audit({limit: 200, offset: Math.max(0, head.total - 200)});
    const rows = [...data.items].reverse().map((e) => h("tr", {},
      h("td", {}, ltr(e.at.slice(0, 19).replace("T", " "))), h("td", {}, e.who),
      h("td", {}, h("button", {type: "button", class: "link", onclick: () => selectEvent(e.event_key)},
        e.event_key.slice(0, 8))),
      h("td", {}, fieldName(e.field)), h("td", {}, JSON.stringify(e.before)), h("td", {}, JSON.stringify(e.after))));
    fill($("panel"), h("h2", {}, `${t("tab_audit")} (${data.total})`),
      rows.length ? h("table", {class: "audit"}, h("thead", {}, h("tr", {},
        [t("when"), t("who"), t("event"), t("field"), t("before"), t("after")].map((x) => h("th", {}, x)))),
      h("tbody", {}, rows)) : h("p", {class: "empty"}, t("no_edits")));
    $("panel").dataset.view = "audit";
  } catch (err) {
    fill($("panel"), h("p", {class: "error"}, `${t("error")}: ${err.message}`));
  }
}

function openSignIn() {
  const dialog = $("sign-in-dialog");
  const message = h("p", {class: "error", role: "alert"});
  const input = h("input", {type: "password", name: "token", id: "token-input", autocomplete: "off", required: true});
  fill(dialog, h("form", {method: "dialog", onsubmit: async (e) => {
    e.preventDefault();
    try {
      user = await api.me(input.value.trim());
      setToken(input.value.trim());
      dialog.close();
      renderHeader();
      if (state.event) selectEvent(state.event);
    } catch (err) {
      message.textContent = err.status === 403 ? t("disabled_user") : t("bad_token");
    }
  }},
  h("h2", {}, t("sign_in")),
  h("label", {}, h("span", {}, t("token")), input), h("p", {class: "muted"}, t("token_help")), message,
  h("div", {class: "actions"}, h("button", {type: "submit", class: "primary", id: "sign-in-submit"}, t("sign_in")),
    h("button", {type: "button", onclick: () => dialog.close()}, t("cancel")))));
  dialog.showModal();
  input.focus();
}

function signOut() {
  setToken(null);
  user = null;
  renderHeader();
  if (state.event) selectEvent(state.event);
}

function setBanner(text) {
  const banner = $("banner");
  banner.hidden = !text;
  banner.textContent = text || "";
}

async function main() {
  readHash();
  setLang(state.lang);
  renderAll();
  window.addEventListener("hashchange", () => {
    const before = JSON.stringify(state);
    readHash();
    if (JSON.stringify(state) === before) return;
    setLang(state.lang);
    renderAll();
    refresh();
    if (state.event) selectEvent(state.event);
  });
  try { facets = await api.facets(); } catch (err) { setBanner(`${t("error")}: ${err.message}`); }
  if (token()) {
    try { user = await api.me(token()); } catch (_) { setToken(null); user = null; }
  }
  renderAll();
  if (typeof window.L === "undefined" || typeof window.L.markerClusterGroup !== "function") {
    setBanner(t("assets_missing"));
    $("map").classList.add("missing");
  } else {
    map = new EventMap($("map"), {onSelect: (key) => selectEvent(key)});
    map.loadBasemap().catch((err) => setBanner(err.message));
    renderFilters();  // now with the map's "limit to view" button
  }
  await refresh({fit: true});
  if (state.mode !== "events") setMode(state.mode);
  else if (state.event) await selectEvent(state.event);
  document.body.dataset.ready = "1";
}

main();
