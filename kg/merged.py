"""The changes to the store's merged default graph when only some articles changed (the RDF files: kg/rdf_files.py)."""
from __future__ import annotations

import pyoxigraph as ox

from . import digest
from .ids import CATALOG_GRAPH
from .state import Entry, State
from .store import OxigraphStore, Store


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
        self.olds: dict[str, digest.Digest] = {}  # the previous digests of the graphs that change or go
        self.old_summary: list[bytes] = []
        self.old: list[bytes] = []
        self.new: list[bytes] = []
        # the catalog graph as the store holds it now (its blank nodes renamed on load): read before it is replaced
        self.old_catalog = list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(CATALOG_GRAPH))) \
            if self.live else []
        self.new_catalog: bytes | None = None
        self.summary_change: tuple[bytes, bytes] | None = None

    def plan(self, olds: list[Entry], old_summary: list[bytes] | None, changes: int, n: int) -> bool:
        """Whether the merged graph is updated in place: `changes` of the build's `n` graphs are few, and what the
        graphs that change or go held (the digests of their previous entries, `olds`, read here once) and the
        summary graph's previous lines are known. Otherwise it is loaded whole, and nothing is collected for it."""
        self.live = self.live and old_summary is not None and changes <= self.SHARE * max(n, 1)
        if self.live:
            self.olds = {e.id: digest.read(self.prev_dir, e.file) for e in olds}
            self.live = None not in self.olds.values()  # an older build without digests: what they held is unknown
        if self.live:
            self.old_summary = old_summary
        else:
            self.olds, self.old_catalog = {}, []
        return self.live

    def _old(self, e: Entry) -> None:
        lines = self.olds[e.id].lines
        if lines:
            self.old.append(b".\n".join(lines) + b".\n")

    def changed(self, e: Entry, lines: list[bytes]) -> None:
        if self.live and e.id in self.before:
            self._old(e)
        if self.live and lines:
            self.new.append(b".\n".join(lines) + b".\n")

    def removed(self, entries: list[Entry]) -> None:
        for e in entries if self.live else ():
            self._old(e)

    def summary(self, lines: list[bytes]) -> None:
        """The summary graph's lines that change (kg/summary.py): those of the items the changed articles
        touch, against the previous build's lines."""
        if not self.live:
            return
        old, new = set(self.old_summary), set(lines)
        gone, added = b"".join(ln + b".\n" for ln in sorted(old - new)), b"".join(ln + b".\n" for ln in sorted(new - old))
        self.old.append(gone)
        self.new.append(added)
        self.summary_change = (gone, added)  # for the summary's own named graph, changed the same way

    def catalog(self, nquads: bytes) -> None:
        self.new_catalog = nquads.replace(f"<{CATALOG_GRAPH}> .\n".encode(), b".\n")

    def args(self) -> tuple[bytes, bytes, list]:
        if self.new_catalog is None:  # the catalog graph is as it was
            return b"".join(self.old), b"".join(self.new), []
        return b"".join(self.old), b"".join(self.new) + self.new_catalog, self.old_catalog
