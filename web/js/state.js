// The filters every view shares: a country pair (a, b, ISO codes), a period (since,
// until) and the map's layers. They live in the page's query string, so a link or a
// reload keeps them, and in sessionStorage, so moving between the views keeps them too.

const KEYS = ["a", "b", "since", "until", "layers"];
const STORE = "bikg.filters";

export function readState() {
  const params = new URLSearchParams(location.search);
  let saved = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(STORE) || "{}");
  } catch {
    saved = {};
  }
  // The query string wins when it says anything: a shared link means what it says.
  const fromUrl = KEYS.some((k) => params.has(k));
  const state = {};
  for (const key of KEYS) {
    const value = fromUrl ? params.get(key) : saved[key];
    if (value) state[key] = value;
  }
  return state;
}

/** Merge changes into the state, the URL (without a reload) and sessionStorage. */
export function writeState(changes) {
  const state = { ...readState(), ...changes };
  for (const key of KEYS) if (!state[key]) delete state[key];
  sessionStorage.setItem(STORE, JSON.stringify(state));
  const params = new URLSearchParams(location.search);
  for (const key of KEYS) {
    if (state[key]) params.set(key, state[key]);
    else params.delete(key);
  }
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  linkViews();
  return state;
}

/** A view's URL carrying the shared filters (plus any extra parameters). */
export function viewUrl(path, extra = {}, hash = "") {
  const state = readState();
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const query = params.toString();
  return `${path}${query ? `?${query}` : ""}${hash}`;
}

/** Point every [data-view] nav link at its view with the current filters. */
export function linkViews(root = document) {
  for (const a of root.querySelectorAll("a[data-view]"))
    a.setAttribute("href", viewUrl(a.dataset.view));
}

/** The ISO date of a Date, local calendar day. */
export const isoDay = (date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
