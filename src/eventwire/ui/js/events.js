// The table of events shared by the article, actor, dyad and events pages.
import {actorLink, actorLinks, articleHref, h, quadPill} from "./dom.js";

function flags(e) {
  const out = [];
  for (const [key, label] of [["negated", "negated"], ["hypothetical", "hypothetical"], ["hedged", "hedged"], ["in_caption", "caption"]]) {
    if (e[key]) out.push(h("span", {class: "flag"}, label));
  }
  return out;
}

function when(e) {
  if (!e.date) return h("span", {class: "muted"}, e.date_text || "unknown");
  return h("span", {title: e.date_text || ""}, e.date, e.date_precision && e.date_precision !== "day" ? " (" + e.date_precision + ")" : "");
}

function source(e, withArticle) {
  const parts = [];
  if (e.reported_by) parts.push(h("div", {}, "per ", actorLink(e.reported_by)));
  if (e.speaker) parts.push(h("div", {}, "said ", actorLink(e.speaker)));
  if (withArticle) parts.push(h("div", {}, h("a", {href: articleHref(e.article_id, {ev: e.id})}, e.title || e.article_id)));
  if (e.outlet) parts.push(h("div", {class: "muted"}, e.outlet));
  if (e.num_mentions > 1) {
    parts.push(h("div", {class: "muted reports"}, e.num_mentions + " reports in " + e.num_articles + " article(s), " +
      e.num_sources + " source(s)"));
  }
  return parts.length ? parts : h("span", {class: "muted"}, "—");
}

const COLUMNS = [["Event", null], ["CAMEO", "cameo"], ["PLOVER", "type"], ["Actors", null], ["Recipients", null],
  ["Date", "date"], ["Place", "place"], ["Source", "outlet"]];

// th(key, label): a sortable header (list pages); without it, plain headers.
export function eventTable(events, {withArticle = true, empty = "No events.", th = null} = {}) {
  if (!events.length) return h("p", {class: "muted"}, empty);
  const head = h("tr", {}, COLUMNS.map(([label, key]) => th ? th(key, label, {descFirst: key === "date"}) : h("th", {scope: "col"}, label)));
  const rows = events.map((e) => h("tr", {id: "event-" + e.id, "data-event": e.id, "data-quad": e.quad_class},
    h("td", {}, h("strong", {}, e.trigger), " ", h("span", {class: "muted"}, e.evidence), " ", flags(e)),
    h("td", {class: "code"}, e.cameo),
    h("td", {}, quadPill(e.quad_class), " ", h("span", {class: "code"}, e.plover), e.mode ? h("div", {class: "muted"}, e.mode) : null),
    h("td", {}, actorLinks(e.actors)),
    h("td", {}, actorLinks(e.recipients)),
    h("td", {}, when(e)),
    h("td", {}, e.location_name || h("span", {class: "muted"}, "—"), e.location_country ? " (" + e.location_country + ")" : ""),
    h("td", {}, source(e, withArticle))));
  return h("table", {class: "events"}, h("thead", {}, head), h("tbody", {}, rows));
}

// "More" paging over a cursor endpoint: renders rows with `render(items)` into `box`.
export function pager(box, load, render) {
  let cursor = null;
  const more = h("button", {type: "button", class: "more"}, "More");
  async function next() {
    more.disabled = true;
    const page = await load(cursor);
    box.append(render(page.items));
    cursor = page.next_cursor;
    more.disabled = false;
    more.hidden = !cursor;
  }
  more.addEventListener("click", next);
  return {more, next};
}
