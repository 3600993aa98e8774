"""The number grammar, one test per feature, on sentences quoted verbatim from the
ukraine-news corpus and the Kursk seeds (a few marked "constructed" where the corpus has
no example of the construction)."""
from __future__ import annotations

import pytest

from claimtrail.extract.numbers import Quantity, find_quantities


def figure(sentence: str, quote: str) -> Quantity:
    """The one quantity whose words are exactly ``quote``; fails listing what was found."""
    found = find_quantities(sentence)
    matches = [q for q in found if q.text == quote]
    assert len(matches) == 1, f"{quote!r} not found once in {[q.text for q in found]}"
    q = matches[0]
    assert sentence[q.start:q.end] == quote
    return q


def interval(q: Quantity) -> tuple[float | None, float | None, str]:
    return q.low, q.high, q.qualifier


# --- digits, separators, scales ----------------------------------------------------------

def test_thousands_separator() -> None:
    q = figure("Russia has amassed at least 130,000 troops on the Ukrainian border and Truss "
               "said an invasion of the country \u201ccould be imminent\u201d.", "at least 130,000")
    assert interval(q) == (130_000, None, "at_least")
    assert (q.number_start, q.number_end) == (q.start + 9, q.end)


def test_decimal_with_million() -> None:
    q = figure("Nearly 14,000 people have died in the conflict, and there are 1.5 million people "
               "internally displaced in Ukraine", "1.5 million")
    assert interval(q) == (1_500_000, 1_500_000, "exact")


def test_bn_suffix_and_money() -> None:
    sentence = "1bn, which includes $880m in assistance for Ukraine\u2019s military"
    assert figure(sentence, "$880m").low == 880_000_000
    assert figure(sentence, "$880m").unit == "usd"
    assert figure(sentence, "1bn").low == 1_000_000_000


def test_dollar_billion() -> None:
    q = figure("Congress might soon vote on a $61 billion aid package for Ukraine", "$61 billion")
    assert (q.low, q.unit) == (61_000_000_000, "usd")


def test_k_suffix() -> None:   # constructed: the corpus writes thousands out
    assert figure("an army of 10k men", "10k").low == 10_000


def test_european_thousands_and_plain_decimal() -> None:   # constructed
    assert figure("sent 10.000 soldiers", "10.000").low == 10_000
    assert figure("grew by 11.5 points", "11.5").low == 11.5


def test_space_as_thousands_separator() -> None:
    # ukraine-news 20240504T130000Z_PL_en_0ea2dd10ee.txt (a dev gold claim)
    sentence = ("The number of Russian victims from the beginning of aggression - according to "
                "the Sunday report of the General Staff of the Ukrainian Armed Forces - reached "
                "473 400.")
    assert [(q.text, q.low) for q in find_quantities(sentence)] == [("473 400", 473_400)]
    assert figure("in 2022 12 000 people left", "12 000").low == 12_000     # constructed


def test_space_groups_that_are_not_thousands() -> None:   # constructed
    # a phone number, a day after its month, a group of other than three digits
    assert [q.low for q in find_quantities("call 123 456 7890 now")] == [123, 456, 7890]
    assert [q.low for q in find_quantities("On May 5 300 people came")] == [300]
    assert [q.low for q in find_quantities("ranked 12 3400 people")] == [12, 3400]
    # ukraine-news 20220809T133000Z_PL_en_236f48ec2f.txt: a count before a calibre
    assert [q.low for q in find_quantities(
        "as well as 20 120 mm and 75,000 caliber mortars")] == [20, 75_000]


def test_currency_sign_then_scale_and_conversion_in_brackets() -> None:
    sentence = ("From next month, however, the Japanese military will have an annual budget of "
                "\u00a56.82 trillion (\u00a343.46 billion) \u2013 an increase of more than 26 "
                "per cent over the previous year")
    found = find_quantities(sentence)
    assert [q.text for q in found] == ["\u00a56.82 trillion", "more than 26 per cent"]
    assert (found[0].low, found[0].unit) == (6_820_000_000_000, "jpy")   # the bracket restates


