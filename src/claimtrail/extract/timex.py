"""Time expressions: find them in a sentence and resolve them to ISO dates.

``find_times(text, published)`` returns every date or period phrase of ``text`` with its
character span and, when it can be resolved, its start and end dates. Relative
expressions ("over the weekend", "last year", "the previous year", "earlier this week",
"on Thursday", "as of January", "since January", "during January and February of this
year", "currently", "recently") resolve against the document's publication date; with
no publication date they keep their words and leave the dates None. Explicit dates
with a year resolve on their own. dateparser is used only on the day-month(-year)
phrases isolated here: it misreads bare numbers.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_LEAD = r"(?:(?:as of|since|from|until|till|through|by|during|in|on|at the end of|end of|early|late|mid-?|the end of|the start of|the beginning of)\s+)?"

# Order matters: longer, more specific patterns first; spans never overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_pair", re.compile(
        rf"\b{_LEAD}(?P<m1>{_MONTH})\s+(?:and|to|through|-|–)\s+(?P<m2>{_MONTH})"
        rf"(?:\s+(?:of\s+)?(?P<rel>this|last|the previous|next)\s+year|,?\s+(?P<y>{_YEAR}))?", re.IGNORECASE)),
    ("day_date", re.compile(
        rf"\b{_LEAD}(?:{_WEEKDAY},?\s+)?(?:(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})\b)"
        rf"(?:,?\s+(?P<y>{_YEAR}))?", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_LEAD}(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.IGNORECASE)),
    ("month_rel", re.compile(
        rf"\b{_LEAD}(?P<m>{_MONTH})\s+(?:of\s+)?(?P<rel>this|last|the previous|next)\s+year\b", re.IGNORECASE)),
    ("year", re.compile(rf"\b(?:as of|since|during|in|by|throughout|until|through)\s+(?P<y>{_YEAR})\b", re.IGNORECASE)),
    # a bare month name must be capitalised; "May" only after a preposition (the verb)
    ("month", re.compile(rf"\b(?i:{_LEAD})(?P<m>(?:January|February|March|April|June|July|August|September|October|November|December))\b"
                         rf"|\b(?i:(?:as of|since|from|until|by|during|in|early|late|mid-?)\s+)(?P<may>May)\b")),
    ("weekend", re.compile(r"\b(?:over|during|on|at)?\s*(?:the|this|last|past)\s+weekend\b", re.IGNORECASE)),
    ("rel_year", re.compile(r"\b(?:(?:in|during|over|since|throughout)\s+)?(?:the\s+)?(?P<rel>last|previous|past|this|current|preceding)\s+year\b", re.IGNORECASE)),
    ("rel_month", re.compile(r"\b(?:(?:in|during|over|since|earlier|later)\s+)?(?:the\s+)?(?P<rel>last|previous|past|this|current)\s+month\b", re.IGNORECASE)),
    ("rel_week", re.compile(r"\b(?:(?:in|during|over|since|earlier|later)\s+)?(?:the\s+)?(?P<rel>last|previous|past|this|current)\s+week\b", re.IGNORECASE)),
    ("past_hours", re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?P<n>24|48|72)\s+hours\b", re.IGNORECASE)),
    ("past_days", re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?P<n>\d{1,3}|two|three|few|several)\s+(?P<u>days|weeks|months)\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:on|last|this|since|by|early|late)?\s*(?P<w>{_WEEKDAY})\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|overnight|last night)\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?:today|currently|now|so far|to date|at present|at the moment|as of now|as it stands)\b", re.IGNORECASE)),
    ("recently", re.compile(r"\b(?:recently|lately|in recent (?:days|weeks|months)|of late)\b", re.IGNORECASE)),
]
_WORD_NUMBERS = {"two": 2, "three": 3, "few": 3, "several": 5}


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    begin: str | None = None           # ISO date
    finish: str | None = None


def parse_published(value: str | None) -> date | None:
    """The publication date of a document (ISO date or datetime), or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
        try:
            return date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            return None           # "00000000", "2024-13-45": no such day


