"""French words and patterns for time expressions (read by ``veille.stages.time.rules``).

The patterns are regular-expression sources with placeholders (``{MONTH}``, ``{WEEKDAY}``, ``{NUM}``,
``{UNIT}``, ``{PART}``, ``{SEASON}``) that the time grammar fills from the word lists below; each pattern's
named groups say what the normaliser reads (see ``veille.stages.time.normalize``). Adding a phrasing is adding
a line here, not editing the stages.
"""

from __future__ import annotations

from typing import cast

from .. import fr

MONTHS = fr.LANGUAGE.months

WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

#: day words -> offset in days from the anchor
RELATIVE_DAYS = {"aujourd’hui": 0, "aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1,
                 "après-demain": 2}

#: number words (X: an unspecified number, TIMEX3's vague durations "PXD")
NUMBERS: dict[str, int | str]
NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
           "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
           "cent": 100, "quelques": "X", "plusieurs": "X", "des": "X", "de nombreuses": "X",
           "de nombreux": "X", "dizaines d’": "X", "dizaines d'": "X", "dix-sept": 17, "dix-huit": 18,
           "dix-neuf": 19, "soixante-dix": 70, "quatre-vingts": 80, "quatre-vingt-dix": 90}
#: "vingt-cinq", "trente et un", "soixante-douze"
_UNITS_2_9 = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
NUMBERS.update({f"{tens}{sep}{unit}": cast(int, NUMBERS[tens]) + cast(int, NUMBERS[unit])
                for tens in ("vingt", "trente", "quarante", "cinquante", "soixante")
                for unit, sep in [("un", " et "), *((u, "-") for u in _UNITS_2_9)]})
#: "une dizaine de jours", "une trentaine d'années": an approximate number (the duration gets APPROX)
APPROX_NUMBERS = {f"une {word}{link}": n for word, n in (("dizaine", 10), ("douzaine", 12), ("quinzaine", 15),
                                                        ("vingtaine", 20), ("trentaine", 30), ("quarantaine", 40),
                                                        ("cinquantaine", 50), ("soixantaine", 60),
                                                        ("centaine", 100))
                  for link in (" de", " d'", " d’")}
NUMBERS.update(APPROX_NUMBERS)
NUMBERS.update({f"soixante-{u}": 60 + cast(int, NUMBERS[u]) for u in ("onze", "douze", "treize", "quatorze", "quinze",
                                                                      "seize")})

#: unit words -> TIMEX3 unit (DE decade, CE century; H, MIN, S are time units)
UNITS = {"an": "Y", "ans": "Y", "année": "Y", "années": "Y", "mois": "M", "semaine": "W", "semaines": "W",
         "jour": "D", "jours": "D", "journée": "D", "journées": "D", "heure": "H", "heures": "H",
         "minute": "MIN", "minutes": "MIN", "seconde": "S", "secondes": "S", "décennie": "DE",
         "décennies": "DE", "siècle": "CE", "siècles": "CE"}

#: parts of the day -> TIMEX3 suffix
PARTS_OF_DAY = {"matin": "MO", "matinée": "MO", "après-midi": "AF", "soir": "EV", "soirée": "EV",
                "nuit": "NI"}

