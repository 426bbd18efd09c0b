"""Rule-based spelling variants of transliterated foreign names, and demonym (nisba) inflection.

Pure functions, no I/O. Both return sets of surface strings meant to be added to a gazetteer next to the
catalog labels; matching is then done on `kg.text.normalize`d text, so variation that `normalize` already
folds (hamza/alef forms, ى/ي, ة/ه, diacritics, tatweel) needs no variant here.

name_variants(ar)
    For a *foreign* (transliterated) name only; the caller decides which names are foreign.
    Rules, each sound for transliterations and nothing else:
    1. "ng" is written نغ or نج at the end of a syllable: بيونغ يانغ <-> بيونج يانج, شي جين بينغ <-> بينج.
       Only the word-final ن+غ / ن+ج pair is swapped (everywhere in the name at once), because a ج elsewhere
       usually renders "j" (جونسون, جين) and must not become غ.
    2. Any other غ that renders "g" may be written ج (Egyptian usage: غوتيريش -> جوتيريش). Only غ -> ج,
       never the reverse, for the same reason as in 1.
    3. A hyphen is written as a space or dropped: كيم إيل-سونج -> كيم إيل سونج / كيم إيلسونج.
    4. The last two short syllable-words are written joined or apart: بيونغ يانغ <-> بيونغيانغ,
       شي جين بينغ -> شي جينبينغ. Joining needs both words to have 3-5 letters (syllables, not full names) and the second not to
       start with an alef (كيم جونغ أون is never joined). Splitting happens only right after a medial نغ/نج.
    Long-vowel insertions (و/ي) are *not* generated: they are not predictable by rule. The output includes
    the input itself (an input under 3 letters gives the empty set), is capped at MAX_NAME_VARIANTS and never contains a form shorter than 3 letters.

compound_name_variants(ar)
    For Arabic personal names (any person): the compound names built on عبد (عبد الله، عبد الرحمن،
    عبد اللطيف) are written split or joined (عبدالله، عبدالرحمن), and news uses both for one person:
    each form gives the other. Only عبد followed by a word with the article, the one sound case.

demonym_forms(base)
    From the masculine singular indefinite nisba ("روسي", "كوري شمالي", "جنوب أفريقي") generate every
    regular inflection, with and without the article: m.sg, f.sg (+ة), m.pl nominative (+ون), m.pl
    oblique (+ين, also the dual oblique spelling), f.pl (+ات), the dual (+ان; f. +تان، +تين: مسؤولان أمريكيان). In a multi-word nisba every nisba word
    (ending in ي) is inflected and takes the article (الكوريون الشماليون); a leading non-nisba word
    (جنوب in جنوب أفريقي) is left as it is and the article goes on the first word only (الجنوب أفريقية).
    Irregular (broken) plurals (الروس، الأمريكان) are not derivable and are listed in the catalog.
    The adverbial accusative (صينياً) is not generated: its undiacritised form can equal a country name
    (روسيا).
"""
from __future__ import annotations

import re

MAX_NAME_VARIANTS = 12
MIN_LETTERS = 3

_ALEFS = "اأإآ"
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def _letters(s: str) -> int:
    return len(_ARABIC_LETTER.findall(s)) or len(re.findall(r"\w", s))


def _ng_swap(s: str) -> str | None:
    """Swap word-final نغ <-> نج consistently over the whole name (rule 1)."""
    words = s.split(" ")
    has_gh = any(w.endswith("نغ") for w in words)
    has_j = any(w.endswith("نج") for w in words)
    if not (has_gh or has_j):
        return None
    src, dst = ("غ", "ج") if has_gh else ("ج", "غ")
    out = [w[:-1] + dst if w.endswith("ن" + src) else w for w in words]
    r = " ".join(out)
    return r if r != s else None


def _gh_to_j(s: str) -> str | None:
    """غ -> ج everywhere (rule 2)."""
    r = s.replace("غ", "ج")
    return r if r != s else None


def _join_last_two(s: str) -> str | None:
    words = s.split(" ")
    if len(words) < 2:
        return None
    a, b = words[-2], words[-1]
    if not (3 <= _letters(a) <= 5 and 3 <= _letters(b) <= 5) or b[0] in _ALEFS:
        return None
    return " ".join(words[:-2] + [a + b])


def _split_ng(s: str) -> str | None:
    """Split a word right after a medial نغ/نج (بيونغيانغ -> بيونغ يانغ)."""
    out = []
    changed = False
    for w in s.split(" "):
        m = re.search(r"ن[غج](?=.)", w)
        if m and not changed:
            head, tail = w[: m.end()], w[m.end():]
            if _letters(head) >= 3 and _letters(tail) >= 3 and tail[0] not in _ALEFS:
                out.extend([head, tail])
                changed = True
                continue
        out.append(w)
    return " ".join(out) if changed else None


def name_variants(ar: str) -> set[str]:
    """Spelling variants of a transliterated foreign name (see module doc). Includes `ar` itself."""
    base = " ".join(ar.split())
    if _letters(base) < MIN_LETTERS:
        return set()
    ordered: list[str] = [base]

    def add(v: str | None) -> None:
        if v:
            v = " ".join(v.split())
            if v and v not in ordered and _letters(v) >= MIN_LETTERS:
                ordered.append(v)

    if "-" in base:
        add(base.replace("-", " "))
        add(base.replace("-", ""))
    # rule 1 and 4 on every form so far, then rule 2 on the results
    for form in list(ordered):
        add(_ng_swap(form))
    for form in list(ordered):
        add(_join_last_two(form))
        add(_split_ng(form))
    for form in list(ordered):
        add(_ng_swap(form))
    for form in list(ordered):
        add(_gh_to_j(form))
    return set(ordered[:MAX_NAME_VARIANTS])


_ABD_SPLIT = re.compile(r"(?<!\S)عبد (ال\S{2,})")
_ABD_JOINED = re.compile(r"(?<!\S)عبد(ال\S{2,})")


def compound_name_variants(ar: str) -> set[str]:
    """عبد الله <-> عبدالله in a personal name (see module doc). Includes `ar` itself."""
    base = " ".join(ar.split())
    return {base, _ABD_SPLIT.sub(r"عبد\1", base), _ABD_JOINED.sub(r"عبد \1", base)}


_SUFFIXES = ("", "ة", "ون", "ين", "ات", "ان", "تان", "تين")


def _with_article(word: str) -> str:
    return word if word.startswith("ال") else "ال" + word


def accusative_form(base: str) -> str | None:
    """The accusative indefinite of a nisba (استعراضًا صينيًا -> صينيا), kept apart from demonym_forms because its
    undiacritised form can equal a name (روسيا، برازيليا): where it does, the name is meant."""
    words = base.split()
    if not words or not words[-1].endswith("ي"):
        return None
    return " ".join(w + "ا" if w.endswith("ي") else w for w in words)


def demonym_forms(base: str) -> set[str]:
    """All regular inflections of a nisba, with and without ال (see module doc). Includes `base`."""
    words = base.split()
    if not words:
        return set()
    nisba = [w.endswith("ي") for w in words]
    if not nisba[-1]:
        return {base}
    forms: set[str] = set()
    for suf in _SUFFIXES:
        infl = [w + suf if n else w for w, n in zip(words, nisba)]
        forms.add(" ".join(infl))
        if all(nisba):
            forms.add(" ".join(_with_article(w) for w in infl))
        else:
            forms.add(" ".join([_with_article(infl[0])] + infl[1:]))
    return {f for f in forms if _letters(f) >= MIN_LETTERS}
