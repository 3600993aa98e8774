"""The indexed matcher given to the attribute ruler (extract/nlp.py) sets exactly what
spaCy's own Matcher sets: part of speech, tag, morphology and lemma of every token, on
real text (the seeds and a slice of ukraine-news)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimtrail.extract import load_nlp
from claimtrail.extract.nlp import _IndexedPatterns, _set_merged, index_attribute_ruler

from conftest import CORPUS


def _paragraphs() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "ukraine-news").glob("*.txt"))[::6]
    return [p[:1500] for f in files for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def _annotations(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc]


def test_the_indexed_matcher_sets_what_spacys_matcher_sets() -> None:
    nlp: Language = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, _IndexedPatterns)      # load_nlp installed it
    parsed = list(nlp.pipe(_paragraphs(), disable=["attribute_ruler", "lemmatizer"]))
    assert sum(len(d) for d in parsed) > 20_000
    cls = type(ruler)
    for doc in parsed:
        ours, theirs = (Doc(nlp.vocab).from_bytes(doc.to_bytes()) for _ in range(2))
        ruler(ours)
        cls.set_annotations(ruler, theirs, cls.match(ruler, theirs))   # spaCy's own path
        assert _annotations(ours) == _annotations(theirs), doc.text[:80]


def test_installing_twice_keeps_one_matcher() -> None:
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    before = ruler.match
    index_attribute_ruler(nlp)
    assert ruler.match is before and callable(_set_merged(ruler))


def test_leaving_the_string_table_unread_changes_no_annotation_or_vector() -> None:
    from claimtrail import config
    from claimtrail.extract.nlp import _candidates, split_glued_words

    ours = load_nlp()
    assert len(ours.vocab.strings) < 100_000                 # the table was not read
    full = _load_whole(_candidates(config.SPACY_MODEL))
    split_glued_words(full)
    assert len(full.vocab.strings) > 500_000                  # here it was
    texts = _paragraphs()[:400]

    def seen(nlp: Language) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for doc in nlp.pipe(texts):
            rows = doc.vocab.vectors.find(keys=doc.to_array("ORTH").astype("uint64"))
            out += [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.norm_, t.is_stop,
                     str(t.morph), int(row)) for t, row in zip(doc, rows, strict=True)]
        return out

    got, want = seen(ours), seen(full)
    assert len(got) > 10_000
    assert got == want


def _load_whole(candidates: list[str]) -> Language:
    """The pipeline as spaCy loads it by default (string table included)."""
    import spacy

    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=["ner"])
        except (OSError, ImportError, ValueError):
            continue
    raise AssertionError(f"no pipeline among {candidates}")


def test_the_lemma_memo_sets_what_spacys_lemmatizer_sets() -> None:
    from claimtrail.extract.nlp import _MemoLemmatizer

    nlp = load_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, _MemoLemmatizer)                # load_nlp installed it
    spacys = type(lemmatizer).__mro__[2].__call__                 # spaCy's own class
    parsed = list(nlp.pipe(_paragraphs()[:600], disable=["lemmatizer"]))
    assert sum(len(d) for d in parsed) > 20_000
    for doc in parsed:
        ours, theirs = (Doc(nlp.vocab).from_bytes(doc.to_bytes()) for _ in range(2))
        lemmatizer(ours)
        spacys(lemmatizer, theirs)
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs], doc.text[:80]
