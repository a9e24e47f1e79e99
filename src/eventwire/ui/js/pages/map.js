// Map page: event places on an equirectangular plot (no tiles, no outline data).
import {QUADS, api, filterForm, h, route, s} from "../dom.js";
import {legend} from "../charts.js";

const W = 720, H = 360;
const x = (lon) => ((lon + 180) / 360) * W;
const y = (lat) => ((90 - lat) / 180) * H;

function grid() {
  const g = s("g", {class: "graticule"});
  for (let lon = -180; lon <= 180; lon += 30) g.append(s("line", {class: "grid", x1: x(lon), y1: 0, x2: x(lon), y2: H}));
  for (let lat = -90; lat <= 90; lat += 30) g.append(s("line", {class: "grid", x1: 0, y1: y(lat), x2: W, y2: y(lat)}));
  g.append(s("line", {class: "axis", x1: 0, y1: y(0), x2: W, y2: y(0)}));
  return g;
}

// Land as one path of small squares, one per 1-degree cell holding a town.
function land(basemap) {
  const size = (basemap.cell / 360) * W;
  const d = basemap.points.map(([lon, lat]) =>
    `M${(x(lon) - size / 2).toFixed(1)} ${(y(lat) - size / 2).toFixed(1)}h${size}v${size}h${-size}z`).join("");
  return s("path", {class: "land", d});
}

function dominant(p) {
  let best = 1;
  for (const q of [2, 3, 4]) if (p["q" + q] > p["q" + best]) best = q;
  return best;
}

export async function render(box, {params}) {
  const form = filterForm("map", params, [
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"},
    {name: "type", label: "PLOVER type", placeholder: "PROTEST"}]);
  const [places, basemap] = await Promise.all([
    api("places", {since: params.since, until: params.until, type: params.type}), api("basemap")]);
  const svg = s("svg", {class: "chart map", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Map of event places"},
    land(basemap), grid());
  for (const p of places) {
    const q = dominant(p);
    svg.append(s("a", {href: route("search", {q: p.name || ""}), class: "place", "data-place": p.name || ""},
      s("circle", {cx: x(p.lon), cy: y(p.lat), r: 3 + Math.sqrt(p.events) * 2, fill: `var(--q${q})`, "fill-opacity": 0.75},
        s("title", {}, `${p.name || "?"}${p.country ? " (" + p.country + ")" : ""}: ${p.events} event(s), mostly ${QUADS[q]}`))));
  }
  const table = h("table", {class: "places"}, h("thead", {}, h("tr", {}, ["Place", "Country", "Lat", "Lon", "Events"].map((t) => h("th", {}, t)))),
    h("tbody", {}, places.map((p) => h("tr", {}, h("td", {}, p.name || "?"), h("td", {}, p.country || ""),
      h("td", {}, p.lat.toFixed(2)), h("td", {}, p.lon.toFixed(2)), h("td", {}, p.events)))));
  box.append(h("h1", {}, "Map of event places"), form, legend(), svg,
    places.length ? table : h("p", {class: "muted"}, "No events with a known place."));
}
