"""Canonical source names, per document and across the corpus.

A ``SourceBook`` is built once per document. It knows

* acronyms the text defines ("Ukraine's military intelligence agency, known by its
  acronym GUR", "Institute for the Study of War (ISW)");
* the fullest form of every person name in the text ("Zelenskyy" -> "Volodymyr
  Zelenskyy"; titles such as "Ukrainian President" are not part of a name);
* the sources already credited, so that a definite description ("the ministry", "the
  agency") or a pronoun ("he", "they") resolves to the body named before it;

and maps every mention through the curated alias table of ``data/sources.json``.
Every mention is kept on the ``Source`` (``mention``) even when the name changes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimtrail.extract.lexicon import is_place, normalise_name, source_aliases
from claimtrail.models import Source

# Heads of a title that names one person ("the president", "the regional governor").
_PERSON_TITLES = {"president", "governor", "minister", "spokesman", "spokeswoman", "spokesperson",
                  "mayor", "commander", "chief", "leader", "secretary", "ambassador", "premier",
                  "chancellor", "prosecutor", "administrator", "commissioner", "director"}
# Capitalised words that are titles or descriptions, never part of a person's name.
TITLE_WORDS = {
    "president", "prime", "minister", "defense", "defence", "foreign", "secretary", "press",
    "spokesman", "spokeswoman", "spokesperson", "general", "gen", "maj", "major", "col",
    "colonel", "lt", "lieutenant", "chief", "commander", "head", "leader", "chancellor",
    "deputy", "adviser", "advisor", "senator", "sen", "rep", "governor", "gov", "mayor",
    "mr", "mrs", "ms", "dr", "sir", "ambassador", "admiral", "adm", "captain", "capt",
    "sergeant", "sgt", "director", "interior", "state", "ukrainian", "russian", "american",
    "british", "us", "u.s.", "uk", "french", "german", "polish", "north", "south", "korean",
    "kremlin", "white", "house", "supreme", "dictator", "pope", "king", "queen", "former",
    "ex", "acting", "vice", "national", "security", "council", "official", "analyst",
    "presidential", "envoy", "the", "a", "an", "nato", "eu", "un", "secretary-general",
    # demonyms before a name ("Belarusian President Alexander Lukashenko")
    "belarusian", "chinese", "iranian", "turkish", "israeli", "estonian", "latvian",
    "lithuanian", "moldovan", "georgian", "hungarian", "czech", "slovak", "romanian",
    "bulgarian", "italian", "spanish", "japanese", "canadian", "australian", "swedish",
    "finnish", "norwegian", "danish", "dutch", "belgian", "european", "western", "chechen",
    # parts of long titles ("EU High Representative for Foreign Affairs Josep Borrell")
    "high", "representative", "affairs", "commissioner", "internal", "home",
}
ROLE_WORDS = {"minister", "official", "spokesman", "spokeswoman", "spokesperson", "commander",
              "mayor", "governor", "president", "secretary", "chief", "head", "adviser",
              "advisor", "analyst", "expert", "officer", "general", "envoy", "ambassador",
              "researcher", "leader", "prosecutor", "diplomat", "lawmaker", "senator"}
NAME_PARTICLES = {"de", "da", "van", "von", "bin", "al", "el", "la", "le", "der", "ben"}
ORG_HEADS = {
    "ministry", "agency", "department", "office", "staff", "military", "army", "institute",
    "service", "intelligence", "command", "government", "council", "committee", "directorate",
    "forces", "force", "guard", "police", "administration", "commission", "mission",
    "organisation", "organization", "bureau", "authorities", "kremlin", "pentagon", "centre",
    "center", "group", "monitor", "watchdog", "observatory", "unit", "headquarters",
}
MEDIA_WORDS = {"times", "post", "journal", "news", "agency", "reuters", "bbc", "cnn", "press",
               "guardian", "telegraph", "tass", "interfax", "yonhap", "ria", "afp", "ap",
               "país", "pais", "herald", "tribune", "independent", "economist", "bloomberg"}

# Anchors only: the long form is then read from the words before them (a lookbehind
# with repeated groups backtracks badly on long paragraphs).
_ACRONYM_PAREN = re.compile(r"\(([A-Z]{2,6})\)")
# It starts at the comma or at the first space of a run (and takes the run whole): tried
# from every space of a long run of blanks it was quadratic (100,000 spaces: minutes).
_ACRONYM_KNOWN = re.compile(
    r"(?:,|(?<![\s,]))\s++(?:known|abbreviated|referred to)\s+(?:by its acronym|by the acronym|as|by its initials)"
    r"\s+(?:the\s+)?([A-Z]{2,6})\b")
_WORDS_BEFORE = re.compile(r"[\w'’\-]+")
_PERSON_RUN = re.compile(r"\b([A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,5})\b")
# Runs of name words only ("Linda Thomas-Greenfield", not "Donald Trump-aligned").
_NAME_RUN = re.compile(r"\b([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?){1,5})\b(?!-)")
# A single surname that speaks ("Radakin said").
_SPEAKER_NAME = re.compile(r"\b([A-Z][a-z'’]+)\s+(?:said|says|told|added|stated|noted|wrote)\b")


def _untitled(words: list[str]) -> list[str]:
    """The words of a capitalised run without its titles: the name after the last title
    word ("Station Commander Priya Nair": Priya Nair, not "Station Priya Nair"), else the
    run with its title words dropped."""
    last = max((k for k, w in enumerate(words) if w.lower().strip(".") in TITLE_WORDS),
               default=-1)
    if 0 <= last < len(words) - 1:
        return words[last + 1:]
    return [w for w in words if w.lower().strip(".") not in TITLE_WORDS]


def _person_run(run: str) -> str | None:
    """A run of capitalised words as a person's name: titles and a sentence's first
    capital dropped, two words at least, not a place, an organisation, an outlet or a
    known source of another type."""
    words = _untitled(run.split())
    if words and words[0].lower() in _SENTENCE_STARTERS:
        words = words[1:]     # a capital that starts a sentence ("The", "In")
    name = " ".join(words)
    if len(words) < 2 or is_place(name) or \
            any(w.lower() in ORG_HEADS or w.lower() in MEDIA_WORDS for w in words) or \
            normalise_name(name) in source_aliases() and \
            source_aliases()[normalise_name(name)].type != "person":
        return None
    return name


@dataclass
class SourceBook:
    """What one document says about its sources."""

    text: str
    acronyms: dict[str, str] = field(default_factory=dict)          # ACR -> long form
    long_forms: dict[str, str] = field(default_factory=dict)        # norm(long) -> ACR
    credited: list[Source] = field(default_factory=list)            # in text order
    _runs_by_surname: dict[str, list[str]] | None = field(default=None, repr=False)
    _earlier: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def for_text(cls, text: str) -> SourceBook:
        book = cls(text)
        for match in _ACRONYM_KNOWN.finditer(text):
            before = text[max(0, match.start() - 120):match.start()]
            book._define(match.group(1), _cut_long_form(before))
        for match in _ACRONYM_PAREN.finditer(text):
            before = text[max(0, match.start() - 120):match.start()]
            long_form = _initials_match(before, match.group(1))
            if long_form:
                book._define(match.group(1), long_form)
        return book

    def _define(self, acronym: str, long_form: str) -> None:
        if long_form and acronym not in self.acronyms:
            self.acronyms[acronym] = long_form
            self.long_forms[normalise_name(long_form)] = acronym

    # --- canonical names -------------------------------------------------------------

    def canonical(self, mention: str, *, via: str | None = None,
                  type_hint: str | None = None) -> Source:
        """The Source for these words: alias table, then acronyms, then person names."""
        clean = _strip_edges(mention)
        parts = re.split(r"\s+and\s+|\s*&\s*", clean)
        if len(parts) == 2 and all(p[:1].isupper() for p in parts):
            # "Washington and Kyiv", "Robert Carlin and Siegfried Hecker": one credit, two names
            names = [self.canonical(p, type_hint=type_hint) for p in parts]
            return Source(" and ".join(n.name for n in names), mention=clean, via=via,
                          type=names[0].type)
        entry = self._lookup(clean)
        if entry is not None:
            return Source(entry[0], mention=clean, via=via, type=entry[1])
        resolved = self._definite(clean)
        if resolved is not None:
            return Source(resolved.name, mention=clean, via=via, type=resolved.type)
        titled = self._titled(mention)
        if titled is not None:
            return Source(titled, mention=clean, via=via, type="person")
        if type_hint is None and is_place(clean):
            type_hint = "gpe"             # "Ukraine says": a state, not a surname
        person = self._person(clean) if type_hint in (None, "person") else None
        if person is not None:
            entry = self._lookup(person)
            name = entry[0] if entry else person
            return Source(name, mention=clean, via=via, type="person")
        return Source(clean, mention=clean, via=via, type=type_hint or _guess_type(clean))

    def remember(self, source: Source) -> None:
        self.credited.append(source)

    def _lookup(self, words: str) -> tuple[str, str] | None:
        table = source_aliases()
        key = normalise_name(words)
        if not key:
            return None
        candidates = [key]
        acronym = self.long_forms.get(key)
        if acronym:
            candidates.append(normalise_name(acronym))
        if words.strip() in self.acronyms:
            candidates.append(normalise_name(self.acronyms[words.strip()]))
        # "the Washington-based Institute for the Study of War": a known suffix
        parts = key.split()
        candidates += [" ".join(parts[i:]) for i in range(1, len(parts) - 1)]
        for cand in candidates:
            entry = table.get(cand)
            if entry is not None:
                return entry.name, entry.type
        if acronym:
            return acronym, "org"          # a defined acronym is the shortest stable name
        if words.strip() in self.acronyms:
            return words.strip(), "org"
        return None

    def _definite(self, words: str) -> Source | None:
        """'the ministry' / 'the agency' -> the last credited source with that head."""
        parts = normalise_name(words).split()
        if not parts or len(parts) > 2 or parts[-1] not in ORG_HEADS:
            return None
        if not re.match(r"(?i)^(?:the\s+)?[a-z]+(?:\s+[a-z]+)?$", words.strip()) or \
                any(w[:1].isupper() for w in words.split()[1:] if w.lower() != "the"):
            return None
        head = parts[-1]
        mods = parts[:-1]
        for source in reversed(self.credited):
            known = set(normalise_name(source.mention or source.name).split()) | \
                set(normalise_name(source.name).split())
            # "Ukrainian government" is not the Russian government credited before: a
            # modifier must be among the words of the body it points back to
            if head in known and all(m in known for m in mods):
                return source
        if mods:
            return None
        long_form = self._earlier_mention(head)
        if long_form:
            entry = self._lookup(long_form)
            return Source(entry[0] if entry else long_form, type="org")
        return None

    def _titled(self, words: str) -> str | None:
        """'the president', 'the regional governor' -> the person the text names with that
        title ("regional governor Ahmed Warsame", "Ahmed Warsame, the regional governor")."""
        parts = words.strip().split()
        if parts and parts[0].lower() in ("the", "a", "an"):
            parts = parts[1:]
        if not parts or len(parts) > 3:
            return None
        head = parts[-1].lower()
        if head not in _PERSON_TITLES or any(w[:1].isupper() for w in parts):
            return None
        name = r"((?:[A-Z][\w'’\-.]+\s+){1,3}[A-Z][\w'’\-]+)"
        before = re.compile(rf"(?i:\b{head})\s+{name}")
        after = re.compile(rf"{name},\s+(?:the\s+|a\s+)?(?:[\w'’\-]+\s+){{0,3}}(?i:{head})\b")
        for pattern in (before, after):
            for match in pattern.finditer(self.text):
                person = self._person(match.group(1))
                if person is not None:
                    return person
        return None

    def _earlier_mention(self, head: str) -> str | None:
        # once per head and document: each call scans the whole text
        if head not in self._earlier:
            self._earlier[head] = self._scan_earlier_mention(head)
        return self._earlier[head]

    def _scan_earlier_mention(self, head: str) -> str | None:
        # a capitalised modifier first ("British defense ministry", "Russia's military")
        pattern = re.compile(rf"\b([A-Z][\w\-]*(?:['’]s)?\s+(?:[a-z]+\s+){{0,2}}{head})\b")
        for match in pattern.finditer(self.text):
            phrase = match.group(1)
            if phrase.split()[0] not in ("The", "A", "An", "This", "That", "According"):
                return phrase
        return None

    def last_person_before(self, pos: int, window: int = 600) -> str | None:
        """The last run of two to four capitalised words before ``pos`` (in the
        preceding ``window`` characters) that reads as a person's name."""
        start = max(0, pos - window)
        found = None
        found_at = -1
        candidates: list[str] = []
        for match in _SPEAKER_NAME.finditer(self.text, start, pos):
            word = match.group(1)
            if word.lower() not in _SENTENCE_STARTERS and word.lower() not in TITLE_WORDS \
                    and not is_place(word) and word.lower() not in ORG_HEADS:
                found, found_at = self._person(word), match.start()
                if found:
                    candidates.append(found)
        for match in _NAME_RUN.finditer(self.text, start, pos):
            name = _person_run(match.group(1)) if match.start() >= found_at else None
            if name is not None:
                found = name
                candidates.append(found)
        if found is None:
            return None
        # a person named in full earlier and by surname alone in the window ("Richard
        # Marles" ... "During his visit, Marles met ...") is a candidate too
        for match in _NAME_RUN.finditer(self.text, 0, start):
            name = _person_run(match.group(1))
            if name is not None and re.search(rf"\b{re.escape(name.split()[-1])}\b",
                                              self.text[start:pos]):
                candidates.insert(0, name)
        return self._most_salient(candidates, pos) or found

    def _most_salient(self, candidates: list[str], pos: int) -> str | None:
        """Of the people named last, the one the text has named most often so far (the
        one it is about: "Marles met the prime minister, Denys Shmyhal, and the deputy
        minister, Ivan Havryliuk. ... he said" is Marles); the latest on a tie."""
        best, best_count = None, 0
        for name in candidates:
            surname = name.split()[-1]
            count = len(re.findall(rf"\b{re.escape(surname)}\b", self.text[:pos]))
            if count >= best_count:
                best, best_count = name, count
        return best

    def _person(self, words: str) -> str | None:
        """The fullest name in the document for a person mention, titles removed."""
        tokens = [w for w in words.replace(",", " ").split()]
        # "Kyiv mayor Vitali Klitschko": a description ending in a name of two or more
        # capitalised words is that name
        tail: list[str] = []
        for i in range(len(tokens) - 1, -1, -1):
            w = tokens[i]
            if not w[:1].isupper() or w.lower().strip(".") in TITLE_WORDS:
                if w in _NAME_JOINERS and any(t.lower() in ORG_HEADS for t in tokens[:i]):
                    # "National Institute on Drug Abuse": the name of a body with a
                    # preposition in it, not "Drug Abuse" the person
                    return None
                break
            tail.insert(0, w)
        if len(tail) >= 2 and len(tail) < len(tokens) and not is_place(" ".join(tail)):
            tokens = tail
        # a name is capitalised throughout; "Ukraine's health minister" is a description
        if any(not w[:1].isupper() and w.lower() not in NAME_PARTICLES for w in tokens) or \
                any(w.isupper() and len(w) > 1 for w in tokens) or \
                any(w.endswith(("'s", "’s")) for w in tokens):
            return None
        name = [w for w in tokens if w.lower().strip(".") not in TITLE_WORDS]
        if not name:
            return None
        if any(w.lower() in ORG_HEADS or w.lower() in MEDIA_WORDS for w in name):
            return None
        best = " ".join(name)
        fullest = self._fullest_names().get(name[-1])
        if fullest is not None and len(fullest) > len(name):
            best = " ".join(fullest)
        return best

    def _fullest_names(self) -> dict[str, list[str]]:
        """Surname -> the first of the longest capitalised runs ending in it, titles
        removed. Built once per document: scanning the text for every mention made
        long documents quadratic."""
        if self._runs_by_surname is None:
            self._runs_by_surname = {}
            for match in _PERSON_RUN.finditer(self.text):
                run = _untitled(match.group(1).split())
                if run and len(run) > len(self._runs_by_surname.get(run[-1], ())):
                    self._runs_by_surname[run[-1]] = run
        return self._runs_by_surname


