// Large network views (thousands of nodes): sigma.js draws a graphology graph with
// WebGL. vis-network lays out in the page's only thread and takes seconds at 2,000
// nodes; here an O(nodes + edges) placement (hubs on a spiral, the rest beside their
// best-connected neighbour) is refined by ForceAtlas2 (Barnes-Hut) for a fixed time
// budget before the first frame. Nodes then stay where they are: refining after the
// first frame would move (and rescale) the picture under the user's pointer.

import { categoryOf, categoryStyle, isDated } from "./types.js";
import { labelOf } from "./i18n.js";

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
// The layout's share of the time to interactive, and its most iterations.
const LAYOUT_BUDGET_MS = 250;
const LAYOUT_MAX_ITERATIONS = 150;
const PER_STEP = 5;
const HOVER_LIMIT = 12_000;

export class LargeView extends EventTarget {
  constructor(container) {
    super();
    this.container = container;
    this.renderer = null;
    this.graph = null;
    this.data = new Map();
    this.edgeData = new Map();
    this.filters = { categories: null, since: "", until: "", relations: new Set() };
    this.filtered = false;
    this.stable = false;
    this.settled = false;
    this.lastStabilization = null;
    this.selectedId = null;
    this.hovered = null;
  }

  /** Replace the view with {nodes, edges}; resolves once the first frame is drawn. */
  load({ nodes = [], edges = [] }) {
    const started = performance.now();
    this.clear();
    const Graph = window.graphology.MultiDirectedGraph;
    const graph = new Graph();
    for (const node of nodes) {
      this.data.set(node.id, node);
      graph.addNode(node.id, {
        label: labelOf(node),
        color: categoryStyle(node.type).color,
        size: 2,
        kind: categoryOf(node.type),
      });
    }
    for (const edge of edges) {
      if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || edge.source === edge.target)
        continue;
      const id = edge.id || `${edge.source}|${edge.relation}|${edge.target}`;
      if (graph.hasEdge(id)) continue;
      this.edgeData.set(id, edge);
      graph.addDirectedEdgeWithKey(id, edge.source, edge.target, {
        color: "#cbd5e1",
        size: 0.6,
        relation: edge.relation,
      });
    }
    place(graph);
    const built = performance.now();
    const iterations = refine(graph, LAYOUT_BUDGET_MS, LAYOUT_MAX_ITERATIONS);
    const laidOut = performance.now();
    graph.forEachNode((id) =>
      graph.setNodeAttribute(id, "size", 2 + Math.min(14, Math.sqrt(graph.degree(id)) * 1.6)),
    );
    this.graph = graph;
    this.renderer = new window.Sigma(graph, this.container, {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 9,
      labelDensity: 0.6,
      labelGridCellSize: 90,
      zIndex: true,
      hideEdgesOnMove: graph.size > 5000,
      nodeReducer: (id, attrs) => this.reduceNode(id, attrs),
      edgeReducer: (id, attrs) => this.reduceEdge(id, attrs),
    });
    // Sigma finds the node under the pointer by reading pixels back from WebGL on every
    // move, press and click: 0.1 to 0.3 s each in software WebGL (no GPU). The CPU finds
    // it in a few milliseconds from the drawn positions.
    this.renderer.getNodeAtPosition = (position) => this.nodeAt(position);
    this.renderer.on("clickNode", ({ node }) => {
      this.selectedId = node;
      // Answer first (the panel starts loading), then redraw the highlight.
      this.dispatchEvent(new CustomEvent("select", { detail: node }));
      requestAnimationFrame(() => this.renderer?.refresh({ skipIndexation: true }));
    });
    this.renderer.on("clickStage", () => {
      this.selectedId = null;
      this.renderer.refresh({ skipIndexation: true });
      this.dispatchEvent(new CustomEvent("deselect"));
    });
    // Hover highlighting redraws every node and edge: worth it on a few thousand, but
    // not where software WebGL would take a second per pointer move.
    const hover = graph.order + graph.size < HOVER_LIMIT;
    this.renderer.on("enterNode", ({ node }) => {
      if (!hover) return;
      this.hovered = node;
      this.renderer.refresh({ skipIndexation: true });
    });
    this.renderer.on("leaveNode", () => {
      if (!hover) return;
      this.hovered = null;
      this.renderer.refresh({ skipIndexation: true });
    });
    return new Promise((resolve) =>
      requestAnimationFrame(() => {
        this.stable = true;
        this.settled = true;
        this.lastStabilization = {
          ms: Math.round(performance.now() - started),
          buildMs: Math.round(built - started),
          layoutMs: Math.round(laidOut - built),
          iterations,
          nodes: graph.order,
          renderer: "sigma",
          // Since navigation start, for the benchmark's account of where the time goes.
          startedAt: Math.round(started),
          drawnAt: Math.round(performance.now()),
        };
        this.dispatchEvent(new CustomEvent("stabilized", { detail: this.lastStabilization }));
        resolve(this.lastStabilization);
      }),
    );
  }

  /** The node drawn under a point of the view (pixels from its top left), or null: the
   *  nearest centre among the shown nodes whose disc (at least 4 px wide) holds it. */
  nodeAt({ x, y }) {
    let found = null;
    let nearest = Number.POSITIVE_INFINITY;
    this.graph.forEachNode((id) => {
      const drawn = this.renderer.getNodeDisplayData(id);
      if (!drawn || drawn.hidden) return;
      const at = this.renderer.framedGraphToViewport(drawn);
      const radius = Math.max(4, this.renderer.scaleSize(drawn.size));
      const distance = (at.x - x) ** 2 + (at.y - y) ** 2;
      if (distance <= radius * radius && distance < nearest) {
        found = id;
        nearest = distance;
      }
    });
    return found;
  }

  /** Whether a filter hides anything: if not, the reducers pass attributes through. */
  filtering() {
    const { categories, since, until, relations } = this.filters;
    return Boolean((categories && categories.size < 12) || since || until || relations?.size);
  }

  reduceNode(id, attrs) {
    const focus = this.hovered || this.selectedId;
    if (!focus && !this.filtered) return attrs;
    const out = { ...attrs };
    if (this.filtered && !this.isVisible(id)) out.hidden = true;
    if (focus && this.graph.hasNode(focus)) {
      if (id === focus) {
        out.highlighted = true;
        out.forceLabel = true;
        out.zIndex = 2;
      } else if (this.graph.areNeighbors(id, focus)) {
        out.forceLabel = this.graph.degree(focus) < 40;
        out.zIndex = 1;
      } else {
        out.color = "#e2e8f0";
        out.label = "";
        out.zIndex = 0;
      }
    }
    return out;
  }

  reduceEdge(id, attrs) {
    const focus = this.hovered || this.selectedId;
    if (!focus && !this.filtered) return attrs;
    const out = { ...attrs };
    const [source, target] = this.graph.extremities(id);
    if (
      this.filtered &&
      (!this.isVisible(source) ||
        !this.isVisible(target) ||
        this.filters.relations.has(attrs.relation))
    )
      out.hidden = true;
    if (focus && (source === focus || target === focus)) {
      out.color = "#475569";
      out.size = 1.2;
    }
    return out;
  }

  isVisible(id) {
    const node = this.data.get(id);
    if (!node) return false;
    const { categories, since, until } = this.filters;
    if (categories && !categories.has(categoryOf(node.type))) return false;
    if (isDated(node.type) && (since || until)) {
      if (!node.date) return false;
      if (since && node.date < since) return false;
      if (until && node.date > until) return false;
    }
    return true;
  }

  setFilters(filters) {
    Object.assign(this.filters, filters);
    const was = this.filtered;
    this.filtered = this.filtering();
    // Nothing hidden before or after: the picture is the same, and a redraw of thousands
    // of nodes would delay the first click on a view just drawn.
    if (this.renderer && (was || this.filtered)) this.renderer.refresh({ skipIndexation: true });
    this.dispatchEvent(new CustomEvent("filtered"));
  }

  relabel() {
    if (!this.graph) return;
    this.graph.forEachNode((id) =>
      this.graph.setNodeAttribute(id, "label", labelOf(this.data.get(id))),
    );
  }

  /** relation -> number of edges, like GraphView.relationsInView. */
  relationsInView() {
    const counts = new Map();
    for (const edge of this.edgeData.values())
      counts.set(edge.relation, (counts.get(edge.relation) || 0) + 1);
    return counts;
  }

  has(id) {
    return this.data.has(id);
  }

  select(id) {
    this.selectedId = id;
    if (!this.renderer || !this.graph.hasNode(id)) return;
    const display = this.renderer.getNodeDisplayData(id);
    if (display)
      this.renderer
        .getCamera()
        .animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 300 });
    this.renderer.refresh({ skipIndexation: true });
  }

  selected() {
    return this.selectedId ? [this.selectedId] : [];
  }

  fit() {
    if (this.renderer) this.renderer.getCamera().animatedReset({ duration: 200 });
  }

  visibleNodeIds() {
    return [...this.data.keys()].filter((id) => this.isVisible(id));
  }

  /** Visible node positions in viewport (client) coordinates. */
  positions() {
    const rect = this.container.getBoundingClientRect();
    const out = {};
    if (!this.renderer) return out;
    for (const id of this.visibleNodeIds()) {
      const p = this.renderer.graphToViewport(this.graph.getNodeAttributes(id));
      out[id] = { x: rect.left + p.x, y: rect.top + p.y };
    }
    return out;
  }

  clear() {
    if (this.renderer) this.renderer.kill();
    this.renderer = null;
    this.graph = null;
    this.data.clear();
    this.edgeData.clear();
    this.stable = false;
    this.settled = false;
    this.selectedId = null;
    this.hovered = null;
  }
}

