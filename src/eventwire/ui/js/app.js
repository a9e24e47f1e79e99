// The router: #/page/id?params -> a page module's render(main, {id, params}).
import {ApiError, h, route} from "./dom.js";
import * as article from "./pages/article.js";
import * as actor from "./pages/actor.js";
import * as dyad from "./pages/dyad.js";
import * as network from "./pages/network.js";
import * as map from "./pages/map.js";
import * as lists from "./pages/lists.js";
import * as story from "./pages/story.js";

const PAGES = {
  "": lists.home, articles: lists.articles, actors: lists.actors, events: lists.events,
  quotes: lists.quotes, search: lists.search, article: article.render, actor: actor.render,
  dyad: dyad.render, network: network.render, map: map.render, story: story.render,
};

function parse(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?", 2);
  const [name, ...rest] = path.split("/");
  return {name, id: rest.length ? decodeURIComponent(rest.join("/")) : null,
          params: Object.fromEntries(new URLSearchParams(qs || ""))};
}

let current = 0;

async function show() {
  const main = document.getElementById("main");
  const {name, id, params} = parse(location.hash);
  const page = PAGES[name];
  const ticket = ++current;
  main.dataset.page = name || "home";
  main.dataset.ready = "no";
  const box = h("div", {class: "page"});
  try {
    if (!page) throw new Error("No such page: " + name);
    await page(box, {id, params});
  } catch (err) {
    box.replaceChildren(h("p", {class: "error"}, err instanceof ApiError && err.status === 404
      ? "Not found: " + err.message : "Error: " + err.message));
  }
  if (ticket !== current) return;
  main.replaceChildren(box);
  main.dataset.ready = "yes";
  const focus = params.ev && document.getElementById("event-" + params.ev);
  if (focus) { focus.classList.add("focus"); focus.scrollIntoView({block: "center"}); }
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get("q").trim();
  if (q) location.hash = route("search", {q});
});
window.addEventListener("hashchange", show);
show();
