"""Clause-level kind, one named victim, partitives, measures and credits at the end of a
wire-copy sentence; and incident totals (extract/tolls.py). Sentences are written for the
tests in the shape of wire copy; none is taken from the dev or test sets."""
from __future__ import annotations

import pytest
from spacy.language import Language

from claimtrail.extract import extract_claims, load_nlp
from claimtrail.extract.tolls import group_of, incident_total
from claimtrail.models import Claim, Document, Source, Value


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def kinds(nlp: Language, text: str) -> dict[str, str]:
    return {c.quote or "": c.kind for c in extract_claims(Document(id="t.txt", text=text), nlp)}


def found(nlp: Language, text: str) -> list[Claim]:
    return extract_claims(Document(id="t.txt", text=text), nlp)


@pytest.mark.parametrize(("text", "expected"), [
    ("Five guards were killed and 12 became injured in the raid.", {"Five": "killed", "12": "wounded"}),
    ("The explosion killed at least 4 and injured 19.", {"at least 4": "killed", "19": "wounded"}),
    ("Eight miners were missing and 30 were hurt after the collapse.",
     {"Eight": "missing", "30": "wounded"}),
    ("Nine villagers were burned to death and four others were injured.",
     {"Nine": "killed", "four": "wounded"}),
])
def test_each_conjunct_takes_the_kind_of_its_own_verb(nlp: Language, text: str,
                                                      expected: dict[str, str]) -> None:
    got = kinds(nlp, text)
    assert {q: got.get(q) for q in expected} == expected


@pytest.mark.parametrize(("text", "quote", "kind"), [
    ("Gunmen kidnapped 23 passengers from a bus on Friday.", "23", "captured"),
    ("Police arrested 40 protesters outside parliament.", "40", "captured"),
    ("About 70 workers were treated for smoke inhalation.", "About 70", "wounded"),
    ("At least 9 people were stabbed to death in the market.", "At least 9", "killed"),
    ("Some 15 people remain unaccounted for after the flood.", "Some 15", "missing"),
    ("The death toll from the crash climbed to 27 on Monday.", "27", "killed"),
    ("The blast left 33 wounded.", "33", "wounded"),
    ("Rescuers pulled 14 bodies from the rubble.", "14", "killed"),
])
def test_the_clause_decides_the_kind(nlp: Language, text: str, quote: str, kind: str) -> None:
    assert kinds(nlp, text).get(quote) == kind


def test_the_counted_noun_is_not_overruled_for_weapons(nlp: Language) -> None:
    got = kinds(nlp, "Troops destroyed 45 armoured vehicles and killed 12 fighters.")
    assert got.get("45") == "weapons" and got.get("12") == "killed"


@pytest.mark.parametrize(("text", "kind"), [
    ("A shepherd was shot dead near the border on Tuesday.", "killed"),
    ("A teacher was wounded when the shell hit the school.", "wounded"),
    ("A journalist covering the protest was detained by police.", "captured"),
])
def test_one_victim_named_by_an_article(nlp: Language, text: str, kind: str) -> None:
    claims = found(nlp, text)
    assert [(c.value.low, c.kind) for c in claims] == [(1, kind)]


def test_an_article_is_no_figure_without_harm(nlp: Language) -> None:
    assert found(nlp, "A spokesman said the talks would resume.") == []


def test_a_partitive_takes_the_kind_of_the_figure_it_divides(nlp: Language) -> None:
    got = kinds(nlp, "Eleven people were wounded in the attack, three of them seriously.")
    assert got.get("Eleven") == "wounded" and got.get("three") == "wounded"


def test_measures_are_kind_other_with_their_printed_unit(nlp: Language) -> None:
    text = ("The ship carried 25,000 tonnes of wheat to a port 80 miles from the front, and the "
            "government pledged €15 million in repairs.")
    by_quote = {c.quote: c for c in found(nlp, text)}
    assert (by_quote["25,000 tonnes"].kind, by_quote["25,000 tonnes"].unit) == ("other", "tonnes")
    miles = by_quote["80 miles"]
    assert (miles.kind, miles.unit, miles.value.low) == ("other", "miles", 80)
    money = by_quote["€15 million"]
    assert (money.kind, money.unit, money.value.low) == ("other", "eur", 15_000_000)


def test_durations_and_ages_stay_out(nlp: Language) -> None:
    assert found(nlp, "The siege lasted 14 hours and a man aged 70 was freed.") == []


def test_credit_at_the_end_of_a_wire_sentence(nlp: Language) -> None:
    text = "A landslide buried a village on Sunday, killing at least 16 people, rescue officials said."
    claim = next(c for c in found(nlp, text) if c.quote == "at least 16")
    assert claim.kind == "killed"
    assert claim.source is not None and claim.source.name == "rescue officials"


# --- incident totals --------------------------------------------------------------------

