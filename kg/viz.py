"""Self-contained, offline, interactive HTML view of the knowledge graph.

``write_graph_html`` builds the node/edge data with :mod:`pyvis` (its ``Network``
object and its bundled vis-network 9.1.2 library) and renders it with our own
Jinja2 template (``kg/templates/graph.html``) instead of pyvis's, because the
pyvis template links Bootstrap from a CDN, renders the heading unescaped and,
for titles containing "href", sets tooltips through ``innerHTML``.

Guarantees of the written page:

* **Self-contained** - vis-network's JS and CSS are inlined from the pyvis
  package; the page references no ``http(s)`` resource (no CDN, no web fonts).
* **No markup injection** - every piece of input text is treated as plain text:

  - HTML parts (title, heading, legend, notice) go through Jinja2 autoescape;
  - node/edge data are embedded as JSON in which ``<``, ``>``, ``&``, U+2028
    and U+2029 are written as ``\\u003c`` etc., so a ``</script>`` or
    ``<img onerror=...>`` in a label can neither close the script element nor
    appear as markup anywhere in the file;
  - tooltips are built in the browser as DOM elements whose text is set with
    ``textContent`` (never ``innerHTML``); labels are drawn on the canvas.

* **Bounded size** - graphs with more than ``max_nodes`` nodes keep the
  highest-degree nodes (ties: input order); the page says how many nodes and
  edges were left out.
* **Atomic write** - temp file in the target directory, then ``os.replace``.
"""

from __future__ import annotations

import functools
import json
import re
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
import pyvis
from pyvis.network import Network

__all__ = ["write_graph_html", "TYPE_COLORS", "TYPE_SHAPES", "NODE_TYPES"]

#: Node types, in legend order.
NODE_TYPES: tuple[str, ...] = (
    "Person", "State", "City", "Place", "Organization", "Event", "Agreement", "Other",
)

#: Fixed palette (Tableau-10 derived; distinguishable, readable on white).
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "State": "#4e79a7",
    "City": "#59a14f",
    "Place": "#76b7b2",
    "Organization": "#f28e2b",
    "Event": "#edc948",
    "Agreement": "#b07aa1",
    "Other": "#9c9c9c",
}

#: Shapes double-encode the type (helps colour-blind readers).
TYPE_SHAPES: dict[str, str] = {
    "Person": "dot",
    "State": "dot",
    "City": "dot",
    "Place": "dot",
    "Organization": "dot",
    "Event": "diamond",
    "Agreement": "square",
    "Other": "dot",
}

#: Font stack with Arabic-capable fallbacks (Noto from fonts-noto-core on Debian).
FONT_STACK = (
    "'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', "
    "'Segoe UI', Tahoma, Arial, sans-serif"
)

_MAX_LABEL_CHARS = 80          # canvas label; full text stays in the tooltip
_EDGE_LABELS_MAX_EDGES = 300   # draw edge labels only for small graphs
_LAYOUT_MAX = 2000             # nodes laid out in Python (seconds); more: the browser's physics does it
_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_TEMPLATE_NAME = "graph.html"
_VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


# --------------------------------------------------------------------------- helpers

