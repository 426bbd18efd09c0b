"""Train the bundled Arabic NER model (a developer command, never run by the product).

    python -m kg.ner.train --data /path/to/ner-corpora --out kg/ner/model [--max-steps N]

The corpus directory holds the open corpora described in its README.md (token<TAB>tag, BIO):
anercorp/train.conll, aqmar/train.conll + aqmar/dev.conll, newsfane/newsfane.conll,
wikifane/wikifane.conll. Every tag set is mapped to one coarse scheme (PER, LOC, ORG, MISC) by
`map_label`; every token is fed to the model in `kg.text.normalize` form (the FANE corpora have no
hamzas), and the FANE corpora's split clitics (و ال ب ... / ه ها هم ...) are re-attached so that they
are tokenised like ANERcorp and like `kg.text.tokenize`.

Dev splits are contiguous blocks, never shuffled sentences:
  * news: the last `--news-dev-fraction` of anercorp/train.conll (a contiguous tail of whole articles);
    NewsFANE sentences that re-annotate the same text are removed from training;
  * wiki: aqmar/dev.conll as shipped.
Steps: corpora -> Stanza NER json, corpus word vectors (gensim word2vec) -> Stanza Pretrain .pt,
`stanza.models.ner_tagger` training (model selected on the news dev block), scores on both dev
blocks, training.json next to the model.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.text import normalize
from kg.ner.stanza_ner import CHARLM_NAMES

log = logging.getLogger("kg.ner.train")

MODEL_NAME = "ar_kg_nertagger.pt"
PRETRAIN_NAME = "ar_kg_pretrain.pt"
LABELS = ("PER", "LOC", "ORG", "MISC")

# ---------------------------------------------------------------------------------------------- tags
# ANERcorp / AQMAR coarse tags.
_COARSE = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "MISC": "MISC", "MIS": "MISC",
}
# FANE fine classes (two-level ACE-like taxonomy) -> coarse.
_FANE = {
    # PER
    "Politician": "PER", "Athlete": "PER", "Artist": "PER", "Other_PER": "PER", "Religious_PER": "PER",
    "Scientist": "PER", "Businessperson": "PER", "Lawyer": "PER", "Engineer": "PER",
    "Police": "PER",  # FANE's Police/military person class (individual people)
    # GPE + natural locations + facilities -> LOC (ANERcorp tags all of them LOC)
    "Nation": "LOC", "Population-Center": "LOC", "State-or-Province": "LOC", "County-or-District": "LOC",
    "GPE-Cluster": "LOC", "Continent": "LOC", "Water-Body": "LOC", "Land-Region-Natural": "LOC",
    "Celestial": "LOC", "Building-Grounds": "LOC", "Path": "LOC", "Airport": "LOC",
    "Subarea-Facility": "LOC", "Address": "LOC",
    # ORG
    "Government": "ORG", "Non-Governmental": "ORG", "Media": "ORG", "Commercial": "ORG",
    "Educational": "ORG", "Sports": "ORG", "Religious_ORG": "ORG", "Medical-Science": "ORG",
    "Entertainment": "ORG",
    # products, works, vehicles (Land/Air/Water), weapons -> MISC
    "Book": "MISC", "Movie": "MISC", "Sound": "MISC", "Software": "MISC", "Hardware": "MISC",
    "Food": "MISC", "Drug": "MISC", "Plant": "MISC", "Land": "MISC", "Air": "MISC", "Water": "MISC",
    "Projectile": "MISC", "Shooting": "MISC", "Blunt": "MISC", "Exploding": "MISC", "Nuclear": "MISC",
    "Chemical": "MISC", "Sharp": "MISC", "Biological": "MISC",
    # FANE "Group" = ethnic/religious collectives (العرب, المسلمين, اليهود): ANERcorp leaves these O.
    "Group": None,
}


def map_label(label: str) -> str | None:
    """Map one corpus class name (without B-/I-) to PER/LOC/ORG/MISC, or None (= O)."""
    if label in _COARSE:
        return _COARSE[label]
    if label.upper() in _COARSE:
        return _COARSE[label.upper()]
    if label in _FANE:
        return _FANE[label]
    raise ValueError(f"unknown NER class {label!r}")


def map_tag(tag: str) -> str:
    """Map a BIO(ES) tag to the coarse BIO scheme: B-Politician -> B-PER, I-MIS -> I-MISC, B-Group -> O."""
    tag = tag.strip()
    if not tag or tag == "O":
        return "O"
    if len(tag) > 2 and tag[1] in "-_" and tag[0] in "BIES":
        prefix, label = tag[0], tag[2:]
    else:
        prefix, label = "B", tag
    coarse = map_label(label)
    if coarse is None:
        return "O"
    prefix = {"S": "B", "E": "I"}.get(prefix, prefix)
    return f"{prefix}-{coarse}"


def repair_bio(tags: list[str]) -> list[str]:
    """Make a BIO sequence well formed: an I-X that does not continue an X becomes B-X."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


