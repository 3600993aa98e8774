"""Figures and findings in words a reader can take in at a glance.

One place for how an interval reads ("over 5,000", "about 12,000", "33%", "about
30 km²/day"), what a unit is called, and what each ledger flag means, so the Markdown
ledger, the dossier page and the export say the same thing. No raw codes (``at_least``,
``casualties<=personnel``) reach a reader through these functions.
"""
from __future__ import annotations

from typing import Any

SHARE_UNITS = frozenset({"share", "percent", "ratio", "fraction", "%"})

# Units as a reader writes them; "people" needs no word after a count of troops.
UNIT_WORDS = {
    "people": "", "persons": "", "person": "",
    "km2": "km²", "km2/day": "km²/day", "sq km": "km²", "square kilometers": "km²",
    "square kilometres": "km²", "mi2": "sq mi", "km": "km", "km/day": "km/day",
}

KIND_WORDS = {
    "personnel": "force size", "casualties": "casualties", "killed": "killed",
    "wounded": "wounded", "missing": "missing", "captured": "captured",
    "territory": "territory", "weapons": "weapons", "other": "other figures",
}

# What each flag and marker means, in words (the dossier shows these, never the code).
FLAG_WORDS = {
    "conflict": "in conflict: another independent origin gives an incompatible figure "
                "for the same moment",
    "check": "fails an arithmetic check against related figures",
    "derived": "derived: the ledger worked this figure out from a share and its base; "
               "no source stated it",
    "increment": "increment: an added amount (a new contingent), not the size of the "
                 "whole; kept out of the totals and their estimate",
    "period": "period count: a count for a bounded stretch of time (a weekend, one "
              "battle), not a running total; kept out of the totals and their estimate",
    "superseded": "superseded: an older, lower count of a running total, overtaken by a "
                  "later one; not a disagreement",
    "copy": "copy: repeats a figure first published in another article; it counts once",
}

RULE_WORDS = {
    "killed+wounded<=casualties": "killed plus wounded cannot exceed casualties",
    "killed<=casualties": "the killed cannot exceed the casualties",
    "wounded<=casualties": "the wounded cannot exceed the casualties",
    "missing<=casualties": "the missing cannot exceed the casualties",
    "captured<=casualties": "the captured cannot exceed the casualties",
    "casualties<=personnel": "casualties cannot exceed the force sent",
    "share-of-base": "a share worked out against its base",
}

QUALIFIER_WORDS = {"exact": "exact", "approx": "approximate", "at_least": "at least",
                   "at_most": "at most", "vague": "vague"}


def is_share_unit(unit: str | None) -> bool:
    return (unit or "").lower() in SHARE_UNITS


def unit_words(unit: str | None) -> str:
    """"km2/day" -> "km²/day"; people -> ""; shares are written as % elsewhere."""
    key = (unit or "").strip().lower()
    if not key or is_share_unit(key):
        return ""
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    return key.replace("km2", "km²").replace("m2", "m²")


def number(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _percent(x: float) -> str:
    pct = x * 100
    return f"{pct:.0f}%" if abs(pct - round(pct)) < 0.05 or abs(pct) >= 10 else f"{pct:.1f}%"


def value_words(low: float | None, high: float | None, qualifier: str | None,
                unit: str | None = None, *, share: bool | None = None) -> str:
    """An interval as a reader would say it: "over 5,000", "about 12,000",
    "10,000 to 12,000", "33%", "at least 60%", "about 30 km²/day"."""
    q = qualifier or "exact"
    as_share = is_share_unit(unit) if share is None else share
    fmt = _percent if as_share else number
    if low is None and high is None:
        return "an unspecified number"
    if low is not None and high is not None and low != high:
        text = f"{fmt(low)} to {fmt(high)}"
        text = ("about " + text) if q in ("approx", "vague") else text
    elif high is None:
        text = ("roughly " if q == "vague" else "at least ") + fmt(low) \
            + (" or more" if q == "vague" else "")
    elif low is None:
        text = ("roughly " if q == "vague" else "at most ") + fmt(high) \
            + (" or fewer" if q == "vague" else "")
    else:
        text = {"approx": "about ", "vague": "roughly ", "at_least": "at least ",
                "at_most": "at most "}.get(q, "") + fmt(low)
    words = unit_words(unit) if not as_share else ""
    return f"{text} {words}".strip()


def claim_value_words(claim: dict[str, Any]) -> str:
    """A ledger claim's value in words."""
    value = claim.get("value") or {}
    return value_words(value.get("low"), value.get("high"), value.get("qualifier"),
                       claim.get("unit"))


def variable_label(var: dict[str, Any]) -> str:
    """"North Korean troops: casualties", "area: territory (share, %)"."""
    kind = KIND_WORDS.get(str(var.get("kind")), str(var.get("kind") or "figures"))
    unit = var.get("unit")
    extra = ""
    if var.get("share"):
        extra = " (share, %)"
    elif unit_words(unit):
        extra = f" ({unit_words(unit)})"
    return f"{var.get('subject') or 'unattributed'}: {kind}{extra}"


def who(name: str | None) -> str:
    return name or "an unnamed report"


def rule_words(rule: str | None) -> str:
    return RULE_WORDS.get(rule or "", (rule or "").replace("_", " "))
