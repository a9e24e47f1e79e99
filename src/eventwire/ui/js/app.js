// The router: #/page/id?params -> a page module's render(box, {id, params}). A page may
// return a function to run once its box is in the document (maps and graphs need a size).
// After each page: the title names it and focus moves to its main heading.
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
  quotes: lists.quotes, stories: lists.stories, search: lists.search, article: article.render, actor: actor.render,
  dyad: dyad.render, network: network.render, map: map.render,
  story: (box, args) => (args.id ? story.render(box, args) : lists.stories(box, args)),
};

function parse(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?", 2);
  const [name, ...rest] = path.split("/");
  return {name, id: rest.length ? decodeURIComponent(rest.join("/")) : null,
          params: Object.fromEntries(new URLSearchParams(qs || ""))};
}

let current = 0;
let first = true;

function settle(main, params) {
  const heading = main.querySelector("h1");
  document.title = (heading ? heading.textContent.trim() + " · " : "") + "eventwire";
  for (const link of document.querySelectorAll("header nav a")) {
    const here = location.hash.split("?")[0] === link.getAttribute("href");
    if (here) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  const focus = params.ev && document.getElementById("event-" + params.ev);
  if (focus) { focus.classList.add("focus"); focus.scrollIntoView({block: "center"}); }
  if (heading && !first) { heading.setAttribute("tabindex", "-1"); heading.focus({preventScroll: Boolean(focus)}); }
  first = false;
}

async function show() {
  const main = document.getElementById("main");
  const {name, id, params} = parse(location.hash);
  const page = PAGES[name];
  const ticket = ++current;
  main.dataset.page = name || "home";
  main.dataset.ready = "no";
  const box = h("div", {class: "page"});
  let after = null;
  try {
    if (!page) throw new Error("No such page: " + name);
    after = await page(box, {id, params});
  } catch (err) {
    box.replaceChildren(h("h1", {}, "Error"), h("p", {class: "error"}, err instanceof ApiError && err.status === 404
      ? "Not found: " + err.message : "Error: " + err.message));
  }
  if (ticket !== current) return;
  main.replaceChildren(box);
  if (typeof after === "function") {
    try { await after(); } catch (err) { box.append(h("p", {class: "error"}, "Error: " + err.message)); }
  }
  if (ticket !== current) return;
  settle(main, params);
  main.dataset.ready = "yes";
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get("q").trim();
  if (q) location.hash = route("search", {q});
});
window.addEventListener("hashchange", show);
show();
