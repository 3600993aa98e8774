"""Source canonicalisation: alias table, acronyms, person names, definite descriptions."""
from __future__ import annotations

from claimtrail.extract.lexicon import normalise_name, source_aliases
from claimtrail.extract.sources import SourceBook
from claimtrail.models import Source

SEED_001 = ("According to Ukraine’s military intelligence agency, known by its acronym GUR, "
            "approximately 30 North Korean soldiers were either killed or wounded.")


def test_alias_table_maps_the_press_names_of_one_body_together() -> None:
    book = SourceBook.for_text("")
    names = {book.canonical(m).name for m in (
        "British defense ministry", "the British defence ministry", "UK Ministry of Defence", "MoD")}
    assert names == {"UK Ministry of Defence"}
    assert book.canonical("Pentagon").name == "US Department of Defense"
    # a longer press variant ending in a known name
    assert book.canonical("the Washington-based Institute for the Study of War").name == \
        "Institute for the Study of War"


def test_acronym_defined_in_the_text_joins_the_long_form() -> None:
    book = SourceBook.for_text(SEED_001)
    assert book.acronyms == {"GUR": "Ukraine’s military intelligence agency"}
    a = book.canonical("GUR")
    b = book.canonical("Ukraine’s military intelligence agency")
    assert a.name == b.name
    assert b.mention == "Ukraine’s military intelligence agency"


def test_parenthesised_acronym_of_an_unknown_body() -> None:
    text = "The Kyiv Independent Monitoring Group (KIMG) said 40 drones were shot down."
    book = SourceBook.for_text(text)
    assert book.acronyms["KIMG"] == "Kyiv Independent Monitoring Group"
    assert book.canonical("KIMG").name == book.canonical("Kyiv Independent Monitoring Group").name


def test_person_names_take_their_fullest_form_without_titles() -> None:
    text = ("According to Ukrainian President Volodymyr Zelenskyy, troops suffered casualties. "
            "Russia, Kahl said, has had casualties. Colin Kahl is the under secretary.")
    book = SourceBook.for_text(text)
    assert book.canonical("Zelenskyy").name == "Volodymyr Zelenskyy"
    assert book.canonical("Ukrainian President Volodymyr Zelenskyy").name == "Volodymyr Zelenskyy"
    assert book.canonical("Kahl").name == "Colin Kahl"


def test_descriptions_and_states_are_not_person_names() -> None:
    text = "Soviet Ukraine was a republic. Ukraine's health minister said 198 civilians died."
    book = SourceBook.for_text(text)
    assert book.canonical("Ukraine").name == "Ukraine"
    assert book.canonical("Ukraine").type == "gpe"
    assert book.canonical("Ukraine's health minister").name == "Ukraine's health minister"
    assert book.canonical("Federation of American Scientists").name == "Federation of American Scientists"


def test_definite_description_resolves_to_the_body_named_before() -> None:
    book = SourceBook.for_text("The British defense ministry reports losses. The ministry indicates more.")
    book.remember(book.canonical("British defense ministry"))
    resolved = book.canonical("the ministry")
    assert resolved.name == "UK Ministry of Defence"
    assert resolved.mention == "ministry"


def test_two_coordinated_names_are_one_credit() -> None:
    book = SourceBook.for_text("Washington and Kyiv announced the figure.")
    source = book.canonical("Washington and Kyiv")
    assert source == Source("Washington and Kyiv", mention="Washington and Kyiv", type="gpe")


def test_normalisation_ignores_case_apostrophes_and_spelling() -> None:
    assert normalise_name("The UK’s Defense Ministry") == normalise_name("UK's defence ministry")
    assert all(k == normalise_name(k) for k in source_aliases())


def test_one_spelling_for_a_source_the_table_does_not_know() -> None:
    from claimtrail.extract.sources import SourceNames, tidy_name

    # ukraine-news 20230216T153000Z_US_en_1ca51e9b80.txt credits "U.K. officials"
    assert tidy_name("U.K. officials") == "UK officials"
    assert tidy_name("Zelensky’s  office") == "Zelensky's office"
    names = SourceNames()
    first = Source("U.K. officials", mention="U.K. officials", via="Ukrainian updates")
    later = Source("UK Officials", mention="UK Officials")
    names.apply(first)
    names.apply(later)
    assert (first.name, later.name) == ("UK officials", "UK officials")
    assert later.mention == "UK Officials"          # the words of the text stay
    assert first.via == "Ukrainian updates"
    assert names.name("Ukrainian Updates") == "Ukrainian updates"
    assert names.name("Ukrainian officials") == "Ukrainian officials"   # another key


def test_a_definite_description_with_a_modifier_needs_the_same_body() -> None:
    # ukraine-news 20230603T133000Z_UA_en_4e50b22d80.txt: the Russian government is credited first,
    # then "the Ukrainian government estimated that more than 19,000 children ..."
    book = SourceBook.for_text("")
    book.remember(Source("Russian government", mention="Russian government", type="org"))
    assert book.canonical("Ukrainian government").name == "Ukrainian government"
    assert book.canonical("the government").name == "Russian government"
    assert book.canonical("Russian government").name == "Russian government"


def test_a_body_named_with_a_preposition_is_not_a_person() -> None:
    # html-bench aeb: "The National Institute on Drug Abuse has also estimated that ..."
    book = SourceBook.for_text("")
    source = book.canonical("National Institute on Drug Abuse")
    assert (source.name, source.type) == ("National Institute on Drug Abuse", "org")
    # a title with a preposition before a person's name still gives the person
    assert book.canonical("Minister of Defence Oleksii Reznikov").name == "Oleksii Reznikov"
