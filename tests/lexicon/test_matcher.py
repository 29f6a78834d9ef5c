"""rasd.lexicon.matcher: the token trie, clitics on the first token, attached pronouns, longest match, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.lexicon.matcher import Match, PhraseMatcher, select_longest
from rasd.text.normalize import normalize, normalize_key
from rasd.text.tokens import tokenize

ENTRIES = {
    "قوات النظام": "Syria",
    "قوات النظام السوري": "Syria (full)",
    "النظام": "regime",
    "قسد": "SDF",
    "قوات سورية الديمقراطية": "SDF",
    "المدينة": "city",
    "حزب الله": "Hezbollah",
    "تنظيم الدولة": "IS",
    "الحرس الثوري": "IRGC",
    "قوات": "forces",
}


def _matcher(**kwargs: object) -> PhraseMatcher:
    m = PhraseMatcher(**kwargs)  # type: ignore[arg-type]
    for phrase, payload in ENTRIES.items():
        m.add(phrase, payload)
    return m


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    return _matcher()


def run(m: PhraseMatcher, raw: str, longest: bool = True) -> list[tuple[Match, str]]:
    """Matches in ``raw`` with the raw text of each match's span."""
    n = normalize(raw)
    toks = tokenize(n.text)
    found = m.find_longest(toks) if longest else m.find(toks)
    return [(x, raw[n.raw_start(x.start) : n.raw_end(x.end)]) for x in found]


def _entry_matches(match: Match, entry: str) -> bool:
    """The match's key is the entry, or the entry with the alef of ال elided after ل («للنظام»)."""
    key = normalize_key(entry)
    return match.key == key or (match.prefix.endswith("ل") and "ا" + match.key == key and key.startswith("ال"))


# --- clitics, quotes, marks ----------------------------------------------------------------------------------

CASES = [
    # raw sentence, [(payload, raw span, prefix), ...]
    ("قصفت قوات النظام المدينة", [("Syria", "قوات النظام", ""), ("city", "المدينة", "")]),
    ("قصفت قوات النظام السوري المدينة", [("Syria (full)", "قوات النظام السوري", ""), ("city", "المدينة", "")]),
    ("ولقوات النظام", [("Syria", "قوات النظام", "ول")]),
    ("فقوات النظام", [("Syria", "قوات النظام", "ف")]),
    ("بقوات النظام", [("Syria", "قوات النظام", "ب")]),
    ("كقوات النظام", [("Syria", "قوات النظام", "ك")]),
    ("وبقوات النظام", [("Syria", "قوات النظام", "وب")]),
    ("للنظام", [("regime", "لنظام", "ل")]),
    ("وللنظام", [("regime", "لنظام", "ول")]),
    ("وبالمدينة", [("city", "المدينة", "وب")]),
    ("فالمدينة", [("city", "المدينة", "ف")]),
    ("«قسد»", [("SDF", "قسد", "")]),
    ("(قسد)", [("SDF", "قسد", "")]),
    ("و«قسد»", [("SDF", "قسد", "")]),  # the conjunction is a token of its own here
    ("لـ«قسد»", [("SDF", "قسد", "")]),
    ("سيطرت «قوات سورية الديمقراطية» (قسد) على المدينة",
     [("SDF", "قوات سورية الديمقراطية", ""), ("SDF", "قسد", ""), ("city", "المدينة", "")]),
    ("بحزب الله", [("Hezbollah", "حزب الله", "ب")]),
    ("عناصر تنظيم الدولة", [("IS", "تنظيم الدولة", "")]),
    ("والحرس الثوري", [("IRGC", "الحرس الثوري", "و")]),
    ("بالحرس الثوري", [("IRGC", "الحرس الثوري", "ب")]),
    ("قوات المعارضة", [("forces", "قوات", "")]),
    ("قوات من النظام", [("forces", "قوات", ""), ("regime", "النظام", "")]),
    ("قوات والنظام", [("forces", "قوات", ""), ("regime", "النظام", "و")]),  # clitics only on a first token
    ("قـــوات النِّظامِ", [("Syria", "قـــوات النِّظام", "")]),
    ("قوات\u200c النظام", [("Syria", "قوات\u200c النظام", "")]),
    ("مدنٌ بعيدة", []),
    ("", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_find_longest(matcher: PhraseMatcher, raw: str, expected: list[tuple[str, str, str]]) -> None:
    got = run(matcher, raw)
    assert [(x.payloads[0], span, x.prefix) for x, span in got] == expected
    n = normalize(raw)
    toks = tokenize(n.text)
    for x, span in got:
        assert normalize_key(span) == x.key
        assert n.text[x.start : x.end].split() == x.key.split()
        assert toks[x.first].text == x.prefix + x.key.split()[0]
        assert toks[x.first].start + len(x.prefix) == x.start
        assert toks[x.last].end == x.end
        entries = [e for e, p in ENTRIES.items() if p in x.payloads]
        assert any(_entry_matches(x, e) for e in entries), (x, entries)


def test_find_keeps_overlapping_starts(matcher: PhraseMatcher) -> None:
    got = run(matcher, "قوات النظام السوري", longest=False)
    assert [(x.first, x.last, x.payloads) for x, _ in got] == [(0, 2, ("Syria (full)",)), (1, 1, ("regime",))]
    assert [(x.first, x.last) for x, _ in run(matcher, "قوات النظام السوري")] == [(0, 2)]


def test_longest_prefers_fewer_dropped_clitics() -> None:
    m = PhraseMatcher()
    m.add("النظام", "with article")
    m.add("نظام", "bare")
    (x, span), = run(m, "للنظام")
    assert x.payloads == ("with article",) and x.prefix == "ل" and span == "لنظام"
    (x, span), = run(m, "بنظام")
    assert x.payloads == ("bare",) and x.prefix == "ب"


def test_word_that_is_an_entry_is_not_stripped() -> None:
    m = PhraseMatcher()
    m.add("لبنان", "Lebanon")
    m.add("بنان", "other")
    (x, _), = run(m, "لبنان")
    assert x.payloads == ("Lebanon",) and x.prefix == ""
    (x, _), = run(m, "ولبنان")
    assert x.payloads == ("Lebanon",) and x.prefix == "و"


# --- preps and strip_clitics --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("بقوات النظام", True),
        ("لقوات النظام", False),
        ("كقوات النظام", False),
        ("وقوات النظام", True),  # conjunctions are always stripped
        ("وبقوات النظام", True),
        ("ولقوات النظام", False),
    ],
)
def test_preps_restricts_prepositions(raw: str, found: bool) -> None:
    m = PhraseMatcher(preps=("ب",))
    m.add("قوات النظام", "Syria")
    assert bool(run(m, raw)) is found


