"""Scale-out: the same build in one process, and on a local Dask cluster of 1, 2, ... worker processes.

    python bench/dask_workers.py [--articles 200] [--ner stanza] [--workers 1,2]

Each run is a whole `kg build` into a new directory, cluster start-up and per-worker model loading
included (that is what a user waits for). Checks that every run wrote the same dataset. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--per", type=int, default=8, help="sentences per article")
    ap.add_argument("--ner", default="stanza")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    args = ap.parse_args(argv)

    from kg.build import build

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    src = corpus.write(args.articles, tmp / "src" / "articles.jsonl", per=args.per)
    runs, reference = {}, None
    for w in [0] + [int(x) for x in args.workers.split(",") if x]:
        out = tmp / f"out-{w}"
        t = time.perf_counter()
        build(str(src), str(out), ner=args.ner, progress=False, workers=w or None)
        dt = time.perf_counter() - t
        data = (out / "dataset.nq").read_bytes()
        reference = reference or data
        runs["in-process" if w == 0 else f"workers={w}"] = {
            "seconds": round(dt, 2), "articles_per_s": round(args.articles / dt, 2), "same_dataset": data == reference}
        shutil.rmtree(out)
    shutil.rmtree(tmp, ignore_errors=True)
    base = runs.get("workers=1", {}).get("seconds")
    for r in runs.values():
        r["speedup_vs_1_worker"] = round(base / r["seconds"], 2) if base else None
    result = {"bench": "dask_workers", "ner": args.ner, "articles": args.articles, "cpu_count": os.cpu_count(),
              "load_avg_1m": round(os.getloadavg()[0], 2), "runs": runs}
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
