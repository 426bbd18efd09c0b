"""facts.jsonl records: cross-article merges and corroboration."""
from datetime import date

import pytest

from kg.doc import Article
from kg.facts import collect_facts
from kg.pipeline import Pipeline

TEXT = "زار الرئيس الفرنسي إيمانويل ماكرون الهند يوم الجمعة والتقى رئيس الوزراء ناريندرا مودي في نيودلهي."


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


def facts(pipe, texts):
    docs = [pipe.process(Article(id=f"a{i}", text=t, published=date(2024, 1, 27))) for i, t in enumerate(texts)]
    return collect_facts(docs, pipe.catalog, pipe.linker.new_types)


def test_contract_fields(pipe):
    recs = facts(pipe, [TEXT])
    kinds = {r["kind"] for r in recs}
    assert {"entity", "event"} <= kinds
    for r in recs:
        if r["kind"] == "entity":
            assert set(r) >= {"id", "type", "label_ar", "label_en", "wikidata", "mentions"}
            for m in r["mentions"]:
                assert TEXT[m["start"]:m["end"]] == m["text"]
        if r["kind"] == "event":
            assert set(r) >= {"id", "type", "participants", "states", "place", "date", "articles", "evidence", "confidence"}
            assert 0 < r["confidence"] <= 1


def test_same_event_in_two_articles_is_one_record_with_higher_confidence(pipe):
    one = [r for r in facts(pipe, [TEXT]) if r["kind"] == "event" and r["type"] == "Visit"]
    two = [r for r in facts(pipe, [TEXT, TEXT]) if r["kind"] == "event" and r["type"] == "Visit"]
    assert len(one) == len(two) == 1
    assert two[0]["articles"] == ["a0", "a1"]
    assert len(two[0]["evidence"]) == 2
    assert two[0]["confidence"] > one[0]["confidence"]


def test_entity_merged_across_articles(pipe):
    recs = facts(pipe, [TEXT, TEXT])
    macron = [r for r in recs if r.get("wikidata") == "Q3052772"]
    assert len(macron) == 1 and {m["article"] for m in macron[0]["mentions"]} == {"a0", "a1"}


def test_dates_carry_their_precision():
    from kg.facts import precision
    assert [precision(d) for d in ("2024-06-13", "2024-06", "2024", None)] == ["day", "month", "year", None]


def test_the_documented_contract_names_every_field_the_export_writes(seeds_build):
    """docs/design.md is the contract of facts.jsonl: every field a build writes is documented there."""
    import json
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    doc = (root / "docs" / "design.md").read_text(encoding="utf-8")
    block = doc[doc.index("## The facts export"):doc.index("## Build outputs")]
    documented = set(re.findall(r'"(\w+)":', block))
    out, _ = seeds_build
    recs = [json.loads(line) for line in (Path(out) / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    written = {k for r in recs for k in r} | {k for r in recs for e in r.get("evidence", []) + r.get("mentions", []) for k in e}
    assert written <= documented, written - documented
    assert "docs/design.md" in (root / "README.md").read_text(encoding="utf-8")
    for p in [*root.glob("kg/**/*.py"), root / "README.md"]:
        assert "DESIGN.md" not in p.read_text(encoding="utf-8"), p  # the design is in the repository now
