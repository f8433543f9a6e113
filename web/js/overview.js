// The landing page: what the graph holds at a glance (/api/summary), each part a way
// into a focused view: a country pair opens the map, timeline or network of that pair,
// a person, place or event opens its neighbourhood. Exposes window.__bikgOverview.

import { api } from "./api.js";
import { $, $$, clear, h, toast } from "./dom.js";
import { applyI18n, getLang, initI18n, labelOf, onLangChange, setLang, t } from "./i18n.js";
import { Autocomplete } from "./search.js";
import { categoryOf, shapeIcon } from "./types.js";
import { linkViews } from "./state.js";

const hook = { ready: false, errors: [] };
window.__bikgOverview = hook;
window.addEventListener("error", (event) => hook.errors.push(String(event.message)));
window.addEventListener("unhandledrejection", (event) => hook.errors.push(String(event.reason)));

const PAIRS_SHOWN = 12;
const MATRIX_COUNTRIES = 8;
const KINDS = [
  ["agreements", "overview.agreements"],
  ["meetings", "overview.meetings"],
  ["visits", "overview.visits"],
  ["other_events", "overview.otherEvents"],
  ["posts", "overview.posts"],
];

const focusUrl = (id) => `/network#node=${encodeURIComponent(id)}`;
const pairQuery = (row) => `?a=${row.a.iso}&b=${row.b.iso}`;

function entityLink(node, extra = null) {
  return h(
    "a",
    { class: "entity-link", href: focusUrl(node.id), dataset: { id: node.id } },
    shapeIcon(categoryOf(node.type), 12),
    labelOf(node),
    extra,
  );
}

