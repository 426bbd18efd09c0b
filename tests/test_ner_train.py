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
                  "--eval-interval", "15", "--threads", "1", "--hidden-dim", "32", "--w2v-epochs", "1",
                  "--average-from", "15", "--average-every", "5", timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert set(info["labels"]) >= {"PER", "LOC", "ORG"}
    assert {"sentences"} <= set(info["data"]["anercorp/train.conll (head)"])
    assert info["weight_averaging"] == {"from_step": 15, "every": 5, "checkpoints": 4}  # steps 15, 20, 25, 30
    assert info["scores"] and all(0 <= s["micro"]["f1"] <= 1 for s in info["scores"].values()), info["scores"]
    for f in ("ar_kg_nertagger.pt", "ar_kg_pretrain.pt"):
        assert (out / f).stat().st_size > 0
    shutil.copy(ROOT / "kg" / "ner" / "model" / "LICENSE", out / "LICENSE")
    rec = StanzaRecognizer(out)
    tags = rec.tag_tokens([["التقى", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "."]])
    assert len(tags) == 1 and len(tags[0]) == 7


def test_weight_average_is_the_mean_of_the_checkpoints_and_keeps_vocab_and_config(tmp_path):
    import torch

    from kg.ner.train import _WeightAverage

    avg = _WeightAverage(start=10, every=5)
    for x in (1.0, 2.0, 6.0):
        avg.add({"w": torch.full((2, 2), x), "steps": torch.tensor([7])})  # integer buffers are not averaged
    path = tmp_path / "m.pt"
    torch.save({"model": {"w": torch.zeros(2, 2), "steps": torch.tensor([7])}, "vocab": {"v": 1}, "config": {"c": 2}}, path)
    avg.save_into(path)
    params = torch.load(path, weights_only=False)
    assert torch.equal(params["model"]["w"], torch.full((2, 2), 3.0))
    assert params["model"]["steps"].tolist() == [7] and params["vocab"] == {"v": 1} and params["config"] == {"c": 2}
