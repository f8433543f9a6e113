// The SPARQL page: YASGUI (vendored) pointed at this server's /sparql, with our prefixes,
// completion of our ontology's classes and properties, our example queries as tabs, a
// chart plugin, and result IRIs of our graph linking into the explorer.

import { $, $$, clear, h } from "./dom.js";
import { applyI18n, getLang, initI18n, onLangChange, setLang, t } from "./i18n.js";
import { EXAMPLES } from "./sparql-examples.js";
import { PREFIXES, loadVocabulary, useOurCompleters } from "./sparql-vocab.js";
import { ChartPlugin } from "./yasr-chart.js";

const BKGID = PREFIXES.bkgid;
const ENDPOINT = `${location.origin}/sparql`;

// What the browser tests read: ready, the rows of the last answer (-1 for an error), errors.
const hook = { ready: false, errors: [], rows: null, vocabulary: null };
window.__bikg = hook;
window.addEventListener("error", (event) => hook.errors.push(String(event.message)));

/** Our IRIs open in the explorer, in this tab; other IRIs keep YASR's link. */
function linkIntoExplorer(root) {
  for (const a of root.querySelectorAll("a.iri")) {
    const iri = a.getAttribute("href") || "";
    if (!iri.startsWith(BKGID) || a.classList.contains("node-link")) continue;
    const id = iri.slice(BKGID.length);
    a.setAttribute("href", `/network#node=${encodeURIComponent(id)}`);
    a.setAttribute("target", "_self");
    a.removeAttribute("ref");
    a.classList.add("node-link");
    a.title = t("sparql.openInView");
  }
}

function countRows(tab) {
  const results = tab.getYasr()?.results;
  if (!results) return null;
  if (results.hasError()) return -1;
  const bindings = results.getBindings();
  return Array.isArray(bindings) ? bindings.length : 0; // ASK and CONSTRUCT answers: 0 rows
}

function watchTab(tab) {
  const yasr = tab.getYasr();
  if (!yasr || yasr.__bikgWatched) return;
  yasr.__bikgWatched = true;
  // DataTables draws rows page by page: relink whatever appears.
  new MutationObserver(() => linkIntoExplorer(yasr.rootEl)).observe(yasr.rootEl, {
    childList: true,
    subtree: true,
  });
  yasr.on("drawn", () => {
    linkIntoExplorer(yasr.rootEl);
    hook.rows = countRows(tab);
    hook.plugin = yasr.drawnPlugin;
  });
}

/** Open a query in a tab of its own (the example's tab if it is open already) and run it. */
function openQuery(yasgui, name, query) {
  const existing = Object.values(yasgui._tabs || {}).find((tab) => tab.getName() === name);
  const tab = existing || yasgui.addTab(true, { name, yasqe: { value: query } });
  if (existing) {
    yasgui.selectTabId(existing.getId());
    tab.setQuery(query);
  }
  watchTab(tab);
  hook.rows = null;
  return tab.query().catch((error) => hook.errors.push(String(error)));
}

function fillExamples(yasgui) {
  const list = clear($("#examples"));
  for (const example of EXAMPLES) {
    const title = t(`example.${example.key}`);
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
            onclick: () => openQuery(yasgui, title, example.query),
          },
          title,
        ),
      ),
    );
  }
}

function configure(Yasgui, vocabulary) {
  useOurCompleters(Yasgui.Yasqe, vocabulary);
  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
  Yasgui.Yasr.defaults.pluginOrder = ["table", "chart", "response"];
  Yasgui.Yasr.defaults.prefixes = PREFIXES;
  // DataTables measures column widths by decoding the widest cell's text and parsing it
  // again as HTML: article text such as "<img onerror=...>" would come alive there (our
  // Content-Security-Policy blocks it, but nothing should try). YASR sizes columns itself.
  Yasgui.Yasr.plugins.table.defaults.tableConfig.autoWidth = false;
  Yasgui.Yasqe.defaults.value = EXAMPLES[0].query;
}

async function main() {
  await initI18n();
  applyI18n(document);
  const Yasgui = window.Yasgui;
  let vocabulary = { classes: [], properties: [] };
  try {
    vocabulary = await loadVocabulary();
  } catch (error) {
    $("#vocab-status").textContent = t("sparql.noVocabulary", { error: error.message });
  }
  hook.vocabulary = vocabulary;
  configure(Yasgui, vocabulary);
  const yasgui = new Yasgui($("#yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }], keys: [] },
    copyEndpointOnNewTab: true,
    persistenceId: "bikg-sparql",
    autofocus: false,
    yasr: { prefixes: PREFIXES },
  });
  hook.yasgui = yasgui;
  // Tabs restored from an earlier visit still ask this server, whatever they were saved with.
  for (const tab of Object.values(yasgui._tabs || {})) {
    if (tab.getEndpoint && tab.getEndpoint() !== ENDPOINT) tab.setEndpoint(ENDPOINT);
    watchTab(tab);
  }
  yasgui.on("tabSelect", (_y, id) => setTimeout(() => watchTab(yasgui.getTab(id)), 0));
  yasgui.on("tabAdd", (_y, id) =>
    setTimeout(() => yasgui.getTab(id) && watchTab(yasgui.getTab(id)), 0),
  );
  yasgui.on("query", () => (hook.rows = null));
  yasgui.on("queryResponse", (_y, tab) =>
    setTimeout(() => (hook.rows = countRows(tab) ?? hook.rows), 0),
  );

  fillExamples(yasgui);
  const langButtons = () => {
    for (const b of $$(".lang-toggle button"))
      b.setAttribute("aria-pressed", b.dataset.lang === getLang() ? "true" : "false");
  };
  for (const b of $$(".lang-toggle button"))
    b.addEventListener("click", () => setLang(b.dataset.lang));
  onLangChange(() => {
    langButtons();
    fillExamples(yasgui);
  });
  langButtons();
  hook.ready = true;
  document.body.dataset.ready = "true";
  // A link to /sparql?query=... opens here and runs, as the endpoint would answer it.
  const query = new URLSearchParams(location.search).get("query");
  if (query) openQuery(yasgui, t("sparql.linkedQuery"), query);
}

main();
