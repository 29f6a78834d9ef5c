"""Arabic normalisation that keeps a map back to the raw text.

``normalize(raw)`` returns the normalised string and, for each of its characters, the offset of the raw
character it came from, so any match on the normalised form converts back to exact raw offsets.  Characters that
carry no meaning for matching (diacritics, tatweel, zero-width marks) are dropped; letter variants are folded
(alef/hamza forms, ta marbuta, alef maqsura, Persian letters); Arabic-Indic and Persian digits become ASCII; quote
marks and brackets become spaces so «قسد» and (قسد) tokenise like قسد.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DROP = {chr(c) for c in range(0x064B, 0x0656)} | {  # harakat, and the combining maddah/hamza of NFD text
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
    "\u00a0": " ", "\t": " ", "٫": ".", "٬": ",",
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
        parts = unicodedata.normalize("NFKC", ch)
        if parts == ch:
            return ch  # ornate parentheses ﴿ ﴾ and the like have no decomposition
        return "".join(_fold_char(c) for c in parts)
    if "A" <= ch <= "Z":
        return ch.lower()
    return ch


# One translate() table for every 1:1 fold and every dropped character; the per-character path below is only
# for the rare texts with presentation forms (which may expand to two letters).
_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _FOLD.items()})
_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_PRESENTATION = re.compile("[\ufb50-\ufefc]")
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised string and its map back to the raw text.

    Normalisation only deletes characters (diacritics, tatweel, zero-width marks) or replaces one by one, so the
    map is kept as the raw offsets of the deleted characters; ``explicit`` holds a full per-character map for
    the rare texts where a presentation form expanded.
    """

    text: str
    raw_len: int
    deleted: tuple[int, ...] = ()  # raw offsets of dropped characters, ascending
    explicit: tuple[int, ...] | None = None  # to_raw for every normalised character, when not derivable
    # the j-th deleted raw character falls just before normalised index deleted[j] - j
    deleted_at: tuple[int, ...] = ()

    @property
    def to_raw(self) -> tuple[int, ...]:
        """Raw offset of every normalised character."""
        if self.explicit is not None:
            return self.explicit
        return tuple(self.raw_start(i) for i in range(len(self.text)))

    def raw_start(self, i: int) -> int:
        """Raw offset of normalised character ``i`` (the raw length past the end)."""
        if i >= len(self.text):
            return self.raw_len
        if self.explicit is not None:
            return self.explicit[i]
        if not self.deleted:
            return i
        return i + bisect.bisect_right(self.deleted_at, i)

    def raw_end(self, j: int) -> int:
        """Raw end offset (exclusive) for a normalised end offset ``j`` (exclusive)."""
        if j <= 0:
            return 0
        return self.raw_start(j - 1) + 1

    def norm_index(self, raw_offset: int) -> int:
        """The normalised offset of the first normalised character at or after ``raw_offset``."""
        if self.explicit is not None:
            return bisect.bisect_left(self.explicit, raw_offset)
        return raw_offset - bisect.bisect_left(self.deleted, raw_offset)


def normalize(raw: str) -> Normalized:
    """Normalise ``raw`` for matching, keeping the offset map."""
    if _PRESENTATION.search(raw) is None:
        deleted = tuple(m.start() for m in _DROP_RE.finditer(raw))
        return Normalized(raw.translate(_TABLE), len(raw), deleted, None,
                          tuple(r - j for j, r in enumerate(deleted)))
    out: list[str] = []
    to_raw: list[int] = []
    for i, ch in enumerate(raw):
        for c in _fold_char(ch):
            out.append(c)
            to_raw.append(i)
    return Normalized("".join(out), len(raw), (), tuple(to_raw))


def normalize_key(s: str) -> str:
    """Normalise a lexicon entry or name for lookup: folded letters, single spaces, no edge spaces."""
    return " ".join(normalize(s).text.split())


def strip_article(token: str) -> str:
    """Remove a leading definite article (ال) from a normalised token when enough of a word remains."""
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token
