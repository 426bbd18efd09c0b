"""Graph views read the built graph through SPARQL (never the extractor's internals)."""
from __future__ import annotations

import pyoxigraph as ox

from .codes import sparql_values
from .store import run_queries

PREFIX = """PREFIX kg: <https://w3id.org/kg-arabic/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
CLASS_TYPE = {"Person": "Person", "State": "State", "City": "City", "Place": "Place", "Region": "Place",
              "Organization": "Organization", "NewsAgency": "Organization", "SupranationalUnion": "Organization"}

# the entities the articles mention and in how many articles: counted once per build (the summary graph,
# kg/summary.py), where counting each one's articles here grew with its reports (39 s at 45,000 articles)
ENTITIES = PREFIX + """
SELECT ?e (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), "#"); separator=" ") AS ?classes)
       (SAMPLE(?n) AS ?articles) (SAMPLE(?en) AS ?label_en)
WHERE { ?e kg:mentionCount [] ; kg:articleCount ?n ; a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:)))
        OPTIONAL { ?e rdfs:label ?l FILTER(lang(?l) = "ar") }
        OPTIONAL { ?e rdfs:label ?en FILTER(lang(?en) = "en") } }
GROUP BY ?e
"""
# one many-valued part per level, each on the events and agreements of the level below: linear in the graph
# (one join of evidence x articles per event would grow with the square of a much-reported event's reports,
# and a sub-SELECT of its own per part would also read every entity's articles)
EVENTS = PREFIX + """
SELECT ?ev ?cls ?label ?date ?sentence (GROUP_CONCAT(DISTINCT ?aid; separator=", ") AS ?articles) ?kind WHERE {
  { SELECT ?ev ?cls ?label ?date ?kind (SAMPLE(?s) AS ?sentence) WHERE {
      { SELECT ?ev (SAMPLE(?cl) AS ?cls) (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) (SAMPLE(?k) AS ?kind) WHERE {
          # typed with their subclass only (kg:Visit, kg:DefenseTreaty): tell them apart by class
          VALUES ?cl { CLASSES }
          BIND(IF(?cl IN (AGREEMENT_CLASSES), "Agreement", "Event") AS ?k)
          ?ev a ?cl ; rdfs:label ?l .
          OPTIONAL { ?ev kg:date ?d0 } OPTIONAL { ?ev kg:signedOn ?d1 } BIND(STR(COALESCE(?d0, ?d1)) AS ?d) }
        GROUP BY ?ev }
      ?ev kg:evidence ?m . ?m kg:sentence ?s }
    GROUP BY ?ev ?cls ?label ?date ?kind }
  ?ev kg:mentionedIn ?a . ?a kg:articleId ?aid
}
GROUP BY ?ev ?cls ?label ?date ?sentence ?kind
""".replace(  # the classes from the ontology (kg:Event, kg:Agreement and below)
    "AGREEMENT_CLASSES", sparql_values("Agreement").replace(" ", ", ")).replace("CLASSES", sparql_values("Event", "Agreement"))
EDGES = PREFIX + """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { kg:participant kg:place kg:involvesState kg:party kg:organization }
  ?s ?p ?o . }
"""


def graph_view(store: ox.Store) -> tuple[list[dict], list[dict]]:
    nodes, edges = [], []
    entity_rows, event_rows, edge_rows = run_queries(store, [ENTITIES, EVENTS, EDGES])
    for iri, label, classes, n_articles, label_en in entity_rows:
        names = classes.split()
        etype = next((CLASS_TYPE[c] for c in ("State", "City", "Person", "NewsAgency", "SupranationalUnion",
                                               "Organization", "Region", "Place") if c in names), "Other")
        tip = f"{label or iri}\n{label_en or ''}\n{etype} · {n_articles} article(s)\n{iri}"
        nodes.append({"id": iri, "label": label or iri.rsplit("/", 1)[-1], "label_en": label_en or None, "type": etype,
                      "title": tip, "date": None})
    dates = {}
    for iri, cls, label, date, sentence, articles, kind in event_rows:
        dates[iri] = date or None
        sub = cls.rsplit("#", 1)[-1]
        tip = f"{sub} {date or ''}\n{label}\n«{sentence}»\n{articles}"
        nodes.append({"id": iri, "label": f"{sub} {date or ''}".strip(), "type": kind, "title": tip, "date": date or None})
    known = {n["id"] for n in nodes}
    for s, p, o in edge_rows:
        if s in known and o in known:
            name = p.rsplit("#", 1)[-1]
            edges.append({"source": s, "target": o, "label": name, "title": name, "date": dates.get(s)})
    return nodes, edges
