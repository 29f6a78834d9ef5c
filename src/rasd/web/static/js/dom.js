// Building the page's elements. Every piece of text from the server (article text, place and actor names,
// notes, reviewers' notes) goes in through textContent or a text node, never through innerHTML: article
// text is untrusted and may contain markup.

/**
 * Make an element: h("div", {class: "x", dataset: {key: "k"}, onclick: fn}, "text", child, ...).
 * Strings become text nodes; null/undefined/false children are skipped; arrays are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "text") el.textContent = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An SVG element with attributes (no text from the server goes into attributes other than through
 * setAttribute, which does not parse markup). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (name === "text") el.textContent = String(value);
    else if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, String(value));
  }
  for (const child of children) if (child) el.appendChild(child);
  return el;
}

/** A link to an outside page, only for http(s) addresses (a javascript: URL in a feed must not become one). */
export function safeLink(url, label) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return h("a", {href: parsed.href, target: "_blank", rel: "noopener noreferrer"}, label || parsed.href);
    }
  } catch (_) { /* not a URL: shown as text below */ }
  return h("span", {}, label || url);
}
