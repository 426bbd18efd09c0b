"""Node positions computed once, in Python, for the offline pages (ties.html, graph.html).

A page laid out here opens at once, fitted, and looks the same each time it is written from the same
build: no physics runs in the browser. ``layout`` lays each connected group out on its own (networkx's
spring layout, fixed seed), scales it so that labels have room, clears what still overlaps (two nodes on
one spot, a node lying on an edge it is not part of) and packs the groups in rows, largest first.
"""
from __future__ import annotations

_SPACING = 170             # px: median distance from a node to its nearest neighbour (up to _ROOMY nodes)
_MIN_GAP = 150             # px: no two nodes closer (a large node and its label fit in between)
_EDGE_GAP = 40             # px: no node this close to an edge it is not part of
_ROOMY = 60                # more nodes than this: all three shrink with 1/sqrt(n) (down to 40%), so that the
                           # first fit of a large graph is not so far out that no label can be drawn
_CLEAR_MAX = 1200          # nodes: a bigger group keeps its spring layout (clearing costs n² memory)
_EDGE_CLEAR_MAX = 300_000  # nodes × edges: beyond, nodes lying on edges are left (it costs n × e per round)

__all__ = ["layout"]


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
