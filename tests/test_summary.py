"""kg/summary.py: the counts and report dates the library's queries read instead of counting at query time."""
from __future__ import annotations

from kg.summary import summary_lines

E = "https://w3id.org/kg-arabic/entity/"
KG = "https://w3id.org/kg-arabic/ontology#"


def _values(lines: list[bytes]) -> dict[tuple[str, str], str]:
    out = {}
    for ln in lines:
        s, p, o = ln.decode("utf-8").strip().split(" ", 2)
        out[(s.strip("<>").rsplit("/", 1)[-1], p.strip("<>").removeprefix(KG))] = o.split('"')[1]
    return out


def test_counts_and_dates_of_entities_and_facts():
    facts = [
        {"kind": "entity", "id": E + "Q159", "mentions": [{"article": "a"}, {"article": "a"}, {"article": "b"}]},
        {"kind": "event", "id": E + "ev1", "articles": ["a", "b", "c"]},
        {"kind": "agreement", "id": E + "ag1", "articles": ["c"]},
    ]
    meta = {"a": {"published": "2024-05-01", "source": "AP"}, "b": {"published": "2024-03-09", "source": "AP"},
            "c": {"published": None, "source": None}}
    v = _values(summary_lines(facts, meta))
    assert v[("Q159", "mentionCount")] == "3" and v[("Q159", "articleCount")] == "2"
    assert v[("Q159", "firstReported")] == "2024-03-09" and v[("Q159", "lastReported")] == "2024-05-01"
    # two articles of one agency are one source; an article without a source is a source of its own
    assert v[("ev1", "sourceCount")] == "2" and v[("ev1", "articleCount")] == "3"
    assert ("ev1", "mentionCount") not in v
    # an undated article gives no report date
    assert v[("ag1", "sourceCount")] == "1" and ("ag1", "firstReported") not in v


def test_lines_are_sorted_ntriples_the_same_for_the_same_facts():
    facts = [{"kind": "entity", "id": E + x, "mentions": [{"article": "a"}]} for x in ("Q2", "Q1")]
    meta = {"a": {"published": "2024-01-01", "source": None}}
    lines = summary_lines(facts, meta)
    assert lines == sorted(lines) == summary_lines(list(reversed(facts)), meta)
    assert all(ln.startswith(b"<") and ln.endswith(b" ") for ln in lines)
