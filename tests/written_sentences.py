"""Helpers of the tests that extract claims from sentences written for them
(test_extract_round4.py, test_extract_round5.py): one made-up document per sentence."""
from __future__ import annotations

from spacy.language import Language

from claimtrail.extract import extract_claims
from claimtrail.models import Claim, Document


def claims(nlp: Language, text: str) -> list[Claim]:
    return extract_claims(Document(id="t.txt", text=text, published="2026-03-02"), nlp)


def by_quote(nlp: Language, text: str) -> dict[str, Claim]:
    return {c.quote or "": c for c in claims(nlp, text)}


def source_of(claim: Claim) -> str | None:
    return claim.source.name if claim.source else None
