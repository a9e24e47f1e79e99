// Home, search and the paged lists of articles, actors, events and quotes.
import {actorHref, actorLink, api, articleHref, filterForm, h} from "../dom.js";
import {eventTable, pager} from "../events.js";

function articleList(items) {
  return h("ul", {class: "plain articles"}, items.map((a) => h("li", {},
    h("a", {href: articleHref(a.id)}, a.title), " ",
    h("span", {class: "muted"}, [a.outlet, a.published].filter(Boolean).join(" · ")))));
}

function actorList(items) {
  return h("ul", {class: "plain actors"}, items.map((a) => h("li", {},
    h("a", {href: actorHref(a.id), "data-actor": a.id}, a.name), " ",
    h("span", {class: "muted"}, [a.kind, a.country, (a.roles || []).join("; "),
      a.mentions + " mentions"].filter(Boolean).join(" · ")),
    a.aliases && a.aliases.length ? h("div", {class: "muted"}, "also: " + a.aliases.join(", ")) : null)));
}

function quoteList(items) {
  return h("div", {class: "quotes"}, items.map((q) => h("blockquote", {"data-quote": q.id},
    q.text, h("footer", {}, "— ", q.speaker ? actorLink(q.speaker) : h("span", {class: "muted"}, "unknown speaker"),
      ", ", h("a", {href: articleHref(q.article_id)}, q.title || q.article_id),
      q.published ? " (" + q.published + ")" : ""))));
}

async function paged(box, title, form, endpoint, params, render) {
  const list = h("div", {class: "list"});
  const {more, next} = pager(list, (cursor) => api(endpoint, {...params, cursor, limit: 50}), render);
  box.append(h("h1", {}, title), form, list, more);
  await next();
}

export async function home(box) {
  const [counts, recent, actors] = await Promise.all([
    api("counts"), api("articles", {limit: 10}), api("actors", {limit: 10})]);
  box.append(h("h1", {}, "eventwire"),
    h("p", {class: "muted counts"}, Object.entries(counts).map(([k, v]) => v + " " + k).join(" · ")),
    h("div", {class: "cols"},
      h("section", {}, h("h2", {}, "Latest articles"), articleList(recent.items)),
      h("section", {}, h("h2", {}, "Most mentioned actors"), actorList(actors.items))));
}

export async function search(box, {params}) {
  const q = params.q || "";
  const input = document.querySelector("#search input");
  if (input && !input.value) input.value = q;
  const found = await api("search", {q});
  box.append(h("h1", {}, "Search: ", q),
    h("div", {class: "cols"},
      h("section", {}, h("h2", {}, "Articles"), found.articles.length ? articleList(found.articles) : h("p", {class: "muted"}, "None.")),
      h("section", {}, h("h2", {}, "Actors"), found.actors.length ? actorList(found.actors) : h("p", {class: "muted"}, "None."))),
    h("h2", {}, "Events"), eventTable(found.events));
}

export async function articles(box, {params}) {
  const form = filterForm("articles", params, [
    {name: "search", label: "Text"}, {name: "outlet", label: "Outlet"},
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"}]);
  await paged(box, "Articles", form, "articles", params, articleList);
}

export async function actors(box, {params}) {
  const form = filterForm("actors", params, [
    {name: "name", label: "Name or alias"}, {name: "country", label: "Country (ISO3)"},
    {name: "kind", label: "Kind", options: [["", "any"], ["person", "person"], ["organization", "organization"],
      ["country", "country"], ["group", "group"]]}]);
  await paged(box, "Actors", form, "actors", params, actorList);
}

export async function events(box, {params}) {
  const form = filterForm("events", params, [
    {name: "actor", label: "Actor"}, {name: "recipient", label: "Recipient"},
    {name: "country", label: "Country (ISO3)"}, {name: "type", label: "Type (PLOVER/CAMEO)"},
    {name: "quad_class", label: "Quad class", options: [["", "any"], ["1", "1 verbal coop."], ["2", "2 material coop."],
      ["3", "3 verbal conflict"], ["4", "4 material conflict"]]},
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"},
    {name: "search", label: "Text"},
    {name: "in_caption", label: "In caption", options: [["", "any"], ["true", "yes"], ["false", "no"]]},
    {name: "negated", label: "Negated", options: [["", "any"], ["true", "yes"], ["false", "no"]]}]);
  await paged(box, "Events", form, "events", params, (items) => eventTable(items));
}

export async function quotes(box, {params}) {
  const form = filterForm("quotes", params, [
    {name: "speaker", label: "Speaker"}, {name: "search", label: "Text"},
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"}]);
  await paged(box, "Quotes", form, "quotes", params, quoteList);
}

export {quoteList};
