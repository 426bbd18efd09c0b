"""Event and agreement extraction on short articles written for these tests (not the seeds): other states,
leaders, event types and date forms. The catalog recogniser is used so the tests isolate extraction."""
from datetime import date
from pathlib import Path

import pytest

from kg.doc import Article
from kg.pipeline import Pipeline

ARTICLES = Path(__file__).parent / "articles"
WD = "https://w3id.org/kg-arabic/entity/"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


def run(pipe, text: str, published: str):
    return pipe.process(Article(id="t", text=text, published=date.fromisoformat(published)))


def states(ev) -> set[str]:
    return {s.removeprefix(WD) for s in ev.states}


def one(doc, etype, **where):
    found = [e for e in doc.events if e.type == etype and all(getattr(e, k) == v for k, v in where.items())]
    assert found, f"no {etype} {where} in {[(e.type, e.date, e.status, sorted(states(e))) for e in doc.events]}"
    return found[0]


def only(doc, etype, **where):
    """The one event of that type (and those attributes): exactly one, not the first of several."""
    found = [e for e in doc.events if e.type == etype and all(getattr(e, k) == v for k, v in where.items())]
    assert len(found) == 1, f"{len(found)} {etype} {where}: {[(e.type, e.date, e.status, sorted(states(e))) for e in doc.events]}"
    return found[0]


def test_state_visit_weekday_and_planned_return_visit(pipe):
    doc = run(pipe, (ARTICLES / "tr_ir_visit.txt").read_text(encoding="utf-8"), "2024-11-20")  # a Wednesday
    visit = one(doc, "Visit", status="occurred")
    assert states(visit) == {"Q794", "Q43"}  # Iran, Turkey
    assert visit.date == "2024-11-18"  # يوم الاثنين = the Monday of the article's week
    talks = one(doc, "Talks")
    assert states(talks) == {"Q794", "Q43"} and talks.date == "2024-11-18"
    planned = one(doc, "Visit", status="planned")
    assert planned.date == "2024-12"  # الشهر المقبل
    assert planned.place == WD + "Q3616"  # Tehran
    mou = [a for a in doc.agreements if a.type == "Other"]
    assert mou and {p.removeprefix(WD) for p in mou[0].parties} == {"Q794", "Q43"}
    assert mou[0].signed == "2024-11-18"  # signed when the signing was reported


def test_reception_parade_and_arms_delivery(pipe):
    doc = run(pipe, (ARTICLES / "in_fr_parade.txt").read_text(encoding="utf-8"), "2024-01-27")
    meeting = one(doc, "Meeting")
    assert states(meeting) == {"Q668", "Q142"} and meeting.date == "2024-01-26"
    assert meeting.place == WD + "Q987"  # New Delhi
    parade = one(doc, "MilitaryParade")
    assert states(parade) == {"Q668", "Q142"}  # the host takes part
    arms = one(doc, "MilitarySupport")
    assert arms.date == "2020-07" and states(arms) == {"Q668", "Q142"}
    deal = [a for a in doc.agreements if a.signed == "2016"]
    assert deal and {p.removeprefix(WD) for p in deal[0].parties} == {"Q668", "Q142"}


def test_denied_and_speculative_support(pipe):
    doc = run(pipe, (ARTICLES / "cn_denial.txt").read_text(encoding="utf-8"), "2023-02-24")
    denied = one(doc, "MilitarySupport", status="denied")
    assert states(denied) >= {"Q148", "Q159"}
    assert denied.date == "2023-02-23"  # يوم الخميس
    spec = one(doc, "MilitarySupport", status="speculative")
    assert states(spec) == {"Q148", "Q159"}  # what Blinken warned about, not the US
    warning = one(doc, "Statement", date="2023-02")  # الأسبوع الماضي
    assert warning.status == "occurred"  # قد + past verb asserts


def test_date_in_source_attribution_is_not_the_event_date(pipe):
    doc = run(pipe, "التقى الرئيس الصيني شي جين بينغ الرئيس البرازيلي لولا في بكين يوم الجمعة، وفق ما أعلنت وكالة شينخوا الأحد.",
              "2024-05-13")  # a Monday
    ev = one(doc, "Meeting")
    assert ev.date == "2024-05-10" and states(ev) == {"Q148", "Q155"}


def test_commemorated_date_is_not_the_event_date(pipe):
    doc = run(pipe, "زار وزير الخارجية الأمريكي ماركو روبيو طوكيو في مارس في ذكرى انتهاء الحرب (1945).", "2025-05-02")
    ev = one(doc, "Visit")
    assert ev.date == "2025-03"
    assert states(ev) == {"Q30", "Q17"}


def test_anaphoric_date_and_friendship_treaty(pipe):
    doc = run(pipe, "زار الرئيس الروسي فلاديمير بوتين فيتنام في عام 2001. ووقع البلدان وقتها معاهدة صداقة.", "2024-06-20")
    treaty = [a for a in doc.agreements if a.type == "FriendshipTreaty"]
    assert treaty and treaty[0].signed == "2001"
    assert {p.removeprefix(WD) for p in treaty[0].parties} == {"Q159", "Q881"}


def test_one_sided_meeting_is_not_an_event(pipe):
    doc = run(pipe, "وفي أغسطس، أقام الرئيس التركي رجب طيب أردوغان لقاء مع عائلات الضحايا.", "2024-09-01")
    assert not [e for e in doc.events if e.type in ("Meeting", "Talks", "Summit")]


def test_ministry_is_not_a_visit(pipe):
    doc = run(pipe, "وقالت وزارة الخارجية المصرية إن القاهرة ترحب بالاتفاق.", "2024-01-01")
    assert not [e for e in doc.events if e.type == "Visit"]


def test_same_event_twice_is_one_event_with_two_evidence_sentences(pipe):
    doc = run(pipe, "التقى الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس في برلين يوم الثلاثاء. "
                    "وجاء اللقاء بين ماكرون وشولتس في برلين يوم الثلاثاء وسط توتر.", "2024-05-29")
    meetings = [e for e in doc.events if e.type == "Meeting"]
    assert len(meetings) == 1
    assert len(meetings[0].more_evidence) == 1
    assert meetings[0].date == "2024-05-28"


@pytest.mark.parametrize("text", [
    "سلّمت إيران طائرات مسيّرة إلى روسيا الشهر الماضي لاستخدامها في الحرب في أوكرانيا.",
    "أرسلت بيلاروسيا ذخائر إلى روسيا يوم الاثنين لدعم قواتها التي تقاتل في أوكرانيا.",
])
def test_where_the_fighting_is_does_not_take_part_in_a_delivery(pipe, text):
    doc = run(pipe, text, "2024-03-14")
    ev = next(e for e in doc.events if e.type in ("MilitarySupport", "Deployment"))
    assert "Q212" not in states(ev)  # Ukraine: the theatre
    assert "Q159" in states(ev)


def test_undated_event_of_the_same_people_takes_the_day_the_article_gives_them(pipe):
    text = ("التقى الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس في برلين يوم الاثنين.\n"
            "وناقش الجانبان العلاقات التجارية وأزمة الطاقة.\n"
            "ويأتي اللقاء في ظل خلافات داخل الاتحاد الأوروبي حول الميزانية.\n"
            "وأهدى ماكرون شولتس كتابًا نادرًا بعد الاجتماع، وفق ما أعلن قصر الإليزيه الأربعاء.")
    doc = run(pipe, text, "2024-05-15")  # a Wednesday
    assert [e.date for e in doc.events if e.type in ("Meeting", "Talks")] == ["2024-05-13"]
    # not the publication day (the Wednesday in the source attribution is when it was announced)
    assert one(doc, "Gift").date == "2024-05-13"


def test_sidelines_first_since_and_where_a_city_is(pipe):
    doc = run(pipe, (ARTICLES / "brics_kazan.txt").read_text(encoding="utf-8"), "2024-10-24")  # a Thursday
    india_china = [e for e in doc.events if states(e) == {"Q668", "Q148"}]
    # على هامش قمة: a meeting at the summit, not the summit, which is an event of its own (held by BRICS);
    # "the first since five years" does not date it; "the Russian city of Kazan" puts Russia in no event
    assert [(e.type, e.date) for e in india_china] == [("Talks", "2024-10-23"), ("Summit", "2024-10-23")]
    assert WD + "Q243630" in india_china[1].participants and WD + "Q243630" not in india_china[0].participants
    assert india_china[0].place == WD + "Q900"  # Kazan
    assert not any(e.date == "2019" for e in doc.events)
    assert one(doc, "Talks", date=india_china[0].date).participants[:2] == [WD + "Q1058", WD + "Q15031"]
    egypt_iran = [e for e in doc.events if states(e) == {"Q79", "Q794"}]
    assert [e.type for e in egypt_iran] == ["Talks"]
    deal = [a for a in doc.agreements if {p.removeprefix(WD) for p in a.parties} == {"Q668", "Q148"}]
    assert deal and deal[0].signed == "2024-10-21"


def test_a_statement_concerns_the_states_its_content_names_but_not_where_things_happen(pipe):
    doc = run(pipe, "وأكد الرئيس التركي رجب طيب أردوغان أن بلاده ستواصل دعم قطر في الحرب في السودان.", "2024-05-02")
    st = one(doc, "Statement")
    assert states(st) == {"Q43", "Q846"}  # Turkey speaks about Qatar; Sudan is only where the war is


def test_a_hedged_statement_is_still_said_and_dated(pipe):
    doc = run(pipe, "وأثار الرئيس الفرنسي إيمانويل ماكرون احتمال أن ترسل فرنسا قوات إلى أوكرانيا.", "2024-02-27")
    st = one(doc, "Statement")
    assert st.status == "occurred" and st.date == "2024-02-27"


def test_a_future_verb_of_attending_makes_the_event_planned(pipe):
    doc = run(pipe, "وقال الكرملين إن الرئيس الروسي فلاديمير بوتين سيحضر عرضًا عسكريًا في بكين.", "2025-08-20")
    parade = one(doc, "MilitaryParade")
    assert parade.status == "planned" and parade.date is None
    doc = run(pipe, "وقال مسؤول إن السياسة الخارجية لم تتغير منذ العرض العسكري في بكين الأسبوع الماضي.", "2025-09-10")
    assert all(e.status != "planned" for e in doc.events)


def test_what_is_planned_in_a_story_of_a_named_day_is_that_days_programme(pipe):
    """A planned event takes the day the story names just before (the day's programme), not the report's day by
    default, and none where the sentence says no day is set or only "soon" (the next one of its kind: القمة المقبلة,
    test_summits_named_next_or_in_other_years_stay_apart)."""
    story = ("وصل رئيس الوزراء الياباني إلى سيول يوم الثلاثاء في زيارة رسمية. "
             "ومن المقرر أن يعقد رئيس الوزراء الياباني اجتماعا مع الرئيس الكوري الجنوبي في القصر الرئاسي. ")
    doc = run(pipe, story, "2024-03-06")
    assert one(doc, "Meeting", status="planned").date == "2024-03-05"
    for ending in ("من دون تحديد موعد.", "قريبا."):
        doc = run(pipe, story.replace("الرئاسي. ", "الرئاسي " + ending), "2024-03-06")
        assert one(doc, "Meeting", status="planned").date is None


