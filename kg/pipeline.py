"""The stages wired in order: text -> ner -> (gazetteer) -> timex -> link -> events. Documents in, enriched out."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .catalog import Catalog, load_catalog
from .doc import Article, Doc
from .events import EventExtractor
from .link import Linker
from .ner import get_recognizer
from .ner.gazetteer import Gazetteer
from .text import split_sentences, tokenize
from .timex import find_timexes

DATELINE_CHARS = 300  # where a dateline may stand when the metadata has no publication date


class Pipeline:
    def __init__(self, ner: str = "stanza", catalog: Catalog | None = None):
        self.catalog = catalog or load_catalog()
        self.ner_name = ner
        self.recognizer = get_recognizer(ner)
        self.gazetteer = Gazetteer(self.catalog) if ner != "gazetteer" else self.recognizer.gazetteer
        self.linker = Linker(self.catalog, self.gazetteer)
        self.extractor = EventExtractor(self.catalog)

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
        """Batches NER over several articles (much faster than one at a time); yields in input order."""
        many = getattr(self.recognizer, "recognize_many", None)
        buf: list[Doc] = []
        for a in articles:
            buf.append(self.prepare(a))
            if len(buf) >= batch:
                yield from self._flush(buf, many)
                buf = []
        if buf:
            yield from self._flush(buf, many)

    def _flush(self, docs: list[Doc], many) -> Iterator[Doc]:
        if many is not None:
            many(docs)
        else:
            for d in docs:
                self.recognizer(d)
        for d in docs:
            yield self.finish(d)