# ------------------------------------------------------------------------------------------- reading
def read_conll(path: str | os.PathLike) -> list[tuple[list[str], list[str]]]:
    """Read token<TAB>tag lines (blank line between sentences). Tags are returned as written."""
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                parts = line.split()
            if len(parts) < 2:
                continue
            toks.append(parts[0])
            tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def model_form(token: str) -> str:
    """The form of a token the model sees (normalised; the raw token if normalisation empties it)."""
    n = normalize(token).replace(" ", "")
    return n or token


_PROCLITICS = {"و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "كال", "س"}
_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "نا", "ي", "كما", "كن"}


def _is_arabic_word(tok: str) -> bool:
    return bool(tok) and "\u0621" <= tok[0] <= "\u064a"


def join_clitics(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Re-attach clitics that the FANE corpora split off (و الصادرات -> والصادرات, نمو ها -> نموها)."""
    out_t: list[str] = []
    out_g: list[str] = []
    pending_tok = ""
    pending_tag = ""
    for tok, tag in zip(tokens, tags):
        if pending_tok and _is_arabic_word(tok):
            if pending_tag.startswith("B-") and tag.startswith("I-"):
                tag = pending_tag
            tok = pending_tok + tok
            pending_tok, pending_tag = "", ""
        elif pending_tok:
            out_t.append(pending_tok)
            out_g.append(pending_tag)
            pending_tok, pending_tag = "", ""
        if tok in _PROCLITICS and tag == "O" or tok in ("ال",) and tag.startswith("B-"):
            pending_tok, pending_tag = tok, tag
            continue
        if (tok in _ENCLITICS and tag == "O" and out_t and _is_arabic_word(out_t[-1])
                and out_t[-1] not in _PROCLITICS):
            out_t[-1] = out_t[-1] + tok
            continue
        out_t.append(tok)
        out_g.append(tag)
    if pending_tok:
        out_t.append(pending_tok)
        out_g.append(pending_tag)
    return out_t, out_g


def prepare(sents, fane: bool = False) -> list[tuple[list[str], list[str]]]:
    """Map tags, (FANE) join clitics, normalise tokens: sentences as the model sees them."""
    out = []
    for toks, tags in sents:
        tags = [map_tag(t) for t in tags]
        if fane:
            toks, tags = join_clitics(toks, tags)
        toks = [model_form(t) for t in toks]
        out.append((toks, repair_bio(tags)))
    return out


def _shingles(tokens: list[str], n: int = 10) -> set[str]:
    s = "".join(t for t in tokens if _is_arabic_word(t))
    return {s[i:i + n] for i in range(0, max(len(s) - n + 1, 0))}


def drop_overlap(sents, block, threshold: float = 0.3, window: int = 3):
    """Remove sentences (and their neighbours) whose text overlaps the held-out block."""
    held: set[str] = set()
    for toks, _ in block:
        held |= _shingles(toks)
    hit = set()
    for i, (toks, _) in enumerate(sents):
        sh = _shingles(toks)
        if sh and len(sh & held) / len(sh) >= threshold:
            hit.update(range(i - window, i + window + 1))
    return [s for i, s in enumerate(sents) if i not in hit], len(hit & set(range(len(sents))))


# ------------------------------------------------------------------------------------------ writing
def write_json(sents, path: Path) -> None:
    doc = [[{"text": w, "ner": t} for w, t in zip(toks, tags)] for toks, tags in sents]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def write_conll(sents, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for toks, tags in sents:
            for w, t in zip(toks, tags):
                f.write(f"{w}\t{t}\n")
            f.write("\n")


def build_pretrain(texts, out_pt: Path, work: Path, dim: int, min_count: int, max_vocab: int,
                   epochs: int, seed: int) -> dict:
    """Train word2vec on the corpora's own (normalised) text and save it as a Stanza Pretrain."""
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    w2v = Word2Vec(sentences=texts, vector_size=dim, window=5, min_count=min_count, sg=1, negative=10,
                   epochs=epochs, workers=2, seed=seed, max_final_vocab=max_vocab)
    vec_txt = work / "vectors.txt"
    words = w2v.wv.index_to_key[:max_vocab]  # sorted by frequency
    with open(vec_txt, "w", encoding="utf-8") as f:
        f.write(f"{len(words)} {dim}\n")
        for w in words:
            if " " in w or not w.strip():
                continue
            f.write(w + " " + " ".join(f"{x:.5f}" for x in w2v.wv[w]) + "\n")
    if out_pt.exists():
        out_pt.unlink()
    pt = Pretrain(str(out_pt), str(vec_txt), max_vocab=max_vocab + 10, save_to_file=True)
    pt.load()
    return {"algorithm": "word2vec skip-gram (gensim)", "dim": dim, "min_count": min_count,
            "epochs": epochs, "vocab": len(pt.vocab), "sentences": len(texts)}


def shrink_model(path: Path) -> None:
    """Store float tensors of the saved model as float16 (halves the file; loaded back as float32)."""
    import torch
    params = torch.load(path, map_location="cpu", weights_only=False)
    for k, v in list(params["model"].items()):
        if torch.is_tensor(v) and v.is_floating_point():
            params["model"][k] = v.half()
    torch.save(params, path, _use_new_zipfile_serialization=False)


def shrink_pretrain(path: Path) -> None:
    import torch
    data = torch.load(path, map_location="cpu", weights_only=True)
    data["emb"] = data["emb"].half()
    torch.save(data, path, _use_new_zipfile_serialization=False)


class _HistoryHandler(logging.Handler):
    """Keeps Stanza's periodic 'step N: train_loss = x, dev_score = y' lines in work/history.json."""

    def __init__(self, path: Path):
        super().__init__(logging.INFO)
        self.path = path
        self.rows: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        import re
        m = re.match(r"step (\d+): train_loss = ([0-9.]+), dev_score = ([0-9.]+)", record.getMessage())
        if m:
            self.rows.append({"step": int(m.group(1)), "train_loss": float(m.group(2)),
                              "news_dev_f1": float(m.group(3))})
            self.path.write_text(json.dumps(self.rows), encoding="utf-8")


def _is_half(path: Path) -> bool:
    import torch
    params = torch.load(path, map_location="cpu", weights_only=False)
    return any(torch.is_tensor(v) and v.dtype == torch.float16 for v in params["model"].values())


# --------------------------------------------------------------------------------------------- main
def use_charlms(charlm_dir: Path, out: Path) -> dict:
    """Copy the forward and backward character LMs of a kg.ner.charlm work directory beside the model
    (where kg.ner.stanza_ner reads them) and describe them: settings, chunks trained, last dev perplexity."""
    from kg.errors import KgError
    info = {}
    for key, name in CHARLM_NAMES.items():
        direction = "forward" if "forward" in key else "backward"
        src = charlm_dir / f"ar_kg_{direction}_charlm.pt"
        if not src.is_file():
            raise KgError(f"no {direction} character LM in {charlm_dir} (expected {src.name})")
        shutil.copyfile(src, out / name)
        settings = charlm_dir / f"{direction}.json"
        done = charlm_dir / f"{direction}.done"
        log = charlm_dir / f"{direction}.log"
        ppl = [float(line.rsplit("ppl", 1)[1]) for line in log.read_text(encoding="utf-8").splitlines()
               if "eval checkpoint" in line] if log.is_file() else []
        info[direction] = {
            "settings": json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else None,
            "chunks_trained": len(done.read_text(encoding="utf-8").split()) if done.is_file() else None,
            "chunks": len(list((charlm_dir / "train").glob("chunk*.txt"))) if (charlm_dir / "train").is_dir() else None,
            "dev_ppl_history": ppl,
        }
    return info


def build_argparser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg ner train", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="corpus directory (anercorp/, aqmar/, newsfane/, wikifane/)")
    p.add_argument("--out", default=str(Path(__file__).parent / "model"), help="output model directory")
    p.add_argument("--work", default=None, help="scratch directory (default: a temp dir)")
    p.add_argument("--max-steps", type=int, default=6000)
    p.add_argument("--epochs", type=float, default=None, help="alternative to --max-steps: passes over the train set")
    p.add_argument("--eval-interval", type=int, default=500)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--hidden-dim", type=int, default=256)
    p.add_argument("--char-hidden-dim", type=int, default=100)
    p.add_argument("--word-dim", type=int, default=100)
    p.add_argument("--max-vocab", type=int, default=60000)
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--w2v-epochs", type=int, default=10)
    p.add_argument("--text", default=None,
                   help="open Arabic text (.txt or .txt.xz, a sentence a line): train fastText vectors on it plus the "
                        "NER training sentences instead of word2vec on the corpora alone")
    p.add_argument("--text-max-lines", type=int, default=None, help="use only the first N lines of --text")
    p.add_argument("--ft-epochs", type=int, default=5)
    p.add_argument("--ft-min-count", type=int, default=3)
    p.add_argument("--news-dev-fraction", type=float, default=0.1)
    p.add_argument("--wiki-fraction", type=float, default=1.0, help="share of WikiFANE used (contiguous head)")
    p.add_argument("--no-newsfane", action="store_true")
    p.add_argument("--no-wikifane", action="store_true")
    p.add_argument("--optim", default="sgd")
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-shrink", action="store_true", help="keep float32 tensors in the saved files")
    p.add_argument("--reuse-pretrain", action="store_true",
                   help="keep the word vectors already in --out (and --work/vec_info.json), e.g. to resume with --extra --finetune")
    p.add_argument("--finalize-only", action="store_true",
                   help="skip vectors and training: shrink, score and describe the best model already in --out "
                        "(e.g. after stopping a long run; needs the same --work directory)")
    p.add_argument("--charlm-dir", default=None,
                   help="character LMs to feed the tagger: a `python -m kg.ner.charlm` work directory holding "
                        "ar_kg_forward_charlm.pt and ar_kg_backward_charlm.pt (copied beside the model)")
    p.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="further ner_tagger arguments")
    return p


