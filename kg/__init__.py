"""kg: Arabic news in, a queryable geopolitical knowledge graph out."""

__version__ = "0.1.0"
__all__ = ["query"]


def query(source, query: str, **params):
    """Run a library query (`kg query --list`), a .rq file or SPARQL text on a build: a pandas DataFrame.

    >>> kg.query("out", "ties", a="Q159", b="Q423", by="year")
    """
    from .api import query as _query  # imported here: `kg` on the command line need not load pandas

    return _query(source, query, **params)
