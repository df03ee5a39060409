"""English words and patterns for time expressions (read by ``veille.stages.time.rules``).

Same shape as ``veille.lang.fr.time``: word lists, and pattern sources whose placeholders (``{MONTH}``,
``{WEEKDAY}``, ``{NUM}``, ``{UNIT}``, ``{PART}``, ``{SEASON}``, ``{QMOD}``) the grammar fills in.
"""

from __future__ import annotations

from typing import cast

from .. import en

MONTHS = {**en.LANGUAGE.months, "sept": 9}

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}

NUMBERS: dict[str, int | str]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
           "hundred": 100, "a few": "X", "few": "X", "several": "X", "many": "X", "some": "X",
           "dozens of": "X", "tens of": "X", "seventeen": 17, "eighteen": 18, "nineteen": 19, "seventy": 70,
           "eighty": 80, "ninety": 90}
#: "twenty-five", "thirty one"
NUMBERS.update({f"{tens}{sep}{unit}": cast(int, NUMBERS[tens]) + cast(int, NUMBERS[unit])
                for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
                for sep in ("-", " ")})

UNITS = {"year": "Y", "years": "Y", "month": "M", "months": "M", "week": "W", "weeks": "W", "day": "D",
         "days": "D", "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN", "second": "S",
         "seconds": "S", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE"}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: "the fall of Kabul", "prices fall": a season only as "this/last/next fall", "in the fall", "fall 2022"
AMBIGUOUS_SEASONS = frozenset({"fall", "spring"})
SEASON_DETERMINERS = r"\bin\s+the\s*$"

PERIOD_MODS = {"early": "START", "late": "END", "mid": "MID", "end": "END", "start": "START",
               "beginning": "START", "middle": "MID", "turn": "START", "the end of": "END",
               "the start of": "START", "the beginning of": "START", "the middle of": "MID"}

QUANTITY_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "nearly": "APPROX", "almost": "APPROX",
                 "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX",
                 "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE"}

PAST_WORDS = ("last", "past", "previous")
NEXT_WORDS = ("next", "coming")
THIS_WORDS = ("this",)

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "1": 1,
            "2": 2, "3": 3, "4": 4}
HALF_WORDS = ("half",)
QUARTER_WORDS = ("quarter",)

DAY_AFTER = ("day after", "next day", "following day")
DAY_BEFORE = ("day before", "previous day", "eve")
DAY_STEPS: dict[str, int] = {}

#: English writes clock times with a colon or am/pm, never "7 hours"
CLOCK_CONTEXT = None
CLOCK_AFTER = None

#: "a day after the investigation was published": relative to an event the text does not date; left out
EVENT_RELATIVE = r"^\s+(?:after|before)\b"
ORDINAL_LOOKALIKES = frozenset({"a second"})

#: "every Monday", "every two weeks", "each summer": a set (a frequency), left out by the dev-gold convention
SET_BEFORE = r"(?:\bevery|\beach|\bonce\s+a)\s+$"

#: what joins the two ends of a range of clock times ("de 21 h à 0 h 30", "from 10 p.m. to 2 a.m.")
CLOCK_RANGE_LINK = r"\s*(?:[-–]|to|until|till|and)\s*"

#: what may stand between a clock time and the day it is on ("at 6 a.m. on May 2", "3:30 p.m. ET Friday")
CLOCK_DAY_LINK = r"\s*(?:[A-Z]{2,4}\s+)?(?:local\s+time\s+)?,?\s*(?:on\s+|this\s+)?"

AGE_AT = r"\bat\s*$"

#: "three days a week", "24 hours a day": a frequency (a TIMEX3 set), left out by the dev-gold convention
FREQUENCY_AFTER = r"^\s+(?:a|an|per|each|every)\s+(?:day|week|month|year)\b"
#: vague adverbs built on a unit word ("over the years" is not matched anyway)
VAGUE_ADVERB_BEFORE = None

COUNT_AFTER = (r"^\s*(?:people|dollars|euros|pounds|troops|soldiers|deaths|dead|residents|protesters|police"
               r"|miles|km|kilometres|kilometers|meters|metres|tonnes|tons|jobs|workers|copies|homes|students)\b")

#: bare month names must be capitalised, and "May" (the verb) and "March" at a sentence start are too
#: ambiguous to stand alone
BARE_MONTH_CASE = "title"
BARE_MONTH_STOP = frozenset({"may", "mar", "jan", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                             "feb", "apr"})

#: words before an amount of years that make it an age ("a 30-year-old", "aged 45")
AGE_CONTEXT_BEFORE = r"\baged(?:\s+\d+\s+(?:and|to|or))?\s*$"

