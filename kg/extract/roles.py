"""Who takes part in an event: the linked mentions of its clause sorted into participants, places, states and
organisations, then elided subjects, "the two leaders", counterparts and organisations acting for themselves.
Which of them acts and which is acted on: kg/extract/sides.py."""
from __future__ import annotations

from bisect import bisect_left

from ..text import normalize
from .actors import Actors
from .context import Sent, host_word, word_at
from .lexicon import W, frame, index
from .morph import DUAL_PRONOUN, HER_PRONOUN, bare
from .sides import assign_roles, marked, own_country, their_country

AGENT_TYPES = {"Person", "State", "Organization"}
OBJECT_PREFIXES = W.object_prefixes.stems  # أشاد بالجيش: a definite noun with a preposition attached is no subject


def sort_mentions(s: Sent, actors: Actors, mentions, trig, i: int):
    """(participants, places, states, orgs) of these mentions for trigger `trig` at word i (None: an agreement).
    places are (distance to the trigger, iri, word index)."""
    doc, sent, words, day = s.doc, s.sent, s.words, s.day
    participants, places, states, orgs = [], [], [], []
    dest_words: set[int] = set()
    apposed: set[int] = set()  # words of names in apposition to a place named with a preposition
    for m in sorted(mentions, key=lambda m: m.start):
        k = s.k(m)
        prev = words[k - 1] if k > 0 else ""
        attached = normalize(doc.text[sent.tokens[k].start:m.start])  # a proclitic outside the mention (بـ، لـ)
        back = k - 1
        while back >= 0 and k - back <= 3 and words[back] in W.place_nouns:  # في (أقصى) شرق روسيا
            back -= 1
        locative = prev in W.locative or attached in ("ب", "وب") or (prev[:1] == "ب" and prev[1:] in W.place_nouns) or \
            (back < k - 1 and back >= 0 and words[back] in W.locative) or s.dateline(k) or k in apposed
        # قمة الرياض: a city right after the noun of a named event (the summit of Riyadh) is where it is held
        locative = locative or (trig is not None and trig.has("named") and k == i + 1 and attached == "")
        aside = trig is not None and in_aside(words, k, i)  # رغم تحذيرات واشنطن، أثارت الزيارة غضب الصين
        if m.kind == "nominal" and locative:  # في العاصمة العمانية مسقط: the name after its description is there too
            apposed.update(o_k for o in mentions if o.entity == m.entity and o.start >= m.end
                           and not doc.text[m.end:o.start].strip() for o_k in [s.k(o)])
        if prev in W.reporting or (k > 1 and words[k - 2] in W.reporting):
            continue  # the news source, not a participant
        if bare(prev).startswith(W.fear_stems.stems) or prev.startswith(W.fear_stems.stems):
            continue  # وتخشى واشنطن أن ...: who fears it
        if prev == "من" and k > 1 and words[k - 2] in W.origin_words:
            continue  # آتيا من كابول: where the traveller comes from, neither a party nor the place
        if any(w in W.commemoration for w in words[max(0, k - 4):k]):
            continue  # بذكرى استسلام اليابان: what is commemorated takes no part
        if trig is not None and any(w in W.broker_words for w in words[max(0, k - 2):k]):
            continue  # بوساطة قطرية: a mediator is no party
        e = actors.entity(m.entity)
        if actors.is_news_agency(m.entity):
            continue
        etype = actors.etype(m)
        if etype in ("State", "City") and m.kind != "nisba" and (prev in W.institution_heads or bare(prev) in W.institution_heads):
            continue  # سوق أبوظبي، جمعية الإمارات: part of a name, not an actor
        if etype == "State" and (prev in W.geo_features or bare(prev) in W.geo_features):
            places.append((abs(k - i), m.entity, k))  # في بحر عمان: a sea, not Oman
            continue
        # the object of a visit verb is where the visit goes (زار بيونغيانغ، يزور الصين)
        # زار [الرئيس الإيراني بزشكيان] تركيا، يزور [ولي العهد السعودي] إسلام آباد: the first place after the
        # verb and its subject (a person or a title with its nisba)
        # (زار كلا من مصر وتونس: fillers between, and each state joined to a destination is one too)
        travel = trig is not None and trig.has("travel")
        between = words[i + 1:k] if trig is not None else []
        destination = travel and 0 < k - i <= 8 and not aside and (
            k - i <= 2 or all(w in W.visit_fillers for w in between) or k - 1 in dest_words
            or any((actors.etype(o) == "Person" or o.kind == "nisba") and i < s.k(o) < k for o in mentions))
        # زيارة دولة للمملكة العربية السعودية: a state joined by ل to a visit noun is where the visit goes
        joined = attached in ("ل", "ول") or normalize(m.text).startswith(("لل", "ولل"))
        destination = destination or (travel and joined and any(bare(w).startswith(W.visit_noun.stems) for w in words[max(0, k - 2):k]))
        if destination:
            dest_words.add(k)
        place_states = trig is not None and trig.has("place_states")
        if m.kind == "nisba":
            if aside:
                continue  # على الرغم من الضغط العسكري الصيني: the pressure's state takes no part
            if prev in W.place_nouns or any(o.end <= m.start and not doc.text[o.end:m.start].strip()
                                            and actors.etype(o) in ("City", "Place") for o in mentions):
                # مدينة قازان الروسية، في العاصمة العمانية مسقط: says where the place is; its state takes part only
                # where the place's would (a visit's or a delivery's destination: إلى منطقة كورسك الروسية)
                if place_states:
                    states.extend(actors.states_of(m.entity, day))
                continue
            states.extend(actors.states_of(m.entity, day))
        elif trig is None and etype == "City" and prev in W.companion:
            states.extend(actors.states_of(m.entity, day))  # (an agreement) مع تل أبيب: with the state it stands for
        elif etype in ("City", "Place") or (etype == "State" and (locative or destination)):
            seat = e is not None and (e.capital_of or e.seat_of)
            # (مدينة الرياض، العاصمة موسكو: a capital named with a place noun before it is the city, not its state)
            if seat and not locative and not destination and not (k > 0 and words[k - 1] in W.place_nouns):
                # a capital or seat of power as an agent stands for its state (موسكو ستحقق، الكرملين قال)
                # but not in a phrase of circumstance after the trigger (رغم تحذيرات واشنطن)
                if not aside:
                    participants.append(e.capital_of or e.seat_of)
            else:
                places.append((abs(k - i), m.entity, k))
                theatre = trig is not None and trig.has("not_theatre") and any(
                    bare(w).startswith(W.theatre_stems.stems) for w in words[max(0, k - 4):k])
                if place_states and (destination or locative) and not theatre and not s.dateline(k):  # filed there
                    states.extend(actors.states_of(m.entity, day))
        elif etype == "Organization":
            orgs.append(m.entity)
            if e is not None and e.body_of:  # a ministry acts and speaks for its state
                participants.append(m.entity)
            elif trig is not None and trig.has("two_sided") and i < k and any(w in W.sides_opener for w in words[max(i + 1, k - 4):k]):
                participants.append(m.entity)  # مفاوضات بين حماس وإسرائيل: a body named as a side is one
            elif trig is not None and not trig.has("speech") and k < i and s.clauses[k] == s.clauses[i] and attached in ("", "و") \
                    and not words[k].startswith(OBJECT_PREFIXES) and prev not in W.locative and prev not in W.companion \
                    and prev not in W.topic_openers and prev not in W.in_words:
                participants.append(m.entity)  # فرض الاتحاد الأوروبي عقوبات على روسيا: the body before the act does it
        elif etype in AGENT_TYPES:
            if aside:
                continue  # بحث الجانبان التعاون في ظل التوتر مع كوريا الشمالية
            participants.append(m.entity)
    return participants, places, states, orgs


