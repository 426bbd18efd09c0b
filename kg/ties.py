"""Ties over time: the states and persons that events and agreements link, each tie with a date.

``ties_view`` reads a built graph through SPARQL: the actors of each event (``kg:participant``,
``kg:involvesState``) or agreement (``kg:party``, ``kg:signatory``) that are a State or a Person.
Every pair of actors of the same event is one tie, except a leader and the state they lead (that
pair says nothing).  ``write_ties_html`` renders them as an offline page (``kg/templates/ties.html``)
with a time slider, legend, search and plain-text tooltips, using the same inlined vis-network,
escaping and atomic write as :mod:`kg.viz`.

A tie's date ``YYYY[-MM[-DD]]`` covers a span of months (a year-only date covers its twelve months);
``in_period`` is the rule the page applies when the slider moves: the span overlaps the period.
"""
from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from markupsafe import Markup
import pyvis
from pyvis.network import Network

from . import viz
from .errors import KgError
from .store import run_query
from .extract.lexicon import frames
from .views import PREFIX

__all__ = ["ties_view", "write_ties_html", "parse_states", "month_span", "in_period", "EDGE_COLORS", "NODE_CLASSES"]

_Q = PREFIX + "PREFIX schema: <https://schema.org/>\n"
_ROLES = "VALUES ?role { kg:participant kg:involvesState kg:party kg:signatory }"

ACTORS = _Q + """
SELECT DISTINCT ?ev ?actor WHERE { %s VALUES ?cls { kg:State kg:Person } ?ev ?role ?actor . ?actor a ?cls . }
""" % _ROLES
TIES = _Q + """
SELECT ?ev (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), "#"); separator=" ") AS ?classes)
       (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) (SAMPLE(?st) AS ?status)
WHERE { %s ?ev ?role ?x ; a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:)))
        OPTIONAL { ?ev rdfs:label ?l } OPTIONAL { ?ev kg:status ?st }
        OPTIONAL { ?ev kg:date ?d0 } OPTIONAL { ?ev kg:signedOn ?d1 } BIND(STR(COALESCE(?d0, ?d1)) AS ?d) }
GROUP BY ?ev
""" % _ROLES
EVIDENCE = _Q + """
SELECT DISTINCT ?ev ?sentence ?aid ?headline ?url ?published WHERE {
  ?ev kg:evidence ?m . ?m kg:sentence ?sentence ; kg:inArticle ?a . ?a kg:articleId ?aid .
  OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:datePublished ?published } }
ORDER BY ?ev ?aid ?sentence
"""
PEOPLE_AND_STATES = _Q + """
SELECT ?x (SAMPLE(?c) AS ?cls) (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?en) AS ?label_en)
       (GROUP_CONCAT(DISTINCT STR(?s); separator=" ") AS ?leads)
WHERE { VALUES ?c { kg:State kg:Person } ?x a ?c .
        OPTIONAL { ?x rdfs:label ?ar FILTER(lang(?ar) = "ar") }
        OPTIONAL { ?x rdfs:label ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?x kg:leaderOf ?s } }
GROUP BY ?x
"""

#: Node classes, in legend order: (colour, vis shape).  A Leader is a Person with kg:leaderOf.
NODE_CLASSES: dict[str, tuple[str, str]] = {
    "State": ("#4e79a7", "square"),
    "Leader": ("#e15759", "diamond"),
    "Person": ("#f1a2a3", "dot"),
}
#: Tie colour by event/agreement class: diplomacy blue/green, military red/orange, agreements purple.
EDGE_COLORS: dict[str, str] = {
    **{f.cls: f.colour for f in frames().values()},  # each event frame's colour (kg/lexicon/frames)
    "Treaty": "#9467bd", "DefenseTreaty": "#54278f", "FriendshipTreaty": "#c5b0d5",
    "PartnershipAgreement": "#e377c2", "OtherAgreement": "#b07aa1",
}
_AGREEMENT_TYPES = {"Agreement", "Treaty", "DefenseTreaty", "FriendshipTreaty", "PartnershipAgreement",
                    "OtherAgreement"}
_EVIDENCE_MAX = 3          # sentences per tooltip; the rest is counted
#: As in kg.network: an event the articles deny or only speculate about ties nobody.
DEFAULT_STATUSES = ("occurred", "planned")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


# --------------------------------------------------------------------------- dates

