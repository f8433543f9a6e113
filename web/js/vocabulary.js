// The ontology's display tables, read once from GET /api/vocabulary: statuses in their order
// in time with their colours, a colour and shape per class, the relation filter order, and
// the words for classes, statuses and relations in each language. No copy of them lives in
// the JavaScript; ontology/bilateral.ttl is the one source.

const EMPTY = {
  statuses: [],
  categories: [],
  classOf: {},
  classes: {},
  relationOrder: [],
  relations: {},
};

let loading = null;

/** The vocabulary (fetched once; an empty table if the server does not answer). */
export function loadVocabulary() {
  loading ??= fetch("/api/vocabulary", { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : EMPTY))
    .catch(() => EMPTY);
  return loading;
}