def plural_verb(word: str, trig) -> bool:
    """Whether a verb is dual or plural (قالا، أكدوا), by a suffix its stem does not have (دعا is singular)."""
    return bare(word).endswith("وا") or (word.endswith("ا") and not trig.stems[0].endswith("ا"))


def reports_other(words: list[str]) -> bool:
    """Whether these words hold a speech verb whose subject is not the doer of what follows: رحبت الجامعة
    باستئناف المفاوضات (welcomed them, took no part), unlike أعلنت الجماعة أنها أطلقت (it says it did)."""
    return any(index().speech_verb(w, 4) for w in words) and not any(w in W.self_reference for w in words)


def in_aside(words: list[str], k: int, i: int) -> bool:
    """Whether word k, after trigger i, is named in a phrase of topic, circumstance or reaction opened within the
    five words before it (في ظل التوتر مع كوريا الشمالية، رغم تحذيرات واشنطن، أثارت الزيارة غضب الصين)."""
    return k > i and any(w in W.topic_openers or bare(w) in W.reaction_nouns for w in words[max(i + 1, k - 5):k])


def in_phrase(words: list[str], k: int, i: int) -> bool:
    """Whether word k (after trigger i) sits in a circumstantial phrase (في ظل، داخل، حول): context, not an actor."""
    return k > i and any(w in W.in_words or w in W.topic_openers for w in words[i + 1:k])


