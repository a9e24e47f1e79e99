// Network page: the N actors with most events and who acted on whom, laid out by
// Cytoscape.js (ui/vendor/, from npm): edge width = events, colour = quad class, labels
// pushed apart until none overlap, a click opens the actor; the same links as a table.
import {QUADS, actorHref, actorLink, api, dyadHref, filterForm, h} from "../dom.js";
import {QUAD_COLORS, legend} from "../charts.js";
import {scroll, showError} from "../listpage.js";
import {need} from "../vendor.js";

// One edge per direction: its events in all, and the quad class most of them have.
function links(net) {
  const out = new Map();
  for (const e of net.edges) {
    const key = e.source + ">" + e.target;
    const entry = out.get(key) || {source: e.source, target: e.target, count: 0, quads: [0, 0, 0, 0, 0], types: []};
    entry.count += e.count; entry.quads[e.quad_class || 0] += e.count; entry.types.push(`${e.plover} ${e.count}`);
    out.set(key, entry);
  }
  for (const entry of out.values()) entry.quad = [1, 2, 3, 4].reduce((best, q) => entry.quads[q] > entry.quads[best] ? q : best, 1);
  return [...out.values()].sort((a, b) => b.count - a.count);
}

function overlap(a, b) {
  return Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0;
}

// Push nodes apart until no two (node and label) boxes overlap.
function declutter(cy) {
  const nodes = cy.nodes().toArray();
  for (let round = 0; round < 400; round++) {
    const boxes = nodes.map((n) => n.boundingBox({includeLabels: true, includeEdges: false}));
    let moved = false;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (!overlap(a, b)) continue;
      moved = true;
      const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      const [pa, pb] = [nodes[i].position(), nodes[j].position()];
      if (dx < dy) {
        const s = (pa.x <= pb.x ? -1 : 1) * (dx / 2 + 2);
        nodes[i].position({x: pa.x + s, y: pa.y}); nodes[j].position({x: pb.x - s, y: pb.y});
      } else {
        const s = (pa.y <= pb.y ? -1 : 1) * (dy / 2 + 2);
        nodes[i].position({x: pa.x, y: pa.y + s}); nodes[j].position({x: pb.x, y: pb.y - s});
      }
      boxes[i] = nodes[i].boundingBox({includeLabels: true, includeEdges: false});
      boxes[j] = nodes[j].boundingBox({includeLabels: true, includeEdges: false});
    }
    if (!moved) return round;
  }
  return -1;
}

async function draw(container, net, edges) {
  await need("network");
  // Cytoscape adds a <style> of its own unless this id exists (the CSP forbids inline styles):
  // its one rule is in style.css.
  if (!document.getElementById("__________cytoscape_stylesheet")) {
    document.head.append(h("meta", {id: "__________cytoscape_stylesheet", name: "cytoscape-stylesheet", content: "style.css"}));
  }
  const most = Math.max(1, ...edges.map((e) => e.count)), top = Math.max(1, ...net.nodes.map((n) => n.events || 1));
  const elements = [
    ...net.nodes.map((n, i) => ({data: {id: n.id, label: n.name, size: 10 + 22 * Math.sqrt((n.events || 1) / top)},
      position: {x: 300 * Math.cos((2 * Math.PI * i) / net.nodes.length), y: 300 * Math.sin((2 * Math.PI * i) / net.nodes.length)}})),
    ...edges.map((e, i) => ({data: {id: "e" + i, source: e.source, target: e.target, width: 1 + 7 * Math.sqrt(e.count / most),
      color: QUAD_COLORS[e.quad]}})),
  ];
  const cy = cytoscape({container, elements, minZoom: 0.2, maxZoom: 4, boxSelectionEnabled: false,
    style: [
      {selector: "node", style: {"background-color": "#0969da", width: "data(size)", height: "data(size)", label: "data(label)",
        "font-size": 12, "font-family": "system-ui, sans-serif", color: "#1f2328", "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1, "min-zoomed-font-size": 0}},
      {selector: "edge", style: {width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75, "arrow-scale": 0.8}},
      {selector: "node:active, node:selected", style: {"background-color": "#c92a2a"}},
    ],
    layout: {name: "preset"}});
  cy.layout({name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, fit: false,
    idealEdgeLength: () => 110, nodeRepulsion: () => 120000, numIter: 1500, gravity: 0.6}).run();
  declutter(cy);
  cy.fit(undefined, 24);
  cy.on("tap", "node", (ev) => { location.hash = actorHref(ev.target.id()); });
  cy.on("mouseover", "node", () => { container.classList.add("pointing"); });
  cy.on("mouseout", "node", () => { container.classList.remove("pointing"); });
  window.eventwireNetwork = cy;  // for the browser tests and the curious
}

export async function render(box, {params}) {
  const nodes = Math.max(2, Math.min(200, Number(params.nodes) || 30));
  const slot = h("div", {class: "error-slot"});
  box.append(h("h1", {}, "Network"), slot, filterForm("network", params, [
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"},
    {name: "type", label: "Type (PLOVER/CAMEO)", placeholder: "CONSULT"}, {name: "country", label: "Country (ISO3)"},
    {name: "nodes", label: "Actors", type: "number", placeholder: "30"}]));
  let net;
  try {
    net = await api("network", {since: params.since, until: params.until, type: params.type, country: params.country, nodes, limit: 600});
  } catch (err) { showError(slot, err); return null; }
  const edges = links(net);
  const names = new Map(net.nodes.map((n) => [n.id, n]));
  if (!net.nodes.length) {
    box.append(h("p", {class: "muted empty"}, "No events with both an actor and a recipient here."));
    return null;
  }
  const container = h("div", {class: "network-graph", role: "img",
    "aria-label": `Network of ${net.nodes.length} actors; the same links are in the table below`});
  const table = h("table", {class: "edges"}, h("thead", {}, h("tr", {}, ["Actor", "Recipient", "Events", "Mostly", "Types", ""].map((t) => h("th", {scope: "col"}, t)))),
    h("tbody", {}, edges.map((e) => h("tr", {"data-source": e.source, "data-target": e.target},
      h("td", {}, actorLink(names.get(e.source))), h("td", {}, actorLink(names.get(e.target))), h("td", {class: "num"}, e.count),
      h("td", {}, h("span", {class: "pill q" + e.quad}, "Q" + e.quad), " ", QUADS[e.quad]), h("td", {class: "muted"}, e.types.join(", ")),
      h("td", {}, h("a", {href: dyadHref(e.source, e.target)}, "dyad"))))));
  box.append(h("p", {class: "muted summary"}, `${net.nodes.length} actors with most events · ${edges.length} actor → recipient links (width: events; colour: quad class)`),
    legend(), container, h("h2", {id: "links"}, "Links as a table"), scroll(table));
  return () => draw(container, net, edges);
}
