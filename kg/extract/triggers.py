"""The triggers of a sentence: frame triggers matched word by word, then the readings that change them
(a summit as the setting of a meeting, hosting a person, a round of talks, troops arriving)."""
from __future__ import annotations

import functools

from .actors import Actors
from .context import Sent
from .lexicon import Trigger, W, frame, index
from .morph import DEFINITE, bare, stem_match


@functools.lru_cache(maxsize=1)
def _special() -> tuple[Trigger, Trigger]:
    """جولة read as a round of talks, وصل read as troops arriving."""
    (round_,), (arrival,) = W.round, W.arrival
    return (Trigger("Talks", (round_,), (), "meeting", frame("Talks")),
            Trigger("Deployment", (arrival,), (), "military", frame("Deployment")))


def round_end(words: list[str], i: int, j: int, trig: Trigger) -> int | None:
    """Where a round of talks' trigger ends (after its talks noun: جولة جديدة من المفاوضات), None for a tour, -1 for
    a numbered round of something else (no event)."""
    round_ = _special()[0]
    if not trig.has("travel") or not words[i].endswith(round_.stems[0]):
        return None
    noun = next((k for k in range(j, min(j + 4, len(words))) if any(stem_match(words[k], st, 4) for st in W.talks_nouns)), None)
    if noun is not None:
        return noun + 1
    # جولة ثانية، جولة جديدة: an ordinal after an indefinite round is a round of talks; after a definite one
    # (الجولة الرابعة: a match day; الجولة الثانية من الانتخابات: a vote) a numbered round of something else: -1
    if any(bare(w).startswith(W.round_ordinals.stems) for w in words[j:j + 2]):
        return j if not DEFINITE.match(words[i]) and "من" not in words[j:j + 3] else -1
    if i > 0 and bare(words[i - 1]).startswith(W.round_verbs.stems):
        return j
    return None


def is_topic(s: Sent, hits, i: int, trig: Trigger) -> bool:
    """A topical act named as what talks are about or a text says (بحث الجانبان وقف إطلاق النار، تركز المحادثات على
    تبادل الرهائن، ينص على خفض الرسوم) or as what a call asks for (تدعو الحكومة ... إلى سحب القوات): no event."""
    if not trig.has("topical"):
        return False
    words, clauses = s.words, s.clauses
    if any(w in W.topic_words for w in words[max(0, i - 12):i]):
        return True
    if any(h[2].has("encounter") and i - 8 <= h[0] < i for h in hits):
        return True
    return any(stem_match(w, st, 4) for k, w in enumerate(words[:i]) if i - k <= 8 and clauses[k] == clauses[i]
               for st in W.demand_stems)


def is_setting(words: list[str], i: int, trig: Trigger, hits) -> bool:
    """التقيا على هامش القمة: the event named after "the sidelines of" another of its family is the setting of the
    one reported, an event of its own (the summit under way), never the same one. (A parade there is an event
    of another family, read as usual: على هامش عرض عسكري.)"""
    return i > 0 and bare(words[i - 1]) in W.sidelines and any(h[2].family == trig.family and h[0] != i for h in hits)


def find_triggers(s: Sent, actors: Actors) -> list[tuple[int, int, Trigger]]:
    """(first word, end word, trigger) for each trigger of the sentence, in word order."""
    words = s.words
    hits: list[tuple[int, int, Trigger]] = []
    for i in range(len(words)):
        for trig in index().candidates(words[i]):
            n = len(trig.stems)
            if i + n > len(words) or not all(stem_match(words[i + k], trig.stems[k], 4 if k == 0 else 5) for k in range(n)):
                continue
            if trig.indefinite and DEFINITE.match(words[i]):
                continue
            if trig.requires:
                window = words[i + n:i + n + trig.within]  # وقّع ولي العهد ... ورئيس الوزراء ...، يوم الأربعاء، اتفاقية
                if not any(stem_match(w, r, 6) for w in window for r in trig.requires):
                    continue
            hits.append((i, i + n, trig))
            break
    # استضاف بوتين مودي: hosting a person is meeting them; hosting a summit or a tournament is not a meeting
    hosted = next(iter(W.hosted))
    hits = [h for h in hits if not h[2].stems[0].startswith(hosted) or any(
        actors.etype(m) == "Person" and h[1] <= s.k(m) < h[1] + 4 for m in s.mentions)]
    # a travel word is no journey where what comes before its إلى is directed to someone (توجه بالشكر إلى، وتوجه
    # الرئيس برسالة إلى: its subject may come first) or what comes after it is reached (للوصول إلى اتفاق)
    def no_journey(j: int) -> bool:
        to = next((k for k in range(j, min(j + 10, len(words))) if words[k] in W.locative), j)
        return any(bare(w) in W.directed_objects for w in words[j:to]) or any(
            words[k] in W.locative and bare(words[k + 1]) in W.reached_goals for k in range(j, min(j + 4, len(words) - 1)))
    hits = [h for h in hits if not (h[2].has("travel") and no_journey(h[1]))]
    # جولة جديدة من المحادثات، عقد جولة ثانية: a round of talks, not a tour (before dates find their triggers)
    # وصلت دفعة جديدة من عناصر الفيلق الأفريقي: troops arriving are deployed, they do not visit
    round_, arrival = _special()
    hits = [(i, j, arrival if trig.has("travel") and any(bare(w).startswith(W.troop_stems.stems) for w in words[j:j + 3])
             else trig) for i, j, trig in hits]
    ends = [round_end(words, i, j, trig) for i, j, trig in hits]
    return [(i, end, round_) if end else (i, j, trig) for (i, j, trig), end in zip(hits, ends) if end != -1]