def month_span(date: str | None) -> tuple[int, int] | None:
    """``YYYY[-MM[-DD]]`` -> (first, last) month as ``year * 12 + month - 1``; None if undated."""
    m = _DATE.match(date or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        k = year * 12 + int(m.group(2)) - 1
        return k, k
    return year * 12, year * 12 + 11


def month_key(month: str) -> int:
    """``YYYY-MM`` (or ``YYYY``: its first month) -> month number as in :func:`month_span`."""
    span = month_span(month)
    if span is None:
        raise ValueError(f"not a YYYY-MM month: {month!r}")
    return span[0]


def in_period(edge: dict, lo: int | None, hi: int | None, undated: bool = True) -> bool:
    """Whether a tie shows for the period [lo, hi] (month numbers; None = open): its span overlaps it."""
    span = month_span(edge.get("date"))
    if span is None:
        return undated
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


# --------------------------------------------------------------------------- data

def _state_iri(token: str, store=None) -> str:
    from .queries import RESOLVE
    from .vocab import KGE

    token = token.strip()
    if token[:1] == "Q" and token[1:].isdigit():
        return str(KGE[token])
    if token.startswith(("http://", "https://")):
        return token
    found = sorted(r[0] for r in run_query(store, RESOLVE, {"name": token})[1]) if store is not None else []
    if len(found) != 1:
        raise KgError(f"--states: {token!r} is not a Wikidata id (Q159), an IRI or the name of one entity"
                      + (f" ({len(found)} entities have that name)" if found else ""))
    return found[0]


def parse_states(text: str | None, store=None) -> set[str] | None:
    """``"Q159,Q423"`` (or names, resolved in ``store``: ``"روسيا,North Korea"``) -> entity IRIs; empty -> None."""
    tokens = [t for t in (text or "").split(",") if t.strip()]
    return {_state_iri(t, store) for t in tokens} or None


def ties_view(store, states: set[str] | None = None,
              statuses: tuple[str, ...] | None = DEFAULT_STATUSES) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) of the ties view; with ``states`` (IRIs), only events/agreements involving one of them.

    An event involves a state when the state is an actor or one of its actors leads it (a person given
    in ``states`` selects the events they take part in).  Only events
    with one of ``statuses`` make ties (None: all; an event without a status counts as occurred).
    Nodes carry ``class`` (State, Leader, Person) and ``label_en``; edges carry ``type``, ``kind``,
    ``date``, ``event`` and the plain-text ``title`` (evidence sentences and their articles).
    """
    _, rows = run_query(store, PEOPLE_AND_STATES)
    info = {x: (cls.rsplit("#", 1)[-1], ar, en, set((leads or "").split())) for x, cls, ar, en, leads in rows}

    actors: dict[str, set[str]] = defaultdict(set)
    _, rows = run_query(store, ACTORS)
    for ev, actor in rows:
        actors[ev].add(actor)

    evidence: dict[str, list[str]] = defaultdict(list)
    _, rows = run_query(store, EVIDENCE)
    for ev, sentence, aid, headline, url, published in rows:
        source = ", ".join(x for x in (published, headline, url) if x)
        evidence[ev].append(f"«{sentence}»\n— {aid}" + (f" ({source})" if source else ""))

    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    _, rows = run_query(store, TIES)
    for ev, classes, label, date, status in sorted(rows, key=lambda r: (r[3] or "", r[0])):
        names = classes.split()
        etype = next((c for c in names if c not in ("Event", "Agreement")), names[0] if names else "OtherEvent")
        kind = "Agreement" if etype in _AGREEMENT_TYPES else "Event"
        members = sorted(a for a in actors.get(ev, ()) if a in info)
        involved = set(members)                     # the actors and the states their leaders lead
        for a in members:
            involved |= info[a][3]
        if (states and not involved & states) or (statuses and (status or "occurred") not in statuses):
            continue
        ev_lines = evidence.get(ev, [])
        more = len(ev_lines) - _EVIDENCE_MAX
        title = "\n".join(
            [f"{etype} · {date or 'undated'}" + (f" · {status}" if status and status != "occurred" else ""),
             label or ev]
            + ev_lines[:_EVIDENCE_MAX] + ([f"(+{more} more)"] if more > 0 else []))
        for a, b in combinations(members, 2):
            if b in info[a][3] or a in info[b][3]:      # a leader and their own state: no tie
                continue
            edges.append({"source": a, "target": b, "type": etype, "kind": kind, "date": date or None,
                          "label": label or etype, "title": title, "event": ev})
            for x in (a, b):
                if x not in nodes:
                    cls, ar, en, leads = info[x]
                    cls = "Leader" if cls == "Person" and leads else cls
                    lead_names = [info[s][1] or info[s][2] or s for s in sorted(leads) if s in info]
                    tip = [ar or en or x, en if ar and en else "", cls
                           + (f" of {', '.join(lead_names)}" if lead_names else ""), x]
                    nodes[x] = {"id": x, "label": ar or en or x.rsplit("/", 1)[-1], "label_en": en,
                                "class": cls, "title": "\n".join(t for t in tip if t)}
    return list(nodes.values()), edges


# --------------------------------------------------------------------------- page

def write_ties_html(nodes: list[dict], edges: list[dict], path: str | os.PathLike,
                    title: str = "kg ties over time", max_nodes: int = 800) -> dict:
    """Write the offline ties page; returns counts like :func:`kg.viz.write_graph_html` plus ``months``.

    With more than ``max_nodes`` nodes the highest-degree ones are kept (the page says what was left
    out).  Parallel ties between one pair are drawn as curves of growing bend so none hides another.
    """
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 0:
        raise ValueError(f"max_nodes must be a non-negative int, got {max_nodes!r}")
    clean = viz._clean
    node_by_id = {}
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
    kept = [e for e in valid if clean(e["source"]) in keep and clean(e["target"]) in keep]

    net = Network(directed=False, cdn_resources="in_line", height="100%", width="100%", heading="")
    class_counts: Counter[str] = Counter()
    for nid in order:
        n = node_by_id[nid]
        cls = n.get("class") if n.get("class") in NODE_CLASSES else "Person"
        class_counts[cls] += 1
        colour, shape = NODE_CLASSES[cls]
        label = clean(n.get("label")) or viz._local_name(nid)
        net.add_node(nid, label=viz.bidi_isolate(viz._short(label, 40)), shape=shape, value=degree[nid] + 1,
                     title=viz.bidi_isolate(clean(n.get("title")) or label),
                     color={"background": colour, "border": "#555555",
                            "highlight": {"background": colour, "border": "#000000"}},
                     kgClass=cls, kgLabel=label, kgLabelEn=clean(n.get("label_en")) or None)

    type_counts: Counter[str] = Counter()
    pair_count: Counter[tuple[str, str]] = Counter()
    months: set[int] = set()
    for i, e in enumerate(kept):
        s, t = clean(e["source"]), clean(e["target"])
        etype = clean(e.get("type")) or "OtherEvent"
        type_counts[etype] += 1
        span = month_span(clean(e.get("date")))
        if span:
            months.update(span)
        k = pair_count[tuple(sorted((s, t)))]
        pair_count[tuple(sorted((s, t)))] += 1
        net.edges.append({
            "id": i, "from": s, "to": t, "title": viz.bidi_isolate(clean(e.get("title")) or etype),
            "color": {"color": EDGE_COLORS.get(etype, "#9c9c9c"), "inherit": False},
            "dashes": e.get("kind") == "Agreement", "width": 2,
            "smooth": {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                       "roundness": min(0.9, 0.1 * ((k + 1) // 2))},
            "kgType": etype, "kgDate": clean(e.get("date")) or None,
            "kgFrom": span[0] if span else None, "kgTo": span[1] if span else None,
        })

    graph_nodes, graph_edges, *_ = net.get_network_data()
    options = viz._options(len(graph_nodes), len(graph_edges))
    options["edges"]["arrows"] = {"to": {"enabled": False}}
    # Few nodes, many parallel ties: longer springs and stronger overlap avoidance keep a leader
    # from sitting on top of their own state (they share most neighbours).
    options["physics"]["barnesHut"].update(springLength=220, avoidOverlap=0.8)
    node_legend = [{"name": c, "color": col, "shape": shape, "count": class_counts[c]}
                   for c, (col, shape) in NODE_CLASSES.items()]
    edge_legend = [{"name": t, "color": EDGE_COLORS.get(t, "#9c9c9c"), "count": c,
                    "dashed": t in _AGREEMENT_TYPES} for t, c in sorted(type_counts.items())]
    html = viz._template("ties.html").render(
        title=clean(title) or "kg ties over time",
        font_stack=Markup(viz.FONT_STACK),
        node_legend=node_legend, edge_legend=edge_legend,
        shown_nodes=len(graph_nodes), shown_edges=len(graph_edges),
        total_nodes=len(node_by_id), total_edges=len(edges),
        nodes_omitted=len(node_by_id) - len(graph_nodes), edges_omitted=len(edges) - len(graph_edges),
        max_nodes=max_nodes,
        vis_js=Markup(viz._assets()["vis_js"]), vis_css=Markup(viz._assets()["vis_css"]),
        nodes_json=Markup(viz.safe_json(graph_nodes)), edges_json=Markup(viz.safe_json(graph_edges)),
        options_json=Markup(viz.safe_json(options)), months_json=Markup(viz.safe_json(sorted(months))),
        pyvis_version=getattr(pyvis, "__version__", "?"),
    )
    data = html.encode("utf-8")
    viz._atomic_write(Path(os.fspath(path)), data)
    return {"nodes": len(graph_nodes), "edges": len(graph_edges),
            "nodes_omitted": len(node_by_id) - len(graph_nodes),
            "edges_omitted": len(edges) - len(graph_edges), "months": len(months), "bytes": len(data)}
