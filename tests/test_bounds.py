"""Bounded work per document: windows over long texts, linear splitting, text repair."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import pairwise

from hostile_corpus import prose

from claimtrail.config import ExtractSettings
from claimtrail.extract.bounds import bounded, cut_at, windows
from claimtrail.extract.pipeline import DocResult
from claimtrail.extract.segment import split_sentences
from claimtrail.extract.sources import SourceBook
from claimtrail.ingest.decode import decode_text
from claimtrail.ingest.dedup import shingles, signature
from claimtrail.models import Claim, Document, Value
from claimtrail.unicode_repair import repair_name, repair_text


def test_windows_cover_the_text_and_cut_between_sentences() -> None:
    text = prose(300_000)
    assert "\n" not in text
    settings = ExtractSettings(window_chars=50_000, max_document_chars=10_000_000)
    spans, stop = windows(text, settings)
    assert stop == len(text) and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))       # no gap, no overlap
    assert all(25_000 <= end - start <= 50_000 for start, end in spans[:-1])
    for _start, end in spans[:-1]:           # after a sentence end and its space
        assert text[end - 1].isspace() and text[:end].rstrip()[-1] in ".!?…\"”’')]"


def test_cut_prefers_a_line_then_a_sentence_then_a_space() -> None:
    assert cut_at("one two.\nthree four. five six", 0, 25) == 9
    assert cut_at("one two. three four five six", 0, 25) == 9
    assert cut_at("one two three four five six", 0, 25) == 24
    assert cut_at("x" * 50, 0, 25) == 25


def test_the_cap_stops_extraction_and_says_so() -> None:
    text = prose(120_000)
    settings = ExtractSettings(window_chars=20_000, max_document_chars=50_000)
    spans, stop = windows(text, settings)
    assert 25_000 <= stop <= 50_000 and spans[-1][1] == stop
    seen: list[str] = []

    def run(pieces: Iterable[Document]) -> Iterator[DocResult]:
        for piece in pieces:                 # one claim at the start of every window
            seen.append(piece.text)
            yield DocResult(piece, [Claim(doc=piece.id, sentence=piece.text[:10],
                                          value=Value(1, 1), unit="people", kind="other",
                                          subject=None, source=None, span=(0, 3),
                                          sentence_span=(0, 10))])

    doc = Document(id="long", text=text)
    short = Document(id="short", text="About 300 troops.")
    [first, second] = bounded([doc, short], run, settings)
    assert first.document is doc and second.document is short and second.note is None
    assert first.note and "extraction cap of 50,000" in first.note
    assert "".join(seen[:-1]) == text[:stop]
    assert [c.span[0] for c in first.claims if c.span] == [s for s, _ in spans]


def test_sentence_splitting_is_linear_on_one_long_line() -> None:
    line = prose(2_000_000)
    started = time.perf_counter()
    sentences = split_sentences(line)
    # was quadratic: minutes for 1 MB; about a second for 2 MB on a loaded machine
    assert time.perf_counter() - started < 20
    assert len(sentences) > 10_000
    assert all(line[s.start:s.end] == s.text for s in sentences[:2000])


def test_person_names_are_looked_up_once_per_document() -> None:
    book = SourceBook.for_text("Ukrainian President Volodymyr Zelenskyy spoke. Later "
                               "Zelenskyy said so. Ben Wallace agreed.")
    assert book.canonical("Zelenskyy", type_hint="person").name == "Volodymyr Zelenskyy"
    assert book.canonical("Wallace", type_hint="person").name == "Ben Wallace"


def test_signatures_in_slices_equal_one_pass() -> None:
    from datasketch import LeanMinHash, MinHash

    text = prose(400_000)
    whole = MinHash(num_perm=128)
    whole.update_batch(list(shingles(text, 5)))
    assert (signature(text).hashvalues == LeanMinHash(whole).hashvalues).all()


def test_repair_text_and_names() -> None:
    assert repair_text("ok") == "ok"
    assert repair_text("a\ud800b\x00c") == "a\ufffdbc"
    assert repair_name("caf\udce9.txt") == "café.txt"
    assert repair_name("caf\udcc3\udca9.txt") == "café.txt"         # UTF-8 bytes escaped
    assert repair_name("x\ud800") == "x\ufffd"


def test_mixed_encodings_keep_the_utf8_and_read_the_rest_as_cp1252() -> None:
    data = "Über 300 soldiers. ".encode() + "The mayor’s 12 deaths.".encode("cp1252")
    assert decode_text(data) == "Über 300 soldiers. The mayor’s 12 deaths."
    # a legacy encoding throughout is still left to charset detection
    cyrillic = ("Более 300 военных были убиты, сообщили официальные лица. " * 5).encode("cp1251")
    assert "военных" in decode_text(cyrillic)
