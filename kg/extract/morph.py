"""Arabic word shapes the extractor compares by: proclitics, the article, future س, ة before a pronoun.

A trigger or cue stem matches a word when one of the word's core forms starts with it and adds at most a
few letters (its suffixes). These are the only letters written in code: morphology, not vocabulary.
"""
from __future__ import annotations

import functools
import re

PROCLITIC = re.compile(r"^(?:[وف]?(?:ب|ل|ك)?(?:ال|لل)?)")
FUTURE = re.compile(r"^[وف]?س[يتنا]")
LAM_ARTICLE = re.compile(r"^[وف]?لل")
DUAL_PRONOUN = "هما"  # لقائهما، محادثاتهما: "their (two)" attached to a noun
HER_PRONOUN = "ها"  # الحرب التي شنتها: "it" (a feminine event noun) attached to the verb of its relative clause
DEFINITE = re.compile(r"^(?:[وف]?[بلك]?)(?:ال|لل)")
TAA_SUFFIX = re.compile(r"^(.{2,})ت(?:ه|ها|هم|هما|هن|ي|نا|كم)$")  # قمتهما -> قمه
HAMZA_SUFFIX = re.compile(r"^(.{2,}ا)ي(?:ه|ها|هم|هما|هن|نا|كم)$")  # لقائهما (normalised لقايهما) -> لقاء
IMPERFECT = re.compile(r"^[وف]?[يتن]")  # a present-tense verb (يزود، تزود، نزود)
MINISTRY = ("وزار", "الوزار", "بوزار", "لوزار", "للوزار")  # وزارة (ministry) is not و + زار (visited)


def strip_clitic(word: str) -> str:
    """A word without one leading conjunction or preposition letter and the article (والصين -> صين)."""
    w = word[1:] if len(word) > 3 and word[0] in "وفبلك" else word
    return w.removeprefix("ال")


def bare(word: str) -> str:
    """A normalised word without its proclitics and article (وبالرئيس -> رئيس)."""
    return PROCLITIC.sub("", word, count=1)


def without_conjunction(word: str) -> str:
    """و / ف alone off a three-letter word (ولم -> لم); longer words keep theirs."""
    return word[1:] if word[:1] in "وف" and len(word) == 3 else word


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of every word by every matcher
def core(word: str) -> tuple[str, ...]:
    """Candidate bare forms of a normalised word: as is, without proclitics/article, without future س."""
    cands = [word]
    if word.startswith(MINISTRY):
        return tuple(cands)
    if word[:1] in ("و", "ف") and len(word) > 3:  # the conjunction alone (والتقى: و + التقى, not و + ال + تقى)
        cands.append(word[1:])
    stripped = bare(word)
    if stripped != word and len(stripped) >= 2 and stripped not in cands:
        cands.append(stripped)
    # لل is ل + the article (للمشاركة، للزيارة), which PROCLITIC reads as ل alone (so that لليبيا keeps its ل)
    joined = LAM_ARTICLE.match(word)
    if joined and len(word) - joined.end() >= 2 and word[joined.end():] not in cands:
        cands.append(word[joined.end():])
    if FUTURE.match(word):
        cands.append(re.sub(r"^[وف]?س", "", word))
    # a ة noun with a pronoun suffix is written with ت (زيارته، قمتهم): its bare form ends in ه (normalised ة)
    for c in list(cands):
        m = TAA_SUFFIX.match(c)
        if m:
            cands.append(m.group(1) + "ه")
        m = HAMZA_SUFFIX.match(c)  # a final ء is written ئ before a pronoun (لقاء -> لقائهما)
        if m:
            cands.append(m.group(1) + "ء")
    return tuple(cands)


@functools.lru_cache(maxsize=1 << 18)  # pure, and called for every word x trigger: the extractor's hot spot
def stem_match(word: str, stem: str, max_suffix: int = 4) -> bool:
    return any(c.startswith(stem) and len(c) - len(stem) <= max_suffix for c in core(word))
