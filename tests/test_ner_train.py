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


def test_a_model_with_character_lms_ships_them_and_the_recogniser_uses_them(tmp_path):
    """--charlm-dir: tiny forward and backward charlms (Stanza's trainer, kg.ner.charlm) feed the tagger;
    they are copied beside the model, described in training.json, and read at load time."""
    from kg.ner import charlm
    from kg.ner.stanza_ner import CHARLM_NAMES

    _, data = _tiny_corpus(tmp_path)
    text = tmp_path / "text.txt"
    text.write_text("\n".join(f"زار الرئيس العاصمة رقم {k} والتقى رئيس الوزراء" for k in range(30)) + "\n",
                    encoding="utf-8")
    lm = tmp_path / "charlm"
    charlm.prepare(text, lm, chunks=1, cutoff=0)
    for direction in ("forward", "backward"):
        assert charlm.train(lm, direction, char_hidden_dim=8, char_emb_dim=8, batch_size=2, bptt_size=10, cutoff=0) == 0
    out = tmp_path / "model"
    proc = run_kg("ner", "train", "--data", data, "--out", out, "--work", tmp_path / "work", "--max-steps", "10",
                  "--eval-interval", "10", "--threads", "1", "--hidden-dim", "16", "--w2v-epochs", "1",
                  "--charlm-dir", lm, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert "--charlm" in info["ner_tagger_args"]
    assert info["character_lms"]["forward"]["chunks_trained"] == 1 and info["character_lms"]["backward"]["dev_ppl_history"]
    assert all((out / name).is_file() for name in CHARLM_NAMES.values())
    shutil.copy(ROOT / "kg" / "ner" / "model" / "LICENSE", out / "LICENSE")
    rec = StanzaRecognizer(out)
    assert rec._tagger.trainer.args["charlm"]
    assert len(rec.tag_tokens([["زار", "الرئيس", "موسكو"]])[0]) == 3
