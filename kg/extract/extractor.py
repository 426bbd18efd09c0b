"""The extractor: per sentence, triggers -> roles -> place -> status -> date -> events and agreements; then
the article-level passes (discourse dates, named events, one-sided meetings, shared places).

Passes and their inputs: triggers.py (words, mentions), roles.py (clause mentions, catalog), places.py,
status.py (words), dates.py (the sentence's and the article's dates), coref.py (the article's events),
agreements.py (words, mentions). All vocabulary is data: kg/lexicon/words.tsv and kg/lexicon/frames/.
"""
from __future__ import annotations


import functools
from bisect import bisect_right
from datetime import date

from ..catalog import Catalog, load_catalog
from ..doc import Doc, Event, Span
from ..text import normalize
from . import coref
from .about import opens_content, sayings_about_events, sayings_naming_no_one
from .actors import Actors
from .agreements import add_agreement, sentence_agreements
from .context import Sent, word_at
from .dates import event_date, first_since, is_deadline, owner
from .lexicon import SPORT, W, frame
from .morph import DEFINITE, FUTURE, bare, stem_match, strip_clitic
from .places import event_place, share_places
from .roles import event_roles
from .status import PLANNED_VERB, status as status_of
from .triggers import find_triggers, is_setting, is_topic

SPORTS_REPORT = 3  # distinct sport cue words that make a whole article a sports report
PURPOSE_LAM = W.purpose_lam.stems  # سيلتقي ...، لبحث مقترح: what the meeting is for, not another one


@functools.lru_cache(maxsize=1 << 16)  # every word of every sentence is asked; news vocabulary repeats
def _sport_cues_of(word: str) -> frozenset[str]:
    return frozenset(c for c in (word, word.removeprefix("ال"), strip_clitic(word)) if c in SPORT)


def sport_cues(words: list[str]) -> set[str]:
    return set().union(*map(_sport_cues_of, words))


def _by_sentence(doc: Doc, items) -> list[list]:
    """Each sentence's items (mentions, dates) by where they start, in the article's order."""
    starts = [sent.start for sent in doc.sentences]
    out: list[list] = [[] for _ in doc.sentences]
    for x in items:
        si = bisect_right(starts, x.start) - 1
        if si >= 0 and x.start < doc.sentences[si].end:
            out[si].append(x)
    return out


def _dated_by_what_it_was_during(s: Sent, events: list[Event], at: dict[int, int]) -> None:
    """أهدى بزشكيان بوتين سجادة خلال لقائهما في أكتوبر الماضي: what is done during an event named after it in its
    clause, and has no date of its own, happened when that event did."""
    for ev in events:
        if ev.dated_here:  # a date of its own in the sentence
            continue
        k = at[id(ev)]
        during = next((o for o in events if o is not ev and o.dated_here and at[id(o)] > k
                       and s.clauses[at[id(o)]] == s.clauses[k] and s.words[at[id(o)] - 1] in W.during), None)
        if during is not None:
            ev.date, ev.precision, ev.by_default, ev.dated_here = during.date, during.precision, False, True


def _verb_form(word: str) -> bool:
    """Not a noun by its form: no article, no ة or plural ات, no ل / ب before a verbal noun (لتزويد)."""
    return not (DEFINITE.match(word) or word.endswith(("ه", "ات")) or (word[:1] in "لب" and len(word) > 4))


def _dated_with_its_purpose(s: Sent, events: list[Event], at: dict[int, int]) -> None:
    """سيزور الرئيس البيت الأبيض بعد ظهر اليوم لإجراء محادثات: a trip (or a meeting) and what it is for (ل + a
    verbal noun soon after it, no comma between) happen together: the purpose has the trip's status, and a date
    given for one of them alone is both's."""
    for ev in events:
        k = at[id(ev)]
        for o in events:
            m = at[id(o)]
            # (in its clause, or past a time phrase that opens one: بعد ظهر اليوم)
            if o is ev or not k < m <= k + 12 or any(w in ("،", ",", "؛", ";") for w in s.words[k:m]):
                continue
            lam = s.words[m].startswith(PURPOSE_LAM) or m > 0 and s.words[m - 1].startswith(PURPOSE_LAM)
            if not lam:
                continue
            o.status = ev.status  # ل + a verbal noun has no tense of its own: it is as done as the trip
            if ev.dated_here != o.dated_here:
                src, dst = (ev, o) if ev.dated_here else (o, ev)
                dst.date, dst.precision, dst.by_default, dst.dated_here = src.date, src.precision, False, True


