"""Does the NER model alone find every person and state the seed gold annotations list? (issue 3's target)

    python bench/ner_seed_recall.py [--model-dir kg/ner/model]

For each seed article and each gold entity of type Person or State, the entity counts as found when one
of the model's own spans (no gazetteer, no linking) covers one of its gold name mentions (normalised
text, a proclitic allowed). Recall is by entity, not by mention. Prints one JSON object with the misses.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", default=str(ROOT / "kg" / "ner" / "model"))
    args = ap.parse_args(argv)
    from kg.corpus import read_corpus
    from kg.doc import Doc
    from kg.ner.stanza_ner import StanzaRecognizer
    from kg.text import normalize, split_sentences, tokenize

    rec = StanzaRecognizer(args.model_dir)
    found = total = 0
    misses = []
    articles = {a.id: a for a in read_corpus(ROOT / "seeds").articles}
    from kg.evaluate import _gold_files
    for g in _gold_files(ROOT / "tests" / "gold" / "seeds"):
        a = articles[Path(g["article"]).stem]
        doc = Doc(a)
        doc.sentences = split_sentences(a.text, tokenize(a.text))
        spans = {normalize(m.text) for m in rec(doc).mentions}
        for e in g["entities"]:
            if e["type"] not in ("Person", "State") or not e["mentions"]:
                continue
            total += 1
            forms = {normalize(f) for f in e["mentions"]}
            hit = any(f == s or (s.endswith(f) and len(s) - len(f) <= 2) or f in s.split(" ") or
                      (" " in f and f in s) for f in forms for s in spans)
            found += hit
            if not hit:
                misses.append({"article": a.id, "entity": e["key"], "mentions": e["mentions"]})
    out = {"bench": "ner_seed_recall", "model_dir": args.model_dir, "entities": total, "found": found,
           "recall": round(found / total, 4) if total else None, "misses": misses}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


if __name__ == "__main__":
    main()
