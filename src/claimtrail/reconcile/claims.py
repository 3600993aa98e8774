"""Claims as the reconciler sees them: a stored claim plus when it holds (as-of), the
variable it measures, its origin and its flags."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from claimtrail.models import _num
from claimtrail.store.connection import Connection, Row

CUMULATIVE_KINDS = frozenset({"casualties", "killed", "wounded", "missing", "captured"})
PEOPLE_KINDS = CUMULATIVE_KINDS | {"personnel"}
# Figures that grow with time: running loss totals, and forces sent to date. A later
# higher figure is a rise; what conflicts is a fall, or two figures for one moment.
GROWING_KINDS = PEOPLE_KINDS
SHARE_UNITS = frozenset({"share", "percent", "ratio", "fraction", "%"})
CURRENT_DAYS = 7      # a figure without its own time is taken as current in the week before
PAST_DAYS = 60        # ...and one marked "recently"/"earlier" as from the two months before
_PAST_MARKER = re.compile(r"\b(recent(ly)?|earlier|previous(ly)?|last|ago|before|former(ly)?|"
                          r"initial(ly)?|original(ly)?|at first)\b", re.IGNORECASE)


@dataclass
class RClaim:
    id: int
    doc: str
    doc_order: int                      # published, then ingest order, within the story
    published: str | None
    sentence: str
    span: tuple[int, int] | None
    quote: str | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    kind: str
    subject: str | None
    source: dict[str, Any] | None
    time_start: str | None
    time_end: str | None
    time_text: str | None
    place: str | None
    derived: bool = False
    derived_from: str | None = None
    derived_from_claims: list[int] = field(default_factory=list)
    # filled by the reconciler
    actor: str | None = None
    variable: str = ""
    variable_subject: str = ""
    increment: bool = False             # an added amount ("3,000 added troops"), not a level
    period_count: bool = False          # a count for a bounded period ("over the weekend")
    scope: frozenset[str] = frozenset()  # a different measure: standby, projected, ...
    scope_place: str | None = None      # the place, or one named right after the figure
    origin: dict[str, Any] = field(default_factory=dict)
    copies: list[str] = field(default_factory=list)
    independent_origins: int = 1
    flags: list[str] = field(default_factory=list)
    # what the reconciler read from the claim's own words, kept for its second pass
    # (variables are assigned again once derived figures exist)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def claimant(self) -> str | None:
        return self.source.get("name") if self.source else None

    @property
    def is_share(self) -> bool:
        return (self.unit or "").lower() in SHARE_UNITS

    @property
    def explicit_time(self) -> bool:
        return bool(self.time_start or self.time_end)

    @property
    def past_marked(self) -> bool:
        """No dates of its own, but words that put it before the report ("South Korea's
        military recently estimated 4,000"): an older figure, not the current one."""
        return not self.explicit_time and bool(self.time_text) \
            and bool(_PAST_MARKER.search(self.time_text or ""))

    @property
    def as_of(self) -> str | None:
        """When the figure holds: the end of its own time, else the publication date. A
        report cannot know a figure as of a day after it was published: a period still
        running then ("in January", read as to 31 January, in a report of 30 January)
        holds as of the report's date. A period wholly after it (a plan, "by March")
        keeps its own end."""
        published = (self.published or "")[:10] or None
        for value in (self.time_end, self.time_start, published):
            if value:
                day = value[:10]
                started = (self.time_start or day)[:10]
                if published and day > published and started <= published:
                    return published
                return day
        return None

    def period(self) -> tuple[date, date] | None:
        """The days the figure may refer to: its own time, else the week before
        publication (a report's figure is its latest known, not necessarily today's)."""
        start = day_of(self.time_start) or day_of(self.time_end)
        end = day_of(self.time_end) or day_of(self.time_start)
        if start and end:
            return (min(start, end), max(start, end))
        published = day_of(self.published)
        if published and self.past_marked:
            return (published - timedelta(days=PAST_DAYS), published - timedelta(days=1))
        if published:
            return (published - timedelta(days=CURRENT_DAYS), published)
        return None

    def to_ledger(self) -> dict[str, Any]:
        return {
            "id": self.id, "doc": self.doc, "sentence": self.sentence,
            "span": list(self.span) if self.span else None, "quote": self.quote,
            "value": {"low": _num(self.low), "high": _num(self.high),
                      "qualifier": self.qualifier},
            "unit": self.unit, "kind": self.kind, "subject": self.subject,
            "source": self.source,
            "time": ({"start": self.time_start, "end": self.time_end, "text": self.time_text}
                     if (self.time_start or self.time_end or self.time_text) else None),
            "as_of": self.as_of, "place": self.place, "derived": self.derived,
            "derived_from": self.derived_from,
            "derived_from_claims": self.derived_from_claims,
            "actor": self.actor, "increment": self.increment,
            "period_count": self.period_count, "scope": sorted(self.scope),
            "scope_place": self.scope_place,
            "origin": self.origin, "copies": self.copies,
            "independent_origins": self.independent_origins, "flags": self.flags,
        }


def day_of(value: str | None) -> date | None:
    """The calendar day an ISO date or timestamp names (None when empty or unreadable)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def load_claims(conn: Connection, document_ids: list[str]) -> list[RClaim]:
    """The stored claims of these documents, in document order then position."""
    order = {d: k for k, d in enumerate(document_ids)}
    rows = conn.execute(
        "SELECT c.*, d.published AS doc_published, s.name AS source_name, s.type AS source_type"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        " LEFT JOIN sources s ON s.id = c.source_id"
        f" WHERE c.document_id IN (SELECT value FROM {conn.json_values})",
        (_json_list(document_ids),)).fetchall()
    claims = [_from_row(r, order[r["document_id"]]) for r in rows]
    claims.sort(key=lambda c: (c.doc_order, c.span[0] if c.span else 0, c.id))
    return claims


def _json_list(items: list[str]) -> str:
    import json

    return json.dumps(items)


def _from_row(r: Row, doc_order: int) -> RClaim:
    source = None
    name = r["source_name"] or r["source_mention"]
    if name:
        source = {k: v for k, v in (("name", name), ("mention", r["source_mention"]),
                                    ("via", r["source_via"]), ("type", r["source_type"]))
                  if v is not None}
    span = (r["span_start"], r["span_end"]) if r["span_start"] is not None else None
    return RClaim(
        id=r["id"], doc=r["document_id"], doc_order=doc_order, published=r["doc_published"],
        sentence=r["sentence"], span=span, quote=r["quote"], low=r["low"], high=r["high"],
        qualifier=r["qualifier"], unit=r["unit"], kind=r["kind"], subject=r["subject"],
        source=source, time_start=r["time_start"], time_end=r["time_end"],
        time_text=r["time_text"], place=r["place"], derived=bool(r["derived"]),
        derived_from=r["derived_from"])


# --- interval arithmetic shared by conflicts, checks and estimates ---------------

TOLERANCE = {"exact": 0.02, "approx": 0.10, "at_least": 0.02, "at_most": 0.02, "vague": 0.5}


def widened(c: RClaim) -> tuple[float, float]:
    """The interval with room for the qualifier ("about 12,000" is 10,800-13,200)."""
    tol = TOLERANCE.get(c.qualifier, 0.02)
    low = -float("inf") if c.low is None else c.low * (1 - tol)
    high = float("inf") if c.high is None else c.high * (1 + tol)
    return low, high


def compatible(a: RClaim, b: RClaim) -> bool:
    al, ah = widened(a)
    bl, bh = widened(b)
    return max(al, bl) <= min(ah, bh)


def periods_overlap(a: RClaim, b: RClaim) -> bool:
    pa, pb = a.period(), b.period()
    if pa is None or pb is None:
        return True                      # unknown time: cannot rule out the same moment
    return pa[0] <= pb[1] and pb[0] <= pa[1]


_PLACE_NOISE = re.compile(r"\b(the|region|oblast|province|district|area|city|town|village)\b")


def _place_key(place: str | None) -> str:
    return " ".join(_PLACE_NOISE.sub(" ", (place or "").lower()).split())


def same_place(a: RClaim, b: RClaim) -> bool:
    """Could two figures be about the same place? Unknown places could; "Kursk region"
    and "Kursk Oblast" are one; "Romania" and "Poland" are not (a count of troops in
    Romania does not contradict one in Poland)."""
    pa, pb = _place_key(a.scope_place or a.place), _place_key(b.scope_place or b.place)
    return not pa or not pb or pa in pb or pb in pa


def same_period(a: RClaim, b: RClaim) -> bool:
    """Do two counts cover the same stretch of time? Both dated by their own words to the
    same days, or both given in one report with the same time words."""
    if a.explicit_time and b.explicit_time:
        return (a.time_start, a.time_end) == (b.time_start, b.time_end)
    return a.doc == b.doc and (a.time_text or "") == (b.time_text or "") and bool(a.time_text)


def same_moment(a: RClaim, b: RClaim) -> bool:
    """Do two figures claim to describe the same moment? Their periods overlap, and they
    are dated alike: both by their own time, or both by their report (a figure marked
    as older, or dated "last year", is not the same moment as a report's current one)."""
    return periods_overlap(a, b) and a.explicit_time == b.explicit_time \
        and a.past_marked == b.past_marked


def fmt_value(c: RClaim) -> str:
    """A short human reading of the interval: "at least 5,000", "10,000 to 12,000",
    "about 33%" (reconcile.wording, so reasons and details read as the dossier does)."""
    from claimtrail.reconcile.wording import value_words

    if c.low is None and c.high is None:
        return "?"
    return value_words(c.low, c.high, c.qualifier, c.unit)
