"""graph.html: time to write and file size against the number of nodes.

    python bench/graph_html.py [--nodes 100,1000,5000,20000] [--edges-per-node 2]

Synthetic graphs shaped like the build's view (entity and event nodes with Arabic labels and multi-line
tooltips, ~2 edges per node), written with kg.viz.write_graph_html. `kg build` caps the page at 1,500
nodes (the highest-degree ones); here the cap is raised to each size, and one more run shows the capped page
for the largest graph. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ["Person", "State", "City", "Place", "Organization", "Event", "Agreement", "Other"]


def graph(n: int, edges_per_node: int, seed: int = 0) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    nodes = []
    for i in range(n):
        t = TYPES[i % len(TYPES)]
        date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}" if t in ("Event", "Agreement") else None
        nodes.append({"id": f"https://w3id.org/kg-arabic/entity/n{i}", "label": f"كيان رقم {i}", "type": t,
                      "title": f"كيان رقم {i}\nEntity {i}\n{t} · {rng.randint(1, 9)} article(s)", "date": date})
    edges = []
    for i in range(n * edges_per_node):
        s, o = rng.randrange(n), rng.randrange(n)
        if s != o:
            edges.append({"source": nodes[s]["id"], "target": nodes[o]["id"], "label": "participant",
                          "title": "participant", "date": nodes[s]["date"]})
    return nodes, edges


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", default="100,1000,5000,20000")
    ap.add_argument("--edges-per-node", type=int, default=2)
    args = ap.parse_args(argv)

    from kg.viz import write_graph_html

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    sizes = [int(s) for s in args.nodes.split(",") if s]
    runs = []
    for n in sizes + [sizes[-1]]:
        capped = len(runs) == len(sizes)
        nodes, edges = graph(n, args.edges_per_node)
        path = tmp / f"graph-{n}.html"
        t = time.perf_counter()
        info = write_graph_html(nodes, edges, path, title=f"bench {n}", max_nodes=1500 if capped else max(n, 1500))
        dt = time.perf_counter() - t
        runs.append({"nodes": n, "edges": len(edges), "max_nodes": 1500 if capped else max(n, 1500),
                     "seconds": round(dt, 3), "bytes": path.stat().st_size,
                     "kb_per_node_shown": round(path.stat().st_size / 1024 / min(n, 1500 if capped else n), 2),
                     "written": {k: v for k, v in (info or {}).items() if isinstance(v, (int, float))}})
        path.unlink()
    result = {"bench": "graph_html", "runs": runs}
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
