"""Tolls: numbers, vague quantities and killing words, coded by ACLED's conservative rules.

«مقتل 32 مدنياً» → 32 civilians; «قتل أكثر من 10 أشخاص» → 10; «سقط تسعة قتلى على الأقل» → 9; «عشرات القتلى» → 10;
«سبعة قتلى وأكثر من 23 جريحاً» → 7 (the wounded never count); «العشرات بين قتيل وجريح» → deaths with no number;
«خسائر بشرية» → casualties with no deaths stated (0).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rasd.extractor.annotate import SentenceView, Tag

_NUM_KINDS = ("num_unit", "num_vague", "num_dual", "num_singular")
# ACLED's defaults for deaths reported with no number: 10 for a significant event, 3 for a limited one.
DEFAULT_SIGNIFICANT = 10
DEFAULT_LIMITED = 3


@dataclass(frozen=True, slots=True)
class Casualty:
    first: int  # token span of the toll phrase
    last: int
    deaths: int  # ACLED fatalities
    how: str  # number | no_number | unknown (casualties, no deaths stated)
    victims: str | None  # civilian | combatant | None
    victim_tag: Tag | None = None
    start: int = 0  # raw offsets: a toll may be attached to an event of an earlier sentence
    end: int = 0


def _number_at(view: SentenceView, i: int) -> tuple[int, int, int] | None:
    """(value, first, last) of a number starting at token ``i`` (digits, words, compound «خمسة وعشرين»)."""
    for t in view.at(i):
        if t.kind in _NUM_KINDS:
            value, last = int(t.value), t.last
            if t.kind in ("num_dual", "num_singular") and view.at(i - 1, "num_unit"):
                return None  # «12 شخصاً»: the noun is counted by the number before it
            # compound numbers: «خمسة وعشرين» = 25
            for t2 in view.at(last + 1, "num_unit"):
                if t2.prefix.startswith("و") and 20 <= int(t2.value) < 100 and value < 10:
                    value, last = value + int(t2.value), t2.last
            return value, t.first, last
    return None


def _is(view: SentenceView, i: int, kind: str) -> bool:
    return any(t.kind == kind for t in view.covering(i, (kind,)))


def find_casualties(view: SentenceView, kill_tags: list[Tag]) -> list[Casualty]:
    """Tolls in a sentence, anchored on killing words (and on «بين قتيل وجريح», «خسائر بشرية»)."""
    out: list[Casualty] = []
    used: set[int] = set()
    kw = view.of("killed_and_wounded")
    for k in kill_tags:
        if any(t.first <= k.first <= t.last for t in kw) or any(c.first <= k.first <= c.last + 1 for c in out):
            continue
        best: tuple[int, int, int, int] | None = None  # (distance, value, first, last)
        own = _number_at(view, k.first)  # «قتيلان»: the killing word is its own number
        if own is not None:
            best = (0, own[0], own[1], own[2])
        for dist in range(1, 6) if best is None else ():
            for i in (k.first - dist, k.last + dist):
                if i < 0 or i >= len(view.tokens) or i in used:
                    continue
                num = _number_at(view, i)
                if num is None:
                    continue
                value, nf, nl = num
                if 1900 <= value <= 2100 and view.tok(nf - 1).lstrip("و") in ("عام", "العام", "سنه", "سنة"):
                    continue  # «عام 1966» is a year
                if _is(view, nl + 1, "thousands"):
                    continue  # «قتل نحو 300 ألف شخص»: a war's total, not an event's toll
                # a number that counts the wounded is not a toll: «23 جريحاً» (a dual noun such as «مدنيان»
                # names its own persons, so the word after it is another clause)
                self_named = any(t.kind in ("num_dual", "num_singular") for t in view.at(nf))
                if not self_named and (_is(view, nl + 1, "wounded") or (
                        _is(view, nl + 2, "wounded") and not _is(view, nl + 1, "civilian_victims"))):
                    continue
                # the number must not be separated from the killing word by a wounded word
                lo, hi = sorted((nl, k.first))
                if any(_is(view, j, "wounded") for j in range(lo + 1, hi)):
                    continue
                if best is None or dist < best[0]:
                    best = (dist, value, nf, nl)
            if best is not None:
                break
        victims, vtag = _victims(view, k.first - 3, k.last + 5)
        if best is not None:
            _, value, nf, nl = best
            used.update(range(nf, nl + 1))
            out.append(Casualty(min(nf, k.first), max(nl, k.last), value, "number", victims, vtag))
        else:
            for t in view.at(k.first):
                if t.kind in ("num_dual", "num_singular"):
                    out.append(Casualty(k.first, k.last, int(t.value), "number", victims, vtag))
                    break
            else:
                tok = view.tok(k.first)
                if tok.endswith(("ه", "ها")) and not tok.endswith("هم"):
                    # «ما أدى إلى مقتله»: the killing of one person named before
                    out.append(Casualty(k.first, k.last, 1, "number", victims, vtag))
                else:
                    out.append(Casualty(k.first, k.last, DEFAULT_LIMITED, "no_number", victims, vtag))
    for t in kw:
        if any(c.first <= t.first <= c.last + 2 for c in out):
            continue
        significant = any(x.kind in ("significant", "num_vague") and abs(x.first - t.first) <= 5 for x in view.tags)
        victims, vtag = _victims(view, t.first - 5, t.last)
        out.append(Casualty(t.first, t.last, DEFAULT_SIGNIFICANT if significant else DEFAULT_LIMITED,
                            "no_number", victims, vtag))
    for t in view.of("casualties_unknown"):
        if not any(c.first <= t.first <= c.last for c in out):
            victims, vtag = _victims(view, t.first, t.last + 4)
            out.append(Casualty(t.first, t.last, 0, "unknown", victims, vtag))
    spans = [view.raw_span(c.first, c.last) for c in out]
    out = [replace(c, start=a, end=b) for c, (a, b) in zip(out, spans, strict=True)]
    return sorted(out, key=lambda c: c.first)


def _victims(view: SentenceView, lo: int, hi: int) -> tuple[str | None, Tag | None]:
    for t in view.tags:
        if lo <= t.first <= hi:
            if t.kind in ("soldier_victims", "police_victims"):
                return "combatant", t
            if t.kind == "civilian_victims":
                return "civilian", t
            if t.kind == "person_victims":
                return "person", t
            if t.kind == "combatant_victims":
                return "combatant", t
    return None, None