/** ForceAtlas2 (Barnes-Hut past 800 nodes) while the budget or the iterations last. */
function refine(graph, budgetMs, maxIterations) {
  const fa2 = window.graphologyLayoutForceAtlas2;
  const settings = { ...fa2.inferSettings(graph), barnesHutOptimize: graph.order > 800 };
  const started = performance.now();
  let done = 0;
  // One iteration first, to learn what one costs here; then steps that fit the budget
  // left (a step of five on a busy machine can take more than the whole budget).
  let perIteration = 0;
  while (done < maxIterations) {
    const left = budgetMs - (performance.now() - started);
    const step = done === 0 ? 1 : Math.min(PER_STEP, Math.floor(left / perIteration));
    if (step < 1) break;
    const stepStarted = performance.now();
    fa2.assign(graph, { iterations: step, settings });
    perIteration = Math.max(perIteration, (performance.now() - stepStarted) / step);
    done += step;
  }
  return done;
}

/**
 * First positions in one pass: nodes by falling degree, each hub on a golden-angle
 * spiral, each other node near its best-placed neighbour (so clusters show at once).
 */
function place(graph) {
  const order = graph.nodes().sort((a, b) => graph.degree(b) - graph.degree(a));
  const placed = new Set();
  let hub = 0;
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  for (const id of order) {
    let anchor = null;
    graph.forEachNeighbor(id, (other) => {
      if (placed.has(other) && (anchor === null || graph.degree(other) > graph.degree(anchor)))
        anchor = other;
    });
    let x;
    let y;
    if (anchor === null) {
      const r = 40 * Math.sqrt(++hub);
      x = r * Math.cos(hub * GOLDEN);
      y = r * Math.sin(hub * GOLDEN);
    } else {
      const a = graph.getNodeAttributes(anchor);
      const angle = random() * 2 * Math.PI;
      const r = 6 + random() * 10 + Math.sqrt(graph.degree(anchor));
      x = a.x + r * Math.cos(angle);
      y = a.y + r * Math.sin(angle);
    }
    graph.mergeNodeAttributes(id, { x, y });
    placed.add(id);
  }
}
