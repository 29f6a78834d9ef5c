// The side panel: the list of selected events, and one event with its fields, sources, other candidate
// places, the article text (right to left) with the event's evidence highlighted, its review history, and
// for a signed-in reviewer accept / reject / edit of any field.
import {api} from "./api.js";
import {fill, h, safeLink} from "./dom.js";
import {fieldName, ltr, placeName, subTypeName, t, typeName} from "./i18n.js";
import {TYPE_COLORS} from "./map.js";

// The fields shown for an event, in this order (ACLED's order, rasd's own fields after).
const SHOWN = ["event_date", "time_precision", "date_expression", "event_type", "sub_event_type", "actor1",
  "assoc_actor_1", "actor2", "assoc_actor_2", "control_change", "civilian_targeting", "location_ar", "location", "admin1", "admin2",
  "country", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_note", "claim_source", "notes"];
// Fields a chosen candidate place fills in.
const PLACE_FIELDS = {location: "name", location_ar: "name_ar", latitude: "latitude", longitude: "longitude",
  admin1: "admin1", admin2: "admin2", geonameid: "geonameid"};
const MAX_LIST = 300;
// Set through the sub-event type (the API keeps the three in ACLED's taxonomy), so no edit button of their own.
const DERIVED = new Set(["event_type", "disorder_type"]);

function statusBadge(status) {
  return h("span", {class: `badge status-${status}`, dataset: {status}}, t("status_" + status));
}

function shown(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("، ") : "—";
  return String(value);
}

/** The article text as text nodes and <mark>s: each span of `spans` that really covers its text is marked;
 * overlapping spans split into segments that carry every field covering them. Returns [element, count]. */
export function highlighted(text, spans) {
  const good = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end
    && s.end <= text.length && (!s.text || text.slice(s.start, s.end) === s.text));
  const cuts = [...new Set([0, text.length, ...good.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const body = h("div", {class: "article-text", dir: "rtl", lang: "ar"});
  let first = null;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const fields = [...new Set(good.filter((s) => s.start <= a && s.end >= b).map((s) => s.field))];
    if (!fields.length) { body.appendChild(document.createTextNode(piece)); continue; }
    const mark = h("mark", {class: "ev " + fields.map((f) => "ev-f-" + f).join(" "),
      dataset: {fields: fields.join(" ")}, title: fields.map(fieldName).join(" · ")}, piece);
    first = first || mark;
    body.appendChild(mark);
  }
  return [body, good.length, first];
}

export class Panel {
  constructor(container, {onSelect, onChanged, isReviewer, editable, taxonomy}) {
    this.taxonomy = taxonomy;
    this.container = container;
    this.onSelect = onSelect;
    this.onChanged = onChanged;
    this.isReviewer = isReviewer;
    this.editable = editable;
    this.points = null;
    this.current = null;
  }

  /** The list of the selected events (newest first). */
  showList(data) {
    this.points = data;
    this.current = null;
    const at = Object.fromEntries(data.fields.map((f, i) => [f, i]));
    const rows = [...data.items].reverse().slice(0, MAX_LIST);
    const head = h("div", {class: "list-head"},
      h("strong", {}, `${data.total} ${t("events_count")}`),
      data.unplaced ? h("span", {class: "muted"}, ` · ${data.unplaced} ${t("unplaced")}`) : null,
      data.truncated ? h("div", {class: "warn"}, t("truncated")) : null,
      data.items.length > MAX_LIST ? h("div", {class: "muted"}, t("newest_shown").replace("{n}", MAX_LIST)) : null);
    const list = h("ol", {class: "event-list"}, rows.map((item) => {
      const get = (f) => item[at[f]];
      const dot = h("span", {class: "swatch"});
      dot.style.background = TYPE_COLORS[get("event_type")] || "#555";
      return h("li", {}, h("button", {type: "button", class: "event-item", dataset: {key: get("event_key")},
        onclick: () => this.onSelect(get("event_key"))},
      dot, h("span", {class: "date"}, ltr(get("event_date")) || "?"), " ",
      h("span", {class: "what"}, subTypeName(get("sub_event_type"))), " · ",
      h("span", {class: "where"}, placeName(get("location"), get("location_ar"))),
      get("status") !== "machine" ? statusBadge(get("status")) : null));
    }));
    fill(this.container, head, rows.length ? list : h("p", {class: "empty"}, t("no_events")));
    this.container.dataset.view = "list";
  }

  /** One event, fetched afresh (so a reload or another reviewer's change shows). */
  async showEvent(key) {
    fill(this.container, h("p", {class: "muted"}, t("loading")));
    let event;
    try {
      event = await api.event(key);
    } catch (err) {
      fill(this.container, this.backButton(), h("p", {class: "error"}, `${t("error")}: ${err.message}`));
      return null;
    }
    this.current = event;
    const article = await api.article(event.article_id).catch(() => null);
    this.render(event, article);
    return event;
  }

  backButton() {
    return h("button", {type: "button", class: "back", onclick: () => this.onSelect(null)}, t("back"));
  }

  render(event, article, message) {
    this.articleData = article;
    const reviewer = this.isReviewer();
    const edited = new Set(event.edited || []);
    const actions = reviewer
      ? h("div", {class: "actions"},
        h("button", {type: "button", class: "accept", onclick: () => this.review({action: "accept"})}, t("accept")),
        h("button", {type: "button", class: "reject", onclick: () => this.review({action: "reject"})}, t("reject")))
      : h("p", {class: "muted"}, t("sign_in_to_review"));
    const row = (field) => {
      const canEdit = reviewer && field in this.editable() && !DERIVED.has(field);
      return h("tr", {dataset: {field}, class: edited.has(field) ? "edited" : null},
        h("th", {}, fieldName(field)),
        h("td", {class: "value", dir: "auto"}, this.valueText(field, event[field]),
          edited.has(field) ? h("span", {class: "badge edited-badge"}, t("edited")) : null),
        h("td", {class: "tools"}, canEdit ? h("button", {type: "button", class: "edit", title: t("edit"),
          dataset: {field}, onclick: (e) => this.startEdit(e.target.closest("tr"), field, event[field])}, "✎") : null));
    };
    // the fields an analyst reads first, then every other field a reviewer can change, folded away
    const more = Object.keys(this.editable()).filter((f) => !SHOWN.includes(f) && f !== "status").sort();
    const moreOpen = more.some((f) => edited.has(f));
    const color = h("span", {class: "swatch big"});
    color.style.background = TYPE_COLORS[event.event_type] || "#555";
    fill(this.container,
      this.backButton(),
      h("h2", {class: "event-title"}, color, subTypeName(event.sub_event_type), " ", statusBadge(event.status)),
      h("p", {class: "event-when"}, `${ltr(event.event_date) || "?"} · ${placeName(event.location, event.location_ar)}`),
      message ? h("p", {class: "ok", role: "status"}, message) : null,
      actions,
      h("h3", {}, t("fields")),
      h("table", {class: "fields"}, h("tbody", {}, SHOWN.map(row))),
      more.length ? h("details", {class: "more-fields", open: moreOpen}, h("summary", {}, t("more_fields")),
        h("table", {class: "fields"}, h("tbody", {}, more.map(row)))) : null,
      this.sources(event),
      this.candidates(event, reviewer),
      this.article(event, article),
      this.history(event));
    this.container.dataset.view = "event";
    this.container.dataset.key = event.event_key;
    // bring the first highlighted word into the article box's view, without scrolling the panel itself
    const box = this.container.querySelector(".article-text");
    const mark = box && box.querySelector("mark");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
  }

  valueText(field, value) {
    if (field === "event_type") return typeName(value);
    if (field === "sub_event_type") return subTypeName(value);
    if (field === "claim_source" && value) return h("span", {dir: "rtl", lang: "ar"}, value);
    if (field === "control_change" && value) return `${value.from || "?"} → ${value.to || "?"}`;
    return shown(value);
  }

  sources(event) {
    const items = (event.sources || []).map((s) => h("li", {class: "source"},
      h("strong", {}, s.outlet || s.external_id || `#${s.article_id}`),
      s.published ? ` · ${t("published")} ${ltr(s.published)}` : "",
      s.near_copy ? h("span", {class: "badge"}, t("near_copy")) : null,
      s.url ? h("div", {}, safeLink(s.url)) : null,
      s.claim_source ? h("div", {}, `${t("claim_source")}: `, h("span", {dir: "rtl", lang: "ar"}, s.claim_source)) : null,
      s.text ? h("div", {class: "quote", dir: "rtl", lang: "ar"}, `«${s.text}»`) : null));
    return h("section", {class: "sources"}, h("h3", {}, t("sources")), h("ul", {}, items));
  }

  candidates(event, reviewer) {
    const list = event.candidates || [];
    if (!list.length) return null;
    const canPlace = reviewer && ["location", "latitude", "longitude"].every((f) => f in this.editable());
    return h("section", {class: "candidates"}, h("h3", {}, t("candidates")), h("ul", {}, list.map((c) => {
      const chosen = c.geonameid !== null && c.geonameid === event.geonameid;
      return h("li", {class: chosen ? "chosen" : null},
        chosen ? "✓ " : "",
        h("strong", {}, placeName(c.name, c.name_ar)),
        ` · ${[c.admin2, c.admin1, c.country].filter(Boolean).join(", ")}`,
        ` · ${Number(c.latitude).toFixed(3)}, ${Number(c.longitude).toFixed(3)}`,
        c.score !== undefined && c.score !== null ? ` · ${t("score")} ${c.score}` : "",
        canPlace && !chosen ? h("button", {type: "button", class: "use-place",
          onclick: () => this.useCandidate(c)}, t("use_place")) : null);
    })));
  }

  article(event, article) {
    if (!article) return null;
    const [body, count] = highlighted(article.text, event.evidence || []);
    const fields = [...new Set((event.evidence || []).map((e) => e.field))];
    const legend = h("div", {class: "legend"}, t("evidence_legend"), " ", fields.map((f) =>
      h("mark", {class: "ev ev-f-" + f}, fieldName(f))));
    return h("section", {class: "article", dataset: {highlights: String(count)}},
      h("h3", {}, t("article"), article.outlet ? ` · ${article.outlet}` : "",
        article.published ? ` · ${ltr(article.published)}` : ""),
      article.url ? h("div", {}, safeLink(article.url)) : null,
      legend, body);
  }

  history(event) {
    const edits = event.review || [];
    return h("section", {class: "history"}, h("h3", {}, t("review_history")),
      edits.length ? h("table", {class: "audit"},
        h("thead", {}, h("tr", {}, [t("when"), t("who"), t("field"), t("before"), t("after")].map((x) => h("th", {}, x)))),
        h("tbody", {}, edits.map((e) => h("tr", {class: e.applied ? null : "not-applied"},
          h("td", {}, ltr(e.at.slice(0, 19).replace("T", " "))), h("td", {}, e.who), h("td", {}, fieldName(e.field)),
          h("td", {}, shown(e.before)), h("td", {}, shown(e.after),
            e.note ? h("div", {class: "muted"}, e.note) : null)))))
        : h("p", {class: "muted"}, t("no_edits")));
  }

  /** Replace a field's row with an editor for its kind. */
  startEdit(row, field, value) {
    const kind = this.editable()[field];
    let input;
    if (field === "sub_event_type") {
      // grouped by event type, as ACLED's codebook lists them; choosing one sets the event type too
      const groups = this.taxonomy().filter((g) => g.sub_event_types.length);
      input = h("select", {name: field}, groups.map((g) => h("optgroup", {label: typeName(g.name)},
        g.sub_event_types.map((sub) => h("option", {value: sub.name, selected: sub.name === value},
          subTypeName(sub.name))))));
    } else if (kind === "control") {
      // two actors: who held the place before, who holds it after
      const from = h("input", {name: "from", type: "text", value: (value && value.from) || ""});
      const to = h("input", {name: "to", type: "text", value: (value && value.to) || ""});
      input = h("div", {class: "control-editor"}, h("label", {}, t("previous"), " ", from),
        h("label", {}, t("holder"), " ", to));
      input.focus = () => from.focus();
      Object.defineProperty(input, "value", {get: () => JSON.stringify({from: from.value.trim(), to: to.value.trim()})});
    } else if (field === "notes" || field === "fatalities_note") {
      input = h("textarea", {name: field, rows: 3}, value || "");
    } else {
      const type = kind === "int" || kind === "float" ? "number" : kind === "date" ? "date" : "text";
      input = h("input", {name: field, type, step: kind === "float" ? "any" : null,
        value: Array.isArray(value) ? value.join(", ") : (value ?? "")});
    }
    const note = h("input", {name: "note", type: "text", placeholder: t("note")});
    const cell = row.querySelector("td.value");
    const save = async (e) => {
      e.preventDefault();
      const parsed = this.parse(kind, input.value);
      await this.review({action: "edit", field, value: parsed, note: note.value || null});
    };
    fill(cell, h("form", {class: "editor", onsubmit: save}, input, note,
      h("button", {type: "submit", class: "save"}, t("save")),
      h("button", {type: "button", class: "cancel", onclick: () => this.render(this.current, this.articleData)},
        t("cancel"))));
    input.focus();
  }

  parse(kind, text) {
    const value = text.trim();
    if (value === "") return kind === "list" ? [] : null;
    if (kind === "int") return Number.parseInt(value, 10);
    if (kind === "float") return Number.parseFloat(value);
    if (kind === "list") return value.split(/[,،]/).map((s) => s.trim()).filter(Boolean);
    if (kind === "control") {
      const pair = Object.fromEntries(Object.entries(JSON.parse(value)).filter(([, v]) => v));
      return Object.keys(pair).length ? pair : null;
    }
    return value;
  }

  async useCandidate(candidate) {
    for (const [field, key] of Object.entries(PLACE_FIELDS)) {
      if (!(field in this.editable()) || candidate[key] === undefined) continue;
      const ok = await this.review({action: "edit", field, value: candidate[key],
        note: `candidate ${candidate.geonameid ?? ""}`.trim()}, {quiet: true});
      if (!ok) return;
    }
    await this.refresh(t("saved"));
  }

  /** Send a review decision; re-show the event with the saved change, or the server's message. */
  async review(body, {quiet = false} = {}) {
    const key = this.current.event_key;
    try {
      await api.review(key, body);
    } catch (err) {
      const box = h("p", {class: "error", role: "alert"}, `${t("error")}: ${err.message}`);
      this.container.prepend(box);
      return false;
    }
    if (!quiet) await this.refresh(t("saved"));
    return true;
  }

  async refresh(message) {
    const key = this.current.event_key;
    const event = await api.event(key);
    const article = await api.article(event.article_id).catch(() => null);
    this.current = event;
    this.render(event, article, message);
    this.onChanged(event);
  }

}
