"""What a build keeps between runs (OUT/articles/): each article's extraction result as JSON, and an index.

The index lists the articles in build order with the hash of their input (text + metadata), the hash of the
named graph last written for them, and the types of the entities they minted. An incremental build
re-runs NER and extraction only for new or changed articles and re-derives the merged outputs (events,
entities, facts.jsonl, Turtle, graph.html) from all the stored results, so merges stay right after adds
and removes. `fingerprint` changes with the extraction code, catalog, lexicons, NER choice and model:
then every stored article is extracted again (its text is kept for that).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .doc import Article, Doc
from .errors import KgError

FORMAT = 1
DIR = "articles"
INDEX = "index.json"


def input_hash(a: Article) -> str:
    """Identity of an article's input: a re-ingest with the same hash changes nothing."""
    rec = [a.id, a.text, a.published.isoformat() if a.published else None, a.source, a.url, a.title]
    return hashlib.sha256(json.dumps(rec, ensure_ascii=False).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=4)
def fingerprint(ner: str) -> str:
    """Hash of everything extraction depends on (computed once per process)."""
    from importlib import resources

    h = hashlib.sha256(f"{FORMAT}\x1f{ner}".encode())
    pkg = Path(__file__).parent
    files = sorted([*pkg.rglob("*.py"), *pkg.rglob("*.tsv")])
    try:
        files += sorted(Path(str(resources.files("kg.ontology"))).glob("*.ttl"))
    except ModuleNotFoundError:  # running from a checkout without the package installed
        files += sorted((pkg.parent / "ontology").glob("*.ttl"))
    for f in files:
        h.update(str(f.relative_to(f.parent.parent)).encode() + b"\x1f" + f.read_bytes())
    for f in sorted((pkg / "ner" / "model").glob("*.pt")):  # the model by name and size (hashing 100 MB is slow)
        h.update(f"{f.name}:{f.stat().st_size}".encode())
    return h.hexdigest()


# -- Doc <-> JSON ---------------------------------------------------------------------------------------

def slim(doc: Doc) -> Doc:
    """Drop what only NER and linking need (tokens): graphs and facts use sentence bounds alone."""
    for s in doc.sentences:
        s.tokens = []
    return doc


def doc_to_json(doc: Doc) -> str:
    return json.dumps(dataclasses.asdict(slim(doc)), ensure_ascii=False, default=date.isoformat)


@functools.lru_cache(maxsize=None)
def _decoder(tp):
    """A function that rebuilds a value of type `tp` (dataclasses, lists, optionals, dates) from plain JSON;
    made once per type, so reading a build's thousands of docs does not inspect type hints again."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
    if dataclasses.is_dataclass(tp):
        fields = {k: _decoder(h) for k, h in typing.get_type_hints(tp).items()}

        def dataclass_(value):
            return tp(**{k: (None if v is None else fields[k](v)) for k, v in value.items() if k in fields})
        return dataclass_
    if origin is list:
        item = _decoder(typing.get_args(tp)[0])
        if item is _same:
            return list
        return lambda value: [None if v is None else item(v) for v in value]
    if tp is date:
        return date.fromisoformat
    return _same


def _same(value):
    return value


def doc_from_json(text: str) -> Doc:
    return _decoder(Doc)(json.loads(text))


# -- the index --------------------------------------------------------------------------------------------

@dataclass
class Entry:
    id: str
    file: str  # file name under OUT/articles/
    input: str  # input_hash
    graph: str = ""  # sha256 of the article's named graph (N-Quads) as last written
    types: dict[str, str] = field(default_factory=dict)  # Doc.new_types
    # what the merge step reads without opening the article's digest (kg/build.py): the sizes of its blocks in
    # dataset.nq, dataset.trig and graph.ttl (kg/rdf_files.py), the content hash the store records for it, and
    # its publication date and source (kg/summary.py)
    blocks: list[int] = field(default_factory=list)
    content: str = ""
    meta: dict = field(default_factory=dict)


_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry)]  # its values are plain JSON: no asdict (slow at 45,000)


@dataclass
class State:
    fingerprint: str = ""
    store: str = ""  # the --store of the last build
    catalog: str = ""  # hash of the catalog graph as last written
    triples: int = 0  # distinct triples of graph.ttl
    sizes: dict[str, int] = field(default_factory=dict)  # of the RDF files, as written (kg/rdf_files.py)
    entries: list[Entry] = field(default_factory=list)
    dir: Path = Path("/nonexistent")  # where the stored results were read from

    @classmethod
    def load(cls, out: Path) -> State:
        """The state of the build in `out`; empty when there is none (a fresh build)."""
        d = out / DIR
        if not (d / INDEX).is_file() and (out / (DIR + ".old") / INDEX).is_file():
            d = out / (DIR + ".old")  # a swap was interrupted between its two renames
        if not (d / INDEX).is_file():
            return cls()
        try:
            data = json.loads((d / INDEX).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls(data["fingerprint"], data["store"], data["catalog"], data["triples"], data.get("sizes", {}),
                       [Entry(**e) for e in data["articles"]], d)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise KgError(f"{d / INDEX}: unreadable build index ({e}); rebuild with --fresh") from None

    def dump(self) -> str:
        """The index as JSON, one article per line (each line by the C encoder: indenting would take the slow one)."""
        head = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "store": self.store,
                           "catalog": self.catalog, "triples": self.triples, "sizes": self.sizes}, ensure_ascii=False)
        rows = ",\n".join(json.dumps({f: getattr(e, f) for f in _ENTRY_FIELDS}, ensure_ascii=False) for e in self.entries)
        return f'{head[:-1]}, "articles": [\n{rows}\n]}}\n'


def doc_file(article_id: str) -> str:
    """A short, safe file name for an article id (ids may look like paths or be very long)."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:20] + ".json"


def read_doc(d: Path, entry: Entry) -> Doc:
    try:
        return doc_from_json((d / entry.file).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as e:
        raise KgError(f"{d / entry.file}: unreadable stored article {entry.id!r} ({e}); rebuild with --fresh") from None


def link_or_copy(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """A hard link to `src` at `dst` (a copy where links fail); nothing when there is no `src` (an older
    build without digests)."""
    try:
        os.link(src, dst)
    except FileNotFoundError:
        pass
    except OSError:
        import shutil
        shutil.copyfile(src, dst)
