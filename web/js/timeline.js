// The timeline view: events and agreement status changes of the whole graph, of one
// entity (?entity=id) or of a country pair (?a=ID&b=CN) on a vis-timeline, with the
// same items as a table (the text alternative). Moving the axis chooses a period that
// the map and the network then use. Exposes window.__bikgTimeline for tests.

import { api } from "./api.js";
import { $, $$, clear, h, toast } from "./dom.js";
import {
  applyI18n,
  getLang,
  initI18n,
  labelOf,
  onLangChange,
  setLang,
  t,
  typeLabel,
} from "./i18n.js";
import { DetailsPanel } from "./panel.js";
import { Autocomplete } from "./search.js";
import { buildTimeline } from "./timeaxis.js";
import { isoDay, linkViews, readState, viewUrl, writeState } from "./state.js";

const hook = { ready: false, errors: [] };
window.__bikgTimeline = hook;
window.addEventListener("error", (event) => hook.errors.push(String(event.message)));
window.addEventListener("unhandledrejection", (event) => hook.errors.push(String(event.reason)));

const TABLE_LIMIT = 200;

class TimelinePage {
  constructor() {
    this.panel = new DetailsPanel($("#details"));
    this.entity = new URLSearchParams(location.search).get("entity");
    this.axis = null;
    this.data = null;
    new Autocomplete($("#search"), { onPick: (result) => this.setEntity(result.id) });
    this.panel.addEventListener(
      "navigate",
      (e) => e.detail.node && this.panel.show(e.detail.node.id),
    );
    this.panel.addEventListener("expand", (e) =>
      location.assign(viewUrl("/network", {}, `#node=${encodeURIComponent(e.detail)}`)),
    );
    this.panel.addEventListener("hide", () => this.panel.close());
    this.panel.addEventListener("path-from", (e) =>
      location.assign(viewUrl("/network", {}, `#node=${encodeURIComponent(e.detail.id)}`)),
    );
    $("#details .close").addEventListener("click", () => this.panel.close());
    document.addEventListener("keydown", (event) => event.key === "Escape" && this.panel.close());
    for (const button of $$(".lang-toggle button"))
      button.addEventListener("click", () => setLang(button.dataset.lang));
    $("#scope").addEventListener("change", () => this.onPair());
    $("#scope").addEventListener("submit", (event) => event.preventDefault());
    $("#clear-entity").addEventListener("click", () => this.setEntity(null));
    $("#period-all").addEventListener("click", () => this.setPeriod(null, null, true));
    onLangChange(() => this.onLang());
  }

  async load() {
    const state = readState();
    const [data, countries] = await Promise.all([
      api.timeline({ entity: this.entity, a: state.a, b: state.b }),
      this.countries
        ? Promise.resolve(this.countries)
        : api.map({ layers: "events" }).then((m) => m.countries || []),
    ]);
    this.countries = countries;
    this.data = data;
    this.fillCountries(state);
    if (this.axis) this.axis.timeline.destroy();
    clear($("#timeline"));
    this.axis = buildTimeline($("#timeline"), data, {
      vis: window.vis,
      label: (item) => labelOf(item),
      groups: { events: t("timeline.events"), status: t("timeline.agreements") },
      height: "440px",
      zoomKey: "ctrlKey",
      onRange: (start, end) => this.setPeriod(isoDay(start), isoDay(end)),
      onPick: (id) => this.panel.show(id),
    });
    if (state.since && state.until) this.axis.setWindow(state.since, state.until);
    hook.items = () =>
      this.axis.items.map(({ id, date, kind, status, entity }) => ({
        id,
        date,
        kind,
        status,
        entity,
      }));
    this.renderScope();
    this.renderTable();
  }

  fillCountries(state) {
    for (const [select, code] of [
      [$("#pair-a"), state.a],
      [$("#pair-b"), state.b],
    ]) {
      const first = select.firstElementChild;
      clear(select).append(first);
      for (const c of this.countries)
        select.append(
          h("option", { value: c.iso, selected: c.iso === (code || "").toUpperCase() }, labelOf(c)),
        );
    }
  }

