"""The `kg` command. It only wires stages together; every user-facing failure is one line on stderr."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from .errors import KgError


def _cmd_build(args) -> int:
    from .build import build

    if args.workers is not None and args.workers < 1:
        raise KgError("--workers must be at least 1")
    result = build(args.src, args.out, ner=args.ner, strict=args.strict, progress=not args.quiet,
                   max_bytes=args.max_bytes, store=args.store, workers=args.workers, scheduler=args.scheduler,
                   fresh=args.fresh)
    print(result.summary())
    return 1 if result.skipped else 0


def _cmd_remove(args) -> int:
    from .build import remove

    print(remove(args.ids, args.out, store=args.store).summary())
    return 0


def _cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.out, port=args.port, host=args.host, allow_remote=args.allow_remote,
                 allow_updates=args.allow_updates)


def format_table(cols: list[str], rows: list[list], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows([["" if v is None else v for v in r] for r in rows])
        return buf.getvalue()
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in r] for r in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(cols)]
    line = lambda vals: " | ".join(v[:60].ljust(w) for v, w in zip(vals, widths))  # noqa: E731
    out = [line(cols), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _cmd_query(args) -> int:
    from .api import run
    from .queries import get, library, row_cap

    if args.list:
        if args.query:  # `kg query --list NAME`: the query's whole header
            print(get(args.query).header)
            return 0
        for q in library().values():
            params = " ".join(f"{p.name}=" if p.required else f"[{p.name}=]" for p in q.params)
            print(f"{q.name:14} {q.title}: {q.description}" + (f"\n{'':14} --param {params}" if params else ""))
        return 0
    if not args.query:
        raise KgError("give a query: a .rq file, a query name or SPARQL text")
    params = {}
    for p in args.param or []:
        if "=" not in p:
            raise KgError(f"--param {p!r}: expected NAME=VALUE")
        k, v = p.split("=", 1)
        if not k.isidentifier():
            raise KgError(f"--param {p!r}: {k!r} is not a valid variable name")
        params[k] = v
    cols, rows = run(args.graph, args.query, params)
    sys.stdout.write(format_table(cols, rows, args.format))
    cap = row_cap(get(args.query), params) if args.query in library() else None
    if cap is not None and len(rows) >= cap:  # a listing cut at its cap: say so, or the rest looks absent
        why = "the limit given" if "limit" in params else "its default cap"
        print(f"kg: note: {args.query} stops at {cap} items ({why}); --param limit=0 gives all", file=sys.stderr)
    return 0


def _cmd_network(args) -> int:
    from . import network

    graph = (network.person_graph if args.kind == "people" else network.state_graph)(
        args.graph, by=None if args.period == "none" else args.period,
        statuses=None if args.all_statuses else network.DEFAULT_STATUSES)
    if args.format in ("graphml", "gexf"):
        if args.output:
            network.write(graph, args.output, args.format)
            print(f"kg network → {args.output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
        else:
            network.write(graph, sys.stdout.buffer, args.format)
        return 0
    df = network.centrality_by_period(graph) if graph.is_multigraph() else network.centrality(graph)
    text = format_table(list(df.columns), df.round(4).astype(object).where(df.notna(), None).values.tolist(), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_validate(args) -> int:
    from .validate import validate

    report = validate(args.graph, reasoner=not args.no_reasoner)
    print(report.text())
    return 0 if report.ok else 1


def _cmd_ner(args) -> int:
    if args.ner_cmd == "eval":
        from .ner.evaluate import evaluate_file

        if not Path(args.file).is_file():
            raise KgError(f"{args.file}: no such file")
        print(json.dumps(evaluate_file(args.file, recognizer_name=args.ner), indent=1))
        return 0
    raise KgError("usage: kg ner train|eval")


def _cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(args.gold, args.facts)
    # one format on stdout: a table to read, or JSON for a script
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report))
    return 0


def _cmd_viz(args) -> int:
    from .store import open_store

    store = open_store(args.graph)
    if not args.output and not Path(args.graph).is_dir():
        raise KgError("give the file to write with -o FILE")
    if args.pair and args.view != "timeline":
        raise KgError("--pair applies to --view timeline only")
    if args.view == "timeline":
        from .pair_timeline import parse_pair, write_pair_timeline

        if args.states:
            raise KgError("--states applies to --view ties only; the timeline takes --pair A,B")
        a, b = parse_pair(args.pair, store)
        name = "-".join(x.rsplit("/", 1)[-1] for x in (a, b))
        out = Path(args.output) if args.output else Path(args.graph) / f"timeline-{name}.svg"
        res = write_pair_timeline(store, a, b, out)
        print(f"kg viz → {out}: {' – '.join(res['labels'])}, {res['events']} dated events over {res['months']} months"
              + (f" ({res['undated']} undated left out)" if res["undated"] else ""))
        return 0
    out = Path(args.output) if args.output else Path(args.graph) / f"{args.view}.html"
    if args.view == "ties":
        from .ties import DEFAULT_STATUSES, parse_states, ties_view
        from .ties_page import write_ties_html

        states = parse_states(args.states, store)
        nodes, edges = ties_view(store, states, statuses=None if args.all_statuses else DEFAULT_STATUSES)
        for s in sorted((states or set()) - {n["id"] for n in nodes}):
            print(f"kg: note: no event or agreement involves {s}", file=sys.stderr)
        res = write_ties_html(nodes, edges, out, title="kg — ties over time" + (f" ({args.states})" if states else ""))
    else:
        if args.states:
            raise KgError("--states applies to --view ties only")
        from .views import graph_view
        from .viz import write_graph_html

        res = write_graph_html(*graph_view(store), out, title="kg — graph")
    left = f" ({res['nodes_omitted']} nodes, {res['edges_omitted']} edges left out)" if res["nodes_omitted"] or res["edges_omitted"] else ""
    drawn = (f"{res['pairs']} pairs tied by {res['events']} events and agreements" if "pairs" in res
             else f"{res['edges']} edges")
    print(f"kg viz → {out}: {res['nodes']} nodes, {drawn}{left}")
    return 0


def _build_dir(cmd: argparse.ArgumentParser, dest: str, help: str = "build directory") -> None:
    """The build a command reads: positional or --out OUT, as `kg build` and `kg remove` name it (default: out)."""
    cmd.add_argument(dest, nargs="?", default=None, help=f"{help} (or --out; default: out)")
    cmd.add_argument("--out", dest=f"{dest}_opt", default=None, metavar="OUT", help="the same, as an option")
    cmd.set_defaults(_build_dest=dest)


def _resolve_build_dir(args) -> None:
    dest = getattr(args, "_build_dest", None)
    if dest is None:
        return
    given, opt = getattr(args, dest), getattr(args, f"{dest}_opt")
    if given and opt and given != opt:
        raise KgError(f"two build directories given: {given} and --out {opt}")
    setattr(args, dest, given or opt or "out")


def parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="kg", description="Arabic news in, a queryable geopolitical knowledge graph out.")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    b = sub.add_parser("build", help="build the graph from a directory of articles")
    b.add_argument("src", help="directory (or file) of .txt / .jsonl articles")
    b.add_argument("--out", default="out", help="output directory (default: out)")
    b.add_argument("--ner", default="stanza", choices=["stanza", "stanza-official", "gazetteer"],
                   help="entity recogniser (default: the bundled Stanza model)")
    b.add_argument("--strict", action="store_true", help="stop at the first bad input instead of skipping it")
    b.add_argument("--max-bytes", type=int, default=None, help="largest accepted article file in bytes (default 10 MB)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    b.add_argument("--store", default="oxigraph", metavar="oxigraph|memory|URL",
                   help="where the graph goes: Oxigraph on disk in OUT/store (default), memory (no store/), "
                        "or a SPARQL 1.1 endpoint URL (query endpoint; updates go to its /update)")
    b.add_argument("--workers", type=int, default=None, metavar="N", help="run extraction on a local Dask cluster of N processes")
    b.add_argument("--scheduler", default=None, metavar="ADDRESS", help="run extraction on an existing Dask cluster")
    b.add_argument("--fresh", action="store_true", help="start over from SRC alone instead of adding to the build in OUT")
    b.set_defaults(func=_cmd_build)

    r = sub.add_parser("remove", help="delete articles (and the facts only they support) from a build")
    r.add_argument("ids", nargs="+", metavar="ID", help="article id(s)")
    r.add_argument("--out", default="out", help="build directory (default: out)")
    r.add_argument("--store", default=None, metavar="oxigraph|memory|URL", help="store to update (default: the build's)")
    r.set_defaults(func=_cmd_remove)

    s = sub.add_parser("serve", help="serve a build over HTTP: a query page, the query library (/queries) "
                                     "and a SPARQL endpoint (/query)")
    _build_dir(s, "out")
    s.add_argument("--port", type=int, default=7878)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--allow-remote", action="store_true", help="allow a --host other machines can reach")
    s.add_argument("--allow-updates", action="store_true", help="accept SPARQL updates (default: read-only)")
    s.set_defaults(func=_cmd_serve)

    q = sub.add_parser("query", help="run a SPARQL query (file, library name or text) on a build")
    q.add_argument("query", nargs="?", help="FILE.rq, a query name from the library, or SPARQL text")
    q.add_argument("--out", "--graph", dest="graph", default="out", help="build directory or SPARQL endpoint URL (default: out)")
    q.add_argument("--param", action="append", metavar="NAME=VALUE", help="bind ?NAME to VALUE (an IRI, a Q-id or a literal)")
    q.add_argument("--format", default="table", choices=["table", "csv", "json"])
    q.add_argument("--list", action="store_true", help="list the query library (with a NAME: that query's documentation)")
    q.set_defaults(func=_cmd_query)

    w = sub.add_parser("network", help="state–state or person–person ties as a network: centrality, communities, GraphML/GEXF")
    _build_dir(w, "graph")
    w.add_argument("--kind", default="states", choices=["states", "people"],
                   help="states tied by shared events and agreements, or people by events they attend together")
    w.add_argument("--period", default="none", choices=["none", "year", "month", "day"],
                   help="one edge per pair and period (and centrality per period) instead of one per pair")
    w.add_argument("--format", default="table", choices=["table", "csv", "json", "graphml", "gexf"],
                   help="table/csv/json: centrality and communities; graphml/gexf: the network itself")
    w.add_argument("-o", "--output", help="file to write (default: stdout)")
    w.add_argument("--all-statuses", action="store_true", help="let denied and speculative events make ties too")
    w.set_defaults(func=_cmd_network)

    v = sub.add_parser("validate", help="SHACL shapes + OWL reasoner (HermiT) over a build")
    _build_dir(v, "graph", "build directory, or an RDF file (.ttl, .trig, .nq)")
    v.add_argument("--no-reasoner", action="store_true", help="SHACL only")
    v.set_defaults(func=_cmd_validate)

    e = sub.add_parser("eval", help="score facts.jsonl against gold annotations")
    _build_dir(e, "facts", "build directory or facts.jsonl")
    e.add_argument("--gold", required=True, help="directory of gold .json files")
    e.add_argument("--json", action="store_true", help="print the full report (per article, per type) as JSON")
    e.set_defaults(func=_cmd_eval)

    n = sub.add_parser("ner", help="train or evaluate the NER model")
    n.add_argument("ner_cmd", choices=["train", "eval"])
    n.add_argument("file", nargs="?", help="BIO file to score (eval)")
    n.add_argument("--ner", default="stanza", choices=["stanza", "stanza-official", "gazetteer"])
    n.set_defaults(func=_cmd_ner)

    z = sub.add_parser("viz", help="write an offline interactive HTML view of a build, or a pair's timeline chart")
    _build_dir(z, "graph")
    z.add_argument("--view", default="graph", choices=["graph", "ties", "timeline"],
                   help="graph: the whole graph; ties: states and leaders linked by dated events, with a time bar; "
                        "timeline: a static chart of one pair's events per month (--pair)")
    z.add_argument("-o", "--output", help="file to write (default: GRAPH/VIEW.html; the timeline: "
                                          "GRAPH/timeline-A-B.svg, or .png/.pdf by the suffix)")
    z.add_argument("--pair", metavar="Q159,Q423", help="timeline view: the two states (ids, IRIs or names)")
    z.add_argument("--states", metavar="Q159,Q423", help="ties view: only events/agreements involving one of these states (ids, IRIs or names)")
    z.add_argument("--all-statuses", action="store_true", help="ties view: let denied and speculative events make ties too")
    z.set_defaults(func=_cmd_viz)
    return p


def _stop_on_sigterm() -> None:
    """SIGTERM (a job scheduler, `kill`) stops like Ctrl-C: the staging directory is removed and the previous
    build is left as it was, instead of the process dying mid-write with its temporary files on disk."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt
    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (kg.cli.main called from a thread): leave signals alone
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _stop_on_sigterm()
    try:
        if argv[:2] == ["ner", "train"]:  # the trainer parses its own options
            from .ner import train

            train.main(argv[2:])  # returns what it wrote to training.json, not an exit status
            return 0
        args = parser().parse_args(argv)
        _resolve_build_dir(args)
        return args.func(args)
    except KgError as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
