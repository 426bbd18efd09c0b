"""The Python entry points for using a build: `kg.query(out, "ties", a="Q159")` -> pandas DataFrame.

A query is a library name (`kg query --list`), a path to a .rq file, or SPARQL text. Library queries
check their parameters against their header (an unknown or missing one is an error, not a silently
wider answer) and accept an entity by name as well as by Wikidata id or IRI.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import KgError
from .queries import check_params, get, library, resolve_entities, with_limit
from .store import Store, open_store, run_query

NUMERIC_COLUMNS = re.compile(r"^(n|n_\w+|count|weight|confidence)$")  # count columns become numbers in pandas
# list columns of the library's answers and their separator: the sides of a tie with " – ", other lists with
# ", "; each sorted, so that a pair reads the same in every row and every query (SPARQL's GROUP_CONCAT
# keeps no order)
LIST_COLUMNS = {"states": " – ", "parties": " – ", "leaders": " – ", "participants": ", ", "others": ", ",
                "with": ", ", "articles": ", ", "sources": ", ", "status": ", ", "roles": ", "}


def tidy_lists(cols: list[str], rows: list[list]) -> list[list]:
    idx = [(i, LIST_COLUMNS[c]) for i, c in enumerate(cols) if c in LIST_COLUMNS]
    if not idx:
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i, sep in idx:
            if r[i]:
                r[i] = sep.join(sorted(set(x for x in re.split(" – |, ", r[i]) if x)))
        out.append(r)
    return out


def store_of(source) -> Store:
    """A build directory, SPARQL endpoint URL or an already open store."""
    if isinstance(source, (str, os.PathLike)):
        return open_store(source)
    return source


def read_query(text: str) -> str:
    """SPARQL from a library name, a .rq file or the text itself."""
    if text in library():
        return get(text).sparql
    p = Path(text)
    if text.endswith(".rq") and p.is_file():
        return p.read_text(encoding="utf-8")
    if text.endswith(".rq") and "{" not in text:
        raise KgError(f"{text}: no such query file")
    if "{" not in text:
        raise KgError(f"{text!r} is neither a .rq file, a query name (see `kg query --list`) nor SPARQL")
    return text


def run(source, query: str, params: dict[str, str] | None = None) -> tuple[list[str], list[list]]:
    """Run a query on a build; (columns, rows of strings or None)."""
    store = store_of(source)
    params = {k: str(v) for k, v in (params or {}).items() if v is not None}  # None: not given
    if query in library():
        q = get(query)
        check_params(q, params)
        params = resolve_entities(store, q, params)
        sparql, params = with_limit(q, params)
        cols, rows = run_query(store, sparql, params)
        return cols, tidy_lists(cols, rows)
    return run_query(store, read_query(query), params)


def query(source, query: str, **params):
    """Run a library query (or a .rq file, or SPARQL text) on a build and return a pandas DataFrame.

    `source` is a build directory, a SPARQL endpoint URL or an open store; `params` bind the query's
    variables as RDF terms (Q159 or an IRI becomes an IRI, anything else a literal). Count columns
    (n, n_*) are integers; everything else stays text, dates included (their precision varies).
    """
    import pandas as pd

    cols, rows = run(source, query, params)
    df = pd.DataFrame(rows, columns=cols, dtype=object)
    for c in cols:
        if NUMERIC_COLUMNS.match(c):
            df[c] = pd.to_numeric(df[c])
    return df
