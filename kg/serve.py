"""`kg serve OUT`: a build over HTTP: a query page, the query library with parameters, and a SPARQL endpoint.

A small front server (stdlib `http.server`) answers on --host/--port:

    /                 a page (offline, no external resources): a SPARQL editor with the project's prefixes
                      and a form for each query of the library
    /queries          the library as JSON: name, title, description, params (name, required, kind, help)
    /queries/NAME     run a library query: /queries/ties?a=Q159&b=Q423&by=year -> JSON {query, params,
                      columns, rows}; CSV with format=csv or `Accept: text/csv`. Parameters are checked
                      as by `kg query` (a bad one is a 400 with the reason), an empty one counts as not given
    /query            the SPARQL 1.1 protocol (GET ?query=, POST form or application/sparql-query)
    /update           SPARQL updates, only with --allow-updates (403 otherwise)

Behind it the `oxigraph` server (PyPI) runs read-only (`serve-read-only`) on the build's store, on a
loopback port of its own that is never exposed. The default graph is the merge of the named graphs (each
triple once), as for `kg query`, so the library's text works unchanged at /query too:
    curl -H 'Accept: text/csv' --data-urlencode query@kg/queries/ties.rq http://127.0.0.1:7878/query

Safe by default: bound to 127.0.0.1 (another machine can reach it only with --allow-remote) and read-only.

It stays fresh: a `kg build` or `kg remove` into OUT swaps in a new store, which a running Oxigraph server
would never see (it keeps the old files open). `kg serve` watches the build's commit record
(OUT/articles/index.json) and, when it changes, starts a server on the new store, sends the requests there
and stops the old one, saying so on stderr; a request cut by the switch is retried on the new server.
With --allow-updates the server writes the store itself: there is no rebuild to follow.
"""
from __future__ import annotations

import csv
import http.client
import io
import ipaddress
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import KgError
from .store import SparqlStore

RETRY_S = 10  # how long a request waits for the Oxigraph server while it (re)starts
QUERY_TIMEOUT_S = 300
MAX_BODY = 64 << 20  # a request body (query or update) larger than this is refused
# the page's policy: its own inline script and style, requests to this server only, nothing from elsewhere
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'")
EXTRA_PREFIXES = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                  "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                  "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#"}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def oxigraph_exe() -> str:
    exe = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not exe:
        raise KgError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return exe


def check_options(out: str, port: int, host: str, allow_remote: bool) -> Path:
    """The build's store directory; raises KgError (exit 2) for unsafe or bad options."""
    if not is_loopback(host) and not allow_remote:
        raise KgError(f"--host {host} would expose the endpoint to other machines; add --allow-remote if you mean it")
    if not 0 < port < 65536:
        raise KgError(f"--port {port}: not a TCP port")
    store = Path(out) / "store"
    if not store.is_dir():
        raise KgError(f"{out}: no Oxigraph store (store/); build it with `kg build SRC --out {out}` "
                      "(the default --store oxigraph)")
    return store


def child_command(store: Path, port: int, allow_updates: bool = False) -> list[str]:
    """The Oxigraph server behind the front: on loopback only, whatever --host says."""
    mode = "serve" if allow_updates else "serve-read-only"
    return [oxigraph_exe(), mode, "--location", str(store), "--bind", f"127.0.0.1:{port}"]


def build_stamp(out: str) -> tuple[int, int] | None:
    """What changes when a build or remove commits into OUT: its index, swapped in last."""
    try:
        st = (Path(out) / "articles" / "index.json").stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ino


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChildError(Exception):
    """The Oxigraph server failed a request of ours (not the caller's fault: a 502)."""


class ChildDown(ChildError):
    """The Oxigraph server did not answer within RETRY_S (a 503)."""