def test_a_saying_that_opens_on_a_reported_event_is_about_its_states(pipe):
    """kg.extract.about: قال إن المحادثات ...: the talks the article reports, so the other side's state too; a
    saying that opens on no event noun stays its speaker's."""
    talks = "أجرى الرئيس الفرنسي إيمانويل ماكرون محادثات مع المستشار الألماني أولاف شولتس في باريس يوم الاثنين. "
    doc = run(pipe, talks + "وقال ماكرون إن المحادثات كانت مثمرة وصريحة.", "2024-05-07")
    said = one(doc, "Statement")
    assert states(said) == {"Q142", "Q183"} and WD + "Q183" not in said.roles.get("agent", [])
    doc = run(pipe, talks + "وقال ماكرون إن فرنسا تدعم الأمم المتحدة.", "2024-05-07")
    assert states(one(doc, "Statement")) == {"Q142"}


def test_a_saying_of_one_state_that_names_no_one_else_is_no_statement(pipe):
    """kg.extract.about.sayings_naming_no_one: a state talking of itself alone ties it to no one; a saying that
    names another party, or answers something reported (نفت التقارير), stays."""
    doc = run(pipe, "وقال الرئيس الأوكراني فولوديمير زيلينسكي إن بلاده لن تستسلم أبدا.", "2024-02-17")
    assert not [e for e in doc.events if e.type == "Statement"]
    doc = run(pipe, "ونفت وزارة الخارجية الروسية التقارير ووصفتها بأنها كاذبة.", "2024-02-17")
    assert [e.type for e in doc.events] == ["Statement"]


def test_talks_with_a_group_at_a_summit_are_not_the_summit(pipe):
    """kg.extract.coref.add_event: talks one host holds with many counterparts (أكثر من عشرة من نظرائه
    الأفارقة) during the summit he hosts are talks of their own."""
    text = ("افتتح الرئيس الصيني شي جينبينغ يوم الخميس قمة كبرى في بكين بحضور قادة أفارقة. "
            "وأجرى شي يوم الخميس محادثات مع أكثر من عشرة من نظرائه الأفارقة في بكين.")
    doc = run(pipe, text, "2024-09-06")
    assert {e.type for e in doc.events} >= {"Summit", "Talks"}


def test_who_joins_talks_already_reported_takes_part_in_them(pipe):
    """kg.extract.extractor._joining: تشارك تركيا في المفاوضات: Turkey joins the talks of the sentence before."""
    text = ("بدأت في القاهرة يوم الأحد مفاوضات بين إسرائيل وحركة حماس بوساطة مصرية. "
            "وتشارك تركيا في المفاوضات.")
    doc = run(pipe, text, "2025-10-06")
    assert "Q43" in states(one(doc, "Talks"))


def test_a_spokesman_announcing_his_governments_trip_reports_the_trip(pipe):
    """A saying that opens on someone named with all their titles, then the act's verb, is the act's report
    (kg.extract.extractor._subject_then_act); the spokesman, named after his state's nisba and a comma, is that
    state's (kg.extract.actors.read_nationalities)."""
    text = ("أعلن المتحدث الرسمي لوزارة الخارجية القطرية، خالد المحمدي، مساء الاثنين، أن رئيس مجلس الوزراء وزير "
            "الخارجية القطري الشيخ محمد بن عبد الرحمن آل ثاني، سيتوجه صباح الثلاثاء إلى القاهرة.")
    doc = run(pipe, text, "2025-10-06")
    assert [e.type for e in doc.events] == ["Visit"]


def test_the_place_of_what_is_discussed_is_not_where_talks_are_held(pipe):
    """kg.extract.places: بحثا الوضع في ليبيا: Libya is the matter, not the place."""
    text = ("استقبل الرئيس الفرنسي إيمانويل ماكرون الرئيس المصري عبد الفتاح السيسي في باريس يوم الاثنين. "
            "وبحث الرئيسان يوم الاثنين الوضع في ليبيا.")
    doc = run(pipe, text, "2024-05-07")
    assert doc.events and all(not (e.place or "").endswith("/Q1016") for e in doc.events)


def test_what_since_opens_has_its_own_parties_and_his_country_is_acted_on(pipe):
    """kg.extract.roles: منذ اجتياح روسيا بلاده: the invasion is Russia's against the country of the person named
    before; the state he is visiting takes no part in it."""
    text = "وتعد زيارة الرئيس الأوكراني إلى فرنسا أول زيارة خارجية له منذ اجتياح روسيا بلاده في فبراير 2022."
    doc = run(pipe, text, "2022-12-21")
    attack = one(doc, "Attack")
    assert states(attack) == {"Q159", "Q212"} and attack.roles["target"] == [WD + "Q212"]


def test_the_doer_named_in_a_relative_clause_of_the_event(pipe):
    """kg.extract.roles: الحرب التي شنتها روسيا: Russia waged the war the relative clause holds by its pronoun,
    dated by بعد عامين من (kg.timex)."""
    doc = run(pipe, "وتسعى كييف إلى حشد الدعم الغربي بعد عامين من الحرب التي شنتها روسيا.", "2024-02-16")
    war = one(doc, "Attack")
    assert war.roles["agent"] == [WD + "Q159"] and war.date == "2022"


def test_a_meeting_asked_for_is_not_held(pipe):
    """kg.extract.status: طلبت أوكرانيا عقد اجتماع، دعا إلى إجراء محادثات: asked for, speculative; one held
    during which something was asked for (دعا خلال اجتماعه) is not."""
    doc = run(pipe, "وقال الوزير إن أوكرانيا طلبت عقد اجتماع بين رئيسي أوكرانيا وروسيا.", "2025-05-17")
    assert one(doc, "Meeting").status == "speculative"
    doc = run(pipe, "ودعا الرئيس الصيني شي جينبينغ خلال اجتماعه مع الرئيس النيجيري بولا تينوبو إلى التعاون.", "2024-09-04")
    assert one(doc, "Meeting").status == "occurred"


def test_he_says_he_will_stop_to_meet_is_his_own_act(pipe):
    """kg.extract.extractor._he_acts: كتب أردوغان أنه سيتوقف ... للقاء السيسي: what is said opens on "he" and a
    verb, so the speaker acts: the report of his meeting, no statement of its own."""
    text = ("وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة يوم الخميس والتقى نظيره المصري عبد الفتاح السيسي. "
            "وأردوغان الذي قام بجولة خليجية، كتب مساء الأربعاء على منصة إكس، أنه سيتوقف في طريق عودته في القاهرة "
            "للقاء عبد الفتاح السيسي.")
    doc = run(pipe, text, "2024-02-16")
    assert not [e for e in doc.events if e.type == "Statement"]


def test_the_headline_names_the_event_the_body_reports(pipe):
    """kg.extract.coref.headline_events: a title line's signing is the body's, which names more parties."""
    text = ("رسميا.. توقيع اتفاقية تعاون بين مصر والأردن\n"
            "وقع وزير الخارجية المصري ونظيره الأردني والرئيس الفرنسي في باريس يوم الأحد على اتفاقية التعاون بين "
            "القاهرة وعمّان.")
    doc = run(pipe, text, "2024-03-04")
    assert len([e for e in doc.events if e.type == "Signing"]) == 1


def test_a_reference_point_dates_nothing_after_its_clause(pipe):
    """kg.extract.dates: يحكم البلاد منذ 2009، وقد زار الرئيس البلاد: 2009 is when his rule began, not the visit's."""
    text = "وتحكم عائلة بونغو الغابون منذ 1967، وقد زار الرئيس الفرنسي إيمانويل ماكرون البلاد."
    doc = run(pipe, text, "2018-03-02")
    assert one(doc, "Visit").date != "1967"


def test_a_federations_head_is_not_his_state(pipe):
    """kg.extract.roles: قال رئيس الاتحاد الأردني (of the football federation): Jordan does not speak."""
    doc = run(pipe, "وقال رئيس الاتحاد الأردني للصحفيين إن القرار خاطئ.", "2015-05-21")
    assert not [e for e in doc.events if e.type == "Statement"]


def test_talks_moved_or_called_off_are_not_talks_held(pipe):
    """kg.extract.extractor: رفضت نقل المحادثات إلى مسقط، أعلنت إلغاء القمة: the talks are handled, not held."""
    doc = run(pipe, "وأبلغت الولايات المتحدة إيران رفضها نقل المحادثات إلى سلطنة عمان.", "2026-02-04")
    assert not [e for e in doc.events if e.type == "Talks"]
    doc = run(pipe, "وأجرت الولايات المتحدة وإيران محادثات في مسقط يوم الجمعة.", "2026-02-07")
    assert one(doc, "Talks")


def test_a_dual_verb_takes_the_pair_named_before(pipe):
    doc = run(pipe, "وصل رئيس الوزراء الهندي ناريندرا مودي إلى باريس يوم الخميس والتقى الرئيس الفرنسي إيمانويل ماكرون. "
                    "وأجريا محادثات استمرت ساعتين.", "2023-07-14")
    assert any(e.type in ("Talks", "Meeting") and states(e) == {"Q668", "Q142"} for e in doc.events)


def test_a_feared_or_conditional_delivery_is_speculative_and_the_fearful_take_no_part(pipe):
    doc = run(pipe, "وتخشى واشنطن من أن تسلّم إيران صواريخ باليستية إلى روسيا.", "2024-08-10")
    ms = one(doc, "MilitarySupport")
    assert ms.status == "speculative" and states(ms) == {"Q794", "Q159"}
    doc = run(pipe, "وقال الوزير إنه إذا زودت إيران روسيا بالصواريخ فسترد أوروبا.", "2024-08-10")
    assert one(doc, "MilitarySupport").status == "speculative"


def test_an_elided_subject_is_the_person_of_the_main_clause_not_a_capital_in_reported_speech(pipe):
    doc = run(pipe, "أكد الرئيس الإيراني مسعود بزشكيان لرجب طيب أردوغان أن أنقرة ستبقى شريكًا، وذلك خلال زيارة لتركيا.",
              "2024-11-20")
    visit = one(doc, "Visit")
    assert states(visit) == {"Q794", "Q43"}


def test_acts_without_a_type_of_their_own_are_other_events_unless_something_specific_is_said(pipe):
    doc = run(pipe, "وصادق البرلمان التركي على اتفاقية التعاون الدفاعي مع قطر يوم الثلاثاء.", "2024-03-07")
    ratified = one(doc, "Other")
    assert "Q43" in states(ratified) and ratified.date == "2024-03-05"
    assert not [e for e in doc.events if e.type == "Signing"]  # ratifying is not signing
    doc = run(pipe, "والتقى الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء الهندي ناريندرا مودي، ثم حضر الزعيمان مأدبة عشاء.",
              "2023-07-14")
    assert {e.type for e in doc.events} >= {"Meeting", "Other"}
    doc = run(pipe, "وحضر الرئيس الفرنسي إيمانويل ماكرون مأدبة عشاء خلال زيارته إلى الهند.", "2023-07-14")
    assert "Other" not in {e.type for e in doc.events}  # the visit says more than the banquet


