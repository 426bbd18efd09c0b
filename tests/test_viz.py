"""kg.viz: self-contained, escaped, reduced, atomically written graph HTML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kg import viz
from kg.viz import write_graph_html

HOSTILE_LABEL = '<img src=x onerror=alert(1)></script><script>alert(2)</script> "q" \'a\' & م'
HOSTILE_TITLE = "line 1\n</script><img src=x onerror=alert(3)>\n<!-- x --> & more"

EX = "http://example.org/kg/"


def _node(i, label=None, type_="Person", title=None, date=None):
    return {"id": f"{EX}n{i}", "label": label if label is not None else f"عقدة {i}",
            "type": type_, "title": title if title is not None else f"tooltip {i}",
            "date": date}


def _edge(a, b, label="participant", title="t", date=None):
    return {"source": f"{EX}n{a}", "target": f"{EX}n{b}", "label": label,
            "title": title, "date": date}


def _small_graph():
    nodes = [
        _node(0, label="محمود عباس", type_="Person", title="رئيس\nالسلطة", date="2020"),
        _node(1, label="فلسطين", type_="State"),
        _node(2, label="رام الله", type_="City"),
        _node(3, label="قمة", type_="Event", date="2021-05-03"),
        _node(4, label="اتفاق", type_="Agreement", date="2021-05"),
        _node(5, label="منظمة", type_="Organization"),
        _node(6, label="مكان", type_="Place"),
        _node(7, label="شيء", type_="Unknown-type"),
    ]
    edges = [_edge(3, 0), _edge(3, 2, "place"), _edge(0, 1, "citizenOf"),
             _edge(4, 1, "party"), _edge(5, 1, "basedIn")]
    return nodes, edges


def _script_blocks(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S | re.I)


def _data(html: str, which: str):
    m = re.search(r'<script type="application/json" id="kg-data-%s">(.*?)</script>' % which,
                  html, flags=re.S)
    assert m, which
    return json.loads(m.group(1))


def _vis_js() -> str:
    return viz._assets()["vis_js"]


def test_writes_file_and_returns_counts(tmp_path):
    nodes, edges = _small_graph()
    out = tmp_path / "graph.html"
    res = write_graph_html(nodes, edges, out, title="رسم بياني")
    assert out.is_file()
    assert res == {"nodes": 8, "edges": 5, "nodes_omitted": 0, "edges_omitted": 0,
                   "bytes": out.stat().st_size}
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert "رسم بياني" in html
    data_nodes = _data(html, "nodes")
    assert {n["id"] for n in data_nodes} == {n["id"] for n in nodes}
    assert len(_data(html, "edges")) == 5
    # colour by type + unknown type mapped to Other, legend present
    by_id = {n["id"]: n for n in data_nodes}
    assert by_id[f"{EX}n1"]["color"]["background"] == viz.TYPE_COLORS["State"]
    assert by_id[f"{EX}n7"]["kgType"] == "Other"
    assert 'id="kg-legend"' in html
    for t, colour in viz.TYPE_COLORS.items():
        assert f'data-type="{t}"' in html and colour in html
    # Arabic-capable font stack and dir=auto text
    assert "Noto Sans Arabic" in html and 'dir="auto"' in html
    # tooltips keep newlines and mention the date
    assert "رئيس\nالسلطة" in by_id[f"{EX}n0"]["title"]
    assert "2021-05-03" in by_id[f"{EX}n3"]["title"]
    # physics: barnesHut with bounded stabilisation
    opts = _data(html, "options")
    assert opts["physics"]["solver"] == "barnesHut"
    assert 0 < opts["physics"]["stabilization"]["iterations"] <= 1000


def test_no_external_urls(tmp_path):
    nodes, edges = _small_graph()
    out = tmp_path / "g.html"
    write_graph_html(nodes, edges, out)
    html = out.read_text(encoding="utf-8")
    # no attribute / CSS reference to a remote resource anywhere
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import", html, re.I)
    for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "cloudflare"):
        assert host not in html.lower()
    assert "bootstrap" not in html.lower() and "tom-select" not in html.lower()
    # every script is inline (no src=) and no stylesheet is linked
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    # Outside the inlined vis-network library (license comments, the SVG
    # namespace) and the node IRIs in the data, no http(s) text at all.
    rest = html.replace(_vis_js(), "")
    for n in nodes:
        rest = rest.replace(n["id"], "")
    assert "http://" not in rest and "https://" not in rest
    # vis-network really is inlined
    assert "vis-network" in html and len(html) > 400_000


def test_hostile_labels_are_escaped(tmp_path):
    nodes = [_node(0, label=HOSTILE_LABEL, title=HOSTILE_TITLE), _node(1)]
    edges = [_edge(0, 1, label="</script><b>x</b>", title="<img src=x onerror=alert(4)>")]
    out = tmp_path / "g.html"
    write_graph_html(nodes, edges, out, title="</title><script>alert(5)</script>")
    html = out.read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html
    assert "<b>x</b>" not in html
    # The only </script> sequences are the page's own closing tags: one per
    # <script> element, and no script body contains "</script" or "<!--".
    assert html.lower().count("</script") == len(re.findall(r"<script\b", html, re.I)) - \
        _vis_js().count("<script")  # vis-network has a harmless "<script>" string
    for body in _script_blocks(html):
        assert "</script" not in body.lower()
    for which in ("nodes", "edges"):
        m = re.search(r'id="kg-data-%s">(.*?)</script>' % which, html, re.S)
        raw = m.group(1)
        assert "<" not in raw and ">" not in raw and "&" not in raw
    # data round-trips to the exact original text (the shown text with its Latin runs in invisible bidi isolates)
    data_nodes = {n["id"]: n for n in _data(html, "nodes")}
    assert data_nodes[f"{EX}n0"]["kgLabel"] == HOSTILE_LABEL
    assert shown(data_nodes[f"{EX}n0"]["label"]) == HOSTILE_LABEL
    assert HOSTILE_TITLE in shown(data_nodes[f"{EX}n0"]["title"])
    data_edges = _data(html, "edges")
    assert data_edges[0]["label"] == "</script><b>x</b>"
    # the page title is HTML-escaped
    assert "<title dir=\"auto\">&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</title>" in html
    # tooltips are built with textContent, never innerHTML
    own_js = _script_blocks(html)[-1]
    assert "textContent" in own_js and "innerHTML" not in own_js


def test_safe_json_roundtrip():
    tricky = {"a": "</script><!-- & \u2028\u2029 'x' \"y\" عربي \U0001F600"}
    s = viz.safe_json(tricky)
    for ch in "<>&\u2028\u2029":
        assert ch not in s
    assert json.loads(s) == tricky


def test_reduction_keeps_highest_degree_and_reports(tmp_path):
    # hub 0 connected to 1..59; chain among 60..99; plus isolated 100..119
    nodes = [_node(i, type_="City") for i in range(120)]
    edges = [_edge(0, i) for i in range(1, 60)]
    edges += [_edge(i, i + 1) for i in range(60, 99)]
    edges.append(_edge(0, 999))                      # dangling -> omitted
    out = tmp_path / "big.html"
    res = write_graph_html(nodes, edges, out, max_nodes=50)
    assert res["nodes"] == 50
    assert res["nodes_omitted"] == 70
    assert res["edges"] + res["edges_omitted"] == len(edges)
    html = out.read_text(encoding="utf-8")
    kept = {n["id"] for n in _data(html, "nodes")}
    assert f"{EX}n0" in kept                         # the hub survives
    assert not any(f"{EX}n{i}" in kept for i in range(100, 120))   # isolated go first
    data_edges = _data(html, "edges")
    assert len(data_edges) == res["edges"]
    assert all(e["from"] in kept and e["to"] in kept for e in data_edges)
    # visible notice
    notice = re.search(r'<div id="kg-omitted">(.*?)</div>', html, re.S).group(1)
    assert f"{res['nodes_omitted']} nodes" in notice
    assert f"{res['edges_omitted']} edges" in notice
    assert "left out" in notice
    assert "Showing 50 of 120 nodes" in html


def test_no_notice_when_nothing_omitted(tmp_path):
    nodes, edges = _small_graph()
    write_graph_html(nodes, edges, tmp_path / "g.html")
    assert 'id="kg-omitted"' not in (tmp_path / "g.html").read_text(encoding="utf-8")


def test_duplicates_dangling_and_edge_cases(tmp_path):
    nodes = [_node(0), _node(0, label="dup"), _node(1, label=None)]
    nodes[2]["label"] = None
    edges = [_edge(0, 1), _edge(0, 0, "self"), _edge(0, 42)]
    res = write_graph_html(nodes, edges, tmp_path / "g.html")
    assert res["nodes"] == 2 and res["edges"] == 2 and res["edges_omitted"] == 1
    data = {n["id"]: n for n in _data((tmp_path / "g.html").read_text(encoding="utf-8"), "nodes")}
    assert shown(data[f"{EX}n0"]["label"]) == "عقدة 0"          # first wins
    assert data[f"{EX}n1"]["label"] == "n1"              # IRI local name fallback
    # empty graph still writes a page
    res = write_graph_html([], [], tmp_path / "empty.html")
    assert res["nodes"] == 0 and res["bytes"] > 0
    # max_nodes=0 keeps nothing but reports it
    res = write_graph_html(*_small_graph(), tmp_path / "zero.html", max_nodes=0)
    assert res["nodes"] == 0 and res["nodes_omitted"] == 8 and res["edges_omitted"] == 5
    with pytest.raises(ValueError):
        write_graph_html(*_small_graph(), tmp_path / "bad.html", max_nodes=-1)
    with pytest.raises(ValueError):
        write_graph_html([{"label": "no id"}], [], tmp_path / "bad.html")
    # lone surrogate / NUL do not crash the UTF-8 write
    res = write_graph_html([_node(0, label="a\ud800b\x00c")], [], tmp_path / "sur.html")
    assert res["nodes"] == 1


def test_atomic_write_leaves_no_temp_files(tmp_path, monkeypatch):
    nodes, edges = _small_graph()
    out = tmp_path / "sub" / "graph.html"              # parent is created
    write_graph_html(nodes, edges, out)
    write_graph_html(nodes, edges, str(out))           # overwrite, str path
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]
    before = out.read_bytes()

    # a failure at the replace step leaves the old file intact and no temp file
    def boom(src, dst):
        raise OSError("simulated failure")

    monkeypatch.setattr(viz.os, "replace", boom)
    with pytest.raises(OSError):
        write_graph_html(nodes[:2], edges[:1], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]


def test_uses_os_replace(tmp_path, monkeypatch):
    calls = []
    real = os.replace

    def spy(src, dst):
        calls.append((Path(src), Path(dst)))
        return real(src, dst)

    monkeypatch.setattr(viz.os, "replace", spy)
    out = tmp_path / "g.html"
    write_graph_html(*_small_graph(), out)
    assert len(calls) == 1
    src, dst = calls[0]
    assert dst == out and src.parent == out.parent and src != out
    assert not src.exists()


def test_large_graph_is_reasonably_fast(tmp_path):
    import time

    n = 3000
    nodes = [_node(i, type_=viz.NODE_TYPES[i % 8]) for i in range(n)]
    edges = [_edge(i, (i * 7 + 3) % n) for i in range(n)] + \
            [_edge(i, (i * 13 + 1) % n) for i in range(n)]
    t = time.perf_counter()
    res = write_graph_html(nodes, edges, tmp_path / "big.html")
    assert time.perf_counter() - t < 10
    assert res["nodes"] == 1500 and res["nodes_omitted"] == 1500
    opts = _data((tmp_path / "big.html").read_text(encoding="utf-8"), "options")
    assert opts["physics"]["stabilization"]["iterations"] <= 400
    assert opts["layout"]["improvedLayout"] is False


def shown(text: str) -> str:
    """Text as a reader sees it: without the invisible bidi isolates (kg.viz.bidi_isolate)."""
    return text.replace("\u2066", "").replace("\u2069", "")


def test_bidi_isolate_keeps_dates_and_ids_in_order_inside_arabic():
    """(2024-06) inside Arabic would show as (06-2024) and 001_69ba... as 69_001ba...: isolated, they do not."""
    from kg.viz import bidi_isolate

    assert bidi_isolate("زيارة: روسيا (2024-06)") == "زيارة: روسيا (\u20662024-06\u2069)"
    assert bidi_isolate("«نص» — 001_69ba63237cfbfb00") == "«نص» — \u2066001_69ba63237cfbfb00\u2069"
    assert bidi_isolate("Visit 2024-06") == "Visit 2024-06"  # no Arabic: left as it is


def test_graph_positions_laid_out_once_and_repeatable(tmp_path):
    """The graph page opens as laid out here (no physics to wait for); the same graph, the same picture;
    an event sits near what it links."""
    nodes, edges = _small_graph()
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_graph_html(nodes, edges, a)
    write_graph_html(nodes, edges, b)
    assert a.read_bytes() == b.read_bytes()
    data = {n["id"]: n for n in _data(a.read_text(encoding="utf-8"), "nodes")}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data.values())
    assert _data(a.read_text(encoding="utf-8"), "options")["physics"]["enabled"] is False
    summit, abbas, ramallah = data[f"{EX}n3"], data[f"{EX}n0"], data[f"{EX}n2"]
    far = max(((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2) ** 0.5 for p in data.values() for q in data.values())
    mid = ((abbas["x"] + ramallah["x"]) / 2, (abbas["y"] + ramallah["y"]) / 2)
    assert ((summit["x"] - mid[0]) ** 2 + (summit["y"] - mid[1]) ** 2) ** 0.5 < far / 2


def test_pages_written_side_by_side_are_whole(tmp_path):
    """The build writes graph.html and ties.html in two threads: the assets and templates they share are read
    once and whole (a half-filled cache gave one of them a KeyError)."""
    from concurrent.futures import ThreadPoolExecutor
    from kg.ties_page import write_ties_html

    viz._assets.cache_clear()
    viz._env.cache_clear()
    nodes = [{"id": f"n{i}", "label": f"n{i}", "type": "State", "title": "", "date": None} for i in range(3)]
    edges = [{"source": "n0", "target": "n1", "label": "x", "title": "", "date": None}]
    ties = [{"id": "a", "label": "a", "label_en": None, "class": "State", "title": "a"},
            {"id": "b", "label": "b", "label_en": None, "class": "State", "title": "b"}]
    tie = [{"source": "a", "target": "b", "type": "Meeting", "kind": "Event", "tie": "cooperation", "date": "2024-01",
            "status": "occurred", "label": "m", "title": "m", "event": "e", "evidence": []}]
    with ThreadPoolExecutor(8) as pool:
        jobs = [pool.submit(write_graph_html, nodes, edges, tmp_path / f"g{i}.html") for i in range(4)]
        jobs += [pool.submit(write_ties_html, ties, tie, tmp_path / f"t{i}.html") for i in range(4)]
        for j in jobs:
            j.result()
    assert len({(tmp_path / f"g{i}.html").read_bytes() for i in range(4)}) == 1
    assert len({(tmp_path / f"t{i}.html").read_bytes() for i in range(4)}) == 1
