"""`kg serve`: a front server (page, library, SPARQL proxy) over an Oxigraph child, read-only and on loopback."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from importlib import resources

import pytest

import kg.api
from kg.errors import KgError
from kg.serve import check_options, child_command, is_loopback

from .conftest import SEEDS, run_kg
from .test_store import free_port, wait_http

pytestmark = pytest.mark.skipif(shutil.which("oxigraph") is None, reason="oxigraph server not installed")
COUNT = "PREFIX kg: <https://w3id.org/kg-arabic/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build

    out = tmp_path_factory.mktemp("serve") / "out"
    build(str(SEEDS), str(out), ner="gazetteer", progress=False)
    return out


def sparql(url: str, query: str | None = None, update: str | None = None):
    form = {"query": query} if query else {"update": update}
    req = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read()


def get(url: str, accept: str = "application/json"):
    """(status, content type, body) of a GET, errors included."""
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type"), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read()


class Server:
    def __init__(self, out, *args):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(out), "--port", str(self.port), *args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        wait_http(self.base + "/", self.proc)
        return self

    def __exit__(self, *exc):
        kids = f"/proc/{self.proc.pid}/task/{self.proc.pid}/children"
        self.children = open(kids).read().split() if os.path.exists(kids) else []
        self.proc.terminate()
        assert self.proc.wait(15) is not None  # it stops, and its Oxigraph child with it
        assert not [pid for pid in self.children if os.path.exists(f"/proc/{pid}")]


def test_read_only_endpoint_on_loopback(built):
    with Server(built) as srv:
        status, body = sparql(srv.base + "/query", COUNT)
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"
        ties = resources.files("kg.queries").joinpath("ties.rq").read_text(encoding="utf-8")  # the library's, over HTTP
        rows = json.loads(sparql(srv.base + "/query", ties)[1])["results"]["bindings"]
        assert rows
        with pytest.raises(urllib.error.HTTPError) as e:
            sparql(srv.base + "/update", update="CLEAR ALL")
        assert e.value.code in (403, 404, 405)
        assert json.loads(sparql(srv.base + "/query", COUNT)[1])["results"]["bindings"][0]["n"]["value"] == "5"
        # kg query reads it too
        proc = run_kg("query", COUNT, "--graph", srv.base, "--format", "json")
        assert proc.returncode == 0 and json.loads(proc.stdout) == [{"n": "5"}]
    assert "127.0.0.1" in srv.proc.stderr.read()


def test_page_and_library_over_http(built):
    from kg.queries import library

    with Server(built) as srv:
        status, ctype, body = get(srv.base + "/", "text/html")
        page = body.decode("utf-8")
        assert status == 200 and ctype.startswith("text/html") and '<html lang="en"' in page
        assert "PREFIX kg: &lt;https://w3id.org/kg-arabic/ontology#&gt;" in page
        assert "PREFIX kge: &lt;https://w3id.org/kg-arabic/entity/&gt;" in page and "PREFIX schema:" in page
        assert all(f"queries/{name}" in page for name in library())
        assert not re.search(r"<(script|link|img|iframe)[^>]*(src|href)=[\"']?(https?:)?//", page)  # offline
        assert "Content-Security-Policy" in page and "innerHTML" not in page

        status, ctype, body = get(srv.base + "/queries")
        listed = {q["name"]: q for q in json.loads(body)}
        assert status == 200 and ctype.startswith("application/json") and set(listed) == set(library())
        by = next(p for p in listed["ties"]["params"] if p["name"] == "by")
        assert by["kind"] == "year|month|day" and by["required"] is False and by["help"]
        assert listed["ties"]["title"] and listed["ties"]["description"]

        params = {"a": "Q159", "b": "Q423", "by": "year"}
        cols, rows = kg.api.run(built, "ties", params)
        status, _, body = get(srv.base + "/queries/ties?a=Q159&b=Q423&by=year")
        res = json.loads(body)
        assert status == 200 and res == {"query": "ties", "params": params, "columns": cols, "rows": rows}
        periods = {r[cols.index("period")] for r in rows}
        assert {"2023", "2024"} <= periods
        for url, accept in (("/queries/ties?a=Q159&b=Q423&by=year&format=csv", "*/*"),
                            ("/queries/ties?a=Q159&b=Q423&by=year", "text/csv")):
            status, ctype, body = get(srv.base + url, accept)
            assert status == 200 and ctype.startswith("text/csv")
            table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            assert table[0] == cols and table[1:] == [["" if v is None else v for v in r] for r in rows]

        for url, code, words in (("/queries/new_since?since=2025-13-01", 400, ["2025-13-01", "date"]),
                                 ("/queries/new_since", 400, ["since"]),
                                 ("/queries/ties?type=Banana", 400, ["Banana"]),
                                 ("/queries/ties?stat=Q159", 400, ["stat"]),
                                 ("/queries/ties?a=Q99999999", 400, ["Q99999999", "no entity"]),
                                 ("/queries/nope", 404, ["nope"]),
                                 ("/nope", 404, ["/nope"])):
            status, ctype, body = get(srv.base + url)
            err = json.loads(body)["error"]
            assert status == code and ctype.startswith("application/json") and all(w in err for w in words), (url, err)
        with pytest.raises(urllib.error.HTTPError) as e:
            sparql(srv.base + "/update", update="CLEAR ALL")
        assert e.value.code == 403 and "read-only" in json.loads(e.value.read())["error"]

        # the SPARQL protocol's three forms
        status, ctype, body = get(srv.base + "/query?" + urllib.parse.urlencode({"query": COUNT}),
                                  "application/sparql-results+json")
        assert status == 200 and "sparql-results+json" in ctype and b'"5"' in body
        req = urllib.request.Request(srv.base + "/query", data=COUNT.encode(), method="POST", headers={
            "Content-Type": "application/sparql-query", "Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers["Content-Type"].startswith("text/csv") and resp.read().split() == [b"n", b"5"]
        status, _, body = get(srv.base + "/query?query=SELEC", "application/sparql-results+json")
        assert status == 400  # the server's own answer, passed on
        req = urllib.request.Request(srv.base + "/queries", method="DELETE")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=30)
        assert e.value.code == 405


def test_updates_only_when_allowed(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    with Server(out, "--allow-updates") as srv:
        status, _ = sparql(srv.base + "/update", update="DROP GRAPH <https://w3id.org/kg-arabic/graph/article/000_3425f4e51bf89d5c>")
        assert status in (200, 204)
        # the articles' named graphs changed (the default graph, the build's merge, changes with `kg build`)
        in_graphs = COUNT.replace("WHERE {", "WHERE { GRAPH ?g {").replace("}", "} }", 1)
        assert json.loads(sparql(srv.base + "/query", in_graphs)[1])["results"]["bindings"][0]["n"]["value"] == "4"


def test_refuses_non_loopback_without_allow_remote(built):
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.com"):
        proc = run_kg("serve", built, "--host", host, "--port", str(free_port()))
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kg: error:") and "--allow-remote" in lines[0]


def test_options_and_child_command(built, tmp_path):
    store = check_options(str(built), 8000, "127.0.0.1", False)
    assert store == built / "store"
    check_options(str(built), 8000, "0.0.0.0", allow_remote=True)
    cmd = child_command(store, 8001)
    assert cmd[1] == "serve-read-only" and cmd[cmd.index("--bind") + 1] == "127.0.0.1:8001"
    assert "--union-default-graph" not in cmd and cmd[cmd.index("--location") + 1] == str(store)
    assert child_command(store, 8001, allow_updates=True)[1] == "serve"
    assert is_loopback("localhost") and is_loopback("127.0.0.2") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1")
    with pytest.raises(KgError, match="--allow-remote"):
        check_options(str(built), 8000, "0.0.0.0", False)
    with pytest.raises(KgError, match="no Oxigraph store"):
        check_options(str(tmp_path), 8000, "127.0.0.1", False)
    with pytest.raises(KgError, match="port"):
        check_options(str(built), 70000, "127.0.0.1", False)


def test_a_rebuild_is_served_without_a_restart(built, tmp_path):
    """After `kg remove` (or a build) commits into OUT, the running endpoint answers from the new store."""
    import time
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    with Server(out) as srv:
        _, body = sparql(srv.base + "/query", COUNT)
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"
        before = json.loads(get(srv.base + "/queries/new_since?since=1900")[2])["rows"]
        assert before == kg.api.run(out, "new_since", {"since": "1900"})[1]
        assert run_kg("remove", "000_3425f4e51bf89d5c", "--out", out).returncode == 0
        deadline, n = time.time() + 30, None
        while time.time() < deadline and n != "4":
            time.sleep(0.5)
            try:
                _, body = sparql(srv.base + "/query", COUNT)
                n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
            except (urllib.error.URLError, ConnectionError):
                pass  # the moment of the restart
        assert n == "4"
        # the library too: its answer is the new build's
        cols, rows = kg.api.run(out, "new_since", {"since": "1900"})
        assert rows != before
        _, _, body = get(srv.base + "/queries/new_since?since=1900")
        assert json.loads(body)["rows"] == rows
    assert "serving the new store" in srv.proc.stderr.read()
