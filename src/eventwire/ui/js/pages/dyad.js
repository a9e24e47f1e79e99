// Dyad page: events between two actors or countries by month and quad class.
import {api, filterForm, h} from "../dom.js";
import {legend, quadBars} from "../charts.js";
import {eventTable} from "../events.js";
import {scroll, showError} from "../listpage.js";

async function nameOf(side, items) {
  for (const e of items) for (const a of [...e.actors, ...e.recipients]) if (a.id === side) return a.name;
  if (!/^[A-Z]{3}$/.test(side)) {  // an actor id or name with no events here: ask for its name
    try { return (await api("actors/" + encodeURIComponent(side), {limit: 1})).name; } catch (err) { return side; }
  }
  return side;
}

export async function render(box, {params}) {
  const form = filterForm("dyad", params, [
    {name: "a", label: "Side A (actor or ISO3)", placeholder: "IRN"}, {name: "b", label: "Side B", placeholder: "RUS"},
    {name: "since", label: "Since", type: "date"}, {name: "until", label: "Until", type: "date"}]);
  const slot = h("div", {class: "error-slot"});
  if (!params.a || !params.b) {
    box.append(h("h1", {}, "Dyad"), form, h("p", {class: "muted"}, "Give two actors (names, ids) or country codes."));
    return;
  }
  let dyad;
  try { dyad = await api("dyad", {a: params.a, b: params.b, since: params.since, until: params.until}); } catch (err) {
    box.append(h("h1", {}, "Dyad"), slot, form);
    showError(slot, err);
    return;
  }
  const [a, b] = await Promise.all([nameOf(params.a, dyad.items), nameOf(params.b, dyad.items)]);
  const q = dyad.quad_classes;
  const balance = dyad.balance === null ? "—" : (dyad.balance > 0 ? "+" : "") + dyad.balance.toFixed(2);
  const months = dyad.months.map((m) => ({period: m.month, q1: m.q1, q2: m.q2, q3: m.q3, q4: m.q4}));
  box.append(h("h1", {class: "dyad-title"}, a + " – " + b), slot, form,
    h("p", {class: "summary"}, dyad.events + " events · cooperation " + (q.q1 + q.q2) + " · conflict " + (q.q3 + q.q4) +
      " · balance ", h("strong", {class: "balance"}, balance)),
    legend(), await quadBars(months, {interval: "month", className: "dyad-chart", empty: "No events between these two."}),
    h("h2", {}, "Events"), scroll(eventTable(dyad.items, {empty: "No events between these two."})));
}
