// The explorer: wires the view, the filters, search, the details panel, the path
// finder, the bilateral view and the exports together. Exposes window.__bikg for tests.

import { api } from "./api.js";
import { $, $$, clear, h, toast } from "./dom.js";
import { applyI18n, getLang, initI18n, onLangChange, relationLabel, setLang, t } from "./i18n.js";
import { CATEGORIES, RELATIONS, categoryOf, shapeIcon } from "./types.js";
import { GraphView } from "./view.js";
import { DetailsPanel } from "./panel.js";
import { Autocomplete, relabelPicked } from "./search.js";
import { PathFinder } from "./pathfinder.js";
import { BilateralView } from "./bilateral.js";
import { exportGexf, exportGraphml, exportPng, exportSnapshot } from "./exports.js";
import { LARGE_THRESHOLD, requestedSize } from "./early.js";
import { LargeView } from "./largeview.js";
import { linkViews, readState, writeState } from "./state.js";

const EXPAND_STEP = 25;
const OVERVIEW_LIMIT = 300;
const MAX_LIMIT = 200; // the API's cap on one neighbourhood

const hook = {
  ready: false,
  highlighted: { nodes: [], edges: [] },
  errors: [],
};
window.__bikg = hook;

window.addEventListener("error", (event) => hook.errors.push(String(event.message)));
window.addEventListener("unhandledrejection", (event) => hook.errors.push(String(event.reason)));

class App {
  constructor() {
    this.view = new GraphView($("#network"));
    this.large = new LargeView($("#large"));
    this.largeMode = false;
    this.panel = new DetailsPanel($("#details"));
    this.paths = new PathFinder($("#tab-path"), this.view);
    this.bilateral = new BilateralView($("#tab-bilateral"), this.view);
    new Autocomplete($("#search"), { onPick: (result) => this.openNeighbourhood(result.id) });
    this.buildTypeFilters();
    this.bindView();
    this.bindControls();
    onLangChange(() => this.onLang());
  }

  // -- filters -----------------------------------------------------------------------

  buildTypeFilters() {
    const list = clear($("#type-filters"));
    for (const category of CATEGORIES) {
      const input = h("input", {
        type: "checkbox",
        name: "type",
        value: category.key,
        checked: true,
      });
      input.addEventListener("change", () => this.updateFilters());
      list.append(
        h(
          "li",
          {},
          h(
            "label",
            { class: "check" },
            input,
            shapeIcon(category.key),
            h("span", { "data-i18n": `type.${category.key}` }, t(`type.${category.key}`)),
            h("span", { class: "count", dataset: { count: category.key } }, ""),
          ),
        ),
      );
    }
  }

  buildRelationFilters() {
    const counts = this.activeView().relationsInView();
    const list = clear($("#relation-filters"));
    const known = [
      ...RELATIONS.filter((r) => counts.has(r)),
      ...[...counts.keys()].filter((r) => !RELATIONS.includes(r)).sort(),
    ];
    for (const relation of known) {
      const input = h("input", {
        type: "checkbox",
        name: "relation",
        value: relation,
        checked: !this.view.filters.relations.has(relation),
      });
      input.addEventListener("change", () => this.updateFilters());
      list.append(
        h(
          "li",
          {},
          h(
            "label",
            { class: "check", title: relation },
            input,
            h("span", {}, relationLabel(relation)),
            h("span", { class: "count" }, String(counts.get(relation))),
          ),
        ),
      );
    }
    if (!known.length) list.append(h("li", { class: "muted" }, t("filters.noRelations")));
  }

  updateFilters() {
    const categories = new Set($$("#type-filters input:checked").map((i) => i.value));
    categories.add("other");
    const relations = new Set($$("#relation-filters input:not(:checked)").map((i) => i.value));
    const filters = {
      categories,
      relations,
      since: $("#date-since").value,
      until: $("#date-until").value,
    };
    this.view.setFilters(filters);
    this.large.setFilters(filters);
    writeState({ since: filters.since, until: filters.until });
  }

