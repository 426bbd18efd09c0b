"""One sentence as the passes see it: its words (normalised), linked mentions, dates, clauses and scopes."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..doc import Doc, Mention, Sentence, Timex
from .lexicon import W

DATELINE_MARKS = {"(", "–", "-", "—", ":", "ـ"}


def word_of(sent: Sentence, m: Mention | Timex) -> int:
    """The index of the token a mention or date starts in."""
    for k, t in enumerate(sent.tokens):
        if t.start <= m.start < t.end:
            return k
    return 0


def clauses_of(words: list[str]) -> list[int]:
    """Per word, its clause number: a clause ends at commas, subordinators and relative pronouns."""
    out, c = [], 0
    for w in words:
        if w in W.clause_break or w in W.relative:
            c += 1
        out.append(c)
    return out


def scopes_of(words: list[str]) -> list[bool]:
    """Per word: inside a source attribution (وفق ما أعلن الكرملين الخميس) or a commemoration, where a date is
    not the event's date (a commemoration spans 9 words, an attribution its clause)."""
    out, on, left = [], False, 0
    for w in words:
        if w in W.reporting or w in W.commemoration:
            on, left = True, (9 if w in W.commemoration else 99)
        elif on and (w in W.clause_break or left <= 0):
            on = False
        out.append(on)
        left -= 1
    return out


def is_dateline(doc: Doc, sent: Sentence, words: list[str], k: int) -> bool:
    """بكين (AP) – ...: a city opening the article's first sentence before a bracket or dash is where the report
    was filed, not an actor."""
    return sent is doc.sentences[0] and k <= 1 and any(w in DATELINE_MARKS or w.startswith("(") for w in words[k + 1:k + 4])


@dataclass
class Sent:
    doc: Doc
    si: int
    sent: Sentence
    words: list[str]
    mentions: list[Mention]  # the linked mentions of the sentence
    timexes: list[Timex]
    day: date | None  # the publication day
    clauses: list[int] = field(default_factory=list)
    scoped: list[bool] = field(default_factory=list)

    def __post_init__(self):
        self.clauses = self.clauses or clauses_of(self.words)
        self.scoped = self.scoped or scopes_of(self.words)

    def k(self, m: Mention | Timex) -> int:
        return word_of(self.sent, m)

    def dateline(self, k: int) -> bool:
        return is_dateline(self.doc, self.sent, self.words, k)

    def span(self):
        from ..doc import Span
        return Span(self.sent.start, self.sent.end, self.doc.text[self.sent.start:self.sent.end])
