"""`kg build` / `kg remove`: corpus -> pipeline -> RDF dataset, facts.jsonl, graph.html and the store.

Builds are incremental: OUT/articles/ keeps every article's extraction result (kg/state.py). A build runs
NER and extraction only for new or changed articles (or, after the extraction code changed, for all),
then re-derives every merged output from every article's digest (its graph and facts, kept beside its result:
kg/digest.py), so cross-article merges stay right after adds and removes without reading the results again;
the store gets only the named graphs that changed. An unchanged re-ingest writes nothing.

Everything is written into a staging directory next to OUT and moved into place only when complete
(OUT/articles/ last), so an error or a kill leaves the previous build intact (no half-written output).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .catalog import load_catalog
from .corpus import read_corpus
from .doc import Article, Doc
from .errors import KgError
from . import digest
from .derive import OUTPUT_FILES, derive
from .digest import Digester
from .faults import crash_point
from .state import DIR, INDEX, Entry, State, doc_file, doc_to_json, fingerprint, input_hash, read_doc


@dataclass
class BuildResult:
    out: Path
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    events: Counter = field(default_factory=Counter)
    agreements: Counter = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0
    derive_seconds: float = 0.0  # of which: merging every article's facts into the outputs (after extraction)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    store: str = "oxigraph"
    command: str = "build"  # or "remove": the summary says which ran

    def summary(self) -> str:
        def fmt(c: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in c.most_common()) or "none"

        lines = [
            f"kg {self.command} → {self.out}",
            f"  articles    {self.articles}" + (f"  ({len(self.skipped)} skipped)" if self.skipped else ""),
            f"  changes     {self.added} new, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged",
            f"  entities    {sum(self.entities.values())}: {fmt(self.entities)}",
            f"  events      {sum(self.events.values())}: {fmt(self.events)}",
            f"  agreements  {sum(self.agreements.values())}: {fmt(self.agreements)}",
            f"  triples     {self.triples}",
            f"  time        {self.seconds:.1f} s" + (f" (merge {self.derive_seconds:.1f} s)" if self.derive_seconds else ""),
            f"  files       {', '.join(OUTPUT_FILES)}, {DIR}/"
            + (", store/" if self.store == "oxigraph" else f"; store: {self.store}"),
        ]
        return "\n".join(lines)

    def count(self, facts) -> None:
        for f in facts:
            {"entity": self.entities, "event": self.events, "agreement": self.agreements}[f["kind"]][f["type"]] += 1


def _check_out(out: str) -> Path:
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise KgError(f"{out_dir}: exists and is not a directory")
    return out_dir


LOCK = ".kg.lock"


@contextlib.contextmanager
def _exclusive(out_dir: Path):
    """Hold OUT's lock for a build, after repairing what a killed build left behind.

    Two builds into one OUT would each swap in outputs of their own; the second is refused instead.
    A build killed mid-swap can leave OUT/store or OUT/articles renamed to *.old (replace_dir), and
    any killed build leaves its staging directory: both are put right here, before anything is read."""
    existed = out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(out_dir / LOCK, "a+b") as lock:  # inside OUT: nothing is left beside the build
            try:
                import fcntl
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:  # not POSIX: no lock, the rest still holds
                pass
            except BlockingIOError:
                raise KgError(f"{out_dir}: another kg build or remove is writing this output right now") from None
            for stale in out_dir.parent.glob(f".{out_dir.name}.building-*"):
                shutil.rmtree(stale, ignore_errors=True)
            for name in ("store", DIR):
                old = out_dir / f"{name}.old"
                if old.is_dir() and not (out_dir / name).exists():
                    os.replace(old, out_dir / name)  # killed between the two renames: the previous one is back
            yield
    finally:
        if not existed and {p.name for p in out_dir.iterdir()} <= {LOCK}:  # a build that wrote nothing leaves no OUT
            (out_dir / LOCK).unlink(missing_ok=True)
            out_dir.rmdir()


def extract(articles: list[Article], ner: str, workers: int | None = None, scheduler: str | None = None,
            progress: bool = False) -> Iterator[Doc]:
    """Docs for the articles, in order: in this process, or on a Dask cluster (kg/cluster.py)."""
    if workers or scheduler:
        from .cluster import extract_distributed
        docs = extract_distributed(articles, ner, workers=workers, scheduler=scheduler)
    else:
        from .ner.offload import wanted
        from .pipeline import Pipeline
        docs = Pipeline(ner=ner, ner_process=wanted(ner)).process_many(articles)
    return tqdm(docs, total=len(articles), desc="articles", unit="art", disable=not progress, file=sys.stderr)


def build(src: str, out: str, ner: str = "stanza", strict: bool = False, progress: bool = True,
          max_bytes: int | None = None, store: str = "oxigraph", workers: int | None = None,
          scheduler: str | None = None, fresh: bool = False) -> BuildResult:
    """Add the articles of `src` to the build in `out` (a new one if there is none, or with `fresh`)."""
    t0 = time.perf_counter()
    out_dir = _check_out(out)
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    corpus = read_corpus(src, strict=strict, **kwargs)
    for p in corpus.problems:
        print(f"kg: skipped: {p}", file=sys.stderr)
    for w in corpus.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    if not corpus.articles:
        raise KgError(f"{src}: no readable articles ({len(corpus.problems)} input(s) skipped)")

    with _exclusive(out_dir):
        return _build(corpus, out_dir, ner, store, workers, scheduler, fresh, progress, t0)


def _build(corpus, out_dir: Path, ner: str, store: str, workers, scheduler, fresh: bool, progress: bool,
           t0: float) -> BuildResult:
    prev = State() if fresh else State.load(out_dir)
    fp = fingerprint(ner)
    stale = bool(prev.entries) and prev.fingerprint != fp  # extraction changed: everything is re-extracted
    result = BuildResult(out=out_dir, skipped=corpus.problems, store=store)
    entries = {e.id: e for e in prev.entries}  # insertion order = build order; a changed article keeps its place
    todo: list[Article] = []
    for a in corpus.articles:
        h, e = input_hash(a), entries.get(a.id)
        if e is not None and e.input == h and not stale:
            result.unchanged += 1
            continue
        result.changed += e is not None
        result.added += e is None
        entries[a.id] = Entry(a.id, doc_file(a.id), h)
        todo.append(a)
    if stale:  # stored articles not in this corpus: re-extract them from their kept text
        seen = {a.id for a in todo}
        for e in prev.entries:
            if e.id not in seen:
                todo.append(read_doc(prev.dir, e).article)
                entries[e.id] = Entry(e.id, e.file, e.input)
    if not todo and prev.store == store and all((out_dir / n).is_file() for n in OUTPUT_FILES):
        result.articles, result.triples = len(entries), prev.triples  # nothing to do: the outputs are already what this build would write
        result.count(json.loads(ln) for ln in (out_dir / "facts.jsonl").read_text(encoding="utf-8").splitlines())
        result.seconds = time.perf_counter() - t0
        return result
    stage = _stage(out_dir)
    try:
        (stage / DIR).mkdir()
        redo = {a.id for a in todo}
        types: dict[str, str] = {}  # minted entity -> type, as known so far: the kept articles', then each new one's
        for e in entries.values():
            if e.id not in redo:
                for iri, t in e.types.items():
                    types.setdefault(iri, t)
        digester = Digester(load_catalog())
        for d in extract(todo, ner, workers, scheduler, progress):  # streamed to disk: memory stays flat
            e = entries[d.article.id]
            e.types = dict(d.new_types)
            (stage / DIR / e.file).write_text(doc_to_json(d), encoding="utf-8")
            for iri, t in d.new_types.items():
                types.setdefault(iri, t)
            digest.write(stage / DIR, e.file, digester.make(d, types))  # while NER works on the next batch
            crash_point("extracted")
        return derive(out_dir, stage, prev, State(fp, store, entries=list(entries.values())), result, t0)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def remove(ids: list[str], out: str, store: str | None = None) -> BuildResult:
    """Delete articles (and every fact only they support) from the build in `out`."""
    t0 = time.perf_counter()
    out_dir = _check_out(out)
    with _exclusive(out_dir):
        return _remove(ids, out_dir, store, t0)


def _remove(ids: list[str], out_dir: Path, store: str | None, t0: float) -> BuildResult:
    prev = State.load(out_dir)
    if not prev.entries:
        raise KgError(f"{out_dir}: no incremental kg build here (no {DIR}/{INDEX}); build it with `kg build`")
    known = {e.id for e in prev.entries}
    missing = [i for i in ids if i not in known]
    if missing:
        raise KgError(f"{out_dir}: no article {missing[0]!r} in this build (see {DIR}/{INDEX})")
    store = store or prev.store
    result = BuildResult(out=out_dir, removed=len(set(ids)), store=store, command="remove")
    keep = [e for e in prev.entries if e.id not in set(ids)]
    result.unchanged = len(keep)
    stage = _stage(out_dir)
    try:
        (stage / DIR).mkdir()
        return derive(out_dir, stage, prev, State(prev.fingerprint, store, entries=keep), result, t0)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _stage(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
