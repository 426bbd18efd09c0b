"""Forward and backward character language models for the NER tagger, trained with Stanza's own trainer.

    python -m kg.ner.charlm prepare --text ar_text.txt.xz --work WORK   # chunks + a dev file, normalised
    python -m kg.ner.charlm train --work WORK --direction forward         # resumes from its checkpoint

The text is written in the form the tagger sees at run time: kg.text tokens, each in kg.text.normalize form,
joined by single spaces (kg/ner/train.py feeds the model the same). Each training chunk is its own file of
`--train_dir`, so an epoch is many short files and a checkpoint (`--eval_steps`) lands every few minutes on a
CPU; a stopped run starts again from its checkpoint. Curves (Stanza's log of dev perplexity) go to
WORK/<direction>.log, settings to WORK/<direction>.json.
"""
from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

from kg.text import normalize, tokenize

DEV_LINES = 5000  # held out from the start of the shuffled-by-source corpus for perplexity
SETTINGS = {"char_hidden_dim": 256, "char_num_layers": 1, "batch_size": 100, "bptt_size": 250,
            "eval_steps": 500, "epochs": 5, "cutoff": 1000}


def model_form(line: str) -> str:
    """A line as the tagger sees text: tokens in normalised form, one space between them."""
    return " ".join(n for n in (normalize(t.text).replace(" ", "") for t in tokenize(line)) if n)


def prepare(text: Path, work: Path, chunks: int = 40) -> None:
    train_dir = work / "train"
    train_dir.mkdir(parents=True, exist_ok=True)
    opener = lzma.open if text.suffix == ".xz" else open
    with opener(text, "rt", encoding="utf-8") as f:
        lines = [model_form(ln) for ln in f if ln.strip()]
    lines = [ln for ln in lines if ln]
    (work / "dev.txt").write_text("\n".join(lines[:DEV_LINES]) + "\n", encoding="utf-8")
    rest = lines[DEV_LINES:]
    # every k-th line to chunk k: each chunk mixes the sources (Wikipedia, news) in their proportions
    for k in range(chunks):
        (train_dir / f"chunk{k:03d}.txt").write_text("\n".join(rest[k::chunks]) + "\n", encoding="utf-8")
    print(f"{len(rest):,} training lines in {chunks} chunks, {DEV_LINES:,} dev lines -> {work}", file=sys.stderr)


def train(work: Path, direction: str, threads: int = 1, **overrides) -> int:
    settings = {**SETTINGS, **{k: v for k, v in overrides.items() if v is not None}}
    (work / f"{direction}.json").write_text(json.dumps({"direction": direction, **settings}, indent=1), encoding="utf-8")
    cmd = [sys.executable, "-m", "stanza.models.charlm", "--mode", "train", "--direction", direction,
           "--train_dir", str(work / "train"), "--eval_file", str(work / "dev.txt"), "--shorthand", "ar_kg",
           "--save_dir", str(work), "--save_name", f"ar_kg_{direction}_charlm.pt",
           "--vocab_save_name", "ar_kg_charlm_vocab.pt", "--checkpoint_save_name", f"ar_kg_{direction}_checkpoint.pt",
           "--cpu", "--seed", "1234"]
    for k, v in settings.items():
        cmd += [f"--{k}", str(v)]
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}
    with open(work / f"{direction}.log", "a", encoding="utf-8") as log:
        return subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.ner.charlm", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--text", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--chunks", type=int, default=40)
    t = sub.add_parser("train")
    t.add_argument("--work", type=Path, required=True)
    t.add_argument("--direction", choices=["forward", "backward"], required=True)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--char_hidden_dim", type=int)
    t.add_argument("--epochs", type=int)
    t.add_argument("--eval_steps", type=int)
    a = ap.parse_args(argv)
    if a.cmd == "prepare":
        prepare(a.text, a.work, a.chunks)
        return 0
    return train(a.work, a.direction, a.threads, char_hidden_dim=a.char_hidden_dim, epochs=a.epochs,
                 eval_steps=a.eval_steps)


if __name__ == "__main__":
    raise SystemExit(main())
