"""Peak memory and time of whole builds of 1,000 and 10,000 articles (is building linear in articles?),
and of adding a few articles to the big build (incremental).

    python bench/build_memory.py [--sizes 1000,10000] [--ner gazetteer] [--add 10]

Each build runs in its own process; peak memory is that process's maximum resident set size (ru_maxrss).
The default NER is the catalog gazetteer (so that 10,000 articles take minutes, not hours, on a laptop
CPU); everything after NER (linking, events, RDF, facts, store, HTML) is the same as with Stanza.
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py)


def child(src: str, out: str, ner: str) -> None:
    from kg.build import build

    t = time.perf_counter()
    r = build(src, out, ner=ner, progress=False)
    print(json.dumps({"seconds": round(time.perf_counter() - t, 2), "triples": r.triples, "articles": r.articles,
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


def run_child(src: Path, out: Path, ner: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", str(src), str(out), "--ner", ner],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--ner", default="gazetteer")
    ap.add_argument("--per", type=int, default=8, help="sentences per article")
    ap.add_argument("--add", type=int, default=10, help="articles then added to the largest build (0: skip)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(*args.child, args.ner)

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    runs = {}
    for n in sizes:
        src = corpus.write(n, tmp / f"src-{n}" / "articles.jsonl", per=args.per)
        r = run_child(src.parent, tmp / f"out-{n}", args.ner)
        r["ms_per_article"] = round(1000 * r["seconds"] / n, 1)
        r["out_mb"] = round(sum(p.stat().st_size for p in (tmp / f"out-{n}").rglob("*") if p.is_file()) / 2**20, 1)
        runs[str(n)] = r
        print(json.dumps({n: r}), file=sys.stderr)
    result = {"bench": "build_memory", "ner": args.ner, "sentences_per_article": args.per, "builds": runs,
              "per_article_time_ratio_largest_vs_smallest":
                  round(runs[str(sizes[-1])]["ms_per_article"] / runs[str(sizes[0])]["ms_per_article"], 2),
              "target": {"peak_rss_mb_10k": "< 2048", "per_article_time": "flat (linear build)"},
              "cpu_count": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    if args.add:
        big = sizes[-1]
        extra = tmp / "extra"
        extra.mkdir()
        with open(extra / "new.jsonl", "w", encoding="utf-8") as f:
            for a in corpus.articles(args.add, per=args.per, seed=1):
                f.write(json.dumps({**a, "id": "new-" + a["id"]}, ensure_ascii=False) + "\n")
        r = run_child(extra, tmp / f"out-{big}", args.ner)
        result["incremental_add"] = {"to_articles": big, "added": args.add, **r}
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
