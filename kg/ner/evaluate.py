"""Score a recogniser on a BIO file: entity-level exact-span micro and per-type P/R/F1 (seqeval).

    python -m kg.ner.evaluate FILE.conll [--recognizer stanza|stanza-official]

FILE has token<TAB>tag lines and a blank line between sentences. Gold tags are mapped to
PER/LOC/ORG/MISC with the same mapping as training (`kg.ner.train.map_tag`: PERS -> PER,
MIS -> MISC, FANE fine classes -> coarse). Predictions are converted to BIO before scoring.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Sequence

from kg.ner.train import map_tag, read_conll, repair_bio


def to_bio(tags: Sequence[str]) -> list[str]:
    """BIOES (or BIO) -> BIO with coarse labels."""
    out = []
    for t in tags:
        if not t or t == "O" or t == "_":
            out.append("O")
            continue
        if len(t) > 2 and t[1] == "-":
            p = {"S": "B", "E": "I"}.get(t[0], t[0])
            out.append(map_tag(f"{p}-{t[2:]}"))
        else:
            out.append(map_tag(t))
    return repair_bio(out)


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity-level exact-span scores (seqeval, default CoNLL mode)."""
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

    report = classification_report(gold, pred, output_dict=True, zero_division=0)
    per_type = {}
    for k, v in report.items():
        if k in ("micro avg", "macro avg", "weighted avg"):
            continue
        per_type[k] = {"precision": round(float(v["precision"]), 4), "recall": round(float(v["recall"]), 4),
                       "f1": round(float(v["f1-score"]), 4), "support": int(v["support"])}
    return {
        "micro": {
            "precision": round(float(precision_score(gold, pred, zero_division=0)), 4),
            "recall": round(float(recall_score(gold, pred, zero_division=0)), 4),
            "f1": round(float(f1_score(gold, pred, zero_division=0)), 4),
            "support": sum(v["support"] for v in per_type.values()),
        },
        "per_type": per_type,
    }


def evaluate_file(path: str | os.PathLike, recognizer_name: str = "stanza", recognizer=None) -> dict:
    """Score `recognizer` (or the one named `recognizer_name`) on a BIO file; returns a dict."""
    from kg.errors import KgError

    if not os.path.isfile(path):
        raise KgError(f"no such file: {path}")
    try:
        sents = read_conll(path)
        gold = [repair_bio([map_tag(t) for t in tags]) for _, tags in sents]
    except ValueError as e:
        raise KgError(f"cannot read {path} as token<TAB>tag BIO lines: {e}") from None
    if recognizer is None:
        from kg.ner import get_recognizer
        recognizer = get_recognizer(recognizer_name)
        name = recognizer_name
    else:
        name = getattr(recognizer, "source", type(recognizer).__name__)
    t0 = time.perf_counter()
    if hasattr(recognizer, "tag_tokens"):
        pred_raw = recognizer.tag_tokens([toks for toks, _ in sents])
        pred = [to_bio(p) for p in pred_raw]
    else:
        pred = _predict_via_docs(recognizer, [toks for toks, _ in sents])
    seconds = time.perf_counter() - t0
    result = score(gold, pred)
    result.update({
        "file": str(path),
        "recognizer": name,
        "sentences": len(sents),
        "tokens": sum(len(t) for t, _ in sents),
        "seconds": round(seconds, 2),
    })
    return result


def _predict_via_docs(recognizer, sentences: list[list[str]]) -> list[list[str]]:
    """For recognisers with only the Doc interface: join tokens with spaces, run, read spans back."""
    from kg.doc import Article, Doc, Sentence, Token

    preds = []
    for i, toks in enumerate(sentences):
        pos, tokens = 0, []
        for t in toks:
            tokens.append(Token(pos, pos + len(t), t))
            pos += len(t) + 1
        text = " ".join(toks)
        doc = Doc(Article(id=f"s{i}", text=text), sentences=[Sentence(0, len(text), tokens)] if tokens else [])
        recognizer(doc)
        tags = ["O"] * len(toks)
        starts = {t.start: j for j, t in enumerate(tokens)}
        ends = {t.end: j for j, t in enumerate(tokens)}
        for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
            if m.start in starts and m.end in ends and m.label in ("PER", "LOC", "ORG", "MISC"):
                a, b = starts[m.start], ends[m.end]
                if any(tags[k] != "O" for k in range(a, b + 1)):
                    continue
                tags[a] = "B-" + m.label
                for k in range(a + 1, b + 1):
                    tags[k] = "I-" + m.label
        preds.append(tags)
    return preds


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(prog="kg ner eval", description="Score NER on a token<TAB>tag BIO file.")
    p.add_argument("file")
    p.add_argument("--recognizer", default="stanza", choices=["stanza", "stanza-official", "gazetteer"])
    args = p.parse_args(argv)
    res = evaluate_file(args.file, args.recognizer)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
