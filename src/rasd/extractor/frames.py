"""Event frames: from the triggers of a sentence to ACLED events with their arguments.

For each trigger the extractor takes a *region* of the sentence (from the trigger to the next event trigger or a
clause boundary such as «في حين»), reads the modality before it (future, intention, negation, purpose,
reinforcement, description), finds actor1 (the subject after a verb, the complement after a verbal noun, else
the subject before it), actor2 (after «على», «ضد», «مع», «بين … و…»), the places in the region (one event per
place), the toll, the date and the claim source, and codes the ACLED type from all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rasd.extractor.actors import ActorRef, as_actor
from rasd.extractor.annotate import SentenceView, Tag
from rasd.extractor.casualties import Casualty
from rasd.lexicon.compiled import Lexicons, TriggerClass
from rasd.model import Location
from rasd.text.normalize import normalize_key

# Written as in text and normalised once, like lexicon entries (على → علي).
_TARGET_PREPS = tuple(normalize_key(w) for w in (
    "على", "ضد", "مع", "من", "نقاط", "مواقع", "مقرات", "تجاه", "بين"))
_HARD_BOUNDARIES = tuple(normalize_key(w) for w in (
    "في حين", "بينما", "فيما", "كما", "إلا أن", "لكن", "غير أن", "ثم", "حيث"))
_STATE_KINDS = ("state", "police", "foreign")
_VAC_CLASSES = ("kill", "execute", "abduct", "sexual")
_THAT_PRONOUN = tuple(normalize_key(w) for w in ("إنها", "إنه", "أنها", "أنه", "إنهم", "أنهم", "بأنها", "بأنه"))
_ON = tuple(normalize_key(w) for w in ("على", "ضد", "استهدف", "استهدفت"))
_ATTACK_NOUNS = ("clash", "air", "shelling", "chemical", "execute")
_CIVILIAN_AGENTS = ("protest", "protest_intervention", "riot", "mob", "agreement", "change_group")


@dataclass
class Frame:
    """An event candidate in a sentence, before the article-level merge."""

    cls: TriggerClass
    trigger: Tag
    view: SentenceView
    region: tuple[int, int]
    actor1: str | None = None
    inter1: int | None = None
    assoc1: tuple[str, ...] = ()
    actor1_ref: ActorRef | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc2: tuple[str, ...] = ()
    actor2_ref: ActorRef | None = None
    air: bool = False
    locations: list[Location] = field(default_factory=list)
    casualty: Casualty | None = None
    sub_event_type: str | None = None
    event_type: str | None = None
    weak: bool = False  # kept only if it merges into a stronger report of the same event
    tspan: tuple[int, int] = (0, 0)  # raw offsets of the trigger
    after_withdrawal: bool = False  # a capture told as following the other side's withdrawal


_ONE_WORD = frozenset(b for b in _HARD_BOUNDARIES if " " not in b)
_TWO_WORDS = frozenset(b for b in _HARD_BOUNDARIES if " " in b)


def _boundaries(view: SentenceView) -> frozenset[int]:
    """Tokens where a clause starts («في حين», «بينما», «كما», «حيث», …), computed once per sentence."""
    if view.bounds is None:
        out = set()
        toks = [t.text for t in view.tokens]
        for k, t in enumerate(toks):
            bare = t[1:] if t.startswith("و") and len(t) > 3 else t
            if bare in _ONE_WORD or (k + 1 < len(toks) and f"{bare} {toks[k + 1]}" in _TWO_WORDS):
                out.add(k)
        view.bounds = frozenset(out)
    return view.bounds


def _is_boundary(view: SentenceView, k: int) -> bool:
    """Does a clause boundary start at token ``k``?"""
    return k in _boundaries(view)


def triggers_of(view: SentenceView, lex: Lexicons) -> list[Tag]:
    """Event triggers of the sentence: same-class neighbours joined, kill words left to the toll reader."""
    tags = sorted((t for t in view.of("trigger") if t.value != "kill"), key=lambda t: t.first)
    # a trigger inside an actor or place name is not one («جبهة تحرير», «حي الهجوم»)
    tags = [t for t in tags if not view.covering(t.first, ("actor", "source"))]
    # overlapping matches (matcher returns longest per start): keep the longer
    kept: list[Tag] = []
    for t in tags:
        if kept and t.first <= kept[-1].last:
            if t.last - t.first > kept[-1].last - kept[-1].first:
                kept[-1] = t
            continue
        kept.append(t)
    # «انفجار سيارة مفخخة، يقودها انتحاري»: one explosion, coded by its most specific trigger
    rank = {"suicide": 3, "chemical": 3, "ied": 2, "ied_weapon": 1}
    merged: list[Tag] = []
    for t in kept:
        prev = merged[-1] if merged else None
        if prev is not None and prev.value in rank and t.value in rank and t.first - prev.last <= 5:
            # the first word keeps its place (an actor named between stays outside), the class is the most
            # specific of the two: «فجر انتحاري من تنظيم داعش حزاماً ناسفاً»
            lead = prev if rank[prev.value] >= rank[t.value] else t
            merged[-1] = Tag(prev.kind, prev.first, prev.last, lead.value, prev.prefix, prev.extra)
            continue
        merged.append(t)
    kept = merged
    # «هجوم بسيارات مفخخة»: an attack named by its weapon is that weapon's event, not a clash
    explosive = ("ied", "ied_weapon", "suicide", "chemical", "grenade", "air", "shelling")
    # «ارتكبت مجزرة … في قصف بصواريخ الكاتيوشا»: a massacre by shelling is the shelling, with its toll
    kept = [t for k, t in enumerate(kept) if not (
        ((t.value == "clash" and t.extra == "noun" and k + 1 < len(kept) and kept[k + 1].first - t.last <= 2)
         or (t.value == "execute" and t.extra == "noun" and view.tok(t.first).lstrip("وبل").endswith(("مجزره",
                                                                                                "مجازر"))
             and k + 1 < len(kept) and kept[k + 1].first - t.last <= 10))
        and k + 1 < len(kept) and kept[k + 1].value in explosive)]
    joined: list[Tag] = []
    for t in kept:
        prev = joined[-1] if joined else None
        near = prev is not None and t.first - prev.last <= 6
        if prev is not None and near and t.value == "chemical" and prev.value in ("shelling", "air", "clash"):
            # «قصفت قوات النظام سراقب بغاز الكلور»: one attack, coded by its weapon
            joined[-1] = Tag(prev.kind, prev.first, prev.last, "chemical", prev.prefix, prev.extra)
            continue
        if prev is not None and near and prev.value in ("target", "execute") and t.value in explosive and (
                prev.value == "target" or t.prefix.endswith("ب")):
            # «استهدفت قوات النظام بصواريخ أرض أرض»: the weapon says what the targeting was
            joined[-1] = Tag(prev.kind, prev.first, prev.last, t.value, prev.prefix, prev.extra)
            continue
        if prev is not None and near and prev.value == "disrupted" and t.value in ("ied", "ied_weapon", "suicide",
                                                                                   "grenade"):
            continue  # «فككت قوات الأمن عبوة ناسفة»: the bomb was defused, not set off
        if prev is not None and near and prev.value == "arrest" and t.value in (*explosive, "clash") and \
                view.tok(prev.first).lstrip("و").startswith("اوقف"):
            joined[-1] = t  # «أوقفت القوات القصف»: «أوقف» stopped something, arrested no one
            continue
        # «قصفت قوات النظام بقذائف الهاون», «استعادة التنظيم السيطرة»: one event; the first word leads, so
        # the actor between the two words stays outside the trigger
        if prev is not None and prev.value == t.value and t.first - prev.last <= 4 and all(
                view.covering(k, ("actor", "anaphor", "aircraft", "demonym", "force_nouns"))
                for k in range(prev.last + 1, t.first)):
            continue
        joined.append(t)
    # one demonstration per sentence, coded by what happened to it: «تظاهر … فأطلقت الشرطة الغاز المسيل للدموع»
    severity = {"protest": 1, "protest_intervention": 2, "excessive_force": 3}
    protests = [t for t in joined if t.value in severity]
    if len(protests) > 1:
        worst = max(protests, key=lambda t: severity[t.value]).value
        first = protests[0]
        joined = [t for t in joined if t.value not in severity or t is first]
        joined[joined.index(first)] = first._replace(value=worst)
    return [_noun_if_prepositional(view, t) for t in joined]


def _noun_if_prepositional(view: SentenceView, t: Tag) -> Tag:
    """«بقصف», «القصف»: with a preposition or the article, a form that is both verb and noun is the noun."""
    tok = view.tok(t.first)[len(t.prefix):]
    if t.extra == "verb" and (t.prefix[-1:] in ("ب", "ل") or t.prefix.endswith("لل") or tok.startswith("ال")):
        return t._replace(extra="noun")
    return t


def modality(view: SentenceView, trig: Tag, region_start: int, lex: Lexicons) -> str | None:
    """The modality that cancels this trigger, if any (future, intention, negation, purpose, ...)."""
    cls = lex.trigger_classes[trig.value]
    if trig.extra == "noun" and trig.prefix.endswith("ل") and not trig.prefix.endswith("ال") and not any(
            view.at(k, "exposure") for k in range(max(0, trig.first - 4), trig.first)):
        return "purpose"  # «لاستعادة المدينة»; but «تعرضت المدينة لقصف» is what the town suffered
    if trig.value == "capture" and view.sentence.zone == "body" and view.covering(trig.first, ("state_verbs",)):
        return "state"  # «التي تسيطر عليها داعش»: who holds the place, not a capture
    lo = max(region_start, trig.first - 8)
    for k in range(trig.first - 1, lo - 1, -1):
        if _is_boundary(view, k) or (view.covering(k, ("scope_breakers",)) and k < trig.first - 1):
            break
        for t in view.at(k, "modality"):
            if t.last >= trig.first:
                continue
            cat = t.value
            if cat == "reinforcement" and cls.strength == "strong":
                continue
            if cat == "negation" and trig.first - t.last > 3 and view.tok(t.first) in ("لم", "لن", "لا", "ليس"):
                continue
            if cat in ("description", "statement") and trig.first - t.last > 4:
                continue
            return str(cat)
    return None


def region_of(view: SentenceView, trigs: list[Tag], idx: int) -> tuple[int, int]:
    """Tokens a trigger's arguments are read from: up to the next trigger or a clause boundary."""
    t = trigs[idx]
    end = trigs[idx + 1].first if idx + 1 < len(trigs) else len(view.tokens)
    between = False
    for k in range(t.last + 1, end):
        between = between or view.tok(k) == "بين"
        # «في حين», «بينما»…; or «…، وتواصل المقاومة …»: a comma then و starts a coordinated clause
        # (not inside «بين X من جانب، وY من جانب آخر»)
        if _is_boundary(view, k) or (not between and k > t.last + 1 and _comma_and(view, k)):
            end = k
            break
    start = trigs[idx - 1].last + 1 if idx > 0 else 0
    if _comma_and(view, t.first):
        return t.first, end  # «…، وقصفت قوات النظام …»: the trigger opens its own clause
    for k in range(t.first - 1, start - 1, -1):
        if _is_boundary(view, k) or view.tok(k) in ("ان", "انه", "انها", "بان"):  # «قال إن …» opens a clause
            start = k + 1 if not _is_boundary(view, k) else k
            break
    return start, end


