"""The changes to the store's merged default graph when only some articles changed (the RDF files: kg/rdf_files.py)."""
from __future__ import annotations

from pathlib import Path

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
        self.old: list[bytes] = []
        self.new: list[bytes] = []
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
        if self.live and e.id in self.before:
            self._old(e)
        if self.live and lines:
            self.new.append(b".\n".join(lines) + b".\n")

    def removed(self, entries: list[Entry]) -> None:
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

    def ok(self, changes: int, n: int) -> bool:
        """Whether the merged graph can be updated in place when `changes` of the build's `n` graphs change."""
        return self.live and changes <= self.SHARE * max(n, 1)

    def args(self) -> tuple[bytes, bytes, list]:
        if self.new_catalog is None:  # the catalog graph is as it was
            return b"".join(self.old), b"".join(self.new), []
        return b"".join(self.old), b"".join(self.new) + self.new_catalog, self.old_catalog
