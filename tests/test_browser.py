"""kg.viz pages in a real headless Chromium, fully offline (file:// only)."""

from __future__ import annotations

import os
import time

import pytest

from kg.viz import write_graph_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

EX = "http://example.org/kg/"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class Page:
    """A page that may only load file:// URLs; records everything else."""

    def __init__(self, browser):
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 860})
        self.page = self.ctx.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._on_dialog)
        self.page.route("**/*", self._route)

    def _on_dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:                      # http, https, ws, data fetches, ... : abort
            self.blocked.append(url)
            route.abort()

    def open(self, path):
        self.page.goto(path.resolve().as_uri())
        # The page's CSP forbids eval, which Playwright's string predicates use,
        # so poll with evaluate (CDP evaluation is not subject to the CSP).
        self.poll("window.network !== undefined && !!window.network.body && window.__kgReady === true")

    def poll(self, expr, timeout=60.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.page.evaluate(expr):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"timed out waiting for {expr}")

    def js(self, expr):
        return self.page.evaluate(expr)

    def close(self):
        self.ctx.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()


def _graph(n=140):
    types = ["Person", "State", "City", "Place", "Organization", "Event", "Agreement", "Other"]
    nodes = [{"id": f"{EX}n{i}", "label": f"كيان رقم {i}", "type": types[i % 8],
              "title": f"وصف {i}\nسطر ثان", "date": "2021-05-03" if i % 5 == 0 else None}
             for i in range(n)]
    edges = [{"source": f"{EX}n{i}", "target": f"{EX}n{(i * 7 + 3) % n}", "label": "participant",
              "title": "participant", "date": None} for i in range(n)]
    edges += [{"source": f"{EX}n0", "target": f"{EX}n{i}", "label": "place", "title": "place",
               "date": None} for i in range(1, 40)]
    return nodes, edges


def test_graph_renders_offline(page, tmp_path):
    nodes, edges = _graph()
    out = tmp_path / "graph.html"
    res = write_graph_html(nodes, edges, out, title="الرسم البياني للأخبار", max_nodes=100)
    assert res["nodes"] == 100 and res["nodes_omitted"] == 40

    page.open(out)
    assert page.js("network.body.data.nodes.length") == res["nodes"]
    assert page.js("network.body.data.edges.length") == res["edges"]
    # drawn (instantiated in the network body), not only present in the DataSet
    assert page.js("Object.keys(network.body.nodes).length") == res["nodes"]
    assert page.js("network.body.nodeIndices.length") == res["nodes"]
    page.poll("window.__kgStabilized === true")

    text = page.page.inner_text("body")
    assert "الرسم البياني للأخبار" in text
    assert f"{res['nodes_omitted']} nodes and {res['edges_omitted']} edges were left out" in text
    assert "Person" in page.page.inner_text("#kg-legend")
    # Arabic font available & selected for the page
    assert page.js("document.fonts.check('14px \"Noto Sans Arabic\"', 'عربي')")

    shot = tmp_path / "graph.png"
    page.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert len(data) > 5000 and data[:8] == b"\x89PNG\r\n\x1a\n"

    assert page.blocked == [], f"page tried to reach the network: {page.blocked}"
    assert page.errors == []


HOSTILE_LABEL = ('<img src=x onerror="window.__pwned=1"></script>'
                 '<script>window.__pwned=2</script><svg onload="window.__pwned=7"> محمود')
HOSTILE_TITLE = 'tip </script><img src=x onerror="window.__pwned=3">\n<b>bold?</b> & سطر'
HOSTILE_EDGE = '<img src=x onerror="window.__pwned=4">'
HOSTILE_PAGE_TITLE = '</title><script>window.__pwned=5</script><img src=x onerror="window.__pwned=6">'