  /** The view on screen: sigma.js for large views, vis-network otherwise. */
  activeView() {
    return this.largeMode ? this.large : this.view;
  }

  setLargeMode(on) {
    this.largeMode = on;
    $("#large").hidden = !on;
    $("#network").hidden = on;
    for (const id of ["#relayout", "#hide-selected", "#pin-selected", "#layout"])
      $(id).disabled = on;
    if (!on) this.large.clear();
  }

  updateCounts() {
    const counts = {};
    for (const node of this.view.data.values()) {
      const key = categoryOf(node.type);
      counts[key] = (counts[key] || 0) + 1;
    }
    for (const el of $$("[data-count]"))
      el.textContent = counts[el.dataset.count] ? String(counts[el.dataset.count]) : "";
    if (this.largeMode) {
      $("#view-status").textContent = t("network.large", {
        nodes: this.large.visibleNodeIds().length,
        edges: this.large.edgeData.size,
      });
      return;
    }
    const visible = this.view.visibleNodeIds().length;
    $("#view-status").textContent = t("view.status", {
      nodes: visible,
      total: this.view.data.size,
      edges: this.view.edgeData.size,
    });
    $("#undo").disabled = !this.view.undoStack.length;
    $("#show-hidden").disabled = !this.view.hidden.size;
  }

  // -- view events -------------------------------------------------------------------

  bindView() {
    const v = this.view;
    v.addEventListener("select", (e) => this.selectNode(e.detail));
    v.addEventListener("select-edge", (e) => this.showEdge(e.detail));
    v.addEventListener("deselect", () => {
      hook.selected = null;
    });
    v.addEventListener("expand", (e) => this.expand(e.detail));
    v.addEventListener("more", (e) => this.expand(e.detail));
    v.addEventListener("focus-entity", (e) => this.focusEntity(e.detail));
    v.addEventListener("changed", () => {
      this.buildRelationFilters();
      this.updateCounts();
    });
    v.addEventListener("filtered", () => this.updateCounts());
    v.addEventListener("undo-changed", () => this.updateCounts());
    v.addEventListener("stabilized", () => $("#busy").setAttribute("hidden", ""));
    this.large.addEventListener("select", (e) => this.selectNode(e.detail));
    this.large.addEventListener("deselect", () => {
      hook.selected = null;
    });
    this.large.addEventListener("filtered", () => this.updateCounts());
    this.panel.addEventListener("expand", (e) =>
      this.largeMode ? this.openNeighbourhood(e.detail) : this.expand(e.detail),
    );
    this.panel.addEventListener("hide", (e) => {
      v.hide([e.detail]);
      this.panel.close();
    });
    this.panel.addEventListener("pin", (e) => v.togglePin([e.detail]));
    this.panel.addEventListener("path-from", (e) => {
      this.showTab("path");
      this.paths.setFrom(e.detail);
    });
    this.panel.addEventListener("navigate", (e) => this.navigate(e.detail));
  }

