// Stories: the list, and one story with its articles by outlet and time and its events
// counted once, each with the reports (article, outlet, date) that carry it.
import {api, articleHref, filterForm, h, route} from "../dom.js";
import {eventTable, pager} from "../events.js";

export const storyHref = (id) => route("story/" + encodeURIComponent(id));

function storyRow(s) {
  return h("li", {"data-story": s.id}, h("a", {href: storyHref(s.id)}, s.title || s.id), " ",
    h("span", {class: "muted"}, s.articles + " article(s) · " + s.outlets + " outlet(s) · " +
      [s.first, s.last].filter(Boolean).filter((d, i, all) => all.indexOf(d) === i).join(" – ")));
}

async function list(box, params) {
  const form = filterForm("story", params, [
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"}]);
  const items = h("div", {class: "list"});
  const {more, next} = pager(items, (cursor) => api("stories", {...params, cursor, limit: 50}),
    (page) => h("ul", {class: "plain stories"}, page.map(storyRow)));
  box.append(h("h1", {}, "Stories"), form, items, more);
  await next();
}

function reports(event) {
  return h("ul", {class: "plain reports"}, (event.sources || []).map((r) => h("li", {},
    h("a", {href: articleHref(r.article_id, {ev: r.id})}, r.title || r.article_id), " ",
    h("span", {class: "muted"}, [r.outlet, r.published, "“" + r.evidence + "”"].filter(Boolean).join(" · ")))));
}

export async function render(box, {id, params}) {
  if (!id) return list(box, params);
  const story = await api("stories/" + encodeURIComponent(id));
  const outlets = new Set(story.articles.map((a) => a.outlet).filter(Boolean));
  box.append(h("h1", {class: "story-title"}, story.title || story.id),
    h("p", {class: "muted summary"}, story.articles.length + " article(s) from " + outlets.size + " outlet(s); " +
      story.events.length + " event(s), each counted once"),
    h("h2", {}, "Articles"),
    h("table", {class: "story-articles"}, h("tr", {}, ["Published", "Outlet", "Title"].map((t) => h("th", {}, t))),
      story.articles.map((a) => h("tr", {"data-article": a.id}, h("td", {}, a.published || "—"),
        h("td", {}, a.outlet || "—"), h("td", {}, h("a", {href: articleHref(a.id)}, a.title))))),
    h("h2", {}, "Events"),
    eventTable(story.events, {withArticle: false, empty: "No events in this story."}),
    h("h2", {}, "Reports of each event"),
    h("div", {class: "event-reports"}, story.events.map((e) => h("section", {"data-event": e.id},
      h("h3", {}, e.plover + " · " + e.evidence + " (" + (e.num_mentions || 1) + " report(s))"), reports(e)))));
}
