"""Find and normalise Arabic date expressions (timexes) against an article's publication date.

    find_timexes(text, anchor) -> list[Timex]

Matching runs on `kg.text.normalize_with_map(text)` (hamza/alef forms, taa marbuta, alef maqsura,
diacritics, tatweel and Arabic-Indic digits folded), so every table below is written in ordinary
spelling and folded once at import; matches map back to exact offsets into the original text.

Values are ISO strings ("YYYY-MM-DD" | "YYYY-MM" | "YYYY") with precision "day" | "month" | "year".
Expressions that need the anchor (اليوم, الشهر الماضي, في سبتمبر, ...) get value/precision None when
the anchor is None; absolute ones (3 سبتمبر 2025, عام 2023, 1446 هـ) are resolved regardless.

Conventions (decisions, documented here once):
* Span: the date words themselves. Context words that carry meaning are included (عام 2023,
  العام 2023, منذ ثلاث سنوات, قبل يومين, بين عامي 1950 و1953, من 2019 إلى 2022, أواخر 2023);
  a bare preposition is not (في 2023 -> "2023", منذ 2019 -> "2019").
* Month without a year (في سبتمبر, 3 سبتمبر): nearest occurrence in [anchor - 11 months, anchor's
  month]. "سبتمبر الماضي": last September strictly before the anchor's month (or this month when a
  day before the anchor's day is given); "المقبل"/"القادم": the next one after; "الجاري"/"الحالي":
  the anchor's year.
* Weekday (الأربعاء, يوم الأربعاء): the latest such day on or before the anchor (0..6 days back);
  "... الماضي" strictly before (1..7 days back); "... المقبل"/"القادم" strictly after (1..7 days on).
* Weeks (الأسبوع الماضي, قبل أسبوعين): a week has no precision of its own here, so the value is the
  month containing anchor -/+ 7n days, precision "month".
* "قبل/منذ N أيام|أشهر|سنوات": anchor minus the duration at that unit's precision (days -> day,
  months -> month, years and decades -> year). "بعد N أشهر|سنوات من" + what happened (بعد عامين تقريبا من
  الحرب): what it names began that long before the anchor (weeks and longer only). The recent past (خلال الأيام
  الماضية، في الأسابيع الأخيرة): the anchor's month where the period cannot reach into the month before, else
  its year where it cannot reach into the year before.
* Modifiers (مطلع/أوائل/منتصف/أواخر/نهاية/بداية ...) are kept in the span and do not change the
  value: they keep the month or year precision of what they modify.
* Hijri dates (15 رمضان 1446 هـ, رمضان 1446هـ, 1446 هـ) are converted with hijridate; the value is
  the Gregorian day, or the Gregorian month/year in which the Hijri month/year starts.
* Bare 4-digit numbers count as years only in 1900-2100 and only after a context word (في, منذ,
  حتى, خلال, a modifier, or إلى after a verb of dating back: تعود ... إلى 2004) and not before a counted
  noun (2000 جندي); after عام/العام/سنة 1000-2100.
"""
from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, datetime, timedelta
from typing import Iterator

from .doc import Timex
from .text import normalize, normalize_with_map

PRECISIONS = ("day", "month", "year")

# ---------------------------------------------------------------------------------------------------
# Data tables (ordinary spelling; folded with kg.text.normalize when the regexes are built)
# ---------------------------------------------------------------------------------------------------

GREGORIAN_MONTHS: dict[int, list[str]] = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية"],
    8: ["أغسطس", "آب", "أوت"],
    9: ["سبتمبر", "أيلول"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني"],
    12: ["ديسمبر", "كانون الأول"],
}
# Month names that are also common words (مارس "practised", آب/أب "father", ماي, جوان a name):
# they count only with a day, a year, a relative word, "شهر", a combined form or a preceding
# preposition/modifier.
WEAK_MONTHS = {"مارس", "آب", "ماي", "جوان"}

HIJRI_MONTHS: dict[int, list[str]] = {
    1: ["محرم"],
    2: ["صفر"],
    3: ["ربيع الأول"],
    4: ["ربيع الثاني", "ربيع الآخر"],
    5: ["جمادى الأولى", "جمادى الأول"],
    6: ["جمادى الثانية", "جمادى الآخرة", "جمادى الثاني", "جمادى الآخر"],
    7: ["رجب"],
    8: ["شعبان"],
    9: ["رمضان"],
    10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"],
    12: ["ذو الحجة", "ذي الحجة"],
}

