"""Place phrases in a sentence: known and unknown names, head nouns, lists, relations, countryside, anaphora.

«بلدة السكرية قرب مطار الحمدان غرب مدينة البوكمال» gives three phrases: السكرية (unknown, head بلدة) anchored
by relation "near" on the landmark مطار الحمدان, itself anchored "west-of" on البوكمال (known).  «بلدات صبيخان
والكشمة والدوير بريف دير الزور الشرقي» gives a list of three siblings and دير الزور as their context.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.extractor.annotate import SentenceView, Tag
from rasd.geo.gazetteer import Gazetteer, is_admin1
from rasd.lexicon.compiled import Lexicons
from rasd.text.normalize import normalize_key

PROMINENT_POPULATION = 100_000


def is_prominent(gaz: Gazetteer, key: str) -> bool:
    """A name well enough known to count as a place with no head noun or preposition before it."""
    return any(p.feature == "A" or p.population >= PROMINENT_POPULATION for p in gaz.lookup(key))


def is_settled(gaz: Gazetteer, key: str) -> bool:
    """A town of some size (or an admin area): GeoNames' many unpopulated entries need a head noun."""
    return any(p.feature == "A" or p.population >= 1000 for p in gaz.lookup(key))


def is_admin(gaz: Gazetteer, key: str) -> bool:
    """Does the name denote an administrative area (a province or a district)?"""
    return any(p.feature == "A" for p in gaz.lookup(key))

_PREPS = {normalize_key(w) for w in ("في", "على", "من", "إلى", "نحو", "باتجاه", "داخل", "عند", "قرب", "حول", "تجاه",
                                     "جنوب", "شمال", "شرق", "غرب", "بين", "وسط", "أطراف", "محيط")}
# words of these kinds are never (part of) a place name
_NOT_A_NAME = ("head", "relation", "country", "modality", "num_unit", "num_vague", "demonym", "trigger", "claim_verbs",
               "continue_verbs", "scope_breakers", "wounded", "civilian_victims", "combatant_victims",
               "countryside_pronoun", "aircraft", "force_nouns")
# nisba adjectives, pronoun suffixes and plurals; not the bare ta marbuta of nouns («قرية الزكاة»)
_ADJECTIVE_ENDINGS = ("يه", "ي", "ها", "هم", "ين", "ون", "ات")
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن")


@dataclass
class PlacePhrase:
    first: int
    last: int
    name_first: int
    name_last: int
    name: str  # raw text of the name as written (location_ar)
    key: str  # normalised name
    gaz_key: str | None = None
    head: str | None = None  # settlement, landmark, district, region
    group: int | None = None  # siblings in a list share a group
    relation: str | None = None  # near, direction, countryside, outskirts (to ``anchor`` or to itself)
    anchor: int | None = None  # index of the phrase this one is placed relative to
    prep: str | None = None
    anaphoric: bool = False
    countryside: bool = False
    role: str = "location"  # location | anchor | context
    inner_known: str | None = None  # landmark named after a known place: «معبر هجين»
    admin_head: str | None = None  # the head noun names an admin unit: "district" («قضاء», «مديرية») or "province"
    common_word: bool = False  # an unknown name that is also a frequent word of news prose («مأهولة»)
    within_town: bool = False  # a neighbourhood or area of a town («حي», «منطقة»), not a village of its own


def _name_like(view: SentenceView, lex: Lexicons, i: int, blocked: set[int]) -> bool:
    if i >= len(view.tokens) or i in blocked:
        return False
    t = view.tok(i)
    if not t or t[0].isdigit() or len(t) < 2:
        return False
    bare = t[1:] if t[:1] == "و" and len(t) > 3 else t
    if t in lex.stop_words or bare in lex.stop_words or t in lex.direction_adjectives:
        return False
    if t in lex.common_words and (len(t) <= 4 or t.endswith(_ADJECTIVE_ENDINGS)):
        # «منطقة رئيسية», «مدينة لكنها»: a frequent adjective or function word, not a village's name
        # (a frequent noun may still be one: «بلدة عشاير»)
        return False
    if len(t) > 4 and t.endswith(_PRONOUN_ENDINGS) and t[0] in "يتن":
        return False  # «منطقة تسكنها»: a verb with an object pronoun, not a name
    return not view.covering(i, _NOT_A_NAME)


def _completes(view: SentenceView, lex: Lexicons, i: int, blocked: set[int]) -> bool:
    """Can token ``i`` complete a name begun by an initial («أم», «تل», «عين»)?  Any word but a function word, a
    direction, a number or a word of another kind: «أم ولد» takes «ولد», a frequent word on its own."""
    t = view.tok(i)
    if not t or i in blocked or t[0].isdigit() or t in lex.stop_words or t in lex.direction_adjectives:
        return False
    return not view.covering(i, _NOT_A_NAME)


