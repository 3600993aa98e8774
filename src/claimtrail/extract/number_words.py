"""The lexicon of the number grammar: every word list and table in one declarative place.

``figure_grammar.py``, ``number_atoms.py`` and ``word_atoms.py`` hold the grammar (how
these pieces combine; ``numbers.py`` is the entry point); this module only says what the
words mean. All keys are lower case; multi-word phrases are tuples of tokens as the
scanner sees them (words and single punctuation characters, hyphens included).
"""
from __future__ import annotations

# --- cardinal number words -------------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Multiplying words that may follow a numeral ("1.5 million", "two dozen", "a hundred").
SCALE_WORDS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "dozen": 12, "lakh": 100_000, "crore": 10_000_000,
}
# Suffixes glued to digits ("3bn", "10k", "$5m"). A bare "m" means million in news
# money and headcounts ("£5m"); metres are always spelled out or written "metres".
SCALE_SUFFIXES: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
    "b": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}
# Spelled-out scale abbreviations after a space ("2 bln", "5 mln").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "mln": 1_000_000, "mn": 1_000_000, "bln": 1_000_000_000, "bn": 1_000_000_000,
    "tn": 1_000_000_000_000,
}

# --- fractions and shares ----------------------------------------------------------------

# Denominator words: "one-third", "two-thirds", "a quarter of", "three-fifths".
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
# Single-character fractions ("½ cup", "1½ hours"): amounts, not shares.
VULGAR_FRACTIONS: dict[str, float] = {
    "\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75, "\u2153": 1 / 3, "\u2154": 2 / 3,
    "\u215b": 0.125, "\u2155": 0.2,
}
# "60%", "60 percent", "60 per cent", "60 pct": all become unit "share", value 0.6
# (one convention for every share, as the gold does for "more than 60%").
PERCENT_WORDS: frozenset[str] = frozenset({"percent", "pct", "pc", "percentage"})

# --- vague quantities --------------------------------------------------------------------

# Each vague word as an interval (low, high); None = open. The ladder rule: a plural of a
# counting word means at least two of it ("dozens" >= 24, "scores" >= 40, "hundreds" >=
# 200) and less than the next word up, because a writer with 1,000+ would say
# "thousands". "dozens" and "scores" sit below "hundreds" but writers stretch them into
# the low hundreds, so their top is left open (the gold pins "scores of" at 40..null).
# "several" is 3..9 and "a few" 2..5 of whatever scale follows ("several hundred" =
# 300..900). All carry qualifier "vague".
VAGUE_PLURALS: dict[str, tuple[float, float | None]] = {
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
}
# "tens of thousands", "hundreds of thousands", "tens of millions" ...
VAGUE_OF_SCALE: dict[tuple[str, str], tuple[float, float | None]] = {
    ("tens", "thousands"): (20_000, 99_999),
    ("hundreds", "thousands"): (200_000, 999_999),
    ("tens", "millions"): (20_000_000, 99_999_999),
    ("hundreds", "millions"): (200_000_000, 999_999_999),
    ("dozens", "thousands"): (24_000, None),
}
# Vague multiplicands that take a scale ("several hundred", "a few thousand"): (low, high).
VAGUE_COUNTS: dict[tuple[str, ...], tuple[float, float]] = {
    ("several",): (3, 9),
    ("a", "few"): (2, 5),
    ("a", "handful", "of"): (2, 5),
    ("a", "couple", "of"): (2, 3),
    ("a", "couple"): (2, 3),
}

# --- qualifiers ----------------------------------------------------------------------------

