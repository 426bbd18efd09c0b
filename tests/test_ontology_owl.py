"""ontology/kg.owl: the ontology in RDF/XML for tools that read no Turtle (owlready2), the same triples as kg.ttl."""
import subprocess
import sys

import owlready2
import rdflib

from .conftest import ROOT


def test_the_owl_file_is_current_and_holds_the_same_ontology():
    r = subprocess.run([sys.executable, str(ROOT / "ontology" / "export_owl.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    ttl = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    owl = rdflib.Graph().parse(ROOT / "ontology" / "kg.owl", format="xml")
    assert ttl.isomorphic(owl)


def test_owlready2_loads_it():
    onto = owlready2.World().get_ontology((ROOT / "ontology" / "kg.owl").as_uri()).load()
    names = {c.name for c in onto.classes()}
    assert {"Meeting", "Leader", "Tenure", "State"} <= names
