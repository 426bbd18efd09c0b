"""Benchmark corpora: articles made of real Arabic news sentences, any number of them.

Sentences come from bench/data/ner_sample.conll (2,000 ANERcorp sentences, CC BY-SA 4.0, see
bench/data/LICENSE.md) and the five seed articles; article k is `per` sentences drawn by a seeded RNG, so a
corpus is reproducible. Tokens are joined with spaces (the text is re-tokenised by kg.text anyway).

    python bench/corpus.py N OUT.jsonl [--per 8]
"""
from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@functools.lru_cache(maxsize=1)
def sentences() -> list[str]:
    from kg.ner.train import read_conll
    from kg.text import split_sentences, tokenize

    out = [" ".join(toks) for toks, _ in read_conll(ROOT / "bench" / "data" / "ner_sample.conll") if len(toks) >= 5]
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        out += [text[s.start:s.end] for s in split_sentences(text, tokenize(text)) if len(s.tokens) >= 5]
    return out


def articles(n: int, per: int = 8, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    pool = sentences()
    return [{"id": f"bench-{k:06d}", "text": " ".join(rng.sample(pool, per)),
             "published": f"20{10 + k % 15:02d}-{1 + k % 12:02d}-{1 + k % 28:02d}"} for k in range(n)]


def write(n: int, path: str | Path, per: int = 8, seed: int = 0) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for a in articles(n, per, seed):
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--per", type=int, default=8, help="sentences per article")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    print(write(a.n, a.out, a.per, a.seed))