def test_conjunction_before_a_verb_with_al_and_a_taa_noun_with_a_pronoun_are_triggers(pipe):
    doc = run(pipe, "والتقى الرئيس الفرنسي إيمانويل ماكرون رئيس الوزراء الهندي ناريندرا مودي في باريس.", "2023-07-14")
    assert states(one(doc, "Meeting")) == {"Q142", "Q668"}  # و + التقى, not و + ال + تقى
    doc = run(pipe, "وحضر الرئيس الفرنسي إيمانويل ماكرون عرضًا عسكريًا خلال زيارته إلى الهند.", "2024-01-27")
    assert "Visit" in {e.type for e in doc.events}  # زيارته = زيارة + ه


def test_the_day_something_was_said_does_not_date_the_story_after_it(pipe):
    text = ("أعلن الكرملين الخميس أن الرئيس الروسي فلاديمير بوتين وصل إلى بكين. "
            "وأجرى بوتين محادثات مع الرئيس الصيني شي جين بينغ.")
    doc = run(pipe, text, "2024-05-17")  # a Friday: الخميس = 2024-05-16
    talks = one(doc, "Talks")
    assert talks.date != "2024-05-16"


def test_reception_talks_brokered_agreement_and_exercises_at_sea(pipe):
    doc = run(pipe, (ARTICLES / "sa_ir_talks.txt").read_text(encoding="utf-8"), "2024-10-10")  # a Thursday
    met = [e for e in doc.events if e.type in ("Meeting", "Talks") and states(e) == {"Q851", "Q794"}]
    assert met and met[0].date == "2024-10-09" and met[0].place == WD + "Q3692"  # Riyadh, on Wednesday
    ag = doc.agreements[0]
    assert {p.removeprefix(WD) for p in ag.parties} == {"Q851", "Q794"} and ag.signed == "2023-03"  # China brokered it
    assert one(doc, "Visit", status="planned").date == "2024-11"
    drill = one(doc, "Exercise")
    assert states(drill) == {"Q851", "Q794"}  # بحر عمان is a sea, Oman takes no part


def test_a_later_clause_of_time_dates_its_own_event(pipe):
    text = ("التقى وزير الخارجية التركي هاكان فيدان نظيره المصري بدر عبد العاطي في القاهرة يوم الأحد. "
            "وبحث الوزيران الوضع في غزة، بعد اتفاق وقعه البلدان يوم 3 سبتمبر 2024.")
    doc = run(pipe, text, "2024-09-16")
    talks = [e for e in doc.events if e.type in ("Talks", "Meeting")]
    assert talks and all(e.date == "2024-09-15" for e in talks)


def test_signing_far_from_its_noun_gift_to_a_guest_hijri_date_and_an_agreement_referred_back(pipe):
    doc = run(pipe, (ARTICLES / "tr_az_treaty.txt").read_text(encoding="utf-8"), "2024-10-02")  # a Wednesday
    assert one(doc, "Signing").date == "2024-10-01"  # وقّع ...، أمس الثلاثاء، اتفاقية: the noun is 11 words on
    assert states(one(doc, "Gift")) == {"Q43", "Q227"}  # أهدى أردوغان ضيفه: the guest is Aliyev
    assert one(doc, "Meeting").date == "2024-03-25"  # 15 رمضان 1445 هـ
    assert states(one(doc, "Statement")) == {"Q159"}  # بينما لم تعلق أرمينيا: not what Russia said
    [ag] = doc.agreements  # الاتفاقية in a later sentence is the same treaty, not another
    assert ag.type == "DefenseTreaty" and ag.name_ar == "اتفاقية للتعاون الدفاعي" and len(ag.more_evidence) == 1


def test_an_organisation_summit_a_pledge_to_send_arms_and_a_first_meeting_since(pipe):
    doc = run(pipe, (ARTICLES / "nato_summit.txt").read_text(encoding="utf-8"), "2024-07-12")  # a Friday
    summit = one(doc, "Summit")
    assert summit.participants == [WD + "Q7184"] and summit.date == "2024-07-11"  # NATO, on Thursday
    pledge = one(doc, "MilitarySupport")
    assert states(pledge) == {"Q30", "Q183", "Q55", "Q212"} and pledge.status == "planned"  # سترسل
    # أعلن بايدن أن الولايات المتحدة ... سترسل: the announcement is the pledge's report, no statement of its own
    assert not [e for e in doc.events if e.type == "Statement" and e.trigger.text == "وأعلن"]
    scholz = one(doc, "Meeting", states=[WD + "Q183", WD + "Q145"])
    assert scholz.date != "2024-07-05"  # منذ تولي ستارمر منصبه في 5 يوليو: a reference point


def test_a_phone_call_and_a_tour_of_several_states(pipe):
    doc = run(pipe, (ARTICLES / "cn_africa.txt").read_text(encoding="utf-8"), "2025-02-17")
    call = one(doc, "Talks")
    assert states(call) == {"Q148", "Q258"} and call.date == "2025-02-17"  # اتصالا هاتفيا، اليوم الاثنين
    # قمة ... التي استضافتها بكين: hosting a summit is no meeting (that would join the call as a one-sided detail)
    assert len(call.participants) == 2 and not [e for e in doc.events if e.type == "Meeting"]
    [tour] = [e for e in doc.events if e.type == "Visit"]  # زار ...، في جولة أفريقية: one visit
    assert states(tour) == {"Q148", "Q79", "Q948", "Q945", "Q1008"} and tour.date == "2025-01"
    assert [p.removeprefix(WD) for p in tour.participants] == ["Q701801"]  # the states visited are not visitors


def test_a_round_of_talks_is_no_tour_and_a_negation_after_wa_still_negates(pipe):
    doc = run(pipe, "وأعلنت الخارجية القطرية استضافة جولة جديدة من المحادثات بين الولايات المتحدة وإيران في الدوحة.", "2024-06-01")
    assert "Visit" not in {e.type for e in doc.events} and "Talks" in {e.type for e in doc.events}
    doc = run(pipe, "ولن يلتقي الرئيس الأمريكي جو بايدن الرئيس الروسي فلاديمير بوتين خلال القمة.", "2024-06-01")
    assert [e.status for e in doc.events if e.type in ("Meeting", "Summit", "Talks")] == ["denied"]


def test_an_armed_group_acts_and_is_met_and_a_denied_supply(pipe):
    doc = run(pipe, (ARTICLES / "ye_red_sea.txt").read_text(encoding="utf-8"), "2025-01-20")  # a Monday
    launch = one(doc, "MissileLaunch")
    assert launch.participants == [WD + "n-houthis"] and states(launch) == {"Q801"}  # at Eilat, Israel
    assert launch.date == "2025-01-18"  # مساء السبت
    assert one(doc, "MilitarySupport").status == "denied"  # نفت إيران تزويد الحوثيين
    met = one(doc, "Meeting")
    assert WD + "n-houthis" in met.participants and met.date == "2024-12-12"  # التقى ... وفدًا من الحوثيين
    assert one(doc, "Talks", status="planned")  # جولة جديدة من المفاوضات: a round, not a tour


def test_a_noun_and_nisba_after_the_verb_are_its_subject(pipe):
    doc = run(pipe, "وقال مسؤول أمريكي إن واشنطن ستواصل دعم أوكرانيا.", "2024-03-01")
    assert "Q30" in states(one(doc, "Statement"))
    doc = run(pipe, "أطلق الجيش الكوري الشمالي صاروخا باليستيا باتجاه البحر الشرقي.", "2024-03-01")
    assert states(one(doc, "MissileLaunch")) == {"Q423"}
    doc = run(pipe, "وأشاد بالجيش الروسي في كلمته.", "2024-03-01")
    assert not doc.events  # بالجيش: what is praised, not who speaks


def test_three_party_talks_an_accusation_an_asserted_qad_and_a_welcome_that_takes_no_part(pipe):
    doc = run(pipe, (ARTICLES / "eg_et_dam.txt").read_text(encoding="utf-8"), "2024-02-05")  # a Monday
    talks = [e for e in doc.events if e.type == "Talks" and e.status == "occurred"]
    assert [(sorted(states(e)), e.date) for e in talks] == [(["Q1049", "Q115", "Q79"], "2024-02-04")]  # أمس الأحد
    assert "Q115" in states(one(doc, "Accusation", trigger=next(e.trigger for e in doc.events if e.trigger.text == "اتهم")))
    assert one(doc, "Exercise").status == "occurred"  # قد أجرتا: قد + a past verb asserts
    assert one(doc, "Talks", status="planned").date == "2024-02"  # الأسبوع المقبل


def test_circumstance_is_no_party_and_a_bare_definite_event_noun_refers_back(pipe):
    doc = run(pipe, (ARTICLES / "jp_kr_visit.txt").read_text(encoding="utf-8"), "2025-09-12")  # a Friday
    visit = one(doc, "Visit", date="2025-09-12")
    assert states(visit) == {"Q17", "Q884"}  # Japan to South Korea
    assert visit.more_evidence  # انتقدت كوريا الشمالية الزيارة: the same visit, criticised
    assert not [e for e in doc.events if e.type == "Visit" and states(e) == {"Q423"}]  # not a North Korean visit
    talks = one(doc, "Talks", date="2025-09-12")
    assert states(talks) == {"Q17", "Q884"}  # في ظل التوتر مع كوريا الشمالية: context, not a party
    assert states(one(doc, "Signing")) == {"Q17", "Q884"}  # ووقع البلدان
    assert states(one(doc, "Summit", status="planned")) == {"Q17", "Q884", "Q148"}  # قمة ثلاثية مع الصين
    assert one(doc, "Summit", status="planned").date == "2026"  # العام المقبل
    assert "Q423" in states(one(doc, "Condemnation"))  # انتقدت: a kind of statement
    assert one(doc, "Visit", date="2025-08").status == "occurred"  # وكان ... قد زار طوكيو في أغسطس الماضي
    (mou,) = doc.agreements
    assert set(mou.parties) == {WD + "Q17", WD + "Q884"} and mou.signed == "2025-09-12"


def test_one_speaker_for_a_singular_verb_and_the_host_named_in_a_relative_clause(pipe):
    doc = run(pipe, (ARTICLES / "de_ua_arms.txt").read_text(encoding="utf-8"), "2024-05-14")
    assert states(one(doc, "MilitarySupport")) == {"Q183", "Q212"}  # Germany delivered to Ukraine
    said = one(doc, "Statement", trigger=next(e.trigger for e in doc.events if e.trigger.text == "وقال"))
    assert said.participants == [WD + "Q3874799"]  # وشكر زيلينسكي شولتس ...، وقال: Zelensky, not Scholz
    summit = one(doc, "Summit", status="planned")
    assert states(summit) == {"Q212", "Q39"} and summit.date == "2024-06"  # التي تستضيفها سويسرا الشهر المقبل
    assert one(doc, "Signing").date == "2024-02"  # ووقع الزعيمان حينها: then, in February
    (pact,) = doc.agreements
    assert set(pact.parties) == {WD + "Q183", WD + "Q212"}


