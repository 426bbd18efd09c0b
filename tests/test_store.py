"""The store interface over its three backends: Oxigraph on disk, rdflib in memory, a SPARQL endpoint (an
Oxigraph server started on a free loopback port)."""
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from kg.errors import KgError
from kg.ids import article_graph_iri
from kg.store import MemoryStore, OxigraphStore, SparqlStore, make_store, open_store, run_queries, run_query

KG = "https://w3id.org/kg-arabic/ontology#"


def _article(aid: str, text_hash: str, extra: str = "") -> bytes:
    g = f"<{article_graph_iri(aid)}>"
    a = f"<https://w3id.org/kg-arabic/article/{aid}>"
    lines = [f'{a} <{KG}articleId> "{aid}" {g} .', f'{a} <{KG}contentHash> "{text_hash}" {g} .',
             f'<https://w3id.org/kg-arabic/entity/Q159> <{KG}mentionedIn> {a} {g} .']
    if extra:
        lines.append(f'{a} <http://www.w3.org/2000/01/rdf-schema#label> "{extra}"@ar {g} .')
    return ("\n".join(lines) + "\n").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc=None, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A read-write Oxigraph server on loopback, with a default graph of its own (kg puts the merge there)."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxsrv")), "--bind",
                             f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(params=["oxigraph", "memory", "sparql"])
def store(request, tmp_path):
    if request.param == "oxigraph":
        s = OxigraphStore(tmp_path / "store")
    elif request.param == "memory":
        s = MemoryStore()
    else:
        base = request.getfixturevalue("oxigraph_server")
        s = SparqlStore(base + "/query")
        s.remove_graphs(article_graph_iri(a) for a in s.articles())  # the server is shared by the tests
    yield s
    s.close()


def _count(store, aid=None) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{KG}mentionedIn> ?a }}"
    return int(run_query(store, q)[1][0][0])


def _put(store, tmp_path, graphs: dict[str, bytes]) -> None:
    """What a build does: the changed named graphs, then the merge of all of them as the default graph."""
    import pyoxigraph as ox
    store.put_graphs(graphs)
    current = {**getattr(store, "_test_graphs", {}), **graphs}
    store._test_graphs = current
    nt = tmp_path / "merged.nt"
    ox.serialize((q.triple for data in current.values() for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)),
                 str(nt), ox.RdfFormat.N_TRIPLES)
    store.put_merged(nt)


def _drop(store, tmp_path, aid: str) -> None:
    store.remove_article(aid)
    store._test_graphs.pop(article_graph_iri(aid))
    _put(store, tmp_path, {})


