"""The bundled Stanza NER model, run fully offline on the project's own tokens.

The model (kg/ner/model/ar_kg_nertagger.pt + ar_kg_pretrain.pt, trained by `kg.ner.train`) is loaded
with Stanza's own NER `Trainer` and `DataLoader` (what `stanza.Pipeline`'s NER processor runs inside).
We do not go through `stanza.Pipeline` itself: in stanza 1.15 a Pipeline insists on a resources.json
in a stanza_resources directory even with download_method=None and tokenize_pretokenized=True,
which the product must not need. Sentences and tokens come from `kg.text` (doc.sentences); each token
is fed to the model in `kg.text.normalize` form (the form it was trained on) and every predicted span
is mapped back to character offsets through the original tokens, so mentions slice exactly from the
article text.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Iterable, Sequence

from kg.doc import Doc, Mention
from kg.errors import KgError

MODEL_DIR = Path(__file__).parent / "model"
MODEL_NAME = "ar_kg_nertagger.pt"
PRETRAIN_NAME = "ar_kg_pretrain.pt"
#: the character LMs a model trained with `--charlm` reads at load time, beside it in the model directory
CHARLM_NAMES = {"charlm_forward_file": "ar_kg_forward_charlm.pt", "charlm_backward_file": "ar_kg_backward_charlm.pt"}
LABELS = {"PER", "LOC", "ORG", "MISC"}

_CACHE: dict[tuple, object] = {}
_LOCK = threading.Lock()


def clear_cache() -> None:
    _CACHE.clear()


def _threads() -> int:
    env = os.environ.get("KG_NER_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    # On a few shared cores torch's threads spin against a neighbour's load and NER collapses (64 articles:
    # 48.7 s with 2 threads under load, 5.4 s with 1; idle 4.5 s vs 4.7 s); during a build the other core
    # links and extracts. One thread there; half the cores, at most 4, on a bigger machine.
    cores = os.cpu_count() or 1
    return 1 if cores <= 4 else min(4, cores // 2)


def check_model(model_dir: Path = MODEL_DIR) -> None:
    if not (model_dir / MODEL_NAME).is_file() or not (model_dir / PRETRAIN_NAME).is_file():
        raise KgError(f"the bundled NER model is missing from {model_dir}; "
                      f"train it with: python -m kg.ner.train --data CORPUS_DIR --out {model_dir}")


def _model_form(token: str) -> str:
    from kg.text import normalize
    n = normalize(token).replace(" ", "")
    return n or token


def _coarse(label: str) -> str | None:
    from kg.ner.train import map_label
    try:
        return map_label(label)
    except ValueError:
        return "MISC"


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, last token inclusive, type) for BIOES or BIO tags; tolerant of ill-formed runs."""
    spans: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, tag in enumerate(tags):
        prefix, label = (tag[0], tag[2:]) if len(tag) > 2 and tag[1] == "-" else ("O", None)
        if prefix in ("B", "S") or prefix in ("I", "E") and (typ != label or start is None):
            if start is not None:
                spans.append((start, i - 1, typ))
            start, typ = i, label
        elif prefix == "O":
            if start is not None:
                spans.append((start, i - 1, typ))
            start, typ = None, None
        if prefix in ("S", "E") and start is not None:
            spans.append((start, i, typ))
            start, typ = None, None
    if start is not None:
        spans.append((start, len(tags) - 1, typ))
    return spans


def with_charlms(config: dict, model_dir: Path) -> dict:
    """The model's config with its character LMs read from the model directory: Stanza keeps the charlms
    out of the NER file and records the paths they were trained from, which exist only where it was
    trained. A model without charlms is returned as it is."""
    if not config.get("charlm"):
        return config
    files = {key: model_dir / name for key, name in CHARLM_NAMES.items()}
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        raise KgError(f"the bundled NER model uses character LMs that are missing: {', '.join(missing)}")
    return {**config, **{key: str(f) for key, f in files.items()}}


