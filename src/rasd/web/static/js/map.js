// The map: offline basemap (country and province borders from Natural Earth, copied from npm packages by
// web/build.mjs), the events (coloured by event type, sized by fatalities, clustered when dense) and the
// control map (places coloured by who holds them on a chosen day).
import {h} from "./dom.js";
import {fieldName, ltr, placeName, subTypeName, t, typeName} from "./i18n.js";

export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60",
  "Riots": "#2980b9",
  "Strategic developments": "#7f8c8d",
};
const HOLDER_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
  "#bcbd22", "#393b79"];

/** A stable colour for an actor holding places (same name, same colour, across reloads). */
export function holderColor(name) {
  let hash = 0;
  for (const ch of name || "") hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return HOLDER_COLORS[hash % HOLDER_COLORS.length];
}

/** Marker diameter in pixels: grows with the square root of the fatalities, so a massacre does not hide a
 * whole province. */
export function markerSize(fatalities) {
  const f = Math.max(0, Number(fatalities) || 0);
  return Math.round(12 + 3 * Math.sqrt(Math.min(f, 400)));
}

export class EventMap {
  constructor(container, {onSelect}) {
    this.container = container;
    this.onSelect = onSelect;
    this.markers = new Map();
    this.selected = null;
    this.map = L.map(container, {worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 13})
      .setView([30, 40], 4);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Natural Earth · Leaflet");
    // cluster animations off: a selection zooms and spreads clusters at once, and an animation still running
    // would make markercluster ignore the spread
    this.events = L.markerClusterGroup({maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      chunkedLoading: true, animate: false});
    // places held on the control map cluster too (dozens share a city at country zoom); a cluster takes the
    // colour of the actor holding most of its places and is dashed when any of them is contested
    this.control = L.markerClusterGroup({maxClusterRadius: 30, showCoverageOnHover: false, animate: false,
      iconCreateFunction: (cluster) => this.controlClusterIcon(cluster)});
    this.events.addTo(this.map);
    this.container.dataset.points = "0";
  }

  /** Load the country and province borders (drawn under everything else). */
  async loadBasemap() {
    const style = {countries: {color: "#8a8a8a", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1},
      provinces: {color: "#b5aea0", weight: 0.7, fill: true, fillOpacity: 0, dashArray: "2 3"}};
    const [countries, provinces] = await Promise.all(["countries", "provinces"].map(async (name) => {
      const response = await fetch(`/static/basemap/${name}.geojson`);
      if (!response.ok) throw new Error(t("assets_missing"));
      return response.json();
    }));
    L.geoJSON(countries, {style: style.countries, interactive: false}).addTo(this.map).bringToBack();
    L.geoJSON(provinces, {
      style: style.provinces,
      onEachFeature: (feature, layer) => {
        const p = feature.properties || {};
        // a function, so the label follows the language; an element, so a name is never parsed as HTML
        layer.bindTooltip(() => h("span", {}, placeName(p.name_en, p.name_ar)), {sticky: true, opacity: 0.85});
      },
    }).addTo(this.map);
  }

  /** Show these points (from /api/points) and fit the view to them when asked. */
  showEvents(fields, items, {fit = true} = {}) {
    this.events.clearLayers();
    this.markers.clear();
    const at = Object.fromEntries(fields.map((f, i) => [f, i]));
    const layers = [];
    for (const item of items) {
      const p = Object.fromEntries(Object.entries(at).map(([f, i]) => [f, item[i]]));
      const size = markerSize(p.fatalities);
      const dot = h("div", {class: "ev-marker" + (p.status === "rejected" ? " rejected" : ""),
        dataset: {key: p.event_key, type: p.event_type}});
      dot.style.background = TYPE_COLORS[p.event_type] || "#555";
      const marker = L.marker([p.latitude, p.longitude], {
        icon: L.divIcon({html: dot, className: "ev-icon", iconSize: [size, size]}),
        keyboard: true, title: "", riseOnHover: true,
      });
      marker.bindTooltip(() => this.tooltip(p), {direction: "top"});
      marker.on("click", () => this.onSelect(p.event_key));
      marker.point = p;
      this.markers.set(p.event_key, marker);
      layers.push(marker);
    }
    this.events.addLayers(layers);
    this.container.dataset.points = String(layers.length);
    if (fit && layers.length) {
      const bounds = L.latLngBounds(layers.map((m) => m.getLatLng()));
      // not animated: the end of a zoom animation would undo a selection's setView made meanwhile
      this.map.fitBounds(bounds.pad(0.2), {maxZoom: 9, animate: false});
    }
    if (this.selected) this.highlight(this.selected, {pan: false});
  }

