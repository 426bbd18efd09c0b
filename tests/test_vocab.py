"""kg.vocab.KG must name only terms ontology/kg.ttl defines (a typo is an error, not a new IRI), and every term
but the event classes, which the frames name (kg/lexicon/frames, checked against the ontology when loaded)."""
from importlib import resources

import pytest
import rdflib

from kg.vocab import KG, ONTOLOGY


def _defined_terms() -> set[str]:
    g = rdflib.Graph()
    g.parse(data=resources.files("kg.ontology").joinpath("kg.ttl").read_text(encoding="utf-8"), format="turtle")
    return {str(s)[len(ONTOLOGY):] for s in g.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(ONTOLOGY)} - {""}


def test_vocab_matches_ontology():
    from kg.extract.lexicon import frames

    declared, defined = set(KG.__annotations__), _defined_terms()
    assert declared <= defined, declared - defined
    assert defined - declared <= {f.cls for f in frames().values()}, defined - declared


def test_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        KG.Meetng  # noqa: B018
