"""NER: the bundled Stanza model (offline), offsets, tag mapping, scoring, recogniser factory."""
from __future__ import annotations

import socket

import pytest

from kg.doc import Article, Doc
from kg.errors import KgError
from kg.text import split_sentences, tokenize


def make_doc(text: str) -> Doc:
    doc = Doc(Article(id="t", text=text))
    doc.sentences = split_sentences(text, tokenize(text))
    return doc


@pytest.fixture(scope="module")
def recognizer():
    from kg.ner import stanza_ner

    real_connect = socket.socket.connect

    def no_network(*args, **kwargs):  # loading must not touch the network
        raise AssertionError("the NER model tried to open a network connection")

    socket.socket.connect = no_network
    try:
        stanza_ner.clear_cache()
        from kg.ner import get_recognizer
        rec = get_recognizer("stanza")
    finally:
        socket.socket.connect = real_connect
    return rec


def test_bundled_model_finds_person_and_place(recognizer):
    doc = make_doc("وصل الرئيس الروسي فلاديمير بوتين إلى موسكو يوم الأحد بعد زيارة رسمية إلى الصين.")
    recognizer(doc)
    found = {(m.text, m.label) for m in doc.mentions}
    assert ("فلاديمير بوتين", "PER") in found
    assert ("موسكو", "LOC") in found
    assert all(m.source == "stanza" and m.kind == "name" for m in doc.mentions)


def test_mention_offsets_slice_exactly(recognizer):
    text = ("  قالَ الرئيسُ الأمريكي دونالد ترامب، في واشنطن ـ الثلاثاء: إن «روسيا» ستلتقي الصين.\n"
            "وأعلن وزير الخارجية الروسي سيرغي لافروف أن موسكو وبكين اتفقتا.")
    docs = [make_doc(text), make_doc("التقى أردوغان بنظيره الإيراني في أنقرة.")]
    recognizer.recognize_many(docs)
    assert any(d.mentions for d in docs)
    for d in docs:
        for m in d.mentions:
            assert d.text[m.start:m.end] == m.text
            assert m.text == m.text.strip() and m.text
            assert m.label in {"PER", "LOC", "ORG", "MISC"}


def test_empty_doc(recognizer):
    doc = make_doc("")
    assert recognizer(doc).mentions == []


def test_tag_mapping():
    from kg.ner.train import map_tag

    assert map_tag("B-PERS") == "B-PER"
    assert map_tag("I-MIS") == "I-MISC"
    assert map_tag("B-Politician") == "B-PER"
    assert map_tag("I-Population-Center") == "I-LOC"
    assert map_tag("B-Nation") == "B-LOC"
    assert map_tag("B-Government") == "B-ORG"
    assert map_tag("B-Media") == "B-ORG"
    assert map_tag("B-Book") == "B-MISC"
    assert map_tag("B-Group") == "O"
    assert map_tag("S-LOC") == "B-LOC" and map_tag("E-ORG") == "I-ORG"
    assert map_tag("O") == "O"


def test_spans_from_bioes():
    from kg.ner.stanza_ner import spans_from_tags

    assert spans_from_tags(["B-PER", "E-PER", "O", "S-LOC"]) == [(0, 1, "PER"), (3, 3, "LOC")]
    assert spans_from_tags(["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]) == [(0, 1, "PER"), (3, 4, "LOC")]
    assert spans_from_tags(["I-ORG", "B-LOC"]) == [(0, 0, "ORG"), (1, 1, "LOC")]


class FixedRecognizer:
    """Returns preset BIOES tags, so scoring can be checked exactly."""

    source = "fixed"

    def __init__(self, tags):
        self.tags = tags

    def tag_tokens(self, sentences, batch_size=None):
        assert [len(s) for s in sentences] == [len(t) for t in self.tags]
        return self.tags


def test_evaluate_file_numbers(tmp_path):
    from kg.ner.evaluate import evaluate_file

    bio = tmp_path / "tiny.conll"
    bio.write_text(
        "فلاديمير\tB-PERS\nبوتين\tI-PERS\nفي\tO\nموسكو\tB-Population-Center\n.\tO\n\n"
        "العرب\tB-Group\nو\tO\nالأمم\tB-Non-Governmental\nالمتحدة\tI-Non-Governmental\nو\tO\nالمونديال\tB-MIS\n\n",
        encoding="utf-8")
    # gold entities: PER(0-1), LOC(3) | ORG(2-3), MISC(5); "العرب" (Group) maps to O
    pred = [["B-PER", "E-PER", "O", "S-ORG", "O"],          # PER right, LOC missed (typed ORG)
            ["S-PER", "O", "B-ORG", "E-ORG", "O", "O"]]     # spurious PER, ORG right, MISC missed
    res = evaluate_file(bio, recognizer=FixedRecognizer(pred))
    assert res["sentences"] == 2 and res["tokens"] == 11
    assert res["micro"]["support"] == 4
    assert res["micro"]["precision"] == pytest.approx(0.5)   # 2 of 4 predicted
    assert res["micro"]["recall"] == pytest.approx(0.5)      # 2 of 4 gold
    assert res["micro"]["f1"] == pytest.approx(0.5)
    assert res["per_type"]["PER"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert res["per_type"]["LOC"]["recall"] == 0.0
    assert res["per_type"]["ORG"]["precision"] == 0.5 and res["per_type"]["ORG"]["recall"] == 1.0
    assert res["per_type"]["MISC"]["support"] == 1


def test_evaluate_file_missing(tmp_path):
    from kg.ner.evaluate import evaluate_file

    with pytest.raises(KgError):
        evaluate_file(tmp_path / "nope.conll", recognizer=FixedRecognizer([]))


def test_official_model_missing_gives_kgerror(tmp_path, monkeypatch):
    from kg.ner import get_recognizer

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(KgError) as e:
        get_recognizer("stanza-official")
    msg = str(e.value)
    assert "\n" not in msg and "stanza.download" in msg and str(tmp_path) in msg


def test_unknown_recognizer():
    from kg.ner import get_recognizer

    with pytest.raises(KgError):
        get_recognizer("nope")


def test_character_lms_are_read_from_the_model_directory(tmp_path):
    """Stanza records the charlm paths a model was trained with; the bundled model reads them from its own folder."""
    from kg.errors import KgError
    from kg.ner.stanza_ner import CHARLM_NAMES, with_charlms

    plain = {"charlm": False, "charlm_forward_file": "/elsewhere/f.pt"}
    assert with_charlms(plain, tmp_path) is plain
    trained = {"charlm": True, "charlm_forward_file": "/train/box/f.pt", "charlm_backward_file": "/train/box/b.pt"}
    with pytest.raises(KgError, match="character LMs that are missing"):
        with_charlms(trained, tmp_path)
    for name in CHARLM_NAMES.values():
        (tmp_path / name).write_bytes(b"x")
    got = with_charlms(trained, tmp_path)
    assert got["charlm_forward_file"] == str(tmp_path / "ar_kg_forward_charlm.pt")
    assert got["charlm_backward_file"] == str(tmp_path / "ar_kg_backward_charlm.pt")
    assert trained["charlm_forward_file"] == "/train/box/f.pt"                    # the model's own config untouched
