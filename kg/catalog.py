"""The entity catalog: known states, cities, places, people and organisations (ontology/entities.ttl).

Loaded once into plain Python objects; the gazetteer and the linker use it, nothing else reads the TTL.
Surface forms are generated from the labels by rule (kg.variants) and compared in normalised form.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .text import normalize

KG = rdflib.Namespace("https://w3id.org/kg-arabic/ontology#")
WD_PREFIX = "http://www.wikidata.org/entity/"
# catalog class -> facts.jsonl type
TYPES = {
    KG.State: "State", KG.City: "City", KG.Place: "Place", KG.Region: "Place",
    KG.Person: "Person", KG.Organization: "Organization", KG.NewsAgency: "Organization",
    KG.SupranationalUnion: "Organization", KG.OtherEntity: "Other", KG.HistoricalEvent: "Other",
}


@dataclass
class Tenure:
    role: str  # IRI of a kg:Role
    state: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Entity:
    iri: str
    type: str  # Person | State | City | Place | Organization | Other
    classes: list[str]
    label_ar: str
    label_en: str | None = None
    wikidata: str | None = None
    alt_ar: list[str] = field(default_factory=list)
    alt_en: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital_of: str | None = None
    seat_of: str | None = None  # seat of government (الكرملين -> Russia)
    located_in: str | None = None
    body_of: str | None = None  # a ministry speaks for its state
    leader_of: list[str] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)

    def state(self) -> str | None:
        """The state this entity stands for or belongs to (for an event's `states`)."""
        if self.type == "State":
            return self.iri
        return self.capital_of or self.seat_of


@dataclass
class Catalog:
    entities: dict[str, Entity]
    role_titles: dict[str, str]  # normalised Arabic title -> role IRI
    graph: rdflib.Graph  # the catalog triples, copied into built graphs for the entities used

    def holder(self, role: str, state: str, day: date | None) -> Entity | None:
        """Who held `role` of `state` on `day` (the latest holder when day is None)."""
        best = None
        for e in self.entities.values():
            for t in e.tenures:
                if t.role == role and t.state == state and (t.covers(day) if day else t.end is None):
                    best = e
        return best

    def roles_of_title(self, title_norm: str) -> str | None:
        return self.role_titles.get(title_norm)

    def by_wikidata(self, qid: str) -> Entity | None:
        for e in self.entities.values():
            if e.wikidata == qid:
                return e
        return None

    def describe(self, iri: str) -> list[tuple]:
        """Catalog triples about one entity (and its tenure nodes) for inclusion in a built graph."""
        ref = rdflib.URIRef(iri)
        out = list(self.graph.triples((ref, None, None)))
        for _, _, t in self.graph.triples((ref, KG.tenure, None)):
            out.extend(self.graph.triples((t, None, None)))
        return out


def _ontology_file(name: str):
    return resources.files("kg.ontology").joinpath(name)


def _literal_date(v) -> date | None:
    if v is None:
        return None
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _lang(g: rdflib.Graph, s, p, lang: str) -> list[str]:
    return sorted(str(o) for o in g.objects(s, p) if isinstance(o, rdflib.Literal) and o.language == lang)


@functools.lru_cache(maxsize=2)
def load_catalog(path: str | None = None) -> Catalog:
    g = rdflib.Graph()
    with _ontology_file("kg.ttl").open("rb") as f:
        tbox = rdflib.Graph().parse(f, format="turtle")
    if path:
        g.parse(path, format="turtle")
    else:
        with _ontology_file("entities.ttl").open("rb") as f:
            g.parse(f, format="turtle")
    role_titles = {}
    for role in tbox.subjects(RDF.type, KG.Role):
        for t in tbox.objects(role, KG.title):
            role_titles[normalize(str(t))] = str(role)

    entities: dict[str, Entity] = {}
    for s, _, cls in g.triples((None, RDF.type, None)):
        if cls not in TYPES or not isinstance(s, rdflib.URIRef):
            continue
        iri = str(s)
        if iri in entities:
            # keep the most specific type (State over Place, NewsAgency is an Organization)
            if TYPES[cls] in ("State", "City", "Person"):
                entities[iri].type = TYPES[cls]
            entities[iri].classes.append(str(cls))
            continue
        ar = _lang(g, s, RDFS.label, "ar")
        en = _lang(g, s, RDFS.label, "en")
        wd = next((str(o)[len(WD_PREFIX):] for o in g.objects(s, OWL.sameAs) if str(o).startswith(WD_PREFIX)), None)
        e = Entity(
            iri=iri, type=TYPES[cls], classes=[str(cls)], label_ar=ar[0] if ar else (en[0] if en else iri),
            label_en=en[0] if en else None, wikidata=wd,
            alt_ar=_lang(g, s, SKOS.altLabel, "ar"), alt_en=_lang(g, s, SKOS.altLabel, "en"),
            demonyms=_lang(g, s, KG.demonym, "ar"),
        )
        e.capital_of = next((str(o) for o in g.objects(s, KG.capitalOf)), None)
        e.seat_of = next((str(o) for o in g.objects(s, KG.seatOfGovernmentOf)), None)
        e.located_in = next((str(o) for o in g.objects(s, KG.locatedIn)), None)
        e.body_of = next((str(o) for o in g.objects(s, KG.governmentBodyOf)), None)
        e.leader_of = sorted(str(o) for o in g.objects(s, KG.leaderOf))
        for t in g.objects(s, KG.tenure):
            role, state = g.value(t, KG.role), g.value(t, KG.ofState)
            if role is not None and state is not None:
                e.tenures.append(Tenure(str(role), str(state), _literal_date(g.value(t, KG.start)),
                                        _literal_date(g.value(t, KG.end))))
        entities[iri] = e
    return Catalog(entities=entities, role_titles=role_titles, graph=g)
