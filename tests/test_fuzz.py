"""Property-based and fuzz tests: IRI minting for any name, the extractor on arbitrary text, the corpus
reader on arbitrary bytes. A failure here is a traceback a user would have seen."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kg.corpus import read_corpus
from kg.doc import Article
from kg.errors import KgError
from kg.ids import article_graph_iri, article_iri
from kg.link import new_entity_iri
from kg.pipeline import Pipeline

WORDS = ("التقى زار الرئيس الروسي فلاديمير بوتين كيم جونغ أون بكين موسكو في يوم الأربعاء العام الماضي معاهدة "
         "دفاع وقع البلدان أرسلت أسلحة إلى روسيا لم نفت سيزور قال إن ، . ؟ ( ) \" ' < > & } { # 2024 ١٩٥٠ 😀 \u202e "
         "\u200f ـ ً ٌ <script>").split()


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


@given(st.text(max_size=80))
def test_minted_iris_are_valid_for_any_name(name):
    for iri in (new_entity_iri(name or "x"), article_iri(name or "x"), article_graph_iri(name or "x")):
        g = Graph()
        g.add((URIRef(iri), URIRef("http://example.org/p"), Literal(name)))
        again = Graph().parse(data=g.serialize(format="nt"), format="nt")
        assert set(again) == set(g)
        assert not any(c in iri for c in ' <>"{}|\\^`\n')


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60),
       published=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1))))
def test_extractor_never_crashes_and_offsets_hold(pipe, words, published):
    text = " ".join(words)
    doc = pipe.process(Article(id="fuzz", text=text, published=published))
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    for ev in doc.events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        assert ev.status in ("occurred", "planned", "denied", "speculative")


@settings(max_examples=40, deadline=None)
@given(files=st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.jsonl", "articles.jsonl", "d.bin"]),
                                st.binary(max_size=300)), max_size=4))
def test_corpus_reader_on_arbitrary_bytes(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("fuzz")
    for name, data in files:
        (root / name).write_bytes(data)
    try:
        corpus = read_corpus(str(root))
    except KgError as e:
        assert str(e) and "\n" not in str(e).strip()
        return
    for a in corpus.articles:
        assert isinstance(a.text, str) and a.text.strip()
