// The details panel: labels, type, properties, relations grouped by type and, for
// each relation, the evidence sentences with their article. Text only, never HTML.

import { api } from "./api.js";
import { clear, h, link } from "./dom.js";
import { getLang, labelOf, relationLabel, t, typeLabel } from "./i18n.js";
import { categoryOf, shapeIcon } from "./types.js";

const GEONAMES = /^https?:\/\/sws\.geonames\.org\/(\d+)\/?$/;

export class DetailsPanel extends EventTarget {
  constructor(root) {
    super();
    this.root = root;
    this.body = root.querySelector(".panel-body");
    this.current = null;
    this.entity = null;
    this.token = 0;
  }

  /** Load and show an entity; focus {relation, target} opens and marks one relation. */
  async show(id, focus = null) {
    const token = ++this.token;
    this.current = id;
    this.root.hidden = false;
    this.root.dataset.state = "loading";
    clear(this.body).append(h("p", { class: "muted" }, t("panel.loading")));
    try {
      const entity = await api.entity(id);
      if (token !== this.token) return;
      this.entity = entity;
      this.render();
      if (focus) this.focusRelation(focus);
      this.root.dataset.state = "ready";
      this.root.dataset.entity = id;
    } catch (error) {
      if (token !== this.token) return;
      this.root.dataset.state = "error";
      clear(this.body).append(
        h("p", { class: "error" }, t("panel.error", { error: error.message })),
      );
    }
  }

  focusRelation({ relation, target }) {
    const group = this.body.querySelector(
      `.relation-group[data-predicate="${CSS.escape(relation)}"][data-dir="out"]`,
    );
    if (!group) return;
    group.open = true;
    for (const item of group.querySelectorAll(".relation-item")) {
      if (item.dataset.target !== target) continue;
      item.classList.add("focused");
      for (const entry of item.querySelectorAll(".evidence-item")) entry.hidden = false;
      item.scrollIntoView({ block: "center" });
    }
  }

  close() {
    this.token++;
    this.current = null;
    this.entity = null;
    this.root.hidden = true;
    delete this.root.dataset.entity;
  }

  rerender() {
    if (this.entity) this.render();
  }

