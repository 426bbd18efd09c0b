"""The query library (kg/queries/*.rq) on the seeds: documented, parameterised safely, sensible answers."""
from __future__ import annotations

import json
import re

import pytest

import kg
from kg.errors import KgError
from kg.queries import library
from kg.store import open_store, run_query

from .conftest import SEEDS, run_kg

RU, NK, CN, PUTIN, KIM, XI = "Q159", "Q423", "Q148", "Q7747", "Q56226", "Q15031"
E = "https://w3id.org/kg-arabic/entity/"
TEXT = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


@pytest.fixture(scope="module")
def out(seeds_build):
    return seeds_build[0]


def _years(df) -> set[str]:
    return {p[:4] for p in df["period"] if p != "undated"}


def _sentences_are_evidence(df, col="sentence"):
    """Each row's sentence is read verbatim from one of the articles the row cites."""
    assert len(df)
    for sentence, articles in zip(df[col], df["articles"]):
        assert sentence and articles
        assert any(sentence in TEXT[a] for a in articles.split(", ")), (sentence, articles)


def test_every_query_is_documented():
    lib = library()
    assert {"ties", "tie_counts", "timeline", "meetings", "agreements", "profile", "corroborated",
            "new_since", "events", "entities"} <= set(lib)
    for q in lib.values():
        assert q.title and q.description.endswith("."), q.name
        assert "PREFIX" in q.sparql and "WHERE {" in q.sparql
        for p in q.params:
            assert p.kind in ("entity", "date", "number", "text", "type") or "|" in p.kind, (q.name, p)
            # a row cap is a marked LIMIT line (SPARQL cannot bind one), every other parameter a variable
            marker = r"LIMIT \d+ +# limit$" if p.name == "limit" else rf"\?{p.name}\b"
            assert p.help and re.search(marker, q.sparql, re.M), (q.name, p.name)
    assert [p.name for p in lib["ties"].params] == ["a", "b", "c", "by", "type", "limit"]
    assert [(p.name, p.required) for p in lib["profile"].params] == [("entity", True)]


def test_list_command():
    proc = run_kg("query", "--list")
    assert proc.returncode == 0, proc.stderr
    for name, q in library().items():
        assert re.search(rf"^{name} +{re.escape(q.title)}: ", proc.stdout, flags=re.M), name
    one = run_kg("query", "--list", "timeline")
    assert one.returncode == 0 and "Parameters:" in one.stdout and "entity" in one.stdout


def test_ties_over_time_done_criterion(out):
    """Russia–North Korea ties in 2023, 2024 and 2025; Russia–China and China–North Korea in 2025; each
    row with its evidence sentence, read from an article it cites."""
    ru_nk = kg.query(out, "ties", a=RU, b=NK, by="year")
    assert {"2023", "2024", "2025"} <= _years(ru_nk)
    assert all(re.fullmatch(r"\d{4}|undated", p) for p in ru_nk["period"])
    assert all("Russia" in s and "North Korea" in s for s in ru_nk["states"])
    _sentences_are_evidence(ru_nk)
    for a, b in [(RU, CN), (CN, NK)]:
        df = kg.query(out, "ties", a=a, b=b, by="year")
        assert "2025" in _years(df), (a, b)
        assert all("China" in s for s in df["states"])
        _sentences_are_evidence(df)
    # the same facts by month carry a month where the article gave one: the 2023 summit was in September
    by_month = kg.query(out, "ties", a=RU, b=NK)
    assert "2023-09" in set(by_month["period"]) and len(by_month) == len(ru_nk)
    assert (ru_nk["n_evidence"] >= 1).all()


