"""The date of an event: the date expression governing its clause, else narrative context, else publication."""
from __future__ import annotations

from ..doc import Doc, Sentence, Span, Timex
from ..text import normalize
from .context import Sent, word_of
from .lexicon import W, index
from .morph import bare


def is_deadline(sent: Sentence, words: list[str], t: Timex) -> bool:
    """بحلول عام 2030، حتى 2030: a target or a term, not when anything reported happened or was signed."""
    k = word_of(sent, t)
    return any(w in W.deadline for w in words[max(0, k - 2):k + 1])


def first_since(s: Sent, t: Timex, hits=()) -> bool:
    """"The first talks since five years / since 2019": منذ right before the date, or منذ + a phrase ending in it,
    in the date's clause (منذ تولي ستارمر منصبه في 5 يوليو، منذ أن بدأ فترة ولايته الخامسة في 7 مايو), after
    "first": a reference point, not this event's date. Unless the phrase names an event of its own (الاجتماع
    الأول منذ رحلة قام بها كيم إلى فلاديفوستوك في 2019: the trip's date), one of ``hits`` between منذ and it."""
    words, k = s.words, s.k(t)
    at = next((n for n in range(k, max(-1, k - 12), -1) if words[n] in W.since and s.clauses[n] == s.clauses[k]), None)
    if at is not None and any(at < h[0] < k for h in hits):
        return False
    # أول زيارة يقوم بها رئيس وزراء هندي للجار الباكستاني منذ ...: "first" earlier in the same clause
    return at is not None and any(bare(w).startswith(W.first.stems) for n, w in enumerate(words[max(0, at - 12):at], max(0, at - 12))
                                  if s.clauses[n] == s.clauses[at])


def owner(s: Sent, hits, t: Timex) -> int:
    """The trigger a date expression belongs to: one in its own clause first, then the nearest."""
    k, clauses = s.k(t), s.clauses
    before = [h for h in hits if h[0] < k]
    if before and s.set_off(k):  # أعلنت جماعة الحوثي، يوم السبت، أنها أطلقت: a date set off after a verb dates it
        return before[-1][0]
    # a date set off by commas after a verb's clause (قال، الأربعاء، إن ...) dates that verb; one that
    # opens the sentence (يوم الجمعة، التقى ...) dates what follows
    return min(hits, key=lambda h: (clauses[h[0]] != clauses[k], clauses[k] > 0 and h[0] > k,
                                    abs(s.sent.tokens[h[0]].start - t.start)))[0]


def flashback(sent: Sentence | None) -> bool:
    """وكان عراقجي قد التقى ... يوم الأحد: a sentence set before the story; its day does not carry on."""
    words = [normalize(t.text) for t in sent.tokens[:8]] if sent is not None else []
    return bool(words) and words[0] in W.flashback_openers and any(w in W.past_marker for w in words[1:])


def _since(doc: Doc, t: Timex) -> bool:
    """A date after منذ is a reference point (منذ تولي ستارمر منصبه في 5 يوليو، منذ أن بدأ فترة ولايته الخامسة
    في 7 مايو), never a narrative anchor: منذ up to twelve words before it, with no comma between."""
    sent = doc.sentence_of(t.start)
    if sent is None:
        return False
    k = word_of(sent, t)
    for n in range(k, max(-1, k - 13), -1):
        tok = sent.tokens[n]
        if normalize(tok.text) in W.since:
            return True
        if n < k and tok.text.endswith(("،", ",")):
            return False
    return False


def dates_a_saying(doc: Doc, t: Timex) -> bool:
    """Whether a day is when something was said (وفق ما أعلن الكرملين الخميس، قال بيسكوف الخميس): a date within
    four words after a reporting or statement verb; it does not date the story around it."""
    sent = doc.sentence_of(t.start)
    if sent is None:
        return False
    k = word_of(sent, t)
    words = [normalize(tok.text) for tok in sent.tokens[max(0, k - 4):k]]
    return any(w in W.reporting or index().speech_verb(w, 2) for w in words)


