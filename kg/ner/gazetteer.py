"""Catalog-driven recogniser: every known surface form of every catalog entity, matched with
pyahocorasick over normalised text, longest match first, at word boundaries.

An attached proclitic (و ف ب ل ك, and pairs like وب، ول، فل) is allowed before a form but is not part
of the mention, except the ل+ال contraction (للصين) which is stored as written. It proposes mentions
already linked to their entity; the linker merges them with the statistical NER's mentions.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import ahocorasick

from ..catalog import Catalog, Entity, load_catalog
from ..doc import Doc, Mention
from ..text import normalize, normalize_with_map
from ..variants import accusative_form, compound_name_variants, demonym_forms, name_variants

PROCLITICS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"}
# When two entities share a surface form, the more salient class wins.
PRIORITY = {"State": 0, "City": 1, "Organization": 2, "Person": 3, "Place": 4, "Other": 5}
MIN_FORM = 3  # normalised characters; shorter Arabic forms are too ambiguous
SON_OF = ("بن", "ابن", "بنت")  # the link to a father's name (منصور بن محمد)
CHAIN_PARTICLES = (*SON_OF, "ال")  # the links of a chain of names (نهيان بن مبارك آل نهيان)


@dataclass(frozen=True)
class Form:
    norm: str
    entity: str
    kind: str  # name | nisba
    type: str


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def entity_forms(e: Entity) -> set[tuple[str, str, bool]]:
    """(normalised form, kind: name | nisba | accusative (a nisba form that may be a name), written with a final ه)."""
    names: set[str] = set()
    for label in [e.label_ar, *e.alt_ar]:
        names.add(label)
        if e.type in ("Person", "City", "Place"):
            names |= name_variants(label)
        if e.type == "Person":
            names |= compound_name_variants(label)
    for label in [e.label_en, *e.alt_en]:
        if label and len(label) >= 2:
            names.add(label)
    forms = {(normalize(n), "name", _ends_in_ha(n)) for n in names}
    for d in e.demonyms:
        forms |= {(normalize(f), "nisba", _ends_in_ha(f)) for f in demonym_forms(d) | {d}}
        acc = accusative_form(d)
        if acc:
            forms.add((normalize(acc), "accusative", False))
    out = set()
    for norm, kind, ha in forms:
        if len(norm.replace(" ", "")) < MIN_FORM and not norm.isascii():
            continue
        out.add((norm, kind, ha))
        if norm.startswith("ال") and len(norm) > 3:  # ل + ال -> لل (للصين، للحزب الشيوعي)
            out.add(("لل" + norm[2:], kind, ha))
    return out


def _ends_in_ha(name: str) -> bool:
    """Whether a name is written with a final ه (not ة): normalisation folds the two together."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and letters[-1] == "ه"


