"""Extraction speed: the extractor alone (everything after NER, linking and dates), per article.

    python bench/extract_speed.py [--articles 400] [--every 40] [--repeat 3]

Articles are every `--every`-th of the real AlKhaleej archive (../shared/data/news, read from there, never
copied), cut to 6,000 characters, through the catalog recogniser; only the extractor's call is timed (the
fastest of `--repeat` passes over the same documents, extraction repeated on fresh copies). Prints one JSON
object: ms per article, events found. Compare two commits by running it in each checkout.
"""
from __future__ import annotations

import argparse
import copy
import json
import lzma
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NEWS = ROOT.parent / "shared" / "data" / "news" / "khaleej.jsonl.xz"


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--every", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--news", type=Path, default=NEWS, help="the archive (default: ../shared/data/news/khaleej.jsonl.xz)")
    a = ap.parse_args(argv)
    if not a.news.exists():
        raise SystemExit(f"{a.news}: the real-news archive is not here (see ../shared/data/news/README.md)")
    from kg.doc import Article
    from kg.pipeline import Pipeline

    arts = []
    with lzma.open(a.news, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k % a.every == 0:
                arts.append(Article(id=str(k), text=json.loads(line)["text"][:6000], published=date(2015, 6, 1)))
                if len(arts) >= a.articles:
                    break
    pipe = Pipeline(ner="gazetteer")
    extractor, held = pipe.extractor, []
    pipe.extractor = held.append  # stop before extraction: keep the linked documents
    for art in arts:
        pipe.process(art)
    best, events = None, 0
    for _ in range(a.repeat):
        docs = [copy.deepcopy(d) for d in held]
        t = time.perf_counter()
        for d in docs:
            extractor(d)
        spent = time.perf_counter() - t
        best = spent if best is None else min(best, spent)
        events = sum(len(d.events) for d in docs)
    out = {"articles": len(held), "ms_per_article": round(1000 * best / len(held), 3), "events": events}
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
