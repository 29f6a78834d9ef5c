"""All of rasd's lexicons, loaded from the data files and compiled into matchers once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasd.errors import DataFileError
from rasd.lexicon.loader import data_path, iter_tsv, load_yaml
from rasd.lexicon.matcher import PhraseMatcher
from rasd.text.normalize import normalize_key


@dataclass(frozen=True, slots=True)
class ActorInfo:
    name: str
    inter: int
    kind: str
    country: str | None
    parent: str | None
    air: bool

    def resolved(self, country: str | None) -> str:
        """The canonical name, with a ``{country}`` template filled in (or left generic when unknown)."""
        if "{country}" in self.name:
            return self.name.replace("{country}", country or "International")
        return self.name


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str | None
    strength: str
    agent: str
    suffix: bool = False


@dataclass
class Lexicons:
    """Compiled matchers and the tables behind them."""

    actors: PhraseMatcher
    actor_info: dict[str, ActorInfo]
    triggers: PhraseMatcher
    trigger_classes: dict[str, TriggerClass]
    blockers: PhraseMatcher
    cues: PhraseMatcher  # payload: category name
    sources: PhraseMatcher
    source_info: dict[str, SourceInfo]
    numbers: PhraseMatcher  # payload: ("unit", n) | ("qualifier", None) | ("vague", n) | ("dual", 2) | ...
    placewords: PhraseMatcher  # payload: (category, kind)
    demonyms: dict[str, tuple[str, str]]  # normalised adjective → (country, state actor)
    country_forces: dict[str, str]  # country name → its state forces (from the demonym table)
    anaphors: dict[str, tuple[str, ...]]
    outlets: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug → (name, scale)
    stop_words: frozenset[str] = frozenset()
    direction_adjectives: frozenset[str] = frozenset()
    name_initials: frozenset[str] = frozenset()
    admin_heads: dict[str, str] = field(default_factory=dict)  # head noun → "province" | "district"
    within_town_heads: frozenset[str] = frozenset()
    anaphoric_places: frozenset[str] = frozenset()
    place_stop: frozenset[str] = frozenset()  # words never matched as gazetteer names
    common_words: frozenset[str] = frozenset()  # frequent news words (data/common_words.txt)
    ambiguous_places: frozenset[str] = frozenset()  # gazetteer names that are mostly ordinary words
    not_places: frozenset[str] = frozenset()  # names read as places only after a head noun («مدينة الخبر»)
    aircraft_default: dict[str, str] = field(default_factory=dict)  # country → whose unattributed aircraft
    unidentified_default: frozenset[str] = frozenset()  # classes whose unknown agent is an unidentified group
    air_only_actors: frozenset[str] = frozenset()  # whose attacks are air strikes
    actor_by_country: dict[str, dict[str, str]] = field(default_factory=dict)  # name → {country → name}
    # One trie holding actors, sources, blockers, cues, numbers and place words, payloads tagged by lexicon:
    # one pass over a sentence instead of six.
    misc: PhraseMatcher = field(default_factory=PhraseMatcher)


def _listify(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def _load_actors(m: PhraseMatcher) -> dict[str, ActorInfo]:
    info: dict[str, ActorInfo] = {}
    entries = load_yaml("actors.yaml") or []
    for e in entries:
        try:
            a = ActorInfo(
                name=str(e["name"]), inter=int(e["inter"]), kind=str(e.get("kind") or "other"),
                country=e.get("country"), parent=e.get("parent"), air=bool(e.get("air", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError("E302", path=str(data_path("actors.yaml")), detail=f"bad entry {e!r}: {exc}") from exc
        info[a.name] = a
        m.add_many(_listify(e.get("aliases")), a.name)
        m.add(a.name, a.name)
    return info


def _load_triggers(m: PhraseMatcher, blockers: PhraseMatcher) -> dict[str, TriggerClass]:
    data = load_yaml("triggers.yaml")
    classes: dict[str, TriggerClass] = {}
    for name, c in data["classes"].items():
        classes[name] = TriggerClass(name, c["event_type"], c.get("sub_event_type"), c.get("strength", "strong"),
                                     c.get("agent", "subject"), bool(c.get("suffix", False)))
        for v in _listify(c.get("verbs")):
            m.add(v, (name, "verb"))
        for n in _listify(c.get("nouns")):
            m.add(n, (name, "noun"))
    blockers.add_many(_listify(data.get("blockers")), "blocker")
    return classes


def _load_cues(m: PhraseMatcher) -> dict[str, tuple[str, ...]]:
    data = load_yaml("cues.yaml")
    for cat, words in (data.get("modality") or {}).items():
        m.add_many(_listify(words), ("modality", cat))
    for key in ("scope_breakers", "past_narrative", "speaker_forces", "aircraft", "force_nouns", "claim_verbs",
                "claim_preps", "continue_verbs", "wounded", "killed_and_wounded", "casualties_unknown",
                "significant", "civilian_victims", "combatant_victims", "soldier_victims", "police_victims",
                "person_victims", "peaceful_transfer", "exposure", "state_verbs", "expel_words",
                "thousands", "ally_links"):
        m.add_many(_listify(data.get(key)), (key, None))
    anaphors: dict[str, tuple[str, ...]] = {}
    for word, kinds in (data.get("anaphors") or {}).items():
        anaphors[normalize_key(word)] = tuple(_listify(kinds))
        m.add(word, ("anaphor", normalize_key(word)))
    return anaphors


def _load_places(m: PhraseMatcher) -> dict[str, Any]:
    data = load_yaml("places.yaml")
    for kind, words in data["heads"].items():
        m.add_many(_listify(words), ("head", kind))
    for kind, words in data["relations"].items():
        m.add_many(_listify(words), ("relation", kind))
    m.add_many(_listify(data.get("countryside_pronouns")), ("countryside_pronoun", None))
    return dict(data)


def _load_numbers(m: PhraseMatcher) -> None:
    data = load_yaml("numbers.yaml")
    for value, words in data["units"].items():
        m.add_many(_listify(words), ("unit", int(value)))
    m.add_many(_listify(data.get("qualifiers")), ("qualifier", None))
    for word, value in (data.get("vague") or {}).items():
        m.add(word, ("vague", int(value)))
    m.add_many(_listify(data.get("duals")), ("dual", 2))
    m.add_many(_listify(data.get("singulars")), ("singular", 1))


def _load_sources(m: PhraseMatcher) -> dict[str, SourceInfo]:
    info: dict[str, SourceInfo] = {}
    for e in load_yaml("claim_sources.yaml") or []:
        s = SourceInfo(str(e["name"]), str(e.get("kind", "media")))
        info[s.name] = s
        m.add_many(_listify(e.get("aliases")), s.name)
    return info


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Load and compile every lexicon (once per process)."""
    actors = PhraseMatcher()
    actor_info = _load_actors(actors)
    triggers = PhraseMatcher(allow_suffix=True)
    blockers = PhraseMatcher()
    trigger_classes = _load_triggers(triggers, blockers)
    cues = PhraseMatcher()
    anaphors = _load_cues(cues)
    placewords = PhraseMatcher()
    pdata = _load_places(placewords)
    numbers = PhraseMatcher()
    _load_numbers(numbers)
    sources = PhraseMatcher()
    source_info = _load_sources(sources)
    demonyms: dict[str, tuple[str, str]] = {}
    for row in iter_tsv("demonyms.tsv"):
        demonyms[normalize_key(row["adjective"])] = (row["country"], row["state_actor"])
    outlets: dict[str, tuple[str, str]] = {}
    for row in iter_tsv("outlets.tsv"):
        outlets[row["slug"].strip().lower()] = (row["name"], row.get("scale") or "")
    misc = PhraseMatcher()
    for kind, m in (("actor", actors), ("source", sources), ("blocker", blockers), ("cue", cues),
                    ("num", numbers), ("placeword", placewords)):
        m.copy_into(misc, kind)
    return Lexicons(
        misc=misc,
        actors=actors, actor_info=actor_info, triggers=triggers, trigger_classes=trigger_classes,
        blockers=blockers, cues=cues, sources=sources, source_info=source_info, numbers=numbers,
        placewords=placewords, demonyms=demonyms, anaphors=anaphors, outlets=outlets,
        country_forces={country: actor for country, actor in demonyms.values()},
        stop_words=frozenset(normalize_key(w) for w in _listify(pdata.get("stop_words"))),
        direction_adjectives=frozenset(normalize_key(w) for w in _listify(pdata.get("direction_adjectives"))),
        name_initials=frozenset(normalize_key(w) for w in _listify(pdata.get("name_initials"))),
        admin_heads={normalize_key(w): level for level, ws in (pdata.get("admin_heads") or {}).items()
                     for w in _listify(ws)},
        within_town_heads=frozenset(normalize_key(w) for w in _listify(pdata.get("within_town_heads"))),
        anaphoric_places=frozenset(normalize_key(w) for w in _listify(pdata.get("anaphoric_places"))),
        place_stop=_place_stop(pdata),
        common_words=_word_list("common_words.txt"),
        ambiguous_places=_with_bare_forms(_word_list("ambiguous_places.txt")),
        not_places=frozenset(normalize_key(w) for w in _listify(pdata.get("ambiguous_names"))),
        aircraft_default=dict(load_yaml("cues.yaml").get("aircraft_default") or {}),
        unidentified_default=frozenset(_listify(load_yaml("cues.yaml").get("unidentified_default"))),
        air_only_actors=frozenset(_listify(load_yaml("cues.yaml").get("air_only_actors"))),
        actor_by_country={str(k): dict(v) for k, v in (load_yaml("cues.yaml").get("actor_by_country") or {}).items()},
    )


