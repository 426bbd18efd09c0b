"""Counts and first/last report dates of every entity, event and agreement: the summary graph.

The library's queries rank entities by mentions, find what is new since a date and what several sources
report. Counted in SPARQL at query time, each of these reads every mention of the graph (a second at 5,000
articles, twenty at 45,000); counted once per build from facts.jsonl's records they cost a lookup. The
numbers live in their own named graph (graph/summary) beside the articles' and the catalog's, so every
store and every export holds them; a build that changes a few articles changes only the lines of the items
those articles touch (kg/build.py updates the store's merged graph with the difference).

    <item> kg:mentionCount n     entities: mentions in all articles
           kg:articleCount n     articles that mention the entity or report the fact
           kg:sourceCount n      facts: distinct sources (kg:source), an article without one counting as its own
           kg:firstReported d    the earliest publication date among those articles (xsd:date)
           kg:lastReported d     the latest
"""
from __future__ import annotations

from .vocab import KG

_XSD = "http://www.w3.org/2001/XMLSchema#"


def article_meta(doc) -> dict:
    """What the summary needs of one article (kept in its digest): publication date and source."""
    pub = doc.article.published
    return {"published": pub.isoformat() if hasattr(pub, "isoformat") else None, "source": doc.article.source or None}


def _int(n: int) -> str:
    return f'"{n}"^^<{_XSD}integer>'


def _date(d: str) -> str:
    return f'"{d}"^^<{_XSD}date>'


def summary_lines(facts: list[dict], meta: dict[str, dict]) -> list[bytes]:
    """The summary graph as sorted N-Triples lines without their final ".\\n" (as kg/digest.py keeps graphs).
    `meta`: article id -> article_meta."""
    p = {name: f"<{KG[name]}>" for name in
         ("mentionCount", "articleCount", "sourceCount", "firstReported", "lastReported")}
    out: list[str] = []
    for rec in facts:
        s = f"<{rec['id']}>"
        if rec["kind"] == "entity":
            articles = {m["article"] for m in rec["mentions"]}
            out.append(f"{s} {p['mentionCount']} {_int(len(rec['mentions']))} ")
        else:
            articles = set(rec["articles"])
            sources = {meta.get(a, {}).get("source") or ("article", a) for a in articles}
            out.append(f"{s} {p['sourceCount']} {_int(len(sources))} ")
        out.append(f"{s} {p['articleCount']} {_int(len(articles))} ")
        days = sorted(d for d in (meta.get(a, {}).get("published") for a in articles) if d)
        if days:
            out.append(f"{s} {p['firstReported']} {_date(days[0])} ")
            out.append(f"{s} {p['lastReported']} {_date(days[-1])} ")
    return sorted(ln.encode("utf-8") for ln in out)


def update_summary(old: list[bytes], touched: dict[str, dict | None], meta: dict[str, dict]) -> list[bytes]:
    """The summary lines after the records in `touched` changed (id -> record, None when gone): the other
    items' lines as they were, the touched items' made again."""
    subjects = {f"<{iri}> ".encode("utf-8") for iri in touched}
    kept = [ln for ln in old if ln[:ln.index(b"> ") + 2] not in subjects]
    return sorted(kept + summary_lines([r for r in touched.values() if r is not None], meta))