def _comma_and(view: SentenceView, k: int) -> bool:
    """Does token ``k`` open a clause: a comma before it and the conjunction و on it?"""
    return k > 0 and view.tok(k).startswith("و") and view.punct_between(k - 1, k)


def _preceded_by_prep(view: SentenceView, ref: ActorRef, floor: int) -> str | None:
    tok = view.tok(ref.first)
    if view.tok(ref.first - 1) == "من" and view.covering(ref.first - 2, ("force_nouns", "combatant_victims")):
        return None  # «عناصر من الحشد الشعبي»: fighters of the group, the group is the subject
    for tag in view.at(ref.first):
        if tag.kind in ("actor", "anaphor", "aircraft", "force_nouns", "speaker_forces") and (
                tag.prefix[-1:] in ("ل", "ب") or tag.prefix.endswith("لل")):
            return "ل"
    if tok[:2] in ("لل",) or (tok[:1] in ("ل", "ب") and tok[1:3] == "ال"):
        return "ل"
    for k in range(ref.first - 1, max(floor, ref.first - 3) - 1, -1):
        w = view.tok(k)
        w = w[1:] if w.startswith("و") and w[1:] in _TARGET_PREPS else w
        if w in _TARGET_PREPS:
            return w
        if view.covering(k, ("actor",)):
            continue
    return None