def test_ties_filters(out):
    all_ties = kg.query(out, "ties")
    assert {"Russia – North Korea", "North Korea – Russia"} & set(all_ties["states"])
    three = kg.query(out, "ties", a=RU, b=NK, c=CN)
    assert len(three) and all(all(n in s for n in ("Russia", "North Korea", "China")) for s in three["states"])
    assert set(three["fact"]) < set(all_ties["fact"])
    meetings = kg.query(out, "ties", a=RU, b=NK, type="meeting")  # a family: Meeting, Talks, Summit
    assert len(meetings) and set(meetings["kind"]) <= {"Meeting", "Talks", "Summit"} and "Meeting" in set(meetings["kind"])
    agreements = kg.query(out, "ties", a=RU, b=NK, type="Agreement")
    assert {"DefenseTreaty", "FriendshipTreaty"} <= set(agreements["kind"])
    assert set(agreements["kind"]) <= {"Treaty", "PartnershipAgreement", "DefenseTreaty", "FriendshipTreaty", "OtherAgreement"}


def test_tie_counts(out):
    df = kg.query(out, "tie_counts", a=RU, b=NK)
    assert df["n_facts"].dtype.kind == "i" and (df["n_facts"] >= 1).all()
    assert {"2023", "2024", "2025"} <= set(df["period"])
    ties = kg.query(out, "ties", a=RU, b=NK, by="year")
    assert df["n_facts"].sum() == len(ties)  # one count per fact, in its period and type
    pairs = kg.query(out, "tie_counts")
    assert not (pairs["a"] == pairs["b"]).any()
    assert len(set(zip(pairs["period"], pairs["a"], pairs["b"], pairs["kind"]))) == len(pairs)  # each pair once


def test_timeline(out):
    df = kg.query(out, "timeline", entity=KIM)
    dated = [d for d in df["date"] if d]
    assert dated == sorted(dated) and df["date"].iloc[: len(dated)].tolist() == dated  # undated last
    assert {"2019", "2023", "2025"} <= {d[:4] for d in dated}
    assert all("participant" in r for r in df["roles"])
    assert not any("Kim Jong Un" in w for w in df["with"] if w)
    _sentences_are_evidence(df)
    since = kg.query(out, "timeline", entity=KIM, since="2025")
    assert len(since) and all(d >= "2025" for d in since["date"]) and len(since) < len(df)
    by_name = kg.query(out, "timeline", entity="كيم جونغ أون")  # a name from the catalog resolves
    assert by_name["fact"].tolist() == df["fact"].tolist()


def test_meetings(out):
    df = kg.query(out, "meetings", a=PUTIN, b=KIM)
    assert {"2023", "2025"} <= {d[:4] for d in df["date"] if d}
    assert set(df["kind"]) <= {"Meeting", "Talks", "Summit", "Visit"}
    assert all("Vladimir Putin" in x and "Kim Jong Un" in x for x in df["leaders"])
    _sentences_are_evidence(df)
    xi = kg.query(out, "meetings", a=XI, b=PUTIN)
    assert len(xi) and {d[:4] for d in xi["date"] if d} == {"2025"}
    everyone = kg.query(out, "meetings")
    assert set(df["event"]) <= set(everyone["event"]) and set(xi["event"]) <= set(everyone["event"])


def test_agreements(out):
    df = kg.query(out, "agreements", state=NK)
    kinds = dict(zip(df["kind"], df["signed"]))
    assert kinds.get("FriendshipTreaty") == "2000"
    assert any(k in kinds and (kinds[k] or "").startswith("2024") for k in ("DefenseTreaty", "PartnershipAgreement"))
    assert all("Russia" in p and "North Korea" in p for p in df["parties"])
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r) for r in df["first_reported"])
    _sentences_are_evidence(df)
    assert kg.query(out, "agreements", state="Q17").empty  # Japan is party to none


def test_profile(out):
    df = kg.query(out, "profile", entity=PUTIN)
    rows = list(zip(df["field"], df["value"]))
    assert ("label (en)", "Vladimir Putin") in rows and ("type", "Person") in rows
    assert ("wikidata", "http://www.wikidata.org/entity/Q7747") in rows
    assert any(f == "office" and v.startswith("HeadOfState, Russia (2012-05-07") for f, v in rows)
    ties = df[df["field"] == "shares events with"]
    assert "Kim Jong Un" in ties["value"].head(3).tolist()
    # the mention count is Putin's alone, not everyone's
    store = open_store(out)
    _, n = run_query(store, "PREFIX kg: <https://w3id.org/kg-arabic/ontology#> "
                            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m kg:mentionOf ?e }", {"e": PUTIN})
    assert df[df["field"] == "mentions"]["n"].tolist() == [int(n[0][0])]
    state = kg.query(out, "profile", entity=RU)
    assert ("capital", "Moscow") in list(zip(state["field"], state["value"]))
    assert any(v.startswith("HeadOfState, Vladimir Putin") for v in state[state["field"] == "office holder"]["value"])


