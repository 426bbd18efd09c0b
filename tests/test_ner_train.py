"""`kg ner train` end to end on a tiny corpus: vectors, Stanza's trainer, shrinking, scores, and a model the
recogniser loads. (The shipped model is trained the same way on ../shared/data/ner; see training.json.)"""
import json
import shutil

from kg.ner.stanza_ner import StanzaRecognizer
from kg.ner.train import model_form, read_conll, write_conll

from .conftest import ROOT, run_kg


def _tiny_corpus(tmp_path):
    """The corpus layout `kg ner train --data` reads, from 400 sentences of the bench sample."""
    sample = read_conll(ROOT / "bench" / "data" / "ner_sample.conll")
    data = tmp_path / "data"
    for name, part in (("anercorp/train.conll", sample[:300]), ("aqmar/train.conll", sample[300:360]),
                       ("aqmar/dev.conll", sample[360:400])):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        write_conll(part, data / name)
    return sample, data


def test_train_a_tiny_model_that_the_recogniser_loads(tmp_path):
    _, data = _tiny_corpus(tmp_path)
    out = tmp_path / "model"
    proc = run_kg("ner", "train", "--data", data, "--out", out, "--work", tmp_path / "work", "--max-steps", "30",
                  "--eval-interval", "15", "--threads", "1", "--hidden-dim", "32", "--w2v-epochs", "1", timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert set(info["labels"]) >= {"PER", "LOC", "ORG"}
    assert {"sentences"} <= set(info["data"]["anercorp/train.conll (head)"])
    assert info["scores"] and all(0 <= s["micro"]["f1"] <= 1 for s in info["scores"].values()), info["scores"]
    for f in ("ar_kg_nertagger.pt", "ar_kg_pretrain.pt"):
        assert (out / f).stat().st_size > 0
    shutil.copy(ROOT / "kg" / "ner" / "model" / "LICENSE", out / "LICENSE")
    rec = StanzaRecognizer(out)
    tags = rec.tag_tokens([["التقى", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "."]])
    assert len(tags) == 1 and len(tags[0]) == 7


def test_fasttext_vectors_from_a_text_corpus_cover_every_training_word(tmp_path):
    """--text: fastText on open text + the NER sentences; every training word gets a vector (n-grams)."""
    sample, data = _tiny_corpus(tmp_path)
    text = tmp_path / "text.txt"  # our own sentences, a few times over
    text.write_text("\n".join(["زار الرئيس العاصمة أمس والتقى رئيس الوزراء.",
                               "وقال الوزير إن المحادثات كانت بناءة."] * 50), encoding="utf-8")
    out = tmp_path / "model"
    proc = run_kg("ner", "train", "--data", data, "--out", out, "--work", tmp_path / "work", "--max-steps", "10",
                  "--eval-interval", "10", "--threads", "1", "--hidden-dim", "16", "--text", text,
                  "--ft-epochs", "1", "--ft-min-count", "1", "--max-vocab", "50", timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    vec = info["word_vectors"]
    assert vec["algorithm"].startswith("fastText") and vec["lines"] == 100 + sum(d["sentences"] for d in info["data"].values())
    from stanza.models.common.pretrain import Pretrain
    pt = Pretrain(str(out / "ar_kg_pretrain.pt"))
    vocab = {pt.vocab.id2unit(i) for i in range(len(pt.vocab))}
    train_words = {w for toks, _ in sample[:270] for w in toks}  # anercorp minus its dev tail
    assert model_form("الرئيس") in vocab and all(model_form(w) in vocab for w in list(train_words)[:200] if " " not in model_form(w))
