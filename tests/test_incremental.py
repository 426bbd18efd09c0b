"""Incremental builds: adding, changing and removing articles gives exactly what a fresh build of the same
articles gives (cross-article merges included), an unchanged re-ingest writes nothing, and a failure
leaves the previous build intact."""
import json
import shutil

import pytest

from kg.ids import SUMMARY_GRAPH
from kg.build import OUTPUT_FILES, build, remove
from kg.errors import KgError
from kg.store import open_store, run_query

from .conftest import SEEDS, run_kg

IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
COMPARED = ("dataset.nq", "dataset.trig", "graph.ttl", "facts.jsonl", "graph.html", "ties.html")


def corpus(tmp_path, name, ids, edit=None):
    """A directory with some of the seed articles (and their metadata); `edit` maps id -> new text."""
    d = tmp_path / name
    d.mkdir()
    shutil.copy(SEEDS / "articles.jsonl", d)
    for i in ids:
        text = (SEEDS / f"{i}.txt").read_text(encoding="utf-8")
        (d / f"{i}.txt").write_text((edit or {}).get(i, text), encoding="utf-8")
    return d


def gbuild(src, out, **kw):
    return build(str(src), str(out), ner="gazetteer", progress=False, **kw)


def assert_same_build(a, b):
    for name in COMPARED:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    sa, sb = open_store(a), open_store(b)
    assert run_query(sa, q) == run_query(sb, q)
    # the merged default graph (what the queries read), updated in place or loaded whole: the same triples
    # (blank nodes compared by what they say)
    assert merged_triples(sa) == merged_triples(sb)
    # the summary's named graph (counts, report dates), changed by its differing lines or loaded whole: the same
    summary = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{SUMMARY_GRAPH}> {{ ?s ?p ?o }} }}"
    assert sorted(run_query(sa, summary)[1]) == sorted(run_query(sb, summary)[1]) != []
    assert sa.articles() == sb.articles()
    sa.close(), sb.close()


def merged_triples(store) -> list[str]:
    _, rows = run_query(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }")
    _, blank = run_query(store, "SELECT ?h ?p ?q ?v WHERE { ?h ?p ?b . ?b ?q ?v FILTER(isBlank(?b)) }")
    return sorted(map(repr, rows)) + sorted(map(repr, blank))


def facts(out):
    return [json.loads(ln) for ln in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """A fresh build of all five seeds."""
    tmp = tmp_path_factory.mktemp("full")
    out = tmp / "out"
    gbuild(corpus(tmp, "all", IDS), out)
    return out


def test_adding_articles_equals_a_fresh_build(tmp_path, full):
    out = tmp_path / "out"
    r1 = gbuild(corpus(tmp_path, "a", IDS[:3]), out)
    assert (r1.added, r1.articles) == (3, 3)
    r2 = gbuild(corpus(tmp_path, "b", IDS[3:]), out)
    assert (r2.added, r2.unchanged, r2.articles) == (2, 0, 5)
    assert_same_build(out, full)


def test_unchanged_reingest_changes_nothing(tmp_path, full):
    out = tmp_path / "out"
    shutil.copytree(full, out)
    before = {n: ((out / n).read_bytes(), (out / n).stat().st_mtime_ns) for n in COMPARED}
    store_files = sorted(p.name for p in (out / "store").iterdir())
    r = gbuild(corpus(tmp_path, "again", IDS), out)
    assert (r.added, r.changed, r.unchanged, r.articles) == (0, 0, 5, 5)
    assert r.triples > 1000 and sum(r.events.values()) > 0  # the summary still describes the build
    assert {n: ((out / n).read_bytes(), (out / n).stat().st_mtime_ns) for n in COMPARED} == before
    assert sorted(p.name for p in (out / "store").iterdir()) == store_files
    r = gbuild(corpus(tmp_path, "part", IDS[1:2]), out)  # a subset: nothing is removed, nothing changes
    assert (r.unchanged, r.articles) == (1, 5)


def test_changed_article_replaces_its_graph(tmp_path, full):
    aid = IDS[1]
    text = (SEEDS / f"{aid}.txt").read_text(encoding="utf-8")
    new_text = text[: len(text) // 2]  # the second half (and its facts) is gone
    out = tmp_path / "out"
    shutil.copytree(full, out)
    r = gbuild(corpus(tmp_path, "changed", IDS, edit={aid: new_text}), out)
    assert (r.changed, r.unchanged) == (1, 4)
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "changed2", IDS, edit={aid: new_text}), fresh)
    assert_same_build(out, fresh)
    from kg.graph import content_hash
    assert open_store(out).articles()[aid] == content_hash(new_text)
    for f in facts(out):  # no evidence from the removed half survives
        for ev in f.get("evidence", []) + f.get("mentions", []):
            if ev["article"] == aid:
                assert ev["end"] <= len(new_text)


