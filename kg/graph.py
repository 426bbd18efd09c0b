"""RDF building: one named graph per article (its mentions, events, agreements and new entities, each
fact with the mention it was read from), plus a catalog graph describing the known entities used."""
from __future__ import annotations

import hashlib

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from .catalog import Catalog
from .doc import Agreement, Doc, Event, Mention, Span
from .codes import codes_of
from .extract.lexicon import frames
from .ids import CATALOG_GRAPH, is_saying, agreement_iri, article_graph_iri, article_iri, event_iri, mention_iri
from .vocab import KG, ONTOLOGY, PREFIXES, SCHEMA

ENTITY_CLASS = {"Person": KG.Person, "State": KG.State, "City": KG.City, "Place": KG.Place,
                "Organization": KG.Organization, "Other": KG.OtherEntity}
# each event type names its class in its frame (kg/lexicon/frames): the one list of event types
EVENT_CLASS = {f.type: URIRef(ONTOLOGY + f.cls) for f in frames().values()}  # classes checked at frame load
AGREEMENT_CLASS = {"Treaty": KG.Treaty, "Partnership": KG.PartnershipAgreement, "DefenseTreaty": KG.DefenseTreaty,
                   "FriendshipTreaty": KG.FriendshipTreaty, "Other": KG.OtherAgreement}


def date_literal(value: str | None) -> Literal | None:
    if not value:
        return None
    dtype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value))
    return Literal(value, datatype=dtype) if dtype else None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_nodes(doc: Doc) -> list[str]:
    """The IRIs of an article's events, in order. Reports in several articles are one event where they agree on
    type, day, states and who acted: a saying's speaker, else the event's agents, else two or more people or
    bodies taking part. Only entities of the catalog identify (a name new to it may be a misreading); an event
    known by its states and day alone (a Statement by the UAE on 2015-05-21) stays its article's own: of 50
    events that 5,000 real articles had merged that way, read one by one, none was one happening. Within the
    article, events of one type, day and states are one node, as before, named by all their actors; one only
    planned (سيحضر الاجتماع) is never the node of one reported done (عقد الرئيسان اجتماعا) that day."""
    def named(ev: Event, iris: list[str]) -> set[str]:
        return {x for x in iris if x not in ev.states and x not in doc.new_types}

    def actors(ev: Event) -> set[str]:
        agents = named(ev, ev.roles.get("agent", []))
        if agents or is_saying(ev.type):
            return agents
        taking_part = named(ev, ev.participants + ev.organizations)
        return taking_part if len(taking_part) >= 2 else set()

    def key(ev: Event) -> tuple:  # one node per article (what the IRI said before the actors were in it)
        return (ev.type, tuple(sorted(ev.states)), ev.date, ev.status == "planned",
                tuple(sorted(ev.participants)) if is_saying(ev.type) else ())

    groups: dict[tuple, set[str]] = {}
    for ev in doc.events:
        groups.setdefault(key(ev), set()).update(actors(ev))
    return [event_iri(ev.type, ev.states, sorted(groups[key(ev)]), ev.date, doc.article.id, ev.participants,
                      planned=ev.status == "planned") for ev in doc.events]


def agreement_node(ag: Agreement) -> str:
    return agreement_iri(ag.type, ag.parties, ag.signed)


def new_dataset() -> Dataset:
    ds = Dataset()
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    return ds


def nt_term(term) -> str:
    """One IRI or literal in N-Triples, exactly as rdflib's nt serialiser writes it (tests/test_graph.py)."""
    if isinstance(term, Literal):
        q = '"' + term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{q}@{term.language}"
        return f"{q}^^<{term.datatype}>" if term.datatype else q
    return term.n3()


class NTLines:
    """A graph as a set of N-Triples lines: the one operation the article builder needs (add) and no index."""

    def __init__(self):
        self.lines: set[str] = set()

    def add(self, triple) -> None:
        s, p, o = triple
        self.lines.add(f"{s.n3()} {p.n3()} {nt_term(o)} ")  # the graph name or "." follows

    def sorted(self) -> list[bytes]:
        return sorted(ln.encode("utf-8") for ln in self.lines)


