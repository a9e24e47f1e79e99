// What every list page shares: filters kept in the URL, facet counts that filter on click,
// sortable column headers, downloads of the filtered view, and a bad filter's message
// shown above the form (the form stays).
import {ApiError, api, filterForm, h, route} from "./dom.js";

export const FACET_TITLES = {type: "Type", quad_class: "Quad class", country: "Country", actor: "Actor",
  recipient: "Recipient", outlet: "Outlet", month: "Month", kind: "Kind", sector: "Sector", speaker: "Speaker"};
const NOT_FILTERS = new Set(["cursor", "sort", "limit"]);

export const filtersOf = (params) => Object.fromEntries(Object.entries(params).filter(([k, v]) => !NOT_FILTERS.has(k) && v !== ""));
const isOn = (params, filter) => Object.entries(filter).every(([k, v]) => String(params[k] ?? "") === String(v));

function without(params, keys) {
  const out = {...params};
  for (const key of keys) delete out[key];
  delete out.cursor;
  return out;
}

function facetPanel(path, params, result) {
  const wide = window.matchMedia("(min-width: 48rem)").matches;
  const groups = Object.entries(result.facets).filter(([, values]) => values.length);
  return h("aside", {class: "facets", "aria-label": "Facets"}, groups.map(([name, values]) =>
    h("details", {open: wide, "data-facet": name}, h("summary", {}, FACET_TITLES[name] || name),
      h("ul", {class: "plain"}, values.map((v) => {
        const on = isOn(params, v.filter);
        const next = on ? without(params, Object.keys(v.filter)) : {...without(params, []), ...v.filter};
        return h("li", {}, h("a", {href: route(path, next), class: on ? "on" : null, "data-value": String(v.value),
          "aria-current": on ? "true" : null}, v.label), " ", h("span", {class: "count"}, v.count));
      })))));
}

function chips(path, params) {
  const given = Object.entries(filtersOf(params));
  if (!given.length) return null;
  return h("p", {class: "chips"}, "Filtered by ", given.map(([k, v]) => h("a", {class: "chip", href: route(path, without(params, [k])),
    title: "Remove this filter"}, `${k}: ${v} ✕`)), " ", h("a", {href: route(path, {})}, "clear all"));
}

export function exportLinks(kind, params, formats = ["csv", "json"]) {
  const query = new URLSearchParams(filtersOf(params));
  if (params.sort) query.set("sort", params.sort);
  return h("span", {class: "downloads"}, "Download: ", formats.map((fmt, i) => {
    query.set("format", fmt);
    return [i ? " · " : "", h("a", {href: "/api/export/" + kind + "?" + query.toString(), download: "", "data-format": fmt}, fmt.toUpperCase())];
  }));
}

// A column header that sorts by `key` (a second click reverses; `-key` is descending).
export function sorter(path, params, defaultSort) {
  const current = params.sort || defaultSort;
  return (key, label, {descFirst = false, opt = false} = {}) => {
    if (!key) return h("th", {scope: "col", class: opt ? "opt" : null}, label);
    const on = current.replace(/^-/, "") === key;
    const desc = current.startsWith("-");
    const next = on ? (desc ? key : "-" + key) : (descFirst ? "-" + key : key);
    return h("th", {scope: "col", class: opt ? "opt" : null, "aria-sort": on ? (desc ? "descending" : "ascending") : null},
      h("a", {href: route(path, {...without(params, ["sort"]), sort: next}), class: "sort"}, label, on ? (desc ? " ▼" : " ▲") : ""));
  };
}

export function scroll(table) { return h("div", {class: "scroll"}, table); }

export function showError(slot, err) {
  if (!(err instanceof ApiError) || err.status !== 422) throw err;
  slot.replaceChildren(h("p", {class: "error", role: "alert"}, err.message));
}

// spec: {path, kind, title, noun, fields, formats, defaultSort, table(items, th), chart(params)}
export async function listPage(box, params, spec) {
  const slot = h("div", {class: "error-slot"});
  const wide = window.matchMedia("(min-width: 48rem)").matches;  // on phones the form folds away until asked for
  box.append(h("h1", {}, spec.title), slot, h("details", {class: "filter-box", open: wide || Object.keys(filtersOf(params)).length > 0},
    h("summary", {}, "Filters"), filterForm(spec.path, params, spec.fields)));
  const query = {...filtersOf(params), ...(params.sort ? {sort: params.sort} : {})};
  let first, facets;
  try {
    [first, facets] = await Promise.all([api(spec.kind, {...query, limit: 50}), api("facets/" + spec.kind, filtersOf(params))]);
  } catch (err) { showError(slot, err); return; }
  const th = sorter(spec.path, params, spec.defaultSort);
  const results = h("section", {class: "results", "aria-label": "Results"});
  const more = h("button", {type: "button", class: "more"}, "More");
  let cursor = first.next_cursor;
  results.append(first.items.length ? scroll(spec.table(first.items, th)) : h("p", {class: "muted empty"}, `No ${spec.noun}.`));
  more.hidden = !cursor;
  more.addEventListener("click", async () => {
    more.disabled = true;
    const page = await api(spec.kind, {...query, limit: 50, cursor});
    const body = results.querySelector("tbody");
    body.append(...spec.table(page.items, th).querySelector("tbody").children);
    cursor = page.next_cursor; more.disabled = false; more.hidden = !cursor;
  });
  box.append(h("p", {class: "summary"}, h("strong", {class: "total", "data-total": facets.total},
    `${facets.total} ${spec.noun}`), " · ", exportLinks(spec.kind, params, spec.formats)));
  const active = chips(spec.path, params);
  if (active) box.append(active);
  if (spec.chart) box.append(await spec.chart(filtersOf(params)));
  box.append(h("div", {class: "with-facets"}, facetPanel(spec.path, params, facets), h("div", {class: "list"}, results, more)));
}
