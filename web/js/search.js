// Autocomplete over /api/search: names and aliases in both languages.

import { api } from "./api.js";
import { clear, debounce, h } from "./dom.js";
import { labelOf, t, typeLabel } from "./i18n.js";
import { categoryOf, shapeIcon } from "./types.js";

let counter = 0;
const instances = new Set();

/** Show every picked entity's label in the current language (after a language switch). */
export function relabelPicked() {
  for (const box of instances) if (box.picked) box.input.value = labelOf(box.picked);
}

export class Autocomplete {
  /** @param {HTMLInputElement} input  @param {{type?: string, onPick: Function, limit?: number}} options */
  constructor(input, { type = "", onPick, limit = 10 } = {}) {
    this.input = input;
    this.type = type;
    this.onPick = onPick;
    this.limit = limit;
    this.results = [];
    this.active = -1;
    this.picked = null;
    this.token = 0;
    instances.add(this);
    const id = `ac-list-${++counter}`;
    this.list = h("ul", { class: "ac-list", role: "listbox", id });
    this.list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    input.parentElement.classList.add("ac-host");
    input.after(this.list);
    const run = debounce(() => this.lookup(), 150);
    input.addEventListener("input", () => {
      this.picked = null;
      run();
    });
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("focus", () => this.results.length && this.open());
  }

  async lookup() {
    const q = this.input.value.trim();
    const token = ++this.token;
    if (!q) return this.close();
    try {
      const data = await api.search(q, { type: this.type, limit: this.limit });
      if (token !== this.token) return;
      this.results = data.results || [];
      this.render();
    } catch {
      if (token === this.token) this.close();
    }
  }

  render() {
    clear(this.list);
    this.active = this.results.length ? 0 : -1;
    if (!this.results.length) {
      this.list.append(h("li", { class: "ac-empty" }, t("search.none")));
    }
    this.results.forEach((result, index) => {
      const label = labelOf(result);
      const matched = result.matched && result.matched !== label ? result.matched : null;
      this.list.append(
        h(
          "li",
          {
            role: "option",
            class: "ac-item",
            dataset: { id: result.id, index: String(index) },
            "aria-selected": index === this.active ? "true" : "false",
            onmousedown: (event) => {
              event.preventDefault();
              this.pick(index);
            },
          },
          shapeIcon(categoryOf(result.type)),
          h("span", { class: "ac-label" }, label),
          matched ? h("span", { class: "ac-matched" }, `“${matched}”`) : null,
          h("span", { class: "ac-type" }, typeLabel(result.type)),
        ),
      );
    });
    this.open();
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }

  move(delta) {
    if (!this.results.length) return;
    this.active = (this.active + delta + this.results.length) % this.results.length;
    for (const item of this.list.querySelectorAll(".ac-item")) {
      item.setAttribute(
        "aria-selected",
        item.dataset.index === String(this.active) ? "true" : "false",
      );
    }
  }

  onKey(event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0 && !this.list.hidden) this.pick(this.active);
    } else if (event.key === "Escape") {
      this.close();
    }
  }

  pick(index) {
    const result = this.results[index];
    if (!result) return;
    this.picked = result;
    this.input.value = labelOf(result);
    this.close();
    if (this.onPick) this.onPick(result);
  }
}
