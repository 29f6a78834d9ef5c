// The timeline: events per day, stacked by event type, drawn as SVG from /api/timeline. Clicking a day
// narrows the page's filters (map, list and timeline alike) to that day; clicking it again clears them.
import {h, svg, fill} from "./dom.js";
import {EVENT_TYPE_NAMES, t, typeName} from "./i18n.js";
import {TYPE_COLORS} from "./map.js";

const DAY = 86400000;

function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
function isoOf(n) { return new Date(n * DAY).toISOString().slice(0, 10); }

export class Timeline {
  constructor(container, {onDay}) {
    this.container = container;
    this.onDay = onDay;
    this.selectedDay = null;
  }

  /** Draw the days of a /api/timeline answer. */
  show(data, selectedDay) {
    this.selectedDay = selectedDay;
    const byDay = new Map();
    for (const d of data.days) {
      const entry = byDay.get(d.date) || {total: 0, fatalities: 0, types: {}};
      entry.types[d.event_type] = (entry.types[d.event_type] || 0) + d.events;
      entry.total += d.events;
      entry.fatalities += d.fatalities;
      byDay.set(d.date, entry);
    }
    const legend = h("div", {class: "legend"}, EVENT_TYPE_NAMES.map((name) => {
      const swatch = h("span", {class: "swatch"});
      swatch.style.background = TYPE_COLORS[name];
      return h("span", {class: "legend-item"}, swatch, typeName(name));
    }));
    const title = h("div", {class: "timeline-head"}, h("strong", {}, t("timeline")),
      h("span", {class: "hint"}, t("timeline_hint")), legend);
    if (!byDay.size) {
      fill(this.container, title, h("div", {class: "empty"}, t("no_events")));
      this.container.dataset.days = "0";
      return;
    }
    const days = [...byDay.keys()].map(dayNumber);
    const first = Math.min(...days);
    const last = Math.max(...days);
    const span = last - first + 1;
    const width = Math.max(this.container.clientWidth - 24, 300);
    const height = 90;
    const barW = width / span;
    const max = Math.max(...[...byDay.values()].map((v) => v.total));
    const chart = svg("svg", {width, height: height + 18, class: "timeline-chart", role: "img",
      "aria-label": t("timeline")});
    // the time axis runs left to right in both languages, as on a calendar chart; the SVG keeps ltr
    chart.setAttribute("direction", "ltr");
    for (const [date, entry] of byDay) {
      const x = (dayNumber(date) - first) * barW;
      let y = height;
      const group = svg("g", {class: "day" + (date === selectedDay ? " selected" : ""), "data-date": date,
        onclick: () => this.onDay(date === this.selectedDay ? null : date)});
      const lines = [date, ...Object.entries(entry.types).map(([type, n]) => `${typeName(type)}: ${n}`)];
      if (entry.fatalities) lines.push(`${t("fatalities_short")}: ${entry.fatalities}`);
      group.appendChild(svg("title", {text: lines.join("\n")}));
      for (const name of EVENT_TYPE_NAMES.concat(Object.keys(entry.types).filter((k) => !TYPE_COLORS[k]))) {
        const n = entry.types[name];
        if (!n) continue;
        const barH = Math.max(1, (n / max) * (height - 4));
        y -= barH;
        group.appendChild(svg("rect", {x: x + (barW > 3 ? 0.5 : 0), y, width: Math.max(barW - (barW > 3 ? 1 : 0), 1),
          height: barH, fill: TYPE_COLORS[name] || "#555"}));
      }
      // an invisible full-height target, so a thin day is still easy to click
      group.appendChild(svg("rect", {x, y: 0, width: Math.max(barW, 4), height, fill: "transparent"}));
      chart.appendChild(group);
    }
    const ticks = this.ticks(first, last);
    for (const tick of ticks) {
      const x = (tick - first + 0.5) * barW;
      // the end labels lean inwards so they are not cut off at the edges
      const anchor = ticks.length > 1 && tick === first ? "start" : ticks.length > 1 && tick === last ? "end" : "middle";
      chart.appendChild(svg("line", {x1: x, x2: x, y1: height, y2: height + 4, stroke: "#888"}));
      chart.appendChild(svg("text", {x, y: height + 15, "text-anchor": anchor, class: "tick", text: isoOf(tick)}));
    }
    fill(this.container, title, chart);
    this.container.dataset.days = String(byDay.size);
  }

  /** A few day numbers to label: the first and last day and evenly spaced ones between. */
  ticks(first, last) {
    const count = Math.min(6, last - first + 1);
    if (count <= 1) return [first];
    const step = (last - first) / (count - 1);
    return [...new Set(Array.from({length: count}, (_, i) => Math.round(first + i * step)))];
  }
}
