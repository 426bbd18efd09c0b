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
    drawn = page.js(f"network.body.nodes['{EX}evil'].options.label")   # canvas label (<=80 chars)
    assert drawn.rstrip("\u2026") and HOSTILE_LABEL.startswith(drawn.rstrip("\u2026"))
    assert "></script><script>window.__pwned=2</scrip" in drawn
    assert page.js(f"network.body.data.edges.get(0).label") == HOSTILE_EDGE
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
    assert HOSTILE_TITLE in tooltip_text
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
