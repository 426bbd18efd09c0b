"""Agreements named in a sentence (kg/lexicon/agreements.tsv): type, name, parties, signing date, status."""
from __future__ import annotations

from ..doc import Agreement, Doc, Span
from .actors import Actors
from .context import Sent
from .dates import anaphoric_date
from .lexicon import W, index
from .morph import DEFINITE, stem_match
from .roles import sort_mentions
from .status import status


TREATIES = {"Treaty", "DefenseTreaty", "FriendshipTreaty", "Partnership"}  # one kind of thing, named more or less precisely


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in TREATIES and b in TREATIES)


def add_agreement(doc: Doc, ag: Agreement) -> None:
    """One agreement per kind and parties in an article: a heading (معاهدة دفاع مشترك) and the sentence that dates it
    are the same treaty, and so is a later mention naming its parties with one more or one fewer (a sponsor who
    signed as witness, a party left out). The first mention's type and parties stand, unless it named one party."""
    for prev in doc.agreements:
        a, b = set(prev.parties), set(ag.parties)
        # a mention naming one party (اتفاق الشراكة ... for ASEAN) signed the day a fuller one was: the same agreement
        one_more = len(b) < 2 and prev.signed is not None and prev.signed == ag.signed and prev.precision == "day"
        if _same_kind(prev.type, ag.type) and (a <= b or b <= a or one_more) and \
                (prev.signed is None or ag.signed is None or prev.signed[:4] == ag.signed[:4]):
            if len(a) < 2 <= len(b):
                prev.parties = list(ag.parties)
            elif one_more:
                prev.parties = list(dict.fromkeys(prev.parties + ag.parties))
            if prev.signed is None and ag.signed is not None:
                prev.signed, prev.precision = ag.signed, ag.precision
            if len(ag.name_ar or "") > len(prev.name_ar or ""):
                prev.name_ar = ag.name_ar
            prev.more_evidence.append(ag.evidence)
            return
    doc.agreements.append(ag)


def _match(words: list[str], i: int):
    """(type, length) of the first agreement noun row matching at word i, with its qualifier if it needs one."""
    for typ, stems, quals in index().agreement_candidates(words[i]):
        n = len(stems)
        if i + n <= len(words) and all(stem_match(words[i + k], stems[k], 3) for k in range(n)):
            if quals and not any(stem_match(w, q, 5) for w in words[i + n:i + n + 3] for q in quals):
                continue
            return typ, n
    return None


def _parties(s: Sent, actors: Actors, mentions, i: int) -> list[str]:
    participants, _places, states, _orgs = sort_mentions(s, actors, mentions, None, i)
    for p in participants:
        states.extend(actors.states_of(p, s.day))
    return list(dict.fromkeys(states))


def sentence_agreements(s: Sent, actors: Actors) -> list[Agreement]:
    doc, sent, words, timexes = s.doc, s.sent, s.words, s.timexes
    out = []
    i = 0
    while i < len(words):
        match = _match(words, i)
        if match is None:
            i += 1
            continue
        typ, n = match
        earlier = out or doc.agreements
        if earlier and any(w in W.same_kind for w in words[i + n:i + n + 5]):
            typ = earlier[-1].type  # أولى اتفاقياتها الثنائية من هذا النوع مع المملكة المتحدة: one of the kind just named
        elif typ == "-":  # agreements in general (الاتفاقيات الدولية): none in particular
            i += n
            continue
        # the name runs to the first preposition, date or punctuation
        j = i + n
        while j < len(words) and j < i + n + 4 and words[j].isalpha() and words[j] not in W.locative \
                and words[j] not in W.clause_break and words[j] not in W.name_stop \
                and not any(t.start <= sent.tokens[j].start < t.end for t in timexes):
            j += 1
        t0, t1 = sent.tokens[i], sent.tokens[j - 1]
        name = doc.text[t0.start:t1.end]
        # (or one a verb or preposition follows, الاتفاقية ستغطي / بأنها: no qualifier or name of its own)
        bare = j == i + n or (typ == "Other" and not words[i + n].startswith("ال"))
        if bare and DEFINITE.match(words[i]) and (doc.agreements or out):
            # a bare definite الاتفاقية / المعاهدة refers back to the agreement already named: more evidence
            (out or doc.agreements)[-1].more_evidence.append(s.span())
            i = j
            continue
        # parties: the agents and nisba states of its clause, else of the sentence, not the places (لتسليم معدات ...
        # في أوكرانيا) nor the brokers (بوساطة صينية); وتوقع الإمارات «معاهدة سلام» مع إسرائيل، بينما توقع البحرين
        # على «إعلان سلام»: each clause its own agreement and parties
        brokered = [m for m in s.mentions if any(w in W.broker_words for w in words[max(0, s.k(m) - 2):s.k(m)])]
        named = [m for m in s.mentions if m not in brokered]
        parties = _parties(s, actors, [m for m in named if s.clauses[s.k(m)] == s.clauses[i]], i)
        if len(parties) < 2:
            parties = _parties(s, actors, named, i)
        if len(parties) < 2 and doc.events:  # البلدين: the parties of the events just reported
            recent = [st for ev in doc.events[-3:] for st in ev.states]
            parties = list(dict.fromkeys(parties + recent))[:max(2, len(parties))]
        dated = [t for t in timexes if t.value]
        best = min(dated, key=lambda t: abs(t.start - t0.start)) if dated else anaphoric_date(doc, s.si, words)
        # لم يتوصلا إلى اتفاق: no agreement was reached
        st = "denied" if any(w in W.agreement_negators for w in words[max(0, i - 3):i]) else status(words, i, j)
        out.append(Agreement(type=typ, trigger=Span(t0.start, t1.end, name), evidence=s.span(),
                             name_ar=name, parties=parties, signed=best.value if best else None,
                             precision=best.precision if best else None, status=st))
        i = j
    # one agreement per sentence and type
    uniq = {}
    for a in out:
        uniq.setdefault(a.type, a)
    return [a for a in uniq.values() if len(a.parties) >= 1]