class Gazetteer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        table: dict[str, list[Form]] = {}
        self.written_ha: set[str] = set()  # forms the catalog itself spells with a final ه
        forms = [(e, f) for e in catalog.entities.values() for f in entity_forms(e)]
        names = {norm for _e, (norm, kind, _ha) in forms if kind == "name"}
        for e, (norm, kind, ha) in forms:
            if kind == "accusative":  # a nisba still, unless a name is written so (روسيا، برازيليا)
                if norm in names:
                    continue
                kind = "nisba"
            table.setdefault(norm, []).append(Form(norm, e.iri, kind, e.type))
            if ha:
                self.written_ha.add(norm)
        # one written name, several entities (عمان: Oman the state, Amman the city): the linker may choose again
        self.homographs = {norm: list(dict.fromkeys(f.entity for f in forms if f.kind == "name"))
                           for norm, forms in table.items()
                           if len({f.entity for f in forms if f.kind == "name"}) > 1}
        self.automaton = ahocorasick.Automaton()
        for norm, forms in table.items():
            forms.sort(key=lambda f: (f.kind != "name", PRIORITY.get(f.type, 9), f.entity))
            self.automaton.add_word(norm, forms)
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        norm, index = normalize_with_map(text)
        candidates = []
        for end_idx, forms in self.automaton.iter(norm):
            form = forms[0]
            s, e = end_idx - len(form.norm) + 1, end_idx + 1
            if e < len(norm) and _is_word(norm[e]):
                continue
            if s > 0 and _is_word(norm[s - 1]):
                k = next((k for k in (2, 1) if s - k >= 0 and norm[s - k:s] in PROCLITICS
                          and (s - k == 0 or not _is_word(norm[s - k - 1]))), None)
                if k is None:
                    continue
            start, stop = index[s], index[e - 1] + 1
            surface = text[start:stop]
            # A one-word name spelt with ة found written with ه is most often another word plus the
            # pronoun suffix (جدة "Jeddah" / جده "his grandfather"): only the catalog's own ه spellings count.
            if surface.endswith("ه") and " " not in form.norm and form.norm not in self.written_ha:
                continue
            # Short Latin forms (AP, UN, CNN) only as written in capitals.
            if form.norm.isascii() and len(form.norm) <= 4 and not surface.isupper():
                continue
            # A nisba written with a final ى after a feminine noun is the elative adjective its letters also
            # spell (الجهة اليمنى "the right side", not Yemeni: a feminine nisba would be اليمنية).
            if form.kind == "nisba" and surface.endswith("ى") and norm[:s].rstrip(" ").endswith("ه") \
                    and text[:start].rstrip()[-1:] == "ة":
                continue
            if form.type == "Person" and _inside_chain(norm, s, e, form.norm):
                continue
            candidates.append((start, stop, surface, form))
        mentions: list[Mention] = []
        for start, stop, surface, form in _longest_cover(candidates):
            mentions.append(Mention(start, stop, surface, form.type, source="gazetteer", kind=form.kind, entity=form.entity))
        return mentions


def _inside_chain(norm: str, s: int, e: int, form: str) -> bool:
    """Whether a person's form sits inside another man's chain: right after بن (منصور بن محمد بن راشد), or one that
    opens with a link of names (بن مبارك) with a word right before it and another link right after it (نهيان بن
    مبارك آل نهيان)."""
    if norm[:s].rstrip(" ").rsplit(" ", 1)[-1] in SON_OF and s > 0 and norm[s - 1] == " ":
        return True  # منصور بن محمد بن راشد: after بن, the father's name in another man's chain
    if form.split(" ", 1)[0] not in CHAIN_PARTICLES or s < 2 or not _is_word(norm[s - 2]) or norm[s - 1] != " ":
        return False
    return norm[e:].lstrip(" ").split(" ", 1)[0] in CHAIN_PARTICLES


def _longest_cover(candidates: list[tuple]) -> list[tuple]:
    """The non-overlapping candidates that cover the most text (weighted interval scheduling), so that a
    longer name is not lost to a shorter one that starts earlier (الملك سلمان | سلمان بن عبد العزيز);
    on a tie, the earlier and longer spans, as a leftmost-longest scan would pick."""
    cands = sorted(candidates, key=lambda c: (c[1], c[0]))
    ends = [c[1] for c in cands]
    best: list[tuple[int, list]] = [(0, [])]  # best[i]: (covered length, chosen) using cands[:i]
    for i, c in enumerate(cands):
        j = bisect.bisect_right(ends, c[0], 0, i)  # candidates ending at or before this one starts
        take = (best[j][0] + c[1] - c[0], best[j][1] + [c])
        skip = best[i]
        best.append(take if take[0] > skip[0] or (take[0] == skip[0] and _earlier(take[1], skip[1])) else skip)
    return best[-1][1]


def _earlier(a: list, b: list) -> bool:
    """Between two covers of equal length, the one whose spans start first (then the longer span)."""
    return [(c[0], -(c[1] - c[0])) for c in a] < [(c[0], -(c[1] - c[0])) for c in b]


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer(load_catalog())


class GazetteerRecognizer:
    """The Recognizer interface over the gazetteer alone (no statistical model)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        doc.mentions.extend(self.gazetteer.find(doc.text))
        return doc
