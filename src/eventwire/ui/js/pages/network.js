// Network page: actors as nodes, events actor -> recipient as edges.
import {actorHref, api, filterForm, h, s} from "../dom.js";
import {layout} from "../force.js";

function pairs(edges) {
  const out = new Map();
  for (const e of edges) {
    const key = e.source + ">" + e.target;
    const entry = out.get(key) || {source: e.source, target: e.target, count: 0, types: []};
    entry.count += e.count;
    entry.types.push(e.plover + " " + e.count);
    out.set(key, entry);
  }
  return [...out.values()];
}

function graph(net) {
  const W = 720, H = 480;
  const edges = pairs(net.edges);
  const at = layout(net.nodes, edges, {width: W, height: H});
  const names = new Map(net.nodes.map((n) => [n.id, n.name]));
  const svg = s("svg", {class: "chart network", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor network"},
    s("defs", {}, s("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 19, refY: 5, markerWidth: 8, markerHeight: 8,
      markerUnits: "userSpaceOnUse", orient: "auto"},
      s("path", {d: "M0,0 L10,5 L0,10 z", fill: "#8c959f"}))));
  const keys = new Set(edges.map((e) => e.source + ">" + e.target));
  for (const e of edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    // both directions present: bend each edge to its own side so neither hides the other
    const bend = keys.has(e.target + ">" + e.source) ? 0.18 : 0;
    const mx = (a.x + b.x) / 2 - (b.y - a.y) * bend, my = (a.y + b.y) / 2 + (b.x - a.x) * bend;
    svg.append(s("path", {class: "edge", d: `M${a.x} ${a.y} Q${mx} ${my} ${b.x} ${b.y}`, fill: "none",
      "stroke-width": 1 + Math.log2(e.count), "marker-end": "url(#arrow)", "data-source": e.source, "data-target": e.target},
      s("title", {}, `${names.get(e.source)} → ${names.get(e.target)}: ${e.types.join(", ")}`)));
  }
  for (const n of net.nodes) {
    const p = at.get(n.id);
    svg.append(s("a", {class: "node", href: actorHref(n.id), "data-actor": n.id},
      s("circle", {cx: p.x, cy: p.y, r: 7}, s("title", {}, n.name)),
      s("text", {x: p.x + 9, y: p.y + 4}, n.name)));
  }
  return svg;
}

export async function render(box, {params}) {
  const form = filterForm("network", params, [
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"},
    {name: "type", label: "PLOVER type", placeholder: "CONSULT"}]);
  const net = await api("network", {since: params.since, until: params.until, type: params.type, limit: 200});
  box.append(h("h1", {}, "Network"), form,
    h("p", {class: "muted"}, net.nodes.length + " actors · " + net.edges.length + " actor–recipient–type links"),
    net.nodes.length ? graph(net) : h("p", {class: "muted"}, "No events with both an actor and a recipient here."));
}
