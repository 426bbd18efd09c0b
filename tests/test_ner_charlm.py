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
    prepare(text, tmp_path / "w", chunks=3)
    assert (tmp_path / "w" / "dev.txt").read_text(encoding="utf-8").splitlines() == ["سطر رقم 0", "سطر رقم 1"]
    chunks = sorted((tmp_path / "w" / "train").iterdir())
    assert [len(c.read_text(encoding="utf-8").splitlines()) for c in chunks] == [3, 3, 2]
