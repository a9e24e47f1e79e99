// DOM and API helpers. Data only ever reaches the page as text nodes or
// attribute values: nothing here (or anywhere in the UI) uses innerHTML.

export const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) {  // handlers are functions from our code, never strings
      if (typeof value === "function") node.addEventListener(key.slice(2), value);
      continue;
    }
    node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function h(tag, attrs, ...children) { return fill(document.createElement(tag), attrs, children); }
export function s(tag, attrs, ...children) { return fill(document.createElementNS(SVG_NS, tag), attrs, children); }

export function route(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") query.set(k, v);
  const qs = query.toString();
  return "#/" + path + (qs ? "?" + qs : "");
}

export const actorHref = (id) => route("actor/" + encodeURIComponent(id));
export const articleHref = (id, params) => route("article/" + encodeURIComponent(id), params);
export const dyadHref = (a, b) => route("dyad", {a, b});

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error && body.error.message) || "request failed (" + status + ")");
    this.status = status; this.body = body;
  }
}

export async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") query.set(k, v);
  const qs = query.toString();
  const response = await fetch("/api/" + path + (qs ? "?" + qs : ""), {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function actorLink(actor) {
  if (!actor) return h("span", {class: "muted"}, "—");
  return h("a", {href: actorHref(actor.id), "data-actor": actor.id}, actor.name || actor.id);
}

export function actorLinks(actors) {
  if (!actors || !actors.length) return h("span", {class: "muted"}, "—");
  const out = [];
  actors.forEach((a, i) => { if (i) out.push(", "); out.push(actorLink(a)); });
  return h("span", {}, out);
}

export function quadPill(q) {
  return h("span", {class: "pill q" + q, title: QUADS[q] || "unknown"}, "Q" + q);
}

export function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

// A filter form: fields [{name, label, type, options}] filled from params; submits to a route.
export function filterForm(path, params, fields) {
  const inputs = fields.map((f) => {
    const attrs = {name: f.name, value: params[f.name] || "", type: f.type || "text", placeholder: f.placeholder || ""};
    let control;
    if (f.options) {
      control = h("select", {name: f.name}, f.options.map(([value, text]) =>
        h("option", {value, selected: (params[f.name] || "") === value}, text)));
    } else control = h("input", attrs);
    return h("label", {}, f.label, control);
  });
  const form = h("form", {class: "filters"}, inputs, h("button", {type: "submit"}, "Apply"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    location.hash = route(path, values);
  });
  return form;
}
