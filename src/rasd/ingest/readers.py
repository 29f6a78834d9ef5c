"""Read articles from files: plain-text articles and JSON Lines records.

``read_paths`` never raises for bad input: it yields one ``ReadResult`` per article, or per file or line that
could not be read, so one broken file never stops a batch.

The text rasd stores -- and every offset in rasd points into -- is the decoded text with a leading byte-order
mark removed and line endings normalised to ``\\n`` (``\\r\\n`` and a lone ``\\r`` both become ``\\n``).
Nothing else is changed: no stripping, no Unicode normalisation.

Decoding, in order: ``encoding=`` if given; a UTF-16/UTF-32 byte-order mark; UTF-8; UTF-8 with at most 2%
damaged sequences (U+FFFD and note W102: a cut-off download, not another encoding); cp1256 (Windows Arabic)
only when the result is clearly Arabic text (note W101); otherwise E104.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from charset_normalizer import from_bytes

from rasd.errors import InputError, note
from rasd.model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl")
SNIFF_BYTES = 8192  # how much of a file the binary check looks at
_CHUNK = 1 << 20

# Known file signatures, so the error can say what the file is instead of just "binary".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"), (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document (.doc/.xls)"),
    (b"\x7fELF", "ELF executable"), (b"SQLite format 3\x00", "SQLite database"),
)
# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# C0 controls that never occur in text (tab, newline, vertical tab, form feed and carriage return do).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\v\f\r") + b"\x7f"
# Non-letters that cp1256 Arabic text legitimately contains besides ASCII and the Arabic block.
_ARABIC_TYPOGRAPHY = frozenset("«»…‘’“”•–—×÷\u00a0\u00ad\u200c\u200d\u200e\u200f")
_ASCII_SPACE = b" \t\n\v\f\r"


@dataclass(frozen=True)
class ReadResult:
    """One article read, or one file/line that could not be read (``error`` set, ``article`` None).

    ``notes`` are warnings for the user (W101 decoded as cp1256, W102 replacement characters); ``source`` is
    the path, or ``path#line-N`` for a JSON Lines record.
    """

    article: Article | None
    error: InputError | None
    notes: tuple[str, ...] = ()
    source: str = ""

    @property
    def ok(self) -> bool:
        """True when an article was read."""
        return self.article is not None


@dataclass(frozen=True)
class _Options:
    published: dt.date | None
    max_bytes: int
    encoding: str | None


def read_paths(
    paths: Iterable[str | Path] | str | Path,
    published: dt.date | None = None,
    max_bytes: int = 20_000_000,
    encoding: str | None = None,
) -> Iterator[ReadResult]:
    """Read articles from files and directories, one ``ReadResult`` at a time.

    Directories are walked recursively in sorted order for ``*.txt``, ``*.md``, ``*.json`` and ``*.jsonl``
    files, skipping hidden (dot) files and directories.  ``.jsonl`` files, and ``.json`` files whose every
    non-blank line starts with ``{``, are JSON Lines: one article per line, each line at most ``max_bytes``.
    Any other file is one text article of at most ``max_bytes``, refused (E105) from its size alone.
    ``published`` dates text files and records without a date of their own; ``encoding`` forces the
    encoding.  An unknown ``encoding`` raises ``InputError`` (E111) at once; every other problem is yielded
    as a ``ReadResult`` with ``error`` set.
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError("E111", value=encoding) from None
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    # A lone path is a str, which is itself an iterable of one-character "paths": wrap it.
    items: Iterable[str | Path] = [paths] if isinstance(paths, str | Path) else paths
    return _read_all(items, _Options(published, max_bytes, encoding))


def read_text(
    text: str, *, id: str = "<text>", published: dt.date | None = None, title: str | None = None
) -> Article:
    """Make an ``Article`` from a string, normalised the way ``read_paths`` normalises files.

    With a ``title``, the text is ``title + "\\n\\n" + text`` and ``title_end`` marks the headline.  Raises
    ``InputError`` (E102) when the text is empty or only whitespace.
    """
    body = _clean(text)
    if not body.strip():
        raise InputError("E102", path=id)
    head = _newlines(title.strip()) if title else ""
    if head:
        return Article(id=id, text=f"{head}\n\n{body}", published=published, title_end=len(head))
    return Article(id=id, text=body, published=published)


def read_record(path: str | Path, line: int, published: dt.date | None = None) -> ReadResult:
    """Read the JSON Lines record on ``line`` (counted from 1) of ``path``; ``published`` fills a missing date.

    Used to re-read one article named as ``path#line-N`` (gold files, review screens).
    """
    label = str(path)
    with open(path, "rb") as fh:
        for number, data in enumerate(fh, 1):
            if number == line:
                return _read_record(data.rstrip(b"\r\n"), label, number, _Options(published, 20_000_000, None))
    return _fail("E107", f"{label}#line-{line}", path=label, line=line)


def parse_published(value: str) -> dt.date:
    """Parse a ``--published`` value: YYYY-MM-DD, or an ISO datetime whose date part is used; E110 if not."""
    parsed = _parse_date(value)
    if parsed is None:
        raise InputError("E110", value=value)
    return parsed


# --- files and directories -------------------------------------------------------------------------------


def _fail(code: str, source: str, **fields: Any) -> ReadResult:
    return ReadResult(None, InputError(code, **fields), (), source)


def _read_all(paths: Iterable[str | Path], opts: _Options) -> Iterator[ReadResult]:
    for given in paths:
        label = given if isinstance(given, str) else str(given)  # the id is the path as the user wrote it
        if os.path.isdir(label):
            yield from _read_directory(label, opts)
        else:
            yield from _read_file(label, opts)


def _read_directory(label: str, opts: _Options) -> Iterator[ReadResult]:
    found: list[tuple[str, ...]] = []
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(label, onerror=problems.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = os.path.relpath(dirpath, label)
        prefix = () if rel == "." else Path(rel).parts
        found.extend((*prefix, name) for name in filenames
                     if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES))
    for err in problems:  # an unreadable sub-directory is reported, not silently skipped
        yield _fail("E109", str(err.filename), path=str(err.filename), detail=err.strerror or str(err))
    if not found and not problems:
        yield _fail("E112", label, path=label)
    # Sorting path components (not joined strings) keeps each directory's files together.
    for parts in sorted(found):
        yield from _read_file(os.path.join(label, *parts), opts)


def _read_file(label: str, opts: _Options) -> Iterator[ReadResult]:
    try:
        info = os.stat(label)
    except (FileNotFoundError, NotADirectoryError):
        yield _fail("E101", label, path=label)
        return
    except OSError as err:
        yield _fail("E109", label, path=label, detail=err.strerror or str(err))
        return
    if not stat.S_ISREG(info.st_mode):  # FIFOs and devices could block or never end
        yield _fail("E109", label, path=label, detail="not a regular file")
        return
    suffix = os.path.splitext(label)[1].lower()
    if suffix == ".jsonl" or (suffix == ".json" and _is_json_lines(label)):
        yield from _read_jsonl(label, opts)
    else:
        yield _read_text_file(label, info.st_size, opts)


def _is_json_lines(label: str) -> bool:
    """True when every non-blank line starts with ``{``; streams, so a huge file is never held in memory."""
    at_line_start, seen, first = True, False, True
    try:
        with open(label, "rb") as f:
            while chunk := f.read(_CHUNK):
                if first:
                    chunk, first = chunk.removeprefix(codecs.BOM_UTF8), False
                for i, piece in enumerate(chunk.split(b"\n")):
                    at_line_start = at_line_start or i > 0
                    # A blank piece leaves us at the line start: the line may go on in the next chunk.
                    stripped = piece.lstrip(_ASCII_SPACE) if at_line_start else b""
                    if stripped:
                        if stripped[0] != 0x7B:  # "{"
                            return False
                        at_line_start, seen = False, True
    except OSError:
        return False  # let the text reader report the error
    return seen


def _read_text_file(label: str, size: int, opts: _Options) -> ReadResult:
    # Refuse from the size alone: an over-large file is never opened.
    if size > opts.max_bytes:
        return _fail("E105", label, path=label, size=size, limit=opts.max_bytes)
    try:
        with open(label, "rb") as f:
            data = f.read(opts.max_bytes + 1)
            size = os.fstat(f.fileno()).st_size
    except OSError as err:
        return _fail("E109", label, path=label, detail=err.strerror or str(err))
    if len(data) > opts.max_bytes:  # the file grew after stat
        return _fail("E105", label, path=label, size=size, limit=opts.max_bytes)
    try:
        if not data.strip(_ASCII_SPACE).removeprefix(codecs.BOM_UTF8).strip(_ASCII_SPACE):
            raise InputError("E102", path=label)
        kind = _binary_kind(data[:SNIFF_BYTES], opts.encoding)
        if kind:
            raise InputError("E103", path=label, detail=kind)
        text, enc_note, notes = _decode(data, label, opts.encoding)
        text = _clean(text)
        if not text.strip():  # e.g. only no-break spaces
            raise InputError("E102", path=label)
    except InputError as err:
        return ReadResult(None, err, (), label)
    article = Article(id=label, text=text, published=opts.published, encoding_note=enc_note)
    return ReadResult(article, None, notes, label)


# --- JSON Lines ------------------------------------------------------------------------------------------


def _read_jsonl(label: str, opts: _Options) -> Iterator[ReadResult]:
    seen = False
    try:
        with open(label, "rb") as f:
            head = f.read(SNIFF_BYTES)
            f.seek(0)
            wide = _wide_encoding(head, opts.encoding)
            if wide:  # lines are split on the byte 0x0A, which UTF-16/32 do not use for a newline
                yield _fail("E104", label, path=label, detail=f"{wide}; JSON Lines must be UTF-8")
                return
            kind = _binary_kind(head, opts.encoding)
            if kind:
                yield _fail("E103", label, path=label, detail=kind)
                return
            for number, line, size in _lines(f, opts.max_bytes):
                if line is not None and number == 1:
                    line = line.removeprefix(codecs.BOM_UTF8)
                seen = seen or line is None or bool(line.strip(_ASCII_SPACE))
                if line is None:
                    yield _fail("E105", f"{label}#line-{number}", path=f"{label}: line {number}", size=size,
                                limit=opts.max_bytes)
                elif line.strip(_ASCII_SPACE):  # blank lines between records are allowed
                    yield _read_record(line, label, number, opts)
    except OSError as err:
        yield _fail("E109", label, path=label, detail=err.strerror or str(err))
        return
    if not seen:
        yield _fail("E102", label, path=label)


def _lines(f: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield (line number, line without its ending or None when over ``limit``, size in bytes).

    At most ``limit`` + 2 bytes of a line are held; the rest of an over-long line is counted, not kept.
    """
    number = 0
    while chunk := f.readline(limit + 2):
        number += 1
        complete = chunk.endswith(b"\n") or len(chunk) < limit + 2
        size = len(chunk)
        while not complete:
            more = f.readline(_CHUNK)
            size += len(more)
            complete = not more or more.endswith(b"\n")
            chunk = more if complete else b""  # keep only the tail, to measure the line ending
        size -= 2 if chunk.endswith(b"\r\n") else 1 if chunk.endswith(b"\n") else 0
        if size > limit:
            yield number, None, size
        else:
            yield number, chunk.rstrip(b"\n").removesuffix(b"\r"), size


def _read_record(line: bytes, label: str, number: int, opts: _Options) -> ReadResult:
    where, source = f"{label}: line {number}", f"{label}#line-{number}"
    at = {"path": label, "line": number}
    try:
        raw, enc_note, notes = _decode(line, where, opts.encoding)
        record = json.loads(raw)
    except InputError as err:
        return ReadResult(None, err, (), source)
    except json.JSONDecodeError as err:
        return _fail("E106", source, **at, detail=f"{err.msg} at column {err.colno}")
    except RecursionError:
        return _fail("E106", source, **at, detail="nested too deeply")
    if not isinstance(record, dict):
        return _fail("E106", source, **at, detail=f"expected an object, not {type(record).__name__}")

    body = _str_field(record, "content") or _str_field(record, "text")
    if body is None:
        return _fail("E107", source, **at)
    published = opts.published  # --published only fills in a missing date
    for key in ("published", "date", "date_extracted"):
        value = record.get(key)
        if value is None or value == "":
            continue
        parsed = _parse_date(value)
        if parsed is None:  # a wrong date puts the events in the wrong week: skip the record, don't guess
            return _fail("E108", source, **at, value=value)
        published = parsed
        break

    title = _str_field(record, "title")
    body = _newlines(body)  # title and body separately, so title_end counts the normalised headline
    head = _newlines(title.strip()) if title else ""
    text, title_end = (f"{head}\n\n{body}", len(head)) if head else (body, None)
    article = Article(
        id=_str_field(record, "id") or source,
        text=text,
        published=published,
        url=_str_field(record, "url"),
        outlet=_str_field(record, "source") or _str_field(record, "outlet"),
        title_end=title_end,
        encoding_note=enc_note,
    )
    return ReadResult(article, None, notes, source)


def _str_field(record: dict[str, Any], key: str) -> str | None:
    """A non-blank string field (numbers accepted, for ids); stripped, except the article body."""
    value = record.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return value if key in ("content", "text", "title") else value.strip()


def _parse_date(value: object) -> dt.date | None:
    """YYYY-MM-DD or an ISO datetime (``2015-07-21 02:51:40``, ``...T...Z``): its date as written."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    for parse in (dt.date.fromisoformat, lambda s: dt.datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    if text[10:11] in ("T", "t", " "):  # e.g. nanosecond timestamps, which fromisoformat rejects
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


# --- bytes to text ---------------------------------------------------------------------------------------


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _clean(text: str) -> str:
    return _newlines(text.removeprefix("\ufeff"))


def _wide_encoding(head: bytes, encoding: str | None) -> str | None:
    """The UTF-16/32 codec named by ``encoding`` or by a byte-order mark (such text is full of NULs)."""
    if encoding is not None:
        name = codecs.lookup(encoding).name
        return name if name.startswith(("utf-16", "utf-32")) else None
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def _binary_kind(head: bytes, encoding: str | None) -> str | None:
    """What a file looks like if it is not text (for E103), else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"looks like {'an' if what[:1] in 'AEIOU' else 'a'} {what}"
    if _wide_encoding(head, encoding):
        return None
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls >= 4 and controls * 20 > len(head):  # over 5%: text has next to none
        return f"{controls} control characters in the first {len(head)} bytes"
    return None


def _decode(data: bytes, where: str, encoding: str | None) -> tuple[str, str | None, tuple[str, ...]]:
    """Decode to (text, the Article's encoding_note, notes for the user); E104 when no rule fits."""
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise InputError("E104", path=where, detail=f"not valid {encoding}: {_describe(err)}") from None
        name = codecs.lookup(encoding).name
        return text, (None if name == "utf-8" else name), ()
    wide = _wide_encoding(data, None)
    if wide:
        try:
            return data.decode(wide), wide, ()  # the codec consumes the byte-order mark
        except UnicodeDecodeError as err:
            raise InputError("E104", path=where, detail=f"{wide} mark but {_describe(err)}") from None
    try:
        return data.decode("utf-8"), None, ()
    except UnicodeDecodeError as err:
        first_error = err
    # A few bad sequences among many good ones is damaged UTF-8 (a cut-off download), not another encoding.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    if good > 0 and bad * 50 <= good:
        detail = f"{bad} invalid UTF-8 sequence{'s' if bad > 1 else ''} replaced with U+FFFD"
        return replaced, "utf-8 (replaced)", (note("W102", path=where, detail=detail),)
    candidate = data.decode("cp1256")  # cp1256 maps all 256 bytes, so this cannot fail
    if _clearly_arabic(candidate):
        return candidate, "cp1256", (note("W101", path=where),)
    detail = f"not UTF-8 ({_describe(first_error)}) and not Arabic as cp1256"
    guess = from_bytes(data[:65536]).best()  # a second opinion, only to help the user pick --encoding
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        detail += f"; charset-normalizer guesses {guess.encoding}"
    raise InputError("E104", path=where, detail=detail)


def _describe(err: UnicodeDecodeError) -> str:
    return f"byte 0x{err.object[err.start]:02X} at offset {err.start}: {err.reason}"


def _clearly_arabic(text: str, sample: int = 100_000) -> bool:
    """True when text decoded as cp1256 reads as Arabic: mostly Arabic letters, almost no stray symbols.

    Latin-1 text decoded as cp1256 keeps its Latin letters (cp1256 has the French accented ones), and UTF-8
    Arabic decoded as cp1256 is mojibake full of ط/ظ and symbols such as „ and §: both fail.
    """
    arabic = other = junk = visible = ta_za = 0
    for ch in text[:sample]:
        if ch.isspace():
            continue
        visible += 1
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF:  # Arabic block: letters, digits, ، ؛ ؟, harakat
            if ch.isalpha():
                arabic += 1
                ta_za += ch in "طظ"
        elif ch.isalpha():
            other += 1
        elif code < 0x80:
            junk += code < 0x20 or code == 0x7F  # ASCII digits and punctuation are normal
        elif ch not in _ARABIC_TYPOGRAPHY:
            junk += 1
    mostly_arabic = arabic >= 3 and arabic * 10 >= (arabic + other) * 7
    return mostly_arabic and junk * 20 <= visible and ta_za * 4 <= arabic