SEASONS = {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"}
#: season words that are also common other words ("a été tué"): only with a determiner, "dernier" or a year
AMBIGUOUS_SEASONS = frozenset({"été"})
SEASON_DETERMINERS = r"(?:cet|ce|cette|l['’]|le|au|en)\s*$"

#: modifiers of a period ("début mars", "fin des années 1980", "mi-mars")
#: "courant mai": within the month, no TIMEX3 modifier
PERIOD_MODS = {"début": "START", "fin": "END", "mi": "MID", "milieu": "MID", "courant": None}

#: modifiers of a quantity ("plus d'un an", "près de dix jours")
QUANTITY_MODS = {"un peu plus d’": "MORE_THAN", "un peu plus d'": "MORE_THAN", "un peu plus de": "MORE_THAN",
                 "plus d’": "MORE_THAN", "plus d'": "MORE_THAN", "plus de": "MORE_THAN", "près d’": "APPROX",
                 "près d'": "APPROX", "près de": "APPROX", "environ": "APPROX", "moins d’": "LESS_THAN",
                 "moins d'": "LESS_THAN", "moins de": "LESS_THAN", "au moins": "EQUAL_OR_MORE"}

#: words that place a named period before / after / at the anchor ("mai dernier", "l'an prochain")
PAST_WORDS = ("dernier", "dernière", "passé", "passée")
NEXT_WORDS = ("prochain", "prochaine", "suivant", "suivante")
THIS_WORDS = ("ce", "cet", "cette")

#: ordinal words for halves and quarters ("premier semestre", "troisième trimestre")
ORDINALS = {"premier": 1, "1er": 1, "second": 2, "deuxième": 2, "2e": 2, "troisième": 3, "3e": 3,
            "quatrième": 4, "4e": 4, "1": 1, "2": 2, "3": 3, "4": 4}
HALF_WORDS = ("semestre",)
QUARTER_WORDS = ("trimestre",)

#: the day after / before the last date the text named ("le lendemain")
DAY_AFTER = ("lendemain",)
DAY_BEFORE = ("veille",)
#: how many days each word moves (the others: one)
DAY_STEPS = {"surlendemain": 2, "avant-veille": -2}

#: what makes "7 heures" a time of day rather than a duration ("peu avant 7 heures", "dès 8 heures")
CLOCK_CONTEXT = r"(?:\bà|\bvers|\bavant|\baprès|\bdès|\bjusqu['’]à|\bdepuis|\bentre|\bet)\s*$"
CLOCK_AFTER = (r"^\s*(?:GMT|UTC|heure\s+(?:locale|de\s+Paris|française)|du\s+(?:matin|soir)"
               r"|de\s+l['’]après-midi)")

#: "deux jours après l'attaque": a date relative to an event the text does not date; left out (dev-gold
#: convention), while "après dix mois de blocage" stays a duration
EVENT_RELATIVE = r"^\s+(?:après|avant)\b"
#: "une seconde fois", "a second pattern": the ordinal, not the unit
ORDINAL_LOOKALIKES = frozenset({"une seconde", "un second"})

#: "à 47 ans, il joue encore": an age when nothing follows ("à 10 ans de prison" is a sentence's length)
#: "chaque lundi", "tous les deux ans", "chaque été": a set (a frequency), left out by the dev-gold convention
SET_BEFORE = r"(?:\bchaque|\btou(?:te)?s\s+les|\bune\s+fois\s+par)\s+$"

#: what joins the two ends of a range of clock times ("de 21 h à 0 h 30", "from 10 p.m. to 2 a.m.")
CLOCK_RANGE_LINK = r"\s*(?:[-–]|à|jusqu['’]à|et)\s*"

#: what may stand between a clock time and the day it is on ("à 10 h le 15 mai", "à 14 h, mardi")
CLOCK_DAY_LINK = r"\s*(?:\(?heure\s+locale\)?\s*)?,?\s*(?:le\s+|ce\s+)?"

AGE_AT = r"\bà\s*$"

#: "quatre jours par semaine", "deux fois par an": a frequency (a TIMEX3 set), left out by the dev-gold convention
FREQUENCY_AFTER = r"^\s+(?:par|chaque)\s+(?:jour|semaine|mois|an|année)\b"
#: "au fil des ans": a vague adverb ("over time"), not a duration
VAGUE_ADVERB_BEFORE = r"\bau\s+fil\s*$"

#: what makes a four-digit number a count rather than a year ("2000 manifestants")
COUNT_AFTER = (r"^\s*(?:personnes|euros|dollars|habitants|morts|victimes|blessés|soldats|manifestants"
               r"|policiers|km|kilomètres|mètres|tonnes|exemplaires|salariés|emplois|logements|élèves)\b")

#: bare month names are written in lower case in French ("Mars" mid-sentence is the planet)
BARE_MONTH_CASE = "lower"
BARE_MONTH_STOP: frozenset[str] = frozenset()

#: words after an amount of years that make it an age, not a time expression ("un homme de 30 ans")
AGE_CONTEXT_BEFORE = r"(?:\bde|,|\bde\s+\d+\s+(?:et|à|ou))\s*$"

#: recent-period phrases -> vague value ("ces dernières années" -> PXY)
VAGUE_PERIODS = {"ces dernières années": "PXY", "ces dernières semaines": "PXW", "ces derniers mois": "PXM",
                 "ces derniers jours": "PXD", "ces dernières décennies": "PXDE",
                 #: and the coming ones ("dans les prochains jours")
                 "les prochaines années": "PXY", "les prochaines semaines": "PXW", "les prochains mois": "PXM",
                 "les prochains jours": "PXD", "les prochaines décennies": "PXDE"}

#: "un quart de siècle", "un demi-siècle": fixed amounts of time -> their duration
FIXED_DURATIONS = {"un quart de siècle": "P25Y", "un demi-siècle": "P50Y", "un demi siècle": "P50Y",
                   "trois quarts de siècle": "P75Y", "un demi-millénaire": "P500Y"}

#: "en 1214", "vers 580", "dès 1135": a year before 1600 (or of three digits) is taken for a year only after
#: one of these, and with no noun after it ("en 580 pages" is a count)
OLD_YEAR_BEFORE = r"(?:\ben|\bvers|\bdès|\bdepuis|\bjusqu['’]en|\bavant|\baprès|\bl['’]an)\s*$"
#: ... and what may follow such a year: punctuation or a function word ("vers 1450 à Florence"), not a noun
OLD_YEAR_AFTER = (r"\s*(?:[.,;:!?)»”\"\]]|$|(?:à|au|aux|en|et|ou|par|pour|dans|sur|avec|sous|puis|lors|quand"
                  r"|alors|le|la|les|l['’]|un|une|il|elle|ils|elles|on|ce|cette|ses|son|sa)\b)")
#: "250 après J.-C.", "52 av. J.-C.": the era; BC years are written BC0052
ERA_AFTER = r"(?P<era>(?:après|apr\.)\s*J\.?-?\s?C\.?|(?P<bc>(?:avant|av\.)\s*J\.?-?\s?C\.?))"

#: "deux jours plus tard", "quatre jours auparavant", "un an plus tôt": counted from the story's own time (the
#: last date the narrative named), not from the publication date
EARLIER_WORDS = ("auparavant", "plus tôt", "avant", "précédent", "précédente", "d’avant")
LATER_WORDS = ("plus tard", "après", "suivant", "suivante", "d’après")
#: "par rapport à 2021", "contre 6,5 % en 2021": a date named as a point of comparison does not move the
#: story's time
COMPARISON_BEFORE = (r"(?:par\s+rapport\s+(?:à|aux?)|comparée?s?\s+(?:à|aux?)|qu['’]"
                     r"|(?:contre|après)\s+[+-]?\d[\d,.]*\s*(?:%|\w+))\s*(?:en|à|au)?\s*$")
#: French has no bare "years of" (the pattern is English only)
VAGUE_UNIT_NOT_AFTER = None
#: participles of planning ("l'élection prévue en novembre", "la visite programmée lundi"): a future time
PROSPECTIVE_LEMMAS = frozenset({"prévoir", "programmer", "planifier", "attendre"})
#: verbs of expectation whose passive told in the past still looks ahead ("was expected on Friday")
FORECAST_LEMMAS = frozenset({"attendre"})

#: "vers minuit", "à midi": named times of day, only after a preposition of time ("le Midi" is a region)
NAMED_TIMES = {"minuit": 0, "midi": 12}

#: named days: feasts on a fixed date (month, day), resolved to a year like "le 1er juillet", and days that name
#: one date in history ("le 11-Septembre" for 2001-09-11)
HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "noël": (12, 25), "jour de noël": (12, 25), "réveillon de noël": (12, 24), "nouvel an": (1, 1),
    "jour de l’an": (1, 1), "jour de l'an": (1, 1), "saint-sylvestre": (12, 31), "toussaint": (11, 1),
    "saint-valentin": (2, 14), "11-septembre": "2001-09-11"}
