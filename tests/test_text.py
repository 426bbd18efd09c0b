from hypothesis import given, strategies as st

from kg.text import normalize, normalize_with_map, split_sentences, tokenize


def test_normalize_folds_spelling_variation():
    assert normalize("أُون") == normalize("اون") == "اون"
    assert normalize("إيران") == normalize("ايران")
    assert normalize("كوريا الشمالية") == normalize("كوريا الشماليه")
    assert normalize("مصطفى") == normalize("مصطفي")
    assert normalize("الكوريّة") == normalize("الكورية")
    assert normalize("بيـــونغ") == normalize("بيونغ")  # tatweel
    assert normalize("\u200fروسيا\u200e") == "روسيا"  # bidi marks
    assert normalize("٢٠٢٥") == "2025"
    assert normalize("  a   b ") == "a b"


def test_normalize_with_map_points_back():
    text = "الرئيسُ الروسيّ"
    norm, index = normalize_with_map(text)
    assert len(norm) == len(index)
    for i, ch in enumerate(norm):
        assert normalize(text[index[i]]) == ch or text[index[i]].isspace()


def test_tokens_slice_and_sentences():
    text = "التقى بوتين (AP) – كيم، في بكين يوم 3 سبتمبر 2025. وقال: \"نعم\".\nسطر جديد"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks][:4] == ["التقى", "بوتين", "(", "AP"]
    sents = split_sentences(text, toks)
    assert len(sents) == 3
    assert text[sents[-1].start:sents[-1].end] == "سطر جديد"


def test_long_run_without_spaces_is_bounded():
    text = "ا" * 10_000
    toks = tokenize(text)
    assert max(t.end - t.start for t in toks) <= 200
    assert "".join(t.text for t in toks) == text


@given(st.text(max_size=300))
def test_every_token_offset_slices_to_its_token(text):
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text
    for s in split_sentences(text):
        assert 0 <= s.start <= s.end <= len(text)


@given(st.text(max_size=200))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
    norm, index = normalize_with_map(text)
    assert len(norm) == len(index) and all(0 <= i < len(text) for i in index)


def test_presentation_block_code_points_without_decomposition():
    # ﴾ ﴿ and unassigned code points of the presentation-forms block have no NFKC decomposition: kept as they are
    text = "قال \ufd3e\ufd3f \ufbc3 \ufefb"
    norm, index = normalize_with_map(text)
    assert "\ufd3e\ufd3f" in norm and norm.endswith("لا")
    assert len(norm) == len(index)
