"""In-article coreference of events: one real-world event however many sentences report it."""
from __future__ import annotations

import itertools

from ..doc import Doc, Event
from ..text import normalize
from .actors import Actors
from .lexicon import W, frame
from .morph import bare


def rank(type_: str) -> int:
    return frame(type_).rank


def two_sided(type_: str) -> bool:
    return "two_sided" in frame(type_).flags


def merge_roles(into: Event, other: Event) -> None:
    for role, ents in other.roles.items():
        have = into.roles.setdefault(role, [])
        have.extend(e for e in ents if e not in have)


def on_sidelines(doc: Doc, ev: Event) -> bool:
    """والتقى بوتين وشي على هامش القمة: a meeting held on the sidelines of a summit is not the summit."""
    sent = doc.sentence_of(ev.trigger.start)
    after = [normalize(t.text) for t in sent.tokens if t.start >= ev.trigger.end][:6] if sent else []
    return any(bare(w) in W.sidelines for w in after)


def add_event(doc: Doc, ev: Event, is_person=None, inside=None) -> None:
    """Merge a re-mention of an event already in this article (same type, states, date, status, place).
    `inside(a, b)`: whether place a lies in place b (then the finer one is kept)."""
    if "named" in frame(ev.type).flags and ev.place and not getattr(ev, "dated_here", False):
        # ولا تضمن مشاركة الأسد في قمة جدة: a summit with no date of its own, at a place, is the one the article
        # holds there
        # (whoever it names: the leaders arriving for it are more of its parties)
        held = next((p for p in doc.events if p.type == ev.type and p.place == ev.place), None)
        if held is not None:
            _absorb(held, ev, inside)
            held.states = list(dict.fromkeys(held.states + ev.states))  # the leaders come with their states
            return
    for prev in doc.events:
        # talks with a group (أجرى شي محادثات مع أكثر من عشرة من نظرائه الأفارقة) at the summit one of them hosts
        # are talks of their own, one by one, not the summit
        same_type = prev.type == ev.type or (two_sided(ev.type) and two_sided(prev.type) and not (
            "Summit" in (ev.type, prev.type) and (on_sidelines(doc, ev) or on_sidelines(doc, prev)
                                                 or getattr(ev, "setting", False) or getattr(prev, "setting", False)
                                                 or len(ev.states) < 2 and _many_on_the_other_side(doc, ev))))
        if same_type and set(prev.states) == set(ev.states) and prev.date == ev.date \
                and prev.status == ev.status and "speech" not in frame(ev.type).flags \
                and _places_fit(prev.place, ev.place, inside, ev.type):
            if rank(ev.type) < rank(prev.type):
                prev.type = ev.type  # talks reported as a meeting, or a meeting called a summit
            _absorb(prev, ev, inside)
            return
    people = (lambda e: {p for p in e.participants if is_person(p, doc)}) if is_person else None
    for prev in doc.events if people else ():
        # the headline, the lead and the body name one trip: a visit the same day, of the same status, by the same
        # person, one's states among the other's (a state named in passing may ride along). Not so for meetings:
        # a leader meets many the same day
        # Likewise a delivery or a launch reported twice that day (تسلمت تركيا أول شحنة من منظومة إس-400 الروسية،
        # وأعلنت وزارة الدفاع التركية أن تسلم أول شحنة بدأ): one shared state suffices
        a, b = set(prev.states), set(ev.states)
        flags = frame(ev.type).flags
        if "travel" in flags:
            same_side = bool(people(prev) & people(ev))
        elif "one_a_day" in flags:  # (each dated in its own sentence, not by the article's day)
            same_side = bool(a & b) and ev.date is not None and not (getattr(ev, "by_default", False)
                                                                     or getattr(prev, "by_default", False))
        else:
            same_side = False
        if prev.type == ev.type and prev.date == ev.date and prev.status == ev.status \
                and same_side and (a <= b or b <= a) \
                and _places_fit(prev.place, ev.place, inside, ev.type):
            _absorb(prev, ev, inside)
            return
    doc.events.append(ev)