def test_a_dual_verb_keeps_both_speakers(pipe):
    doc = run(pipe, "التقى بوتين شي جين بينغ في موسكو، وقالا إن العلاقات ممتازة.", "2024-05-14")
    assert len(one(doc, "Statement").participants) == 2


def test_invited_visit_is_no_event_exercises_count_and_a_future_signing_is_planned(pipe):
    doc = run(pipe, (ARTICLES / "ir_ru_invite.txt").read_text(encoding="utf-8"), "2024-12-16")  # a Monday
    invitation = one(doc, "Invitation", date="2024-12-15")  # مساء الأحد
    assert states(invitation) == {"Q159", "Q794"}
    # دعوة إلى نظيره ... لزيارة موسكو, and later "على أن تحدد الزيارة": the visit asked for, not one made
    assert not [e for e in doc.events if e.type == "Visit"]
    assert invitation.more_evidence
    # طهران - ...، خلال اتصال هاتفي: a phone call happens in no one city, the dateline is where the report was filed
    assert invitation.place is None and one(doc, "Talks").place is None
    exercises = one(doc, "Exercise")  # وصلت سفن حربية ... للمشاركة في مناورات: arriving ships are no visit
    assert states(exercises) == {"Q159", "Q794"}
    gift = one(doc, "Gift")
    assert gift.date == "2024-10" and gift.place.endswith("Q23438")  # في عشق آباد: an in-person event keeps its place
    (pact,) = doc.agreements
    assert pact.status == "planned"  # ستوقعان قريبا


def test_visit_dated_by_its_second_trigger_two_presidents_and_a_joint_declaration(pipe):
    doc = run(pipe, (ARTICLES / "tr_eg_visit.txt").read_text(encoding="utf-8"), "2024-02-15")  # a Thursday
    # وصل ... إلى القاهرة يوم الأربعاء في أول زيارة: one visit, dated by the day nearer its second trigger
    # (and the foreign minister's visit to Ankara the story recalls, وكان ... قد زار أنقرة في أبريل 2023)
    (visit,) = [e for e in doc.events if e.type == "Visit" and e.date != "2023-04"]
    assert [states(e) for e in doc.events if e.type == "Visit" and e.date == "2023-04"] == [{"Q43", "Q79"}]
    assert visit.date == "2024-02-14" and states(visit) == {"Q43", "Q79"} and visit.place.endswith("Q85")
    # "the two presidents" with no earlier encounter of two: the last two people named (Erdogan, then el-Sisi)
    talks = one(doc, "Talks", date="2024-02-14")
    assert len(talks.participants) == 2 and states(talks) == {"Q43", "Q79"}
    (decl,) = doc.agreements  # ووقعا إعلانا مشتركا
    assert decl.signed == "2024-02-14" and {p.removeprefix(WD) for p in decl.parties} == {"Q43", "Q79"}
    # "Turkey is ready to supply Egypt with drones": an offer, not a delivery
    assert one(doc, "MilitarySupport").status == "speculative"
    assert one(doc, "Invitation").date == "2024-02-14"


def test_lexicon_words_are_compared_in_normalised_form():
    from kg.extract import load_agreement_nouns, load_triggers
    from kg.text import normalize

    words = [w for t in load_triggers() for w in t.stems + t.requires]
    words += [w for _, stems, qual in load_agreement_nouns() for w in stems + qual]
    assert words and all(normalize(w) == w for w in words)  # قذائف in the file is matched as قذايف


def test_troops_shells_and_a_treaty(pipe):
    doc = run(pipe, (ARTICLES / "kp_ru_troops.txt").read_text(encoding="utf-8"), "2024-10-18")  # a Friday
    assert states(one(doc, "Deployment")) == {"Q423", "Q159"}  # أرسلت ... جندي ... إلى روسيا
    shells = one(doc, "MilitarySupport")  # زودت موسكو منذ أغسطس/آب 2023 بأكثر من 13 ألف حاوية من قذائف
    assert shells.date == "2023-08" and states(shells) == {"Q423", "Q159"}
    signing = one(doc, "Signing", date="2024-06-19")
    assert signing.place.endswith("Q18808")  # في بيونغيانغ
    (treaty,) = doc.agreements
    assert treaty.type == "Partnership" and treaty.signed == "2024-06-19"


@pytest.fixture(scope="module")
def model_pipe():
    return Pipeline(ner="stanza")


def test_people_new_to_the_catalog_take_the_state_of_the_nisba_before_their_name(model_pipe):
    doc = run(model_pipe, (ARTICLES / "kp_parade.txt").read_text(encoding="utf-8"), "2025-10-11")  # a Saturday
    parade = one(doc, "MilitaryParade", date="2025-10-10")  # مساء الجمعة
    assert states(parade) == {"Q423", "Q159", "Q148"}
    # أجرى كيم محادثات مع لي هونغ تشونغ: Li is new to the catalog; "... الصيني لي هونغ تشونغ" makes him Chinese,
    # so the talks have two sides and are kept
    talks = one(doc, "Talks", date="2025-10-10")
    assert states(talks) == {"Q423", "Q148"} and len(talks.participants) == 2
    assert one(doc, "Visit").date == "2025-09"  # الشهر الماضي


def test_an_organisation_with_a_nisba_in_its_name_speaks(model_pipe):
    # قالت وكالة الاستخبارات الوطنية الكورية الجنوبية: the agency (not in the catalog, found by the model) is the
    # speaker; its nisba's state and the states its content names are the statement's
    doc = run(model_pipe, (ARTICLES / "kp_ru_troops.txt").read_text(encoding="utf-8"), "2024-10-18")
    said = one(doc, "Statement", date="2024-10-17")
    assert len(said.participants) == 1 and "Q884" in states(said) and {"Q423", "Q159"} <= states(said)
    denial = one(doc, "Statement", status="denied")  # ونفت وزارة الخارجية الروسية
    assert [p.removeprefix(WD) for p in denial.participants] == ["n-mfa-Q159"]


def test_an_organisation_after_a_preposition_is_no_speaker(pipe):
    doc = run(pipe, "كما أشاد بالجيش الروسي الذي يشن هجوما في أوكرانيا منذ أكثر من عام.", "2023-09-14")
    assert not [e for e in doc.events if e.type == "Statement" and any("armed-forces" in p for p in e.participants)]


def test_summit_list_goes_on_sidelines_place_and_an_organisation_speaks(pipe):
    doc = run(pipe, (ARTICLES / "sco_astana.txt").read_text(encoding="utf-8"), "2024-07-04")  # a Thursday
    summit = one(doc, "Summit", status="occurred")
    # بمشاركة قادة الدول الأعضاء، وفي مقدمتهم شي ... وبوتين: the list of participants goes on past the comma
    assert {"Q148", "Q159"} <= states(summit) and summit.date == "2024-07-03" and summit.place.endswith("Q1520")
    meeting = one(doc, "Meeting")  # والتقى بوتين وشي على هامش القمة: where the summit was
    assert states(meeting) == {"Q148", "Q159"} and meeting.place == summit.place
    # كما عقد أردوغان، الذي حضر القمة بصفته ضيفا، لقاء مع بوتين بحثا خلاله: Erdogan and Putin, not Xi and Putin
    talks = one(doc, "Talks")
    assert states(talks) == {"Q43", "Q159"}
    # وأعلنت المنظمة انضمام بيلاروسيا: the organisation speaks, Belarus is what it announced
    said = [e for e in doc.events if e.type == "Statement" and "Q184" in states(e)]
    assert [p.removeprefix(WD) for p in said[0].participants] == ["Q485207"]
    # تستضيف الصين القمة المقبلة للمنظمة: an organisation's summit with one host state is kept
    assert states(one(doc, "Summit", status="planned")) == {"Q148"}


def test_a_hosted_round_of_talks_a_planned_round_and_a_flashback_day(pipe):
    doc = run(pipe, (ARTICLES / "us_ir_doha.txt").read_text(encoding="utf-8"), "2025-04-15")  # a Tuesday
    # استضافت العاصمة القطرية الدوحة، أمس الاثنين، جولة جديدة من المحادثات: a round of talks (not a tour),
    # dated by the day before it, held where the host is
    talks = one(doc, "Talks", status="occurred")
    assert talks.date == "2025-04-14" and talks.place.endswith("Q3861") and states(talks) == {"Q30", "Q794"}
    assert talks.trigger.text == "جولة جديدة من المحادثات"
    # اتفقا على عقد جولة ثانية في مسقط الأسبوع المقبل: the next round, planned, in Muscat; no visit
    nxt = one(doc, "Talks", status="planned")
    assert nxt.place.endswith("Q3826") and states(nxt) == {"Q30", "Q794"}
    assert not [e for e in doc.events if e.type == "Visit"]
    # وكان عراقجي قد التقى ... يوم الأحد: that Sunday does not date the Saudi welcome reported after it
    assert one(doc, "Meeting").date == "2025-04-13"
    welcome = [e for e in doc.events if e.type == "Statement" and states(e) == {"Q851"}]
    assert welcome and welcome[0].date != "2025-04-13"


def test_a_signing_named_after_long_titles_and_its_later_mention(pipe):
    doc = run(pipe, (ARTICLES / "sa_pk_pact.txt").read_text(encoding="utf-8"), "2025-09-18")  # a Thursday
    # وقع ولي العهد السعودي الأمير محمد بن سلمان ورئيس الوزراء الباكستاني شهباز شريف، يوم الأربعاء، اتفاقية:
    # the agreement noun comes 17 words after the verb
    signing = only(doc, "Signing", status="occurred")  # وجاء توقيع الاتفاقية: the same
    assert states(signing) == {"Q851", "Q843"} and signing.date == "2025-09-17" and signing.place.endswith("Q3692")
    assert signing.more_evidence
    (pact,) = [a for a in doc.agreements if a.status == "occurred"]
    assert pact.type == "DefenseTreaty" and pact.signed == "2025-09-17"
    # لتوقيع مذكرات تفاهم (plural) on the visit expected next year: planned
    assert [(a.type, a.signed) for a in doc.agreements if a.status == "planned"] == [("Other", "2026")]
    # يزور ولي العهد السعودي إسلام آباد: Islamabad is where the visit goes, not Pakistan acting
    assert not [e for e in doc.events if e.type == "Visit" and WD + "Q843" in e.participants and e.status == "planned"]


def test_a_rumoured_visit_a_spokesman_and_a_denied_deployment(pipe):
    doc = run(pipe, (ARTICLES / "kp_ru_rumour.txt").read_text(encoding="utf-8"), "2025-04-09")  # a Wednesday
    visit = one(doc, "Visit")  # قد يزور موسكو الشهر المقبل، غير أن الكرملين لم يؤكد ذلك
    assert visit.status == "speculative" and visit.date == "2025-05" and states(visit) == {"Q423", "Q159"}
    assert one(doc, "Statement").date == "2025-04-08"  # أمس الثلاثاء
    talks = one(doc, "Talks", date="2025-04-05")  # يوم السبت الماضي
    assert states(talks) == {"Q159", "Q423"} and talks.place.endswith("Q18808")
    assert one(doc, "Deployment").status == "denied"  # نفت ... تقارير عن نية بكين إرسال قوات


