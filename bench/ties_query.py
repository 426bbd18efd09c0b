"""The ties-over-time query (kg/queries/ties.rq) on graphs of 10k, 100k and 1M triples: Oxigraph vs rdflib.

    python bench/ties_query.py [--sizes 10000,100000,1000000] [--rdflib-max 1000000]

The graphs are real builds scaled up: the five seed articles are built (gazetteer NER), then their article
graphs are copied k times with every article, mention, event and agreement IRI made distinct per copy
(the entities and the catalog are shared, as in a real corpus where the same states recur). Both engines
get the same N-Quads, in memory, with the merge of the named graphs as default graph (as kg's store); the query runs
once to warm up, then the best of --repeat runs is kept (rdflib, in a child process stopped after
--rdflib-timeout seconds, runs once above 10k triples). Prints one JSON object.
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


def best(fn, repeat: int, warm: bool = True) -> tuple[float, int]:
    if warm:
        fn()
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return min(times), n


def rdflib_run(data: bytes, timeout: float, repeat: int) -> dict:
    """rdflib in a child process, so that a query that runs for hours can be stopped."""
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".nq") as f:
        f.write(data)
        f.flush()
        try:
            proc = subprocess.run([sys.executable, __file__, "--rdflib-child", f.name, "--repeat", str(repeat)],
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"rdflib_query_s": None, "rdflib_timeout_s": timeout}
    if proc.returncode:
        return {"rdflib_error": proc.stderr.strip().splitlines()[-1]}
    return json.loads(proc.stdout)


def rdflib_child(path: str, repeat: int) -> None:
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format="nquads")
    load_s = time.perf_counter() - t
    rq = prepareQuery(rdflib_compatible((ROOT / "kg" / "queries" / "ties.rq").read_text(encoding="utf-8")))
    query_s, rows = best(lambda: len(list(ds.query(rq))), repeat, warm=repeat > 1)
    print(json.dumps({"rdflib_load_s": round(load_s, 2), "rdflib_query_s": round(query_s, 4), "rdflib_rows": rows}))


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--rdflib-max", type=int, default=1_000_000, help="skip rdflib above this many triples")
    ap.add_argument("--rdflib-timeout", type=float, default=600, help="seconds before rdflib is stopped")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rdflib_child:
        return rdflib_child(args.rdflib_child, args.repeat)

    import pyoxigraph as ox

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
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS))
        row["oxigraph_load_s"] = round(time.perf_counter() - t, 2)
        ox_s, rows = best(lambda: len(list(store.query(query))), args.repeat)
        row.update(oxigraph_query_s=round(ox_s, 4), rows=rows)
        del store
        if size <= args.rdflib_max:
            row.update(rdflib_run(data, args.rdflib_timeout, 1 if size > 10_000 else args.repeat))
            if row.get("rdflib_query_s"):
                row["speedup"] = round(row["rdflib_query_s"] / ox_s, 1)
            elif "rdflib_timeout_s" in row:  # rdflib did not finish: a lower bound
                row["speedup_at_least"] = round(row["rdflib_timeout_s"] / ox_s, 1)
        results.append(row)
        print(json.dumps(row), file=sys.stderr)
    out = {"bench": "ties_query", "query": "kg/queries/ties.rq", "results": results,
           "targets": {"oxigraph_1M_s": "<= 1", "speedup": ">= 30"}}
    print(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
