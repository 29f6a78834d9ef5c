"""Tokenisation of normalised Arabic text, and the clitic-stripped forms a lexicon lookup may try.

Tokens are runs of letters and digits in the normalised string (offsets are normalised offsets; convert with
``Normalized.raw_start``/``raw_end``).  Arabic writes the conjunctions و ف, the prepositions ب ل ك and the
article ال joined to the next word, so a lookup tries the token as written and with those proclitics removed;
``clitic_forms`` says how many characters each form dropped so matches keep exact offsets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_TOKEN_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+", re.UNICODE)
# Clause and sentence punctuation that the extractor treats as boundaries.
_PUNCT_RE = re.compile(r"[،,؛;:.!?؟\n]")


class Token(NamedTuple):
    """A token: normalised offsets ``[start, end)``, its text, its position.  A tuple: articles make many."""

    start: int
    end: int
    text: str
    position: int


def tokenize(norm: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``norm[start:end]`` with offsets into ``norm``."""
    end = len(norm) if end is None else end
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(norm, start, end):
        out.append(Token(m.start(), m.end(), m.group(), len(out)))
    return out


def punctuation_offsets(norm: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(norm) if end is None else end
    return [m.start() for m in _PUNCT_RE.finditer(norm, start, end)]


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_MIN_STEM = 2


@lru_cache(maxsize=65536)
def clitic_forms(tok: str, preps: tuple[str, ...] = _PREP) -> list[tuple[str, int]]:
    """Forms of a normalised token with leading clitics removed: ``[(form, chars_dropped), ...]``.

    The token itself comes first.  «وبالمدينة» gives المدينة (and بالمدينة); «للنظام» gives النظام, since
    ل before ال drops the alef; «لقوات» gives قوات.
    """
    forms: list[tuple[str, int]] = [(tok, 0)]
    seen = {tok}

    def add(form: str, dropped: int) -> None:
        if len(form) >= _MIN_STEM and form not in seen:
            seen.add(form)
            forms.append((form, dropped))

    bases: list[tuple[str, int]] = [(tok, 0)]
    if tok[:1] in _CONJ and len(tok) > 2:
        bases.append((tok[1:], 1))
        add(tok[1:], 1)
    for base, dropped in list(bases):
        if base.startswith("لل") and len(base) > 3 and "ل" in preps:
            # ل + ال: the written form loses the alef («للمدينة» = ل + المدينة)
            add("ا" + base[1:], dropped + 1)
            add(base[2:], dropped + 2)
        elif base[:1] in preps and len(base) > 2:
            add(base[1:], dropped + 1)
    return forms


PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي")
_SUFFIXES = PRONOUN_SUFFIXES


@lru_cache(maxsize=65536)
def suffix_forms(tok: str) -> list[str]:
    """A token with one attached pronoun removed (قصفها → قصف), for lexicons that allow it."""
    out = []
    for suf in _SUFFIXES:
        if tok.endswith(suf) and len(tok) - len(suf) >= 3:
            out.append(tok[: -len(suf)])
    return out
