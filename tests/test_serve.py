"""`kg serve`: an Oxigraph SPARQL endpoint over a build, read-only and on loopback unless told otherwise."""
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from importlib import resources

import pytest

from kg.errors import KgError
from kg.serve import is_loopback, server_command

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
        self.proc.terminate()
        assert self.proc.wait(10) is not None  # it stops: `kg serve` became the server, nothing is left behind


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


def test_server_command(built, tmp_path):
    cmd = server_command(str(built), 8000)
    assert cmd[1] == "serve-read-only" and cmd[cmd.index("--bind") + 1] == "127.0.0.1:8000"
    assert "--union-default-graph" not in cmd and cmd[cmd.index("--location") + 1] == str(built / "store")
    cmd = server_command(str(built), 8000, host="0.0.0.0", allow_remote=True, allow_updates=True)
    assert cmd[1] == "serve" and cmd[cmd.index("--bind") + 1] == "0.0.0.0:8000"
    assert server_command(str(built), 8000, host="::1")[cmd.index("--bind") + 1] == "[::1]:8000"
    assert is_loopback("localhost") and is_loopback("127.0.0.2") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1")
    with pytest.raises(KgError, match="no Oxigraph store"):
        server_command(str(tmp_path), 8000)
    with pytest.raises(KgError, match="port"):
        server_command(str(built), 70000)


def test_a_rebuild_is_served_without_a_restart(built, tmp_path):
    """After `kg remove` (or a build) commits into OUT, the running endpoint answers from the new store."""
    import time
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    with Server(out) as srv:
        _, body = sparql(srv.base + "/query", COUNT)
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"
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