def test_remove_article_and_merges_stay_right(tmp_path, full):
    gone = IDS[1]
    merged = [f for f in facts(full) if f["kind"] == "event" and gone in f["articles"] and len(f["articles"]) > 1]
    only = [f for f in facts(full) if f["kind"] == "event" and f["articles"] == [gone]]
    assert merged and only  # the seeds have both: events corroborated by several articles, and single-source ones
    out = tmp_path / "out"
    shutil.copytree(full, out)
    r = remove([gone], str(out))
    assert (r.removed, r.articles) == (1, 4)
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "rest", [i for i in IDS if i != gone]), fresh)
    assert_same_build(out, fresh)
    after = {f["id"]: f for f in facts(out)}
    for f in merged:  # still there, without the removed article's evidence, and less confident
        g = after[f["id"]]
        assert gone not in g["articles"] and all(e["article"] != gone for e in g["evidence"])
        assert g["confidence"] <= f["confidence"]
    assert not any(f["id"] in after for f in only)
    assert gone not in open_store(out).articles()
    # and back: re-adding it restores the full build's facts (it now comes last, so only the order differs)
    gbuild(corpus(tmp_path, "back", [gone]), out)
    def norm(out):  # the same records, whatever the order of articles
        return sorted(json.dumps({k: sorted(v, key=json.dumps) if isinstance(v, list) else v for k, v in f.items()},
                                 ensure_ascii=False) for f in facts(out))
    assert norm(out) == norm(full)
    assert sorted((out / "dataset.nq").read_bytes().splitlines()) == sorted((full / "dataset.nq").read_bytes().splitlines())


def test_remove_reads_only_the_digests(tmp_path, full, monkeypatch):
    """The merge step takes each kept article's graph and facts from its digest (kg/digest.py), not from its
    stored result; a build of an older kind, without digests, makes them and ends the same."""
    import kg.build, kg.derive, kg.merged
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "rest", IDS[1:]), fresh)
    out = tmp_path / "out"
    shutil.copytree(full, out)
    read = []
    monkeypatch.setattr(kg.derive, "read_doc", lambda d, e: read.append(e.id) or kg.state.read_doc(d, e))
    remove([IDS[0]], str(out))
    assert read == []
    assert_same_build(out, fresh)
    old = tmp_path / "old"
    shutil.copytree(full, old)
    for p in [*(old / "articles").glob("*.nt"), *(old / "articles").glob("*.digest.json")]:
        p.unlink()
    remove([IDS[0]], str(old))
    assert sorted(read) == IDS[1:]
    assert_same_build(old, fresh)
    assert len(list((old / "articles").glob("*.digest.json"))) == len(IDS) - 1


