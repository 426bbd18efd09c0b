"""Forward and backward character language models for the NER tagger, trained with Stanza's own trainer.

    python -m kg.ner.charlm prepare --text ar_text.txt.xz --work WORK   # chunks, a dev file, the vocabulary
    python -m kg.ner.charlm train --work WORK --direction forward         # resumes where it stopped

The text is written in the form the tagger sees at run time: kg.text tokens, each in kg.text.normalize form,
joined by single spaces (kg/ner/train.py feeds the model the same). Stanza's trainer restarts an interrupted
epoch from its first file, so on a CPU whose sessions are short an epoch never ends; here each chunk is one
call of the trainer (its own `--train_dir`, one pass) that ends with a dev evaluation and a checkpoint, and
WORK/<direction>.done lists the chunks trained, so a stopped run goes on with the next chunk. The character
vocabulary is built once over all chunks (not from the first chunk a run sees). Curves (Stanza's log of dev
perplexity) go to WORK/<direction>.log, settings to WORK/<direction>.json.
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
            "eval_steps": -1, "epochs": 1, "cutoff": 1000, "patience": 2}
VOCAB_NAME = "ar_kg_charlm_vocab.pt"


def model_form(line: str) -> str:
    """A line as the tagger sees text: tokens in normalised form, one space between them."""
    return " ".join(n for n in (normalize(t.text).replace(" ", "") for t in tokenize(line)) if n)


def prepare(text: Path, work: Path, chunks: int = 40, cutoff: int = SETTINGS["cutoff"]) -> None:
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
    import torch
    from stanza.models.common.char_model import build_charlm_vocab
    vocab = build_charlm_vocab(str(train_dir), cutoff=cutoff)
    torch.save(vocab.state_dict(), work / VOCAB_NAME)
    print(f"{len(rest):,} training lines in {chunks} chunks, {DEV_LINES:,} dev lines, {len(vocab)} characters -> {work}",
          file=sys.stderr)


def pending_chunks(work: Path, direction: str, passes: int = 1) -> list[Path]:
    """The chunks still to train, in order: pass 1 over every chunk, then pass 2..."""
    chunks = sorted((work / "train").glob("chunk*.txt"))
    done_file = work / f"{direction}.done"
    done = done_file.read_text(encoding="utf-8").split() if done_file.exists() else []
    todo = []
    for p in range(passes):
        already = done[p * len(chunks):(p + 1) * len(chunks)]
        todo += [c for c in chunks if c.name not in already]
    return todo


def trainer_command(work: Path, direction: str, train_dir: Path, settings: dict) -> list[str]:
    cmd = [sys.executable, "-m", "stanza.models.charlm", "--mode", "train", "--direction", direction,
           "--train_dir", str(train_dir), "--eval_file", str(work / "dev.txt"), "--shorthand", "ar_kg",
           "--save_dir", str(work), "--save_name", f"ar_kg_{direction}_charlm.pt",
           "--vocab_save_name", VOCAB_NAME, "--checkpoint_save_name", f"ar_kg_{direction}_checkpoint.pt",
           "--cpu", "--seed", "1234"]
    for k, v in settings.items():
        cmd += [f"--{k}", str(v)]
    return cmd


def train(work: Path, direction: str, threads: int = 1, passes: int = 1, max_chunks: int | None = None,
          **overrides) -> int:
    settings = {**SETTINGS, **{k: v for k, v in overrides.items() if v is not None}}
    (work / f"{direction}.json").write_text(json.dumps({"direction": direction, "passes": passes, **settings}, indent=1),
                                            encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}
    run_dir = work / f"run_{direction}"
    for n, chunk in enumerate(pending_chunks(work, direction, passes)):
        if max_chunks is not None and n >= max_chunks:
            break
        run_dir.mkdir(exist_ok=True)
        for old in run_dir.iterdir():
            old.unlink()
        (run_dir / chunk.name).symlink_to(chunk.resolve())
        with open(work / f"{direction}.log", "a", encoding="utf-8") as log:
            log.write(f"### chunk {chunk.name}\n")
            log.flush()
            rc = subprocess.call(trainer_command(work, direction, run_dir, settings), stdout=log,
                                 stderr=subprocess.STDOUT, env=env)
        if rc != 0:
            return rc
        with open(work / f"{direction}.done", "a", encoding="utf-8") as done:
            done.write(chunk.name + "\n")
    return 0


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
    t.add_argument("--passes", type=int, default=1, help="passes over the chunks")
    t.add_argument("--max-chunks", type=int, help="stop after this many chunks")
    t.add_argument("--char_hidden_dim", type=int)
    a = ap.parse_args(argv)
    if a.cmd == "prepare":
        prepare(a.text, a.work, a.chunks)
        return 0
    return train(a.work, a.direction, a.threads, a.passes, a.max_chunks, char_hidden_dim=a.char_hidden_dim)


if __name__ == "__main__":
    raise SystemExit(main())
