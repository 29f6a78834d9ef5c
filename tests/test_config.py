"""Layered settings: packaged defaults < user file < environment < flags."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd import config
from rasd.errors import DataFileError


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("RASD_CONFIG", "RASD_GAZETTEER_INDEX", "RASD_GEOCODER_NOMINATIM_URL", "RASD_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", "/nonexistent-home")  # no ~/.config/rasd/config.yaml
    config.reset()
    yield
    config.reset()


def test_packaged_defaults() -> None:
    assert config.get("gazetteer", "index") is None
    assert config.get("geocoder", "min_delay_seconds") == 1.0
    assert config.get("geocoder", "nominatim_url").startswith("https://nominatim.openstreetmap.org")


def test_a_user_file_overrides_only_the_keys_it_sets(tmp_path: Path) -> None:
    f = tmp_path / "rasd.yaml"
    f.write_text("gazetteer:\n  index: gaz.sqlite\ngeocoder:\n  min_delay_seconds: 2\n", encoding="utf-8")
    config.configure(f)
    assert config.path_setting("gazetteer", "index") == tmp_path / "gaz.sqlite"  # relative to the file
    assert config.get("geocoder", "min_delay_seconds") == 2
    assert config.get("geocoder", "user_agent") == "rasd-gazetteer-suggestions"  # untouched default


def test_environment_beats_the_file_and_flags_beat_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "rasd.yaml"
    f.write_text("gazetteer:\n  index: /from/file.sqlite\n", encoding="utf-8")
    monkeypatch.setenv("RASD_CONFIG", str(f))
    config.reset()
    assert config.get("gazetteer", "index") == "/from/file.sqlite"
    monkeypatch.setenv("RASD_GAZETTEER_INDEX", "/from/env.sqlite")
    config.reset()
    assert config.get("gazetteer", "index") == "/from/env.sqlite"
    config.configure(gazetteer={"index": "/from/flag.sqlite"})
    assert config.get("gazetteer", "index") == "/from/flag.sqlite"
    config.configure(gazetteer={"index": None})  # an unset flag changes nothing
    assert config.get("gazetteer", "index") == "/from/flag.sqlite"


def test_environment_values_keep_the_type_of_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_GEOCODER_MIN_DELAY_SECONDS", "2.5")
    monkeypatch.setenv("RASD_GEOCODER_TIMEOUT_SECONDS", "30")
    config.reset()
    assert config.get("geocoder", "min_delay_seconds") == 2.5
    assert config.get("geocoder", "timeout_seconds") == 30
    monkeypatch.setenv("RASD_GEOCODER_TIMEOUT_SECONDS", "soon")
    config.reset()
    with pytest.raises(DataFileError, match="RASD_GEOCODER_TIMEOUT_SECONDS"):
        config.settings()


@pytest.mark.parametrize(("text", "problem"), [
    ("gazeteer:\n  index: x\n", "unknown setting 'gazeteer'"),
    ("gazetteer: 3\n", "must be a section"),
    ("- a\n- b\n", "mapping"),
    ("gazetteer: [\n", "while parsing"),
])
def test_a_bad_user_file_names_itself_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    config.configure(f)
    with pytest.raises(DataFileError) as err:
        config.settings()
    assert str(f) in str(err.value) and problem in str(err.value)


def test_the_cli_turns_a_bad_settings_file_into_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from rasd.cli import main

    f = tmp_path / "bad.yaml"
    f.write_text("nope: 1\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["--config", str(f), "gazetteer", "lookup", "حلب"])
    assert res.exit_code == 2 and "E303" in res.output and "nope" in res.output


def test_environment_gives_a_child_process_the_same_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "rasd.yaml"
    f.write_text("geocoder:\n  max_lookups: 5\n", encoding="utf-8")
    config.configure(f, data_dir=str(tmp_path), gazetteer={"index": "/from/flag.sqlite"})
    wanted, env = config.settings(), config.environment()
    assert env == {"RASD_CONFIG": str(f), "RASD_DATA_DIR": str(tmp_path), "RASD_GAZETTEER_INDEX": "/from/flag.sqlite"}
    config.reset()  # the child: no flags, the environment instead
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert config.settings() == wanted and config.get("geocoder", "max_lookups") == 5