def test_corroborated(out):
    two = kg.query(out, "corroborated")
    assert len(two) and (two["n_sources"] >= 2).all() and (two["n_articles"] >= 2).all()
    assert all(len(a.split(", ")) >= 2 for a in two["articles"])
    assert all(len(s.split(" ‖ ")) >= 1 for s in two["sentences"])
    three = kg.query(out, "corroborated", min=3)
    one = kg.query(out, "corroborated", min=1)
    assert set(three["fact"]) <= set(two["fact"]) < set(one["fact"])
    assert (three["n_sources"] >= 3).all()


def test_corroboration_counts_sources_not_articles(tmp_path):
    """Two articles from one agency are one source; from two agencies, two."""
    from kg.build import build

    def corpus(name, sources):
        src = tmp_path / name
        src.mkdir()
        lines = []
        for aid, source in sources.items():
            meta = next(json.loads(ln) for ln in (SEEDS / "articles.jsonl").read_text().splitlines() if json.loads(ln)["id"] == aid)
            meta = {k: v for k, v in meta.items() if k != "file"}
            lines.append(json.dumps({**meta, "text": TEXT[aid], "source": source}, ensure_ascii=False))
        (src / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        build(str(src), str(tmp_path / (name + "_out")), ner="gazetteer", progress=False)
        return tmp_path / (name + "_out")

    ids = ["000_3425f4e51bf89d5c", "001_69ba63237cfbfb00"]
    same = kg.query(corpus("same", dict.fromkeys(ids, "AP")), "corroborated")
    assert same.empty
    other = corpus("other", dict(zip(ids, ["AP", "Reuters"])))
    df = kg.query(other, "corroborated")
    assert len(df) and all(set(s.split(", ")) == {"AP", "Reuters"} for s in df["sources"])
    ties = kg.query(other, "ties", a=RU, b=NK)
    assert {"AP", "Reuters"} >= {s for v in ties["sources"] if v for s in v.split(", ")} and ties["sources"].notna().any()


def test_new_since(out):
    df = kg.query(out, "new_since", since="2025-01-01")
    assert len(df) and (df["first_reported"] >= "2025-01-01").all()
    items = set(df["item"])
    assert E + XI in items and E + PUTIN not in items  # Putin was in the 2023 articles already
    assert {"event", "agreement", "entity"} <= set(df["category"])
    everything = kg.query(out, "new_since", since="2000")
    assert items < set(everything["item"]) and E + PUTIN in set(everything["item"])
    assert kg.query(out, "new_since", since="2026").empty


def test_events_and_entities(out):
    events = kg.query(out, "events")
    assert len(events) > 20 and "Meeting" in set(events["type"])
    entities = kg.query(out, "entities")
    assert E + RU in set(entities["entity"]) and entities["n_mentions"].dtype.kind == "i"


def test_a_row_cap_keeps_the_first_rows_in_the_query_order(out):
    """`limit` cuts a listing to its first rows (the most mentioned entities, the oldest events); 0 lifts it."""
    everything = kg.query(out, "entities", limit=0)
    top = kg.query(out, "entities", limit=5)
    assert len(top) == 5 < len(everything) == len(kg.query(out, "entities"))  # the default cap is above the seeds
    assert top["n_mentions"].min() >= everything["n_mentions"].nlargest(5).min()
    assert top["n_mentions"].tolist() == sorted(top["n_mentions"], reverse=True)
    events = kg.query(out, "events", limit=0)
    assert kg.query(out, "events", limit=3)["event"].tolist() == events["event"].head(3).tolist()
    # entities are counted once per build: the cap's numbers are those a count of the mentions gives
    store = open_store(out)
    _, rows = run_query(store, "PREFIX kg: <https://w3id.org/kg-arabic/ontology#> SELECT ?e (COUNT(DISTINCT ?m) AS ?n) "
                               "WHERE { ?m kg:mentionOf ?e } GROUP BY ?e")
    assert dict(zip(everything["entity"], everything["n_mentions"])) == {e: int(n) for e, n in rows}
    with pytest.raises(KgError, match="limit"):
        kg.query(out, "events", limit=-1)
    # the command line says when a listing stopped at its cap, on stderr (stdout stays the table)
    capped = run_kg("query", "events", "--graph", out, "--param", "limit=3", "--format", "csv")
    assert capped.returncode == 0 and "stops at 3 items" in capped.stderr and len(capped.stdout.splitlines()) == 4
    assert run_kg("query", "events", "--graph", out, "--format", "csv").stderr == ""  # the seeds: under the default
    with pytest.raises(KgError, match="no parameter 'limit'"):
        kg.query(out, "profile", entity=PUTIN, limit=3)


HOSTILE = ['Q159" } } # ', '"} UNION { ?x ?y ?z } #', "}", "#", "a\\\"b\nc } .", "Q159'> } ", "' } #"]


@pytest.mark.parametrize("value", HOSTILE)
def test_parameters_cannot_change_a_query(out, value):
    """A value is one RDF term: it comes back unchanged, and matches nothing it does not equal."""
    df = kg.query(out, "SELECT ?v (COUNT(*) AS ?n) WHERE { } GROUP BY ?v", v=value)
    assert df["v"].tolist() == [value] and df["n"].tolist() == [1]
    cols, rows = run_query(open_store(out), "PREFIX kg: <https://w3id.org/kg-arabic/ontology#> "
                                            "SELECT ?f WHERE { ?f kg:involvesState ?s }", {"s": value})
    assert rows == []
    # in a library query, a hostile value is refused as a type (not one of the ontology's), never pasted
    with pytest.raises(KgError):
        kg.query(out, "ties", a=RU, type=value)
    with pytest.raises(KgError):  # as an entity: not a name of the graph, so refused, never pasted
        kg.query(out, "profile", entity=value)


def test_a_parameter_binds_inside_subqueries(out):
    """A parameter is the same term everywhere, also in a subquery that does not project it."""
    q = "SELECT ?n WHERE { { SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?x a ?c } } }"
    assert kg.query(out, q, x=RU)["n"].tolist() == [1]  # Russia's one class, not every class of the graph


def test_bad_parameters(out):
    with pytest.raises(KgError, match="no parameter 'stat'"):
        kg.query(out, "ties", stat=RU)  # a typo would otherwise silently return every state's ties
    with pytest.raises(KgError, match="needs --param since"):
        kg.query(out, "new_since")
    with pytest.raises(KgError, match="year, month, day"):
        kg.query(out, "ties", by="week")
    with pytest.raises(KgError, match="date"):
        kg.query(out, "timeline", entity=KIM, since="last week")
    with pytest.raises(KgError, match="not a valid IRI"):
        kg.query(out, "timeline", entity="http://x/> } #")
    with pytest.raises(KgError, match="variable name"):
        run_query(open_store(out), "SELECT * WHERE { }", {"a) {} } # ": "x"})
    proc = run_kg("query", "ties", "--graph", out, "--param", "stat=Q159")
    assert proc.returncode == 2 and proc.stdout == "" and len(proc.stderr.strip().splitlines()) == 1


def test_cli_formats(out):
    js = run_kg("query", "meetings", "--graph", out, "--param", f"a={PUTIN}", "--param", f"b={KIM}", "--format", "json")
    assert js.returncode == 0, js.stderr
    rows = json.loads(js.stdout)
    assert rows == kg.query(out, "meetings", a=PUTIN, b=KIM).astype(object).where(lambda d: d.notna(), None).to_dict("records")
    csv = run_kg("query", "tie_counts", "--graph", out, "--format", "csv")
    assert csv.stdout.splitlines()[0] == "period,state_a,state_b,kind,n_facts,n_articles,a,b"
