"""Date expressions in Arabic news, and their resolution against the publication date.

``find_dates`` tokenises the normalised text once and walks it left to right.  At each token it tries a few
small grammar rules (relative day, weekday, explicit date, month, week or month period, «قبل N أيام»)
whose words all come from one trie of token sequences compiled from ``data/dates.yaml``; the only regex run
over the text finds numeric dates (``12/11/2017``, ``2015-08-03``).  The longest parse at the leftmost
position wins, so mentions never overlap.  ``resolve`` turns a mention into an :class:`~rasd.model.EventDate`
with ACLED's time precision and never invents a date: with no publication date, relative ones stay unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasd.lexicon.loader import load_yaml
from rasd.model import EventDate, Span
from rasd.text.normalize import Normalized, normalize
from rasd.text.tokens import Token, clitic_forms, tokenize

KINDS = ("relative_day", "ago", "weekday", "explicit", "month", "week")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: ``text == raw[start:end]``, and what is needed to resolve it.

    ``kind`` is one of :data:`KINDS`.  ``offset`` counts days for relative_day and ago; for week and month
    mentions without a month name («الشهر الماضي») and explicit days of a relative month («15 الشهر الماضي»)
    it counts weeks or months.  ``part`` is start, middle or end of a week or month; ``part_of_day`` is
    dawn, morning, noon, afternoon, evening, night or midnight.  ``precision``: ACLED's, once resolved.
    """

    start: int
    end: int
    text: str
    kind: str
    precision: int = 1
    offset: int = 0
    weekday: int | None = None  # Monday 0 … Sunday 6, as datetime.date.weekday()
    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_offset: int | None = None  # «آب من العام الماضي»: -1
    part: str | None = None
    part_of_day: str | None = None
    past: bool = False  # «الأربعاء الماضي», «آب الماضي»: strictly before the publication day or month
    future: bool = False  # «غداً», «الأربعاء المقبل»: not an event date, a modality cue for the extractor


# The trie: nested dicts keyed by normalised token; the key "" (never a token) holds the (category, value)
# entries of the phrases that end at that node.
_Trie = dict[str, Any]

# dates.yaml section → trie category.  List sections are word classes; mapping sections carry a value.
_SECTIONS = {
    "weekdays": "weekday", "parts_of_day": "part", "relative_days": "relative", "modifiers": "modifier",
    "periods": "period", "qualifiers": "qualifier", "numbers": "number", "durations": "duration",
    "ordinals": "ordinal", "day_prefixes": "day_prefix", "this_words": "this", "ago_words": "ago",
    "of_words": "of", "year_words": "year_word", "month_prefixes": "month_prefix",
    "month_context": "month_context", "name_heads": "name_head",
}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[_Trie, dict[str, Any]]:
    """The trie compiled from dates.yaml, and the file's settings; built once per process."""
    data: dict[str, Any] = load_yaml("dates.yaml")
    root: _Trie = {}
    sections = [(data[name], cat) for name, cat in _SECTIONS.items()]
    sections += [(names, "month") for names in data["months"].values()]  # one section per naming system
    for entries, cat in sections:
        pairs = entries.items() if isinstance(entries, dict) else ((p, True) for p in entries)
        for phrase, value in pairs:
            node = root
            for tok in tokenize(normalize(str(phrase)).text):  # keys are tokenised exactly like the text
                node = node.setdefault(tok.text, {})
            entry = (cat, tuple(value) if isinstance(value, list) else value)
            if entry not in node.setdefault("", []):
                node[""].append(entry)
    return root, data


# dd/mm/yyyy (mm/dd only when the first number cannot be a month) and yyyy-mm-dd, with / - or . between.
_NUMERIC = re.compile(r"(?<![\d/.-])(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\6(\d{4}))"
                      r"(?![\d]|[/.,-]\d)")
# What may separate two tokens of one mention: spaces (quotes and brackets are spaces after normalising) and
# the slash or dash of «آب/أغسطس»; a comma only between a weekday and its date («الخميس، 12 تشرين الثاني»).
_GAP = re.compile(r"[ \u00a0/\-–—]*")
_GAP_COMMA = re.compile(r"[ \u00a0/\-–—،,]*")

_Parse = tuple[int, dict[str, Any]]  # (end token, DateMention fields)
_Hit = tuple[int, Any]  # (end token, lexicon value)


