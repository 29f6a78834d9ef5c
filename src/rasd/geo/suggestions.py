"""Writing online-geocoder suggestions into an overrides TSV, for a person to review (see :mod:`rasd.geo.online`).

Rows go in with ``status=suggested``; the gazetteer loader ignores them until the reviewer clears the status
(or sets it to ``ok``), or sets it to ``rejected`` to keep the name from being suggested again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from rasd.geo.online import SUGGESTION_COLUMNS, Suggestion, clean_cell
from rasd.text.normalize import normalize_key

# -- writing suggestions -------------------------------------------------------------------------------------------

_FALLBACK_COMMENT = (
    "# gazetteer-overrides.tsv: your own places, added to the embedded gazetteer at load time (tab-separated).\n"
)
_STATUS_COMMENT = (
    "# status: empty or ok for a row in use; «suggested» rows (written by the online lookup, source\n"
    "# nominatim:<osm_type>/<osm_id>) are ignored until you check them and clear status.\n"
)


def _comment_block() -> str:
    """The comment block of the packaged overrides file (plus a note on ``status`` if it lacks one)."""
    try:
        text = (resources.files("rasd") / "data" / "gazetteer-overrides.tsv").read_text(encoding="utf-8")
    except OSError:
        text = ""
    block = "".join(ln for ln in text.splitlines(keepends=True) if ln.startswith("#")) or _FALLBACK_COMMENT
    if not block.endswith("\n"):
        block += "\n"
    if "suggested" not in block:
        block += _STATUS_COMMENT
    return block


def _read_existing(path: Path) -> tuple[list[str], list[str] | None, int | None]:
    """The file's lines, its header columns (None if it has no header line) and the header's line index."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, ln in enumerate(lines):
        if ln.strip() and not ln.startswith("#"):
            return lines, ln.rstrip("\r\n").split("\t"), i
    return lines, None, None


def _existing_names(lines: Iterable[str], header: Sequence[str]) -> set[tuple[str, str]]:
    """(normalised Arabic name, country) of every row, its alternate Arabic names included."""
    out: set[tuple[str, str]] = set()
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        row = dict(zip(header, ln.rstrip("\r\n").split("\t"), strict=False))
        country = (row.get("country") or "").upper()
        for n in (row.get("name_ar") or "", *(row.get("arabic_names") or "").split("|")):
            if n.strip():
                out.add((normalize_key(n), country))
    return out


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if path.exists():
            shutil.copymode(path, tmp)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _review_comment(s: Suggestion) -> str:
    example = clean_cell(s.name.example)
    if len(example) > 80:
        example = example[:79] + "…"
    parts = [f"# {s.source}: {s.display_name} ({s.category}={s.place_type}, importance {s.importance:.2f})"]
    parts.append(f"seen {s.name.count}×" + (f", e.g. «{example}»" if example else ""))
    return "; ".join(parts) + "\n"


def append_suggestions(path: str | Path, suggestions: Iterable[Suggestion]) -> int:
    """Append suggestion rows to an overrides TSV and return how many were written.

    A missing file is created with the packaged comment block and a header with ``status`` and ``source``.  An
    existing file whose header lacks those columns gets them added at the end of its header (its rows keep
    their values; their missing trailing cells read as empty).  Rows are written in the file's column order.
    A name already in the file (as ``name_ar`` or one of its ``arabic_names``, same country) is skipped, as is
    a repeat within ``suggestions``.  Each row is preceded by a comment with the OSM display name and the
    context the name was seen in, for the reviewer.
    """
    path = Path(path)
    if path.exists():
        lines, header, at = _read_existing(path)
    else:
        lines, header, at = [], None, None
    if header is None:
        header = list(SUGGESTION_COLUMNS)
        prefix = "".join(lines) if lines else _comment_block()
        if prefix and not prefix.endswith("\n"):
            prefix += "\n"
        lines = [prefix, "\t".join(header) + "\n"]
        at = len(lines) - 1
        rewrite = True
    else:
        missing = [c for c in ("status", "source") if c not in header]
        rewrite = bool(missing)
        if missing:
            assert at is not None
            header = [*header, *missing]
            lines[at] = "\t".join(header) + "\n"
    present = _existing_names(lines[(at or 0) + 1:], header)
    new: list[str] = []
    for s in suggestions:
        k = (normalize_key(s.row.get("name_ar", "")), (s.row.get("country") or "").upper())
        if not k[0] or k in present:
            continue
        present.add(k)
        new.append(_review_comment(s))
        new.append("\t".join(clean_cell(s.row.get(c, "")) for c in header) + "\n")
    if rewrite:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, "".join(lines) + "".join(new))
    elif new:
        with path.open("a", encoding="utf-8", newline="") as fh:
            if lines and not lines[-1].endswith("\n"):
                fh.write("\n")
            fh.write("".join(new))
    return len(new) // 2
