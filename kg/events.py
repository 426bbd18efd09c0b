"""Events and agreements from Arabic trigger words, with participants, states, place, date and status.

Triggers and agreement nouns are data (kg/lexicon/*.tsv). For each trigger the clause around it
(split at commas and clause-opening conjunctions) supplies participants; the whole sentence is the
fallback. Places are locations introduced by a locative preposition. The date is the nearest date
expression of the sentence; else the publication date for reports in the lead or for statements.
The same event mentioned twice in an article becomes one event with several pieces of evidence.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

from .catalog import Catalog, load_catalog
from .doc import Agreement, Doc, Event, Mention, Sentence, Span, Timex
from .text import normalize

PROCLITIC = re.compile(r"^(?:[وف]?(?:ب|ل|ك)?(?:ال|لل)?)")
FUTURE = re.compile(r"^[وف]?س[يتنا]")
DEFINITE = re.compile(r"^(?:[وف]?[بلك]?)(?:ال|لل)")
TAA_SUFFIX = re.compile(r"^(.{2,})ت(?:ه|ها|هم|هما|هن|ي|نا|كم)$")  # قمتهما -> قمه
# a future verb of attending or holding before an event noun makes it planned (سيحضر عرضًا، ستعقد قمة);
# only these verbs: many nouns also start with سي/ست/سن (سياسة، سيارة، سنة، ستة)
PLANNED_VERB = re.compile(r"^[وف]?س[يتن](?:حضر|شارك|عقد|جري|قوم|شهد|نظم|ستضيف|لتقي|وقع)[اويهمن]{0,3}$")
# جولة is a tour (جولة أفريقية) or a round: with an ordinal after it or a holding verb before it (عقد جولة ثانية،
# جولة جديدة من المحادثات) a round of talks
ROUND_ORDINALS = tuple(normalize(w) for w in "ثاني ثالث رابع خامس جديد أخرى اخري اولى أولى مقبل تالي".split())
ROUND_VERBS = tuple(normalize(w) for w in "عقد يعقد تعقد عقدت عقدا استئناف استأنف انطلاق".split())
FLASHBACK_OPENERS = {normalize(w) for w in "كان وكان كانت وكانت كانوا وكانوا".split()}  # وكان ... قد التقى: an earlier time
VISIT_NOUN = normalize("زيارة")[:-1]  # زيار(ة/ته/تها)
HOSTED = normalize("استضاف")
PURPOSE_LAM = ("لبحث", "للبحث", "لمناقش", "للتباحث", "لاجراء")  # ل + a verbal noun: "in order to discuss"
TROOP_STEMS = tuple(normalize(w) for w in "جنود جندي قوات عناصر دفعة مقاتل وحدات كتيبة".split())
DEADLINE = {normalize(w) for w in "بحلول حتى وحتى".split()}
LIST_GOES_ON = {normalize(w) for w in "مقدمتهم بينهم منهم أبرزهم فيهم".split()}  # وفي مقدمتهم، ومن بينهم، بمن فيهم
OBJECT_PREFIXES = ("بال", "لل", "كال")  # a definite noun with a preposition attached is no subject
CLAUSE_BREAK = {normalize(w) for w in "، , ؛ ; فيما بينما حين حيث عندما بعدما بعد قبل وذلك لكن أن إن بأن وأن".split()}
COMPANION = {normalize(w) for w in "مع جانب برفقة رفقة بصحبة ومع".split()}  # إلى جانب كيم: with, not the subject
INVITE_STEMS = tuple(normalize(w) for w in "دعا دعت يدعو تدعو دعوة دعوه".split())
THEN_WORDS = {normalize(w) for w in "وقتها حينها آنذاك انذاك وقتئذ حينئذ ووقتها وحينها".split()}
RELATIVE = {normalize(w) for w in "التي الذي الذين اللذين اللتين اللواتي".split()}  # a relative clause describes, it does not add parties
LOCATIVE = {normalize(w) for w in "في إلى الى الي ب بـ نحو داخل قرب بالقرب".split()}
REPORTING = {normalize(w) for w in "بحسب وفق وفقا نقلا حسبما أوردته أوردت أورد أفادت أفاد ذكرت نقلت".split()}
PLANNED_CUES = [normalize(w) for w in ("سوف", "من المقرر", "من المتوقع", "يعتزم", "تعتزم", "يخطط", "تخطط", "المقبل", "المقبلة", "القادم", "القادمة")]
SPECULATIVE_CUES = [normalize(w) for w in ("قد", "ربما", "محتمل", "المحتمل", "احتمال", "ما إذا", "يمكن", "لم يتم الإعلان", "لم يؤكد", "لم تؤكد", "مهتمة", "مهتم", "مستعدة", "مستعد", "مستعدون", "استعداد", "استعدادها", "استعداده")]
DENIAL_STEMS = tuple(normalize(w) for w in ("نفى", "نفت", "نفوا", "ينفي", "تنفي", "نفي"))
TYPE_RANK = {"Summit": 0, "Talks": 1, "Meeting": 2}  # most specific of the meeting family first
MEETING_TYPES = {"Summit": True, "Talks": True, "Meeting": True}
# fearing / being worried that X happens: X is a fear, not a report, and who fears takes no part in it
FEAR_STEMS = tuple(normalize(w) for w in "تخشى يخشى نخشى خشية مخاوف تخوف يتخوف تتخوف".split())
CONDITIONAL = {normalize(w) for w in "إذا اذا لو ولو وإذا فإذا".split()}
AGENT_TYPES = {"Person", "State", "Organization"}
KG_NEWS_AGENCY = "https://w3id.org/kg-arabic/ontology#NewsAgency"
SIDELINES = {normalize("هامش")}  # على هامش: on the sidelines of
SINCE, FIRST = normalize("منذ"), (normalize("أول"), normalize("الأول"))
# "the war / fighting / operations / use in X": X is where the fighting is, not a party to a delivery
THEATRE_STEMS = tuple(normalize(w) for w in "حرب قتال قاتل يقاتل حارب يحارب معارك معركة عمليات عملية جبهة استخدام نزاع صراع هجوم".split())
# a state's name after these is part of a place's name (بحر عمان، خليج المكسيك), not the state
GEO_FEATURES = {normalize(w) for w in "بحر خليج نهر جبال جبل صحراء بحيرة مضيق قناة".split()}
# who brokers or sponsors an agreement is not a party to it (بوساطة صينية، برعاية أمريكية)
BROKER_WORDS = {normalize(w) for w in "بوساطة وساطة بوساطه برعاية رعاية".split()}
# a later clause opened by these is another event's time frame (بعد، قبل، عندما ...)
TEMPORAL_SUBORD = {normalize(w) for w in "بعد قبل عندما بعدما حين حينما منذ".split()}
PLACE_NOUNS = {normalize(w) for w in "مدينة عاصمة العاصمة قاعدة منطقة ميناء مطار قلب وسط شمال جنوب شرق غرب أقصى ضواحي".split()}
DATELINE_MARKS = {"(", "–", "-", "—", ":", "ـ"}
# dual/plural references to the parties already named (الزعيمان، البلدين، الجانبان، الطرفين)
TALKS_NOUNS = tuple(normalize(w) for w in "محادثات مفاوضات مباحثات مشاورات حوار".split())
VISIT_FILLERS = {normalize(w) for w in "كلا كل من أيضا ايضا مجددا مرة أخرى ،".split()}
SELF_REFERENCE = {normalize(w) for w in "أنه أنها أنهم أنهما إنه إنها إنهم إنهما بأنه بأنها بأنهم وأنه وأنها".split()}
# after an event noun, words that make it another event than the one reported (القمة المقبلة، الرحلة السابقة)
OTHER_ONE = {normalize(w) for w in "المقبل المقبلة القادم القادمة الأولى الأول المرتقبة المرتقب السابق السابقة الماضي الماضية".split()}
NEXT_OR_LAST = OTHER_ONE - {normalize(w) for w in "الأول الأولى".split()}
# hosting verbs: in a relative clause right after an event noun they name its host (قمة السلام التي تستضيفها سويسرا)
HOST_STEMS = tuple(normalize(w) for w in "تستضيف يستضيف استضاف استضافت تنظم ينظم نظمت نظمها".split())
# opening a phrase of topic or circumstance (في ظل التوتر مع كوريا الشمالية، بشأن أوكرانيا): who is named there takes no part
TOPIC_OPENERS = {normalize(w) for w in "ظل وسط بشأن حول خلفية".split()}
IN_WORDS = {normalize(w) for w in "في داخل وفي".split()}
CIRCUMSTANTIAL = IN_WORDS | TOPIC_OPENERS  # a phrase of place or topic after a trigger names context, not actors
CONTENT_END = {normalize(w) for w in "بينما فيما لكن لكنه لكنها عندما بعدما حين حيث".split()}
GUEST_STEMS = (normalize("ضيف"), normalize("مضيف"))  # his guest / host: the other side of the last encounter
AGREEMENT_NEGATORS = {normalize(w) for w in "لم ولم لن ولن".split()}
PLANNED_AFTER = {normalize(w) for w in "المقبل المقبلة القادم القادمة المقرر المقررة المزمع المزمعة".split()}
COUNTRY_PAIR = {normalize(w) for w in "البلدان البلدين للبلدين وللبلدين".split()}  # the two countries: states, not people
CONTENT_OPENERS = {normalize(w) for w in "أن إن بأن وأن".split()}
GROUP_WORDS = {normalize(w) for w in "الزعيمان الزعيمين الزعيمين الرئيسان الرئيسين البلدان البلدين الجانبان الجانبين الطرفان الطرفين للزعيمين للبلدين وللزعيمين بينهما".split()}
# dual and plural verbs (أجريا محادثات، حضروا مأدبة): the subject is the pair or group named before, as with الزعيمان
DUAL_VERBS = {normalize(p + w) for w in ("أجريا عقدا التقيا بحثا ناقشا وقعا تبادلا اتفقا زارا حضرا شاركا تصافحا اجتمعا "
                                         "أجروا عقدوا التقوا بحثوا ناقشوا وقعوا تبادلوا اتفقوا زاروا حضروا شاركوا").split()
              for p in ("", "و", "ف", "ثم ")}
NAME_STOP = {normalize(w) for w in "مع بين تنص تهدف الذي التي من على عن خلال أثناء عقب بعد قبل".split()}
# a phone or video call has no place: the dateline city or an earlier event's place is not where it happened
REMOTE_STEMS = tuple(normalize(w) for w in "هاتف مكالمة فيديو الفيديو بالفيديو افتراضي".split())  # compared bare and whole
REMOTE_OPENERS = {normalize(w) for w in "خلال أثناء عبر في".split()}  # خلال اتصال (هاتفي): during a call
CALL_STEMS = (normalize("اتصال"), normalize("مكالم"))
# a date after these names what is commemorated (ذكرى انتهاء الحرب 1950-1953), not when the event happened
COMMEMORATION = {normalize(w) for w in "ذكرى الذكرى بذكرى وذكرى لذكرى ذكري احياء لإحياء".split()}


def _strip_clitic(word: str) -> str:
    w = word[1:] if len(word) > 3 and word[0] in "وفبلك" else word
    return w.removeprefix("ال")


SPORTS_REPORT = 3  # distinct sport cue words that make a whole article a sports report


@dataclass(frozen=True)
class Trigger:
    type: str
    stems: tuple[str, ...]
    requires: tuple[str, ...]
    family: str


def _rows(name: str):
    with resources.files("kg").joinpath("lexicon", name).open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


SPORT = frozenset(normalize(w) for w, *_ in _rows("sport_cues.tsv"))


def _forms(words: str, sep: str | None = None) -> tuple[str, ...]:
    """A lexicon cell's words in the normalised form they are compared in (قذائف -> قذايف), "-" for none."""
    return tuple(normalize(w) for w in words.split(sep) if w != "-")