def headline_events(doc: Doc, inside=None) -> None:
    """The headline names what the story reports (رسميا.. توقيع اتفاقية السلام بين إسرائيل والإمارات; then وقع عبدالله
    بن زايد ونتنياهو وترامب على اتفاقية السلام): an event of the first line, a title with no full stop, is the first
    one after it of the same type and status whose states hold its own, on its day or dated where the headline
    has none. (The first line: the sentence splitter may cut a title at its ".." (رسميًا..).)"""
    end = doc.text.find("\n")
    if end < 0 or doc.text[:end].rstrip().endswith((".", "!", "؟")):
        return
    keep = []
    for ev in doc.events:
        body = None
        if ev.trigger.start < end:
            body = next((o for o in doc.events if o.trigger.start > end and o.type == ev.type
                         and o.status == ev.status and set(ev.states) <= set(o.states)
                         and (o.date == ev.date or getattr(ev, "by_default", False))), None)
        if body is None:
            keep.append(ev)
            continue
        _absorb(body, ev, inside)  # (the finer place kept: في العاصمة التركية أنقرة over لتركيا)
    doc.events[:] = keep


def _places_fit(a: str | None, b: str | None, inside, type_: str) -> bool:
    """Two reports can be one event: no place in one, the same, or (but for a trip, whose legs to a country and to
    a site in it are two visits) one inside the other (الكرملين in موسكو)."""
    nested = inside is not None and "travel" not in frame(type_).flags and (inside(a, b) or inside(b, a))
    return a is None or b is None or a == b or nested


def _absorb(prev: Event, ev: Event, inside=None) -> None:
    """`ev` is `prev` reported again: its people, roles and place join (the finer place: في مبنى الكرملين بالعاصمة
    موسكو after في موسكو), its sentence is more evidence."""
    prev.participants = list(dict.fromkeys(prev.participants + ev.participants))
    merge_roles(prev, ev)
    finer = prev.place and ev.place and inside is not None and inside(ev.place, prev.place)
    prev.place = ev.place if finer else prev.place or ev.place
    prev.confidence = min(1.0, prev.confidence + 0.1)
    prev.more_evidence.append(ev.evidence)


def _summit_name(doc: Doc, ev: Event) -> tuple[str, ...]:
    """The adjectives naming a summit (القمة الصينية العربية -> الصينيه العربيه); none for a summit named next or
    last (القمة العربية المقبلة) or by nothing."""
    sent = doc.sentence_of(ev.trigger.start)
    after = [normalize(t.text) for t in sent.tokens if t.start >= ev.trigger.end][:3] if sent else []
    name = tuple(itertools.takewhile(lambda w: w.startswith("ال") and w not in W.other_one, after[:2]))
    return () if any(w in W.next_or_last for w in after[len(name):len(name) + 1]) else name


def same_named(doc: Doc) -> None:
    """One summit named twice with the same adjectives (يشارك خلالها في القمة الصينية العربية ... وعقدت القمة
    الصينية العربية يوم الجمعة) or by the same organisation is one event, dated by the mention that dates it in
    its own sentence."""
    first: dict[tuple[str, ...], Event] = {}
    keep = []
    for ev in doc.events:
        name = _summit_name(doc, ev) if "named" in frame(ev.type).flags else ()
        if not name and "held_by_organization" in frame(ev.type).flags:
            # قمة منظمة شنغهاي للتعاون: a summit named by the organisation that holds it (taking part in it)
            name = tuple(o for o in ev.organizations if o in ev.participants)[:1]
        prev = first.get(name) if name else None
        if prev is None or (prev.dated_here and ev.dated_here and prev.date != ev.date):
            first.setdefault(name, ev)
            keep.append(ev)
            continue
        if ev.dated_here and not prev.dated_here:
            prev.date, prev.precision, prev.status, prev.dated_here = ev.date, ev.precision, ev.status, True
        prev.participants = list(dict.fromkeys(prev.participants + ev.participants))
        prev.states = list(dict.fromkeys(prev.states + ev.states))
        prev.organizations = list(dict.fromkeys(prev.organizations + ev.organizations))
        merge_roles(prev, ev)
        prev.place = prev.place or ev.place
        prev.more_evidence += [ev.evidence] + ev.more_evidence
    doc.events[:] = keep


