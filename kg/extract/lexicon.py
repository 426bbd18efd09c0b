"""The extractor's vocabulary, all of it data under kg/lexicon: word classes, event frames, agreement nouns.

- `words.tsv`: named word classes (W.clause_break, W.reporting ...), each a frozenset of normalised words with
  `.stems`, the same as a tuple for str.startswith.
- `frames/*.toml`: one frame per event type: its ontology class, family, flags, colour and triggers.
- `agreements.tsv`, `sport_cues.tsv`.
A frame naming a class the ontology lacks, or a flag no pass reads, fails at load with the file named.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from types import SimpleNamespace

from ..text import normalize
from .morph import core, stem_match

# What a frame's flags ask of the passes (the flag -> where it is read).
FLAGS = {
    "encounter": "two sides meet: a body met right after the verb is the other side (roles)",
    "two_sided": "an event naming one state only is a detail of a fuller one that day, or dropped (coref)",
    "gives_place": "its place passes to what its people do the same day (places)",
    "own_place_only": "never inherits a place from another event (places)",
    "travel": "the first place after the verb is the destination, whose state takes part (roles)",
    "place_states": "the state of its destination or locative place takes part (roles)",
    "not_theatre": "a place after 'the war / fighting in' is the theatre, not a party (roles)",
    "host_takes_part": "the state of its place takes part (its host)",
    "nisba_subject": "a nisba right after the verb is its subject (قال مسؤول روسي)",
    "needs_agent": "no event without someone who acts (a speaker, a traveller)",
    "speech": "a saying: one speaker, the content's states are whom it is about, its own status",
    "others_act": "a saying about someone else's act (أدانت مصر الهجوم): its speaker takes no part in that act",
    "named": "the same name twice in an article is one event (القمة الصينية العربية); a city right after it is its place (قمة الرياض)",
    "held_by_organization": "an organisation's own event: its organisation alone is a side",
    "signs": "dates the agreement signed in its sentence",
    "one_a_day": "two reports of it the same day sharing a state, one's states among the other's, are one (coref)",
    "invites": "a visit in its clause is the invitation's content",
    "fallback": "counts only in a clause where no more specific trigger (other than a statement) fires",
    "topical": "an act often only talked about: no event where it is a topic (بحث وقف إطلاق النار، ينص على خفض الرسوم) "
               "or what a call asks for (دعا إلى سحب القوات)",
}


class Words(frozenset):
    """A word class: its normalised words; `.stems` is the same words as a tuple, for str.startswith."""
    stems: tuple[str, ...]

    def __new__(cls, words):
        self = super().__new__(cls, words)
        self.stems = tuple(sorted(self))
        return self


def _rows(name: str):
    with resources.files("kg").joinpath("lexicon", name).open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _forms(words: str, sep: str | None = None) -> tuple[str, ...]:
    """A lexicon cell's words in the normalised form they are compared in (قذائف -> قذايف), "-" for none."""
    return tuple(normalize(w.replace("_", " ")) for w in words.split(sep) if w != "-")


def _load_words() -> SimpleNamespace:
    classes = {}
    for name, words, _why in _rows("words.tsv"):
        if name in classes:
            raise ValueError(f"kg/lexicon/words.tsv: word class {name!r} is defined twice")
        classes[name] = Words(_forms(words))
    return SimpleNamespace(**classes)


W = _load_words()
SPORT = Words(normalize(w) for w, *_ in _rows("sport_cues.tsv"))


@dataclass(frozen=True)
class Frame:
    type: str  # the name events carry (Event.type, facts.jsonl)
    cls: str  # its ontology class (kg:<cls>)
    family: str
    order: int
    flags: frozenset[str]
    colour: str
    about: str
    rank: int = 9  # within a family, the most specific type (lowest) wins
    examples: tuple = field(default=(), compare=False)  # sentences it must extract (tests/test_frames.py)


@dataclass(frozen=True)
class Trigger:
    type: str
    stems: tuple[str, ...]
    requires: tuple[str, ...]
    family: str
    frame: Frame
    within: int = 20  # words after the trigger in which one of `requires` must occur
    indefinite: bool = False  # only without the article: العقوبات is the regime in force, عقوبات an act

    def has(self, flag: str) -> bool:
        return flag in self.frame.flags


def _event_classes() -> set[str]:
    from ..codes import subclasses_of
    return subclasses_of("Event")


@functools.lru_cache(maxsize=1)
def load_frames() -> tuple[tuple[Frame, tuple[Trigger, ...]], ...]:
    """Every frame of kg/lexicon/frames with its triggers, in frame order."""
    return read_frames(resources.files("kg").joinpath("lexicon", "frames"), "kg/lexicon/frames")


