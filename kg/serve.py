"""`kg serve OUT`: the build's Oxigraph store as a SPARQL 1.1 endpoint (the `oxigraph` server from PyPI).

Safe by default: read-only (`oxigraph serve-read-only`) and bound to 127.0.0.1. Another machine can reach it
only with --allow-remote, and SPARQL updates are accepted only with --allow-updates.

It stays fresh: a `kg build` or `kg remove` into OUT swaps in a new store, which a running server would never
see (it keeps the old files open). `kg serve` watches the build's commit record (OUT/articles/index.json) and,
when it changes, restarts the server on the new store, saying so on stderr (a second of refused connections). The default graph is
the merge of the named graphs (each triple once), as for `kg query`, so the library works unchanged over HTTP:
    curl -H 'Accept: text/csv' --data-urlencode query@kg/queries/ties.rq http://127.0.0.1:7878/query
"""
from __future__ import annotations

import ipaddress
import os
import shutil
import sys
from pathlib import Path

from .errors import KgError


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


def server_command(out: str, port: int = 7878, host: str = "127.0.0.1", allow_remote: bool = False,
                   allow_updates: bool = False) -> list[str]:
    """The oxigraph command line for these options; raises KgError (exit 2) for unsafe or bad ones."""
    if not is_loopback(host) and not allow_remote:
        raise KgError(f"--host {host} would expose the endpoint to other machines; add --allow-remote if you mean it")
    if not 0 < port < 65536:
        raise KgError(f"--port {port}: not a TCP port")
    store = Path(out) / "store"
    if not store.is_dir():
        raise KgError(f"{out}: no Oxigraph store (store/); build it with `kg build SRC --out {out}` "
                      "(the default --store oxigraph)")
    bind = f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}"
    mode = "serve" if allow_updates else "serve-read-only"
    return [oxigraph_exe(), mode, "--location", str(store), "--bind", bind]


def build_stamp(out: str) -> tuple[int, int] | None:
    """What changes when a build or remove commits into OUT: its index, swapped in last."""
    try:
        st = (Path(out) / "articles" / "index.json").stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ino


def serve(out: str, port: int = 7878, host: str = "127.0.0.1", allow_remote: bool = False,
          allow_updates: bool = False, poll: float = 1.0) -> int:
    import signal
    import subprocess
    import time

    cmd = server_command(out, port, host, allow_remote, allow_updates)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"kg serve: SPARQL endpoint http://{shown}:{port}/query "
          f"({'read-write: updates at /update' if allow_updates else 'read-only'}); Ctrl-C stops it",
          file=sys.stderr)
    sys.stderr.flush()
    if allow_updates:  # it writes the store itself: no rebuild to follow; the server replaces this process
        os.execv(cmd[0], cmd)
    stop = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.append(True))
    stamp = build_stamp(out)
    child = subprocess.Popen(cmd)
    try:
        while not stop:
            time.sleep(poll)
            if stop:
                break
            if child.poll() is not None:
                return child.returncode  # the server stopped by itself (a port taken...): its message is on stderr
            now = build_stamp(out)
            if now != stamp and now is not None:
                stamp = now
                child.terminate()
                child.wait()
                print("kg serve: the build in OUT changed; serving the new store", file=sys.stderr, flush=True)
                child = subprocess.Popen(server_command(out, port, host, allow_remote, allow_updates))
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0
