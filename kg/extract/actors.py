"""What the catalog says about an extracted entity: its type, whether a person, and the state it acts for."""
from __future__ import annotations

from datetime import date

from ..catalog import Catalog
from ..doc import Doc, Event, Mention
from ..text import normalize
from .lexicon import W
from .morph import bare

NEWS_AGENCY = "https://w3id.org/kg-arabic/ontology#NewsAgency"


class Actors:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.nationals: dict[str, str] = {}  # the article's new people -> their state (see nationalities)
        self.officials: set[str] = set()  # those named with an office of that state
        # the words of the catalog's role titles (الرئيس، وزير الخارجية): what stands between a preposition and a name
        self.title_words = frozenset(w for t in catalog.role_titles for w in t.split())

    def entity(self, iri: str | None):
        return self.catalog.entities.get(iri or "")

    def is_person(self, iri: str, doc: Doc) -> bool:
        e = self.catalog.entities.get(iri)
        return e.type == "Person" if e else doc.new_types.get(iri) == "Person"

    def type_of(self, iri: str) -> str | None:
        e = self.catalog.entities.get(iri)
        return e.type if e else None

    def etype(self, m: Mention) -> str:
        return self.type_of(m.entity or "") or m.label

    def is_news_agency(self, iri: str) -> bool:
        e = self.catalog.entities.get(iri)
        return e is not None and NEWS_AGENCY in e.classes

    def read_nationalities(self, doc: Doc) -> None:
        """People new to the catalog whose name first comes right after a state's nisba, or after it and a comma
        (عضو المكتب السياسي للحزب الشيوعي الصيني لي هونغ تشونغ، وزير الخارجية الإيراني عباس عراقجي): that state
        is theirs."""
        out: dict[str, str] = {}
        officials: set[str] = set()
        for a, b in zip(doc.mentions, doc.mentions[1:]):
            e = self.catalog.entities.get(a.entity or "")
            if not (b.entity and b.entity not in self.catalog.entities and b.entity not in out and e is not None
                    and e.type == "State" and doc.new_types.get(b.entity) == "Person"):
                continue
            between = normalize(doc.text[a.end:b.start]).split()
            before = normalize(doc.text[max(0, a.start - 4):a.start]).split()
            # (or set off by a comma: المتحدث الرسمي لوزارة الخارجية القطرية، ماجد الأنصاري)
            if a.kind == "nisba" and (not between or between in (["،"], [","])):
                out[b.entity] = a.entity
                title = normalize(doc.text[max(0, a.start - 60):a.start]).split()[-6:]
                if any(bare(w) in W.office_nouns or w in W.office_nouns for w in title):
                    officials.add(b.entity)  # وزير الخارجية الإيراني عباس عراقجي, not الدراج الأمريكي
            # رئيس المجلس العسكري الحاكم في مالي الجنرال أسيمي غويتا: in a title, "in <state>" says whose he is
            elif a.kind == "name" and before[-1:] and before[-1] in W.in_title and len(between) <= 1 \
                    and all(w.startswith("ال") for w in between):
                out[b.entity] = a.entity
                officials.add(b.entity)
        self.nationals = out
        self.officials = officials  # those of them named with an office: political actors

    def office_holder_takes_part(self, ev: Event, day: date | None) -> bool:
        for p in ev.participants:
            e = self.catalog.entities.get(p)
            if e is not None and e.type == "Person" and any(day is None or t.covers(day) for t in e.tenures):
                return True
        return False

    def states_of(self, iri: str, day: date | None) -> list[str]:
        """The state an entity stands for on a day: itself, a capital's or seat's state, a person's office."""
        e = self.catalog.entities.get(iri)
        if e is None:
            return [self.nationals[iri]] if iri in self.nationals else []
        if e.type == "State":
            return [iri]
        if e.capital_of or e.seat_of or e.body_of:
            return [e.capital_of or e.seat_of or e.body_of]
        if e.type == "Person":
            now = [t for t in e.tenures if day is None or t.covers(day)]
            if any(t.org for t in now) and day is not None:
                return []  # the head of an organisation acts for it, not for the state they once led
            held = [t.state for t in now if not t.org]
            return sorted(set(held or e.leader_of))[:1] if (held or e.leader_of) else []
        if e.located_in:
            return self.states_of(e.located_in, day) if e.located_in != iri else []
        return []