def assign_actors(frame: Frame, groups: list[list[ActorRef]], lex: Lexicons) -> None:
    """actor1/actor2 of a frame from the actor groups of its sentence."""
    view, trig = frame.view, frame.trigger
    start, end = frame.region
    # (a group may start on the trigger itself: «الطائرات» in «قصفت الطائرات», «قصف إسرائيلي» read as a side)
    inside = [g for g in groups if start <= g[0].first < end
              and (not (trig.first <= g[0].first <= trig.last) or any(r.air for r in g) or g[-1].last > trig.last)]
    after = [g for g in inside if g[0].first > trig.last or (trig.first <= g[0].first <= trig.last)]
    before = [g for g in inside if g[0].first < trig.first]
    subject: list[ActorRef] | None = None
    target: list[ActorRef] | None = None
    between = [k for k in range(trig.last + 1, end) if view.tok(k) == "بين"][:1]
    if between:
        after_b = [g for g in after if g[0].first > between[0]]
        if after_b:
            subject = after_b[0]
            if len(after_b) > 1:
                target = after_b[1]
            elif len(after_b[0]) > 1:
                subject, target = after_b[0][:1], after_b[0][1:2]
    # a new coordinated clause («…، وأصبحنا وجهاً لوجه مع قوات النظام») ends the reach of the trigger
    clause_end = end
    for k in range(trig.last + 2, end):
        if view.tok(k).startswith("و") and view.punct_between(k - 1, k):
            clause_end = k
            break
    if subject is None:
        for g in after:
            if g[0].first >= clause_end:
                break
            if frame.cls.name not in _CIVILIAN_AGENTS and all(r.kind in ("civilians", "protesters") for r in g):
                target = target or g  # «إعدام ثلاثة مدنيين»: civilians after the act are its victims
                continue
            if subject is not None and target is None and g is not subject:
                target = g  # «قصف طيران التحالف مواقع الحوثيين»: the next side named is the target
                continue
            prep = _preceded_by_prep(view, g[0], trig.last + 1)
            agent_of = (trig.extra == "noun" or frame.cls.name == "suicide") and subject is None and \
                frame.cls.name not in ("capture", "withdraw")
            if agent_of and ((prep == "ل" and g[0].first - trig.last <= 2 and frame.cls.name in _ATTACK_NOUNS)
                             or (prep == "من" and g[0].first - trig.last <= 4)):
                # «غارات لطيران التحالف», «هجوم للمقاومة», «قصف مدفعي من قوات النظام»: whose attack it is
                subject = g
                continue
            if prep is None and g[0].first - trig.last <= 3 and subject is None and target is None:
                subject = g
            elif target is None and prep is not None and (prep != "من" or frame.cls.name == "capture"):
                target = g
    if subject is None and before:
        # the first actor of the clause not governed by a preposition: «نفذت جبهة النصرة (ذراع القاعدة) الإعدام»;
        # not the dead: «قيادي في داعش وخمسة آخرون قتلوا في غارة» — they are the side hit
        kills = [t.first for t in view.of("trigger") if t.value == "kill"]
        for g in before:
            # «قتل ثلاثة جنود من الجيش اليمني بقصف …»: the dead named before the attack are its target
            # (in a clash the dead are one of the two sides, and may be named first)
            if frame.cls.name != "clash" and (any(g[-1].last < k < trig.first for k in kills) or any(
                    g[0].first - 5 <= k < g[0].first for k in kills)):
                target = target or g
                continue
            if _preceded_by_prep(view, g[0], start) is None:
                subject = g
                break
    if subject is None and start > 0 and view.tok(start - 1) in _THAT_PRONOUN:
        # «قالت المعارضة المسلحة إنها كثفت قصفها»: «إنها» is the speaker, named before it
        speaker = [g for g in groups if g[0].first < start - 1]
        if speaker:
            subject = speaker[-1]
    if frame.cls.name == "capture" and view.covering(trig.first, ("expel_words",)) and subject is not None and \
            subject[0].first > trig.last:
        # «نجحت المقاومة في طرد الحوثيين من عدن»: the expelled follow the verb; the agent is before it
        expelled = subject
        subject = next((g for g in before if _preceded_by_prep(view, g[0], start) is None), None)
        target = expelled
    if subject is not None and frame.cls.name not in _CIVILIAN_AGENTS and all(
            r.kind in ("civilians", "protesters") for r in subject):
        # «مقتل 10 مدنيين … جراء انفجار»: civilians are the victims of an attack, never its agent
        target = target or subject
        subject = None
    if frame.cls.name == "kill" and subject is not None and trig.extra == "noun" and subject[0].first > trig.last:
        subject, target = None, subject  # «مقتل عناصر داعش»: the complement is the victim
    if target is None and subject is not None and frame.cls.name not in ("withdraw", "protest", "agreement",
                                                                          "change_group"):
        # «قصف طيران التحالف منزل قائد موال لجماعة أنصار الله»: the next side named in the clause is the target
        for g in after:
            if g is not subject and g[0].first > subject[-1].last and g[0].first < clause_end and \
                    all(r.name != subject[0].name for r in g):
                target = g
                break
    if frame.cls.name in ("protest_intervention", "excessive_force"):
        # the force that dispersed or fired: the state's forces named in the clause
        # (the whole sentence: the dispersal is often its own clause, «…، وأطلقت قوات الأمن الغاز»)
        force = next((g for g in groups if g[0].kind in ("state", "police")), None)
        if force is not None:
            subject, target = force, None
    if target is None and frame.cls.name in ("clash", "shelling", "air", "ied", "grenade", "execute", "abduct"):
        # «أطلق مسلحون النار على مدني»: civilians named as the target, not as a group of the lexicon
        for k in range(trig.last, min(clause_end, trig.last + 4)):
            if view.tok(k) in _ON and view.at(k + 1, "civilian_victims"):
                frame.actor2, frame.inter2 = "Civilians ({country})", 7
                break
    if subject is not None:
        frame.actor1, frame.inter1, frame.assoc1, frame.actor1_ref = as_actor(subject)
        frame.air = frame.air or any(r.air for r in subject)
    if target is not None and target is not subject:
        a2, i2, assoc2, ref2 = as_actor(target)
        if a2 and a2 != frame.actor1:
            frame.actor2, frame.inter2, frame.assoc2, frame.actor2_ref = a2, i2, assoc2, ref2


