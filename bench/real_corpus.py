"""A real archive at scale: build N AlKhaleej articles (../shared/data/news), then add 200, remove one, and
time every library query on the result.

    python bench/real_corpus.py [--sizes 1000,5000] [--ner stanza|gazetteer] [--workers N] [--news PATH] [--work DIR]

The articles are a fixed shuffle of the corpus (seed 7), each given a publication date in 2015 (SANAD has
none). Prints one JSON object per size: articles/s, peak RSS of the build, the derive (merge) step's share,
+200 and remove-1 seconds, each library query's seconds, events per 1,000 sports articles. Needs the corpus
(it is never in the repository); without it, says so and exits 2.
"""
from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "khaleej.jsonl.xz"


def articles(path: Path, n: int) -> list[dict]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    random.Random(7).shuffle(rows)
    out = []
    for i, r in enumerate(rows[:n]):
        # every day of 2015 in turn (the month and day counted apart gave only 84 distinct days: 536 articles a
        # day at 45,000, and chance merges of unrelated reports that share a day)
        r["published"] = (date(2015, 1, 1) + timedelta(days=i % 365)).isoformat()
        out.append(r)
    return out


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def kg(*args) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in (0, 1):
        raise SystemExit(f"kg {' '.join(map(str, args))} failed: {p.stderr[-500:]}")
    return time.perf_counter() - t, p.stdout + p.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--ner", default="stanza", choices=["stanza", "gazetteer"])
    ap.add_argument("--news", default=str(NEWS))
    ap.add_argument("--work", default="/tmp/kg-bench-real")
    ap.add_argument("--workers", type=int, default=0, help="extraction processes (a local Dask cluster); 0: in process")
    a = ap.parse_args()
    if not Path(a.news).is_file():
        print(f"no corpus at {a.news} (see ../shared/data/news/README.md)", file=sys.stderr)
        raise SystemExit(2)
    sizes = [int(s) for s in a.sizes.split(",")]
    rows = articles(Path(a.news), max(sizes) + 200)
    work = Path(a.work)
    sys.path.insert(0, str(ROOT))
    import kg as kglib
    from kg.queries import library
    for n in sizes:
        src, more, out = work / f"src{n}" / "a.jsonl", work / f"more{n}" / "b.jsonl", work / f"out{n}"
        write(rows[:n], src)
        write(rows[n:n + 200], more)
        subprocess.run(["rm", "-rf", str(out)], check=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        par = ["--workers", a.workers] if a.workers else []
        secs, log = kg("build", src.parent, "--out", out, "--ner", a.ner, "-q", "--fresh", *par)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far (KiB)
        merge = re.search(r"\(merge ([0-9.]+) s\)", log)
        add, add_log = kg("build", more.parent, "--out", out, "--ner", a.ner, "-q", *par)
        first = rows[0].get("id")
        rm, _ = kg("remove", first, "--out", out)
        queries = {}
        for name, q in library().items():
            params = {p.name: {"entity": "Q851", "date": "2015-06"}.get(p.kind, "x") for p in q.params if p.required}
            t = time.perf_counter()
            kglib.query(str(out), name, **params)
            queries[name] = round(time.perf_counter() - t, 3)
        facts = [json.loads(x) for x in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
        sport = {r["id"] for r in rows[:n] if str(r.get("category", "")).lower().startswith("sport")}
        sport_events = sum(1 for f in facts if f["kind"] == "event" and set(f["articles"]) & sport)
        print(json.dumps({
            "articles": n, "ner": a.ner, "workers": a.workers, "build_s": round(secs, 1), "articles_per_s": round(n / secs, 1),
            "merge_share": round(float(merge.group(1)) / secs, 3) if merge else None,
            "peak_rss_mb": round(max(peak, before) / 1024), "add_200_s": round(add, 1),
            "add_200_changes": next((ln.split(None, 1)[1] for ln in add_log.splitlines() if ln.strip().startswith("changes")), None), "remove_1_s": round(rm, 1),
            "queries_s": queries, "events": sum(f["kind"] == "event" for f in facts),
            "sports_articles": len(sport), "events_per_1000_sports_articles": round(1000 * sport_events / max(1, len(sport)), 1),
        }), flush=True)


if __name__ == "__main__":
    main()
