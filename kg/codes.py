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
def _classes() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The ontology's own codes per class name, and each class's superclass in kg: (codes, parent)."""
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
    return own, parent


def ancestry(name: str) -> list[str]:
    """The class and its superclasses in kg, nearest first."""
    parent = _classes()[1]
    chain = []
    while name and name not in chain:
        chain.append(name)
        name = parent.get(name)
    return chain


def subclasses_of(*roots: str) -> set[str]:
    """The names of the roots and of every class below them (Event -> Meeting, Talks, Summit...)."""
    own, parent = _classes()
    return {n for n in set(own) | set(parent) | set(roots) if set(ancestry(n)) & set(roots)}


@functools.lru_cache(maxsize=1)
def _annotations() -> dict[str, dict[str, str]]:
    own, parent = _classes()
    out = {}
    for name in set(own) | set(parent):
        codes = {}
        for cls in ancestry(name):  # up the class tree until both codes are found
            for k, v in own.get(cls, {}).items():
                codes.setdefault(k, v)
        out[name] = codes
    return out


def codes_of(cls) -> tuple[str | None, str | None]:
    """(PLOVER category, CAMEO root) of an ontology class, by IRI or by name (Meeting, DefenseTreaty)."""
    c = _annotations().get(str(cls).rsplit("#", 1)[-1], {})
    return c.get("plover"), c.get("cameo")


def sparql_values(*roots: str) -> str:
    """The roots and their subclasses as SPARQL terms for a VALUES block (kg:Event kg:Gift kg:Meeting ...)."""
    return " ".join(f"kg:{n}" for n in sorted(subclasses_of(*roots)))


#: The tie a class makes between its actors, by its CAMEO root's quad class (CAMEO 01-05 verbal and 06-08
#: material cooperation, 09-13 verbal and 14-20 material conflict); agreements and signings (PLOVER AGREE)
#: are their own kind, and a plain statement (CAMEO 01, "make public statement") or an uncoded event says
#: nothing either way: neutral.
TIE_KINDS = ("cooperation", "conflict", "agreement", "neutral")


def tie_kind(cls) -> str:
    """cooperation / conflict / agreement / neutral for an ontology class (by IRI or name)."""
    name = str(cls).rsplit("#", 1)[-1]
    plover, cameo = codes_of(name)
    if "Agreement" in ancestry(name) or plover == "AGREE":
        return "agreement"
    if not cameo or cameo == "01":
        return "neutral"
    return "cooperation" if int(cameo) <= 8 else "conflict"