def test_preps_without_lam_does_not_expand_lam_lam() -> None:
    m = PhraseMatcher(preps=("ب",))
    m.add("النظام", "regime")
    assert run(m, "للنظام") == []
    assert [x.prefix for x, _ in run(m, "بالنظام")] == ["ب"]


def test_strip_clitics_off() -> None:
    m = PhraseMatcher(strip_clitics=False)
    m.add("قوات النظام", "Syria")
    assert run(m, "وقوات النظام") == []
    assert [span for _, span in run(m, "قوات النظام")] == ["قوات النظام"]


# --- attached pronouns ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def suffix_matcher() -> PhraseMatcher:
    m = PhraseMatcher(allow_suffix=True)
    m.add("قصف", "shelling")
    m.add("استهدف مواقع", "targeting")
    m.add("قصف مدفعي", "artillery")
    return m


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قصفها", [("shelling", "قصفها", "")]),
        ("وقصفها", [("shelling", "قصفها", "و")]),
        ("قصفهم", [("shelling", "قصفهم", "")]),
        ("قصف", [("shelling", "قصف", "")]),
        ("استهدف مواقعهم", [("targeting", "استهدف مواقعهم", "")]),
        ("قصف مدفعي", [("artillery", "قصف مدفعي", "")]),
        ("قصفت", []),  # ت is not an attached pronoun
    ],
)
def test_allow_suffix(suffix_matcher: PhraseMatcher, raw: str, expected: list[tuple[str, str, str]]) -> None:
    got = run(suffix_matcher, raw)
    assert [(x.payloads[0], span, x.prefix) for x, span in got] == expected
    for x, span in got:
        assert normalize_key(span) == x.key


def test_suffix_not_allowed_by_default() -> None:
    m = PhraseMatcher()
    m.add("قصف", "shelling")
    assert run(m, "قصفها") == []
    assert len(run(m, "قصف")) == 1


@pytest.mark.xfail(
    reason="the module docstring says only the last token may drop an attached pronoun, but find() also tries "
    "suffix_forms of the first token, so «قصفها مدفعي» matches the two-word entry «قصف مدفعي»",
    strict=True,
)
def test_suffix_only_on_last_token(suffix_matcher: PhraseMatcher) -> None:
    assert [x.payloads[0] for x, _ in run(suffix_matcher, "قصفها مدفعي")] == ["shelling"]


# --- add, add_key, __contains__, payloads -------------------------------------------------------------------------


