"""The learned credit model (extract/credit_model.py): its options, its features, the
shipped weights, and what it changes over the rules. Sentences are written for the tests;
none is taken from the dev or test sets."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from claimtrail.extract import credit_model, extract_claims, load_nlp
from claimtrail.extract.pipeline import run
from claimtrail.models import Document, Source


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def rules_alone() -> Iterator[None]:
    credit_model.settings.model = None
    try:
        yield
    finally:
        credit_model.settings.model = "shipped"


def sources(nlp: Language, text: str) -> dict[str, str | None]:
    return {c.quote or "": c.source.name if c.source else None
            for c in extract_claims(Document(id="t.txt", text=text), nlp)}


NOTE = ("Landslide, Sindhupalchok district, Nepal; 9 Aug 2026. NDRRMA figures: 17 dead, "
        "21 injured; 140 houses buried; 600 residents evacuated.")


def test_the_model_carries_a_label_into_the_later_parts_of_its_sentence(nlp: Language) -> None:
    got = sources(nlp, NOTE)
    assert got["140"] == got["600"] == got["17"] == "NDRRMA figures"


def test_without_the_model_the_rules_credit_only_the_labelled_part(nlp: Language,
                                                                   rules_alone: None) -> None:
    got = sources(nlp, NOTE)
    assert got["17"] == "NDRRMA figures"
    assert got["140"] is None and got["600"] is None


def test_the_model_does_not_credit_a_new_uncredited_sentence(nlp: Language) -> None:
    got = sources(nlp, "Officials said 12 people died in the blaze. Another 5 were missing.")
    assert got["12"] == "Officials"
    assert got["5"] is None


def test_the_rules_credit_is_never_overridden(nlp: Language) -> None:
    text = ("According to the disaster ministry, 31 people died in Sylhet. The figure includes "
            "9 children.")
    assert sources(nlp, text)["9"] == "disaster ministry"


def test_gather_merges_one_source_found_several_ways() -> None:
    ministry = Source("Health Ministry", mention="the ministry", type="org")
    given = [credit_model.Given(0, 0, ministry, "verb", figure=True),
             credit_model.Given(1, 0, Source("Red Cross", type="org"), "according", figure=True),
             credit_model.Given(1, 0, Source("Red Cross", type="org"), "according", figure=True),
             credit_model.Given(2, 1, ministry, "indexed", figure=False)]
    options = {o.source.name: o for o in credit_model.gather(given, 3, 1, subject=ministry,
                                                             actor=("subject", "recover"))}
    assert set(options) == {"Health Ministry", "Red Cross"}
    health = options["Health Ministry"]
    assert health.origins == {"indexed", "subject"}
    assert (health.sentence_distance, health.paragraph_distance, health.credited) == (0, 0, 1)
    red_cross = options["Red Cross"]
    assert red_cross.origins == {"previous_figure", "most_credited"}
    assert (red_cross.sentence_distance, red_cross.credited, red_cross.cue) == (2, 2, "according")
    assert red_cross.interrupted          # the ministry was credited after it


def test_features_name_origin_distance_and_actor() -> None:
    option = credit_model.Option(Source("AFAD figures", type="org"), origins={"same_sentence"},
                                 sentence_distance=0, paragraph_distance=0, credited=2,
                                 cue="label", actor="agent", verb="evacuate")
    context = credit_model.Context(sentence_index=1, paragraph=0, sentences=4, paragraphs=1,
                                   kind="killed", quoted=False, anaphoric=False,
                                   first_person=False, names_in_sentence=0, sourced_figures=2,
                                   uncredited_figures=1)
    f = credit_model.features(option, context)
    for name in ("from:same_sentence", "sentences_back:0", "cue:label", "names_a_report",
                 "acronym", "actor:agent", "actor_verb:evacuate", "war_kind", "short_document",
                 "same_sentence*same_paragraph", "only_source"):
        assert f[name] == 1.0, name
    assert f["uncredited_share"] == pytest.approx(1 / 3)


def test_the_shipped_model_records_how_it_was_trained_and_held_out() -> None:
    model = credit_model.shipped_model()
    assert model is not None and 0.5 <= model.threshold < 1
    assert "weights" not in model.meta and model.meta["examples"] > 500
    assert not any("test" in name for name in model.meta["trained_on"])
    held = model.meta["held_out_pooled_strict_f1"]
    assert held["model"] > held["rules"]


def test_choose_takes_the_best_option_only_past_the_threshold() -> None:
    model = credit_model.CreditModel({"bias": -1.0, "from:header": 3.0}, 0.8, {})
    context = credit_model.Context(0, 0, 3, 1, "killed", False, False, False, 0, 0, 0)
    header = credit_model.Option(Source("NDMA"), origins={"header"})
    other = credit_model.Option(Source("Someone"), origins={"indexed"})
    assert model.choose([other, header], context)[0] is header      # p = 0.88
    strict = credit_model.CreditModel({"bias": -1.0, "from:header": 2.0}, 0.8, {})
    assert strict.choose([other, header], context)[0] is None        # p = 0.73


def test_a_trace_lists_each_uncredited_figure_with_its_options(nlp: Language) -> None:
    credit_model.settings.trace = True
    try:
        result = next(iter(run([Document(id="t.txt", text=NOTE)], nlp)))
    finally:
        credit_model.settings.trace = False
    assert result.credit_trace is not None
    spans = {NOTE[t["span"][0]:t["span"][1]] for t in result.credit_trace}
    assert {"140", "600"} <= spans and "17" not in spans
    one = next(t for t in result.credit_trace if NOTE[t["span"][0]:t["span"][1]] == "140")
    assert any(o["source"]["name"] == "NDRRMA figures" and o["features"]["from:same_sentence"]
               for o in one["options"])
