// The map view: /api/map drawn by geomap.js over Natural Earth shapes, a time axis of
// the same ties beneath it (brushing a period filters the map), a text list of what is
// drawn, and the details panel of the network view. Exposes window.__bikgMap for tests.

import { api } from "./api.js";
import { $, $$, clear, download, h, toast } from "./dom.js";
import { applyI18n, getLang, initI18n, labelOf, onLangChange, setLang, t } from "./i18n.js";
import { DetailsPanel } from "./panel.js";
import { Autocomplete } from "./search.js";
import { drawMap, statusAsOf } from "./geomap.js";
import { STATUS_COLORS, STATUS_ORDER } from "./types.js";
import { buildTimeline } from "./timeaxis.js";
import { isoDay, linkViews, readState, viewUrl, writeState } from "./state.js";

const hook = { ready: false, errors: [] };
window.__bikgMap = hook;
window.addEventListener("error", (event) => hook.errors.push(String(event.message)));
window.addEventListener("unhandledrejection", (event) => hook.errors.push(String(event.reason)));

const LIST_LIMIT = 60;

class MapPage {
  constructor() {
    this.panel = new DetailsPanel($("#details"));
    this.map = null;
    this.data = null;
    this.strip = null;
    new Autocomplete($("#search"), {
      onPick: (result) =>
        location.assign(viewUrl("/network", {}, `#node=${encodeURIComponent(result.id)}`)),
    });
    this.panel.addEventListener(
      "navigate",
      (e) => e.detail.node && this.showEntity(e.detail.node.id),
    );
    this.panel.addEventListener("expand", (e) =>
      location.assign(viewUrl("/network", {}, `#node=${encodeURIComponent(e.detail)}`)),
    );
    this.panel.addEventListener("hide", () => this.panel.close());
    this.panel.addEventListener("pin", () => {});
    this.panel.addEventListener("path-from", (e) =>
      location.assign(viewUrl("/network", {}, `#node=${encodeURIComponent(e.detail.id)}`)),
    );
    $("#details .close").addEventListener("click", () => this.panel.close());
    document.addEventListener("keydown", (event) => event.key === "Escape" && this.panel.close());
    for (const button of $$(".lang-toggle button"))
      button.addEventListener("click", () => setLang(button.dataset.lang));
    $("#filters").addEventListener("change", (event) => this.onFilter(event));
    $("#filters").addEventListener("submit", (event) => event.preventDefault());
    $("#date-clear").addEventListener("click", () => this.setPeriod(null, null));
    $("#period-all").addEventListener("click", () => this.setPeriod(null, null));
    $("#zoom-in").addEventListener("click", () => this.map?.zoomBy(1.5));
    $("#zoom-out").addEventListener("click", () => this.map?.zoomBy(1 / 1.5));
    $("#zoom-reset").addEventListener("click", () => this.map?.reset());
    $("#export-svg").addEventListener("click", () => this.exportSvg());
    $("#export-png").addEventListener("click", () => this.exportPng());
    const menu = $(".menu");
    menu.addEventListener(
      "click",
      (event) => event.target.closest(".menu-items button") && menu.removeAttribute("open"),
    );
    document.addEventListener(
      "click",
      (event) => !menu.contains(event.target) && menu.removeAttribute("open"),
    );
    onLangChange(() => this.onLang());
  }

