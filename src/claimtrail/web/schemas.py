"""Response models of the JSON API: they make FastAPI's OpenAPI schema honest.

Numbers are ``int | float`` so a 5000 stays 5000 (the contract prints integers as
integers). Ledger models allow extra keys, because docs/ledger.md may grow keys.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

Number = int | float


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str | None = None
    input: str | None = None


class ErrorResponse(BaseModel):
    """The one error shape of every API error (errors.py)."""

    error: ErrorDetail


class Value(BaseModel):
    low: Number | None = None
    high: Number | None = None
    qualifier: str


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    mention: str | None = None
    via: str | None = None
    type: str | None = None


class TimeRef(BaseModel):
    start: str | None = None
    end: str | None = None
    text: str | None = None


class Claim(BaseModel):
    """A claim as docs/claims.md exports it, with its store id and sentence offsets."""

    id: int
    doc: str
    sentence: str
    value: Value
    unit: str | None = None
    kind: str
    subject: str | None = None
    source: SourceRef | None = None
    time: TimeRef | None = None
    place: str | None = None
    span: list[int] | None = None
    sentence_span: list[int] | None = None
    quote: str | None = None
    derived: bool = False
    derived_from: str | None = None


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    after_id: int | None = None
    next_after_id: int | None = None
    items: list[Claim]


class StorySummary(BaseModel):
    id: int
    title: str | None = None
    size: int | None = None
    start: str | None = None
    end: str | None = None
    n_claims: int | None = None
    n_variables: int | None = None


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[StorySummary]


class StoryDocument(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    origin: str | None = None
    copy_of: str | None = None


class StoryInfo(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int
    title: str | None = None
    size: int | None = None
    start: str | None = None
    end: str | None = None
    documents: list[StoryDocument] = []


class LedgerClaim(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: int | None = None
    doc: str
    sentence: str
    value: Value
    kind: str
    as_of: str | None = None
    origin: dict[str, Any] | None = None
    copies: list[Any] = []
    independent_origins: int | None = None
    flags: list[str] = []


class LedgerVariable(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    subject: str | None = None
    kind: str | None = None
    claims: list[LedgerClaim] = []
    timeline: dict[str, Any] | None = None
    conflicts: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    estimate: list[dict[str, Any]] = []


class Ledger(BaseModel):
    """The story ledger of docs/ledger.md."""

    model_config = ConfigDict(extra="allow")
    story: StoryInfo
    variables: list[LedgerVariable]
    conflicts: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []


class VariableSummary(BaseModel):
    id: str
    subject: str | None = None
    kind: str | None = None
    n_claims: int
    independent_origins: int
    trend: str | None = None
    conflicts: int
    failed_checks: int


class StoryDetail(BaseModel):
    story: StoryInfo
    variables: list[VariableSummary]
    ledger_url: str
    dossier_url: str


class DocumentCopy(BaseModel):
    id: str
    similarity: float | None = None
    method: str


class Document(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: str | None = None
    language: str | None = None
    origin: str | None = None
    author: str | None = None
    input: str | None = None
    format: str | None = None
    ingested_at: str | None = None
    text: str
    aliases: list[str]
    copy_of: list[DocumentCopy]
    copies: list[DocumentCopy]
    claims: list[Claim]


class SourceSummary(BaseModel):
    id: int
    name: str
    type: str | None = None
    n_claims: int
    n_documents: int
    first: str | None = None
    last: str | None = None
    kinds: dict[str, int]
    mentions: list[str]


class SourcePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[SourceSummary]


class SnippetPart(BaseModel):
    text: str
    match: bool


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    rank: float
    snippet: str
    snippet_parts: list[SnippetPart]


class SearchPage(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]


class LogEntry(BaseModel):
    id: int
    run_id: int | None = None
    input: str
    stage: str
    status: str
    reason: str | None = None
    document_id: str | None = None
    at: str


class LogPage(BaseModel):
    total: int
    limit: int
    offset: int
    counts: dict[str, int]
    items: list[LogEntry]
