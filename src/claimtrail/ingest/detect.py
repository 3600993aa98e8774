"""Which reader an input needs: by extension, and by sniffing content when ambiguous."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXTS = {".json"}
JSONL_EXTS = {".jsonl", ".ndjson", ".jsonlines"}
FEED_EXTS = {".rss", ".atom", ".feed"}
WARC_EXTS = {".warc", ".arc"}
AMBIGUOUS_EXTS = {".xml", ".dat", ".raw", ""}
# Formats that are definitely not articles we read: skipped with a clear reason.
KNOWN_UNSUPPORTED = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
    ".zip", ".tar", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".mp3", ".mp4", ".wav", ".avi",
    ".mov", ".mkv", ".exe", ".dll", ".so", ".bin", ".pyc", ".db", ".sqlite", ".parquet",
    ".csv", ".tsv", ".js", ".css", ".woff", ".woff2", ".ttf",
}
SUPPORTED_HINT = ("claimtrail reads .txt, .html/.htm, .json, .jsonl, .rss/.atom/.xml feeds, "
                  ".warc(.gz), optionally gzipped, and http(s) URLs")


def suffixes(path: Path) -> tuple[str, bool]:
    """(the format extension, gzipped?) e.g. page.html.gz -> ('.html', True)."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    return ext, gz


def format_by_extension(path: Path) -> str | None:
    """txt | html | json | jsonl | feed | warc | unsupported, or None to sniff."""
    ext, _gz = suffixes(path)
    for fmt, exts in (("txt", TEXT_EXTS), ("html", HTML_EXTS), ("json", JSON_EXTS),
                      ("jsonl", JSONL_EXTS), ("feed", FEED_EXTS), ("warc", WARC_EXTS)):
        if ext in exts:
            return fmt
    if ext in KNOWN_UNSUPPORTED:
        return "unsupported"
    return None


_FEED_HEAD = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
                        re.DOTALL | re.IGNORECASE)
_HTML_HEAD = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype html|html|head|body)\b",
                        re.DOTALL | re.IGNORECASE)


def sniff(head: bytes) -> str | None:
    """Format from the first bytes of (decompressed) content, or None for plain text."""
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED_HEAD.match(stripped):
        return "feed"
    if _HTML_HEAD.match(stripped) or re.search(rb"<html\b", stripped[:2048], re.IGNORECASE):
        return "html"
    if stripped[:1] in (b"{", b"["):
        # A JSON document, or one JSON object per line.
        first_line = stripped.split(b"\n", 1)[0].strip()
        if stripped[:1] == b"{" and first_line.endswith(b"}") and b"\n{" in stripped:
            return "jsonl"
        return "json"
    return None


def walk(path: Path) -> Iterator[Path]:
    """Every file under a folder, in sorted (deterministic) order, hidden ones skipped.

    A folder that cannot be listed is yielded itself, so the reader reports it instead
    of the batch silently missing its files.
    """
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(path, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # links to folders are not walked (os.walk does not follow them, and they may
        # loop); they are yielded so that the reader says so instead of a silent gap
        for name in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            dirs.remove(name)
            yield Path(root) / name
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
        while unreadable:
            failed = unreadable.pop(0)
            yield Path(failed.filename) if failed.filename else path
    while unreadable:   # the top folder itself could not be listed
        failed = unreadable.pop(0)
        yield Path(failed.filename) if failed.filename else path


def expand(inputs: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """(input, path) for every file and URL the inputs name; folders are walked.

    A URL or a missing path comes back with path None (URL) or as given (missing);
    the readers report what they cannot open.
    """
    from claimtrail.ingest.fetch import is_url

    for given in inputs:
        item = str(given)   # Path objects are welcome too
        if is_url(item):
            yield item, None
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk(path):
                yield str(file), file
        else:
            yield item, path