  bindControls() {
    $("#layout").addEventListener("change", (e) => this.view.setLayout(e.target.value));
    for (const button of $$(".lang-toggle button")) {
      button.addEventListener("click", () => setLang(button.dataset.lang));
    }
    for (const tab of $$("[role=tab]"))
      tab.addEventListener("click", () => this.showTab(tab.dataset.tab));
    $("#date-since").addEventListener("change", () => this.updateFilters());
    $("#date-until").addEventListener("change", () => this.updateFilters());
    $("#date-clear").addEventListener("click", () => {
      $("#date-since").value = "";
      $("#date-until").value = "";
      this.updateFilters();
    });
    $("#types-all").addEventListener("click", () => this.setAllTypes(true));
    $("#types-none").addEventListener("click", () => this.setAllTypes(false));
    $("#fit").addEventListener("click", () =>
      this.largeMode ? this.large.fit() : this.view.network.fit({ animation: false }),
    );
    $("#size").addEventListener("change", () => {
      const params = new URLSearchParams(location.search);
      params.set("size", $("#size").value);
      history.replaceState(null, "", `${location.pathname}?${params}`);
      this.loadOverview().catch((error) =>
        toast(t("view.loadError", { error: error.message }), "error"),
      );
    });
    $("#hide-selected").addEventListener("click", () => this.hideSelected());
    $("#pin-selected").addEventListener("click", () => this.view.togglePin(this.view.selected()));
    $("#undo").addEventListener("click", () => this.view.undo());
    $("#show-hidden").addEventListener("click", () => this.view.showAllHidden());
    $("#relayout").addEventListener("click", () => this.view.restabilize({ fit: true }));
    $("#reset-view").addEventListener("click", () => this.loadOverview());
    $("#details .close").addEventListener("click", () => this.panel.close());
    // The export menu closes once a choice is made or the user clicks elsewhere.
    const menu = $(".menu");
    menu.addEventListener(
      "click",
      (event) => event.target.closest(".menu-items button") && menu.removeAttribute("open"),
    );
    document.addEventListener(
      "click",
      (event) => !menu.contains(event.target) && menu.removeAttribute("open"),
    );
    $("#export-png").addEventListener("click", () => exportPng(this.view));
    $("#export-gexf").addEventListener("click", () => exportGexf(this.view));
    $("#export-graphml").addEventListener("click", () => exportGraphml(this.view));
    $("#export-snapshot").addEventListener("click", () => exportSnapshot(this.view));
    document.addEventListener("keydown", (event) => {
      if (event.target.closest("input, textarea, select")) return;
      if ((event.ctrlKey || event.metaKey) && event.key === "z") {
        event.preventDefault();
        this.view.undo();
      } else if (event.key === "Delete" || event.key === "Backspace") {
        this.hideSelected();
      } else if (event.key === "p") {
        this.view.togglePin(this.view.selected());
      } else if (event.key === "Escape") {
        this.panel.close();
      }
    });
    window.addEventListener("hashchange", () => this.fromHash());
  }

  setAllTypes(on) {
    for (const input of $$("#type-filters input")) input.checked = on;
    this.updateFilters();
  }

  hideSelected() {
    const ids = this.view.selected();
    if (!ids.length) return;
    this.view.hide(ids);
    if (ids.includes(this.panel.current)) this.panel.close();
  }

  showTab(name) {
    for (const tab of $$("[role=tab]")) {
      const on = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      $(`#tab-${tab.dataset.tab}`).hidden = !on;
    }
  }

  onLang() {
    for (const button of $$(".lang-toggle button"))
      button.setAttribute("aria-pressed", button.dataset.lang === getLang() ? "true" : "false");
    this.view.relabel();
    this.large.relabel();
    this.buildRelationFilters();
    this.updateCounts();
    this.panel.rerender();
    this.bilateral.rerender();
    relabelPicked();
    if (this.paths.result) this.paths.show();
  }

  // -- loading -----------------------------------------------------------------------

  busy(on) {
    $("#busy").toggleAttribute("hidden", !on);
  }

  /** A first view of the chosen size: the API's overview (sigma.js past LARGE_THRESHOLD
   *  nodes), else the neighbourhoods of the most central nodes. */
  async loadOverview() {
    const limit = Number($("#size").value) || OVERVIEW_LIMIT;
    this.busy(true);
    this.view.clear();
    this.panel.close();
    if (limit > LARGE_THRESHOLD) {
      const data = await api.firstView(limit);
      this.setLargeMode(true);
      await this.large.load(data);
      this.buildRelationFilters();
      this.updateFilters();
      this.updateCounts();
      this.busy(false);
      return;
    }
    this.setLargeMode(false);
    let data;
    try {
      data = await api.overview(limit);
    } catch (error) {
      if (error.status !== 404) throw error;
      data = await this.composeOverview();
    }
    this.view.add(data, { record: false });
    await this.stabilize(true);
  }