#: what must come before a bare feast name ("à Noël", "avant la Toussaint"; not "le Père Noël", "Toussaint
#: Louverture")
HOLIDAY_BEFORE = (r"(?:\bà|\bavant|\baprès|\bdepuis|\bpour|\bjusqu['’]à|\bd['’]ici|\bdès|\bvers|\bde|\ble"
                  r"|\bla|\bdu|\bau)\s+(?:la\s+|le\s+|l['’])?$")

_DAY = r"(?P<day>1er|premier|[0-3]?\d)"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)"

#: (kind, pattern) in no particular order: the grammar keeps the longest match at each place
PATTERNS: list[tuple[str, str]] = [
    # "jeudi 30 mars au soir", "Mardi 29 août", "le 1er juillet", "30 août 2023"
    # "le 8 mars dernier", "le 2 mai prochain"
    ("date", rf"(?:(?P<weekday>{{WEEKDAY}})\s+)?{_DAY}\s+(?P<month>{{MONTH}})\.?"
             rf"(?:\s+{_YEAR}|\s+(?P<rel>dernier|prochain))?"
             rf"(?:\s+(?:au|en)\s+(?P<part>{{PART}}))?(?![\w’'-])"),
    # "du 4 au 5 décembre 2017", "entre le 3 et le 5 mai", "les 3 et 4 juin"
    ("day_range", rf"(?:du|entre\s+le|les)\s+(?P<day1>1er|[0-3]?\d)\s+(?:au|et(?:\s+le)?)\s+{_DAY}\s+"
                  rf"(?P<month>{{MONTH}})(?:\s+{_YEAR})?(?![\w’'-])"),
    # "2019-2021", "1638-1715"
    ("year_range", r"(?<![\w,.])(?P<year1>(?:1[6-9]|20)\d\d)\s?[-–]\s?(?P<year>(?:1[6-9]|20)\d\d)(?![\w])"),
    # "la saison 2022-23", "fiscal 1999/00": two consecutive years, the second by its last two figures
    ("year_pair", r"(?<![\w,.])(?P<year1>(?:1[6-9]|20)\d\d)[-–/](?P<yy>\d\d)(?![\w]|[,.]\d)"),
    # "30/04/2024", "30.04.2024"
    ("numeric_date", r"(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
    # "février 2022", "fin mars", "mi-mars", "mai dernier", "en mars prochain"
    ("month", rf"(?:(?P<mod>début|fin|mi|courant)(?:\s+|-)(?:de\s+|d['’])?)?(?P<month>{{MONTH}})(?![\w’'-])"
              rf"(?:\s+{_YEAR}|\s+(?P<rel>dernier|prochain))?"),
    # "2027", "en 2022", "fin 2023", "début 2024"
    ("year", rf"(?:(?P<mod>début|fin|mi)(?:\s+|-))?(?<![\w,.]){_YEAR}(?![\w]|[,.]\d|\s\d{{3}}|\s?%)"),
    # "les années 1990", "le début des années 1990", "la fin des années 80"
    ("decade", r"(?:(?P<mod>début|fin|milieu)\s+des\s+)?"
               r"années\s+(?P<decade>(?:1[6-9]|20)?\d0)(?![\d])"),
    # "en 1214", "vers 580" (OLD_YEAR_BEFORE decides), "250 après J.-C."
    ("old_year", r"(?<![\w,.])(?P<year>[1-9]\d{2}|1[0-5]\d\d)(?![\w]|[,.]\d|\s?%)"),
    ("era_year", r"(?<![\w,.])(?P<year>\d{1,4})\s+" + ERA_AFTER),
    # "Louis XIV (1638-1715)", "Dagobert (602-639)": the years of a life or a reign, after a name
    ("year_range", r"(?<=\()(?P<year1>[1-9]\d{2,3})\s?[-–]\s?(?P<year>[1-9]\d{2,3})(?=\))"),
    # "hier", "aujourd'hui", "demain", "avant-hier"
    ("relday", r"(?P<word>avant-hier|après-demain|aujourd[’']hui|hier|demain)"
               r"(?:\s+(?:au\s+|en\s+|dans\s+la\s+)?(?P<part>{PART}))?(?![\w-])"),
    # "lundi", "mardi dernier", "jeudi prochain", "lundi soir"
    ("weekday", r"(?P<weekday>{WEEKDAY})(?:\s+(?P<rel>dernier|prochain))?(?:\s+(?P<part>{PART}))?"
                r"(?![\w’'-])"),
    # "la nuit du 4 au 5 décembre 2017": the night that starts on the first day
    ("date", rf"(?P<part>nuit)\s+du\s+{_DAY}\s+au\s+(?:1er|[0-3]?\d)\s+(?P<month>{{MONTH}})"
             rf"(?:\s+{_YEAR})?(?![\w’'-])"),
    # "dans la nuit de samedi à dimanche": the night that starts on the first day
    ("weekday", r"(?:dans\s+)?la\s+(?P<part>nuit)\s+(?:de|du)\s+(?P<weekday>{WEEKDAY})"
                r"(?:\s+(?:à|au)\s+{WEEKDAY})?(?![\w’'-])"),
    # "les trois derniers mois", "ces deux dernières années": the span up to the anchor
    ("duration", r"(?P<num>{NUM})\s+derni(?:ers|ères)\s+(?P<unit>{UNIT})(?![\w-])"),
    # "la semaine dernière", "le mois prochain", "l'année dernière", "l'an dernier", "cette année"
    ("relunit", r"(?:(?:la|le|l['’])\s*(?P<unit>semaine|mois|année|an)\s+"
                r"(?P<rel>dernier|dernière|prochain|prochaine|passé|passée)"
                r"|(?P<this>cette|ce|cet)\s+(?P<unit2>semaine|mois|année)(?:-ci)?)(?![\w-])"),
    # "ce week-end", "le week-end dernier"
    ("weekend", r"(?:(?:ce|le)\s+)?week-?end(?:\s+(?P<rel>dernier|prochain))?(?![\w-])"),
    # "ce matin", "ce soir", "cette nuit"
    ("this_part", r"(?:ce|cette|cet)\s+(?P<part>{PART})(?![\w-])"),
    # "en début de soirée", "dans la soirée": the part of the day of the last date named
    ("part", r"(?:(?P<mod>début|fin)\s+d['’e]\s*|dans\s+la\s+|en\s+)(?P<part>{PART})(?![\w-])"),
    # "cet été", "l'été dernier", "l'hiver 2022", "au printemps"
    ("season", r"(?:(?P<this>cet|ce|cette)\s+|l['’]|le\s+|au\s+)?(?P<season>{SEASON})"
               rf"(?:\s+{_YEAR}|\s+(?P<rel>dernier|prochain))?(?![\w-])"),
    # "premier semestre", "le troisième trimestre 2023"
    ("half", rf"(?P<ord>premier|1er|second|deuxième|2e)\s+semestre(?:\s+{_YEAR})?(?![\w-])"),
    # "T1 2023" (business pages): only with its year
    ("quarter", rf"(?<![\w-])T(?P<ord>[1-4])\s+{_YEAR}(?![\w-])"),
    ("quarter", rf"(?P<ord>premier|1er|deuxième|2e|troisième|3e|quatrième|4e)\s+trimestre"
                rf"(?:\s+{_YEAR})?(?![\w-])"),
    # "il y a deux ans", "il y a plus d'un an"
    ("ago", r"il\s+y\s+a\s+(?P<qmod>{QMOD}\s*)?(?P<num>{NUM})\s*(?P<unit>{UNIT})(?![\w-])"),
    # "dix mois", "quelques jours", "des décennies", "un peu plus d'une heure", "deux heures et demie"
    ("duration", r"(?:(?P<qmod>{QMOD})\s*)?(?P<num>{NUM})\s*(?P<unit>{UNIT})"
                 r"(?:\s+et\s+(?P<num2>{NUM})\s*(?P<unit2>{UNIT})|\s+et\s+(?P<half>demie?))?(?![\w-])"),
    # "ces dernières années"
    ("vague", r"(?P<phrase>ces\s+derni(?:ères|ers)\s+(?:années|semaines|mois|jours|décennies))(?![\w-])"),
    ("vague", r"(?P<phrase>les\s+prochain(?:es|s)\s+(?:années|semaines|mois|jours|décennies))(?![\w-])"),
    # "le XXe siècle", "au début du XIXe siècle", "le 21e siècle"
    ("century", r"(?:(?P<mod>début|fin|milieu)\s+du\s+)?(?P<century>[IVX]{1,5}|\d{1,2})(?:e|ème|è)\s+siècle"
                r"(?![\w-])"),
    # "dans deux semaines", "dans trois ans": after the anchor
    ("hence", r"dans\s+(?P<num>{NUM})\s*(?P<unit>{UNIT})(?![\w-])"),
    # "la fin de l'année", "fin de l'année prochaine", "le début du mois", "fin d'année"
    ("period_edge", r"(?P<mod>début|fin|milieu)\s+(?:de\s+l['’]|d['’]|du\s+|de\s+la\s+)"
                    r"(?P<unit>année|an|mois|semaine)(?:\s+(?P<rel>dernière|dernier|prochaine|prochain|passée|passé))?(?![\w-])"),
    # "quatre jours auparavant", "deux ans plus tard", "trois jours après." (nothing after: no event named);
    # "vingt ans plus tard que ses voisins" compares two delays
    ("shift", r"(?P<num>{NUM})\s*(?P<unit>{UNIT})\s+(?:(?P<dir>auparavant|plus\s+tôt|plus\s+tard)(?![\w-])(?!\s+qu)"
              r"|(?P<dir2>après|avant)(?=\s*[.,;:)]))"),
    # "l'année précédente", "le mois suivant", "la semaine d'après": one unit from the story's time
    ("shift_unit", r"(?:l['’]|la\s+|le\s+)(?P<unit>année|an|mois|semaine)\s+"
                   r"(?P<dir>précédente?|suivante?|d['’]avant|d['’]après)(?![\w-])"),
    # "à Noël", "avant la Toussaint", "le 11-Septembre" (HOLIDAYS; HOLIDAY_BEFORE decides)
    ("holiday", r"(?P<holiday>{HOLIDAY})(?![\w-])"),
    # "la même période de 2022", "le même trimestre l'an dernier": the part of the year last named, another year
    ("same_period", rf"même\s+(?:période|trimestre|mois|saison)\s+(?:(?:de|en)\s+{_YEAR}"
                    r"|(?:de\s+)?l['’](?:an|année)\s+(?:(?P<rel>dernière|dernier|passée?)|précédente?))(?![\w-])"),
    # "un quart de siècle", "un demi-siècle" (FIXED_DURATIONS)
    ("fixed", r"(?P<phrase>{FIXED})(?![\w-])"),
    ("named_clock", r"(?P<named>minuit|midi)(?![\w-])"),
    # "le lendemain", "la veille"
    # "le lendemain (de l'attaque)": the day after the last day named; "la veille de Noël" is not
    ("day_shift", r"(?:le\s+|la\s+)(?P<word>lendemain|veille(?![\w-])(?!\s+(?:de|du|des|d['’])))(?![\w-])"),
    # "le surlendemain", "l'avant-veille": two days after / before
    ("day_shift", r"(?:le\s+|l['’])(?P<word>surlendemain|avant-veille(?!\s+(?:de|du|des|d['’])))(?![\w-])"),
    # "ce jour-là", "le jour même", "cette année-là": the story's own day, month or year
    ("story_unit", r"(?:(?:ce|cette|cet)\s+(?:même\s+)?(?P<unit>jour|semaine|mois|année)-là"
                   r"|le\s+(?P<unit2>jour|mois)\s+même|le\s+même\s+(?P<unit3>jour|mois))(?![\w-])"),
    # "14h52", "à 9 h 30", "6 h GMT"
    ("clock", r"(?<![\w,.])(?P<hour>[01]?\d|2[0-3])\s?h\s?(?P<minute>[0-5]\d)?(?![\w])"
              r"(?:\s+(?P<utc>GMT|UTC))?(?![\w])"),
    # "peu avant 7 heures", "vers 20 heures 30": a time of day after a preposition of time (CLOCK_CONTEXT);
    # "6 heures GMT" is one whatever comes before
    ("clock", r"(?<![\w,.])(?P<hour>[01]?\d|2[0-3])\s+heures?(?:\s+(?P<minute>[0-5]\d))?(?![\w-])"
              r"(?:\s+(?P<utc>GMT|UTC)(?![\w]))?"),
]

#: lines that state when the page was published ("Publié le 30 août 2023 à 14h52") or updated
PUBLISHED_CUES = ("publié le", "publié", "mis en ligne le", "mis en ligne", "date de publication", "paru le")
UPDATED_CUES = ("mis à jour le", "mis à jour", "modifié le", "modifié", "actualisé le", "actualisé", "màj")
#: how numeric dates are written ("04/07/2023" is 4 July)
DATE_ORDER = "DMY"

#: future and conditional endings, and the irregular future stems: the French model often tags "recevra"
#: as a past tense, so the stem + ending check backs up its morphology
FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
FUTURE_STEMS = {"être": "ser", "avoir": "aur", "faire": "fer", "aller": "ir", "pouvoir": "pourr",
                "devoir": "devr", "venir": "viendr", "revenir": "reviendr", "devenir": "deviendr",
                "tenir": "tiendr", "voir": "verr", "vouloir": "voudr", "savoir": "saur", "falloir": "faudr",
                "recevoir": "recevr", "envoyer": "enverr", "mourir": "mourr", "courir": "courr",
                "valoir": "vaudr", "obtenir": "obtiendr", "maintenir": "maintiendr", "prévoir": "prévoir",
                "asseoir": "assiér"}
