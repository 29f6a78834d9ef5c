"""Arabic normalisation that keeps a map back to the raw text.

``normalize(raw)`` returns the normalised string and, for each of its characters, the offset of the raw
character it came from, so any match on the normalised form converts back to exact raw offsets.  Characters that
carry no meaning for matching (diacritics, tatweel, zero-width marks) are dropped; letter variants are folded
(alef/hamza forms, ta marbuta, alef maqsura, Persian letters); Arabic-Indic and Persian digits become ASCII; quote
marks and brackets become spaces so «قسد» and (قسد) tokenise like قسد.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DROP = {chr(c) for c in range(0x064B, 0x0653)} | {
    "\u0670",  # superscript alef
    "\u0640",  # tatweel
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c",
}

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "«": " ", "»": " ", "“": " ", "”": " ", "„": " ", "\"": " ", "'": " ", "‘": " ", "’": " ",
    "(": " ", ")": " ", "[": " ", "]": " ", "{": " ", "}": " ", "‹": " ", "›": " ",
    "\u00a0": " ", "\t": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    o = ord(ch)
    if 0xFB50 <= o <= 0xFEFC:  # presentation forms: decompose, then fold each part
        return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", ch))
    if ch.isupper():
        return ch.lower()
    return ch


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised string with ``to_raw[i]`` = raw offset of normalised character ``i``."""

    text: str
    to_raw: tuple[int, ...]
    raw_len: int

    def raw_start(self, i: int) -> int:
        return self.to_raw[i] if i < len(self.to_raw) else self.raw_len

    def raw_end(self, j: int) -> int:
        """Raw end offset (exclusive) for a normalised end offset ``j`` (exclusive)."""
        if j <= 0:
            return 0
        return self.to_raw[j - 1] + 1


def normalize(raw: str) -> Normalized:
    """Normalise ``raw`` for matching, keeping the offset map."""
    out: list[str] = []
    to_raw: list[int] = []
    for i, ch in enumerate(raw):
        if ch.isascii() and ch not in "\"'()[]{}\t":
            out.append(ch.lower())
            to_raw.append(i)
            continue
        f = _fold_char(ch)
        for c in f:
            out.append(c)
            to_raw.append(i)
    return Normalized("".join(out), tuple(to_raw), len(raw))


def normalize_key(s: str) -> str:
    """Normalise a lexicon entry or name for lookup: folded letters, single spaces, no edge spaces."""
    return " ".join(normalize(s).text.split())


_ARTICLE_PREFIXES = ("ال",)


def strip_article(token: str) -> str:
    """Remove a leading definite article (ال) from a normalised token when enough of a word remains."""
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token
