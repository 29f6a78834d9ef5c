"""Zones (headline, sub-headline, caption, body, debris) and sentences, as raw-text offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.lexicon.loader import load_yaml
from rasd.model import Sentence, Zone
from rasd.text.normalize import normalize_key

_LINE_RE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? ؟ followed by white space or the end of the paragraph; «أ.ف.ب» and 3.5 stay whole.
_SENT_END_RE = re.compile(r"[.!?؟…]+(?=\s|$)")
_WORD_RE = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True, slots=True)
class ZoneCues:
    debris_words: frozenset[str]
    credits: tuple[str, ...]
    openers: tuple[str, ...]
    max_caption: int
    max_headline: int


@lru_cache(maxsize=1)
def zone_cues() -> ZoneCues:
    data = load_yaml("zones.yaml")
    words: set[str] = set()
    for w in data["debris_words"]:
        words.update(normalize_key(w).split())
    return ZoneCues(
        debris_words=frozenset(words),
        credits=tuple(normalize_key(c) for c in data["caption_credits"]),
        openers=tuple(normalize_key(c) for c in data["caption_openers"]),
        max_caption=int(data["max_caption_chars"]),
        max_headline=int(data["max_headline_chars"]),
    )


def _is_debris(line: str, cues: ZoneCues) -> bool:
    if len(line) > 80:
        return False  # share-button rows are short; skip normalising every paragraph
    words = _WORD_RE.findall(normalize_key(line))
    return bool(words) and all(w in cues.debris_words for w in words)


def _is_caption(line: str, cues: ZoneCues) -> bool:
    if len(line) > cues.max_caption or line.rstrip().endswith((".", "؟", "!", "?")):
        return False  # long, or ending a sentence: body text (captions end with a credit or no stop)
    key = normalize_key(line).rstrip(" .:-")
    return key.endswith(cues.credits) or key.startswith(cues.openers)


def _looks_like_body(line: str, cues: ZoneCues) -> bool:
    """Body text: long, or ending a sentence with a full stop (headlines and sub-headlines do not)."""
    stripped = line.rstrip()
    return len(stripped) > cues.max_headline or stripped.endswith((".", "!", "؟", "?", "…", ".»", ".\"")) or bool(
        _SENT_END_RE.search(stripped[:-1] or "x"))


def zones(text: str, title_end: int | None = None) -> list[Zone]:
    """Split an article into zones, one per non-empty line (paragraph).

    Without a separate title, the first line is the headline when it is short and more lines follow; short
    lines after it and before the body are sub-headlines, or captions when they carry a photo credit.  Trailing
    lines made only of share-button words are debris.
    """
    cues = zone_cues()
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]
    kinds: list[str] = ["body"] * len(lines)
    # debris: trailing (and stray) lines of share-button words
    for i, (s, e) in enumerate(lines):
        if _is_debris(text[s:e], cues):
            kinds[i] = "debris"
    content = [i for i, k in enumerate(kinds) if k != "debris"]
    if len(content) == 1 and title_end is None:
        return [Zone(k, s, e) for k, (s, e) in zip(kinds, lines, strict=True)]  # a one-line report is body
    in_front = True
    for n, i in enumerate(content):
        s, e = lines[i]
        line = text[s:e]
        if title_end is not None and e <= title_end:
            kinds[i] = "headline"
            continue
        if _is_caption(line, cues):
            kinds[i] = "caption"
            continue
        if title_end is None and n == 0 and len(content) > 1 and len(line) <= cues.max_headline:
            kinds[i] = "headline"
            continue
        if in_front and title_end is None and len(line) <= cues.max_headline and not _looks_like_body(line, cues):
            kinds[i] = "subheadline"
            continue
        in_front = False
    return [Zone(k, s, e) for k, (s, e) in zip(kinds, lines, strict=True)]


def sentences(text: str, zone_list: list[Zone]) -> list[Sentence]:
    """Sentences within each zone; headlines, sub-headlines and captions are one sentence a line."""
    out: list[Sentence] = []
    for para, z in enumerate(zone_list):
        if z.kind == "debris":
            continue
        if z.kind != "body":
            out.append(Sentence(z.start, z.end, z.kind, len(out), para))
            continue
        start = z.start
        for m in _SENT_END_RE.finditer(text, z.start, z.end):
            end = m.end()
            if text[start:end].strip():
                s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
                out.append(Sentence(s, end, z.kind, len(out), para))
            start = end
        if text[start:z.end].strip():
            s = start + (len(text[start:z.end]) - len(text[start:z.end].lstrip()))
            out.append(Sentence(s, z.end, z.kind, len(out), para))
    return out
