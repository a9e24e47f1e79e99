// Small SVG charts drawn by hand: stacked monthly bars and an event timeline.
import {QUADS, h, s} from "./dom.js";

export function legend() {
  return h("div", {class: "legend"}, [1, 2, 3, 4].map((q) =>
    h("span", {}, h("i", {class: "q" + q}), q + " " + QUADS[q])));
}

const COLOR = {1: "var(--q1)", 2: "var(--q2)", 3: "var(--q3)", 4: "var(--q4)"};

// Every month from the first to the last (empty ones included), then "unknown" if any.
function allMonths(months) {
  const known = months.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  const out = [];
  if (known.length) {
    const byMonth = new Map(known.map((m) => [m.month, m]));
    let [year, month] = known[0].month.split("-").map(Number);
    const last = known[known.length - 1].month;
    for (let guard = 0; guard < 1200; guard++) {
      const key = `${year}-${String(month).padStart(2, "0")}`;
      out.push(byMonth.get(key) || {month: key, q1: 0, q2: 0, q3: 0, q4: 0});
      if (key >= last) break;
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
  }
  return out.concat(months.filter((m) => !/^\d{4}-\d{2}$/.test(m.month)));
}

// months: [{month, q1..q4}] -> stacked bars, one per month.
export function monthBars(given) {
  const months = allMonths(given);
  const W = 720, H = 260, L = 36, B = 40, T = 10;
  const top = Math.max(1, ...months.map((m) => m.q1 + m.q2 + m.q3 + m.q4));
  const step = (W - L - 10) / Math.max(1, months.length);
  const y = (v) => H - B - (v / top) * (H - B - T);
  const svg = s("svg", {class: "chart dyad-chart", viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": "Events per month by quad class"});
  svg.append(s("line", {class: "axis", x1: L, y1: H - B, x2: W - 5, y2: H - B}),
    s("line", {class: "axis", x1: L, y1: T, x2: L, y2: H - B}),
    s("text", {x: L - 4, y: T + 8, "text-anchor": "end"}, String(top)),
    s("text", {x: L - 4, y: H - B, "text-anchor": "end"}, "0"));
  const bar = Math.min(48, Math.max(2, step * 0.7));
  const every = Math.ceil(months.length / 16);  // label at most 16 months
  months.forEach((m, i) => {
    let base = 0;
    const x = L + i * step + (step - bar) / 2;
    for (const q of [1, 2, 3, 4]) {
      const n = m["q" + q];
      if (!n) continue;
      svg.append(s("rect", {class: "bar", "data-month": m.month, "data-quad": q, x, width: bar,
        y: y(base + n), height: y(base) - y(base + n), fill: COLOR[q]},
        s("title", {}, `${m.month}: ${n} ${QUADS[q]}`)));
      base += n;
    }
    if (i % every === 0) svg.append(s("text", {x: x + bar / 2, y: H - B + 14, "text-anchor": "middle"}, m.month));
  });
  return svg;
}

// events on a date axis, in two lanes (as actor / as recipient), linked to their articles.
export function timeline(events, actorId, href) {
  const dated = events.filter((e) => e.date);
  const W = 720, H = 120, L = 90, R = 15;
  const svg = s("svg", {class: "chart timeline", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events over time"});
  if (!dated.length) { svg.append(s("text", {x: W / 2, y: H / 2, "text-anchor": "middle"}, "No dated events")); return svg; }
  const times = dated.map((e) => Date.parse(e.date));
  const lo = Math.min(...times), hi = Math.max(...times);
  const x = (t) => hi === lo ? (L + W - R) / 2 : L + ((t - lo) / (hi - lo)) * (W - L - R);
  const lanes = {actor: 40, recipient: 85};
  svg.append(s("text", {x: 4, y: lanes.actor + 4}, "as actor"), s("text", {x: 4, y: lanes.recipient + 4}, "as recipient"),
    s("line", {class: "axis", x1: L, y1: H - 12, x2: W - R, y2: H - 12}),
    s("text", {x: L, y: H - 1}, new Date(lo).toISOString().slice(0, 10)),
    s("text", {x: W - R, y: H - 1, "text-anchor": "end"}, new Date(hi).toISOString().slice(0, 10)));
  dated.forEach((e) => {
    for (const lane of ["actor", "recipient"]) {  // an event with the actor on both sides shows in both lanes
      const side = lane === "actor" ? e.actors : e.recipients;
      if (!side.some((a) => a.id === actorId)) continue;
      svg.append(s("a", {href: href(e)}, s("circle", {class: "point", cx: x(Date.parse(e.date)), cy: lanes[lane], r: 6,
        fill: COLOR[e.quad_class] || "#888", "data-event": e.id, "data-lane": lane},
        s("title", {}, `${e.date} ${e.plover}: ${e.evidence}`))));
    }
  });
  return svg;
}