  /** Search and links open an entity's own neighbourhood, not a highlight in a hairball. */
  async openNeighbourhood(id) {
    this.setLargeMode(false);
    this.busy(true);
    this.view.clear();
    this.panel.close();
    try {
      const data = await api.neighbors(id, { limit: EXPAND_STEP });
      this.view.expanded.set(id, EXPAND_STEP);
      this.view.add(data, { record: false, label: "focus" });
      this.view.setMore(id, data.truncated);
      await this.stabilize(true);
      this.view.select(id, { offsetX: -$("#details").offsetWidth / 2 || -200 });
      this.selectNode(id);
      hook.focused = id;
    } catch (error) {
      this.busy(false);
      toast(t("view.expandError", { error: error.message }), "error");
    }
  }

  /** Hubs of each kind and their neighbourhoods, when the API has no /api/overview. */
  async composeOverview() {
    const kinds = [
      { top: 14 },
      { type: "Person", top: 10 },
      { type: "SisterCityAgreement", top: 6 },
      { type: "Meeting", top: 4 },
    ];
    const tops = await Promise.all(
      kinds.map((k) => api.centrality({ measure: "degree", ...k }).catch(() => ({ results: [] }))),
    );
    const centers = [...new Set(tops.flatMap((r) => (r.results || []).map((x) => x.id)))];
    const per = Math.max(8, Math.floor(OVERVIEW_LIMIT / Math.max(centers.length, 1)));
    const parts = await Promise.all(
      centers.map((id) => api.neighbors(id, { limit: per }).catch(() => null)),
    );
    const nodes = new Map();
    const edges = [];
    for (const part of parts) {
      if (!part) continue;
      for (const node of part.nodes) {
        if (nodes.size >= OVERVIEW_LIMIT && !nodes.has(node.id)) continue;
        nodes.set(node.id, node);
      }
      edges.push(...part.edges);
    }
    return { nodes: [...nodes.values()], edges };
  }

  stabilize(fit) {
    return new Promise((resolve) => {
      this.view.addEventListener("stabilized", resolve, { once: true });
      this.view.restabilize({ fit });
    });
  }

  /** Add up to EXPAND_STEP new neighbours of a node; "more…" stays while there are others. */
  async expand(id) {
    try {
      let limit = this.view.expanded.get(id) || 0;
      let data;
      let added = { nodes: [] };
      // Neighbours already in the view do not count: ask further until something is new.
      for (let round = 0; round < 8 && limit < MAX_LIMIT; round++) {
        limit = Math.min(limit + EXPAND_STEP, MAX_LIMIT);
        data = await api.neighbors(id, { limit });
        added = this.view.add(data, { near: id, label: "expand" });
        if (added.nodes.length || !data.truncated) break;
      }
      this.view.expanded.set(id, limit);
      if (!data) return;
      this.view.setMore(id, data.truncated && limit < MAX_LIMIT);
      if (added.nodes.length) this.view.restabilize();
      hook.lastExpanded = { id, added: added.nodes.length, truncated: data.truncated };
      if (!added.nodes.length && !data.truncated) toast(t("view.nothingNew"));
    } catch (error) {
      toast(t("view.expandError", { error: error.message }), "error");
    }
  }

  /** Show an entity: add it (with its neighbours) if it is not in the view, select it. */
  async focusEntity(node) {
    const id = typeof node === "string" ? node : node.id;
    if (!this.view.has(id)) {
      try {
        const data = await api.neighbors(id, { limit: EXPAND_STEP });
        this.view.expanded.set(id, EXPAND_STEP);
        const added = this.view.add(data, { label: "focus" });
        this.view.setMore(id, data.truncated);
        if (added.nodes.length) await this.stabilize(false);
      } catch (error) {
        if (typeof node === "string")
          return toast(t("view.expandError", { error: error.message }), "error");
        this.view.add({ nodes: [node] }, { label: "focus" });
      }
    }
    // Centre it in the part of the canvas the details panel leaves free.
    this.view.select(id, { offsetX: -$("#details").offsetWidth / 2 || -200 });
    this.selectNode(id);
  }

