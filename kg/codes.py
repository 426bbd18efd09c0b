"""PLOVER categories and CAMEO root codes of kg's event and agreement types, read from the ontology.

`ontology/kg.ttl` annotates each class with `kg:plover` / `kg:cameo` (the one place they are written); a
class without its own takes its superclass's (every agreement is AGREE / 05). Users of GDELT, ICEWS or
POLECAT data line kg's events up with theirs by these codes.
"""
from __future__ import annotations

import functools
from importlib import resources

import pyoxigraph as ox

KG = "https://w3id.org/kg-arabic/ontology#"
RDFS_SUB = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@functools.lru_cache(maxsize=1)
def _annotations() -> dict[str, dict[str, str]]:
    with resources.files("kg.ontology").joinpath("kg.ttl").open("rb") as f:
        triples = list(ox.parse(f, format=ox.RdfFormat.TURTLE))
    own: dict[str, dict[str, str]] = {}
    parent: dict[str, str] = {}
    for t in triples:
        s, p = t.subject, t.predicate.value
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(KG):
            continue
        name = s.value[len(KG):]
        if p in (KG + "plover", KG + "cameo"):
            own.setdefault(name, {})[p[len(KG):]] = t.object.value
        elif p == RDFS_SUB and t.object.value.startswith(KG):
            parent[name] = t.object.value[len(KG):]
    out = {}
    for name in set(own) | set(parent):
        codes, cls, seen = {}, name, set()
        while cls and cls not in seen:  # up the class tree until both codes are found
            seen.add(cls)
            for k, v in own.get(cls, {}).items():
                codes.setdefault(k, v)
            cls = parent.get(cls)
        out[name] = codes
    return out


def codes_of(class_name: str) -> tuple[str | None, str | None]:
    """(PLOVER category, CAMEO root) of an ontology class name such as Meeting or DefenseTreaty."""
    c = _annotations().get(class_name, {})
    return c.get("plover"), c.get("cameo")
