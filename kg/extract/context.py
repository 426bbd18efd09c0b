"""One sentence as the passes see it: its words (normalised), linked mentions, dates, clauses and scopes."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..doc import Doc, Mention, Sentence, Timex
from ..text import normalize
from ..timex import WEEKDAYS
from .lexicon import W
from .morph import bare

DATELINE_MARKS = {"(", "–", "-", "—", ":", "ـ"}
SENTENCE_END = {".", "!", "؟", "?"}
WEEKDAY_WORDS = frozenset(normalize(w) for w in WEEKDAYS)  # تسلمت تركيا أمس (الجمعة): a day in brackets, no dateline


def word_at(sent: Sentence, pos: int) -> int:
    """The index of the token holding character `pos` (0 if it falls between tokens)."""
    starts = sent.__dict__.get("_starts")  # the token starts, kept on the sentence: asked for every mention
    if starts is None:
        starts = sent.__dict__["_starts"] = [t.start for t in sent.tokens]
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < sent.tokens[k].end else 0


def word_of(sent: Sentence, m: Mention | Timex) -> int:
    """The index of the token a mention or date starts in (0 if it starts between tokens)."""
    return word_at(sent, m.start)


def host_word(words: list[str], i: int) -> int | None:
    """The first hosting verb before word i (استضافت العاصمة القطرية الدوحة ... جولة من المحادثات), or None."""
    stems = W.host_stems.stems
    return next((k for k in range(i) if bare(words[k]).startswith(stems) or words[k].startswith(stems)), None)


def clauses_of(words: list[str], asides: frozenset[int] = frozenset()) -> list[int]:
    """Per word, its clause number: a clause ends at commas, subordinators and relative pronouns, but not at the
    commas (`asides`) that set off a name or a date inside it (وصل الرئيس السوري، بشار الأسد، الخميس، إلى جدة)."""
    out, c = [], 0
    breaks = W.clause_break | W.relative
    for k, w in enumerate(words):
        if w in breaks and k not in asides:
            c += 1
        out.append(c)
    return out


def scopes_of(words: list[str]) -> list[bool]:
    """Per word: inside a source attribution (وفق ما أعلن الكرملين الخميس) or a commemoration, where a date is
    not the event's date (a commemoration spans 9 words, an attribution its clause)."""
    out, on, left = [], False, 0
    reporting, commemoration, breaks = W.reporting, W.commemoration, W.clause_break
    if not any(w in reporting or w in commemoration for w in words):
        return [False] * len(words)
    for w in words:
        if w in reporting or w in commemoration:
            on, left = True, (9 if w in commemoration else 99)
        elif on and (w in breaks or left <= 0):
            on = False
        out.append(on)
        left -= 1
    return out


def is_dateline(doc: Doc, sent: Sentence, words: list[str], k: int) -> bool:
    """بكين (AP) – ...: a city (and its state) opening the article's first sentence before a bracket or dash is
    where the report was filed, not an actor."""
    def mark(j: int) -> bool:
        w = words[j]
        bracket = w.startswith("(")
        aside = w.strip("()") or (words[j + 1] if j + 1 < len(words) else "")
        return (w in DATELINE_MARKS or bracket) and not (bracket and aside in WEEKDAY_WORDS)
    # (إسطنبول، تركيا –: the state after the city and a comma is part of the dateline too)
    opening = k <= 1 or (k <= 3 and words[k - 1] in (",", "،"))
    # (the body's first sentence may come after a date line and a headline: one of the first three)
    return sent in doc.sentences[:3] and opening and any(mark(j) for j in range(k + 1, min(k + 4, len(words))))


@dataclass
class Sent:
    doc: Doc
    si: int
    sent: Sentence
    words: list[str]
    mentions: list[Mention]  # the linked mentions of the sentence
    timexes: list[Timex]
    day: date | None  # the publication day

    # worked out only for sentences that have a trigger or an agreement noun (most have neither)
    @cached_property
    def clauses(self) -> list[int]:
        return clauses_of(self.words, self.aside_commas)

    @cached_property
    def scoped(self) -> list[bool]:
        return scopes_of(self.words)

    def _asides(self) -> frozenset[int]:
        """The commas around a name or a date set off inside a clause (وصل الرئيس السوري، بشار الأسد، مساء الخميس، إلى
        جدة): between them only the words of one mention or one date expression (a time of day may open it)."""
        commas = [k for k, w in enumerate(self.words) if w in ("،", ",")]
        out: set[int] = set()
        # (the sentence's end closes the last one: ...، ورئيس الوزراء اللبناني، نجيب ميقاتي.)
        end = len(self.words) - (1 if self.words and self.words[-1] in SENTENCE_END else 0)
        pairs = [(a, b) for a, b in zip(commas, commas[1:] + [end]) if 1 < b - a <= 10]  # (one name or date between)
        if pairs:
            spans = [(word_of(self.sent, x), word_at(self.sent, x.end - 1)) for x in [*self.mentions, *self.timexes]]
            places = [(word_of(self.sent, m), word_at(self.sent, m.end - 1)) for m in self.mentions
                      if m.label in ("City", "Place", "State")]
            for a, b in pairs:
                first = a + 1 + (1 if self.words[a + 1] in W.time_of_day else 0)  # ، مساء الخميس،
                if any(s <= first and e >= b - 1 for s, e in spans):
                    out.update((a, b))
                # ، في مدينة تيانجين الصينية،: where the clause's event is, set off by commas
                elif self.words[a + 1] in W.locative and any(a + 1 < s_ and e <= b - 1 for s_, e in places) and all(
                        w in W.place_nouns or w[:1] in "بو" and w[1:] in W.place_nouns  # بالعاصمة
                        or any(s_ <= k <= e for s_, e in places)
                        for k, w in enumerate(self.words[a + 2:b], start=a + 2)):
                    out.update((a, b))
        # وقع عبدالله بن زايد وزير الخارجية الإماراتي، وبنيامين نتنياهو ...، والرئيس الأمريكي: a list of people goes on
        listing = [a for a in commas if a + 1 < len(self.words) and self.words[a + 1].startswith("و")]
        if not listing:
            return frozenset(out)
        people = {word_of(self.sent, m) for m in self.mentions if m.label == "Person" or m.kind == "nominal"}
        for a in listing:
            # (or a title before the name: ، والرئيس الأمريكي دونالد ترامب)
            title = self.words[a + 1][1:].removeprefix("ال") in W.office_nouns | W.honorifics
            if a + 1 in people or title and any(a + 1 < k <= a + 4 for k in people):
                out.add(a)
        return frozenset(out)

    def set_off(self, k: int) -> bool:
        """Whether word k sits between two commas that do not end the clause (an aside)."""
        a = max((c for c in self.aside_commas if c < k), default=None)
        return a is not None and any(c > k for c in self.aside_commas if c > a) and not any(
            w in ("،", ",") for w in self.words[a + 1:k])

    @cached_property
    def aside_commas(self) -> frozenset[int]:
        return self._asides()

    def k(self, m: Mention | Timex) -> int:
        return word_of(self.sent, m)

    def k_after(self, m: Mention) -> int:
        """The word after a mention, counting the mention's words."""
        return self.k(m) + len(m.text.split())

    def dateline(self, k: int) -> bool:
        return is_dateline(self.doc, self.sent, self.words, k)

    def span(self):
        from ..doc import Span
        return Span(self.sent.start, self.sent.end, self.doc.text[self.sent.start:self.sent.end])