def load_triggers() -> list[Trigger]:
    out = []
    for typ, stems, requires, family in _rows("triggers.tsv"):
        out.append(Trigger(typ, _forms(stems), _forms(requires, ","), family))
    return out


def load_agreement_nouns() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(t, _forms(s), _forms(qual, ",")) for t, s, qual in _rows("agreements.tsv")]


def _bare(word: str) -> str:
    """A normalised word without its proclitics and article (وبالرئيس -> رئيس)."""
    return PROCLITIC.sub("", word, count=1)


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked of every word by every matcher
def _core(word: str) -> tuple[str, ...]:
    """Candidate bare forms of a normalised word: as is, without proclitics/article, without future س."""
    cands = [word]
    if word.startswith(("وزار", "الوزار", "بوزار", "لوزار", "للوزار")):
        return tuple(cands)  # وزارة (ministry) is not و + زار (visited)
    if word[:1] in ("و", "ف") and len(word) > 3:  # the conjunction alone (والتقى: و + التقى, not و + ال + تقى)
        cands.append(word[1:])
    stripped = _bare(word)
    if stripped != word and len(stripped) >= 2 and stripped not in cands:
        cands.append(stripped)
    if FUTURE.match(word):
        cands.append(re.sub(r"^[وف]?س", "", word))
    # a ة noun with a pronoun suffix is written with ت (زيارته، قمتهم): its bare form ends in ه (normalised ة)
    for c in list(cands):
        m = TAA_SUFFIX.match(c)
        if m:
            cands.append(m.group(1) + "ه")
    return tuple(cands)


@functools.lru_cache(maxsize=1)
def _single_word_stems() -> frozenset[str]:
    return frozenset(t.stems[0] for t in load_triggers() if len(t.stems) == 1)


@functools.lru_cache(maxsize=1 << 14)
def is_trigger_word(word: str) -> bool:
    """Whether a word is an event verb or noun of the lexicon (سيزور، التقى، زيارة): never a name."""
    stems = _single_word_stems()
    return any(c[:n] in stems and len(c) - n <= 4 for c in _core(normalize(word)) for n in range(2, len(c) + 1))


@functools.lru_cache(maxsize=1 << 18)  # pure, and called for every word x trigger: the extractor's hot spot
def _stem_match(word: str, stem: str, max_suffix: int = 4) -> bool:
    return any(c.startswith(stem) and len(c) - len(stem) <= max_suffix for c in _core(word))


