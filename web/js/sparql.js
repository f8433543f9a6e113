// The SPARQL page: editor with highlighting, example queries, results as a table with
// links into the network view, CSV and JSON downloads. Values are inserted as text.

import { api } from "./api.js";
import { $, $$, clear, download, h, link } from "./dom.js";
import { applyI18n, getLang, initI18n, onLangChange, setLang, t } from "./i18n.js";
import { EXAMPLES } from "./sparql-examples.js";
import { attachHighlighter } from "./sparql-highlight.js";

const BKGID = "https://w3id.org/bilateral-kg/id/";
const SHORT = [
  ["bkg:", "https://w3id.org/bilateral-kg/ontology#"],
  ["org:", "http://www.w3.org/ns/org#"],
  ["schema:", "https://schema.org/"],
  ["prov:", "http://www.w3.org/ns/prov#"],
  ["skos:", "http://www.w3.org/2004/02/skos/core#"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ["owl:", "http://www.w3.org/2002/07/owl#"],
];

const hook = (window.__bikg = { ready: false, errors: [], rows: null });
window.addEventListener("error", (event) => hook.errors.push(String(event.message)));

let last = null; // {json} of the last SELECT

const shorten = (iri) => {
  for (const [prefix, ns] of SHORT) if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
  return iri;
};

function cell(term) {
  if (!term) return h("td", { class: "unbound" }, "");
  if (term.type === "uri") {
    if (term.value.startsWith(BKGID)) {
      const id = term.value.slice(BKGID.length);
      return h(
        "td",
        {},
        h("a", { href: `/#node=${encodeURIComponent(id)}`, class: "node-link", title: t("sparql.openInView") }, id),
      );
    }
    return h("td", {}, link(term.value, shorten(term.value), { class: "iri" }));
  }
  if (term.type === "bnode") return h("td", { class: "bnode" }, `_:${term.value}`);
  const lang = term["xml:lang"];
  const datatype = term.datatype && !term.datatype.endsWith("#string") ? shorten(term.datatype) : null;
  return h(
    "td",
    {},
    h("span", { class: "literal" }, term.value),
    lang ? h("span", { class: "lang-tag" }, `@${lang}`) : null,
    datatype ? h("span", { class: "datatype" }, `^^${datatype}`) : null,
  );
}

function renderTable(json, ms) {
  const out = clear($("#results"));
  const vars = json.head.vars || [];
  const rows = json.results.bindings || [];
  hook.rows = rows.length;
  $("#result-status").textContent = t("sparql.rows", { n: rows.length, ms });
  $("#downloads").hidden = false;
  if (!rows.length) {
    out.append(h("p", { class: "muted" }, t("sparql.empty")));
    return;
  }
  out.append(
    h(
      "table",
      { class: "results" },
      h("thead", {}, h("tr", {}, h("th", { class: "rownum" }, "#"), vars.map((v) => h("th", {}, `?${v}`)))),
      h(
        "tbody",
        {},
        rows.map((row, i) => h("tr", {}, h("td", { class: "rownum" }, String(i + 1)), vars.map((v) => cell(row[v])))),
      ),
    ),
  );
}

function csvValue(term) {
  if (!term) return "";
  const text = term.value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(json) {
  const vars = json.head.vars || [];
  const lines = [vars.join(",")];
  for (const row of json.results.bindings) lines.push(vars.map((v) => csvValue(row[v])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

async function run() {
  const query = $("#query").value;
  const status = $("#result-status");
  status.textContent = t("sparql.running");
  status.classList.remove("error");
  $("#downloads").hidden = true;
  clear($("#results"));
  last = null;
  hook.rows = null;
  const started = performance.now();
  try {
    const response = await api.sparql(query, "application/sparql-results+json, text/turtle;q=0.9");
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("content-type") || "";
    if (type.includes("json")) {
      const json = await response.json();
      if ("boolean" in json) {
        status.textContent = t("sparql.boolean", { value: String(json.boolean) });
        hook.rows = 0;
        return;
      }
      last = json;
      renderTable(json, ms);
    } else {
      const text = await response.text();
      status.textContent = t("sparql.rows", { n: text.split("\n").filter(Boolean).length, ms });
      $("#results").append(h("pre", { class: "graph-result" }, text));
      hook.rows = 0;
    }
  } catch (error) {
    status.textContent = t("sparql.error", { error: error.message });
    status.classList.add("error");
    hook.rows = -1;
  }
}

function fillExamples() {
  const list = clear($("#examples"));
  for (const example of EXAMPLES) {
    list.append(
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "example",
            dataset: { example: example.key },
            onclick: () => {
              $("#query").value = example.query;
              editor.render();
              run();
            },
          },
          t(`example.${example.key}`),
        ),
      ),
    );
  }
}

let editor;

async function main() {
  await initI18n();
  applyI18n(document);
  editor = attachHighlighter($("#query"));
  const params = new URLSearchParams(location.search);
  $("#query").value = params.get("query") || EXAMPLES[0].query;
  editor.render();
  fillExamples();
  const langButtons = () => {
    for (const b of $$(".lang-toggle button")) b.setAttribute("aria-pressed", b.dataset.lang === getLang() ? "true" : "false");
  };
  for (const b of $$(".lang-toggle button")) b.addEventListener("click", () => setLang(b.dataset.lang));
  onLangChange(() => {
    langButtons();
    fillExamples();
    if (last) renderTable(last, 0);
  });
  langButtons();
  $("#run").addEventListener("click", run);
  $("#query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  $("#download-csv").addEventListener("click", () => last && download("results.csv", toCsv(last), "text/csv"));
  $("#download-json").addEventListener("click", () =>
    last && download("results.json", JSON.stringify(last, null, 2), "application/sparql-results+json"),
  );
  hook.ready = true;
  document.body.dataset.ready = "true";
  // A link to /sparql?query=... opens here: run it at once, as the endpoint would.
  if (params.get("query")) run();
}

main();
