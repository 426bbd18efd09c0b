"""RDF building: one named graph per article, typed entities, events with their evidence mention whose
offsets slice the article text, valid IRIs and literals for any text (round trip through Turtle/N-Quads)."""
from datetime import date

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, XSD

from kg.doc import Article
from kg.graph import GraphBuilder, new_dataset
from kg.pipeline import Pipeline
from kg.vocab import KG

TEXT = "التقى الرئيس الروسي فلاديمير بوتين نظيره الصيني شي جين بينغ في موسكو يوم الثلاثاء."


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


def build(pipe, text, aid="a1"):
    doc = pipe.process(Article(id=aid, text=text, published=date(2024, 5, 9)))
    return doc, GraphBuilder(pipe.catalog).article_graph(doc, pipe.linker.new_types)


def test_event_with_participants_date_and_evidence(pipe):
    doc, g = build(pipe, TEXT)
    events = list(g.subjects(RDF.type, KG.Meeting))
    assert len(events) == 1
    ev = events[0]
    states = set(g.objects(ev, KG.involvesState))
    assert {str(s).rsplit("/", 1)[-1] for s in states} == {"Q159", "Q148"}
    (d,) = list(g.objects(ev, KG.date))
    assert d.datatype == XSD.date and str(d) == "2024-05-07"
    (m,) = list(g.objects(ev, KG.evidence))
    start, end = int(g.value(m, KG.startOffset)), int(g.value(m, KG.endOffset))
    assert str(g.value(m, KG.text) or g.value(m, KG.sentence)).strip() == TEXT[start:end].strip()
    assert g.value(m, KG.inArticle) is not None


def test_agent_and_target_are_participants_with_a_role(pipe):
    """فرض الاتحاد الأوروبي عقوبات على روسيا: the EU acts, Russia is acted on (kg:agent / kg:target)."""
    doc, g = build(pipe, "فرض الاتحاد الأوروبي عقوبات جديدة على روسيا يوم الجمعة.")
    (ev,) = list(g.subjects(RDF.type, URIRef(str(KG.Event)[:-5] + "Sanction")))
    short = lambda p: {str(o).rsplit("/", 1)[-1] for o in g.objects(ev, p)}  # noqa: E731
    assert short(KG.agent) == {"Q458"} and short(KG.target) == {"Q159"}
    assert short(KG.agent) | short(KG.target) <= short(KG.participant) | short(KG.involvesState)


def test_entity_mentions_point_into_the_text(pipe):
    doc, g = build(pipe, TEXT)
    for m in g.subjects(RDF.type, KG.Mention):
        s, e, t = g.value(m, KG.startOffset), g.value(m, KG.endOffset), g.value(m, KG.text)
        if t is not None and s is not None:
            assert TEXT[int(s):int(e)] == str(t)


def test_one_named_graph_per_article(pipe):
    ds = new_dataset()
    for aid in ("a1", "a2"):
        _, g = build(pipe, TEXT, aid)
        ds.graph(g.identifier).__iadd__(g)
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert sum("a1" in n for n in names) == 1 and sum("a2" in n for n in names) == 1


@pytest.mark.parametrize("name", ['<script>alert(1)</script>', 'O"Brien \\ \'x\'', "名字 😀 \u202e", "a b}#{c"])
def test_any_name_round_trips(pipe, name):
    from kg.doc import Mention
    doc = pipe.prepare(Article(id="../../x y", text=f"قال {name} إن الاجتماع مهم.", published=date(2024, 1, 1)))
    doc.mentions = [Mention(4, 4 + len(name), name, "PER", source="ner")]
    pipe.finish(doc)
    g = GraphBuilder(pipe.catalog).article_graph(doc, pipe.linker.new_types)
    for fmt in ("turtle", "nt"):
        again = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert len(again) == len(g)
    ds = Dataset()
    ds.graph(g.identifier).__iadd__(g)
    again = Dataset().parse(data=ds.serialize(format="nquads"), format="nquads")
    assert len(list(again.quads())) == len(g)
    assert all(" " not in str(s) for s in g.subjects() if isinstance(s, URIRef))


