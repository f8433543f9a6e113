// Exports of the current view: PNG, GEXF, GraphML (built here from the visible nodes
// and edges, XML-escaped by the DOM serializer) and the pyvis HTML snapshot (server).

import { api } from "./api.js";
import { download, toast } from "./dom.js";
import { labelOf, t } from "./i18n.js";

const stamp = () => new Date().toISOString().slice(0, 19).replaceAll(":", "-");

export function exportPng(view) {
  const source = view.canvas();
  if (!source) return;
  const canvas = document.createElement("canvas");
  canvas.width = source.width;
  canvas.height = source.height;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0);
  canvas.toBlob((blob) => download(`bilateral-kg-${stamp()}.png`, blob), "image/png");
}

function xmlDocument(rootName, ns) {
  const doc = document.implementation.createDocument(ns, rootName, null);
  return doc;
}

function el(doc, ns, name, attrs = {}, text = null) {
  const node = doc.createElementNS(ns, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

const serialize = (doc) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;

/** GEXF 1.3 of the visible view. */
export function toGexf(view) {
  const ns = "http://gexf.net/1.3";
  const { nodes, edges } = view.currentView();
  const doc = xmlDocument("gexf", ns);
  const root = doc.documentElement;
  root.setAttribute("version", "1.3");
  const meta = el(doc, ns, "meta", { lastmodifieddate: new Date().toISOString().slice(0, 10) });
  meta.append(el(doc, ns, "creator", {}, "bilateral-kg web view"));
  root.append(meta);
  const graph = el(doc, ns, "graph", { defaultedgetype: "directed", mode: "static" });
  const attributes = el(doc, ns, "attributes", { class: "node" });
  attributes.append(el(doc, ns, "attribute", { id: "type", title: "type", type: "string" }));
  attributes.append(el(doc, ns, "attribute", { id: "date", title: "date", type: "string" }));
  const edgeAttributes = el(doc, ns, "attributes", { class: "edge" });
  edgeAttributes.append(
    el(doc, ns, "attribute", { id: "relation", title: "relation", type: "string" }),
  );
  graph.append(attributes, edgeAttributes);
  const positions = view.network.getPositions(nodes.map((n) => n.id));
  const nodesEl = el(doc, ns, "nodes");
  for (const node of nodes) {
    const n = el(doc, ns, "node", { id: node.id, label: labelOf(node) });
    const values = el(doc, ns, "attvalues");
    values.append(el(doc, ns, "attvalue", { for: "type", value: node.type }));
    if (node.date) values.append(el(doc, ns, "attvalue", { for: "date", value: node.date }));
    n.append(values);
    const p = positions[node.id];
    if (p)
      n.append(
        el(doc, "http://gexf.net/1.3/viz", "viz:position", {
          x: p.x.toFixed(1),
          y: (-p.y).toFixed(1),
          z: 0,
        }),
      );
    nodesEl.append(n);
  }
  const edgesEl = el(doc, ns, "edges");
  edges.forEach((edge, i) => {
    const e = el(doc, ns, "edge", {
      id: String(i),
      source: edge.source,
      target: edge.target,
      label: edge.relation,
      weight: edge.weight || 1,
    });
    const values = el(doc, ns, "attvalues");
    values.append(el(doc, ns, "attvalue", { for: "relation", value: edge.relation }));
    e.append(values);
    edgesEl.append(e);
  });
  graph.append(nodesEl, edgesEl);
  root.append(graph);
  return serialize(doc);
}

/** GraphML of the visible view. */
export function toGraphml(view) {
  const ns = "http://graphml.graphdrawing.org/xmlns";
  const { nodes, edges } = view.currentView();
  const doc = xmlDocument("graphml", ns);
  const root = doc.documentElement;
  const keys = [
    ["label", "node", "label"],
    ["type", "node", "type"],
    ["date", "node", "date"],
    ["relation", "edge", "relation"],
    ["weight", "edge", "weight", "int"],
  ];
  for (const [id, target, name, type = "string"] of keys) {
    root.append(el(doc, ns, "key", { id, for: target, "attr.name": name, "attr.type": type }));
  }
  const graph = el(doc, ns, "graph", { id: "view", edgedefault: "directed" });
  for (const node of nodes) {
    const n = el(doc, ns, "node", { id: node.id });
    n.append(el(doc, ns, "data", { key: "label" }, labelOf(node)));
    n.append(el(doc, ns, "data", { key: "type" }, node.type));
    if (node.date) n.append(el(doc, ns, "data", { key: "date" }, node.date));
    graph.append(n);
  }
  edges.forEach((edge, i) => {
    const e = el(doc, ns, "edge", { id: `e${i}`, source: edge.source, target: edge.target });
    e.append(el(doc, ns, "data", { key: "relation" }, edge.relation));
    e.append(el(doc, ns, "data", { key: "weight" }, edge.weight || 1));
    graph.append(e);
  });
  root.append(graph);
  return serialize(doc);
}

export function exportGexf(view) {
  download(`bilateral-kg-${stamp()}.gexf`, toGexf(view), "application/gexf+xml");
}

export function exportGraphml(view) {
  download(`bilateral-kg-${stamp()}.graphml`, toGraphml(view), "application/graphml+xml");
}

export async function exportSnapshot(view) {
  const ids = view.visibleNodeIds();
  if (!ids.length) return toast(t("export.empty"), "error");
  try {
    const html = await api.snapshot(ids, t("export.snapshotTitle"));
    download(`bilateral-kg-${stamp()}.html`, html, "text/html");
  } catch (error) {
    toast(t("export.error", { error: error.message }), "error");
  }
}
