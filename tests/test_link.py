"""Entity linking: partial names, shared name parts, title + nisba nominals by date, capitals as states,
new entities merged by normalised name, common words that are also place names."""
from datetime import date

import pytest

from kg.doc import Article, Mention
from kg.link import Linker, new_entity_iri
from kg.pipeline import Pipeline
from kg.text import split_sentences, tokenize
from kg.doc import Doc

WD = "https://w3id.org/kg-arabic/entity/"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


def linked(pipe, text, published="2024-01-10"):
    doc = pipe.process(Article(id="t", text=text, published=date.fromisoformat(published)))
    return {(m.text, (m.entity or "").removeprefix(WD)) for m in doc.mentions}


def test_title_and_nisba_resolve_by_article_date(pipe):
    # the same phrase names different people in different years
    assert ("الرئيس الأمريكي", "Q6279") in linked(pipe, "قال الرئيس الأمريكي إن المحادثات مفيدة.", "2022-03-01")
    assert ("الرئيس الأمريكي", "Q22686") in linked(pipe, "قال الرئيس الأمريكي إن المحادثات مفيدة.", "2025-03-01")


def test_a_deputy_aide_or_former_holder_is_not_the_title_holder(pipe):
    # the title names the office, but the person meant is someone else: linked to nobody
    for text in ("استقبل الوزير نائب وزير الدفاع الروسي في المطار.", "وقال المتحدث باسم الرئيس الروسي إن اللقاء مفيد.",
                 "وقال الرئيس الأمريكي السابق إن المحادثات صعبة.", "وحضر نجل الرئيس الروسي الحفل."):
        people = {e for t, e in linked(pipe, text, "2022-03-01") if e in ("Q7747", "Q6279", "Q32024")}
        assert not people, text
    assert ("وزير الدفاع الروسي", "Q32024") in linked(pipe, "استقبل الوزير وزير الدفاع الروسي في المطار.", "2022-03-01")


def test_a_name_after_an_institutions_noun_names_the_institution(pipe):
    # جامعة محمد بن راشد، مستشفى الشيخ خليفة: a university, a hospital named after the man, not the man
    mbr = "Q57655"
    for text in ("افتتحت جامعة محمد بن راشد للطب مختبرا جديدا.", "وقالت مؤسسة الشيخ محمد بن راشد إن البرنامج ناجح."):
        assert not {e for _, e in linked(pipe, text, "2022-03-01") if e == mbr}, text
    assert ("محمد بن راشد", mbr) in linked(pipe, "وقال محمد بن راشد إن البرنامج ناجح.", "2022-03-01")


def test_a_set_phrase_names_no_one(pipe):
    # حصة الأسد "the lion's share" is no mention of Bashar al-Assad; his name in full still is
    assert not {e for _, e in linked(pipe, "ونال المدرب بحصة الأسد من الإشادة.", "2015-03-01") if e == "Q44329"}
    assert ("بشار الأسد", "Q44329") in linked(pipe, "والتقى الرئيس السوري بشار الأسد نظيره.", "2015-03-01")
    # one that begins a phrase: مسقط رأسه "his birthplace" is not Muscat; Muscat named on its own is
    muscat = {e for _, e in linked(pipe, "وزار المدرب قريته مسقط رأسه في الشمال.", "2015-03-01")}
    assert "Q3826" not in muscat
    assert ("مسقط", "Q3826") in linked(pipe, "ووصل الوزير إلى مسقط أمس.", "2015-03-01")


def test_an_elative_adjective_after_a_feminine_noun_is_no_nisba(pipe):
    # الجهة اليمنى "the right side": a nisba of Yemen after a feminine noun would be اليمنية
    assert not {e for _, e in linked(pipe, "وسدد اللاعب الكرة من الجهة اليمنى.", "2015-03-01") if e == "Q805"}
    assert "Q805" in {e for _, e in linked(pipe, "وقالت الحكومة اليمنية إن الاتفاق صامد.", "2015-03-01")}