def _clean(value: Any) -> str:
    """Any value -> str that is valid Unicode (lone surrogates replaced), no NULs."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    s = s.encode("utf-8", "replace").decode("utf-8")
    return s.replace("\x00", "\ufffd")


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_LTR_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-:./@#+]*(?: [A-Za-z0-9][A-Za-z0-9_\-:./@#+]*)*")


def bidi_isolate(text: str) -> str:
    """Latin and digit runs of a text that holds Arabic, each set in a left-to-right isolate (U+2066 ... U+2069),
    so that a date (2024-06) or an article id (001_69ba63237cfbfb00) keeps its order in a right-to-left line
    instead of showing as 06-2024 or 69_001ba... Text without Arabic is left as it is; the isolates are invisible."""
    if not _ARABIC.search(text):
        return text
    return _LTR_RUN.sub(lambda m: "\u2066" + m.group(0) + "\u2069", text)


def safe_json(obj: Any) -> str:
    """JSON that is safe to paste inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` only ever occur inside JSON strings, where the
    ``\\uXXXX`` form is equivalent, so the value is unchanged for the parser
    while the HTML tokenizer never sees ``</script``, ``<!--`` or markup.
    """
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in _JSON_ESCAPES.items():
        s = s.replace(ch, rep)
    return s


def _local_name(iri: str) -> str:
    tail = iri.rstrip("/#")
    for sep in ("#", "/", ":"):
        if sep in tail:
            tail = tail.rsplit(sep, 1)[1]
    return tail or iri


def _short(label: str, limit: int = _MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "\u2026"


def _inline_asset(path: Path, closing_tag: str) -> str:
    text = path.read_text(encoding="utf-8")
    # Drop the source-map pointer (it names a file that is not shipped).
    text = re.sub(r"/[/*]# sourceMappingURL=[^\s*]*(?:\s*\*/)?", "", text)
    # Defensive: inline content must not be able to close its own element.
    low = text.lower()
    needle = "</" + closing_tag
    if needle in low:
        out, i = [], 0
        while True:
            j = low.find(needle, i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j] + "<\\/")
            i = j + 2
        text = "".join(out)
    return text


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's script and style, read once; whole when returned (the build writes two pages at once)."""
    return {"vis_js": _inline_asset(_VIS_DIR / "vis-network.min.js", "script"),
            "vis_css": _inline_asset(_VIS_DIR / "vis-network.css", "style")}


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def _template(name: str = _TEMPLATE_NAME) -> jinja2.Template:
    return _env().get_template(name)


def _options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: barnesHut with a bounded stabilisation budget."""
    large = n_nodes > 300
    iterations = 1000 if n_nodes <= 100 else (400 if n_nodes <= 500 else 250)
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            # labels grow with the node: zoomed out on a large graph, the main actors stay named
            "scaling": {"min": 8, "max": 32,
                        "label": {"enabled": True, "min": 14, "max": 44, "maxVisible": 44, "drawThreshold": 6}},
            # large, dark, haloed labels: legible at the zoom the first fit gives
            "font": {"face": FONT_STACK, "size": 16, "strokeWidth": 4,
                     "strokeColor": "#ffffff", "color": "#111111"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#a8a8a8", "highlight": "#444444",
                      "hover": "#666666", "inherit": False},
            "smooth": False if large else {"type": "continuous"},
            "width": 1,
            "font": {"face": FONT_STACK, "size": 10, "align": "middle",
                     "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#555555"},
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000 if large else -4000,
                "centralGravity": 0.3,
                "springLength": 110,
                "springConstant": 0.04,
                "damping": 0.12,
                "avoidOverlap": 0.1,
            },
            "maxVelocity": 50,
            "minVelocity": 0.75,
            "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": n_edges > 3000,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": True,
        },
    }


# --------------------------------------------------------------------------- API

def write_graph_html(
    nodes: list[dict],
    edges: list[dict],
    path: str | os.PathLike,
    title: str = "kg graph",
    max_nodes: int = 1500,
) -> dict:
    """Write an offline, self-contained interactive HTML view of a graph.

    ``nodes``: dicts with ``id`` (IRI), ``label``, ``type`` (one of
    :data:`NODE_TYPES`; anything else is shown as ``Other``), ``title``
    (plain-text tooltip, may be multi-line) and ``date`` (``YYYY[-MM[-DD]]`` or
    None).  ``edges``: dicts with ``source``, ``target``, ``label``, ``title``,
    ``date``.  All text is treated as plain text.

    Duplicate node ids are merged (first wins); edges whose endpoints are not
    among the nodes are dropped and counted as omitted.  With more than
    ``max_nodes`` nodes, the highest-degree nodes are kept (ties broken by input
    order) together with the edges between them.

    Returns ``{"nodes", "edges", "nodes_omitted", "edges_omitted", "bytes"}``:
    counts shown, counts left out, and the size of the written file.
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 0:
        raise ValueError(f"max_nodes must be a non-negative int, got {max_nodes!r}")
    path = Path(os.fspath(path))

    # ---- normalise nodes (dedupe by id, first wins)
    node_by_id: dict[str, dict] = {}
    for i, n in enumerate(nodes):
        if not isinstance(n, dict) or n.get("id") in (None, ""):
            raise ValueError(f"node #{i} has no 'id': {n!r}")
        nid = _clean(n["id"])
        if nid not in node_by_id:
            node_by_id[nid] = n
    order = {nid: i for i, nid in enumerate(node_by_id)}

    # ---- edges between known nodes
    valid_edges: list[tuple[str, str, dict]] = []
    for i, e in enumerate(edges):
        if not isinstance(e, dict):
            raise ValueError(f"edge #{i} is not a dict: {e!r}")
        s, t = _clean(e.get("source")), _clean(e.get("target"))
        if s in node_by_id and t in node_by_id:
            valid_edges.append((s, t, e))

    degree: Counter[str] = Counter()
    for s, t, _ in valid_edges:
        degree[s] += 1
        if t != s:
            degree[t] += 1

    # ---- reduction to max_nodes by degree
    if len(node_by_id) > max_nodes:
        ranked = sorted(node_by_id, key=lambda k: (-degree[k], order[k]))
        keep = set(ranked[:max_nodes])
        kept_ids = [k for k in node_by_id if k in keep]     # keep input order
    else:
        keep = set(node_by_id)
        kept_ids = list(node_by_id)
    kept_edges = [(s, t, e) for s, t, e in valid_edges if s in keep and t in keep]
    kept_degree: Counter[str] = Counter()
    for s, t, _ in kept_edges:
        kept_degree[s] += 1
        if t != s:
            kept_degree[t] += 1

    n_omitted = len(node_by_id) - len(kept_ids)
    e_omitted = len(edges) - len(kept_edges)

    # laid out here up to the default cap; a page raised far beyond it lays itself out in the browser
    positions = (_positions(kept_ids, {k: _clean(node_by_id[k].get("type")) for k in kept_ids}, kept_edges)
                 if len(kept_ids) <= _LAYOUT_MAX else {})

    # ---- build the network with pyvis
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%",
                  heading="")
    type_counts: Counter[str] = Counter()
    for nid in kept_ids:
        n = node_by_id[nid]
        ntype = _clean(n.get("type")) or "Other"
        if ntype not in TYPE_COLORS:
            ntype = "Other"
        type_counts[ntype] += 1
        label = _clean(n.get("label")) or _local_name(nid)
        tip = _clean(n.get("title")) or label
        date = _clean(n.get("date"))
        tip_lines = [tip, f"[{ntype}]" + (f" {date}" if date and date not in tip else ""), nid]
        color = TYPE_COLORS[ntype]
        net.add_node(
            nid,
            label=bidi_isolate(_short(label)),
            shape=TYPE_SHAPES[ntype],
            color={"background": color, "border": "#555555",
                   "highlight": {"background": color, "border": "#000000"},
                   "hover": {"background": color, "border": "#000000"}},
            title=bidi_isolate("\n".join(x for x in tip_lines if x)),
            value=kept_degree[nid] + 1,
            kgType=ntype,
            kgDate=date or None,
            kgLabel=label,
            kgLabelEn=_clean(n.get("label_en")) or None,  # found by the search box too (Putin as well as بوتين)
            **({"x": positions[nid][0], "y": positions[nid][1]} if positions else {}),
        )

    show_edge_labels = len(kept_edges) <= _EDGE_LABELS_MAX_EDGES
    for i, (s, t, e) in enumerate(kept_edges):
        elabel = _clean(e.get("label"))
        etitle = _clean(e.get("title")) or elabel
        edate = _clean(e.get("date"))
        if edate and edate not in etitle:
            etitle = f"{etitle}\n{edate}" if etitle else edate
        # Appended directly (pyvis' add_edge is O(|V|) per edge; ids are already
        # validated above).  Same dict shape pyvis produces.
        edge = {"id": i, "from": s, "to": t, "title": bidi_isolate(etitle), "kgLabel": elabel,
                "kgDate": edate or None}
        if show_edge_labels and elabel:
            edge["label"] = bidi_isolate(_short(elabel, 40))
        net.edges.append(edge)

    graph_nodes, graph_edges, _heading, _h, _w, _opts = net.get_network_data()
    options = _options(len(graph_nodes), len(graph_edges))
    if positions:
        options["physics"]["enabled"] = False  # laid out here: the page opens as laid out (physics on request)

    title = _clean(title) or "kg graph"
    total_nodes, total_edges = len(node_by_id), len(edges)
    legend = [
        {"type": t, "color": TYPE_COLORS[t], "shape": TYPE_SHAPES[t], "count": type_counts[t]}
        for t in NODE_TYPES
    ]
    assets = _assets()
    html = _template().render(
        title=title,
        font_stack=Markup(FONT_STACK),  # trusted constant; raw text inside <style>
        legend=legend,
        shown_nodes=len(graph_nodes),
        shown_edges=len(graph_edges),
        total_nodes=total_nodes,
        total_edges=total_edges,
        nodes_omitted=n_omitted,
        edges_omitted=e_omitted,
        max_nodes=max_nodes,
        vis_js=Markup(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        nodes_json=Markup(safe_json(graph_nodes)),
        edges_json=Markup(safe_json(graph_edges)),
        options_json=Markup(safe_json(options)),
        pyvis_version=getattr(pyvis, "__version__", "?"),
    )
    data = html.encode("utf-8")
    _atomic_write(path, data)
    return {
        "nodes": len(graph_nodes),
        "edges": len(graph_edges),
        "nodes_omitted": n_omitted,
        "edges_omitted": e_omitted,
        "bytes": len(data),
    }


#: Edges from an event or agreement to those who act in it (not its place): the ties the page draws.
ACTOR_EDGES = frozenset({"participant", "involvesState", "party", "organization"})
_EVENT_TYPES = frozenset({"Event", "Agreement"})


def _positions(ids: list[str], types: dict[str, str], edges: list[tuple[str, str, dict]]) -> dict[str, tuple[int, int]]:
    """Node positions, computed once: the entities laid out by the ties their events make (as the page
    shows them first: events drawn as ties), each event at the centre of what it links, a little apart."""
    from itertools import combinations

    from .layout import layout

    events = {k for k in ids if types.get(k) in _EVENT_TYPES}
    entities = [k for k in ids if k not in events]
    index = {k: i for i, k in enumerate(entities)}
    actors: dict[str, set[str]] = {}
    linked: dict[str, set[str]] = {}
    pairs: set[tuple[int, int]] = set()
    for s, t, e in edges:
        if s in events and t in index:
            linked.setdefault(s, set()).add(t)
            if _clean(e.get("label")) in ACTOR_EDGES:
                actors.setdefault(s, set()).add(t)
        elif s in index and t in index and s != t:
            pairs.add(tuple(sorted((index[s], index[t]))))
    for members in actors.values():
        pairs.update(tuple(sorted((index[a], index[b]))) for a, b in combinations(members, 2))
    xy = layout(len(entities), sorted(pairs))
    pos = {k: xy[index[k]] for k in entities}
    import math
    for n, ev in enumerate(k for k in ids if k in events):
        around = sorted(linked.get(ev, ()))
        if around:
            cx = sum(pos[a][0] for a in around) / len(around)
            cy = sum(pos[a][1] for a in around) / len(around)
        else:
            cx, cy = 0.0, 0.0
        angle = n * 2.399963  # the golden angle: events about one spot spread round it
        r = 30 + 6 * (n % 7)
        pos[ev] = (int(round(cx + r * math.cos(angle))), int(round(cy + r * math.sin(angle))))
    return pos


def _atomic_write(path: Path, data: bytes) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
