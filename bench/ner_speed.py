"""NER speed on CPU: model load time, sentences/s and tokens/s for several batch sizes.

    python bench/ner_speed.py [--model-dir kg/ner/model] [--batch-sizes 1,16,64,256] [--limit 2000]

Inputs (no /work/shared needed): the sentences of seeds/*.txt (split with kg.text) and
bench/data/ner_sample.conll (2,000 ANERcorp sentences, CC BY-SA 4.0, see bench/data/LICENSE.md).
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_sentences() -> list[list[str]]:
    from kg.text import split_sentences, tokenize
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        out += [[t.text for t in s.tokens] for s in split_sentences(text, tokenize(text))]
    return out


def conll_sentences(limit: int) -> list[list[str]]:
    from kg.ner.train import read_conll
    return [toks for toks, _ in read_conll(ROOT / "bench" / "data" / "ner_sample.conll")][:limit]


def run(rec, sents: list[list[str]], batch_size: int, min_seconds: float = 2.0) -> dict:
    # The whole list is handed over at once; the recogniser batches it internally by batch_size.
    n_sent = n_tok = 0
    t0 = time.perf_counter()
    while True:
        if batch_size == 1:
            for s in sents:
                rec.tag_tokens([s], batch_size=1)
        else:
            rec.tag_tokens(sents, batch_size=batch_size)
        n_sent += len(sents)
        n_tok += sum(len(s) for s in sents)
        dt = time.perf_counter() - t0
        if dt >= min_seconds:
            break
    return {"sentences_per_s": round(n_sent / dt, 1), "tokens_per_s": round(n_tok / dt, 1),
            "sentences": n_sent, "seconds": round(dt, 2)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--batch-sizes", default="1,16,64,256")
    ap.add_argument("--limit", type=int, default=2000, help="conll sentences to use")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: KG_NER_THREADS or min(4, cores))")
    args = ap.parse_args(argv)
    if args.threads:
        os.environ["KG_NER_THREADS"] = str(args.threads)

    t0 = time.perf_counter()
    import torch  # noqa: F401
    import stanza  # noqa: F401
    t_import = time.perf_counter() - t0
    from kg.ner.stanza_ner import StanzaRecognizer
    t1 = time.perf_counter()
    rec = StanzaRecognizer(args.model_dir)
    t_load = time.perf_counter() - t1

    inputs = {"seeds": seed_sentences(), "anercorp_sample": conll_sentences(args.limit)}
    rec.tag_tokens(inputs["seeds"][:8])  # warm-up
    result = {
        "load_seconds": round(t_load, 3),
        "import_torch_stanza_seconds": round(t_import, 3),
        "load_including_imports_seconds": round(t_load + t_import, 3),
        "torch_threads": torch.get_num_threads(),
        "cpu": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "inputs": {k: {"sentences": len(v), "tokens": sum(len(s) for s in v)} for k, v in inputs.items()},
        "runs": {},
    }
    for bs in [int(x) for x in args.batch_sizes.split(",") if x]:
        for name, sents in inputs.items():
            use = sents if bs > 1 else sents[:300]
            result["runs"][f"{name}/batch={bs}"] = run(rec, use, bs)
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
