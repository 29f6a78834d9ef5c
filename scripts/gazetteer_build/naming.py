"""Choosing the names of a gazetteer row from GeoNames' alternates: the common Arabic and English forms.

The name cleaning shared with rasd (:func:`rasd.geo.names.fold`, ``clean_arabic`` and ``unique``) comes from the
package.  The functions below differ from the package's namesakes, and the embedded gazetteer is built with these
(swapping in the package's changes rows); each says how it differs.
"""

from __future__ import annotations

import collections
import difflib
import re
import unicodedata

from rasd.geo.names import clean_arabic, fold
from rasd.text.normalize import normalize_key

from .lexicon import AR_ADMIN_HEADS, DIRECTIONS, LATIN_ADMIN_PREFIXES, LATIN_ADMIN_SUFFIXES

PURE_ARABIC = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670 \-]+$")  # no Persian/Kurdish/Urdu letters
LATIN_SUFFIXES = re.compile(r"\s+(" + "|".join(map(re.escape, LATIN_ADMIN_SUFFIXES)) + ")$", re.IGNORECASE)
LATIN_PREFIXES = re.compile("^(" + "|".join(re.escape(w) + r"\s+" for w in LATIN_ADMIN_PREFIXES) + ")",
                            re.IGNORECASE)
CHINESE_ADMIN = re.compile(r"\s+(Sheng|Shi|\w+ Zizhiqu|Zizhiqu)$")  # «Anhui Sheng», «Guangxi Zhuangzu Zizhiqu»


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics: Ālbū Kamāl -> Albu Kamal, Dar'ā -> Dar'a.

    Unlike :func:`rasd.geo.names.ascii_name`, runs of spaces inside the name are kept (five rows of the
    embedded gazetteer have such names: «Ayrivan  Erivan…», «Al  Hawtah»)."""
    s = name.replace("‘", "").replace("ʿ", "").replace("`", "").replace("ʻ", "")
    s = s.replace("’", "'").replace("ʼ", "'").replace("ı", "i").replace("ə", "e")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).strip()


def good_latin(name: str) -> str | None:
    """An ASCII Latin alternate worth keeping, or None (machine transliterations, codes, other scripts).

    Unlike :func:`rasd.geo.names.good_latin`, Azerbaijani forms (with «ə») are left out and inner runs of
    spaces kept (:func:`ascii_name`)."""
    if "ə" in name.lower():
        return None  # Azerbaijani forms ('Ziqar mühafəzəsi') pass for ASCII once folded, but are not English
    a = ascii_name(name)
    if not a.isascii() or not re.search(r"[A-Za-z]", a) or re.search(r"\d|http|www", a):
        return None
    if a == a.lower() or (a.isupper() and len(a) <= 5) or len(a) < 3:
        return None  # 'albw kmal' (lower-case transliteration of the Arabic), 'DEZ' (codes)
    return a


def strip_ar_head(name: str) -> str:
    """«دير الزور» of «محافظة دير الزور», cleaned.  Unlike :func:`rasd.geo.names.strip_ar_head`, a head may be
    two words («منطقة مركز») and the heads are those of scripts/data/gazetteer.yaml."""
    key = normalize_key(name)
    for head in AR_ADMIN_HEADS:
        if key.startswith(head) and len(key) > len(head) + 1:
            # Cut the same number of words from the raw form, which keeps its hamzas and ta marbutas.
            return " ".join(clean_arabic(name).split()[head.count(" "):])
    return clean_arabic(name)


def latin_core(name: str) -> str:
    """'Deir ez-Zor' of 'Deir ez-Zor Governorate'; 'Northern State' stays whole: 'Northern' says little.
    (:func:`rasd.geo.names.latin_admin_core` cuts other words and keeps directions.)"""
    bare = LATIN_PREFIXES.sub("", ascii_name(name)).strip()
    core = LATIN_SUFFIXES.sub("", bare).strip()
    return bare if not core or core.lower() in DIRECTIONS else core


# Consonant skeletons, to tell which Arabic spelling GeoNames' transliteration renders: «العشارة», not
# «الأشارة», for Al ‘Ashārah (‘ is ayn).  Long vowels, w/y and hamza are left out: they vary too much.  Unlike
# rasd.geo.translit's skeletons (which match names that have no Arabic form), ayn counts, the article stays and
# q/k/gh are told apart: these only rank spellings of one place.
AR_SKELETON = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "c", "غ": "g", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "h", "پ": "p", "چ": "c", "ژ": "z", "گ": "g",
})


def ar_skeleton(name: str) -> str:
    return "".join(ch for ch in normalize_key(name).translate(AR_SKELETON) if ch.isascii() and ch.isalpha())


def latin_skeleton(name: str) -> str:
    s = re.sub(r"[‘ʿ`ʻ]", "c", name.lower())
    s = ascii_name(s).lower()
    for digraph, c in (("kh", "x"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d")):
        s = s.replace(digraph, c)
    return re.sub(r"[^bcdfghjklmnpqrstvxz]", "", s)


def best_arabic(names: list[str], english: str) -> str:
    """The most common form among Arabic names: the largest group of spellings that normalise alike,
    preferring pure Arabic letters, then the spelling whose consonants the English name renders, no generic
    head, brevity."""
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for n in names:
        groups[normalize_key(n)].append(n)
    lat = latin_skeleton(english)

    def score(key: str) -> tuple[bool, int, float, bool, int]:
        rep = groups[key][0]
        return (
            bool(PURE_ARABIC.match(rep)),
            len(groups[key]),
            round(difflib.SequenceMatcher(None, ar_skeleton(key), lat).ratio(), 1),
            not any(key.startswith(h) for h in AR_ADMIN_HEADS),
            -len(key),
        )

    if not groups:
        return ""
    best = max(groups, key=score)
    # Of spellings that normalise alike, keep the one that writes hamzas and ta marbuta.
    return max(groups[best], key=lambda n: sum(n.count(c) for c in "أإآةؤئ"))


def best_english(name: str, aliases: list[str]) -> str:
    """The common English name of an admin area: the core ('Deir ez-Zor' of 'Deir ez-Zor Governorate') that
    the most aliases share, preferring aliases over GeoNames' transliteration, then the shorter."""
    # folded core -> [(form, from an alias, suffix stripped)]
    cands: dict[str, list[tuple[str, bool, bool]]] = collections.defaultdict(list)
    for a in aliases:
        g = good_latin(a)
        if g is None:
            continue
        core = latin_core(g)
        cands[fold(core)].append((core, True, core != g))
    gn = ascii_name(name)
    if gn.isascii():
        cands[fold(latin_core(gn))].append((latin_core(gn), False, False))
    if not cands:
        return gn

    def score(k: str) -> tuple[int, bool, bool, int]:
        forms = cands[k]
        return (len(forms), any(f[1] for f in forms), any(f[2] for f in forms), -len(k))

    forms = cands[max(cands, key=score)]
    # Display form: most capitalised words ('Rif Dimashq', not 'Rif-dimashq'), an alias before GeoNames' own.
    return max(forms, key=lambda f: (sum(w[:1].isupper() for w in f[0].split()), f[1]))[0]