# Words before a figure, longest phrase wins. "nearly"/"almost"/"close to" are approx,
# not at_most: the gold reads "nearly three-year-old" as approx 3, and a writer saying
# "nearly 5,000" means "about 5,000, a little less". "just under"/"just over" keep the
# bound of "under"/"over": the writer chose the bound word. "as many as" and "up to" are
# at_most (the writer gives a ceiling), "within 24 hours" too.
PREFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    # at least
    ("over",): "at_least", ("more", "than"): "at_least", ("at", "least"): "at_least",
    ("upwards", "of"): "at_least", ("upward", "of"): "at_least",
    ("in", "excess", "of"): "at_least", ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least", ("not", "less", "than"): "at_least",
    ("not", "fewer", "than"): "at_least", ("above",): "at_least",
    ("exceeding",): "at_least", ("exceeded",): "at_least", ("exceeds",): "at_least",
    ("exceed",): "at_least", ("surpassing",): "at_least", ("surpassed",): "at_least", ("a", "minimum", "of"): "at_least",
    ("minimum", "of"): "at_least", ("well", "over"): "at_least",
    ("just", "over"): "at_least", ("well", "above"): "at_least",
    ("north", "of"): "at_least", ("greater", "than"): "at_least",
    # at most
    ("up", "to"): "at_most", ("fewer", "than"): "at_most", ("less", "than"): "at_most",
    ("under",): "at_most", ("no", "more", "than"): "at_most", ("at", "most"): "at_most",
    ("within",): "at_most", ("below",): "at_most", ("just", "under"): "at_most",
    ("just", "below"): "at_most", ("a", "maximum", "of"): "at_most",
    ("maximum", "of"): "at_most", ("not", "more", "than"): "at_most",
    ("well", "under"): "at_most", ("well", "below"): "at_most",
    ("as", "many", "as"): "at_most", ("as", "much", "as"): "at_most",
    # approx
    ("about",): "approx", ("approximately",): "approx", ("roughly",): "approx",
    ("around",): "approx", ("some",): "approx", ("an", "estimated"): "approx",
    ("estimated",): "approx", ("~",): "approx", ("nearly",): "approx",
    ("almost",): "approx", ("close", "to"): "approx", ("circa",): "approx",
    ("approx",): "approx", ("approx", "."): "approx", ("an", "approximate"): "approx",
    ("just", "shy", "of"): "approx", ("just", "short", "of"): "approx",
    ("nigh", "on"): "approx", ("more", "or", "less"): "approx",
    ("an", "estimate", "of"): "approx", ("a", "reported"): "exact",
}
# Words after a figure: "5,000 or more", "300-plus", "50 or so".
SUFFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least", ("or", "above"): "at_least", ("plus",): "at_least",
    ("-", "plus"): "at_least", ("+",): "at_least", ("and", "more"): "at_least",
    ("or", "less"): "at_most", ("or", "fewer"): "at_most", ("or", "so"): "approx",
    ("-", "odd"): "approx", ("odd",): "approx", ("and", "counting"): "at_least",
}
# Words joining the two ends of a range ("10,000 to 12,000", "10-12", "50 or 60", "5,000 to
# as many as 10,000"); "-" stands for any hyphen or dash. "and" joins only after "between"
# ("5,000 and 6,000" alone is a list). The opener ("between", "from") is part of the figure.
RANGE_JOINERS: tuple[str, ...] = ("to", "-", "or")
RANGE_OPENERS: dict[str, tuple[str, ...]] = {"between": ("and", "-"), "from": ("to", "-")}

# --- units --------------------------------------------------------------------------------

