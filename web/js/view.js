// The network view: vis-network over two DataSets, with filters, hide/pin/undo,
// layouts, bounded stabilisation and path highlighting.

import { categoryOf, categoryStyle, fontSizeOf, isDated, sizeOf } from "./types.js";
import { labelOf, relationLabel, t, typeLabel } from "./i18n.js";
import { radialLayout } from "./layout.js";

const vis = window.vis;

const MORE_PREFIX = "more:";
const HIGHLIGHT = "#f59e0b";

/** Stabilisation budget: fewer iterations for bigger views so they become interactive fast. */
export function stabilizationIterations(count) {
  if (count <= 150) return 250;
  if (count <= 600) return 120;
  if (count <= 1200) return 50;
  return 12;
}

const truncate = (text, n = 42) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export class GraphView extends EventTarget {
  constructor(container) {
    super();
    this.container = container;
    this.nodes = new vis.DataSet();
    this.edges = new vis.DataSet();
    this.data = new Map(); // id -> node summary from the API
    this.edgeData = new Map(); // id -> {source, target, relation, weight}
    this.hidden = new Set(); // hidden by the user
    this.pinned = new Set();
    this.expanded = new Map(); // id -> limit asked for so far
    this.undoStack = [];
    this.filters = { categories: null, relations: new Set(), since: "", until: "" };
    this.highlight = { nodes: new Set(), edges: new Set() };
    this.layout = "force";
    this.stable = false;
    this.lastStabilization = null;
    this.network = new vis.Network(
      container,
      { nodes: this.nodes, edges: this.edges },
      this.options(),
    );
    this.network.on("click", (params) => this.onClick(params));
    this.network.on("doubleClick", (params) => this.onDoubleClick(params));
    this.network.on("dragEnd", (params) => this.onDragEnd(params));
    this.network.on("stabilizationIterationsDone", () => this.onStabilized());
  }

  // -- options and layout ------------------------------------------------------------

  options() {
    const big = this.nodes.length > 400;
    const hierarchical = this.layout === "hierarchical";
    return {
      autoResize: true,
      nodes: {
        font: {
          size: 12,
          face: "system-ui, sans-serif",
          color: "#1e293b",
          strokeWidth: 3,
          strokeColor: "#ffffff",
        },
        borderWidth: 1,
        // Labels vanish when zoomed out far enough to be unreadable anyway.
        scaling: { label: { enabled: true, drawThreshold: 4 } },
      },
      edges: {
        arrows: { to: { enabled: true, scaleFactor: 0.45 } },
        color: { color: "#94a3b8", highlight: "#0f172a", hover: "#334155", inherit: false },
        font: {
          size: 10,
          color: "#334155",
          strokeWidth: 3,
          strokeColor: "#ffffff",
          align: "middle",
        },
        smooth: big || hierarchical ? false : { type: "continuous", roundness: 0.3 },
        selectionWidth: 1.5,
      },
      interaction: {
        hover: !big,
        tooltipDelay: 200,
        hideEdgesOnDrag: big,
        hideEdgesOnZoom: big,
        multiselect: true,
        navigationButtons: false,
        keyboard: false,
      },
      layout: hierarchical
        ? {
            improvedLayout: false,
            hierarchical: {
              enabled: true,
              direction: "UD",
              sortMethod: "directed",
              shakeTowards: "roots",
              levelSeparation: 130,
              nodeSpacing: 120,
            },
          }
        : { improvedLayout: this.nodes.length <= 150, hierarchical: { enabled: false } },
      physics: hierarchical
        ? {
            enabled: true,
            solver: "hierarchicalRepulsion",
            hierarchicalRepulsion: { nodeDistance: 140, avoidOverlap: 0.5 },
            stabilization: {
              enabled: true,
              iterations: stabilizationIterations(this.nodes.length),
              updateInterval: 50,
              fit: true,
            },
          }
        : {
            enabled: true,
            solver: "barnesHut",
            barnesHut: {
              gravitationalConstant: big ? -3000 : -3500,
              centralGravity: 0.3,
              springLength: big ? 60 : 85,
              springConstant: 0.04,
              damping: 0.3,
              avoidOverlap: big ? 0 : 0.2,
            },
            minVelocity: 1.5,
            stabilization: {
              enabled: true,
              iterations: stabilizationIterations(this.nodes.length),
              updateInterval: 50,
              fit: true,
            },
          },
    };
  }

  setLayout(layout) {
    this.layout = layout === "hierarchical" ? "hierarchical" : "force";
    this.restabilize({ fit: true });
  }

  /** Run physics for a bounded number of iterations, then switch it off. */
  restabilize({ fit = false } = {}) {
    this.stable = false;
    this.fitAfter = fit;
    this.stabilizeStarted = performance.now();
    // Re-applying node and edge options touches every node: only do it when they change.
    const options = this.options();
    const key = JSON.stringify(options);
    this.network.setOptions(key === this.optionsKey ? { physics: options.physics } : options);
    this.optionsKey = key;
    if (!this.nodes.length) {
      // vis-network has nothing to stabilise and would never say it is done.
      setTimeout(() => this.onStabilized(), 0);
      return;
    }
    this.network.stabilize(stabilizationIterations(this.nodes.length));
  }

  onStabilized() {
    this.network.setOptions({ physics: { enabled: false } });
    this.lastStabilization = {
      nodes: this.nodes.length,
      ms: Math.round(performance.now() - (this.stabilizeStarted || performance.now())),
    };
    if (this.fitAfter) this.network.fit({ animation: false });
    this.fitAfter = false;
    this.stable = true;
    this.dispatchEvent(new CustomEvent("stabilized", { detail: this.lastStabilization }));
  }

  // -- data --------------------------------------------------------------------------

  visNode(node) {
    if (node.id.startsWith(MORE_PREFIX)) {
      return {
        id: node.id,
        label: t("view.more"),
        title: t("view.moreTitle"),
        shape: "box",
        color: { background: "#f1f5f9", border: "#94a3b8" },
        font: { size: 11, color: "#334155" },
        margin: 6,
      };
    }
    const style = categoryStyle(node.type);
    const label = labelOf(node);
    const tooltip = [label, typeLabel(node.type), node.date].filter(Boolean).join("\n");
    return {
      id: node.id,
      label: truncate(label),
      title: tooltip, // a string: vis-network shows it with innerText
      shape: style.shape,
      size: sizeOf(node.type),
      font: { size: fontSizeOf(node.type) },
      color: {
        background: style.color,
        border: style.color,
        highlight: { background: style.color, border: "#0f172a" },
        hover: { background: style.color, border: "#0f172a" },
      },
      borderWidth: this.pinned.has(node.id) ? 3 : 1,
      shapeProperties: { borderDashes: this.pinned.has(node.id) ? [4, 2] : false },
    };
  }

  visEdge(edge) {
    const width = Math.min(1 + Math.log2(edge.weight || 1), 5);
    const evidence = edge.weight ? ` · ${t("view.evidenceCount", { n: edge.weight })}` : "";
    return {
      id: edge.id,
      from: edge.source,
      to: edge.target,
      title: `${relationLabel(edge.relation)} (${edge.relation})${evidence}`,
      width,
      dashes: edge.relation === "prov:wasDerivedFrom",
    };
  }

  has(id) {
    return this.data.has(id);
  }

  /**
   * Add nodes and edges (API shapes); returns the ids actually added and records an
   * undo entry unless {record: false}. New nodes start near `near` when given.
   */
  add({ nodes = [], edges = [] }, { near = null, record = true, label = "add" } = {}) {
    const addedNodes = [];
    const addedEdges = [];
    const origin = near && this.network.getPositions([near])[near];
    for (const node of nodes) {
      if (this.data.has(node.id)) {
        // Keep the richer record (labels by language may arrive later).
        this.data.set(node.id, { ...this.data.get(node.id), ...node });
        continue;
      }
      this.data.set(node.id, node);
      addedNodes.push(node.id);
    }
    // A big batch starts from a radial layout; a few nodes start next to their parent.
    const start =
      !origin && addedNodes.length >= 30
        ? radialLayout(
            addedNodes,
            edges.map((e) => [e.source, e.target]),
          )
        : null;
    const visNodes = addedNodes.map((id) => {
      const item = this.visNode(this.data.get(id));
      if (start?.[id]) {
        item.x = start[id].x;
        item.y = start[id].y;
      } else if (origin) {
        item.x = origin.x + (Math.random() - 0.5) * 160;
        item.y = origin.y + (Math.random() - 0.5) * 160;
      }
      return item;
    });
    this.nodes.add(visNodes);
    const visEdges = [];
    for (const edge of edges) {
      const id = edge.id || `${edge.source}|${edge.relation}|${edge.target}`;
      if (this.edgeData.has(id) || !this.data.has(edge.source) || !this.data.has(edge.target))
        continue;
      const item = { ...edge, id };
      this.edgeData.set(id, item);
      addedEdges.push(id);
      visEdges.push(this.visEdge(item));
    }
    this.edges.add(visEdges);
    if (record && (addedNodes.length || addedEdges.length)) {
      this.pushUndo(label, () => this.remove(addedNodes, addedEdges));
    }
    this.applyFilters();
    this.dispatchEvent(new CustomEvent("changed"));
    return { nodes: addedNodes, edges: addedEdges };
  }

  remove(nodeIds, edgeIds = []) {
    const nodeSet = new Set(nodeIds);
    const edges = [...edgeIds];
    for (const [id, edge] of this.edgeData) {
      if (nodeSet.has(edge.source) || nodeSet.has(edge.target)) edges.push(id);
    }
    for (const id of edges) this.edgeData.delete(id);
    this.edges.remove([...new Set(edges)]);
    for (const id of nodeIds) {
      this.data.delete(id);
      this.hidden.delete(id);
      this.pinned.delete(id);
      this.expanded.delete(id);
    }
    this.nodes.remove(nodeIds);
    this.dispatchEvent(new CustomEvent("changed"));
  }

  clear() {
    this.nodes.clear();
    this.edges.clear();
    this.data.clear();
    this.edgeData.clear();
    this.hidden.clear();
    this.pinned.clear();
    this.expanded.clear();
    this.undoStack = [];
    this.highlight = { nodes: new Set(), edges: new Set() };
    this.dispatchEvent(new CustomEvent("changed"));
  }

  /** Redraw every node (after a language change). */
  relabel() {
    this.nodes.update([...this.data.values()].map((node) => this.visNode(node)));
    this.edges.update([...this.edgeData.values()].map((edge) => this.visEdge(edge)));
    this.applyHighlight();
  }

  // -- "more..." nodes ---------------------------------------------------------------

  /** Show (or drop) the "more…" node that loads further neighbours of centerId. */
  setMore(centerId, more) {
    const id = `${MORE_PREFIX}${centerId}`;
    this.remove(this.data.has(id) ? [id] : []);
    if (!more) return;
    this.data.set(id, { id, type: "more", center: centerId });
    const origin = this.network.getPositions([centerId])[centerId];
    this.nodes.add({
      ...this.visNode(this.data.get(id)),
      ...(origin ? { x: origin.x + 60, y: origin.y + 60 } : {}),
    });
    const edgeId = `${centerId}|more|${id}`;
    this.edgeData.set(edgeId, { id: edgeId, source: centerId, target: id, relation: "more" });
    this.edges.add({
      id: edgeId,
      from: centerId,
      to: id,
      dashes: true,
      arrows: { to: { enabled: false } },
      color: { color: "#cbd5e1" },
    });
  }

  static isMore(id) {
    return typeof id === "string" && id.startsWith(MORE_PREFIX);
  }

  // -- filters -----------------------------------------------------------------------

  setFilters(filters) {
    Object.assign(this.filters, filters);
    this.applyFilters();
  }

  isVisible(id) {
    const node = this.data.get(id);
    if (!node) return false;
    if (node.type === "more") return this.isVisible(node.center);
    if (this.hidden.has(id)) return false;
    const { categories, since, until } = this.filters;
    if (categories && !categories.has(categoryOf(node.type))) return false;
    if (isDated(node.type) && (since || until)) {
      if (!node.date) return false;
      if (since && node.date < since) return false;
      if (until && node.date > until) return false;
    }
    return true;
  }

  applyFilters() {
    const nodeUpdates = [];
    for (const id of this.data.keys()) {
      const hidden = !this.isVisible(id);
      const current = this.nodes.get(id, { fields: ["hidden"] });
      if (current && Boolean(current.hidden) !== hidden) nodeUpdates.push({ id, hidden });
    }
    if (nodeUpdates.length) this.nodes.update(nodeUpdates);
    const edgeUpdates = [];
    for (const [id, edge] of this.edgeData) {
      const hidden = this.filters.relations.has(edge.relation);
      const current = this.edges.get(id, { fields: ["hidden"] });
      if (current && Boolean(current.hidden) !== hidden) edgeUpdates.push({ id, hidden });
    }
    if (edgeUpdates.length) this.edges.update(edgeUpdates);
    this.dispatchEvent(new CustomEvent("filtered"));
  }

  visibleNodeIds() {
    return [...this.data.keys()].filter((id) => !GraphView.isMore(id) && this.isVisible(id));
  }

  /** Node ids and edges of the current view (visible ones), for exports and snapshots. */
  currentView() {
    const ids = new Set(this.visibleNodeIds());
    const edges = [...this.edgeData.values()].filter(
      (e) => ids.has(e.source) && ids.has(e.target) && !this.filters.relations.has(e.relation),
    );
    return { nodes: [...ids].map((id) => this.data.get(id)), edges };
  }

  relationsInView() {
    const counts = new Map();
    for (const edge of this.edgeData.values()) {
      if (edge.relation === "more") continue;
      counts.set(edge.relation, (counts.get(edge.relation) || 0) + 1);
    }
    return counts;
  }

  // -- hide, pin, undo ---------------------------------------------------------------

  pushUndo(label, fn) {
    this.undoStack.push({ label, fn });
    if (this.undoStack.length > 100) this.undoStack.shift();
    this.dispatchEvent(new CustomEvent("undo-changed"));
  }

  undo() {
    const entry = this.undoStack.pop();
    if (entry) entry.fn();
    this.applyFilters();
    this.dispatchEvent(new CustomEvent("undo-changed"));
    return entry;
  }

  hide(ids) {
    const fresh = ids.filter((id) => this.data.has(id) && !this.hidden.has(id));
    if (!fresh.length) return;
    for (const id of fresh) this.hidden.add(id);
    this.pushUndo("hide", () => {
      for (const id of fresh) this.hidden.delete(id);
    });
    this.network.unselectAll();
    this.applyFilters();
  }

  showAllHidden() {
    const was = [...this.hidden];
    if (!was.length) return;
    this.hidden.clear();
    this.pushUndo("show", () => {
      for (const id of was) this.hidden.add(id);
    });
    this.applyFilters();
  }

  togglePin(ids) {
    const targets = ids.filter((id) => this.data.has(id));
    if (!targets.length) return;
    const pin = targets.some((id) => !this.pinned.has(id));
    const apply = (on) => {
      const updates = [];
      for (const id of targets) {
        if (on) this.pinned.add(id);
        else this.pinned.delete(id);
        updates.push({ ...this.visNode(this.data.get(id)), fixed: { x: on, y: on } });
      }
      this.nodes.update(updates);
    };
    apply(pin);
    this.pushUndo(pin ? "pin" : "unpin", () => apply(!pin));
  }

  onDragEnd(params) {
    // A node dragged by hand stays where it was put: pin it.
    for (const id of params.nodes || []) {
      if (!this.pinned.has(id) && this.data.has(id) && !GraphView.isMore(id)) this.togglePin([id]);
    }
  }

  // -- selection and focus -----------------------------------------------------------

  onClick(params) {
    const id = params.nodes?.[0];
    if (id && GraphView.isMore(id)) {
      this.dispatchEvent(new CustomEvent("more", { detail: this.data.get(id).center }));
      return;
    }
    if (id) this.dispatchEvent(new CustomEvent("select", { detail: id }));
    else if (params.edges?.[0])
      this.dispatchEvent(new CustomEvent("select-edge", { detail: params.edges[0] }));
    else this.dispatchEvent(new CustomEvent("deselect"));
  }

  onDoubleClick(params) {
    const id = params.nodes?.[0];
    if (!id) return;
    const center = GraphView.isMore(id) ? this.data.get(id).center : id;
    this.dispatchEvent(
      new CustomEvent(GraphView.isMore(id) ? "more" : "expand", { detail: center }),
    );
  }

  /** Select and centre a node; offsetX shifts it left of centre (for an open panel). */
  select(id, { focus = true, offsetX = 0 } = {}) {
    if (!this.data.has(id)) return;
    if (!this.isVisible(id)) {
      this.hidden.delete(id);
      this.applyFilters();
    }
    this.network.selectNodes([id]);
    if (focus) {
      this.network.focus(id, {
        scale: Math.max(this.network.getScale(), 1.1),
        offset: { x: offsetX, y: 0 },
        animation: false,
      });
    }
  }

  selected() {
    return this.network.getSelectedNodes().filter((id) => !GraphView.isMore(id));
  }

  // -- highlighting paths ------------------------------------------------------------

  setHighlight(nodeIds, edgeIds) {
    this.highlight = { nodes: new Set(nodeIds), edges: new Set(edgeIds) };
    this.applyHighlight();
  }

  clearHighlight() {
    this.setHighlight([], []);
  }

  applyHighlight() {
    const on = this.highlight.nodes.size > 0;
    const nodeUpdates = [];
    for (const [id, node] of this.data) {
      const base = this.visNode(node);
      const lit = this.highlight.nodes.has(id);
      nodeUpdates.push({
        id,
        opacity: on && !lit ? 0.25 : 1,
        borderWidth: lit ? 4 : base.borderWidth,
        color: lit ? { ...base.color, border: HIGHLIGHT } : base.color,
      });
    }
    this.nodes.update(nodeUpdates);
    const edgeUpdates = [];
    for (const [id, edge] of this.edgeData) {
      const lit = this.highlight.edges.has(id);
      edgeUpdates.push({
        id,
        color: lit
          ? { color: HIGHLIGHT, highlight: HIGHLIGHT }
          : { color: on ? "rgba(148,163,184,0.25)" : "#94a3b8" },
        width: lit ? 4 : this.visEdge(edge).width,
        label: lit ? relationLabel(edge.relation) : undefined,
      });
    }
    this.edges.update(edgeUpdates);
  }

  /** Find the view's edge between a and b with that relation, in either direction. */
  edgeBetween(a, b, relation) {
    for (const id of [`${a}|${relation}|${b}`, `${b}|${relation}|${a}`])
      if (this.edgeData.has(id)) return id;
    for (const [id, e] of this.edgeData) {
      if (
        e.relation === relation &&
        ((e.source === a && e.target === b) || (e.source === b && e.target === a))
      )
        return id;
    }
    return null;
  }

  // -- geometry for tests and exports ------------------------------------------------

  /** Visible node positions in viewport (client) coordinates. */
  positions() {
    const rect = this.container.getBoundingClientRect();
    const out = {};
    const ids = [...this.data.keys()].filter((id) => this.isVisible(id));
    const positions = this.network.getPositions(ids);
    for (const id of ids) {
      const p = positions[id];
      if (!p) continue;
      const dom = this.network.canvasToDOM(p);
      out[id] = { x: rect.left + dom.x, y: rect.top + dom.y };
    }
    return out;
  }

  canvas() {
    return this.container.querySelector("canvas");
  }
}