def _word_list(name: str) -> frozenset[str]:
    """A one-word-a-line data file (``#`` comments)."""
    with data_path(name).open(encoding="utf-8") as fh:
        return frozenset(w for w in (ln.strip() for ln in fh) if w and not w.startswith("#"))


def _with_bare_forms(words: frozenset[str]) -> frozenset[str]:
    """The list plus each definite word without its article: when «الجزيرة» is mostly "the island" (or the TV
    channel) rather than Gezira, «جزيرة» is at least as much a word."""
    return words | {w[2:] for w in words if w.startswith("ال") and len(w) > 4}


def _place_stop(pdata: dict[str, Any]) -> frozenset[str]:
    """Common words that are never read as gazetteer names: the stop lists plus every cue and trigger word."""
    words: set[str] = set()
    for key in ("stop_words", "place_stopwords", "direction_adjectives", "anaphoric_places",
                "countryside_pronouns"):
        words.update(normalize_key(w) for w in _listify(pdata.get(key)))
    for group in ("heads", "relations"):
        for ws in (pdata.get(group) or {}).values():
            words.update(normalize_key(w) for w in _listify(ws))
    cues = load_yaml("cues.yaml")
    for v in cues.values():
        items = v.values() if isinstance(v, dict) else [v]
        for ws in items:
            words.update(normalize_key(w) for w in _listify(ws) if isinstance(w, str))
    for c in load_yaml("triggers.yaml")["classes"].values():
        words.update(normalize_key(w) for w in _listify(c.get("verbs")) + _listify(c.get("nouns")))
    nums = load_yaml("numbers.yaml")
    for ws in nums["units"].values():
        words.update(normalize_key(w) for w in _listify(ws))
    words.update(normalize_key(w) for w in (nums.get("vague") or {}))
    return frozenset(w for w in words if w)