def test_the_merged_graph_is_updated_in_place_and_ends_as_a_fresh_build(tmp_path, full, monkeypatch):
    """Few articles changed: the store's merged default graph loses the old graphs' triples no other graph holds
    and gains the new ones (OxigraphStore.update_merged), catalog tenures included, instead of a reload."""
    import kg.build, kg.derive, kg.merged
    from kg.store import OxigraphStore
    monkeypatch.setattr(kg.merged.MergedDelta, "SHARE", 1.0)  # five articles: any change is a large share
    calls = []
    real = OxigraphStore.update_merged
    monkeypatch.setattr(OxigraphStore, "update_merged", lambda self, *a: calls.append(1) or real(self, *a))
    out = tmp_path / "out"
    shutil.copytree(full, out)
    remove([IDS[2]], str(out))  # a removal (and the catalog graph loses what only that article used)
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "rest", [i for i in IDS if i != IDS[2]]), fresh)
    assert_same_build(out, fresh)
    text = (SEEDS / f"{IDS[0]}.txt").read_text(encoding="utf-8")
    edit = {IDS[0]: text[: len(text) // 2]}
    gbuild(corpus(tmp_path, "changed", [i for i in IDS if i != IDS[2]], edit=edit), out)  # a change
    fresh2 = tmp_path / "fresh2"
    gbuild(corpus(tmp_path, "changed2", [i for i in IDS if i != IDS[2]], edit=edit), fresh2)
    assert_same_build(out, fresh2)
    assert len(calls) == 2


def test_a_small_change_derives_only_what_it_touches(tmp_path, full, monkeypatch):
    """Removing one article of a build whose other graphs stay: their blocks of dataset.nq, dataset.trig and
    graph.ttl are copied, not serialised again, and the digests read are the removed article's and those of
    the articles reporting an event it reported too (kg/facts_update.py) — and the build ends as a fresh one."""
    import kg.derive, kg.digest, kg.merged, kg.rdf_files
    monkeypatch.setattr(kg.merged.MergedDelta, "SHARE", 1.0)  # five articles: any change is a large share
    out = tmp_path / "out"
    shutil.copytree(full, out)
    reads, serialised = [], []
    real_read, real_add = kg.digest.read, kg.rdf_files.RdfFiles.add_lines
    monkeypatch.setattr(kg.digest, "read", lambda d, f: reads.append(f) or real_read(d, f))
    monkeypatch.setattr(kg.rdf_files.RdfFiles, "add_lines",
                        lambda self, g, lines, *data: serialised.append(g) or real_add(self, g, lines, *data))
    gone = IDS[0]
    remove([gone], str(out))
    read_files, written = list(reads), [g.rsplit("/", 1)[-1] for g in serialised]
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "rest", IDS[1:]), fresh)
    assert_same_build(out, fresh)
    assert written == ["summary", "catalog"]
    index = {e["file"]: e["id"] for e in json.loads((full / "articles" / "index.json").read_text())["articles"]}
    read = {index[f] for f in read_files}
    together = {a for rec in facts(full) if rec["kind"] != "entity" and gone in rec["articles"] for a in rec["articles"]}
    assert gone in read and read <= together
    assert len(together) < len(IDS)  # so the test can tell: some article shares no event with the removed one


