"""The ties page: one offline HTML file to read how actors' ties evolve (``kg viz --view ties``).

``write_ties_html`` takes the ties of :func:`kg.ties.ties_view` (one per event and pair of actors) and
writes a page (``kg/templates/ties.html``) that draws **one edge per pair** of actors for the time window
picked on a time bar: its width the number of the pair's events in the window, its colour their dominant
kind (cooperation, conflict, agreement, neutral: :func:`kg.codes.tie_kind`).  The time bar is a
histogram of events per month stacked by type on a true time axis, with a two-handle brush, a play
button that walks the window through the months that have events (speed, loop) and a toggle between
"this window" and "cumulative".  Clicking an edge lists the pair's events in time order with their
sentences and articles; clicking a node lists the actor's events and its first and last mention.

Node positions are computed here once (networkx spring layout, fixed seed: the same build gives the
same picture) and stay fixed in the page, which has no physics to run: it opens fitted at once, even
for thousands of articles.  Text is handled as in :mod:`kg.viz`: JSON data escaped for a script
element, every text set with ``textContent``, Latin runs inside Arabic in bidi isolates.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from markupsafe import Markup
import pyvis

from . import viz
from .codes import TIE_KINDS, tie_kind
from .ties import EDGE_COLORS, NODE_CLASSES, month_span

__all__ = ["write_ties_html", "layout", "KIND_COLORS"]

#: Edge colour by the dominant kind of a pair's events in the window.
KIND_COLORS: dict[str, str] = {"cooperation": "#2e8b57", "conflict": "#d62728", "agreement": "#7b4fb0",
                               "neutral": "#8c8c8c"}
_EVIDENCE_MAX = 5          # sentences kept per event for the panel; the rest is counted
_SPACING = 170             # px: median distance from a node to its nearest neighbour (up to _ROOMY nodes)
_MIN_GAP = 150             # px: no two nodes closer (a large node and its label fit in between)
_EDGE_GAP = 40             # px: no node this close to an edge it is not part of
_ROOMY = 60                # more nodes than this: all three shrink with 1/sqrt(n) (down to 40%), so that the
                           # first fit of a large graph is not so far out that no label can be drawn
_CLEAR_MAX = 1200          # nodes: a bigger group keeps its spring layout (clearing costs n² memory)
_EDGE_CLEAR_MAX = 300_000  # nodes × edges: beyond, nodes lying on edges are left (it costs n × e per round)
_TYPE_DEFAULT = "#9c9c9c"


def _spring(g, order: list[int], seed: int, room: float = 1.0):
    """A seeded spring layout of one connected graph (rows in ``order``), scaled so that labels have room
    (the median nearest-neighbour distance is ``_SPACING``), then cleared (:func:`_clear`); an (n, 2) array."""
    import networkx as nx
    import numpy as np

    if len(order) == 1:
        return np.zeros((1, 2))
    pos = nx.spring_layout(g, seed=seed, iterations=150 if len(order) <= 300 else 50)
    xy = np.array([pos[v] for v in order], dtype=float)
    rng = np.random.default_rng(seed)
    sample = xy[rng.choice(len(xy), size=min(len(xy), 500), replace=False)]   # bounded cost on big groups
    d = np.sqrt(((sample[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    d[d == 0] = np.inf                                                          # itself
    nearest = float(np.median(d.min(axis=1)))
    xy *= _SPACING * room / nearest if np.isfinite(nearest) and nearest > 0 else 1.0
    if len(order) <= _CLEAR_MAX:
        index = {v: i for i, v in enumerate(order)}
        ends = np.array([(index[a], index[b]) for a, b in g.edges], dtype=int).reshape(-1, 2)
        xy = _clear(xy, ends if len(order) * len(ends) <= _EDGE_CLEAR_MAX else ends[:0], room, rng)
    return xy - xy.min(axis=0)


def _clear(xy, ends, room: float, rng):
    """A few rounds of clearing: two states sharing most neighbours land on one spot, so each pair closer
    than _MIN_GAP moves apart along its axis by half the shortfall; a node lying on an edge it is not part
    of (three in a row: that edge would hide another) moves off it, perpendicular to the edge."""
    import numpy as np

    for _ in range(40):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1))
        np.fill_diagonal(dist, np.inf)
        short = np.clip(_MIN_GAP * room - dist, 0, None)
        same = dist < 1e-6                      # coincident points: a seeded random direction
        delta[same] = rng.normal(size=(int(same.sum()), 2))
        unit = delta / np.maximum(np.sqrt((delta ** 2).sum(-1)), 1e-6)[:, :, None]
        move = (unit * (short / 2)[:, :, None]).sum(1)
        if len(ends):
            a, b = xy[ends[:, 0]], xy[ends[:, 1]]                      # (E, 2)
            ab = b - a
            t = ((xy[:, None, :] - a[None]) * ab[None]).sum(-1) / np.maximum((ab ** 2).sum(-1), 1e-6)[None]
            foot = a[None] + np.clip(t, 0, 1)[:, :, None] * ab[None]   # (N, E, 2): nearest point of each edge
            off = xy[:, None, :] - foot
            d = np.sqrt((off ** 2).sum(-1))
            inside = (t > 0.02) & (t < 0.98)
            inside[ends[:, 0], np.arange(len(ends))] = inside[ends[:, 1], np.arange(len(ends))] = False
            gap = np.where(inside, np.clip(_EDGE_GAP * room - d, 0, None), 0)
            normal = np.stack([-ab[:, 1], ab[:, 0]], -1) / np.maximum(np.sqrt((ab ** 2).sum(-1)), 1e-6)[:, None]
            side = np.where((off * normal[None]).sum(-1) >= 0, 1.0, -1.0)   # away from the edge, on its side
            move += (normal[None] * (gap * side)[:, :, None]).sum(1)
            short = short.any() or gap.any()
        if not np.any(short):
            break
        xy = xy + move
    return xy


def layout(n: int, pairs: list[tuple[int, int]], seed: int = 7) -> list[tuple[int, int]]:
    """Positions (px) of ``n`` nodes linked by ``pairs``: each connected group laid out on its own
    (:func:`_spring`), the groups packed in rows, largest first, so that a few pairs apart from the rest
    are not flung to the corners.  Same input, same positions."""
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(pairs)
    groups = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    room = max(0.4, min(1.0, (_ROOMY / max(n, 1)) ** 0.5))
    placed = [(c, _spring(g.subgraph(c), c, seed, room)) for c in groups]
    sizes = [xy.max(axis=0) + _MIN_GAP * room for _, xy in placed]
    row_width = max(float(sizes[0][0]) if sizes else 0.0, float(np.sqrt(sum(w * h for w, h in sizes))) * 1.2)
    out = [(0, 0)] * n
    x = y = row_height = 0.0
    for (c, xy), (w, h) in zip(placed, sizes):
        if x > 0 and x + w > row_width:        # next row
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (px, py) in zip(c, xy):
            out[v] = (int(round(x + px)), int(round(y + py)))
        x += float(w)
        row_height = max(row_height, float(h))
    return out


def _reduce(nodes: list[dict], edges: list[dict], max_nodes: int) -> tuple[dict, list[dict]]:
    """The nodes kept (the best-connected ``max_nodes``, by id) and the ties between them."""
    clean = viz._clean
    node_by_id: dict[str, dict] = {}
    for n in nodes:
        node_by_id.setdefault(clean(n["id"]), n)
    valid = [e for e in edges if clean(e["source"]) in node_by_id and clean(e["target"]) in node_by_id]
    degree: Counter[str] = Counter()
    for e in valid:
        degree[clean(e["source"])] += 1
        degree[clean(e["target"])] += 1
    order = list(node_by_id)
    if len(order) > max_nodes:
        rank = {k: i for i, k in enumerate(order)}
        keep = set(sorted(order, key=lambda k: (-degree[k], rank[k]))[:max_nodes])
        order = [k for k in order if k in keep]
    keep = set(order)
    return ({k: node_by_id[k] for k in order},
            [e for e in valid if clean(e["source"]) in keep and clean(e["target"]) in keep])


def page_data(nodes: list[dict], edges: list[dict], max_nodes: int = 800) -> dict:
    """What the page draws: vis nodes with positions, the pairs, and the events (each with its pairs)."""
    clean = viz._clean
    kept_nodes, kept = _reduce(nodes, edges, max_nodes)
    index = {k: i for i, k in enumerate(kept_nodes)}

    pair_index: dict[tuple[int, int], int] = {}
    events: dict[str, dict] = {}
    for i, e in enumerate(kept):
        a, b = sorted((index[clean(e["source"])], index[clean(e["target"])]))
        p = pair_index.setdefault((a, b), len(pair_index))
        key = clean(e.get("event")) or f"#{i}"
        ev = events.get(key)
        if ev is None:
            etype = clean(e.get("type")) or "OtherEvent"
            date = clean(e.get("date")) or None
            span = month_span(date)
            evidence = list(e.get("evidence") or [])
            ev = events[key] = {
                "t": etype, "c": clean(e.get("tie")) or tie_kind(etype),
                "d": date, "f": span[0] if span else None, "u": span[1] if span else None,
                "s": clean(e.get("status")) or "occurred", "l": clean(e.get("label")) or etype,
                "e": [[viz.bidi_isolate(clean(x.get("sentence"))), clean(x.get("article")),
                       viz.bidi_isolate(clean(x.get("source")))] for x in evidence[:_EVIDENCE_MAX]],
                "n": len(evidence), "m": sorted({clean(x.get("published"))[:10] for x in evidence
                                                 if x.get("published")}),
                "p": [],
            }
        if p not in ev["p"]:
            ev["p"].append(p)
    event_list = sorted(events.values(), key=lambda ev: (ev["f"] is None, ev["f"] or 0, ev["d"] or "", ev["t"]))
    pairs = [list(p) for p, _ in sorted(pair_index.items(), key=lambda kv: kv[1])]

    events_of: Counter[int] = Counter()
    for ev in event_list:
        for p in ev["p"]:
            events_of[pairs[p][0]] += 1
            events_of[pairs[p][1]] += 1
    positions = layout(len(kept_nodes), [tuple(p) for p in pairs])
    vis_nodes = []
    for (nid, n), (x, y) in zip(kept_nodes.items(), positions):
        cls = n.get("class") if n.get("class") in NODE_CLASSES else "Person"
        colour, shape = NODE_CLASSES[cls]
        label = clean(n.get("label")) or viz._local_name(nid)
        vis_nodes.append({
            "id": nid, "label": viz.bidi_isolate(viz._short(label, 40)), "shape": shape, "x": x, "y": y,
            "value": events_of[index[nid]] + 1, "title": viz.bidi_isolate(clean(n.get("title")) or label),
            "color": {"background": colour, "border": "#555555",
                      "highlight": {"background": colour, "border": "#000000"}},
            "kgClass": cls, "kgLabel": label, "kgLabelEn": clean(n.get("label_en")) or None,
        })
    months = sorted({m for ev in event_list if ev["f"] is not None for m in (ev["f"], ev["u"])})
    return {"nodes": vis_nodes, "pairs": pairs, "events": event_list, "ties": len(kept),
            "range": [months[0], months[-1]] if months else None,
            "omitted_nodes": len({viz._clean(n["id"]) for n in nodes}) - len(vis_nodes),
            "omitted_ties": len(edges) - len(kept)}


def _options() -> dict:
    """vis-network options: positions given, no physics; labels legible (size 15 with a white halo)."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {"borderWidth": 1, "scaling": {"min": 10, "max": 28, "label": {"enabled": False}},
                  "font": {"face": viz.FONT_STACK, "size": 15, "strokeWidth": 4, "strokeColor": "#ffffff",
                           "color": "#111111"}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": False}}, "selectionWidth": 2,
                  "hoverWidth": 1.5, "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": False, "multiselect": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
    }


