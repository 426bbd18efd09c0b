"""The merge step of `kg build` and `kg remove`: every output of the build from its articles' digests
(kg/digest.py), written into the staging directory and then swapped into OUT.

A build that changes a few articles of a large one re-derives only what they touch: the other articles'
digests are not even opened. Their blocks of the RDF files are copied from the previous files
(kg/rdf_files.py), the records of facts.jsonl they alone make are kept as they were (kg/facts_update.py),
the summary graph changes by the lines of the touched items (kg/summary.py), and the store's merged graph by
the triples of the changed graphs (kg/merged.py). Everything else (a first build, new extraction code, many
changes, outputs the index does not describe) is derived from every digest; both ways give the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import digest
from .catalog import load_catalog
from .digest import Digester
from .errors import KgError
from .facts import merge_facts
from .facts_update import dump, head, update_facts
from .faults import crash_point
from .graph import GraphBuilder
from .ids import CATALOG_GRAPH, SUMMARY_GRAPH, article_graph_iri
from .merged import MergedDelta
from .rdf_files import NAMES, RdfFiles, nquads, old_offsets
from .state import DIR, INDEX, Entry, State, link_or_copy, read_doc
from .store import OxigraphStore, Store, make_store, replace_dir
from .summary import summary_lines, update_summary
from .ties import ties_view
from .ties_page import write_ties_html
from .views import graph_view
from .viz import write_graph_html

OUTPUT_FILES = ("dataset.trig", "dataset.nq", "graph.ttl", "facts.jsonl", "graph.html", "ties.html")
SUMMARY_FILE = "summary.nt"  # in OUT/articles/: the summary graph's lines, to update the store by difference


class _InOrder:
    """Calls run one after another in a background thread; `wait` returns when all are done and raises
    the first error. The store's loads overlap the Python work of building the next graphs."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
        self.futures: list = []

    DEPTH = 2  # calls queued at most: batches waiting for the store would pile up in memory

    def run(self, fn, *args):
        while len(self.futures) >= self.DEPTH:
            self.futures.pop(0).result()
        fut = self.pool.submit(fn, *args)
        self.futures.append(fut)
        return fut

    def wait(self) -> None:
        try:
            for f in self.futures:
                f.result()
        finally:
            self.stop()

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.futures = []


def _open_store(spec: str, prev: State, out_dir: Path, stage: Path) -> Store:
    """The store the build writes: for Oxigraph, a copy of the current one in the staging directory."""
    if spec != "oxigraph":
        return make_store(spec)
    if prev.store == "oxigraph" and prev.entries and (out_dir / "store").is_dir():
        old = OxigraphStore(out_dir / "store", read_only=True)
        old.ox.backup(str(stage / "store"))  # hard links where possible: fast and small
        old.close()
    return OxigraphStore(stage / "store")


def first_types(entries: list[Entry]) -> dict[str, str]:
    """A minted entity's type: from the first article (in build order) that minted it."""
    types: dict[str, str] = {}
    for e in entries:
        for iri, t in e.types.items():
            types.setdefault(iri, t)
    return types


def _read_lines(path: Path) -> list[bytes] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return [ln for ln in data.split(b"\n") if ln]


def _tally(lines: list[bytes], counts: dict[str, Counter]) -> set[str]:
    """Count the records by kind and type; return the entities they use (mentioned, or an event's
    participant, state or place: what the catalog graph describes)."""
    used: set[str] = set()
    for line in lines:
        kind, iri, typ = head(line)
        counts[kind][typ] += 1
        if kind == "entity":
            used.add(iri)
        elif kind == "event":
            ev = json.loads(line)
            used.update(ev["participants"], ev["states"], [ev["place"]] if ev["place"] else [])
    return used