def _fast_trainer(model_path: Path, pretrain):
    """Stanza's NER Trainer for prediction only, loaded like Trainer.load but ~2x faster.

    Trainer(model_file=...) unpickles the 77k-word vocab with torch's weights-only unpickler (~1.5 s)
    and builds an SGD optimizer (importing torch.optim internals, ~1.5 s) that prediction never uses.
    The bundled file is our own, so it is read with the regular unpickler and no optimizer is built.
    """
    import torch
    from stanza.models.ner.model import NERTagger
    from stanza.models.ner.trainer import Trainer
    from stanza.models.ner.vocab import MultiVocab

    checkpoint = torch.load(model_path, map_location="cpu", weights_only=False)
    if checkpoint["config"].get("bert_model") or checkpoint.get("bert_lora"):
        raise ValueError("transformer-based NER models use Stanza's own loader")
    trainer = Trainer.__new__(Trainer)
    trainer.args = with_charlms(checkpoint["config"], model_path.parent)
    if trainer.args.get("predict_tagset") is None:
        trainer.args["predict_tagset"] = 0
    trainer.vocab = MultiVocab.load_state_dict(checkpoint["vocab"])
    trainer.model = NERTagger(trainer.args, trainer.vocab, emb_matrix=pretrain.emb)
    trainer.model.load_state_dict(checkpoint["model"], strict=False)
    trainer.model.to("cpu")
    return trainer


class _Tagger:
    """Stanza NER Trainer + vocab, loaded once."""

    def __init__(self, model_path: Path, pretrain_path: Path, batch_size: int = 64):
        import torch
        if torch.get_num_threads() > _threads():
            torch.set_num_threads(_threads())
        from stanza.models.common.pretrain import Pretrain
        from stanza.models.ner.trainer import Trainer

        check_model(model_path.parent)
        pretrain = Pretrain(str(pretrain_path), save_to_file=False)
        pretrain.load()
        try:
            self.trainer = _fast_trainer(model_path, pretrain)
        except KgError:
            raise
        except Exception:  # any stanza-internal drift: fall back to Stanza's own (slower) loader
            self.trainer = Trainer(model_file=str(model_path), pretrain=pretrain, device="cpu",
                                   args={k: str(model_path.parent / n) for k, n in CHARLM_NAMES.items()})
        self.trainer.model.float()  # the shipped file stores float16 tensors
        self.trainer.model.eval()
        self.config = dict(self.trainer.args)
        self.config["batch_size"] = batch_size
        self.config["mode"] = "predict"

    def tag(self, sentences: list[list[str]], batch_size: int | None = None) -> list[list[str]]:
        """BIOES tags for pretokenised sentences (token forms as the model expects them)."""
        import torch
        from stanza.models.common.doc import Document
        from stanza.models.ner.data import DataLoader

        out: list[list[str]] = []
        if not sentences:
            return out
        config = self.config if batch_size is None else {**self.config, "batch_size": batch_size}
        # sorted by length so that each batch pads little (Stanza's loader does not sort across batches)
        keep = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        doc = Document([[{"id": j + 1, "text": w} for j, w in enumerate(sentences[i])] for i in keep])
        with torch.no_grad():
            loader = DataLoader(doc, config["batch_size"], config, vocab=self.trainer.vocab, evaluation=True,
                                preprocess_tags=False, bert_tokenizer=self.trainer.model.bert_tokenizer)
            preds: list[list[str]] = []
            for b in loader:
                preds += self.trainer.predict(b)
        result: list[list[str]] = [[] for _ in sentences]
        for i, p in zip(keep, preds):
            result[i] = [t if isinstance(t, str) else t[0] for t in p]
        return result


def _load(model_dir: Path) -> _Tagger:
    key = (str(model_dir.resolve()),)
    with _LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            tagger = _Tagger(model_dir / MODEL_NAME, model_dir / PRETRAIN_NAME)
            _CACHE[key] = tagger
        return tagger  # type: ignore[return-value]


