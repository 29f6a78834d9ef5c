// The page's calls to the rasd API. The reviewer's token is kept in this browser's localStorage so that a
// reload keeps them signed in; it is only ever sent in the Authorization header.

const TOKEN_KEY = "rasd-token";

export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : JSON.stringify(detail));
    this.status = status;
  }
}

export function token() { return window.localStorage.getItem(TOKEN_KEY); }
export function setToken(value) {
  if (value) window.localStorage.setItem(TOKEN_KEY, value);
  else window.localStorage.removeItem(TOKEN_KEY);
}

/** The query string of a filter object (empty values left out). */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

async function call(path, {method = "GET", body, auth = false, tokenValue} = {}) {
  const headers = {Accept: "application/json"};
  const bearer = tokenValue || (auth ? token() : null);
  if (bearer) headers.Authorization = "Bearer " + bearer;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  if (!response.ok) throw new ApiError(response.status, data && data.detail ? data.detail : response.statusText);
  return data;
}

export const api = {
  points: (filters) => call("/api/points" + query(filters)),
  timeline: (filters) => call("/api/timeline" + query(filters)),
  facets: () => call("/api/facets"),
  event: (key) => call("/api/events/" + encodeURIComponent(key)),
  article: (id) => call("/api/articles/" + encodeURIComponent(id)),
  control: (at) => call("/api/control" + query({at})),
  audit: (params) => call("/api/audit" + query(params)),
  me: (tokenValue) => call("/api/me", {tokenValue}),
  review: (key, body) => call("/api/events/" + encodeURIComponent(key) + "/review", {method: "POST", body, auth: true}),
  exportUrl: (filters, format) => "/api/export" + query({...filters, format}),
};
