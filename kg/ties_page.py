"""The ties page: one offline HTML file to read how actors' ties evolve (``kg viz --view ties``).

``write_ties_html`` takes the ties of :func:`kg.ties.ties_view` (one per event and pair of actors) and
writes a page (``kg/templates/ties.html``) that draws **one edge per pair** of actors for the time window
picked on a time bar: its width the number of the pair's events in the window, its colour their dominant
kind (cooperation, conflict, agreement, neutral: :func:`kg.codes.tie_kind`).  The time bar is a
histogram of events per month stacked by type on a true time axis, with a two-handle brush, a play
button that walks the window through the months that have events (speed, loop) and a toggle between
"this window" and "cumulative".  Clicking an edge lists the pair's events in time order with their
sentences and articles; clicking a node lists the actor's events and its first and last mention.

Node positions are computed here once (:func:`kg.layout.layout`: the same build gives the same picture)
and stay fixed in the page, which has no physics to run: it opens fitted at once, even for thousands of
articles.  Text is handled as in :mod:`kg.viz`: JSON data escaped for a script
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
from .layout import layout
from .ties import EDGE_COLORS, NODE_CLASSES, month_span

__all__ = ["write_ties_html", "page_data", "KIND_COLORS"]

#: Edge colour by the dominant kind of a pair's events in the window.
KIND_COLORS: dict[str, str] = {"cooperation": "#2e8b57", "conflict": "#d62728", "agreement": "#7b4fb0",
                               "neutral": "#8c8c8c"}
_EVIDENCE_MAX = 5          # sentences kept per event for the panel; the rest is counted
_TYPE_DEFAULT = "#9c9c9c"


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
                "t": etype,
                "d": date, "f": span[0] if span else None, "u": span[1] if span else None,
                "s": clean(e.get("status")) or "occurred", "l": clean(e.get("label")) or etype,
                "e": [[viz.bidi_isolate(clean(x.get("sentence"))), clean(x.get("article")),
                       viz.bidi_isolate(clean(x.get("source")))] for x in evidence[:_EVIDENCE_MAX]],
                "n": len(evidence), "m": sorted({clean(x.get("published"))[:10] for x in evidence
                                                 if x.get("published")}),
                "p": [], "k": [],           # the pairs its ties join, and the kind of each tie
            }
        if p not in ev["p"]:
            ev["p"].append(p)
            ev["k"].append(clean(e.get("tie")) or tie_kind(ev["t"]))
    event_list = sorted(events.values(), key=lambda ev: (ev["f"] is None, ev["f"] or 0, ev["d"] or "", ev["t"]))
    pairs = [list(p) for p, _ in sorted(pair_index.items(), key=lambda kv: kv[1])]

    events_of: Counter[int] = Counter()        # a node's size: the events it takes part in
    for ev in event_list:
        events_of.update({x for p in ev["p"] for x in pairs[p]})
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
    kind_counts = Counter(k for ev in data["events"] for k in ev["k"])
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