def derive(out_dir: Path, stage: Path, prev: State, state: State, result, t0: float):
    """Write every output for the articles of `state` into `stage`, then swap them into `out_dir`.

    New extraction results and their digests are already in stage/articles/; the others are taken from
    OUT/articles/."""
    t_derive = time.perf_counter()
    catalog = load_catalog()
    builder = GraphBuilder(catalog)
    digester = Digester(catalog)
    new_types, old_types = first_types(state.entries), first_types(prev.entries)
    retyped = {i for i in new_types.keys() | old_types.keys() if new_types.get(i, "Other") != old_types.get(i, "Other")}
    before = {e.id: (i, e) for i, e in enumerate(prev.entries)}
    ids = {e.id for e in state.entries}
    removed = [e for e in prev.entries if e.id not in ids]

    store = None
    loads = _InOrder()  # store writes, in order, in a thread: pyoxigraph loads without the GIL
    try:
        store = _open_store(state.store, prev, out_dir, stage)
        # what the store holds, so a store that drifted from the index is repaired: asked of the store (5 s at
        # 45,000 articles) unless the store says it is the one the index's build committed
        present = _committed(prev, out_dir) or store.articles()
        merged = MergedDelta(store, prev, present)
        # made again from its digest: what this build extracted, what a changed type or a drifted store touches
        staged = set(os.listdir(stage / DIR))  # the results and digests this build extracted
        redo = {e.id for e in state.entries if e.file in staged or retyped & e.types.keys()
                or e.id not in before or present.get(e.id) != e.content or not e.blocks}
        old_summary = _read_lines(prev.dir / SUMMARY_FILE)
        olds = [*removed, *(before[i][1] for i in redo if i in before)]  # what the changed graphs held: their old digests
        reload = not merged.plan(olds, old_summary, len(redo) + len(removed), len(state.entries))
        offsets = old_offsets(out_dir, prev.sizes, [e.blocks for e in prev.entries])
        old_facts = _read_lines(out_dir / "facts.jsonl")
        incremental = not reload and offsets is not None and old_facts is not None
        batch: dict[str, bytes] = {}
        rdf = RdfFiles(stage, out_dir if offsets is not None else None, union=reload)
        new_parts: dict[str, dict] = {}

        def parts() -> Iterator[tuple[str, dict]]:
            nonlocal batch
            src, dst = str(prev.dir), str(stage / DIR)
            for e in state.entries:
                if e.file not in staged:  # unchanged: keep the stored result and its digest
                    for name in (e.file, *digest.files(e.file)):
                        link_or_copy(os.path.join(src, name), os.path.join(dst, name))
                pos, pe = before.get(e.id, (None, None))
                if incremental and e.id not in redo:
                    rdf.keep(offsets[pos], e.blocks)
                    continue
                dg = digest.read(stage / DIR, e.file)
                if dg is None or not dg.current(new_types):
                    dg = digester.make(read_doc(stage / DIR, e), new_types)
                    digest.write(stage / DIR, e.file, dg)
                graph = article_graph_iri(e.id)
                data = nquads(graph, dg.lines)
                # what the previous build wrote for it (read before e, often the same Entry, is updated)
                old_graph, old_blocks = (pe.graph, pe.blocks) if pe is not None else (None, [])
                e.graph, e.content, e.meta = _sha(data), dg.content, dg.facts["article"]
                if offsets is not None and old_blocks and old_graph == e.graph:
                    rdf.keep(offsets[pos], old_blocks, dg.lines)  # the same graph: the same blocks
                    e.blocks = old_blocks
                else:
                    _, e.blocks = rdf.add_lines(graph, dg.lines, data)
                if old_graph != e.graph or present.get(e.id) != dg.content:
                    batch[graph] = data
                    merged.changed(e, dg.lines)
                    if sum(map(len, batch.values())) > 4 << 20:
                        loads.run(store.put_graphs, batch)
                        batch = {}
                if e.id in redo:
                    new_parts[e.id] = dg.facts
                yield e.id, dg.facts

        if incremental:
            for _ in parts():
                pass
            gone = {aid: dg.facts for aid, dg in merged.olds.items()}
            order = {e.id: i for i, e in enumerate(state.entries)}
            files = {e.id: e for e in state.entries}
            lines, touched = update_facts(old_facts, gone, new_parts, order,
                                          lambda aid: _digest(stage / DIR, files[aid]).facts, catalog, new_types)
            summary = update_summary(old_summary, touched, _meta(state.entries))
        else:
            records = merge_facts(parts(), catalog, new_types)
            lines = [dump(r) for r in records]
            summary = summary_lines(records, _meta(state.entries))
            del records
        used = _tally(lines, {"entity": result.entities, "event": result.events, "agreement": result.agreements})
        summary_nq, _ = rdf.add_lines(SUMMARY_GRAPH, summary)
        merged.summary(summary)
        (stage / DIR / SUMMARY_FILE).write_bytes(b"\n".join(summary))
        cat, _ = rdf.add(builder.catalog_graph(used))
        state.sizes = dict(zip(NAMES, rdf.close()))
        state.catalog = _sha(cat)
        batch[CATALOG_GRAPH] = cat
        loads.run(store.put_graphs, batch)  # the catalog graph always: it is small and the store may lack it
        loads.run(store.remove_graphs, [article_graph_iri(aid) for aid in present if aid not in ids])
        merged.removed(removed)
        if state.catalog != prev.catalog:
            merged.catalog(cat)
        gained = None
        if not reload:  # what queries read: every triple once (kg/store.py)
            # the summary's named graph by its changed lines (the items the changed articles touch), then the merge
            loads.run(store.update_graph, SUMMARY_GRAPH, *merged.summary_change)
            gained = loads.run(store.update_merged, *merged.args())
        else:
            loads.run(store.put_graphs, {SUMMARY_GRAPH: summary_nq})
            loads.run(store.put_merged, stage / "union.nt")
        (stage / "facts.jsonl").write_bytes(b"".join(ln + b"\n" for ln in lines))
        del lines
        loads.wait()
        result.triples = state.triples = rdf.triples if reload else prev.triples + gained.result()
        result.articles = len(state.entries)
        # Oxigraph answers without holding Python's lock: the two views' queries share the cores
        with ThreadPoolExecutor(2 if isinstance(store, OxigraphStore) else 1, thread_name_prefix="kg-view") as pool:
            for page in [pool.submit(_graph_page, store, stage, result.articles),
                         pool.submit(_ties_page, store, stage, result.articles)]:
                page.result()
        if reload:
            os.remove(stage / "union.nt")
        index = state.dump()
        (stage / DIR / INDEX).write_text(index, encoding="utf-8")
        store.close()
        store = None
        if state.store == "oxigraph":  # swapped with the store: a store of another build never carries it
            (stage / "store" / COMMITTED).write_text(_sha(index.encode("utf-8")), encoding="utf-8")

        # The swap. Each file is replaced atomically; the index (OUT/articles/, last) is the commit record:
        # a kill in between leaves complete files of either build and the old index, so the next run
        # redoes this build and ends where an uninterrupted one would (tests/test_hardening.py).
        crash_point("staged")
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in OUTPUT_FILES:
            os.replace(stage / name, out_dir / name)
            crash_point(f"swapped:{name}")
        if state.store == "oxigraph":
            replace_dir(stage / "store", out_dir / "store")
        elif (out_dir / "store").is_dir():  # a store from an earlier build would now be stale
            shutil.rmtree(out_dir / "store")
        crash_point("swapped:store")
        replace_dir(stage / DIR, out_dir / DIR)  # last: the index says which outputs are complete
        crash_point("swapped:articles")
    finally:
        loads.stop()  # an error on the way: nothing may still write when the store closes
        if store is not None:
            store.close()
    result.seconds = time.perf_counter() - t0
    result.derive_seconds = time.perf_counter() - t_derive
    return result