def content_states(s: Sent, actors: Actors, j: int) -> list[str]:
    """The states a statement is about: those its content names after the verb (أكد كيم أن بلاده ستقدم الدعم
    لروسيا), as states, their capitals or seats, their nisbas, or their leaders."""
    words, out = s.words, []
    # the content ends where a contrast or another time frame opens (بينما لم تعلق أرمينيا ...)
    end = next((k for k in range(j, len(words)) if words[k] in W.content_end), len(words))
    for m in s.mentions:
        k = s.k(m)
        if k < j or k >= end or s.scoped[k] or not m.entity:
            continue
        before = [bare(w) for w in words[max(0, k - 4):k]]
        if (k > 0 and words[k - 1] in W.in_words) or any(w.startswith(W.theatre_stems.stems) for w in before):
            continue  # where things happen (في أوكرانيا، الحرب في أوكرانيا) is not who is concerned (إلى أوكرانيا is)
        e = actors.entity(m.entity)
        if e is not None and (m.kind == "nisba" or e.type in ("State", "Person") or e.capital_of or e.seat_of):
            out.extend(actors.states_of(m.entity, s.day))
    return out


def _after_mentions(s: Sent, clause: int, i: int, j: int):
    """The mentions of the trigger's clause, plus those of a relative clause right after it that names the
    event's host (قمة السلام التي تستضيفها سويسرا) or its doer (الحرب التي شنتها عليها روسيا), of a next clause that goes on with the list
    (بمشاركة قادة الدول الأعضاء، وفي مقدمتهم شي وبوتين) and, after "in the reception of" its guest, of the
    clauses that name who received him, up to a source (وكان في استقبال الأسد لدى وصوله، نائب أمير المنطقة ...)."""
    words, clauses = s.words, s.clauses
    in_clause = [m for m in s.mentions if clauses[s.k(m)] == clause]
    # أول زيارة خارجية له منذ اندلاع الحرب واجتياح روسيا بلاده: what منذ opens is a time before the story; who
    # takes part in it is named after منذ
    since = max((k for k in range(i) if words[k] in W.since and clauses[k] == clause), default=-1)
    in_clause = [m for m in in_clause if s.k(m) > since]
    if any(" ".join(words[i - n + 1:j]).startswith(r) for r in W.reception for n in [len(r.split())] if i - n + 1 >= 0):
        end = next((k for k in range(j, len(words)) if words[k] in W.reporting), len(words))
        in_clause += [m for m in s.mentions if j <= s.k(m) < end and clauses[s.k(m)] > clause]
    rel = next((k for k in range(j, min(j + 2, len(words))) if words[k] in W.relative), None)
    # (or whose verb holds the event by a pronoun: الحرب التي شنتها عليها روسيا، الزيارة التي قام بها)
    if rel is not None and any(bare(w).startswith(W.host_stems.stems) or bare(w).endswith(HER_PRONOUN)
                               for w in words[rel + 1:rel + 3]):
        in_clause += [m for m in s.mentions if clauses[s.k(m)] == clauses[rel]]
    nxt = bisect_left(clauses, clause + 1, lo=min(j, len(clauses)))  # clause numbers never go down
    nxt = nxt if nxt < len(clauses) and clauses[nxt] == clause + 1 else None
    if nxt is not None and any(w in W.list_goes_on or w[1:] in W.list_goes_on for w in words[nxt:nxt + 3]):
        in_clause += [m for m in s.mentions if clauses[s.k(m)] == clause + 1]
    return in_clause


