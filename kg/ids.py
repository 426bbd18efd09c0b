"""IRI minting. Content-derived, so re-ingesting an article or reading the same event twice gives the same node."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from .vocab import KGA, KGAG, KGEV, KGG, KGM


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def article_key(article_id: str) -> str:
    """A percent-encoded, always-valid IRI segment for an article id (which may look like a path)."""
    return quote(article_id, safe="") or "_"


def article_iri(article_id: str) -> str:
    return str(KGA[article_key(article_id)])


def article_graph_iri(article_id: str) -> str:
    return str(KGG["article/" + article_key(article_id)])


CATALOG_GRAPH = str(KGG["catalog"])
SUMMARY_GRAPH = str(KGG["summary"])  # counts and report dates per item (kg/summary.py)


def mention_iri(article_id: str, start: int, end: int, kind: str = "") -> str:
    return str(KGM[_h(article_id, start, end, kind)])


def is_saying(etype: str) -> bool:
    from .extract.lexicon import frames
    f = frames().get(etype)
    return f is not None and "speech" in f.flags


def event_iri(etype: str, states: list[str], actors: list[str], date: str | None, article: str | None = None,
              participants: list[str] = (), planned: bool = False) -> str:
    """One node per real event: its type, states, date and the named actors that identify it (kg.graph.event_nodes),
    so that reports in several articles are one event only where they agree on who acted. An event known by
    its states and day alone is its article's own (`article`); a saying of one then keeps its `participants`
    apart, so that two speakers of one state in one article are two statements. A planned event is not the one
    reported done: it has a node of its own."""
    who = [*sorted(states), "by", *sorted(actors)]
    if not actors:
        who = [*sorted(states), "in", article or ""]
        if is_saying(etype):
            who += ["said-by", *sorted(participants)]
    if planned:
        who.append("planned")
    return str(KGEV[f"{etype.lower()}-{_h(etype, *who, date or '')}"])


def agreement_iri(atype: str, parties: list[str], signed: str | None) -> str:
    year = (signed or "")[:4]
    return str(KGAG[f"{atype.lower()}-{_h(atype, *sorted(parties), year)}"])