def claim(quote: str, low: float, kind: str, sentence: str, start: int, subject: str | None = None,
          sentence_start: int = 0) -> Claim:
    at = sentence.index(quote)
    return Claim(doc="d", sentence=sentence, value=Value(low, low, "exact"), unit="people",
                 kind=kind, subject=subject, source=None, span=(sentence_start + at,
                                                                 sentence_start + at + len(quote)),
                 sentence_span=(sentence_start, sentence_start + len(sentence)), quote=quote)


def test_total_takes_the_revised_toll() -> None:
    first = "The bombing killed 12 people, police said."
    later = "By evening officials had raised the death toll to 19."
    claims = [claim("12", 12, "killed", first, 0, "people"),
              claim("19", 19, "killed", later, 0, None, sentence_start=len(first) + 1)]
    total = incident_total(claims, "killed")
    assert (total.value, total.derived) == (19, False)


def credited(c: Claim, name: str, qualifier: str = "exact") -> Claim:
    c.source = Source(name=name)
    c.value = Value(c.value.low, None if qualifier == "at_least" else c.value.high, qualifier)
    return c


def test_a_later_figure_of_another_source_is_a_disagreement_not_an_update() -> None:
    lead = "Shelling killed 26 people, according to the health ministry; elders put the death toll at 34."
    claims = [credited(claim("26", 26, "killed", lead, 0, "people"), "health ministry"),
              credited(claim("34", 34, "killed", lead, 0, None), "elders")]
    assert incident_total(claims, "killed").value == 26


def test_an_earlier_value_is_not_the_total() -> None:
    lead = "The confirmed toll stands at 1,012, revised down from 1,150 after duplicates were removed."
    claims = [claim("1,012", 1012, "killed", lead, 0, None), claim("1,150", 1150, "killed", lead, 0, None)]
    assert incident_total(claims, "killed").value == 1012
    lead = "At least 26 men were killed, police said, raising an earlier toll of 18."
    claims = [credited(claim("26", 26, "killed", lead, 0, "men"), "police", "at_least"),
              credited(claim("18", 18, "killed", lead, 0, None), "police")]
    assert incident_total(claims, "killed").value == 26


def test_a_precise_figure_refines_an_open_one() -> None:
    lead = "More than 60 workers were taken to hospital, the health office said."
    later = "Officials said 63 people had been admitted."
    claims = [credited(claim("60", 60, "wounded", lead, 0, "workers"), "health office", "at_least"),
              credited(claim("63", 63, "wounded", later, 0, "people", sentence_start=len(lead) + 1),
                       "Officials")]
    assert incident_total(claims, "wounded").value == 63


def test_a_breakdown_in_brackets_and_a_follow_up_operation_are_not_added() -> None:
    lead = "Monitors: 16 killed (9 tribal fighters, 4 guards and a woman)."
    later = "The army said 11 attackers were killed in a follow-up operation the next day."
    claims = [claim("16", 16, "killed", lead, 0, None), claim("9", 9, "killed", lead, 0, "tribal fighters"),
              claim("4", 4, "killed", lead, 0, "guards"),
              claim("11", 11, "killed", later, 0, "attackers", sentence_start=len(lead) + 1)]
    assert incident_total(claims, "killed").value == 16


def test_total_sets_background_and_parts_aside() -> None:
    lead = "The strike killed 9 civilians, including 4 children."
    back = "The conflict has killed more than 3,000 people since 2019."
    claims = [claim("9", 9, "killed", lead, 0, "civilians"),
              claim("4", 4, "killed", lead, 0, "children"),
              claim("3,000", 3000, "killed", back, 0, "people", sentence_start=len(lead) + 1)]
    assert incident_total(claims, "killed").value == 9


def test_total_adds_attackers_and_forces_to_victims_as_a_derived_sum() -> None:
    lead = "Militants stormed a checkpoint, killing 6 soldiers."
    more = "Troops said 3 attackers were killed."
    claims = [claim("6", 6, "killed", lead, 0, "soldiers"),
              claim("3", 3, "killed", more, 0, "attackers", sentence_start=len(lead) + 1)]
    total = incident_total(claims, "killed")
    assert (total.value, total.derived) == (9, True)


def test_total_is_none_without_claims_of_the_kind() -> None:
    lead = "The fire injured 5 people."
    assert incident_total([claim("5", 5, "wounded", lead, 0, "people")], "killed").value is None


@pytest.mark.parametrize(("subject", "group"), [
    ("gunmen", "attackers"), ("suspected militants", "attackers"), ("police officers", "forces"),
    ("soldiers", "forces"), ("civilians", "victims"), (None, "victims"),
])
def test_groups_of_the_dead(subject: str | None, group: str) -> None:
    assert group_of(subject) == group