class Child:
    """The Oxigraph server process; `restart` swaps in a new one on the current store."""

    def __init__(self, store: Path, allow_updates: bool):
        self.store, self.allow_updates = store, allow_updates
        self.proc, self.port = self._start()

    def _start(self) -> tuple[subprocess.Popen, int]:
        port = free_port()
        proc = subprocess.Popen(child_command(self.store, port, self.allow_updates), stdin=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, errors="replace")
        relaying = threading.Thread(target=relay, args=(proc.stderr,), daemon=True)
        relaying.start()
        deadline = time.monotonic() + 120  # opening a large store takes a while
        while True:
            if proc.poll() is not None:
                relaying.join(2)  # its message first, then ours
                raise KgError(f"the Oxigraph server stopped (exit {proc.returncode}); its message is above")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port
            except OSError:
                if time.monotonic() > deadline:
                    stop_process(proc)
                    raise KgError("the Oxigraph server did not start within 120 s") from None
                time.sleep(0.1)

    def restart(self) -> None:
        # the new server opens the new store beside the old one (read-only opens may share), so requests
        # are never refused: they go to the new port once it listens
        proc, port = self._start()
        old, (self.proc, self.port) = self.proc, (proc, port)
        stop_process(old)

    def request(self, method: str, target: str, body: bytes | None, headers: dict[str, str]):
        """(status, content type, body) of the server's answer, retrying while it (re)starts."""
        deadline = time.monotonic() + RETRY_S
        while True:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=QUERY_TIMEOUT_S)
            try:
                conn.request(method, target, body, headers)
                resp = conn.getresponse()
                return resp.status, resp.getheader("Content-Type"), resp.read()
            except (ConnectionRefusedError, ConnectionResetError, BrokenPipeError) as e:  # stopped by a restart
                if target.startswith("/update") and not isinstance(e, ConnectionRefusedError):
                    # a query is safe to send again, an update cut short may have been applied already
                    raise ChildError("the SPARQL server closed the connection during the update; "
                                     "it may or may not have been applied") from None
                if time.monotonic() > deadline:
                    raise ChildDown("the SPARQL server is not answering; try again in a moment") from None
                time.sleep(0.2)
            except (OSError, http.client.HTTPException) as e:  # a timeout, a garbled answer
                raise ChildError(f"the SPARQL server failed: {e or type(e).__name__}") from None
            finally:
                conn.close()

    def stop(self) -> None:
        stop_process(self.proc)


def relay(stream) -> None:
    """The server's messages, on our stderr, but for the one naming its port: that is ours, not the user's."""
    for line in stream:
        if not line.startswith("Listening for requests at"):
            sys.stderr.write(line)
            sys.stderr.flush()


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class ChildStore(SparqlStore):
    """kg's own SPARQL client aimed at the child, so that /queries/NAME takes `kg.api.run`'s path (parameter
    checks, entities by name, values bound as RDF terms) and always reads the store being served."""

    def __init__(self, child: Child):
        super().__init__("http://127.0.0.1/query", timeout=QUERY_TIMEOUT_S)
        self.child = child

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[str, bytes]:
        status, ctype, data = self.child.request("POST", "/query", urllib.parse.urlencode(form).encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        if status != 200:
            detail = data[:300].decode("utf-8", "replace").strip().replace("\n", " ")
            raise ChildError(f"the SPARQL server answered HTTP {status}: {detail}")
        return ctype or "", data


def library_json() -> list[dict]:
    from .queries import library
    return [{"name": q.name, "title": q.title, "description": q.description,
             "params": [{"name": p.name, "required": p.required, "kind": p.kind, "help": p.help} for p in q.params]}
            for q in library().values()]


def prefixes() -> str:
    from .vocab import PREFIXES
    names = {**PREFIXES, **EXTRA_PREFIXES}
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in names.items())


