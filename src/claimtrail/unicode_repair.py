"""Text that is not valid Unicode, made storable and printable.

Python strings may hold code points no encoder accepts: lone surrogates (a JSON
``"\\ud800"``, a file name whose bytes are not UTF-8, decoded with surrogateescape) and
NUL, which SQLite's FTS5 treats as the end of a string. Any of them used to end a whole
ingest with a UnicodeEncodeError. Every string that leaves a reader goes through here:

* ``repair_name`` for file names and paths: the bytes the surrogates stand for are
  decoded again as UTF-8, else windows-1252, so "caf\\udce9.txt" is shown as "café.txt";
* ``repair_text`` for content: lone surrogates become U+FFFD and NUL is dropped.

Both return the string unchanged (the same object) in the common case, after one
C-speed regex search, so they cost nothing on clean input.
"""
from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00\ud800-\udfff]")
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")


def repair_text(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD and NUL characters removed."""
    if _UNSAFE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text.replace("\x00", ""))


def repair_name(name: str) -> str:
    """A file name or path as a person would read it (see the module docstring)."""
    if _UNSAFE.search(name) is None:
        return name
    fixed = _ESCAPED_RUN.sub(_decode_escaped, name.replace("\x00", ""))
    return _SURROGATE.sub("\ufffd", fixed)


def _decode_escaped(match: re.Match[str]) -> str:
    raw = match.group().encode("utf-8", "surrogateescape")   # the bytes they stand for
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def needs_repair(text: str | None) -> bool:
    return text is not None and _UNSAFE.search(text) is not None


def repair_value(value: Any) -> Any:
    """``repair_text`` through the strings of a JSON-like value (dicts, lists)."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, dict):
        return {repair_text(str(k)): repair_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [repair_value(v) for v in value]
    return value
