// Thin fetch wrappers over the REST contract (docs/api-contract.md).

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
  }
}

/** Entity ids contain slashes (person/zhang-min): encode each segment, keep the slashes. */
export const idPath = (id) => id.split("/").map(encodeURIComponent).join("/");

async function request(path, options = {}) {
  const response = await fetch(path, {
    headers: { Accept: "application/json", ...(options.headers || {}) },
    ...options,
  });
  if (!response.ok) {
    let title = response.statusText;
    let detail = "";
    try {
      const problem = await response.json();
      title = problem.title || title;
      detail = problem.detail || "";
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, title, detail);
  }
  return response;
}

/** GET requests started early (see early.js), by path: the first call for a path takes its answer. */
const started = new Map();

async function json(path, options) {
  const early = options ? undefined : started.get(path);
  if (early) {
    started.delete(path);
    return early;
  }
  return (await request(path, options)).json();
}

/** Start ``GET path`` now; the first ``json(path)`` afterwards gets its answer. */
export function prefetch(path) {
  const answer = json(path);
  answer.catch(() => {}); // a failure is reported to whoever asks for it, not as unhandled
  started.set(path, answer);
}

/** /api/overview's cap; /api/overview/network goes further. */
export const OVERVIEW_API_MAX = 2000;

/** The request of a first network view of ``limit`` nodes. */
export const overviewPath = (limit) =>
  `${limit > OVERVIEW_API_MAX ? "/api/overview/network" : "/api/overview"}${query({ limit })}`;

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    q.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

export const api = {
  search: (q, { type, limit = 10 } = {}) => json(`/api/search${query({ q, type, limit })}`),
  entity: (id) => json(`/api/entities/${idPath(id)}`),
  evidence: (subject, predicate, object, { offset = 0, limit = 20 } = {}) =>
    json(`/api/evidence${query({ subject, predicate, object, offset, limit })}`),
  neighbors: (id, params = {}) =>
    json(`/api/neighbors/${idPath(id)}${query({ depth: 1, ...params })}`),
  path: (from, to, params = {}) =>
    json(`/api/path${query({ from, to, max_hops: 6, k: 3, ...params })}`),
  centrality: (params = {}) =>
    json(`/api/analytics/centrality${query({ measure: "degree", top: 20, ...params })}`),
  bilateral: (a, b) => json(`/api/bilateral${query({ a, b })}`),
  overview: (limit) => json(`/api/overview${query({ limit })}`),
  stats: () => json("/api/stats"),
  map: (params = {}) => json(`/api/map${query(params)}`),
  timeline: (params = {}) => json(`/api/timeline${query(params)}`),
  summary: (top = 10) => json(`/api/summary${query({ top })}`),
  firstView: (limit) => json(overviewPath(limit)),
  snapshot: async (nodes, title) =>
    (
      await request("/api/snapshot", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/html" },
        body: JSON.stringify({ nodes, title }),
      })
    ).text(),
  sparql: (text, accept = "application/sparql-results+json") =>
    request("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: new URLSearchParams({ query: text }).toString(),
    }),
};