def _the_two(s: Sent, actors: Actors, participants, near, only_companions, siblings):
    """"The two leaders / both countries" (الزعيمان، البلدين) or a dual verb: the parties of the last event that
    had two or more; else the last two people the article named."""
    doc = s.doc
    guest = any(bare(w).startswith(W.guest_stems.stems) for w in near)  # أهدى أردوغان ضيفه
    if not (len(participants) < 2 and (any(w in W.group_words or w in W.country_pair for w in near)
                                       or ((any(w in DUAL_VERBS for w in near) or guest) and not only_companions))):
        return participants
    # (not the summit on whose sidelines they met: في أول محادثات بينهما are the two who met)
    prior = next((ev for ev in reversed(doc.events + siblings) if len(ev.participants) >= 2
                  and not getattr(ev, "setting", False)), None)
    if prior is not None and any(w in W.country_pair for w in near) and not any(w in DUAL_VERBS for w in near[:3]):
        # وكان البلدان قد وقعا: the states of that encounter, not the people who met (they may be others then)
        return participants + [p for p in prior.states if p not in participants]
    if prior is not None:
        return participants + [p for p in prior.participants if p not in participants]
    if any(w in W.group_words for w in near):
        # no earlier encounter of two: "the two presidents" are the last two people the article named
        # (وصل أردوغان ...، حيث كان في استقباله السيسي. وعقد الرئيسان جلسة مباحثات)
        named = [m.entity for m in doc.mentions if m.end <= s.sent.start and m.entity and actors.is_person(m.entity, doc)]
        last_two = list(dict.fromkeys(reversed(named)))[:2]
        if len(last_two) == 2:
            return participants + [p for p in reversed(last_two) if p not in participants]
    return participants


DUAL_VERBS = frozenset(p + w for w in W.dual_verbs for p in ("", "و", "ف"))  # with و or ف or neither before them


def _in_object_phrase(s: Sent, m) -> bool:
    """Whether a mention is governed by a preposition: attached to it (بروسيا) or to the noun right before it
    (بجهود سلطنة عمان، لدور قطر: that noun no name itself), or a marker before it (على، ضد)."""
    k = s.k(m)
    if marked(s, m, k):
        return True
    prev = s.words[k - 1] if k > 0 else ""
    in_name = any(s.k(o) <= k - 1 <= word_at(s.sent, o.end - 1) for o in s.mentions if o is not m)
    return prev[:1] in "بل" and len(prev) > 3 and not in_name


def _after_companion(s: Sent, actors: Actors, k: int) -> bool:
    """Whether the name at word k is introduced by مع / برفقة, its title and nisba between (مع الرئيس الروسي
    فلاديمير بوتين): someone with whom the act is done, not its subject."""
    nisbas = {s.k(m) for m in s.mentions if m.kind == "nisba"}
    back = k - 1
    while back >= 0 and k - back <= 4 and (s.words[back] in actors.title_words or back in nisbas):
        back -= 1
    return back >= 0 and s.words[back] in W.companion


def _hosts(s: Sent, mentions, i: int) -> list:
    """The host named right after a hosting verb before the trigger (استضافت العاصمة القطرية الدوحة ... جولة من
    المحادثات بين الولايات المتحدة وإيران): the event's place, not a party, when two other sides are named."""
    h = host_word(s.words, i)
    if h is None:
        return []
    hosts = [m for m in mentions if h < s.k(m) <= h + 4]
    others = {m.entity for m in mentions if m not in hosts and m.kind != "nisba"}
    return hosts if len(others) >= 2 else []