  navigate({ node, edge }) {
    if (!node?.id) return;
    if (!this.view.has(node.id)) {
      this.view.add(
        { nodes: [node], edges: [edge] },
        { near: edge.source === node.id ? edge.target : edge.source, label: "add" },
      );
      this.view.restabilize();
    }
    this.view.select(node.id);
    this.selectNode(node.id);
  }

  /** An edge's evidence: its source's panel, opened at that relation. */
  async showEdge(edgeId) {
    const edge = this.view.edgeData.get(edgeId);
    if (!edge || edge.relation === "more") return;
    hook.selectedEdge = edgeId;
    this.selectNode(edge.source, { relation: edge.relation, target: edge.target });
  }

  selectNode(id, focus = null) {
    hook.selected = id;
    if (this.largeMode) return this.panel.show(id, focus);
    if (this.view.has(id) && !this.view.selected().includes(id) && !focus)
      this.view.network.selectNodes([id]);
    this.panel.show(id, focus);
  }

  fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const node = params.get("node");
    if (node) return this.openNeighbourhood(node);
    const [a, b] = [params.get("a"), params.get("b")];
    if (a && b) {
      this.showTab("bilateral");
      this.bilateral.a = {
        id: `country/${a.toLowerCase()}`,
        label: a,
        labels: {},
        type: "Country",
      };
      this.bilateral.b = {
        id: `country/${b.toLowerCase()}`,
        label: b,
        labels: {},
        type: "Country",
      };
      this.bilateral.aInput.value = a;
      this.bilateral.bInput.value = b;
      return this.bilateral.load();
    }
    return null;
  }
}

async function main() {
  await initI18n();
  applyI18n(document);
  const app = new App();
  hook.app = app;
  hook.view = app.view;
  Object.assign(hook, {
    positions: () => app.activeView().positions(),
    nodeIds: () => [...app.activeView().data.keys()],
    visibleNodeIds: () => app.activeView().visibleNodeIds(),
    selectedNodes: () => app.activeView().selected(),
    renderer: () => (app.largeMode ? "sigma" : "vis-network"),
    panelEntity: () => app.panel.current,
    /** Replace the view with {nodes, edges}; resolves when it is stable. */
    loadView: async (data) => {
      app.view.clear();
      app.view.add(data, { record: false });
      await app.stabilize(true);
      return app.view.lastStabilization;
    },
  });
  // Getters, not values: Object.assign would freeze them at their first reading.
  Object.defineProperties(hook, {
    stable: { get: () => app.activeView().stable },
    settled: { get: () => (app.largeMode ? app.large.settled : app.view.stable) },
    lastStabilization: { get: () => app.activeView().lastStabilization },
  });
  app.onLang();
  linkViews();
  // The period and size chosen elsewhere (timeline, map, a link) apply here too.
  const state = readState();
  $("#date-since").value = state.since || "";
  $("#date-until").value = state.until || "";
  const size = requestedSize();
  if (size) {
    // Any size a link asks for, not only the listed ones.
    if (![...$("#size").options].some((o) => o.value === size))
      $("#size").append(h("option", { value: size }, Number(size).toLocaleString()));
    $("#size").value = size;
  }
  app.updateFilters();
  const focus = new URLSearchParams(location.hash.slice(1)).get("node");
  try {
    if (focus) await app.openNeighbourhood(focus);
    else await app.loadOverview();
  } catch (error) {
    toast(t("view.loadError", { error: error.message }), "error");
    hook.errors.push(String(error));
  }
  if (!focus) await app.fromHash();
  hook.readyAt = Math.round(performance.now()); // since navigation start (the benchmark)
  hook.ready = true;
  document.body.dataset.ready = "true";
}

main();