# --- number words ------------------------------------------------------------------------

def test_spelled_cardinals() -> None:
    sentence = ("Recent military actions have seen North Korean troops successfully breach "
                "Ukrainian defenses near Kurylvka; at least three North Korean servicemen went "
                "missing")
    assert interval(figure(sentence, "at least three")) == (3, None, "at_least")
    assert figure("the capital\u2019s three million residents", "three million").low == 3_000_000


def test_hyphenated_tens_and_hundred_and() -> None:   # constructed
    assert figure("twenty-five tanks", "twenty-five").low == 25
    assert figure("one hundred and fifty soldiers", "one hundred and fifty").low == 150
    assert figure("over one hundred thousand soldiers", "over one hundred thousand").low == 100_000


def test_dozen_words() -> None:
    q = figure("I visited over a dozen ministries in Kyiv, traveled to Mariupol", "over a dozen")
    assert interval(q) == (12, None, "at_least")
    assert figure("two dozen drones", "two dozen").low == 24   # constructed


def test_a_hundred_a_thousand_half_a_million() -> None:
    q = figure("It was one of three such facilities in the Donetsk region.Supported over half "
               "a million people.", "over half a million")
    assert interval(q) == (500_000, None, "at_least")
    assert figure("Poland has braced itself to receive \"up to a million refugees\"",
                  "up to a million").high == 1_000_000
    assert figure("a thousand troops", "a thousand").low == 1000   # constructed


def test_strong_force() -> None:   # constructed after the seeds' "11,000 troops"
    q = figure("an 11,000-strong force", "11,000-strong")
    assert interval(q) == (11_000, 11_000, "exact") and q.unit is None


# --- ranges ------------------------------------------------------------------------------

def test_range_with_to() -> None:
    q = figure("Washington and Kyiv announced that the hermit kingdom had dispatched 10,000 to "
               "12,000 troops", "10,000 to 12,000")
    assert interval(q) == (10_000, 12_000, "exact")


def test_range_between_and() -> None:
    q = figure("The FSB added: \u201cThis is punishable with between 12 and 20 years in prison",
               "between 12 and 20 years")
    assert interval(q) == (12, 20, "exact") and q.unit == "years"


def test_range_from_to_percent() -> None:
    q = figure("Estimates put the share from 60 to 71 percent.", "from 60 to 71 percent")
    assert interval(q) == (0.6, 0.71, "exact") and q.share    # constructed


