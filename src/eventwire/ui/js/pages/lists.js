// Home, search and the lists of articles, actors, events, quotes and stories, each with
// facets, sorting and downloads of what it shows (see ../listpage.js).
import {actorHref, actorLink, api, articleHref, dyadHref, h, route} from "../dom.js";
import {eventTable} from "../events.js";
import {legend, quadBars} from "../charts.js";
import {listPage, scroll} from "../listpage.js";

const DATES = [{name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"}];
const QUAD_OPTIONS = [["", "any"], ["1", "1 verbal coop."], ["2", "2 material coop."], ["3", "3 verbal conflict"], ["4", "4 material conflict"]];
const storyHref = (id) => route("story/" + encodeURIComponent(id));
const dash = () => h("span", {class: "muted"}, "—");

function articleTable(items, th) {
  return h("table", {class: "articles"}, h("thead", {}, h("tr", {}, th("published", "Published", {descFirst: true}),
    th("title", "Title"), th("outlet", "Outlet"), th("tokens", "Tokens", {descFirst: true, opt: true}))),
  h("tbody", {}, items.map((a) => h("tr", {"data-article": a.id}, h("td", {class: "nowrap"}, a.published || dash()),
    h("td", {}, h("a", {href: articleHref(a.id)}, a.title)), h("td", {}, a.outlet || dash()), h("td", {class: "num opt"}, a.tokens)))));
}

// The first few of a list, and how many more (the actor's page has them all).
const few = (items, sep, n = 4) => (items || []).slice(0, n).join(sep) + ((items || []).length > n ? ` (+${items.length - n})` : "");

function actorTable(items, th) {
  return h("table", {class: "actors"}, h("thead", {}, h("tr", {}, th("name", "Name"), th("kind", "Kind"),
    th("country", "Country"), th(null, "Roles and aliases", {opt: true}), th("mentions", "Mentions", {descFirst: true}),
    th("articles", "Articles", {descFirst: true}))),
  h("tbody", {}, items.map((a) => h("tr", {"data-actor": a.id},
    h("td", {}, h("a", {href: actorHref(a.id), "data-actor": a.id}, a.name)), h("td", {}, a.kind), h("td", {}, a.country || dash()),
    h("td", {class: "muted opt"}, [few(a.roles, "; "), (a.aliases || []).length ? "also: " + few(a.aliases, ", ") : ""].filter(Boolean).join(" · ") || "—"),
    h("td", {class: "num"}, a.mentions), h("td", {class: "num"}, a.articles)))));
}

function quoteTable(items, th) {
  return h("table", {class: "quotes"}, h("thead", {}, h("tr", {}, th("published", "Published", {descFirst: true}),
    th("speaker", "Speaker"), th("kind", "Kind", {opt: true}), th("text", "Quote"), th(null, "Article", {opt: true}))),
  h("tbody", {}, items.map((q) => h("tr", {"data-quote": q.id}, h("td", {class: "nowrap"}, q.published || dash()),
    h("td", {}, q.speaker ? actorLink(q.speaker) : h("span", {class: "muted"}, "unknown")), h("td", {class: "opt"}, q.kind),
    h("td", {}, h("blockquote", {}, q.text)), h("td", {class: "opt"}, h("a", {href: articleHref(q.article_id)}, q.title || q.article_id))))));
}

function storyTable(items, th) {
  return h("table", {class: "stories"}, h("thead", {}, h("tr", {}, th("title", "Story"), th("articles", "Articles", {descFirst: true}),
    th("outlets", "Outlets", {descFirst: true}), th("first", "First", {descFirst: true, opt: true}), th("last", "Last", {descFirst: true}))),
  h("tbody", {}, items.map((s) => h("tr", {"data-story": s.id}, h("td", {}, h("a", {href: storyHref(s.id)}, s.title || s.id)),
    h("td", {class: "num"}, s.articles), h("td", {class: "num"}, s.outlets), h("td", {class: "nowrap opt"}, s.first || dash()),
    h("td", {class: "nowrap"}, s.last || dash())))));
}

async function eventChart(filters) {
  const weeks = await api("series/events", {...filters, interval: "week"});
  return h("section", {class: "timeline"}, h("h2", {}, "Events over time"), legend(),
    await quadBars(weeks, {interval: "week", className: "events-chart", empty: "No dated events."}));
}

export function articles(box, {params}) {
  return listPage(box, params, {path: "articles", kind: "articles", title: "Articles", noun: "articles", defaultSort: "-published",
    fields: [{name: "search", label: "Text"}, {name: "outlet", label: "Outlet"}, {name: "actor", label: "Mentions actor"},
      {name: "country", label: "Country (ISO3)"}, {name: "type", label: "Event type"}, ...DATES],
    table: articleTable});
}

export function actors(box, {params}) {
  return listPage(box, params, {path: "actors", kind: "actors", title: "Actors", noun: "actors", defaultSort: "-mentions",
    fields: [{name: "name", label: "Name or alias"}, {name: "country", label: "Country (ISO3)"},
      {name: "kind", label: "Kind", options: [["", "any"], ["person", "person"], ["organization", "organization"], ["country", "country"], ["group", "group"]]},
      {name: "sector", label: "Sector"}, {name: "outlet", label: "Outlet"}, ...DATES],
    table: actorTable});
}

export function events(box, {params}) {
  return listPage(box, params, {path: "events", kind: "events", title: "Events", noun: "events", defaultSort: "-date",
    formats: ["csv", "json", "gdelt", "plover"],
    fields: [{name: "actor", label: "Actor"}, {name: "recipient", label: "Recipient"}, {name: "country", label: "Country (ISO3)"},
      {name: "type", label: "Type (PLOVER/CAMEO)"}, {name: "quad_class", label: "Quad class", options: QUAD_OPTIONS}, ...DATES,
      {name: "search", label: "Text"}, {name: "outlet", label: "Outlet"}, {name: "place", label: "Place"},
      {name: "in_caption", label: "In caption", options: [["", "any"], ["true", "yes"], ["false", "no"]]},
      {name: "negated", label: "Negated", options: [["", "any"], ["true", "yes"], ["false", "no"]]}],
    table: (items, th) => eventTable(items, {th}), chart: eventChart});
}

export function quotes(box, {params}) {
  return listPage(box, params, {path: "quotes", kind: "quotes", title: "Quotes", noun: "quotes", defaultSort: "-published",
    fields: [{name: "speaker", label: "Speaker"}, {name: "country", label: "Speaker's country"},
      {name: "kind", label: "Kind", options: [["", "any"], ["direct", "direct"], ["partial", "partial"], ["indirect", "indirect"]]},
      {name: "search", label: "Text"}, {name: "outlet", label: "Outlet"}, ...DATES],
    table: quoteTable});
}

export function stories(box, {params}) {
  return listPage(box, params, {path: "stories", kind: "stories", title: "Stories", noun: "stories", defaultSort: "-articles",
    fields: [{name: "outlet", label: "Outlet"}, {name: "type", label: "Event type"}, ...DATES], table: storyTable});
}

// The strongest links either way round: actor pairs by events between them.
function topDyads(net) {
  const names = new Map(net.nodes.map((n) => [n.id, n.name]));
  const pairs = new Map();
  for (const e of net.edges) {
    const [a, b] = [e.source, e.target].sort();
    const entry = pairs.get(a + "|" + b) || {a, b, count: 0, quads: [0, 0, 0, 0, 0]};
    entry.count += e.count; entry.quads[e.quad_class || 0] += e.count;
    pairs.set(a + "|" + b, entry);
  }
  const top = [...pairs.values()].sort((x, y) => y.count - x.count).slice(0, 10);
  if (!top.length) return h("p", {class: "muted empty"}, "No events between two actors yet.");
  return scroll(h("table", {class: "dyads"}, h("thead", {}, h("tr", {}, ["Dyad", "Events", "Cooperation", "Conflict"].map((t) => h("th", {scope: "col"}, t)))),
    h("tbody", {}, top.map((p) => h("tr", {}, h("td", {}, h("a", {href: dyadHref(p.a, p.b), class: "dyad-link"}, names.get(p.a) + " – " + names.get(p.b))),
      h("td", {class: "num"}, p.count), h("td", {class: "num"}, p.quads[1] + p.quads[2]), h("td", {class: "num"}, p.quads[3] + p.quads[4]))))));
}

export async function home(box) {
  const [counts, weeks, net, recent] = await Promise.all([api("counts"), api("series/events", {interval: "week"}),
    api("network", {nodes: 40, limit: 500}), api("articles", {limit: 8})]);
  box.append(h("h1", {}, "Overview"),
    h("p", {class: "muted counts"}, Object.entries(counts).map(([k, v]) => v + " " + k).join(" · ")),
    h("section", {class: "timeline"}, h("h2", {}, "Events per week"), legend(),
      await quadBars(weeks, {interval: "week", months: false, className: "home-chart", empty: "No events yet: run eventwire ingest."})),
    h("div", {class: "cols"},
      h("section", {}, h("h2", {}, "Top dyads"), topDyads(net)),
      h("section", {}, h("h2", {}, "Latest articles"), h("ul", {class: "plain articles"}, recent.items.map((a) => h("li", {},
        h("a", {href: articleHref(a.id)}, a.title), " ", h("span", {class: "muted"}, [a.outlet, a.published].filter(Boolean).join(" · "))))))));
}

export async function search(box, {params}) {
  const q = params.q || "";
  const input = document.querySelector("#search input");
  if (input && !input.value) input.value = q;
  const found = await api("search", {q});
  const none = h("p", {class: "muted"}, "None.");
  box.append(h("h1", {}, "Search: ", q),
    h("div", {class: "cols"},
      h("section", {}, h("h2", {}, "Articles"), found.articles.length ? h("ul", {class: "plain articles"}, found.articles.map((a) =>
        h("li", {}, h("a", {href: articleHref(a.id)}, a.title), " ", h("span", {class: "muted"}, [a.outlet, a.published].filter(Boolean).join(" · "))))) : none),
      h("section", {}, h("h2", {}, "Actors"), found.actors.length ? h("ul", {class: "plain actors"}, found.actors.map((a) =>
        h("li", {}, actorLink(a), " ", h("span", {class: "muted"}, [a.kind, a.country].filter(Boolean).join(" · "))))) : none.cloneNode(true))),
    h("h2", {}, "Events"), scroll(eventTable(found.events)));
}

export function quoteList(items) {
  return h("div", {class: "quotes"}, items.map((q) => h("blockquote", {"data-quote": q.id},
    q.text, h("footer", {}, "— ", q.speaker ? actorLink(q.speaker) : h("span", {class: "muted"}, "unknown speaker"),
      ", ", h("a", {href: articleHref(q.article_id)}, q.title || q.article_id),
      q.published ? " (" + q.published + ")" : ""))));
}
