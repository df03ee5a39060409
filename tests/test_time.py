"""Time expressions: the grammar and its normalisation, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from veille.lang import resources
from veille.stages.time import find_timexes, parse_anchor
from veille.stages.time.calendar import clamp_year_for_month, nearest_weekday, weekend_week, year_for_day

FR = resources("fr").part("time")
EN = resources("en").part("time")


def values(text: str, module, anchor: date | None) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, module, anchor)}


def test_time_french_dates_resolve_against_the_anchor():
    text = "Le conseil s'est réuni mardi 12 septembre, en début de soirée, puis le 3 octobre 2021."
    got = values(text, FR, date(2023, 9, 14))
    assert got == {"mardi 12 septembre": "2023-09-12", "début de soirée": "2023-09-12TEV",
                   "3 octobre 2021": "2021-10-03"}


def test_time_without_anchor_the_year_stays_unknown():
    got = values("La réforme entrera en vigueur le 1er janvier, et le budget de mars 2024 suivra.", FR, None)
    assert got["1er janvier"] == "XXXX-01-01"
    assert got["mars 2024"] == "2024-03"
    assert all(t.anchor is None for t in find_timexes("hier et lundi", FR, None))


def test_time_relative_words_keep_their_anchor():
    timexes = find_timexes("Hier, le ministre a parlé ; la semaine dernière aussi.", FR, date(2024, 2, 7))
    assert [(t.text, t.value, t.anchor) for t in timexes] == [
        ("Hier", "2024-02-06", "2024-02-07"), ("la semaine dernière", "2024-W05", "2024-02-07")]


def test_time_decade_part_keeps_its_modifier():
    [t] = find_timexes("Le pays a changé depuis la fin des années 80.", FR, None)
    assert (t.text, t.value, t.mod) == ("fin des années 80", "198X", "END")
    [t] = find_timexes("Prices rose in the early 2000s.", EN, None)
    assert (t.value, t.mod) == ("200X", "START")


@pytest.mark.parametrize("text, value, mod", [
    ("pendant trois semaines", "P3W", None),
    ("depuis des décennies", "PXDE", None),
    ("un peu plus de deux heures", "PT2H", "MORE_THAN"),
    ("deux heures et demie", "PT2H30M", None),
    ("for nearly two hours", "PT2H", "APPROX"),
    ("after 3 minutes and 20 seconds", "PT3M20S", None),
    ("a 12-day trip", "P12D", None),
    ("over three decades", "P30Y", "MORE_THAN"),
])
def test_time_durations(text, value, mod):
    module = FR if any(w in text for w in ("pendant", "depuis", "heures")) else EN
    [t] = find_timexes(text, module, None)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


def test_time_ago_is_a_date_with_an_anchor_and_a_duration_without():
    assert values("Il est parti il y a trois ans.", FR, date(2020, 5, 1))["il y a trois ans"] == "2017"
    [t] = find_timexes("Il est parti il y a trois ans.", FR, None)
    assert (t.type, t.value) == ("DURATION", "P3Y")
    [t] = find_timexes("It closed more than two years ago.", EN, date(2020, 5, 1))
    assert (t.value, t.mod) == ("P2Y", "MORE_THAN")


def test_time_ages_are_not_durations():
    assert values("Une femme de 45 ans et deux sœurs âgées de 16 et 19 ans.", FR, None) == {}
    assert values("A 30-year-old man, aged 52 years, was there.", EN, None) == {}
    assert values("The building was almost 50 years old; at 47 years he retired.", EN, None) == {}
    assert values("Aujourd'hui, à 47 ans, il joue ; condamné à 10 ans de prison.", FR, None) == {
        "Aujourd'hui": "XXXX-XX-XX", "10 ans": "P10Y"}


def test_time_english_months_need_care():
    got = values("In October, officials may meet. The Mars rover landed March 3.", EN, date(2024, 1, 10))
    assert got == {"October": "2023-10", "March 3": "2024-03-03"}
    assert values("Les sondes vers Mars partent en mars.", FR, date(2024, 1, 10)) == {"mars": "2024-03"}


def test_time_last_and_next_named_periods():
    got = values("last December, next year, mai dernier", EN, date(2023, 4, 3))
    assert got["last December"] == "2022-12" and got["next year"] == "2024"
    assert values("en mai dernier", FR, date(2023, 4, 3)) == {"mai dernier": "2022-05"}


def test_time_seasons_halves_quarters():
    got = values("l'été dernier, au premier semestre, au troisième trimestre 2022", FR, date(2023, 10, 2))
    assert got == {"l'été dernier": "2023-SU", "premier semestre": "2023-H1",
                   "troisième trimestre 2022": "2022-Q3"}
    assert values("Il a été élu et il a été battu.", FR, None) == {}
    got = values("After the fall of the wall, in the fall of 1990.", EN, None)
    assert got == {"the fall of 1990": "1990-FA"}


def test_time_day_after_follows_the_last_day_named():
    got = values("The strike began on May 2. The day after the strike, talks resumed.", EN, date(2023, 5, 9))
    assert got["The day after"] == "2023-05-03"
    assert "le lendemain" not in values("Il est revenu le lendemain.", FR, None)


def test_time_clock_times_take_the_day_named():
    got = values("Jeudi 4 mai 2023 à 14h30, la séance a repris.", FR, None)
    assert got["14h30"] == "2023-05-04T14:30"
    assert values("at 7:05 p.m. on the day", EN, date(2023, 5, 4))["7:05 p.m."] == "2023-05-04T19:05"


def test_time_spans_match_the_text():
    text = "Le 14 juillet 2022, puis fin 2023 et depuis quelques jours."
    for t in find_timexes(text, FR, date(2024, 1, 1)):
        assert text[t.start:t.end] == t.text


def test_time_anchor_parsing_refuses_non_dates():
    assert parse_anchor("2023-03-26T10:00:00") == date(2023, 3, 26)
    assert parse_anchor("sometime") is None and parse_anchor(None) is None


def test_calendar_weekday_follows_tense():
    tuesday = date(2024, 4, 30)
    assert nearest_weekday(0, tuesday, "past") == date(2024, 4, 29)
    assert nearest_weekday(0, tuesday, "future") == date(2024, 5, 6)
    assert nearest_weekday(1, tuesday, "last") == date(2024, 4, 23)
    assert nearest_weekday(1, tuesday, "next") == date(2024, 5, 7)
    assert nearest_weekday(2, tuesday, "present") == date(2024, 5, 1)


def test_calendar_partial_dates():
    assert year_for_day(12, 20, date(2024, 1, 5), "present") == date(2023, 12, 20)
    assert year_for_day(12, 20, date(2024, 1, 5), "future") == date(2024, 12, 20)
    assert year_for_day(2, 29, date(2023, 3, 1), "past") == date(2023, 2, 28)
    assert clamp_year_for_month(5, date(2023, 5, 10), "last") == 2022
    assert clamp_year_for_month(5, date(2023, 5, 10), "past") == 2023
    assert weekend_week(date(2024, 4, 30), "past") == (2024, 17)


def test_time_french_hours_after_a_preposition_are_clock_times():
    got = find_timexes("Les pompiers sont arrivés vers 9 heures (8 heures UTC). Ils ont lutté 3 heures.", FR,
                       date(2024, 4, 30))
    assert [(t.text, t.type, t.value) for t in got] == [
        ("9 heures", "TIME", "2024-04-30T09:00"), ("8 heures UTC", "TIME", "2024-04-30T08:00Z"),
        ("3 heures", "DURATION", "PT3H")]


def test_time_vague_plural_needs_a_long_unit_or_a_quantifier():
    got = values("la limitation des jours de pêche, des mois de travail, quelques jours", FR, None)
    assert got == {"des mois": "PXM", "quelques jours": "PXD"}


@pytest.mark.slow
def test_time_tense_picks_the_weekday():
    from veille.eval.time import time_pipeline
    from veille.sources import source_from_text

    pipe = time_pipeline()

    def analyze(text, published, lang):
        return pipe.analyze(source_from_text("t.txt", text), published=published, lang=lang)

    past = analyze("Le ministre a reçu lundi les syndicats à Paris pour parler des salaires.",
                   published="2024-04-30", lang="fr")
    future = analyze("Le ministre recevra lundi les syndicats à Paris pour parler des salaires.",
                     published="2024-04-30", lang="fr")
    assert [t.value for t in past.timexes] == ["2024-04-29"]
    assert [t.value for t in future.timexes] == ["2024-05-06"]


@pytest.mark.slow
def test_time_a_plan_told_in_the_past_looks_ahead():
    from veille.eval.time import time_pipeline
    from veille.sources import source_from_text

    pipe = time_pipeline()

    def values(text, lang):
        art = pipe.analyze(source_from_text("t.txt", text), published="2026-12-02", lang=lang)  # a Wednesday
        return [t.value for t in art.timexes]

    assert values("More snow was expected on Friday in the hills above the town, the regional forecasters "
                  "said in their bulletin.", "en") == ["2026-12-04"]
    assert values("La réouverture du pont était attendue vendredi par les commerçants du quartier, a indiqué "
                  "la mairie dans un communiqué.", "fr") == ["2026-12-04"]
    # a pluperfect forecast, and a plan told in the past, are ones that have passed (or been dropped)
    assert values("The ferry, which had been expected on Monday at the harbour, never arrived, the port "
                  "authority said.", "en") == ["2026-11-30"]
    assert values("The final match was scheduled for Monday at the national stadium, the federation "
                  "said in a statement.", "en") == ["2026-11-30"]


def test_time_ranges_give_both_ends():
    text = "le festival du 7 au 9 juillet 2019 ; la guerre (1914-1918)"
    assert [(t.text, t.value) for t in find_timexes(text, FR, None)] == [
        ("7", "2019-07-07"), ("9 juillet 2019", "2019-07-09"), ("1914", "1914"), ("1918", "1918")]
    text = "The summit runs May 3-5, and the talks 10-12 June."
    assert [(t.text, t.value) for t in find_timexes(text, EN, date(2023, 4, 7))] == [
        ("May 3", "2023-05-03"), ("5", "2023-05-05"), ("10", "2023-06-10"), ("12 June", "2023-06-12")]


def test_time_event_relative_and_ordinal_lookalikes_are_left_out():
    assert values("A day after the report, a second pattern emerged; it lasted a day.", EN, None) == \
        {"a day": "P1D"}
    assert values("Deux jours après l’attaque, après dix mois de blocage.", FR, None) == {"dix mois": "P10M"}
    assert values("quelques jours après le vote", FR, None) == {"quelques jours": "PXD"}
    assert values("for nearly an hour before the attack", EN, None) == {"nearly an hour": "PT1H"}


def test_time_centuries_period_edges_and_future_amounts():
    got = {t.text: (t.value, t.mod) for t in find_timexes(
        "Au début du XXe siècle. Il reviendra dans deux semaines, avant la fin de l’année prochaine.", FR,
        date(2023, 4, 7))}
    assert got == {"début du XXe siècle": ("19XX", "START"), "dans deux semaines": ("2023-W16", None),
                   "fin de l’année prochaine": ("2024", "END")}
    got = {t.text: (t.value, t.mod) for t in find_timexes(
        "Fought for decades since the 19th century; done by the end of the year.", EN, None)}
    assert got == {"decades": ("PXDE", None), "19th century": ("18XX", None),
                   "the end of the year": ("XXXX", "END")}


def test_time_compound_number_words():
    assert values("pendant vingt-cinq ans et trente et un jours", FR, None) == {
        "vingt-cinq ans et trente et un jours": "P25Y31D"}
    assert values("for twenty-five years", EN, None) == {"twenty-five years": "P25Y"}


def test_time_weekday_with_a_date_picks_the_consistent_year():
    # 6 April was a Thursday in 2023, a Saturday in 2024
    assert values("jeudi 6 avril", FR, date(2024, 1, 10)) == {"jeudi 6 avril": "2023-04-06"}
    assert values("6 avril", FR, date(2024, 1, 10)) == {"6 avril": "2024-04-06"}


def test_time_business_quarters_and_this_month():
    assert values("ce mois-ci, au T1 2023, cette année-là, un T2 à louer", FR, date(2023, 5, 2)) == {
        "ce mois-ci": "2023-05", "T1 2023": "2023-Q1"}
    assert values("Q3 2022 profits fell this month", EN, date(2023, 5, 2)) == {
        "Q3 2022": "2022-Q3", "this month": "2023-05"}


def test_time_parts_of_day_and_clock_times_stay_in_their_sentence():
    text = ("Le scrutin est prévu le dimanche 9 juin. En fin de matinée, le ministre s'est exprimé. "
            "Mardi 29 août, en début de soirée, il a reçu la syndicaliste.")
    got = values(text, FR, date(2024, 4, 10))
    assert got["fin de matinée"] == "2024-04-10TMO"
    assert got["début de soirée"] == "2023-08-29TEV"  # 29 August was a Tuesday in 2023


def test_time_night_between_two_days_and_last_n_units():
    text = "Dans la nuit de samedi à dimanche ; au cours des trois derniers mois"
    got = values(text, FR, date(2024, 4, 8))  # a Monday: the nearest Saturday is the 6th
    assert got == {"Dans la nuit de samedi à dimanche": "2024-04-06TNI", "trois derniers mois": "P3M"}


def test_time_english_possessive_days_and_months():
    got = values("After Sunday's election and October's storm", EN, date(2024, 4, 10))
    assert got == {"Sunday": "2024-04-07", "October": "2023-10"}


def test_time_french_dated_day_with_dernier():
    got = values("le 8 mars dernier, le 2 mai prochain, courant mai", FR, date(2024, 4, 10))
    assert got == {"8 mars dernier": "2024-03-08", "2 mai prochain": "2024-05-02", "courant mai": "2024-05"}


def test_time_counts_are_not_years():
    assert values("plus de 2000 manifestants et 1500 policiers, en 2022", FR, None) == {"2022": "2022"}
    assert values("about 1500 troops and 2000 people; the 2024 election", EN, None) == {"2024": "2024"}


def test_time_numeric_dates_follow_the_language_or_the_figures():
    assert values("le 04/07/2024", FR, None) == {"04/07/2024": "2024-07-04"}
    got = values("on 30/04/2024, 04/30/2024, 04/07/2024 and 2024-04-07", EN, None)
    assert got == {"30/04/2024": "2024-04-30", "04/30/2024": "2024-04-30", "2024-04-07": "2024-04-07"}


def test_time_premier_as_a_day():
    got = values("le premier mai, le premier semestre, le premier ministre", FR, date(2024, 4, 10))
    assert got == {"premier mai": "2024-05-01", "premier semestre": "2024-H1"}


def test_calendar_seasons():
    from veille.stages.time.calendar import shift_season

    assert shift_season("SU", date(2023, 7, 15), "last") == 2022
    assert shift_season("SU", date(2023, 10, 2), "last") == 2023
    assert shift_season("SU", date(2023, 7, 15), "past") == 2023
    assert shift_season("SU", date(2023, 10, 2), "next") == 2024
    assert shift_season("WI", date(2024, 1, 15), "present") == 2023
    assert shift_season("WI", date(2024, 3, 15), "last") == 2023


def test_time_story_time_anchors_anaphoric_amounts_french():
    """"trois jours plus tôt" counts from the last date the story named, not from the publication date."""
    text = ("Le jeudi 9 mars, le maire a démissionné. Le conseil l'avait désavoué trois jours plus tôt. "
            "Les ventes ont atteint 5 % en 2021 contre 4 % en 2020 et 3 % un an auparavant.")
    got = values(text, FR, date(2023, 3, 20))
    assert got["trois jours plus tôt"] == "2023-03-06"
    assert got["un an auparavant"] == "2020"  # "contre 4 % en 2020" is a comparison, not the story's time


def test_time_story_time_anchors_anaphoric_amounts_english():
    text = ("On June 2, 2019, the dam broke. It had been inspected two weeks earlier. "
            "A year later it was rebuilt.")
    got = values(text, EN, date(2023, 3, 20))
    assert got["two weeks earlier"] == "2019-W20" and got["A year later"] == "2020"
    assert values("Two days later, the strike ended.", EN, None) == {}  # no story time, no anchor
    # before the story names a date, it is at the publication day
    got = values("Two days later, the strike ended.", EN, date(2023, 3, 20))
    assert got == {"Two days later": "2023-03-22"}
    assert values("The line opened ten years later than planned.", EN, None) == {"ten years": "P10Y"}


def test_time_old_years_need_a_preposition_of_time():
    text = "L'abbaye fut fondée en 812. Le roi (1108-1137) régna. Le livre compte en 580 pages."
    got = values(text, FR, None)
    assert got == {"812": "0812", "1108": "1108", "1137": "1137"}
    got = values("The bridge was built in 1350, rebuilt around 790, and holds about 1200 people.", EN, None)
    assert got == {"1350": "1350", "790": "0790"}


def test_time_era_years():
    assert values("La ville est fondée en 52 av. J.-C. et détruite en 406 après J.-C.", FR, None) == {
        "52 av. J.-C.": "BC0052", "406 après J.-C.": "0406"}
    assert values("The wall dates from AD 122; the fort from 55 BC.", EN, None) == {
        "AD 122": "0122", "55 BC": "BC0055"}


def test_time_night_of_two_days_is_the_first_night():
    assert values("Le vol a eu lieu dans la nuit du 12 au 13 janvier 2020.", FR, None) == {
        "nuit du 12 au 13 janvier 2020": "2020-01-12TNI"}
    assert values("The raid came on the night of March 8 to 9, 2021.", EN, None) == {
        "night of March 8 to 9, 2021": "2021-03-08TNI"}


def test_time_fixed_amounts_and_named_times():
    text = "Un demi-siècle après, vers minuit, le club a fêté un quart de siècle."
    got = values(text, FR, date(2022, 5, 1))
    assert got == {"Un demi-siècle": "P50Y", "minuit": "2022-05-01T00:00", "un quart de siècle": "P25Y"}
    got = values("Half a century on, the ferry left at noon, at 18:30 GMT.", EN, date(2022, 5, 1))
    assert got == {"Half a century": "P50Y", "noon": "2022-05-01T12:00", "18:30 GMT": "2022-05-01T18:30Z"}
    assert values("Le Midi a voté.", FR, date(2022, 5, 1)) == {}


def test_time_short_delays_after_an_event_stay_durations():
    got = values("Le suspect a été interpellé 15 minutes après l'alerte.", FR, None)
    assert got == {"15 minutes": "PT15M"}
    assert values("Il est parti deux jours après l'alerte.", FR, None) == {}


def test_time_number_words_after_a_comma_are_not_ages():
    assert values("À Lyon, deux ans de travaux ont suffi.", FR, None) == {"deux ans": "P2Y"}
    assert values("Marie Dupont, 41 ans, a gagné.", FR, None) == {}


def test_time_same_period_takes_the_part_of_year_last_named():
    got = values("Exports rose in the second quarter of 2021 from the same period of 2020.", EN, None)
    assert got["same period of 2020"] == "2020-Q2"
    text = "Au troisième trimestre 2022, le chômage a baissé par rapport au même trimestre de 2021."
    got = values(text, FR, None)
    assert got["même trimestre de 2021"] == "2021-Q3"


def test_time_vague_plural_units():
    assert values("Decades of neglect showed over the past years.", EN, None) == {
        "Decades": "PXDE", "the past years": "PXY"}
    assert values("The years of war are over.", EN, None) == {}
    assert values("After two more years of this, over 100 ad slots.", EN, None) == {}


def test_time_frequencies_and_vague_adverbs_are_left_out():
    assert values("Le musée ouvre trois jours par semaine et a changé au fil des ans.", FR, None) == {}
    assert values("The clinic runs 24 hours a day, five days a week.", EN, None) == {}


def test_time_two_consecutive_years_are_one_period():
    assert values("Il a brillé lors de la saison 2011-2012.", FR, None) == {"2011-2012": "2011/2012"}
    assert values("His best season was 2003-2004, before the 2008-2012 slump.", EN, None) == {
        "2003-2004": "2003/2004", "2008": "2008", "2012": "2012"}


def test_time_previous_and_following_units_count_from_the_story_time():
    text = "En mars 2019, l’usine a fermé. Le mois suivant, elle a été vendue ; l’année précédente, rien."
    assert values(text, FR, date(2023, 4, 6)) == {
        "mars 2019": "2019-03", "Le mois suivant": "2019-04", "l’année précédente": "2018"}
    text = "In 2015 the firm was sold. The following year it collapsed; the previous month was calm."
    assert values(text, EN, date(2023, 4, 6)) == {"2015": "2015", "The following year": "2016"}


def test_time_approximate_numbers():
    [t] = find_timexes("Les travaux dureront une quinzaine de jours.", FR, None)
    assert (t.text, t.value, t.mod) == ("une quinzaine de jours", "P15D", "APPROX")
    [t] = find_timexes("Il a quitté le village il y a une vingtaine d'années.", FR, date(2024, 5, 15))
    assert (t.value, t.mod) == ("2004", "APPROX")
    [t] = find_timexes("The flood lasted two and a half days.", EN, None)
    assert t.value == "P2DT12H"


def test_time_coming_periods_are_vague():
    got = values("Dans les prochaines semaines, le texte sera voté.", FR, None)
    assert got == {"les prochaines semaines": "PXW"}
    assert values("Talks resume in the coming months.", EN, None) == {"the coming months": "PXM"}


def test_time_old_years_before_a_function_word():
    assert values("Le pont fut bâti vers 1340 par les moines.", FR, None) == {"1340": "1340"}
    assert values("The abbey was founded around 960 by monks, for 300 monks.", EN, None) == {"960": "0960"}


def test_time_clock_times_hang_on_the_story_day_in_past_clauses():
    text = "Le 3 juin 2020, le magasin a été cambriolé. Les voleurs sont restés de 22 h 10 à 1 h 05."
    got = find_timexes(text, FR, date(2023, 4, 6))
    for t in got:
        t.anchor = None
    # without a parse every clause is "present": the anchor's day, still rolling past midnight
    assert [(t.text, t.value) for t in got][1:] == [
        ("22 h 10", "2023-04-06T22:10"), ("1 h 05", "2023-04-07T01:05")]


def test_time_clock_past_clause_uses_story_day():
    from veille.stages.time.normalize import Context, normalize
    from veille.stages.time.rules import find_candidates

    [cand] = find_candidates("vers 0 h 30", FR)
    ctx = Context(FR, date(2023, 4, 6), tense="past", reference=(date(2020, 6, 3), "D"))
    assert normalize(cand, ctx).value == "2020-06-03T00:30"
    ctx.tense = "future"
    assert normalize(cand, ctx).value == "2023-04-06T00:30"
    [cand] = find_candidates("at noon", EN)
    ctx = Context(EN, date(2023, 4, 6), tense="past", reference=(date(2021, 1, 9), "D"))
    assert normalize(cand, ctx).value == "2021-01-09T12:00"
    [cand] = find_candidates("just after midnight", EN)  # midnight ends the story's day
    assert normalize(cand, ctx).value == "2021-01-10T00:00"


def test_time_named_days():
    text = "Le Père Noël passera. Avant Noël, le texte sera voté ; depuis le 11-Septembre, tout a changé."
    assert values(text, FR, date(2023, 11, 20)) == {"Noël": "2023-12-25", "11-Septembre": "2001-09-11"}
    assert values("Toussaint Louverture", FR, None) == {}
    text = "Since 9/11, Christmas trees sell well; the shop shuts on New Year's Eve."
    assert values(text, EN, None) == {"9/11": "2001-09-11", "New Year's Eve": "XXXX-12-31"}


def test_time_clock_time_before_its_day():
    assert values("Le vote aura lieu à 10 h le 20 mai.", FR, date(2024, 5, 15)) == {
        "10 h": "2024-05-20T10:00", "20 mai": "2024-05-20"}
    assert values("The strike began at 6 a.m. on May 2.", EN, date(2024, 5, 15)) == {
        "6 a.m.": "2024-05-02T06:00", "May 2": "2024-05-02"}


def test_time_last_night_is_the_night_before():
    assert values("Last night, crowds gathered; this morning they left.", EN, date(2024, 5, 15)) == {
        "Last night": "2024-05-14TNI", "this morning": "2024-05-15TMO"}


def test_time_part_of_day_takes_the_day_its_sentence_names():
    text = "She scored her third goal of the night as the Rangers won on Tuesday."
    assert values(text, EN, date(2024, 5, 15)) == {"the night": "2024-05-14TNI", "Tuesday": "2024-05-14"}
    assert values("Dans la soirée, le ministre a parlé mardi.", FR, date(2024, 5, 15)) == {
        "Dans la soirée": "2024-05-14TEV", "mardi": "2024-05-14"}


def test_time_that_day_is_the_story_day():
    text = "Le 3 juin 2020, la digue a cédé. Ce jour-là, il pleuvait. Le surlendemain, l'eau baissait."
    assert values(text, FR, date(2024, 5, 15)) == {
        "3 juin 2020": "2020-06-03", "Ce jour-là": "2020-06-03", "Le surlendemain": "2020-06-05"}
    text = "In 2019 the mine closed. That year, prices fell; that day was sad."
    assert values(text, EN, date(2024, 5, 15)) == {"2019": "2019", "That year": "2019"}


def test_time_consecutive_years_with_two_figures():
    assert values("La saison 2022-23 a été longue.", FR, None) == {"2022-23": "2022/2023"}
    assert values("In fiscal 1999/00, sales rose.", EN, None) == {"1999/00": "1999/2000"}


def test_time_sets_are_left_out():
    assert values("Le marché a lieu chaque lundi et le bilan tous les deux ans.", FR, None) == {}
    assert values("The board meets every Monday and reports every two weeks.", EN, None) == {}


def test_time_amounts_after_by_are_counts():
    assert values("Staff was cut by 1200, to 5,000.", EN, None) == {}


@pytest.mark.slow
def test_time_prospective_participles_look_ahead():
    """"l'élection prévue en novembre", "the vote scheduled for November": a plan, so a future month."""
    from veille.eval.time import time_pipeline
    from veille.sources import source_from_text

    pipe = time_pipeline()

    def months(text, lang):
        art = pipe.analyze(source_from_text("t.txt", text), published="2023-04-06", lang=lang)
        return [t.value for t in art.timexes]

    assert months("Les partis d'opposition se préparent activement à l'élection présidentielle prévue en "
                  "novembre, disent-ils.", "fr") == ["2023-11"]
    assert months("Le scrutin présidentiel était prévu en novembre, selon les partis d'opposition du pays.",
                  "fr") == ["2022-11"]
    assert months("The opposition parties are preparing hard for the presidential vote scheduled for "
                  "November, they said.", "en") == ["2023-11"]


def test_an_undated_page_is_dated_by_the_years_its_weekday_date_pairs_agree_on():
    from datetime import date

    from veille.lang import resources
    from veille.stages.time.dating import inferred_anchor
    from veille.stages.time.rules import find_candidates

    fr = resources("fr").part("time")
    text = ("Le conseil a voté le jeudi 9 mars. La maire s'est exprimée le lundi 13 mars, "
            "quatre jours plus tard. Le projet date de 2016.")
    cands = find_candidates(text, fr)
    # 9 March was a Thursday and 13 March a Monday in 2017 and in 2023: the latest year not after today
    assert inferred_anchor(cands, fr, today=date(2024, 1, 1)) == date(2023, 3, 13)
    assert inferred_anchor(cands, fr, today=date(2020, 1, 1)) == date(2017, 3, 13)
    disagree = find_candidates("Le jeudi 9 mars et le jeudi 13 mars.", fr)
    assert inferred_anchor(disagree, fr, today=date(2024, 1, 1)) is None
    assert inferred_anchor(find_candidates("Le 9 mars, hier.", fr), fr) is None  # no weekday: no inference


def test_undated_page_resolves_relative_expressions_against_the_inferred_date(analyze):
    art = analyze("Le chantier du pont de la Garonne a repris le mercredi 7 février, après un arrêt de "
                  "plusieurs semaines. Le mois dernier, les ouvriers avaient dénoncé leurs conditions de "
                  "travail, a rappelé la préfète lors d'une visite sur place.\n\n"
                  "Les travaux doivent s'achever avant l'été, selon la préfecture.", name="undated.txt")
    assert art.published is None
    values = {t.text: t.value for t in art.timexes}
    year = values["mercredi 7 février"][:4]
    assert year.isdigit() and __import__("datetime").date(int(year), 2, 7).weekday() == 2
    assert values["Le mois dernier"] == f"{year}-01"
    assert any("no publication date" in n for n in art.notes)