class StanzaRecognizer:
    """Named-entity recogniser backed by the bundled Stanza model (PER, LOC, ORG, MISC)."""

    source = "stanza"

    def __init__(self, model_dir: str | os.PathLike | None = None, batch_size: int = 64):
        self.model_dir = Path(model_dir) if model_dir else MODEL_DIR
        self.batch_size = batch_size
        self._tagger = _load(self.model_dir)

    # -- token-level API (used by evaluate and the bench)
    def tag_tokens(self, sentences: list[list[str]], batch_size: int | None = None) -> list[list[str]]:
        """BIOES tags for sentences of raw token strings."""
        forms = [[_model_form(t) for t in s] for s in sentences]
        return self._tagger.tag(forms, batch_size or self.batch_size)

    # -- document API
    def __call__(self, doc: Doc) -> Doc:
        self.recognize_many([doc])
        return doc

    def recognize_many(self, docs: Iterable[Doc]) -> list[Doc]:
        docs = list(docs)
        return add_mentions(docs, self.tag_tokens(token_lists(docs)), self.source)


def token_lists(docs: Sequence[Doc]) -> list[list[str]]:
    """The docs' sentences as lists of token strings: what tag_tokens takes."""
    return [[t.text for t in s.tokens] for d in docs for s in d.sentences]


def add_mentions(docs: list[Doc], tags: list[list[str]], source: str) -> list[Doc]:
    """Turn tag_tokens' BIOES tags (one list per sentence, in token_lists order) into mentions with the
    exact character offsets of the docs' tokens. Each doc's tags go through the document pass first
    (kg.ner.consistency: a name tagged once is tagged where it recurs)."""
    from kg.ner.consistency import propagate_docs
    owners = [d for d in docs for _ in d.sentences]
    sents = [s for d in docs for s in d.sentences]
    forms = [[_model_form(t.text) for t in s.tokens] for s in sents]
    tags = propagate_docs([len(d.sentences) for d in docs], forms, tags)
    for doc, sent, stags in zip(owners, sents, tags):
        text = doc.text
        for first, last, label in spans_from_tags(stags):
            coarse = _coarse(label) if label not in LABELS else label
            if coarse is None:
                continue
            start, end = sent.tokens[first].start, sent.tokens[last].end
            doc.mentions.append(Mention(start=start, end=end, text=text[start:end], label=coarse,
                                        source=source, kind="name"))
    return docs


class OfficialStanzaRecognizer(StanzaRecognizer):
    """Stanford's official Arabic Stanza NER model, from the user's stanza_resources directory."""

    source = "stanza-official"

    def __init__(self, resources_dir: str | os.PathLike | None = None, batch_size: int = 64):
        from kg.ner import official_resources_dir
        self.batch_size = batch_size
        rdir = Path(resources_dir) if resources_dir else official_resources_dir()
        key = ("official", str(rdir))
        with _LOCK:
            pipe = _CACHE.get(key)
            if pipe is None:
                import stanza
                import torch
                if torch.get_num_threads() > _threads():
                    torch.set_num_threads(_threads())
                pipe = stanza.Pipeline(lang="ar", processors="tokenize,ner", tokenize_pretokenized=True,
                                       dir=str(rdir), download_method=None, use_gpu=False, logging_level="WARN")
                _CACHE[key] = pipe
        self._pipe = pipe

    def tag_tokens(self, sentences: list[list[str]], batch_size: int | None = None) -> list[list[str]]:
        keep = [i for i, s in enumerate(sentences) if s]
        result: list[list[str]] = [[] for _ in sentences]
        if not keep:
            return result
        sdoc = self._pipe([sentences[i] for i in keep])
        for i, s in zip(keep, sdoc.sentences):
            result[i] = [t.ner for t in s.tokens]
        return result
