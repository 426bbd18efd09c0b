"""The triple store: Oxigraph on disk (default, OUT/store) or in memory. One query path over both.

Queries run with the default graph as the union of all named graphs, so a query needs no GRAPH clause.
Parameters are bound as RDF terms through a VALUES block built from pyoxigraph terms, never pasted
into the query's text (a quote or brace in a value cannot change the query).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError


def load_store(path: str | os.PathLike | None, nquads: bytes) -> ox.Store:
    store = ox.Store(str(path)) if path else ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    if path:
        store.flush()
    return store


def open_store(out_dir: str | os.PathLike) -> ox.Store:
    """The store of a build directory, read-only; falls back to loading dataset.nq into memory."""
    out = Path(out_dir)
    if not out.exists():
        raise KgError(f"{out}: no such build directory (run `kg build SRC --out {out}` first)")
    if (out / "store").is_dir():
        try:
            return ox.Store.read_only(str(out / "store"))
        except OSError as e:
            raise KgError(f"{out / 'store'}: cannot open the Oxigraph store ({e})") from None
    nq = out / "dataset.nq"
    if nq.is_file():
        return load_store(None, nq.read_bytes())
    raise KgError(f"{out}: not a kg build directory (no store/ and no dataset.nq)")


def _term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: IRIs (and Wikidata ids like Q423) become IRIs, the rest literals."""
    from .vocab import KGE

    if value.startswith(("http://", "https://", "urn:")):
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise KgError(f"parameter value {value!r} is not a valid IRI") from None
    if value[:1] == "Q" and value[1:].isdigit():
        return ox.NamedNode(str(KGE[value]))
    return ox.Literal(value)


def run_query(store: ox.Store, sparql: str, params: dict[str, str] | None = None):
    """Run SELECT/ASK/CONSTRUCT; returns (columns, rows of python strings or None) for SELECT."""
    params = params or {}
    if params:
        values = " ".join(f"?{k}" for k in params)
        row = " ".join(str(_term(v)) for v in params.values())
        # The VALUES block is built from serialised RDF terms (escaped by pyoxigraph), joined with the query.
        sparql = _inject_values(sparql, f"VALUES ({values}) {{ ({row}) }}")
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise KgError(f"SPARQL syntax error: {e}") from None
    if isinstance(result, bool):
        return ["result"], [[str(result).lower()]]
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        rows = [[_py(sol[c]) for c in cols] for sol in result]
        return cols, rows
    triples = list(result)
    return ["subject", "predicate", "object"], [[_py(t.subject), _py(t.predicate), _py(t.object)] for t in triples]


def _inject_values(sparql: str, values: str) -> str:
    """Put a VALUES block at the start of the outermost WHERE group."""
    import re

    m = re.search(r"\bWHERE\s*\{", sparql, flags=re.IGNORECASE)
    if not m:
        raise KgError("a parameterised query needs a WHERE { ... } clause")
    return sparql[:m.end()] + " " + values + " " + sparql[m.end():]


def _py(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def replace_dir(tmp: Path, final: Path) -> None:
    """Swap a freshly built directory into place; the old one is removed only after the swap."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
