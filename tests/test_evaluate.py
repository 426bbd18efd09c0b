"""kg eval: scores are exact on hand-made gold/prediction pairs, and matching does not depend on order."""
import json

from kg.evaluate import _match, evaluate

WD = "https://w3id.org/kg-arabic/entity/"


def write(tmp_path, gold_events, pred_events):
    gold = {"article": "a1.txt", "published": "2024-01-01",
            "entities": [{"key": "russia", "wikidata": "Q159", "label_ar": "روسيا", "mentions": ["روسيا"]},
                         {"key": "china", "wikidata": "Q148", "label_ar": "الصين", "mentions": ["الصين"]}],
            "events": gold_events, "agreements": []}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    recs = [{"kind": "entity", "id": WD + q, "type": "State", "label_ar": l, "label_en": None, "wikidata": q,
             "mentions": [{"article": "a1", "start": 0, "end": 1, "text": l}]} for q, l in (("Q159", "روسيا"), ("Q148", "الصين"))]
    recs += [{"kind": "event", "id": f"e{i}", "type": t, "participants": [], "states": [WD + s for s in st], "place": None,
              "date": d, "articles": ["a1"], "evidence": [], "confidence": 0.6} for i, (t, st, d) in enumerate(pred_events)]
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    return tmp_path / "gold", path


def gev(t, states, d):
    return {"type": t, "states": states, "date": d, "participants": [], "evidence": ""}


def test_perfect_and_partial(tmp_path):
    gold, facts = write(tmp_path, [gev("Meeting", ["russia", "china"], "2024-01-05"), gev("Visit", ["russia"], None)],
                        [("Talks", ["Q159", "Q148"], "2024-01-20"), ("Gift", ["Q159"], None)])
    r = evaluate(gold, facts)
    assert r["entities"]["f1"] == 1.0
    assert r["events"]["tp"] == 1 and r["events"]["fp"] == 1 and r["events"]["fn"] == 1  # Talks ~ Meeting, same month
    assert r["date_accuracy"]["accuracy"] == 0.0  # the day differs


def test_maximum_matching_not_greedy():
    gold = ["A", "B"]
    pred = ["x", "y"]
    ok = {("A", "x"), ("A", "y"), ("B", "x")}  # greedy A->x would leave B unmatched
    tp, _ = _match(gold, pred, lambda g, p: (g, p) in ok)
    assert tp == 2


def test_event_levels_and_scores_on_matched_events(tmp_path):
    gold, facts = write(tmp_path,
                        [gev("Meeting", ["russia", "china"], "2024-01-05") | {"status": "occurred"},
                         gev("Visit", ["russia"], "2024-02") | {"status": "planned"},
                         gev("Statement", ["china"], None)],
                        [("Talks", ["Q159"], "2024-03"), ("Visit", ["Q159"], "2024-02-10"), ("Statement", ["Q148"], None)])
    r = evaluate(gold, facts)
    lv = r["event_levels"]
    assert lv["family_states"]["tp"] == 3  # the states overlap (russia in both), families agree
    assert lv["dated"]["tp"] == 2  # 2024-02-10 fits 2024-02; 2024-03 does not fit 2024-01-05
    assert lv["full"]["tp"] == 1  # the visit is planned in gold, occurred here; the statement is right
    assert r["on_matched"]["status_accuracy"] == round(2 / 3, 4)
    assert r["statements"] == {"gold": 1, "predicted": 1}
    assert r["recall_by_type"]["Visit"] == {"recall": 1.0, "gold": 1}


def test_files_beside_the_annotations_are_skipped(tmp_path):
    gold, facts = write(tmp_path, [], [])
    (gold / "index.json").write_text("[{\"n\": \"A1\"}]", encoding="utf-8")
    assert evaluate(gold, facts)["entities"]["f1"] == 1.0


def test_scores_on_matched_events_use_the_best_fitting_pair_every_time(tmp_path):
    # two predictions fit the gold visit at the family+states level; the one with the right date is its pair
    gold, facts = write(tmp_path, [gev("Visit", ["russia"], "2024-02-03")],
                        [("Visit", ["Q159"], "2024-05-01"), ("Visit", ["Q159"], "2024-02-03")])
    reports = [evaluate(gold, facts)["on_matched"] for _ in range(3)]
    assert reports[0]["date_accuracy"] == 1.0 and reports.count(reports[0]) == 3


def test_office_holders_linked_with_their_wikidata_id(tmp_path):
    """A gold person with a role counts as linked when the entity it matches has a Wikidata id; right when it is the gold's."""
    gold = {"article": "a1.txt", "published": "2024-01-01", "events": [], "agreements": [], "entities": [
        {"key": "putin", "type": "Person", "role": "President of Russia", "wikidata": "Q7747", "mentions": ["بوتين"]},
        {"key": "lavrov", "type": "Person", "role": "Foreign Minister of Russia", "wikidata": None, "mentions": ["لافروف"]},
        {"key": "envoy", "type": "Person", "role": "Special envoy", "wikidata": None, "mentions": ["المبعوث سميث"]},
        {"key": "writer", "type": "Person", "role": None, "wikidata": None, "mentions": ["الكاتب"]}]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    recs = [{"kind": "entity", "id": WD + i, "type": "Person", "label_ar": l, "label_en": None, "wikidata": q,
             "mentions": [{"article": "a1", "start": 0, "end": 1, "text": l}]}
            for i, l, q in (("Q7747", "بوتين", "Q7747"), ("Q7415", "لافروف", "Q7415"), ("n-smith", "المبعوث سميث", None))]
    (tmp_path / "facts.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    o = evaluate(tmp_path / "gold", tmp_path / "facts.jsonl")["office_holders"]
    assert o == {"gold": 3, "with_id": 2, "gold_ids": 1, "right": 1, "with_id_share": 0.6667}


def test_the_gold_schemes_statuses_read_on_ours():
    """A note in brackets qualifies the status before it; potential, proposed and alleged are our speculative."""
    from kg.evaluate import gold_status
    assert gold_status("occurred (as captioned)") == "occurred" and gold_status(None) == "occurred"
    assert [gold_status(s) for s in ("potential", "proposed", "alleged", "planned", "denied")] == \
        ["speculative", "speculative", "speculative", "planned", "denied"]
