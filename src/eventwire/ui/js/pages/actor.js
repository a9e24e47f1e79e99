// Actor page: names, aliases, roles; events as actor or recipient on a
// timeline and in a table; counterparts (links to dyads); quotes.
import {api, dyadHref, h, route} from "../dom.js";
import {legend, quadBars} from "../charts.js";
import {eventTable} from "../events.js";
import {exportLinks, scroll} from "../listpage.js";
import {quoteList} from "./lists.js";

function counterparts(actor) {
  const seen = new Map();
  for (const e of actor.events) {
    for (const other of [...e.actors, ...e.recipients]) {
      if (other.id === actor.id) continue;
      const entry = seen.get(other.id) || {actor: other, n: 0};
      entry.n += 1;
      seen.set(other.id, entry);
    }
  }
  return [...seen.values()].sort((a, b) => b.n - a.n);
}

function facts(actor) {
  const rows = [["Kind", actor.kind], ["Country", actor.country || "—"],
    ["Aliases", (actor.aliases || []).join(", ") || "—"], ["Roles", (actor.roles || []).join("; ") || "—"],
    ["Sectors", (actor.sectors || []).join(", ") || "—"],
    ["Mentions", actor.mentions + " in " + actor.articles + " article(s)"]];
  for (const [k, v] of Object.entries(actor.external_ids || {})) rows.push([k, v]);
  return h("table", {class: "facts"}, h("tbody", {}, rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {"data-field": k.toLowerCase()}, v)))));
}

// Events per week (months over long spans) with the actor on one side, by quad class.
async function sideChart(actor, side) {
  const rows = await api("series/events", {[side]: actor.id, interval: "week"});
  return h("section", {class: "side-chart", "data-side": side}, h("h3", {}, "As " + side),
    await quadBars(rows, {interval: "week", className: "actor-chart", empty: `No dated events with ${actor.name} as ${side}.`}));
}

export async function render(box, {id}) {
  const actor = await api("actors/" + encodeURIComponent(id));
  const others = counterparts(actor);
  box.append(h("h1", {class: "actor-name"}, actor.name), facts(actor),
    h("h2", {}, "Events over time"), legend(), h("div", {class: "cols"}, await sideChart(actor, "actor"), await sideChart(actor, "recipient")),
    h("h2", {}, "Counterparts"),
    others.length ? h("ul", {class: "plain counterparts"}, others.map((o) => h("li", {},
      h("a", {href: dyadHref(actor.id, o.actor.id), class: "dyad-link", "data-actor": o.actor.id},
        actor.name + " – " + o.actor.name), " ", h("span", {class: "muted"}, o.n + " event(s)"))))
      : h("p", {class: "muted"}, "No counterparts yet."),
    h("h2", {}, "Events (" + actor.events.length + ")"),
    h("p", {class: "muted"}, "The newest events on each side; all of them: ",
      h("a", {href: route("events", {actor: actor.id})}, "as actor"), ", ",
      h("a", {href: route("events", {recipient: actor.id})}, "as recipient"), "."),
    h("p", {}, exportLinks("events", {actor: actor.id}, ["csv", "json", "gdelt", "plover"]), " (as actor)"),
    scroll(eventTable(actor.events)),
    h("h2", {}, "Quotes (" + actor.quotes.length + ")"),
    actor.quotes.length ? quoteList(actor.quotes) : h("p", {class: "muted"}, "No quotes."));
}
