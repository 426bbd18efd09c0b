"""`kg validate`: the SHACL shapes (pyshacl) and an OWL 2 reasoner (HermiT through owlready2) over a build.

HermiT supports only the OWL 2 datatype map, which lacks xsd:date, xsd:gYear and xsd:gYearMonth; literals
of those types (our dates) and range axioms naming them are left out of the reasoner's copy. Nothing else is.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from rdflib.namespace import XSD

from .errors import KgError

KG = "https://w3id.org/kg-arabic/ontology#"
UNSUPPORTED = {XSD.date, XSD.gYear, XSD.gYearMonth}


@dataclass
class Report:
    triples: int
    shacl_ok: bool
    shacl_text: str
    consistent: bool | None = None
    leaders: list[str] = field(default_factory=list)
    reasoner_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.shacl_ok and self.consistent is not False and self.reasoner_error is None

    def text(self) -> str:
        lines = [f"triples: {self.triples}", f"SHACL: {'conforms' if self.shacl_ok else 'VIOLATIONS'}"]
        if not self.shacl_ok:
            lines.append(self.shacl_text.strip())
        if self.reasoner_error:
            lines.append(f"reasoner: error: {self.reasoner_error}")
        elif self.consistent is not None:
            lines.append(f"HermiT: {'consistent' if self.consistent else 'INCONSISTENT'}")
            lines.append(f"inferred Leader: {len(self.leaders)}" + (f" ({', '.join(self.leaders[:12])})" if self.leaders else ""))
        return "\n".join(lines)


def ontology_graph(name: str = "kg.ttl") -> rdflib.Graph:
    with resources.files("kg.ontology").joinpath(name).open("rb") as f:
        return rdflib.Graph().parse(f, format="turtle")


def load_data(path: str | os.PathLike) -> rdflib.Graph:
    """The union of a build's graphs (directory) or an RDF file."""
    p = Path(path)
    if p.is_dir():
        for name, fmt in (("dataset.nq", "nquads"), ("dataset.trig", "trig"), ("graph.ttl", "turtle")):
            if (p / name).is_file():
                p, fmt_ = p / name, fmt
                break
        else:
            raise KgError(f"{path}: not a kg build directory (no dataset.nq, dataset.trig or graph.ttl)")
    elif p.is_file():
        fmt_ = {".nq": "nquads", ".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml"}.get(p.suffix)
        if fmt_ is None:
            raise KgError(f"{path}: unknown RDF format (expected .ttl, .trig, .nq, .nt, .rdf)")
    else:
        raise KgError(f"{path}: no such file or directory")
    try:
        if fmt_ in ("nquads", "trig"):
            ds = rdflib.Dataset()
            ds.parse(p, format=fmt_)
            g = rdflib.Graph()
            for s, pr, o, _ in ds.quads((None, None, None, None)):
                g.add((s, pr, o))
            return g
        return rdflib.Graph().parse(p, format=fmt_)
    except Exception as e:  # rdflib raises many parser-specific types
        raise KgError(f"{p}: not valid RDF ({type(e).__name__}: {str(e)[:200]})") from None


def run_shacl(data: rdflib.Graph) -> tuple[bool, str]:
    import pyshacl

    conforms, _, text = pyshacl.validate(data, shacl_graph=ontology_graph("shapes.ttl"), ont_graph=ontology_graph(),
                                         inference="none", allow_warnings=True)
    return bool(conforms), text


def run_hermit(data: rdflib.Graph) -> tuple[bool, list[str]]:
    """Load TBox + data into owlready2, run HermiT; return (consistent, IRIs inferred to be kg:Leader)."""
    import owlready2

    merged = rdflib.Graph()
    for s, p, o in (*ontology_graph(), *data):
        if o in UNSUPPORTED or (isinstance(o, rdflib.Literal) and o.datatype in UNSUPPORTED):
            continue
        merged.add((s, p, o))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kg-merged.nt"
        merged.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, []
        leader = world[KG + "Leader"]
        # owl:sameAs makes each leader's Wikidata IRI a Leader too: list the graph's own entity once
        leaders = sorted({i.iri for i in leader.instances() if not i.iri.startswith("http://www.wikidata.org/")}) \
            if leader is not None else []
        return True, leaders


def validate(path: str | os.PathLike, reasoner: bool = True) -> Report:
    data = load_data(path)
    ok, text = run_shacl(data)
    report = Report(triples=len(data), shacl_ok=ok, shacl_text=text)
    if reasoner:
        try:
            report.consistent, report.leaders = run_hermit(data)
        except Exception as e:  # Java missing, JVM errors: report, don't crash
            report.reasoner_error = f"{type(e).__name__}: {str(e).strip().splitlines()[-1][:300] if str(e).strip() else ''}"
    return report
