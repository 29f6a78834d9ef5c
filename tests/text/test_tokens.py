"""rasd.text.tokens: tokens of normalised text, proclitic-stripped forms, attached-pronoun forms."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.normalize import normalize
from rasd.text.tokens import Token, clitic_forms, punctuation_offsets, suffix_forms, tokenize


def _position(t: Token) -> int:
    """The token's position in its list (the field is ``position``; it was ``index`` in older versions)."""
    pos = getattr(t, "position", None)
    return pos if isinstance(pos, int) else t.index  # type: ignore[attr-defined]


# --- tokenize -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قوات النظام", ["قوات", "النظام"]),
        ("«قسد» تسيطر", ["قسد", "تسيطر"]),
        ("(داعش)،", ["داعش"]),
        ("مقتل 32 مدنياً", ["مقتل", "32", "مدنيا"]),
        ("مقتل ٣٢ مدنياً", ["مقتل", "32", "مدنيا"]),
        ("و12 قتيلا", ["و", "12", "قتيلا"]),  # digits and letters are separate tokens
        ("3.5 كم", ["3.5", "كم"]),  # a decimal stays one token
        ("1,200 عنصر", ["1,200", "عنصر"]),
        ("انتهى.", ["انتهي"]),  # a trailing full stop is not part of a number or word
        ("أ.ف.ب", ["ا", "ف", "ب"]),
        ("AFP-Reuters", ["afp", "reuters"]),
        ("snake_case", ["snake", "case"]),
        ("قـــوات النِّظام", ["قوات", "النظام"]),
        ("سطر\nسطر", ["سطر", "سطر"]),
        ("", []),
        ("  ،؛.!؟  ", []),
    ],
)
def test_tokenize(raw: str, expected: list[str]) -> None:
    norm = normalize(raw).text
    toks = tokenize(norm)
    assert [t.text for t in toks] == expected
    for i, t in enumerate(toks):
        assert isinstance(t, Token)
        assert t.position == i
        assert norm[t.start : t.end] == t.text


def test_tokenize_window_keeps_offsets_into_the_whole_string() -> None:
    norm = normalize("قالت مصادر إن قوات النظام قصفت المدينة").text
    whole = tokenize(norm)
    start, end = whole[3].start, whole[4].end
    part = tokenize(norm, start, end)
    assert [t.text for t in part] == ["قوات", "النظام"]
    assert [(t.start, t.end) for t in part] == [(whole[3].start, whole[3].end), (whole[4].start, whole[4].end)]
    assert [_position(t) for t in part] == [0, 1]  # positions restart in the window