@pytest.mark.parametrize("text", [TEXT, 'قال O"Brien \\ \'x\' في\nموسكو\r\tإن "الاتفاق" مهم.', "زار 名字 😀 \u202e بكين عام 2019."])
def test_fast_lines_are_rdflib_ntriples(pipe, text):
    """The build writes article_lines (no rdflib store); they must be the bytes rdflib's nt serialiser writes."""
    doc, g = build(pipe, text)
    rdflib_lines = sorted(ln[:-1] for ln in g.serialize(format="nt", encoding="utf-8").splitlines() if ln)
    assert GraphBuilder(pipe.catalog).article_lines(doc, pipe.linker.new_types) == rdflib_lines
    assert len(rdflib_lines) > 5


def test_catalog_blank_nodes_get_labels_from_their_content(pipe):
    """The catalog's tenures are blank nodes; the build labels them by content (same facts, same bytes)."""
    from kg.rdf_files import blank_labels
    used = {iri for iri, e in pipe.catalog.entities.items() if e.tenures}
    a = blank_labels(GraphBuilder(pipe.catalog).catalog_graph(used))
    b = blank_labels(GraphBuilder(pipe.catalog).catalog_graph(used))
    assert a and sorted(a.values()) == sorted(b.values())
    assert len(set(a.values())) == len(a)  # two tenures never share a label


def test_reports_in_two_articles_are_one_event_only_where_they_agree_on_who_acted():
    """kg.graph.event_nodes: across articles an event is identified by its type, day, states and named actors (a
    saying's speaker, an event's agents, or two people or bodies taking part); one known only by its states
    and day stays its article's own; within an article one type, day and states is one node."""
    from kg.doc import Article, Doc, Event, Span
    from kg.graph import event_nodes
    ru, putin, peskov, kim, minted = "kge:Q159", "kge:Q7747", "kge:n-peskov", "kge:Q56226", "kge:n-new"
    span = Span(0, 1, "x")

    def ev(etype, participants, agents=(), states=(ru,)):
        return Event(etype, span, span, participants=list(participants), states=list(states), date="2024-06-19",
                     roles={"agent": list(agents)} if agents else {})

    def doc(aid, *events):
        return Doc(Article(aid, "x"), sentences=[], events=list(events), new_types={minted: "Person"})

    def iris(*events, aid="a1"):
        return event_nodes(doc(aid, *events))

    said = lambda who, aid: iris(ev("Statement", [who], [who]), aid=aid)[0]  # noqa: E731
    assert said(putin, "a1") == said(putin, "a2")  # one speaker's saying, reported twice: one node
    assert said(putin, "a1") != said(peskov, "a1")  # two speakers of one state on one day: two statements
    by_state = lambda aid: iris(ev("Statement", [ru], [ru]), aid=aid)[0]  # noqa: E731
    assert by_state("a1") != by_state("a2")  # a saying known by its state alone: each article's own
    visit = lambda who, aid: iris(ev("Visit", [who, ru], [who]), aid=aid)[0]  # noqa: E731
    assert visit(putin, "a1") == visit(putin, "a2") and visit(putin, "a1") != visit(kim, "a1")
    talks = lambda people, aid: iris(ev("Talks", people), aid=aid)[0]  # noqa: E731
    assert talks([putin, kim], "a1") == talks([putin, kim], "a2")  # two named sides: one event
    assert talks([putin], "a1") != talks([putin], "a2")  # one: not enough to call two reports one event
    assert talks([putin, minted], "a1") != talks([putin, minted], "a2")  # a name new to the catalog does not identify
    one, two = iris(ev("Visit", [putin, ru], [putin]), ev("Visit", [ru]))
    assert one == two  # one article, one type, day and states: one node, as before
    done, planned = ev("Meeting", [putin, kim]), ev("Meeting", [putin, kim])
    planned.status = "planned"
    first, second = iris(done, planned)
    assert first != second  # met today and will meet again today: two happenings, one planned


def test_events_and_agreements_carry_their_plover_and_cameo_codes(seeds_build):
    import json
    from pathlib import Path
    out, _ = seeds_build
    recs = [json.loads(x) for x in (Path(out) / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    by_type = {(r["type"], r.get("plover"), r.get("cameo")) for r in recs if r["kind"] in ("event", "agreement")}
    assert ("Visit", "CONSULT", "04") in by_type and ("Statement", None, "01") in by_type
    assert all(p == "AGREE" and c == "05" for t, p, c in by_type if t in ("DefenseTreaty", "FriendshipTreaty", "Partnership"))
    nt = (Path(out) / "dataset.nq").read_text(encoding="utf-8")
    assert '<https://w3id.org/kg-arabic/ontology#plover> "CONSULT"' in nt