function render(data) {
  const totals = clear($("#totals"));
  for (const key of ["articles", "people", "places", "agreements", "events", "posts"]) {
    totals.append(
      h(
        "li",
        { dataset: { total: key } },
        h(
          "span",
          { class: "n" },
          (data.totals[key] || 0).toLocaleString(getLang() === "id" ? "id-ID" : "en-GB"),
        ),
        h("span", { class: "what" }, t(`total.${key}`)),
      ),
    );
  }
  if (!data.totals.articles) {
    clear($("#pairs")).append(h("p", { class: "muted" }, t("overview.empty")));
  }
  const pairs = data.pairs.filter((p) => p.a.iso && p.b.iso);
  const max = Math.max(1, ...pairs.map((p) => p.total));
  const table = h(
    "table",
    { class: "pairs-table" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("overview.pair")),
        KINDS.map(([, key]) => h("th", { scope: "col" }, t(key))),
        h("th", { scope: "col" }, t("overview.total")),
        h("th", { scope: "col" }, t("overview.open")),
      ),
    ),
    h(
      "tbody",
      {},
      pairs.slice(0, PAIRS_SHOWN).map((row) =>
        h(
          "tr",
          { dataset: { pair: `${row.a.iso}-${row.b.iso}` } },
          h("th", { scope: "row" }, `${labelOf(row.a)} – ${labelOf(row.b)}`),
          KINDS.map(([kind]) => h("td", {}, String(row[kind]))),
          h(
            "td",
            {},
            h("span", {
              class: "bar",
              style: `width:${Math.round((row.total / max) * 60)}px`,
              "aria-hidden": "true",
            }),
            String(row.total),
          ),
          h(
            "td",
            { class: "go" },
            h(
              "a",
              {
                href: `/map${pairQuery(row)}`,
                "aria-label": `${t("overview.inMap")}: ${labelOf(row.a)} – ${labelOf(row.b)}`,
              },
              t("overview.inMap"),
            ),
            h(
              "a",
              {
                href: `/timeline${pairQuery(row)}`,
                "aria-label": `${t("overview.inTimeline")}: ${labelOf(row.a)} – ${labelOf(row.b)}`,
              },
              t("overview.inTimeline"),
            ),
            h(
              "a",
              {
                href: `/network#a=${row.a.iso}&b=${row.b.iso}`,
                "aria-label": `${t("overview.inNetwork")}: ${labelOf(row.a)} – ${labelOf(row.b)}`,
              },
              t("overview.inNetwork"),
            ),
          ),
        ),
      ),
    ),
  );
  clear($("#pairs")).append(table);

  // The matrix: the countries with the most ties, each cell a pair's total.
  const weight = new Map();
  const byId = new Map();
  for (const p of pairs) {
    for (const side of [p.a, p.b]) {
      weight.set(side.id, (weight.get(side.id) || 0) + p.total);
      byId.set(side.id, side);
    }
  }
  const top = [...weight.keys()]
    .sort((x, y) => weight.get(y) - weight.get(x))
    .slice(0, MATRIX_COUNTRIES);
  const cell = new Map(pairs.map((p) => [`${p.a.id}|${p.b.id}`, p]));
  const find = (x, y) => cell.get(`${x}|${y}`) || cell.get(`${y}|${x}`);
  const matrix = h(
    "table",
    { class: "matrix" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("td", {}),
        top.map((id) => h("th", { scope: "col", class: "col" }, labelOf(byId.get(id)))),
      ),
    ),
    h(
      "tbody",
      {},
      top.map((row) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", class: "row" }, labelOf(byId.get(row))),
          top.map((col) => {
            const pair = row !== col && find(row, col);
            if (!pair) return h("td", { class: "empty" }, "");
            // Light enough for dark text at any count (WCAG AA contrast).
            const shade = Math.round(240 - (pair.total / max) * 85);
            const text = "#0f172a";
            return h(
              "td",
              { style: `background: rgb(${shade - 40}, ${shade + 5}, ${shade})` },
              h(
                "a",
                {
                  href: `/map${pairQuery(pair)}`,
                  style: `color:${text}`,
                  title: t("overview.cell", {
                    a: labelOf(pair.a),
                    b: labelOf(pair.b),
                    n: pair.total,
                  }),
                  "aria-label": t("overview.cell", {
                    a: labelOf(pair.a),
                    b: labelOf(pair.b),
                    n: pair.total,
                  }),
                },
                String(pair.total),
              ),
            );
          }),
        ),
      ),
    ),
  );
  clear($("#matrix")).append(matrix);

  clear($("#latest")).append(
    ...data.latest_events.map((e) =>
      h(
        "li",
        { class: "event-row" },
        h("time", { datetime: e.date }, e.date),
        h(
          "span",
          {},
          entityLink(e),
          e.participants.length
            ? h("span", { class: "muted small" }, ` · ${e.participants.map(labelOf).join(", ")}`)
            : null,
        ),
      ),
    ),
  );
  for (const [list, rows] of [
    [$("#people"), data.people],
    [$("#places"), data.places],
  ]) {
    clear(list).append(
      ...rows.map((n) =>
        h(
          "li",
          { class: "rank" },
          entityLink(n),
          h("span", { class: "count" }, t("overview.articles", { n: n.articles })),
        ),
      ),
    );
  }
}

async function main() {
  await initI18n();
  applyI18n(document);
  linkViews();
  new Autocomplete($("#search"), { onPick: (result) => location.assign(focusUrl(result.id)) });
  let data = null;
  const rerender = () => {
    for (const button of $$(".lang-toggle button"))
      button.setAttribute("aria-pressed", button.dataset.lang === getLang() ? "true" : "false");
    if (data) render(data);
  };
  for (const button of $$(".lang-toggle button"))
    button.addEventListener("click", () => setLang(button.dataset.lang));
  onLangChange(rerender);
  try {
    data = await api.summary(10);
    hook.data = data;
    rerender();
  } catch (error) {
    toast(t("view.loadError", { error: error.message }), "error");
    hook.errors.push(String(error));
  }
  hook.ready = true;
  document.body.dataset.ready = "true";
}

main();
