"""Every input format, and every kind of bad input: one problem each, the batch goes on."""
from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimtrail.config import IngestSettings
from claimtrail.ingest import count_inputs, iter_documents
from claimtrail.models import Document, IngestProblem

DATA = Path(__file__).parent / "data" / "ingest"


def read(*inputs: str | Path, **kwargs: object) -> list[Document | IngestProblem]:
    return list(iter_documents([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def docs_of(items: list[Document | IngestProblem]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def problems_of(items: list[Document | IngestProblem]) -> list[IngestProblem]:
    return [i for i in items if isinstance(i, IngestProblem)]


def test_html_file_with_metadata() -> None:
    [doc] = read(DATA / "article.html")
    assert doc.id == "article.html" and doc.format == "html"
    assert doc.title == "Kyiv says 1,200 troops moved to the border"
    assert doc.outlet == "Example News" and doc.author == "Jane Reporter"
    assert doc.published == "2024-03-05" and doc.published_from == "html"
    assert "at least 40 armoured vehicles" in doc.text
    for furniture in ("Share on Facebook", "Subscribe button", "All rights reserved", "Home"):
        assert furniture not in doc.text


def test_gzipped_html_and_truncated_gzip(tmp_path: Path) -> None:
    packed = gzip.compress((DATA / "article.html").read_bytes())
    (tmp_path / "page.html.gz").write_bytes(packed)
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) * 2 // 3])
    items = read(tmp_path)
    cut_problem = [p for p in problems_of(items) if p.input.endswith("cut.html.gz")]
    assert len(cut_problem) == 1 and "truncated" in cut_problem[0].reason
    ids = [d.id for d in docs_of(items)]
    assert "page.html.gz" in ids    # the cut page keeps what was readable, if anything


def test_json_object_holding_a_list() -> None:
    items = read(DATA / "records.json")
    docs = docs_of(items)
    assert [d.id for d in docs] == ["https://news.example.com/a/1", "records.json#3"]
    first = docs[0]
    assert first.title == "Border guards detain 14" and first.outlet == "Example Daily"
    assert first.published == "2024-04-02T07:00:00Z" and first.published_from == "metadata"
    assert first.author == "A. Writer, B. Writer"
    assert docs[1].format == "json" and "3 new shelters" in docs[1].text  # from raw_html
    assert docs[1].published == "2024-03-03"
    [problem] = problems_of(items)
    assert problem.input.endswith("records.json:record 2") and "no text" in problem.reason


def test_json_list_and_jsonl_despite_json_name(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('[{"body": "One: 5 boats.", "url": "http://x.org/1"}]')
    (tmp_path / "lines.json").write_text('{"text": "First, 9 cars."}\n{"text": "Second, 4."}\n')
    (tmp_path / "bad.json").write_text('{"text": "unfinished"')
    items = read(tmp_path)
    assert [d.id for d in docs_of(items)] == ["lines.json#1", "lines.json#2", "http://x.org/1"]
    [problem] = problems_of(items)
    assert problem.input.endswith("bad.json") and "invalid JSON at line 1" in problem.reason


def test_jsonl_keeps_good_lines_and_names_bad_ones() -> None:
    items = read(DATA / "records.jsonl")
    docs = docs_of(items)
    assert [d.id for d in docs] == ["records.jsonl#1", "records.jsonl#3"]
    assert docs[0].outlet == "Wire One" and docs[0].published == "2024-04-01T10:00:00Z"
    assert docs[0].extra["record_id"] == 7
    assert docs[1].published == "2024-04-01T10:00:00Z"          # epoch seconds
    reasons = {p.input.split(":", 1)[1]: p.reason for p in problems_of(items)}
    assert "malformed JSON line: Unterminated string" in reasons["line 2"]
    assert "not an object" in reasons["line 5"]


def test_rss_feed() -> None:
    items = read(DATA / "feed.rss")
    docs = docs_of(items)
    assert [d.format for d in docs] == ["rss", "rss"]
    first = docs[0]
    assert first.id == first.url == "https://wire.example.org/2024/01/wounded"
    assert first.published == "2024-01-16T08:15:00Z" and first.published_from == "feed"
    assert first.author == "Wire Desk" and first.language == "en"
    assert first.text == ("Regional officials said on Monday that some 300 soldiers had been "
                          "wounded in a week of fighting near the town.\n\n"
                          "The figure could not be independently verified.")
    assert "12 people from the rubble" in docs[1].text     # summary-only entry
    [problem] = problems_of(items)
    assert problem.input.endswith("feed.rss#3") and "no content" in problem.reason


def test_atom_feed_and_sniffed_xml(tmp_path: Path) -> None:
    shutil.copy(DATA / "feed.atom", tmp_path / "desk.xml")     # .xml: sniffed as a feed
    for path in (DATA / "feed.atom", tmp_path / "desk.xml"):
        [doc] = read(path)
        assert doc.format == "atom" and doc.author == "Atom Reporter"
        assert doc.published == "2024-02-01T09:00:00Z"
        assert doc.text.startswith("The mayor said overnight shelling damaged 25 buildings")


def make_warc(pages: int, gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    article = (DATA / "article.html").read_bytes()
    for n in range(pages):
        body = article.replace(b"1,200", f"{n + 1},200".encode())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/page/{n}", "response", payload=io.BytesIO(body),
            http_headers=headers, warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"}))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/img/{n}.png", "response", payload=io.BytesIO(b"\x89PNG.."),
            http_headers=image))
    return buffer.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_become_documents(tmp_path: Path, gz: bool) -> None:
    name = "crawl.warc.gz" if gz else "crawl.warc"
    (tmp_path / name).write_bytes(make_warc(3, gz))
    items = read(tmp_path / name)
    assert not problems_of(items)
    docs = docs_of(items)
    assert [d.id for d in docs] == [f"https://example.org/page/{n}" for n in range(3)]
    assert all(d.format == "warc" for d in docs)
    assert "2,200 additional troops" in docs[1].text
    assert docs[0].published == "2024-03-05" and docs[0].published_from == "html"


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path, gz: bool) -> None:
    data = make_warc(4, gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: int(len(data) * 0.6)])
    items = read(path)
    docs, problems = docs_of(items), problems_of(items)
    assert 1 <= len(docs) < 4
    assert [d.id for d in docs] == [f"https://example.org/page/{n}" for n in range(len(docs))]
    assert len(problems) == 1 and "truncated" in problems[0].reason


def test_bad_files_each_get_one_problem(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "blob.txt").write_bytes(b"text then \x00\x01\x02 binary")
    (tmp_path / "noext").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "strange.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "good.txt").write_text("A good file says 12 tanks were seen.")
    (tmp_path / "nothing.jsonl").write_text("\n\n")
    (tmp_path / "nothing.json").write_text("[]")
    (tmp_path / "nothing.warc").write_bytes(b"")
    items = read(tmp_path, tmp_path / "missing.txt")
    reasons = {Path(p.input).name: p.reason for p in problems_of(items)}
    assert "unsupported file type .png" in reasons["photo.png"]
    assert "binary" in reasons["blob.txt"]
    assert "binary" in reasons["noext"]
    assert "unknown text encoding" in reasons["strange.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "empty" in reasons["nothing.jsonl"] and "empty" in reasons["nothing.json"]
    assert "not a WARC archive" in reasons["nothing.warc"]
    assert [d.id for d in docs_of(items)] == ["good.txt"]


def test_encodings(tmp_path: Path) -> None:
    text = "Zelenskyy said “11,000” soldiers — café."
    (tmp_path / "a_utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b_bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "c_cp1252.txt").write_bytes(text.encode("cp1252"))
    docs = docs_of(read(tmp_path))
    assert [d.text for d in docs] == [text, text, text]


def test_file_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 1000)
    [problem] = read(tmp_path / "big.txt", settings=IngestSettings(max_file_bytes=100))
    assert isinstance(problem, IngestProblem) and "cap" in problem.reason


def test_folder_order_ids_progress_and_count() -> None:
    folder = DATA / "folder"
    seen: list[str] = []
    docs = docs_of(read(folder, progress=seen.append))
    assert [d.id for d in docs] == ["a.txt", "plain.txt", "nested.txt"]
    assert [Path(s).name for s in seen] == ["a.txt", "plain.txt", "nested.txt"]
    assert count_inputs([str(folder), "https://example.org/x"]) == 4
    plain = docs[1]
    assert plain.title == "A plain headline" and plain.origin == "Example Post"
    assert "General" not in plain.text


def test_manifest_fills_metadata() -> None:
    docs = docs_of(read(DATA / "folder", manifest=str(DATA / "manifest.csv")))
    plain = next(d for d in docs if d.id == "plain.txt")
    assert (plain.published, plain.published_from) == ("2023-05-06", "manifest")
    assert plain.outlet == "Manifest Outlet" and plain.title == "Manifest Title"
    assert plain.url == "https://m.example.org/plain"
    other = next(d for d in docs if d.id == "a.txt")
    assert other.published is None and other.outlet is None


def test_bad_manifest_is_reported_and_ingest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("name,date\nx,2020-01-01\n")
    items = read(DATA / "folder" / "a.txt", manifest=str(tmp_path / "m.csv"))
    assert isinstance(items[0], IngestProblem) and "'id' or 'file'" in items[0].reason
    assert isinstance(items[1], Document)


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"Story from folder {sub}: 3 ships.")
    ids = [d.id for d in docs_of(read(tmp_path))]
    assert ids[0] == "story.txt" and ids[1].endswith("two/story.txt")


def test_jsonl_gz_is_streamed_and_a_cut_keeps_earlier_lines(tmp_path: Path) -> None:
    lines = "".join(f'{{"text": "Record {n} reports {n} boats.", "url": "http://x.org/{n}"}}\n'
                    for n in range(200))
    packed = gzip.compress(lines.encode())
    (tmp_path / "dump.jsonl.gz").write_bytes(packed)
    docs = docs_of(read(tmp_path / "dump.jsonl.gz"))
    assert len(docs) == 200 and docs[-1].id == "http://x.org/199"
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    items = read(tmp_path / "cut.jsonl.gz")
    docs, problems = docs_of(items), problems_of(items)
    assert 0 < len(docs) < 200
    assert [d.id for d in docs] == [f"http://x.org/{n}" for n in range(len(docs))]
    assert len(problems) == 1 and "truncated" in problems[0].reason


def test_streamed_containers_are_not_held_to_the_file_cap(tmp_path: Path) -> None:
    """A WARC or JSONL dump bigger than the single-file cap is read record by record."""
    (tmp_path / "crawl.warc.gz").write_bytes(make_warc(10, gz=True))
    (tmp_path / "dump.jsonl").write_text('{"text": "First: 4 ships."}\n' * 400)
    small = IngestSettings(max_file_bytes=2500)   # above each record, below each file
    assert all((tmp_path / name).stat().st_size > 2500 for name in ("crawl.warc.gz",
                                                                      "dump.jsonl"))
    items = read(tmp_path, settings=small)
    assert not problems_of(items)
    assert len(docs_of(items)) == 10 + 400


def test_warc_without_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "archive").write_bytes(make_warc(2, gz=True))
    docs = docs_of(read(tmp_path / "archive"))
    assert [d.format for d in docs] == ["warc", "warc"]


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    [problem] = read(tmp_path / "bomb.html.gz", settings=IngestSettings(max_file_bytes=100_000))
    assert isinstance(problem, IngestProblem) and "over" in problem.reason


