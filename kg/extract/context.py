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


def clauses_of(words: list[str], asides: frozenset[int] = frozenset()) -> list[int]:
    """Per word, its clause number: a clause ends at commas, subordinators and relative pronouns, but not at the
    commas (`asides`) that set off a name or a date inside it (وصل الرئيس السوري، بشار الأسد، الخميس، إلى جدة)."""
    out, c = [], 0
    for k, w in enumerate(words):
        if (w in W.clause_break or w in W.relative) and k not in asides:
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
class _Last:
    """A position as a mention-like thing (its .start), for word_of."""
    start: int


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
        self.clauses = self.clauses or clauses_of(self.words, self._asides())
        self.scoped = self.scoped or scopes_of(self.words)

    def _asides(self) -> frozenset[int]:
        """The commas around a name or a date set off inside a clause: between them only the words of one
        mention or one date expression (with يوم / مساء before a weekday)."""
        commas = [k for k, w in enumerate(self.words) if w in ("،", ",")]
        spans = [(word_of(self.sent, x), word_of(self.sent, _Last(x.end - 1))) for x in [*self.mentions, *self.timexes]]
        out = set()
        for a, b in zip(commas, commas[1:]):
            inner = list(range(a + 1, b))
            if inner and len(inner) <= 5 and any(s <= inner[0] - (1 if self.words[inner[0]] in W.time_of_day else 0)
                                                 and e >= inner[-1] for s, e in spans):
                out.update((a, b))
        # وقع عبدالله بن زايد وزير الخارجية الإماراتي، وبنيامين نتنياهو ...، والرئيس الأمريكي: a list of people goes on
        people = {word_of(self.sent, m) for m in self.mentions if m.label == "Person" or m.kind == "nominal"}
        for a in commas:
            if a + 1 < len(self.words) and self.words[a + 1].startswith("و") and a + 1 in people:
                out.add(a)
        return frozenset(out)

    def k(self, m: Mention | Timex) -> int:
        return word_of(self.sent, m)

    def dateline(self, k: int) -> bool:
        return is_dateline(self.doc, self.sent, self.words, k)

    def span(self):
        from ..doc import Span
        return Span(self.sent.start, self.sent.end, self.doc.text[self.sent.start:self.sent.end])
