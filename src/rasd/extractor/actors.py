"""Actors in a sentence: lexicon names, aircraft and forces with a nationality, anaphora, the speaker's side.

An actor group is a run of actor mentions joined by «و» («القوات الحكومية السورية وقوات الحرس الثوري الإيراني
وميليشيات حزب الله»): the first is ``actor1`` and the rest its associates, as ACLED codes allied forces.  A
component of a bigger actor (مجلس دير الزور العسكري) is coded as its parent with the component associated.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rasd.extractor.annotate import SentenceView
from rasd.lexicon.compiled import ActorInfo, Lexicons
from rasd.text.normalize import normalize_key

# words after which a country name is a place or an owner, not an agent
_NOT_AGENT = frozenset(normalize_key(w) for w in (
    "في", "من", "إلى", "على", "داخل", "شمال", "جنوب", "شرق", "غرب", "وسط", "حدود", "مع", "عن", "أنحاء", "مدن", "جيش",
    "قوات", "حكومة", "رئيس", "دولة", "سفير", "سفارة"))


_SPLITTERS = tuple(normalize_key(w) for w in ("مع", "ضد", "على", "بين"))  # «X مع Y» are two sides, not allies


@dataclass(frozen=True, slots=True)
class ActorRef:
    name: str
    inter: int
    kind: str
    first: int  # tokens in the sentence
    last: int
    air: bool = False  # an aircraft mention («الطائرات الروسية»)
    assoc: tuple[str, ...] = ()
    start: int = 0  # raw offsets (the ref may serve an event of a later sentence)
    end: int = 0


@dataclass
class ActorContext:
    """Article-level memory for anaphora: actors named so far, the speaker's side, the last aircraft."""

    recent: list[ActorInfo] = field(default_factory=list)
    speaker: ActorInfo | None = None
    aircraft: tuple[str, ...] | None = None  # state actors of the last aircraft with a nationality
    future_aircraft: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (raw offset, actors)
    country: str | None = None

    def remember(self, info: ActorInfo) -> None:
        self.recent.append(info)
        del self.recent[:-30]

    def antecedent(self, kinds: tuple[str, ...]) -> ActorInfo | None:
        for info in reversed(self.recent):
            if info.kind in kinds or ("council" in kinds and "Council" in info.name):
                return info
        return None


def _ref(info: ActorInfo, first: int, last: int, lex: Lexicons, country: str | None, air: bool = False) -> ActorRef:
    if info.parent and info.parent in lex.actor_info:
        parent = lex.actor_info[info.parent]
        return ActorRef(parent.resolved(country), parent.inter, parent.kind, first, last, air,
                        (info.resolved(country),))
    return ActorRef(info.resolved(country), info.inter, info.kind, first, last, air)


def _state(lex: Lexicons, name: str) -> ActorInfo | None:
    return lex.actor_info.get(name)