def discourse_dates(doc: Doc, actors: Actors) -> None:
    """An event dated only by the publication date, whose people (two or more) all took part in events the
    article dates on one day (والأربعاء، أكد كيم لبوتين ...), happened that day: the gifts and talks of a summit
    are reported around it without a date of their own. Then the re-dated events are merged again with what
    they now repeat."""
    def persons(ev: Event) -> set[str]:
        return {p for p in ev.participants if actors.is_person(p, doc)}

    anchors = [e for e in doc.events if e.date and e.precision == "day" and not getattr(e, "by_default", False)
               and len(persons(e)) >= 2]
    changed = False
    for ev in doc.events:
        if not getattr(ev, "by_default", False) or len(persons(ev)) < 2:
            continue
        # (of the same status: the day of a summit still to come does not date an arrival reported as done)
        days = {a.date for a in anchors if persons(a) <= persons(ev) and a.status == ev.status}
        if len(days) == 1 and ev.date not in days:
            ev.date, ev.by_default, changed = days.pop(), False, True
    if changed:
        events, doc.events = doc.events, []
        for ev in events:
            n = len(doc.events)
            add_event(doc, ev)
            if len(doc.events) == n:  # merged: keep its other sentences too
                target = next(p for p in doc.events if ev.evidence in p.more_evidence)
                target.more_evidence.extend(ev.more_evidence)


def _many_on_the_other_side(doc: Doc, ev: Event) -> bool:
    """أجرى شي محادثات مع أكثر من عشرة من نظرائه الأفارقة، يستضيف قادة أفارقة: the other side is many, named as a
    group of leaders of a region or of states (kg/lexicon/words.tsv many_counterparts, then a plural nisba or
    الدول), in a report of the event: not one state."""
    def group(words: list[str]) -> bool:
        return any(bare(w).startswith(W.many_counterparts.stems) and any(
            bare(n).removeprefix("ال").endswith(("ه", "ين", "يون")) or bare(n).removeprefix("ال") in ("عرب", "دول")
            for n in words[k + 1:k + 3]) for k, w in enumerate(words))
    sent = doc.sentence_of(ev.trigger.start)
    after = [normalize(t.text) for t in sent.tokens if t.start >= ev.trigger.end][:8] if sent else []
    return group(after) or any(group(normalize(doc.text[e.start:e.end]).split()) for e in ev.more_evidence)


def one_sided_meetings(doc: Doc, actors: Actors | None = None) -> None:
    """A meeting involves two sides. One naming a single state (وشارك في المناقشات وزير الدفاع الروسي) is a detail
    of a fuller meeting that day, kept as its evidence; with no such meeting it is dropped. A person of no state
    (استقبل بوتين الجنرال خليفة حفتر: in the catalog, holding no state's office) is a side of their own."""
    def stateless_side(ev: Event) -> bool:
        day = doc.article.published if actors is not None else None
        people = [p for p in ev.participants if actors is not None and actors.is_person(p, doc)]
        return len(people) >= 2 and any(actors.entity(p) is not None and not actors.states_of(p, day) for p in people) \
            and any(actors.states_of(p, day) for p in people)

    keep = []
    for ev in doc.events:
        if two_sided(ev.type) and len(ev.states) == 1 and ev.place and actors is not None \
                and bare(normalize(ev.trigger.text).split()[0]).startswith(W.receiving.stems):
            # وكان في استقبال الأسد لدى وصوله إلى مطار جدة نائب أمير المنطقة: who receives a guest, their state not
            # named, receives them in their own country, the state of the place
            host = [st for st in actors.states_of(ev.place, doc.article.published) if st not in ev.states]
            ev.states = ev.states + host[:1]
        if two_sided(ev.type) and len(ev.states) < 2 and not any(o in ev.participants for o in ev.organizations) \
                and not stateless_side(ev) \
                and not ("held_by_organization" in frame(ev.type).flags and ev.organizations):  # تستضيف الصين القمة المقبلة للمنظمة
            host = next((o for o in doc.events if o is not ev and two_sided(o.type) and len(o.states) >= 2
                         and set(ev.states) <= set(o.states) and o.date == ev.date), None)
            if host is not None:
                host.participants = list(dict.fromkeys(host.participants + ev.participants))
                host.more_evidence.append(ev.evidence)
                continue
            if not _many_on_the_other_side(doc, ev):
                continue
        keep.append(ev)
    doc.events[:] = keep
