"""facts.jsonl: the scored contract of docs/design.md, merged over all articles.

Entities, events and agreements with the same IRI from several articles are one record; an event's
confidence grows with each independent article that reports it (noisy-or of the per-article scores).
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from .catalog import Catalog
from .doc import Doc
from .codes import codes_of
from .graph import AGREEMENT_CLASS, EVENT_CLASS, agreement_node, event_nodes



def precision(value: str | None) -> str | None:
    """How much of a date is known (2024-06-13 day, 2024-06 month, 2024 year): pandas would read 2024-06 as
    the first of June, so facts.jsonl says it beside the date."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value)) if value else None


def article_facts(doc: Doc) -> dict:
    """One article's contribution to facts.jsonl, in plain JSON (kept with the article: kg/digest.py)."""
    def spans(item) -> list[list]:
        return [[s.start, s.end, s.text] for s in [item.evidence, *item.more_evidence]]
    return {
        "mentions": [[m.entity, m.start, m.end, m.text] for m in doc.mentions if m.entity],
        "events": [{"id": iri, "type": ev.type, "participants": ev.participants, "roles": ev.roles,
                    "states": ev.states, "place": ev.place, "date": ev.date, "status": ev.status,
                    "confidence": ev.confidence, "evidence": spans(ev)} for ev, iri in zip(doc.events, event_nodes(doc))],
        "agreements": [{"id": agreement_node(ag), "type": ag.type, "name_ar": ag.name_ar, "name_en": ag.name_en,
                        "parties": ag.parties, "signed": ag.signed, "status": ag.status, "evidence": spans(ag)}
                       for ag in doc.agreements],
    }


def collect_facts(docs: Iterable[Doc], catalog: Catalog, new_types: dict[str, str]) -> list[dict]:
    return merge_facts(((d.article.id, article_facts(d)) for d in docs), catalog, new_types)


def _ev(article: str, span: list) -> dict:
    return {"article": article, "start": span[0], "end": span[1], "text": span[2]}


def _entity(iri: str, first_text: str, catalog: Catalog, new_types: dict[str, str]) -> dict:
    """An entity's record without its mentions: from the catalog, else named by its first mention."""
    e = catalog.entities.get(iri)
    return {"kind": "entity", "id": iri, "type": e.type if e else new_types.get(iri, "Other"),
            "label_ar": e.label_ar if e else first_text, "label_en": e.label_en if e else None,
            "wikidata": e.wikidata if e else None, "mentions": []}


KINDS = ("entity", "event", "agreement")


def _key(rec: dict) -> tuple[int, str]:
    return KINDS.index(rec["kind"]), rec["id"]


def merge_facts(parts: Iterable[tuple[str, dict]], catalog: Catalog, new_types: dict[str, str]) -> list[dict]:
    """The records of all articles from their contributions (article id, article_facts, in build order):
    entities, then events, then agreements, each sorted by IRI (so that a build changing a few articles can
    put its records in place among the others: `update_facts`); a record's lists follow build order."""
    entities: dict[str, dict] = {}
    events: dict[str, dict] = {}
    agreements: dict[str, dict] = {}
    for aid, part in parts:
        for entity, start, end, text in part["mentions"]:
            rec = entities.get(entity)
            if rec is None:
                rec = entities[entity] = _entity(entity, text, catalog, new_types)
            rec["mentions"].append({"article": aid, "start": start, "end": end, "text": text})
        for ev in part["events"]:
            rec = events.setdefault(ev["id"], {
                "kind": "event", "id": ev["id"], "type": ev["type"], "participants": [], "roles": {}, "states": [],
                "place": ev["place"], "date": ev["date"], "status": ev["status"], "articles": [], "evidence": [],
                "_conf": []})
            rec["participants"] = list(dict.fromkeys(rec["participants"] + ev["participants"]))
            for role, ents in ev["roles"].items():
                rec["roles"][role] = list(dict.fromkeys(rec["roles"].get(role, []) + ents))
            rec["states"] = list(dict.fromkeys(rec["states"] + ev["states"]))
            rec["place"] = rec["place"] or ev["place"]
            if aid not in rec["articles"]:
                rec["articles"].append(aid)
                rec["_conf"].append(ev["confidence"])
            rec["evidence"].extend(_ev(aid, s) for s in ev["evidence"])
        for ag in part["agreements"]:
            rec = agreements.setdefault(ag["id"], {
                "kind": "agreement", "id": ag["id"], "type": ag["type"], "name_ar": ag["name_ar"],
                "name_en": ag["name_en"], "parties": [], "signed": ag["signed"], "status": ag["status"],
                "articles": [], "evidence": []})
            rec["parties"] = list(dict.fromkeys(rec["parties"] + ag["parties"]))
            rec["signed"] = rec["signed"] or ag["signed"]
            if aid not in rec["articles"]:
                rec["articles"].append(aid)
            rec["evidence"].extend(_ev(aid, s) for s in ag["evidence"])
    for rec in events.values():
        rec["date_precision"] = precision(rec["date"])
        rec["plover"], rec["cameo"] = codes_of(EVENT_CLASS.get(rec["type"], EVENT_CLASS["Other"]))
    for rec in agreements.values():
        rec["signed_precision"] = precision(rec["signed"])
        rec["plover"], rec["cameo"] = codes_of(AGREEMENT_CLASS.get(rec["type"], AGREEMENT_CLASS["Other"]))
    for rec in events.values():
        miss = 1.0
        for c in rec.pop("_conf"):
            miss *= 1.0 - c
        rec["confidence"] = round(1.0 - miss, 3)
    return sorted([*entities.values(), *events.values(), *agreements.values()], key=_key)


def dumps(facts: list[dict]) -> str:
    return "".join(json.dumps(f, ensure_ascii=False, sort_keys=False) + "\n" for f in facts)