def sentence_actors(view: SentenceView, lex: Lexicons, ctx: ActorContext, skip: set[int]) -> list[ActorRef]:
    """Every actor mention of the sentence, resolved, in order (tokens in ``skip`` are claim sources)."""
    if not view.has("actor", "aircraft", "force_nouns", "anaphor", "speaker_forces"):
        return []
    out: list[ActorRef] = []
    taken: set[int] = set(skip)
    tags = sorted(view.tags, key=lambda t: (t.first, -(t.last - t.first)))
    demonyms = {t.first: t for t in view.of("demonym")}

    def demonym_run(i: int) -> tuple[list[ActorInfo], int]:
        infos: list[ActorInfo] = []
        last = i - 1
        j = i
        # skip one qualifying adjective («الطائرات الحربية السورية»)
        while j < len(view.tokens) and j not in demonyms and view.tok(j) in ("الحربيه", "الحربي", "المروحيه",
                                                                              "المسيره", "الحكوميه", "النظاميه"):
            j += 1
        while j in demonyms:
            info = _state(lex, demonyms[j].value[1])
            if info is not None:
                infos.append(info)
            last = j
            j += 1
        return infos, last

    for t in tags:
        if t.first in taken:
            continue
        span = set(range(t.first, t.last + 1))
        if t.kind == "actor":
            info = lex.actor_info.get(t.value)
            if info is None:
                continue
            swap = lex.actor_by_country.get(info.name, {}).get(ctx.country or "")
            if swap and swap in lex.actor_info:
                info = lex.actor_info[swap]  # «التحالف» in Iraq is the US-led coalition
            if "{country}" in info.name and info.kind in ("state", "police"):
                # «الجيش الإسرائيلي», «القوات الحكومية السورية»: a nationality after generic forces names them
                named, last = demonym_run(t.last + 1)
                if named:
                    first_ref = _ref(named[0], t.first, last, lex, ctx.country)
                    out.append(ActorRef(first_ref.name, first_ref.inter, first_ref.kind, t.first, last))
                    ctx.remember(named[0])
                    taken |= set(range(t.first, last + 1))
                    continue
            ref = _ref(info, t.first, t.last, lex, ctx.country)
            out.append(ref)
            ctx.remember(info)
            taken |= span
        elif t.kind in ("aircraft", "force_nouns"):
            if view.covering(t.first, ("actor",)):
                continue
            infos, last = demonym_run(t.last + 1)
            if infos:
                first_ref = _ref(infos[0], t.first, last, lex, ctx.country, air=t.kind == "aircraft")
                out.append(ActorRef(first_ref.name, first_ref.inter, first_ref.kind, t.first, last,
                                    t.kind == "aircraft", first_ref.assoc + tuple(i.name for i in infos[1:])))
                if t.kind == "aircraft":
                    ctx.aircraft = tuple(i.name for i in infos)
                taken |= set(range(t.first, last + 1))
            elif t.kind == "aircraft":
                names = ctx.aircraft
                if names is None:
                    start = view.norm.raw_start(view.tokens[t.first].start)
                    later = [a for off, a in ctx.future_aircraft if off > start]
                    names = later[0] if later else None
                # (a drone with no owner named is nobody's by default: «استهدفت مسيرة مجهولة»)
                drone = any("مسير" in view.tok(k) for k in range(t.first, t.last + 1))
                if not names and ctx.country in lex.aircraft_default and not drone:
                    names = (lex.aircraft_default[ctx.country],)
                if names:
                    info0 = lex.actor_info.get(names[0])
                    if info0 is not None:
                        out.append(ActorRef(info0.name, info0.inter, info0.kind, t.first, t.last, True,
                                            tuple(names[1:])))
                else:
                    out.append(ActorRef("", 0, "aircraft", t.first, t.last, True))
                taken |= span
        elif t.kind == "country":
            # «اغتالت إسرائيل قيادياً», «قصفت تركيا»: a state named as the doer is its forces; «في سوريا» is not
            prev = view.tok(t.first - 1).lstrip("و")
            state = lex.country_forces.get(t.value[1])
            if state is None or t.prefix.strip("و") or prev in _NOT_AGENT or view.covering(t.first, ("actor",)):
                continue
            info = lex.actor_info.get(state)
            if info is not None:
                out.append(ActorRef(info.name, info.inter, info.kind, t.first, t.last))
                taken |= span
        elif t.kind == "anaphor":
            if view.covering(t.first, ("actor",)):
                continue
            info = ctx.antecedent(lex.anaphors.get(t.value, ()))
            if info is not None:
                out.append(_ref(info, t.first, t.last, lex, ctx.country))
                taken |= span
        elif t.kind == "speaker_forces":
            if view.covering(t.first, ("actor",)):
                continue
            info = ctx.speaker or ctx.antecedent(("rebel", "militia", "council", "state"))
            if info is not None:
                out.append(_ref(info, t.first, t.last, lex, ctx.country))
                taken |= span
    out = [replace(r, start=view.raw_span(r.first, r.last)[0], end=view.raw_span(r.first, r.last)[1]) for r in out]
    out.sort(key=lambda r: r.first)
    return out


def group_actors(refs: list[ActorRef], view: SentenceView) -> list[list[ActorRef]]:
    """Runs of actors joined by «و» (or a comma) with at most a few words between them."""
    groups: list[list[ActorRef]] = []
    for r in refs:
        if groups:
            prev = groups[-1][-1]
            gap = r.first - prev.last
            joined = view.tok(r.first).startswith("و") or any(
                view.tok(k).startswith("و") for k in range(prev.last + 1, r.first + 1))
            # «بين الحوثيين وقوات صالح من جهة، والمقاومة الشعبية»: a comma separates the sides
            if view.punct_between(prev.last, r.first):
                joined = False
            # «فصائل المعارضة بقيادة هيئة تحرير الشام», «… بمساندة الطيران»: allies of one side
            if gap <= 4 and any(view.at(k, "ally_links") for k in range(prev.last + 1, r.first)):
                joined = True
            if gap <= 4 and joined and not any(view.tok(k) in _SPLITTERS for k in range(prev.last + 1, r.first)):
                groups[-1].append(r)
                continue
        groups.append([r])
    return groups


def as_actor(group: list[ActorRef]) -> tuple[str | None, int | None, tuple[str, ...], ActorRef | None]:
    """(actor, inter, associates, head mention) for a group; the first named actor leads."""
    named = [r for r in group if r.name]
    if not named:
        return None, None, (), None
    head = named[0]
    assoc: list[str] = list(head.assoc)
    for r in named[1:]:
        for n in (r.name, *r.assoc):
            if n != head.name and n not in assoc:
                assoc.append(n)
    return head.name, head.inter, tuple(assoc), head

