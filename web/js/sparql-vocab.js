// What YASQE completes: our prefixes, and the classes and properties of our ontology, read
// from this server's /ontology.nt. YASQE's own class and property completers ask a remote
// service (Linked Open Vocabularies) and its prefix list may come from prefix.cc; ours
// replace them, so typing in the editor never sends a request beyond this server.

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
const OWL = "http://www.w3.org/2002/07/owl#";

/** Prefix -> namespace, as kg/graph/vocab.py declares them. */
export const PREFIXES = {
  bkg: "https://w3id.org/bilateral-kg/ontology#",
  bkgid: "https://w3id.org/bilateral-kg/id/",
  org: "http://www.w3.org/ns/org#",
  schema: "https://schema.org/",
  prov: "http://www.w3.org/ns/prov#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  rdfs: RDFS,
  rdf: RDF,
  owl: OWL,
  xsd: "http://www.w3.org/2001/XMLSchema#",
  dct: "http://purl.org/dc/terms/",
};

/** The PREFIX lines of a new query. */
export const prefixLines = (names = Object.keys(PREFIXES)) =>
  names.map((name) => `PREFIX ${`${name}:`.padEnd(7)} <${PREFIXES[name]}>`).join("\n");

const CLASS_TYPES = new Set([`${OWL}Class`, `${RDFS}Class`]);
const PROPERTY_TYPES = new Set([
  `${OWL}ObjectProperty`,
  `${OWL}DatatypeProperty`,
  `${OWL}AnnotationProperty`,
  `${RDF}Property`,
]);
// Terms every query uses that the ontology does not declare itself.
const CORE_PROPERTIES = [
  `${RDF}type`,
  `${RDFS}label`,
  `${RDFS}comment`,
  `${RDF}subject`,
  `${RDF}predicate`,
  `${RDF}object`,
];
const TRIPLE = /^<([^>]*)> <([^>]*)> <([^>]*)> \.$/;

/** {classes, properties}: sorted IRIs declared in the ontology served at /ontology.nt. */
export async function loadVocabulary() {
  const response = await fetch("/ontology.nt", { headers: { Accept: "application/n-triples" } });
  if (!response.ok) throw new Error(`/ontology.nt answered ${response.status}`);
  const classes = new Set();
  const properties = new Set(CORE_PROPERTIES);
  for (const line of (await response.text()).split("\n")) {
    const match = TRIPLE.exec(line.trim());
    if (!match || match[2] !== `${RDF}type`) continue;
    if (CLASS_TYPES.has(match[3])) classes.add(match[1]);
    else if (PROPERTY_TYPES.has(match[3])) properties.add(match[1]);
  }
  return { classes: [...classes].sort(), properties: [...properties].sort() };
}

const notStored = () => undefined; // completions come fresh from the server, not localStorage

/**
 * Register our completers on YASQE and make them the only ones: variables, prefixes
 * (ours first, then the list bundled with YASQE), classes and properties.
 */
export function useOurCompleters(Yasqe, vocabulary) {
  const bundled = Yasqe.Autocompleters.prefixes.get;
  Yasqe.forkAutocompleter(
    "prefixes",
    {
      name: "bkgPrefixes",
      persistenceId: notStored,
      get: async (yasqe) => {
        const ours = Object.entries(PREFIXES).map(([name, ns]) => `${name}: <${ns}>`);
        const others = (await bundled(yasqe)).filter((line) => !(line.split(":")[0] in PREFIXES));
        return [...ours, ...others];
      },
    },
    false,
  );
  Yasqe.forkAutocompleter(
    "class",
    {
      name: "bkgClass",
      bulk: true,
      autoShow: true,
      persistenceId: notStored,
      get: () => vocabulary.classes,
    },
    false,
  );
  Yasqe.forkAutocompleter(
    "property",
    {
      name: "bkgProperty",
      bulk: true,
      autoShow: true,
      persistenceId: notStored,
      get: () => vocabulary.properties,
    },
    false,
  );
  Yasqe.defaults.autocompleters.splice(
    0,
    Infinity,
    "variables",
    "bkgPrefixes",
    "bkgClass",
    "bkgProperty",
  );
}