def write_ties_html(nodes: list[dict], edges: list[dict], path: str | os.PathLike,
                    title: str = "kg ties over time", max_nodes: int = 800) -> dict:
    """Write the offline ties page; returns counts like :func:`kg.viz.write_graph_html`, plus ``months``
    (distinct months with dated ties), ``pairs`` (edges the page can draw) and ``events``.

    With more than ``max_nodes`` nodes the best-connected ones are kept (the page says what was left out).
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 0:
        raise ValueError(f"max_nodes must be a non-negative int, got {max_nodes!r}")
    data = page_data(nodes, edges, max_nodes)
    type_counts = Counter(ev["t"] for ev in data["events"])
    kind_counts = Counter(ev["c"] for ev in data["events"])
    class_counts = Counter(n["kgClass"] for n in data["nodes"])
    months = {m for ev in data["events"] if ev["f"] is not None for m in range(ev["f"], ev["u"] + 1)}
    colours = {t: EDGE_COLORS.get(t, _TYPE_DEFAULT) for t in type_counts}
    html = viz._template("ties.html").render(
        title=viz._clean(title) or "kg ties over time",
        font_stack=Markup(viz.FONT_STACK),
        node_legend=[{"name": c, "color": col, "shape": shape, "count": class_counts[c]}
                     for c, (col, shape) in NODE_CLASSES.items()],
        kind_legend=[{"name": k, "color": KIND_COLORS[k], "count": kind_counts[k]} for k in TIE_KINDS],
        type_legend=[{"name": t, "color": colours[t], "count": c} for t, c in sorted(type_counts.items())],
        shown_nodes=len(data["nodes"]), total_nodes=len(data["nodes"]) + data["omitted_nodes"],
        pairs=len(data["pairs"]), n_events=len(data["events"]), shown_ties=data["ties"],
        nodes_omitted=data["omitted_nodes"], edges_omitted=data["omitted_ties"], max_nodes=max_nodes,
        vis_js=Markup(viz._assets()["vis_js"]), vis_css=Markup(viz._assets()["vis_css"]),
        nodes_json=Markup(viz.safe_json(data["nodes"])), pairs_json=Markup(viz.safe_json(data["pairs"])),
        events_json=Markup(viz.safe_json(data["events"])), options_json=Markup(viz.safe_json(_options())),
        meta_json=Markup(viz.safe_json({"range": data["range"], "types": colours, "kinds": KIND_COLORS,
                                        "kindOrder": ["agreement", "conflict", "cooperation", "neutral"]})),
        pyvis_version=getattr(pyvis, "__version__", "?"),
    )
    raw = html.encode("utf-8")
    viz._atomic_write(Path(os.fspath(path)), raw)
    return {"nodes": len(data["nodes"]), "edges": data["ties"], "pairs": len(data["pairs"]),
            "events": len(data["events"]), "nodes_omitted": data["omitted_nodes"],
            "edges_omitted": data["omitted_ties"], "months": len(months), "bytes": len(raw)}
