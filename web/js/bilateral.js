// Bilateral view: two countries, and the cities, people, posts, agreements (by status),
// companies and events between them, with a timeline.

import { api } from "./api.js";
import { clear, h } from "./dom.js";
import { getLang, labelOf, t, typeLabel } from "./i18n.js";
import { STATUSES, categoryOf, shapeIcon } from "./types.js";
import { Autocomplete } from "./search.js";

/** Country/cn -> CN: the contract's ISO form of a country id. */
export const isoOf = (country) => (country.iso || country.id.split("/").pop() || "").toUpperCase();

export class BilateralView {
  constructor(root, view) {
    this.root = root;
    this.view = view;
    this.a = null;
    this.b = null;
    this.data = null;
    this.output = root.querySelector(".bilateral-results");
    this.aInput = root.querySelector("[name=country-a]");
    this.bInput = root.querySelector("[name=country-b]");
    new Autocomplete(this.aInput, { type: "Country", onPick: (r) => (this.a = r) });
    new Autocomplete(this.bInput, { type: "Country", onPick: (r) => (this.b = r) });
    root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.load();
    });
  }

  async load() {
    if (!this.a || !this.b) {
      clear(this.output).append(h("p", { class: "muted" }, t("bilateral.pick")));
      return;
    }
    clear(this.output).append(h("p", { class: "muted" }, t("bilateral.loading")));
    try {
      this.data = await api.bilateral(isoOf(this.a), isoOf(this.b));
      this.render();
    } catch (error) {
      clear(this.output).append(
        h("p", { class: "error" }, t("bilateral.error", { error: error.message })),
      );
    }
  }

  rerender() {
    if (this.data) this.render();
  }

  entity(node, extra = null) {
    if (!node) return h("span", { class: "muted" }, t("bilateral.unnamed"));
    return h(
      "button",
      { type: "button", class: "entity-link", title: node.id, onclick: () => this.focus(node) },
      shapeIcon(categoryOf(node.type), 12),
      labelOf(node),
      extra ? h("span", { class: "muted small" }, ` ${extra}`) : null,
    );
  }

  focus(node) {
    this.view.dispatchEvent(new CustomEvent("focus-entity", { detail: node }));
  }

  section(key, count, ...content) {
    return h(
      "section",
      { class: "bilateral-section", dataset: { section: key } },
      h("h3", {}, t(`bilateral.${key}`), h("span", { class: "count" }, String(count))),
      count ? content : h("p", { class: "muted" }, t("bilateral.empty")),
    );
  }

  render() {
    const d = this.data;
    const out = clear(this.output);
    const side = (s) => labelOf(s === "a" ? d.a : d.b);
    out.append(
      h(
        "div",
        { class: "bilateral-head" },
        this.entity(d.a),
        h("span", { class: "muted" }, " ⇄ "),
        this.entity(d.b),
        h(
          "button",
          { type: "button", class: "small-button", onclick: () => this.showInNetwork() },
          t("bilateral.showInNetwork"),
        ),
      ),
    );
    // Agreements by status.
    const agreementsBox = h("div", { class: "status-columns" });
    let agreementCount = 0;
    for (const status of STATUSES) {
      const list = d.agreements?.[status] || [];
      agreementCount += list.length;
      agreementsBox.append(
        h(
          "div",
          { class: `status-column status-${status.toLowerCase()}`, dataset: { status } },
          h("h4", {}, t(`status.${status}`), h("span", { class: "count" }, String(list.length))),
          h(
            "ul",
            { class: "agreement-list" },
            list.map((ag) =>
              h(
                "li",
                { class: "agreement", dataset: { id: ag.id } },
                this.entity(ag, typeLabel(ag.type)),
                h(
                  "div",
                  { class: "parties small" },
                  (ag.parties || []).map((p, i) => [i ? " · " : "", labelOf(p)]),
                ),
              ),
            ),
          ),
        ),
      );
    }
    out.append(this.section("agreements", agreementCount, agreementsBox));
    out.append(
      this.section(
        "cities",
        (d.city_pairs || []).length,
        h(
          "ul",
          { class: "pairs" },
          (d.city_pairs || []).map((pair) =>
            h(
              "li",
              {},
              this.entity(pair.a),
              " ⇄ ",
              this.entity(pair.b),
              (pair.agreements || []).map((ag) =>
                h(
                  "span",
                  { class: `badge status-${String(ag.status).toLowerCase()}` },
                  t(`status.${ag.status}`),
                ),
              ),
            ),
          ),
        ),
      ),
    );
    out.append(
      this.section(
        "people",
        (d.people || []).length,
        h(
          "ul",
          { class: "people" },
          (d.people || []).map((p) =>
            h("li", {}, this.entity(p), h("span", { class: "muted small" }, ` ${side(p.side)}`)),
          ),
        ),
      ),
    );
    out.append(
      this.section(
        "posts",
        (d.posts || []).length,
        h(
          "ul",
          { class: "posts" },
          (d.posts || []).map((p) =>
            h(
              "li",
              {},
              this.entity(p.post),
              " — ",
              p.holder
                ? this.entity(p.holder)
                : h("span", { class: "muted" }, t("bilateral.vacant")),
            ),
          ),
        ),
      ),
    );
    out.append(
      this.section(
        "companies",
        (d.companies || []).length,
        h(
          "ul",
          { class: "companies" },
          (d.companies || []).map((c) =>
            h(
              "li",
              {},
              this.entity(c),
              c.located_in
                ? h("span", { class: "muted small" }, ` (${labelOf(c.located_in)})`)
                : null,
            ),
          ),
        ),
      ),
    );
    out.append(this.section("events", (d.events || []).length, this.timeline(d.events || [])));
  }

  timeline(events) {
    const lang = getLang() === "id" ? "id-ID" : "en-GB";
    const sorted = [...events].sort((x, y) =>
      String(x.date || "").localeCompare(String(y.date || "")),
    );
    const dated = sorted.filter((e) => e.date);
    const box = h("div", { class: "timeline" });
    if (dated.length > 1) {
      // A strip with one tick per event, placed by date.
      const first = Date.parse(dated[0].date);
      const last = Date.parse(dated[dated.length - 1].date);
      const span = Math.max(last - first, 1);
      const strip = h("div", {
        class: "timeline-strip",
        role: "img",
        "aria-label": t("bilateral.timeline"),
      });
      for (const event of dated) {
        const tick = h("span", {
          class: `tick cat-${categoryOf(event.type)}`,
          title: `${event.date} · ${labelOf(event)}`,
        });
        tick.style.left = `${(((Date.parse(event.date) - first) / span) * 100).toFixed(2)}%`;
        strip.append(tick);
      }
      box.append(
        strip,
        h(
          "div",
          { class: "timeline-scale small muted" },
          h("span", {}, dated[0].date),
          h("span", {}, dated[dated.length - 1].date),
        ),
      );
    }
    box.append(
      h(
        "ol",
        { class: "timeline-list" },
        sorted.map((event) =>
          h(
            "li",
            { class: "timeline-item", dataset: { id: event.id } },
            h(
              "time",
              { datetime: event.date || "" },
              event.date
                ? new Date(event.date).toLocaleDateString(lang, {
                    year: "numeric",
                    month: "short",
                    day: "numeric",
                  })
                : "?",
            ),
            h(
              "div",
              {},
              this.entity(event, typeLabel(event.type)),
              event.place ? h("div", { class: "small muted" }, labelOf(event.place)) : null,
              (event.participants || []).length
                ? h(
                    "div",
                    { class: "small" },
                    (event.participants || []).map((p, i) => [i ? ", " : "", labelOf(p)]),
                  )
                : null,
            ),
          ),
        ),
      ),
    );
    return box;
  }

  /** Put what the summary names into the network view, with the relations it states. */
  showInNetwork() {
    const d = this.data;
    if (!d) return;
    const nodes = new Map();
    const edges = [];
    const put = (n) => n?.id && nodes.set(n.id, n);
    const link = (source, relation, target) =>
      source && target && edges.push({ source: source.id, relation, target: target.id });
    put(d.a);
    put(d.b);
    for (const p of d.posts || []) {
      put(p.post);
      put(p.holder);
      link(p.holder, "org:holds", p.post);
    }
    (d.people || []).forEach(put);
    for (const status of STATUSES) {
      for (const ag of d.agreements?.[status] || []) {
        put(ag);
        for (const party of ag.parties || []) {
          put(party);
          link(ag, "bkg:party", party);
        }
      }
    }
    for (const e of d.events || []) {
      put(e);
      if (e.place) {
        put(e.place);
        link(e, "bkg:place", e.place);
      }
      for (const p of e.participants || []) {
        put(p);
        link(e, "bkg:participant", p);
      }
    }
    for (const c of d.companies || []) {
      put(c);
      if (c.located_in) {
        put(c.located_in);
        link(c, "bkg:locatedIn", c.located_in);
      }
    }
    this.view.add({ nodes: [...nodes.values()], edges }, { label: "bilateral" });
    this.view.restabilize({ fit: true });
  }
}
