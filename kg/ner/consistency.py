"""Document-level consistency of NER tags: a name the model tagged once is a name wherever it recurs in the
same article.

A sentence tagger sees one sentence at a time, so it tags "نوري المالكي" in the lead and misses the bare
"المالكي" of every later sentence, or finds "الأمم المتحدة" once in four. Stanza and spaCy pipelines add a
document pass for this; ours re-tags, in tokens the model left untagged, (1) every span of two or more
tokens the model tagged somewhere in the document, (2) the surname (last token) of a person it tagged in
full, and (3) single-token names it tagged at least twice as often as it left them untagged. Matching is
on the model's input form (kg.text.normalize), longest match first; nothing the model tagged is changed.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence

from kg.ner.stanza_ner import spans_from_tags
from kg.text import normalize

#: name particles that are no surname on their own (بن سلمان's بن, عبد الله's عبد), in the model's input form
PARTICLES = frozenset(normalize(w) for w in "بن ابن بنت آل أبو عبد ولد أب".split())
MIN_SURNAME_CHARS = 3


def _write(tags: list[str], first: int, last: int, label: str) -> None:
    if first == last:
        tags[first] = f"S-{label}"
        return
    tags[first] = f"B-{label}"
    for k in range(first + 1, last):
        tags[k] = f"I-{label}"
    tags[last] = f"E-{label}"


def names_of(forms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> dict[tuple[str, ...], str]:
    """What the document's tags say is a name: token sequence -> label (the label given most often)."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    single: Counter = Counter()
    surnames: set[tuple[str, ...]] = set()
    for f, t in zip(forms, tags):
        for first, last, label in spans_from_tags(t):
            key = tuple(f[first:last + 1])
            votes[key][label] += 1
            if len(key) == 1:
                single[key] += 1
            elif label == "PER" and key[-1] not in PARTICLES and len(key[-1]) >= MIN_SURNAME_CHARS:
                surnames.add(key[-1:])
    untagged: Counter = Counter()
    for f, t in zip(forms, tags):
        for w, tag in zip(f, t):
            if tag == "O" and (w,) in single:
                untagged[(w,)] += 1
    names = {}
    for key, c in votes.items():
        if len(key) > 1 or single[key] >= 2 * untagged[key]:
            names[key] = c.most_common(1)[0][0]
    for key in surnames:
        names.setdefault(key, "PER")
    return names


def propagate(forms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """The document's tags with its names re-tagged where the model left them untagged (see module doc)."""
    names = names_of(forms, tags)
    longest = max((len(k) for k in names), default=0)
    out = [list(t) for t in tags]
    for f, t in zip(forms, out):
        i = 0
        while i < len(f):
            hit = 0
            for n in range(min(longest, len(f) - i), 0, -1):
                if all(x == "O" for x in t[i:i + n]) and tuple(f[i:i + n]) in names:
                    hit = n
                    break
            if hit:
                _write(t, i, i + hit - 1, names[tuple(f[i:i + hit])])
                i += hit
            else:
                i += 1
    return out


def propagate_docs(doc_sizes: Sequence[int], forms: Sequence[Sequence[str]],
                   tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """propagate() over consecutive documents of doc_sizes sentences each (the tagger's flat sentence list)."""
    out, at = [], 0
    for n in doc_sizes:
        out += propagate(forms[at:at + n], tags[at:at + n])
        at += n
    return out
