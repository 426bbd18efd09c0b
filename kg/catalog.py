"""The entity catalog: known states, cities, places, people and organisations (ontology/entities.ttl).

Loaded once into plain Python objects; the gazetteer and the linker use it, nothing else reads the TTL.
Surface forms are generated from the labels by rule (kg.variants) and compared in normalised form.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

import pyoxigraph as ox
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
    precise: bool = True  # both bounds known to the day (a table may give a year only)
    org: bool = False  # `state` is an international organisation (kg:ofOrganization: the head of the UN...)

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
    triples: dict[str, list[tuple]] = field(default_factory=dict, repr=False)  # subject -> (p, o) as parsed
    _holders: dict[tuple[str, str], list[tuple[Tenure, Entity]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for e in self.entities.values():
            for t in e.tenures:
                self._holders.setdefault((t.role, t.state), []).append((t, e))

    def inside(self, place: str, container: str) -> bool:
        """Whether a place lies inside another (a site in its city, a city in its state)."""
        seen = set()
        while place and place not in seen:
            seen.add(place)
            e = self.entities.get(place)
            place = (e.located_in or e.capital_of) if e else None
            if place == container:
                return True
        return False

    def holder(self, role: str, state: str, day: date | None) -> Entity | None:
        """Who held `role` of `state` on `day` (the latest holder when day is None). Where terms known only
        to the year overlap in a year of change, the term dated to the day wins, then the one begun last."""
        best, best_key = None, None
        for t, e in self._holders.get((role, state), ()):
            if not (t.covers(day) if day else t.end is None):
                continue
            key = (t.precise, t.start or date.min)
            if best_key is None or key >= best_key:
                best, best_key = e, key
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
        out = []
        for p, o in self.triples.get(iri, ()):
            out.append((rdflib.URIRef(iri), _to_rdflib(p), _to_rdflib(o)))
            if isinstance(o, ox.BlankNode):
                out.extend((_to_rdflib(o), _to_rdflib(p2), _to_rdflib(o2)) for p2, o2 in self.triples.get(o, ()))
        return out


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _ontology_file(name: str):
    return resources.files("kg.ontology").joinpath(name)


def _literal_date(v, end: bool = False) -> tuple[date | None, bool]:
    """A tenure bound as a date and whether it is exact: a year or a month (the tables give some terms so)
    is its first day as a start, its last day as an end."""
    if v is None:
        return None, False
    text = str(v.value if isinstance(v, ox.Literal) else v)
    try:
        if len(text) == 4:
            return (date(int(text), 12, 31) if end else date(int(text), 1, 1)), False
        if len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            last = (date(y + (m == 12), m % 12 + 1, 1) - date.resolution) if end else date(y, m, 1)
            return last, False
        return date.fromisoformat(text[:10]), True
    except ValueError:
        return None, False


def _literals(po: list[tuple], p: str, lang: str) -> list[str]:
    return sorted(o.value for pp, o in po if pp.value == p and isinstance(o, ox.Literal) and o.language == lang)


def _objects(po: list[tuple], p: str) -> list:
    return [o for pp, o in po if pp.value == p]


def _first(po: list[tuple], p) -> ox.NamedNode | ox.Literal | ox.BlankNode | None:
    return next(iter(_objects(po, str(p))), None)


def one_of(po: list[tuple], p) -> str | None:
    o = _first(po, p)
    return o.value if o is not None else None


def _parse(source) -> dict:
    triples: dict = {}
    for t in ox.parse(source, format=ox.RdfFormat.TURTLE):
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else t.subject
        triples.setdefault(s, []).append((t.predicate, t.object))
    return triples


@functools.lru_cache(maxsize=2)
def load_catalog(path: str | None = None) -> Catalog:
    with _ontology_file("kg.ttl").open("rb") as f:
        tbox = _parse(f)
    if path:
        with open(path, "rb") as f:
            triples = _parse(f)
    else:
        with _ontology_file("entities.ttl").open("rb") as f:
            triples = _parse(f)
    role_titles = {}
    for s, po in tbox.items():
        if any(p.value == str(RDF.type) and o.value == str(KG.Role) for p, o in po):
            for t in _objects(po, str(KG.title)):
                role_titles[normalize(t.value)] = s

    types = {str(k): v for k, v in TYPES.items()}
    entities: dict[str, Entity] = {}
    for iri, po in triples.items():
        if not isinstance(iri, str):
            continue  # a tenure's blank node
        classes = [o.value for p, o in po if p.value == str(RDF.type) and o.value in types]
        if not classes:
            continue
        kinds = [types[c] for c in classes]
        kind = next((k for k in kinds if k in ("State", "City", "Person")), kinds[0])  # the most specific
        ar = _literals(po, str(RDFS.label), "ar")
        en = _literals(po, str(RDFS.label), "en")
        wd = next((o.value[len(WD_PREFIX):] for o in _objects(po, str(OWL.sameAs)) if o.value.startswith(WD_PREFIX)), None)
        e = Entity(
            iri=iri, type=kind, classes=classes, label_ar=ar[0] if ar else (en[0] if en else iri),
            label_en=en[0] if en else None, wikidata=wd,
            alt_ar=_literals(po, str(SKOS.altLabel), "ar"), alt_en=_literals(po, str(SKOS.altLabel), "en"),
            demonyms=_literals(po, str(KG.demonym), "ar"),
            capital_of=one_of(po, KG.capitalOf), seat_of=one_of(po, KG.seatOfGovernmentOf),
            located_in=one_of(po, KG.locatedIn), body_of=one_of(po, KG.governmentBodyOf),
            leader_of=sorted(o.value for o in _objects(po, str(KG.leaderOf))),
        )
        for node in _objects(po, str(KG.tenure)):
            tpo = triples.get(node, [])
            role, state = one_of(tpo, KG.role), one_of(tpo, KG.ofState)
            org = one_of(tpo, KG.ofOrganization)
            if role is not None and (state or org):
                start, exact_start = _literal_date(_first(tpo, KG.start))
                end, exact_end = _literal_date(_first(tpo, KG.end), end=True)
                e.tenures.append(Tenure(role, state or org, start, end, precise=exact_start and (end is None or exact_end),
                                        org=state is None))
        entities[iri] = e
    return Catalog(entities=entities, role_titles=role_titles, triples=triples)
