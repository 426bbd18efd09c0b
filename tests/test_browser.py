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
    for dx in (0, 1, 2, 3, 0, 1):
        page.page.mouse.move(pos["x"] + dx, pos["y"] + 1, steps=3)
        page.page.wait_for_timeout(400)
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

from kg.ties import in_period, write_ties_html  # noqa: E402

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
    assert page.js("window.__kgVisible") == {"edges": e, "nodes": n}
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
    page.page.uncheck("#kg-physics")
    page.page.wait_for_timeout(600)
    page.js("network.fit({animation: false})")


def _hover_tooltip(page, js_point):
    """Move the mouse onto a canvas point (JS expression giving canvas coordinates); the tooltip's text."""
    pos = page.js(f"""(() => {{ const p = network.canvasToDOM({js_point});
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {{x: r.left + p.x, y: r.top + p.y}}; }})()""")
    for dx in (0, 1, 2, 3, 0, 1):
        page.page.mouse.move(pos["x"] + dx, pos["y"] + 1, steps=3)
        page.page.wait_for_timeout(400)
        text = page.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                       " return t && t.style.visibility !== 'hidden' ? t.textContent : null; })()")
        if text:
            return shown(text)
    raise AssertionError("tooltip did not appear")


SHOWN = "(t => t.replace(/[\\u2066\\u2069]/g, ''))"  # the same, in the page


def shown(text):
    """Text as a reader sees it: without the invisible bidi isolates the views set around Latin runs."""
    return text.replace("\u2066", "").replace("\u2069", "") if isinstance(text, str) else text


def test_graph_search_finds_arabic_and_english_names(page, seeds_gaz):
    """graph.html's search box finds a node by its Arabic label and by its English one (كيم and Kim)."""
    page.open(seeds_gaz / "graph.html")
    page.poll("window.__kgStabilized === true")
    for q in ("بوتين", "putin"):
        page.page.fill("#kg-search", q)
        page.page.press("#kg-search", "Enter")
        assert "https://w3id.org/kg-arabic/entity/Q7747" in page.js("network.getSelectedNodes()")


def test_ties_slider_filters_seeds_offline(page, seeds_gaz, tmp_path):
    page.open(seeds_gaz / "ties.html")
    page.poll("window.__kgStabilized === true")
    total = page.js("edges.length")
    months = page.js("JSON.parse(document.getElementById('kg-data-months').textContent)")
    assert total > 20 and len(months) >= 3
    before = _visible(page)
    assert before[0] == total                           # full range, undated included: everything shows

    _set_range(page, "#kg-to", 0)                       # period = the earliest month only
    after = _visible(page)
    print(f"visible ties before/after the slider move: {before[0]} -> {after[0]} (nodes {before[1]} -> {after[1]})")
    assert after[0] < before[0] and after[1] <= before[1]
    # the page applies the same rule as kg.ties.in_period
    data = json.loads((seeds_gaz / "ties.html").read_text(encoding="utf-8")
                      .split('id="kg-data-edges">', 1)[1].split("</script>", 1)[0])
    assert after[0] == sum(in_period({"date": e["kgDate"]}, months[0], months[0]) for e in data)
    assert page.page.inner_text("#kg-period").startswith(f"{months[0] // 12}-")

    _set_range(page, "#kg-from", len(months) - 1)       # from > to drags "to" along: the latest month
    last = _visible(page)
    assert page.js("document.getElementById('kg-to').value") == str(len(months) - 1)
    assert last[0] == sum(in_period({"date": e["kgDate"]}, months[-1], months[-1]) for e in data)
    page.page.uncheck("#kg-undated")
    assert _visible(page)[0] == sum(in_period({"date": e["kgDate"]}, months[-1], months[-1], undated=False)
                                    for e in data)
    page.page.check("#kg-undated")
    _set_range(page, "#kg-from", 0)
    _set_range(page, "#kg-to", len(months) - 1)
    assert _visible(page) == before

    # legend: hiding a tie type hides exactly its ties
    meetings = page.js("edges.get({filter: e => e.kgType === 'Meeting'}).length")
    page.page.click("#kg-legend li[data-type=Meeting]")
    assert _visible(page)[0] == before[0] - meetings > 0
    page.page.click("#kg-legend li[data-type=Meeting]")

    # search by Arabic and by English label focuses the node
    for q in ("بوتين", "putin"):
        page.page.fill("#kg-search", q)
        page.page.press("#kg-search", "Enter")
        assert page.js("network.getSelectedNodes()") == ["https://w3id.org/kg-arabic/entity/Q7747"]
        assert page.page.inner_text("#kg-status") == "1 match"

    # an edge tooltip carries the evidence sentence and the article
    _freeze(page)
    tip = _hover_tooltip(page, _edge_point())
    assert "«" in tip and "— 00" in tip

    # Arabic labels are drawn on the canvas: a label area differs once the label is removed
    page.page.mouse.move(1, 1)
    # the edge tooltip of the hover above may still sit over the label: out of the picture
    page.js("document.querySelectorAll('.vis-tooltip').forEach(t => { t.style.visibility = 'hidden'; })")
    rus = "https://w3id.org/kg-arabic/entity/Q159"
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
    page.js(f"nodes.update({{id: '{rus}', label: 'روسيا'}})")

    shot = tmp_path / "ties.png"
    page.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert len(data) > 20000 and data[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.blocked == [], f"page tried to reach the network: {page.blocked}"
    assert page.errors == [] and page.dialogs == []


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


@pytest.mark.parametrize("view", ["graph", "ties"])
def test_hostile_article_in_both_views(page, hostile_build, view):
    page.open(hostile_build / f"{view}.html")
    page.poll("window.__kgStabilized === true")
    items = "edges" if view == "ties" else "nodes"      # evidence sits on ties / on event nodes
    # The tooltip elements hold the sentence as text: literal payload, no child elements.
    # (the ties page puts each line in a plain <div>; nothing else is an element)
    hits = page.page.evaluate(f"""(p) => {items}.get().filter(x => x.title && {SHOWN}(x.title.textContent).includes(p))
        .map(x => [x.id, [...x.title.querySelectorAll('*')].every(el => el.tagName === 'DIV' && !el.children.length)])""",
                              PAYLOAD)
    assert hits and all(plain for _, plain in hits)
    if view == "ties":                                  # the ties tooltip also names the article's headline
        assert page.page.evaluate(f"(p) => edges.get().some(x => {SHOWN}(x.title.textContent).includes('عنوان ' + p))", PAYLOAD)
    point = (_edge_point([h[0] for h in hits]) if view == "ties" else
             f"network.getPositions([{json.dumps(hits[0][0])}])[{json.dumps(hits[0][0])}]")
    _freeze(page)
    assert PAYLOAD in _hover_tooltip(page, point)       # shown as text in the live tooltip
    assert page.js("document.querySelectorAll('img, svg, b').length") == 0
    assert page.js("document.querySelectorAll('script').length") == (6 if view == "ties" else 5)
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
    assert page.js("document.querySelectorAll('img, svg, b').length") == 0
    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.blocked == [] and page.errors == [] and page.dialogs == []
