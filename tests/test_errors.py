"""rasd.errors: every catalogue entry formats with the fields its template names; messages carry their code."""

from __future__ import annotations

import re
import string

import pytest

from rasd.errors import (
    CATALOGUE,
    NOTES,
    DataFileError,
    ExtractionError,
    GoldFormatError,
    InputError,
    RasdError,
    note,
)

_SAMPLE = {
    "path": "article.txt",
    "detail": "something went wrong",
    "size": 12_345_678,
    "limit": 10_000_000,
    "line": 7,
    "value": "2017-13-45",
    "doc": "syria-0161",
    "stage": "actors",
    "address": "tcp://10.0.0.1:8786",
}


def _fields(template: str) -> set[str]:
    """The field names a format template uses ({value!r} → value)."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(re.split(r"[.\[]", field)[0])
    return names


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_catalogue_entry_formats(code: str) -> None:
    template, fix = CATALOGUE[code]
    assert re.fullmatch(r"E\d{3}", code)
    assert fix, f"{code} has no suggested fix"
    names = _fields(template)
    assert names <= set(_SAMPLE), f"{code} uses fields with no sample value: {names - set(_SAMPLE)}"
    fields = {k: _SAMPLE[k] for k in names}
    message = template.format(**fields)  # a KeyError or IndexError here is a broken template
    err = RasdError(code, **fields)
    assert err.message == message
    assert err.fix == fix
    assert err.code == code
    assert str(err).startswith(f"[{code}] ")
    assert str(err) == f"[{code}] {message} — {fix}"
    assert "{" not in str(err) and "}" not in str(err)


@pytest.mark.parametrize("cls", [RasdError, InputError, ExtractionError, DataFileError, GoldFormatError])
@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_error_class_prefixes_its_code(cls: type[RasdError], code: str) -> None:
    fields = {k: _SAMPLE[k] for k in _fields(CATALOGUE[code][0])}
    err = cls(code, **fields)
    assert isinstance(err, RasdError) and isinstance(err, Exception)
    assert str(err).startswith(f"[{code}]")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_missing_fields_do_not_raise(code: str) -> None:
    # A caller that forgets a field still gets an error object with its code, not a KeyError.
    err = RasdError(code)
    assert str(err).startswith(f"[{code}]")


def test_unknown_code() -> None:
    err = RasdError("E999", detail="odd")
    assert str(err) == "[E999] odd"
    assert err.fix == ""


def test_example_from_the_module_docstring() -> None:
    err = InputError("E102", path="article.txt")
    assert str(err) == "[E102] article.txt: file is empty — nothing to extract"


@pytest.mark.parametrize("code", sorted(NOTES))
def test_notes_format(code: str) -> None:
    fields = {k: _SAMPLE[k] for k in _fields(NOTES[code])}
    line = note(code, **fields)
    assert line.startswith(f"[{code}] ")
    assert "{" not in line


def test_codes_are_unique_across_errors_and_notes() -> None:
    assert not set(CATALOGUE) & set(NOTES)
    assert all(re.fullmatch(r"W\d{3}", c) for c in NOTES)
