// Map page: Leaflet over Natural Earth country outlines (world-atlas, shipped in ui/vendor/,
// no tile server): places clustered and sized by events, country-level places shading their
// country, and popups listing the events with links to them.
import {QUADS, api, articleHref, filterForm, h, route} from "../dom.js";
import {QUAD_COLORS, legend} from "../charts.js";
import {scroll, showError} from "../listpage.js";
import {need} from "../vendor.js";

function dominant(p) {
  let best = 1;
  for (const q of [2, 3, 4]) if (p["q" + q] > p["q" + best]) best = q;
  return best;
}

// The popup: the place, its counts, then its newest events (fetched on opening).
function popup(places, filters) {
  const first = places[0];
  const total = places.reduce((n, p) => n + p.events, 0);
  const list = h("ul", {class: "plain popup-events"}, h("li", {class: "muted"}, "Loading…"));
  const box = h("div", {class: "popup", "data-place": first.name || ""},
    h("strong", {}, first.name || "?", first.country ? " (" + first.country + ")" : ""),
    h("div", {class: "muted"}, `${total} event(s), mostly ${QUADS[dominant(first)]}`), list,
    h("a", {href: route("events", {...filters, place: first.name})}, "All events here"));
  api("events", {...filters, place: first.name, limit: 8}).then((page) => list.replaceChildren(...page.items.map((e) =>
    h("li", {}, h("a", {href: articleHref(e.article_id, {ev: e.id})}, [e.date, e.plover].filter(Boolean).join(" "), ": ", e.evidence)))))
    .catch((err) => list.replaceChildren(h("li", {class: "error"}, err.message)));
  return box;
}

// Rings that cross the antimeridian (Russia, Fiji) drawn without a line across the world:
// each longitude moved by 360 degrees to follow on from the one before.
function unwrap(geometry) {
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (let k = 1; k < ring.length; k++) {
      while (ring[k][0] - ring[k - 1][0] > 180) ring[k][0] -= 360;
      while (ring[k][0] - ring[k - 1][0] < -180) ring[k][0] += 360;
    }
  }
  return geometry;
}

function dotIcon(p) {
  const size = Math.round(10 + Math.sqrt(p.events) * 5);
  return L.divIcon({html: h("span", {class: "dot q" + dominant(p), title: `${p.name}: ${p.events} event(s)`}),
    className: "place-dot", iconSize: [size, size]});
}

function clusterIcon(cluster) {
  const n = cluster.getAllChildMarkers().reduce((sum, m) => sum + m.options.events, 0);
  const size = Math.round(28 + Math.sqrt(n) * 3);
  return L.divIcon({html: h("div", {}, h("span", {}, String(n))), className: "marker-cluster marker-cluster-events",
    iconSize: [size, size]});
}

async function draw(container, places, filters) {
  await need("map");
  const topo = await (await fetch("/ui/vendor/countries-50m.json")).json();
  const outlines = topojson.feature(topo, topo.objects.countries);
  outlines.features = outlines.features.filter((f) => f.id !== "010" && f.geometry);  // no Antarctica: no events there
  for (const f of outlines.features) unwrap(f.geometry);
  const shaded = new Map();  // ISO number -> places named at country level
  for (const p of places) if (p.kind === "country" && p.iso_numeric) shaded.set(p.iso_numeric, [...(shaded.get(p.iso_numeric) || []), p]);
  const most = Math.max(1, ...[...shaded.values()].map((ps) => ps.reduce((n, p) => n + p.events, 0)));
  const map = L.map(container, {worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.5});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
  L.geoJSON(outlines, {
    style: (f) => {
      const here = shaded.get(f.id);
      const n = here ? here.reduce((sum, p) => sum + p.events, 0) : 0;
      return {weight: 0.6, color: "#8c959f", fillColor: here ? QUAD_COLORS[dominant(here[0])] : "#eef1f4",
        fillOpacity: here ? 0.25 + 0.5 * (n / most) : 1, className: here ? "country shaded" : "country"};
    },
    onEachFeature: (f, layer) => {
      const here = shaded.get(f.id);
      if (here) layer.bindPopup(() => popup(here, filters));
      layer.bindTooltip(f.properties.name + (here ? `: ${here.reduce((n, p) => n + p.events, 0)} event(s) placed in the country` : ""), {sticky: true});
    },
  }).addTo(map);
  const cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon});
  for (const p of places.filter((x) => x.kind !== "country" && x.lat !== null && x.lon !== null)) {
    const marker = L.marker([p.lat, p.lon], {icon: dotIcon(p), events: p.events, title: p.name || "", keyboard: true});
    marker.bindPopup(() => popup([p], filters));
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);
  const points = places.filter((p) => p.lat !== null && p.lon !== null).map((p) => [p.lat, p.lon]);
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.3), {maxZoom: 5}); else map.setView([20, 10], 1.5);
  window.eventwireMap = map;  // for the browser tests and the curious
}

export async function render(box, {params}) {
  const filters = {since: params.since, until: params.until, type: params.type};
  const slot = h("div", {class: "error-slot"});
  box.append(h("h1", {}, "Map of event places"), slot, filterForm("map", params, [
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"},
    {name: "type", label: "Type (PLOVER/CAMEO)", placeholder: "PROTEST"}]));
  let places;
  try { places = await api("places", {...filters, limit: 1000}); } catch (err) { showError(slot, err); return null; }
  const container = h("div", {class: "leaflet-box", role: "region", "aria-label": "Map of event places"});
  const table = h("table", {class: "places"}, h("thead", {}, h("tr", {}, ["Place", "Country", "Kind", "Events", "Lat", "Lon"].map((t) => h("th", {scope: "col"}, t)))),
    h("tbody", {}, places.map((p) => h("tr", {}, h("td", {}, h("a", {href: route("events", {...filters, place: p.name})}, p.name || "?")),
      h("td", {}, p.country || ""), h("td", {}, p.kind || ""), h("td", {class: "num"}, p.events),
      h("td", {class: "num"}, p.lat === null ? "—" : p.lat.toFixed(2)), h("td", {class: "num"}, p.lon === null ? "—" : p.lon.toFixed(2))))));
  box.append(legend(), h("p", {class: "muted"}, "Circles are places sized by their events (clusters add them up); countries named as the place of an event are shaded."),
    container, h("h2", {}, "Places"), places.length ? scroll(table) : h("p", {class: "muted empty"}, "No events with a known place."));
  return () => draw(container, places, filters);
}
