"""The catalog's start-up cost on every build: parse ontology/entities.ttl, build the gazetteer and the linker.

    python bench/catalog_load.py [--ttl ontology/entities.ttl] [--runs 5]

Each run is a fresh interpreter (the catalog is cached per process), timed inside it after imports.
Prints one JSON object: entity and person counts, and the median and best seconds of each step.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from kg.catalog import load_catalog
from kg.ner.gazetteer import Gazetteer
from kg.link import Linker
t0 = time.perf_counter(); cat = load_catalog(sys.argv[2] or None); t1 = time.perf_counter()
gaz = Gazetteer(cat); t2 = time.perf_counter()
Linker(cat, gaz); t3 = time.perf_counter()
print(json.dumps({"entities": len(cat.entities), "people": sum(e.type == "Person" for e in cat.entities.values()),
                  "with_tenures": sum(bool(e.tenures) for e in cat.entities.values()),
                  "load": t1 - t0, "gazetteer": t2 - t1, "linker": t3 - t2}))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--ttl", default="", help="a catalog file other than the packaged ontology/entities.ttl")
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(ROOT), a.ttl], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(a.runs)]
    out = {k: runs[0][k] for k in ("entities", "people", "with_tenures")}
    for step in ("load", "gazetteer", "linker"):
        xs = [r[step] for r in runs]
        out[step] = {"median_s": round(statistics.median(xs), 3), "best_s": round(min(xs), 3)}
    out["total_median_s"] = round(sum(out[s]["median_s"] for s in ("load", "gazetteer", "linker")), 3)
    out["ttl"] = a.ttl or "ontology/entities.ttl"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