def _prep_before(view: SentenceView, i: int, prefix: str) -> str | None:
    if (prefix and prefix[-1:] in ("ب", "ل")) or prefix.endswith("بال") or prefix.endswith("لل"):
        return "ب" if "ب" in prefix else "ل"
    prev = view.tok(i - 1)
    if prev.startswith("و") and prev[1:] in _PREPS:
        prev = prev[1:]
    return prev if prev in _PREPS else None


def _key(view: SentenceView, first: int, last: int, head: Tag | None) -> str:
    """The normalised key of tokens ``first..last`` without the clitics before the head noun («وقاعدة»)."""
    toks = [view.tok(k) for k in range(first, last + 1)]
    if head is not None and head.first == first and head.prefix and toks[0].startswith(head.prefix):
        toks[0] = toks[0][len(head.prefix):]
    return " ".join(toks)


def find_places(view: SentenceView, lex: Lexicons, gaz: Gazetteer) -> list[PlacePhrase]:
    """Read the place phrases of a sentence, left to right."""
    if not view.has("gaz", "head"):
        return []
    n = len(view.tokens)
    blocked: set[int] = set()
    for t in view.tags:
        if t.kind in ("actor", "source"):
            blocked.update(range(t.first, t.last + 1))
    gaz_at: dict[int, Tag] = {}
    for t in view.of("gaz"):
        if t.first in blocked:
            continue
        cur = gaz_at.get(t.first)
        if cur is None or t.last > cur.last:
            gaz_at[t.first] = t
    head_at = {t.first: t for t in view.of("head") if t.first not in blocked}
    for i, h in head_at.items():
        g = gaz_at.get(i)
        if g is not None and g.last <= h.last:
            del gaz_at[i]  # «مدينة» is the head noun, not the village called Madina
    rel_at = {t.first: t for t in view.of("relation")}
    phrases: list[PlacePhrase] = []
    pending_rel: tuple[str, int] | None = None  # (kind, token index) of the last relation word
    group_id = 0
    i = 0
    while i < n:
        if i in rel_at and i not in gaz_at:
            r = rel_at[i]
            kind = r.value
            # «جنوب» etc. are both direction relations and region heads: treat as relation here
            pending_rel = (kind, r.last)
            i = r.last + 1
            continue
        head: Tag | None = head_at.get(i)
        if head is not None and head.value == "region" and i in gaz_at and gaz_at[i].last > head.last:
            head = None  # «شمال دارفور», «سهل الغاب»: a region word that begins a known name is part of it
        start = i
        j = head.last + 1 if head else i
        # (endswith, not lstrip: «بادية» starts with the letter ب)
        if head and head.value == "region" and view.tok(head.first).endswith(("ريف", "باديه", "ضواحي")):
            # «ريف X»: the countryside of X
            if j in gaz_at or _name_like(view, lex, j, blocked):
                pending_rel = ("countryside", head.last)
            i = j
            continue
        if head and head.value in ("region",):
            i = j
            continue
        phrase: PlacePhrase | None = None
        # «قاعدة عين الأسد», «قرية تل أبيض»: after a head noun, a compound's first word is not the place it names
        # alone («عين» is Al Ain in the Emirates) when a name-like word follows it
        compound = head is not None and j in gaz_at and gaz_at[j].last == j and not gaz_at[j].prefix and \
            view.tok(j) in lex.name_initials and j + 1 not in gaz_at and _name_like(view, lex, j + 1, blocked)
        if j in gaz_at and not compound:
            g = gaz_at[j]
            last = g.last
            key = g.value
            if key in lex.anaphoric_places and not head:
                phrase = PlacePhrase(start, last, j, last, view.raw_text_skip(j, last, len(g.prefix)), key, None,
                                     "settlement", anaphoric=True)
            else:
                # with no head noun, a name counts when it is well known, or follows a separate preposition
                # and is a town of some size or no frequent word of news prose («في مارع», a seat GeoNames gives
                # no population); a name that is mostly an ordinary word («الخبر», «جديدة») needs the preposition
                # (not «على»: «على الصور», «على الصعيد» are not places; a well-known town needs no preposition)
                prep_tok = view.tok(j - 1).lstrip("و") in _PREPS and view.tok(j - 1).lstrip("و") != "علي"
                # «أعلنت صنعاء»: a name used as often for its government or as a word needs a preposition
                # («في صنعاء»); a few («الخبر», the news) need a head noun
                ambiguous = key in lex.ambiguous_places or key in lex.not_places
                # «كبرى مدن الجنوب»: a word that is a place only after a head noun («محافظة الجنوب») is not one
                # after a plural head (the cities of the south)
                plural_only = head is not None and head.value.endswith("_plural") and key in lex.not_places and \
                    view.tok(head.first)[len(head.prefix):] not in lex.admin_heads
                strong = (head is not None and not plural_only) or (key not in lex.not_places and (
                    (is_prominent(gaz, key) and (not ambiguous or prep_tok))
                    or (prep_tok and len(key) >= 4 and is_settled(gaz, key))))
                if pending_rel is not None and pending_rel[1] >= start - 2 and not ambiguous:
                    strong = True
                if phrases and phrases[-1].last >= start - 1 and view.tok(j).startswith("و") and not ambiguous:
                    strong = True  # a list continues: «صبيخان والكشمة»
                if g.prefix and view.tok(j) in lex.common_words and not any(
                        p.population >= PROMINENT_POPULATION or is_admin1(p) for p in gaz.lookup(key)):
                    # «لبنان» is not ل + «بنان», «بشرية» not ب + «شرية»; «بتعز», «بالقاهرة» are ب + a city
                    strong = False
                if strong:
                    hk = head.value.replace("_plural", "") if head else None
                    if hk == "landmark":
                        # a landmark named after a known place: «معبر هجين المائي»
                        if last + 1 < n and view.tok(last + 1).startswith("ال") and \
                                view.tok(last + 1) not in lex.stop_words and view.tok(last + 1).endswith("ي"):
                            last += 1
                        full = _key(view, start, last, head)
                        # a landmark the gazetteer knows by its full name (a GeoNames-built index has airports,
                        # bases, dams): the landmark itself; else placed at the town it is named after
                        known = full if gaz.lookup(full) else None
                        phrase = PlacePhrase(start, last, start, last,
                                             view.raw_text_skip(start, last, len(head.prefix) if head else 0),
                                             full, known, "landmark", inner_known=None if known else key)
                    else:
                        name = view.raw_text_skip(j, last, 0 if head else len(g.prefix))
                        phrase = PlacePhrase(start, last, j, last, name, key, key, hk)
        elif head is not None and head.value.startswith(("settlement", "landmark", "district", "province")):
            hk = head.value.replace("_plural", "")
            # «تمشط المدينة وتنزع الألغام»: a word joined by و after a head noun starts a new clause
            # «المدينة أسفرت»: a definite head noun is followed by an adjective or a verb, never by a name
            definite = view.tok(head.first).lstrip("وبلك").startswith("ال")
            # «منطقة عازلة», «مناطق سيطرة», «منطقة محررة»: after an area noun, a frequent indefinite word ending in
            # ta marbuta is an adjective or a noun of the phrase, not a name (after «بلدة» it may be one)
            tj = view.tok(j)
            adjective = hk == "district" and tj in lex.common_words and tj.endswith("ه") and not tj.startswith("ال")
            if not definite and not adjective and _name_like(view, lex, j, blocked) and not tj.startswith("و"):
                last = j
                if view.tok(j) in lex.name_initials and (_name_like(view, lex, j + 1, blocked) or _completes(
                        view, lex, j + 1, blocked)):
                    last = j + 1  # «قرية أم ولد», «تل أبيض»: an initial and the word it takes
                if hk == "landmark" and view.tok(j) in lex.common_words and not view.tok(j).startswith("ال"):
                    phrase = None  # «القاعدة مستمرة»: an indefinite common word after a landmark noun is no name
                elif hk == "landmark":
                    if last + 1 < n and view.tok(last + 1).startswith("ال") and view.tok(last + 1).endswith("ي") \
                            and _name_like(view, lex, last + 1, blocked):
                        last += 1
                    full = _key(view, start, last, head)
                    phrase = PlacePhrase(start, last, start, last, view.raw_text_skip(start, last, len(head.prefix)),
                                         full, full if gaz.lookup(full) else None, hk)
                else:
                    # «بلدة الغارية الغربية»: a definite name may carry a direction adjective as part of it
                    if view.tok(last).startswith("ال") and view.tok(last + 1) in lex.direction_adjectives:
                        last += 1
                    key = " ".join(view.tok(k) for k in range(j, last + 1))
                    # «محافظة إب»: a name the shared trie leaves out as a common word is a name after a head noun
                    # (not a lone initial such as «أم», nor a word of the place stop list)
                    known = key if hk != "landmark" and len(key) >= 3 and key not in lex.name_initials and \
                        key not in lex.place_stop and gaz.lookup(key) else None
                    phrase = PlacePhrase(start, last, j, last, view.raw_text(j, last), key, known, hk)
            elif (view.tok(head.first).startswith("ال") or view.tok(head.first)[1:].startswith("ال")) and \
                    head.value in ("settlement", "district", "landmark", "province"):
                # «المدينة»، «بالمدينة» with no name after it: the place last named
                phrase = PlacePhrase(start, head.last, start, head.last, view.raw_text(start, head.last),
                                     view.tok(head.last).lstrip("وبلك"), None, hk, anaphoric=True)
        if phrase is None:
            i += 1
            continue
        if head is not None and head.first == phrase.first:
            head_word = view.tok(head.first)[len(head.prefix):]
            phrase.admin_head = lex.admin_heads.get(head_word)
            phrase.within_town = head_word in lex.within_town_heads
        phrase.prep = _prep_before(view, phrase.first, (head.prefix if head else gaz_at[j].prefix)
                                   if (head or j in gaz_at) else "")
        idx = len(phrases)
        if pending_rel is not None and pending_rel[1] >= phrase.first - 1:
            kind = pending_rel[0]
            prev = phrases[-1] if phrases else None
            rel_tok = pending_rel[1]
            if prev is not None and prev.last >= rel_tok - 3 and prev.role != "context":
                # «X قرب Y»: X is placed relative to Y
                if kind == "countryside":
                    phrase.role = "context"
                    phrase.countryside = True
                    for p in phrases:
                        if p.last >= prev.first - 1 and (p.group == prev.group or p is prev):
                            p.anchor = p.anchor if p.anchor is not None else None
                else:
                    prev.anchor = idx
                    prev.relation = prev.relation or kind
                    phrase.role = "anchor"
                    for p in phrases:
                        if p.group is not None and p.group == prev.group and p.anchor is None:
                            p.anchor = idx
                            p.relation = kind
            else:
                phrase.relation = kind
                phrase.countryside = kind == "countryside"
            pending_rel = None
        elif phrases and phrase.prep in ("في", "ب") and phrases[-1].last >= phrase.first - 2 and \
                phrase.gaz_key and is_admin(gaz, phrase.gaz_key) and not phrases[-1].anaphoric:
            phrase.role = "context"  # «البصيرة في دير الزور»: the province of the place before
        # lists: «بلدات A وB وC», «بلدة عشاير ومعبر هجين»
        if phrases and phrase.role == "location" and phrases[-1].role == "location":
            prev = phrases[-1]
            if prev.last == phrase.first - 1 and view.tok(phrase.first).startswith("و"):
                if prev.group is None:
                    group_id += 1
                    prev.group = group_id
                phrase.group = prev.group
        phrases.append(phrase)
        i = phrase.last + 1
        # bare names in a list after a plural head: «بلدات صبيخان والكشمة والدوير»
        if head is not None and head.value.endswith("_plural"):
            if phrase.group is None:
                group_id += 1
                phrase.group = group_id
            while i < n and view.tok(i).startswith("و") and len(view.tok(i)) > 2:
                if i in gaz_at:
                    g = gaz_at[i]
                    phrases.append(PlacePhrase(i, g.last, i, g.last, view.raw_text_skip(i, g.last, len(g.prefix)),
                                               g.value, g.value,
                                               phrase.head, group=phrase.group, prep=phrase.prep))
                    i = g.last + 1
                elif _name_like(view, lex, i, blocked) and i not in head_at and not (
                        view.tok(i)[1:2] in ("ب", "ل") and view.tok(i)[2:] in lex.common_words):
                    # (not «… كبرى مدن الجنوب، وبدعم من …»: و + a preposition + a word starts a new clause)
                    name = view.raw_text_skip(i, i, 1)
                    phrases.append(PlacePhrase(i, i, i, i, name, view.tok(i)[1:], None, phrase.head,
                                               group=phrase.group, prep=phrase.prep))
                    i += 1
                else:
                    break
    # «محافظتي لحج وعدن», «مديرية لودر ومكيراس»: the listed names share the admin head noun of the first
    admin_groups = {p.group: p.admin_head for p in phrases if p.admin_head and p.group is not None}
    town_groups = {p.group for p in phrases if p.within_town and p.group is not None}
    for p in phrases:
        if p.group in admin_groups:
            p.admin_head = admin_groups[p.group]
        p.within_town = p.within_town or p.group in town_groups
        if p.gaz_key is None and not p.inner_known:
            p.common_word = p.key in lex.common_words or p.key.split(" ")[0] in lex.common_words
    return phrases