@pytest.mark.parametrize("text, expected", [
    # ukraine-news: after a word of change, "from X to Y" is the earlier and the later value
    ("During the first week of the war, public support for Putin in Russia grew from 60 to 71 percent.",
     [("60", 0.6, "share"), ("71 percent", 0.71, "share")]),
    ("Meanwhile, the US troop presence has risen from 5,000 to about 24,000.",
     [("5,000", 5_000, None), ("about 24,000", 24_000, None)]),
    (("Over the last twenty years, the number of Ukrainians reporting that they are happy has risen "
      "from 52 percent in November 2003 to 70 percent now."),
     [("52 percent", 0.52, "share"), ("70 percent", 0.7, "share")]),
    # constructed: a scale word and an adverb
    ("The number of refugees grew sharply from 1.2 to 3 million.",
     [("1.2", 1_200_000, None), ("3 million", 3_000_000, None)]),
    ("The toll went up from 300 to 969.", [("300", 300, None), ("969", 969, None)]),
])
def test_change_from_to_gives_two_values(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    found = [(q.text, q.low, q.unit) for q in find_quantities(text)]
    assert [f for f in found if f[0] in {e[0] for e in expected}] == expected
    assert not any(q.text.startswith("from") for q in find_quantities(text))


def test_from_to_without_a_change_word_stays_a_range() -> None:
    # constructed
    assert interval(figure("from 300 to 969 troops were sent", "from 300 to 969")) == (300, 969, "exact")


def test_hyphen_range_with_shared_scale() -> None:
    q = figure("uary 24, 2022 Village 67 17 66 18 City up to 20 thousand / UTS 74 14 74 14 City "
               "20-99 thousand 64 17", "20-99 thousand")
    assert interval(q) == (20_000, 99_000, "exact")
    assert figure("10,000-12,000 troops", "10,000-12,000").high == 12_000   # constructed


def test_or_range_and_list() -> None:
    sentence = ("No matter how many \u2013 50,000, 150,000 or 1 million \u2013 soldiers of any "
                "army are deployed on the border")
    assert [q.text for q in find_quantities(sentence)] == ["50,000", "150,000", "1 million"]
    assert interval(figure("50 or 60 tanks", "50 or 60")) == (50, 60, "exact")   # constructed


# --- bounds and approximations -----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "quote", "expected"), [
    (("Russia, while mobilizing more than 100,000 troops along the Ukraine border, denies it "
     "plans to invade."), "more than 100,000", (100_000, None, "at_least")),
    (("Produced by Raytheon, HARMs have a range in excess of 30 miles, according to the US Air "
     "Force"), "in excess of 30 miles", (48.28032, None, "at_least")),
    ("despite having amassed well over 100,000 troops near the border", "well over 100,000",
     (100_000, None, "at_least")),
    ("Moldova (which has fewer than 10,000 personnel in its armed forces)",
     "fewer than 10,000", (None, 10_000, "at_most")),
    ("Troops can be deployed in less than 72 hours, the agency said", "less than 72 hours",
     (None, 72, "at_most")),
    ("Russia has recently passed laws threatening jail sentences of up to 15 years",
     "up to 15 years", (None, 15, "at_most")),
    ("after as many as 190,000 Russian troops massed close to Ukraine", "as many as 190,000",
     (None, 190_000, "at_most")),
    ("Trump said he would end the war \u201cwithin 24 hours\u201d", "within 24 hours",
     (None, 24, "at_most")),
    ("There are currently nearly 350,000 combat-hardened military reservists",
     "nearly 350,000", (350_000, 350_000, "approx")),
    ("Almost 90% of Crimean schoolchildren were educated in Russian", "Almost 90%",
     (0.9, 0.9, "approx")),
    ("contained some 250,000 tons of grain before being burned in June", "some 250,000 tons",
     (250_000, 250_000, "approx")),
    ("However, Moscow has deployed an estimated 100,000 soldiers near the border.",
     "an estimated 100,000", (100_000, 100_000, "approx")),
    ("There are already approximately 900 U.S.", "approximately 900", (900, 900, "approx")),
    ("Around 100,000 people have crossed into Poland", "Around 100,000",
     (100_000, 100_000, "approx")),
    ("the Kremlin has not only amassed roughly 100,000 troops on its southern border",
     "roughly 100,000", (100_000, 100_000, "approx")),
])
def test_prefix_qualifiers(sentence: str, quote: str,
                           expected: tuple[float | None, float | None, str]) -> None:
    assert interval(figure(sentence, quote)) == expected


@pytest.mark.parametrize(("sentence", "quote", "expected"), [   # constructed
    ("5,000 or more troops", "5,000 or more", (5000, None, "at_least")),
    ("a 300-plus column", "300-plus", (300, None, "at_least")),
    ("some 50 or so tanks", "some 50 or so", (50, 50, "approx")),
    ("~300 drones", "~300", (300, 300, "approx")),
    ("no fewer than 20 ships", "no fewer than 20", (20, None, "at_least")),
    ("no more than 5 brigades", "no more than 5", (None, 5, "at_most")),
    ("just under 400 shells", "just under 400", (None, 400, "at_most")),
    ("upwards of 1,000 men", "upwards of 1,000", (1000, None, "at_least")),
])
def test_suffix_and_rarer_qualifiers(sentence: str, quote: str,
                                     expected: tuple[float | None, float | None, str]) -> None:
    assert interval(figure(sentence, quote)) == expected