def render_page(out: str, allow_updates: bool) -> bytes:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    sample = "SELECT ?type (COUNT(*) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)\n"
    return env.get_template("serve.html").render(
        csp=CSP, build=str(out), query=prefixes() + "\n" + sample, queries=library_json(),
        allow_updates=allow_updates).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    server: Front

    def log_message(self, format, *args):  # quiet: one line per request would bury the restarts' messages
        pass

    def do_GET(self):
        self.route("GET")

    def do_HEAD(self):
        self.route("HEAD")

    def do_POST(self):
        self.route("POST")

    def refuse(self):
        self.send_json(405, {"error": f"{self.command} is not accepted: only GET and HEAD (and POST on /query)"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = refuse

    def route(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            if url.path in ("/query", "/update"):
                return self.proxy(method, url)
            if method == "POST":
                return self.refuse()
            if url.path == "/":
                return self.send(200, "text/html; charset=utf-8", self.server.page, {"Content-Security-Policy": CSP})
            if url.path == "/queries":
                return self.send_json(200, library_json())
            if url.path.startswith("/queries/"):
                return self.library_query(urllib.parse.unquote(url.path[len("/queries/"):]), url.query)
            self.send_json(404, {"error": f"nothing at {url.path}: see / (the page), /queries, /query"})
        except ChildDown as e:
            self.send_json(503, {"error": str(e)})
        except ChildError as e:
            self.send_json(502, {"error": str(e)})

    def proxy(self, method: str, url: urllib.parse.SplitResult) -> None:
        if url.path == "/update" and not self.server.allow_updates:
            return self.send_json(403, {"error": "this endpoint is read-only: SPARQL updates are refused "
                                                 "(start `kg serve` with --allow-updates to accept them)"})
        if url.path == "/update" and method != "POST":
            return self.send_json(405, {"error": "SPARQL updates are sent with POST"})
        try:
            size = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self.send_json(400, {"error": "bad Content-Length"})
        if size > MAX_BODY:
            return self.send_json(413, {"error": f"the request body is over {MAX_BODY >> 20} MiB"})
        body = self.rfile.read(size) if size else None
        headers = {k: v for k in ("Accept", "Content-Type") if (v := self.headers.get(k))}
        target = url.path + (f"?{url.query}" if url.query else "")
        self.send(*self.server.child.request(method, target, body, headers))

    def library_query(self, name: str, qs: str) -> None:
        from .api import run
        from .queries import library

        if name not in library():
            return self.send_json(404, {"error": f"no query named {name!r} in the library (see /queries)"})
        params, fmt = {}, None
        for k, v in urllib.parse.parse_qsl(qs, keep_blank_values=True):
            if k == "format":
                fmt = v
            elif k in params:
                return self.send_json(400, {"error": f"parameter {k!r} given twice"})
            elif v:  # an empty form field: not given
                params[k] = v
        fmt = fmt or ("csv" if "text/csv" in self.headers.get("Accept", "") else "json")
        if fmt not in ("json", "csv"):
            return self.send_json(400, {"error": f"format={fmt!r}: expected json or csv"})
        try:
            cols, rows = run(self.server.store, name, params)
        except KgError as e:  # its messages speak of `kg query --param`; here a parameter is a URL's
            return self.send_json(400, {"error": str(e).replace("--param ", "")})
        if fmt == "json":
            return self.send_json(200, {"query": name, "params": params, "columns": cols, "rows": rows})
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows([["" if v is None else v for v in r] for r in rows])
        self.send(200, "text/csv; charset=utf-8", buf.getvalue().encode("utf-8"))

    def send_json(self, status: int, obj) -> None:
        self.send(status, "application/json; charset=utf-8", json.dumps(obj, ensure_ascii=False).encode("utf-8"))

    def send(self, status: int, ctype: str | None, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Front(ThreadingHTTPServer):
    daemon_threads = True
    child: Child
    store: ChildStore
    page: bytes
    allow_updates: bool


class Front6(Front):
    address_family = socket.AF_INET6


def serve(out: str, port: int = 7878, host: str = "127.0.0.1", allow_remote: bool = False,
          allow_updates: bool = False, poll: float = 1.0) -> int:
    store = check_options(out, port, host, allow_remote)
    bare = host.strip("[]")
    try:  # listen first: requests that come while Oxigraph opens the store wait in the backlog
        front = (Front6 if ":" in bare else Front)((bare, port), Handler)
    except OSError as e:
        raise KgError(f"cannot listen on {host} port {port}: {e.strerror or e}") from None
    front.allow_updates = allow_updates
    front.page = render_page(out, allow_updates)
    stop = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.append(True))
    stamp = build_stamp(out)
    try:
        front.child = Child(store, allow_updates)
    except BaseException:
        front.server_close()
        raise
    front.store = ChildStore(front.child)
    shown = f"[{bare}]" if ":" in bare else bare
    print(f"kg serve: http://{shown}:{port}/ (query page), /queries (the library), /query (SPARQL) "
          f"{'and /update (read-write)' if allow_updates else '(read-only)'}; Ctrl-C stops it",
          file=sys.stderr, flush=True)
    thread = threading.Thread(target=front.serve_forever, daemon=True)
    thread.start()
    try:
        while not stop:
            time.sleep(poll)
            if stop:
                break
            if front.child.proc.poll() is not None:
                return front.child.proc.returncode  # it stopped by itself: its message is on stderr
            now = None if allow_updates else build_stamp(out)  # updates: it writes the store, nothing to follow
            if now != stamp and now is not None:
                stamp = now
                try:
                    front.child.restart()
                    print("kg serve: the build in OUT changed; serving the new store", file=sys.stderr, flush=True)
                except KgError as e:
                    print(f"kg serve: the build in OUT changed but its store cannot be served ({e}); "
                          "still serving the old one", file=sys.stderr, flush=True)
    finally:
        front.shutdown()
        front.server_close()
        front.child.stop()
    return 0
