"""The extraction stage: sentences → annotated views → place phrases, actors, tolls → event frames → events."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace

from rasd.dates.resolve import DateMention, default_date, find_dates, resolve
from rasd.extractor.actors import ActorContext, ActorRef, as_actor, group_actors, sentence_actors
from rasd.extractor.annotate import SentenceView, Tag, annotate_sentence
from rasd.extractor.casualties import Casualty, find_casualties
from rasd.extractor.claims import ClaimTracker
from rasd.extractor.frames import (
    Frame,
    assign_actors,
    code_type,
    modality,
    region_of,
    triggers_of,
    with_casualty,
)
from rasd.extractor.places import PlacePhrase, find_places
from rasd.geo.gazetteer import Gazetteer
from rasd.geo.resolve import GeoContext, best_candidate, context_admin, rank, resolve_phrase
from rasd.lexicon.compiled import Lexicons
from rasd.model import Document, Event, EventDate, Evidence, Location, Mention, Sentence, Span
from rasd.text.normalize import Normalized, normalize_key
from rasd.text.tokens import tokenize

_IN_COUNTRY = tuple(normalize_key(w) for w in ("في", "داخل", "وسط", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي",
                                             "شرقي", "غربي", "أنحاء", "مناطق", "محافظات", "مدن"))
_AFTER = tuple(normalize_key(w) for w in ("بعد", "إثر", "عقب", "بعدما"))
_LIST_PREPS = tuple(normalize_key(w) for w in ("في", "من", "على"))
_FROM_OK = ("abduct", "arrest", "kill", "execute")  # «اختطف 14 شاباً من ناحية باودش»: taken from there
_WHERE = tuple(normalize_key(w) for w in ("حيث", "وحيث"))
_TOWARDS = tuple(normalize_key(w) for w in ("باتجاه", "نحو", "إلى", "تجاه"))


@dataclass
class _Sent:
    view: SentenceView
    phrases: list[PlacePhrase]
    locs: list[Location | None]


def _norm_index(norm: Normalized, raw_offset: int) -> int:
    return norm.norm_index(raw_offset)


def _view_span(view: SentenceView, first: int, last: int) -> Span:
    s, e = view.raw_span(first, last)
    return Span(s, e, view.raw[s:e])


def place_mention(ph: PlacePhrase, loc: Location | None, span: Span) -> Mention:
    """A place phrase as a document mention: ``label`` is the gazetteer entry's English name when the name itself
    resolved, empty otherwise; ``status`` is ``resolved`` (the name's own entry), ``anchored`` (an unknown name
    placed at another place: see ``relation``) or ``unresolved``."""
    status = "unresolved" if loc is None or loc.place is None else "anchored" if loc.entry is None else "resolved"
    place = (loc.entry or loc.place) if loc is not None else None
    data: dict[str, object] = {"key": ph.key, "gaz_key": ph.gaz_key or "", "role": ph.role, "head": ph.head or "",
                               "status": status}
    if loc is not None and place is not None:
        data.update(geonameid=place.geonameid, place_key=place.key, place_name=place.name_en, country=place.country,
                    admin1=place.admin1 or "", precision=loc.geo_precision, relation=loc.relation or "",
                    candidates=tuple((c.geonameid or c.key, sc) for c, sc in loc.candidates))
    label = place.name_en if place is not None and status == "resolved" else ""
    return Mention("place", span.start, span.end, span.text, label, tuple(sorted(data.items())))


def _resolve_places(sent: _Sent, gaz: Gazetteer, geo: GeoContext, last_city: Location | None,
                    mentions: list[Mention]) -> Location | None:
    """Resolve every phrase of a sentence in order, adding a place mention for each named one; returns the last
    city named (for «المدينة»)."""
    context_admin(gaz, sent.phrases, geo)
    sent.locs = [None] * len(sent.phrases)
    # provinces and countries named as context first («… في بعقوبة»): they help rank the other names
    order = sorted(range(len(sent.phrases)), key=lambda k: (sent.phrases[k].role != "context", k))
    for k in order:
        ph = sent.phrases[k]
        span = _view_span(sent.view, ph.name_first if not ph.anaphoric else ph.first, ph.name_last)
        if span.text != ph.name and span.text.endswith(ph.name):
            # «والكشمة», «وقاعدة العند»: the name without its conjunction or preposition
            span = Span(span.end - len(ph.name), span.end, ph.name)
        loc = resolve_phrase(gaz, sent.phrases, k, geo, span, last_city)
        sent.locs[k] = loc
        if not ph.anaphoric:
            mentions.append(place_mention(ph, loc, span))
        if ph.role == "context" and loc is not None and loc.place is not None:
            geo.note(loc.place, 0.5)
        if (loc is not None and loc.place is not None and not ph.anaphoric and ph.role != "context"
                and loc.geo_precision == 1 and loc.place.feature != "A"):
            last_city = loc
            geo.note(loc.place)
    return last_city


def _document_country(sents: list[_Sent], gaz: Gazetteer, geo: GeoContext, lex: Lexicons) -> None:
    """Weigh the article's countries by its prominent place names, and by the home countries of the actors
    it names («الحوثيين» → Yemen), before resolving anything."""
    iso = {c.name_en: c.iso2 for c in gaz.countries()}
    for s in sents:
        # «في وسط اليمن», «البيضاء اليمنية»: country names and nationality adjectives
        gaz_ends = {g.last for g in s.view.of("gaz")}
        for t in s.view.of("demonym"):
            code = iso.get(t.value[0])
            if code and t.first - 1 in gaz_ends:  # «البيضاء اليمنية», not «بقيادة السعودية»
                geo.countries[code] = geo.countries.get(code, 0.0) + 1.0
        for t in s.view.of("country"):
            # only where the text puts something in the country («في اليمن», «وسط اليمن»), not «بقيادة السعودية»
            prev = s.view.tok(t.first - 1).lstrip("و")
            if t.prefix.endswith(("ب", "في")) or prev in _IN_COUNTRY:
                geo.countries[t.value[0]] = geo.countries.get(t.value[0], 0.0) + 1.5
        for t in s.view.of("actor"):
            info = lex.actor_info.get(t.value)
            if info is not None and info.country in iso and info.kind != "foreign":
                code = iso[info.country]
                geo.countries[code] = geo.countries.get(code, 0.0) + 0.5
    for s in sents:
        for ph in s.phrases:
            if ph.gaz_key:
                cands = rank(gaz, ph.gaz_key, geo)
                if cands:
                    p = cands[0][0]
                    # well-known names vote more: a village name shared with another country should not decide
                    weight = 2.0 if p.feature == "A" or p.population >= 100_000 else 0.5 if ph.head else 0.25
                    geo.countries[p.country] = geo.countries.get(p.country, 0.0) + weight


def _dateline(sents: list[_Sent], gaz: Gazetteer, geo: GeoContext) -> tuple[int, Location] | None:
    """The paragraph and place of the article's dateline city («الفاشر - رويترز:»), if the gazetteer knows it as a
    town of the article's country (a dateline abroad, «لندن - الشرق الأوسط:», places nothing)."""
    for s in sents[:4]:
        for t in s.view.of("dateline"):
            place, _ = best_candidate(gaz, t.value, geo, prefer_admin=False, town=True)
            if place is None or place.feature == "A" or place.country != geo.main_country():
                return None
            span = _view_span(s.view, t.first, t.last)
            return s.view.sentence.paragraph, Location(span.text, place.name_en, place, 1, span, "dateline",
                                                       entry=place)
    return None