# --- vague quantities --------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "quote", "low", "high"), [
    (("The New York Times reported earlier this week, citing senior U.S. and Ukrainian "
     "officials, that scores of North Korean soldiers had been killed."), "scores of", 40, None),
    (("In nearby Bucha, where dozens of civilian bodies, some with their hands tied, were "
     "discovered this month"), "dozens of", 24, None),
    ("Several thousand Ukrainians rallied in Kyiv on Saturday", "Several thousand", 3000, 9000),
    (("Russian troops captured the southeastern Ukrainian city of Melitopol, as Moscow launched "
     "coordinated missile and artillery attacks on several cities including Kyiv."), "several",
     3, 9),
    ("announced another Russian-American meeting within a few weeks", "within a few weeks",
     None, 5),
    ("amassing tens of thousands of troops, equipment and artillery on the country's doorstep",
     "tens of thousands of", 20_000, 99_999),
    ("there will be hundreds of thousands of Russian soldiers here", "hundreds of thousands of",
     200_000, 999_999),
    ("as thousands of Russian troops continued to line the Ukrainian border", "thousands of",
     2000, 9999),
    ("At the cost of tens of millions of lives.", "tens of millions of", 20_000_000, 99_999_999),
])
def test_vague_quantities(sentence: str, quote: str, low: float, high: float | None) -> None:
    q = figure(sentence, quote)
    assert (q.low, q.high) == (low, high)
    assert q.qualifier in ("vague", "at_most")


def test_scores_needs_of() -> None:   # constructed: "scores" the verb or noun is no quantity
    assert find_quantities("He scores well in test scores.") == []


# --- shares ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "quote", "value", "qualifier"), [
    (("The North Korean troops\u2019 involvement has collectively enabled Moscow to reclaim more "
     "than 60% of the area previously under Ukrainian control."), "more than 60%", 0.6,
     "at_least"),
    ("In all, 73 percent say the United States is doing either the right amount", "73 percent",
     0.73, "exact"),
    ("removing 25 per cent of all power generated in Ukraine.", "25 per cent", 0.25, "exact"),
    (("This figure reflects substantial losses, with approximately one-third of the casualties "
     "reported as fatalities"), "approximately one-third of", 0.333333, "approx"),
    ("More than a third of this area was already seized by Russian proxy forces",
     "More than a third of", 0.333333, "at_least"),
    (("The media also writes that, according to its sources, half of the Russian fighters in "
     "Kursk are recruits."), "half of", 0.5, "exact"),
    ("The casualties represent nearly half of the original 11,000 troops", "nearly half of", 0.5,
     "approx"),
    ("Anatoly, 43, is one of more than one in three Latvians who speak Russian",
     "more than one in three", 0.333333, "at_least"),
    ("two-thirds of the brigade", "two-thirds of", 0.666667, "exact"),   # constructed
    ("three in four respondents", "three in four", 0.75, "exact"),   # constructed
    ("inflation hit 5pc last month", "5pc", 0.05, "exact"),   # constructed
])
def test_shares(sentence: str, quote: str, value: float, qualifier: str) -> None:
    q = figure(sentence, quote)
    assert q.share and q.unit == "share"
    assert q.low == value and q.qualifier == qualifier


def test_a_third_needs_of() -> None:
    sentence = "their proximity to the US nearly unleashed a third world war."
    assert find_quantities(sentence) == []


# --- multipliers -------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "quote", "value"), [
    (("A Ukrainian commander, Oleksii, reported a staggering disparity in numbers, indicating "
     "that their units often face North Korean groups that are tenfold larger."), "tenfold", 10),
    ("a sevenfold increase in the number of Nato troops on high alert to reach 300,000.",
     "sevenfold", 7),
    ("The Russians have more than three times more people than Ukrainians to sacrifice",
     "more than three times", 3),
    ("a ten-fold rise", "ten-fold", 10),   # constructed
])
def test_multipliers(sentence: str, quote: str, value: float) -> None:
    q = figure(sentence, quote)
    assert q.multiplier and q.unit == "ratio" and q.low == value


# --- units -------------------------------------------------------------------------------

