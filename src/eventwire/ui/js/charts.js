// Charts drawn by Observable Plot (ui/vendor/, from npm): events over time by quad class.
import {QUADS, h} from "./dom.js";
import {need} from "./vendor.js";

export const QUAD_COLORS = {1: "#2f9e44", 2: "#1971c2", 3: "#e8590c", 4: "#c92a2a"};

export function legend() {
  return h("div", {class: "legend"}, [1, 2, 3, 4].map((q) =>
    h("span", {}, h("i", {class: "q" + q}), q + " " + QUADS[q])));
}

const day = (period) => new Date((period.length === 7 ? period + "-01" : period) + "T00:00:00Z");

// The periods holding the middle 90% of the events (news mentions past events: a few dated
// years away would squash the rest into one bar).
function trimmed(rows) {
  const total = rows.reduce((n, r) => n + r.q1 + r.q2 + r.q3 + r.q4, 0);
  let seen = 0, lo = 0, hi = rows.length - 1;
  for (let i = 0; i < rows.length; i++) {
    seen += rows[i].q1 + rows[i].q2 + rows[i].q3 + rows[i].q4;
    if (seen <= total * 0.05) lo = i + 1;
    if (seen < total * 0.95) hi = i + 1;
  }
  hi = Math.min(Math.max(hi, lo), rows.length - 1);
  const kept = rows.slice(lo, hi + 1);
  const left = total - kept.reduce((n, r) => n + r.q1 + r.q2 + r.q3 + r.q4, 0);
  return {kept, left};
}

// Weeks into months (a week counts in the month it starts in).
function byMonth(rows) {
  const out = new Map();
  for (const r of rows) {
    const key = r.period.slice(0, 7);
    const m = out.get(key) || {period: key, q1: 0, q2: 0, q3: 0, q4: 0};
    for (const q of [1, 2, 3, 4]) m["q" + q] += r["q" + q];
    out.set(key, m);
  }
  return [...out.values()];
}

// rows [{period: "2024-03-04" | "2024-03", q1..q4}] -> stacked bars per week or month; weeks
// over more than a year are shown as months (unless months: false).
export async function quadBars(rows, {interval = "week", className = "", empty = "No events.", label = "events", months = true} = {}) {
  const box = h("figure", {class: "chart " + className});
  const dated = rows.filter((r) => /^\d{4}-\d{2}/.test(r.period || ""));
  if (!dated.length) { box.append(h("p", {class: "muted empty"}, empty)); return box; }
  await need("plot");
  let {kept, left} = trimmed(dated);
  if (months && interval === "week" && day(kept[kept.length - 1].period) - day(kept[0].period) > 366 * 864e5) {
    kept = byMonth(kept); interval = "month";
  }
  const long = [];
  for (const r of kept) for (const q of [1, 2, 3, 4]) {
    if (r["q" + q]) long.push({period: day(r.period), key: r.period, quad: q, count: r["q" + q]});
  }
  const step = interval === "week" ? d3.utcMonday : d3.utcMonth;
  const top = Math.max(1, ...kept.map((r) => r.q1 + r.q2 + r.q3 + r.q4));  // whole events: no tick at 0.5
  const [first, last] = [day(kept[0].period), day(kept[kept.length - 1].period)];
  const pad = Math.max(1, Math.ceil((8 - step.count(first, last)) / 2));  // a few periods at least, so one bar is not the whole width
  const svg = Plot.plot({
    width: Math.max(320, Math.min(760, window.innerWidth - 24)), height: 240, marginLeft: 44, marginBottom: 32,
    x: {type: "utc", label: null, domain: [step.offset(first, -pad), step.offset(last, pad + 1)]},
    y: {label: "↑ " + label + " per " + interval, grid: true, tickFormat: "d", ticks: Math.min(6, top)},
    color: {domain: [1, 2, 3, 4], range: [1, 2, 3, 4].map((q) => QUAD_COLORS[q])},
    marks: [
      Plot.rectY(long, {x: "period", y: "count", fill: "quad", interval: interval === "week" ? "monday" : "month", inset: 0.5,
        title: (d) => `${interval === "week" ? "week of " : ""}${d.key}: ${d.count} ${QUADS[d.quad]}`}),
      Plot.ruleY([0]),
    ],
  });
  svg.querySelectorAll("style").forEach((node) => node.remove());  // Plot's inline <style>: the CSP forbids it
  svg.classList.add("plot");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Events per ${interval} by quad class`);
  box.append(svg);
  if (left) box.append(h("figcaption", {class: "muted"}, `${left} event(s) dated before or after the period shown are left out of the chart (they are in the list).`));
  return box;
}