def test_punctuation_offsets() -> None:
    norm = normalize("قال، إن القوات؛ تقدمت. ثم؟\nانسحبت").text
    offs = punctuation_offsets(norm)
    assert [norm[o] for o in offs] == ["،", "؛", ".", "؟", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتسقلمنهوية0123456789 .,،«»()\n")), max_size=60))
def test_tokens_are_ordered_and_disjoint(raw: str) -> None:
    norm = normalize(raw).text
    toks = tokenize(norm)
    for a, b in pairwise(toks):
        assert a.end <= b.start
    for t in toks:
        assert t.start < t.end
        assert norm[t.start : t.end] == t.text
        assert " " not in t.text and "\n" not in t.text


# --- clitic_forms -----------------------------------------------------------------------------------------------

CLITIC_CASES = [
    # (token, preps or None for the default, the forms that must be offered, forms that must not)
    ("وبالمدينه", None, [("وبالمدينه", 0), ("بالمدينه", 1), ("المدينه", 2)], []),
    ("للنظام", None, [("للنظام", 0), ("النظام", 1), ("نظام", 2)], []),
    ("وللنظام", None, [("وللنظام", 0), ("للنظام", 1), ("النظام", 2), ("نظام", 3)], []),
    ("لقوات", None, [("لقوات", 0), ("قوات", 1)], []),
    ("بقوات", None, [("بقوات", 0), ("قوات", 1)], []),
    ("كالقوات", None, [("كالقوات", 0), ("القوات", 1)], []),
    ("فالقوات", None, [("فالقوات", 0), ("القوات", 1)], []),
    ("وقوات", None, [("وقوات", 0), ("قوات", 1)], []),
    ("فقسد", None, [("فقسد", 0), ("قسد", 1)], []),
    ("وبقسد", None, [("وبقسد", 0), ("بقسد", 1), ("قسد", 2)], []),
    # preps restricts the prepositions, not the conjunctions
    ("لقوات", ("ب",), [("لقوات", 0)], ["قوات"]),
    ("للنظام", ("ب",), [("للنظام", 0)], ["النظام", "نظام"]),
    ("وبقوات", ("ل",), [("وبقوات", 0), ("بقوات", 1)], ["قوات"]),
    ("وقوات", (), [("وقوات", 0), ("قوات", 1)], []),
    # short words are not over-stripped
    ("في", None, [("في", 0)], ["ي"]),
    ("لا", None, [("لا", 0)], ["ا"]),
    ("بل", None, [("بل", 0)], ["ل"]),
    ("ول", None, [("ول", 0)], ["ل"]),
    ("لل", None, [("لل", 0)], ["ل", "ال"]),
    ("له", None, [("له", 0)], ["ه"]),
    ("لله", None, [("لله", 0), ("له", 1)], ["ه", "اله"]),  # ل + ال needs a longer word
    ("وبه", None, [("وبه", 0), ("به", 1)], ["ه"]),
    ("ف", None, [("ف", 0)], []),
    ("قصف", None, [("قصف", 0)], ["صف"]),  # ق is not a clitic
]


@pytest.mark.parametrize(("tok", "preps", "expected", "absent"), CLITIC_CASES)
def test_clitic_forms(
    tok: str, preps: tuple[str, ...] | None, expected: list[tuple[str, int]], absent: list[str]
) -> None:
    forms = clitic_forms(tok) if preps is None else clitic_forms(tok, preps=preps)
    assert forms[0] == (tok, 0)
    assert set(expected) <= set(forms)
    got = {f for f, _ in forms}
    for a in absent:
        assert a not in got


@pytest.mark.parametrize(
    ("raw", "form", "dropped"),
    [("وبالمدينة", "المدينه", 2), ("للنظام", "النظام", 1), ("لقوات", "قوات", 1), ("والحرس", "الحرس", 1)],
)
def test_clitic_forms_from_raw_text(raw: str, form: str, dropped: int) -> None:
    tok = tokenize(normalize(raw).text)[0].text
    assert (form, dropped) in clitic_forms(tok)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("وفبلكاسقمنهي")), min_size=1, max_size=9))
def test_clitic_forms_properties(tok: str) -> None:
    forms = clitic_forms(tok)
    assert forms[0] == (tok, 0)
    assert len({f for f, _ in forms}) == len(forms)  # no duplicates
    for form, dropped in forms[1:]:
        assert len(form) >= 2
        assert 1 <= dropped <= 3
        rest = tok[dropped:]
        # the form is what is left after the clitics, or, after ل + ال, the word with its article restored
        assert form == rest or (form == "ا" + rest and tok[dropped - 1 : dropped + 1] == "لل"), (form, dropped)
        assert set(tok[:dropped]) <= set("وفبلك")


# --- suffix_forms -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tok", "expected"),
    [
        ("قصفها", ["قصف"]),
        ("قصفه", ["قصف"]),
        ("قصفهم", ["قصف"]),
        ("قصفهما", ["قصف"]),
        ("قصفهن", ["قصف"]),
        ("قصفكم", ["قصف"]),
        ("قصفنا", ["قصف"]),
        ("مواقعهم", ["مواقع"]),
        ("قصف", []),
        ("بها", []),  # the stem would be too short
        ("منه", []),
        ("فيه", []),
        ("عليه", ["علي"]),
    ],
)
def test_suffix_forms(tok: str, expected: list[str]) -> None:
    assert suffix_forms(tok) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قصفهامنكيم")), max_size=8))
def test_suffix_forms_properties(tok: str) -> None:
    for form in suffix_forms(tok):
        assert tok.startswith(form)
        assert len(form) >= 3
        assert tok[len(form) :] in ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي")
