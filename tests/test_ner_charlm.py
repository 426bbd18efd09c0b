"""kg/ner/charlm.py: the character LMs' training text is in the tagger's input form, split into chunks."""
from kg.ner.charlm import model_form, prepare
from kg.text import normalize


def test_model_form_is_the_taggers_input_form():
    line = "زار الرئيسُ بكينَ، ثم عاد."
    out = model_form(line)
    assert out.split() == [normalize(t) for t in ["زار", "الرئيسُ", "بكينَ", "،", "ثم", "عاد", "."]]
    assert "ُ" not in out and "  " not in out


def test_prepare_writes_a_dev_file_and_mixed_chunks(tmp_path, monkeypatch):
    import kg.ner.charlm as charlm

    monkeypatch.setattr(charlm, "DEV_LINES", 2)
    text = tmp_path / "t.txt"
    text.write_text("\n".join(f"سطر رقم {k}" for k in range(10)) + "\n", encoding="utf-8")
    prepare(text, tmp_path / "w", chunks=3, cutoff=0)
    assert (tmp_path / "w" / "dev.txt").read_text(encoding="utf-8").splitlines() == ["سطر رقم 0", "سطر رقم 1"]
    chunks = sorted((tmp_path / "w" / "train").iterdir())
    assert [len(c.read_text(encoding="utf-8").splitlines()) for c in chunks] == [3, 3, 2]


def _tiny_corpus(tmp_path, monkeypatch, lines=40):
    import kg.ner.charlm as charlm

    monkeypatch.setattr(charlm, "DEV_LINES", 4)
    text = tmp_path / "t.txt"
    text.write_text("\n".join(f"زار الرئيس مدينة رقم {k} ثم عاد إلى بلده" for k in range(lines)) + "\n", encoding="utf-8")
    work = tmp_path / "w"
    prepare(text, work, chunks=2, cutoff=0)
    return work


def test_pending_chunks_follow_the_done_list_pass_by_pass(tmp_path, monkeypatch):
    from kg.ner.charlm import pending_chunks

    work = _tiny_corpus(tmp_path, monkeypatch)
    assert [c.name for c in pending_chunks(work, "forward")] == ["chunk000.txt", "chunk001.txt"]
    (work / "forward.done").write_text("chunk001.txt\n", encoding="utf-8")
    assert [c.name for c in pending_chunks(work, "forward")] == ["chunk000.txt"]
    assert [c.name for c in pending_chunks(work, "forward", passes=2)] == ["chunk000.txt", "chunk000.txt", "chunk001.txt"]
    assert [c.name for c in pending_chunks(work, "backward")] == ["chunk000.txt", "chunk001.txt"]


def test_training_goes_chunk_by_chunk_and_resumes_from_its_checkpoint(tmp_path, monkeypatch):
    """Stanza's real trainer on a tiny corpus: one call per chunk, a checkpoint after each, a stopped run
    goes on with the next chunk and a finished one trains nothing more."""
    from kg.ner.charlm import VOCAB_NAME, train

    work = _tiny_corpus(tmp_path, monkeypatch)
    assert (work / VOCAB_NAME).exists()
    tiny = dict(char_hidden_dim=8, char_emb_dim=8, batch_size=2, bptt_size=10, cutoff=0)
    assert train(work, "forward", max_chunks=1, **tiny) == 0
    assert (work / "forward.done").read_text(encoding="utf-8").split() == ["chunk000.txt"]
    assert (work / "ar_kg_forward_checkpoint.pt").exists() and (work / "ar_kg_forward_charlm.pt").exists()
    import torch
    step1 = torch.load(work / "ar_kg_forward_checkpoint.pt", weights_only=True)["global_step"]
    assert train(work, "forward", **tiny) == 0
    assert (work / "forward.done").read_text(encoding="utf-8").split() == ["chunk000.txt", "chunk001.txt"]
    step2 = torch.load(work / "ar_kg_forward_checkpoint.pt", weights_only=True)["global_step"]
    assert step2 > step1 > 0  # the second call went on from the first one's checkpoint
    log = (work / "forward.log").read_text(encoding="utf-8")
    assert "Loading existing checkpoint" in log and log.count("### chunk") == 2
    assert train(work, "forward", **tiny) == 0
    assert (work / "forward.log").read_text(encoding="utf-8").count("### chunk") == 2