WEEKDAYS: dict[str, int] = {  # Python's date.weekday(): Monday = 0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}

_ORD_UNITS = {1: "الحادي", 2: "الثاني", 3: "الثالث", 4: "الرابع", 5: "الخامس", 6: "السادس",
              7: "السابع", 8: "الثامن", 9: "التاسع"}
# Ordinal day words: الأول .. الحادي والثلاثين.
ORDINAL_DAYS: dict[str, int] = {"الأول": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30,
                                "الواحد والعشرين": 21, "الواحد والثلاثين": 31}
ORDINAL_DAYS.update({w: n for n, w in _ORD_UNITS.items() if n != 1})
ORDINAL_DAYS.update({f"{w} عشر": 10 + n for n, w in _ORD_UNITS.items()})
ORDINAL_DAYS.update({f"{w} والعشرين": 20 + n for n, w in _ORD_UNITS.items()})
ORDINAL_DAYS["الحادي والثلاثين"] = 31

# Cardinal number words for durations (قبل ثلاث سنوات, منذ عشرة أيام).
_CARD_UNITS = {3: ["ثلاث", "ثلاثة"], 4: ["أربع", "أربعة"], 5: ["خمس", "خمسة"], 6: ["ست", "ستة"],
               7: ["سبع", "سبعة"], 8: ["ثماني", "ثمانية", "ثمان"], 9: ["تسع", "تسعة"]}
NUMBER_WORDS: dict[str, int] = {"واحد": 1, "واحدة": 1, "اثنين": 2, "اثنتين": 2, "عشر": 10, "عشرة": 10,
                                "أحد عشر": 11, "إحدى عشرة": 11, "اثني عشر": 12, "اثنا عشر": 12,
                                "اثنتي عشرة": 12, "عشرين": 20, "ثلاثين": 30, "أربعين": 40,
                                "خمسين": 50, "ستين": 60, "سبعين": 70, "ثمانين": 80, "تسعين": 90,
                                "مئة": 100, "مائة": 100}
for _n, _forms in _CARD_UNITS.items():
    for _f in _forms:
        NUMBER_WORDS[_f] = _n
        NUMBER_WORDS[f"{_f} عشر"] = 10 + _n
        NUMBER_WORDS[f"{_f} عشرة"] = 10 + _n

# Duration nouns: form -> (unit, count implied by the form itself: 1 singular, 2 dual, None plural).
DURATION_UNITS: dict[str, tuple[str, int | None]] = {
    "يوم": ("day", 1), "يوما": ("day", 1), "يومين": ("day", 2), "أيام": ("day", None),
    "أسبوع": ("week", 1), "أسبوعا": ("week", 1), "أسبوعين": ("week", 2), "أسابيع": ("week", None),
    "شهر": ("month", 1), "شهرا": ("month", 1), "شهرين": ("month", 2), "أشهر": ("month", None),
    "شهور": ("month", None),
    "عام": ("year", 1), "عاما": ("year", 1), "عامين": ("year", 2), "أعوام": ("year", None),
    "سنة": ("year", 1), "سنتين": ("year", 2), "سنوات": ("year", None), "سنين": ("year", None),
    "عقد": ("decade", 1), "عقدين": ("decade", 2), "عقود": ("decade", None),
}
APPROX_WORDS = ["نحو", "حوالي", "قرابة", "زهاء", "أكثر من", "أقل من", "ما يقرب من", "ما يزيد على"]

# Relative adjectives: form -> direction (-1 past, 0 current, +1 next); feminine -ة accepted too.
RELATIVE_ADJ: dict[str, int] = {"الماضي": -1, "المنصرم": -1, "الفائت": -1, "المقبل": 1,
                                "القادم": 1, "الحالي": 0, "الجاري": 0}
# Period modifiers kept in the span: "أواخر 2023", "منتصف الشهر الماضي", "نهاية سبتمبر".
MODIFIERS = ["مطلع", "أوائل", "مستهل", "بداية", "منتصف", "أواسط", "أواخر", "نهاية", "ختام"]
# Prepositions that make a bare 4-digit number a year ("في 2023", "منذ 2019"); not in the span.
YEAR_PREPS = ["في", "منذ", "حتى", "خلال", "بحلول", "قبل", "بعد", "طيلة", "طوال", "أثناء"]
# Counted nouns: a 4-digit number before one of these is a quantity, not a year (في 2000 غارة).
COUNTED_NOUNS = ["جندي", "شخص", "قتيل", "جريح", "مقاتل", "عنصر", "مدني", "لاجئ", "طفل", "امرأة",
                 "كيلومتر", "كيلومترا", "كلم", "كم", "متر", "مترا", "ميل", "دولار", "يورو", "جنيه",
                 "ريال", "دينار", "درهم", "ليرة", "طن", "برميل", "غارة", "صاروخ", "منزل", "عائلة",
                 "أسرة", "عام", "عاما", "سنة", "يوم", "يوما", "شهر", "مليون", "مليار", "ألف",
                 "موظف", "عامل", "طالب", "مريض", "حالة", "مرة", "معتقل", "أسير", "سجين"]
# Nouns that "العام" qualifies as "general/public" (الأمين العام المقبل is not next year).
GENERAL_NOUNS = ["الأمين", "المدعي", "النائب", "الرأي", "المدير", "المفتش", "المراقب", "المنسق",
                 "القائد", "المؤتمر", "الأمن", "القطاع", "المال", "الشأن", "النظام", "الصالح",
                 "الحق", "العفو", "الإضراب", "التعليم", "الاتحاد", "الادعاء", "المحامي", "الإنفاق",
                 "الدين", "الاستفتاء", "المرشد", "القنصل", "الموازنة", "المستشار", "الحاكم"]

# Day offsets of the deictic words (matched in this order of preference by length).
DEICTIC_DAYS: dict[str, int] = {"اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1,
                                "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2,
                                "غدا": 1, "يوم غد": 1, "بعد غد": 2,
                                "صباح غد": 1, "مساء غد": 1, "ظهر غد": 1, "فجر غد": 1}  # سيتوجه صباح غدٍ الأربعاء

# ---------------------------------------------------------------------------------------------------
# Regex building
# ---------------------------------------------------------------------------------------------------


def _n(s: str) -> str:
    return normalize(s)


def _alt(words, *, boundary: bool = True) -> str:
    """Alternation of folded words, longest first, inner spaces as \\s+, optional right boundary."""
    forms = sorted({_n(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    body = body.replace(r"\s+و", r"\s+و\s*")  # الحادي والعشرين / الحادي و العشرين
    return f"(?:{body})" + (r"(?!\w)" if boundary else "")


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile with bounded whitespace runs (\\s* -> at most 4, \\s+ -> 1..4): linear on long blanks."""
    return re.compile(pattern.replace(r"\s*", r"\s{0,4}").replace(r"\s+", r"\s{1,4}"), re.X)


def _lookup(table: dict[str, int]) -> dict[str, int]:
    return {_n(k): v for k, v in table.items()}


# Left boundaries: start of a word, possibly after one-letter clitics (و ف, and ب ل ك for nouns).
_B = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"
_BC = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
# The article, also as the second ل of ل+ال (للعام الماضي).
_ART = r"(?:ال|(?<=(?<!\w)ل)ل|(?<=(?<!\w)[وف]ل)ل)"

_MONTH_NUM = {_n(name): num for num, names in GREGORIAN_MONTHS.items() for name in names}
_HMONTH_NUM = {_n(name): num for num, names in HIJRI_MONTHS.items() for name in names}
_WEAK = {_n(w) for w in WEAK_MONTHS}
_WEEKDAY_NUM = _lookup(WEEKDAYS)
_ORD_NUM = _lookup(ORDINAL_DAYS)
_NUM_WORDS = _lookup(NUMBER_WORDS)
_UNITS = {_n(k): v for k, v in DURATION_UNITS.items()}
_ADJ_DIR = _lookup(RELATIVE_ADJ)
_DEICTIC = _lookup(DEICTIC_DAYS)
_GENERAL = {_n(w) for w in GENERAL_NOUNS}
_MONTH_CONTEXT = {_n(w) for w in YEAR_PREPS + MODIFIERS} | {"شهر"}

_MNAME = _alt(_MONTH_NUM)
_MONTH = rf"(?:شهر\s+)?{_MNAME}(?:\s*[/\\\-]\s*{_MNAME}|\s*[(\[]\s*{_MNAME}\s*[)\]])?"
_HMONTH = _alt(_HMONTH_NUM)
_WEEKDAY = _alt(_WEEKDAY_NUM)
_ORD = _alt(_ORD_NUM)
_ADJ = rf"(?:{_alt(_ADJ_DIR, boundary=False)}ه?)(?!\w)"
_MOD = _alt(MODIFIERS)
_YEAR_WORD = rf"(?:{_ART})?(?:عام|سنه)"
_YREL = rf"(?:(?:العام|السنه)\s+{_ADJ}|هذا\s+العام|هذه\s+السنه)"
_AD = r"(?:\s*م(?!\w))?"  # 2023م (ميلادي)
_NUM = rf"(?:[0-9]{{1,3}}|{_alt(_NUM_WORDS)})"

# 1. Gregorian day/month/year: [weekday] [day | modifier] month [year | من العام الماضي | الماضي]
_DATE_RE = _compile(rf"""
    {_BC}
    (?:(?P<wd>(?:يوم\s+)?{_WEEKDAY})\s*[،,]?\s*)?
    (?:(?P<mod>{_MOD})\s+|(?P<day>[0-9]{{1,2}}|{_ORD})(?:\s+من)?\s*)?
    (?P<month>{_MONTH})
    (?:\s*[،,]?\s*(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<year>[0-9]{{4}}){_AD}(?![0-9])
      |\s+من\s+(?P<yrel>{_YREL})
      |\s+(?P<rel>{_ADJ})
    )?""")

# 2. Numeric dates: 3/9/2025 (day/month/year), 2025-09-03.
_NUMERIC_DMY_RE = re.compile(r"(?<![0-9/.\-])(?P<d>[0-9]{1,2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)"
                             r"(?P<y>[0-9]{4})(?![0-9/\-]|\.[0-9])")
_NUMERIC_ISO_RE = re.compile(r"(?<![0-9/.\-])(?P<y>[0-9]{4})(?P<sep>[/\-])(?P<m>[0-9]{1,2})(?P=sep)"
                             r"(?P<d>[0-9]{1,2})(?![0-9/\-]|\.[0-9])")

# 3. Hijri: [day] [hijri month] [عام] year [هـ | هجري | للهجرة]
_HIJRI_RE = _compile(rf"""
    {_BC}
    (?:(?P<mod>{_MOD})\s+)?
    (?:(?P<day>[0-9]{{1,2}}|{_ORD})(?:\s+من)?\s+(?=(?:شهر\s+)?{_HMONTH}))?
    (?:(?P<hm>(?:شهر\s+)?{_HMONTH})\s*[،,]?\s*(?:من\s+)?)?
    (?:{_YEAR_WORD}\s+)?
    (?P<year>[0-9]{{4}})
    (?:\s*(?P<h>ه(?:\.(?![0-9]))?(?!\w)|هجري(?:ه)?(?!\w)|للهجره(?!\w)))?
    (?![0-9])""")

# 4. Year ranges.
_RANGE_RE = _compile(rf"""
    {_BC}(?:
      (?:(?P<ctx1>(?:ال)?(?:عام|اعوام|سنوات)|عامي|سنتي)\s+)?(?P<a1>[0-9]{{4}})\s*[-–—]\s*(?P<b1>[0-9]{{4}})
     |بين\s+(?:(?:عامي|العامين|سنتي|السنتين|{_YEAR_WORD})\s+)?(?P<a2>[0-9]{{4}})\s+و\s*(?:{_YEAR_WORD}\s+)?(?P<b2>[0-9]{{4}})
     |(?:عامي|سنتي)\s+(?P<a3>[0-9]{{4}})\s+و\s*(?P<b3>[0-9]{{4}})
     |من\s+(?:{_YEAR_WORD}\s+)?(?P<a4>[0-9]{{4}})\s+(?:الي|حتي|ل)\s*(?:{_YEAR_WORD}\s+)?(?P<b4>[0-9]{{4}})
    ){_AD}(?![0-9])""")

# 5. Years with a context word: عام 2023 / العام 2023 / في 2023 / منذ 2019 / أواخر 2023
_YEAR_RE = _compile(rf"""
    {_BC}
    (?:(?P<prep>{_alt(YEAR_PREPS)})\s+)?
    (?:(?P<mod>{_MOD})\s+)?
    (?:(?P<ctx>{_YEAR_WORD})\s+)?
    (?P<year>[0-9]{{4}}){_AD}(?![0-9])
    (?!\s*[/\-][0-9])
    (?P<counted>\s+{_alt(COUNTED_NOUNS)})?""")

# 5b. A bare year something dates back to (تعود آخر زيارة ... إلى 2004): a year, not a quantity reached
DATES_BACK = ["يعود", "تعود", "يرجع", "ترجع"]  # (not عاد: المؤشر عاد إلى 2004 is a level)
_BACK_TO_RE = _compile(rf"""
    {_B}{_alt(DATES_BACK)}(?:\s+\S+){{0,8}}?\s+(?:الي|ل)\s*(?P<year>[0-9]{{4}}){_AD}(?![0-9])
    (?!\s*[/\-][0-9])
    (?P<counted>\s+{_alt(COUNTED_NOUNS)})?""")

# 6. Deictic days: اليوم, أمس, أول أمس, غدا ... with an optional following weekday (أمس الثلاثاء).
_DEICTIC_RE = _compile(rf"""
    (?:{_BC}(?=ال)|{_B})(?P<word>{_alt(_DEICTIC)})
    (?:\s*[،,]?\s*(?P<wd>{_WEEKDAY}))?
    (?P<adj>\s+ال\w+)?""")

# 7. Weekdays: [يوم] الأربعاء [المقبل|الماضي]
_WEEKDAY_RE = _compile(rf"{_BC}(?:يوم\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<adj>{_ADJ}))?")

# 8. Relative periods: الأسبوع/الشهر/العام الماضي, هذا العام, نهاية الشهر, منتصف العام المقبل
_PERIOD_RE = _compile(rf"""
    {_BC}
    (?:(?P<mod>{_MOD})\s+)?
    (?:(?P<this>هذا|هذه)\s+(?P<unit1>الاسبوع|الشهر|العام|السنه)(?!\w)
      |(?P<art>{_ART})(?P<unit2>اسبوع|شهر|عام|سنه)(?:\s+(?P<adj>{_ADJ})|(?!\w))
    )""")

# 9. Durations ago: قبل يومين, منذ ثلاث سنوات, قبل نحو 80 عاما
_AGO_RE = _compile(rf"""
    {_BC}(?P<prep>قبل|منذ)\s+
    (?:{_alt(APPROX_WORDS)}\s+)?
    (?:(?P<num>{_NUM})\s+)?
    (?P<unit>{_alt(_UNITS)})
    (?P<bad>\s*[0-9]|\s+ال|\s+(?:من|علي)(?!\w))?""")

# 10. Time since: بعد عامين تقريبا من الحرب: what من names began that long before the anchor
_SINCE_RE = _compile(rf"""
    {_BC}بعد\s+
    (?:{_alt(APPROX_WORDS)}\s+)?
    (?:(?P<num>{_NUM})\s+)?
    (?P<unit>{_alt(_UNITS)})
    (?:\s+(?:تقريبا|{_alt(APPROX_WORDS)}))?
    \s+من\s+(?!الان(?!\w))""")


# 11. The recent past: خلال الأيام الماضية، في الأسابيع الأخيرة: some days or weeks before the anchor
_RECENT_RE = _compile(rf"""
    {_BC}(?:خلال|في|طوال)\s+(?P<unit>الايام|الاسابيع|الاشهر|الشهور)\s+(?:القليله\s+)?(?:الماضيه|الفايته|الاخيره|المنصرمه)(?!\w)""")
_RECENT_SPAN = {"الايام": 7, "الاسابيع": 28, "الاشهر": 183, "الشهور": 183}  # days the period may reach back

# ---------------------------------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------------------------------


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def resolve_weekday(anchor: date, weekday_index: int, direction: str = "past") -> date:
    """The date of a weekday (Monday = 0) relative to the anchor.

    direction "past": on or before the anchor (0..6 days back); "last": strictly before (1..7 back);
    "next": strictly after (1..7 days on).
    """
    if direction == "next":
        return anchor + timedelta(days=(weekday_index - anchor.weekday() - 1) % 7 + 1)
    back = (anchor.weekday() - weekday_index) % 7
    if direction == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _month_year(month: int, anchor: date, direction: int | None, day: int | None = None) -> int:
    """Year of a month named without a year. direction: None (nearest not after), -1, 0, +1."""
    if direction == 0:
        return anchor.year
    if direction == -1:
        if month < anchor.month or (month == anchor.month and day is not None and day < anchor.day):
            return anchor.year
        return anchor.year - 1
    if direction == 1:
        if month > anchor.month or (month == anchor.month and day is not None and day > anchor.day):
            return anchor.year
        return anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    try:
        from hijridate import Hijri

        g = Hijri(y, m, d).to_gregorian()
        return date(g.year, g.month, g.day)
    except (ValueError, OverflowError, ImportError):
        return None


def _first_name(chunk: str, table: dict[str, int]) -> tuple[str, int]:
    """The first month name in a matched month chunk ('شهر ايلول (سبتمبر)' -> ('ايلول', 9))."""
    chunk = " ".join(chunk.split())
    if chunk.startswith("شهر "):
        chunk = chunk[4:]
    for name in sorted(table, key=len, reverse=True):
        if chunk.startswith(name):
            return name, table[name]
    raise KeyError(chunk)


def _word_number(s: str) -> int:
    s = " ".join(s.split())
    return int(s) if s.isdigit() else _NUM_WORDS[s.replace("و ", "و")]


def _previous_word(norm: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", norm[max(0, pos - 40):pos])
    return m.group(1) if m else ""


# A candidate: (start, end) in normalised text, value, precision, end_value.
Cand = tuple[int, int, "str | None", "str | None", "str | None"]


def _rel_direction(adj: str | None) -> int | None:
    if not adj:
        return None
    adj = adj.strip()
    return _ADJ_DIR.get(adj, _ADJ_DIR.get(adj[:-1]) if adj.endswith("ه") else None)


# ---------------------------------------------------------------------------------------------------
# Pattern families: each yields candidates over the normalised text
# ---------------------------------------------------------------------------------------------------


def _gregorian_dates(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _DATE_RE.finditer(norm):
        name, month = _first_name(m.group("month"), _MONTH_NUM)
        day_s, year_s = m.group("day"), m.group("year")
        day = None if day_s is None else (int(day_s) if day_s.isdigit() else _ORD_NUM[" ".join(day_s.split()).replace("و ", "و")])
        combined = m.group("month") != name and not m.group("month").startswith("شهر")
        has_context = bool(day_s or year_s or m.group("yrel") or m.group("rel") or m.group("mod")
                           or m.group("wd") or "شهر" in m.group("month") or combined)
        if name in _WEAK and not has_context:
            prev = _previous_word(norm, m.start())
            if not {prev, prev[1:] if prev[:1] in "وف" else prev} & _MONTH_CONTEXT:
                continue
        start, end = m.start(), m.end()
        if m.group("wd") and not (day_s or year_s):
            start = m.start("mod") if m.group("mod") else m.start("month")  # weekday handled alone
        year: int | None = None
        if year_s:
            year = int(year_s)
            if not 1000 <= year <= 2100:
                end = m.end("month")
                year = None
        if year is None and anchor is not None:
            if m.group("yrel"):
                yrel = m.group("yrel").split()
                shift = 0 if yrel[0] in ("هذا", "هذه") else _rel_direction(yrel[-1])
                year = anchor.year + (shift or 0)
            else:
                year = _month_year(month, anchor, _rel_direction(m.group("rel")), day)
        if year is None:
            yield start, end, None, None, None
        elif day is not None and _valid_day(year, month, day):
            yield start, end, _iso(year, month, day), "day", None
        elif day is not None:  # 31 فبراير: keep the month only
            yield m.start("month"), end, _iso(year, month), "month", None
        else:
            yield start, end, _iso(year, month), "month", None


def _numeric_dates(norm: str, anchor: date | None) -> Iterator[Cand]:
    for rx in (_NUMERIC_DMY_RE, _NUMERIC_ISO_RE):
        for m in rx.finditer(norm):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if not 1900 <= y <= 2100:
                continue
            if rx is _NUMERIC_DMY_RE and mo > 12 and d <= 12:  # 9/25/2025: month first
                mo, d = d, mo
            if _valid_day(y, mo, d):
                yield m.start(), m.end(), _iso(y, mo, d), "day", None


def _hijri_dates(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _HIJRI_RE.finditer(norm):
        year = int(m.group("year"))
        if not (m.group("h") or m.group("hm")) or not 1300 <= year <= 1500:
            continue
        day_s = m.group("day")
        if m.group("hm"):
            _, hmonth = _first_name(m.group("hm"), _HMONTH_NUM)
            if day_s:
                day = int(day_s) if day_s.isdigit() else _ORD_NUM[" ".join(day_s.split()).replace("و ", "و")]
                g = _hijri_to_gregorian(year, hmonth, day)
                if g:
                    yield m.start(), m.end(), _iso(g.year, g.month, g.day), "day", None
                continue
            g = _hijri_to_gregorian(year, hmonth, 1)
            if g:
                yield m.start(), m.end(), _iso(g.year, g.month), "month", None
            continue
        g = _hijri_to_gregorian(year, 1, 1)
        if g:
            start = m.start("mod") if m.group("mod") else m.start() if not day_s else m.start("year")
            yield start, m.end(), _iso(g.year), "year", None


def _year_ranges(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _RANGE_RE.finditer(norm):
        for k in "1234":
            if m.group("a" + k):
                a, b = int(m.group("a" + k)), int(m.group("b" + k))
                break
        bare = k == "1" and not m.group("ctx1")
        lo = 1900 if bare else 1000
        if lo <= a < b <= 2100 and b - a <= 200:
            yield m.start(), m.end(), _iso(a), "year", _iso(b)


def _years(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _YEAR_RE.finditer(norm):
        year = int(m.group("year"))
        if m.group("ctx"):
            if not 1000 <= year <= 2100:
                continue
        elif m.group("prep") or m.group("mod"):
            if not 1900 <= year <= 2100 or m.group("counted"):
                continue
        else:
            continue
        start = m.start("mod") if m.group("mod") else m.start("ctx") if m.group("ctx") else m.start("year")
        end = m.start("counted") if m.group("counted") else m.end()
        yield start, end, _iso(_hijri_by_context(year, anchor)), "year", None
    for m in _BACK_TO_RE.finditer(norm):
        year = int(m.group("year"))
        if 1900 <= year <= 2100 and not m.group("counted"):
            yield m.start("year"), m.end("year"), _iso(year), "year", None


def _hijri_by_context(year: int, anchor: date | None) -> int:
    """A year written without هـ may still be Hijri: in a 2015 article, العام 1436 is 2014/15, not the 15th
    century. It is read so when, as Hijri, it falls in the thirty years before the article (a Hijri year of
    the future, العام 1453 in 2015, stays the Gregorian year of a history)."""
    if anchor is None or not 1300 <= year <= 1500:
        return year
    g = _hijri_to_gregorian(year, 1, 1)
    return g.year if g and anchor.year - 30 <= g.year <= anchor.year + 1 else year


_SAME_AFTER = re.compile(r"\s+(?:نفسه|ذاته)\b")
_SAME_BEFORE = re.compile(r"\b(?:نفس|ذات)\s+$")


def _deictic_days(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _DEICTIC_RE.finditer(norm):
        word = " ".join(m.group("word").split())
        offset = _DEICTIC[word]
        if word == "اليوم" and m.group("adj") and not m.group("wd"):
            continue  # اليوم التالي / اليوم العالمي / اليوم السابع are not "today"
        if word == "اليوم" and (_SAME_AFTER.match(norm, m.end("word")) or _SAME_BEFORE.search(norm[:m.start("word")])):
            continue  # في اليوم نفسه / في نفس اليوم: the day just named, not today
        end = m.end("wd") if m.group("wd") else m.end("word")
        if anchor is None:
            yield m.start("word"), end, None, None, None
        else:
            yield m.start("word"), end, (anchor + timedelta(days=offset)).isoformat(), "day", None


def _weekdays(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _WEEKDAY_RE.finditer(norm):
        wd = _WEEKDAY_NUM[m.group("wd")]
        direction = {None: "past", -1: "last", 1: "next", 0: "past"}[_rel_direction(m.group("adj"))]
        if anchor is None:
            yield m.start(), m.end(), None, None, None
        else:
            yield m.start(), m.end(), resolve_weekday(anchor, wd, direction).isoformat(), "day", None


def _periods(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _PERIOD_RE.finditer(norm):
        unit = m.group("unit1") or ("ال" + m.group("unit2"))
        if m.group("this"):
            shift = 0
        elif m.group("adj"):
            shift = _rel_direction(m.group("adj"))
        elif m.group("mod"):
            shift = 0  # نهاية الشهر, مطلع العام: the current one
        else:
            continue
        if unit == "العام" and not m.group("this") and not m.group("mod"):
            if _previous_word(norm, m.start()) in _GENERAL:
                continue  # الأمين العام المقبل
        if anchor is None:
            yield m.start(), m.end(), None, None, None
        elif unit == "الاسبوع":
            d = anchor + timedelta(days=7 * shift)
            yield m.start(), m.end(), _iso(d.year, d.month), "month", None
        elif unit == "الشهر":
            y, mo = _add_months(anchor.year, anchor.month, shift)
            yield m.start(), m.end(), _iso(y, mo), "month", None
        else:
            yield m.start(), m.end(), _iso(anchor.year + shift), "year", None


def _durations_ago(norm: str, anchor: date | None) -> Iterator[Cand]:
    for m in _AGO_RE.finditer(norm):
        unit, implied = _UNITS[m.group("unit")]
        if m.group("num"):
            if implied == 2:
                continue  # "ثلاثة يومين"
            n = _word_number(m.group("num"))
        elif implied is None:
            continue  # قبل أيام / منذ سنوات: vague
        else:
            n = implied
        if m.group("bad") and implied == 1 and not m.group("num"):
            continue  # قبل عام 2020, قبل يوم الجمعة, قبل عام من الانتخابات
        if m.group("bad") and "ال" not in m.group("bad") and not m.group("bad").strip()[:1].isdigit():
            continue  # قبل ثلاثة أيام من الانتخابات: relative to the event, not the anchor
        end = m.end("unit")
        if anchor is None:
            yield m.start(), end, None, None, None
        elif unit == "day":
            yield m.start(), end, (anchor - timedelta(days=n)).isoformat(), "day", None
        elif unit == "week":
            d = anchor - timedelta(days=7 * n)
            yield m.start(), end, _iso(d.year, d.month), "month", None
        elif unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, -n)
            yield m.start(), end, _iso(y, mo), "month", None
        else:
            years = n * (10 if unit == "decade" else 1)
            if anchor.year - years >= 1:
                yield m.start(), end, _iso(anchor.year - years), "year", None


def _time_since(norm: str, anchor: date | None) -> Iterator[Cand]:
    """بعد عامين تقريبا من الحرب، بعد سبع سنوات من القطيعة: the event after من, that long before the anchor (at
    the unit's precision; a vague count, بعد سنوات من, dates nothing)."""
    for m in _SINCE_RE.finditer(norm):
        unit, implied = _UNITS[m.group("unit")]
        n = _word_number(m.group("num")) if m.group("num") else implied
        if n is None or (m.group("num") and implied == 2) or anchor is None or unit == "day":
            continue  # (بعد يومين من وصوله: days count from another event, not the report's day)
        if unit == "week":
            d = anchor - timedelta(days=7 * n)
            yield m.start(), m.end(), _iso(d.year, d.month), "month", None
        elif unit == "month":
            y, mo = _add_months(anchor.year, anchor.month, -n)
            yield m.start(), m.end(), _iso(y, mo), "month", None
        elif anchor.year - n * (10 if unit == "decade" else 1) >= 1:
            yield m.start(), m.end(), _iso(anchor.year - n * (10 if unit == "decade" else 1)), "year", None


def _recent_past(norm: str, anchor: date | None) -> Iterator[Cand]:
    """خلال الأيام الفائتة: the month of the anchor where the period cannot reach into the month before, else its
    year where it cannot reach into the year before, else nothing."""
    for m in _RECENT_RE.finditer(norm):
        if anchor is None:
            continue
        earliest = anchor - timedelta(days=_RECENT_SPAN[m.group("unit")])
        if (earliest.year, earliest.month) == (anchor.year, anchor.month):
            yield m.start(), m.end(), _iso(anchor.year, anchor.month), "month", None
        elif earliest.year == anchor.year:
            yield m.start(), m.end(), _iso(anchor.year), "year", None


_FAMILIES = (_gregorian_dates, _numeric_dates, _hijri_dates, _year_ranges, _years, _deictic_days,
             _weekdays, _periods, _durations_ago, _time_since, _recent_past)

_TRAILING_MARKS = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}


_SAME_DAY_JOINERS = {"", normalize("الموافق"), normalize("الموافق ل"), "("}


def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    """All date expressions in `text`, resolved against `anchor` (the publication date).

    Non-overlapping (longest match wins, then the earlier one), sorted by start.
    """
    if not text:
        return []
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    norm, index = normalize_with_map(text)
    spans: list[tuple[int, int, str | None, str | None, str | None]] = []
    for family in _FAMILIES:
        for ns, ne, value, precision, end_value in family(norm, anchor):
            while ne > ns and norm[ne - 1].isspace():
                ne -= 1
            if ne <= ns:
                continue
            start, end = index[ns], index[ne - 1] + 1
            while end < len(text) and text[end] in _TRAILING_MARKS:  # غداً, هـ
                end += 1
            spans.append((start, end, value, precision if value else None, end_value))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, str | None, str | None, str | None]] = []  # kept sorted by start
    for s in spans:
        i = bisect.bisect_left(taken, (s[0],))
        if (i == len(taken) or taken[i][0] >= s[1]) and (i == 0 or taken[i - 1][1] <= s[0]):
            taken.insert(i, s)
    # يوم الأحد 14 رمضان 1445 هـ الموافق 24 مارس 2024: one day written several ways is one expression, its
    # value the last (absolute) one, not the weekday resolved against the publication date
    merged: list[tuple[int, int, str | None, str | None, str | None]] = []
    for s in taken:
        if merged and merged[-1][3] == "day" and s[3] == "day" \
                and normalize(text[merged[-1][1]:s[0]]).strip() in _SAME_DAY_JOINERS:
            merged[-1] = (merged[-1][0], s[1], s[2], s[3], s[4])
        else:
            merged.append(s)
    return [Timex(s, e, text[s:e], v, p, ev) for s, e, v, p, ev in merged]


__all__ = ["find_timexes", "resolve_weekday", "PRECISIONS", "Timex"]