def test_one_summit_named_twice_and_a_visit_to_a_state_joined_by_lam(pipe):
    doc = run(pipe, (ARTICLES / "cn_arab.txt").read_text(encoding="utf-8"), "2022-12-10")  # a Saturday
    # في زيارة دولة للمملكة العربية السعودية: Saudi Arabia is where the visit goes, not a visitor
    visit = one(doc, "Visit", date="2022-12-07")
    assert [p.removeprefix(WD) for p in visit.participants] == ["Q15031"] and states(visit) == {"Q148", "Q851"}
    # يشارك خلالها في القمة الصينية العربية ... وعقدت القمة الصينية العربية يوم الجمعة: one summit, that Friday
    summit = only(doc, "Summit")
    assert summit.date == "2022-12-09" and {"Q148", "Q79", "Q846"} <= states(summit) and summit.more_evidence
    signing = one(doc, "Signing", date="2022-12-08")  # حيث وقع الجانبان
    assert states(signing) == {"Q148", "Q851"}
    (pact,) = doc.agreements
    assert pact.type == "Partnership" and pact.signed == "2022-12-08"


def test_summits_named_next_or_in_other_years_stay_apart(pipe):
    text = ("حضرت مصر والأردن القمة العربية في جدة يوم 19 مايو 2023. ومن المقرر أن تحضر مصر والأردن القمة العربية "
            "المقبلة في البحرين. وكانت مصر والأردن قد حضرتا القمة العربية في الجزائر في نوفمبر 2022.")
    doc = run(pipe, text, "2023-05-20")
    summits = sorted((e.date or "", e.status) for e in doc.events if e.type == "Summit")
    assert summits == [("", "planned"), ("2022-11", "occurred"), ("2023-05-19", "occurred")]


def test_an_order_conferred_plural_memoranda_a_hosted_dinner_and_a_target_year(pipe):
    doc = run(pipe, (ARTICLES / "in_ru_visit.txt").read_text(encoding="utf-8"), "2024-07-10")  # a Wednesday
    assert states(one(doc, "Gift", date="2024-07-09")) == {"Q159", "Q668"}  # ومنح بوتين ضيفه وسام
    # رفع حجم التبادل التجاري ... بحلول عام 2030، ووقعا تسع مذكرات تفاهم: 2030 is a target, not the signing's date
    signing = one(doc, "Signing")
    assert signing.date == "2024-07-09" and states(signing) == {"Q159", "Q668"}
    assert [a.signed for a in doc.agreements] == ["2024-07-09"]
    # وكان بوتين قد استضاف مودي مساء الاثنين ... قرب موسكو: a meeting the evening before, near (not by) Moscow
    dinner = one(doc, "Meeting", date="2024-07-08")
    assert WD + "Q159" not in dinner.participants and states(dinner) == {"Q159", "Q668"}


def test_amman_a_statement_place_a_scheduled_summit_and_the_two_countries(pipe):
    doc = run(pipe, (ARTICLES / "jo_iq.txt").read_text(encoding="utf-8"), "2024-03-25")  # a Monday
    talks = one(doc, "Talks", date="2024-03-24")  # الأحد 14 رمضان 1445 هـ الموافق 24 مارس 2024
    assert states(talks) == {"Q810", "Q796"} and talks.place.endswith("Q3805")  # عمّان (بترا): Amman, not Oman
    # أكد الملك ضرورة ... وقف فوري لإطلاق النار في غزة: Gaza is what he spoke of, not where; he spoke that day
    # at the talks he held, so in Amman
    assert one(doc, "Statement").place == talks.place
    summit = one(doc, "Summit")  # القمة الثلاثية ... المقرر عقدها في بغداد الشهر المقبل
    assert summit.status == "planned" and summit.date == "2024-04" and states(summit) == {"Q810", "Q79", "Q796"}
    # وكان البلدان قد وقعا في عام 2019: the two states, not the people who met this week
    signing = one(doc, "Signing", date="2019")
    assert {p.removeprefix(WD) for p in signing.participants} == {"Q810", "Q796"}


def test_a_summit_with_a_dual_suffix_a_dual_verb_with_objects_only_and_no_agreement_reached(pipe):
    doc = run(pipe, (ARTICLES / "eu_cn.txt").read_text(encoding="utf-8"), "2025-07-25")
    summit = one(doc, "Summit", date="2025-07-24")  # عقد الاتحاد الأوروبي والصين قمتهما
    assert "Q148" in states(summit) and summit.place.endswith("Q956")
    # وترأست فون دير لاين ... وفد الاتحاد، والتقيا الرئيس الصيني: von der Leyen met Xi (the dual verb's subject
    # is the clause before), reported as part of the summit that day
    assert {WD + "Q15031", WD + "n-ursula-von-der-leyen"} <= set(summit.participants)
    assert one(doc, "Statement", date="2025-07-24").participants == [WD + "Q15031"]  # وحث شي
    (no_deal,) = doc.agreements  # لكنهما لم يتوصلا إلى اتفاق
    assert no_deal.status == "denied"


def test_troops_arriving_a_ruler_in_a_state_and_the_city_where_it_happened(model_pipe):
    doc = run(model_pipe, (ARTICLES / "ml_ru.txt").read_text(encoding="utf-8"), "2025-06-13")  # a Friday
    # وصلت دفعة جديدة من عناصر "الفيلق الأفريقي" الروسي إلى مالي: a deployment, not a visit
    deployment = one(doc, "Deployment")
    assert states(deployment) == {"Q912", "Q159"} and not [e for e in doc.events if e.type == "Visit"]
    # رئيس المجلس العسكري الحاكم في مالي الجنرال أسيمي غويتا (new to the catalog) is Mali's side of the talks,
    # held in Bamako (the dateline city, in the state named), not "in Mali" of his title
    talks = one(doc, "Talks", date="2025-06-10")
    assert states(talks) == {"Q912", "Q159"} and talks.place.endswith("Q3703")


def test_a_dateline_city_outside_the_destination_is_not_the_place(pipe):
    doc = run(pipe, "موسكو - وصل الرئيس الصيني شي جين بينغ إلى كازاخستان يوم الثلاثاء في زيارة دولة.", "2024-07-04")
    assert one(doc, "Visit").place.endswith("Q232")
    doc = run(pipe, "أنقرة - زار الرئيس الإيراني مسعود بزشكيان تركيا يوم الاثنين.", "2024-07-04")
    assert one(doc, "Visit").place.endswith("Q3640")  # Ankara, in Turkey: more precise than Turkey


def test_a_planned_tour_a_meeting_and_its_purpose_and_a_carrier_sent(pipe):
    doc = run(pipe, (ARTICLES / "us_me_tour.txt").read_text(encoding="utf-8"), "2024-09-13")
    tour = one(doc, "Visit")  # سيتوجه ... في جولة تشمل مصر وقطر وإسرائيل
    assert tour.status == "planned" and {"Q79", "Q846", "Q801"} <= states(tour)
    one(doc, "Meeting", status="planned")  # سيلتقي الرئيس المصري ... وأمير قطر
    # ...، لبحث مقترح وقف إطلاق النار: the purpose of that meeting, not talks that took place
    assert not [e for e in doc.events if e.type == "Talks" and e.status == "occurred" and e.date != "2024-08-19"]
    assert states(one(doc, "Talks", date="2024-08-19")) == {"Q30", "Q801"}  # اجتمع ... في 19 أغسطس
    carrier = one(doc, "Deployment")  # سترسل حاملة طائرات: a ship sent, not arms supplied
    assert carrier.status == "planned" and not [e for e in doc.events if e.type == "MilitarySupport"]


def test_the_head_of_an_organisation_acts_for_it_not_for_the_state_they_once_led(pipe):
    # Stoltenberg led Norway's government; as NATO's secretary-general in 2022 he brings no Norway to the meeting
    doc = run(pipe, "والتقى الأمين العام لحلف الناتو ينس ستولتنبرغ الرئيس الأمريكي جو بايدن في واشنطن أمس.", "2022-06-01")
    met = next(e for e in doc.events if e.type in ("Meeting", "Talks"))
    assert WD + "Q57665" in met.participants and "Q20" not in states(met)


def test_a_match_a_club_or_a_transfer_is_no_geopolitical_event(pipe):
    # national teams are not states meeting, a player's contract is no agreement (our own sentences)
    doc = run(pipe, "ويلتقي المنتخب البرازيلي نظيره الأرجنتيني في نهائي البطولة يوم الأحد.", "2015-06-01")
    assert not doc.events
    doc = run(pipe, "ووقع اللاعب الإسباني عقدا جديدا مع النادي الفرنسي لمدة ثلاث سنوات.", "2015-06-01")
    assert not doc.events and not doc.agreements
    # an office holder in office is still a political actor, even at a match
    doc = run(pipe, "والتقى الرئيس الروسي فلاديمير بوتين الرئيس الفرنسي إيمانويل ماكرون في الملعب قبل المباراة.", "2018-07-15")
    assert [e.type for e in doc.events if e.type in ("Meeting", "Talks")]


def test_what_is_said_at_an_encounter_happened_at_its_place(pipe):
    # our own sentences: the summit is in Helsinki; what Putin says that day, he says there
    text = ("عقد الرئيس الروسي فلاديمير بوتين والرئيس الأمريكي دونالد ترامب قمة في هلسنكي يوم الاثنين. "
            "وقال بوتين يوم الاثنين إن المحادثات كانت صريحة.")
    doc = run(pipe, text, "2018-07-17")
    said = one(doc, "Statement")
    summit = next(e for e in doc.events if e.type in ("Summit", "Meeting", "Talks"))
    assert summit.place and said.place == summit.place


def test_a_whole_sports_report_makes_no_events_even_where_a_sentence_has_no_sport_word(pipe):
    # our own report: many sport words in the article, and a coach's remark with none in its sentence
    text = ("فاز المنتخب البرتغالي على نظيره الإسباني في المباراة النهائية للبطولة. "
            "وسجل اللاعب هدفين في الملعب. "
            "وقال المدرب البرتغالي إن الفريق سيزور مدريد الأسبوع المقبل.")
    doc = run(pipe, text, "2015-06-01")
    assert not doc.events


def test_an_agreement_noun_is_typed_by_its_qualifier(pipe):
    doc = run(pipe, "ووقع الرئيس الأوكراني والرئيس الفرنسي اتفاقية أمنية في باريس أمس.", "2024-02-17")
    assert [a.type for a in doc.agreements] == ["DefenseTreaty"]
    doc = run(pipe, "ووقعت الإمارات وإسرائيل اتفاق سلام في واشنطن أمس.", "2020-09-16")
    assert [a.type for a in doc.agreements] == ["Treaty"]


def test_the_agreement_followed_by_a_verb_is_the_one_already_named(pipe):
    text = ("ووقعت أوكرانيا وفرنسا اتفاقية أمنية في باريس أمس. "
            "وقال الرئيس الفرنسي إن الاتفاقية ستغطي عشر سنوات، ووصف المستشار الألماني الاتفاقية بأنها خطوة تاريخية.")
    doc = run(pipe, text, "2024-02-17")
    assert len(doc.agreements) == 1 and doc.agreements[0].more_evidence


