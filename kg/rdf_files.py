"""The build's RDF files, written graph by graph: dataset.nq (N-Quads), dataset.trig (TriG) and graph.ttl
(Turtle, the triples of every graph without their graph name).

Each file is a header (the prefixes, for TriG and Turtle), then one block per article's graph in build order,
then the summary graph and the catalog graph. Lines are sorted within a graph, so the same facts give the same
bytes. Since a block depends on its graph alone, a build that changes a few articles copies every other
article's blocks from the previous build's files (`keep`, a kernel copy of byte ranges) instead of
serialising 45,000 graphs again; the index records each block's size (kg/state.py).

graph.ttl may repeat a triple that two graphs hold (a state's type, a label): Turtle is read as a set of
triples, so every RDF tool loads the same graph from it, and only so can one article's block be replaced.
Where the store's merged default graph must be loaded whole, `union` writes it with each triple once.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .graph import NTLines, nt_term
from .vocab import KGM

NAMES = ("dataset.nq", "dataset.trig", "graph.ttl")


def _prefixes() -> dict[str, str]:
    from .vocab import PREFIXES
    return {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#", **PREFIXES}


def blank_labels(g: Graph):
    """A label for each blank node from what it says and who points to it, so the same facts give the same
    bytes. The catalog's blank nodes (tenures) hold only IRIs and literals, which makes this a hash; for any
    other shape None (then rdflib's general canonicaliser, 3.5 times slower, is used)."""
    from rdflib import BNode
    names = {}
    for b in {t for triple in g for t in triple if isinstance(t, BNode)}:
        up, down = list(g.subject_predicates(b)), list(g.predicate_objects(b))
        if any(isinstance(t, BNode) for pair in up + down for t in pair):
            return None
        key = "\n".join(sorted(f"{s.n3()} {p.n3()}" for s, p in up) + sorted(f"{p.n3()} {nt_term(o)}" for p, o in down))
        names[b] = BNode("t" + hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest())
    return names


def nquads(graph: str, lines: list[bytes]) -> bytes:
    """One graph's N-Quads from its sorted N-Triples lines (without their ".\\n")."""
    suffix = f"<{graph}> .\n".encode()
    return b"".join(ln + suffix for ln in lines)


@functools.lru_cache(maxsize=1)
def _serializer() -> "_Serializer":
    return _Serializer()


def header_sizes() -> list[int]:
    """The bytes each file starts with before its first block (the prefix lines of TriG and Turtle)."""
    head = _serializer().head
    return [0, len(head[ox.RdfFormat.TRIG]), len(head[ox.RdfFormat.TURTLE])]


class _Serializer:
    """One graph's TriG and Turtle blocks: Oxigraph's output for it without the prefix lines it starts with
    (the file's header holds them once), so the blocks of a file concatenate to what one pass would write."""

    def __init__(self):
        self.prefixes = _prefixes()
        probe = b"<urn:kg:s> <urn:kg:p> <urn:kg:o> <urn:kg:g> .\n"
        self.head = {}
        for fmt, body in ((ox.RdfFormat.TRIG, b"<urn:kg:g> {"), (ox.RdfFormat.TURTLE, b"<urn:kg:s>")):
            quads = ox.parse(probe, format=ox.RdfFormat.N_QUADS)
            data = ox.serialize(quads if fmt == ox.RdfFormat.TRIG else (q.triple for q in quads), format=fmt,
                                prefixes=self.prefixes)
            self.head[fmt] = data[:data.index(body)]

    def blocks(self, nquads: bytes, ntriples: bytes) -> tuple[bytes, bytes]:
        if not nquads:
            return b"", b""
        out = []
        for fmt, data, syntax in ((ox.RdfFormat.TRIG, nquads, ox.RdfFormat.N_QUADS),
                                  (ox.RdfFormat.TURTLE, ntriples, ox.RdfFormat.N_TRIPLES)):
            text = ox.serialize(ox.parse(data, format=syntax), format=fmt, prefixes=self.prefixes)
            head = self.head[fmt]
            assert text.startswith(head), "Oxigraph's prefix lines changed shape"
            out.append(text[len(head):])
        return out[0], out[1]


class RdfFiles:
    """Writes the three files block by block (see the module's docstring).

    `old`: the previous build's directory, whose blocks `keep` copies, given where they lie (`offsets`);
    `union`: also write union.nt, every graph's triples once (to load the store's merged graph whole),
    counting them in `triples`."""

    def __init__(self, stage: Path, old: Path | None = None, union: bool = True):
        self.stage = stage
        self.ser = _serializer()
        self.out = [open(stage / n, "wb") for n in NAMES]
        self.src = [open(old / n, "rb") for n in NAMES] if old else None
        self.pending: list[list[int] | None] = [None, None, None]  # per file: [start, end) of the old file to copy next
        self.out[1].write(self.ser.head[ox.RdfFormat.TRIG])
        self.out[2].write(self.ser.head[ox.RdfFormat.TURTLE])
        self.union = open(stage / "union.nt", "wb") if union else None
        self.seen: set[bytes] = set()
        self.unique = f"<{KGM}".encode()  # a mention's triples live in its own article's graph only
        self.triples = 0

    def keep(self, offsets: list[int], sizes: list[int], lines: list[bytes] = ()) -> None:
        """Copy one graph's blocks from the old files (each file's block at offsets[i], sizes[i] bytes);
        `lines`, its N-Triples lines, for union.nt."""
        self._union(lines)
        for i, (start, size) in enumerate(zip(offsets, sizes)):
            p = self.pending[i]
            if p is not None and p[1] == start:
                p[1] += size
            else:
                self._flush(i)
                self.pending[i] = [start, start + size]

    def _flush(self, i: int) -> None:
        p, self.pending[i] = self.pending[i], None
        if not p or p[1] == p[0]:
            return
        src, dst = self.src[i], self.out[i]
        dst.flush()
        start, left = p[0], p[1] - p[0]
        while left:
            try:
                n = os.copy_file_range(src.fileno(), dst.fileno(), left, start)
            except (AttributeError, OSError):  # no such call here: copy through memory
                src.seek(start)
                n = dst.write(src.read(min(left, 16 << 20)))
                dst.flush()
            if n <= 0:
                raise OSError(f"{src.name}: shorter than the build index says")
            start, left = start + n, left - n
        os.lseek(dst.fileno(), 0, os.SEEK_END)

    def add(self, g: Graph) -> tuple[bytes, list[int]]:
        """Write one rdflib graph (the catalog's); returns its N-Quads and block sizes."""
        graph, names = str(g.identifier), blank_labels(g)
        if names is None:
            names, g = {}, to_canonical_graph(g)
        lines = NTLines()
        for s, p, o in g:
            lines.add((names.get(s, s), p, names.get(o, o)))
        return self.add_lines(graph, lines.sorted())

    def add_lines(self, graph: str, lines: list[bytes], data: bytes | None = None) -> tuple[bytes, list[int]]:
        """Write one graph given as sorted N-Triples lines without their ".\\n" (and `data`, its N-Quads, when
        the caller has them: `nquads`); returns its N-Quads and the sizes of its three blocks."""
        for i in range(3):
            self._flush(i)
        data = nquads(graph, lines) if data is None else data
        trig, ttl = self.ser.blocks(data, b"".join(ln + b".\n" for ln in lines))
        for f, block in zip(self.out, (data, trig, ttl)):
            f.write(block)
        self._union(lines)
        return data, [len(data), len(trig), len(ttl)]

    def _union(self, lines: list[bytes]) -> None:
        if self.union is None:
            return
        for ln in lines:
            if not ln.startswith(self.unique):
                key = hashlib.blake2b(ln, digest_size=16).digest()
                if key in self.seen:
                    continue
                self.seen.add(key)
            self.union.write(ln + b".\n")
            self.triples += 1

    def close(self) -> list[int]:
        """Finish the files; returns their sizes."""
        for i in range(3):
            self._flush(i)
        sizes = [f.tell() for f in self.out]
        for f in [*self.out, *(self.src or ())]:
            f.close()
        if self.union is not None:
            self.union.close()
        self.seen.clear()
        return sizes


def old_offsets(old: Path, sizes: dict[str, int], blocks: list[list[int]]) -> list[list[int]] | None:
    """Where each article's blocks lie in the previous build's files (one [nq, trig, ttl] offset list per
    article, in the previous build order), or None when those files are not the ones the index describes
    (missing, edited, or written before blocks were recorded): then nothing is copied."""
    if not blocks or any(len(b) != 3 for b in blocks):
        return None
    header = header_sizes()
    for i, name in enumerate(NAMES):
        try:
            if (old / name).stat().st_size != sizes.get(name) or header[i] + sum(b[i] for b in blocks) > sizes[name]:
                return None
        except OSError:
            return None
    out, at = [], list(header)
    for b in blocks:
        out.append(list(at))
        at = [a + s for a, s in zip(at, b)]
    return out