  render() {
    const e = this.entity;
    const body = clear(this.body);
    const name = labelOf(e);
    body.append(
      h(
        "header",
        { class: "entity-head" },
        h("h2", { class: "entity-label" }, name),
        h(
          "div",
          { class: "entity-type" },
          shapeIcon(categoryOf(e.type)),
          h("span", {}, typeLabel(e.type)),
          h("code", { class: "entity-id" }, e.id),
        ),
        h(
          "div",
          { class: "entity-actions" },
          h(
            "button",
            { type: "button", onclick: () => this.emit("expand", e.id) },
            t("panel.expand"),
          ),
          h("button", { type: "button", onclick: () => this.emit("hide", e.id) }, t("panel.hide")),
          h("button", { type: "button", onclick: () => this.emit("pin", e.id) }, t("panel.pin")),
          h(
            "button",
            { type: "button", onclick: () => this.emit("path-from", e) },
            t("panel.pathFrom"),
          ),
        ),
      ),
    );
    body.append(
      this.labelsSection(e),
      this.propertiesSection(e),
      this.relationsSection(e),
      this.articlesSection(e),
    );
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  labelsSection(e) {
    const rows = [];
    const labels = e.labels || {};
    for (const [lang, text] of Object.entries(labels)) {
      rows.push(h("li", {}, h("span", { class: "lang" }, lang || "—"), text));
    }
    const alts = (e.alt_labels || []).map((alt) =>
      h("li", { class: "chip" }, typeof alt === "string" ? alt : alt.value || ""),
    );
    return h(
      "section",
      { class: "panel-section" },
      h("h3", {}, t("panel.labels")),
      h("ul", { class: "labels" }, rows),
      alts.length
        ? h("div", {}, h("h4", {}, t("panel.aliases")), h("ul", { class: "chips" }, alts))
        : null,
    );
  }

  propertiesSection(e) {
    const props = e.properties || {};
    const rows = [];
    const geonames = [];
    for (const [key, values] of Object.entries(props)) {
      for (const value of values) {
        const text = typeof value === "string" ? value : String(value?.value ?? value);
        const match = GEONAMES.exec(text);
        if (match)
          geonames.push(h("li", {}, link(text, `GeoNames ${match[1]}`, { class: "geonames" })));
      }
      if (key === "owl:sameAs" && values.every((v) => GEONAMES.test(String(v)))) continue;
      rows.push(
        h(
          "tr",
          {},
          h("th", { scope: "row", title: key }, relationLabel(key)),
          h(
            "td",
            {},
            values.map((v, i) => {
              const text = typeof v === "string" ? v : String(v?.value ?? v);
              const item = /^https?:\/\//.test(text) ? link(text) : h("span", {}, text);
              return i ? [", ", item] : item;
            }),
          ),
        ),
      );
    }
    return h(
      "section",
      { class: "panel-section" },
      h("h3", {}, t("panel.properties")),
      geonames.length ? h("ul", { class: "geonames-links" }, geonames) : null,
      rows.length
        ? h("table", { class: "props" }, h("tbody", {}, rows))
        : h("p", { class: "muted" }, t("panel.none")),
    );
  }

  relationsSection(e) {
    const groups = new Map();
    const rel = e.relations || {};
    for (const item of rel.out || []) {
      const key = `out ${item.predicate}`;
      if (!groups.has(key)) groups.set(key, { dir: "out", predicate: item.predicate, items: [] });
      groups
        .get(key)
        .items.push({ other: item.target, evidence: item.evidence || [], support: item.support });
    }
    for (const item of rel.in || []) {
      const key = `in ${item.predicate}`;
      if (!groups.has(key)) groups.set(key, { dir: "in", predicate: item.predicate, items: [] });
      groups
        .get(key)
        .items.push({ other: item.source, evidence: item.evidence || [], support: item.support });
    }
    const section = h(
      "section",
      { class: "panel-section relations" },
      h("h3", {}, t("panel.relations")),
    );
    if (!groups.size) section.append(h("p", { class: "muted" }, t("panel.none")));
    const shown = (rel.out || []).length + (rel.in || []).length;
    const total =
      (rel.out_total ?? (rel.out || []).length) + (rel.in_total ?? (rel.in || []).length);
    if (total > shown)
      section.append(
        h("p", { class: "muted small relations-cut" }, t("panel.relationsCut", { shown, total })),
      );
    const sorted = [...groups.values()].sort(
      (a, b) =>
        (a.predicate === "prov:wasDerivedFrom") - (b.predicate === "prov:wasDerivedFrom") ||
        a.predicate.localeCompare(b.predicate),
    );
    for (const group of sorted) {
      const details = h(
        "details",
        {
          class: "relation-group",
          open: group.predicate !== "prov:wasDerivedFrom" || groups.size === 1,
          dataset: { predicate: group.predicate, dir: group.dir },
        },
        h(
          "summary",
          {},
          h("span", { class: "dir" }, group.dir === "out" ? "→" : "←"),
          h("span", { class: "predicate" }, relationLabel(group.predicate)),
          h("code", {}, group.predicate),
          h("span", { class: "count" }, String(group.items.length)),
        ),
      );
      const list = h("ul", { class: "relation-items" });
      for (const item of group.items) list.append(this.relationItem(e, group, item));
      details.append(list);
      section.append(details);
    }
    return section;
  }

  relationItem(e, group, item) {
    const other = item.other || {};
    const edge =
      group.dir === "out"
        ? { source: e.id, target: other.id, relation: group.predicate }
        : { source: other.id, target: e.id, relation: group.predicate };
    const li = h(
      "li",
      { class: "relation-item", dataset: { target: other.id || "" } },
      h(
        "button",
        {
          type: "button",
          class: "entity-link",
          title: other.id,
          onclick: () => this.emit("navigate", { node: other, edge }),
        },
        shapeIcon(categoryOf(other.type), 12),
        labelOf(other),
      ),
      h("span", { class: "muted small" }, ` ${typeLabel(other.type || "")}`),
    );
    if (item.support > 1)
      li.append(
        h(
          "span",
          { class: "support muted small" },
          ` · ${t("panel.statedBy", { n: item.support })}`,
        ),
      );
    if (item.evidence.length) {
      const list = h("ol", { class: "evidence" });
      for (const ev of item.evidence) list.append(this.evidenceItem(ev));
      li.append(list);
      // The entity page carries a few sentences; the rest are read a page at a time.
      if ((item.support || 0) > item.evidence.length) this.appendMore(li, list, edge);
    } else if (group.predicate !== "prov:wasDerivedFrom") {
      li.append(h("div", { class: "muted small" }, t("panel.noEvidence")));
    }
    return li;
  }

  appendMore(li, list, edge) {
    // The preview holds the most confident of a sample; pages come newest first, so read
    // them from the start and skip what is shown already.
    let offset = 0;
    const seen = new Set([...list.children].map((entry) => entry.dataset.key));
    const more = h(
      "button",
      { type: "button", class: "link-button more-evidence" },
      t("panel.loadEvidence"),
    );
    more.addEventListener("click", async () => {
      more.disabled = true;
      try {
        const page = await api.evidence(edge.source, edge.relation, edge.target, {
          offset,
          limit: 20,
        });
        for (const ev of page.evidence) {
          const entry = this.evidenceItem(ev);
          if (!seen.has(entry.dataset.key)) list.append(entry);
          seen.add(entry.dataset.key);
        }
        offset += page.evidence.length;
        if (offset >= page.total || !page.evidence.length) more.remove();
        else more.disabled = false;
      } catch (error) {
        more.replaceWith(
          h("div", { class: "error small" }, t("panel.error", { error: error.message })),
        );
      }
    });
    li.append(more);
  }

  evidenceItem(ev) {
    const article = ev.article || {};
    const title = article.title || article.url || article.id || "";
    const meta = h("div", { class: "evidence-meta" });
    meta.append(
      article.url ? link(article.url, title, { class: "article-link" }) : h("span", {}, title),
    );
    if (article.published)
      meta.append(h("time", { datetime: article.published }, article.published));
    if (typeof ev.confidence === "number")
      meta.append(
        h("span", { class: "confidence" }, t("panel.confidence", { n: ev.confidence.toFixed(2) })),
      );
    const key = `${article.id || ""}#${ev.start ?? ""}`;
    return h(
      "li",
      { class: "evidence-item", dataset: { key } },
      h("blockquote", { class: "evidence-sentence" }, ev.sentence || ""),
      meta,
    );
  }

  articlesSection(e) {
    const articles = e.articles || [];
    if (!articles.length) return null;
    const lang = getLang();
    return h(
      "section",
      { class: "panel-section" },
      h("h3", {}, t("panel.articles", { n: e.articles_total ?? articles.length })),
      h(
        "ul",
        { class: "articles" },
        articles.map((a) =>
          h(
            "li",
            {},
            a.url ? link(a.url, a.title || a.url) : h("span", {}, a.title || a.id),
            a.published
              ? h(
                  "time",
                  { datetime: a.published },
                  ` ${new Date(a.published).toLocaleDateString(lang === "id" ? "id-ID" : "en-GB")}`,
                )
              : null,
          ),
        ),
      ),
    );
  }
}