def _numeric_value(m: re.Match[str]) -> tuple[int, int, int] | None:
    if m.group(1):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    else:
        a, b, y = int(m.group(5)), int(m.group(7)), int(m.group(8))
        d, mo = (b, a) if a <= 12 < b else (a, b)
    return (d, mo, y) if 1900 <= y <= 2100 and _safe_date(y, mo, d) else None


class _Scanner:
    """One text: its tokens (a numeric date is one pseudo-token "#"), the gaps between them, the grammar."""

    def __init__(self, raw: str, norm: Normalized, tokens: list[Token] | None = None) -> None:
        self.raw, self.norm, self.text = raw, norm, norm.text
        self.trie, self.cfg = _lexicon()
        spans = {m.start(): (m.end(), v) for m in _NUMERIC.finditer(norm.text) if (v := _numeric_value(m))}
        self.toks: list[tuple[int, int, str]] = []
        self.numeric: dict[int, tuple[int, int, int]] = {}
        skip_to = -1
        for t in tokens if tokens is not None else tokenize(norm.text):
            if t.start < skip_to:
                continue  # inside a numeric date already taken as one token
            if t.start in spans:
                skip_to, self.numeric[len(self.toks)] = spans[t.start]
                self.toks.append((t.start, skip_to, "#"))
            else:
                self.toks.append((t.start, t.end, t.text))
        self.n = len(self.toks)

    def gap_ok(self, k: int, comma: bool = False) -> bool:
        """Whether token ``k`` may continue a mention whose last token is ``k - 1``."""
        gap = self.text[self.toks[k - 1][1]: self.toks[k][0]]
        return (_GAP_COMMA if comma else _GAP).fullmatch(gap) is not None

    def first(self, k: int, cat: str, head: str | None = None, cont: bool = True) -> _Hit | None:
        """The longest entry of category ``cat`` starting at token ``k``.  ``head`` stands for token k's text
        (a clitic-stripped form); ``cont``: k continues a mention, so the gap before it must join."""
        if k >= self.n or (cont and k > 0 and not self.gap_ok(k)):
            return None
        best: _Hit | None = None
        node: _Trie | None = self.trie.get(head if head is not None else self.toks[k][2])
        j = k
        while node is not None:
            j += 1
            best = next(((j, v) for c, v in node.get("", ()) if c == cat), best)
            if j >= self.n or not self.gap_ok(j):
                break
            node = node.get(self.toks[j][2])
        return best

    def number(self, k: int, head: str | None, cont: bool, lo: int, hi: int, comma: bool = False
               ) -> int | None:
        word = head if head is not None else (self.toks[k][2] if k < self.n else "")
        if not (word.isascii() and word.isdigit()) or (cont and not self.gap_ok(k, comma)):
            return None
        return int(word) if lo <= int(word) <= hi else None

    def written(self, k: int) -> str:
        """Token ``k`` as written in the raw text, without leading clitic letters."""
        start, end = self.norm.raw_start(self.toks[k][0]), self.norm.raw_end(self.toks[k][1])
        return self.raw[start:end].lstrip("وفبلك")

    def after(self, i: int, cat: str) -> bool:
        """Whether the token before ``i`` (with or without clitics) is a word of category ``cat``."""
        if i == 0 or not self.gap_ok(i):
            return False
        return any(self.first(i - 1, cat, form, cont=False) for form, _ in clitic_forms(self.toks[i - 1][2]))

    # --- grammar rules: each returns (end token, DateMention fields) or None ---

    def parse(self, i: int, head: str | None) -> _Parse | None:
        cands = [self.ago(i, head), self.period(i, head), self.month(i, head)]
        # An optional part of day, then an optional يوم, before a day expression: «صباح يوم الخميس».
        starts: list[tuple[int, str | None, str | None]] = [(i, head, None)]
        if (part := self.first(i, "part", head, cont=False)) is not None:
            starts.append((part[0], None, part[1]))
        for k, h, pod in list(starts):
            if (prefix := self.first(k, "day_prefix", h, cont=k != i)) is not None:
                starts.append((prefix[0], None, pod))
        for k, h, pod in starts:
            for rule in (self.relative, self.weekday, self.explicit):
                found = rule(k, h, k != i)
                if found is not None:
                    found[1]["part_of_day"] = pod
                    cands.append(found)
        return max((c for c in cands if c is not None), key=lambda c: c[0], default=None)

    def relative(self, k: int, head: str | None, cont: bool) -> _Parse | None:
        hit = self.first(k, "relative", head, cont)
        if hit is None or self.first(hit[0], "ordinal"):
            return None  # «اليوم الثاني على التوالي» counts days; it is not today
        e, off = hit
        fields: dict[str, Any] = {"kind": "relative_day", "offset": off, "future": off > 0}
        wd = self.first(e, "weekday")  # «أمس الأربعاء»: the weekday only restates the day
        if wd is not None:
            e, fields["weekday"] = wd
        return e, fields

    def weekday(self, k: int, head: str | None, cont: bool) -> _Parse | None:
        hit = self.first(k, "weekday", head, cont)
        if hit is None:
            return None
        e, w = hit
        fields: dict[str, Any] = {"kind": "weekday", "weekday": w}
        mod = self.first(e, "modifier")
        if mod is not None:
            e, fields["past"], fields["future"] = mod[0], mod[1] < 0, mod[1] > 0
        date = self.explicit(e, None, True, comma=True)  # «الخميس 12 تشرين الثاني»: the date decides
        if date is not None:
            e = date[0]
            fields.update(date[1], weekday=w)
        return e, fields

    def explicit(self, k: int, head: str | None, cont: bool, comma: bool = False) -> _Parse | None:
        base = {"kind": "explicit"}
        if k in self.numeric and (not cont or self.gap_ok(k, comma)):
            d, mo, y = self.numeric[k]
            return k + 1, {**base, "day": d, "month": mo, "year": y}
        day, e = self.number(k, head, cont, 1, 31, comma), k + 1
        if day is None:
            hit = self.first(k, "ordinal", head, cont)
            if hit is None:
                return None
            e, day = hit
        of = self.first(e, "of")
        for start in [of[0], e] if of else [e]:  # «15 من آب» or «15 آب»
            mon = self.month_name(start)
            if mon is not None:
                fields = {**base, "day": day, "month": mon[1]}
                return self.year_part(mon[0], fields), fields
            per = self.first(start, "period")  # «15 الشهر الماضي»
            if per is not None and per[1] == "month":
                mod = self.first(per[0], "modifier")
                off = mod[1] if mod else 0
                return (mod or per)[0], {**base, "day": day, "offset": off, "future": off > 0}
        return None

    def month_name(self, k: int, head: str | None = None, cont: bool = True) -> _Hit | None:
        hit = self.first(k, "month", head, cont)
        if hit is None or self.written(k) in self.cfg["not_month_raw"]:
            return None  # «في إب» is the city Ibb: only the written hamza tells it from آب
        alt = self.first(hit[0], "month")  # «آب/أغسطس», «تموز (يوليو)»: one month named twice
        return (alt[0], hit[1]) if alt is not None and alt[1] == hit[1] else hit

    def year_part(self, e: int, fields: dict[str, Any]) -> int:
        """Consume a year, «من العام الماضي» or a modifier after a month; record it in ``fields``."""
        of = self.first(e, "of")
        k = of[0] if of else e
        yw = self.first(k, "year_word")
        year = self.number(yw[0] if yw else k, None, True, 1900, 2100)
        if year is not None:
            fields["year"] = year
            return (yw[0] if yw else k) + 1
        this = self.first(k, "this")
        per = self.first(this[0] if this else k, "period")
        mod = self.first(per[0], "modifier") if per is not None and per[1] == "year" else None
        if per is not None and per[1] == "year" and (mod or this):
            fields["year_offset"] = mod[1] if mod else 0
            return (mod or per)[0]
        mod = self.first(e, "modifier")
        if mod is not None:
            fields["past"], fields["future"] = mod[1] < 0, mod[1] > 0
            return int(mod[0])
        return e

    def _qualified(self, i: int, head: str | None, lead: str) -> tuple[int, str | None, bool, Any, bool]:
        """Skip an optional qualifier («مطلع») and a ``lead`` word: (next token, head, cont, part, lead?)."""
        q = self.first(i, "qualifier", head, cont=False)
        k, h, part = (q[0], None, q[1]) if q else (i, head, None)
        lw = self.first(k, lead, h, cont=q is not None)
        return (lw[0], None, True, part, True) if lw else (k, h, q is not None, part, False)

    def month(self, i: int, head: str | None) -> _Parse | None:
        k, h, cont, part, prefixed = self._qualified(i, head, "month_prefix")
        mon = self.month_name(k, h, cont)
        if mon is None:
            return None
        fields: dict[str, Any] = {"kind": "month", "month": mon[1], "part": part, "precision": 3}
        e = self.year_part(mon[0], fields)
        if e == mon[0] and part is None and not prefixed and not self.after(i, "month_context"):
            return None  # a bare month name is as often a name («حرب حزيران») or a verb («مارس»)
        return e, fields

    def period(self, i: int, head: str | None) -> _Parse | None:
        k, h, cont, part, this = self._qualified(i, head, "this")
        per = self.first(k, "period", h, cont)
        if per is None or per[1] == "year":
            return None
        mod = self.first(per[0], "modifier")
        if mod is None and part is None and not this:
            return None  # «الأسبوع» alone is not a date
        off = mod[1] if mod else 0
        return (mod or per)[0], {"kind": per[1], "offset": off, "part": part, "future": off > 0,
                                 "precision": 2 if per[1] == "week" else 3}

    def ago(self, i: int, head: str | None) -> _Parse | None:
        hit = self.first(i, "ago", head, cont=False)
        if hit is None:
            return None
        k = hit[0]
        count, e = self.number(k, None, True, 1, 999), k + 1
        if count is None and (word := self.first(k, "number")) is not None:
            e, count = word
        dur = self.first(e if count is not None else k, "duration")
        if dur is None:
            return None
        unit, n = dur[1]
        # «قبل 3 أيام» or «قبل يومين»; with no number at all («قبل أيام») the unit's vague "a few"
        spec = self.cfg["units"][unit] if (count is None) != (n is None) else self.cfg["few"].get(unit)
        if spec is None or (count and n):
            return None  # «قبل 3 يومين», or a vague unit with no default
        days = spec["days"] * (count or n or 1)
        return dur[0], {"kind": "ago", "offset": -days, "precision": spec["precision"]}


