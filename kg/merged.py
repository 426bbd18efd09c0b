"""What the merge step writes for the whole build: the RDF files (dataset.nq, and graph.ttl from the union of all
graphs) and the changes to the store's merged default graph when only some articles changed."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from . import digest
from .graph import NTLines, nt_term
from .ids import CATALOG_GRAPH
from .state import Entry, State
from .store import OxigraphStore, Store


def blank_labels(g: Graph) -> dict[BNode, BNode] | None:
    """A label for each blank node from what it says and who points to it, so the same facts give the same
    bytes. The catalog's blank nodes (tenures) hold only IRIs and literals, which makes this a hash; for any
    other shape None (then rdflib's general canonicaliser, 3.5 times slower, is used)."""
    names = {}
    for b in {t for triple in g for t in triple if isinstance(t, BNode)}:
        up, down = list(g.subject_predicates(b)), list(g.predicate_objects(b))
        if any(isinstance(t, BNode) for pair in up + down for t in pair):
            return None
        key = "\n".join(sorted(f"{s.n3()} {p.n3()}" for s, p in up) + sorted(f"{p.n3()} {nt_term(o)}" for p, o in down))
        names[b] = BNode("t" + hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest())
    return names


class RdfFiles:
    """Writes dataset.nq (one graph at a time, lines sorted: the same facts give the same bytes) and, beside
    it, the union of all graphs with each triple once (for graph.ttl)."""

    def __init__(self, stage: Path):
        from .vocab import KGM
        self.stage = stage
        self.nq = open(stage / "dataset.nq", "wb")
        self.union = open(stage / "union.nt", "wb")
        self.seen: set[bytes] = set()
        self.unique = f"<{KGM}".encode()  # a mention's triples live in its own article's graph only
        self.triples = 0

    def add(self, g: Graph) -> bytes:
        """Write one rdflib graph (the catalog's); returns its N-Quads."""
        graph, names = str(g.identifier), blank_labels(g)
        if names is None:
            names, g = {}, to_canonical_graph(g)
        lines = NTLines()
        for s, p, o in g:
            lines.add((names.get(s, s), p, names.get(o, o)))
        return self.add_lines(graph, lines.sorted())

    def add_lines(self, graph: str, lines: list[bytes]) -> bytes:
        """Write one graph given as sorted N-Triples lines without their ".\n"; returns its N-Quads."""
        suffix = f"<{graph}> .\n".encode()
        data = b"".join(ln + suffix for ln in lines)
        self.nq.write(data)
        for ln in lines:
            if not ln.startswith(self.unique):
                key = hashlib.blake2b(ln, digest_size=16).digest()
                if key in self.seen:
                    continue
                self.seen.add(key)
            self.union.write(ln + b".\n")
            self.triples += 1
        return data

    def close(self) -> None:
        self.nq.close()
        self.union.close()
        self.seen.clear()

    def write_turtle(self) -> None:
        """dataset.trig from dataset.nq and graph.ttl from the union, both streamed through Oxigraph."""
        from .vocab import PREFIXES
        prefixes = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#", **PREFIXES}
        quads = ox.parse(path=str(self.stage / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
        ox.serialize(quads, str(self.stage / "dataset.trig"), ox.RdfFormat.TRIG, prefixes=prefixes)
        triples = ox.parse(path=str(self.stage / "union.nt"), format=ox.RdfFormat.N_TRIPLES)
        ox.serialize(triples, str(self.stage / "graph.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)


class MergedDelta:
    """What the store's merged default graph loses and gains when only some articles changed, so that it is
    updated in place (OxigraphStore.update_merged) rather than reloaded whole: the old lines of every graph
    that changes or goes (from the previous build's digests) and the new ones. Only for an Oxigraph store copied
    from a previous build whose articles it holds exactly, and while few change (new extraction code changes
    them all: then the whole union is loaded again)."""

    SHARE = 0.2  # more changed graphs than this share of the build: reload

    def __init__(self, store: Store, prev: State, present: dict[str, str]):
        self.prev_dir = prev.dir
        self.before = {e.id for e in prev.entries}
        self.live = isinstance(store, OxigraphStore) and prev.store == "oxigraph" and bool(prev.entries) \
            and set(present) == self.before
        self.old: list[bytes] = []
        self.new: list[bytes] = []
        self.count = 0
        # the catalog graph as the store holds it now (its blank nodes renamed on load): read before it is replaced
        self.old_catalog = list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CATALOG_GRAPH))) \
            if self.live else []
        self.new_catalog: bytes | None = None
        self.summary_change: tuple[bytes, bytes] | None = None

    def _old(self, e: Entry) -> None:
        dg = digest.read(self.prev_dir, e.file)
        if dg is None:
            self.live = False  # an older build without digests: what its graph held is not known here
        elif dg.lines:
            self.old.append(b".\n".join(dg.lines) + b".\n")

    def changed(self, e: Entry, lines: list[bytes]) -> None:
        self.count += 1
        if self.live and e.id in self.before:
            self._old(e)
        if self.live and lines:
            self.new.append(b".\n".join(lines) + b".\n")

    def removed(self, entries: list[Entry]) -> None:
        self.count += len(entries)
        for e in entries if self.live else ():
            self._old(e)

    def summary(self, old_file: Path, lines: list[bytes]) -> None:
        """The summary graph's lines that change (kg/summary.py): those of the items the changed articles
        touch. Read from the previous build's copy; without one the merged graph is reloaded."""
        if not self.live:
            return
        try:
            data = old_file.read_bytes()
        except OSError:
            self.live = False
            return
        old, new = set(data.split(b"\n")) if data else set(), set(lines)
        gone, added = b"".join(ln + b".\n" for ln in sorted(old - new)), b"".join(ln + b".\n" for ln in sorted(new - old))
        self.old.append(gone)
        self.new.append(added)
        self.summary_change = (gone, added)  # for the summary's own named graph, changed the same way

    def catalog(self, nquads: bytes) -> None:
        self.new_catalog = nquads.replace(f"<{CATALOG_GRAPH}> .\n".encode(), b".\n")

    def ok(self, n: int) -> bool:
        return self.live and self.count <= self.SHARE * max(n, 1)

    def args(self) -> tuple[bytes, bytes, list]:
        if self.new_catalog is None:  # the catalog graph is as it was
            return b"".join(self.old), b"".join(self.new), []
        return b"".join(self.old), b"".join(self.new) + self.new_catalog, self.old_catalog