def _no_date_set(s: Sent, trigger: Span) -> bool:
    """The sentence says no day is set (من دون تحديد تاريخ، قريبا، خلال الأسابيع المقبلة), or the event is the
    next one of its kind (القمة المقبلة)."""
    text = f" {' '.join(s.words)} "
    j = next((n for n, tok in enumerate(s.sent.tokens) if tok.start >= trigger.end), len(s.words))
    return any(f" {phrase} " in text for phrase in W.no_date_set) or any(w in W.next_one for w in s.words[j:j + 2])


def anaphoric_date(doc: Doc, si: int, words: list[str]) -> Timex | None:
    """وقتها / حينها / آنذاك / في ذلك الوقت point back to the last date named before this sentence."""
    joined = " ".join(words)
    if not (set(words) & W.then_words or any(p in joined for p in W.that_time)):
        return None
    start = doc.sentences[max(0, si - 2)].start
    before = [t for t in doc.timexes if t.value and start <= t.start < doc.sentences[si].start]
    return before[-1] if before else None


def event_date(s: Sent, timexes: list[Timex], trigger: Span, status: str, i: int, siblings=()):
    """(value, precision, by_default): the date expression that governs the trigger's clause: one in the clause
    itself, else the nearest in an earlier clause, else in a later one (never one inside a source attribution
    or a commemoration); else a day named in the two sentences before (narrative continuity: for a planned
    event, the day's programme); else, for a reported past event, the publication date; else none. A reported past event is never dated after the report."""
    doc, sent, clauses = s.doc, s.sent, s.clauses
    placed = []
    for t in timexes:
        if not t.value:
            continue
        k = next((n for n, tok in enumerate(sent.tokens) if tok.start <= t.start < tok.end), None)
        if k is None or s.scoped[k] and not s.scoped[i]:
            continue  # a day inside a source attribution dates nothing outside it
        c = clauses[k]
        rank = 0 if c == clauses[i] else (1 if c < clauses[i] else 2)
        if rank == 1 and _since(doc, t):
            continue  # حكم البلاد منذ 1967، وقد زار ميسي البلاد: a reference point dates nothing after its clause
        first = clauses.index(c)
        opening = [normalize(tok.text) for tok in sent.tokens[first:first + 2]]
        if rank == 2 and any(w in W.temporal_subord for w in opening):
            continue  # بعد اتفاق توصل إليه البلدان يوم الاثنين: that day is the agreement's, not this event's
        # (a day named in the clause before one counted back from the report: بعد أربعة أشهر من توقيع ... المعاهدة
        # في 19 يونيو 2024)
        counted = normalize(t.text).split()[0] in W.time_since
        placed.append((rank, counted, abs(t.start - trigger.start), t))
    if placed:
        best = min(placed, key=lambda x: x[:3])[3]
        return best.value, best.precision, False
    if any(w in W.since for w in s.words[max(0, i - 2):i]):
        return None, None, False  # منذ الغزو الروسي: a time before the story, dated only by its own date
    if siblings and siblings[-1].date and siblings[-1].status == status:
        # a second event of the same sentence happened when the first did (not one only planned)
        return siblings[-1].date, siblings[-1].precision, getattr(siblings[-1], "by_default", False)
    then = anaphoric_date(doc, s.si, [normalize(t.text) for t in sent.tokens])
    if then is not None:
        return then.value, then.precision, False
    # what is planned in a story of a named day is that day's programme (سيحضر الرئيسان الاجتماع، ستقام مراسم
    # التوقيع) unless the sentence says no day is set, or only "soon", or it is the next one of its kind
    if status not in ("occurred", "planned") or status == "planned" and _no_date_set(s, trigger):
        return None, None, False
    window_start = doc.sentences[max(0, s.si - 2)].start
    back = flashback(sent)
    # (a day after the report's is that of something still to come: لحضور القمة التي تنعقد غدا dates the summit,
    # not what is reported as done after it)
    latest = s.day.isoformat() if s.day is not None else "9999"
    before = [t for t in doc.timexes if t.value and t.precision == "day" and window_start <= t.start < sent.start
              and t.value <= latest and not dates_a_saying(doc, t) and not _since(doc, t)
              and (back or not flashback(doc.sentence_of(t.start)))]
    if before:
        return before[-1].value, "day", status == "planned"
    if s.day is not None and status == "occurred":
        return s.day.isoformat(), "day", True
    return None, None, False