def test_add_normalises_add_key_does_not() -> None:
    m = PhraseMatcher()
    m.add("قوات الأسد", "via add")
    assert "قوات الاسد" in m and "قوات الأسد" in m and "«قوات الأسد»" in m
    assert [x.payloads for x, _ in run(m, "قوات الأسد")] == [("via add",)]

    raw_key = PhraseMatcher()
    raw_key.add_key("قوات الأسد", "raw key")  # not normalised: the hamza never meets a normalised token
    assert run(raw_key, "قوات الأسد") == []
    assert "قوات الأسد" not in raw_key

    good_key = PhraseMatcher()
    good_key.add_key(normalize_key("قوات الأسد"), "normalised key")
    assert "قوات الأسد" in good_key
    assert [x.payloads for x, _ in run(good_key, "قوات الأسد")] == [("normalised key",)]
    # add and add_key of the same normalised phrase build the same trie
    both = PhraseMatcher()
    both.add("قوات الأسد", "p")
    assert both._root == {"قوات": {"الاسد": {"\x00": ["p"]}}}
    again = PhraseMatcher()
    again.add_key("قوات  الاسد ", "p")
    assert again._root == both._root


def test_payloads_and_size() -> None:
    m = PhraseMatcher()
    m.add("قسد", "SDF")
    m.add("«قسد»", "SDF")  # same key, same payload: not added twice
    m.add("قسد", "other")
    m.add("", "nothing")  # empty phrases are ignored
    m.add("«»", "nothing")
    m.add_many(["داعش", "تنظيم الدولة"], "IS")
    assert m.size == 4
    assert [x.payloads for x, _ in run(m, "قسد")] == [("SDF", "other")]


@pytest.mark.parametrize(
    ("phrase", "inside"),
    [
        ("قوات النظام", True),
        ("قوات  النظام", True),
        ("«قوات النظام»", True),
        ("قوات", False),  # a prefix of an entry is not an entry
        ("قوات النظام السوري", False),
        ("لقوات النظام", False),  # __contains__ is an exact lookup, no clitic stripping
        ("", False),
    ],
)
def test_contains(phrase: str, inside: bool) -> None:
    m = PhraseMatcher()
    m.add("قوات النظام", "Syria")
    assert (phrase in m) is inside


# --- select_longest ---------------------------------------------------------------------------------------------


def _m(first: int, last: int, start: int, end: int, name: str) -> Match:
    return Match(first, last, start, end, name, (name,))


@pytest.mark.parametrize(
    ("matches", "kept"),
    [
        ([_m(0, 1, 0, 9, "a"), _m(1, 3, 5, 20, "b"), _m(4, 4, 21, 25, "c")], ["b", "c"]),
        ([_m(0, 0, 0, 3, "a"), _m(0, 0, 0, 5, "b")], ["b"]),  # same tokens: more characters wins
        ([_m(0, 1, 0, 9, "a"), _m(1, 2, 5, 14, "b")], ["a"]),  # a tie goes to the leftmost
        ([_m(2, 2, 10, 12, "b"), _m(0, 0, 0, 3, "a")], ["a", "b"]),  # result in text order
        ([], []),
    ],
)
def test_select_longest(matches: list[Match], kept: list[str]) -> None:
    assert [m.key for m in select_longest(matches)] == kept


# --- offsets, property ------------------------------------------------------------------------------------------

_PREFIXES = ["", "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"]
_FILLERS = ["اليوم", "مصادر", "قالت", "بعد", "عن", "2017", "AFP", "،", ".", "\n"]
_WRAP = [("", ""), ("«", "»"), ("(", ")"), ("“", "”")]


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(_FILLERS)))
            continue
        entry = draw(st.sampled_from(list(ENTRIES)))
        prefix = draw(st.sampled_from(_PREFIXES))
        # ل + ال writes «لل»
        word = prefix + entry[1:] if prefix.endswith("ل") and entry.startswith("ال") else prefix + entry
        if draw(st.booleans()):  # sprinkle tatweel and diacritics
            word = word.replace("ا", draw(st.sampled_from(["ا", "اً", "ـا", "اَ"])), 1)
        left, right = draw(st.sampled_from(_WRAP))
        parts.append(left + word + right)
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(_sentences())
def test_offsets_map_back_to_the_entry(raw: str) -> None:
    m = _matcher()
    n = normalize(raw)
    toks = tokenize(n.text)
    for x in m.find(toks):
        span = raw[n.raw_start(x.start) : n.raw_end(x.end)]
        # Normalisation turns punctuation into spaces, so a match may run over a comma between two words
        # («قوات، النظام»): a known limitation of the token matcher, compared here without the punctuation.
        assert normalize_key(span.replace("،", " ").replace(".", " ")) == x.key, (raw, x, span)
        assert toks[x.first].text == x.prefix + x.key.split()[0]
        assert set(x.prefix) <= set("وفبلك")
        entries = [e for e, p in ENTRIES.items() if p in x.payloads]
        assert any(_entry_matches(x, e) for e in entries), (raw, x, entries)
    chosen = m.find_longest(toks)
    covered = [i for x in chosen for i in range(x.first, x.last + 1)]
    assert len(covered) == len(set(covered))
