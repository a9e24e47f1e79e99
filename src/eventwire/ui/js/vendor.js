// The libraries in ui/vendor/ (from npm, see package.json), loaded on first use as classic
// scripts from this server (the CSP allows only 'self'): a page asks need("plot") and so on.
const BUNDLES = {
  plot: ["d3.min.js", "plot.umd.min.js"],
  map: ["leaflet.js", "leaflet.markercluster.js", "topojson-client.min.js"],
  network: ["cytoscape.min.js"],
};
const STYLES = {map: ["leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css"]};
const loaded = new Map();

function script(name) {
  if (!loaded.has(name)) {
    loaded.set(name, new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = "/ui/vendor/" + name;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error("cannot load " + name));
      document.head.append(tag);
    }));
  }
  return loaded.get(name);
}

function style(name) {
  if (document.querySelector(`link[data-vendor="${name}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet"; link.href = "/ui/vendor/" + name; link.dataset.vendor = name;
  document.head.prepend(link);  // before style.css, so ours wins
}

export async function need(bundle) {
  for (const css of STYLES[bundle] || []) style(css);
  for (const name of BUNDLES[bundle]) await script(name);  // in order: each may use the one before
}
