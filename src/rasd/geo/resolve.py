"""From place phrases to ACLED locations: candidate ranking, anchors, relations and precision.

Precision follows ACLED: 1 a town (or its outskirts), 2 near a town or in part of a region (coordinates of the
anchor town), 3 a province only (its capital's coordinates).  A name the gazetteer lacks is placed at its anchor:
a relation («قرب X»), the known place a landmark is named after («معبر هجين»), a known sibling in a list, another
known place in the same sentence, and last the province named as context.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.extractor.places import PROMINENT_POPULATION, PlacePhrase
from rasd.geo.gazetteer import Gazetteer, is_admin1
from rasd.geo.translit import SkeletonIndex
from rasd.model import Location, Place, Span


def km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres (haversine)."""
    r = math.pi / 180
    h = math.sin((b.lat - a.lat) * r / 2) ** 2 + math.cos(a.lat * r) * math.cos(b.lat * r) * math.sin(
        (b.lon - a.lon) * r / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _flat_km(a: Place, b: Place) -> float:
    """Equirectangular distance: close enough for ranking at these latitudes, and cheap."""
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(x, b.lat - a.lat)


@dataclass
class GeoContext:
    """What the article has said about where it is: countries, provinces and places resolved so far."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO2 → weight
    admin1: dict[str, float] = field(default_factory=dict)  # admin1 name → weight
    resolved: list[Place] = field(default_factory=list)

    main: str | None = None  # fixed after the article's first reading (see ``settle``)

    def main_country(self) -> str | None:
        if self.main is not None:
            return self.main
        return max(self.countries, key=lambda c: self.countries[c]) if self.countries else None

    def settle(self) -> None:
        """Fix the article's main country once its names and actors have been weighed."""
        self.main = None
        self.main = self.main_country()

    def note(self, place: Place, weight: float = 1.0) -> None:
        self.countries[place.country] = self.countries.get(place.country, 0.0) + weight
        if place.admin1:
            self.admin1[place.admin1] = self.admin1.get(place.admin1, 0.0) + weight
        if place.feature != "A":
            self.resolved.append(place)


def rank(gaz: Gazetteer, key: str, ctx: GeoContext, prefer_admin: bool = False,
         landmark: bool = False) -> list[tuple[Place, float]]:
    """Candidates for ``key``, best first, scored by the article's context: the article's country and provinces,
    nearness to its other places, population, and the feature class (a town over a hill or a wadi of the same
    name, unless the text names a landmark)."""
    out: list[tuple[Place, float]] = []
    main = ctx.main_country()
    for p in gaz.lookup(key):
        s = math.log10(p.population + 10)
        if main and p.country == main:
            s += 4
        elif p.country in ctx.countries:
            s += 2
        if p.admin1 and p.admin1 in ctx.admin1:
            s += 3
        if ctx.resolved:
            d = min(_flat_km(p, q) for q in ctx.resolved[-8:])
            s += 3 if d < 60 else 1 if d < 150 else 0
        if p.feature == "A":
            s += 2 if prefer_admin else -1
        elif p.feature != "P":
            s += 2 if landmark else -2
        out.append((p, round(s, 3)))
    out.sort(key=lambda t: -t[1])
    return out


def context_admin(gaz: Gazetteer, phrases: list[PlacePhrase], ctx: GeoContext) -> None:
    """Let province and country mentions of a sentence weigh on the article's context."""
    for ph in phrases:
        if ph.gaz_key:
            for p in gaz.lookup(ph.gaz_key):
                if p.feature == "A" and p.country in (ctx.main_country() or p.country,):
                    ctx.admin1[p.admin1 or p.name_en] = ctx.admin1.get(p.admin1 or p.name_en, 0.0) + 0.5


def _admin_level(cands: list[tuple[Place, float]], level: str) -> list[tuple[Place, float]]:
    """The candidates that are admin areas, those of ``level`` (province or district) first if there are any."""
    admin = [(p, s) for p, s in cands if p.feature == "A"]
    wanted = [(p, s) for p, s in admin if (p.admin2 is None) == (level == "province")]
    return wanted + [c for c in admin if c not in wanted]


def best_candidate(gaz: Gazetteer, key: str, ctx: GeoContext, prefer_admin: bool, admin_only: bool = False,
                   town: bool = False, level: str = "province", landmark: bool = False, local: bool = False
                   ) -> tuple[Place | None, list[tuple[Place, float]]]:
    """The best candidate, if it is plausible: in the article's country, well known, or named as a town.

    A village of the same name in another country is not taken: «العدلي» in a Mosul report is not Cadale in
    Somalia; such names are treated as unknown and placed at their anchor instead.  ``town``: the text calls it
    a town or city («مدينة جنين» in a report about Israeli forces), so a town of that name anywhere will do, and
    a province of the same name will not.  ``local``: the text calls it an area, a district or a neighbourhood
    («منطقة بوسان» in Lahij, «أحياء الميسر والصاخور بحلب»), a part of the article's country, never a place
    abroad (Busan, Meisir in Israel).
    """
    cands = rank(gaz, key, ctx, prefer_admin, landmark)
    main = ctx.main_country()
    if admin_only and any(p.feature == "A" and p.country == main for p, _ in cands):
        cands = [(p, s) for p, s in cands if p.country == main]  # the article's own province or district first
    if admin_only and any(p.feature == "A" for p, _ in cands):
        # «محافظة إدلب» is the province, not the city; «قضاء سنجار» the district, not the town
        cands = _admin_level(cands, level)
    elif admin_only and main is not None:
        # «مديرية المنصورة» in a Yemeni story is a Yemeni district the gazetteer lacks, not Mansoura in Egypt
        cands = [(p, s) for p, s in cands if p.country == main]
    if town and any(p.feature != "A" for p, _ in cands):
        cands = [(p, s) for p, s in cands if p.feature != "A"]  # «مدينة جنين» is the city, not the governorate
    for p, _ in cands:
        if local and main is not None and p.country != main and p.feature != "A":
            continue
        named_town = town and (p.country in ctx.countries or p.population >= 1000)
        # a province abroad when the text calls it one («ولاية الجزيرة»), or when the article speaks of that
        # country nearly as much as of its own: «البحر الأحمر» in a Yemeni story is the sea, not Egypt's Red Sea
        # governorate
        weight = ctx.countries.get(p.country, 0.0)
        foreign_admin = p.feature == "A" and (admin_only or weight >= 0.5 * ctx.countries.get(main or "", 0.0))
        if main is None or p.country == main or named_town or foreign_admin or p.population >= PROMINENT_POPULATION:
            return p, cands
    return None, cands


def _city_of_admin(gaz: Gazetteer, place: Place) -> Place:
    """For a province row, its capital's entry when the gazetteer has it (same coordinates, a town's name)."""
    cap = gaz.admin1_capital(place) if place.feature == "A" else None
    return cap or place


_PLACE_HEADS = ("settlement", "district", "province")


@lru_cache(maxsize=4)
def _skeletons(gaz: Gazetteer) -> SkeletonIndex:
    return SkeletonIndex(gaz)


def _transliterated(gaz: Gazetteer, ph: PlacePhrase, ctx: GeoContext) -> Place | None:
    """The one entry of the article's country, known only by a Latin name, that an unknown name with a head noun
    transliterates («مديرية المنصورة» → Al Mansura district, «مدينة ترهونة» → Tarhuna)."""
    main = ctx.main_country()
    if main is None or ph.common_word:
        return None  # «مناطق مأهولة»: a frequent word after a head noun is an adjective, not a name
    hits = _skeletons(gaz).lookup(ph.name, main)
    if ph.head == "province" or ph.admin_head:
        hits = [p for p in hits if p.feature == "A"] or hits
    elif ph.head == "settlement":
        hits = [p for p in hits if p.feature != "A"] or hits
    return hits[0] if len(hits) == 1 else None


def resolve_phrase(gaz: Gazetteer, phrases: list[PlacePhrase], idx: int, ctx: GeoContext, span: Span,
                   last_city: Location | None, depth: int = 0) -> Location | None:
    """The ACLED location for phrase ``idx`` of a sentence (None when nothing places it)."""
    ph = phrases[idx]
    if depth > 4:
        return None  # anchors that point at each other
    if ph.anaphoric:
        if last_city is None:
            return None
        return Location(last_city.name_ar, last_city.name_en, last_city.place, last_city.geo_precision, span,
                        "anaphora")
    place: Place | None = None
    cands: list[tuple[Place, float]] = []
    if ph.gaz_key:
        # «ريف إدلب» is the countryside of the province: its row, at the capital's coordinates (precision 2)
        # (a district's countryside, «ريف القامشلي», stays the town's: ACLED names the town, precision 2)
        admin_only = ph.head == "province" or ph.admin_head is not None or (
            ph.countryside and any(is_admin1(p) for p in gaz.lookup(ph.gaz_key)))
        level = ph.admin_head or "province"
        place, cands = best_candidate(
            gaz, ph.gaz_key, ctx, prefer_admin=ph.head in ("district", "province") or ph.countryside,
            admin_only=admin_only, town=ph.head == "settlement", level=level, landmark=ph.head == "landmark",
            local=ph.head == "district" or ph.within_town)
    translit = False
    main = ctx.main_country()
    if place is None and not ph.gaz_key and not ph.inner_known and ph.head in _PLACE_HEADS:
        place = _transliterated(gaz, ph, ctx)
        translit = place is not None
    elif ph.admin_head and main and (place is None or place.country != main or place.feature != "A"):
        # «مديرية المنصورة» in an Aden report: Aden's Mansura district, known to GeoNames in Latin letters only,
        # rather than Egypt's district of the same Arabic name
        own = _transliterated(gaz, ph, ctx)
        if own is not None and own.feature == "A":
            place, translit = own, True
    if place is not None and not ph.inner_known:
        if place.feature == "A":
            # a district is a small part of a region (2), a province only a large one (3)
            district = place.admin2 is not None
            precision = 2 if ph.countryside or ph.relation or district else 3
            seat = _city_of_admin(gaz, place)
            name_ar = ("ريف " + ph.name) if ph.countryside and not ph.name.startswith("ريف") else ph.name
            name_en = f"{place.name_en} countryside" if ph.countryside else place.name_en
            relation = "countryside" if ph.countryside else "transliteration" if translit else \
                "district" if district else "province"
            return Location(name_ar, name_en, seat, precision, span, relation, tuple(cands[1:6]), place)
        precision = 1
        # «قرب X» with X the place named: near X (2); «أبو غريب غربي بغداد» only describes a known place (1)
        if ph.countryside or (ph.relation and ph.relation != "outskirts" and ph.anchor is None):
            precision = 2
        return Location(ph.name, place.name_en, place, precision, span,
                        "transliteration" if translit and not ph.relation else ph.relation, tuple(cands[1:6]), place)
    if ph.gaz_key and place is None and ph.head is None and not ph.relation and ph.group is None and \
            not ph.inner_known:
        # a bare name known only as a village abroad («في المائة», «من الشعب»): most likely a word, not a place
        return None
    # not in the gazetteer (or a landmark): place it at an anchor, precision 2
    anchor: Location | None = None
    relation = ph.relation or "near"
    if ph.inner_known:
        p, _ = best_candidate(gaz, ph.inner_known, ctx, prefer_admin=False)
        if p is not None:
            anchor = Location(None, p.name_en, p, 2, None)
            relation = "landmark"
    if anchor is None and ph.anchor is not None and depth < 4:
        anchor = resolve_phrase(gaz, phrases, ph.anchor, ctx, span, last_city, depth + 1)
    if anchor is None and ph.group is not None:
        for k, other in enumerate(phrases):
            if k != idx and other.group == ph.group and (other.gaz_key or other.inner_known) and depth < 4:
                anchor = resolve_phrase(gaz, phrases, k, ctx, span, last_city, depth + 1)
                relation = "sibling"
                if anchor is not None:
                    break
    if anchor is None:
        # another known place of the same sentence, nearest first
        known = [k for k, o in enumerate(phrases) if k != idx and o.gaz_key and o.role != "context"]
        known.sort(key=lambda k: abs(phrases[k].first - ph.first))
        for k in known[:1]:
            anchor = resolve_phrase(gaz, phrases, k, ctx, span, last_city, depth + 1)
            relation = "same-sentence"
    if anchor is None:
        ctxs = [k for k, o in enumerate(phrases) if o.role == "context" and o.gaz_key]
        for k in ctxs[:1]:
            anchor = resolve_phrase(gaz, phrases, k, ctx, span, last_city, depth + 1)
            relation = "province"
    if anchor is None and depth == 0 and ph.head is not None and last_city is not None and \
            last_city.place is not None and last_city.place.country == ctx.main_country():
        # «في حي الزيتون» with no town in the sentence: the neighbourhood of the town the article is about
        anchor, relation = last_city, "article-town"
    if anchor is None or anchor.place is None:
        return None
    precision = 3 if relation == "province" and anchor.geo_precision == 3 else 2
    return Location(ph.name, None, anchor.place, precision, span, relation)
