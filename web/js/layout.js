// A radial tree layout computed in linear time, as the starting point for physics.
// vis-network otherwise starts from random positions, and a 2,000-node view then needs
// hundreds of slow force iterations; from these positions a few dozen are enough.

const RING = 100; // distance between rings
const SPACING = 28; // least arc length between two nodes of one ring

/**
 * Positions {id: {x, y}} for nodes (ids) and edges ([source, target]): every connected
 * component as a radial tree around its best-connected node, components packed in rows.
 */
export function radialLayout(ids, edges) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const adjacency = ids.map(() => []);
  for (const [source, target] of edges) {
    const a = index.get(source);
    const b = index.get(target);
    if (a === undefined || b === undefined || a === b) continue;
    adjacency[a].push(b);
    adjacency[b].push(a);
  }
  const order = ids.map((_, i) => i).sort((a, b) => adjacency[b].length - adjacency[a].length);
  const seen = new Uint8Array(ids.length);
  const components = [];
  for (const root of order) {
    if (seen[root]) continue;
    components.push(tree(root, adjacency, seen));
  }
  const positions = {};
  // Pack components (biggest first) in rows of roughly square overall shape.
  const total = components.reduce((sum, c) => sum + (2 * c.radius + RING) ** 2, 0);
  const rowWidth = Math.max(Math.sqrt(total), 1);
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const component of components) {
    const size = 2 * component.radius + RING / 2;
    if (x > 0 && x + size > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + size / 2;
    const cy = y + size / 2;
    for (const [node, p] of component.positions)
      positions[ids[node]] = { x: cx + p.x, y: cy + p.y };
    x += size;
    rowHeight = Math.max(rowHeight, size);
  }
  // Centre the whole drawing on the origin.
  const shiftX = rowWidth / 2;
  const shiftY = (y + rowHeight) / 2;
  for (const p of Object.values(positions)) {
    p.x -= shiftX;
    p.y -= shiftY;
  }
  return positions;
}

function tree(root, adjacency, seen) {
  // Breadth-first spanning tree: parent links and nodes by depth.
  const children = new Map([[root, []]]);
  const depth = new Map([[root, 0]]);
  const byDepth = [[root]];
  seen[root] = 1;
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    // Best-connected neighbours first, so hubs end up next to each other.
    const next = adjacency[node]
      .filter((n) => !seen[n])
      .sort((a, b) => adjacency[b].length - adjacency[a].length);
    for (const child of next) {
      if (seen[child]) continue;
      seen[child] = 1;
      children.get(node).push(child);
      children.set(child, []);
      const d = depth.get(node) + 1;
      depth.set(child, d);
      if (!byDepth[d]) byDepth[d] = [];
      byDepth[d].push(child);
      queue.push(child);
    }
  }
  // Leaves below each node decide the width of its wedge.
  const weight = new Map();
  for (let i = queue.length - 1; i >= 0; i--) {
    const node = queue[i];
    const kids = children.get(node);
    weight.set(node, kids.length ? kids.reduce((sum, k) => sum + weight.get(k), 0) : 1);
  }
  // Ring radii grow with depth and with the number of nodes on the ring.
  const radius = [0];
  for (let d = 1; d < byDepth.length; d++) {
    radius[d] = Math.max(radius[d - 1] + RING, (byDepth[d].length * SPACING) / (2 * Math.PI));
  }
  const positions = new Map([[root, { x: 0, y: 0 }]]);
  const wedges = new Map([[root, [0, 2 * Math.PI]]]);
  for (const node of queue) {
    const [start, end] = wedges.get(node);
    const kids = children.get(node);
    const sum = weight.get(node);
    let angle = start;
    for (const child of kids) {
      const share = ((end - start) * weight.get(child)) / sum;
      wedges.set(child, [angle, angle + share]);
      const mid = angle + share / 2;
      const r = radius[depth.get(child)];
      positions.set(child, { x: r * Math.cos(mid), y: r * Math.sin(mid) });
      angle += share;
    }
  }
  return { positions, radius: radius[radius.length - 1] || SPACING };
}
