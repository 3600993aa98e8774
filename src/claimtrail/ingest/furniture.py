"""Web furniture: the lines a scrape carries that are not the article.

Two sources of evidence, used together by ``clean.clean_text``:

* ``FURNITURE_PATTERNS``: a curated, declarative list. Each entry is a regex that must
  match a whole (stripped) line, with the reason it is furniture. Add entries here,
  not in code.
* ``LineCounter``: lines that recur across the documents of a batch (counted once per
  document family, so re-crawls and syndicated copies of one article do not make its
  own sentences look like furniture).

Credit lines ("Original Source: X") are not furniture: ``ORIGIN_PATTERNS`` lifts them
out of the body into ``Document.origin``.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Furniture:
    pattern: str
    why: str


# Whole-line patterns, matched case-insensitively against the stripped line.
FURNITURE: tuple[Furniture, ...] = (
    # Comment forms (WordPress and friends).
    Furniture(r"add a comment\.?", "comment form heading"),
    Furniture(r"leave a (reply|comment)\.?( cancel reply)?", "comment form heading"),
    Furniture(r"cancel reply", "comment form button"),
    Furniture(r"your email address will not be published\.?( required fields are marked \*?)?",
              "comment form notice"),
    Furniture(r"required fields are marked \*?", "comment form notice"),
    Furniture(r"(post|submit) comment", "comment form button"),
    Furniture(r"save my name, email, and website in this browser.*", "comment form checkbox"),
    Furniture(r"\d+ comments?|comments? \(\d+\)|no comments( yet)?\.?", "comment counter"),
    Furniture(r"\d{1,4}", "lone number: a comment or share counter"),
    # Subscribe and newsletter boxes.
    Furniture(r"keep up to date with the most important news\.?", "subscribe box"),
    Furniture(r"by pressing the subscribe button.*", "subscribe box consent"),
    Furniture(r"(subscribe|sign up)( now)?( to (our|the) newsletter)?[.!]?", "subscribe button"),
    Furniture(r"sign up to .{0,80}newsletter.{0,80}", "newsletter sign-up"),
    Furniture(r"subscribe to us (on )?(twitter|facebook|telegram|x)\.?", "social follow"),
    Furniture(r"(newsletter as news happens|the sports moment: .{0,80}newsletter.*)",
              "newsletter promo"),
    Furniture(r"click here to get the .{1,40}(app|newsletter)\.?", "app / newsletter promo"),
    # The consent small print under an e-mail sign-up box (Washington Post and others).
    Furniture(r"by (submitting|entering|providing) your email( address)?,? you agree to .{0,200}",
              "newsletter sign-up consent"),
    Furniture(r"you (may|will) (also )?receive promotional emails .{0,120}", "newsletter sign-up consent"),
    Furniture(r"click here to get fox nation", "promo"),
    Furniture(r"new! you can now listen to .{0,40} articles!?|new you can now listen to .{0,40}"
              r" articles!?", "audio player promo"),
    # Visit counters and share widgets.
    Furniture(r"\(visited \d+ times?, \d+ visits? today\)", "WordPress visit counter"),
    Furniture(r"(share|share this( article| story| post)?|share on (facebook|twitter|x|"
              r"whatsapp|telegram|linkedin))[:!]?( share)?", "share widget"),
    Furniture(r"((facebook|twitter|x|whatsapp|telegram|linkedin|email|print|copy link|"
              r"pinterest|reddit)[\s,|/]*){2,}", "share widget buttons"),
    Furniture(r"(tweet|print|email|copy link)", "share widget button"),
    # Editors' sign-offs: initials ("ol", "Author/author: TAS/KG").
    Furniture(r"(author|autor)(/(author|autor))?\s*:\s*[\w/\\ .,-]{1,30}", "editor sign-off"),
    Furniture(r"(?-i:[a-z]{2,3})", "lone lower-case initials: an editor's sign-off"),
    # Stray identifiers left by the scrape.
    Furniture(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"),
    # Ads, players and navigation.
    Furniture(r"advertisement|advertising|sponsored( content)?|ad", "ad label"),
    Furniture(r"(continuation of the material|the rest of the text) under (the )?video"
              r"( material)?\.?", "video player placeholder"),
    Furniture(r"expand|collapse|close|skip to (main )?content|back to top|read more\.?|"
              r"read more here\.?|see also:?|related( articles| stories)?:?",
              "navigation control"),
    Furniture(r"read more information (from|on) .{0,60}\.?", "outlet promo"),
    Furniture(r"more (similar )?(messages|information) (can be found )?on .{0,40}"
              r"(main page|home page)\.?", "outlet promo"),
    Furniture(r"you can read more latest information on .{0,40}\.?", "outlet promo"),
    Furniture(r"you can (track|find|follow|read) .{0,80}(live coverage|main page|home page|"
              r"our website)\.?", "outlet promo"),
    Furniture(r"for more information,? please visit .{0,40}", "outlet promo"),
    Furniture(r"help ukraine, join the collection\..{0,120}", "fundraising promo"),
    Furniture(r"\*{3,}|-{3,}|_{3,}|={3,}", "separator"),
    # Time stamps of the page, not of the events it reports.
    Furniture(r"(updated|published|posted|last (updated|modified))( on| at)?:?\s+"
              r"[\w ,.:/+-]{0,40}\d[\w ,.:/+-]{0,40}", "page time stamp"),
    # Wire datelines left on a line of their own ("Moscow CNN —").
    Furniture(r"([A-Z][\w .,'’-]{0,40} )?(CNN|AP|AFP|Reuters|BBC)( Business)?\s*[—–-]",
              "dateline"),
    Furniture(r"(view|watch|see) (the )?video", "video player label"),
    # Photo credits.
    Furniture(r"(photo|image|video|picture)s?\s*:\s*[^.]{1,60}\.?", "photo credit"),
    Furniture(r"(photo|image|picture)s? courtesy of [^.]{1,60}\.?", "photo credit"),
    Furniture(r"(getty images|reuters|ap|afp|epa(-efe)?|shutterstock)( photo)?", "photo credit"),
)

# Category labels that scrapers leave as a lone line right under the headline.
CATEGORY_LABELS: frozenset[str] = frozenset({
    "general", "news", "world", "world news", "politics", "europe", "asia", "international",
    "military", "war", "defense", "defence", "opinion", "analysis",
    "breaking", "breaking news", "latest", "latest news", "top stories", "uncategorized",
    "uncategorised", "featured", "national", "security", "conflict", "ukraine", "russia",
    "middle east", "us", "uk", "business", "economy", "editorial", "blog", "video", "live",
})

# Credit lines: the named group ``origin`` becomes ``Document.origin``.
ORIGIN_PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"original(ly)? source\s*[:\-–]\s*(?P<origin>.{1,120})",
    r"originally (published|posted|appeared) (by|on|at|in)\s*:?\s*(?P<origin>.{1,120}?)\.?",
    (r"this (article|story|post) (first|originally) appeared (on|in|at)\s*:?\s*"
     r"(?P<origin>.{1,120}?)\.?"),
    r"(source|sources|via)\s*:\s*(?P<origin>[^!?]{1,80}?)\.?",
))

_FURNITURE_RE = re.compile(
    "|".join(f"(?:{f.pattern})" for f in FURNITURE), re.IGNORECASE)


def is_curated_furniture(line: str) -> bool:
    """True when the whole stripped line matches a curated furniture pattern."""
    if len(line) > FURNITURE_MAX_CHARS:
        return False
    return _FURNITURE_RE.fullmatch(line.strip()) is not None


# Furniture is a line of a few words; a longer line is text, and is not run through
# the curated patterns (a 50 MB line would be scanned by each of them).
FURNITURE_MAX_CHARS = 2_000


def furniture_reason(line: str) -> str | None:
    """Which curated pattern a line matches (for debugging and tests)."""
    if len(line) > FURNITURE_MAX_CHARS:
        return None
    stripped = line.strip()
    for item in FURNITURE:
        if re.fullmatch(item.pattern, stripped, re.IGNORECASE):
            return item.why
    return None


def match_origin(line: str) -> str | None:
    """The credited source named by a credit line, or None."""
    stripped = line.strip()
    if more_words_than(stripped, 16):
        return None
    for pattern in ORIGIN_PATTERNS:
        match = pattern.fullmatch(stripped)
        if match:
            origin = match.group("origin").strip().strip("\"'“”").rstrip(".").strip()
            if not origin or len(origin.split()) > 8 or _REPORTING_VERB.search(origin):
                # "Source: an official told Reuters 300 were killed" is a sentence, not a credit.
                return None
            return origin
    return None


_REPORTING_VERB = re.compile(r"\b(said|says|told|tells|reported|reports|according|claimed)\b",
                             re.IGNORECASE)


_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def more_words_than(line: str, n: int) -> bool:
    """``len(line.split()) > n`` without splitting all of a 50 MB line into words."""
    return len(line.split(None, n)) > n


def normalise_line(line: str) -> str:
    """The key a line is counted under: case, spacing and digits folded."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().lower()))


