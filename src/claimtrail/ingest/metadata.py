"""Document metadata: dates, outlets, languages, file-name conventions and manifests."""
from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from claimtrail.ingest.decode import ReadError, decode_text

# 20220125T090000Z_GB_en_7d015e6984.txt: crawl time, country, language, article hash.
_STAMPED_NAME = re.compile(
    r"(?P<stamp>\d{8}T\d{4,6}Z?)(?:_(?P<country>[A-Z]{2}))?(?:_(?P<lang>[a-z]{2,3}))?"
    r"(?:_(?P<hash>[0-9a-f]{6,}))?")
_LANG_TOKEN = re.compile(r"(?:^|[_\-.])(?P<lang>en|de|fr|es|it|pl|ru|uk|pt|nl)(?:[_\-.]|$)")


@dataclass
class NameInfo:
    published: str | None = None
    country: str | None = None
    language: str | None = None
    article_hash: str | None = None


def from_file_name(name: str) -> NameInfo:
    """What a file name tells: a UTC timestamp, a country code, a language code."""
    info = NameInfo()
    match = _STAMPED_NAME.search(name)
    if match:
        stamp = match.group("stamp").rstrip("Z")
        fmt = "%Y%m%dT%H%M%S" if len(stamp) == 15 else "%Y%m%dT%H%M"
        try:
            moment = datetime.strptime(stamp, fmt)
        except ValueError:
            moment = None
        if moment is not None:
            info.published = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        info.country = match.group("country")
        info.language = match.group("lang")
        info.article_hash = match.group("hash")
    if info.language is None:
        lang = _LANG_TOKEN.search(Path(name).stem)
        if lang:
            info.language = lang.group("lang")
    return info


def clean_site_name(name: str | None) -> str | None:
    """"WSVN 7News | Miami News, Weather, Sports" -> "WSVN 7News": the name, not the tagline."""
    if not name:
        return None
    first = re.split(r"\s+[|–—]\s+|\s+-\s+", name.strip(), maxsplit=1)[0].strip()
    return first or None


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name, without a leading ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date or datetime (UTC when a zone is given), or None.

    Accepts ISO strings, RFC 822 feed dates, ``time.struct_time`` and epoch numbers.
    Free-text dates go through dateparser, which is only ever handed a string that
    has letters and digits both (it misreads bare numbers as dates).
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 < value < 10**11:   # seconds since the epoch
            return datetime.fromtimestamp(value, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) in (9, 10):   # epoch seconds, as a string
        return normalise_date(int(text))
    iso = _parse_iso(text)
    if iso:
        return iso
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
        return _format(moment)
    except (TypeError, ValueError, IndexError):
        pass
    if re.search(r"[A-Za-z]", text) and re.search(r"\d", text) and len(text) <= 60 \
            and not _RELATIVE.search(text):
        import dateparser

        moment = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                                  "PREFER_DAY_OF_MONTH": "first"})
        if moment is not None:
            return _format(moment)
    return None


# "2 hours ago" means nothing once the page is archived: never resolve it against today.
_RELATIVE = re.compile(r"\b(ago|yesterday|today|tomorrow|now|last|next|this)\b", re.IGNORECASE)


def _parse_iso(text: str) -> str | None:
    if not _ISO_DATE.match(text):
        return None
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return text[:10] if _valid_day(text[:10]) else None
    if len(text) == 10:
        return text
    return _format(moment)


def _valid_day(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def _format(moment: datetime) -> str:
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if moment.hour == moment.minute == moment.second == 0:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


# A cheap language guess from function words: enough to tell English from the other
# languages a news pile usually mixes in, and to say "unknown" when unsure.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for was with on said as by it are from".split()),
    "de": frozenset("der die und das ist nicht mit den von zu sich auf für ein eine".split()),
    "fr": frozenset("le la les et des est une dans pour que qui sur pas par du".split()),
    "es": frozenset("el la los las y que en del por una con para es se".split()),
    "it": frozenset("il di che la per non una sono della con del gli".split()),
    "pl": frozenset("i w nie na się z że do jest to jak po przez oraz".split()),
    "pt": frozenset("o os que do da em um uma para com não por".split()),
    "nl": frozenset("de het een en van is dat op te niet met voor".split()),
}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


def _script_language(sample: str) -> str | None:
    """Languages told apart by their script alone (a third of the characters or more)."""
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return None
    if len(_HANGUL.findall(sample)) > letters / 3:
        return "ko"
    if len(_KANA.findall(sample)) > letters / 10 and len(_HAN.findall(sample)) + len(
            _KANA.findall(sample)) > letters / 3:
        return "ja"
    if len(_HAN.findall(sample)) > letters / 3:
        return "zh"
    if len(_ARABIC.findall(sample)) > letters / 3:
        return "ar"
    return None
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the sample is too short or too mixed to say."""
    sample = text[:5000]
    script = _script_language(sample)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic > len(sample) * 0.3:
        return "uk" if _UKRAINIAN_LETTERS.search(sample) else "ru"
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < max(3, len(words) * 0.08) or ranked[0] < ranked[1] * 1.5:
        return None
    return best


MANIFEST_FIELDS = ("published", "title", "outlet", "url", "language")


class Manifest:
    """A user's CSV of per-document metadata, keyed by ``id`` or ``file``."""

    def __init__(self, rows: dict[str, dict[str, str]], source: str) -> None:
        self.rows = rows
        self.source = source

    @classmethod
    def load(cls, path: str) -> Manifest:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read the manifest: {exc.strerror or exc}") from exc
        text = decode_text(raw)
        reader = csv.DictReader(text.splitlines())
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        key = "id" if "id" in header else "file" if "file" in header else None
        if key is None:
            raise ReadError("manifest CSV needs an 'id' or 'file' column, found "
                            f"{', '.join(header) or 'no header'}")
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            ident = clean.get(key, "")
            if not ident:
                continue
            fields = {f: clean[f] for f in MANIFEST_FIELDS if clean.get(f)}
            rows[ident] = fields
            rows.setdefault(Path(ident).name, fields)
        return cls(rows, path)

    def lookup(self, doc_id: str, path: str | None = None) -> dict[str, str]:
        for key in (doc_id, path, Path(path).name if path else None):
            if key and key in self.rows:
                return self.rows[key]
        return {}