  onPair() {
    const a = $("#pair-a").value;
    const b = $("#pair-b").value;
    if ((a && !b) || (!a && b)) return;
    if (a && a === b) return toast(t("filters.samePair"), "error");
    writeState({ a, b });
    this.load().catch((error) => this.fail(error));
  }

  setEntity(id) {
    this.entity = id;
    const params = new URLSearchParams(location.search);
    if (id) params.set("entity", id);
    else params.delete("entity");
    history.replaceState(null, "", `${location.pathname}?${params}`);
    this.load().catch((error) => this.fail(error));
  }

  setPeriod(since, until, refit = false) {
    writeState({ since, until });
    if (refit && this.axis) this.axis.setWindow(null, null);
    hook.period = { since, until };
    this.renderTable();
  }

  renderScope() {
    const state = readState();
    const title = this.data.entity
      ? t("timeline.of", { name: labelOf(this.data.entity) })
      : state.a && state.b
        ? t("timeline.ofPair", { a: this.countryName(state.a), b: this.countryName(state.b) })
        : t("timeline.ofAll");
    $("#timeline-title").textContent = title;
    $("#entity-scope").hidden = !this.data.entity;
    $("#entity-name").textContent = this.data.entity ? labelOf(this.data.entity) : "";
  }

  countryName(iso) {
    const found = (this.countries || []).find((c) => c.iso === String(iso).toUpperCase());
    return found ? labelOf(found) : iso;
  }

  renderTable() {
    if (!this.data) return;
    const { since, until } = readState();
    $("#period").textContent =
      since && until ? t("timeline.period", { since, until }) : t("timeline.periodAll");
    const items = this.data.items.filter(
      (i) => (!since || i.date >= since) && (!until || i.date <= until),
    );
    $("#count").textContent = t("timeline.count", { n: items.length, undated: this.data.undated });
    linkViews();
    if (!items.length)
      return clear($("#item-table")).append(h("p", { class: "muted" }, t("timeline.empty")));
    const rows = items
      .slice(-TABLE_LIMIT)
      .reverse()
      .map((item) =>
        h(
          "tr",
          { dataset: { id: item.id, kind: item.kind } },
          h("td", {}, h("time", { datetime: item.date }, item.date)),
          h(
            "td",
            {},
            item.kind === "status"
              ? h("span", { class: `status-badge ${item.status}` }, t(`status.${item.status}`))
              : typeLabel(item.type),
          ),
          h(
            "td",
            {},
            h(
              "button",
              {
                type: "button",
                class: "entity-link",
                onclick: () => this.panel.show(item.kind === "status" ? item.agreement : item.id),
              },
              labelOf(item),
            ),
          ),
          h("td", {}, item.place ? labelOf(item.place) : ""),
        ),
      );
    clear($("#item-table")).append(
      h(
        "table",
        { class: "items-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, t("timeline.date")),
            h("th", { scope: "col" }, t("timeline.kind")),
            h("th", { scope: "col" }, t("timeline.what")),
            h("th", { scope: "col" }, t("timeline.place")),
          ),
        ),
        h("tbody", {}, rows),
      ),
      items.length > TABLE_LIMIT
        ? h("p", { class: "muted small" }, t("map.more", { n: items.length - TABLE_LIMIT }))
        : null,
    );
  }

  onLang() {
    for (const button of $$(".lang-toggle button"))
      button.setAttribute("aria-pressed", button.dataset.lang === getLang() ? "true" : "false");
    if (this.data) {
      this.fillCountries(readState());
      this.renderScope();
      this.renderTable();
    }
    this.panel.rerender();
  }

  fail(error) {
    toast(t("view.loadError", { error: error.message }), "error");
    hook.errors.push(String(error));
  }
}

async function main() {
  await initI18n();
  applyI18n(document);
  linkViews();
  const page = new TimelinePage();
  hook.page = page;
  page.onLang();
  try {
    await page.load();
  } catch (error) {
    page.fail(error);
  }
  hook.panelEntity = () => page.panel.current;
  hook.ready = true;
  document.body.dataset.ready = "true";
}

main();
