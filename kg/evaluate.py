"""`kg eval`: score extraction (facts.jsonl or a build directory) against gold files in the seed-gold schema.

- entities: per article, by entity: Wikidata id when both sides have one, else the normalised label
  (a predicted label also matches any of the gold entity's surface forms);
- events: type family + set of states + date to the month (a gold event with no date accepts any date);
- agreements: type family + set of parties + signing year when both are known;
- date accuracy: over matched events whose gold date is known, the share whose date equals the gold date
  at the gold date's precision.
Matching is one-to-one and maximal. P/R/F1 are micro-averaged over articles.

Event levels (`event_levels`), each its own one-to-one matching:
- family_states: type family equal and the state sets overlap (both empty counts as overlap);
- dated: + the dates compatible (equal at the coarser of the two precisions; a side without a date is compatible);
- full: + the same status (occurred, planned, potential, speculative, alleged, denied) and at least half of
  the gold participants found.
On the family_states pairs (`on_matched`): participant recall, place accuracy (the gold place, or a place the
catalog locates inside it), status accuracy, date accuracy (equal at the gold precision); recall per gold type;
how many Statements gold and prediction hold.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import KgError
from .text import normalize

FAMILIES = {"Meeting": "meeting", "Talks": "meeting", "Summit": "meeting",
            "MilitarySupport": "military", "Deployment": "military",
            "Treaty": "treaty", "DefenseTreaty": "treaty", "FriendshipTreaty": "treaty", "Partnership": "treaty"}


# the types of the gold annotation scheme; a finer type of ours is compared as its nearest ancestor among them
# (Accusation as a Statement), or as Other (a Sanction, an Exercise: the scheme has no class of its own for them)
GOLD_TYPES = {"Meeting", "Talks", "Summit", "Visit", "MilitaryParade", "MilitarySupport", "Deployment", "Signing",
              "Gift", "Invitation", "Statement", "MissileLaunch", "Other",
              "Treaty", "DefenseTreaty", "FriendshipTreaty", "Partnership"}


def gold_type(t: str) -> str:
    """The gold scheme's type for one of ours (agreement types and the scheme's own pass as they are)."""
    if t in GOLD_TYPES:
        return t
    from .codes import ancestry
    from .extract.lexicon import frames
    f = frames().get(t)
    if f is None:
        return t
    return next((a for a in ancestry(f.cls) if a in GOLD_TYPES), "Other")


def family(t: str) -> str:
    t = gold_type(t)
    return FAMILIES.get(t, t)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    def scores(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def load_facts(path: str | Path) -> list[dict]:
    p = Path(path)
    if p.is_dir():
        p = p / "facts.jsonl"
    if not p.is_file():
        raise KgError(f"{path}: no facts.jsonl (give a build directory or a facts.jsonl file)")
    out = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError:
                raise KgError(f"{p}:{n}: not valid JSON") from None
    return out


def _gold_files(gold_dir: str | Path) -> list[dict]:
    d = Path(gold_dir)
    if not d.is_dir():
        raise KgError(f"{gold_dir}: no such gold directory")
    golds = []
    for f in sorted(d.glob("*.json")):
        try:
            g = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            raise KgError(f"{f}: not valid JSON") from None
        # other JSON beside the annotations (entities.json, a dev set's index.json) is not an article
        if isinstance(g, dict) and "article" in g and isinstance(g.get("entities"), list):
            golds.append(g)
    if not golds:
        raise KgError(f"{gold_dir}: no gold annotation files (JSON objects with 'article' and 'entities')")
    return golds


def _gold_entity_keys(g: dict) -> dict[str, tuple[str | None, set[str]]]:
    """key -> (wikidata, normalised surface forms) of the entities the article really names."""
    out = {}
    for e in g["entities"]:
        if e.get("implicit"):
            continue
        forms = e.get("mentions", []) + e.get("nisba_mentions", []) + e.get("nominal_mentions", [])
        if not forms and not (e.get("count") or e.get("nisba_count") or e.get("nominal_count")):
            continue
        out[e["key"]] = (e.get("wikidata"), {normalize(f) for f in forms})
    return out


def _match(gold: list, pred: list, same, score=None) -> tuple[int, list[tuple]]:
    """Maximum one-to-one matching of gold and predicted items (not greedy: order must not matter), found by
    augmenting paths in index order, so that the same inputs always give the same pairs (a set-based matcher
    picks among equally large matchings by hash order, which changes from one process to the next)."""
    adj = [[j for j, b in enumerate(pred) if same(a, b)] for a in gold]
    if score is not None:  # among the candidates, the best-fitting first (a maximum matching of good pairs)
        adj = [sorted(js, key=lambda j, a=a: -score(a, pred[j])) for a, js in zip(gold, adj)]
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    order = sorted(owner.items(), key=lambda ji: ji[1])
    pairs = [(gold[i], pred[j]) for j, i in order]
    return len(pairs), pairs


# The gold scheme's statuses on ours: its notes in brackets ("occurred (as captioned)") qualify the word before
# them; what may or may not happen, or is only proposed or alleged, is our "speculative"
GOLD_STATUS = {"potential": "speculative", "proposed": "speculative", "alleged": "speculative"}


def gold_status(status: str | None) -> str:
    word = (status or "occurred").split()[0]
    return GOLD_STATUS.get(word, word)


def _same_status(ge: dict, pe: dict) -> bool:
    return gold_status(ge.get("status")) == (pe.get("status") or "occurred")


def _dates_compatible(g: str | None, p: str | None) -> bool:
    if not g or not p:
        return True
    n = min(len(g), len(p))
    return g[:n] == p[:n]


class EventLevels:
    """The three event levels and the scores on matched events (see the module doc)."""

    def __init__(self):
        self.prf = {"family_states": PRF(), "dated": PRF(), "full": PRF()}
        self.part_found = self.part_gold = 0
        self.place = [0, 0]  # right, judged
        self.status = [0, 0]
        self.date = [0, 0]
        self.by_type: dict[str, list[int]] = {}  # gold type -> [matched, gold]
        self.statements = [0, 0]  # gold, predicted

    def add(self, gold_ev, pred_ev, states_of_gold, states_of_pred, pred_of_key) -> None:
        def overlap(ge, pe):
            gs, ps = states_of_gold(ge.get("states", [])), states_of_pred(pe.get("states", []))
            return family(ge["type"]) == family(pe["type"]) and (bool(gs & ps) or not gs and not ps)

        def found(ge, pe):
            want = [pred_of_key.get(k) for k in ge.get("participants", [])]
            return sum(1 for w in want if w and w in pe.get("participants", [])), len(want)

        def dated(ge, pe):
            return overlap(ge, pe) and _dates_compatible(ge.get("date"), pe.get("date"))

        def full(ge, pe):
            hit, n = found(ge, pe)
            return dated(ge, pe) and _same_status(ge, pe) and 2 * hit >= n

        def fit(ge, pe):  # how well a pair agrees beyond the level's test
            hit, _n = found(ge, pe)
            dates = _dates_compatible(ge.get("date"), pe.get("date"))
            return (2 * dates + _same_status(ge, pe)) * 10 + hit + (pred_of_key.get(ge.get("place")) == pe.get("place"))

        for name, same in (("family_states", overlap), ("dated", dated), ("full", full)):
            tp, pairs = _match(gold_ev, pred_ev, same, score=fit)
            self.prf[name].add(tp, len(pred_ev), len(gold_ev))
            if name == "family_states":
                matched = pairs
        for ge in gold_ev:
            self.by_type.setdefault(ge["type"], [0, 0])[1] += 1
        self.statements[0] += sum(1 for ge in gold_ev if ge["type"] == "Statement")
        self.statements[1] += sum(1 for pe in pred_ev if gold_type(pe["type"]) == "Statement")
        for ge, pe in matched:
            self.by_type[ge["type"]][0] += 1
            hit, n = found(ge, pe)
            self.part_found += hit
            self.part_gold += n
            if ge.get("place"):
                want = pred_of_key.get(ge["place"])
                got = pe.get("place")
                inside = got is not None and want is not None and _located_in(got, want)
                self.place[0] += int(got is not None and (got == want or inside))
                self.place[1] += 1
            self.status[0] += int(_same_status(ge, pe))
            self.status[1] += 1
            if ge.get("date"):
                self.date[0] += int((pe.get("date") or "")[:len(ge["date"])] == ge["date"])
                self.date[1] += 1

    def report(self) -> dict:
        def ratio(a, b):
            return round(a / b, 4) if b else None
        return {
            "event_levels": {k: v.scores() for k, v in self.prf.items()},
            "on_matched": {
                "participant_recall": ratio(self.part_found, self.part_gold),
                "place_accuracy": ratio(*self.place), "places_judged": self.place[1],
                "status_accuracy": ratio(*self.status), "date_accuracy": ratio(*self.date),
            },
            "recall_by_type": {t: {"recall": ratio(m, n), "gold": n} for t, (m, n) in sorted(self.by_type.items())},
            "statements": {"gold": self.statements[0], "predicted": self.statements[1]},
        }


def _located_in(place: str, container: str) -> bool:
    """Whether the predicted place lies inside the gold one (a site in its city, a city in its state)."""
    from .catalog import load_catalog
    return load_catalog().inside(place, container)


def _in_article_order(recs: list[dict], aid: str, spans: str = "evidence") -> list[dict]:
    far = (float("inf"), float("inf"))  # a record that cites no span keeps its place after the others
    return sorted(recs, key=lambda r: min(((s["start"], s["end"]) for s in r.get(spans) or () if s["article"] == aid),
                                          default=far))


def evaluate(gold_dir: str | Path, facts_path: str | Path) -> dict:
    facts = load_facts(facts_path)
    entities = {f["id"]: f for f in facts if f["kind"] == "entity"}
    wd_of = {i: f.get("wikidata") for i, f in entities.items()}
    ent_prf, ev_prf, ag_prf = PRF(), PRF(), PRF()
    levels = EventLevels()
    dated = correct = 0
    offices = {"gold": 0, "with_id": 0, "gold_ids": 0, "right": 0}
    per_article = {}
    for g in _gold_files(gold_dir):
        aid = Path(g["article"]).stem
        key_wd = {e["key"]: e.get("wikidata") for e in g["entities"]}
        # entities
        gold_e = _gold_entity_keys(g)
        # each kind in the order the article first says it: pairing ties are broken the same way whatever the
        # order of facts.jsonl (records sorted by IRI)
        pred_e = _in_article_order([f for f in entities.values() if any(m["article"] == aid for m in f["mentions"])],
                                   aid, "mentions")

        def same_entity(gk, p):
            wd, forms = gold_e[gk]
            if wd and p.get("wikidata"):
                return wd == p["wikidata"]
            texts = {normalize(p["label_ar"] or "")} | {normalize(m["text"]) for m in p["mentions"] if m["article"] == aid}
            return bool(texts & forms)

        tp, e_pairs = _match(list(gold_e), pred_e, same_entity)
        ent_prf.add(tp, len(pred_e), len(gold_e))
        pred_of_key = {gk: p["id"] for gk, p in e_pairs}
        # office holders (a gold person with a role): linked to an entity with a Wikidata id, the right one
        for e in g["entities"]:
            if e.get("type") != "Person" or not e.get("role") or e["key"] not in gold_e:
                continue
            wd = wd_of.get(pred_of_key.get(e["key"]))
            offices["gold"] += 1
            offices["with_id"] += bool(wd)
            if e.get("wikidata"):
                offices["gold_ids"] += 1
                offices["right"] += wd == e["wikidata"]
        a_ent = PRF()
        a_ent.add(tp, len(pred_e), len(gold_e))

        def states_of_gold(keys):
            return {key_wd.get(k) or k for k in keys}

        def states_of_pred(iris):
            return {wd_of.get(i) or i for i in iris}

        # events
        gold_ev = g.get("events", [])
        pred_ev = _in_article_order([f for f in facts if f["kind"] == "event" and aid in f["articles"]], aid)

        def same_event(ge, pe):
            if family(ge["type"]) != family(pe["type"]):
                return False
            if states_of_gold(ge.get("states", [])) != states_of_pred(pe.get("states", [])):
                return False
            return ge.get("date") is None or (pe.get("date") or "")[:7] == ge["date"][:7]

        tp, pairs = _match(gold_ev, pred_ev, same_event)
        ev_prf.add(tp, len(pred_ev), len(gold_ev))
        levels.add(gold_ev, pred_ev, states_of_gold, states_of_pred, pred_of_key)
        # date accuracy: among gold events with a date that match on type family + states
        for ge in gold_ev:
            if not ge.get("date"):
                continue
            cand = [pe for pe in pred_ev if family(pe["type"]) == family(ge["type"])
                    and states_of_gold(ge.get("states", [])) == states_of_pred(pe.get("states", []))]
            if not cand:
                continue
            dated += 1
            if any((pe.get("date") or "")[:len(ge["date"])] == ge["date"] for pe in cand):
                correct += 1
        # agreements
        gold_ag = g.get("agreements", [])
        pred_ag = _in_article_order([f for f in facts if f["kind"] == "agreement" and aid in f["articles"]], aid)

        def same_agreement(ga, pa):
            if family(ga["type"]) != family(pa["type"]):
                return False
            if states_of_gold(ga.get("parties", [])) != states_of_pred(pa.get("parties", [])):
                return False
            return not (ga.get("signed") and pa.get("signed")) or ga["signed"][:4] == pa["signed"][:4]

        tp_a, _ = _match(gold_ag, pred_ag, same_agreement)
        ag_prf.add(tp_a, len(pred_ag), len(gold_ag))
        per_article[aid] = {"entities": a_ent.scores()["f1"], "events_tp": tp, "events_gold": len(gold_ev),
                            "events_pred": len(pred_ev)}
    return {
        "entities": ent_prf.scores(), "events": ev_prf.scores(), "agreements": ag_prf.scores(),
        "date_accuracy": {"accuracy": round(correct / dated, 4) if dated else None, "dated_gold_events_matched": dated,
                          "correct": correct},
        **levels.report(),
        "office_holders": {**offices, "with_id_share": round(offices["with_id"] / offices["gold"], 4) if offices["gold"] else None},
        "articles": per_article,
    }


def format_report(r: dict) -> str:
    lines = [f"{'':12} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for k in ("entities", "events", "agreements"):
        s = r[k]
        lines.append(f"{k:12} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f} {s['tp']:5} {s['fp']:5} {s['fn']:5}")
    d = r["date_accuracy"]
    acc = "n/a" if d["accuracy"] is None else f"{d['accuracy']:.3f}"
    lines.append(f"date accuracy {acc} ({d['correct']}/{d['dated_gold_events_matched']} dated gold events)")
    if "event_levels" in r:
        lines.append("event levels (one-to-one each):")
        for k, label in (("family_states", "family + states"), ("dated", "+ dates"), ("full", "+ status, participants")):
            s = r["event_levels"][k]
            lines.append(f"  {label:24} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:7.3f} {s['tp']:5} {s['fp']:5} {s['fn']:5}")
        m = r["on_matched"]
        fmt = lambda v: "n/a" if v is None else f"{v:.3f}"  # noqa: E731
        lines.append(f"on matched events: participant recall {fmt(m['participant_recall'])}, place "
                     f"{fmt(m['place_accuracy'])} ({m['places_judged']} with a gold place), status {fmt(m['status_accuracy'])}, "
                     f"date {fmt(m['date_accuracy'])}")
        lines.append("recall by type: " + ", ".join(f"{t} {fmt(v['recall'])} ({v['gold']})" for t, v in r["recall_by_type"].items()))
        lines.append(f"statements: gold {r['statements']['gold']}, predicted {r['statements']['predicted']}")
    o = r.get("office_holders")
    if o and o["gold"]:
        lines.append(f"office holders: {o['gold']} in the gold, {o['with_id']} linked to an entity with a Wikidata id "
                     f"({o['with_id_share']:.2f}); the right id for {o['right']} of the {o['gold_ids']} the gold gives")
    return "\n".join(lines)