  async load() {
    const state = readState();
    $("#date-since").value = state.since || "";
    $("#date-until").value = state.until || "";
    const layers = state.layers ? state.layers.split(",") : null;
    for (const box of $$("input[name=layer]")) box.checked = !layers || layers.includes(box.value);
    $("#busy").hidden = false;
    const [topology, data, timeline] = await Promise.all([
      fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()),
      api.map({ a: state.a, b: state.b }),
      api.timeline({ a: state.a, b: state.b }),
    ]);
    this.topology = topology;
    this.data = data;
    this.fillCountries(data.countries || [], state);
    this.map = drawMap($("#map"), data, {
      d3geo: window.d3geo,
      topology,
      width: 1200,
      height: 640,
      label: (node) => labelOf(node),
      onPick: (kind, id) => this.pick(kind, id),
      statusColors: STATUS_COLORS,
      statusOrder: STATUS_ORDER,
    });
    this.strip = buildTimeline($("#strip"), timeline, {
      vis: window.vis,
      label: (item) => labelOf(item),
      groups: { events: t("timeline.events"), status: t("timeline.agreements") },
      height: "170px",
      stack: false,
      dots: true,
      onRange: (start, end) => this.setPeriod(isoDay(start), isoDay(end), { fromStrip: true }),
      onPick: (id) => this.showEntity(id),
    });
    hook.timelineItems = () =>
      this.strip.items.map(({ id, date, kind, status, entity }) => ({
        id,
        date,
        kind,
        status,
        entity,
      }));
    if (state.since && state.until) this.strip.setWindow(state.since, state.until);
    this.applyFilter();
    $("#busy").hidden = true;
  }

  fillCountries(countries, state) {
    for (const [select, code] of [
      [$("#pair-a"), state.a],
      [$("#pair-b"), state.b],
    ]) {
      const first = select.firstElementChild;
      clear(select).append(first);
      for (const c of countries)
        select.append(
          h("option", { value: c.iso, selected: c.iso === (code || "").toUpperCase() }, labelOf(c)),
        );
    }
  }

  filterState() {
    return {
      since: $("#date-since").value || null,
      until: $("#date-until").value || null,
      layers: $$("input[name=layer]:checked").map((i) => i.value),
      statuses: $$("input[name=status]:checked").map((i) => i.value),
    };
  }

  async onFilter(event) {
    const name = event.target.name;
    if (name === "a" || name === "b") {
      const a = $("#pair-a").value;
      const b = $("#pair-b").value;
      if ((a && !b) || (!a && b)) return; // wait for the other country
      if (a && a === b) return toast(t("filters.samePair"), "error");
      writeState({ a, b });
      this.panel.close();
      clear($("#strip"));
      if (this.strip) this.strip.timeline.destroy();
      return this.load().catch((error) => this.fail(error));
    }
    if (name === "since" || name === "until") {
      const { since, until } = this.filterState();
      return this.setPeriod(since, until);
    }
    this.applyFilter();
  }

  setPeriod(since, until, { fromStrip = false } = {}) {
    $("#date-since").value = since || "";
    $("#date-until").value = until || "";
    writeState({ since, until });
    if (!fromStrip && this.strip) this.strip.setWindow(since, until);
    this.applyFilter();
  }

  applyFilter() {
    if (!this.map) return;
    const filter = this.filterState();
    writeState({ layers: filter.layers.length === 3 ? null : filter.layers.join(",") });
    const shown = this.map.setFilter(filter);
    hook.filter = filter;
    this.renderList(shown);
    const status = t("map.status", {
      agreements: shown.agreements.length,
      posts: shown.posts.length,
      events: shown.events.length,
    });
    $("#view-status").textContent = status;
    $("#map-summary").textContent = status;
  }

  renderList(shown) {
    const box = clear($("#map-items"));
    const entry = (node, extra, kind) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "entity-link",
            dataset: { id: node.id, kind },
            onclick: () => this.showEntity(node.id),
          },
          labelOf(node),
        ),
        extra ? h("span", { class: "muted small" }, ` ${extra}`) : null,
      );
    const section = (title, rows, total) =>
      rows.length
        ? h(
            "section",
            { class: "list-group" },
            h("h3", {}, `${title} (${total})`),
            h("ul", { class: "plain-list" }, rows),
            total > rows.length
              ? h("p", { class: "muted small" }, t("map.more", { n: total - rows.length }))
              : null,
          )
        : null;
    const agreements = shown.agreements
      .slice(0, LIST_LIMIT)
      .map((a) =>
        entry(
          a,
          `${t(`status.${statusAsOf(a, this.filterState().until, STATUS_ORDER) || a.status}`)}${a.date ? ` · ${a.date}` : ""}`,
          "agreement",
        ),
      );
    const posts = shown.posts
      .slice(0, LIST_LIMIT)
      .map((p) => entry(p, p.holders.map(labelOf).join(", "), "post"));
    const events = [...shown.events]
      .sort((x, y) => (y.date || "").localeCompare(x.date || ""))
      .slice(0, LIST_LIMIT)
      .map((e) => entry(e, e.date || "", "event"));
    box.append(
      section(t("map.agreementsList"), agreements, shown.agreements.length),
      section(t("map.postsList"), posts, shown.posts.length),
      section(t("map.eventsList"), events, shown.events.length),
    );
    if (!box.childElementCount) box.append(h("p", { class: "muted" }, t("map.nothing")));
  }

  pick(kind, id) {
    hook.picked = { kind, id };
    this.showEntity(id);
  }

  showEntity(id) {
    hook.selected = id;
    if (this.map) this.map.focus(id);
    this.panel.show(id);
  }

  onLang() {
    for (const button of $$(".lang-toggle button"))
      button.setAttribute("aria-pressed", button.dataset.lang === getLang() ? "true" : "false");
    if (this.data) this.fillCountries(this.data.countries || [], readState());
    this.panel.rerender();
    if (this.map) this.applyFilter();
  }

  svgBlob() {
    const text = this.map.svgText();
    return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${text}`], { type: "image/svg+xml" });
  }

  exportSvg() {
    download("bilateral-kg-map.svg", this.svgBlob());
    hook.lastExport = "svg";
  }

  async exportPng() {
    const { width, height } = this.map.size;
    const url = URL.createObjectURL(this.svgBlob());
    try {
      const image = new Image();
      await new Promise((resolve, reject) => {
        image.onload = resolve;
        image.onerror = () => reject(new Error("the map could not be drawn"));
        image.src = url;
      });
      const canvas = h("canvas", { width: width * 2, height: height * 2 });
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      download("bilateral-kg-map.png", blob);
      hook.lastExport = "png";
    } catch (error) {
      toast(t("export.failed", { error: error.message }), "error");
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  fail(error) {
    $("#busy").hidden = true;
    toast(t("view.loadError", { error: error.message }), "error");
    hook.errors.push(String(error));
  }
}

async function main() {
  await initI18n();
  applyI18n(document);
  linkViews();
  const page = new MapPage();
  hook.page = page;
  page.onLang();
  try {
    await page.load();
  } catch (error) {
    page.fail(error);
  }
  Object.assign(hook, {
    map: page.map,
    data: () => page.data,
    marks: () => page.map.marks(),
    project: (lat, lon) => page.map.project(lat, lon),
    countryBox: (name) => page.map.countryBox(name),
    statusColors: STATUS_COLORS,
    panelEntity: () => page.panel.current,
  });
  hook.ready = true;
  document.body.dataset.ready = "true";
}

main();