_NAME_JOINERS = {"on", "of", "for", "in", "at", "to", "against"}

_SENTENCE_STARTERS = {"the", "in", "on", "at", "as", "but", "and", "after", "before", "when",
                      "while", "this", "that", "these", "those", "it", "he", "she", "they", "we",
                      "if", "for", "with", "from", "by", "since", "during", "meanwhile"}


def _strip_edges(words: str) -> str:
    words = re.sub(r"\s+", " ", words).strip(" ,;:.\"“”'")
    return re.sub(r"(?i)^(?:the|a|an)\s+", "", words)


def _cut_long_form(words: str) -> str:
    """'According to Ukraine's military intelligence agency' -> the noun phrase."""
    words = re.split(r"[.;:!?\n]", words)[-1]
    words = re.split(r"(?i)\b(?:according to|said|says|by|from|that)\s+|,\s*", words)[-1]
    return _strip_edges(" ".join(words.split()[-8:]))


def _initials_match(words: str, acronym: str) -> str | None:
    """Schwartz-Hearst style: the shortest tail of ``words`` whose significant words
    start with the acronym's letters in order."""
    tokens = re.split(r"[.;:!?\n]", words)[-1].replace(",", " ").split()[-10:]
    for size in range(1, len(tokens) + 1):
        tail = tokens[-size:]
        initials = "".join(w[0] for w in tail if w.lower() not in ("of", "for", "the", "and", "on", "in"))
        if initials.upper() == acronym:
            return " ".join(tail)
    return None


