"""facts.jsonl after a few articles were added, changed or removed: the previous file with only the records
those articles touch made again, so that a build of 45,000 articles does not re-merge (and re-read) all of
them to change one. The result is byte for byte what `kg.facts.merge_facts` gives for the whole build
(tests/test_incremental.py compares them).

An entity's record is its mentions in build order: those of the articles that stay are kept and the new
articles' put in place (a state named in 20,000 articles is not merged again from 20,000 digests). An event's
or agreement's record is merged again from the contributions of every article that reports it, which are few.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from .catalog import Catalog
from .facts import KINDS, _entity, merge_facts

# every record's line starts so (json.dumps of kg.facts' dicts): read without parsing the whole line
_HEAD = re.compile(rb'\{"kind": "(entity|event|agreement)", "id": "([^"]*)", "type": "([^"]*)"')


def head(line: bytes) -> tuple[str, str, str]:
    """(kind, id, type) of one facts.jsonl line."""
    m = _HEAD.match(line)
    if m is None:
        raise ValueError(f"not a facts.jsonl record: {line[:80]!r}")
    return m.group(1).decode(), m.group(2).decode("utf-8"), m.group(3).decode("utf-8")


def ids_of(part: dict) -> set[str]:
    """The records one article's contribution (kg.facts.article_facts) touches."""
    return ({m[0] for m in part["mentions"]} | {ev["id"] for ev in part["events"]}
            | {ag["id"] for ag in part["agreements"]})


def dump(rec: dict) -> bytes:
    return json.dumps(rec, ensure_ascii=False).encode("utf-8")


def update_facts(old_lines: Iterable[bytes], gone: dict[str, dict], new: dict[str, dict], order: dict[str, int],
                 read_part: Callable[[str], dict], catalog: Catalog,
                 new_types: dict[str, str]) -> tuple[list[bytes], dict[str, dict | None]]:
    """The new facts.jsonl lines, and the touched records (id -> record, None when it is gone).

    `gone`: the previous contributions of the articles removed or changed; `new`: the contributions of those
    added or changed; `order`: each article of the build -> its place in build order; `read_part`: the stored
    contribution of an article that did not change."""
    touched = set().union(*map(ids_of, [*gone.values(), *new.values()]))
    old: dict[str, dict] = {}
    kept: list[tuple[tuple[int, str], bytes]] = []
    for line in old_lines:
        kind, iri, _ = head(line)
        if iri in touched:
            old[iri] = json.loads(line)
        else:
            kept.append(((KINDS.index(kind), iri), line))
    records: dict[str, dict | None] = {}
    reported: dict[str, set[str]] = {}  # event or agreement -> the articles that report it now
    for iri in touched:
        rec = old.get(iri)
        if rec is not None and rec["kind"] != "entity":
            reported[iri] = {a for a in rec["articles"] if a not in gone}
    mentions: dict[str, list[dict]] = {}
    for iri, rec in old.items():
        if rec["kind"] == "entity":
            mentions[iri] = [m for m in rec["mentions"] if m["article"] not in gone]
    for aid, part in new.items():
        for entity, start, end, text in part["mentions"]:
            mentions.setdefault(entity, []).append({"article": aid, "start": start, "end": end, "text": text})
        for item in [*part["events"], *part["agreements"]]:
            reported.setdefault(item["id"], set()).add(aid)
    for iri, ms in mentions.items():
        ms.sort(key=lambda m: order[m["article"]])  # stable: an article's mentions keep their order
        if ms:
            rec = _entity(iri, ms[0]["text"], catalog, new_types)
            rec["mentions"] = ms
        records[iri] = rec if ms else None
    sources = sorted(set().union(*reported.values()), key=order.__getitem__)
    merged = {r["id"]: r for r in merge_facts(((a, new.get(a) or read_part(a)) for a in sources), catalog, new_types)
              if r["kind"] != "entity"}
    for iri in reported:
        records[iri] = merged.get(iri)
    kept.extend(((KINDS.index(r["kind"]), iri), dump(r)) for iri, r in records.items() if r is not None)
    kept.sort(key=lambda kv: kv[0])
    return [line for _, line in kept], records