class EventExtractor:
    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog or load_catalog()
        self.actors = Actors(self.catalog)

    def __call__(self, doc: Doc) -> Doc:
        day = doc.article.published if isinstance(doc.article.published, date) else None
        self.actors.read_nationalities(doc)
        # a sports report names its matches, players and clubs in many words: then every sentence of it is sport
        # (قال مورينيو... has no cue of its own); a political story that mentions one match does not reach this
        all_words = [[normalize(t.text) for t in sent.tokens] for sent in doc.sentences]
        cues = [sport_cues(words) for words in all_words]
        sports_report = len(set().union(*cues)) >= SPORTS_REPORT
        mentions_in = _by_sentence(doc, [m for m in doc.mentions if m.entity])
        timexes_in = _by_sentence(doc, doc.timexes)
        for si, (sent, words) in enumerate(zip(doc.sentences, all_words)):
            timexes = [t for t in timexes_in[si] if not is_deadline(sent, words, t)]
            s = Sent(doc, si, sent, words, mentions_in[si], timexes, day)
            found = self._sentence_events(s)
            sport = sports_report or bool(cues[si])
            if sport:  # a match, a club, a player: only an office holder makes it geopolitical
                found = [ev for ev in found if self.actors.office_holder_takes_part(ev, day)]
            for ev in found:
                self._about_the_agreement(s, ev)
                coref.add_event(doc, ev, self.actors.is_person, self.catalog.inside)
            for ag in [] if sport else sentence_agreements(s, self.actors):  # a transfer is no treaty
                signing = next((e for e in found if "signs" in frame(e.type).flags and e.date), None)
                if ag.signed is None and signing is not None:  # ووقع البلدان مذكرة تفاهم (on the day reported)
                    ag.signed, ag.precision = signing.date, signing.precision
                add_agreement(doc, ag)
        coref.discourse_dates(doc, self.actors)
        coref.headline_events(doc, self.catalog.inside)
        coref.same_named(doc)
        coref.one_sided_meetings(doc, self.actors)
        sayings_about_events(doc, {sent.start: words for sent, words in zip(doc.sentences, all_words)})
        sayings_naming_no_one(doc, self.actors)
        doc.events[:] = [ev for ev in doc.events if self._political(ev, doc)]
        share_places(doc, self.actors)
        return doc

    def _political(self, ev: Event, doc: Doc) -> bool:
        """A political actor takes part: a state, a body or a person of the catalog, a person new to it named with an
        office of a state (نائب وزير الدفاع الروسي يونس بك يفكوروف), a body new to it that speaks for a state
        (قالت وكالة الاستخبارات الكورية الجنوبية), or states named with no one else acting. A
        footballer's or an actor's saying (نفى بيكهام، قال الأمريكي لانس ارمسترونج) is no event of this graph,
        whatever nationality is named with them; nor is a newspaper's or a team's (صحيفة بيلد الألمانية), nor one
        whose speaker is not known at all."""
        if "speech" in frame(ev.type).flags and not ev.roles.get("agent"):
            return False  # a saying whose speaker is no one known (وقال مصدر: «...»): only what it is about is named
        known = [self.actors.entity(p) is not None or p in self.actors.officials
                 or (bool(ev.states) and doc.new_types.get(p) == "Organization" and self._state_body(p, doc))
                 for p in ev.participants + ev.organizations]
        return any(known) or (bool(ev.states) and all(known))

    @staticmethod
    def _describes_a_thing(s: Sent, i: int) -> bool:
        """Whether the word at i opens a relative clause on a thing (أهداف الحكومة الذكية التي أعلنها): not on someone
        named just before it, whose act it reports (زيلينسكي، الذي طالب الحلفاء)."""
        if i < 2 or s.words[i - 1] not in W.relative:
            return False
        return s.words[i - 2] not in ("،", ",") and not any(s.k_after(m) == i - 1 for m in s.mentions)

    @staticmethod
    def _state_body(iri: str, doc: Doc) -> bool:
        """Whether a body new to the catalog is named as one of a state's (وكالة الاستخبارات، وزارة ...), by the head
        noun of one of its mentions."""
        heads = [normalize(m.text).split()[0] for m in doc.mentions if m.entity == iri and m.text.split()]
        return any(h in W.state_body_heads or bare(h) in W.state_body_heads for h in heads)

    def _sentence_events(self, s: Sent) -> list[Event]:
        doc, sent, words = s.doc, s.sent, s.words
        hits = find_triggers(s, self.actors)
        # "the first talks since five years / since 2019": that date is a reference point, not this event's
        timexes = [t for t in s.timexes if not first_since(s, t, hits)]
        # inside one sentence, keep one trigger per (family, clause): the most specific type
        events: list[Event] = []
        used_families: dict[tuple[str, int, bool], Event] = {}
        at: dict[int, int] = {}  # id(event) -> its trigger's word
        clauses = s.clauses
        # the catch-all triggers last: one counts only where no more specific event came of its clause
        # (وصلت سفن حربية ... للمشاركة في مناورات: the arrival of ships is no visit, the exercises are the event)
        hits.sort(key=lambda h: h[2].has("fallback"))
        for i, j, trig in hits:
            clause = clauses[i]
            setting = is_setting(words, i, trig, hits)
            key = (trig.family, clause, setting)  # the summit on whose sidelines they met is an event of its own
            if setting:
                prior = next((e for e in reversed(doc.events + events) if e.type == trig.type), None)
                if prior is not None:  # على هامش القمة: the summit already reported
                    prior.more_evidence.append(s.span())
                    continue
            if trig.has("fallback") and any(f not in ("other", "statement") and c == clause for f, c, _ in used_families):
                continue
            if trig.has("travel") and any(stem_match(w, st, 4) for k, w in enumerate(words[:i]) if i - k <= 8
                                          and clauses[k] == clauses[i] for st in W.invite_stems):
                continue  # دعاه لزيارة روسيا، وجه دعوة إلى نظيره ... لزيارة موسكو: the content of the invitation
            if is_topic(s, hits, i, trig) or i > 0 and not trig.has("speech") and bare(words[i - 1]) in W.handled_by:
                continue  # (لنقل المحادثات، بإلغاء القمة: the talks are moved or called off, not held)
            if trig.has("speech") and s.scoped[i]:
                continue  # a source attribution (وفق ما أعلن الكرملين) is not a statement event
            if trig.has("speech") and self._describes_a_thing(s, i):
                continue  # الأهداف التي أعلنها الشيخ محمد: what was once said describes a noun; no saying reported
            if self._names_earlier(s, hits, events, trig, i, j, clause):
                continue
            if trig.has("encounter") and words[i].startswith(PURPOSE_LAM) and events and key not in used_families:
                continue  # سيلتقي السيسي ...، لبحث مقترح وقف إطلاق النار: what that meeting is for, not another one
            tok_s, tok_e = sent.tokens[i], sent.tokens[j - 1]
            trigger = Span(tok_s.start, tok_e.end, doc.text[tok_s.start:tok_e.end])
            # a date nearer another trigger of the sentence is that event's date (الاجتماع الأول منذ رحلة ... في 2019)
            own = [t for t in timexes if owner(s, hits, t) == i]
            # أدانت مصر الهجوم: who condemns or accuses takes no part in the act condemned
            speaker = max((h[0] for h in hits if h[2].has("others_act") and h[0] < i and clauses[h[0]] == clause
                           and not trig.has("speech")), default=None)
            ev = self._build(s, own, trig, i, j, clause, trigger, events, speaker)
            if ev is None:
                continue
            ev.setting = setting  # not a field: read by coref.add_event
            people = {x for x in ev.participants if self.actors.is_person(x, doc)}
            # the same act named again in the sentence (for a saying, of any kind: أدان ...، وقال)
            # (of the same status: the short meeting held and the talks expected after it are two)
            again = next((p for p in events if (p.type == ev.type or trig.has("speech") and "speech" in frame(p.type).flags)
                          and set(ev.states) <= set(p.states) and (p.status == ev.status or trig.has("speech"))
                          and people <= {x for x in p.participants if self.actors.is_person(x, doc)}
                          and (not trig.has("speech") or set(ev.participants) <= set(p.participants))), None)
            if key in used_families or again is not None:
                # one event per family and clause; a later clause that only names the same event again
                # (زار ...، في جولة أفريقية) adds nothing
                prev = used_families.get(key) or again
                if coref.rank(ev.type) < coref.rank(prev.type):
                    prev.type = ev.type
                if prev.by_default and not ev.by_default and prev.status == ev.status:
                    # وصل ... يوم الأربعاء في أول زيارة: the date was nearer the second trigger of the same event
                    prev.date, prev.precision, prev.by_default = ev.date, ev.precision, False
                continue
            used_families[key] = ev
            events.append(ev)
            at[id(ev)] = i
        _dated_by_what_it_was_during(s, events, at)
        _dated_with_its_purpose(s, events, at)
        self._invited_travellers(s, events, at)
        events = [e for e in events if not self._reports_own_act(s, e, events)]
        return sorted(events, key=lambda e: e.trigger.start)

    def _invited_travellers(self, s: Sent, events: list[Event], at: dict[int, int]) -> None:
        """وصل حفتر إلى روسيا ... بناءً على دعوة من موسكو، تلبية لدعوة من نظيره: a trip made at an invitation; whoever
        travels is whom the invitation was for (its target), with their states."""
        for inv in events:
            k = at[id(inv)]
            if "invites" not in frame(inv.type).flags or not any(w in W.at_invitation for w in s.words[max(0, k - 2):k + 1]):
                continue
            trip = next((e for e in events if "travel" in frame(e.type).flags and at[id(e)] < k), None)
            if trip is None:
                continue
            travellers = list(trip.roles.get("agent", trip.participants))
            # دعوة من موسكو، لدعوة من الرئيس الصيني: whoever else is named with the invitation invites
            inviters = [p for p in inv.participants if p not in travellers]
            if not inviters:
                continue
            def with_states(people):
                return list(dict.fromkeys(people + [st for p in people for st in self.actors.states_of(p, s.day)]))
            inv.roles = {"agent": with_states(inviters), "target": travellers}
            inv.participants = list(dict.fromkeys(inv.participants + [p for p in travellers if p in trip.participants]))
            inv.states = list(dict.fromkeys(inv.states + [p for p in with_states(travellers) if self.actors.type_of(p) == "State"]))

    def _about_the_agreement(self, s: Sent, ev: Event) -> None:
        """قالت الرئاسة الفرنسية إن الاتفاقية ستغطي 10 سنوات: a party's saying about "the agreement"
        (kg/lexicon/words.tsv agreement_anaphors, after its verb) is about the last one named in the article to
        which the speaker's state is a party, and so about the other parties' states too."""
        if "speech" not in frame(ev.type).flags or not s.doc.agreements:
            return
        k = word_at(s.sent, ev.trigger.end - 1) + 1  # the word after the trigger
        if not any(w in W.agreement_anaphors for w in s.words[k:k + 6]):
            return
        def states(parties):
            return [st for p in parties for st in self.actors.states_of(p, s.day)]
        ours = next((a for a in reversed(s.doc.agreements) if set(states(a.parties)) & set(ev.states)), None)
        if ours is not None:
            ev.states = list(dict.fromkeys(ev.states + states(ours.parties)))

    def _reports_own_act(self, s: Sent, ev: Event, events: list[Event]) -> bool:
        """أعلن الجيش الصيني عن مناورات، أكد الكرملين أن بوتين استقبل حفتر، قال مادورو إنه سيغادر إلى موسكو: a
        saying whose content is an act of the speaker's own side, reported in the same sentence, is that act's
        report, not a statement of its own."""
        if ev.type != "Statement":
            return False
        speaker = set(ev.roles.get("agent", ev.participants))
        mine = speaker | {st for p in speaker for st in self.actors.states_of(p, None)}
        return any(o is not ev and "speech" not in frame(o.type).flags and o.status in ("occurred", "planned")
                   and (mine & (set(o.participants) | set(o.states)) or self._he_acts(s, ev, o))
                   and (self._content_is(ev, o) or self._subject_then_act(s, ev, o)) for o in events)

    @staticmethod
    def _he_acts(s: Sent, ev: Event, o: Event) -> bool:
        """كتب مودي أنه سيتوقف في لاهور للقاء نواز شريف: what is said opens on "he" and a verb (أنه سيتوقف): the
        speaker is who acts, whoever the act names."""
        a, b = word_at(s.sent, ev.trigger.end - 1) + 1, word_at(s.sent, o.trigger.start)
        return any(opens_content(w) and w not in W.content_openers and k + 1 < len(s.words)
                   and (FUTURE.match(s.words[k + 1]) or _verb_form(s.words[k + 1])) for k, w in enumerate(s.words[a:b], a))

    def _subject_then_act(self, s: Sent, ev: Event, o: Event) -> bool:
        """أعلن المتحدث ...، مساء الثلاثاء، أن رئيس مجلس الوزراء وزير الخارجية القطري الشيخ محمد بن عبد الرحمن آل ثاني،
        سيتوجه: what is said opens on someone named with their titles and then the act's verb, however long the
        names, titles and the day before it."""
        a, b = word_at(s.sent, ev.trigger.end - 1) + 1, word_at(s.sent, o.trigger.start)
        opener = next((k for k in range(a, min(b, a + 20)) if opens_content(s.words[k])), None)
        if opener is None or not (FUTURE.match(s.words[b]) or _verb_form(s.words[b])):  # سيتوجه
            return False
        named = {n for m in s.mentions for n in range(s.k(m), word_at(s.sent, m.end - 1) + 1)}
        titles = self.actors.title_words
        rest = [w for n, w in enumerate(s.words[opener + 1:b], opener + 1) if n not in named and w not in ("،", ",")
                and w not in titles and bare(w) not in W.honorifics | W.office_nouns | W.title_parts]
        return bool(named & set(range(opener + 1, b))) and not rest

    def _content_is(self, ev: Event, o: Event) -> bool:
        """Whether the saying `ev` opens on the act `o`: a verb of it within the first words after أن / إن or a
        quote (أكد أن بوتين استقبل، قال إنه سيتوقف، "سأغادر إلى موسكو"), or the act named after عن (أعلن عن
        مناورات). A noun opening the content (أن زيارة الرئيس تمثل محطة، إن تركيا مستعدة لتزويد مصر) is what is said
        about the act, and so is an act only hedged (أثار احتمال أن ترسل فرنسا قوات)."""
        text = o.evidence.text
        head = normalize(text[ev.trigger.end - o.evidence.start:o.trigger.start - o.evidence.start]).split()
        if not 0 < o.trigger.start - ev.trigger.end or len(head) > 14:
            return False
        opener = next((k for k, w in enumerate(head) if opens_content(w) or w in ("عن", "«", "\"", "“", ":")
                       or w.startswith(("«", "\"", "“"))), None)
        if opener is None or head[-1] in W.since:
            return False  # تعزز التعاون منذ توقيع الاتفاق: the act is when, not what is said
        if any(PLANNED_VERB.match(w) for w in head[opener + 1:opener + 4]):
            return True  # أعلن أن بلاده ستقدم ما قيمته مليار يورو من المساعدات: the act's own verb, what is said
        if len(head) > 12 or len(head) - opener > 8:
            return False
        if head[opener] == "عن" or opener < len(head) - 1 - opens_content(head[-1]):
            return True  # a word between what is said and the act: سيتوقف ... للقاء، من المقرر عقد محادثات
        return _verb_form(normalize(o.trigger.text).split()[0])

    def _names_earlier(self, s: Sent, hits, events, trig, i: int, j: int, clause: int) -> bool:
        """A bare definite الزيارة / القمة that names no one after it in its clause (انتقدت بيونغيانغ الزيارة، وتأتي
        القمة في إطار ...) is the event already reported (or, for a visit, the one an invitation asked for), not a
        new one by whoever is named before it: more evidence for it. Not so with "next" or "previous" after it
        (القمة المقبلة، الرحلة السابقة). Likewise وجاء توقيع الاتفاقية: the signing already reported, and an event
        noun with a demonstrative by it (عملية التبادل هذه، وتعد هذه أول زيارة): the one just named."""
        doc, words, clauses = s.doc, s.words, s.clauses
        if not trig.has("speech") and any(w in W.demonstratives for w in words[j:j + 3] + words[max(0, i - 2):i]):
            prior = next((e for e in reversed(doc.events + events) if e.type == trig.type), None)
            if prior is not None:
                prior.more_evidence.append(s.span())
                return True
        signed_before = trig.has("signs") and j < len(words) and words[j].startswith("ال") \
            and any(bare(words[j]).startswith(r) for r in trig.requires)
        if not (signed_before or not trig.has("speech") and j == i + 1 and DEFINITE.match(words[i])
                and not any(w in W.other_one for w in words[j:j + 2])
                and not any(clauses[s.k(m)] == clause and m.start > s.sent.tokens[i].start for m in s.mentions)):
            return False
        named = [e for e in reversed(doc.events + events) if e.type == trig.type
                 or (trig.has("travel") and "invites" in frame(e.type).flags)]
        # of the same status first; سيحضر الزعيمان الاجتماع: a meeting still to come is not the one just held
        status = status_of(words, i, j, False)
        prior = next((e for e in named if e.status == status), None) or (named[0] if named and status == "occurred" else None)
        if prior is None:
            return False
        prior.more_evidence.append(s.span())
        self._joining(s, prior, i, clause)
        return True

    def _joining(self, s: Sent, prior: Event, i: int, clause: int) -> None:
        """تشارك تركيا في المفاوضات، ينضم الوفد الأميركي ... إلى المباحثات: whoever is named joining the talks
        already reported (a verb of joining before the noun, in its clause) takes part in them, with their state."""
        if not coref.two_sided(prior.type):
            return
        words, clauses = s.words, s.clauses
        verb = next((k for k in range(i - 1, -1, -1) if clauses[k] == clause and bare(words[k]).startswith(W.joining.stems)), None)
        if verb is None:
            return
        joining = [m.entity for m in s.mentions if verb < s.k(m) < i and m.entity
                   and self.actors.etype(m) in ("State", "Person", "Organization")]
        prior.participants = list(dict.fromkeys(prior.participants + joining))
        prior.states = list(dict.fromkeys(prior.states + [st for p in joining for st in self.actors.states_of(p, s.day)]))

    def _build(self, s: Sent, timexes, trig, i, j, clause, trigger, siblings, speaker=None) -> Event | None:
        roles = event_roles(s, self.actors, trig, i, j, clause, siblings, speaker)
        if roles is None:
            return None
        participants, places, states, orgs, agent_target = roles
        place = event_place(s, self.actors, places, trig, i, j, clause, siblings)
        if place and trig.has("host_takes_part"):
            states = list(dict.fromkeys(states + self.actors.states_of(place, s.day)))  # the host of a parade takes part
        status = status_of(s.words, i, j, trig.has("speech"))
        value, precision, by_default = event_date(s, timexes, trigger, status, i, siblings)
        if status == "occurred" and value and s.day is not None and value > s.day.isoformat()[:len(value)]:
            status = "planned"  # القمة التي تنعقد غدا: what is dated after the report has not happened yet
        ev = Event(
            type=trig.type, trigger=trigger, evidence=s.span(),
            participants=participants, states=states, place=place, date=value, precision=precision,
            status=status, organizations=list(dict.fromkeys(orgs)), confidence=0.6 if participants else 0.4,
            roles=agent_target,
        )
        ev.by_default = by_default  # not a field: read by discourse_dates and when one event's triggers merge
        ev.dated_here = any(t.value == value for t in timexes if t.value)  # not a field: read by same_named
        return ev
