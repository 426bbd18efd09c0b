"""The ties-over-time query (kg/queries/ties.rq) on graphs of 10k, 100k and 1M triples: Oxigraph vs rdflib.

    python bench/ties_query.py [--sizes 10000,100000,1000000] [--rdflib-max 1000000]

The graphs are real builds scaled up: the five seed articles are built (gazetteer NER), then their article
graphs are copied k times with every article, mention, event and agreement IRI made distinct per copy
(the entities and the catalog are shared, as in a real corpus where the same states recur). Both engines
get the same N-Quads, in memory, with the union of the named graphs as default graph; the query runs
once to warm up, then the best of --repeat runs is kept. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCOPED = re.compile(rb"(<https://w3id\.org/kg-arabic/(?:article|mention|event|agreement|graph/article)/[^>]*)>")
ARTICLE_ID = re.compile(rb'(<https://w3id\.org/kg-arabic/ontology#articleId> "[^"]*)"')


def base_dataset() -> tuple[list[bytes], list[bytes]]:
    """(article-graph lines, catalog lines) of a gazetteer build of the seeds."""
    from kg.build import build

    out = Path(tempfile.mkdtemp(prefix="kg-bench-")) / "out"
    build(str(ROOT / "seeds"), str(out), ner="gazetteer", progress=False)
    lines = (out / "dataset.nq").read_bytes().splitlines(keepends=True)
    catalog = [ln for ln in lines if ln.rstrip().endswith(b"<https://w3id.org/kg-arabic/graph/catalog> .")]
    return [ln for ln in lines if ln not in set(catalog)], catalog


def scaled(articles: list[bytes], catalog: list[bytes], triples: int) -> bytes:
    copies = max(1, round((triples - len(catalog)) / len(articles)))
    out = list(catalog)
    for k in range(copies):
        tag = f"-c{k}".encode()
        for ln in articles:
            ln = SCOPED.sub(lambda m: m.group(1) + tag + b">", ln)
            out.append(ARTICLE_ID.sub(lambda m: m.group(1) + tag + b'"', ln))
    return b"".join(out)


def rdflib_compatible(query: str) -> str:
    """rdflib 7 raises NotBoundError for an unbound variable inside GROUP_CONCAT(DISTINCT ...) (SPARQL says
    skip it): wrap such variables in COALESCE(?v, "") for rdflib only. Same rows, same work."""
    return re.sub(r"GROUP_CONCAT\(DISTINCT (\?\w+);", r'GROUP_CONCAT(DISTINCT COALESCE(\1, "");', query)


def best(fn, repeat: int) -> tuple[float, int]:
    fn()  # warm-up (and rdflib's query parse cache)
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return min(times), n


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--rdflib-max", type=int, default=1_000_000, help="skip rdflib above this many triples")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import pyoxigraph as ox
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    query = (ROOT / "kg" / "queries" / "ties.rq").read_text(encoding="utf-8")
    articles, catalog = base_dataset()
    results = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        data = scaled(articles, catalog, size)
        row = {"target_triples": size}
        t = time.perf_counter()
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        row["quads"] = len(store)
        row["oxigraph_load_s"] = round(time.perf_counter() - t, 2)
        ox_s, rows = best(lambda: len(list(store.query(query, use_default_graph_as_union=True))), args.repeat)
        row.update(oxigraph_query_s=round(ox_s, 4), rows=rows)
        del store
        if size <= args.rdflib_max:
            t = time.perf_counter()
            ds = rdflib.Dataset(default_union=True)
            ds.parse(data=data, format="nquads")
            row["rdflib_load_s"] = round(time.perf_counter() - t, 2)
            rq = prepareQuery(rdflib_compatible(query))
            rd_s, rd_rows = best(lambda: len(list(ds.query(rq))), 1 if size > 100_000 else args.repeat)
            row.update(rdflib_query_s=round(rd_s, 4), rdflib_rows=rd_rows, speedup=round(rd_s / ox_s, 1))
            del ds
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
    out = {"bench": "ties_query", "query": "kg/queries/ties.rq", "results": results,
           "targets": {"oxigraph_1M_s": "<= 1", "speedup": ">= 30"}}
    print(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