def test_json_records_keyed_by_url(tmp_path: Path) -> None:
    (tmp_path / "keyed.json").write_text(
        '{"https://a.example/1": {"articleBody": "Body one: 6 boats."},'
        ' "k2": {"articleBody": "Body two: 8 cars."}}')
    docs = docs_of(read(tmp_path / "keyed.json"))
    assert [d.id for d in docs] == ["https://a.example/1", "keyed.json#2"]
    assert docs[0].url == "https://a.example/1" and docs[1].extra["record_key"] == "k2"


def test_language_from_script_and_site_name_without_tagline() -> None:
    from claimtrail.ingest.metadata import clean_site_name, guess_language

    chinese = "武汉的声音：有英勇的你，才有英雄的城！" "越是到疫情防控最为吃劲的时候"
    assert guess_language(chinese) == "zh"
    assert guess_language("Сьогодні у Києві відбулася зустріч міністрів оборони країн") == "uk"
    assert guess_language("The minister said that the troops were sent to the border on Monday") \
        == "en"
    assert guess_language("12 34 56") is None
    assert clean_site_name("WSVN 7News | Miami News, Weather, Sports") == "WSVN 7News"


def test_unlistable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root here, so a permission error is simulated at the OS call."""
    import os

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text("Never read: 9 jets.")
    (tmp_path / "open.txt").write_text("Read: 2 jets.")
    real_scandir, real_listdir = os.scandir, os.listdir

    def deny(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", lambda p: deny(p) if str(p).endswith("locked")
                        else real_scandir(p))
    monkeypatch.setattr(os, "listdir", lambda p: deny(p) if str(p).endswith("locked")
                        else real_listdir(p))
    items = read(tmp_path)
    assert [d.id for d in docs_of(items)] == ["open.txt"]
    [problem] = problems_of(items)
    assert problem.input.endswith("locked") and "Permission denied" in problem.reason


@pytest.mark.parametrize("raw,iso", [
    ("2024-01-05T10:00:00+02:00", "2024-01-05T08:00:00Z"),
    ("2024-01-05", "2024-01-05"),
    ("Tue, 16 Jan 2024 08:15:00 GMT", "2024-01-16T08:15:00Z"),
    ("March 3, 2024", "2024-03-03"),
    ("1711965600", "2024-04-01T10:00:00Z"),
    ("2 hours ago", None),          # relative: meaningless once archived
    ("12", None),                   # a bare number is not a date
    ("2024-02-30", None),
])
def test_dates_are_normalised(raw: str, iso: str | None) -> None:
    from claimtrail.ingest.metadata import normalise_date

    assert normalise_date(raw) == iso
