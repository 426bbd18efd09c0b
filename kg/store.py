"""The triple store behind a build: Oxigraph on disk (default, OUT/store), rdflib in memory, or any SPARQL 1.1
endpoint (a URL). One small interface over the three, so building, syncing and querying share one code path:

    put_graphs({graph IRI: N-Quads})   add or replace named graphs (one per article, plus the catalog graph)
    remove_graphs([graph IRI])         drop named graphs
    put_merged(N-Triples file)         replace the default graph with the RDF merge of all the named graphs
    articles()                         {article id: kg:contentHash} of the articles the store holds
    select(sparql)                     run a query on the default graph (GRAPH ?g reaches the articles' graphs)

Why a merged default graph, and not the store's "union of the named graphs": an event or entity reported by
N articles has its type, label and date in each of their N graphs, and Oxigraph's union yields every such
triple N times (oxigraph#1919), so a query joining k of those patterns makes N^k rows before any GROUP BY;
a build of 10,000 articles did not finish. The merge is a set: each triple once.

Parameters are bound as RDF terms through a VALUES block built from pyoxigraph terms, never pasted
into the query's text (a quote or brace in a value cannot change the query).
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .faults import crash_point



ARTICLES = """PREFIX kg: <https://w3id.org/kg-arabic/ontology#>
SELECT ?id ?hash WHERE { GRAPH ?g { ?a kg:articleId ?id ; kg:contentHash ?hash } }"""


def _triples_of(nquads: bytes) -> bytes:
    """N-Quads of one graph as N-Triples (for INSERT DATA { GRAPH <g> { ... } })."""
    return ox.serialize((q.triple for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)),
                        format=ox.RdfFormat.N_TRIPLES)


class Store:
    """What the build and the queries need from a triple store (see the module doc)."""

    kind = "?"

    def put_graphs(self, graphs: dict[str, bytes]) -> None:
        raise NotImplementedError

    def remove_graphs(self, iris: Iterable[str]) -> None:
        raise NotImplementedError

    def put_merged(self, ntriples: str | os.PathLike) -> None:
        raise NotImplementedError

    def select(self, sparql: str):
        """bool for ASK; (columns, rows of python strings or None) for SELECT; (s, p, o) rows for CONSTRUCT."""
        raise NotImplementedError

    def articles(self) -> dict[str, str]:
        _, rows = self.select(ARTICLES)
        return {aid: h for aid, h in rows}

    def close(self) -> None:
        pass

    # one article at a time (the build batches through put_graphs / remove_graphs)
    def put_article(self, article_id: str, nquads: bytes) -> None:
        from .ids import article_graph_iri
        self.put_graphs({article_graph_iri(article_id): nquads})

    def remove_article(self, article_id: str) -> None:
        from .ids import article_graph_iri
        self.remove_graphs([article_graph_iri(article_id)])


class OxigraphStore(Store):
    """pyoxigraph: on disk at `path` (read-only when asked) or in memory (path None)."""

    kind = "oxigraph"

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False):
        self.path, self.read_only = path, read_only
        try:
            if path is None:
                self.ox = ox.Store()
            else:
                self.ox = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as e:
            raise KgError(f"{path}: cannot open the Oxigraph store ({e})") from None

    @classmethod
    def wrap(cls, store: ox.Store) -> OxigraphStore:
        self = cls.__new__(cls)
        self.path, self.read_only, self.ox = None, False, store
        return self

    def __getattr__(self, name):  # callers written against a bare pyoxigraph.Store keep working
        if name == "ox":
            raise AttributeError(name)
        return getattr(self.ox, name)

    def put_graphs(self, graphs: dict[str, bytes]) -> None:
        self.remove_graphs(graphs)
        if graphs:
            self.ox.bulk_load(b"".join(graphs.values()), format=ox.RdfFormat.N_QUADS)

    def remove_graphs(self, iris: Iterable[str]) -> None:
        for iri in iris:
            self.ox.remove_graph(ox.NamedNode(iri))

    def put_merged(self, ntriples: str | os.PathLike) -> None:
        self.ox.clear_graph(ox.DefaultGraph())
        self.ox.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    def update_graph(self, iri: str, gone: bytes, added: bytes) -> None:
        """A named graph changed by a few of its lines (N-Triples without blank nodes): those that go, those that come."""
        g = ox.NamedNode(iri)
        for t in ox.parse(gone, format=ox.RdfFormat.N_TRIPLES):
            self.ox.remove(ox.Quad(t.subject, t.predicate, t.object, g))
        self.ox.extend(ox.Quad(t.subject, t.predicate, t.object, g) for t in ox.parse(added, format=ox.RdfFormat.N_TRIPLES))

    def update_merged(self, old: bytes, new: bytes, old_quads=()) -> int:
        """The merged default graph after some named graphs changed, without reloading it: each triple of `old`
        (N-Triples the changed graphs held before) and of `old_quads` leaves it unless a named graph still holds
        it; those of `new` (what they hold now) join it. Call it after the named graphs are written. Returns
        how many triples it gained (less those it lost).

        Blank nodes (the catalog's tenures) are renamed when a graph is loaded, so a triple pointing to one
        drops every blank node its subject has under that predicate, with their triples; `new` brings them back."""
        dg = ox.DefaultGraph()
        olds = [*ox.parse(old, format=ox.RdfFormat.N_TRIPLES), *old_quads]
        lost = 0
        for t in olds:
            if isinstance(t.subject, ox.BlankNode):
                continue  # goes with the triple that points to it
            if isinstance(t.object, ox.BlankNode):
                for q in list(self.ox.quads_for_pattern(t.subject, t.predicate, None, dg)):
                    if isinstance(q.object, ox.BlankNode):
                        for inner in list(self.ox.quads_for_pattern(q.object, None, None, dg)):
                            self.ox.remove(inner)
                            lost += 1
                        self.ox.remove(q)
                        lost += 1
            elif not any(q.graph_name != dg for q in self.ox.quads_for_pattern(t.subject, t.predicate, t.object)):
                q = ox.Quad(t.subject, t.predicate, t.object, dg)
                if q in self.ox:
                    self.ox.remove(q)
                    lost += 1
        news = {ox.Quad(t.subject, t.predicate, t.object, dg) for t in ox.parse(new, format=ox.RdfFormat.N_TRIPLES)}
        gained = sum(q not in self.ox for q in news)
        self.ox.extend(news)
        return gained - lost

    def select(self, sparql: str):
        try:
            result = self.ox.query(sparql)
        except SyntaxError as e:
            raise KgError(f"SPARQL syntax error: {e}") from None
        if isinstance(result, (bool, ox.QueryBoolean)):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            cols = [v.value for v in result.variables]
            return cols, [[_py(sol[c]) for c in cols] for sol in result]
        return ["subject", "predicate", "object"], [[_py(t.subject), _py(t.predicate), _py(t.object)] for t in result]

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            self.ox.flush()
        del self.ox


class MemoryStore(Store):
    """An rdflib Dataset in memory (no files; for small builds, tests and notebooks)."""

    kind = "memory"

    def __init__(self):
        from rdflib import Dataset
        self.ds = Dataset(default_union=True)

    def put_graphs(self, graphs: dict[str, bytes]) -> None:
        self.remove_graphs(graphs)
        for data in graphs.values():
            self.ds.parse(data=data, format="nquads")

    def remove_graphs(self, iris: Iterable[str]) -> None:
        from rdflib import URIRef
        for iri in iris:
            self.ds.remove_graph(URIRef(iri))

    def put_merged(self, ntriples: str | os.PathLike) -> None:
        pass  # rdflib's union of the named graphs is already a set of triples

    def select(self, sparql: str):
        try:
            result = self.ds.query(sparql)
        except Exception as e:  # pyparsing's ParseException and friends
            if type(e).__name__ == "ParseException":
                raise KgError(f"SPARQL syntax error: {e}") from None
            raise
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            cols = [str(v) for v in result.vars]
            return cols, [[None if t is None else str(t) for t in row] for row in result]
        return ["subject", "predicate", "object"], [[str(t) for t in triple] for triple in result]


class SparqlStore(Store):
    """Any SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB) over the SPARQL protocol: queries go to
    `query_url`, graph changes as SPARQL Update (DROP GRAPH + INSERT DATA) to `update_url`. The merge of
    the graphs goes into the endpoint's default graph, so the endpoint must keep a default graph of its own
    (not Oxigraph's --union-default-graph nor Fuseki's unionDefaultGraph)."""

    kind = "sparql"
    BATCH_BYTES = 4 << 20  # one update request carries at most this much data

    def __init__(self, url: str, update_url: str | None = None, timeout: float = 300):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"{url!r} is not an http(s) SPARQL endpoint URL")
        if parts.path in ("", "/"):  # a server's root: Oxigraph's layout (/query, /update)
            url = url.rstrip("/") + "/query"
        self.query_url = url
        self.update_url = update_url or re.sub(r"/(query|sparql)$", "/update", url)
        self.timeout = timeout

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[str, bytes]:
        body = urllib.parse.urlencode(form).encode("utf-8")
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as e:
            detail = e.read()[:300].decode("utf-8", "replace").strip().replace("\n", " ")
            raise KgError(f"{url}: HTTP {e.code} {e.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            raise KgError(f"{url}: cannot reach the SPARQL endpoint ({getattr(e, 'reason', e)})") from None

    def _update(self, text: str) -> None:
        self._post(self.update_url, {"update": text}, "*/*")

    def put_graphs(self, graphs: dict[str, bytes]) -> None:
        parts, size = [], 0
        for iri, data in graphs.items():
            triples = _triples_of(data).decode("utf-8")
            parts.append(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{triples}}} }}")
            size += len(triples)
            if size >= self.BATCH_BYTES:
                self._update(" ;\n".join(parts))
                parts, size = [], 0
        if parts:
            self._update(" ;\n".join(parts))

    def remove_graphs(self, iris: Iterable[str]) -> None:
        drops = [f"DROP SILENT GRAPH <{iri}>" for iri in iris]
        if drops:
            self._update(" ;\n".join(drops))

    def put_merged(self, ntriples: str | os.PathLike) -> None:
        self._update("DROP SILENT DEFAULT")
        with open(ntriples, "rb") as f:
            while True:
                chunk = f.readlines(self.BATCH_BYTES)  # whole lines: one triple each
                if not chunk:
                    break
                self._update("INSERT DATA {\n" + b"".join(chunk).decode("utf-8") + "}")

    def select(self, sparql: str):
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        ctype, data = self._post(self.query_url, {"query": sparql}, accept)
        if "json" in ctype:
            res = json.loads(data)
            if "boolean" in res:
                return bool(res["boolean"])
            cols = res["head"]["vars"]
            return cols, [[b.get(c, {}).get("value") for c in cols] for b in res["results"]["bindings"]]
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        return ["subject", "predicate", "object"], [[_py(t.subject), _py(t.predicate), _py(t.object)] for t in triples]


def make_store(spec: str, path: str | os.PathLike | None = None) -> Store:
    """The store a `--store` value names: "oxigraph" (on disk at path), "memory", or an endpoint URL."""
    if spec == "oxigraph":
        return OxigraphStore(path)
    if spec == "memory":
        return MemoryStore()
    if spec.startswith(("http://", "https://")):
        return SparqlStore(spec)
    raise KgError(f"--store {spec!r}: expected oxigraph, memory or an http(s) SPARQL endpoint URL")


def open_store(out_dir: str | os.PathLike) -> Store:
    """The store of a build directory (read-only), a SPARQL endpoint URL, or dataset.nq loaded into memory."""
    if str(out_dir).startswith(("http://", "https://")):
        return SparqlStore(str(out_dir))
    out = Path(out_dir)
    if not out.exists():
        raise KgError(f"{out}: no such build directory (run `kg build SRC --out {out}` first)")
    if (out / "store").is_dir():
        return OxigraphStore(out / "store", read_only=True)
    nq = out / "dataset.nq"
    if nq.is_file():
        store = OxigraphStore()
        store.ox.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        # the default graph: the merge (a graph is a set, so each triple lands once)
        store.ox.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
        return store
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


def run_query(store: Store | ox.Store, sparql: str, params: dict[str, str] | None = None):
    """Run SELECT/ASK/CONSTRUCT on any store; returns (columns, rows of python strings or None)."""
    params = params or {}
    for k in params:  # names are pasted into the query, so only plain variable names
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise KgError(f"parameter name {k!r} is not a valid SPARQL variable name")
    if params:
        values = " ".join(f"?{k}" for k in params)
        row = " ".join(str(_term(v)) for v in params.values())
        # The VALUES block is built from serialised RDF terms (escaped by pyoxigraph), joined with the query.
        sparql = _inject_values(sparql, f"VALUES ({values}) {{ ({row}) }}")
    if isinstance(store, ox.Store):
        store = OxigraphStore.wrap(store)
    result = store.select(sparql)
    if isinstance(result, bool):
        return ["result"], [[str(result).lower()]]
    return result


def run_queries(store: Store | ox.Store, queries: list[str]) -> list[list]:
    """The rows of several SELECT queries. On Oxigraph they run side by side in threads: it evaluates a query
    without holding Python's lock, so the views' queries (seconds each at 45,000 articles) share the cores."""
    if not isinstance(store, (ox.Store, OxigraphStore)) or len(queries) < 2:  # rdflib: one at a time
        return [run_query(store, q)[1] for q in queries]
    with ThreadPoolExecutor(len(queries), thread_name_prefix="kg-query") as pool:
        return [f.result()[1] for f in [pool.submit(run_query, store, q) for q in queries]]


def _inject_values(sparql: str, values: str) -> str:
    """Put the VALUES block at the start of every WHERE group: the outer one and each sub-SELECT's, so a
    parameter means the same term everywhere and a subquery (aggregates per entity) is evaluated for it only."""
    parts = re.split(r"(\bWHERE\s*\{)", sparql, flags=re.IGNORECASE)
    if len(parts) == 1:
        raise KgError("a parameterised query needs a WHERE { ... } clause")
    return "".join(p + " " + values + " " if i % 2 else p for i, p in enumerate(parts))


def _py(term):
    if term is None:
        return None
    if isinstance(term, (ox.Literal, ox.NamedNode)):
        return term.value
    return str(term)


def replace_dir(tmp: Path, final: Path) -> None:
    """Swap a freshly built directory into place; the old one is removed only after the swap."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    crash_point(f"aside:{final.name}")  # the window kg.build._exclusive repairs
    os.replace(tmp, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