def test_a_definite_head_noun_alone_is_the_organisation_last_named_with_it(pipe):
    got = linked(pipe, "انعقدت قمة منظمة شنغهاي للتعاون في أستانا. وأعلنت المنظمة انضمام بيلاروسيا، "
                       "وستعقد القمة المقبلة للمنظمة في الصين. وقال حلف شمال الأطلسي إن الحلف لن يتدخل.", "2024-07-04")
    assert {("المنظمة", "Q485207"), ("للمنظمة", "Q485207"), ("الحلف", "Q7184")} <= got
    # a day after it is no modifier of its own (قادة الحلف الثلاثاء)
    got = linked(pipe, "اجتمع وزراء دفاع حلف شمال الأطلسي في بروكسل. وبدأ قادة الحلف الخميس قمة في لاهاي.", "2025-06-26")
    assert [m for m in got if m[0] == "الحلف"] == [("الحلف", "Q7184")]
    # a head noun with its own modifier names something else; with no organisation before it, nothing
    got = linked(pipe, "قالت المنظمة الدولية للهجرة إن المنظمة قلقة. وأعلن الحلف دعمه.", "2024-07-04")
    assert not {m for m in got if m[0] in ("المنظمة", "الحلف")}


def test_a_homograph_is_the_entity_whose_state_the_article_names(pipe):
    # عمان is Oman (a state) and Amman (Jordan's capital)
    assert ("عمان", "Q3805") in linked(pipe, "عمان - قال وزير الخارجية الأردني إن المحادثات مفيدة.")
    assert ("عمان", "Q842") in linked(pipe, "مسقط - وصل وزير الخارجية الإيراني إلى عمان.")
    assert ("عمان", "Q842") in linked(pipe, "وصل وزير الخارجية الإيراني إلى عمان.")  # no cue: the catalog's first


def test_surname_after_full_name(pipe):
    got = linked(pipe, "التقى فلاديمير بوتين الصحفيين. وقال بوتين إن روسيا مستعدة.")
    assert ("بوتين", "Q7747") in got


def test_shared_first_name_goes_to_the_protagonist(pipe):
    text = ("وصل كيم جونغ أون إلى موسكو. وكان كيم جونغ أون قد زار روسيا. وكان والده كيم جونغ إيل قد زارها أيضاً. "
            "وقال كيم إن العلاقات قوية.")
    got = linked(pipe, text, "2023-09-14")
    assert ("كيم", "Q56226") in got


def test_bare_shared_name_on_a_tie_goes_to_the_office_holder(pipe):
    got = linked(pipe, "ذكر كيم جونغ أون وكيم جونغ إيل في التقرير. وقال كيم إن البلاد قوية.", "2023-09-14")
    assert ("كيم", "Q56226") in got


def test_bare_shared_name_on_a_tie_without_office_holder_stays_unlinked(pipe):
    got = linked(pipe, "ذكر كيم إيل سونغ وكيم جونغ إيل في التقرير. وقال كيم إن البلاد قوية.", "2023-09-14")
    assert not any(text == "كيم" for text, _ in got)


def test_capital_nominal(pipe):
    got = linked(pipe, "وصل الوفد إلى العاصمة الكورية الشمالية يوم الأحد.", "2023-09-14")
    assert any(e == "Q18808" for _, e in got)  # Pyongyang


def test_joined_and_split_spellings(pipe):
    a = linked(pipe, "زار الوفد بيونغ يانغ.")
    b = linked(pipe, "زار الوفد بيونغيانغ.")
    assert {e for _, e in a} & {e for _, e in b} >= {"Q18808"}


def test_ambiguous_common_word_needs_ner(pipe):
    got = linked(pipe, "وكانت جدة الطفل تعيش في القرية.")
    assert not any(e == "Q374365" for _, e in got)  # not Jeddah without the NER agreeing


def test_new_entity_iri_is_stable_and_valid():
    a, b = new_entity_iri("مجلس الدوما"), new_entity_iri("مجلس  الدوما")
    assert a == b and " " not in a
    assert new_entity_iri("<script>\"x\"") .startswith(WD + "n-")
    long = new_entity_iri("اسم " * 100)
    assert len(long) < 200


def test_unknown_person_from_ner_is_minted_and_merged_by_name():
    doc = Doc(Article(id="t", text="قال يوسف الحداد إن يوسف الحداد سيزور بغداد.", published=date(2024, 1, 1)))
    doc.sentences = split_sentences(doc.text, tokenize(doc.text))
    doc.mentions = [Mention(4, 15, "يوسف الحداد", "PER", source="ner"), Mention(19, 30, "يوسف الحداد", "PER", source="ner")]
    Linker()(doc)
    people = {m.entity for m in doc.mentions if m.label == "Person"}
    assert len(people) == 1 and next(iter(people)).startswith(WD + "n-")