def code_type(frame: Frame, lex: Lexicons, country: str | None) -> bool:
    """Set the ACLED type from the trigger class and the arguments; False when the frame is no event."""
    cls = frame.cls
    et, st = cls.event_type, cls.sub_event_type
    if frame.actor1 in lex.air_only_actors and cls.name in ("shelling", "clash", "target"):
        frame.air = True  # «قصفت قوات التحالف»: the coalition strikes from the air
    sides = (frame.actor1 or "", frame.actor2 or "")
    if cls.name in ("protest_intervention", "excessive_force") and not any(a.startswith("Protesters") for a in sides):
        frame.actor2 = f"Protesters ({country})" if country else "Protesters"
        sides = (frame.actor1 or "", frame.actor2)
    dead = frame.casualty is not None and frame.casualty.how == "number" and frame.casualty.deaths > 0
    if cls.name == "protest" and dead and not any(a.startswith("Protesters") for a in sides):
        # «قتل ثلاثة متظاهرين … خلال احتجاجات»: demonstrators killed
        frame.actor1 = f"Protesters ({country})" if country else "Protesters"
        sides = (frame.actor1, frame.actor2 or "")
    if any(a.startswith("Protesters") for a in sides) and (cls.name not in ("protest", "arrest") or dead):
        # force against demonstrators: «قتل ثلاثة محتجين برصاص قوات الأمن», «فرقت الشرطة المتظاهرين»
        force = next((a for a in sides if a and not a.startswith("Protesters")), None)
        protesters = next(a for a in sides if a.startswith("Protesters"))
        deaths = frame.casualty.deaths if frame.casualty is not None and frame.casualty.how == "number" else 0
        lethal = deaths > 0 or cls.name in ("clash", "excessive_force", "kill", "execute")
        frame.event_type = "Protests"
        frame.sub_event_type = "Excessive force against protesters" if lethal else "Protest with intervention"
        frame.actor1, frame.inter1, frame.actor2, frame.inter2 = protesters, 6, force, (1 if force else None)
        frame.actor1_ref, frame.actor2_ref = None, None
        return True
    if cls.name == "target":
        # «استهدف طيران التحالف مواقع داعش»: targeting is an event when aircraft do it
        if not frame.air:
            return False
        et, st = "Explosions/Remote violence", "Air/drone strike"
    if frame.actor2 == "Civilians ({country})":
        frame.actor2 = f"Civilians ({country})" if country else "Civilians"
    a1 = lex.actor_info.get(frame.actor1 or "")
    kind1 = a1.kind if a1 else (frame.actor1_ref.kind if frame.actor1_ref else None)
    civilians_hit = frame.casualty is not None and frame.casualty.victims in ("civilian", "person") and (
        frame.casualty.victims == "civilian" or cls.name != "clash")
    if cls.name == "capture":
        if not frame.actor1:
            frame.weak = True
        st = "Government regains territory" if kind1 in _STATE_KINDS else "Non-state actor overtakes territory"
        if frame.view.of("peaceful_transfer") or frame.after_withdrawal:
            et, st = "Strategic developments", "Non-violent transfer of territory"
    elif cls.name == "shelling" and frame.air:
        st = "Air/drone strike"
    elif cls.name == "clash":
        one_sided = frame.actor1 and not frame.actor2 and frame.casualty is not None and \
            frame.casualty.victims == "person"
        if one_sided and not frame.air:
            # «هاجمت قوات الدعم السريع قرية … مقتل 100 شخص»: one armed side, persons killed: an attack on them
            frame.actor2, frame.inter2 = (f"Civilians ({country})" if country else "Civilians"), 7
        if frame.air:
            et, st = "Explosions/Remote violence", "Air/drone strike"
        elif frame.actor2 and frame.actor2.startswith("Civilians"):
            et, st = "Violence against civilians", "Attack"
        elif not frame.actor1 and not frame.actor2:
            frame.weak = True
    elif cls.name in _VAC_CLASSES:
        if frame.air:
            et, st = "Explosions/Remote violence", "Air/drone strike"
        if not frame.actor2 and et == "Violence against civilians":
            frame.actor2 = f"Civilians ({country})" if country else "Civilians"
            frame.inter2 = 7
    elif cls.name in ("protest", "protest_intervention", "excessive_force") and not frame.actor1:
        frame.actor1 = f"Protesters ({country})" if country else "Protesters"
        frame.inter1 = 6
    elif cls.name in ("riot", "mob") and not frame.actor1:
        frame.actor1 = f"Rioters ({country})" if country else "Rioters"
        frame.inter1 = 5
    if not frame.actor1 and cls.name in lex.unidentified_default and et != "Battles" and not frame.air:
        frame.actor1 = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
        frame.inter1 = 3
    if et == "Explosions/Remote violence" and civilians_hit and not frame.actor2:
        frame.actor2 = f"Civilians ({country})" if country else "Civilians"
        frame.inter2 = 7
    if cls.strength == "weak" and (frame.casualty is None or frame.casualty.how == "unknown"):
        return False  # a weapon named with no one hurt: found, cleared or carried, not used
    # «عملية التفجير», «القصف» with no actor and no toll: a reference back to an event told already
    tok = frame.view.tok(frame.trigger.first)[len(frame.trigger.prefix):]
    if frame.trigger.extra == "noun" and tok.startswith("ال") and not frame.actor1 and frame.casualty is None:
        frame.weak = True
    frame.event_type, frame.sub_event_type = et, st
    return True


def with_casualty(frame: Frame, cas: Casualty, country: str | None) -> Frame:
    """Attach a toll; victims that name their side (civilians, soldiers, police) become actor2 when none is."""
    f = replace(frame, casualty=cas)
    if f.actor2 or f.cls.name in ("capture", "withdraw"):
        return f
    side = {"civilian": ("Civilians", 7), "soldier": ("Military Forces of", 1), "police": ("Police Forces of", 1)}
    kind = cas.victims if cas.victims in side else None
    if cas.victims == "person" and (frame.air or frame.cls.name not in ("clash", "kill")):
        kind = "civilian"  # «قتل 10 أشخاص» by a bomb or a strike; in fighting, persons may be fighters
    if cas.victim_tag is not None and cas.victim_tag.kind in ("soldier_victims", "police_victims"):
        kind = cas.victim_tag.kind.split("_")[0]
    if kind is None:
        return f
    name, inter = side[kind]
    if kind == "civilian":
        f.actor2 = f"{name} ({country})" if country else name
    elif country:
        f.actor2 = f"{name} {country}"
    else:
        return f
    if f.actor2 == f.actor1:
        f.actor2 = None
        return f
    f.inter2 = inter
    return f
