"""Entity linking: statistical NER mentions + catalog matches -> entities.

Order of evidence, strongest first: a catalog name match; a partial name of a person this article
already named in full (بوتين after فلاديمير بوتين; a bare كيم only when the article names a كيم);
a title + nisba phrase (الرئيس الروسي -> whoever was Russia's head of state on the article's date);
otherwise a new entity named by its normalised text, merged across articles by that name.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from difflib import SequenceMatcher
from itertools import pairwise
from datetime import date
from urllib.parse import quote

from .catalog import Catalog, load_catalog
from .doc import Doc, Mention
from .extract import is_trigger_word
from .ner.gazetteer import CHAIN_PARTICLES, SON_OF, Gazetteer, default_gazetteer
from .text import normalize
from .vocab import KGE

NER_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization", "MISC": "Other"}
PROCLITIC_RE = re.compile(r"^(?:[وف]?[بلك]?)")
# never a name part on their own: function words, and the particles of Arabic names (بن، آل، عبد، أبو، ولد)
STOP_TOKENS = {normalize(w) for w in "في من ما لا أن إن هو هي لي له به عن على إلى ان مع بن ابن بنت آل عبد أبو أبي ولد".split()}
CAPITAL_WORDS = {normalize(w) for w in ("العاصمة", "عاصمة")}
FAMILY = normalize("آل")  # آل مكتوم: the family of
# the titles before a ruler's or a royal's given name alone (الشيخ محمد، الأمير محمد), not anyone's (الدكتور، اللواء)
ROYAL = {normalize(w) for w in ("الشيخ", "الأمير", "الأميرة", "الملك", "الملكة", "السلطان", "سمو", "سموه")}
COMPOUND_FIRST = {normalize(w) for w in ("عبد", "أبو", "أبي")}  # عبد الله، أبو بكر: one given name in two words
# words that introduce a person by one name (besides the catalog's role titles)
HONORIFICS = {normalize(w) for w in ("السيد", "السيدة", "الشيخ", "الأمير", "الأميرة", "الملك", "الملكة", "الجنرال",
                                     "العقيد", "اللواء", "الفريق", "الدكتور", "المتحدث", "المتحدثة", "الزعيم",
                                     "الرئيس", "الرئيسة", "رئيس", "وزير", "وزيرة", "السفير", "المبعوث", "البابا")}


# generic nouns that introduce a place name: the entity is the name after them (منطقة كورسك -> كورسك)
PLACE_CLASSIFIERS = {normalize(w) for w in ("منطقة", "مقاطعة", "محافظة", "إقليم", "ولاية", "مدينة", "بلدة", "قرية",
                                            "جزيرة", "جزر", "ميناء", "بحر", "نهر", "جبل", "جبال", "صحراء")}
# words before a one-word place name that say it is one (في X، إلى X، قرب X)
PLACE_CUES = PLACE_CLASSIFIERS | {normalize(w) for w in ("في", "إلى", "الى", "قرب", "بالقرب", "نحو", "شمال", "جنوب",
                                                         "شرق", "غرب", "وسط", "عاصمة", "العاصمة", "حدود", "داخل")}
POSSESSIVE = re.compile(".{3,}(?:كم|هم|كما|هما|كن|هن)$")
PLURAL_PAST = re.compile("^[وف]?.{3,}وا$")  # سافروا، التقوا، أكدوا: a verb of "they", not a name
# words before a one-word organisation name that say it is one (حركة X، حزب X، صحيفة X)
ORG_CUES = {normalize(w) for w in "حركة حزب منظمة شركة وكالة جماعة مجموعة جمعية صحيفة قناة مجلس جبهة تحالف ميليشيا".split()}
# head nouns that, definite and alone (المنظمة، للحلف، والمجموعة), stand for the organisation last named with them
ORG_HEADS = {normalize(w) for w in "منظمة حلف مجموعة وكالة اتحاد جماعة مجلس هيئة جامعة صندوق تحالف حركة".split()}
STATE_HEADS = {normalize(w) for w in "مملكة سلطنة".split()}  # not جمهورية: too many states' names open with it
DEFINITE_HEAD = re.compile(r"^([وف]?(?:[بك]?ال|ل(?=ل)))(?:ل)?(\w+)$")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3]")


def _lexicon(name: str, fold: bool = True) -> frozenset[str]:
    """One form per line of kg/lexicon/NAME ('#' starts a comment), normalised unless `fold` is off."""
    from importlib import resources
    text = resources.files("kg").joinpath("lexicon", name).read_text(encoding="utf-8")
    return frozenset(normalize(w) if fold else w for w in (ln.strip() for ln in text.splitlines())
                     if w and not w.startswith("#"))


AMBIGUOUS = _lexicon("ambiguous.tsv")
FUNCTION_WORDS = _lexicon("function_words.tsv", fold=False)  # as written: على, the preposition, is not علي
NEVER = _lexicon("never_entities.tsv")  # الله، دولار، ريال...: never an entity, whatever the NER says
NOT_THE_HOLDER = _lexicon("not_the_holder.tsv")  # نائب وزير الدفاع الروسي، الرئيس الأمريكي السابق: not the holder
NAMED_AFTER = _lexicon("named_after.tsv")  # جامعة محمد بن راشد، مستشفى الشيخ خليفة: the institution, not the man
IDIOMS = _lexicon("idioms.tsv")  # حصة الأسد "the lion's share": no one's name
def _listed(word: str, words) -> bool:
    """Whether a normalised word is in `words`, as written or without an attached proclitic (و ف ب ل ك)."""
    return word in words or PROCLITIC_RE.sub("", word, count=1) in words


_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def is_phrase(text: str) -> bool:
    """A statistical span that holds a function word as one of its words (على تويتر، سيُتيح بأن), or that
    ends in a dual or plural nisba (مسؤولان أمريكيان): a phrase the NER took for a name."""
    words = [_MARKS.sub("", w) for w in text.split()]
    if len(words) < 2:
        return False
    return any(w in FUNCTION_WORDS for w in words) or bool(re.search("يان$|يون$|يين$", normalize(words[-1])))


def new_entity_iri(name: str) -> str:
    """A stable, always-valid IRI for an entity not in the catalog, from its normalised name."""
    norm = normalize(name)
    slug = quote(norm.replace(" ", "_"), safe="")
    if len(slug) > 120 or not slug:
        slug = "h-" + hashlib.sha1(norm.encode()).hexdigest()[:16]
    return str(KGE["n-" + slug])


def _overlap(a: Mention, b: Mention) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


# the offices whose holders the news names by surname alone (not a cabinet portfolio: a finance minister is named
# with his office)
KEY_OFFICES = {"HeadOfState", "HeadOfGovernment", "ForeignMinister", "DefenceMinister", "CrownPrince", "VicePresident",
               "Spokesperson", "OrganizationHead", "LegislatureSpeaker", "MilitaryCommander"}


class Linker:
    def __init__(self, catalog: Catalog | None = None, gazetteer: Gazetteer | None = None):
        self.catalog = catalog or load_catalog()
        self.gazetteer = gazetteer or default_gazetteer()
        self.titles = frozenset(self.catalog.role_titles) | HONORIFICS  # words that introduce a person by one name
        self.new_types: dict[str, str] = {}  # IRI -> type of entities minted here
        self._local: dict[str, str] = {}  # the same for the article being linked
        self._fathers: set[str] = set()  # Arabic given names: the catalog's (below) and the article's
        # surname -> catalog persons with tenures (شي -> Xi Jinping), for leaders named by surname alone
        self.surnames: dict[str, list] = {}
        for e in self.catalog.entities.values():
            if e.type == "Person" and e.tenures:
                for name in [e.label_ar, *e.alt_ar]:
                    tokens = normalize(name).split()
                    if len(tokens) >= 2 and len(tokens[-1]) >= 2 and e not in self.surnames.get(tokens[-1], []):
                        self.surnames.setdefault(tokens[-1], []).append(e)
        # a surname that is the first token of someone's name (كيم) is not a safe surname
        firsts = {normalize(n).split()[0] for e in self.catalog.entities.values() if e.type == "Person"
                  for n in [e.label_ar, *e.alt_ar] if n.strip()}
        for k in firsts & set(self.surnames):
            del self.surnames[k]
        # Arabic given names: those a catalog name has after بن (محمد، زايد، راشد); never كيم or شي
        self.fathers_names = {w for e in self.catalog.entities.values() if e.type == "Person"
                              for n in [e.label_ar, *e.alt_ar] for a, w in pairwise(normalize(n).split())
                              if a in SON_OF}

    def __call__(self, doc: Doc) -> Doc:
        self._local = doc.new_types  # minted entities' types: this article's only
        tokens = [normalize(t.text) for s in doc.sentences for t in s.tokens]  # and the names it has after بن
        self._fathers = self.fathers_names | {w for a, w in pairwise(tokens) if a in SON_OF}
        ner = [m for m in doc.mentions if m.source != "gazetteer" and not self._never(m.text)]
        for m in ner:
            self._cut_verb(doc, m)
        gaz = [m for m in doc.mentions if m.source == "gazetteer"] or self.gazetteer.find(doc.text)
        # a catalog name that is also a common word counts only where the NER sees an entity too
        kept_gaz = [g for g in gaz if g.kind != "name" or normalize(g.text) not in AMBIGUOUS
                    or any(_overlap(g, m) for m in ner)]
        linked: list[Mention] = []
        for m in ner:
            over = [g for g in gaz if _overlap(g, m)]
            names = [g for g in over if g.kind == "name"]
            if names and self._another_first_name(doc, m, names, over):
                kept_gaz = [g for g in kept_gaz if g not in names]  # ستيف موريسون: not Scott Morrison
            elif names:
                continue  # the catalog's span and link win (it also drops attached proclitics)
            nisbas = [g for g in over if g.kind == "nisba"]
            if nisbas and sum(_overlap(g, m) for g in nisbas) >= 0.6 * (m.end - m.start):
                continue
            if nisbas and m.label in ("PER", "Person") and nisbas[-1].end >= m.end \
                    and normalize(nisbas[-1].text).endswith(("ون", "ين", "ان")):
                continue  # مسؤولون أميركيون، مسؤولان أمريكيان: people of a nationality (a plural or dual nisba), not a name
            for g in nisbas:  # a nisba inside a longer proper name is part of that name
                if g in kept_gaz:
                    kept_gaz.remove(g)
            linked.append(m)
        mentions = sorted(kept_gaz + linked, key=lambda m: m.start)
        self._partial_names(doc, mentions)
        # new people named in full first, so that their surnames alone link to them too (بحسب بيسكوف)
        for m in mentions:
            if m.entity is None and m.label in ("PER", "Person") and len(m.text.split()) > 1 and not is_phrase(m.text):
                self._mint(doc, m, mentions)
        self._partial_names(doc, mentions)
        mentions = [m for m in mentions if m.entity is not None or self._plausible_new(doc, m)]
        for m in mentions:
            if m.entity is None:
                self._mint(doc, m, mentions)
        self._homographs(mentions)
        mentions.extend(self._bare_name_tokens(doc, mentions))
        mentions.extend(self._nominals(doc, mentions))
        mentions.extend(self._org_anaphors(doc, mentions))
        mentions.extend(self._inner_states(doc, mentions, gaz))
        self._surname_of_someone_else(mentions)
        mentions = [m for m in mentions if not self._named_after(doc, m) and not self._in_idiom(doc, m)]
        doc.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        return doc

    @staticmethod
    def _cut_verb(doc: Doc, m: Mention) -> None:
        """وكيم سافروا: a name the NER ran on into the verb after it ends before the verb (an event word of the
        lexicon, or a verb of "they"); what is left is linked as usual (وكيم: Kim, named in full before)."""
        words = m.text.split()
        if m.label not in ("PER", "ORG", "Person", "Organization") or len(words) < 2:
            return
        if is_trigger_word(words[-1]) or PLURAL_PAST.match(normalize(words[-1])):
            kept = m.text[:m.text.rstrip().rfind(words[-1])].rstrip()
            m.end = m.start + len(kept)
            m.text = doc.text[m.start:m.end]

    def _named_after(self, doc: Doc, m: Mention) -> bool:
        """Whether a catalog person's name follows an institution's noun (جامعة محمد بن راشد، مستشفى الشيخ خليفة،
        شارع الملك فهد: kg/lexicon/named_after.tsv), honorifics between skipped: it names that institution, and
        is no mention of him."""
        if m.kind != "name" or self._type(m.entity) != "Person":
            return False
        before = normalize(doc.text[max(0, m.start - 60):m.start]).split()
        while before and _listed(before[-1], self.titles):
            before.pop()  # الشيخ، الملك، صاحب السمو
        return bool(before) and _listed(before[-1], NAMED_AFTER)

    @staticmethod
    def _in_idiom(doc: Doc, m: Mention) -> bool:
        """Whether the mention ends or begins a set phrase that names no one (حصة الأسد: kg/lexicon/idioms.tsv)."""
        before = normalize(doc.text[max(0, m.start - 30):m.start]).split()[-1:]
        after = [w.strip(".,،:؛!?؟»\"") for w in normalize(doc.text[m.end:m.end + 30]).split()[:1]]  # (or begins one: مسقط رأسه)
        return bool(before) and _listed(f"{before[0]} {normalize(m.text)}", IDIOMS) \
            or bool(after) and _listed(f"{normalize(m.text)} {after[0]}", IDIOMS)

    def _surname_of_someone_else(self, mentions: list[Mention]) -> None:
        """A catalog person's one-word name (كيتا for Ibrahim Boubacar Keïta) where the article names in full a new
        person it ends (سيدو كيتا, a footballer) is that person, not the catalog's. (Not _person_parts: a part two
        spellings of the new person share is a tie there, and the catalog's man would keep it.)"""
        minted = {}
        for m in mentions:
            words = normalize(m.text).split()
            if m.entity and m.entity not in self.catalog.entities and m.label in ("PER", "Person") and len(words) > 1:
                minted.setdefault(words[-1], m.entity)
        for m in mentions:
            e = self.catalog.entities.get(m.entity or "")
            word = normalize(m.text)  # (as written: كيتا is no ك + يتا)
            if e is not None and e.type == "Person" and " " not in word and word in minted:
                m.entity = minted[word]

    @staticmethod
    def _never(text: str) -> bool:
        norm = normalize(text)
        bare = PROCLITIC_RE.sub("", norm, count=1)
        return norm in NEVER or bare in NEVER or bare.removeprefix("ال") in NEVER

    def _another_first_name(self, doc: Doc, m: Mention, names: list[Mention], over: list[Mention]) -> bool:
        """Whether the model's person span gives a catalog person's surname (the one catalog name inside it, one
        word, at its end) after a first name that person does not have (ستيف موريسون، سيدو كيتا): someone else.
        Titles, honorifics and nisbas before the surname (الرئيس الروسي بوتين) are no first name."""
        g = names[0]
        if len(names) != 1 or m.label not in ("PER", "Person") or " " in g.text.strip() or self._type(g.entity) != "Person" \
                or g.start <= m.start or g.end != m.end or any(o.kind == "nisba" for o in over):
            return False
        before = normalize(doc.text[m.start:g.start]).split()
        if not before or any(_listed(w, self.titles) or w in STOP_TOKENS for w in before):
            return False
        e = self.catalog.entities.get(g.entity)
        own = {w for n in ([e.label_ar, *e.alt_ar] if e else []) for w in normalize(n).split()}
        # a first name of his spelt another way (فلاديمر بوتين) is still his
        return not all(any(SequenceMatcher(None, w, o).ratio() >= 0.75 for o in own) for w in before)

    # -- partial names ---------------------------------------------------------------------------
    def _person_parts(self, mentions: list[Mention], day: date | None = None) -> dict[str, str]:
        """Normalised name parts (first, last, contiguous runs) of the persons this article names in full.

        A part shared by several persons (كيم for Kim Jong Un and Kim Jong Il) goes to the one the article
        names in full most often, the protagonist; on a tie it stays unresolved."""
        claims: dict[str, dict[str, int]] = {}
        for m in mentions:
            if m.entity is None or m.kind != "name" or self._type(m.entity) != "Person":
                continue
            tokens = normalize(m.text).split()
            if len(tokens) < 2:
                continue
            for i in range(len(tokens)):
                for j in range(i + 1, len(tokens) + 1):
                    part = " ".join(tokens[i:j])
                    # (not a particle, title or word that is never a name: الله of عبد الله، الشيخ of الشيخ محمد)
                    if part == " ".join(tokens) or part in STOP_TOKENS or part in self.titles or self._never(part):
                        continue
                    counts = claims.setdefault(part, {})
                    counts[m.entity] = counts.get(m.entity, 0) + 1
        def in_office(iri: str) -> bool:
            e = self.catalog.entities.get(iri)
            return bool(e and day and any(t.covers(day) for t in e.tenures))

        parts = {}
        for part, counts in claims.items():
            # most full mentions first; on a tie, the one in office on the article's date (Kim Jong Un
            # over his grandfather Kim Il Sung in 2025)
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], not in_office(kv[0])))
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1] or (in_office(ranked[0][0]) and not in_office(ranked[1][0])):
                parts[part] = ranked[0][0]
        return parts

    def _given_names(self, doc: Doc, mentions: list[Mention]) -> set[str]:
        """The Arabic given names (a catalog name or this article has them after بن: محمد، زايد; never كيم or شي)
        that open or sit inside the names of the persons this article names in full, and end none of them."""
        full = [normalize(m.text).split() for m in mentions
                if m.entity and m.kind == "name" and self._type(m.entity) == "Person" and len(m.text.split()) > 1]
        return ({w for words in full for w in words[:-1]} - {words[-1] for words in full}) & self._fathers

    def _another_mans(self, doc: Doc, start: int, core: str, given: set[str]) -> bool:
        """Whether a given name alone (محمد of محمد بن راشد) is another man's, or part of his name: untitled
        (حميد محمد القطامي، قال محمد عبدالله أهلي، منصور بن محمد) or after a title anyone may have (الدكتور محمد مطر
        الكعبي، اللواء محمد المري); after a ruler's or royal's it is him (الشيخ محمد، الأمير محمد)."""
        before = normalize(doc.text[max(0, start - 40):start]).split()[-1:]
        return core in given and not (before and _listed(before[0], ROYAL))

    def _partial_names(self, doc: Doc, mentions: list[Mention]) -> None:
        parts = self._person_parts(mentions, self._day(doc))
        given = self._given_names(doc, mentions)
        for m in mentions:
            # a part of a name this article gives in full is that person whatever label the NER gave it
            # (a bare كيم tagged LOC); a surname alone needs the NER's PER to go to an office holder
            if m.entity is None and m.source != "gazetteer":
                person = m.label in ("PER", "Person")
                norm = normalize(m.text)
                stripped = PROCLITIC_RE.sub("", norm, count=1)
                for cand in (norm, stripped):
                    if self._another_mans(doc, m.end - len(cand), cand, given):
                        break
                    target = parts.get(cand) or (self._office_holder(cand, doc) if person else None)
                    if target:
                        m.entity, m.label = target, "Person"
                        if cand != norm:  # drop the proclitic from the span
                            m.start += len(m.text) - len(m.text.lstrip()) + (len(norm) - len(cand))
                            m.text = doc.text[m.start:m.end]
                        break
        # a statistical span that runs past a known name (دعوة كيم، كيم مناسبتين): keep the name only
        for m in mentions:
            if m.entity is not None or m.source == "gazetteer" or " " not in m.text.strip():
                continue
            for w in re.finditer(r"\S+", m.text):
                norm = normalize(w.group())
                core = PROCLITIC_RE.sub("", norm, count=1)
                cand = norm if norm in parts else core if core in parts else None
                if cand is None or len(cand) < 2 or self._another_mans(doc, m.start + w.start(), cand, given):
                    continue
                cut = len(w.group()) - len(cand) if cand != norm and len(w.group()) == len(norm) else 0
                m.start, m.end = m.start + w.start() + cut, m.start + w.end()
                m.text, m.entity, m.label = doc.text[m.start:m.end], parts[cand], "Person"
                break

    @staticmethod
    def _day(doc: Doc) -> date | None:
        return doc.article.published if isinstance(doc.article.published, date) else None

    def _office_holder(self, surname: str, doc: Doc) -> str | None:
        """A person the NER found by surname alone (شي، ماكرون) is the one catalog person of that
        surname who held a key office on the article's date, of a state or body the article names; no date or
        several candidates: no link."""
        day = doc.article.published if isinstance(doc.article.published, date) else None
        if day is None:
            return None
        # (in a key office, of a state or body the article names: رودريغيز in a football report is no minister)
        named = {m.entity for m in doc.mentions if m.entity}
        named |= {e.capital_of for e in map(self.catalog.entities.get, named) if e is not None and e.capital_of}
        holders = [e for e in self.surnames.get(surname, [])
                   if any(t.covers(day) and t.role.rsplit("#", 1)[-1] in KEY_OFFICES and t.state in named for t in e.tenures)]
        return holders[0].iri if len(holders) == 1 else None

    def _bare_name_tokens(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Single-token parts of names (كيم، شي) the NER missed, when the article named that person in full."""
        all_parts = self._person_parts(mentions, self._day(doc))
        parts = {k: v for k, v in all_parts.items() if " " not in k}
        if not all_parts:
            return []
        given = self._given_names(doc, mentions)
        taken = [(m.start, m.end) for m in mentions]
        out = []
        for s in doc.sentences:
            for n, tok in enumerate(s.tokens):
                norm = normalize(tok.text)
                if n > 0 and normalize(s.tokens[n - 1].text) in COMPOUND_FIRST:
                    # the الملك عبد الله of عبد الله الثاني: a compound given name (عبد + الله) is one part
                    first = s.tokens[n - 1]
                    pair = f"{normalize(first.text)} {norm}"
                    if pair in all_parts and not any(a < tok.end and first.start < b for a, b in taken):
                        out.append(Mention(first.start, tok.end, doc.text[first.start:tok.end], "Person",
                                           source="rule", entity=all_parts[pair]))
                        taken.append((first.start, tok.end))
                    continue
                if 1 < n < len(s.tokens) - 1 and normalize(s.tokens[n - 1].text) in CHAIN_PARTICLES \
                        and normalize(s.tokens[n + 1].text) in CHAIN_PARTICLES:
                    continue  # نهيان بن مبارك آل نهيان: a link in another man's chain of names (ابن فرحان alone is him)
                if n > 0 and normalize(s.tokens[n - 1].text) == FAMILY:
                    continue  # منصور بن محمد بن راشد آل مكتوم: the family's name, not the man of it the article names
                for k in (0, 1, 2):
                    core, prefix = norm[k:], norm[:k]
                    if k and not (prefix and PROCLITIC_RE.fullmatch(prefix)):
                        continue
                    if self._another_mans(doc, tok.start + k, core, given):
                        break
                    if core in parts and len(core) >= 2:
                        start = tok.start + k
                        if not any(a < tok.end and start < b for a, b in taken):
                            out.append(Mention(start, tok.end, doc.text[start:tok.end], "Person",
                                               source="rule", entity=parts[core]))
                        break
        return out

    def _inner_states(self, doc: Doc, mentions: list[Mention], gaz: list[Mention]) -> list[Mention]:
        """An organisation's name can name a state (وزارة الخارجية الصينية, وكالة الأنباء الكورية الجنوبية):
        that is a mention of the state too."""
        out = []
        for m in mentions:
            if m.entity is None or self._type(m.entity) != "Organization":
                continue
            for k in [i + 1 for i, ch in enumerate(m.text) if ch == " "]:  # each later word of the name
                hit = next((h for h in self.gazetteer.find(m.text[k:]) if h.start == 0), None)
                if hit is not None and hit.entity and self._type(hit.entity) == "State":
                    out.append(Mention(m.start + k, m.start + k + hit.end, hit.text, "State",
                                       source="gazetteer", kind=hit.kind, entity=hit.entity))
                    break
        return out

    # -- title + nisba: الرئيس الروسي، وزير الخارجية الصيني، العاصمة الكورية الشمالية --------------
    def _nominals(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        out = []
        day = doc.article.published if isinstance(doc.article.published, date) else None
        tokens = [t for s in doc.sentences for t in s.tokens]
        starts = {t.start: i for i, t in enumerate(tokens)}
        offsets = sorted(starts)  # token starts, in order: the token after a mention by bisection
        for i, m in enumerate(mentions):
            if m.kind != "nisba" or m.entity is None or self._type(m.entity) != "State" or m.start not in starts:
                continue
            k = starts[m.start]
            for n in (3, 2, 1):
                if k < n:
                    continue
                words = [normalize(t.text) for t in tokens[k - n:k]]
                words[0] = words[0] if " ".join(words) in self.catalog.role_titles else PROCLITIC_RE.sub("", words[0], count=1)
                title = " ".join(words)
                start = tokens[k - n].start + (len(normalize(tokens[k - n].text)) - len(words[0]))
                role = self.catalog.roles_of_title(title)
                target = None
                if role is not None:
                    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
                    if nxt is not None and self._type(nxt.entity or "") == "Person" and 0 <= nxt.start - m.end <= 2:
                        break  # appositive title: the name that follows is the mention
                    if self._someone_else(tokens, k - n, bisect_left(offsets, m.end)):
                        break
                    holder = self.catalog.holder(role, m.entity, day)
                    target = (holder.iri, "Person") if holder else None
                elif title in CAPITAL_WORDS:
                    capital = next((e for e in self.catalog.entities.values() if e.capital_of == m.entity), None)
                    target = (capital.iri, "City") if capital else None
                else:
                    continue
                if target:
                    out.append(Mention(start, m.end, doc.text[start:m.end], target[1], source="rule",
                                       kind="nominal", entity=target[0]))
                break
        return out

    @staticmethod
    def _someone_else(tokens, first: int, after: int) -> bool:
        """A deputy's or aide's title (نائب وزير الدفاع الروسي) or a former holder's (الرئيس الأمريكي السابق):
        the word before the title's first token, or the token after the nisba (`after`, an index)."""
        around = [tokens[first - 1].text] if first > 0 else []
        around += [tokens[after].text] if after < len(tokens) else []
        return any(_listed(normalize(word), NOT_THE_HOLDER) for word in around)

    # -- عمان: Oman or Amman? the one whose state the article names elsewhere --------------------------
    def _homographs(self, mentions: list[Mention]) -> None:
        shared = self.gazetteer.homographs
        named = {self._state_of(m.entity) for m in mentions if m.entity and normalize(m.text) not in shared} - {None}
        for m in mentions:
            options = shared.get(normalize(m.text)) if m.kind == "name" else None
            fits = [o for o in options or () if self._state_of(o) in named]
            if len(fits) == 1 and fits[0] != m.entity:
                m.entity, m.label = fits[0], self._type(fits[0]) or m.label

    def _state_of(self, iri: str) -> str | None:
        e = self.catalog.entities.get(iri)
        return (e.state() or e.located_in) if e else None

    # -- المنظمة، الحلف: a definite head noun alone for the organisation last named with it -----------------
    def _org_anaphors(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Also المملكة، السلطنة: the state last named whose official name opens with that head noun (المملكة
        العربية السعودية، سلطنة عمان), whichever of its names the article used."""
        named = [m for m in mentions if m.entity and self._type(m.entity) in ("Organization", "State")]
        taken = [(m.start, m.end) for m in mentions]
        tokens = [t for s in doc.sentences for t in s.tokens]
        out = []
        for k, t in enumerate(tokens):
            match = DEFINITE_HEAD.match(normalize(t.text))
            head = match.group(2) if match else None
            if head not in ORG_HEADS and head not in STATE_HEADS or any(a < t.end and t.start < b for a, b in taken):
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            dated = nxt is not None and any(x.start <= nxt.start < x.end for x in doc.timexes)  # قادة الحلف الثلاثاء
            if nxt is not None and not dated and (normalize(nxt.text).startswith("ال") or any(a <= nxt.start < b for a, b in taken)):
                continue  # المنظمة الدولية للهجرة، المجلس الأعلى: a longer name of its own, not a reference back
            antecedent = next((m for m in reversed(named) if m.end <= t.start and head in self._heads(m)), None)
            if antecedent is not None:
                start = t.start + len(match.group(1)) - (2 if match.group(1).endswith("ال") else 1)
                out.append(Mention(start, t.end, doc.text[start:t.end], self._type(antecedent.entity), source="rule",
                                   kind="nominal", entity=antecedent.entity))
        return out

    def _heads(self, m: Mention) -> set[str]:
        """An organisation's head noun as the article wrote it; a state's from any of its catalog names."""
        def head(name: str) -> str:
            return PROCLITIC_RE.sub("", normalize(name.split()[0]), count=1).removeprefix("ال")
        if self._type(m.entity) == "Organization":
            return {head(m.text)}
        e = self.catalog.entities[m.entity]
        return {head(n) for n in [e.label_ar, *e.alt_ar]} & STATE_HEADS

    # -- unknown entities -------------------------------------------------------------------------
    def _plausible_new(self, doc: Doc, m: Mention) -> bool:
        """Whether a statistical mention that matched nothing known is worth a new entity.

        One word in the accusative with tanween (باليستيًا، فرديًا) is an adverb or adjective, not a name;
        a lone word as a person (بدورنا، بسرور) is a name only after a title (الرئيس لولا، السيد X):
        news introduces people by full name, and parts of those names are linked before this."""
        words = m.text.split()
        if is_phrase(m.text):
            return False
        if not _ARABIC_LETTER.search(m.text):  # Latin debris: links, handles, hashes (pic.twitter.com/…)
            return False
        if len(words) == 1 and is_trigger_word(words[0]):
            return False  # سيزور، اللقاء: an event word the NER took for a name
        if len(words) == 1 and POSSESSIVE.search(normalize(words[0])):
            return False  # جنودكم، قادتهم: a noun with a possessive pronoun, not a name
        if len(words) == 1 and m.label in ("LOC", "Place", "MISC", "Other", "ORG", "Organization"):
            # one unknown word as a place or body: credible when the article repeats it or a cue introduces it
            again = len(re.findall(r"(?<!\w)" + re.escape(m.text) + r"(?!\w)", doc.text)) > 1  # as a word (not in الأفريقية)
            before = doc.text[max(0, m.start - 30):m.start].split()[-1:]
            cues = ORG_CUES if m.label in ("ORG", "Organization") else PLACE_CUES
            return again or any(_listed(normalize(w), cues) for w in before)
        if len(words) == 1 and re.search("\u064b\u0627?$|\u0627\u064b$", words[0]):
            return False
        if len(words) == 1 and m.label in ("PER", "Person"):
            # the title right before it (الرئيس لولا، رئيس الوزراء X), not one further back (رئيس الاتحاد الأردني
            # لمراسلين: "to reporters")
            before = doc.text[max(0, m.start - 60):m.start].split()[-3:]
            return any(" ".join(normalize(w) for w in before[i:]) in self.titles for i in range(len(before))) \
                or bool(before) and PROCLITIC_RE.sub("", normalize(before[-1]), count=1) in self.titles
        return True

    def _mint(self, doc: Doc, m: Mention, mentions: list[Mention]) -> None:
        etype = NER_TYPES.get(m.label, m.label if m.label in NER_TYPES.values() else "Other")
        norm = normalize(m.text)
        # an attached و/ف is dropped when the bare form is also named in this article (وشويغو -> شويغو)
        if len(norm) > 4 and norm[0] in "وف" and any(normalize(o.text) == norm[1:] for o in mentions if o is not m):
            m.start += 1
            m.text = doc.text[m.start:m.end]
        words = m.text.split()
        if etype == "Place" and len(words) > 1 and normalize(words[0]) in PLACE_CLASSIFIERS:
            rest = m.text[len(words[0]):]
            m.start += len(m.text) - len(rest.lstrip())
            m.text = doc.text[m.start:m.end]
        iri = new_entity_iri(m.text)
        m.entity, m.label = iri, etype
        doc.new_types.setdefault(iri, etype)
        self.new_types.setdefault(iri, etype)

    def _type(self, iri: str) -> str | None:
        e = self.catalog.entities.get(iri)
        return e.type if e else self._local.get(iri)
