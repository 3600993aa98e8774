"""A folder of hostile inputs next to good articles, and what ingest must make of each.

    expected = build(folder, line_sizes=(1_000_000,))

writes gzip bombs, deeply nested HTML and JSON, billion laughs and XXE feeds, a
truncated WARC, lone surrogates in content and in a file name, binary data under text
names, empty and NUL files, symlink loops and single-line documents of ordinary prose
(the vendored ukraine-news articles joined on one line) of the given sizes. Used by
tests/test_hostile_corpus.py (small sizes) and benchmarks/hostile_bench.py (1-50 MB).

``expected.good`` are inputs that must be stored exactly once; ``expected.bad`` must be
refused with a logged reason containing the given words; ``expected.logged`` may be read
or refused but must have a log row of their own; ``expected.secret`` must never appear
in a stored text (XXE).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "vendor" / "shared" / "corpus" / "ukraine-news"


@dataclass
class Expected:
    good: dict[str, str] = field(default_factory=dict)      # path -> words in its stored text
    bad: dict[str, str] = field(default_factory=dict)       # path -> words of its reason
    logged: list[str] = field(default_factory=list)         # paths: any outcome, but logged
    secret: str = ""                                        # never in a stored text

    @property
    def inputs(self) -> int:
        return len(self.good) + len(self.bad) + len(self.logged)


def prose(size: int, seed: int = 0) -> str:
    """About ``size`` characters of real news prose on one line (no line break)."""
    paths = sorted(CORPUS.glob("*.txt"))
    random.Random(seed).shuffle(paths)
    parts: list[str] = []
    total = 0
    for path in paths:
        text = " ".join(path.read_text(encoding="utf-8").split())
        parts.append(text)
        total += len(text) + 1
        if total >= size:
            break
    line = " ".join(parts)
    while len(line) < size:              # the corpus is about 3 MB: repeat it for more
        line = f"{line} {line}"
    return line[:size].rsplit(" ", 1)[0] + "."


def long_line_name(size: int) -> str:
    return f"line-{size // 1_000_000 or size}{'MB' if size >= 1_000_000 else 'B'}.txt"


def build(folder: Path, *, line_sizes: tuple[int, ...] = (1_000_000,),
          articles: int = 6) -> Expected:
    folder.mkdir(parents=True, exist_ok=True)
    exp = Expected()

    def put(name: str, data: bytes | str) -> str:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    # --- good: real articles, and the same words with lone surrogates or a bad name
    seen: set[str] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # whole articles, once each (the corpus holds exact copies and a bare newsletter box)
        if len(text) < 2000 or text in seen or len(seen) >= articles:
            continue
        seen.add(text)
        exp.good[put(path.name, text)] = " ".join(text.split()[:6])
    surrogate = {"title": "Lone \ud800 surrogate", "url": "https://example.org/s",
                 "text": "More than 4,000 soldiers were sent to the border \ud800 this week, "
                         "the defence ministry said on Tuesday."}
    exp.good[put("surrogate.json", json.dumps(surrogate))] = "4,000 soldiers"
    name = os.fsdecode(b"caf\xe9-\xff-name.txt")            # not UTF-8: surrogateescape
    (folder / name).write_bytes(b"Around 1,500 troops were moved to the eastern front, "
                                b"officials said on Monday.")
    exp.good[str(folder / name)] = "1,500 troops"
    mixed = ("Über 2,300 people were evacuated, the governor said. ".encode()
             + "The mayor’s office confirmed 12 deaths.".encode("cp1252"))
    exp.good[put("mixed-encoding.txt", mixed)] = "2,300 people"
    for size in line_sizes:
        line = prose(size, seed=size)
        exp.good[put(long_line_name(size), line)] = " ".join(line.split()[:6])

    # --- bad: refused, each with its own reason
    bomb = gzip.compress(b"<html><body><p>" + b"A" * (60 * 1024 * 1024) + b"</p></body></html>",
                         compresslevel=9)
    exp.bad[put("bomb.html.gz", bomb)] = "decompresses to over"
    exp.bad[put("deep.json", "[" * 200_000 + "]" * 200_000)] = "nested too deeply"
    exp.bad[put("deep-lines.jsonl", '{"text": ' + "[" * 200_000 + "]" * 200_000 + "}\n")] = \
        "nested too deeply"
    exp.bad[put("random.txt", random.Random(1).randbytes(64 * 1024))] = "binary"
    exp.bad[put("image.html", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(4096))] = "binary"
    exp.bad[put("records.json", b"\x00\x01\x02\x03" * 1000)] = "binary"
    exp.bad[put("nul.txt", b"About 300 troops\x00\x00\x00 were sent.")] = "binary"
    exp.bad[put("empty.txt", b"")] = "empty"
    exp.bad[put("truncated.warc.gz", _warc(3)[:-60])] = "truncated"
    (folder / "loop").symlink_to(".", target_is_directory=True)
    exp.bad[str(folder / "loop")] = "link to a folder"
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    exp.bad[str(folder / "ping.txt")] = "loops or points to nothing"
    exp.bad[str(folder / "pong.txt")] = "loops or points to nothing"

    # --- hostile but perhaps readable: must not hang, crash or leak; logged either way
    exp.logged.append(put("deep.html", "<html><body>" + "<div>" * 100_000
                          + "<p>About 300 soldiers were killed, officials said.</p>"
                          + "</div>" * 100_000 + "</body></html>"))
    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    exp.logged.append(put("laughs.rss", f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol0 "lol">{laughs}]>
<rss version="2.0"><channel><title>t</title><item><title>Laughs</title>
<description>About 200 troops were sent, officials said. &lol9;</description>
</item></channel></rss>"""))
    secret_dir = folder.parent / f"{folder.name}-secret"
    secret_dir.mkdir(exist_ok=True)
    exp.secret = "XXE-SECRET-7f3a9c"
    (secret_dir / "secret.txt").write_text(exp.secret)
    exp.logged.append(put("xxe.rss", f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_dir / 'secret.txt'}">]>
<rss version="2.0"><channel><title>t</title><item><title>XXE</title>
<description>About 700 troops were sent, officials said. &xxe;</description>
</item></channel></rss>"""))
    exp.logged.append(put("xxe.html", f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret_dir / 'secret.txt'}">]>
<html><body><article><p>About 800 troops were sent to the front, officials said. &xxe;</p>
<p>The ministry said the figure could not be confirmed independently.</p></article>
</body></html>"""))
    return exp


def _warc(pages: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(pages):
        body = (f"<html><head><title>Page {n}</title></head><body><article><p>About "
                f"{n + 1},200 troops were sent to the border, the ministry said on Monday."
                "</p><p>Officials said the figure could not be confirmed.</p>"
                "</article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/warc/{n}", "response", payload=io.BytesIO(body),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"}))
    return buffer.getvalue()