def _guess_type(words: str) -> str:
    lower = normalise_name(words).split()
    if not lower:
        return "org"
    if lower[-1] in MEDIA_WORDS:
        return "media"
    if words.isupper() and len(words) > 1:
        return "org"                  # an acronym: "DSNS", "SBU"
    if lower[-1].rstrip("s") in ROLE_WORDS:
        return "person"               # "Ukraine's health minister", "U.K. officials"
    if lower[-1] in ORG_HEADS or any(w in ORG_HEADS for w in lower):
        return "org"
    if all(w[:1].isupper() for w in words.split()) and len(words.split()) <= 3:
        return "person"
    return "org"


# Initialisms written with dots ("U.K.", "U.S.", "E.U."): one spelling without them.
_DOTTED_INITIALS = re.compile(r"\b((?:[A-Z]\.){2,})(?=[^\w]|$)")


def tidy_name(name: str) -> str:
    """One surface spelling for a name the alias table does not know: 'U.K. officials'
    -> 'UK officials', curly apostrophes straight, spaces collapsed."""
    name = _DOTTED_INITIALS.sub(lambda m: m.group(1).replace(".", ""), name)
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", name).strip()


@dataclass
class SourceNames:
    """One spelling per source across a run of documents: names whose lookup keys agree
    (case, punctuation, accents, 'the', 'defense'/'defence') take the spelling seen
    first, so that 'UK officials' and 'U.K. Officials' are one source in the ledger."""

    seen: dict[str, str] = field(default_factory=dict)

    def name(self, name: str) -> str:
        tidy = tidy_name(name)
        key = normalise_name(tidy)
        if not key:
            return tidy
        return self.seen.setdefault(key, tidy)

    def apply(self, source: Source | None) -> None:
        """Rewrite ``source.name`` and ``source.via`` in place; the mention keeps the
        words of the text."""
        if source is None:
            return
        source.name = self.name(source.name)
        if source.via:
            source.via = self.name(source.via)
