"""The query library: named SPARQL queries (`*.rq` in this package), each documented by its header.

A header is the comment block the file starts with:

    # Title
    # One-line description.
    #
    # Longer explanation (optional).
    #
    # Parameters:
    #   a, b      optional entity  what they mean
    #   by        optional year|month|day  ...
    #   since     required date    ...

A parameter's kind says what a value may be: `entity` (a Wikidata id like Q159, an IRI, or a name that
names exactly one entity of the graph), `date` (YYYY, YYYY-MM or YYYY-MM-DD, a real date), `number`,
`type` (an event or agreement class of the ontology, or a family: Meeting, Treaty, Event...), `text`, or a
choice list `x|y|z`. Values are bound as RDF terms by `kg.store.run_query`, never pasted into the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..errors import KgError

_PARAM = re.compile(r"^\s+(\w+(?:\s*,\s*\w+)*)\s+(required|optional)\s+(\S+)\s+(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    kind: str  # entity | date | number | text | choice list "a|b|c"
    help: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str  # the one-line description
    header: str  # the whole comment header, as text
    params: tuple[Param, ...]
    sparql: str

    @property
    def capped(self) -> bool:
        """Whether a `limit` parameter caps its rows (the text's `LIMIT n  # limit` line)."""
        return any(p.name == "limit" for p in self.params)


# `VALUES ?x { ... }  # classes: Event`: the list is rewritten from the ontology when the library loads, so a new
# class is queried without editing the file (the file's own list is a snapshot; tests keep it current)
_CLASSES = re.compile(r"(VALUES \?\w+ \{ )[^}]*( \}  # classes: (\w+(?: \w+)*))$", re.M)


# `LIMIT 1000  # limit`: the row cap a `limit` parameter sets (0: none). SPARQL cannot bind a LIMIT, so the
# library rewrites this line of the text; the number written there is the default
_LIMIT = re.compile(r"LIMIT (\d+)( *# limit)$", re.M)


def current_classes(text: str) -> str:
    """The query text with each marked VALUES list of classes as the ontology has it now."""
    from ..codes import sparql_values
    return _CLASSES.sub(lambda m: m[1] + sparql_values(*m[3].split()) + m[2], text)


def parse(name: str, text: str) -> NamedQuery:
    text = current_classes(text)
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].removeprefix(" "))
    if len(header) < 2 or not header[0].strip() or not header[1].strip():
        raise ValueError(f"{name}.rq: the header must start with a title line and a description line")
    params, in_params = [], False
    for line in header[2:]:
        if line.strip() == "Parameters:":
            in_params = True
            continue
        m = _PARAM.match(line) if in_params else None
        if m:
            for n in re.split(r"\s*,\s*", m[1]):
                params.append(Param(n, m[2] == "required", m[3], m[4].strip()))
        elif in_params and line.strip() and not line.startswith(" "):
            in_params = False  # the block ends at the first unindented line
    q = NamedQuery(name, header[0].strip(), header[1].strip(), "\n".join(header), tuple(params), text)
    if q.capped != bool(_LIMIT.search(text)):
        raise ValueError(f"{name}.rq: a `limit` parameter and a `LIMIT n  # limit` line go together")
    return q


@cache
def library() -> dict[str, NamedQuery]:
    """Every query of the library by name."""
    out = {}
    for f in sorted(resources.files(__name__).iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            out[f.name[:-3]] = parse(f.name[:-3], f.read_text(encoding="utf-8"))
    return out


def get(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise KgError(f"no query named {name!r} in the library (see `kg query --list`)") from None


def row_cap(q: NamedQuery, params: dict[str, str]) -> int | None:
    """How many items the query returns at most with these parameters (None: no cap)."""
    if not q.capped:
        return None
    return int(params.get("limit", _LIMIT.search(q.sparql)[1])) or None


def with_limit(q: NamedQuery, params: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The query text with its row cap as the `limit` parameter sets it (not given: the text's own), and the
    parameters left to bind."""
    if not q.capped or "limit" not in params:
        return q.sparql, params
    n = int(params["limit"])
    rest = {k: v for k, v in params.items() if k != "limit"}
    return _LIMIT.sub(lambda m: (f"LIMIT {n}" if n else "") + m[2], q.sparql), rest


def check_params(q: NamedQuery, params: dict[str, str]) -> None:
    """Refuse unknown, missing or malformed parameters: an unknown name would be bound to nothing and
    silently widen the answer (a typo `stat=Q159` would return every state's rows)."""
    declared = {p.name: p for p in q.params}
    for k, v in params.items():
        p = declared.get(k)
        if p is None:
            known = ", ".join(declared) or "none"
            raise KgError(f"query {q.name!r} has no parameter {k!r} (its parameters: {known})")
        if "|" in p.kind and v.lower() not in p.kind.split("|"):
            raise KgError(f"--param {k}={v!r}: expected one of {p.kind.replace('|', ', ')}")
        if p.kind == "date" and not _is_date(v):
            raise KgError(f"--param {k}={v!r}: expected a date YYYY, YYYY-MM or YYYY-MM-DD (a real one)")
        if p.kind == "type" and v.lower() not in {t.lower() for t in fact_types()}:
            raise KgError(f"--param {k}={v!r}: not an event or agreement type; one of {', '.join(sorted(fact_types()))}")
        if p.kind == "number" and not re.fullmatch(r"-?\d+", v):
            raise KgError(f"--param {k}={v!r}: expected a whole number")
        if k == "limit" and int(v) < 0:
            raise KgError(f"--param limit={v!r}: expected 0 (no limit) or a positive number of rows")
    missing = [p.name for p in q.params if p.required and p.name not in params]
    if missing:
        raise KgError(f"query {q.name!r} needs --param {missing[0]}=... ({declared[missing[0]].help})")


def _is_date(v: str) -> bool:
    from datetime import date
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", v)
    if not m:
        return False
    try:
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))  # 2025-13-01 and 2025-02-30 are no dates
    except ValueError:
        return False
    return True


@cache
def fact_types() -> frozenset[str]:
    """The names a `type` parameter takes: the ontology's event and agreement classes and the families."""
    from ..codes import subclasses_of
    return frozenset(subclasses_of("Event", "Agreement"))


KNOWN = "SELECT ?p WHERE { ?e ?p ?o } LIMIT 1"
RESOLVE = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?l . FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) }"""


def resolve_entities(store, q: NamedQuery, params: dict[str, str]) -> dict[str, str]:
    """Entity parameters given as a name (بوتين, Russia) become the IRI of the one entity so named."""
    from ..store import run_query

    out = dict(params)
    for p in q.params:
        v = params.get(p.name)
        if p.kind != "entity" or v is None:
            continue
        if v.startswith(("http://", "https://", "urn:")) or re.fullmatch(r"Q\d+", v):
            _, rows = run_query(store, KNOWN, {"e": v})
            if not rows:  # an id the graph does not hold would silently give no rows
                raise KgError(f"--param {p.name}={v!r}: no entity of the graph has that id")
            continue
        _, rows = run_query(store, RESOLVE, {"name": v})
        found = sorted(r[0] for r in rows)
        if len(found) != 1:
            what = "no entity" if not found else f"{len(found)} entities ({', '.join(found[:4])})"
            raise KgError(f"--param {p.name}={v!r}: {what} of the graph has that name; give a Wikidata id or IRI")
        out[p.name] = found[0]
    return out
