// Stories: the list, and one story read as a story: a timeline of its articles by outlet,
// its events each once (reports, articles and outlets carrying each; disputed ones apart,
// marked), the sentence of each report with its actors, and its quotes grouped by speaker.
// Everything shown comes from /api/stories/{id}; the page keeps no logic of its own.
import {actorLink, actorLinks, api, articleHref, filterForm, h, quadPill, route} from "../dom.js";
import {pager} from "../events.js";

export const storyHref = (id) => route("story/" + encodeURIComponent(id));
const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
const span = (first, last) => [first, last].filter(Boolean).filter((d, i, all) => all.indexOf(d) === i).join(" – ");

function storyRow(s) {
  return h("li", {"data-story": s.id}, h("a", {href: storyHref(s.id)}, s.title || s.id), " ",
    h("span", {class: "muted"}, plural(s.articles, "article") + " · " + plural(s.sources ?? s.outlets, "source") +
      " · " + span(s.first, s.last)));
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

function timeline(story) {
  const rows = story.articles.map((a) => h("tr", {"data-article": a.id},
    h("td", {}, a.published || "—"), h("td", {}, (a.outlets || []).join(", ") || a.outlet || "—"),
    h("td", {}, h("a", {href: articleHref(a.id)}, a.title))));
  return h("table", {class: "story-articles"},
    h("tr", {}, ["Published", "Outlets", "Title"].map((t) => h("th", {}, t))), rows);
}

function byOutlet(story) {
  return h("ul", {class: "plain story-outlets"}, (story.outlets || []).map((o) => h("li", {"data-outlet": o.outlet},
    h("strong", {}, o.outlet), " ", h("span", {class: "muted"}, o.articles.map((a) => a.published || "undated").join(", ")))));
}

function sides(r) {
  const who = [actorLinks(r.actors || [])];
  if ((r.recipients || []).length) who.push(" → ", actorLinks(r.recipients));
  return h("span", {class: "sides"}, who);
}

function report(r) {
  return h("li", {"data-report": r.id},
    h("a", {href: articleHref(r.article_id, {ev: r.id})}, r.outlet || r.title || r.article_id), " ",
    h("span", {class: "muted"}, [r.published, r.negated ? "says it did not happen" : null].filter(Boolean).join(" · ")),
    h("blockquote", {class: "sentence"}, r.sentence_text || r.evidence), sides(r));
}

function eventSection(e) {
  const counts = plural(e.num_mentions, "report") + " · " + plural(e.num_articles, "article") + " · " +
    plural(e.num_sources, "outlet");
  const head = [quadPill(e.quad_class), " ", h("strong", {}, e.plover), " ", sides(e), " ",
    h("span", {class: "muted"}, [e.date, counts].filter(Boolean).join(" · "))];
  if (e.disputed) head.push(" ", h("span", {class: "disputed", title: "reports contradict: " + e.dispute.join(", ")},
    "disputed (" + e.dispute.join(", ") + ")"));
  return h("section", {"data-event": e.id, class: e.disputed ? "event disputed" : "event"},
    h("h3", {}, head), h("ul", {class: "plain reports"}, (e.reports || []).map(report)));
}

function speakers(story) {
  return (story.speakers || []).map((g) => h("section", {class: "speaker", "data-speaker": g.speaker ? g.speaker.id : ""},
    h("h3", {}, g.speaker ? actorLink(g.speaker) : "Unattributed", " ", h("span", {class: "muted"}, plural(g.quotes.length, "quote"))),
    h("ul", {class: "plain quotes"}, g.quotes.map((q) => h("li", {"data-quote": q.id}, "“" + q.text + "” ",
      h("a", {class: "muted", href: articleHref(q.article_id)}, [q.outlet, q.published].filter(Boolean).join(" · ") || q.title))))));
}

export async function render(box, {id, params}) {
  if (!id) return list(box, params);
  const story = await api("stories/" + encodeURIComponent(id));
  box.append(h("h1", {class: "story-title"}, story.title || story.id),
    h("p", {class: "muted summary"}, plural(story.num_articles, "article") + " from " + plural(story.num_sources, "outlet") +
      " · " + span(story.first, story.last) + " · " + plural(story.events.length, "event") + ", each counted once"),
    h("h2", {}, "Timeline"), timeline(story),
    h("h2", {}, "By outlet"), byOutlet(story),
    h("h2", {}, "Events"),
    story.events.length ? h("div", {class: "event-reports"}, story.events.map(eventSection))
      : h("p", {class: "muted"}, "No events in this story."),
    h("h2", {}, "Quotes by speaker"),
    (story.speakers || []).length ? h("div", {class: "speakers"}, speakers(story)) : h("p", {class: "muted"}, "No quotes."));
}
