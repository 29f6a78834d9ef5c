"""Matching an Arabic place name against the Latin names of gazetteer entries that have no Arabic name.

GeoNames knows many districts and villages only by a transliteration (Yemen's «مديرية المنصورة» is "Al Mansura",
Libya's «ترهونة» is "Tarhuna").  Both spellings are reduced to a consonant skeleton — article dropped, vowels and
the letters that stand for them (ا و ي ى, a e i o u w y) dropped, emphatic and plain consonants merged, digraphs
(sh, kh, th, dh, gh) read as one letter, a final ta marbuta / "-ah" dropped — and compared.  A skeleton says
little, so it is used only where the text says the name is a place (a head noun such as «مديرية» or «بلدة»),
only within the article's country, and only when exactly one entry has it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rasd.model import Place

# Arabic letters → consonant classes; letters absent from the table (vowels, ع, hamza carriers) are dropped.
_AR = {
    "ب": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "ح": "h", "ه": "h", "خ": "k", "ك": "k", "ق": "k", "غ": "k",
    "د": "d", "ذ": "d", "ض": "d", "ظ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ف": "f", "ل": "l",
    "م": "m", "ن": "n", "پ": "b", "چ": "j", "ڤ": "f", "گ": "k",
}
_DIGRAPHS = (("sh", "s"), ("kh", "k"), ("th", "t"), ("dh", "d"), ("gh", "k"), ("ch", "j"), ("ou", "u"))
_LATIN = {"q": "k", "g": "k", "c": "k", "x": "ks", "p": "b", "v": "f", "z": "z", "j": "j"}
_LATIN_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|at|ath|ad|adh|az|ad|ed|es|en|er|et)[-\s']+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def _squeeze(s: str) -> str:
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def arabic_skeleton(name: str) -> str:
    """The consonant skeleton of an Arabic name: «المنصورة» → "mnsr", «ترهونة» → "trhn"."""
    words = []
    for w in _WORD.findall(name):
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        if w.endswith(("ة", "ه")) and len(w) > 2:
            w = w[:-1]  # ta marbuta, and its ه spelling
        words.append("".join(_AR.get(ch, "") for ch in w))
    return _squeeze("".join(words))


def latin_skeleton(name: str) -> str:
    """The consonant skeleton of a transliteration: "Al Mansura" → "mnsr", "Tarhūnah" → "trhn"."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _LATIN_ARTICLE.sub("", s)
    words = []
    for w in _WORD.findall(s):
        if w.endswith("ah") and len(w) > 3:
            w = w[:-1]  # -ah is a ta marbuta: keep the vowel, drop the h
        for a, b in _DIGRAPHS:
            w = w.replace(a, b)
        words.append("".join(_LATIN.get(ch, ch) for ch in w if ch not in "aeiouwy'"))
    return _squeeze("".join(words))


class SkeletonIndex:
    """Entries without an Arabic name, by (country, skeleton of each Latin name)."""

    def __init__(self, places: Iterable[Place], latin_names: dict[int, tuple[str, ...]] | None = None) -> None:
        self._index: dict[tuple[str, str], list[Place]] = {}
        for p in places:
            if p.name_ar:
                continue
            names = {p.name_en, *(latin_names or {}).get(id(p), ())}
            for n in names:
                sk = latin_skeleton(n)
                if len(sk) >= 3:  # two consonants match far too much
                    bucket = self._index.setdefault((p.country, sk), [])
                    if p not in bucket:
                        bucket.append(p)

    def lookup(self, name_ar: str, country: str) -> list[Place]:
        """Entries of ``country`` whose Latin name has the skeleton of ``name_ar``."""
        sk = arabic_skeleton(name_ar)
        if len(sk) < 3:
            return []
        return list(self._index.get((country, sk), ()))
