"""networkx projections of a built graph, read through SPARQL: who is tied to whom, how strongly, when.

- `state_graph(source, by=None)`: states, linked when an event involves both or an agreement has both as
  parties; edge weight = events + agreements. With `by="year"` or `"month"` a MultiGraph with one edge
  per pair and period (edge key = the period; "undated" for facts without a date).
- `person_graph(source, by=None)`: people, linked when they take part in the same event (or sign the
  same agreement); weight = facts shared.
- `centrality(G)`: degree, strength (weighted degree), betweenness, eigenvector and Louvain community
  per node, as a pandas DataFrame; `centrality_by_period(G)` the same per period.
- `write(G, path, fmt)`: GraphML or GEXF, with the metrics as node attributes.

By default only facts whose status is occurred or planned make ties: an event the articles deny or
only speculate about links nobody.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from .api import store_of
from .errors import KgError
from .store import run_query

PREFIX = """PREFIX kg: <https://w3id.org/kg-arabic/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
AGREEMENTS = {"Agreement", "Treaty", "PartnershipAgreement", "DefenseTreaty", "FriendshipTreaty", "OtherAgreement"}
ROLES = {"State": "kg:involvesState|kg:party", "Person": "kg:participant|kg:signatory"}
DEFAULT_STATUSES = ("occurred", "planned")

# one row per fact and actor; the store has no TBox, so facts are recognised by their evidence
FACT_ACTORS = PREFIX + """
SELECT DISTINCT ?fact ?kind ?date ?status ?actor WHERE {
  ?fact kg:evidence [] ; a ?cls ; %s ?actor . ?actor a kg:%s .
  FILTER(STRSTARTS(STR(?cls), STR(kg:))) BIND(STRAFTER(STR(?cls), "#") AS ?kind)
  OPTIONAL { ?fact kg:date|kg:signedOn ?d } BIND(STR(?d) AS ?date)
  OPTIONAL { ?fact kg:status ?status } }
"""
ACTORS = PREFIX + """
SELECT ?actor (SAMPLE(?en) AS ?label_en) (SAMPLE(?ar) AS ?label_ar) (SAMPLE(STR(?wd)) AS ?wikidata)
       (GROUP_CONCAT(DISTINCT ?led; separator=", ") AS ?leader_of)
WHERE { ?actor a kg:%s .
        OPTIONAL { ?actor rdfs:label ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?actor rdfs:label ?ar FILTER(lang(?ar) = "ar") }
        OPTIONAL { ?actor owl:sameAs ?wd }
        OPTIONAL { ?actor kg:leaderOf ?st . ?st rdfs:label ?led FILTER(lang(?led) = "en") } }
GROUP BY ?actor
"""


def _period(date: str | None, by: str | None) -> str:
    if not date:
        return "undated"
    return date[: {"year": 4, "month": 7, "day": 10}[by]]


def _graph(source, cls: str, by: str | None, statuses) -> nx.Graph:
    if by not in (None, "year", "month", "day"):
        raise KgError(f"period {by!r}: expected year, month or day")
    store = store_of(source)
    facts: dict[str, dict] = {}
    _, rows = run_query(store, FACT_ACTORS % (ROLES[cls], cls))
    for fact, kind, date, status, actor in rows:
        f = facts.setdefault(fact, {"kind": kind, "date": date, "statuses": set(), "actors": set()})
        f["actors"].add(actor)
        if status:
            f["statuses"].add(status)
    G = nx.MultiGraph() if by else nx.Graph()
    G.graph.update(kind=cls, period=by or "all")
    edges: dict[tuple, dict] = defaultdict(lambda: {"events": 0, "agreements": 0, "kinds": Counter(), "dates": []})
    for fact, f in facts.items():
        if statuses is not None and f["statuses"] and not f["statuses"] & set(statuses):
            continue
        for a, b in combinations(sorted(f["actors"]), 2):
            e = edges[(a, b, _period(f["date"], by) if by else None)]
            e["agreements" if f["kind"] in AGREEMENTS else "events"] += 1
            e["kinds"][f["kind"]] += 1
            if f["date"]:
                e["dates"].append(f["date"])
    _, rows = run_query(store, ACTORS % cls)
    used = {n for a, b, _ in edges for n in (a, b)}
    for actor, en, ar, wd, leader_of in rows:
        if actor in used:
            G.add_node(actor, label=en or ar or actor.rsplit("/", 1)[-1], label_ar=ar or "", wikidata=wd or "",
                       type=cls, **({"leader_of": leader_of or ""} if cls == "Person" else {}))
    for (a, b, period), e in sorted(edges.items(), key=lambda kv: (kv[0][2] or "", kv[0][0], kv[0][1])):
        attrs = {"weight": e["events"] + e["agreements"], "events": e["events"], "agreements": e["agreements"],
                 "kinds": ", ".join(f"{k}:{n}" for k, n in sorted(e["kinds"].items())),
                 "first": min(e["dates"], default=""), "last": max(e["dates"], default="")}
        if by:
            G.add_edge(a, b, key=period, period=period, **attrs)
        else:
            G.add_edge(a, b, **attrs)
    return G


