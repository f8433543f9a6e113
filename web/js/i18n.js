// Interface strings in English and Indonesian (web/i18n/*.json; the words for classes,
// statuses and relations come from the ontology), and entity labels in the chosen
// language where the graph has them.

import { loadVocabulary } from "./vocabulary.js";

const LANGS = ["en", "id"];
let lang = "en";
let strings = {};
const fallback = {};
const listeners = [];

function initialLang() {
  const stored = localStorage.getItem("bikg.lang");
  if (LANGS.includes(stored)) return stored;
  return (navigator.language || "en").toLowerCase().startsWith("id") ? "id" : "en";
}

const loaded = {};

/** The ontology's words (GET /api/vocabulary) as string keys: class., status., type., rel. */
function ontologyStrings(vocabulary, code) {
  const out = {};
  const pick = (labels) => labels[code] ?? labels.en;
  for (const [name, labels] of Object.entries(vocabulary.classes))
    out[`class.${name}`] = pick(labels);
  for (const status of vocabulary.statuses) out[`status.${status.id}`] = pick(status.labels);
  for (const category of vocabulary.categories) out[`type.${category.key}`] = pick(category.labels);
  for (const [curie, labels] of Object.entries(vocabulary.relations))
    out[`rel.${curie}`] = pick(labels);
  return out;
}

async function load(code) {
  if (!loaded[code]) {
    const [response, vocabulary] = await Promise.all([
      fetch(`/static/i18n/${code}.json`, { headers: { Accept: "application/json" } }),
      loadVocabulary(),
    ]);
    loaded[code] = {
      ...(response.ok ? await response.json() : {}),
      ...ontologyStrings(vocabulary, code),
    };
  }
  return loaded[code];
}

export async function initI18n() {
  Object.assign(fallback, await load("en"));
  await setLang(initialLang());
}

export async function setLang(code) {
  lang = LANGS.includes(code) ? code : "en";
  strings = lang === "en" ? fallback : await load(lang);
  localStorage.setItem("bikg.lang", lang);
  document.documentElement.lang = lang;
  applyI18n(document);
  for (const listener of listeners) listener(lang);
}

export const getLang = () => lang;
export const onLangChange = (fn) => listeners.push(fn);

/** The string for key, with {name} placeholders filled (as text). */
export function t(key, vars = {}) {
  let text = strings[key] ?? fallback[key] ?? key;
  for (const [name, value] of Object.entries(vars))
    text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** A relation CURIE in words, falling back to the CURIE itself. */
export const relationLabel = (curie) => {
  const text = t(`rel.${curie}`);
  return text === `rel.${curie}` ? curie : text;
};

/** A bkg: class in words. */
export const typeLabel = (type) => {
  const text = t(`class.${type}`);
  return text === `class.${type}` ? type : text;
};

/** An entity's label in the chosen language: that language, else untagged, else any. */
export function labelOf(node) {
  if (!node) return "";
  const labels = node.labels || {};
  return labels[lang] || labels[""] || labels.en || labels.id || node.label || node.id || "";
}

/** Fill [data-i18n] (textContent), [data-i18n-placeholder], [data-i18n-title]. */
export function applyI18n(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]"))
    el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll("[data-i18n-aria]"))
    el.setAttribute("aria-label", t(el.dataset.i18nAria));
}
