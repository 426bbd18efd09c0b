"""Pipeline overhead: a whole `kg build` (articles/s, sentences/s) against the same texts through NER alone.

    python bench/pipeline_overhead.py [--articles 200] [--ner stanza]

Both runs are warm (the model is loaded before timing). "NER only" is the recogniser, in this process,
over the articles' sentences in the batches the pipeline uses; "end to end" is kg.build.build: reading,
tokenising, NER (in its own process where kg/ner/offload.py applies: on 2+ cores, unless KG_NER_PROCESS=0),
gazetteer, dates, linking, events, RDF, facts.jsonl, the store, graph.html and ties.html. The ratio
e2e / NER-only is the share of NER's speed the whole build keeps (target >= 0.75). Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--per", type=int, default=8, help="sentences per article")
    ap.add_argument("--ner", default="stanza")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (alternated; the best is reported)")
    args = ap.parse_args(argv)

    from kg.build import build
    from kg.corpus import read_corpus
    from kg.pipeline import Pipeline

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    src = corpus.write(args.articles, tmp / "src" / "articles.jsonl", per=args.per)
    t = time.perf_counter()
    pipe = Pipeline(ner=args.ner)  # loads the model once; build() below reuses the cached one
    load_s = time.perf_counter() - t

    def ner_only() -> float:
        docs = [pipe.prepare(a) for a in read_corpus(src).articles]  # tokenising is not timed
        many = getattr(pipe.recognizer, "recognize_many", None)
        t = time.perf_counter()
        for i in range(0, len(docs), 16):  # the pipeline's batches
            if many:
                many(docs[i:i + 16])
            else:
                for d in docs[i:i + 16]:
                    pipe.recognizer(d)
        return time.perf_counter() - t

    def end_to_end() -> float:
        shutil.rmtree(tmp / "out", ignore_errors=True)
        t = time.perf_counter()
        end_to_end.result = build(str(src), str(tmp / "out"), ner=args.ner, progress=False)
        return time.perf_counter() - t

    end_to_end()  # warm-up, untimed: starts the build's NER process (kg/ner/offload.py) as ner_only's model is loaded
    # alternated and the best of each kept: on a shared machine the load changes from minute to minute
    ner_runs, e2e_runs = [], []
    for _ in range(args.repeat):
        ner_runs.append(ner_only())
        e2e_runs.append(end_to_end())
    ner_s, e2e_s, result = min(ner_runs), min(e2e_runs), end_to_end.result
    n_sent = sum(len(pipe.prepare(a).sentences) for a in read_corpus(src).articles)
    shutil.rmtree(tmp, ignore_errors=True)

    out = {
        "bench": "pipeline_overhead", "ner": args.ner, "articles": args.articles, "sentences": n_sent,
        "triples": result.triples, "model_load_s": round(load_s, 2),
        "ner_only": {"seconds": round(ner_s, 2), "articles_per_s": round(args.articles / ner_s, 1),
                     "sentences_per_s": round(n_sent / ner_s, 1)},
        "end_to_end": {"seconds": round(e2e_s, 2), "articles_per_s": round(args.articles / e2e_s, 1),
                       "sentences_per_s": round(n_sent / e2e_s, 1)},
        "e2e_over_ner_only": round(ner_s / e2e_s, 3),
        "e2e_over_ner_only_per_pair": [round(n / e, 3) for n, e in zip(ner_runs, e2e_runs)],
        "runs_s": {"ner_only": [round(x, 2) for x in ner_runs], "end_to_end": [round(x, 2) for x in e2e_runs]},
        "target": ">= 0.75", "cpu_count": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
        "torch_threads": __import__("torch").get_num_threads() if args.ner != "gazetteer" else None,
        "ner_process": __import__("kg.ner.offload", fromlist=["wanted"]).wanted(args.ner),
    }
    print(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
