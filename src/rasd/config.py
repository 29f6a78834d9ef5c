"""Layered settings: packaged defaults, then a user file, then environment variables, then flags.

Each layer overrides only the keys it sets.  The packaged layer is ``rasd/defaults.yaml``; the user file is
named by ``--config`` (see :func:`configure`), else by ``RASD_CONFIG``, else ``~/.config/rasd/config.yaml`` if it
exists.  Environment variables are ``RASD_<KEY>`` for top-level keys (``RASD_DATA_DIR``) and
``RASD_<SECTION>_<KEY>`` for nested ones (``RASD_GAZETTEER_INDEX``, ``RASD_GEOCODER_NOMINATIM_URL``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import DataFileError

_FLAGS: dict[str, Any] = {}
_CONFIG_FILE: Path | None = None
_PATH_KEYS = {("data_dir",), ("gazetteer", "index"), ("gazetteer", "overrides"), ("geocoder", "cache")}


def _merge(base: dict[str, Any], layer: Mapping[str, Any], where: str) -> dict[str, Any]:
    out = dict(base)
    for key, value in layer.items():
        if key not in base:
            raise DataFileError("E303", path=where, detail=f"unknown setting {key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, Mapping):
                raise DataFileError("E303", path=where, detail=f"{key!r} must be a section")
            out[key] = _merge(base[key], value, where)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError("E301", path=str(path), detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise DataFileError("E303", path=str(path), detail="the file must be a mapping of settings")
    return data


def _relative_paths(layer: dict[str, Any], base: Path) -> dict[str, Any]:
    """Resolve the path settings of a user file against the file's directory."""
    for keys in _PATH_KEYS:
        node: Any = layer
        for k in keys[:-1]:
            node = node.get(k) if isinstance(node, dict) else None
        if isinstance(node, dict) and isinstance(node.get(keys[-1]), str):
            p = Path(node[keys[-1]]).expanduser()
            node[keys[-1]] = str(p if p.is_absolute() else base / p)
    return layer


def _typed(name: str, text: str, default: Any) -> Any:
    """An environment variable's text as the type of the setting's default (numbers stay numbers)."""
    try:
        if isinstance(default, bool):
            return text.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int | float):
            return type(default)(text)
    except ValueError:
        raise DataFileError("E303", path=name, detail=f"{text!r} is not a number") from None
    return text


def _env_layer(defaults: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in defaults.items():
        if isinstance(value, dict):
            section = {k: _typed(f"RASD_{key}_{k}".upper(), os.environ[f"RASD_{key}_{k}".upper()], v)
                       for k, v in value.items() if os.environ.get(f"RASD_{key}_{k}".upper())}
            if section:
                out[key] = section
        elif os.environ.get(f"RASD_{key}".upper()):
            out[key] = _typed(f"RASD_{key}".upper(), os.environ[f"RASD_{key}".upper()], value)
    return out


def _user_file() -> Path | None:
    if _CONFIG_FILE is not None:
        return _CONFIG_FILE
    if os.environ.get("RASD_CONFIG"):
        return Path(os.environ["RASD_CONFIG"])
    home = Path("~/.config/rasd/config.yaml").expanduser()
    return home if home.is_file() else None


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The effective settings (a nested dict), computed once until :func:`configure` changes a layer."""
    defaults = yaml.safe_load((resources.files("rasd") / "defaults.yaml").read_text(encoding="utf-8"))
    merged = dict(defaults)
    user = _user_file()
    if user is not None:
        merged = _merge(merged, _relative_paths(_read(user), user.parent), str(user))
    merged = _merge(merged, _env_layer(defaults), "environment")
    return _merge(merged, _FLAGS, "command line")


def configure(config_file: str | Path | None = None, **flags: Any) -> None:
    """Set the user file and flag overrides (``gazetteer={"index": path}``); ``None`` values are ignored."""
    global _CONFIG_FILE
    if config_file is not None:
        _CONFIG_FILE = Path(config_file)
    for key, value in flags.items():
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if v is not None}
            if value:
                _FLAGS[key] = {**_FLAGS.get(key, {}), **value}
        elif value is not None:
            _FLAGS[key] = value
    settings.cache_clear()


def environment() -> dict[str, str]:
    """Environment variables that give a child process (a ``rasd serve --workers`` process) the settings of this
    one: the user file as ``RASD_CONFIG`` and the command-line flags as ``RASD_<KEY>`` and
    ``RASD_<SECTION>_<KEY>`` (the environment layer is the one just below the flags)."""
    out: dict[str, str] = {}
    user = _user_file()
    if user is not None:
        out["RASD_CONFIG"] = str(user)
    for key, value in _FLAGS.items():
        if isinstance(value, Mapping):
            out.update({f"RASD_{key}_{k}".upper(): str(v) for k, v in value.items()})
        else:
            out[f"RASD_{key}".upper()] = str(value)
    return out


def reset() -> None:
    """Forget the user file and flags (for tests)."""
    global _CONFIG_FILE
    _CONFIG_FILE = None
    _FLAGS.clear()
    settings.cache_clear()


def get(*keys: str) -> Any:
    """One setting by its path: ``get("gazetteer", "index")``."""
    node: Any = settings()
    for k in keys:
        node = node[k]
    return node


def path_setting(*keys: str) -> Path | None:
    """A path setting with ``~`` expanded, or None when unset."""
    value = get(*keys)
    return Path(str(value)).expanduser() if value else None
