"""The stages wired in order: text -> ner -> (gazetteer) -> timex -> link -> events. Documents in, enriched out."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from .catalog import Catalog, load_catalog
from .doc import Article, Doc
from .extract import EventExtractor
from .link import Linker
from .ner import check_recognizer, get_recognizer
from .ner.gazetteer import Gazetteer
from .text import split_sentences, tokenize
from .timex import find_timexes

DATELINE_CHARS = 300  # where a dateline may stand when the metadata has no publication date


class Pipeline:
    """`ner_process=True` runs a Stanza recogniser in a child process (kg/ner/offload.py) that tags the next
    batch while this one is linked; the recogniser itself is then loaded here only if `recognizer` is used."""

    def __init__(self, ner: str = "stanza", catalog: Catalog | None = None, ner_process: bool = False):
        from .ner.offload import OFFLOADABLE, ner_process as child
        self.catalog = catalog or load_catalog()
        self.ner_name = ner
        self._child = None
        self._recognizer = None
        if ner_process and ner in OFFLOADABLE:
            check_recognizer(ner)
            self._child = child(ner)  # the model loads there while the gazetteer and lexicons load here
        else:
            self._recognizer = get_recognizer(ner)
        self.gazetteer = Gazetteer(self.catalog) if ner != "gazetteer" else self.recognizer.gazetteer
        self.linker = Linker(self.catalog, self.gazetteer)
        self.extractor = EventExtractor(self.catalog)

    @property
    def recognizer(self):
        if self._recognizer is None:
            self._recognizer = get_recognizer(self.ner_name)
        return self._recognizer

    def prepare(self, article: Article) -> Doc:
        doc = Doc(article)
        doc.sentences = split_sentences(article.text, tokenize(article.text))
        if article.published is None:  # fall back to the article's own dateline, never a guess
            for t in find_timexes(article.text[:DATELINE_CHARS], None):
                if t.value and t.precision == "day":
                    from datetime import date
                    article.published = date.fromisoformat(t.value)
                    break
        return doc

    def finish(self, doc: Doc) -> Doc:
        if self.ner_name != "gazetteer":
            doc.mentions.extend(self.gazetteer.find(doc.text))
        doc.timexes = find_timexes(doc.text, doc.article.published)
        self.linker(doc)
        self.extractor(doc)
        return doc

    def process(self, article: Article) -> Doc:
        doc = self.prepare(article)
        self.recognizer(doc)
        return self.finish(doc)

    def process_many(self, articles: Iterable[Article], batch: int = 16) -> Iterator[Doc]:
        """Batches NER over several articles (much faster than one at a time); yields in input order.
        With a NER child process, one batch is linked here while the next is tagged there."""
        ahead = 1 if self._child else 0
        pending: deque = deque()
        buf: list[Doc] = []
        for a in articles:
            buf.append(self.prepare(a))
            if len(buf) >= batch:
                pending.append(self._tag(buf))
                buf = []
                while len(pending) > ahead:
                    yield from self._finish(*pending.popleft())
        if buf:
            pending.append(self._tag(buf))
        while pending:
            yield from self._finish(*pending.popleft())

    def _tag(self, docs: list[Doc]):
        """Start NER on a batch: (docs, None) once done here, (docs, ticket) when sent to the child."""
        if self._child is not None:
            from .ner.stanza_ner import token_lists
            return docs, self._child.submit(token_lists(docs))
        many = getattr(self.recognizer, "recognize_many", None)
        if many is not None:
            many(docs)
        else:
            for d in docs:
                self.recognizer(d)
        return docs, None

    def _finish(self, docs: list[Doc], ticket: int | None) -> Iterator[Doc]:
        if ticket is not None:
            from .ner.stanza_ner import add_mentions
            add_mentions(docs, self._child.result(ticket), self.ner_name)
        for d in docs:
            yield self.finish(d)
