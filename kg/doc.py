"""Plain dataclasses that flow through the pipeline (one direction: corpus -> text -> ner -> link -> extract).

Every span is a pair of Python string indices into `Article.text` exactly as read, so any fact can be
traced back to the characters it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Article:
    id: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None  # where it was read from (for messages only)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token]


@dataclass
class Mention:
    """A span that names (or stands for) an entity.

    label: coarse NER type (PER, LOC, ORG, MISC) or a catalog class (State, City, Person, ...).
    kind:  name | nisba (الروسي) | nominal (الرئيس الروسي) | metonym (الكرملين for Russia).
    source: which recogniser proposed it (stanza, gazetteer, rule).
    entity: IRI of the linked entity, filled by the linker.
    """

    start: int
    end: int
    text: str
    label: str
    source: str = "stanza"
    kind: str = "name"
    entity: str | None = None
    score: float = 1.0


@dataclass
class Timex:
    """A date expression. value is ISO 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' or None when it cannot be anchored."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # day | month | year
    end_value: str | None = None  # for ranges (1950-1953)


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Event:
    type: str  # Meeting, Talks, Summit, Visit, ... (docs/design.md)
    trigger: Span
    evidence: Span  # the sentence
    participants: list[str] = field(default_factory=list)  # entity IRIs
    states: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    precision: str | None = None
    status: str = "occurred"  # occurred | planned | denied | speculative
    organizations: list[str] = field(default_factory=list)
    confidence: float = 0.5
    more_evidence: list[Span] = field(default_factory=list)  # the same event mentioned again
    # who acts and who is acted on (kg:agent / kg:target): {"agent": [IRI], "target": [IRI]}; for a saying, its
    # speakers and whom it is about; none for a meeting, whose sides are its participants
    roles: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Agreement:
    type: str  # Treaty, Partnership, DefenseTreaty, FriendshipTreaty, Other
    trigger: Span
    evidence: Span
    name_ar: str | None = None
    name_en: str | None = None
    parties: list[str] = field(default_factory=list)
    signed: str | None = None
    precision: str | None = None
    status: str = "occurred"
    more_evidence: list[Span] = field(default_factory=list)  # the same agreement mentioned again


@dataclass
class Doc:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    # types of the entities this article minted (not in the catalog), filled by the linker; article-local
    # so that an article's extraction never depends on which articles were processed before it
    new_types: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None
