"""kg.network: state and person networks from the seeds, centrality, communities, GraphML/GEXF export."""
from __future__ import annotations

import math

import networkx as nx
import pytest

import kg
from kg import network

from .conftest import run_kg

E = "https://w3id.org/kg-arabic/entity/"
RU, NK, CN, PUTIN, KIM, XI = (E + q for q in ("Q159", "Q423", "Q148", "Q7747", "Q56226", "Q15031"))


@pytest.fixture(scope="module")
def out(seeds_build):
    return seeds_build[0]


@pytest.fixture(scope="module")
def states(out):
    return network.state_graph(out)


def test_state_graph(out, states):
    assert {RU, NK, CN} <= set(states)
    assert states.nodes[RU]["label"] == "Russia" and states.nodes[NK]["label_ar"] == "كوريا الشمالية"
    ru_nk = states.edges[RU, NK]
    assert ru_nk["weight"] == ru_nk["events"] + ru_nk["agreements"] and ru_nk["agreements"] >= 2
    assert ru_nk["weight"] == max(d["weight"] for *_, d in states.edges(data=True))  # the seeds' main tie
    assert states.has_edge(RU, CN) and states.has_edge(CN, NK)
    # the same facts the ties query lists for the pair, less those only denied or speculated about
    ties = kg.query(out, "ties", a="Q159", b="Q423")
    real = [s for s in ties["status"] if set(s.split(", ")) & {"occurred", "planned"}]
    assert ru_nk["weight"] == len(real)


def test_periods(out, states):
    by_year = network.state_graph(out, by="year")
    assert by_year.is_multigraph()
    assert {"2023", "2024", "2025"} <= {k for a, b, k in by_year.edges(keys=True) if {a, b} == {RU, NK}}
    assert {k for a, b, k in by_year.edges(keys=True) if {a, b} == {RU, CN}} >= {"2025"}
    assert all(d["period"] == k for *_, k, d in by_year.edges(keys=True, data=True))
    # per period and summed back, the weights are the undivided graph's
    summed = network.collapse(by_year)
    assert summed.number_of_edges() == states.number_of_edges()
    assert all(summed.edges[a, b]["weight"] == d["weight"] for a, b, d in states.edges(data=True))
    snapshots = network.per_period(by_year)
    assert snapshots["2024"].has_edge(RU, NK) and not snapshots["2024"].has_node(CN)
    assert network.state_graph(out, by="month").has_edge(RU, NK, key="2023-09")


def test_statuses(out):
    """The speculated China–North Korea meeting (undated) makes a tie only when asked for."""
    default = network.state_graph(out, by="year")
    everything = network.state_graph(out, by="year", statuses=None)
    assert not default.has_edge(CN, NK, key="undated")
    assert everything.has_edge(CN, NK, key="undated")


def test_person_graph(out):
    people = network.person_graph(out)
    assert people.edges[PUTIN, KIM]["weight"] >= 5
    assert people.has_edge(PUTIN, XI)
    assert people.nodes[PUTIN]["leader_of"] == "Russia"
    by_year = network.person_graph(out, by="year")
    assert {k for a, b, k in by_year.edges(keys=True) if {a, b} == {PUTIN, XI}} == {"2025"}


def test_centrality_on_seeds(states):
    df = network.centrality(states)
    assert list(df.columns) == ["node", "label", "degree", "strength", "betweenness", "eigenvector", "community"]
    top = df.iloc[0]
    assert top["node"] in (RU, NK) and top["strength"] == df["strength"].max()
    assert df.set_index("node").loc[RU, "eigenvector"] > df.set_index("node").loc[CN, "eigenvector"]
    assert df["community"].notna().all() and len(df) == states.number_of_nodes()


def test_centrality_and_communities_on_known_graphs():
    star = nx.Graph()
    star.add_weighted_edges_from([("hub", x, 1) for x in "abcd"] + [("x", "y", 1)])  # the hub is on 6 of 15 paths
    df = network.centrality(star).set_index("node")
    assert df.loc["hub", "betweenness"] == pytest.approx(6 / 15) and df.loc["a", "betweenness"] == 0
    assert df.loc["hub", "degree"] == pytest.approx(4 / 6) and df.loc["hub", "strength"] == 4
    assert math.isnan(df.loc["x", "eigenvector"])  # not in the largest connected part: undefined
    assert df.loc["hub", "eigenvector"] > df.loc["a", "eigenvector"] > 0
    two = nx.Graph()
    two.add_weighted_edges_from([(a, b, 5) for a, b in ["ab", "bc", "ca", "de", "ef", "fd"]] + [("c", "d", 1)])
    assert network.communities(two) == [{"a", "b", "c"}, {"d", "e", "f"}]
    assert network.centrality(nx.Graph()).empty


def test_graphml_and_gexf_round_trip(states, tmp_path, out):
    by_year = network.state_graph(out, by="year")
    for G, name in [(states, "s"), (by_year, "y"), (network.person_graph(out), "p")]:
        network.write(G, tmp_path / f"{name}.graphml", "graphml")
        network.write(G, tmp_path / f"{name}.gexf", "gexf")
        back = nx.read_graphml(tmp_path / f"{name}.graphml")
        assert set(back) == set(G) and back.number_of_edges() == G.number_of_edges()
        gexf = nx.read_gexf(tmp_path / f"{name}.gexf")
        assert set(gexf) == set(G)
        for _, d in list(back.nodes(data=True)) + [(None, d) for *_, d in back.edges(data=True)]:
            assert all(isinstance(v, (str, int, float)) for v in d.values())
    back = nx.read_graphml(tmp_path / "s.graphml")
    assert back.nodes[RU]["label"] == "Russia" and back.nodes[RU]["community"] == back.nodes[NK]["community"]
    assert back.edges[RU, NK]["weight"] == states.edges[RU, NK]["weight"]
    assert "eigenvector" in back.nodes[RU]


def test_cli(out, tmp_path):
    f = tmp_path / "ties.graphml"
    proc = run_kg("network", out, "--period", "year", "--format", "graphml", "-o", f)
    assert proc.returncode == 0, proc.stderr
    G = nx.read_graphml(f, force_multigraph=True)
    assert "2023" in {d["period"] for *_, d in G.edges(data=True)}
    table = run_kg("network", out, "--kind", "people", "--format", "csv")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "node,label,degree,strength,betweenness,eigenvector,community"
    assert any(",Vladimir Putin," in ln for ln in lines[1:3])
    per_year = run_kg("network", out, "--period", "year", "--format", "csv")
    assert per_year.stdout.splitlines()[0].startswith("period,node,label")