# Categories that only qualify a neighbour («في آب», «15 من آب», «عام 2015», «ثورة 25 يناير»): a word
# that is nothing else cannot start a mention, so «في» and «من» (the commonest tokens) skip the grammar.
_CONTEXT_ONLY = frozenset({"month_context", "of", "year_word", "name_head"})


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """First words that may begin a date expression."""
    trie, _ = _lexicon()
    return frozenset(w for w, node in trie.items() if w and _may_start(node))


@lru_cache(maxsize=65536)
def _may_start_word(word: str) -> bool:
    """Can a date expression start at this token (as written, or without its clitics)?"""
    if word == "#" or (word.isascii() and word.isdigit()):
        return True
    starters = _starters()
    return any(f in starters for f, _ in clitic_forms(word))


def _may_start(node: _Trie | None) -> bool:
    if node is None:
        return False
    if len(node) > 1 or "" not in node:
        return True  # a longer phrase may start here
    return any(cat not in _CONTEXT_ONLY for cat, _ in node[""])


def find_dates(raw: str, norm: Normalized | None = None, tokens: list[Token] | None = None) -> list[DateMention]:
    """Date expressions in ``raw``, in text order and non-overlapping, with offsets into ``raw``.

    ``norm`` must be ``normalize(raw)`` if given (pass it to avoid normalising twice), and ``tokens``
    ``tokenize(norm.text)`` (likewise).  A leading conjunction
    or preposition is not part of a mention: «وأمس» gives «أمس», «بالأمس» gives «الأمس».
    """
    norm = normalize(raw) if norm is None else norm
    sc = _Scanner(raw, norm, tokens)
    out: list[DateMention] = []
    i = 0
    while i < sc.n:
        word = sc.toks[i][2]
        best: tuple[_Parse, int] | None = None
        if not _may_start_word(word):
            i += 1  # no date expression starts here: skip the grammar (most tokens of an article)
            continue
        forms = [(word, 0)] if word == "#" or (word.isascii() and word.isdigit()) else clitic_forms(word)
        for form, dropped in forms:
            if dropped and len(form) < 3:
                continue  # «باب» is not ب + آب: a stripped stem of two letters is too often a word's end
            found = sc.parse(i, form)
            if found is not None and (best is None or found[0] > best[0][0]):
                best = (found, dropped)
        if best is None or (best[0][1]["kind"] == "explicit" and sc.after(i, "name_head")):
            i = best[0][0] if best else i + 1  # nothing; or a name such as «قوى 14 آذار», «ثورة 25 يناير»
            continue
        (end_tok, fields), dropped = best
        start = norm.raw_start(sc.toks[i][0] + dropped)
        end = norm.raw_end(sc.toks[end_tok - 1][1])
        # Keep the diacritics and tatweel written on the last letter («غداً»): normalising dropped them.
        while end < len(raw) and (raw[end] == "\u0640" or unicodedata.category(raw[end]) == "Mn"):
            end += 1
        if raw.count("(", start, end) > raw.count(")", start, end) and raw.startswith(")", end):
            end += 1  # «سبتمبر (أيلول)»: close the bracket the mention opened
        out.append(DateMention(start=start, end=end, text=raw[start:end], **fields))
        i = end_tok
    return out


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _shift_month(pub: dt.date, months: int) -> tuple[int, int]:
    index = pub.year * 12 + pub.month - 1 + months
    return index // 12, index % 12 + 1


