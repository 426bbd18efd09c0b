"""ties.html in Chromium: time to first render and frame time while playing.

    python bench/ties_page.py [BUILD_DIR ...]

For each build directory (default: the seeds, built here with the gazetteer NER) the ties page is written
afresh and opened in headless Chromium (/usr/bin/chromium, via Playwright); play runs for 5 s at the
fastest speed. Prints one JSON object: the page's size, seconds to write it, seconds until it is drawn and
ready, and while playing the frames shown, the time the page spends per frame (filtering the events,
updating the edges) and the gaps between animation frames (what a reader feels as smoothness).
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
GAPS = """() => { window.__gaps = []; let last = performance.now();
  (function tick(t) { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 100000) requestAnimationFrame(tick); })(last); }"""


def measure(build: Path, work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from kg.store import open_store
    from kg.ties import ties_view
    from kg.ties_page import write_ties_html

    t = time.perf_counter()
    page_path = work / f"ties-{build.name}.html"
    info = write_ties_html(*ties_view(open_store(build)), page_path)
    written = time.perf_counter() - t
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        t = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("window.__kgReady === true", timeout=120_000)
        ready = time.perf_counter() - t
        page.select_option("#kg-speed", "150")
        page.evaluate("window.__kgFrameTimes.length = 0")
        page.evaluate(GAPS)
        page.click("#kg-play")
        page.wait_for_timeout(5000)
        page.click("#kg-play")
        frames = page.evaluate("window.__kgPlayed.length")
        work_ms = page.evaluate("window.__kgFrameTimes")
        gaps = page.evaluate("window.__gaps.slice(1)")
        browser.close()
    q = lambda xs, f: round(sorted(xs)[min(len(xs) - 1, int(len(xs) * f))], 1) if xs else None  # noqa: E731
    return {"build": str(build), **{k: info[k] for k in ("nodes", "pairs", "events", "bytes")},
            "write_s": round(written, 2), "first_render_s": round(ready, 2), "frames_played": frames,
            "frame_work_ms": {"median": q(work_ms, 0.5), "p95": q(work_ms, 0.95), "max": q(work_ms, 1)},
            "animation_gap_ms": {"median": round(statistics.median(gaps), 1) if gaps else None,
                                 "p95": q(gaps, 0.95), "max": q(gaps, 1)}}


def main(argv=None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    work = Path(tempfile.mkdtemp(prefix="kg-bench-ties-"))
    builds = [Path(a) for a in argv]
    if not builds:
        from kg.build import build

        build(str(ROOT / "seeds"), str(work / "seeds"), ner="gazetteer", progress=False)
        builds = [work / "seeds"]
    result = {"bench": "ties_page", "runs": [measure(b, work) for b in builds]}
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
