"""Agent and target among an event's participants and states: who acts and who is acted on (kg:agent, kg:target)."""
from __future__ import annotations

from ..text import normalize
from .actors import Actors
from .context import Sent
from .lexicon import W


def marked(s: Sent, m, k: int) -> bool:
    """Whether a mention is introduced as the one acted on: على، ضد، إلى، بحق before it, or ل / ب attached."""
    attached = normalize(s.doc.text[s.sent.tokens[k].start:m.start])
    return (k > 0 and s.words[k - 1] in W.target_markers) or attached in ("ل", "ول", "ب", "وب") \
        or normalize(m.text).startswith(("لل", "ولل"))


def assign_roles(s: Sent, actors: Actors, trig, i: int, j: int, mentions, participants, states) -> dict[str, list[str]]:
    """Agent and target among an event's participants and states, in the order they are named: one introduced by
    على / إلى / ضد / ل is acted on (the target); one with مع / إلى جانب acts alongside; the first other is the agent
    (فرض الاتحاد الأوروبي عقوبات على روسيا; اتهمت كوريا الشمالية الولايات المتحدة), one joined to it by و shares
    its role, a later one after the trigger is the target. A nisba before its person's name (الرئيس التركي أردوغان)
    is that person; alone (الرئيس البرازيلي) it stands for its state. The states a saying's content names are
    whom it is about: targets. A meeting has sides, not roles: none."""
    if trig.has("two_sided"):
        return {}
    words = s.words
    ordered = sorted(mentions, key=lambda m: m.start)
    agent: list[str] = []
    target: list[str] = []
    last = None
    lead = None  # where a person's title begins, when a nisba in it was passed over
    traveller = None
    for n, m in enumerate(ordered):
        k = s.k(m)
        etype = actors.etype(m)
        nxt = ordered[n + 1] if n + 1 < len(ordered) else None
        if m.kind == "nisba" and nxt is not None and nxt.entity in participants and nxt.kind != "nisba" \
                and len(normalize(s.doc.text[m.end:nxt.start]).split()) <= 1:
            lead = max(0, k - 1)  # الرئيس التركي رجب طيب أردوغان: the nisba says whose the person is
            continue
        k0, lead = (min(k, lead) if lead is not None else k), None
        # قال الكرملين، بيونغيانغ زودت موسكو: a seat or capital as the subject (right before the verb, or right after
        # it) or the object right after it acts, or is acted on, for its state; not one where it happens (في موسكو)
        # nor the subject of another verb (طوكيو ناقشت إطلاق صاروخين)
        seat = [st for st in actors.states_of(m.entity, s.day) if st in participants] \
            if m.kind != "nisba" and (s.k_after(m) == i or k in (j, j + 1)) and not marked(s, m, k) \
            and not (k > 0 and words[k - 1] in W.locative) else []
        place = m.kind != "nisba" and etype in ("City", "Place", "State") and m.entity not in participants and not seat
        if m.entity in participants:
            ents = [m.entity]
        elif seat:
            ents = seat
        elif m.kind == "nisba" or place:
            ents = [st for st in actors.states_of(m.entity, s.day) if st in states]
            located = k > 0 and words[k - 1] in W.locative and trig.has("place_states")
            if place and not marked(s, m, k) and not located:
                continue  # a place named where it happens (في بكين) has no role
        else:
            continue
        if not ents:
            continue
        if k0 > 0 and words[k0 - 1] in W.companion:
            role = agent  # إلى جانب كيم، مع شي: alongside the agent
        elif marked(s, m, k) or marked(s, m, k0) and k0 != k or place:
            role = target  # (a place struck, supplied or reached: its state is acted on)
        elif last is not None and words[k].startswith("و"):
            role = last  # وقعت مصر والإمارات: joined, the same role
        elif not agent:
            role = agent
        else:
            role = target if k > i else agent
        role.extend(e for e in ents if e not in role)
        last = role
        if k0 == j and m.entity in participants and trig.has("travel"):
            traveller = m.entity
    if traveller is not None:
        # right after a visit verb or noun: who travels (زار أردوغان، زيارة مودي لروسيا); the others named
        # (أجرى مودي وبوتين محادثات ...، في اليوم الثاني من زيارة مودي) receive them
        target = [e for e in [*agent, *target] if e in participants and e != traveller]
        agent = [traveller]
    if trig.has("speech") and not agent:  # وذكر بوتين أن، وأضاف: a speaker not named in the clause (borrowed) speaks
        named = {m.entity for m in mentions}  # (one named in what is said is no speaker: رؤية الشيخ محمد بن راشد)
        agent = [p for p in participants if p not in target and p not in named]
    own = {st for p in agent for st in actors.states_of(p, s.day)}  # an agent's state acts with it (بوتين -> روسيا)
    agent += [st for st in states if st in own and st not in agent]
    theirs = {st for p in target for st in actors.states_of(p, s.day)}  # and a target's with it
    target += [st for st in states if st in theirs and st not in own and st not in target]
    if traveller is not None:  # the destination's state, reached (إلى الصين، لروسيا)
        target += [st for st in states if st not in own and st not in target]
    if trig.has("speech"):  # whom the content is about (أكد أن بلاده ستقدم الدعم لروسيا)
        target += [st for st in states if st not in own and st not in agent and st not in target]
    target = [t for t in target if t not in agent]
    return {k: v for k, v in (("agent", agent), ("target", target)) if v}


def own_country(s: Sent, actors: Actors, clause: int, i: int) -> list[str]:
    """أعلن شولتس أن بلاده ستقدم مساعدات: "his country" in the trigger's clause, before it, acts: the state of
    the person the sentence named last before it."""
    q = next((k for k in range(i - 1, max(-1, i - 10), -1) if s.words[k] in W.own_country and s.clauses[k] == clause), None)
    return _state_of_the_last_named(s, actors, q)


def their_country(s: Sent, actors: Actors, clause: int, j: int) -> list[str]:
    """اجتياح روسيا بلاده: "his country" after the trigger, in its clause, is acted on: the state of the person
    named last before it."""
    q = next((k for k in range(j, len(s.words)) if s.words[k] in W.own_country and s.clauses[k] == clause), None)
    return _state_of_the_last_named(s, actors, q)


def _state_of_the_last_named(s: Sent, actors: Actors, q: int | None) -> list[str]:
    people = [m for m in s.mentions if q is not None and s.k(m) < q and m.entity and actors.is_person(m.entity, s.doc)]
    return actors.states_of(max(people, key=s.k).entity, s.day)[:1] if people else []
