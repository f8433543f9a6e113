// Node categories: the filter boxes, colours and shapes of the view, from the ontology.

import { loadVocabulary } from "./vocabulary.js";

// Categories, colours, shapes, statuses and the relation order come from the ontology.
const VOCABULARY = await loadVocabulary();

/** Category of each bkg: class (the most specific type the API reports). */
const CATEGORY_OF = VOCABULARY.classOf;

/** In legend order; shape names are vis-network's. */
export const CATEGORIES = VOCABULARY.categories.map(({ key, color, shape }) => ({
  key,
  color,
  shape,
}));

/** Agreement statuses in their order in time, their rank and their colour. */
export const STATUSES = VOCABULARY.statuses.map((s) => s.id);
export const STATUS_ORDER = Object.fromEntries(VOCABULARY.statuses.map((s) => [s.id, s.order]));
export const STATUS_COLORS = Object.fromEntries(VOCABULARY.statuses.map((s) => [s.id, s.color]));

const BY_KEY = Object.fromEntries(CATEGORIES.map((c) => [c.key, c]));

export const categoryOf = (type) => CATEGORY_OF[type] || "other";
export const categoryStyle = (type) => BY_KEY[categoryOf(type)];
export const isDated = (type) => ["event", "article"].includes(categoryOf(type));

/** Base size per category: the things the view is about are bigger than their sources. */
const SIZE = {
  country: 22,
  city: 16,
  province: 16,
  person: 14,
  post: 12,
  agreement: 15,
  event: 13,
};
export const sizeOf = (type) => SIZE[categoryOf(type)] || 9;

/** Label size: countries, cities and people stay readable when zoomed out; the rest fade. */
const FONT = { country: 20, city: 15, province: 14, person: 15, agreement: 12, post: 12 };
export const fontSizeOf = (type) => FONT[categoryOf(type)] || 11;

/** A small SVG of the category's shape, for the legend and the lists. */
export function shapeIcon(key, size = 14) {
  const style = BY_KEY[key] || BY_KEY.other;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", size);
  svg.setAttribute("height", size);
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("class", "shape-icon");
  svg.setAttribute("aria-hidden", "true");
  const paths = {
    dot: () => ["circle", { cx: 10, cy: 10, r: 8 }],
    square: () => ["rect", { x: 2.5, y: 2.5, width: 15, height: 15 }],
    diamond: () => ["polygon", { points: "10,1 19,10 10,19 1,10" }],
    triangle: () => ["polygon", { points: "10,2 19,18 1,18" }],
    triangleDown: () => ["polygon", { points: "1,2 19,2 10,18" }],
    hexagon: () => ["polygon", { points: "5,2 15,2 19,10 15,18 5,18 1,10" }],
    star: () => [
      "polygon",
      { points: "10,1 12.6,7.2 19,7.6 14,11.8 15.6,18.4 10,14.8 4.4,18.4 6,11.8 1,7.6 7.4,7.2" },
    ],
  };
  const [tag, attrs] = (paths[style.shape] || paths.dot)();
  const el = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.setAttribute("fill", style.color);
  svg.append(el);
  return svg;
}

/** Relation CURIEs the view knows, in filter order. */
export const RELATIONS = VOCABULARY.relationOrder;