def test_agreements_in_general_are_no_agreement(pipe):
    doc = run(pipe, "وأكد الوزيران التزام البلدين بالاتفاقيات الدولية، وستقام مراسم توقيع سلسلة من الاتفاقيات الثنائية.", "2024-09-04")
    assert not doc.agreements


def test_a_day_after_since_dates_no_later_event(pipe):
    """"The first visit since his term began on 7 May": that day is a reference point; the meeting reported
    next, inside a source attribution, is dated by its own Thursday, not by it."""
    text = ("وصل الرئيس الروسي فلاديمير بوتين إلى بكين يوم الخميس. "
            "وتعد هذه أول زيارة خارجية يقوم بها بوتين منذ أن بدأ فترة ولايته الرئاسية الخامسة في 7 مايو. "
            "وذكرت وسائل إعلام صينية أن الرئيس الصيني شي جين بينغ هنأ بوتين عندما التقيا بعد ظهر الخميس.")
    doc = run(pipe, text, "2024-05-16")  # a Thursday
    meeting = one(doc, "Meeting")
    assert states(meeting) == {"Q148", "Q159"} and meeting.date == "2024-05-16"
    # 7 May dates the start of the term (an event of its own) and nothing else
    assert {e.type for e in doc.events if e.date == "2024-05-07"} == {"Inauguration"}


def test_a_planned_phrase_governs_its_clause():
    """من المقرر أن يقيم الرئيس مأدبة: the dinner is planned though five words lie between; ستقام مراسم: a future
    passive of holding; a clause of time after a comma is not governed."""
    from kg.extract.status import status
    from kg.text import normalize

    def st(text, trigger):
        words = [normalize(w) for w in text.replace("،", " ، ").split()]
        i = words.index(normalize(trigger))
        return status(words, i, i + 1)

    assert st("ومن المقرر أن يقيم الرئيس التركي مأدبة عشاء", "مأدبة") == "planned"
    assert st("وستقام مراسم توقيع الاتفاقية غدا", "توقيع") == "planned"
    assert st("ومن المقرر أن يلتقي الوزيران، بعد أن وقعت بلادهما اتفاقية", "وقعت") == "occurred"


def test_bodies_named_between_are_the_sides_of_talks(pipe):
    """مفاوضات بين حماس وإسرائيل: the movement is a side of the talks, as the state is."""
    doc = run(pipe, "يتوجه وزير الخارجية المصري إلى الدوحة للمشاركة في مفاوضات بين حماس وإسرائيل بشأن وقف إطلاق النار.",
              "2025-10-06")
    talks = one(doc, "Talks")
    assert WD + "n-hamas" in talks.participants and WD + "Q801" in talks.participants   # Hamas (no verified id), Israel


def test_a_state_inside_a_name_is_no_actor(pipe):
    """سوق أبوظبي، بنك قطر الوطني، جامعة الإمارات: a market, a bank or a university named after a state or its
    capital makes no state act (the index 'arriving at' a level is no visit)."""
    for text in ("ارتفع مؤشر سوق أبوظبي للأوراق المالية أمس ووصل إلى 2500 نقطة.",
                 "وقال مستشار الاستثمار في بنك قطر الوطني إن الأسواق ستتعافى قريبا.",
                 "واستقبلت جامعة الإمارات وفدا من الطلبة الزائرين."):
        doc = run(pipe, text, "2015-06-01")
        assert doc.events == [], (text, [(e.type, e.states) for e in doc.events])


def test_where_a_traveller_comes_from_takes_no_part(pipe):
    text = "وصل الرئيس التركي رجب طيب أردوغان إلى الدوحة قادما من طهران، والتقى أمير قطر تميم بن حمد آل ثاني يوم الأحد."
    doc = run(pipe, text, "2024-09-16")
    met = [e for e in doc.events if e.type in ("Meeting", "Visit")]
    assert met and all(states(e) == {"Q43", "Q846"} for e in met)  # Turkey, Qatar; not Iran


def test_a_weekday_in_brackets_is_no_dateline_and_a_concession_names_no_party(pipe):
    text = "تسلمت مصر أمس (الخميس) أول دفعة من طائرات رافال الفرنسية رغم تحذيرات موسكو."
    doc = run(pipe, text, "2024-09-13")
    arms = one(doc, "MilitarySupport")
    assert states(arms) == {"Q79", "Q142"} and arms.place is None  # Egypt, France; Moscow only warned
    assert arms.date == "2024-09-12"


def test_a_capital_named_after_its_description_is_a_place_and_a_sidelines_meeting_is_no_summit(pipe):
    text = ("قال وزير الخارجية المصري إن محادثات مع الولايات المتحدة ستعقد في العاصمة القطرية الدوحة يوم الأحد المقبل. "
            "وانطلقت في العاصمة الإماراتية أبوظبي يوم الاثنين قمة جامعة الدول العربية بمشاركة قادة الدول الأعضاء، "
            "وفي مقدمتهم الرئيس المصري عبد الفتاح السيسي والرئيس التونسي قيس سعيد. والتقى السيسي وسعيد على هامش القمة.")
    doc = run(pipe, text, "2024-09-10")
    talks = one(doc, "Talks")
    assert states(talks) == {"Q79", "Q30"} and talks.place == WD + "Q3861"  # Egypt, US in Doha; Qatar no party
    summits = [e for e in doc.events if e.type == "Summit"]
    meetings = [e for e in doc.events if e.type in ("Meeting", "Talks") and states(e) == {"Q79", "Q948"}]
    assert summits and meetings  # the sidelines meeting stays an event of its own


def test_a_meeting_still_to_come_is_not_the_one_just_held(pipe):
    text = ("التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الأردني أيمن الصفدي في عمان يوم الأحد. "
            "وعقد الوزيران اجتماعا قصيرا في المطار، وسيحضر ابن فرحان والصفدي الاجتماع الموسع للجنة المشتركة غدا.")
    doc = run(pipe, text, "2024-09-15")  # a Sunday
    held = one(doc, "Meeting", status="occurred")
    planned = one(doc, "Meeting", status="planned")
    assert held.date == "2024-09-15" and planned.date == "2024-09-16"
    assert states(planned) == {"Q851", "Q810"}  # Saudi Arabia, Jordan


def test_bilateral_names_the_two_states_already_met(pipe):
    text = ("استقبل الرئيس التركي رجب طيب أردوغان نظيره الأذربيجاني إلهام علييف في أنقرة يوم الاثنين. "
            "وجرى بعد ذلك توقيع سلسلة من الاتفاقيات الثنائية.")
    doc = run(pipe, text, "2024-09-17")
    assert states(one(doc, "Signing")) == {"Q43", "Q227"}  # Turkey, Azerbaijan


def test_a_military_commander_stands_for_the_state_he_commands_in(pipe):
    doc = run(pipe, "استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في موسكو يوم الخميس.", "2024-09-20")
    assert states(one(doc, "Meeting")) == {"Q159", "Q1016"}  # Russia, Libya


def test_who_reacts_to_a_visit_or_presses_against_it_takes_no_part(pipe):
    text = ("وصل وزير الخارجية الإيراني عباس عراقجي إلى بيروت يوم الأحد على الرغم من الضغط الأمريكي. "
            "وأثارت زيارة عراقجي للبنان غضب إسرائيل.")
    doc = run(pipe, text, "2024-10-07")
    visits = [e for e in doc.events if e.type == "Visit"]
    assert visits and all(states(e) == {"Q794", "Q822"} for e in visits)  # Iran, Lebanon


def test_a_speaker_of_parliament_stands_for_the_state(pipe):
    doc = run(pipe, "وصلت رئيسة مجلس النواب الأمريكي نانسي بيلوسي إلى تايبيه يوم الثلاثاء.", "2022-08-03")
    assert states(one(doc, "Visit")) == {"Q30", "Q865"}  # the United States, Taiwan


def test_what_is_dated_after_the_report_has_not_happened_yet(pipe):
    text = "وتأتي زيارة الرئيس المصري عبد الفتاح السيسي إلى أنقرة في 20 مايو 2025 بعد قطيعة طويلة."
    visit = one(run(pipe, text, "2025-05-16"), "Visit")
    assert visit.date == "2025-05-20" and visit.status == "planned"


def test_a_future_verb_of_supplying_makes_the_aid_planned(pipe):
    text = "أعلن المستشار الألماني أولاف شولتس أن بلاده ستقدم ما قيمته 1.1 مليار يورو أخرى من المساعدات العسكرية لأوكرانيا."
    doc = run(pipe, text, "2024-02-16")
    aid = one(doc, "MilitarySupport")
    assert aid.status == "planned" and states(aid) == {"Q183", "Q212"}


def test_an_encounter_whose_first_named_is_its_object_has_an_elided_subject(pipe):
    text = ("وتأتي زيارة الرئيس الفرنسي إيمانويل ماكرون لإيطاليا بعدما التقى صباح اليوم في برلين بالمستشار الألماني "
            "أولاف شولتس.")
    doc = run(pipe, text, "2024-02-16")
    assert states(one(doc, "Meeting")) == {"Q142", "Q183"}  # France, Germany


def test_an_agreement_of_the_kind_just_named_is_one_agreement(pipe):
    text = ("وقعت مصر والأردن اتفاقية دفاع مشترك يوم الأحد. "
            "وكانت مصر قد وقعت العام الماضي أولى اتفاقياتها الثنائية من هذا النوع مع السعودية.")
    doc = run(pipe, text, "2024-09-16")
    kinds = {(a.type, frozenset(p.removeprefix(WD) for p in a.parties), a.signed) for a in doc.agreements}
    assert ("DefenseTreaty", frozenset({"Q79", "Q810"}), "2024-09-15") in kinds
    assert ("DefenseTreaty", frozenset({"Q79", "Q851"}), "2023") in kinds  # Egypt and Saudi Arabia, last year


def test_a_cooperation_agreement_is_a_partnership_and_a_defence_cooperation_one_a_defence_treaty(pipe):
    doc = run(pipe, "وقعت روسيا والصين يوم الاثنين اتفاق تعاون في مجال الطاقة. ووقعت مصر والأردن اتفاقية للتعاون الدفاعي.",
              "2024-09-17")
    assert sorted(a.type for a in doc.agreements) == ["DefenseTreaty", "Partnership"]