# Unit phrase -> (canonical unit, factor to convert into it). Areas go to km2 and lengths
# to km so that figures from different articles compare; the original words are kept on
# the Quantity (original_unit / original_value).
UNIT_PHRASES: dict[tuple[str, ...], tuple[str, float]] = {
    ("square", "kilometers"): ("km2", 1.0), ("square", "kilometres"): ("km2", 1.0),
    ("square", "kilometer"): ("km2", 1.0), ("square", "kilometre"): ("km2", 1.0),
    ("square", "km"): ("km2", 1.0), ("sq", "km"): ("km2", 1.0),
    ("sq", ".", "km"): ("km2", 1.0), ("km2",): ("km2", 1.0), ("km", "\u00b2"): ("km2", 1.0),
    ("km", "2"): ("km2", 1.0), ("km\u00b2",): ("km2", 1.0), ("sqkm",): ("km2", 1.0),
    ("square", "miles"): ("km2", 2.589988), ("square", "mile"): ("km2", 2.589988),
    ("sq", "miles"): ("km2", 2.589988), ("sq", "mi"): ("km2", 2.589988),
    ("sq", ".", "miles"): ("km2", 2.589988),
    ("hectares",): ("km2", 0.01), ("hectare",): ("km2", 0.01), ("ha",): ("km2", 0.01),
    ("acres",): ("km2", 0.004046856), ("acre",): ("km2", 0.004046856),
    ("kilometers",): ("km", 1.0), ("kilometres",): ("km", 1.0),
    ("kilometer",): ("km", 1.0), ("kilometre",): ("km", 1.0), ("km",): ("km", 1.0),
    ("kms",): ("km", 1.0), ("miles",): ("km", 1.609344), ("mile",): ("km", 1.609344),
    ("metres",): ("m", 1.0), ("meters",): ("m", 1.0), ("metre",): ("m", 1.0),
    ("meter",): ("m", 1.0),
    ("mm",): ("mm", 1.0), ("millimetres",): ("mm", 1.0), ("millimeters",): ("mm", 1.0),
    ("cm",): ("cm", 1.0), ("centimetres",): ("cm", 1.0), ("centimeters",): ("cm", 1.0),
    ("kg",): ("kg", 1.0), ("kilograms",): ("kg", 1.0), ("kilogrammes",): ("kg", 1.0),
    ("lb",): ("lb", 1.0), ("lbs",): ("lb", 1.0), ("ft",): ("feet", 1.0), ("feet",): ("feet", 1.0),
    ("foot",): ("feet", 1.0), ("inches",): ("inches", 1.0), ("inch",): ("inches", 1.0),
    ("kph",): ("kph", 1.0), ("km/h",): ("kph", 1.0), ("mph",): ("mph", 1.0),
    ("litres",): ("litres", 1.0), ("liters",): ("litres", 1.0), ("gallons",): ("gallons", 1.0),
    ("barrels",): ("barrels", 1.0),
    ("tonnes",): ("tonnes", 1.0), ("tons",): ("tonnes", 1.0), ("tonne",): ("tonnes", 1.0),
    ("ton",): ("tonnes", 1.0),
    ("usd",): ("usd", 1.0), ("eur",): ("eur", 1.0), ("gbp",): ("gbp", 1.0),
    ("uah",): ("uah", 1.0), ("rub",): ("rub", 1.0),
    ("dollars",): ("usd", 1.0), ("euros",): ("eur", 1.0), ("hryvnias",): ("uah", 1.0),
    ("hryvnia",): ("uah", 1.0), ("hryvnas",): ("uah", 1.0), ("roubles",): ("rub", 1.0),
    ("rubles",): ("rub", 1.0), ("pounds", "sterling"): ("gbp", 1.0),
    ("rupees",): ("inr", 1.0), ("zlotys",): ("pln", 1.0), ("zloty",): ("pln", 1.0),
    ("pesos",): ("peso", 1.0), ("naira",): ("ngn", 1.0), ("shillings",): ("shilling", 1.0),
    ("yen",): ("jpy", 1.0), ("yuan",): ("cny", 1.0), ("taka",): ("bdt", 1.0),
    ("years", "old"): ("years", 1.0), ("year", "old"): ("years", 1.0),
    ("seconds",): ("seconds", 1.0), ("minutes",): ("minutes", 1.0),
    ("hours",): ("hours", 1.0), ("hour",): ("hours", 1.0), ("days",): ("days", 1.0),
    ("day",): ("days", 1.0), ("weeks",): ("weeks", 1.0), ("week",): ("weeks", 1.0),
    ("months",): ("months", 1.0), ("month",): ("months", 1.0),
    ("years",): ("years", 1.0), ("year",): ("years", 1.0), ("decades",): ("years", 10.0),
    ("decade",): ("years", 10.0), ("centuries",): ("years", 100.0),
    ("century",): ("years", 100.0),
}
# Currency codes before a figure ("EUR 120 billion", "USD5m"), upper case only.
# ISO 4217 codes that are not also English words in capitals ("ALL", "TRY", "PEN", "MAD",
# "CUP", "TOP" are left out).
CURRENCY_CODES: dict[str, str] = {
    "rs": "inr",
    **{code: code for code in (
        "usd", "eur", "gbp", "uah", "rub", "inr", "pln", "jpy", "cny", "chf", "lkr", "php",
        "czk", "cop", "kes", "ngn", "zar", "brl", "mxn", "egp", "pkr", "bdt", "idr", "thb",
        "vnd", "krw", "aud", "cad", "nzd", "sek", "nok", "dkk", "huf", "ron", "bgn", "ils",
        "sar", "aed", "qar", "kwd", "irr", "iqd", "afn", "mmk", "etb", "ugx", "tzs", "ghs",
        "xof", "xaf", "dzd", "tnd", "lyd", "sdg", "ssp", "syp", "lbp", "jod", "yer", "npr",
        "myr", "sgd", "hkd", "twd", "ars", "clp", "bob", "uyu", "pyg", "ves", "byn", "kzt",
        "azn", "mdl", "rsd", "htg", "zmw", "mwk", "mzn", "rwf", "cdf", "sll", "lrd", "gnf")}}
