"""`kg build`: corpus -> pipeline -> RDF dataset, facts.jsonl, graph.html and the Oxigraph store.

Everything is written into a staging directory next to OUT and moved into place only when complete,
so an error or a kill leaves the previous build intact (no half-written output).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset
from tqdm import tqdm

from .corpus import read_corpus
from .errors import KgError
from .facts import collect_facts, dumps
from .graph import GraphBuilder, new_dataset
from .pipeline import Pipeline
from .store import load_store, replace_dir
from .views import graph_view
from .viz import write_graph_html
from .ties import ties_view, write_ties_html

OUTPUT_FILES = ("dataset.trig", "dataset.nq", "graph.ttl", "facts.jsonl", "graph.html", "ties.html")


@dataclass
class BuildResult:
    out: Path
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    agreements: Counter = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        def fmt(c: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in c.most_common()) or "none"

        lines = [
            f"kg build → {self.out}",
            f"  articles    {self.articles}" + (f"  ({len(self.skipped)} skipped)" if self.skipped else ""),
            f"  entities    {sum(self.entities.values())}: {fmt(self.entities)}",
            f"  events      {sum(self.events.values())}: {fmt(self.events)}",
            f"  agreements  {sum(self.agreements.values())}: {fmt(self.agreements)}",
            f"  triples     {self.triples}",
            f"  time        {self.seconds:.1f} s",
            f"  files       {', '.join(OUTPUT_FILES)}, store/",
        ]
        return "\n".join(lines)


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def build(src: str, out: str, ner: str = "stanza", strict: bool = False, progress: bool = True,
          max_bytes: int | None = None) -> BuildResult:
    t0 = time.perf_counter()
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a directory")
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    corpus = read_corpus(src, strict=strict, **kwargs)
    for p in corpus.problems:
        print(f"kg: skipped: {p}", file=sys.stderr)
    if not corpus.articles:
        raise KgError(f"{src}: no readable articles ({len(corpus.problems)} input(s) skipped)")

    pipeline = Pipeline(ner=ner)
    docs = list(tqdm(pipeline.process_many(corpus.articles), total=len(corpus.articles), desc="articles",
                     unit="art", disable=not progress, file=sys.stderr))

    builder = GraphBuilder(pipeline.catalog)
    ds: Dataset = new_dataset()
    used: set[str] = set()
    for doc in docs:
        g = builder.article_graph(doc, pipeline.linker.new_types)
        target = ds.graph(g.identifier)
        for t in g:
            target.add(t)
        used.update(m.entity for m in doc.mentions if m.entity)
        for ev in doc.events:
            used.update(ev.participants + ev.states + ([ev.place] if ev.place else []))
    cat = ds.graph(builder.catalog_graph(used).identifier)
    for t in builder.catalog_graph(used):
        cat.add(t)

    facts = collect_facts(docs, pipeline.catalog, pipeline.linker.new_types)
    result = BuildResult(out=out_dir, articles=len(docs), skipped=corpus.problems)
    for f in facts:
        {"entity": result.entities, "event": result.events, "agreement": result.agreements}[f["kind"]][f["type"]] += 1

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    try:
        nquads = ds.serialize(format="nquads", encoding="utf-8")
        _write(stage / "dataset.nq", nquads)
        _write(stage / "dataset.trig", ds.serialize(format="trig", encoding="utf-8"))
        union = new_dataset().graph()
        for prefix, ns in ds.namespaces():
            union.bind(prefix, ns)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        result.triples = len(union)
        _write(stage / "graph.ttl", union.serialize(format="turtle", encoding="utf-8"))
        _write(stage / "facts.jsonl", dumps(facts).encode("utf-8"))
        store = load_store(stage / "store", nquads)
        nodes, edges = graph_view(store)
        write_ties_html(*ties_view(store), stage / "ties.html", title=f"kg — ties over time, {len(docs)} articles")
        del store
        write_graph_html(nodes, edges, stage / "graph.html", title=f"kg — {len(docs)} articles")
        out_dir.mkdir(parents=True, exist_ok=True)
        replace_dir(stage / "store", out_dir / "store")
        for name in OUTPUT_FILES:
            os.replace(stage / name, out_dir / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    result.seconds = time.perf_counter() - t0
    return result