def test_add_replace_remove_list(store, tmp_path):
    _put(store, tmp_path, {article_graph_iri("a1"): _article("a1", "h1"), article_graph_iri("a2"): _article("a2", "h2")})
    assert store.articles() == {"a1": "h1", "a2": "h2"}
    assert _count(store) == 2  # the default graph is the merge of the named graphs
    _put(store, tmp_path, {article_graph_iri("a1"): _article("a1", "h1b", extra="جديد")})  # replaces, not adds
    assert store.articles() == {"a1": "h1b", "a2": "h2"}
    cols, rows = run_query(store, "SELECT ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert cols == ["l"] and rows == [["جديد"]]
    _drop(store, tmp_path, "a2")
    assert store.articles() == {"a1": "h1b"}
    assert _count(store) == 1
    store.remove_graphs([article_graph_iri("nope")])  # removing what is not there is fine


def test_several_queries_at_once_answer_as_one_by_one(store, tmp_path):
    """run_queries (side by side on Oxigraph, one at a time elsewhere) gives each query's rows in order."""
    _put(store, tmp_path, {article_graph_iri(f"a{i}"): _article(f"a{i}", f"h{i}") for i in range(5)})
    queries = [f"SELECT ?id WHERE {{ GRAPH ?g {{ ?a <https://w3id.org/kg-arabic/ontology#articleId> ?id "
               f"FILTER(?id != \"a{i}\") }} }} ORDER BY ?id" for i in range(4)]
    assert run_queries(store, queries) == [run_query(store, q)[1] for q in queries]
    assert [len(rows) for rows in run_queries(store, queries)] == [4, 4, 4, 4]


def test_a_triple_in_many_graphs_is_one_triple(store, tmp_path):
    """The same fact reported by 30 articles: a join of three of its patterns is one row, not 30^3."""
    ev = "<https://w3id.org/kg-arabic/event/e1>"
    graphs = {}
    for k in range(30):
        g = f"<{article_graph_iri(f'a{k}')}>"
        graphs[article_graph_iri(f"a{k}")] = (
            f'{ev} <{KG}date> "2024-01-01" {g} .\n{ev} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Meeting> {g} .\n'
            f'{ev} <http://www.w3.org/2000/01/rdf-schema#label> "لقاء"@ar {g} .\n').encode()
    _put(store, tmp_path, graphs)
    q = f"SELECT * WHERE {{ ?e <{KG}date> ?d ; a ?c ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    assert len(run_query(store, q)[1]) == 1
    assert len(run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[1]) == 30
    store.remove_graphs(graphs)  # the endpoint is shared with the other tests


def test_sparql_errors_are_kg_errors(store):
    with pytest.raises(KgError):
        run_query(store, "SELECT WHERE {")


def test_make_store_and_urls(tmp_path):
    assert isinstance(make_store("memory"), MemoryStore)
    assert isinstance(make_store("oxigraph", tmp_path / "s"), OxigraphStore)
    s = make_store("http://localhost:7878")
    assert (s.query_url, s.update_url) == ("http://localhost:7878/query", "http://localhost:7878/update")
    s = SparqlStore("http://h:3030/ds/sparql")
    assert s.update_url == "http://h:3030/ds/update"
    s = SparqlStore("http://h:3030/ds")  # Fuseki's dataset URL takes queries and updates
    assert s.update_url == "http://h:3030/ds"
    for bad in ("postgres://x", "file:///tmp", "nonsense"):
        with pytest.raises(KgError):
            make_store(bad)


def test_unreachable_endpoint_is_one_clear_error():
    port = free_port()  # nothing listens there
    with pytest.raises(KgError, match="cannot reach"):
        SparqlStore(f"http://127.0.0.1:{port}/query", timeout=5).articles()


def test_open_store_of_a_build(tmp_path):
    from kg.build import build
    from tests.conftest import SEEDS

    out = tmp_path / "out"
    build(str(SEEDS), str(out), ner="gazetteer", progress=False)
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{KG}Article> }}"
    s = open_store(out)
    assert isinstance(s, OxigraphStore) and run_query(s, q)[1] == [["5"]]
    assert len(s.articles()) == 5
    s.close()
    shutil.rmtree(out / "store")  # without store/, dataset.nq is loaded into memory
    assert run_query(open_store(out), q)[1] == [["5"]]
    with pytest.raises(KgError):
        open_store(tmp_path / "missing")


def test_build_into_a_sparql_endpoint(oxigraph_server, tmp_path):
    """`kg build --store URL` puts every article's graph in the endpoint; `kg remove` takes one out."""
    from kg.build import build, remove
    from tests.conftest import SEEDS

    remote = SparqlStore(oxigraph_server)
    remote.remove_graphs(article_graph_iri(a) for a in remote.articles())
    out = tmp_path / "out"
    r = build(str(SEEDS), str(out), ner="gazetteer", progress=False, store=oxigraph_server)
    assert not (out / "store").exists() and (out / "dataset.nq").is_file()
    assert len(remote.articles()) == 5 == r.articles
    local = open_store(out)  # the endpoint holds exactly the dataset written locally
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert run_query(remote, q)[1] == run_query(local, q)[1]
    remove(["001_69ba63237cfbfb00"], str(out))  # the build remembers its store
    assert "001_69ba63237cfbfb00" not in remote.articles() and len(remote.articles()) == 4