# A letter glued before "$" that names the dollar ("US$5m", "R$ 120 million", "A$50m").
DOLLAR_PREFIXES: dict[str, str] = {"us": "usd", "r": "brl", "a": "aud", "c": "cad", "hk": "hkd",
                                   "nz": "nzd", "s": "sgd", "nt": "twd"}
# Currency signs before a figure ("$2 billion", "US$5m", "£3bn").
CURRENCY_SIGNS: dict[str, str] = {"$": "usd", "\u00a3": "gbp", "\u20ac": "eur", "\u20bd": "rub",
                                  "\u20b4": "uah", "\u00a5": "jpy", "\u20b9": "inr", "\u20a6": "ngn",
                                  "\u20b1": "php", "\u20a9": "krw", "\u20ba": "try", "\u20aa": "ils",
                                  "\u09f3": "bdt"}
# Second word of a hyphenated compound ("three-year-old", "four-month-long", "150-km")
# that names a unit; the compound's remaining words ("-old", "-long") are swallowed.
COMPOUND_UNITS: dict[str, str] = {
    "year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours",
    "minute": "minutes", "second": "seconds", "decade": "years", "mile": "km",
    "kilometer": "km", "kilometre": "km", "km": "km", "metre": "m", "meter": "m",
    "fold": "ratio", "ton": "tonnes", "tonne": "tonnes",
}
# Compound endings that add nothing to the value: "an 11,000-strong force".
COMPOUND_NEUTRAL: frozenset[str] = frozenset({"strong", "man", "member", "person", "people",
                                              "soldier", "troop", "vehicle", "page",
                                              "point", "seat", "bed", "nation", "country"})
# Rates after a unit: "30 square kilometers per day" -> "km2/day".
RATE_PHRASES: dict[tuple[str, ...], str] = {
    ("per", "day"): "day", ("a", "day"): "day", ("each", "day"): "day",
    ("every", "day"): "day", ("daily",): "day", ("per", "week"): "week",
    ("a", "week"): "week", ("per", "month"): "month", ("a", "month"): "month",
    ("per", "year"): "year", ("a", "year"): "year", ("per", "hour"): "hour",
    ("an", "hour"): "hour",
}
# Multipliers: "tenfold", "ten-fold", "three times (as many)", "twice as".
FOLD_WORDS: dict[str, int] = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6,
    "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100,
    "thousandfold": 1000, "twentyfold": 20,
}

# --- things that look like numbers but are not figures ------------------------------------

