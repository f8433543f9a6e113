// A chart plugin for YASR (the results half of YASGUI): a bar chart of one column against
// another, drawn as SVG by this file. YASGUI's own chart plugins load Google Charts from
// the web; this one needs nothing beyond the page. Labels go in as text nodes only.

const SVG = "http://www.w3.org/2000/svg";
const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set(
  [
    "integer",
    "decimal",
    "double",
    "float",
    "int",
    "long",
    "short",
    "nonNegativeInteger",
    "positiveInteger",
  ].map((name) => XSD + name),
);
const ROWS = "(rows)"; // the value "count rows per label", for columns with no numbers
const MAX_BARS = 40;
const TEXT = { "font-size": 12, "font-family": "system-ui, sans-serif", fill: "#0f172a" };

const svg = (tag, attrs = {}, text = null) => {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== null) el.textContent = text;
  return el;
};

const isNumber = (term) =>
  term &&
  term.type === "literal" &&
  NUMERIC.has(term.datatype) &&
  !Number.isNaN(Number(term.value));

export class ChartPlugin {
  constructor(yasr) {
    this.yasr = yasr;
    this.label = "Chart";
    this.priority = 5;
    this.svgEl = null;
    this.choice = {};
  }

  variables() {
    return this.yasr.results?.getVariables() || [];
  }

  bindings() {
    return this.yasr.results?.getBindings() || [];
  }

  /** Columns whose bound values are all numbers. */
  numericColumns() {
    const rows = this.bindings();
    return this.variables().filter(
      (v) => rows.some((r) => r[v]) && rows.every((r) => !r[v] || isNumber(r[v])),
    );
  }

  canHandleResults() {
    return this.bindings().length > 0 && this.variables().length > 0;
  }

  getIcon() {
    const icon = svg("svg", { viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true" });
    for (const [x, h] of [
      [1, 8],
      [6, 13],
      [11, 5],
    ])
      icon.append(svg("rect", { x, y: 15 - h, width: 4, height: h, fill: "currentColor" }));
    return icon;
  }

  shorten(term) {
    if (!term) return "–";
    if (term.type !== "uri") return term.value;
    for (const [prefix, ns] of Object.entries(this.yasr.getPrefixes())) {
      if (term.value.startsWith(ns)) return `${prefix}:${term.value.slice(ns.length)}`;
    }
    return term.value;
  }

  /** [[label, value]], summed per label, largest first. */
  series(labelVar, valueVar) {
    const totals = new Map();
    for (const row of this.bindings()) {
      const label = this.shorten(row[labelVar]);
      const value = valueVar === ROWS ? 1 : Number(row[valueVar]?.value ?? 0);
      totals.set(label, (totals.get(label) || 0) + value);
    }
    return [...totals].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  }

  select(name, options, current, onchange) {
    const el = document.createElement("select");
    el.name = name;
    el.className = `bikg-chart-${name}`;
    for (const option of options) {
      const opt = document.createElement("option");
      opt.value = option;
      opt.textContent = option === ROWS ? "number of rows" : `?${option}`;
      opt.selected = option === current;
      el.append(opt);
    }
    el.addEventListener("change", () => onchange(el.value));
    return el;
  }

  draw() {
    const vars = this.variables();
    const numeric = this.numericColumns();
    const labels = vars.filter((v) => !numeric.includes(v));
    // Names read better than IRIs: prefer a column of text.
    const rows = this.bindings();
    const text = labels.find((v) => rows.every((r) => !r[v] || r[v].type === "literal"));
    const labelVar = vars.includes(this.choice.label)
      ? this.choice.label
      : text || labels[0] || vars[0];
    const values = [...numeric.filter((v) => v !== labelVar), ROWS];
    const valueVar = values.includes(this.choice.value) ? this.choice.value : values[0];

    const root = document.createElement("div");
    root.className = "bikg-chart";
    const controls = document.createElement("div");
    controls.className = "bikg-chart-controls";
    const redraw = () => this.yasr.draw();
    controls.append(
      this.select("label", vars, labelVar, (v) => {
        this.choice.label = v;
        redraw();
      }),
      document.createTextNode(" → "),
      this.select("value", values, valueVar, (v) => {
        this.choice.value = v;
        redraw();
      }),
    );
    root.append(controls);

    const data = this.series(labelVar, valueVar);
    const shown = data.slice(0, MAX_BARS);
    const max = Math.max(...shown.map(([, v]) => v), 0) || 1;
    const bar = 22;
    const labelWidth = 260;
    const width = 760;
    const height = shown.length * bar + 30;
    const chart = svg("svg", {
      class: "bikg-chart-svg",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-label": `bar chart of ${valueVar === ROWS ? "rows" : `?${valueVar}`} by ?${labelVar}`,
    });
    shown.forEach(([label, value], i) => {
      const y = 10 + i * bar;
      const w = Math.max(1, ((width - labelWidth - 70) * value) / max);
      const group = svg("g", { class: "bikg-bar" });
      group.append(
        svg(
          "text",
          { x: labelWidth - 8, y: y + bar / 2 + 4, "text-anchor": "end", ...TEXT },
          String(label).slice(0, 40),
        ),
        // Colours as attributes, not CSS, so the downloaded SVG looks the same.
        svg("rect", { x: labelWidth, y: y + 3, width: w, height: bar - 6, rx: 3, fill: "#0f766e" }),
        svg(
          "text",
          { x: labelWidth + w + 6, y: y + bar / 2 + 4, ...TEXT },
          String(+value.toFixed(3)),
        ),
        svg("title", {}, `${label}: ${value}`),
      );
      chart.append(group);
    });
    root.append(chart);
    if (data.length > MAX_BARS) {
      const note = document.createElement("p");
      note.className = "bikg-chart-note";
      note.textContent = `The ${MAX_BARS} largest of ${data.length} bars.`;
      root.append(note);
    }
    this.svgEl = chart;
    this.yasr.resultsEl.append(root);
  }

  download(filename) {
    if (!this.svgEl) return undefined;
    const markup = new XMLSerializer().serializeToString(this.svgEl);
    return {
      getData: () => markup,
      contentType: "image/svg+xml",
      title: "Download the chart (SVG)",
      filename: `${filename || "chart"}.svg`,
    };
  }
}