def test_remove_cli(tmp_path, full):
    out = tmp_path / "out"
    shutil.copytree(full, out)
    proc = run_kg("remove", "no-such-article", "--out", out)
    assert proc.returncode == 2 and proc.stderr.startswith("kg: error:") and len(proc.stderr.splitlines()) == 1
    assert (out / "facts.jsonl").read_bytes() == (full / "facts.jsonl").read_bytes()
    proc = run_kg("remove", IDS[0], IDS[4], "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "2 removed" in proc.stdout
    assert sorted(open_store(out).articles()) == IDS[1:4]
    proc = run_kg("remove", "x", "--out", tmp_path / "nothing")
    assert proc.returncode == 2


def test_failure_leaves_previous_build_intact(tmp_path, full, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(full, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kg.derive.write_ties_html", boom)  # late: after the store and every other file
    with pytest.raises(RuntimeError):
        remove([IDS[0]], str(out))
    with pytest.raises(RuntimeError):
        gbuild(corpus(tmp_path, "changed", IDS, edit={IDS[2]: "نص جديد عن روسيا والصين."}), out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
    monkeypatch.undo()
    r = gbuild(corpus(tmp_path, "same", IDS), out)  # and the next build finds it as it was
    assert r.unchanged == 5


def test_new_extraction_code_reextracts_everything(tmp_path, full, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(full, out)
    monkeypatch.setattr("kg.build.fingerprint", lambda ner: "a different pipeline")
    r = gbuild(corpus(tmp_path, "one", IDS[:1]), out)  # the four others are re-extracted from their stored text
    assert (r.changed, r.articles) == (1, 5)
    assert_same_build(out, full)


def test_fresh_and_memory_store(tmp_path, full):
    out = tmp_path / "out"
    shutil.copytree(full, out)
    r = gbuild(corpus(tmp_path, "two", IDS[:2]), out, fresh=True, store="memory")
    assert r.articles == 2 and r.store == "memory"
    assert not (out / "store").exists()  # the old store would be stale: gone
    assert sorted(open_store(out).articles()) == IDS[:2]  # queries read dataset.nq
    with pytest.raises(KgError):
        remove(["x"], str(tmp_path / "nowhere"))


def test_a_type_that_changes_with_a_removal_reaches_the_store(tmp_path, seeds_build, monkeypatch):
    """Removing the article whose type for a minted entity won gives that entity another article's type: that
    article's graph is made again, and the store holds the new graph, as dataset.nq does (an index entry read
    after it was updated had hidden the change from the store)."""
    import kg.merged
    import pyoxigraph as ox
    from kg.ids import article_graph_iri
    from kg.store import OxigraphStore
    monkeypatch.setattr(kg.merged.MergedDelta, "SHARE", 1.0)  # five articles: any change is a large share
    out = tmp_path / "out"
    shutil.copytree(seeds_build[0], out)
    index_file = out / "articles" / "index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    entries = index["articles"]
    b = next(i for i, e in enumerate(entries) if i > 0 and e["types"])
    iri, own = next(iter(entries[b]["types"].items()))
    other = "Organization" if own != "Organization" else "Person"
    entries[0]["types"][iri] = own  # the first article gave the type the digest of B was made with...
    entries[b]["types"][iri] = other  # ...and B its own, another, which wins once the first is gone
    index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    remove([entries[0]["id"]], str(out))
    graph = ox.NamedNode(article_graph_iri(entries[b]["id"]))
    written = {str(q.triple) for q in ox.parse(path=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
               if q.graph_name == graph}
    store = OxigraphStore(out / "store", read_only=True)
    stored = {str(q.triple) for q in store.ox.quads_for_pattern(None, None, None, graph)}
    store.close()
    assert any(f"<{iri}>" in t and other in t for t in written)  # the graph was made again with the new type
    assert stored == written


def test_a_store_committed_with_its_index_is_not_asked_what_it_holds(tmp_path, monkeypatch):
    # kg/derive.py: the store keeps the hash of the index its build committed; a later build reads what the store
    # holds from the index then (asking the store reads every article: seconds at 45,000), and asks it only where
    # the hash disagrees (a store from elsewhere, an interrupted swap), where a drifted store is then repaired
    from kg.store import OxigraphStore
    out = tmp_path / "out"
    gbuild(corpus(tmp_path, "a", IDS[:3]), out)
    asked = []
    real = OxigraphStore.articles
    monkeypatch.setattr(OxigraphStore, "articles", lambda self: asked.append(1) or real(self))
    remove([IDS[0]], str(out))
    assert asked == []
    (out / "store" / "kg-index.sha256").write_text("0" * 64, encoding="utf-8")
    remove([IDS[1]], str(out))
    assert asked == [1]
    fresh = tmp_path / "fresh"
    gbuild(corpus(tmp_path, "b", IDS[2:3]), fresh)
    assert_same_build(out, fresh)