_VAGUE_UNITS = {"years": "PXY", "weeks": "PXW", "months": "PXM", "days": "PXD", "decades": "PXDE"}
#: recent-period phrases -> vague value ("the past few years", "recent weeks", "the last months")
VAGUE_PERIODS = {f"{lead} {unit}": value for unit, value in _VAGUE_UNITS.items()
                 for lead in ("recent", "the past", "the last", "the past few", "the last few", "the coming",
                              "the next few")}

#: "a quarter of a century", "half a century": fixed amounts of time -> their duration
FIXED_DURATIONS = {"a quarter of a century": "P25Y", "a quarter-century": "P25Y", "a quarter century": "P25Y",
                   "half a century": "P50Y", "a half-century": "P50Y", "a half century": "P50Y",
                   "three quarters of a century": "P75Y", "half a millennium": "P500Y"}

#: "in 1066", "around 800", "since 1215": a year before 1600 (or of three digits) only after one of these,
#: and with no noun after it ("in 800 words" is a count)
OLD_YEAR_BEFORE = r"(?:\bin|\baround|\bc\.|\bcirca|\bsince|\buntil|\bbefore|\bafter)\s*$"
#: ... and what may follow such a year: punctuation or a function word ("around 1450 by monks"), not a noun
OLD_YEAR_AFTER = (r"\s*(?:[.,;:!?)»”\"\]]|$|(?:in|at|by|and|or|the|a|an|when|to|on|after|before|under|with"
                  r"|from|he|she|it|they|his|her|its|their)\b)")
#: "AD 800", "250 AD", "44 BC", "300 BCE": the era; BC years are written BC0044
ERA_AFTER = r"(?-i:(?P<era>A\.D\.|AD|C\.E\.|CE|(?P<bc>B\.C\.(?:E\.)?|BCE?)))(?![\w])"  # "100 ad slots" is not

#: "two days later", "a year earlier", "three weeks before." (nothing after: no event named): counted from the
#: story's own time (the last date the narrative named), not from the publication date
EARLIER_WORDS = ("earlier", "before", "prior", "previous", "preceding")
LATER_WORDS = ("later", "after", "following")
#: "compared with 2021", "than in 2021", "up from 3% in 2021": a date named as a point of comparison does not
#: move the story's time
COMPARISON_BEFORE = (r"(?:compared\s+(?:with|to)|than|versus|vs\.?|from\s+[$£€]?\d[\d,.]*\s*(?:%|\w+))"
                     r"\s*(?:in|to|at)?\s*$")
#: "Years of talks" is vague, "two more years of this", "the years of war" are not
VAGUE_UNIT_NOT_AFTER = r"(?:\d|\b(?:more|few|many|several|the|these|those|his|her|their|its|our|my|your))\s*$"
#: participles of planning ("the vote scheduled for Tuesday", "the election planned in November"): future
PROSPECTIVE_LEMMAS = frozenset({"schedule", "plan", "expect", "set", "slate", "due"})
#: verbs of expectation whose passive told in the past still looks ahead ("was expected on Friday")
FORECAST_LEMMAS = frozenset({"expect", "forecast", "predict"})

#: "just after midnight", "at noon"
NAMED_TIMES = {"midnight": 0, "noon": 12, "midday": 12}

#: named days: feasts on a fixed date (month, day), resolved to a year like "July 1", and days that name one
#: date in history ("9/11" for 2001-09-11)
HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year’s day": (1, 1), "new year's eve": (12, 31), "new year’s eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14), "valentine’s day": (2, 14), "9/11": "2001-09-11"}
#: what must come before a bare feast name ("at Christmas", "before Christmas"; not "Christmas trees")
HOLIDAY_BEFORE = (r"(?:\bat|\bon|\bbefore|\bafter|\bsince|\buntil|\bby|\bover|\bfor|\bof|\bbetween|\band"
                  r"|\bthis|\blast|\bnext)\s+$")

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"