def event_roles(s: Sent, actors: Actors, trig, i: int, j: int, clause: int, siblings, speaker: int | None = None):
    """(participants, places, states, orgs, roles) of the event triggered at words[i:j], or None when it has no actor.
    `speaker`: the word of a saying about someone else's act before the trigger; who is named between is its speaker."""
    doc, words, day = s.doc, s.words, s.day
    in_clause = [m for m in _after_mentions(s, clause, i, j) if speaker is None or not speaker < s.k(m) < i]
    if trig.has("travel"):
        # يتوجه إلى شرم الشيخ للمشاركة في مفاوضات بين حماس وإسرائيل: the sides of what the traveller attends
        # are not the trip's
        sides = next((k for k in range(j, len(words)) if words[k] in W.sides_opener and s.clauses[k] == clause), None)
        if sides is not None:
            in_clause = [m for m in in_clause if s.k(m) < sides]
    if not trig.has("speech"):
        hosts = _hosts(s, in_clause, i)
        in_clause = [m for m in in_clause if m not in hosts]
    participants, places, states, orgs = sort_mentions(s, actors, in_clause, trig, i)
    speech = trig.has("speech")
    first = j + (1 if j < len(words) and words[j] in ("«", '"', "“") else 0)  # أعلن «جودلفين»: a quote mark between
    after = [m for m in in_clause if s.k(m) in (j, first) and m.entity in orgs]
    if speech and after and not words[j].startswith(OBJECT_PREFIXES):
        # وأعلنت المنظمة انضمام بيلاروسيا: the organisation right after the verb speaks; the rest is what it said
        participants = [a for a in participants if a in {m.entity for m in after}] or [after[0].entity]
    companions = {m.entity for m in in_clause if _after_companion(s, actors, s.k(m))}
    near = words[max(0, i - 3):j + 4]
    # لقاء مع بوتين بحثا خلاله: a dual verb after a companion alone says "the two", not who the subject is
    only_companions = bool(participants) and set(participants) <= companions
    participants = _the_two(s, actors, participants, near, only_companions, siblings)
    counterpart = any(w.startswith(W.counterpart.stems) for w in words[i:j + 6] + words[max(0, i - 3):i])
    # قال الجيش الإسرائيلي، ذكر مسؤول روسي: a noun and a nisba right after the verb are its subject; the
    # nisba's state speaks or acts (no subject is borrowed from an earlier clause)
    subject_nisba = [m.entity for m in in_clause if m.kind == "nisba" and 1 < s.k(m) - (j - 1) <= 3
                     and not words[s.k(m) - 1].startswith(OBJECT_PREFIXES)  # أشاد بالجيش: an object
                     and _speaks_for_state(words[j:s.k(m)])]
    # وقال مصدر، كشفت صحيفة «نيويورك تايمز»: a subject said but not named is no elided one
    unnamed = first < len(words) and any(bare(words[first]) in ws for ws in (W.unnamed_subjects, W.media_nouns))
    if unnamed and speech:  # (nor is one named before the verb: وحظيت ... بمباركة فيكتوريا، وقال مصدر)
        participants = [p for p in participants if all(s.k(m) > i for m in in_clause
                                                       if m.entity == p or p in actors.states_of(m.entity, day))]
    if not participants and subject_nisba and (trig.has("nisba_subject") or unnamed and speech):  # (مصادر يمنية)
        participants = list(dict.fromkeys(st for e in subject_nisba for st in actors.states_of(e, day)))
    # والتقيا الرئيس الصيني: a dual verb with only its objects named after it; its subject is elided
    objects_only = words[i] in DUAL_VERBS and participants and all(s.k(m) > i for m in in_clause if m.entity in participants)
    # التقى خلال اليوم في برلين بالمستشار الألماني: the first one named after the verb is its object (بال), so the
    # subject is elided
    named = sorted(s.k(m) for m in in_clause if m.entity in participants)
    objects_only = objects_only or bool(trig.has("encounter") and named and named[0] > i
                                        and any(w.startswith(OBJECT_PREFIXES) for w in words[j:named[0] + 1]))
    # أشاد بجهود سلطنة عمان: all a saying names after its verb inside a phrase of ب / ل / على is what it is about;
    # its speaker is elided (named in an earlier clause)
    if speech and named and named[0] > i and all(_in_object_phrase(s, m) for m in in_clause if m.entity in participants):
        objects_only = True
    if (not participants or set(participants) <= companions or counterpart or objects_only) and not unnamed:
        participants, states = _elided_subject(s, actors, trig, i, clause, participants, states, siblings)
    acting = set(participants) | {st for p in participants for st in actors.states_of(p, day)}
    participants = [st for st in own_country(s, actors, clause, i) if st not in acting] + participants
    if not participants:
        # an organisation is the only actor: it acts for itself, as the subject (أطلقت جماعة الحوثي صاروخًا،
        # عقد مجلس الأمن جلسة، قالت وكالة الاستخبارات الكورية الجنوبية) or as the summit's owner (قمة حلف
        # شمال الأطلسي); without one, the states named (nisbas, places) may still carry the event
        actors_ = [m.entity for m in in_clause if m.entity in orgs and (trig.has("held_by_organization") or s.k(m) < j + 3)
                   and not in_phrase(words, s.k(m), i)
                   and not words[s.k(m)].startswith(OBJECT_PREFIXES)  # أشاد بالجيش: an object
                   and not reports_other(words[max(0, s.k(m) - 2):i])]
        if not actors_ and not states:
            return None
        participants = list(dict.fromkeys(actors_))
    for p in participants:
        states.extend(actors.states_of(p, day))
    if speech and participants:
        states.extend(content_states(s, actors, j))
    participants = list(dict.fromkeys(participants))
    states = list(dict.fromkeys(states))
    # (not the owner of a summit on whose sidelines they met: لقائهما على هامش قمة منظمة شنغهاي)
    met = [m.entity for m in in_clause if m.entity in orgs and 0 < s.k(m) - (j - 1) <= 5
           and not any(bare(w) in W.sidelines for w in words[j:s.k(m)])]
    if trig.has("encounter") and words[i].endswith(DUAL_PRONOUN):
        # خلال لقائهما: "their meeting" is that of the last two people named before it
        people = [m.entity for m in sorted(s.mentions, key=s.k) if s.k(m) < i and m.entity and actors.is_person(m.entity, doc)]
        two = list(dict.fromkeys(reversed(people)))[:2][::-1]
        if len(two) == 2:
            participants = two + [p for p in participants if p not in two]
            states = list(dict.fromkeys(states + [st for p in two for st in actors.states_of(p, day)]))
    if trig.has("encounter") and participants and len(set(states)) < 2 and met:
        # التقى البوسعيدي وفدًا من الحوثيين: a body met by one state's side, right after the verb, is the other side
        participants = participants + [o for o in dict.fromkeys(met) if o not in participants]
    participants += [c for c in _counterparts(s, actors, in_clause, participants) if c not in participants]
    if trig.has("held_by_organization"):  # قمة منظمة شنغهاي للتعاون: the organisation whose summit it is takes part
        # (also after the summit's number, joined by ل: القمة العادية الثانية والثلاثين، لجامعة الدول العربية)
        def of_it(m, k: int) -> bool:
            return 0 < k - (j - 1) <= 3 or 0 < k - (j - 1) <= 6 and normalize(doc.text[s.sent.tokens[k].start:m.start]) == "ل"
        participants += [m.entity for m in in_clause if m.entity in orgs and of_it(m, s.k(m)) and m.entity not in participants]
    if trig.has("needs_agent") and not participants:
        return None  # someone must speak, someone must travel
    roles = assign_roles(s, actors, trig, i, j, in_clause, participants, states)
    theirs = [] if trig.has("speech") or trig.has("two_sided") else [
        st for st in their_country(s, actors, clause, j) if st not in states]
    if theirs:  # اجتياح روسيا بلاده: acted on
        states = states + theirs
        roles.setdefault("target", []).extend(theirs)
    return participants, places, states, orgs, roles