COMMITTED = "kg-index.sha256"  # in the store's directory: the hash of the index of the build that wrote it


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _committed(prev: State, out_dir: Path) -> dict[str, str] | None:
    """What an Oxigraph store holds, by article, when it is the one the previous build committed with its index
    (the hash it keeps of that index agrees): then the index says it. None when it cannot say."""
    if prev.store != "oxigraph" or not prev.entries:
        return None
    try:
        mark = (out_dir / "store" / COMMITTED).read_text(encoding="utf-8")
        index = (prev.dir / INDEX).read_bytes()
    except OSError:
        return None
    return {e.id: e.content for e in prev.entries} if mark == _sha(index) else None


def _graph_page(store: Store, stage: Path, n: int) -> None:
    nodes, edges = graph_view(store)
    nodes.sort(key=lambda x: x["id"])  # a deterministic page for the same graph
    edges.sort(key=lambda e: (e["source"], e["target"], e["label"]))
    write_graph_html(nodes, edges, stage / "graph.html", title=f"kg — {n} articles")


def _ties_page(store: Store, stage: Path, n: int) -> None:
    write_ties_html(*ties_view(store), stage / "ties.html", title=f"kg — ties over time, {n} articles")


def _meta(entries: list[Entry]) -> dict[str, dict]:
    """Each article's date and source (for the summary graph), once every entry has been derived."""
    return {e.id: e.meta for e in entries}


def _digest(d: Path, e: Entry) -> digest.Digest:
    dg = digest.read(d, e.file)
    if dg is None:
        raise KgError(f"{d / e.file}: its digest is unreadable; rebuild with --fresh")
    return dg
