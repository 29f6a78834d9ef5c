"""Lexicon annotation of one sentence: tokens plus the matches of every lexicon, by token position.

A :class:`SentenceView` is the extractor's working view of a sentence.  It is rebuilt per sentence (cheap) and
never stored; what the extractor keeps goes into :class:`rasd.model.Mention` and :class:`rasd.model.Event`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.compiled import Lexicons
from rasd.lexicon.matcher import Match, PhraseMatcher, select_longest
from rasd.model import Mention, Sentence
from rasd.text.normalize import Normalized
from rasd.text.tokens import PRONOUN_SUFFIXES, Token, tokenize


class Tag(NamedTuple):
    """A match in a sentence: tokens ``[first, last]``, a kind and its value."""

    kind: str
    first: int
    last: int
    value: Any
    prefix: str = ""
    extra: Any = None

    def covers(self, i: int) -> bool:
        return self.first <= i <= self.last


@dataclass
class SentenceView:
    sentence: Sentence
    tokens: list[Token]
    norm: Normalized
    raw: str
    tags: list[Tag] = field(default_factory=list)
    by_first: dict[int, list[Tag]] = field(default_factory=dict)
    bounds: frozenset[int] | None = None  # clause boundaries, filled by rasd.extractor.frames
    by_kind: dict[str, list[Tag]] = field(default_factory=dict)

    def add(self, tag: Tag) -> None:
        self.tags.append(tag)
        self.by_first.setdefault(tag.first, []).append(tag)
        self.by_kind.setdefault(tag.kind, []).append(tag)

    def of(self, kind: str) -> list[Tag]:
        return self.by_kind.get(kind, [])

    def has(self, *kinds: str) -> bool:
        """Does the sentence have a tag of any of these kinds?"""
        return any(k in self.by_kind for k in kinds)

    def at(self, i: int, kind: str | None = None) -> list[Tag]:
        return [t for t in self.by_first.get(i, ()) if kind is None or t.kind == kind]

    def covering(self, i: int, kinds: Iterable[str]) -> list[Tag]:
        return [t for k in kinds for t in self.by_kind.get(k, ()) if t.first <= i <= t.last]

    def punct_between(self, a: int, b: int) -> bool:
        """Is there a comma or semicolon between tokens ``a`` and ``b``?"""
        if a < 0 or b >= len(self.tokens):
            return False
        between = self.norm.text[self.tokens[a].end : self.tokens[b].start]
        return any(c in between for c in "،,;؛")

    def raw_span(self, first: int, last: int) -> tuple[int, int]:
        """Raw offsets of tokens ``first..last``."""
        s = self.norm.raw_start(self.tokens[first].start)
        e = self.norm.raw_end(self.tokens[last].end)
        return s, e

    def raw_text(self, first: int, last: int) -> str:
        s, e = self.raw_span(first, last)
        return self.raw[s:e]

    def raw_text_skip(self, first: int, last: int, skip: int) -> str:
        """Raw text of tokens ``first..last`` without the first ``skip`` normalised characters (clitics)."""
        s = self.norm.raw_start(self.tokens[first].start + skip)
        e = self.norm.raw_end(self.tokens[last].end)
        return self.raw[s:e]

    def tag_raw_span(self, tag: Tag) -> tuple[int, int]:
        """Raw offsets of a tag, without the clitics removed from its first token."""
        s = self.norm.raw_start(self.tokens[tag.first].start + len(tag.prefix))
        e = self.norm.raw_end(self.tokens[tag.last].end)
        return s, e

    def tok(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def mention(self, tag: Tag, kind: str, label: str, **data: Any) -> Mention:
        s, e = self.tag_raw_span(tag)
        return Mention(kind, s, e, self.raw[s:e], label, tuple(sorted(data.items())))


# A leading «PLACE - SOURCE:» or «SOURCE -» of at most 40 characters with no sentence inside.
_DATELINE = re.compile(r"\s*([^\n.:،؛!؟]{2,40}?)\s*(?:[:：]|\s[-–—]\s?|[-–—]\s)")

_UNION: dict[tuple[int, int], PhraseMatcher] = {}


def union_matcher(gaz: Gazetteer, lex: Lexicons) -> PhraseMatcher:
    """One trie with every lexicon and every gazetteer key (payloads tagged by kind), built once.

    Gazetteer keys that are common words of news prose (function words, head nouns, directions, trigger and cue
    words, the place stop list) are left out: GeoNames has villages called «الجديدة» or «وجه», but in a report
    those words are almost never the place.
    """
    key = (id(gaz), id(lex))
    m = _UNION.get(key)
    if m is None:
        m = PhraseMatcher(strip_clitics=True)
        lex.misc.copy_into(m, None)
        lex.triggers.copy_into(m, "trigger")
        for k, payloads in lex.triggers.entries():
            for payload in payloads:
                cls, pos = payload
                # spelled-out variants, so one pass finds them: an attached pronoun on the last word where the
                # class allows it («قصفها»), and the accusative of a one-word noun («تفجيراً» → تفجيرا)
                if lex.trigger_classes[cls].suffix:
                    for suf in PRONOUN_SUFFIXES[:-1]:  # not «ي»: «الهجومي» is an adjective, not «my attack»
                        m.add_key(k + suf, ("trigger", payload))
                if pos == "noun" and " " not in k and not k.endswith(("ا", "ه", "ي", "ء")):
                    m.add_key(k + "ا", ("trigger", payload))
        stop = lex.place_stop
        for gk in gaz.keys():  # noqa: SIM118 - keys() is the Gazetteer API, not a dict
            if gk not in stop and len(gk) >= 3:
                m.add_key(gk, ("gaz", gk))
        for c in gaz.countries():
            for name in c.names_ar:
                m.add(name, ("country", (c.iso2, c.name_en)))
        _UNION[key] = m
    return m


def _longest_per_start(matches: list[Match]) -> list[Match]:
    """The longest entry at each start token (what ``PhraseMatcher.find`` returns for one lexicon)."""
    best: dict[int, Match] = {}
    for m in matches:
        cur = best.get(m.first)
        if cur is None or m.last > cur.last:
            best[m.first] = m
        elif m.last == cur.last and m is not cur:
            best[m.first] = cur._replace(payloads=cur.payloads + m.payloads)
    return [best[k] for k in sorted(best)]


def annotate_sentence(sent: Sentence, norm: Normalized, raw: str, lex: Lexicons, gaz: Gazetteer,
                      norm_start: int, norm_end: int, dates: Iterable[tuple[int, int]] = (),
                      tokens: list[Token] | None = None) -> SentenceView:
    """Tag a sentence with every lexicon; ``dates`` are raw spans of date expressions; ``tokens`` the sentence's
    tokens when the caller has tokenised the whole text already."""
    view = SentenceView(sent, tokens if tokens is not None else tokenize(norm.text, norm_start, norm_end), norm, raw)
    toks = view.tokens
    if not toks:
        return view
    # «دمشق - رويترز:», «الخرطوم – «الشرق الأوسط»:»: a dateline names where the report was filed, not where
    # anything happened; its words are neither places nor dates of the events
    dateline: set[int] = set()
    m0 = _DATELINE.match(raw, sent.start, sent.end)
    if m0 is not None and sent.zone == "body":
        dateline = {i for i, t in enumerate(toks) if norm.raw_start(t.start) < m0.end(1)}
    dated: set[int] = set(dateline)
    for ds, de in dates:
        if de <= sent.start or ds >= sent.end:
            continue
        idx = [i for i, t in enumerate(toks) if ds <= norm.raw_start(t.start) < de]
        if idx and idx[0] not in dateline:
            view.add(Tag("date", idx[0], idx[-1], (ds, de)))
            dated.update(idx)
    by_kind: dict[str, list[Match]] = {}
    for m in union_matcher(gaz, lex).find_all(toks):  # one pass for every lexicon and the gazetteer
        if len(m.payloads) == 1:
            by_kind.setdefault(m.payloads[0][0], []).append(m._replace(payloads=(m.payloads[0][1],)))
            continue
        for kind, payload in m.payloads:
            by_kind.setdefault(kind, []).append(m._replace(payloads=(payload,)))
    for m in select_longest(by_kind.get("actor", [])):
        view.add(Tag("actor", m.first, m.last, m.payloads[0], m.prefix))
    for m in select_longest(by_kind.get("source", [])):
        view.add(Tag("source", m.first, m.last, m.payloads[0], m.prefix))
    blocked: set[int] = set()
    for m in by_kind.get("blocker", []):
        blocked.update(range(m.first, m.last + 1))
    blocked |= dated  # «فجر أمس» is dawn, not «فجّر» (blew up)
    for m in select_longest(_longest_per_start(by_kind.get("trigger", []))):
        if blocked.intersection(range(m.first, m.last + 1)):
            continue
        cls, pos = m.payloads[0]
        view.add(Tag("trigger", m.first, m.last, cls, m.prefix, pos))
    for m in _longest_per_start(by_kind.get("cue", [])):
        for cat, val in m.payloads:
            view.add(Tag(cat, m.first, m.last, val, m.prefix))
    for m in select_longest(by_kind.get("num", [])):
        cat, val = m.payloads[0]
        view.add(Tag("num_" + cat, m.first, m.last, val, m.prefix))
    for m in _longest_per_start(by_kind.get("placeword", [])):
        for cat, val in m.payloads:
            view.add(Tag(cat, m.first, m.last, val, m.prefix))
    for m in select_longest(by_kind.get("country", [])):
        view.add(Tag("country", m.first, m.last, m.payloads[0], m.prefix))
    for m in _longest_per_start(by_kind.get("gaz", [])):
        # the gazetteer does not take ك or ف: «كبيرة» is not ك + «بيرة», «فصيلة» not ف + «صيلة»
        if "ك" not in m.prefix and "ف" not in m.prefix and not dated.intersection(range(m.first, m.last + 1)):
            view.add(Tag("gaz", m.first, m.last, m.payloads[0], m.prefix))
        elif not m.prefix and m.first == 0 and m.last in dateline:
            # the dateline's city: where the report was filed, a fallback for events told with no place
            view.add(Tag("dateline", m.first, m.last, m.payloads[0]))
    for i, t in enumerate(toks):
        plain = t.text.replace(",", "").replace(".", "")
        if plain.isascii() and plain.isdigit():  # ASCII only: «²» is a digit to str.isdigit, not to int()
            with contextlib.suppress(ValueError):
                view.add(Tag("num_unit", i, i, int(float(t.text.replace(",", "")))))
        dem = lex.demonyms.get(t.text) or lex.demonyms.get(t.text[1:] if t.text[:1] == "و" else "")
        if dem:
            view.add(Tag("demonym", i, i, dem, "و" if t.text not in lex.demonyms else ""))
    if view.has("demonym"):
        dem_at = {t.first for t in view.of("demonym")}
        for tag in list(view.of("trigger")):
            # «غارات روسية», «قصف إسرائيلي»: the adjective after the attack names whose it was
            if tag.last + 1 in dem_at and tag.value in ("air", "shelling", "clash"):
                view.add(Tag("aircraft" if tag.value == "air" else "force_nouns", tag.first, tag.last, None))
    return view