def protected_from_recurrence(line: str) -> bool:
    """A full sentence carrying a figure is never dropped for recurring.

    Outlets repeat background sentences ("Moscow has deployed an estimated 100,000
    soldiers near the border.") across articles; those are claims, not furniture.
    """
    stripped = line.strip()
    return (any(ch.isdigit() for ch in stripped) and more_words_than(stripped, 5)
            and stripped[-1:] in ".!?\"”'’")


def family_key(lines: list[str]) -> str:
    """A document family: copies of one article share their longest line."""
    longest = max(lines, key=len, default="")
    # the start of the line is key enough, and a 50 MB line is not copied five times
    return hashlib.blake2b(normalise_line(longest[:FAMILY_KEY_CHARS]).encode(),
                           digest_size=8).hexdigest()


FAMILY_KEY_CHARS = 20_000


def line_profile(text: str, max_words: int) -> tuple[str, frozenset[str]] | None:
    """What ``LineCounter.add`` learns from one text: its family key and the keys of its
    short lines (None: no lines). Depends on the text alone, so it is computed where
    the text is read (a Spark task); the counter only adds it up, in input order."""
    lines = [ln for ln in text.splitlines() if ln and not ln.isspace()]
    if not lines:
        return None
    return family_key(lines), frozenset(
        normalise_line(ln) for ln in lines if not more_words_than(ln, max_words))


