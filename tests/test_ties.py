"""kg.ties (the ties of a build) and kg.ties_page (the offline ties page: one edge per pair, time bar)."""

from __future__ import annotations

import json
import re

import pytest

from kg import ties, viz
from kg.codes import tie_kind
from kg.ties import in_period, month_span, pair_kind, ties_view
from kg.ties_page import KIND_COLORS, page_data, write_ties_html

from .test_viz import EX, HOSTILE_LABEL, HOSTILE_TITLE, _data, _script_blocks, _vis_js

KGE = "https://w3id.org/kg-arabic/entity/"
TIES_ARTICLES = [
    ("a2019", "2019-04-25", "التقى الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في "
                            "فلاديفوستوك يوم 25 أبريل 2019."),
    ("b2023", "2023-09-13", "استقبل بوتين كيم جونغ أون في قاعدة فوستوشني الفضائية يوم 13 سبتمبر 2023."),
    ("c2024", "2024-06-19", "وقعت روسيا وكوريا الشمالية معاهدة شراكة استراتيجية شاملة في بيونغ يانغ يوم "
                            "19 يونيو 2024."),
    ("d2024", "2024-05-16", "زار الرئيس الروسي فلاديمير بوتين الصين والتقى الرئيس الصيني شي جين بينغ في بكين "
                            "يوم 16 مايو 2024."),
    ("e2023", "2023-02-24", "نفت الصين يوم الخميس أن تكون قد أرسلت أسلحة إلى روسيا."),   # denied: no tie
]


