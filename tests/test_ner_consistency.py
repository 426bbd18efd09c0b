"""kg/ner/consistency.py: a name tagged once in a document is tagged where the model missed it."""
from kg.ner.consistency import names_of, propagate, propagate_docs


def _doc():
    forms = [["قال", "الوزير", "خالد", "العمري", "إن", "الأمم", "المتحدة", "ترحب"],
             ["وأضاف", "العمري", "أن", "الأمم", "المتحدة", "ستجتمع"],
             ["وزار", "بن", "سالم", "المدينة"]]
    tags = [["O", "O", "B-PER", "E-PER", "O", "B-ORG", "E-ORG", "O"],
            ["O", "O", "O", "O", "O", "O"],
            ["O", "O", "O", "O"]]
    return forms, tags


def test_surnames_and_multi_token_names_recur():
    forms, tags = _doc()
    out = propagate(forms, tags)
    assert out[1] == ["O", "S-PER", "O", "B-ORG", "E-ORG", "O"]
    assert out[0] == tags[0]                       # what the model tagged is kept
    assert out[2] == ["O", "O", "O", "O"]


def test_particles_are_no_surnames_and_single_names_need_a_majority():
    forms = [["التقى", "محمد", "بن", "راشد"], ["ثم", "بن", "راشد", "عاد"], ["في", "دبي"], ["من", "دبي"], ["إلى", "دبي"]]
    tags = [["O", "B-PER", "I-PER", "E-PER"], ["O", "O", "O", "O"], ["O", "S-LOC"], ["O", "O"], ["O", "O"]]
    names = names_of(forms, tags)
    assert ("راشد",) in names and ("بن",) not in names
    assert ("دبي",) not in names                   # tagged once, left untagged twice: no vote to spread
    tags[3] = ["O", "S-LOC"]
    assert names_of(forms, tags)[("دبي",)] == "LOC"
    assert propagate(forms, tags)[4] == ["O", "S-LOC"]


def test_documents_do_not_share_names():
    forms, tags = _doc()
    out = propagate_docs([1, 2], forms, tags)
    assert out[1] == ["O", "O", "O", "O", "O", "O"]   # the second document never named العمري
    assert propagate_docs([3], forms, tags)[1][1] == "S-PER"
