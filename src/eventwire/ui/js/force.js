// A small force-directed layout: repulsion between all nodes, springs on
// edges, a pull to the centre; deterministic start so pages are stable.
export function layout(nodes, edges, {width = 720, height = 480, steps = 300} = {}) {
  const pos = nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    return {id: n.id, x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle), vx: 0, vy: 0};
  });
  const index = new Map(pos.map((p, i) => [p.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.45;
  for (let step = 0; step < steps; step++) {
    const cool = 1 - step / steps;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const dx = pos[i].x - pos[j].x || 0.01, dy = pos[i].y - pos[j].y || 0.01;
        const d2 = Math.max(dx * dx + dy * dy, 1), f = (k * k) / d2;
        pos[i].vx += dx * f / 10; pos[i].vy += dy * f / 10; pos[j].vx -= dx * f / 10; pos[j].vy -= dy * f / 10;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - k) / d / 4;
      pos[a].vx += dx * f; pos[a].vy += dy * f; pos[b].vx -= dx * f; pos[b].vy -= dy * f;
    }
    for (const p of pos) {
      p.vx += (width / 2 - p.x) * 0.03; p.vy += (height / 2 - p.y) * 0.03;
      const speed = Math.sqrt(p.vx * p.vx + p.vy * p.vy) || 1, cap = 20 * cool + 0.5;
      p.x += (p.vx / speed) * Math.min(speed, cap); p.y += (p.vy / speed) * Math.min(speed, cap);
      p.x = Math.min(width - 110, Math.max(20, p.x));  // room for the label on the right
      p.y = Math.min(height - 20, Math.max(20, p.y));
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  return new Map(pos.map((p) => [p.id, p]));
}