def _ner_doc(text: str, spans: list[tuple[str, str]]) -> Doc:
    """A doc whose statistical NER found `spans` (surface, label), each at its first occurrence."""
    doc = Doc(Article(id="t", text=text, published=date(2024, 1, 1)))
    doc.sentences = split_sentences(doc.text, tokenize(doc.text))
    out, pos = [], 0
    for surface, label in spans:
        s = text.index(surface, pos)
        out.append(Mention(s, s + len(surface), surface, label, source="ner"))
        pos = s + len(surface)
    doc.mentions = out
    return doc


def test_surname_links_to_a_new_person_named_in_full_before():
    text = "قال المحلل يوسف الحداد إن الوضع صعب، بحسب الحداد."
    doc = Linker()(_ner_doc(text, [("يوسف الحداد", "PER"), ("الحداد", "PER")]))
    people = {m.text: m.entity for m in doc.mentions if m.label == "Person"}
    assert people["الحداد"] == people["يوسف الحداد"]


def test_a_word_that_is_never_a_name_is_no_part_of_a_name():
    # عبد الله الحداد named in full: his surname alone is him, الله alone (God) is no one
    text = "قال عبد الله الحداد إن الله رحيم بعباده، بحسب الحداد."
    doc = Linker()(_ner_doc(text, [("عبد الله الحداد", "PER"), ("الحداد", "PER")]))
    people = {m.text: m.entity for m in doc.mentions if m.label == "Person"}
    assert people["الحداد"] == people["عبد الله الحداد"] and "الله" not in people


def test_a_compound_given_name_alone_is_the_person_named_in_full(pipe):
    # عبد الله of الملك عبد الله الثاني is one given name in two words: him (not الله alone)
    got = linked(pipe, "التقى الملك عبد الله الثاني وفدا من البرلمان. وقال الملك عبد الله إن الحوار مستمر.", "2024-03-24")
    assert ("عبد الله", "Q57464") in got and not {t for t, _ in got if t == "الله"}


def test_a_given_name_alone_is_his_only_after_a_title(pipe):
    # محمد of محمد بن راشد: the first word of another man's name (محمد سالم الكعبي) or his father's name in a son's
    # chain (منصور بن محمد بن راشد آل مكتوم, مكتوم there the family's), or after a title anyone may have (الدكتور),
    # is not him; الشيخ محمد is
    mbr = "Q57655"
    text = ("وقال محمد سالم الكعبي مدير الهيئة إن المبادرة تأتي تنفيذا لرؤية الشيخ محمد بن راشد آل مكتوم. "
            "وزار الشيخ منصور بن محمد بن راشد آل مكتوم المعرض. وأضاف الدكتور محمد مطر الكعبي أن المعرض ناجح. "
            "وأكد الشيخ محمد أهمية المعرض.")
    doc = pipe.process(Article(id="t", text=text, published=date(2015, 5, 1)))
    his = sorted(m.start for m in doc.mentions if m.entity == WD + mbr)
    assert his == [text.index("محمد بن راشد آل مكتوم."), text.index("محمد أهمية")]


def test_lone_words_are_not_new_people_or_places_without_a_title():
    text = "وأضاف بسرور أن التجربة تمت فرديًا، وقال الرئيس لولا إن الوفد وصل."
    doc = Linker()(_ner_doc(text, [("بسرور", "PER"), ("فرديًا", "LOC"), ("لولا", "PER")]))
    # only the titled one is a person (here Lula, whom the catalog knows: the NER's span agrees with it)
    assert {m.text for m in doc.mentions if m.label in ("PER", "Person")} == {"لولا"}
    assert not {m.text for m in doc.mentions} & {"بسرور", "فرديًا"}


def test_part_of_a_full_name_is_that_person_whatever_the_ner_label():
    text = "التقى يوسف الحداد بالوفد، ثم غادر الحداد إلى بغداد."
    doc = Linker()(_ner_doc(text, [("يوسف الحداد", "PER"), ("الحداد", "LOC")]))
    people = {m.text: m.entity for m in doc.mentions if m.label == "Person"}
    assert people.get("الحداد") == people["يوسف الحداد"]


def test_one_unknown_word_is_a_place_only_with_a_cue_or_repeated():
    text = "وصل الوفد إلى زليتن صباحاً، وقال إنه يقدّر ذلك من أجلك، ثم عاد بمشهد مؤثر."
    doc = Linker()(_ner_doc(text, [("زليتن", "LOC"), ("أجلك", "LOC"), ("بمشهد", "LOC")]))
    assert {m.text for m in doc.mentions if m.source == "ner"} == {"زليتن"}
    text = "تقع غدامس غرباً. وتعد غدامس مركزاً تجارياً."  # no cue, but named twice
    doc = Linker()(_ner_doc(text, [("غدامس", "LOC")]))
    assert [m.text for m in doc.mentions if m.source == "ner"] == ["غدامس"]