def extract_events(doc: Document, lex: Lexicons, gaz: Gazetteer, norm: Normalized) -> Document:
    """Find the events of a segmented document."""
    raw = doc.article.text
    all_tokens = tokenize(norm.text)
    dates = find_dates(raw, norm, all_tokens)
    date_spans = [(d.start, d.end) for d in dates]
    sents: list[_Sent] = []
    starts = [t.start for t in all_tokens]
    for sentence in doc.sentences:
        a, b = _norm_index(norm, sentence.start), _norm_index(norm, sentence.end)
        toks = all_tokens[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
        view = annotate_sentence(sentence, norm, raw, lex, gaz, a, b, date_spans, toks)
        sents.append(_Sent(view, find_places(view, lex, gaz), []))
    geo = GeoContext()
    _document_country(sents, gaz, geo, lex)
    geo.settle()
    iso2 = geo.main_country()
    cinfo = gaz.country(iso2) if iso2 else None
    country = cinfo.name_en if cinfo else None
    actx = ActorContext(country=country)
    for s in sents:
        for t in s.view.of("aircraft"):
            dems = [d for d in s.view.of("demonym") if t.last < d.first <= t.last + 3]
            if dems:
                actx.future_aircraft.append((s.view.tag_raw_span(t)[0], tuple(d.value[1] for d in dems)))
    claims = ClaimTracker(lex)
    frames_all: list[tuple[Frame, _Sent]] = []
    mentions: list[Mention] = []
    dateline = _dateline(sents, gaz, geo)
    # «الفاشر - رويترز: قصفت … أحياء المدينة»: «المدينة» before any other town is the dateline's
    last_city: Location | None = dateline[1] if dateline else None
    prev_para = -1
    for s in sents:
        view = s.view
        last_city = _resolve_places(s, gaz, geo, last_city, mentions)
        mentions.extend(view.mention(t, "country", t.value[0]) for t in view.of("country"))
        skip = claims.read(view, view.sentence.paragraph != prev_para, actx)
        prev_para = view.sentence.paragraph
        refs = sentence_actors(view, lex, actx, skip)
        groups = group_actors(refs, view)
        kills = [t for t in view.of("trigger") if t.value == "kill"]
        # the number executed is a toll too («أعدم التنظيم 12 شخصاً»)
        tolls = find_casualties(view, kills + [t for t in view.of("trigger") if t.value == "execute"])
        trigs = triggers_of(view, lex)
        sent_frames: list[Frame] = []
        for k, trig in enumerate(trigs):
            if trig.kind == "absorbed":
                continue
            region = region_of(view, trigs, k)
            mod = modality(view, trig, region[0], lex)
            if mod is not None:
                mentions.append(view.mention(trig, "trigger", trig.value, modality=mod))
                continue
            frame = Frame(lex.trigger_classes[trig.value], trig, view, region, tspan=view.tag_raw_span(trig))
            # aircraft, or an air-only weapon («براميل متفجرة»), in the clause make it an air strike
            frame.air = frame.cls.name == "air" or any(
                region[0] <= t.first < region[1] for t in view.of("aircraft")) or any(
                region[0] <= t.first < region[1] and t.value == "air" for t in view.of("trigger"))
            assign_actors(frame, groups, lex)
            if not frame.actor1 and sent_frames and view.tok(trig.first).startswith("و") and sent_frames[-1].actor1:
                # «اقتحم عناصر من الحشد الشعبي … واعتقلوا»: a coordinated verb shares its subject
                prev = sent_frames[-1]
                frame.actor1, frame.inter1, frame.assoc1, frame.actor1_ref = (
                    prev.actor1, prev.inter1, prev.assoc1, prev.actor1_ref)
            _absorb(frame, trigs, k, groups, view, lex)
            frame.locations = _locations(s, frame, region, last_city)
            if not frame.locations and dateline and dateline[0] == view.sentence.paragraph and not s.phrases:
                # «الفاشر - أ ف ب: قتل 12 مدنياً بقصف مدفعي»: a lead that names no place happened at the dateline
                frame.locations = [dateline[1]]
            if not frame.locations:
                # «جراء القصف»: a cause named again, or an event with no place: no event of its own
                mentions.append(view.mention(trig, "trigger", trig.value, modality="no-location"))
                continue
            for c in tolls:
                if region[0] <= c.first < region[1]:
                    frame = with_casualty(frame, c, country)
                    if not frame.actor2 and c.victims in ("combatant", None):
                        # «مقتل 33 مسلحاً من تنظيم داعش بانفجار …»: the dead name their side
                        side = [g for g in groups if c.first <= g[0].first <= c.last + 4 and g[0].name
                                and g[0].name != frame.actor1]
                        if side:
                            frame.actor2, frame.inter2, frame.assoc2, frame.actor2_ref = as_actor(side[0])
                    break
            if not code_type(frame, lex, country):
                continue
            sent_frames.append(frame)
            mentions.append(view.mention(trig, "trigger", trig.value))
        sent_frames.extend(_kill_frames(s, kills, tolls, sent_frames, groups, lex, country, last_city))
        if any(f.event_type == "Riots" for f in sent_frames):
            # «اقتحم محتجون القنصلية وأضرموا النار فيها»: the burning is part of the riot
            sent_frames = [f for f in sent_frames if f.cls.name != "looting"]
        if any(f.event_type == "Protests" and f.sub_event_type != "Peaceful protest" for f in sent_frames):
            # «قتل ثلاثة متظاهرين برصاص قوات الأمن خلال احتجاجات»: one demonstration, coded by the force used
            sent_frames = [f for f in sent_frames if f.sub_event_type != "Peaceful protest"]
        # «اقتحم عناصر من الحشد القيارة واعتقلوا عشرين»: a one-sided storming that leads to another act of the
        # same force at the same place is that act (an arrest, an abduction), not a clash of its own
        sent_frames = [f for f in sent_frames if not (
            f.cls.name == "clash" and not f.actor2 and f.casualty is None and any(
                o is not f and o.cls.name != "clash" and o.actor1 == f.actor1 and
                {loc.name_ar for loc in o.locations} & {loc.name_ar for loc in f.locations} for o in sent_frames))]
        # tolls outside any event region: attach to the last event, or open one at a new place
        for c in tolls:
            if any(f.casualty is c for f in sent_frames):
                continue
            _attach_toll(c, s, sent_frames, frames_all, country)
        for f in sent_frames:
            if f.sub_event_type == "Peaceful protest" and f.casualty is not None and f.casualty.how == "number" \
                    and f.casualty.deaths > 0:
                f.sub_event_type = "Excessive force against protesters"  # a toll told after the protest
        frames_all.extend((f, s) for f in sent_frames)
    names = {c.iso2: c.name_en for c in gaz.countries()}
    doc = replace(doc, country=country)
    events = [replace(ev, restatement=f.weak) for f, s in frames_all
              for ev in _to_events(f, s, dates, doc, claims, names)]
    return replace(doc, events=tuple(events), mentions=tuple(mentions))


def _absorb(frame: Frame, trigs: list[Tag], k: int, groups: list[list[ActorRef]], view: SentenceView,
            lex: Lexicons) -> None:
    """«سيطرت … بعد معارك مع داعش»: a clash or withdrawal after a capture gives the capture its actor2."""
    if frame.cls.name != "capture" or k + 1 >= len(trigs):
        return
    nxt = trigs[k + 1]
    if lex.trigger_classes[nxt.value].name not in ("clash", "withdraw", "capture"):
        return
    between = [view.tok(j) for j in range(frame.trigger.last + 1, nxt.first)]
    if not any(w in _AFTER for w in [*between, view.tok(nxt.first)[:3]]):
        return
    trigs[k + 1] = Tag("absorbed", nxt.first, nxt.last, nxt.value)
    if nxt.value == "withdraw":
        frame.after_withdrawal = True  # «سيطرت … بعد انسحاب قوات الوفاق منها»: taken over, not fought for
    region_end = trigs[k + 2].first if k + 2 < len(trigs) else len(view.tokens)
    for g in groups:
        if nxt.last < g[0].first < region_end and g[0].name and g[0].name != frame.actor1:
            if frame.actor2 is None:
                frame.actor2, frame.inter2 = g[0].name, g[0].inter
            break
    frame.region = (frame.region[0], max(frame.region[1], region_end))


def _locations(s: _Sent, frame: Frame, region: tuple[int, int], last_city: Location | None) -> list[Location]:
    """Event locations in the region: after the trigger first, then before it; «من X» (from) comes last."""
    trig = frame.trigger
    cands: list[tuple[int, int, Location, str | None]] = []
    for k, (ph, loc) in enumerate(zip(s.phrases, s.locs, strict=True)):
        if loc is None or ph.role != "location" or not (region[0] <= ph.first < region[1]):
            continue
        if trig.first <= ph.first <= trig.last:
            continue
        order = 0 if ph.first > trig.last else 1
        if ph.prep == "من" and frame.cls.name not in _FROM_OK:
            order += 2  # «من قرية X»: where a shot came from, a fallback only
        if ph.prep in _TOWARDS:
            order += 4  # «باتجاه بلدة هجين»: where forces head, not where the event is
        cands.append((order, ph.group if ph.group is not None else -k - 1, loc, ph.prep))
    if not cands:
        # «استهدف … منطقة بغداد الجديدة، حيث أدى تفجير …»: the place of the clause just before
        prev = [(k, loc) for k, (ph, loc) in enumerate(zip(s.phrases, s.locs, strict=True))
                if loc is not None and ph.role == "location" and region[0] - 12 <= ph.last < region[0]
                and ph.prep not in _TOWARDS and s.view.tok(region[0]) in _WHERE]
        if prev:
            return [prev[-1][1]]
        # a relative clause: «المدينة التي سيطر عليها» — the place named just before «التي»
        for ph, loc in zip(s.phrases, s.locs, strict=True):
            if loc is not None and ph.last in (region[0] - 2, region[0] - 1) and \
                    s.view.tok(ph.last + 1) in ("التي", "الذي"):
                return [loc]
        return []
    # the first place (with its list siblings) at the best rank: «غارات على البوكمال، وبلدات الريف» is one;
    # another list with the same preposition continues it («اختطف 18 من A وB و14 آخرين من C وD»)
    best = min(o for o, _, _, _ in cands)
    group, prep = next((g, p) for o, g, _, p in cands if o == best)
    chosen = [loc for o, g, loc, p in cands if o == best and (g == group or (p == prep and p in _LIST_PREPS))]
    # «عند نقطة تفتيش في منطقة الطارمية»: a landmark the gazetteer lacks, inside a town it knows → the town
    if len(chosen) == 1 and chosen[0].relation in ("same-sentence", "near", "province") and \
            chosen[0].geo_precision == 2:
        k0 = next(k for k, loc in enumerate(s.locs) if loc is chosen[0])
        nxt = [(ph, loc) for ph, loc in zip(s.phrases[k0 + 1 : k0 + 3], s.locs[k0 + 1 : k0 + 3], strict=True)
               if loc is not None and ph.gaz_key and ph.prep in ("في", "ب") and loc.geo_precision == 1
               and s.phrases[k0].head == "landmark" and ph.first - s.phrases[k0].last <= 3]
        if nxt:
            chosen = [nxt[0][1]]
    # one event per place: a list of places gives several; the same place twice gives one, and so do parts of a
    # town the gazetteer lacks, placed at that town («حيي اليرموك والأملاك في بعقوبة»: ACLED codes Baqubah once;
    # villages stay apart: «بلدات صبيخان والكشمة والدوير» are three events)
    parts = {id(loc) for ph, loc in zip(s.phrases, s.locs, strict=True) if loc is not None and ph.within_town}
    out: list[Location] = []
    for loc in chosen:
        if all((loc.name_ar, loc.lat) != (o.name_ar, o.lat) for o in out) and not (
                id(loc) in parts and loc.entry is None and
                any(id(o) in parts and o.entry is None and o.place == loc.place for o in out)):
            out.append(loc)
    return out


_ARMED = ("state", "police", "rebel", "jihadist", "militia", "identity", "foreign", "unidentified")


def _kill_frames(s: _Sent, kills: list[Tag], tolls: list[Casualty], frames: list[Frame],
                 groups: list[list[ActorRef]], lex: Lexicons, country: str | None,
                 last_city: Location | None) -> list[Frame]:
    """«قتلت قوات الأمن 5 مسلحين», «تمكنت المقاومة من قتل 4 من مسلحي الحوثيين»: a killing by a named armed
    actor, outside any other event's clause, is an event of its own (a clash, or an attack on civilians)."""
    view = s.view
    out: list[Frame] = []
    for kt in kills:
        if kt.extra != "verb" and not view.tok(kt.first - 1).endswith("من"):
            continue  # «مقتل 32 مدنياً» is a toll; «قتل/من قتل» with an agent is an act
        if any(f.region[0] <= kt.first < f.region[1] for f in frames):
            continue
        s0, _ = view.raw_span(kt.first, kt.first)
        if "\u064f" in view.raw[s0 : s0 + 3]:
            continue  # «قُتل»: the passive names no killer
        trigs = sorted([f.trigger for f in frames] + [kt], key=lambda t: t.first)
        bounds = region_of(view, trigs, trigs.index(kt))
        frame = Frame(lex.trigger_classes["kill"], kt, view, bounds, tspan=view.tag_raw_span(kt))
        assign_actors(frame, groups, lex)
        info = lex.actor_info.get(frame.actor1 or "")
        kind = info.kind if info else (frame.actor1_ref.kind if frame.actor1_ref else None)
        if not frame.actor1 or kind not in _ARMED:
            continue
        cas = next((c for c in tolls if c.first <= kt.first <= c.last + 1 or kt.first <= c.first <= kt.last + 2),
                   None)
        victims = [g for g in groups if kt.last < g[0].first <= kt.last + 6 and g[0].name != frame.actor1]
        if victims and not frame.actor2:
            frame.actor2, frame.inter2, frame.assoc2, frame.actor2_ref = as_actor(victims[0])
        frame.locations = _locations(s, frame, (kt.first, len(view.tokens)), last_city)
        if not frame.locations:
            continue
        if cas is not None:
            frame = with_casualty(frame, cas, country)
        civil = (cas is not None and cas.victims == "civilian") or (frame.actor2 or "").startswith("Civilians")
        frame.event_type, frame.sub_event_type = (
            ("Violence against civilians", "Attack") if civil else ("Battles", "Armed clash"))
        out.append(frame)
    return out


def _attach_toll(c: Casualty, s: _Sent, frames: list[Frame], earlier: list[tuple[Frame, _Sent]],
                 country: str | None) -> None:
    view = s.view
    gov = frames[-1] if frames else None
    if gov is None and earlier:
        f0, s0 = earlier[-1]
        # «وأشار المرصد إلى مقتل 32 مدنياً» after a sentence on the strikes: the toll of the last event
        if s0.view.sentence.index >= view.sentence.index - 1:
            gov = f0
    if gov is None:
        return
    # a toll with its own place («حيث قتل 10 في بلدة السكرية») is a new event of the same kind there
    own = [loc for ph, loc in zip(s.phrases, s.locs, strict=True)
           if loc is not None and ph.role == "location" and c.first < ph.first <= c.last + 25 and ph.prep != "من"
           and not any(c.last < t.first < ph.first for t in view.of("trigger") if t.value != "kill")]
    if own and all(own[0].name_ar != g.name_ar for g in gov.locations):
        f = replace(gov, locations=[own[0]], casualty=None, actor2=None, inter2=None, view=view)
        f = with_casualty(f, c, country)
        frames.append(f)
        return
    if gov.casualty is None or gov.casualty.how == "unknown":
        idx = frames.index(gov) if gov in frames else None
        g2 = with_casualty(gov, c, country)
        if idx is not None:
            frames[idx] = g2
        else:
            for k, (f0, s0) in enumerate(earlier):
                if f0 is gov:
                    earlier[k] = (g2, s0)


HISTORY_DAYS = 14  # an event dated this long before publication is background, not a new event
HISTORY_DAYS_MONTH = 45  # … or this long, when only the month is known («منتصف الشهر الماضي»)
_DATE_LOOKBACK = 2  # sentences: «قال المصدر أمس إن …. وأضاف أن …» — the lead's date holds for what follows


def _event_date(dates: list[DateMention], doc: Document, sent: Sentence, at: int,
                published: dt.date | None) -> EventDate:
    """The event's date: a date expression of its sentence (nearest the trigger), else of the two sentences
    before it, else the publication date (precision 2).  Never a date after publication."""

    def usable(d: DateMention) -> bool:
        if d.future:
            return False
        r = resolve(d, published)
        return r.date is None or published is None or r.date <= published

    in_sent = [d for d in dates if sent.start <= d.start < sent.end and usable(d)]
    if in_sent:
        # a day beats a week or a month («قتلوا اليوم السبت … منذ مطلع الشهر الجاري»), then the nearest
        return resolve(min(in_sent, key=lambda d: (d.precision, abs(d.start - at))), published)
    # within the paragraph only: a new paragraph tells a new development
    earlier = [s for s in doc.sentences if sent.index - _DATE_LOOKBACK <= s.index < sent.index
               and s.zone == sent.zone and s.paragraph == sent.paragraph]
    for s in reversed(earlier):
        found = [d for d in dates if s.start <= d.start < s.end and usable(d)]
        if found:
            return resolve(found[-1], published)
    return default_date(published)


_LOCAL_GROUPS = ("Civilians", "Protesters", "Rioters", "Unidentified Armed Group", "Journalists", "Health Workers",
                 "Aid Workers", "Refugees/IDPs", "Prisoners", "Unidentified Tribal Militia")


def _localise(name: str | None, doc_country: str | None, here: str | None) -> str | None:
    """«Civilians (Syria)» of an event in Lebanon are «Civilians (Lebanon)»: generic groups take the country
    of the event's place, not the article's main country."""
    if not name or not here or not doc_country or here == doc_country:
        return name or None
    for g in _LOCAL_GROUPS:
        if name == f"{g} ({doc_country})":
            return f"{g} ({here})"
    return name


def _to_events(f: Frame, s: _Sent, dates: list[DateMention], doc: Document, claims: ClaimTracker,
               countries: dict[str, str]) -> list[Event]:
    view = f.view
    sent = view.sentence
    published = doc.article.published
    tspan = f.tspan
    edate = _event_date(dates, doc, sent, tspan[0], published)
    def history(d: EventDate) -> bool:
        limit = HISTORY_DAYS_MONTH if d.time_precision == 3 else HISTORY_DAYS
        return d.date is not None and published is not None and (published - d.date).days > limit

    past = [resolve(d, published) for d in dates if sent.start <= d.start < sent.end and not d.future]
    years = [int(t.text) for t in view.tokens if len(t.text) == 4 and t.text.isascii() and t.text.isdigit()]
    if published is not None and any(1900 <= y < published.year for y in years):
        return []  # «وبدأت المعارك في حلب في صيف 2012»: a year before this one is history
    if any(history(d) for d in past) or history(edate):
        return []  # «منذ حزيران 2014», «قتلوا … يوليو الماضي»: background told again, not news of this report
    evidence = [Evidence("trigger", tspan[0], tspan[1], view.raw[tspan[0]:tspan[1]])]
    for fld, ref in (("actor1", f.actor1_ref), ("actor2", f.actor2_ref)):
        if ref is not None:
            evidence.append(Evidence(fld, ref.start, ref.end, view.raw[ref.start:ref.end]))
    if edate.span is not None:
        evidence.append(Evidence("date", edate.span.start, edate.span.end, edate.span.text))
    fatalities, note = 0, None
    if f.casualty is not None:
        c = f.casualty
        evidence.append(Evidence("fatalities", c.start, c.end, view.raw[c.start:c.end]))
        fatalities = c.deaths
        if c.how == "no_number":
            note = "deaths reported with no number: ACLED's default"
        if len(f.locations) > 1 and c.how != "unknown":
            note = f"{c.deaths} killed across {len(f.locations)} places; the toll is not split"
            fatalities = 0
    claim = claims.for_sentence(sent.index)
    if claim is not None:
        evidence.append(Evidence("claim_source", claim.span.start, claim.span.end, claim.span.text))
    out: list[Event] = []
    for loc in f.locations:
        ev_loc = list(evidence)
        if loc.span is not None:
            ev_loc.append(Evidence("location", loc.span.start, loc.span.end, loc.span.text))
        control: tuple[tuple[str, str], ...] = ()
        if f.cls.name in ("capture", "withdraw") and f.actor1:
            control = (("to", f.actor1),) + ((("from", f.actor2),) if f.actor2 else ())
        here = countries.get(loc.place.country) if loc.place is not None else None
        out.append(Event(
            event_type=f.event_type or f.cls.event_type, sub_event_type=f.sub_event_type or "",
            actor1=_localise(f.actor1, doc.country, here), inter1=f.inter1, location=loc, date=edate,
            fatalities=fatalities, assoc_actor_1=f.assoc1, actor2=_localise(f.actor2, doc.country, here),
            assoc_actor_2=f.assoc2, inter2=f.inter2,
            fatalities_note=note, claim_sources=(claim.name,) if claim else (),
            claim_source_text=claim.span.text if claim else None,
            evidence=tuple(sorted(ev_loc, key=lambda e: e.start)), zone=sent.zone, sentence=sent.index,
            control_change=control,
        ))
    return out