class GraphBuilder:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def article_graph(self, doc: Doc, new_types: dict[str, str]) -> Graph:
        """The named graph of one article, as an rdflib Graph."""
        g = Graph(identifier=URIRef(article_graph_iri(doc.article.id)))
        self._article(g, doc, new_types)
        return g

    def article_lines(self, doc: Doc, new_types: dict[str, str]) -> list[bytes]:
        """The same graph as sorted N-Triples lines without their final ".\n": what the build writes. Three
        times faster than an rdflib Graph, whose indexed store the build never queries."""
        lines = NTLines()
        self._article(lines, doc, new_types)
        return lines.sorted()

    def _article(self, g, doc: Doc, new_types: dict[str, str]) -> None:
        a = doc.article
        art = URIRef(article_iri(a.id))
        g.add((art, RDF.type, KG.Article))
        g.add((art, KG.articleId, Literal(a.id)))
        g.add((art, KG.contentHash, Literal(content_hash(a.text))))
        if a.published:
            g.add((art, SCHEMA.datePublished, Literal(a.published.isoformat(), datatype=XSD.date)))
        if a.title:
            g.add((art, SCHEMA.headline, Literal(a.title)))
        if a.url:
            g.add((art, SCHEMA.url, Literal(a.url)))
        if a.source:
            g.add((art, KG.source, Literal(a.source)))

        for m in doc.mentions:
            if not m.entity:
                continue
            ent = URIRef(m.entity)
            node = self._mention(g, doc, m.start, m.end, m.kind)
            g.add((node, KG.mentionOf, ent))
            g.add((ent, KG.mentionedIn, art))
            if m.entity not in self.catalog.entities:  # a new entity lives in its article's graph
                g.add((ent, RDF.type, ENTITY_CLASS.get(new_types.get(m.entity, "Other"), KG.OtherEntity)))
                g.add((ent, RDFS.label, Literal(m.text, lang="ar")))

        for ev, iri in zip(doc.events, event_nodes(doc)):
            node = URIRef(iri)
            cls = EVENT_CLASS.get(ev.type, KG.OtherEvent)
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(self._event_label(ev), lang="ar")))
            self._codes(g, node, cls)
            for p in ev.participants:
                g.add((node, KG.participant, URIRef(p)))
            for p in ev.roles.get("agent", ()):
                g.add((node, KG.agent, URIRef(p)))
            for p in ev.roles.get("target", ()):
                g.add((node, KG.target, URIRef(p)))
            for s in ev.states:
                g.add((node, KG.involvesState, URIRef(s)))
            for o in ev.organizations:
                g.add((node, KG.organization, URIRef(o)))
            if ev.place:
                g.add((node, KG.place, URIRef(ev.place)))
            self._date(g, node, KG.date, ev.date, ev.precision)
            g.add((node, KG.status, Literal(ev.status)))
            g.add((node, KG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)))
            g.add((node, KG.mentionedIn, art))
            for span in [ev.evidence, *ev.more_evidence]:
                g.add((node, KG.evidence, self._mention(g, doc, span.start, span.end, "evidence")))
            g.add((node, KG.triggerText, Literal(ev.trigger.text, lang="ar")))

        for ag in doc.agreements:
            node = URIRef(agreement_node(ag))
            cls = AGREEMENT_CLASS.get(ag.type, KG.OtherAgreement)
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(ag.name_ar or ag.trigger.text, lang="ar")))
            self._codes(g, node, cls)
            for p in ag.parties:
                g.add((node, KG.party, URIRef(p)))
                g.add((URIRef(p), KG.partyTo, node))
            self._date(g, node, KG.signedOn, ag.signed, None)
            g.add((node, KG.status, Literal(ag.status)))
            g.add((node, KG.mentionedIn, art))
            for span in [ag.evidence, *ag.more_evidence]:
                g.add((node, KG.evidence, self._mention(g, doc, span.start, span.end, "evidence")))

    def _date(self, g, node, prop, value: str | None, precision: str | None) -> None:
        lit = date_literal(value)
        if lit is None:
            return
        g.add((node, prop, lit))
        if prop == KG.date:
            g.add((node, KG.datePrecision, Literal(precision or {10: "day", 7: "month", 4: "year"}[len(value)])))

    def _mention(self, g, doc: Doc, start: int, end: int, kind: str) -> URIRef:
        node = URIRef(mention_iri(doc.article.id, start, end, kind))
        g.add((node, RDF.type, KG.Mention))
        g.add((node, KG.inArticle, URIRef(article_iri(doc.article.id))))
        g.add((node, KG.startOffset, Literal(start)))
        g.add((node, KG.endOffset, Literal(end)))
        g.add((node, KG.text, Literal(doc.text[start:end])))
        g.add((node, KG.mentionKind, Literal(kind)))
        sent = doc.sentence_of(start)
        if sent is not None:
            g.add((node, KG.sentence, Literal(doc.text[sent.start:sent.end])))
            g.add((node, KG.sentenceStart, Literal(sent.start)))
        return node

    def _label(self, iri: str) -> str:
        e = self.catalog.entities.get(iri)
        return e.label_ar if e else iri.rsplit("/", 1)[-1]

    @staticmethod
    def _codes(g, node, cls) -> None:
        """The class's PLOVER category and CAMEO root on the node itself, for queries (kg.codes)."""
        plover, cameo = codes_of(cls)
        if plover:
            g.add((node, KG.plover, Literal(plover)))
        if cameo:
            g.add((node, KG.cameo, Literal(cameo)))

    def _event_label(self, ev: Event) -> str:
        who = "، ".join(self._label(p) for p in (ev.participants or ev.states)[:4])
        return f"{ev.type}: {who}" + (f" ({ev.date})" if ev.date else "")

    def catalog_graph(self, used: set[str]) -> Graph:
        """Catalog descriptions of the known entities the articles use, and the states they point to."""
        g = Graph(identifier=URIRef(CATALOG_GRAPH))
        todo, seen = [i for i in used if i in self.catalog.entities], set()
        while todo:
            iri = todo.pop()
            if iri in seen:
                continue
            seen.add(iri)
            for t in self.catalog.describe(iri):
                g.add(t)
            e = self.catalog.entities[iri]
            for ref in [e.capital_of, e.seat_of, *e.leader_of, *(t.state for t in e.tenures)]:
                if ref and ref in self.catalog.entities and ref not in seen:
                    todo.append(ref)
        return g
