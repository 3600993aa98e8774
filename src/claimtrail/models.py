"""The shapes that flow between pipeline stages.

Every stage reads and writes these dataclasses; keep them plain (no behaviour beyond
serialisation) so the stages stay decoupled. ``Claim.to_contract()`` is the export
contract described in ``docs/claims.md`` (and ``shared/eval/README.md``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Qualifier = Literal["exact", "approx", "at_least", "at_most", "vague"]
Kind = Literal[
    "personnel", "casualties", "killed", "wounded", "missing", "captured",
    "territory", "weapons", "other",
]
KINDS: tuple[str, ...] = (
    "personnel", "casualties", "killed", "wounded", "missing", "captured",
    "territory", "weapons", "other",
)
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "vague")


@dataclass
class Document:
    """One clean article, as ingest produces it and the store keeps it.

    ``id`` is the file name for a file found in a folder, the URL for a fetched page,
    and ``<container>#<n>`` (or the record's own url/id) for records inside JSONL, feeds
    and WARC archives.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None          # ISO 8601 date or datetime; None = unknown
    published_from: str | None = None     # metadata | html | filename | manifest | feed | warc
    language: str | None = None
    origin: str | None = None             # credited original source ("Original Source: X")
    author: str | None = None
    input: str = ""                       # the path or URL this came from
    format: str = ""                      # txt | html | json | jsonl | rss | atom | warc | url
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IngestProblem:
    """A bad input: reported on one line, logged in the store, and the batch goes on."""

    input: str
    reason: str
    stage: str = "read"                   # read | fetch | parse | clean | store | extract
    skipped: bool = False                 # nothing to store (furniture only), not a failure

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass
class Value:
    """A figure as an interval. A point has low == high; an open bound has None."""

    low: float | None
    high: float | None
    qualifier: str = "exact"              # one of QUALIFIERS

    def to_dict(self) -> dict[str, Any]:
        return {"low": _num(self.low), "high": _num(self.high), "qualifier": self.qualifier}


@dataclass
class Source:
    """Who the text credits: canonical ``name`` plus the words used (``mention``)."""

    name: str
    mention: str | None = None
    via: str | None = None                # nested credit: "The NYT, citing officials" -> via
    type: str | None = None               # person | org | gpe | media | unnamed

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class TimeRef:
    """As-of date or period. ``start``/``end`` are ISO dates, None when unresolved."""

    text: str | None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Claim:
    """One quantitative claim mention in one document."""

    doc: str
    sentence: str
    value: Value
    unit: str
    kind: str
    subject: str | None
    source: Source | None
    time: TimeRef | None = None
    place: str | None = None
    span: tuple[int, int] | None = None   # character offsets of the figure in the document text
    sentence_span: tuple[int, int] | None = None
    quote: str | None = None              # the figure's own words ("over 5,000")
    derived: bool = False                 # implied by the text, not printed (share of a base)
    derived_from: str | None = None       # how: "one-third of over 5,000 casualties"

    def to_contract(self) -> dict[str, Any]:
        """The JSONL export contract (shared/eval/README.md), plus our extra fields."""
        return {
            "doc": self.doc,
            "sentence": self.sentence,
            "value": self.value.to_dict(),
            "unit": self.unit,
            "kind": self.kind,
            "subject": self.subject,
            "source": self.source.to_dict() if self.source else None,
            "time": self.time.to_dict() if self.time else None,
            "place": self.place,
            "span": list(self.span) if self.span else None,
            "quote": self.quote,
            "derived": self.derived,
            "derived_from": self.derived_from,
        }


def _num(x: float | None) -> float | int | None:
    """Integers print as integers (5000, not 5000.0)."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return round(float(x), 6)
