"""What the merge step needs from one article, kept beside its stored result in OUT/articles/.

Two files per article: ``<stem>.nt``, its named graph as sorted N-Triples lines, and ``<stem>.digest.json``,
its contribution to facts.jsonl, the entities its graph uses, the hash of its text and the type its graph
gives each entity it minted. A build or remove re-derives the merged outputs from these alone, so an
unchanged article costs two small reads instead of parsing its whole result and rebuilding its graph.

A graph depends on the types of the entities its article minted, which are final only once every article
of the build is known (the first article in build order that minted an entity gives its type). So a digest
is used only while those types are still the ones it was made with; otherwise it is made again from the
article's result (kg/build.py). A digest that is missing or unreadable is made again the same way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .doc import Doc
from .facts import article_facts
from .graph import GraphBuilder, content_hash
from .summary import article_meta


@dataclass
class Digest:
    lines: list[bytes]  # the article's graph: sorted N-Triples lines without their ".\n"
    facts: dict  # kg.facts.article_facts
    used: list[str]  # entities its mentions and events name (the catalog graph keeps these)
    content: str  # content_hash of its text (what the store records for the article)
    types: dict[str, str]  # minted entity -> the type its graph says

    def current(self, new_types: dict[str, str]) -> bool:
        """Whether the graph still says what the build's final types say (and the digest is of this kind:
        one made before the summary graph lacks the article's date and source)."""
        return "article" in self.facts and all(new_types.get(iri, "Other") == t for iri, t in self.types.items())


def _stem(file: str) -> str:
    return file.rsplit(".", 1)[0]


def files(file: str) -> tuple[str, str]:
    """The digest's two file names for an article stored as `file`."""
    return f"{_stem(file)}.nt", f"{_stem(file)}.digest.json"


class Digester:
    def __init__(self, catalog: Catalog):
        self.builder = GraphBuilder(catalog)
        self.catalog = catalog.entities

    def make(self, doc: Doc, new_types: dict[str, str]) -> Digest:
        used = {m.entity for m in doc.mentions if m.entity}
        for ev in doc.events:
            used.update(ev.participants + ev.states + ([ev.place] if ev.place else []))
        minted = {m.entity for m in doc.mentions if m.entity and m.entity not in self.catalog}
        facts = {**article_facts(doc), "article": article_meta(doc)}
        return Digest(self.builder.article_lines(doc, new_types), facts, sorted(used),
                      content_hash(doc.article.text), {iri: new_types.get(iri, "Other") for iri in sorted(minted)})


def write(d: Path, file: str, digest: Digest) -> None:
    nt, meta = files(file)
    for name in (nt, meta):  # may be a hard link to the previous build's file, which must stay as it was
        (d / name).unlink(missing_ok=True)
    (d / nt).write_bytes(b"\n".join(digest.lines))
    (d / meta).write_text(json.dumps({"facts": digest.facts, "used": digest.used, "content": digest.content,
                                      "types": digest.types}, ensure_ascii=False), encoding="utf-8")


def read(d: Path, file: str) -> Digest | None:
    """The digest stored for `file` in `d`, or None when there is none (an older build) or it is unreadable."""
    nt, meta = files(file)
    try:
        data = (d / nt).read_bytes()
        m = json.loads((d / meta).read_text(encoding="utf-8"))
        return Digest(data.split(b"\n") if data else [], m["facts"], m["used"], m["content"], m["types"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
