"""Whether an event occurred, is planned, denied or speculative, from cues in the words around its trigger."""
from __future__ import annotations

import re

from .lexicon import W
from .morph import FUTURE, IMPERFECT, bare, stem_match, without_conjunction

# a future verb of attending or holding before an event noun makes it planned (سيحضر عرضًا، ستعقد قمة)
PLANNED_VERB = re.compile(r"^[وف]?س[يتن](?:" + "|".join(sorted(W.planned_verbs)) + r")[اويهمن]{0,3}$")
FUTURE_NOT = "سا"  # سافر، سارع: verbs that start like a future prefix


def _phrase_in(cues, text: str) -> bool:
    return any(" " in c and c in text for c in cues)


def status(words: list[str], i: int, j: int, speech: bool = False) -> str:
    """occurred | planned | denied | speculative, for the trigger words[i:j].

    A statement's status is the saying's: what it says may be hedged (أثار احتمال أن ...), the saying is not."""
    before = " ".join(words[max(0, i - 4):i])
    # a planned phrase or a future verb governs its clause: من المقرر أن يقيم الرئيس التركي مأدبة، ستقدم ما قيمته
    # مليار يورو من المساعدات (up to nine words back, not past a comma or a clause of time)
    k = i
    while k > max(0, i - 9) and words[k - 1] not in W.planned_scope_ends:
        k -= 1
    governing = " ".join(words[k:i])
    after = "" if speech else " ".join(words[j:j + 6])
    trig = words[i]
    if any(stem_match(w, d, 3) for w in words[max(0, i - 8):i] for d in W.denial_stems):
        return "denied"  # نفت الصين أن تكون قد أرسلت أسلحة
    if any(w.startswith(W.fear_stems.stems) or bare(w).startswith(W.fear_stems.stems) for w in words[max(0, i - 8):i]) \
            or any(w in W.conditional for w in words[max(0, i - 3):i]):
        return "speculative"  # يخشى أن تسلّم، إذا زوّدت: feared or conditional, not reported as done
    asked = i - 1
    while asked > max(-1, i - 4) and words[asked] in W.holding_nouns:
        asked -= 1
    if not speech and asked >= 0 and words[asked] in W.requests:
        return "speculative"  # طلبت أوكرانيا عقد اجتماع، دعا إلى إجراء محادثات: asked for, not held
    negators = {without_conjunction(w) for w in words[max(0, i - 2):i]}  # ولم، فلن
    if negators & W.negators:
        return "speculative" if _phrase_in(W.speculative_cues, before) else "denied"
    near = words[max(0, i - 3):i]
    # قد + past verb asserts (قد حذر، قد أجرتا تدريبات), قد + present verb hedges (قد تزود): the verb after قد
    q = next((k for k in range(i - 1, max(-1, i - 4), -1) if words[k] in W.hedge), None)
    imperfect = bool(IMPERFECT.match(words[q + 1] if q is not None else trig))
    if any((" " in c and c in before + " " + after) or (c in near and (c not in W.hedge or imperfect))
           or (c not in W.hedge and not speech and c in words[j:j + 2]) for c in W.speculative_cues):  # اتفاق محتمل
        return "speculative"
    if FUTURE.match(trig) and not trig.startswith(FUTURE_NOT) or any((" " in c and c in governing) or c in near for c in W.planned_cues) \
            or any(PLANNED_VERB.match(w) for w in words[max(k, i - 9):i]):
        return "planned"
    if not speech and any(c in words[j:j + 8] for c in W.planned_after):  # القمة ... المقرر عقدها
        return "planned"
    return "occurred"
