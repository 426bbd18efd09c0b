"""An article's digest (kg/digest.py): what the merge step reads instead of the article's whole result."""
import json

from kg import digest
from kg.digest import Digester
from kg.facts import article_facts
from kg.pipeline import Pipeline


def test_digest_is_used_only_while_its_types_are_final(tmp_path):
    pipe = Pipeline(ner="gazetteer")
    from kg.doc import Article, Mention
    doc = pipe.prepare(Article(id="a", text="قال فلان الفلاني إن الاجتماع مهم."))
    doc.mentions = [Mention(4, 16, "فلان الفلاني", "PER", source="ner")]
    pipe.finish(doc)
    minted = [m.entity for m in doc.mentions if m.entity and m.entity not in pipe.catalog.entities]
    assert minted, "the test needs an entity minted by the article"
    digester = Digester(pipe.catalog)
    digest.write(tmp_path, "a.json", digester.make(doc, dict(doc.new_types)))
    dg = digest.read(tmp_path, "a.json")
    assert dg.lines == digester.builder.article_lines(doc, dict(doc.new_types))
    assert dg.facts == json.loads(json.dumps({**article_facts(doc), "article": {"published": None, "source": None}},
                                             ensure_ascii=False))
    assert dg.current(dict(doc.new_types))
    # a digest of an older kind, without the article's date and source (the summary graph needs them): made again
    older = digest.Digest(dg.lines, {k: v for k, v in dg.facts.items() if k != "article"}, dg.used, dg.content, dg.types)
    assert not older.current(dict(doc.new_types))
    assert not dg.current({iri: "Place" for iri in minted})  # another article's type won: made again
    (tmp_path / "a.digest.json").write_text("{", encoding="utf-8")
    assert digest.read(tmp_path, "a.json") is None  # unreadable: made again from the stored result