def test_area_with_restatement_in_brackets() -> None:
    sentence = ("Russian Defense Minister Andrei Belousov claimed that Moscow\u2019s forces have "
                "been making steady territorial gains in Ukraine, capturing roughly 30 square "
                "kilometers (11.5 square miles) per day.")
    found = find_quantities(sentence)
    assert len(found) == 1                       # the bracket restates, it is not a new figure
    q = found[0]
    assert interval(q) == (30, 30, "approx")
    assert (q.unit, q.per) == ("km2/day", "day")


def test_square_miles_convert_to_km2() -> None:
    q = figure("To Ukraine\u2019s north span roughly 100,000 square miles of wetlands known as the "
               "Pinsk Marshes.", "roughly 100,000 square miles")
    assert q.unit == "km2" and q.original_unit == "square miles"
    assert q.original_value == (100_000, 100_000)
    assert q.low == pytest.approx(258_998.8)


def test_square_kilometers() -> None:
    q = figure("From the beginning of this year, Russian forces took over 360 square kilometers,"
               "\" analysts said.", "over 360 square kilometers")
    assert interval(q) == (360, None, "at_least") and q.unit == "km2"


@pytest.mark.parametrize(("text", "value", "unit"), [   # constructed
    ("30 sq km", 30, "km2"), ("20 km2", 20, "km2"), ("40 km\u00b2", 40, "km2"),
    ("500 hectares", 5, "km2"), ("12 kilometres", 12, "km"), ("19 miles", 30.577536, "km"),
    ("a 1,000-square-mile zone", 2589.988, "km2"),
])
def test_unit_spellings(text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert q.low == pytest.approx(value)
    assert q.unit == unit


# --- ages and durations are returned with a time unit ------------------------------------

@pytest.mark.parametrize(("sentence", "quote", "value", "unit", "qualifier"), [
    ("In a shocking development from the nearly three-year-old war in Ukraine",
     "nearly three-year-old", 3, "years", "approx"),
    ("The area has been the site of a four-month-long Ukrainian incursion", "four-month-long", 4,
     "months", "exact"),
    ("\u201cWe are now living in a totally new era,\u201d said the 99-year-old Henry Kissinger",
     "99-year-old", 99, "years", "exact"),
    ("it took more than half a year (189 days) for the market to recoup its losses",
     "more than half a year", 0.5, "years", "at_least"),
])
def test_ages_and_durations(sentence: str, quote: str, value: float, unit: str,
                            qualifier: str) -> None:
    q = figure(sentence, quote)
    assert (q.low, q.unit, q.qualifier) == (value, unit, qualifier)


# --- corpus quirks: dropped zeros, missing spaces, currency codes ------------------------

def test_range_with_dropped_thousands() -> None:
    q = figure("\u201cI think the most complicated question is that in Crimea, in the temporary "
               "occupied territory of the Donbas along Ukraine and Russia, there is 30 to 35,000 "
               "on the temporary occupying territories", "30 to 35,000")
    assert interval(q) == (30_000, 35_000, "exact")
    q = figure("\"Russia has about 70 to 80,000 losses (between a dead and wounded) so far",
               "about 70 to 80,000")
    assert interval(q) == (70_000, 80_000, "approx")
    # a change keeps the first value as printed, and so does a range
    assert [q.low for q in find_quantities("risen \u201cfrom 300 to 969")] == [300, 969]
    assert interval(figure("put at \u201cfrom 300 to 969", "from 300 to 969")) == (300, 969, "exact")


def test_missing_space_after_number_or_full_stop() -> None:
    sentence = ("- There is no justification for the assembly 100,000soldiers at the borders of "
                "Ukraine - the chancellor emphasized.")
    assert figure(sentence, "100,000").low == 100_000
    sentence = ("Israelis say that all drones and maneuvering shells have been captured.7 "
                "ballistic missiles reached the target,")
    assert figure(sentence, "7").low == 7


def test_currency_code_range_with_glued_scale() -> None:
    q = figure("but how about first/also getting Belgium to stump up the EUR6-7 billion in "
               "interest earned on immobilized Russian", "EUR6-7 billion")
    assert (q.low, q.high, q.unit) == (6e9, 7e9, "eur")
    q = figure("\u00a33-4bn", "\u00a33-4bn")   # constructed
    assert (q.low, q.high, q.unit) == (3e9, 4e9, "gbp")


def test_half_a_century_in_years() -> None:
    q = figure("the present state of mind was well captured by Martin Luther King more than half a "
               "century ago", "more than half a century")
    assert (q.low, q.high, q.unit, q.original_unit) == (50, None, "years", "century")


def test_hyphenated_compound_restated_in_brackets() -> None:
    sentence = ("questions remain about the strength of its fortifications along the sprawling, "
                "1,000-kilometer (620-mile) front line.")
    assert [(q.text, q.low, q.unit) for q in find_quantities(sentence)] == [
        ("1,000-kilometer", 1000, "km")]


# --- from general news (html-bench/aeb article bodies) -----------------------------------

def test_glued_short_units_and_x_multiplier() -> None:
    sentence = ("This is a bit faster than the i9 MacBook Pro from earlier in 2019, and about "
                "350MB per second faster than the 2018 MacBook Pro with 512GB of storage or more.")
    q = figure(sentence, "about 350MB")
    assert (q.low, q.qualifier, q.unit) == (350, "approx", "MB")
    q = figure("Our best guess is that this grant is approximately ~9x as cost-effective as cash "
               "transfers", "~9x")
    assert q.multiplier and q.low == 9


def test_verb_bounds_and_article_time_units() -> None:
    sentence = ("Some consumers who sought help on launch day reported telephone wait times that "
                "exceeded two hours.")
    assert interval(figure(sentence, "exceeded two hours")) == (2, None, "at_least")
    sentence = ("The simulation required 16,000 processor cores of the Hazel Hen supercomputer in "
                "Stuttgart, Germany, running continuously for more than a year.")
    q = figure(sentence, "more than a year")
    assert (q.low, q.high, q.unit) == (1, None, "years")
    assert find_quantities("a year ago") == []   # constructed: only after a qualifier


def test_range_of_multipliers_and_share_after_by() -> None:
    q = figure("Early retiree and self-made millionaire Grant Sabatier suggests having between 25 "
               "and 30 times your expected annual expenses saved", "between 25 and 30 times")
    assert (q.low, q.high, q.multiplier, q.unit) == (25, 30, True, "ratio")
    q = figure("The study found the spacecraft mass could be reduced by a third by removing the "
               "crew quarters", "a third")
    assert q.share and q.low == 0.333333


def test_signed_increase_scores_and_fraction_of_a_million() -> None:   # constructed
    sentence = "personnel \u2012 about 506,560 (+1,040) persons, tanks \u2012 7,093 (+10)"
    assert [q.text for q in find_quantities(sentence)] == [
        "about 506,560", "1,040", "7,093", "10"]
    assert (figure("Scores were killed in the strike.", "Scores").low) == 40
    assert figure("a quarter of a million refugees", "a quarter of a million").low == 250_000


@pytest.mark.parametrize(("text", "quote", "expected"), [   # constructed
    ("one or two soldiers", "one or two", (1, 2, "exact")),
    ("one to two weeks", "one to two weeks", (1, 2, "exact")),
    ("the one-year anniversary", "one-year", (1, 1, "exact")),
])
def test_one_that_opens_a_range_or_compound_is_a_count(
        text: str, quote: str, expected: tuple[float | None, float | None, str]) -> None:
    assert interval(figure(text, quote)) == expected


def test_numeral_span_leaves_out_qualifier_and_trailing_of() -> None:
    sentence = "The casualties represent nearly half of the original 11,000 troops"
    q = figure(sentence, "nearly half of")
    assert sentence[q.number_start:q.number_end] == "half"
    sentence = "amassing tens of thousands of troops"
    q = figure(sentence, "tens of thousands of")
    assert sentence[q.number_start:q.number_end] == "tens of thousands"


def test_vulgar_fractions_are_amounts() -> None:
    sentence = ("Asparagus and Eggs [1 cup asparagus, 2 soft-boiled or poached eggs, \u00bd cup "
                "sweet potato (or 1 slice whole-grain toast)")
    assert [q.low for q in find_quantities(sentence)] == [1, 2, 0.5, 1]
    assert figure("took 1\u00bd hours", "1\u00bd hours").low == 1.5   # constructed


def test_no_break_and_thin_spaces_separate_thousands() -> None:   # constructed
    assert figure("about 5\u00a0000 troops", "about 5\u00a0000").low == 5000
    assert figure("1\u202f234\u202f567 people", "1\u202f234\u202f567").low == 1_234_567


def test_between_with_a_dash() -> None:
    q = figure("He also added that Russia has lost between 3,000-4,000 armored vehicles.",
               "between 3,000-4,000")
    assert interval(q) == (3000, 4000, "exact")


def test_qualified_one_is_a_count() -> None:
    # ukraine-news 20220626T171500Z_GB_en_0770d0af47.txt (a dev gold claim)
    sentence = ("A Kyiv apartment block was destroyed, killing at least one and wounding six "
                "others including a seven-year-old girl.")
    assert [(q.text, q.low, q.high, q.qualifier) for q in find_quantities(sentence)][:2] == [
        ("at least one", 1, None, "at_least"), ("six", 6, 6, "exact")]
    assert find_quantities("no one was hurt") == []            # constructed: a pronoun


def test_gallery_counter_is_not_a_figure() -> None:
    # ukraine-news 20220620T203000Z_US_en_c20d7786cd.txt: page furniture between paragraphs
    assert find_quantities("Image 1 of 3 next  Image 2 of 3 prev next  Image 3 of 3 prev") == []


def test_year_shaped_number_before_a_count_noun() -> None:   # constructed
    assert figure("Russia sent 2000 troops to the border", "2000").low == 2000
    assert figure("the 1500 soldiers of the brigade", "1500").low == 1500
    assert find_quantities("In 2014 troops entered Crimea.") == []      # a year stays a year
    assert find_quantities("Since 2014 soldiers have died there.") == []


def test_number_after_a_name_before_people() -> None:   # constructed
    assert figure("In Kharkiv 5 people died.", "5").low == 5
    assert find_quantities("Leopard 2 tanks arrived") == []           # a product name


def test_one_as_the_object_of_a_casualty_verb() -> None:   # constructed
    assert [q.low for q in find_quantities("The strike hit a bus, killing one and injuring two.")] \
        == [1, 2]
    assert find_quantities("the wounded one was taken away") == []     # an adjective's one


def test_a_number_glued_to_a_capitalised_word_is_part_of_a_name() -> None:
    from claimtrail.extract.numbers import find_quantities

    assert find_quantities("7News cameras filmed the scene.") == []
    assert find_quantities("Shares of 3Com rose.") == []
    # a glued unit is still a unit
    assert [q.unit for q in find_quantities("a strike 20Km from the base")] == ["km"]


def test_a_result_said_as_a_win_or_a_vote_is_two_figures() -> None:
    from claimtrail.extract.numbers import find_quantities

    got = find_quantities("The visitors sealed a 3-1 victory in Lyon.")
    assert [(q.low, q.unit) for q in got] == [(3.0, "score"), (1.0, "score")]
    assert [q.low for q in find_quantities("The bill passed on a 61-39 vote.")] == [61.0, 39.0]
    # no result said: a code, not two figures; an ascending pair is a range
    assert find_quantities("Take exit 66-1 north.") == []
    assert [(q.low, q.high) for q in find_quantities("They won 10-15 seats.")] == [(10.0, 15.0)]


def test_a_stat_after_a_name_is_a_count_not_a_numbered_name() -> None:
    from claimtrail.extract.numbers import find_quantities

    got = find_quantities("Scoring: Maria Lopez 21 points, 4 steals.")
    assert [q.low for q in got] == [21.0, 4.0]
    # a numbered name stays a name
    assert find_quantities("Leopard 2 tanks arrived at the port.") == []
    assert find_quantities("Nord Stream 2 was shut.") == []
