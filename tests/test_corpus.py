import json
from datetime import date

import pytest

from kg.corpus import read_corpus
from kg.errors import KgError

AR = "التقى الرئيس الروسي فلاديمير بوتين في موسكو."


def test_seeds_read_with_metadata():
    c = read_corpus("seeds")
    assert len(c.articles) == 5 and not c.problems
    a = {x.id: x for x in c.articles}["003_54d2f6cd4b201a0d"]
    assert a.published == date(2023, 9, 13)
    assert a.text.startswith("(موسكو)")


def test_jsonl_and_txt_with_bom_and_cp1256(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + AR.encode())
    (tmp_path / "b.txt").write_bytes(AR.encode("cp1256"))
    (tmp_path / "more.jsonl").write_text(json.dumps({"id": "x1", "text": AR, "published": "2024-06-19"}) + "\n", encoding="utf-8")
    c = read_corpus(tmp_path)
    texts = {a.id: a.text for a in c.articles}
    assert texts == {"a": AR, "b": AR, "x1": AR}
    assert {a.id: a.published for a in c.articles}["x1"] == date(2024, 6, 19)


def test_metadata_file_beside_txt(tmp_path):
    (tmp_path / "one.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_text(json.dumps({"file": "one.txt", "id": "n-1", "published": "2025-01-02", "source": "AFP"}), encoding="utf-8")
    [a] = read_corpus(tmp_path).articles
    assert (a.id, a.published, a.source) == ("n-1", date(2025, 1, 2), "AFP")


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    (b"   \n\t ", "empty"),
    (b"\xff\xfe\x00\x00\x9f\x92\x96", "binary"),
])
def test_bad_files_are_problems_not_crashes(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    c = read_corpus(tmp_path)
    assert [a.id for a in c.articles] == ["good"]
    assert len(c.problems) == 1 and message in c.problems[0]
    with pytest.raises(KgError, match=message):
        read_corpus(tmp_path, strict=True)


def test_unknown_encoding_is_refused(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Ceci est un texte français très ordinaire, déjà vu.".encode("latin-1"))
    c = read_corpus(tmp_path)
    assert not c.articles and "not UTF-8" in c.problems[0]


def test_malformed_jsonl_reports_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "نص"}\n{broken\n{"id": "3", "text": "نص آخر"}\n', encoding="utf-8")
    c = read_corpus(tmp_path)
    assert [a.id for a in c.articles] == ["1", "3"]
    assert "a.jsonl:2" in c.problems[0]


def test_duplicate_ids_and_bad_dates(tmp_path):
    rows = [{"id": "d", "text": AR, "published": "2025-13-45"}, {"id": "d", "text": AR}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    c = read_corpus(tmp_path)
    assert len(c.articles) == 1 and c.articles[0].published is None
    assert any("not a valid ISO date" in w for w in c.warnings)  # the article is kept, without a date
    assert any("no published date" in w for w in c.warnings)
    assert any("duplicate article id" in p for p in c.problems)


@pytest.mark.parametrize("value", ["1066-10-14", "2999-01-01"])
def test_impossible_published_date_is_ignored(tmp_path, value):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": AR, "published": value}), encoding="utf-8")
    c = read_corpus(tmp_path)
    assert c.articles[0].published is None and not c.problems
    assert [w for w in c.warnings if "impossible" in w and value in w]


def test_jsonl_record_over_the_limit_is_skipped_without_reading_it_whole(tmp_path):
    rows = [json.dumps({"id": "big", "text": "ب" * 40000}), json.dumps({"id": "ok", "text": AR})]
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    c = read_corpus(tmp_path, max_bytes=1000)
    assert [a.id for a in c.articles] == ["ok"]
    assert any(":1: record exceeds the 1,000-byte limit" in p for p in c.problems)
    with pytest.raises(KgError, match="exceeds"):
        read_corpus(tmp_path, max_bytes=1000, strict=True)


def test_missing_empty_and_non_text(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        read_corpus(tmp_path / "nope")
    with pytest.raises(KgError, match="no .txt or .jsonl"):
        read_corpus(tmp_path)
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(KgError, match="not an article file"):
        read_corpus(tmp_path / "x.png")


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [a.id for a in read_corpus(tmp_path).articles] == ["a"]
