"""What the number grammar must NOT return: years, dates, clock times, ordinals, names
and identifiers, pronoun "one". Sentences quoted from the corpus and the seeds unless
marked constructed."""
from __future__ import annotations

import pytest

from claimtrail.extract.numbers import find_quantities


def texts(sentence: str) -> list[str]:
    return [q.text for q in find_quantities(sentence)]


@pytest.mark.parametrize("sentence", [
    # years and decades
    ("North Korean troops are being deployed to an active battlefield for the first time since "
    "the 1950s."),
    "Medvedev, who served as president of Russia from 2008 to 2012, has struck a bellicose tone",
    ("Putin congratulated Trump on his election victory and praised his \u201ccourageous\u201d "
    "stance following the assassination attempt in July."),
    "around Ukraine and the Allied Resolve 2022 exercise.",
    # dates
    "the aggression started on 20 February 2014, which included the invasion",
    "recommended that planes avoid flying over the sea from 14 to 19 February",
    "aggression from Russia on February 16 or 17.",
    "on Jan. 5 and on 2024-01-05",                                    # constructed
    # clock times
    "Biden will hold a call with other world leaders at 11:00 a.m.",
    "1:02 Panic is our enemy's best friend, says Ukraine president \u2013 video",
    "In Brussels at 12.30 there will be an extraordinary summit",
    "at 5 p.m. and at 7am",                                            # constructed
    # ordinals, unit names, wars
    ("North Korean soldiers are being transported in civilian trucks to join the Russian 810th "
    "Marine Infantry Brigade fighting on the front line in Kursk."),
    "This was the first ground operation by a foreign power in Russia since World War II.",
    "the 3rd Army and the second wave",                                # constructed
    # weapons and other names with digits
    "perhaps amid promises that the US would soon supply it with enhanced F-16 fighters jets.",
    "providing vaccines to combat the Covid-19 pandemic.",
    "Su-25, Kh-101 and S-300 missiles, HIMARS M142, the G7",           # constructed
    "including the Nord Stream 2 gas pipeline.",
    "The S&P 500 typically fell",
    "or Cold War 2.0 \u2013 has gradually gained momentum",
    # identifiers and page furniture
    "31e80512-1d18-4651-912f-adbbcd0c5b4d",
    "call +1 (555) 123-4567 now",                                      # constructed
    "see https://example.com/2022/05/ukraine-5000-troops-v1.2.3 and 24/7 cover",  # constructed
    "0\n31e80512-1d18-4651-912f-adbbcd0c5b4d\n",
    "Route 3-0 north",                       # constructed: a code (a 3-0 win is two figures)
    # "one" the pronoun, "a" alone
    "According to the resolution, a free Ukraine is one of the guarantors of Poland's security.",
    "No one can think that they will be resistant to these sanctions",
    "One day it will be over, a day at a time.",                        # constructed
    "Putin told Macron that \u201che was the only one he could have such a deep",
])
def test_not_a_quantity(sentence: str) -> None:
    assert texts(sentence) == []


def test_figure_next_to_a_rejected_date_survives() -> None:
    sentence = ("On 20 March 2003, as bombs and missiles from the US-led coalition rained on "
                "Iraqi cities, 300 were killed")   # constructed tail
    assert texts(sentence) == ["300"]


def test_one_as_a_count_is_kept() -> None:
    # constructed: the count reading of "one"
    assert texts("One soldier was killed and one more was wounded") == ["One"]


def test_year_followed_by_a_unit_is_a_count() -> None:   # constructed
    assert texts("some 2000 km away") == ["some 2000 km"]


@pytest.mark.parametrize(("sentence", "expected"), [
    (("Zelensky told CNN\u2019s Chief International Anchor Christiane Amanpour in a one-on-one "
     "interview at the Munich Security Conference"), []),
    ("We [the Group of Seven] represent around half of the global economy.",
     ["around half of"]),
])
def test_number_words_inside_names_and_compounds(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_numbered_ordinance_and_doc_opening_name() -> None:
    sentence = ("which were passed by Union State Supreme State Council Ordinance No.6 \u201cOn "
                "the main directions of realization")
    assert texts(sentence) == []
    assert texts("No. 10 Downing Street") == []                      # constructed
    assert texts("Leopard 2 tanks arrived") == []                    # constructed


@pytest.mark.parametrize("sentence", [
    "4) Blade Runner The Final Cut (4K Ultra HD + Blu-Ray)",
    "Apple Watch Series 4 (GPS) requires an iPhone 5s or later with iOS 12 or late",
])
def test_list_markers_and_camel_case_names(sentence: str) -> None:
    assert [t for t in texts(sentence) if t != "4K"] == []


def test_reference_numbers_and_capitalised_compound_names() -> None:
    sentence = ("One small, 2-month study showed that eating one large meal per day increased "
                "levels of blood sugar and the hunger-stimulating hormone ghrelin to a greater "
                "extent than eating three meals per day (4).")
    assert texts(sentence) == ["One", "2-month", "one", "three"]
    sentence = ("Israel seized control of the territories, seen as pivotal parts of any future "
                "Palestinian state, in the 1967 Six-Day War.")
    assert texts(sentence) == []