class LineCounter:
    """How many document families carry each short line, across a batch."""

    def __init__(self, max_words: int) -> None:
        self.max_words = max_words
        self.counts: Counter[str] = Counter()
        self._families: set[str] = set()

    def add(self, text: str) -> None:
        profile = line_profile(text, self.max_words)
        if profile is not None:
            self.add_profile(*profile)

    def add_profile(self, family: str, keys: frozenset[str]) -> None:
        """``add`` of the text whose ``line_profile`` this is."""
        if family in self._families:
            return
        self._families.add(family)
        self.counts.update(keys)

    def recurring(self, line: str, min_docs: int) -> bool:
        if more_words_than(line, self.max_words) or protected_from_recurrence(line):
            return False
        return self.counts.get(normalise_line(line), 0) >= min_docs

    def families(self) -> int:
        return len(self._families)


# "By Jane Reporter" / "By JANE REPORTER and JOHN DOE, Reuters": a byline, near the top.
BYLINE = re.compile(r"(by|por|von|par)\s+(?P<author>[A-Z][\w.'’\- ]{1,60}"
                    r"(\s+(and|&)\s+[A-Z][\w.'’\- ]{1,40})?)(\s*[,|/–-]\s*[^.!?]{0,60})?",
                    re.IGNORECASE)


def match_byline(line: str) -> str | None:
    """The author named by a byline, or None."""
    stripped = line.strip()
    if more_words_than(stripped, 12) or stripped.endswith((".", "!", "?")) and \
            not stripped.endswith(("Jr.", "Sr.")):
        return None
    match = BYLINE.fullmatch(stripped)
    if not match:
        return None
    author = match.group("author").strip()
    words = [w for w in author.split() if w.lower() not in _NAME_JOINERS]
    # A name: every word capitalised ("By the end of the week" is not a byline).
    if not words or len(words) > 7 or not all(w[0].isupper() for w in words):
        return None
    return author


_NAME_JOINERS = frozenset({"and", "&", "de", "da", "van", "von", "der", "al", "bin", "la", "le"})


def is_category_label(line: str) -> bool:
    return line.strip().lower().rstrip(":") in CATEGORY_LABELS


def non_empty(lines: Iterable[str]) -> list[str]:
    return [ln for ln in lines if ln.strip()]