def _speaks_for_state(head: list[str]) -> bool:
    """Whether the nouns between a verb and a nisba let the nisba's state speak or act: an office, a state body or
    another political noun (مسؤول روسي، الجيش الإسرائيلي، الخارجية الروسية), not a medium, a team or a company
    (صحيفة بيلد الألمانية، رئيس الاتحاد الأردني، الشركة اليابانية: the nisba is only whose they are)."""
    forms = [f for w in head for b in (w, bare(w))
             for f in (b, *(b.removesuffix(x) for x in ("ه", "ان", "ين", "ون")))]  # (سفيرة، مسؤولان، برلمانيون)
    return any(f in W.office_nouns or f in W.state_body_heads or f in W.speaking_heads for f in forms) \
        and not any(f in W.media_nouns or f in W.sport_bodies for f in forms)


def _counterparts(s: Sent, actors: Actors, mentions, participants) -> list[str]:
    """نظيره الأوكراني، ونظيره الروسي: the holder, that day, of the subject's own office in the nisba's state (the
    French president's Ukrainian counterpart is Ukraine's president)."""
    subject = next((e for e in map(actors.entity, participants) if e is not None and e.type == "Person"
                    and any(not t.org and (s.day is None or t.covers(s.day)) for t in e.tenures)), None)
    if subject is None:
        return []
    offices = [t.role for t in subject.tenures if not t.org and (s.day is None or t.covers(s.day))]
    out = []
    for m in mentions:
        k = s.k(m)
        if m.kind != "nisba" or k == 0 or not s.words[k - 1].startswith(W.counterpart.stems):
            continue
        for state in actors.states_of(m.entity, s.day):
            if any(actors.is_person(p, s.doc) and state in actors.states_of(p, s.day) for p in participants):
                continue  # the counterpart is already named (وصل بزشكيان ... واستقبله نظيره)
            holder = next((h for h in (actors.catalog.holder(r, state, s.day) for r in offices) if h is not None), None)
            if holder is not None and holder.iri != subject.iri:
                out.append(holder.iri)
    return out