def test_a_title_alone_resolves_to_the_person_the_text_names_with_it() -> None:
    from claimtrail.extract.sources import SourceBook
    text = ("Floods killed 30 people, the provincial governor said. Provincial governor Maria "
            "Santos Ruiz later asked for help. The ministry declined to comment.")
    book = SourceBook.for_text(text)
    assert book.canonical("the provincial governor").name == "Maria Santos Ruiz"
    assert book.canonical("governor").name == "Maria Santos Ruiz"
    # no person named with the title: the words stay
    assert book.canonical("the mayor").name == "mayor"


@pytest.mark.parametrize(("text", "expected"), [
    ("A roadside bomb hit a patrol. Three soldiers KIA, five WIA.", {"Three": "killed", "five": "wounded"}),
    ("Fatalities: 9. Injuries: 21.", {"9": "killed", "21": "wounded"}),
    ("Death toll: 17.", {"17": "killed"}),
])
def test_terse_notes_name_the_kind_by_label_or_abbreviation(nlp: Language, text: str,
                                                            expected: dict[str, str]) -> None:
    got = kinds(nlp, text)
    assert {q: got.get(q) for q in expected} == expected


def test_a_label_that_is_no_casualty_word_gives_no_casualty(nlp: Language) -> None:
    assert kinds(nlp, "Population: 45,000.") == {"45,000": "other"}


def test_a_breakdown_after_a_dash_takes_the_kind_of_its_whole(nlp: Language) -> None:
    text = "Police detained 120 protesters: 80 students, 25 workers and 15 pensioners."
    assert kinds(nlp, text) == {"120": "captured", "80": "captured", "25": "captured",
                                "15": "captured"}


def test_a_figure_of_another_clause_is_no_breakdown(nlp: Language) -> None:
    got = kinds(nlp, "Gunmen killed 12 people, and 30 houses were burned.")
    assert got == {"12": "killed", "30": "other"}


def test_one_named_victim_inside_a_toll_is_a_part_of_its_kind(nlp: Language) -> None:
    claims = found(nlp, "Shelling killed 7 villagers, including a nurse, officials said.")
    assert [(c.quote, c.kind, c.value.low) for c in claims] == [("7", "killed", 7), ("a", "killed", 1)]


def test_one_named_person_inside_a_count_that_is_no_toll_is_no_claim(nlp: Language) -> None:
    assert [c.quote for c in found(nlp, "The firm hired 30 staff, including a manager.")] == ["30"]


def test_a_speech_introduced_with_a_colon_credits_the_paragraphs_after_it(nlp: Language) -> None:
    text = ("The regional governor Anna Kovac said in a televised address:\n\nOur services evacuated "
            "1,200 residents overnight. Rescuers found 4 bodies.\n\nSeparately, the weather "
            "service said 30 mm of rain fell.")
    by_quote = {c.quote: c for c in found(nlp, text)}
    assert by_quote["1,200"].source is not None and by_quote["1,200"].source.name == "Anna Kovac"
    assert by_quote["4"].source is not None and by_quote["4"].source.name == "Anna Kovac"
    assert by_quote["30 mm"].source is not None and by_quote["30 mm"].source.name == "weather service"


@pytest.mark.parametrize(("text", "expected"), [
    ("Some 40 bandits on motorcycles attacked the market.", {"Some 40": "personnel"}),
    ("About 25 raiders stormed the depot before dawn.", {"About 25": "personnel"}),
    ("Soldiers killed 12 attackers near the border.", {"12": "killed"}),
    ("Five gunmen were arrested.", {"Five": "captured"}),
])
def test_a_count_of_armed_attackers_is_a_force_unless_a_casualty_verb_counts_it(
        nlp: Language, text: str, expected: dict[str, str]) -> None:
    got = kinds(nlp, text)
    assert {q: got.get(q) for q in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia has sent more than 10 battalion tactical groups to the border.",
     {"more than 10": "personnel"}),
    ("Moscow deployed 40 military units to the region.", {"40": "personnel"}),
    ("The charity sent 12 medical teams.", {"12": "other"}),
])
def test_a_formation_named_by_a_military_word_is_a_force(
        nlp: Language, text: str, expected: dict[str, str]) -> None:
    got = kinds(nlp, text)
    assert {q: got.get(q) for q in expected} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Armed bandits numbering over 100 raided the village.", {"over 100": "personnel"}),
    ("The assailants, estimated at around 60 on motorcycles, attacked the post.",
     {"around 60": "personnel"}),
    ("Residents numbering about 5,000 fled the area.", {"about 5,000": "other"}),
])
def test_a_size_given_by_a_participle_counts_the_noun_it_hangs_on(
        nlp: Language, text: str, expected: dict[str, str]) -> None:
    got = kinds(nlp, text)
    assert {q: got.get(q) for q in expected} == expected


def test_a_count_of_police_and_soldiers_is_a_force(nlp: Language) -> None:
    assert kinds(nlp, "About 900 police and soldiers regained control after six hours.") == \
        {"About 900": "personnel"}
