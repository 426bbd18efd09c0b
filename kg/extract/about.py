"""What a saying is about: an event the article reports, named by a definite noun opening what is said."""
from __future__ import annotations

import functools

from ..doc import Doc, Event
from ..text import normalize
from .actors import Actors
from .lexicon import W, frame, index
from .morph import DEFINITE, stem_match


@functools.lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    return frozenset(o + p for o in W.content_openers for p in ("", *W.pronoun_suffixes))


def opens_content(word: str) -> bool:
    """أن، إن، بأن and with a pronoun (أنه، إنها، بأنهم): what is said begins."""
    return word in _openers()


def _named_family(words: list[str]) -> str | None:
    """The family of the event a definite noun names (المباحثات، هذا الانسحاب), or None."""
    k = 1 if words and words[0] in W.demonstratives else 0
    if k >= len(words) or not (DEFINITE.match(words[k]) or k):
        return None
    for trig in index().candidates(words[k]):
        if stem_match(words[k], trig.stems[0], 4) and "speech" not in frame(trig.type).flags:  # الانسحاب (العسكري)
            return trig.family
    return None


def sayings_about_events(doc: Doc, words_of: dict[int, list[str]]) -> None:
    """ذكر بوتين أن المباحثات جرت وسط أجواء من الصراحة، أكد ماكرون أن هذا الانسحاب سيتم بطريقة منظمة: a saying
    whose content opens on a definite noun of an event (after أن / إن, in a sentence reporting the saying) is about
    the event of that family the article reports nearest to it, one of the speaker's states takes part in: it
    is about that event's states too (the other side of the talks, the country left). `words_of`: each sentence's
    normalised words, by its start."""
    for ev in doc.events:
        if "speech" not in frame(ev.type).flags or not ev.states:
            continue
        families = set()
        for span in [ev.evidence, *ev.more_evidence]:
            sent = doc.sentence_of(span.start)
            words = words_of.get(sent.start, []) if sent is not None else []
            families |= {_named_family(words[k + 1:k + 3]) for k, w in enumerate(words) if opens_content(w)}
        told = [o for o in doc.events if o is not ev and frame(o.type).family in families - {None}
                and set(o.states) & set(ev.states)]
        if not told:
            continue
        nearest = min(told, key=lambda o: abs(o.trigger.start - ev.trigger.start))
        others = [st for st in nearest.states if st not in ev.states]
        if others:
            ev.states = ev.states + others
            targets = ev.roles.setdefault("target", [])
            targets.extend(st for st in others if st not in targets)


def sayings_naming_no_one(doc: Doc, actors: Actors) -> None:
    """وقال الرئيس إن بلاده لن تستسلم أبدا: a saying of one state whose sentence names no one
    else (no other state, body or person, no event or agreement) ties that state to nothing: no statement of
    this graph. One that names another party (أكد أن الحلف قلق، رحب بانتهاء مفاوضات الاتفاق) or answers something
    reported (نددت بالقرارات، نفت هذه التقارير: words.tsv responded_to) stays, and so does a body's saying about a
    state (أعلنت المنظمة انضمام بيلاروسيا)."""
    def speakers_own(ev: Event) -> bool:  # the one state is the speaker's (not what a body's saying is about)
        speakers = ev.roles.get("agent", ev.participants)
        return set(ev.states) <= {st for p in speakers for st in actors.states_of(p, doc.article.published)} | set(speakers)

    doc.events[:] = [ev for ev in doc.events if "speech" not in frame(ev.type).flags or len(ev.states) != 1
                     or not speakers_own(ev) or _names_another(doc, ev, actors)]


def _names_another(doc: Doc, ev: Event, actors: Actors) -> bool:
    """Whether a saying's sentences name someone besides the speaker's side, or an event or an agreement (a trigger
    of a frame that is no saying, an agreement noun), or something reported it answers."""
    own = set(ev.participants) | set(ev.states)
    day = doc.article.published
    for span in [ev.evidence, *ev.more_evidence]:
        sent = doc.sentence_of(span.start)
        if sent is None:
            continue
        for m in doc.mentions:
            if not (sent.start <= m.start < sent.end and m.entity) or m.entity in own \
                    or actors.etype(m) not in ("State", "Person", "Organization", "City"):
                continue
            theirs = set(actors.states_of(m.entity, day))
            if not theirs or not theirs <= own:
                return True
        for w in (normalize(t.text) for t in sent.tokens if not ev.trigger.start <= t.start < ev.trigger.end):
            if any(stem_match(w, r, 3) for r in W.responded_to) or index().agreement_candidates(w) or any(
                    "speech" not in t.frame.flags and stem_match(w, t.stems[0], 4) for t in index().candidates(w)):
                return True
    return False
