"""`kg serve` under load: concurrent clients running the query library over HTTP for a while.

    python bench/serve_load.py BUILD_DIR [--clients 20] [--seconds 60]

Starts `kg serve BUILD_DIR` on a free loopback port (read-only, as by default) and runs CLIENTS threads, each
calling the library's parameterised queries in turn through /queries/NAME (the same calls the page makes:
ties of the two states with most ties, their per-year counts, a leader's timeline, new since a date, ...) and
a plain SPARQL count through /query, for SECONDS. Prints one JSON object: requests, errors (any non-200
answer or failed connection, with the first few), requests per second, and latency p50/p90/p99/max per
call and overall.
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT = "PREFIX kg: <https://w3id.org/kg-arabic/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Article }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def calls(build: Path) -> list[tuple[str, str]]:
    """The calls a client cycles through: (name, path), parameters taken from the build itself."""
    from kg.api import run

    cols, rows = run(str(build), "tie_counts", {})
    top = max(rows, key=lambda r: int(r[cols.index("n_facts")] or 0)) if rows else None
    a, b = (top[cols.index("a")], top[cols.index("b")]) if top and "a" in cols else ("Q159", "Q423")
    q = lambda name, **p: (name, f"/queries/{name}?" + urllib.parse.urlencode(p))  # noqa: E731
    return [q("ties", a=a, b=b, by="year"), q("tie_counts", by="year"), q("timeline", entity=a),
            q("agreements", state=a), q("new_since", since="2015-06-01"), q("entities"), q("corroborated"),
            ("sparql-count", "/query?" + urllib.parse.urlencode({"query": COUNT}))]


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args(argv)

    plan = calls(args.build)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(args.build), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/queries", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        lat: dict[str, list[float]] = {name: [] for name, _ in plan}
        errors: list[str] = []
        lock = threading.Lock()
        end = time.monotonic() + args.seconds

        def client(k: int) -> None:
            i = k
            while time.monotonic() < end:
                name, path = plan[i % len(plan)]
                i += 1
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=120) as r:
                        r.read()
                        ok = r.status == 200
                except Exception as e:  # an HTTP error status or a failed connection
                    ok, why = False, f"{name}: {e}"
                dt = time.perf_counter() - t
                with lock:
                    lat[name].append(dt)
                    if not ok:
                        errors.append(why if len(errors) < 5 else "")

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(20)

    def q(xs: list[float], f: float) -> float | None:
        return round(sorted(xs)[min(len(xs) - 1, int(len(xs) * f))] * 1000, 1) if xs else None

    every = [x for xs in lat.values() for x in xs]
    result = {"bench": "serve_load", "build": str(args.build), "clients": args.clients, "seconds": round(wall, 1),
              "requests": len(every), "errors": len(errors), "first_errors": [e for e in errors if e][:5],
              "requests_per_s": round(len(every) / wall, 1),
              "latency_ms": {"p50": q(every, 0.5), "p90": q(every, 0.9), "p99": q(every, 0.99), "max": q(every, 1)},
              "per_call_ms": {name: {"n": len(xs), "p50": q(xs, 0.5), "p99": q(xs, 0.99)} for name, xs in lat.items()}}
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