class EventExtractor:
    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog or load_catalog()
        self.triggers = load_triggers()
        self.agreement_nouns = load_agreement_nouns()
        self._round = Trigger("Talks", (normalize("جولة"),), (), "meeting")
        self._arrival = Trigger("Deployment", (normalize("وصل"),), (), "military")
        self._nationals: dict[str, str] = {}  # the article's new people -> their state (see _nationalities)
        self._by_first: dict[str, list[int]] = {}  # first stem -> trigger indexes (see _candidates)
        for k, t in enumerate(self.triggers):
            self._by_first.setdefault(t.stems[0], []).append(k)
        self._cands: dict[str, list[Trigger]] = {}  # word -> _candidates(word)
        self._ag_cands: dict[str, list] = {}  # word -> _agreement_candidates(word)
        self._ag_by_first: dict[str, list[int]] = {}  # the same index for the agreement nouns
        for k, (_typ, stems, _quals) in enumerate(self.agreement_nouns):
            self._ag_by_first.setdefault(stems[0], []).append(k)

    def _candidates(self, word: str) -> list[Trigger]:
        """The triggers whose first stem can match `word`, in lexicon order: a stem matches a core form when
        it is one of its prefixes at most 4 letters shorter, so only those prefixes need looking up."""
        hit = self._cands.get(word)
        if hit is None:
            found: set[int] = set()
            for c in _core(word):
                for cut in range(max(1, len(c) - 4), len(c) + 1):
                    found.update(self._by_first.get(c[:cut], ()))
            hit = self._cands[word] = [self.triggers[k] for k in sorted(found)]
            if len(self._cands) > 1 << 16:  # a bounded memo: news vocabulary repeats, but not forever
                self._cands.clear()
        return hit

    def _agreement_candidates(self, word: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """The agreement nouns whose first stem can match `word` (at most 3 letters of suffix), in lexicon order."""
        hit = self._ag_cands.get(word)
        if hit is None:
            firsts = {k for c in _core(word) for cut in range(max(1, len(c) - 3), len(c) + 1)
                      for k in self._ag_by_first.get(c[:cut], ())}
            hit = self._ag_cands[word] = [self.agreement_nouns[k] for k in sorted(firsts)]
            if len(self._ag_cands) > 1 << 16:
                self._ag_cands.clear()
        return hit

    # -- entity helpers ------------------------------------------------------------------------
    def _is_person(self, iri: str, doc: Doc) -> bool:
        e = self.catalog.entities.get(iri)
        return e.type == "Person" if e else doc.new_types.get(iri) == "Person"

    def _type_of(self, iri: str) -> str | None:
        e = self.catalog.entities.get(iri)
        return e.type if e else None

    def _etype(self, m: Mention) -> str:
        return self._type_of(m.entity or "") or m.label

    def _nationalities(self, doc: Doc) -> dict[str, str]:
        """People new to the catalog whose name first comes right after a state's nisba (عضو المكتب السياسي
        للحزب الشيوعي الصيني لي هونغ تشونغ، وزير الخارجية الإيراني عباس عراقجي): that state is theirs."""
        out: dict[str, str] = {}
        for a, b in zip(doc.mentions, doc.mentions[1:]):
            e = self.catalog.entities.get(a.entity or "")
            if not (b.entity and b.entity not in self.catalog.entities and b.entity not in out and e is not None
                    and e.type == "State" and doc.new_types.get(b.entity) == "Person"):
                continue
            between = normalize(doc.text[a.end:b.start]).split()
            before = normalize(doc.text[max(0, a.start - 4):a.start]).split()
            if a.kind == "nisba" and not between:
                out[b.entity] = a.entity
            # رئيس المجلس العسكري الحاكم في مالي الجنرال أسيمي غويتا: in a title, "in <state>" says whose he is
            elif a.kind == "name" and before[-1:] == ["في"] and len(between) <= 1 and all(w.startswith("ال") for w in between):
                out[b.entity] = a.entity
        return out

    @staticmethod
    def _sport_cues(words: list[str]) -> set[str]:
        return {c for w in words for c in (w, w.removeprefix("ال"), _strip_clitic(w)) if c in SPORT}

    def _sport(self, words: list[str]) -> bool:
        return bool(self._sport_cues(words))

    def _office_holder_takes_part(self, ev: "Event", day: date | None) -> bool:
        for p in ev.participants:
            e = self.catalog.entities.get(p)
            if e is not None and e.type == "Person" and any(day is None or t.covers(day) for t in e.tenures):
                return True
        return False

    def _states_of(self, iri: str, day: date | None) -> list[str]:
        e = self.catalog.entities.get(iri)
        if e is None:
            return [self._nationals[iri]] if iri in self._nationals else []
        if e.type == "State":
            return [iri]
        if e.capital_of or e.seat_of or e.body_of:
            return [e.capital_of or e.seat_of or e.body_of]
        if e.type == "Person":
            now = [t for t in e.tenures if day is None or t.covers(day)]
            if any(t.org for t in now) and day is not None:
                return []  # the head of an organisation acts for it, not for the state they once led
            held = [t.state for t in now if not t.org]
            return sorted(set(held or e.leader_of))[:1] if (held or e.leader_of) else []
        if e.located_in:
            return self._states_of(e.located_in, day) if e.located_in != iri else []
        return []

    # -- main ----------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        day = doc.article.published if isinstance(doc.article.published, date) else None
        self._nationals = self._nationalities(doc)
        # a sports report names its matches, players and clubs in many words: then every sentence of it is sport
        # (قال مورينيو... has no cue of its own); a political story that mentions one match does not reach this
        all_words = [[normalize(t.text) for t in sent.tokens] for sent in doc.sentences]
        sports_report = len({c for words in all_words for c in self._sport_cues(words)}) >= SPORTS_REPORT
        for si, (sent, words) in enumerate(zip(doc.sentences, all_words)):
            mentions = [m for m in doc.mentions if sent.start <= m.start < sent.end and m.entity]
            timexes = [t for t in doc.timexes if sent.start <= t.start < sent.end and not self._deadline(sent, words, t)]
            found = self._sentence_events(doc, si, sent, words, mentions, timexes, day)
            sport = sports_report or self._sport(words)
            if sport:  # a match, a club, a player: only an office holder makes it geopolitical
                found = [ev for ev in found if self._office_holder_takes_part(ev, day)]
            for ev in found:
                self._add_event(doc, ev)
            for ag in [] if sport else self._sentence_agreements(doc, si, sent, words, mentions, timexes, day):  # a transfer is no treaty
                signing = next((e for e in found if e.type == "Signing" and e.date), None)
                if ag.signed is None and signing is not None:  # ووقع البلدان مذكرة تفاهم (on the day reported)
                    ag.signed, ag.precision = signing.date, signing.precision
                self._add_agreement(doc, ag)
        self._discourse_dates(doc)
        self._same_summits(doc)
        self._one_sided_meetings(doc)
        self._shared_places(doc)
        return doc

    # what is said or done the same day by one of the people of an encounter with a place happened there too
    # (statements at the Helsinki summit, talks during a visit to Paris); a state is no place to inherit
    PLACE_GIVERS = ("Summit", "Meeting", "Talks", "Visit", "MilitaryParade")

    def _shared_places(self, doc: Doc) -> None:
        givers = [e for e in doc.events if e.place and e.type in self.PLACE_GIVERS and e.status == "occurred"
                  and (self.catalog.entities.get(e.place) is None or self.catalog.entities[e.place].type != "State")]
        for ev in doc.events:
            if ev.place or ev.status != "occurred" or ev.type in ("MilitarySupport", "Deployment", "MissileLaunch"):
                continue
            people = set(ev.participants)
            fits = {g.place for g in givers if g is not ev and g.date and g.date == ev.date and people & set(g.participants)}
            if len(fits) == 1:  # one place that day: not when the people were in two
                ev.place = fits.pop()

    def _summit_name(self, doc: Doc, ev: Event) -> tuple[str, ...]:
        """The adjectives naming a summit (القمة الصينية العربية -> الصينيه العربيه); none for a summit named
        next or last (القمة العربية المقبلة) or by nothing."""
        sent = doc.sentence_of(ev.trigger.start)
        after = [normalize(t.text) for t in sent.tokens if t.start >= ev.trigger.end][:3] if sent else []
        name = tuple(itertools.takewhile(lambda w: w.startswith("ال") and w not in OTHER_ONE, after[:2]))
        return () if any(w in NEXT_OR_LAST for w in after[len(name):len(name) + 1]) else name

    def _same_summits(self, doc: Doc) -> None:
        """One summit named twice with the same adjectives (يشارك خلالها في القمة الصينية العربية ... وعقدت القمة
        الصينية العربية يوم الجمعة) is one event, dated by the mention that dates it in its own sentence."""
        first: dict[tuple[str, ...], Event] = {}
        keep = []
        for ev in doc.events:
            name = self._summit_name(doc, ev) if ev.type == "Summit" else ()
            prev = first.get(name) if name else None
            if prev is None or (prev.dated_here and ev.dated_here and prev.date != ev.date):
                first.setdefault(name, ev)
                keep.append(ev)
                continue
            if ev.dated_here and not prev.dated_here:
                prev.date, prev.precision, prev.status, prev.dated_here = ev.date, ev.precision, ev.status, True
            prev.participants = list(dict.fromkeys(prev.participants + ev.participants))
            prev.states = list(dict.fromkeys(prev.states + ev.states))
            prev.organizations = list(dict.fromkeys(prev.organizations + ev.organizations))
            prev.place = prev.place or ev.place
            prev.more_evidence += [ev.evidence] + ev.more_evidence
        doc.events[:] = keep

    def _discourse_dates(self, doc: Doc) -> None:
        """An event dated only by the publication date, whose people (two or more) all took part in events
        the article dates on one day (والأربعاء، أكد كيم لبوتين ...), happened that day: the gifts
        and talks of a summit are reported around it without a date of their own. Then the re-dated
        events are merged again with what they now repeat."""
        def persons(ev: Event) -> set[str]:
            return {p for p in ev.participants if self._is_person(p, doc)}

        anchors = [e for e in doc.events if e.date and e.precision == "day" and not getattr(e, "by_default", False)
                   and len(persons(e)) >= 2]
        changed = False
        for ev in doc.events:
            if not getattr(ev, "by_default", False) or len(persons(ev)) < 2:
                continue
            days = {a.date for a in anchors if persons(a) <= persons(ev)}
            if len(days) == 1 and ev.date not in days:
                ev.date, ev.by_default, changed = days.pop(), False, True
        if changed:
            events, doc.events = doc.events, []
            for ev in events:
                n = len(doc.events)
                self._add_event(doc, ev)
                if len(doc.events) == n:  # merged: keep its other sentences too
                    target = next(p for p in doc.events if ev.evidence in p.more_evidence)
                    target.more_evidence.extend(ev.more_evidence)

    def _one_sided_meetings(self, doc: Doc) -> None:
        """A meeting involves two sides. One naming a single state (وشارك في المناقشات وزير الدفاع الروسي)
        is a detail of a fuller meeting that day, kept as its evidence; with no such meeting it is dropped."""
        keep = []
        for ev in doc.events:
            if MEETING_TYPES.get(ev.type) and len(ev.states) < 2 and not any(o in ev.participants for o in ev.organizations) \
                    and not (ev.type == "Summit" and ev.organizations):  # تستضيف الصين القمة المقبلة للمنظمة
                host = next((o for o in doc.events if o is not ev and MEETING_TYPES.get(o.type) and len(o.states) >= 2
                             and set(ev.states) <= set(o.states) and o.date == ev.date), None)
                if host is not None:
                    host.participants = list(dict.fromkeys(host.participants + ev.participants))
                    host.more_evidence.append(ev.evidence)
                continue
            keep.append(ev)
        doc.events[:] = keep

    def _scopes(self, sent: Sentence, words: list[str], clauses: list[int]) -> list[bool]:
        """Per token: inside a source attribution (وفق ما أعلن الكرملين الخميس) or a commemoration,
        where a date is not the event's date."""
        out, on, left = [], False, 0
        for k, w in enumerate(words):
            if w in REPORTING or w in COMMEMORATION:
                on, left = True, (9 if w in COMMEMORATION else 99)
            elif on and (w in CLAUSE_BREAK or left <= 0):
                on = False
            out.append(on)
            left -= 1
        return out

    def _sentence_events(self, doc, si, sent, words, mentions, timexes, day) -> list[Event]:
        hits: list[tuple[int, int, Trigger]] = []
        for i in range(len(words)):
            for trig in self._candidates(words[i]):
                n = len(trig.stems)
                if i + n > len(words) or not all(_stem_match(words[i + k], trig.stems[k], 4 if k == 0 else 5) for k in range(n)):
                    continue
                if trig.requires:
                    window = words[i + n:i + n + 20]  # وقّع ولي العهد ... ورئيس الوزراء ...، يوم الأربعاء، اتفاقية
                    if not any(_stem_match(w, r, 6) for w in window for r in trig.requires):
                        continue
                hits.append((i, i + n, trig))
                break
        # على هامش القمة: the summit is the setting of the meeting reported, not another meeting
        # (a parade there is an event too: على هامش عرض عسكري, only a summit around a meeting is not)
        hits = [h for h in hits if not (h[0] > 0 and _bare(words[h[0] - 1]) in SIDELINES
                                        and any(o[2].family == h[2].family for o in hits if o is not h))]
        # استضاف بوتين مودي: hosting a person is meeting them; hosting a summit or a tournament is not a meeting
        hits = [h for h in hits if not h[2].stems[0].startswith(HOSTED) or any(
            self._etype(m) == "Person" and h[1] <= self._word_of(sent, m) < h[1] + 4 for m in mentions)]
        # جولة جديدة من المحادثات، عقد جولة ثانية: a round of talks, not a tour (before dates find their triggers)
        # وصلت دفعة جديدة من عناصر الفيلق الأفريقي: troops arriving are deployed, they do not visit
        hits = [(i, j, self._arrival if trig.family == "visit" and any(
            _bare(w).startswith(TROOP_STEMS) for w in words[j:j + 3]) else trig) for i, j, trig in hits]
        ends = [self._round_end(words, i, j, trig) for i, j, trig in hits]
        hits = [(i, end, self._round) if end else (i, j, trig) for (i, j, trig), end in zip(hits, ends)]
        # "the first talks since five years / since 2019": that date is a reference point, not this event's
        timexes = [t for t in timexes if not self._first_since(doc, sent, words, t)]
        # inside one sentence, keep one trigger per (family, clause): the most specific type
        events: list[Event] = []
        used_families: dict[tuple[str, int], Event] = {}
        clauses = self._clauses(words)
        scoped = self._scopes(sent, words, clauses)
        # the catch-all "other" triggers last: one counts only where no more specific event came of its clause
        # (وصلت سفن حربية ... للمشاركة في مناورات: the arrival of ships is no visit, the exercises are the event)
        hits.sort(key=lambda h: h[2].family == "other")
        for i, j, trig in hits:
            clause = clauses[i]
            key = (trig.family, clause)
            if trig.family == "other" and any(f not in ("other", "statement") and c == clause for f, c in used_families):
                continue
            if trig.family == "visit" and any(_stem_match(w, st, 4) for k, w in enumerate(words[:i]) if i - k <= 8
                                              and clauses[k] == clauses[i] for st in INVITE_STEMS):
                continue  # دعاه لزيارة روسيا، وجه دعوة إلى نظيره ... لزيارة موسكو: the content of the invitation
            if trig.family == "statement" and scoped[i]:
                continue  # a source attribution (وفق ما أعلن الكرملين) is not a statement event
            # وجاء توقيع الاتفاقية خلال زيارة: the signing of the agreement already reported
            signed_before = trig.type == "Signing" and j < len(words) and words[j].startswith("ال") \
                and any(_bare(words[j]).startswith(r) for r in trig.requires)
            if signed_before or trig.family != "statement" and j == i + 1 and DEFINITE.match(words[i]) \
                    and not any(w in OTHER_ONE for w in words[j:j + 2]) \
                    and not any(clauses[self._word_of(sent, m)] == clause and m.start > sent.tokens[i].start for m in mentions):
                # a bare definite الزيارة / القمة that names no one after it in its clause (انتقدت بيونغيانغ الزيارة،
                # وتأتي القمة في إطار ...) is the event already reported (or, for a visit, the one an invitation
                # asked for), not a new one by whoever is named before it: more evidence for it. Not so with
                # "next" or "previous" after it (القمة المقبلة، الرحلة السابقة).
                prior = next((e for e in reversed(doc.events + events) if e.type == trig.type
                              or (trig.family == "visit" and e.type == "Invitation")), None)
                if prior is not None:
                    prior.more_evidence.append(Span(sent.start, sent.end, doc.text[sent.start:sent.end]))
                    continue
            if trig.family == "meeting" and words[i].startswith(PURPOSE_LAM) and events and key not in used_families:
                continue  # سيلتقي السيسي ...، لبحث مقترح وقف إطلاق النار: what that meeting is for, not another one
            tok_s, tok_e = sent.tokens[i], sent.tokens[j - 1]
            trigger = Span(tok_s.start, tok_e.end, doc.text[tok_s.start:tok_e.end])
            # a date nearer another trigger of the sentence is that event's date (الاجتماع الأول منذ رحلة ... في 2019)
            own = [t for t in timexes if self._owner(sent, hits, clauses, t) == i]
            ev = self._build(doc, si, sent, words, mentions, own, day, trig, i, j, clause, clauses, trigger, scoped, events)
            if ev is None:
                continue
            people = {x for x in ev.participants if self._is_person(x, doc)}
            again = next((p for p in events if p.type == ev.type and set(ev.states) <= set(p.states)
                          and people <= {x for x in p.participants if self._is_person(x, doc)}
                          and (ev.type != "Statement" or set(ev.participants) <= set(p.participants))), None)
            if key in used_families or again is not None:
                # one event per family and clause; a later clause that only names the same event again
                # (زار ...، في جولة أفريقية) adds nothing
                prev = used_families.get(key) or again
                if TYPE_RANK.get(ev.type, 9) < TYPE_RANK.get(prev.type, 9):
                    prev.type = ev.type
                if prev.by_default and not ev.by_default and prev.status == ev.status:
                    # وصل ... يوم الأربعاء في أول زيارة: the date was nearer the second trigger of the same event
                    prev.date, prev.precision, prev.by_default = ev.date, ev.precision, False
                continue
            used_families[key] = ev
            events.append(ev)
        return sorted(events, key=lambda e: e.trigger.start)

    def _round_end(self, words: list[str], i: int, j: int, trig: Trigger) -> int | None:
        """Where a round of talks' trigger ends (after its talks noun: جولة جديدة من المفاوضات), or None for a tour."""
        if trig.family != "visit" or not words[i].endswith(self._round.stems[0]):
            return None
        noun = next((k for k in range(j, min(j + 4, len(words))) if any(_stem_match(words[k], st, 4) for st in TALKS_NOUNS)), None)
        if noun is not None:
            return noun + 1
        if any(_bare(w).startswith(ROUND_ORDINALS) for w in words[j:j + 2]) or (i > 0 and _bare(words[i - 1]).startswith(ROUND_VERBS)):
            return j
        return None

    def _first_since(self, doc: Doc, sent: Sentence, words: list[str], t: Timex) -> bool:
        k = self._word_of(sent, t)
        # منذ right before the date, or منذ + an event noun phrase ending in it (منذ تولي ستارمر منصبه في 5 يوليو)
        s = next((n for n in range(k, max(-1, k - 6), -1) if words[n] == SINCE), None)
        return s is not None and any(_bare(w).startswith(FIRST) for w in words[max(0, s - 6):s])

    def _owner(self, sent: Sentence, hits, clauses: list[int], t: Timex) -> int:
        """The trigger a date expression belongs to: one in its own clause first, then the nearest."""
        k = self._word_of(sent, t)
        # a date set off by commas after a verb's clause (قال، الأربعاء، إن ...) dates that verb; one that
        # opens the sentence (يوم الجمعة، التقى ...) dates what follows
        return min(hits, key=lambda h: (clauses[h[0]] != clauses[k], clauses[k] > 0 and h[0] > k,
                                        abs(sent.tokens[h[0]].start - t.start)))[0]

    def _clauses(self, words: list[str]) -> list[int]:
        out, c = [], 0
        for w in words:
            if w in CLAUSE_BREAK or w in RELATIVE:
                c += 1
            out.append(c)
        return out

    def _roles(self, doc, sent: Sentence, words, mentions, day, trig, i):
        """Sort the linked mentions of a span into participants, places, states (via nisbas) and organisations."""
        participants, places, states, orgs = [], [], [], []
        dest_words: set[int] = set()
        for m in sorted(mentions, key=lambda m: m.start):
            k = self._word_of(sent, m)
            prev = words[k - 1] if k > 0 else ""
            attached = normalize(doc.text[sent.tokens[k].start:m.start])  # a proclitic outside the mention (بـ، لـ)
            back = k - 1
            while back >= 0 and k - back <= 3 and words[back] in PLACE_NOUNS:  # في (أقصى) شرق روسيا
                back -= 1
            locative = prev in LOCATIVE or attached in ("ب", "وب") or \
                (back < k - 1 and back >= 0 and words[back] in LOCATIVE) or self._dateline(doc, sent, words, k)
            if prev in REPORTING or (k > 1 and words[k - 2] in REPORTING):
                continue  # the news source, not a participant
            if _bare(prev).startswith(FEAR_STEMS) or prev.startswith(FEAR_STEMS):
                continue  # وتخشى واشنطن أن ...: who fears it
            if any(w in COMMEMORATION for w in words[max(0, k - 4):k]):
                continue  # بذكرى استسلام اليابان: what is commemorated takes no part
            e = self.catalog.entities.get(m.entity)
            if e is not None and KG_NEWS_AGENCY in e.classes:
                continue
            etype = self._etype(m)
            if etype == "State" and (prev in GEO_FEATURES or _bare(prev) in GEO_FEATURES):
                places.append((abs(k - i), m.entity, k))  # في بحر عمان: a sea, not Oman
                continue
            # the object of a visit verb is where the visit goes (زار بيونغيانغ، يزور الصين)
            # زار [الرئيس الإيراني بزشكيان] تركيا، يزور [ولي العهد السعودي] إسلام آباد: the first place after the
            # verb and its subject (a person or a title with its nisba)
            # (زار كلا من مصر وتونس: fillers between, and each state joined to a destination is one too)
            between = words[i + 1:k] if trig is not None else []
            destination = trig is not None and trig.family == "visit" and 0 < k - i <= 8 and (
                k - i <= 2 or all(w in VISIT_FILLERS for w in between) or k - 1 in dest_words
                or any((self._etype(o) == "Person" or o.kind == "nisba") and i < self._word_of(sent, o) < k for o in mentions))
            # زيارة دولة للمملكة العربية السعودية: a state joined by ل to a visit noun is where the visit goes
            joined = attached in ("ل", "ول") or normalize(m.text).startswith(("لل", "ولل"))
            destination = destination or (trig is not None and trig.family == "visit" and joined
                                          and any(_bare(w).startswith(VISIT_NOUN) for w in words[max(0, k - 2):k]))
            if destination:
                dest_words.add(k)
            if m.kind == "nisba":
                if any(o.end <= m.start and not doc.text[o.end:m.start].strip() and self._etype(o) in ("City", "Place")
                       for o in mentions):
                    # مدينة قازان الروسية: says where the place is; its state takes part only where the place's
                    # would (a visit's or a delivery's destination: إلى منطقة كورسك الروسية)
                    if trig is not None and trig.family in ("visit", "military", "launch"):
                        states.extend(self._states_of(m.entity, day))
                    continue
                states.extend(self._states_of(m.entity, day))
            elif etype in ("City", "Place") or (etype == "State" and (locative or destination)):
                seat = e is not None and (e.capital_of or e.seat_of)
                if seat and not locative and not destination:
                    # a capital or seat of power as an agent stands for its state (موسكو ستحقق، الكرملين قال)
                    participants.append(e.capital_of or e.seat_of)
                else:
                    places.append((abs(k - i), m.entity, k))
                    theatre = trig is not None and trig.family == "military" and any(
                        _bare(w).startswith(THEATRE_STEMS) for w in words[max(0, k - 4):k])
                    if trig is not None and trig.family in ("visit", "military", "launch") and (destination or locative) \
                            and not theatre:
                        states.extend(self._states_of(m.entity, day))
            elif etype == "Organization":
                orgs.append(m.entity)
                if e is not None and e.body_of:  # a ministry acts and speaks for its state
                    participants.append(m.entity)
            elif etype in AGENT_TYPES:
                if trig is not None and k > i and any(w in TOPIC_OPENERS for w in words[max(i + 1, k - 5):k]):
                    continue  # بحث الجانبان التعاون في ظل التوتر مع كوريا الشمالية
                participants.append(m.entity)
        return participants, places, states, orgs

    def _best_place(self, doc, sent, words, places, day) -> str:
        """The nearest place, a city before a state (في باماكو over الحاكم في مالي); the dateline city only where
        nothing else is named or it lies in the state named (أنقرة - زار ... تركيا: Ankara; not موسكو - وصل إلى كازاخستان)."""
        named = [p for p in places if not self._dateline(doc, sent, words, p[2])]
        dateline = [p[1] for p in places if p not in named]
        if not named:
            return dateline[0]
        best = min(named, key=lambda p: (self._type_of(p[1]) == "State", p[0]))[1]
        inside = [c for c in dateline if self._type_of(best) == "State" and best in self._states_of(c, day)]
        return inside[0] if inside else best

    def _remote(self, words, clauses, clause, i, j) -> bool:
        """Held by phone or video: the trigger or its clause names the call, or the sentence goes on with
        "during a call" (دعاه إلى زيارة موسكو، خلال اتصال هاتفي جرى بينهما)."""
        if any(_bare(w).startswith(REMOTE_STEMS) or w.startswith(REMOTE_STEMS)
               for k, w in enumerate(words) if i <= k < j or clauses[k] == clause):
            return True
        return any(words[k] in REMOTE_OPENERS and _bare(words[k + 1]).startswith(CALL_STEMS)
                   for k in range(j, len(words) - 1))

    def _dateline(self, doc: Doc, sent: Sentence, words: list[str], k: int) -> bool:
        """بكين (AP) – ...: a city opening the article's first sentence before a bracket or dash is where
        the report was filed, not an actor."""
        return sent is doc.sentences[0] and k <= 1 and any(w in DATELINE_MARKS or w.startswith("(")
                                                           for w in words[k + 1:k + 4])

    def _word_of(self, sent: Sentence, m: Mention | Timex) -> int:
        for k, t in enumerate(sent.tokens):
            if t.start <= m.start < t.end:
                return k
        return 0

    def _build(self, doc, si, sent: Sentence, words, mentions, timexes, day, trig, i, j, clause, clauses, trigger, scoped, siblings):
        in_clause = [m for m in mentions if clauses[self._word_of(sent, m)] == clause]
        rel = next((k for k in range(j, min(j + 2, len(words))) if words[k] in RELATIVE), None)
        if rel is not None and any(_bare(w).startswith(HOST_STEMS) for w in words[rel + 1:rel + 3]):
            # a relative clause describes, it adds no parties; except the host of the event it describes
            in_clause += [m for m in mentions if clauses[self._word_of(sent, m)] == clauses[rel]]
        nxt = next((k for k in range(j, len(words)) if clauses[k] == clause + 1), None)
        if nxt is not None and any(w in LIST_GOES_ON or w[1:] in LIST_GOES_ON for w in words[nxt:nxt + 3]):
            # بمشاركة قادة الدول الأعضاء، وفي مقدمتهم شي وبوتين: the list of participants goes on
            in_clause += [m for m in mentions if clauses[self._word_of(sent, m)] == clause + 1]
        participants, places, states, orgs = self._roles(doc, sent, words, in_clause, day, trig, i)
        after = [m for m in in_clause if self._word_of(sent, m) == j and m.entity in orgs]
        if trig.family == "statement" and after and not words[j].startswith(OBJECT_PREFIXES):
            # وأعلنت المنظمة انضمام بيلاروسيا: the organisation right after the verb speaks; the rest is what it said
            participants = [a for a in participants if a in {m.entity for m in after}] or [after[0].entity]
        companions = {m.entity for m in in_clause if self._word_of(sent, m) > 0
                      and words[self._word_of(sent, m) - 1] in COMPANION}
        near = words[max(0, i - 3):j + 4]
        guest = any(_bare(w).startswith(GUEST_STEMS) for w in near)  # أهدى أردوغان ضيفه
        # لقاء مع بوتين بحثا خلاله: a dual verb after a companion alone says "the two", not who the subject is
        only_companions = bool(participants) and set(participants) <= companions
        if len(participants) < 2 and (any(w in GROUP_WORDS for w in near)
                                      or ((any(w in DUAL_VERBS for w in near) or guest) and not only_companions)):
            # "the two leaders / both countries": the parties of the last event that had two or more
            prior = next((ev for ev in reversed(doc.events + siblings) if len(ev.participants) >= 2), None)
            if prior is not None and any(w in COUNTRY_PAIR for w in near) and not any(w in DUAL_VERBS for w in near[:3]):
                # وكان البلدان قد وقعا: the states of that encounter, not the people who met (they may be others then)
                participants = participants + [p for p in prior.states if p not in participants]
            elif prior is not None:
                participants = participants + [p for p in prior.participants if p not in participants]
            elif any(w in GROUP_WORDS for w in near):
                # no earlier encounter of two: "the two presidents" are the last two people the article named
                # (وصل أردوغان ...، حيث كان في استقباله السيسي. وعقد الرئيسان جلسة مباحثات)
                named = [m.entity for m in doc.mentions if m.end <= sent.start and m.entity and self._is_person(m.entity, doc)]
                last_two = list(dict.fromkeys(reversed(named)))[:2]
                if len(last_two) == 2:
                    participants = participants + [p for p in reversed(last_two) if p not in participants]
        counterpart = any(w.startswith(("نظير", "ونظير", "بنظير")) for w in words[i:j + 6] + words[max(0, i - 3):i])
        # قال الجيش الإسرائيلي، ذكر مسؤول روسي: a noun and a nisba right after the verb are its subject; the
        # nisba's state speaks or acts (no subject is borrowed from an earlier clause)
        subject_nisba = [m.entity for m in in_clause if m.kind == "nisba" and 1 < self._word_of(sent, m) - (j - 1) <= 3
                         and not words[self._word_of(sent, m) - 1].startswith(OBJECT_PREFIXES)]  # أشاد بالجيش: an object
        if not participants and subject_nisba and trig.family in ("statement", "launch", "military"):
            participants = list(dict.fromkeys(s for e in subject_nisba for s in self._states_of(e, day)))
        # والتقيا الرئيس الصيني: a dual verb with only its objects named after it; its subject is elided
        objects_only = words[i] in DUAL_VERBS and participants and all(
            self._word_of(sent, m) > i for m in in_clause if m.entity in participants)
        if not participants or set(participants) <= companions or counterpart or objects_only:
            # an elided subject (وحضر عرضًا إلى جانب كيم، ثم جالا): the agents of the nearest earlier clause
            # the nearest earlier clause that names a person; else the nearest with any agent
            # (أكد كيم ... أن موسكو ستحقق ...، وذلك خلال زيارة: Kim visits, not Moscow)
            found = []
            for c in range(clause - 1, -1, -1):
                earlier = [m for m in mentions if clauses[self._word_of(sent, m)] == c]
                p2, _, s2, _ = self._roles(doc, sent, words, earlier, day, trig, i)
                if p2:
                    found.append((p2, s2))
            found.sort(key=lambda f: not any(self._is_person(p, doc) for p in f[0]))  # stable: nearest first within each
            if found:
                p2, s2 = found[0]
                if trig.family == "statement" and len(p2) > 1 and not self._plural_verb(words[i], trig):
                    p2, s2 = p2[:1], []  # وشكر زيلينسكي شولتس ...، وقال: one speaker, the earlier clause's subject
                participants, states = p2 + [p for p in participants if p not in p2], states + s2
            else:
                # a speaker is the subject of what they say only through a pronoun (أعلنت الجماعة أنها أطلقت);
                # رحبت الجامعة باستئناف المفاوضات: the talks are what was welcomed, not the speaker's act
                speaker_ok = any(w in SELF_REFERENCE for w in words[max(0, i - 4):i])
                prior = next((ev for ev in reversed(siblings) if ev.participants
                              and (ev.type != "Statement" or speaker_ok)), None)
                if prior is not None:
                    participants = list(prior.participants)
        if not participants:
            # an organisation is the only actor: it acts for itself, as the subject (أطلقت جماعة الحوثي صاروخًا،
            # عقد مجلس الأمن جلسة، قالت وكالة الاستخبارات الكورية الجنوبية) or as the summit's owner (قمة حلف
            # شمال الأطلسي); without one, the states named (nisbas, places) may still carry the event
            actors = [m.entity for m in in_clause if m.entity in orgs and (trig.type == "Summit" or self._word_of(sent, m) < j + 3)
                      and not self._in_phrase(words, self._word_of(sent, m), i)
                      and not words[self._word_of(sent, m)].startswith(OBJECT_PREFIXES)  # أشاد بالجيش: an object
                      and not self._reports_other(words[max(0, self._word_of(sent, m) - 2):i])]
            if not actors and not states:
                return None
            participants = list(dict.fromkeys(actors))
        for p in participants:
            states.extend(self._states_of(p, day))
        if trig.family == "statement" and participants:
            states.extend(self._content_states(doc, sent, words, mentions, j, scoped, day))
        participants = list(dict.fromkeys(participants))
        states = list(dict.fromkeys(states))
        met = [m.entity for m in in_clause if m.entity in orgs and 0 < self._word_of(sent, m) - (j - 1) <= 5]
        if trig.family == "meeting" and participants and len(set(states)) < 2 and met:
            # التقى البوسعيدي وفدًا من الحوثيين: a body met by one state's side, right after the verb, is the other side
            participants = participants + [o for o in dict.fromkeys(met) if o not in participants]
        if trig.family in ("statement", "visit") and not participants:
            return None  # someone must speak, someone must travel
        if trig.family == "statement":
            # where it was said (قال بوتين في موسكو إن), not a place in what was said (أكد ضرورة وقف النار في غزة)
            opener = next((k for k in range(j, len(words)) if words[k] in CONTENT_OPENERS or words[k] in SELF_REFERENCE),
                          len(words))
            places = [p for p in places if p[2] < i or (p[2] < opener and p[2] - i <= 6)]
        place = self._best_place(doc, sent, words, places, day) if places else (siblings[-1].place if siblings else None)
        if place is None:
            # استضافت العاصمة القطرية الدوحة ... جولة من المحادثات: the host named before the event is where it is
            h = next((k for k in range(i) if _bare(words[k]).startswith(HOST_STEMS) or words[k].startswith(HOST_STEMS)), None)
            hosts = [m.entity for m in mentions if h is not None and h < self._word_of(sent, m) <= h + 4
                     and self._etype(m) in ("City", "Place", "State") and m.kind != "nisba"]
            place = hosts[-1] if hosts else None
        if place is None and any(_bare(w) in SIDELINES for w in words[i:j + 6]):
            # على هامش القمة: where the summit it sits beside was held
            place = next((e.place for e in reversed(doc.events + siblings) if e.type == "Summit" and e.place), None)
        if self._remote(words, clauses, clause, i, j):
            place = None
        if place and trig.family == "parade":
            states = list(dict.fromkeys(states + self._states_of(place, day)))  # the host of a parade takes part
        status = self._status(words, i, j, trig.family)
        value, precision, by_default = self._date(doc, si, sent, timexes, trigger, trig, status, day, clauses, scoped, i,
                                                  siblings)
        ev = Event(
            type=trig.type, trigger=trigger, evidence=Span(sent.start, sent.end, doc.text[sent.start:sent.end]),
            participants=participants, states=states, place=place, date=value, precision=precision,
            status=status, organizations=list(dict.fromkeys(orgs)), confidence=0.6 if participants else 0.4,
        )
        ev.by_default = by_default  # not a field: read by _discourse_dates and when one event's triggers merge
        ev.dated_here = any(t.value == value for t in timexes if t.value)  # not a field: read by _same_summits
        return ev

    @staticmethod
    def _plural_verb(word: str, trig: Trigger) -> bool:
        """Whether a verb is dual or plural (قالا، أكدوا), by a suffix its stem does not have (دعا is singular)."""
        return _bare(word).endswith("وا") or (word.endswith("ا") and not trig.stems[0].endswith("ا"))

    def _reports_other(self, words: list[str]) -> bool:
        """Whether these words hold a speech verb whose subject is not the doer of what follows: رحبت الجامعة
        باستئناف المفاوضات (welcomed them, took no part), unlike أعلنت الجماعة أنها أطلقت (it says it did)."""
        return any(self._speech_verb(w, 4) for w in words) and not any(w in SELF_REFERENCE for w in words)

    def _speech_verb(self, word: str, max_suffix: int) -> bool:
        """Whether a word is a statement trigger (قال، أعلنت، رحبت) with at most `max_suffix` letters after its stem."""
        return any(t.family == "statement" and _stem_match(word, t.stems[0], max_suffix) for t in self._candidates(word))

    def _in_phrase(self, words: list[str], k: int, i: int) -> bool:
        """Whether word k (after trigger i) sits in a circumstantial phrase (في ظل، داخل، حول): context, not an actor."""
        return k > i and any(w in CIRCUMSTANTIAL for w in words[i + 1:k])

    def _content_states(self, doc, sent: Sentence, words, mentions, j: int, scoped, day) -> list[str]:
        """The states a statement is about: those its content names after the verb (أكد كيم أن بلاده ستقدم
        الدعم لروسيا), as states, their capitals or seats, their nisbas, or their leaders."""
        out = []
        # the content ends where a contrast or another time frame opens (بينما لم تعلق أرمينيا ...)
        end = next((k for k in range(j, len(words)) if words[k] in CONTENT_END), len(words))
        for m in mentions:
            k = self._word_of(sent, m)
            if k < j or k >= end or scoped[k] or not m.entity:
                continue
            before = [_bare(w) for w in words[max(0, k - 4):k]]
            if (k > 0 and words[k - 1] in IN_WORDS) or any(w.startswith(THEATRE_STEMS) for w in before):
                continue  # where things happen (في أوكرانيا، الحرب في أوكرانيا) is not who is concerned (إلى أوكرانيا is)
            e = self.catalog.entities.get(m.entity)
            if e is not None and (m.kind == "nisba" or e.type in ("State", "Person") or e.capital_of or e.seat_of):
                out.extend(self._states_of(m.entity, day))
        return out

    def _status(self, words: list[str], i: int, j: int, family: str = "") -> str:
        """occurred | planned | denied | speculative, from cues around the trigger.

        A statement's status is the saying's: what it says may be hedged (أثار احتمال أن ...), the saying is not."""
        before = " ".join(words[max(0, i - 4):i])
        after = "" if family == "statement" else " ".join(words[j:j + 6])
        trig = words[i]
        if any(_stem_match(w, d, 3) for w in words[max(0, i - 8):i] for d in DENIAL_STEMS):
            return "denied"  # نفت الصين أن تكون قد أرسلت أسلحة
        if any(w.startswith(FEAR_STEMS) or _bare(w).startswith(FEAR_STEMS) for w in words[max(0, i - 8):i]) \
                or any(w in CONDITIONAL for w in words[max(0, i - 3):i]):
            return "speculative"  # يخشى أن تسلّم، إذا زوّدت: feared or conditional, not reported as done
        negators = {w[1:] if w[:1] in "وف" and len(w) == 3 else w for w in words[max(0, i - 2):i]}  # ولم، فلن
        if "لم" in negators or "لن" in negators:
            return "speculative" if any(" " in c and c in before for c in SPECULATIVE_CUES) else "denied"
        near = words[max(0, i - 3):i]
        # قد + past verb asserts (قد حذر، قد أجرتا تدريبات), قد + present verb hedges (قد تزود): the verb after قد
        q = next((k for k in range(i - 1, max(-1, i - 4), -1) if words[k] in ("قد", "وقد")), None)
        imperfect = bool(re.match(r"^[وف]?[يتن]", words[q + 1] if q is not None else trig))
        if any((" " in c and c in before + " " + after) or (c in near and (c != "قد" or imperfect))
               or (c != "قد" and family != "statement" and c in words[j:j + 2]) for c in SPECULATIVE_CUES):  # اتفاق محتمل
            return "speculative"
        if FUTURE.match(trig) and not trig.startswith(("سا",)) or any((" " in c and c in before) or c in near for c in PLANNED_CUES) \
                or any(PLANNED_VERB.match(w) for w in words[max(0, i - 6):i]):
            return "planned"
        if family != "statement" and any(c in words[j:j + 8] for c in PLANNED_AFTER):  # القمة ... المقرر عقدها
            return "planned"
        return "occurred"

    def _date(self, doc, si, sent, timexes: list[Timex], trigger: Span, trig: Trigger, status, day, clauses, scoped, i,
              siblings=()):
        """The date expression that governs the trigger's clause: one in the clause itself, else the
        nearest in an earlier clause, else in a later one (never one inside a source attribution or a
        commemoration); else a day named in the two sentences before (narrative continuity); else, for
        a reported past event, the publication date; else none."""
        placed = []
        for t in timexes:
            if not t.value:
                continue
            k = next((n for n, tok in enumerate(sent.tokens) if tok.start <= t.start < tok.end), None)
            if k is None or scoped[k]:
                continue
            c = clauses[k]
            rank = 0 if c == clauses[i] else (1 if c < clauses[i] else 2)
            first = clauses.index(c)
            opening = [normalize(tok.text) for tok in sent.tokens[first:first + 2]]
            if rank == 2 and any(w in TEMPORAL_SUBORD for w in opening):
                continue  # بعد اتفاق توصل إليه البلدان يوم الاثنين: that day is the agreement's, not this event's
            placed.append((rank, abs(t.start - trigger.start), t))
        if placed:
            best = min(placed, key=lambda x: x[:2])[2]
            return best.value, best.precision, False
        if siblings and siblings[-1].date and siblings[-1].status == status:
            # a second event of the same sentence happened when the first did (not one only planned)
            return siblings[-1].date, siblings[-1].precision, getattr(siblings[-1], "by_default", False)
        then = self._anaphoric_date(doc, si, [normalize(t.text) for t in sent.tokens])
        if then is not None:
            return then.value, then.precision, False
        if status != "occurred":
            return None, None, False
        window_start = doc.sentences[max(0, si - 2)].start
        back = self._flashback(sent)
        before = [t for t in doc.timexes if t.value and t.precision == "day" and window_start <= t.start < sent.start
                  and not self._dates_a_saying(doc, t) and not self._since(doc, t)
                  and (back or not self._flashback(doc.sentence_of(t.start)))]
        if before:
            return before[-1].value, "day", False
        if day is not None:
            return day.isoformat(), "day", True
        return None, None, False

    def _deadline(self, sent: Sentence, words: list[str], t: Timex) -> bool:
        """بحلول عام 2030، حتى 2030: a target or a term, not when anything reported happened or was signed."""
        k = self._word_of(sent, t)
        return any(w in DEADLINE for w in words[max(0, k - 2):k + 1])

    @staticmethod
    def _flashback(sent: Sentence | None) -> bool:
        """وكان عراقجي قد التقى ... يوم الأحد: a sentence set before the story; its day does not carry on."""
        words = [normalize(t.text) for t in sent.tokens[:8]] if sent is not None else []
        return bool(words) and words[0] in FLASHBACK_OPENERS and normalize("قد") in words[1:]

    def _since(self, doc: Doc, t: Timex) -> bool:
        """A date after منذ is a reference point (منذ تولي ستارمر منصبه في 5 يوليو), never a narrative anchor."""
        sent = doc.sentence_of(t.start)
        if sent is None:
            return False
        k = self._word_of(sent, t)
        return any(normalize(tok.text) == SINCE for tok in sent.tokens[max(0, k - 5):k + 1])

    def _dates_a_saying(self, doc: Doc, t: Timex) -> bool:
        """Whether a day is when something was said (وفق ما أعلن الكرملين الخميس، قال بيسكوف الخميس): a date
        within four words after a reporting or statement verb; it does not date the story around it."""
        sent = doc.sentence_of(t.start)
        if sent is None:
            return False
        k = self._word_of(sent, t)
        words = [normalize(tok.text) for tok in sent.tokens[max(0, k - 4):k]]
        return any(w in REPORTING or self._speech_verb(w, 2) for w in words)

    def _add_event(self, doc: Doc, ev: Event) -> None:
        """Merge a re-mention of an event already in this article (same type, states, date, status, place)."""
        for prev in doc.events:
            same_type = prev.type == ev.type or (ev.type in MEETING_TYPES and prev.type in MEETING_TYPES)
            if same_type and set(prev.states) == set(ev.states) and prev.date == ev.date \
                    and prev.status == ev.status and ev.type != "Statement" \
                    and (prev.place is None or ev.place is None or prev.place == ev.place):
                if TYPE_RANK.get(ev.type, 9) < TYPE_RANK.get(prev.type, 9):
                    prev.type = ev.type  # talks reported as a meeting, or a meeting called a summit
                prev.participants = list(dict.fromkeys(prev.participants + ev.participants))
                prev.place = prev.place or ev.place
                prev.confidence = min(1.0, prev.confidence + 0.1)
                prev.more_evidence.append(ev.evidence)
                return
        doc.events.append(ev)

    # -- agreements ----------------------------------------------------------------------------
    def _add_agreement(self, doc: Doc, ag: Agreement) -> None:
        """One agreement per type and parties in an article: a heading (معاهدة دفاع مشترك) and the sentence
        that dates it are the same treaty."""
        for prev in doc.agreements:
            if prev.type == ag.type and set(prev.parties) == set(ag.parties) and \
                    (prev.signed is None or ag.signed is None or prev.signed[:4] == ag.signed[:4]):
                if prev.signed is None and ag.signed is not None:
                    prev.signed, prev.precision = ag.signed, ag.precision
                if len(ag.name_ar or "") > len(prev.name_ar or ""):
                    prev.name_ar = ag.name_ar
                prev.more_evidence.append(ag.evidence)
                return
        doc.agreements.append(ag)

    def _anaphoric_date(self, doc: Doc, si: int, words: list[str]) -> Timex | None:
        """وقتها / حينها / آنذاك / في ذلك الوقت point back to the last date named before this sentence."""
        joined = " ".join(words)
        if not (set(words) & THEN_WORDS or "في ذلك الوقت" in joined):
            return None
        start = doc.sentences[max(0, si - 2)].start
        before = [t for t in doc.timexes if t.value and start <= t.start < doc.sentences[si].start]
        return before[-1] if before else None

    def _sentence_agreements(self, doc, si, sent, words, mentions, timexes, day) -> list[Agreement]:
        out = []
        i = 0
        while i < len(words):
            match = None
            for typ, stems, quals in self._agreement_candidates(words[i]):
                n = len(stems)
                if i + n <= len(words) and all(_stem_match(words[i + k], stems[k], 3) for k in range(n)):
                    if quals and not any(_stem_match(w, q, 5) for w in words[i + n:i + n + 3] for q in quals):
                        continue
                    match = (typ, n)
                    break
            if match is None:
                i += 1
                continue
            typ, n = match
            if typ == "-":  # agreements in general (الاتفاقيات الدولية): none in particular
                i += n
                continue
            # the name runs to the first preposition, date or punctuation
            j = i + n
            while j < len(words) and j < i + n + 4 and words[j].isalpha() and words[j] not in LOCATIVE \
                    and words[j] not in CLAUSE_BREAK and words[j] not in NAME_STOP \
                    and not any(t.start <= sent.tokens[j].start < t.end for t in timexes):
                j += 1
            t0, t1 = sent.tokens[i], sent.tokens[j - 1]
            name = doc.text[t0.start:t1.end]
            # (or one a verb or preposition follows, الاتفاقية ستغطي / بأنها: no qualifier or name of its own)
            bare = j == i + n or (typ == "Other" and not words[i + n].startswith("ال"))
            if bare and DEFINITE.match(words[i]) and (doc.agreements or out):
                # a bare definite الاتفاقية / المعاهدة refers back to the agreement already named: more evidence
                (out or doc.agreements)[-1].more_evidence.append(Span(sent.start, sent.end, doc.text[sent.start:sent.end]))
                i = j
                continue
            # parties: the agents and nisba states of the sentence, not the places (لتسليم معدات ... في أوكرانيا)
            brokered = [m for m in mentions if any(w in BROKER_WORDS for w in words[max(0, self._word_of(sent, m) - 2):self._word_of(sent, m)])]
            participants, _places, states, _orgs = self._roles(doc, sent, words, [m for m in mentions if m not in brokered],
                                                               day, None, i)
            for p in participants:
                states.extend(self._states_of(p, day))
            parties = list(dict.fromkeys(states))
            if len(parties) < 2 and doc.events:  # البلدين: the parties of the events just reported
                recent = [s for ev in doc.events[-3:] for s in ev.states]
                parties = list(dict.fromkeys(parties + recent))[:max(2, len(parties))]
            dated = [t for t in timexes if t.value]
            best = min(dated, key=lambda t: abs(t.start - t0.start)) if dated else self._anaphoric_date(doc, si, words)
            # لم يتوصلا إلى اتفاق: no agreement was reached
            status = "denied" if any(w in AGREEMENT_NEGATORS for w in words[max(0, i - 3):i]) else self._status(words, i, j)
            out.append(Agreement(type=typ, trigger=Span(t0.start, t1.end, name),
                                 evidence=Span(sent.start, sent.end, doc.text[sent.start:sent.end]),
                                 name_ar=name, parties=parties, signed=best.value if best else None,
                                 precision=best.precision if best else None, status=status))
            i = j
        # one agreement per sentence and type
        uniq = {}
        for a in out:
            uniq.setdefault(a.type, a)
        return [a for a in uniq.values() if len(a.parties) >= 1]