def test_a_saying_that_reports_the_speakers_own_act_is_that_act(pipe):
    doc = run(pipe, "وأكد الكرملين أن الرئيس فلاديمير بوتين استقبل رئيس الإمارات محمد بن زايد في موسكو يوم الخميس.",
              "2024-10-18")
    assert [e.type for e in doc.events] == ["Meeting"]  # the confirmation is no statement of its own
    doc = run(pipe, "وقال أردوغان في مؤتمر صحفي إن تركيا مستعدة لتزويد مصر بطائرات مسيرة.", "2024-02-14")
    assert one(doc, "Statement")  # a readiness is a stance: said, not done
    # words between what is said and the act (a verb of going, a planned-cue): still the act's report
    doc = run(pipe, "وكتب رئيس الوزراء الهندي على تويتر أنه سيتوقف في كابول للقاء الرئيس الأفغاني.", "2024-02-14")
    assert "Statement" not in [e.type for e in doc.events] and one(doc, "Meeting")
    doc = run(pipe, "وقال وزير الخارجية الإيراني، الأربعاء، إن من المقرر عقد محادثات مع الولايات المتحدة في مسقط.",
              "2024-02-14")
    assert [e.type for e in doc.events] == ["Talks"]
    # the act's own verb right after the opener, its noun far after it: still the act's report
    doc = run(pipe, "وأعلن المستشار الألماني أن بلاده ستقدم ما قيمته مليار يورو أخرى من المساعدات العسكرية إلى "
                    "أوكرانيا.", "2024-02-14")
    assert [e.type for e in doc.events] == ["MilitarySupport"]
    # an act after منذ is when, not what is said: the comment stays a statement
    doc = run(pipe, "وقال الرئيس الروسي إن التعاون مع الصين تعزز كثيرا منذ توقيع البلدين اتفاق الشراكة.", "2024-02-14")
    assert one(doc, "Statement")


def test_an_event_needs_a_political_actor(model_pipe):
    # a cyclist or an actor of no office makes no event of this graph; a minister does
    doc = run(model_pipe, "وقال الدراج الأمريكي جون سميثسون إنه يثق في نتيجة التحقيق. ونفى الممثل بيتر كولينز أي رغبة في "
                          "الاعتزال.", "2015-03-10")
    assert doc.events == [] and "Person" in {m.label for m in doc.mentions if m.entity}
    doc = run(model_pipe, "وقال وزير الخارجية الأمريكي جون كيري إنه يثق في نتيجة التحقيق.", "2015-03-10")
    assert one(doc, "Statement")


def test_a_place_set_off_by_commas_is_where_the_clauses_event_is(pipe):
    text = ("قال الرئيس الفرنسي إيمانويل ماكرون، خلال مشاركته في قمة مجموعة العشرين، في مدينة إسطنبول التركية، "
            "إن أوروبا مستعدة للحوار.")
    doc = run(pipe, text, "2024-11-18")
    assert one(doc, "Summit").place == WD + "Q406"  # Istanbul


def test_a_dateline_with_its_state_after_a_headline_names_no_party(pipe):
    text = ("12/03/2025\nروسيا وأوكرانيا تتفقان على تبادل للأسرى\n"
            "الدوحة، قطر – اتفقت كل من روسيا وأوكرانيا على عملية تبادل أسرى جديدة يوم الثلاثاء.")
    doc = run(pipe, text, "2025-03-12")
    swaps = [e for e in doc.events if e.type == "PrisonerExchange"]
    assert swaps and all(states(e) == {"Q159", "Q212"} for e in swaps)  # Qatar filed the report, took no part


def test_those_named_after_a_reception_received_the_guest(pipe):
    # وكان في استقبال X لدى وصوله، Y، وZ: the hosts come after the guest, clauses on, up to the source;
    # the day the article names for tomorrow's summit dates neither the reception nor the arrival
    text = ("وصل رئيس الوزراء الهندي ناريندرا مودي، مساء اليوم الأحد، إلى مدينة الرياض لحضور القمة التي تنعقد غدا. "
            "وكان في استقبال مودي لدى وصوله إلى المطار، ولي العهد السعودي الأمير محمد بن سلمان، ووزير الخارجية "
            "السعودي فيصل بن فرحان، بحسب وكالة الأنباء.")
    doc = run(pipe, text, "2024-03-10")
    meeting = one(doc, "Meeting")
    assert len(meeting.participants) == 3 and WD + "Q1058" in meeting.participants  # Modi and his two hosts
    assert states(meeting) == {"Q668", "Q851"} and meeting.date == "2024-03-10" and meeting.status == "occurred"
    visits = [e for e in doc.events if e.type == "Visit"]
    assert len(visits) == 1 and visits[0].date == "2024-03-10"  # لدى وصوله: the arrival already reported


def test_a_summit_named_by_its_city_is_the_one_held_there(pipe):
    # قمة الرياض: the city after the summit noun is where it is held, and the undated mention is the summit already
    # reported there; the arrival reported as done keeps its own day, not the summit's
    text = ("وصل الرئيس المصري عبد الفتاح السيسي والعاهل الأردني الملك عبد الله الثاني إلى الرياض للمشاركة في القمة "
            "العربية التي تنعقد غدا. ولا يضمن حضور السيسي في قمة الرياض إحراز تقدم في الملفات العالقة.")
    doc = run(pipe, text, "2024-05-15")
    summit = only(doc, "Summit")
    assert summit.date == "2024-05-16" and summit.status == "planned" and len(summit.more_evidence) == 1
    assert summit.place == WD + "Q3692"  # Riyadh
    assert one(doc, "Visit").date == "2024-05-15"


def test_arriving_to_attend_is_a_visit_and_a_title_after_with_is_a_companion(pipe):
    text = "وشهدت العاصمة الروسية موسكو، اليوم، بدء وصول قادة للمشاركة في المنتدى، بينهم الرئيس الصيني شي جين بينغ."
    doc = run(pipe, text, "2024-05-15")
    visit = one(doc, "Visit")
    assert WD + "Q15031" in visit.participants and visit.date == "2024-05-15"
    # مع الرئيس فلاديمير بوتين: the one visited, after his title; the speaker is who travels
    doc = run(pipe, 'وقال الرئيس الإيراني في كلمة "سأغادر غدا إلى موسكو لزيارة عمل مع الرئيس فلاديمير بوتين".', "2024-05-15")
    visit = one(doc, "Visit")
    assert WD + "Q7747" in visit.participants and len(visit.participants) == 2


def test_a_clause_opened_by_where_happens_at_the_place_named_before_it(pipe):
    text = "غادر الرئيس الفنزويلي نيكولاس مادورو كراكاس متوجها إلى موسكو، حيث سيجتمع مع نظيره الروسي فلاديمير بوتين."
    doc = run(pipe, text, "2024-05-15")
    assert one(doc, "Meeting", status="planned").place == WD + "Q649"  # Moscow, not Caracas


def test_a_signing_gives_its_place_to_what_its_signatories_do_that_day(pipe):
    text = ("وقع وزير الخارجية الإماراتي عبد الله بن زايد ورئيس الوزراء الإسرائيلي بنيامين نتنياهو اليوم الثلاثاء في "
            "البيت الأبيض اتفاقية سلام. وقال نتنياهو للصحفيين إن الاتفاقية تفتح صفحة جديدة في المنطقة.")
    doc = run(pipe, text, "2020-09-15")
    signing, said = one(doc, "Signing"), one(doc, "Statement")
    assert signing.place is not None and said.place == signing.place


def test_their_meeting_on_the_sidelines_of_a_summit_is_the_two_and_the_summit_is_its_own(pipe):
    # خلال لقائهما (normalised لقايهما: the hamza of لقاء before a pronoun): the last two people named met; the
    # summit on whose sidelines they met is an event of its own, held by its organisation, not one of the sides
    text = ("قال الرئيس الصيني شي جين بينغ، لرئيس الوزراء الهندي ناريندرا مودي، خلال لقائهما على هامش قمة منظمة "
            "شنغهاي للتعاون، إن البلدين شريكان.")
    doc = run(pipe, text, "2025-08-31")
    meeting, summit = one(doc, "Meeting"), one(doc, "Summit")
    assert set(meeting.participants) == {WD + "Q15031", WD + "Q1058"}
    assert WD + "Q485207" in summit.participants and WD + "Q485207" not in meeting.participants


def test_what_is_done_during_an_event_is_dated_by_it(pipe):
    text = ("استقبل الرئيس الروسي فلاديمير بوتين يوم الاثنين الرئيس الإيراني. وكان الرئيس الإيراني قد أهدى بوتين "
            "سجادة خلال لقائهما في طهران في مارس الماضي.")
    doc = run(pipe, text, "2024-05-15")
    assert one(doc, "Gift").date == "2024-03"


def test_the_last_name_of_a_list_set_off_before_the_full_stop_takes_part(pipe):
    text = ("وشهدت مدينة الرياض، اليوم، بدء وصول قادة عرب للمشاركة في القمة، بينهم الرئيس المصري، عبد الفتاح السيسي، "
            "ورئيس الوزراء اللبناني، نجيب ميقاتي.")
    doc = run(pipe, text, "2023-05-18")
    assert WD + "Q318493" in one(doc, "Visit").participants  # Mikati, after the last comma


def test_a_match_day_and_a_club_named_for_its_city_are_no_politics(pipe):
    # الجولة الرابعة: a definite round with an ordinal is a match day, not a round of talks; ريال مدريد is a club,
    # not Spain speaking; جولة ثانية: an indefinite one is a round of talks
    doc = run(pipe, "وكانت مصر هزمت الجزائر في عقر دارها 2-صفر السبت في الجولة الرابعة.", "2015-06-27")
    assert doc.events == []  # neither talks nor a tour
    doc = run(pipe, "أعلن ريال مدريد أن مهاجمه يعاني إصابة عضلية.", "2015-02-14")
    assert doc.events == []
    doc = run(pipe, "وعقد الوفدان الروسي والأوكراني جولة ثانية في إسطنبول يوم الاثنين.", "2024-05-15")
    assert one(doc, "Talks")


def test_heading_to_a_place_is_a_trip_whose_sides_are_not_those_of_what_it_attends(pipe):
    # يتوجه ... إلى: a journey; مفاوضات بين حماس وإسرائيل: the sides of the talks attended, not of the trip;
    # توجه بالشكر إلى: thanks directed to someone, no journey
    doc = run(pipe, "يتوجه رئيس الوزراء القطري محمد بن عبد الرحمن آل ثاني إلى القاهرة للمشاركة في مفاوضات بين "
                    "حماس وإسرائيل.", "2025-10-07")
    trip = one(doc, "Visit")
    assert trip.place == WD + "Q85" and WD + "Q801" not in trip.participants  # Cairo; Israel takes no part in it
    doc = run(pipe, "وتوجه الرئيس المصري عبد الفتاح السيسي بالشكر إلى الشعب.", "2025-10-07")
    assert not any(e.type == "Visit" for e in doc.events)


def test_a_long_date_set_off_by_commas_and_a_site_inside_the_city_already_named(pipe):
    # ، الخميس 28 سبتمبر/أيلول 2023، one date between commas ends no clause: the three met; then في مبنى الكرملين
    # بالعاصمة موسكو: the Kremlin, in the capital (no Russia acting through its capital), is the finer place of
    # the same meeting
    text = ("التقى الجنرال خليفة حفتر، الخميس 28 سبتمبر/أيلول 2023، الرئيس الروسي فلاديمير بوتين ووزير الدفاع سيرغي "
            "شويغو في العاصمة موسكو. وأكد الكرملين أن الرئيس فلاديمير بوتين استقبل الجنرال خليفة حفتر، في مبنى "
            "الكرملين بالعاصمة موسكو.")
    doc = run(pipe, text, "2023-09-29")
    meeting = only(doc, "Meeting")
    assert WD + "Q32024" in meeting.participants and WD + "Q159" not in meeting.participants  # Shoigu
    assert meeting.place.endswith("kremlin") and meeting.date == "2023-09-28"