def main(argv: list[str] | None = None) -> dict:
    args = build_argparser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    import torch
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)  # tiny LSTM gradients otherwise slow CPU steps down twentyfold
    random.seed(args.seed)

    data = Path(args.data)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="kg-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    # ---- corpora and splits
    aner = prepare(read_conll(data / "anercorp" / "train.conll"))
    n_dev = int(round(len(aner) * args.news_dev_fraction))
    aner_train, aner_dev = aner[:len(aner) - n_dev], aner[len(aner) - n_dev:]
    aq_train = prepare(read_conll(data / "aqmar" / "train.conll"))
    aq_dev = prepare(read_conll(data / "aqmar" / "dev.conll"))
    parts = {"anercorp/train.conll (head)": aner_train, "aqmar/train.conll": aq_train}
    dropped_newsfane = 0
    if not args.no_newsfane and (data / "newsfane" / "newsfane.conll").exists():
        nf = prepare(read_conll(data / "newsfane" / "newsfane.conll"), fane=True)
        nf, dropped_newsfane = drop_overlap(nf, aner_dev)
        parts["newsfane/newsfane.conll (minus anercorp-dev text)"] = nf
    if not args.no_wikifane and (data / "wikifane" / "wikifane.conll").exists():
        wf = prepare(read_conll(data / "wikifane" / "wikifane.conll"), fane=True)
        wf = wf[:int(len(wf) * args.wiki_fraction)]
        wf, _ = drop_overlap(wf, aq_dev, threshold=0.5, window=0)
        parts["wikifane/wikifane.conll"] = wf
    train = [s for p in parts.values() for s in p]
    random.Random(args.seed).shuffle(train)  # training order only; dev blocks stay contiguous
    write_json(train, work / "train.json")
    write_json(aner_dev, work / "news_dev.json")
    write_json(aq_dev, work / "wiki_dev.json")
    write_conll(aner_dev, work / "news_dev.conll")
    write_conll(aq_dev, work / "wiki_dev.conll")
    log.info("train %d sentences; news dev %d; wiki dev %d; newsfane dropped %d",
             len(train), len(aner_dev), len(aq_dev), dropped_newsfane)

    # ---- word vectors
    pretrain_path = out / PRETRAIN_NAME
    if args.finalize_only or args.reuse_pretrain:
        vec_info = json.loads((work / "vec_info.json").read_text(encoding="utf-8"))
    elif args.text:
        from kg.ner.vectors import build_fasttext_pretrain
        vec_info = build_fasttext_pretrain(args.text, train, pretrain_path, work, args.word_dim, args.ft_min_count,
                                           args.max_vocab, args.ft_epochs, args.seed, max_lines=args.text_max_lines)
        (work / "vec_info.json").write_text(json.dumps(vec_info), encoding="utf-8")
    else:
        vec_info = build_pretrain([t for t, _ in train], pretrain_path, work, args.word_dim, args.min_count,
                                  args.max_vocab, args.w2v_epochs, args.seed)
        (work / "vec_info.json").write_text(json.dumps(vec_info), encoding="utf-8")
    log.info("pretrain: %s", vec_info)

    # ---- Stanza training
    max_steps = args.max_steps
    if args.epochs:
        max_steps = int(args.epochs * len(train) / args.batch_size)
    from stanza.models import ner_tagger
    tagger_args = [
        "--mode", "train", "--shorthand", "ar_kg",
        "--train_file", str(work / "train.json"), "--eval_file", str(work / "news_dev.json"),
        "--wordvec_pretrain_file", str(pretrain_path),
        "--save_dir", str(out), "--save_name", MODEL_NAME,
        "--scheme", "bioes", "--max_steps", str(max_steps), "--eval_interval", str(args.eval_interval),
        "--max_steps_no_improve", str(max(args.eval_interval * 6, 2500)),
        "--batch_size", str(args.batch_size), "--hidden_dim", str(args.hidden_dim),
        "--char_hidden_dim", str(args.char_hidden_dim), "--word_emb_dim", str(args.word_dim),
        "--pretrain_max_vocab", str(vec_info["vocab"] + 10), "--optim", args.optim, "--lr", str(args.lr),
        "--seed", str(args.seed), "--log_step", "100",
    ]
    charlm_info = None
    if args.charlm_dir:
        charlm_info = use_charlms(Path(args.charlm_dir), out)
        tagger_args += ["--charlm", "--charlm_shorthand", "ar_kg"] + [
            a for key, name in CHARLM_NAMES.items() for a in (f"--{key}", str(out / name))]
    if not torch.cuda.is_available():
        tagger_args.append("--cpu")
    tagger_args += args.extra
    log.info("ner_tagger %s", " ".join(tagger_args))
    t1 = time.time()
    if args.finalize_only:
        train_seconds = json.loads((work / "train_seconds.json").read_text()) if (work / "train_seconds.json").exists() else None
    else:
        handler = _HistoryHandler(work / "history.json")
        logging.getLogger("stanza").addHandler(handler)
        try:
            ner_tagger.main(tagger_args)
        finally:
            logging.getLogger("stanza").removeHandler(handler)
        train_seconds = round(time.time() - t1, 1)
        (work / "train_seconds.json").write_text(json.dumps(train_seconds))
    history = json.loads((work / "history.json").read_text()) if (work / "history.json").exists() else []

    if not args.no_shrink and not _is_half(out / MODEL_NAME):
        shrink_model(out / MODEL_NAME)
        shrink_pretrain(pretrain_path)

    # ---- scores on the contiguous dev blocks (through the product's recogniser path)
    from kg.ner import evaluate as ev
    from kg.ner import stanza_ner
    stanza_ner.clear_cache()
    rec = stanza_ner.StanzaRecognizer(model_dir=out)
    scores = {
        "anercorp_dev_tail (news)": ev.evaluate_file(work / "news_dev.conll", recognizer=rec),
        "aqmar/dev.conll (wikipedia)": ev.evaluate_file(work / "wiki_dev.conll", recognizer=rec),
    }
    for k, v in scores.items():
        log.info("%s: micro F1 %.4f", k, v["micro"]["f1"])

    info = {
        "model": MODEL_NAME,
        "pretrain": PRETRAIN_NAME,
        "labels": list(LABELS),
        "input_form": "kg.text.normalize(token) with spaces removed (raw token if that is empty)",
        "data": {k: {"sentences": len(v), "tokens": sum(len(t) for t, _ in v)} for k, v in parts.items()},
        "dev": {
            "anercorp_dev_tail (news)": {"sentences": len(aner_dev), "source": f"last {n_dev} sentences of anercorp/train.conll"},
            "aqmar/dev.conll (wikipedia)": {"sentences": len(aq_dev)},
            "model_selection": "anercorp_dev_tail (news)",
            "newsfane_sentences_dropped_for_overlap_with_news_dev": dropped_newsfane,
        },
        "tag_mapping": {"coarse": _COARSE, "fane": _FANE},
        "word_vectors": vec_info,
        "character_lms": charlm_info,
        "settings": {k: v for k, v in vars(args).items() if k not in ("data", "out", "work")},
        "ner_tagger_args": tagger_args[:2] + [a if not a.startswith(str(work)) else os.path.basename(a) for a in tagger_args[2:]],
        "train_seconds": train_seconds,
        "dev_history (stanza scorer, news dev, BIOES)": history,
        "total_seconds": round(time.time() - t0, 1),
        "scores": scores,
        "versions": {"stanza": __import__("stanza").__version__, "torch": torch.__version__},
    }
    info["ner_tagger_args"] = [a.replace(str(out) + os.sep, "").replace(str(out), ".") for a in info["ner_tagger_args"]]
    (out / "training.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return info


if __name__ == "__main__":
    main(sys.argv[1:])
