// The map drawing: Natural Earth country shapes (world-atlas TopoJSON) projected with
// d3-geo into one SVG, agreement arcs coloured by status, diplomatic posts as links
// from the sending country to their seat, events as marks at their place. No imports:
// the explorer loads it as a module, the notebook view inlines it (kg/analysis/standalone.py).
// Text from the graph reaches the SVG through textContent only.

export const POST_COLOR = "#7c3aed";
export const EVENT_COLOR = "#dc2626";
const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

/**
 * The status of an agreement at the end of a period: the furthest one stated by then.
 * `order` ranks the statuses in time (the ontology's, from /api/vocabulary).
 */
export function statusAsOf(agreement, until, order) {
  if (!until || !(agreement.history || []).length) return agreement.status;
  let best = null;
  for (const step of agreement.history) {
    if (step.date > until) continue;
    if (best === null || order[step.status] > order[best]) best = step.status;
  }
  return best;
}

/**
 * Draw `data` (the /api/map answer) into `svg`. Returns a controller:
 * {setFilter({since, until, statuses, layers}), zoomBy(k), reset(), marks(), project(lat, lon), svgText()}.
 * options: d3geo, topology, width, height, label(node) -> text, onPick(kind, id, placeId).
 */
export function drawMap(svg, data, options) {
  const { d3geo, topology, label = (n) => n.label } = options;
  const width = options.width || 960;
  const height = options.height || 540;
  // Status colours and order in time: the ontology's, given by the caller.
  const statusColors = options.statusColors || {};
  const statusOrder = options.statusOrder || {};
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("xmlns", NS);
  const countries = d3geo.feature(topology, topology.objects.countries);
  const places = new Map(
    data.places.filter((p) => typeof p.lat === "number").map((p) => [p.id, p]),
  );
  const projection = d3geo.geoNaturalEarth1();
  const focus = [...places.values()].map((p) => [p.lon, p.lat]);
  // Fit the drawn places (with a margin), else the world; never closer than a region.
  if (focus.length > 1) {
    projection.fitExtent(
      [
        [40, 40],
        [width - 40, height - 40],
      ],
      { type: "MultiPoint", coordinates: focus },
    );
    const world = d3geo.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    if (projection.scale() > world.scale() * 9) projection.scale(world.scale() * 9);
    if (projection.scale() < world.scale()) projection.fitSize([width, height], { type: "Sphere" });
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  const path = d3geo.geoPath(projection);
  const style = el(
    "style",
    {},
    [
      ".country{fill:#e7ecef;stroke:#b8c2cc;stroke-width:.5px;vector-effect:non-scaling-stroke}",
      ".sea{fill:#f4f8fb}",
      ".graticule{fill:none;stroke:#e2e8f0;stroke-width:.5px;vector-effect:non-scaling-stroke}",
      ".arc{fill:none;stroke-linecap:round;vector-effect:non-scaling-stroke;cursor:pointer}",
      ".arc.Ended{stroke-dasharray:4 3}",
      `.post{fill:none;stroke:${POST_COLOR};stroke-opacity:.55;stroke-dasharray:2 3;`,
      "vector-effect:non-scaling-stroke;cursor:pointer}",
      `.event{fill:${EVENT_COLOR};fill-opacity:.7;stroke:#fff;`,
      "vector-effect:non-scaling-stroke;cursor:pointer}",
      ".place{fill:#0f172a;stroke:#fff;vector-effect:non-scaling-stroke;cursor:pointer}",
      ".place-label{font:11px system-ui,sans-serif;fill:#0f172a;paint-order:stroke;",
      "stroke:#fff;stroke-width:3px;pointer-events:none}",
      ".focused{stroke:#0ea5e9 !important;stroke-width:4px !important}",
    ].join(""),
  );
  svg.append(style);
  svg.append(el("path", { class: "sea", d: path({ type: "Sphere" }) }));
  const root = el("g", { class: "zoom" });
  svg.append(root);
  root.append(el("path", { class: "graticule", d: path(d3geo.geoGraticule10()) }));
  const shapes = el("g", { class: "countries" });
  for (const f of countries.features) {
    const shape = el("path", {
      class: "country",
      d: path(f),
      "data-name": f.properties.name,
      "data-iso-numeric": f.id,
    });
    shape.append(el("title", {}, f.properties.name));
    shapes.append(shape);
  }
  root.append(shapes);
  const layers = {
    posts: el("g", { class: "posts" }),
    agreements: el("g", { class: "agreements" }),
    events: el("g", { class: "events" }),
  };
  const placeLayer = el("g", { class: "places" });
  const labelLayer = el("g", { class: "labels" });
  root.append(layers.posts, layers.agreements, layers.events, placeLayer, labelLayer);

  const xy = (p) => projection([p.lon, p.lat]);
  const pick = (kind, id, place) => options.onPick?.(kind, id, place);
  const items = []; // every drawn thing, for filtering and for the tests

  for (const post of data.posts || []) {
    const a = places.get(post.from);
    const b = places.get(post.to);
    if (!a || !b) continue;
    const line = el("path", {
      class: "post",
      d: path({
        type: "LineString",
        coordinates: [
          [a.lon, a.lat],
          [b.lon, b.lat],
        ],
      }),
      "stroke-width": 1.4,
      "data-id": post.id,
      "data-kind": "post",
    });
    line.append(el("title", {}, label(post)));
    line.addEventListener("click", () => pick("post", post.id));
    layers.posts.append(line);
    items.push({ kind: "post", item: post, node: line });
  }
  // One arc per pair of places and status; its width grows with the agreements on it.
  for (const agreement of data.agreements || []) {
    for (const [from, to] of agreement.arcs || []) {
      const a = places.get(from);
      const b = places.get(to);
      if (!a || !b) continue;
      const arc = el("path", {
        class: `arc ${agreement.status}`,
        d: path({
          type: "LineString",
          coordinates: [
            [a.lon, a.lat],
            [b.lon, b.lat],
          ],
        }),
        stroke: statusColors[agreement.status] || "#334155",
        "stroke-width": 2.2,
        "stroke-opacity": 0.85,
        "data-id": agreement.id,
        "data-kind": "agreement",
        "data-status": agreement.status,
      });
      arc.append(el("title", {}, `${label(agreement)} (${agreement.status})`));
      arc.addEventListener("click", () => pick("agreement", agreement.id));
      layers.agreements.append(arc);
      items.push({ kind: "agreement", item: agreement, node: arc });
    }
  }
  // Events: one mark per place, sized by how many happened there (in the period).
  const eventsAt = new Map();
  for (const event of data.events || []) {
    if (!places.has(event.place)) continue;
    if (!eventsAt.has(event.place)) eventsAt.set(event.place, []);
    eventsAt.get(event.place).push(event);
  }
  const eventMarks = new Map();
  for (const [placeId, events] of eventsAt) {
    const [x, y] = xy(places.get(placeId));
    const mark = el("circle", {
      class: "event",
      cx: x,
      cy: y,
      r: 4,
      "data-id": placeId,
      "data-kind": "event",
    });
    const title = el("title");
    mark.append(title);
    mark.addEventListener("click", () => pick("events", placeId, placeId));
    layers.events.append(mark);
    eventMarks.set(placeId, { mark, title, events });
  }
  const placeMarks = new Map();
  for (const place of places.values()) {
    const [x, y] = xy(place);
    const dot = el("circle", {
      class: "place",
      cx: x,
      cy: y,
      r: place.type === "Country" ? 3.2 : 2.4,
      "data-id": place.id,
      "data-kind": "place",
      "data-lat": place.lat,
      "data-lon": place.lon,
    });
    dot.append(el("title", {}, label(place)));
    dot.addEventListener("click", () => pick("place", place.id, place.id));
    placeLayer.append(dot);
    const text = el(
      "text",
      { class: "place-label", x: x + 5, y: y - 5, "data-id": place.id },
      label(place),
    );
    labelLayer.append(text);
    placeMarks.set(place.id, { dot, text, place });
  }

  let k = 1;
  let tx = 0;
  let ty = 0;
  const apply = () => {
    root.setAttribute("transform", `translate(${tx},${ty}) scale(${k})`);
    for (const { dot } of placeMarks.values())
      dot.setAttribute("r", (dot.dataset.kind === "place" ? 2.6 : 2.6) / Math.sqrt(k));
    for (const { text } of placeMarks.values()) {
      text.style.fontSize = `${11 / k}px`;
      text.style.strokeWidth = `${3 / k}px`;
    }
    for (const { mark, events } of eventMarks.values()) {
      const shown = Number(mark.dataset.count ?? events.length);
      // Logarithmic: a city with 500 events must not cover its neighbours.
      mark.setAttribute("r", (3 + 3 * Math.log10(1 + shown)) / Math.sqrt(k));
    }
    relabel();
  };
  // Labels: only places something is drawn at, and never two on top of each other.
  const relabel = () => {
    const taken = [];
    const ordered = [...placeMarks.values()].sort(
      (a, b) => (b.place.weight || 0) - (a.place.weight || 0),
    );
    for (const { text, dot, place } of ordered) {
      if (dot.style.display === "none") {
        text.style.display = "none";
        continue;
      }
      const [x, y] = xy(place);
      const sx = x * k + tx;
      const sy = y * k + ty;
      const w = label(place).length * 6.5;
      const clash = taken.some((r) => sx < r.x + r.w && sx + w > r.x && Math.abs(sy - r.y) < 13);
      text.style.display = clash ? "none" : "";
      if (!clash) taken.push({ x: sx, y: sy, w });
    }
  };

  // Thousands of arcs (a 10,000-article store) fade, so their bundles still read.
  const arcCount = items.filter((i) => i.kind === "agreement").length;
  const arcOpacity = Math.max(0.12, Math.min(0.85, 60 / Math.max(arcCount, 1)));
  for (const { kind, node } of items)
    if (kind === "agreement") node.setAttribute("stroke-opacity", arcOpacity);

  let filter = { since: null, until: null, statuses: null, layers: null };
  const setFilter = (next) => {
    filter = { ...filter, ...next };
    const layerOn = (name) => !filter.layers || filter.layers.includes(name);
    const used = new Map();
    const use = (id, weight = 1) => used.set(id, (used.get(id) || 0) + weight);
    for (const { kind, item, node } of items) {
      let on = layerOn(kind === "agreement" ? "agreements" : "posts");
      if (kind === "agreement") {
        const status = statusAsOf(item, filter.until, statusOrder);
        const first = item.date;
        if (status === null || (first && filter.until && first > filter.until)) on = false;
        if (filter.statuses && !filter.statuses.includes(status)) on = false;
        if (on) {
          node.setAttribute("stroke", statusColors[status]);
          node.setAttribute("class", `arc ${status}`);
          node.dataset.status = status;
          for (const p of item.parties) use(p, 2);
        }
      } else if (on) {
        use(item.from);
        use(item.to);
      }
      node.style.display = on ? "" : "none";
    }
    for (const [placeId, entry] of eventMarks) {
      const shown = layerOn("events")
        ? entry.events.filter((e) =>
            e.date
              ? (!filter.since || e.date >= filter.since) &&
                (!filter.until || e.date <= filter.until)
              : !filter.since && !filter.until,
          )
        : [];
      entry.mark.dataset.count = String(shown.length);
      entry.mark.style.display = shown.length ? "" : "none";
      entry.title.textContent = `${label(places.get(placeId))}: ${shown.length}`;
      if (shown.length) use(placeId, shown.length);
    }
    for (const [id, { dot, place }] of placeMarks) {
      dot.style.display = used.has(id) ? "" : "none";
      place.weight = used.get(id) || 0;
    }
    apply();
    return visible();
  };
  const visible = () => ({
    agreements: items
      .filter((i) => i.kind === "agreement" && i.node.style.display !== "none")
      .map((i) => i.item),
    posts: items
      .filter((i) => i.kind === "post" && i.node.style.display !== "none")
      .map((i) => i.item),
    events: [...eventMarks.values()].flatMap((e) =>
      e.mark.style.display === "none"
        ? []
        : e.events.filter((x) =>
            x.date
              ? (!filter.since || x.date >= filter.since) &&
                (!filter.until || x.date <= filter.until)
              : !filter.since && !filter.until,
          ),
    ),
  });

  // Pan by dragging, zoom with the wheel (about the pointer) or the controller.
  const toLocal = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM().inverse());
    return [local.x, local.y];
  };
  const zoomAt = (factor, [cx, cy] = [width / 2, height / 2]) => {
    const next = Math.max(1, Math.min(40, k * factor));
    tx = cx - ((cx - tx) * next) / k;
    ty = cy - ((cy - ty) * next) / k;
    k = next;
    apply();
  };
  // Handler properties, not listeners: drawing again into the same SVG replaces them.
  svg.onwheel = (event) => {
    event.preventDefault();
    zoomAt(event.deltaY < 0 ? 1.25 : 0.8, toLocal(event));
  };
  let drag = null;
  svg.onpointerdown = (event) => {
    drag = { start: toLocal(event), tx, ty, moved: false };
  };
  svg.onpointermove = (event) => {
    if (!drag) return;
    const [x, y] = toLocal(event);
    if (Math.abs(x - drag.start[0]) + Math.abs(y - drag.start[1]) > 3) drag.moved = true;
    if (!drag.moved) return;
    tx = drag.tx + x - drag.start[0];
    ty = drag.ty + y - drag.start[1];
    root.setAttribute("transform", `translate(${tx},${ty}) scale(${k})`);
  };
  const endDrag = () => {
    if (drag?.moved) relabel();
    drag = null;
  };
  svg.onpointerup = endDrag;
  svg.onpointerleave = endDrag;

  setFilter({});
  return {
    setFilter,
    visible,
    zoomBy: (factor) => zoomAt(factor),
    reset: () => {
      k = 1;
      tx = 0;
      ty = 0;
      apply();
    },
    focus: (id) => {
      for (const node of svg.querySelectorAll(".focused")) node.classList.remove("focused");
      for (const node of svg.querySelectorAll(`[data-id="${CSS.escape(id)}"]`))
        node.classList.add("focused");
    },
    /** Screen (client) coordinates of a point, as the map draws it now. */
    project: (lat, lon) => {
      const [x, y] = projection([lon, lat]);
      // Through the SVG's own screen matrix: it knows the viewBox's letterboxing.
      const point = svg.createSVGPoint();
      point.x = x * k + tx;
      point.y = y * k + ty;
      const screen = point.matrixTransform(svg.getScreenCTM());
      return { x: screen.x, y: screen.y };
    },
    /** What is drawn, for tests: every visible mark with its kind, id, colour and screen centre. */
    marks: () =>
      [...svg.querySelectorAll("[data-kind]")]
        .filter((n) => n.style.display !== "none")
        .map((n) => {
          const box = n.getBoundingClientRect();
          return {
            kind: n.dataset.kind,
            id: n.dataset.id,
            status: n.dataset.status || null,
            color: n.getAttribute("stroke") || null,
            count: n.dataset.count ? Number(n.dataset.count) : null,
            x: box.left + box.width / 2,
            y: box.top + box.height / 2,
          };
        }),
    countryBox: (name) => {
      const shape = svg.querySelector(`.country[data-name="${CSS.escape(name)}"]`);
      if (!shape) return null;
      const b = shape.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    },
    svgText: () => new XMLSerializer().serializeToString(svg),
    size: { width, height },
  };
}