def find_times(text: str, published: date | None) -> list[TimeExpr]:
    """Every time expression of ``text`` in order, resolved where possible."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            if start >= end or any(start < e and s < end for s, e in taken):
                continue
            expr = TimeExpr(start, end, text[start:end])
            try:
                _resolve(name, match, expr, published)
            except (ValueError, OverflowError):
                pass          # an impossible date ("31 February") keeps its words only
            found.append(expr)
            taken.append((start, end))
    found.sort(key=lambda e: e.start)
    return found


def _resolve(name: str, m: re.Match[str], expr: TimeExpr, pub: date | None) -> None:
    lead = expr.text.lower()
    if name == "month_pair":
        year = _year_of(m.group("y"), m.group("rel"), MONTHS[_m(m.group("m1"))], pub)
        if year:
            first = date(year, MONTHS[_m(m.group("m1"))], 1)
            second = _month_end(year, MONTHS[_m(m.group("m2"))])
            _set(expr, first, second)
    elif name == "day_date":
        phrase = m.group(0)
        phrase = re.sub(rf"^\s*{_LEAD}", "", phrase, flags=re.IGNORECASE)
        month = MONTHS[_m(m.group("m1") or m.group("m2"))]
        year = int(m.group("y")) if m.group("y") else _infer_year(month, pub)
        if year:
            day = _parse_day(phrase, year)
            if day:
                _since_or_point(expr, lead, day, day, pub)
    elif name in ("month_year", "month_rel"):
        month = MONTHS[_m(m.group("m"))]
        year = int(m.group("y")) if name == "month_year" else _year_of(None, m.group("rel"), month, pub)
        if year:
            _since_or_point(expr, lead, date(year, month, 1), _month_end(year, month), pub)
    elif name == "year":
        year = int(m.group("y"))
        _since_or_point(expr, lead, date(year, 1, 1), date(year, 12, 31), pub)
    elif name == "month":
        month = MONTHS[_m(m.group("m") or m.group("may"))]
        year = _infer_year(month, pub)
        if year:
            _since_or_point(expr, lead, date(year, month, 1), _month_end(year, month), pub)
    elif pub is not None:
        _resolve_relative(name, m, expr, pub)


def _resolve_relative(name: str, m: re.Match[str], expr: TimeExpr, pub: date) -> None:
    lead = expr.text.lower()
    if name == "weekend":
        # the last Saturday-Sunday on or before publication ("this weekend" too)
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if "this" in lead and pub.weekday() < 5:
            saturday = pub + timedelta(days=5 - pub.weekday())
        _set(expr, saturday, saturday + timedelta(days=1))
    elif name == "rel_year":
        rel = m.group("rel").lower()
        if rel in ("this", "current"):
            _set(expr, date(pub.year, 1, 1), pub)
        elif rel == "past" and "since" not in lead:
            _set(expr, pub - timedelta(days=365), pub)
        else:
            _set(expr, date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31))
    elif name == "rel_month":
        rel = m.group("rel").lower()
        if rel in ("this", "current"):
            _set(expr, pub.replace(day=1), pub)
        elif rel == "past":
            _set(expr, pub - timedelta(days=30), pub)
        else:
            last = pub.replace(day=1) - timedelta(days=1)
            _set(expr, last.replace(day=1), last)
    elif name == "rel_week":
        rel = m.group("rel").lower()
        monday = pub - timedelta(days=pub.weekday())
        if rel in ("this", "current"):
            _set(expr, monday, pub)
        elif rel == "past":
            _set(expr, pub - timedelta(days=7), pub)
        else:
            _set(expr, monday - timedelta(days=7), monday - timedelta(days=1))
    elif name == "past_hours":
        _set(expr, pub - timedelta(hours=int(m.group("n"))), pub)
    elif name == "past_days":
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
        unit = {"days": 1, "weeks": 7, "months": 30}[m.group("u").lower()]
        _set(expr, pub - timedelta(days=n * unit), pub)
    elif name == "weekday":
        wanted = WEEKDAYS[m.group("w").lower()]
        back = (pub.weekday() - wanted) % 7
        day = pub - timedelta(days=back)
        _since_or_point(expr, lead, day, day, pub)
    elif name == "yesterday":
        _set(expr, pub - timedelta(days=1), pub - timedelta(days=1))
    elif name == "today":
        _set(expr, pub, pub)
    elif name == "recently":
        expr.finish = pub.isoformat()


def _since_or_point(expr: TimeExpr, lead: str, first: date, last: date, pub: date | None) -> None:
    """'since X' is the period from X to publication; 'as of X' is X; otherwise X."""
    if lead.startswith(("since", "from")):
        _set(expr, first, pub if pub is not None and pub >= first else None)
    elif lead.startswith(("until", "till", "by")):
        _set(expr, None, last)
    else:
        _set(expr, first, last)


def _set(expr: TimeExpr, first: date | None, last: date | None) -> None:
    expr.begin = first.isoformat() if first else None
    expr.finish = last.isoformat() if last else None


def _m(word: str) -> str:
    return word.lower().rstrip(".")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _infer_year(month: int, pub: date | None) -> int | None:
    """A month named without a year: the latest one not after publication (news
    reports the past), allowing the following month for announced plans."""
    if pub is None:
        return None
    return pub.year if month <= pub.month + 1 else pub.year - 1


def _year_of(explicit: str | None, rel: str | None, month: int, pub: date | None) -> int | None:
    if explicit:
        return int(explicit)
    if pub is None:
        return None
    if rel is None:
        return _infer_year(month, pub)
    rel = rel.lower()
    if rel in ("last", "the previous"):
        return pub.year - 1
    if rel == "next":
        return pub.year + 1
    return pub.year


def _parse_day(phrase: str, year: int) -> date | None:
    """dateparser on an isolated day-month phrase; the year is supplied."""
    if not re.search(_YEAR, phrase):
        phrase = f"{phrase} {year}"
    parsed = _dateparser_parse(phrase)
    return parsed.date() if parsed else None


@lru_cache(maxsize=4096)
def _dateparser_parse(phrase: str) -> datetime | None:
    import dateparser  # slow import: only when a day-month phrase occurs

    result: datetime | None = dateparser.parse(
        phrase, languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]})
    return result
