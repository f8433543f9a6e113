// Path finder: shortest paths between two entities, highlighted in the view and listed.

import { api } from "./api.js";
import { clear, h } from "./dom.js";
import { labelOf, relationLabel, t } from "./i18n.js";
import { categoryOf, shapeIcon } from "./types.js";
import { Autocomplete } from "./search.js";

export class PathFinder {
  constructor(root, view) {
    this.root = root;
    this.view = view;
    this.from = null;
    this.to = null;
    this.result = null;
    this.fromInput = root.querySelector("[name=path-from]");
    this.toInput = root.querySelector("[name=path-to]");
    this.output = root.querySelector(".path-results");
    this.fromBox = new Autocomplete(this.fromInput, { onPick: (r) => (this.from = r) });
    new Autocomplete(this.toInput, { onPick: (r) => (this.to = r) });
    root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.find();
    });
    root.querySelector(".path-clear").addEventListener("click", () => this.reset());
  }

  setFrom(node) {
    this.from = node;
    this.fromBox.picked = node;
    this.fromInput.value = labelOf(node);
  }

  reset() {
    this.result = null;
    this.view.clearHighlight();
    clear(this.output);
    delete this.root.dataset.paths;
  }

  async find() {
    if (!this.from || !this.to) {
      clear(this.output).append(h("p", { class: "muted" }, t("path.pick")));
      return;
    }
    clear(this.output).append(h("p", { class: "muted" }, t("path.searching")));
    try {
      const result = await api.path(this.from.id, this.to.id);
      this.result = result;
      this.show();
    } catch (error) {
      clear(this.output).append(
        h("p", { class: "error" }, t("path.error", { error: error.message })),
      );
    }
  }

  show() {
    const { paths = [], nodes = {} } = this.result;
    clear(this.output);
    this.root.dataset.paths = String(paths.length);
    if (!paths.length) {
      this.view.clearHighlight();
      this.output.append(h("p", { class: "muted" }, t("path.none")));
      return;
    }
    // Put every node and edge of every path into the view, then light them up.
    const summaries = Object.values(nodes);
    const edges = paths.flatMap((p) =>
      p.edges.map((e) => ({ ...e, id: `${e.source}|${e.relation}|${e.target}` })),
    );
    this.view.add({ nodes: summaries, edges }, { label: "path" });
    this.highlight(paths);
    // Zoom to the paths once the new nodes have found their places.
    this.view.addEventListener(
      "stabilized",
      () =>
        this.view.network.fit({
          nodes: Object.keys(nodes).filter((id) => this.view.has(id)),
          animation: false,
        }),
      { once: true },
    );
    this.view.restabilize({ fit: false });
    const list = h("ol", { class: "path-list" });
    paths.forEach((path) => {
      const steps = h("div", { class: "path-steps" });
      path.nodes.forEach((id, i) => {
        const node = nodes[id] || { id, label: id };
        if (i > 0) {
          const e = path.edges[i - 1];
          const forward = e.source === path.nodes[i - 1];
          steps.append(
            h(
              "span",
              { class: "path-rel", title: e.relation },
              `${forward ? "" : "← "}${relationLabel(e.relation)}${forward ? " →" : ""}`,
            ),
          );
        }
        steps.append(
          h(
            "button",
            {
              type: "button",
              class: "entity-link",
              onclick: () => this.view.dispatchEvent(new CustomEvent("select", { detail: id })),
            },
            shapeIcon(categoryOf(node.type), 12),
            labelOf(node),
          ),
        );
      });
      list.append(
        h(
          "li",
          {
            class: "path-item",
            onmouseenter: () => this.highlight([path]),
            onmouseleave: () => this.highlight(paths),
          },
          h(
            "div",
            { class: "path-length" },
            t("path.length", { n: path.length ?? path.edges.length }),
          ),
          steps,
        ),
      );
    });
    this.output.append(list);
  }

  highlight(paths) {
    const nodeIds = new Set();
    const edgeIds = new Set();
    for (const path of paths) {
      for (const id of path.nodes) nodeIds.add(id);
      for (const e of path.edges) {
        const id = this.view.edgeBetween(e.source, e.target, e.relation);
        if (id) edgeIds.add(id);
      }
    }
    this.view.setHighlight([...nodeIds], [...edgeIds]);
    if (window.__bikg) window.__bikg.highlighted = { nodes: [...nodeIds], edges: [...edgeIds] };
  }
}