def _elided_subject(s: Sent, actors: Actors, trig, i, clause, participants, states, siblings):
    """An elided subject (وحضر عرضًا إلى جانب كيم، ثم جالا): the agents of the nearest earlier clause that names a
    person, else the nearest with any agent (أكد كيم ... أن موسكو ستحقق ...، وذلك خلال زيارة: Kim visits, not
    Moscow); else the agents of the sentence's previous event."""
    doc, words = s.doc, s.words
    found = []
    for c in range(clause - 1, -1, -1):
        earlier = [m for m in s.mentions if s.clauses[s.k(m)] == c]
        p2, _, s2, _ = sort_mentions(s, actors, earlier, trig, i)
        if p2:
            found.append((p2, s2))
    found.sort(key=lambda f: not any(actors.is_person(p, doc) for p in f[0]))  # stable: nearest first within each
    if found:
        p2, s2 = found[0]
        if trig.has("speech") and len(p2) > 1 and not plural_verb(words[i], trig):
            p2, s2 = p2[:1], []  # وشكر زيلينسكي شولتس ...، وقال: one speaker, the earlier clause's subject
        elif any(actors.is_person(p, doc) for p in p2) and not all(actors.is_person(p, doc) for p in p2):
            # زيارة ماكرون لإيطاليا ... بعدما التقى: the person is the subject, not where he went
            p2, s2 = [p for p in p2 if actors.is_person(p, doc)], []
        return p2 + [p for p in participants if p not in p2], states + s2
    # a speaker is the subject of what they say only through a pronoun (أعلنت الجماعة أنها أطلقت);
    # رحبت الجامعة باستئناف المفاوضات: the talks are what was welcomed, not the speaker's act
    speaker_ok = any(w in W.self_reference for w in words[max(0, i - 4):i])
    prior = next((ev for ev in reversed(siblings) if ev.participants and ("speech" not in frame(ev.type).flags or speaker_ok)), None)
    if prior is not None:
        return list(prior.participants), states
    return participants, states
