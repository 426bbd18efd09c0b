"""Golden master of the extractor: every event and agreement it finds in our 26 articles and the 5 seeds.

Spot checks miss spurious events; this compares everything, so a restructure must leave the output
byte-identical and an improvement shows its whole effect as a diff to review. The catalog recogniser is
used so that the snapshot follows the extractor, not the NER model. After a deliberate change, review
`git diff tests/golden/` having rewritten it with:  python tests/test_golden.py
"""
from __future__ import annotations

import dataclasses
import difflib
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "golden" / "extract.jsonl"
CORPORA = (HERE / "articles", HERE.parent / "seeds")


def _articles(folders):
    from kg.doc import Article

    for folder in folders:
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = (folder / row["file"]).read_text(encoding="utf-8")
            yield Article(id=row["id"], text=text, published=date.fromisoformat(row["published"]))


def _short(iri):
    return iri.rsplit("/", 1)[-1] if isinstance(iri, str) else iri


def snapshot_lines(folders=CORPORA) -> list[str]:
    """One line per event and agreement, in article and extraction order, with spans as offsets."""
    from kg.pipeline import Pipeline

    pipe = Pipeline(ner="gazetteer")
    lines = []
    for article in _articles(folders):
        doc = pipe.process(article)
        for kind, items in (("event", doc.events), ("agreement", doc.agreements)):
            for item in items:
                row = dataclasses.asdict(item)
                for k, v in row.items():
                    if isinstance(v, dict) and "start" in v:  # a span: its offsets say which words
                        row[k] = [v["start"], v["end"]]
                    elif isinstance(v, list):
                        row[k] = [[s["start"], s["end"]] if isinstance(s, dict) else _short(s) for s in v]
                    else:
                        row[k] = _short(v) if k in ("place",) else v
                lines.append(json.dumps({"article": article.id, "kind": kind, **row}, ensure_ascii=False, sort_keys=True))
    return lines


def test_extraction_matches_the_golden_master():
    want = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    got = snapshot_lines()
    diff = list(difflib.unified_diff(want, got, "golden", "now", lineterm="", n=0))
    assert not diff, "extraction changed (review, then `python tests/test_golden.py`):\n" + "\n".join(diff[:60])


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(exist_ok=True)
    lines = snapshot_lines()
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT}: {len(lines)} events and agreements", file=sys.stderr)