PATTERNS: list[tuple[str, str]] = [
    # "Monday, December 5, 2022", "March 7", "Oct. 13", "April 3, 2023", "Thursday evening"
    ("date", rf"(?:(?P<weekday>{{WEEKDAY}}),?\s+)?(?P<month>{{MONTH}})\.?\s+{_DAY}(?![\d:])(?:,?\s+{_YEAR})?"
             rf"(?:\s+(?P<part>{{PART}}))?(?![\w-])"),
    # "5 December 2022", "the 5th of December"
    ("date", rf"(?:(?P<weekday>{{WEEKDAY}}),?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<month>{{MONTH}})\.?"
             rf"(?:,?\s+{_YEAR})?(?![\w-])"),
    # "May 3-5, 2023", "May 3 and 4", "3-5 May"
    ("day_range", rf"(?P<month>{{MONTH}})\.?\s+(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?"
                  rf"\s?(?:[-–]|and|to|through)\s?{_DAY}(?![\d:])(?:,?\s+{_YEAR})?(?![\w-])"),
    ("day_range", rf"(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s?[-–]\s?{_DAY}\s+(?P<month>{{MONTH}})\.?"
                  rf"(?:,?\s+{_YEAR})?(?![\w-])"),
    ("year_range", r"(?<![\w,.])(?P<year1>(?:1[6-9]|20)\d\d)\s?[-–]\s?(?P<year>(?:1[6-9]|20)\d\d)(?![\w])"),
    # "la saison 2022-23", "fiscal 1999/00": two consecutive years, the second by its last two figures
    ("year_pair", r"(?<![\w,.])(?P<year1>(?:1[6-9]|20)\d\d)[-–/](?P<yy>\d\d)(?![\w]|[,.]\d)"),
    # "30/04/2024", "04/30/2024" (whichever the figures allow; "04/07/2024" is left out); "2024-04-30"
    ("numeric_date", r"(?P<day>[0-3]?\d)/(?P<month>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    ("iso_date", r"(?<![\w-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"),
    # "November 2024", "last December", "early March", "mid-March", "December 1972"
    ("month", rf"(?:(?P<rel>last|next|this)\s+|(?P<mod>early|late|mid|the end of|the start of"
              rf"|the beginning of|the middle of)(?:\s+|-))?(?P<month>{{MONTH}})(?![\w-]|['’](?!s\b))"
              rf"(?:\.?,?\s+(?:of\s+)?{_YEAR})?"),
    # "in 1066", "around 800" (OLD_YEAR_BEFORE decides); "AD 800", "44 BC"
    ("old_year", r"(?<![\w,.$£€])(?P<year>[1-9]\d{2}|1[0-5]\d\d)(?![\w]|[,.]\d|\s?%)"),
    ("era_year", r"(?<![\w,.$£€])(?P<year>\d{1,4})\s+" + ERA_AFTER),
    ("era_year", r"(?-i:(?P<era>A\.D\.|AD))\s+(?P<year>\d{1,4})(?![\w])"),
    # "Henry VIII (1491-1547)", "Offa (757-796)": the years of a life or a reign, after a name
    ("year_range", r"(?<=\()(?P<year1>[1-9]\d{2,3})\s?[-–]\s?(?P<year>[1-9]\d{2,3})(?=\))"),
    ("year", rf"(?:(?P<mod>early|late|mid)(?:\s+|-))?(?<![\w,.$£€]){_YEAR}(?![\w]|[,.]\d|\s?%)"),
    # "the 1990s", "the late 2030s", "the early '90s"
    ("decade", r"(?:(?P<mod>early|late|mid)(?:\s+|-))?(?P<decade>(?:1[6-9]|20)\d0|['’]\d0)s(?![\w])"),
    ("relday", r"(?P<word>today|yesterday|tomorrow)(?:\s+(?P<part>{PART}))?(?![\w-])"),
    ("relday", r"(?P<word>tonight)(?![\w-])"),
    # "Sunday's election": the possessive is still the day
    ("weekday", r"(?:(?P<rel>last|next|this)\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?"
                r"(?![\w-]|['’](?!s\b))"),
    ("relunit", r"(?P<rel>last|next|this|past)\s+(?P<unit>week|month|year)(?![\w-])"),
    ("weekend", r"(?:(?:the|this|last|next)\s+)?weekend(?![\w-])"),
    ("this_part", r"(?:this|(?P<rel>last))\s+(?P<part>{PART})(?![\w-])"),
    # "that night", "of the night", "in the evening": the part of the day the story is at
    ("part", r"(?:that|the)\s+(?P<part>{PART})(?![\w-])"),
    ("season", rf"(?:(?P<rel>last|next|this)\s+|the\s+)?(?P<season>{{SEASON}})"
               rf"(?:\s+(?:of\s+)?{_YEAR})?(?![\w-])"),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half(?:\s+of\s+(?:the\s+year|{_YEAR}))?(?![\w-])"),
    # "Q1 2023": only with its year
    ("quarter", rf"(?<![\w-])Q(?P<ord>[1-4])\s+{_YEAR}(?![\w-])"),
    ("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                rf"(?:\s+of\s+(?:the\s+year|{_YEAR}))?(?![\w-])"),
    # "two years ago", "more than 50 years ago"
    ("ago", r"(?:(?P<qmod>{QMOD})\s+)?(?P<num>{NUM})[\s-]*(?P<unit>{UNIT})\s+ago(?![\w-])"),
    # "10 days", "nearly an hour", "1 minute and 45 seconds", "10-day", "more than five decades"
    # "two and a half days"
    ("duration", r"(?:(?P<qmod>{QMOD})\s+)?(?P<num>{NUM})\s+and\s+a\s+(?P<half>half)[\s-]+(?P<unit>{UNIT})"
                 r"(?![\w-])"),
    ("duration", r"(?:(?P<qmod>{QMOD})\s+)?(?P<num>{NUM})[\s-]*(?P<unit>{UNIT})"
                 r"(?:,?\s+and\s+(?P<num2>{NUM})\s*(?P<unit2>{UNIT})|\s+and\s+a\s+(?P<half>half))?(?![\w-])"),
    ("vague", r"(?P<phrase>(?:the\s+(?:past|last)(?:\s+few)?|the\s+coming|the\s+next\s+few|recent)\s+"
              r"(?:years|weeks|months|days|decades))"
              r"(?![\w-])"),
    # "for decades", "for years": an unspecified number of them (PXDE, PXY)
    ("vague_unit", r"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|centuries)(?![\w-])"),
    # "Years of talks", "after decades of war": a bare plural of the unit before "of" (not "the years of")
    ("vague_unit", r"(?<!\bthe\s)(?<!\bthose\s)(?<!\bthese\s)(?P<unit>years|decades|months|weeks|centuries)"
                   r"(?=\s+of\s)"),
    # "the 20th century", "the early 19th century"
    ("century", r"(?:(?P<mod>early|late|mid)[\s-]+)?(?P<century>\d{1,2})(?:st|nd|rd|th)[\s-]+century"
                r"(?![\w-])"),
    # "the end of the year", "the start of next month", "later this year" (as "this year")
    ("period_edge", r"the\s+(?P<mod>end|start|beginning|middle|turn)\s+of\s+"
                    r"(?:the|(?P<rel>this|next|last))\s+(?P<unit>year|month|week)(?![\w-])"),
    # "two days later", "a year earlier", "three weeks before."; "ten years later than planned" compares
    ("shift", r"(?P<num>{NUM})[\s-]*(?P<unit>{UNIT})\s+(?:(?P<dir>earlier|later)(?![\w-])(?!\s+than)"
              r"|(?P<dir2>before|after|prior)(?=\s*[.,;:)]))"),
    # "the previous year", "the following month", "the year before.": one unit from the story's time
    ("shift_unit", r"the\s+(?P<dir>previous|preceding|following)\s+(?P<unit>year|month|week)(?![\w-])"),
    ("shift_unit", r"the\s+(?P<unit>year|month|week)\s+(?P<dir>before|after)(?=\s*[.,;:)])"),
    # "at Christmas", "on New Year's Eve", "since 9/11" (HOLIDAYS; HOLIDAY_BEFORE decides)
    ("holiday", r"(?P<holiday>{HOLIDAY})(?![\w/-])"),
    # "the same period of 2022", "the same quarter last year": the part of the year last named, another year
    ("same_period", rf"same\s+(?:period|quarter|month|season|time)\s+(?:(?:of|in)\s+{_YEAR}"
                    r"|(?P<rel>last)\s+year|(?:of\s+)?the\s+previous\s+year|a\s+year\s+(?:earlier|before))(?![\w-])"),
    # "a quarter of a century", "half a century" (FIXED_DURATIONS)
    ("fixed", r"(?P<phrase>{FIXED})(?![\w-])"),
    ("named_clock", r"(?P<named>midnight|noon|midday)(?![\w-])"),
    # "the night of December 4 to 5, 2017": the night that starts on the first day
    ("date", rf"(?P<part>night)\s+of\s+(?P<month>{{MONTH}})\.?\s+{_DAY}\s*(?:[-–]|to|into)\s*[0-3]?\d"
             rf"(?:,?\s+{_YEAR})?(?![\w-])"),
    # "that day", "the same day", "that year": the story's own day, week, month or year
    ("story_unit", r"(?:that\s+(?:same\s+)?(?P<unit>day|week|month|year)|the\s+same\s+(?P<unit2>day|week|month|year))"
                   r"(?![\w-])"),
    ("day_shift", r"the\s+(?P<word>day\s+after|next\s+day|following\s+day|day\s+before|previous\s+day)"
                  r"(?![\w-])"),
    ("clock", r"(?<![\w,.])(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s?"
              r"(?P<ampm>[ap]\.?m\.?)(?![\w])(?:\s+(?P<utc>GMT|UTC)(?![\w]))?"),
    # "06:00 GMT", "1800 GMT": a 24-hour clock, only with its time zone
    ("clock", r"(?<![\w,.:])(?P<hour>[01]\d|2[0-3]):?(?P<minute>[0-5]\d)\s+(?P<utc>GMT|UTC)(?![\w])"),
]

#: lines that state when the page was published ("Posted April 3, 2023", "Published on 30/04/2024") or updated
PUBLISHED_CUES = ("published on", "published", "posted on", "posted", "first published", "date created",
                  "created")
UPDATED_CUES = ("updated on", "updated", "last updated", "latest update", "last modified", "modified")
#: numeric dates: None lets dateparser follow its English default (month first) unless the day is above 12
DATE_ORDER = None