def read_frames(folder, where_prefix: str) -> tuple[tuple[Frame, tuple[Trigger, ...]], ...]:
    """The frames of a folder (a Path or a package resource), checked against the ontology and FLAGS."""
    known = _event_classes()
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        where = f"{where_prefix}/{entry.name}"
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise ValueError(f"{where}: not valid TOML: {e}") from None
        missing = [k for k in ("type", "class", "family", "order", "colour", "about", "triggers") if k not in data]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        if data.get("class") not in known:
            raise ValueError(f"{where}: class {data.get('class')!r} is not an event class of ontology/kg.ttl")
        unknown = set(data.get("flags", ())) - set(FLAGS)
        if unknown:
            raise ValueError(f"{where}: unknown flags {sorted(unknown)} (known: {', '.join(FLAGS)})")
        frame = Frame(data["type"], data["class"], data["family"], data["order"], frozenset(data.get("flags", ())),
                      data["colour"], data["about"], data.get("rank", 9), tuple(data.get("examples", ())))
        triggers = tuple(Trigger(frame.type, tuple(normalize(w) for w in stems.split()), tuple(map(normalize, group.get("requires", ()))),
                                 frame.family, frame, group.get("within", 20), group.get("indefinite", False))
                         for group in data["triggers"] for stems in group["stems"])
        out.append((frame, triggers))
    out.sort(key=lambda ft: ft[0].order)
    if len({f.type for f, _ in out}) != len(out):
        raise ValueError(f"{where_prefix}: two frames name the same type")
    return tuple(out)


@functools.lru_cache(maxsize=1)
def frames() -> dict[str, Frame]:
    """Event type -> its frame, in frame order."""
    return {f.type: f for f, _ in load_frames()}


def frame(type_: str) -> Frame:
    return frames()[type_]


def load_triggers() -> list[Trigger]:
    return [t for _, triggers in load_frames() for t in triggers]


def load_agreement_nouns() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(t, _forms(s), _forms(qual, ",")) for t, s, qual in _rows("agreements.tsv")]


class Index:
    """Triggers and agreement nouns by their first stem: a word is looked up by the prefixes of its core forms
    (a stem matches a core form that it starts and that adds at most 4 letters; 3 for agreement nouns)."""

    def __init__(self):
        self.triggers = load_triggers()
        self.agreement_nouns = load_agreement_nouns()
        self._by_first = self._first_stems([t.stems[0] for t in self.triggers])
        self._ag_by_first = self._first_stems([stems[0] for _t, stems, _q in self.agreement_nouns])
        self._cands: dict[str, list[Trigger]] = {}
        self._ag_cands: dict[str, list] = {}

    @staticmethod
    def _first_stems(firsts: list[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for k, stem in enumerate(firsts):
            out.setdefault(stem, []).append(k)
        return out

    @staticmethod
    def _lookup(word: str, by_first: dict[str, list[int]], suffix: int) -> list[int]:
        found: set[int] = set()
        for c in core(word):
            n = len(c)
            for cut in range(n - suffix if n > suffix else 1, n + 1):
                hit = by_first.get(c[:cut])
                if hit:
                    found.update(hit)
        return sorted(found)

    def candidates(self, word: str) -> list[Trigger]:
        """The triggers whose first stem can match `word`, in lexicon order."""
        hit = self._cands.get(word)
        if hit is None:
            hit = self._cands[word] = [self.triggers[k] for k in self._lookup(word, self._by_first, 4)]
            if len(self._cands) > 1 << 16:  # a bounded memo: news vocabulary repeats, but not forever
                self._cands.clear()
        return hit

    def agreement_candidates(self, word: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """The agreement nouns whose first stem can match `word`, in lexicon order."""
        hit = self._ag_cands.get(word)
        if hit is None:
            hit = self._ag_cands[word] = [self.agreement_nouns[k] for k in self._lookup(word, self._ag_by_first, 3)]
            if len(self._ag_cands) > 1 << 16:
                self._ag_cands.clear()
        return hit

    def speech_verb(self, word: str, max_suffix: int) -> bool:
        """Whether a word is a statement trigger (قال، أعلنت، رحبت) with at most `max_suffix` letters after its stem."""
        return any(t.has("speech") and stem_match(word, t.stems[0], max_suffix) for t in self.candidates(word))


@functools.lru_cache(maxsize=1)
def index() -> Index:
    return Index()


@functools.lru_cache(maxsize=1)
def _single_word_stems() -> frozenset[str]:
    return frozenset(t.stems[0] for t in load_triggers() if len(t.stems) == 1)


@functools.lru_cache(maxsize=1 << 14)
def is_trigger_word(word: str) -> bool:
    """Whether a word is an event verb or noun of the lexicon (سيزور، التقى، زيارة): never a name."""
    stems = _single_word_stems()
    return any(c[:n] in stems and len(c) - n <= 4 for c in core(normalize(word)) for n in range(2, len(c) + 1))