def test_a_summit_held_in_the_city_of_one_already_reported_is_that_one_with_its_organisation(pipe):
    # القمة العادية الثالثة والثلاثين، لجامعة الدول العربية: the organisation joined by ل after the summit's number
    # holds it; named again with no date of its own in the same city, it is the summit already reported there
    text = ("وصل الرئيس المصري عبد الفتاح السيسي والعاهل الأردني الملك عبد الله الثاني إلى الرياض للمشاركة في القمة "
            "العربية التي تنعقد غدا. وشهدت مدينة الرياض، اليوم، بدء وصول قادة عرب للمشاركة في القمة العادية الثالثة "
            "والثلاثين، لجامعة الدول العربية، بينهم رئيس الوزراء اللبناني نجيب ميقاتي.")
    doc = run(pipe, text, "2024-05-15")
    summit = only(doc, "Summit")
    assert summit.date == "2024-05-16" and summit.status == "planned"
    assert {WD + "Q7172", WD + "Q318493"} <= set(summit.participants)  # the Arab League, Mikati
    assert "Q822" in states(summit)  # and Lebanon with him


def test_a_saying_that_names_only_what_it_is_about_has_its_speaker_before(pipe):
    # وأشارت إلى أن عراقجي، أشاد بجهود سلطنة عمان: Oman, inside بجهود, is what is praised; the speaker is the one
    # named before (a name that opens with ب, بوتين، is no preposition)
    doc = run(pipe, "وأشارت الوزارة إلى أن عراقجي، أشاد بجهود سلطنة عمان في سبيل الحفاظ على السلام.", "2026-02-04")
    said = one(doc, "Statement")
    assert said.participants[0] == WD + "Q7459020" and "Q842" in states(said)  # Abbas Araghchi
    doc = run(pipe, "ووصف بوتين العلاقات مع بيونغ يانغ بأنها خاصة.", "2025-09-03")
    assert one(doc, "Statement").participants[0] == WD + "Q7747"


def test_a_newspaper_named_with_its_country_is_no_state_speaking(pipe):
    # أكدت صحيفة بيلد الألمانية: the nisba after a medium says whose newspaper it is; قال الجيش الإسرائيلي: the state
    doc = run(pipe, "قال مدير أعمال السائق إن حالته تتحسن، في حين أكدت صحيفة بيلد الألمانية أن الأطباء متفائلون.",
              "2015-06-17")
    assert doc.events == []
    doc = run(pipe, "وقال الجيش الإسرائيلي إن صاروخا أطلق من لبنان.", "2024-05-15")
    assert "Q801" in states(one(doc, "Statement"))


def test_a_nisba_speaks_for_its_state_only_through_a_political_noun(pipe):
    # وقالت الشركة اليابانية: a company of Japan speaks, not Japan; an office, a ministry or officials (dual too) do
    doc = run(pipe, "وقالت الشركة اليابانية إن أرباحها ارتفعت في الربع الأخير.", "2015-06-17")
    assert doc.events == []
    doc = run(pipe, "وقالت الفنانة الروسية إن جمهورها في القاهرة كان رائعا.", "2015-06-17")
    assert doc.events == []
    doc = run(pipe, "وقالت الخارجية اليابانية إن الاجتماع لن يؤجل.", "2015-06-17")
    assert "Q17" in states(one(doc, "Statement"))
    doc = run(pipe, "وقال مسؤولان أمريكيان إن الولايات المتحدة لن تؤجل الاجتماع مع إيران.", "2015-06-17")
    assert "Q30" in states(one(doc, "Statement"))


def test_a_seat_or_capital_next_to_the_verb_acts_for_its_state(pipe):
    # قال الكرملين: the Kremlin speaks (the agent), not what the saying is about; بيونغيانغ زودت موسكو: the capital
    # before the verb supplies, the one after it receives; طوكيو ناقشت إطلاق: Tokyo did not launch
    doc = run(pipe, "وقال الكرملين إن واشنطن تتحمل مسؤولية التصعيد.", "2025-09-03")
    assert one(doc, "Statement").roles["agent"] == [WD + "Q159"]
    doc = run(pipe, "وأضافت الوكالة أن بيونغيانغ زودت موسكو بآلاف القذائف منذ العام الماضي.", "2025-09-03")
    support = one(doc, "MilitarySupport")
    assert support.roles == {"agent": [WD + "Q423"], "target": [WD + "Q159"]}


def test_a_saying_whose_speaker_is_unknown_is_no_event(pipe):
    doc = run(pipe, "وقال مصدر: «إن فرنسا وألمانيا ستدعمان الخطة».", "2025-09-03")
    assert doc.events == []
    # a source or a newspaper said it: no speaker is borrowed from before the verb, nor from an earlier sentence
    doc = run(pipe, "وحضر الحفل وزير الخارجية الفرنسي وقال مصدر: «إن ألمانيا ستدعم الخطة».", "2025-09-03")
    assert doc.events == []
    doc = run(pipe, "وصل وزير الخارجية الفرنسي إلى برلين أمس، وقال مصدر إن ألمانيا ستدعم الخطة.", "2025-09-03")
    assert [e.type for e in doc.events] == ["Visit"]
    doc = run(pipe, "وقال وزير الخارجية الفرنسي إن بلاده تؤيد الخطة. وكشفت صحيفة لوموند أن ألمانيا ستدعم الخطة.",
              "2025-09-03")
    assert len(doc.events) == 1 and doc.events[0].evidence.text.startswith("وقال وزير")
    doc = run(pipe, "وقال وزير الخارجية الفرنسي: «إن فرنسا وألمانيا ستدعمان الخطة».", "2025-09-03")
    assert WD + "Q142" in one(doc, "Statement").roles["agent"]


def test_a_saying_in_a_relative_clause_on_a_thing_is_no_event(pipe):
    # الأهداف التي أعلنها ماكرون: what was once announced describes the aims; الذي طالب after a person reports his act
    doc = run(pipe, "وتأتي المبادرة ضمن الأهداف التي أعلنها الرئيس الفرنسي إيمانويل ماكرون لتعزيز التعاون مع ألمانيا.",
              "2024-05-01")
    assert doc.events == []
    doc = run(pipe, "والتقى ماكرون في باريس المستشار الألماني أولاف شولتس، الذي طالب الحلفاء بمزيد من الدعم لأوكرانيا.",
              "2024-05-01")
    assert {e.type for e in doc.events} == {"Meeting", "Statement"}


def test_a_delivery_reported_twice_the_same_day_is_one(pipe):
    text = ("تسلمت مصر أمس أول دفعة من طائرات رافال الفرنسية. وأعلنت وزارة الدفاع المصرية في بيان أن تسلم أول دفعة "
            "من الطائرات تم أمس في قاعدة جوية.")
    doc = run(pipe, text, "2024-05-15")
    support = only(doc, "MilitarySupport")
    assert states(support) == {"Q79", "Q142"} and len(support.more_evidence) == 1
    # with no day of their own (the article's, by default), two deliveries stay apart
    text = "وأرسلت روسيا أسلحة إلى فنزويلا. وأرسلت روسيا وكوبا أسلحة إلى فنزويلا."
    assert len([e for e in run(pipe, text, "2024-05-15").events if e.type == "MilitarySupport"]) == 2


def test_a_trip_and_what_it_is_for_share_a_date_and_a_status(pipe):
    text = "وسيزور الرئيس التركي قصر الإليزيه بعد ظهر اليوم لإجراء محادثات مع الرئيس الفرنسي إيمانويل ماكرون."
    doc = run(pipe, text, "2024-05-15")
    visit, talks = one(doc, "Visit"), one(doc, "Talks")
    assert visit.date == talks.date == "2024-05-15"      # the afternoon named before the talks is the visit's too
    assert visit.status == talks.status == "planned"      # لإجراء: as planned as the trip


def test_a_trip_made_at_an_invitation_is_whom_the_invitation_was_for(pipe):
    text = "ووصل الرئيس الإيراني إلى بكين أمس تلبية لدعوة من الرئيس الصيني شي جين بينغ."
    doc = run(pipe, text, "2024-05-15")
    inv = one(doc, "Invitation")
    assert states(inv) == {"Q794", "Q148"}
    assert WD + "Q15031" in inv.roles["agent"] and WD + "Q794" in inv.roles["target"]


def test_who_receives_a_guest_unnamed_receives_them_in_their_own_country(pipe):
    text = "وكان في استقبال الرئيس العراقي لدى وصوله إلى الدوحة، وزير الدولة خالد العلي."
    doc = run(pipe, text, "2024-05-15")
    assert states(one(doc, "Meeting")) == {"Q796", "Q846"}  # Iraq, and Qatar: the host of Doha
    # talks in a third country stay what they are: only a reception names its host by the place
    doc = run(pipe, "وأجرى وزير الخارجية العراقي محادثات في الدوحة.", "2024-05-15")
    assert not [e for e in doc.events if e.type == "Talks" and WD + "Q846" in e.states]


def test_a_list_of_signatories_goes_on_past_a_title_before_a_name(pipe):
    text = "وقع وزير الخارجية المصري، والرئيس الفرنسي إيمانويل ماكرون، على اتفاقية للتعاون الاقتصادي في باريس."
    doc = run(pipe, text, "2024-05-15")
    assert states(one(doc, "Signing")) == {"Q79", "Q142"}


def test_a_partys_saying_about_the_agreement_concerns_its_other_parties(pipe):
    text = ("وقعت مصر والأردن اتفاقية للتعاون الاقتصادي في عمان يوم الأحد. وقال وزير الخارجية المصري إن الاتفاقية "
            "ستعزز التجارة.")
    doc = run(pipe, text, "2024-05-15")
    assert states(one(doc, "Statement")) == {"Q79", "Q810"}
    # a state that is no party speaks of it for itself only
    text = "وقعت مصر والأردن اتفاقية للتعاون الاقتصادي. وقالت وزارة الخارجية الفرنسية إن الاتفاقية خطوة جيدة."
    assert states(one(run(pipe, text, "2024-05-15"), "Statement")) == {"Q142"}


def test_a_meeting_with_a_group_of_leaders_has_one_named_state(pipe):
    doc = run(pipe, "وأجرى الرئيس الفرنسي إيمانويل ماكرون محادثات مع عدد من نظرائه الأفارقة في باريس.", "2024-05-15")
    assert states(one(doc, "Talks")) == {"Q142"}
    # one state and no group on the other side: a detail, dropped with no fuller meeting that day
    doc = run(pipe, "وأجرى الرئيس الفرنسي إيمانويل ماكرون محادثات في باريس.", "2024-05-15")
    assert not [e for e in doc.events if e.type == "Talks"]


def test_a_city_is_a_finer_place_than_an_ocean_or_a_region_of_no_state(pipe):
    text = "وسيحضر الزعيم الكوري الشمالي عرضا لقوات البحرية الروسية في المحيط الهادئ في فلاديفوستوك."
    assert one(run(pipe, text, "2024-05-15"), "MilitaryParade").place == WD + "Q959"  # Vladivostok, not the Pacific