def state_graph(source, by: str | None = None, statuses=DEFAULT_STATUSES) -> nx.Graph:
    """States tied by the events and agreements that involve both (see the module doc)."""
    return _graph(source, "State", by, statuses)


def person_graph(source, by: str | None = None, statuses=DEFAULT_STATUSES) -> nx.Graph:
    """People tied by the events they take part in together and the agreements they both sign."""
    return _graph(source, "Person", by, statuses)


def collapse(G: nx.Graph) -> nx.Graph:
    """A MultiGraph's parallel (per-period) edges summed into one weighted edge per pair."""
    if not G.is_multigraph():
        return G
    H = nx.Graph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for a, b, d in G.edges(data=True):
        w = H.get_edge_data(a, b, {"weight": 0, "events": 0, "agreements": 0})
        H.add_edge(a, b, **{k: w[k] + d[k] for k in ("weight", "events", "agreements")})
    return H


def per_period(G: nx.MultiGraph) -> dict[str, nx.Graph]:
    """A period MultiGraph as one weighted Graph per period (only the nodes tied in that period)."""
    out: dict[str, nx.Graph] = {}
    for a, b, period, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):
        H = out.setdefault(period, nx.Graph(**{**G.graph, "period": period}))
        H.add_node(a, **G.nodes[a])
        H.add_node(b, **G.nodes[b])
        H.add_edge(a, b, **{k: v for k, v in d.items() if k != "period"})
    return out


def communities(G: nx.Graph) -> list[set]:
    """Louvain communities (weighted, seeded so a rebuild gives the same ones), largest first."""
    H = collapse(G)
    if H.number_of_edges() == 0:
        return [{n} for n in sorted(H)]
    found = nx.community.louvain_communities(H, weight="weight", seed=0)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def centrality(G: nx.Graph):
    """Per node: label, degree centrality, strength (sum of weights), betweenness (stronger ties are
    shorter), eigenvector centrality (on the largest connected part only, where it is defined; NaN
    elsewhere) and Louvain community number. A pandas DataFrame, most central first."""
    import pandas as pd

    H = collapse(G)
    cols = ["node", "label", "degree", "strength", "betweenness", "eigenvector", "community"]
    if H.number_of_nodes() == 0:
        return pd.DataFrame(columns=cols)
    dist = nx.Graph()  # betweenness walks shortest paths: a strong tie is a short one
    dist.add_nodes_from(H)
    dist.add_weighted_edges_from(((a, b, 1 / d["weight"]) for a, b, d in H.edges(data=True)), weight="distance")
    eig = {}
    if H.number_of_edges():
        core = H.subgraph(max(nx.connected_components(H), key=len))
        try:
            eig = nx.eigenvector_centrality(core, weight="weight", max_iter=1000)
        except nx.PowerIterationFailedConvergence:
            eig = {}
    comm = {n: i for i, c in enumerate(communities(H)) for n in c}
    deg, btw = nx.degree_centrality(H), nx.betweenness_centrality(dist, weight="distance")
    rows = [[n, H.nodes[n].get("label", n), deg[n], H.degree(n, weight="weight"), btw[n], eig.get(n, math.nan), comm[n]]
            for n in H]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["strength", "label"], ascending=[False, True], ignore_index=True)


def centrality_by_period(G: nx.MultiGraph):
    """`centrality` of each period's graph, with a `period` column first."""
    import pandas as pd

    parts = [centrality(H).assign(period=p) for p, H in per_period(G).items()]
    if not parts:
        return centrality(nx.Graph()).assign(period=[])
    df = pd.concat(parts, ignore_index=True)
    return df[["period"] + [c for c in df.columns if c != "period"]]


def _plain(v):
    """An attribute value both GraphML and GEXF writers accept: str, int or float; never None or a list."""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, (int, float, str)):
        return v
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(map(str, sorted(v)))
    return float(v) if hasattr(v, "__float__") else str(v)


def exportable(G: nx.Graph, metrics: bool = True) -> nx.Graph:
    """A copy of G with plain attributes only and, when `metrics`, the centrality columns on the nodes."""
    H = G.copy()
    if metrics and H.number_of_nodes():
        for row in centrality(G).itertuples(index=False):
            for k in ("degree", "strength", "betweenness", "eigenvector", "community"):
                v = getattr(row, k)
                if not (isinstance(v, float) and math.isnan(v)):  # undefined stays absent, not NaN
                    H.nodes[row.node][k] = v
    H.graph = {k: _plain(v) for k, v in H.graph.items()}
    for _, d in H.nodes(data=True):
        d.update({k: _plain(v) for k, v in d.items()})
    for *_, d in H.edges(data=True):
        d.update({k: _plain(v) for k, v in d.items()})
    return H


def write(G: nx.Graph, path_or_file, fmt: str = "graphml", metrics: bool = True) -> None:
    """Write G as GraphML or GEXF (a path or a binary file object)."""
    H = exportable(G, metrics)
    if fmt == "graphml":
        nx.write_graphml(H, path_or_file)
    elif fmt == "gexf":
        nx.write_gexf(H, path_or_file)
    else:
        raise KgError(f"network format {fmt!r}: expected graphml or gexf")