def test_hostile_labels_do_not_execute(page, tmp_path):
    nodes = [
        {"id": f"{EX}evil", "label": HOSTILE_LABEL, "type": "Person", "title": HOSTILE_TITLE,
         "date": None},
        {"id": f"{EX}ok", "label": "فلسطين", "type": "State", "title": "دولة", "date": "2020"},
    ]
    edges = [{"source": f"{EX}evil", "target": f"{EX}ok", "label": HOSTILE_EDGE,
              "title": HOSTILE_EDGE, "date": None}]
    out = tmp_path / "evil.html"
    res = write_graph_html(nodes, edges, out, title=HOSTILE_PAGE_TITLE)
    page.open(out)
    page.poll("window.__kgStabilized === true")

    assert page.js("network.body.data.nodes.length") == res["nodes"] == 2
    # the label survives verbatim as text
    assert page.js(f"network.body.data.nodes.get('{EX}evil').kgLabel") == HOSTILE_LABEL
    drawn = shown(page.js(f"network.body.nodes['{EX}evil'].options.label"))   # canvas label (<=80 chars)
    assert drawn.rstrip("\u2026") and HOSTILE_LABEL.startswith(drawn.rstrip("\u2026"))
    assert "></script><script>window.__pwned=2</scrip" in drawn
    assert shown(page.js(f"network.body.data.edges.get(0).label")) == HOSTILE_EDGE
    assert page.page.inner_text("h1") == HOSTILE_PAGE_TITLE
    assert page.js("document.title") == HOSTILE_PAGE_TITLE
    # nothing was injected into the DOM
    assert page.js("document.querySelectorAll('img, svg').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 5  # vis, 3 data blocks, page JS

    # hover the hostile node -> tooltip shows the plain text, no markup
    pos = page.js(f"""(() => {{
        const id = '{EX}evil';
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}};
    }})()""")
    tooltip_text = None
    for dx in (0, 1, 2, 3, 0, 1, 2, 3, 0, 1):       # a busy machine may be slow to show it
        page.page.mouse.move(pos["x"] + dx, pos["y"] + 1, steps=3)
        page.page.wait_for_timeout(500)
        tooltip_text = page.js(
            "(() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility !== 'hidden' ? t.textContent : null; })()")
        if tooltip_text:
            break
    assert tooltip_text is not None, "tooltip did not appear"
    assert HOSTILE_TITLE in shown(tooltip_text)
    assert page.js("document.querySelector('div.vis-tooltip').querySelectorAll('*').length") == 1  # the .kg-tip div only

    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.blocked == []
    assert page.errors == []

    shot = tmp_path / "evil.png"
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 1000


def test_large_graph_stabilises(page, tmp_path):
    n = 1800
    types = ["Person", "State", "City", "Event"]
    nodes = [{"id": f"{EX}n{i}", "label": f"عقدة {i}", "type": types[i % 4], "title": str(i),
              "date": None} for i in range(n)]
    edges = [{"source": f"{EX}n{i}", "target": f"{EX}n{(i * 31 + 7) % n}", "label": "r",
              "title": "r", "date": None} for i in range(n)]
    edges += [{"source": f"{EX}n{i}", "target": f"{EX}n{i // 10}", "label": "r",
               "title": "r", "date": None} for i in range(n)]
    out = tmp_path / "large.html"
    res = write_graph_html(nodes, edges, out)
    assert res["nodes"] == 1500 and res["nodes_omitted"] == 300
    t = time.monotonic()
    page.open(out)
    assert page.js("network.body.data.nodes.length") == 1500
    page.poll("window.__kgStabilized === true", timeout=90)
    assert time.monotonic() - t < 90
    # physics frozen after the bounded stabilisation -> page stays responsive
    assert page.js("network.physics.physicsEnabled") is False
    assert page.blocked == [] and page.errors == []


# --------------------------------------------------------------------------- ties view and built pages

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from kg.ties import in_period, month_key  # noqa: E402
from kg.ties_page import write_ties_html  # noqa: E402

KGE = "https://w3id.org/kg-arabic/entity/"

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# No "." inside: the sentence splitter would cut the payload in two.
PAYLOAD = ("<script>window['__pwned']=1</script><img src=x onerror=\"window['__pwned']=2\"> "
           "\"quoted\" 'single' & <b>bold</b>")


@pytest.fixture(scope="module")
def seeds_gaz(tmp_path_factory):
    """The seeds built with the gazetteer NER: fast, and the view (not NER) is under test here."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds_gaz") / "out"
    build(str(SEEDS), str(out), ner="gazetteer", progress=False)
    return out


def _set_range(page, sel, value):
    """Move a range input the way a user does: set the value, then fire input and change."""
    page.page.evaluate("""([sel, v]) => { const r = document.querySelector(sel); r.value = String(v);
        r.dispatchEvent(new Event('input', {bubbles: true})); r.dispatchEvent(new Event('change', {bubbles: true})); }""",
                       [sel, value])


def _visible(page):
    """(edges, nodes) from the page's counter, checked against the vis DataSets."""
    e = int(page.page.get_attribute("#kg-visible", "data-edges"))
    n = int(page.page.get_attribute("#kg-visible", "data-nodes"))
    assert e == page.js("edges.get({filter: x => !x.hidden}).length")
    assert n == page.js("nodes.get({filter: x => !x.hidden}).length")
    visible = page.js("window.__kgVisible")
    assert (visible["edges"], visible["nodes"]) == (e, n)
    return e, n


def _edge_point(ids=None):
    """JS for the canvas midpoint of a visible edge (of ``ids`` if given) that lies clear of every node."""
    return f"""(() => {{
        const pos = network.getPositions(), ids = {json.dumps(ids)} || edges.getIds({{filter: e => !e.hidden}});
        for (const id of ids) {{
            const p = network.body.edges[id].edgeType.getPoint(0.5);
            if (Object.values(pos).every(q => Math.hypot(q.x - p.x, q.y - p.y) > 60)) {{ return p; }}
        }}
        throw new Error("no edge midpoint clear of the nodes");
    }})()"""


def _freeze(page):
    """Stop the layout (physics off, zoom animations over, whole graph in view) before measuring positions."""
    if page.page.query_selector("#kg-physics"):          # the ties page has no physics to stop
        page.page.uncheck("#kg-physics")
    page.page.wait_for_timeout(600)
    page.js("network.fit({animation: false})")


def _hover_tooltip(page, js_point):
    """Move the mouse onto a canvas point (JS expression giving canvas coordinates); the tooltip's text."""
    pos = page.js(f"""(() => {{ const p = network.canvasToDOM({js_point});
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")
    for dx in (0, 1, 2, 3, 0, 1, 2, 3, 0, 1):       # a busy machine may be slow to show it
        page.page.mouse.move(pos["x"] + dx, pos["y"] + 1, steps=3)
        page.page.wait_for_timeout(500)
        text = page.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                       " return t && t.style.visibility !== 'hidden' ? t.textContent : null; })()")
        if text:
            return shown(text)
    raise AssertionError("tooltip did not appear")


SHOWN = "(t => t.replace(/[\\u2066\\u2069]/g, ''))"  # the same, in the page


def shown(text):
    """Text as a reader sees it: without the invisible bidi isolates the views set around Latin runs."""
    return text.replace("\u2066", "").replace("\u2069", "") if isinstance(text, str) else text


def test_graph_opens_readable_on_the_seeds(page, seeds_gaz, tmp_path):
    """graph.html at first sight: events drawn as the ties they make, nothing unconnected, labels legible
    at the zoom it opens with, everything in view; the events and the unconnected come back on request."""
    page.open(seeds_gaz / "graph.html")
    page.poll("window.__kgStabilized === true")
    visible = lambda: page.js("nodes.get({filter: n => !n.hidden})")  # noqa: E731
    shown_nodes = visible()
    shown_edges = page.js("edges.get({filter: e => !e.hidden})")
    assert shown_nodes and not {n["kgType"] for n in shown_nodes} & {"Event", "Agreement"}
    assert shown_edges and all(e.get("kgTie") for e in shown_edges)
    linked = {x for e in shown_edges for x in (e["from"], e["to"])}
    assert {n["id"] for n in shown_nodes} == linked                    # no unconnected entity in view
    assert page.js("window.__kgView") == {"collapsed": True, "isolates": False, "nodes": len(shown_nodes),
                                          "edges": len(shown_edges)}
    # legible: the five biggest labels are drawn at 12 px or more, and every node is in the picture
    sizes = page.js("""(() => { const s = network.getScale();
        return nodes.get({filter: n => !n.hidden}).sort((a, b) => b.value - a.value).slice(0, 5)
                    .map(n => network.body.nodes[n.id].labelModule.fontOptions.size * s); })()""")
    print(f"graph.html on the seeds: {len(shown_nodes)} nodes, {len(shown_edges)} ties in view; "
          f"largest labels drawn at {[round(x, 1) for x in sizes]} px")
    assert min(sizes) >= 12
    assert page.js("""(() => { const r = document.getElementById('mynetwork').getBoundingClientRect(), pos = network.getPositions();
        return nodes.get({filter: n => !n.hidden}).every(n => { const p = network.canvasToDOM(pos[n.id]);
            return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }); })()""")
    page.page.screenshot(path=str(_shots(tmp_path) / "graph-seeds-open.png"))
    # the events themselves on request
    page.page.uncheck("#kg-collapse")
    events = [n for n in visible() if n["kgType"] in ("Event", "Agreement")]
    assert events and not any(e.get("kgTie") for e in page.js("edges.get({filter: e => !e.hidden})"))
    page.page.check("#kg-collapse")
    # and the unconnected entities
    n_isolated = int(page.page.inner_text("#kg-isolates-n"))
    page.page.check("#kg-isolates")
    assert n_isolated > 0 and len(visible()) == len(shown_nodes) + n_isolated
    assert page.errors == [] and page.blocked == []


def test_graph_search_finds_arabic_and_english_names(page, seeds_gaz):
    """graph.html's search box finds a node by its Arabic label and by its English one (كيم and Kim)."""
    page.open(seeds_gaz / "graph.html")
    page.poll("window.__kgStabilized === true")
    for q in ("بوتين", "putin"):
        page.page.fill("#kg-search", q)
        page.page.press("#kg-search", "Enter")
        assert "https://w3id.org/kg-arabic/entity/Q7747" in page.js("network.getSelectedNodes()")


def _shots(tmp_path):
    """Where screenshots go: $KG_SCREENSHOTS (to keep them for a note) or the test's own folder."""
    d = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    d.mkdir(parents=True, exist_ok=True)
    return d


# In the page: whether every left-to-right run (a date, an id) inside the element's text is drawn left to
# right, character after character: the check that "2024-06" does not show as "06-2024".
LTR_IN_ORDER = """(el) => {
  const bad = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const re = /[0-9A-Za-z][0-9A-Za-z_\\-:.]*[0-9A-Za-z]/g;
    for (let m = re.exec(t.data); m; m = re.exec(t.data)) {
      let last = -Infinity;
      for (let i = m.index; i < m.index + m[0].length; i++) {
        const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
        const box = r.getBoundingClientRect();
        if (box.width === 0) { continue; }
        if (box.left < last - 0.5) { bad.push(m[0]); break; }
        last = box.left;
      }
    }
  }
  return bad;
}"""


def _page_data(path, which):
    html = path.read_text(encoding="utf-8")
    return json.loads(html.split(f'id="kg-data-{which}">', 1)[1].split("</script>", 1)[0])


def _expected_pairs(events, lo, hi, cumulative=False, undated=True):
    """The pairs the page must draw for a window, computed here from its data (kg.ties.in_period's rule)."""
    on = set()
    for ev in events:
        if in_period({"date": ev["d"]}, None if cumulative else lo, hi, undated=undated):
            on.update(ev["p"])
    return on


def _drag(page, selector, to_x):
    """Drag an element of the time bar with the mouse to a page x coordinate."""
    box = page.page.locator(selector).bounding_box()
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + box["width"] / 2, y)
    page.page.mouse.down()
    page.page.mouse.move(to_x, y, steps=8)
    page.page.mouse.up()
    page.page.wait_for_timeout(100)


def _edge_only_point(edge_id):
    """JS for a page point on a (straight) edge that is far from every other visible edge and node (zoomed
    in on the edge first)."""
    return f"""(() => {{
        const r = document.getElementById('mynetwork').getBoundingClientRect(), pos = network.getPositions();
        const seg = e => [pos[e.from], pos[e.to]];
        function dist(p, [a, b]) {{
            const dx = b.x - a.x, dy = b.y - a.y, t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
            return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
        }}
        const [a, b] = seg(edges.get({json.dumps(edge_id)}));
        const others = edges.get({{filter: e => !e.hidden && e.id !== {json.dumps(edge_id)}}}).map(seg);
        network.moveTo({{position: {{x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}}, scale: 3, animation: false}});
        const scale = network.getScale();
        for (let i = 1; i < 40; i++) {{
            const t = 0.5 + (i % 2 ? 1 : -1) * Math.floor(i / 2) / 40, p = {{x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)}};
            if (others.every(s => dist(p, s) * scale > 12) && Object.values(pos).every(q => Math.hypot(q.x - p.x, q.y - p.y) * scale > 40)) {{
                const d = network.canvasToDOM(p);
                return {{x: r.left + d.x, y: r.top + d.y}};
            }}
        }}
        throw new Error("no point on the edge clear of the others");
    }})()"""


def test_ties_view_on_the_seeds(page, seeds_gaz, tmp_path):
    """The issue's target on the seeds: one edge per pair, a time bar whose brush and play move the window,
    edge widths that change while playing, and a pair's panel listing its events with their sentences."""
    path = seeds_gaz / "ties.html"
    t0 = time.monotonic()
    page.open(path)
    print(f"seeds ties.html: first render {time.monotonic() - t0:.2f} s")
    shots = _shots(tmp_path)
    events, pairs, nodes_data = _page_data(path, "events"), _page_data(path, "pairs"), _page_data(path, "nodes")
    ids = [n["id"] for n in nodes_data]
    # one edge per pair of actors, whatever the number of events between them
    drawn = [frozenset((e["from"], e["to"])) for e in page.js("edges.get()")]
    assert len(drawn) == len(set(drawn)) == len(pairs) < sum(len(ev["p"]) for ev in events)
    three = {KGE + q for q in ("Q159", "Q423", "Q148")}
    assert len([p for p in drawn if p <= three]) <= 3
    russia_nk = drawn.index(frozenset((KGE + "Q159", KGE + "Q423")))
    window = page.js("window.__kgWindow")
    assert window["mode"] == "window" and _visible(page)[0] == len(_expected_pairs(events, window["lo"], window["hi"]))
    page.page.screenshot(path=str(shots / "ties-seeds-open.png"))

    # the brush: drag its right handle to the left; what is drawn is what the window holds
    bar = page.page.locator("#kg-timebar").bounding_box()
    _drag(page, "#kg-brush-hi", bar["x"] + bar["width"] * 0.45)
    w = page.js("window.__kgWindow")
    assert w["hi"] < window["hi"] and w["lo"] == window["lo"]
    shown_pairs = set(page.js("edges.getIds({filter: e => !e.hidden})"))
    assert shown_pairs == _expected_pairs(events, w["lo"], w["hi"]) and len(shown_pairs) < len(pairs)
    # legend counts follow the window
    meetings = sum(1 for ev in events if ev["t"] == "Meeting" and in_period({"date": ev["d"]}, w["lo"], w["hi"]))
    assert page.page.inner_text("#kg-legend li[data-type=Meeting] .cnt") == str(meetings)
    # drag the window's body to the right: it keeps its width
    body = page.page.locator("#kg-brush").bounding_box()
    _drag(page, "#kg-brush", body["x"] + body["width"] / 2 + bar["width"] * 0.2)
    w2 = page.js("window.__kgWindow")
    assert w2["hi"] - w2["lo"] == w["hi"] - w["lo"] and w2["lo"] > w["lo"]
    assert set(page.js("edges.getIds({filter: e => !e.hidden})")) == _expected_pairs(events, w2["lo"], w2["hi"])
    # cumulative: everything up to the window's end
    page.page.check("#kg-mode-cumulative")
    assert set(page.js("edges.getIds({filter: e => !e.hidden})")) == _expected_pairs(events, w2["lo"], w2["hi"], cumulative=True)
    page.page.check("#kg-mode-window")
    page.page.uncheck("#kg-undated")
    assert set(page.js("edges.getIds({filter: e => !e.hidden})")) == _expected_pairs(events, w2["lo"], w2["hi"], undated=False)
    page.page.check("#kg-undated")
    # a type hidden in the legend hides its events
    page.page.click("#kg-all")
    page.page.click("#kg-legend li[data-type=Meeting]")
    assert page.js("window.__kgVisible").get("events") == len(events) - sum(ev["t"] == "Meeting" for ev in events)
    page.page.click("#kg-legend li[data-type=Meeting]")

    # play: a year-long window walks through the months with events
    page.page.select_option("#kg-speed", "150")
    page.page.click("#kg-play")
    page.poll("!document.getElementById('kg-play').textContent.includes('Pause')", timeout=60)
    frames = page.js("window.__kgPlayed")
    years = {f["lo"] // 12 for f in frames}
    print(f"played {len(frames)} frames over the years {sorted(years)}")
    assert {2000, 2019, 2023, 2024, 2025} <= years
    widths = [dict(f["widths"]).get(russia_nk) for f in frames]
    assert len({x for x in widths if x}) >= 2                            # the Russia–North Korea edge changes width
    times = page.js("window.__kgFrameTimes")
    print(f"frame time while playing: median {sorted(times)[len(times) // 2]:.1f} ms, max {max(times):.1f} ms")
    page.page.screenshot(path=str(shots / "ties-seeds-played.png"))

    # click the Russia–North Korea edge: its panel lists the pair's events in time order with their sentences
    page.page.click("#kg-all")
    pos = page.js(_edge_only_point(russia_nk))
    page.page.mouse.click(pos["x"], pos["y"])
    page.poll("document.getElementById('kg-panel').classList.contains('open')")
    head = page.page.inner_text("#kg-panel h2")
    assert "روسيا" in head and "كوريا الشمالية" in head
    items = page.page.locator("#kg-panel li.ev")
    mine = [ev for ev in events if russia_nk in ev["p"]]
    assert items.count() == len(mine)
    heads = [shown(t) for t in page.page.locator("#kg-panel li.ev .head").all_inner_texts()]
    dated = [h.split(" · ")[0] for h in heads if not h.startswith("undated")]
    assert dated == sorted(dated, key=lambda d: month_key(d[:7]))     # time order
    sentences = page.page.locator("#kg-panel li.ev .sent").all_inner_texts()
    assert sentences and all(t.startswith("«") for t in sentences)
    assert page.page.locator("#kg-panel li.ev .src").count() >= len(mine)
    # zero scrambled left-to-right runs in the panel and the time bar (dates, article ids)
    assert page.page.evaluate(LTR_IN_ORDER, page.page.query_selector("#kg-panel")) == []
    assert page.page.evaluate(LTR_IN_ORDER, page.page.query_selector("#kg-stats")) == []
    page.page.mouse.move(1, 1)
    page.js("network.fit({animation: false}); document.querySelectorAll('.vis-tooltip').forEach(t => { t.style.visibility = 'hidden'; })")
    page.page.screenshot(path=str(shots / "ties-seeds-pair-panel.png"))

    # a node's panel: its events over time, first and last mention
    putin = KGE + "Q7747"
    page.js("network.fit({animation: false})")
    pos = page.js(f"""(() => {{ const p = network.canvasToDOM(network.getPositions(['{putin}'])['{putin}']);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")
    page.page.mouse.click(pos["x"], pos["y"])
    page.poll("document.getElementById('kg-panel').textContent.includes('First event')")
    assert "بوتين" in page.page.inner_text("#kg-panel h2") and "first mention" in page.page.inner_text("#kg-panel")
    assert page.page.evaluate(LTR_IN_ORDER, page.page.query_selector("#kg-panel")) == []

    # search by Arabic and by English label focuses the node
    for q in ("بوتين", "putin"):
        page.page.fill("#kg-search", q)
        page.page.press("#kg-search", "Enter")
        assert page.js("network.getSelectedNodes()") == [putin]
        assert page.page.inner_text("#kg-status") == "1 match"

    # an edge tooltip sums the pair up
    page.page.click("#kg-panel .close")
    page.page.wait_for_timeout(200)
    pos = page.js(_edge_only_point(russia_nk))
    tip = None
    for dx in (0, 1, 2, 3, 0, 1, 2, 3, 0, 1):       # a busy machine may be slow to show it
        page.page.mouse.move(pos["x"] + dx, pos["y"], steps=3)
        page.page.wait_for_timeout(500)
        tip = page.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                      " return t && t.style.visibility !== 'hidden' ? t.textContent : null; })()")
        if tip:
            break
    assert tip and "روسيا" in tip and "in the window" in tip
    page.js("network.fit({animation: false})")

    # Arabic labels are drawn on the canvas: a label area differs once the label is removed
    page.page.mouse.move(1, 1)
    page.js("document.querySelectorAll('.vis-tooltip').forEach(t => { t.style.visibility = 'hidden'; })")
    rus = KGE + "Q159"
    assert page.js(f"nodes.get('{rus}').label") == "روسيا"
    assert page.js("document.fonts.check('14px \"Noto Sans Arabic\"', 'روسيا')")
    assert page.js("getComputedStyle(document.querySelector('#mynetwork canvas')).direction") == "rtl"
    box = page.js(f"""(() => {{ const p = network.canvasToDOM(network.getPositions(['{rus}'])['{rus}']);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: r.left + p.x - 70, y: r.top + p.y, width: 140, height: 70}}; }})()""")
    with_label = page.page.screenshot(clip=box)
    page.js(f"nodes.update({{id: '{rus}', label: ' '}})")
    page.page.wait_for_timeout(300)
    assert page.page.screenshot(clip=box) != with_label
    assert page.blocked == [], f"page tried to reach the network: {page.blocked}"
    assert page.errors == [] and page.dialogs == []


def test_ties_view_of_a_large_build_opens_fast_and_plays(page, tmp_path):
    """A build-sized page (as many actors and events as 2,000 real articles give, and more): time to first
    render and frame time while playing, printed (bench/ties_page.py measures the same on a real build)."""
    import random

    rnd = random.Random(5)
    nodes = [{"id": f"{EX}s{i}", "label": f"دولة {i}", "label_en": f"State {i}", "class": "State", "title": ""}
             for i in range(150)] + \
            [{"id": f"{EX}p{i}", "label": f"شخص {i}", "class": "Leader", "title": ""} for i in range(100)]
    types = ["Meeting", "Visit", "Statement", "Sanction", "OtherAgreement", "Talks"]
    edges = []
    for k in range(3000):
        a, b = rnd.sample(range(len(nodes)), 2)
        y, m = rnd.choice([2015, 2016, 2017]), rnd.randint(1, 12)
        edges.append({"source": nodes[a]["id"], "target": nodes[b]["id"], "type": rnd.choice(types),
                      "date": f"{y}-{m:02d}-{rnd.randint(1, 28):02d}", "event": f"{EX}e{k // 2}",
                      "evidence": [{"sentence": f"جملة {k}", "article": f"a{k}"}]})
    out = tmp_path / "big.html"
    res = write_ties_html(nodes, edges, out)
    t0 = time.monotonic()
    page.open(out)
    first = time.monotonic() - t0
    page.page.select_option("#kg-speed", "150")
    page.page.click("#kg-play")
    page.page.wait_for_timeout(3000)
    page.page.click("#kg-play")
    times = page.js("window.__kgFrameTimes")
    frames = page.js("window.__kgPlayed")
    print(f"{res['nodes']} nodes, {res['pairs']} pairs, {res['events']} events: first render {first:.2f} s; "
          f"{len(frames)} frames played, frame time median {sorted(times)[len(times) // 2]:.1f} ms, max {max(times):.1f} ms")
    assert len(frames) >= 5 and len({f["lo"] for f in frames}) == len(frames)   # it moved every step
    page.page.screenshot(path=str(_shots(tmp_path) / "ties-large.png"))
    assert page.errors == [] and page.blocked == []


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    from kg.build import build

    src = tmp_path_factory.mktemp("hostile_src")
    arts = [
        {"id": "evil1", "published": "2023-09-13", "source": f"وكالة {PAYLOAD}", "url": "javascript:window['__pwned']=3",
         "title": f"عنوان {PAYLOAD}",
         "text": f"التقى الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون في قاعدة فوستوشني "
                 f"يوم 13 سبتمبر 2023 {PAYLOAD} لبحث التعاون العسكري."},
        {"id": "evil2", "published": "2024-06-19",
         "text": f"وقع بوتين وكيم جونغ أون في بيونغ يانغ معاهدة شراكة استراتيجية شاملة {PAYLOAD} يوم 19 يونيو 2024."},
    ]
    with open(src / "articles.jsonl", "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    out = tmp_path_factory.mktemp("hostile") / "out"
    build(str(src), str(out), ner="gazetteer", progress=False)
    return out


def test_hostile_article_in_the_graph(page, hostile_build):
    page.open(hostile_build / "graph.html")
    page.poll("window.__kgStabilized === true")
    page.page.uncheck("#kg-collapse")                   # the events themselves, not the ties they make
    # The tooltip elements of event nodes hold the sentence as text: literal payload, no child elements.
    hits = page.page.evaluate(f"""(p) => nodes.get().filter(x => x.title && {SHOWN}(x.title.textContent).includes(p))
        .map(x => [x.id, [...x.title.querySelectorAll('*')].every(el => el.tagName === 'DIV' && !el.children.length)])""",
                              PAYLOAD)
    assert hits and all(plain for _, plain in hits)
    _freeze(page)
    assert PAYLOAD in _hover_tooltip(page, f"network.getPositions([{json.dumps(hits[0][0])}])[{json.dumps(hits[0][0])}]")
    assert page.js("document.querySelectorAll('img, svg, b').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 5
    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.blocked == [] and page.errors == [] and page.dialogs == []


def test_hostile_article_in_the_ties_panel(page, hostile_build):
    """The ties page shows the sentences in its pair panel: as text, with the headline, nothing executed."""
    page.open(hostile_build / "ties.html")
    svgs = page.js("document.querySelectorAll('svg').length")           # the page's own: the time bar
    pairs = page.js("edges.getIds({filter: e => !e.hidden})")
    assert pairs
    for p in pairs:
        page.js(f"kgShowPair({p})")
        if PAYLOAD in shown(page.page.inner_text("#kg-panel")):
            break
    text = shown(page.page.inner_text("#kg-panel"))
    assert PAYLOAD in text and "عنوان " + PAYLOAD in text              # the sentence and the article's headline
    # every element in the panel is the page's own: divs, list items, the close button, the mini timeline
    tags = set(page.js("[...document.querySelectorAll('#kg-panel *')].map(e => e.tagName.toLowerCase())"))
    assert tags <= {"button", "h2", "div", "ul", "li", "svg", "rect", "g", "line", "text", "p"}
    assert page.js("document.querySelectorAll('img, b').length") == 0
    assert page.js("document.querySelectorAll('svg').length") == svgs + 1   # the panel's mini timeline
    assert page.js("document.querySelectorAll('script').length") == 7
    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.blocked == [] and page.errors == [] and page.dialogs == []


def test_ties_hostile_names(page, tmp_path):
    evil_ar = f"{PAYLOAD} محمود"
    nodes = [{"id": f"{EX}evil", "label": evil_ar, "label_en": PAYLOAD, "class": "Leader", "title": evil_ar},
             {"id": f"{EX}ok", "label": "فلسطين", "label_en": "Palestine", "class": "State", "title": "دولة"}]
    edges = [{"source": f"{EX}evil", "target": f"{EX}ok", "type": "Visit", "kind": "Event", "date": "2020-02",
              "title": f"Visit\n«{PAYLOAD}»", "event": f"{EX}e"}]
    out = tmp_path / "evil_ties.html"
    write_ties_html(nodes, edges, out, title=HOSTILE_PAGE_TITLE)
    page.open(out)
    page.poll("window.__kgStabilized === true")
    assert page.js(f"nodes.get('{EX}evil').kgLabel") == evil_ar
    assert shown(page.js(f"network.body.nodes['{EX}evil'].options.label")).startswith("<script>window['__pwned']=1")
    assert page.page.inner_text("h1") == HOSTILE_PAGE_TITLE == page.js("document.title")
    page.page.fill("#kg-search", "<img src=x")           # search finds the name as text
    page.page.press("#kg-search", "Enter")
    assert page.js("network.getSelectedNodes()") == [f"{EX}evil"]
    _freeze(page)
    assert PAYLOAD in _hover_tooltip(page, f"network.getPositions(['{EX}evil'])['{EX}evil']")
    assert page.js("document.querySelectorAll('img, b').length") == 0
    assert page.js("document.querySelectorAll('svg').length") == 1      # the page's own time bar
    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.blocked == [] and page.errors == [] and page.dialogs == []