def test_latin_debris_is_not_an_entity():
    text = "وكتب على حسابه pic.twitter.com/VgrSi2pvVx يوم September 12 أن الوفد وصل."
    doc = Linker()(_ner_doc(text, [("pic", "LOC"), ("VgrSi2pvVx", "MISC"), ("September 12", "MISC")]))
    assert not [m for m in doc.mentions if m.source == "ner"]


def test_a_place_classifier_is_not_part_of_the_name():
    text = "قصفت القوات بلدة زليتن ومنطقة الجفرة الجنوبية."
    doc = Linker()(_ner_doc(text, [("بلدة زليتن", "LOC")]))
    got = [m for m in doc.mentions if m.source == "ner"]
    assert [m.text for m in got] == ["زليتن"] and got[0].entity == new_entity_iri("زليتن")
    assert text[got[0].start:got[0].end] == "زليتن"


def test_pronoun_suffix_on_a_word_is_not_a_city_spelt_with_taa_marbuta(pipe):
    def jeddah(text):
        return [m.text for m in pipe.gazetteer.find(text) if m.entity.endswith("/Q374365")]
    assert jeddah("وصل الوزير إلى جدة أمس.") == ["جدة"]
    assert jeddah("حضره جده ومؤسس الدولة.") == []


def test_accusative_nisba_is_its_state_unless_a_name_is_written_so(pipe):
    got = linked(pipe, "حضر الرئيس عرضاً عسكرياً صينياً ثم زار روسيا.")
    assert ("صينيا", "Q148") in got  # صينياً: the tanween is a mark, not part of the mention
    assert ("روسيا", "Q159") in got
    assert [e for t, e in linked(pipe, "وصل الوفد إلى برازيليا.") if t == "برازيليا"] == ["Q2844"]  # the city


def test_a_word_inside_a_longer_word_is_not_a_repeat():
    text = "بدأ جولة أفريقية شملت الدول الأفريقية الكبرى."  # أفريقية recurs only inside الأفريقية
    doc = Linker()(_ner_doc(text, [("أفريقية", "LOC")]))
    assert not [m for m in doc.mentions if m.source == "ner"]


def test_event_words_possessed_nouns_and_plural_nisbas_are_not_new_entities():
    text = "وقال الزعيم الكوري الشمالي سيزور المصانع، وأشاد بأن جنودكم قاتلوا، ولفت خبراء ومسؤولون أميركيون إلى ذلك."
    doc = Linker()(_ner_doc(text, [("سيزور", "PER"), ("جنودكم", "ORG"), ("ومسؤولون أميركيون", "PER")]))
    assert not [m for m in doc.mentions if m.source == "ner"]
    assert ("أميركيون", WD + "Q30") in {(m.text, m.entity) for m in doc.mentions}  # the nisba stays


def test_the_kingdom_alone_is_the_state_last_named_whose_official_name_opens_with_it(pipe):
    # المملكة / السلطنة stand for the kingdom or sultanate last named, whichever of its names the text used
    got = linked(pipe, "وصل وزير الخارجية إلى السعودية أمس، وقال إن المملكة شريك مهم.", "2024-07-04")
    assert ("المملكة", "Q851") in got
    got = linked(pipe, "زار الوزير مسقط ثم عمان، وأشاد بدور السلطنة في الوساطة.", "2024-07-04")
    assert any(t == "السلطنة" and e == "Q842" for t, e in got), got
    # a republic is not a kingdom: no antecedent, no link
    got = linked(pipe, "وصل الوزير إلى مصر، وقال إن المملكة بعيدة.", "2024-07-04")
    assert not {m for m in got if m[0] == "المملكة"}


def test_a_span_with_a_function_word_or_ending_in_a_plural_nisba_is_no_new_name():
    from kg.link import is_phrase
    assert is_phrase("على تويتر") and is_phrase("سيُتيح بأن") and is_phrase("مسؤولان أمريكيان")
    assert not is_phrase("علي حسن") and not is_phrase("محمد بن سلمان") and not is_phrase("أبو الغيط")
    text = "وكتب على تويتر أن الزيارة ناجحة، وقال مسؤولان أمريكيان إن الوفد وصل."
    doc = Linker()(_ner_doc(text, [("على تويتر", "PER"), ("مسؤولان أمريكيان", "PER")]))
    assert not [m for m in doc.mentions if m.label in ("PER", "Person")]