def _day_in_month(y: int, m: int, part: str | None) -> dt.date:
    # ACLED: the middle of the month, or its first or last day when the source says beginning or end.
    return dt.date(y, m, {"start": 1, "end": calendar.monthrange(y, m)[1]}.get(part or "", 15))


def _infer_year(m: DateMention, month: int, day: int, pub: dt.date) -> int:
    """The year of a day and month written without one, seen from the publication date."""
    if m.year_offset is not None:
        return pub.year + m.year_offset
    if m.past and m.kind == "month":
        return pub.year - 1 if month >= pub.month else pub.year  # «آب الماضي» in August: last year's
    candidate = _safe_date(pub.year, month, day) or _safe_date(pub.year - 1, month, day)  # 29 شباط
    if candidate is None:
        return pub.year
    tolerance = dt.timedelta(days=_lexicon()[1]["future_tolerance_days"])
    if (m.past and candidate > pub) or candidate > pub + tolerance:
        return pub.year - 1
    return pub.year


def _resolve_date(m: DateMention, pub: dt.date | None) -> dt.date | None:
    if m.kind == "explicit" and m.year is not None and m.month is not None and m.day is not None:
        return _safe_date(m.year, m.month, m.day)  # a full date needs no publication date
    if m.kind == "month" and m.year is not None and m.month is not None:
        return _day_in_month(m.year, m.month, m.part)
    if pub is None:
        return None
    cfg = _lexicon()[1]
    if m.kind == "relative_day" and m.weekday is not None and m.offset <= 0:
        # «اليوم الجمعة» in a paper dated Saturday (printed the night before, or a crawl date a day late): the
        # named weekday wins — the most recent such day on or before the relative day
        day = pub + dt.timedelta(days=m.offset)
        return day - dt.timedelta(days=(day.weekday() - m.weekday) % 7)
    if m.kind in ("relative_day", "ago"):
        return pub + dt.timedelta(days=m.offset)
    if m.kind == "weekday" and m.weekday is not None:
        back = (pub.weekday() - m.weekday) % 7  # the most recent such day on or before publication
        return pub - dt.timedelta(days=7 if m.past and back == 0 else back)
    if m.kind == "week":
        start = pub - dt.timedelta(days=(pub.weekday() - cfg["week_start"]) % 7 - 7 * m.offset)
        # Part of the current week may lie after publication; the reported event cannot.
        return min(start + dt.timedelta(days=cfg["week_parts"][m.part or "middle"]), pub)
    if m.kind == "explicit" and m.day is not None:
        if m.month is None:
            return _safe_date(*_shift_month(pub, m.offset), m.day)
        return _safe_date(_infer_year(m, m.month, m.day, pub), m.month, m.day)
    if m.kind == "month":
        y, mo = _shift_month(pub, m.offset) if m.month is None else (_infer_year(m, m.month, 1, pub), m.month)
        date = _day_in_month(y, mo, m.part)
        return pub if (y, mo) == (pub.year, pub.month) and date > pub else date
    return None


def resolve(mention: DateMention, published: dt.date | None) -> EventDate:
    """The event date a mention gives, with ACLED's time precision (1 day, 2 week, 3 month).

    Future expressions, and relative ones without a publication date, give ``date=None`` and precision None;
    ``expression`` is always the mention's raw text and ``span`` its place in the article.
    """
    span = Span(mention.start, mention.end, mention.text)
    try:
        date = None if mention.future else _resolve_date(mention, published)
    except (OverflowError, ValueError):  # a publication date at the edge of the calendar (year 1 or 9999)
        date = None
    return EventDate(date, mention.precision if date else None, mention.text, span)


def default_date(published: dt.date | None) -> EventDate:
    """The date of an event with no date words: the publication date with time precision 2, else nothing."""
    return EventDate(published, 2 if published else None, None)
