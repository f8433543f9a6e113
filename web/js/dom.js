// DOM helpers. Article-derived text only ever reaches the page through textContent
// and setAttribute, never through innerHTML: that is the whole XSS policy of the view.

/**
 * Create an element: h("a", {href: url, class: "x", onclick: fn}, "text", child...).
 * Strings become text nodes; null/undefined/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "href" || key === "src") {
      const url = safeUrl(value);
      if (url) el.setAttribute(key, url);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** The URL if it is http(s) or a same-origin path, else null (no javascript:, data:, ...). */
export function safeUrl(value) {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  if (text.startsWith("#") || text.startsWith("?")) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, else the URL as plain text. */
export function link(url, text, attrs = {}) {
  const safe = safeUrl(url);
  if (!safe) return h("span", { class: "unsafe-url" }, text ?? String(url ?? ""));
  const external = !safe.startsWith("/") && !safe.startsWith("#") && !safe.startsWith("?");
  return h(
    "a",
    { href: safe, ...(external ? { target: "_blank", rel: "noopener noreferrer" } : {}), ...attrs },
    text ?? safe,
  );
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Download text or a Blob as a file. */
export function download(name, content, type = "text/plain") {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = h("a", { download: name });
  a.href = url; // blob: URLs are ours; set directly rather than through safeUrl
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Show a transient message in the status bar. */
export function toast(message, kind = "info") {
  const bar = document.getElementById("toast");
  if (!bar) return;
  bar.textContent = message;
  bar.dataset.kind = kind;
  bar.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (bar.hidden = true), 4000);
}