  tooltip(p) {
    return h("div", {class: "tip"},
      h("strong", {}, subTypeName(p.sub_event_type) || typeName(p.event_type)),
      h("div", {}, [ltr(p.event_date), " · ", placeName(p.location, p.location_ar)].join("")),
      p.actor1 ? h("div", {}, p.actor1 + (p.actor2 ? " ↔ " + p.actor2 : "")) : null,
      p.fatalities ? h("div", {}, `${fieldName("fatalities")}: ${p.fatalities}`) : null);
  }

  /** Mark the selected event on the map (and bring it into view). */
  highlight(key, {pan = true} = {}) {
    for (const el of this.container.querySelectorAll(".ev-marker.selected")) el.classList.remove("selected");
    this.selected = key;
    const marker = this.markers.get(key);
    if (!marker) return;
    const mark = () => {
      const el = marker.getElement();  // the icon's box; the coloured dot is inside it
      const dot = el && el.querySelector(".ev-marker");
      if (dot && this.selected === key) dot.classList.add("selected");
    };
    if (!pan) { mark(); return; }
    // Zoom in on the event (to town level) and, when it still shares a cluster with events at the same place,
    // spread that cluster out; markercluster's zoomToShowLayer does the same with animations, which proved
    // unreliable here.
    const reveal = () => {
      const parent = this.events.getVisibleParent(marker);
      if (parent && parent !== marker && typeof parent.spiderfy === "function") parent.spiderfy();
      setTimeout(mark, 50);
    };
    const latlng = marker.getLatLng();
    const zoom = Math.max(this.map.getZoom(), 10);
    if (this.map.getZoom() === zoom && this.map.getBounds().pad(-0.1).contains(latlng)) reveal();
    else {
      this.map.once("moveend", () => setTimeout(reveal, 0));
      this.map.setView(latlng, zoom, {animate: false});
    }
  }

  /** Switch between the events and the control map. */
  setMode(mode) {
    if (mode === "control") {
      this.map.removeLayer(this.events);
      this.control.addTo(this.map);
    } else {
      this.map.removeLayer(this.control);
      this.events.addTo(this.map);
    }
    setTimeout(() => this.map.invalidateSize(), 0);
  }

  controlClusterIcon(cluster) {
    const counts = new Map();
    let contested = false;
    for (const m of cluster.getAllChildMarkers()) {
      counts.set(m.holding.holder, (counts.get(m.holding.holder) || 0) + 1);
      contested = contested || m.holding.contested;
    }
    const [top] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const box = h("div", {class: "ctl-cluster" + (contested ? " contested" : ""), title: top},
      String(cluster.getChildCount()));
    box.style.background = holderColor(top);
    return L.divIcon({html: box, className: "ev-icon", iconSize: [28, 28]});
  }

  /** Show holdings (from /api/control): one marker per place, coloured by holder, dashed when contested. */
  showControl(holdings) {
    this.control.clearLayers();
    const placed = holdings.filter((x) => x.latitude !== null && x.longitude !== null);
    for (const x of placed) {
      const dot = h("div", {class: "ctl-marker" + (x.contested ? " contested" : ""), dataset: {place: x.place}});
      dot.style.background = holderColor(x.holder);
      const marker = L.marker([x.latitude, x.longitude],
        {icon: L.divIcon({html: dot, className: "ev-icon", iconSize: [18, 18]})});
      marker.holding = x;
      marker.bindTooltip(() => h("div", {class: "tip"},
        h("strong", {}, placeName(x.location, x.location_ar)),
        h("div", {}, `${t("holder")}: ${x.holder}`),
        h("div", {}, `${t("since")} ${ltr(x.since)}` + (x.previous ? ` · ${t("previous")}: ${x.previous}` : "")),
        x.contested ? h("div", {class: "warn"}, `${t("contested")}: ${(x.reasons || []).join("; ")}`) : null));
      this.control.addLayer(marker);
    }
    this.container.dataset.controlPoints = String(placed.length);
    if (placed.length) {
      this.map.fitBounds(L.latLngBounds(placed.map((x) => [x.latitude, x.longitude])).pad(0.3),
        {maxZoom: 9, animate: false});
    }
  }
}
