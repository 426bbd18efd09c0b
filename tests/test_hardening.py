"""Hardening, end to end through the `kg` command: every bad input gets one clear stderr line and the rest
of the corpus builds; hostile parameters cannot change a query; a build killed at any point loses nothing
and the next run ends exactly where an uninterrupted one would.

(Unit-level cases live beside their modules: tests/test_corpus.py, test_cli.py, test_fuzz.py for the
hypothesis properties, test_viz.py and test_browser.py for hostile text in the views.)
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import ROOT, SEEDS, run_kg

AR = "التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ في موسكو يوم الثلاثاء."
GOOD_SEED = SEEDS / "001_69ba63237cfbfb00.txt"


def _bad_corpus(root: Path) -> tuple[Path, dict[str, str], set[str]]:
    """A corpus of every kind of bad input beside good articles.

    Returns (directory, {bad input: text its stderr line must contain}, ids that must be built)."""
    src = root / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    bad: dict[str, str] = {}
    ok = {"good"}

    def txt(name: str, data: bytes, expect: str | None) -> None:
        (src / name).write_bytes(data)
        if expect is None:
            ok.add(Path(name).stem)
        else:
            bad[name] = expect

    txt("empty.txt", b"", "empty article")
    txt("blank.txt", b" \n\t\r\n \xc2\xa0\n", "empty article")
    txt("binary.txt", bytes(range(256)) * 40, "binary data")
    txt("invalid_utf8.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e \xff\xfe and more latin text", "not UTF-8")
    txt("truncated_utf8.txt", AR.encode("utf-8")[:-1] + b"\xd8", "damaged UTF-8")
    # decoded, not refused: Windows-1256 Arabic, mixed scripts with emoji, a 1 MB line with no spaces
    txt("cp1256.txt", AR.encode("cp1256"), None)
    txt("mixed.txt", ("قال الرئيس Emmanuel Macron 🇫🇷😀 إن باريس ستستضيف قمة G7 في 2026. " * 3).encode(), None)
    txt("one_mb_line.txt", ("ب" * (1 << 19)).encode("utf-8"), None)
    # 50 MB: refused by its size before it is read (bounded memory), the limit named
    with open(src / "fifty_mb.txt", "wb") as f:
        chunk = (AR + "\n").encode("utf-8") * 1000
        for _ in range(50 * (1 << 20) // len(chunk) + 1):
            f.write(chunk)
    bad["fifty_mb.txt"] = "-byte limit per article"

    rows = [
        json.dumps({"id": "jl-ok", "text": AR, "published": "2024-06-19"}, ensure_ascii=False),
        '{"id": "broken", "text": "نص",',                      # 2: malformed JSON
        json.dumps(["not", "an", "object"]),                  # 3: not an object
        json.dumps({"id": "no-text", "published": "2024-01-01"}),  # 4: no text
        json.dumps({"id": "empty-text", "text": "   "}),      # 5: empty text
        json.dumps({"id": "jl-ok", "text": AR + " مرة أخرى"}, ensure_ascii=False),  # 6: duplicate id
        json.dumps({"id": "", "text": AR}, ensure_ascii=False),  # 7: empty id
        json.dumps({"id": "bad-text", "text": 42}),           # 8: text not a string
        json.dumps({"id": "../../x", "text": AR, "published": "2024-06-19"}, ensure_ascii=False),
        json.dumps({"id": "/etc/passwd", "text": AR, "published": "2024-06-19"}, ensure_ascii=False),
        json.dumps({"id": "bad-date", "text": AR, "published": "2024-02-30"}, ensure_ascii=False),
        json.dumps({"id": "future-date", "text": AR, "published": "2999-01-01"}, ensure_ascii=False),
        json.dumps({"id": "no-date", "text": AR}, ensure_ascii=False),
    ]
    (src / "feed.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    bad.update({"feed.jsonl:2:": "malformed JSONL line", "feed.jsonl:3:": "malformed JSONL line",
                "feed.jsonl:4:": "no \"text\" field", "feed.jsonl:5:": "empty article text",
                "feed.jsonl:6:": "duplicate article id", "feed.jsonl:7:": "non-empty string",
                "feed.jsonl:8:": "must be a string"})
    ok |= {"jl-ok", "../../x", "/etc/passwd", "bad-date", "future-date", "no-date"}
    (src / "loop").symlink_to(src, target_is_directory=True)  # a symlink loop: must not hang or recurse
    (src / "dangling.txt").symlink_to(src / "nowhere.txt")
    bad["dangling.txt"] = "cannot read"
    return src, bad, ok


def test_bad_inputs_one_line_each_and_the_rest_builds(tmp_path):
    src, bad, ok = _bad_corpus(tmp_path)
    out = tmp_path / "out"
    proc = run_kg("build", src, "--out", out, "--ner", "gazetteer", "-q")
    assert proc.returncode == 1, proc.stderr  # 1: built, with inputs skipped
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert all(ln.startswith(("kg: skipped: ", "kg: warning: ")) for ln in lines), proc.stderr
    for name, expect in bad.items():
        mine = [ln for ln in lines if name in ln and ln.startswith("kg: skipped: ")]
        assert len(mine) == 1, (name, proc.stderr)
        assert expect in mine[0], (name, mine[0])
    skipped = [ln for ln in lines if ln.startswith("kg: skipped: ")]
    assert len(skipped) == len(bad)
    warnings = [ln for ln in lines if ln.startswith("kg: warning: ")]
    for what in ("feed.jsonl:11: published date '2024-02-30' is not a valid ISO date",
                 "feed.jsonl:12: published date '2999-01-01' is impossible", "feed.jsonl:13: no published date"):
        assert sum(what in ln for ln in warnings) == 1, what

    index = json.loads((out / "articles" / "index.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in index["articles"]} == ok
    # ids that look like paths are never used as file names: every file stays inside OUT/articles
    files = {p.name for p in (out / "articles").iterdir()}
    # a result and its digest (kg/digest.py) per article, beside the build's index and summary lines (kg/summary.py)
    stems = {f.split(".", 1)[0] for f in files if f not in ("index.json", "summary.nt")}
    assert all(len(st) == 20 and f[20:] in (".json", ".nt", ".digest.json") for st in stems for f in files if f.startswith(st))
    assert len(files) == 2 + 3 * len(ok)  # index.json and summary.nt
    assert not (tmp_path / "x").exists() and not (out / "x").exists()
    facts = [json.loads(ln) for ln in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    evidence = {e["article"] for f in facts for e in f.get("evidence", [])}
    assert {"../../x", "cp1256"} <= evidence
    # the outputs parse: the graph round-trips through a real RDF parser
    assert sum(1 for _ in ox.parse(path=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS)) > 100
    assert sum(1 for _ in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)) > 100
    print(f"\n{len(bad)} bad inputs and {len(warnings)} flawed dates tried; {len(ok)} articles built")


def test_strict_stops_at_the_first_bad_record_and_writes_nothing(tmp_path):
    src, _, _ = _bad_corpus(tmp_path)
    (src / "fifty_mb.txt").unlink()
    out = tmp_path / "out"
    proc = run_kg("build", src / "feed.jsonl", "--out", out, "--ner", "gazetteer", "-q", "--strict")
    assert proc.returncode == 2
    err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(err) == 1 and err[0].startswith("kg: error: ") and "feed.jsonl:2: malformed JSONL line" in err[0]
    assert not out.exists()


def test_bad_input_after_a_build_loses_nothing(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    before = _snapshot(out)
    src, _, _ = _bad_corpus(tmp_path)
    for p in src.iterdir():  # only bad inputs this time
        if p.name in {"good.txt", "cp1256.txt", "mixed.txt", "one_mb_line.txt", "feed.jsonl"}:
            p.unlink()
    proc = run_kg("build", src, "--out", out, "--ner", "gazetteer", "-q")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("kg: error: ") and "no readable articles" in proc.stderr
    assert _snapshot(out) == before


@pytest.mark.parametrize("value", ['Q159> } ; DROP ALL #', 'x" } UNION { ?s ?p ?o } #', "}}}{{{", "' OR 1=1 --",
                                   "Q159\nDELETE WHERE { ?s ?p ?o }"])
def test_hostile_query_parameters_cannot_change_a_query(tmp_path, value, seeds_gaz):
    before = _store_quads(seeds_gaz)
    for args in (["profile", "--param", f"entity={value}"],
                 ["ties", "--param", "a=Q159", "--param", f"b={value}"],
                 ["ties", "--param", "a=Q159", "--param", "b=Q423", "--param", f"type={value}"]):
        proc = run_kg("query", *args, "--graph", seeds_gaz, "--format", "json")
        assert "Traceback" not in proc.stderr
        if proc.returncode == 0:  # bound as a literal or a name: matches nothing
            assert json.loads(proc.stdout) == []
        else:
            err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            assert proc.returncode == 2 and len(err) == 1 and err[0].startswith("kg: error: "), proc.stderr
    assert _store_quads(seeds_gaz) == before


@pytest.fixture(scope="module")
def seeds_gaz(tmp_path_factory):
    out = tmp_path_factory.mktemp("hard") / "out"
    proc = run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q")
    assert proc.returncode == 0, proc.stderr
    return out


# -- crashes --------------------------------------------------------------------------------------------

OUTPUTS = ("dataset.trig", "dataset.nq", "graph.ttl", "facts.jsonl", "graph.html", "ties.html")


def _store_quads(out: Path, name: str = "store") -> list[str]:
    """The store's quads as sorted text, each blank node (the catalog's tenures) named by what it says:
    a store labels blank nodes afresh on every load, so the labels themselves mean nothing."""
    quads = list(ox.Store.read_only(str(out / name)))
    says: dict[str, list[str]] = {}
    for q in quads:
        if isinstance(q.subject, ox.BlankNode):
            says.setdefault(q.subject.value, []).append(f"{q.predicate} {q.object}")
    label = {b: "_:[" + "; ".join(sorted(v)) + "]" for b, v in says.items()}

    def term(t) -> str:
        return label.get(t.value, str(t)) if isinstance(t, ox.BlankNode) else str(t)

    return sorted(" ".join(map(term, (q.subject, q.predicate, q.object, q.graph_name))) for q in quads)


def _snapshot(out: Path) -> dict:
    snap = {n: (out / n).read_bytes() for n in OUTPUTS}
    snap["index"] = (out / "articles" / "index.json").read_bytes()
    snap["docs"] = sorted(p.name for p in (out / "articles").iterdir())
    snap["store"] = _store_quads(out)
    return snap


def _more_articles(path: Path, n: int = 40) -> Path:
    """n realistic articles made of the test articles' and seeds' sentences (seeded: reproducible)."""
    from kg.text import split_sentences
    pool = []
    for p in sorted([*SEEDS.glob("*.txt"), *(ROOT / "tests" / "articles").glob("*.txt")]):
        text = p.read_text(encoding="utf-8")
        pool += [text[s.start:s.end] for s in split_sentences(text) if len(s.tokens) >= 6]
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            f.write(json.dumps({"id": f"more-{k}", "text": " ".join(rng.sample(pool, 6)),
                                "published": f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}"}, ensure_ascii=False) + "\n")
    return path


def _build(src, out, crash_at=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if crash_at:
        env["KG_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out), "--ner", "gazetteer",
                           "-q"], capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """(base build to copy, the new articles, the result of base + new built without interruption)."""
    root = tmp_path_factory.mktemp("crash")
    more = _more_articles(root / "more.jsonl")
    base = root / "base"
    assert _build(SEEDS, base).returncode == 0
    ref = root / "ref"
    assert _build(SEEDS, ref).returncode == 0
    proc = _build(more, ref)
    assert proc.returncode == 0, proc.stderr
    return base, more, _snapshot(ref)


def _copy_build(base: Path, dest: Path) -> Path:
    import shutil
    shutil.copytree(base, dest, symlinks=True)
    return dest


# Every point between reading the corpus and committing the index, including the middle of each rename pair.
CRASH_POINTS = ["extracted", "staged", *(f"swapped:{n}" for n in OUTPUTS), "aside:store", "swapped:store",
                "aside:articles", "swapped:articles"]


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_sigkill_at_any_point_loses_nothing_and_the_rerun_completes(tmp_path, crash_setup, point):
    base, more, want = crash_setup
    out = _copy_build(base, tmp_path / "out")
    before = _snapshot(out)
    proc = _build(more, out, crash_at=point)
    assert proc.returncode == -signal.SIGKILL, (point, proc.returncode, proc.stderr[-2000:])

    # Right after the kill: every output is a complete file of one build or the other, and the store is
    # the previous or the new one in full (the index, the commit record, is updated last).
    for n in OUTPUTS:
        assert (out / n).read_bytes() in (before[n], want[n]), n
    stage = CRASH_POINTS.index(point)
    if stage < CRASH_POINTS.index("aside:store"):
        assert _store_quads(out) == before["store"]
    elif point == "aside:store":  # between the two renames: the previous store, set aside whole
        assert _store_quads(out, "store.old") == before["store"]
    else:
        assert _store_quads(out) == want["store"]
    if point in ("extracted", "staged"):
        assert _snapshot(out) == before  # nothing in OUT was touched yet

    # The next run ends where an uninterrupted build would have, with no staging debris left.
    proc = _build(more, out)
    assert proc.returncode == 0, proc.stderr
    assert _snapshot(out) == want
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
    assert not (out / "store.old").exists() and not (out / "articles.old").exists()


def test_sigkill_from_outside_at_random_moments(tmp_path, crash_setup):
    """Real kills at moments nobody chose: whatever is in OUT after each is a state the rerun repairs."""
    base, more, want = crash_setup
    rng = random.Random(3)
    for trial in range(4):
        out = _copy_build(base, tmp_path / f"out{trial}")
        p = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(more), "--out", str(out), "--ner",
                              "gazetteer", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        proc = _build(more, out)
        assert proc.returncode == 0, proc.stderr
        assert _snapshot(out) == want


def test_concurrent_build_into_the_same_output_is_refused(tmp_path, crash_setup):
    base, more, _ = crash_setup
    out = _copy_build(base, tmp_path / "out")
    import fcntl
    with open(out / ".kg.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = _build(more, out)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"kg: error: {out}: another kg build or remove is writing this output right now"



def test_sigterm_stops_cleanly_and_leaves_the_previous_build(tmp_path, crash_setup):
    """A SIGTERM mid-build stops like Ctrl-C: no staging directory is left, the previous build is untouched."""
    base, more, _want = crash_setup
    out = _copy_build(base, tmp_path / "out")
    before = _snapshot(out)
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(more), "--out", str(out), "--ner",
                          "gazetteer", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not [q for q in tmp_path.iterdir() if ".building-" in q.name]:
        time.sleep(0.05)  # until the build has a staging directory to clean up
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    if p.returncode == 0:  # it finished before the signal arrived: nothing to check
        pytest.skip("the build ended before SIGTERM")
    assert p.returncode == 130 and "interrupted" in err, err
    assert not [q for q in tmp_path.iterdir() if ".building-" in q.name]
    assert _snapshot(out) == before
