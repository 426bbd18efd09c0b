"""`kg ner train` end to end on a tiny corpus: vectors, Stanza's trainer, shrinking, scores, and a model the
recogniser loads. (The shipped model is trained the same way on ../shared/data/ner; see training.json.)"""
import json
import shutil

from kg.ner.stanza_ner import StanzaRecognizer
from kg.ner.train import read_conll, write_conll

from .conftest import ROOT, run_kg


def test_train_a_tiny_model_that_the_recogniser_loads(tmp_path):
    sample = read_conll(ROOT / "bench" / "data" / "ner_sample.conll")
    data = tmp_path / "data"
    for name, part in (("anercorp/train.conll", sample[:300]), ("aqmar/train.conll", sample[300:360]),
                       ("aqmar/dev.conll", sample[360:400])):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        write_conll(part, data / name)
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
