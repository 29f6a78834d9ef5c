"""Tests for rasd.ingest.readers: text files, encodings, binary/empty/big files, JSON Lines, directories."""

from __future__ import annotations

import builtins
import datetime as dt
import io
import itertools
import json
import time
from pathlib import Path
from typing import Any

import pytest

from rasd.errors import InputError
from rasd.ingest import ReadResult, parse_published, read_paths, read_text

ARABIC = "قصفت طائرات حربية مدينة حلب صباح اليوم، ما أدى إلى مقتل 12 مدنياً «على الأقل» وإصابة آخرين."
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"


def read_one(path: Path, **kwargs: Any) -> ReadResult:
    results = list(read_paths([path], **kwargs))
    assert len(results) == 1, results
    return results[0]


def error_code(result: ReadResult) -> str | None:
    return result.error.code if result.error else None


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- text files ------------------------------------------------------------------------------------------


def test_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("utf-8"))
    result = read_one(path, published=dt.date(2017, 11, 12))
    assert result.ok and result.error is None and result.notes == ()
    assert result.article is not None
    assert result.article.id == str(path) == result.source
    assert result.article.text == ARABIC
    assert result.article.published == dt.date(2017, 11, 12)
    assert result.article.encoding_note is None and result.article.title_end is None


def test_text_file_has_no_date_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARABIC, encoding="utf-8")
    article = read_one(path).article
    assert article is not None and article.published is None


def test_id_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    article = read_one("./a.txt").article  # type: ignore[arg-type]
    assert article is not None and article.id == "./a.txt"


