// Example queries of the SPARQL page (the README shows the same ones).

const PREFIXES = `PREFIX bkg:    <https://w3id.org/bilateral-kg/ontology#>
PREFIX org:    <http://www.w3.org/ns/org#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
`;

export const EXAMPLES = [
  {
    key: "holders",
    query: `${PREFIXES}
# Who holds which post (and the kind of post)
SELECT ?person ?name ?post ?postLabel ?role
WHERE {
  ?person org:holds ?post ;
          rdfs:label ?name .
  ?post rdfs:label ?postLabel .
  OPTIONAL { ?post org:role ?role }
}
ORDER BY ?postLabel ?name
LIMIT 200`,
  },
  {
    key: "sisterCities",
    query: `${PREFIXES}
# Sister-city agreements by status, with their parties
SELECT ?status ?agreement ?label (GROUP_CONCAT(?partyName; separator=" – ") AS ?parties)
WHERE {
  ?agreement a bkg:SisterCityAgreement ;
             rdfs:label ?label ;
             bkg:status ?statusIri ;
             bkg:party ?party .
  ?party rdfs:label ?partyName .
  FILTER (LANG(?partyName) IN ("", "en"))
  BIND (STRAFTER(STR(?statusIri), "#") AS ?status)
}
GROUP BY ?status ?agreement ?label
ORDER BY ?status ?label`,
  },
  {
    key: "meetings",
    query: `${PREFIXES}
# Meetings between two dates, where and with whom
SELECT ?meeting ?date ?where (GROUP_CONCAT(?who; separator=", ") AS ?participants)
WHERE {
  ?meeting a bkg:Meeting ;
           schema:startDate ?date .
  FILTER (?date >= "2025-01-01"^^xsd:date && ?date <= "2025-12-31"^^xsd:date)
  OPTIONAL {
    ?meeting bkg:place ?place .
    ?place rdfs:label ?where .
    FILTER (LANG(?where) IN ("", "en"))
  }
  OPTIONAL { ?meeting bkg:participant/rdfs:label ?who }
}
GROUP BY ?meeting ?date ?where
ORDER BY ?date`,
  },
  {
    key: "evidence",
    query: `${PREFIXES}
# The evidence for one edge: which sentence of which article says so.
# Evidence nodes (bkg:Evidence) live in each article's named graph. The
# object comes first: fewer evidence nodes name a post than name its holder.
SELECT ?sentence ?confidence ?article ?title ?url ?published
WHERE {
  VALUES (?s ?p ?o) {
    (<https://w3id.org/bilateral-kg/id/person/zhang-min>
     org:holds
     <https://w3id.org/bilateral-kg/id/post/consul-general/cn/medan-1214520>)
  }
  GRAPH ?article {
    ?evidence rdf:object ?o ; rdf:subject ?s ; rdf:predicate ?p ;
              bkg:sentence ?sentence ;
              bkg:confidence ?confidence .
  }
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?published }
}
ORDER BY DESC(?confidence) ?published`,
  },
  {
    key: "mostCited",
    query: `${PREFIXES}
# Post holdings stated by most articles: a count per fact in the support graph
SELECT ?name ?postLabel ?articles
WHERE {
  ?person org:holds ?post ;
          rdfs:label ?name .
  ?post rdfs:label ?postLabel .
  GRAPH <https://w3id.org/bilateral-kg/support> {
    ?fact rdf:subject ?person ; rdf:predicate org:holds ; rdf:object ?post ;
          bkg:supportCount ?articles .
  }
}
ORDER BY DESC(?articles) ?name
LIMIT 50`,
  },
  {
    key: "agreementsByStatus",
    query: `${PREFIXES}
# How many agreements of each kind and status (switch the result to Chart)
SELECT ?kind ?status (COUNT(DISTINCT ?agreement) AS ?agreements)
WHERE {
  VALUES ?type { bkg:SisterCityAgreement bkg:MemorandumOfUnderstanding
                 bkg:LetterOfIntent bkg:CooperationAgreement }
  ?agreement a ?type ;
             bkg:status ?statusIri .
  BIND (STRAFTER(STR(?type), "#") AS ?kind)
  BIND (STRAFTER(STR(?statusIri), "#") AS ?status)
}
GROUP BY ?kind ?status
ORDER BY DESC(?agreements)`,
  },
  {
    key: "busiest",
    query: `${PREFIXES}
# Who takes part in most meetings, visits, signings and invitations
SELECT ?person ?name (COUNT(?event) AS ?events)
WHERE {
  ?event bkg:participant ?person .
  ?person a bkg:Person ;
          rdfs:label ?name .
}
GROUP BY ?person ?name
ORDER BY DESC(?events) ?name
LIMIT 30`,
  },
];