MONTHS: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
})
WEEKDAYS: frozenset[str] = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
# Words after a bare "one" that make it a pronoun or an idiom ("one of the", "one day",
# "one another", "one can"), not a count; "one soldier", "one person" stay counts.
ONE_PRONOUN_NEXT: frozenset[str] = frozenset({
    "of", "another", "day", "way", "side", "hand", "thing", "point", "time", "who", "that",
    "which", "is", "was", "has", "had", "would", "will", "can", "could", "should", "might",
    "must", "may", "does", "did", "need", "needs", "and", "or", "but", "in", "on", "at",
    "to", "for", "by", "with", "from", "after", "more", "less", "ever", "too", "such",
    "again", "so", "as", "else", "the", "a", "an", "morning", "night", "evening",
    "afternoon", "occasion", "here", "there", "go",
})
ONE_PRONOUN_PREVIOUS: frozenset[str] = frozenset({
    "no", "the", "any", "every", "each", "some", "this", "that", "which", "someone",
    "anyone", "another", "little", "big", "new", "old", "good", "bad", "last", "first",
    "right", "wrong", "same", "other", "loved", "such", "a",
})
# Time-of-day markers after a figure ("5 p.m.", "10 GMT").
CLOCK_WORDS: frozenset[str] = frozenset({"am", "pm", "a.m", "p.m", "gmt", "utc", "cet",
                                         "bst", "est", "edt", "hrs", "h"})
ORDINAL_SUFFIXES: frozenset[str] = frozenset({"st", "nd", "rd", "th"})
# Plural nouns of counted people. A bare number right before one is a count even where
# it would otherwise read as a year ("sent 2000 troops") or as part of a name after a
# capitalised word ("In Kharkiv 5 people died"); product names ("Leopard 2 tanks") are
# followed by equipment, not people, so they keep their reading.
PEOPLE_COUNT_NOUNS: frozenset[str] = frozenset({
    "people", "persons", "civilians", "soldiers", "troops", "servicemen", "servicemembers",
    "fighters", "residents", "children", "refugees", "men", "women", "officers", "prisoners",
    "casualties", "sailors", "marines", "mercenaries", "conscripts", "recruits", "reservists",
    "migrants", "hostages", "detainees", "evacuees", "paratroopers", "militants", "deaths",
    "personnel", "inhabitants", "citizens", "victims", "wounded", "dead",
})
# What a player or a candidate is credited with: after a name, "Sheffield 19 points" and
# "Osaro 3 goals" are counts (a box score), not numbered names like "Nord Stream 2".
STAT_COUNT_NOUNS: frozenset[str] = frozenset({
    "points", "goals", "assists", "steals", "saves", "rebounds", "blocks", "yards",
    "touchdowns", "tackles", "sacks", "runs", "hits", "wickets", "strikeouts", "aces",
    "birdies", "laps", "votes", "seats", "medals", "goal", "assist", "save", "point",
})
# Plural nouns of weapons: with the people nouns, what makes "1500 tanks" a count.
WEAPON_COUNT_NOUNS: frozenset[str] = frozenset({
    "tanks", "missiles", "drones", "rockets", "shells", "warheads", "jets", "helicopters",
    "howitzers", "guns", "launchers", "vehicles", "aircraft", "planes", "bombs", "rounds",
})
# Words a year follows ("in 2014 troops entered"): after them a year stays a year.
YEAR_BEFORE: frozenset[str] = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "of", "to",
    "through", "between", "and", "or", "around", "circa", "early", "late", "mid", "year",
})
# Captions of a picture gallery ("Image 2 of 3"): page furniture, never a figure.
GALLERY_WORDS: frozenset[str] = frozenset({"image", "photo", "picture", "slide", "page",
                                           "video", "item", "gallery"})
# Casualty verbs whose object "one" is a count ("killing one and wounding two"), where
# the next word would otherwise make "one" a pronoun.
CASUALTY_VERB_FORMS: frozenset[str] = frozenset({
    "killing", "killed", "kills", "wounding", "wounded", "wounds", "injuring", "injured",
    "injures", "capturing", "captured", "captures", "executing", "executed",
})