def test_lone_string_path_is_not_iterated_as_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARABIC, encoding="utf-8")
    assert [r.ok for r in read_paths(str(path))] == [True]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbf" + ARABIC.encode(), ARABIC),  # BOM stripped
        ("سطر\r\nسطر ثان\r\n".encode(), "سطر\nسطر ثان\n"),  # CRLF
        ("سطر\rسطر ثان".encode(), "سطر\nسطر ثان"),  # lone CR (old Mac)
        ("  سطر\n\n".encode(), "  سطر\n\n"),  # otherwise verbatim: no stripping
    ],
    ids=["bom", "crlf", "cr", "verbatim"],
)
def test_normalisation(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    article = read_one(path).article
    assert article is not None and article.text == expected


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("utf-16"))  # Notepad's "Unicode": full of NUL bytes, but text
    result = read_one(path)
    assert result.article is not None and result.article.text == ARABIC
    assert result.article.encoding_note == "utf-16"


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \n\t\r\n", b"\xef\xbb\xbf  \n", "\u00a0\u00a0\n".encode()],
    ids=["empty", "whitespace", "bom-and-spaces", "nbsp-only"],
)
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    result = read_one(path)
    assert error_code(result) == "E102" and not result.ok
    assert str(path) in str(result.error)


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
        ("نص".encode() + b"\x00\x01\x02 text", "NUL bytes"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08defghij", "control characters"),
    ],
    ids=["png", "pdf", "zip", "gzip", "nul", "controls"],
)
def test_binary_file(tmp_path: Path, raw: bytes, detail: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    result = read_one(path)
    assert error_code(result) == "E103"
    assert detail in str(result.error) and "binary file" in str(result.error)


def test_cp1256_file_decoded_with_note(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    result = read_one(path)
    assert result.article is not None and result.article.text == ARABIC
    assert result.article.encoding_note == "cp1256"
    assert len(result.notes) == 1 and result.notes[0].startswith("[W101]") and str(path) in result.notes[0]


@pytest.mark.parametrize(
    "text",
    ["Le café est très bon, déjà vu à Paris. Grüße aus München, señor!", "Ünïcödé ÄÖÜ äöü ß " * 20],
    ids=["french-spanish", "german"],
)
def test_latin1_is_not_taken_for_cp1256(tmp_path: Path, text: str) -> None:
    # Only decode as cp1256 when the result is clearly Arabic; Latin-1 text is refused, not turned into
    # something that merely happens to decode.
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("latin-1"))
    result = read_one(path)
    assert error_code(result) == "E104"
    assert "not UTF-8" in str(result.error) and "--encoding" in str(result.error)


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Le café est très bon.".encode("latin-1"))
    result = read_one(path, encoding="latin-1")
    assert result.article is not None and result.article.text == "Le café est très bon."
    assert result.notes == ()


def test_forced_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    result = read_one(path, encoding="utf-8")
    assert error_code(result) == "E104" and "not valid utf-8" in str(result.error)


def test_unknown_encoding_raises_at_once() -> None:
    with pytest.raises(InputError) as info:
        read_paths(["x.txt"], encoding="no-such-codec")
    assert info.value.code == "E111"


def test_damaged_utf8_is_not_mojibake(tmp_path: Path) -> None:
    # A UTF-8 Arabic file cut off mid-character is damaged UTF-8 (W102), never cp1256 mojibake like "ط§ظ„".
    path = tmp_path / "a.txt"
    path.write_bytes((ARABIC * 3 + "ن").encode()[:-1])
    result = read_one(path)
    assert result.article is not None
    assert result.article.text.startswith(ARABIC) and result.article.text.endswith("\ufffd")
    assert result.notes and result.notes[0].startswith("[W102]")
    assert "ط§" not in result.article.text


def test_heavily_damaged_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    raw = ARABIC.encode()
    path.write_bytes(bytes(b for i, b in enumerate(raw) if i % 3))  # every third byte dropped
    assert error_code(read_one(path)) == "E104"


def test_missing_file(tmp_path: Path) -> None:
    result = read_one(tmp_path / "nope.txt")
    assert error_code(result) == "E101" and "no such file" in str(result.error)


# --- size limit ------------------------------------------------------------------------------------------


@pytest.fixture
def no_open(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Make opening any path in the returned set fail the test (checks a file is refused unread)."""
    forbidden: set[str] = set()
    real_open = builtins.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) in forbidden:
            raise AssertionError(f"{file} was opened")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    return forbidden


def test_file_over_max_bytes(tmp_path: Path, no_open: set[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode())
    no_open.add(str(path))
    size = path.stat().st_size
    result = read_one(path, max_bytes=100)
    assert error_code(result) == "E105"
    assert f"{size} bytes is over the 100-byte limit" in str(result.error)


def test_file_at_max_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARABIC.encode())
    assert read_one(path, max_bytes=path.stat().st_size).ok


def test_50mb_article_refused_without_reading(tmp_path: Path, no_open: set[str]) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50_000_000)  # sparse: instant, and takes no disk space
    no_open.add(str(path))
    start = time.perf_counter()
    result = read_one(path)
    assert time.perf_counter() - start < 1.0
    assert error_code(result) == "E105"
    assert "50000000 bytes is over the 20000000-byte limit" in str(result.error)


# --- JSON Lines ------------------------------------------------------------------------------------------


def test_jsonl_bad_line_in_the_middle(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        json.dumps({"id": "a1", "content": ARABIC}),
        '{"id": "a2", "content": "نص"',  # unterminated
        json.dumps({"id": "a3", "content": ARABIC}),
    ])
    results = list(read_paths([path]))
    assert [r.article.id if r.article else error_code(r) for r in results] == ["a1", "E106", "a3"]
    assert "line 2" in str(results[1].error) and str(path) in str(results[1].error)
    assert results[1].source == f"{path}#line-2"


def test_jsonl_saudinewsnet_fields(tmp_path: Path) -> None:
    record = {
        "source": "aawsat",
        "url": "http://aawsat.com/home/article/410411",
        "date_extracted": "2015-07-21 02:51:40",
        "title": "مذبحة حوثية في عدن",
        "author": "صنعاء: عرفات مدابش",
        "content": "ارتكبت الميليشيات\r\n\r\nمجزرة",
    }
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(record, ensure_ascii=False)])
    article = read_one(path, published=dt.date(2000, 1, 1)).article
    assert article is not None
    assert article.published == dt.date(2015, 7, 21)  # the record's own date wins over --published
    assert article.outlet == "aawsat" and article.url == record["url"]
    assert article.text == "مذبحة حوثية في عدن\n\nارتكبت الميليشيات\n\nمجزرة"
    assert article.title_end == len("مذبحة حوثية في عدن")
    assert article.text[: article.title_end] == record["title"]


def test_jsonl_missing_id_and_line_numbers(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        json.dumps({"text": ARABIC}), "", "   ", json.dumps({"id": 7, "content": ARABIC}),
        json.dumps({"id": "", "content": ARABIC}),
    ])
    results = list(read_paths([path]))  # blank lines are skipped silently but still counted
    assert [r.article.id for r in results if r.article] == [f"{path}#line-1", "7", f"{path}#line-5"]


@pytest.mark.parametrize(
    ("record", "published"),
    [
        ({"published": "2017-11-12"}, dt.date(2017, 11, 12)),
        ({"published": "2017-11-12T23:30:00+03:00"}, dt.date(2017, 11, 12)),  # date as written, no tz shift
        ({"published": "2017-11-12T23:30:00Z"}, dt.date(2017, 11, 12)),
        ({"date_extracted": "2015-07-21 02:51:40"}, dt.date(2015, 7, 21)),
        ({}, dt.date(2020, 5, 1)),  # --published fills in a missing date
        ({"published": None}, dt.date(2020, 5, 1)),
        ({"published": ""}, dt.date(2020, 5, 1)),
    ],
)
def test_jsonl_dates(tmp_path: Path, record: dict[str, Any], published: dt.date) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps({"content": ARABIC, **record})])
    article = read_one(path, published=dt.date(2020, 5, 1)).article
    assert article is not None and article.published == published


def test_jsonl_without_published_argument(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps({"content": ARABIC})])
    article = read_one(path).article
    assert article is not None and article.published is None


@pytest.mark.parametrize(
    ("line", "code", "fragment"),
    [
        (json.dumps({"published": "2017-13-45", "content": ARABIC}), "E108", "'2017-13-45'"),
        (json.dumps({"published": 20171112, "content": ARABIC}), "E108", "20171112"),
        (json.dumps({"title": "عنوان", "author": "x"}), "E107", "no text"),
        (json.dumps({"content": "   "}), "E107", "no text"),
        (json.dumps({"content": ["فقرة"]}), "E107", "no text"),
        ("[1, 2, 3]", "E106", "expected an object"),
        ("not json at all", "E106", "invalid JSON"),
        ("[" * 100_000, "E106", "invalid JSON"),
    ],
    ids=["bad-date", "numeric-date", "no-content", "blank-content", "list-content", "array", "garbage",
         "deep"],
)
def test_jsonl_bad_records_are_skipped(tmp_path: Path, line: str, code: str, fragment: str) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [line, json.dumps({"id": "ok", "content": ARABIC})])
    bad, good = list(read_paths([path]))
    assert error_code(bad) == code and fragment in str(bad.error) and "line 1" in str(bad.error)
    assert good.article is not None and good.article.id == "ok"


def test_jsonl_line_over_max_bytes(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [
        json.dumps({"id": "big", "content": "ا" * 500}), json.dumps({"id": "small", "content": "نص"}),
    ])
    big, small = list(read_paths([path], max_bytes=200))
    assert error_code(big) == "E105" and "line 1" in str(big.error) and "200-byte limit" in str(big.error)
    assert small.article is not None and small.article.id == "small"


def test_jsonl_cp1256_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps({"content": ARABIC}, ensure_ascii=False).encode("cp1256") + b"\n")
    result = read_one(path)
    assert result.article is not None and result.article.text == ARABIC
    assert result.notes and "line 1" in result.notes[0] and result.notes[0].startswith("[W101]")


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"", "E102"), (b"\n\n  \n", "E102"), (b"\xef\xbb\xbf\n", "E102"), (b"\x1f\x8b\x08\x00rest", "E103"),
     ("{}".encode("utf-16"), "E104")],
    ids=["empty", "blank-lines", "bom-only", "gzip", "utf16"],
)
def test_jsonl_whole_file_problems(tmp_path: Path, raw: bytes, code: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(raw)
    assert error_code(read_one(path)) == code


def test_json_file_kinds(tmp_path: Path) -> None:
    lines = tmp_path / "lines.json"
    write_jsonl(lines, [json.dumps({"id": i, "content": ARABIC}) for i in ("x", "y")])
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps({"id": "x", "content": ARABIC}, indent=2), encoding="utf-8")
    assert [r.article.id for r in read_paths([lines]) if r.article] == ["x", "y"]
    article = read_one(pretty).article  # not JSON Lines: an ordinary text article
    assert article is not None and article.id == str(pretty) and article.text.startswith("{\n")


# --- directories -----------------------------------------------------------------------------------------


def test_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["b.txt", "a.md", "sub/c.txt", "z.jsonl", "skip.html", ".dot.txt", ".hidden/d.txt", "E.TXT"]:
        target = tmp_path / name
        if name.endswith("jsonl"):
            write_jsonl(target, [json.dumps({"content": ARABIC}), json.dumps({"content": ARABIC})])
        else:
            target.write_text(ARABIC, encoding="utf-8")
    ids = [r.article.id for r in read_paths([tmp_path], published=dt.date(2020, 1, 2)) if r.article]
    z = str(tmp_path / "z.jsonl")
    expected = ["E.TXT", "a.md", "b.txt", "sub/c.txt"]
    assert ids == [str(tmp_path / name) for name in expected] + [f"{z}#line-1", f"{z}#line-2"]


def test_directory_published_fills_in(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    results = list(read_paths([tmp_path], published=dt.date(2020, 1, 2)))
    assert [r.article.published for r in results if r.article] == [dt.date(2020, 1, 2)]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.html").write_text("x", encoding="utf-8")
    result = read_one(tmp_path)
    assert error_code(result) == "E112"


def test_mixed_paths_go_on_after_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARABIC, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = list(read_paths([tmp_path / "missing.txt", empty, good]))
    assert [error_code(r) for r in results] == ["E101", "E102", None]


# --- helpers for library users ---------------------------------------------------------------------------


def test_read_text() -> None:
    article = read_text("سطر\r\nسطر", id="x", published=dt.date(2020, 1, 1), title=" عنوان \n")
    assert article.text == "عنوان\n\nسطر\nسطر" and article.title_end == 5 and article.id == "x"
    assert article.published == dt.date(2020, 1, 1)
    assert read_text(ARABIC).text == ARABIC and read_text(ARABIC).id == "<text>"
    with pytest.raises(InputError) as info:
        read_text(" \n")
    assert info.value.code == "E102"


def test_parse_published() -> None:
    assert parse_published("2017-11-12") == dt.date(2017, 11, 12)
    assert parse_published("2017-11-12T08:00:00") == dt.date(2017, 11, 12)
    with pytest.raises(InputError) as info:
        parse_published("12/11/2017")
    assert info.value.code == "E110"


# --- the real corpus -------------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_saudinewsnet_first_50_lines() -> None:
    with CORPUS.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, 50)]
    results = list(itertools.islice(read_paths([CORPUS]), 50))
    assert all(r.ok and r.notes == () for r in results)
    for number, (result, record) in enumerate(zip(results, records, strict=True), start=1):
        article = result.article
        assert article is not None
        assert article.id == f"{CORPUS}#line-{number}"
        assert article.published == dt.date.fromisoformat(record["date_extracted"][:10])
        assert article.outlet == record["source"] and article.url == record["url"]
        title = record["title"].strip()
        assert article.title_end == len(title) and article.text.startswith(title + "\n\n")
        assert article.text.endswith(record["content"].replace("\r\n", "\n"))
        assert "\r" not in article.text