@pytest.fixture(scope="module")
def ties_build(tmp_path_factory):
    """A four-article corpus over five years, built with the gazetteer NER (the point is the view)."""
    from kg.build import build

    src = tmp_path_factory.mktemp("ties_src")
    with open(src / "articles.jsonl", "w", encoding="utf-8") as f:
        for aid, published, text in TIES_ARTICLES:
            f.write(json.dumps({"id": aid, "published": published, "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path_factory.mktemp("ties") / "out"
    build(str(src), str(out), ner="gazetteer", progress=False)
    return out


def _ties(out, states=None):
    from kg.store import open_store

    return ties_view(open_store(out), states)


def test_month_span_and_in_period():
    k = lambda y, m: y * 12 + m - 1  # noqa: E731
    assert month_span("2023-09-13") == (k(2023, 9), k(2023, 9))
    assert month_span("2023-09") == (k(2023, 9), k(2023, 9))
    assert month_span("2024") == (k(2024, 1), k(2024, 12))          # a year covers its twelve months
    assert month_span(None) is None and month_span("") is None and month_span("soon") is None
    assert ties.month_key("2024-06") == k(2024, 6)
    year = {"date": "2024"}
    assert in_period(year, k(2024, 6), k(2024, 6))                   # overlaps the period
    assert not in_period(year, k(2025, 1), None)
    assert in_period({"date": "2023-09-13"}, None, k(2023, 9))
    assert not in_period({"date": "2023-09-13"}, k(2023, 10), k(2024, 1))
    assert in_period({"date": None}, 0, 1) and not in_period({"date": None}, 0, 1, undated=False)


def test_ties_view_edges_carry_dates(ties_build):
    nodes, edges = _ties(ties_build)
    by_id = {n["id"]: n for n in nodes}
    assert {n["class"] for n in nodes} <= {"State", "Leader", "Person"}
    assert by_id[KGE + "Q159"]["class"] == "State" and by_id[KGE + "Q7747"]["class"] == "Leader"
    assert by_id[KGE + "Q7747"]["label"] == "فلاديمير بوتين" and by_id[KGE + "Q7747"]["label_en"] == "Vladimir Putin"
    assert edges and all(e["source"] in by_id and e["target"] in by_id for e in edges)
    published = {p for aid, p, _ in TIES_ARTICLES if aid != "e2023"}
    assert {e["date"] for e in edges} <= published                    # every tie dated, from its article
    assert {e["date"][:4] for e in edges} >= {"2019", "2023", "2024"}
    # a tie is an event between two actors: Putin-Kim, Russia-North Korea; a leader and his own state never
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    assert frozenset((KGE + "Q7747", KGE + "Q56226")) in pairs
    assert frozenset((KGE + "Q159", KGE + "Q423")) in pairs
    assert frozenset((KGE + "Q7747", KGE + "Q159")) not in pairs
    for e in edges:
        assert e["kind"] in ("Event", "Agreement") and e["type"] and e["event"].startswith("https://")
        assert e["date"] in e["title"] and "«" in e["title"]           # evidence sentence and article in the tooltip
    assert any(e["kind"] == "Agreement" for e in edges)
    # python filter rule: only the 2019 ties in 2019
    lo, hi = ties.month_key("2019-01"), ties.month_key("2019-12")
    assert {e["date"] for e in edges if in_period(e, lo, hi)} == {"2019-04-25"}


def test_ties_view_states_filter(ties_build):
    all_nodes, all_edges = _ties(ties_build)
    nodes, edges = _ties(ties_build, ties.parse_states("Q148"))      # China: only the Beijing visit
    assert edges and len(edges) < len(all_edges)
    assert {e["date"] for e in edges} == {"2024-05-16"}
    assert KGE + "Q148" in {n["id"] for n in nodes} and KGE + "Q423" not in {n["id"] for n in nodes}
    assert _ties(ties_build, ties.parse_states(" Q159 , ")) == (all_nodes, all_edges)
    assert ties.parse_states("") is None
    from kg.errors import KgError
    from kg.store import open_store
    with pytest.raises(KgError):
        ties.parse_states("Russia")                                   # a name needs a store to resolve it
    assert ties.parse_states("روسيا, North Korea", open_store(ties_build)) == {KGE + "Q159", KGE + "Q423"}
    with pytest.raises(KgError):
        ties.parse_states("Atlantis", open_store(ties_build))


def test_ties_view_denied_events_tie_nobody(ties_build):
    from kg.store import open_store

    denied = [e for e in ties_view(open_store(ties_build), statuses=None)[1] if "denied" in e["title"]]
    assert denied and {frozenset((e["source"], e["target"])) for e in denied} == {frozenset((KGE + "Q148", KGE + "Q159"))}
    assert not any("denied" in e["title"] for e in _ties(ties_build)[1])


def test_tie_kinds_follow_the_cameo_quad_classes():
    assert tie_kind("Meeting") == tie_kind("Visit") == tie_kind("MilitarySupport") == "cooperation"
    assert tie_kind("Sanction") == tie_kind("Attack") == tie_kind("Accusation") == "conflict"
    assert tie_kind("DefenseTreaty") == tie_kind("OtherAgreement") == tie_kind("Signing") == "agreement"
    assert tie_kind("Statement") == tie_kind("OtherEvent") == tie_kind("NoSuchClass") == "neutral"
    assert tie_kind("https://w3id.org/kg-arabic/ontology#Threat") == "conflict"


def test_pair_kind_reads_the_sides_of_a_conflict_act():
    assert pair_kind("Sanction", "agent", "target") == pair_kind("Attack", "target", "agent") == "conflict"
    assert pair_kind("Attack", "agent", "agent") == "cooperation"               # a joint strike
    assert pair_kind("Sanction", "target", "target") == "neutral"               # sanctioned together
    assert pair_kind("MilitaryParade", "agent", None) == pair_kind("Exercise", None, None) == "cooperation"
    assert pair_kind("MissileLaunch", "agent", "target") == "conflict"         # a display aimed at someone
    assert pair_kind("Accusation", None, None) == "conflict"                    # sides unknown: the act's own kind
    assert pair_kind("Meeting", "agent", "target") == "cooperation" and pair_kind("Treaty", None, None) == "agreement"


def _evidence(ties_list):
    return [x for e in ties_list for x in e["evidence"]]


def test_ties_view_edges_carry_kind_status_and_evidence(ties_build):
    nodes, edges = _ties(ties_build)
    for e in edges:
        assert e["tie"] in ("cooperation", "conflict", "agreement", "neutral") and e["status"] in ("occurred", "planned")
        assert e["evidence"] and all(x["sentence"] and x["article"] for x in e["evidence"])
    assert {x["article"] for x in _evidence(edges)} == {"a2019", "b2023", "c2024", "d2024"}
    assert {e["tie"] for e in edges} >= {"cooperation", "agreement"}


def test_page_data_one_edge_per_pair_and_events_with_their_pairs(ties_build):
    nodes, edges = _ties(ties_build)
    data = page_data(nodes, edges)
    ids = [n["id"] for n in data["nodes"]]
    pairs = [frozenset((ids[a], ids[b])) for a, b in data["pairs"]]
    assert len(pairs) == len(set(pairs)) == len({frozenset((e["source"], e["target"])) for e in edges})
    assert len(data["events"]) == len({e["event"] for e in edges})
    for ev in data["events"]:                 # each event lists the pairs its ties join, dated as in Python
        mine = [e for e in edges if e["type"] == ev["t"] and e["date"] == ev["d"]]
        assert mine and {pairs[p] for p in ev["p"]} <= {frozenset((e["source"], e["target"])) for e in mine}
        assert [ev["f"], ev["u"]] == list(month_span(ev["d"])) and len(ev["k"]) == len(ev["p"])
        assert ev["e"] and ev["n"] >= len(ev["e"]) and ev["m"]          # sentences, and when they were published
    starts = [ev["f"] for ev in data["events"]]
    assert starts == sorted(starts)                                      # in time order
    russia_nk = pairs.index(frozenset((KGE + "Q159", KGE + "Q423")))
    assert {ev["d"][:4] for ev in data["events"] if russia_nk in ev["p"]} == {"2019", "2023", "2024"}
    assert data["range"] == [ties.month_key("2019-04"), ties.month_key("2024-06")]


def test_ties_html_data_and_self_contained(ties_build, tmp_path):
    nodes, edges = _ties(ties_build)
    out = tmp_path / "ties.html"
    res = write_ties_html(nodes, edges, out, title="روابط")
    html = out.read_text(encoding="utf-8")
    assert res["nodes"] == len(nodes) and res["edges"] == len(edges) and res["bytes"] == len(html.encode())
    assert res["pairs"] == len(_data(html, "pairs")) < len(edges) and res["events"] == len(_data(html, "events"))
    assert {n["kgClass"] for n in _data(html, "nodes")} <= set(ties.NODE_CLASSES)
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in _data(html, "nodes"))
    options = _data(html, "options")
    assert options["physics"]["enabled"] is False                      # positions stay as laid out
    meta = _data(html, "meta")
    assert meta["kinds"] == KIND_COLORS and set(meta["types"]) == {ev["t"] for ev in _data(html, "events")}
    for needle in ('id="kg-timebar"', 'id="kg-play"', 'id="kg-speed"', 'id="kg-loop"', 'id="kg-mode-cumulative"',
                   'id="kg-visible"', 'id="kg-search"', 'id="kg-panel"', 'data-class="Leader"',
                   'data-kind="agreement"', 'data-type="Meeting"', "Content-Security-Policy"):
        assert needle in html
    # self-contained: no remote script, stylesheet or any other resource
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", html, re.I)
    rest = html.replace(_vis_js(), "").replace("http://www.w3.org/2000/svg", "")
    for iri in {n["id"] for n in nodes}:
        rest = rest.replace(iri, "")
    assert "http://" not in rest and "https://" not in rest
    assert "vis-network" in html and len(html) > 400_000
    # the same build writes the same page
    again = tmp_path / "again.html"
    write_ties_html(nodes, edges, again, title="روابط")
    assert again.read_bytes() == out.read_bytes()


def test_ties_html_escapes_hostile_text(tmp_path):
    nodes = [{"id": f"{EX}a", "label": HOSTILE_LABEL, "label_en": "</script><b>x</b>", "class": "Leader",
              "title": HOSTILE_TITLE},
             {"id": f"{EX}b", "label": "روسيا", "label_en": "Russia", "class": "State", "title": "دولة"}]
    edges = [{"source": f"{EX}a", "target": f"{EX}b", "type": "<img src=x onerror=alert(6)>", "kind": "Event",
              "date": "2024-06", "title": HOSTILE_TITLE, "label": "x", "event": f"{EX}e",
              "evidence": [{"sentence": HOSTILE_TITLE, "article": "<b>x</b>", "source": "</script>"}]}]
    out = tmp_path / "t.html"
    write_ties_html(nodes, edges, out, title="</title><script>alert(5)</script>")
    html = out.read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html and "<b>x</b>" not in html
    for body in _script_blocks(html):
        assert "</script" not in body.lower()
    for which in ("nodes", "pairs", "events", "meta"):
        raw = re.search(r'id="kg-data-%s">(.*?)</script>' % which, html, re.S).group(1)
        assert "<" not in raw and ">" not in raw and "&" not in raw
    n = {x["id"]: x for x in _data(html, "nodes")}
    assert n[f"{EX}a"]["kgLabel"] == HOSTILE_LABEL and n[f"{EX}a"]["kgLabelEn"] == "</script><b>x</b>"
    assert _data(html, "events")[0]["e"] == [[HOSTILE_TITLE, "<b>x</b>", "</script>"]]
    assert "&lt;img src=x onerror=alert(6)&gt;" in html                 # legend entry, HTML-escaped
    own_js = _script_blocks(html)[-1]
    assert "textContent" in own_js and "innerHTML" not in own_js


def test_ties_reduction_and_atomic_write(tmp_path, monkeypatch):
    nodes = [{"id": f"{EX}n{i}", "label": f"دولة {i}", "class": "State", "title": ""} for i in range(30)]
    edges = [{"source": f"{EX}n0", "target": f"{EX}n{i}", "type": "Meeting", "date": f"20{10 + i % 10}"}
             for i in range(1, 30)]
    out = tmp_path / "t.html"
    res = write_ties_html(nodes, edges, out, max_nodes=10)
    assert res["nodes"] == 10 and res["nodes_omitted"] == 20 and res["edges"] == 9 and res["edges_omitted"] == 20
    html = out.read_text(encoding="utf-8")
    assert f"{EX}n0" in {x["id"] for x in _data(html, "nodes")}         # the hub survives
    assert "20 nodes and 20 ties were left out" in html
    before = out.read_bytes()
    monkeypatch.setattr(viz.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError):
        write_ties_html(nodes[:2], edges[:1], out)
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["t.html"]
    with pytest.raises(ValueError):
        write_ties_html(nodes, edges, out, max_nodes=-1)


def _event_dates(path):
    return {ev["d"] for ev in _data(path.read_text(encoding="utf-8"), "events")}


def test_cli_viz_and_build_write_ties(ties_build, tmp_path, capsys):
    from kg.cli import main

    assert (ties_build / "ties.html").is_file() and (ties_build / "graph.html").is_file()   # kg build wrote both
    out = tmp_path / "v" / "ties.html"
    assert main(["viz", str(ties_build), "--view", "ties", "-o", str(out), "--states", "Q148,Q999"]) == 0
    cap = capsys.readouterr()
    assert f"kg viz → {out}" in cap.out and "Q999" in cap.err
    assert _event_dates(out) == {"2024-05-16"}
    graph = tmp_path / "g.html"
    assert main(["viz", str(ties_build), "-o", str(graph)]) == 0
    types = {n["kgType"] for n in _data(graph.read_text(encoding="utf-8"), "nodes")}
    assert {"Event", "Agreement", "State", "Person"} <= types               # events are typed in the whole graph
    every = tmp_path / "all.html"
    assert main(["viz", str(ties_build), "--view", "ties", "-o", str(every), "--all-statuses", "--states", "الصين"]) == 0
    assert any(d.startswith("2023-02") for d in _event_dates(every))      # the denial
    assert main(["viz", str(ties_build), "--states", "Q159"]) == 2
    assert main(["viz", str(tmp_path / "nope"), "--view", "ties"]) == 2
