// Article page: the text with actors, event triggers and quotes marked and
// linked; captions and credits apart; the article's events and quotes below.
import {actorHref, api, articleHref, h, safeUrl} from "../dom.js";
import {eventTable} from "../events.js";
import {quoteList} from "./lists.js";
import {storyHref} from "./story.js";

// Every marked span of the text: mentions, triggers (inside their evidence), quotes.
function spans(article) {
  const out = [];
  for (const m of article.mentions) out.push({kind: "mention", start: m.start, end: m.end, actor: m.actor_id});
  for (const e of article.events) {
    const at = e.trigger ? article.text.indexOf(e.trigger, e.start) : -1;
    if (at >= 0 && at + e.trigger.length <= e.end) {
      let end = at + e.trigger.length;  // a lemma trigger ("impose") marks the whole word ("imposed")
      while (end < e.end && /[\p{L}\p{N}]/u.test(article.text[end])) end += 1;
      out.push({kind: "trigger", start: at, end, event: e});
    } else if (e.end - e.start <= 40) {  // lemma not in the text ("meet" for "met"): mark the short evidence
      out.push({kind: "trigger", start: e.start, end: e.end, event: e});
    }
  }
  for (const q of article.quotes) out.push({kind: "quote", start: q.start, end: q.end, quote: q});
  return out;
}

function wrap(node, span, article) {
  if (span.kind === "mention") {
    return h("a", {class: "mention", href: actorHref(span.actor), "data-actor": span.actor}, node);
  }
  if (span.kind === "trigger") {
    const e = span.event;
    const link = h("a", {class: "trigger", href: articleHref(article.id, {ev: e.id}),
      "data-event": e.id, title: e.plover + " (CAMEO " + e.cameo + ")"}, node);
    link.addEventListener("click", (ev) => {
      ev.preventDefault();
      const row = document.getElementById("event-" + e.id);
      document.querySelectorAll("tr.focus").forEach((r) => r.classList.remove("focus"));
      if (row) { row.classList.add("focus"); row.scrollIntoView({block: "center"}); }
    });
    return link;
  }
  return h("span", {class: "quote", "data-quote": span.quote.id, title: "quote"}, node);
}

const ORDER = {quote: 0, mention: 1, trigger: 2};

// The text between start and end as nodes, each piece wrapped by the spans covering it.
export function marked(article, start, end, all) {
  const inside = all.filter((sp) => sp.start < end && sp.end > start);
  const cuts = new Set([start, end]);
  for (const sp of inside) { cuts.add(Math.max(sp.start, start)); cuts.add(Math.min(sp.end, end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let node = document.createTextNode(article.text.slice(a, b));
    const covering = inside.filter((sp) => sp.start <= a && sp.end >= b)
      .sort((x, y) => ORDER[y.kind] - ORDER[x.kind]);
    const used = new Set();
    for (const sp of covering) {
      if (used.has(sp.kind)) continue;  // overlapping spans of one kind: the first wins
      used.add(sp.kind);
      node = wrap(node, sp, article);
    }
    nodes.push(node);
  }
  return nodes;
}

function body(article) {
  const all = spans(article);
  const text = h("article", {class: "article-text"});
  const captions = h("aside", {class: "captions"}, h("h2", {}, "Captions"));
  for (const sec of article.sections) {
    const nodes = marked(article, sec.start, sec.end, all);
    if (sec.kind === "title") text.append(h("h1", {class: "title"}, nodes));
    else if (sec.kind === "standfirst") text.append(h("p", {class: "standfirst"}, nodes));
    else if (sec.kind === "caption") captions.append(h("p", {class: "caption"}, nodes));
    else text.append(h("p", {class: "para"}, nodes));
  }
  return {text, captions: captions.children.length > 1 ? captions : null};
}

export async function render(box, {id}) {
  const article = await api("articles/" + encodeURIComponent(id));
  const {text, captions} = body(article);
  const url = safeUrl(article.url);
  const meta = h("p", {class: "muted meta"}, [article.outlet, article.published, article.author].filter(Boolean).join(" · "),
    url ? [" · ", h("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, "original")] : null,
    article.story_id ? [" · ", h("a", {href: storyHref(article.story_id), class: "story-link"}, "story")] : null);
  const copies = (article.sources || []).slice(1);
  const carried = copies.length
    ? h("p", {class: "muted sources"}, "Also carried by: ", copies.map((c, i) => [i ? ", " : "",
      [c.outlet || "unknown outlet", c.published].filter(Boolean).join(" ")]))
    : null;
  const credits = article.credits.length
    ? h("aside", {class: "credits"}, h("h2", {}, "Credits"), h("ul", {class: "plain"}, article.credits.map((c) => h("li", {}, c))))
    : null;
  const actors = h("ul", {class: "plain actors"}, article.actors.map((a) => h("li", {},
    h("a", {href: actorHref(a.id), "data-actor": a.id}, a.name), a.country ? " (" + a.country + ")" : "")));
  box.append(...[meta, carried, text, captions, credits].filter(Boolean),
    h("div", {class: "legend muted"}, h("span", {}, h("a", {class: "mention"}, "actor")),
      h("span", {class: "trigger"}, "event trigger"), h("span", {class: "quote"}, "quote")),
    h("h2", {}, "Events (" + article.events.length + ")"),
    h("div", {class: "scroll"}, eventTable(article.events, {withArticle: false, empty: "No events found in this article."})),
    h("h2", {}, "Quotes (" + article.quotes.length + ")"),
    article.quotes.length ? quoteList(article.quotes) : h("p", {class: "muted"}, "No quotes."),
    h("h2", {}, "Actors"), actors);
}
