"""Tests for kg.timex: Arabic date expressions normalised against the publication date."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.timex import PRECISIONS, find_timexes, resolve_weekday

ANCHOR = date(2025, 9, 10)  # a Wednesday


def one(text: str, anchor: date | None = ANCHOR):
    """The single timex found in `text`, as (text, value, precision, end_value)."""
    found = find_timexes(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.value, t.precision, t.end_value


def check(sentence: str, span: str, value: str | None, precision: str | None, end_value=None, anchor=ANCHOR):
    assert one(sentence, anchor) == (span, value, precision, end_value)


# --- absolute Gregorian dates -------------------------------------------------------------------

@pytest.mark.parametrize("sentence,span,value,precision", [
    ("التقى الرئيس نظيره في 3 سبتمبر 2025 في القاهرة", "3 سبتمبر 2025", "2025-09-03", "day"),
    ("وقعت الاتفاقية في 17 يناير 2020.", "17 يناير 2020", "2020-01-17", "day"),
    ("اجتمع الطرفان يوم 5 يونيه 2024 بالقاهرة", "5 يونيه 2024", "2024-06-05", "day"),
    ("صدر القرار في 1 يوليه 2019", "1 يوليه 2019", "2019-07-01", "day"),
    ("أعلنت الوزارة في 28 إبريل 2023", "28 إبريل 2023", "2023-04-28", "day"),
    ("في 12 أغسطس، 2022 وصل الوفد", "12 أغسطس، 2022", "2022-08-12", "day"),
    ("في 3 أيلول/سبتمبر 2025 أعلن الجيش", "3 أيلول/سبتمبر 2025", "2025-09-03", "day"),
    ("وفي 14 تشرين الثاني/نوفمبر 2024 زار الوزير بيروت", "14 تشرين الثاني/نوفمبر 2024", "2024-11-14", "day"),
    ("قتل في 9 كانون الثاني (يناير) 2015", "9 كانون الثاني (يناير) 2015", "2015-01-09", "day"),
    ("وفي 20 شباط 2011 خرج المتظاهرون", "20 شباط 2011", "2011-02-20", "day"),
    ("انطلقت المفاوضات في ٢٣ آذار ٢٠٢٣", "٢٣ آذار ٢٠٢٣", "2023-03-23", "day"),
    ("ولد في 2 كانون الأول 1990", "2 كانون الأول 1990", "1990-12-02", "day"),
    ("حدث ذلك في 7 تموز من عام 2006", "7 تموز من عام 2006", "2006-07-07", "day"),
    ("الأحد 7 سبتمبر 2025 شهد اشتباكات", "الأحد 7 سبتمبر 2025", "2025-09-07", "day"),
    ("في 15 أكتوبر 2023م بدأت", "15 أكتوبر 2023م", "2023-10-15", "day"),
    ("أُعلن الخبرُ في ٣ سِبْتَمْبَر ٢٠٢٥", "٣ سِبْتَمْبَر ٢٠٢٥", "2025-09-03", "day"),
    ("وقع الهجوم في 11 سبتـــمبر 2001", "11 سبتـــمبر 2001", "2001-09-11", "day"),
])
def test_day_month_year(sentence, span, value, precision):
    check(sentence, span, value, precision)


@pytest.mark.parametrize("sentence,span,value", [
    ("وصل الوفد في الثالث من سبتمبر", "الثالث من سبتمبر", "2025-09-03"),
    ("في الأول من يناير 2024 دخل القانون حيز التنفيذ", "الأول من يناير 2024", "2024-01-01"),
    ("انعقدت القمة في الحادي عشر من أيار", "الحادي عشر من أيار", "2025-05-11"),
    ("في الحادي والعشرين من تشرين الأول 2024", "الحادي والعشرين من تشرين الأول 2024", "2024-10-21"),
    ("يوم الحادي والثلاثين من ديسمبر 2023", "الحادي والثلاثين من ديسمبر 2023", "2023-12-31"),
    ("في العشرين من آب الماضي", "العشرين من آب الماضي", "2025-08-20"),
    ("في الخامس عشر من أكتوبر", "الخامس عشر من أكتوبر", "2024-10-15"),
])
def test_ordinal_days(sentence, span, value):
    check(sentence, span, value, "day")


@pytest.mark.parametrize("sentence,span,value", [
    ("وفي سبتمبر 2025 أعلنت الحكومة", "سبتمبر 2025", "2025-09"),
    ("خلال أيلول (سبتمبر) 2024", "أيلول (سبتمبر) 2024", "2024-09"),
    ("في سبتمبر/أيلول 2023", "سبتمبر/أيلول 2023", "2023-09"),
    ("في شهر حزيران 2022", "شهر حزيران 2022", "2022-06"),
    ("منذ مارس 2011 تعيش البلاد حربا", "مارس 2011", "2011-03"),
    ("في أبريل/نيسان ٢٠٢٤", "أبريل/نيسان ٢٠٢٤", "2024-04"),
    ("أواخر سبتمبر 2024 بدأ الهجوم", "أواخر سبتمبر 2024", "2024-09"),
])
def test_month_year(sentence, span, value):
    check(sentence, span, value, "month")


@pytest.mark.parametrize("sentence,span,value", [
    ("التقى الوزيران في سبتمبر", "سبتمبر", "2025-09"),  # the anchor's month
    ("التقى الوزيران في أكتوبر", "أكتوبر", "2024-10"),  # later than the anchor month -> last year
    ("بدأت الاحتجاجات في يناير", "يناير", "2025-01"),
    ("وفي آب شهدت المدينة", "آب", "2025-08"),
    ("في مارس قرر المجلس", "مارس", "2025-03"),
    ("منذ تموز لم يصل الوقود", "تموز", "2025-07"),
    ("في 15 أكتوبر قالت الوزارة", "15 أكتوبر", "2024-10-15"),
])
def test_month_without_year(sentence, span, value):
    found = one(sentence)
    assert found[:2] == (span, value)


@pytest.mark.parametrize("sentence,span,value", [
    ("في يونيو الماضي أعلنت الشركة", "يونيو الماضي", "2025-06"),
    ("في أيلول الماضي", "أيلول الماضي", "2024-09"),  # anchor month: the previous one
    ("في 3 سبتمبر الماضي", "3 سبتمبر الماضي", "2025-09-03"),  # a day before the anchor's day
    ("في نوفمبر الماضي", "نوفمبر الماضي", "2024-11"),
    ("في يونيو من العام الماضي", "يونيو من العام الماضي", "2024-06"),
    ("في حزيران من السنة الماضية", "حزيران من السنة الماضية", "2024-06"),
    ("في يناير المقبل", "يناير المقبل", "2026-01"),
    ("في أكتوبر المقبل", "أكتوبر المقبل", "2025-10"),
    ("في تشرين الأول القادم", "تشرين الأول القادم", "2025-10"),
    ("في مارس من العام المقبل", "مارس من العام المقبل", "2026-03"),
    ("في ديسمبر من هذا العام", "ديسمبر من هذا العام", "2025-12"),
    ("خلال نوفمبر الجاري", "نوفمبر الجاري", "2025-11"),
])
def test_month_relative_year(sentence, span, value):
    found = one(sentence)
    assert found[:2] == (span, value)


@pytest.mark.parametrize("sentence,span,value", [
    ("تأسست الشركة عام 2023", "عام 2023", "2023"),
    ("في العام 2023 ارتفع التضخم", "العام 2023", "2023"),
    ("وفي 2023 شهدت البلاد انتخابات", "2023", "2023"),
    ("منذ 2019 والبلاد في أزمة", "2019", "2019"),
    ("حتى ٢٠٣٠ يبقى الاتفاق ساريا", "٢٠٣٠", "2030"),
    ("في عامِ ٢٠٢٣م", "عامِ ٢٠٢٣م", "2023"),
    ("قبل عام 2020 كانت الأسعار أقل", "عام 2020", "2020"),
    ("منذ عام 2011 تعيش سوريا حربا", "عام 2011", "2011"),
    ("خلال سنة 1948 هُجّر الآلاف", "سنة 1948", "1948"),
    ("ميزانية لعام 2024", "عام 2024", "2024"),
    ("أواخر 2023 تراجع الإنتاج", "أواخر 2023", "2023"),
    ("في نهاية عام 2022", "نهاية عام 2022", "2022"),
])
def test_years(sentence, span, value):
    check(sentence, span, value, "year")


@pytest.mark.parametrize("sentence,span,value", [
    ("صدر القرار بتاريخ 3/9/2025", "3/9/2025", "2025-09-03"),
    ("بتاريخ ٣/٩/٢٠٢٥ أعلنت الوزارة", "٣/٩/٢٠٢٥", "2025-09-03"),
    ("نشر في 2025-09-03 على الموقع", "2025-09-03", "2025-09-03"),
    ("تاريخ 31-12-2024", "31-12-2024", "2024-12-31"),
    ("في 03.09.2025 صباحا", "03.09.2025", "2025-09-03"),
])
def test_numeric_dates(sentence, span, value):
    check(sentence, span, value, "day")


# --- relative to the anchor ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence,span,value", [
    ("أعلن الرئيس اليوم أن المفاوضات مستمرة", "اليوم", "2025-09-10"),
    ("قال الوزير اليوم الأربعاء إن", "اليوم الأربعاء", "2025-09-10"),
    ("أعلن الجيش أمس أنه", "أمس", "2025-09-09"),
    ("أعلن الجيش، أمس الثلاثاء، أنه", "أمس الثلاثاء", "2025-09-09"),
    ("وصل بالأمس إلى بغداد", "الأمس", "2025-09-09"),
    ("وقع الانفجار أول أمس", "أول أمس", "2025-09-08"),
    ("وقع الانفجار أول من أمس", "أول من أمس", "2025-09-08"),
    ("وقع الانفجار أمس الأول", "أمس الأول", "2025-09-08"),
    ("يصل الوفد غداً إلى عمان", "غداً", "2025-09-11"),
    ("يصل الوفد غدا الخميس", "غدا الخميس", "2025-09-11"),
    ("تعقد الجلسة بعد غد", "بعد غد", "2025-09-12"),
    ("يتوجه الوفد صباح غدٍ الخميس إلى عمان", "صباح غدٍ الخميس", "2025-09-11"),  # غد after a time of day
])
def test_deictic_days(sentence, span, value):
    check(sentence, span, value, "day")


@pytest.mark.parametrize("sentence,span,value", [
    ("التقى الوزير يوم الأربعاء نظيره", "يوم الأربعاء", "2025-09-10"),  # same day as anchor
    ("التقى الوزير الثلاثاء نظيره", "الثلاثاء", "2025-09-09"),
    ("وصل الوفد يوم الخميس", "يوم الخميس", "2025-09-04"),  # 6 days back
    ("وفي الأحد الماضي", "الأحد الماضي", "2025-09-07"),
    ("الأربعاء الماضي", "الأربعاء الماضي", "2025-09-03"),
    ("تعقد القمة يوم الأحد المقبل", "يوم الأحد المقبل", "2025-09-14"),
    ("تعقد القمة الأربعاء القادم", "الأربعاء القادم", "2025-09-17"),
    ("صلى المصلون الجمعة في الأقصى", "الجمعة", "2025-09-05"),
    ("الإثنين، قال المتحدث", "الإثنين", "2025-09-08"),
    ("والسبت المقبل", "السبت المقبل", "2025-09-13"),
])
def test_weekdays(sentence, span, value):
    check(sentence, span, value, "day")


def test_resolve_weekday():
    wed = date(2025, 9, 10)
    assert resolve_weekday(wed, 2, "past") == wed
    assert resolve_weekday(wed, 2, "last") == date(2025, 9, 3)
    assert resolve_weekday(wed, 2, "next") == date(2025, 9, 17)
    assert resolve_weekday(wed, 3, "past") == date(2025, 9, 4)
    assert resolve_weekday(wed, 3, "next") == date(2025, 9, 11)
    for k in range(7):
        assert 0 <= (wed - resolve_weekday(wed, k)).days <= 6
        assert resolve_weekday(wed, k).weekday() == k


@pytest.mark.parametrize("sentence,span,value,precision", [
    ("خلال الأسبوع الماضي", "الأسبوع الماضي", "2025-09", "month"),
    ("في الأسبوع المقبل", "الأسبوع المقبل", "2025-09", "month"),
    ("هذا الأسبوع", "هذا الأسبوع", "2025-09", "month"),
    ("في الشهر الماضي ارتفعت الأسعار", "الشهر الماضي", "2025-08", "month"),
    ("في الشهر المقبل", "الشهر المقبل", "2025-10", "month"),
    ("خلال الشهر الجاري", "الشهر الجاري", "2025-09", "month"),
    ("خلال الشهر الحالي", "الشهر الحالي", "2025-09", "month"),
    ("في العام الماضي", "العام الماضي", "2024", "year"),
    ("خلال السنة الماضية", "السنة الماضية", "2024", "year"),
    ("في العام المقبل", "العام المقبل", "2026", "year"),
    ("السنة القادمة", "السنة القادمة", "2026", "year"),
    ("هذا العام", "هذا العام", "2025", "year"),
    ("هذه السنة", "هذه السنة", "2025", "year"),
    ("العام الحالي", "العام الحالي", "2025", "year"),
    ("العام الجاري", "العام الجاري", "2025", "year"),
    ("العام المنصرم", "العام المنصرم", "2024", "year"),
    ("والعام الماضي", "العام الماضي", "2024", "year"),
    ("منتصف الشهر الماضي", "منتصف الشهر الماضي", "2025-08", "month"),
    ("مطلع العام الجاري", "مطلع العام الجاري", "2025", "year"),
    ("أواخر العام الماضي", "أواخر العام الماضي", "2024", "year"),
    ("بحلول نهاية العام", "نهاية العام", "2025", "year"),
    ("أوائل الشهر", "أوائل الشهر", "2025-09", "month"),
])
def test_relative_periods(sentence, span, value, precision):
    check(sentence, span, value, precision)


def test_lil_article_span():
    # للعام الماضي: the clitic ل is left out, the article's ل is kept
    text = "وفقا للعام الماضي"
    t = find_timexes(text, ANCHOR)[0]
    assert (t.value, t.precision) == ("2024", "year") and text[t.start:t.end] == t.text
    assert t.text.endswith("عام الماضي")


@pytest.mark.parametrize("sentence,span,value,precision", [
    ("قبل يومين أعلن الجيش", "قبل يومين", "2025-09-08", "day"),
    ("قبل يوم واحد", "قبل يوم", "2025-09-09", "day"),
    ("قبل ثلاثة أيام", "قبل ثلاثة أيام", "2025-09-07", "day"),
    ("قبل 10 أيام", "قبل 10 أيام", "2025-08-31", "day"),
    ("قبل أسبوع", "قبل أسبوع", "2025-09", "month"),
    ("قبل أسبوعين", "قبل أسبوعين", "2025-08", "month"),
    ("قبل شهرين", "قبل شهرين", "2025-07", "month"),
    ("منذ ستة أشهر", "منذ ستة أشهر", "2025-03", "month"),
    ("قبل عامين", "قبل عامين", "2023", "year"),
    ("منذ عامين", "منذ عامين", "2023", "year"),
    ("قبل عشر سنوات", "قبل عشر سنوات", "2015", "year"),
    ("منذ ثلاث سنوات", "منذ ثلاث سنوات", "2022", "year"),
    ("قبل نحو ثلاثة عشر عاما", "قبل نحو ثلاثة عشر عاما", "2012", "year"),
    ("قبل 80 عاما", "قبل 80 عاما", "1945", "year"),
    ("منذ عقدين", "منذ عقدين", "2005", "year"),
    ("قبل سنة", "قبل سنة", "2024", "year"),
])
def test_durations_ago(sentence, span, value, precision):
    check(sentence, span, value, precision)


@pytest.mark.parametrize("sentence,span,value,precision", [
    ("بعد عامين تقريبا من الحرب", "بعد عامين تقريبا من", "2023", "year"),
    ("بعد سبع سنوات من القطيعة", "بعد سبع سنوات من", "2018", "year"),
    ("بعد ثلاثة أشهر من توقيع الاتفاق", "بعد ثلاثة أشهر من", "2025-06", "month"),
])
def test_time_since_dates_what_follows_from(sentence, span, value, precision):
    check(sentence, span, value, precision)


@pytest.mark.parametrize("sentence,anchor,value,precision", [
    ("وخلال الأيام الفائتة استقبل الرئيس وفودا", date(2018, 12, 20), "2018-12", "month"),  # no earlier than the 13th
    ("وخلال الأيام الفائتة استقبل الرئيس وفودا", date(2018, 12, 4), "2018", "year"),  # may reach into November
    ("في الأسابيع الأخيرة", date(2018, 1, 10), None, None),  # may reach into the year before: nothing
])
def test_the_recent_past_is_the_anchors_month_or_year_where_it_surely_falls(sentence, anchor, value, precision):
    found = find_timexes(sentence, anchor)
    assert [(t.value, t.precision) for t in found] == ([(value, precision)] if value else [])


@pytest.mark.parametrize("sentence", ["بعد سنوات من الحرب", "بعد عام من الآن", "بعد يومين من وصوله"])
def test_time_since_vague_from_now_or_in_days_dates_nothing(sentence):
    assert find_timexes(sentence, ANCHOR) == []


# --- ranges -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,span,start,end", [
    ("خلال الحرب الكورية 1950-1953", "1950-1953", "1950", "1953"),
    ("(2011–2014)", "2011–2014", "2011", "2014"),
    ("بين عامي 1950 و1953", "بين عامي 1950 و1953", "1950", "1953"),
    ("بين العامين 2015 و 2018", "بين العامين 2015 و 2018", "2015", "2018"),
    ("بين 2001 و2003", "بين 2001 و2003", "2001", "2003"),
    ("من 2019 إلى 2022", "من 2019 إلى 2022", "2019", "2022"),
    ("من عام 2019 حتى عام 2022", "من عام 2019 حتى عام 2022", "2019", "2022"),
    ("عامي ٢٠٢٠ و٢٠٢١", "عامي ٢٠٢٠ و٢٠٢١", "2020", "2021"),
])
def test_ranges(sentence, span, start, end):
    check(sentence, span, start, "year", end)


# --- Hijri --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,span,value,precision", [
    ("في 15 رمضان 1446 هـ", "15 رمضان 1446 هـ", "2025-03-15", "day"),
    ("الموافق 1 شوال 1446هـ", "1 شوال 1446هـ", "2025-03-30", "day"),
    ("في رمضان 1446هـ", "رمضان 1446هـ", "2025-03", "month"),
    ("في شهر ذي الحجة 1445 هـ", "شهر ذي الحجة 1445 هـ", "2024-06", "month"),
    ("عام 1446 هـ", "عام 1446 هـ", "2024", "year"),
    ("1446 هـ", "1446 هـ", "2024", "year"),
    ("سنة 1445 هجرية", "سنة 1445 هجرية", "2023", "year"),
])
def test_hijri(sentence, span, value, precision):
    check(sentence, span, value, precision)


# --- things that are not dates ------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "توفي عن 80 عاما",
    "في الذكرى الثمانين للنكبة",
    "نشر الجيش 2000 جندي على الحدود",
    "أرسلت في 2000 جندي",
    "امتدت القافلة على 1000 كيلومتر",
    "وصلت قيمة الصفقة إلى 2024 دولار",
    "قال الأمين العام المقبل للأمم المتحدة",
    "قال الأمين العام الحالي",
    "مارس الرئيس ضغوطا كبيرة",
    "زار أبو محمد المدينة",
    "في اليوم التالي عاد الوفد",
    "احتفل العالم باليوم العالمي للمرأة",
    "لامس اللاعب الكرة",
    "قبل عام من الانتخابات",
    "قبل ثلاثة أيام من الانتخابات",
    "عام 80",
    "رقم الهاتف 12345678",
    "منذ سنوات طويلة",
    "قبل أيام",
])
def test_not_dates(sentence):
    assert find_timexes(sentence, ANCHOR) == []


def test_no_anchor_keeps_expression():
    found = find_timexes("قال أمس إن الاجتماع في 3 سبتمبر 2025 والشهر المقبل", None)
    assert [(t.text, t.value, t.precision) for t in found] == [
        ("أمس", None, None), ("3 سبتمبر 2025", "2025-09-03", "day"), ("الشهر المقبل", None, None)]


def test_datetime_anchor():
    assert find_timexes("أمس", datetime(2025, 9, 10, 14, 30))[0].value == "2025-09-09"


def test_multiple_sorted_non_overlapping():
    text = ("أعلن الرئيس، أمس الثلاثاء، أن القمة ستعقد في 3 أكتوبر 2025، بعد اتفاق وقع عام 2023 "
            "وانتهت حرب 1950-1953 قبل 72 عاما.")
    found = find_timexes(text, ANCHOR)
    assert [t.text for t in found] == ["أمس الثلاثاء", "3 أكتوبر 2025", "عام 2023", "1950-1953", "قبل 72 عاما"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(text[t.start:t.end] == t.text for t in found)


def test_longest_match_wins():
    # "عام 2019" inside "من عام 2019 إلى 2022" and "3 سبتمبر" inside "3 سبتمبر 2025"
    assert one("من عام 2019 إلى 2022")[0] == "من عام 2019 إلى 2022"
    assert one("الأربعاء 3 سبتمبر 2025")[1] == "2025-09-03"


def test_precisions_constant():
    assert PRECISIONS == ("day", "month", "year")


def test_empty_and_plain_text():
    assert find_timexes("", ANCHOR) == []
    assert find_timexes("لا توجد تواريخ هنا", ANCHOR) == []


# --- properties ---------------------------------------------------------------------------------

# Past-tense or neutral expressions: their value must not be later than anchor + 400 days.
PAST_PHRASES = [
    "أمس", "أول أمس", "اليوم", "يوم الأربعاء", "الخميس الماضي", "الأسبوع الماضي", "الشهر الماضي",
    "العام الماضي", "السنة الماضية", "في سبتمبر", "في يونيو الماضي", "في يونيو من العام الماضي",
    "قبل يومين", "قبل ثلاثة أيام", "قبل أسبوع", "منذ شهرين", "منذ ثلاث سنوات", "قبل عشر سنوات",
    "في 3 سبتمبر", "الثالث من أكتوبر", "منتصف الشهر الماضي", "هذا العام", "أمس الثلاثاء",
    "أواخر العام الماضي", "منذ عقدين", "في أيلول (سبتمبر)",
]
# Absolute expressions: resolved without the anchor (only checked for exact spans and valid values).
ABSOLUTE_PHRASES = ["منذ 2019", "عام 2023", "1950-1953", "بين عامي 1950 و1953", "15 رمضان 1446 هـ",
                    "رمضان 1446هـ", "3/9/2025", "3 أيلول/سبتمبر 2025", "من 2019 إلى 2022"]
FUTURE_PHRASES = ["غدا", "الأحد المقبل", "الشهر المقبل", "العام المقبل", "في يناير المقبل"]
FILLER = ["قال الرئيس", "إن", "المفاوضات", "مستمرة", "،", ".", "في القاهرة", "و", "2000 جندي", "80 عاما",
          "الأمين العام", "\n", "(", ")"]
MARKS = ["\u064e", "\u064b", "\u0651", "\u0640", "\u200f"]

anchors = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def _noisy(word: str, noise: list[int]) -> str:
    """Insert diacritics/tatweel/bidi marks after Arabic letters (positions chosen by `noise`)."""
    out = []
    for i, ch in enumerate(word):
        out.append(ch)
        if "\u0621" <= ch <= "\u064a" and noise and noise[i % len(noise)] % 4 == 0:
            out.append(MARKS[noise[i % len(noise)] % len(MARKS)])
    return "".join(out)


@settings(max_examples=200, deadline=None)
@given(anchor=anchors,
       parts=st.lists(st.tuples(st.sampled_from(PAST_PHRASES + FUTURE_PHRASES + ABSOLUTE_PHRASES + FILLER),
                                st.lists(st.integers(0, 50), max_size=5)), max_size=12))
def test_property_spans_and_values(anchor, parts):
    text = " ".join(_noisy(p, noise) for p, noise in parts)
    found = find_timexes(text, anchor)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.text and not t.text[0].isspace() and not t.text[-1].isspace()
        assert t.precision in PRECISIONS
        assert len(t.value) == {"day": 10, "month": 7, "year": 4}[t.precision]
        datetime.strptime(t.value, {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[t.precision])
        if t.end_value:
            assert t.end_value > t.value
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@settings(max_examples=200, deadline=None)
@given(anchor=anchors, phrase=st.sampled_from(PAST_PHRASES), noise=st.lists(st.integers(0, 50), max_size=5))
def test_property_past_not_after_anchor(anchor, phrase, noise):
    text = "وقال المتحدث " + _noisy(phrase, noise) + " إن الوضع مستقر"
    found = find_timexes(text, anchor)
    assert len(found) == 1, (text, found)
    t = found[0]
    assert text[t.start:t.end] == t.text
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[t.precision]
    value = datetime.strptime(t.value, fmt).date()
    assert value <= anchor + timedelta(days=400)


@settings(max_examples=100, deadline=None)
@given(anchor=anchors, phrase=st.sampled_from(FUTURE_PHRASES))
def test_property_future_after_anchor(anchor, phrase):
    t = one("وقال المتحدث " + phrase, anchor)
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[t[2]]
    value = datetime.strptime(t[1], fmt).date()
    # the start of the period lies after the anchor's period
    assert value.year >= anchor.year
    if t[2] == "day":
        assert value > anchor


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣٤٥ /-.،()هـمنذقبلعاميوسبترأإآالثنيةى\u064e\u0640 \n")),
                    max_size=60),
       anchor=st.one_of(st.none(), anchors))
def test_property_arbitrary_text_never_crashes(text, anchor):
    found = find_timexes(text, anchor)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert (t.value is None) == (t.precision is None)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("sentence,span", [
    ("موازنة للعام 2024", "لعام 2024"),  # clitic ل of ل+ال left out
    ("وللعام 2024 خصصت الحكومة", "لعام 2024"),
])
def test_year_after_lil(sentence, span):
    check(sentence, span, "2024", "year")


@pytest.mark.parametrize("sentence,span", [
    ("قال اليوم إن", "اليوم"), ("أعلن أمس", "أمس"), ("يوم الخميس", "يوم الخميس"),
    ("الأسبوع الماضي", "الأسبوع الماضي"), ("في سبتمبر", "سبتمبر"), ("قبل يومين", "قبل يومين"),
    ("يونيو الماضي", "يونيو الماضي"), ("منذ ثلاث سنوات", "منذ ثلاث سنوات"),
])
def test_relative_without_anchor_is_unresolved(sentence, span):
    check(sentence, span, None, None, anchor=None)


@pytest.mark.parametrize("sentence,value", [
    ("في 3 سبتمبر 2025", "2025-09-03"), ("عام 2023", "2023"), ("15 رمضان 1446 هـ", "2025-03-15"),
    ("3/9/2025", "2025-09-03"),
])
def test_absolute_without_anchor_is_resolved(sentence, value):
    assert find_timexes(sentence, None)[0].value == value


def test_long_inputs_stay_fast():
    import time

    base = "أعلن الرئيس، أمس الثلاثاء، أن القمة ستعقد في 3 أكتوبر 2025، بعد اتفاق وقع عام 2023. "
    t0 = time.perf_counter()
    found = find_timexes(base * 2000, ANCHOR)
    assert len(found) == 6000
    for blank in ("الأربعاء" + " " * 20000 + "x", "3" + " " * 20000 + "سبتمبر", "عام" + "\n" * 20000 + "2020"):
        find_timexes(blank, ANCHOR)
    assert time.perf_counter() - t0 < 10


def test_one_day_written_several_ways_is_one_expression_with_the_absolute_value():
    # the weekday alone would resolve against the publication date (the Sunday before 12 June)
    text = "استقبل الملك الرئيس يوم الأحد 14 رمضان 1445 هـ الموافق 24 مارس 2024، وبحثا العلاقات"
    (t,) = find_timexes(text, date(2024, 6, 12))
    assert t.text == "يوم الأحد 14 رمضان 1445 هـ الموافق 24 مارس 2024" and t.value == "2024-03-24"
    # a range of two days stays two days
    assert len(find_timexes("من 24 مارس - 26 مارس 2024", date(2024, 6, 12))) >= 1
    assert [x.value for x in find_timexes("زار موسكو يوم 3 مايو ثم بكين يوم 5 مايو 2024", date(2024, 6, 12))][-1] == "2024-05-05"


def test_a_year_without_its_hijri_mark_is_read_by_context():
    from datetime import date
    from kg.timex import find_timexes
    anchor = date(2015, 8, 1)
    assert [t.value for t in find_timexes("وفي العام 1436 أعلنت الحكومة خطتها", anchor)] == ["2014"]
    # as Hijri it would be in the future: a Gregorian year of history
    assert [t.value for t in find_timexes("وفتح العثمانيون القسطنطينية عام 1453", anchor)] == ["1453"]
    assert [t.value for t in find_timexes("في العام 1436", None)] == ["1436"]  # no article date: as written


def test_the_same_day_is_not_today():
    """في اليوم نفسه / في نفس اليوم / ذات اليوم point back to a day already named; only a bare اليوم is today."""
    anchor = date(2023, 9, 29)
    for text in ("والتقى الوزيران في اليوم نفسه.", "وفي نفس اليوم التقى الوزيران.", "وفي ذات اليوم التقيا.",
                 "التقيا اليوم ذاته."):
        assert [t.value for t in find_timexes(text, anchor)] == [], text
    assert [t.value for t in find_timexes("التقى الوزيران اليوم.", anchor)] == ["2023-09-29"]


def test_a_bare_year_something_dates_back_to_and_not_a_level_reached():
    anchor = date(2015, 12, 26)
    got = [(t.text, t.value) for t in find_timexes("وتعود آخر قمة بين البلدين إلى 2009 في عهد الحكومة السابقة.", anchor)]
    assert got == [("2009", "2009")]
    assert find_timexes("وارتفع المؤشر إلى 2009 نقاط ثم عاد إلى 2010.", anchor) == []