def test_tripoli_is_the_one_in_the_state_the_article_names(pipe):
    got = linked(pipe, "قال رئيس الحكومة اللبنانية إن الجيش انتشر في طرابلس بعد اشتباكات في شمال لبنان.", "2024-07-04")
    assert ("طرابلس", "n-tripoli-lebanon") in got
    got = linked(pipe, "وصل المبعوث الأممي إلى طرابلس لبحث الأزمة في ليبيا.", "2024-07-04")
    assert ("طرابلس", "Q3579") in got


def test_god_and_currencies_are_never_entities():
    text = "وقال إن الله وحده يعلم، وإن الدولار ارتفع أمام الريال واليورو."
    doc = Linker()(_ner_doc(text, [("الله", "PER"), ("الدولار", "MISC"), ("الريال", "ORG"), ("واليورو", "MISC")]))
    assert not [m for m in doc.mentions if m.source == "ner"]


def test_a_name_opening_with_bin_inside_another_mans_chain_of_names_is_not_him(pipe):
    # بن مبارك is Yemen's prime minister alone, not inside نهيان بن مبارك آل نهيان
    got = linked(pipe, "استقبل الشيخ نهيان بن مبارك آل نهيان الوفد. وقال بن مبارك إن الحكومة ماضية.", "2024-05-01")
    assert [x for x in got if x[1] == "Q16119688"] == [("بن مبارك", "Q16119688")]


@pytest.fixture(scope="module")
def model_pipe():
    return Pipeline(ner="stanza")


def test_a_catalog_surname_after_another_first_name_is_someone_else(model_pipe):
    got = linked(model_pipe, "وقال اللاعب ستيف موريسون إن الفريق سيعود أقوى في المباراة المقبلة.", "2015-03-10")
    assert not [x for x in got if x[1] == "Q7436908"]  # not Scott Morrison
    got = linked(model_pipe, "والتقى فلاديمر بوتين نظيره في موسكو.", "2015-03-10")
    assert ("بوتين", "Q7747") in got  # his own first name spelt another way


def test_a_catalog_one_word_name_is_the_new_person_the_article_names_in_full(model_pipe):
    # كيتا is a catalog name of Mali's president; an article about the midfielder سيدو كيتا means him by it
    got = linked(model_pipe, "وتألق لاعب الوسط المالي سيدو كيتا في المباراة. وقال المدرب إن كيتا لاعب مهم للفريق.",
                 "2015-10-06")
    assert not [x for x in got if x[1] == "Q324108"]


def test_a_name_the_ner_ran_on_into_a_verb_ends_before_it(pipe):
    """kg.link.Linker._cut_verb: وكيم سافروا (and Kim travelled) as one Person is Kim: no new person minted."""
    from kg.doc import Mention
    text = "التقى الزعيم الكوري الشمالي كيم جونغ أون بوتين. وقال الكرملين إن بوتين وكيم سافروا معا."
    doc = pipe.prepare(Article(id="t", text=text, published=date(2025, 9, 3)))
    start = text.index("وكيم")
    doc.mentions.append(Mention(start, start + len("وكيم سافروا"), "وكيم سافروا", "PER", source="stanza"))
    doc = pipe.finish(doc)
    assert not doc.new_types and any(m.entity == WD + "Q56226" and m.start >= start for m in doc.mentions)


def test_a_lone_word_is_a_name_only_right_after_a_title(pipe):
    """kg.link.Linker._plausible_new: رئيس الاتحاد الأردني لمراسلين ("to reporters"): the title is two words back,
    so the word after it names no one; right after a title it may (الرئيس نوماري)."""
    from kg.doc import Mention
    for text, word, minted in (("وقال رئيس الاتحاد الأردني لمراسلين إن الصفقة خاطئة.", "لمراسلين", False),
                               ("وقال الرئيس نوماري إن الصفقة خاطئة.", "نوماري", True)):
        doc = pipe.prepare(Article(id="t", text=text, published=date(2015, 5, 21)))
        start = text.index(word)
        doc.mentions.append(Mention(start, start + len(word), word, "PER", source="stanza"))
        doc = pipe.finish(doc)
        assert bool(doc.new_types) == minted, text
