"""Cleaning the names GeoNames gives a place: Arabic script without diacritics, Latin names worth indexing,
admin-area names without their generic head words («محافظة دير الزور» → «دير الزور», "Raqqa Governorate" →
"Raqqa").  Used by :mod:`rasd.geo.build`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from rasd.text.normalize import normalize_key

MAX_NAMES = 12  # alternate names kept per script and place

_ARABIC_CHAR = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_PURE_ARABIC = re.compile(r"^[\u0621-\u064a \-]+$")  # no Persian, Kurdish or Urdu letters
_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
_APOSTROPHES = str.maketrans({"‘": "", "ʿ": "", "`": "", "ʻ": "", "’": "'", "ʼ": "'", "ı": "i", "ə": "e"})
_AR_HEADS = frozenset(normalize_key(w) for w in (
    "محافظة", "منطقة", "ولاية", "إقليم", "قضاء", "ناحية", "مديرية", "لواء", "شعبية", "بلدية", "معتمدية", "إمارة",
    "دائرة", "مركز", "مقاطعة", "استان", "شهرستان",
))
_LATIN_ADMIN_SUFFIX = re.compile(
    r"\s+(governorate|province|district|sub-?district|region|municipality|muhafazat|mintaqat|nahiyah?)$", re.I)
_LATIN_ADMIN_PREFIX = re.compile(r"^(muhafazat|mintaqat|nahiyat|qada'?|qadaa|markaz)\s+", re.I)


def ascii_name(name: str) -> str:
    """A Latin name without diacritics or ayn/hamza marks: «Ālbū Kamāl» → «Albu Kamal», «Dar‘ā» → «Dara»."""
    if name.isascii():  # (str.translate with a table of non-ASCII keys is slow)
        return " ".join(name.replace("`", "").split())
    s = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).split())


def fold(name: str) -> str:
    """The form two Latin names share when they differ only in case, diacritics, hyphens or apostrophes."""
    return " ".join(ascii_name(name).lower().replace("-", " ").replace("'", " ").split())


def clean_arabic(name: str) -> str:
    """An Arabic-script name without diacritics, tatweel or presentation forms; '' if it is not one."""
    if not _ARABIC_CHAR.search(name) or _LATIN_CHAR.search(name):
        return ""
    s = _TASHKEEL.sub("", unicodedata.normalize("NFKC", name)).replace("_", " ").replace("|", " ")
    return " ".join(s.split())


def good_latin(name: str) -> str:
    """A Latin-script name worth keeping, ASCII-folded; '' for other scripts, codes and machine forms."""
    if _ARABIC_CHAR.search(name):
        return ""
    a = ascii_name(name).replace("|", " ")
    if not a.isascii() or len(a) < 3 or not re.search(r"[A-Za-z]", a) or re.search(r"\d|http|www\.", a):
        return ""
    if a == a.lower() or (a.isupper() and len(a) <= 5):
        return ""  # 'albw kmal' (a lower-case transliteration), 'DEZ', 'OSDZ' (codes)
    return a


def unique(names: Iterable[str], key: Callable[[str], str] = str) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = key(n)
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def column_names(alternatenames: str) -> tuple[str, str]:
    """The Arabic-script and Latin names of a geoname row's ``alternatenames`` column, |-joined."""
    arabic: list[str] = []
    latin: list[str] = []
    for n in alternatenames.split(","):
        if not n:
            continue
        ar = clean_arabic(n)
        if ar:
            arabic.append(ar)
        else:
            la = good_latin(n)
            if la:
                latin.append(la)
    arabic = unique(arabic)
    # Pure Arabic spellings before Persian, Kurdish or Urdu ones.
    arabic.sort(key=lambda n: not _PURE_ARABIC.match(n))
    return "|".join(arabic[: 2 * MAX_NAMES]), "|".join(unique(latin, fold)[: 2 * MAX_NAMES])


def strip_ar_head(name: str) -> str:
    """«محافظة دير الزور» → «دير الزور»: an admin area's name as people write it."""
    words = name.split()
    if len(words) > 1 and normalize_key(words[0]) in _AR_HEADS:
        return " ".join(words[1:])
    return name


def latin_admin_core(name: str) -> str:
    core = _LATIN_ADMIN_PREFIX.sub("", _LATIN_ADMIN_SUFFIX.sub("", name)).strip()
    return core or name
