"""Named entities for stories from the tokenizer alone: runs of capitalised words.

Story similarity needs the names a report is about (people, places, bodies, events),
not their types, so a second neural pass over every document (en_core_web_md's entity
recogniser, measured at 17 s of CPU for the 406 ukraine-news documents, more than the
whole claim extraction) is replaced by what English spelling already marks: a name is
a run of capitalised words ("Ministry of Defence", "Volodymyr Zelensky", "NATO").

* A capitalised word that opens a sentence counts only when the document also writes it
  capitalised elsewhere ("Officials said" is no name; "Ukraine said" is, since Ukraine
  recurs mid-sentence).
* Function words, months and weekdays are not names ("The", "On Monday").
* Person titles split a run and are dropped: "Ukrainian President Volodymyr Zelensky"
  gives "ukrainian" and "volodymyr zelensky", as the entity recogniser did.
* A headline is capitalised word by word, so it only adds weight to names its body has.

Measured on ukraine-news: the stories agree with those of the entity recogniser (see
docs/stories.md for the figures) at a small fraction of the cost.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Titles that precede a person's name; dropped, and they end the name before them.
_PERSON_TITLES = {"mr", "mrs", "ms", "dr", "president", "minister", "secretary", "general",
                  "gen", "chancellor", "king", "queen", "prince", "pope", "governor", "mayor",
                  "senator", "sen", "spokesman", "spokeswoman", "spokesperson", "commander",
                  "colonel", "col", "lt", "lieutenant", "sgt", "sergeant", "admiral",
                  "ambassador", "premier", "chairman", "director", "envoy", "adviser",
                  "advisor", "chief", "head", "leader", "rep", "representative", "sir"}
# Words that form a title together with one of the above ("Defence Minister").
_TITLE_MODIFIERS = {"prime", "foreign", "defence", "defense", "deputy", "vice", "former",
                    "acting", "interior", "state", "first", "lieutenant", "major", "army",
                    "military", "presidential", "press", "security", "national"}
# Lower-case words allowed inside a name: "Ministry of Defence", "Bosnia and Herzegovina".
_JOINERS = {"of", "de", "al", "von", "van", "bin", "la", "du", "del"}
_SENTENCE_END = {".", "!", "?", "…", ":", ";"}
_OPENERS = {'"', "“", "‘", "'", "(", "[", "«", "-", "—", "–", "•", "*"}
# letters (any script), inner apostrophes and hyphens; or initials ("U.S.")
_NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*[^\W\d_]$|^(?:[^\W\d_]\.){2,}$")
_POSSESSIVE = re.compile(r"['’]s$")


def find_names(doc: Any, title: Any = None) -> dict[str, int]:
    """{normalised name: occurrences} in the spaCy ``doc`` (tokenized, nothing else
    needed), plus one more for each of them its ``title`` (a tokenized headline) names."""
    tokens = list(doc)
    starts = _sentence_starts(tokens)
    # whether each token is a name word, worked out once per distinct spelling (it
    # depends on the spelling alone: its letters, its lower case, the stop-word flag)
    by_text: dict[str, bool] = {}
    name_word: list[bool] = []
    for t in tokens:
        text = t.text
        known = by_text.get(text)
        if known is None:
            known = by_text[text] = _is_name_word(t)
        name_word.append(known)
    mid_sentence = {t.text for i, t in enumerate(tokens) if i not in starts and name_word[i]}
    found: Counter[str] = Counter()
    run: list[Any] = []
    for i, tok in enumerate(tokens):
        name_like = name_word[i] and (i not in starts or tok.text in mid_sentence
                                      or tok.text.isupper())
        if name_like:
            run.append(tok)
            continue
        if run and tok.lower_ in _JOINERS and not tok.whitespace_ == "" and \
                i + 1 < len(tokens) and name_word[i + 1]:
            run.append(tok)
            continue
        if run and tok.text in ("-", "‑") and not run[-1].whitespace_ and not tok.whitespace_ \
                and i + 1 < len(tokens) and name_word[i + 1]:
            run.append(tok)           # "Al-Assad", "Bosnia-Herzegovina"
            continue
        _flush(run, found)
        run = []
    _flush(run, found)
    if title is not None and len(title):
        headline = " " + " ".join(t.lower_ for t in title) + " "
        for key in list(found):
            if f" {key} " in headline:
                found[key] += 1
    return dict(found)


def _is_name_word(tok: Any) -> bool:
    text = tok.text
    if len(text) < 2 or not text[0].isupper() or not _NAME_WORD.match(text):
        return False                   # "A", "I", "Kiev.-"
    low = tok.lower_
    if low in _MONTHS or low in _DAYS:
        return False
    return not (tok.is_stop and not text.isupper())   # "The", "But"; "US", "UN" stay


def _sentence_starts(tokens: list[Any]) -> set[int]:
    starts = {0}
    for i, tok in enumerate(tokens[:-1]):
        if tok.text in _SENTENCE_END or "\n" in tok.text or "\n" in tok.whitespace_ \
                or tok.is_space:
            j = i + 1
            while j < len(tokens) and (tokens[j].text in _OPENERS or tokens[j].is_space):
                j += 1
            starts.add(j)
    return starts


def _flush(run: list[Any], found: Counter[str]) -> None:
    """Split a run of capitalised words at person titles and count its names."""
    while run and run[-1].lower_ in _JOINERS | {"-", "‑"}:
        run = run[:-1]
    if not run:
        return
    words = [t.lower_ for t in run]
    cut = [False] * len(words)
    for k, w in enumerate(words):
        if w.rstrip(".") in _PERSON_TITLES:
            cut[k] = True
            j = k - 1
            while j >= 0 and words[j] in _TITLE_MODIFIERS:
                cut[j] = True
                j -= 1
    part: list[Any] = []
    for tok, dropped in zip(run, cut, strict=True):
        if dropped:
            _count(part, found)
            part = []
        else:
            part.append(tok)
    _count(part, found)


def _count(part: list[Any], found: Counter[str]) -> None:
    while part and part[0].lower_ in _JOINERS:
        part = part[1:]
    while part and part[-1].lower_ in _JOINERS | {"-", "‑"}:
        part = part[:-1]
    if not part:
        return
    text = "".join(t.text + t.whitespace_ for t in part).strip()
    key = normalise_name(text)
    if key and len(key) > 1:
        found[key] += 1


def normalise_name(text: str) -> str:
    words = text.strip().lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return _POSSESSIVE.sub("", " ".join(words))
