"""Where an event happened: the nearest named place of its clause, a host named before it, the summit it sits
beside, or (for what a leader does the same day) the place of that day's encounter; none for a call."""
from __future__ import annotations

from ..doc import Doc
from .actors import Actors
from .context import Sent, host_word
from .lexicon import W, frame
from .morph import bare


def best_place(s: Sent, actors: Actors, places) -> str:
    """The nearest place, a city before a state (في باماكو over الحاكم في مالي), not a region of no known state
    before it (في مالي ... في منطقة الساحل: Mali); the dateline city only where
    nothing else is named or it lies in the state named (أنقرة - زار ... تركيا: Ankara; not موسكو - وصل إلى كازاخستان)."""
    named = [p for p in places if not s.dateline(p[2])]
    # the dateline's city before its state (إسطنبول، تركيا –)
    dateline = [p[1] for p in sorted((p for p in places if p not in named), key=lambda p: actors.type_of(p[1]) == "State")]
    if not named:
        return dateline[0]
    def inside_a_state(iri: str) -> bool:  # a city or site (not a state, nor a region of no known state)
        return actors.type_of(iri) != "State" and bool(actors.states_of(iri, s.day))
    best = min(named, key=lambda p: (not inside_a_state(p[1]), p[0]))[1]
    inside = [c for c in dateline if actors.type_of(best) == "State" and best in actors.states_of(c, s.day)]
    return inside[0] if inside else best


def is_remote(words, clauses, clause, i, j) -> bool:
    """Held by phone or video: the trigger or its clause names the call, or the sentence goes on with "during a
    call" (دعاه إلى زيارة موسكو، خلال اتصال هاتفي جرى بينهما)."""
    remote = W.remote_stems.stems
    if any(bare(w).startswith(remote) or w.startswith(remote) for k, w in enumerate(words) if i <= k < j or clauses[k] == clause):
        return True
    return any(words[k] in W.remote_openers and bare(words[k + 1]).startswith(W.call_stems.stems) for k in range(j, len(words) - 1))


def _where(s: Sent, actors: Actors, clause: int) -> str | None:
    """متوجها إلى موسكو، حيث سيجتمع مع نظيره: in a clause opened by "where", the place named last before it."""
    at = s.clauses.index(clause)
    if s.words[at] not in W.where_words:
        return None
    before = [m for m in s.mentions if s.k(m) < at and m.kind != "nisba" and not s.dateline(s.k(m))
              and actors.etype(m) in ("City", "Place", "State")]
    return max(before, key=s.k).entity if before else None


def _a_matter(words: list[str], k: int) -> bool:
    """بحثا الوضع في ليبيا: the place at word k is that of what is discussed (kg/lexicon/words.tsv matter_nouns)."""
    return k >= 2 and words[k - 1] in W.locative and bare(words[k - 2]) in W.matter_nouns


def event_place(s: Sent, actors: Actors, places, trig, i: int, j: int, clause: int, siblings) -> str | None:
    words = s.words
    places = [p for p in places if not _a_matter(words, p[2])]
    if trig.has("speech"):
        # where it was said (قال بوتين في موسكو إن), not a place in what was said (أكد ضرورة وقف النار في غزة)
        opener = next((k for k in range(j, len(words)) if words[k] in W.content_openers or words[k] in W.self_reference),
                      len(words))
        places = [p for p in places if p[2] < i or (p[2] < opener and p[2] - i <= 6)]
    place = best_place(s, actors, places) if places else (siblings[-1].place if siblings else None)
    if place is None:
        # استضافت العاصمة القطرية الدوحة ... جولة من المحادثات: the host named before the event is where it is
        h = host_word(words, i)
        hosts = [m.entity for m in s.mentions if h is not None and h < s.k(m) <= h + 4
                 and actors.etype(m) in ("City", "Place", "State") and m.kind != "nisba"]
        place = hosts[-1] if hosts else None
    if place is None:
        place = _where(s, actors, clause)
    if place is None and any(bare(w) in W.sidelines for w in words[i:j + 6]):
        # على هامش القمة: where the summit it sits beside was held
        place = next((e.place for e in reversed(s.doc.events + siblings) if e.type == "Summit" and e.place), None)
    if is_remote(words, s.clauses, clause, i, j):
        place = None
    return place


def share_places(doc: Doc, actors: Actors) -> None:
    """What is said or done the same day by one of the people of an encounter with a place happened there too
    (statements at the Helsinki summit, talks during a visit to Paris); a state is no place to inherit."""
    givers = [e for e in doc.events if e.place and "gives_place" in frame(e.type).flags and e.status == "occurred"
              and actors.type_of(e.place) != "State"]
    for ev in doc.events:
        if ev.place or ev.status != "occurred" or "own_place_only" in frame(ev.type).flags:
            continue
        people = set(ev.participants)
        # (a state acting in ev is one of the encounter's when ev names no person: وقع البلدان اتفاقية)
        persons = any(actors.is_person(p, doc) for p in people)
        fits = {g.place for g in givers if g is not ev and g.date and g.date == ev.date
                and people & (set(g.participants) if persons else set(g.participants) | set(g.states))}
        if len(fits) == 1:  # one place that day: not when the people were in two
            ev.place = fits.pop()


